// The app shell: it loads from dist/ on a plain static server, every route
// renders (also from a deep link and after a reload), the back button works,
// the workspace survives a reload, and the page stays quiet: no console
// error, no panic, no request outside its own origin, no serious a11y issue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seriousA11yViolations, screenshot, assertQuiet } from './harness.mjs';

const ROUTES = [
  ['#/start', 'Start'],
  ['#/language', 'Language'],
  ['#/research', 'Research'],
  ['#/implementation', 'Implementation'],
  ['#/iteration', 'Iteration'],
  ['#/share', 'Share'],
];

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

test('the app loads with its name, title, favicon and a strict CSP', async () => {
  const { page, watch } = await openApp(context, server.url);
  assert.equal(await page.textContent('.brand'), 'SLO Workbench');
  assert.match(await page.title(), /SLO Workbench/);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.equal(await page.locator('noscript').count(), 1);
  await screenshot(page, 'start');
  assertQuiet(watch);
  await page.close();
});

test('every route renders its page from a deep link, also after a reload', async () => {
  for (const [route, title] of ROUTES) {
    const { page, watch } = await openApp(context, server.url, route);
    await page.waitForSelector('main h1');
    assert.equal(await page.getAttribute(`nav a[href="${route}"]`, 'aria-current'), 'page', `${route} is marked current`);
    assert.match(await page.title(), new RegExp(title));
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal(await page.getAttribute(`nav a[href="${route}"]`, 'aria-current'), 'page', `${route} after reload`);
    await screenshot(page, `route-${title.toLowerCase()}`);
    assertQuiet(watch);
    await page.close();
  }
});

test('navigation links change the page and the back button returns', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.click('nav a[href="#/language"]');
  await page.waitForSelector('nav a[href="#/language"][aria-current="page"]');
  await page.click('nav a[href="#/research"]');
  await page.waitForFunction(() => location.hash === '#/research');
  await page.waitForSelector('nav a[href="#/research"][aria-current="page"]');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/language');
  // The page follows the hash change; wait for it rather than race it.
  await page.waitForSelector('nav a[href="#/language"][aria-current="page"]');
  assertQuiet(watch);
  await page.close();
});

test('an unknown route says so and links back to the start', async () => {
  const { page, watch } = await openApp(context, server.url, '#/no-such-page');
  assert.equal(await page.textContent('main h1'), 'Page not found');
  assert.equal(await page.locator('main a[href="#/start"]').count() >= 1, true);
  assertQuiet(watch);
  await page.close();
});

test('the workspace is autosaved and restored after a reload', async () => {
  const { page, watch } = await openApp(context, server.url, '#/start');
  await page.fill('#project-name', 'Checkout platform');
  await page.press('#project-name', 'Tab');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('slo-workbench/library/v1')));
  const open = saved.projects.find((e) => e.project.name === 'Checkout platform');
  assert.ok(open, 'the open project is saved in the library');
  assert.equal(open.project.schema_version, 3);
  await page.reload();
  await page.waitForSelector('#project-name');
  assert.equal(await page.inputValue('#project-name'), 'Checkout platform');
  assertQuiet(watch);
  await page.close();
});

test('a corrupt saved workspace is reported, backed up, and the page keeps working', async () => {
  const { page } = await openApp(context, server.url, '#/start');
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('slo-workbench/library/v1', '{"name": 12'); });
  await page.reload();
  await page.waitForSelector('.storage-warning');
  assert.match(await page.textContent('.storage-warning'), /could not be read.*kept under "slo-workbench\/unreadable\//);
  const kept = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('slo-workbench/unreadable/')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, ['{"name": 12']);
  await page.click('nav a[href="#/language"]');
  await page.waitForFunction(() => location.hash === '#/language');
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('keyboard users can skip to the content and see where focus is', async () => {
  const { page } = await openApp(context, server.url, '#/start');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('no page has a serious or critical accessibility violation', async () => {
  for (const [route] of ROUTES) {
    const { page } = await openApp(context, server.url, route);
    await page.waitForSelector('main h1');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], `axe on ${route}`);
    await page.close();
  }
});

test('a new page opens at its top, not where the last one was scrolled', async () => {
  const { page } = await openApp(context, server.url, '#/implementation');
  await page.evaluate(() => { document.body.style.minHeight = '5000px'; window.scrollTo(0, 2000); });
  await page.evaluate(() => { location.hash = '#/research'; });
  await page.waitForSelector('nav a[href="#/research"][aria-current="page"]');
  // The scroll is reset once the new page has rendered, a frame after the nav
  // updates: wait for it (a page left at 2000 px fails here after 5 s).
  await page.waitForFunction(() => window.scrollY === 0, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.close();
});
