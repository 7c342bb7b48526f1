//! Tests of [`super`]: kept apart so the module reads on its own.

use super::*;

#[test]
fn only_http_and_https_are_links() {
    let refused = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "\tjavascript:alert(1)",
        "java\nscript:alert(1)",
        " javascript:alert(1)",
        "javascript&colon;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "javascript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "blob:https://example.com/uuid",
        "chrome://settings",
        "about:blank",
        "//evil.com",
        "mailto:someone@example.org",
        "https://",
        "",
        "   ",
    ];
    for input in refused {
        assert!(SafeUrl::parse(input).is_err(), "{input:?} was accepted");
    }
    assert_eq!(
        SafeUrl::parse("javascript:alert(1)"),
        Err(UrlError::Unsupported("javascript".into()))
    );
    assert_eq!(
        SafeUrl::parse("JaVaScRiPt:x"),
        Err(UrlError::Unsupported("javascript".into()))
    );
}

#[test]
fn addresses_are_normalised() {
    let cases = [
        ("https://Example.COM", "https://example.com/", "example.com"),
        (
            "www.alsc.ala.org/blog",
            "https://www.alsc.ala.org/blog",
            "www.alsc.ala.org",
        ),
        (
            "https://example.com/a\"onmouseover=\"x",
            "https://example.com/a%22onmouseover=%22x",
            "example.com",
        ),
        (
            "https://example.com/<b>",
            "https://example.com/%3Cb%3E",
            "example.com",
        ),
        (
            "https://аpple.com",
            "https://xn--pple-43d.com/",
            "xn--pple-43d.com",
        ),
        (
            "https://München.de/pfad",
            "https://xn--mnchen-3ya.de/pfad",
            "xn--mnchen-3ya.de",
        ),
        (
            "http://user@пример.рф:8080/x",
            "http://user@xn--e1afmkfd.xn--p1ai:8080/x",
            "xn--e1afmkfd.xn--p1ai",
        ),
        (
            "HTTP://lm-net.info:80/about.html",
            "http://lm-net.info/about.html",
            "lm-net.info",
        ),
    ];
    for (input, href, host) in cases {
        let u = SafeUrl::parse(input).unwrap();
        assert_eq!(u.as_str(), href, "{input}");
        assert_eq!(u.host(), host, "{input}");
        assert_eq!(
            SafeUrl::parse(u.as_str()).unwrap(),
            u,
            "normalising is idempotent"
        );
    }
}

#[test]
fn international_hosts_are_found_however_the_address_is_written() {
    for input in [
        "https:/München.de/pfad",
        "https:München.de/pfad",
        "https:\\\\München.de/pfad",
        "https:///München.de/pfad",
        "htt\nps://München.de/pfad",
        "\u{1}https://München.de/pfad ",
        "https://M%C3%BCnchen.de/pfad",
        "https://%4D%C3%BCnchen.de/pfad",
    ] {
        assert_eq!(
            SafeUrl::parse(input).map(|u| u.as_str().to_owned()),
            Ok("https://xn--mnchen-3ya.de/pfad".to_owned()),
            "{input:?}"
        );
    }
    // A user name before the host is kept, and only what follows its `@` is the host.
    assert_eq!(
        SafeUrl::parse("https://reader@München.de:8443/pfad").map(|u| u.as_str().to_owned()),
        Ok("https://reader@xn--mnchen-3ya.de:8443/pfad".to_owned())
    );
    // The first was found by fuzzing: it reached the ASCII-only IDNA back end and panicked.
    // None of these may panic, and whatever is accepted must read back unchanged.
    for input in [
        "https:/.München",
        "https://%FF.de",
        "ftp:/Mü.de",
        "https://%4D%C3%BC%",
    ] {
        if let Ok(u) = SafeUrl::parse(input) {
            assert_eq!(SafeUrl::parse(u.as_str()), Ok(u.clone()), "{input:?}");
        }
    }
}

