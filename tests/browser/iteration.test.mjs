// The Iteration page as a user meets it: load each sample, drop and pick a
// file, trigger a parse error and fix it in place, see the charts and the
// summary, apply the recalibrated target, compare two drafts, write review
// notes, and reload to find it all restored. Large pastes go to the worker
// with a progress bar and a cancel button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seriousA11yViolations, screenshot, assertQuiet } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

const SAMPLES = ['steady', 'slow-burn', 'outage', 'low-traffic', 'latency-regression'];

/** A fresh page on #/iteration with one default SLO. */
async function freshIteration() {
  const { page, watch } = await openApp(context, server.url, '#/iteration');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#create-default-slo');
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  return { page, watch };
}

/** Types text into the paste area the way a paste does: one input event. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const ta = document.querySelector('#data-text');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * Builds `rows` rows of per-minute counts in the page (not through the test
 * channel) and pastes them, or drops them as a file when `asFile`.
 */
async function pasteGenerated(page, rows, asFile = false) {
  await page.evaluate(([n, file]) => {
    const parts = ['timestamp,good,total\n'];
    let t = 1791158400;
    for (let i = 0; i < n; i++) {
      t += 60;
      const total = 1000 + (i % 97);
      const bad = i % 5000 < 20 ? 200 : (i % 13 === 0 ? 1 : 0);
      parts.push(`${t},${total - bad},${total}\n`);
    }
    if (file) {
      const dt = new DataTransfer();
      dt.items.add(new File(parts, 'large.csv', { type: 'text/csv' }));
      document.querySelector('.paste').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return;
    }
    const ta = document.querySelector('#data-text');
    ta.value = parts.join('');
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, [rows, asFile]);
}

async function chartsShown(page) {
  for (const id of ['chart-sli', 'chart-budget', 'chart-burn', 'chart-alerts', 'chart-sweep']) {
    await page.waitForSelector(`#${id} svg.slo-chart`, { timeout: 30000 });
  }
}

test('each sample replays into a preview, a summary in words and five charts', async () => {
  const { page, watch } = await freshIteration();
  for (const id of SAMPLES) {
    await page.click(`#sample-${id}`);
    await page.waitForFunction(() => document.querySelector('#preview-rows')?.textContent.includes('8064 rows'));
    await chartsShown(page);
    const summary = await page.textContent('#summary-text');
    assert.match(summary, /the SLI was \d+(\.\d+)?%/, `${id}: summary states the SLI`);
    assert.match(summary, /(page|No alert would have fired)/, `${id}: summary states the alerts`);
    assert.match(await page.textContent('#preview-format'), /CSV/);
    await screenshot(page, `iteration-${id}`);
  }
  const burn = await page.innerHTML('#chart-burn .chart-svg');
  assert.match(burn, /stroke-dasharray/, 'series differ by dash, not colour alone');
  assertQuiet(watch);
  await page.close();
});

test('the outage sample pages, and the alert table lists detection times', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  assert.match(await page.textContent('#summary-text'), /[1-9]\d* pages?/);
  assert.match(await page.textContent('.alerts-table'), /Detection delay/);
  // The policy's tiers replayed (the suggested ladder), not a fixed freeze rule.
  assert.match(await page.textContent('.policy-on-data'), /(Look|Plan reliability work|Escalate): applied/);
  assertQuiet(watch);
  await page.close();
});

