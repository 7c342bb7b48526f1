//! Any text through the one safe-URL type: whatever it accepts is an http(s) link with a host
//! that reads back unchanged (RELIABILITY.md §4.2 property 6).
#![no_main]

use branch_out::model::link::SafeUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(url) = SafeUrl::parse(input) else {
        return;
    };
    let href = url.as_str();
    assert!(
        href.starts_with("http://") || href.starts_with("https://"),
        "{input:?} became {href:?}"
    );
    assert!(!url.host().is_empty(), "{input:?} has no host");
    match SafeUrl::parse(href) {
        Ok(again) => assert_eq!(again.as_str(), href, "{input:?} is not stable"),
        Err(e) => panic!("{input:?} became {href:?}, which is refused: {e}"),
    }
});
