// The page's side of offline use and of what the device hands the app (imported by
// src/ui/offline.rs; wasm-bindgen ships it as a same-origin module beside the app). Kept in
// JavaScript because these are promise-and-event browser APIs that would cost more wasm as bindings than this file weighs; answers go back to
// the app as events on `window`, which Leptos's listener code (already in the app) receives.
// No function here ever throws: the app must run the same where service workers or storage
// APIs are missing.

// The colours chosen in Settings, on the page before the app has loaded (the app keeps this
// copy under branch-out/v1/look, and sets them again once it starts).
try {
  const look = localStorage.getItem('branch-out/v1/look');
  if (look === 'light' || look === 'dark') document.documentElement.setAttribute('data-theme', look);
} catch {
  // Storage blocked: the device's colours until the app starts.
}

let accepted = false;

/**
 * Registers sw.js and fires `branch-out-update` on `window` when a newer version is waiting to
 * take over this tab, or has taken it over from another tab (this tab then runs the old code).
 */
export function watchForUpdates() {
  const onUpdate = () => dispatchEvent(new Event('branch-out-update'));
  try {
    const container = navigator.serviceWorker;
    // Missing on file: and plain-http pages: the app then simply works online only.
    if (!container) return;
    let controller = container.controller;
    container.addEventListener('controllerchange', () => {
      // Reload only because the librarian pressed the button; a first install taking control
      // (controller was null) is not a new version.
      if (accepted) location.reload();
      else if (controller) onUpdate();
      controller = container.controller;
    });
    // 'none': the browser always asks the server for sw.js itself, never an HTTP-cached copy.
    container.register('./sw.js', { updateViaCache: 'none' }).then((registration) => {
      // Some browsers' policies resolve without a registration: nothing to watch then.
      if (!registration) return;
      const check = () => {
        if (registration.waiting && container.controller) onUpdate();
      };
      check();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed') check();
        });
      });
    }, () => {});
  } catch {
    // Registration refused (e.g. a sandboxed frame): the app works online only.
  }
}

/**
 * The librarian accepted the update: the waiting worker takes over, and `controllerchange`
 * reloads the page. Every change is already saved when it is made, so nothing is pending.
 */
export function applyUpdate() {
  accepted = true;
  const reload = () => location.reload();
  try {
    navigator.serviceWorker.getRegistration().then((registration) => {
      // No waiting worker: another tab already applied the update, so a reload gets it.
      if (registration?.waiting) registration.waiting.postMessage('skip-waiting');
      else reload();
    }, reload);
  } catch {
    reload();
  }
}

// What the device handed the app, kept here until the screen it belongs to takes it: a web
// page shared to Branch Out (`?title`, `?text`, `?url`, from the manifest's share target) for
// Add resource, and a file opened with Branch Out from the Files app (`launchQueue`, installed
// app in Chromium) or shared to it (the service worker kept it and sent the page here with
// `?shared-file`) for Share's import preview, or the sentence saying why that file is missing.
// This runs as the module loads, before the app reads its route, so the address already names
// the screen; the query is taken off it first, so a reload does not offer the same thing again.
// `branch-out-arrived` on `window` says a file came later. Where these APIs are missing,
// nothing happens.
let sharedPage;
let arrived;
const arrive = (thing) => {
  arrived = thing;
  if (location.hash !== '#/share') location.hash = '#/share';
  dispatchEvent(new Event('branch-out-arrived'));
};
try {
  const url = new URL(location.href);
  const query = url.searchParams;
  const page = ['title', 'text', 'url'].map((name) => query.get(name) ?? '');
  const shared = query.get('shared-file');
  if (page.some(Boolean)) {
    sharedPage = page;
    url.hash = '#/resources';
  }
  if (shared !== null) url.hash = '#/share';
  if (page.some(Boolean) || shared !== null) {
    url.search = '';
    history.replaceState(history.state, '', url.href);
  }
  if (shared === 'kept') {
    const key = new URL('shared-file', url).href;
    const lost = () => arrive('The shared file could not be read. Share it again, or choose it below.');
    caches
      .open(`branch-out-shared ${new URL('./', url).href}`)
      .then(async (cache) => {
        const kept = await cache.match(key);
        await cache.delete(key);
        if (!kept) return lost();
        const name = decodeURIComponent(kept.headers.get('X-File-Name') ?? 'shared file');
        arrive(new File([await kept.blob()], name, { type: kept.headers.get('Content-Type') ?? '' }));
      })
      .catch(lost);
  } else if (shared !== null) {
    arrive('The shared file could not be kept on this device. Share it again, or choose it below.');
  }
} catch {
  // An address the page cannot read: nothing arrived.
}
try {
  window.launchQueue?.setConsumer(async ({ files = [] }) => {
    if (files.length > 0) arrive(await files[0].getFile().catch(() => 'The opened file could not be read.'));
  });
} catch {
  // No launch queue: files open in Branch Out only through Share.
}

