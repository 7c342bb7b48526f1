//! Content lines as iCalendar (RFC 5545) and vCard (RFC 6350, and 2426 for version 3.0)
//! write them: text values escaped, long lines folded.

/// RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`, tabs as spaces
/// and every other control character removed.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no physical line passes 75 octets (RFC 5545 §3.1):
/// continuation lines start with a space, and a break never falls inside a UTF-8 character.
pub fn fold(line: &str, out: &mut String) {
    const MAX: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_counts_octets_not_characters() {
        let mut out = String::new();
        fold(&"é".repeat(40), &mut out);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines[0].len(),
            74,
            "37 two-octet characters; the 38th would make 76"
        );
        assert_eq!(lines[1], format!(" {}", "é".repeat(3)));
        assert_eq!(lines[2], "");
        let mut short = String::new();
        fold(&"a".repeat(75), &mut short);
        assert_eq!(short, format!("{}\r\n", "a".repeat(75)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("a\\b;c,d\r\ne\rf\ng\th\u{7}"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng h"
        );
    }
}
