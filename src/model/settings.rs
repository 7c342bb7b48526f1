//! The librarian's settings: who they are, how their calendar runs, how the app looks.

use super::error::ActionError;
use super::text::{self, MAX_SHORT};
use super::Id;
use chrono::{Month, NaiveDate};
use serde::{Deserialize, Serialize};

/// Settings kept with the plan and, if the librarian chooses, in exports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The librarian's name, shown as "exported by" in files they share. Optional.
    #[serde(default)]
    pub name: String,
    /// Their role ("Teacher librarian, Northside Primary"). Optional.
    #[serde(default)]
    pub role: String,
    /// The first day of a week for weekly goals.
    #[serde(default)]
    pub week_start: WeekStart,
    /// The month the first quarter starts in (a school year starting in July, say).
    #[serde(default = "first_month")]
    pub quarter_start: Month,
    /// School terms, for goals whose cadence is "per term".
    #[serde(default)]
    pub terms: Vec<DateRange>,
    /// Breaks (summer, holidays, PD days): periods inside them are skipped automatically.
    #[serde(default)]
    pub breaks: Vec<DateRange>,
    /// Light, dark, or follow the device.
    #[serde(default)]
    pub theme: Theme,
    /// Spelling and date conventions.
    #[serde(default)]
    pub locale: Locale,
    /// True once the librarian has chosen how to start (the starter plan, or empty).
    #[serde(default)]
    pub set_up: bool,
}

fn first_month() -> Month {
    Month::January
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: String::new(),
            role: String::new(),
            week_start: WeekStart::default(),
            quarter_start: first_month(),
            terms: Vec::new(),
            breaks: Vec::new(),
            theme: Theme::default(),
            locale: Locale::default(),
            set_up: false,
        }
    }
}

/// The day weeks start on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WeekStart {
    /// Monday, as most school timetables run.
    #[default]
    Monday,
    /// Sunday, as many US calendars show.
    Sunday,
}

/// A named span of whole days, both ends included: a school term or a break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// Stable id, so a term can be edited and shared.
    pub id: Id,
    /// "Term 1", "Summer break", "PD day".
    pub name: String,
    /// First day.
    #[serde(with = "crate::model::date")]
    pub start: NaiveDate,
    /// Last day (inclusive).
    #[serde(with = "crate::model::date")]
    pub end: NaiveDate,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Follow the device's light or dark preference.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Language variant for the app's words and dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    /// English (United States).
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
    /// English (Australia).
    #[serde(rename = "en-AU")]
    EnAu,
}

impl DateRange {
    /// A term or break as typed or imported, with its name cleaned and its days in order.
    pub fn checked(
        id: Id,
        name: &str,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Self, ActionError> {
        let name = text::required_line("Name", name, MAX_SHORT)?;
        if end < start {
            return Err(ActionError::Range);
        }
        Ok(DateRange {
            id,
            name,
            start,
            end,
        })
    }
}
