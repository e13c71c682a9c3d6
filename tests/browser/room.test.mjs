// The app in the room (issue 15), walked as its three people: a facilitator
// on a 1280x720 projector, an engineer drafting and sharing SLOs, an SRE
// replaying data, and the same pages on a 390x844 phone. Each test states
// what got in their way and fails if it comes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openApp, screenshot, assertQuiet } from './harness.mjs';

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
  // The Iteration page spells its data-page with a capital.
  await page.waitForSelector(`[data-page="${route.slice(2)}" i]`);
  return { page, watch };
}

async function loadExample(page, id) {
  await go(page, '#/start');
  await page.click(`button[data-example="${id}"]`);
  await page.waitForSelector('.loaded-notice');
}

async function downloaded(page, format) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`.export-item[data-format="${format}"] button:has-text("Download")`),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

/** The page scrolls sideways when its content is wider than the window. */
async function sidewaysScroll(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
}

test('the Markdown document says where each SLO stands, and downloading rules exports only agreed SLOs', async () => {
  const { page, watch } = await fresh();
  // The example has Checkout availability agreed, the two others drafted.
  await loadExample(page, 'web-api');
  await go(page, '#/implementation');
  await page.check('#export-all');
  const md = await downloaded(page, 'markdown');
  const section = (name) => md.slice(md.indexOf(`## ${name}`), md.indexOf('\n## ', md.indexOf(`## ${name}`) + 3));
  assert.match(section('Checkout latency'), /\| Status \| Drafted \|/);
  assert.match(section('Checkout latency'), /\*\*Status: Drafted\.\*\* Proposed as a committed target/);
  assert.doesNotMatch(section('Checkout latency'), /has agreed/, 'a draft never reads as agreed');
  assert.match(section('Checkout availability'), /\| Status \| Agreed \|/);
  assert.match(section('Checkout availability'), /the team has agreed to this target/);

  await downloaded(page, 'sloth');
  assert.match(await page.textContent('.export-message'), /Still drafted, so not marked exported: Checkout latency, Catalogue browsing availability/);
  await go(page, '#/start');
  assert.equal(await page.textContent('[data-testid="tally"]'), '2 drafted, 0 agreed, 1 exported');
  assertQuiet(watch);
  await page.close();
});

test('a new SLO takes its identifier from its name until the user sets one', async () => {
  const { page, watch } = await fresh('#/implementation');
  await page.click('#new-slo');
  await page.waitForSelector('#slo-name');
  assert.equal(await page.inputValue('#slo-id'), 'new-slo');
  // Before anything is exported, a finding says the name is a placeholder.
  await page.waitForSelector('li[data-finding="placeholder-name:new-slo"]');
  await page.fill('#slo-name', 'Checkout latency');
  assert.equal(await page.inputValue('#slo-id'), 'checkout-latency');
  await page.click('.export-item[data-format="sloth"] button:has-text("Preview")');
  assert.match(await page.textContent('.export-item[data-format="sloth"] pre'), /name: checkout-latency/);
  assert.doesNotMatch(await page.textContent('.export-item[data-format="sloth"] pre'), /new-slo/);
  assert.equal(await page.locator('li[data-finding^="placeholder-name:"]').count(), 0);

  await page.fill('#slo-id', 'co-lat');
  await page.press('#slo-id', 'Tab');
  await page.fill('#slo-name', 'Checkout p99 latency');
  assert.equal(await page.inputValue('#slo-id'), 'co-lat', 'a user-set identifier stays');
  assert.match(await page.textContent('#slo-id + .hint'), /Kept when the SLO is renamed/);
  assertQuiet(watch);
  await page.close();
});

