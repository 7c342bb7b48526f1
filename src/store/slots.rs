//! Two generations of the saved state, so a failed or torn write never costs the last good save.
//!
//! A save writes the new envelope to the slot that is *not* active, reads it back and compares,
//! and only then moves the `active` pointer. The pointer doubles as a compare-and-set token: a
//! save goes ahead only if the pointer is still what this tab last saw, so a stale tab never
//! writes over newer data.
//!
//! A generation is a manifest naming blocks (see [`super::blocks`]); the blocks a save adds
//! are written and read back before the manifest, and the two generations share every block
//! that did not change.

use super::blocks::{self, Cache};
use super::codec::{self, DecodeError, Decoded, Snapshot, SCHEMA};
use super::keys;
pub use super::pointer::{Pointer, Saved, Slot, Writer, LINE};
use crate::model::State;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why the backend could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The storage quota is used up.
    #[error("storage is full")]
    Quota,
    /// Anything else the browser reported.
    #[error("storage failed: {0}")]
    Other(String),
}

/// Key-value storage of strings: `localStorage` in the browser, a map in tests.
pub trait Backend {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`.
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key stored.
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// Blocks read from a backend.
struct Blocks<'a>(&'a dyn Backend);

impl blocks::Source for Blocks<'_> {
    fn block(&self, key: &str) -> Result<Option<String>, String> {
        self.0.get(key).map_err(|e| e.to_string())
    }
}

/// The name of the block stored under `key`.
fn block_name(key: &str) -> &str {
    key.strip_prefix(keys::BLOCK_PREFIX).unwrap_or(key)
}

/// The number a block's name spells, when it is a name this version writes (16 lower-case hex
/// digits, see [`blocks::name`]): two such names are equal exactly when their numbers are, and
/// a save compares every stored block with every block it names (hundreds by hundreds on a
/// large shelf), which numbers do in one step each. `None` for any other name (a key set about
/// by hand, or a name read from a damaged generation).
#[inline(never)]
fn number(name: &str) -> Option<u64> {
    if name.len() != 16 {
        return None;
    }
    name.bytes().try_fold(0u64, |n, b| {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => return None,
        };
        Some(n << 4 | u64::from(digit))
    })
}

/// Every block key stored.
fn block_keys(backend: &dyn Backend) -> Result<Vec<String>, StorageError> {
    Ok(backend
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(keys::BLOCK_PREFIX))
        .collect())
}

/// What loading found. Every variant is shown to the librarian.
// Made once per page load, so the size of the `Ready` variant costs nothing worth boxing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing stored: a first run. Nothing is written until the librarian acts.
    FirstRun(Writer),
    /// A good save.
    Ready {
        /// The data.
        snapshot: Snapshot,
        /// For the next save.
        writer: Writer,
        /// Set when the newest save was unreadable and the previous one was used instead.
        recovered: Option<Recovered>,
    },
    /// Saved by a newer version of Branch Out: open read-only, never write.
    Newer {
        /// The newer schema.
        schema: u32,
        /// The exact stored strings, for download.
        raw: Vec<(String, String)>,
    },
    /// Nothing stored is readable: recovery mode, read-only, never write.
    Unreadable {
        /// Why the newest save could not be read.
        reason: String,
        /// The exact stored strings, for download.
        raw: Vec<(String, String)>,
        /// Keys the strings were also copied to, where space allowed.
        quarantined: Vec<String>,
    },
    /// Storage could not even be read: run in memory, never write.
    Unavailable(StorageError),
}

/// The newest save was unreadable; an older one was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovered {
    /// Why the newest save was unreadable.
    pub reason: String,
    /// Where the unreadable text was copied, if it was present and space allowed.
    pub quarantined: Option<String>,
}

/// Why a save did not happen. In every case the last good save is still in storage.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// Storage is full.
    #[error("not saved: storage is full")]
    Quota,
    /// What was written did not read back the same.
    #[error("not saved: storage did not keep the data intact")]
    Verify,
    /// Another tab saved since this one loaded.
    #[error("not saved: Branch Out was changed in another tab")]
    Stale,
    /// A newer version of Branch Out saved since this one loaded.
    #[error("not saved: a newer version of Branch Out is using this data")]
    Newer,
    /// The browser reported another error.
    #[error("not saved: {0}")]
    Storage(String),
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Quota => SaveError::Quota,
            StorageError::Other(m) => SaveError::Storage(m),
        }
    }
}

fn read_slot(backend: &dyn Backend, slot: Slot) -> Result<Option<String>, StorageError> {
    backend.get(slot.key())
}

/// Copies unreadable text under a key named by its checksum, so reloading never piles up
/// copies. Best effort: a full quota just means the text stays only where it was.
fn quarantine(backend: &dyn Backend, raw: &str) -> Option<String> {
    let sum = codec::check(raw.as_bytes());
    let key = format!(
        "{}{}",
        keys::QUARANTINE_PREFIX,
        sum.trim_start_matches("fnv1a64:")
    );
    match backend.get(&key) {
        Ok(Some(existing)) if existing == raw => Some(key),
        Ok(None) => backend.set(&key, raw).ok().map(|()| key),
        _ => None,
    }
}

/// Loads the newest good save.
pub fn load(backend: &dyn Backend) -> Loaded {
    // The usual case: the pointer names a save this build reads, and it is whole. Only that
    // save is read and verified, so opening a large shelf reads its data once. The other slot
    // is the older generation (or a save that failed before the pointer moved), whatever its
    // schema: this build builds on the newest save and will replace the older one, as any
    // version does. A newer schema in the slot the pointer names still opens read-only.
    if let Some(loaded) = load_active(backend) {
        return loaded;
    }
    let read = || -> Result<_, StorageError> {
        Ok((
            backend.get(keys::ACTIVE)?,
            read_slot(backend, Slot::A)?,
            read_slot(backend, Slot::B)?,
        ))
    };
    let (pointer_text, raw_a, raw_b) = match read() {
        Ok(v) => v,
        Err(e) => return Loaded::Unavailable(e),
    };
    let pointer: Option<Pointer> = pointer_text
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok());
    let writer_for = |slot: Option<Slot>, rev: u64, raw: Option<&String>, cache: Cache| Writer {
        seen: pointer_text.clone(),
        slot,
        rev,
        check: raw.map(|r| codec::check(r.as_bytes())),
        cache,
    };

    if raw_a.is_none() && raw_b.is_none() {
        return Loaded::FirstRun(writer_for(None, 0, None, Cache::default()));
    }

    // Headers first (verified, data unread): they say whether a newer version wrote here and
    // which save to open, so only that one is decoded in the usual case.
    let peek = |raw: &Option<String>| raw.as_deref().map(codec::peek);
    let (head_a, head_b) = (peek(&raw_a), peek(&raw_b));

    let raw_pairs = || {
        [(Slot::A, &raw_a), (Slot::B, &raw_b)]
            .into_iter()
            .filter_map(|(slot, raw)| raw.clone().map(|r| (slot.key().to_owned(), r)))
            .chain(pointer_text.clone().map(|p| (keys::ACTIVE.to_owned(), p)))
            .chain(
                block_keys(backend)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|k| {
                        let v = backend.get(&k).ok()??;
                        Some((k, v))
                    }),
            )
            .collect::<Vec<_>>()
    };

    // The newer schema wins over everything: this build must not touch that data.
    for h in [&head_a, &head_b].into_iter().flatten().flatten() {
        if h.schema > SCHEMA {
            return Loaded::Newer {
                schema: h.schema,
                raw: raw_pairs(),
            };
        }
    }
    if let Some(p) = &pointer {
        if p.schema > SCHEMA {
            return Loaded::Newer {
                schema: p.schema,
                raw: raw_pairs(),
            };
        }
    }

    // The preferred slot is the one the pointer names. Without a usable pointer (deleted, cut
    // short, naming no slot) it is the newest readable save by revision, whichever slot holds
    // it (S-19). Equal revisions are told apart by `saved_at`, and a full tie opens slot A, so
    // the choice never depends on the order of reading. Nothing is written here: the pointer
    // is rewritten by the next real save, which builds on the save opened.
    let order = |h: &Option<Result<codec::Header, DecodeError>>| match h {
        Some(Ok(h)) => Some((h.rev, h.saved_at)),
        _ => None,
    };
    let preferred = match &pointer {
        Some(p) => p.slot,
        None => match (order(&head_a), order(&head_b)) {
            (Some(a), Some(b)) if b > a => Slot::B,
            (None, Some(_)) => Slot::B,
            _ => Slot::A,
        },
    };
    let (pref_raw, other_raw, other_head) = match preferred {
        Slot::A => (&raw_a, &raw_b, &head_b),
        Slot::B => (&raw_b, &raw_a, &head_a),
    };
    let decode = |raw: &Option<String>| {
        raw.as_deref()
            .map(|r| codec::decode_cached(r, &Blocks(backend)))
    };

    let reason = match decode(pref_raw) {
        Some(Ok((Decoded::Current(snapshot), cache))) => {
            let writer = writer_for(Some(preferred), snapshot.rev, pref_raw.as_ref(), cache);
            // Without a pointer nothing says an unreadable other slot is the older save, and
            // the next save goes over it: it is set aside and reported like a damaged newest.
            let recovered = match (&pointer, other_head, other_raw) {
                (None, Some(Err(e)), Some(raw)) => Some(Recovered {
                    reason: e.to_string(),
                    quarantined: quarantine(backend, raw),
                }),
                _ => None,
            };
            return Loaded::Ready {
                snapshot,
                writer,
                recovered,
            };
        }
        Some(Ok((Decoded::Newer { schema, .. }, _))) => {
            return Loaded::Newer {
                schema,
                raw: raw_pairs(),
            }
        }
        Some(Err(e)) => e.to_string(),
        None => "the newest save is missing".to_owned(),
    };

    if let Some(Ok((Decoded::Current(snapshot), cache))) = decode(other_raw) {
        let quarantined = pref_raw.as_deref().and_then(|r| quarantine(backend, r));
        let writer = writer_for(
            Some(preferred.other()),
            snapshot.rev,
            other_raw.as_ref(),
            cache,
        );
        return Loaded::Ready {
            snapshot,
            writer,
            recovered: Some(Recovered {
                reason,
                quarantined,
            }),
        };
    }

    let quarantined = [&raw_a, &raw_b]
        .into_iter()
        .flatten()
        .filter_map(|r| quarantine(backend, r))
        .collect();
    Loaded::Unreadable {
        reason,
        raw: raw_pairs(),
        quarantined,
    }
}

/// The save the pointer names, when the pointer is this build's and the save decodes whole.
/// Anything else (no pointer, a newer schema, damage, a storage error) is left to the full
/// comparison of both generations in [`load`].
fn load_active(backend: &dyn Backend) -> Option<Loaded> {
    let pointer_text = backend.get(keys::ACTIVE).ok()??;
    let pointer: Pointer = serde_json::from_str(&pointer_text).ok()?;
    if pointer.schema > SCHEMA {
        return None;
    }
    let raw = read_slot(backend, pointer.slot).ok()??;
    match codec::decode_cached(&raw, &Blocks(backend)) {
        Ok((Decoded::Current(snapshot), cache)) => Some(Loaded::Ready {
            writer: Writer {
                seen: Some(pointer_text),
                slot: Some(pointer.slot),
                rev: snapshot.rev,
                check: Some(codec::check(raw.as_bytes())),
                cache,
            },
            snapshot,
            recovered: None,
        }),
        _ => None,
    }
}

/// True when storage holds a save this writer has not seen: another tab saved (or cleared
/// the data) since this tab last read or wrote.
///
/// Besides the pointer, the slot this tab last read or wrote is compared with what it held
/// then: another tab saving in the same instant may have written its manifest there after this
/// tab's, leaving this tab's pointer over the other's save (see [`Saved`]).
pub fn changed_elsewhere(backend: &dyn Backend, writer: &Writer) -> Result<bool, StorageError> {
    if backend.get(keys::ACTIVE)? != writer.seen {
        return Ok(true);
    }
    Ok(match (writer.slot, &writer.check) {
        (Some(slot), Some(check)) => {
            let now = backend.get(slot.key())?;
            now.is_none_or(|text| codec::check(text.as_bytes()) != *check)
        }
        _ => false,
    })
}

/// A writer that may replace whatever is stored, for restoring a backup in recovery mode.
/// Only the librarian's explicit choice leads here: the unreadable strings were already
/// offered for download and copied aside where space allowed, and the slot the pointer names
/// (if it can be read) is kept as the older generation.
pub fn take_over(backend: &dyn Backend) -> Result<Writer, StorageError> {
    let current = backend.get(keys::ACTIVE)?;
    let pointer = current
        .as_deref()
        .and_then(|t| serde_json::from_str::<Pointer>(t).ok());
    Ok(Writer {
        seen: current,
        slot: pointer.as_ref().map(|p| p.slot),
        rev: pointer.map_or(0, |p| p.rev),
        check: None,
        cache: Cache::default(),
    })
}

/// Why storage now holds a save this writer has not seen, if it does: another tab saved
/// (or a newer version did). A pointer that vanished means storage was cleared under this tab;
/// the data on screen is the only copy left, so writing it back is right.
fn refuse(current: &Option<String>, writer: &Writer) -> Result<(), SaveError> {
    if *current == writer.seen || current.is_none() {
        return Ok(());
    }
    let newer = current
        .as_deref()
        .and_then(|t| serde_json::from_str::<Pointer>(t).ok())
        .is_some_and(|p| p.schema > SCHEMA);
    Err(if newer {
        SaveError::Newer
    } else {
        SaveError::Stale
    })
}

/// Saves `state` as the next generation. On any error the last good save is untouched and
/// still active.
///
/// Only the blocks that changed are written (each read back), then the manifest (read back),
/// then the pointer; blocks that neither generation names any more are removed last.
pub fn save(
    backend: &dyn Backend,
    writer: &mut Writer,
    state: &State,
    now_ms: i64,
) -> Result<(), SaveError> {
    let current = backend.get(keys::ACTIVE)?;
    refuse(&current, writer)?;
    // Blocks this tab knows of but that are gone (storage cleared, or set about by hand) are
    // written again rather than named.
    let stored = block_keys(backend)?;
    let mut numbers = Vec::with_capacity(stored.len());
    for key in &stored {
        numbers.extend(number(block_name(key)));
    }
    // (Every name the cache holds is one this version wrote.)
    writer
        .cache
        .retain(|name| number(name).is_some_and(|n| numbers.contains(&n)));
    let target = writer.slot.map_or(Slot::A, Slot::other);
    let rev = writer.rev + 1;
    let storage = |e: serde_json::Error| SaveError::Storage(e.to_string());
    let plan = blocks::plan(state, &writer.cache).map_err(storage)?;
    let text = codec::encode_manifest(&plan.manifest, rev, now_ms).map_err(storage)?;
    let check = codec::check(text.as_bytes());
    let pointer = serde_json::to_string(&Pointer {
        slot: target,
        rev,
        schema: SCHEMA,
        check: Some(check.clone()),
        line: writer
            .check
            .iter()
            .cloned()
            .chain(writer.pointer().map(|p| p.line).unwrap_or_default())
            .take(LINE)
            .collect(),
    })
    .map_err(storage)?;

    let mut added = Vec::new();
    let written = write_generation(backend, &plan.new, target, &text, &mut added).and_then(|()| {
        // Another tab may have saved while this one wrote: the last moment to step back.
        refuse(&backend.get(keys::ACTIVE)?, writer)?;
        backend.set(keys::ACTIVE, &pointer).map_err(SaveError::from)
    });
    if let Err(e) = written {
        // With no pointer yet, loading would pick the newest slot, so a first save that could
        // not be completed is taken back rather than turning up after a reload.
        if current.is_none() && writer.slot.is_none() {
            let _ = backend.remove(target.key());
        }
        for key in added {
            let _ = backend.remove(&key);
        }
        return Err(e);
    }

    // Blocks neither generation names (the overwritten one's, and any a save cut short left)
    // go. The other generation is read as stored, leniently, so a damaged one keeps its blocks.
    let older = backend.get(target.other().key()).ok().flatten();
    let older = blocks::referenced(older.as_deref().unwrap_or_default());
    let mut named = Vec::with_capacity(numbers.len());
    let names = &plan.names;
    for list in [&names.resources, &names.check_ins, &names.people, &older] {
        for name in list {
            named.extend(number(name));
        }
    }
    for key in &stored {
        let name = block_name(key);
        // Any other name can only be one the older generation (read leniently) names.
        let kept = match number(name) {
            Some(n) => named.contains(&n),
            None => older.iter().any(|n| n == name),
        };
        if !kept {
            let _ = backend.remove(key);
        }
    }
    *writer = Writer {
        seen: Some(pointer),
        slot: Some(target),
        rev,
        check: Some(check),
        cache: plan.cache,
    };
    Ok(())
}

/// Writes the new blocks (recording in `added` those that were not stored before) and the
/// manifest, reading each back.
fn write_generation(
    backend: &dyn Backend,
    new: &[(String, String)],
    target: Slot,
    manifest: &str,
    added: &mut Vec<String>,
) -> Result<(), SaveError> {
    for (key, text) in new {
        let before = backend.get(key)?;
        if before.as_deref() == Some(text.as_str()) {
            continue;
        }
        backend.set(key, text)?;
        if before.is_none() {
            added.push(key.clone());
        }
        if backend.get(key)?.as_deref() != Some(text.as_str()) {
            return Err(SaveError::Verify);
        }
    }
    backend.set(target.key(), manifest)?;
    if backend.get(target.key())?.as_deref() != Some(manifest) {
        return Err(SaveError::Verify);
    }
    Ok(())
}

/// An in-memory [`Backend`] with fault switches, for tests and fault drills.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    /// The stored strings.
    pub map: RefCell<BTreeMap<String, String>>,
    /// Total characters (keys plus values) allowed; writes past it fail with [`StorageError::Quota`].
    pub quota: Option<usize>,
    /// When set, every write keeps only this many leading bytes (a torn write).
    pub truncate_writes_to: Option<usize>,
    /// When set, every read fails.
    pub fail_reads: bool,
    /// Count of successful writes, per key.
    pub writes: RefCell<BTreeMap<String, usize>>,
}

impl MemoryBackend {
    /// A copy of what is stored.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.fail_reads {
            return Err(StorageError::Other("SecurityError".into()));
        }
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut map = self.map.borrow_mut();
        if let Some(quota) = self.quota {
            let used: usize = map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > quota {
                return Err(StorageError::Quota);
            }
        }
        let kept = match self.truncate_writes_to {
            Some(n) => value.get(..n.min(value.len())).unwrap_or(value),
            None => value,
        };
        map.insert(key.to_owned(), kept.to_owned());
        *self.writes.borrow_mut().entry(key.to_owned()).or_default() += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        if self.fail_reads {
            return Err(StorageError::Other("SecurityError".into()));
        }
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_name_is_the_number_it_spells_and_only_a_name_this_version_writes_is_one() {
        assert_eq!(number("0123456789abcdef"), Some(0x0123_4567_89ab_cdef));
        assert_eq!(number("fedcba9876543210"), Some(0xfedc_ba98_7654_3210));
        assert_eq!(number("00000000000000ff"), Some(255));
        assert_eq!(
            number(&blocks::name("a block")),
            Some(super::super::codec::fnv1a64(b"a block"))
        );
        for other in [
            "0123456789ABCDEF",
            "+123456789abcdef",
            "0123456789abcde",
            "0123456789abcdef0",
            "0123456789abcdeg",
            "0123456789abcdé",
            "",
        ] {
            assert_eq!(number(other), None, "{other}");
        }
    }
}
