// Offline use, updates and durable storage in Chromium (O-01, O-02, O-03, U-01, U-02, U-04,
// U-05, S-16). Offline means the static server is stopped, as well as the context set offline:
// Playwright's offline switch does not reach the service worker's own fetches (RELIABILITY §3.3).
// Every server here serves one origin (127.0.0.1 on one port) throughout a test, stopped and
// started again, since the worker and its caches belong to that origin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { writeCsp } from '../../scripts/csp.mjs';
import { writeServiceWorker } from '../../scripts/sw.mjs';
import { CHROME, CHROMIUM_ARGS, launch, open, saveName, start, tabTo, visitSettings, watch } from './harness.mjs';

const UPDATE = 'Update available — reload';
const MAY_CLEAR = 'Browser may clear this data — export regularly.';
const KEPT = 'Stored persistently.';

/** A static server that can be stopped and started again on the same port, serving any dir. */
class Host {
  async serve(dir) {
    await this.stop();
    this.server = await startServer(dir, this.port ?? 0);
    this.url = this.server.url;
    this.port = Number(new URL(this.url).port);
  }

  async stop() {
    await this.server?.close();
    this.server = null;
  }
}

const temp = mkdtempSync(join(tmpdir(), 'branch-out-offline-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;

/** A copy of the release build, to change into a later "deployment". */
function copyOfBuild() {
  const dir = join(temp, `build-${++copies}`);
  cpSync('dist', dir, { recursive: true });
  return dir;
}

/**
 * A new deployment made from a copy of the build: the app's folder gets another hashed name (as
 * a changed build would), index.html says which deployment it is, and the post-build steps run
 * again on it so the CSP and sw.js match (a new sw.js is what the browser sees as an update).
 */
function deploy(marker, { missing } = {}) {
  const dir = copyOfBuild();
  const loader = readdirSync(dir).find((f) => /^app-[0-9a-f]{16}$/.test(f));
  const renamed = `app-${marker.replace(/\D/g, '').padStart(16, '0')}`;
  renameSync(join(dir, loader), join(dir, renamed));
  const index = join(dir, 'index.html');
  writeFileSync(index, `${readFileSync(index, 'utf8').replaceAll(loader, renamed)}<!-- ${marker} -->\n`);
  writeCsp(dir);
  writeServiceWorker(dir);
  // A file the new sw.js lists but the server no longer has (U-04).
  if (missing) unlinkSync(join(dir, missing));
  return { dir, loader: renamed };
}

/** Waits until a service worker is active and controls `page` (first install claims it). */
async function untilControlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 })
    .catch(() => assert.fail('the service worker did not take control of the first visit'));
}

/** Branch Out's caches in this origin. */
function appCaches(page) {
  return page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('branch-out ')));
}

/** index.html as this page's service worker serves it. */
/** Waits until the page has made no new request for a second, at least 2 s after it loaded. */
async function untilQuiet(page) {
  let seen = -1;
  for (;;) {
    const { count, since } = await page.evaluate(() => ({
      count: performance.getEntriesByType('resource').length,
      since: performance.now(),
    }));
    if (count === seen && since > 2000) return;
    seen = count;
    await page.waitForTimeout(1000);
  }
}

function servedIndex(page) {
  return page.evaluate(async () => (await fetch('./index.html')).text());
}

async function expectName(page, name, why) {
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  assert.equal(await page.getByLabel('Your name').inputValue(), name, why);
}

