//! Words and dates as the librarian reads them.

use crate::model::period::Period;
use crate::model::progress::{SkipReason, Status};
use crate::model::{Area, Cadence, GoalStatus, Locale};
use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month(d: NaiveDate) -> &'static str {
    MONTHS.get(d.month0() as usize).copied().unwrap_or("")
}

/// "25 Nov 2026" (en-AU) or "Nov 25, 2026" (en-US).
pub fn date(d: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::EnAu => format!("{} {} {}", d.day(), month(d), d.year()),
        Locale::EnUs => format!("{} {}, {}", month(d), d.day(), d.year()),
    }
}

/// A short name for a period: "week of Nov 23, 2026", "November 2026", "Oct–Dec 2026".
pub fn period(p: &Period, cadence: Cadence, locale: Locale) -> String {
    match cadence {
        Cadence::Weekly => format!("week of {}", date(p.start, locale)),
        Cadence::Monthly => format!("{} {}", month(p.start), p.start.year()),
        Cadence::Term => format!("term {} to {}", date(p.start, locale), date(p.end, locale)),
        Cadence::Quarterly | Cadence::Yearly => {
            let end_year = if p.start.year() == p.end.year() {
                String::new()
            } else {
                format!(" {}", p.start.year())
            };
            format!(
                "{}{}–{} {}",
                month(p.start),
                end_year,
                month(p.end),
                p.end.year()
            )
        }
    }
}

/// "week", "month", …
pub fn unit(c: Cadence) -> &'static str {
    match c {
        Cadence::Weekly => "week",
        Cadence::Monthly => "month",
        Cadence::Quarterly => "quarter",
        Cadence::Term => "term",
        Cadence::Yearly => "year",
    }
}

/// "3 weeks", "1 month".
pub fn count_of(n: u32, c: Cadence) -> String {
    format!("{n} {}{}", unit(c), if n == 1 { "" } else { "s" })
}

/// "Weekly", "Monthly", …
pub fn cadence(c: Cadence) -> &'static str {
    match c {
        Cadence::Weekly => "Weekly",
        Cadence::Monthly => "Monthly",
        Cadence::Quarterly => "Quarterly",
        Cadence::Term => "Each term",
        Cadence::Yearly => "Yearly",
    }
}

/// Every cadence with its form value.
pub const CADENCES: [(Cadence, &str); 5] = [
    (Cadence::Weekly, "weekly"),
    (Cadence::Monthly, "monthly"),
    (Cadence::Quarterly, "quarterly"),
    (Cadence::Term, "term"),
    (Cadence::Yearly, "yearly"),
];

/// The area's name.
pub fn area(a: Area) -> &'static str {
    match a {
        Area::School => "Within my school",
        Area::District => "Across my district",
        Area::StateRegional => "State & regional",
        Area::Online => "Online communities",
        Area::Partnerships => "Public & school library partnerships",
    }
}

/// Every area with its form value.
pub const AREAS: [(Area, &str); 5] = [
    (Area::School, "school"),
    (Area::District, "district"),
    (Area::StateRegional, "state-regional"),
    (Area::Online, "online"),
    (Area::Partnerships, "partnerships"),
];

/// "Active", "Paused", "Archived".
pub fn goal_status(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Active => "Active",
        GoalStatus::Paused => "Paused",
        GoalStatus::Archived => "Archived",
    }
}

/// A period's status in words.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partly => "partly met",
        Status::Missed => "missed",
        Status::Skipped(SkipReason::Marked) => "skipped",
        Status::Skipped(SkipReason::Break) => "skipped (break)",
        Status::Skipped(SkipReason::Paused) => "skipped (paused)",
        Status::InProgress => "in progress",
    }
}
