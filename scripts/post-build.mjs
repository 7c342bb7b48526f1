// The Trunk post-build hook (Trunk.toml). Trunk starts every hook of a stage at once, so the
// steps that must follow each other live in this one script, in order:
//   1. the app's wasm, split into chunks in a release build, and its loader (scripts/wasm.mjs);
//   2. the Content-Security-Policy goes into index.html (which changes index.html's bytes);
//   3. sw.js is written last, listing every file of the build as it will be served.
// `node scripts/post-build.mjs DIR` runs the last two on an already built directory.
import { buildWasm, install } from './wasm.mjs';
import { writeCsp } from './csp.mjs';
import { writeServiceWorker } from './sw.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
if (process.env.TRUNK_STAGING_DIR) {
  const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
  console.log(`wasm written: ${install(buildWasm(profile), dir)}`);
}
console.log(`CSP written with ${writeCsp(dir)} inline script hash(es).`);
// A debug build (`trunk serve`) gets the worker that caches nothing, so edits show on reload.
const { build, files } = writeServiceWorker(dir, { cache: process.env.TRUNK_PROFILE !== 'debug' });
console.log(`sw.js written: build ${build}, ${files.length} files precached.`);
