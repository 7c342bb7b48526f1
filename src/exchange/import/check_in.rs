//! Check-ins as a part of the export file. A check-in links goals, resources and people, so
//! it is matched after them and follows a resource matched by address, or a person matched by
//! email, to the local id.

use super::part::{by_id, Item};
use super::types::{Entry, Matching, Part, Preview};
use crate::model::text::{self, MAX_NOTE, MAX_SHORT};
use crate::model::{ActionError, CheckIn, Goal, Id, Person, Resource, State};
use std::collections::HashSet;

/// The most check-ins read from one file.
pub const MAX_CHECK_INS: usize = 20_000;
/// The most resources one check-in links.
const MAX_LINKS: usize = 100;

fn note(c: &CheckIn, chars: usize) -> String {
    c.note.chars().take(chars).collect()
}

impl Item for CheckIn {
    const PART: Part = Part::CheckIn;
    const NOUNS: (&'static str, &'static str) = ("check-in", "check-ins");
    const MAX: usize = MAX_CHECK_INS;
    const ALWAYS_COUNTED: bool = true;
    /// A check-in may link goals, resources and people.
    const LINKS_OTHERS: bool = true;
    type Choice = bool;

    fn id(&self) -> &Id {
        &self.id
    }

    /// The start of its note.
    fn title(&self) -> String {
        note(self, 60)
    }

    fn listed(&self) -> String {
        format!("{} {}", self.date, note(self, 60))
    }

    fn caption(&self) -> String {
        format!("{} {}", self.date, note(self, 40))
    }

    fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Date", self.date.to_string()),
            ("Note", self.note.clone()),
            ("Who", self.people.clone()),
            ("People", self.with.len().to_string()),
            ("Resources", self.resources.len().to_string()),
        ]
    }

    fn check(self) -> Result<Self, ActionError> {
        if self.resources.len() > MAX_LINKS || self.with.len() > MAX_LINKS {
            return Err(ActionError::TooMany(MAX_LINKS));
        }
        Ok(CheckIn {
            note: text::optional("Note", &self.note, true, MAX_NOTE)?,
            people: text::optional("People", &self.people, false, MAX_SHORT)?,
            ..self
        })
    }

    fn of(state: &State) -> &[Self] {
        &state.check_ins
    }

    fn of_mut(state: &mut State) -> &mut Vec<Self> {
        &mut state.check_ins
    }

    fn summary(log: &[Self]) -> (String, Vec<String>) {
        (format!("Check-in log: {} entries", log.len()), Vec::new())
    }

    /// Links are followed to resources matched by address, and those that will have
    /// nothing to point at once merged are dropped now, as the merge drops them, so the
    /// same file never looks different the second time.
    fn preview(theirs: Vec<Self>, m: &mut Matching, so_far: &Preview) -> Vec<Entry<Self>> {
        let goal_ids = ids_after::<Goal>(m.state, so_far);
        let resource_ids = ids_after::<Resource>(m.state, so_far);
        let person_ids = ids_after::<Person>(m.state, so_far);
        let renamed = std::mem::take(&mut m.renamed);
        let entries = by_id(theirs, m, |c| {
            for r in c.resources.iter_mut().chain(c.with.iter_mut()) {
                if let Some(local) = renamed.get(r) {
                    *r = local.clone();
                }
            }
            c.resources.retain(|r| resource_ids.contains(r));
            c.with.retain(|p| person_ids.contains(p));
            let mut seen = HashSet::new();
            c.with.retain(|p| seen.insert(p.clone()));
            if c.goal.as_ref().is_some_and(|g| !goal_ids.contains(g)) {
                c.goal = None;
            }
        });
        m.renamed = renamed;
        entries
    }

    /// A check-in may name a goal, resource or person that neither side has (the sender left
    /// it out): the check-in stays, the dangling link goes.
    fn settle(state: &mut State) {
        let goal_ids: HashSet<Id> = state.goals.iter().map(|g| g.id.clone()).collect();
        let resource_ids: HashSet<Id> = state.resources.iter().map(|r| r.id.clone()).collect();
        let person_ids: HashSet<Id> = state.people.iter().map(|p| p.id.clone()).collect();
        for c in &mut state.check_ins {
            if c.goal.as_ref().is_some_and(|g| !goal_ids.contains(g)) {
                c.goal = None;
            }
            c.resources.retain(|r| resource_ids.contains(r));
            c.with.retain(|p| person_ids.contains(p));
        }
    }
}

/// The ids of part `P`'s items once merged: the librarian's and those the file adds.
fn ids_after<P: Item>(state: &State, so_far: &Preview) -> HashSet<Id> {
    P::of(state)
        .iter()
        .chain(P::get(&so_far.parts).iter().filter_map(Entry::added))
        .map(|i| i.id().clone())
        .collect()
}
