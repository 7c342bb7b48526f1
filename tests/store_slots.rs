//! The store's rules against a fault-injecting in-memory backend (RELIABILITY.md S-01…S-10,
//! at the pure level; the same cases run against real localStorage in tests/browser.rs and
//! through the app in tests/e2e).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use branch_out::model::State;
use branch_out::store::codec::{self, Decoded};
use branch_out::store::keys::{ACTIVE, QUARANTINE_PREFIX, SLOT_A, SLOT_B};
use branch_out::store::slots::{self, Loaded, MemoryBackend, SaveError, StorageError, Writer};
use proptest::prelude::*;

fn named(name: &str) -> State {
    let mut s = State::default();
    s.settings.name = name.into();
    s
}

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
    let truncated = r#"{"schema":3,"data":{"#.to_owned();
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
        r#"{{"app":"branch-out","schema":3,"rev":4,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
        data.len(),
        codec::check(data.as_bytes())
    );
    b.map.borrow_mut().insert(SLOT_A.into(), env.clone());
    b.map
        .borrow_mut()
        .insert(ACTIVE.into(), r#"{"slot":"a","rev":4,"schema":3}"#.into());
    match slots::load(&b) {
        Loaded::Newer { schema, raw } => {
            assert_eq!(schema, 3);
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
        r#"{{"app":"branch-out","schema":3,"rev":9,"saved_at":1,"len":{},"check":"{}","data":{data}}}"#,
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
        .insert(ACTIVE.into(), r#"{"slot":"b","rev":2,"schema":3}"#.into());
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
        prop_assert_eq!(schema, 2);
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

#[test]
fn s06_a_plain_save_loads_and_the_next_large_save_is_packed() {
    let b = MemoryBackend::default();
    let mut w = first_writer(&b);
    slots::save(&b, &mut w, &named("small"), 1).unwrap();
    let first = b.snapshot();
    let slot = first
        .iter()
        .find(|(k, _)| k.ends_with("state.a"))
        .unwrap()
        .1;
    assert!(
        slot.contains(r#""schema":1"#),
        "a small save stays plain JSON"
    );
    assert!(first[ACTIVE].contains(r#""schema":1"#));

    let big = big_shelf(5_000);
    let (mut loaded, mut w, _) = ready(&b);
    loaded.resources = big.resources.clone();
    slots::save(&b, &mut w, &loaded, 2).unwrap();
    let after = b.snapshot();
    assert!(after[ACTIVE].contains(r#""schema":2"#));
    assert_eq!(ready(&b).0, loaded, "the packed save loads");
    // Two generations of 5,000 described resources fit in a third of localStorage's 5 M.
    let chars = |s: &str| s.encode_utf16().count();
    let packed = after.values().map(|v| chars(v)).max().unwrap();
    let plain = serde_json::to_string(&loaded).unwrap().len();
    assert!(
        packed * 2 < 5_000_000 * 35 / 100,
        "{packed} characters per generation"
    );
    assert!(packed * 3 < plain, "{packed} of {plain}");
}
