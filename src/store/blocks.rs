//! The state stored in blocks, so a change rewrites only the block it changed.
//!
//! The long lists (resources, check-ins, people) are cut into blocks of a few dozen items, and
//! each block is stored once under a key named by the check of its own text
//! (`branch-out/v1/block.<16 hex digits>`). A generation (what `state.a` or `state.b` holds)
//! is then a small manifest: the rest of the state, and the names of its blocks in order.
//! Starring one resource writes one new block and a new manifest; every other block is shared
//! with the previous generation.
//!
//! Where a list is cut depends on the items' ids, not their positions (a block ends after an
//! item whose id's check is a multiple of [`AVERAGE`], or at [`MAX_ITEMS`]), so adding or
//! removing one item changes only the block that holds it, not every block after it.
//!
//! A block is written once and never changed: a save writes its new blocks, reads each back,
//! then writes and verifies the manifest, and only then moves the pointer, so a save cut short
//! anywhere leaves the previous generation whole. A block's name is the check of its text, so
//! a truncated or altered block never passes as a valid one. Blocks no generation names any
//! more are removed after the pointer has moved.

use super::codec::{self, fnv1a64 as fnv, DecodeError};
use super::keys;
use super::pack;
use crate::model::reach::{Items, Keyed, Reach};
use crate::model::{CheckIn, Person, Resource, State};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::sync::Arc;

/// On average one item in this many ends a block.
pub const AVERAGE: u64 = 32;
/// The most items a block holds, however the ids fall.
pub const MAX_ITEMS: usize = 128;

/// An item of a list stored in blocks; its id ([`Keyed::key`]) decides where blocks end.
pub trait Item: Keyed + Clone {
    /// Its list in `state`.
    fn list(state: &mut State) -> &mut Vec<Self>;
}

impl Item for Resource {
    fn list(state: &mut State) -> &mut Vec<Self> {
        &mut state.resources
    }
}

impl Item for CheckIn {
    fn list(state: &mut State) -> &mut Vec<Self> {
        &mut state.check_ins
    }
}

impl Item for Person {
    fn list(state: &mut State) -> &mut Vec<Self> {
        &mut state.people
    }
}

/// Cuts `items` into blocks: each ends after an item whose id's check is a multiple of
/// [`AVERAGE`], or once it holds [`MAX_ITEMS`].
pub fn cut<T: Item>(items: &[T]) -> Vec<&[T]> {
    let mut out = Vec::with_capacity(items.len() / AVERAGE as usize + 1);
    let mut rest = items;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .take(MAX_ITEMS)
            .position(|item| fnv(item.key().as_str().as_bytes()).is_multiple_of(AVERAGE))
            .map_or(MAX_ITEMS.min(rest.len()), |i| i + 1);
        let (block, tail) = rest.split_at(end);
        out.push(block);
        rest = tail;
    }
    out
}

/// The name of a block: the check of its text, 16 hex digits.
pub fn name(text: &str) -> String {
    format!("{:016x}", fnv(text.as_bytes()))
}

/// The storage key of the block called `name`.
pub fn key(name: &str) -> String {
    format!("{}{name}", keys::BLOCK_PREFIX)
}

/// A block's text: a state holding only these items, as JSON, deflated (see [`pack`]), after
/// the number of bytes it packs and a colon. (A state rather than a bare list, so blocks are
/// read and written by the state's own serde code, which the start of the app holds anyway.)
pub fn encode<T: Item>(items: &[T]) -> Result<String, serde_json::Error> {
    let mut state = State::default();
    T::list(&mut state).extend_from_slice(items);
    encode_state(&state)
}

// Not inlined: one copy of the state's serde code serves every list (the wasm is smaller).
#[inline(never)]
fn encode_state(state: &State) -> Result<String, serde_json::Error> {
    let json = codec::state_json(state)?;
    let (packed, bytes) = pack::pack(&json);
    Ok(format!("{bytes}:{packed}"))
}

