//! Finding people in the network: search as you type over name, where, role, tags, notes and
//! email, with filters, in a stable order.

use super::search::fold;
use super::{Area, Person, Relation};

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
            Showing::Current => !p.archived,
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
}
