//! Resources as a part of the export file. They match by id, then by normalised web
//! address, so the same list saved by two librarians is one resource.

use super::check::check_origin;
use super::part::Pick;
use super::part::{by_id_then_key, Item};
use super::types::{Entry, Matching, Part, Preview};
use crate::model::link::dedupe_key_of;
use crate::model::shelf::{ResourceInput, MAX_RESOURCES};
use crate::model::words as fmt;
use crate::model::{ActionError, Id, Kind, Origin, Resource, State};
use chrono::NaiveDate;

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

impl Pick<Resource> for ResourceChoice {
    const ALL: Self = ResourceChoice::All;
    const NONE: Self = ResourceChoice::None;

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

impl Item for Resource {
    const PART: Part = Part::Resource;
    const NOUNS: (&'static str, &'static str) = ("resource", "resources");
    const MAX: usize = MAX_RESOURCES;
    const ALWAYS_COUNTED: bool = true;
    type Choice = ResourceChoice;
    const SHARED_AT_FIRST: bool = true;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Title", self.title.clone()),
            ("Address", self.url.clone().unwrap_or_default()),
            ("Kind", fmt::kind(self.kind).into()),
            ("Tags", self.tags.join(", ")),
            ("Notes", self.notes.clone()),
            (
                "Scope",
                self.scope.map(fmt::scope).unwrap_or_default().into(),
            ),
            (
                "List address",
                self.email_list
                    .as_ref()
                    .map(|e| e.address.clone())
                    .unwrap_or_default(),
            ),
            (
                "Next date",
                self.next_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("What's on", self.next_label.clone()),
        ]
    }

    fn check(self) -> Result<Self, ActionError> {
        let (id, added, origin) = (self.id.clone(), self.added, self.origin.clone());
        let mut checked = ResourceInput::from(self).into_resource(id, added)?;
        checked.origin = check_origin(origin);
        Ok(checked)
    }

    fn of(state: &State) -> &[Self] {
        &state.resources
    }

    fn of_mut(state: &mut State) -> &mut Vec<Self> {
        &mut state.resources
    }

    fn summary(resources: &[Self]) -> (String, Vec<String>) {
        let lines = resources
            .iter()
            .map(|r| match &r.url {
                Some(u) => format!("- {} ({}): {u}", r.title, fmt::kind(r.kind)),
                None => format!("- {} ({})", r.title, fmt::kind(r.kind)),
            })
            .collect();
        (format!("Resources ({})", resources.len()), lines)
    }

    /// By id, then by normalised address.
    fn preview(theirs: Vec<Self>, m: &mut Matching, _so_far: &Preview) -> Vec<Entry<Self>> {
        by_id_then_key(
            theirs,
            m,
            "web address",
            |r| dedupe_key(r.url.as_deref()),
            |theirs, mine, partial| {
                let theirs = if partial {
                    fill_in(theirs, mine)
                } else {
                    Resource {
                        id: mine.id.clone(),
                        ..theirs
                    }
                };
                let same = shared_part(&theirs) == shared_part(mine);
                (theirs, same)
            },
        )
    }

    fn arrive(&mut self, _template: bool, _today: NaiveDate, from: Option<&Origin>) {
        if self.origin.is_none() {
            self.origin = from.cloned();
        }
    }

    /// What is the librarian's own (the star, membership, when it was added, where it
    /// came from) stays.
    fn take_theirs(&mut self, theirs: &Self, _template: bool) {
        *self = Resource {
            favourite: self.favourite,
            membership: self.membership,
            added: self.added,
            origin: self.origin.clone(),
            ..theirs.clone()
        };
    }
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
