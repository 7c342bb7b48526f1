//! Every user action, as a pure function on the [`State`].

use super::text::{self, TextError, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use super::{Area, Cadence, CheckIn, Goal, GoalStatus, Id, State};
use chrono::NaiveDate;

/// Something the librarian did. The edge supplies fresh ids and today's date, so applying an
/// action is deterministic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Set the name and role used in exports.
    SetProfile {
        /// The librarian's name.
        name: String,
        /// Their role.
        role: String,
    },
    /// Create a goal at the end of the plan.
    AddGoal {
        /// A fresh id.
        id: Id,
        /// Today, recorded as the day it was created.
        today: NaiveDate,
        /// What the librarian typed.
        input: GoalInput,
    },
    /// Change a goal's words, area, cadence or target.
    EditGoal {
        /// Which goal.
        id: Id,
        /// The new values.
        input: GoalInput,
    },
    /// Pause, resume or archive a goal.
    SetGoalStatus {
        /// Which goal.
        id: Id,
        /// Its new status.
        status: GoalStatus,
    },
    /// Delete a goal; its check-ins stay in the log, no longer tied to it.
    DeleteGoal {
        /// Which goal.
        id: Id,
    },
    /// Log a connection.
    LogCheckIn {
        /// A fresh id.
        id: Id,
        /// What the librarian entered.
        input: CheckInInput,
    },
    /// Change a logged connection.
    EditCheckIn {
        /// Which check-in.
        id: Id,
        /// The new values.
        input: CheckInInput,
    },
    /// Remove a logged connection.
    DeleteCheckIn {
        /// Which check-in.
        id: Id,
    },
}

/// The fields of a goal the librarian edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalInput {
    /// Title (required).
    pub title: String,
    /// Why, or notes.
    pub notes: String,
    /// Area.
    pub area: Area,
    /// Cadence.
    pub cadence: Cadence,
    /// Check-ins per period (1–99).
    pub target: u32,
}

/// The fields of a check-in the librarian edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckInInput {
    /// The day it happened.
    pub date: NaiveDate,
    /// The goal it counts towards.
    pub goal: Option<Id>,
    /// What happened.
    pub note: String,
    /// Who was involved.
    pub people: String,
    /// Resources involved.
    pub resources: Vec<Id>,
}

/// Why an action was refused. The state is unchanged whenever one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// A text field was blank or too long.
    #[error(transparent)]
    Text(#[from] TextError),
    /// A target outside 1–99.
    #[error("the target must be between 1 and {max} check-ins", max = Goal::MAX_TARGET)]
    Target,
    /// No goal has this id.
    #[error("that goal no longer exists")]
    NoSuchGoal,
    /// No check-in has this id.
    #[error("that check-in no longer exists")]
    NoSuchCheckIn,
    /// The fresh id is already taken (the edge's random source failed).
    #[error("could not create a new item; please try again")]
    IdTaken,
}

impl GoalInput {
    fn checked(&self) -> Result<(String, String), ActionError> {
        if !(1..=Goal::MAX_TARGET).contains(&self.target) {
            return Err(ActionError::Target);
        }
        Ok((
            text::required_line("Title", &self.title, MAX_TITLE)?,
            text::optional("Notes", &self.notes, true, MAX_NOTE)?,
        ))
    }
}

impl CheckInInput {
    fn into_check_in(self, id: Id, state: &State) -> Result<CheckIn, ActionError> {
        if let Some(goal) = &self.goal {
            state.goal(goal).ok_or(ActionError::NoSuchGoal)?;
        }
        Ok(CheckIn {
            id,
            date: self.date,
            note: text::optional("Note", &self.note, true, MAX_NOTE)?,
            people: text::optional("People", &self.people, false, MAX_SHORT)?,
            goal: self.goal,
            resources: self.resources,
        })
    }
}

impl State {
    /// Applies one user action. On error nothing has changed.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        match action {
            Action::SetProfile { name, role } => {
                let name = text::optional("Name", &name, false, MAX_SHORT)?;
                let role = text::optional("Role", &role, false, MAX_SHORT)?;
                self.settings.name = name;
                self.settings.role = role;
            }
            Action::AddGoal { id, today, input } => {
                self.ensure_fresh(&id)?;
                let (title, notes) = input.checked()?;
                self.goals.push(Goal {
                    id,
                    title,
                    notes,
                    area: input.area,
                    cadence: input.cadence,
                    target: input.target,
                    status: GoalStatus::Active,
                    created: today,
                    skipped: Vec::new(),
                });
            }
            Action::EditGoal { id, input } => {
                let (title, notes) = input.checked()?;
                let goal = self.goal_mut(&id)?;
                goal.title = title;
                goal.notes = notes;
                goal.area = input.area;
                goal.cadence = input.cadence;
                goal.target = input.target;
            }
            Action::SetGoalStatus { id, status } => self.goal_mut(&id)?.status = status,
            Action::DeleteGoal { id } => {
                let before = self.goals.len();
                self.goals.retain(|g| g.id != id);
                if self.goals.len() == before {
                    return Err(ActionError::NoSuchGoal);
                }
                for c in &mut self.check_ins {
                    if c.goal.as_ref() == Some(&id) {
                        c.goal = None;
                    }
                }
            }
            Action::LogCheckIn { id, input } => {
                self.ensure_fresh(&id)?;
                let check_in = input.into_check_in(id, self)?;
                self.check_ins.push(check_in);
            }
            Action::EditCheckIn { id, input } => {
                let new = input.into_check_in(id.clone(), self)?;
                let c = self
                    .check_ins
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or(ActionError::NoSuchCheckIn)?;
                *c = new;
            }
            Action::DeleteCheckIn { id } => {
                let before = self.check_ins.len();
                self.check_ins.retain(|c| c.id != id);
                if self.check_ins.len() == before {
                    return Err(ActionError::NoSuchCheckIn);
                }
            }
        }
        Ok(())
    }

    fn goal_mut(&mut self, id: &Id) -> Result<&mut Goal, ActionError> {
        self.goals
            .iter_mut()
            .find(|g| &g.id == id)
            .ok_or(ActionError::NoSuchGoal)
    }

    fn ensure_fresh(&self, id: &Id) -> Result<(), ActionError> {
        let taken = self.goals.iter().any(|g| &g.id == id)
            || self.check_ins.iter().any(|c| &c.id == id)
            || self.resources.iter().any(|r| &r.id == id);
        if taken {
            Err(ActionError::IdTaken)
        } else {
            Ok(())
        }
    }
}
