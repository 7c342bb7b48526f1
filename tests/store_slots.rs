//! The store's rules against a fault-injecting in-memory backend (RELIABILITY.md S-01…S-11 and
//! S-19, at the pure level; the same cases run against real localStorage in tests/browser.rs and
//! through the app in tests/e2e).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::named;

use branch_out::model::State;
use branch_out::store::blocks;
use branch_out::store::codec::{self, Decoded};
use branch_out::store::keys::{ACTIVE, BLOCK_PREFIX, QUARANTINE_PREFIX, SLOT_A, SLOT_B};
use branch_out::store::slots::{
    self, Backend, Loaded, MemoryBackend, SaveError, StorageError, Writer,
};
use proptest::prelude::*;

fn first_writer(b: &MemoryBackend) -> Writer {
    match slots::load(b) {
        Loaded::FirstRun(w) => w,
        other => panic!("expected a first run, got {other:?}"),
    }
}

fn ready(b: &MemoryBackend) -> (State, Writer, bool) {
    match slots::load(b) {
        Loaded::Ready {
            snapshot,
            writer,
            recovered,
        } => (snapshot.state, writer, recovered.is_some()),
        other => panic!("expected data, got {other:?}"),
    }
}

/// A backend holding `names` saved one after another.
fn saved(names: &[&str]) -> MemoryBackend {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    for (i, n) in names.iter().enumerate() {
        slots::save(&b, &mut w, &named(n), i as i64).unwrap();
    }
    b
}

/// Asserts the pointer names `slot` at `rev` in schema 4, with the check of the envelope
/// stored there.
fn assert_points_at(b: &MemoryBackend, slot: &str, rev: u64) {
    let stored = b.snapshot();
    let p: slots::Pointer = serde_json::from_str(&stored[ACTIVE]).unwrap();
    assert_eq!(
        (p.slot.key(), p.rev, p.schema),
        (slot, rev, 4),
        "{}",
        stored[ACTIVE]
    );
    assert_eq!(p.check, Some(codec::check(stored[slot].as_bytes())));
}

/// Both generations and the pointer unreadable.
fn unreadable() -> MemoryBackend {
    let b = MemoryBackend::default();
    b.map.borrow_mut().insert(SLOT_A.into(), "{\"oops".into());
    b.map
        .borrow_mut()
        .insert(SLOT_B.into(), "not json at all".into());
    b.map.borrow_mut().insert(ACTIVE.into(), "garbage".into());
    b
}

#[test]
fn s01_first_run_writes_nothing() {
    let b = MemoryBackend::default();
    first_writer(&b);
    first_writer(&b);
    assert!(b.snapshot().is_empty());
}

#[test]
fn saves_alternate_slots_and_keep_the_previous_generation() {
    let b = saved(&["one", "two", "three"]);
    let (state, w, recovered) = ready(&b);
    assert_eq!(state, named("three"));
    assert_eq!(w.rev(), 3);
    assert!(!recovered);
    let older = |key: &str| match codec::decode(&b.snapshot()[key]).unwrap() {
        Decoded::Current(s) => s.state.settings.name,
        Decoded::Newer { .. } => unreachable!(),
    };
    assert_eq!(older(SLOT_A), "three");
    assert_eq!(older(SLOT_B), "two");
}

#[test]
fn s02_truncated_newest_save_falls_back_and_is_set_aside() {
    let b = saved(&["old", "new"]);
    let truncated = r#"{"schema":4,"data":{"#.to_owned();
    b.map.borrow_mut().insert(SLOT_B.into(), truncated.clone());
    let (state, mut w, recovered) = ready(&b);
    assert_eq!(state, named("old"));
    assert!(recovered);
    let stored = b.snapshot();
    assert_eq!(stored[SLOT_B], truncated, "the damaged save is not deleted");
    let copies: Vec<_> = stored
        .iter()
        .filter(|(k, _)| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].1, &truncated);
    // Loading again does not pile up copies.
    ready(&b);
    assert_eq!(b.snapshot().len(), stored.len());
    // The next save goes over the damaged slot, never over the good one.
    slots::save(&b, &mut w, &named("newer"), 9).unwrap();
    assert_eq!(ready(&b).0, named("newer"));
    assert!(b.snapshot()[SLOT_A].contains("\"old\""));
}

#[test]
fn s03_both_slots_corrupt_is_recovery_and_no_state_key_is_written() {
    let b = unreadable();
    let before = b.snapshot();
    match slots::load(&b) {
        Loaded::Unreadable {
            raw, quarantined, ..
        } => {
            let raw: std::collections::BTreeMap<_, _> = raw.into_iter().collect();
            assert_eq!(raw[SLOT_A], "{\"oops");
            assert_eq!(raw[SLOT_B], "not json at all");
            assert_eq!(raw[ACTIVE], "garbage");
            assert_eq!(quarantined.len(), 2);
        }
        other => panic!("expected recovery, got {other:?}"),
    }
    for key in [SLOT_A, SLOT_B, ACTIVE] {
        assert_eq!(b.snapshot()[key], before[key]);
        assert!(!b.writes.borrow().contains_key(key), "{key} was written");
    }
}

#[test]
fn s04_wrong_shape_is_treated_as_damage() {
    let b = saved(&["good"]);
    let data = r#"{"goals":"oops"}"#;
    let env = format!(
        r#"{{"app":"branch-out","schema":1,"rev":2,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
        data.len(),
        codec::check(data.as_bytes())
    );
    b.map.borrow_mut().insert(SLOT_B.into(), env);
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":2,"schema":1}"#.into());
    let (state, _, recovered) = ready(&b);
    assert_eq!(state, named("good"));
    assert!(recovered);
}

#[test]
fn s05_newer_schema_opens_read_only_and_writes_nothing() {
    let b = MemoryBackend::default();
    let data = r#"{"goals":[],"future":{"x":1}}"#;
    let env = format!(
        r#"{{"app":"branch-out","schema":5,"rev":4,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
        data.len(),
        codec::check(data.as_bytes())
    );
    b.map.borrow_mut().insert(SLOT_A.into(), env.clone());
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"a","rev":4,"schema":5}"#.into());
    match slots::load(&b) {
        Loaded::Newer { schema, raw } => {
            assert_eq!(schema, 5);
            assert!(raw.contains(&(SLOT_A.to_owned(), env)));
        }
        other => panic!("expected read-only, got {other:?}"),
    }
    assert!(b.writes.borrow().is_empty());
}

#[test]
fn a_newer_schema_in_the_older_slot_does_not_stop_this_build() {
    // The other slot holds a newer version's save that is not the newest: it stopped before
    // moving the pointer, or saved again since in a schema this build reads. This build opens
    // the save the pointer names and may replace the older one, as every save does.
    let b = saved(&["committed"]);
    let data = r#"{"goals":[],"future":{"x":1}}"#;
    let orphan = format!(
        r#"{{"app":"branch-out","schema":5,"rev":9,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
        data.len(),
        codec::check(data.as_bytes())
    );
    let pointer = b.snapshot()[ACTIVE].clone();
    let other = if pointer.contains(r#""slot":"a""#) {
        SLOT_B
    } else {
        SLOT_A
    };
    b.map.borrow_mut().insert(other.into(), orphan);
    let (state, mut w, recovered) = ready(&b);
    assert_eq!(state, named("committed"));
    assert!(!recovered);
    slots::save(&b, &mut w, &named("next"), 2).unwrap();
    assert_eq!(ready(&b).0, named("next"));
}

#[test]
fn s07_quota_keeps_the_last_good_save() {
    let mut b = saved(&["kept"]);
    let (_, mut w, _) = ready(&b);
    let used: usize = b.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    b.quota = Some(used + 10);
    let before = b.snapshot();
    assert_eq!(
        slots::save(&b, &mut w, &named(&"big".repeat(100)), 5),
        Err(SaveError::Quota)
    );
    assert_eq!(b.snapshot(), before);
    assert_eq!(ready(&b).0, named("kept"));
    // Once space is freed the same writer saves normally.
    b.quota = None;
    slots::save(&b, &mut w, &named("later"), 6).unwrap();
    assert_eq!(ready(&b).0, named("later"));
}

#[test]
fn s10_a_write_that_reads_back_different_never_becomes_active() {
    let mut b = saved(&["kept"]);
    let (_, mut w, _) = ready(&b);
    let pointer = b.snapshot()[ACTIVE].clone();
    b.truncate_writes_to = Some(20);
    assert_eq!(
        slots::save(&b, &mut w, &named("lost"), 5),
        Err(SaveError::Verify)
    );
    b.truncate_writes_to = None;
    assert_eq!(b.snapshot()[ACTIVE], pointer);
    let (state, _, recovered) = ready(&b);
    assert_eq!(state, named("kept"));
    assert!(!recovered);
}