test('the RACI chart is readable whole on a projector, with sticky headers and no scroll box of its own', async () => {
  const { page, watch } = await fresh('#/language');
  const wrap = await page.evaluate(() => {
    const w = document.querySelector('.raci-wrap');
    const s = getComputedStyle(w);
    return { overflowY: s.overflowY, maxHeight: s.maxHeight, inner: w.scrollHeight - w.clientHeight };
  });
  assert.equal(wrap.maxHeight, 'none', 'no 384 px box');
  assert.ok(wrap.inner <= 1, 'nothing scrolls inside the chart');
  // Scroll the page into the chart: the header row stays at the window's top.
  await page.evaluate(() => {
    const t = document.querySelector('table.raci');
    window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY + 200);
  });
  const head = await page.evaluate(() => document.querySelector('table.raci thead th:nth-child(2)').getBoundingClientRect().top);
  assert.ok(Math.abs(head) <= 2, `the header row sticks to the top (${head})`);
  const names = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.people-names')).fontSize));
  assert.ok(names >= 16, `names under the roles are readable (${names}px)`);
  await screenshot(page, 'room-raci-1280');

  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    const right = await page.evaluate(() => Math.max(...[...document.querySelectorAll('table.raci th, table.raci td')].map((c) => c.getBoundingClientRect().right)));
    assert.ok(right <= width, `the warnings column is not cut at ${width} px (${right})`);
    assert.equal(await sidewaysScroll(page), 0, `no sideways scroll at ${width} px`);
  }
  await page.setViewportSize({ width: 1024, height: 720 });
  await screenshot(page, 'room-raci-1024');
  assertQuiet(watch);
  await page.close();
});

test('on a 1280x720 projector every presenter step shows its title, words, link and checklist without scrolling', async () => {
  const { page, watch } = await fresh();
  await page.click('button:has-text("Start presenter mode")');
  await page.waitForSelector('.presenter');
  const steps = await page.locator('.presenter-dots button').count();
  for (let n = 1; n <= steps; n += 1) {
    await page.click(`.presenter-dots button[aria-label^="Step ${n}:"]`);
    await page.waitForFunction((k) => document.querySelector('.presenter-count').textContent === `Step ${k} of 14`, n);
    // The journey and SLI steps with a room's worth of ideas on the board.
    if (n === 5 || n === 6) {
      for (const idea of ['Check out a basket', 'Search the catalogue', 'Sign in', 'Pay an invoice', 'Track an order']) {
        await page.fill('#presenter-idea-text', `${idea} (${n})`);
        await page.press('#presenter-idea-text', 'Enter');
        await page.waitForSelector(`.presenter-ideas .candidate:has-text("${idea} (${n})")`);
      }
    }
    const fit = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const body = document.querySelector('.presenter-body');
      return {
        scrolls: body.scrollHeight - body.clientHeight,
        top: box('.presenter-bar').bottom,
        title: box('#presenter-step-title').top,
        checklist: box('.presenter-checklist').bottom,
        nav: box('.presenter-nav').top,
        text: parseFloat(getComputedStyle(document.querySelector('.presenter-text')).fontSize),
      };
    });
    assert.ok(fit.scrolls <= 0, `step ${n}: the step does not scroll (${fit.scrolls}px more)`);
    assert.ok(fit.title >= fit.top && fit.checklist <= fit.nav, `step ${n}: title to checklist between the bars (${JSON.stringify(fit)})`);
    assert.ok(fit.text >= 20, `step ${n}: readable from the back of the room (${fit.text}px)`);
    if (n === 6) await screenshot(page, 'room-presenter-step6-ideas');
  }
  // Ends the workshop, so the next test opens the Start page, not presenter mode.
  await page.click('.presenter-bar button:has-text("Leave presenter mode")');
  assertQuiet(watch);
  await page.close();
});

