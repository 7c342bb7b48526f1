// Builds the app's wasm and puts it, with its loader, into a built directory. Run by
// scripts/post-build.mjs (the Trunk hook) before the CSP and sw.js steps; Trunk itself only
// builds the page, the stylesheet and the copied files, because it cannot split a wasm.
//
// Release (`trunk build --release`):
//   1. cargo builds the app with `--features split` and `--emit-relocs`, into target/app so
//      clippy and the tests keep their own build cache;
//   2. wasm-split-cli cuts it at the split points of src/ui/lazy.rs: the main module (the shell
//      and Today), one module per split point and shared chunks, and the chunk loader
//      (chunks.js), which fetches a module the first time one of its functions is called;
//   3. wasm-bindgen (`--keep-lld-exports`, which the chunks link against) writes main.js;
//   4. wasm-opt shrinks every module, and terser the JavaScript.
// Debug (`trunk serve`): one unsplit wasm, no wasm-opt, so rebuilds stay quick.
//
// Everything goes into one folder named by a hash of all its files, `app-<hash>/`: the
// modules of one build only work with each other, so a new build gets new names for all of
// them, and a page never mixes two builds. index.html gets the loader and preload links.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = join(ROOT, 'target', 'app');
const MARKER = '<!-- @app-loader: scripts/wasm.mjs writes the loader here -->';
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Panic messages name the source file of every crate with the full path of cargo's registry
 * on the machine that built it (`/home/…/.cargo/registry/src/index.crates.io-…/tachys-…`):
 * written as `tachys-…/src/…` instead, the wasm is smaller and the same on every machine.
 */
function remapRegistry() {
  const registry = join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'registry', 'src');
  if (!existsSync(registry)) return [];
  return readdirSync(registry).map((index) => `--remap-path-prefix=${join(registry, index)}/=`);
}

/** The rustflags every wasm32 build uses (.cargo/config.toml), plus `extra`. */
function rustflags(extra) {
  // RUSTFLAGS replaces the config's flags rather than adding to them, so both are passed.
  return ['--cfg', 'erase_components', ...remapRegistry(), ...extra].join(' ');
}

/** Builds the wasm for `profile` into a fresh folder; returns the folder. */
export function buildWasm(profile) {
  const release = profile === 'release';
  const out = join(TARGET, 'out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const cargo = ['build', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'branch-out', '--target-dir', TARGET];
  if (release) cargo.push('--release', '--features', 'split');
  run('cargo', cargo, { RUSTFLAGS: rustflags(release ? ['-Clink-args=--emit-relocs'] : []) });
  const artifact = join(TARGET, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'branch-out.wasm');

  let input = artifact;
  if (release) {
    const split = join(TARGET, 'split');
    rmSync(split, { recursive: true, force: true });
    run('wasm-split-cli', [artifact, split]);
    input = join(split, 'main.wasm');
    for (const name of readdirSync(split)) {
      if (name !== 'main.wasm') cpSync(join(split, name), join(out, name));
    }
  }
  const bindgen = ['--target', 'web', '--no-typescript', '--out-name', 'main', '--out-dir', out];
  if (release) bindgen.push('--keep-lld-exports');
  else bindgen.push('--debug', '--keep-debug');
  run('wasm-bindgen', [...bindgen, input]);
  // Modules the snippets load with `import()` (never part of the first load): wasm-bindgen
  // copies only the snippets it links, so these go beside the one that imports them.
  for (const offline of walk(out).filter((f) => f.endsWith(join('src', 'ui', 'offline.js')))) {
    cpSync(join(ROOT, 'src', 'ui', 'backup_file.js'), join(offline, '..', 'backup_file.js'));
  }
  if (release) {
    // The chunk loader is written as __wasm_split.js; hosts that hide names starting with an
    // underscore (GitHub Pages' Jekyll, some filters) would lose it, so it is renamed. Only
    // the module's path changes: the wasm still names its imports by the old path, as keys
    // of the import object, which main.js fills from the renamed file.
    const mainJs = join(out, 'main.js');
    const linked = readFileSync(mainJs, 'utf8');
    const importLine = /from "\.\/__wasm_split\.js"/g;
    if (!importLine.test(linked)) throw new Error('main.js does not import the chunk loader ./__wasm_split.js');
    writeFileSync(mainJs, linked.replace(importLine, 'from "./chunks.js"'));
    renameSync(join(out, '__wasm_split.js'), join(out, 'chunks.js'));
    for (const file of walk(out).filter((f) => f.endsWith('.wasm'))) {
      run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, file, '-o', file]);
    }
    // The loader, the chunk loader and the offline module, minified as ES modules (exports,
    // property names and the import object's keys are kept; local names shrink).
    for (const file of walk(out).filter((f) => f.endsWith('.js'))) {
      run('terser', [file, '--module', '--compress', '--mangle', '--output', file]);
    }
  }
  return out;
}

/** `sha384-…` of a file, for the page's integrity attributes. */
function sri(path) {
  return `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
}

/**
 * Copies the built folder into `dir` as `app-<hash>/` and writes the loader into
 * `dir`/index.html in place of the marker; returns the folder's name.
 */
export function install(out, dir) {
  const files = walk(out).map((path) => relative(out, path).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update('\0').update(readFileSync(join(out, name)));
  const folder = `app-${hash.digest('hex').slice(0, 16)}`;
  for (const old of readdirSync(dir).filter((n) => /^app-[0-9a-f]{16}$/.test(n))) {
    rmSync(join(dir, old), { recursive: true, force: true });
  }
  cpSync(out, join(dir, folder), { recursive: true });

  const js = `./${folder}/main.js`;
  const wasm = `./${folder}/main_bg.wasm`;
  const loader = [
    `<link rel="modulepreload" href="${js}" crossorigin="anonymous" integrity="${sri(join(out, 'main.js'))}">`,
    `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="${sri(join(out, 'main_bg.wasm'))}">`,
    `<script type="module">import init from '${js}';await init({module_or_path:'${wasm}'});</script>`,
  ].join('\n    ');
  const page = join(dir, 'index.html');
  const html = readFileSync(page, 'utf8');
  if (!html.includes(MARKER)) throw new Error(`index.html has no ${MARKER}`);
  writeFileSync(page, html.replace(MARKER, () => loader));
  return folder;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
  const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html`);
  console.log(`wasm written: ${install(buildWasm(profile), dir)}`);
}
