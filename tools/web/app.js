// kg explorer: state (kept in the address bar), data (the /api/ of kg serve,
// or the data embedded by `kg export --format html`), filters and events.
'use strict';
(function () {
  const kg = window.kg;
  const $ = (id) => document.getElementById(id);
  const dataEl = document.getElementById('kg-data');
  const STATIC = dataEl ? JSON.parse(dataEl.textContent) : null;
  if (STATIC) document.body.classList.add('static');

  // ---- state ------------------------------------------------------------------
  const state = {
    seeds: [],            // entities whose neighbourhood is in view (server)
    depth: 1, limit: 1000, co: false, min: 0,
    preds: null,          // null = every typed relation; else a Set of predicates
    types: null,          // null = every entity type; else a Set
    mods: null,           // null = every modality; else a Set
    since: '', until: '', // YYYY-MM or ''
    size: 'degree',
    sel: '',              // selected element id
    cypher: '',           // a query whose result is drawn in the view
  };
  let stats = null;       // /api/stats, or derived from the embedded data
  let months = [];        // timeline ticks (YYYY-MM)
  const loaded = { nodes: new Map(), edges: new Map() };  // what the seeds' neighbourhoods returned
  const extra = { nodes: new Map(), edges: new Map() };   // Cypher and path results
  let view = { nodes: [], edges: [] };                     // what passes the filters, as drawn
  let busy = 0;

  function status(text, isError) {
    const el = $('status');
    el.textContent = text || '';
    el.classList.toggle('error', !!isError);
  }

  // ---- the address bar ----------------------------------------------------------
  function readUrl() {
    const p = new URLSearchParams(STATIC ? location.hash.slice(1) : location.search);
    const list = (k) => (p.get(k) ? p.get(k).split(',').filter(Boolean) : null);
    state.seeds = list('seed') || [];
    state.depth = Math.min(3, Math.max(1, parseInt(p.get('depth') || '1', 10) || 1));
    state.limit = Math.max(1, parseInt(p.get('limit') || '1000', 10) || 1000);
    state.co = p.get('co') === '1';
    state.min = Math.max(0, parseInt(p.get('min') || '0', 10) || 0);
    state.preds = list('pred') ? new Set(list('pred')) : null;
    state.types = list('type') ? new Set(list('type')) : null;
    state.mods = list('mod') ? new Set(list('mod')) : null;
    state.since = p.get('since') || '';
    state.until = p.get('until') || '';
    state.size = p.get('size') === 'pagerank' ? 'pagerank' : 'degree';
    state.sel = p.get('sel') || '';
    state.cypher = p.get('cypher') || '';
    return p.get('q') || '';
  }

  function writeUrl() {
    const p = new URLSearchParams();
    if (state.seeds.length) p.set('seed', state.seeds.join(','));
    if (state.depth !== 1) p.set('depth', state.depth);
    if (state.limit !== 1000) p.set('limit', state.limit);
    if (state.co) p.set('co', '1');
    if (state.min) p.set('min', state.min);
    if (state.preds) p.set('pred', [...state.preds].join(','));
    if (state.types) p.set('type', [...state.types].join(','));
    if (state.mods) p.set('mod', [...state.mods].join(','));
    if (state.since) p.set('since', state.since);
    if (state.until) p.set('until', state.until);
    if (state.size !== 'degree') p.set('size', state.size);
    if (state.sel) p.set('sel', state.sel);
    if (state.cypher) p.set('cypher', state.cypher);
    const s = p.toString();
    if (STATIC) history.replaceState(null, '', location.pathname + location.search + (s ? '#' + s : ''));
    else history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
  }

  // ---- data -------------------------------------------------------------------
  async function api(path, params, body) {
    const url = new URL('/api/' + path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
      else url.searchParams.set(k, v);
    }
    const res = await fetch(url, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body) } : undefined);
    const type = res.headers.get('Content-Type') || '';
    if (!type.startsWith('application/json')) {
      if (!res.ok) throw new Error(res.status + ' ' + res.statusText);
      return res.blob();
    }
    const j = await res.json();
    if (!res.ok) {
      const e = new Error(j.error || res.statusText);
      e.status = res.status;
      e.data = j;
      throw e;
    }
    return j;
  }

  function filterParams() {
    return {
      depth: state.depth, limit: state.limit, co_mentions: state.co ? 1 : 0, min_support: state.min || '',
      predicate: state.preds ? [...state.preds] : [], type: state.types ? [...state.types] : [],
      modality: state.mods ? [...state.mods] : [], since: state.since, until: state.until,
    };
  }

  function merge(into, result) {
    for (const n of result.nodes || []) into.nodes.set(n.id, n);
    for (const e of result.edges || []) into.edges.set(e.id, e);
  }

  let fetchSeq = 0;
  // Reloads the neighbourhood of every seed with the current filters.
  async function reload() {
    if (STATIC) { render(false); return; }
    const seq = ++fetchSeq;
    busy++;
    status('loading…');
    try {
      const results = await Promise.all(state.seeds.map((id) => api('neighbors', { id, ...filterParams() })));
      if (seq !== fetchSeq) return;
      loaded.nodes.clear();
      loaded.edges.clear();
      let truncated = [];
      results.forEach((r, i) => {
        merge(loaded, r);
        if (r.truncated) truncated.push((loaded.nodes.get(r.center) || {}).name || state.seeds[i]);
      });
      status(truncated.length ? 'showing the strongest ' + state.limit + ' neighbours of ' + truncated.join(', ') +
        ' (raise "max" for more)' : '');
      await render(false);
    } catch (e) {
      if (seq === fetchSeq) status(e.message, true);
    } finally {
      busy--;
    }
  }

  // ---- filtering (the same rules as the server, for everything in view) --------
  function lowerDate(d) { return !d ? '' : d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d; }
  function upperDate(d) { return !d ? '' : d.length === 4 ? d + '-12-31' : d.length === 7 ? d + '-31' : d; }
  function edgePasses(e) {
    const co = e.type === 'CO_MENTIONED';
    if (co && !state.co && !(state.preds && state.preds.has('co_mentioned'))) return false;
    if (!co && state.preds && !state.preds.has(e.predicate)) return false;
    if (state.min && (co ? e.weight : e.support) < state.min) return false;
    if (!co && state.mods && !state.mods.has(e.modality || 'asserted')) return false;
    if (state.since || state.until) {
      const start = lowerDate(e.first_seen || e.date || e.last_seen);
      const end = upperDate(e.last_seen || e.date || e.first_seen);
      if (!start || !end) return false;
      if (state.since && end < lowerDate(state.since)) return false;
      if (state.until && start > upperDate(state.until)) return false;
    }
    return true;
  }
  function nodePasses(n) { return !state.types || state.types.has(n.type || 'other'); }

  function computeView() {
    const nodes = new Map(), edges = new Map();
    const keep = new Set([...state.seeds, ...extra.nodes.keys()]);
    for (const src of [loaded, extra]) {
      for (const e of src.edges.values()) {
        if (!edgePasses(e)) continue;
        const a = loaded.nodes.get(e.source) || extra.nodes.get(e.source);
        const b = loaded.nodes.get(e.target) || extra.nodes.get(e.target);
        if (!a || !b || !nodePasses(a) || !nodePasses(b)) continue;
        edges.set(e.id, e);
        nodes.set(a.id, a);
        nodes.set(b.id, b);
      }
    }
    // Seeds and result nodes stay even without relations; in the offline
    // file every node with no relation left is hidden by the filters.
    for (const id of keep) {
      const n = loaded.nodes.get(id) || extra.nodes.get(id);
      if (n && nodePasses(n)) nodes.set(id, n);
    }
    if (STATIC && !state.since && !state.until && !state.min && !state.preds && !state.mods)
      for (const n of loaded.nodes.values()) if (nodePasses(n)) nodes.set(n.id, n);
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  let graph = null;
  // Redraws the view; `fresh` = only lay out new nodes around the old ones.
  async function render(incremental) {
    const t0 = performance.now();
    view = computeView();
    const before = graph.cy.nodes().length;
    const added = graph.sync(view.nodes, view.edges, state.seeds);
    const t1 = performance.now();
    if (added || graph.cy.nodes().length !== before) await graph.layout(incremental && before > 0);
    const t2 = performance.now();
    const names = new Map(view.nodes.map((n) => [n.id, n.name]));
    kg.renderLists(view.nodes, view.edges, names, openElement);
    document.body.dataset.phases = 'sync ' + Math.round(t1 - t0) + ' ms, layout ' + Math.round(t2 - t1) +
      ' ms, lists ' + Math.round(performance.now() - t2) + ' ms';
    const hidden = loaded.edges.size + extra.edges.size - view.edges.length;
    $('view-count').textContent = view.nodes.length + ' entities, ' + view.edges.length + ' relations in view' +
      (hidden > 0 ? ' (' + hidden + ' loaded relations hidden by the filters)' : '');
    $('view-count').dataset.nodes = view.nodes.length;
    $('view-count').dataset.edges = view.edges.length;
    updateHistogram();
    writeUrl();
    if (state.sel && graph.cy.getElementById(state.sel).nonempty()) graph.select(state.sel);
    // For tests and benchmarks: when the last drawing finished, and how long it took.
    document.body.dataset.drawn = String((parseInt(document.body.dataset.drawn || '0', 10) || 0) + 1);
    document.body.dataset.drawMs = String(Math.round(performance.now() - t0));
    document.body.dataset.drawnAt = String(Math.round(performance.now()));  // ms since the page was opened
    // ... and when the canvas next showed it (cytoscape draws on the next animation frame).
    graph.cy.one('render', () => {
      document.body.dataset.paintedAt = String(Math.round(performance.now()));
      document.body.dataset.paintMs = String(Math.round(performance.now() - t0));
    });
  }

  // ---- actions ------------------------------------------------------------------
  async function search(q) {
    q = q.trim();
    if (!q) return;
    if (STATIC) return findInView(q);
    try {
      status('searching…');
      const r = await api('search', { q });
      const hit = r.resolved ? r.results[0] : r.results.length === 1 ? r.results[0] : null;
      if (!hit) {
        status('"' + q + '" may mean: ' + r.results.map((n) => n.name + ' (' + n.type + ')').join(', ') + ' — pick one');
        fillSuggestions(r.results);
        return;
      }
      state.seeds = [hit.id];
      extra.nodes.clear();
      extra.edges.clear();
      state.sel = hit.id;
      graph.cy.elements().remove();
      await reload();
      openElement(hit.id);
    } catch (e) {
      status(e.message, true);
    }
  }

  function normalise(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  // The offline file: find an entity of the exported graph by name or alias.
  function findInView(q) {
    const nq = normalise(q);
    const all = [...loaded.nodes.values()];
    const score = (n) => {
      const forms = [n.name, ...(n.aliases || [])].map(normalise);
      if (forms.includes(nq)) return 3;
      if (forms.some((f) => f.endsWith(' ' + nq))) return 2;
      if (forms.some((f) => f.startsWith(nq))) return 1;
      return 0;
    };
    const best = all.map((n) => [score(n), n]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
    if (!best.length) { status('no entity named "' + q + '" in this file', true); return; }
    status(best.length > 1 && best[0][0] === best[1][0] ? best.length + ' matches; showing ' + best[0][1].name : '');
    openElement(best[0][1].id);
    graph.cy.animate({ center: { eles: graph.cy.getElementById(best[0][1].id) }, zoom: 1.2 }, { duration: 200 });
  }

  async function expand(id) {
    if (STATIC) return;
    if (!state.seeds.includes(id)) state.seeds.push(id);
    busy++;
    try {
      status('expanding…');
      const r = await api('neighbors', { id, ...filterParams() });
      merge(loaded, r);
      status(r.truncated ? 'showing the strongest ' + state.limit + ' of ' + r.total + ' neighbours' : '');
      await render(true);
    } catch (e) {
      status(e.message, true);
    } finally {
      busy--;
    }
  }

  function elementData(id) {
    return loaded.nodes.get(id) || extra.nodes.get(id) || loaded.edges.get(id) || extra.edges.get(id);
  }

  async function openElement(id) {
    const el = elementData(id);
    if (!el) return;
    state.sel = id;
    graph.select(id);
    writeUrl();
    if ('source' in el) return openEdge(el);
    kg.renderEntity(el, null, actions, !STATIC);
    if (STATIC) return;
    try {
      const info = await api('entity', { id });
      if (state.sel === id) kg.renderEntity(el, info, actions, true);
    } catch (e) { /* the panel without counts */ }
  }

  async function openEdge(edge) {
    const names = (k) => (elementData(k) || {}).name || k;
    const base = { ...edge, source_name: names(edge.source), target_name: names(edge.target) };
    if (STATIC) {
      kg.renderEvidence(base, STATIC.evidence[edge.id] || [], STATIC.evidence_total[edge.id]);
      return;
    }
    try {
      const r = await api('evidence', { edge: edge.id });
      if (state.sel === edge.id) kg.renderEvidence({ ...base, ...r.edge }, r.evidence);
    } catch (e) {
      status(e.message, true);
    }
  }

  const actions = {
    expand,
    pathFrom: (n) => { $('path-from').value = n.name; },
    pathTo: (n) => { $('path-to').value = n.name; },
  };

  async function findPath(from, to, all) {
    if (!from || !to) return;
    if (STATIC) {
      const cy = graph.cy;
      const pick = (q) => [...loaded.nodes.values()].find((n) => normalise(n.name) === normalise(q) || n.id === q);
      const a = pick(from), b = pick(to);
      if (!a || !b) { status('both ends must be entities of this file', true); return; }
      const r = cy.elements().aStar({ root: cy.getElementById(a.id), goal: cy.getElementById(b.id), directed: false });
      if (!r.found) { status('no path between ' + a.name + ' and ' + b.name + ' in this view', true); return; }
      graph.highlightPath(r.path.map((x) => x.id()));
      status(r.distance + ' hop(s): ' + r.path.nodes().map((n) => n.data('name')).join(' → '));
      return;
    }
    try {
      status('searching a path…');
      const r = await api('path', { from, to, all: all ? 1 : 0, co_mentions: state.co ? 1 : 0,
        predicate: state.preds ? [...state.preds] : [], modality: state.mods ? [...state.mods] : [],
        min_support: state.min || '', since: state.since, until: state.until });
      if (!r.paths.length) { status(r.message, true); return; }
      merge(extra, r);
      await render(true);
      graph.highlightPath([...r.paths.flatMap((p) => p.nodes), ...r.paths.flatMap((p) => p.edges)]);
      const names = new Map(r.nodes.map((n) => [n.id, n.name]));
      status(r.paths.length + ' shortest path(s) of ' + r.hops + ' hop(s): ' + r.paths[0].nodes.map((k) => names.get(k)).join(' → '));
    } catch (e) {
      status(e.message, true);
    }
  }

  async function runCypher(text, draw) {
    if (STATIC || !text.trim()) return;
    try {
      status('running the query…');
      const r = await api('query', null, { query: text });
      let drawn = 0;
      if (draw && (r.graph.nodes.length || r.graph.edges.length)) {
        merge(extra, r.graph);
        state.cypher = text;
        drawn = r.graph.nodes.length + r.graph.edges.length;
        await render(true);
      }
      kg.renderQuery(r, null, drawn);
      status(r.rows.length + ' row(s)');
    } catch (e) {
      kg.renderQuery(null, e.message);
      status('the query failed', true);
    }
  }

  async function exportView(format) {
    try {
      let blob;
      if (format === 'png') blob = graph.png();
      else if (format === 'json') blob = new Blob([JSON.stringify({ nodes: view.nodes, edges: view.edges }, null, 1)], { type: 'application/json' });
      else blob = await api('export', null, { format, nodes: view.nodes.map((n) => n.id), edges: view.edges.map((e) => e.id) });
      const ext = { graphml: 'graphml', gexf: 'gexf', png: 'png', json: 'json' }[format];
      const a = kg.h('a', { href: URL.createObjectURL(blob), download: 'kg-view.' + ext });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      status(e.message, true);
    }
  }

  // ---- suggestions ----------------------------------------------------------------
  function fillSuggestions(results) {
    $('search-list').replaceChildren(...results.map((n) => kg.h('option', { value: n.name }, n.type + ' · ' + n.id)));
  }
  let suggestTimer = 0;
  function suggest(q) {
    clearTimeout(suggestTimer);
    if (STATIC) {
      const nq = normalise(q);
      if (nq.length < 2) return;
      fillSuggestions([...loaded.nodes.values()].filter((n) => normalise(n.name).includes(nq)).slice(0, 10));
      return;
    }
    suggestTimer = setTimeout(async () => {
      if (q.trim().length < 2) return;
      try { fillSuggestions((await api('suggest', { q })).results); } catch (e) { /* no suggestions */ }
    }, 150);
  }

  // ---- filter controls -------------------------------------------------------------
  function checkboxes(fieldset, values, counts, selected, onChange) {
    const el = $(fieldset);
    const legend = el.querySelector('legend');
    el.replaceChildren(legend, ...values.map((v) => kg.h('label', null,
      kg.h('input', { type: 'checkbox', value: v, checked: !selected || selected.has(v), onchange: onChange }),
      ' ', v, counts && counts[v] !== undefined ? kg.h('span', { class: 'hint' }, ' ' + counts[v]) : null)));
  }
  function checkedSet(fieldset, all) {
    const on = [...$(fieldset).querySelectorAll('input:checked')].map((i) => i.value);
    return on.length === all.length ? null : new Set(on);
  }

  let reloadTimer = 0;
  function filtersChanged(now) {
    clearTimeout(reloadTimer);
    if (STATIC) { render(false); return; }
    reloadTimer = setTimeout(() => reload(), now ? 0 : 250);
  }

  function monthsBetween(lo, hi) {
    const out = [];
    if (!lo || !hi) return out;
    let y = parseInt(lo.slice(0, 4), 10), m = lo.length >= 7 ? parseInt(lo.slice(5, 7), 10) : 1;
    const ey = parseInt(hi.slice(0, 4), 10), em = hi.length >= 7 ? parseInt(hi.slice(5, 7), 10) : 12;
    while ((y < ey || (y === ey && m <= em)) && out.length < 1200) {
      out.push(y + '-' + String(m).padStart(2, '0'));
      if (++m > 12) { m = 1; y++; }
    }
    return out;
  }

  function setupTimeline() {
    months = monthsBetween(stats.date_min, stats.date_max);
    const max = Math.max(0, months.length - 1);
    for (const id of ['since', 'until']) { $(id).max = max; }
    const idx = (d, def) => { const i = months.indexOf((d || '').slice(0, 7)); return i < 0 ? def : i; };
    $('since').value = idx(state.since, 0);
    $('until').value = idx(state.until, max);
    timelineLabels();
  }
  function timelineLabels() {
    $('since-label').textContent = state.since || (months[0] ? months[0] + ' (all)' : 'any');
    $('until-label').textContent = state.until || (months.length ? months[months.length - 1] + ' (all)' : 'any');
  }
  function timelineChanged() {
    let lo = parseInt($('since').value, 10), hi = parseInt($('until').value, 10);
    if (lo > hi) { [lo, hi] = [hi, lo]; }
    state.since = lo > 0 ? months[lo] : '';
    state.until = hi < months.length - 1 ? months[hi] : '';
    timelineLabels();
    filtersChanged(false);
  }
  function updateHistogram() {
    const counts = months.map(() => 0);
    const pos = new Map(months.map((m, i) => [m, i]));
    for (const src of [loaded, extra])
      for (const e of src.edges.values()) {
        const d = (e.date || e.first_seen || '').slice(0, 7);
        if (pos.has(d)) counts[pos.get(d)]++;
      }
    kg.drawHistogram($('histogram'), months, counts, parseInt($('since').value, 10) || 0,
      parseInt($('until').value, 10) || Math.max(0, months.length - 1));
  }

  function buildControls() {
    const typed = stats.all_predicates.filter((p) => p !== 'co_mentioned');
    checkboxes('predicates', typed, stats.predicates, state.preds, () => { state.preds = checkedSet('predicates', typed); filtersChanged(true); });
    checkboxes('types', stats.all_types, stats.types, state.types, () => { state.types = checkedSet('types', stats.all_types); filtersChanged(true); });
    checkboxes('modalities', stats.modalities, null, state.mods, () => { state.mods = checkedSet('modalities', stats.modalities); filtersChanged(true); });
    kg.renderLegend(stats.all_types.filter((t) => !stats.types || stats.types[t]));
    $('depth').value = String(state.depth);
    $('limit').value = String(state.limit);
    $('co-mentions').checked = state.co;
    $('min-support').value = String(state.min);
    $('size-by').value = state.size;
    setupTimeline();
  }

  function wire() {
    $('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search($('search').value); });
    $('search').addEventListener('input', (ev) => suggest(ev.target.value));
    $('path-from').addEventListener('input', (ev) => suggest(ev.target.value));
    $('path-to').addEventListener('input', (ev) => suggest(ev.target.value));
    $('depth').addEventListener('change', (ev) => { state.depth = parseInt(ev.target.value, 10); filtersChanged(true); });
    $('limit').addEventListener('change', (ev) => { state.limit = Math.max(1, parseInt(ev.target.value, 10) || 1000); filtersChanged(true); });
    $('co-mentions').addEventListener('change', (ev) => { state.co = ev.target.checked; filtersChanged(true); });
    $('min-support').addEventListener('change', (ev) => { state.min = Math.max(0, parseInt(ev.target.value, 10) || 0); filtersChanged(true); });
    $('since').addEventListener('input', timelineChanged);
    $('until').addEventListener('input', timelineChanged);
    $('time-reset').addEventListener('click', () => {
      state.since = state.until = '';
      setupTimeline();
      filtersChanged(true);
    });
    $('size-by').addEventListener('change', (ev) => { state.size = ev.target.value; graph.sizeBy = state.size; graph.resize(); writeUrl(); });
    $('relayout').addEventListener('click', () => graph.layout(false, true));
    $('clear').addEventListener('click', () => {
      state.seeds = [];
      state.sel = '';
      state.cypher = '';
      loaded.nodes.clear(); loaded.edges.clear(); extra.nodes.clear(); extra.edges.clear();
      kg.showWelcome();
      render(false);
    });
    $('path-form').addEventListener('submit', (ev) => { ev.preventDefault(); findPath($('path-from').value, $('path-to').value, $('path-all').checked); });
    $('cypher-form').addEventListener('submit', (ev) => { ev.preventDefault(); runCypher($('cypher').value, $('cypher-graph').checked); });
    $('cypher').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runCypher($('cypher').value, $('cypher-graph').checked); }
    });
    for (const f of ['graphml', 'gexf', 'png', 'json']) $('export-' + f).addEventListener('click', () => exportView(f));
  }

  // ---- start -------------------------------------------------------------------------
  function staticStats() {
    const preds = {}, types = {};
    let lo = '', hi = '';
    for (const e of STATIC.edges) {
      preds[e.predicate] = (preds[e.predicate] || 0) + 1;
      for (const d of [e.first_seen, e.date, e.last_seen]) {
        if (!d) continue;
        if (!lo || d < lo) lo = d;
        if (!hi || d > hi) hi = d;
      }
    }
    for (const n of STATIC.nodes) types[n.type] = (types[n.type] || 0) + 1;
    const allPreds = ['meets', 'visits', 'located_in', 'leader_of', 'member_of', 'allied_with', 'cooperates_with',
      'supplies', 'attacks', 'supports', 'opposes', 'threatens', 'sanctions', 'negotiates_with', 'co_mentioned'];
    const extraPreds = Object.keys(preds).filter((p) => !allPreds.includes(p));
    return { predicates: preds, types, date_min: lo || null, date_max: hi || null,
      all_predicates: allPreds.concat(extraPreds), all_types: ['person', 'organization', 'country', 'city', 'region', 'group', 'event', 'other'],
      modalities: ['asserted', 'reported', 'speculated'] };
  }

  async function start() {
    const q = readUrl();
    graph = new kg.GraphView($('cy'), {
      node: (id) => openElement(id),
      edge: (id) => openElement(id),
      expand: (id) => expand(id),
      background: () => { state.sel = ''; writeUrl(); },
    });
    graph.sizeBy = state.size;
    wire();
    if (STATIC) {
      const m = STATIC.meta || {};
      $('title-text').textContent = (m.title || 'export').replace(/^kg:?\s*/, '') || 'export';
      document.title = m.title || 'kg graph';
      status((m.description ? m.description + ' · ' : '') + 'exported ' + (m.generated || ''));
      if (!state.co && STATIC.edges.length && STATIC.edges.every((e) => e.type === 'CO_MENTIONED')) state.co = true;
      for (const n of STATIC.nodes) loaded.nodes.set(n.id, n);
      for (const e of STATIC.edges) loaded.edges.set(e.id, e);
      stats = staticStats();
      buildControls();
      await render(false);
      if (state.sel) openElement(state.sel);
      return;
    }
    try {
      stats = await api('stats');
    } catch (e) {
      status('cannot reach kg serve: ' + e.message, true);
      return;
    }
    buildControls();
    if (q) { $('search').value = q; await search(q); }
    else if (state.seeds.length) await reload();
    else await render(false);
    if (state.cypher) { $('cypher').value = state.cypher; $('cypher-graph').checked = true; await runCypher(state.cypher, true); }
    if (!q && state.sel && elementData(state.sel)) openElement(state.sel);  // search() opened q's entity
  }

  kg.app = { state, get view() { return view; }, get graph() { return graph; }, get busy() { return busy; } };
  start();
})();