test('presenter mode: the way back from a step page, Back resumes it, step 7 in view, a total clock, large glossary', async () => {
  const { page, watch } = await fresh();
  await page.click('button:has-text("Start presenter mode")');
  await page.waitForSelector('.presenter');
  assert.match(await page.textContent('.presenter-bar .workshop-clock'), /Workshop 00:0\d of 120 min/);
  for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.presenter-count'), 'Step 7 of 14');
  const [link, nav] = await Promise.all([
    page.locator('.presenter-link a').boundingBox(),
    page.locator('.presenter-nav').boundingBox(),
  ]);
  assert.ok(link.y + link.height <= nav.y, `the step link is above the bottom bar (${link.y + link.height} vs ${nav.y})`);
  await screenshot(page, 'room-presenter-step7');

  // The glossary opens in projector type.
  await page.click('.presenter-bar button:has-text("Glossary")');
  await page.waitForSelector('#glossary-panel');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.glossary-entry dd')).fontSize));
  assert.ok(size >= 22, `glossary in large type (${size}px)`);
  await page.keyboard.press('Escape');

  // Step 2 works on the Language page; a bar there leads back.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.click('.presenter-link a');
  await page.waitForSelector('[data-page="language"]');
  assert.equal(await page.locator('.presenter').count(), 0);
  assert.match(await page.textContent('.workshop-bar'), /step 2 of 14/);
  assert.match(await page.textContent('.workshop-bar'), /of 120 min/);
  await screenshot(page, 'room-workshop-bar');
  // The chart's header row sticks right below the bar, in projector type, at 1280 and 1024 px.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    await page.evaluate(() => {
      const t = document.querySelector('table.raci');
      window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY + 300);
    });
    const [bar, head] = await page.evaluate(() => [
      document.querySelector('.workshop-bar').getBoundingClientRect().bottom,
      document.querySelector('table.raci thead th:nth-child(2)').getBoundingClientRect().top,
    ]);
    assert.ok(Math.abs(head - bar) <= 2, `header below the bar at ${width} px (${head} vs ${bar})`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('table.raci')).fontSize));
  assert.ok(big >= 18, `the chart in projector type during a workshop (${big}px)`);
  // Browser Back returns to presenter mode at the same step.
  await page.goBack();
  await page.waitForSelector('.presenter');
  assert.equal(await page.textContent('.presenter-count'), 'Step 2 of 14');
  // And so does the bar.
  await page.click('.presenter-link a');
  await page.waitForSelector('.workshop-bar');
  await page.click('.workshop-bar a:has-text("Back to the workshop")');
  await page.waitForSelector('.presenter');
  assert.equal(await page.textContent('.presenter-count'), 'Step 2 of 14');
  // Leaving presenter mode ends the workshop: no bar on the other pages.
  await page.click('.presenter-bar button:has-text("Leave presenter mode")');
  await go(page, '#/language');
  assert.equal(await page.locator('.workshop-bar').count(), 0);
  assertQuiet(watch);
  await page.close();
});

test('on a 390 px phone the Iteration page does not scroll sideways and charts keep readable labels', async () => {
  const { page, watch } = await fresh('#/iteration', { width: 390, height: 844 });
  await page.click('#create-default-slo');
  await page.waitForSelector('#sample-steady');
  assert.equal(await sidewaysScroll(page), 0, 'paste box and samples fit the column');
  await page.click('#sample-steady');
  await page.waitForSelector('#chart-sli svg.slo-chart', { timeout: 30000 });
  assert.equal(await sidewaysScroll(page), 0, 'no sideways scroll with the charts shown');
  const svgWidth = await page.evaluate(() => document.querySelector('#chart-sli svg').getBoundingClientRect().width);
  // The SVG is drawn 800 px wide with 15 px labels: at 640 px they show at 12 px.
  assert.ok(svgWidth >= 640, `the chart keeps its labels readable (${svgWidth}px wide)`);
  await screenshot(page, 'room-iteration-390');
  assertQuiet(watch);
  await page.close();
});

test('on a 390 px phone no page of any example scrolls sideways', async () => {
  const { page, watch } = await fresh('#/start', { width: 390, height: 844 });
  for (const example of ['web-api', 'data-pipeline', 'internal-service']) {
    await loadExample(page, example);
    for (const route of ['#/start', '#/language', '#/research', '#/implementation', '#/iteration', '#/share', '#/projects']) {
      await page.evaluate((r) => { location.hash = r; }, route);
      // The Iteration page spells its data-page with a capital.
      await page.waitForSelector(`main [data-page="${route.slice(2)}" i]`);
      const wide = await page.evaluate(() => {
        // Name what sticks out, so a failure says where to look.
        const out = [];
        for (const el of document.querySelectorAll('main *')) {
          if (el.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) continue;
          let p = el.parentElement;
          let clipped = false;
          for (; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) { clipped = true; break; }
          if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''));
        }
        return out.slice(0, 3);
      });
      assert.equal(await sidewaysScroll(page), 0, `${example} ${route} fits 390 px (sticks out: ${wide.join(', ')})`);
    }
  }
  await go(page, '#/research');
  await screenshot(page, 'room-research-390');
  assertQuiet(watch);
  await page.close();
});

