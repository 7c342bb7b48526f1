// The Trunk post-build hook (Trunk.toml). Trunk starts every hook of a stage at once, so the
// steps that must follow each other live in this one script, in order:
//   1. the Content-Security-Policy goes into index.html (which changes index.html's bytes);
//   2. sw.js is written last, listing every file of the build as it will be served.
// `node scripts/post-build.mjs DIR` runs both on an already built directory.
import { writeCsp } from './csp.mjs';
import { writeServiceWorker } from './sw.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
console.log(`CSP written with ${writeCsp(dir)} inline script hash(es).`);
// A debug build (`trunk serve`) gets the worker that caches nothing, so edits show on reload.
const { build, files } = writeServiceWorker(dir, { cache: process.env.TRUNK_PROFILE !== 'debug' });
console.log(`sw.js written: build ${build}, ${files.length} files precached.`);
