// The plan a team runs, walked as a user: edit the error budget policy's
// tiers (rename, change a threshold, fix a typo the page refuses, reorder by
// keyboard, add and remove a tier), replay a sample on the Iteration page and
// read the tier timeline; then plan an SLO's roadmap (the default tasks, a
// task of our own with an owner the RACI chart does not back, a task done),
// see the progress on the Start page and in the guide, and reload to find it
// all still there. Screenshots at 1280x720 and 390x844.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seriousA11yViolations, screenshot, assertQuiet } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch({ viewport: { width: 1280, height: 720 } }); });
after(async () => { await context?.close(); await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2).split('?')[0]}"]`), route);
}

async function fresh(page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-page="start"]');
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('tiers are edited in the policy and replayed on the Iteration page as a timeline', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await fresh(page);
  await go(page, '#/implementation');
  await page.click('#new-slo');

  // A new project starts from the suggested ladder: signals, not a freeze.
  assert.equal(await page.inputValue('#tier-0-name'), 'Look');
  assert.equal(await page.inputValue('#tier-1-name'), 'Plan reliability work');
  assert.equal(await page.inputValue('#tier-2-name'), 'Escalate');
  assert.doesNotMatch(await page.textContent('.tiers'), /only reliability and security work ships/);

  await page.fill('#tier-0-name', 'Have a look');
  assert.equal(await focusedId(page), 'tier-0-name', 'typing keeps the focus');
  assert.match(await page.textContent('#tier-0-title'), /Tier 1: Have a look/);
  await page.fill('#tier-0-cond-0-share', '60');

  // A burn factor the engine cannot read is refused in place, then fixed.
  await page.fill('#tier-1-cond-1-factor', 'fast');
  assert.match(await page.textContent('#tier-1-cond-1-factor-error'), /positive number/);
  assert.equal(await page.getAttribute('#tier-1-cond-1-factor', 'aria-invalid'), 'true');
  await page.fill('#tier-1-cond-1-factor', '3');
  assert.equal(await page.textContent('#tier-1-cond-1-factor-error'), '');

  // Reorder with the keyboard: the harsher tier moved above a milder one is named.
  await page.focus('#tier-2-up');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#tier-1-name'), 'Escalate');
  assert.equal(await focusedId(page), 'tier-1-up', 'focus follows the moved tier');
  assert.match(await page.textContent('.tier[data-tier="2"] .tier-problems'), /order the tiers mildest first/);
  await page.click('#tier-1-down');
  assert.equal(await page.inputValue('#tier-2-name'), 'Escalate');
  assert.equal(await page.locator('.tier-problems').count(), 0);

  // Add a tier by keyboard, make it "3 missed windows", then remove it.
  await page.focus('#tier-add');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#tier-3-name');
  assert.equal(await focusedId(page), 'tier-3-name');
  await page.fill('#tier-3-name', 'Tell the VP');
  await page.selectOption('#tier-3-cond-0-kind', 'missed_windows');
  await page.fill('#tier-3-cond-0-count', '3');
  await page.selectOption('#tier-3-decides', '6');
  assert.match(await page.textContent('#tier-3-title'), /Tier 4: Tell the VP/);
  await page.click('#tier-3-remove');
  assert.equal(await page.locator('.tier-list > .tier').count(), 3);

  await page.locator('.tiers').scrollIntoViewIfNeeded();
  await screenshot(page, 'policy-tiers-editor');

  // Replay the outage sample: the edited ladder applies, with who decides.
  await page.evaluate(() => { location.hash = '#/iteration'; });
  await page.waitForSelector('#slo-select');
  await page.click('#sample-outage');
  await page.waitForSelector('.tier-timeline');
  const rows = await page.locator('.tier-timeline tbody tr').allTextContents();
  assert.ok(rows.length >= 1, 'at least one span');
  assert.match(rows.join('\n'), /Have a look|Plan reliability work|Escalate/);
  assert.match(await page.textContent('.tier-timeline'), /Who decides/);
  assert.match(await page.textContent('.tier-totals'), /Have a look: (applied|never)/);
  assert.doesNotMatch(await page.textContent('.policy-on-data'), /only reliability and security work ships/);
  await page.locator('.policy-on-data').scrollIntoViewIfNeeded();
  await screenshot(page, 'policy-tiers-on-iteration');
  assert.deepEqual(await seriousA11yViolations(page), []);
  assertQuiet(watch);
  await page.close();
});

