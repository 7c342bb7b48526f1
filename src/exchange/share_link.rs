//! Share links: an export file carried in a link to this same Branch Out, in the address's
//! `#fragment` (which browsers never send to the web server). The file's JSON is deflated with
//! a zlib checksum, so a changed or missing character is caught rather than imported, and
//! written as URL-safe base64 after a format letter.
//!
//! A link is offered only up to [`MAX_LINK`] characters: mail programs (Gmail included) and
//! the `mailto:` links that start an email keep a link of that length whole and clickable,
//! where longer ones get cut or wrapped. Reading is as careful as reading a file: the text is
//! capped before decoding, the JSON after inflating, and it then goes through the same reader,
//! checks and preview as an imported file.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Where the payload starts in the app's address: `…/#/import/<payload>`.
pub const ROUTE: &str = "#/import/";
/// The longest link offered, in characters, the app's own address included (the Share
/// screen says "2,000").
pub const MAX_LINK: usize = 2_000;
/// The longest payload read, in characters; anything longer was not made by Branch Out.
pub const MAX_PAYLOAD: usize = 64 * 1024;
/// The most JSON a payload may inflate to, in bytes.
pub const MAX_JSON: usize = 1024 * 1024;
/// The format letter: a later format gets another letter, and this one is still read.
const FORMAT: char = 'z';
/// Deflate level: links are small, so the best ratio costs nothing noticeable.
const LEVEL: u8 = 10;

/// Why a share link could not be read. Each says what happened and what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Longer than any link Branch Out makes.
    #[error("This share link is far longer than Branch Out makes them, so it was not read. Ask for the file instead.")]
    TooLong,
    /// Cut short, changed, or not a Branch Out link at all.
    #[error("This share link is damaged (cut short or changed on the way), so nothing was read. Ask the sender to copy it again, or to send the file.")]
    Damaged,
    /// Made by a later Branch Out.
    #[error("This share link was made by a newer version of Branch Out. Reload to update, then open it again.")]
    Newer,
}

/// The payload for an export file's JSON.
pub fn encode(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(packed.len() * 4 / 3 + 2);
    out.push(FORMAT);
    URL_SAFE_NO_PAD.encode_string(packed, &mut out);
    out
}

/// The link to `app` (this Branch Out's address; anything after `#` is dropped) carrying
/// `json`, or `None` when it would be longer than [`MAX_LINK`].
pub fn link(app: &str, json: &str) -> Option<String> {
    // Deflate shrinks data at most about 1,032 to 1, so a file this large can never fit: it
    // is not compressed only to find that out.
    if json.len() > 1_032 * MAX_LINK {
        return None;
    }
    let base = app.split('#').next().unwrap_or(app);
    let link = format!("{base}{ROUTE}{}", encode(json));
    (link.chars().count() <= MAX_LINK).then_some(link)
}

/// The payload in an address's fragment (`#/import/…`), if it has one.
pub fn payload(hash: &str) -> Option<&str> {
    hash.strip_prefix(ROUTE)
}

/// The export file's JSON in a payload.
pub fn decode(payload: &str) -> Result<String, LinkError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(LinkError::TooLong);
    }
    // Some mail programs add a full stop or wrap after a link; base64 has neither.
    let payload = payload.trim_end_matches(['.', ',', ')', '>', '\r', '\n', ' ']);
    let mut chars = payload.chars();
    match chars.next() {
        Some(FORMAT) => {}
        Some(c) if c.is_ascii_lowercase() => return Err(LinkError::Newer),
        _ => return Err(LinkError::Damaged),
    }
    let packed = URL_SAFE_NO_PAD
        .decode(chars.as_str())
        .map_err(|_| LinkError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_JSON)
        .map_err(|_| LinkError::Damaged)?;
    String::from_utf8(json).map_err(|_| LinkError::Damaged)
}
