//! People in the export file: left out of sharing unless chosen, in every backup, matched on
//! import by id and then by email address, never lost, and never named in a summary (P-02,
//! P-03).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use branch_out::exchange::file::{Choice, ExportFile};
use branch_out::exchange::import::{read, Entry, Part, Parts, Preview};
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
    assert_eq!(shared.contents.parts.people, None);
    assert_eq!(shared.counts.people, 0);
    assert!(!shared.to_json().contains("Sam Lee"));
    assert!(!shared.to_json().contains("\"people\""));

    let backup = ExportFile::new(&s, &Choice::everything(), AT);
    assert_eq!(backup.contents.parts.people.as_deref(), Some(&s.people[..]));
    assert_eq!(backup.counts.people, 2);

    let list = Choice {
        parts: Parts {
            goals: false,
            resources: branch_out::exchange::file::ResourceChoice::None,
            people: true,
            ..Choice::default().parts
        },
        ..Choice::default()
    };
    let file = ExportFile::new(&s, &list, AT);
    assert_eq!(summary::contents(&file, "settings"), "2 people");
    assert_eq!(summary::chosen(&s, &list, "settings"), "2 people");
    // The summary counts people and never names them.
    let text = summary::text(
        &file,
        Locale::EnUs,
        10_000,
        summary::Opening::Link("https://x.example/#/import/z"),
    );
    assert!(text.contains("People: 2 people"), "{text}");
    assert!(!text.contains("Sam") && !text.contains("Priya"), "{text}");
    assert!(!summary::mailto(
        &file,
        Locale::EnUs,
        summary::Opening::File {
            app: "https://x.example/"
        }
    )
    .contains("Sam"));
}

#[test]
fn a_colleagues_list_merges_by_email_and_keeps_what_is_mine() {
    let mut mine = network();
    mine.people[0].favourite = true;
    mine.people[0].keep_in_touch = KeepInTouch::TwoWeeks;
    mine.people[0].archived = true;
    mine.people[0].snoozed_until = Some(today());
    mine.people[0].added = common::day(2025, 3, 1);
    mine.people[0].origin = Some(Origin {
        from: "Jo".into(),
        date: common::day(2025, 3, 1),
    });
    let before = mine.clone();

    // A mentor's district list: Sam under another id with a new role, and someone new.
    let mut theirs = common::named("Alex Kim");
    let mut sam = person(9, "Sam Lee", "SAM@northside.edu");
    sam.role = "District library coordinator".into();
    theirs.people = vec![sam, person(10, "Jordan Blake", "jordan@district.org")];
    let file = ExportFile::new(
        &theirs,
        &Choice {
            parts: Parts {
                goals: false,
                people: true,
                resources: branch_out::exchange::file::ResourceChoice::None,
                ..Choice::default().parts
            },
            ..Choice::default()
        },
        AT,
    )
    .to_json();

    let preview = Preview::new(&mine, read(file.as_bytes()).unwrap());
    assert_eq!(preview.parts.people.len(), 2);
    let (was, now) = preview.parts.people[0]
        .changed()
        .expect("Sam matched by email");
    assert_eq!(was.id, id(1));
    assert_eq!(
        now.id,
        id(1),
        "the file's Sam replaces mine in place if picked"
    );
    assert_eq!(now.role, "District library coordinator");
    assert!(matches!(&preview.parts.people[1], Entry::New(p) if p.name == "Jordan Blake"));
    assert_eq!(preview.total().changed, 1);
    assert_eq!(preview.total().new, 1);
    // Side by side, only what differs, in the words of the form.
    let conflicts = preview.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].part, conflicts[0].title.as_str()),
        (Part::Person, "Sam Lee")
    );
    assert_eq!(
        conflicts[0].rows,
        vec![
            (
                "Role",
                "Teacher librarian".to_owned(),
                "District library coordinator".to_owned()
            ),
            (
                "Email",
                "sam@northside.edu".to_owned(),
                "SAM@northside.edu".to_owned()
            ),
        ]
    );

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
    // What is the librarian's own stays.
    let mine_sam = &before.people[0];
    assert!(sam.favourite);
    assert_eq!(sam.keep_in_touch, KeepInTouch::TwoWeeks);
    assert!(sam.archived);
    assert_eq!(sam.snoozed_until, mine_sam.snoozed_until);
    assert_eq!(sam.added, mine_sam.added);
    assert_eq!(sam.origin, mine_sam.origin);
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
    let people = incoming.parts.people.clone().unwrap();
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
    assert_eq!(preview.parts.people.len(), 1);
    assert_eq!(preview.rejected.len(), 1);
    assert!(preview.rejected[0]
        .reason
        .contains("email address appears earlier"));
    assert_eq!(
        preview.rejected[0].title, "Samuel Lee",
        "named as the preview lists it"
    );
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

