// Two tabs of Branch Out on one device (RELIABILITY.md S-11, S-12, U-03): neither overwrites
// the other's edits, a tab shows the other's saves at once, and data from a newer version
// turns the old tab read-only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addResource, gotoApp, open, start, storage, storedState } from './harness.mjs';

function storedTitles(stored) {
  return storedState(stored).data.resources.map((r) => r.title);
}

describe('two tabs', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('S-11: each tab shows the other\'s saves and both items are kept', async () => {
    const t = await open(env);
    const a = t.page;
    await gotoApp(env, a, '#/resources');
    const b = await t.context.newPage();
    await gotoApp(env, b, '#/resources');

    await (await addResource(a, { title: 'Alpha list' })).waitFor({ state: 'hidden' });
    // B learns of A's save through the storage event, without a reload.
    await b.getByRole('heading', { name: 'Alpha list' }).waitFor();
    await (await addResource(b, { title: 'Beta group' })).waitFor({ state: 'hidden' });
    await a.getByRole('heading', { name: 'Beta group' }).waitFor();
    assert.deepEqual(storedTitles(await storage(a)).sort(), ['Alpha list', 'Beta group']);
    await b.close();
    await t.done();
  });

  it('S-12: a tab that missed the other\'s save catches up before writing, and nothing is lost', async () => {
    // This tab never hears the storage event, as if it had been in the background.
    const deaf = `window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true);`;
    const t = await open(env);
    const a = t.page;
    await gotoApp(env, a, '#/resources');
    await (await addResource(a, { title: 'First' })).waitFor({ state: 'hidden' });
    const b = await t.context.newPage();
    await b.addInitScript(deaf);
    await gotoApp(env, b, '#/resources');
    await b.getByRole('heading', { name: 'First' }).waitFor();

    await (await addResource(a, { title: 'Second (from tab A)' })).waitFor({ state: 'hidden' });
    await (await addResource(b, { title: 'Third (from tab B)' })).waitFor({ state: 'hidden' });
    // B's save found A's newer data, took it in, and added its own item on top.
    await b.getByRole('heading', { name: 'Second (from tab A)' }).waitFor();
    await b.getByRole('heading', { name: 'Third (from tab B)' }).waitFor();
    assert.deepEqual(storedTitles(await storage(b)).sort(), ['First', 'Second (from tab A)', 'Third (from tab B)']);
    assert.equal(await b.getByText('Not saved').count(), 0, 'no failure was left on screen');
    await b.close();
    await t.done();
  });

  it('U-03: data saved by a newer version in another tab turns this tab read-only', async () => {
    const t = await open(env);
    const a = t.page;
    await gotoApp(env, a, '#/resources');
    await (await addResource(a, { title: 'Kept safe' })).waitFor({ state: 'hidden' });
    // Another tab, running a newer Branch Out, migrates the data to schema 4.
    const before = await storage(a);
    await t.context.newPage().then(async (b) => {
      await gotoApp(env, b, '#/today');
      await b.evaluate(() => {
        const p = JSON.parse(localStorage.getItem('branch-out/v1/state.active'));
        localStorage.setItem('branch-out/v1/state.active', JSON.stringify({ ...p, schema: 5, rev: p.rev + 1 }));
      });
      await b.close();
    });
    await a.getByText('This data was saved by a newer version of Branch Out.').waitFor();
    assert.equal(await a.getByRole('button', { name: 'Add resource' }).isDisabled(), true, 'editing is off');
    const after = await storage(a);
    assert.equal(after['branch-out/v1/state.a'], before['branch-out/v1/state.a']);
    assert.equal(after['branch-out/v1/state.b'], before['branch-out/v1/state.b']);
    await t.done();
  });

  it('erasing in one tab empties the other at once, and it does not save the old data back', async () => {
    const t = await open(env);
    const a = t.page;
    await gotoApp(env, a, '#/resources');
    await (await addResource(a, { title: 'Kept until erased' })).waitFor({ state: 'hidden' });
    const b = await t.context.newPage();
    await gotoApp(env, b, '#/resources');
    await b.getByRole('heading', { name: 'Kept until erased' }).waitFor();

    await gotoApp(env, a, '#/settings');
    await a.getByRole('button', { name: 'Erase everything…' }).click();
    await a.getByRole('dialog', { name: 'Erase everything on this device?' })
      .getByRole('button', { name: 'Erase everything', exact: true }).click();
    await a.getByText('Erased everything on this device.').waitFor();
    await b.getByText('Your shelf is empty.', { exact: false }).waitFor();

    // The other tab's next change starts from the empty shelf.
    await (await addResource(b, { title: 'After the erase' })).waitFor({ state: 'hidden' });
    assert.deepEqual(storedTitles(await storage(b)), ['After the erase']);
    await b.close();
    await t.done();
  });
});
