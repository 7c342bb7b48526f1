//! Finding resources fast: case- and accent-insensitive matching, filters, ranking and sorts.
//!
//! The folded text of every resource is built once ([`Index::new`]) and brought up to date
//! after each change, building only what changed ([`Index::update`]); a keystroke only scans
//! it, so 5,000 resources stay quick on a slow Chromebook.

use super::link::host_of;
use super::reach::Items;
use super::{Id, Kind, Membership, Resource, Scope};
use chrono::NaiveDate;

/// Lower-case and strip the accents of Latin letters, so "Résumé" matches "resume".
pub fn fold(s: &str) -> String {
    // Most shelf text is plain ASCII: lower-casing bytes is many times quicker than the
    // character-by-character path, and gives the same answer.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    fold_chars(s)
}

fn fold_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => out.push('c'),
            'ď' | 'đ' | 'ð' => out.push('d'),
            'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ĥ' | 'ħ' => out.push('h'),
            'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
            'ĵ' => out.push('j'),
            'ķ' => out.push('k'),
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => out.push('l'),
            'ñ' | 'ń' | 'ņ' | 'ň' => out.push('n'),
            'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ŕ' | 'ŗ' | 'ř' => out.push('r'),
            'ś' | 'ŝ' | 'ş' | 'š' => out.push('s'),
            'ß' => out.push_str("ss"),
            'ţ' | 'ť' | 'ŧ' => out.push('t'),
            'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ŵ' => out.push('w'),
            'ý' | 'ÿ' | 'ŷ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'þ' => out.push_str("th"),
            // Combining accents (from decomposed text) carry no letter.
            '\u{0300}'..='\u{036F}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The folded, searchable text of one resource, in one string in the order matches rank:
/// title, then each tag, then the host, then the notes, with a line break between them. A
/// search term never holds whitespace, so it never matches across two of them, and the first
/// place it is found says which field ranks it. It keeps the resource's id, tags and address
/// as they were, so a change to the shelf can tell, without building it again, whether the
/// entry still holds ([`Entry::holds`]).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    id: Id,
    text: String,
    title_end: usize,
    tags_end: usize,
    host_end: usize,
    tags: Vec<String>,
    raw_tags: Vec<String>,
    url: Option<String>,
}

impl Entry {
    fn new(r: &Resource) -> Entry {
        let tags: Vec<String> = r.tags.iter().map(|t| fold(t)).collect();
        let host = r.url.as_deref().map(host_of).unwrap_or_default();
        let mut text = fold(&r.title);
        let title_end = text.len();
        for t in &tags {
            text.push('\n');
            text.push_str(t);
        }
        let tags_end = text.len();
        text.push('\n');
        text.push_str(&fold(host));
        let host_end = text.len();
        text.push('\n');
        text.push_str(&fold(&r.notes));
        Entry {
            id: r.id.clone(),
            text,
            title_end,
            tags_end,
            host_end,
            tags,
            raw_tags: r.tags.clone(),
            url: r.url.clone(),
        }
    }

    fn title(&self) -> &str {
        self.text.get(..self.title_end).unwrap_or_default()
    }

    /// True when this entry is what [`Entry::new`] would build from `r`: the same id, tags and
    /// address, and a title and notes that fold to the same text. Compares without building
    /// anything (for plain ASCII text), so checking a whole shelf after a star costs little.
    fn holds(&self, r: &Resource) -> bool {
        self.id == r.id
            && self.raw_tags == r.tags
            && self.url == r.url
            && folds_to(&r.title, self.title())
            && folds_to(
                &r.notes,
                self.text
                    .get(self.host_end..)
                    .and_then(|n| n.strip_prefix('\n'))
                    .unwrap_or_default(),
            )
    }
}

/// True when `fold(raw) == folded`, without building the folded text when `raw` is ASCII.
fn folds_to(raw: &str, folded: &str) -> bool {
    if raw.is_ascii() {
        raw.len() == folded.len()
            && raw
                .bytes()
                .zip(folded.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        fold_chars(raw) == folded
    }
}

/// Folded text for every resource on the shelf, in shelf order, and each one's place in title
/// order, so sorting a keystroke's results compares numbers rather than strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    entries: Vec<Entry>,
    title_rank: Vec<u32>,
}

