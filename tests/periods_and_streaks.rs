//! Period math and streaks: tables for the cases people meet, properties for the rest.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{day, today};

use branch_out::model::period::{Calendar, Period};
use branch_out::model::progress::{report, SkipReason, Status};
use branch_out::model::*;
use chrono::{Datelike, Days, Month, NaiveDate, Weekday};
use proptest::prelude::*;

fn cal() -> Calendar<'static> {
    Calendar {
        week_start: WeekStart::Monday,
        quarter_start: Month::January,
        terms: &[],
        breaks: &[],
    }
}

fn goal(cadence: Cadence, target: u32, created: NaiveDate) -> Goal {
    Goal {
        id: Id::parse("g").unwrap(),
        title: "Reach out".into(),
        notes: String::new(),
        area: Area::School,
        cadence,
        target,
        status: GoalStatus::Active,
        created,
        skipped: vec![],
        pauses: vec![],
        origin: None,
    }
}

fn check_ins(dates: &[NaiveDate]) -> Vec<CheckIn> {
    dates
        .iter()
        .enumerate()
        .map(|(i, date)| CheckIn {
            id: Id::parse(&format!("c{i}")).unwrap(),
            date: *date,
            goal: Some(Id::parse("g").unwrap()),
            note: String::new(),
            people: String::new(),
            with: vec![],
            resources: vec![],
        })
        .collect()
}

fn statuses(g: &Goal, dates: &[NaiveDate], c: &Calendar<'_>, today: NaiveDate) -> Vec<Status> {
    report(g, &check_ins(dates), c, today)
        .history
        .iter()
        .map(|r| r.status)
        .collect()
}

#[test]
fn the_current_period_is_in_progress_never_missed() {
    let g = goal(Cadence::Weekly, 1, day(2026, 11, 23));
    let r = report(&g, &[], &cal(), today());
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.current.unwrap().status, Status::InProgress);
    assert_eq!((r.streak, r.best), (0, 0));
    let r = report(&g, &check_ins(&[day(2026, 11, 24)]), &cal(), today());
    assert_eq!(r.current.unwrap().status, Status::Met);
    assert_eq!(r.current.unwrap().count, 1);
    assert_eq!((r.streak, r.best), (1, 1));
}

#[test]
fn met_partly_missed_and_streaks() {
    let g = goal(Cadence::Weekly, 2, day(2026, 11, 2));
    let dates = [
        day(2026, 11, 2),
        day(2026, 11, 8),
        day(2026, 11, 10),
        day(2026, 11, 23),
        day(2026, 11, 25),
    ];
    assert_eq!(
        statuses(&g, &dates, &cal(), today()),
        vec![Status::Met, Status::Partly, Status::Missed, Status::Met]
    );
    let r = report(&g, &check_ins(&dates), &cal(), today());
    assert_eq!((r.streak, r.best), (1, 1));
    assert_eq!(r.previous.unwrap().status, Status::Missed);
    assert_eq!(r.previous.unwrap().period.start, day(2026, 11, 16));
}

#[test]
fn a_skipped_period_neither_counts_nor_breaks_the_streak() {
    let mut g = goal(Cadence::Weekly, 1, day(2026, 11, 2));
    let dates = [day(2026, 11, 3), day(2026, 11, 10), day(2026, 11, 24)];
    assert_eq!(report(&g, &check_ins(&dates), &cal(), today()).streak, 1);
    g.skipped.push(day(2026, 11, 16));
    let r = report(&g, &check_ins(&dates), &cal(), today());
    assert_eq!(
        r.history.iter().map(|p| p.status).collect::<Vec<_>>(),
        vec![
            Status::Met,
            Status::Met,
            Status::Skipped(SkipReason::Marked),
            Status::Met
        ]
    );
    assert_eq!((r.streak, r.best), (3, 3));
}

#[test]
fn breaks_skip_periods_automatically() {
    let breaks = [DateRange {
        id: Id::parse("b").unwrap(),
        name: "Mid-term break".into(),
        start: day(2026, 11, 16),
        end: day(2026, 11, 20),
    }];
    let c = Calendar {
        breaks: &breaks,
        ..cal()
    };
    let g = goal(Cadence::Weekly, 1, day(2026, 11, 9));
    let r = report(
        &g,
        &check_ins(&[day(2026, 11, 9), day(2026, 11, 23)]),
        &c,
        today(),
    );
    assert_eq!(
        r.history.iter().map(|p| p.status).collect::<Vec<_>>(),
        vec![Status::Met, Status::Skipped(SkipReason::Break), Status::Met]
    );
    assert_eq!(r.streak, 2);
}

#[test]
fn paused_goals_have_no_due_periods() {
    let mut g = goal(Cadence::Weekly, 1, day(2026, 11, 2));
    g.pauses.push(Pause {
        from: day(2026, 11, 11),
        until: Some(day(2026, 11, 17)),
    });
    let r = report(
        &g,
        &check_ins(&[day(2026, 11, 2), day(2026, 11, 24)]),
        &cal(),
        today(),
    );
    assert_eq!(
        r.history.iter().map(|p| p.status).collect::<Vec<_>>(),
        vec![
            Status::Met,
            Status::Skipped(SkipReason::Paused),
            Status::Skipped(SkipReason::Paused),
            Status::Met
        ]
    );
    assert_eq!(r.streak, 2);
    // Still paused: the current period isn't due either.
    g.status = GoalStatus::Paused;
    g.pauses = vec![Pause {
        from: day(2026, 11, 20),
        until: None,
    }];
    let r = report(&g, &[], &cal(), today());
    assert_eq!(
        r.current.unwrap().status,
        Status::Skipped(SkipReason::Paused)
    );
}

