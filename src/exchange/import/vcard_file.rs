//! Reading a contacts file (vCard 3.0 as Google Contacts and ChromeOS export it, 4.0, and 2.1
//! with quoted-printable text) as people for the same preview as an export. Each card gives a
//! name, the first email address and phone number, the organisation, title, first web address
//! that is a safe link, the note and its categories; everything else (photos, addresses,
//! birthdays, Google's `item1.` labels) is passed over without error.

use super::error::ReadError;
use super::part::Parts;
use super::types::{Incoming, Part, Rejected, Source};
use crate::model::link::{SafeEmail, SafeUrl};
use crate::model::person::MAX_PEOPLE;
use crate::model::{Id, PersonInput, Relation};
use chrono::NaiveDate;

/// The largest contacts file read: photos inside cards can be megabytes each.
pub const MAX_VCF_BYTES: usize = 10 * 1024 * 1024;

/// The longest unfolded line kept; longer ones (photos) are passed over.
const MAX_LINE: usize = 20_000;

/// True when `bytes` start like a contacts file.
pub fn is_vcard(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64)).unwrap_or_default();
    let head = String::from_utf8_lossy(head);
    head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
}

/// One content line: its property name (upper case, group dropped), parameters and value.
struct Line {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Line {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    fn quoted_printable(&self) -> bool {
        self.param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
            || self
                .params
                .iter()
                .any(|(k, v)| v.is_empty() && k.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    }

    /// The value as text: quoted-printable decoded, escapes undone.
    fn text(&self) -> String {
        if self.quoted_printable() {
            unescape(&decode_qp(&self.value))
        } else {
            unescape(&self.value)
        }
    }

    /// The first component of a structured value (`ORG:Company;Department`).
    fn first_component(&self) -> String {
        let raw = if self.quoted_printable() {
            decode_qp(&self.value)
        } else {
            self.value.clone()
        };
        unescape(
            &split_unescaped(&raw, ';')
                .into_iter()
                .next()
                .unwrap_or_default(),
        )
    }
}

/// Splits physical lines (CRLF or LF) into unfolded logical lines: a line starting with a
/// space or tab continues the one before; a quoted-printable line ending in `=` continues on
/// the next.
fn unfold(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Whether the logical line being built is quoted-printable, decided once from its head, so
    // a hostile run of continuation lines is never read again and again.
    let mut qp = false;
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let continued = line.starts_with([' ', '\t']);
        match out.last_mut() {
            Some(last) if continued => {
                if last.len() < MAX_LINE {
                    last.push_str(line.get(1..).unwrap_or_default());
                }
            }
            Some(last) if qp && last.ends_with('=') => {
                last.pop();
                if last.len() < MAX_LINE {
                    last.push_str(line);
                }
            }
            _ => {
                qp = head_is_quoted_printable(line);
                out.push(line.to_owned());
            }
        }
    }
    out
}

/// True when the name and parameters of `line` (before its first colon, looking no further
/// than 256 characters) say QUOTED-PRINTABLE.
fn head_is_quoted_printable(line: &str) -> bool {
    let head: String = line.chars().take_while(|c| *c != ':').take(256).collect();
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// Parses `[group.]NAME[;param[=value]]*:value`; `None` for a line without a colon.
fn parse_line(line: &str) -> Option<Line> {
    // The first colon outside a quoted parameter value ends the name and parameters.
    let mut quoted = false;
    let mut colon = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?;
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_owned(), v.trim_matches('"').to_owned()),
            None => (p.trim().to_owned(), String::new()),
        })
        .collect();
    Some(Line {
        name,
        params,
        value: value.to_owned(),
    })
}

/// Undoes vCard text escapes: `\n` or `\N` a line break, `\\`, `\,`, `\;` and `\:` the
/// character itself.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Splits on `sep` where it is not escaped with a backslash (escapes are kept).
fn split_unescaped(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        let last = out.last_mut();
        match (c, escaped, last) {
            (_, true, Some(cur)) => {
                cur.push(c);
                escaped = false;
            }
            ('\\', false, Some(cur)) => {
                cur.push(c);
                escaped = true;
            }
            (c, false, _) if c == sep => out.push(String::new()),
            (c, false, Some(cur)) => cur.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes quoted-printable (`=C3=A9` bytes), reading the bytes as UTF-8 where they are and
/// as Latin-1 otherwise (vCard 2.1 files often say `CHARSET=ISO-8859-1`).
fn decode_qp(s: &str) -> String {
    let b = s.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (b.get(i), hex) {
            (Some(b'='), Some(v)) => {
                bytes.push(v);
                i += 3;
            }
            (Some(c), _) => {
                bytes.push(*c);
                i += 1;
            }
            (None, _) => break,
        }
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|b| char::from(*b)).collect(),
    }
}

/// One card's fields, as read.
#[derive(Default)]
struct Card {
    full_name: String,
    structured: String,
    input: PersonInput,
    has_email: bool,
    has_phone: bool,
    has_url: bool,
    refused_url: Option<String>,
}

