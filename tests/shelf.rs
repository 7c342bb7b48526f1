//! The shelf: safe links, duplicates, undo, search and the starter library.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{day, id};

use branch_out::model::link::{SafeUrl, UrlError};
use branch_out::model::search::{fold, search, search_top, Index, Query, Sort};
use branch_out::model::shelf::ResourceInput;
use branch_out::model::starter::STARTER_LIBRARY;
use branch_out::model::*;
use proptest::prelude::*;

fn input(title: &str, url: &str) -> ResourceInput {
    ResourceInput {
        title: title.into(),
        url: url.into(),
        kind: Some(Kind::EmailList),
        ..ResourceInput::default()
    }
}

fn add(s: &mut State, n: u8, i: ResourceInput) -> Result<Undo, ActionError> {
    i.check(id(n), day(2026, 11, n as u32 % 28 + 1))
        .and_then(|r| s.apply(Action::Shelf(ShelfAction::Add(r))))
}

#[test]
fn hostile_addresses_are_refused_and_change_nothing() {
    let mut s = State::default();
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "JaVaScRiPt:x",
        "file:///etc/passwd",
    ] {
        let before = s.clone();
        let err = add(&mut s, 1, input("Bad", url)).unwrap_err();
        assert!(
            matches!(err, ActionError::Url(UrlError::Unsupported(_))),
            "{url}: {err}"
        );
        assert!(err.to_string().contains("only http and https"), "{err}");
        assert_eq!(s, before);
    }
}

#[test]
fn a_resource_is_stored_clean_and_normalised() {
    let mut s = State::default();
    add(
        &mut s,
        1,
        ResourceInput {
            tags: vec![
                " lists ".into(),
                "Lists".into(),
                "".into(),
                "ad\u{200B}min".into(),
            ],
            ..input("Docs\u{202E}gnp.exe", "https://аpple.com/x")
        },
    )
    .unwrap();
    let r = &s.resources[0];
    assert_eq!(r.title, "Docsgnp.exe");
    assert_eq!(r.url.as_deref(), Some("https://xn--pple-43d.com/x"));
    assert_eq!(r.tags, vec!["lists", "admin"]);
}

#[test]
fn the_same_address_is_a_duplicate_on_add_and_edit() {
    let mut s = State::default();
    add(
        &mut s,
        1,
        input("LM_NET", "http://www.lm-net.info/about.html"),
    )
    .unwrap();
    add(&mut s, 2, input("OzTLNet", "https://oztlnet.com/")).unwrap();
    let err = add(
        &mut s,
        3,
        input(
            "LM_NET again",
            "https://lm-net.info/about.html?utm_source=x",
        ),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ActionError::Duplicate {
            id: id(1),
            title: "LM_NET".into()
        }
    );
    let err = s
        .apply(Action::Shelf(ShelfAction::Edit(
            input("OzTLNet", "lm-net.info/about.html/")
                .check(id(2), day(2026, 11, 1))
                .unwrap(),
        )))
        .unwrap_err();
    assert!(matches!(err, ActionError::Duplicate { .. }));
    // Editing a resource at its own address is fine.
    s.apply(Action::Shelf(ShelfAction::Edit(
        input(
            "LM_NET (school library list)",
            "http://www.lm-net.info/about.html",
        )
        .check(id(1), day(2026, 11, 1))
        .unwrap(),
    )))
    .unwrap();
    assert_eq!(
        s.resources[0].added,
        day(2026, 11, 2),
        "editing keeps the day it was added"
    );
}

