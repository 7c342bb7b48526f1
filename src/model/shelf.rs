//! Actions on the shelf of resources: checking what is typed, duplicates, and undo.

use super::error::ActionError;
use super::link::{dedupe_key_of, SafeUrl};
use super::search::fold;
use super::text::{self, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use super::{EmailList, Id, Kind, Membership, Resource, Scope, State};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The most tags on one resource.
pub const MAX_TAGS: usize = 30;
/// The longest tag, in characters.
pub const MAX_TAG: usize = 64;
/// The most resources on a shelf.
pub const MAX_RESOURCES: usize = 20_000;

/// Actions on the shelf, kept in their own enum so the plan's stay readable. Adding and
/// changing carry resources already checked ([`ResourceInput::check`]), so applying them
/// never parses an address: the screens that build them do, and the code that applies every
/// action (on the start path of the app) stays small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShelfAction {
    /// Add a resource.
    Add(Checked),
    /// Add several resources (from the starter library), skipping any already on the shelf.
    AddMany(Vec<Checked>),
    /// Change a resource: its fields become the checked ones, keeping when it was added and
    /// where it came from.
    Edit(Checked),
    /// Star or unstar a resource.
    Favourite {
        /// Which one.
        id: Id,
        /// Starred or not.
        favourite: bool,
    },
    /// Remove resources; check-ins that linked them no longer do.
    Delete {
        /// Which ones.
        ids: Vec<Id>,
    },
    /// Put deleted resources back exactly (the undo of a delete).
    Restore {
        /// Each resource with its place on the shelf, in ascending order of place.
        items: Vec<(usize, Resource)>,
        /// Check-ins that linked them, with their links as they were.
        links: Vec<(Id, Vec<Id>)>,
    },
}

/// The fields of a resource the librarian edits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceInput {
    /// Title (required).
    pub title: String,
    /// Web address as typed; empty for none.
    pub url: String,
    /// What sort of resource.
    pub kind: Option<Kind>,
    /// Tags, as typed.
    pub tags: Vec<String>,
    /// The librarian's notes, as typed.
    pub notes: String,
    /// How far it reaches.
    pub scope: Option<Scope>,
    /// Whether the librarian belongs.
    pub membership: Membership,
    /// Email list details.
    pub email_list: Option<EmailList>,
    /// The next meeting, webinar or renewal, if any.
    pub next_date: Option<NaiveDate>,
    /// What happens then.
    pub next_label: String,
    /// Starred.
    pub favourite: bool,
}

/// Cleans tags: controls removed, blanks dropped, duplicates (ignoring case) dropped, capped.
pub fn clean_tags(tags: &[String]) -> Result<Vec<String>, ActionError> {
    let mut out: Vec<String> = Vec::new();
    let mut lowered: Vec<String> = Vec::new();
    for t in tags {
        let t = text::optional("A tag", t, false, MAX_TAG)?;
        let lower = t.to_lowercase();
        if !t.is_empty() && !lowered.contains(&lower) {
            // Stopping at the cap keeps a hostile file with a million tags linear.
            if out.len() == MAX_TAGS {
                return Err(ActionError::TooMany(MAX_TAGS));
            }
            out.push(t);
            lowered.push(lower);
        }
    }
    Ok(out)
}

/// A resource whose every field was checked as if typed, its address through [`SafeUrl`]:
/// what adding and changing carry. Only [`ResourceInput::check`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked(Resource);

impl Checked {
    /// The resource as it will be stored.
    pub fn resource(&self) -> &Resource {
        &self.0
    }
}

