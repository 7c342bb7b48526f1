//! Every user action as a pure function on the state.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{day, id};

use branch_out::model::text::TextError;
use branch_out::model::words;
use branch_out::model::*;
use proptest::prelude::*;

fn weekly(title: &str) -> GoalInput {
    GoalInput {
        title: title.into(),
        notes: String::new(),
        area: Area::School,
        cadence: Cadence::Weekly,
        target: 1,
    }
}

fn with_goal() -> State {
    let mut s = State::default();
    s.apply(Action::AddGoal {
        id: id(1),
        today: day(2026, 11, 24),
        input: weekly("Reach out to one colleague"),
    })
    .unwrap();
    s
}

fn log(goal: Option<Id>) -> CheckInInput {
    CheckInInput {
        date: day(2026, 11, 23),
        goal,
        note: "Shared the makerspace idea".into(),
        people: "Sam (Year 4)".into(),
        with: Vec::new(),
        resources: vec![],
    }
}

#[test]
fn a_goal_is_created_clean_and_active() {
    let mut s = State::default();
    s.apply(Action::AddGoal {
        id: id(1),
        today: day(2026, 11, 24),
        input: GoalInput {
            title: "  Attend\u{202E} one webinar ".into(),
            notes: "why\r\nbecause".into(),
            area: Area::Online,
            cadence: Cadence::Monthly,
            target: 2,
        },
    })
    .unwrap();
    let g = &s.goals[0];
    assert_eq!(g.title, "Attend one webinar");
    assert_eq!(g.notes, "why\nbecause");
    assert_eq!(g.status, GoalStatus::Active);
    assert_eq!(g.created, day(2026, 11, 24));
    assert_eq!(
        (g.cadence, g.target, g.area),
        (Cadence::Monthly, 2, Area::Online)
    );
}

#[test]
fn refused_actions_change_nothing() {
    let s = with_goal();
    let cases = [
        (
            Action::AddGoal {
                id: id(2),
                today: day(2026, 1, 1),
                input: weekly("  "),
            },
            ActionError::Text(TextError::Empty { field: "Title" }),
        ),
        (
            Action::AddGoal {
                id: id(2),
                today: day(2026, 1, 1),
                input: GoalInput {
                    target: 0,
                    ..weekly("x")
                },
            },
            ActionError::Target,
        ),
        (
            Action::AddGoal {
                id: id(2),
                today: day(2026, 1, 1),
                input: GoalInput {
                    target: 100,
                    ..weekly("x")
                },
            },
            ActionError::Target,
        ),
        (
            Action::AddGoal {
                id: id(1),
                today: day(2026, 1, 1),
                input: weekly("same id"),
            },
            ActionError::IdTaken,
        ),
        (
            Action::EditGoal {
                id: id(9),
                input: weekly("x"),
            },
            ActionError::NoSuchGoal,
        ),
        (Action::DeleteGoal { id: id(9) }, ActionError::NoSuchGoal),
        (
            Action::LogCheckIn {
                id: id(3),
                input: log(Some(id(9))),
            },
            ActionError::NoSuchGoal,
        ),
        (
            Action::EditCheckIn {
                id: id(9),
                input: log(None),
            },
            ActionError::NoSuchCheckIn,
        ),
        (
            Action::DeleteCheckIn { id: id(9) },
            ActionError::NoSuchCheckIn,
        ),
        (
            Action::SetProfile {
                name: "n".repeat(301),
                role: String::new(),
            },
            ActionError::Text(TextError::TooLong {
                field: "Name",
                len: 301,
                max: 300,
            }),
        ),
    ];
    for (action, expected) in cases {
        let mut t = s.clone();
        assert_eq!(t.apply(action.clone()), Err(expected), "{action:?}");
        assert_eq!(t, s, "{action:?} changed the state");
    }
}

#[test]
fn check_ins_are_logged_edited_and_deleted() {
    let mut s = with_goal();
    s.apply(Action::LogCheckIn {
        id: id(2),
        input: log(Some(id(1))),
    })
    .unwrap();
    assert_eq!(s.check_ins[0].goal, Some(id(1)));
    assert_eq!(s.check_ins[0].people, "Sam (Year 4)");
    s.apply(Action::EditCheckIn {
        id: id(2),
        input: CheckInInput {
            note: "Co-taught a lesson".into(),
            ..log(None)
        },
    })
    .unwrap();
    assert_eq!(s.check_ins[0].note, "Co-taught a lesson");
    assert_eq!(s.check_ins[0].goal, None);
    assert_eq!(s.check_ins[0].id, id(2));
    s.apply(Action::DeleteCheckIn { id: id(2) }).unwrap();
    assert!(s.check_ins.is_empty());
}

