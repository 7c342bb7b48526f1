// A librarian's worst case for the benchmark: 5,000 resources and 2,000 check-ins (and, for the
// network's run, 1,000 people and 5,000 check-ins naming them), written in the store's own
// envelope format so the app loads them as if it had saved them itself.

const KINDS = ['email-list', 'social-group', 'association', 'webinar-course', 'toolkit', 'publication', 'local-network', 'community-organisation', 'other'];
const WORDS = ['school', 'library', 'network', 'reading', 'literacy', 'teen', 'storytime', 'makerspace', 'advocacy', 'collection', 'digital', 'research', 'picture books', 'graphic novels', 'coding', 'wellbeing', 'inquiry', 'displays', 'author visits', 'partnerships'];

/** 64-bit FNV-1a of the UTF-8 bytes, as the store writes it. */
export function fnv1a64(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `fnv1a64:${h.toString(16).padStart(16, '0')}`;
}

const hex = (n) => n.toString(16).padStart(32, '0');

// Notes vary like real ones (a seeded shuffle of a larger vocabulary) rather than repeating one
// sentence, so the stored size is not flattered by compression.
const VOCABULARY = (
  'the a and of to in for with on at from about our my their this that every term week month ' +
  'met shared asked posted joined emailed called visited planned ran led read wrote found sent ' +
  'ideas lists lessons units books authors displays programs grants budgets rosters surveys ' +
  'teachers students parents principals colleagues librarians volunteers coaches families ' +
  'makerspace storytime research inquiry coding robotics podcasts zines comics poetry history ' +
  'science maths art music drama sport wellbeing literacy numeracy digital citizenship media ' +
  'collection weeding cataloguing circulation orientation induction conference webinar meetup ' +
  'district state national regional rural remote city northside southside valley coast hills'
).split(' ');
let seed = 0x9e3779b9;
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const sentence = (n) => Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
const pick = (i, list) => list[i % list.length];
const date = (i) => new Date(Date.UTC(2024, 0, 1) + (i % 1000) * 86400000).toISOString().slice(0, 10);

const FIRST = ['Sam', 'Priya', 'Jo', 'Ana', 'Li', 'Amir', 'Zoë', 'Robin', 'Kai', 'Maya', 'Tom', 'Yuki', 'Noor', 'Ben', 'Ife'];
const LAST = ['Lee', 'Natarajan', 'Park', 'Silva', 'Okafor', 'Haddad', 'Müller', 'Tanaka', 'Owens', 'Blake', 'Khan', 'Ng', 'Reyes', 'Kowalski'];
const RELATIONS = ['colleague', 'mentor', 'mentee', 'library-partner', 'list-contact', 'other'];
const KEEP = ['never', 'two-weeks', 'month', 'term', 'quarter'];

export function bigState({ resources = 5000, checkIns = 2000, people = 0 } = {}) {
  seed = 0x9e3779b9;
  const shelf = [];
  for (let i = 0; i < resources; i++) {
    const a = pick(i, WORDS);
    const b = pick(i * 7 + 3, WORDS);
    shelf.push({
      id: hex(i + 1),
      title: `${a[0].toUpperCase()}${a.slice(1)} and ${b} group ${i}`,
      url: `https://www.example${i % 97}.org/${a.replace(' ', '-')}/${i}`,
      kind: pick(i, KINDS),
      tags: [a, b, `region-${i % 12}`],
      notes: `${sentence(18)}.`,
      scope: null,
      membership: 'not-joined',
      email_list: null,
      next_date: i % 10 === 0 ? date(i) : null,
      next_label: '',
      favourite: i % 50 === 0,
      added: date(i),
    });
  }
  const goals = [
    { id: hex(900001), title: 'Reach out to a colleague', notes: '', area: 'school', cadence: 'weekly', target: 1, status: 'active', created: '2024-01-01', skipped: [], pauses: [] },
    { id: hex(900002), title: 'Attend a webinar', notes: '', area: 'online', cadence: 'monthly', target: 1, status: 'active', created: '2024-01-01', skipped: [], pauses: [] },
  ];
  const log = [];
  for (let i = 0; i < checkIns; i++) {
    log.push({
      id: hex(800000 + i),
      date: date(i),
      goal: i % 2 ? goals[0].id : goals[1].id,
      note: `${sentence(8)}.`,
      people: people ? '' : 'Sam, Priya',
      ...(people ? { with: [hex(700000 + (i % people)), hex(700000 + ((i * 7) % people))].filter((v, k, a) => a.indexOf(v) === k) } : {}),
      resources: [hex((i % resources) + 1)],
    });
  }
  const network = [];
  for (let i = 0; i < people; i++) {
    const name = `${pick(i, FIRST)} ${pick(i * 5 + 1, LAST)} ${i}`;
    network.push({
      id: hex(700000 + i),
      name,
      role: pick(i, ['Teacher librarian', 'Youth services librarian', 'Principal', 'District coordinator']),
      place: `${pick(i * 3, WORDS)} school ${i % 40}`,
      email: `person${i}@district${i % 9}.org`,
      relation: pick(i, RELATIONS),
      area: pick(i, ['school', 'district', 'state-regional', 'online', 'partnerships']),
      tags: [pick(i, WORDS)],
      notes: `${sentence(10)}.`,
      keep_in_touch: pick(i, KEEP),
      favourite: i % 40 === 0,
      added: date(i),
    });
  }
  return { settings: { set_up: true }, goals, check_ins: log, resources: shelf, ...(people ? { people: network } : {}) };
}

/** The localStorage entries holding `state` as the app's first save. */
export function storedEntries(state) {
  const data = JSON.stringify(state);
  const schema = state.people?.length ? 3 : 1;
  const envelope = `{"app":"branch-out","schema":${schema},"rev":1,"saved_at":${Date.now()},"len":${Buffer.byteLength(data, 'utf8')},"check":"${fnv1a64(data)}","data":${data}}`;
  return {
    'branch-out/v1/state.a': envelope,
    'branch-out/v1/state.active': `{"slot":"a","rev":1,"schema":${schema}}`,
  };
}

/** `state`'s resources as a Branch Out export file (format 1), as a colleague would send them. */
export function exportFile(state) {
  return JSON.stringify(
    {
      format: 'branch-out-export',
      format_version: 1,
      exported_at: '2026-11-25T00:00:00.000Z',
      exported_by: 'A colleague',
      app_version: '0.1.0',
      counts: { goals: 0, check_ins: 0, resources: state.resources.length },
      contents: { resources: state.resources },
    },
    null,
    2,
  );
}
