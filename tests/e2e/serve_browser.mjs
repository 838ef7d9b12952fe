// The browser test of kg serve and kg export --format html (run by
// serve_browser_test.sh): Debian's headless Chromium, driven by playwright-core
// (npm, pinned in tools/web/package-lock.json), against `kg serve` on the demo
// database. One screenshot per step goes to $SHOTS.
//
//   kg serve: search "Putin" -> expand Kim Jong Un -> click the MEETS edge
//   Putin–Kim on the canvas -> evidence sentence and article -> a date filter
//   changes the relation count -> a Cypher query shows rows -> /?q=NAME and a
//   shared address restore the view; no console errors.
//   HTML export: opened offline (network off, every non-file request
//   blocked): node names as text, the evidence panel; no <script src>.
//   A big view (a hub with 600 neighbours, kg load): its first layout spreads
//   the nodes out (fCoSE's draft quality once put every leaf on one spot)
//   and draws only the labels readable at the fitted zoom.
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KG = process.env.KG;
const SRC = process.env.KG_SOURCE_DIR;
const SHOTS = process.env.SHOTS;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(path.join(SRC, 'tools/web/package.json'));
const { chromium } = require('playwright-core');

const failures = [];
function check(cond, what) {
  if (!cond) {
    failures.push(what);
    console.error('FAIL: ' + what);
  } else {
    console.log('ok   ' + what);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kg_serve_browser.'));
const db = path.join(tmp, 'kg.db');
execFileSync(KG, ['ingest', path.join(SRC, 'samples'), '--db', db, '-q']);
fs.mkdirSync(SHOTS, { recursive: true });

function startServer(dbPath = db) {
  return new Promise((resolve, reject) => {
    const p = spawn(KG, ['serve', '--db', dbPath, '--port', '0', '-q'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)\n/);
      if (m) resolve({ proc: p, url: m[1] });
    });
    p.on('exit', (code) => reject(new Error('kg serve exited ' + code + ': ' + out)));
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
});
const consoleErrors = [];
function watch(page, label) {
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(label + ': ' + m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(label + ': ' + e.message));
}
const shot = async (page, name) => page.screenshot({ path: path.join(SHOTS, name + '.png') });
const drawn = (page) => page.evaluate(() => parseInt(document.body.dataset.drawn || '0', 10));
const waitDrawnAfter = (page, n) => page.waitForFunction((k) => parseInt(document.body.dataset.drawn || '0', 10) > k && !window.kg.app.busy, n);
const edgeCount = (page) => page.evaluate(() => parseInt(document.getElementById('view-count').dataset.edges || '0', 10));
const nodeNames = (page) => page.$$eval('#node-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));

// Clicks an element of the drawing where a user would: a node's centre or an
// edge's midpoint, after zooming onto it as a user would.
async function clickOnCanvas(page, selectorJs) {
  // Let a running viewport animation (the offline search centres the match) end first.
  await page.waitForFunction(() => !window.kg.app.graph.cy.animated());
  // The layout is random: another node or a parallel edge may cover the spot.
  // Try points along the edge (a node: its centre at two zooms) until the
  // click selects the element, as a user would move the mouse a little.
  for (let attempt = 0; attempt < 5; attempt++) {
    const pt = await page.evaluate(([sel, k]) => {
      const cy = window.kg.app.graph.cy;
      const el = new Function('cy', 'return ' + sel)(cy);
      if (!el || el.empty()) return null;
      cy.fit(el.isEdge() ? el.connectedNodes() : el.closedNeighborhood(), 120 + 40 * k);
      let p;
      if (el.isEdge()) {
        const t = [0.5, 0.4, 0.6, 0.3, 0.7][k];
        const a = el.renderedSourceEndpoint(), b = el.renderedTargetEndpoint(), m = el.renderedMidpoint();
        // Quadratic bezier through the midpoint (straight edges: the same line).
        const c = { x: 2 * m.x - (a.x + b.x) / 2, y: 2 * m.y - (a.y + b.y) / 2 };
        p = { x: (1 - t) * (1 - t) * a.x + 2 * (1 - t) * t * c.x + t * t * b.x,
          y: (1 - t) * (1 - t) * a.y + 2 * (1 - t) * t * c.y + t * t * b.y };
      } else {
        p = el.renderedPosition();
      }
      const box = document.getElementById('cy').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y, id: el.id() };
    }, [selectorJs, attempt]);
    if (!pt) return null;
    await page.mouse.click(pt.x, pt.y);
    // The page may select after a request of its own: on a loaded machine
    // give it a moment before calling the click a miss.
    const hit = await page
      .waitForFunction((id) => window.kg.app.state.sel === id, pt.id, { timeout: 3000 })
      .then(() => true, () => false);
    if (hit) return pt.id;
  }
  return null;
}

let server, bigServer;
try {
  server = await startServer();
  const base = server.url;
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
  // Generous waits: CI shares the two cores with ctest -j2 and whatever else runs.
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  watch(page, 'serve');

  // 1. Search "Putin": the entity and its neighbourhood.
  await page.goto(base);
  await page.waitForSelector('#predicates input');
  let n = await drawn(page);
  await page.fill('#search', 'Putin');
  await page.press('#search', 'Enter');
  await waitDrawnAfter(page, n);
  let names = await nodeNames(page);
  check(names.includes('Wladimir Putin') && names.includes('Kim Jong Un'), 'search "Putin" shows Wladimir Putin and Kim Jong Un');
  check(page.url().includes('seed=person%2Fvladimir-putin') || page.url().includes('seed=person/vladimir-putin'), 'the address keeps the entity: ' + page.url());
  const afterSearch = await edgeCount(page);
  await shot(page, '01-search-putin');

  // 2. Expand Kim Jong Un: click the node, then "Expand neighbours".
  const kimId = await clickOnCanvas(page, "cy.nodes().filter(n => n.data('name') === 'Kim Jong Un')");
  check(kimId === 'person/kim-jong-un' || (await page.textContent('#entity-panel h3')).includes('Kim Jong Un'), 'clicking the Kim Jong Un node opens it');
  await page.waitForSelector('#entity-panel:not([hidden]) #expand');
  check((await page.textContent('#entity-panel h3')).includes('Kim Jong Un'), 'the entity panel shows Kim Jong Un');
  n = await drawn(page);
  await page.click('#expand');
  await waitDrawnAfter(page, n);
  const afterExpand = await edgeCount(page);
  names = await nodeNames(page);
  check(afterExpand > afterSearch, `expanding Kim Jong Un adds relations (${afterSearch} -> ${afterExpand})`);
  check(names.includes('Sergej Schoigu'), 'Kim Jong Un\'s neighbour Sergej Schoigu is in view');
  await shot(page, '02-expand-kim');

  // 3. Click the MEETS edge between Putin and Kim on the canvas: evidence.
  const meetsSel = "cy.edges().filter(e => e.data('predicate') === 'meets' && e.connectedNodes().map(n => n.data('name')).sort().join('|') === 'Kim Jong Un|Wladimir Putin')";
  const edgeId = await clickOnCanvas(page, meetsSel);
  check(!!edgeId, 'the MEETS edge Putin–Kim is drawn');
  await page.waitForSelector('#evidence-panel:not([hidden]) .evidence-item');
  const title = await page.textContent('#evidence-title');
  check(/Kim Jong Un — meets — Wladimir Putin|Wladimir Putin — meets — Kim Jong Un/.test(title), 'evidence panel title: ' + title);
  const sentences = await page.$$eval('#evidence-list .sentence', (q) => q.map((x) => x.textContent));
  check(sentences.some((s) => s.includes('Treffen zwischen Kim und dem russischen Präsidenten Wladimir Putin')),
    'the evidence sentence is shown');
  const articles = await page.$$eval('#evidence-list .article-id', (c) => c.map((x) => x.textContent));
  const titles = await page.$$eval('#evidence-list .article-title', (c) => c.map((x) => x.textContent));
  check(articles.some((a) => a.endsWith('samples/de-kim-putin-followup-2023-09.txt')), 'its article is named: ' + articles.join(', '));
  check(titles.every((t) => t.trim().length > 0), 'each sentence names its article title: ' + titles.join(' | '));
  check(page.url().includes('sel=' + edgeId), 'the address keeps the selected relation');
  check(!/\bnull\b|undefined|\[object/.test(await page.textContent('#evidence-panel')), 'the evidence panel prints no null/undefined');
  await shot(page, '03-evidence-meets');

  // 4. A date filter changes the number of relations in view.
  const before = await edgeCount(page);
  const months = await page.evaluate(() => document.getElementById('since').max);
  const stats = await page.evaluate(async () => (await fetch('/api/stats')).json());
  const startMonth = stats.date_min.slice(0, 7);
  const [y0, m0] = startMonth.split('-').map(Number);
  const target = (2024 - y0) * 12 + (1 - m0);
  check(target > 0 && target <= Number(months), `timeline ${startMonth}..: index of 2024-01 = ${target}`);
  n = await drawn(page);
  await page.fill('#since', String(target));
  await waitDrawnAfter(page, n);
  const afterDate = await edgeCount(page);
  check(afterDate !== before && afterDate > 0, `the date filter (since 2024-01) changes the relation count (${before} -> ${afterDate})`);
  check((await page.textContent('#since-label')) === '2024-01', 'the timeline shows 2024-01');
  check(page.url().includes('since=2024-01'), 'the address keeps the date filter');
  const sharedUrl = page.url();
  await shot(page, '04-date-filter');

  // 5. A Cypher query shows its rows.
  await page.fill('#cypher', "MATCH (a)-[r:MEETS]->(b) WHERE a.name < b.name RETURN a.name AS who, b.name AS meets, r.date AS date ORDER BY date");
  await page.click('#cypher-go');
  await page.waitForSelector('#query-table tbody tr');
  const rows = await page.$$eval('#query-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
  check(rows.length >= 5, `the Cypher query shows rows (${rows.length})`);
  check(rows.some((r) => r.includes('Kim Jong Un') && r.includes('Wladimir Putin')), 'a row names Kim Jong Un and Wladimir Putin');
  await shot(page, '05-cypher');

  // 6. Path between two entities, and the view exported as GraphML.
  await page.fill('#path-from', 'Kim Jong Un');
  await page.fill('#path-to', 'Olaf Scholz');
  await page.click('#path-go');
  await page.waitForFunction(() => /hop\(s\)/.test(document.getElementById('status').textContent));
  check(/Kim Jong Un → .* → Olaf Scholz/.test(await page.textContent('#status')), 'path Kim Jong Un → Olaf Scholz: ' + await page.textContent('#status'));
  await shot(page, '06-path');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphml')]);
  const gml = fs.readFileSync(await download.path(), 'utf8');
  check(gml.includes('<graphml') && gml.includes('Kim Jong Un'), 'export this view: GraphML with the entities in view');

  // 7. A shared address restores the view; /?q=NAME opens one.
  const page2 = await context.newPage();
  watch(page2, 'shared');
  await page2.goto(sharedUrl);
  await page2.waitForFunction(() => parseInt(document.body.dataset.drawn || '0', 10) > 0 && !window.kg.app.busy && document.getElementById('node-table').rows.length > 1);
  check((await page2.textContent('#since-label')) === '2024-01', 'the shared address restores the date filter');
  check(await edgeCount(page2) === afterDate, 'the shared address restores the same relations');
  await page2.close();
  const page3 = await context.newPage();
  watch(page3, 'q');
  await page3.goto(base + '?q=' + encodeURIComponent('Kim Jong-un'));
  await page3.waitForFunction(() => document.getElementById('node-table').rows.length > 2 && !window.kg.app.busy);
  check((await nodeNames(page3)).includes('Wladimir Putin'), '/?q=Kim Jong-un opens Kim Jong Un\'s neighbourhood');
  check(page3.url().includes('seed=person%2Fkim-jong-un'), '/?q= becomes the entity in the address');
  await shot(page3, '07-q-kim');
  await page3.close();
  await context.close();
  check(consoleErrors.length === 0, 'no console errors (kg serve): ' + consoleErrors.join(' | '));

  // 8. The HTML export, offline.
  const html = path.join(tmp, 'graph.html');
  execFileSync(KG, ['export', '--db', db, '--format', 'html', '-o', html]);
  const text = fs.readFileSync(html, 'utf8');
  check(!/<script[^>]*\bsrc\s*=/i.test(text), 'the HTML export has no <script src>');
  check(!/<link[^>]*\bhref\s*=\s*"(?!data:)/i.test(text), 'the HTML export links no stylesheet or icon file');
  check(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(text), 'the HTML export refers to no network address');
  const offline = await browser.newContext({ viewport: { width: 1500, height: 950 }, offline: true });
  offline.setDefaultTimeout(60000);
  const requests = [];
  await offline.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    requests.push(u);
    return route.abort();
  });
  const page4 = await offline.newPage();
  const offlineErrors = consoleErrors.length;
  watch(page4, 'export');
  await page4.goto('file://' + html);
  await page4.waitForFunction(() => parseInt(document.body.dataset.drawn || '0', 10) > 0);
  const exported = await nodeNames(page4);
  check(exported.includes('Wladimir Putin') && exported.includes('Kim Jong Un') && exported.includes('Olaf Scholz'),
    `the offline file lists the entities as text (${exported.length})`);
  await page4.fill('#search', 'Putin');
  await page4.press('#search', 'Enter');
  const expId = await clickOnCanvas(page4, meetsSel);
  check(!!expId, 'the offline file draws the MEETS edge');
  await page4.waitForSelector('#evidence-panel:not([hidden]) .evidence-item');
  const offSentences = await page4.$$eval('#evidence-list .sentence', (q) => q.map((x) => x.textContent));
  check(offSentences.some((s) => s.includes('Treffen zwischen Kim')), 'the offline evidence panel shows the sentence');
  await shot(page4, '08-html-export-offline');
  check(requests.length === 0, 'the offline file requested nothing: ' + requests.join(', '));
  check(consoleErrors.length === offlineErrors, 'no console errors (HTML export): ' + consoleErrors.slice(offlineErrors).join(' | '));
  await offline.close();

  // 9. A big view: Hub with 600 neighbours (and a few relations among them).
  const bigDb = path.join(tmp, 'big.db');
  const facts = [];
  const leafType = (i) => ['person', 'organization', 'country'][i % 3];
  for (let i = 1; i <= 600; i++) {
    facts.push({ subject: 'Hub', subject_type: 'person', predicate: 'meets', object: 'Leaf ' + i,
      object_type: leafType(i), date: '2024-01-01', article: 'big-' + (i % 7) });
    if (i % 10 === 0) facts.push({ subject: 'Leaf ' + i, subject_type: leafType(i), predicate: 'supports', object: 'Leaf ' + (i - 1),
      object_type: leafType(i - 1), date: '2024-02-01', article: 'big-x' });
  }
  fs.writeFileSync(path.join(tmp, 'big.jsonl'), facts.map((f) => JSON.stringify(f)).join('\n') + '\n');
  execFileSync(KG, ['load', path.join(tmp, 'big.jsonl'), '--db', bigDb]);
  bigServer = await startServer(bigDb);
  const bigContext = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  bigContext.setDefaultTimeout(60000);
  const page5 = await bigContext.newPage();
  const bigErrors = consoleErrors.length;
  watch(page5, 'big');
  await page5.goto(bigServer.url + '?q=Hub');
  await page5.waitForFunction(() => parseInt(document.getElementById('view-count').dataset.nodes || '0', 10) > 600 && !window.kg.app.busy);
  const spread = await page5.evaluate(() => {
    const cy = window.kg.app.graph.cy;
    const ns = cy.nodes().map((n) => ({ p: n.position(), r: n.data('size') / 2, label: !n.hasClass('quiet'), name: n.data('name') }));
    let covered = 0;  // nodes whose centre lies inside another node
    for (const a of ns) if (ns.some((b) => b !== a && Math.hypot(a.p.x - b.p.x, a.p.y - b.p.y) < Math.max(a.r, b.r))) covered++;
    const bb = cy.nodes().boundingBox({ includeLabels: false });
    return { n: ns.length, covered, w: Math.round(bb.w), h: Math.round(bb.h), labelled: ns.filter((x) => x.label).map((x) => x.name) };
  });
  check(spread.n === 601 && spread.covered <= 6, `the 601-node view is spread out: ${spread.covered} nodes inside another, ${spread.w} x ${spread.h}`);
  check(spread.labelled.includes('Hub') && spread.labelled.length < 50, `only labels readable at the fitted zoom are drawn: ${spread.labelled.length} (${spread.labelled.slice(0, 5).join(', ')})`);
  await shot(page5, '09-big-view');
  // Zoomed in on a leaf, its label (and its neighbours') comes back.
  await page5.evaluate(() => { const cy = window.kg.app.graph.cy; cy.zoom({ level: 2.5, position: cy.nodes().filter((n) => n.data('name') === 'Leaf 10').position() }); });
  await page5.waitForFunction(() => !window.kg.app.graph.cy.nodes().filter((n) => n.data('name') === 'Leaf 10').hasClass('quiet'));
  check(true, 'zoomed in, a leaf\'s label is drawn again');
  check(consoleErrors.length === bigErrors, 'no console errors (big view): ' + consoleErrors.slice(bigErrors).join(' | '));
  await bigContext.close();
} catch (e) {
  failures.push(String(e && e.stack ? e.stack : e));
  console.error(e);
} finally {
  await browser.close();
  if (server) server.proc.kill('SIGTERM');
  if (bigServer) bigServer.proc.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${SHOTS}`);
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('browser checks passed');
