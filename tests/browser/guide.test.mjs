// The guided workbench, walked as a user would: start from an example, edit
// the RACI, draft an SLO, see the lint findings, design alerts, fill the
// policy, export, reload and find everything still there; plus the glossary,
// undo, presenter mode, share links, print and axe on the filled pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seriousA11yViolations, screenshot, assertQuiet } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => document.querySelector(`main [data-page="${r.slice(2)}"]`), route);
}

async function freshStart(page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-page="start"]');
}

async function loadExample(page, id) {
  await go(page, '#/start');
  await page.click(`button[data-example="${id}"]`);
  await page.waitForSelector('.loaded-notice');
}

test('the start page shows the roadmap, progress and examples, and goes back from loading one', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  assert.equal(await page.locator('.steps > li').count(), 14);
  assert.equal(await page.textContent('[data-testid="tally"]'), '0 drafted, 0 agreed, 0 exported');
  // Every step links to the page that does it.
  assert.equal(await page.locator('.steps a[href="#/research"]').count(), 4);

  await loadExample(page, 'web-api');
  assert.equal(await page.textContent('[data-testid="tally"]'), '2 drafted, 1 agreed, 0 exported');
  assert.match(await page.textContent('.loaded-notice'), /Opened “Shop checkout API” as a new project/);
  assert.equal(await page.inputValue('#project-name'), 'Shop checkout API');
  await page.click('.loaded-notice button:has-text("Back to “Untitled project”")');
  assert.equal(await page.textContent('[data-testid="tally"]'), '0 drafted, 0 agreed, 0 exported');
  assert.equal(await page.inputValue('#project-name'), 'Untitled project');

  for (const id of ['data-pipeline', 'internal-service', 'web-api']) {
    await loadExample(page, id);
  }
  // State is shown in words, not colour alone.
  assert.match(await page.textContent('.step[data-step="people"] .badge'), /Done/);
  await screenshot(page, 'guide-start');
  // Each SLO of the progress list opens in the editor.
  await page.click('.slo-progress a:has-text("Checkout latency")');
  await page.waitForSelector('[data-page="implementation"]');
  assert.equal(await page.textContent('#editor-title'), 'SLO: Checkout latency');
  assertQuiet(watch);
  await page.close();
});

test('the glossary opens from a term, from the button and with "?", and closes with Escape', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  await page.click('.lead button.term:has-text("error budget")');
  await page.waitForSelector('#glossary-panel');
  assert.match(await page.textContent('.glossary-entry.selected'), /43 minutes 12 seconds/);
  // Focus moves in the next animation frame: wait for it rather than race it.
  await page.waitForFunction(() => document.activeElement.id === 'glossary-error-budget', null, { timeout: 5000 });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#glossary-panel').count(), 0);
  // Focus goes back to the term that opened it, not to the top of the page.
  await page.waitForFunction(() => document.activeElement.matches('.lead button.term') && document.activeElement.textContent === 'error budget', null, { timeout: 5000 });
  // Column headings of the alert table are terms too.
  await page.click('table.alerts th button.term:has-text("Reset time")');
  assert.match(await page.textContent('.glossary-entry.selected'), /Reset time/);
  // Escape closes the panel even after focus has left it.
  await page.locator('main h1').click();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#glossary-panel').count(), 0);

  await go(page, '#/research');
  await page.locator('main h1').click();
  await page.keyboard.press('?');
  await page.waitForSelector('#glossary-search:focus');
  await page.fill('#glossary-search', 'burn');
  const terms = await page.locator('.glossary-panel dt').allTextContents();
  assert.ok(terms.includes('Burn rate'), terms.join(', '));
  await page.click('.glossary-panel button.close');
  // Opened by "?" from the page: focus goes back there.
  await page.waitForFunction(() => document.activeElement.id === 'main', null, { timeout: 5000 });
  // Every SLI category of the menu opens its definition, "Quality" included.
  await page.click('button:has-text("Add a service")');
  await page.click('button:has-text("Add a journey")');
  await page.locator('.sli-entry h4 button.term:has-text("Quality")').first().click();
  assert.match(await page.textContent('.glossary-entry.selected'), /degraded/);
  await page.keyboard.press('Escape');
  await page.click('#glossary-toggle');
  await page.waitForSelector('#glossary-panel');
  assert.ok(await page.locator('.glossary-panel dt').count() > 30);
  assertQuiet(watch);
  await page.close();
});