impl Card {
    fn take(&mut self, line: &Line) {
        match line.name.as_str() {
            "FN" => self.full_name = line.text(),
            "N" => {
                let raw = if line.quoted_printable() {
                    decode_qp(&line.value)
                } else {
                    line.value.clone()
                };
                let parts: Vec<String> = split_unescaped(&raw, ';')
                    .iter()
                    .map(|p| unescape(p))
                    .collect();
                let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or_default();
                self.structured = [get(3), get(1), get(2), get(0), get(4)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            "ORG" => self.input.place = line.first_component(),
            "TITLE" => self.input.role = line.text(),
            "ROLE" if self.input.role.is_empty() => self.input.role = line.text(),
            "NOTE" => self.input.notes = line.text(),
            "EMAIL" if !self.has_email => {
                let text = line.text();
                // The first address that is one; a bad one is passed over for the next.
                if SafeEmail::parse(&text).is_ok() {
                    self.input.email = text;
                    self.has_email = true;
                }
            }
            "TEL" if !self.has_phone => {
                self.input.phone = line.text().trim_start_matches("tel:").to_owned();
                self.has_phone = !self.input.phone.is_empty();
            }
            "URL" if !self.has_url => {
                let text = line.text();
                if SafeUrl::parse(&text).is_ok() {
                    self.input.url = text;
                    self.has_url = true;
                } else if self.refused_url.is_none() {
                    self.refused_url = Some(text);
                }
            }
            "CATEGORIES" => {
                for c in split_unescaped(&line.value, ',') {
                    let c = unescape(&c).trim().to_owned();
                    // Google Contacts' own groups: every contact is in "myContacts", and
                    // "starred" is its star.
                    if c.eq_ignore_ascii_case("myContacts") {
                        continue;
                    }
                    if c.eq_ignore_ascii_case("starred") {
                        self.input.favourite = true;
                        continue;
                    }
                    match Relation::ALL
                        .iter()
                        .find(|r| r.name().eq_ignore_ascii_case(&c))
                    {
                        Some(r) => self.input.relation = *r,
                        None if !c.is_empty() => self.input.tags.push(c),
                        None => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reads a contacts file: each card becomes a person checked as if typed, or is left out
/// with its reason. `new_id` gives the people their ids; `today` is the day they are added.
pub fn read_vcards(
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    mut new_id: impl FnMut() -> Id,
) -> Result<Incoming, ReadError> {
    if bytes.len() > MAX_VCF_BYTES {
        return Err(ReadError::TooBig {
            size: bytes.len(),
            max: MAX_VCF_BYTES,
            what: "contacts files",
        });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        ReadError::Contacts(
            "This contacts file isn't UTF-8 text; export it again as vCard 3.0, as Google Contacts does".into(),
        )
    })?;
    let mut cards: Vec<Card> = Vec::new();
    let mut open: Option<Card> = None;
    for line in unfold(text) {
        let Some(line) = parse_line(&line) else {
            continue;
        };
        match (
            line.name.as_str(),
            line.value.trim().to_ascii_uppercase().as_str(),
        ) {
            ("BEGIN", "VCARD") => open = Some(Card::default()),
            ("END", "VCARD") => {
                if let Some(card) = open.take() {
                    cards.push(card);
                    if cards.len() > MAX_PEOPLE {
                        return Err(ReadError::TooMany {
                            what: "contacts",
                            count: cards.len(),
                            max: MAX_PEOPLE,
                        });
                    }
                }
            }
            _ => {
                if let Some(card) = open.as_mut() {
                    card.take(&line);
                }
            }
        }
    }
    if cards.is_empty() {
        return Err(ReadError::Contacts(
            "This file has no contacts (no BEGIN:VCARD … END:VCARD)".into(),
        ));
    }
    let mut people = Vec::with_capacity(cards.len());
    let mut rejected = Vec::new();
    for (i, mut card) in cards.into_iter().enumerate() {
        let full = if card.full_name.trim().is_empty() {
            std::mem::take(&mut card.structured)
        } else {
            std::mem::take(&mut card.full_name)
        };
        card.input.name = full.clone();
        let reject = |reason: String| Rejected {
            part: Part::Person,
            number: i + 1,
            title: full.clone(),
            reason,
        };
        if full.trim().is_empty() {
            rejected.push(reject("it has no name".into()));
            continue;
        }
        if let Some(url) = card.refused_url.filter(|_| !card.has_url) {
            rejected.push(Rejected {
                reason: format!(
                    "its web address {url:?} was left out: only http and https links are kept"
                ),
                ..reject(String::new())
            });
        }
        match card.input.into_person(new_id(), today) {
            Ok(p) => people.push(p),
            Err(e) => rejected.push(reject(e.to_string())),
        }
    }
    Ok(Incoming {
        source: Source {
            kind: "Contacts file",
            // The file's name is where its people came from.
            exported_by: name.to_owned(),
            exported_at: String::new(),
        },
        parts: Parts {
            people: Some(people),
            ..Parts::default()
        },
        rejected,
        ..Incoming::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_unfold_and_parse() {
        let lines = unfold("BEGIN:VCARD\r\nNOTE:one\r\n  two\r\n\tthree\nFN:X\n");
        assert_eq!(
            lines[1], "NOTE:one twothree",
            "one space or tab is taken off"
        );
        let l = parse_line("item1.EMAIL;TYPE=INTERNET;TYPE=\"a:b\":x@y.org").unwrap_or_else(|| {
            panic!("a line");
        });
        assert_eq!(l.name, "EMAIL");
        assert_eq!(l.value, "x@y.org");
        assert_eq!(l.param("type"), Some("INTERNET"));
        assert!(parse_line("no colon here").is_none());
    }

    #[test]
    fn escapes_and_quoted_printable() {
        assert_eq!(unescape(r"a\,b\;c\\d\ne\:f\"), "a,b;c\\d\ne:f");
        assert_eq!(
            split_unescaped(r"Org\;Inc;Dept", ';'),
            vec![r"Org\;Inc", "Dept"]
        );
        assert_eq!(decode_qp("Ren=C3=A9e=20Ng"), "Renée Ng");
        assert_eq!(decode_qp("Caf=E9"), "Café", "Latin-1 when not UTF-8");
        assert_eq!(decode_qp("100=25 =ZZ"), "100% =ZZ");
        let lines = unfold("NOTE;ENCODING=QUOTED-PRINTABLE:first=\r\nsecond\r\nFN:x");
        assert_eq!(lines[0], "NOTE;ENCODING=QUOTED-PRINTABLE:firstsecond");
        assert_eq!(lines[1], "FN:x");
    }

    #[test]
    fn only_a_vcard_is_a_vcard() {
        assert!(is_vcard(b"\xEF\xBB\xBF\r\nbegin:vcard\r\n"));
        assert!(!is_vcard(b"{\"format\":\"branch-out-export\"}"));
        assert!(!is_vcard(b"<!DOCTYPE NETSCAPE-Bookmark-file-1>"));
    }

    #[test]
    fn a_bare_parameter_is_not_quoted_printable() {
        // vCard 2.1 writes types bare (`NOTE;WORK:`); only QUOTED-PRINTABLE decodes `=50`.
        let plain = parse_line("NOTE;WORK:Split 50=50").unwrap_or_else(|| panic!("a line"));
        assert!(!plain.quoted_printable());
        assert_eq!(plain.text(), "Split 50=50");
        let qp =
            parse_line("NOTE;QUOTED-PRINTABLE:Split 50=50").unwrap_or_else(|| panic!("a line"));
        assert!(qp.quoted_printable());
        assert_eq!(qp.text(), "Split 50P");
    }

    #[test]
    fn a_line_stops_growing_at_the_longest_kept() {
        let full = format!("NOTE:{}", "n".repeat(MAX_LINE - 5));
        assert_eq!(full.len(), MAX_LINE);
        let lines = unfold(&format!("{full}\r\n more\r\nFN:x"));
        assert_eq!(lines[0], full, "a continuation of a full line is dropped");
        assert_eq!(lines[1], "FN:x");
        let short = &full[..MAX_LINE - 1];
        assert_eq!(
            unfold(&format!("{short}\r\n more"))[0],
            format!("{short}more")
        );

        let qp = format!(
            "NOTE;ENCODING=QUOTED-PRINTABLE:{}=",
            "q".repeat(MAX_LINE - 31)
        );
        assert_eq!(qp.len(), MAX_LINE + 1);
        let lines = unfold(&format!("{qp}\r\nmore\r\nFN:x"));
        assert_eq!(
            lines[0],
            qp[..MAX_LINE],
            "the soft break is taken, nothing more is added"
        );
        assert_eq!(lines[1], "FN:x");
        let qp_short = format!(
            "NOTE;ENCODING=QUOTED-PRINTABLE:{}=",
            "q".repeat(MAX_LINE - 32)
        );
        assert_eq!(
            unfold(&format!("{qp_short}\r\nmore"))[0],
            format!("{}more", &qp_short[..qp_short.len() - 1])
        );
    }

    #[test]
    fn the_first_email_phone_and_web_address_are_kept_and_role_stands_in_for_title() {
        let text = "BEGIN:VCARD\nFN:Sam\nROLE:Coordinator\nEMAIL:first@a.org\nEMAIL:second@b.org\n\
                    TEL:111\nTEL:222\nURL:https://first.org/\nURL:https://second.org/\nEND:VCARD\n\
                    BEGIN:VCARD\nFN:Jo\nTITLE:Librarian\nROLE:Coordinator\nEND:VCARD\n";
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let incoming = read_vcards(text.as_bytes(), "x.vcf", day, || Id::from_random([1; 16]))
            .unwrap_or_else(|e| panic!("{e}"));
        let people = incoming.parts.people.unwrap_or_default();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].role, "Coordinator");
        assert_eq!(people[0].email, "first@a.org");
        assert_eq!(people[0].phone, "111");
        assert_eq!(people[0].url.as_deref(), Some("https://first.org/"));
        assert_eq!(people[1].role, "Librarian", "a title comes before a role");
        assert_eq!(incoming.source.kind, "Contacts file");
        assert_eq!(incoming.source.exported_by, "x.vcf", "where they came from");
    }
}