#[test]
fn deleting_resources_is_undone_exactly_links_included() {
    let mut s = State::default();
    add(&mut s, 1, input("A", "https://a.example/")).unwrap();
    add(&mut s, 2, input("B", "https://b.example/")).unwrap();
    add(&mut s, 3, input("C", "")).unwrap();
    s.apply(Action::LogCheckIn {
        id: id(9),
        input: CheckInInput {
            date: day(2026, 11, 20),
            goal: None,
            note: "attended the webinar".into(),
            people: String::new(),
            with: vec![],
            resources: vec![id(3), id(1), id(2)],
        },
    })
    .unwrap();
    let before = s.clone();
    let undo = s
        .apply(Action::Shelf(ShelfAction::Delete {
            ids: vec![id(1), id(3)],
        }))
        .unwrap()
        .unwrap();
    assert_eq!(s.resources.len(), 1);
    assert_eq!(s.check_ins[0].resources, vec![id(2)]);
    s.apply(undo).unwrap();
    assert_eq!(s, before);
    // A check-in can't link a resource that isn't on the shelf.
    let err = s
        .apply(Action::LogCheckIn {
            id: id(10),
            input: CheckInInput {
                date: day(2026, 11, 20),
                goal: None,
                note: String::new(),
                people: String::new(),
                with: vec![],
                resources: vec![id(77)],
            },
        })
        .unwrap_err();
    assert_eq!(err, ActionError::NoSuchResource);
}

#[test]
fn the_starter_library_matches_the_shared_facts() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/starter-resources.json"
    );
    let facts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("../shared beside the repo"))
            .unwrap();
    let facts = facts["resources"].as_array().unwrap();
    assert_eq!(facts.len(), STARTER_LIBRARY.len());
    for (fact, entry) in facts.iter().zip(STARTER_LIBRARY) {
        assert_eq!(fact["name"].as_str().unwrap(), entry.name);
        assert_eq!(fact["url"].as_str(), entry.url, "{}", entry.name);
        if let Some(url) = entry.url {
            assert!(SafeUrl::parse(url).is_ok(), "{url}");
        }
        assert!(!entry.about.is_empty());
        assert_ne!(
            fact["facts"].as_str().unwrap(),
            entry.about,
            "descriptions are our own words"
        );
    }
}

#[test]
fn adding_starter_entries_skips_what_is_already_there_and_undoes_exactly() {
    let mut s = State::default();
    add(
        &mut s,
        1,
        input("My LM_NET", "http://lm-net.info/about.html"),
    )
    .unwrap();
    let before = s.clone();
    let lists: Vec<_> = STARTER_LIBRARY
        .iter()
        .filter(|e| e.kind == Kind::EmailList)
        .enumerate()
        .map(|(i, e)| {
            e.input()
                .check(id(100 + i as u8), day(2026, 11, 24))
                .unwrap()
        })
        .collect();
    let n = lists.len();
    let undo = s
        .apply(Action::Shelf(ShelfAction::AddMany(lists.clone())))
        .unwrap()
        .unwrap();
    assert_eq!(
        s.resources.len(),
        1 + n - 1,
        "LM_NET was already on the shelf"
    );
    assert!(s
        .resources
        .iter()
        .any(|r| r.title.starts_with("School Libraries email list") && r.url.is_none()));
    // Adding them again adds nothing.
    let again: Vec<_> = lists
        .iter()
        .enumerate()
        .map(|(i, e)| {
            ResourceInput::from_resource(e.resource())
                .check(Id::parse(&format!("x{i}")).unwrap(), day(2026, 11, 24))
                .unwrap()
        })
        .collect();
    assert_eq!(
        s.apply(Action::Shelf(ShelfAction::AddMany(again))).unwrap(),
        None
    );
    s.apply(undo).unwrap();
    assert_eq!(s, before);
}

