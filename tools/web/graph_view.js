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

  const style = [
    { selector: 'node', style: {
      'background-color': (n) => TYPE_COLORS[n.data('type')] || TYPE_COLORS.other,
      'width': 'data(size)', 'height': 'data(size)',
      'label': 'data(name)', 'font-size': 'data(font)', 'color': '#1d1d1b',
      'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3,
      'text-outline-color': '#ffffff', 'text-outline-width': 2.5, 'text-outline-opacity': 0.95,
      'text-wrap': 'ellipsis', 'text-max-width': '220px', 'min-zoomed-font-size': 7,
      'border-width': 1, 'border-color': '#ffffff', 'z-index': 'data(z)',
    } },
    { selector: 'node.seed', style: { 'border-width': 3, 'border-color': '#1d1d1b' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffb000' } },
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

    // Force layout; `fresh` = only new nodes moved a lot (incremental).
    layout(fresh) {
      const cy = this.cy;
      const n = cy.nodes().length;
      if (n === 0) return Promise.resolve();
      const big = n > 400;
      const opts = {
        name: 'fcose', animate: false, randomize: !fresh, fit: true, padding: 30,
        quality: big ? 'draft' : 'default', nodeDimensionsIncludeLabels: !big,
        nodeRepulsion: () => (big ? 4500 : 9000), idealEdgeLength: () => (big ? 60 : 95),
        edgeElasticity: () => 0.45, gravity: 0.3, numIter: big ? 600 : 2500, packComponents: true,
        nodeSeparation: 90, uniformNodeDimensions: big,
      };
      return new Promise((resolve) => {
        const l = cy.layout(opts);
        l.one('layoutstop', () => resolve());
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
