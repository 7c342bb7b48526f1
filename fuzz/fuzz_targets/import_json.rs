//! Any bytes as an export file (RELIABILITY.md X-18): reading, previewing and merging never
//! panic, and nothing accepted links anywhere but http(s).
#![no_main]

use branch_out::exchange::import::{read, Preview};
use branch_out::model::State;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(incoming) = read(data) else {
        return;
    };
    for r in incoming.parts.resources.iter().flatten() {
        if let Some(u) = &r.url {
            assert!(u.starts_with("http://") || u.starts_with("https://"), "{u:?}");
        }
    }
    let empty = State::default();
    let preview = Preview::new(&empty, incoming);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    if let Ok(merged) = preview.merge(&empty, &preview.default_picks(&empty), today) {
        // Importing the same file again over the result changes nothing.
        let again = Preview::new(&merged, read(data).unwrap_or_default());
        assert!(again.changes_nothing());
    }
});
