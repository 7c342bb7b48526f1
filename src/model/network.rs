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
    out.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, PersonInput};
    use chrono::NaiveDate;

    fn person(n: u8, name: &str, f: impl FnOnce(&mut Person)) -> Person {
        let mut p = PersonInput {
            name: name.into(),
            ..PersonInput::default()
        }
        .into_person(Id::from_random([n; 16]), NaiveDate::MIN)
        .unwrap_or_else(|e| panic!("{e}"));
        f(&mut p);
        p
    }

    fn names(people: &[Person], q: &PeopleQuery) -> Vec<String> {
        find(people, q)
            .into_iter()
            .map(|i| people[i].name.clone())
            .collect()
    }

    #[test]
    fn search_filters_and_order() {
        let people = vec![
            person(1, "Zoë Park", |p| {
                p.place = "Riverside Public Library".into();
                p.relation = Relation::LibraryPartner;
                p.area = Some(Area::Partnerships);
            }),
            person(2, "Amir Haddad", |p| {
                p.role = "Teacher librarian".into();
                p.tags = vec!["makerspace".into()];
            }),
            person(3, "sam lee", |p| {
                p.notes = "Met at the district makerspace day".into();
                p.relation = Relation::Mentor;
            }),
            person(4, "Beth Owens", |p| p.archived = true),
            person(5, "Yuki Tanaka", |p| {
                p.favourite = true;
                p.email = "yuki@district.org".into();
            }),
        ];
        let q = |text: &str| PeopleQuery {
            text: text.into(),
            ..PeopleQuery::default()
        };
        // Starred first, then by name ignoring case; the archived are out.
        assert_eq!(
            names(&people, &q("")),
            ["Yuki Tanaka", "Amir Haddad", "sam lee", "Zoë Park"]
        );
        assert_eq!(names(&people, &q("MAKERSPACE")), ["Amir Haddad", "sam lee"]);
        assert_eq!(names(&people, &q("zoe riverside")), ["Zoë Park"]);
        assert_eq!(names(&people, &q("teacher")), ["Amir Haddad"]);
        assert_eq!(names(&people, &q("district.org")), ["Yuki Tanaka"]);
        assert!(
            names(&people, &q("zoe amir")).is_empty(),
            "every word must match"
        );
        assert_eq!(
            names(
                &people,
                &PeopleQuery {
                    relation: Some(Relation::Mentor),
                    ..PeopleQuery::default()
                }
            ),
            ["sam lee"]
        );
        assert_eq!(
            names(
                &people,
                &PeopleQuery {
                    area: Some(Area::Partnerships),
                    ..PeopleQuery::default()
                }
            ),
            ["Zoë Park"]
        );
        let showing = |showing| PeopleQuery {
            showing,
            ..PeopleQuery::default()
        };
        assert_eq!(names(&people, &showing(Showing::Archived)), ["Beth Owens"]);
        assert_eq!(names(&people, &showing(Showing::Starred)), ["Yuki Tanaka"]);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn keeping(n: u8, name: &str, keep: KeepInTouch, added: NaiveDate) -> Person {
        person(n, name, |p| {
            p.keep_in_touch = keep;
            p.added = added;
        })
    }

    fn met(state: &mut State, n: u8, date: NaiveDate, with: &[u8]) {
        state.check_ins.push(crate::model::CheckIn {
            id: Id::from_random([200 + n; 16]),
            date,
            goal: None,
            note: String::new(),
            people: String::new(),
            with: with.iter().map(|i| Id::from_random([*i; 16])).collect(),
            resources: vec![],
        });
    }

    fn due(state: &State, today: NaiveDate) -> Vec<(String, NaiveDate)> {
        reconnect(state, today)
            .into_iter()
            .map(|r| (r.name, r.due))
            .collect()
    }

    #[test]
    fn reconnect_counts_from_the_last_connection_or_the_day_added() {
        let mut s = State {
            people: vec![
                keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1)),
                keeping(2, "Priya", KeepInTouch::Month, day(2026, 9, 1)),
                keeping(3, "Jo", KeepInTouch::Never, day(2026, 1, 1)),
                keeping(4, "Ana", KeepInTouch::Quarter, day(2026, 9, 1)),
            ],
            ..State::default()
        };
        met(&mut s, 1, day(2026, 10, 1), &[2, 3]);
        met(&mut s, 2, day(2026, 9, 15), &[2]);
        let today = day(2026, 11, 25);
        // Most overdue first: Priya (due 1 Nov), then Sam (due 15 Nov); Ana's quarter runs to
        // 1 Dec; Jo has no reminder.
        assert_eq!(
            due(&s, today),
            vec![
                ("Priya".to_owned(), day(2026, 11, 1)),
                ("Sam".to_owned(), day(2026, 11, 15))
            ]
        );
        let r = reconnect(&s, today);
        assert_eq!(
            r[0].sentence(today),
            "It's been 7 weeks since you and Priya talked."
        );
        assert_eq!(
            r[1].sentence(today),
            "You added Sam 3 weeks ago and haven't logged a connection yet."
        );
        // A connection logged with Sam clears his reminder; a future-dated one does not count.
        met(&mut s, 3, day(2026, 12, 20), &[1]);
        assert_eq!(due(&s, today).len(), 2);
        met(&mut s, 4, day(2026, 11, 20), &[1]);
        assert_eq!(due(&s, today), vec![("Priya".to_owned(), day(2026, 11, 1))]);
        assert_eq!(due(&s, day(2026, 12, 1)).len(), 2, "Ana's quarter is up");
    }

    #[test]
    fn archived_and_snoozed_people_wait() {
        let mut s = State {
            people: vec![keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1))],
            ..State::default()
        };
        let today = day(2026, 11, 25);
        assert_eq!(due(&s, today).len(), 1);
        s.people[0].snoozed_until = Some(day(2026, 11, 26));
        assert!(due(&s, today).is_empty());
        assert_eq!(
            due(&s, day(2026, 11, 26)).len(),
            1,
            "the snooze ends that day"
        );
        s.people[0].snoozed_until = None;
        s.people[0].archived = true;
        assert!(due(&s, today).is_empty());
    }

    #[test]
    fn breaks_pause_reminders_and_move_them_later() {
        let mut s = State {
            people: vec![keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 5))],
            ..State::default()
        };
        s.settings.breaks = vec![DateRange {
            id: Id::from_random([9; 16]),
            name: "Mid-term".into(),
            start: day(2026, 11, 10),
            end: day(2026, 11, 16),
        }];
        // Due 19 Nov without the break; its seven days move it to 26 Nov.
        assert!(due(&s, day(2026, 11, 25)).is_empty());
        assert_eq!(
            due(&s, day(2026, 11, 26)),
            vec![("Sam".to_owned(), day(2026, 11, 26))]
        );
        // Nothing is listed during a break, however overdue.
        s.people[0].added = day(2026, 1, 1);
        assert!(due(&s, day(2026, 11, 12)).is_empty());
        assert_eq!(due(&s, day(2026, 11, 17)).len(), 1);
    }

    #[test]
    fn terms_and_year_ends() {
        let mut s = State::default();
        let term = |n: u8, start, end| DateRange {
            id: Id::from_random([n; 16]),
            name: format!("Term {n}"),
            start,
            end,
        };
        s.settings.terms = vec![
            term(2, day(2026, 4, 20), day(2026, 6, 26)),
            term(1, day(2026, 1, 28), day(2026, 4, 2)),
        ];
        s.people = vec![
            keeping(1, "Sam", KeepInTouch::Term, day(2026, 3, 1)),
            keeping(2, "Priya", KeepInTouch::Month, day(2026, 12, 20)),
        ];
        assert!(due(&s, day(2026, 4, 19)).is_empty());
        assert_eq!(
            due(&s, day(2026, 4, 20)),
            vec![("Sam".to_owned(), day(2026, 4, 20))]
        );
        // After the last term entered, a term reminder waits for the next term to be entered.
        s.people[0].added = day(2026, 5, 1);
        assert!(due(&s, day(2026, 12, 1)).is_empty());
        // Without terms, a term is ten weeks.
        s.settings.terms.clear();
        assert_eq!(
            due(&s, day(2026, 7, 10)),
            vec![("Sam".to_owned(), day(2026, 7, 10))]
        );
        // Across the year end.
        assert_eq!(
            due(&s, day(2027, 1, 20)),
            vec![
                ("Sam".to_owned(), day(2026, 7, 10)),
                ("Priya".to_owned(), day(2027, 1, 20))
            ]
        );
    }

    #[test]
    fn elapsed_time_reads_naturally() {
        let d = day(2026, 11, 25);
        assert_eq!(elapsed(day(2026, 11, 24), d), "1 day");
        assert_eq!(elapsed(day(2026, 11, 12), d), "13 days");
        assert_eq!(elapsed(day(2026, 11, 11), d), "2 weeks");
        assert_eq!(elapsed(day(2026, 9, 24), d), "8 weeks");
        assert_eq!(elapsed(day(2026, 9, 23), d), "2 months");
        assert_eq!(elapsed(day(2027, 1, 1), d), "0 days");
    }

    #[test]
    fn due_to_reconnect_is_a_filter_and_connections_are_newest_first() {
        let mut s = State {
            people: vec![
                keeping(1, "Sam", KeepInTouch::TwoWeeks, day(2026, 11, 1)),
                keeping(2, "Priya", KeepInTouch::Month, day(2026, 9, 1)),
                keeping(3, "Jo", KeepInTouch::TwoWeeks, day(2026, 11, 20)),
            ],
            ..State::default()
        };
        met(&mut s, 1, day(2026, 9, 10), &[2]);
        met(&mut s, 2, day(2026, 10, 1), &[2, 3]);
        met(&mut s, 3, day(2026, 9, 10), &[2]);
        let today = day(2026, 11, 25);
        let q = |text: &str| PeopleQuery {
            text: text.into(),
            showing: Showing::Due,
            ..PeopleQuery::default()
        };
        assert_eq!(names(&s.people, &PeopleQuery::default()).len(), 3);
        let due: Vec<&str> = find_in(&s, &q(""), today)
            .into_iter()
            .map(|i| s.people[i].name.as_str())
            .collect();
        assert_eq!(due, ["Priya", "Sam"], "most overdue first; Jo is not due");
        assert_eq!(find_in(&s, &q("sam"), today).len(), 1);
        let person = |n: u8| Id::from_random([n; 16]);
        let ids = |people: &[&Id]| -> Vec<Vec<Id>> {
            connections_of(&s, people)
                .into_iter()
                .map(|list| list.into_iter().map(|c| c.id.clone()).collect())
                .collect()
        };
        let (priya, jo, sam) = (person(2), person(3), person(1));
        assert_eq!(
            ids(&[&priya]),
            [[202, 203, 201].map(person).to_vec()],
            "newest first; the same day, the later logged first"
        );
        // Several at once, each in the order asked, each as if asked alone.
        assert_eq!(
            ids(&[&jo, &sam, &priya, &jo]),
            [
                vec![person(202)],
                vec![],
                [202, 203, 201].map(person).to_vec(),
                vec![person(202)],
            ]
        );
    }
}
