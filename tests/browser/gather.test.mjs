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
  assert.equal(await page.textContent('#gather-count'), '2 drafts read: 2 candidate SLOs in 1 group.');
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
  assert.equal(await page.textContent('#gather-count'), '2 drafts read: 2 candidate SLOs in 1 group.');
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

/** Bob's draft as a project file: his votes and his versions of the risks. */
function bobsFile() {
  return {
    schema_version: 2,
    name: 'Bob',
    ideas: {
      journeys: [{ id: 1, name: 'check out  a basket', proposed_by: 'Bob', votes: 2 }],
      slis: [{ id: 2, text: 'Payment errors stay rare', journey: 'Check out a basket', proposed_by: 'Bob', votes: 1 }],
    },
    risks: {
      items: [
        { name: 'Bad deploy', detect_minutes: 5, repair_minutes: 55, per_year: 4, users_share: 0.5 },
        { name: 'Region outage', detect_minutes: 30, repair_minutes: 690, per_year: 1, users_share: 1 },
      ],
    },
  };
}

test('a participant sends a draft with ideas, votes and risks; the facilitator gathers two, merges, and the document keeps them', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-page="start"]');

  // Ana, on her laptop: a journey idea with 3 dots, an SLI idea with 2, one risk; then her share link.
  await go(page, '#/research');
  await page.fill('#idea-journey-text', 'Check out a basket');
  await page.fill('#idea-journey-by', 'Ana');
  await page.press('#idea-journey-by', 'Enter');
  const plus = (name) => page.locator(`button[aria-label="Add a vote to “${name}”"]`).first();
  await plus('Check out a basket').waitFor();
  for (let i = 0; i < 3; i += 1) await plus('Check out a basket').click();
  await page.fill('#idea-sli-text', 'Payment errors stay rare');
  await page.selectOption('#idea-sli-journey', 'Check out a basket');
  await page.fill('#idea-sli-by', 'Ana');
  await page.press('#idea-sli-by', 'Enter');
  await plus('Payment errors stay rare').waitFor();
  for (let i = 0; i < 2; i += 1) await plus('Payment errors stay rare').click();
  await page.click('#add-risk');
  await page.fill('#risk-0-name', 'Bad deploy');
  for (const [field, value] of [['detect', 5], ['repair', 25], ['per-year', 4], ['share', 50]]) {
    await page.fill(`#risk-0-${field}`, String(value));
    await page.press(`#risk-0-${field}`, 'Tab');
  }
  await go(page, '#/share');
  await page.click('text=Make a share link');
  const anasLink = await page.inputValue('#share-url');
  assert.match(anasLink, /#\/open\//);

  // The facilitator's laptop: the example project, Ana's link pasted and Bob's file dropped.
  await go(page, '#/start');
  await startFromExample(page);
  await go(page, '#/share');
  await page.fill('#gather-links', `Ana: ${anasLink}`);
  await page.click('#gather-read');
  await page.setInputFiles('#gather-files', [
    { name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bobsFile())) },
  ]);
  await page.waitForFunction(() => /^2 drafts read/.test(document.querySelector('#gather-count')?.textContent ?? ''));

  // Side by side: the same journey written two ways is one row, 3 + 2 = 5 votes; the SLI idea 2 + 1 = 3.
  const journeys = page.locator('table:has(caption:text("Candidate journeys")) tbody tr');
  assert.equal(await journeys.count(), 1);
  assert.equal(await journeys.locator('td').nth(1).textContent(), '3 from line 1, 2 from bob.json');
  assert.equal(await journeys.locator('.gather-votes').textContent(), '5');
  const slis = page.locator('table:has(caption:text("Candidate SLIs")) tbody tr');
  assert.equal(await slis.locator('.gather-votes').textContent(), '3');
  // Bad deploy in both drafts: what differs is said; Region outage only in Bob's.
  const badDeploy = page.locator('fieldset.gather-risk:has(legend:text("Bad deploy"))');
  assert.equal(await badDeploy.locator('.gather-likeness').textContent(),
    'Time to repair differs (25 min / 55 min). Keep one version.');
  await shots(page, 'gather-ideas', '.gather-ideas');

  await page.check('#gather-idea-j-0');
  await page.check('#gather-idea-s-0');
  await badDeploy.locator('input[type="radio"]').nth(1).check();
  await page.locator('fieldset.gather-risk:has(legend:text("Region outage")) input[type="radio"]').first().check();
  assert.equal(await page.textContent('#gather-merge'), 'Merge the 0 chosen SLO(s) and 4 idea(s) and risk(s) into this project');
  await page.click('#gather-merge');
  const outcome = await page.textContent('#gather-outcome');
  assert.match(outcome, /Journey idea “Check out a basket”: 5 vote\(s\) \(3 from line 1, 2 from bob\.json\), added as idea #\d+ \(it was #1 in line 1, #1 in bob\.json\)\./);
  assert.match(outcome, /Risk “Bad deploy”: added from bob\.json \(time to detect 5 min, time to repair 55 min, times a year 4, users affected 50%\)\./);

  // The project's document holds the summed votes and both risks (Bob's Bad deploy: (5 + 55) x 4 x 50% = 120 min).
  await go(page, '#/implementation');
  await page.check('#export-all');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-item[data-format="markdown"] button:has-text("Download")'),
  ]);
  const md = fs.readFileSync(await file.path(), 'utf8');
  assert.match(md, /\| Check out a basket \| Ana, Bob \| 5 \| Not chosen \|/);
  assert.match(md, /\| Payment errors stay rare \| Check out a basket \| {2}\| Ana, Bob \| 3 \| Not chosen \|/);
  assert.match(md, /\| Bad deploy \| 5 min \| 55 min \| 4 \| 50% \| 120 \|/);
  assert.match(md, /\| Region outage \| 30 min \| 690 min \|/);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assertQuiet(watch);
  await page.close();
});

