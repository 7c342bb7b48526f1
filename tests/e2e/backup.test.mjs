// The automatic backup file in Chromium (RELIABILITY.md B-01…B-04). The pickers are replaced by
// handles from the origin-private file system: real FileSystemFileHandles, so every write is a
// real createWritable() → write → close, and a failure is the browser's own where it can be
// (a file removed under the handle) or an injected rejection where it can't (a full disk, a
// permission answered "denied").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectFocusOn, expectNoAxeViolations, gotoApp, open, saveName, start, storage, storedState } from './harness.mjs';

const NAME = 'Branch Out backup.json';

/**
 * The pickers, answered from the origin-private file system; `localStorage['test.fail']`
 * makes every createWritable() reject with that DOMException name; `test.permission` is what
 * queryPermission answers (the browser's own answer when unset), `test.answer` what
 * requestPermission answers (then also what queryPermission answers).
 */
const PICKERS = () => {
  // Only the app's own (secure) pages have these interfaces.
  if (typeof FileSystemFileHandle !== 'function') return;
  const opfs = async (name, create) => (await navigator.storage.getDirectory()).getFileHandle(name, { create });
  window.showSaveFilePicker = async ({ suggestedName }) => opfs(suggestedName, true);
  window.showOpenFilePicker = async () => [await opfs(sessionStorage.getItem('test.open') ?? 'Branch Out backup.json', false)];
  const create = FileSystemFileHandle.prototype.createWritable;
  FileSystemFileHandle.prototype.createWritable = function (...args) {
    const fail = localStorage.getItem('test.fail');
    return fail ? Promise.reject(new DOMException('injected', fail)) : create.apply(this, args);
  };
  const query = FileSystemHandle.prototype.queryPermission;
  FileSystemHandle.prototype.queryPermission = function (...args) {
    const set = sessionStorage.getItem('test.permission');
    return set ? Promise.resolve(set) : query.apply(this, args);
  };
  FileSystemHandle.prototype.requestPermission = function () {
    const answer = sessionStorage.getItem('test.answer') ?? 'granted';
    sessionStorage.setItem('test.permission', answer);
    return Promise.resolve(answer);
  };
};

/** The backup file's text in the page's origin-private file system, or null when absent. */
function fileText(page, name = NAME) {
  return page.evaluate(async (n) => {
    try {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle(n);
      return await (await handle.getFile()).text();
    } catch {
      return null;
    }
  }, name);
}

/** Writes `text` as a file of the page's origin-private file system. */
function putFile(page, name, text) {
  return page.evaluate(
    async ([n, t]) => {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle(n, { create: true });
      const w = await handle.createWritable();
      await w.write(t);
      await w.close();
    },
    [name, text],
  );
}

/** Waits (up to `ms`) until the backup file's text passes `ok`; returns it parsed. */
async function fileWhen(page, ok, what, ms = 10_000) {
  const until = Date.now() + ms;
  let text = null;
  while (Date.now() < until) {
    text = await fileText(page);
    if (text !== null && ok(text)) return JSON.parse(text);
    await page.waitForTimeout(200);
  }
  assert.fail(`the backup file never ${what}; it holds: ${text?.slice(0, 300)}`);
}

/** What an export holds, beside the stored state's same parts. */
function sameAsStored(file, stored) {
  const data = stored.data;
  assert.deepEqual(file.contents.goals, data.goals, 'goals');
  assert.deepEqual(file.contents.check_ins, data.check_ins, 'check-ins');
  assert.deepEqual(file.contents.resources, data.resources, 'resources');
  assert.deepEqual(file.contents.people, data.people ?? [], 'people');
  assert.deepEqual(file.contents.settings, data.settings, 'settings');
}

/** Starts a plan with the starter goals and goes to Share. */
async function startPlan(env, page) {
  await gotoApp(env, page);
  await page.getByRole('button', { name: 'Start with these goals' }).click();
  await page.getByRole('heading', { name: 'This week' }).waitFor();
  await gotoApp(env, page, '#/share');
}

async function choose(page) {
  await page.getByRole('button', { name: 'Choose a backup file' }).click();
  await page.getByRole('status').filter({ hasText: 'Automatic backup is on' }).waitFor();
}

/** A plan started, a backup file chosen, and the plan written to it. */
async function backedUp(env, page) {
  await startPlan(env, page);
  await choose(page);
  await fileWhen(page, (t) => t.includes('"goals"'), 'got the plan');
}

const status = (page) => page.locator('.backup-status');

