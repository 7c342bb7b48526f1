// Shared e2e setup: the release build served on 127.0.0.1, Debian's Chromium through
// playwright-core, and the checks every test gets for free (no console errors, no uncaught
// errors, no dialogs, no request leaving 127.0.0.1).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium, headless, with the flags every test uses. */
export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Launches Debian's Chromium with the project's flags. */
export function launch() {
  return chromium.launch({ executablePath: CHROME, args: CHROMIUM_ARGS });
}

/** Starts the server and browser; returns helpers. Call `stop()` in `after`. */
export async function start(dist = 'dist') {
  const server = await startServer(dist);
  const browser = await launch();
  return {
    base: server.url,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Attaches the standing checks to `context` and every page it has or opens (new tabs too):
 * CSP violations, console errors, uncaught errors, dialogs and requests leaving 127.0.0.1 are
 * pushed to the returned list, which a test must find empty.
 */
export async function watch(context) {
  const problems = [];
  // Every Content-Security-Policy violation on any page of the test is a failure (C-01).
  await context.exposeBinding('__reportCspViolation', (_source, v) => problems.push(`CSP violation: ${v}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  const attach = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog fired: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    page.on('request', (r) => {
      const url = new URL(r.url());
      // A mailto: link hands over to the mail app; it is not network use.
      if (!['data:', 'blob:', 'about:', 'mailto:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
        problems.push(`request left 127.0.0.1: ${r.url()}`);
      }
    });
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  return problems;
}

/**
 * A fresh context and page with the standing checks attached. `init` scripts run before the
 * app on every navigation (use them for storage fault injection).
 */
export async function open(env, { init = [], colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ colorScheme, acceptDownloads: true });
  const problems = await watch(context);
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  return {
    context,
    page,
    problems,
    /** Asserts nothing went wrong, then closes the context. */
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'the page reported problems');
    },
  };
}

/** Loads the app at `hash` and waits for it to render. */
export async function gotoApp(env, page, hash = '#/today') {
  await page.goto(`${env.base}/${hash}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  // Screens other than Today arrive as chunks: wait until the screen itself is drawn.
  await page.locator('main h1').first().waitFor();
}

/** Runs before the app: seeds localStorage from a same-origin page that isn't the app. */
export async function seed(env, page, entries) {
  // A blank same-origin page, answered by the test itself, so the app never runs before seeding.
  await page.route(`${env.base}/__seed`, (r) =>
    r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }),
  );
  await page.goto(`${env.base}/__seed`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

/** Every key and value in localStorage. */
export function storage(page) {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
}

/** Reads text packed by the store (src/store/pack.rs): 15 bits a character from U+0020, deflated. */
function unpack(text, len) {
  const bytes = Buffer.alloc(len);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of text) {
    acc = ((acc << 15) | (c.codePointAt(0) - 0x20)) & 0x3fffff;
    bits += 15;
    while (bits >= 8 && n < len) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 0xff;
    }
  }
  return inflateRawSync(bytes).toString('utf8');
}

/**
 * The state the store's active generation holds, read here independently of the app from the
 * stored strings `all` (see README "How storage behaves"): `{ schema, rev, data }`, with `data`
 * the whole state whatever the schema (blocks put back in order).
 */
export function storedState(all) {
  const slot = JSON.parse(all['branch-out/v1/state.active']).slot;
  const envelope = JSON.parse(all[`branch-out/v1/state.${slot}`]);
  let data = envelope.data;
  if (envelope.schema === 4) {
    data = JSON.parse(JSON.stringify(data.state));
    for (const [list, names] of Object.entries(envelope.data.blocks)) {
      data[list] = [];
      for (const name of names) {
        const text = all[`branch-out/v1/block.${name}`];
        assert.ok(text !== undefined, `block ${name} is stored`);
        const colon = text.indexOf(':');
        data[list].push(...JSON.parse(unpack(text.slice(colon + 1), Number(text.slice(0, colon))))[list]);
      }
    }
    if (data.people.length === 0) delete data.people;
  } else if (envelope.packed !== undefined) {
    data = JSON.parse(unpack(data, envelope.packed));
  }
  return { schema: envelope.schema, rev: envelope.rev, data };
}

/** Runs axe-core on the page; fails with the violations listed. */
export async function expectNoAxeViolations(page, label) {
  // page.evaluate goes through the DevTools protocol, so no script is injected into the page.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  assert.deepEqual(found, [], `axe found problems on ${label}`);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible text is `name`; fails
 * after 40 presses.
 */
export async function tabTo(page, name, { backwards = false } = {}) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : '';
    });
    if (focused === name) return;
  }
  assert.fail(`could not reach "${name}" with the Tab key`);
}

/** Waits (up to 2 s) until the focused element's text or aria-label is `name`. */
export async function expectFocusOn(page, name, why) {
  await page
    .waitForFunction(
      (n) => {
        const el = document.activeElement;
        return el && (el.getAttribute('aria-label') || el.textContent || '').trim() === n;
      },
      name,
      { timeout: 2000 },
    )
    .catch(async () => {
      const actual = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
      assert.fail(`${why}: focus is on ${actual}, not "${name}"`);
    });
}

/** Opens Settings at `base` and waits for its heading. */
export async function visitSettings(page, base) {
  await page.goto(`${base}/#/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

/** Saves `name` as the librarian's name in Settings; unless `wait` is false, waits until it is stored. */
export async function saveName(page, name, { wait = true } = {}) {
  await page.getByLabel('Your name').fill(name);
  const active = 'branch-out/v1/state.active';
  const before = wait ? await page.evaluate((k) => localStorage.getItem(k), active) : null;
  await page.getByRole('button', { name: 'Save profile' }).click();
  if (!wait) return;
  // The save follows the paint, and "Saved at" may still be showing from the save before, so
  // the pointer moving is what says this one is stored.
  await page.waitForFunction(([k, b]) => localStorage.getItem(k) !== b, [active, before]);
  await page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
}

/** Fills and saves the Add a resource dialog on the shelf; returns the dialog (closed when saved). */
export async function addResource(page, fields) {
  await page.getByRole('button', { name: 'Add resource' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a resource' });
  await dialog.getByLabel('Title').fill(fields.title);
  if (fields.url) await dialog.getByLabel('Web address (optional)').fill(fields.url);
  if (fields.kind) await dialog.getByLabel('Kind').selectOption({ label: fields.kind });
  if (fields.tags) await dialog.getByLabel('Tags (separated by commas)').fill(fields.tags);
  if (fields.notes) await dialog.getByLabel('Notes (optional)').fill(fields.notes);
  if (fields.next) await dialog.getByLabel('Next date (meeting, webinar, renew by)').fill(fields.next);
  if (fields.nextLabel) await dialog.getByLabel("What's on that date").fill(fields.nextLabel);
  await dialog.getByRole('button', { name: 'Save resource' }).click();
  return dialog;
}
