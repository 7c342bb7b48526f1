// Opening a screen that lives in its own chunk, at 4x CPU slowdown: the time from the click on
// its link to its heading painted, the first time it is opened in a page. "From the cache" is
// any visit after the first (the service worker precached every chunk at install), a few
// seconds after start, when the app has started the chunks in the background; "cold" is a
// first visit with no service worker, the chunk coming from the server on loopback (no network
// delay, so this is the parse-and-compile cost, not a slow school network's).
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { chromium } from 'playwright-core';

const SCREENS = [
  ['Plan', 'Plan'],
  ['Resources', 'Resources'],
  ['Share', 'Share and back up'],
  ['Settings', 'Settings'],
];

/** In the page: clicks the link, resolves with ms until the heading is in a painted frame. */
function clickToPainted([link, heading]) {
  return new Promise((resolve) => {
    const a = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((e) => e.textContent.trim() === link);
    const start = performance.now();
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    const seen = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent.trim() === heading);
    const observer = new MutationObserver(() => {
      if (seen()) {
        observer.disconnect();
        done();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    a.click();
    if (seen()) {
      observer.disconnect();
      done();
    }
  });
}

async function once(browser, base, { cold }) {
  const context = await browser.newContext(cold ? { serviceWorkers: 'block' } : {});
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Start with an empty plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  if (!cold) {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A later day's visit: the page and every chunk come from the worker's cache, and the app
    // starts the chunks in the background once Today is up; a librarian clicks a few seconds in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.waitForTimeout(4000);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const times = {};
  for (const screen of SCREENS) {
    times[screen[0]] = await page.evaluate(clickToPainted, screen);
    await page.getByRole('heading', { level: 1, name: screen[1] }).waitFor();
  }
  await context.close();
  return times;
}

/** Median over `runs` of click → painted per screen, from the cache and cold. */
export async function measureScreens(base, runs = 3) {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const result = {};
    for (const cold of [false, true]) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await once(browser, base, { cold }));
      for (const [name] of SCREENS) {
        const xs = all.map((t) => t[name]).sort((a, b) => a - b);
        result[name] ??= {};
        result[name][cold ? 'cold' : 'cached'] = { median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs.at(-1) };
      }
    }
    return result;
  } finally {
    await browser.close();
  }
}
