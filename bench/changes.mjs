// What one change costs, and whether start-up grows with the data (the save-cost issue), at
// 4x CPU slowdown:
// - main-thread time per change (star a resource, log a connection, edit a goal) with 50, 500
//   and 5,000 resources: the renderer's own count of main-thread task time (the DevTools
//   protocol's Performance.getMetrics TaskDuration) from just before the click until the change
//   is stored and the page is quiet, less the same quiet wait with no click; the click is sent
//   as the browser's own input (see `aim`);
// - click → painted: the click's Event Timing duration, from the input to the next paint after
//   its handlers (the save follows that paint);
// - click → stored: in the page, from the click event to the store's pointer being written;
// - app interactive with one resource and with 5,000 resources and 2,000 check-ins, reloads of
//   the Resources screen alternated in one run, so the ratio is measured on one machine state.
//
// Run on its own: `node bench/changes.mjs` (after a release build in dist/).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { bigState, storedEntries } from './shelf.mjs';

const ACTIVE = 'branch-out/v1/state.active';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const QUIET_MS = 600;

/** Stores `state` as an earlier version saved it, from a blank page of the app's origin. */
async function seed(page, base, state) {
  await page.route(`${base}/__seed`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto(`${base}/__seed`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, storedEntries(state));
  return page;
}

const seeded = async (browser, base, state) => seed(await browser.newPage(), base, state);

/**
 * Records in the page, for each change: click → stored (the store's pointer written), and
 * click → painted (Event Timing).
 */
export async function installProbes(page) {
  await page.evaluate((active) => {
    if (window.__probed) return;
    window.__probed = true;
    window.__stored = [];
    window.__clicked = 0;
    window.__painted = [];
    window.__wake = null;
    document.addEventListener('click', () => { window.__clicked = performance.now(); }, true);
    // Event Timing: from the click's input to the next paint after its handlers (what a
    // librarian waits for; the save follows that paint). Only clicks of 16 ms or more are
    // reported.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__painted.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      set.call(this, k, v);
      if (k === active) {
        window.__stored.push(performance.now() - window.__clicked);
        window.__wake?.();
      }
    };
  }, ACTIVE);
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value;
}

/**
 * A click on `target` (a locator) as a librarian's mouse makes it: the button is found and
 * scrolled to first, then the browser is sent a pointer move, press and release at its centre.
 * (Playwright's own `click()` first checks in the page that the element is visible, stable and
 * not covered, which costs 60–200 ms of main-thread time at 4x — measured clicking a heading
 * that does nothing — and is no work of the app's.) Returns the function that clicks.
 */
export async function aim(target) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  return () => target.page().mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Resolves once the page has written the store's pointer more than `n` times (after
 * `installProbes`), waiting in the page: no polling, whose own evaluations would count as
 * main-thread time.
 */
export function storedMore(page, n) {
  return page.evaluate(
    (n) => window.__stored.length > n || new Promise((resolve, reject) => {
      window.__wake = () => resolve(true);
      setTimeout(() => reject(new Error('not stored within 60 s')), 60000);
    }),
    n,
  );
}

/**
 * Main-thread ms, click → stored ms and click → painted ms (Event Timing; 0 when under 16 ms)
 * for one change: a click on `target` (a locator).
 */
async function timed(page, cdp, target) {
  await installProbes(page);
  const click = await aim(target);
  const quiet = async () => {
    const t0 = await taskSeconds(cdp);
    await page.waitForTimeout(QUIET_MS);
    return (await taskSeconds(cdp)) - t0;
  };
  const idle = await quiet();
  const [n, p] = await page.evaluate(() => [window.__stored.length, window.__painted.length]);
  const t0 = await taskSeconds(cdp);
  const stored = storedMore(page, n);
  await click();
  await stored;
  await page.waitForTimeout(QUIET_MS);
  const busy = (await taskSeconds(cdp)) - t0;
  const [ms, painted] = await page.evaluate((p) => [window.__stored.at(-1), window.__painted.slice(p)], p);
  return { main: Math.max(0, (busy - idle) * 1000), stored: ms, painted: Math.max(0, ...painted) };
}

