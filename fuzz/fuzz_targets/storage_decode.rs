//! Whatever is in storage is untrusted: any text through the decoder gives a value, never a
//! panic, and anything it accepts saves and reads back as the same snapshot.
#![no_main]

use branch_out::store::codec::{check, decode, encode, Decoded};
use libfuzzer_sys::fuzz_target;

fn round_trips(text: &str) {
    if let Ok(Decoded::Current(snapshot)) = decode(text) {
        let saved = encode(&snapshot.state, snapshot.rev, snapshot.saved_at)
            .unwrap_or_else(|e| panic!("a decoded state does not encode: {e}"));
        assert_eq!(decode(&saved), Ok(Decoded::Current(snapshot)));
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trips(text);
    // A fuzzer cannot forge the checksum, so the same text is also tried as the data of a
    // well-formed envelope, to reach the state's own decoding.
    let wrapped = format!(
        r#"{{"app":"branch-out","schema":1,"rev":1,"saved_at":0,"len":{},"check":"{}","data":{text}}}"#,
        text.len(),
        check(text.as_bytes())
    );
    round_trips(&wrapped);
});
