//! The plain-text summary of a shared file: what a colleague reads in the email before they
//! open anything, and what "Copy summary" puts on the clipboard.

use super::file::{Choice, ExportFile};
use super::import::{each, EachPart, Item, Lists, Parts};
use crate::model::words;
use crate::model::{Locale, State};
use chrono::NaiveDate;
use std::fmt::Write;

/// The longest `mailto:` link built. Mail clients and operating systems cut long links at
/// different points; about 2,000 characters opens everywhere tested by mail-client authors.
pub const MAX_MAILTO: usize = 2_000;

/// "Branch Out: Sam Lee's plan — 5 goals, 12 resources".
pub fn subject(file: &ExportFile) -> String {
    let who = file.exported_by.split(", ").next().unwrap_or_default();
    let whose = if who.is_empty() {
        "A Branch Out plan".to_owned()
    } else {
        format!("{who}'s Branch Out plan")
    };
    format!("{whose}: {}", contents(file, "settings"))
}

/// What a file holds, counted: "2 goals, 3 resources, settings" (`settings` names the last
/// part, as the sentence around it needs). People are counted, never named.
pub fn contents(file: &ExportFile, settings: &str) -> String {
    struct InFile<'f>(&'f ExportFile, Vec<String>);
    impl EachPart for InFile<'_> {
        fn part<P: Item>(&mut self) {
            if P::get(&self.0.contents.parts).is_some() {
                let n = *P::get(&self.0.counts);
                self.1.push(words::plural(n, P::NOUNS.0, P::NOUNS.1));
            }
        }
    }
    let mut parts = InFile(file, Vec::new());
    each(&mut parts);
    listed(parts.1, file.contents.settings.is_some(), settings)
}

/// What an export of `choice` would hold, counted as [`contents`] counts a file, without
/// building the file.
pub fn chosen(state: &State, choice: &Choice, settings: &str) -> String {
    struct Chosen<'c>(&'c State, &'c Choice, Vec<String>);
    impl EachPart for Chosen<'_> {
        fn part<P: Item>(&mut self) {
            if let Some(n) = P::chosen(self.0, &self.1.parts) {
                self.2.push(words::plural(n, P::NOUNS.0, P::NOUNS.1));
            }
        }
    }
    let mut parts = Chosen(state, choice, Vec::new());
    each(&mut parts);
    listed(parts.2, choice.settings, settings)
}

fn listed(mut parts: Vec<String>, with_settings: bool, settings: &str) -> String {
    if with_settings {
        parts.push(settings.to_owned());
    }
    parts.join(", ")
}

/// How whoever receives a summary opens what it describes in Branch Out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening<'a> {
    /// The attached file, in the Branch Out at this address (a colleague who has never used
    /// it must be told where it is).
    File {
        /// This Branch Out's address.
        app: &'a str,
    },
    /// A share link, which opens the preview in one click.
    Link(&'a str),
}

/// The summary, line by line: who shared it, the goals with their cadences, the resources
/// with their addresses, and how to open it (`opening`). `limit` caps its length in
/// characters; lists that don't fit end with "…and N more", so the text always says what it
/// left out. A part with nothing in it is left out.
pub fn text(file: &ExportFile, locale: Locale, limit: usize, opening: Opening) -> String {
    let mut head = String::new();
    let day = NaiveDate::parse_from_str(file.exported_at.get(..10).unwrap_or(""), "%Y-%m-%d")
        .map(|d| words::date(d, locale))
        .unwrap_or_default();
    let by = if file.exported_by.is_empty() {
        String::new()
    } else {
        format!(" by {}", file.exported_by)
    };
    let _ = writeln!(head, "Branch Out plan shared{by} on {day}.");
    let tail = match opening {
        Opening::File { app } => format!(
            "\nThe attached file, {}, opens in Branch Out: Share, then Import. Nothing is \
             added until you have seen a preview, and one click undoes it.\nBranch Out: {app}\n",
            file.file_name()
        ),
        Opening::Link(link) => format!(
            "\nOpen it in Branch Out with this link. Nothing is added until you have seen a \
             preview, and one click undoes it.\n{link}\n"
        ),
    };

    // Each part the file holds with something in it, in the preview's order.
    struct Sections<'f>(&'f Parts<Lists>, Vec<(String, Vec<String>)>);
    impl EachPart for Sections<'_> {
        fn part<P: Item>(&mut self) {
            if let Some(items) = P::get(self.0).as_deref().filter(|i| !i.is_empty()) {
                self.1.push(P::summary(items));
            }
        }
    }
    let mut sections = Sections(&file.contents.parts, Vec::new());
    each(&mut sections);
    let mut sections = sections.1;
    if file.contents.settings.is_some() {
        sections.push(("Settings: calendar, terms and breaks".into(), Vec::new()));
    }

    let mut out = head;
    let fixed: usize = out.chars().count()
        + tail.chars().count()
        + sections
            .iter()
            .map(|(h, _)| h.chars().count() + 2)
            .sum::<usize>();
    let mut room = limit.saturating_sub(fixed);
    // Room kept for each later list's "…and N more", so every list can say what it left out.
    let more_line = |n: usize| format!("…and {n} more\n").chars().count();
    let mut kept: usize = sections
        .iter()
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(_, lines)| more_line(lines.len()))
        .sum();
    for (heading, lines) in sections {
        let _ = write!(out, "\n{heading}\n");
        let total = lines.len();
        if total > 0 {
            kept -= more_line(total);
        }
        let mut mine = room.saturating_sub(kept);
        let start = mine;
        for (i, line) in lines.into_iter().enumerate() {
            let more = format!("…and {} more\n", total - i);
            let need = line.chars().count() + 1;
            // Keep room for the "…and N more" line should a later line not fit.
            if need + more.chars().count() > mine && i + 1 < total || need > mine && i + 1 == total
            {
                if mine >= more.chars().count() {
                    out.push_str(&more);
                    mine -= more.chars().count();
                }
                break;
            }
            out.push_str(&line);
            out.push('\n');
            mine -= need;
        }
        room -= start - mine;
    }
    out.push_str(&tail);
    out
}

/// A `mailto:` link with the subject and the summary, within [`MAX_MAILTO`] characters
/// where the summary can be cut enough (a share link is never cut, so check the length).
pub fn mailto(file: &ExportFile, locale: Locale, opening: Opening) -> String {
    let subject = encode(&subject(file));
    let mut limit = 1_600;
    loop {
        let body = encode(&text(file, locale, limit, opening).replace('\n', "\r\n"));
        let link = format!("mailto:?subject={subject}&body={body}");
        // Percent-encoding can triple a character; shrink the text until the link fits.
        if link.len() <= MAX_MAILTO || limit < 200 {
            return link;
        }
        limit = limit * 3 / 4;
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), as `mailto:` needs:
/// spaces become `%20`, never `+`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn encoding_is_rfc_3986() {
        assert_eq!(encode("a b&c=d?é\r\n"), "a%20b%26c%3Dd%3F%C3%A9%0D%0A");
        assert_eq!(encode("Safe-._~"), "Safe-._~");
    }
}