// Chromium's offer to install Branch Out, kept for when the librarian asks (Share says what
// installing adds); `branch-out-installable` on `window` says it came or went.
let installOffer;
addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installOffer = event;
  dispatchEvent(new Event('branch-out-installable'));
});
addEventListener('appinstalled', () => {
  installOffer = undefined;
  dispatchEvent(new Event('branch-out-installable'));
});

/** True while the browser offers to install Branch Out. */
export function canInstall() {
  return installOffer !== undefined;
}

/** Shows the browser's install prompt; resolves to true when the librarian installed it. */
export async function install() {
  const offer = installOffer;
  if (!offer) return false;
  installOffer = undefined;
  try {
    await offer.prompt();
    return (await offer.userChoice)?.outcome === 'accepted';
  } catch {
    return false;
  }
}

/** The shared web page as [title, text, url], once; undefined when there is none. */
export function takeSharedPage() {
  const page = sharedPage;
  sharedPage = undefined;
  return page;
}

/** The file that arrived (or why it is missing), once; undefined when there is none. */
export function takeArrived() {
  const thing = arrived;
  arrived = undefined;
  return thing;
}

/**
 * The automatic backup file's module (backup_file.js beside this file), loaded only when a
 * backup file is in use or offered, so it is never part of the first load.
 */
export function backupFile() {
  return import('./backup_file.js');
}

/**
 * Fires `branch-out-durable` on `window` with `detail` true when the browser keeps this site's
 * data until the librarian clears it, else false: when it may clear it, says no, throws, or has
 * no storage manager at all. With `ask`, requests it when it isn't already granted; without,
 * only looks.
 */
export function storageDurability(ask) {
  const done = (kept) => dispatchEvent(new CustomEvent('branch-out-durable', { detail: kept === true }));
  Promise.resolve()
    .then(() => navigator.storage.persisted())
    .then((kept) => (kept === true || !ask ? kept : navigator.storage.persist()))
    .then(done, () => done(false));
}

// One formatter for every "Saved at": making one per call (what Date#toLocaleString does)
// costs milliseconds on a slow Chromebook, and a save happens after each change.
let timeFormat;
// The last minute written and its text: "Saved at" follows every save, and even one kept
// formatter costs milliseconds a call on a slow Chromebook, for the same text all minute.
let lastMinute = [];

// To the minute: "Saved at" after a second change in the same minute reads the same, so the
// page neither draws it again nor has screen readers announce it after every click.
const TO_THE_MINUTE = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' };

/**
 * `ms` (since 1970) as the device's locale writes a date and time to the minute, as
 * Date#toLocaleString does with those fields. A moment no date can hold (a damaged time read
 * from storage) reads "Invalid Date", as there, rather than throwing.
 */
export function localTime(ms) {
  const minute = Math.floor(ms / 60000);
  if (minute !== lastMinute[0]) {
    let text;
    try {
      timeFormat ??= new Intl.DateTimeFormat(undefined, TO_THE_MINUTE);
      text = timeFormat.format(ms);
    } catch {
      text = new Date(ms).toLocaleString(undefined, TO_THE_MINUTE);
    }
    lastMinute = [minute, text];
  }
  return lastMinute[1];
}
