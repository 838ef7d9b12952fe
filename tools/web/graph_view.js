// kg explorer: the drawing (cytoscape.js + the fCoSE force layout).
// Colour by entity type, size by degree or PageRank in the view, labels kept
// readable (halo, size by importance, hidden below a minimum zoomed size),
// relation labels shown when few or on hover/selection.
'use strict';
(function () {
  const kg = (window.kg = window.kg || {});

  const TYPE_COLORS = {
    person: '#4e79a7', organization: '#f28e2b', country: '#e15759', city: '#59a1a0', region: '#59a14f',
    group: '#b6992d', event: '#b07aa1', other: '#9c755f',
  };
  const PRED_COLORS = {
    meets: '#1f77b4', visits: '#17becf', located_in: '#a5a62a', leader_of: '#9467bd', member_of: '#8c564b',
    allied_with: '#2ca02c', cooperates_with: '#4daf4a', supplies: '#ff7f0e', attacks: '#d62728',
    supports: '#3c8d2f', opposes: '#e377c2', threatens: '#c44e52', sanctions: '#6b6b6b',
    negotiates_with: '#5b8fd1', co_mentioned: '#c2c2c2',
  };
  kg.TYPE_COLORS = TYPE_COLORS;
  kg.PRED_COLORS = PRED_COLORS;

  if (window.cytoscapeFcose && window.cytoscape) window.cytoscape.use(window.cytoscapeFcose);

  const MIN_LABEL_PX = 7;  // labels smaller on screen are not drawn
  const MIN_LABEL_PX_BIG = 10;  // the same in a view of over 400 nodes (dense)
  const style = [
    { selector: 'node', style: {
      'background-color': (n) => TYPE_COLORS[n.data('type')] || TYPE_COLORS.other,
      'width': 'data(size)', 'height': 'data(size)',
      'label': 'data(name)', 'font-size': 'data(font)', 'color': '#1d1d1b',
      'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3,
      'text-outline-color': '#ffffff', 'text-outline-width': 2.5, 'text-outline-opacity': 0.95,
      'text-wrap': 'ellipsis', 'text-max-width': '220px', 'min-zoomed-font-size': MIN_LABEL_PX,
      'border-width': 1, 'border-color': '#ffffff', 'z-index': 'data(z)',
    } },
    // A label too small to read at this zoom is not drawn at all (quietLabels).
    { selector: 'node.quiet', style: { 'label': '' } },
    { selector: 'node.seed', style: { 'border-width': 3, 'border-color': '#1d1d1b' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffb000', 'label': 'data(name)' } },
    { selector: 'edge', style: {
      'curve-style': 'bezier', 'control-point-step-size': 24,
      'width': 'data(width)', 'line-color': (e) => PRED_COLORS[e.data('predicate')] || '#888',
      'target-arrow-color': (e) => PRED_COLORS[e.data('predicate')] || '#888',
      'target-arrow-shape': (e) => (e.data('symmetric') ? 'none' : 'triangle'), 'arrow-scale': 0.9,
      'opacity': 0.85, 'font-size': 10, 'color': '#333', 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
      'min-zoomed-font-size': 8,
    } },
    { selector: 'edge[?co]', style: { 'line-style': 'dashed', 'opacity': 0.55 } },
    { selector: 'edge.labelled, edge:selected, edge.hover', style: { 'label': 'data(predicate)' } },
    { selector: 'edge:selected', style: { 'width': 5, 'opacity': 1, 'line-color': '#ffb000', 'target-arrow-color': '#ffb000' } },
    { selector: '.path', style: { 'border-color': '#ff6a00', 'border-width': 4, 'line-color': '#ff6a00',
      'target-arrow-color': '#ff6a00', 'width': 5, 'opacity': 1 } },
    { selector: '.faded', style: { 'opacity': 0.15, 'text-opacity': 0.2 } },
  ];

  // A big view's first layout: the seeds (class 'seed'; else the node of
  // highest degree) in the centre, every other node on rings by its hop
  // distance from them (a level takes as many rings as its nodes need, the
  // nodes spaced by their size), ordered round the circle by the angle of
  // the node that reached them and then by type, so that the neighbours of
  // one node and the nodes of one type sit together. Nodes no seed reaches
  // go on the outermost rings. O(nodes + edges). Returns {id: {x, y}}.
  function radialPositions(cy) {
    const nodes = cy.nodes();
    let roots = nodes.filter('.seed');
    if (roots.empty()) roots = nodes.max((m) => m.degree(false)).ele.collection();
    const angle = new Map(), pos = {};
    const levels = [roots.toArray()];
    const seen = new Set(levels[0].map((m) => m.id()));
    for (let frontier = levels[0]; frontier.length;) {
      const next = [];
      for (const m of frontier) {
        m.neighborhood('node').forEach((k) => {
          if (seen.has(k.id())) return;
          seen.add(k.id());
          angle.set(k.id(), m.id());  // the parent for now; its angle once placed
          next.push(k);
        });
      }
      if (next.length) levels.push(next);
      frontier = next;
    }
    const rest = nodes.filter((m) => !seen.has(m.id())).toArray();
    if (rest.length) levels.push(rest);
    const theta = (m) => { const p = angle.get(m.id()); return typeof p === 'number' ? p : angle.get(p) || 0; };
    let outer = 0;
    levels.forEach((level, li) => {
      if (li > 0) {
        const key = new Map(level.map((m) => [m.id(), theta(m)]));
        level.sort((a, b) => key.get(a.id()) - key.get(b.id()) || String(a.data('type')).localeCompare(String(b.data('type'))));
      }
      if (li === 0 && level.length === 1) {
        pos[level[0].id()] = { x: 0, y: 0 };
        angle.set(level[0].id(), 0);
        outer = level[0].data('size') / 2;
        return;
      }
      let size = 0;
      for (const m of level) size += m.data('size') || 20;
      const step = size / level.length + 12;  // centre-to-centre along a ring
      // Rings outward from `outer` until they hold the level.
      const rings = [];
      let room = 0;
      for (let r = outer + step * 1.5; room < level.length; r += step) {
        const cap = Math.max(1, Math.floor((2 * Math.PI * r) / step));
        rings.push({ r, cap, used: 0 });
        room += cap;
      }
      // Each node goes to the ring whose next free slot comes first round
      // the circle, so that all rings fill evenly as the angle grows.
      const scale = level.length / room;
      for (const m of level) {
        let best = rings[0], bestAt = Infinity;
        for (const ring of rings) {
          const at = (ring.used + 0.5) / (ring.cap * scale);
          if (ring.used < ring.cap && at < bestAt) { best = ring; bestAt = at; }
        }
        const a = 2 * Math.PI * bestAt;
        best.used++;
        pos[m.id()] = { x: best.r * Math.cos(a), y: best.r * Math.sin(a) };
        angle.set(m.id(), a);
      }
      outer = rings[rings.length - 1].r;
    });
    return pos;
  }

  // The drawing in `container`; `handlers` = {node(id), edge(id), background(), expand(id)}.
  kg.GraphView = class GraphView {
    constructor(container, handlers) {
      this.handlers = handlers;
      this.sizeBy = 'degree';
      this.cy = window.cytoscape({
        container, style, elements: [], wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4,
        boxSelectionEnabled: false,
      });
      const cy = this.cy;
      cy.on('tap', 'node', (ev) => handlers.node(ev.target.id()));
      cy.on('dbltap', 'node', (ev) => handlers.expand(ev.target.id()));
      cy.on('tap', 'edge', (ev) => handlers.edge(ev.target.id()));
      cy.on('tap', (ev) => { if (ev.target === cy) handlers.background(); });
      cy.on('mouseover', 'node', (ev) => this.focus(ev.target));
      cy.on('mouseout', 'node', () => this.unfocus());
      cy.on('mouseover', 'edge', (ev) => ev.target.addClass('hover'));
      cy.on('mouseout', 'edge', (ev) => ev.target.removeClass('hover'));
      let pending = false;
      cy.on('zoom', () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => { pending = false; this.quietLabels(); });
      });
    }

    // Drops the labels that would be drawn smaller than MIN_LABEL_PX (in a
    // big view MIN_LABEL_PX_BIG: a thousand labels of 7 px only cover each
    // other) at this zoom and restores the others. cytoscape's
    // min-zoomed-font-size hides small labels too, but still measures and
    // caches every one: ~0.6 s of the first frame of a 1,000-node view in
    // headless Chromium.
    quietLabels() {
      const cy = this.cy;
      const z = cy.zoom();
      const min = cy.nodes().length > 400 ? MIN_LABEL_PX_BIG : MIN_LABEL_PX;
      cy.batch(() => cy.nodes().forEach((n) => {
        const quiet = n.data('font') * z < min;
        if (quiet !== n.hasClass('quiet')) n.toggleClass('quiet', quiet);
      }));
    }

    focus(node) {
      if (this.cy.nodes().length < 12) return;
      const keep = node.closedNeighborhood();
      this.cy.elements().not(keep).addClass('faded');
    }
    unfocus() { this.cy.elements().removeClass('faded'); }

    // Makes the drawing show exactly `nodes` and `edges` (arrays of API
    // elements); new nodes start beside a drawn neighbour. Returns the number
    // of nodes added.
    sync(nodes, edges, seeds) {
      const cy = this.cy;
      const want = new Set();
      for (const n of nodes) want.add(n.id);
      for (const e of edges) want.add(e.id);
      let added = 0;
      cy.batch(() => {
        cy.elements().forEach((el) => { if (!want.has(el.id())) cy.remove(el); });
        const fresh = [];
        for (const n of nodes) {
          if (cy.getElementById(n.id).nonempty()) continue;
          fresh.push({ group: 'nodes', data: { ...n, size: 24, font: 11, z: 1 } });
        }
        for (const e of edges) {
          if (cy.getElementById(e.id).nonempty()) continue;
          fresh.push({ group: 'edges', data: { ...e, co: e.type === 'CO_MENTIONED',
            width: Math.min(7, 1.2 + Math.log2(1 + (e.type === 'CO_MENTIONED' ? e.weight : e.support || 1))) } });
        }
        const hadNodes = cy.nodes().nonempty();
        const placed = cy.add(fresh);
        added = placed.nodes().length;
        // Start new nodes next to a neighbour that is already placed (none
        // in a first view: its layout starts from random positions).
        if (hadNodes) placed.nodes().forEach((n) => {
          const old = n.neighborhood('node').filter((m) => !placed.contains(m));
          if (old.nonempty()) {
            const p = old[0].position();
            n.position({ x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 });
          }
        });
        cy.nodes().removeClass('seed');
        for (const s of seeds || []) cy.getElementById(s).addClass('seed');
        cy.edges().toggleClass('labelled', cy.edges().length <= 60);
      });
      this.resize();
      return added;
    }

    // Node sizes and label sizes from degree or PageRank within the view.
    resize() {
      const cy = this.cy;
      const nodes = cy.nodes();
      if (nodes.empty()) return;
      let score;
      if (this.sizeBy === 'pagerank' && cy.edges().nonempty()) {
        const pr = cy.elements().pageRank({ dampingFactor: 0.85 });
        score = (n) => pr.rank(n);
      } else {
        score = (n) => n.degree(false);
      }
      let max = 0;
      nodes.forEach((n) => { max = Math.max(max, score(n)); });
      const many = nodes.length > 150;
      cy.batch(() => nodes.forEach((n) => {
        const r = max > 0 ? Math.sqrt(score(n) / max) : 0;
        n.data('size', Math.round((many ? 14 : 20) + r * (many ? 46 : 54)));
        n.data('font', Math.round((many ? 9 : 11) + r * 9));
        n.data('z', Math.round(r * 100));
      }));
    }

    // Force layout; `fresh` = only new nodes moved a lot (incremental);
    // `force` = the full force layout even for a big view (re-layout button).
    // A big view's first layout is rings around the seeds (radialPositions):
    // fCoSE's quick 'draft' quality (spectral only) put every leaf of a hub
    // on one spot, and its full quality takes seconds for 1,000 nodes.
    layout(fresh, force) {
      const cy = this.cy;
      const n = cy.nodes().length;
      if (n === 0) return Promise.resolve();
      const big = n > 400;
      const opts = big && !fresh && !force ? {
        name: 'preset', positions: radialPositions(cy), animate: false, fit: true, padding: 30,
      } : {
        name: 'fcose', animate: false, randomize: !fresh && !big, fit: true, padding: 30,
        quality: big && !force ? 'draft' : 'default', nodeDimensionsIncludeLabels: !big,
        nodeRepulsion: () => (big ? 4500 : 9000), idealEdgeLength: () => (big ? 60 : 95),
        edgeElasticity: () => 0.45, gravity: 0.3, numIter: big ? 600 : 2500, packComponents: true,
        nodeSeparation: 90, uniformNodeDimensions: big,
      };
      // A big view is laid out without labels (not measured), which then
      // show where readable at the zoom the layout fitted.
      if (big) cy.nodes().addClass('quiet');
      return new Promise((resolve) => {
        const l = cy.layout(opts);
        l.one('layoutstop', () => { this.quietLabels(); resolve(); });
        l.run();
      });
    }

    select(id) {
      this.cy.elements().unselect();
      const el = this.cy.getElementById(id);
      if (el.nonempty()) el.select();
      return el;
    }

    highlightPath(ids) {
      this.cy.elements().removeClass('path');
      for (const id of ids) this.cy.getElementById(id).addClass('path');
    }

    png() { return this.cy.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' }); }
  };
})();
