// Storage faults through the real app in Chromium (RELIABILITY.md S-01…S-10, S-19).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, gotoApp, open, saveName, seed, start, storage } from './harness.mjs';

const SLOT_A = 'branch-out/v1/state.a';
const SLOT_B = 'branch-out/v1/state.b';
const ACTIVE = 'branch-out/v1/state.active';
const STATE_KEYS = [SLOT_A, SLOT_B, ACTIVE];

/** Records every setItem call in window.__writes before the app runs. */
const SPY_ON_WRITES = `
  window.__writes = [];
  const original = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) { window.__writes.push(k); return original.call(this, k, v); };
`;

describe('storage faults', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('S-02: a truncated newest save opens the previous one and sets the damage aside', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    await saveName(t.page, 'First save');
    await saveName(t.page, 'Second save');
    const stored = await storage(t.page);
    const newest = JSON.parse(stored[ACTIVE]).slot === 'a' ? SLOT_A : SLOT_B;
    const truncated = '{"schema":3,"data":{';
    await t.page.evaluate(([k, v]) => localStorage.setItem(k, v), [newest, truncated]);
    await t.page.reload();
    await t.page.getByText('Your newest save could not be read').waitFor();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), 'First save');
    const after = await storage(t.page);
    assert.equal(after[newest], truncated, 'the damaged save is not deleted');
    assert.ok(
      Object.entries(after).some(([k, v]) => k.startsWith('branch-out/v1/quarantine.') && v === truncated),
      'a copy is set aside under its own key',
    );
    // Settings offers the copy as a file and then frees the room it takes.
    await t.page.getByText('1 damaged save is set aside in this browser').waitFor();
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      t.page.getByRole('button', { name: 'Download and remove set-aside copies' }).click(),
    ]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(Object.values(file.keys), [truncated], 'the file holds the exact damaged text');
    await t.page.getByRole('status').filter({ hasText: 'and removed the copies' }).waitFor();
    const cleared = await storage(t.page);
    assert.equal(Object.keys(cleared).filter((k) => k.includes('quarantine')).length, 0);
    assert.equal(cleared[newest], truncated, 'the damaged slot itself is left for the next save');
    await t.done();
  });

  it('S-03: unreadable data opens read-only recovery, is never written, and downloads exactly', async () => {
    const t = await open(env, { init: [SPY_ON_WRITES] });
    const corrupt = {
      [SLOT_A]: '{"app":"branch-out","schema":1,"data":{"goals":[',
      [SLOT_B]: 'not json \u0000 at all',
      [ACTIVE]: '{"slot":"a"',
    };
    await seed(env, t.page, corrupt);
    await gotoApp(env, t.page, '#/settings');
    await t.page.getByRole('heading', { level: 1, name: 'Your saved data needs attention' }).waitFor();
    await expectNoAxeViolations(t.page, 'the recovery view');
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      t.page.getByRole('button', { name: 'Download the raw data' }).click(),
    ]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(file.keys, corrupt, 'the download gives back the exact stored strings');
    // Browsing other screens still shows recovery and writes nothing.
    await t.page.goto(`${env.base}/#/plan`);
    await t.page.getByRole('heading', { level: 1, name: 'Your saved data needs attention' }).waitFor();
    const writes = await t.page.evaluate(() => window.__writes);
    assert.deepEqual(writes.filter((k) => STATE_KEYS.includes(k)), [], 'no setItem on the state keys');
    const after = await storage(t.page);
    for (const k of STATE_KEYS) assert.equal(after[k], corrupt[k], `${k} is byte-identical`);
    await t.done();
  });

  it('S-05: data from a newer version opens read-only and is never written', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    await saveName(t.page, 'Saved by v2');
    // The schema is outside the checksum, so this is exactly what a newer version would leave.
    await t.page.evaluate((keys) => {
      for (const k of keys) {
        const v = localStorage.getItem(k);
        if (v) localStorage.setItem(k, v.replace('"schema":4', '"schema":5'));
      }
    }, STATE_KEYS);
    const before = await storage(t.page);
    await t.context.addInitScript(SPY_ON_WRITES);
    await t.page.reload();
    await t.page.getByText('This data was saved by a newer version of Branch Out.').waitFor();
    assert.ok(await t.page.getByRole('button', { name: 'Save profile' }).isDisabled());
    assert.deepEqual(await t.page.evaluate(() => window.__writes), []);
    assert.deepEqual(await storage(t.page), before);
    await t.done();
  });

  it('S-07: a full quota keeps the edit on screen and the last good save in storage', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    await saveName(t.page, 'Kept name');
    const before = await storage(t.page);
    const pads = await t.page.evaluate(() => {
      let chunk = 1 << 20;
      let i = 0;
      while (chunk > 0) {
        try {
          localStorage.setItem(`pad-${i}`, 'x'.repeat(chunk));
          i += 1;
        } catch {
          chunk = Math.floor(chunk / 2);
        }
      }
      return i;
    });
    await saveName(t.page, 'A much longer name that will not fit in storage any more', { wait: false });
    await t.page.getByRole('alert').getByText('Not saved — export now.').waitFor();
    assert.equal(
      await t.page.getByLabel('Your name').inputValue(),
      'A much longer name that will not fit in storage any more',
      'the edit stays on screen',
    );
    const during = await storage(t.page);
    for (const k of STATE_KEYS) assert.equal(during[k], before[k], `${k} still holds the last good save`);
    await t.page.evaluate((n) => {
      for (let i = 0; i < n; i++) localStorage.removeItem(`pad-${i}`);
    }, pads);
    await t.page.reload();
    await t.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Kept name');
    await t.done();
  });

  for (const [label, thrown] of [
    ['Firefox', "Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 })"],
    ['old WebKit', "Object.assign(new Error('full'), { name: 'QUOTA_EXCEEDED_ERR', code: 22 })"],
  ]) {
    it(`S-08: a quota error named the ${label} way gets the same banner`, async () => {
      const stub = `
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (k.startsWith('branch-out/v1/state.')) throw ${thrown};
          return original.call(this, k, v);
        };`;
      const t = await open(env, { init: [stub] });
      await gotoApp(env, t.page, '#/settings');
      await saveName(t.page, 'Robin', { wait: false });
      await t.page.getByRole('alert').getByText('Not saved — export now.').waitFor();
      await t.page.getByText("This browser's storage is full.").waitFor();
      await expectNoAxeViolations(t.page, 'the not-saved banner');
      assert.deepEqual(await storage(t.page), {});
      await t.done();
    });
  }

  it('S-09: blocked storage runs in memory with a warning and no panic', async () => {
    const block = `
      Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });`;
    const t = await open(env, { init: [block] });
    await gotoApp(env, t.page, '#/settings');
    await t.page.getByText('Nothing you do here will be kept.').waitFor();
    await expectNoAxeViolations(t.page, 'the storage-blocked banner');
    await saveName(t.page, 'Robin in memory', { wait: false });
    await t.page.getByRole('status').filter({ hasText: 'Changed in this tab only — not saved' }).waitFor();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Robin in memory');
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      t.page.getByRole('button', { name: 'Download a copy' }).click(),
    ]);
    assert.match(await readFile(await download.path(), 'utf8'), /Robin in memory/);
    await t.done();
  });

  it('S-10: a save that reads back different never becomes active', async () => {
    const t = await open(env);
    await gotoApp(env, t.page, '#/settings');
    await saveName(t.page, 'Good save');
    const before = await storage(t.page);
    await t.page.evaluate(() => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        const torn = /state\.[ab]$/.test(k) ? v.slice(0, 20) : v;
        return original.call(this, k, torn);
      };
    });
    await saveName(t.page, 'Torn save', { wait: false });
    await t.page.getByRole('alert').getByText('did not keep the data intact').waitFor();
    assert.equal((await storage(t.page))[ACTIVE], before[ACTIVE], 'the active pointer did not move');
    await t.page.reload();
    await t.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Good save');
    await t.done();
  });

  it('erases everything only when asked, leaves nothing of it in storage, and Undo brings it back', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    await gotoApp(env, page, '#/settings');
    // Two saves, so both generations hold the name.
    for (const name of ['Robin', 'Robin Okafor']) await saveName(page, name);
    const before = await storage(page);
    assert.ok(before['branch-out/v1/state.a'].includes('Robin'), 'generation A holds the name');
    assert.ok(before['branch-out/v1/state.b'].includes('Robin'), 'generation B holds the name');
    // A damaged save set aside earlier goes too.
    await page.evaluate(() => localStorage.setItem('branch-out/v1/quarantine.0123456789abcdef', '{"app":"branch-out","data":{"name":"Robin'));

    const [backup] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a backup' }).click(),
    ]);
    assert.match(await readFile(await backup.path(), 'utf8'), /"name": ?"Robin Okafor"/);

    // Cancel changes nothing.
    await page.getByRole('button', { name: 'Erase everything…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase everything on this device?' });
    await expectNoAxeViolations(page, 'the erase dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Robin Okafor');

    await page.getByRole('button', { name: 'Erase everything…' }).click();
    await dialog.getByRole('button', { name: 'Erase everything', exact: true }).click();
    await page.getByText('Erased everything on this device.').waitFor();
    assert.equal(await page.getByLabel('Your name').inputValue(), '');
    const after = await storage(page);
    assert.ok(!Object.values(after).join('\n').includes('Robin'), 'nothing stored keeps the erased data');
    assert.ok(after['branch-out/v1/state.a'] && after['branch-out/v1/state.b'], 'both generations were written');
    assert.equal(Object.keys(after).filter((k) => k.includes('quarantine')).length, 0);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Robin Okafor', 'Undo saved it back');

    // Erased and reloaded, the device is like a new one.
    await page.getByRole('button', { name: 'Erase everything…' }).click();
    await dialog.getByRole('button', { name: 'Erase everything', exact: true }).click();
    await page.getByText('Erased everything on this device.').waitFor();
    await gotoApp(env, page, '#/today');
    await page.reload();
    await page.getByRole('button', { name: 'Start with an empty plan' }).waitFor();
    await t.done();
  });

  for (const damage of ['deleted', 'cut short', 'naming no slot']) {
    it(`S-19: with the pointer ${damage}, the newest save opens and only the next save rewrites it`, async () => {
      const t = await open(env);
      await gotoApp(env, t.page, '#/settings');
      await saveName(t.page, 'First save');
      await saveName(t.page, 'Second save');
      await saveName(t.page, 'Third save');
      const stored = await storage(t.page);
      const damaged = {
        deleted: null,
        'cut short': stored[ACTIVE].slice(0, 12),
        'naming no slot': '{"slot":"c","rev":1,"schema":1}',
      }[damage];
      await t.page.evaluate(([k, v]) => (v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v)), [ACTIVE, damaged]);
      const before = await storage(t.page);
      await t.context.addInitScript(SPY_ON_WRITES);
      await t.page.reload();
      await t.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Third save', 'the newest save opens');
      assert.equal(await t.page.getByText('Your newest save could not be read').count(), 0, 'nothing is reported lost');
      assert.deepEqual(await t.page.evaluate(() => window.__writes), [], 'opening writes nothing');
      assert.deepEqual(await storage(t.page), before, 'the pointer stays as it was until a save');
      await saveName(t.page, 'Fourth save');
      const after = await storage(t.page);
      const pointer = JSON.parse(after[ACTIVE]);
      const older = JSON.parse(stored[ACTIVE]).slot === 'a' ? 'b' : 'a';
      assert.equal(pointer.slot, older, 'the next save goes over the older generation');
      assert.equal(after[`branch-out/v1/state.${JSON.parse(stored[ACTIVE]).slot}`], stored[`branch-out/v1/state.${JSON.parse(stored[ACTIVE]).slot}`], 'the newest is kept');
      await t.page.reload();
      await t.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      assert.equal(await t.page.getByLabel('Your name').inputValue(), 'Fourth save');
      await t.done();
    });
  }

  for (const [which, failing] of [['first', 1], ['second', 2]]) {
    it(`erasing changes nothing when its ${which} save fails, and says so`, async () => {
      // Fails the chosen save of the state (counted from when the test arms it): a full quota.
      const stub = `
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (window.failSave && k.startsWith('branch-out/v1/state.') && k !== 'branch-out/v1/state.active') {
            window.saves += 1;
            if (window.saves === window.failSave) throw new DOMException('full', 'QuotaExceededError');
          }
          return original.call(this, k, v);
        };`;
      const t = await open(env, { init: [stub] });
      const { page } = t;
      await gotoApp(env, page, '#/settings');
      await saveName(page, 'Kept');
      await saveName(page, 'Kept name');
      await page.evaluate((n) => {
        window.saves = 0;
        window.failSave = n;
      }, failing);
      await page.getByRole('button', { name: 'Erase everything…' }).click();
      await page.getByRole('dialog', { name: 'Erase everything on this device?' })
        .getByRole('button', { name: 'Erase everything', exact: true }).click();
      await page.getByRole('alert').getByText('Nothing was erased: this browser did not save the change.').waitFor();
      assert.equal(await page.getByLabel('Your name').inputValue(), 'Kept name', 'the plan is back on screen');
      await page.evaluate(() => {
        window.failSave = 0;
      });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      assert.equal(await page.getByLabel('Your name').inputValue(), 'Kept name', 'and in storage');
      await t.done();
    });
  }
});
