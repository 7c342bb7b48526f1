//! People in the export file: left out of sharing unless chosen, in every backup, matched on
//! import by id and then by email address, never lost, and never named in a summary (P-02,
//! P-03).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use branch_out::exchange::file::{Choice, ExportFile};
use branch_out::exchange::import::{read, Entry, Part, Preview};
use branch_out::exchange::summary;
use branch_out::model::*;
use common::{id, today};

const AT: &str = "2026-11-25T09:30:00Z";

fn person(n: u8, name: &str, email: &str) -> Person {
    PersonInput {
        name: name.into(),
        email: email.into(),
        role: "Teacher librarian".into(),
        relation: Relation::Colleague,
        keep_in_touch: KeepInTouch::Month,
        ..PersonInput::default()
    }
    .into_person(id(n), today())
    .unwrap()
}

fn network() -> State {
    let mut s = common::named("Robin Okafor");
    s.people = vec![
        person(1, "Sam Lee", "sam@northside.edu"),
        person(2, "Priya Natarajan", "priya@library.org"),
    ];
    s
}

#[test]
fn people_are_shared_only_when_chosen_and_always_backed_up() {
    let s = network();
    let shared = ExportFile::new(&s, &Choice::default(), AT);
    assert_eq!(shared.contents.people, None);
    assert_eq!(shared.counts.people, 0);
    assert!(!shared.to_json().contains("Sam Lee"));
    assert!(!shared.to_json().contains("\"people\""));

    let backup = ExportFile::new(&s, &Choice::everything(), AT);
    assert_eq!(backup.contents.people.as_deref(), Some(&s.people[..]));
    assert_eq!(backup.counts.people, 2);

    let list = Choice {
        goals: false,
        resources: branch_out::exchange::file::ResourceChoice::None,
        people: true,
        ..Choice::default()
    };
    let file = ExportFile::new(&s, &list, AT);
    assert_eq!(summary::contents(&file, "settings"), "2 people");
    assert_eq!(summary::chosen(&s, &list, "settings"), "2 people");
    // The summary counts people and never names them.
    let text = summary::text(&file, Locale::EnUs, 10_000);
    assert!(text.contains("People: 2 people"), "{text}");
    assert!(!text.contains("Sam") && !text.contains("Priya"), "{text}");
    assert!(!summary::mailto(&file, Locale::EnUs).contains("Sam"));
}

#[test]
fn a_colleagues_list_merges_by_email_and_keeps_what_is_mine() {
    let mut mine = network();
    mine.people[0].favourite = true;
    mine.people[0].keep_in_touch = KeepInTouch::TwoWeeks;
    let before = mine.clone();

    // A mentor's district list: Sam under another id with a new role, and someone new.
    let mut theirs = common::named("Alex Kim");
    let mut sam = person(9, "Sam Lee", "SAM@northside.edu");
    sam.role = "District library coordinator".into();
    theirs.people = vec![sam, person(10, "Jordan Blake", "jordan@district.org")];
    let file = ExportFile::new(
        &theirs,
        &Choice {
            goals: false,
            people: true,
            resources: branch_out::exchange::file::ResourceChoice::None,
            ..Choice::default()
        },
        AT,
    )
    .to_json();

    let preview = Preview::new(&mine, read(file.as_bytes()).unwrap());
    assert_eq!(preview.people.len(), 2);
    let (was, now) = preview.people[0].changed().expect("Sam matched by email");
    assert_eq!(was.id, id(1));
    assert_eq!(
        now.id,
        id(1),
        "the file's Sam replaces mine in place if picked"
    );
    assert_eq!(now.role, "District library coordinator");
    assert!(matches!(&preview.people[1], Entry::New(p) if p.name == "Jordan Blake"));
    assert_eq!(preview.total().changed, 1);
    assert_eq!(preview.total().new, 1);

    // Default picks: nothing of mine changes; the new person arrives from Alex.
    let merged = preview
        .merge(&mine, &preview.default_picks(&mine), today())
        .unwrap();
    assert_eq!(merged.people[..2], before.people[..]);
    assert_eq!(merged.people[2].name, "Jordan Blake");
    assert_eq!(
        merged.people[2].origin.as_ref().map(|o| o.from.as_str()),
        Some("Alex Kim")
    );

    // Picking theirs takes their words and keeps my star and reminder.
    let mut picks = preview.default_picks(&mine);
    picks.theirs.insert((Part::Person, id(1)));
    let merged = preview.merge(&mine, &picks, today()).unwrap();
    let sam = merged.person(&id(1)).unwrap();
    assert_eq!(sam.role, "District library coordinator");
    assert!(sam.favourite);
    assert_eq!(sam.keep_in_touch, KeepInTouch::TwoWeeks);
    assert_eq!(merged.people.len(), 3);
}

