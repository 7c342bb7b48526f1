//! Share links: an export carried in the address's fragment, read back exactly or refused.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use branch_out::exchange::share_link::{
    decode, encode, link, payload, LinkError, MAX_JSON, MAX_LINK, MAX_PAYLOAD, ROUTE,
};
use proptest::prelude::*;

const APP: &str = "https://library.example.edu/branch-out/";
const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[test]
fn a_link_is_this_app_with_the_payload_in_the_fragment() {
    let json = r#"{"format":"branch-out","version":1}"#;
    let l = link(&format!("{APP}#/share"), json).unwrap();
    assert!(l.starts_with(&format!("{APP}#/import/z")), "{l}");
    let hash = &l[APP.len()..];
    assert_eq!(decode(payload(hash).unwrap()).unwrap(), json);
    // Only URL-safe characters: nothing a mail program escapes or breaks a line at.
    assert!(hash[ROUTE.len()..].chars().all(|c| BASE64URL.contains(c)));
    assert_eq!(payload("#/share"), None);
}

#[test]
fn no_link_is_offered_past_the_limit() {
    // Incompressible text (a counter hashed) of growing length: the first one too long is refused.
    let mut text = String::new();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut last = None;
    while let Some(l) = link(APP, &text) {
        assert!(l.chars().count() <= MAX_LINK);
        last = Some(l);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text.push(char::from(b'!' + (x % 90) as u8));
    }
    let longest = last.unwrap();
    assert!(longest.chars().count() > MAX_LINK - 10, "{}", longest.len());
}

#[test]
fn a_large_file_that_compresses_well_still_fits() {
    // 40,000 characters of a repeated entry deflate to a few hundred bytes.
    let json = r#"{"title":"Reach out","target":1},"#.repeat(1_200);
    assert!(json.len() > 35_000);
    let l = link(APP, &json).unwrap();
    assert_eq!(decode(payload(&l[APP.len()..]).unwrap()).unwrap(), json);
}

#[test]
fn damaged_links_are_refused_with_a_reason() {
    let good = encode(r#"{"format":"branch-out","version":1,"contents":{}}"#);
    assert!(decode(&good).is_ok());
    // A mail program's trailing full stop is not part of the link.
    assert!(decode(&format!("{good}.")).is_ok());
    assert_eq!(decode(""), Err(LinkError::Damaged));
    assert_eq!(decode("z"), Err(LinkError::Damaged));
    assert_eq!(decode("Zabc"), Err(LinkError::Damaged));
    assert_eq!(decode(&format!("y{}", &good[1..])), Err(LinkError::Newer));
    assert_eq!(decode("z!!!"), Err(LinkError::Damaged));
    assert_eq!(
        decode(&"z".repeat(MAX_PAYLOAD + 1)),
        Err(LinkError::TooLong)
    );
    // Exactly at the cap it is read (and found damaged), not refused for its length.
    assert_eq!(decode(&"z".repeat(MAX_PAYLOAD)), Err(LinkError::Damaged));
}

#[test]
fn a_small_link_that_inflates_past_the_cap_is_refused() {
    let bomb = " ".repeat(MAX_JSON + 1);
    let small = encode(&bomb);
    assert!(small.len() < 10_000, "{}", small.len());
    assert_eq!(decode(&small), Err(LinkError::Damaged));
    assert_eq!(
        decode(&encode(&" ".repeat(MAX_JSON))).unwrap().len(),
        MAX_JSON
    );
    // The cap is the 1 MB README promises: a million characters still read.
    assert_eq!(
        decode(&encode(&"x".repeat(1_000_000))).unwrap().len(),
        1_000_000
    );
}

#[test]
fn bytes_that_are_not_text_are_refused() {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&[0xFF, 0xFE, 0x00], 6);
    let payload = format!(
        "z{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    assert_eq!(decode(&payload), Err(LinkError::Damaged));
}

proptest! {
    /// Any text comes back exactly.
    #[test]
    fn round_trip(json in "\\PC{0,400}") {
        prop_assert_eq!(decode(&encode(&json)).unwrap(), json);
    }

    /// Changing any one character of a link never reads as different content (it is refused,
    /// or the change fell in the unused bits after the compressed data's end), and cutting it
    /// short is always refused.
    #[test]
    fn every_changed_or_cut_link_is_refused(json in "[ -~]{1,120}", pick in 0usize..64) {
        let good = encode(&json);
        for (i, c) in good.char_indices().skip(1) {
            let other = BASE64URL.chars().cycle().skip(pick).find(|o| *o != c).unwrap();
            let changed = format!("{}{other}{}", &good[..i], &good[i + c.len_utf8()..]);
            match decode(&changed) {
                Err(_) => {}
                Ok(read) => prop_assert_eq!(&read, &json, "changed at {} and read otherwise", i),
            }
            prop_assert!(decode(&good[..i]).is_err(), "cut at {}", i);
        }
    }
}
