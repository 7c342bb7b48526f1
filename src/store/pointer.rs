//! The `active` pointer to the newest of the two generations, and what a tab knows of the
//! saves it read or wrote (see [`super::slots`]).

use super::blocks::Cache;
use super::keys;
use serde::{Deserialize, Serialize};

/// One of the two generations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    /// `state.a`
    A,
    /// `state.b`
    B,
}

impl Slot {
    /// Its storage key.
    pub fn key(self) -> &'static str {
        match self {
            Slot::A => keys::SLOT_A,
            Slot::B => keys::SLOT_B,
        }
    }

    pub(super) fn other(self) -> Slot {
        match self {
            Slot::A => Slot::B,
            Slot::B => Slot::A,
        }
    }
}

/// The value of the `active` key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pointer {
    /// The slot holding the newest good save.
    pub slot: Slot,
    /// That save's revision.
    pub rev: u64,
    /// That save's schema.
    pub schema: u32,
    /// The check of that save's envelope, as its writer wrote it. Absent from pointers
    /// written before it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// The checks of the saves that save was built on, the one before it first, up to
    /// [`LINE`] of them (see [`Saved`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line: Vec<String>,
}

/// How many earlier saves a pointer names in its line.
pub const LINE: usize = 8;

/// A save as one tab knows it: its revision, the check of its envelope as read or written,
/// and the line of saves it was built on.
///
/// localStorage has no compare-and-set across tabs: each tab's copy learns of another's
/// writes a moment later, so two tabs saving in the same instant can both pass the pointer
/// check and write the same revision to the same slot, and the browser keeps the later of
/// each write (even the manifest of one and the pointer of the other). The check read from
/// the slot itself tells the two saves apart, and the line tells whether a later save was
/// built on a given one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Its revision.
    pub rev: u64,
    /// The check of its envelope.
    pub check: String,
    /// The checks of the saves it was built on, the one before it first.
    pub line: Vec<String>,
}

impl Saved {
    /// Whether this save is `mine` or was built on it: false for another save of the same or
    /// an earlier revision (another tab saved in the same instant and its save replaced mine,
    /// or the data was cleared and saved again), and for a later one whose line names another
    /// save at `mine`'s revision. A save further on than its line reaches is taken to be built
    /// on mine.
    pub fn builds_on(&self, mine: &Saved) -> bool {
        if self.check == mine.check {
            return true;
        }
        if self.rev <= mine.rev {
            return false;
        }
        let back = usize::try_from(self.rev - mine.rev - 1).unwrap_or(usize::MAX);
        self.line.get(back).is_none_or(|c| *c == mine.check)
    }
}

/// What this tab knows about the last save it saw; needed to save again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Writer {
    pub(super) seen: Option<String>,
    pub(super) slot: Option<Slot>,
    pub(super) rev: u64,
    /// The check of the envelope this tab last read or wrote (in `slot`).
    pub(super) check: Option<String>,
    /// The blocks of the generation this tab last read or wrote, with their items.
    pub(super) cache: Cache,
}

impl Writer {
    /// Says that the state on screen is the one this tab just saved or read, and that every
    /// change to it from now on will be [noted](Writer::note), so the next save compares with
    /// what is stored only what those changes can have changed. Needed again after each save
    /// and each read; without it a save compares every item.
    pub fn track_changes(&mut self) {
        self.cache.track();
    }

    /// Notes a change made to the state on screen (see
    /// [`Action::reach`](crate::model::Action::reach)). Once changes are tracked, every change
    /// must be noted, before the next save.
    pub fn note(&mut self, reach: &crate::model::reach::Reach) {
        self.cache.note(reach);
    }

    /// The revision of the last save this tab read or wrote.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// The pointer this tab last read or wrote, as stored; `None` when there was none
    /// (nothing saved yet) or it could not be read.
    pub(super) fn pointer(&self) -> Option<Pointer> {
        self.seen
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
    }

    /// The last save this tab read or wrote; `None` before the first.
    pub fn saved(&self) -> Option<Saved> {
        Some(Saved {
            rev: self.rev,
            check: self.check.clone()?,
            line: self.pointer().map(|p| p.line).unwrap_or_default(),
        })
    }
}
