// Branch Out's service worker: the app works offline from the files of one build, and a new
// build takes over only when the librarian says so.
//
// scripts/sw.mjs copies this file into each build as sw.js and fills in the block below with
// every file of that build (hashed names included) and a build id. This template on its own is a
// worker that caches nothing.
//
// @generated-start
const BUILD = 'unbuilt';
const FILES = [];
// @generated-end

const SCOPE = self.registration.scope;
// Caches belong to the origin, not to the scope, so the scope is part of the name: two copies of
// Branch Out under different paths of one host never delete each other's files.
const PREFIX = 'branch-out ';
const CACHE = `${PREFIX}${BUILD} ${SCOPE}`;
const SHELL = new URL('index.html', SCOPE).href;
// Where the share sheet posts (manifest `share_target`), and the cache a shared file waits in.
const SHARE_TARGET = new URL('share-target', SCOPE).href;
const SHARED = `branch-out-shared ${SCOPE}`;
const PRECACHED = new Set(FILES.map(([path]) => new URL(path, SCOPE).href));
// Content-hashed names (Trunk's, and the build's app-<hash>/ folder of wasm and its loaders):
// the same name always means the same bytes.
const HASHED = /^app-[0-9a-f]{16}\/|-[0-9a-f]{8,}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

// All or nothing: addAll stores no file unless every file arrived with the bytes this build
// lists (each request carries its SHA-256 as `integrity`). If any fails, the install fails, the
// empty cache is dropped and the version already installed keeps serving.
async function precache() {
  const cache = await caches.open(CACHE);
  const requests = FILES.map(
    ([path, integrity]) =>
      new Request(new URL(path, SCOPE), {
        integrity,
        // A hashed file in the HTTP cache is the same bytes (the first visit just loaded it), so
        // it is not downloaded twice; anything else is revalidated so a stale copy is not taken.
        cache: HASHED.test(path) ? 'default' : 'no-cache',
      }),
  );
  try {
    await cache.addAll(requests);
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

// There is no automatic skipWaiting: a new version waits until every tab of the old one is
// closed, or until the librarian presses "Update available — reload", whose page posts this.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter(
        (name) => name.startsWith(PREFIX) && name.endsWith(` ${SCOPE}`) && name !== CACHE,
      );
      await Promise.all(old.map((name) => caches.delete(name)));
      // Claim open pages only on the very first install, when no earlier version's cache
      // existed, so no page was ever controlled. Those pages were just loaded from the network
      // from this same build, so serving their later requests from this cache cannot mix
      // versions, and the first visit is offline-ready without a reload. After an update we
      // never claim: pages the old worker controlled move to this one by themselves when it
      // activates (the page reloads only if the librarian asked), and a page that bypassed the
      // worker (a hard reload) may be running other files than these.
      if (old.length === 0) await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'POST' && request.url === SHARE_TARGET) {
    event.respondWith(receiveShared(request));
    return;
  }
  if (request.method !== 'GET') return;
  const key = cacheKey(request);
  if (key) event.respondWith(fromCache(key, request));
});

/** The cached URL that answers this request, or null to leave it to the network. */
function cacheKey(request) {
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') {
    // The app routes by hash, so any visit to the app's address is the app shell, whatever
    // the query; the shell is always the one of this build, so its files match the cache.
    url.search = '';
    if (url.href === SCOPE) return SHELL;
  }
  return PRECACHED.has(url.href) ? url.href : null;
}

async function fromCache(key, request) {
  // ignoreVary: the server varies on Accept-Encoding, which the network stack sets, not the page.
  const hit = await caches.match(key, { cacheName: CACHE, ignoreVary: true });
  // A missing entry (storage evicted under the worker) falls back to the network.
  return hit ?? fetch(request);
}

// Something shared to the installed app from the device's share sheet (manifest `share_target`,
// multipart POST). A file is kept in a cache of its own (`branch-out-shared`, which activation
// leaves alone) and the page is sent to Share, where it opens the import preview and deletes it;
// a page's title, text and address go on as a query, which opens Add resource. Nothing leaves
// the device, and it works offline.
async function receiveShared(request) {
  const to = (where) => Response.redirect(new URL(where, SCOPE).href, 303);
  let form;
  try {
    form = await request.formData();
  } catch {
    return to('./?shared-file=lost#/share');
  }
  // An empty file part (a form sent without one) is no file.
  const file = form.getAll('file').find((value) => value instanceof File && (value.size > 0 || value.name));
  if (file) {
    try {
      const cache = await caches.open(SHARED);
      const headers = {
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
      };
      await cache.put(new URL('shared-file', SCOPE).href, new Response(file, { headers }));
      return to('./?shared-file=kept#/share');
    } catch {
      return to('./?shared-file=lost#/share');
    }
  }
  const query = new URLSearchParams();
  for (const name of ['title', 'text', 'url']) {
    const value = form.get(name);
    if (typeof value === 'string' && value) query.set(name, value.slice(0, 4096));
  }
  return to(`./?${query}#/resources`);
}
