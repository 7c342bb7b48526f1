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

use crate::model::{CheckIn, Goal, Kind, Person, Resource, Settings, State};
use serde::{Deserialize, Serialize};

/// The `format` every export carries.
pub const FORMAT: &str = "branch-out-export";
/// The newest format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// This build's version, written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The export document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version it was written in.
    pub format_version: u32,
    /// When it was written (RFC 3339, UTC).
    pub exported_at: String,
    /// The librarian's name and role, if they set them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exported_by: String,
    /// The version of Branch Out that wrote it.
    #[serde(default)]
    pub app_version: String,
    /// How many items each part holds, so a file cut short is noticed.
    pub counts: Counts,
    /// What the librarian chose to share.
    pub contents: Contents,
}

/// Item counts, checked against the contents on import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// How many goals `contents` holds (0 when it leaves them out).
    #[serde(default)]
    pub goals: usize,
    /// How many check-ins it holds.
    #[serde(default)]
    pub check_ins: usize,
    /// How many resources it holds.
    #[serde(default)]
    pub resources: usize,
    /// How many people it holds (left out when none, as files before people were written).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub people: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The shared parts; a part left out is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contents {
    /// Settings (name, calendar, terms and breaks, look).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// The plan's goals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Vec<Goal>>,
    /// The check-in log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_ins: Option<Vec<CheckIn>>,
    /// The shelf, or the part of it chosen (one kind, one tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<Resource>>,
    /// The people in the librarian's network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<Person>>,
}

/// Which resources to share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ResourceChoice {
    /// Leave the shelf out.
    None,
    /// The whole shelf.
    #[default]
    All,
    /// Only those of one kind.
    Kind(Kind),
    /// Only those with this tag (ignoring case).
    Tag(String),
}

impl ResourceChoice {
    fn keeps(&self, r: &Resource) -> bool {
        match self {
            ResourceChoice::None => false,
            ResourceChoice::All => true,
            ResourceChoice::Kind(k) => r.kind == *k,
            ResourceChoice::Tag(t) => {
                let t = t.to_lowercase();
                r.tags.iter().any(|x| x.to_lowercase() == t)
            }
        }
    }
}

/// What goes into an export. The default is what the export dialog starts with: the plan's
/// goals and every resource, without the check-in log or the people (they name colleagues)
/// or settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The plan's goals.
    pub goals: bool,
    /// The check-in log (and with it each goal's skips and pauses).
    pub check_ins: bool,
    /// Which resources.
    pub resources: ResourceChoice,
    /// The settings: name and role, calendar, terms and breaks, look.
    pub settings: bool,
    /// The people in the network.
    pub people: bool,
}

impl Default for Choice {
    fn default() -> Self {
        Choice {
            goals: true,
            check_ins: false,
            resources: ResourceChoice::All,
            settings: false,
            people: false,
        }
    }
}

impl Choice {
    /// How many of each an export of this choice holds, counted without copying anything.
    pub fn counts(&self, state: &State) -> Counts {
        Counts {
            goals: if self.goals { state.goals.len() } else { 0 },
            check_ins: if self.check_ins {
                state.check_ins.len()
            } else {
                0
            },
            resources: state
                .resources
                .iter()
                .filter(|r| self.resources.keeps(r))
                .count(),
            people: if self.people { state.people.len() } else { 0 },
        }
    }

    /// Everything: a full backup.
    pub fn everything() -> Self {
        Choice {
            goals: true,
            check_ins: true,
            resources: ResourceChoice::All,
            settings: true,
            people: true,
        }
    }

    /// True when nothing would be shared.
    pub fn is_empty(&self) -> bool {
        !self.goals
            && !self.check_ins
            && !self.settings
            && !self.people
            && self.resources == ResourceChoice::None
    }
}

impl ExportFile {
    /// The chosen parts of `state`. `exported_at` is the current time (RFC 3339, UTC).
    ///
    /// Goals shared without the check-in log go as a template: their skipped periods and
    /// pauses only make sense beside the log, so they are left out.
    pub fn new(state: &State, choice: &Choice, exported_at: &str) -> ExportFile {
        let goals = choice.goals.then(|| {
            state
                .goals
                .iter()
                .map(|g| {
                    let mut g = g.clone();
                    if !choice.check_ins {
                        g.skipped.clear();
                        g.pauses.clear();
                    }
                    g
                })
                .collect::<Vec<_>>()
        });
        let check_ins = choice.check_ins.then(|| state.check_ins.clone());
        let resources = (choice.resources != ResourceChoice::None).then(|| {
            state
                .resources
                .iter()
                .filter(|r| choice.resources.keeps(r))
                .cloned()
                .collect::<Vec<_>>()
        });
        let people = choice.people.then(|| state.people.clone());
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
            counts: Counts {
                goals: goals.as_ref().map_or(0, Vec::len),
                check_ins: check_ins.as_ref().map_or(0, Vec::len),
                resources: resources.as_ref().map_or(0, Vec::len),
                people: people.as_ref().map_or(0, Vec::len),
            },
            contents: Contents {
                settings: choice.settings.then(|| s.clone()),
                goals,
                check_ins,
                resources,
                people,
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