test('charts fill the width of a wide page', async () => {
  const { page, watch } = await fresh('#/iteration', { width: 1366, height: 768 });
  await page.click('#create-default-slo');
  await page.click('#sample-outage');
  await page.waitForSelector('#chart-sli svg.slo-chart', { timeout: 30000 });
  const [svg, section] = await page.evaluate(() => [
    document.querySelector('#chart-sli svg').getBoundingClientRect().width,
    document.querySelector('#chart-sli').parentElement.getBoundingClientRect().width,
  ]);
  assert.ok(svg >= 0.95 * section, `the chart uses the width it has (${svg} of ${section})`);
  assertQuiet(watch);
  await page.close();
});

test('smaller things: the glossary Close in view, Back keeps the scroll, badges say what is done, the policy is no freeze', async () => {
  const { page, watch } = await fresh();
  // A term near the end of the glossary, opened from the page.
  await go(page, '#/language');
  await page.locator('button.term:has-text("RACI chart")').first().click();
  await page.waitForSelector('#glossary-panel');
  await page.waitForFunction(() => document.activeElement?.id === 'glossary-raci');
  const close = await page.locator('#glossary-panel button.close').boundingBox();
  assert.ok(close && close.y >= 0 && close.y + close.height <= 720, `Close is in view (${close?.y})`);
  await page.keyboard.press('Escape');

  await go(page, '#/start');
  await page.evaluate(() => window.scrollTo(0, 1300));
  await page.waitForFunction(() => window.scrollY === 1300);
  // Followed in place, as a reader who scrolled there clicks it (a tool's click would scroll first).
  await page.evaluate(() => document.querySelector('.step[data-step="raci"] a').click());
  await page.waitForSelector('[data-page="language"]');
  await page.goBack();
  await page.waitForSelector('[data-page="start"]');
  await page.waitForFunction(() => Math.abs(window.scrollY - 1300) < 5, null, { timeout: 3000 });
  assert.match(await page.textContent('.step[data-step="people"] .done-when'), /Done when each of the seven personas has a named person/);

  await go(page, '#/implementation');
  await page.click('#new-slo');
  await page.click('button:has-text("Use the suggested first draft") >> nth=1');
  const miss = await page.evaluate(() => [...document.querySelectorAll('textarea')].map((t) => t.value).join('\n'));
  assert.match(miss, /reliability work comes first/);
  assert.doesNotMatch(miss, /only security and reliability work ships/);
  assertQuiet(watch);
  await page.close();
});

test('data errors: "Show line" scrolls to the line, and a paste with a few bad rows replays without them', async () => {
  const { page, watch } = await fresh('#/iteration');
  await page.click('#create-default-slo');
  await page.waitForSelector('#data-text');
  // 300 rows of 5 minutes; lines 201 and 250 are bad.
  const rows = ['timestamp,good,total'];
  for (let i = 0; i < 300; i++) {
    const t = new Date(Date.UTC(2026, 9, 5) + i * 300000).toISOString().replace('.000', '');
    rows.push(`${t},${i === 199 ? 'abc' : 999},${i === 248 ? -5 : 1000}`);
  }
  await page.evaluate((t) => {
    const ta = document.querySelector('#data-text');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, rows.join('\n') + '\n');
  await page.waitForSelector('.parse-errors');
  await page.click('.parse-errors button.link:has-text("Show line 201")');
  const shown = await page.evaluate(() => {
    const ta = document.querySelector('#data-text');
    const perLine = ta.scrollHeight / ta.value.split('\n').length;
    const top = 200 * perLine;
    return { top, from: ta.scrollTop, to: ta.scrollTop + ta.clientHeight, selected: ta.value.slice(ta.selectionStart, ta.selectionEnd) };
  });
  assert.match(shown.selected, /abc/);
  assert.ok(shown.top >= shown.from && shown.top <= shown.to, `line 201 is in view (${JSON.stringify(shown)})`);

  await page.click('#replay-without-bad-rows');
  await page.waitForSelector('#data-preview');
  assert.match(await page.textContent('#preview-rows'), /298 rows/);
  assert.match(await page.textContent('#data-preview'), /without 2 bad rows \(lines 201 and 250\)/);
  assert.equal(await page.inputValue('#data-text'), rows.join('\n') + '\n', 'the text area stays as pasted');
  assertQuiet(watch);
  await page.close();
});
