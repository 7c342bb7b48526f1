//! The Netscape bookmark file: what Chrome, Firefox, Edge, Safari and Internet Explorer export,
//! read into plain bookmarks, and the shelf written back out as one.
//!
//! The reader is a small hand-written tokenizer rather than html5ever: a full HTML parser would
//! add far more to the wasm than this whole format needs, and the format is a flat run of a few
//! tags (`<DL>`, `<DT>`, `<H3>`, `<A>`, `<DD>`). It is a loop over the text, never recursion, so
//! ten thousand nested folders cannot exhaust the stack, and every step moves forward, so no
//! input makes it quadratic. Scripts are never run: the file is only ever read as text.

mod tokens;
mod write;

pub use write::{export, left_out};

use chrono::{DateTime, NaiveDate};
use tokens::{Tag, Token, Tokens};

/// The largest file read, in bytes (10 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most links one file may hold.
pub const MAX_LINKS: usize = 5_000;
/// Folders deeper than this are flattened into the one at this depth.
pub const MAX_DEPTH: usize = 32;
/// Folder names are cut to this many characters. Every bookmark carries its whole folder path,
/// so without it one huge folder name over thousands of links would multiply memory.
pub const MAX_FOLDER_NAME: usize = 100;

/// One link read from a bookmark file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bookmark {
    /// The link's text, whitespace collapsed; the address when the text is empty.
    pub title: String,
    /// The `HREF` with entities decoded and nothing else done: not checked, so the caller can
    /// refuse `javascript:` and `place:` links through [`SafeUrl`] and count them.
    pub url: String,
    /// The folders it sits in, outermost first (`["Bookmarks bar", "Libraries"]`).
    pub folders: Vec<String>,
    /// Firefox's `TAGS`, split on commas, trimmed, blanks dropped.
    pub tags: Vec<String>,
    /// The `<DD>` description that follows the link, trimmed; line breaks kept as `\n`.
    pub description: String,
    /// The day in `ADD_DATE` (Unix seconds), when it is a real date.
    pub added: Option<NaiveDate>,
}

/// What a bookmark file held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every `<A HREF>`, in file order, including links the caller will refuse.
    pub bookmarks: Vec<Bookmark>,
    /// How many folders (`<H3>` headings) the file has, empty ones included.
    pub folders: usize,
}

/// Why a bookmark file was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BookmarksError {
    /// Larger than [`MAX_BYTES`].
    #[error("This bookmark file is larger than 10 MB")]
    TooLarge,
    /// More than [`MAX_LINKS`] links.
    #[error("This bookmark file has more than 5,000 links")]
    TooManyLinks,
}

/// Reads a bookmark file. Tolerates what real exports do: lowercase tags, missing `</DT>`,
/// explicit `</DD>`, `<p>` and `<HR>` anywhere, links outside any list, CRLF, a byte-order mark
/// and no doctype. Only `HREF`, `ADD_DATE` and `TAGS` are read; icons and every other attribute
/// are skipped without being copied, and the contents of `<script>`, `<style>` and `<iframe>`
/// are skipped whole.
pub fn parse(html: &str) -> Result<Parsed, BookmarksError> {
    if html.len() > MAX_BYTES {
        return Err(BookmarksError::TooLarge);
    }
    let html = html.strip_prefix('\u{FEFF}').unwrap_or(html);
    let mut b = Builder::default();
    for token in Tokens::new(html) {
        b.take(token)?;
    }
    b.finish_capture();
    Ok(Parsed {
        bookmarks: b.bookmarks,
        folders: b.folders,
    })
}

/// Where text is going while the reader is inside an element.
#[derive(Default)]
enum Capture {
    #[default]
    Nothing,
    /// The text of the bookmark at this index.
    Title(usize, String),
    /// A folder's heading.
    Folder(String),
    /// The description of the bookmark at this index.
    Description(usize, String),
}

