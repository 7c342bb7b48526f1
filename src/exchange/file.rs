//! The export file: the one document librarians swap by email and keep as a backup.
//!
//! Format 1 (documented with an example in `docs/export-format.md`; the fixture
//! `tests/fixtures/export-v1.json` must import in every later version):
//!
//! ```json
//! {
//!   "format": "branch-out-export",
//!   "format_version": 1,
//!   "exported_at": "2026-11-25T09:30:00Z",
//!   "exported_by": "Sam Lee, Northside Primary",
//!   "app_version": "0.1.0",
//!   "counts": { "goals": 1, "check_ins": 0, "resources": 1 },
//!   "contents": { "goals": [ … ], "resources": [ … ] }
//! }
//! ```
//!
//! A part the librarian left out is absent from `contents`, which is how an importer tells
//! "not shared" from "shared and empty".

pub use super::import::ResourceChoice;
use super::import::{each, EachPart, Item, Lists, Numbers, Parts, Pick, Picked};
pub use super::{FORMAT, FORMAT_VERSION};
use crate::model::{Settings, State};
use serde::Serialize;

/// This build's version, written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The export document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version it was written in.
    pub format_version: u32,
    /// When it was written (RFC 3339, UTC).
    pub exported_at: String,
    /// The librarian's name and role, if they set them.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub exported_by: String,
    /// The version of Branch Out that wrote it.
    pub app_version: String,
    /// How many items each part holds, so a file cut short is noticed.
    pub counts: Counts,
    /// What the librarian chose to share.
    pub contents: Contents,
}

/// Item counts, checked against the contents on import: a number for each listed part
/// (0 when the file leaves it out).
pub type Counts = Parts<Numbers>;

/// The shared parts; a part left out is absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Contents {
    /// Settings (name, calendar, terms and breaks, look).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// Each listed part's items, or `None` when left out.
    #[serde(flatten)]
    pub parts: Parts<Lists>,
}

/// What goes into an export. The default is what the export dialog starts with (each part's
/// [`Item::SHARED_AT_FIRST`]): the plan's goals and every resource, without the check-in log
/// or the people (they name colleagues) or settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Which of each listed part's items.
    pub parts: Parts<Picked>,
    /// The settings: name and role, calendar, terms and breaks, look.
    pub settings: bool,
}

impl Default for Choice {
    fn default() -> Self {
        Choice::each(|at_first| at_first, false)
    }
}

impl Choice {
    /// Every part (`all(shared at first)` says whether it goes whole or is left out) and
    /// the settings if `settings`.
    fn each(all: fn(bool) -> bool, settings: bool) -> Self {
        struct Fill(Parts<Picked>, fn(bool) -> bool);
        impl EachPart for Fill {
            fn part<P: Item>(&mut self) {
                *P::get_mut(&mut self.0) = if (self.1)(P::SHARED_AT_FIRST) {
                    <P::Choice as Pick<P>>::ALL
                } else {
                    <P::Choice as Pick<P>>::NONE
                };
            }
        }
        let mut fill = Fill(Parts::default(), all);
        each(&mut fill);
        Choice {
            parts: fill.0,
            settings,
        }
    }

    /// How many of each an export of this choice holds, counted without copying anything.
    pub fn counts(&self, state: &State) -> Counts {
        struct Count<'a>(&'a State, &'a Parts<Picked>, Counts);
        impl EachPart for Count<'_> {
            fn part<P: Item>(&mut self) {
                *P::get_mut(&mut self.2) = P::chosen(self.0, self.1).unwrap_or(0);
            }
        }
        let mut count = Count(state, &self.parts, Counts::default());
        each(&mut count);
        count.2
    }

    /// Everything: a full backup.
    pub fn everything() -> Self {
        Choice::each(|_| true, true)
    }

    /// True when nothing would be shared.
    pub fn is_empty(&self) -> bool {
        struct Empty<'c>(&'c Parts<Picked>, bool);
        impl EachPart for Empty<'_> {
            fn part<P: Item>(&mut self) {
                self.1 &= *P::get(self.0) == <P::Choice as Pick<P>>::NONE;
            }
        }
        let mut empty = Empty(&self.parts, !self.settings);
        each(&mut empty);
        empty.1
    }
}

impl ExportFile {
    /// The chosen parts of `state`, as each part's [`Item::exported`] gives them.
    /// `exported_at` is the current time (RFC 3339, UTC).
    pub fn new(state: &State, choice: &Choice, exported_at: &str) -> ExportFile {
        struct Export<'a> {
            state: &'a State,
            choice: &'a Choice,
            counts: Counts,
            parts: Parts<Lists>,
        }
        impl EachPart for Export<'_> {
            fn part<P: Item>(&mut self) {
                let items = P::exported(self.state, &self.choice.parts);
                *P::get_mut(&mut self.counts) = items.as_ref().map_or(0, Vec::len);
                *P::get_mut(&mut self.parts) = items;
            }
        }
        let mut export = Export {
            state,
            choice,
            counts: Counts::default(),
            parts: Parts::default(),
        };
        each(&mut export);
        let s = &state.settings;
        let exported_by = match (s.name.is_empty(), s.role.is_empty()) {
            (true, _) => String::new(),
            (false, true) => s.name.clone(),
            (false, false) => format!("{}, {}", s.name, s.role),
        };
        ExportFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            exported_at: exported_at.into(),
            exported_by,
            app_version: APP_VERSION.into(),
            counts: export.counts,
            contents: Contents {
                settings: choice.settings.then(|| s.clone()),
                parts: export.parts,
            },
        }
    }

    /// The file's text: pretty-printed JSON in a fixed field order, so the same state gives
    /// the same bytes and a librarian can read it.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs into a String cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A file name such as `branch-out-2026-11-25.json`.
    pub fn file_name(&self) -> String {
        let day = self.exported_at.get(..10).unwrap_or("export");
        format!("branch-out-{day}.json")
    }
}
