//! One trait for a part of the export file whose items are listed one by one, and the list
//! of those parts. Reading, checking, the preview, the merge, the counts, the export, the
//! summary and the preview's words all go through [`each`], and every value kept per part
//! (a file's lists and counts, the preview's entries, an export's choice) is a [`Parts`]
//! field. A new part is a module with its [`Item`] impl and one line in `listed_parts!`.

use super::types::{Entry, Matching, Part, Preview, Rejected};
use crate::model::{ActionError, CheckIn, Goal, Id, Origin, Person, Resource, State};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The listed parts, in the order the export file writes them: adding a part is one line
/// here, `key: Item`, where `key` is its name in the file's `contents` and `counts`. Makes
/// [`Parts`], each part's [`InParts`] impl and the file's order of parts.
macro_rules! listed_parts {
    ($($(#[$doc:meta])* $key:ident: $item:ty,)*) => {
        /// A value for each listed part, of the kind `F` says: the lists in a file, their
        /// counts, a preview's entries, an export's choice.
        pub struct Parts<F: Family> {
            $($(#[$doc])* pub $key: F::Of<$item>,)*
        }

        impl<F: Family> Clone for Parts<F> {
            fn clone(&self) -> Self {
                Parts { $($key: self.$key.clone(),)* }
            }
        }

        impl<F: Family> Default for Parts<F> {
            fn default() -> Self {
                Parts { $($key: Default::default(),)* }
            }
        }

        impl<F: Family> PartialEq for Parts<F> {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$key == other.$key)*
            }
        }

        impl<F: Family> Eq for Parts<F> {}

        impl<F: Family> fmt::Debug for Parts<F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Parts")$(.field(stringify!($key), &self.$key))*.finish()
            }
        }

        $(impl InParts for $item {
            const KEY: &'static str = stringify!($key);

            fn get<F: Family>(parts: &Parts<F>) -> &F::Of<Self> {
                &parts.$key
            }

            fn get_mut<F: Family>(parts: &mut Parts<F>) -> &mut F::Of<Self> {
                &mut parts.$key
            }
        })*

        /// Every listed part, in the order the export file writes them.
        pub fn in_file_order(work: &mut impl EachPart) {
            $(work.part::<$item>();)*
        }
    };
}

listed_parts! {
    /// The plan's goals.
    goals: Goal,
    /// The check-in log.
    check_ins: CheckIn,
    /// The shelf's resources.
    resources: Resource,
    /// The people in the librarian's network.
    people: Person,
}

/// Where a listed part sits in [`Parts`]; made for each part by [`listed_parts!`].
pub trait InParts: Sized {
    /// The part's key in the file's `contents` and `counts`.
    const KEY: &'static str;
    /// The part's value in `parts`.
    fn get<F: Family>(parts: &Parts<F>) -> &F::Of<Self>
    where
        Self: Item;
    /// The same, to change.
    fn get_mut<F: Family>(parts: &mut Parts<F>) -> &mut F::Of<Self>
    where
        Self: Item;
}

impl<F: Family> Parts<F> {
    /// The value kept for part `P`.
    pub fn of<P: Item>(&self) -> &F::Of<P> {
        P::get(self)
    }

    /// The same, to change.
    pub fn of_mut<P: Item>(&mut self) -> &mut F::Of<P> {
        P::get_mut(self)
    }
}

/// A kind of value kept for each listed part in [`Parts`]: `Of<P>` for part `P`.
pub trait Family {
    /// The value kept for part `P`.
    type Of<P: Item>: Clone + fmt::Debug + Eq + Default;
}

/// Each part's items as a file holds them, or `None` when it leaves the part out.
pub struct Lists;

impl Family for Lists {
    type Of<P: Item> = Option<Vec<P>>;
}

/// How many items of each part a file holds.
pub struct Numbers;

impl Family for Numbers {
    type Of<P: Item> = usize;
}

/// Each part's entries in a preview: how each of the file's items compares.
pub struct Entries;

impl Family for Entries {
    type Of<P: Item> = Vec<Entry<P>>;
}

