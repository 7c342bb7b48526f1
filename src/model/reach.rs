//! What an action can change in the state's long lists (resources, check-ins, people), so the
//! save and the shelf's search index look only there after a change instead of comparing every
//! item. [`within`] is the rule each [`Action::reach`] is held to by the tests.

use super::{Action, CheckIn, Id, PeopleAction, Person, Resource, ShelfAction, State};

/// Which items of one list a change can have changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Items {
    /// None: the list is as it was.
    #[default]
    None,
    /// Only items with this id, in their places: the list holds the same ids in the same
    /// order, and every other item is as it was.
    Only(Id),
    /// Any: items added, removed, moved or changed anywhere.
    Any,
}

impl Items {
    /// What `self` and then `later` can have changed together (two different items count
    /// as any: a change rarely comes with another before it is saved).
    pub fn join(&mut self, later: &Items) {
        match (&*self, later) {
            (_, Items::None) => {}
            (Items::None, _) => *self = later.clone(),
            (Items::Only(a), Items::Only(b)) if a == b => {}
            _ => *self = Items::Any,
        }
    }

    /// True when the item with `id` may have changed (for `Any`, every item may have).
    pub fn may_have_changed(&self, id: &Id) -> bool {
        match self {
            Items::None => false,
            Items::Only(only) => only == id,
            Items::Any => true,
        }
    }
}

/// What a change (or a run of them) can have changed in each long list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// The shelf.
    pub resources: Items,
    /// The log.
    pub check_ins: Items,
    /// The network.
    pub people: Items,
}

impl Reach {
    /// Anything at all: a state read or swapped whole.
    pub fn any() -> Reach {
        Reach {
            resources: Items::Any,
            check_ins: Items::Any,
            people: Items::Any,
        }
    }

    /// What `self` and then `later` can have changed together.
    pub fn join(&mut self, later: &Reach) {
        self.resources.join(&later.resources);
        self.check_ins.join(&later.check_ins);
        self.people.join(&later.people);
    }
}

/// What an action can change in one list, turned into [`Items`] once the match is done.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Nothing,
    One(&'a Id),
    All,
}

impl Scope<'_> {
    fn items(self) -> Items {
        match self {
            Scope::Nothing => Items::None,
            Scope::One(id) => Items::Only(id.clone()),
            Scope::All => Items::Any,
        }
    }
}

impl Action {
    /// What applying this action can change in the long lists (a refused action changes
    /// nothing). Settings, goals and the backup record are not in the long lists.
    // Not inlined: applying an action is on the start path, and this is only read there.
    #[inline(never)]
    pub fn reach(&self) -> Reach {
        use Scope::{All, Nothing, One};
        // The resources, the log and the people.
        let [resources, check_ins, people] = match self {
            Action::SetProfile { .. }
            | Action::SetWeekStart(_)
            | Action::SetQuarterStart(_)
            | Action::SetTheme(_)
            | Action::SetLocale(_)
            | Action::AddDateRange { .. }
            | Action::EditDateRange { .. }
            | Action::RemoveDateRange { .. }
            | Action::SetUp { .. }
            | Action::AddGoal { .. }
            | Action::EditGoal { .. }
            | Action::SetGoalStatus { .. }
            | Action::MoveGoal { .. }
            | Action::SkipPeriod { .. }
            | Action::UnskipPeriod { .. }
            | Action::MarkExported { .. } => [Nothing; 3],
            // A goal's check-ins are untied from it, or tied again.
            Action::DeleteGoal { .. }
            | Action::RestoreGoal { .. }
            | Action::LogCheckIn { .. }
            | Action::DeleteCheckIn { .. }
            | Action::RestoreCheckIn { .. } => [Nothing, All, Nothing],
            Action::EditCheckIn { id, .. } => [Nothing, One(id), Nothing],
            Action::Shelf(a) => match a {
                ShelfAction::Favourite { id, .. } => [One(id), Nothing, Nothing],
                ShelfAction::Edit(r) => [One(&r.resource().id), Nothing, Nothing],
                ShelfAction::Add(_) | ShelfAction::AddMany(_) => [All, Nothing, Nothing],
                // Check-ins that linked them no longer do, or do again.
                ShelfAction::Delete { .. } | ShelfAction::Restore { .. } => [All, All, Nothing],
            },
            Action::People(a) => match a {
                PeopleAction::Favourite { id, .. }
                | PeopleAction::Snooze { id, .. }
                | PeopleAction::Archive { id, .. } => [Nothing, Nothing, One(id)],
                PeopleAction::Edit(p) => [Nothing, Nothing, One(&p.person().id)],
                PeopleAction::Add(_) => [Nothing, Nothing, All],
                // Check-ins that were with them no longer say so, or do again.
                PeopleAction::Delete { .. } | PeopleAction::Restore { .. } => [Nothing, All, All],
            },
            Action::Replace(_) => [All; 3],
        };
        Reach {
            resources: resources.items(),
            check_ins: check_ins.items(),
            people: people.items(),
        }
    }
}

/// The last few changes to one list, numbered, so that each reader of the list (a search
/// index) can ask what changed since the change it last saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    count: u64,
    recent: Vec<Items>,
}

/// How many changes [`Changes`] remembers; a reader further behind is told [`Items::Any`].
const REMEMBERED: usize = 16;

impl Changes {
    /// Records one more change.
    pub fn note(&mut self, items: Items) {
        self.count += 1;
        if self.recent.len() == REMEMBERED {
            self.recent.remove(0);
        }
        self.recent.push(items);
    }

