//! Connection goals.

use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A networking goal: "reach out to one colleague every week".
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Goal {
    /// Stable id across devices.
    pub id: Id,
    /// What the librarian means to do.
    pub title: String,
    /// Why, or any notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Where the connection is made.
    pub area: Area,
    /// How often the goal comes round.
    pub cadence: Cadence,
    /// How many check-ins meet the goal in one period (1–99).
    pub target: u32,
    /// Active, paused or archived.
    #[serde(default)]
    pub status: GoalStatus,
    /// The day the goal was created; no period before it is due.
    #[serde(with = "crate::model::date")]
    pub created: NaiveDate,
    /// First days of periods the librarian marked as skipped.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "crate::model::date::vec"
    )]
    pub skipped: Vec<NaiveDate>,
    /// When the goal was paused or archived; no period overlapping a pause is due.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// Where it came from, when it arrived in an imported file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<super::Origin>,
}

/// A stretch of days when a goal was paused or archived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pause {
    /// The day it was paused.
    #[serde(with = "crate::model::date")]
    pub from: NaiveDate,
    /// The day it was resumed, if it has been.
    #[serde(default, with = "crate::model::date::option")]
    pub until: Option<NaiveDate>,
}

impl Goal {
    /// The largest target a goal may have.
    pub const MAX_TARGET: u32 = 99;
}

/// Where a connection is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// Within my school.
    School,
    /// Across my district.
    District,
    /// State and regional networks.
    StateRegional,
    /// Online communities.
    Online,
    /// Partnerships between the public and school library.
    Partnerships,
}

/// How often a goal comes round; periods are calendar-anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    /// Every week, from the week-start day.
    Weekly,
    /// Every calendar month.
    Monthly,
    /// Every quarter, from the quarter-start month.
    Quarterly,
    /// Every school term, from the term dates in Settings.
    Term,
    /// Every calendar year.
    Yearly,
}

/// Whether a goal is being worked on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    /// Due every period.
    #[default]
    Active,
    /// Kept, but nothing is due while paused.
    Paused,
    /// Done with; kept for its history.
    Archived,
}
