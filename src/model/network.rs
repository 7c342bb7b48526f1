//! Finding people in the network: search as you type over name, where, role, tags, notes and
//! email, with filters, in a stable order.

use super::period::Calendar;
use super::person::KeepInTouch;
use super::search::fold;
use super::{Area, DateRange, Id, Person, Relation, State};
use chrono::{Days, Months, NaiveDate};
use std::collections::HashMap;

/// Which people the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Showing {
    /// Everyone not archived.
    #[default]
    Current,
    /// Only the starred (not archived).
    Starred,
    /// Only the archived.
    Archived,
    /// Those due to reconnect today, most overdue first.
    Due,
}

/// What the librarian is looking for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleQuery {
    /// Words typed; every one must appear (ignoring case and accents).
    pub text: String,
    /// Only this relationship.
    pub relation: Option<Relation>,
    /// Only this area.
    pub area: Option<Area>,
    /// Current, starred or archived.
    pub showing: Showing,
}

/// The places in `people` of those matching `q`: starred first, then by name (ignoring case
/// and accents), then in the order added.
pub fn find(people: &[Person], q: &PeopleQuery) -> Vec<usize> {
    let words: Vec<String> = fold(&q.text)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut found: Vec<(bool, String, usize)> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| match q.showing {
            Showing::Current | Showing::Due => !p.archived,
            Showing::Starred => !p.archived && p.favourite,
            Showing::Archived => p.archived,
        })
        .filter(|(_, p)| q.relation.is_none_or(|r| p.relation == r))
        .filter(|(_, p)| q.area.is_none_or(|a| p.area == Some(a)))
        .filter(|(_, p)| {
            if words.is_empty() {
                return true;
            }
            let hay = fold(
                &[
                    p.name.as_str(),
                    &p.place,
                    &p.role,
                    &p.tags.join(" "),
                    &p.notes,
                    &p.email,
                ]
                .join("\n"),
            );
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, p)| (!p.favourite, fold(&p.name), i))
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, i)| i).collect()
}

/// [`find`] over the state's people, where [`Showing::Due`] keeps those due to reconnect on
/// `today` in Reconnect's order (most overdue first).
pub fn find_in(state: &State, q: &PeopleQuery, today: NaiveDate) -> Vec<usize> {
    let found = find(&state.people, q);
    if q.showing != Showing::Due {
        return found;
    }
    let at: HashMap<&Id, usize> = found
        .iter()
        .filter_map(|i| state.people.get(*i).map(|p| (&p.id, *i)))
        .collect();
    reconnect(state, today)
        .iter()
        .filter_map(|r| at.get(&r.id).copied())
        .collect()
}

