//! The stored envelope: the state plus what it takes to know it is whole.
//!
//! ```text
//! {"app":"branch-out","schema":1,"rev":7,"saved_at":1764000000000,"len":1234,
//!  "check":"fnv1a64:…","data":{…the state…}}
//! ```
//! `len` and `check` cover the exact bytes of `data`, so a truncated or altered save is never
//! mistaken for a different valid state.
//!
//! Schema 2 is the same state packed (see [`super::pack`]): `data` is a string and `packed` the
//! number of bytes it holds. Saves are written as schema 1 while small, so the data stays
//! readable and older versions of Branch Out can open it, and as schema 2 once the JSON passes
//! [`PACK_ABOVE`] characters; an older version then sees a newer schema and goes read-only.
//!
//! Schema 3 is a state that holds people, plain or packed as its `packed` field says. Versions
//! before people would read such a save, drop the people they do not know, and write the rest
//! back; schema 3 makes them open it read-only instead. A save without people is written as
//! schema 1 or 2, as before.
//!
//! Schema 4 is the state stored in blocks (see [`super::blocks`]): `data` is a manifest, the
//! state without its long lists and the names of the blocks that hold them. It is the only
//! form this build writes; schemas 1 to 3 are read, and the next save rewrites them as schema
//! 4 (the first step of the migration chain: each schema reads into the current [`State`]).
//!
//! The check guards against accidents, not attackers, so a 64-bit FNV-1a is enough and costs
//! no table or dependency in the wasm.

use super::blocks::{self, Cache, NoBlocks, Source};
use crate::model::State;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The `app` field of every envelope.
pub const APP: &str = "branch-out";
/// The newest schema this build reads and writes.
pub const SCHEMA: u32 = 4;
/// Plain JSON this long or longer is packed: about 400 described resources. Below it a save is
/// small enough that packing would only cost time.
pub const PACK_ABOVE: usize = 200_000;

/// A state read back from storage, with its place in the save history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The data.
    pub state: State,
    /// Revision: one more on every save.
    pub rev: u64,
    /// When it was saved, in milliseconds since 1970 (UTC).
    pub saved_at: i64,
}

/// What an envelope held.
// Made once or twice per load, so the size of the `Current` variant costs nothing worth boxing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Data this build understands.
    Current(Snapshot),
    /// Data saved by a newer version of Branch Out: never to be rewritten by this one.
    Newer {
        /// Its schema.
        schema: u32,
        /// When it was saved.
        saved_at: i64,
    },
}

/// Why stored text is not a usable save.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not JSON, or not an envelope (includes truncation).
    #[error("the saved data is not readable ({0})")]
    Malformed(String),
    /// An envelope from some other app on this origin.
    #[error("the saved data does not belong to Branch Out")]
    NotOurs,
    /// Length or check does not match the data.
    #[error("the saved data is damaged (it does not match its own checksum)")]
    Damaged,
    /// A schema older than any this build knows how to migrate.
    #[error("the saved data uses an unknown old format ({0})")]
    UnknownSchema(u32),
    /// The data has the wrong shape for its schema.
    #[error("the saved data has an unexpected shape ({0})")]
    Shape(String),
}

#[derive(Serialize, Deserialize)]
struct Envelope<'a> {
    app: &'a str,
    schema: u32,
    rev: u64,
    saved_at: i64,
    len: usize,
    check: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    packed: Option<usize>,
    #[serde(borrow)]
    data: &'a RawValue,
}

/// 64-bit FNV-1a of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// 64-bit FNV-1a of `bytes`, as `fnv1a64:` and 16 hex digits.
pub fn check(bytes: &[u8]) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(bytes))
}

/// Wraps the state in a whole (schema 1 to 3) envelope, packed when large: the forms earlier
/// versions wrote, which this build reads and migrates. It writes schema 4 (see
/// [`encode_manifest`]).
pub fn encode(state: &State, rev: u64, saved_at: i64) -> Result<String, serde_json::Error> {
    encode_with(state, rev, saved_at, PACK_ABOVE).map(|(text, _)| text)
}

