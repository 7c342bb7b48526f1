//! Days as stored and exchanged: `2026-11-25`, written exactly as chrono writes a `NaiveDate`
//! and read without chrono's general parser (which would put about 12 KB of parsing code for
//! every format chrono knows on the start path, to read one).
//!
//! Used through `#[serde(with = "…")]` on every day in the state and the export file:
//! [`self`] for a `NaiveDate`, [`option`] for an `Option<NaiveDate>`, [`vec`] for a
//! `Vec<NaiveDate>`.

use chrono::{Datelike, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serializer};
use std::fmt::Write;

/// `day` as chrono's `Display` writes it: `YYYY-MM-DD` for years 0 to 9999, with a sign and at
/// least four digits otherwise (`+10000-01-01`, `-0001-12-31`).
pub fn text(day: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    let year = day.year();
    // Writing to a String cannot fail.
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}-{:02}-{:02}", day.month(), day.day())
    } else {
        write!(out, "{year:+05}-{:02}-{:02}", day.month(), day.day())
    };
    out
}

/// Reads a day as chrono's `NaiveDate::from_str` does: a year of one to four digits (or up to
/// nine after a sign), a month and a day of one or two digits, separated by `-`, with
/// whitespace allowed before each number, before each `-` and at the end (none between a sign
/// and its digits); `None` for anything else and for a day that does not exist.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let s = s.trim_start();
    let (sign, s, year_digits) = match s.as_bytes().first()? {
        b'+' => (1, s.get(1..)?, 9),
        b'-' => (-1, s.get(1..)?, 9),
        _ => (1, s, 4),
    };
    let mut parts = s.split('-');
    let year = digits(parts.next()?.trim_end(), year_digits)?;
    let month = digits(parts.next()?.trim(), 2)?;
    let day = digits(parts.next()?.trim(), 2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(sign * year, month.cast_unsigned(), day.cast_unsigned())
}

/// One to `max` decimal digits.
fn digits(d: &str, max: usize) -> Option<i32> {
    if d.is_empty() || d.len() > max || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    d.parse().ok()
}

/// Writes a day (serde `with`).
pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&text(*day))
}

/// Reads a day (serde `with`), from the text in place.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DayVisitor)
}

struct DayVisitor;

impl de::Visitor<'_> for DayVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
        parse(s).ok_or_else(|| {
            let shown: String = s.chars().take(40).collect();
            let more = if shown.len() < s.len() { "…" } else { "" };
            E::custom(format!("“{shown}{more}” is not a date (YYYY-MM-DD)"))
        })
    }
}

/// The same for an optional day.
pub mod option {
    use super::*;

    /// Writes an optional day.
    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(day) => s.serialize_some(&text(*day)),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional day.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Day(#[serde(with = "super")] NaiveDate);
        Ok(Option::<Day>::deserialize(d)?.map(|Day(day)| day))
    }
}

/// The same for a list of days.
pub mod vec {
    use super::*;

    /// Writes a list of days.
    pub fn serialize<S: Serializer>(days: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(days.iter().map(|d| text(*d)))
    }

    /// Reads a list of days.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Day(#[serde(with = "super")] NaiveDate);
        Ok(Vec::<Day>::deserialize(d)?
            .into_iter()
            .map(|Day(day)| day)
            .collect())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::day;
    use proptest::prelude::*;

    #[test]
    fn days_read_and_write_as_chrono_does() {
        for (d, t) in [
            (day(2026, 11, 25), "2026-11-25"),
            (day(1, 1, 1), "0001-01-01"),
            (day(0, 2, 29), "0000-02-29"),
            (day(9999, 12, 31), "9999-12-31"),
            (day(10000, 1, 1), "+10000-01-01"),
            (day(-1, 12, 31), "-0001-12-31"),
        ] {
            assert_eq!(text(d), t);
            assert_eq!(text(d), d.to_string());
            assert_eq!(parse(t), Some(d), "{t}");
        }
        // What chrono also reads: short parts, spaces before parts and dashes, a sign.
        for t in [
            "2026-1-5",
            " 2026-01-05",
            "2026 - 01 - 05",
            "+2026-01-05",
            "2026-01-05 ",
        ] {
            assert_eq!(parse(t), Some(day(2026, 1, 5)), "{t}");
        }
        for t in [
            "",
            "2026",
            "2026-01",
            "2026-13-01",
            "2026-02-30",
            "26-01-05x",
            "2026-01-05-01",
            "2026/01/05",
            "20260-01-05",
            "2026-001-05",
            "- 2026-01-05",
            "2026-01-05T00:00",
            "٢٠٢٦-01-05",
            "+-2026-01-05",
        ] {
            assert_eq!(parse(t), None, "{t}");
        }
    }

    #[test]
    fn a_day_that_is_not_a_date_is_refused_with_its_text() {
        let e = serde_json::from_str::<Option<Wrapper>>(r#"{"d":"2026-02-30"}"#).unwrap_err();
        assert!(e.to_string().contains("“2026-02-30” is not a date"), "{e}");
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Wrapper {
        #[serde(with = "super")]
        d: NaiveDate,
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct All {
        #[serde(with = "super")]
        d: NaiveDate,
        #[serde(default, with = "super::option")]
        o: Option<NaiveDate>,
        #[serde(default, with = "super::vec")]
        v: Vec<NaiveDate>,
    }

    /// The same JSON as chrono's own serde writes and reads.
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Chrono {
        d: NaiveDate,
        #[serde(default)]
        o: Option<NaiveDate>,
        #[serde(default)]
        v: Vec<NaiveDate>,
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (-300_000i32..300_000, 1u32..13, 1u32..32)
            .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    }

    proptest! {
        #[test]
        fn every_day_writes_as_chrono_writes_it_and_reads_back(d in any_day(), o in prop::option::of(any_day()), v in prop::collection::vec(any_day(), 0..3)) {
            prop_assert_eq!(text(d), d.to_string());
            prop_assert_eq!(parse(&d.to_string()), Some(d));
            let ours = serde_json::to_string(&All { d, o, v: v.clone() }).unwrap();
            let theirs = serde_json::to_string(&Chrono { d, o, v: v.clone() }).unwrap();
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(serde_json::from_str::<All>(&theirs).unwrap(), All { d, o, v });
        }

        #[test]
        fn nothing_is_read_that_chrono_would_refuse_or_read_otherwise(s in "[ +\\-0-9]{0,14}") {
            if let Some(d) = parse(&s) {
                prop_assert_eq!(s.parse::<NaiveDate>().ok(), Some(d), "{:?}", s);
            }
        }

        #[test]
        fn dates_spaced_signed_and_padded_read_exactly_as_chrono_reads_them(
            s in "([ \t\n\r\u{a0}\u{2003}]{0,2})([+-]?)([0-9]{1,6})([ \t\u{a0}]?)-([ \n\u{2003}]?)([0-9]{1,3})([ \r]?)-([ \t]?)([0-9]{1,3})([ \n\u{a0}]?)",
        ) {
            prop_assert_eq!(parse(&s), s.parse::<NaiveDate>().ok(), "{:?}", s);
        }
    }
}
