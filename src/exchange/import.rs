//! Import: read an untrusted file, check every item, show what would change, then merge.
//!
//! Reading never changes anything. [`read`] turns bytes into [`Incoming`] items (each checked
//! with the same rules as typing it in; a bad item is [`Rejected`] with its reason, a bad file
//! is a [`ReadError`]). [`Preview::new`] compares them with the librarian's data by id and by
//! normalised web address. [`Preview::merge`] builds the merged state, keeping local edits
//! except where the librarian picked theirs. The edge keeps the state from before, so one
//! click undoes the whole import.

use super::bookmarks;
use super::file::{Counts, FORMAT, FORMAT_VERSION};
use crate::model::link::dedupe_key_of;
use crate::model::shelf::{clean_tags, ResourceInput, MAX_RESOURCES, MAX_TAG, MAX_TAGS};
use crate::model::text::{self, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use crate::model::words;
use crate::model::{
    ActionError, CheckIn, DateRange, Goal, GoalInput, GoalStatus, Id, Kind, Origin, Resource,
    Settings, State, MAX_GOALS, MAX_RANGES,
};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The largest export file read, in bytes. A full shelf of 5,000 described resources and
/// 2,000 check-ins is about 3 MB of pretty-printed JSON.
pub const MAX_JSON_BYTES: usize = 5 * 1024 * 1024;
/// The most check-ins read from one file.
pub const MAX_CHECK_INS: usize = 20_000;
/// The most skipped periods or pauses kept on one goal.
const MAX_MARKS: usize = 1_000;
/// The most resources one check-in links.
const MAX_LINKS: usize = 100;

/// Why a file could not be read at all. Nothing is changed when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Over the size read for its kind of file.
    #[error("This file is {size}; Branch Out reads {what} up to {limit}.", size = megabytes(*.size), limit = megabytes(*.max))]
    TooBig {
        /// Its size in bytes.
        size: usize,
        /// The most read, in bytes.
        max: usize,
        /// "export files" or "bookmark files".
        what: &'static str,
    },
    /// A bookmark file over a cap.
    #[error("{0}; nothing was imported.")]
    Bookmarks(String),
    /// Not UTF-8 text.
    #[error("This file isn't a Branch Out export: it isn't readable text ({0}).")]
    NotText(&'static str),
    /// Not JSON (or nested too deeply, or cut short).
    #[error("This file isn't a Branch Out export: {0}.")]
    NotJson(String),
    /// JSON, but not an export (another app's file, `[]`, `"hello"`).
    #[error("This file isn't a Branch Out export.")]
    NotExport,
    /// Written by a newer version of Branch Out.
    #[error("This file was written by a newer version of Branch Out (file format {0}). Update Branch Out (reload it while online), then import it again.")]
    Newer(u64),
    /// An export whose outline is damaged.
    #[error("This Branch Out export is damaged: {0}. Nothing was imported.")]
    Damaged(String),
    /// More items than Branch Out keeps.
    #[error("This file has {count} {what}; Branch Out takes at most {max}.")]
    TooMany {
        /// Which part.
        what: &'static str,
        /// How many it has.
        count: usize,
        /// The cap.
        max: usize,
    },
}

fn megabytes(bytes: usize) -> String {
    // Whole tenths of a megabyte, computed in integers so no float formatting is needed.
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
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
    /// "Goal", "Check-in", "Resource", "Settings" or "Bookmark".
    pub part: &'static str,
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
    /// Goals, if shared.
    pub goals: Option<Vec<Goal>>,
    /// Check-ins, if shared.
    pub check_ins: Option<Vec<CheckIn>>,
    /// Resources, if shared.
    pub resources: Option<Vec<Resource>>,
    /// Items left out, with reasons.
    pub rejected: Vec<Rejected>,
    /// True for a bookmark file, whose resources carry only a title, an address, tags, notes
    /// and perhaps a kind: what it can't say is taken as unknown, not as blank.
    pub partial: bool,
}

/// Reads an export file. Checks the size first, then the encoding, the format and version,
/// the counts, and finally every item.
pub fn read(bytes: &[u8]) -> Result<Incoming, ReadError> {
    if bytes.len() > MAX_JSON_BYTES {
        return Err(ReadError::TooBig {
            size: bytes.len(),
            max: MAX_JSON_BYTES,
            what: "export files",
        });
    }
    let text = decode_text(bytes)?;
    // Items stay raw text until each is read on its own, so one bad item is reported and
    // left out rather than failing the file, and no tree of the whole file is built.
    let top: HashMap<&str, &RawValue> = serde_json::from_str(text).map_err(|e| {
        if e.classify() == Category::Data {
            return ReadError::NotExport;
        }
        ReadError::NotJson(if e.to_string().contains("recursion limit") {
            "it is nested too deeply to be one".into()
        } else if e.is_eof() {
            "it ends too soon (perhaps it was cut short)".into()
        } else {
            format!("it isn't valid JSON ({e})")
        })
    })?;
    let field = |key: &str| top.get(key).copied();
    let string = |key: &str| {
        field(key)
            .and_then(|v| serde_json::from_str::<String>(v.get()).ok())
            .map(|s| {
                text::clean(&s, false)
                    .chars()
                    .take(MAX_SHORT)
                    .collect::<String>()
            })
    };
    if string("format").as_deref() != Some(FORMAT) {
        return Err(ReadError::NotExport);
    }
    let version = field("format_version")
        .and_then(|v| serde_json::from_str::<u64>(v.get()).ok())
        .ok_or_else(|| ReadError::Damaged("it has no format version".into()))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(ReadError::Newer(version));
    }
    if version == 0 {
        return Err(ReadError::Damaged("its format version is 0".into()));
    }
    let source = Source {
        kind: "Branch Out export",
        exported_by: string("exported_by").unwrap_or_default(),
        exported_at: string("exported_at").unwrap_or_default(),
    };
    let counts: Option<Counts> = match field("counts") {
        None => None,
        Some(v) => Some(
            serde_json::from_str(v.get())
                .map_err(|_| ReadError::Damaged("its item counts aren't numbers".into()))?,
        ),
    };
    let raw_contents =
        field("contents").ok_or_else(|| ReadError::Damaged("it has no contents".into()))?;
    // Well-formed contents are split into items in one pass; anything odd takes the slower
    // path that says exactly what is wrong.
    let Parts {
        settings,
        goals,
        check_ins,
        resources,
    } = match serde_json::from_str::<Parts>(raw_contents.get()) {
        Ok(parts) => parts,
        Err(_) => {
            let contents: HashMap<&str, &RawValue> = serde_json::from_str(raw_contents.get())
                .map_err(|_| ReadError::Damaged("it has no contents".into()))?;
            Parts {
                settings: contents.get("settings").copied(),
                goals: part(&contents, "goals")?,
                check_ins: part(&contents, "check_ins")?,
                resources: part(&contents, "resources")?,
            }
        }
    };
    for (what, list, max) in [
        ("goals", &goals, MAX_GOALS),
        ("check-ins", &check_ins, MAX_CHECK_INS),
        ("resources", &resources, MAX_RESOURCES),
    ] {
        let count = list.as_ref().map_or(0, Vec::len);
        if count > max {
            return Err(ReadError::TooMany { what, count, max });
        }
    }
    if let Some(c) = counts {
        let len = |p: &Option<Vec<&RawValue>>| p.as_ref().map_or(0, Vec::len);
        if (c.goals, c.check_ins, c.resources) != (len(&goals), len(&check_ins), len(&resources)) {
            return Err(ReadError::Damaged(
                "it holds a different number of items than it says (perhaps it was cut short)"
                    .into(),
            ));
        }
    }

    let mut rejected = Vec::new();
    let settings = match settings.filter(|v| v.get() != "null") {
        None => None,
        Some(v) => match item::<Settings>(v, "Settings", 1, &mut rejected) {
            Some(s) => {
                let result = check_settings(s, &mut rejected);
                checked(result, "Settings", 1, "", &mut rejected)
            }
            None => None,
        },
    };
    let goals = goals.map(|list| {
        items(list, "Goal", &mut rejected, |g: Goal| {
            let title = g.title.clone();
            (check_goal(g), title)
        })
    });
    let check_ins = check_ins.map(|list| {
        items(list, "Check-in", &mut rejected, |c: CheckIn| {
            let title = c.note.chars().take(60).collect();
            (check_check_in(c), title)
        })
    });
    let resources = resources.map(|list| {
        items(list, "Resource", &mut rejected, |r: Resource| {
            let title = r.title.clone();
            (check_resource(r), title)
        })
    });
    Ok(Incoming {
        source,
        settings,
        goals,
        check_ins,
        resources,
        rejected,
        partial: false,
    })
}