mod contacts_files {
    //! Reading .vcf files into people (V-01, V-02).
    use super::*;
    use branch_out::exchange::import::{read_any, read_vcards, ReadError, MAX_VCF_BYTES};
    use branch_out::exchange::vcard;
    use proptest::prelude::*;

    fn ids() -> impl FnMut() -> Id {
        let mut n = 100u8;
        move || {
            n = n.wrapping_add(1);
            id(n)
        }
    }

    fn read(text: &str) -> branch_out::exchange::import::Incoming {
        read_vcards(text.as_bytes(), "contacts.vcf", today(), ids()).unwrap()
    }

    /// V-01: what Google Contacts really writes.
    #[test]
    fn v01_a_google_contacts_export_reads_the_fields_branch_out_keeps() {
        let bytes = std::fs::read(format!(
            "{}/../shared/fixtures/vcard/gmail-single-all-fields.vcf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let incoming = read_any(&bytes, "contacts.vcf", today(), ids()).unwrap();
        assert_eq!(incoming.source.kind, "Contacts file");
        assert_eq!(incoming.rejected, vec![]);
        let people = incoming.parts.people.unwrap();
        assert_eq!(people.len(), 1);
        let p = &people[0];
        assert_eq!(p.name, "VCard Test");
        assert_eq!(p.email, "email@example.com");
        assert_eq!(p.phone, "5555551111");
        assert_eq!(p.place, "TheCompany");
        assert_eq!(p.role, "TheJobTitle");
        assert_eq!(p.url.as_deref(), Some("http://www.example1.com/"));
        assert_eq!(
            p.notes,
            "note line 1\nnote line 2\nCustomField: field value"
        );
        assert_eq!(p.added, today());
    }

    /// V-01: folding, escapes, CRLF and LF, UTF-8 names, a photo of megabytes, vCard 2.1.
    #[test]
    fn v01_folding_escapes_photos_and_version_2_1_read_right() {
        let photo = "A".repeat(3 * 1024 * 1024);
        let text = format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\n  Müller-Ng\r\nORG:Riverside Library\\, Youth \r\n \
             Services;Branch 2\r\nNOTE:Met at\\nthe fair\\; loves graphic novels\r\n\
             PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nCATEGORIES:Library partner,graphic novels\r\n\
             END:VCARD\r\n\
             BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e;Ng;;;\n\
             NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond=\nline\n\
             EMAIL;INTERNET:renee@school.org\nCATEGORIES:myContacts,starred\nEND:VCARD\n"
        );
        assert!(text.len() < MAX_VCF_BYTES);
        let incoming = read(&text);
        let people = incoming.parts.people.unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Zoë Müller-Ng");
        assert_eq!(people[0].place, "Riverside Library, Youth Services");
        assert_eq!(people[0].notes, "Met at\nthe fair; loves graphic novels");
        assert_eq!(people[0].relation, Relation::LibraryPartner);
        assert_eq!(people[0].tags, vec!["graphic novels".to_owned()]);
        assert_eq!(people[1].name, "Ng Renée");
        assert_eq!(people[1].notes, "first line\nsecondline");
        assert_eq!(people[1].email, "renee@school.org");
        assert!(people[1].favourite, "Google's starred group is the star");
        assert!(people[1].tags.is_empty(), "and myContacts is no tag");
        assert!(!people[0].favourite);
    }

    #[test]
    fn hostile_cards_are_left_out_or_cleaned_with_a_reason() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Link\nURL:javascript:alert(1)\nEMAIL:bad@@x\n\
                    EMAIL:good@school.org\nEND:VCARD\n\
                    BEGIN:VCARD\nVERSION:3.0\nEMAIL:noname@school.org\nEND:VCARD\n\
                    BEGIN:VCARD\nVERSION:3.0\nFN:<img src=x onerror=alert(1)>\u{202E}\nEND:VCARD\n";
        let incoming = read(text);
        let people = incoming.parts.people.unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].url, None, "no script link");
        assert_eq!(
            people[0].email, "good@school.org",
            "the first address that is one"
        );
        assert_eq!(
            people[1].name, "<img src=x onerror=alert(1)>",
            "text stays text"
        );
        let reasons: Vec<_> = incoming
            .rejected
            .iter()
            .map(|r| (r.number, r.reason.clone()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].1.contains("only http and https"));
        assert_eq!(reasons[1], (2, "it has no name".to_owned()));
    }

    /// Hostile shapes are read in one pass: a long line without a colon followed by a million
    /// continuation lines, and as many soft line breaks (each line is looked at once).
    #[test]
    fn long_runs_of_folded_lines_read_quickly() {
        let mut text = format!("BEGIN:VCARD\nFN:A\nX-JUNK{}\n", "x".repeat(30_000));
        text.push_str(&" y\n".repeat(1_000_000));
        text.push_str("NOTE;ENCODING=QUOTED-PRINTABLE:a=\n");
        text.push_str(&"b=\n".repeat(1_000_000));
        text.push_str("c\nEND:VCARD\n");
        assert!(text.len() < MAX_VCF_BYTES);
        let incoming = read(&text);
        // The note, joined up to the longest line kept, is longer than a note may be: the
        // card is read, and left out with that reason.
        assert_eq!(incoming.parts.people.unwrap().len(), 0);
        assert_eq!(incoming.rejected.len(), 1);
        assert!(
            incoming.rejected[0].reason.contains("Notes"),
            "{:?}",
            incoming.rejected
        );
    }

    #[test]
    fn a_file_that_is_not_contacts_or_too_big_is_refused() {
        assert!(matches!(
            read_vcards(b"BEGIN:VCARD\nFN:Cut short", "x.vcf", today(), ids()),
            Err(ReadError::Contacts(_))
        ));
        assert!(matches!(
            read_vcards(&[0xFF, 0xFE, 0x42, 0x00], "x.vcf", today(), ids()),
            Err(ReadError::Contacts(_))
        ));
        let big = vec![b'A'; MAX_VCF_BYTES + 1];
        assert!(matches!(
            read_vcards(&big, "x.vcf", today(), ids()),
            Err(ReadError::TooBig { .. })
        ));
        // At the caps, a file is read.
        let card = "BEGIN:VCARD\nFN:A\nEND:VCARD\n";
        let most = card.repeat(branch_out::model::person::MAX_PEOPLE);
        let read_most = read_vcards(most.as_bytes(), "x.vcf", today(), ids()).unwrap();
        assert_eq!(
            read_most.parts.people.unwrap().len(),
            branch_out::model::person::MAX_PEOPLE
        );
        let mut largest = card.to_owned();
        largest.push_str(&"X".repeat(MAX_VCF_BYTES - card.len()));
        assert_eq!(largest.len(), MAX_VCF_BYTES);
        assert!(read_vcards(largest.as_bytes(), "x.vcf", today(), ids()).is_ok());
        let many =
            "BEGIN:VCARD\nFN:A\nEND:VCARD\n".repeat(branch_out::model::person::MAX_PEOPLE + 1);
        assert!(matches!(
            read_vcards(many.as_bytes(), "x.vcf", today(), ids()),
            Err(ReadError::TooMany { .. })
        ));
    }

    #[test]
    fn a_contact_already_here_by_email_is_matched_not_doubled() {
        let mine = network();
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:SAM@northside.edu\nTITLE:Principal\nEND:VCARD\n";
        let preview = Preview::new(&mine, read(text));
        assert_eq!(preview.total().changed, 1);
        assert_eq!(preview.total().new, 0);
        let merged = preview
            .merge(&mine, &preview.default_picks(&mine), today())
            .unwrap();
        assert_eq!(merged, mine, "nothing of mine changes unless picked");
    }

    fn checked_person() -> impl Strategy<Value = Person> {
        (
            common::text(),
            common::text(),
            common::text(),
            prop_oneof![Just(String::new()), "[a-z]{1,6}@[a-z]{1,5}\\.org"],
            "[0-9 +()-]{0,14}",
            prop_oneof![Just(String::new()), "https://[a-z]{1,6}\\.org/[a-z;,]{0,5}"],
            common::relation(),
            prop::collection::vec("[a-z ,;\\\\]{1,8}", 0..3),
            common::text(),
        )
            .prop_filter_map(
                "a person that can be typed",
                |(name, role, place, email, phone, url, relation, tags, notes)| {
                    PersonInput {
                        name,
                        role,
                        place,
                        email,
                        phone,
                        url,
                        relation,
                        tags,
                        notes,
                        ..PersonInput::default()
                    }
                    .into_person(id(1), today())
                    .ok()
                    // A tag named like a relationship reads back as the relationship.
                    .filter(|p| {
                        !p.tags.iter().any(|t| {
                            Relation::ALL
                                .iter()
                                .any(|r| r.name().eq_ignore_ascii_case(t.trim()))
                        })
                    })
                },
            )
    }

    proptest! {
        /// V-02: everything the contacts file writes reads back the same.
        #[test]
        fn v02_an_exported_contacts_file_reads_back(people in prop::collection::vec(checked_person(), 1..4)) {
            let text = vcard::write(&people);
            for line in text.split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            let incoming = read(&text);
            prop_assert_eq!(&incoming.rejected, &vec![]);
            let back = incoming.parts.people.unwrap();
            prop_assert_eq!(back.len(), people.len());
            for (a, b) in people.iter().zip(&back) {
                prop_assert_eq!(&a.name, &b.name);
                prop_assert_eq!(&a.role, &b.role);
                prop_assert_eq!(&a.place, &b.place);
                prop_assert_eq!(&a.email, &b.email);
                prop_assert_eq!(&a.phone, &b.phone);
                prop_assert_eq!(&a.url, &b.url);
                prop_assert_eq!(&a.notes, &b.notes);
                prop_assert_eq!(a.relation, b.relation);
                prop_assert_eq!(&a.tags, &b.tags);
            }
        }
    }
}

