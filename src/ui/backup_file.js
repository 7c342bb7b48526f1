// The automatic backup file: a file the librarian chose once (File System Access), kept equal to
// her data. Loaded with `import()` by src/ui/offline.js only when the backup file is used, so it
// is never part of the first load; scripts/wasm.mjs puts it beside offline.js in a build. The
// Rust side (src/ui/backup.rs, the `backup` chunk) sees it through typed wrappers.
//
// The chosen file's handle is kept in IndexedDB (handles can't be kept anywhere else), with the
// revision of the save last written to it and when. A copy of its name is kept in localStorage
// under branch-out/v1/backup-file, so the app knows at start, without IndexedDB, that a backup
// file is in use. Writes go through `createWritable()`, which the browser swaps in whole on
// `close()`: a write that fails leaves the file as it was. Two tabs never write at once (a Web
// Lock), and a tab never writes an older save over a newer one (the revision).
//
// Every function resolves to a status and never throws: { state, name, at, rev, check, error }, where
// state is 'off', 'on', 'paused' (the browser must be asked again), 'failed' (error: the
// DOMException's name) or 'cancelled' (the librarian closed a picker). Other tabs hear of
// changes through a BroadcastChannel. The app passes no callbacks in: a Rust closure made in
// a split chunk can't be called from JavaScript (leptos#4347), so answers come back as
// promises and events.

const FLAG = 'branch-out/v1/backup-file';
const SUGGESTED = 'Branch Out backup.json';
const TYPES = [{ description: 'Branch Out backup', accept: { 'application/json': ['.json'] } }];
const PICKER_ID = 'branch-out-backup';
const RW = { mode: 'readwrite' };

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('branch-out backup file') : null;

function request(idb) {
  return new Promise((resolve, reject) => {
    idb.onsuccess = () => resolve(idb.result);
    idb.onerror = () => reject(idb.error);
  });
}

let db;

