// What a first visit to Today downloads, read from a built directory: index.html, what it
// links (stylesheet, the loader's module and wasm, icons are not counted: the browser fetches
// them when idle), and every module main.js imports statically (wasm-bindgen's snippets and
// the split loader). The chunks of the other screens are not in it: they are fetched when
// first opened, or by the service worker after the app has started.
//
// `node scripts/first-load.mjs [dist]` prints the files and the totals; the size ratchet
// (tests/e2e/size.test.mjs) and the benchmark use `firstLoad`.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Compressed sizes of `body` as a server would send it: brotli 11 and gzip 9. */
export function sizes(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

const local = (ref) => !/^[a-z]+:|^\/\/|^#|^data:/i.test(ref);

/** The files of the first load, as paths relative to `dir`, in the order they are found. */
export function firstLoadFiles(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const found = ['index.html'];
  const add = (file) => {
    if (!found.includes(file)) found.push(file);
  };
  const toDir = (ref, from = '.') => relative(dir, normalize(join(dir, from, ref.split(/[?#]/)[0]))).split(sep).join('/');
  // Stylesheets, the module preload and the wasm preload; the inline loader's import.
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]*)"/.exec(tag)?.[1] ?? '';
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
    if (href && local(href) && /\b(stylesheet|modulepreload|preload)\b/.test(rel)) add(toDir(href));
  }
  for (const [, ref] of html.matchAll(/\b(?:import|from)\s*['"]([^'"]+)['"]/g)) if (local(ref)) add(toDir(ref));
  for (const [, ref] of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)) if (local(ref)) add(toDir(ref));
  // Modules imported statically by those modules, transitively (not `import()` or `new URL`).
  for (let i = 0; i < found.length; i++) {
    if (!found[i].endsWith('.js')) continue;
    const js = readFileSync(join(dir, found[i]), 'utf8');
    for (const [, ref] of js.matchAll(/(?:^|[;\n}])\s*(?:import|export)\b[^'"();]*?\bfrom\s*['"](\.[^'"]+)['"]/g)) {
      add(toDir(ref, dirname(found[i])));
    }
    for (const [, ref] of js.matchAll(/(?:^|[;\n}])\s*import\s*['"](\.[^'"]+)['"]/g)) add(toDir(ref, dirname(found[i])));
  }
  return found;
}

/** Each file of the first load with its sizes, and the totals. */
export function firstLoad(dir) {
  const files = firstLoadFiles(dir).map((name) => ({ name, ...sizes(readFileSync(join(dir, name))) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, total } = firstLoad(process.argv[2] ?? 'dist');
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log('    raw KB  gzip KB  brotli KB  file');
  for (const f of files) console.log(`${kb(f.raw)}  ${kb(f.gzip)}  ${kb(f.brotli)}    ${f.name}`);
  console.log(`${kb(total.raw)}  ${kb(total.gzip)}  ${kb(total.brotli)}    first load`);
}
