//! The export file and import: round trips, merge rules, the fixture of every released format
//! version, and hostile files (RELIABILITY.md I-01…I-09, X-05…X-16).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::today;

use branch_out::exchange::backup_file;
use branch_out::exchange::file::{Choice, ExportFile, ResourceChoice, FORMAT_VERSION};
use branch_out::exchange::import::{
    read, Entry, MergeError, Part, Parts, Picks, Preview, ReadError, MAX_JSON_BYTES,
};
use branch_out::model::*;
use chrono::NaiveDate;
use proptest::prelude::*;

const AT: &str = "2026-11-25T09:30:00Z";

fn export(s: &State, choice: &Choice) -> String {
    ExportFile::new(s, choice, AT).to_json()
}

/// Imports `file` into `state` with the default picks.
fn import(state: &State, file: &str) -> State {
    let preview = Preview::new(state, read(file.as_bytes()).unwrap());
    preview
        .merge(state, &preview.default_picks(state), today())
        .unwrap()
}

/// A state as import leaves it: every field cleaned, links between items intact.
fn normalised(s: State) -> State {
    let s = State {
        settings: Settings {
            set_up: true,
            ..s.settings
        },
        ..s
    };
    import(&State::default(), &export(&s, &Choice::everything()))
}

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export-v1.json"
    ))
    .unwrap()
}

fn resource(id: &str, title: &str, url: Option<&str>) -> Resource {
    ResourceInput {
        title: title.into(),
        url: url.unwrap_or_default().into(),
        ..Default::default()
    }
    .into_resource(Id::parse(id).unwrap(), today())
    .unwrap()
}

use branch_out::model::shelf::ResourceInput;

fn shelf(resources: Vec<Resource>) -> State {
    State {
        resources,
        ..State::default()
    }
}

#[test]
fn the_format_1_fixture_imports_completely() {
    assert_eq!(
        FORMAT_VERSION, 1,
        "add a fixture for the new format version"
    );
    let incoming = read(fixture().as_bytes()).unwrap();
    assert!(incoming.rejected.is_empty(), "{:?}", incoming.rejected);
    assert_eq!(incoming.source.exported_by, "Sam Lee, Teacher librarian");
    let s = import(&State::default(), &fixture());
    assert_eq!(s.goals.len(), 2);
    assert_eq!(s.check_ins.len(), 2);
    assert_eq!(s.resources.len(), 3);
    assert_eq!(s.settings.name, "Sam Lee");
    assert_eq!(s.settings.quarter_start, chrono::Month::July);
    assert_eq!(s.settings.locale, Locale::EnAu);
    assert_eq!(s.settings.terms.len(), 1);
    // A backup restored onto an empty device keeps its history and gains no origin note.
    assert_eq!(
        s.goals[0].skipped,
        vec![NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()]
    );
    assert_eq!(s.goals[1].status, GoalStatus::Paused);
    assert_eq!(s.goals[0].origin, None);
    assert_eq!(
        s.check_ins[0].resources,
        vec![Id::parse("r2000000000000000000000000000002").unwrap()]
    );
    let list = s.resources[0].email_list.as_ref().unwrap();
    assert!(list.digest);
    assert_eq!(s.resources[1].next_label, "End-of-year meeting");
    assert!(s.resources[1].favourite);
    assert_eq!(
        s.resources[2].origin,
        Some(Origin {
            from: "Alex Kim".into(),
            date: NaiveDate::from_ymd_opt(2026, 10, 10).unwrap()
        })
    );
}

#[test]
fn the_fixture_reexports_to_the_same_contents() {
    let s = import(&State::default(), &fixture());
    let again = export(&s, &Choice::everything());
    let mut a: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
    let b: serde_json::Value = serde_json::from_str(&again).unwrap();
    // The fixture predates people; a backup now says it holds none.
    a["contents"]["people"] = serde_json::json!([]);
    assert_eq!(a["contents"], b["contents"]);
    assert_eq!(a["counts"], b["counts"]);
}

#[test]
fn export_carries_its_header_and_counts() {
    let s = import(&State::default(), &fixture());
    let v: serde_json::Value = serde_json::from_str(&export(&s, &Choice::default())).unwrap();
    assert_eq!(v["format"], "branch-out-export");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["exported_at"], AT);
    assert_eq!(v["exported_by"], "Sam Lee, Teacher librarian");
    assert_eq!(v["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["counts"]["goals"], 2);
    assert_eq!(v["counts"]["check_ins"], 0);
    assert_eq!(v["counts"]["resources"], 3);
    // The default leaves out the check-in log (it names colleagues) and settings.
    assert!(v["contents"].get("check_ins").is_none());
    assert!(v["contents"].get("settings").is_none());
    // Goals shared without the log are a template: no skips or pauses.
    assert!(v["contents"]["goals"][0].get("skipped").is_none());
    assert!(v["contents"]["goals"][1].get("pauses").is_none());
}

#[test]
fn resources_can_be_chosen_by_kind_or_tag() {
    let s = import(&State::default(), &fixture());
    let by = |resources| {
        ExportFile::new(
            &s,
            &Choice {
                parts: Parts {
                    resources,
                    ..Choice::default().parts
                },
                ..Choice::default()
            },
            AT,
        )
    };
    let kind = by(ResourceChoice::Kind(Kind::EmailList));
    assert_eq!(kind.counts.resources, 1);
    let tag = by(ResourceChoice::Tag("LISTS".into()));
    // Exactly those tagged "lists" in any case, and none of the others.
    let tagged: Vec<&str> = s
        .resources
        .iter()
        .filter(|r| r.tags.iter().any(|t| t.eq_ignore_ascii_case("lists")))
        .map(|r| r.title.as_str())
        .collect();
    assert!(!tagged.is_empty() && tagged.len() < s.resources.len());
    let titles: Vec<String> = tag
        .contents
        .parts
        .resources
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert_eq!(titles, tagged);
    assert_eq!(titles[0], "OzTLNet");
    let none = by(ResourceChoice::None);
    assert_eq!(none.contents.parts.resources, None);
    assert_eq!(none.file_name(), "branch-out-2026-11-25.json");
}

#[test]
fn a_tag_chooses_every_resource_with_it_in_any_case_and_no_other() {
    let tagged = |n: u8, title: &str, tags: &[&str]| Resource {
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..common::bare_resource(n, title, None, Kind::Other)
    };
    let s = State {
        resources: vec![
            tagged(1, "Only lists", &["Lists"]),
            tagged(2, "Webinars", &["webinars"]),
            tagged(3, "No tags", &[]),
            tagged(4, "Lists and more", &["au", "lists"]),
        ],
        ..State::default()
    };
    let choice = Choice {
        parts: Parts {
            resources: ResourceChoice::Tag("LISTS".into()),
            ..Choice::default().parts
        },
        ..Choice::default()
    };
    let file = ExportFile::new(&s, &choice, AT);
    let titles: Vec<String> = file
        .contents
        .parts
        .resources
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert_eq!(titles, ["Only lists", "Lists and more"]);
    assert_eq!(file.counts.resources, 2);
}

#[test]
fn a_template_starts_today_for_a_colleague() {
    let sam = import(&State::default(), &fixture());
    let mine = State {
        settings: Settings {
            name: "Jo".into(),
            set_up: true,
            ..Settings::default()
        },
        ..State::default()
    };
    let got = import(&mine, &export(&sam, &Choice::default()));
    assert_eq!(got.goals.len(), 2);
    for g in &got.goals {
        assert_eq!(g.created, today());
        assert_eq!(g.status, GoalStatus::Active);
        assert!(g.skipped.is_empty() && g.pauses.is_empty());
        assert_eq!(
            g.origin,
            Some(Origin {
                from: "Sam Lee, Teacher librarian".into(),
                date: today()
            })
        );
    }
    // The sender's settings are not taken over a librarian's own.
    assert_eq!(got.settings.name, "Jo");
    // Resources that already came from someone else keep that first origin.
    assert_eq!(got.resources[2].origin.as_ref().unwrap().from, "Alex Kim");
    assert_eq!(
        got.resources[0].origin.as_ref().unwrap().from,
        "Sam Lee, Teacher librarian"
    );
}

#[test]
fn importing_your_own_export_changes_nothing() {
    let s = import(&State::default(), &fixture());
    for choice in [Choice::default(), Choice::everything()] {
        let preview = Preview::new(&s, read(export(&s, &choice).as_bytes()).unwrap());
        assert!(preview.changes_nothing(), "{choice:?}");
        assert_eq!(preview.tally::<Resource>().present, 3);
        assert_eq!(
            preview
                .merge(&s, &preview.default_picks(&s), today())
                .unwrap(),
            s
        );
    }
}

#[test]
fn a_conflict_keeps_mine_unless_theirs_is_picked() {
    let mine = shelf(vec![resource(
        "r1",
        "LM_NET",
        Some("https://lm-net.example/"),
    )]);
    let mut theirs = mine.clone();
    theirs.resources[0].title = "LM_NET list".into();
    theirs.resources[0].notes = "The big one.".into();
    let preview = Preview::new(
        &mine,
        read(export(&theirs, &Choice::default()).as_bytes()).unwrap(),
    );
    assert!(
        matches!(&preview.parts.resources[0], Entry::Changed { mine: m, theirs: t }
        if m.title == "LM_NET" && t.title == "LM_NET list")
    );
    let kept = preview
        .merge(&mine, &preview.default_picks(&mine), today())
        .unwrap();
    assert_eq!(kept, mine);
    let mut picks = Picks::default();
    picks
        .theirs
        .insert((Part::Resource, Id::parse("r1").unwrap()));
    let taken = preview.merge(&mine, &picks, today()).unwrap();
    assert_eq!(taken.resources.len(), 1);
    assert_eq!(taken.resources[0].title, "LM_NET list");
    assert_eq!(taken.resources[0].notes, "The big one.");
}

#[test]
fn the_same_address_is_the_same_resource_whatever_its_id() {
    let mine = shelf(vec![resource(
        "r1",
        "OzTLNet",
        Some("https://oztlnet.com/"),
    )]);
    let theirs = shelf(vec![
        resource(
            "other-id",
            "OzTLNet",
            Some("http://www.OZTLNET.com?utm_source=mail"),
        ),
        resource("r9", "ALIA", Some("https://www.alia.org.au/")),
    ]);
    let preview = Preview::new(
        &mine,
        read(export(&theirs, &Choice::default()).as_bytes()).unwrap(),
    );
    assert_eq!(preview.tally::<Resource>().present, 1);
    assert_eq!(preview.tally::<Resource>().new, 1);
    let got = preview.merge(&mine, &Picks::default(), today()).unwrap();
    let titles: Vec<_> = got.resources.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["OzTLNet", "ALIA"]);
}