describe('offline and updates', () => {
  let browser;
  const hosts = [];
  /** A new server for one test, stopped at the end of the suite whatever happens. */
  const newHost = () => {
    const host = new Host();
    hosts.push(host);
    return host;
  };
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
  });

  it('boots from the cache with the server stopped: reload, new tab, edits kept (O-01, O-03)', async () => {
    const host = newHost();
    await host.serve('dist');
    const context = await browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    await visitSettings(page, host.url);
    await untilControlled(page);
    assert.equal(await page.getByRole('button', { name: UPDATE }).count(), 0, 'a first install is no update');
    await saveName(page, 'Robin Okafor');

    await host.stop();
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'Offline — everything still works' }).waitFor();
    await page.reload();
    await expectName(page, 'Robin Okafor', 'data intact after an offline reload');
    await page.getByRole('status').filter({ hasText: 'Offline — everything still works' }).waitFor();
    await page.getByRole('link', { name: 'Resources' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resources' }).waitFor();

    // O-03: saving needs no network.
    await page.getByRole('link', { name: 'Settings' }).click();
    await saveName(page, 'Robin Offline');
    const tab = await context.newPage();
    await visitSettings(tab, host.url);
    await expectName(tab, 'Robin Offline', 'a new tab opened offline boots and sees the offline edit');

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor({ state: 'detached' });
    await host.serve('dist');
    await page.reload();
    await expectName(page, 'Robin Offline', 'the offline edit is still there back online');
    await context.close();
    assert.deepEqual(problems, [], 'the pages reported problems');
  });

  it('starts cold with the server stopped after the browser was closed (O-02)', async () => {
    const host = newHost();
    await host.serve('dist');
    const profile = mkdtempSync(join(temp, 'profile-'));
    const launchProfile = (options = {}) =>
      chromium.launchPersistentContext(profile, { executablePath: CHROME, args: CHROMIUM_ARGS, ...options });
    let context = await launchProfile();
    let problems = await watch(context);
    let page = await context.newPage();
    await visitSettings(page, host.url);
    await untilControlled(page);
    await saveName(page, 'Robin Okafor');
    await context.close();
    assert.deepEqual(problems, [], 'the first visit reported problems');

    await host.stop();
    context = await launchProfile({ offline: true });
    problems = await watch(context);
    page = await context.newPage();
    await visitSettings(page, host.url);
    await expectName(page, 'Robin Okafor', 'a cold start offline shows the saved data');
    await context.close();
    assert.deepEqual(problems, [], 'the cold start reported problems');
  });

  it('offers an update without reloading, and reloads into it only when asked (U-01, U-02, U-05)', async () => {
    const host = newHost();
    await host.serve('dist');
    const v2 = deploy('deploy 2');
    const context = await browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    await visitSettings(page, host.url);
    await untilControlled(page);
    await saveName(page, 'Robin Okafor');
    const [v1Cache] = await appCaches(page);
    assert.ok(v1Cache, 'the first version has its cache');
    await page.evaluate(() => {
      window.stillTheFirstLoad = true;
    });

    // Deploy v2 on the same origin and let the open tab's worker find it.
    await host.serve(v2.dir);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.getByRole('status').filter({ hasText: 'A new version of Branch Out is ready' }).waitFor();
    await page.getByRole('button', { name: UPDATE }).waitFor();

    // The v1 tab keeps working on v1 and does not reload by itself.
    await page.getByRole('link', { name: 'Plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
    assert.doesNotMatch(await servedIndex(page), /deploy 2/, 'v1 is still what the worker serves');

    // U-05: the server now has only v2's files (v1's folder name is gone), yet a new tab gets
    // the whole v1 set from the cache, with no mismatch; it too offers the update.
    const tab = await context.newPage();
    await visitSettings(tab, host.url);
    await expectName(tab, 'Robin Okafor', 'a new tab during the update boots on v1');
    await tab.getByRole('button', { name: UPDATE }).waitFor();
    await tab.evaluate(() => {
      window.stillTheFirstLoad = true;
    });
    // Chromium swaps versions when the old worker goes idle; a request from a tab at that very
    // moment (this new tab fetches every screen's chunk in the background) starts the old
    // worker again, and the swap then waits for its ordinary idle timeout (about 30 s). The
    // banner says so; here the tab is left to finish first, so the reload comes promptly.
    await untilQuiet(tab);
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.stillTheFirstLoad), true, 'no reload before the librarian asks');

    // Accepting by keyboard reloads into v2.
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    const said = [];
    await page.exposeBinding('__said', (_source, text) => said.push(text));
    await page.evaluate(() => {
      const banner = () => document.querySelector('.banner.info')?.textContent ?? '';
      new MutationObserver(() => window.__said(banner())).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    const reloaded = page.waitForEvent('load');
    await tabTo(page, UPDATE);
    await page.keyboard.press('Enter');
    await reloaded;
    assert.ok(
      said.some((text) => text.includes('Updating… this tab reloads as soon as the new version has taken over.')),
      `the banner said it was updating: ${JSON.stringify(said)}`,
    );
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.equal(await page.evaluate(() => window.stillTheFirstLoad), undefined, 'the tab reloaded');
    assert.match(await servedIndex(page), /deploy 2/, 'v2 is what the worker serves now');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(loaded.some((url) => url.includes(`/${v2.loader}/`)), 'the tab runs v2 code');
    assert.equal(await page.getByRole('button', { name: UPDATE }).count(), 0);

    // U-02: exactly one Branch Out cache is left, v2's.
    const remaining = await appCaches(page);
    assert.equal(remaining.length, 1, `one cache left: ${remaining.join(', ')}`);
    assert.notEqual(remaining[0], v1Cache);

    // The other tab was not reloaded under the librarian; it still offers the reload.
    assert.equal(await tab.evaluate(() => window.stillTheFirstLoad), true, 'the other tab did not reload');
    await tab.getByRole('button', { name: UPDATE }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expectName(page, 'Robin Okafor', 'data intact after the update');
    await context.close();
    assert.deepEqual(problems, [], 'the pages reported problems');
  });

  it('keeps the installed version when an update cannot be fully downloaded (U-04)', async () => {
    const host = newHost();
    await host.serve('dist');
    const broken = deploy('deploy 3', { missing: 'icon-512.png' });
    const context = await browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    await visitSettings(page, host.url);
    await untilControlled(page);
    await saveName(page, 'Robin Okafor');
    const before = await appCaches(page);

    await host.serve(broken.dir);
    const outcome = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing;
      if (worker && worker.state !== 'redundant') {
        await new Promise((done) =>
          worker.addEventListener('statechange', () => worker.state === 'redundant' && done()),
        );
      }
      return { found: worker !== null, waiting: registration.waiting !== null };
    });
    assert.deepEqual(outcome, { found: true, waiting: false }, 'the new version was tried and dropped');
    assert.deepEqual(await appCaches(page), before, 'no half-filled cache is left');
    assert.equal(await page.getByRole('button', { name: UPDATE }).count(), 0);

    await host.stop();
    await context.setOffline(true);
    await page.reload();
    await expectName(page, 'Robin Okafor', 'the installed version still serves offline');
    assert.doesNotMatch(await servedIndex(page), /deploy 3/);
    await context.close();
    assert.deepEqual(problems, [], 'the pages reported problems');
  });
});

