// The browser killed right after a save (RELIABILITY.md S-15): a persistent Chromium profile, an
// edit, SIGKILL to the whole browser 0 s, 0.5 s, 5 s and 10 s after the click, then a relaunch on
// the same profile. Whatever the timing, Branch Out opens a whole save — the one before the edit or
// the one after it — and never a damaged one. Which of the two it was is printed as a test
// diagnostic: that is the loss window README.md records.
//
// Chromium is started here rather than by Playwright, so the test holds the real browser
// process and can kill it (with its renderers) the way a crash or a pulled plug would; Playwright
// drives it over the DevTools protocol.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { CHROME, CHROMIUM_ARGS, visitSettings, watch } from './harness.mjs';
import { bigState, storedEntries } from '../../bench/shelf.mjs';

const ACTIVE = 'branch-out/v1/state.active';

/** Starts Chromium on `profile` in its own process group; resolves once DevTools listens. */
function launchBrowser(profile) {
  const child = spawn(
    CHROME,
    [
      ...CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let seen = '';
    let found = null;
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr.on('data', async (chunk) => {
      seen += chunk;
      if (found) return;
      found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (!found) return;
      clearTimeout(timer);
      try {
        const browser = await chromium.connectOverCDP(found[1]);
        resolve({ child, exited, browser, context: browser.contexts()[0] });
      } catch (e) {
        reject(e);
      }
    });
    child.once('error', reject);
  });
}

/** Closes Chromium as a librarian would, so everything it holds is written to the profile. */
async function closeBrowser(run) {
  const session = await run.browser.newBrowserCDPSession();
  await session.send('Browser.close').catch(() => {});
  await run.exited;
}

/** Kills the browser and every process it started, with no chance to write anything more. */
async function killBrowser(run) {
  process.kill(-run.child.pid, 'SIGKILL');
  await run.exited;
  await run.browser.close().catch(() => {});
}

/** 64-bit FNV-1a of the UTF-8 bytes of `text`, as the store writes it. */
function fnv1a64(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `fnv1a64:${h.toString(16).padStart(16, '0')}`;
}

/**
 * The save the pointer names, checked here independently of the app: its `data` (the last
 * field) must have the length and checksum the envelope states. Returns the saved name.
 */
function verifiedActive(stored) {
  const pointer = JSON.parse(stored[ACTIVE]);
  const text = stored[`branch-out/v1/state.${pointer.slot}`];
  assert.ok(text, `the slot the pointer names (${pointer.slot}) is present`);
  const envelope = JSON.parse(text);
  const data = text.slice(text.indexOf('"data":') + '"data":'.length, -1);
  assert.equal(new TextEncoder().encode(data).length, envelope.len, 'the named save has its stated length');
  assert.equal(fnv1a64(data), envelope.check, 'the named save matches its checksum');
  assert.equal(envelope.rev, pointer.rev, 'the pointer and the save agree on the revision');
  const parsed = JSON.parse(data);
  if (envelope.schema < 4) return parsed.settings.name;
  // Schema 4: the data is a manifest; every block it names is stored whole (its name is the
  // checksum of its text).
  for (const name of Object.values(parsed.blocks).flat()) {
    const block = stored[`branch-out/v1/block.${name}`];
    assert.ok(block !== undefined, `block ${name} is stored`);
    assert.equal(fnv1a64(block), `fnv1a64:${name}`, `block ${name} matches its name`);
  }
  return parsed.state.settings.name;
}

/** The stored strings, read in the page. */
const storedStrings = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

