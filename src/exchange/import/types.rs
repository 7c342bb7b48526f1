//! What an import reads and shows: the file's items, how each compares with the librarian's
//! data, what was left out, and the picks. Plain data; the work is in the sibling modules.

use super::part::{Entries, Lists, Parts};
use crate::model::{Id, Settings, State};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// A part of a file that an import reports on: the listed parts (see
/// [`Item`](super::Item)), settings, the terms and breaks inside them, and a bookmark file's
/// links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// A goal of the plan.
    Goal,
    /// A check-in.
    CheckIn,
    /// A resource on the shelf.
    Resource,
    /// A person in the network.
    Person,
    /// The settings as a whole (name, role, calendar, look).
    Settings,
    /// A school term in the settings.
    Term,
    /// A school break in the settings.
    Break,
    /// A link in a browser's bookmark file.
    Bookmark,
}

impl Part {
    /// The word the preview uses for one item of this part, capitalised ("Check-in").
    pub fn name(self) -> &'static str {
        match self {
            Part::Goal => "Goal",
            Part::CheckIn => "Check-in",
            Part::Resource => "Resource",
            Part::Person => "Person",
            Part::Settings => "Settings",
            Part::Term => "Term",
            Part::Break => "Break",
            Part::Bookmark => "Bookmark",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who sent a file and when, as the file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// "Branch Out export" or "Bookmarks file".
    pub kind: &'static str,
    /// The sender's name as the file gives it; may be empty.
    pub exported_by: String,
    /// When it was written, as the file gives it (RFC 3339); may be empty.
    pub exported_at: String,
}

/// An item that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The part it belongs to.
    pub part: Part,
    /// Its position in the file, from 1.
    pub number: usize,
    /// Its title, if it had a readable one.
    pub title: String,
    /// Why it was left out.
    pub reason: String,
}

/// Everything read from a file, every item already checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Incoming {
    /// Who sent it.
    pub source: Source,
    /// Settings, if shared.
    pub settings: Option<Settings>,
    /// Each listed part's items, if shared.
    pub parts: Parts<Lists>,
    /// Items left out, with reasons.
    pub rejected: Vec<Rejected>,
    /// True for a bookmark file, whose resources carry only a title, an address, tags, notes
    /// and perhaps a kind: what it can't say is taken as unknown, not as blank.
    pub partial: bool,
}

/// How an incoming item compares with the librarian's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry<T> {
    /// Not here yet; importing adds it.
    New(T),
    /// Already here, the same.
    Present,
    /// Already here, but different. `theirs` carries the local id, so picking it replaces
    /// the local item in place.
    Changed {
        /// The librarian's item.
        mine: T,
        /// The file's version.
        theirs: T,
    },
}

impl<T: Clone> Entry<T> {
    /// An item that is already here: [`Entry::Present`] when `same`, else the two side by side.
    pub fn here(same: bool, mine: &T, theirs: T) -> Entry<T> {
        if same {
            Entry::Present
        } else {
            Entry::Changed {
                mine: mine.clone(),
                theirs,
            }
        }
    }
}

impl<T> Entry<T> {
    /// The item, when it is new.
    pub fn added(&self) -> Option<&T> {
        match self {
            Entry::New(t) => Some(t),
            _ => None,
        }
    }

    /// Mine and theirs, when they differ.
    pub fn changed(&self) -> Option<(&T, &T)> {
        match self {
            Entry::Changed { mine, theirs } => Some((mine, theirs)),
            _ => None,
        }
    }
}

/// What importing a file would do, item by item. Nothing is applied until
/// [`Preview::merge`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// Who sent it.
    pub source: Source,
    /// True when goals came without the check-in log: they start afresh on import.
    pub template: bool,
    /// Settings, if the file has them.
    pub settings: Option<Entry<Settings>>,
    /// Each listed part's items in the file, compared as the part's [`Item`](super::Item)
    /// impl compares them.
    pub parts: Parts<Entries>,
    /// Items left out, with reasons.
    pub rejected: Vec<Rejected>,
}

/// The items whose file version the librarian picked over their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picks {
    /// (part, local id) of each changed item to replace with theirs.
    pub theirs: BTreeSet<(Part, Id)>,
    /// Use the file's settings.
    pub settings: bool,
}

/// How many items of one part an import adds, finds here, or finds changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// New items.
    pub new: usize,
    /// Items already here and the same.
    pub present: usize,
    /// Items here but different.
    pub changed: usize,
}

impl Tally {
    /// Counts the entries of one part.
    pub fn of<T>(entries: &[Entry<T>]) -> Tally {
        let mut t = Tally::default();
        for e in entries {
            match e {
                Entry::New(_) => t.new += 1,
                Entry::Present => t.present += 1,
                Entry::Changed { .. } => t.changed += 1,
            }
        }
        t
    }

    /// Every item of the part in the file.
    pub fn total(&self) -> usize {
        self.new + self.present + self.changed
    }
}

/// What matching one part against the librarian's data needs from the parts before it.
pub struct Matching<'a> {
    /// The librarian's data.
    pub state: &'a State,
    /// Goals came without the check-in log.
    pub template: bool,
    /// The file is a bookmark file (see [`Incoming::partial`]).
    pub partial: bool,
    /// The file's ids of items known here under another id (a resource matched by address),
    /// so later parts that link to them follow.
    pub renamed: HashMap<Id, Id>,
    /// Items left out so far.
    pub rejected: Vec<Rejected>,
}