/// Reads the block called `name` from its stored text, verifying it first.
pub fn decode<T: Item>(name: &str, text: &str) -> Result<Vec<T>, DecodeError> {
    let mut state = decode_state(name, text)?;
    let items = std::mem::take(T::list(&mut state));
    if !state.is_empty() {
        return Err(DecodeError::Shape(
            "a block holds more than its list".into(),
        ));
    }
    Ok(items)
}

#[inline(never)]
fn decode_state(name: &str, text: &str) -> Result<State, DecodeError> {
    if self::name(text) != name {
        return Err(DecodeError::Damaged);
    }
    let (bytes, packed) = text.split_once(':').ok_or(DecodeError::Damaged)?;
    let bytes: usize = bytes.parse().map_err(|_| DecodeError::Damaged)?;
    let shape = |why: String| DecodeError::Shape(why);
    let json = pack::unpack(packed, bytes).map_err(|e| shape(e.to_string()))?;
    codec::state_from_json(&json)
}

/// The names of a generation's blocks, list by list, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// The shelf.
    #[serde(default)]
    pub resources: Vec<String>,
    /// The log of check-ins.
    #[serde(default)]
    pub check_ins: Vec<String>,
    /// The people.
    #[serde(default)]
    pub people: Vec<String>,
}

/// What a generation's envelope holds (schema 4): the state without its long lists, and the
/// names of the blocks that hold them.
#[derive(Serialize, Deserialize)]
pub struct Manifest {
    /// The state with its resources, check-ins and people left out (as written by
    /// [`codec::state_json`]).
    pub state: Box<RawValue>,
    /// Where those are.
    pub blocks: Names,
}

/// The blocks of one list as last saved or read, with their items, so the next save can tell
/// which blocks are unchanged by comparing items rather than writing them out. An unchanged
/// block's items are shared with the cache before it, never copied, so a save costs what
/// changed rather than a copy of the whole list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known<T> {
    blocks: Vec<(String, Arc<Vec<T>>)>,
}

impl<T> Default for Known<T> {
    fn default() -> Self {
        Known { blocks: Vec::new() }
    }
}

/// The blocks of every list as last saved or read by this tab, and, when its changes are
/// being noted ([`Cache::track`]), what the state on screen can have changed since.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cache {
    resources: Known<Resource>,
    check_ins: Known<CheckIn>,
    people: Known<Person>,
    /// `None` until tracked: the next save compares every item.
    changed: Option<Reach>,
}

impl<T> Known<T> {
    fn retain(&mut self, keep: &impl Fn(&str) -> bool) {
        self.blocks.retain(|(name, _)| keep(name));
    }
}

impl Cache {
    /// Says that the state on screen is the one these blocks were just saved or read from,
    /// and that every change to it from now on will be [noted](Cache::note): the next save
    /// then compares by id only the items no noted change can have changed. Until this is
    /// called (and again after every save or read), a save compares every item.
    pub fn track(&mut self) {
        self.changed = Some(Reach::default());
    }

    /// Notes a change made to the state since [`Cache::track`]. Once tracked, every change
    /// to the state must be noted, or the next save may keep an item's old block.
    pub fn note(&mut self, reach: &Reach) {
        if let Some(changed) = &mut self.changed {
            changed.join(reach);
        }
    }

    /// Forgets the blocks `keep` refuses (blocks no longer stored), so the next save writes
    /// them again.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.resources.retain(&keep);
        self.check_ins.retain(&keep);
        self.people.retain(&keep);
    }
}

/// A save worked out: the manifest, the blocks not yet known to be stored, and the cache as it
/// will be once the save is done.
pub struct Plan {
    /// The manifest's JSON (the envelope's data).
    pub manifest: String,
    /// Blocks to write: key and text.
    pub new: Vec<(String, String)>,
    /// Every block name the manifest uses.
    pub names: Names,
    /// The cache once saved.
    pub cache: Cache,
}

/// True when `held` (a known block's items) and `chunk` are equal, given that since `held`
/// was saved or read the list changed only as `changed` says: an item no change can have
/// changed is compared by its id alone.
fn same_items<T: Item>(held: &[T], chunk: &[T], changed: &Items) -> bool {
    held.len() == chunk.len()
        && held
            .iter()
            .zip(chunk)
            .all(|(h, c)| h.key() == c.key() && (!changed.may_have_changed(c.key()) || h == c))
}

