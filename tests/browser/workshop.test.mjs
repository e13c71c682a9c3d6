// The workshop walked as a facilitator (issues 14 and 15): the room's ideas
// captured live in presenter mode, dot votes recorded and one candidate of
// each kind chosen, the SLI menu adding candidates rather than SLOs, the
// team's own menu entry, the risk exercise with hand-worked figures, the
// Markdown document carrying votes and risks, and a reload keeping it all
// in the project (checklist ticks included).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openApp, screenshot, assertQuiet, seriousA11yViolations } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch({ viewport: { width: 1280, height: 720 } }); });
after(async () => { await context?.close(); await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2)}"]`), route);
}

/** A fresh workspace (and presenter state) on `route`, at `size`. */
async function fresh(route = '#/start', size = { width: 1280, height: 720 }) {
  const { page, watch } = await openApp(context, server.url, route);
  await page.setViewportSize(size);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector(`[data-page="${route.slice(2)}"]`);
  return { page, watch };
}

async function presenterAtStep(page, n) {
  if (await page.locator('.presenter').count() === 0) await page.click('button:has-text("Start presenter mode")');
  await page.waitForSelector('.presenter');
  await page.click(`.presenter-dots button[aria-label^="Step ${n}:"]`);
}

async function captureIdea(page, text, by, journey) {
  await page.fill('#presenter-idea-text', text);
  if (journey) await page.selectOption('#presenter-idea-journey', journey);
  await page.fill('#presenter-idea-by', by);
  await page.press('#presenter-idea-by', 'Enter');
  await page.waitForSelector(`.presenter-ideas .candidate:has-text("${text}")`);
}

/** Presses a vote button `times` times from the keyboard; focus stays on it. */
async function voteByKeyboard(page, name, times) {
  const plus = page.locator(`.presenter-ideas button[aria-label="Add a vote to “${name}”"]`);
  await plus.focus();
  for (let i = 0; i < times; i += 1) await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
  assert.equal(await plus.evaluate((b) => b === document.activeElement), true, 'focus stays on the + button');
}

async function resultLines(page, kind) {
  return page.locator(`[data-testid="result-${kind}"] li`).allTextContents();
}