describe('the backup file', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('is chosen once, gets each change within the gathering delay and holds exactly the stored state', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await startPlan(env, page);
    await page.getByRole('region', { name: 'Automatic backup' }).waitFor();
    await expectNoAxeViolations(page, 'Share with the Automatic backup panel');
    await choose(page);
    // The button pressed has gone; focus stays in the panel.
    await expectFocusOn(page, 'Choose a different file', 'after choosing a backup file');
    // The first write follows at once: the plan as it stands.
    let file = await fileWhen(page, (t) => t.includes('"goals"'), 'got the plan');
    sameAsStored(file, storedState(await storage(page)));
    await status(page).filter({ hasText: `Backed up to ${NAME} just now.` }).waitFor();

    // A change reaches the file a few seconds later (gathered), with nothing clicked.
    await gotoApp(env, page, '#/settings');
    await page.getByRole('region', { name: 'Automatic backup' }).waitFor();
    await expectNoAxeViolations(page, 'Settings with the Automatic backup panel');
    const changed = Date.now();
    await saveName(page, 'Robin Ortiz');
    file = await fileWhen(page, (t) => t.includes('Robin Ortiz'), 'got the new name');
    const took = Date.now() - changed;
    assert.ok(took >= 2_000, `changes gather before a write (written after ${took} ms)`);
    sameAsStored(file, storedState(await storage(page)));
    assert.equal(file.format, 'branch-out-export');

    // Today says where the backup is, and no reminder to download one.
    await gotoApp(env, page, '#/today');
    await status(page).filter({ hasText: `Backed up to ${NAME}` }).waitFor();
    await expectNoAxeViolations(page, 'Today with automatic backup on');

    // After a reload the browser still allows it (granted here): writing continues.
    await page.reload();
    await status(page).filter({ hasText: `Backed up to ${NAME}` }).waitFor();
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'Robin Ortiz-Nguyen');
    await fileWhen(page, (t) => t.includes('Robin Ortiz-Nguyen'), 'got the change made after reloading');

    // Stop forgets the file and leaves it as it was; focus goes to the button that replaced it.
    await page.getByRole('button', { name: 'Stop automatic backup' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Choose a backup file' }).waitFor();
    await expectFocusOn(page, 'Choose a backup file', 'after stopping automatic backup');
    await saveName(page, 'Robin after stopping');
    await page.waitForTimeout(4_000);
    assert.ok((await fileText(page)).includes('Robin Ortiz-Nguyen'));
    assert.ok(!(await fileText(page)).includes('Robin after stopping'), 'a stopped backup is not written');
    assert.equal((await storage(page))['branch-out/v1/backup-file'], undefined);
    await t.done();
  });

  it('says when a write fails, keeps every change, and writes again on Resume (B-01)', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await backedUp(env, page);

    // Disk or Drive full: the write is refused, the file keeps the last good write.
    await page.evaluate(() => localStorage.setItem('test.fail', 'QuotaExceededError'));
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'Kept on the device');
    const region = page.getByRole('region', { name: 'Automatic backup' });
    await region
      .getByText(`Automatic backup to ${NAME} stopped. There is no room left on the disk or in Drive. Your changes are kept on this device.`, { exact: false })
      .waitFor();
    assert.equal(storedState(await storage(page)).data.settings.name, 'Kept on the device');
    const before = JSON.parse(await fileText(page));
    assert.equal(before.contents.settings.name, '', 'the file still holds the last good write, whole');

    // Today falls back to the reminders, with the way back.
    await gotoApp(env, page, '#/today');
    await status(page).filter({ hasText: 'no room left' }).waitFor();
    await expectNoAxeViolations(page, 'Today with a failed backup');
    await page.evaluate(() => localStorage.removeItem('test.fail'));
    await page.getByRole('button', { name: 'Resume automatic backup' }).click();
    await fileWhen(page, (t) => t.includes('Kept on the device'), 'caught up after Resume');
    await status(page).filter({ hasText: `Backed up to ${NAME}` }).waitFor();

    // The file removed under the handle: Chromium writes it again, whole, at the next change.
    await page.evaluate(async (n) => (await navigator.storage.getDirectory()).removeEntry(n), NAME);
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'After the file went');
    await fileWhen(page, (t) => t.includes('After the file went'), 'came back with the change');

    // Where the browser can't reach it any more (its folder moved, a Drive file gone), it says
    // so, and the handle is not dropped silently: the panel still names the file.
    await page.evaluate(() => localStorage.setItem('test.fail', 'NotFoundError'));
    await saveName(page, 'After the folder went');
    await region.getByText(`Automatic backup to ${NAME} stopped. The file was moved or deleted.`, { exact: false }).waitFor();
    assert.equal(storedState(await storage(page)).data.settings.name, 'After the folder went');
    assert.equal((await storage(page))['branch-out/v1/backup-file'], NAME);
    await region.getByRole('button', { name: 'Choose a different file' }).waitFor();
    await expectNoAxeViolations(page, 'Settings with a failed backup');
    await t.done();
  });

  it('pauses in a new session until Resume is allowed, and a refusal is said in words (B-01)', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await backedUp(env, page);

    // A new session: the browser must ask again. The change waits on the device.
    await page.evaluate(() => sessionStorage.setItem('test.permission', 'prompt'));
    await page.reload();
    await status(page).filter({ hasText: `Automatic backup to ${NAME} is paused until you allow it again.` }).waitFor();
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'Waiting for leave');
    await page.waitForTimeout(4_000);
    assert.ok(!(await fileText(page)).includes('Waiting for leave'), 'nothing is written without leave');

    // Refused: said in words, nothing written.
    await gotoApp(env, page, '#/today');
    await page.evaluate(() => sessionStorage.setItem('test.answer', 'denied'));
    await page.getByRole('button', { name: 'Resume automatic backup' }).click();
    await status(page).filter({ hasText: 'The browser did not allow Branch Out to write it.' }).waitFor();

    // Allowed: writing continues with what changed meanwhile.
    await page.evaluate(() => sessionStorage.setItem('test.answer', 'granted'));
    await page.getByRole('button', { name: 'Resume automatic backup' }).click();
    await fileWhen(page, (t) => t.includes('Waiting for leave'), 'caught up after Resume');
    await status(page).filter({ hasText: `Backed up to ${NAME}` }).waitFor();
    await t.done();
  });

  it('ends equal to the newest state when two tabs change at once (B-02)', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await backedUp(env, page);
    const other = await t.context.newPage();
    await gotoApp(env, other, '#/settings');
    await status(other).or(other.getByRole('region', { name: 'Automatic backup' }).locator('.backup-file-status'))
      .filter({ hasText: `Backed up to ${NAME}` }).first().waitFor();
    await gotoApp(env, page, '#/settings');

    // Both tabs change within the same moment, several times.
    for (let i = 1; i <= 3; i++) {
      await Promise.all([
        (async () => {
          await page.getByLabel('Your role').fill(`Role ${i}`);
          await page.getByRole('button', { name: 'Save profile' }).click();
        })(),
        (async () => {
          await other.getByLabel('Your name').fill(`Name ${i}`);
          await other.getByRole('button', { name: 'Save profile' }).click();
        })(),
      ]);
    }
    // Both tabs' saves have settled (each profile save carries both fields, so which name and
    // role win depends on the race; what matters is that the file follows the newest save).
    let stored = storedState(await storage(page));
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(500);
      const now = storedState(await storage(page));
      if (now.rev === stored.rev) break;
      stored = now;
    }
    assert.match(stored.data.settings.name + stored.data.settings.role, /Name [1-3]|Role [1-3]/);
    // Once both have written, the file is the newest stored state, and stays so.
    const same = (text) => {
      try {
        sameAsStored(JSON.parse(text), stored);
        return true;
      } catch {
        return false;
      }
    };
    await fileWhen(page, same, 'came to the newest stored state', 20_000);
    await page.waitForTimeout(4_000);
    sameAsStored(JSON.parse(await fileText(page)), storedState(await storage(page)));
    await t.done();
  });

  it('brings a file holding another save of the same revision to the stored one (B-02)', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await backedUp(env, page);
    await status(page).filter({ hasText: `Backed up to ${NAME}` }).waitFor();
    const pointer = JSON.parse((await storage(page))['branch-out/v1/state.active']);
    // Another tab saved the same revision at the same moment and wrote its save to the file;
    // storage kept this tab's. The file's record says which save it holds.
    const record = await page.evaluate(async () => {
      const done = (r) => new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const db = await done(indexedDB.open('branch-out', 1));
      const files = db.transaction('backup-file', 'readwrite').objectStore('backup-file');
      const held = await done(files.get('file'));
      await done(files.put({ ...held, check: 'fnv1a64:0000000000000000' }, 'file'));
      db.close();
      return { rev: held.rev, check: held.check };
    });
    assert.deepEqual(record, { rev: pointer.rev, check: pointer.check });
    const sibling = JSON.parse(await fileText(page));
    sibling.contents.settings.name = 'A save storage did not keep';
    await putFile(page, NAME, JSON.stringify(sibling));

    // The next start finds the file behind, although its revision is the stored one.
    await page.reload();
    await fileWhen(page, (text) => !text.includes('A save storage did not keep'), 'came to the stored save');
    sameAsStored(JSON.parse(await fileText(page)), storedState(await storage(page)));
    await t.done();
  });

  it('restores a wiped device from the file and keeps backing up to it (B-03, B-04)', async () => {
    // The old Chromebook: a plan, a shelf item, backed up.
    const old = await open(env, { init: [PICKERS] });
    await startPlan(env, old.page);
    await choose(old.page);
    await gotoApp(env, old.page, '#/settings');
    await saveName(old.page, 'Robin Ortiz');
    const text = JSON.stringify(await fileWhen(old.page, (t) => t.includes('Robin Ortiz'), 'got the name'), null, 2);
    const before = storedState(await storage(old.page));
    await old.done();

    // The new one: nothing stored; the file is in "Drive" (its own file system here).
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await gotoApp(env, page);
    await putFile(page, 'damaged.json', text.slice(0, 200));
    await putFile(page, NAME, text);

    // A file damaged by hand is refused by the preview; nothing changes.
    await page.evaluate(() => sessionStorage.setItem('test.open', 'damaged.json'));
    await page.getByRole('button', { name: 'Open your backup file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Share and back up' }).waitFor();
    await page.getByText("This file isn't a Branch Out export", { exact: false }).waitFor();
    assert.equal((await storage(page))['branch-out/v1/state.active'], undefined, 'nothing was stored');
    // Nothing was restored from it, so nothing offers to write to it.
    await page.getByRole('button', { name: 'Choose a backup file' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Keep backing up to this file' }).count(), 0);

    // The real file: the preview, then everything back.
    await gotoApp(env, page, '#/today');
    await page.evaluate(() => sessionStorage.removeItem('test.open'));
    await page.getByRole('button', { name: 'Open your backup file' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Import/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => localStorage.getItem('branch-out/v1/state.active') !== null);
    const after = storedState(await storage(page));
    for (const part of ['goals', 'check_ins', 'resources']) assert.deepEqual(after.data[part], before.data[part], part);
    assert.equal(after.data.settings.name, 'Robin Ortiz');

    // And the same file is kept up to date from here.
    const panel = page.getByRole('region', { name: 'Automatic backup' });
    await panel.getByText(`You restored from ${NAME}.`).waitFor();
    await expectNoAxeViolations(page, 'Share offering to keep backing up to the restored file');
    await panel.getByRole('button', { name: 'Keep backing up to this file' }).click();
    await page.getByRole('status').filter({ hasText: 'Automatic backup is on' }).waitFor();
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'Robin on the new Chromebook');
    const file = await fileWhen(page, (t) => t.includes('Robin on the new Chromebook'), 'got the change on the new device');
    sameAsStored(file, storedState(await storage(page)));
    await t.done();
  });

  it('stops before erasing, so the file keeps the data', async () => {
    const t = await open(env, { init: [PICKERS] });
    const { page } = t;
    await backedUp(env, page);
    await gotoApp(env, page, '#/settings');
    await page.getByRole('button', { name: 'Erase everything…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase everything on this device?' });
    await dialog.getByText('Automatic backup stops').waitFor();
    await dialog.getByRole('button', { name: 'Erase everything' }).click();
    await page.getByRole('button', { name: 'Choose a backup file' }).waitFor();
    assert.equal((await storage(page))['branch-out/v1/backup-file'], undefined, 'the file is forgotten');
    // A new plan on the erased device is not written over the backup.
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with these goals' }).click();
    await gotoApp(env, page, '#/settings');
    await saveName(page, 'After erasing');
    await page.waitForTimeout(4_000);
    const file = JSON.parse(await fileText(page));
    assert.ok(file.contents.goals.length > 0, 'the file keeps the plan');
    assert.equal(file.contents.settings.name, '', 'nothing after erasing reached the file');
    await page.reload();
    await page.getByRole('button', { name: 'Choose a backup file' }).waitFor();
    await t.done();
  });

  it('is not offered where the browser has no File System Access', async () => {
    const t = await open(env, {
      init: [() => {
        delete window.showSaveFilePicker;
        delete window.showOpenFilePicker;
      }],
    });
    const { page } = t;
    await gotoApp(env, page);
    await page.getByRole('heading', { name: 'Used Branch Out before?' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Open your backup file' }).count(), 0);
    await page.getByRole('button', { name: 'Start with these goals' }).click();
    // The panel decides once its module has loaded: wait for that, then look.
    const loaded = page.waitForResponse((r) => r.url().endsWith('/backup_file.js'));
    await gotoApp(env, page, '#/share');
    await loaded;
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('region', { name: 'Automatic backup' }).count(), 0);
    await status(page).filter({ hasText: /backed up/i }).waitFor();
    await t.done();
  });
});