/// The largest file of any kind read; checked before a file is read at all.
pub const MAX_FILE_BYTES: usize = bookmarks::MAX_BYTES;

/// True when the bytes look like a browser's bookmark file rather than an export: it starts
/// with markup, or names the bookmark doctype early on.
pub fn is_bookmark_file(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    start.starts_with('<') || head.contains("netscape-bookmark-file")
}

/// Reads an export file or a browser's bookmark file, whichever `bytes` is. `name` is the
/// file's name (a bookmark file records it as where its items came from); `new_id` gives
/// bookmarks their ids.
pub fn read_any(
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    new_id: impl FnMut() -> Id,
) -> Result<Incoming, ReadError> {
    if is_bookmark_file(bytes) {
        read_bookmarks(bytes, name, today, new_id)
    } else {
        read(bytes)
    }
}

/// Folder names browsers give their own top-level folders, which say nothing about a link.
const BROWSER_FOLDERS: [&str; 10] = [
    "bookmarks bar",
    "bookmarks toolbar",
    "bookmarks menu",
    "other bookmarks",
    "mobile bookmarks",
    "favorites bar",
    "favourites bar",
    "favorites",
    "links",
    "imported",
];

/// Reads a browser's bookmark file (Chrome, Firefox, Edge, Safari, Internet Explorer): each
/// http or https link becomes a resource whose tags are its folders (less the browser's own)
/// and the file's tags, whose notes are its description, and whose kind is the folder Branch
/// Out's own bookmark export put it in (otherwise "other"). Any other link is left out and
/// listed with its reason.
pub fn read_bookmarks(
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    mut new_id: impl FnMut() -> Id,
) -> Result<Incoming, ReadError> {
    if bytes.len() > bookmarks::MAX_BYTES {
        return Err(ReadError::TooBig {
            size: bytes.len(),
            max: bookmarks::MAX_BYTES,
            what: "bookmark files",
        });
    }
    let text = decode_text(bytes)?;
    let parsed = bookmarks::parse(text).map_err(|e| ReadError::Bookmarks(e.to_string()))?;
    let mut rejected = Vec::new();
    let mut resources = Vec::with_capacity(parsed.bookmarks.len());
    for (i, b) in parsed.bookmarks.into_iter().enumerate() {
        let kind = match b.folders.as_slice() {
            [top, kind, ..] if top == "Branch Out" => words::KINDS
                .iter()
                .find(|(k, _, _)| words::kinds(*k) == *kind)
                .map(|(k, _, _)| *k),
            _ => None,
        };
        let folders = b.folders.iter().filter(|f| {
            let f = f.to_lowercase();
            !BROWSER_FOLDERS.contains(&f.as_str())
                && f != "branch out"
                && kind.is_none_or(|k| words::kinds(k).to_lowercase() != f)
        });
        let mut tags: Vec<String> = folders
            .chain(&b.tags)
            .map(|t| text::clean(t, false).chars().take(MAX_TAG).collect())
            .collect();
        tags = clean_tags(&tags).unwrap_or_else(|_| {
            let mut seen: Vec<String> = Vec::new();
            for t in tags {
                if seen.len() < MAX_TAGS
                    && !seen.iter().any(|s| s.to_lowercase() == t.to_lowercase())
                {
                    seen.push(t);
                }
            }
            seen
        });
        let title: String = text::clean(&b.title, false)
            .chars()
            .take(MAX_TITLE)
            .collect();
        let input = ResourceInput {
            title: if title.is_empty() {
                b.url.clone()
            } else {
                title.clone()
            },
            url: b.url,
            kind: Some(kind.unwrap_or(Kind::Other)),
            tags,
            notes: b.description.chars().take(MAX_NOTE).collect(),
            ..ResourceInput::default()
        };
        match input.into_resource(new_id(), b.added.unwrap_or(today)) {
            Ok(r) => resources.push(r),
            Err(e) => rejected.push(Rejected {
                part: "Bookmark",
                number: i + 1,
                title,
                reason: e.to_string(),
            }),
        }
    }
    Ok(Incoming {
        source: Source {
            kind: "Bookmark file",
            exported_by: text::clean(name, false).chars().take(MAX_SHORT).collect(),
            exported_at: String::new(),
        },
        resources: Some(resources),
        rejected,
        partial: true,
        ..Incoming::default()
    })
}

