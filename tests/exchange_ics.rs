//! Goals as an iCalendar file: structure, each cadence's rule and first day, escaping, folding.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{day, today};

use branch_out::exchange::ics::calendar;
use branch_out::model::text;
use branch_out::model::*;
use chrono::{Month, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn stamp() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).unwrap()
}

fn goal(id: &str, title: &str, cadence: Cadence, target: u32) -> Goal {
    Goal {
        id: Id::parse(id).unwrap(),
        title: title.into(),
        notes: String::new(),
        area: Area::School,
        cadence,
        target,
        status: GoalStatus::Active,
        created: day(2026, 1, 1),
        skipped: vec![],
        pauses: vec![],
        origin: None,
    }
}

fn term(id: &str, name: &str, start: NaiveDate, end: NaiveDate) -> DateRange {
    DateRange {
        id: Id::parse(id).unwrap(),
        name: name.into(),
        start,
        end,
    }
}

fn state(goals: Vec<Goal>) -> State {
    State {
        settings: Settings {
            week_start: WeekStart::Monday,
            quarter_start: Month::July,
            locale: Locale::EnAu,
            terms: vec![
                term("t1-2027", "Term 1", day(2027, 2, 1), day(2027, 4, 9)),
                term("t3", "Term 3", day(2026, 7, 20), day(2026, 9, 25)),
                term("t4", "Term 4", day(2026, 10, 12), day(2026, 12, 18)),
            ],
            ..Settings::default()
        },
        goals,
        ..State::default()
    }
}

/// The content lines, folding undone.
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

/// The events, each as its unfolded lines.
fn events(ics: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded(ics) {
        if line == "BEGIN:VEVENT" {
            current = Some(Vec::new());
        } else if line == "END:VEVENT" {
            out.push(current.take().unwrap());
        } else if let Some(c) = current.as_mut() {
            c.push(line);
        }
    }
    out
}

fn field<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
}

/// Undoes RFC 5545 TEXT escaping.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {s:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_whole_calendar() {
    let mut weekly = goal("g1", "Reach out to a colleague", Cadence::Weekly, 2);
    weekly.notes = "Ask about\r\nthe book club".into();
    let mut per_term = goal("g2", "Visit the public library", Cadence::Term, 1);
    per_term.area = Area::Partnerships;
    let ics = calendar(&state(vec![weekly, per_term]), today(), stamp());
    let expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Branch Out//Connection plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Branch Out connection plan",
        "BEGIN:VEVENT",
        "UID:g1@branch-out",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20261123",
        "DTEND;VALUE=DATE:20261124",
        "RRULE:FREQ=WEEKLY",
        "SUMMARY:Reach out to a colleague",
        "DESCRIPTION:2 check-ins each week. Within my school.\\n\\nAsk about\\nthe book",
        "  club",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:g2-t4@branch-out",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20261012",
        "DTEND;VALUE=DATE:20261013",
        "SUMMARY:Visit the public library",
        "DESCRIPTION:1 check-in each term (Term 4: 12 Oct 2026 to 18 Dec 2026). Publ",
        " ic & school library partnerships.",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:g2-t1-2027@branch-out",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20270201",
        "DTEND;VALUE=DATE:20270202",
        "SUMMARY:Visit the public library",
        "DESCRIPTION:1 check-in each term (Term 1: 1 Feb 2027 to 9 Apr 2027). Public",
        "  & school library partnerships.",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    assert_eq!(ics, expected);
}