#[test]
fn a_stale_writer_never_overwrites_newer_data() {
    let b = saved(&["start"]);
    let (_, mut tab1, _) = ready(&b);
    let (_, mut tab2, _) = ready(&b);
    slots::save(&b, &mut tab1, &named("from tab 1"), 1).unwrap();
    assert_eq!(
        slots::save(&b, &mut tab2, &named("from tab 2"), 2),
        Err(SaveError::Stale)
    );
    assert_eq!(ready(&b).0, named("from tab 1"));
}

#[test]
fn a_newer_version_saving_in_another_tab_stops_this_one() {
    let b = saved(&["start"]);
    let (_, mut w, _) = ready(&b);
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":2,"schema":5}"#.into());
    assert_eq!(
        slots::save(&b, &mut w, &named("old code"), 1),
        Err(SaveError::Newer)
    );
}

#[test]
fn s09_unreadable_storage_is_reported_not_written() {
    let b = MemoryBackend {
        fail_reads: true,
        ..Default::default()
    };
    assert!(matches!(
        slots::load(&b),
        Loaded::Unavailable(StorageError::Other(_))
    ));
    assert!(b.snapshot().is_empty());
}

#[test]
fn storage_cleared_under_an_open_tab_is_written_back() {
    let b = saved(&["only copy"]);
    let (state, mut w, _) = ready(&b);
    b.map.borrow_mut().clear();
    slots::save(&b, &mut w, &state, 1).unwrap();
    assert_eq!(ready(&b).0, named("only copy"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn codec_round_trips_any_state(state in common::state(), rev in 0u64..1_000_000, at in any::<i64>()) {
        let text = codec::encode(&state, rev, at).unwrap();
        match codec::decode(&text).unwrap() {
            Decoded::Current(s) => {
                prop_assert_eq!(s.state, state);
                prop_assert_eq!(s.rev, rev);
                prop_assert_eq!(s.saved_at, at);
            }
            Decoded::Newer { .. } => prop_assert!(false, "decoded as newer"),
        }
    }

    #[test]
    fn a_truncated_envelope_is_never_a_valid_state(state in common::state(), cut in 0.0f64..1.0) {
        let text = codec::encode(&state, 1, 0).unwrap();
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) { at -= 1; }
        prop_assert!(codec::decode(&text[..at]).is_err());
    }

    #[test]
    fn a_packed_save_round_trips_any_state(state in common::state(), rev in 0u64..1_000_000) {
        let (text, schema) = codec::encode_with(&state, rev, 7, 0).unwrap();
        // A state with people is schema 3 whether packed or not.
        prop_assert_eq!(schema, if state.people.is_empty() { 2 } else { 3 });
        match codec::decode(&text).unwrap() {
            Decoded::Current(s) => prop_assert_eq!(s.state, state),
            Decoded::Newer { .. } => prop_assert!(false, "decoded as newer"),
        }
    }

    #[test]
    fn a_truncated_packed_save_is_never_a_valid_state(state in common::state(), cut in 0.0f64..1.0) {
        let (text, _) = codec::encode_with(&state, 1, 0, 0).unwrap();
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) { at -= 1; }
        prop_assert!(codec::decode(&text[..at]).is_err());
    }

    #[test]
    fn the_last_successful_save_always_loads(
        states in prop::collection::vec(common::state(), 1..6),
        quotas in prop::collection::vec(prop::option::of(0usize..20_000), 6),
    ) {
        let mut b = MemoryBackend::default();
        let mut w = first_writer(&b);
        let mut last_ok: Option<State> = None;
        for (i, s) in states.iter().enumerate() {
            b.quota = quotas[i];
            match slots::save(&b, &mut w, s, i as i64) {
                Ok(()) => last_ok = Some(s.clone()),
                Err(e) => prop_assert_eq!(e, SaveError::Quota),
            }
        }
        b.quota = None;
        match (slots::load(&b), last_ok) {
            (Loaded::FirstRun(_), None) => {}
            (Loaded::Ready { snapshot, recovered: None, .. }, Some(s)) => prop_assert_eq!(snapshot.state, s),
            (other, expected) => prop_assert!(false, "loaded {:?}, expected {:?}", other, expected),
        }
    }
}

#[test]
fn restoring_a_backup_in_recovery_writes_only_after_the_choice() {
    let b = unreadable();
    assert!(matches!(slots::load(&b), Loaded::Unreadable { .. }));
    let mut w = slots::take_over(&b).unwrap();
    slots::save(&b, &mut w, &named("Restored"), 7).unwrap();
    let (state, _, _) = ready(&b);
    assert_eq!(state.settings.name, "Restored");
    // The unreadable strings are still set aside.
    let kept = b.snapshot();
    assert!(kept
        .iter()
        .any(|(k, v)| k.starts_with(QUARANTINE_PREFIX) && v == "{\"oops"));
}

/// A shelf like the benchmark's: `n` described resources and a log.
fn big_shelf(n: usize) -> State {
    use branch_out::model::shelf::ResourceInput;
    use branch_out::model::{Action, Id, ShelfAction};
    const WORDS: [&str; 24] = [
        "school",
        "library",
        "network",
        "reading",
        "literacy",
        "teen",
        "storytime",
        "makerspace",
        "advocacy",
        "collection",
        "digital",
        "research",
        "picture",
        "graphic",
        "coding",
        "wellbeing",
        "inquiry",
        "displays",
        "authors",
        "partners",
        "lessons",
        "grants",
        "media",
        "families",
    ];
    // A small deterministic generator, so notes vary like real ones rather than repeating.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut word = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    let mut s = State::default();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let items: Vec<_> = (0..n)
        .map(|i| {
            let notes: Vec<&str> = (0..16).map(|_| word()).collect();
            ResourceInput {
                title: format!("{} {} group {i}", word(), word()),
                url: format!("https://example{}.org/{}/{i}", i % 97, word()),
                tags: vec![word().into(), word().into(), format!("region-{}", i % 12)],
                notes: notes.join(" "),
                ..Default::default()
            }
            .check(Id::parse(&format!("r{i}")).unwrap(), day)
            .unwrap()
        })
        .collect();
    s.apply(Action::Shelf(ShelfAction::AddMany(items))).unwrap();
    s
}

/// The forms earlier versions wrote: plain (schema 1), packed (schema 2), with people (schema
/// 3, plain and packed).
fn earlier_forms(state: &State, rev: u64, at: i64) -> Vec<(String, u32)> {
    vec![
        codec::encode_with(state, rev, at, usize::MAX).unwrap(),
        codec::encode_with(state, rev, at, 0).unwrap(),
    ]
}

