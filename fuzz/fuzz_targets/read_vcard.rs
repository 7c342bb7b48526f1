//! Any bytes as a contacts file (RELIABILITY.md X-18, V-01): reading, previewing and merging
//! never panic, and no person carries a link other than http(s) or an email address that is
//! not a checked one.
#![no_main]

use branch_out::exchange::import::{read_vcards, Preview};
use branch_out::model::link::SafeEmail;
use branch_out::model::{Id, State};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let mut n = 0u32;
    let new_id = || {
        n += 1;
        let b = n.to_le_bytes();
        Id::from_random([b[0], b[1], b[2], b[3], 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9])
    };
    let Ok(incoming) = read_vcards(data, "fuzz.vcf", today, new_id) else {
        return;
    };
    for p in incoming.parts.people.iter().flatten() {
        if let Some(u) = &p.url {
            assert!(u.starts_with("http://") || u.starts_with("https://"), "{u:?}");
        }
        if !p.email.is_empty() {
            assert_eq!(SafeEmail::parse(&p.email).map(|e| e.as_str().to_owned()).as_deref(), Ok(p.email.as_str()));
        }
        assert!(!p.name.trim().is_empty());
    }
    let empty = State::default();
    let preview = Preview::new(&empty, incoming);
    let _ = preview.merge(&empty, &preview.default_picks(&empty), today);
});
