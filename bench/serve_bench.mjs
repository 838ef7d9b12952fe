// The first view of a 1,000-node neighbourhood in Debian's headless Chromium:
// opens URL?q=Hub in a fresh page RUNS times and reads when the canvas first
// showed the view (body.dataset.paintedAt: ms since the page was opened, at
// cytoscape's first 'render' event after the layout; drawnAt, when the
// layout and the text lists were done, comes one frame earlier). Run by
// bench/serve_bench.sh.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [url, runsArg] = process.argv.slice(2);
const runs = parseInt(runsArg || '5', 10);
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(src, 'tools/web/package.json'))('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
});
const times = [], draws = [], tasks = [];
let nodes = 0, edges = 0;
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  // The renderer's main-thread task time (CDP Performance.TaskDuration; wall
  // time of its tasks, so a loaded machine inflates it too).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url + '?q=Hub');
  await page.waitForFunction(() => document.body.dataset.paintedAt && parseInt(document.getElementById('view-count').dataset.nodes || '0', 10) > 1, null, { timeout: 60000 });
  const r = await page.evaluate(() => ({ at: +document.body.dataset.paintedAt, draw: +document.body.dataset.paintMs,
    laidOut: +document.body.dataset.drawnAt, phases: document.body.dataset.phases,
    nav: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
    nodes: +document.getElementById('view-count').dataset.nodes, edges: +document.getElementById('view-count').dataset.edges }));
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  r.task = Math.round(m.TaskDuration * 1000);
  tasks.push(r.task);
  times.push(r.at);
  console.log(`run ${i + 1}: painted at ${r.at} ms (DOMContentLoaded ${r.nav} ms; ${r.phases}; laid out at ${r.laidOut} ms; ` +
    `main-thread busy ${r.task} ms)`);
  draws.push(r.draw);
  nodes = r.nodes;
  edges = r.edges;
  await page.close();
}
await browser.close();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
console.log(`first view of /?q=Hub in headless Chromium: ${nodes} nodes, ${edges} edges; page opened -> painted: ` +
  `median ${median(times)} ms (runs ${times.join(', ')}); of which data -> painted ${median(draws)} ms; renderer main-thread busy median ${median(tasks)} ms; load ` +
  (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '));