#[test]
fn a_hostile_person_is_left_out_with_a_reason_and_the_rest_import() {
    let file = format!(
        r#"{{"format":"branch-out-export","format_version":1,"exported_at":"{AT}",
        "counts":{{"people":4}},
        "contents":{{"people":[
          {{"id":"{a}","name":"Good","email":"good@school.org","added":"2026-11-01"}},
          {{"id":"{b}","name":"Link","url":"javascript:alert(1)","added":"2026-11-01"}},
          {{"id":"{c}","name":"Mail","email":"x@y.org?bcc=all@district.org","added":"2026-11-01"}},
          {{"id":"{d}","name":"   ","added":"2026-11-01"}}
        ]}}}}"#,
        a = id(1),
        b = id(2),
        c = id(3),
        d = id(4),
    );
    let incoming = read(file.as_bytes()).unwrap();
    let people = incoming.people.clone().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].email, "good@school.org");
    let reasons: Vec<_> = incoming
        .rejected
        .iter()
        .map(|r| (r.part, r.number, r.reason.clone()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons.iter().all(|(p, _, _)| *p == Part::Person));
    assert!(reasons[0].2.contains("javascript"), "{reasons:?}");
    assert!(reasons[1].2.contains("email"), "{reasons:?}");

    // A file that says it holds more people than it does is refused whole.
    let cut = file.replace(r#""people":4"#, r#""people":5"#);
    assert!(read(cut.as_bytes()).is_err());
}

#[test]
fn a_file_repeating_an_email_keeps_the_first() {
    let theirs = State {
        people: vec![
            person(1, "Sam Lee", "sam@northside.edu"),
            person(2, "Samuel Lee", "Sam@Northside.edu"),
        ],
        ..State::default()
    };
    let file = ExportFile::new(&theirs, &Choice::everything(), AT).to_json();
    let preview = Preview::new(&State::default(), read(file.as_bytes()).unwrap());
    assert_eq!(preview.people.len(), 1);
    assert_eq!(preview.rejected.len(), 1);
    assert!(preview.rejected[0]
        .reason
        .contains("email address appears earlier"));
}

#[test]
fn a_check_in_follows_a_person_matched_by_email_and_drops_one_left_out() {
    let mine = network();
    // The sender's log names their Sam (another id, same email) and someone not in the file.
    let mut theirs = common::named("Alex Kim");
    theirs.people = vec![person(9, "Sam Lee", "sam@NORTHSIDE.edu")];
    theirs.check_ins = vec![CheckIn {
        id: id(20),
        date: today(),
        goal: None,
        note: "Coffee".into(),
        people: "and Jo from the council".into(),
        with: vec![id(9), id(30), id(9)],
        resources: vec![],
    }];
    let file = ExportFile::new(&theirs, &Choice::everything(), AT).to_json();
    let preview = Preview::new(&mine, read(file.as_bytes()).unwrap());
    let merged = preview
        .merge(&mine, &preview.default_picks(&mine), today())
        .unwrap();
    let c = merged.check_ins.iter().find(|c| c.id == id(20)).unwrap();
    assert_eq!(
        c.with,
        vec![id(1)],
        "their Sam is my Sam; the unknown id goes"
    );
    assert_eq!(c.people, "and Jo from the council");
    assert_eq!(merged.people.len(), 2, "no second Sam");
}

#[test]
fn removing_a_person_unlinks_their_check_ins_and_undo_puts_every_link_back() {
    let mut s = network();
    let log = |with: Vec<Id>| Action::LogCheckIn {
        id: id(with.len() as u8 + 40),
        input: CheckInInput {
            date: today(),
            goal: None,
            note: String::new(),
            people: String::new(),
            with,
            resources: vec![],
        },
    };
    s.apply(log(vec![id(2), id(1)])).unwrap();
    s.apply(log(vec![id(1)])).unwrap();
    // Unknown people are refused, and a person named twice is kept once.
    assert_eq!(
        s.apply(log(vec![id(7), id(8), id(9)])),
        Err(ActionError::NoSuchPerson)
    );
    let before = s.clone();
    let undo = s
        .apply(Action::People(PeopleAction::Delete { id: id(1) }))
        .unwrap()
        .unwrap();
    assert!(s.check_ins.iter().all(|c| !c.with.contains(&id(1))));
    assert_eq!(s.check_ins[0].with, vec![id(2)]);
    s.apply(undo).unwrap();
    assert_eq!(s, before, "the person and every link, in order");
}