#[test]
fn check_ins_follow_a_resource_matched_by_address() {
    let mine = shelf(vec![resource(
        "local",
        "OzTLNet",
        Some("https://oztlnet.com/"),
    )]);
    let mut theirs = shelf(vec![resource(
        "remote",
        "OzTLNet",
        Some("https://oztlnet.com/"),
    )]);
    theirs.check_ins.push(CheckIn {
        id: Id::parse("c1").unwrap(),
        date: today(),
        goal: Some(Id::parse("missing-goal").unwrap()),
        note: "Posted a question".into(),
        people: String::new(),
        with: vec![],
        resources: vec![Id::parse("remote").unwrap()],
    });
    let got = import(&mine, &export(&theirs, &Choice::everything()));
    assert_eq!(got.check_ins.len(), 1);
    assert_eq!(
        got.check_ins[0].resources,
        vec![Id::parse("local").unwrap()]
    );
    // The sender left that goal out: the check-in stays, unlinked.
    assert_eq!(got.check_ins[0].goal, None);
}

#[test]
fn an_import_can_be_undone_exactly() {
    let mut s = import(&State::default(), &fixture());
    let before = s.clone();
    let merged = import(
        &s,
        &export(
            &shelf(vec![resource("n1", "New list", None)]),
            &Choice::default(),
        ),
    );
    assert_eq!(merged.resources.len(), 4);
    let undo = s
        .apply(Action::Replace(Box::new(merged.clone())))
        .unwrap()
        .unwrap();
    assert_eq!(s, merged);
    s.apply(undo).unwrap();
    assert_eq!(s, before);
}

#[test]
fn ten_good_and_three_bad_items_report_each_bad_one() {
    let mut list: Vec<serde_json::Value> = (0..10)
        .map(|i| {
            serde_json::json!({"id": format!("r{i}"), "title": format!("Good {i}"),
                "url": format!("https://example.org/{i}"), "kind": "toolkit", "added": "2026-01-01"})
        })
        .collect();
    list.insert(2, serde_json::json!({"id": "bad1", "title": "Script", "url": "javascript:alert(1)", "kind": "other", "added": "2026-01-01"}));
    list.insert(
        5,
        serde_json::json!({"id": "bad2", "title": "", "kind": "other", "added": "2026-01-01"}),
    );
    list.insert(9, serde_json::json!({"id": "bad 3", "title": "Odd id", "kind": "other", "added": "2026-01-01"}));
    let file = serde_json::json!({"format": "branch-out-export", "format_version": 1,
        "exported_at": AT, "contents": {"resources": list}});
    let incoming = read(file.to_string().as_bytes()).unwrap();
    assert_eq!(incoming.parts.resources.as_ref().unwrap().len(), 10);
    let rejected: Vec<_> = incoming
        .rejected
        .iter()
        .map(|r| (r.number, r.title.as_str()))
        .collect();
    assert_eq!(rejected, [(3, "Script"), (6, ""), (10, "Odd id")]);
    assert!(
        incoming.rejected[0].reason.contains("http"),
        "{}",
        incoming.rejected[0].reason
    );
    assert!(
        incoming.rejected[1].reason.contains("Title"),
        "{}",
        incoming.rejected[1].reason
    );
    assert_eq!(incoming.rejected[2].reason, "its id is not valid");
}

#[test]
fn files_that_are_not_exports_are_refused() {
    for text in [
        "[]",
        "\"hello\"",
        "null",
        "{}",
        "42",
        r#"{"encrypted": false, "items": []}"#,
        r#"{"format": "branch-out-exports", "format_version": 1, "contents": {}}"#,
    ] {
        assert_eq!(read(text.as_bytes()), Err(ReadError::NotExport), "{text}");
    }
    assert!(
        matches!(read(b"{\"format\": \"branch-out-export\""), Err(ReadError::NotJson(m)) if m.contains("cut short"))
    );
    assert!(matches!(read(b"not json"), Err(ReadError::NotJson(_))));
    assert!(matches!(read(b""), Err(ReadError::NotJson(_))));
}

#[test]
fn a_newer_format_is_refused_with_a_clear_message() {
    let text = fixture().replace("\"format_version\": 1", "\"format_version\": 2");
    let err = read(text.as_bytes()).unwrap_err();
    assert_eq!(err, ReadError::Newer(2));
    assert!(err.to_string().contains("newer version of Branch Out"));
}

#[test]
fn counts_that_disagree_mean_a_damaged_file() {
    let text = fixture().replace("\"resources\": 3", "\"resources\": 4");
    assert!(matches!(read(text.as_bytes()), Err(ReadError::Damaged(m)) if m.contains("cut short")));
    let text = fixture()
        .replace("\"goals\": [", "\"goals\": {\"x\": [")
        .replacen(
            "\n    ],\n    \"check_ins\"",
            "\n    ]},\n    \"check_ins\"",
            1,
        );
    assert!(matches!(read(text.as_bytes()), Err(ReadError::Damaged(_))));
}

/// The file's `counts` hold a whole number per part: a missing one is 0, a key this build does
/// not know is passed over, and anything else (text, a negative or fractional number, a
/// repeated key, a list) means a damaged file.
#[test]
fn counts_are_whole_numbers_each_given_once() {
    let counts =
        "\"counts\": {\n    \"goals\": 2,\n    \"check_ins\": 2,\n    \"resources\": 3\n  }";
    assert!(
        fixture().contains(counts),
        "the fixture's counts as written"
    );
    let with = |c: &str| {
        read(
            fixture()
                .replace(counts, &format!("\"counts\": {c}"))
                .as_bytes(),
        )
    };
    let read_ok =
        with(r#"{"resources": 3, "notes": "x", "goals": 2, "check_ins": 2, "later": [1]}"#);
    assert_eq!(read_ok.unwrap().parts.resources.map(|r| r.len()), Some(3));
    let missing = with(r#"{"goals": 2, "check_ins": 2}"#);
    assert!(
        matches!(&missing, Err(ReadError::Damaged(m)) if m.contains("cut short")),
        "a missing count is 0: {missing:?}"
    );
    for bad in [
        r#"{"goals": "2", "check_ins": 2, "resources": 3}"#,
        r#"{"goals": -2, "check_ins": 2, "resources": 3}"#,
        r#"{"goals": 2.5, "check_ins": 2, "resources": 3}"#,
        r#"{"goals": 2, "check_ins": 2, "resources": 3, "goals": 2}"#,
        r#"{"goals": null, "check_ins": 2, "resources": 3}"#,
        "[2, 2, 3]",
        "null",
    ] {
        let err = with(bad).unwrap_err();
        assert_eq!(
            err,
            ReadError::Damaged("its item counts aren't numbers".into()),
            "{bad}"
        );
    }
}

#[test]
fn size_is_checked_before_anything_else() {
    let big = vec![b' '; MAX_JSON_BYTES + 1];
    let err = read(&big).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooBig {
            size: MAX_JSON_BYTES + 1,
            max: MAX_JSON_BYTES,
            what: "export files"
        }
    );
    assert_eq!(
        err.to_string(),
        "This file is 5.0 MB; Branch Out reads export files up to 5.0 MB."
    );
}

#[test]
fn byte_order_marks_and_encodings() {
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(fixture().as_bytes());
    assert_eq!(
        read(&with_bom).unwrap(),
        read(fixture().as_bytes()).unwrap()
    );
    assert!(
        matches!(read(&[0xFF, 0xFE, b'{', 0]), Err(ReadError::NotText(m)) if m.contains("UTF-16"))
    );
    assert!(matches!(
        read(&[b'{', 0xC3, 0x28, b'}']),
        Err(ReadError::NotText(_))
    ));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(read(deep.as_bytes()), Err(ReadError::NotExport));
    // Nesting anywhere is refused one way or another, never by running out of stack: even
    // two million levels, just under the size cap.
    for depth in [10_000, 2_000_000] {
        let deep = format!(r#"{{"format":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        assert!(matches!(
            read(deep.as_bytes()),
            Err(ReadError::NotExport | ReadError::NotJson(_))
        ));
    }
    let inside = format!(
        r#"{{"format":"branch-out-export","format_version":1,"contents":{{"resources":[{}{}]}}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // Inside a list, the nested item is one bad item: reported and left out.
    let incoming = read(inside.as_bytes()).unwrap();
    assert_eq!(incoming.rejected.len(), 1);
    assert_eq!(incoming.parts.resources, Some(vec![]));
}

#[test]
fn a_duplicate_url_key_never_lets_a_script_link_through() {
    // serde_json's Value keeps the last of duplicate keys; the item is then checked on the
    // value actually kept, so `javascript:` is refused whichever wins.
    let text = r#"{"format":"branch-out-export","format_version":1,"contents":{"resources":[
        {"id":"a","title":"Two addresses","url":"https://ok.example/","url":"javascript:x","kind":"other","added":"2026-01-01"}]}}"#;
    let incoming = read(text.as_bytes()).unwrap();
    assert_eq!(incoming.parts.resources.unwrap().len(), 0);
    assert_eq!(incoming.rejected.len(), 1);
}

#[test]
fn odd_keys_are_inert_and_ids_are_untrusted() {
    let text = r#"{"format":"branch-out-export","format_version":1,"__proto__":{"x":1},"contents":{"constructor":1,"resources":[
        {"id":"r1","title":"<img src=x onerror=alert(1)>","notes":"<script>alert(1)</script>","kind":"other","added":"2026-01-01","__proto__":"x"}]}}"#;
    let incoming = read(text.as_bytes()).unwrap();
    let r = &incoming.parts.resources.as_ref().unwrap()[0];
    assert_eq!(r.title, "<img src=x onerror=alert(1)>");
    assert_eq!(r.notes, "<script>alert(1)</script>");
    // Same id as a local resource: a conflict the librarian settles, never a silent replace.
    let mine = shelf(vec![resource("r1", "My own", None)]);
    let preview = Preview::new(&mine, incoming);
    assert!(matches!(preview.parts.resources[0], Entry::Changed { .. }));
    assert_eq!(
        preview.merge(&mine, &Picks::default(), today()).unwrap(),
        mine
    );
}

