//! Reading a browser's bookmark file (Chrome, Firefox, Edge, Safari, Internet Explorer) as
//! resources for the same preview as an export.

use super::check::decode_text;
use super::error::ReadError;
use super::part::Parts;
use super::types::{Incoming, Part, Rejected, Source};
use crate::exchange::bookmarks;
use crate::model::shelf::{clean_tags, ResourceInput, MAX_TAG, MAX_TAGS};
use crate::model::text::{self, MAX_NOTE, MAX_SHORT, MAX_TITLE};
use crate::model::{words, Id, Kind};
use chrono::NaiveDate;

/// Folder names browsers give their own top-level folders, which say nothing about a link.
const BROWSER_FOLDERS: [&str; 10] = [
    "bookmarks bar",
    "bookmarks toolbar",
    "bookmarks menu",
    "other bookmarks",
    "mobile bookmarks",
    "favorites bar",
    "favourites bar",
    "favorites",
    "links",
    "imported",
];

/// Reads a browser's bookmark file (Chrome, Firefox, Edge, Safari, Internet Explorer): each
/// http or https link becomes a resource whose tags are its folders (less the browser's own)
/// and the file's tags, whose notes are its description, and whose kind is the folder Branch
/// Out's own bookmark export put it in (otherwise "other"). Any other link is left out and
/// listed with its reason.
pub fn read_bookmarks(
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    mut new_id: impl FnMut() -> Id,
) -> Result<Incoming, ReadError> {
    if bytes.len() > bookmarks::MAX_BYTES {
        return Err(ReadError::TooBig {
            size: bytes.len(),
            max: bookmarks::MAX_BYTES,
            what: "bookmark files",
        });
    }
    let text = decode_text(bytes)?;
    let parsed = bookmarks::parse(text).map_err(|e| ReadError::Bookmarks(e.to_string()))?;
    let mut rejected = Vec::new();
    let mut resources = Vec::with_capacity(parsed.bookmarks.len());
    for (i, b) in parsed.bookmarks.into_iter().enumerate() {
        let kind = match b.folders.as_slice() {
            [top, kind, ..] if top == "Branch Out" => words::KINDS
                .iter()
                .find(|(k, _, _)| words::kinds(*k) == *kind)
                .map(|(k, _, _)| *k),
            _ => None,
        };
        let folders = b.folders.iter().filter(|f| {
            let f = f.to_lowercase();
            !BROWSER_FOLDERS.contains(&f.as_str())
                && f != "branch out"
                && kind.is_none_or(|k| words::kinds(k).to_lowercase() != f)
        });
        let mut tags: Vec<String> = folders
            .chain(&b.tags)
            .map(|t| text::clean(t, false).chars().take(MAX_TAG).collect())
            .collect();
        tags = clean_tags(&tags).unwrap_or_else(|_| {
            let mut seen: Vec<String> = Vec::new();
            for t in tags {
                if seen.len() < MAX_TAGS
                    && !seen.iter().any(|s| s.to_lowercase() == t.to_lowercase())
                {
                    seen.push(t);
                }
            }
            seen
        });
        let title: String = text::clean(&b.title, false)
            .chars()
            .take(MAX_TITLE)
            .collect();
        let input = ResourceInput {
            title: if title.is_empty() {
                b.url.clone()
            } else {
                title.clone()
            },
            url: b.url,
            kind: Some(kind.unwrap_or(Kind::Other)),
            tags,
            notes: b.description.chars().take(MAX_NOTE).collect(),
            ..ResourceInput::default()
        };
        match input.into_resource(new_id(), b.added.unwrap_or(today)) {
            Ok(r) => resources.push(r),
            Err(e) => rejected.push(Rejected {
                part: Part::Bookmark,
                number: i + 1,
                title,
                reason: e.to_string(),
            }),
        }
    }
    Ok(Incoming {
        source: Source {
            kind: "Bookmark file",
            exported_by: text::clean(name, false).chars().take(MAX_SHORT).collect(),
            exported_at: String::new(),
        },
        parts: Parts {
            resources: Some(resources),
            ..Parts::default()
        },
        rejected,
        partial: true,
        ..Incoming::default()
    })
}