/// Wraps the state in an envelope, packed when its JSON is `pack_above` characters or more.
/// Returns the text and its schema, which the pointer records.
pub fn encode_with(
    state: &State,
    rev: u64,
    saved_at: i64,
    pack_above: usize,
) -> Result<(String, u32), serde_json::Error> {
    let json = state_json(state)?;
    let (schema, data, packed) = if json.len() >= pack_above {
        let (text, bytes) = super::pack::pack(&json);
        (2, serde_json::to_string(&text)?, Some(bytes))
    } else {
        (1, json, None)
    };
    let schema = if state.people.is_empty() { schema } else { 3 };
    let raw = RawValue::from_string(data)?;
    let text = serde_json::to_string(&Envelope {
        app: APP,
        schema,
        rev,
        saved_at,
        len: raw.get().len(),
        check: check(raw.get().as_bytes()),
        packed,
        data: &raw,
    })?;
    Ok((text, schema))
}

/// Wraps a manifest (see [`blocks::plan`]) in a schema 4 envelope.
pub fn encode_manifest(
    manifest: &str,
    rev: u64,
    saved_at: i64,
) -> Result<String, serde_json::Error> {
    let raw = RawValue::from_string(manifest.to_owned())?;
    serde_json::to_string(&Envelope {
        app: APP,
        schema: SCHEMA,
        rev,
        saved_at,
        len: raw.get().len(),
        check: check(raw.get().as_bytes()),
        packed: None,
        data: &raw,
    })
}

/// What an envelope says about itself, once its length and check are verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// Its schema.
    pub schema: u32,
    /// Its revision.
    pub rev: u64,
    /// When it was saved, in milliseconds since 1970 (UTC).
    pub saved_at: i64,
}

fn verified(text: &str) -> Result<Envelope<'_>, DecodeError> {
    let env: Envelope<'_> =
        serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if env.app != APP {
        return Err(DecodeError::NotOurs);
    }
    let data = env.data.get();
    if env.len != data.len() || env.check != check(data.as_bytes()) {
        return Err(DecodeError::Damaged);
    }
    Ok(env)
}

/// Verifies an envelope without reading its data: enough to choose which save to open, so
/// loading reads the state of only one generation.
pub fn peek(text: &str) -> Result<Header, DecodeError> {
    verified(text).map(|env| Header {
        schema: env.schema,
        rev: env.rev,
        saved_at: env.saved_at,
    })
}

/// Reads an envelope that holds all its data (any schema before 4, or a schema 4 save without
/// blocks), verifying it before trusting a byte of the data.
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    decode_cached(text, &NoBlocks).map(|(decoded, _)| decoded)
}

/// Reads an envelope, with the blocks it names from `source`, verifying everything before
/// trusting a byte of the data; returns the blocks read too, for the next save.
pub fn decode_cached(text: &str, source: &dyn Source) -> Result<(Decoded, Cache), DecodeError> {
    let env = verified(text)?;
    let data = env.data.get();
    if env.schema > SCHEMA {
        return Ok((
            Decoded::Newer {
                schema: env.schema,
                saved_at: env.saved_at,
            },
            Cache::default(),
        ));
    }
    let snapshot = |state| Snapshot {
        state,
        rev: env.rev,
        saved_at: env.saved_at,
    };
    if env.schema == SCHEMA {
        if env.packed.is_some() {
            return Err(DecodeError::Shape(
                "packing does not match the schema".into(),
            ));
        }
        let (state, cache) = blocks::read(data, source)?;
        return Ok((Decoded::Current(snapshot(state)), cache));
    }
    let unpacked;
    let data = match (env.schema, env.packed) {
        (1 | 3, None) => data,
        (2 | 3, Some(bytes)) => {
            let text: String =
                serde_json::from_str(data).map_err(|e| DecodeError::Shape(e.to_string()))?;
            unpacked =
                super::pack::unpack(&text, bytes).map_err(|e| DecodeError::Shape(e.to_string()))?;
            unpacked.as_str()
        }
        (1 | 2, _) => {
            return Err(DecodeError::Shape(
                "packing does not match the schema".into(),
            ))
        }
        (old, _) => return Err(DecodeError::UnknownSchema(old)),
    };
    Ok((
        Decoded::Current(snapshot(state_from_json(data)?)),
        Cache::default(),
    ))
}

/// The state as JSON. Every form of save writes the state through here and reads it through
/// [`state_from_json`], so the wasm holds one copy of the state's serde code.
#[inline(never)]
pub fn state_json(state: &State) -> Result<String, serde_json::Error> {
    serde_json::to_string(state)
}

