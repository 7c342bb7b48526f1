//! The people as a contacts file: vCard 3.0 (RFC 2426), which Google Contacts, ChromeOS and
//! most address books import. One card per person; text escaped and lines folded as the RFC
//! says (see [`super::lines`]); the relationship and tags as categories.

use super::lines::{escape, fold};
use crate::model::Person;

/// The file name offered for the download.
pub const FILE_NAME: &str = "branch-out-contacts.vcf";

/// Every person in `people` as one vCard 3.0 file, CRLF line ends.
pub fn write(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        card(p, &mut out);
    }
    out
}

fn card(p: &Person, out: &mut String) {
    fold("BEGIN:VCARD", out);
    fold("VERSION:3.0", out);
    fold(&format!("FN:{}", escape(&p.name)), out);
    // The last word as the family name: right for most names, and an address book shows FN.
    let (given, family) = match p.name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim(), family),
        None => (p.name.trim(), ""),
    };
    fold(&format!("N:{};{};;;", escape(family), escape(given)), out);
    if !p.place.is_empty() {
        fold(&format!("ORG:{}", escape(&p.place)), out);
    }
    if !p.role.is_empty() {
        fold(&format!("TITLE:{}", escape(&p.role)), out);
    }
    if !p.email.is_empty() {
        fold(&format!("EMAIL;TYPE=INTERNET:{}", escape(&p.email)), out);
    }
    if !p.phone.is_empty() {
        fold(&format!("TEL;TYPE=WORK:{}", escape(&p.phone)), out);
    }
    if let Some(url) = &p.url {
        // A URI value, not text: only commas and semicolons could be misread, and a checked
        // address has them percent-encoded or not at all in places that matter.
        fold(&format!("URL:{}", escape(url)), out);
    }
    if !p.notes.is_empty() {
        fold(&format!("NOTE:{}", escape(&p.notes)), out);
    }
    let categories: Vec<String> = std::iter::once(p.relation.name())
        .chain(p.tags.iter().map(String::as_str))
        .map(escape)
        .collect();
    fold(&format!("CATEGORIES:{}", categories.join(",")), out);
    fold("END:VCARD", out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, PersonInput, Relation};
    use chrono::NaiveDate;

    fn sam() -> Person {
        PersonInput {
            name: "Sam O'Neil-Lee".into(),
            role: "Teacher librarian; makerspace lead".into(),
            place: "Northside Primary, District 4".into(),
            email: "sam@northside.edu".into(),
            phone: "+61 2 5550 1234".into(),
            url: "https://northside.edu/staff?id=7".into(),
            relation: Relation::Mentor,
            tags: vec!["STEM, maker".into(), "district".into()],
            notes: "Met at the district day.\nLikes robotics \\ coding.".into(),
            ..PersonInput::default()
        }
        .into_person(Id::from_random([1; 16]), NaiveDate::MIN)
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_card_escapes_and_names_every_field() {
        let text = write(&[sam()]);
        assert_eq!(
            text,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam O'Neil-Lee\r\nN:O'Neil-Lee;Sam;;;\r\n\
             ORG:Northside Primary\\, District 4\r\n\
             TITLE:Teacher librarian\\; makerspace lead\r\n\
             EMAIL;TYPE=INTERNET:sam@northside.edu\r\nTEL;TYPE=WORK:+61 2 5550 1234\r\n\
             URL:https://northside.edu/staff?id=7\r\n\
             NOTE:Met at the district day.\\nLikes robotics \\\\ coding.\r\n\
             CATEGORIES:Mentor,STEM\\, maker,district\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn a_bare_person_has_only_what_is_set_and_long_lines_fold() {
        let mut p = sam();
        p.role.clear();
        p.place.clear();
        p.email.clear();
        p.phone.clear();
        p.url = None;
        p.tags.clear();
        p.name = "Prince".into();
        p.notes = "é".repeat(100);
        let text = write(&[p.clone(), p]);
        assert_eq!(text.matches("BEGIN:VCARD").count(), 2);
        assert!(text.contains("\r\nN:;Prince;;;\r\n"));
        assert!(!text.contains("ORG:") && !text.contains("EMAIL") && !text.contains("URL:"));
        assert!(text.contains("CATEGORIES:Mentor\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        // Unfolded, the note is whole.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("NOTE:{}\r\n", "é".repeat(100))));
    }
}
