//! The one type a link is ever made from: an http or https URL, parsed with the `url` crate.

use std::borrow::Cow;
use std::fmt;

/// The longest address accepted.
pub const MAX_URL: usize = 2048;

/// An absolute http(s) URL with a host, in the `url` crate's normalised form: scheme and host
/// lower-cased, international hosts in punycode, quotes and angle brackets percent-encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(url::Url);

/// Why an address was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Nothing was given.
    #[error("enter a web address")]
    Empty,
    /// Longer than [`MAX_URL`].
    #[error("the web address is too long (at most {MAX_URL} characters)")]
    TooLong,
    /// A scheme other than http or https (`javascript:`, `data:`, `file:` …).
    #[error("unsupported link type “{0}:” — only http and https links are allowed")]
    Unsupported(String),
    /// Not a web address at all.
    #[error("that is not a web address")]
    Invalid,
}

/// Query parameters that only track the click and never change the page.
fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_")
        || matches!(
            k.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_hsenc"
                | "_hsmi"
        )
}

/// Rewrites an international host (`аpple.com`) as punycode (`xn--pple-43d.com`), leaving the
/// rest of the address to the `url` crate. The host is found the way the `url` crate finds it
/// (ends trimmed, tabs and line breaks dropped, any run of `/` or `\` after the scheme,
/// percent-escapes decoded): a non-ASCII host that slipped past here would reach the ASCII-only
/// IDNA back end, which refuses it, and in a debug build panics. `None` when a label cannot be
/// encoded.
fn ascii_host(input: &str) -> Option<Cow<'_, str>> {
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    let input: Cow<'_, str> = if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect()
    } else {
        Cow::Borrowed(trimmed)
    };
    let Some(colon) = input.find(':') else {
        return Some(input);
    };
    let scheme = input.get(..colon)?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return Some(input);
    }
    let after = input.get(colon + 1..)?;
    let authority_start = input.len() - after.trim_start_matches(['/', '\\']).len();
    let rest = input.get(authority_start..)?;
    let authority_len = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..authority_len)?;
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host_and_port = authority.get(host_start..)?;
    let host_len = match host_and_port.rfind(':') {
        Some(i)
            if host_and_port
                .get(i + 1..)?
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            i
        }
        _ => host_and_port.len(),
    };
    let raw_host = host_and_port.get(..host_len)?;
    if raw_host.is_ascii() && !raw_host.contains('%') {
        return Some(input);
    }
    let host = percent_decode(raw_host);
    if host.is_ascii() {
        return Some(input);
    }
    let mut labels = Vec::new();
    for label in host.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']) {
        if label.is_ascii() {
            labels.push(label.to_ascii_lowercase());
        } else {
            let lower = label.to_lowercase();
            labels.push(format!("xn--{}", idna::punycode::encode_str(&lower)?));
        }
    }
    let host_end = authority_start + host_start + host_len;
    Some(Cow::Owned(format!(
        "{}{}{}",
        input.get(..authority_start + host_start)?,
        labels.join("."),
        input.get(host_end..)?
    )))
}

