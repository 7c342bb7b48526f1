//! Record ids that stay unique across devices.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The id of a goal, check-in, resource, term or break.
///
/// Two librarians' files are merged by id, so a per-device counter would collide. A new id is
/// 128 random bits (supplied by the edge, which owns the random source) written as 32 lowercase
/// hex digits. Ids read from files are untrusted: any 1–64 characters of `[A-Za-z0-9_-]` are
/// accepted, so ids from other tools survive, and nothing else is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

/// Why a string is not an [`Id`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Empty, or longer than [`Id::MAX_LEN`].
    #[error("an id must be 1 to 64 characters long")]
    Length,
    /// Has a character outside `[A-Za-z0-9_-]`.
    #[error("an id may only hold letters, digits, '-' and '_'")]
    Character,
}

impl Id {
    /// The longest id accepted from a file.
    pub const MAX_LEN: usize = 64;

    /// A fresh id from 16 random bytes.
    pub fn from_random(bytes: [u8; 16]) -> Self {
        use fmt::Write;
        let mut s = String::with_capacity(32);
        for b in bytes {
            // Writing to a String cannot fail.
            let _ = write!(s, "{b:02x}");
        }
        Id(s)
    }

    /// Checks an id that came from outside (a file, stored data).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if s.is_empty() || s.len() > Self::MAX_LEN {
            return Err(IdError::Length);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(IdError::Character);
        }
        Ok(Id(s.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Id::parse(&s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_32_hex_digits_and_parse_back() {
        let id = Id::from_random([0xab; 16]);
        assert_eq!(id.as_str(), "abababababababababababababababab");
        assert_eq!(Id::parse(id.as_str()), Ok(id));
    }

    #[test]
    fn untrusted_ids_are_checked() {
        assert_eq!(Id::parse(""), Err(IdError::Length));
        assert_eq!(Id::parse(&"a".repeat(65)), Err(IdError::Length));
        assert!(Id::parse(&"a".repeat(64)).is_ok());
        for bad in ["a b", "__proto__<", "x\u{202e}", "a/b", "é"] {
            assert_eq!(Id::parse(bad), Err(IdError::Character), "{bad:?}");
        }
        assert!(
            Id::parse("__proto__").is_ok(),
            "odd but inert ids are plain data"
        );
    }

    #[test]
    fn serde_rejects_bad_ids() {
        assert!(serde_json::from_str::<Id>("\"ok-1\"").is_ok());
        assert!(serde_json::from_str::<Id>("\"not ok\"").is_err());
        assert!(serde_json::from_str::<Id>("7").is_err());
    }
}