#[derive(Default)]
struct Builder {
    bookmarks: Vec<Bookmark>,
    folders: usize,
    /// Named folders open now, outermost first, at most [`MAX_DEPTH`].
    path: Vec<String>,
    /// One entry per open `<DL>`: whether it added a name to `path`, so `</DL>` undoes exactly
    /// what its `<DL>` did, however deep the file goes.
    lists: Vec<bool>,
    /// A heading read but not yet opened by its `<DL>`.
    heading: Option<String>,
    capture: Capture,
    /// The bookmark a `<DD>` right now would describe.
    describable: Option<usize>,
}

impl Builder {
    fn take(&mut self, token: Token<'_>) -> Result<(), BookmarksError> {
        match token {
            Token::Text(raw) => match &mut self.capture {
                Capture::Nothing => {}
                Capture::Title(_, s) | Capture::Folder(s) | Capture::Description(_, s) => {
                    decode_into(raw, s);
                }
            },
            Token::Start(Tag::A, attrs) => {
                self.finish_capture();
                self.describable = None;
                self.heading = None;
                if let Some(href) = attrs.href {
                    if self.bookmarks.len() >= MAX_LINKS {
                        return Err(BookmarksError::TooManyLinks);
                    }
                    self.bookmarks.push(Bookmark {
                        title: String::new(),
                        url: decode(href),
                        folders: self.path.clone(),
                        tags: attrs
                            .tags
                            .map(|t| split_tags(&decode(t)))
                            .unwrap_or_default(),
                        description: String::new(),
                        added: attrs.add_date.and_then(day_of),
                    });
                    self.capture = Capture::Title(self.bookmarks.len() - 1, String::new());
                }
            }
            Token::End(Tag::A) => self.finish_capture(),
            Token::Start(Tag::H3, _) => {
                self.finish_capture();
                self.describable = None;
                self.folders += 1;
                self.capture = Capture::Folder(String::new());
            }
            // `</DT>` sits between a link and its `<DD>` in some files, so it keeps the link
            // describable.
            Token::End(Tag::H3 | Tag::Dd | Tag::Dt) => self.finish_capture(),
            Token::Start(Tag::Dl, _) => {
                self.finish_capture();
                self.describable = None;
                let named = match self.heading.take() {
                    Some(name) if self.path.len() < MAX_DEPTH => {
                        self.path.push(name);
                        true
                    }
                    _ => false,
                };
                self.lists.push(named);
            }
            Token::End(Tag::Dl) => {
                self.finish_capture();
                self.describable = None;
                self.heading = None;
                if self.lists.pop() == Some(true) {
                    self.path.pop();
                }
            }
            Token::Start(Tag::Dd, _) => {
                self.finish_capture();
                self.capture = match self.describable.take() {
                    Some(i) => Capture::Description(i, String::new()),
                    None => Capture::Nothing,
                };
            }
            Token::Start(Tag::Br, _) => match &mut self.capture {
                Capture::Description(_, s) => s.push('\n'),
                Capture::Title(_, s) | Capture::Folder(s) => s.push(' '),
                Capture::Nothing => {}
            },
            Token::Start(Tag::Dt | Tag::Hr | Tag::Heading, _)
            | Token::End(Tag::Hr | Tag::Heading) => {
                self.finish_capture();
                self.describable = None;
                self.heading = None;
            }
            Token::Start(Tag::Other, _) | Token::End(Tag::Br | Tag::Other) => {}
        }
        Ok(())
    }

    /// Ends whatever text was being gathered, which also closes an element whose end tag the
    /// file left out.
    fn finish_capture(&mut self) {
        match std::mem::take(&mut self.capture) {
            Capture::Nothing => {}
            Capture::Title(i, text) => {
                if let Some(b) = self.bookmarks.get_mut(i) {
                    let title = collapse(&text);
                    b.title = if title.is_empty() {
                        b.url.clone()
                    } else {
                        title
                    };
                    self.describable = Some(i);
                }
            }
            Capture::Folder(text) => {
                self.heading = Some(collapse(&text).chars().take(MAX_FOLDER_NAME).collect());
            }
            Capture::Description(i, text) => {
                if let Some(b) = self.bookmarks.get_mut(i) {
                    b.description = text.trim().to_owned();
                }
            }
        }
    }
}