/// A check-in names at most 100 people (and links at most 100 resources); one repeated in a
/// file is left out under the start of its note.
#[test]
fn a_check_in_with_too_many_people_is_left_out_and_named_by_its_note() {
    let entry = |n: u8, with: usize| {
        let with: Vec<String> = (0..with).map(|i| format!("\"{:032x}\"", i + 1)).collect();
        format!(
            r#"{{"id":"{}","date":"2026-11-20","note":"Coffee with the district team after the network meeting, long enough to be cut","with":[{}]}}"#,
            id(n),
            with.join(",")
        )
    };
    let file = format!(
        r#"{{"format":"branch-out-export","format_version":1,"exported_at":"{AT}",
        "contents":{{"check_ins":[{},{},{}]}}}}"#,
        entry(1, 100),
        entry(2, 101),
        entry(1, 0),
    );
    let incoming = read(file.as_bytes()).unwrap();
    let kept = incoming.parts.check_ins.clone().unwrap();
    assert_eq!(kept.len(), 2, "100 people is allowed");
    assert_eq!(kept[0].with.len(), 100);
    assert_eq!(incoming.rejected.len(), 1);
    assert_eq!(incoming.rejected[0].number, 2);
    assert!(
        incoming.rejected[0].reason.contains("100"),
        "{:?}",
        incoming.rejected
    );
    assert_eq!(
        incoming.rejected[0].title, "Coffee with the district team after the network meeting, lon",
        "the first 60 characters of its note"
    );
    let preview = Preview::new(&State::default(), incoming);
    let repeated: Vec<_> = preview
        .rejected
        .iter()
        .filter(|r| r.reason == "its id appears earlier in this file")
        .map(|r| (r.number, r.title.as_str()))
        .collect();
    assert_eq!(
        repeated,
        // Numbered by its place among the check-ins read (the refused one is not).
        [(
            2,
            "Coffee with the district team after the network meeting, lon"
        )]
    );
}

