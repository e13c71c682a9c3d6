#!/usr/bin/env node
// Browser benchmark of the release build in dist/ (run `trunk build --release
// --offline` first, or let scripts/test.sh build it), in headless Chromium.
//
// 1. Cold start: a fresh profile each time, dist/ served gzip-compressed (as
//    a static host would), from navigation start to the app's header being
//    in the DOM and to the first moment after that when the main thread is
//    free (a 0 ms timer runs): time-to-interactive. Once at full loopback
//    speed and once on a throttled "weak room wifi" (WEAK_WIFI below, set
//    with the DevTools protocol's Network.emulateNetworkConditions).
// 2. Paste to chart: opens #/iteration with a default SLO and for each size
//    builds per-minute CSV counts inside the page (not timed), then times
//    from the paste (a paste event carrying the text, then the browser's
//    insertion and input event unless the page took the text) to the moment the first
//    four charts of that data are in the DOM, and to the target sweep drawn.
//    Every input is parsed and replayed in the Web Worker; charts are drawn
//    from downsampled reports. During each paste, main-thread long tasks over
//    100 ms are collected (PerformanceObserver 'longtask'); the renderer's
//    peak resident memory (VmHWM of the renderer processes under this
//    script, which hold the page and its worker) is read before and after,
//    giving bytes per row.
//
// 3. Weights: the first screen's Wasm (raw and gzip -9), the worker's, and
//    the time-zone database loaded only for named zones.
//
// The machine may be shared: each figure carries the 1-minute load average
// taken when it was measured. Prefer ratios within one run.
//
// Usage: node scripts/bench_browser.mjs [ROWS...]   (default 100000 1000000 5000000)
// Prints Markdown tables for BENCHMARKS.md on stdout, progress on stderr.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, serveDist, launch, openApp } from '../tests/browser/harness.mjs';

// A workshop room's shared wifi on a bad day: 4 Mbit/s down, 1 Mbit/s up,
// 150 ms round trip (between the DevTools presets "Fast 3G" and "Slow 4G").
const WEAK_WIFI = { offline: false, latency: 150, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 };
const COLD_RUNS = 3;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ROWS = sizes.length ? sizes : [100000, 1000000, 5000000];
const RUNS = (n) => (n >= 5000000 ? 1 : 3);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };

/** Serves dist/ gzip-compressed (level 9, cached), as a static host would. */
function serveDistGzip() {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(DIST, urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath);
    if (!file.startsWith(DIST) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    if (!cache.has(file)) cache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-encoding': 'gzip' });
    res.end(cache.get(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => server.close(r)),
  })));
}

/** Records when the header appears and when the main thread is next free. */
function markInteractive() {
  new MutationObserver((_, obs) => {
    if (!document.querySelector('header.app-header')) return;
    obs.disconnect();
    window.__header = performance.now();
    setTimeout(() => { window.__interactive = performance.now(); }, 0);
  }).observe(document, { childList: true, subtree: true });
}

/** One cold load in a fresh profile; resolves to [header, interactive] ms after navigation start. */
async function coldStart(url, network) {
  const ctx = await launch();
  const page = await ctx.newPage();
  await page.addInitScript(markInteractive);
  if (network) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 300000 });
  const marks = await page.evaluate(() => [window.__header, window.__interactive]);
  await ctx.close();
  return marks;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load1 = () => os.loadavg()[0];
/** [raw, gzip -9] bytes of a file of dist/, or null when the build has none. */
function weigh(name) {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  return [bytes.length, zlib.gzipSync(bytes, { level: 9 }).length];
}
const weights = [['app_bg.wasm', 'first screen (page module)'], ['worker_bg.wasm', 'Web Worker, started with the Iteration page'], ['tzdb.bin', 'time-zone database, fetched for the first named zone']]
  .map(([name, what]) => [name, what, weigh(name)]).filter(([, , w]) => w);
const gz = await serveDistGzip();
const cold = [];
for (const [name, network] of [['loopback', null], ['weak room wifi', WEAK_WIFI]]) {
  const header = [];
  const interactive = [];
  const loads = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    loads.push(load1());
    const [h, t] = await coldStart(gz.url, network);
    header.push(h);
    interactive.push(t);
  }
  cold.push({ name, header, interactive, loads });
  console.error(`cold start, ${name}: header ${header.map((t) => t.toFixed(0)).join(', ')} ms; interactive ${interactive.map((t) => t.toFixed(0)).join(', ')} ms`);
}
await gz.close();

/** Peak resident memory (kB) of the renderer processes descended from this script. */
function rendererPeakKb() {
  const parent = new Map();
  const renderers = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(pid);
    } catch { /* the process ended meanwhile */ }
  }
  const ours = (pid) => {
    for (let p = pid; p && p !== '0' && p !== '1'; p = parent.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let kb = 0;
  for (const pid of renderers.filter(ours)) {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb = Math.max(kb, Number(m?.[1] ?? 0));
    } catch { /* ended */ }
  }
  return kb;
}

const server = await serveDist();
const context = await launch();
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
});
const { page } = await openApp(context, server.url, '#/iteration');
await page.evaluate(() => localStorage.clear());
await page.reload();
await page.waitForSelector('#create-default-slo');
await page.click('#create-default-slo');
await page.waitForSelector('#slo-select');

