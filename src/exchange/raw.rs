//! The "download the raw data" file offered when stored data cannot be read.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct RawDump<'a> {
    format: &'static str,
    note: &'static str,
    saved_at_download: &'a str,
    keys: BTreeMap<&'a str, &'a str>,
}

/// A JSON document holding each stored key and its exact text, so nothing is lost even when
/// the text itself is broken. `downloaded_at` is an ISO date-time supplied by the edge.
pub fn raw_dump(pairs: &[(String, String)], downloaded_at: &str) -> String {
    let dump = RawDump {
        format: "branch-out-raw-storage",
        note: "Exact copies of what Branch Out found in this browser's storage. Keep this file; \
               it can be repaired by hand or read by a later version.",
        saved_at_download: downloaded_at,
        keys: pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
    };
    // Serializing a struct of strings cannot fail.
    serde_json::to_string_pretty(&dump).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_strings_come_back() {
        let broken = "{\"schema\":3,\"data\":{\u{0}\u{202e}".to_owned();
        let text = raw_dump(
            &[("branch-out/v1/state.a".into(), broken.clone())],
            "2026-11-24T10:00:00Z",
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["keys"]["branch-out/v1/state.a"], broken.as_str());
        assert_eq!(back["format"], "branch-out-raw-storage");
    }
}
