//! How a goal is doing: each period's status, and fair streaks.

use super::period::{Calendar, Period};
use super::{CheckIn, Goal, GoalStatus};
use chrono::NaiveDate;

/// Why a period is not due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// The librarian marked it skipped.
    Marked,
    /// Every school day of it is in a break.
    Break,
    /// The goal was paused or archived during it.
    Paused,
}

/// How one period went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Check-ins reached the target.
    Met,
    /// Some check-ins, fewer than the target, and the period is over.
    Partly,
    /// No check-ins, and the period is over.
    Missed,
    /// Not due: neither counts nor breaks a streak.
    Skipped(SkipReason),
    /// The current period, not yet met. Never "missed".
    InProgress,
}

/// One period of a goal's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodReport {
    /// The days it covers.
    pub period: Period,
    /// Check-ins for the goal inside it.
    pub count: u32,
    /// How it went.
    pub status: Status,
}

/// A goal's history up to today, and its streaks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Report {
    /// Every period from the goal's first to the current one, oldest first.
    pub history: Vec<PeriodReport>,
    /// The period holding today, if the cadence has one (a day between terms has none).
    pub current: Option<PeriodReport>,
    /// The last period before the current one.
    pub previous: Option<PeriodReport>,
    /// Met periods in a row up to now; skipped periods and the current, unfinished one don't
    /// break it.
    pub streak: u32,
    /// The longest such run in the history.
    pub best: u32,
}

fn paused_during(goal: &Goal, p: &Period) -> bool {
    goal.pauses
        .iter()
        .any(|pause| pause.from <= p.end && pause.until.is_none_or(|until| until > p.start))
}

/// The report for `goal` as of `today`.
pub fn report(goal: &Goal, check_ins: &[CheckIn], cal: &Calendar<'_>, today: NaiveDate) -> Report {
    let mut dates: Vec<NaiveDate> = check_ins
        .iter()
        .filter(|c| c.goal.as_ref() == Some(&goal.id))
        .map(|c| c.date)
        .collect();
    dates.sort_unstable();
    let first = dates
        .first()
        .map_or(goal.created, |d| (*d).min(goal.created));
    let last = today.max(first);

    let history: Vec<PeriodReport> = cal
        .periods(goal.cadence, first, last)
        .into_iter()
        .filter(|p| p.start <= today)
        .map(|period| {
            let count = (dates.partition_point(|d| *d <= period.end)
                - dates.partition_point(|d| *d < period.start)) as u32;
            let status = if count >= goal.target.max(1) {
                Status::Met
            } else if goal.skipped.contains(&period.start) {
                Status::Skipped(SkipReason::Marked)
            } else if paused_during(goal, &period)
                || (goal.status != GoalStatus::Active && goal.pauses.is_empty())
            {
                Status::Skipped(SkipReason::Paused)
            } else if cal.on_break(&period) {
                Status::Skipped(SkipReason::Break)
            } else if period.contains(today) {
                Status::InProgress
            } else if count > 0 {
                Status::Partly
            } else {
                Status::Missed
            };
            PeriodReport {
                period,
                count,
                status,
            }
        })
        .collect();

    let current = history.last().copied().filter(|r| r.period.contains(today));
    let previous = history.iter().rev().find(|r| r.period.end < today).copied();

    let mut best = 0;
    let mut run = 0;
    for r in &history {
        match r.status {
            Status::Met => {
                run += 1;
                best = best.max(run);
            }
            Status::Partly | Status::Missed => run = 0,
            Status::Skipped(_) | Status::InProgress => {}
        }
    }
    let mut streak = 0;
    for r in history.iter().rev() {
        match r.status {
            Status::Met => streak += 1,
            Status::Partly | Status::Missed => break,
            Status::Skipped(_) | Status::InProgress => {}
        }
    }

    Report {
        history,
        current,
        previous,
        streak,
        best,
    }
}
