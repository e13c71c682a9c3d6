// The team's records, walked as a user: agree an SLO as a named person,
// change its target and say why, find the log in the Markdown export; keep a
// dated review journal whose decision changes the target; generate and copy
// the meeting agenda; call the personas by the team's titles, add a persona
// and a step; link a dependency to another service's SLO and consult the
// calling team.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seriousA11yViolations, screenshot, assertQuiet } from './harness.mjs';

let server;
let context;
before(async () => {
  server = await serveDist();
  context = await launch({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
});
after(async () => { await context?.close(); await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  // The Iteration page names itself with a capital.
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2)}" i]`), route);
}

/** A fresh workspace holding the example `id`. */
async function example(id) {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-page="start"]');
  await page.click(`button[data-example="${id}"]`);
  await page.waitForSelector('.loaded-notice');
  return { page, watch };
}

const today = () => new Date().toISOString().slice(0, 10);

test('an SLO agreed by a named person logs a later target change with its reason, in the Markdown export', async () => {
  const { page, watch } = await example('web-api');
  await go(page, '#/implementation');
  await page.click('.slo-tabs button:has-text("Checkout latency")');
  await page.waitForFunction(() => document.querySelector('#editor-title').textContent === 'SLO: Checkout latency');
  // Before agreement, a change asks nothing.
  assert.equal(await page.locator('#change-why').count(), 0);
  const name = (await page.textContent('label[for="agreed-person-0"]')).trim();
  await page.check('#agreed-person-0');
  await page.fill('#agreed-on', '2026-11-30');
  await page.click('#record-agreement');
  await page.waitForSelector('#agreed-by');
  assert.equal(await page.textContent('#agreed-by strong'), `Agreed by ${name} on 2026-11-30.`);
  assert.equal(await page.inputValue('#slo-progress'), 'Agreed');

  // Typing 99.5 goes through 9 and 99: one change from the agreed 99% waits for its reason.
  await page.fill('#slo-target', '99.5');
  await page.waitForSelector('#change-why');
  assert.equal((await page.textContent('#pending-list')).trim(), 'target: 99% → 99.5%');
  await page.click('#log-change');
  assert.match(await page.textContent('.agreement-status'), /Not logged: say why/);
  await page.fill('#change-why', 'Shoppers tolerate slower checkouts at night');
  await page.click('#log-change');
  await page.waitForSelector('table.change-log');
  assert.equal(await page.locator('#change-why').count(), 0, 'nothing is left to explain');
  assert.match(await page.textContent('table.change-log tbody'), /target99%99\.5%Shoppers tolerate slower checkouts at night/);
  await screenshot(page, 'record-agreement');

  await page.click('.export-item[data-format="markdown"] button:has-text("Preview")');
  const md = await page.textContent('.export-item[data-format="markdown"] pre');
  assert.match(md, new RegExp(`Agreed by ${name} on 2026-11-30\\.`));
  assert.ok(md.includes(`| ${today()} | target | 99% | 99.5% | Shoppers tolerate slower checkouts at night |`), md);
  await page.click('.export-item[data-format="openslo"] button:has-text("Preview")');
  assert.match(await page.textContent('.export-item[data-format="openslo"] pre'), /slo-workbench\.dev\/record: /);

  // The record is kept in the project.
  await page.reload();
  await page.waitForSelector('#agreed-by');
  assert.equal(await page.locator('table.change-log tbody tr').count(), 1);
  assertQuiet(watch);
  await page.close();
});