async function downloadedMarkdown(page) {
  await go(page, '#/implementation');
  await page.check('#export-all');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-item[data-format="markdown"] button:has-text("Download")'),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

async function fillRisk(page, i, { name, detect, repair, perYear, share }) {
  await page.fill(`#risk-${i}-name`, name);
  for (const [field, value] of [['detect', detect], ['repair', repair], ['per-year', perYear], ['share', share]]) {
    await page.fill(`#risk-${i}-${field}`, String(value));
    await page.press(`#risk-${i}-${field}`, 'Tab');
  }
}

test('a facilitator captures ideas, records dot votes, chooses, runs the risk exercise and keeps it all', async () => {
  const { page, watch } = await fresh('#/research');
  await page.click('#add-service');
  await page.fill('#service-0-name', 'shop');
  await page.press('#service-0-name', 'Tab');
  await go(page, '#/start');

  // Step 5, journeys: ideas typed live on the projector, votes from the keyboard.
  await presenterAtStep(page, 5);
  assert.equal(await page.textContent('#presenter-step-title'), 'Pick one critical user journey');
  await captureIdea(page, 'Check out a basket', 'Ana');
  await captureIdea(page, 'Search the catalogue', 'Bo');
  await voteByKeyboard(page, 'Check out a basket', 3);
  await voteByKeyboard(page, 'Search the catalogue', 1);
  assert.deepEqual(await resultLines(page, 'journey'), ['Check out a basket: 3 votes', 'Search the catalogue: 1 vote']);
  const count = page.locator('.presenter-ideas .candidate[data-candidate="j1"] .vote-count');
  assert.equal(await count.textContent(), '3');
  const size = await count.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 24, `votes readable from the back of the room (${size}px)`);
  await page.click('.presenter-ideas .candidate[data-candidate="j1"] button.choose');
  assert.match(await page.textContent('.presenter-ideas .candidate[data-candidate="j1"]'), /Chosen: journey “Check out a basket”/);
  await page.check('#check-4-0');
  await screenshot(page, 'workshop-presenter-journeys-1280');

  // Step 6, SLIs: ideas for the chosen journey, voted, the winner made an SLO.
  await presenterAtStep(page, 6);
  await captureIdea(page, 'Checkout pages load in under 1 s', 'Cy', 'Check out a basket');
  await captureIdea(page, 'Payment errors stay rare', 'Ana', 'Check out a basket');
  await voteByKeyboard(page, 'Payment errors stay rare', 2);
  await voteByKeyboard(page, 'Checkout pages load in under 1 s', 1);
  assert.deepEqual(await resultLines(page, 'sli'), ['Payment errors stay rare: 2 votes', 'Checkout pages load in under 1 s: 1 vote']);
  await page.click('.presenter-ideas .candidate:has-text("Payment errors stay rare") button.choose');
  await page.waitForSelector('.presenter-ideas .candidate:has-text("Payment errors stay rare") .chosen');
  await screenshot(page, 'workshop-presenter-slis-1280');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe in presenter mode with the ideas board');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.presenter', { state: 'detached' });
  assert.equal(await page.textContent('[data-testid="tally"]'), '1 drafted, 0 agreed, 0 exported', 'only the chosen idea is drafted');

  // Research: the journey was made; a menu click adds a candidate, not an SLO.
  await go(page, '#/research');
  const journey = page.locator('.journey-editor').first();
  assert.equal(await page.inputValue('#journey-0-name'), 'Check out a basket');
  await journey.locator('button[data-sli="request-latency"]').click();
  await journey.locator('.candidate:has-text("Latency")').waitFor();
  await go(page, '#/start');
  assert.equal(await page.textContent('[data-testid="tally"]'), '1 drafted, 0 agreed, 0 exported', 'a menu pick is not a draft');
  await go(page, '#/research');

  // The team's own menu entry is offered in the journey's menu.
  await page.fill('#team-entry-name', 'Welcome email');
  await page.fill('#team-entry-spec', 'Sent within 2 minutes of sign-up');
  await page.fill('#team-entry-good', 'sum(rate(welcome_sent_fast_total[{{.window}}]))');
  await page.fill('#team-entry-total', 'sum(rate(welcome_sent_total[{{.window}}]))');
  await page.click('button:has-text("Add to the SLI menu")');
  await journey.locator('button[data-sli="team-welcome-email"]').waitFor();
  assert.match(await journey.locator('.sli-menu').textContent(), /Welcome email \(your team's\)/);

  // The risk exercise against "Payment errors stay rare" (99.9% over 30 days).
  await page.click('#add-risk');
  await fillRisk(page, 0, { name: 'Bad deploy', detect: 5, repair: 25, perYear: 4, share: 50 });
  await page.click('#add-risk');
  await fillRisk(page, 1, { name: 'Region outage', detect: 30, repair: 690, perYear: 1, share: 100 });
  const result = page.locator('[data-testid="risk-result"] tbody tr');
  // (5 + 25) x 4 x 50% = 60 min, 11% of 525.6; (30 + 690) x 1 x 100% = 720 min, 137%.
  assert.deepEqual(await result.locator('th').allTextContents(), ['Region outage', 'Bad deploy'], 'costliest first');
  assert.match(await result.nth(1).textContent(), /5 min.*25 min.*4.*50%.*60.*11%/);
  assert.match(await result.nth(0).textContent(), /720.*137% \(alone over budget\)/);
  const summary = await page.textContent('.risk-summary');
  assert.match(summary, /an error budget of 525\.6 bad minutes a year/);
  assert.match(summary, /Alone over the yearly budget: Region outage\./);
  // Time to detect from the alerts: the 14.4x page fires after 1.728 min at 50% errors.
  await page.check('#risk-0-from-alerts');
  assert.match(await result.nth(1).textContent(), /1\.7 min \(page alert\).*53\.5/);
  await page.uncheck('#risk-0-from-alerts');
  await screenshot(page, 'workshop-research-1280');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the filled Research page');

  // The Markdown document carries the votes, the choices and the risks.
  const md = await downloadedMarkdown(page);
  assert.match(md, /## Workshop: candidates and votes/);
  assert.match(md, /\| Check out a basket \| Ana \| 3 \| Chosen: journey “Check out a basket” \|/);
  assert.match(md, /\| Payment errors stay rare \| Check out a basket \|  \| Ana \| 2 \| Chosen: SLO `payment-errors-stay-rare` \|/);
  assert.match(md, /\| Latency \| Check out a basket \| Latency \|  \| 0 \| Not chosen \|/);
  assert.ok(md.indexOf('| Search the catalogue |') > md.indexOf('| Check out a basket | Ana'), 'most votes first');
  assert.match(md, /## Risk analysis/);
  assert.match(md, /\| Bad deploy \| 5 min \| 25 min \| 4 \| 50% \| 60 \| 11% \|/);
  assert.match(md, /Alone over the yearly budget: Region outage\./);

  // A reload keeps everything, and the ticks live in the project, not the browser's presenter key.
  await page.evaluate(() => localStorage.removeItem('slo-workbench/presenter/v1'));
  await page.reload();
  await go(page, '#/research');
  assert.equal(await page.locator('.room-ideas .candidate').count(), 5, '2 journeys and 3 SLIs');
  assert.deepEqual(await resultLines(page, 'journey'), ['Check out a basket: 3 votes (chosen)', 'Search the catalogue: 1 vote']);
  assert.equal(await page.inputValue('#risk-1-name'), 'Region outage');
  assert.equal(await page.inputValue('#risk-0-share'), '50');
  await go(page, '#/start');
  await presenterAtStep(page, 5);
  assert.equal(await page.isChecked('#check-4-0'), true);
  assert.equal(await page.isChecked('#check-4-1'), false);
  await page.keyboard.press('Escape');
  assertQuiet(watch);
  await page.close();
});

test('checklist ticks an earlier version kept in the browser are carried into the project', async () => {
  const { page, watch } = await fresh('#/start');
  await page.evaluate(() => localStorage.setItem('slo-workbench/presenter/v1',
    JSON.stringify({ step: 1, checked: [[false, true], [true, false]], active: false })));
  await page.reload();
  await page.waitForSelector('[data-page="start"]');
  await page.click('button:has-text("Start presenter mode")');
  assert.equal(await page.isChecked('#check-1-0'), true);
  await presenterAtStep(page, 1);
  assert.equal(await page.isChecked('#check-0-1'), true);
  assert.equal(await page.isChecked('#check-0-0'), false);
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('slo-workbench/presenter/v1')).checked);
  assert.deepEqual(kept, [], 'read once, then left to the project');
  await page.keyboard.press('Escape');
  assertQuiet(watch);
  await page.close();
});

test('on a 390x844 phone the ideas, the votes and the risks fit the width', async () => {
  const { page, watch } = await fresh('#/start', { width: 390, height: 844 });
  await presenterAtStep(page, 5);
  await captureIdea(page, 'Check out a basket with a rather long name', 'Ana');
  await voteByKeyboard(page, 'Check out a basket with a rather long name', 2);
  await screenshot(page, 'workshop-presenter-390');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.presenter', { state: 'detached' });
  await go(page, '#/research');
  await page.click('.room-ideas .candidate button.choose');
  await page.locator('.journey-editor').first().locator('button[data-sli="request-availability"]').click();
  await page.locator('.journey-editor').first().locator('button.choose').click();
  await page.click('#add-risk');
  await fillRisk(page, 0, { name: 'Bad deploy', detect: 5, repair: 25, perYear: 4, share: 50 });
  await page.waitForSelector('[data-testid="risk-result"]');
  const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
  assert.ok(sideways <= 0, `the page does not scroll sideways (${sideways}px)`);
  await screenshot(page, 'workshop-research-390');
  assertQuiet(watch);
  await page.close();
});
