// The service worker's precache list against the build itself (no browser): it names exactly
// the files of dist/ but sw.js, with their real SHA-256, after the CSP step changed index.html.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Script } from 'node:vm';
import { startServer } from '../../scripts/serve.mjs';
import { precacheList } from '../../scripts/sw.mjs';

const DIST = 'dist';

function filesIn(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [relative(DIST, path).split(sep).join('/')];
  });
}

/** BUILD and FILES as written into dist/sw.js. */
function generated() {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const build = sw.match(/^const BUILD = (.*);$/m);
  const files = sw.match(/^const FILES = (.*);$/m);
  assert.ok(build && files, 'sw.js has its generated BUILD and FILES');
  return { build: JSON.parse(build[1]), files: JSON.parse(files[1]) };
}

describe('service worker precache list', () => {
  it('lists every file of the build except sw.js itself, hashed names included', () => {
    const listed = generated().files.map(([path]) => path).sort();
    const built = filesIn(DIST).filter((p) => p !== 'sw.js').sort();
    assert.deepEqual(listed, built);
    assert.ok(listed.includes('index.html'));
    // One folder per build, named by the hash of its files: the start module, its loader, the
    // lazily loaded chunks of the other screens and their loader, and the offline module.
    const app = /^app-[0-9a-f]{16}\//;
    assert.ok(listed.some((p) => app.test(p) && p.endsWith('/main_bg.wasm')), 'the start wasm');
    assert.ok(listed.some((p) => app.test(p) && p.endsWith('/main.js')), 'its loader');
    assert.ok(listed.some((p) => app.test(p) && p.endsWith('/chunks.js')), 'the chunk loader');
    const chunks = listed.filter((p) => app.test(p) && p.endsWith('.wasm') && !p.endsWith('/main_bg.wasm'));
    assert.ok(chunks.length >= 6, `a chunk per lazily loaded screen: ${chunks.join(', ')}`);
    assert.ok(listed.some((p) => app.test(p) && p.includes('/snippets/')), 'the offline module');
    assert.equal(new Set(listed.filter((p) => app.test(p)).map((p) => p.split('/')[0])).size, 1, 'one build');
  });

  it('carries the SHA-256 of each file as built, index.html with its CSP', () => {
    for (const [path, integrity] of generated().files) {
      const bytes = readFileSync(join(DIST, path));
      assert.equal(integrity, `sha256-${createHash('sha256').update(bytes).digest('base64')}`, path);
    }
    assert.match(readFileSync(join(DIST, 'index.html'), 'utf8'), /http-equiv="Content-Security-Policy"/);
  });

  it('names its cache after this build: the same list gives the same id', () => {
    assert.deepEqual(generated(), precacheList(DIST));
    assert.match(generated().build, /^[0-9a-f]{16}$/);
  });

  it('is valid JavaScript, and so is the template', () => {
    assert.doesNotThrow(() => new Script(readFileSync(join(DIST, 'sw.js'), 'utf8')));
    assert.doesNotThrow(() => new Script(readFileSync('public/sw.js', 'utf8')));
  });

  it('is served so browsers always revalidate sw.js and keep hashed files', async () => {
    const server = await startServer(DIST);
    try {
      const sw = await fetch(`${server.url}/sw.js`);
      assert.equal(sw.status, 200);
      assert.equal(sw.headers.get('cache-control'), 'no-cache');
      assert.match(sw.headers.get('content-type'), /^text\/javascript/);
      const wasm = generated().files.find(([p]) => p.endsWith('.wasm'))[0];
      const asset = await fetch(`${server.url}/${wasm}`);
      assert.match(asset.headers.get('cache-control'), /immutable/);
      await asset.arrayBuffer();
      await sw.text();
    } finally {
      await server.close();
    }
  });
});
