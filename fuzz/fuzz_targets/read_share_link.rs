//! Any text as a share link's payload: decoding never panics, never inflates past its cap, and
//! what it reads goes through the import reader like a file without panicking.
#![no_main]

use branch_out::exchange::import::read_any;
use branch_out::exchange::share_link::{decode, encode, MAX_JSON};
use branch_out::model::Id;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(json) = decode(text) {
        assert!(json.len() <= MAX_JSON);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let _ = read_any(json.as_bytes(), "share link", today, || Id::from_random([7; 16]));
    }
    // Whatever was given, a payload made of it reads back exactly.
    if text.len() <= MAX_JSON {
        assert_eq!(decode(&encode(text)).as_deref(), Ok(text));
    }
});
