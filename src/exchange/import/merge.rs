//! The merge: the librarian's data with what the file adds, and the file's versions the
//! librarian picked. The caller keeps the state from before, so one click undoes it all.

use super::error::MergeError;
use super::part::{each, EachPart, Item};
use super::types::{Entry, Picks, Preview};
use crate::model::{Origin, Settings, State};
use chrono::NaiveDate;

impl Preview {
    /// The state after importing with these picks. New items are added at the end and
    /// remember where they came from; the librarian's items stay unless picked.
    pub fn merge(
        &self,
        state: &State,
        picks: &Picks,
        today: NaiveDate,
    ) -> Result<State, MergeError> {
        let mut out = state.clone();
        if picks.settings {
            if let Some(Entry::Changed { theirs, .. }) = &self.settings {
                out.settings = Settings {
                    set_up: out.settings.set_up || theirs.set_up,
                    ..theirs.clone()
                };
            }
        }
        // Items from the librarian's own file (a backup) need no note of where they came
        // from; anyone else's keep the sender's name and the day.
        let by = &self.source.exported_by;
        let own = !by.is_empty()
            && (*by == out.settings.name || by.starts_with(&format!("{}, ", out.settings.name)));
        let from = (!own).then(|| Origin {
            from: by.clone(),
            date: today,
        });
        let mut merge = Merge {
            preview: self,
            picks,
            today,
            from,
            out,
        };
        each(&mut merge);
        let mut out = merge.out;
        each(&mut Settle(&mut out));
        let mut caps = Caps(&out, None);
        each(&mut caps);
        if let Some(e) = caps.1 {
            return Err(e);
        }
        if out.goals.len() > state.goals.len() {
            out.settings.set_up = true;
        }
        Ok(out)
    }
}

/// Adds each part's new items and takes the picked versions.
struct Merge<'p> {
    preview: &'p Preview,
    picks: &'p Picks,
    today: NaiveDate,
    from: Option<Origin>,
    out: State,
}

impl EachPart for Merge<'_> {
    fn part<P: Item>(&mut self) {
        let template = self.preview.template;
        for e in P::get(&self.preview.parts) {
            match e {
                Entry::New(item) => {
                    let mut item = item.clone();
                    item.arrive(template, self.today, self.from.as_ref());
                    P::of_mut(&mut self.out).push(item);
                }
                Entry::Changed { mine, theirs }
                    if self.picks.theirs.contains(&(P::PART, mine.id().clone())) =>
                {
                    let here = P::of_mut(&mut self.out)
                        .iter_mut()
                        .find(|x| x.id() == mine.id());
                    if let Some(here) = here {
                        here.take_theirs(theirs, template);
                    }
                }
                _ => {}
            }
        }
    }
}

struct Settle<'s>(&'s mut State);

impl EachPart for Settle<'_> {
    fn part<P: Item>(&mut self) {
        P::settle(self.0);
    }
}

/// The first part over its cap, if any.
struct Caps<'s>(&'s State, Option<MergeError>);

impl EachPart for Caps<'_> {
    fn part<P: Item>(&mut self) {
        if self.1.is_none() && P::of(self.0).len() > P::MAX {
            self.1 = Some(MergeError::TooMany {
                what: P::NOUNS.1,
                max: P::MAX,
            });
        }
    }
}