describe('the browser killed after a save (S-15)', () => {
  let server;
  const temp = mkdtempSync(join(tmpdir(), 'branch-out-crash-'));
  const running = new Set();
  before(async () => {
    server = await startServer('dist');
  });
  after(async () => {
    for (const run of running) process.kill(-run.child.pid, 'SIGKILL');
    await server?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** Launches Chromium on `profile` with the standing checks attached; returns the page too. */
  async function launch(profile) {
    const run = await launchBrowser(profile);
    running.add(run);
    run.exited.then(() => running.delete(run));
    run.problems = await watch(run.context);
    run.page = await run.context.newPage();
    return run;
  }

  // S15_DELAYS=0,2000,4500 measures other moments (then nothing is asserted about which save).
  const delays = process.env.S15_DELAYS ? process.env.S15_DELAYS.split(',').map(Number) : [0, 500, 5000, 10000];
  for (const delay of delays) {
    it(`S-15: killed ${delay / 1000} s after the click, it reopens a whole save`, async (t) => {
      const profile = mkdtempSync(join(temp, 'profile-'));

      // A first save, closed normally so it is on disk.
      let run = await launch(profile);
      await visitSettings(run.page, server.url);
      await run.page.getByLabel('Your name').fill('Before the crash');
      await run.page.getByRole('button', { name: 'Save profile' }).click();
      await run.page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
      assert.deepEqual(run.problems, [], 'the first run reported problems');
      await closeBrowser(run);

      // The edit, then the kill.
      run = await launch(profile);
      await visitSettings(run.page, server.url);
      assert.equal(await run.page.getByLabel('Your name').inputValue(), 'Before the crash');
      await run.page.getByLabel('Your name').fill('After the crash');
      await run.page.getByRole('button', { name: 'Save profile' }).click();
      const clicked = Date.now();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay - (Date.now() - clicked)));
      const killedAfter = Date.now() - clicked;
      assert.deepEqual(run.problems, [], 'the edit reported problems');
      await killBrowser(run);

      // The relaunch: a whole save opens, never a damaged one or recovery mode.
      run = await launch(profile);
      await visitSettings(run.page, server.url);
      assert.equal(
        await run.page.getByText('Your newest save could not be read').count(),
        0,
        'no save is reported damaged',
      );
      const name = await run.page.getByLabel('Your name').inputValue();
      assert.ok(['Before the crash', 'After the crash'].includes(name), `opened "${name}"`);
      const stored = await run.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
      assert.equal(verifiedActive(stored), name, 'the app opened the save the pointer names');
      assert.ok(
        !Object.keys(stored).some((k) => k.startsWith('branch-out/v1/quarantine.')),
        'nothing had to be set aside',
      );
      t.diagnostic(
        `killed ${killedAfter} ms after the click: ${name === 'After the crash' ? 'the edit was kept' : 'the edit was lost, the save before it opened'}`,
      );
      // Chromium writes localStorage to disk about 5 s after a change, so at 5 s either save may
      // open; by 10 s the edit is on disk.
      if (process.env.S15_DELAYS === undefined && delay >= 10000) {
        assert.equal(name, 'After the crash', 'an edit 10 s before the kill is kept');
      }
      // And it saves again as usual.
      await run.page.getByLabel('Your name').fill('After the relaunch');
      await run.page.getByRole('button', { name: 'Save profile' }).click();
      await run.page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
      assert.equal(verifiedActive(await run.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)))), 'After the relaunch');
      assert.deepEqual(run.problems, [], 'the relaunch reported problems');
      await closeBrowser(run);
    });
  }
  // A save in flight when the tab is closed or the browser dies (the save-cost issue): with a
  // large shelf a save writes several keys (its new blocks, the manifest, the pointer), so
  // this is where a torn save could come from.
  it('a large shelf: a tab closed right after a star keeps it; a kill mid-save reopens a whole save', async (t) => {
    const profile = mkdtempSync(join(temp, 'profile-'));
    let run = await launch(profile);
    // A shelf saved by an earlier version (schema 1), which the first change rewrites in blocks.
    await run.page.goto(`${server.url}/#/resources`);
    await run.page.getByRole('heading', { name: 'Resources', level: 1 }).waitFor();
    await run.page.evaluate((entries) => {
      localStorage.clear();
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, storedEntries(bigState({ resources: 2000, checkIns: 500 })));
    await run.page.reload();
    const listed = run.page.getByText('2000 resources on your shelf.');
    await listed.waitFor({ timeout: 60_000 });
    const star = async (page, i) => {
      const button = page.getByRole('button', { name: /^Star “/ }).nth(i);
      const label = await button.getAttribute('aria-label');
      const was = await button.getAttribute('aria-pressed');
      await button.click();
      return { label, was };
    };
    const pressed = (page, label) => page.getByRole('button', { name: label, exact: true }).getAttribute('aria-pressed');

    // Closing the tab straight after the click: the save completes as the page goes.
    const first = await star(run.page, 0);
    await run.page.close();
    run.page = await run.context.newPage();
    await run.page.goto(`${server.url}/#/resources`);
    await run.page.getByText('2000 resources on your shelf.').waitFor({ timeout: 60_000 });
    assert.notEqual(await pressed(run.page, first.label), first.was, 'the star made just before closing the tab is kept');
    verifiedActive(await storedStrings(run.page));

    // Closed normally, so all of that is on disk (Chromium writes localStorage a few seconds
    // after a change; a kill before that loses the change, as the S-15 tests above record).
    await closeBrowser(run);

    // Killing the whole browser 0, 15 and 40 ms after a click: either save opens, whole.
    for (const delay of [0, 15, 40]) {
      run = await launch(profile);
      await run.page.goto(`${server.url}/#/resources`);
      await run.page.getByText('2000 resources on your shelf.').waitFor({ timeout: 60_000 });
      const clicked = await star(run.page, 1);
      const at = Date.now();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const killedAfter = Date.now() - at;
      await killBrowser(run);
      run = await launch(profile);
      await run.page.goto(`${server.url}/#/resources`);
      await run.page.getByText('2000 resources on your shelf.').waitFor({ timeout: 60_000 });
      assert.equal(await run.page.getByText('Your newest save could not be read').count(), 0, 'no save is reported damaged');
      verifiedActive(await storedStrings(run.page));
      const now = await pressed(run.page, clicked.label);
      t.diagnostic(`killed ${killedAfter} ms after the click: the star was ${now === clicked.was ? 'lost' : 'kept'}`);
      assert.deepEqual(run.problems, [], 'the relaunch reported problems');
      await closeBrowser(run);
    }
  });
});