test('the whole flow: RACI, research, SLO, findings, alerts, policy, export, reload', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');

  // Language: the default chart has two A's on its first row; fixing it clears the warning.
  await go(page, '#/language');
  assert.match(await page.textContent('.raci-summary'), /1 warning/);
  assert.match(await page.textContent('table.raci tbody tr:first-child .raci-warning'), /More than one persona is accountable/);
  await page.selectOption('#raci-0-3', 'R');
  assert.match(await page.textContent('.raci-summary'), /No warnings/);
  await page.selectOption('#raci-3-4', 'R');
  assert.match(await page.textContent('.raci-summary'), /1 warning/);
  assert.match(await page.textContent('table.raci tbody tr:nth-child(4) .raci-warning'), /No one is accountable/);
  await page.selectOption('#raci-3-4', 'AR');
  await page.fill('#new-person-name', 'Hana');
  await page.selectOption('#new-person-persona', '4');
  await page.click('button:text-is("Add person")');
  assert.match(await page.textContent('table.raci thead'), /Eli, Hana/);

  // Research: a new journey and a draft SLO from the SLI menu.
  await go(page, '#/research');
  await page.click('button:has-text("Add a journey")');
  const j = (await page.locator('.journey-editor').count()) - 1;
  await page.fill(`#journey-${j}-name`, 'Sign in');
  await page.press(`#journey-${j}-name`, 'Tab');
  await page.locator('.journey-editor').nth(j).locator('button[data-sli="request-latency"]').click();
  // The menu adds a candidate; "Make it an SLO" drafts it.
  await page.locator('.journey-editor').nth(j).locator('button.choose').click();
  assert.match(await page.locator('.journey-editor').nth(j).textContent(), /Sign in latency/);
  assert.match(await page.textContent('[data-testid="dependency-ceiling"]'), /99\.94%/);

  // Implementation: the new SLO, a target the dependencies cannot support.
  await go(page, '#/implementation');
  await page.click('.slo-tabs button:has-text("Sign in latency")');
  await page.fill('#slo-target', '100');
  assert.match(await page.textContent('.error[role="alert"]'), /100% target leaves no error budget/);
  await page.fill('#slo-target', '99.99');
  assert.equal(await page.locator('#slo-target[aria-invalid="true"]').count(), 0);
  assert.match(await page.textContent('.budget-table tbody tr:first-child'), /8\.6.?s/);
  assert.match(await page.textContent('.budget-panel'), /4 min 19\.2 s/);
  const findings = page.locator('[data-testid="slo-findings"]');
  assert.match(await findings.textContent(), /dependencies/);

  // Acknowledge one finding with a reason.
  const first = findings.locator('li.finding').first();
  const findingId = await first.getAttribute('data-finding');
  await first.locator('input[type="text"]').fill('The cache hides the payment provider');
  await first.locator('button[type="submit"]').click();
  assert.match(await findings.locator(`li[data-finding="${findingId}"]`).textContent(), /Acknowledged: The cache hides/);

  // Alerts: a preset, then a factor that can never fire at this target.
  await page.selectOption('#alert-preset', 'workbook28d');
  assert.equal(await page.inputValue('#alert-0-factor'), '13.44');
  await page.fill('#alert-0-factor', '20000');
  await page.press('#alert-0-factor', 'Tab');
  await page.waitForSelector('tr[data-alert="0"] [data-lint^="alert-never-fires"]');
  assert.equal(await page.inputValue('#alert-preset'), 'custom');
  await page.fill('#alert-0-factor', '14.4');
  await page.press('#alert-0-factor', 'Tab');
  await page.waitForSelector('tr[data-alert="0"] .ok');
  // 99.99% over a 1 h long window at 14.4x: a full outage is detected after 0.0001 x 3600 s x 14.4 = 5.2 s.
  assert.match(await page.textContent('tr[data-alert="0"]'), /5\.2 s/);
  await page.fill('#runbook', 'https://runbooks.example.com/sign-in');

  // Policy.
  await page.fill('#policy-purpose', 'Sign-in must just work.');

  // Export: preview the rules, download the Markdown document. Only an
  // agreed SLO is marked exported by a rules download.
  await page.selectOption('#slo-progress', 'Agreed');
  await page.click('.export-item[data-format="prometheus"] button:has-text("Preview")');
  assert.match(await page.textContent('.export-item[data-format="prometheus"] pre'), /slo:sli_error:ratio_rate5m/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-item[data-format="markdown"] button:has-text("Download")'),
  ]);
  assert.match(download.suggestedFilename(), /\.md$/);
  const [rules] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-item[data-format="sloth"] button:has-text("Download")'),
  ]);
  assert.match(rules.suggestedFilename(), /\.ya?ml$/);
  assert.match(await page.textContent('.export-message'), /Downloaded/);
  await screenshot(page, 'guide-implementation');

  // Reload: everything is still there.
  await page.reload();
  await page.waitForSelector('[data-page="implementation"]');
  await page.click('.slo-tabs button:has-text("Sign in latency")');
  assert.equal(await page.inputValue('#slo-target'), '99.99');
  assert.equal(await page.inputValue('#alert-0-factor'), '14.4');
  assert.equal(await page.inputValue('#runbook'), 'https://runbooks.example.com/sign-in');
  assert.equal(await page.inputValue('#policy-purpose'), 'Sign-in must just work.');
  assert.match(await page.textContent(`li[data-finding="${findingId}"]`), /Acknowledged/);
  await go(page, '#/language');
  assert.equal(await page.inputValue('#raci-0-3'), 'R');
  await go(page, '#/start');
  // The Sloth download marked the SLO exported.
  assert.match(await page.textContent('[data-testid="tally"]'), /1 exported/);
  assertQuiet(watch);
  await page.close();
});