/// Runs of whitespace become one space; the ends are trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn day_of(seconds: &str) -> Option<NaiveDate> {
    let secs: i64 = seconds.trim().parse().ok()?;
    DateTime::from_timestamp(secs, 0).map(|t| t.date_naive())
}

// ---------------------------------------------------------------------------------------------
// Entities

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_into(s, &mut out);
    out
}

/// Decodes character references once, left to right, so `&amp;#39;` becomes `&#39;` and stays
/// that way. Named references need their `;` (as in a URL's `?a=1&lt=2`, a bare `&name` is
/// text); numeric ones don't, as browsers allow. A decoded reference is never longer than its
/// source, so decoding cannot grow the input. Carriage returns become line feeds, as HTML does.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        if let Some(after_cr) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after_cr.strip_prefix('\n').unwrap_or(after_cr);
            continue;
        }
        match reference(tail) {
            Some((c, used)) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
}

const NAMED: [(&str, char); 10] = [
    ("amp;", '&'),
    ("lt;", '<'),
    ("gt;", '>'),
    ("quot;", '"'),
    ("apos;", '\''),
    ("nbsp;", '\u{A0}'),
    ("AMP;", '&'),
    ("LT;", '<'),
    ("GT;", '>'),
    ("QUOT;", '"'),
];

/// The character a reference at the start of `s` (which begins with `&`) stands for, and how
/// many bytes it took.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = s.get(1..)?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, lead) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let mut value: u32 = 0;
        for c in digits.get(..len)?.chars() {
            // Past the last code point the value only needs to stay invalid, not exact.
            value = value
                .saturating_mul(radix)
                .saturating_add(c.to_digit(radix)?)
                .min(0x11_0000);
        }
        let semi = usize::from(digits.get(len..)?.starts_with(';'));
        let c = match char::from_u32(value) {
            Some('\0') | None => '\u{FFFD}',
            Some(c) => c,
        };
        return Some((c, lead + len + semi));
    }
    NAMED
        .iter()
        .find(|(name, _)| body.starts_with(name))
        .map(|(name, c)| (*c, 1 + name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        Tokens::new(html)
            .map(|t| match t {
                Token::Text(s) => format!("text:{s}"),
                Token::Start(tag, a) => format!(
                    "<{tag:?} href={:?} date={:?} tags={:?}>",
                    a.href, a.add_date, a.tags
                ),
                Token::End(tag) => format!("</{tag:?}>"),
            })
            .collect()
    }

    #[test]
    fn attributes_quoted_unquoted_and_valueless() {
        assert_eq!(
            texts("<a HREF=x.html add_date='12' FOLDED tags=\"a>b\">t</A>"),
            vec![
                "<A href=Some(\"x.html\") date=Some(\"12\") tags=Some(\"a>b\")>",
                "text:t",
                "</A>"
            ]
        );
        assert_eq!(
            texts("<a href=\"1\" href=\"2\">"),
            vec!["<A href=Some(\"1\") date=None tags=None>"],
            "the first of a repeated attribute wins"
        );
    }

    #[test]
    fn unfinished_markup_ends_quietly() {
        assert!(texts("<a href=\"never closed").is_empty());
        assert_eq!(texts("a < b"), vec!["text:a ", "text:<", "text: b"]);
        assert_eq!(texts("x<!-- <a href=y> -->z"), vec!["text:x", "text:z"]);
        assert_eq!(
            texts("<script>if (a</b) {}</SCRIPT >after"),
            vec!["text:after"]
        );
        assert!(texts("<style>never closed <a href=x>").is_empty());
    }

    #[test]
    fn references_decode_once() {
        assert_eq!(
            decode("&amp;#39; &#39; &#x27; &#X27 &lt;&gt;"),
            "&#39; ' ' ' <>"
        );
        assert_eq!(decode("a & b &unknown; &amp"), "a & b &unknown; &amp");
        assert_eq!(
            decode("&#0; &#xD800; &#99999999999;"),
            "\u{FFFD} \u{FFFD} \u{FFFD}"
        );
        assert_eq!(decode("&#; &#x;"), "&#; &#x;");
        assert_eq!(decode("a\r\nb\rc"), "a\nb\nc");
    }
}