/// The counts a summary gives come from each part of the file, people among them.
#[test]
fn a_summary_counts_every_part_the_file_has() {
    let mut s = network();
    s.check_ins.push(CheckIn {
        id: id(20),
        date: today(),
        goal: None,
        note: "Coffee".into(),
        people: String::new(),
        with: vec![id(1)],
        resources: vec![],
    });
    let backup = ExportFile::new(&s, &Choice::everything(), AT);
    assert_eq!(
        summary::contents(&backup, "settings"),
        "0 goals, 0 resources, 2 people, 1 check-in, settings"
    );
    assert_eq!(
        summary::chosen(&s, &Choice::everything(), "settings"),
        "0 goals, 0 resources, 2 people, 1 check-in, settings"
    );
    let log_only = Choice {
        parts: Parts {
            goals: false,
            check_ins: true,
            resources: branch_out::exchange::file::ResourceChoice::None,
            ..Choice::default().parts
        },
        ..Choice::default()
    };
    let file = ExportFile::new(&s, &log_only, AT);
    assert_eq!(summary::contents(&file, "settings"), "1 check-in");
    assert_eq!(summary::chosen(&s, &log_only, "settings"), "1 check-in");
}

/// A file whose version of someone differs only in what is the librarian's own (the star,
/// archiving, the reminder and its snooze, when they were added, where they came from) or in
/// the case of the email address holds nothing new: the same, not a conflict.
#[test]
fn what_is_mine_alone_is_never_a_difference() {
    let mine = network();
    let mut theirs = State::default();
    let mut sam = mine.people[0].clone();
    sam.id = id(9);
    sam.email = "SAM@NORTHSIDE.EDU".into();
    sam.favourite = true;
    sam.archived = true;
    sam.snoozed_until = Some(today());
    sam.keep_in_touch = KeepInTouch::Quarter;
    sam.added = common::day(2020, 1, 1);
    sam.origin = Some(Origin {
        from: "Alex".into(),
        date: today(),
    });
    theirs.people.push(sam);
    let file = ExportFile::new(&theirs, &Choice::everything(), AT).to_json();
    let preview = Preview::new(&mine, read(file.as_bytes()).unwrap());
    assert_eq!(preview.total().present, 1, "{:?}", preview.parts.people);
    assert_eq!(preview.total().changed, 0);
}