/// `%XX` escapes decoded, as the `url` crate decodes a host before IDNA; bytes that are not
/// UTF-8 become U+FFFD, as there.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| (*h as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                // Two hex digits make at most 255.
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl SafeUrl {
    /// Parses what a librarian typed or a file held. A bare `example.org/page` (no colon at all)
    /// is taken as https; anything whose scheme is not http or https is refused.
    pub fn parse(input: &str) -> Result<SafeUrl, UrlError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(UrlError::Empty);
        }
        if trimmed.len() > MAX_URL {
            return Err(UrlError::TooLong);
        }
        let with_scheme;
        let host_part = trimmed.split('/').next().unwrap_or_default();
        let bare_host = !trimmed.contains(':')
            && host_part.contains('.')
            && host_part
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let candidate = if !bare_host {
            trimmed
        } else {
            with_scheme = format!("https://{trimmed}");
            &with_scheme
        };
        let ascii = ascii_host(candidate).ok_or(UrlError::Invalid)?;
        let url = url::Url::parse(&ascii).map_err(|_| UrlError::Invalid)?;
        match url.scheme() {
            "http" | "https" => {}
            other => return Err(UrlError::Unsupported(other.to_owned())),
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlError::Invalid);
        }
        if url.as_str().len() > MAX_URL {
            return Err(UrlError::TooLong);
        }
        Ok(SafeUrl(url))
    }

    /// The address, for an `href`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The address as stored, without copying it.
    pub fn into_string(self) -> String {
        self.0.into()
    }

    /// The host as shown beside a title: always ASCII, punycode for international names, so a
    /// look-alike such as `аpple.com` (Cyrillic а) shows as `xn--pple-43d.com`.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// The same page for duplicate checks: see [`dedupe_key_of`].
    pub fn dedupe_key(&self) -> String {
        dedupe_key_of(self.as_str())
    }
}

/// The same page for duplicate checks, from an address already normalised by [`SafeUrl`] (as
/// stored): scheme, user name, `www.`, a trailing slash, the fragment and tracking parameters
/// (`utm_*`, `fbclid` …) ignored. Working on the normalised text, without parsing it again,
/// keeps comparing thousands of imported addresses with thousands on the shelf cheap.
pub fn dedupe_key_of(stored: &str) -> String {
    let rest = stored.split_once("://").map_or(stored, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or_default();
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = path.trim_end_matches('/');
    let mut key = String::with_capacity(stored.len());
    key.push_str(host);
    if !path.is_empty() {
        key.push('/');
        key.push_str(path);
    }
    let mut first = true;
    for pair in query.split('&') {
        let name = pair.split('=').next().unwrap_or_default();
        if pair.is_empty() || is_tracking(name) {
            continue;
        }
        key.push(if first { '?' } else { '&' });
        key.push_str(pair);
        first = false;
    }
    key
}

/// The host of an address already normalised by [`SafeUrl`] (as stored), found without parsing
/// it again: for the search index, never for deciding what becomes a link.
pub fn host_of(stored: &str) -> &str {
    let rest = stored.split_once("://").map_or(stored, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host_port.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host_port,
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The longest email address accepted (RFC 5321's limit on a path).
pub const MAX_EMAIL: usize = 254;

/// An email address that is safe to offer as a `mailto:` link: one `@`, a local part of
/// RFC 5322's plain characters, and a domain of letters, digits and hyphens with at least one
/// dot. Nothing that could add a header, a second recipient or markup gets through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeEmail(String);

/// Why an email address was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Longer than [`MAX_EMAIL`].
    #[error("the email address is too long (at most {MAX_EMAIL} characters)")]
    TooLong,
    /// Not an address such as name@school.org.
    #[error("that is not an email address (such as name@school.org)")]
    Invalid,
}

impl SafeEmail {
    /// Checks an address as typed or read from a file (surrounding spaces and a `mailto:`
    /// prefix are ignored); the domain is lower-cased.
    pub fn parse(input: &str) -> Result<SafeEmail, EmailError> {
        let t = input.trim();
        let t = t
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case("mailto:"))
            .map_or(t, |_| &t[7..]);
        if t.chars().count() > MAX_EMAIL {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = t.rsplit_once('@').ok_or(EmailError::Invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || "!#$%&'*+/=?^_`{|}~.-".contains(c)
                    || (!c.is_ascii() && c.is_alphanumeric())
            });
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.chars().count() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(EmailError::Invalid);
        }
        Ok(SafeEmail(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `mailto:` link: every character but letters, digits, `@` and `-._~` is
    /// percent-encoded, so `?`, `&` or `%` in the local part can never start a header.
    pub fn mailto(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + 7);
        out.push_str("mailto:");
        for b in self.0.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'@' | b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// The same person's address for matching: lower-cased throughout.
    pub fn match_key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for SafeEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests;
