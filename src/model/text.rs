//! Cleaning user text before it is kept: the same rules for typed and imported text.

/// Longest title of a goal or resource, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 10_000;
/// Longest short field (a name, a role, people met), in characters.
pub const MAX_SHORT: usize = 300;

/// Why a piece of text was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The field must not be blank.
    #[error("{field} can't be empty")]
    Empty {
        /// The field's name as the user sees it.
        field: &'static str,
    },
    /// The field is longer than its cap.
    #[error("{field} is too long ({len} characters; at most {max})")]
    TooLong {
        /// The field's name as the user sees it.
        field: &'static str,
        /// Its length in characters after cleaning.
        len: usize,
        /// The cap.
        max: usize,
    },
}

/// Characters that never reach the page: bidi overrides and isolates (which can make
/// `Docs\u{202E}gnp.exe` read as `Docsexe.png`), zero-width spaces and word joiners, and the
/// byte-order mark. Zero-width joiner and non-joiner stay: emoji sequences and Persian need them.
fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Removes hidden controls and all other control characters (keeping line breaks and tabs only
/// when `multiline`), turning CR LF into LF, and trims the ends.
pub fn clean(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len());
    // Runs of kept characters (most text) are copied whole; printable ASCII is not decoded.
    let mut kept_from = 0;
    let mut at = 0;
    while let Some(&b) = s.as_bytes().get(at) {
        if (b' '..=b'~').contains(&b) {
            at += 1;
            continue;
        }
        let mut rest = s.get(at..).unwrap_or_default().chars();
        let Some(c) = rest.next() else { break };
        let after = at + c.len_utf8();
        let instead = match c {
            '\r' if rest.next() == Some('\n') => None,
            '\r' => Some(if multiline { '\n' } else { ' ' }),
            '\n' | '\t' if multiline => {
                at = after;
                continue;
            }
            '\n' | '\t' => Some(' '),
            c if c.is_control() || is_hidden_control(c) => None,
            _ => {
                at = after;
                continue;
            }
        };
        out.push_str(s.get(kept_from..at).unwrap_or_default());
        out.extend(instead);
        at = after;
        kept_from = after;
    }
    out.push_str(s.get(kept_from..).unwrap_or_default());
    if out.trim().len() == out.len() {
        out
    } else {
        out.trim().to_owned()
    }
}

/// A required single-line field: cleaned, not blank, at most `max` characters.
pub fn required_line(field: &'static str, s: &str, max: usize) -> Result<String, TextError> {
    let t = optional(field, s, false, max)?;
    if t.is_empty() {
        return Err(TextError::Empty { field });
    }
    Ok(t)
}

/// An optional field: cleaned, at most `max` characters, possibly empty.
pub fn optional(
    field: &'static str,
    s: &str,
    multiline: bool,
    max: usize,
) -> Result<String, TextError> {
    let t = clean(s, multiline);
    let len = t.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_controls_are_removed() {
        assert_eq!(clean("Docs\u{202E}gnp.exe", false), "Docsgnp.exe");
        assert_eq!(clean("ad\u{200B}min", false), "admin");
        assert_eq!(clean("\u{FEFF}LM_NET\u{2066}", false), "LM_NET");
        assert_eq!(clean("a\u{0}b\u{7}c", false), "abc");
    }

    #[test]
    fn joiners_in_emoji_and_scripts_stay() {
        let family = "👩\u{200D}👩\u{200D}👧";
        assert_eq!(clean(family, false), family);
        assert_eq!(clean("می\u{200C}خواهم", false), "می\u{200C}خواهم");
    }

    #[test]
    fn line_breaks_depend_on_the_field() {
        assert_eq!(clean(" a\r\nb\rc\td ", true), "a\nb\nc\td");
        assert_eq!(clean(" a\r\nb\rc\td ", false), "a b c d");
    }

    /// Properties (proptest runs natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::{clean, is_hidden_control};

        /// [`clean`] as its rules say it, character by character: what the faster code must match.
        fn rebuilt(s: &str, multiline: bool) -> String {
            let mut out = String::new();
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if is_hidden_control(c) {
                    continue;
                }
                match c {
                    '\r' => {
                        if chars.peek() != Some(&'\n') {
                            out.push(if multiline { '\n' } else { ' ' });
                        }
                    }
                    '\n' | '\t' => out.push(if multiline { c } else { ' ' }),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
            out.trim().to_owned()
        }

        proptest::proptest! {
            #[test]
            fn clean_follows_its_rules_character_by_character(
                s in "([ a-zA-Zé\u{0}\t\r\n\u{7f}\u{85}\u{a0}\u{200b}\u{200d}\u{202e}\u{3000}\u{feff}]|[\u{0}-\u{10ffff}]){0,12}",
                ascii in "[\\x00-\\x7f]{0,12}",
                multiline: bool,
            ) {
                for s in [s, ascii] {
                    let cleaned = clean(&s, multiline);
                    proptest::prop_assert_eq!(&cleaned, &rebuilt(&s, multiline));
                    // Cleaning twice changes nothing.
                    proptest::prop_assert_eq!(clean(&cleaned, multiline), cleaned);
                }
            }
        }
    }

    #[test]
    fn clean_text_comes_back_as_it_was() {
        for (s, multiline) in [
            ("LM_NET", false),
            ("Two\nlines\tand a tab", true),
            ("", false),
        ] {
            assert_eq!(clean(s, multiline), s);
        }
        assert_eq!(clean("Two\nlines", false), "Two lines");
        assert_eq!(clean("\u{a0}padded\u{3000}", false), "padded");
        assert_eq!(clean("a\u{85}b", true), "ab");
    }

    #[test]
    fn caps_count_characters_not_bytes() {
        assert!(required_line("Title", &"é".repeat(300), 300).is_ok());
        assert_eq!(
            required_line("Title", &"é".repeat(301), 300),
            Err(TextError::TooLong {
                field: "Title",
                len: 301,
                max: 300
            })
        );
        assert_eq!(
            required_line("Title", " \u{200B} ", 300),
            Err(TextError::Empty { field: "Title" })
        );
        assert_eq!(optional("Notes", "", true, 10), Ok(String::new()));
    }
}