/// Reads a state's JSON (see [`state_json`]).
#[inline(never)]
pub fn state_from_json(json: &str) -> Result<State, DecodeError> {
    // serde lets a struct be read from an array; stored data is only ever an object.
    if !json.starts_with('{') {
        return Err(DecodeError::Shape("expected an object".into()));
    }
    serde_json::from_str(json).map_err(|e| DecodeError::Shape(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let mut s = State::default();
        s.settings.name = "Ms \"Robin\" \u{1F4DA}".into();
        s
    }

    #[test]
    fn round_trip() {
        let text = encode(&sample(), 3, 1_700_000_000_000).unwrap();
        assert_eq!(
            decode(&text),
            Ok(Decoded::Current(Snapshot {
                state: sample(),
                rev: 3,
                saved_at: 1_700_000_000_000
            }))
        );
    }

    #[test]
    fn truncation_is_never_a_valid_state() {
        let text = encode(&sample(), 1, 0).unwrap();
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                assert!(decode(&text[..cut]).is_err(), "cut at {cut}");
            }
        }
    }

    #[test]
    fn an_altered_byte_is_damage() {
        let text = encode(&sample(), 1, 0).unwrap().replace("Robin", "Rabin");
        assert_eq!(decode(&text), Err(DecodeError::Damaged));
    }

    #[test]
    fn newer_schema_is_reported_not_read() {
        let data = r#"{"goals":"a shape this build does not know"}"#;
        let text = format!(
            r#"{{"app":"branch-out","schema":9,"rev":1,"saved_at":5,"len":{},"check":"{}","data":{data}}}"#,
            data.len(),
            check(data.as_bytes())
        );
        assert_eq!(
            decode(&text),
            Ok(Decoded::Newer {
                schema: 9,
                saved_at: 5
            })
        );
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        for data in [
            r#"{"goals":"oops"}"#,
            r#"{"goals":[{"id":"x"}]}"#,
            r#"{"settings":{"week_start":7}}"#,
            r#"[]"#,
            r#"null"#,
        ] {
            let text = format!(
                r#"{{"app":"branch-out","schema":1,"rev":1,"saved_at":5,"len":{},"check":"{}","data":{data}}}"#,
                data.len(),
                check(data.as_bytes())
            );
            assert!(
                matches!(decode(&text), Err(DecodeError::Shape(_))),
                "{data}"
            );
        }
        assert_eq!(
            decode(
                r#"{"app":"other","schema":1,"rev":1,"saved_at":5,"len":2,"check":"x","data":{}}"#
            ),
            Err(DecodeError::NotOurs)
        );
        assert!(matches!(
            decode(r#"{"schema":3,"data":{"#),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn the_check_is_fnv1a_64() {
        // The published FNV-1a test vectors: a save written by one build must verify in every
        // other, so the function itself is pinned, not only its use.
        assert_eq!(check(b""), "fnv1a64:cbf29ce484222325");
        assert_eq!(check(b"a"), "fnv1a64:af63dc4c8601ec8c");
        assert_eq!(check(b"foobar"), "fnv1a64:85944171f73967e8");
        assert_eq!(
            check("\u{1F4DA}".as_bytes()),
            check(&[0xF0, 0x9F, 0x93, 0x9A])
        );
    }

    #[test]
    fn data_exactly_the_threshold_long_is_packed() {
        let json = serde_json::to_string(&sample()).unwrap();
        let schema = |above| encode_with(&sample(), 1, 0, above).unwrap().1;
        assert_eq!(schema(json.len()), 2);
        assert_eq!(schema(json.len() + 1), 1);
        assert_eq!(
            encode(&sample(), 1, 0).unwrap(),
            encode_with(&sample(), 1, 0, PACK_ABOVE).unwrap().0
        );
    }

    #[test]
    fn packing_that_does_not_match_the_schema_is_a_shape_error() {
        let wrap = |schema: u32, packed: &str, data: &str| {
            format!(
                r#"{{"app":"branch-out","schema":{schema},"rev":1,"saved_at":5,"len":{},"check":"{}"{packed},"data":{data}}}"#,
                data.len(),
                check(data.as_bytes())
            )
        };
        assert!(matches!(
            decode(&wrap(1, r#","packed":3"#, "{}")),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(&wrap(2, "", r#""abc""#)),
            Err(DecodeError::Shape(_))
        ));
        assert_eq!(
            decode(&wrap(0, "", "{}")),
            Err(DecodeError::UnknownSchema(0))
        );
        assert_eq!(
            peek(&wrap(7, "", "{}")),
            Ok(Header {
                schema: 7,
                rev: 1,
                saved_at: 5
            })
        );
    }
}
