//! proptest strategies for the model.

use super::id as nth_id;
use branch_out::model::*;
use chrono::{Month, NaiveDate};
use proptest::prelude::*;

/// Text with anything in it: RTL, emoji, quotes, controls, empty.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\PC{0,40}",
        Just("שלום \u{202E}עולם 👩\u{200D}👩\u{200D}👧 \"q\" \\ </script>".to_owned()),
        Just("x".repeat(300)),
    ]
}

pub fn any_id() -> impl Strategy<Value = Id> {
    any::<[u8; 16]>().prop_map(Id::from_random)
}

pub fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..20_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

pub fn area() -> impl Strategy<Value = Area> {
    prop_oneof![
        Just(Area::School),
        Just(Area::District),
        Just(Area::StateRegional),
        Just(Area::Online),
        Just(Area::Partnerships)
    ]
}

pub fn cadence() -> impl Strategy<Value = Cadence> {
    prop_oneof![
        Just(Cadence::Weekly),
        Just(Cadence::Monthly),
        Just(Cadence::Quarterly),
        Just(Cadence::Term),
        Just(Cadence::Yearly)
    ]
}

pub fn goal() -> impl Strategy<Value = Goal> {
    (
        any_id(),
        text(),
        text(),
        area(),
        cadence(),
        1u32..=99,
        prop_oneof![
            Just(GoalStatus::Active),
            Just(GoalStatus::Paused),
            Just(GoalStatus::Archived)
        ],
        date(),
        prop::collection::vec(date(), 0..3),
        prop::collection::vec((date(), prop::option::of(date())), 0..2),
        origin(),
    )
        .prop_map(
            |(
                id,
                title,
                notes,
                area,
                cadence,
                target,
                status,
                created,
                skipped,
                pauses,
                origin,
            )| Goal {
                id,
                title,
                notes,
                area,
                cadence,
                target,
                status,
                created,
                skipped,
                pauses: pauses
                    .into_iter()
                    .map(|(from, until)| Pause { from, until })
                    .collect(),
                origin,
            },
        )
}

pub fn check_in() -> impl Strategy<Value = CheckIn> {
    (
        any_id(),
        date(),
        prop::option::of(any_id()),
        text(),
        text(),
        prop::collection::vec(any_id(), 0..3),
        prop::collection::vec(any_id(), 0..3),
    )
        .prop_map(|(id, date, goal, note, people, with, resources)| CheckIn {
            id,
            date,
            goal,
            note,
            people,
            with,
            resources,
        })
}

pub fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::EmailList),
        Just(Kind::SocialGroup),
        Just(Kind::Association),
        Just(Kind::WebinarCourse),
        Just(Kind::Toolkit),
        Just(Kind::Publication),
        Just(Kind::LocalNetwork),
        Just(Kind::CommunityOrganisation),
        Just(Kind::Other)
    ]
}

pub fn resource() -> impl Strategy<Value = Resource> {
    (
        (any_id(), text(), prop::option::of(text()), kind()),
        (
            prop::collection::vec(text(), 0..4),
            text(),
            prop::option::of(prop_oneof![
                Just(Scope::Local),
                Just(Scope::District),
                Just(Scope::State),
                Just(Scope::National),
                Just(Scope::International)
            ]),
            prop_oneof![
                Just(Membership::Member),
                Just(Membership::Subscribed),
                Just(Membership::Pending),
                Just(Membership::NotJoined)
            ],
        ),
        (
            prop::option::of((text(), text(), text(), any::<bool>())),
            prop::option::of(date()),
            any::<bool>(),
            date(),
            origin(),
        ),
    )
        .prop_map(
            |(
                (id, title, url, kind),
                (tags, notes, scope, membership),
                (email, next_date, favourite, added, origin),
            )| Resource {
                id,
                title,
                url,
                kind,
                tags,
                notes,
                scope,
                membership,
                email_list: email.map(|(address, subscribe, leave, digest)| EmailList {
                    address,
                    subscribe,
                    leave,
                    digest,
                }),
                next_date,
                next_label: String::new(),
                favourite,
                added,
                origin,
            },
        )
}

/// Where an imported item came from, or nothing.
pub fn origin() -> impl Strategy<Value = Option<Origin>> {
    prop::option::of((text(), date()).prop_map(|(from, date)| Origin { from, date }))
}

pub fn settings() -> impl Strategy<Value = Settings> {
    (
        text(),
        text(),
        any::<bool>(),
        1u8..=12,
        prop::collection::vec((any_id(), text(), date(), date()), 0..3),
        prop_oneof![Just(Theme::System), Just(Theme::Light), Just(Theme::Dark)],
        any::<bool>(),
    )
        .prop_map(|(name, role, sunday, month, terms, theme, au)| Settings {
            name,
            role,
            week_start: if sunday {
                WeekStart::Sunday
            } else {
                WeekStart::Monday
            },
            quarter_start: Month::try_from(month).unwrap(),
            breaks: terms
                .iter()
                .rev()
                .map(|(id, name, start, end)| DateRange {
                    id: id.clone(),
                    name: name.clone(),
                    start: *start,
                    end: *end,
                })
                .collect(),
            terms: terms
                .into_iter()
                .map(|(id, name, start, end)| DateRange {
                    id,
                    name,
                    start,
                    end,
                })
                .collect(),
            theme,
            locale: if au { Locale::EnAu } else { Locale::EnUs },
            set_up: sunday,
        })
}