test('deleting an SLO or a journey can be undone', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  assert.equal(await page.locator('.slo-tabs li').count(), 3);
  await page.click('button:has-text("Delete this SLO")');
  assert.equal(await page.locator('.slo-tabs li').count(), 2);
  assert.match(await page.textContent('.toast'), /Deleted the SLO “Checkout availability”/);
  // With the keyboard: Undo puts the SLO back and focus stays on the page.
  await page.focus('.toast button.undo');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.slo-tabs li').count(), 3);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'focus is not lost to <body>');
  assert.equal(await page.textContent('.slo-tabs li:first-child'), 'Checkout availability');

  await go(page, '#/research');
  assert.equal(await page.locator('.journey-editor').count(), 2);
  await page.locator('.journey-editor').first().locator('button:has-text("Delete this journey")').click();
  assert.equal(await page.locator('.journey-editor').count(), 1);
  await page.click('.toast button.undo');
  assert.equal(await page.locator('.journey-editor').count(), 2);
  assert.equal(await page.inputValue('#journey-0-name'), 'Check out a basket');
  assertQuiet(watch);
  await page.close();
});

test('a share link made on the Share page opens the project in another tab', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'data-pipeline');
  await go(page, '#/share');
  await page.click('button:has-text("Make a share link")');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#\/open\/[A-Za-z0-9_-]+$/);
  await loadExample(page, 'internal-service');

  const other = await openApp(context, server.url, url.slice(url.indexOf('#')));
  await other.page.waitForSelector('.shared-link');
  await other.page.click('button:has-text("Open the shared project")');
  assert.match(await other.page.textContent('.shared-link'), /Opened “Billing pipeline” as a new project/);
  assert.equal(await other.page.inputValue('#project-name'), 'Billing pipeline');
  await go(other.page, '#/implementation');
  assert.equal(await other.page.textContent('.slo-tabs li:first-child'), 'Invoice data freshness');
  assertQuiet(other.watch);
  await other.page.close();
  assertQuiet(watch);
  await page.close();
});

test('importing a Sloth spec replaces the workspace and can be undone; bad text names the line', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'web-api');
  await go(page, '#/share');
  await page.fill('#import-text', [
    'version: "prometheus/v1"',
    'service: "myservice"',
    'slos:',
    '  - name: "requests-availability"',
    '    objective: 99.9',
    '    sli:',
    '      events:',
    '        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    '        total_query: sum(rate(http_requests_total[{{.window}}]))',
    '    alerting:',
    '      name: MyServiceHighErrorRate',
    '',
  ].join('\n'));
  await page.click('button:has-text("Import the pasted text")');
  assert.match(await page.textContent('.import-outcome'), /Imported/);
  assert.equal(await page.inputValue('#project-name'), 'Imported specs');
  await page.click('.toast button.undo');
  assert.equal(await page.inputValue('#project-name'), 'Shop checkout API');
  await page.click('button:has-text("Import the pasted text")');
  await go(page, '#/implementation');
  assert.equal(await page.textContent('.slo-tabs li:first-child'), 'requests-availability');
  await go(page, '#/share');
  await page.fill('#import-text', 'version: [unclosed');
  await page.click('button:has-text("Import the pasted text")');
  assert.match(await page.textContent('.import-outcome'), /line 1/);
  assertQuiet(watch);
  await page.close();
});