/// Which of each part's items an export holds.
pub struct Picked;

impl Family for Picked {
    type Of<P: Item> = P::Choice;
}

/// Which items of a part an export holds: all, none, or (for some parts) those it keeps.
pub trait Pick<P>: Clone + fmt::Debug + Eq + Default {
    /// Every item.
    const ALL: Self;
    /// None: the part is left out.
    const NONE: Self;
    /// True when the export holds `item`.
    fn keeps(&self, item: &P) -> bool;
}

/// A part is shared whole or left out.
impl<P> Pick<P> for bool {
    const ALL: Self = true;
    const NONE: Self = false;

    fn keeps(&self, _item: &P) -> bool {
        *self
    }
}

/// How a kind of value kept per part is written into the export file.
pub trait Written: Family {
    /// Writes part `P`'s value under its key, or nothing when the file leaves it out.
    fn entry<P: Item, M: SerializeMap>(map: &mut M, value: &Self::Of<P>) -> Result<(), M::Error>;
}

/// A part left out of the file is absent from its `contents`.
impl Written for Lists {
    fn entry<P: Item, M: SerializeMap>(map: &mut M, value: &Self::Of<P>) -> Result<(), M::Error> {
        match value {
            Some(items) => map.serialize_entry(P::KEY, items),
            None => Ok(()),
        }
    }
}

/// A count of 0 is written only for the parts every file has counted (see
/// [`Item::ALWAYS_COUNTED`]).
impl Written for Numbers {
    fn entry<P: Item, M: SerializeMap>(map: &mut M, value: &usize) -> Result<(), M::Error> {
        if *value > 0 || P::ALWAYS_COUNTED {
            map.serialize_entry(P::KEY, value)
        } else {
            Ok(())
        }
    }
}

/// Written as an object with a key for each part, in the file's order.
impl<F: Written> Serialize for Parts<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Write<'p, F: Family, M: SerializeMap> {
            parts: &'p Parts<F>,
            map: M,
            done: Result<(), M::Error>,
        }
        impl<F: Written, M: SerializeMap> EachPart for Write<'_, F, M> {
            fn part<P: Item>(&mut self) {
                if self.done.is_ok() {
                    self.done = F::entry::<P, M>(&mut self.map, P::get(self.parts));
                }
            }
        }
        let mut write = Write {
            parts: self,
            map: serializer.serialize_map(None)?,
            done: Ok(()),
        };
        in_file_order(&mut write);
        write.done?;
        write.map.end()
    }
}

