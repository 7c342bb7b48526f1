//! People as a part of the export file. They match by id, then by email address, so the same
//! colleague on two librarians' lists is one person.

use super::check::check_origin;
use super::part::{by_id_then_key, Item};
use super::types::{Entry, Matching, Part, Preview};
use crate::model::person::MAX_PEOPLE;
use crate::model::words;
use crate::model::{ActionError, Id, Origin, Person, PersonInput, State};
use chrono::NaiveDate;

impl Item for Person {
    const PART: Part = Part::Person;
    const NOUNS: (&'static str, &'static str) = ("person", "people");
    const MAX: usize = MAX_PEOPLE;
    type Choice = bool;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> String {
        self.name.clone()
    }

    /// What "Use theirs" takes; the star, archiving and reminder stay the librarian's, so they
    /// are not compared.
    fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Name", self.name.clone()),
            ("Role", self.role.clone()),
            ("Where", self.place.clone()),
            ("Email", self.email.clone()),
            ("Phone", self.phone.clone()),
            ("Web page", self.url.clone().unwrap_or_default()),
            ("Relationship", self.relation.name().into()),
            (
                "Area",
                self.area.map(words::area).unwrap_or_default().into(),
            ),
            ("Tags", self.tags.join(", ")),
            ("Notes", self.notes.clone()),
        ]
    }

    fn check(self) -> Result<Self, ActionError> {
        let (id, added, origin) = (self.id.clone(), self.added, self.origin.clone());
        let (archived, snoozed_until) = (self.archived, self.snoozed_until);
        let mut checked = PersonInput::from(self).into_person(id, added)?;
        checked.archived = archived;
        checked.snoozed_until = snoozed_until;
        checked.origin = check_origin(origin);
        Ok(checked)
    }

    fn of(state: &State) -> &[Self] {
        &state.people
    }

    fn of_mut(state: &mut State) -> &mut Vec<Self> {
        &mut state.people
    }

    /// Counted, never named: the names are in the file for whoever it was sent to.
    fn summary(people: &[Self]) -> (String, Vec<String>) {
        let n = words::plural(people.len(), "person", "people");
        (format!("People: {n}"), Vec::new())
    }

    /// By id, then by email address (ignoring case).
    fn preview(theirs: Vec<Self>, m: &mut Matching, _so_far: &Preview) -> Vec<Entry<Self>> {
        by_id_then_key(theirs, m, "email address", email_key, |theirs, mine, _| {
            let theirs = Person {
                id: mine.id.clone(),
                ..theirs
            };
            let same = shared_part(&theirs) == shared_part(mine);
            (theirs, same)
        })
    }

    fn arrive(&mut self, _template: bool, _today: NaiveDate, from: Option<&Origin>) {
        if self.origin.is_none() {
            self.origin = from.cloned();
        }
    }

    /// What is the librarian's own (the star, archiving, the reminder and its snooze, when
    /// they were added, where they came from) stays.
    fn take_theirs(&mut self, theirs: &Self, _template: bool) {
        *self = Person {
            favourite: self.favourite,
            archived: self.archived,
            snoozed_until: self.snoozed_until,
            keep_in_touch: self.keep_in_touch,
            added: self.added,
            origin: self.origin.clone(),
            ..theirs.clone()
        };
    }
}

/// Every address here was checked on import or when typed.
fn email_key(p: &Person) -> Option<String> {
    (!p.email.is_empty()).then(|| p.email.to_lowercase())
}

/// A person with what is the librarian's own set aside, for comparing.
fn shared_part(p: &Person) -> Person {
    Person {
        email: p.email.to_lowercase(),
        favourite: false,
        archived: false,
        snoozed_until: None,
        keep_in_touch: Default::default(),
        added: NaiveDate::MIN,
        origin: None,
        ..p.clone()
    }
}
