//! The shelf as CSV: header, labels, RFC 4180 quoting and formula-injection safety.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::day;

use branch_out::exchange::csv::{resources, HEADER};
use branch_out::model::words;
use branch_out::model::*;
use proptest::prelude::*;

/// A strict RFC 4180 reader: every record ends CR LF, unquoted fields hold no quote, CR or LF.
fn read(csv: &str) -> Result<Vec<Vec<String>>, String> {
    let body = csv.strip_prefix('\u{FEFF}').ok_or("no byte-order mark")?;
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = body.chars().peekable();
    loop {
        let mut cell = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().ok_or("unterminated quote")? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => break,
                    c => cell.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                if c == '"' || c == '\n' {
                    return Err(format!("{c:?} in an unquoted field"));
                }
                cell.push(c);
                chars.next();
            }
        }
        row.push(cell);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                if chars.next() != Some('\n') {
                    return Err("CR without LF".into());
                }
                rows.push(std::mem::take(&mut row));
                if chars.peek().is_none() {
                    return Ok(rows);
                }
            }
            other => return Err(format!("{other:?} after a field")),
        }
    }
}

fn resource(title: &str) -> Resource {
    common::bare_resource(1, title, None, Kind::Other)
}

#[test]
fn header_and_a_full_row() {
    let lm = Resource {
        url: Some("https://lm-net.info/".into()),
        kind: Kind::EmailList,
        tags: vec!["lists".into(), "school libraries".into()],
        notes: "Digest is best.\nSay \"hi\", then lurk.".into(),
        scope: Some(Scope::International),
        membership: Membership::Subscribed,
        email_list: Some(EmailList {
            address: "lm_net@lists.example".into(),
            ..EmailList::default()
        }),
        next_date: Some(day(2027, 1, 5)),
        next_label: "Renew".into(),
        favourite: true,
        ..resource("LM_NET")
    };
    let csv = resources(&[lm, resource("Médiathèque, Lyon")]);
    assert_eq!(
        csv,
        "\u{FEFF}Title,Address,Kind,Tags,Notes,Scope,Membership,List address,Next date,Next,Favourite,Added\r\n\
         LM_NET,https://lm-net.info/,Email list,lists; school libraries,\"Digest is best.\nSay \"\"hi\"\", then lurk.\",International,Subscribed,lm_net@lists.example,2027-01-05,Renew,Yes,2026-11-25\r\n\
         \"Médiathèque, Lyon\",,Other,,,,Not joined,,,,No,2026-11-25\r\n"
    );
    assert_eq!(read(&csv).unwrap()[0], HEADER);
    assert_eq!(resources(&[]), format!("\u{FEFF}{}\r\n", HEADER.join(",")));
}

#[test]
fn x17_formulas_stay_text() {
    let titles = [
        (
            "=HYPERLINK(\"http://evil\")",
            "\"'=HYPERLINK(\"\"http://evil\"\")\"",
        ),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=1,2", "\"'=1,2\""),
        ("a=1", "a=1"),
        (" =1", " =1"),
    ];
    for (title, written) in titles {
        let csv = resources(&[resource(title)]);
        let row = csv.split_once("\r\n").unwrap().1;
        assert!(
            row.starts_with(&format!("{written},")),
            "{title:?} was written as {row:?}"
        );
        let cells = &read(&csv).unwrap()[1];
        let expected = if written.contains('\'') {
            format!("'{title}")
        } else {
            title.to_owned()
        };
        assert_eq!(cells[0], expected);
    }
    let mut r = resource("ok");
    r.tags = vec!["-tag".into(), "b".into()];
    r.notes = "=cmd|' /C calc'!A0".into();
    r.next_label = "+call".into();
    r.email_list = Some(EmailList {
        address: "@list".into(),
        ..EmailList::default()
    });
    let cells = &read(&resources(&[r])).unwrap()[1];
    assert_eq!(cells[3], "'-tag; b");
    assert_eq!(cells[4], "'=cmd|' /C calc'!A0");
    assert_eq!(cells[7], "'@list");
    assert_eq!(cells[9], "'+call");
}

#[test]
fn quoting_follows_rfc_4180() {
    let mut r = resource("He said \"no\"");
    r.notes = "one\r\ntwo\nthree, four".into();
    r.tags = vec!["a,b".into()];
    let csv = resources(&[r]);
    assert!(csv.contains("\"He said \"\"no\"\"\""));
    assert!(csv.contains("\"one\r\ntwo\nthree, four\""));
    let cells = &read(&csv).unwrap()[1];
    assert_eq!(cells[0], "He said \"no\"");
    assert_eq!(cells[3], "a,b");
    assert_eq!(cells[4], "one\r\ntwo\nthree, four");
    assert_eq!(cells.len(), HEADER.len());
}

/// The cells a resource should read back as, before any `'`.
fn cells(r: &Resource) -> Vec<String> {
    vec![
        r.title.clone(),
        r.url.clone().unwrap_or_default(),
        words::kind(r.kind).to_owned(),
        r.tags.join("; "),
        r.notes.clone(),
        r.scope.map(words::scope).unwrap_or("").to_owned(),
        words::membership(r.membership).to_owned(),
        r.email_list
            .as_ref()
            .map(|e| e.address.clone())
            .unwrap_or_default(),
        r.next_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        r.next_label.clone(),
        if r.favourite { "Yes" } else { "No" }.to_owned(),
        r.added.format("%Y-%m-%d").to_string(),
    ]
}

fn risky() -> impl Strategy<Value = String> {
    prop_oneof![
        common::text(),
        any::<String>(),
        "[=+@\t\r\n\",-]{0,3}[a-z,\"\r\n ]{0,6}",
    ]
}

proptest! {
    #[test]
    fn a_reader_gets_every_cell_back(
        rs in prop::collection::vec(
            (common::resource(), risky(), risky(), prop::collection::vec(risky(), 0..3))
                .prop_map(|(mut r, title, notes, tags)| {
                    r.title = title;
                    r.notes = notes;
                    r.tags = tags;
                    r
                }),
            0..6,
        )
    ) {
        let csv = resources(&rs);
        let rows = read(&csv).map_err(TestCaseError::fail)?;
        prop_assert_eq!(rows.len(), rs.len() + 1);
        prop_assert_eq!(&rows[0], &HEADER.map(str::to_owned).to_vec());
        for (row, r) in rows[1..].iter().zip(&rs) {
            let expected: Vec<String> = cells(r)
                .into_iter()
                .map(|c| {
                    if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        format!("'{c}")
                    } else {
                        c
                    }
                })
                .collect();
            prop_assert_eq!(row, &expected);
        }
    }
}
