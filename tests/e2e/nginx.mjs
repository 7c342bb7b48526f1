// Debian's nginx serving a build under /branch-out/ with the location block README recommends
// to districts (docs/hosting/nginx.conf): gzip only, as most school servers and GitHub Pages
// send. The server is a child of the test, on 127.0.0.1 and a free port, with its own prefix;
// `stop()` ends it, and it is killed with the test process if that ends first.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
export const SUB_PATH = '/branch-out';

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function answers(url, until) {
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

/** Serves `dist` at http://127.0.0.1:PORT/branch-out/ from nginx; resolves to { url, base, stop }. */
export async function startNginx(dist = 'dist', { port } = {}) {
  const prefix = mkdtempSync(join(tmpdir(), 'branch-out-nginx-'));
  const www = join(prefix, 'www');
  mkdirSync(www);
  symlinkSync(resolve(dist), join(www, SUB_PATH.slice(1)));
  const location = readFileSync(new URL('../../docs/hosting/nginx.conf', import.meta.url), 'utf8').replace(
    'root /srv/www;',
    `root ${www};`,
  );
  port ??= await freePort();
  const root = process.getuid?.() === 0 ? 'user root;\n' : '';
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `${root}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { application/manifest+json webmanifest; }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
${location.replace(/^/gm, '    ')}
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  if (!(await answers(`${url}${SUB_PATH}/`, Date.now() + 10_000))) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not start: ${stderr}${readErrorLog(prefix)}`);
  }
  return {
    url,
    /** The app's address, without a trailing slash, as `env.base` in harness.mjs. */
    base: `${url}${SUB_PATH}`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        const ended = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function readErrorLog(prefix) {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