impl Index {
    /// Builds the index for `resources`.
    pub fn new(resources: &[Resource]) -> Index {
        let entries: Vec<Entry> = resources.iter().map(Entry::new).collect();
        let title_rank = title_ranks(&entries);
        Index {
            entries,
            title_rank,
        }
    }

    /// Brings the index up to date with `resources` (the shelf after a change), building again
    /// only the entries whose resource changed what the index holds, and ordering titles again
    /// only when one of them changed or the shelf did. Returns false when the index is unchanged
    /// (a star, a membership or date changed, a check-in logged), so the tag list and the
    /// duplicate checks built from the same fields need not be built again either. The result
    /// is always equal to `Index::new(resources)`.
    pub fn update(&mut self, resources: &[Resource]) -> bool {
        self.update_within(resources, &Items::Any)
    }

    /// [`Index::update`] after a change that can have changed only `changed` on the shelf
    /// (see [`Action::reach`](super::Action::reach)): when it kept the shelf's places, only
    /// the entries of resources it can have changed are checked. The result is equal to
    /// `Index::new(resources)` whenever `changed` holds every change since the last update.
    pub fn update_within(&mut self, resources: &[Resource], changed: &Items) -> bool {
        let same_places = self.entries.len() == resources.len()
            && self
                .entries
                .iter()
                .zip(resources)
                .all(|(e, r)| e.id == r.id);
        if same_places {
            let mut changed_any = false;
            let mut titles_changed = false;
            for (e, r) in self.entries.iter_mut().zip(resources) {
                if changed.may_have_changed(&r.id) && !e.holds(r) {
                    let fresh = Entry::new(r);
                    titles_changed |= fresh.title() != e.title();
                    *e = fresh;
                    changed_any = true;
                }
            }
            if titles_changed {
                self.title_rank = title_ranks(&self.entries);
            }
            return changed_any;
        }
        // Resources added, removed or moved: each entry that still holds is kept by its id.
        let mut old: std::collections::HashMap<Id, Entry> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(|e| (e.id.clone(), e))
            .collect();
        self.entries = resources
            .iter()
            .map(|r| match old.remove(&r.id) {
                Some(e) if e.holds(r) => e,
                _ => Entry::new(r),
            })
            .collect();
        self.title_rank = title_ranks(&self.entries);
        true
    }
}

/// Each entry's place in title order.
fn title_ranks(entries: &[Entry]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|a, b| {
        let title = |i: &usize| entries.get(*i).map(Entry::title);
        title(a).cmp(&title(b))
    });
    let mut title_rank = vec![0; entries.len()];
    for (rank, i) in order.into_iter().enumerate() {
        if let Some(slot) = title_rank.get_mut(i) {
            *slot = rank as u32;
        }
    }
    title_rank
}

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first while searching, else by title.
    #[default]
    Relevance,
    /// A to Z.
    Title,
    /// Newest first.
    RecentlyAdded,
    /// Soonest next date first; resources without one last.
    NextDate,
}

/// What the librarian is looking for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Words that must all appear in the title, host, tags or notes.
    pub text: String,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only resources with this tag (ignoring case and accents).
    pub tag: Option<String>,
    /// Only this membership status.
    pub membership: Option<Membership>,
    /// Only this scope.
    pub scope: Option<Scope>,
    /// Only starred ones.
    pub favourites: bool,
    /// The order.
    pub sort: Sort,
}

/// One search word, with its searcher built once per search rather than once per resource.
struct Term {
    text: String,
    finder: memchr::memmem::Finder<'static>,
}

/// How well `e` matches every term (title start 8, title 6, a whole tag 5, part of a tag 4,
/// the host 3, the notes 1, summed), or `None` when a term is missing.
fn score(e: &Entry, terms: &[Term]) -> Option<u32> {
    let mut total = 0;
    for t in terms {
        let at = t.finder.find(e.text.as_bytes())?;
        total += if at == 0 {
            8
        } else if at < e.title_end {
            6
        } else if at < e.tags_end {
            if e.tags.contains(&t.text) {
                5
            } else {
                4
            }
        } else if at < e.host_end {
            3
        } else {
            1
        };
    }
    Some(total)
}

/// The positions in `resources` that match `query`, in the order to show them. `index` must
/// have been built from the same `resources`.
pub fn search(resources: &[Resource], index: &Index, query: &Query) -> Vec<usize> {
    ranked(resources, index, query, 0..resources.len(), usize::MAX)
}

