// Writes sw.js for a built directory: the template public/sw.js with the list of every file in
// the directory (hashed names included) and a build id. Run last by scripts/post-build.mjs, after
// everything else has changed the build, or by hand: `node scripts/sw.mjs DIR` (the tests use
// this to "deploy" a changed copy of the build).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('../public/sw.js', import.meta.url));
/** The block of public/sw.js that is replaced; the template itself is a valid worker that caches nothing. */
const GENERATED = /\/\/ @generated-start[\s\S]*?\/\/ @generated-end\n/;
export const SW_FILE = 'sw.js';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Every file of the build but sw.js, as [URL path relative to the app, 'sha256-…' of its bytes],
 * sorted; and the build id: a hash of that list and of the worker's own code, so any change to
 * any file, or to the worker, gives a new cache name.
 */
export function precacheList(dir, template = readFileSync(TEMPLATE, 'utf8')) {
  const files = walk(dir)
    .map((path) => [relative(dir, path).split(sep).join('/'), path])
    .filter(([name]) => name !== SW_FILE)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, path]) => [name, `sha256-${createHash('sha256').update(readFileSync(path)).digest('base64')}`]);
  const build = createHash('sha256')
    .update(JSON.stringify(files))
    .update(template)
    .digest('hex')
    .slice(0, 16);
  return { build, files };
}

/**
 * Writes `dir`/sw.js for what is in `dir` now; returns the build id and the list. With
 * `cache: false`, writes the template's worker that caches nothing.
 */
export function writeServiceWorker(dir, { cache = true } = {}) {
  const template = readFileSync(TEMPLATE, 'utf8');
  if (!GENERATED.test(template)) throw new Error(`${TEMPLATE} has no @generated-start … @generated-end block`);
  if (!cache) {
    writeFileSync(join(dir, SW_FILE), template);
    return { build: 'unbuilt', files: [] };
  }
  const { build, files } = precacheList(dir, template);
  const block = [
    '// @generated-start by scripts/sw.mjs: the files of this build and their SHA-256.',
    `const BUILD = ${JSON.stringify(build)};`,
    `const FILES = ${JSON.stringify(files)};`,
    '// @generated-end',
    '',
  ].join('\n');
  writeFileSync(join(dir, SW_FILE), template.replace(GENERATED, () => block));
  return { build, files };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
  const { build, files } = writeServiceWorker(dir);
  console.log(`sw.js written: build ${build}, ${files.length} files precached.`);
}