#[test]
fn the_stored_host_is_found_without_parsing() {
    for input in [
        "https://www.ala.org/aasl/",
        "http://user@xn--e1afmkfd.xn--p1ai:8080/x?q#f",
        "https://oztlnet.com",
    ] {
        let u = SafeUrl::parse(input).unwrap();
        assert_eq!(host_of(u.as_str()), u.host(), "{input}");
    }
}

#[test]
fn duplicates_ignore_noise() {
    let key = |s: &str| SafeUrl::parse(s).unwrap().dedupe_key();
    let base = key("https://www.ala.org/aasl/");
    for same in [
        "http://ala.org/aasl",
        "https://WWW.ALA.ORG/aasl",
        "https://www.ala.org/aasl/?utm_source=newsletter&utm_medium=email",
        "https://ala.org/aasl#join",
        "https://ala.org/aasl?fbclid=abc",
    ] {
        assert_eq!(key(same), base, "{same}");
    }
    assert_ne!(key("https://ala.org/yalsa"), base);
    assert_ne!(key("https://ala.org/aasl?page=2"), base);
    assert_ne!(key("https://ala.org:8443/aasl"), base);
}

#[test]
fn the_length_cap_holds_at_both_ends_of_parsing() {
    let base = "https://example.com/";
    let at_cap = format!("{base}{}", "a".repeat(MAX_URL - base.len()));
    assert_eq!(at_cap.len(), MAX_URL);
    assert_eq!(
        SafeUrl::parse(&at_cap).map(|u| u.as_str().len()),
        Ok(MAX_URL)
    );
    // Blanks around the address do not count.
    assert!(SafeUrl::parse(&format!("  {at_cap}\n")).is_ok());
    assert_eq!(
        SafeUrl::parse(&format!("{at_cap}a")),
        Err(UrlError::TooLong)
    );
    // Too long as typed, even though the normalised form (default port dropped) would fit.
    let typed = format!(
        "https://example.com:443/{}",
        "a".repeat(MAX_URL + 1 - "https://example.com:443/".len())
    );
    assert_eq!(typed.len(), MAX_URL + 1);
    assert_eq!(SafeUrl::parse(&typed), Err(UrlError::TooLong));
    // Short enough as typed, too long once a quote is percent-encoded.
    let quoted = |rest: usize| format!("{base}\"{}", "a".repeat(rest));
    let fits = quoted(MAX_URL - base.len() - 3);
    assert!(fits.len() < MAX_URL);
    assert_eq!(SafeUrl::parse(&fits).map(|u| u.as_str().len()), Ok(MAX_URL));
    let grows = quoted(MAX_URL - base.len() - 2);
    assert!(grows.len() < MAX_URL);
    assert_eq!(SafeUrl::parse(&grows), Err(UrlError::TooLong));
}

#[test]
fn an_address_displays_as_its_href() {
    let u = SafeUrl::parse("HTTPS://Example.com/a b").unwrap();
    assert_eq!(u.to_string(), "https://example.com/a%20b");
    assert_eq!(format!("<{u}>"), "<https://example.com/a%20b>");
}

#[test]
fn ports_and_literal_addresses_are_not_part_of_the_host() {
    for (input, host) in [
        ("http://[::1]:8080/x", "[::1]"),
        ("http://[::1]/x", "[::1]"),
        ("https://example.com:8443", "example.com"),
        ("https://user:pw@example.com/", "example.com"),
    ] {
        let u = SafeUrl::parse(input).unwrap();
        assert_eq!(u.host(), host, "{input}");
        assert_eq!(host_of(u.as_str()), host, "{input}");
    }
}

#[test]
fn the_host_pre_parser_rewrites_only_what_the_url_crate_reads_as_a_host() {
    // Not a scheme before the colon: left as it is (the url crate refuses it whole).
    for input in [
        "1http://München.de",
        "a b://München.de",
        "+x:München.de",
        "München.de:80",
    ] {
        assert_eq!(ascii_host(input).as_deref(), Some(input), "{input:?}");
    }
    // A scheme of letters, digits, `+`, `-` and `.`: its host is rewritten.
    for (input, out) in [
        (
            "web+a-1.x://München.de/p",
            "web+a-1.x://xn--mnchen-3ya.de/p",
        ),
        (
            "h://user@München.de:8080/p",
            "h://user@xn--mnchen-3ya.de:8080/p",
        ),
        ("h://München.de:/p", "h://xn--mnchen-3ya.de:/p"),
        ("h://München.de:8a/p", "h://xn--mnchen-3ya.de:8a/p"),
    ] {
        assert_eq!(ascii_host(input).as_deref(), Some(out), "{input:?}");
    }
}

