//! Tests of [`super`]: kept apart so the module reads on its own.

use super::*;
use crate::model::{Id, PersonInput};
use crate::testing::day;
use chrono::NaiveDate;

fn person(n: u8, name: &str, f: impl FnOnce(&mut Person)) -> Person {
    let mut p = PersonInput {
        name: name.into(),
        ..PersonInput::default()
    }
    .into_person(Id::from_random([n; 16]), NaiveDate::MIN)
    .unwrap_or_else(|e| panic!("{e}"));
    f(&mut p);
    p
}

fn names(people: &[Person], q: &PeopleQuery) -> Vec<String> {
    find(people, q)
        .into_iter()
        .map(|i| people[i].name.clone())
        .collect()
}

#[test]
fn search_filters_and_order() {
    let people = vec![
        person(1, "Zoë Park", |p| {
            p.place = "Riverside Public Library".into();
            p.relation = Relation::LibraryPartner;
            p.area = Some(Area::Partnerships);
        }),
        person(2, "Amir Haddad", |p| {
            p.role = "Teacher librarian".into();
            p.tags = vec!["makerspace".into()];
        }),
        person(3, "sam lee", |p| {
            p.notes = "Met at the district makerspace day".into();
            p.relation = Relation::Mentor;
        }),
        person(4, "Beth Owens", |p| p.archived = true),
        person(5, "Yuki Tanaka", |p| {
            p.favourite = true;
            p.email = "yuki@district.org".into();
        }),
    ];
    let q = |text: &str| PeopleQuery {
        text: text.into(),
        ..PeopleQuery::default()
    };
    // Starred first, then by name ignoring case; the archived are out.
    assert_eq!(
        names(&people, &q("")),
        ["Yuki Tanaka", "Amir Haddad", "sam lee", "Zoë Park"]
    );
    assert_eq!(names(&people, &q("MAKERSPACE")), ["Amir Haddad", "sam lee"]);
    assert_eq!(names(&people, &q("zoe riverside")), ["Zoë Park"]);
    assert_eq!(names(&people, &q("teacher")), ["Amir Haddad"]);
    assert_eq!(names(&people, &q("district.org")), ["Yuki Tanaka"]);
    assert!(
        names(&people, &q("zoe amir")).is_empty(),
        "every word must match"
    );
    assert_eq!(
        names(
            &people,
            &PeopleQuery {
                relation: Some(Relation::Mentor),
                ..PeopleQuery::default()
            }
        ),
        ["sam lee"]
    );
    assert_eq!(
        names(
            &people,
            &PeopleQuery {
                area: Some(Area::Partnerships),
                ..PeopleQuery::default()
            }
        ),
        ["Zoë Park"]
    );
    let showing = |showing| PeopleQuery {
        showing,
        ..PeopleQuery::default()
    };
    assert_eq!(names(&people, &showing(Showing::Archived)), ["Beth Owens"]);
    assert_eq!(names(&people, &showing(Showing::Starred)), ["Yuki Tanaka"]);
}

fn keeping(n: u8, name: &str, keep: KeepInTouch, added: NaiveDate) -> Person {
    person(n, name, |p| {
        p.keep_in_touch = keep;
        p.added = added;
    })
}

fn met(state: &mut State, n: u8, date: NaiveDate, with: &[u8]) {
    state.check_ins.push(crate::model::CheckIn {
        id: Id::from_random([200 + n; 16]),
        date,
        goal: None,
        note: String::new(),
        people: String::new(),
        with: with.iter().map(|i| Id::from_random([*i; 16])).collect(),
        resources: vec![],
    });
}

fn due(state: &State, today: NaiveDate) -> Vec<(String, NaiveDate)> {
    reconnect(state, today)
        .into_iter()
        .map(|r| (r.name, r.due))
        .collect()
}

#[test]
fn reconnect_counts_from_the_last_connection_or_the_day_added() {
    let mut s = State {
        people: vec![
            keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1)),
            keeping(2, "Priya", KeepInTouch::Month, day(2026, 9, 1)),
            keeping(3, "Jo", KeepInTouch::Never, day(2026, 1, 1)),
            keeping(4, "Ana", KeepInTouch::Quarter, day(2026, 9, 1)),
        ],
        ..State::default()
    };
    met(&mut s, 1, day(2026, 10, 1), &[2, 3]);
    met(&mut s, 2, day(2026, 9, 15), &[2]);
    let today = day(2026, 11, 25);
    // Most overdue first: Priya (due 1 Nov), then Sam (due 15 Nov); Ana's quarter runs to
    // 1 Dec; Jo has no reminder.
    assert_eq!(
        due(&s, today),
        vec![
            ("Priya".to_owned(), day(2026, 11, 1)),
            ("Sam".to_owned(), day(2026, 11, 15))
        ]
    );
    let r = reconnect(&s, today);
    assert_eq!(
        r[0].sentence(today),
        "It's been 7 weeks since you and Priya talked."
    );
    assert_eq!(
        r[1].sentence(today),
        "You added Sam 3 weeks ago and haven't logged a connection yet."
    );
    // A connection logged with Sam clears his reminder; a future-dated one does not count.
    met(&mut s, 3, day(2026, 12, 20), &[1]);
    assert_eq!(due(&s, today).len(), 2);
    met(&mut s, 4, day(2026, 11, 20), &[1]);
    assert_eq!(due(&s, today), vec![("Priya".to_owned(), day(2026, 11, 1))]);
    assert_eq!(due(&s, day(2026, 12, 1)).len(), 2, "Ana's quarter is up");
}