#[test]
fn history_starts_at_the_earliest_check_in_when_logged_before_the_goal() {
    let g = goal(Cadence::Monthly, 1, day(2026, 11, 20));
    let r = report(&g, &check_ins(&[day(2026, 9, 15)]), &cal(), today());
    assert_eq!(r.history.first().unwrap().period.start, day(2026, 9, 1));
    assert_eq!(r.history.len(), 3);
}

#[test]
fn term_goals_follow_the_terms_and_rest_between_them() {
    let terms = [
        DateRange {
            id: Id::parse("t3").unwrap(),
            name: "Term 3".into(),
            start: day(2026, 7, 13),
            end: day(2026, 9, 18),
        },
        DateRange {
            id: Id::parse("t4").unwrap(),
            name: "Term 4".into(),
            start: day(2026, 10, 5),
            end: day(2026, 12, 18),
        },
    ];
    let c = Calendar {
        terms: &terms,
        ..cal()
    };
    let g = goal(Cadence::Term, 1, day(2026, 7, 1));
    let r = report(&g, &check_ins(&[day(2026, 8, 1)]), &c, today());
    assert_eq!(
        r.history.iter().map(|p| p.status).collect::<Vec<_>>(),
        vec![Status::Met, Status::InProgress]
    );
    let between = report(&g, &check_ins(&[day(2026, 8, 1)]), &c, day(2026, 9, 25));
    assert_eq!(between.current, None);
    assert_eq!(between.streak, 1);
}

fn cadence_not_term() -> impl Strategy<Value = Cadence> {
    prop_oneof![
        Just(Cadence::Weekly),
        Just(Cadence::Monthly),
        Just(Cadence::Quarterly),
        Just(Cadence::Yearly)
    ]
}

proptest! {
    #[test]
    fn periods_hold_their_day_and_tile_the_calendar(
        day in common::date(),
        cadence in cadence_not_term(),
        sunday in any::<bool>(),
        month in 1u8..=12,
    ) {
        let c = Calendar {
            week_start: if sunday { WeekStart::Sunday } else { WeekStart::Monday },
            quarter_start: Month::try_from(month).unwrap(),
            terms: &[],
            breaks: &[],
        };
        let p = c.period(cadence, day).unwrap();
        prop_assert!(p.contains(day));
        let next = c.period(cadence, p.end.succ_opt().unwrap()).unwrap();
        prop_assert_eq!(next.start, p.end.succ_opt().unwrap(), "no gap, no overlap");
        match cadence {
            Cadence::Weekly => {
                prop_assert_eq!((p.end - p.start).num_days(), 6);
                prop_assert_eq!(p.start.weekday(), if sunday { Weekday::Sun } else { Weekday::Mon });
            }
            Cadence::Monthly => {
                prop_assert_eq!(p.start.day(), 1);
                prop_assert_eq!(p.start.month(), day.month());
            }
            Cadence::Quarterly | Cadence::Yearly => {
                prop_assert_eq!(p.start.day(), 1);
                let step = if cadence == Cadence::Quarterly { 3 } else { 12 };
                prop_assert_eq!((p.start.month() as i32 - month as i32).rem_euclid(step), 0);
                let months = (p.end.year() - p.start.year()) * 12 + p.end.month() as i32 - p.start.month() as i32 + 1;
                prop_assert_eq!(months, step);
            }
            Cadence::Term => unreachable!(),
        }
    }

    #[test]
    fn periods_between_two_days_cover_every_day_once(
        from in common::date(),
        span in 0u64..800,
        cadence in cadence_not_term(),
    ) {
        let to = from.checked_add_days(Days::new(span)).unwrap();
        let ps: Vec<Period> = cal().periods(cadence, from, to);
        prop_assert!(ps.first().unwrap().contains(from));
        prop_assert!(ps.last().unwrap().contains(to));
        for w in ps.windows(2) {
            prop_assert_eq!(w[1].start, w[0].end.succ_opt().unwrap());
        }
    }

    #[test]
    fn streaks_are_fair(
        offsets in prop::collection::vec(0u64..400, 0..40),
        skips in prop::collection::vec(0u64..60, 0..5),
        target in 1u32..3,
    ) {
        let start = day(2025, 10, 1);
        let today = day(2026, 11, 4);
        let g0 = goal(Cadence::Weekly, target, start);
        let dates: Vec<NaiveDate> = offsets.iter().map(|o| start.checked_add_days(Days::new(*o)).unwrap()).collect();
        let ins = check_ins(&dates);
        let r = report(&g0, &ins, &cal(), today);
        prop_assert!(r.streak <= r.best);
        let counted: u32 = r.history.iter().map(|p| p.count).sum();
        prop_assert_eq!(counted as usize, dates.iter().filter(|d| **d <= r.history.last().unwrap().period.end).count());
        prop_assert!(r.history.iter().all(|p| p.status != Status::Missed || !p.period.contains(today)));
        // Marking periods skipped can never lower a streak.
        let mut g1 = g0.clone();
        g1.skipped = skips.iter().filter_map(|w| r.history.get(*w as usize).map(|p| p.period.start)).collect();
        let r1 = report(&g1, &ins, &cal(), today);
        prop_assert!(r1.streak >= r.streak);
        prop_assert!(r1.best >= r.best);
    }
}