describe('without a service worker', () => {
  let host;
  after(async () => {
    await host?.stop();
  });

  it('starts and saves where service workers are missing or sw.js cannot be registered', async () => {
    const env = await start();
    try {
      const t = await open(env, {
        init: [() => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined })],
      });
      await visitSettings(t.page, env.base);
      await saveName(t.page, 'Robin Okafor');
      await t.done();
    } finally {
      await env.stop();
    }

    // A host that does not have sw.js: registration fails quietly.
    const dir = copyOfBuild();
    unlinkSync(join(dir, 'sw.js'));
    host = new Host();
    await host.serve(dir);
    const browser = await launch();
    try {
      const context = await browser.newContext();
      const problems = await watch(context);
      const page = await context.newPage();
      await visitSettings(page, host.url);
      await saveName(page, 'Robin Okafor');
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) ?? null), null);
      await context.close();
      // Chromium itself logs the failed script fetch, even though the app handles the refusal.
      const browserOwn = /^console error: A bad HTTP response code \(404\) was received when fetching the script\.$/;
      const unexpected = problems.filter((p) => !browserOwn.test(p));
      assert.deepEqual(unexpected, [], 'the page reported problems');
    } finally {
      await browser.close();
    }
  });
});

/** Replaces navigator.storage's answers before the app runs; counts persist() calls. */
function storageStub(kind) {
  return `(() => {
    // Only secure pages have a StorageManager (not the blank page a new tab starts on).
    if (!window.isSecureContext) return;
    window.persistCalls = 0;
    const kind = ${JSON.stringify(kind)};
    if (kind === 'missing') {
      Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true });
      return;
    }
    let granted = false;
    StorageManager.prototype.persisted = async () => granted;
    StorageManager.prototype.persist = function () {
      window.persistCalls += 1;
      if (kind === 'throws') throw new DOMException('blocked by policy', 'SecurityError');
      if (kind === 'rejects') return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
      granted = kind === 'grants';
      return Promise.resolve(kind === 'undefined' ? undefined : granted);
    };
  })();`;
}

describe('durable storage (S-16)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  for (const [kind, shown] of [
    ['refuses', MAY_CLEAR],
    ['throws', MAY_CLEAR],
    ['rejects', MAY_CLEAR],
    ['undefined', MAY_CLEAR],
    ['missing', MAY_CLEAR],
    ['grants', KEPT],
  ]) {
    it(`asks once after the first save and shows the answer when persist() ${kind}`, async () => {
      const t = await open(env, { init: [storageStub(kind)] });
      await visitSettings(t.page, env.base);
      const storageSection = t.page.getByRole('region', { name: 'Storage' });
      await storageSection.getByText(MAY_CLEAR).waitFor();
      assert.equal(await t.page.evaluate(() => window.persistCalls ?? 0), 0, 'nothing asked before a save');
      await saveName(t.page, 'Robin Okafor');
      await storageSection.getByText(shown).waitFor();
      await saveName(t.page, 'Robin O.');
      const calls = await t.page.evaluate(() => window.persistCalls);
      assert.equal(calls, kind === 'missing' ? 0 : 1, 'asked exactly once');
      await t.done();
    });
  }
});