pub fn relation() -> impl Strategy<Value = Relation> {
    prop::sample::select(Relation::ALL.to_vec())
}

pub fn keep_in_touch() -> impl Strategy<Value = KeepInTouch> {
    prop::sample::select(KeepInTouch::ALL.to_vec())
}

/// Anyone, with any text in every field (as a hostile file could hold).
pub fn person() -> impl Strategy<Value = Person> {
    (
        (
            any_id(),
            text(),
            text(),
            text(),
            prop_oneof![text(), "[a-zA-Z]{1,4}@[a-z]{1,3}\\.org"],
            text(),
        ),
        (
            prop::option::of(prop_oneof![text(), "https://[a-z]{1,4}\\.org/[a-z]{0,3}"]),
            relation(),
            prop::option::of(area()),
        ),
        (prop::collection::vec(text(), 0..3), text(), keep_in_touch()),
        (
            any::<bool>(),
            any::<bool>(),
            prop::option::of(date()),
            date(),
            origin(),
        ),
    )
        .prop_map(
            |(
                (id, name, role, place, email, phone),
                (url, relation, area),
                (tags, notes, keep_in_touch),
                (favourite, archived, snoozed_until, added, origin),
            )| Person {
                id,
                name,
                role,
                place,
                email,
                phone,
                url,
                relation,
                area,
                tags,
                notes,
                keep_in_touch,
                favourite,
                archived,
                snoozed_until,
                added,
                origin,
            },
        )
}

pub fn state() -> impl Strategy<Value = State> {
    (
        settings(),
        prop::collection::vec(goal(), 0..5),
        prop::collection::vec(check_in(), 0..8),
        prop::collection::vec(resource(), 0..5),
        prop::collection::vec(person(), 0..4),
    )
        .prop_map(|(settings, goals, check_ins, resources, people)| State {
            settings,
            goals,
            check_ins,
            resources,
            people,
            backup: Backup::default(),
        })
}

/// A resource with only a title, an address and a kind: the rest empty, added 25 Nov 2026.
pub fn bare_resource(n: u8, title: &str, url: Option<&str>, kind: Kind) -> Resource {
    Resource {
        id: nth_id(n),
        title: title.into(),
        url: url.map(Into::into),
        kind,
        tags: vec![],
        notes: String::new(),
        scope: None,
        membership: Membership::NotJoined,
        email_list: None,
        next_date: None,
        next_label: String::new(),
        favourite: false,
        added: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        origin: None,
    }
}

/// A state whose check-ins count towards its goals and name its resources and people (as the
/// app makes them), so that removing one of those reaches the log.
pub fn linked_state() -> BoxedStrategy<State> {
    state()
        .boxed()
        .prop_map(|mut s| {
            let (goals, resources, people) = (
                s.goals.iter().map(|g| g.id.clone()).collect::<Vec<_>>(),
                s.resources.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
                s.people.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
            );
            let nth = |ids: &[Id], i: usize| ids.get(i % ids.len().max(1)).cloned();
            for (i, c) in s.check_ins.iter_mut().enumerate() {
                c.goal = nth(&goals, i).or(c.goal.take());
                c.resources.extend(nth(&resources, i));
                c.with.extend(nth(&people, i));
            }
            s
        })
        .boxed()
}

