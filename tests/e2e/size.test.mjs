// The size ratchet: what a first visit to Today downloads (scripts/first-load.mjs) may not grow
// past the record in tests/first-load.json. Sizes are deterministic for a given toolchain,
// unlike timings, so this is a test and timings are not. When a change makes the start path
// smaller, lower the record in the same commit: that is how the gain is kept.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { firstLoad } from '../../scripts/first-load.mjs';

const DIST = 'dist';
const record = JSON.parse(readFileSync('tests/first-load.json', 'utf8'));
const { files, total } = firstLoad(DIST);
const listing = files.map((f) => `${f.name} ${f.brotli} B`).join(', ');

describe('the first load of Today (size ratchet)', () => {
  it('fetches only the start of the app: no chunk of another screen', () => {
    const wasm = files.filter((f) => f.name.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one wasm on the start path: ${listing}`);
    assert.match(wasm[0].name, /^app-[0-9a-f]{16}\/main_bg\.wasm$/);
    assert.ok(files.some((f) => f.name.endsWith('.css')), 'the stylesheet');
    assert.ok(files.some((f) => f.name.endsWith('/main.js')), 'the loader');
  });

  it(`stays within the recorded ${record.brotli} bytes brotli and ${record.gzip} bytes gzip`, () => {
    assert.ok(
      total.brotli <= record.brotli,
      `the first load grew to ${total.brotli} bytes brotli (record ${record.brotli}): ${listing}. ` +
        'Move what only other screens need behind a split point (src/ui/lazy.rs), or weigh it and raise the record in tests/first-load.json with the reason in the commit.',
    );
    assert.ok(total.gzip <= record.gzip, `the first load grew to ${total.gzip} bytes gzip (record ${record.gzip})`);
  });
});