test('presenter mode: one step at a time, keyboard shortcuts, a timer and a checklist', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.click('button:has-text("Start presenter mode")');
  await page.waitForSelector('.presenter');
  await page.keyboard.press('Home');
  assert.equal(await page.textContent('.presenter-count'), 'Step 1 of 14');
  assert.equal(await page.textContent('#presenter-step-title'), 'Learn the words');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.presenter-count'), 'Step 3 of 14');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('#presenter-step-title'), 'Map people to personas');
  assert.match(await page.textContent('.presenter-timer'), /\d\d:\d\d \/ 5 min/);
  await page.keyboard.press('t');
  assert.equal(await page.textContent('.presenter-bar button:first-of-type'), 'Resume timer');
  await page.check('#check-1-0');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#presenter-step-title')).fontSize));
  assert.ok(size >= 32, `large type on a projector (${size}px)`);
  await screenshot(page, 'guide-presenter');
  // The header is hidden while presenting; the glossary opens from the presenter bar.
  await page.click('.presenter-bar button:has-text("Glossary")');
  await page.waitForSelector('#glossary-panel');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#glossary-panel').count(), 0);
  assert.equal(await page.locator('.presenter').count(), 1, 'Escape closed the glossary, not presenter mode');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.presenter').count(), 0);
  // Resumes where it was, with the ticked item.
  await page.click('button:has-text("Start presenter mode")');
  assert.equal(await page.textContent('.presenter-count'), 'Step 2 of 14');
  assert.equal(await page.isChecked('#check-1-0'), true);
  await page.keyboard.press('Escape');
  assertQuiet(watch);
  await page.close();
});

test('the filled pages have no serious accessibility violation, also with the glossary open', async () => {
  const { page } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'web-api');
  for (const route of ['#/start', '#/language', '#/research', '#/implementation', '#/share']) {
    await go(page, route);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], `axe on ${route}`);
  }
  await page.click('#glossary-toggle');
  await page.waitForSelector('#glossary-panel');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe with the glossary open');
  await go(page, '#/start');
  await page.click('button:has-text("Start presenter mode")');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe in presenter mode');
  // A running workshop resumes on the next visit: end it, so the later tests open the app as usual.
  await page.click('button:has-text("Leave presenter mode")');
  await page.close();
});

test('the print stylesheet leaves out navigation and controls', async () => {
  const { page } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  const policy = Array.from({ length: 14 }, (_, k) => `Rule ${k + 1}: a sentence of the policy the team agreed.`).join('\n');
  await page.fill('#policy-purpose', policy);
  await page.emulateMedia({ media: 'print' });
  // A long policy prints in full: the text area grows to its text.
  const clipped = await page.$eval('#policy-purpose', (t) => t.scrollHeight - t.clientHeight);
  assert.ok(clipped <= 1, `policy text cut off in print by ${clipped}px`);
  // The handout names its project (the header does not print), and leaves out the "(which one?)" links.
  assert.equal(await page.isVisible('[data-testid="print-meta"]'), true);
  assert.match(await page.textContent('[data-testid="print-meta"]'), /Shop checkout API/);
  assert.equal(await page.isVisible('.slo-editor .term-aside'), false);
  assert.equal(await page.isVisible('table.alerts td.actions'), false);
  assert.equal(await page.isVisible('.app-header'), false);
  assert.equal(await page.isVisible('.exports'), false);
  assert.equal(await page.isVisible('.policy'), true);
  assert.equal(await page.isVisible('.budget-table'), true);
  await screenshot(page, 'guide-print');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('[data-testid="print-meta"]'), false, 'the project line is for print only');
  await page.close();
});

