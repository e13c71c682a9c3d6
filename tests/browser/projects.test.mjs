// Never losing work: the browser keeps several projects (list, rename,
// duplicate, delete with undo, earlier versions), examples and share links
// add a project instead of replacing one, a share link pasted into an open
// tab is offered and decoded only on request, hostile links cannot hurt, two
// tabs never overwrite each other, and saves this version cannot read are
// left untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serveDist, launch, openApp, screenshot, assertQuiet, seriousA11yViolations } from './harness.mjs';

const LIBRARY = 'slo-workbench/library/v1';
const LEGACY = 'slo-workbench/project/v1';

let server;
let context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

/** The payload the engine writes: raw DEFLATE of the project JSON, URL-safe base64. */
function payloadOf(text) {
  return zlib.deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url');
}

/** The app at `route` with empty storage, as a first visit. */
async function freshApp(route = '#/start') {
  const opened = await openApp(context, server.url, route);
  await opened.page.evaluate(() => localStorage.clear());
  await opened.page.reload();
  await opened.page.waitForSelector('#project-name');
  return opened;
}

async function setName(page, name) {
  await page.fill('#project-name', name);
  await page.press('#project-name', 'Tab');
}

async function stored(page, key = LIBRARY) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
}

async function listedNames(page) {
  await page.goto(server.url + '#/projects');
  await page.waitForSelector('.project-list');
  return page.$$eval('.project-entry input.project-rename', (els) => els.map((e) => e.value));
}

/** The page still answers and navigates. */
async function assertResponsive(page) {
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await page.click('nav a[href="#/language"]');
  await page.waitForSelector('nav a[href="#/language"][aria-current="page"]');
}

test('a workspace saved in the single-project format loads as the first project of the list', async () => {
  const { page, watch } = await freshApp();
  await page.evaluate(({ legacy }) => {
    localStorage.clear();
    localStorage.setItem(legacy, JSON.stringify({ schema_version: 1, name: 'Morning workshop', slos: [] }));
  }, { legacy: LEGACY });
  await page.reload();
  await page.waitForSelector('#project-name');
  assert.equal(await page.inputValue('#project-name'), 'Morning workshop');
  assert.deepEqual(await listedNames(page), ['Morning workshop']);
  assertQuiet(watch);
  await page.close();
});

test('loading an example adds a second project and leaves the first intact', async () => {
  const { page, watch } = await freshApp();
  await setName(page, 'Team draft');
  await page.click('button[data-example]:not([data-example="empty"])');
  assert.notEqual(await page.inputValue('#project-name'), 'Team draft');
  assert.match(await page.textContent('.loaded-notice'), /“Team draft” is kept in the project list/);
  await page.reload();
  await page.waitForSelector('#project-name');
  const names = await listedNames(page);
  assert.equal(names.length, 2);
  assert.equal(names[0], 'Team draft');
  await page.click('.project-entry:nth-child(1) button:has-text("Open")');
  assert.equal(await page.inputValue('#project-name'), 'Team draft');
  assertQuiet(watch);
  await page.close();
});

test('the project list renames, duplicates, and deletes with undo', async () => {
  const { page, watch } = await freshApp();
  await setName(page, 'Alpha');
  await listedNames(page);
  await page.fill('.project-entry input.project-rename', 'Beta');
  await page.press('.project-entry input.project-rename', 'Tab');
  assert.equal(await page.inputValue('#project-name'), 'Beta', 'renaming the open project renames it in the header');
  await page.click('.project-entry button:has-text("Duplicate")');
  await page.waitForSelector('.project-entry:nth-child(2)');
  assert.deepEqual(await page.$$eval('.project-rename', (els) => els.map((e) => e.value)), ['Beta', 'Beta (copy)']);
  await page.fill('.project-entry:nth-child(2) input.project-rename', 'Gamma');
  await page.press('.project-entry:nth-child(2) input.project-rename', 'Tab');
  await page.click('.project-entry:nth-child(2) button:has-text("Delete")');
  await page.waitForFunction(() => document.querySelectorAll('.project-entry').length === 1);
  assert.match(await page.textContent('.undo-notice'), /Deleted “Gamma”/);
  await page.click('.undo-notice button:has-text("Undo")');
  await page.waitForFunction(() => document.querySelectorAll('.project-entry').length === 2);
  await page.reload();
  assert.deepEqual(await listedNames(page), ['Beta', 'Gamma']);
  await page.click('.project-versions summary');
  assert.deepEqual(await seriousA11yViolations(page), [], 'axe on #/projects');
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'projects-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'projects-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  assertQuiet(watch);
  await page.close();
});