/// Nothing is shared only when every part is left out; one kind of resource is only that kind.
#[test]
fn a_choice_is_empty_only_when_every_part_is_left_out() {
    use branch_out::exchange::file::ResourceChoice;
    let none = Choice {
        parts: Parts {
            goals: false,
            check_ins: false,
            people: false,
            resources: ResourceChoice::None,
        },
        settings: false,
    };
    assert!(none.is_empty());
    for one in [
        Choice {
            parts: Parts {
                goals: true,
                ..none.parts.clone()
            },
            ..none.clone()
        },
        Choice {
            parts: Parts {
                check_ins: true,
                ..none.parts.clone()
            },
            ..none.clone()
        },
        Choice {
            settings: true,
            ..none.clone()
        },
        Choice {
            parts: Parts {
                people: true,
                ..none.parts.clone()
            },
            ..none.clone()
        },
        Choice {
            parts: Parts {
                resources: ResourceChoice::All,
                ..none.parts.clone()
            },
            ..none.clone()
        },
        Choice {
            parts: Parts {
                resources: ResourceChoice::Kind(Kind::Toolkit),
                ..none.parts.clone()
            },
            ..none.clone()
        },
    ] {
        assert!(!one.is_empty(), "{one:?}");
    }

    let s = State {
        resources: vec![
            common::bare_resource(1, "LM_NET", None, Kind::EmailList),
            common::bare_resource(2, "Toolkit", None, Kind::Toolkit),
        ],
        ..State::default()
    };
    let lists = Choice {
        parts: Parts {
            resources: ResourceChoice::Kind(Kind::EmailList),
            ..none.parts
        },
        ..none
    };
    let file = ExportFile::new(&s, &lists, AT);
    let titles: Vec<_> = file
        .contents
        .parts
        .resources
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert_eq!(titles, ["LM_NET"]);
}