fn shelf() -> State {
    let mut s = State::default();
    let items = [
        (
            "Résumé writing for librarians",
            "https://cv.example/",
            vec!["careers"],
            "",
            Kind::Toolkit,
        ),
        (
            "LM_NET",
            "http://www.lm-net.info/about.html",
            vec!["lists", "school"],
            "worldwide school library list",
            Kind::EmailList,
        ),
        (
            "Sensory storytime group",
            "",
            vec!["Rhode Island"],
            "meets monthly; résumé tips too",
            Kind::LocalNetwork,
        ),
        (
            "OzTLNet",
            "https://oztlnet.com/",
            vec!["lists", "AU"],
            "",
            Kind::EmailList,
        ),
    ];
    for (i, (title, url, tags, notes, kind)) in items.into_iter().enumerate() {
        add(
            &mut s,
            i as u8 + 1,
            ResourceInput {
                title: title.into(),
                url: url.into(),
                tags: tags.into_iter().map(String::from).collect(),
                notes: notes.into(),
                kind: Some(kind),
                next_date: (i == 3).then(|| day(2026, 11, 30)),
                ..ResourceInput::default()
            },
        )
        .unwrap();
    }
    s
}

fn titles(s: &State, q: &Query) -> Vec<String> {
    let index = Index::new(&s.resources);
    search(&s.resources, &index, q)
        .into_iter()
        .map(|i| s.resources[i].title.clone())
        .collect()
}

#[test]
fn search_ignores_case_and_accents_and_ranks_titles_first() {
    let s = shelf();
    let q = |text: &str| Query {
        text: text.into(),
        ..Query::default()
    };
    assert_eq!(
        titles(&s, &q("RESUME")),
        vec!["Résumé writing for librarians", "Sensory storytime group"],
        "title match before notes match"
    );
    assert_eq!(titles(&s, &q("lists")), vec!["LM_NET", "OzTLNet"]);
    assert_eq!(
        titles(&s, &q("lm-net.info")),
        vec!["LM_NET"],
        "the host is searched"
    );
    assert_eq!(
        titles(&s, &q("school list")),
        vec!["LM_NET"],
        "every word must match"
    );
    assert!(titles(&s, &q("nothing like this")).is_empty());
}

#[test]
fn filters_and_sorts() {
    let s = shelf();
    let lists = Query {
        kind: Some(Kind::EmailList),
        sort: Sort::Title,
        ..Query::default()
    };
    assert_eq!(titles(&s, &lists), vec!["LM_NET", "OzTLNet"]);
    let tagged = Query {
        tag: Some("rhode island".into()),
        ..Query::default()
    };
    assert_eq!(titles(&s, &tagged), vec!["Sensory storytime group"]);
    let recent = Query {
        sort: Sort::RecentlyAdded,
        ..Query::default()
    };
    assert_eq!(titles(&s, &recent)[0], "OzTLNet");
    let next = Query {
        sort: Sort::NextDate,
        ..Query::default()
    };
    assert_eq!(
        titles(&s, &next)[0],
        "OzTLNet",
        "the one with a date comes first"
    );
    assert_eq!(fold("Ærø Œuvre ß"), "aero oeuvre ss");
}

