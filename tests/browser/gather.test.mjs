// A workshop with no server, walked as the facilitator: gather the room's
// drafts from pasted share links and dropped project files (a broken one is
// named, the others load), see near-duplicates grouped with what differs,
// merge one (its taken id renamed) and undo it; hand the project to the room
// as a QR code; and open the worked formula behind a figure with the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openApp, assertQuiet, seriousA11yViolations, SCREENSHOTS } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

/** The payload the engine writes: raw DEFLATE of the project JSON, URL-safe base64. */
function linkFor(base, project) {
  return `${base}#/open/` + zlib.deflateRawSync(Buffer.from(JSON.stringify(project))).toString('base64url');
}

/** A participant's draft: one SLO on the checkout journey of the web-api example. */
function draft(name, target) {
  return {
    schema_version: 1,
    name,
    slos: [{ id: 'checkout-availability', name: `Checkout (${name})`, service: 'checkout-api', journey: 'Check out a basket', target }],
  };
}

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2)}"]`), route);
}

async function startFromExample(page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-page="start"]');
  await page.click('button[data-example="web-api"]');
  await page.waitForSelector('.loaded-notice');
}

/** The viewport as the user sees it, at both sizes the brief asks for. */
async function shots(page, name, selector) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [w, h] of [[1280, 720], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('pasted links are read with the broken one named, near-duplicates grouped, one merged and undone', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await startFromExample(page);
  assert.equal(await page.textContent('[data-testid="tally"]'), '2 drafted, 1 agreed, 0 exported');
  await go(page, '#/share');
  const lines = [
    linkFor(server.url, draft('Ana', 0.999)),
    'https://team.example/#/open/not*a*link!',
    'Bea: ' + linkFor(server.url, draft('Bea', 0.995)) + ' (sent in chat)',
  ];
  await page.fill('#gather-links', lines.join('\n'));
  await page.click('#gather-read');

  await page.waitForSelector('#gather-refused');
  assert.match(await page.textContent('#gather-refused'), /line 2: the share link is damaged/);
  assert.equal(await page.textContent('#gather-count'), '2 draft(s) read: 2 candidate SLO(s) in 1 group(s).');
  assert.match(await page.textContent('.gather-likeness'),
    /^2 near-duplicates: same service, journey and SLI kind; target differs \(99\.9% \/ 99\.5%\)\.$/);
  assert.deepEqual(await page.locator('.gather-candidates td:nth-child(2)').allTextContents(), ['line 1', 'line 3']);
  await shots(page, 'gather-groups', '.gather-group');

  // Bea's draft joins the example; its id is taken there, so it is renamed and the page says so.
  await page.check('#gather-pick-1-0');
  await page.click('#gather-merge');
  assert.match(await page.textContent('#gather-outcome'),
    /Added 1 SLO\(s\), 0 service\(s\) and 0 journey\(s\).*“checkout-availability” became “checkout-availability-2”/);
  assert.match(await page.textContent('.toast'), /Merged the chosen drafts/);
  // The project now holds Bea's SLO, and her row says so; Ana's differs in its target.
  assert.equal(await page.locator('tr:has(#gather-pick-1-0) .gather-held').textContent(), 'Already in this project');
  assert.equal(await page.locator('tr:has(#gather-pick-0-0) .gather-held').count(), 0);
  await page.click('.toast button.undo');
  await go(page, '#/start');
  assert.equal(await page.textContent('[data-testid="tally"]'), '2 drafted, 1 agreed, 0 exported');

  // Merged for good this time: the example's SLOs, people and RACI stay, one SLO more.
  await go(page, '#/share');
  await page.fill('#gather-links', lines.join('\n'));
  await page.click('#gather-read');
  await page.check('#gather-pick-0-0');
  await page.click('#gather-merge');
  await go(page, '#/start');
  assert.equal(await page.textContent('[data-testid="tally"]'), '3 drafted, 1 agreed, 0 exported');
  assertQuiet(watch);
  await page.close();
});