#[test]
fn deleting_a_goal_keeps_its_check_ins_in_the_log() {
    let mut s = with_goal();
    s.apply(Action::LogCheckIn {
        id: id(2),
        input: log(Some(id(1))),
    })
    .unwrap();
    s.apply(Action::DeleteGoal { id: id(1) }).unwrap();
    assert!(s.goals.is_empty());
    assert_eq!(s.check_ins.len(), 1);
    assert_eq!(s.check_ins[0].goal, None);
}

#[test]
fn goals_can_be_paused_edited_and_archived() {
    let mut s = with_goal();
    s.apply(Action::SetGoalStatus {
        id: id(1),
        status: GoalStatus::Paused,
        today: day(2026, 11, 25),
    })
    .unwrap();
    assert_eq!(s.goals[0].status, GoalStatus::Paused);
    s.apply(Action::EditGoal {
        id: id(1),
        input: GoalInput {
            cadence: Cadence::Quarterly,
            ..weekly("Present to a peer group")
        },
    })
    .unwrap();
    assert_eq!(s.goals[0].title, "Present to a peer group");
    assert_eq!(s.goals[0].cadence, Cadence::Quarterly);
    assert_eq!(
        s.goals[0].status,
        GoalStatus::Paused,
        "editing keeps the status"
    );
}

#[test]
fn the_profile_is_cleaned_and_first_change_makes_state_non_empty() {
    let mut s = State::default();
    assert!(s.is_empty());
    s.apply(Action::SetProfile {
        name: " Robin\u{200B} ".into(),
        role: "Teacher librarian".into(),
    })
    .unwrap();
    assert_eq!(s.settings.name, "Robin");
    assert!(!s.is_empty());
}

#[test]
fn colours_and_date_style_are_settings_that_travel_and_read_right() {
    let mut s = State::default();
    s.apply(Action::SetTheme(Theme::Dark)).unwrap();
    s.apply(Action::SetLocale(Locale::EnAu)).unwrap();
    assert_eq!(
        (s.settings.theme, s.settings.locale),
        (Theme::Dark, Locale::EnAu)
    );
    let d = day(2026, 11, 25);
    assert_eq!(words::date(d, s.settings.locale), "25 Nov 2026");
    assert_eq!(words::date(d, Locale::EnUs), "Nov 25, 2026");
    // Saved and read back with the rest of the settings.
    let back: State = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back.settings, s.settings);
}

proptest! {
    /// Whatever the librarian types, an action either applies or leaves the state as it was,
    /// and ids stay unique.
    #[test]
    fn actions_never_half_apply(
        start in common::state(),
        title in common::text(),
        target in 0u32..120,
        seed in any::<[u8; 16]>(),
    ) {
        let mut s = start.clone();
        let result = s.apply(Action::AddGoal {
            id: Id::from_random(seed),
            today: day(2026, 11, 24),
            input: GoalInput { target, ..weekly(&title) },
        });
        match result {
            Ok(_) => {
                prop_assert_eq!(s.goals.len(), start.goals.len() + 1);
                prop_assert_eq!(&s.goals[..start.goals.len()], &start.goals[..]);
            }
            Err(_) => prop_assert_eq!(&s, &start),
        }
    }
}

#[test]
fn every_delete_is_undone_exactly() {
    let mut s = with_goal();
    s.apply(Action::AddGoal {
        id: id(5),
        today: day(2026, 11, 24),
        input: weekly("Second goal"),
    })
    .unwrap();
    s.apply(Action::LogCheckIn {
        id: id(2),
        input: log(Some(id(1))),
    })
    .unwrap();
    s.apply(Action::LogCheckIn {
        id: id(3),
        input: log(None),
    })
    .unwrap();
    let before = s.clone();
    for action in [
        Action::DeleteGoal { id: id(1) },
        Action::DeleteCheckIn { id: id(2) },
        Action::MoveGoal { id: id(5), to: 0 },
        Action::SkipPeriod {
            id: id(1),
            start: day(2026, 11, 16),
        },
    ] {
        let mut t = before.clone();
        let undo = t.apply(action.clone()).unwrap().expect("undoable");
        assert_ne!(t, before, "{action:?} changed something");
        t.apply(undo).unwrap();
        assert_eq!(t, before, "undoing {action:?}");
    }
}

#[test]
fn pausing_and_resuming_records_when() {
    let mut s = with_goal();
    let set = |s: &mut State, status, d| {
        s.apply(Action::SetGoalStatus {
            id: id(1),
            status,
            today: d,
        })
        .unwrap();
    };
    set(&mut s, GoalStatus::Paused, day(2026, 12, 1));
    set(&mut s, GoalStatus::Archived, day(2026, 12, 5));
    set(&mut s, GoalStatus::Active, day(2027, 2, 1));
    assert_eq!(
        s.goals[0].pauses,
        vec![Pause {
            from: day(2026, 12, 1),
            until: Some(day(2027, 2, 1))
        }]
    );
}