proptest! {
    #[test]
    fn accepted_urls_are_http_and_normalising_is_idempotent(input in "\\PC{0,60}") {
        if let Ok(u) = SafeUrl::parse(&input) {
            prop_assert!(u.as_str().starts_with("http://") || u.as_str().starts_with("https://"));
            prop_assert_eq!(SafeUrl::parse(u.as_str()).unwrap(), u);
        }
    }

    #[test]
    fn prefixed_schemes_never_pass(scheme in "[a-zA-Z][a-zA-Z0-9+.-]{0,10}", rest in "\\PC{0,30}") {
        let lower = scheme.to_ascii_lowercase();
        prop_assume!(lower != "http" && lower != "https");
        let input = format!("{}:{}", scheme, rest);
        prop_assert!(SafeUrl::parse(&input).is_err());
    }

    #[test]
    fn search_finds_only_real_matches(state in common::state(), text in "\\PC{0,8}") {
        let index = Index::new(&state.resources);
        let q = Query { text: text.clone(), ..Query::default() };
        let hits = search(&state.resources, &index, &q);
        prop_assert!(hits.len() <= state.resources.len());
        let mut seen = hits.clone();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), hits.len(), "no resource twice");
        if text.trim().is_empty() {
            prop_assert_eq!(hits.len(), state.resources.len());
        }
        prop_assert_eq!(fold(&fold(&text)), fold(&text));
    }

    #[test]
    fn search_ranks_as_the_field_by_field_rules_say(resources in small_shelf(), text in "[abeé ]{0,6}") {
        // The rules, one field at a time: title start 8, title 6, whole tag 5, part of a
        // tag 4, host 3, notes 1; every word must be found; best first, then by title.
        let terms: Vec<String> = fold(&text).split_whitespace().map(str::to_owned).collect();
        let score = |r: &Resource| -> Option<u32> {
            let title = fold(&r.title);
            let tags: Vec<String> = r.tags.iter().map(|t| fold(t)).collect();
            let host = fold(r.url.as_deref().map(branch_out::model::link::host_of).unwrap_or_default());
            let notes = fold(&r.notes);
            terms.iter().try_fold(0, |total, t| {
                let s = if title.starts_with(t.as_str()) { 8 }
                    else if title.contains(t.as_str()) { 6 }
                    else if tags.iter().any(|x| x == t) { 5 }
                    else if tags.iter().any(|x| x.contains(t.as_str())) { 4 }
                    else if host.contains(t.as_str()) { 3 }
                    else if notes.contains(t.as_str()) { 1 }
                    else { return None };
                Some(total + s)
            })
        };
        let mut expected: Vec<(u32, String, usize)> = resources
            .iter()
            .enumerate()
            .filter_map(|(i, r)| score(r).map(|s| (s, fold(&r.title), i)))
            .collect();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let expected: Vec<usize> = expected.into_iter().map(|(_, _, i)| i).collect();
        let index = Index::new(&resources);
        let q = Query { text, ..Query::default() };
        prop_assert_eq!(search(&resources, &index, &q), expected);
    }

    #[test]
    fn an_index_brought_up_to_date_is_the_index_built_afresh(
        before in small_shelf(),
        edits in prop::collection::vec((0usize..12, 0u8..9, "[abÉéßæİ\u{301} ]{0,6}"), 0..6),
        template in common::resource(),
    ) {
        // Any change to the shelf (a field edited, a star, a resource added, removed or moved):
        // updating the index of the shelf before gives the index of the shelf after, and says
        // it changed exactly when it did.
        let mut after = before.clone();
        for (n_edit, (at, what, text)) in edits.into_iter().enumerate() {
            let n = after.len();
            match (what, after.get_mut(at % n.max(1))) {
                (0, Some(r)) => r.title = text,
                (1, Some(r)) => r.notes = text,
                (2, Some(r)) => r.tags.push(text),
                (3, Some(r)) => r.url = Some(format!("https://{}.org/", text.trim())),
                (4, Some(r)) => r.favourite = !r.favourite,
                (5, _) if n > 0 => { after.remove(at % n); }
                (6, _) if n > 1 => after.swap(0, at % n),
                // Damaged or hand-made data can hold two resources with one id.
                (7, Some(r)) => { let twin = r.clone(); after.push(twin); }
                _ => after.push(Resource { id: id(200 + n_edit as u8), title: text, ..template.clone() }),
            }
        }
        let mut index = Index::new(&before);
        let changed = index.update(&after);
        let fresh = Index::new(&after);
        prop_assert_eq!(changed, fresh != Index::new(&before));
        prop_assert_eq!(&index, &fresh);
        prop_assert!(!index.update(&after), "a second update finds nothing to do");
    }

    #[test]
    fn typing_on_searches_only_the_last_results_and_finds_the_same(
        resources in small_shelf(),
        typed in "[abeé ]{0,4}",
        more in "[abé]{1,3}",
        sort in prop_oneof![Just(Sort::Relevance), Just(Sort::Title), Just(Sort::RecentlyAdded), Just(Sort::NextDate)],
        favourites in any::<bool>(),
        top in 0usize..6,
    ) {
        let index = Index::new(&resources);
        let before = Query { text: typed.clone(), favourites, sort, ..Query::default() };
        let after = Query { text: format!("{typed}{more}"), ..before.clone() };
        prop_assert!(after.narrows(&before));
        let earlier = search(&resources, &index, &before);
        prop_assert_eq!(
            search_top(&resources, &index, &after, Some(&earlier), usize::MAX),
            search(&resources, &index, &after)
        );
        // Ranking only the first few gives those same few first, and the same matches.
        let all = search(&resources, &index, &after);
        // Each sort keeps its order: titles A to Z, newest first, soonest date first (then
        // undated; equal dates by title).
        for pair in all.windows(2) {
            let (a, b) = (&resources[pair[0]], &resources[pair[1]]);
            let ordered = match sort {
                Sort::Relevance => true,
                Sort::Title => fold(&a.title) <= fold(&b.title),
                Sort::RecentlyAdded => a.added >= b.added,
                Sort::NextDate => match (a.next_date, b.next_date) {
                    (Some(x), Some(y)) => x < y || (x == y && fold(&a.title) <= fold(&b.title)),
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => fold(&a.title) <= fold(&b.title),
                },
            };
            prop_assert!(ordered, "{:?} out of order", sort);
        }
        let mut first = search_top(&resources, &index, &after, Some(&earlier), top);
        let shown = top.min(all.len());
        prop_assert_eq!(first.get(..shown), all.get(..shown));
        first.sort_unstable();
        let mut every = all.clone();
        every.sort_unstable();
        prop_assert_eq!(first, every);
        // Changing a filter or taking letters away is not narrowing.
        let refiltered = Query { favourites: !favourites, ..after.clone() };
        prop_assert!(!refiltered.narrows(&before));
        let shorter = Query { text: "a".into(), ..before.clone() };
        let longer = Query { text: "ab".into(), ..before.clone() };
        prop_assert!(!shorter.narrows(&longer) && longer.narrows(&shorter));
    }
}