#[test]
fn each_cadence_starts_on_its_current_period_with_its_rule() {
    let goals = vec![
        goal("weekly", "W", Cadence::Weekly, 1),
        goal("monthly", "M", Cadence::Monthly, 1),
        goal("quarterly", "Q", Cadence::Quarterly, 1),
        goal("yearly", "Y", Cadence::Yearly, 1),
    ];
    let cases = [
        // (week start, quarter start, uid, DTSTART, DTEND, RRULE)
        (
            WeekStart::Monday,
            Month::July,
            "weekly",
            "20261123",
            "20261124",
            "FREQ=WEEKLY",
        ),
        (
            WeekStart::Sunday,
            Month::July,
            "weekly",
            "20261122",
            "20261123",
            "FREQ=WEEKLY",
        ),
        (
            WeekStart::Monday,
            Month::July,
            "monthly",
            "20261101",
            "20261102",
            "FREQ=MONTHLY",
        ),
        (
            WeekStart::Monday,
            Month::July,
            "quarterly",
            "20261001",
            "20261002",
            "FREQ=MONTHLY;INTERVAL=3",
        ),
        (
            WeekStart::Monday,
            Month::February,
            "quarterly",
            "20261101",
            "20261102",
            "FREQ=MONTHLY;INTERVAL=3",
        ),
        (
            WeekStart::Monday,
            Month::July,
            "yearly",
            "20260701",
            "20260702",
            "FREQ=YEARLY",
        ),
        (
            WeekStart::Monday,
            Month::January,
            "yearly",
            "20260101",
            "20260102",
            "FREQ=YEARLY",
        ),
        (
            WeekStart::Monday,
            Month::December,
            "yearly",
            "20251201",
            "20251202",
            "FREQ=YEARLY",
        ),
    ];
    for (week_start, quarter_start, uid, start, end, rule) in cases {
        let mut s = state(goals.clone());
        s.settings.week_start = week_start;
        s.settings.quarter_start = quarter_start;
        let ics = calendar(&s, today(), stamp());
        let all = events(&ics);
        assert_eq!(all.len(), 4);
        let e = all
            .iter()
            .find(|e| field(e, "UID") == Some(&format!("{uid}@branch-out")))
            .unwrap();
        let what = format!("{uid} {week_start:?} {quarter_start:?}");
        assert_eq!(field(e, "DTSTART;VALUE=DATE"), Some(start), "{what}");
        assert_eq!(field(e, "DTEND;VALUE=DATE"), Some(end), "{what}");
        assert_eq!(field(e, "RRULE"), Some(rule), "{what}");
    }
}

#[test]
fn descriptions_say_the_target_and_cadence_in_words() {
    let goals = vec![
        goal("a", "A", Cadence::Weekly, 1),
        goal("b", "B", Cadence::Monthly, 3),
        goal("c", "C", Cadence::Quarterly, 2),
        goal("d", "D", Cadence::Yearly, 12),
    ];
    let ics = calendar(&state(goals), today(), stamp());
    let descriptions: Vec<String> = events(&ics)
        .iter()
        .map(|e| unescape(field(e, "DESCRIPTION").unwrap()))
        .collect();
    assert_eq!(
        descriptions,
        [
            "1 check-in each week. Within my school.",
            "3 check-ins each month. Within my school.",
            "2 check-ins each quarter. Within my school.",
            "12 check-ins each year. Within my school.",
        ]
    );
}

#[test]
fn only_active_goals_and_only_terms_not_yet_over() {
    let mut paused = goal("paused", "P", Cadence::Weekly, 1);
    paused.status = GoalStatus::Paused;
    let mut archived = goal("archived", "A", Cadence::Monthly, 1);
    archived.status = GoalStatus::Archived;
    let per_term = goal("term", "T", Cadence::Term, 1);
    let s = state(vec![paused, archived, per_term.clone()]);

    let uids = |s: &State, today| -> Vec<String> {
        events(&calendar(s, today, stamp()))
            .iter()
            .map(|e| field(e, "UID").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        uids(&s, today()),
        ["term-t4@branch-out", "term-t1-2027@branch-out"]
    );
    assert_eq!(
        uids(&s, day(2026, 10, 1)),
        ["term-t4@branch-out", "term-t1-2027@branch-out"],
        "between terms, from the next one on"
    );
    assert_eq!(
        uids(&s, day(2026, 9, 25)),
        [
            "term-t3@branch-out",
            "term-t4@branch-out",
            "term-t1-2027@branch-out"
        ],
        "the last day of a term is still in it"
    );
    assert!(uids(&s, day(2027, 4, 10)).is_empty(), "every term over");
    for e in events(&calendar(&s, today(), stamp())) {
        assert_eq!(field(&e, "RRULE"), None, "terms have no rule");
    }

    let mut no_terms = state(vec![per_term]);
    no_terms.settings.terms.clear();
    let ics = calendar(&no_terms, today(), stamp());
    assert!(!ics.contains("BEGIN:VEVENT"));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn text_is_escaped_and_controls_removed() {
    let mut g = goal(
        "g",
        "Lunch; with, Sam \\ co\nline\u{7}\u{202E}",
        Cadence::Monthly,
        1,
    );
    g.notes = "Bring: cake, tea;\tand\r\n\u{0}notes".into();
    let ics = calendar(&state(vec![g]), today(), stamp());
    let e = &events(&ics)[0];
    assert_eq!(
        field(e, "SUMMARY"),
        Some("Lunch\\; with\\, Sam \\\\ co line")
    );
    assert_eq!(
        field(e, "DESCRIPTION"),
        Some("1 check-in each month. Within my school.\\n\\nBring: cake\\, tea\\; and\\nnotes")
    );
    assert!(!ics.contains('\u{7}') && !ics.contains('\u{0}') && !ics.contains('\u{202E}'));
    assert!(!ics.contains('\t'));
}

fn assert_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    let bytes = ics.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\r' => assert_eq!(bytes.get(i + 1), Some(&b'\n'), "a bare CR"),
            b'\n' => assert_eq!(bytes[i - 1], b'\r', "a bare LF"),
            _ => {}
        }
    }
    for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty());
    }
}

