// Shared helpers for the browser tests: a static server for dist/ (the
// release build, as any plain file server would host it) and headless Debian
// Chromium with a fresh profile, recording console errors, page errors and
// any request that leaves the page's origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '../../dist');
export const SCREENSHOTS = path.resolve(here, 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves dist/ on a free loopback port; resolves to { url, close }. */
export function serveDist() {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(DIST, urlPath);
    if (!file.startsWith(DIST)) { res.writeHead(403); res.end(); return; }
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Headless Chromium with a fresh profile; resolves to a browser context. */
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-wb-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); fs.rmSync(profile, { recursive: true, force: true }); };
  return context;
}

/**
 * Opens the app at `route` (a fragment such as '#/research') and waits for
 * the shell. `watch` collects what the page should never produce.
 */
export async function openApp(context, baseUrl, route = '') {
  const page = await context.newPage();
  const watch = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  const origin = new URL(baseUrl).origin;
  page.on('console', (msg) => { if (msg.type() === 'error') watch.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => watch.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const u = req.url();
    if (!(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:'))) watch.foreignRequests.push(u);
  });
  await page.goto(baseUrl + route);
  await page.waitForSelector('header.app-header');
  return { page, watch };
}

/** Runs axe-core on the page; resolves to the serious and critical violations. */
export async function seriousA11yViolations(page) {
  const axePath = path.resolve(here, 'node_modules/axe-core/axe.min.js');
  // Evaluated through the debugging protocol, so the page's CSP still forbids inline scripts.
  await page.evaluate(fs.readFileSync(axePath, 'utf8') + '\n;0');
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** What every page must stay: no uncaught error or Wasm panic, no console error, no request off the origin. */
export function assertQuiet(watch) {
  assert.deepEqual(watch.pageErrors, [], 'no uncaught error or Wasm panic');
  assert.deepEqual(watch.consoleErrors, [], 'no console error');
  assert.deepEqual(watch.foreignRequests, [], 'no request leaves the origin');
}
