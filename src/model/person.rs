//! People: the colleagues behind the plan, and the actions on them.

use super::error::ActionError;
use super::link::{SafeEmail, SafeUrl};
use super::shelf::clean_tags;
use super::text::{self, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use super::{Area, Id, Origin, State};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most people kept.
pub const MAX_PEOPLE: usize = 5_000;

/// Someone in the librarian's network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id across devices.
    pub id: Id,
    /// Their name.
    pub name: String,
    /// Their role ("Youth services librarian").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Where they work: a school, library, district or organisation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// Their email address, checked by [`SafeEmail`]; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Their phone number, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// A profile or staff-page address, checked by [`SafeUrl`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How the librarian knows them.
    #[serde(default)]
    pub relation: Relation,
    /// Where the connection is made (the same areas as goals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    /// The librarian's own tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What the librarian noted about them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How often to reconnect.
    #[serde(default)]
    pub keep_in_touch: KeepInTouch,
    /// Starred.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub favourite: bool,
    /// Kept, but out of the list and of reminders.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// No reminder to reconnect before this day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::date::option"
    )]
    pub snoozed_until: Option<NaiveDate>,
    /// The day they were added.
    #[serde(with = "crate::model::date")]
    pub added: NaiveDate,
    /// Where they came from, when they arrived in an imported file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// How the librarian knows someone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// A colleague.
    #[default]
    Colleague,
    /// Their mentor.
    Mentor,
    /// Someone they mentor.
    Mentee,
    /// Staff of the partner library (the public library, seen from a school, or a school's).
    LibraryPartner,
    /// A contact from an email list or a group.
    ListContact,
    /// Anything else.
    Other,
}

impl Relation {
    /// Every relation, in the order the form lists them.
    pub const ALL: [Relation; 6] = [
        Relation::Colleague,
        Relation::Mentor,
        Relation::Mentee,
        Relation::LibraryPartner,
        Relation::ListContact,
        Relation::Other,
    ];

    /// Its name in forms, filters and a contacts file's categories.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Colleague => "Colleague",
            Relation::Mentor => "Mentor",
            Relation::Mentee => "Mentee",
            Relation::LibraryPartner => "Library partner",
            Relation::ListContact => "List or group contact",
            Relation::Other => "Other",
        }
    }
}

/// How often the librarian wants to reconnect with someone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeepInTouch {
    /// No reminder.
    #[default]
    Never,
    /// Every two weeks.
    TwoWeeks,
    /// Every month.
    Month,
    /// Every school term.
    Term,
    /// Every quarter.
    Quarter,
}

impl KeepInTouch {
    /// Every choice, in the order the form lists them.
    pub const ALL: [KeepInTouch; 5] = [
        KeepInTouch::Never,
        KeepInTouch::TwoWeeks,
        KeepInTouch::Month,
        KeepInTouch::Term,
        KeepInTouch::Quarter,
    ];

    /// Its words in the form.
    pub fn name(self) -> &'static str {
        match self {
            KeepInTouch::Never => "No reminder",
            KeepInTouch::TwoWeeks => "Every 2 weeks",
            KeepInTouch::Month => "Every month",
            KeepInTouch::Term => "Every term",
            KeepInTouch::Quarter => "Every quarter",
        }
    }
}

/// The fields of a person the librarian edits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonInput {
    /// Name (required).
    pub name: String,
    /// Role.
    pub role: String,
    /// Where they work.
    pub place: String,
    /// Email address as typed; empty for none.
    pub email: String,
    /// Phone as typed.
    pub phone: String,
    /// Profile address as typed; empty for none.
    pub url: String,
    /// How the librarian knows them.
    pub relation: Relation,
    /// Area.
    pub area: Option<Area>,
    /// Tags, as typed.
    pub tags: Vec<String>,
    /// Notes, as typed.
    pub notes: String,
    /// How often to reconnect.
    pub keep_in_touch: KeepInTouch,
    /// Starred.
    pub favourite: bool,
}

/// A person whose every field was checked as if typed: what adding and changing carry. Only
/// [`PersonInput::check`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPerson(Person);

impl CheckedPerson {
    /// The person as they will be stored.
    pub fn person(&self) -> &Person {
        &self.0
    }
}

impl PersonInput {
    /// Checks every field, for the person `id` added on `added`.
    pub fn check(self, id: Id, added: NaiveDate) -> Result<CheckedPerson, ActionError> {
        self.into_person(id, added).map(CheckedPerson)
    }

    /// Checks every field and builds the person (archived and origin unset).
    pub fn into_person(self, id: Id, added: NaiveDate) -> Result<Person, ActionError> {
        let email = if self.email.trim().is_empty() {
            String::new()
        } else {
            SafeEmail::parse(&self.email)?.as_str().to_owned()
        };
        let url = if self.url.trim().is_empty() {
            None
        } else {
            Some(SafeUrl::parse(&self.url)?.into_string())
        };
        Ok(Person {
            id,
            name: text::required_line("Name", &self.name, MAX_TITLE)?,
            role: text::optional("Role", &self.role, false, MAX_SHORT)?,
            place: text::optional("Where they work", &self.place, false, MAX_SHORT)?,
            email,
            phone: text::optional("Phone", &self.phone, false, 60)?,
            url,
            relation: self.relation,
            area: self.area,
            tags: clean_tags(&self.tags)?,
            notes: text::optional("Notes", &self.notes, true, MAX_NOTE)?,
            keep_in_touch: self.keep_in_touch,
            favourite: self.favourite,
            archived: false,
            snoozed_until: None,
            added,
            origin: None,
        })
    }
}

