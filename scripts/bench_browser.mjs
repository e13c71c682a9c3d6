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

/** Pastes the built text and resolves to milliseconds until every chart is drawn. */
async function pasteToChart(rows) {
  return page.evaluate((n) => new Promise((resolve, reject) => {
    const ta = document.querySelector('#data-text');
    const want = `${n} rows`;
    const t0 = performance.now();
    ta.value = window.__benchText;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    const ids = ['chart-sli', 'chart-budget', 'chart-burn', 'chart-alerts', 'chart-sweep'];
    const check = () => {
      const rowsText = document.querySelector('#preview-rows')?.textContent || '';
      if (rowsText.startsWith(want) && ids.every((id) => document.querySelector(`#${id} svg`))) {
        resolve(performance.now() - t0);
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
  for (let i = 0; i < RUNS(rows); i++) {
    // Clear first, so every run starts from an empty page state.
    await page.evaluate(() => {
      const ta = document.querySelector('#data-text');
      ta.value = '';
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => !document.querySelector('#data-preview'));
    times.push(await pasteToChart(rows));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  results.push({ rows, mb: chars / 1e6, median, times });
  console.error(`${rows} rows (${(chars / 1e6).toFixed(1)} MB): ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
}

const chromium = context.browser()?.version() ?? 'Chromium';
console.log(`Headless ${chromium}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), release build.`);
console.log('');
console.log('| rows | CSV size | paste to charts (median) | runs |');
console.log('|---:|---:|---:|---|');
for (const r of results) {
  console.log(`| ${r.rows.toLocaleString('en')} | ${r.mb.toFixed(1)} MB | ${(r.median / 1000).toFixed(2)} s | ${r.times.map((t) => (t / 1000).toFixed(2)).join(', ')} s |`);
}
await context.close();
await server.close();