/// Any action a librarian can take, aimed at `state`'s own goals, terms, check-ins,
/// resources and people (or, when it holds none, at an id it does not hold).
pub fn action_on(state: State) -> BoxedStrategy<Action> {
    (
        (
            0u8..34,
            any::<prop::sample::Index>(),
            text(),
            date(),
            any::<bool>(),
        )
            .boxed(),
        (
            any_id(),
            resource().boxed(),
            person().boxed(),
            check_in().boxed(),
            goal().boxed(),
        )
            .boxed(),
    )
        .prop_map(move |((kind, at, words, day, flag), (fresh, r, p, c, g))| {
            let s = &state;
            let pick = |ids: Vec<&Id>| {
                ids.get(at.index(ids.len().max(1)))
                    .map_or_else(|| fresh.clone(), |id| (*id).clone())
            };
            let goal_id = pick(s.goals.iter().map(|g| &g.id).collect());
            let check_in_id = pick(s.check_ins.iter().map(|c| &c.id).collect());
            let resource_id = pick(s.resources.iter().map(|r| &r.id).collect());
            let person_id = pick(s.people.iter().map(|p| &p.id).collect());
            let range_id = pick(s.settings.breaks.iter().map(|b| &b.id).collect());
            let goal_input = GoalInput {
                title: words.clone(),
                notes: g.notes.clone(),
                area: g.area,
                cadence: g.cadence,
                target: g.target,
            };
            let check_in_input = CheckInInput {
                date: day,
                goal: flag.then(|| goal_id.clone()),
                note: words.clone(),
                people: c.people.clone(),
                with: s.people.iter().take(2).map(|p| p.id.clone()).collect(),
                resources: s.resources.iter().take(2).map(|r| r.id.clone()).collect(),
            };
            let resource = |id: Id| shelf::ResourceInput::from(r.clone()).check(id, day);
            let person = |id: Id| PersonInput::from(p.clone()).check(id, day);
            let fallback = Action::MarkExported { today: day };
            match kind {
                0 => Action::SetProfile {
                    name: words,
                    role: c.note,
                },
                1 => Action::SetWeekStart(if flag {
                    WeekStart::Sunday
                } else {
                    WeekStart::Monday
                }),
                2 => Action::SetQuarterStart(
                    Month::try_from(1 + at.index(12) as u8).unwrap_or(Month::July),
                ),
                3 => Action::SetTheme(if flag { Theme::Dark } else { Theme::Light }),
                4 => Action::SetLocale(if flag { Locale::EnAu } else { Locale::EnUs }),
                5 => Action::AddDateRange {
                    kind: RangeKind::Break,
                    id: fresh,
                    name: words,
                    start: day,
                    end: day,
                },
                6 => Action::EditDateRange {
                    kind: RangeKind::Break,
                    id: range_id,
                    name: words,
                    start: day,
                    end: day,
                },
                7 => Action::RemoveDateRange {
                    kind: RangeKind::Break,
                    id: range_id,
                },
                8 => Action::SetUp {
                    today: day,
                    goals: vec![(fresh, goal_input)],
                },
                9 => Action::AddGoal {
                    id: fresh,
                    today: day,
                    input: goal_input,
                },
                10 => Action::EditGoal {
                    id: goal_id,
                    input: goal_input,
                },
                11 => Action::SetGoalStatus {
                    id: goal_id,
                    status: g.status,
                    today: day,
                },
                12 => Action::MoveGoal {
                    id: goal_id,
                    to: at.index(6),
                },
                13 => Action::SkipPeriod {
                    id: goal_id,
                    start: day,
                },
                14 => Action::UnskipPeriod {
                    id: goal_id,
                    start: day,
                },
                15 => Action::DeleteGoal { id: goal_id },
                16 => Action::RestoreGoal {
                    goal: Goal { id: fresh, ..g },
                    index: at.index(6),
                    check_ins: s.check_ins.iter().take(3).map(|c| c.id.clone()).collect(),
                },
                17 => Action::LogCheckIn {
                    id: fresh,
                    input: check_in_input,
                },
                18 => Action::EditCheckIn {
                    id: check_in_id,
                    input: check_in_input,
                },
                19 => Action::DeleteCheckIn { id: check_in_id },
                20 => Action::RestoreCheckIn {
                    check_in: CheckIn { id: fresh, ..c },
                    index: at.index(9),
                },
                21 => resource(fresh).map_or(fallback, |r| Action::Shelf(ShelfAction::Add(r))),
                22 => resource(fresh)
                    .map_or(fallback, |r| Action::Shelf(ShelfAction::AddMany(vec![r]))),
                23 => {
                    resource(resource_id).map_or(fallback, |r| Action::Shelf(ShelfAction::Edit(r)))
                }
                24 => Action::Shelf(ShelfAction::Favourite {
                    id: resource_id,
                    favourite: flag,
                }),
                25 => Action::Shelf(ShelfAction::Delete {
                    ids: vec![resource_id],
                }),
                26 => Action::Shelf(ShelfAction::Restore {
                    items: vec![(at.index(6), Resource { id: fresh, ..r })],
                    links: s
                        .check_ins
                        .iter()
                        .take(2)
                        .map(|c| (c.id.clone(), vec![resource_id.clone()]))
                        .collect(),
                }),
                27 => person(fresh).map_or(fallback, |p| Action::People(PeopleAction::Add(p))),
                28 => person(person_id).map_or(fallback, |p| Action::People(PeopleAction::Edit(p))),
                29 => Action::People(PeopleAction::Favourite {
                    id: person_id,
                    favourite: flag,
                }),
                30 => Action::People(PeopleAction::Snooze {
                    id: person_id,
                    until: flag.then_some(day),
                }),
                31 => Action::People(PeopleAction::Archive {
                    id: person_id,
                    archived: flag,
                }),
                32 => Action::People(if flag {
                    PeopleAction::Delete { id: person_id }
                } else {
                    PeopleAction::Restore {
                        person: Person { id: fresh, ..p },
                        index: at.index(5),
                        check_ins: s
                            .check_ins
                            .iter()
                            .take(2)
                            .map(|c| (c.id.clone(), vec![person_id.clone()]))
                            .collect(),
                    }
                }),
                _ => Action::Replace(Box::new(State {
                    resources: vec![r],
                    ..State::default()
                })),
            }
        })
        .boxed()
}
