//! The pure domain: settings, goals, check-ins and resources, and every user action on them.
//!
//! Nothing here touches the browser or the clock: "today" and fresh ids are parameters, so
//! every rule is tested natively.

mod action;
pub mod agenda;
mod checkin;
pub mod date;
mod error;
mod goal;
mod id;
pub mod link;
pub mod names;
pub mod network;
pub mod period;
pub mod person;
pub mod progress;
pub mod reach;
mod resource;
pub mod search;
mod settings;
pub mod shelf;
pub mod starter;
mod state;
pub mod text;
pub mod words;

pub use action::{Action, CheckInInput, GoalInput, RangeKind, Undo, MAX_GOALS, MAX_RANGES};
pub use checkin::CheckIn;
pub use error::ActionError;
pub use goal::{Area, Cadence, Goal, GoalStatus, Pause};
pub use id::{Id, IdError};
pub use person::{KeepInTouch, PeopleAction, Person, PersonInput, Relation};
pub use resource::{EmailList, Kind, Membership, Origin, Resource, Scope};
pub use settings::{DateRange, Locale, Settings, Theme, WeekStart};
pub use shelf::ShelfAction;
pub use state::{Backup, State};
