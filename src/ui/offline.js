// The page's side of offline use (imported by src/ui/offline.rs; wasm-bindgen ships it as a
// same-origin module beside the app). Kept in JavaScript because these are promise-and-event
// browser APIs that would cost more wasm as bindings than this file weighs; answers go back to
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