/// A few resources whose text comes from a tiny alphabet, so searches find things.
fn small_shelf() -> impl Strategy<Value = Vec<Resource>> {
    prop::collection::vec(
        (
            common::resource(),
            "[abé ]{0,10}",
            prop::collection::vec("[abÉ]{1,3}", 0..3),
            "[ab é]{0,12}",
            prop::option::of("(https://)?(www\\.)?[ab]{1,3}\\.org/[ab]{0,3}"),
        ),
        0..12,
    )
    .prop_map(|shelf| {
        shelf
            .into_iter()
            .map(|(mut r, title, tags, notes, url)| {
                (r.title, r.tags, r.notes, r.url) = (title, tags, notes, url);
                r
            })
            .collect()
    })
}

/// A page shared from the device's share sheet becomes Add resource's fields (title, address,
/// notes), whichever of title, text and address the sharing app filled in.
#[test]
fn a_shared_page_fills_the_add_form() {
    let fields = |title, text, url| {
        let i = ResourceInput::shared(title, text, url);
        (i.title, i.url, i.notes)
    };
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    // Chrome on ChromeOS: all three.
    assert_eq!(
        fields("SLJ Summit", "", "https://www.slj.com/summit"),
        s("SLJ Summit", "https://www.slj.com/summit", "")
    );
    // Android apps often put the address at the end of the text, after a full stop.
    assert_eq!(
        fields(
            "",
            "Join us for the webinar: https://example.org/webinar.",
            ""
        ),
        s(
            "Join us for the webinar:",
            "https://example.org/webinar",
            ""
        )
    );
    // The page's title wins; what else the text said is kept in the notes.
    assert_eq!(
        fields(
            "  AASL   Standards ",
            "Worth a look https://standards.aasl.org",
            ""
        ),
        s(
            "AASL Standards",
            "https://standards.aasl.org/",
            "Worth a look"
        )
    );
    // Text equal to the title is not repeated in the notes.
    assert_eq!(
        fields("OzTLNet", "OzTLNet", "https://oztlnet.com"),
        s("OzTLNet", "https://oztlnet.com/", "")
    );
    // Only an address: the site's name stands in for the title.
    assert_eq!(
        fields("", "", "https://lmnet.example.edu/join"),
        s("lmnet.example.edu", "https://lmnet.example.edu/join", "")
    );
    // Only http(s) is ever an address: a script or file link is never offered as one (what
    // else the text said stays plain text in the notes, which are never a link or HTML).
    assert_eq!(
        fields(
            "Trap",
            "javascript:alert(1) file:///etc/passwd",
            "javascript:alert(1)"
        ),
        s("Trap", "", "javascript:alert(1)")
    );
    // An address without a scheme is words, not an address.
    assert_eq!(
        fields("", "see example.org", ""),
        s("see example.org", "", "")
    );
    // The url field is preferred over an address in the text.
    assert_eq!(
        fields("", "mirror at https://b.example/", "https://a.example/").1,
        "https://a.example/"
    );
}

