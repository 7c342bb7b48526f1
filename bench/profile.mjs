// Where the time goes: CPU profiles of Branch Out in Chromium at 4x CPU slowdown, with 5,000
// resources and 2,000 check-ins stored, summed by function (self time). Run through
// `make profile`, which builds a release whose wasm keeps its function names.
//
//   node bench/profile.mjs <dist with a named wasm>
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { startServer } from '../scripts/serve.mjs';
import { bigState, storedEntries } from './shelf.mjs';
import { todayWithOwnSave } from './interaction.mjs';
import { aim, installProbes, storedMore } from './changes.mjs';

const TOP = 30;
// PROFILE_RESOURCES=50 profiles a small shelf instead, to see what a change costs whatever the data.
const RESOURCES = Number(process.env.PROFILE_RESOURCES || 5000);
const LISTED = `${RESOURCES} resources on your shelf.`;
// PROFILE_PEOPLE=1 profiles Today with Reconnect and the first opening of People instead, with
// 1,000 people and 5,000 check-ins beside the resources.
const PEOPLE = process.env.PROFILE_PEOPLE === '1';

/** Microseconds in `total` outside idle and the browser's unattributed time (program). */
const attributed = (total) => [...total].filter(([name]) => name !== '(idle)' && name !== '(program)').reduce((sum, [, us]) => sum + us, 0);

/** Self time per function name over `profiles`, in ms per run, most first. */
function bySelfTime(profiles) {
  const total = new Map();
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id).callFrame;
      const name = frame.functionName || `(${frame.url.split('/').pop() || 'browser'})`;
      total.set(name, (total.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  return [...total]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, us]) => `${(us / 1000 / profiles.length).toFixed(1).padStart(8)} ms  ${name.slice(0, 140)}`)
    .concat(`${(attributed(total) / 1000 / profiles.length).toFixed(1).padStart(8)} ms  in all, every function profiled (not only those listed) but (program), the browser's unattributed time, and idle`);
}

/**
 * The profile of one change: from a click on `button` (sent as the browser's input, as in
 * `bench/changes.mjs`) until the change is stored and the page is quiet (the save follows the
 * paint).
 */
async function profiledSave(page, cdp, button) {
  await installProbes(page);
  // Found before the profile starts: the test tool's search by role is no work of the app's.
  const click = await aim(button);
  const n = await page.evaluate(() => window.__stored.length);
  await cdp.send('Profiler.start');
  const stored = storedMore(page, n);
  await click();
  await stored;
  await page.waitForTimeout(300);
  return (await cdp.send('Profiler.stop')).profile;
}

/** Today with Reconnect (a reload until it is listed) and People opened from Today. */
async function profilePeople(page, cdp, base) {
  // What every later start reads: the app's own save, not the seeded one.
  const reconnect = await todayWithOwnSave(page, base);
  const starts = [];
  const opens = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('Profiler.start');
    await page.reload();
    await reconnect.waitFor({ timeout: 60000 });
    starts.push((await cdp.send('Profiler.stop')).profile);
    const people = await aim(page.locator('nav a[href="#/people"]'));
    await cdp.send('Profiler.start');
    await people();
    await page.locator('ul.people > li h3').first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(300);
    opens.push((await cdp.send('Profiler.stop')).profile);
    await page.goto(`${base}/#/today`);
  }
  console.log('\nToday with Reconnect (a reload until it is listed), self time per start:\n');
  console.log(bySelfTime(starts).join('\n'));
  console.log('\nOpening People from Today (click until listed), self time per opening:\n');
  console.log(bySelfTime(opens).join('\n'));
}

const server = await startServer(process.argv[2] ?? 'target/profile/dist');
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const base = server.url;
  await page.route(`${base}/__seed`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto(`${base}/__seed`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, storedEntries(PEOPLE
    ? bigState({ resources: RESOURCES, checkIns: 5000, people: 1000 })
    : bigState({ resources: RESOURCES, checkIns: Math.round(RESOURCES * 0.4) })));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (PEOPLE) await profilePeople(page, cdp, base);
  else {
    await page.goto(`${base}/#/resources`);
    await page.getByText(LISTED).waitFor({ timeout: 60000 });
    // The first change rewrites the earlier version's save in blocks (what every later start
    // reads): it is not one of the profiled ones.
    const first = await page.evaluate(() => localStorage.getItem('branch-out/v1/state.active'));
    await page.getByRole('button', { name: /^Star “/ }).first().click();
    await page.waitForFunction((b) => localStorage.getItem('branch-out/v1/state.active') !== b, first, { polling: 100, timeout: 60000 });

    const starts = [];
    for (let i = 0; i < 3; i++) {
      await cdp.send('Profiler.start');
      await page.reload();
      await page.getByText(LISTED).waitFor({ timeout: 60000 });
      starts.push((await cdp.send('Profiler.stop')).profile);
    }
    console.log('\nStart-up (a reload until the shelf is listed), self time per start:\n');
    console.log(bySelfTime(starts).join('\n'));

    // A star: from the click until the change is stored and the page is quiet (the save follows
    // the paint).
    const stars = [];
    for (let i = 0; i < 3; i++) {
      stars.push(await profiledSave(page, cdp, page.getByRole('button', { name: /^Star “/ }).nth(i + 1)));
    }
    console.log('\nStarring a resource (click until stored), self time per star:\n');
    console.log(bySelfTime(stars).join('\n'));

    // Logging a connection and editing a goal on Plan, which draws no resource: what a change
    // costs there comes from the rest of the app and the save.
    await page.goto(`${base}/#/plan`);
    await page.getByRole('heading', { name: 'Plan', level: 1 }).waitFor({ timeout: 60000 });
    const changes = { log: [], goal: [] };
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Log a connection', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Log a connection' });
      await dialog.getByLabel('What happened (optional)').fill(`Profiled connection ${i}`);
      changes.log.push(await profiledSave(page, cdp, dialog.getByRole('button', { name: 'Save connection' })));
    }
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: /^Edit “/ }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Edit goal' });
      await dialog.getByLabel('Goal', { exact: true }).fill(`Reach out to a colleague ${i}`);
      changes.goal.push(await profiledSave(page, cdp, dialog.getByRole('button', { name: 'Save goal' })));
    }
    console.log('\nLogging a connection on Plan (click until stored), self time per change:\n');
    console.log(bySelfTime(changes.log).join('\n'));
    console.log('\nEditing a goal on Plan (click until stored), self time per change:\n');
    console.log(bySelfTime(changes.goal).join('\n'));
    await page.goto(`${base}/#/resources`);
    await page.getByText(LISTED).waitFor({ timeout: 60000 });

    const search = page.getByLabel('Search your shelf');
    const typing = [];
    for (const word of ['storytime', 'reading 12', 'makerspace grou']) {
      await search.fill('');
      await page.waitForTimeout(200);
      await cdp.send('Profiler.start');
      for (const ch of word) {
        await page.keyboard.type(ch);
        await page.waitForTimeout(50);
      }
      typing.push((await cdp.send('Profiler.stop')).profile);
    }
    console.log('\nTyping a word into the shelf search, self time per word:\n');
    console.log(bySelfTime(typing).join('\n'));
  }
} finally {
  await browser.close();
  await server.close();
}