test('a traffic guard switched on by keyboard shows on the replay what it silenced', async () => {
  const { page, watch } = await freshIteration();
  await page.evaluate(() => { location.hash = '#/implementation'; });
  await page.waitForSelector('main [data-page="implementation"] #guard-on');
  // Keyboard only: focus the checkbox, Space switches it on, type the minimum.
  await page.focus('#guard-on');
  await page.keyboard.press('Space');
  await page.waitForSelector('#guard-events');
  await page.focus('#guard-events');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  await page.focus('#no-data-on');
  await page.keyboard.press('Space');
  await page.waitForSelector('#no-data-after');
  await screenshot(page, 'implementation-guards');
  await page.evaluate(() => { location.hash = '#/iteration'; });
  await page.waitForSelector('#sample-low-traffic');
  await page.click('#sample-low-traffic');
  await chartsShown(page);
  await page.waitForSelector('#guard-silenced');
  const parity = await page.textContent('#alert-parity');
  assert.match(parity, /exactly the exported Prometheus rules \(5 rules: \w+BurnRatePage1hAnd5m/);
  assert.match(parity, /Sloth prometheus\/v1 files cannot hold \w+BurnRatePage1hAnd5m \(guard: at least 20 events in the short window\)/);
  // Night hours hold a handful of requests: the guard silences pages there.
  assert.match(await page.textContent('#guard-silenced'), /silenced [1-9]\d* firings? that would have alerted without it/);
  assert.ok((await page.$$('.silenced-list li')).length > 0, 'each silenced firing is listed');
  assert.match(await page.textContent('#no-data-firings'), /never fired/);
  await screenshot(page, 'iteration-guard-silenced');
  assertQuiet(watch);
  await page.close();
});

test('a parse error names the line, keeps the text as pasted, and clears once fixed', async () => {
  const { page, watch } = await freshIteration();
  const bad = 'timestamp,good,total\n2026-10-05T00:05:00Z,10,10\n2026-10-05T00:10:00Z,abc,10\n';
  await paste(page, bad);
  await page.waitForSelector('.parse-errors');
  assert.match(await page.textContent('.parse-errors'), /Line 3/);
  assert.equal(await page.inputValue('#data-text'), bad, 'the text stays as pasted');
  assert.equal(await page.getAttribute('#data-text', 'aria-invalid'), 'true', 'the paste area says it is invalid');
  assert.equal(await page.getAttribute('#data-text', 'aria-describedby'), 'parse-errors', 'and points at the errors');
  await page.click('.parse-errors button.link');
  const selected = await page.evaluate(() => {
    const ta = document.querySelector('#data-text');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.match(selected, /abc/, '"Show line 3" selects the line in the text area');
  await paste(page, bad.replace('abc', '9'));
  await page.waitForSelector('#data-preview');
  assert.equal(await page.locator('.parse-errors').count(), 0);
  assert.match(await page.textContent('#preview-rows'), /2 rows/);
  assert.equal(await page.getAttribute('#data-text', 'aria-invalid'), null, 'valid again once fixed');
  assertQuiet(watch);
  await page.close();
});

test('a dropped file and a picked file are read like a paste', async () => {
  const { page, watch } = await freshIteration();
  const csv = 'time;good;total\n1791158700;99;100\n1791159000;100;100\n1791159300;98;100\n';
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    document.querySelector('.paste').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector('#data-preview')?.textContent.includes('file dropped.csv'));
  assert.match(await page.textContent('#preview-format'), /semicolon/);
  const tsv = 'timestamp\tgood\ttotal\n2026-10-05T00:05:00Z\t5\t5\n2026-10-05T00:10:00Z\t4\t5\n';
  await page.setInputFiles('#data-file', { name: 'picked.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
  await page.waitForFunction(() => document.querySelector('#data-preview')?.textContent.includes('file picked.tsv'));
  assert.match(await page.textContent('#preview-format'), /TSV/);
  assertQuiet(watch);
  await page.close();
});

test('Prometheus query_range JSON is read, and the generator places an incident', async () => {
  const { page, watch } = await freshIteration();
  const values = (f) => Array.from({ length: 12 }, (_, i) => [1791158400 + 300 * (i + 1), String(f(i))]);
  const json = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        { metric: { __name__: 'http_requests_total', code: '5xx' }, values: values((i) => (i === 5 ? 40 : 1)) },
        { metric: { __name__: 'http_requests_total' }, values: values(() => 1000) },
      ],
    },
  });
  await paste(page, json);
  await page.waitForSelector('#data-preview');
  assert.match(await page.textContent('#preview-format'), /Prometheus query_range JSON/);
  assert.match(await page.textContent('#preview-rows'), /12 intervals/);
  await page.waitForSelector('#summary-text');
  // 55 minutes hold no 30-day window: the suggestion must not claim a share of windows.
  const short = await page.textContent('#summary-text');
  assert.match(short, /The data covers 1 h, less than one 30d window/);
  assert.doesNotMatch(short, /of its 30d windows/);

  await page.click('.generator summary');
  await page.fill('#gen-days', '3');
  await page.press('#gen-days', 'Tab');
  await page.fill('[aria-label="Incident 1 start (hours)"]', '30');
  await page.press('[aria-label="Incident 1 start (hours)"]', 'Tab');
  await page.click('#gen-run');
  await page.waitForFunction(() => document.querySelector('#data-preview')?.textContent.includes('generated traffic'));
  assert.match(await page.textContent('#preview-rows'), /864 rows/);
  await chartsShown(page);
  // The 30-minute incident at 20% errors on day 2 pages.
  assert.match(await page.textContent('#summary-text'), /[1-9]\d* pages? \(the first at 2026-10-06 0[6-7]:/);
  // Three days never fill the 30-day window: the policy section says early figures weigh more.
  assert.match(await page.textContent('#policy-filling'), /The data is shorter than one 30d window: the budget is counted on the events seen so far/);
  await page.fill('#gen-days', 'many');
  await page.press('#gen-days', 'Tab');
  await page.click('#gen-run');
  assert.match(await page.textContent('.generator [role="alert"]'), /days: "many" is not a number/);
  assertQuiet(watch);
  await page.close();
});

test('after applying the recalibrated target, the summary and the review give one verdict, and Undo restores the target', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  const suggested = (await page.textContent('#apply-recalibrated')).match(/Apply ([\d.]+)%/)[1];
  await page.click('#apply-recalibrated');
  await page.waitForFunction((t) => document.querySelector('#summary-text')?.textContent.includes(`against the ${t}% target`), suggested);
  const verdictOf = async () => {
    const summary = await page.textContent('#summary-text');
    const review = await page.textContent('#review-met-figure');
    return { summary: summary.match(/(Not met|Met):/)[1], review: review.match(/^(Not met|Met):/)[1] };
  };
  const after = await verdictOf();
  assert.equal(after.summary, after.review, 'section 2 and review question 4 agree');
  assert.match(await page.textContent('.toast'), new RegExp(`now ${suggested.replace('.', '\\.')}% \\(it was 99\\.9%\\)`));
  await page.click('.toast button.undo');
  await page.waitForFunction(() => document.querySelector('#summary-text')?.textContent.includes('against the 99.9% target'));
  assert.match(await page.textContent('#slo-select'), /\(99\.9%\)/);
  const undone = await verdictOf();
  assert.equal(undone.summary, undone.review, 'they agree on the restored target too');
  assertQuiet(watch);
  await page.close();
});

