// The alert designer's "No alerts" choice as a user meets it: the designer
// warns that nobody will be paged, the findings say so too, the exported
// rules hold no alert rule and say why, and the replay of an outage fires
// nothing and says no burn-rate alert is replayed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openApp, seriousA11yViolations, assertQuiet, SCREENSHOTS } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

/** A screenshot of the alert designer alone, at the page's current viewport. */
async function designerShot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('.alert-designer').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

test('No alerts: nobody is paged, the rules hold no alert rule, and the replay fires none', async () => {
  const { page, watch } = await openApp(context, server.url, '#/iteration');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#create-default-slo');
  await page.click('#create-default-slo');
  await page.waitForSelector('#slo-select');
  await page.evaluate(() => { location.hash = '#/implementation'; });
  await page.waitForSelector('main [data-page="implementation"] #alert-preset');

  assert.equal(await page.locator('#no-alerts-warning').count(), 0, 'no warning while alerts are set');
  await page.selectOption('#alert-preset', 'none');
  await page.waitForSelector('#no-alerts-warning');
  assert.match(await page.textContent('#no-alerts-warning'), /has no burn-rate alerts: nobody will be paged/);
  assert.equal(await page.locator('tr[data-alert]').count(), 0, 'the alert table is empty');
  assert.match(await page.textContent('[data-testid="slo-findings"]'), /Nobody is paged for this SLO/);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.setViewportSize({ width: 1280, height: 720 });
  await designerShot(page, 'alerts-no-alerts-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await designerShot(page, 'alerts-no-alerts-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.click('.export-item[data-format="prometheus"] button:has-text("Preview")');
  const rules = await page.textContent('.export-item[data-format="prometheus"] pre');
  assert.match(rules, /has no burn-rate alerts \(switched off\): no burn-rate alert rule is written/);
  assert.match(rules, /slo:sli_error:ratio_rate3d/);
  assert.doesNotMatch(rules, /- alert: /);

  await page.evaluate(() => { location.hash = '#/iteration'; });
  await page.waitForSelector('#sample-outage');
  await page.click('#sample-outage');
  await page.waitForSelector('#alert-parity', { timeout: 30000 });
  assert.match(await page.textContent('#alert-parity'), /No burn-rate alert is replayed/);

  // Choosing a preset again brings the alerts back.
  await page.evaluate(() => { location.hash = '#/implementation'; });
  await page.waitForSelector('main [data-page="implementation"] #alert-preset');
  await page.selectOption('#alert-preset', 'workbook30d');
  await page.waitForSelector('tr[data-alert="3"]');
  assert.equal(await page.locator('#no-alerts-warning').count(), 0);
  assertQuiet(watch);
  await page.close();
});
