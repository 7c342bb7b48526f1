//! The bookmark file's tokens: a loop over the text that moves forward at every step, so
//! no input makes it quadratic and no nesting can exhaust the stack.

/// The elements the reader acts on; every other tag is `Other` and ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
    A,
    H3,
    Dl,
    Dt,
    Dd,
    Hr,
    Br,
    /// `<H1>`, `<H2>`, `<H4>` …: the file's own heading, which ends any open link text.
    Heading,
    Other,
}

pub(super) fn tag_of(name: &str) -> Tag {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("a") {
        Tag::A
    } else if is("h3") {
        Tag::H3
    } else if is("dl") {
        Tag::Dl
    } else if is("dt") {
        Tag::Dt
    } else if is("dd") {
        Tag::Dd
    } else if is("hr") {
        Tag::Hr
    } else if is("br") {
        Tag::Br
    } else if ["h1", "h2", "h4", "h5", "h6"].iter().any(|h| is(h)) {
        Tag::Heading
    } else {
        Tag::Other
    }
}

/// Elements whose contents are never markup and never become text here. A browser treats them
/// as raw text too, so a link inside a `<script>` is no link in any browser either.
const RAW: [&str; 8] = [
    "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes",
];

/// The three attributes kept, still entity-encoded. Everything else is skipped over.
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub(super) href: Option<&'a str>,
    pub(super) add_date: Option<&'a str>,
    pub(super) tags: Option<&'a str>,
}

/// One step through the file: text, a start tag with its kept attributes, or an end tag.
pub(super) enum Token<'a> {
    Text(&'a str),
    Start(Tag, Attrs<'a>),
    End(Tag),
}

/// The file's tokens, in order.
pub(super) struct Tokens<'a> {
    src: &'a str,
    pos: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

impl<'a> Tokens<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Tokens { src, pos: 0 }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.src.get(from..to).unwrap_or_default()
    }

    /// The index of the next `needle` at or after `from`, or the end of the text.
    fn find_from(&self, from: usize, needle: &str) -> usize {
        self.src
            .get(from..)
            .and_then(|rest| rest.find(needle))
            .map_or(self.src.len(), |i| from + i)
    }

    /// Moves past the next `>` (or to the end).
    fn skip_past_gt(&mut self, from: usize) {
        self.pos = (self.find_from(from, ">") + 1).min(self.src.len());
    }

    /// A run of bytes that are not space, `/`, `>` (and not `=` when `stop_at_eq`), from `from`.
    fn word_end(&self, from: usize, stop_at_eq: bool) -> usize {
        let mut i = from;
        while let Some(b) = self.byte(i) {
            if is_space(b) || b == b'/' || b == b'>' || (stop_at_eq && b == b'=' && i > from) {
                break;
            }
            i += 1;
        }
        i
    }

    fn skip_space(&self, mut i: usize) -> usize {
        while self.byte(i).is_some_and(is_space) {
            i += 1;
        }
        i
    }

    /// Reads attributes from `i` to the tag's `>`. `None` when the text ends first: an
    /// unfinished tag is dropped, as a browser drops it.
    fn attributes(&mut self, mut i: usize) -> Option<Attrs<'a>> {
        let mut attrs = Attrs::default();
        loop {
            while self.byte(i).is_some_and(|b| is_space(b) || b == b'/') {
                i += 1;
            }
            match self.byte(i)? {
                b'>' => {
                    self.pos = i + 1;
                    return Some(attrs);
                }
                _ => {
                    let name_end = self.word_end(i, true);
                    let name = self.slice(i, name_end);
                    i = self.skip_space(name_end);
                    let mut value = None;
                    if self.byte(i) == Some(b'=') {
                        i = self.skip_space(i + 1);
                        let (from, to, next) = match self.byte(i)? {
                            q @ (b'"' | b'\'') => {
                                let close =
                                    self.src.get(i + 1..)?.find(q as char).map(|j| i + 1 + j)?;
                                (i + 1, close, close + 1)
                            }
                            _ => {
                                let mut end = i;
                                while self.byte(end).is_some_and(|b| !is_space(b) && b != b'>') {
                                    end += 1;
                                }
                                (i, end, end)
                            }
                        };
                        value = Some(self.slice(from, to));
                        i = next;
                    }
                    // The first of a repeated attribute wins, as in a browser.
                    let slot = if name.eq_ignore_ascii_case("href") {
                        &mut attrs.href
                    } else if name.eq_ignore_ascii_case("add_date") {
                        &mut attrs.add_date
                    } else if name.eq_ignore_ascii_case("tags") {
                        &mut attrs.tags
                    } else {
                        continue;
                    };
                    if slot.is_none() {
                        *slot = Some(value.unwrap_or_default());
                    }
                }
            }
        }
    }

    /// Skips a raw-text element's contents up to and past its end tag (or to the end).
    fn skip_raw(&mut self, name: &str) {
        let mut i = self.pos;
        loop {
            let at = self.find_from(i, "</");
            if at >= self.src.len() {
                self.pos = self.src.len();
                return;
            }
            let name_end = at + 2 + name.len();
            let matches = self
                .src
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && self
                    .byte(name_end)
                    .is_none_or(|b| is_space(b) || b == b'/' || b == b'>');
            if matches {
                self.skip_past_gt(name_end);
                return;
            }
            i = at + 2;
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let start = self.pos;
            let first = self.byte(start)?;
            if first != b'<' {
                let end = self.find_from(start, "<");
                self.pos = end;
                return Some(Token::Text(self.slice(start, end)));
            }
            let next = self.byte(start + 1);
            match next {
                Some(b'!') => {
                    if self.slice(start, start + 4) == "<!--" {
                        // From the second dash, so `<!-->` is the empty comment it is in HTML.
                        let end = self.find_from(start + 2, "-->");
                        self.pos = (end + 3).min(self.src.len());
                    } else {
                        self.skip_past_gt(start + 2);
                    }
                }
                Some(b'?') => self.skip_past_gt(start + 2),
                Some(b'/') => match self.byte(start + 2) {
                    Some(b) if b.is_ascii_alphabetic() => {
                        let name_end = self.word_end(start + 2, false);
                        let tag = tag_of(self.slice(start + 2, name_end));
                        self.attributes(name_end)?;
                        return Some(Token::End(tag));
                    }
                    _ => self.skip_past_gt(start + 2),
                },
                Some(b) if b.is_ascii_alphabetic() => {
                    let name_end = self.word_end(start + 1, false);
                    let name = self.slice(start + 1, name_end);
                    let attrs = self.attributes(name_end)?;
                    if let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r)) {
                        self.skip_raw(raw);
                        continue;
                    }
                    return Some(Token::Start(tag_of(name), attrs));
                }
                _ => {
                    self.pos = start + 1;
                    return Some(Token::Text("<"));
                }
            }
        }
    }
}