/** The three changes, three times each, with `resources` resources. */
export async function measureChanges(base, { resources, checkIns }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await seeded(browser, base, bigState({ resources, checkIns }));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${base}/#/resources`);
    await page.getByText(`${resources} resources on your shelf.`).waitFor({ timeout: 60000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // The first change rewrites the earlier version's save in blocks; it is not one of the
    // timed ones.
    const star = (i) => page.getByRole('button', { name: /^Star “/ }).nth(i);
    await timed(page, cdp, star(0));
    const out = { star: [], log: [], goal: [] };
    for (let i = 1; i <= 3; i++) out.star.push(await timed(page, cdp, star(i)));

    await page.goto(`${base}/#/plan`);
    await page.getByRole('heading', { name: 'Plan', level: 1 }).waitFor({ timeout: 60000 });
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Log a connection', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Log a connection' });
      await dialog.getByLabel('What happened (optional)').fill(`Benchmark connection ${i}`);
      out.log.push(await timed(page, cdp, dialog.getByRole('button', { name: 'Save connection' })));
      await dialog.waitFor({ state: 'hidden' });
    }
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: /^Edit “/ }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Edit goal' });
      await dialog.getByLabel('Goal', { exact: true }).fill(`Reach out to a colleague ${i}`);
      out.goal.push(await timed(page, cdp, dialog.getByRole('button', { name: 'Save goal' })));
      await dialog.waitFor({ state: 'hidden' });
    }
    const summary = (xs) => ({
      main: median(xs.map((x) => x.main)),
      stored: median(xs.map((x) => x.stored)),
      mainMax: Math.max(...xs.map((x) => x.main)),
      painted: median(xs.map((x) => x.painted)),
    });
    return { star: summary(out.star), log: summary(out.log), goal: summary(out.goal) };
  } finally {
    await browser.close();
  }
}

/** App interactive (a reload of Resources until its shelf is listed) with one resource and with 5,000, alternated, median of 5 each. */
export async function measureStart(base) {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const stores = { small: bigState({ resources: 1, checkIns: 0 }), large: bigState({ resources: 5000, checkIns: 2000 }) };
    const pages = {};
    for (const [name, state] of Object.entries(stores)) {
      // Separate browser contexts: separate storage, the same browser and machine state.
      const context = await browser.newContext();
      const page = await seed(await context.newPage(), base, state);
      const listed = page.getByText(`${state.resources.length} resource${state.resources.length === 1 ? '' : 's'} on your shelf.`);
      await page.goto(`${base}/#/resources`);
      await listed.waitFor({ timeout: 60000 });
      // One change, so what is opened is what this version stores.
      await page.getByRole('button', { name: /^Star “/ }).first().click();
      await page.waitForFunction((a) => JSON.parse(localStorage.getItem(a)).schema >= 4, ACTIVE);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      pages[name] = { page, listed, times: [] };
    }
    for (let i = 0; i < 5; i++) {
      for (const p of Object.values(pages)) {
        await p.page.reload();
        await p.listed.waitFor({ timeout: 60000 });
        p.times.push(await p.page.evaluate(() => performance.now()));
      }
    }
    return { small: median(pages.small.times), large: median(pages.large.times) };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startServer } = await import('../scripts/serve.mjs');
  const server = await startServer(process.argv[2] || 'dist');
  try {
    await report(server.url);
  } finally {
    await server.close();
  }
}

/** Prints the tables README.md keeps. */
export async function report(base) {
  console.log('\nOne change, CPU slowdown 4x, median of 3 (slowest in brackets): main-thread time; click → painted (Event Timing, "< 16" when under 16 ms); click → stored\n');
  console.log('| change | 50 resources | 500 resources | 5,000 resources | budget (main thread) |');
  console.log('|---|---:|---:|---:|---:|');
  const sizes = [[50, 50], [500, 500], [5000, 2000]];
  const runs = [];
  for (const [resources, checkIns] of sizes) runs.push(await measureChanges(base, { resources, checkIns }));
  const cell = (c) => `${Math.round(c.main)} ms (${Math.round(c.mainMax)}); ${c.painted ? Math.round(c.painted) : '< 16'} ms; ${Math.round(c.stored)} ms`;
  for (const [key, label] of [['star', 'star a resource'], ['log', 'log a connection'], ['goal', 'edit a goal']]) {
    console.log(`| ${label} | ${runs.map((r) => cell(r[key])).join(' | ')} | ≤ 16 ms at 500, ≤ 50 ms at 5,000 |`);
  }
  const start = await measureStart(base);
  console.log(`\nApp interactive (a reload of Resources until the shelf is listed), alternated in one run, median of 5: one resource ${Math.round(start.small)} ms; 5,000 resources and 2,000 check-ins ${Math.round(start.large)} ms; ratio ${(start.large / start.small).toFixed(2)} (budget ≤ 1.3).`);
}
