// Writes the Content-Security-Policy into the built index.html, with the SHA-256 of every inline
// script (Trunk's module loader) computed from this very build, so the policy never needs
// 'unsafe-inline' and a changed loader fails closed. Run by scripts/post-build.mjs (the Trunk
// hook), or by hand: `node scripts/csp.mjs dist`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The policy for a page whose inline scripts have these `'sha256-…'` sources. */
export function policy(hashes) {
  return [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "manifest-src 'self'",
    // The service worker (sw.js, same origin).
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Rewrites `dir`/index.html with the policy for its current inline scripts; returns how many. */
export function writeCsp(dir) {
  const file = join(dir, 'index.html');
  let html = readFileSync(file, 'utf8').replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/g, '');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
  if (!/<meta charset="utf-8">/.test(html)) throw new Error('index.html has no <meta charset="utf-8"> to follow');
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    ${meta}`);
  writeFileSync(file, html);
  return hashes.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
  console.log(`CSP written with ${writeCsp(dir)} inline script hash(es).`);
}
