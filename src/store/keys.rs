//! The storage keys. All live under one namespace with a layout version, so other apps on the
//! same origin and later layouts never collide with these.

/// Prefix of every key Branch Out writes.
pub const NAMESPACE: &str = "branch-out/v1/";
/// The two generations of the saved state.
pub const SLOT_A: &str = "branch-out/v1/state.a";
/// See [`SLOT_A`].
pub const SLOT_B: &str = "branch-out/v1/state.b";
/// Which slot holds the newest good save, with its revision and schema.
pub const ACTIVE: &str = "branch-out/v1/state.active";
/// Prefix of the blocks the generations are stored in (see `store::blocks`).
pub const BLOCK_PREFIX: &str = "branch-out/v1/block.";
/// Prefix of copies of unreadable data set aside for the librarian.
pub const QUARANTINE_PREFIX: &str = "branch-out/v1/quarantine.";
/// The colours chosen in Settings, copied out of the state so the page takes them before the
/// app has loaded (read by `src/ui/offline.js`). Only a copy: the state is what counts, and
/// the key is absent while the device's colours are followed.
pub const LOOK: &str = "branch-out/v1/look";
/// Set once the librarian has put away the note about installing Branch Out (Share). Not part
/// of the state or of any export: it belongs to this browser.
pub const INSTALL_NOTE: &str = "branch-out/v1/install-note";
/// The name of the automatic backup file, while one is in use (written by
/// `src/ui/backup_file.js`, which keeps the file's handle in IndexedDB). Not part of the state
/// or of any export: it belongs to this browser.
pub const BACKUP_FILE: &str = "branch-out/v1/backup-file";
