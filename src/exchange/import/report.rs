//! What the preview says, in the librarian's words: the counts, the new items, each changed
//! item side by side with the librarian's, and what was left out. Pure, so the words are
//! tested natively; the Share screen only lays them out.

use super::part::{each, EachPart, Item};
use super::types::{Entry, Part, Preview, Rejected, Source};
use crate::model::words as fmt;
use crate::model::{DateRange, Goal, Id, Locale, Settings};

/// (field, yours, theirs) for the fields that differ.
pub type Diff = Vec<(&'static str, String, String)>;

/// The rows whose values differ, side by side.
pub fn diff(mine: Vec<(&'static str, String)>, theirs: Vec<(&'static str, String)>) -> Diff {
    mine.into_iter()
        .zip(theirs)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((f, a), (_, b))| (f, a, b))
        .collect()
}

/// The settings' fields as the preview compares them.
pub fn settings_rows(s: &Settings) -> Vec<(&'static str, String)> {
    let names = |r: &[DateRange]| {
        r.iter()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        ("Name", s.name.clone()),
        ("Role", s.role.clone()),
        ("Week starts", fmt::week_start(s.week_start).to_owned()),
        ("Quarters start", s.quarter_start.name().to_owned()),
        ("Terms", names(&s.terms)),
        ("Breaks", names(&s.breaks)),
        ("Theme", fmt::theme(s.theme).to_owned()),
        ("Dates", fmt::locale(s.locale).to_owned()),
    ]
}

/// One changed item, side by side, with what its "Use theirs" choice picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// Its part.
    pub part: Part,
    /// The librarian's id for it.
    pub id: Id,
    /// How it is named above its differences.
    pub title: String,
    /// The fields that differ.
    pub rows: Diff,
}

impl Rejected {
    /// "Resource 2 “Click me”: unsupported link type …".
    pub fn line(&self) -> String {
        let title = if self.title.is_empty() {
            String::new()
        } else {
            format!(" “{}”", self.title)
        };
        format!("{} {}{title}: {}", self.part, self.number, self.reason)
    }
}

impl Source {
    /// "Branch Out export from Sam Lee, made Nov 25, 2026".
    pub fn line(&self, locale: Locale) -> String {
        let mut line = self.kind.to_owned();
        if !self.exported_by.is_empty() {
            line.push_str(&format!(" from {}", self.exported_by));
        }
        if let Some(day) = self.exported_at.get(..10) {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                line.push_str(&format!(", made {}", fmt::date(d, locale)));
            }
        }
        line
    }
}

impl Preview {
    /// The preview's heading: who the file is from, or else its name.
    pub fn title(&self, file_name: &str) -> String {
        match self.source.exported_by.as_str() {
            "" => format!("Import {file_name}"),
            by => format!("Import from {by}"),
        }
    }

