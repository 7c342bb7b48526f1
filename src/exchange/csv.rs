//! The shelf as CSV (RFC 4180), for a spreadsheet.
//!
//! The file starts with a UTF-8 byte-order mark. Excel opens a CSV without one in the
//! computer's legacy code page, which turns "Médiathèque" and every CJK title into mojibake;
//! with it, Excel, Numbers, LibreOffice and Google Sheets all read UTF-8 and show no extra
//! character. A program reading the file itself should skip the mark.

use crate::model::{words, Resource};

/// The header row, in column order.
pub const HEADER: [&str; 12] = [
    "Title",
    "Address",
    "Kind",
    "Tags",
    "Notes",
    "Scope",
    "Membership",
    "List address",
    "Next date",
    "Next",
    "Favourite",
    "Added",
];

/// One row per resource, in shelf order, under [`HEADER`]: labels in words as the screens show
/// them, tags joined with "; ", dates as `YYYY-MM-DD`, "Yes" or "No" for a favourite. Records
/// end with CR LF; a field holding a comma, quote, CR or LF is quoted with quotes doubled.
///
/// A cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR)
/// gets a leading `'`, so a title such as `=HYPERLINK(…)` stays text.
pub fn resources(resources: &[Resource]) -> String {
    let mut out = String::from("\u{FEFF}");
    record(HEADER.iter().copied(), &mut out);
    for r in resources {
        let cells = [
            r.title.clone(),
            r.url.clone().unwrap_or_default(),
            words::kind(r.kind).to_owned(),
            r.tags.join("; "),
            r.notes.clone(),
            r.scope.map(words::scope).unwrap_or_default().to_owned(),
            words::membership(r.membership).to_owned(),
            r.email_list
                .as_ref()
                .map(|e| e.address.clone())
                .unwrap_or_default(),
            r.next_date.map(|d| d.to_string()).unwrap_or_default(),
            r.next_label.clone(),
            if r.favourite { "Yes" } else { "No" }.to_owned(),
            r.added.to_string(),
        ];
        record(cells.iter().map(String::as_str), &mut out);
    }
    out
}

fn record<'a>(cells: impl Iterator<Item = &'a str>, out: &mut String) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(cell, out);
    }
    out.push_str("\r\n");
}

fn field(cell: &str, out: &mut String) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = cell.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quoted {
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> String {
        let mut out = String::new();
        field(cell, &mut out);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(one("plain"), "plain");
        assert_eq!(one("a,b"), "\"a,b\"");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(one("two\nlines"), "\"two\nlines\"");
        assert_eq!(one(""), "");
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(one("=1+1"), "'=1+1");
        assert_eq!(one("\rx"), "\"'\rx\"");
        assert_eq!(one("a=1"), "a=1");
    }
}