/// Every match, like [`search`], with only the first `top` put in order (the rest follow in
/// no particular order): what a screen showing `top` results needs, without ranking a whole
/// shelf that matches a single letter. With `among` (the results of an earlier search that
/// `query` [narrows](Query::narrows), on the same `resources` and `index`), looks only there:
/// typing one more letter then looks at what still matched rather than at the whole shelf.
pub fn search_top(
    resources: &[Resource],
    index: &Index,
    query: &Query,
    among: Option<&[usize]>,
    top: usize,
) -> Vec<usize> {
    match among {
        Some(among) => ranked(resources, index, query, among.iter().copied(), top),
        None => ranked(resources, index, query, 0..resources.len(), top),
    }
}

impl Query {
    /// True when everything that matches `self` also matches `earlier`: the same filters, and
    /// every word of `earlier` is part of a word of `self` (the librarian typed on).
    pub fn narrows(&self, earlier: &Query) -> bool {
        let words = fold(&self.text);
        let earlier_words = fold(&earlier.text);
        self.kind == earlier.kind
            && self.tag == earlier.tag
            && self.membership == earlier.membership
            && self.scope == earlier.scope
            && self.favourites == earlier.favourites
            && earlier_words
                .split_whitespace()
                .all(|e| words.split_whitespace().any(|w| w.contains(e)))
    }
}

fn ranked(
    resources: &[Resource],
    index: &Index,
    query: &Query,
    among: impl Iterator<Item = usize>,
    top: usize,
) -> Vec<usize> {
    let terms: Vec<Term> = fold(&query.text)
        .split_whitespace()
        .map(|t| Term {
            text: t.to_owned(),
            finder: memchr::memmem::Finder::new(t).into_owned(),
        })
        .collect();
    let tag = query.tag.as_deref().map(fold);
    let mut hits: Vec<(u32, usize)> = among
        .filter_map(|i| Some((i, resources.get(i)?, index.entries.get(i)?)))
        .filter(|(_, r, e)| {
            query.kind.is_none_or(|k| r.kind == k)
                && query.membership.is_none_or(|m| r.membership == m)
                && query.scope.is_none_or(|s| r.scope == Some(s))
                && (!query.favourites || r.favourite)
                && tag.as_ref().is_none_or(|t| e.tags.contains(t))
        })
        .filter_map(|(i, _, e)| score(e, &terms).map(|s| (s, i)))
        .collect();
    // Every order is total (ties fall back to title order, then shelf order), so the results
    // are the same whatever order the candidates came in.
    let title = |i: usize| index.title_rank.get(i).copied().unwrap_or(u32::MAX);
    let next = |i: usize| -> Option<NaiveDate> { resources.get(i).and_then(|r| r.next_date) };
    let added = |i: usize| resources.get(i).map(|r| r.added);
    let order = |a: &(u32, usize), b: &(u32, usize)| match query.sort {
        Sort::Relevance => {
            (std::cmp::Reverse(a.0), title(a.1)).cmp(&(std::cmp::Reverse(b.0), title(b.1)))
        }
        Sort::Title => title(a.1).cmp(&title(b.1)),
        Sort::RecentlyAdded => added(b.1).cmp(&added(a.1)).then(b.1.cmp(&a.1)),
        Sort::NextDate => match (next(a.1), next(b.1)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(title(a.1).cmp(&title(b.1))),
    };
    if top < hits.len() {
        // The best `top` to the front, then only those sorted.
        hits.select_nth_unstable_by(top, order);
        if let Some(front) = hits.get_mut(..top) {
            front.sort_unstable_by(order);
        }
    } else {
        hits.sort_unstable_by(order);
    }
    hits.into_iter().map(|(_, i)| i).collect()
}

/// Every tag on the shelf, once (ignoring case and accents), sorted, for the tag filter.
pub fn all_tags(resources: &[Resource]) -> Vec<String> {
    let mut tags = std::collections::BTreeMap::new();
    for t in resources.iter().flat_map(|r| &r.tags) {
        tags.entry(fold(t)).or_insert_with(|| t.clone());
    }
    tags.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_folds_as_the_full_path_does() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold(&every_ascii), fold_chars(&every_ascii));
        assert_eq!(fold("LM_NET Digest"), "lm_net digest");
        assert_eq!(fold("Résumé ÆON"), "resume aeon");
    }
}
