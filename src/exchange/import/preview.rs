//! The preview: how what a file holds compares with the librarian's data, part by part.

use super::part::{each, EachPart, Item, Parts};
use super::types::{Entry, Incoming, Matching, Picks, Preview, Tally};
use crate::model::{Settings, State};
use std::collections::{BTreeSet, HashMap};

impl Preview {
    /// Compares what a file holds with `state`, each part as its [`Item`] impl matches it
    /// (goals and check-ins by id, resources by id and then by normalised web address).
    pub fn new(state: &State, mut incoming: Incoming) -> Preview {
        let template = incoming.parts.goals.is_some() && incoming.parts.check_ins.is_none();
        let settings = incoming.settings.take().map(|theirs| {
            let mine = &state.settings;
            // Whether the first-run choice was made is this device's business, not a setting
            // to compare.
            let same = Settings {
                set_up: mine.set_up,
                ..theirs.clone()
            } == *mine;
            Entry::here(same, mine, theirs)
        });
        let mut work = Match {
            m: Matching {
                state,
                template,
                partial: incoming.partial,
                renamed: HashMap::new(),
                rejected: std::mem::take(&mut incoming.rejected),
            },
            preview: Preview {
                source: std::mem::take(&mut incoming.source),
                template,
                settings,
                parts: Parts::default(),
                rejected: Vec::new(),
            },
            incoming,
        };
        each(&mut work);
        let Match { m, mut preview, .. } = work;
        preview.rejected = m.rejected;
        preview
    }

    /// Counts of new, present and changed items of part `P`.
    pub fn tally<P: Item>(&self) -> Tally {
        Tally::of(P::get(&self.parts))
    }

    /// The counts of every listed part added together.
    pub fn total(&self) -> Tally {
        struct Sum<'p>(&'p Preview, Tally);
        impl EachPart for Sum<'_> {
            fn part<P: Item>(&mut self) {
                let t = self.0.tally::<P>();
                self.1.new += t.new;
                self.1.present += t.present;
                self.1.changed += t.changed;
            }
        }
        let mut sum = Sum(self, Tally::default());
        each(&mut sum);
        sum.1
    }

    /// True when importing would change nothing, whatever is picked.
    pub fn changes_nothing(&self) -> bool {
        let t = self.total();
        t.new == 0 && t.changed == 0 && !matches!(self.settings, Some(Entry::Changed { .. }))
    }

    /// The default picks: the librarian's own data wins everywhere, except that a device
    /// with nothing on it takes the file's settings (restoring a backup).
    pub fn default_picks(&self, state: &State) -> Picks {
        Picks {
            theirs: BTreeSet::new(),
            settings: state.is_empty() && matches!(self.settings, Some(Entry::Changed { .. })),
        }
    }
}

/// Matches each part in turn; later parts see the entries of earlier ones.
struct Match<'a> {
    m: Matching<'a>,
    preview: Preview,
    incoming: Incoming,
}

impl EachPart for Match<'_> {
    fn part<P: Item>(&mut self) {
        let theirs = P::get_mut(&mut self.incoming.parts)
            .take()
            .unwrap_or_default();
        let entries = P::preview(theirs, &mut self.m, &self.preview);
        *P::get_mut(&mut self.preview.parts) = entries;
    }
}