test('a roadmap task with an owner shows on Start, in the guide and after a reload', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await fresh(page);
  await page.click('button[data-example="web-api"]');
  await page.waitForSelector('.loaded-notice');
  assert.match(await page.textContent('.step[data-step="roadmap"] .badge'), /Not started/);

  await go(page, '#/implementation');
  await page.click('#roadmap-defaults');
  await page.waitForSelector('.roadmap-task');
  assert.equal(await page.locator('.roadmap-task').count(), 6);
  assert.match(await page.textContent('#roadmap-progress'), /0 of 6 tasks done/);
  // The default owner is someone R for the step: Chen, Engineering/Quality Lead, for the SLI.
  assert.equal(await page.inputValue('#task-instrument-sli-owner'), 'Chen');

  await page.click('#roadmap-add');
  await page.waitForSelector('#task-task-1-title');
  assert.equal(await focusedId(page), 'task-task-1-title');
  await page.fill('#task-task-1-title', 'Write the on-call handbook');
  // Gus is the executive: informed only, so the linter names him.
  await page.selectOption('#task-task-1-owner', 'Gus');
  await page.waitForSelector('[data-finding^="roadmap-owner-not-responsible:"]');
  assert.match(await page.textContent('[data-finding^="roadmap-owner-not-responsible:"]'), /Gus owns "Write the on-call handbook" but is neither R nor A/);
  await page.selectOption('#task-task-1-owner', 'Dana');
  await page.waitForFunction(() => !document.querySelector('[data-finding^="roadmap-owner-not-responsible:"]'));
  await page.fill('#task-task-1-due', '2027-01-15');
  await page.selectOption('#task-instrument-sli-status', 'done');
  assert.match(await page.textContent('#roadmap-progress'), /1 of 7 tasks done/);

  await page.locator('.roadmap-editor').scrollIntoViewIfNeeded();
  await screenshot(page, 'policy-roadmap-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.roadmap-editor').scrollIntoViewIfNeeded();
  await screenshot(page, 'policy-roadmap-390');
  await page.setViewportSize({ width: 1280, height: 720 });
  assert.deepEqual(await seriousA11yViolations(page), []);

  await go(page, '#/start');
  assert.match(await page.textContent('[data-testid="roadmap-tally"]'), /Roadmap: 1 of 7 tasks done/);
  assert.match(await page.textContent('.step[data-step="roadmap"] .badge'), /Started/);
  assert.match(await page.textContent('.step[data-step="roadmap"] .step-progress'), /1 of 7 tasks done/);
  assert.match(await page.textContent('.slo-progress'), /roadmap: 1 of 7 tasks done/);

  await page.reload();
  await page.waitForSelector('[data-page="start"]');
  assert.match(await page.textContent('[data-testid="roadmap-tally"]'), /Roadmap: 1 of 7 tasks done/);
  await go(page, '#/implementation');
  await page.waitForSelector('#task-task-1-title');
  assert.equal(await page.inputValue('#task-task-1-title'), 'Write the on-call handbook');
  assert.equal(await page.inputValue('#task-task-1-owner'), 'Dana');
  assert.equal(await page.inputValue('#task-task-1-due'), '2027-01-15');
  assert.equal(await page.inputValue('#task-instrument-sli-status'), 'done');
  assertQuiet(watch);
  await page.close();
});
