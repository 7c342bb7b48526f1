//! Reading a file: the size first, then the encoding, the format and version, the counts,
//! and finally every item, each on its own so one bad item is left out rather than failing
//! the file.

use super::bookmark_file::read_bookmarks;
use super::check::{self, decode_text};
use super::error::ReadError;
use super::part::{each, EachPart, Item};
use super::part::{Numbers, Parts};
use super::types::{Incoming, Rejected, Source};
use super::vcard_file::{is_vcard, read_vcards};
use crate::exchange::bookmarks;
use crate::exchange::{FORMAT, FORMAT_VERSION};
use crate::model::text::{self, MAX_SHORT};
use crate::model::Id;
use chrono::NaiveDate;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;

/// The largest export file read, in bytes. A full shelf of 5,000 described resources and
/// 2,000 check-ins is about 3 MB of pretty-printed JSON.
pub const MAX_JSON_BYTES: usize = 5 * 1024 * 1024;

/// The largest file of any kind read; checked before a file is read at all.
pub const MAX_FILE_BYTES: usize = bookmarks::MAX_BYTES;

/// Reads an export file. Checks the size first, then the encoding, the format and version,
/// the counts, and finally every item.
pub fn read(bytes: &[u8]) -> Result<Incoming, ReadError> {
    if bytes.len() > MAX_JSON_BYTES {
        return Err(ReadError::TooBig {
            size: bytes.len(),
            max: MAX_JSON_BYTES,
            what: "export files",
        });
    }
    let text = decode_text(bytes)?;
    let mut keys = Keys(Vec::new());
    each(&mut keys);
    // A well-formed file is split into its fields and each part's items in one pass; anything
    // odd is read again the slower way that says exactly what is wrong.
    let (top, contents) = match whole(text, &keys.0) {
        Some((top, contents)) => (top, Some(contents)),
        None => (fields(text)?, None),
    };
    let field = |key: &str| top.get(key).copied();
    let string = |key: &str| {
        field(key)
            .and_then(|v| serde_json::from_str::<String>(v.get()).ok())
            .map(|s| {
                text::clean(&s, false)
                    .chars()
                    .take(MAX_SHORT)
                    .collect::<String>()
            })
    };
    if string("format").as_deref() != Some(FORMAT) {
        return Err(ReadError::NotExport);
    }
    let version = field("format_version")
        .and_then(|v| serde_json::from_str::<u64>(v.get()).ok())
        .ok_or_else(|| ReadError::Damaged("it has no format version".into()))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(ReadError::Newer(version));
    }
    if version == 0 {
        return Err(ReadError::Damaged("its format version is 0".into()));
    }
    let source = Source {
        kind: "Branch Out export",
        exported_by: string("exported_by").unwrap_or_default(),
        exported_at: string("exported_at").unwrap_or_default(),
    };
    let counts = match field("counts") {
        None => None,
        Some(v) => Some(
            (CountsSeed { keys: &keys.0 })
                .deserialize(&mut serde_json::Deserializer::from_str(v.get()))
                .map_err(|_| ReadError::Damaged("its item counts aren't numbers".into()))?,
        ),
    };
    let mut contents = match contents {
        Some(contents) => contents,
        None => split(
            field("contents").ok_or_else(|| ReadError::Damaged("it has no contents".into()))?,
            &keys.0,
        )?,
    };

    // Every cap first, then the file's own counts.
    for counts in [None, counts.as_ref()] {
        let mut sizes = Sizes {
            contents: &contents,
            counts,
            error: None,
        };
        each(&mut sizes);
        if let Some(e) = sizes.error {
            return Err(e);
        }
    }

    let mut rejected = Vec::new();
    let settings = contents
        .settings
        .filter(|v| v.get() != "null")
        .and_then(|v| check::settings(v, &mut rejected));
    let mut incoming = Incoming {
        source,
        settings,
        ..Incoming::default()
    };
    each(&mut ReadItems {
        contents: &mut contents,
        incoming: &mut incoming,
        rejected: &mut rejected,
    });
    incoming.rejected = rejected;
    Ok(incoming)
}

