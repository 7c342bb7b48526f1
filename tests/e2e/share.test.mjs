// Sharing in Chromium: export, import through the preview, undo, conflicts, hostile files,
// drop and paste, email fallback, and import in recovery (RELIABILITY.md I-03…I-07, X-05, X-09,
// S-03, S-14).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, gotoApp, open, seed, start, storage, storedState } from './harness.mjs';

const FIXTURE = new URL('../fixtures/export-v1.json', import.meta.url);

async function fixture() {
  return readFile(FIXTURE, 'utf8');
}

/** Chooses `text` as the file to import, named `name`. */
async function chooseFile(page, text, name = 'plan.json') {
  await page.getByLabel('Choose a file to import').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

/** A link in the main navigation. */
function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

function previewDialog(page) {
  return page.getByRole('dialog');
}

async function importAll(page) {
  const dialog = previewDialog(page);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('sharing', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('backs up, survives a wiped device, restores through the preview, and undoes exactly', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    await chooseFile(page, await fixture());
    const dialog = previewDialog(page);
    await dialog.getByRole('heading', { name: 'Import from Sam Lee, Teacher librarian' }).waitFor();
    await dialog.getByText('3 resources: 3 new, 0 already here, 0 different').waitFor();
    await expectNoAxeViolations(page, 'the import preview');
    await importAll(page);
    await page.getByRole('status').filter({ hasText: 'Imported 7 new items' }).waitFor();

    // Back up everything: a file in format 1 with all of it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Back up everything' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^branch-out-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = await readFile(await download.path(), 'utf8');
    const file = JSON.parse(backup);
    assert.equal(file.format, 'branch-out-export');
    assert.equal(file.format_version, 1);
    assert.deepEqual(file.counts, { goals: 2, check_ins: 2, resources: 3 });
    await page.getByText('Last backed up today.').waitFor();

    // The browser's data is cleared (S-14, as a policy or the librarian would): the greeting
    // offers the backup.
    const cdp = await t.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: env.base,
      storageTypes: 'local_storage,indexeddb,cache_storage,service_workers',
    });
    assert.deepEqual(await storage(page), {}, 'the origin was wiped');
    await page.evaluate(() => {
      location.hash = '#/today';
    });
    await page.reload();
    await page.getByText('No data on this device').waitFor();
    await page.getByRole('link', { name: 'Import your latest backup' }).click();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();
    await chooseFile(page, backup, download.suggestedFilename());
    await dialog.getByText('2 goals: 2 new, 0 already here, 0 different').waitFor();
    await importAll(page);

    await nav(page, 'Plan').click();
    await page.getByRole('heading', { name: 'Reach out to one colleague' }).waitFor();
    await nav(page, 'Resources').click();
    await page.getByRole('heading', { name: 'OzTLNet (oztlnet.com)' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /District library network/ }).waitFor();

    // Undo the import: back to exactly nothing.
    await nav(page, 'Share').click();
    await chooseFile(
      page,
      JSON.stringify({
        format: 'branch-out-export',
        format_version: 1,
        exported_at: '2026-11-25T10:00:00Z',
        exported_by: 'Alex Kim',
        contents: { resources: [{ id: 'new1', title: 'ALIA Schools', url: 'https://www.alia.org.au/', kind: 'association', added: '2026-11-01' }] },
      }),
    );
    await dialog.getByText('Resource: ALIA Schools').waitFor();
    const before = await storage(page);
    const beforeState = storedState(before).data;
    await importAll(page);
    await page.getByRole('button', { name: 'Undo that import' }).click();
    await page.getByText('The import was undone.').waitFor();
    const afterUndo = await storage(page);
    const afterState = storedState(afterUndo).data;
    assert.deepEqual(afterState, beforeState, 'undo puts back exactly what was there');
    await t.done();
  });

  it('I-03 and I-04: your own file changes nothing; a colleague\'s edit is shown side by side and kept unless picked', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    const text = await fixture();
    await chooseFile(page, text);
    await importAll(page);
    await chooseFile(page, text);
    const dialog = previewDialog(page);
    await dialog.getByText('Everything in this file is already here.').waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Import', exact: true }).count(), 0);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const theirs = JSON.parse(text);
    theirs.contents.resources[0].title = 'OzTLNet (the Australian list)';
    theirs.contents.settings.week_start = 'sunday';
    theirs.contents.settings.locale = 'en-US';
    await chooseFile(page, JSON.stringify(theirs));
    const table = dialog.getByRole('table', { name: 'Resource: OzTLNet' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Title/ });
    assert.deepEqual(await row.getByRole('cell').allTextContents(), ['OzTLNet', 'OzTLNet (the Australian list)']);
    // Settings are compared in words, as the Settings screen names them.
    const settings = dialog.getByRole('table', { name: 'Settings' });
    const cells = async (name) => settings.getByRole('row', { name }).getByRole('cell').allTextContents();
    assert.deepEqual(await cells(/Week starts/), ['Monday', 'Sunday']);
    assert.deepEqual(await cells(/Dates/), ['English (Australia)', 'English (United States)']);
    await expectNoAxeViolations(page, 'a conflict in the import preview');
    // Nothing applied before confirming; Cancel leaves everything as it was.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await nav(page, 'Resources').click();
    await page.getByRole('heading', { name: 'OzTLNet (oztlnet.com)' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: /the Australian list/ }).count(), 0);

    await nav(page, 'Share').click();
    await chooseFile(page, JSON.stringify(theirs));
    await dialog.getByLabel('Use theirs for “OzTLNet”').check();
    await importAll(page);
    await nav(page, 'Resources').click();
    await page.getByRole('heading', { name: /the Australian list/ }).waitFor();
    await t.done();
  });

  it('refuses files that are not exports, too big, or hostile, and changes nothing', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    const alert = page.getByRole('alert').filter({ hasText: /./ });
    for (const text of ['[]', '"hello"', 'null', '{"encrypted":false,"items":[]}']) {
      await chooseFile(page, text);
      await alert.filter({ hasText: "This file isn't a Branch Out export." }).waitFor();
    }
    await chooseFile(page, (await fixture()).replace('"format_version": 1', '"format_version": 9'));
    await alert.filter({ hasText: 'newer version of Branch Out' }).waitFor();
    // too big is refused before reading.
    await page.getByLabel('Choose a file to import').setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(11 * 1024 * 1024, 32),
    });
    await alert.filter({ hasText: 'This file is 11.0 MB; Branch Out reads files up to 10.0 MB.' }).waitFor();
    assert.deepEqual(
      Object.keys(await storage(page)).filter((k) => k.startsWith('branch-out/')),
      [],
      'nothing was written',
    );

    // markup stays text, a script link never arrives.
    const hostile = {
      format: 'branch-out-export',
      format_version: 1,
      exported_at: '2026-11-25T10:00:00Z',
      exported_by: '<b>Mallory</b>',
      contents: {
        resources: [
          { id: 'x1', title: '<img src=x onerror=alert(1)>', notes: '<script>alert(1)</script>', url: 'https://example.org/"onmouseover="alert(1)', kind: 'other', added: '2026-11-01' },
          { id: 'x2', title: 'Click me', url: 'javascript:alert(1)', kind: 'other', added: '2026-11-01' },
        ],
      },
    };
    await chooseFile(page, JSON.stringify(hostile));
    const dialog = previewDialog(page);
    await dialog.getByText('Resource 2 “Click me”: unsupported link type “javascript:” — only http and https links are allowed').waitFor();
    await importAll(page);
    await nav(page, 'Resources').click();
    await page.getByRole('heading', { name: /<img src=x onerror=alert\(1\)>/ }).waitFor();
    assert.equal(await page.locator('main img').count(), 0, 'no element was created from the title');
    assert.equal(await page.getByRole('link', { name: /Click me/ }).count(), 0);
    const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => h.startsWith('#') || h.startsWith('https://') || h.startsWith('http://')), hrefs.join(' '));
    await t.done();
  });

  it('imports a dropped file and pasted text', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/plan');
    const text = await fixture();
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    const dialog = previewDialog(page);
    await dialog.getByText('2 goals: 2 new').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();

    await page.getByLabel("Or paste a file's text").fill(text);
    await page.getByRole('button', { name: 'Read pasted text' }).click();
    await dialog.getByText('2 goals: 2 new').waitFor();
    await importAll(page);
    await nav(page, 'Plan').click();
    await page.getByRole('heading', { name: 'Post on a state list' }).waitFor();
    await t.done();
  });

  it('shares by email where files cannot be shared: a share link when it fits, else downloads the file and builds the mail', async () => {
    const t = await open(env);
    const { page } = t;
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await gotoApp(env, page, '#/share');
    // Sam's file, with 60 more resources at addresses that do not compress.
    const big = JSON.parse(await fixture());
    for (let i = 0; i < 60; i++) {
      const tail = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
      big.contents.resources.push({
        id: `r3${String(i).padStart(30, '0')}`,
        title: `Network ${i}`,
        url: `https://example.org/${tail}`,
        kind: 'toolkit',
        tags: [],
        scope: 'national',
        membership: 'not-joined',
        added: '2026-09-02',
      });
    }
    big.counts.resources += 60;
    await chooseFile(page, JSON.stringify(big));
    await importAll(page);
    await page.getByRole('checkbox', { name: 'Check-in log' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Check-in log' }).isChecked(), false, 'the log is off by default');
    const mail = page.getByRole('link', { name: 'Open an email with the summary' });

    // One kind of resource fits in a share link: the email carries it and nothing downloads.
    await page.getByLabel('Resources', { exact: true }).selectOption({ label: 'Only one kind' });
    await page.getByLabel('Kind to share').selectOption({ label: 'Email list' });
    await page.getByText('The file will hold 2 goals, 1 resource.').waitFor();
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Share by email' }).click();
    await page.getByText('An email with a share link opens; send it as it is.').waitFor();
    const linked = decodeURIComponent(await mail.getAttribute('href'));
    assert.match(linked, new RegExp(`Open it in Branch Out with this link\\.[^]*\\r\\n${env.base}/#/import/z[A-Za-z0-9_-]+\\r\\n$`));
    assert.ok(!linked.includes('attached'), linked);
    assert.equal(downloads, 0, 'nothing to attach, so nothing is downloaded');

    // Everything is too much for a link: the file is downloaded, and the email names where
    // Branch Out is and tells the sender to attach it.
    await page.getByLabel('Resources', { exact: true }).selectOption({ label: 'All resources' });
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByText('That is too much for a share link (a link holds up to 2,000 characters).').waitFor();
    await page.getByLabel('Resources', { exact: true }).selectOption({ label: 'Only one kind' });
    await page.getByLabel('Kind to share').selectOption({ label: 'Toolkit' });
    await page.getByText('The file will hold 2 goals, 60 resources.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Share by email' }).click(),
    ]);
    const shared = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(shared.counts, { goals: 2, check_ins: 0, resources: 60 });
    assert.equal(shared.contents.check_ins, undefined);
    await page.getByText(/Attach it to the email that opens \(it can't attach itself\)/).waitFor();
    const href = await mail.getAttribute('href');
    assert.ok(href.startsWith('mailto:?subject=Sam%20Lee%27s%20Branch%20Out%20plan'), href);
    assert.ok(href.length <= 2000);
    assert.match(decodeURIComponent(href), /Network 0 \(Toolkit\): https:\/\/example\.org\//);
    assert.ok(decodeURIComponent(href).includes(`Branch Out: ${env.base}/`), 'the email says where Branch Out is');
    await page.getByLabel('Resources', { exact: true }).selectOption({ label: 'Only one kind' });
    await page.getByLabel('Kind to share').selectOption({ label: 'Email list' });

    await page.getByRole('button', { name: 'Copy summary' }).click();
    await page.getByText('Summary copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Branch Out plan shared by Sam Lee, Teacher librarian on /);
    assert.match(copied, /- Reach out to one colleague \(1 check-in each week; Across my district\)/);
    // The same text, to read on the screen.
    await page.getByText('Read the summary').click();
    const shown = page.getByRole('group').filter({ hasText: 'Read the summary' });
    await shown.getByText(/^Branch Out plan shared by Sam Lee/).waitFor();
    assert.equal((await shown.textContent()).replace('Read the summary', '').trim(), copied.trim());
    await expectNoAxeViolations(page, 'the Share screen');
    await t.done();
  });

  it('S-03: a backup can be imported from recovery, and only then is storage written', async () => {
    const t = await open(env);
    const { page } = t;
    await seed(env, page, {
      'branch-out/v1/state.a': '{"app":"branch-out","schema":1,"data":{"goals":[',
      'branch-out/v1/state.active': '{"slot":"a"',
    });
    await gotoApp(env, page, '#/today');
    await page.getByRole('heading', { level: 1, name: 'Your saved data needs attention' }).waitFor();
    await chooseFile(page, await fixture());
    await importAll(page);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.reload();
    await nav(page, 'Plan').click();
    await page.getByRole('heading', { name: 'Reach out to one colleague' }).waitFor();
    const stored = await storage(page);
    assert.ok(
      Object.entries(stored).some(([k, v]) => k.startsWith('branch-out/v1/quarantine.') && v.includes('"goals":[')),
      'the unreadable save is still set aside',
    );
    await t.done();
  });

  it('prints the plan on one page', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    await chooseFile(page, await fixture());
    await importAll(page);
    await page.getByRole('link', { name: 'Print the plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'My connection plan' }).waitFor();
    const table = page.getByRole('table', { name: 'Active goals' });
    const row = table.getByRole('row', { name: /Reach out to one colleague/ });
    assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 2), ['1 each week', 'Across my district']);
    await page.getByText('Paused: Post on a state list.').waitFor();
    await page.getByRole('heading', { name: 'Starred resources' }).waitFor();
    await expectNoAxeViolations(page, 'the print view');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, 'the plan fits one page');
    await t.done();
  });

  it('imports a browser bookmark file and writes bookmarks, a calendar and a spreadsheet', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/share');
    const firefox = await readFile(new URL('../../../shared/fixtures/bookmarks/firefox_2024_nested_toolbar_other.html', import.meta.url));
    await page.getByLabel('Choose a file to import').setInputFiles({ name: 'bookmarks.html', mimeType: 'text/html', buffer: firefox });
    const dialog = previewDialog(page);
    await dialog.getByRole('heading', { name: 'Import from bookmarks.html' }).waitFor();
    const tally = await dialog.getByText(/^\d+ resources: \d+ new/).textContent();
    const fresh = Number(tally.match(/: (\d+) new/)[1]);
    assert.ok(fresh > 10, tally);
    await expectNoAxeViolations(page, 'a bookmark file preview');
    await importAll(page);
    await nav(page, 'Resources').click();
    await page.getByText(`${fresh} resources on your shelf.`).waitFor();

    await nav(page, 'Share').click();
    await chooseFile(page, await fixture());
    await importAll(page);
    const download = async (name) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
    };
    const html = await download('Download bookmarks (HTML)');
    assert.match(html.name, /^branch-out-bookmarks-.*\.html$/);
    assert.match(html.text, /^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
    assert.match(html.text, /<H3>Email lists<\/H3>[\s\S]*HREF="https:\/\/oztlnet\.com\/"/);
    await page.getByText('One resource has no web address').waitFor();
    const ics = await download('Download calendar (.ics)');
    assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics.text, /SUMMARY:Reach out to one colleague\r\n/);
    assert.match(ics.text, /RRULE:FREQ=WEEKLY/);
    assert.doesNotMatch(ics.text, /Post on a state list/, 'paused goals get no reminders');
    const csv = await download('Download spreadsheet (CSV)');
    assert.match(csv.name, /\.csv$/);
    assert.match(csv.text, /Title,Address,Kind/);
    assert.match(csv.text, /OzTLNet,https:\/\/oztlnet\.com\/,Email list/);
    await t.done();
  });
});
