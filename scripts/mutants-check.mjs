// Judges a cargo-mutants run against docs/mutants.md: prints, per file, how many mutants were
// caught, missed, unviable or timed out, and fails on any missed mutant the list does not
// excuse. A listed entry is matched by file, function and the mutation's description (never by
// line, since lines move) and excuses one missed mutant. On a run of every file, an entry that
// matched nothing also fails: the list must say only what is true.
//
//   node scripts/mutants-check.mjs full|partial docs/mutants.md <outcomes.json>...
import { readFileSync } from 'node:fs';

const [mode, listPath, ...outcomeFiles] = process.argv.slice(2);

// Entries: "- `file` `function` `description` — reason".
const entries = [];
for (const line of readFileSync(listPath, 'utf8').split('\n')) {
  const m = /^- `([^`]+)` `([^`]+)` `([^`]+)` — (.+)$/.exec(line);
  if (m) entries.push({ file: m[1], func: m[2], what: m[3], reason: m[4], used: false });
}

const perFile = new Map();
const unexcused = [];
const timeouts = [];
for (const path of outcomeFiles) {
  const { outcomes } = JSON.parse(readFileSync(path, 'utf8'));
  for (const o of outcomes) {
    const mutant = o.scenario?.Mutant;
    if (!mutant) continue; // the baseline
    const count = perFile.get(mutant.file) ?? { caught: 0, missed: 0, unviable: 0, timeout: 0, excused: 0 };
    perFile.set(mutant.file, count);
    const func = mutant.function?.function_name ?? '';
    const what = mutant.name.replace(/^[^:]+:\d+:\d+: /, '');
    switch (o.summary) {
      case 'CaughtMutant':
        count.caught++;
        break;
      case 'Unviable':
        count.unviable++;
        break;
      case 'Timeout':
        count.timeout++;
        timeouts.push(mutant.name);
        break;
      case 'MissedMutant': {
        count.missed++;
        const entry = entries.find((e) => !e.used && e.file === mutant.file && e.func === func && e.what === what);
        if (entry) {
          entry.used = true;
          count.excused++;
        } else {
          unexcused.push(`- \`${mutant.file}\` \`${func}\` \`${what}\` (line ${mutant.span.start.line})`);
        }
        break;
      }
      default:
        throw new Error(`unknown outcome ${o.summary} for ${mutant.name}`);
    }
  }
}

console.log('\nfile: viable = caught + missed (listed as equivalent) + timeouts; unviable');
for (const [file, c] of [...perFile].sort()) {
  const viable = c.caught + c.missed + c.timeout;
  console.log(
    `  ${file}: ${viable} = ${c.caught} + ${c.missed} (${c.excused}) + ${c.timeout}; ${c.unviable} unviable`,
  );
}
// A timeout means the mutant made the tests hang: they did not pass, so it counts as caught.
if (timeouts.length) console.log(`\nTimed out (the tests never passed, so caught):\n  ${timeouts.join('\n  ')}`);

let failed = false;
if (unexcused.length) {
  failed = true;
  console.log(`\nMissed mutants not listed in ${listPath} — add a test that catches each, or list it with the reason it cannot change behaviour:`);
  console.log(unexcused.join('\n'));
}
const ran = new Set(perFile.keys());
const stale = entries.filter((e) => !e.used && (mode === 'full' || ran.has(e.file)));
if (stale.length && mode === 'full') {
  failed = true;
  console.log(`\nListed in ${listPath} but not missed (caught now, or gone) — remove them:`);
  for (const e of stale) console.log(`- \`${e.file}\` \`${e.func}\` \`${e.what}\``);
}
if (failed) process.exit(1);
console.log('\nEvery mutant is caught or listed with its reason.');
