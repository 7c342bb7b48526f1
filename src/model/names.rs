//! Turning the names in check-ins' free-text "Who" (how check-ins named people before the
//! network existed) into people, only for the names the librarian chooses.

use super::error::ActionError;
use super::person::MAX_PEOPLE;
use super::search::fold;
use super::{Id, PersonInput, State};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A name found in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameFound {
    /// The name as first written.
    pub name: String,
    /// How many check-ins name it.
    pub check_ins: usize,
    /// Someone already in the network with this name (ignoring case and accents).
    pub person: Option<Id>,
}

/// The names in one free-text "Who": split at commas, semicolons, slashes, `&`, `+` and the
/// word "and", trimmed, blanks dropped.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '&', '+', '\n'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Every name in the log's free text, most often named first (then alphabetically), with
/// whether someone of that name is already in the network.
pub fn names_in_log(state: &State) -> Vec<NameFound> {
    let mut found: Vec<NameFound> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for c in &state.check_ins {
        let mut seen_here: Vec<String> = Vec::new();
        for name in split_names(&c.people) {
            let key = fold(&name);
            if seen_here.contains(&key) {
                continue;
            }
            seen_here.push(key.clone());
            match at.get(&key) {
                Some(i) => {
                    if let Some(f) = found.get_mut(*i) {
                        f.check_ins += 1;
                    }
                }
                None => {
                    at.insert(key.clone(), found.len());
                    let person = state
                        .people
                        .iter()
                        .find(|p| fold(&p.name) == key)
                        .map(|p| p.id.clone());
                    found.push(NameFound {
                        name,
                        check_ins: 1,
                        person,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| {
        b.check_ins
            .cmp(&a.check_ins)
            .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
    });
    found
}

/// The state with each chosen name turned into a person (or matched to the one already in
/// the network with that name), and every check-in that named it in words naming that person
/// instead; its other words stay. Check-ins that name none of the chosen names, and everything
/// else, are left exactly as they were.
pub fn people_from_names(
    state: &State,
    chosen: &[String],
    today: NaiveDate,
    mut new_id: impl FnMut() -> Id,
) -> Result<State, ActionError> {
    let mut out = state.clone();
    let mut ids: HashMap<String, Id> = HashMap::new();
    for name in chosen {
        let key = fold(name.trim());
        if key.is_empty() || ids.contains_key(&key) {
            continue;
        }
        let id = match out.people.iter().find(|p| fold(&p.name) == key) {
            Some(p) => p.id.clone(),
            None => {
                if out.people.len() >= MAX_PEOPLE {
                    return Err(ActionError::TooMany(MAX_PEOPLE));
                }
                let mut id = new_id();
                while out.id_taken(&id) {
                    id = new_id();
                }
                let person = PersonInput {
                    name: name.clone(),
                    ..PersonInput::default()
                }
                .into_person(id.clone(), today)?;
                out.people.push(person);
                id
            }
        };
        ids.insert(key, id);
    }
    for c in &mut out.check_ins {
        let names = split_names(&c.people);
        if !names.iter().any(|n| ids.contains_key(&fold(n))) {
            continue;
        }
        let mut rest = Vec::new();
        for n in names {
            match ids.get(&fold(&n)) {
                Some(id) if !c.with.contains(id) => c.with.push(id.clone()),
                Some(_) => {}
                None => rest.push(n),
            }
        }
        c.people = rest.join(", ");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckIn, Person};
    use crate::testing::today;

    fn log(n: u8, who: &str) -> CheckIn {
        CheckIn {
            id: Id::from_random([n; 16]),
            date: today(),
            goal: None,
            note: String::new(),
            people: who.into(),
            with: vec![],
            resources: vec![],
        }
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 100u8;
        move || {
            n += 1;
            Id::from_random([n; 16])
        }
    }

    #[test]
    fn names_are_split_and_counted() {
        assert_eq!(
            split_names(" Sam, Priya and Jo & Ana; Li / Bo + Cy "),
            ["Sam", "Priya", "Jo", "Ana", "Li", "Bo", "Cy"]
        );
        assert!(split_names("  ,  ; ").is_empty());
        let mut s = State {
            check_ins: vec![
                log(1, "Sam, Priya"),
                log(2, "sam"),
                log(3, "Zoë and Sam, SAM"),
            ],
            ..State::default()
        };
        s.people.push(
            PersonInput {
                name: "Zoe".into(),
                ..PersonInput::default()
            }
            .into_person(Id::from_random([9; 16]), today())
            .unwrap_or_else(|e| panic!("{e}")),
        );
        let found = names_in_log(&s);
        assert_eq!(
            found,
            vec![
                NameFound {
                    name: "Sam".into(),
                    check_ins: 3,
                    person: None
                },
                NameFound {
                    name: "Priya".into(),
                    check_ins: 1,
                    person: None
                },
                NameFound {
                    name: "Zoë".into(),
                    check_ins: 1,
                    person: Some(Id::from_random([9; 16]))
                },
            ]
        );
    }

    #[test]
    fn only_chosen_names_change_and_the_rest_stays_exactly() {
        let s = State {
            check_ins: vec![
                log(1, "Sam, Priya"),
                log(2, "Jo"),
                log(3, "sam and the council"),
            ],
            ..State::default()
        };
        assert_eq!(
            people_from_names(&s, &[], today(), ids()).unwrap_or_default(),
            s,
            "nothing chosen, nothing changes"
        );
        let out = people_from_names(&s, &["Sam".into(), "Nobody".into()], today(), ids())
            .unwrap_or_default();
        let names: Vec<&str> = out
            .people
            .iter()
            .map(|p: &Person| p.name.as_str())
            .collect();
        assert_eq!(names, ["Sam", "Nobody"]);
        let sam = out.people[0].id.clone();
        assert_eq!(out.check_ins[0].people, "Priya");
        assert_eq!(out.check_ins[0].with, vec![sam.clone()]);
        assert_eq!(
            out.check_ins[1], s.check_ins[1],
            "Jo's check-in is untouched"
        );
        assert_eq!(out.check_ins[2].people, "the council");
        assert_eq!(out.check_ins[2].with, vec![sam]);
        assert_eq!(out.goals, s.goals);
        assert_eq!(out.settings, s.settings);
    }

    #[test]
    fn a_name_already_in_the_network_is_linked_not_added_again() {
        let mut s = State {
            check_ins: vec![log(1, "Zoë")],
            ..State::default()
        };
        let zoe = PersonInput {
            name: "Zoe".into(),
            ..PersonInput::default()
        }
        .into_person(Id::from_random([9; 16]), today())
        .unwrap_or_else(|e| panic!("{e}"));
        s.people.push(zoe.clone());
        let out = people_from_names(&s, &["Zoë".into()], today(), ids()).unwrap_or_default();
        assert_eq!(out.people, vec![zoe]);
        assert_eq!(out.check_ins[0].with, vec![Id::from_random([9; 16])]);
        assert_eq!(out.check_ins[0].people, "");
    }
}