#[test]
fn huge_fields_and_counts_hit_caps_with_a_message() {
    let title = "t".repeat(4_900_000);
    let text = format!(
        r#"{{"format":"branch-out-export","format_version":1,"contents":{{"resources":[{{"id":"a","title":"{title}","kind":"other","added":"2026-01-01"}}]}}}}"#
    );
    let incoming = read(text.as_bytes()).unwrap();
    assert!(
        incoming.rejected[0].reason.contains("Title"),
        "{}",
        incoming.rejected[0].reason
    );
    let many = format!(
        r#"{{"format":"branch-out-export","format_version":1,"contents":{{"goals":[{}]}}}}"#,
        vec!["1"; 501].join(",")
    );
    assert_eq!(
        read(many.as_bytes()),
        Err(ReadError::TooMany {
            what: "goals",
            count: 501,
            max: 500
        })
    );
    let tags = format!(
        r#"{{"format":"branch-out-export","format_version":1,"contents":{{"resources":[{{"id":"a","title":"x","kind":"other","added":"2026-01-01","tags":[{}]}}]}}}}"#,
        (0..300_000)
            .map(|i| format!("\"t{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(read(tags.as_bytes()).unwrap().rejected.len(), 1);
}

#[test]
fn a_merge_over_the_caps_changes_nothing() {
    let mine = State {
        goals: (0..MAX_GOALS)
            .map(|i| {
                let mut g = normalised(common_goal()).goals.remove(0);
                g.id = Id::parse(&format!("g{i}")).unwrap();
                g
            })
            .collect(),
        ..State::default()
    };
    let mut theirs = State::default();
    theirs.goals.push(Goal {
        id: Id::parse("new-goal").unwrap(),
        ..mine.goals[0].clone()
    });
    let preview = Preview::new(
        &mine,
        read(export(&theirs, &Choice::default()).as_bytes()).unwrap(),
    );
    assert_eq!(
        preview.merge(&mine, &Picks::default(), today()),
        Err(MergeError::TooMany {
            what: "goals",
            max: MAX_GOALS
        })
    );
}

fn common_goal() -> State {
    let mut s = State::default();
    s.apply(Action::AddGoal {
        id: Id::parse("g").unwrap(),
        today: today(),
        input: GoalInput {
            title: "Reach out".into(),
            notes: String::new(),
            area: Area::School,
            cadence: Cadence::Weekly,
            target: 1,
        },
    })
    .unwrap();
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// I-01 and property 2: import(export(s)) == s, and the export is byte-stable.
    #[test]
    fn export_import_round_trips(s in common::state()) {
        let s = normalised(s);
        let file = export(&s, &Choice::everything());
        let back = import(&State::default(), &file);
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(export(&back, &Choice::everything()), file);
    }

    /// B-04: the backup file holds the same bytes as Back up everything at the same moment,
    /// and restoring it on an empty device gives back exactly the state.
    #[test]
    fn the_backup_file_is_the_full_export_and_restores_the_state(s in common::state()) {
        let s = normalised(s);
        let written = backup_file::text(&s, AT);
        prop_assert_eq!(&written, &export(&s, &Choice::everything()));
        prop_assert_eq!(import(&State::default(), &written), s.clone());
        prop_assert!(backup_file::worth_writing(&s));
    }

    /// Property 4: importing your own file is idempotent; an empty file changes nothing.
    #[test]
    fn merge_with_itself_or_nothing_is_the_same(s in common::state()) {
        let s = normalised(s);
        prop_assert_eq!(import(&s, &export(&s, &Choice::everything())), s.clone());
        prop_assert_eq!(import(&s, &export(&State::default(), &Choice::everything())), s);
    }

    /// Property 4: nothing of mine disappears or changes; everything of theirs arrives.
    #[test]
    fn merge_never_loses_an_item(a in common::state(), b in common::state()) {
        let a = normalised(a);
        let b = normalised(b);
        let file = export(&b, &Choice::everything());
        let preview = Preview::new(&a, read(file.as_bytes()).unwrap());
        let Ok(m) = preview.merge(&a, &preview.default_picks(&a), today()) else {
            return Ok(());
        };
        for g in &a.goals {
            prop_assert!(m.goals.contains(g));
        }
        for r in &a.resources {
            prop_assert!(m.resources.contains(r));
        }
        for c in &a.check_ins {
            prop_assert!(m.check_ins.contains(c));
        }
        for p in &a.people {
            prop_assert!(m.people.contains(p));
        }
        // The librarian's settings stay theirs (a device with data never takes a file's).
        if !a.is_empty() {
            prop_assert_eq!(&Settings { set_up: a.settings.set_up, ..m.settings.clone() }, &a.settings);
        }
        prop_assert!(m.settings.set_up || !a.settings.set_up);
        prop_assert!(m.resources.len() >= a.resources.len().max(b.resources.len() - preview.rejected.len()));
        for r in &b.resources {
            let key = r.url.as_deref().map(|u| branch_out::model::link::SafeUrl::parse(u).unwrap().dedupe_key());
            prop_assert!(m.resources.iter().any(|x| x.id == r.id
                || (key.is_some() && x.url.as_deref().map(|u| branch_out::model::link::SafeUrl::parse(u).unwrap().dedupe_key()) == key)));
        }
        for c in &b.check_ins {
            prop_assert!(m.check_ins.iter().any(|x| x.id == c.id));
        }
        for p in &b.people {
            let email = p.email.to_lowercase();
            prop_assert!(m.people.iter().any(|x| x.id == p.id
                || (!email.is_empty() && x.email.to_lowercase() == email)));
        }
        // Importing the same file again changes nothing more.
        prop_assert_eq!(import(&m, &file), m);
    }

    /// Property 7: reading any bytes returns, never panics.
    #[test]
    fn reading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes);
    }

    /// Reading any mangled export returns, never panics, and never yields a script link.
    #[test]
    fn reading_a_mangled_export_never_panics(cut in 0usize..4000, junk in "\\PC{0,8}") {
        let mut text = fixture();
        let cut = cut.min(text.len());
        if text.is_char_boundary(cut) {
            text.insert_str(cut, &junk);
        }
        if let Ok(incoming) = read(text.as_bytes()) {
            for r in incoming.parts.resources.unwrap_or_default() {
                if let Some(u) = r.url {
                    prop_assert!(u.starts_with("http://") || u.starts_with("https://"));
                }
            }
        }
    }
}

fn shared_fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../shared/fixtures/bookmarks/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn counter() -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        Id::parse(&format!("b{n}")).unwrap()
    }
}

#[test]
fn a_firefox_bookmark_file_imports_with_place_links_left_out() {
    use branch_out::exchange::import::{is_bookmark_file, read_any};
    let bytes = shared_fixture("firefox_tags_descriptions_data-icons.htm");
    assert!(is_bookmark_file(&bytes));
    let incoming = read_any(&bytes, "bookmarks.html", today(), counter()).unwrap();
    let resources = incoming.parts.resources.as_ref().unwrap();
    assert_eq!(
        resources.len() + incoming.rejected.len(),
        24,
        "every link is counted"
    );
    let refused: Vec<_> = incoming
        .rejected
        .iter()
        .filter(|r| r.reason.contains("“place:”"))
        .collect();
    assert_eq!(refused.len(), 3);
    assert!(resources
        .iter()
        .all(|r| r.url.as_deref().unwrap().starts_with("http")));
    assert!(
        resources.iter().any(|r| !r.tags.is_empty()),
        "Firefox TAGS become tags"
    );
    assert!(
        resources.iter().any(|r| !r.notes.is_empty()),
        "descriptions become notes"
    );
    assert_eq!(incoming.source.exported_by, "bookmarks.html");
    // Through the preview into an empty shelf, duplicates in the file left out, the rest new.
    let preview = Preview::new(&State::default(), incoming);
    let merged = preview
        .merge(&State::default(), &Picks::default(), today())
        .unwrap();
    assert_eq!(merged.resources.len(), preview.tally::<Resource>().new);
    assert!(merged
        .resources
        .iter()
        .all(|r| r.origin.as_ref().unwrap().from == "bookmarks.html"));
}

#[test]
fn every_shared_bookmark_file_reads_and_counts_every_link() {
    use branch_out::exchange::import::read_any;
    for (name, links) in [
        ("chrome_zh-CN_cjk_titles.html", 11),
        ("chromium_nested_data-icons_crlf.htm", 18),
        ("firefox_2024_nested_toolbar_other.html", 27),
        ("ie11_nested_folded_bom.htm", 27),
        ("malformed_no-doctype_lowercase-h3_closing-dd.html", 10),
        ("netscape4_communicator_1999_folded_alias_hr.html", 11),
    ] {
        let incoming = read_any(&shared_fixture(name), name, today(), counter()).unwrap();
        let got = incoming.parts.resources.as_ref().unwrap().len() + incoming.rejected.len();
        assert_eq!(got, links, "{name}");
        for r in incoming.parts.resources.unwrap() {
            assert!(
                !r.tags
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case("bookmarks bar")),
                "{name}: {:?}",
                r.tags
            );
        }
    }
}

#[test]
fn the_shelf_comes_back_from_its_own_bookmark_file_with_kinds_and_tags() {
    use branch_out::exchange::bookmarks;
    use branch_out::exchange::import::read_bookmarks;
    let s = import(&State::default(), &fixture());
    let html = bookmarks::export(&s.resources);
    let incoming = read_bookmarks(html.as_bytes(), "shelf.html", today(), counter()).unwrap();
    let back = incoming.parts.resources.clone().unwrap();
    assert_eq!(incoming.rejected, vec![]);
    let with_address: Vec<_> = s.resources.iter().filter(|r| r.url.is_some()).collect();
    assert_eq!(back.len(), with_address.len());
    for (a, b) in with_address.iter().zip(&back) {
        assert_eq!(
            (&a.title, &a.url, a.kind, &a.tags),
            (&b.title, &b.url, b.kind, &b.tags)
        );
    }
    // Importing it over the same shelf finds everything already there.
    let preview = Preview::new(&s, incoming);
    assert_eq!(preview.tally::<Resource>().present, with_address.len());
    assert!(preview.changes_nothing());
}

