//! Words and dates as the librarian reads them: labels for the screens and for every file Branch
//! Out writes.

use super::period::Period;
use super::progress::{SkipReason, Status};
use super::{Area, Cadence, GoalStatus, Locale, Theme, WeekStart};
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

/// "1 goal", "3 goals": a count with the word that fits it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The day a week starts on.
pub fn week_start(w: WeekStart) -> &'static str {
    match w {
        WeekStart::Monday => "Monday",
        WeekStart::Sunday => "Sunday",
    }
}

/// How the app looks.
pub fn theme(t: Theme) -> &'static str {
    match t {
        Theme::System => "As the device is set",
        Theme::Light => "Light",
        Theme::Dark => "Dark",
    }
}

/// How dates are written.
pub fn locale(l: Locale) -> &'static str {
    match l {
        Locale::EnUs => "English (United States)",
        Locale::EnAu => "English (Australia)",
    }
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

use super::{Kind, Membership, Scope};

/// Every kind with its form value and name.
pub const KINDS: [(Kind, &str, &str); 9] = [
    (Kind::EmailList, "email-list", "Email list"),
    (Kind::SocialGroup, "social-group", "Social group"),
    (Kind::Association, "association", "Association"),
    (Kind::WebinarCourse, "webinar-course", "Webinar or course"),
    (Kind::Toolkit, "toolkit", "Toolkit"),
    (Kind::Publication, "publication", "Publication"),
    (Kind::LocalNetwork, "local-network", "Local network"),
    (
        Kind::CommunityOrganisation,
        "community-organisation",
        "Community organisation",
    ),
    (Kind::Other, "other", "Other"),
];

/// Every scope with its form value and name.
pub const SCOPES: [(Scope, &str, &str); 5] = [
    (Scope::Local, "local", "Local"),
    (Scope::District, "district", "District"),
    (Scope::State, "state", "State"),
    (Scope::National, "national", "National"),
    (Scope::International, "international", "International"),
];

/// Every membership status with its form value and name.
pub const MEMBERSHIPS: [(Membership, &str, &str); 4] = [
    (Membership::Member, "member", "Member"),
    (Membership::Subscribed, "subscribed", "Subscribed"),
    (Membership::Pending, "pending", "Pending"),
    (Membership::NotJoined, "not-joined", "Not joined"),
];

/// The kind's name.
pub fn kind(k: Kind) -> &'static str {
    KINDS
        .iter()
        .find(|(x, _, _)| *x == k)
        .map_or("Other", |(_, _, n)| n)
}

/// The kind's name in the plural ("Email lists"), for folders and headings.
pub fn kinds(k: Kind) -> String {
    match k {
        Kind::WebinarCourse => "Webinars and courses".into(),
        Kind::Other => "Other".into(),
        k => format!("{}s", kind(k)),
    }
}

/// The scope's name.
pub fn scope(s: Scope) -> &'static str {
    SCOPES
        .iter()
        .find(|(x, _, _)| *x == s)
        .map_or("", |(_, _, n)| n)
}

/// The membership status's name.
pub fn membership(m: Membership) -> &'static str {
    MEMBERSHIPS
        .iter()
        .find(|(x, _, _)| *x == m)
        .map_or("", |(_, _, n)| n)
}

/// Looks a form value up in one of the tables above.
pub fn from_value<T: Copy>(table: &[(T, &str, &str)], value: &str) -> Option<T> {
    table
        .iter()
        .find(|(_, v, _)| *v == value)
        .map(|(t, _, _)| *t)
}
