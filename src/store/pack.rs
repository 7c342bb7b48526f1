//! Packing a large save so two generations of it fit in localStorage.
//!
//! localStorage counts UTF-16 code units (Chromium allows about 5 M of them per site) and a
//! shelf of 5,000 described resources is 2.7 M characters of JSON, so two generations would not
//! fit. A large save is deflated (miniz_oxide, level 3: about a fifth of the size of plain JSON
//! for real notes and far less for repetitive data, in tens of milliseconds) and the bytes are
//! written 15 bits to a character, each character in U+0020..U+801F: never a control character,
//! never half of a surrogate pair, one UTF-16 code unit each.

/// The compression level: level 3 is within a few percent of the best ratio at half the time.
const LEVEL: u8 = 3;
/// The largest state unpacked, in bytes, so a damaged or hostile value cannot exhaust memory.
pub const MAX_UNPACKED: usize = 64 * 1024 * 1024;
const BASE: u32 = 0x20;

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Deflates `json` and writes the bytes 15 bits per character. Returns the text and the number
/// of bytes it holds.
pub fn pack(json: &str) -> (String, usize) {
    let bytes = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 1);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in &bytes {
        acc = ((acc << 8) | u32::from(*b)) & 0x7F_FFFF;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(&mut out, (acc >> bits) & 0x7FFF);
        }
    }
    if bits > 0 {
        push(&mut out, (acc << (15 - bits)) & 0x7FFF);
    }
    (out, bytes.len())
}

fn push(out: &mut String, v: u32) {
    // Every value below 0x8000 plus BASE is a valid, non-surrogate character.
    if let Some(c) = char::from_u32(v + BASE) {
        out.push(c);
    }
}

/// Why packed text could not be read back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnpackError {
    /// A character outside the packing range, or the wrong number of them.
    #[error("the packed data is damaged")]
    Damaged,
    /// The deflate stream is broken, or unpacks to more than [`MAX_UNPACKED`].
    #[error("the packed data does not unpack")]
    Inflate,
}