async function store(mode) {
  if (!db) {
    const open = indexedDB.open('branch-out', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('backup-file');
    db = request(open);
    db.catch(() => {
      db = undefined;
    });
  }
  return (await db).transaction('backup-file', mode).objectStore('backup-file');
}

/** Runs a change on the store; resolves once its transaction has committed. */
async function change(act) {
  const files = await store('readwrite');
  act(files);
  return new Promise((resolve, reject) => {
    files.transaction.oncomplete = () => resolve();
    files.transaction.onerror = () => reject(files.transaction.error);
    files.transaction.onabort = () => reject(files.transaction.error);
  });
}

const read = async () => request((await store('readonly')).get('file'));
const keep = (record) => change((files) => files.put(record, 'file'));

// The flag as this tab set it, for when storage would not keep it (full or blocked).
let sessionFlag = null;

function flag() {
  try {
    return localStorage.getItem(FLAG) ?? sessionFlag;
  } catch {
    return sessionFlag;
  }
}

function status(state, record, error) {
  const r = record ?? {};
  return { state, name: r.name ?? '', at: r.at ?? 0, rev: r.rev ?? 0, check: r.check ?? '', error: error ?? '' };
}

/** A failure as a status; only a picker the librarian closed counts as 'cancelled'. */
const failure = (record, e, picker = false) =>
  status(picker && e?.name === 'AbortError' ? 'cancelled' : 'failed', record, e?.name || 'Error');

/** The record is gone: stopped (no flag), or forgotten by the browser (the flag remains). */
const missing = () => (flag() === null ? status('off') : status('failed', { name: flag() }, 'Forgotten'));

function tell(answer) {
  try {
    channel?.postMessage(answer);
  } catch {
    // No other tab hears it; each reads the state itself when it starts.
  }
  return answer;
}

async function allowed(handle, ask) {
  const now = await handle.queryPermission(RW);
  return now === 'granted' || !ask ? now : handle.requestPermission(RW);
}

/** Runs `work` while no other tab of this site runs it (where Web Locks exist). */
function alone(work) {
  return navigator.locks ? navigator.locks.request('branch-out backup file', work) : work();
}

/** True where this browser can keep a chosen file up to date. */
export function available() {
  try {
    return (
      typeof showSaveFilePicker === 'function' &&
      typeof indexedDB === 'object' &&
      typeof FileSystemFileHandle === 'function' &&
      'createWritable' in FileSystemFileHandle.prototype
    );
  } catch {
    return false;
  }
}

// What another tab chose, wrote, resumed or stopped reaches this tab's app as a
// `branch-out-backup` event on `window` with the status as `detail`. Once the flag is gone
// (stopped here or elsewhere), only 'off' is passed on.
if (channel) {
  channel.onmessage = (event) => {
    if (event.data?.state === 'off' || flag() !== null) {
      dispatchEvent(new CustomEvent('branch-out-backup', { detail: event.data }));
    }
  };
}

/** Resolves after `ms` milliseconds (the app's timer, without a Rust callback). */
export function after(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The backup file's status as this tab starts, without asking the librarian anything. */
export async function check() {
  let record;
  try {
    record = await read();
    if (!record) return missing();
    return status((await allowed(record.handle, false)) === 'granted' ? 'on' : 'paused', record);
  } catch (e) {
    return failure(record, e);
  }
}

/** `handle` becomes the backup file (inside the lock, so no write under way brings back another). */
function adopt(handle) {
  const record = { handle, name: handle.name, rev: 0, at: 0 };
  return alone(async () => {
    await keep(record);
    sessionFlag = handle.name;
    try {
      localStorage.setItem(FLAG, handle.name);
    } catch {
      // Storage full or blocked: the file is kept up to date in this session only (README).
    }
    return tell(status('on', record));
  });
}

/** The save picker (needs a click): the chosen file becomes the backup file. */
export async function choose() {
  try {
    return await adopt(await showSaveFilePicker({ suggestedName: SUGGESTED, types: TYPES, id: PICKER_ID }));
  } catch (e) {
    return failure(undefined, e, true);
  }
}

/** Asks the browser again for leave to write the file (needs a click). */
export async function resume() {
  let record;
  try {
    record = await read();
    if (!record) return missing();
    const answer = await allowed(record.handle, true);
    return tell(status(answer === 'granted' ? 'on' : 'failed', record, answer === 'granted' ? '' : 'NotAllowedError'));
  } catch (e) {
    return failure(record, e);
  }
}

/**
 * Writes `text`, the save of revision `rev` (known by `check`, the check of its text), to the file
 * while no other tab writes it. A revision older than the one the file already holds is not
 * written (another tab wrote a newer save), nor the very save it holds when `onlyIfBehind` (the
 * same revision with another check is another tab's save made at the same moment, which
 * storage may since have replaced); with `reset` (this device's saves started again from an
 * earlier revision: storage cleared, or recovered) it is written all the same.
 * Nothing is written once the flag is gone (stopped, here or in another tab).
 */
export function write(text, rev, check, onlyIfBehind, reset) {
  let record;
  const work = async () => {
    if (flag() === null) return status('off');
    record = await read();
    if (!record) return missing();
    if ((await allowed(record.handle, false)) !== 'granted') return status('paused', record);
    const holds = rev === record.rev && check === (record.check ?? '');
    if (!reset && (rev < record.rev || (onlyIfBehind && holds))) return status('on', record);
    const writable = await record.handle.createWritable();
    try {
      await writable.write(text);
      await writable.close();
    } catch (e) {
      await writable.abort().catch(() => {});
      throw e;
    }
    const written = { ...record, rev, check, at: Date.now() };
    await keep(written);
    return tell(status('on', written));
  };
  // A failed write is every tab's news: the file is the same.
  const failed = (e) => tell(failure(record, e));
  try {
    return Promise.resolve(alone(work)).catch(failed);
  } catch (e) {
    return Promise.resolve(failed(e));
  }
}

/** Forgets the backup file (the file itself stays as it is). */
export async function stop() {
  sessionFlag = null;
  try {
    localStorage.removeItem(FLAG);
  } catch {
    // Storage blocked: there is no flag to remove.
  }
  try {
    return await alone(async () => {
      await change((files) => files.delete('file'));
      return tell(status('off'));
    });
  } catch (e) {
    return failure(undefined, e);
  }
}

let opened;

/** The open picker (needs a click), for restoring: resolves to the chosen File, or a status. */
export async function open() {
  try {
    // A click's leave to open a picker lasts a few seconds; fetching this module on a slow
    // network may have used it up, and the app then asks for another click.
    if (navigator.userActivation && !navigator.userActivation.isActive) return status('failed', undefined, 'NoActivation');
    const [handle] = await showOpenFilePicker({ types: TYPES, id: PICKER_ID });
    const file = await handle.getFile();
    opened = handle;
    return file;
  } catch (e) {
    return failure(undefined, e, true);
  }
}

/** The name of the file opened for restoring, if any. */
export function openedName() {
  return opened?.name ?? '';
}

/** Keeps backing up to the file opened for restoring (needs a click: it asks leave to write). */
export async function keepOpened() {
  const handle = opened;
  try {
    if (!handle) return status('off');
    if ((await allowed(handle, true)) !== 'granted') return status('failed', handle, 'NotAllowedError');
    opened = undefined;
    return await adopt(handle);
  } catch (e) {
    return failure(handle, e);
  }
}