#[test]
fn a_bare_host_is_taken_as_https_only_when_it_looks_like_one() {
    for (input, href) in [
        ("lm-net.info/about", "https://lm-net.info/about"),
        ("ala.org", "https://ala.org/"),
        ("bücherei.example/x", "https://xn--bcherei-n2a.example/x"),
    ] {
        assert_eq!(
            SafeUrl::parse(input).map(|u| u.as_str().to_owned()),
            Ok(href.to_owned()),
            "{input}"
        );
    }
    // An email address or a name with a space is not an address to open.
    for input in [
        "someone@example.org",
        "my list.org/x",
        "localhost/x",
        "a_b.org/x",
    ] {
        assert_eq!(SafeUrl::parse(input), Err(UrlError::Invalid), "{input}");
    }
}

#[test]
fn email_addresses_are_checked_and_linked_safely() {
    let e = SafeEmail::parse("  Sam.Lee+lib@Northside.School.EDU ").unwrap();
    assert_eq!(e.as_str(), "Sam.Lee+lib@northside.school.edu");
    assert_eq!(e.to_string(), "Sam.Lee+lib@northside.school.edu");
    assert_eq!(e.mailto(), "mailto:Sam.Lee%2Blib@northside.school.edu");
    assert_eq!(e.match_key(), "sam.lee+lib@northside.school.edu");
    assert_eq!(
        SafeEmail::parse("MAILTO:robin@lib.org").unwrap().as_str(),
        "robin@lib.org"
    );
    // What could add a header or a recipient is percent-encoded.
    let odd = SafeEmail::parse("a?cc=b&x%y@lib.org").unwrap();
    assert_eq!(odd.mailto(), "mailto:a%3Fcc%3Db%26x%25y@lib.org");
    for bad in [
        "",
        "sam",
        "@lib.org",
        "sam@",
        "sam@lib",
        "sam@lib..org",
        "sam@-lib.org",
        "sam@lib-.org",
        "sam lee@lib.org",
        "sam@lib.org?subject=hi",
        "<sam@lib.org>",
        "sam\"@lib.org",
        ".sam@lib.org",
        "sam.@lib.org",
        "sa..m@lib.org",
        "javascript:alert(1)//@lib.org",
        "sam@lib.org\nBcc: x@y.org",
        "s\u{2603}m@lib.org",
        "sam\u{202E}gro@lib.org",
        "sam@lib\u{200B}.org",
    ] {
        assert_eq!(SafeEmail::parse(bad), Err(EmailError::Invalid), "{bad:?}");
    }
    let long_local = format!("{}@lib.org", "a".repeat(65));
    assert_eq!(SafeEmail::parse(&long_local), Err(EmailError::Invalid));
    assert!(SafeEmail::parse(&format!("{}@lib.org", "a".repeat(64))).is_ok());
    let at_limit = format!(
        "{}@{}.org",
        "a".repeat(64),
        ["b".repeat(61), "c".repeat(61), "d".repeat(61)].join(".")
    );
    assert_eq!(at_limit.len(), 254);
    assert!(SafeEmail::parse(&at_limit).is_ok());
    assert_eq!(
        SafeEmail::parse(&format!("x{at_limit}")),
        Err(EmailError::TooLong)
    );
    assert!(SafeEmail::parse(&format!("a@{}.org", "b".repeat(63))).is_ok());
    assert_eq!(
        SafeEmail::parse(&format!("a@{}.org", "b".repeat(64))),
        Err(EmailError::Invalid)
    );
    assert!(SafeEmail::parse("josé@bibliothèque.fr").is_ok());
}