#[test]
fn archived_and_snoozed_people_wait() {
    let mut s = State {
        people: vec![keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1))],
        ..State::default()
    };
    let today = day(2026, 11, 25);
    assert_eq!(due(&s, today).len(), 1);
    s.people[0].snoozed_until = Some(day(2026, 11, 26));
    assert!(due(&s, today).is_empty());
    assert_eq!(
        due(&s, day(2026, 11, 26)).len(),
        1,
        "the snooze ends that day"
    );
    s.people[0].snoozed_until = None;
    s.people[0].archived = true;
    assert!(due(&s, today).is_empty());
}

#[test]
fn breaks_pause_reminders_and_move_them_later() {
    let mut s = State {
        people: vec![keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 5))],
        ..State::default()
    };
    s.settings.breaks = vec![DateRange {
        id: Id::from_random([9; 16]),
        name: "Mid-term".into(),
        start: day(2026, 11, 10),
        end: day(2026, 11, 16),
    }];
    // Due 19 Nov without the break; its seven days move it to 26 Nov.
    assert!(due(&s, day(2026, 11, 25)).is_empty());
    assert_eq!(
        due(&s, day(2026, 11, 26)),
        vec![("Sam".to_owned(), day(2026, 11, 26))]
    );
    // Nothing is listed during a break, however overdue.
    s.people[0].added = day(2026, 1, 1);
    assert!(due(&s, day(2026, 11, 12)).is_empty());
    assert_eq!(due(&s, day(2026, 11, 17)).len(), 1);
}

#[test]
fn terms_and_year_ends() {
    let mut s = State::default();
    let term = |n: u8, start, end| DateRange {
        id: Id::from_random([n; 16]),
        name: format!("Term {n}"),
        start,
        end,
    };
    s.settings.terms = vec![
        term(2, day(2026, 4, 20), day(2026, 6, 26)),
        term(1, day(2026, 1, 28), day(2026, 4, 2)),
    ];
    s.people = vec![
        keeping(1, "Sam", KeepInTouch::Term, day(2026, 3, 1)),
        keeping(2, "Priya", KeepInTouch::Month, day(2026, 12, 20)),
    ];
    assert!(due(&s, day(2026, 4, 19)).is_empty());
    assert_eq!(
        due(&s, day(2026, 4, 20)),
        vec![("Sam".to_owned(), day(2026, 4, 20))]
    );
    // After the last term entered, a term reminder waits for the next term to be entered.
    s.people[0].added = day(2026, 5, 1);
    assert!(due(&s, day(2026, 12, 1)).is_empty());
    // Without terms, a term is ten weeks.
    s.settings.terms.clear();
    assert_eq!(
        due(&s, day(2026, 7, 10)),
        vec![("Sam".to_owned(), day(2026, 7, 10))]
    );
    // Across the year end.
    assert_eq!(
        due(&s, day(2027, 1, 20)),
        vec![
            ("Sam".to_owned(), day(2026, 7, 10)),
            ("Priya".to_owned(), day(2027, 1, 20))
        ]
    );
}

#[test]
fn elapsed_time_reads_naturally() {
    let d = day(2026, 11, 25);
    assert_eq!(elapsed(day(2026, 11, 24), d), "1 day");
    assert_eq!(elapsed(day(2026, 11, 12), d), "13 days");
    assert_eq!(elapsed(day(2026, 11, 11), d), "2 weeks");
    assert_eq!(elapsed(day(2026, 9, 24), d), "8 weeks");
    assert_eq!(elapsed(day(2026, 9, 23), d), "2 months");
    assert_eq!(elapsed(day(2027, 1, 1), d), "0 days");
}

#[test]
fn due_to_reconnect_is_a_filter_and_connections_are_newest_first() {
    let mut s = State {
        people: vec![
            keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1)),
            keeping(2, "Priya", KeepInTouch::Month, day(2026, 9, 1)),
            keeping(3, "Jo", KeepInTouch::TwoWeeks, day(2026, 11, 20)),
        ],
        ..State::default()
    };
    met(&mut s, 1, day(2026, 9, 10), &[2]);
    met(&mut s, 2, day(2026, 10, 1), &[2, 3]);
    met(&mut s, 3, day(2026, 9, 10), &[2]);
    let today = day(2026, 11, 25);
    let q = |text: &str| PeopleQuery {
        text: text.into(),
        showing: Showing::Due,
        ..PeopleQuery::default()
    };
    assert_eq!(names(&s.people, &PeopleQuery::default()).len(), 3);
    let due: Vec<&str> = find_in(&s, &q(""), today)
        .into_iter()
        .map(|i| s.people[i].name.as_str())
        .collect();
    assert_eq!(due, ["Priya", "Sam"], "most overdue first; Jo is not due");
    assert_eq!(find_in(&s, &q("sam"), today).len(), 1);
    let person = |n: u8| Id::from_random([n; 16]);
    let ids = |people: &[&Id]| -> Vec<Vec<Id>> {
        connections_of(&s, people)
            .into_iter()
            .map(|list| list.into_iter().map(|c| c.id.clone()).collect())
            .collect()
    };
    let (priya, jo, sam) = (person(2), person(3), person(1));
    assert_eq!(
        ids(&[&priya]),
        [[202, 203, 201].map(person).to_vec()],
        "newest first; the same day, the later logged first"
    );
    // Several at once, each in the order asked, each as if asked alone.
    assert_eq!(
        ids(&[&jo, &sam, &priya, &jo]),
        [
            vec![person(202)],
            vec![],
            [202, 203, 201].map(person).to_vec(),
            vec![person(202)],
        ]
    );
}
