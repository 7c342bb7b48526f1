// What the rest of the device hands Branch Out, in Chromium: a web page shared to it (the
// manifest's share target), a file shared to it (a multipart POST the service worker answers,
// also offline), a file opened with it (the launch queue), and the manifest passing Chromium's
// installability check. Each ends in the same forms and preview as inside the app, and nothing
// is saved until the librarian says so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import {
  CHROME,
  CHROMIUM_ARGS,
  expectNoAxeViolations,
  gotoApp,
  launch,
  open,
  saveName,
  storage,
  watch,
} from './harness.mjs';

const FIXTURE = new URL('../fixtures/export-v1.json', import.meta.url);

/** Waits until the service worker controls the page (the first install claims it). */
async function untilControlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
}

/** The Branch Out keys in localStorage that hold the librarian's data. */
async function stored(page) {
  return Object.keys(await storage(page)).filter((k) => k.startsWith('branch-out/')).length;
}

describe('arrivals from the device', () => {
  let env;
  before(async () => {
    const server = await startServer('dist');
    env = { base: server.url, browser: await launch(), server };
  });
  after(async () => {
    await env?.browser.close();
    await env?.server.close();
  });

  it('a page shared to Branch Out opens Add resource filled in, and nothing is saved until Save', async () => {
    const t = await open(env);
    const { page } = t;
    // As the share sheet sends it (Android apps put the address in the text).
    const query = new URLSearchParams({ title: '', text: 'SLJ Summit registration https://www.slj.com/summit.', url: '' });
    await page.goto(`${env.base}/?${query}`);
    const dialog = page.getByRole('dialog', { name: 'Add a resource' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Title').inputValue(), 'SLJ Summit registration');
    assert.equal(await dialog.getByLabel('Web address (optional)').inputValue(), 'https://www.slj.com/summit');
    assert.equal(new URL(page.url()).search, '', 'the shared page is taken off the address');
    await expectNoAxeViolations(page, 'Add resource from a shared page');
    assert.equal(await stored(page), 0, 'nothing is saved before Save');
    await dialog.getByRole('button', { name: 'Save resource' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('1 resource on your shelf.').waitFor();

    // Shared again: the duplicate check applies and nothing is added.
    await page.goto(`${env.base}/?${new URLSearchParams({ title: 'Summit', url: 'https://slj.com/summit' })}`);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Save resource' }).click();
    await dialog.getByText('is already on your shelf at that address').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('1 resource on your shelf.').waitFor();

    // A reload does not offer it again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Resources' }).waitFor();
    await page.getByText('1 resource on your shelf.').waitFor();
    assert.equal(await dialog.count(), 0);
    await t.done();
  });

  it('a file shared to Branch Out reaches the import preview through the service worker, also offline', async () => {
    const server = await startServer('dist');
    const context = await env.browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/today`);
    await untilControlled(page);
    // The share sheet posts a form; this page stands in for it (the app's own pages allow no
    // form to be sent).
    await page.route(`${server.url}/__share`, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>share sheet</title>
          <form method="post" enctype="multipart/form-data" action="./share-target">
            <input type="file" name="file" aria-label="file"><input name="title" aria-label="title">
            <input name="text" aria-label="text"><input name="url" aria-label="url">
            <button>Share</button></form>`,
      }),
    );
    await page.goto(`${server.url}/__share`);
    await server.close();
    await context.setOffline(true);
    await page.getByLabel('file').setInputFiles({
      name: 'plan from Sam.json',
      mimeType: 'application/json',
      buffer: await readFile(FIXTURE),
    });
    await page.getByRole('button', { name: 'Share' }).click();
    const preview = page.getByRole('dialog');
    await preview.getByRole('heading', { name: 'Import from Sam Lee, Teacher librarian' }).waitFor();
    assert.equal(new URL(page.url()).search, '', 'the address no longer offers the file');
    assert.equal(await stored(page), 0, 'nothing is stored before Import');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 7 new items' }).waitFor();
    // The kept copy is gone once read.
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const shared = names.filter((n) => n.startsWith('branch-out-shared '));
      return (await Promise.all(shared.map(async (n) => (await (await caches.open(n)).keys()).length))).reduce((a, b) => a + b, 0);
    });
    assert.equal(kept, 0, 'no shared file is left in the cache');

    // A web page shared the same way (title and address, no file) opens Add resource.
    await page.goto(`${server.url}/__share`);
    await page.getByLabel('title').fill('SLJ Summit');
    await page.getByLabel('url').fill('https://www.slj.com/summit');
    await page.getByRole('button', { name: 'Share' }).click();
    const add = page.getByRole('dialog', { name: 'Add a resource' });
    await add.waitFor();
    assert.equal(await add.getByLabel('Title').inputValue(), 'SLJ Summit');
    assert.equal(await add.getByLabel('Web address (optional)').inputValue(), 'https://www.slj.com/summit');
    assert.equal(new URL(page.url()).search, '');
    await add.getByRole('button', { name: 'Cancel' }).click();
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('a shared file that went missing, or is not a Branch Out file, says so and changes nothing', async () => {
    const t = await open(env);
    const { page } = t;
    await page.goto(`${env.base}/?shared-file=kept#/share`);
    await page.getByText('The shared file could not be read. Share it again, or choose it below.').waitFor();
    assert.equal(new URL(page.url()).search, '');
    await page.goto(`${env.base}/?shared-file=lost#/share`);
    await page.getByText('The shared file could not be kept on this device. Share it again, or choose it below.').waitFor();
    assert.equal(await stored(page), 0);
    await t.done();
  });

  it('a file opened with Branch Out (launch queue) opens the import preview', async () => {
    const t = await open(env, {
      init: [
        () => {
          // The installed app's launch queue, holding one file from the Files app.
          window.__launched = new Promise((resolve) => {
            Object.defineProperty(window, 'launchQueue', {
              configurable: true,
              value: { setConsumer: (consumer) => resolve(consumer) },
            });
          });
        },
      ],
    });
    const { page } = t;
    await gotoApp(env, page);
    const text = await readFile(FIXTURE, 'utf8');
    await page.evaluate(async (text) => {
      // A real file handle, from the origin-private file system.
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('Sam plan.json', { create: true });
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
      (await window.__launched)({ files: [handle] });
    }, text);
    const preview = page.getByRole('dialog');
    await preview.getByRole('heading', { name: 'Import from Sam Lee, Teacher librarian' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();
    await preview.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await stored(page), 0, 'nothing is stored when the preview is cancelled');
    await t.done();
  });

  it('a share link copied in one browser opens the preview in another, imports, and is then gone from the address', async () => {
    const sender = await open(env);
    await sender.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    let page = sender.page;
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'Robin Okafor');
    await gotoApp(env, page, '#/share');
    await page.getByLabel('Choose a file to import').setInputFiles({
      name: 'plan.json',
      mimeType: 'application/json',
      buffer: await readFile(FIXTURE),
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 7 new items' }).waitFor();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByText('Share link copied.').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, new RegExp(`^${env.base}/#/import/z[A-Za-z0-9_-]+$`));
    assert.ok(link.length <= 2000, `${link.length} characters`);
    await sender.done();

    const receiver = await open(env);
    page = receiver.page;
    await page.goto(link);
    const preview = page.getByRole('dialog');
    await preview.getByRole('heading', { name: 'Import from Robin Okafor' }).waitFor();
    await preview.getByText('2 goals: 2 new').waitFor();
    assert.equal(new URL(page.url()).hash, '#/share', 'the link is taken off the address');
    assert.equal(await stored(page), 0, 'nothing is stored before Import');
    await expectNoAxeViolations(page, 'the preview of a share link');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^Imported/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('dialog').count(), 0, 'a reload does not offer it again');
    await page.goBack().catch(() => {});
    assert.ok(!page.url().includes('#/import/'), 'nor does Back');
    await receiver.done();

    // Tampered links change nothing and say why.
    const payload = link.split('#/import/')[1];
    const flipped = (i) => payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    const cases = [
      [flipped(Math.floor(payload.length / 2)), 'This share link is damaged'],
      [payload.slice(0, payload.length - 7), 'This share link is damaged'],
      ['z' + 'A'.repeat(70_000), 'This share link is far longer than Branch Out makes them'],
    ];
    for (const [bad, said] of cases) {
      const t = await open(env);
      await t.page.goto(`${env.base}/#/import/${bad}`);
      await t.page.getByText(said).waitFor();
      assert.equal(await t.page.getByRole('dialog').count(), 0);
      assert.equal(await stored(t.page), 0, `nothing stored for ${said}`);
      await t.done();
    }
  });

  it('says once what installing adds where the browser offers it, and never again once put away', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    const heading = page.getByRole('heading', { name: 'Install Branch Out on this device' });
    assert.equal(await heading.count(), 0, 'no note where the browser does not offer to install');
    // The browser's offer, as Chromium fires it for an installable site.
    const offer = () =>
      page.evaluate(() => {
        const event = new Event('beforeinstallprompt', { cancelable: true });
        event.prompt = async () => {
          window.prompted = (window.prompted ?? 0) + 1;
        };
        event.userChoice = Promise.resolve({ outcome: 'accepted' });
        dispatchEvent(event);
        return event.defaultPrevented;
      });
    assert.equal(await offer(), true, 'the browser’s own bar is held back');
    await heading.waitFor();
    await page.getByText('appears in the share sheet').waitFor();
    await expectNoAxeViolations(page, 'the note about installing');
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    await page.getByText('Branch Out is installed on this device.').waitFor();
    assert.equal(await page.evaluate(() => window.prompted), 1);
    await heading.waitFor({ state: 'hidden' });

    // Offered again (say, after uninstalling): No thanks puts it away for good.
    await offer();
    await heading.waitFor();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await heading.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();
    await offer();
    await page.waitForTimeout(300);
    assert.equal(await heading.count(), 0, 'put away stays away');
    assert.equal(await page.evaluate(() => window.prompted ?? 0), 0);
    await t.done();
  });

  it('passes Chromium’s installability check, with the share target and file handlers', async () => {
    // A profile on disk: Chromium never offers to install from an incognito-like context.
    const profile = mkdtempSync(join(tmpdir(), 'branch-out-install-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROME, args: CHROMIUM_ARGS });
    try {
      const problems = await watch(context);
      const page = await context.newPage();
      await gotoApp(env, page);
      await untilControlled(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
      const manifest = await page.evaluate(async () => (await fetch('./manifest.webmanifest')).json());
      assert.equal(manifest.share_target.action, './share-target');
      assert.deepEqual(Object.keys(manifest.file_handlers[0].accept).sort(), ['application/json', 'text/html', 'text/vcard']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
