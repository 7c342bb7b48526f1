//! Goals as a part of the export file.

use super::check::check_origin;
use super::part::{Item, Parts, Picked};
use super::types::Part;
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
    const NOUNS: (&'static str, &'static str) = ("goal", "goals");
    const MAX: usize = MAX_GOALS;
    const ALWAYS_COUNTED: bool = true;
    type Choice = bool;
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

    fn summary(goals: &[Self]) -> (String, Vec<String>) {
        let lines = goals
            .iter()
            .map(|g| {
                let times = fmt::plural(g.target as usize, "check-in", "check-ins");
                format!(
                    "- {} ({times} each {}; {})",
                    g.title,
                    fmt::unit(g.cadence),
                    fmt::area(g.area)
                )
            })
            .collect();
        (format!("Goals ({})", goals.len()), lines)
    }

    /// Goals shared without the check-in log go as a template: their skipped periods and
    /// pauses only make sense beside the log, so they are left out.
    fn exported(state: &State, choice: &Parts<Picked>) -> Option<Vec<Self>> {
        choice.goals.then(|| {
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
                .collect()
        })
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
