// What keeps the first load small and the page responsive (issue 12).
// The time-zone database on demand: the app's Wasm carries none; the page
// fetches tzdb.bin from its own origin the first time a calendar window
// names a zone, says so while it loads and when it cannot, and replays
// calendar periods in that zone once it is there. UTC needs no fetch.
// (The service worker is blocked here so every request is the page's own;
// offline.test.mjs checks that the cached build holds the file.)
// Pastes: a paste too large for the text area is taken from the paste event
// before the browser inserts it, and read in the worker like any other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot, assertQuiet } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2)}" i]`), route);
}

/** A fresh page with one default SLO whose window is a calendar month in UTC. */
async function monthInUtc(context) {
  const opened = await openApp(context, server.url, '#/iteration');
  const { page } = opened;
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  await go(page, '#/implementation');
  await page.selectOption('#window-type', 'calendar');
  await page.waitForSelector('#window-tz');
  assert.equal(await page.inputValue('#window-tz'), 'UTC');
  return opened;
}

/**
 * Per-minute counts from 2026-02-28T22:00Z to 2026-03-01T02:00Z, 1,000
 * requests a minute; the ten minutes ending 23:01Z to 23:10Z fail 100 each
 * (1,000 bad). In UTC those minutes are February's, and March (from 00:00Z)
 * has none: all of its budget is left. In Paris March begins at 23:00Z
 * (00:00+01:00), so the 1,000 bad requests are March's. (A row stands for
 * the minute it ends.)
 */
function csv() {
  const start = Date.UTC(2026, 1, 28, 22) / 1000;
  const rows = ['timestamp,good,total'];
  for (let m = 1; m <= 240; m++) {
    const bad = m >= 61 && m <= 70 ? 100 : 0;
    rows.push(`${start + 60 * m},${1000 - bad},1000`);
  }
  return rows.join('\n') + '\n';
}

async function replay(page) {
  await go(page, '#/iteration');
  await page.evaluate((t) => {
    const ta = document.querySelector('#data-text');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, csv());
  await page.waitForSelector('#summary-text', { timeout: 30000 });
  return page.textContent('#summary-text');
}

test('a month in UTC replays with no request for the time-zone database; Europe/Paris loads it once and moves March to Paris midnight', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  const { page, watch } = await monthInUtc(context);
  const fetched = [];
  page.on('request', (req) => { if (new URL(req.url()).pathname.endsWith('/tzdb.bin')) fetched.push(req.url()); });

  assert.match(await page.textContent('#window-tz-length'), /This month has/);
  assert.match(await replay(page), /100% of the error budget is left at the end/);
  assert.deepEqual(fetched, [], 'UTC needs no time-zone database');

  await go(page, '#/implementation');
  await page.fill('#window-tz', 'Europe/Paris');
  await page.waitForFunction(() => /This month has/.test(document.querySelector('#window-tz-length')?.textContent ?? ''));
  assert.equal(await page.locator('.zone-db-note').count(), 0, 'the loading note is gone once loaded');
  assert.equal(await page.locator('#window-tz-error').count(), 0);

  // March in Paris at 02:00Z: the 180 minutes from 23:01Z, 180,000
  // requests, 1,000 bad: 1/180 against a 0.1% budget spends 5.56 budgets,
  // so 1 - 5.56 = -456% is left.
  assert.match(await replay(page), /error budget is overspent at the end \(-456% left\)/);
  await screenshot(page, 'zones-paris-month');

  // A typo is now known to be one, without a second fetch.
  await go(page, '#/implementation');
  await page.fill('#window-tz', 'Europe/Pariss');
  assert.match(await page.textContent('#window-tz-error'), /unknown time zone "Europe\/Pariss"/);
  assert.equal(fetched.length, 1, `one fetch: ${fetched}`);
  assert.equal(new URL(fetched[0]).origin, new URL(server.url).origin);
  assertQuiet(watch);
  await context.close();
});

test('when the time-zone database cannot load, the editor says why and loads it on "Try again"', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  const { page } = await monthInUtc(context);
  await page.route('**/tzdb.bin', (route) => route.abort('internetdisconnected'));
  await page.fill('#window-tz', 'Europe/Paris');
  const note = page.locator('.zone-db-note[role="alert"]');
  await note.waitFor();
  assert.match(await note.textContent(), /time-zone database could not be loaded .*counted in UTC/);
  await page.unroute('**/tzdb.bin');
  await note.locator('button').click();
  await page.waitForFunction(() => /This month has/.test(document.querySelector('#window-tz-length')?.textContent ?? ''));
  assert.equal(await page.locator('.zone-db-note').count(), 0);
  await context.close();
});

test('a paste too large for the text area is taken before the browser inserts it and read in the worker', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  const { page, watch } = await openApp(context, server.url, '#/iteration');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  // 80,000 minutes of counts, about 1.7 M characters: over the 1.5 M the text area shows.
  const taken = await page.evaluate(() => {
    const rows = ['timestamp,good,total'];
    for (let m = 1; m <= 80000; m++) rows.push(`${1791158400 + 60 * m},999,1000`);
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', rows.join('\n'));
    const ta = document.querySelector('#data-text');
    // false: the page cancelled the browser's insertion.
    return !ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  });
  assert.ok(taken, 'the page took the paste');
  assert.equal(await page.inputValue('#data-text'), '');
  assert.match(await page.textContent('.paste'), /Pasted 1\.\d MB: read in the background/);
  await page.waitForFunction(() => document.querySelector('#preview-rows')?.textContent.startsWith('80000 rows'), null, { timeout: 60000 });
  // 1 bad request in 1,000 every minute: the SLI is 99.9%.
  await page.waitForSelector('#summary-text', { timeout: 60000 });
  assert.match(await page.textContent('#summary-text'), /the SLI was 99\.9/);
  assertQuiet(watch);
  await context.close();
});

test('a small paste goes into the text area as usual and replays', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  const { page, watch } = await openApp(context, server.url, '#/iteration');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  const text = csv();
  const left = await page.evaluate((t) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', t);
    const ta = document.querySelector('#data-text');
    const notCancelled = ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    // A script's paste has no default action: insert as the browser would.
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    return notCancelled;
  }, text);
  assert.ok(left, 'the browser keeps a small paste');
  await page.waitForFunction(() => document.querySelector('#preview-rows')?.textContent.startsWith('240 rows'), null, { timeout: 30000 });
  assert.equal((await page.inputValue('#data-text')).length, text.length);
  assertQuiet(watch);
  await context.close();
});