/// The check-ins logged with each of `people` (in that order), each list newest first (then
/// the latest logged first): what a page of the People screen shows, found in one pass over
/// the log rather than one per person.
pub fn connections_of<'s>(state: &'s State, people: &[&Id]) -> Vec<Vec<&'s super::CheckIn>> {
    let mut at: HashMap<&Id, usize> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        at.entry(*p).or_insert(i);
    }
    let mut out: Vec<Vec<(usize, &super::CheckIn)>> = vec![Vec::new(); people.len()];
    for (n, c) in state.check_ins.iter().enumerate() {
        for p in &c.with {
            if let Some(list) = at.get(p).and_then(|i| out.get_mut(*i)) {
                // A name twice in one check-in is one connection.
                if list.last().is_none_or(|(last, _)| *last != n) {
                    list.push((n, c));
                }
            }
        }
    }
    for list in &mut out {
        list.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
    }
    // Someone asked for twice gets the same list both times.
    people
        .iter()
        .map(|p| {
            at.get(p)
                .and_then(|i| out.get(*i))
                .map(|list| list.iter().map(|(_, c)| *c).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// The lines under "Connections with …" for each of `people`: the day, the goal, the note and
/// the resources each connection linked, newest first.
pub fn history_lines(s: &State, people: &[&Id]) -> Vec<Vec<String>> {
    let lists = connections_of(s, people);
    let linked: std::collections::HashSet<&Id> =
        lists.iter().flatten().flat_map(|c| &c.resources).collect();
    // The first resource with an id, as `State::resource` finds it.
    let mut titles: HashMap<&Id, &str> = HashMap::new();
    for r in s.resources.iter().filter(|r| linked.contains(&r.id)) {
        titles.entry(&r.id).or_insert(r.title.as_str());
    }
    let line = |c: &super::CheckIn| {
        let mut line = super::words::date(c.date, s.settings.locale);
        if let Some(goal) = c.goal.as_ref().and_then(|g| s.goal(g)) {
            line.push_str(&format!(" · {}", goal.title));
        }
        if !c.note.is_empty() {
            line.push_str(&format!(": {}", c.note));
        }
        let resources: Vec<&str> = c
            .resources
            .iter()
            .filter_map(|r| titles.get(r).copied())
            .collect();
        if !resources.is_empty() {
            line.push_str(&format!(" (Resources: {})", resources.join(", ")));
        }
        line
    };
    lists
        .into_iter()
        .map(|list| list.into_iter().map(line).collect())
        .collect()
}

/// Someone whose keep-in-touch interval has passed since the last connection logged with them
/// (or since they were added).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconnect {
    /// Who.
    pub id: Id,
    /// Their name.
    pub name: String,
    /// The day of the last connection logged with them, if any.
    pub last: Option<NaiveDate>,
    /// The day they were added (what counts when nothing is logged).
    pub added: NaiveDate,
    /// The day the reminder became due.
    pub due: NaiveDate,
}

impl Reconnect {
    /// A kind sentence: "It's been 7 weeks since you and Sam talked."
    pub fn sentence(&self, today: NaiveDate) -> String {
        match self.last {
            Some(last) => format!(
                "It's been {} since you and {} talked.",
                elapsed(last, today),
                self.name
            ),
            None => format!(
                "You added {} {} ago and haven't logged a connection yet.",
                self.name,
                elapsed(self.added, today)
            ),
        }
    }
}

/// "5 days", "3 weeks", "4 months", as a person would say it.
pub fn elapsed(from: NaiveDate, to: NaiveDate) -> String {
    let days = (to - from).num_days().max(0);
    let (n, one, many) = if days < 14 {
        (days, "day", "days")
    } else if days < 63 {
        (days / 7, "week", "weeks")
    } else {
        (days / 30, "month", "months")
    };
    super::words::plural(usize::try_from(n).unwrap_or(0), one, many)
}

/// How long a term runs when the librarian has not entered their terms: ten weeks.
const TERM_WITHOUT_TERMS: u64 = 70;

/// The day someone last reached on `last` is due again, by the interval alone.
fn interval_end(keep: KeepInTouch, last: NaiveDate, cal: &Calendar<'_>) -> Option<NaiveDate> {
    match keep {
        KeepInTouch::Never => None,
        KeepInTouch::TwoWeeks => last.checked_add_days(Days::new(14)),
        KeepInTouch::Month => last.checked_add_months(Months::new(1)),
        KeepInTouch::Quarter => last.checked_add_months(Months::new(3)),
        // The first day of the next term that starts after the last connection.
        KeepInTouch::Term if !cal.terms.is_empty() => cal
            .terms
            .iter()
            .filter(|t| t.start > last && t.start <= t.end)
            .map(|t| t.start)
            .min(),
        KeepInTouch::Term => last.checked_add_days(Days::new(TERM_WITHOUT_TERMS)),
    }
}

/// Days of `breaks` inside `from..=to` (overlapping breaks counted once).
fn break_days(breaks: &[DateRange], from: NaiveDate, to: NaiveDate) -> u64 {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| breaks.iter().any(|b| b.start <= *d && *d <= b.end))
        .count() as u64
}

/// The day a reminder for someone last reached on `last` is due: the interval, moved later
/// by the days of school breaks inside it, as breaks pause goals.
pub fn due_after(keep: KeepInTouch, last: NaiveDate, cal: &Calendar<'_>) -> Option<NaiveDate> {
    let plain = interval_end(keep, last, cal)?;
    if keep == KeepInTouch::Term && !cal.terms.is_empty() {
        // A term already starts after its breaks.
        return Some(plain);
    }
    // Extend by the breaks inside the span; a break reached by the extension extends it
    // again. A few rounds settle any real calendar.
    let mut due = plain;
    for _ in 0..8 {
        let extra = break_days(cal.breaks, last.succ_opt()?, due);
        let next = plain.checked_add_days(Days::new(extra))?;
        if next == due {
            break;
        }
        due = next;
    }
    Some(due)
}

/// The people to reconnect with on `today`, most overdue first (then by name): not archived,
/// with a reminder, not snoozed past today, and due. None while `today` is in a school break.
pub fn reconnect(state: &State, today: NaiveDate) -> Vec<Reconnect> {
    let cal = Calendar::of(&state.settings);
    if cal
        .breaks
        .iter()
        .any(|b| b.start <= today && today <= b.end)
    {
        return Vec::new();
    }
    let mut last: HashMap<&Id, NaiveDate> = HashMap::new();
    for c in state.check_ins.iter().filter(|c| c.date <= today) {
        for p in &c.with {
            let day = last.entry(p).or_insert(c.date);
            *day = (*day).max(c.date);
        }
    }
    let mut out: Vec<Reconnect> = state
        .people
        .iter()
        .filter(|p| p.reminds())
        .filter(|p| p.snoozed_until.is_none_or(|until| until <= today))
        .filter_map(|p| {
            let seen = last.get(&p.id).copied();
            // From the later of the last connection and the day they were added: someone
            // just added is never due at once because of a back-dated connection.
            let since = seen.map_or(p.added, |d| d.max(p.added));
            let due = due_after(p.keep_in_touch, since, &cal)?;
            (due <= today).then(|| Reconnect {
                id: p.id.clone(),
                name: p.name.clone(),
                last: seen,
                added: p.added,
                due,
            })
        })
        .collect();
    // Each name folded once, not once per comparison (a stable sort: equal keys keep the
    // network's order).
    out.sort_by_cached_key(|r| (r.due, fold(&r.name)));
    out
}

#[cfg(test)]
mod tests;