/// An item of one listed part of the export file (a goal, a check-in, a resource, a person).
pub trait Item: InParts + Clone + fmt::Debug + Eq + Serialize + DeserializeOwned + 'static {
    /// The part, in reports and picks.
    const PART: Part;
    /// One item and several, as counts say them ("check-in", "check-ins").
    const NOUNS: (&'static str, &'static str);
    /// The most a file, or the data after an import, may hold.
    const MAX: usize;
    /// True for the parts every export file has counted, even at 0 (the first files'
    /// parts); a later part is counted only when the file holds some, so a file without
    /// it reads as before.
    const ALWAYS_COUNTED: bool = false;
    /// True for a part whose items link to other parts' items: it comes after them.
    const LINKS_OTHERS: bool = false;
    /// Which of the part's items an export holds.
    type Choice: Pick<Self>;
    /// What the export dialog starts with for this part.
    const SHARED_AT_FIRST: bool = false;

    /// The item's id, by which it is matched.
    fn id(&self) -> &Id;
    /// What a report of a left-out item calls it: its title, or what stands in for one.
    fn title(&self) -> String;
    /// How the preview lists it among new items, after its part's name.
    fn listed(&self) -> String {
        self.title()
    }
    /// How the preview names it above its differences, and on its "Use theirs" box.
    fn caption(&self) -> String {
        self.title()
    }
    /// The fields shown side by side when the file's version differs: (field, value).
    fn rows(&self) -> Vec<(&'static str, String)>;
    /// The item checked with the rules for typing it in, or why it is left out.
    fn check(self) -> Result<Self, ActionError>;

    /// The part's items in the librarian's data.
    fn of(state: &State) -> &[Self];
    /// The same, to change.
    fn of_mut(state: &mut State) -> &mut Vec<Self>;
    /// The section a file's summary gives the part's items (never empty): its heading and
    /// a line for each item, or no lines when the items are only counted.
    fn summary(items: &[Self]) -> (String, Vec<String>);

    /// How many an export of `choice` would hold, if it has the part at all.
    fn chosen(state: &State, choice: &Parts<Picked>) -> Option<usize> {
        let pick = Self::get(choice);
        (*pick != <Self::Choice as Pick<Self>>::NONE)
            .then(|| Self::of(state).iter().filter(|i| pick.keeps(i)).count())
    }
    /// The part as an export of `choice` holds it, if it has the part at all.
    fn exported(state: &State, choice: &Parts<Picked>) -> Option<Vec<Self>> {
        let pick = Self::get(choice);
        (*pick != <Self::Choice as Pick<Self>>::NONE).then(|| {
            Self::of(state)
                .iter()
                .filter(|i| pick.keeps(i))
                .cloned()
                .collect()
        })
    }

    /// True when the file's version of an item here is the same as the librarian's, for
    /// what the file carries.
    fn same(mine: &Self, theirs: &Self, _template: bool) -> bool {
        mine == theirs
    }
    /// Compares the file's items with the librarian's data; `so_far` holds the parts
    /// before this one. By default items match by id, and an id repeated in the file is
    /// left out.
    fn preview(theirs: Vec<Self>, m: &mut Matching, _so_far: &Preview) -> Vec<Entry<Self>> {
        by_id(theirs, m, |_| {})
    }
    /// Readies a new item for the librarian's data: `from` is where it came from, when the
    /// file is someone else's.
    fn arrive(&mut self, _template: bool, _today: NaiveDate, _from: Option<&Origin>) {}
    /// Takes the file's version of an item the librarian picked it for.
    fn take_theirs(&mut self, theirs: &Self, _template: bool) {
        *self = theirs.clone();
    }
    /// Tidies the part once every part is merged (a link to an item neither side has).
    fn settle(_state: &mut State) {}
}

/// Work done once for each listed part; see [`each`].
pub trait EachPart {
    /// Does the work for part `P`.
    fn part<P: Item>(&mut self);
}

/// Every listed part, in the order the preview shows them: the file's order, except that a
/// part whose items link to others' ([`Item::LINKS_OTHERS`], a check-in) comes after them.
pub fn each(work: &mut impl EachPart) {
    struct Pass<'w, W>(&'w mut W, bool);
    impl<W: EachPart> EachPart for Pass<'_, W> {
        fn part<P: Item>(&mut self) {
            if P::LINKS_OTHERS == self.1 {
                self.0.part::<P>();
            }
        }
    }
    in_file_order(&mut Pass(work, false));
    in_file_order(&mut Pass(work, true));
}

/// Matches the file's items with the librarian's by id, after `prepare` has readied each.
pub fn by_id<P: Item>(
    theirs: Vec<P>,
    m: &mut Matching,
    mut prepare: impl FnMut(&mut P),
) -> Vec<Entry<P>> {
    let (state, template) = (m.state, m.template);
    let mut here: HashMap<&Id, &P> = HashMap::new();
    for item in P::of(state) {
        here.entry(item.id()).or_insert(item);
    }
    once_each(theirs, &mut m.rejected)
        .into_iter()
        .map(|mut theirs| {
            prepare(&mut theirs);
            match here.get(theirs.id()) {
                None => Entry::New(theirs),
                Some(&mine) => Entry::here(P::same(mine, &theirs, template), mine, theirs),
            }
        })
        .collect()
}