#[test]
fn the_starter_plan_sets_up_three_cadences() {
    let mut s = State::default();
    let goals = branch_out::model::starter::starter_plan();
    assert_eq!(
        goals.iter().map(|g| g.cadence).collect::<Vec<_>>(),
        vec![Cadence::Weekly, Cadence::Monthly, Cadence::Quarterly]
    );
    s.apply(Action::SetUp {
        today: day(2026, 11, 24),
        goals: goals
            .into_iter()
            .enumerate()
            .map(|(i, g)| (id(i as u8 + 10), g))
            .collect(),
    })
    .unwrap();
    assert_eq!(s.goals.len(), 3);
    assert!(s.settings.set_up);
    let mut empty = State::default();
    empty
        .apply(Action::SetUp {
            today: day(2026, 11, 24),
            goals: vec![],
        })
        .unwrap();
    assert!(empty.goals.is_empty() && empty.settings.set_up && !empty.is_empty());
}

#[test]
fn terms_and_breaks_are_checked_and_kept_in_date_order() {
    let mut s = State::default();
    let add = |s: &mut State, n: u8, start, end| {
        s.apply(Action::AddDateRange {
            kind: RangeKind::Term,
            id: id(n),
            name: format!("Term {n}"),
            start,
            end,
        })
    };
    add(&mut s, 2, day(2026, 4, 20), day(2026, 6, 26)).unwrap();
    add(&mut s, 1, day(2026, 1, 28), day(2026, 4, 2)).unwrap();
    assert_eq!(s.settings.terms[0].name, "Term 1");
    assert_eq!(
        add(&mut s, 3, day(2026, 9, 1), day(2026, 8, 1)),
        Err(ActionError::Range)
    );
    let undo = s
        .apply(Action::RemoveDateRange {
            kind: RangeKind::Term,
            id: id(1),
        })
        .unwrap()
        .unwrap();
    assert_eq!(s.settings.terms.len(), 1);
    s.apply(undo).unwrap();
    assert_eq!(s.settings.terms.len(), 2);

    // Edited in place: checked like a new one, kept in date order, undone exactly.
    let before = s.clone();
    let edit = |name: &str, start, end| Action::EditDateRange {
        kind: RangeKind::Term,
        id: id(1),
        name: name.into(),
        start,
        end,
    };
    assert_eq!(
        s.apply(edit("Term 1", day(2026, 5, 1), day(2026, 4, 1))),
        Err(ActionError::Range)
    );
    assert!(s
        .apply(edit("  ", day(2026, 1, 28), day(2026, 4, 2)))
        .is_err());
    assert_eq!(s, before, "refused edits change nothing");
    let undo = s
        .apply(edit(
            "Term 1 (late start)",
            day(2026, 7, 1),
            day(2026, 9, 18),
        ))
        .unwrap()
        .unwrap();
    assert_eq!(
        s.settings.terms[1].name, "Term 1 (late start)",
        "now after term 2"
    );
    assert_eq!(s.settings.terms[1].id, id(1));
    s.apply(undo).unwrap();
    assert_eq!(s, before);
    assert_eq!(
        s.apply(Action::EditDateRange {
            kind: RangeKind::Break,
            id: id(1),
            name: "Not a break".into(),
            start: day(2026, 1, 1),
            end: day(2026, 1, 2),
        }),
        Err(ActionError::NoSuchRange)
    );
}

#[test]
fn backups_are_nudged_after_a_month_of_changes() {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let mut s = State::default();
    assert_eq!(s.backup.days_since_export(day(11, 25)), None);
    s.backup.note_change(day(10, 1));
    s.backup.note_change(day(10, 20));
    assert_eq!(
        s.backup.changed_since,
        Some(day(10, 1)),
        "the first change counts"
    );
    assert!(!s.backup.due(day(10, 30)));
    assert!(s.backup.due(day(10, 31)));
    assert_eq!(
        s.apply(Action::MarkExported { today: day(11, 2) }),
        Ok(None)
    );
    assert_eq!(s.backup.days_since_export(day(11, 25)), Some(23));
    assert!(
        !s.backup.due(day(12, 31)),
        "nothing changed since the backup"
    );
}

