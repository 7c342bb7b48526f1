//! Check-ins: the log of connections made.

use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One connection made: "emailed Sam about the makerspace idea".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// Stable id across devices.
    pub id: Id,
    /// The day it happened.
    #[serde(with = "crate::model::date")]
    pub date: NaiveDate,
    /// The goal it counts towards, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Id>,
    /// What happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who was involved, as free text: anyone not in the network, and how check-ins named
    /// people before the network existed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub people: String,
    /// The people in the network it was with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<Id>,
    /// Resources on the shelf it involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Id>,
}
