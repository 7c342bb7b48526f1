// The resource shelf in Chromium: add, edit, search, filter, refuse unsafe links, duplicates,
// the starter library, linking check-ins, and accessibility of the shelf and its dialog.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addResource, expectNoAxeViolations, gotoApp, open, start, storage } from './harness.mjs';

const shelf = (page) => page.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ has: page.getByRole('heading') });

describe('resource shelf', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('adds, edits, searches and filters, and keeps the shelf after a reload', async () => {
    const t = await open(env);
    const { page } = t;
    await t.context.clock.setFixedTime(new Date('2026-11-25T10:00:00'));
    await gotoApp(env, page, '#/resources');
    await expectNoAxeViolations(page, 'the empty shelf and starter library');
    let dialog = await addResource(page, {
      title: 'LM_NET',
      url: 'www.lm-net.info/about.html',
      kind: 'Email list',
      tags: 'lists, worldwide',
    });
    await dialog.waitFor({ state: 'hidden' });
    dialog = await addResource(page, {
      title: 'Résumé clinic',
      url: 'https://аpple.com/clinic',
      kind: 'Webinar or course',
      notes: 'Career help',
      next: '2026-12-03',
      nextLabel: 'Next session',
    });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('2 resources on your shelf.').waitFor();

    // Links are http(s) only, open in a new tab without an opener, and show an ASCII host.
    const link = page.getByRole('link', { name: 'Résumé clinic' });
    assert.equal(await link.getAttribute('href'), 'https://xn--pple-43d.com/clinic');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');
    await page.getByText('(xn--pple-43d.com)').waitFor();
    assert.equal(await page.getByRole('link', { name: 'LM_NET' }).getAttribute('href'), 'https://www.lm-net.info/about.html');

    // Search ignores case and accents.
    await page.getByLabel('Search your shelf').fill('RESUME');
    await page.getByText('1 of 2 resources match.').waitFor();
    assert.deepEqual(await shelf(page).getByRole('heading').allInnerTexts(), ['Résumé clinic (xn--pple-43d.com)']);
    await page.getByLabel('Search your shelf').fill('');
    await page.getByLabel('Kind', { exact: true }).first().selectOption({ label: 'Email list' });
    await page.getByText('1 of 2 resources match.').waitFor();
    await page.getByLabel('Kind', { exact: true }).first().selectOption({ label: 'All kinds' });
    await page.getByLabel('Tag', { exact: true }).selectOption('worldwide');
    assert.deepEqual(await shelf(page).getByRole('heading').allInnerTexts(), ['LM_NET (www.lm-net.info)']);
    await page.getByLabel('Tag', { exact: true }).selectOption('');

    // Star, then show starred only.
    const star = page.getByRole('button', { name: 'Star “LM_NET”' });
    await star.click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Star “LM_NET”"]')?.getAttribute('aria-pressed') === 'true');
    await page.getByLabel('Starred only').check();
    await page.getByText('1 of 2 resources match.').waitFor();
    // Unstarring it there takes it out of the results: focus goes to the search box, never to
    // another resource's star.
    await page.getByRole('button', { name: 'Star “LM_NET”' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('0 of 2 resources match.').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'shelf-search');
    await page.getByLabel('Starred only').uncheck();
    await page.getByRole('button', { name: 'Star “LM_NET”' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Star “LM_NET”"]')?.getAttribute('aria-pressed') === 'true');

    // Edit.
    await page.getByRole('button', { name: 'Edit “LM_NET”' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit resource' });
    await expectNoAxeViolations(page, 'the resource dialog');
    await dialog.getByLabel('List address').fill('lm_net@listserv.syr.edu');
    await dialog.getByRole('button', { name: 'Save resource' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('List address: lm_net@listserv.syr.edu').waitFor();

    // Today shows the date coming up.
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    await page.getByRole('heading', { name: 'Coming up' }).waitFor();
    await page.getByText('Résumé clinic: Next session').waitFor();

    await page.reload();
    await gotoApp(env, page, '#/resources');
    await page.getByText('2 resources on your shelf.').waitFor();
    await expectNoAxeViolations(page, 'the shelf');
    await t.done();
  });

  it('refuses a javascript: link with a reason, no dialog and nothing saved (X-01)', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/resources');
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(document.domain)', 'data:text/html,<script>alert(1)</script>']) {
      const dialog = await addResource(page, { title: 'Looks harmless', url });
      await dialog.getByRole('alert').getByText('only http and https links are allowed').waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
    assert.deepEqual(await storage(page), {}, 'nothing was saved');
    assert.equal(await page.locator('a[href^="javascript"], a[href^="data"]').count(), 0);
    await t.done();
  });

  it('spots a duplicate address and offers the existing resource', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/resources');
    await (await addResource(page, { title: 'AASL', url: 'https://www.ala.org/aasl/' })).waitFor({ state: 'hidden' });
    const dialog = await addResource(page, { title: 'School librarians association', url: 'http://ala.org/aasl?utm_source=mail' });
    await dialog.getByText('“AASL” is already on your shelf at that address').waitFor();
    await dialog.getByRole('button', { name: 'Open the existing one' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit resource' });
    await edit.waitFor();
    assert.equal(await edit.getByLabel('Title').inputValue(), 'AASL');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('1 resource on your shelf.').waitFor();
    await t.done();
  });

  it('adds from the starter library one by one or all of a kind, and says when there is no address', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/resources');
    await page.getByRole('button', { name: 'Add to my shelf: OzTLNet (OZTL_NET)' }).click();
    await page.getByText('1 resource on your shelf.').waitFor();
    await page.getByLabel('Library kind').selectOption({ label: 'Email list' });
    await page.getByLabel('Library region').selectOption('AU');
    await page.getByText('No confirmed web address yet — search for it by name.').first().waitFor();
    await page.getByRole('button', { name: /^Add all email lists/ }).click();
    await page.getByText('3 resources on your shelf.').waitFor();
    assert.equal(await page.getByText('On your shelf', { exact: true }).count(), 3);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('1 resource on your shelf.').waitFor();
    await t.done();
  });

  it('links a resource to a logged connection', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/resources');
    await page.getByRole('button', { name: 'Add to my shelf: ALSC webinars and online courses' }).click();
    await gotoApp(env, page, '#/plan');
    await page.getByRole('button', { name: 'Log a connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a connection' });
    await dialog.getByLabel('What happened (optional)').fill('Attended the ALSC webinar');
    await dialog.getByLabel('Find a resource on your shelf').fill('alsc');
    // By keyboard: the box keeps focus when ticked, so it can be unticked and ticked again.
    const box = dialog.getByLabel('ALSC webinars and online courses');
    await box.focus();
    await page.keyboard.press('Space');
    assert.ok(await box.isChecked());
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'ticking a resource keeps focus on it');
    await page.keyboard.press('Space');
    assert.ok(!(await box.isChecked()));
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('Resources: ALSC webinars and online courses').waitFor();
    await t.done();
  });
});