/// The file's text: a UTF-8 byte-order mark is dropped (serde_json does not skip one, and
/// Windows tools add it); UTF-16 and invalid UTF-8 are refused with a reason.
fn decode_text(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::NotText("it is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| ReadError::NotText("it isn't UTF-8"))
}

/// The parts of `contents`, each item still raw text.
#[derive(serde::Deserialize)]
struct Parts<'a> {
    #[serde(borrow, default)]
    settings: Option<&'a RawValue>,
    #[serde(borrow, default)]
    goals: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    check_ins: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    resources: Option<Vec<&'a RawValue>>,
}

/// One part of `contents`, split into raw items; its count is checked by the caller.
fn part<'a>(
    contents: &HashMap<&str, &'a RawValue>,
    key: &'static str,
) -> Result<Option<Vec<&'a RawValue>>, ReadError> {
    let Some(raw) = contents.get(key).filter(|v| v.get() != "null") else {
        return Ok(None);
    };
    let list: Vec<&RawValue> = serde_json::from_str(raw.get())
        .map_err(|_| ReadError::Damaged(format!("its {} aren't a list", key.replace('_', "-"))))?;
    Ok(Some(list))
}

fn item<T: DeserializeOwned>(
    raw: &RawValue,
    part: &'static str,
    number: usize,
    rejected: &mut Vec<Rejected>,
) -> Option<T> {
    match serde_json::from_str(raw.get()) {
        Ok(t) => Some(t),
        Err(e) => {
            // Only for the report: the title, if the item has a readable one.
            #[derive(serde::Deserialize)]
            struct Titled {
                title: Option<Value>,
            }
            let title = serde_json::from_str::<Titled>(raw.get())
                .ok()
                .and_then(|t| t.title)
                .and_then(|t| t.as_str().map(|t| text::clean(t, false)))
                .map(|t| t.chars().take(MAX_SHORT).collect())
                .unwrap_or_default();
            rejected.push(Rejected {
                part,
                number,
                title,
                reason: describe(&e),
            });
            None
        }
    }
}