impl ResourceInput {
    /// A new resource's fields from a web page shared to Branch Out (the device's share sheet
    /// sends a title, a text and an address, any of them empty; many apps put the address in
    /// the text). The address is the first http(s) one found, the title the page's own or else
    /// the text without the address or else the site's name, and what else the text said goes
    /// in the notes. Nothing is checked here: the librarian sees it in the form and saves it.
    pub fn shared(title: &str, text: &str, url: &str) -> ResourceInput {
        let address = std::iter::once(url.trim())
            .chain(text.split_whitespace())
            .map(|word| word.trim_end_matches(['.', ',', ';', ')', '>', '"', '\'']))
            .find_map(|word| SafeUrl::parse(word).ok().filter(|_| word.contains("://")));
        let said = text
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let (title, notes) = match (title.is_empty(), said.is_empty()) {
            (false, _) if said == title => (title, String::new()),
            (false, _) => (title, said),
            (true, false) => (said, String::new()),
            (true, true) => (
                address.as_ref().map_or("", SafeUrl::host).to_owned(),
                String::new(),
            ),
        };
        ResourceInput {
            title: title.chars().take(MAX_TITLE).collect(),
            url: address.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            notes: notes.chars().take(MAX_NOTE).collect(),
            ..ResourceInput::default()
        }
    }

    /// Checks every field, for the resource `id` added on `added`.
    pub fn check(self, id: super::Id, added: NaiveDate) -> Result<Checked, ActionError> {
        self.into_resource(id, added).map(Checked)
    }

    /// Checks every field and builds the resource.
    pub fn into_resource(self, id: super::Id, added: NaiveDate) -> Result<Resource, ActionError> {
        let url = if self.url.trim().is_empty() {
            None
        } else {
            Some(SafeUrl::parse(&self.url)?.into_string())
        };
        let email_list = match self.email_list {
            Some(e) => Some(EmailList {
                address: text::optional("List address", &e.address, false, MAX_SHORT)?,
                subscribe: text::optional("How to subscribe", &e.subscribe, true, MAX_NOTE)?,
                leave: text::optional("How to leave", &e.leave, true, MAX_NOTE)?,
                digest: e.digest,
            }),
            None => None,
        };
        Ok(Resource {
            id,
            title: text::required_line("Title", &self.title, MAX_TITLE)?,
            url,
            kind: self.kind.unwrap_or(Kind::Other),
            tags: clean_tags(&self.tags)?,
            notes: text::optional("Notes", &self.notes, true, MAX_NOTE)?,
            scope: self.scope,
            membership: self.membership,
            email_list,
            next_date: self.next_date,
            next_label: text::optional("What's on that date", &self.next_label, false, MAX_SHORT)?,
            favourite: self.favourite,
            added,
            origin: None,
        })
    }

    /// The input that reproduces `r` (for editing).
    pub fn from_resource(r: &Resource) -> Self {
        Self::from(r.clone())
    }
}

impl From<Resource> for ResourceInput {
    /// The input that reproduces the resource, taking its fields without copying them.
    fn from(r: Resource) -> Self {
        ResourceInput {
            title: r.title,
            url: r.url.unwrap_or_default(),
            kind: Some(r.kind),
            tags: r.tags,
            notes: r.notes,
            scope: r.scope,
            membership: r.membership,
            email_list: r.email_list,
            next_date: r.next_date,
            next_label: r.next_label,
            favourite: r.favourite,
        }
    }
}

/// What is on the shelf, by title (ignoring case and accents) and by address (ignoring
/// `www.`, scheme, trailing slash, fragment and tracking), for asking many times whether
/// something is already there: the starter library's badges and adding all of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OnShelf {
    titles: HashSet<String>,
    addresses: HashSet<String>,
}

impl OnShelf {
    /// What these resources hold.
    pub fn new(resources: &[Resource]) -> OnShelf {
        let mut on_shelf = OnShelf::default();
        for r in resources {
            on_shelf.add(r);
        }
        on_shelf
    }

    /// True when a resource with this title, or at this address, is on the shelf.
    pub fn has(&self, title: &str, url: Option<&str>) -> bool {
        let url = url.and_then(|u| SafeUrl::parse(u).ok());
        self.has_stored(title, url.as_ref().map(SafeUrl::as_str))
    }