proptest! {
    /// The People screen finds a page's connections in one pass over the log: each person's
    /// list is the check-ins that name them, newest first, the later logged first on a day.
    #[test]
    fn connections_of_a_page_are_each_persons_connections(
        log in prop::collection::vec((common::check_in(), prop::collection::vec(0u8..5, 0..4)), 0..12),
        asked in prop::collection::vec(0u8..6, 0..5),
    ) {
        let mut state = State::default();
        for (mut c, with) in log {
            c.with = with.into_iter().map(id).collect();
            state.check_ins.push(c);
        }
        let asked: Vec<Id> = asked.into_iter().map(id).collect();
        let refs: Vec<&Id> = asked.iter().collect();
        let found = branch_out::model::network::connections_of(&state, &refs);
        prop_assert_eq!(found.len(), asked.len());
        for (person, list) in asked.iter().zip(found) {
            let mut expected: Vec<(usize, &CheckIn)> = state
                .check_ins
                .iter()
                .enumerate()
                .filter(|(_, c)| c.with.contains(person))
                .collect();
            expected.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
            let expected: Vec<&CheckIn> = expected.into_iter().map(|(_, c)| c).collect();
            prop_assert_eq!(list, expected);
        }
    }
}

/// A person's connection reads as its day, its goal, its note and the resources it linked (by
/// title, in the order linked; a resource since removed is left out).
#[test]
fn a_connection_line_names_its_goal_note_and_resources() {
    let mut s = with_goal();
    s.resources = vec![
        common::bare_resource(7, "LM_NET", None, Kind::EmailList),
        common::bare_resource(8, "AASL", None, Kind::Association),
    ];
    let sam = id(40);
    let resources = vec![s.resources[1].id.clone(), id(99), s.resources[0].id.clone()];
    s.check_ins.push(CheckIn {
        id: id(50),
        date: day(2026, 11, 23),
        goal: Some(id(1)),
        note: "Coffee".into(),
        people: String::new(),
        with: vec![sam.clone()],
        resources,
    });
    let lines = branch_out::model::network::history_lines(&s, &[&sam, &id(41)]);
    let date = words::date(day(2026, 11, 23), s.settings.locale);
    assert_eq!(
        lines,
        [
            vec![format!(
                "{date} · Reach out to one colleague: Coffee (Resources: AASL, LM_NET)"
            )],
            vec![],
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// What the save and the search index rely on: an action changes the resources, the log
    /// and the people only as its reach says (a refused one changes nothing).
    #[test]
    fn an_action_changes_the_long_lists_only_within_its_reach(
        (before, action) in common::linked_state()
            .prop_flat_map(|s| (Just(s.clone()), common::action_on(s)))
    ) {
        let reach = action.reach();
        let mut after = before.clone();
        match after.apply(action.clone()) {
            Ok(_) => prop_assert!(reach::within(&before, &after, &reach), "{action:?} went past {reach:?}"),
            Err(_) => prop_assert_eq!(&after, &before),
        }
    }
}

#[test]
fn a_star_or_an_edit_reaches_only_its_own_item_and_a_log_reaches_only_the_log() {
    use branch_out::model::reach::{within, Items, Reach};
    use branch_out::model::shelf::ResourceInput;
    let mut before = with_goal();
    for n in 2..5 {
        let input = ResourceInput {
            title: format!("List {n}"),
            url: format!("https://list{n}.example.org/"),
            kind: Some(Kind::EmailList),
            ..ResourceInput::default()
        };
        let add = ShelfAction::Add(input.check(id(n), day(2026, 9, 1)).unwrap());
        before.apply(Action::Shelf(add)).unwrap();
    }
    let star = Action::Shelf(ShelfAction::Favourite {
        id: id(3),
        favourite: true,
    });
    let reach = star.reach();
    assert_eq!(
        reach,
        Reach {
            resources: Items::Only(id(3)),
            ..Reach::default()
        }
    );
    let mut after = before.clone();
    after.apply(star).unwrap();
    assert!(within(&before, &after, &reach));
    // The star is a change to the shelf: a reach of nothing, or of another resource, misses it.
    assert!(!within(&before, &after, &Reach::default()));
    let elsewhere = Reach {
        resources: Items::Only(id(4)),
        ..Reach::default()
    };
    assert!(!within(&before, &after, &elsewhere));

    let logged = Action::LogCheckIn {
        id: id(9),
        input: log(Some(id(1))),
    };
    assert_eq!(
        logged.reach(),
        Reach {
            check_ins: Items::Any,
            ..Reach::default()
        }
    );
    let mut later = after.clone();
    later.apply(logged).unwrap();
    assert!(within(
        &after,
        &later,
        &Reach {
            check_ins: Items::Any,
            ..Reach::default()
        }
    ));
    // A new item moves the list's places: "only these items" does not cover it.
    let only_one = Reach {
        check_ins: Items::Only(id(9)),
        ..Reach::default()
    };
    assert!(!within(&after, &later, &only_one));
    assert!(within(&before, &later, &Reach::any()));
}