#[test]
fn an_oversized_bookmark_file_is_refused_before_parsing() {
    use branch_out::exchange::import::read_bookmarks;
    let big = vec![b'<'; 10 * 1024 * 1024 + 1];
    assert!(matches!(
        read_bookmarks(&big, "x.html", today(), counter()),
        Err(ReadError::TooBig {
            what: "bookmark files",
            ..
        })
    ));
}

#[test]
fn a_check_in_naming_an_unknown_goal_or_resource_imports_once() {
    // Found by fuzzing: links dropped on import must not make the same file look changed.
    let mut theirs = import(&State::default(), &fixture());
    theirs.check_ins[0].goal = Some(Id::parse("no-such-goal").unwrap());
    theirs.check_ins[0].resources = vec![Id::parse("no-such-resource").unwrap()];
    let file = export(&theirs, &Choice::everything());
    let once = import(&State::default(), &file);
    assert_eq!(once.check_ins[0].goal, None);
    assert!(once.check_ins[0].resources.is_empty());
    let again = Preview::new(&once, read(file.as_bytes()).unwrap());
    assert!(again.changes_nothing());
}

#[test]
fn an_id_used_twice_in_a_file_is_taken_once() {
    // Found by fuzzing: two check-ins (or goals) with one id must not both arrive.
    let mut theirs = import(&State::default(), &fixture());
    theirs.check_ins[1].id = theirs.check_ins[0].id.clone();
    theirs.goals[1].id = theirs.goals[0].id.clone();
    let file = export(&theirs, &Choice::everything());
    let preview = Preview::new(&State::default(), read(file.as_bytes()).unwrap());
    let twice: Vec<_> = preview
        .rejected
        .iter()
        .map(|r| (r.part, r.number))
        .collect();
    assert_eq!(twice, [(Part::Goal, 2), (Part::CheckIn, 2)]);
    let once = import(&State::default(), &file);
    assert_eq!((once.goals.len(), once.check_ins.len()), (1, 1));
    assert!(Preview::new(&once, read(file.as_bytes()).unwrap()).changes_nothing());
}

#[test]
fn one_bad_term_is_left_out_not_the_whole_settings() {
    let text = fixture().replace(
        r#""breaks": [],"#,
        r#""breaks": [{"id": "b1", "name": "", "start": "2026-07-01", "end": "2026-07-10"},
                      {"id": "b2", "name": "Winter", "start": "2026-07-20", "end": "2026-07-01"},
                      {"id": "b3", "name": "Spring", "start": "2026-09-20", "end": "2026-10-05"}],"#,
    );
    let incoming = read(text.as_bytes()).unwrap();
    let settings = incoming.settings.as_ref().unwrap();
    assert_eq!(settings.name, "Sam Lee");
    assert_eq!(settings.breaks.len(), 1);
    assert_eq!(settings.breaks[0].name, "Spring");
    let left: Vec<_> = incoming
        .rejected
        .iter()
        .map(|r| (r.part, r.number, r.title.as_str()))
        .collect();
    assert_eq!(left, [(Part::Break, 1, ""), (Part::Break, 2, "Winter")]);
    assert!(
        incoming.rejected[1].reason.contains("last day"),
        "{}",
        incoming.rejected[1].reason
    );
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn goal(i: &str, title: &str) -> Goal {
    Goal {
        id: id(i),
        title: title.into(),
        notes: String::new(),
        area: Area::School,
        cadence: Cadence::Monthly,
        target: 1,
        status: GoalStatus::Active,
        created: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        skipped: vec![],
        pauses: vec![],
        origin: None,
    }
}

fn check_in(i: &str, goal: Option<&str>, resources: &[&str]) -> CheckIn {
    CheckIn {
        id: id(i),
        date: today(),
        goal: goal.map(id),
        note: format!("note {i}"),
        people: String::new(),
        with: vec![],
        resources: resources.iter().map(|r| id(r)).collect(),
    }
}

/// A preview made by hand: every entry as given, from `from`.
fn preview_of(
    from: &str,
    goals: Vec<Entry<Goal>>,
    check_ins: Vec<Entry<CheckIn>>,
    resources: Vec<Entry<Resource>>,
) -> Preview {
    Preview {
        source: branch_out::exchange::import::Source {
            kind: "Branch Out export",
            exported_by: from.into(),
            exported_at: AT.into(),
        },
        template: false,
        settings: None,
        parts: Parts {
            goals,
            check_ins,
            resources,
            people: vec![],
        },
        rejected: vec![],
    }
}

/// A librarian's own data: one goal, one starred, joined resource from a colleague, and a
/// check-in linking both.
fn local() -> State {
    let mut r = resource("r1", "LM_NET", Some("https://lm-net.example/"));
    r.favourite = true;
    r.membership = Membership::Member;
    r.added = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    r.origin = Some(Origin {
        from: "Alex Kim".into(),
        date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    });
    let mut g = goal("g1", "Visit the district PLN");
    g.origin = Some(Origin {
        from: "Alex Kim".into(),
        date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    });
    g.status = GoalStatus::Paused;
    g.skipped = vec![NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()];
    State {
        settings: Settings {
            name: "Robin".into(),
            set_up: true,
            ..Settings::default()
        },
        goals: vec![g],
        check_ins: vec![check_in("c1", Some("g1"), &["r1"])],
        resources: vec![r],
        ..State::default()
    }
}

/// Theirs for each local item: every field a file can carry changed.
fn changed_entries(state: &State) -> (Entry<Goal>, Entry<CheckIn>, Entry<Resource>) {
    let g = state.goals[0].clone();
    let mut tg = goal("g1", "Their title");
    tg.notes = "their notes".into();
    tg.area = Area::Online;
    tg.cadence = Cadence::Weekly;
    tg.target = 4;
    tg.created = today();
    tg.origin = None;
    let c = state.check_ins[0].clone();
    let mut tc = check_in("c1", None, &[]);
    tc.note = "their note".into();
    let r = state.resources[0].clone();
    let mut tr = resource("r1", "LM_NET list", Some("https://lm-net.example/list"));
    tr.notes = "The big one.".into();
    tr.added = today();
    (
        Entry::Changed {
            mine: g,
            theirs: tg,
        },
        Entry::Changed {
            mine: c,
            theirs: tc,
        },
        Entry::Changed {
            mine: r,
            theirs: tr,
        },
    )
}

#[test]
fn a_changed_item_is_replaced_only_when_its_own_part_and_id_are_picked() {
    let mine = local();
    let (g, c, r) = changed_entries(&mine);
    let preview = preview_of("Sam Lee", vec![g], vec![c], vec![r]);
    let pick = |picks: &[(Part, &str)]| {
        let picks = Picks {
            theirs: picks.iter().map(|(p, i)| (*p, id(i))).collect(),
            settings: false,
        };
        preview.merge(&mine, &picks, today()).unwrap()
    };
    assert_eq!(pick(&[]), mine, "nothing picked changes nothing");
    // An id picked under another part picks nothing.
    assert_eq!(
        pick(&[
            (Part::Goal, "r1"),
            (Part::Resource, "g1"),
            (Part::CheckIn, "g1")
        ]),
        mine
    );

    let got = pick(&[(Part::Goal, "g1")]);
    assert_eq!(
        (&got.resources, &got.check_ins),
        (&mine.resources, &mine.check_ins)
    );
    let g = &got.goals[0];
    assert_eq!(
        (
            g.title.as_str(),
            g.notes.as_str(),
            g.area,
            g.cadence,
            g.target
        ),
        (
            "Their title",
            "their notes",
            Area::Online,
            Cadence::Weekly,
            4
        )
    );
    // A whole goal from a file is theirs, but where it first came from stays the librarian's.
    assert_eq!((g.status, g.created), (GoalStatus::Active, today()));
    assert_eq!(g.origin, mine.goals[0].origin);

    let got = pick(&[(Part::Resource, "r1")]);
    assert_eq!((&got.goals, &got.check_ins), (&mine.goals, &mine.check_ins));
    let r = &got.resources[0];
    assert_eq!(
        (r.title.as_str(), r.notes.as_str(), r.url.as_deref()),
        (
            "LM_NET list",
            "The big one.",
            Some("https://lm-net.example/list")
        )
    );
    // The librarian's own marks on it stay: starred, joined, when added, where it came from.
    let m = &mine.resources[0];
    assert_eq!(
        (r.favourite, r.membership, r.added, &r.origin),
        (m.favourite, m.membership, m.added, &m.origin)
    );

    let got = pick(&[(Part::CheckIn, "c1")]);
    assert_eq!((&got.goals, &got.resources), (&mine.goals, &mine.resources));
    let mut theirs = check_in("c1", None, &[]);
    theirs.note = "their note".into();
    assert_eq!(got.check_ins, vec![theirs]);
}

#[test]
fn a_picked_template_goal_takes_only_the_plan() {
    let mine = local();
    let (g, _, _) = changed_entries(&mine);
    let mut preview = preview_of("Sam Lee", vec![g], vec![], vec![]);
    preview.template = true;
    let picks = Picks {
        theirs: [(Part::Goal, id("g1"))].into_iter().collect(),
        settings: false,
    };
    let got = preview.merge(&mine, &picks, today()).unwrap();
    let (g, m) = (&got.goals[0], &mine.goals[0]);
    assert_eq!(
        (
            g.title.as_str(),
            g.notes.as_str(),
            g.area,
            g.cadence,
            g.target
        ),
        (
            "Their title",
            "their notes",
            Area::Online,
            Cadence::Weekly,
            4
        )
    );
    // The librarian's history with the goal is theirs to keep.
    assert_eq!(
        (g.status, g.created, &g.skipped, &g.pauses, &g.origin),
        (m.status, m.created, &m.skipped, &m.pauses, &m.origin)
    );
    assert_eq!(got.check_ins, mine.check_ins);
}

