//! The plan's goals as an iCalendar (RFC 5545) file, so each goal's reminder arrives through
//! Google Calendar, Outlook or Apple Calendar on the first day of every period.

use super::lines::{escape, fold};
use crate::model::period::{Calendar, Period};
use crate::model::{text, words, Cadence, DateRange, Goal, GoalStatus, State};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// The calendar's `PRODID`.
const PRODID: &str = "-//Branch Out//Connection plan//EN";
/// The name calendar apps show for the imported calendar.
const CALENDAR_NAME: &str = "Branch Out connection plan";

/// Every active goal as an all-day event on the first day of its current period, repeating
/// with the cadence (paused and archived goals are left out). `stamp` is the moment of export
/// in UTC, for `DTSTAMP`; everything else follows from the state and `today`, so the same
/// inputs always give the same bytes.
///
/// Terms follow no rule a calendar can express, so a per-term goal becomes one event on the
/// first day of each term from the current one on, each with its own `UID`. `RDATE` could list
/// those days in one event, but calendar apps disagree about it (Outlook ignores the event
/// without an `RRULE`, several others drop the dates), while plain events import everywhere and
/// a stable `UID` lets a later import update them rather than add copies. A per-term goal with
/// no terms set gives no event.
pub fn calendar(state: &State, today: NaiveDate, stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{}", escape(CALENDAR_NAME)),
    ] {
        fold(line, &mut out);
    }
    let settings = &state.settings;
    let cal = Calendar::of(settings);
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        ymd(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for goal in state
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
    {
        let each = format!(
            "{} check-in{} each {}",
            goal.target,
            if goal.target == 1 { "" } else { "s" },
            words::unit(goal.cadence)
        );
        let rule = match goal.cadence {
            Cadence::Weekly => "FREQ=WEEKLY",
            Cadence::Monthly => "FREQ=MONTHLY",
            Cadence::Quarterly => "FREQ=MONTHLY;INTERVAL=3",
            Cadence::Yearly => "FREQ=YEARLY",
            Cadence::Term => {
                for term in terms_from(&settings.terms, today) {
                    let what = format!(
                        "{each} ({}: {} to {})",
                        text::clean(&term.name, false),
                        words::date(term.start, settings.locale),
                        words::date(term.end, settings.locale)
                    );
                    let period = Period {
                        start: term.start,
                        end: term.end,
                    };
                    let uid = format!("{}-{}@branch-out", goal.id, term.id);
                    event(goal, &uid, &stamp, &period, None, &what, &mut out);
                }
                continue;
            }
        };
        if let Some(period) = cal.period(goal.cadence, today) {
            let uid = format!("{}@branch-out", goal.id);
            event(goal, &uid, &stamp, &period, Some(rule), &each, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// Terms that have not ended by `today`, in date order; of two with the same dates, one.
fn terms_from(terms: &[DateRange], today: NaiveDate) -> Vec<&DateRange> {
    let mut out: Vec<&DateRange> = terms
        .iter()
        .filter(|t| t.start <= t.end && t.end >= today)
        .collect();
    out.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    out.dedup_by(|b, a| (a.start, a.end) == (b.start, b.end));
    out
}

fn event(
    goal: &Goal,
    uid: &str,
    stamp: &str,
    period: &Period,
    rule: Option<&str>,
    what: &str,
    out: &mut String,
) {
    let Some(next_day) = period.start.succ_opt() else {
        return;
    };
    let mut description = format!("{what}. {}.", words::area(goal.area));
    let notes = text::clean(&goal.notes, true);
    if !notes.is_empty() {
        description.push_str("\n\n");
        description.push_str(&notes);
    }
    fold("BEGIN:VEVENT", out);
    fold(&format!("UID:{uid}"), out);
    fold(&format!("DTSTAMP:{stamp}"), out);
    fold(&format!("DTSTART;VALUE=DATE:{}", ymd(period.start)), out);
    fold(&format!("DTEND;VALUE=DATE:{}", ymd(next_day)), out);
    if let Some(rule) = rule {
        fold(&format!("RRULE:{rule}"), out);
    }
    fold(
        &format!("SUMMARY:{}", escape(&text::clean(&goal.title, false))),
        out,
    );
    fold(&format!("DESCRIPTION:{}", escape(&description)), out);
    // A reminder, not an appointment: the day stays free.
    fold("TRANSP:TRANSPARENT", out);
    fold("END:VEVENT", out);
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}