/// Puts `text` in slot A with a pointer naming it, as an earlier version left storage.
fn stored_by_earlier_version(text: &str, rev: u64, schema: u32) -> MemoryBackend {
    let b = MemoryBackend::default();
    b.map.borrow_mut().insert(SLOT_A.into(), text.to_owned());
    b.map.borrow_mut().insert(
        ACTIVE.into(),
        format!(r#"{{"slot":"a","rev":{rev},"schema":{schema}}}"#),
    );
    b
}

#[test]
fn s06_every_earlier_schema_opens_and_the_next_save_writes_blocks_beside_it() {
    let mut state = big_shelf(300);
    let mut with_people = state.clone();
    with_people.people.push(common::person_named(1, "Sam Lee"));
    state.settings.name = "Robin".into();
    for original in [state, with_people] {
        for (text, schema) in earlier_forms(&original, 7, 70) {
            let b = stored_by_earlier_version(&text, 7, schema);
            let (opened, mut w, recovered) = ready(&b);
            assert_eq!(opened, original, "schema {schema}");
            assert!(!recovered);
            let mut changed = opened.clone();
            changed.settings.name = "Robin B".into();
            slots::save(&b, &mut w, &changed, 80).unwrap();
            let stored = b.snapshot();
            // The earlier save stays in its slot as the older generation until the next save.
            assert_eq!(stored[SLOT_A], text, "schema {schema}");
            assert_points_at(&b, SLOT_B, 8);
            assert!(stored[SLOT_B].contains(r#""schema":4"#));
            assert!(stored.keys().any(|k| k.starts_with(BLOCK_PREFIX)));
            assert_eq!(ready(&b).0, changed);
            // The next save replaces it; the blocks are shared, so none is written again.
            let (_, mut w, _) = ready(&b);
            let blocks_written = |b: &MemoryBackend| {
                b.writes
                    .borrow()
                    .iter()
                    .filter(|(k, _)| k.starts_with(BLOCK_PREFIX))
                    .map(|(_, n)| n)
                    .sum::<usize>()
            };
            let before = blocks_written(&b);
            changed.settings.name = "Robin C".into();
            slots::save(&b, &mut w, &changed, 90).unwrap();
            assert_eq!(blocks_written(&b), before, "schema {schema}");
            assert!(b.snapshot()[SLOT_A].contains(r#""schema":4"#));
            assert_eq!(ready(&b).0, changed);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// S-06: a state saved in any schema (plain, packed, or in blocks) opens equal.
    #[test]
    fn any_state_saved_in_any_schema_opens_equal(state in common::state(), form in 0u8..3, rev in 1u64..1000) {
        let b = match form {
            0 | 1 => {
                let (text, schema) = earlier_forms(&state, rev, 5).swap_remove(usize::from(form));
                stored_by_earlier_version(&text, rev, schema)
            }
            _ => {
                let b = MemoryBackend::default();
                let mut w = first_writer(&b);
                slots::save(&b, &mut w, &state, 5).unwrap();
                b
            }
        };
        let (opened, w, recovered) = ready(&b);
        prop_assert_eq!(opened, state);
        prop_assert!(!recovered);
        prop_assert!(w.rev() >= 1);
    }

    /// A torn, cut or altered block is never a valid state: the generation that names it does
    /// not open, and the one before it does.
    #[test]
    fn a_damaged_block_is_never_a_valid_state(
        state in common::state(),
        extra in common::resource(),
        cut in 0.0f64..1.0,
        alter in any::<bool>(),
    ) {
        let mut older = state.clone();
        older.resources.retain(|r| r.id != extra.id);
        let b = MemoryBackend::default();
        let mut w = first_writer(&b);
        slots::save(&b, &mut w, &older, 1).unwrap();
        let before: Vec<String> = b.snapshot().into_keys().filter(|k| k.starts_with(BLOCK_PREFIX)).collect();
        let mut newer = older.clone();
        newer.resources.push(extra);
        slots::save(&b, &mut w, &newer, 2).unwrap();
        // A block only the newer generation names.
        let key = b.snapshot().into_keys().find(|k| k.starts_with(BLOCK_PREFIX) && !before.contains(k)).unwrap();
        let text = b.snapshot()[&key].clone();
        let damaged = if alter {
            let mut chars: Vec<char> = text.chars().collect();
            let at = ((chars.len() - 1) as f64 * cut) as usize;
            chars[at] = if chars[at] == 'a' { 'b' } else { 'a' };
            chars.into_iter().collect()
        } else {
            let mut n = (text.len() as f64 * cut) as usize;
            while !text.is_char_boundary(n) { n -= 1; }
            text[..n].to_owned()
        };
        b.map.borrow_mut().insert(key, damaged);
        match slots::load(&b) {
            Loaded::Ready { snapshot, recovered, .. } => {
                prop_assert_eq!(snapshot.state, older);
                prop_assert!(recovered.is_some());
            }
            other => prop_assert!(false, "expected the older generation, got {:?}", other),
        }
    }
}

/// How many times each key was written since `before`.
fn written_since(
    b: &MemoryBackend,
    before: &std::collections::BTreeMap<String, usize>,
) -> Vec<String> {
    b.writes
        .borrow()
        .iter()
        .filter(|(k, n)| before.get(*k) != Some(n))
        .map(|(k, _)| k.clone())
        .collect()
}

#[test]
fn a_change_to_one_resource_writes_one_block_and_the_generations_share_the_rest() {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = big_shelf(5_000);
    slots::save(&b, &mut w, &state, 1).unwrap();
    let first = b.snapshot();
    let blocks = first.keys().filter(|k| k.starts_with(BLOCK_PREFIX)).count();
    assert!(
        (5_000 / 128..=5_000 / 8).contains(&blocks),
        "{blocks} blocks"
    );

    // A star: one block, the manifest and the pointer are written; the replaced block stays
    // for the older generation.
    let before = b.writes.borrow().clone();
    state.resources[2_500].favourite = !state.resources[2_500].favourite;
    slots::save(&b, &mut w, &state, 2).unwrap();
    let written = written_since(&b, &before);
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(written.contains(&ACTIVE.to_owned()) && written.contains(&SLOT_B.to_owned()));
    assert_eq!(
        b.snapshot()
            .keys()
            .filter(|k| k.starts_with(BLOCK_PREFIX))
            .count(),
        blocks + 1
    );
    assert_eq!(ready(&b).0, state);

    // The next change makes the first generation's own block unnamed: it is removed.
    let before = b.writes.borrow().clone();
    state.resources[10].favourite = !state.resources[10].favourite;
    slots::save(&b, &mut w, &state, 3).unwrap();
    assert_eq!(written_since(&b, &before).len(), 3);
    let stored = b.snapshot();
    assert_eq!(
        stored
            .keys()
            .filter(|k| k.starts_with(BLOCK_PREFIX))
            .count(),
        blocks + 1
    );
    assert_eq!(ready(&b).0, state);

    // Both generations together fit in far less than a third of localStorage's 5 M, and a
    // generation's manifest is small.
    let chars: usize = stored
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    assert!(chars < 5_000_000 * 35 / 100, "{chars} characters");
    let plain = serde_json::to_string(&state).unwrap().len();
    assert!(chars * 3 < plain, "{chars} of {plain}");
    assert!(stored[SLOT_A].len() < 20_000, "{}", stored[SLOT_A].len());

    // Adding a resource at the start changes the first block only, not every one after it.
    let before = b.writes.borrow().clone();
    let mut added = state.resources[0].clone();
    added.id = branch_out::model::Id::parse("added-first").unwrap();
    state.resources.insert(0, added);
    slots::save(&b, &mut w, &state, 4).unwrap();
    assert_eq!(written_since(&b, &before).len(), 3);
    assert_eq!(ready(&b).0, state);
}

#[test]
fn a_change_undone_brings_back_a_block_the_older_generation_no_longer_names_and_keeps_it() {
    // Star, then unstar: the third generation's block is the first's, which the save finds
    // already stored; it must not be removed with the first generation's other blocks.
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = big_shelf(300);
    for (at, favourite) in [(1, false), (2, true), (3, false), (4, true), (5, false)] {
        state.resources[150].favourite = favourite;
        slots::save(&b, &mut w, &state, at).unwrap();
        assert_eq!(ready(&b).0, state, "save {at}");
    }
}

#[test]
fn blocks_gone_from_storage_under_an_open_tab_are_written_again() {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = big_shelf(300);
    slots::save(&b, &mut w, &state, 1).unwrap();
    // One block removed by hand, then everything cleared: each time the next save writes what
    // it needs rather than naming blocks that are not there.
    let block = b
        .snapshot()
        .into_keys()
        .find(|k| k.starts_with(BLOCK_PREFIX))
        .unwrap();
    b.map.borrow_mut().remove(&block);
    state.settings.name = "after a block went".into();
    slots::save(&b, &mut w, &state, 2).unwrap();
    assert_eq!(ready(&b).0, state);
    b.map.borrow_mut().clear();
    state.settings.name = "after storage was cleared".into();
    slots::save(&b, &mut w, &state, 3).unwrap();
    assert_eq!(ready(&b).0, state);
}

#[test]
fn block_keys_are_matched_by_their_exact_name_and_kept_while_a_generation_names_them() {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = big_shelf(300);
    slots::save(&b, &mut w, &state, 1).unwrap();
    let block = |b: &MemoryBackend| {
        b.snapshot()
            .into_keys()
            .find(|k| k.starts_with(BLOCK_PREFIX))
            .unwrap()
    };
    // A block moved by hand to a key that spells its name in capitals (the same number in
    // hex): it is not that block, so the next save writes the block again rather than naming
    // one that is not there, and removes the stray key, which no generation names.
    let gone = block(&b);
    let name = gone.strip_prefix(BLOCK_PREFIX).unwrap().to_owned();
    let capitals = format!("{BLOCK_PREFIX}{}", name.to_uppercase());
    assert_ne!(capitals, gone, "the name has a letter in it");
    let text = b.map.borrow_mut().remove(&gone).unwrap();
    b.map.borrow_mut().insert(capitals.clone(), text);
    state.settings.name = "after a block was moved".into();
    slots::save(&b, &mut w, &state, 2).unwrap();
    assert_eq!(ready(&b).0, state);
    assert!(b.snapshot().contains_key(&gone));
    assert!(!b.snapshot().contains_key(&capitals));

    // A key under a name this version never writes is kept while a generation (here the one
    // just replaced, read leniently) names it, and removed once none does.
    let stray = format!("{BLOCK_PREFIX}stray");
    b.map
        .borrow_mut()
        .insert(stray.clone(), "kept aside".into());
    let active: slots::Pointer = serde_json::from_str(&b.snapshot()[ACTIVE]).unwrap();
    let key = active.slot.key();
    let mut envelope: serde_json::Value = serde_json::from_str(&b.snapshot()[key]).unwrap();
    envelope["data"]["blocks"]["resources"]
        .as_array_mut()
        .unwrap()
        .push("stray".into());
    b.map
        .borrow_mut()
        .insert(key.to_owned(), envelope.to_string());
    state.settings.name = "while the older generation names a stray block".into();
    slots::save(&b, &mut w, &state, 3).unwrap();
    assert!(b.snapshot().contains_key(&stray));
    state.settings.name = "once no generation names it".into();
    slots::save(&b, &mut w, &state, 4).unwrap();
    assert!(!b.snapshot().contains_key(&stray));
    assert_eq!(ready(&b).0, state);
}

/// S-20 (and U-03): a version before people, or before blocks, opens this build's saves
/// read-only.
#[test]
fn s20_every_save_is_schema_4_so_earlier_versions_open_it_read_only() {
    // Versions before blocks read schemas up to 3 and open anything newer read-only, which is
    // what keeps them from writing over data they cannot read (U-03).
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = named("no people yet");
    for at in 1..4 {
        slots::save(&b, &mut w, &state, at).unwrap();
        let stored = b.snapshot();
        let slot = serde_json::from_str::<slots::Pointer>(&stored[ACTIVE])
            .unwrap()
            .slot;
        assert_points_at(&b, slot.key(), at as u64);
        assert!(!stored.values().any(|v| v.contains(r#""packed""#)));
        assert_eq!(ready(&b).0, state);
        state.people.push(common::person_named(at as u8, "Sam Lee"));
    }
}

/// The slot the pointer names, and the other one.
fn newest_and_older(b: &MemoryBackend) -> (&'static str, &'static str) {
    if b.snapshot()[ACTIVE].contains(r#""slot":"a""#) {
        (SLOT_A, SLOT_B)
    } else {
        (SLOT_B, SLOT_A)
    }
}

/// Every way the pointer is damaged while both generations stay readable: deleted, cut short
/// at every length, naming no slot, or not a pointer at all.
fn pointer_damage(pointer: &str) -> Vec<Option<String>> {
    let mut out = vec![
        None,
        Some(r#"{"slot":"c","rev":9,"schema":1}"#.to_owned()),
        Some(r#"{"slot":null,"rev":2,"schema":1}"#.to_owned()),
        Some("null".to_owned()),
        Some("[]".to_owned()),
    ];
    out.extend((0..pointer.len()).map(|cut| Some(pointer[..cut].to_owned())));
    out
}

#[test]
fn s19_a_damaged_pointer_opens_the_newest_generation_whichever_slot_holds_it() {
    // Two saves leave the newest in B; three leave it in A.
    for (names, newest, older) in [
        (vec!["old", "new"], SLOT_B, SLOT_A),
        (vec!["older", "old", "new"], SLOT_A, SLOT_B),
    ] {
        let good = saved(&names);
        assert_eq!(newest_and_older(&good), (newest, older));
        let pointer = good.snapshot()[ACTIVE].clone();
        for damage in pointer_damage(&pointer) {
            let b = saved(&names);
            match &damage {
                Some(text) => b.map.borrow_mut().insert(ACTIVE.into(), text.clone()),
                None => b.map.borrow_mut().remove(ACTIVE),
            };
            let before = b.snapshot();
            let writes = b.writes.borrow().clone();
            let (state, mut w, recovered) = ready(&b);
            assert_eq!(state, named("new"), "{damage:?} in {names:?}");
            assert_eq!(w.rev(), names.len() as u64, "{damage:?}");
            assert!(
                !recovered,
                "nothing was lost, so nothing is reported: {damage:?}"
            );
            // Opening writes nothing, not even the pointer.
            assert_eq!(b.snapshot(), before, "{damage:?}");
            assert_eq!(*b.writes.borrow(), writes, "{damage:?}");
            assert!(!slots::changed_elsewhere(&b, &w).unwrap());

            // The next real save goes over the older generation and rewrites the pointer.
            slots::save(&b, &mut w, &named("next"), 50).unwrap();
            let after = b.snapshot();
            let rev = names.len() + 1;
            assert_eq!(after[newest], before[newest], "the newest is kept");
            assert_eq!(after[older], envelope("next", rev as u64, 50));
            assert_points_at(&b, older, rev as u64);
            let (state, w, recovered) = ready(&b);
            assert_eq!(
                (state, w.rev(), recovered),
                (named("next"), rev as u64, false)
            );
        }
    }
}

/// An envelope of `name` at `rev`, saved at `at`, as this build writes it.
fn envelope(name: &str, rev: u64, at: i64) -> String {
    written(&named(name), rev, at)
}

/// The envelope this build writes for `state` (with no list long enough to need blocks, the
/// whole generation).
fn written(state: &State, rev: u64, at: i64) -> String {
    let plan = blocks::plan(state, &blocks::Cache::default()).unwrap();
    codec::encode_manifest(&plan.manifest, rev, at).unwrap()
}

#[test]
fn s19_equal_revisions_without_a_pointer_open_the_later_save_then_slot_a() {
    for (a, b, opens) in [
        (envelope("a", 5, 10), envelope("b", 5, 20), "b"),
        (envelope("a", 5, 20), envelope("b", 5, 10), "a"),
        (envelope("a", 5, 10), envelope("b", 5, 10), "a"),
        // The revision decides before the time does.
        (envelope("a", 6, 10), envelope("b", 5, 20), "a"),
        (envelope("a", 5, 20), envelope("b", 6, 10), "b"),
    ] {
        let backend = MemoryBackend::default();
        backend.map.borrow_mut().insert(SLOT_A.into(), a.clone());
        backend.map.borrow_mut().insert(SLOT_B.into(), b.clone());
        let (state, mut w, recovered) = ready(&backend);
        assert_eq!(state, named(opens), "{a} / {b}");
        assert!(!recovered);
        // The next save keeps the one opened and replaces the other.
        slots::save(&backend, &mut w, &named("next"), 30).unwrap();
        let kept = if opens == "a" { SLOT_A } else { SLOT_B };
        assert_eq!(backend.snapshot()[kept], if opens == "a" { a } else { b });
        assert_eq!(ready(&backend).0, named("next"));
    }
}

#[test]
fn s19_a_damaged_pointer_and_a_damaged_newest_save_open_the_older_one() {
    for (names, newest_slot) in [
        (vec!["old", "new"], SLOT_B),
        (vec!["older", "old", "new"], SLOT_A),
    ] {
        let b = saved(&names);
        let damaged = b.snapshot()[newest_slot].replace("\"new\"", "\"NEW\"");
        b.map
            .borrow_mut()
            .insert(newest_slot.into(), damaged.clone());
        b.map.borrow_mut().remove(ACTIVE);
        let (state, w, recovered) = ready(&b);
        assert_eq!(state, named("old"));
        assert_eq!(w.rev(), names.len() as u64 - 1);
        assert!(recovered, "the damaged newest save is reported");
        assert!(b
            .snapshot()
            .iter()
            .any(|(k, v)| k.starts_with(QUARANTINE_PREFIX) && *v == damaged));
    }
}

#[test]
fn s19_a_pointer_naming_a_slot_that_is_gone_opens_the_other_and_says_so() {
    let b = saved(&["old", "new"]);
    b.map.borrow_mut().remove(SLOT_B);
    match slots::load(&b) {
        Loaded::Ready {
            snapshot,
            recovered: Some(r),
            ..
        } => {
            assert_eq!(snapshot.state, named("old"));
            assert_eq!(r.reason, "the newest save is missing");
            assert_eq!(r.quarantined, None);
        }
        other => panic!("expected the older save, got {other:?}"),
    }
}

/// A [`MemoryBackend`] whose pointer write can be made to fail: a save that stops between its
/// verified slot and the pointer.
#[derive(Default)]
struct Flaky {
    mem: MemoryBackend,
    fail_pointer: bool,
}

impl Backend for Flaky {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.mem.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if key == ACTIVE && self.fail_pointer {
            return Err(StorageError::Quota);
        }
        self.mem.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.mem.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.mem.keys()
    }
}

/// One step of a librarian's history on a device that misbehaves.
#[derive(Clone, Debug)]
enum Step {
    /// A save that completes.
    Save,
    /// A save refused by a full quota before anything is written.
    SaveFull,
    /// A save whose slot write keeps only `n` bytes, so it reads back different.
    SaveTorn(usize),
    /// A save whose slot is written and verified but whose pointer write fails.
    SaveNoPointer,
    /// The pointer deleted (0), cut to `n` bytes (1), or naming no slot (2).
    BreakPointer(u8, usize),
    /// A slot (true = A) deleted (0), cut to `n` bytes (1), or with its data altered (2).
    BreakSlot(bool, u8, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(Step::Save),
        1 => Just(Step::SaveFull),
        1 => (0usize..200).prop_map(Step::SaveTorn),
        1 => Just(Step::SaveNoPointer),
        1 => (0u8..3, 0usize..40).prop_map(|(k, n)| Step::BreakPointer(k, n)),
        1 => (any::<bool>(), 0u8..3, 0usize..200).prop_map(|(s, k, n)| Step::BreakSlot(s, k, n)),
    ]
}

/// What a slot holds, as far as the history says.
#[derive(Clone, Debug, PartialEq)]
enum Held {
    Empty,
    Whole { rev: u64, at: i64, name: String },
    Broken,
}

fn slot_key(j: usize) -> &'static str {
    if j == 0 {
        SLOT_A
    } else {
        SLOT_B
    }
}

/// The rules, as a model: the whole save the pointer names; without one, the newest whole save
/// by (revision, time), slot A on a full tie. Returns the slot index with what it holds.
fn expected_open(held: &[Held; 2], pointer: Option<usize>) -> Option<(usize, u64, String)> {
    let whole = |j: usize| match &held[j] {
        Held::Whole { rev, at, name } => Some((j, *rev, *at, name.clone())),
        _ => None,
    };
    let chosen = match pointer.and_then(whole) {
        Some(w) => Some(w),
        None => match (whole(0), whole(1)) {
            (Some(a), Some(b)) => Some(if (b.1, b.2) > (a.1, a.2) { b } else { a }),
            (a, b) => a.or(b),
        },
    };
    chosen.map(|(j, rev, _, name)| (j, rev, name))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// S-19: through any mix of saves, failed saves, pointer damage and slot damage, opening
    /// gives the save the rules name, whole; never one older than the last completed save
    /// while it is whole, nor older than the one before it once it is not; and opening writes
    /// no state key.
    #[test]
    fn s19_the_newest_whole_save_opens_through_any_damage(steps in prop::collection::vec(step(), 1..14)) {
        let mut b = Flaky::default();
        let mut held = [Held::Empty, Held::Empty];
        // The slot the pointer names (0 = A), or None once it is deleted or damaged.
        let mut pointer: Option<usize> = None;
        // The revision and name of each completed save, oldest first.
        let mut completed: Vec<(u64, String)> = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            // Each step starts from a fresh load, as when a librarian opens Branch Out again.
            let writes_before = b.mem.writes.borrow().clone();
            let expected = expected_open(&held, pointer);
            let (opened, mut w) = match slots::load(&b) {
                Loaded::FirstRun(w) => (None, w),
                Loaded::Ready { snapshot, writer, .. } => (Some(snapshot), writer),
                Loaded::Unreadable { .. } => {
                    prop_assert_eq!(&expected, &None);
                    prop_assert!(held.contains(&Held::Broken), "{:?}", held);
                    return Ok(());
                }
                other => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
            };
            let writes_after = b.mem.writes.borrow().clone();
            for key in [SLOT_A, SLOT_B, ACTIVE] {
                prop_assert_eq!(writes_after.get(key), writes_before.get(key), "opening wrote {}", key);
            }
            let target = match (&opened, &expected) {
                (None, None) => {
                    prop_assert!(held.iter().all(|h| *h == Held::Empty), "{:?}", held);
                    0
                }
                (Some(snap), Some((j, rev, name))) => {
                    prop_assert_eq!(&snap.state, &named(name));
                    prop_assert_eq!(snap.rev, *rev);
                    prop_assert_eq!(w.rev(), *rev);
                    // The last completed save was built on the one before it (one revision
                    // less), which the other slot keeps.
                    if let Some((last, last_name)) = completed.last() {
                        let last_whole = held.iter().any(|h| matches!(h, Held::Whole { rev, name, .. } if rev == last && name == last_name));
                        let parent_whole = held.iter().any(|h| matches!(h, Held::Whole { rev, .. } if *rev + 1 == *last));
                        // With both gone, damage took everything and the history starts again.
                        let floor = if last_whole { *last } else if parent_whole { last - 1 } else { 0 };
                        prop_assert!(snap.rev >= floor, "opened rev {} under {} of {:?}", snap.rev, floor, completed);
                    }
                    // The next save goes over the other slot.
                    1 - j
                }
                _ => return Err(TestCaseError::fail(format!("opened {opened:?}, expected {expected:?}"))),
            };

            let name = format!("save {i}");
            let at = i as i64;
            let rev = w.rev() + 1;
            match s {
                Step::Save => {
                    slots::save(&b, &mut w, &named(&name), at).unwrap();
                    held[target] = Held::Whole { rev, at, name: name.clone() };
                    pointer = Some(target);
                    completed.push((rev, name));
                }
                Step::SaveFull => {
                    let before = b.mem.snapshot();
                    b.mem.quota = Some(0);
                    prop_assert_eq!(slots::save(&b, &mut w, &named(&name), at), Err(SaveError::Quota));
                    b.mem.quota = None;
                    prop_assert_eq!(b.mem.snapshot(), before);
                }
                Step::SaveTorn(n) => {
                    let first = opened.is_none() && !b.mem.snapshot().contains_key(ACTIVE);
                    let full = envelope(&name, rev, at);
                    b.mem.truncate_writes_to = Some((*n).min(full.len() - 1));
                    let result = slots::save(&b, &mut w, &named(&name), at);
                    b.mem.truncate_writes_to = None;
                    prop_assert_eq!(result, Err(SaveError::Verify));
                    // A first save that cannot be completed is taken back.
                    held[target] = if first { Held::Empty } else { Held::Broken };
                }
                Step::SaveNoPointer => {
                    let first = opened.is_none() && !b.mem.snapshot().contains_key(ACTIVE);
                    b.fail_pointer = true;
                    let result = slots::save(&b, &mut w, &named(&name), at);
                    b.fail_pointer = false;
                    prop_assert_eq!(result, Err(SaveError::Quota));
                    // A first save that cannot be completed is taken back.
                    held[target] = if first { Held::Empty } else { Held::Whole { rev, at, name } };
                    prop_assert_eq!(b.mem.snapshot().contains_key(slot_key(target)), !first);
                }
                Step::BreakPointer(kind, n) => {
                    match (kind, b.mem.snapshot().get(ACTIVE).cloned()) {
                        (0, _) | (_, None) => {
                            b.mem.map.borrow_mut().remove(ACTIVE);
                        }
                        (1, Some(t)) => {
                            let cut = (*n).min(t.len().saturating_sub(1));
                            b.mem.map.borrow_mut().insert(ACTIVE.into(), t[..cut].to_owned());
                        }
                        _ => {
                            b.mem.map.borrow_mut().insert(ACTIVE.into(), r#"{"slot":"c","rev":1,"schema":1}"#.into());
                        }
                    }
                    pointer = None;
                }
                Step::BreakSlot(a, kind, n) => {
                    let j = usize::from(!*a);
                    let key = slot_key(j);
                    if let Some(text) = b.mem.snapshot().get(key).cloned() {
                        match kind {
                            0 => {
                                b.mem.map.borrow_mut().remove(key);
                                held[j] = Held::Empty;
                            }
                            1 => {
                                let cut = (*n).min(text.len().saturating_sub(1));
                                b.mem.map.borrow_mut().insert(key.into(), text[..cut].to_owned());
                                held[j] = Held::Broken;
                            }
                            _ => {
                                // Same length, one letter changed inside the data.
                                b.mem.map.borrow_mut().insert(key.into(), text.replace("\"save ", "\"Save "));
                                if text.contains("\"save ") {
                                    held[j] = Held::Broken;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn s02_a_copy_already_set_aside_is_named_again_and_a_different_one_is_never_overwritten() {
    let b = saved(&["old", "new"]);
    let truncated = r#"{"schema":1,"data":{"#.to_owned();
    b.map.borrow_mut().insert(SLOT_B.into(), truncated.clone());
    let first = match slots::load(&b) {
        Loaded::Ready {
            recovered: Some(r), ..
        } => r.quarantined.unwrap(),
        other => panic!("expected the older save, got {other:?}"),
    };
    assert_eq!(b.snapshot()[&first], truncated);
    // Opening again finds the copy in place and names it, without writing it again.
    let writes = b.writes.borrow()[&first];
    match slots::load(&b) {
        Loaded::Ready {
            recovered: Some(r), ..
        } => assert_eq!(r.quarantined.as_deref(), Some(first.as_str())),
        other => panic!("expected the older save, got {other:?}"),
    }
    assert_eq!(b.writes.borrow()[&first], writes);
    // A different text already under that key is kept, and this one is not claimed as set aside.
    b.map
        .borrow_mut()
        .insert(first.clone(), "something else".into());
    match slots::load(&b) {
        Loaded::Ready {
            recovered: Some(r), ..
        } => assert_eq!(r.quarantined, None),
        other => panic!("expected the older save, got {other:?}"),
    }
    assert_eq!(b.snapshot()[&first], "something else");
}

#[test]
fn s07_a_copy_that_does_not_fit_is_left_where_it_was() {
    let mut b = saved(&["old", "new"]);
    let truncated = r#"{"schema":1,"data":{"#.to_owned();
    b.map.borrow_mut().insert(SLOT_B.into(), truncated.clone());
    b.quota = Some(b.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum());
    match slots::load(&b) {
        Loaded::Ready {
            snapshot,
            recovered: Some(r),
            ..
        } => {
            assert_eq!(snapshot.state, named("old"));
            assert_eq!(r.quarantined, None);
        }
        other => panic!("expected the older save, got {other:?}"),
    }
    assert_eq!(b.snapshot()[SLOT_B], truncated);
}

#[test]
fn s11_a_save_elsewhere_or_cleared_storage_is_noticed_and_nothing_else_is() {
    let b = saved(&["start"]);
    let (_, mut tab1, _) = ready(&b);
    let (_, tab2, _) = ready(&b);
    assert!(!slots::changed_elsewhere(&b, &tab1).unwrap());
    assert!(!slots::changed_elsewhere(&b, &tab2).unwrap());
    slots::save(&b, &mut tab1, &named("from tab 1"), 1).unwrap();
    assert!(
        !slots::changed_elsewhere(&b, &tab1).unwrap(),
        "its own save"
    );
    assert!(slots::changed_elsewhere(&b, &tab2).unwrap());
    // The data cleared under both tabs.
    b.map.borrow_mut().clear();
    assert!(slots::changed_elsewhere(&b, &tab1).unwrap());
    // A first run sees nothing changed until someone saves.
    let empty = MemoryBackend::default();
    let mut w = first_writer(&empty);
    assert!(!slots::changed_elsewhere(&empty, &w).unwrap());
    let mut other = first_writer(&empty);
    slots::save(&empty, &mut other, &named("other tab"), 1).unwrap();
    assert!(slots::changed_elsewhere(&empty, &w).unwrap());
    assert_eq!(
        slots::save(&empty, &mut w, &named("late"), 2),
        Err(SaveError::Stale)
    );
    let failing = MemoryBackend {
        fail_reads: true,
        ..Default::default()
    };
    assert!(slots::changed_elsewhere(&failing, &tab1).is_err());
}

/// Two packed (schema 2) saves of `names`.
fn packed(names: &[&str]) -> MemoryBackend {
    let b = MemoryBackend::default();
    let mut rev = 0;
    let mut slot = SLOT_A;
    for n in names {
        rev += 1;
        let (text, schema) = codec::encode_with(&named(n), rev, rev as i64, 0).unwrap();
        assert_eq!(schema, 2);
        b.map.borrow_mut().insert(slot.into(), text);
        let name = if slot == SLOT_A { "a" } else { "b" };
        b.map.borrow_mut().insert(
            ACTIVE.into(),
            format!(r#"{{"slot":"{name}","rev":{rev},"schema":2}}"#),
        );
        slot = if slot == SLOT_A { SLOT_B } else { SLOT_A };
    }
    b
}

#[test]
fn s06_packed_saves_open_on_every_path() {
    // The usual path: the pointer names a whole packed save.
    let b = packed(&["old", "new"]);
    assert_eq!(ready(&b), (named("new"), ready(&b).1, false));
    // With a newer version's save in the older slot, the packed save the pointer names still
    // opens: the schema this build writes is not "newer".
    let data = r#"{"goals":[]}"#;
    b.map.borrow_mut().insert(
        SLOT_A.into(),
        format!(
            r#"{{"app":"branch-out","schema":5,"rev":9,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
            data.len(),
            codec::check(data.as_bytes())
        ),
    );
    assert_eq!(ready(&b).0, named("new"));
    // Without a pointer, both packed generations are compared and the newest opens.
    let b = packed(&["old", "new"]);
    b.map.borrow_mut().remove(ACTIVE);
    assert_eq!(ready(&b), (named("new"), ready(&b).1, false));
    // With the newest damaged, the pointer (schema 2) leads to the older packed save.
    let b = packed(&["old", "new"]);
    b.map
        .borrow_mut()
        .insert(SLOT_B.into(), r#"{"app":"branch-out""#.into());
    let (state, w, recovered) = ready(&b);
    assert_eq!((state, w.rev(), recovered), (named("old"), 1, true));
}

#[test]
fn s05_a_newer_schema_anywhere_in_the_full_comparison_is_read_only() {
    let data = r#"{"goals":[]}"#;
    let newer = format!(
        r#"{{"app":"branch-out","schema":5,"rev":9,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
        data.len(),
        codec::check(data.as_bytes())
    );
    // Without a pointer, a newer save in either slot wins.
    for slot in [SLOT_A, SLOT_B] {
        let b = saved(&["old", "new"]);
        b.map.borrow_mut().remove(ACTIVE);
        b.map.borrow_mut().insert(slot.into(), newer.clone());
        assert!(
            matches!(slots::load(&b), Loaded::Newer { schema: 5, .. }),
            "{slot}"
        );
    }
    // A newer version's pointer naming a slot this build cannot read is read-only too.
    let b = saved(&["old", "new"]);
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":3,"schema":5}"#.into());
    b.map.borrow_mut().insert(SLOT_B.into(), "{".into());
    assert!(matches!(slots::load(&b), Loaded::Newer { schema: 5, .. }));
    // And a newer save the pointer names, reached on the full path, is read-only.
    let b = saved(&["old"]);
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":9,"schema":5}"#.into());
    b.map.borrow_mut().insert(SLOT_B.into(), newer.clone());
    assert!(matches!(slots::load(&b), Loaded::Newer { schema: 5, .. }));
}

#[test]
fn taking_over_builds_on_the_pointer_and_keeps_the_save_it_names() {
    let b = saved(&["one", "two", "three"]);
    // The newest save (in A, named by the pointer) is unreadable; the librarian restores.
    let pointer = b.snapshot()[ACTIVE].clone();
    b.map.borrow_mut().insert(SLOT_A.into(), "{".into());
    b.map.borrow_mut().insert(SLOT_B.into(), "{".into());
    let mut w = slots::take_over(&b).unwrap();
    assert_eq!(w.rev(), 3);
    slots::save(&b, &mut w, &named("restored"), 9).unwrap();
    assert_eq!(
        b.snapshot()[SLOT_A],
        "{",
        "the slot the pointer named is kept"
    );
    assert_points_at(&b, SLOT_B, 4);
    assert_ne!(b.snapshot()[ACTIVE], pointer);
    let (state, w, _) = ready(&b);
    assert_eq!((state, w.rev()), (named("restored"), 4));
    // With no readable pointer, a restore starts the history again in slot A.
    let b = unreadable();
    let w = slots::take_over(&b).unwrap();
    assert_eq!(w.rev(), 0);
    let failing = MemoryBackend {
        fail_reads: true,
        ..Default::default()
    };
    assert!(slots::take_over(&failing).is_err());
}

#[test]
fn a_first_save_that_cannot_move_the_pointer_is_taken_back_and_later_ones_are_kept() {
    let mut b = Flaky::default();
    let mut w = first_writer(&b.mem);
    b.fail_pointer = true;
    assert_eq!(
        slots::save(&b, &mut w, &named("first"), 1),
        Err(SaveError::Quota)
    );
    assert!(
        b.mem.snapshot().is_empty(),
        "nothing turns up after a reload"
    );
    b.fail_pointer = false;
    slots::save(&b, &mut w, &named("first"), 1).unwrap();
    b.fail_pointer = true;
    assert_eq!(
        slots::save(&b, &mut w, &named("second"), 2),
        Err(SaveError::Quota)
    );
    // The verified second save stays in its slot; the pointer still names the first.
    assert_eq!(b.mem.snapshot()[SLOT_B], envelope("second", 2, 2));
    assert_eq!(ready(&b.mem).0, named("first"));
    // Storage cleared under the tab, then a save whose pointer fails: the slot written is the
    // only copy of the data on screen, and the writer had a slot, so it stays.
    b.mem.map.borrow_mut().clear();
    assert_eq!(
        slots::save(&b, &mut w, &named("only copy"), 3),
        Err(SaveError::Quota)
    );
    assert_eq!(b.mem.snapshot()[SLOT_B], envelope("only copy", 2, 3));
    // A damaged pointer with no slot yet is not storage cleared: the first save is kept.
    let mut b = Flaky::default();
    b.mem
        .map
        .borrow_mut()
        .insert(ACTIVE.into(), "garbage".into());
    let mut w = first_writer(&b.mem);
    b.fail_pointer = true;
    assert_eq!(
        slots::save(&b, &mut w, &named("first"), 1),
        Err(SaveError::Quota)
    );
    assert_eq!(b.mem.snapshot()[SLOT_A], envelope("first", 1, 1));
}

#[test]
fn storage_errors_become_save_errors_in_words() {
    assert_eq!(SaveError::from(StorageError::Quota), SaveError::Quota);
    assert_eq!(
        SaveError::from(StorageError::Other("SecurityError".into())),
        SaveError::Storage("SecurityError".into())
    );
    let b = MemoryBackend {
        fail_reads: true,
        ..Default::default()
    };
    let mut w = Writer::default();
    assert_eq!(
        slots::save(&b, &mut w, &named("x"), 1),
        Err(SaveError::Storage("SecurityError".into()))
    );
}

#[test]
fn the_memory_backend_counts_its_quota_like_local_storage() {
    // Keys and values count; a value replaced counts once, at its new length.
    let quota = "k1".len() + "12345".len() + "k2".len() + "abc".len();
    let b = MemoryBackend {
        quota: Some(quota),
        ..Default::default()
    };
    b.set("k1", "12345").unwrap();
    b.set("k2", "abc").unwrap();
    assert_eq!(b.set("k2", "abcd"), Err(StorageError::Quota), "one over");
    b.set("k1", "1234").unwrap();
    b.set("k2", "abcd").unwrap();
    b.set("k2", "abcd").unwrap();
    assert_eq!(b.set("k3", ""), Err(StorageError::Quota));
    b.remove("k1").unwrap();
    b.set("k3", "").unwrap();
    assert_eq!(b.get("k1"), Ok(None));
    assert_eq!(b.writes.borrow()["k2"], 3);
    assert_eq!(b.writes.borrow()["k1"], 2);
    // A torn write keeps the leading bytes, never splitting a character.
    let torn = MemoryBackend {
        truncate_writes_to: Some(3),
        ..Default::default()
    };
    torn.set("t", "abcdef").unwrap();
    torn.set("é", "éé").unwrap();
    torn.set("s", "ab").unwrap();
    assert_eq!(torn.get("t"), Ok(Some("abc".into())));
    assert_eq!(
        torn.get("é"),
        Ok(Some("éé".into())),
        "3 bytes is inside a character"
    );
    assert_eq!(torn.get("s"), Ok(Some("ab".into())));
}

#[test]
fn slots_have_their_own_keys() {
    assert_eq!(slots::Slot::A.key(), SLOT_A);
    assert_eq!(slots::Slot::B.key(), SLOT_B);
}

#[test]
fn s19_with_no_pointer_a_lone_save_in_either_slot_opens_quietly() {
    for (gone, kept) in [(SLOT_A, "new"), (SLOT_B, "newer")] {
        // B holds "new" (rev 2); A holds "newer" (rev 3).
        let b = saved(&["old", "new", "newer"]);
        b.map.borrow_mut().remove(ACTIVE);
        b.map.borrow_mut().remove(gone);
        let (state, w, recovered) = ready(&b);
        assert_eq!(state, named(kept), "{gone} gone");
        assert!(!recovered, "nothing says a save was lost");
        assert_eq!(b.snapshot().len(), 1, "nothing is written");
        assert_eq!(w.rev(), if kept == "new" { 2 } else { 3 });
    }
}

#[test]
fn a_packed_save_in_another_tab_is_stale_not_newer() {
    let b = saved(&["start"]);
    let (_, mut w, _) = ready(&b);
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":2,"schema":2}"#.into());
    assert_eq!(
        slots::save(&b, &mut w, &named("this tab"), 1),
        Err(SaveError::Stale)
    );
}

/// What two tabs that save in the same instant leave in storage: each saved against its own
/// copy of what was stored (neither had seen the other's save yet), and the browser applied
/// `first`'s writes, then `second`'s.
fn at_the_same_moment(
    base: &MemoryBackend,
    first: &MemoryBackend,
    second: &MemoryBackend,
) -> MemoryBackend {
    let before = base.snapshot();
    let mut after = first.snapshot();
    let theirs = second.snapshot();
    for (key, value) in &theirs {
        if before.get(key) != Some(value) {
            after.insert(key.clone(), value.clone());
        }
    }
    for key in before.keys().filter(|k| !theirs.contains_key(*k)) {
        after.remove(key);
    }
    MemoryBackend {
        map: after.into(),
        ..Default::default()
    }
}

fn copy(b: &MemoryBackend) -> MemoryBackend {
    MemoryBackend {
        map: b.snapshot().into(),
        ..Default::default()
    }
}

/// Two tabs that opened `base` save "from tab 1" and "from tab 2" in the same instant, each
/// to its own copy: the copies and both writers.
fn two_saves(base: &MemoryBackend) -> (MemoryBackend, Writer, MemoryBackend, Writer) {
    let (_, mut tab1, _) = ready(base);
    let (_, mut tab2, _) = ready(base);
    let (own1, own2) = (copy(base), copy(base));
    slots::save(&own1, &mut tab1, &named("from tab 1"), 5).unwrap();
    slots::save(&own2, &mut tab2, &named("from tab 2"), 5).unwrap();
    (own1, tab1, own2, tab2)
}

#[test]
fn b02_two_saves_in_the_same_instant_are_told_apart_and_the_replaced_one_is_seen() {
    let base = saved(&["start"]);
    let (own1, mut tab1, own2, tab2) = two_saves(&base);
    // The same revision in the same slot: only the checks differ, and both were built on
    // the save they opened.
    let (s1, s2) = (tab1.saved().unwrap(), tab2.saved().unwrap());
    assert_eq!(s1.rev, s2.rev);
    assert_ne!(s1.check, s2.check);
    let start = ready(&base).1.saved().unwrap();
    assert_eq!(s1.line.first(), Some(&start.check));
    assert_eq!(s1.line, s2.line);

    let stored = at_the_same_moment(&base, &own1, &own2);
    let (state, fresh, _) = ready(&stored);
    assert_eq!(state, named("from tab 2"));
    // Tab 1 sees that its save was replaced by one not built on it; tab 2 sees nothing new.
    assert!(slots::changed_elsewhere(&stored, &tab1).unwrap());
    assert!(!slots::changed_elsewhere(&stored, &tab2).unwrap());
    let newest = fresh.saved().unwrap();
    assert!(!newest.builds_on(&s1));
    assert!(newest.builds_on(&s2));
    assert_eq!(
        slots::save(&stored, &mut tab1, &named("tab 1 again"), 6),
        Err(SaveError::Stale)
    );

    // Tab 1 puts its change on top of tab 2's: that save is built on tab 2's, not on tab 1's.
    let mut tab1 = fresh;
    slots::save(&stored, &mut tab1, &named("both"), 7).unwrap();
    let on_top = tab1.saved().unwrap();
    assert!(on_top.builds_on(&s2));
    assert!(!on_top.builds_on(&s1));
    assert_eq!(on_top.line[..2], [s2.check.clone(), start.check.clone()]);
    assert!(slots::changed_elsewhere(&stored, &tab2).unwrap());
    assert_eq!(ready(&stored).0, named("both"));
}

#[test]
fn b02_one_tabs_pointer_over_the_others_manifest_is_seen_by_both() {
    // The browser applied tab 1's manifest, tab 2's manifest and pointer, then tab 1's
    // pointer: the pointer is tab 1's, the save it names is tab 2's.
    let base = saved(&["start"]);
    let (own1, tab1, own2, tab2) = two_saves(&base);
    let (s1, s2) = (tab1.saved().unwrap(), tab2.saved().unwrap());
    let stored = at_the_same_moment(&base, &own1, &own2);
    stored
        .map
        .borrow_mut()
        .insert(ACTIVE.into(), own1.snapshot()[ACTIVE].clone());

    // What opens is the save the slot holds, known by its own check.
    let (state, fresh, recovered) = ready(&stored);
    assert_eq!((state, recovered), (named("from tab 2"), false));
    let opened = fresh.saved().unwrap();
    assert_eq!(opened.check, s2.check);
    // Tab 1's pointer is still there, but not its save: tab 1 sees it, and puts its change
    // on top again. Tab 2 sees a pointer it did not write, and finds its own save.
    assert!(slots::changed_elsewhere(&stored, &tab1).unwrap());
    assert!(slots::changed_elsewhere(&stored, &tab2).unwrap());
    assert!(!opened.builds_on(&s1));
    assert!(opened.builds_on(&s2));
    // Once it has read the storage, neither sees a change.
    assert!(!slots::changed_elsewhere(&stored, &fresh).unwrap());
    // A slot emptied under a tab is a change too.
    stored.map.borrow_mut().remove(SLOT_B);
    stored.map.borrow_mut().remove(SLOT_A);
    assert!(slots::changed_elsewhere(&stored, &fresh).unwrap());
}

#[test]
fn a_save_is_built_on_the_saves_in_its_line_and_not_on_their_siblings() {
    use branch_out::store::slots::Saved;
    let at = |rev: u64, check: &str, line: &[&str]| Saved {
        rev,
        check: check.into(),
        line: line.iter().map(|c| (*c).into()).collect(),
    };
    let mine = at(5, "m", &["p"]);
    assert!(mine.builds_on(&mine), "itself");
    assert!(
        at(5, "m", &[]).builds_on(&mine),
        "itself, however its line reads"
    );
    assert!(
        at(6, "n", &["m", "p"]).builds_on(&mine),
        "the next, on mine"
    );
    assert!(
        !at(6, "n", &["s", "p"]).builds_on(&mine),
        "the next, on a sibling"
    );
    assert!(
        at(6, "n", &[]).builds_on(&mine),
        "the next, its line unknown"
    );
    assert!(at(8, "n", &["x", "y", "m"]).builds_on(&mine), "three on");
    assert!(
        !at(8, "n", &["x", "y", "s"]).builds_on(&mine),
        "three on, from a sibling"
    );
    assert!(at(8, "n", &["x", "y"]).builds_on(&mine), "beyond its line");
    assert!(at(u64::MAX, "n", &["x"]).builds_on(&mine), "far beyond");
    assert!(!at(5, "s", &["p"]).builds_on(&mine), "a sibling");
    assert!(
        !at(4, "s", &["q"]).builds_on(&mine),
        "earlier: saved again after clearing"
    );
    assert!(!at(1, "s", &[]).builds_on(&mine));
}

#[test]
fn a_pointer_names_the_saves_before_it_newest_first_up_to_its_line() {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut checks = Vec::new();
    for at in 0..12 {
        slots::save(&b, &mut w, &named(&format!("save {at}")), at).unwrap();
        let saved = w.saved().unwrap();
        let expected: Vec<String> = checks.iter().rev().take(slots::LINE).cloned().collect();
        assert_eq!(saved.line, expected, "save {at}");
        checks.push(saved.check.clone());
        // What is stored says the same once read again.
        assert_eq!(ready(&b).1.saved().unwrap(), saved);
    }
    assert_eq!(w.saved().unwrap().line.len(), slots::LINE);
}

#[test]
fn a_pointer_without_checks_opens_and_the_next_save_writes_them() {
    let b = saved(&["one", "two"]);
    let pointer = b.snapshot()[ACTIVE].clone();
    let v: serde_json::Value = serde_json::from_str(&pointer).unwrap();
    let bare = serde_json::json!({ "slot": v["slot"], "rev": v["rev"], "schema": v["schema"] });
    b.map.borrow_mut().insert(ACTIVE.into(), bare.to_string());
    let (state, mut w, recovered) = ready(&b);
    assert_eq!((state, recovered), (named("two"), false));
    // Its save is known by the check of what the slot holds.
    let opened = w.saved().unwrap();
    let slot = serde_json::from_str::<slots::Pointer>(&bare.to_string())
        .unwrap()
        .slot;
    assert_eq!(
        opened.check,
        codec::check(b.snapshot()[slot.key()].as_bytes())
    );
    assert!(opened.line.is_empty());
    assert!(!slots::changed_elsewhere(&b, &w).unwrap());
    slots::save(&b, &mut w, &named("three"), 3).unwrap();
    let other = if slot.key() == SLOT_A { SLOT_B } else { SLOT_A };
    assert_points_at(&b, other, 3);
    assert_eq!(w.saved().unwrap().line, [opened.check]);
    assert_eq!(ready(&b).0, named("three"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A save compares with what is stored only what the changes since the last save can
    /// have changed (each noted with its reach, as the app does): through any run of actions,
    /// saved after some of them, what opens is exactly the state on screen. The shelf holds
    /// enough resources for several blocks, so most blocks are kept as stored.
    #[test]
    fn saves_after_noted_actions_open_as_the_state_on_screen(
        (start, actions) in common::linked_state().prop_flat_map(|mut s| {
            s.resources.splice(0..0, (0..150u8).map(|n| {
                common::bare_resource(n, &format!("List {n}"), None, branch_out::model::Kind::EmailList)
            }));
            (Just(s.clone()), prop::collection::vec((common::action_on(s), any::<bool>()), 1..6))
        })
    ) {
        let b = MemoryBackend::default();
        let mut w = first_writer(&b);
        let mut state = start;
        slots::save(&b, &mut w, &state, 1).unwrap();
        w.track_changes();
        for (action, save_now) in actions {
            w.note(&action.reach());
            let _ = state.apply(action);
            if save_now {
                slots::save(&b, &mut w, &state, 2).unwrap();
                w.track_changes();
                prop_assert_eq!(&ready(&b).0, &state);
            }
        }
        slots::save(&b, &mut w, &state, 3).unwrap();
        let (opened, mut reopened, _) = ready(&b);
        prop_assert_eq!(&opened, &state);
        // The writer read back keeps saving right: a star after opening is stored too.
        if let Some(r) = state.resources.get(7).map(|r| r.id.clone()) {
            let star = branch_out::model::Action::Shelf(branch_out::model::ShelfAction::Favourite { id: r, favourite: true });
            reopened.track_changes();
            reopened.note(&star.reach());
            state.apply(star).unwrap();
            slots::save(&b, &mut reopened, &state, 4).unwrap();
            prop_assert_eq!(&ready(&b).0, &state);
        }
    }
}

/// Why every change is noted once changes are tracked: a save then compares with what is
/// stored only the items a noted change can have changed (and every item until tracked).
#[test]
fn once_changes_are_tracked_a_save_looks_only_where_a_change_was_noted() {
    use branch_out::model::reach::{Items, Reach};
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    let mut state = big_shelf(300);
    slots::save(&b, &mut w, &state, 1).unwrap();
    // Not tracked: a change no one noted is found and saved.
    state.resources[10].notes = "found by comparing".into();
    slots::save(&b, &mut w, &state, 2).unwrap();
    assert_eq!(ready(&b).0, state);
    // Tracked: a noted change is saved...
    w.track_changes();
    state.resources[20].favourite = !state.resources[20].favourite;
    w.note(&Reach {
        resources: Items::Only(state.resources[20].id.clone()),
        ..Reach::default()
    });
    slots::save(&b, &mut w, &state, 3).unwrap();
    assert_eq!(ready(&b).0, state);
    // ...and one that was not noted is not looked for: its block is kept as stored.
    let stored = state.clone();
    w.track_changes();
    state.resources[30].notes = "never noted".into();
    slots::save(&b, &mut w, &state, 4).unwrap();
    assert_eq!(ready(&b).0, stored);
}