#[test]
fn new_items_remember_a_colleague_but_not_the_librarian_themselves() {
    let mine = local();
    let new_items = |from: &str| {
        let mut carried = resource("r3", "Carried", Some("https://carried.example/"));
        carried.origin = Some(Origin {
            from: "First sender".into(),
            date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        });
        let preview = preview_of(
            from,
            vec![Entry::New(goal("g2", "New goal"))],
            vec![Entry::New(check_in("c2", Some("g2"), &["r2"]))],
            vec![
                Entry::New(resource("r2", "New list", Some("https://new.example/"))),
                Entry::New(carried),
            ],
        );
        preview.merge(&mine, &Picks::default(), today()).unwrap()
    };
    let from = |s: &State| {
        (
            s.goals[1].origin.clone().map(|o| (o.from, o.date)),
            s.resources[1].origin.clone().map(|o| (o.from, o.date)),
        )
    };
    for own in ["Robin", "Robin, Teacher librarian"] {
        let got = new_items(own);
        assert_eq!(from(&got), (None, None), "{own}");
    }
    for other in [
        "Sam Lee",
        "Robin Okafor",
        "Robin,Teacher",
        "Teacher librarian, Robin",
        "",
    ] {
        let got = new_items(other);
        let o = Some((other.to_owned(), today()));
        assert_eq!(from(&got), (o.clone(), o), "{other:?}");
    }
    // An item that already says where it first came from keeps that.
    let got = new_items("Sam Lee");
    assert_eq!(
        got.resources[2].origin.as_ref().unwrap().from,
        "First sender"
    );
    // Local items are untouched and come first; new ones follow in the file's order.
    assert_eq!(got.goals[0], mine.goals[0]);
    assert_eq!(got.resources[0], mine.resources[0]);
    assert_eq!(got.check_ins[0], mine.check_ins[0]);
    assert_eq!(got.check_ins[1], check_in("c2", Some("g2"), &["r2"]));
    // With no name on this device, an unnamed file is still someone else's.
    let unnamed = State::default();
    let preview = preview_of("", vec![Entry::New(goal("g2", "New goal"))], vec![], vec![]);
    let got = preview.merge(&unnamed, &Picks::default(), today()).unwrap();
    assert_eq!(got.goals[0].origin.as_ref().map(|o| o.date), Some(today()));
}

#[test]
fn links_to_what_neither_side_has_are_dropped_and_the_rest_kept() {
    let mine = local();
    let preview = preview_of(
        "Sam Lee",
        vec![Entry::New(goal("g2", "New goal"))],
        vec![
            Entry::New(check_in("c2", Some("g1"), &["r1", "gone", "r2"])),
            Entry::New(check_in("c3", Some("gone"), &[])),
            Entry::New(check_in("c4", Some("g2"), &["r2"])),
        ],
        vec![Entry::New(resource("r2", "New list", None))],
    );
    let got = preview.merge(&mine, &Picks::default(), today()).unwrap();
    assert_eq!(got.check_ins[0], mine.check_ins[0]);
    assert_eq!(got.check_ins[1], check_in("c2", Some("g1"), &["r1", "r2"]));
    assert_eq!(got.check_ins[2], check_in("c3", None, &[]));
    assert_eq!(got.check_ins[3], check_in("c4", Some("g2"), &["r2"]));
}

#[test]
fn settings_are_taken_only_when_picked_and_the_first_run_choice_is_kept() {
    let mine = local();
    let theirs = Settings {
        name: "Sam Lee".into(),
        role: "Teacher librarian".into(),
        set_up: false,
        ..Settings::default()
    };
    let mut preview = preview_of("Sam Lee", vec![], vec![], vec![]);
    preview.settings = Some(Entry::Changed {
        mine: mine.settings.clone(),
        theirs: theirs.clone(),
    });
    let with = |settings: bool| {
        preview
            .merge(
                &mine,
                &Picks {
                    theirs: Default::default(),
                    settings,
                },
                today(),
            )
            .unwrap()
    };
    assert_eq!(with(false), mine);
    assert_eq!(
        with(true).settings,
        Settings {
            set_up: true,
            ..theirs.clone()
        }
    );
    // A device not yet set up takes the file's choice.
    let fresh = State::default();
    preview.settings = Some(Entry::Changed {
        mine: fresh.settings.clone(),
        theirs: Settings {
            set_up: true,
            ..theirs.clone()
        },
    });
    let picks = preview.default_picks(&fresh);
    assert!(
        picks.settings,
        "an empty device restores the file's settings"
    );
    assert!(
        preview
            .merge(&fresh, &picks, today())
            .unwrap()
            .settings
            .set_up
    );
    // Settings that are already the same are not a change to pick.
    preview.settings = Some(Entry::Present);
    assert!(!preview.default_picks(&fresh).settings);
    assert!(preview.changes_nothing());
    assert_eq!(
        preview
            .merge(
                &mine,
                &Picks {
                    theirs: Default::default(),
                    settings: true
                },
                today()
            )
            .unwrap(),
        mine
    );
}

#[test]
fn only_new_goals_finish_the_first_run() {
    let fresh = State {
        resources: vec![resource("r1", "LM_NET", None)],
        ..State::default()
    };
    let resources_only = preview_of(
        "Sam Lee",
        vec![],
        vec![],
        vec![Entry::New(resource("r2", "New list", None))],
    );
    let got = resources_only
        .merge(&fresh, &Picks::default(), today())
        .unwrap();
    assert!(!got.settings.set_up);
    let with_goal = preview_of(
        "Sam Lee",
        vec![Entry::New(goal("g1", "Goal"))],
        vec![],
        vec![],
    );
    assert!(
        with_goal
            .merge(&fresh, &Picks::default(), today())
            .unwrap()
            .settings
            .set_up
    );
    // A goal changed in place is not a new one.
    let mine = State {
        goals: vec![goal("g1", "Goal")],
        ..State::default()
    };
    let changed = preview_of(
        "Sam Lee",
        vec![Entry::Changed {
            mine: goal("g1", "Goal"),
            theirs: goal("g1", "Their goal"),
        }],
        vec![],
        vec![],
    );
    let picks = Picks {
        theirs: [(Part::Goal, id("g1"))].into_iter().collect(),
        settings: false,
    };
    assert!(
        !changed
            .merge(&mine, &picks, today())
            .unwrap()
            .settings
            .set_up
    );
}

#[test]
fn a_merge_may_reach_each_cap_exactly() {
    use branch_out::exchange::import::MAX_CHECK_INS;
    use branch_out::model::shelf::MAX_RESOURCES;
    use branch_out::model::MAX_GOALS;
    fn many(n: usize, prefix: &'static str) -> impl Iterator<Item = String> {
        (0..n).map(move |i| format!("{prefix}{i}"))
    }
    let state = State {
        goals: many(MAX_GOALS - 1, "g").map(|i| goal(&i, "Goal")).collect(),
        check_ins: many(MAX_CHECK_INS - 1, "c")
            .map(|i| check_in(&i, None, &[]))
            .collect(),
        resources: many(MAX_RESOURCES - 1, "r")
            .map(|i| resource(&i, "R", None))
            .collect(),
        ..State::default()
    };
    let one_more = |n: usize| {
        preview_of(
            "Sam Lee",
            many(n, "new-g")
                .map(|i| Entry::New(goal(&i, "Goal")))
                .collect(),
            many(n, "new-c")
                .map(|i| Entry::New(check_in(&i, None, &[])))
                .collect(),
            many(n, "new-r")
                .map(|i| Entry::New(resource(&i, "R", None)))
                .collect(),
        )
    };
    let got = one_more(1)
        .merge(&state, &Picks::default(), today())
        .unwrap();
    assert_eq!(
        (got.goals.len(), got.check_ins.len(), got.resources.len()),
        (MAX_GOALS, MAX_CHECK_INS, MAX_RESOURCES)
    );
    assert!(one_more(2)
        .merge(&state, &Picks::default(), today())
        .is_err());
    // Each cap on its own.
    for (g, c, r, what) in [
        (2, 1, 1, "goals"),
        (1, 2, 1, "check-ins"),
        (1, 1, 2, "resources"),
    ] {
        let preview = preview_of(
            "Sam Lee",
            many(g, "new-g")
                .map(|i| Entry::New(goal(&i, "Goal")))
                .collect(),
            many(c, "new-c")
                .map(|i| Entry::New(check_in(&i, None, &[])))
                .collect(),
            many(r, "new-r")
                .map(|i| Entry::New(resource(&i, "R", None)))
                .collect(),
        );
        assert!(
            matches!(
                preview.merge(&state, &Picks::default(), today()),
                Err(MergeError::TooMany { what: w, .. }) if w == what
            ),
            "{what}"
        );
    }
}

