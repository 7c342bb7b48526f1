//! One trait for a part of the export file whose items are listed one by one, and the list
//! of those parts. Reading, checking, the preview, the merge, the counts and the preview's
//! words all go through [`each`]; a new part is a module with its [`Item`] impl, one line in
//! [`each`], and its field in the file's `contents` and `counts`.

use super::types::{Entry, Incoming, Matching, Part, Preview, Rejected};
use crate::exchange::file::{Choice, Contents, Counts};
use crate::model::{ActionError, CheckIn, Goal, Id, Origin, Person, Resource, State};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};

/// An item of one listed part of the export file (a goal, a check-in, a resource).
pub trait Item: Clone + PartialEq + DeserializeOwned + 'static {
    /// The part, in reports and picks.
    const PART: Part;
    /// The part's key in the file's `contents` and `counts`.
    const KEY: &'static str;
    /// One item and several, as counts say them ("check-in", "check-ins").
    const NOUNS: (&'static str, &'static str);
    /// The most a file, or the data after an import, may hold.
    const MAX: usize;

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
    /// How many the file's `counts` says it holds.
    fn counted(counts: &Counts) -> usize;
    /// The part in an export file's contents, if the file has it.
    fn in_file(contents: &Contents) -> Option<&[Self]>;
    /// How many an export of `choice` would hold, if it has the part at all.
    fn chosen(choice: &Choice, state: &State) -> Option<usize>;
    /// The part's items read from a file, if it had the part.
    fn incoming(incoming: &mut Incoming) -> &mut Option<Vec<Self>>;
    /// The part's entries in a preview.
    fn entries(preview: &Preview) -> &[Entry<Self>];
    /// The same, to fill.
    fn entries_mut(preview: &mut Preview) -> &mut Vec<Entry<Self>>;

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

/// Every listed part, in the order the preview shows them. A check-in may link goals,
/// resources and people, so it comes after them.
pub fn each(work: &mut impl EachPart) {
    work.part::<Goal>();
    work.part::<Resource>();
    work.part::<Person>();
    work.part::<CheckIn>();
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