test('an earlier version is restored from the list, and the replaced one is kept', async () => {
  const { page, watch } = await freshApp();
  await setName(page, 'First name');
  await setName(page, 'Second name');
  await listedNames(page);
  await page.click('.project-versions summary');
  await page.click('.project-versions li:has-text("First name") button:has-text("Restore")');
  assert.equal(await page.inputValue('#project-name'), 'First name');
  const entry = (await stored(page)).projects[0];
  assert.equal(entry.project.name, 'First name');
  assert.deepEqual(entry.versions.map((v) => v.project.name), ['Untitled project', 'First name', 'Second name']);
  assertQuiet(watch);
  await page.close();
});

test('a share link pasted into an open tab is offered, and opened as a new project only when accepted', async () => {
  const { page, watch } = await freshApp();
  await setName(page, 'Mine');
  const payload = payloadOf(JSON.stringify({ schema_version: 1, name: 'Shared payments SLOs', slos: [] }));
  await page.evaluate((p) => { location.hash = '#/open/' + p; }, payload);
  await page.waitForSelector('.shared-link button:has-text("Open the shared project as a new project")');
  assert.equal(await page.inputValue('#project-name'), 'Mine', 'nothing changes before the user accepts');
  assert.equal((await stored(page)).projects.length, 1);
  await page.click('text=Open the shared project as a new project');
  assert.equal(await page.inputValue('#project-name'), 'Shared payments SLOs');
  await page.waitForFunction(() => location.hash === '#/start');
  await page.reload();
  assert.deepEqual(await listedNames(page), ['Mine', 'Shared payments SLOs'], 'the previous project survives a reload');
  assertQuiet(watch);
  await page.close();
});

test('hostile share links leave the page responsive and the workspace intact', async () => {
  const { page, watch } = await freshApp();
  await setName(page, 'Precious');
  // About 4 MB of empty SLOs from a few kilobytes: offered, never decoded unasked.
  const bomb = payloadOf('{"schema_version":1,"slos":[' + '{},'.repeat(1_300_000) + '{}]}');
  // Under 1 MB of empty SLOs (past the SLO count limit), 8 MB of spaces, and text that is not base64.
  const manySlos = payloadOf('{"schema_version":1,"slos":[' + '{},'.repeat(300_000) + '{}]}');
  const overInflated = payloadOf(' '.repeat(8 * 1024 * 1024));
  assert.ok([bomb, manySlos, overInflated].every((p) => p.length < 16000), 'all fit the payload length limit');
  await page.goto(server.url + '#/open/' + bomb);
  await page.waitForSelector('.shared-link button:has-text("Not now")');
  await assertResponsive(page);
  await page.click('.shared-link button:has-text("Not now")');
  for (const hostile of [bomb, manySlos, overInflated, 'not*base64!']) {
    await page.evaluate((p) => { location.hash = '#/open/' + p; }, hostile);
    await page.click('text=Open the shared project as a new project');
    await page.waitForSelector('.shared-link[role="alert"]');
    assert.match(await page.textContent('.shared-link'), /cannot be opened/);
    await page.click('.shared-link button:has-text("Dismiss")');
    await assertResponsive(page);
  }
  assert.equal(await page.inputValue('#project-name'), 'Precious');
  assert.deepEqual(await listedNames(page), ['Precious']);
  assertQuiet(watch);
  await page.close();
});

