//! Everything a librarian keeps in Branch Out.

use super::{CheckIn, Goal, Resource, Settings};
use serde::{Deserialize, Serialize};

/// The whole of a librarian's data: the plan (goals and check-ins), the shelf and settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Settings.
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
}
