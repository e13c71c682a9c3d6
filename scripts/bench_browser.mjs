#!/usr/bin/env node
// Paste-to-chart benchmark of the Iteration page in headless Chromium.
//
// Serves the release build in dist/ (run `trunk build --release --offline`
// first, or let scripts/test.sh build it), opens #/iteration with a default
// SLO, and for each size builds per-minute CSV counts inside the page (not
// timed), then times from the paste (the text area's input event) to the
// moment all five charts of that data are in the DOM. Large inputs go
// through the Web Worker; charts are drawn from downsampled reports.
//
// Usage: node scripts/bench_browser.mjs [ROWS...]   (default 100000 1000000 5000000)
// Prints a Markdown table for BENCHMARKS.md.
import os from 'node:os';
import { serveDist, launch, openApp } from '../tests/browser/harness.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ROWS = sizes.length ? sizes : [100000, 1000000, 5000000];
const RUNS = (n) => (n >= 5000000 ? 1 : 3);

const server = await serveDist();
const context = await launch();
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
    ta.value = window.__benchText;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    const ids = ['chart-sli', 'chart-budget', 'chart-burn', 'chart-alerts'];
    let first = null;
    const check = () => {
      const rowsText = document.querySelector('#preview-rows')?.textContent || '';
      const ours = rowsText.startsWith(want);
      if (first === null && ours && ids.every((id) => document.querySelector(`#${id} svg`))) first = performance.now() - t0;
      if (first !== null && document.querySelector('#chart-sweep svg')) {
        resolve([first, performance.now() - t0]);
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
  for (let i = 0; i < RUNS(rows); i++) {
    // Clear first, so every run starts from an empty page state.
    await page.evaluate(() => {
      const ta = document.querySelector('#data-text');
      ta.value = '';
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => !document.querySelector('#data-preview'));
    const [first, all] = await pasteToChart(rows);
    times.push(first);
    sweeps.push(all);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results.push({ rows, mb: chars / 1e6, first: median(times), all: median(sweeps), times, sweeps });
  console.error(`${rows} rows (${(chars / 1e6).toFixed(1)} MB): first charts ${times.map((t) => t.toFixed(0)).join(', ')} ms; with sweep ${sweeps.map((t) => t.toFixed(0)).join(', ')} ms`);
}

const chromium = context.browser()?.version() ?? 'Chromium';
console.log(`Headless ${chromium}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), release build.`);
console.log('');
console.log('| rows | CSV size | paste to first four charts (median) | paste to target sweep drawn (median) | runs (first charts) |');
console.log('|---:|---:|---:|---:|---|');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
for (const r of results) {
  console.log(`| ${r.rows.toLocaleString('en')} | ${r.mb.toFixed(1)} MB | ${s(r.first)} | ${s(r.all)} | ${r.times.map(s).join(', ')} |`);
}
await context.close();
await server.close();
