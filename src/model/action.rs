//! Every user action, as a pure function on the [`State`].

use super::error::ActionError;
use super::person::PeopleAction;
use super::shelf::ShelfAction;
use super::text::{self, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use super::{
    Area, Cadence, CheckIn, DateRange, Goal, GoalStatus, Id, Locale, Pause, State, Theme, WeekStart,
};
use chrono::{Month, NaiveDate};

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
    /// Choose the first day of the week.
    SetWeekStart(WeekStart),
    /// Choose the month quarters (and yearly goals) start in.
    SetQuarterStart(Month),
    /// Choose light, dark or the device's setting.
    SetTheme(Theme),
    /// Choose how dates are written.
    SetLocale(Locale),
    /// Add a school term or a break.
    AddDateRange {
        /// Term or break.
        kind: RangeKind,
        /// A fresh id.
        id: Id,
        /// Its name.
        name: String,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// Change a school term's or a break's name or dates.
    EditDateRange {
        /// Term or break.
        kind: RangeKind,
        /// Which one.
        id: Id,
        /// Its name.
        name: String,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// Remove a school term or a break.
    RemoveDateRange {
        /// Term or break.
        kind: RangeKind,
        /// Which one.
        id: Id,
    },
    /// Finish the first run: add these goals (the starter plan, perhaps edited, or none).
    SetUp {
        /// Today, the day the goals start.
        today: NaiveDate,
        /// Fresh ids and the goals to create.
        goals: Vec<(Id, GoalInput)>,
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
        /// Today, when the pause starts or ends.
        today: NaiveDate,
    },
    /// Move a goal to another place in the plan.
    MoveGoal {
        /// Which goal.
        id: Id,
        /// Its new index (clamped to the list).
        to: usize,
    },
    /// Mark a period of a goal as skipped (a holiday, a PD day).
    SkipPeriod {
        /// Which goal.
        id: Id,
        /// The period's first day.
        start: NaiveDate,
    },
    /// Undo [`Action::SkipPeriod`].
    UnskipPeriod {
        /// Which goal.
        id: Id,
        /// The period's first day.
        start: NaiveDate,
    },
    /// Delete a goal; its check-ins stay in the log, no longer tied to it.
    DeleteGoal {
        /// Which goal.
        id: Id,
    },
    /// Put a deleted goal back exactly as it was (the undo of a delete).
    RestoreGoal {
        /// The goal as it was.
        goal: Goal,
        /// Where it was in the plan.
        index: usize,
        /// The check-ins that were tied to it.
        check_ins: Vec<Id>,
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
    /// Put a deleted check-in back (the undo of a delete).
    RestoreCheckIn {
        /// The check-in as it was.
        check_in: CheckIn,
        /// Where it was in the log.
        index: usize,
    },
    /// Something done to the shelf.
    Shelf(ShelfAction),
    /// Something done to the people in the network.
    People(PeopleAction),
    /// Everything at once: an import's merged result, or (as its undo) the state from
    /// before, so one click takes the whole import back exactly.
    Replace(Box<State>),
    /// A full backup was exported today.
    MarkExported {
        /// Today, the day of the backup.
        today: NaiveDate,
    },
}

/// Which list of dates in Settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    /// School terms.
    Term,
    /// Breaks between terms, when term goals are not due.
    Break,
}

/// The fields of a goal the librarian edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalInput {
    /// Title (required).
    pub title: String,
    /// Why, or notes.
    pub notes: String,
    /// Where the connection is made.
    pub area: Area,
    /// How often the goal comes round.
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
    /// Who was involved, as free text (anyone not in the network).
    pub people: String,
    /// The people in the network it was with.
    pub with: Vec<Id>,
    /// Resources involved.
    pub resources: Vec<Id>,
}

/// The most terms or breaks kept.
pub const MAX_RANGES: usize = 100;
/// The most goals in a plan.
pub const MAX_GOALS: usize = 500;

/// What to apply to undo an action, when it can be undone.
pub type Undo = Option<Action>;

/// Terms or breaks in date order (ranges with the same dates keep their order). One function
/// for adding and editing, so the app carries one copy of the sort.
fn sort_ranges(ranges: &mut [DateRange]) {
    ranges.sort_by_key(|r| (r.start, r.end));
}

impl GoalInput {
    fn into_goal(self, id: Id, today: NaiveDate) -> Result<Goal, ActionError> {
        let (title, notes) = self.checked()?;
        Ok(Goal {
            id,
            title,
            notes,
            area: self.area,
            cadence: self.cadence,
            target: self.target,
            status: GoalStatus::Active,
            created: today,
            skipped: Vec::new(),
            pauses: Vec::new(),
            origin: None,
        })
    }

    pub(crate) fn checked(&self) -> Result<(String, String), ActionError> {
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
        if self.resources.iter().any(|r| state.resource(r).is_none()) {
            return Err(ActionError::NoSuchResource);
        }
        if self.with.iter().any(|p| state.person(p).is_none()) {
            return Err(ActionError::NoSuchPerson);
        }
        let mut with: Vec<Id> = Vec::with_capacity(self.with.len());
        for p in self.with {
            if !with.contains(&p) {
                with.push(p);
            }
        }
        Ok(CheckIn {
            id,
            date: self.date,
            note: text::optional("Note", &self.note, true, MAX_NOTE)?,
            people: text::optional("People", &self.people, false, MAX_SHORT)?,
            goal: self.goal,
            with,
            resources: self.resources,
        })
    }
}

impl State {
    /// Applies one user action and returns what would undo it. On error nothing has changed.
    pub fn apply(&mut self, action: Action) -> Result<Undo, ActionError> {
        match action {
            Action::SetProfile { name, role } => {
                let name = text::optional("Name", &name, false, MAX_SHORT)?;
                let role = text::optional("Role", &role, false, MAX_SHORT)?;
                self.settings.name = name;
                self.settings.role = role;
            }
            Action::SetWeekStart(w) => self.settings.week_start = w,
            Action::SetQuarterStart(m) => self.settings.quarter_start = m,
            Action::SetTheme(t) => self.settings.theme = t,
            Action::SetLocale(l) => self.settings.locale = l,
            Action::AddDateRange {
                kind,
                id,
                name,
                start,
                end,
            } => {
                let range = DateRange::checked(id, &name, start, end)?;
                let ranges = self.ranges_mut(kind);
                if ranges.len() >= MAX_RANGES {
                    return Err(ActionError::TooMany(MAX_RANGES));
                }
                if ranges.iter().any(|r| r.id == range.id) {
                    return Err(ActionError::IdTaken);
                }
                ranges.push(range);
                sort_ranges(ranges);
            }
            Action::EditDateRange {
                kind,
                id,
                name,
                start,
                end,
            } => {
                let range = DateRange::checked(id, &name, start, end)?;
                let ranges = self.ranges_mut(kind);
                let r = ranges
                    .iter_mut()
                    .find(|r| r.id == range.id)
                    .ok_or(ActionError::NoSuchRange)?;
                let before = std::mem::replace(r, range);
                sort_ranges(ranges);
                return Ok(Some(Action::EditDateRange {
                    kind,
                    id: before.id,
                    name: before.name,
                    start: before.start,
                    end: before.end,
                }));
            }
            Action::RemoveDateRange { kind, id } => {
                let ranges = self.ranges_mut(kind);
                let at = ranges
                    .iter()
                    .position(|r| r.id == id)
                    .ok_or(ActionError::NoSuchRange)?;
                let r = ranges.remove(at);
                return Ok(Some(Action::AddDateRange {
                    kind,
                    id: r.id,
                    name: r.name,
                    start: r.start,
                    end: r.end,
                }));
            }
            Action::SetUp { today, goals } => {
                if self.goals.len() + goals.len() > MAX_GOALS {
                    return Err(ActionError::TooMany(MAX_GOALS));
                }
                let mut made = Vec::with_capacity(goals.len());
                for (id, input) in goals {
                    if self.id_taken(&id) || made.iter().any(|g: &Goal| g.id == id) {
                        return Err(ActionError::IdTaken);
                    }
                    made.push(input.into_goal(id, today)?);
                }
                self.goals.extend(made);
                self.settings.set_up = true;
            }
            Action::AddGoal { id, today, input } => {
                if self.goals.len() >= MAX_GOALS {
                    return Err(ActionError::TooMany(MAX_GOALS));
                }
                if self.id_taken(&id) {
                    return Err(ActionError::IdTaken);
                }
                let goal = input.into_goal(id.clone(), today)?;
                self.goals.push(goal);
                self.settings.set_up = true;
                return Ok(Some(Action::DeleteGoal { id }));
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
            Action::SetGoalStatus { id, status, today } => {
                let goal = self.goal_mut(&id)?;
                let was = goal.status;
                let open = goal.pauses.iter().position(|p| p.until.is_none());
                match (
                    was == GoalStatus::Active,
                    status == GoalStatus::Active,
                    open,
                ) {
                    // Pausing or archiving an active goal starts a pause.
                    (true, false, None) => goal.pauses.push(Pause {
                        from: today,
                        until: None,
                    }),
                    // Resuming ends it.
                    (false, true, Some(at)) => {
                        if let Some(p) = goal.pauses.get_mut(at) {
                            p.until = Some(today);
                        }
                    }
                    _ => {}
                }
                goal.status = status;
            }
            Action::MoveGoal { id, to } => {
                let from = self
                    .goals
                    .iter()
                    .position(|g| g.id == id)
                    .ok_or(ActionError::NoSuchGoal)?;
                let goal = self.goals.remove(from);
                let to = to.min(self.goals.len());
                self.goals.insert(to, goal);
                return Ok(Some(Action::MoveGoal { id, to: from }));
            }
            Action::SkipPeriod { id, start } => {
                let goal = self.goal_mut(&id)?;
                if !goal.skipped.contains(&start) {
                    goal.skipped.push(start);
                    goal.skipped.sort_unstable();
                }
                return Ok(Some(Action::UnskipPeriod { id, start }));
            }
            Action::UnskipPeriod { id, start } => {
                self.goal_mut(&id)?.skipped.retain(|d| *d != start);
                return Ok(Some(Action::SkipPeriod { id, start }));
            }
            Action::DeleteGoal { id } => {
                let index = self
                    .goals
                    .iter()
                    .position(|g| g.id == id)
                    .ok_or(ActionError::NoSuchGoal)?;
                let goal = self.goals.remove(index);
                let mut check_ins = Vec::new();
                for c in &mut self.check_ins {
                    if c.goal.as_ref() == Some(&id) {
                        c.goal = None;
                        check_ins.push(c.id.clone());
                    }
                }
                return Ok(Some(Action::RestoreGoal {
                    goal,
                    index,
                    check_ins,
                }));
            }
            Action::RestoreGoal {
                goal,
                index,
                check_ins,
            } => {
                if self.goal(&goal.id).is_some() {
                    return Err(ActionError::IdTaken);
                }
                for c in &mut self.check_ins {
                    if check_ins.contains(&c.id) {
                        c.goal = Some(goal.id.clone());
                    }
                }
                let id = goal.id.clone();
                self.goals.insert(index.min(self.goals.len()), goal);
                return Ok(Some(Action::DeleteGoal { id }));
            }
            Action::LogCheckIn { id, input } => {
                if self.id_taken(&id) {
                    return Err(ActionError::IdTaken);
                }
                let check_in = input.into_check_in(id.clone(), self)?;
                self.check_ins.push(check_in);
                return Ok(Some(Action::DeleteCheckIn { id }));
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
                let index = self
                    .check_ins
                    .iter()
                    .position(|c| c.id == id)
                    .ok_or(ActionError::NoSuchCheckIn)?;
                let check_in = self.check_ins.remove(index);
                return Ok(Some(Action::RestoreCheckIn { check_in, index }));
            }
            Action::RestoreCheckIn { check_in, index } => {
                if self.id_taken(&check_in.id) {
                    return Err(ActionError::IdTaken);
                }
                let id = check_in.id.clone();
                self.check_ins
                    .insert(index.min(self.check_ins.len()), check_in);
                return Ok(Some(Action::DeleteCheckIn { id }));
            }
            Action::Shelf(a) => return Ok(self.apply_shelf(a)?.map(Action::Shelf)),
            Action::People(a) => return Ok(self.apply_people(a)?.map(Action::People)),
            Action::MarkExported { today } => {
                self.backup.last_export = Some(today);
                self.backup.changed_since = None;
            }
            Action::Replace(state) => {
                let before = std::mem::replace(self, *state);
                return Ok(Some(Action::Replace(Box::new(before))));
            }
        }
        Ok(None)
    }

    fn ranges_mut(&mut self, kind: RangeKind) -> &mut Vec<DateRange> {
        match kind {
            RangeKind::Term => &mut self.settings.terms,
            RangeKind::Break => &mut self.settings.breaks,
        }
    }

    fn goal_mut(&mut self, id: &Id) -> Result<&mut Goal, ActionError> {
        self.goals
            .iter_mut()
            .find(|g| &g.id == id)
            .ok_or(ActionError::NoSuchGoal)
    }
}
