// The release build as a district would host it: Debian's nginx, under /branch-out/, gzip only,
// with the location block README recommends (docs/hosting/nginx.conf). Also the split's
// promises: a first visit fetches only the start of the app; after one visit to Today, with
// the server gone, every screen and dialog opens and every format imports and downloads
// (the service worker precached every chunk); and a chunk that can't be fetched says so with
// Try again, never a blank screen.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, launch, watch } from './harness.mjs';
import { startNginx } from './nginx.mjs';

const FIXTURE = new URL('../fixtures/export-v1.json', import.meta.url);

function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Opens the dialog `button` names, checks its heading, and closes it with `close`. */
async function openDialog(page, button, title, close = 'Cancel') {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: close, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** nginx and a browser for the tests of one `describe`, started before them, stopped after. */
function hosted() {
  const env = {};
  before(async () => {
    env.server = await startNginx('dist');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

describe('hosted on nginx under a sub-path, gzip only', () => {
  const env = hosted();

  it('serves the start of the app compressed, with the right types and cache headers', async () => {
    const context = await env.browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${env.server.base}/`);
    await heading(page, 'Today');
    await page.getByRole('button', { name: 'Start with an empty plan' }).waitFor();

    const document = responses.find((r) => r.url() === `${env.server.base}/`);
    const headers = await document.allHeaders();
    assert.equal(headers['content-encoding'], 'gzip');
    assert.equal(headers['cache-control'], 'no-cache');
    assert.equal(headers['content-security-policy'], "frame-ancestors 'none'");
    assert.equal(headers['x-content-type-options'], 'nosniff');

    const wasm = responses.filter((r) => r.url().endsWith('.wasm'));
    assert.equal(wasm.length, 1, `Today fetches one wasm: ${wasm.map((r) => r.url()).join(', ')}`);
    assert.match(wasm[0].url(), /\/branch-out\/app-[0-9a-f]{16}\/main_bg\.wasm$/);
    const wasmHeaders = await wasm[0].allHeaders();
    assert.equal(wasmHeaders['content-type'], 'application/wasm');
    assert.equal(wasmHeaders['content-encoding'], 'gzip');
    assert.match(wasmHeaders['cache-control'], /immutable/);

    const sw = await page.evaluate(async () => {
      const r = await fetch('./sw.js', { cache: 'no-store' });
      return { type: r.headers.get('content-type'), cache: r.headers.get('cache-control') };
    });
    assert.match(sw.type, /javascript/);
    assert.equal(sw.cache, 'no-cache');

    // Opening another screen fetches its chunk then, not before.
    await nav(page, 'Plan').click();
    await heading(page, 'Plan');
    assert.ok(
      responses.some((r) => /\/split_plan\.wasm$/.test(r.url())),
      'the Plan screen came as its own chunk',
    );
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('after one visit to Today, every screen, dialog, import and download works with the server gone', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const problems = await watch(context);
    const page = await context.newPage();
    await page.goto(`${env.server.base}/`);
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    await heading(page, 'Today');
    // The worker installed with every file of the build, chunks included, before going offline.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    const cached = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('branch-out '));
      const cache = await caches.open(names[0]);
      return (await cache.keys()).map((r) => r.url);
    });
    assert.ok(cached.some((u) => u.endsWith('/split_share.wasm')), 'the Share chunk is precached');

    await env.server.stop();
    env.server = null;
    await context.setOffline(true);

    await openDialog(page, 'Log a connection', 'Log a connection');
    await nav(page, 'Plan').click();
    await heading(page, 'Plan');
    await openDialog(page, 'Add goal', 'Add a goal');
    await nav(page, 'Resources').click();
    await heading(page, 'Resources');
    await openDialog(page, 'Add resource', 'Add a resource');
    await page.getByRole('button', { name: 'Add to my shelf: OzTLNet (OZTL_NET)' }).click();
    await page.getByText('1 resource on your shelf.').waitFor();
    await nav(page, 'Settings').click();
    await heading(page, 'Settings');
    await openDialog(page, 'Erase everything…', 'Erase everything on this device?');

    await nav(page, 'Share').click();
    await heading(page, 'Share and back up');
    await page.getByLabel('Choose a file to import').setInputFiles({
      name: 'plan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await readFile(FIXTURE, 'utf8')),
    });
    const preview = page.getByRole('dialog');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await preview.waitFor({ state: 'hidden' });
    const backup = await download(page, 'Back up everything');
    assert.equal(JSON.parse(backup.text).format, 'branch-out-export');
    assert.match((await download(page, 'Download bookmarks (HTML)')).text, /^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
    assert.match((await download(page, 'Download calendar (.ics)')).text, /^BEGIN:VCALENDAR/);
    assert.match((await download(page, 'Download spreadsheet (CSV)')).text, /Title,Address,Kind/);
    await page.getByRole('link', { name: 'Print the plan' }).click();
    await heading(page, 'My connection plan');
    await context.close();
    assert.deepEqual(problems, []);
  });
});

describe('a chunk that cannot be fetched', () => {
  const env = hosted();

  it('says so with Try again, keeps the data, and opens the screen once the network answers', async () => {
    // A first visit on a network that drops the Plan chunk, with no service worker to help.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const problems = await watch(context);
    const page = await context.newPage();
    let failing = true;
    await page.route(/\/split_plan\.wasm$/, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${env.server.base}/`);
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    await heading(page, 'Today');

    await nav(page, 'Plan').click();
    await heading(page, "This part of Branch Out didn't load");
    await page.getByRole('alert').filter({ hasText: 'Your data is safe on this device' }).waitFor();
    await expectNoAxeViolations(page, 'a screen whose chunk did not load');
    await page.getByRole('button', { name: 'Try again' }).click();
    await heading(page, "This part of Branch Out didn't load");

    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await heading(page, 'Plan');
    await page.getByRole('button', { name: 'Add goal' }).waitFor();
    await context.close();
    // The browser reports each refused fetch on the console; nothing else may go wrong.
    const unexpected = problems.filter((p) => !/split_plan\.wasm|Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