proptest! {
    /// Whatever a sharing app sends, the fields fit the form's limits and the address, if
    /// any, is one the shelf would accept as it is.
    #[test]
    fn shared_fields_fit_and_the_address_is_safe(title in ".{0,400}", text in ".{0,400}", url in ".{0,80}") {
        let i = ResourceInput::shared(&title, &text, &url);
        prop_assert!(i.title.chars().count() <= 300);
        prop_assert!(!i.title.contains('\n'));
        if !i.url.is_empty() {
            let parsed = SafeUrl::parse(&i.url).unwrap();
            prop_assert_eq!(parsed.as_str(), i.url.as_str());
            prop_assert!(i.url.starts_with("http://") || i.url.starts_with("https://"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The shelf's search index checks after each change only what its reach says the change
    /// can have changed (as the Resources screen does, reading the changes since it last
    /// looked, sometimes after several): it is always the index built again.
    #[test]
    fn the_index_brought_up_to_date_within_each_changes_reach_is_the_index_built_again(
        (start, actions) in common::linked_state().prop_flat_map(|s| {
            (Just(s.clone()), prop::collection::vec((common::action_on(s), any::<bool>()), 1..8))
        })
    ) {
        use branch_out::model::reach::Changes;
        let mut state = start;
        let mut changes = Changes::default();
        let mut index = Index::new(&state.resources);
        let mut seen = changes.count();
        for (action, look_now) in actions {
            changes.note(action.reach().resources);
            let _ = state.apply(action);
            if look_now {
                index.update_within(&state.resources, &changes.since(seen));
                seen = changes.count();
                prop_assert_eq!(&index, &Index::new(&state.resources));
            }
        }
        index.update_within(&state.resources, &changes.since(seen));
        prop_assert_eq!(&index, &Index::new(&state.resources));
    }
}

#[test]
fn after_a_star_the_index_checks_only_the_starred_resource() {
    use branch_out::model::reach::Items;
    let shelf: Vec<Resource> = (1..=3)
        .map(|n| common::bare_resource(n, &format!("List {n}"), None, Kind::EmailList))
        .collect();
    let mut index = Index::new(&shelf);
    let mut renamed = shelf.clone();
    renamed[0].title = "Renamed".into();
    renamed[2].favourite = true;
    // Told that only the third can have changed, the index does not look at the first.
    assert!(!index.update_within(&renamed, &Items::Only(id(3))));
    assert_ne!(index, Index::new(&renamed));
    assert!(!index.update_within(&renamed, &Items::None));
    assert_ne!(index, Index::new(&renamed));
    // Told of the first, it builds its entry again.
    assert!(index.update_within(&renamed, &Items::Only(id(1))));
    assert_eq!(index, Index::new(&renamed));
    // A shelf whose places changed is checked whole, whatever it was told.
    let mut fewer = renamed.clone();
    fewer.remove(1);
    assert!(index.update_within(&fewer, &Items::None));
    assert_eq!(index, Index::new(&fewer));
}
