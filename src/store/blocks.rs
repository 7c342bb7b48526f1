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

use super::codec::{fnv1a64 as fnv, DecodeError};
use super::keys;
use super::pack;
use crate::model::{CheckIn, Id, Person, Resource, State};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// On average one item in this many ends a block.
pub const AVERAGE: u64 = 32;
/// The most items a block holds, however the ids fall.
pub const MAX_ITEMS: usize = 128;

/// An item of a list stored in blocks.
pub trait Item: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its id, which decides where blocks end.
    fn id(&self) -> &Id;
}

impl Item for Resource {
    fn id(&self) -> &Id {
        &self.id
    }
}

impl Item for CheckIn {
    fn id(&self) -> &Id {
        &self.id
    }
}

impl Item for Person {
    fn id(&self) -> &Id {
        &self.id
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
            .position(|item| fnv(item.id().as_str().as_bytes()).is_multiple_of(AVERAGE))
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

/// A block's text: the items' JSON deflated (see [`pack`]), after the number of bytes it packs
/// and a colon.
pub fn encode<T: Item>(items: &[T]) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(items)?;
    let (packed, bytes) = pack::pack(&json);
    Ok(format!("{bytes}:{packed}"))
}

/// Reads the block called `name` from its stored text, verifying it first.
pub fn decode<T: Item>(name: &str, text: &str) -> Result<Vec<T>, DecodeError> {
    if self::name(text) != name {
        return Err(DecodeError::Damaged);
    }
    let (bytes, packed) = text.split_once(':').ok_or(DecodeError::Damaged)?;
    let bytes: usize = bytes.parse().map_err(|_| DecodeError::Damaged)?;
    let json = pack::unpack(packed, bytes).map_err(|e| DecodeError::Shape(e.to_string()))?;
    if !json.starts_with('[') {
        return Err(DecodeError::Shape("a block is not a list".into()));
    }
    serde_json::from_str(&json).map_err(|e| DecodeError::Shape(e.to_string()))
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

impl Names {
    /// Every name, once.
    pub fn all(&self) -> BTreeSet<&str> {
        self.resources
            .iter()
            .chain(&self.check_ins)
            .chain(&self.people)
            .map(String::as_str)
            .collect()
    }
}

/// What a generation's envelope holds (schema 4): the state without its long lists, and the
/// names of the blocks that hold them.
#[derive(Serialize, Deserialize)]
pub struct Manifest {
    /// The state with its resources, check-ins and people left out.
    pub state: State,
    /// Where those are.
    pub blocks: Names,
}

/// The blocks of one list as last saved or read, with their items, so the next save can tell
/// which blocks are unchanged by comparing items rather than writing them out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known<T> {
    blocks: Vec<(String, Vec<T>)>,
}

impl<T> Default for Known<T> {
    fn default() -> Self {
        Known { blocks: Vec::new() }
    }
}

/// The blocks of every list as last saved or read by this tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cache {
    resources: Known<Resource>,
    check_ins: Known<CheckIn>,
    people: Known<Person>,
}

impl<T> Known<T> {
    fn retain(&mut self, keep: &impl Fn(&str) -> bool) {
        self.blocks.retain(|(name, _)| keep(name));
    }
}

impl Cache {
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

fn plan_list<T: Item>(
    items: &[T],
    known: &Known<T>,
    new: &mut Vec<(String, String)>,
) -> Result<(Vec<String>, Known<T>), serde_json::Error> {
    // Known blocks by their first item's id: a block that starts with the same item and holds
    // equal items is the same block.
    let by_first: HashMap<&str, Vec<&(String, Vec<T>)>> =
        known.blocks.iter().fold(HashMap::new(), |mut map, block| {
            if let Some(first) = block.1.first() {
                map.entry(first.id().as_str())
                    .or_insert_with(Vec::new)
                    .push(block);
            }
            map
        });
    let mut names = Vec::new();
    let mut blocks = Vec::new();
    for chunk in cut(items) {
        let same = chunk.first().and_then(|first| {
            by_first
                .get(first.id().as_str())?
                .iter()
                .find(|(_, held)| held.as_slice() == chunk)
        });
        let name = match same {
            Some((name, _)) => name.clone(),
            None => {
                let text = encode(chunk)?;
                let name = name(&text);
                if !new.iter().any(|(k, _)| *k == key(&name)) {
                    new.push((key(&name), text));
                }
                name
            }
        };
        names.push(name.clone());
        blocks.push((name, chunk.to_vec()));
    }
    Ok((names, Known { blocks }))
}

/// Works out a save of `state`, given the blocks this tab knows are stored.
pub fn plan(state: &State, cache: &Cache) -> Result<Plan, serde_json::Error> {
    let mut new = Vec::new();
    let (resources, r) = plan_list(&state.resources, &cache.resources, &mut new)?;
    let (check_ins, c) = plan_list(&state.check_ins, &cache.check_ins, &mut new)?;
    let (people, p) = plan_list(&state.people, &cache.people, &mut new)?;
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
        state: head,
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
        blocks.push((name.clone(), decode(name, &text)?));
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
    let Manifest { mut state, blocks } =
        serde_json::from_str(manifest).map_err(|e| DecodeError::Shape(e.to_string()))?;
    if !(state.resources.is_empty() && state.check_ins.is_empty() && state.people.is_empty()) {
        return Err(DecodeError::Shape(
            "a list is both in the manifest and in blocks".into(),
        ));
    }
    let cache = Cache {
        resources: read_list(&blocks.resources, source)?,
        check_ins: read_list(&blocks.check_ins, source)?,
        people: read_list(&blocks.people, source)?,
    };
    state.resources = items(&cache.resources);
    state.check_ins = items(&cache.check_ins);
    state.people = items(&cache.people);
    Ok((state, cache))
}

/// The block names a stored generation's text refers to, read leniently (no check), so that
/// blocks of a damaged generation are not removed while its manifest is still readable.
pub fn referenced(envelope: &str) -> BTreeSet<String> {
    #[derive(Deserialize)]
    struct Loose {
        data: Option<LooseData>,
    }
    #[derive(Deserialize)]
    struct LooseData {
        blocks: Option<Names>,
    }
    serde_json::from_str::<Loose>(envelope)
        .ok()
        .and_then(|l| l.data)
        .and_then(|d| d.blocks)
        .map(|n| n.all().into_iter().map(str::to_owned).collect())
        .unwrap_or_default()
}