    /// One line per part the file has: "2 goals: 1 new, 1 already here, 0 different".
    pub fn summary(&self) -> Vec<String> {
        struct Lines<'p>(&'p Preview, Vec<String>);
        impl EachPart for Lines<'_> {
            fn part<P: Item>(&mut self) {
                let t = self.0.tally::<P>();
                if t.total() > 0 {
                    let (one, many) = P::NOUNS;
                    self.1.push(format!(
                        "{}: {} new, {} already here, {} different",
                        fmt::plural(t.total(), one, many),
                        t.new,
                        t.present,
                        t.changed
                    ));
                }
            }
        }
        let mut lines = Lines(self, Vec::new());
        each(&mut lines);
        lines.1
    }

    /// True when new goals arrive as a template, starting today.
    pub fn starts_afresh(&self) -> bool {
        self.template && self.tally::<Goal>().new > 0
    }

    /// Each new item as the preview lists it: "Goal: Join a list".
    pub fn new_items(&self) -> Vec<String> {
        struct Titles<'p>(&'p Preview, Vec<String>);
        impl EachPart for Titles<'_> {
            fn part<P: Item>(&mut self) {
                let added = P::get(&self.0.parts).iter().filter_map(Entry::added);
                self.1
                    .extend(added.map(|x| format!("{}: {}", P::PART, x.listed())));
            }
        }
        let mut titles = Titles(self, Vec::new());
        each(&mut titles);
        titles.1
    }

    /// Every item here that the file has differently.
    pub fn conflicts(&self) -> Vec<Conflict> {
        struct Conflicts<'p>(&'p Preview, Vec<Conflict>);
        impl EachPart for Conflicts<'_> {
            fn part<P: Item>(&mut self) {
                let changed = P::get(&self.0.parts).iter().filter_map(Entry::changed);
                self.1.extend(changed.map(|(mine, theirs)| Conflict {
                    part: P::PART,
                    id: mine.id().clone(),
                    title: mine.caption(),
                    rows: diff(mine.rows(), theirs.rows()),
                }));
            }
        }
        let mut conflicts = Conflicts(self, Vec::new());
        each(&mut conflicts);
        conflicts.1
    }

    /// The settings side by side, when the file's differ.
    pub fn settings_diff(&self) -> Option<Diff> {
        match &self.settings {
            Some(Entry::Changed { mine, theirs }) => {
                Some(diff(settings_rows(mine), settings_rows(theirs)))
            }
            _ => None,
        }
    }

    /// What the Undo notice says once imported: "Imported 2 new items and took 1 change
    /// from the file (Sam Lee)."
    pub fn done(&self, replaced: usize) -> String {
        let added = self.total().new;
        let mut message = format!("Imported {}", fmt::plural(added, "new item", "new items"));
        if replaced > 0 {
            message.push_str(&format!(
                " and took {} from the file",
                fmt::plural(replaced, "change", "changes")
            ));
        }
        if !self.source.exported_by.is_empty() {
            message.push_str(&format!(" ({})", self.source.exported_by));
        }
        message.push('.');
        message
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::super::part::Parts;
    use super::super::types::Incoming;
    use super::*;
    use crate::model::{
        Area, Cadence, CheckIn, Goal, GoalStatus, Kind, Membership, Resource, State,
    };
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn goal(id: &str, title: &str) -> Goal {
        Goal {
            id: Id::parse(id).unwrap(),
            title: title.into(),
            notes: String::new(),
            area: Area::School,
            cadence: Cadence::Weekly,
            target: 1,
            status: GoalStatus::Active,
            created: day(1),
            skipped: Vec::new(),
            pauses: Vec::new(),
            origin: None,
        }
    }

    fn resource(id: &str, title: &str, url: &str) -> Resource {
        Resource {
            id: Id::parse(id).unwrap(),
            title: title.into(),
            url: Some(url.into()),
            kind: Kind::EmailList,
            tags: Vec::new(),
            notes: String::new(),
            scope: None,
            membership: Membership::default(),
            email_list: None,
            next_date: None,
            next_label: String::new(),
            favourite: false,
            added: day(2),
            origin: None,
        }
    }

    fn check_in(id: &str, note: &str) -> CheckIn {
        CheckIn {
            id: Id::parse(id).unwrap(),
            date: day(20),
            goal: None,
            note: note.into(),
            people: String::new(),
            with: Vec::new(),
            resources: Vec::new(),
        }
    }

    fn state() -> State {
        State {
            goals: vec![goal("g1", "Join a list")],
            resources: vec![resource("r1", "LM_NET", "https://lm-net.example/")],
            check_ins: vec![check_in("c1", "Met the district librarians")],
            ..State::default()
        }
    }

    fn preview(incoming: Incoming) -> Preview {
        Preview::new(&state(), incoming)
    }

    #[test]
    fn diff_keeps_only_the_fields_that_differ() {
        let a = vec![("Title", "A".to_owned()), ("Notes", "same".to_owned())];
        let b = vec![("Title", "B".to_owned()), ("Notes", "same".to_owned())];
        assert_eq!(diff(a.clone(), b), vec![("Title", "A".into(), "B".into())]);
        assert!(diff(a.clone(), a).is_empty());
    }

    #[test]
    fn each_part_is_counted_named_and_compared_in_the_screens_order() {
        let mut changed_goal = goal("g1", "Join two lists");
        changed_goal.target = 2;
        let long = "x".repeat(80);
        let p = preview(Incoming {
            parts: Parts {
                goals: Some(vec![changed_goal, goal("g2", "Visit a branch")]),
                resources: Some(vec![resource("r1", "LM_NET", "https://lm-net.example/")]),
                check_ins: Some(vec![check_in("c2", &long)]),
                ..Parts::default()
            },
            ..Incoming::default()
        });
        assert_eq!(
            p.summary(),
            [
                "2 goals: 1 new, 0 already here, 1 different",
                "1 resource: 0 new, 1 already here, 0 different",
                "1 check-in: 1 new, 0 already here, 0 different",
            ]
        );
        assert_eq!(
            p.new_items(),
            [
                "Goal: Visit a branch".to_owned(),
                format!("Check-in: 2026-11-20 {}", "x".repeat(60)),
            ]
        );
        let conflicts = p.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].part, Part::Goal);
        assert_eq!(conflicts[0].id, Id::parse("g1").unwrap());
        assert_eq!(conflicts[0].title, "Join a list");
        assert_eq!(
            conflicts[0].rows,
            vec![
                ("Title", "Join a list".into(), "Join two lists".into()),
                ("How often", "1 each week".into(), "2 each week".into()),
            ]
        );
        assert_eq!(p.total().changed, 1);
        assert!(!p.starts_afresh(), "goals came with the log");
    }

    #[test]
    fn a_check_in_is_named_by_its_date_and_the_start_of_its_note() {
        let theirs = check_in(
            "c1",
            &format!("Met the district librarians {}", "y".repeat(40)),
        );
        let p = preview(Incoming {
            parts: Parts {
                check_ins: Some(vec![theirs]),
                ..Parts::default()
            },
            ..Incoming::default()
        });
        let conflicts = p.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].title, "2026-11-20 Met the district librarians");
        assert_eq!(conflicts[0].rows.len(), 1);
        assert_eq!(conflicts[0].rows[0].0, "Note");
    }

    #[test]
    fn goals_without_the_log_that_are_all_here_already_start_nothing_afresh() {
        let p = preview(Incoming {
            parts: Parts {
                goals: Some(vec![goal("g1", "Join a list")]),
                ..Parts::default()
            },
            ..Incoming::default()
        });
        assert!(p.template, "goals came without the log");
        assert_eq!(p.tally::<Goal>().new, 0);
        assert!(!p.starts_afresh(), "no new goal, so nothing starts today");
    }

    #[test]
    fn goals_without_the_log_start_afresh_and_the_message_counts_what_changed() {
        let p = preview(Incoming {
            parts: Parts {
                goals: Some(vec![
                    goal("g2", "Visit a branch"),
                    goal("g3", "Call a friend"),
                ]),
                ..Parts::default()
            },
            source: Source {
                kind: "Branch Out export",
                exported_by: "Sam Lee, Northside Primary".into(),
                exported_at: "2026-11-25T09:30:00Z".into(),
            },
            ..Incoming::default()
        });
        assert!(p.starts_afresh());
        assert_eq!(
            p.title("plan.json"),
            "Import from Sam Lee, Northside Primary"
        );
        assert_eq!(
            p.source.line(Locale::EnAu),
            "Branch Out export from Sam Lee, Northside Primary, made 25 Nov 2026"
        );
        assert_eq!(
            p.done(0),
            "Imported 2 new items (Sam Lee, Northside Primary)."
        );
        assert_eq!(
            p.done(1),
            "Imported 2 new items and took 1 change from the file (Sam Lee, Northside Primary)."
        );
        let anonymous = preview(Incoming::default());
        assert_eq!(anonymous.title("pasted text"), "Import pasted text");
        assert_eq!(anonymous.done(0), "Imported 0 new items.");
        assert!(anonymous.summary().is_empty());
        assert!(anonymous.changes_nothing());
    }

    #[test]
    fn settings_are_compared_in_words() {
        let mut theirs = Settings {
            name: "Sam Lee".into(),
            ..Settings::default()
        };
        theirs.locale = Locale::EnAu;
        let p = preview(Incoming {
            settings: Some(theirs),
            ..Incoming::default()
        });
        let rows = p.settings_diff().unwrap();
        let fields: Vec<_> = rows.iter().map(|(f, _, _)| *f).collect();
        assert_eq!(fields, ["Name", "Dates"]);
        assert_eq!(rows[0].2, "Sam Lee");
        assert!(preview(Incoming::default()).settings_diff().is_none());
    }

    #[test]
    fn a_left_out_item_says_its_part_place_title_and_reason() {
        let titled = Rejected {
            part: Part::CheckIn,
            number: 3,
            title: "Lunch".into(),
            reason: "its id is not valid".into(),
        };
        assert_eq!(titled.line(), "Check-in 3 “Lunch”: its id is not valid");
        let untitled = Rejected {
            part: Part::Break,
            number: 1,
            title: String::new(),
            reason: "it has no name".into(),
        };
        assert_eq!(untitled.line(), "Break 1: it has no name");
    }
}
