//! What Today and the printed plan show from the plan and the shelf: each active goal's
//! report, the paused goals, and the shelf's dates coming up.

use super::period::Calendar;
use super::progress::{report, Report, Status};
use super::{Goal, GoalStatus, Id, State};
use chrono::{Days, NaiveDate};

/// How far ahead "Coming up" looks, in days.
pub const COMING_UP_DAYS: u64 = 60;

/// Each active goal with its report as of `today`, in the plan's order.
pub fn active_reports(state: &State, today: NaiveDate) -> Vec<(&Goal, Report)> {
    let cal = Calendar::of(&state.settings);
    state
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .map(|g| (g, report(g, &state.check_ins, &cal, today)))
        .collect()
}

/// The active goal most in need this period, for a connection logged without one: of the
/// goals whose current period is in progress, the one with the largest share of its target
/// still to do, then the one whose period ends soonest, then the first in the plan. `None`
/// when every goal is met (or none is due), so the connection counts towards no goal.
pub fn most_in_need(state: &State, today: NaiveDate) -> Option<Id> {
    active_reports(state, today)
        .into_iter()
        .filter_map(|(g, r)| {
            let cur = r.current?;
            (cur.status == Status::InProgress).then(|| {
                let left = g.target.saturating_sub(cur.count);
                // The share left, in thousandths.
                let share = u64::from(left) * 1_000 / u64::from(g.target.max(1));
                (std::cmp::Reverse(share), cur.period.end, g.id.clone())
            })
        })
        .enumerate()
        .min_by(|(i, a), (j, b)| (a.0, a.1, i).cmp(&(b.0, b.1, j)))
        .map(|(_, (_, _, id))| id)
}

/// The titles of the paused goals, in the plan's order.
pub fn paused(state: &State) -> Vec<String> {
    state
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Paused)
        .map(|g| g.title.clone())
        .collect()
}