test('in a dark system theme the pages use the dark palette', async () => {
  const dark = await launch({ colorScheme: 'dark' });
  const { page, watch } = await openApp(dark, server.url, '#/language');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(18, 20, 23)');
  await screenshot(page, 'guide-language-dark');
  assertQuiet(watch);
  await dark.close();
});

test('keyboard users keep their place when acknowledging findings and removing rows', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');
  // Focus moves after the rebuilt rows are drawn: wait for it, then check.
  const active = async (id) => {
    await page.waitForFunction((x) => document.activeElement.id === x, id, { timeout: 2000 }).catch(() => {});
    return page.evaluate(() => document.activeElement.id);
  };

  // Acknowledge with Enter: focus lands on the Withdraw button of the same finding, and back.
  await go(page, '#/research');
  await page.focus('#ack-research-0');
  await page.keyboard.type('We keep two accountable on purpose');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#withdraw-research-0');
  assert.equal(await active('withdraw-research-0'), 'withdraw-research-0');
  // An acknowledged finding keeps readable contrast (it used to be faded).
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe with an acknowledged finding');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ack-research-0');
  assert.equal(await active('ack-research-0'), 'ack-research-0');
  // A service without dependencies shows no empty dependency table.
  await page.click('#add-service');
  assert.equal(await page.isVisible('#service-1-add-dependency'), true);
  assert.equal(await page.locator('table.deps').nth(1).isVisible(), false);

  // Removing a person: focus moves to the row that took its place.
  await go(page, '#/language');
  const people = await page.locator('table.people tbody tr').count();
  await page.focus('#person-remove-1');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('table.people tbody tr').count(), people - 1);
  assert.equal(await active('person-remove-1'), 'person-remove-1');

  // Removing the last alert row: focus moves to the row above.
  await go(page, '#/implementation');
  await page.focus('#alert-3-remove');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('table.alerts tbody tr').count(), 3);
  assert.equal(await active('alert-2-remove'), 'alert-2-remove');

  // Deleting an SLO: focus moves to the draft now selected.
  await page.focus('button:has-text("Delete this SLO")');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.slo-tabs li').count(), 2);
  assert.equal(await active('slo-tab-0'), 'slo-tab-0');
  assertQuiet(watch);
  await page.close();
});

test('the address names the SLO on screen, so a reload opens the same one', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  await page.click('.slo-tabs button:has-text("Checkout latency")');
  await page.waitForFunction(() => location.hash === '#/implementation?slo=checkout-latency');
  await page.reload();
  await page.waitForSelector('[data-page="implementation"]');
  assert.equal(await page.textContent('#editor-title'), 'SLO: Checkout latency');
  assert.equal(await page.getAttribute('.slo-tabs button:has-text("Checkout latency")', 'aria-pressed'), 'true');
  assertQuiet(watch);
  await page.close();
});

test('a bad target says what the SLO keeps, and a change made elsewhere replaces the stale text', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  await page.fill('#slo-target', '99.5');
  await go(page, '#/share');
  await page.click('button:has-text("Make a share link")');
  const url = await page.inputValue('#share-url');
  await go(page, '#/implementation');
  await page.fill('#slo-target', '99.9');

  // Open the link (the workspace holds 99.9, the link 99.5), then type nonsense.
  await page.goto(url);
  await page.reload();
  await page.click('button:has-text("Open the shared project")');
  await go(page, '#/implementation');
  assert.equal(await page.inputValue('#slo-target'), '99.5');
  await page.fill('#slo-target', 'abc');
  assert.match(await page.textContent('#slo-target-error'), /not a number.*Until it is fixed, the SLO keeps 99\.5%/);
  assert.match(await page.textContent('.budget-panel p'), /At 99\.5%/);

  // Going back to one's own workspace shows its target, not the stale "abc".
  await page.click('button:has-text("Back to “Shop checkout API”")');
  await page.waitForFunction(() => document.querySelector('#slo-target').value === '99.9');
  assert.equal(await page.locator('#slo-target-error').count(), 0);
  assertQuiet(watch);
  await page.close();
});

test('copying an export of several YAML files gives one YAML stream', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await loadExample(page, 'internal-service');
  await go(page, '#/implementation');
  await page.click('.slo-tabs button:has-text("latency")');
  await page.click('.export-item[data-format="sloth"] button:has-text("Preview")');
  assert.equal(await page.locator('.export-item[data-format="sloth"] .file-name').count(), 2, 'spec and alert windows');
  await page.click('.export-item[data-format="sloth"] button:has-text("Copy")');
  await page.waitForFunction(() => /Copied/.test(document.querySelector('.export-message').textContent));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const docs = text.split(/^---$/m);
  assert.equal(docs.length, 2, text);
  assert.match(docs[0], /AlertWindows/);
  assert.match(docs[1], /prometheus\/v1/);
  assertQuiet(watch);
  await page.close();
});