#[test]
fn long_titles_fold_without_breaking_characters() {
    let title = "Read 📚 with 图书馆 colleagues — ".repeat(8) + "👩\u{200D}👩\u{200D}👧 fin";
    let g = goal("g", &title, Cadence::Weekly, 1);
    let ics = calendar(&state(vec![g]), today(), stamp());
    assert_well_formed(&ics);
    let physical: Vec<&[u8]> = ics.as_bytes().split(|b| *b == b'\n').collect();
    for line in physical {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a line splits a character"
        );
        assert!(line.len() <= 75);
    }
    let summary_lines = ics
        .split("\r\n")
        .skip_while(|l| !l.starts_with("SUMMARY:"))
        .take_while(|l| l.starts_with("SUMMARY:") || l.starts_with(' '))
        .count();
    assert!(summary_lines > 4, "the title was folded");
    let e = &events(&ics)[0];
    assert_eq!(
        field(e, "SUMMARY").map(unescape),
        Some(title.trim().to_owned())
    );
}

#[test]
fn the_same_plan_gives_the_same_file() {
    let goals = vec![
        goal("a", "A", Cadence::Weekly, 1),
        goal("b", "B", Cadence::Term, 2),
    ];
    let s = state(goals);
    assert_eq!(
        calendar(&s, today(), stamp()),
        calendar(&s, today(), stamp())
    );
}

proptest! {
    #[test]
    fn any_title_gives_well_formed_lines(
        title in prop_oneof![any::<String>(), common::text()],
        notes in prop_oneof![any::<String>(), common::text()],
        cadence in common::cadence(),
    ) {
        let mut g = goal("g", &title, cadence, 3);
        g.notes = notes.clone();
        let ics = calendar(&state(vec![g]), today(), stamp());
        assert_well_formed(&ics);
        for e in events(&ics) {
            prop_assert_eq!(unescape(field(&e, "SUMMARY").unwrap()), text::clean(&title, false));
            let description = unescape(field(&e, "DESCRIPTION").unwrap());
            let notes = text::clean(&notes, true).replace('\t', " ");
            prop_assert!(description.ends_with(&notes), "{:?} / {:?}", description, notes);
        }
    }

    #[test]
    fn every_active_goal_starts_on_its_current_period(
        s in common::state(),
        today in common::date(),
    ) {
        let ics = calendar(&s, today, stamp());
        assert_well_formed(&ics);
        let all = events(&ics);
        let cal = period::Calendar::of(&s.settings);
        for g in s.goals.iter().filter(|g| g.status == GoalStatus::Active && g.cadence != Cadence::Term) {
            let uid = format!("{}@branch-out", g.id);
            let e = all.iter().find(|e| field(e, "UID") == Some(uid.as_str())).unwrap();
            let start = cal.period(g.cadence, today).unwrap().start.format("%Y%m%d").to_string();
            prop_assert_eq!(field(e, "DTSTART;VALUE=DATE"), Some(start.as_str()));
        }
        let inactive = s.goals.iter().filter(|g| g.status != GoalStatus::Active);
        let lines = unfolded(&ics);
        for g in inactive {
            let uid = format!("UID:{}", g.id);
            prop_assert!(!lines.iter().any(|l| l.starts_with(&uid)));
        }
    }
}
