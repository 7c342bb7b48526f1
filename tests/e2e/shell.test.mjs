// The app shell in Chromium: boots cleanly, keyboard-reachable, accessible, keeps data.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoAxeViolations, gotoApp, open, saveName, start, storage, tabTo } from './harness.mjs';

const SCREENS = [
  ['Today', '#/today'],
  ['Plan', '#/plan'],
  ['Resources', '#/resources'],
  ['Share', '#/share'],
  ['Settings', '#/settings'],
];

describe('app shell', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('boots with no console error, no outside request and writes nothing on first run (S-01)', async () => {
    const t = await open(env);
    await gotoApp(env, t.page);
    await assert.doesNotReject(
      t.page.getByRole('heading', { level: 1, name: 'Today' }).waitFor(),
    );
    await t.page.getByRole('heading', { name: 'Welcome to Branch Out' }).waitFor();
    assert.equal(await t.page.title(), 'Today — Branch Out');
    assert.deepEqual(await storage(t.page), {}, 'nothing is written before the librarian acts');
    await t.done();
  });

  it('reaches every screen by keyboard alone', async () => {
    const t = await open(env);
    await gotoApp(env, t.page);
    // The skip link comes first and moves focus to the main content.
    await t.page.keyboard.press('Tab');
    const skip = t.page.getByRole('link', { name: 'Skip to main content' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement));
    await t.page.keyboard.press('Enter');
    assert.equal(await t.page.evaluate(() => document.activeElement?.id), 'main');

    // After each move focus is on the new heading, so the navigation is behind it.
    for (const [name, hash] of [...SCREENS.slice(1), SCREENS[0]]) {
      await tabTo(t.page, name, { backwards: true });
      await t.page.keyboard.press('Enter');
      await t.page.getByRole('heading', { level: 1, name }).waitFor();
      assert.ok(t.page.url().endsWith(hash), `${name} has its own address`);
      const current = t.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
      assert.equal(await current.getAttribute('aria-current'), 'page');
      // Focus moves in the frame after the new screen renders.
      await t.page
        .waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 2000 })
        .catch(() => assert.fail(`focus did not move to the new heading on ${name}`));
    }
    await t.done();
  });

  for (const scheme of ['light', 'dark']) {
    it(`has no axe violations on any screen (${scheme})`, async () => {
      const t = await open(env, { colorScheme: scheme });
      for (const [name, hash] of SCREENS) {
        await gotoApp(env, t.page, hash);
        await t.page.getByRole('heading', { level: 1, name }).waitFor();
        assert.equal(await t.page.getByRole('heading', { level: 1 }).count(), 1);
        await expectNoAxeViolations(t.page, `${name} (${scheme})`);
      }
      await t.done();
    });
  }

  it('keeps data across a reload', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    await t.page.getByLabel('Your name').fill('Robin Okafor');
    await t.page.getByLabel('Your role').fill('Teacher librarian');
    await t.page.getByRole('button', { name: 'Save profile' }).click();
    await t.page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    await t.page.reload();
    await t.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Robin Okafor');
    assert.equal(await t.page.getByLabel('Your role').inputValue(), 'Teacher librarian');
    await t.done();
  });

  it('says "Saved at" to the minute: a second change in the same minute is saved without drawing or announcing it again', async () => {
    const t = await open(env);
    // The page's clock stands still where it is set (timers run), so the minute is known.
    await t.page.clock.setFixedTime(new Date('2026-12-03T09:01:10Z'));
    await gotoApp(env, t.page, '#/settings');
    const status = t.page.getByRole('status').filter({ hasText: /^Saved at/ });
    await saveName(t.page, 'Robin');
    const first = await status.textContent();
    const expected = await t.page.evaluate(() => new Date().toLocaleString(undefined, {
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }));
    assert.equal(first, `Saved at ${expected}`);
    assert.doesNotMatch(first, /\d:\d\d:\d\d/, 'no seconds');
    // Watch the status line while a second change in the same minute is saved.
    await status.evaluate((line) => {
      window.statusMutations = 0;
      new MutationObserver((m) => { window.statusMutations += m.length; })
        .observe(line, { subtree: true, childList: true, characterData: true });
    });
    const before = await t.page.evaluate(() => localStorage.getItem('branch-out/v1/state.active'));
    await t.page.clock.setFixedTime(new Date('2026-12-03T09:01:50Z'));
    await saveName(t.page, 'Robin Okafor');
    assert.notEqual(await t.page.evaluate(() => localStorage.getItem('branch-out/v1/state.active')), before, 'saved');
    await t.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
    assert.equal(await t.page.evaluate(() => window.statusMutations), 0);
    assert.equal(await status.textContent(), first);
    // A minute later it says the new time.
    await t.page.clock.setFixedTime(new Date('2026-12-03T09:02:10Z'));
    await saveName(t.page, 'Robin Okafor, MLIS');
    await t.page.waitForFunction((was) => !document.body.innerText.includes(was), first);
    assert.notEqual(await status.textContent(), first);
    await t.done();
  });

  it('ships a strict Content-Security-Policy that fails closed when the loader changes (C-02)', async () => {
    const t = await open(env);
    await gotoApp(env, t.page);
    const policy = await t.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.match(policy, /default-src 'none'/);
    await t.done();

    // The same build with one byte of the inline loader changed must not run.
    const tampered = await open(env);
    await tampered.page.route(`${env.base}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('await init(', 'await  init(');
      await route.fulfill({ response, body });
    });
    await tampered.page.goto(`${env.base}/`);
    await tampered.page.waitForTimeout(1500);
    assert.equal(await tampered.page.getByRole('navigation', { name: 'Main' }).count(), 0, 'the app did not start');
    assert.ok(
      tampered.problems.some((p) => p.startsWith('CSP violation: script-src')),
      `a violation was reported: ${tampered.problems.join('; ')}`,
    );
    await tampered.context.close();
  });

  it('has a web app manifest with relative start URL and real icons', async () => {
    const t = await open(env);
    await gotoApp(env, t.page);
    const href = await t.page.getAttribute('link[rel="manifest"]', 'href');
    const manifest = await t.page.evaluate(async (h) => (await fetch(h)).json(), href);
    assert.equal(manifest.name, 'Branch Out');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, './');
    for (const size of ['192x192', '512x512']) {
      assert.ok(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png'), size);
    }
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    for (const icon of manifest.icons) {
      const status = await t.page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      assert.equal(status, 200, icon.src);
    }
    await t.done();
  });

  it('shows user text as text, never as HTML (X-05)', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    const hostile = '<img src=x onerror=alert(1)>';
    await t.page.getByLabel('Your name').fill(hostile);
    await t.page.getByRole('button', { name: 'Save profile' }).click();
    await t.page.reload();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), hostile);
    assert.equal(await t.page.locator('img').count(), 0);
    await t.done();
  });

  it('colours and dates follow the choices in Settings over the device, and are kept', async () => {
    // The device prefers light; the librarian chooses dark and Australian dates.
    const t = await open(env, { colorScheme: 'light' });
    const { page } = t;
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    await gotoApp(env, page, '#/settings');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByRole('group', { name: 'Colours' }).getByLabel('Dark').check();
    await page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor !== before, light);
    await page.getByRole('group', { name: 'Dates' }).getByLabel(/English \(Australia\)/).check();
    await page.locator('html[lang="en-AU"]').waitFor({ state: 'attached' });
    await expectNoAxeViolations(page, 'Settings, dark chosen on a light device');
    // Any other change leaves the page's root alone: setting `lang` again, even to the same
    // value, makes the browser work out the style of the whole page, on every change.
    await page.evaluate(() => {
      window.rootChanges = [];
      new MutationObserver((m) => window.rootChanges.push(...m.map((r) => r.attributeName)))
        .observe(document.documentElement, { attributes: true });
    });
    const stored = async () => (await storage(page))['branch-out/v1/state.active'];
    const before = await stored();
    await page.getByRole('group', { name: 'Weeks start on' }).getByLabel('Sunday').check();
    await page.waitForFunction((b) => localStorage.getItem('branch-out/v1/state.active') !== b, before);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    assert.deepEqual(await page.evaluate(() => window.rootChanges), [], 'a change to the week sets nothing on the root');
    // The next start takes the colours before the app has loaded (no flash of the device's).
    await t.context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.themeBeforeTheApp = document.documentElement.getAttribute('data-theme');
      });
    });
    await page.reload();
    assert.equal(await page.evaluate(() => window.themeBeforeTheApp), 'dark');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.ok(await page.getByRole('group', { name: 'Colours' }).getByLabel('Dark').isChecked());
    assert.notEqual(await background(), light);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-AU');
    // Paper stays white with dark text, whatever the screen shows.
    const printed = async () => {
      await page.emulateMedia({ media: 'print' });
      // A link: it takes the palette's link colour, where plain text takes the print rule's black.
      const colour = await page.evaluate(() => getComputedStyle(document.querySelector('a')).color);
      await page.emulateMedia({ media: 'screen' });
      const [r, g, b] = colour.match(/\d+/g).map(Number);
      return (r + g + b) / 3;
    };
    assert.ok((await printed()) < 100, 'printed text is dark in the dark theme');
    // And back to the device's own setting.
    await page.getByRole('group', { name: 'Colours' }).getByLabel('As the device is set').check();
    await page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor === before, light);
    assert.equal((await storage(page))['branch-out/v1/look'], undefined, 'following the device keeps no copy');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.ok((await printed()) < 100, 'printed text is dark on a dark device');
    await t.done();
  });
});