/** Builds the CSV in the page and keeps it on `window` so building is not timed. */
async function build(rows) {
  return page.evaluate((n) => {
    const parts = ['timestamp,good,total\n'];
    let t = 1791158400;
    for (let i = 0; i < n; i++) {
      t += 60;
      const total = 1000 + (i % 97);
      const bad = i % 50000 < 30 ? 300 : (i % 13 === 0 ? 1 : 0);
      parts.push(`${t},${total - bad},${total}\n`);
    }
    window.__benchText = parts.join('');
    return window.__benchText.length;
  }, rows);
}

/**
 * Pastes the built text; resolves to milliseconds until the first four charts
 * (SLI, budget, burn, alerts) and until the target sweep too are drawn.
 */
async function pasteToChart(rows) {
  return page.evaluate((n) => new Promise((resolve, reject) => {
    const ta = document.querySelector('#data-text');
    const want = `${n} rows`;
    const t0 = performance.now();
    // A paste as the browser delivers it: the paste event first; unless the
    // page takes the text itself (large pastes), the browser inserts it and
    // fires input. (A script's paste event has no default action: do its part.)
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', window.__benchText);
    const paste = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
    if (ta.dispatchEvent(paste)) {
      ta.value = window.__benchText;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
    const ids = ['chart-sli', 'chart-budget', 'chart-burn', 'chart-alerts'];
    let first = null;
    const check = () => {
      const rowsText = document.querySelector('#preview-rows')?.textContent || '';
      const ours = rowsText.startsWith(want);
      if (first === null && ours && ids.every((id) => document.querySelector(`#${id} svg`))) first = performance.now() - t0;
      if (first !== null && document.querySelector('#chart-sweep svg')) {
        const end = performance.now();
        const long = window.__longTasks.filter(([start, d]) => start + d >= t0 && start <= end && d > 100).map(([, d]) => d);
        resolve([first, end - t0, long]);
      } else if (performance.now() - t0 > 300000) {
        reject(new Error(`no charts after 300 s for ${n} rows`));
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  }), rows);
}

const results = [];
for (const rows of ROWS) {
  const chars = await build(rows);
  const times = [];
  const sweeps = [];
  const longs = [];
  const loads = [];
  const before = rendererPeakKb();
  for (let i = 0; i < RUNS(rows); i++) {
    // Clear first, so every run starts from an empty page state.
    await page.evaluate(() => {
      const ta = document.querySelector('#data-text');
      ta.value = '';
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => !document.querySelector('#data-preview'));
    loads.push(load1());
    const [first, all, long] = await pasteToChart(rows);
    times.push(first);
    sweeps.push(all);
    longs.push(long);
  }
  const peakKb = rendererPeakKb();
  results.push({ rows, mb: chars / 1e6, first: median(times), all: median(sweeps), times, sweeps, longs, loads, before, peakKb });
  console.error(`${rows} rows (${(chars / 1e6).toFixed(1)} MB): first charts ${times.map((t) => t.toFixed(0)).join(', ')} ms; with sweep ${sweeps.map((t) => t.toFixed(0)).join(', ')} ms; long tasks ${JSON.stringify(longs.map((l) => l.map(Math.round)))}; renderer peak ${before} -> ${peakKb} kB`);
}

const chromium = context.browser()?.version() ?? 'Chromium';
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
const range = (ls) => `${Math.min(...ls).toFixed(1)} to ${Math.max(...ls).toFixed(1)}`;
console.log(`Headless ${chromium}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), release build in dist/, ${new Date().toISOString().slice(0, 16)} UTC.`);
console.log('');
console.log('| file | what | raw | gzip -9 |');
console.log('|---|---|---:|---:|');
for (const [name, what, [raw, gzip]] of weights) console.log(`| \`${name}\` | ${what} | ${raw.toLocaleString('en')} B | ${gzip.toLocaleString('en')} B (${kb(gzip)}) |`);
console.log('');
console.log(`Cold start, fresh profile, gzip served, medians of ${COLD_RUNS}:`);
console.log('');
console.log('| network | header in the DOM | interactive | runs (interactive) | load average (1 min) |');
console.log('|---|---:|---:|---|---|');
for (const c of cold) console.log(`| ${c.name} | ${s(median(c.header))} | ${s(median(c.interactive))} | ${c.interactive.map(s).join(', ')} | ${range(c.loads)} |`);
console.log('');
console.log('| rows | CSV size | paste to first four charts (median) | paste to target sweep drawn (median) | runs (first charts) | long tasks > 100 ms (per run: count, longest) | renderer peak RSS, before -> after | per row | load average (1 min) |');
console.log('|---:|---:|---:|---:|---|---|---|---:|---|');
for (const r of results) {
  const long = r.longs.map((l) => `${l.length}${l.length ? `, ${Math.max(...l).toFixed(0)} ms` : ''}`).join('; ');
  const perRow = ((r.peakKb - r.before) * 1024 / r.rows).toFixed(0);
  console.log(`| ${r.rows.toLocaleString('en')} | ${r.mb.toFixed(1)} MB | ${s(r.first)} | ${s(r.all)} | ${r.times.map(s).join(', ')} | ${long} | ${(r.before / 1024).toFixed(0)} -> ${(r.peakKb / 1024).toFixed(0)} MB | ${perRow} B | ${range(r.loads)} |`);
}
await context.close();
await server.close();
