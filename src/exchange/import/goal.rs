//! Goals as a part of the export file.

use super::check::check_origin;
use super::part::Item;
use super::types::{Entry, Incoming, Part, Preview};
use crate::exchange::file::{Choice, Contents, Counts};
use crate::model::words as fmt;
use crate::model::{
    ActionError, Area, Cadence, Goal, GoalInput, GoalStatus, Id, Origin, State, MAX_GOALS,
};
use chrono::NaiveDate;

/// The most skipped periods or pauses kept on one goal.
const MAX_MARKS: usize = 1_000;

/// The fields of a goal a template carries.
fn plan(g: &Goal) -> (&str, &str, Area, Cadence, u32) {
    (&g.title, &g.notes, g.area, g.cadence, g.target)
}

impl Item for Goal {
    const PART: Part = Part::Goal;
    const KEY: &'static str = "goals";
    const NOUNS: (&'static str, &'static str) = ("goal", "goals");
    const MAX: usize = MAX_GOALS;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Title", self.title.clone()),
            ("Notes", self.notes.clone()),
            ("Area", fmt::area(self.area).into()),
            (
                "How often",
                format!("{} each {}", self.target, fmt::unit(self.cadence)),
            ),
            ("Status", fmt::goal_status(self.status).into()),
            ("Created", self.created.to_string()),
            ("Skipped periods", self.skipped.len().to_string()),
        ]
    }

    fn check(self) -> Result<Self, ActionError> {
        let input = GoalInput {
            title: self.title,
            notes: self.notes,
            area: self.area,
            cadence: self.cadence,
            target: self.target,
        };
        let (title, notes) = input.checked()?;
        if self.skipped.len() > MAX_MARKS || self.pauses.len() > MAX_MARKS {
            return Err(ActionError::TooMany(MAX_MARKS));
        }
        Ok(Goal {
            title,
            notes,
            origin: check_origin(self.origin),
            ..self
        })
    }

    fn of(state: &State) -> &[Self] {
        &state.goals
    }

    fn of_mut(state: &mut State) -> &mut Vec<Self> {
        &mut state.goals
    }

    fn counted(counts: &Counts) -> usize {
        counts.goals
    }

    fn in_file(contents: &Contents) -> Option<&[Self]> {
        contents.goals.as_deref()
    }

    fn chosen(choice: &Choice, state: &State) -> Option<usize> {
        choice.goals.then_some(state.goals.len())
    }

    fn incoming(incoming: &mut Incoming) -> &mut Option<Vec<Self>> {
        &mut incoming.goals
    }

    fn entries(preview: &Preview) -> &[Entry<Self>] {
        &preview.goals
    }

    fn entries_mut(preview: &mut Preview) -> &mut Vec<Entry<Self>> {
        &mut preview.goals
    }

    /// A template is compared by its plan alone; where a goal came from is the
    /// librarian's own.
    fn same(mine: &Self, theirs: &Self, template: bool) -> bool {
        if template {
            plan(mine) == plan(theirs)
        } else {
            Goal {
                origin: mine.origin.clone(),
                ..theirs.clone()
            } == *mine
        }
    }

    fn arrive(&mut self, template: bool, today: NaiveDate, from: Option<&Origin>) {
        if template {
            // A colleague's plan starts today for this librarian: no periods before now are
            // due, and none of the sender's history comes along.
            self.created = today;
            self.status = GoalStatus::Active;
            self.skipped.clear();
            self.pauses.clear();
        }
        if self.origin.is_none() {
            self.origin = from.cloned();
        }
    }

    fn take_theirs(&mut self, theirs: &Self, template: bool) {
        if template {
            self.title = theirs.title.clone();
            self.notes = theirs.notes.clone();
            self.area = theirs.area;
            self.cadence = theirs.cadence;
            self.target = theirs.target;
        } else {
            *self = Goal {
                origin: self.origin.clone(),
                ..theirs.clone()
            };
        }
    }
}
