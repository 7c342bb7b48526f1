// The connection plan in Chromium: goals, check-ins, progress, skips and streaks, undo,
// keyboard-only use and accessibility of Today, Plan and the dialogs. The clock is fixed at
// Wednesday 25 November 2026 so periods are predictable.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectFocusOn, expectNoAxeViolations, gotoApp, open, seed, start, tabTo } from './harness.mjs';
import { bigState, storedEntries } from '../../bench/shelf.mjs';

const NOW = new Date('2026-11-25T10:00:00');

async function openAt(env, options) {
  const t = await open(env, options);
  await t.context.clock.setFixedTime(NOW);
  return t;
}

async function startEmpty(env, page) {
  await gotoApp(env, page, '#/today');
  await page.getByRole('button', { name: 'Start with an empty plan' }).click();
  await page.getByText('No active goals.').waitFor();
}

async function addGoal(page, { title, cadence = 'Weekly', target = '1' }) {
  await page.getByRole('button', { name: 'Add goal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a goal' });
  await dialog.getByLabel('Goal', { exact: true }).fill(title);
  await dialog.getByLabel('How often').selectOption({ label: cadence });
  await dialog.getByLabel('Connections each period').fill(target);
  await dialog.getByRole('button', { name: 'Save goal' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function card(page, title) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
}

describe('connection plan', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('starts from the starter plan, logs a connection and keeps it after a reload', async () => {
    const t = await openAt(env);
    const { page } = t;
    await gotoApp(env, page, '#/today');
    await expectNoAxeViolations(page, 'Today on first run');
    await page.getByLabel('Weekly goal', { exact: true }).fill('Email one colleague an idea');
    await page.getByLabel('Include the quarterly goal').uncheck();
    await page.getByRole('button', { name: 'Start with these goals' }).click();
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'This quarter' }).count(), 0);
    const weekly = card(page, 'Email one colleague an idea');
    await weekly.getByText('0 of 1 this week.').waitFor();
    await page.getByRole('button', { name: 'Log a connection: Email one colleague an idea' }).click();
    await weekly.getByText('1 of 1 this week. Done for this week.').waitFor();
    await weekly.getByText('Streak: 1 week · Best: 1 week').waitFor();
    await expectNoAxeViolations(page, 'Today with goals');
    await page.reload();
    await card(page, 'Email one colleague an idea').getByText('1 of 1 this week.').waitFor();
    await t.done();
  });

  it('creates a weekly goal, logs past connections, and a skipped week keeps the streak', async () => {
    const t = await openAt(env);
    const { page } = t;
    await startEmpty(env, page);
    await gotoApp(env, page, '#/plan');
    await addGoal(page, { title: 'Reach out to a colleague' });
    // Two weeks ago (week of 9 Nov), then today; the week of 16 Nov is missed.
    for (const date of ['2026-11-11', '2026-11-25']) {
      await page.getByRole('button', { name: 'Log a connection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Log a connection' });
      // The form arrives with its chunk the first time the dialog opens.
      await dialog.getByLabel('Date').waitFor();
      await expectNoAxeViolations(page, 'the log dialog');
      await dialog.getByLabel('Date').fill(date);
      await dialog.getByLabel('Counts towards').selectOption({ label: 'Reach out to a colleague' });
      await dialog.getByLabel('What happened (optional)').fill(`Shared a display idea on ${date}`);
      await dialog.getByLabel('Anyone else, by name (optional)').fill('Sam');
      await dialog.getByRole('button', { name: 'Save connection' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    const goal = card(page, 'Reach out to a colleague');
    await goal.getByText('Streak: 1 week · Best: 1 week').waitFor();
    await goal.getByText('Last 3 weeks: 2 met, 0 partly met, 1 missed, 0 skipped.').waitFor();
    await page.getByRole('button', { name: 'Skip last week: “Reach out to a colleague”' }).click();
    await goal.getByText('Streak: 2 weeks · Best: 2 weeks').waitFor();
    await goal.getByText('Last 3 weeks: 2 met, 0 partly met, 0 missed, 1 skipped.').waitFor();
    // The log is newest first and can be narrowed to one goal.
    const entries = page.getByRole('list').filter({ hasText: 'Shared a display idea' }).getByRole('listitem');
    assert.match(await entries.first().innerText(), /Nov 25, 2026/);
    assert.match(await entries.last().innerText(), /Nov 11, 2026/);
    await page.getByLabel('Show connections for').selectOption({ label: 'Reach out to a colleague' });
    assert.equal(await entries.count(), 2);
    // Editing a connection draws its entry again: focus goes back to the Edit button drawn
    // in its place, not to the page.
    const label = 'Edit connection: Nov 25, 2026, Reach out to a colleague';
    await page.getByRole('button', { name: label }).click();
    const edit = page.getByRole('dialog', { name: 'Edit connection' });
    await edit.getByLabel('What happened (optional)').fill('Shared a display idea, and a booklist');
    await edit.getByRole('button', { name: 'Save connection' }).click();
    await edit.waitFor({ state: 'hidden' });
    await entries.first().getByText('Shared a display idea, and a booklist').waitFor();
    await expectFocusOn(page, label, 'after editing a connection');
    await expectNoAxeViolations(page, 'Plan with history');
    await gotoApp(env, page, '#/today');
    await card(page, 'Reach out to a colleague').getByText('1 of 1 this week.').waitFor();
    await t.done();
  });

  it('deletes a goal with undo, and edits, pauses and reorders goals', async () => {
    const t = await openAt(env);
    const { page } = t;
    await startEmpty(env, page);
    await gotoApp(env, page, '#/plan');
    await addGoal(page, { title: 'First goal' });
    await addGoal(page, { title: 'Second goal', cadence: 'Monthly', target: '2' });
    await card(page, 'Second goal').getByText('Monthly · 2 each month').waitFor();
    await page.getByRole('button', { name: 'Move up: “Second goal”' }).click();
    const titles = () => page.getByRole('heading', { level: 3 }).allInnerTexts();
    assert.deepEqual(await titles(), ['Second goal', 'First goal']);
    await page.getByRole('button', { name: 'Delete “First goal”' }).click();
    assert.deepEqual(await titles(), ['Second goal']);
    await page.getByText('Deleted goal “First goal”.').waitFor();
    await expectFocusOn(page, 'Undo', 'after a delete, focus goes to Undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await titles(), ['Second goal', 'First goal']);
    await page.getByRole('button', { name: 'Edit “Second goal”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit goal' });
    await expectNoAxeViolations(page, 'the goal dialog');
    await dialog.getByLabel('Goal', { exact: true }).fill('Attend a webinar');
    // The dialog closes before its form is taken away (removing a focused form from an open
    // modal dialog costs the browser about twice as much).
    await page.evaluate(() => {
      window.formGoneWhileOpen = [];
      const note = (node) => {
        const d = node.nodeName === 'FORM' && node.closest('dialog');
        if (d) window.formGoneWhileOpen.push(d.open);
      };
      const remove = Element.prototype.remove;
      Element.prototype.remove = function () {
        note(this);
        return remove.call(this);
      };
      const removeChild = Node.prototype.removeChild;
      Node.prototype.removeChild = function (child) {
        note(child);
        return removeChild.call(this, child);
      };
    });
    await dialog.getByRole('button', { name: 'Save goal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => window.formGoneWhileOpen.length > 0);
    assert.deepEqual(await page.evaluate(() => window.formGoneWhileOpen), [false]);
    assert.equal(await page.locator('dialog form').count(), 0, 'the form is gone once closed');
    // Focus is back on the goal's Edit button (its row is kept; only its words are redrawn).
    await expectFocusOn(page, 'Edit “Attend a webinar”', 'after editing a goal');
    await page.getByRole('button', { name: 'Pause “Attend a webinar”' }).click();
    await card(page, 'Attend a webinar').getByText('Paused', { exact: false }).first().waitFor();
    await gotoApp(env, page, '#/today');
    await page.getByText('Paused: Attend a webinar.').waitFor();
    await page.reload();
    await page.getByText('Paused: Attend a webinar.').waitFor();
    await t.done();
  });

  it('refuses a goal without a title and changes nothing', async () => {
    const t = await openAt(env);
    const { page } = t;
    await startEmpty(env, page);
    await gotoApp(env, page, '#/plan');
    await page.getByRole('button', { name: 'Add goal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a goal' });
    await dialog.getByLabel('Goal', { exact: true }).fill('   ');
    await dialog.getByRole('button', { name: 'Save goal' }).click();
    await dialog.getByRole('alert').getByText("Title can't be empty").waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('No goals yet.').waitFor();
    await t.done();
  });

  it('does the whole journey by keyboard alone', async () => {
    const t = await openAt(env);
    const { page } = t;
    await gotoApp(env, page, '#/today');
    await tabTo(page, 'Start with an empty plan');
    await page.keyboard.press('Enter');
    await page.getByText('No active goals.').waitFor();
    await tabTo(page, 'Plan', { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
    await tabTo(page, 'Add goal');
    await page.keyboard.press('Enter');
    // Focus starts in the dialog's first field.
    await page.getByRole('dialog', { name: 'Add a goal' }).waitFor();
    await page.keyboard.type('Call the public library');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Call the public library' }).waitFor();
    await expectFocusOn(page, 'Add goal', 'focus returns to the button that opened the dialog');
    // Escape closes a dialog without saving.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Add a goal' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await tabTo(page, 'Today', { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await tabTo(page, 'Log a connection: Call the public library');
    await page.keyboard.press('Enter');
    await card(page, 'Call the public library').getByText('1 of 1 this week.').waitFor();
    await expectFocusOn(
      page,
      'Log a connection: Call the public library',
      'focus stays on the button after logging',
    );
    await t.done();
  });

  it('sets week start, terms and breaks in Settings', async () => {
    const t = await openAt(env);
    const { page } = t;
    await startEmpty(env, page);
    await gotoApp(env, page, '#/settings');
    await page.getByLabel('Sunday').check();
    await page.getByLabel('Quarters (and yearly goals) start in').selectOption({ label: 'July' });
    await page.getByLabel('Name of the term').fill('Term 4');
    await page.locator('#term-start').fill('2026-10-05');
    await page.locator('#term-end').fill('2026-12-18');
    await page.getByRole('button', { name: 'Add term' }).click();
    await page.getByText('Term 4: Oct 5, 2026 to Dec 18, 2026').waitFor();
    await page.getByLabel('Name of the break').fill('Summer');
    await page.locator('#break-start').fill('2026-12-19');
    await page.locator('#break-end').fill('2026-12-01');
    await page.getByRole('button', { name: 'Add break' }).click();
    await page.getByRole('alert').getByText("The last day can't be before the first day").waitFor();
    await expectNoAxeViolations(page, 'Settings with terms');
    await page.reload();
    assert.ok(await page.getByLabel('Sunday').isChecked());
    await page.getByText('Term 4: Oct 5, 2026 to Dec 18, 2026').waitFor();

    // Changed in place, by keyboard: the form fills in, saves, and focus comes back.
    await page.getByRole('button', { name: 'Edit term “Term 4”' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'term-name');
    assert.equal(await page.getByLabel('Name of the term').inputValue(), 'Term 4');
    await page.getByRole('status').getByText('Changing term “Term 4”.').waitFor();
    await expectNoAxeViolations(page, 'Settings while changing a term');
    await page.locator('#term-end').fill('2026-12-11');
    await page.getByRole('button', { name: 'Save term' }).click();
    await page.getByText('Term 4: Oct 5, 2026 to Dec 11, 2026').waitFor();
    await expectFocusOn(page, 'Edit term “Term 4”', 'focus returns to the changed term');
    assert.equal(await page.getByLabel('Name of the term').inputValue(), '');
    await page.getByRole('button', { name: 'Add term' }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Term 4: Oct 5, 2026 to Dec 18, 2026').waitFor();
    await t.done();
  });

  it('a tab left open into a new week shows the new week when it is looked at again', async () => {
    const t = await open(env);
    const { page } = t;
    await t.context.clock.setFixedTime(new Date('2026-11-29T21:00:00'));
    await startEmpty(env, page);
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await addGoal(page, { title: 'Weekly hello' });
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByRole('button', { name: 'Log a connection: Weekly hello' }).click();
    await card(page, 'Weekly hello').getByText('1 of 1 this week.', { exact: false }).waitFor();
    // Monday morning: the tab comes back into view.
    await t.context.clock.setFixedTime(new Date('2026-11-30T08:00:00'));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await card(page, 'Weekly hello').getByText('0 of 1 this week.').waitFor();
    await t.done();
  });

  it('a long log shows the newest connections, more on request, with keyboard focus kept', async () => {
    const t = await openAt(env);
    const { page } = t;
    await seed(env, page, storedEntries(bigState({ resources: 3, checkIns: 60 })));
    await gotoApp(env, page, '#/plan');
    const log = page.getByRole('list', { name: 'Connections logged' });
    await page.getByText('Showing the newest 25 of 60.').waitFor();
    assert.equal(await log.getByRole('listitem').count(), 25);
    const more = page.getByRole('button', { name: 'Show 25 older' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Showing the newest 50 of 60.').waitFor();
    assert.equal(await log.getByRole('listitem').count(), 50);
    await expectFocusOn(page, 'Show 10 older', 'focus stays on the button after showing more');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /older$/ }).waitFor({ state: 'detached' });
    assert.equal(await log.getByRole('listitem').count(), 60);
    // The button is gone: focus goes to the first connection just shown, not elsewhere.
    const focusedEntry = () => page.evaluate(() => {
      const entry = document.activeElement?.closest('li');
      return entry ? [...entry.parentElement.children].indexOf(entry) : -1;
    });
    await page.waitForFunction(() => document.activeElement?.closest('li') !== null);
    assert.equal(await focusedEntry(), 50);
    // Choosing one goal starts again from its newest connections.
    await page.getByLabel('Show connections for').selectOption({ label: 'Attend a webinar' });
    await page.getByText('Showing the newest 25 of 30.').waitFor();
    assert.equal(await log.getByRole('listitem').count(), 25);
    await expectNoAxeViolations(page, 'Plan with a long log');
    await t.done();
  });
});