test('the recalibrated target, review notes and data survive a reload', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  const button = await page.textContent('#apply-recalibrated');
  const suggested = button.match(/Apply ([\d.]+)%/)[1];
  await page.click('#apply-recalibrated');
  await page.waitForSelector('.toast');
  // The open project is autosaved in the library: its draft now holds the suggested target.
  const expected = Number((Number(suggested) / 100).toFixed(6));
  await page.waitForFunction((t) => JSON.parse(localStorage.getItem('slo-workbench/library/v1') ?? '{"projects":[]}')
    .projects.some((e) => e.project.slos[0]?.target === t), expected);
  // Six note fields: each one's accessible name carries its question, not "Notes" alone.
  assert.equal(await page.getByRole('textbox', { name: 'Notes Is each SLO still needed?', exact: true }).count(), 1);
  // (The review journal's own "Notes" field is one entry's notes, outside the questions.)
  assert.equal(await page.locator('.review-questions').getByRole('textbox', { name: 'Notes', exact: true }).count(), 0);
  await page.fill('#review-threats', 'The Tuesday deploy; add a canary.');
  await page.press('#review-threats', 'Tab');
  await page.fill('#revisit-date', '2027-01-15');
  await page.press('#revisit-date', 'Tab');
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#preview-rows')?.textContent.includes('8064 rows'));
  await chartsShown(page);
  assert.match(await page.textContent('#slo-select'), new RegExp(`\\(${suggested.replace('.', '\\.')}%\\)`));
  assert.equal(await page.inputValue('#review-threats'), 'The Tuesday deploy; add a canary.');
  assert.equal(await page.inputValue('#revisit-date'), '2027-01-15');
  assert.match(await page.textContent('#data-preview'), /sample: A sharp outage/);
  assertQuiet(watch);
  await page.close();
});

test('two drafts compare side by side on the same data', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-slow-burn');
  await chartsShown(page);
  await page.fill('#b-target', '99');
  await page.press('#b-target', 'Tab');
  await page.selectOption('#b-budgeting', 'timeslices');
  await page.selectOption('#b-window', 'month');
  await page.click('#compare-run');
  await page.waitForSelector('#compare-table');
  const table = await page.textContent('#compare-table');
  assert.match(table, /99\.9%/);
  assert.match(table, /99%/);
  assert.match(table, /time slices of 5m/);
  assert.match(table, /30d rolling/);
  assert.match(table, /calendar month/);
  await page.waitForSelector('#chart-compare svg.slo-chart');
  // An impossible draft B says why and is not replayed; the comparison shown stays.
  await page.fill('#b-target', '101');
  await page.press('#b-target', 'Tab');
  await page.click('#compare-run');
  assert.match(await page.textContent('#compare-error'), /target B: 101% is more than everything/);
  assert.doesNotMatch(await page.textContent('.compare'), /Replaying draft B/);
  assert.match(await page.textContent('#compare-table'), /99%/);
  assertQuiet(watch);
  await page.close();
});