/// Matches the file's items with the librarian's by id, then by a key such as a normalised
/// address (`key`, named `what` in reasons). An id or key repeated in the file, or the id of
/// one item here with the key of another, is left out. For a match, `settle` gives the file's
/// item as it would replace the librarian's (with the local id) and whether the two are the
/// same; the file's id is recorded as renamed, so later parts that link to it follow.
pub fn by_id_then_key<P: Item>(
    theirs: Vec<P>,
    m: &mut Matching,
    what: &str,
    key: impl Fn(&P) -> Option<String>,
    settle: impl Fn(P, &P, bool) -> (P, bool),
) -> Vec<Entry<P>> {
    let state = m.state;
    let by_id: HashMap<&Id, &P> = P::of(state).iter().map(|r| (r.id(), r)).collect();
    let by_key: HashMap<String, &P> = P::of(state)
        .iter()
        .filter_map(|r| key(r).map(|k| (k, r)))
        .collect();
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut seen_ids: HashSet<Id> = HashSet::new();
    let mut entries = Vec::new();
    for (i, theirs) in theirs.into_iter().enumerate() {
        let k = key(&theirs);
        let reject = |reason: String| Rejected {
            part: P::PART,
            number: i + 1,
            title: theirs.title(),
            reason,
        };
        if !seen_ids.insert(theirs.id().clone()) {
            m.rejected
                .push(reject("its id appears earlier in this file".into()));
            continue;
        }
        if let Some(k) = &k {
            if !seen_keys.insert(k.clone()) {
                m.rejected
                    .push(reject(format!("its {what} appears earlier in this file")));
                continue;
            }
        }
        let at_key = k.as_ref().and_then(|k| by_key.get(k)).copied();
        let mine = match (by_id.get(theirs.id()).copied(), at_key) {
            (Some(a), Some(b)) if a.id() != b.id() => {
                m.rejected.push(reject(format!(
                    "it has the id of “{}” but the {what} of “{}”",
                    a.title(),
                    b.title()
                )));
                continue;
            }
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        entries.push(match mine {
            None => Entry::New(theirs),
            Some(mine) => {
                m.renamed.insert(theirs.id().clone(), mine.id().clone());
                let (theirs, same) = settle(theirs, mine, m.partial);
                Entry::here(same, mine, theirs)
            }
        });
    }
    entries
}

/// The items whose id has not appeared earlier in the file; the others are left out with a
/// reason (numbered by their place among the items read).
pub fn once_each<P: Item>(items: Vec<P>, rejected: &mut Vec<Rejected>) -> Vec<P> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        if seen.insert(item.id().clone()) {
            out.push(item);
        } else {
            rejected.push(Rejected {
                part: P::PART,
                number: i + 1,
                title: item.title(),
                reason: "its id appears earlier in this file".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Order(Vec<&'static str>);
    impl EachPart for Order {
        fn part<P: Item>(&mut self) {
            self.0.push(P::KEY);
        }
    }

    /// Every part once, in the file's order, and for the work a part that links to others
    /// after them.
    #[test]
    fn every_part_comes_once_and_links_come_after_what_they_link() {
        let mut file = Order(Vec::new());
        in_file_order(&mut file);
        assert_eq!(file.0, ["goals", "check_ins", "resources", "people"]);
        let mut work = Order(Vec::new());
        each(&mut work);
        assert_eq!(work.0, ["goals", "resources", "people", "check_ins"]);
    }

    /// A part left out is absent from the file's contents; a count of 0 is written only for
    /// the parts every file has counted.
    #[test]
    fn a_part_left_out_is_absent_and_only_the_first_parts_count_nothing() {
        let lists: Parts<Lists> = Parts {
            resources: Some(Vec::new()),
            ..Parts::default()
        };
        assert_eq!(
            serde_json::to_string(&lists).unwrap(),
            r#"{"resources":[]}"#
        );
        let counts: Parts<Numbers> = Parts::default();
        assert_eq!(
            serde_json::to_string(&counts).unwrap(),
            r#"{"goals":0,"check_ins":0,"resources":0}"#
        );
        let counts: Parts<Numbers> = Parts {
            people: 2,
            ..Parts::default()
        };
        assert_eq!(
            serde_json::to_string(&counts).unwrap(),
            r#"{"goals":0,"check_ins":0,"resources":0,"people":2}"#
        );
    }
}