test('dropped project files load together and a bad one is named by file and line', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await startFromExample(page);
  await go(page, '#/share');
  await page.setInputFiles('#gather-files', [
    { name: 'ana.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft('Ana', 0.999))) },
    { name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "slos": [\n  oops\n]}') },
    { name: 'cy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft('Cy', 0.999))) },
  ]);
  await page.waitForSelector('#gather-refused');
  assert.match(await page.textContent('#gather-refused'), /bob\.json: line 3: not a valid project file/);
  assert.equal(await page.textContent('#gather-count'), '2 draft(s) read: 2 candidate SLO(s) in 1 group(s).');
  assert.match(await page.textContent('.gather-likeness'), /^2 duplicates: the same SLI, target, window and alerts\. Keep one\.$/);
  assert.deepEqual(await page.locator('.gather-candidates td:nth-child(2)').allTextContents(), ['ana.json', 'cy.json']);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assertQuiet(watch);
  await page.close();
});

test('the share link is shown as a QR code drawn in the page', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await startFromExample(page);
  await go(page, '#/share');
  await page.click('text=Make a share link');
  await page.click('#share-qr');
  await page.waitForSelector('#share-qr-code svg path');
  assert.match(await page.textContent('#share-qr-code figcaption'), /^Version \d+ QR code, \d+ × \d+ modules[.:]/);
  // A square code with the quiet zone: side = modules + 8.
  const [side, modules] = await page.evaluate(() => [
    document.querySelector('#share-qr-code svg').viewBox.baseVal.width,
    Number(document.querySelector('#share-qr-code figcaption').textContent.match(/(\d+) × /)[1]),
  ]);
  assert.equal(side, modules + 8);
  await shots(page, 'gather-qr', '#share-qr-code');
  assertQuiet(watch);
  await page.close();
});

test('a figure opens its worked formula from the keyboard, in the budget panel and the alert table', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await startFromExample(page);
  await page.click('.slo-progress a:has-text("Checkout availability")');
  await page.waitForSelector('[data-page="implementation"]');

  const budget = page.locator('.budget-panel p button.explain-figure').first();
  assert.equal(await budget.textContent(), '43 min 12 s');
  assert.equal(await budget.getAttribute('aria-expanded'), 'false');
  await budget.focus();
  await page.keyboard.press('Enter');
  assert.equal(await budget.getAttribute('aria-expanded'), 'true');
  const panelId = await budget.getAttribute('aria-controls');
  const panel = page.locator(`#${panelId}`);
  assert.equal(await panel.locator('.explain-formula').textContent(), 'budget = (1 − target) × period');
  assert.equal(await panel.locator('.explain-worked').textContent(),
    'budget = (1 − 0.999) × 30 d = 0.001 × 43,200 min = 43.2 min = 43 min 12 s');
  // Its glossary term opens the glossary at the definition.
  await panel.locator('button.term', { hasText: 'error budget' }).click();
  await page.waitForSelector('#glossary-panel');
  await page.keyboard.press('Escape');
  await shots(page, 'gather-explain', `#${panelId}`);
  // Closing the glossary gave focus back to the term; Escape there closes the panel, focus back on the figure.
  await page.keyboard.press('Escape');
  assert.equal(await budget.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '43 min 12 s');

  // The first alert (14.4x over 1 h on the 30-day window): what firing costs, with Space.
  const spent = page.locator('tr[data-alert="0"] button.explain-figure', { hasText: '= 2%' });
  await spent.focus();
  await page.keyboard.press('Space');
  assert.equal(await spent.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator(`#${await spent.getAttribute('aria-controls')} .explain-worked`).textContent(),
    'budget spent = 14.4 × 1 h ÷ 30 d = 14.4 × 60 min ÷ 43,200 min = 0.02 = 2%');
  assert.deepEqual(await seriousA11yViolations(page), []);
  assertQuiet(watch);
  await page.close();
});

test('a risk\'s expected bad minutes open their worked formula', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await startFromExample(page);
  await go(page, '#/research');
  await page.click('#add-risk');
  await page.fill('#risk-0-name', 'Bad deploy');
  for (const [field, value] of [['detect', 5], ['repair', 25], ['per-year', 4], ['share', 50]]) {
    await page.fill(`#risk-0-${field}`, String(value));
    await page.press(`#risk-0-${field}`, 'Tab');
  }
  const figure = page.locator('[data-testid="risk-result"] button.explain-figure');
  assert.equal(await figure.textContent(), '60');
  await figure.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`#${await figure.getAttribute('aria-controls')} .explain-worked`).textContent(),
    'bad minutes = (5 + 25) min × 4 × 50% = 30 min × 4 × 0.5 = 60 min');
  assertQuiet(watch);
  await page.close();
});