    /// [`OnShelf::has`] for an address already normalised by [`SafeUrl`], without parsing it.
    fn has_stored(&self, title: &str, url: Option<&str>) -> bool {
        self.titles.contains(&fold(title))
            || url.is_some_and(|u| self.addresses.contains(&dedupe_key_of(u)))
    }

    fn add(&mut self, r: &Resource) {
        self.titles.insert(fold(&r.title));
        if let Some(u) = &r.url {
            self.addresses.insert(dedupe_key_of(u));
        }
    }
}

impl State {
    /// The resource already on the shelf at the same address as `url`, an address as
    /// [`SafeUrl`] normalises it (see [`dedupe_key_of`]), other than `except`.
    pub fn same_address(&self, url: &str, except: Option<&super::Id>) -> Option<&Resource> {
        let key = dedupe_key_of(url);
        self.resources.iter().find(|r| {
            Some(&r.id) != except && r.url.as_deref().is_some_and(|u| dedupe_key_of(u) == key)
        })
    }

    /// The resource with this id.
    pub fn resource(&self, id: &super::Id) -> Option<&Resource> {
        self.resources.iter().find(|r| &r.id == id)
    }

    pub(super) fn check_duplicate(
        &self,
        r: &Resource,
        except: Option<&super::Id>,
    ) -> Result<(), ActionError> {
        if let Some(url) = &r.url {
            if let Some(existing) = self.same_address(url, except) {
                return Err(ActionError::Duplicate {
                    id: existing.id.clone(),
                    title: existing.title.clone(),
                });
            }
        }
        Ok(())
    }