/// A serde message in the librarian's words: which field was wrong, not where in the text.
fn describe(e: &serde_json::Error) -> String {
    let m = e.to_string();
    if let Some(field) = m.strip_prefix("missing field `") {
        return format!(
            "it has no {}",
            field.trim_end_matches('`').replace('_', " ")
        );
    }
    if m.starts_with("unknown variant") {
        return "it has a value this version doesn't know".into();
    }
    if m.contains("id must") || m.contains("an id may") {
        return "its id is not valid".into();
    }
    "it isn't in the form Branch Out writes".into()
}

fn checked<T>(
    result: Result<T, ActionError>,
    part: &'static str,
    number: usize,
    title: &str,
    rejected: &mut Vec<Rejected>,
) -> Option<T> {
    match result {
        Ok(t) => Some(t),
        Err(e) => {
            rejected.push(Rejected {
                part,
                number,
                title: title.to_owned(),
                reason: e.to_string(),
            });
            None
        }
    }
}

fn items<T: DeserializeOwned>(
    list: Vec<&RawValue>,
    part: &'static str,
    rejected: &mut Vec<Rejected>,
    check: impl Fn(T) -> (Result<T, ActionError>, String),
) -> Vec<T> {
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        if let Some(t) = item::<T>(v, part, i + 1, rejected) {
            let (result, title) = check(t);
            if let Some(t) = checked(result, part, i + 1, &title, rejected) {
                out.push(t);
            }
        }
    }
    out
}

fn check_origin(o: Option<Origin>) -> Option<Origin> {
    o.map(|o| Origin {
        from: text::clean(&o.from, false)
            .chars()
            .take(MAX_SHORT)
            .collect(),
        date: o.date,
    })
}