/// Reads text written by [`pack`] back into the JSON it holds.
pub fn unpack(text: &str, len: usize) -> Result<String, UnpackError> {
    // The byte count is read from storage too: one past any real save is damage, and is
    // refused before it sizes anything (or overflows the count of characters it implies).
    if len > MAX_UNPACKED {
        return Err(UnpackError::Damaged);
    }
    let expected = (len * 8).div_ceil(15);
    // Each character takes at least one byte of `text` and carries under two bytes, so the
    // buffer is never larger than the text can fill, whatever the count says.
    let mut bytes = Vec::with_capacity(len.min(text.len().saturating_mul(2)));
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut chars = 0;
    for c in text.chars() {
        let v = u32::from(c)
            .checked_sub(BASE)
            .filter(|v| *v < 0x8000)
            .ok_or(UnpackError::Damaged)?;
        chars += 1;
        acc = ((acc << 15) | v) & 0x3F_FFFF;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    // The right number of characters carries at least `len` bytes, and the loop takes no more.
    if chars != expected {
        return Err(UnpackError::Damaged);
    }
    inflate(&bytes)
}

/// The output buffer kept between blocks is given back above this size (after a whole save
/// of an earlier version, say), so one large read does not hold its memory for good.
const KEPT: usize = 1 << 20;

thread_local! {
    /// One inflater and one output buffer for every block a start reads, rather than a new
    /// pair (zeroed, then grown and copied as it fills) for each of hundreds of blocks.
    static INFLATER: std::cell::RefCell<(Option<Box<DecompressorOxide>>, Vec<u8>)> =
        const { std::cell::RefCell::new((None, Vec::new())) };
}

/// Inflates `bytes` (raw deflate) into text, up to [`MAX_UNPACKED`] bytes.
fn inflate(bytes: &[u8]) -> Result<String, UnpackError> {
    INFLATER.with_borrow_mut(|(inflater, out)| {
        let json = inflate_into(inflater.get_or_insert_with(Box::default), out, bytes);
        if out.len() > KEPT {
            *out = Vec::new();
        }
        json
    })
}

fn inflate_into(
    inflater: &mut DecompressorOxide,
    out: &mut Vec<u8>,
    mut input: &[u8],
) -> Result<String, UnpackError> {
    inflater.init();
    if out.is_empty() {
        // Deflated JSON is rarely a tenth of its size; the buffer grows when it is.
        let first = input.len().saturating_add(1).saturating_mul(8);
        out.resize(first.min(MAX_UNPACKED), 0);
    }
    let mut at = 0;
    loop {
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, read, written) = decompress(inflater, input, out, at, flags);
        at += written;
        match status {
            TINFLStatus::Done => {
                return out
                    .get(..at)
                    .and_then(|json| std::str::from_utf8(json).ok())
                    .map(str::to_owned)
                    .ok_or(UnpackError::Inflate);
            }
            TINFLStatus::HasMoreOutput if out.len() < MAX_UNPACKED => {
                input = input.get(read..).unwrap_or_default();
                out.resize(out.len().saturating_mul(2).min(MAX_UNPACKED), 0);
            }
            _ => return Err(UnpackError::Inflate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks_every_length() {
        for n in 0..200 {
            let json: String = (0..n)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let (text, len) = pack(&json);
            assert!(text.chars().all(|c| ('\u{20}'..='\u{801F}').contains(&c)));
            assert_eq!(unpack(&text, len).as_deref(), Ok(json.as_str()), "{n}");
        }
    }

    #[test]
    fn damage_is_an_error() {
        let (text, len) = pack(r#"{"settings":{"name":"Robin"}}"#);
        assert_eq!(unpack(&text, len + 1), Err(UnpackError::Damaged));
        let mut chars: Vec<char> = text.chars().collect();
        chars.pop();
        let cut: String = chars.iter().collect();
        assert_eq!(unpack(&cut, len), Err(UnpackError::Damaged));
        let outside: String = text.chars().map(|_| '\u{9000}').collect();
        assert_eq!(unpack(&outside, len), Err(UnpackError::Damaged));
        let zeros: String = text.chars().map(|_| ' ').collect();
        assert!(unpack(&zeros, len).is_err());
        // One character more than the count implies, even one that carries nothing.
        assert_eq!(unpack(&format!("{text} "), len), Err(UnpackError::Damaged));
        // Nothing at all is no deflate stream either.
        assert_eq!(unpack("", 0), Err(UnpackError::Inflate));
    }

    #[test]
    fn a_byte_count_past_any_real_save_is_damage_not_an_allocation() {
        // Found by fuzzing a block's text (a byte count of 9,907,766,879,631,452,241): its byte
        // count comes from storage.
        assert_eq!(
            unpack("..99999999", usize::MAX / 3),
            Err(UnpackError::Damaged)
        );
        assert_eq!(unpack("", usize::MAX), Err(UnpackError::Damaged));
        let chars = (MAX_UNPACKED + 1) * 8 / 15 + 1;
        assert_eq!(
            unpack(&" ".repeat(chars), MAX_UNPACKED + 1),
            Err(UnpackError::Damaged)
        );
    }

    #[test]
    fn characters_just_outside_the_range_are_damage() {
        let (text, len) = pack(r#"{"settings":{"name":"Robin"}}"#);
        for outside in ['\u{1F}', '\u{8020}'] {
            let mut chars: Vec<char> = text.chars().collect();
            chars[0] = outside;
            let damaged: String = chars.into_iter().collect();
            assert_eq!(
                unpack(&damaged, len),
                Err(UnpackError::Damaged),
                "{outside:?}"
            );
        }
        // The ends of the range are data (all ones, all zeros): they pass the range check and
        // only fail to inflate.
        for end in ['\u{20}', '\u{801F}'] {
            assert_eq!(
                unpack(&end.to_string().repeat(8), 15),
                Err(UnpackError::Inflate)
            );
        }
    }

    #[test]
    fn a_large_state_unpacks_and_one_past_the_limit_does_not() {
        // Megabytes of repetitive JSON pack to a few kilobytes: far more than the packed text
        // may unpack to, up to the limit.
        let big = format!(r#"{{"notes":"{}"}}"#, "a".repeat(3 * 1024 * 1024));
        let (text, len) = pack(&big);
        assert_eq!(unpack(&text, len).map(|j| j.len()), Ok(big.len()));
        let over = "a".repeat(MAX_UNPACKED + 1);
        let (text, len) = pack(&over);
        assert_eq!(unpack(&text, len), Err(UnpackError::Inflate));
    }

    #[test]
    fn unpacks_one_after_another_whatever_their_sizes() {
        // One buffer serves every unpack: a small save after a large one gets only its own
        // bytes, and a large one after a small one gets all of its own.
        let sizes = [3, 70_000, 12, 1_500_000, 0, 40_000, 2_000_000, 5];
        let texts: Vec<String> = sizes
            .iter()
            .map(|n| {
                (0..*n)
                    .map(|i: usize| char::from(b'a' + (i * 31 % 26) as u8))
                    .collect()
            })
            .collect();
        for json in &texts {
            let (packed, len) = pack(json);
            assert_eq!(unpack(&packed, len).as_ref(), Ok(json), "{}", json.len());
        }
    }

    #[test]
    fn a_large_unpack_gives_its_memory_back_and_a_small_one_keeps_it() {
        let kept = || INFLATER.with_borrow(|(_, out)| out.len());
        let (text, len) = pack(&"x".repeat(10_000));
        assert!(unpack(&text, len).is_ok());
        assert!((10_000..=KEPT).contains(&kept()), "{}", kept());
        let (text, len) = pack(&"y".repeat(KEPT + 1));
        assert_eq!(unpack(&text, len).map(|j| j.len()), Ok(KEPT + 1));
        assert_eq!(kept(), 0);
        // A failed unpack gives it back too.
        let over = "a".repeat(MAX_UNPACKED + 1);
        let (text, len) = pack(&over);
        assert_eq!(unpack(&text, len), Err(UnpackError::Inflate));
        assert_eq!(kept(), 0);
    }
}
