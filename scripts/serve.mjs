// A small static file server for the built app: loopback only, no dependencies.
// Used by `make serve` (port 8080) and by the e2e tests and benchmark (a free port each run).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest']);
const compressed = new Map();

/** The body in the best encoding the client accepts, compressed once per file and kept. */
function encode(file, body, accept = '') {
  if (!COMPRESSIBLE.has(extname(file))) return [body, null];
  const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!enc) return [body, null];
  const key = `${enc}:${file}:${body.length}`;
  if (!compressed.has(key)) {
    compressed.set(
      key,
      enc === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }),
    );
  }
  return [compressed.get(key), enc];
}

/** Serves `dir` on 127.0.0.1:`port` (0 picks a free port). Resolves to { url, close }. */
export function startServer(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error('outside root');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const [body, encoding] = encode(file, await readFile(file), req.headers['accept-encoding']);
      // The app's folder is named by the hash of its files (scripts/wasm.mjs).
      const hashed = /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/.test(file) || /[/\\]app-[0-9a-f]{16}[/\\]/.test(file);
      res.writeHead(200, {
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        Vary: 'Accept-Encoding',
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Hashed assets never change; the page and anything unhashed is revalidated, sw.js
        // above all, so a new version is seen at once.
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      ok({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await startServer(dir, Number(port));
  console.log(`Branch Out is being served at ${url}/ (Ctrl+C to stop)`);
}
