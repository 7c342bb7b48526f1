// People in Chromium: add, edit, search, filter, star, archive and remove with Undo; links only
// through the safe types; the contacts file; people left out of sharing unless chosen, kept in
// every backup, and a colleague's list imported through the preview with a conflict (P-01…P-04,
// S-20).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, gotoApp, open, start, storage, storedState } from './harness.mjs';

const people = (page) => page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ has: page.getByRole('heading') });

/** Fills and saves the Add a person dialog; returns the dialog (closed when saved). */
async function addPerson(page, fields) {
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill(fields.name);
  if (fields.role) await dialog.getByLabel('Role (optional)').fill(fields.role);
  if (fields.place) await dialog.getByLabel('Where they work (optional)').fill(fields.place);
  if (fields.email) await dialog.getByLabel('Email (optional)').fill(fields.email);
  if (fields.url) await dialog.getByLabel('Web page (optional)').fill(fields.url);
  if (fields.relation) await dialog.getByLabel('How you know each other').selectOption({ label: fields.relation });
  if (fields.keep) await dialog.getByLabel('Keep in touch').selectOption({ label: fields.keep });
  if (fields.tags) await dialog.getByLabel('Tags (separated by commas)').fill(fields.tags);
  await dialog.getByRole('button', { name: 'Save person' }).click();
  return dialog;
}

const stored = storedState;

