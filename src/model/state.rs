//! Everything a librarian keeps in Branch Out.

use super::{CheckIn, Goal, Person, Resource, Settings};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The whole of a librarian's data: the plan (goals and check-ins), the shelf and settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Who the librarian is, how their calendar runs, how the app looks.
    #[serde(default)]
    pub settings: Settings,
    /// Goals, in the librarian's order.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The check-in log, in the order logged.
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    /// The shelf of resources, in the order added.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// The people in the librarian's network, in the order added. Left out of a save while
    /// empty, so a save without people stays readable by earlier versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// When the data was last backed up. Kept on this device only: never exported.
    #[serde(default, skip_serializing_if = "Backup::is_unset")]
    pub backup: Backup,
}

/// When the librarian last exported a full backup, and since when changes have not been in
/// one; Today nudges once that is a month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// The day of the last full backup.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::date::option"
    )]
    pub last_export: Option<NaiveDate>,
    /// The day of the first change since then.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::date::option"
    )]
    pub changed_since: Option<NaiveDate>,
}

impl Backup {
    /// Days of changes without a backup before Today asks for one.
    pub const NUDGE_DAYS: i64 = 30;

    fn is_unset(&self) -> bool {
        *self == Backup::default()
    }

    /// Records that something changed today (only the first change since a backup counts).
    pub fn note_change(&mut self, today: NaiveDate) {
        self.changed_since.get_or_insert(today);
    }

    /// Whole days since the last full backup, if there was one.
    pub fn days_since_export(&self, today: NaiveDate) -> Option<i64> {
        self.last_export.map(|d| (today - d).num_days().max(0))
    }

    /// True when changes have gone [`Backup::NUDGE_DAYS`] days or more without a backup.
    pub fn due(&self, today: NaiveDate) -> bool {
        self.changed_since
            .is_some_and(|d| (today - d).num_days() >= Self::NUDGE_DAYS)
    }
}

impl State {
    /// True when nothing has been created or changed yet.
    pub fn is_empty(&self) -> bool {
        *self == State::default()
    }

    /// The goal with this id.
    pub fn goal(&self, id: &super::Id) -> Option<&Goal> {
        self.goals.iter().find(|g| &g.id == id)
    }

    /// True when a goal, check-in, resource or person already has this id.
    pub(super) fn id_taken(&self, id: &super::Id) -> bool {
        self.goals.iter().any(|g| &g.id == id)
            || self.check_ins.iter().any(|c| &c.id == id)
            || self.resources.iter().any(|r| &r.id == id)
            || self.people.iter().any(|p| &p.id == id)
    }
}