    /// The number of the latest change (0 before the first).
    pub fn count(&self) -> u64 {
        self.count
    }

    /// What the changes after number `seen` can have changed together.
    pub fn since(&self, seen: u64) -> Items {
        let Some(behind) = self.count.checked_sub(seen) else {
            return Items::Any;
        };
        match usize::try_from(behind) {
            Ok(behind) if behind <= self.recent.len() => {
                let mut all = Items::None;
                for items in self.recent.iter().skip(self.recent.len() - behind) {
                    all.join(items);
                }
                all
            }
            _ => Items::Any,
        }
    }
}

/// An item of a long list, by its id.
pub trait Keyed: PartialEq {
    /// Its id.
    fn key(&self) -> &Id;
}

impl Keyed for Resource {
    fn key(&self) -> &Id {
        &self.id
    }
}

impl Keyed for CheckIn {
    fn key(&self) -> &Id {
        &self.id
    }
}

impl Keyed for Person {
    fn key(&self) -> &Id {
        &self.id
    }
}

/// True when `after` differs from `before` only as `items` allows.
pub fn list_within<T: Keyed>(before: &[T], after: &[T], items: &Items) -> bool {
    match items {
        Items::Any => true,
        Items::None => before == after,
        Items::Only(id) => {
            before.len() == after.len()
                && before
                    .iter()
                    .zip(after)
                    .all(|(b, a)| b.key() == a.key() && (b == a || b.key() == id))
        }
    }
}

/// True when every long list of `after` differs from `before` only as `reach` allows.
pub fn within(before: &State, after: &State, reach: &Reach) -> bool {
    list_within(&before.resources, &after.resources, &reach.resources)
        && list_within(&before.check_ins, &after.check_ins, &reach.check_ins)
        && list_within(&before.people, &after.people, &reach.people)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Id {
        Id::from_random([n; 16])
    }

    fn only(n: u8) -> Items {
        Items::Only(id(n))
    }

    #[test]
    fn changes_join_to_what_either_can_have_changed() {
        let mut items = Items::None;
        items.join(&Items::None);
        assert_eq!(items, Items::None);
        items.join(&only(1));
        assert_eq!(items, only(1));
        items.join(&only(1));
        items.join(&Items::None);
        assert_eq!(items, only(1));
        assert!(items.may_have_changed(&id(1)) && !items.may_have_changed(&id(2)));
        // A second item: any.
        items.join(&only(2));
        assert_eq!(items, Items::Any);
        items.join(&only(3));
        assert_eq!(items, Items::Any);
        assert!(items.may_have_changed(&id(3)));
        let mut then_any = only(1);
        then_any.join(&Items::Any);
        assert_eq!(then_any, Items::Any);
        assert!(!Items::None.may_have_changed(&id(1)));

        let mut reach = Reach::default();
        reach.join(&Reach {
            people: only(1),
            ..Reach::default()
        });
        reach.join(&Reach {
            check_ins: Items::Any,
            ..Reach::default()
        });
        let expected = Reach {
            resources: Items::None,
            check_ins: Items::Any,
            people: only(1),
        };
        assert_eq!(reach, expected);
    }

    #[test]
    fn a_reader_is_told_what_changed_since_the_change_it_last_saw() {
        let mut changes = Changes::default();
        assert_eq!((changes.count(), changes.since(0)), (0, Items::None));
        changes.note(only(1));
        changes.note(Items::None);
        changes.note(only(2));
        assert_eq!(changes.count(), 3);
        assert_eq!(changes.since(3), Items::None);
        assert_eq!(changes.since(2), only(2));
        assert_eq!(changes.since(1), only(2));
        assert_eq!(changes.since(0), Items::Any);
        // A reader that claims to be ahead is told anything may have changed.
        assert_eq!(changes.since(4), Items::Any);
        // Only the last REMEMBERED changes are kept; a reader further behind gets Any.
        for _ in 0..REMEMBERED {
            changes.note(only(9));
        }
        let count = changes.count();
        assert_eq!(count, 3 + REMEMBERED as u64);
        assert_eq!(changes.since(count - 1), only(9));
        assert_eq!(changes.since(count - REMEMBERED as u64), only(9));
        assert_eq!(changes.since(count - REMEMBERED as u64 - 1), Items::Any);
        assert_eq!(changes.since(0), Items::Any);
    }

    #[test]
    fn a_list_is_within_a_reach_only_when_what_differs_is_covered() {
        #[derive(PartialEq)]
        struct Item(Id, &'static str);
        impl Keyed for Item {
            fn key(&self) -> &Id {
                &self.0
            }
        }
        let item = |n: u8, title: &'static str| Item(id(n), title);
        let before = vec![item(1, "a"), item(2, "b")];
        let edited = vec![item(1, "a"), item(2, "B")];
        assert!(list_within(&before, &before, &Items::None));
        assert!(!list_within(&before, &edited, &Items::None));
        assert!(list_within(&before, &edited, &only(2)));
        assert!(!list_within(&before, &edited, &only(1)));
        assert!(list_within(&before, &edited, &Items::Any));
        // Moved, added or removed: only Any covers it, whatever ids are named.
        let moved = vec![item(2, "b"), item(1, "a")];
        assert!(!list_within(&before, &moved, &only(1)));
        assert!(list_within(&before, &moved, &Items::Any));
        let shorter = vec![item(1, "a")];
        assert!(!list_within(&before, &shorter, &only(2)));
        let replaced = vec![item(1, "a"), item(3, "b")];
        assert!(!list_within(&before, &replaced, &only(2)));
        assert!(!list_within(&before, &replaced, &only(3)));
    }
}