/// The file's top-level fields, each still raw text, or why it is not an export.
fn fields(text: &str) -> Result<HashMap<&str, &RawValue>, ReadError> {
    // Items stay raw text until each is read on its own, so one bad item is reported and
    // left out rather than failing the file, and no tree of the whole file is built.
    serde_json::from_str(text).map_err(|e| {
        if e.classify() == Category::Data {
            return ReadError::NotExport;
        }
        ReadError::NotJson(if e.to_string().contains("recursion limit") {
            "it is nested too deeply to be one".into()
        } else if e.is_eof() {
            "it ends too soon (perhaps it was cut short)".into()
        } else {
            format!("it isn't valid JSON ({e})")
        })
    })
}

/// The file's top-level fields other than `contents`, and `contents` split into its parts, in
/// one pass; `None` for anything [`fields`] and [`split`] would not read the same way (a
/// repeated key, a key written with escapes, contents that aren't a map of lists, no
/// contents, not JSON).
fn whole<'a>(
    text: &'a str,
    keys: &[&'static str],
) -> Option<(HashMap<&'a str, &'a RawValue>, Contents<'a>)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let read = (Whole { keys }).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(read)
}

/// Reads a whole export file in one pass: see [`whole`].
struct Whole<'k> {
    keys: &'k [&'static str],
}

impl<'de> DeserializeSeed<'de> for Whole<'_> {
    type Value = (HashMap<&'de str, &'de RawValue>, Contents<'de>);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Whole<'_> {
    type Value = (HashMap<&'de str, &'de RawValue>, Contents<'de>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut top = HashMap::new();
        let mut contents = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            let repeated = if key == "contents" {
                contents
                    .replace(map.next_value_seed(OnePass { keys: self.keys })?)
                    .is_some()
            } else {
                top.insert(key, map.next_value()?).is_some()
            };
            if repeated {
                return Err(A::Error::custom("duplicate field"));
            }
        }
        let contents = contents.ok_or_else(|| A::Error::missing_field("contents"))?;
        Ok((top, contents))
    }
}

/// True when the bytes look like a browser's bookmark file rather than an export: it starts
/// with markup, or names the bookmark doctype early on.
pub fn is_bookmark_file(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    start.starts_with('<') || head.contains("netscape-bookmark-file")
}

/// Reads an export file, a browser's bookmark file or a contacts file, whichever `bytes` is.
/// `name` is the file's name (a bookmark or contacts file records it as where its items came
/// from); `new_id` gives bookmarks and contacts their ids.
pub fn read_any(
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    new_id: impl FnMut() -> Id,
) -> Result<Incoming, ReadError> {
    if is_vcard(bytes) {
        read_vcards(bytes, name, today, new_id)
    } else if is_bookmark_file(bytes) {
        read_bookmarks(bytes, name, today, new_id)
    } else {
        read(bytes)
    }
}

/// The parts of `contents`, each item still raw text.
struct Contents<'a> {
    settings: Option<&'a RawValue>,
    /// Each listed part's items, by its key; `None` when the file leaves the part out.
    lists: HashMap<&'static str, Option<Vec<&'a RawValue>>>,
}

impl<'a> Contents<'a> {
    fn len(&self, key: &str) -> usize {
        self.lists
            .get(key)
            .and_then(Option::as_ref)
            .map_or(0, Vec::len)
    }
}

/// Splits `contents` into its parts. Well-formed contents are split in one pass; anything
/// odd takes the slower path that says exactly what is wrong.
fn split<'a>(raw: &'a RawValue, keys: &[&'static str]) -> Result<Contents<'a>, ReadError> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    if let Ok(contents) = (OnePass { keys })
        .deserialize(&mut de)
        .and_then(|c| de.end().map(|()| c))
    {
        return Ok(contents);
    }
    let map: HashMap<&str, &RawValue> = serde_json::from_str(raw.get())
        .map_err(|_| ReadError::Damaged("it has no contents".into()))?;
    let mut lists = HashMap::new();
    for &key in keys {
        let list = match map.get(key).filter(|v| v.get() != "null") {
            None => None,
            Some(v) => Some(
                serde_json::from_str::<Vec<&RawValue>>(v.get()).map_err(|_| {
                    ReadError::Damaged(format!("its {} aren't a list", key.replace('_', "-")))
                })?,
            ),
        };
        lists.insert(key, list);
    }
    Ok(Contents {
        settings: map.get("settings").copied(),
        lists,
    })
}

