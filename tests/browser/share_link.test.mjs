// Share links carry the project in the URL fragment (#/open/<payload>): the
// page offers to open it as a new project, can go back to the previous one,
// reports a damaged link in words,
// and a workspace saved by an older version (no schema_version) still loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serveDist, launch, openApp } from './harness.mjs';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

/** The payload the engine writes: raw DEFLATE of the project JSON, URL-safe base64. */
function payloadFor(project) {
  return zlib.deflateRawSync(Buffer.from(JSON.stringify(project))).toString('base64url');
}

test('a share link is offered, opens as a new project on request, and the previous one is one click away', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.fill('#project-name', 'My own work');
  await page.press('#project-name', 'Tab');
  const link = '#/open/' + payloadFor({ schema_version: 1, name: 'Shared payments SLOs', slos: [] });
  await page.goto(server.url + link);
  await page.reload();
  await page.waitForSelector('.shared-link');
  assert.match(await page.textContent('.shared-link'), /opens as a new project/);
  await page.click('text=Open the shared project as a new project');
  assert.equal(await page.inputValue('#project-name'), 'Shared payments SLOs');
  await page.waitForFunction(() => location.hash === '#/start');
  await page.click('text=Back to “My own work”');
  assert.equal(await page.inputValue('#project-name'), 'My own work');
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await page.close();
});

test('a damaged share link is explained when opened and the page keeps working', async () => {
  const { page, watch } = await openApp(context, server.url, '#/open/not*base64!');
  await page.click('text=Open the shared project as a new project');
  await page.waitForSelector('.shared-link[role="alert"]');
  assert.match(await page.textContent('.shared-link'), /cannot be opened: the share link is damaged/);
  await page.click('text=Dismiss');
  await page.waitForFunction(() => location.hash === '#/start');
  await page.click('nav a[href="#/language"]');
  await page.waitForFunction(() => location.hash === '#/language');
  assert.deepEqual(watch.pageErrors, []);
  await page.close();
});

test('a workspace saved before schema versions existed is upgraded on load', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('slo-workbench/project/v1', JSON.stringify({ name: 'Saved long ago', slos: [] }));
  });
  await page.reload();
  await page.waitForSelector('#project-name');
  assert.equal(await page.inputValue('#project-name'), 'Saved long ago');
  assert.equal(await page.locator('.storage-warning').count(), 0);
  assert.deepEqual(watch.pageErrors, []);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
