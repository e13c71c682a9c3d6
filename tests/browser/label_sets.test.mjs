// A grouped SLO on the Iteration page: a Pyrra spec with `grouping: [route]`
// imported, data with a route column pasted, the table of label sets (budget
// left and alerts per route) and the labelled select that chooses, by
// keyboard, which route the rest of the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, seriousA11yViolations, assertQuiet, SCREENSHOTS } from './harness.mjs';

const golden = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden');
/** Orders API at 99.5% over 7d, kept per route (our own Pyrra-shaped spec). */
const SPEC = fs.readFileSync(path.join(golden, 'pyrra_grouped.yaml'), 'utf8');
/** Two days of 5-minute rows for /pay and /list; only /pay has an outage (45 min at 20% errors). */
const ROUTES = fs.readFileSync(path.join(golden, 'routes.csv'), 'utf8');

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector('main [data-page]')?.dataset.page.toLowerCase() === r.slice(2), route);
}

test('a grouped SLO lists each label set and the select, by keyboard, picks the one the page shows', async () => {
  const { page, watch } = await openApp(context, server.url, '#/share');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#import-text');
  await page.fill('#import-text', SPEC);
  await page.click('button:has-text("Import the pasted text")');
  assert.match(await page.textContent('.import-outcome'), /Imported/);
  await go(page, '#/iteration');
  await page.waitForSelector('#data-text');
  await page.evaluate((t) => {
    const ta = document.querySelector('#data-text');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, ROUTES);
  await page.waitForSelector('#label-sets-table');
  const rows = await page.$$eval('#label-sets-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r[0]), ['{route="/list"}', '{route="/pay"}']);
  // /list: no bad request. /pay: 1,800 bad of 576,000 against a 2,880 budget, 37.5% left; 2 pages, 2 tickets.
  assert.deepEqual(rows[0].slice(2), ['100%', '0', '0']);
  assert.deepEqual(rows[1].slice(2), ['37.5%', '2', '2']);
  // The route with the least budget left is shown first.
  assert.equal(await page.inputValue('#label-set-select'), '1');
  assert.match(await page.textContent('.label-sets'), /The figures and charts below are those of \{route="\/pay"\}/);
  await page.waitForSelector('#chart-budget svg.slo-chart', { timeout: 30000 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('.label-sets').scrollIntoViewIfNeeded();
  // What the user sees at 1280x720 once scrolled to the table (the viewport, not the full page).
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'iteration-label-sets.png') });
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Keyboard: focus the select and move up to /list.
  await page.focus('#label-set-select');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelector('.label-sets p')?.textContent.includes('{route="/list"}'));
  assert.equal(await page.inputValue('#label-set-select'), '0');
  assert.match(await page.textContent('#summary-text'), /No alert would have fired/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.label-sets').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'iteration-label-sets-phone.png') });
  assertQuiet(watch);
  await page.close();
});