/// The keys of the listed parts.
struct Keys(Vec<&'static str>);

impl EachPart for Keys {
    fn part<P: Item>(&mut self) {
        self.0.push(P::KEY);
    }
}

/// Reads `contents` in one pass, as a struct with a field per part would, refusing a
/// repeated key (the slower path then reads the last of each).
struct OnePass<'k> {
    keys: &'k [&'static str],
}

impl<'de> DeserializeSeed<'de> for OnePass<'_> {
    type Value = Contents<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnePass<'_> {
    type Value = Contents<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the contents of an export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Contents {
            settings: None,
            lists: HashMap::new(),
        };
        let mut settings_seen = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "settings" {
                if std::mem::replace(&mut settings_seen, true) {
                    return Err(A::Error::custom("duplicate field"));
                }
                out.settings = map.next_value()?;
            } else if let Some(k) = self.keys.iter().find(|k| **k == key) {
                let list = map.next_value()?;
                if out.lists.insert(k, list).is_some() {
                    return Err(A::Error::custom("duplicate field"));
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

/// Reads the file's `counts`: a whole number for each listed part's key (0 when the key is
/// missing); other keys are passed over, a repeated key is refused.
struct CountsSeed<'k> {
    keys: &'k [&'static str],
}

impl<'de> DeserializeSeed<'de> for CountsSeed<'_> {
    type Value = Parts<Numbers>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CountsSeed<'_> {
    type Value = Parts<Numbers>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the item counts of an export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        /// Sets the count of the part whose key is `.0`.
        struct Set<'c>(&'static str, usize, &'c mut Parts<Numbers>);
        impl EachPart for Set<'_> {
            fn part<P: Item>(&mut self) {
                if P::KEY == self.0 {
                    *P::get_mut(self.2) = self.1;
                }
            }
        }
        let mut counts = Parts::<Numbers>::default();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.keys.iter().find(|k| **k == key) {
                Some(&k) if seen.contains(&k) => return Err(A::Error::custom("duplicate field")),
                Some(&k) => {
                    seen.push(k);
                    each(&mut Set(k, map.next_value()?, &mut counts));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(counts)
    }
}

/// Checks each part's size against the file's own counts when given them, else against
/// its cap.
struct Sizes<'c, 'a> {
    contents: &'c Contents<'a>,
    counts: Option<&'c Parts<Numbers>>,
    error: Option<ReadError>,
}

impl EachPart for Sizes<'_, '_> {
    fn part<P: Item>(&mut self) {
        if self.error.is_some() {
            return;
        }
        let count = self.contents.len(P::KEY);
        match self.counts {
            None if count > P::MAX => {
                self.error = Some(ReadError::TooMany {
                    what: P::NOUNS.1,
                    count,
                    max: P::MAX,
                });
            }
            Some(c) if *P::get(c) != count => {
                self.error = Some(ReadError::Damaged(
                    "it holds a different number of items than it says (perhaps it was cut short)"
                        .into(),
                ));
            }
            _ => {}
        }
    }
}

/// Reads and checks each part's items.
struct ReadItems<'c, 'a> {
    contents: &'c mut Contents<'a>,
    incoming: &'c mut Incoming,
    rejected: &'c mut Vec<Rejected>,
}

impl EachPart for ReadItems<'_, '_> {
    fn part<P: Item>(&mut self) {
        let list = self.contents.lists.remove(P::KEY).flatten();
        *P::get_mut(&mut self.incoming.parts) = list.map(|l| check::items::<P>(l, self.rejected));
    }
}