test('importing can add specs to the project, keeping its people, RACI chart and policy', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');
  await go(page, '#/share');
  const sloth = [
    'version: "prometheus/v1"',
    'service: "search"',
    'slos:',
    '  - name: "search-availability"',
    '    objective: 99.5',
    '    sli:',
    '      events:',
    '        error_query: sum(rate(http_requests_total{job="search",code=~"5.."}[{{.window}}]))',
    '        total_query: sum(rate(http_requests_total{job="search"}[{{.window}}]))',
    '    alerting:',
    '      name: SearchErrors',
    '',
  ].join('\n');
  await page.check('#import-add');
  await page.fill('#import-text', sloth);
  await page.click('button:has-text("Import the pasted text")');
  assert.match(await page.textContent('.import-outcome'), /Added 1 SLO\(s\), 1 service\(s\)/);
  assert.equal(await page.inputValue('#project-name'), 'Shop checkout API');
  // The same spec again: its SLO id is taken, so it is renamed and said so.
  await page.click('button:has-text("Import the pasted text")');
  assert.match(await page.textContent('.import-outcome'), /were renamed: “([^”]+)” became “\1-2”/);
  await go(page, '#/implementation');
  assert.equal(await page.locator('.slo-tabs li').count(), 5);
  assert.equal(await page.inputValue('#policy-purpose'), 'Keep checkout reliable enough that shoppers trust it, while shipping features at a steady pace.');
  await go(page, '#/language');
  assert.equal(await page.locator('table.people tbody tr').count(), 7);
  assertQuiet(watch);
  await page.close();
});

test('the start page leads a newcomer straight to the examples', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await page.click('button:has-text("See the example projects")');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'examples-title');
  // The sentence above the examples links the project list (where the current project stays); then the first example.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#/projects');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.example), 'web-api');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.loaded-notice');
  assert.equal(await page.inputValue('#project-name'), 'Shop checkout API');
  assertQuiet(watch);
  await page.close();
});

test('the traffic and error-rate assumptions survive a reload', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await freshStart(page);
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  await page.fill('#traffic', '0.001');
  await page.fill('#error-rate', '5');
  await page.waitForSelector('[data-finding^="low-traffic:"]');
  await page.reload();
  await page.waitForSelector('[data-page="implementation"]');
  assert.equal(await page.inputValue('#traffic'), '0.001');
  assert.equal(await page.inputValue('#error-rate'), '5');
  assert.match(await page.textContent('table.alerts thead'), /Detection at 5%/);
  // The low-traffic finding comes back with the figure it depends on.
  await page.waitForSelector('[data-finding^="low-traffic:"]');
  assertQuiet(watch);
  await page.close();
});

test('adding an SLO from the menu says so and leads to the editor; the RACI step names stay in view on a narrow window', async () => {
  const narrow = await launch({ viewport: { width: 800, height: 900 } });
  const { page, watch } = await openApp(narrow, server.url, '#/start');
  await loadExample(page, 'web-api');
  await go(page, '#/research');
  const journey = page.locator('.journey-editor').first();
  await journey.locator('button[data-sli="request-latency"]').click();
  await journey.locator('button.choose').click();
  assert.match(await journey.locator('.added-slo').textContent(), /Added the draft “Check out a basket latency”/);
  await journey.locator('.added-slo a').click();
  await page.waitForSelector('[data-page="implementation"]');
  assert.equal(await page.textContent('#editor-title'), 'SLO: Check out a basket latency');

  await go(page, '#/language');
  const region = page.locator('.raci-section .raci-wrap');
  await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const [box, head] = await Promise.all([region.boundingBox(), page.locator('table.raci tbody th[scope="row"]').first().boundingBox()]);
  assert.ok(Math.abs(head.x - box.x) <= 2, `step names scrolled away (${head.x} vs ${box.x})`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no page-wide horizontal overflow at 800 px');
  assertQuiet(watch);
  await narrow.close();
});