    /// Applies a shelf action; returns the shelf action that undoes it, if any.
    pub(super) fn apply_shelf(
        &mut self,
        action: ShelfAction,
    ) -> Result<Option<ShelfAction>, ActionError> {
        match action {
            ShelfAction::Add(Checked(r)) => {
                if self.resources.len() >= MAX_RESOURCES {
                    return Err(ActionError::TooMany(MAX_RESOURCES));
                }
                if self.id_taken(&r.id) {
                    return Err(ActionError::IdTaken);
                }
                self.check_duplicate(&r, None)?;
                let id = r.id.clone();
                self.resources.push(r);
                Ok(Some(ShelfAction::Delete { ids: vec![id] }))
            }
            ShelfAction::AddMany(items) => {
                let mut added = Vec::new();
                let mut next = self.clone();
                let mut on_shelf = OnShelf::new(&next.resources);
                for Checked(r) in items {
                    if next.resources.len() >= MAX_RESOURCES {
                        return Err(ActionError::TooMany(MAX_RESOURCES));
                    }
                    if next.id_taken(&r.id) {
                        return Err(ActionError::IdTaken);
                    }
                    if on_shelf.has_stored(&r.title, r.url.as_deref()) {
                        continue;
                    }
                    on_shelf.add(&r);
                    added.push(r.id.clone());
                    next.resources.push(r);
                }
                *self = next;
                Ok((!added.is_empty()).then_some(ShelfAction::Delete { ids: added }))
            }
            ShelfAction::Edit(Checked(mut r)) => {
                let at = self
                    .resources
                    .iter()
                    .position(|old| old.id == r.id)
                    .ok_or(ActionError::NoSuchResource)?;
                if let Some(old) = self.resources.get(at) {
                    r.added = old.added;
                    r.origin = old.origin.clone();
                }
                self.check_duplicate(&r, Some(&r.id))?;
                if let Some(slot) = self.resources.get_mut(at) {
                    *slot = r;
                }
                Ok(None)
            }
            ShelfAction::Favourite { id, favourite } => {
                let r = self
                    .resources
                    .iter_mut()
                    .find(|r| r.id == id)
                    .ok_or(ActionError::NoSuchResource)?;
                r.favourite = favourite;
                Ok(Some(ShelfAction::Favourite {
                    id,
                    favourite: !favourite,
                }))
            }
            ShelfAction::Delete { ids } => {
                if ids.iter().any(|id| self.resource(id).is_none()) {
                    return Err(ActionError::NoSuchResource);
                }
                let mut items = Vec::new();
                let mut kept = Vec::with_capacity(self.resources.len());
                for (i, r) in std::mem::take(&mut self.resources).into_iter().enumerate() {
                    if ids.contains(&r.id) {
                        items.push((i, r));
                    } else {
                        kept.push(r);
                    }
                }
                self.resources = kept;
                let mut links = Vec::new();
                for c in &mut self.check_ins {
                    if c.resources.iter().any(|r| ids.contains(r)) {
                        links.push((c.id.clone(), c.resources.clone()));
                        c.resources.retain(|r| !ids.contains(r));
                    }
                }
                Ok(Some(ShelfAction::Restore { items, links }))
            }
            ShelfAction::Restore { items, links } => {
                if items.iter().any(|(_, r)| self.id_taken(&r.id)) {
                    return Err(ActionError::IdTaken);
                }
                let ids: Vec<Id> = items.iter().map(|(_, r)| r.id.clone()).collect();
                for (i, r) in items {
                    self.resources.insert(i.min(self.resources.len()), r);
                }
                for (check_in, resources) in links {
                    if let Some(c) = self.check_ins.iter_mut().find(|c| c.id == check_in) {
                        c.resources = resources;
                    }
                }
                Ok(Some(ShelfAction::Delete { ids }))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn add_many(state: &mut State, items: &[(&str, &str, &str)]) -> usize {
        let items = items
            .iter()
            .map(|(id, title, url)| {
                let input = ResourceInput {
                    title: (*title).into(),
                    url: (*url).into(),
                    ..ResourceInput::default()
                };
                let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
                input.check(Id::parse(id).unwrap(), today).unwrap()
            })
            .collect();
        let before = state.resources.len();
        state
            .apply(Action::Shelf(ShelfAction::AddMany(items)))
            .unwrap();
        state.resources.len() - before
    }

    #[test]
    fn tags_keep_the_first_spelling_of_each_and_stop_at_the_cap() {
        let tags = |v: &[&str]| v.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            clean_tags(&tags(&["Émile", "ÉMILE", "émile ", "Teens", "teens", ""])).unwrap(),
            tags(&["Émile", "Teens"])
        );
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("tag {i}")).collect();
        assert_eq!(
            clean_tags(many.get(..MAX_TAGS).unwrap()).unwrap().len(),
            MAX_TAGS
        );
        assert_eq!(clean_tags(&many), Err(ActionError::TooMany(MAX_TAGS)));
        // Repeats beyond the cap are not new tags.
        let mut repeated = many.get(..MAX_TAGS).unwrap().to_vec();
        repeated.push("TAG 0".into());
        assert_eq!(clean_tags(&repeated).unwrap().len(), MAX_TAGS);
    }

    #[test]
    fn already_on_the_shelf_ignores_case_accents_and_address_noise() {
        let mut state = State::default();
        add_many(
            &mut state,
            &[(
                "r1",
                "Réseau des bibliothèques",
                "https://www.example.org/list/",
            )],
        );
        let on_shelf = OnShelf::new(&state.resources);
        assert!(on_shelf.has("RESEAU des Bibliotheques", None));
        assert!(on_shelf.has("Another title", Some("http://example.org/list#top")));
        assert!(!on_shelf.has("Another title", Some("https://example.org/other")));
        assert!(!on_shelf.has("Another title", None));
        // Adding all skips by the same rule the starter library's badges show.
        let added = add_many(
            &mut state,
            &[
                ("r2", "reseau des bibliotheques", ""),
                ("r3", "New list", "https://example.org/list?utm_source=mail"),
                ("r4", "Fresh", "https://fresh.example/"),
                ("r5", "FRESH", ""),
            ],
        );
        assert_eq!(added, 1);
        assert!(OnShelf::new(&state.resources).has("fresh", None));
    }
}