test('hovering a chart shows its values beside a cursor line', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  await page.hover('#chart-budget .chart-frame', { position: { x: 300, y: 120 } });
  await page.waitForSelector('#chart-budget .cursor-tip');
  assert.match(await page.textContent('#chart-budget .cursor-tip'), /UTC: budget left -?\d+%/);
  assert.equal(await page.locator('#chart-sli .cursor-line').count(), 1, 'every time chart shows the same instant');
  assertQuiet(watch);
  await page.close();
});

test('keyboard users read values at a time with the slider', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  await page.focus('#time-cursor');
  await page.keyboard.press('Home');
  const first = await page.textContent('#cursor-readout');
  assert.match(first, /At 2026-10-05/);
  assert.match(first, /budget left/);
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  assert.notEqual(await page.textContent('#cursor-readout'), first);
  assert.match(await page.getAttribute('#time-cursor', 'aria-valuetext'), /UTC/);
  assertQuiet(watch);
  await page.close();
});

test('charts save as SVG and PNG files', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-steady');
  await chartsShown(page);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#chart-sli button:has-text("Save SVG")')]);
  assert.equal(svg.suggestedFilename(), 'sli.svg');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#chart-budget button:has-text("Save PNG")')]);
  assert.equal(png.suggestedFilename(), 'budget.png');
  // Voice control: each button's name starts with the words it shows.
  assert.equal(await page.getByRole('button', { name: /^Save SVG: SLI against the 99\.9% target$/ }).count(), 1);
  assert.equal(await page.getByRole('button', { name: /^Save PNG: Error budget remaining/ }).count(), 1);
  assertQuiet(watch);
  await page.close();
});

test('a large paste is read in the background worker with progress, and can be cancelled', async () => {
  const { page, watch } = await freshIteration();
  await pasteGenerated(page, 200000);
  await chartsShown(page);
  assert.match(await page.textContent('#preview-rows'), /200000 rows/);
  assert.match(await page.textContent('#kept-note'), /too large to keep/);
  // Too large for localStorage, but looking at another page and coming back keeps it.
  await page.click('header a[href="#/implementation"]');
  await page.waitForSelector('#slo-target');
  await page.click('header a[href="#/iteration"]');
  await page.waitForFunction(() => document.querySelector('#preview-rows')?.textContent.includes('200000 rows'), null, { timeout: 30000 });
  await chartsShown(page);
  // A file is not shown in the text area, so the browser does not lay out 90 MB of text.
  await pasteGenerated(page, 3000000, true);
  await page.waitForSelector('#cancel-parse', { timeout: 30000 });
  assert.match(await page.textContent('.paste'), /not shown in the text area/);
  assert.equal(await page.locator('#parse-progress').count(), 1);
  // The page answers while the worker reads: a nav link is followed at once.
  await page.click('header a[href="#/research"]');
  await page.waitForFunction(() => location.hash === '#/research');
  // Coming back reads the same data again, and it can be cancelled.
  await page.click('header a[href="#/iteration"]');
  await page.waitForSelector('#cancel-parse', { timeout: 30000 });
  assert.match(await page.textContent('.paste'), /file large\.csv: .* not shown in the text area/);
  await page.click('#cancel-parse');
  await page.waitForFunction(() => document.querySelector('.data-status')?.textContent.includes('Cancelled'));
  // A cancelled read stays cancelled when the user comes back.
  await page.click('header a[href="#/research"]');
  await page.waitForFunction(() => location.hash === '#/research');
  await page.click('header a[href="#/iteration"]');
  await page.waitForSelector('.data-status');
  assert.match(await page.textContent('.data-status'), /No data yet/);
  assertQuiet(watch);
  await page.close();
});

test('the iteration page with data has no serious accessibility violation', async () => {
  const { page } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  await page.click('.generator summary');
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], 'axe on #/iteration with data');
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('a replayed history below a committed target shows up in the pitfall findings of the other pages', async () => {
  const { page, watch } = await freshIteration();
  await page.click('#sample-outage');
  await chartsShown(page);
  await page.evaluate(() => { location.hash = '#/implementation'; });
  await page.waitForSelector('[data-testid="slo-findings"]');
  assert.match(await page.textContent('[data-testid="slo-findings"]'), /The history does not support this committed target/);
  assert.match(await page.textContent('[data-testid="slo-findings"]'), /reached 99\.86/);
  await page.evaluate(() => { location.hash = '#/research'; });
  await page.waitForSelector('[data-testid="research-findings"]');
  assert.match(await page.textContent('[data-testid="research-findings"]'), /The history does not support this committed target/);
  assertQuiet(watch);
  await page.close();
});