test('two tabs editing the same project lose nothing: the other tab is offered the change', async () => {
  const a = await freshApp();
  const b = await openApp(context, server.url, '#/start');
  await b.page.waitForSelector('#project-description');
  await setName(a.page, 'Renamed in tab A');
  await b.page.waitForSelector('.conflict');
  assert.match(await b.page.textContent('.conflict'), /changed in another tab.*Renamed in tab A/s);
  await b.page.fill('#project-description', 'Written in tab B');
  let entry = (await stored(b.page)).projects[0];
  assert.equal(entry.project.name, 'Renamed in tab A', 'tab B writes nothing while the offer is open');
  assert.equal(entry.project.description, '');
  await b.page.click('.conflict button:has-text("Keep mine")');
  entry = (await stored(b.page)).projects[0];
  assert.equal(entry.project.description, 'Written in tab B');
  assert.ok(entry.versions.some((v) => v.project.name === 'Renamed in tab A'), 'tab A\'s save is kept as a version');
  await a.page.waitForSelector('.conflict');
  await a.page.click('.conflict button:has-text("Load it")');
  assert.equal(await a.page.inputValue('#project-description'), 'Written in tab B');
  assertQuiet(a.watch);
  assertQuiet(b.watch);
  await b.page.close();
  await a.page.close();
});

test('a save written by a newer version is left untouched and the user is told', async () => {
  const { page, watch } = await freshApp();
  const futures = [
    [LIBRARY, JSON.stringify({ format: 2, projects: 'a shape from the future' })],
    [LEGACY, JSON.stringify({ schema_version: 99, name: 'From the future', slos: [] })],
  ];
  for (const [key, text] of futures) {
    await page.evaluate(([k, t]) => { localStorage.clear(); localStorage.setItem(k, t); }, [key, text]);
    await page.reload();
    await page.waitForSelector('.storage-warning');
    assert.match(await page.textContent('.storage-warning'), /newer version of SLO Workbench.*left untouched/);
    await setName(page, 'Edited in an older tab');
    const after = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    assert.deepEqual(after, { [key]: text }, `${key} is untouched and nothing else is written`);
  }
  assertQuiet(watch);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('an unreadable save whose backup cannot be written is not overwritten, and says so', async () => {
  const { page, watch } = await freshApp();
  const damaged = '{"format": 1, "projects": [';
  // Fill the origin's quota so no backup fits.
  await page.evaluate((d) => {
    localStorage.clear();
    localStorage.setItem('slo-workbench/library/v1', d);
    for (const size of [256 * 1024, 1024, 16, 1]) {
      for (let i = 0; ; i++) {
        try { localStorage.setItem(`f${size}/${i}`, 'x'.repeat(size)); } catch { break; }
      }
    }
  }, damaged);
  await page.reload();
  await page.waitForSelector('.storage-warning');
  assert.match(await page.textContent('.storage-warning'), /could not be read.*backup could not be written.*not overwritten/);
  await setName(page, 'Typed after the failure');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), LIBRARY), damaged);
  await page.evaluate(() => localStorage.clear());
  assertQuiet(watch);
  await page.close();
});

test('backups of unreadable saves are kept side by side, not replaced', async () => {
  const { page, watch } = await freshApp();
  for (const damaged of ['{"first": ', '{"second": ']) {
    await page.evaluate(([k, d]) => localStorage.setItem(k, d), [LIBRARY, damaged]);
    await page.reload();
    await page.waitForSelector('.storage-warning');
  }
  const kept = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('slo-workbench/unreadable/')).map((k) => localStorage.getItem(k)).sort());
  assert.deepEqual(kept, ['{"first": ', '{"second": ']);
  assertQuiet(watch);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