test('a journal entry keeps the replay figures, its decision changes the target through the log, and the agenda copies as Markdown', async () => {
  const { page, watch } = await example('web-api');
  await go(page, '#/iteration');
  assert.equal(await page.$eval('#slo-select', (s) => s.selectedOptions[0].textContent), 'Checkout availability (99.9%)');
  await page.click('#sample-outage');
  await page.waitForSelector('#journal-date', { timeout: 30000 });
  await page.fill('#journal-date', '2026-12-01');
  await page.fill('#journal-attendees', 'Ana, Ben');
  await page.fill('#journal-notes', 'The outage of the sample spent the budget.');
  await page.fill('#journal-decisions', 'Relax to 99.5% until the cache lands');
  await page.fill('#journal-target', '99.5');
  assert.match(await page.textContent('label[for="journal-figures"]'), /Keep the replay figures: SLI \d/);
  await page.click('#add-journal');
  await page.waitForSelector('.journal-entry');
  const entry = await page.textContent('.journal-entry');
  assert.match(entry, /Review of 2026-12-01 · Ana, Ben/);
  // The outage sends the replay through the policy's tiers: the entry names them.
  assert.match(entry, /SLI [\d.]+%, .*(budget left|overspent).* pages? and \d+ tickets?; policy tiers entered: [^.]+\./);
  assert.match(entry, /Decisions: Relax to 99\.5% until the cache lands/);
  assert.match(await page.textContent('.journal-status'), /new target is in the change log/);

  // The agenda of a meeting on 2027-03-01: both checkout SLOs are due by then.
  await page.fill('#agenda-date', '2027-03-01');
  await page.click('#make-agenda');
  await page.waitForSelector('#agenda-text');
  const agenda = await page.inputValue('#agenda-text');
  assert.match(agenda, /^# SLO meeting, 2027-03-01\n/);
  assert.match(agenda, /## Due for revisit\n\n- Checkout availability \(revisit on 2027-01-15\)\n- Checkout latency \(revisit on 2027-03-01\)\n/);
  assert.match(agenda, /## Alerts that fired\n\n- Checkout availability: \d+ pages? and \d+ tickets? \(as of this replay\)/);
  assert.match(agenda, /## Policy tiers triggered\n/);
  assert.match(agenda, /## Open roadmap tasks\n/);
  await page.click('#copy-agenda');
  await page.waitForFunction(() => document.querySelector('.agenda-status').textContent === 'Copied the agenda.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), agenda);
  await screenshot(page, 'record-journal-agenda');
  assert.deepEqual(await seriousA11yViolations(page), []);

  await go(page, '#/implementation');
  await page.click('.slo-tabs button:has-text("Checkout availability")');
  await page.waitForFunction(() => document.querySelector('#slo-target').value === '99.5');
  assert.match(await page.textContent('table.change-log tbody'), /2026-12-01target99\.9%99\.5%Review of 2026-12-01: Relax to 99\.5%/);
  assertQuiet(watch);
  await page.close();
});

test('personas take the team\'s titles beside the canonical ones, and the team adds a persona and a RACI step', async () => {
  const { page, watch } = await example('web-api');
  await go(page, '#/language');
  await page.fill('#persona-title-1', 'PM');
  await page.press('#persona-title-1', 'Tab');
  await page.waitForFunction(() => document.querySelector('#rosetta tbody tr:nth-child(2)').textContent === 'Product Owner(s)PM');
  assert.match(await page.textContent('.persona-grid li:nth-child(2)'), /^PMCanonical persona: Product Owner\(s\)/);
  assert.match(await page.textContent('table.raci thead'), /PM/);
  assert.match(await page.textContent('#person-persona-0'), /PM/);

  await page.fill('#new-persona-name', 'Data protection officer');
  await page.click('#add-persona');
  await page.waitForSelector('#raci-0-7');
  assert.equal(await page.locator('.persona-grid > li').count(), 8);
  await page.fill('#new-step-name', 'Announce SLO changes');
  await page.click('#add-step');
  await page.waitForSelector('#raci-9-7');
  assert.match(await page.textContent('table.raci tbody tr:nth-child(10)'), /No one is accountable for "Announce SLO changes"/);
  await page.selectOption('#raci-9-7', 'AR');
  await page.waitForFunction(() => !document.querySelector('table.raci tbody tr:nth-child(10)').classList.contains('has-warning'));
  await screenshot(page, 'record-language');
  assert.deepEqual(await seriousA11yViolations(page), []);

  // All of it is kept in the project.
  await page.reload();
  await page.waitForSelector('#raci-9-7');
  assert.equal(await page.inputValue('#persona-title-1'), 'PM');
  assert.equal(await page.inputValue('#raci-9-7'), 'AR');
  assertQuiet(watch);
  await page.close();
});

test('a dependency on an internal-only service\'s SLO makes the calling team a suggested consulted persona', async () => {
  const { page, watch } = await example('internal-service');
  await go(page, '#/research');
  await page.click('#add-service');
  await page.fill('#service-1-name', 'Checkout');
  await page.click('#service-1-add-dependency');
  await page.selectOption('#service-1-dep-slo-0', 'flag-evaluation-availability');
  // The linked dependency offers the SLO's target: at most 99.5%.
  assert.match(await page.textContent('#service-1 [data-testid="dependency-ceiling"], fieldset:has(#service-1-name) [data-testid="dependency-ceiling"]'), /at most 99\.5%/);
  await go(page, '#/language');
  assert.match(await page.textContent('.consumers'), /Checkout calls /);
  await page.click('#consult-0');
  await page.waitForFunction(() => document.querySelector('table.raci thead').textContent.includes('Checkout team'));
  assert.equal(await page.inputValue('#raci-1-7'), 'C');
  assert.equal(await page.inputValue('#raci-2-7'), 'C');
  assert.equal(await page.locator('.consumers').count(), 0, 'once consulted, no longer suggested');
  assertQuiet(watch);
  await page.close();
});
