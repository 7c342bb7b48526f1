//! The plain-text summary and the `mailto:` link of a shared file.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use branch_out::exchange::file::{Choice, ExportFile};
use branch_out::exchange::import::{read, Parts, Preview};
use branch_out::exchange::summary::{mailto, subject, text, Opening, MAX_MAILTO};
use branch_out::model::shelf::ResourceInput;
use branch_out::model::{Id, Locale, State};
use chrono::NaiveDate;

/// Where the Branch Out that shares is: every summary names it.
const APP: Opening = Opening::File {
    app: "https://library.example.edu/branch-out/",
};

fn sam() -> State {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export-v1.json"
    ))
    .unwrap();
    let empty = State::default();
    let preview = Preview::new(&empty, read(&file).unwrap());
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    preview
        .merge(&empty, &preview.default_picks(&empty), day)
        .unwrap()
}

/// Adds `n` resources at example.org addresses, ids starting with `prefix`, titled by `title`.
fn add_resources(s: &mut State, prefix: &str, n: usize, title: impl Fn(usize) -> String) {
    for i in 0..n {
        let r = ResourceInput {
            title: title(i),
            url: format!("https://example.org/{i}"),
            ..Default::default()
        }
        .into_resource(
            Id::parse(&format!("{prefix}{i}")).unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .unwrap();
        s.resources.push(r);
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_summary_names_goals_with_cadences_and_resources_with_links() {
    let file = ExportFile::new(&sam(), &Choice::default(), "2026-11-25T09:30:00Z");
    assert_eq!(
        subject(&file),
        "Sam Lee's Branch Out plan: 2 goals, 3 resources"
    );
    let t = text(&file, Locale::EnAu, 10_000, APP);
    assert!(
        t.starts_with("Branch Out plan shared by Sam Lee, Teacher librarian on 25 Nov 2026.\n"),
        "{t}"
    );
    assert!(t.contains("\nGoals (2)\n- Reach out to one colleague (1 check-in each week; Across my district)\n"), "{t}");
    assert!(
        t.contains("- Post on a state list (2 check-ins each month; State & regional)\n"),
        "{t}"
    );
    assert!(t.contains("\nResources (3)\n- OzTLNet (Email list): https://oztlnet.com/\n- District library network (Local network)\n"), "{t}");
    assert!(t.contains("branch-out-2026-11-25.json"));
    assert!(
        !t.contains("check-in log"),
        "the log is not shared by default"
    );
}

#[test]
fn a_long_shelf_is_cut_with_a_count_of_what_was_left_out() {
    let mut s = sam();
    add_resources(&mut s, "x", 5_000, |i| format!("Resource number {i}"));
    let file = ExportFile::new(&s, &Choice::default(), "2026-11-25T09:30:00Z");
    let t = text(&file, Locale::EnUs, 1_500, APP);
    assert!(t.chars().count() <= 1_500, "{}", t.chars().count());
    assert!(t.contains("Goals (2)\n- Reach out"));
    assert!(t.contains("Resources (5003)\n"));
    let more = t.lines().find(|l| l.starts_with("…and ")).unwrap();
    let left: usize = more
        .trim_start_matches("…and ")
        .trim_end_matches(" more")
        .parse()
        .unwrap();
    let listed = t.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(listed - 2 + left, 5003, "listed and left out add up");
    assert!(
        t.ends_with("one click undoes it.\nBranch Out: https://library.example.edu/branch-out/\n"),
        "{t}"
    );

    let link = mailto(&file, Locale::EnUs, APP);
    assert!(link.len() <= MAX_MAILTO, "{}", link.len());
    // It fits by cutting the list, not by leaving most of the room unused.
    assert!(link.len() > MAX_MAILTO * 3 / 4, "{}", link.len());
    assert!(link.starts_with("mailto:?subject=Sam%20Lee%27s%20Branch%20Out%20plan%3A%202%20goals%2C%205003%20resources&body="));
    let body = decode(link.split("&body=").nth(1).unwrap());
    assert!(body.starts_with("Branch Out plan shared by Sam Lee"));
    assert!(body.contains("\r\nGoals (2)\r\n"));
    assert!(!body.contains('+'));
}

#[test]
fn the_summary_never_passes_its_limit_with_every_part_in_it() {
    // Every part (goals, resources, the log, settings) with lists long enough to be cut, at
    // every limit from the shortest that holds the fixed lines up: each section's heading and
    // blank line count, so no limit is passed by even one character.
    let mut s = sam();
    add_resources(&mut s, "y", 40, |i| format!("Shelf item {i}"));
    let everything = Choice {
        parts: Parts {
            check_ins: true,
            ..Choice::default().parts
        },
        settings: true,
    };
    let file = ExportFile::new(&s, &everything, "2026-11-25T09:30:00Z");
    let full = text(&file, Locale::EnUs, 100_000, APP);
    let whole = full.chars().count();
    // Exactly as long as the whole text: nothing is cut.
    assert_eq!(text(&file, Locale::EnUs, whole, APP), full);
    let listed = |t: &str| t.lines().filter(|l| l.starts_with("- ")).count();
    let mut before = 0;
    for limit in 400..whole {
        let t = text(&file, Locale::EnUs, limit, APP);
        assert!(
            t.chars().count() <= limit,
            "{} > {limit}:\n{t}",
            t.chars().count()
        );
        // More room never lists fewer items, and a cut list says how many it left out.
        assert!(listed(&t) >= before, "{limit}: {} < {before}", listed(&t));
        before = listed(&t);
        let left: usize = t
            .lines()
            .filter_map(|l| {
                l.strip_prefix("…and ")?
                    .strip_suffix(" more")?
                    .parse::<usize>()
                    .ok()
            })
            .sum();
        if t != full {
            assert!(
                left > 0 || listed(&t) == listed(&full),
                "{limit}: cut without saying so\n{t}"
            );
        }
    }
    // The most room a cut leaves unused is less than one item's line and its "…and N more".
    let longest = full.lines().map(|l| l.chars().count() + 1).max().unwrap();
    for limit in 400..whole {
        let t = text(&file, Locale::EnUs, limit, APP);
        if t != full {
            assert!(
                limit - t.chars().count() < 2 * longest + "…and 99 more\n".chars().count() * 4,
                "{limit}: {} used\n{t}",
                t.chars().count()
            );
        }
    }
}

#[test]
fn a_cut_list_holds_every_line_there_is_room_for() {
    // Resources only, so one list: at every limit, the first line left out is one that would
    // not have fitted with the "…and N more" line after it (the last line, on its own).
    let mut s = sam();
    s.goals.clear();
    add_resources(&mut s, "z", 30, |i| format!("Item {}", "x".repeat(i % 7)));
    let file = ExportFile::new(&s, &Choice::default(), "2026-11-25T09:30:00Z");
    assert_last_list_is_full(&file);

    // With a list before it that is cut too, the last list still gets all the room the first
    // one left (what the first one's "…and N more" took, and no more).
    for i in 0..20 {
        let mut g = sam().goals[0].clone();
        g.id = Id::parse(&format!("g{i}")).unwrap();
        g.title = format!("Goal {}", "y".repeat(i % 5));
        s.goals.push(g);
    }
    let file = ExportFile::new(&s, &Choice::default(), "2026-11-25T09:30:00Z");
    assert_last_list_is_full(&file);
}

/// At every limit the summary can keep to, the first line the summary's last list leaves out is one that
/// would not have fitted with the "…and N more" line after it (the last line, on its own).
fn assert_last_list_is_full(file: &ExportFile) {
    let full = text(file, Locale::EnUs, 100_000, APP);
    // Below the length of its fixed lines, no summary can keep to its limit.
    let from = text(file, Locale::EnUs, 0, APP).chars().count();
    let last = full.rfind("\nResources (").unwrap();
    let items: Vec<&str> = full[last..]
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    let n = items.len();
    let more = |left: usize| format!("…and {left} more\n").chars().count();
    for limit in from..full.chars().count() {
        let t = text(file, Locale::EnUs, limit, APP);
        let Some(at) = t.rfind("\nResources (") else {
            continue;
        };
        let list = &t[at..];
        let k = list.lines().filter(|l| l.starts_with("- ")).count();
        if k == n {
            continue;
        }
        let said = list
            .lines()
            .find(|l| l.starts_with("…and "))
            .map_or(0, |l| l.chars().count() + 1);
        // Room left after the k lines listed, with the "…and N more" line not yet written.
        let room = limit - (t.chars().count() - said);
        let need = items[k].chars().count() + 1;
        let fits = if k + 1 < n {
            need + more(n - k) <= room
        } else {
            need <= room
        };
        assert!(
            !fits,
            "{limit}: line {k} fitted ({need} in {room}) but was left out\n{t}"
        );
    }
}

#[test]
fn an_anonymous_file_still_reads_well() {
    let mut s = sam();
    s.settings.name.clear();
    let choice = Choice {
        parts: Parts {
            goals: false,
            check_ins: true,
            ..Choice::default().parts
        },
        settings: true,
    };
    let file = ExportFile::new(&s, &choice, "2026-11-25T09:30:00Z");
    assert_eq!(
        subject(&file),
        "A Branch Out plan: 3 resources, 2 check-ins, settings"
    );
    let t = text(&file, Locale::EnUs, 10_000, APP);
    assert!(
        t.starts_with("Branch Out plan shared on Nov 25, 2026.\n"),
        "{t}"
    );
    assert!(t.contains("Check-in log: 2 entries"));
    assert!(t.contains("Settings: calendar, terms and breaks"));
}

#[test]
fn a_summary_with_a_share_link_ends_with_it_and_leaves_empty_parts_out() {
    let mut s = sam();
    s.resources.clear();
    let choice = Choice {
        parts: Parts {
            check_ins: true,
            ..Choice::default().parts
        },
        ..Choice::default()
    };
    let mut no_log = s.clone();
    no_log.check_ins.clear();
    let file = ExportFile::new(&no_log, &choice, "2026-11-25T09:30:00Z");
    let link = "https://library.example.edu/branch-out/#/import/zAbc";
    let t = text(&file, Locale::EnUs, 10_000, Opening::Link(link));
    assert!(t.contains("\nGoals (2)\n"), "{t}");
    assert!(!t.contains("Resources"), "an empty part is left out: {t}");
    assert!(!t.contains("Check-in log"), "{t}");
    assert!(!t.contains("attached"), "{t}");
    assert!(
        t.ends_with(&format!("one click undoes it.\n{link}\n")),
        "{t}"
    );
    let mail = mailto(&file, Locale::EnUs, Opening::Link(link));
    assert!(decode(mail.split("&body=").nth(1).unwrap()).contains(link));
    // A link is never cut: when no summary can make the email fit, it comes back whole and
    // too long, and the Share screen sends the file instead.
    let long = format!("{link}{}", "A".repeat(2_100));
    let mail = mailto(&file, Locale::EnUs, Opening::Link(&long));
    assert!(mail.len() > MAX_MAILTO);
    assert!(decode(mail.split("&body=").nth(1).unwrap()).contains(&long));
}

mod counted_without_building {
    use super::common;
    use branch_out::exchange::file::{Choice, ExportFile, ResourceChoice};
    use branch_out::exchange::import::Parts;
    use branch_out::exchange::summary::{chosen, contents};
    use branch_out::model::Kind;
    use proptest::prelude::*;

    fn choice() -> impl Strategy<Value = Choice> {
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![
                Just(ResourceChoice::None),
                Just(ResourceChoice::All),
                Just(ResourceChoice::Kind(Kind::EmailList)),
                common::text().prop_map(ResourceChoice::Tag),
            ],
        )
            .prop_map(|(goals, check_ins, settings, people, resources)| Choice {
                parts: Parts {
                    goals,
                    check_ins,
                    resources,
                    people,
                },
                settings,
            })
    }

    proptest! {
        #[test]
        fn the_export_screen_counts_what_the_file_will_hold(
            state in common::state(),
            choice in choice(),
            by_a_tag_in_use in any::<bool>(),
        ) {
            // Often a tag that is on the shelf, so the tag count is not always zero.
            let mut choice = choice;
            if let Some(tag) = state.resources.iter().flat_map(|r| &r.tags).next().filter(|_| by_a_tag_in_use) {
                choice.parts.resources = ResourceChoice::Tag(tag.to_uppercase());
            }
            let file = ExportFile::new(&state, &choice, "2026-11-25T00:00:00Z");
            prop_assert_eq!(&choice.counts(&state), &file.counts);
            prop_assert_eq!(chosen(&state, &choice, "settings"), contents(&file, "settings"));
        }
    }
}

/// The export file's text is fixed by the state and the choice, byte for byte: parts in the
/// file's order, a part left out absent from `contents`, the first files' counts always
/// written and people counted only when shared, a template's goals without their skips and
/// pauses. `tests/fixtures/export-written.txt` holds what earlier builds wrote for the same
/// state (a backup, then the export dialog's first choice).
#[test]
fn the_file_is_written_byte_for_byte_as_before() {
    let mut s = sam();
    s.people = vec![
        common::person_named(1, "Priya Natarajan"),
        common::person_named(2, "Sam Lee"),
    ];
    let written: String = [Choice::everything(), Choice::default()]
        .iter()
        .map(|c| ExportFile::new(&s, c, "2026-11-25T09:30:00Z").to_json())
        .collect();
    let before = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export-written.txt"
    ))
    .unwrap()
    .replace(
        "\"0.1.0\"",
        &format!("{:?}", branch_out::exchange::file::APP_VERSION),
    );
    assert!(written.contains("\"skipped\": [\n"), "the backup has skips");
    assert_eq!(written, before);
}
