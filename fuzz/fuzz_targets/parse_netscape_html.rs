//! Any bytes through the bookmark reader: no panic, no hang, and a result no bigger than the
//! file's own text could make it.
#![no_main]

use branch_out::exchange::bookmarks::{parse, MAX_DEPTH, MAX_FOLDER_NAME, MAX_LINKS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The browser hands the app text decoded the same forgiving way.
    let html = String::from_utf8_lossy(data);
    let Ok(parsed) = parse(&html) else {
        return;
    };
    assert!(parsed.bookmarks.len() <= MAX_LINKS);
    let mut size = 0;
    for b in &parsed.bookmarks {
        assert!(b.title.len() <= html.len(), "a title longer than the file");
        assert!(b.folders.len() <= MAX_DEPTH);
        assert!(b
            .folders
            .iter()
            .all(|f| f.chars().count() <= MAX_FOLDER_NAME));
        size += b.title.len()
            + b.url.len()
            + b.description.len()
            + b.tags.iter().map(String::len).sum::<usize>();
    }
    // Each piece is a decoded part of the file (entities never grow); only an empty title
    // copies its address.
    assert!(
        size <= 2 * html.len(),
        "{size} bytes from a {}-byte file",
        html.len()
    );
});