impl From<Person> for PersonInput {
    /// The input that reproduces the person (for editing).
    fn from(p: Person) -> Self {
        PersonInput {
            name: p.name,
            role: p.role,
            place: p.place,
            email: p.email,
            phone: p.phone,
            url: p.url.unwrap_or_default(),
            relation: p.relation,
            area: p.area,
            tags: p.tags,
            notes: p.notes,
            keep_in_touch: p.keep_in_touch,
            favourite: p.favourite,
        }
    }
}

/// Actions on people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleAction {
    /// Add someone.
    Add(CheckedPerson),
    /// Change someone's fields, keeping when they were added, whether archived or snoozed,
    /// and where they came from.
    Edit(CheckedPerson),
    /// Star or unstar.
    Favourite {
        /// Who.
        id: Id,
        /// Starred or not.
        favourite: bool,
    },
    /// No reminder to reconnect before a day (`None` to remind again at once).
    Snooze {
        /// Who.
        id: Id,
        /// The first day a reminder may show again.
        until: Option<NaiveDate>,
    },
    /// Archive or bring back.
    Archive {
        /// Who.
        id: Id,
        /// Archived or not.
        archived: bool,
    },
    /// Remove someone; check-ins that were with them no longer say so.
    Delete {
        /// Who.
        id: Id,
    },
    /// Put a removed person back exactly (the undo of a delete, or of an edit).
    Restore {
        /// The person as they were.
        person: Person,
        /// Their place in the list.
        index: usize,
        /// The check-ins that were with them, each with its people as they were (for the undo
        /// of a delete).
        check_ins: Vec<(Id, Vec<Id>)>,
    },
}

impl Person {
    /// True when they are current and have a keep-in-touch reminder.
    pub fn reminds(&self) -> bool {
        !self.archived && self.keep_in_touch != KeepInTouch::Never
    }
}

impl State {
    /// The person with this id.
    pub fn person(&self, id: &Id) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    fn person_at(&self, id: &Id) -> Result<usize, ActionError> {
        self.people
            .iter()
            .position(|p| &p.id == id)
            .ok_or(ActionError::NoSuchPerson)
    }

    pub(super) fn apply_people(
        &mut self,
        action: PeopleAction,
    ) -> Result<Option<PeopleAction>, ActionError> {
        match action {
            PeopleAction::Add(CheckedPerson(p)) => {
                if self.people.len() >= MAX_PEOPLE {
                    return Err(ActionError::TooMany(MAX_PEOPLE));
                }
                if self.id_taken(&p.id) {
                    return Err(ActionError::IdTaken);
                }
                let id = p.id.clone();
                self.people.push(p);
                Ok(Some(PeopleAction::Delete { id }))
            }
            PeopleAction::Edit(CheckedPerson(mut p)) => {
                let at = self.person_at(&p.id)?;
                let slot = self.people.get_mut(at).ok_or(ActionError::NoSuchPerson)?;
                p.added = slot.added;
                p.archived = slot.archived;
                p.snoozed_until = slot.snoozed_until;
                p.origin = slot.origin.clone();
                let before = std::mem::replace(slot, p);
                Ok(Some(PeopleAction::Restore {
                    person: before,
                    index: at,
                    check_ins: Vec::new(),
                }))
            }
            PeopleAction::Favourite { id, favourite } => {
                let at = self.person_at(&id)?;
                let p = self.people.get_mut(at).ok_or(ActionError::NoSuchPerson)?;
                let was = std::mem::replace(&mut p.favourite, favourite);
                Ok(Some(PeopleAction::Favourite { id, favourite: was }))
            }
            PeopleAction::Snooze { id, until } => {
                let at = self.person_at(&id)?;
                let p = self.people.get_mut(at).ok_or(ActionError::NoSuchPerson)?;
                let was = std::mem::replace(&mut p.snoozed_until, until);
                Ok(Some(PeopleAction::Snooze { id, until: was }))
            }
            PeopleAction::Archive { id, archived } => {
                let at = self.person_at(&id)?;
                let p = self.people.get_mut(at).ok_or(ActionError::NoSuchPerson)?;
                let was = std::mem::replace(&mut p.archived, archived);
                Ok(Some(PeopleAction::Archive { id, archived: was }))
            }
            PeopleAction::Delete { id } => {
                let index = self.person_at(&id)?;
                let person = self.people.remove(index);
                let mut check_ins = Vec::new();
                for c in &mut self.check_ins {
                    if c.with.contains(&id) {
                        check_ins.push((c.id.clone(), c.with.clone()));
                        c.with.retain(|p| p != &id);
                    }
                }
                Ok(Some(PeopleAction::Restore {
                    person,
                    index,
                    check_ins,
                }))
            }
            PeopleAction::Restore {
                person,
                index,
                check_ins,
            } => {
                let id = person.id.clone();
                match self.person_at(&id) {
                    // The undo of an edit: the person is here, changed; put them back as
                    // they were, where they were.
                    Ok(at) => {
                        let slot = self.people.get_mut(at).ok_or(ActionError::NoSuchPerson)?;
                        let now = std::mem::replace(slot, person);
                        Ok(Some(PeopleAction::Restore {
                            person: now,
                            index: at,
                            check_ins: Vec::new(),
                        }))
                    }
                    Err(_) => {
                        if self.id_taken(&id) {
                            return Err(ActionError::IdTaken);
                        }
                        for (c, with) in check_ins {
                            if let Some(c) = self.check_ins.iter_mut().find(|x| x.id == c) {
                                c.with = with;
                            }
                        }
                        self.people.insert(index.min(self.people.len()), person);
                        Ok(Some(PeopleAction::Delete { id }))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