/// Whether `known`'s blocks hold as many items as `items`, each block's first and last item
/// having the id of the item at that place in `items`.
fn holds<T: Item>(known: &Known<T>, items: &[T]) -> bool {
    let mut at = 0;
    for (_, held) in &known.blocks {
        let (Some(first), Some(last)) = (held.first(), held.last()) else {
            return false;
        };
        at += held.len();
        let place = |i: usize| items.get(i).map(Keyed::key);
        if place(at - held.len()) != Some(first.key()) || place(at - 1) != Some(last.key()) {
            return false;
        }
    }
    at == items.len()
}

fn plan_list<T: Item>(
    items: &[T],
    known: &Known<T>,
    changed: &Items,
    new: &mut Vec<(String, String)>,
) -> Result<(Vec<String>, Known<T>), serde_json::Error> {
    // A list no noted change can have changed keeps its blocks as they are, neither cut nor
    // compared, while they still hold it: as many items, each block's first and last where
    // they were (the usual case: a star leaves the log as it was, a goal every list).
    if *changed == Items::None && holds(known, items) {
        let names = known.blocks.iter().map(|(name, _)| name.clone()).collect();
        return Ok((names, known.clone()));
    }
    // A known block that starts with the same item and holds equal items is the same block.
    // (Comparing first ids is cheap, so every known block is looked at.)
    let mut names = Vec::new();
    let mut blocks = Vec::new();
    for chunk in cut(items) {
        let first = chunk.first().map(Keyed::key);
        let same = known.blocks.iter().find(|(_, held)| {
            held.first().map(Keyed::key) == first && same_items(held, chunk, changed)
        });
        let (name, held) = match same {
            Some((name, held)) => (name.clone(), Arc::clone(held)),
            None => {
                let text = encode(chunk)?;
                let name = name(&text);
                if !new.iter().any(|(k, _)| *k == key(&name)) {
                    new.push((key(&name), text));
                }
                (name, Arc::new(chunk.to_vec()))
            }
        };
        names.push(name.clone());
        blocks.push((name, held));
    }
    Ok((names, Known { blocks }))
}

/// Works out a save of `state`, given the blocks this tab knows are stored.
pub fn plan(state: &State, cache: &Cache) -> Result<Plan, serde_json::Error> {
    let mut new = Vec::new();
    let changed = &cache.changed.clone().unwrap_or_else(Reach::any);
    let (resources, r) = plan_list(
        &state.resources,
        &cache.resources,
        &changed.resources,
        &mut new,
    )?;
    let (check_ins, c) = plan_list(
        &state.check_ins,
        &cache.check_ins,
        &changed.check_ins,
        &mut new,
    )?;
    let (people, p) = plan_list(&state.people, &cache.people, &changed.people, &mut new)?;
    let names = Names {
        resources,
        check_ins,
        people,
    };
    let head = State {
        settings: state.settings.clone(),
        goals: state.goals.clone(),
        check_ins: Vec::new(),
        resources: Vec::new(),
        people: Vec::new(),
        backup: state.backup.clone(),
    };
    let manifest = serde_json::to_string(&Manifest {
        state: RawValue::from_string(codec::state_json(&head)?)?,
        blocks: names.clone(),
    })?;
    Ok(Plan {
        manifest,
        new,
        names,
        cache: Cache {
            resources: r,
            check_ins: c,
            people: p,
            changed: None,
        },
    })
}

/// Where blocks are read from.
pub trait Source {
    /// The text stored under `key`, if any; `Err` when storage could not be read.
    fn block(&self, key: &str) -> Result<Option<String>, String>;
}

/// No blocks at all: for an envelope read on its own.
pub struct NoBlocks;