fn check_goal(g: Goal) -> Result<Goal, ActionError> {
    let input = GoalInput {
        title: g.title,
        notes: g.notes,
        area: g.area,
        cadence: g.cadence,
        target: g.target,
    };
    let (title, notes) = input.checked()?;
    if g.skipped.len() > MAX_MARKS || g.pauses.len() > MAX_MARKS {
        return Err(ActionError::TooMany(MAX_MARKS));
    }
    Ok(Goal {
        title,
        notes,
        origin: check_origin(g.origin),
        ..g
    })
}

fn check_check_in(c: CheckIn) -> Result<CheckIn, ActionError> {
    if c.resources.len() > MAX_LINKS {
        return Err(ActionError::TooMany(MAX_LINKS));
    }
    Ok(CheckIn {
        note: text::optional("Note", &c.note, true, MAX_NOTE)?,
        people: text::optional("People", &c.people, false, MAX_SHORT)?,
        ..c
    })
}

fn check_resource(r: Resource) -> Result<Resource, ActionError> {
    let (id, added, origin) = (r.id.clone(), r.added, r.origin.clone());
    let mut checked = ResourceInput::from(r).into_resource(id, added)?;
    checked.origin = check_origin(origin);
    Ok(checked)
}

/// The terms or breaks that pass the checks; each one that doesn't is left out with its
/// reason, so one bad date never costs the rest of the settings.
fn check_ranges(
    ranges: Vec<DateRange>,
    part: &'static str,
    rejected: &mut Vec<Rejected>,
) -> Vec<DateRange> {
    let mut out = Vec::new();
    for (i, r) in ranges.into_iter().enumerate() {
        let checked = if out.len() >= MAX_RANGES {
            Err(ActionError::TooMany(MAX_RANGES))
        } else if r.end < r.start {
            Err(ActionError::Range)
        } else {
            text::required_line("Name", &r.name, MAX_SHORT)
                .map(|name| DateRange { name, ..r.clone() })
                .map_err(ActionError::from)
        };
        match checked {
            Ok(r) => out.push(r),
            Err(e) => rejected.push(Rejected {
                part,
                number: i + 1,
                title: text::clean(&r.name, false)
                    .chars()
                    .take(MAX_SHORT)
                    .collect(),
                reason: e.to_string(),
            }),
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

fn check_settings(s: Settings, rejected: &mut Vec<Rejected>) -> Result<Settings, ActionError> {
    Ok(Settings {
        name: text::optional("Name", &s.name, false, MAX_SHORT)?,
        role: text::optional("Role", &s.role, false, MAX_SHORT)?,
        terms: check_ranges(s.terms, "Term", rejected),
        breaks: check_ranges(s.breaks, "Break", rejected),
        ..s
    })
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
    fn here(same: bool, mine: &T, theirs: T) -> Entry<T> {
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

/// Which part of the data an item belongs to, for picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// A goal.
    Goal,
    /// A check-in.
    CheckIn,
    /// A resource.
    Resource,
}

/// What importing a file would do, item by item. Nothing is applied until [`Preview::merge`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// Who sent it.
    pub source: Source,
    /// True when goals came without the check-in log: they start afresh on import.
    pub template: bool,
    /// Settings, if the file has them.
    pub settings: Option<Entry<Settings>>,
    /// Goals.
    pub goals: Vec<Entry<Goal>>,
    /// Check-ins.
    pub check_ins: Vec<Entry<CheckIn>>,
    /// Resources.
    pub resources: Vec<Entry<Resource>>,
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

/// How many items of each sort an import adds or replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// New items.
    pub new: usize,
    /// Items already here and the same.
    pub present: usize,
    /// Items here but different.
    pub changed: usize,
}

fn tally<T>(entries: &[Entry<T>]) -> Tally {
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

/// The items whose id has not appeared earlier in the file; the others are left out with a
/// reason (numbered by their place among the items read).
fn once_each<T>(
    items: Vec<T>,
    part: &'static str,
    rejected: &mut Vec<Rejected>,
    key: impl Fn(&T) -> (Id, String),
) -> Vec<T> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let (id, title) = key(&item);
        if seen.insert(id) {
            out.push(item);
        } else {
            rejected.push(Rejected {
                part,
                number: i + 1,
                title,
                reason: "its id appears earlier in this file".into(),
            });
        }
    }
    out
}

/// A bookmark matched to a resource on the shelf, with what a bookmark can't carry taken
/// from the shelf's resource, so only real differences show.
fn fill_in(theirs: Resource, mine: &Resource) -> Resource {
    let or_mine = |t: String, m: &String| if t.is_empty() { m.clone() } else { t };
    Resource {
        title: theirs.title,
        url: theirs.url,
        kind: if theirs.kind == Kind::Other {
            mine.kind
        } else {
            theirs.kind
        },
        tags: if theirs.tags.is_empty() {
            mine.tags.clone()
        } else {
            theirs.tags
        },
        notes: or_mine(theirs.notes, &mine.notes),
        ..mine.clone()
    }
}

/// The fields of a goal a template carries.
fn goal_plan(g: &Goal) -> (&str, &str, crate::model::Area, crate::model::Cadence, u32) {
    (&g.title, &g.notes, g.area, g.cadence, g.target)
}

/// A resource with the fields that are the librarian's own (where it came from, when it was
/// added, whether they starred or joined it) set aside, for comparing and replacing.
fn shared_part(r: &Resource) -> Resource {
    Resource {
        // Addresses that differ only in tracking parameters, `www.` or a trailing slash are
        // the same address.
        url: dedupe_key(r.url.as_deref()).or_else(|| r.url.clone()),
        favourite: false,
        membership: Default::default(),
        added: NaiveDate::MIN,
        origin: None,
        ..r.clone()
    }
}

/// Every address here is already normalised (checked on import, or stored by the app).
fn dedupe_key(url: Option<&str>) -> Option<String> {
    url.map(dedupe_key_of)
}

impl Preview {
    /// Compares what a file holds with `state`. Goals and check-ins match by id; resources
    /// by id, then by normalised web address.
    pub fn new(state: &State, incoming: Incoming) -> Preview {
        let Incoming {
            source,
            settings,
            goals,
            check_ins,
            resources,
            mut rejected,
            partial,
        } = incoming;
        let template = goals.is_some() && check_ins.is_none();

        let settings = settings.map(|theirs| {
            let mine = &state.settings;
            // Whether the first-run choice was made is this device's business, not a setting
            // to compare.
            let same = Settings {
                set_up: mine.set_up,
                ..theirs.clone()
            } == *mine;
            Entry::here(same, mine, theirs)
        });

        let goals: Vec<Entry<Goal>> =
            once_each(goals.unwrap_or_default(), "Goal", &mut rejected, |g| {
                (g.id.clone(), g.title.clone())
            })
            .into_iter()
            .map(|theirs| match state.goal(&theirs.id) {
                None => Entry::New(theirs),
                Some(mine) => {
                    let same = if template {
                        goal_plan(mine) == goal_plan(&theirs)
                    } else {
                        Goal {
                            origin: mine.origin.clone(),
                            ..theirs.clone()
                        } == *mine
                    };
                    Entry::here(same, mine, theirs)
                }
            })
            .collect();

        let by_id: HashMap<&Id, &Resource> = state.resources.iter().map(|r| (&r.id, r)).collect();
        let by_key: HashMap<String, &Resource> = state
            .resources
            .iter()
            .filter_map(|r| dedupe_key(r.url.as_deref()).map(|k| (k, r)))
            .collect();
        let mut seen_keys: HashSet<String> = HashSet::new();
        let mut seen_ids: HashSet<Id> = HashSet::new();
        let mut entries = Vec::new();
        // Check-ins name resources by the sender's ids; a resource matched by address is
        // known here under the local id.
        let mut renamed: HashMap<Id, Id> = HashMap::new();
        for (i, theirs) in resources.unwrap_or_default().into_iter().enumerate() {
            let key = dedupe_key(theirs.url.as_deref());
            let reject = |reason: &str| Rejected {
                part: "Resource",
                number: i + 1,
                title: theirs.title.clone(),
                reason: reason.into(),
            };
            if !seen_ids.insert(theirs.id.clone()) {
                rejected.push(reject("its id appears earlier in this file"));
                continue;
            }
            if let Some(k) = &key {
                if !seen_keys.insert(k.clone()) {
                    rejected.push(reject("its web address appears earlier in this file"));
                    continue;
                }
            }
            let at_key = key.as_ref().and_then(|k| by_key.get(k)).copied();
            let mine = match (by_id.get(&theirs.id).copied(), at_key) {
                (Some(a), Some(b)) if a.id != b.id => {
                    rejected.push(reject(&format!(
                        "it has the id of “{}” but the web address of “{}”",
                        a.title, b.title
                    )));
                    continue;
                }
                (Some(a), _) => Some(a),
                (None, b) => b,
            };
            entries.push(match mine {
                None => Entry::New(theirs),
                Some(mine) => {
                    renamed.insert(theirs.id.clone(), mine.id.clone());
                    let theirs = if partial {
                        fill_in(theirs, mine)
                    } else {
                        Resource {
                            id: mine.id.clone(),
                            ..theirs
                        }
                    };
                    Entry::here(shared_part(&theirs) == shared_part(mine), mine, theirs)
                }
            });
        }

        // What a check-in may link to once merged; other links are dropped now, as the merge
        // drops them, so the same file never looks different the second time.
        let goal_ids: HashSet<&Id> = state
            .goals
            .iter()
            .map(|g| &g.id)
            .chain(goals.iter().filter_map(Entry::added).map(|g| &g.id))
            .collect();
        let resource_ids: HashSet<Id> = state
            .resources
            .iter()
            .map(|r| r.id.clone())
            .chain(
                entries
                    .iter()
                    .filter_map(Entry::added)
                    .map(|r| r.id.clone()),
            )
            .collect();
        let check_ins = once_each(
            check_ins.unwrap_or_default(),
            "Check-in",
            &mut rejected,
            |c| (c.id.clone(), c.note.chars().take(60).collect()),
        )
        .into_iter()
        .map(|mut theirs| {
            for r in &mut theirs.resources {
                if let Some(local) = renamed.get(r) {
                    *r = local.clone();
                }
            }
            theirs.resources.retain(|r| resource_ids.contains(r));
            if theirs.goal.as_ref().is_some_and(|g| !goal_ids.contains(g)) {
                theirs.goal = None;
            }
            match state.check_ins.iter().find(|c| c.id == theirs.id) {
                None => Entry::New(theirs),
                Some(mine) => Entry::here(*mine == theirs, mine, theirs),
            }
        })
        .collect();

        Preview {
            source,
            template,
            settings,
            goals,
            check_ins,
            resources: entries,
            rejected,
        }
    }

    /// Counts of new, present and changed goals.
    pub fn goal_tally(&self) -> Tally {
        tally(&self.goals)
    }

    /// Counts of new, present and changed check-ins.
    pub fn check_in_tally(&self) -> Tally {
        tally(&self.check_ins)
    }

    /// Counts of new, present and changed resources.
    pub fn resource_tally(&self) -> Tally {
        tally(&self.resources)
    }

    /// True when importing would change nothing, whatever is picked.
    pub fn changes_nothing(&self) -> bool {
        let quiet = |t: Tally| t.new == 0 && t.changed == 0;
        quiet(self.goal_tally())
            && quiet(self.check_in_tally())
            && quiet(self.resource_tally())
            && !matches!(self.settings, Some(Entry::Changed { .. }))
    }

    /// The default picks: the librarian's own data wins everywhere, except that a device
    /// with nothing on it takes the file's settings (restoring a backup).
    pub fn default_picks(&self, state: &State) -> Picks {
        Picks {
            theirs: BTreeSet::new(),
            settings: state.is_empty() && matches!(self.settings, Some(Entry::Changed { .. })),
        }
    }

    /// The state after importing with these picks. New items are added at the end and
    /// remember where they came from; the librarian's items stay unless picked.
    pub fn merge(
        &self,
        state: &State,
        picks: &Picks,
        today: NaiveDate,
    ) -> Result<State, MergeError> {
        let mut out = state.clone();
        if picks.settings {
            if let Some(Entry::Changed { theirs, .. }) = &self.settings {
                out.settings = Settings {
                    set_up: out.settings.set_up || theirs.set_up,
                    ..theirs.clone()
                };
            }
        }
        // Items from the librarian's own file (a backup) need no note of where they came
        // from; anyone else's keep the sender's name and the day.
        let own = !self.source.exported_by.is_empty()
            && (self.source.exported_by == out.settings.name
                || self
                    .source
                    .exported_by
                    .starts_with(&format!("{}, ", out.settings.name)));
        let origin = |existing: &Option<Origin>| {
            existing.clone().or_else(|| {
                (!own).then(|| Origin {
                    from: self.source.exported_by.clone(),
                    date: today,
                })
            })
        };
        let picked = |part: Part, id: &Id| picks.theirs.contains(&(part, id.clone()));

        for e in &self.goals {
            match e {
                Entry::New(g) => {
                    let mut g = g.clone();
                    if self.template {
                        // A colleague's plan starts today for this librarian: no periods
                        // before now are due, and none of the sender's history comes along.
                        g.created = today;
                        g.status = GoalStatus::Active;
                        g.skipped.clear();
                        g.pauses.clear();
                    }
                    g.origin = origin(&g.origin);
                    out.goals.push(g);
                }
                Entry::Changed { mine, theirs } if picked(Part::Goal, &mine.id) => {
                    if let Some(g) = out.goals.iter_mut().find(|g| g.id == mine.id) {
                        if self.template {
                            g.title = theirs.title.clone();
                            g.notes = theirs.notes.clone();
                            g.area = theirs.area;
                            g.cadence = theirs.cadence;
                            g.target = theirs.target;
                        } else {
                            *g = Goal {
                                origin: g.origin.clone(),
                                ..theirs.clone()
                            };
                        }
                    }
                }
                _ => {}
            }
        }

        for e in &self.resources {
            match e {
                Entry::New(r) => {
                    let mut r = r.clone();
                    r.origin = origin(&r.origin);
                    out.resources.push(r);
                }
                Entry::Changed { mine, theirs } if picked(Part::Resource, &mine.id) => {
                    if let Some(r) = out.resources.iter_mut().find(|r| r.id == mine.id) {
                        *r = Resource {
                            favourite: r.favourite,
                            membership: r.membership,
                            added: r.added,
                            origin: r.origin.clone(),
                            ..theirs.clone()
                        };
                    }
                }
                _ => {}
            }
        }

        for e in &self.check_ins {
            match e {
                Entry::New(c) => out.check_ins.push(c.clone()),
                Entry::Changed { mine, theirs } if picked(Part::CheckIn, &mine.id) => {
                    if let Some(c) = out.check_ins.iter_mut().find(|c| c.id == mine.id) {
                        *c = theirs.clone();
                    }
                }
                _ => {}
            }
        }
        // A check-in may name a goal or resource that neither side has (the sender left it
        // out): keep the check-in, drop the dangling link.
        let goal_ids: HashSet<Id> = out.goals.iter().map(|g| g.id.clone()).collect();
        let resource_ids: HashSet<Id> = out.resources.iter().map(|r| r.id.clone()).collect();
        for c in &mut out.check_ins {
            if c.goal.as_ref().is_some_and(|g| !goal_ids.contains(g)) {
                c.goal = None;
            }
            c.resources.retain(|r| resource_ids.contains(r));
        }

        if out.goals.len() > MAX_GOALS {
            return Err(MergeError::TooMany {
                what: "goals",
                max: MAX_GOALS,
            });
        }
        if out.resources.len() > MAX_RESOURCES {
            return Err(MergeError::TooMany {
                what: "resources",
                max: MAX_RESOURCES,
            });
        }
        if out.check_ins.len() > MAX_CHECK_INS {
            return Err(MergeError::TooMany {
                what: "check-ins",
                max: MAX_CHECK_INS,
            });
        }
        if out.goals.len() > state.goals.len() {
            out.settings.set_up = true;
        }
        Ok(out)
    }
}

/// Why an import could not be applied. Nothing is changed when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// The result would hold more than Branch Out keeps.
    #[error("Importing all of this would make more than {max} {what}; nothing was imported. Remove some first, or share fewer.")]
    TooMany {
        /// Which part.
        what: &'static str,
        /// The cap.
        max: usize,
    },
}
