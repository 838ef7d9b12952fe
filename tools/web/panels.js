// kg explorer: the panels (entity, evidence, query result), the text lists of
// the view, the legend and the timeline histogram. Everything from the graph
// is written as text nodes, never as HTML.
'use strict';
(function () {
  const kg = (window.kg = window.kg || {});

  // h('p', {class: 'x'}, 'text', child, ...): an element; null/false children are skipped.
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }
  kg.h = h;

  // Replaces the children of `el` with `kids` (nested arrays flattened; null,
  // undefined and false skipped, which replaceChildren would print as text).
  function fill(el, ...kids) {
    el.replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
  }

  function kv(pairs) {
    const dl = h('dl', { class: 'kv' });
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
      dl.append(h('dt', null, k), h('dd', null, Array.isArray(v) ? v.join(', ') : v));
    }
    return dl;
  }

  function arrow(e) { return e.symmetric ? ' — ' + e.predicate + ' — ' : ' — ' + e.predicate + ' → '; }

  function show(id) {
    for (const p of ['welcome', 'entity-panel', 'evidence-panel', 'query-panel'])
      document.getElementById(p).hidden = p !== id && !(id === 'query-panel+' && p === 'query-panel');
  }

  // The entity panel; `info` may carry relation counts (server); `actions` = {expand, pathFrom, pathTo}.
  kg.renderEntity = function (node, info, actions, canExpand) {
    const panel = document.getElementById('entity-panel');
    fill(panel,
      h('h2', null, 'Entity'),
      h('h3', null, h('span', { class: 'swatch', style: 'background:' + (kg.TYPE_COLORS[node.type] || '#999') }), node.name),
      kv([['type', node.type], ['id', node.id], ['aliases', node.aliases], ['country', node.country],
        ['relations', info ? info.degree + ' (' + info.typed_degree + ' typed)' : null]]),
      info && Object.keys(info.relations || {}).length
        ? h('table', null, h('thead', null, h('tr', null, h('th', null, 'relation'), h('th', null, 'out'), h('th', null, 'in'))),
          h('tbody', null, Object.entries(info.relations).map(([p, c]) =>
            h('tr', null, h('td', null, p), h('td', null, c.out), h('td', null, c.in)))))
        : null,
      h('div', { class: 'row' },
        canExpand ? h('button', { type: 'button', id: 'expand', class: 'primary', onclick: () => actions.expand(node.id) }, 'Expand neighbours') : null,
        h('button', { type: 'button', class: 'small', onclick: () => actions.pathFrom(node) }, 'path from here'),
        h('button', { type: 'button', class: 'small', onclick: () => actions.pathTo(node) }, 'path to here')));
    show('entity-panel');
  };

  // The evidence panel: the relationship and every supporting sentence with its article.
  kg.renderEvidence = function (edge, items, total) {
    const panel = document.getElementById('evidence-panel');
    const facts = [];
    if (edge.type === 'CO_MENTIONED') facts.push(edge.weight + ' sentence(s) mention both');
    else facts.push('support ' + edge.support + ' article(s)');
    if (edge.date) facts.push('date ' + edge.date);
    if (edge.modality) facts.push(edge.modality);
    if (edge.location_name || edge.location) facts.push('in ' + (edge.location_name || edge.location));
    if (edge.first_seen) facts.push('seen ' + edge.first_seen + (edge.last_seen && edge.last_seen !== edge.first_seen ? ' – ' + edge.last_seen : ''));
    const list = h('ol', { class: 'evidence', id: 'evidence-list' });
    for (const e of items) {
      list.append(h('li', { class: 'evidence-item' },
        h('blockquote', { class: 'sentence' }, '“' + e.sentence + '”'),
        h('div', { class: 'article' },
          h('strong', { class: 'article-title' }, e.title || e.article), ' · ', e.date || 'undated',
          e.source ? ' · ' + e.source : '', h('br'),
          'article ', h('code', { class: 'article-id' }, e.article),
          e.path && e.path !== e.article ? [' (file ', h('code', null, e.path), ')'] : null, h('br'),
          e.modality || 'asserted', e.rule ? ' · rule ' + e.rule : '',
          e.provenance && e.provenance !== 'article' ? ' · ' + e.provenance : '')));
    }
    fill(panel,
      h('h2', null, 'Evidence'),
      h('h3', { id: 'evidence-title' }, (edge.source_name || edge.source) + arrow(edge) + (edge.target_name || edge.target)),
      h('p', { class: 'facts' }, facts.join(' · ')),
      items.length ? list : h('p', { class: 'hint' }, edge.type === 'CO_MENTIONED'
        ? 'Co-mentions keep no sentences: both names appear in the same sentence of the articles counted.'
        : 'No sentences stored for this relation.'),
      total && total > items.length ? h('p', { class: 'hint' }, 'Showing ' + items.length + ' of ' + total + ' sentences.') : null);
    show('evidence-panel');
  };

  function cellText(v) {
    if (v === null || v === undefined) return 'null';
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v)) return '[' + v.map(cellText).join(', ') + ']';
    if ('_labels' in v) return v.name || v.id || '(node ' + v._id + ')';
    if ('_type' in v) return '[:' + v._type + ']';
    if ('nodes' in v && 'relationships' in v) return v.nodes.map((n) => n.name || n._id).join(' → ');
    return JSON.stringify(v);
  }

  // The Cypher result: a table (and a note when it was drawn in the view).
  kg.renderQuery = function (result, error, drawn) {
    const panel = document.getElementById('query-panel');
    if (error) {
      fill(panel, h('h2', null, 'Query result'), h('pre', { class: 'error', id: 'query-error' }, error));
      show('query-panel');
      return;
    }
    const cols = result.columns.length ? result.columns : (result.plan ? ['operator', 'details'] : []);
    const rows = result.plan && !result.columns.length ? result.plan.map((p) => [p.operator, p.details]) : result.rows;
    const table = h('table', { id: 'query-table' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', null, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((v) => h('td', null, cellText(v)))))));
    fill(panel,
      h('h2', null, 'Query result'),
      h('p', { class: 'facts', id: 'query-summary' }, rows.length + ' row(s) in ' + Math.round(result.elapsed_ms || 0) + ' ms' +
        (drawn ? ' · ' + drawn + ' element(s) drawn in the view' : '')),
      (result.warnings || []).map((w) => h('p', { class: 'hint' }, 'note: ' + w)),
      table);
    show('query-panel');
  };

  kg.showWelcome = () => show('welcome');

  // The text lists of the view; `open(id)` opens an element's panel.
  kg.renderLists = function (nodes, edges, names, open) {
    const degree = new Map();
    for (const e of edges) {
      degree.set(e.source, (degree.get(e.source) || 0) + 1);
      degree.set(e.target, (degree.get(e.target) || 0) + 1);
    }
    const sorted = [...nodes].sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0) || a.name.localeCompare(b.name));
    document.querySelector('#node-table tbody').replaceChildren(...sorted.map((n) =>
      h('tr', { 'data-id': n.id },
        h('td', null, h('button', { type: 'button', class: 'small link', onclick: () => open(n.id) }, n.name)),
        h('td', null, n.type), h('td', null, h('code', null, n.id)), h('td', null, degree.get(n.id) || 0))));
    document.querySelector('#edge-table tbody').replaceChildren(...edges.map((e) =>
      h('tr', { 'data-id': e.id },
        h('td', null, names.get(e.source) || e.source), h('td', null, e.symmetric ? e.predicate + ' (both ways)' : e.predicate),
        h('td', null, names.get(e.target) || e.target), h('td', null, e.date || ''),
        h('td', null, e.type === 'CO_MENTIONED' ? e.weight : e.support), h('td', null, e.modality || ''),
        h('td', null, e.location_name || ''),
        h('td', null, h('button', { type: 'button', class: 'small', onclick: () => open(e.id) }, 'evidence')))));
    document.getElementById('node-count').textContent = nodes.length;
    document.getElementById('edge-count').textContent = edges.length;
  };

  kg.renderLegend = function (types) {
    const el = document.getElementById('legend');
    el.replaceChildren(...types.map((t) => h('span', { class: 'item' },
      h('span', { class: 'swatch', style: 'background:' + (kg.TYPE_COLORS[t] || '#999') }), t)));
  };

  // Bars of relations per month over [months[0], months[last]]; the selected window darker.
  kg.drawHistogram = function (canvas, months, counts, lo, hi) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width, hgt = canvas.height;
    ctx.clearRect(0, 0, w, hgt);
    if (!months.length) return;
    const max = Math.max(1, ...counts);
    const bw = w / months.length;
    for (let i = 0; i < months.length; i++) {
      const bh = Math.max(counts[i] ? 2 : 0, (counts[i] / max) * (hgt - 2));
      ctx.fillStyle = i >= lo && i <= hi ? '#1f5fa8' : '#c9d3de';
      ctx.fillRect(i * bw + 0.5, hgt - bh, Math.max(1, bw - 1), bh);
    }
  };
})();