#[test]
fn tallies_count_each_kind_of_entry() {
    let preview = preview_of(
        "Sam Lee",
        vec![Entry::New(goal("g1", "A")), Entry::Present, Entry::Present],
        vec![
            Entry::Changed {
                mine: check_in("c1", None, &[]),
                theirs: check_in("c1", None, &["r1"]),
            },
            Entry::New(check_in("c2", None, &[])),
        ],
        vec![Entry::Present],
    );
    assert_eq!(
        (
            preview.tally::<Goal>().new,
            preview.tally::<Goal>().present,
            preview.tally::<Goal>().changed
        ),
        (1, 2, 0)
    );
    assert_eq!(
        (
            preview.tally::<CheckIn>().new,
            preview.tally::<CheckIn>().present,
            preview.tally::<CheckIn>().changed
        ),
        (1, 0, 1)
    );
    assert_eq!(
        (
            preview.tally::<Resource>().new,
            preview.tally::<Resource>().present,
            preview.tally::<Resource>().changed
        ),
        (0, 1, 0)
    );
    assert!(!preview.changes_nothing());
    // Any one new or changed item, in any part, or changed settings, is a change.
    let quiet = || {
        preview_of(
            "Sam Lee",
            vec![Entry::Present],
            vec![Entry::Present],
            vec![Entry::Present],
        )
    };
    assert!(quiet().changes_nothing());
    for p in [
        Preview {
            parts: Parts {
                goals: vec![Entry::New(goal("g1", "A"))],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            parts: Parts {
                check_ins: vec![Entry::New(check_in("c1", None, &[]))],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            parts: Parts {
                resources: vec![Entry::New(resource("r1", "R", None))],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            parts: Parts {
                goals: vec![Entry::Changed {
                    mine: goal("g1", "A"),
                    theirs: goal("g1", "B"),
                }],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            parts: Parts {
                check_ins: vec![Entry::Changed {
                    mine: check_in("c1", None, &[]),
                    theirs: check_in("c1", None, &["r"]),
                }],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            parts: Parts {
                resources: vec![Entry::Changed {
                    mine: resource("r1", "R", None),
                    theirs: resource("r1", "S", None),
                }],
                ..quiet().parts
            },
            ..quiet()
        },
        Preview {
            settings: Some(Entry::Changed {
                mine: Settings::default(),
                theirs: Settings {
                    name: "Sam".into(),
                    ..Settings::default()
                },
            }),
            ..quiet()
        },
    ] {
        assert!(!p.changes_nothing(), "{p:?}");
    }
}

/// An export file holding `contents` (a JSON object's text).
fn file_with(contents: &str) -> String {
    format!(r#"{{"format":"branch-out-export","format_version":1,"contents":{contents}}}"#)
}

#[test]
fn each_read_cap_is_reached_exactly() {
    // A file exactly the size cap is read (and found not to be JSON), not refused for size.
    assert!(matches!(
        read(&vec![b' '; MAX_JSON_BYTES]),
        Err(ReadError::NotJson(_))
    ));
    let goals = file_with(&format!(r#"{{"goals":[{}]}}"#, vec!["1"; 500].join(",")));
    assert_eq!(read(goals.as_bytes()).unwrap().rejected.len(), 500);
    assert_eq!(
        ReadError::TooBig {
            size: 1_572_864,
            max: 10_485_759,
            what: "bookmark files"
        }
        .to_string(),
        "This file is 1.5 MB; Branch Out reads bookmark files up to 9.9 MB."
    );
}

#[test]
fn marks_links_and_ranges_are_capped_exactly() {
    let day =
        |i: u64| (NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(i)).to_string();
    let goal_with = |skipped: usize, pauses: usize| {
        let skipped: Vec<_> = (0..skipped as u64)
            .map(|i| format!("\"{}\"", day(i)))
            .collect();
        let pauses: Vec<_> = (0..pauses as u64)
            .map(|i| format!(r#"{{"from":"{}","until":null}}"#, day(i)))
            .collect();
        file_with(&format!(
            r#"{{"goals":[{{"id":"g","title":"Goal","area":"school","cadence":"monthly","target":1,"status":"active","created":"2020-01-01","skipped":[{}],"pauses":[{}]}}]}}"#,
            skipped.join(","),
            pauses.join(",")
        ))
    };
    let kept = |text: String| read(text.as_bytes()).unwrap().parts.goals.unwrap().len();
    assert_eq!(kept(goal_with(1000, 0)), 1);
    assert_eq!(kept(goal_with(1001, 0)), 0);
    assert_eq!(kept(goal_with(0, 1000)), 1);
    assert_eq!(kept(goal_with(0, 1001)), 0);

    let check_in_with = |links: usize| {
        let links: Vec<_> = (0..links).map(|i| format!("\"r{i}\"")).collect();
        file_with(&format!(
            r#"{{"check_ins":[{{"id":"c","date":"2026-01-01","note":"n","resources":[{}]}}]}}"#,
            links.join(",")
        ))
    };
    let kept = |text: String| {
        read(text.as_bytes())
            .unwrap()
            .parts
            .check_ins
            .unwrap()
            .len()
    };
    assert_eq!(kept(check_in_with(100)), 1);
    assert_eq!(kept(check_in_with(101)), 0);

    // Terms: a one-day term is fine, one ending before it starts is not, past the cap none is
    // taken, and what is kept is in date order.
    let term = |name: &str, start: &str, end: &str| {
        let id: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        format!(r#"{{"id":"{id}","name":"{name}","start":"{start}","end":"{end}"}}"#)
    };
    let mut terms = vec![
        term("Later", "2026-06-01", "2026-06-30"),
        term("One day", "2026-01-05", "2026-01-05"),
        term("Backwards", "2026-03-10", "2026-03-01"),
    ];
    terms.extend((0..98).map(|i| term(&format!("T{i}"), &day(i), &day(i))));
    terms.push(term("Over the cap", "2026-09-01", "2026-09-30"));
    let text = file_with(&format!(
        r#"{{"settings":{{"name":"Sam","terms":[{}]}}}}"#,
        terms.join(",")
    ));
    let incoming = read(text.as_bytes()).unwrap();
    let settings = incoming
        .settings
        .clone()
        .unwrap_or_else(|| panic!("{:?}", incoming.rejected));
    assert_eq!(settings.terms.len(), 100);
    assert_eq!(settings.terms[0].name, "T0");
    assert_eq!(settings.terms[99].name, "Later");
    assert!(settings.terms.windows(2).all(|w| w[0].start <= w[1].start));
    let left_out: Vec<_> = incoming
        .rejected
        .iter()
        .map(|r| (r.part, r.number, r.title.as_str()))
        .collect();
    assert_eq!(
        left_out,
        [
            (Part::Term, 3, "Backwards"),
            (Part::Term, 102, "Over the cap")
        ]
    );
}

#[test]
fn settings_given_as_null_are_no_settings() {
    let incoming = read(file_with(r#"{"settings":null,"goals":null}"#).as_bytes()).unwrap();
    assert_eq!(incoming.settings, None);
    assert_eq!(incoming.parts.goals, None);
    assert!(incoming.rejected.is_empty());
    let incoming = read(file_with(r#"{"settings":{"name":"Sam"}}"#).as_bytes()).unwrap();
    assert_eq!(incoming.settings.map(|s| s.name), Some("Sam".to_owned()));
}

#[test]
fn a_browser_bookmark_file_becomes_resources_with_folders_as_tags() {
    use branch_out::exchange::import::{is_bookmark_file, read_any, read_bookmarks};
    let many_tags: Vec<String> = (0..40).map(|i| format!("t{}", i % 35)).collect();
    let html = format!(
        r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
<DT><H3>Bookmarks bar</H3>
<DL><p>
 <DT><H3>Library lists</H3>
 <DL><p>
  <DT><A HREF="https://lm-net.example/" ADD_DATE="1700000000" TAGS="email,LISTS">LM_NET</A>
  <DD>The big one.
  <DT><A HREF="https://notitle.example/x"></A>
  <DT><A HREF="javascript:alert(1)">Bad</A>
  <DT><A HREF="https://tags.example/" TAGS="{}">Tags</A>
 </DL><p>
 <DT><H3>Toolkits</H3>
 <DL><p><DT><A HREF="https://kit-elsewhere.example/">Kit elsewhere</A></DL><p>
</DL><p>
<DT><H3>Branch Out</H3>
<DL><p>
 <DT><H3>Toolkits</H3>
 <DL><p><DT><A HREF="https://toolkit.example/">Kit</A></DL><p>
 <DT><H3>Not a kind</H3>
 <DL><p><DT><A HREF="https://other.example/">Other</A></DL><p>
</DL><p>
</DL><p>
"#,
        many_tags.join(",")
    );
    assert!(is_bookmark_file(html.as_bytes()));
    let incoming = read_bookmarks(
        html.as_bytes(),
        "My\u{202E} bookmarks.html",
        today(),
        counter(),
    )
    .unwrap();
    assert_eq!(
        read_any(
            html.as_bytes(),
            "My\u{202E} bookmarks.html",
            today(),
            counter()
        )
        .unwrap(),
        incoming
    );
    assert!(incoming.partial);
    assert_eq!(incoming.source.kind, "Bookmark file");
    assert_eq!(incoming.source.exported_by, "My bookmarks.html");
    let got: Vec<_> = incoming
        .parts
        .resources
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| (r.title.as_str(), r.kind, r.tags.clone(), r.notes.as_str()))
        .collect();
    let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let expected_many: Vec<String> = std::iter::once("Library lists".to_owned())
        .chain((0..29).map(|i| format!("t{i}")))
        .collect();
    assert_eq!(
        got,
        [
            (
                "LM_NET",
                Kind::Other,
                tags(&["Library lists", "email", "LISTS"]),
                "The big one."
            ),
            (
                "https://notitle.example/x",
                Kind::Other,
                tags(&["Library lists"]),
                ""
            ),
            ("Tags", Kind::Other, expected_many, ""),
            // A folder named like a kind outside Branch Out's own is only a folder.
            ("Kit elsewhere", Kind::Other, tags(&["Toolkits"]), ""),
            ("Kit", Kind::Toolkit, vec![], ""),
            ("Other", Kind::Other, tags(&["Not a kind"]), ""),
        ]
    );
    let resources = incoming.parts.resources.as_ref().unwrap();
    assert_eq!(
        resources[0].added,
        NaiveDate::from_ymd_opt(2023, 11, 14).unwrap()
    );
    assert_eq!(resources[1].added, today());
    let left_out: Vec<_> = incoming
        .rejected
        .iter()
        .map(|r| (r.part, r.number, r.title.as_str()))
        .collect();
    assert_eq!(left_out, [(Part::Bookmark, 3, "Bad")]);
}

#[test]
fn a_bookmark_file_exactly_the_size_cap_is_read() {
    use branch_out::exchange::bookmarks::MAX_BYTES;
    use branch_out::exchange::import::read_bookmarks;
    let incoming = read_bookmarks(&vec![b' '; MAX_BYTES], "x.html", today(), counter()).unwrap();
    assert_eq!(incoming.parts.resources, Some(vec![]));
}

#[test]
fn a_bookmark_file_is_told_from_an_export_by_its_start() {
    use branch_out::exchange::import::is_bookmark_file;
    for yes in [
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>".to_owned(),
        "\u{feff} \t\r\n<html>".to_owned(),
        format!("{}<!-- netscape-bookmark-file -->", "x".repeat(900)),
    ] {
        assert!(is_bookmark_file(yes.as_bytes()), "{yes:?}");
    }
    for no in [
        fixture(),
        format!("{}<!-- netscape-bookmark-file -->", "x".repeat(1024)),
        " x <html>".to_owned(),
        String::new(),
    ] {
        assert!(!is_bookmark_file(no.as_bytes()), "{:?}", no.get(..40));
    }
    // A file shorter than the look-ahead is looked at whole.
    assert!(is_bookmark_file(b"<"));
}

/// What `incoming` would do to `state`, as (new, present, changed) per part.
fn tallies(p: &Preview) -> [(usize, usize, usize); 3] {
    [
        p.tally::<Goal>(),
        p.tally::<CheckIn>(),
        p.tally::<Resource>(),
    ]
    .map(|t| (t.new, t.present, t.changed))
}

fn incoming_of(
    goals: Option<Vec<Goal>>,
    check_ins: Option<Vec<CheckIn>>,
    resources: Option<Vec<Resource>>,
) -> branch_out::exchange::import::Incoming {
    branch_out::exchange::import::Incoming {
        parts: Parts {
            goals,
            check_ins,
            resources,
            people: None,
        },
        ..Default::default()
    }
}

#[test]
fn the_preview_matches_by_id_then_address_and_refuses_what_contradicts_itself() {
    let mine = shelf(vec![
        resource("r1", "LM_NET", Some("https://lm-net.example/")),
        resource("r2", "OzTLNet", Some("https://oztlnet.example/")),
    ]);
    let theirs = vec![
        // The id of one local resource, the address of another.
        resource("r1", "Mixed", Some("https://oztlnet.example/")),
        resource("n1", "New", Some("https://new.example/")),
        // The same address again, under another id.
        resource(
            "n2",
            "New again",
            Some("https://www.new.example/?utm_source=x"),
        ),
        // The same id again.
        resource("n1", "New twice", None),
        resource("r2", "OzTLNet", None),
    ];
    let p = Preview::new(&mine, incoming_of(None, None, Some(theirs)));
    assert_eq!(tallies(&p)[2], (1, 0, 1));
    let left_out: Vec<_> = p
        .rejected
        .iter()
        .map(|r| (r.number, r.reason.as_str()))
        .collect();
    assert_eq!(
        left_out,
        [
            (
                1,
                "it has the id of “LM_NET” but the web address of “OzTLNet”"
            ),
            (3, "its web address appears earlier in this file"),
            (4, "its id appears earlier in this file"),
        ]
    );
    assert_eq!(
        p.merge(&mine, &Picks::default(), today())
            .unwrap()
            .resources
            .len(),
        3
    );
}

#[test]
fn a_template_compares_only_the_plan_and_a_full_file_compares_everything() {
    let mut mine_goal = goal("g1", "Visit the PLN");
    mine_goal.status = GoalStatus::Paused;
    mine_goal.origin = Some(Origin {
        from: "Alex".into(),
        date: today(),
    });
    let mine = State {
        goals: vec![mine_goal.clone()],
        ..State::default()
    };
    let same_plan = Goal {
        status: GoalStatus::Active,
        origin: None,
        ..mine_goal.clone()
    };
    // Goals without the check-in log: a template, compared on the plan alone.
    let p = Preview::new(
        &mine,
        incoming_of(Some(vec![same_plan.clone()]), None, None),
    );
    assert!(p.template);
    assert_eq!(tallies(&p)[0], (0, 1, 0));
    // With the log, the status counts; where the goal came from never does.
    let p = Preview::new(
        &mine,
        incoming_of(Some(vec![same_plan.clone()]), Some(vec![]), None),
    );
    assert!(!p.template);
    assert_eq!(tallies(&p)[0], (0, 0, 1));
    let p = Preview::new(
        &mine,
        incoming_of(
            Some(vec![Goal {
                origin: None,
                ..mine_goal.clone()
            }]),
            Some(vec![]),
            None,
        ),
    );
    assert_eq!(tallies(&p)[0], (0, 1, 0));
    let p = Preview::new(&mine, incoming_of(None, Some(vec![]), None));
    assert!(!p.template);
    let plan_changed = Goal {
        target: 9,
        ..mine_goal.clone()
    };
    let p = Preview::new(&mine, incoming_of(Some(vec![plan_changed]), None, None));
    assert_eq!(tallies(&p)[0], (0, 0, 1));
}

#[test]
fn settings_that_differ_only_in_the_first_run_choice_are_the_same() {
    let mine = local();
    let incoming = |s: Settings| branch_out::exchange::import::Incoming {
        settings: Some(s),
        ..Default::default()
    };
    let p = Preview::new(
        &mine,
        incoming(Settings {
            set_up: false,
            ..mine.settings.clone()
        }),
    );
    assert_eq!(p.settings, Some(Entry::Present));
    let p = Preview::new(
        &mine,
        incoming(Settings {
            role: "Teacher".into(),
            ..mine.settings.clone()
        }),
    );
    assert!(matches!(p.settings, Some(Entry::Changed { .. })));
}

#[test]
fn a_bookmark_matched_to_a_resource_shows_only_real_differences() {
    let mut m = resource("r1", "LM_NET", Some("https://lm-net.example/"));
    m.kind = Kind::EmailList;
    m.tags = vec!["lists".into()];
    m.notes = "Mine.".into();
    m.favourite = true;
    let mine = shelf(vec![m.clone()]);
    // A bookmark carries a title, an address, and perhaps tags and notes: the rest is unknown.
    let bookmark = |title: &str, tags: Vec<String>, notes: &str| {
        let mut b = resource("b1", title, Some("https://lm-net.example/"));
        b.tags = tags;
        b.notes = notes.into();
        branch_out::exchange::import::Incoming {
            parts: Parts {
                resources: Some(vec![b]),
                ..Parts::default()
            },
            partial: true,
            ..Default::default()
        }
    };
    let p = Preview::new(&mine, bookmark("LM_NET", vec![], ""));
    assert_eq!(tallies(&p)[2], (0, 1, 0), "nothing it says differs");
    let p = Preview::new(&mine, bookmark("LM_NET list", vec![], ""));
    match &p.parts.resources[0] {
        Entry::Changed { theirs, .. } => {
            assert_eq!(theirs.title, "LM_NET list");
            assert_eq!(
                (theirs.kind, &theirs.tags, theirs.notes.as_str()),
                (m.kind, &m.tags, "Mine.")
            );
            assert_eq!((theirs.favourite, &theirs.id), (true, &m.id));
        }
        other => panic!("{other:?}"),
    }
    let p = Preview::new(&mine, bookmark("LM_NET", vec!["email".into()], "Theirs."));
    match &p.parts.resources[0] {
        Entry::Changed { theirs, .. } => {
            assert_eq!(
                (&theirs.tags, theirs.notes.as_str()),
                (&vec!["email".to_owned()], "Theirs.")
            )
        }
        other => panic!("{other:?}"),
    }
    // From a full export, blank means blank.
    let mut full = resource("x9", "LM_NET", Some("https://lm-net.example/"));
    full.kind = Kind::EmailList;
    let p = Preview::new(&mine, incoming_of(None, None, Some(vec![full])));
    match &p.parts.resources[0] {
        Entry::Changed { theirs, .. } => {
            assert_eq!(
                (theirs.tags.len(), theirs.notes.as_str(), &theirs.id),
                (0, "", &m.id)
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn check_ins_in_the_preview_are_compared_with_their_links_as_they_will_be() {
    let mine = State {
        goals: vec![goal("g1", "Goal")],
        resources: vec![resource("r1", "LM_NET", Some("https://lm-net.example/"))],
        check_ins: vec![check_in("c1", Some("g1"), &["r1"])],
        ..State::default()
    };
    let theirs_resource = resource("remote", "LM_NET", Some("https://lm-net.example/"));
    let incoming =
        |c: CheckIn| incoming_of(None, Some(vec![c]), Some(vec![theirs_resource.clone()]));
    // Their id for my resource, and a link to something neither side has: the same check-in.
    let p = Preview::new(
        &mine,
        incoming(check_in("c1", Some("g1"), &["remote", "gone"])),
    );
    assert_eq!(tallies(&p)[1], (0, 1, 0));
    // A goal neither side has is dropped; a goal that is here is kept.
    let p = Preview::new(&mine, incoming(check_in("c2", Some("gone"), &["remote"])));
    assert_eq!(
        p.parts.check_ins[0],
        Entry::New(check_in("c2", None, &["r1"]))
    );
    let p = Preview::new(&mine, incoming(check_in("c3", Some("g1"), &[])));
    assert_eq!(
        p.parts.check_ins[0],
        Entry::New(check_in("c3", Some("g1"), &[]))
    );
    // A different note is a change.
    let mut changed = check_in("c1", Some("g1"), &["remote"]);
    changed.note = "Other".into();
    let p = Preview::new(&mine, incoming(changed));
    assert_eq!(tallies(&p)[1], (0, 0, 1));
}

#[test]
fn contents_out_of_the_usual_shape_are_read_part_by_part() {
    let goal = r#"{"id":"g","title":"Goal","area":"school","cadence":"monthly","target":1,"status":"active","created":"2020-01-01"}"#;
    // A part given twice: the last one counts, as for any repeated key; a null part is absent.
    let incoming = read(
        file_with(&format!(
            r#"{{"goals":[],"goals":[{goal}],"check_ins":null,"resources":null}}"#
        ))
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(incoming.parts.goals.map(|g| g.len()), Some(1));
    assert_eq!(
        (incoming.parts.check_ins, incoming.parts.resources),
        (None, None)
    );
    assert!(incoming.rejected.is_empty());
    // A part that is not a list is named.
    for (contents, message) in [
        (r#"{"resources":5}"#, "its resources aren't a list"),
        (
            r#"{"goals":[],"check_ins":{}}"#,
            "its check-ins aren't a list",
        ),
    ] {
        assert_eq!(
            read(file_with(contents).as_bytes()),
            Err(ReadError::Damaged(message.into())),
            "{contents}"
        );
    }
}

#[test]
fn a_file_out_of_the_usual_shape_at_the_top_reads_as_any_repeated_key_does() {
    let goal = |id: &str| {
        format!(
            r#"{{"id":"{id}","title":"Goal","area":"school","cadence":"monthly","target":1,"status":"active","created":"2020-01-01"}}"#
        )
    };
    let goals = |text: &str| -> Result<Vec<String>, ReadError> {
        read(text.as_bytes()).map(|i| {
            i.parts
                .goals
                .unwrap_or_default()
                .into_iter()
                .map(|g| g.id.as_str().to_owned())
                .collect()
        })
    };
    // The last of a repeated field counts: the format, the exporter, the contents.
    let twice = format!(
        r#"{{"format":"something else","format":"branch-out-export","format_version":1,"exported_by":"A","exported_by":"Robin","contents":{{"goals":[{}]}},"contents":{{"goals":[{}]}}}}"#,
        goal("first"),
        goal("last")
    );
    assert_eq!(goals(&twice), Ok(vec!["last".to_owned()]));
    assert_eq!(read(twice.as_bytes()).unwrap().source.exported_by, "Robin");
    let format_last = twice.replace(
        r#""format":"something else","format":"branch-out-export""#,
        r#""format":"branch-out-export","format":"something else""#,
    );
    assert_eq!(goals(&format_last), Err(ReadError::NotExport));
    // One file read in one pass and the same file with a field written twice read alike.
    let once = file_with(&format!(r#"{{"goals":[{}]}}"#, goal("g")));
    let again = once.replacen(
        r#""format_version":1,"#,
        r#""format_version":1,"format_version":1,"#,
        1,
    );
    assert_eq!(read(once.as_bytes()), read(again.as_bytes()));
    let full = fixture();
    let full_again = full.replacen(
        "\"format_version\": 1,",
        "\"format_version\": 1, \"format_version\": 1,",
        1,
    );
    assert_ne!(full, full_again);
    assert_eq!(read(full.as_bytes()), read(full_again.as_bytes()));
    // A key written with escapes is not one Branch Out writes: the file is not an export.
    assert_eq!(
        goals(&once.replace(r#""format""#, r#""form\u0061t""#)),
        Err(ReadError::NotExport)
    );
    // No contents, contents that are not a map, text after the file.
    assert_eq!(
        goals(r#"{"format":"branch-out-export","format_version":1}"#),
        Err(ReadError::Damaged("it has no contents".into()))
    );
    assert_eq!(
        goals(&file_with("[]")),
        Err(ReadError::Damaged("it has no contents".into()))
    );
    assert!(matches!(
        goals(&format!("{once} x")),
        Err(ReadError::NotJson(_))
    ));
}

#[test]
fn goals_and_check_ins_are_cleaned_and_capped_like_typed_text() {
    // Origins: controls that reorder text are taken out and the name is cut to a line's length.
    let long = "x".repeat(400);
    let goal = |from: &str| {
        format!(
            r#"{{"id":"g","title":"Goal","area":"school","cadence":"monthly","target":1,"status":"active","created":"2020-01-01","origin":{{"from":"{from}","date":"2026-01-01"}}}}"#
        )
    };
    let from = |f: &str| {
        let incoming =
            read(file_with(&format!(r#"{{"goals":[{}]}}"#, goal(f))).as_bytes()).unwrap();
        incoming.parts.goals.unwrap()[0]
            .origin
            .clone()
            .unwrap()
            .from
    };
    assert_eq!(from("Sam\\u202e Lee"), "Sam Lee");
    assert_eq!(from(&long).chars().count(), 300);
    // Check-ins: the note and the people are checked as when typed in.
    let check_in = |note: &str, people: &str| {
        let text = file_with(&format!(
            r#"{{"check_ins":[{{"id":"c","date":"2026-01-01","note":"{note}","people":"{people}"}}]}}"#
        ));
        read(text.as_bytes()).unwrap()
    };
    let got = check_in("Met\\u202e Sam", "Sam\\u200b Lee");
    let c = &got.parts.check_ins.unwrap()[0];
    assert_eq!((c.note.as_str(), c.people.as_str()), ("Met Sam", "Sam Lee"));
    for (note, people, field) in [(&*"n".repeat(10_001), "", "Note"), ("", &*long, "People")] {
        let got = check_in(note, people);
        assert_eq!(got.parts.check_ins.map(|c| c.len()), Some(0), "{field}");
        assert!(
            got.rejected[0].reason.contains(field),
            "{}",
            got.rejected[0].reason
        );
    }
}

#[test]
fn settings_and_term_names_are_cleaned_and_capped_like_typed_text() {
    let settings = |name: &str, role: &str, term: &str| {
        let text = file_with(&format!(
            r#"{{"settings":{{"name":"{name}","role":"{role}","terms":[{{"id":"t1","name":"{term}","start":"2026-01-05","end":"2026-03-27"}}]}}}}"#
        ));
        read(text.as_bytes()).unwrap()
    };
    let got = settings(
        "Sam\\u202e Lee",
        "Teacher\\u200b librarian",
        "Term\\u202e 1",
    );
    let s = got.settings.unwrap();
    assert_eq!(
        (s.name.as_str(), s.role.as_str(), s.terms[0].name.as_str()),
        ("Sam Lee", "Teacher librarian", "Term 1")
    );
    let long = "x".repeat(301);
    for (name, role) in [(&*long, ""), ("", &*long)] {
        let got = settings(name, role, "Term 1");
        assert_eq!(got.settings, None);
        assert_eq!(got.rejected[0].part, Part::Settings);
    }
}

#[test]
fn an_entry_says_what_it_adds_and_what_it_changes() {
    let (a, b) = (goal("g1", "A"), goal("g1", "B"));
    let changed = Entry::Changed {
        mine: a.clone(),
        theirs: b.clone(),
    };
    assert_eq!(changed.changed(), Some((&a, &b)));
    assert_eq!(changed.added(), None);
    assert_eq!(Entry::New(a.clone()).added(), Some(&a));
    assert_eq!(Entry::New(a.clone()).changed(), None);
    assert_eq!(Entry::<Goal>::Present.changed(), None);
    assert_eq!(Entry::<Goal>::Present.added(), None);
}

#[test]
fn marks_of_the_librarian_own_never_make_a_resource_look_changed() {
    let mine = local();
    let m = &mine.resources[0];
    // The colleague's copy: the same resource, unstarred, not joined, added another day, from
    // someone else.
    let mut theirs = m.clone();
    theirs.favourite = false;
    theirs.membership = Membership::NotJoined;
    theirs.added = today();
    theirs.origin = Some(Origin {
        from: "Sam Lee".into(),
        date: today(),
    });
    for (what, t) in [
        (
            "favourite",
            Resource {
                favourite: false,
                ..m.clone()
            },
        ),
        (
            "membership",
            Resource {
                membership: Membership::NotJoined,
                ..m.clone()
            },
        ),
        (
            "added",
            Resource {
                added: today(),
                ..m.clone()
            },
        ),
        (
            "origin",
            Resource {
                origin: None,
                ..m.clone()
            },
        ),
        ("all", theirs),
    ] {
        let p = Preview::new(&mine, incoming_of(None, None, Some(vec![t])));
        assert_eq!(tallies(&p)[2], (0, 1, 0), "{what}");
    }
}

#[test]
fn a_changed_bookmark_shows_its_own_address_and_kind() {
    let mut m = resource("r1", "LM_NET", Some("https://lm-net.example/"));
    m.kind = Kind::EmailList;
    let mine = shelf(vec![m]);
    let mut b = resource(
        "b1",
        "LM_NET list",
        Some("https://www.lm-net.example/?utm_source=x"),
    );
    b.kind = Kind::Toolkit;
    let p = Preview::new(
        &mine,
        branch_out::exchange::import::Incoming {
            parts: Parts {
                resources: Some(vec![b]),
                ..Parts::default()
            },
            partial: true,
            ..Default::default()
        },
    );
    match &p.parts.resources[0] {
        Entry::Changed { theirs, .. } => assert_eq!(
            (theirs.url.as_deref(), theirs.kind),
            (
                Some("https://www.lm-net.example/?utm_source=x"),
                Kind::Toolkit
            )
        ),
        other => panic!("{other:?}"),
    }
}

/// A resource that differs is shown field by field, in the form's words, only where it differs.
#[test]
fn a_changed_resource_is_shown_side_by_side_field_by_field() {
    let mine = shelf(vec![resource(
        "r1",
        "LM_NET",
        Some("https://lm-net.example/"),
    )]);
    let mut theirs = resource("r1", "LM_NET list", Some("https://lm-net.example/join"));
    theirs.tags = vec!["lists".into()];
    let p = Preview::new(&mine, incoming_of(None, None, Some(vec![theirs])));
    let conflicts = p.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].title, "LM_NET");
    assert_eq!(
        conflicts[0].rows,
        vec![
            ("Title", "LM_NET".to_owned(), "LM_NET list".to_owned()),
            (
                "Address",
                "https://lm-net.example/".to_owned(),
                "https://lm-net.example/join".to_owned()
            ),
            ("Tags", String::new(), "lists".to_owned()),
        ]
    );
}

/// B-04: a device with no plan (a first run, or just erased) never writes over a backup file.
#[test]
fn an_empty_device_has_nothing_to_back_up() {
    assert!(!backup_file::worth_writing(&State::default()));
    let mut started = State::default();
    started.settings.set_up = true;
    assert!(backup_file::worth_writing(&started));
    // Colours or dates chosen after erasing are not a plan.
    let mut looks = State::default();
    looks.settings.theme = Theme::Dark;
    assert!(!backup_file::worth_writing(&looks));
    let mut shelf_only = State::default();
    shelf_only
        .resources
        .push(resource("r1", "LM_NET", Some("https://lm-net.example/")));
    assert!(backup_file::worth_writing(&shelf_only));
    // Any one part of a plan is worth keeping on its own.
    let mut goals_only = State::default();
    goals_only
        .goals
        .push(goal("g1", "Reach out to one colleague"));
    assert!(backup_file::worth_writing(&goals_only));
    let mut log_only = State::default();
    log_only.check_ins.push(check_in("c1", None, &[]));
    assert!(backup_file::worth_writing(&log_only));
    let mut people_only = State::default();
    people_only.people.push(common::person_named(1, "Sam Lee"));
    assert!(backup_file::worth_writing(&people_only));
}