test('on the Iteration page a tier span and a summary figure open their explanation from the keyboard', async () => {
  const { page, watch } = await openApp(context, server.url, '#/iteration');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  await page.click('#sample-outage');

  // The suggested ladder on the outage: the first span names the condition that opened it, with the value seen.
  const tier = page.locator('.tier-timeline tbody tr th button.explain-figure').first();
  await tier.waitFor({ timeout: 30000 });
  await tier.focus();
  await page.keyboard.press('Enter');
  assert.equal(await tier.getAttribute('aria-expanded'), 'true');
  const tierPanel = page.locator(`#${await tier.getAttribute('aria-controls')}`);
  assert.equal(await tierPanel.locator('.explain-formula').textContent(),
    'a tier applies while any of its conditions holds; when several tiers hold, the last one listed applies');
  assert.match(await tierPanel.locator('.explain-worked').textContent(),
    /^“(Look|Plan reliability work|Escalate)” applies while .+\. When the span began: (budget left -?\d+% < \d+%|burn rate over the last .+ > .+|the incident under way had spent \d+% of the budget > \d+%|\d+ windows in a row missed ≥ \d+) → it held from .+ UTC to .+ UTC = .+$/);
  assert.equal(await tierPanel.locator('button.term').first().textContent(), 'Error budget policy');
  await tierPanel.locator('.explain-worked').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'explain-tier-1280x900.png') });
  await page.keyboard.press('Escape');
  assert.equal(await tier.getAttribute('aria-expanded'), 'false');

  // Budget left at the end: the worked line ends on the very figure the summary shows.
  const left = page.locator('#summary-figures button.explain-figure').first();
  const shown = await left.textContent();
  await left.focus();
  await page.keyboard.press('Space');
  const leftPanel = page.locator(`#${await left.getAttribute('aria-controls')}`);
  assert.equal(await leftPanel.locator('.explain-formula').textContent(),
    'budget left = 1 − bad share over the window ÷ (1 − target)');
  const worked = await leftPanel.locator('.explain-worked').textContent();
  assert.match(worked, /^budget left = 1 − [\d.]+% ÷ \(1 − 0\.999\) = 1 − [\d.]+% ÷ 0\.1% = 1 − -?[\d.]+ = -?\d+%$/);
  assert.ok(worked.endsWith(`= ${shown}`), `${worked} ends on ${shown}`);
  // A firing's detection delay opens too: the delay is the firing time minus the start of the bad period.
  const delay = page.locator('.alerts-table tbody tr td:nth-child(5) button.explain-figure').first();
  await delay.focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator(`#${await delay.getAttribute('aria-controls')} .explain-worked`).textContent(),
    new RegExp(`^detection delay = .+ UTC − .+ UTC = ${(await delay.textContent()).replace(/[.]/g, '\\.')}$`));
  assert.deepEqual(await seriousA11yViolations(page), []);
  assertQuiet(watch);
  await page.close();
});