describe('people', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  it('adds, finds, stars, archives and removes people with Undo, and writes a contacts file', async () => {
    const t = await open(env);
    const { page } = t;
    await t.context.clock.setFixedTime(new Date('2026-11-25T10:00:00'));
    await gotoApp(env, page, '#/people');
    await page.getByText('Nobody here yet.').waitFor();
    await expectNoAxeViolations(page, 'the empty People screen');

    let dialog = await addPerson(page, {
      name: 'Sam Lee',
      role: 'Teacher librarian',
      place: 'Northside Primary',
      email: 'Sam@Northside.EDU',
      relation: 'Mentor',
      keep: 'Every month',
      tags: 'makerspace, district',
    });
    await dialog.waitFor({ state: 'hidden' });
    dialog = await addPerson(page, {
      name: 'Priya Natarajan',
      place: 'Riverside Public Library',
      email: 'priya@riverside.org',
      url: 'riverside.org/staff/priya',
      relation: 'Library partner',
    });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Showing 2 people of 2.').waitFor();

    // A hostile address is refused in words, and nothing is added.
    dialog = await addPerson(page, { name: 'Mallory', email: 'x@y.org?bcc=everyone@district.org' });
    await dialog.getByRole('alert').filter({ hasText: 'not an email address' }).waitFor();
    await expectNoAxeViolations(page, 'the person dialog with an error');
    await dialog.getByLabel('Email (optional)').fill('');
    await dialog.getByLabel('Web page (optional)').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'only http and https links are allowed' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Showing 2 people of 2.').waitFor();

    // Links only through the safe types: mailto: for email, http(s) for a web page.
    assert.equal(await page.getByRole('link', { name: 'Sam@northside.edu' }).getAttribute('href'), 'mailto:Sam@northside.edu');
    const web = page.getByRole('link', { name: 'Web page' });
    assert.equal(await web.getAttribute('href'), 'https://riverside.org/staff/priya');
    assert.equal(await web.getAttribute('rel'), 'noopener noreferrer');
    await expectNoAxeViolations(page, 'the People screen with two people');

    // Search as you type (ignoring case), and filters.
    await page.getByLabel('Search people').fill('RIVERSIDE');
    await page.getByText('Showing 1 person of 2.').waitFor();
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Priya Natarajan']);
    await page.getByLabel('Search people').fill('makerspace');
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Sam Lee']);
    await page.getByLabel('Search people').fill('');
    await page.getByLabel('Relationship').selectOption({ label: 'Library partner' });
    await page.getByText('Showing 1 person of 2.').waitFor();
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Priya Natarajan']);
    await page.getByLabel('Relationship').selectOption({ label: 'Any relationship' });

    // Star Priya: starred come first.
    await page.getByRole('button', { name: 'Star Priya Natarajan' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Star Priya Natarajan"]')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Priya Natarajan', 'Sam Lee']);

    // Edit.
    await page.getByRole('button', { name: 'Edit Sam Lee' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit person' });
    await expectNoAxeViolations(page, 'the edit person dialog');
    assert.equal(await dialog.getByLabel('Email (optional)').inputValue(), 'Sam@northside.edu');
    await dialog.getByLabel('Role (optional)').fill('District library coordinator');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('District library coordinator · Northside Primary · Mentor').waitFor();

    // Archive and Undo; archive again and find them under Archived.
    await page.getByRole('button', { name: 'Archive Priya Natarajan' }).click();
    await page.getByText('Showing 1 person of 2.').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Showing 2 people of 2.').waitFor();
    await page.getByRole('button', { name: 'Archive Priya Natarajan' }).click();
    await page.getByLabel('Show').selectOption({ label: 'Archived' });
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Priya Natarajan']);
    await page.getByLabel('Show').selectOption({ label: 'Everyone current' });

    // The contacts file holds everyone current, as vCard 3.0.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download contacts (.vcf)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'branch-out-contacts.vcf');
    const vcf = await readFile(await download.path(), 'utf8');
    assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:3\.0\r\nFN:Sam Lee\r\nN:Lee;Sam;;;\r\n/);
    assert.ok(vcf.includes('EMAIL;TYPE=INTERNET:Sam@northside.edu\r\n'), vcf);
    assert.ok(vcf.includes('CATEGORIES:Mentor,makerspace,district\r\n'), vcf);
    assert.ok(!vcf.includes('Priya'), 'archived people stay out of the contacts file');

    // Remove and Undo: back exactly (once the archiving is stored).
    for (let i = 0; i < 50 && !stored(await storage(page)).data.people?.some((p) => p.archived); i++) {
      await page.waitForTimeout(100);
    }
    const before = stored(await storage(page)).data.people;
    await page.getByRole('button', { name: 'Remove Sam Lee' }).click();
    await page.getByText('Removed Sam Lee from your network.').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { name: 'Sam Lee' }).waitFor();
    // The screen follows at once; the save follows the paint, so wait for it to be stored.
    const expected = JSON.stringify(before);
    await page.waitForFunction(() => localStorage.getItem('branch-out/v1/state.active') !== null);
    for (let i = 0; i < 50 && JSON.stringify(stored(await storage(page)).data.people) !== expected; i++) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(stored(await storage(page)).data.people, before);

    // Stored in schema 4 (blocks), so a version before people opens it read-only; kept after a reload.
    const all = await storage(page);
    assert.equal(JSON.parse(all['branch-out/v1/state.active']).schema, 4);
    assert.equal(stored(all).schema, 4);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByText('Showing 1 person of 2.').waitFor();
    await t.done();
  });

  it('leaves people out of sharing unless chosen, backs them up, and imports a colleague’s list', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/people');
    const dialog = await addPerson(page, { name: 'Sam Lee', email: 'sam@northside.edu', relation: 'Colleague' });
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Share', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Share' }).waitFor();
    await page.getByText('The file will hold 0 goals, 0 resources.').waitFor();
    let [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download file' }).click(),
    ]);
    let file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(file.contents.people, undefined, 'people are off by default');
    assert.ok(!JSON.stringify(file).includes('Sam Lee'));

    const tick = page.getByLabel('People (your network\'s names and contact details)');
    await tick.check();
    await page.getByText('The file will hold 0 goals, 0 resources, 1 person.').waitFor();
    await expectNoAxeViolations(page, 'Share with People ticked');
    await tick.uncheck();

    [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Back up everything' }).click(),
    ]);
    file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(file.counts.people, 1);
    assert.equal(file.contents.people[0].name, 'Sam Lee');

    // A mentor hands over the district's contacts: Sam under another id with a new role, and
    // someone new.
    const list = {
      format: 'branch-out-export',
      format_version: 1,
      exported_at: '2026-11-20T09:00:00Z',
      exported_by: 'Alex Kim, District coordinator',
      counts: { people: 2 },
      contents: {
        people: [
          { id: 'a0000000000000000000000000000001', name: 'Sam Lee', email: 'SAM@northside.edu', role: 'Makerspace lead', added: '2026-09-01' },
          { id: 'a0000000000000000000000000000002', name: 'Jordan Blake', email: 'jordan@district.org', relation: 'mentor', added: '2026-09-01' },
        ],
      },
    };
    await page.getByLabel('Choose a file to import').setInputFiles({
      name: 'district-contacts.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(list)),
    });
    const preview = page.getByRole('dialog');
    await preview.getByRole('heading', { name: 'Import from Alex Kim, District coordinator' }).waitFor();
    await preview.getByText('2 people: 1 new, 0 already here, 1 different').waitFor();
    await expectNoAxeViolations(page, 'the import preview of a contacts list');
    await preview.getByLabel('Use theirs for “Sam Lee”').check();
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await preview.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByText('Showing 2 people of 2.').waitFor();
    await page.getByText('Makerspace lead · Colleague').waitFor();
    await people(page).getByText('Mentor', { exact: true }).waitFor();
    assert.deepEqual(await people(page).getByRole('heading').allInnerTexts(), ['Jordan Blake', 'Sam Lee']);

    // A contacts file from Google Contacts (V-01): its contacts arrive through the same
    // preview; a hostile web address is left out and said so.
    const google = await readFile(new URL('../../../shared/fixtures/vcard/gmail-single-all-fields.vcf', import.meta.url), 'utf8');
    const vcf = google + [
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Robin Okafor', 'N:Okafor;Robin;;;',
      'EMAIL;TYPE=INTERNET:robin.okafor@district.org', 'ORG:Eastside High School', 'TITLE:Teacher librarian',
      'URL:javascript:alert(1)', 'NOTE:Runs the district book club\\, Thursdays', 'CATEGORIES:myContacts', 'END:VCARD', '',
    ].join('\r\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Share', exact: true }).click();
    await page.getByLabel('Choose a file to import').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
    await preview.getByText('2 people: 2 new, 0 already here, 0 different').waitFor();
    await preview.getByText(/only http and https links are kept/).waitFor();
    await expectNoAxeViolations(page, 'the import preview of a contacts file');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await preview.waitFor({ state: 'hidden' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByText('Showing 4 people of 4.').waitFor();
    await page.getByText('Teacher librarian · Eastside High School · Colleague').waitFor();
    assert.equal(await page.getByRole('link', { name: 'email@example.com' }).getAttribute('href'), 'mailto:email@example.com');
    await page.getByText('Runs the district book club, Thursdays').waitFor();
    await t.done();
  });

  it('reminds on Today who to reconnect with, logs a connection with two people, and snoozes', async () => {
    const t = await open(env);
    const { page } = t;
    // Added three weeks ago, on the starter plan.
    await t.context.clock.setFixedTime(new Date('2026-11-04T10:00:00'));
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with these goals' }).click();
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    await gotoApp(env, page, '#/people');
    for (const name of ['Sam Lee', 'Priya Natarajan', 'Jo Park']) {
      const dialog = await addPerson(page, { name, keep: 'Every 2 weeks' });
      await dialog.waitFor({ state: 'hidden' });
    }
    await addPerson(page, { name: 'Ana Silva', keep: 'No reminder' }).then((d) => d.waitFor({ state: 'hidden' }));

    await t.context.clock.setFixedTime(new Date('2026-11-25T10:00:00'));
    await gotoApp(env, page, '#/today');
    const reconnect = page.getByRole('region', { name: 'Reconnect' });
    await reconnect.getByText('You added Jo Park 3 weeks ago and haven\'t logged a connection yet.').waitFor();
    assert.equal(await reconnect.getByRole('listitem').count(), 3, 'Ana has no reminder');
    await expectNoAxeViolations(page, 'Today with Reconnect');

    // One step from the reminder: Sam is chosen; Priya is found and ticked; saved together.
    await reconnect.getByRole('button', { name: 'Log a connection with Sam Lee' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a connection' });
    await dialog.getByLabel('Date').waitFor();
    assert.ok(await dialog.getByRole('checkbox', { name: 'Sam Lee' }).isChecked());
    await dialog.getByLabel('Find someone in your network').fill('priya');
    await dialog.getByRole('checkbox', { name: 'Priya Natarajan' }).check();
    // Someone new, added on the spot and chosen.
    await dialog.getByLabel('Someone new (their name)').fill('Jordan Blake');
    await dialog.getByRole('button', { name: 'Add to your network' }).click();
    await dialog.getByText('Added Jordan Blake to your network and chose them.').waitFor();
    assert.ok(await dialog.getByRole('checkbox', { name: 'Jordan Blake' }).isChecked());
    // A connection logged here moves the goal most in need: the weekly one.
    assert.notEqual(await dialog.getByLabel('Counts towards').inputValue(), '');
    await dialog.getByLabel('What happened (optional)').fill('Coffee after the district meeting');
    await expectNoAxeViolations(page, 'the log dialog with people');
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reconnect.getByRole('listitem').first().waitFor();
    assert.equal(await reconnect.getByRole('listitem').count(), 1, 'Sam and Priya are done; Jo is left');
    await page.getByText('1 of 1 this week. Done for this week.').waitFor();

    // Not now: Jo waits two weeks; Undo brings the reminder back; waiting again empties it.
    await reconnect.getByRole('button', { name: /^Not now \(until .*\): Jo Park$/ }).click();
    await reconnect.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await reconnect.getByText(/Jo Park/).first().waitFor();
    await reconnect.getByRole('button', { name: /^Not now/ }).click();
    await reconnect.waitFor({ state: 'detached' });

    // The log names the people.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByText('With: Sam Lee, Priya Natarajan, Jordan Blake').waitFor();

    // A person's connections, newest first; nobody is due now that Jo waits.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    const sam = people(page).filter({ has: page.getByRole('heading', { name: 'Sam Lee' }) });
    await sam.getByText('Connections with Sam Lee (1)').click();
    await sam.getByText(/Nov 25, 2026 · .*: Coffee after the district meeting/).waitFor();
    await expectNoAxeViolations(page, 'People with a connection open');
    await page.getByLabel('Show').selectOption({ label: 'Due to reconnect' });
    await page.getByText('Nobody matches.').waitFor();
    await t.done();
  });

  it('turns the names written in old check-ins into people, only those ticked, with Undo', async () => {
    const t = await open(env);
    const { page } = t;
    await gotoApp(env, page, '#/today');
    await page.getByRole('button', { name: 'Start with an empty plan' }).click();
    for (const who of ['Sam Lee, Priya', 'sam lee and the council']) {
      await page.getByRole('button', { name: 'Log a connection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Log a connection' });
      await dialog.getByLabel('Date').waitFor();
      await dialog.getByText('This connection will count towards no goal.').waitFor();
      await dialog.getByLabel('Anyone else, by name (optional)').fill(who);
      await dialog.getByRole('button', { name: 'Save connection' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await gotoApp(env, page, '#/settings');
    const names = page.getByRole('region', { name: 'Names in your log' });
    await names.getByLabel('Sam Lee (2 check-ins)').waitFor();
    await names.getByLabel('Priya (1 check-in)').waitFor();
    await names.getByLabel('the council (1 check-in)').waitFor();
    await expectNoAxeViolations(page, 'Settings with names in the log');
    const before = stored(await storage(page)).data;
    await names.getByLabel('Sam Lee (2 check-ins)').check();
    await names.getByRole('button', { name: 'Add the ticked names to People' }).click();
    await page.getByText('1 person is now in your network, named in the check-ins that mentioned them.').waitFor();
    const after = stored(await storage(page)).data;
    assert.equal(after.people.length, 1);
    assert.equal(after.people[0].name, 'Sam Lee');
    assert.deepEqual(after.check_ins.map((c) => [c.people ?? '', (c.with ?? []).length]), [['Priya', 1], ['the council', 1]]);
    await names.getByLabel('Priya (1 check-in)').waitFor();
    assert.equal(await names.getByLabel(/Sam Lee/).count(), 0);

    // Undo puts back exactly what was there.
    await page.getByRole('button', { name: 'Undo' }).click();
    await names.getByLabel('Sam Lee (2 check-ins)').waitFor();
    assert.deepEqual(stored(await storage(page)).data, before);
    await t.done();
  });
});