impl Source for NoBlocks {
    fn block(&self, _: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
}

fn read_list<T: Item>(names: &[String], source: &dyn Source) -> Result<Known<T>, DecodeError> {
    let mut blocks = Vec::with_capacity(names.len());
    for name in names {
        let text = source
            .block(&key(name))
            .map_err(DecodeError::Malformed)?
            .ok_or_else(|| DecodeError::Malformed(format!("block {name} is missing")))?;
        blocks.push((name.clone(), Arc::new(decode(name, &text)?)));
    }
    Ok(Known { blocks })
}

fn items<T: Clone>(known: &Known<T>) -> Vec<T> {
    known
        .blocks
        .iter()
        .flat_map(|(_, items)| items.iter().cloned())
        .collect()
}

/// Reads a manifest (the verified data of a schema 4 envelope) and its blocks into the state,
/// with the cache for the next save.
pub fn read(manifest: &str, source: &dyn Source) -> Result<(State, Cache), DecodeError> {
    if !manifest.starts_with('{') {
        return Err(DecodeError::Shape("expected an object".into()));
    }
    let Manifest { state, blocks } =
        serde_json::from_str(manifest).map_err(|e| DecodeError::Shape(e.to_string()))?;
    let mut state = codec::state_from_json(state.get())?;
    if !(state.resources.is_empty() && state.check_ins.is_empty() && state.people.is_empty()) {
        return Err(DecodeError::Shape(
            "a list is both in the manifest and in blocks".into(),
        ));
    }
    let cache = Cache {
        resources: read_list(&blocks.resources, source)?,
        check_ins: read_list(&blocks.check_ins, source)?,
        people: read_list(&blocks.people, source)?,
        changed: None,
    };
    state.resources = items(&cache.resources);
    state.check_ins = items(&cache.check_ins);
    state.people = items(&cache.people);
    Ok((state, cache))
}

/// The block names a stored generation's text refers to, read leniently (no check), so that
/// blocks of a damaged generation are not removed while its manifest is still readable.
pub fn referenced(envelope: &str) -> Vec<String> {
    #[derive(Deserialize)]
    struct Loose {
        data: LooseData,
    }
    #[derive(Deserialize)]
    struct LooseData {
        blocks: Names,
    }
    serde_json::from_str::<Loose>(envelope)
        .map(|l| {
            let Names {
                resources,
                check_ins,
                people,
            } = l.data.blocks;
            [resources, check_ins, people].concat()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckIn, Id};
    use chrono::NaiveDate;

    fn check_in(n: usize) -> CheckIn {
        CheckIn {
            id: Id::parse(&format!("c{n}")).unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            goal: None,
            note: format!("note {n}"),
            people: String::new(),
            with: Vec::new(),
            resources: Vec::new(),
        }
    }

    /// Blocks held in a list, by key.
    struct Stored(Vec<(String, String)>);

    impl Source for Stored {
        fn block(&self, key: &str) -> Result<Option<String>, String> {
            Ok(self
                .0
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()))
        }
    }

    fn log(ns: impl IntoIterator<Item = usize>) -> Vec<CheckIn> {
        ns.into_iter().map(check_in).collect()
    }

    fn ends(blocks: &[&[CheckIn]]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| b.last().map(|c| c.id.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn blocks_end_after_ids_whose_check_is_a_multiple_of_the_average_or_at_the_most() {
        let items = log(0..2000);
        let blocks = cut(&items);
        assert_eq!(blocks.iter().map(|b| b.len()).sum::<usize>(), 2000);
        for block in &blocks {
            assert!(!block.is_empty() && block.len() <= MAX_ITEMS);
            let boundary = |c: &CheckIn| fnv(c.id.as_str().as_bytes()).is_multiple_of(AVERAGE);
            // Inside a block no item is a boundary; the last one is, or the block is full.
            let (last, inner) = block.split_last().unwrap();
            assert!(!inner.iter().any(boundary));
            assert!(
                boundary(last)
                    || block.len() == MAX_ITEMS
                    || std::ptr::eq(*block, *blocks.last().unwrap())
            );
        }
        // About one in AVERAGE items ends a block.
        assert!(
            (2000 / 64..=2000 / 16).contains(&blocks.len()),
            "{}",
            blocks.len()
        );
        // Ids that never end a block make full blocks.
        let none: Vec<CheckIn> = (0..10_000)
            .map(check_in)
            .filter(|c| !fnv(c.id.as_str().as_bytes()).is_multiple_of(AVERAGE))
            .take(300)
            .collect();
        assert_eq!(
            cut(&none).iter().map(|b| b.len()).collect::<Vec<_>>(),
            vec![128, 128, 44]
        );
        assert!(cut::<CheckIn>(&[]).is_empty());
    }

    #[test]
    fn an_insertion_or_removal_changes_only_the_block_it_falls_in() {
        let items = log(0..1000);
        let before = ends(&cut(&items));
        let mut inserted = items.clone();
        inserted.insert(500, check_in(5000));
        let mut removed = items.clone();
        removed.remove(500);
        for changed in [inserted, removed] {
            let after = ends(&cut(&changed));
            let differ = before.iter().filter(|e| !after.contains(e)).count()
                + after.iter().filter(|e| !before.contains(e)).count();
            assert!(differ <= 2, "{differ} block ends moved");
        }
    }

    #[test]
    fn a_block_reads_back_and_any_change_to_its_text_is_damage() {
        let items = log(0..40);
        let text = encode(&items).unwrap();
        let name = name(&text);
        assert_eq!(name.len(), 16);
        assert_eq!(key(&name), format!("branch-out/v1/block.{name}"));
        assert_eq!(decode::<CheckIn>(&name, &text), Ok(items));
        assert_eq!(
            decode::<CheckIn>(
                &name,
                &text[..text.len() - text.chars().last().map_or(0, char::len_utf8)]
            ),
            Err(DecodeError::Damaged)
        );
        assert_eq!(
            decode::<CheckIn>("0000000000000000", &text),
            Err(DecodeError::Damaged)
        );
        // Text that matches its name but is not a block is a shape error, never a panic.
        for bad in ["", "12", "x:abc", "3:\u{20}\u{20}"] {
            assert!(decode::<CheckIn>(&self::name(bad), bad).is_err(), "{bad:?}");
        }
        // A block of another list, or not a state at all, is a shape error.
        let resources = encode(&[crate::model::Resource {
            id: Id::parse("r1").unwrap(),
            ..serde_json::from_str(r#"{"id":"r1","title":"T","kind":"other","added":"2026-01-01"}"#)
                .unwrap()
        }])
        .unwrap();
        assert!(matches!(
            decode::<CheckIn>(&self::name(&resources), &resources),
            Err(DecodeError::Shape(_))
        ));
        assert_eq!(
            decode::<crate::model::Resource>(&self::name(&resources), &resources).map(|r| r.len()),
            Ok(1)
        );
        for json in ["[]", r#"{"goals":"oops"}"#] {
            let (packed, bytes) = pack::pack(json);
            let text = format!("{bytes}:{packed}");
            assert!(
                matches!(
                    decode::<CheckIn>(&self::name(&text), &text),
                    Err(DecodeError::Shape(_))
                ),
                "{json}"
            );
        }
    }

    #[test]
    fn without_its_blocks_a_manifest_does_not_read() {
        let state = State {
            check_ins: log(0..3),
            ..State::default()
        };
        let p = plan(&state, &Cache::default()).unwrap();
        let name = &p.names.check_ins[0];
        assert_eq!(
            read(&p.manifest, &NoBlocks).map(|_| ()),
            Err(DecodeError::Malformed(format!("block {name} is missing")))
        );
    }

    #[test]
    fn a_manifest_that_also_holds_a_list_does_not_read() {
        // Only the check-ins in the manifest itself, the other lists empty: any one list there
        // is refused, not just all three at once.
        let manifest = serde_json::to_string(&Manifest {
            state: RawValue::from_string(
                codec::state_json(&State {
                    check_ins: log(0..1),
                    ..State::default()
                })
                .unwrap(),
            )
            .unwrap(),
            blocks: Names::default(),
        })
        .unwrap();
        assert_eq!(
            read(&manifest, &NoBlocks).map(|_| ()),
            Err(DecodeError::Shape(
                "a list is both in the manifest and in blocks".into()
            ))
        );
    }

    #[test]
    fn a_plan_reuses_every_block_the_cache_holds_unchanged() {
        let mut state = State {
            check_ins: log(0..600),
            ..State::default()
        };
        let first = plan(&state, &Cache::default()).unwrap();
        assert_eq!(first.new.len(), first.names.check_ins.len());
        let again = plan(&state, &first.cache).unwrap();
        assert!(again.new.is_empty());
        assert_eq!(again.names, first.names);
        assert_eq!(again.manifest, first.manifest);
        state.check_ins[300].note = "changed".into();
        let mut noted = first.cache.clone();
        noted.track();
        noted.note(&Reach {
            check_ins: Items::Only(state.check_ins[300].id.clone()),
            ..Reach::default()
        });
        let changed = plan(&state, &noted).unwrap();
        assert_eq!(changed.new.len(), 1);
        let mut any = first.cache.clone();
        any.track();
        any.note(&Reach::any());
        assert_eq!(plan(&state, &any).unwrap().names, changed.names);
        // Not tracked, every item is compared.
        assert_eq!(plan(&state, &first.cache).unwrap().names, changed.names);
        let mut untracked = first.cache.clone();
        untracked.note(&Reach::default());
        assert_eq!(plan(&state, &untracked).unwrap().names, changed.names);
        // Tracked, the change is looked for only where it was noted: a change the cache was
        // not told of, or told of elsewhere, keeps the block as stored. (Why every change is
        // noted once tracked.)
        let mut unnoted = first.cache.clone();
        unnoted.track();
        assert_eq!(plan(&state, &unnoted).unwrap().names, first.names);
        let mut elsewhere = first.cache.clone();
        elsewhere.track();
        elsewhere.note(&Reach {
            check_ins: Items::Only(state.check_ins[301].id.clone()),
            resources: Items::Any,
            people: Items::Any,
        });
        assert_eq!(plan(&state, &elsewhere).unwrap().names, first.names);
        // What a save planned is not tracked until it is told to be.
        assert_eq!(changed.cache.changed, None);
    }

    #[test]
    fn a_list_no_change_touched_keeps_its_blocks_unless_they_no_longer_hold_it() {
        let state = State {
            check_ins: log(0..600),
            ..State::default()
        };
        let first = plan(&state, &Cache::default()).unwrap();
        let mut untouched = first.cache.clone();
        untouched.track();
        let again = plan(&state, &untouched).unwrap();
        assert!(again.new.is_empty());
        assert_eq!(again.names, first.names);
        assert_eq!(again.cache.check_ins, first.cache.check_ins);
        // A list that no longer fits its blocks (as if a change had not been noted: an item
        // more, one fewer, a block that starts or ends with another item) is cut and compared
        // as usual, so only the block it falls in is new and the save reads back as it is.
        let cuts = cut(&state.check_ins);
        let second = cuts[0].len();
        let third = second + cuts[1].len();
        let lists = [
            [
                &state.check_ins[..300],
                &log([9_000]),
                &state.check_ins[300..],
            ]
            .concat(),
            state.check_ins[..599].to_vec(),
            [&state.check_ins[..], &log([9_003])].concat(),
            [
                &state.check_ins[..second],
                &log([9_001]),
                &state.check_ins[second + 1..],
            ]
            .concat(),
            [
                &state.check_ins[..third - 1],
                &log([9_002]),
                &state.check_ins[third..],
            ]
            .concat(),
        ];
        for (n, check_ins) in lists.into_iter().enumerate() {
            let moved = State {
                check_ins,
                ..State::default()
            };
            let planned = plan(&moved, &untouched).unwrap();
            let source = Stored(
                planned
                    .new
                    .iter()
                    .cloned()
                    .chain((first.new.iter()).cloned())
                    .collect(),
            );
            let (read_back, _) = read(&planned.manifest, &source).unwrap();
            assert_eq!(read_back, moved, "list {n}");
            assert!(
                planned.new.len() <= 2,
                "list {n}: {} new blocks",
                planned.new.len()
            );
        }
    }

    #[test]
    fn a_list_no_change_touched_is_not_cut_again() {
        // Blocks of ten, as no cut of this version makes them (an earlier version's, say): a
        // save with no change to the list keeps them as they are, writing nothing new, where
        // cutting the list again would write every block anew.
        let items = log(0..100);
        let blocks: Vec<_> = items
            .chunks(10)
            .map(|chunk| {
                let name = name(&encode(chunk).unwrap());
                (name, Arc::new(chunk.to_vec()))
            })
            .collect();
        assert_ne!(blocks.len(), cut(&items).len());
        let mut cache = Cache {
            check_ins: Known {
                blocks: blocks.clone(),
            },
            ..Cache::default()
        };
        cache.track();
        let state = State {
            check_ins: items,
            ..State::default()
        };
        let planned = plan(&state, &cache).unwrap();
        assert!(planned.new.is_empty());
        let names: Vec<_> = blocks.iter().map(|(name, _)| name.clone()).collect();
        assert_eq!(planned.names.check_ins, names);
        assert_eq!(planned.cache.check_ins.blocks, blocks);
        // Not tracked, the list is cut and compared as usual.
        cache.changed = None;
        assert!(!plan(&state, &cache).unwrap().new.is_empty());
    }

    #[test]
    fn a_known_block_is_found_among_others_that_start_with_the_same_item() {
        let mut older = check_in(0);
        older.note = "as it was".into();
        let current = check_in(0);
        let named = |name: &str, c: &CheckIn| (name.to_owned(), Arc::new(vec![c.clone()]));
        let known = Known {
            blocks: vec![named("older", &older), named("current", &current)],
        };
        let mut new = Vec::new();
        let (names, kept) = plan_list(
            std::slice::from_ref(&current),
            &known,
            &Items::Any,
            &mut new,
        )
        .unwrap();
        assert_eq!(names, ["current"]);
        assert!(new.is_empty());
        assert_eq!(kept.blocks, [named("current", &current)]);
        // Neither matches: one new block.
        let mut other = check_in(0);
        other.note = "changed again".into();
        let (names, _) =
            plan_list(std::slice::from_ref(&other), &known, &Items::Any, &mut new).unwrap();
        assert_eq!(new.len(), 1);
        assert_eq!(names, [new[0].0.strip_prefix(keys::BLOCK_PREFIX).unwrap()]);
    }

    #[test]
    fn two_equal_blocks_are_written_once() {
        // An item that ends a block, twice: two blocks with the same text and name.
        let end = (0..)
            .map(check_in)
            .find(|c| fnv(c.id.as_str().as_bytes()).is_multiple_of(AVERAGE))
            .unwrap();
        let items = vec![end.clone(), end];
        let mut new = Vec::new();
        let (names, _) = plan_list(&items, &Known::default(), &Items::Any, &mut new).unwrap();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0], names[1]);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].0, key(&names[0]));
    }

    #[test]
    fn blocks_moved_to_another_place_in_the_list_are_still_known() {
        let state = State {
            check_ins: log(0..600),
            ..State::default()
        };
        let first = plan(&state, &Cache::default()).unwrap();
        // The second and third blocks swapped.
        let cuts = cut(&state.check_ins);
        let mut moved = state.clone();
        moved.check_ins = [cuts[0], cuts[2], cuts[1]].concat();
        moved.check_ins.extend(cuts[3..].concat());
        let again = plan(&moved, &first.cache).unwrap();
        assert!(again.new.is_empty());
        let mut names = first.names.check_ins.clone();
        names.swap(1, 2);
        assert_eq!(again.names.check_ins, names);
        // A change in the middle writes that block alone, and every block after it is known.
        moved.check_ins[300].note = "changed".into();
        let mut noted = again.cache.clone();
        noted.track();
        noted.note(&Reach {
            check_ins: Items::Only(moved.check_ins[300].id.clone()),
            ..Reach::default()
        });
        let changed = plan(&moved, &noted).unwrap();
        assert_eq!(changed.new.len(), 1);
        let differ = (changed.names.check_ins.iter())
            .zip(&again.names.check_ins)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differ, 1);
    }
}
