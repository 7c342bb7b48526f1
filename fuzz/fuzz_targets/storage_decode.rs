//! Whatever is in storage is untrusted: any text through the decoder gives a value, never a
//! panic, and anything it accepts saves and reads back as the same snapshot.
#![no_main]

use branch_out::model::{CheckIn, Person, Resource};
use branch_out::store::blocks;
use branch_out::store::codec::{check, decode, encode, Decoded};
use libfuzzer_sys::fuzz_target;

fn round_trips(text: &str) {
    if let Ok(Decoded::Current(snapshot)) = decode(text) {
        let saved = encode(&snapshot.state, snapshot.rev, snapshot.saved_at)
            .unwrap_or_else(|e| panic!("a decoded state does not encode: {e}"));
        assert_eq!(decode(&saved), Ok(Decoded::Current(snapshot)));
    }
}

/// A block with the right name (a fuzzer cannot forge it) reads as a list or an error, and a
/// list it reads writes back to a block that reads the same.
fn block_round_trips(text: &str) {
    let name = blocks::name(text);
    if let Ok(items) = blocks::decode::<Resource>(&name, text) {
        let again = blocks::encode(&items).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(blocks::decode::<Resource>(&blocks::name(&again), &again), Ok(items));
    }
    let _ = blocks::decode::<CheckIn>(&name, text);
    let _ = blocks::decode::<Person>(&name, text);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trips(text);
    block_round_trips(text);
    // A fuzzer cannot forge the checksum, so the same text is also tried as the data of a
    // well-formed envelope, to reach the state's own decoding: whole (schema 1) and as a
    // manifest (schema 4, its blocks absent).
    for schema in [1, 4] {
        let wrapped = format!(
            r#"{{"app":"branch-out","schema":{schema},"rev":1,"saved_at":0,"len":{},"check":"{}","data":{text}}}"#,
            text.len(),
            check(text.as_bytes())
        );
        round_trips(&wrapped);
    }
});
