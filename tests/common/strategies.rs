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
