//! Checking what a file holds: its encoding, then each item with the same rules as typing it
//! in. An item that fails is left out with its reason; the rest of the file still counts.

use super::error::ReadError;
use super::part::Item;
use super::types::{Part, Rejected};
use crate::model::text::{self, MAX_SHORT};
use crate::model::{ActionError, DateRange, Origin, Settings, MAX_RANGES};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;

/// The file's text: a UTF-8 byte-order mark is dropped (serde_json does not skip one, and
/// Windows tools add it); UTF-16 and invalid UTF-8 are refused with a reason.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::NotText("it is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| ReadError::NotText("it isn't UTF-8"))
}

/// Reads one raw item, or leaves it out with the reason and whatever title it has.
fn item<T: DeserializeOwned>(
    raw: &RawValue,
    part: Part,
    number: usize,
    rejected: &mut Vec<Rejected>,
) -> Option<T> {
    match serde_json::from_str(raw.get()) {
        Ok(t) => Some(t),
        Err(e) => {
            // Only for the report: the title, if the item has a readable one.
            #[derive(serde::Deserialize)]
            struct Titled {
                title: Option<Value>,
            }
            let title = serde_json::from_str::<Titled>(raw.get())
                .ok()
                .and_then(|t| t.title)
                .and_then(|t| t.as_str().map(|t| text::clean(t, false)))
                .map(|t| t.chars().take(MAX_SHORT).collect())
                .unwrap_or_default();
            rejected.push(Rejected {
                part,
                number,
                title,
                reason: describe(&e),
            });
            None
        }
    }
}

/// A serde message in the librarian's words: which field was wrong, not where in the text.
fn describe(e: &serde_json::Error) -> String {
    let m = e.to_string();
    if let Some(field) = m.strip_prefix("missing field `") {
        return format!(
            "it has no {}",
            field.trim_end_matches('`').replace('_', " ")
        );
    }
    if m.starts_with("unknown variant") {
        return "it has a value this version doesn't know".into();
    }
    if m.contains("id must") || m.contains("an id may") {
        return "its id is not valid".into();
    }
    "it isn't in the form Branch Out writes".into()
}

fn checked<T>(
    result: Result<T, ActionError>,
    part: Part,
    number: usize,
    title: impl FnOnce() -> String,
    rejected: &mut Vec<Rejected>,
) -> Option<T> {
    match result {
        Ok(t) => Some(t),
        Err(e) => {
            rejected.push(Rejected {
                part,
                number,
                title: title(),
                reason: e.to_string(),
            });
            None
        }
    }
}

/// The items of one part that read and pass their checks.
pub fn items<P: Item>(list: Vec<&RawValue>, rejected: &mut Vec<Rejected>) -> Vec<P> {
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        if let Some(t) = item::<P>(v, P::PART, i + 1, rejected) {
            let title = t.title();
            if let Some(t) = checked(t.check(), P::PART, i + 1, || title, rejected) {
                out.push(t);
            }
        }
    }
    out
}

/// The file's settings, if it has them and they pass; a bad term or break is left out on
/// its own.
pub fn settings(raw: &RawValue, rejected: &mut Vec<Rejected>) -> Option<Settings> {
    let s = item::<Settings>(raw, Part::Settings, 1, rejected)?;
    let result = check_settings(s, rejected);
    checked(result, Part::Settings, 1, String::new, rejected)
}

/// Where an item came from, as typed text is cleaned.
pub fn check_origin(o: Option<Origin>) -> Option<Origin> {
    o.map(|o| Origin {
        from: text::clean(&o.from, false)
            .chars()
            .take(MAX_SHORT)
            .collect(),
        date: o.date,
    })
}

/// The terms or breaks that pass the checks; each one that doesn't is left out with its
/// reason, so one bad date never costs the rest of the settings.
fn check_ranges(
    ranges: Vec<DateRange>,
    part: Part,
    rejected: &mut Vec<Rejected>,
) -> Vec<DateRange> {
    let mut out = Vec::new();
    for (i, r) in ranges.into_iter().enumerate() {
        // The same checks as adding one in Settings.
        let checked = if out.len() >= MAX_RANGES {
            Err(ActionError::TooMany(MAX_RANGES))
        } else {
            DateRange::checked(r.id.clone(), &r.name, r.start, r.end)
        };
        match checked {
            Ok(r) => out.push(r),
            Err(e) => rejected.push(Rejected {
                part,
                number: i + 1,
                title: text::clean(&r.name, false)
                    .chars()
                    .take(MAX_SHORT)
                    .collect(),
                reason: e.to_string(),
            }),
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

fn check_settings(s: Settings, rejected: &mut Vec<Rejected>) -> Result<Settings, ActionError> {
    Ok(Settings {
        name: text::optional("Name", &s.name, false, MAX_SHORT)?,
        role: text::optional("Role", &s.role, false, MAX_SHORT)?,
        terms: check_ranges(s.terms, Part::Term, rejected),
        breaks: check_ranges(s.breaks, Part::Break, rejected),
        ..s
    })
}