/// The shelf's dates from today through [`COMING_UP_DAYS`] ahead, soonest first, each with
/// what happens then ("ALSC webinar: Storytime online").
pub fn coming_up(state: &State, today: NaiveDate) -> Vec<(NaiveDate, String)> {
    let until = today
        .checked_add_days(Days::new(COMING_UP_DAYS))
        .unwrap_or(today);
    let mut list: Vec<(NaiveDate, String)> = state
        .resources
        .iter()
        .filter_map(|r| {
            let d = r.next_date.filter(|d| *d >= today && *d <= until)?;
            let what = if r.next_label.is_empty() {
                r.title.clone()
            } else {
                format!("{}: {}", r.title, r.next_label)
            };
            Some((d, what))
        })
        .collect();
    // Date, then words: equal items are the same, so no stable sort is needed.
    list.sort_unstable();
    list
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::shelf::ResourceInput;
    use crate::model::{Action, Area, Cadence, CheckInInput, GoalInput, Id, ShelfAction};
    use crate::testing::day;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn dated(state: &mut State, key: &str, title: &str, date: NaiveDate, label: &str) {
        let input = ResourceInput {
            title: title.into(),
            next_date: Some(date),
            next_label: label.into(),
            ..ResourceInput::default()
        };
        let add = ShelfAction::Add(input.check(id(key), day(2026, 1, 5)).unwrap());
        state.apply(Action::Shelf(add)).unwrap();
    }

    #[test]
    fn coming_up_is_today_through_sixty_days_soonest_first() {
        let today = day(2026, 11, 25);
        let mut state = State::default();
        dated(&mut state, "r1", "Yesterday", day(2026, 11, 24), "");
        dated(&mut state, "r2", "Last day", day(2026, 3, 2), "renewal");
        dated(&mut state, "r3", "Too far", day(2026, 3, 3), "");
        dated(&mut state, "r4", "Today", today, "webinar");
        let mut later = state.clone();
        dated(
            &mut later,
            "r5",
            "Next year",
            NaiveDate::from_ymd_opt(2027, 1, 24).unwrap(),
            "",
        );
        assert_eq!(
            coming_up(&later, today),
            vec![
                (today, "Today: webinar".to_owned()),
                (
                    NaiveDate::from_ymd_opt(2027, 1, 24).unwrap(),
                    "Next year".to_owned()
                ),
            ]
        );
        // Dates already past in the year are never coming up.
        assert_eq!(
            coming_up(&state, today),
            vec![(today, "Today: webinar".to_owned())]
        );
        assert_eq!(
            coming_up(&state, day(2026, 1, 1)),
            vec![(day(2026, 3, 2), "Last day: renewal".to_owned())]
        );
    }

    #[test]
    fn only_active_goals_are_reported_and_paused_ones_are_named() {
        let today = day(2026, 11, 25);
        let mut state = State::default();
        for (key, title) in [
            ("g1", "Weekly chat"),
            ("g2", "Visit a branch"),
            ("g3", "Old"),
        ] {
            let input = GoalInput {
                title: title.into(),
                notes: String::new(),
                area: Area::School,
                cadence: Cadence::Weekly,
                target: 1,
            };
            state
                .apply(Action::AddGoal {
                    id: id(key),
                    today: day(2026, 11, 1),
                    input,
                })
                .unwrap();
        }
        for (key, status) in [("g2", GoalStatus::Paused), ("g3", GoalStatus::Archived)] {
            state
                .apply(Action::SetGoalStatus {
                    id: id(key),
                    status,
                    today,
                })
                .unwrap();
        }
        let log = CheckInInput {
            date: today,
            goal: Some(id("g1")),
            note: String::new(),
            people: String::new(),
            with: Vec::new(),
            resources: Vec::new(),
        };
        state
            .apply(Action::LogCheckIn {
                id: id("c1"),
                input: log,
            })
            .unwrap();
        let reports = active_reports(&state, today);
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].0.title, "Weekly chat");
        assert_eq!(reports[0].1.current.unwrap().count, 1);
        assert_eq!(paused(&state), ["Visit a branch"]);
    }

    #[test]
    fn a_connection_without_a_goal_goes_to_the_goal_most_in_need() {
        let today = day(2026, 11, 25);
        let mut state = State::default();
        assert_eq!(most_in_need(&state, today), None);
        for (key, cadence, target) in [
            ("g1", Cadence::Weekly, 1),
            ("g2", Cadence::Monthly, 4),
            ("g3", Cadence::Quarterly, 4),
        ] {
            let input = GoalInput {
                title: key.into(),
                notes: String::new(),
                area: Area::School,
                cadence,
                target,
            };
            state
                .apply(Action::AddGoal {
                    id: id(key),
                    today: day(2026, 10, 1),
                    input,
                })
                .unwrap();
        }
        let log = |state: &mut State, n: &str, goal: &str| {
            let input = CheckInInput {
                date: today,
                goal: Some(id(goal)),
                note: String::new(),
                people: String::new(),
                with: Vec::new(),
                resources: Vec::new(),
            };
            state
                .apply(Action::LogCheckIn { id: id(n), input })
                .unwrap();
        };
        // All untouched: the same share left, so the period that ends first (the week).
        assert_eq!(most_in_need(&state, today), Some(id("g1")));
        log(&mut state, "c1", "g1");
        // The week is met; month and quarter have all four left: the month ends first.
        assert_eq!(most_in_need(&state, today), Some(id("g2")));
        log(&mut state, "c2", "g2");
        log(&mut state, "c3", "g2");
        // The month has half left, the quarter all of it.
        assert_eq!(most_in_need(&state, today), Some(id("g3")));
        for n in ["c4", "c5", "c6", "c7"] {
            log(&mut state, n, "g3");
        }
        log(&mut state, "c8", "g2");
        log(&mut state, "c9", "g2");
        assert_eq!(most_in_need(&state, today), None, "everything is met");
    }
}
