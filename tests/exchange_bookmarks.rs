//! Bookmark files: real browser exports, hostile files, caps, and export → import.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::day;

use branch_out::exchange::bookmarks::{
    export, left_out, parse, Bookmark, BookmarksError, Parsed, MAX_BYTES, MAX_DEPTH,
    MAX_FOLDER_NAME, MAX_LINKS,
};
use branch_out::model::link::{SafeUrl, UrlError};
use branch_out::model::words;
use branch_out::model::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn fixture(name: &str) -> Parsed {
    let path = format!(
        "{}/../shared/fixtures/bookmarks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse(&html).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn find<'a>(p: &'a Parsed, title: &str) -> &'a Bookmark {
    p.bookmarks
        .iter()
        .find(|b| b.title == title)
        .unwrap_or_else(|| panic!("no bookmark titled {title:?}"))
}

/// Folder names as `&str`s, for comparing paths.
fn path(b: &Bookmark) -> Vec<&str> {
    b.folders.iter().map(String::as_str).collect()
}

#[test]
fn every_real_export_gives_its_links_folders_and_depth() {
    // Links, Folders and Deepest folder from the fixtures' SOURCES.md.
    let table = [
        ("chromium_nested_data-icons_crlf.htm", 18, 7, 2),
        ("chrome_zh-CN_cjk_titles.html", 11, 3, 2),
        ("firefox_tags_descriptions_data-icons.htm", 24, 1, 1),
        ("firefox_2024_nested_toolbar_other.html", 27, 8, 3),
        ("netscape4_communicator_1999_folded_alias_hr.html", 11, 4, 1),
        ("ie11_nested_folded_bom.htm", 27, 9, 2),
        (
            "malformed_no-doctype_lowercase-h3_closing-dd.html",
            10,
            5,
            1,
        ),
    ];
    for (name, links, folders, deepest) in table {
        let p = fixture(name);
        assert_eq!(p.bookmarks.len(), links, "{name}: links");
        assert_eq!(p.folders, folders, "{name}: folders");
        let depth = p.bookmarks.iter().map(|b| b.folders.len()).max();
        assert_eq!(depth, Some(deepest), "{name}: deepest folder");
        for b in &p.bookmarks {
            assert!(!b.title.is_empty(), "{name}: a title is empty");
            assert_eq!(b.title, b.title.trim(), "{name}: {:?}", b.title);
            assert!(
                !b.title.contains(['\r', '\n', '<', '>']),
                "{name}: {:?}",
                b.title
            );
            assert!(!b.url.contains('\u{FEFF}'), "{name}");
        }
    }
}

#[test]
fn chrome_cjk_titles_and_folders() {
    let p = fixture("chrome_zh-CN_cjk_titles.html");
    let baidu = find(&p, "百度一下，你就知道");
    assert_eq!(baidu.url, "https://www.baidu.com/");
    assert_eq!(path(baidu), ["test"]);
    assert_eq!(baidu.added, Some(day(2019, 5, 5)));
    assert_eq!(path(find(&p, "React")), ["书签栏", "Web"]);
    assert_eq!(path(find(&p, "微博")), ["书签栏"]);
    assert!(find(&p, "Twitter").folders.is_empty());
}

#[test]
fn chromium_crlf_file_keeps_accents_and_drops_icons() {
    let p = fixture("chromium_nested_data-icons_crlf.htm");
    let fr = find(&p, "Framasoft ~ Page portail du réseau");
    assert_eq!(fr.url, "https://framasoft.org/");
    assert_eq!(path(fr), ["Self-hosting"]);
    assert_eq!(
        path(find(&p, "PHP Standards Recommendations - PHP-FIG")),
        ["Dev", "PHP"]
    );
    assert_eq!(
        path(find(
            &p,
            "jabber.org - the original XMPP instant messaging service"
        )),
        ["Personal toolbar"]
    );
    let all = format!("{p:?}");
    assert!(!all.contains("data:image"), "icons never reach the result");
    assert!(!all.contains('\r'));
}

#[test]
fn firefox_2024_three_levels_and_an_escaped_ampersand() {
    let p = fixture("firefox_2024_nested_toolbar_other.html");
    let toyota = find(
        &p,
        "New Cars, Trucks, SUVs & Hybrids | Toyota Official Site",
    );
    assert_eq!(path(toyota), ["Cars"]);
    assert_eq!(
        path(find(&p, "Welcome to Python.org")),
        ["Bookmarks Toolbar", "Programming", "Languages"]
    );
    assert_eq!(path(find(&p, "Instagram")), ["Other Bookmarks"]);
    assert!(find(&p, "Yahoo").folders.is_empty());
    assert_eq!(
        p.bookmarks[7].url,
        "https://support.mozilla.org/en-US/kb/customize-firefox-controls-buttons-and-toolbars?utm_source=firefox-browser&utm_medium=default-bookmarks&utm_campaign=customize",
        "a bare & in an address stays"
    );
}

#[test]
fn firefox_tags_descriptions_entities_and_place_links() {
    let p = fixture("firefox_tags_descriptions_data-icons.htm");
    let first = &p.bookmarks[0];
    assert_eq!(first.title, "Recently saved");
    assert!(first
        .url
        .starts_with("place:folder=BOOKMARKS_MENU&folder=UNFILED_BOOKMARKS"));
    assert!(matches!(
        SafeUrl::parse(&first.url),
        Err(UrlError::Unsupported(s)) if s == "place"
    ));
    let lua = find(&p, "Programming in Lua");
    assert_eq!(lua.tags, ["lua", "script", "cpp", "dev"]);
    assert_eq!(lua.description, "", "an empty <DD> is no description");
    assert_eq!(lua.added, Some(day(2016, 5, 19)));
    let meetup = find(&p, "How to run a meetup without giving up your life");
    assert!(
        meetup
            .description
            .starts_with("If running a Meetup feels like a full-time job, you're probably"),
        "&#39; decodes: {:?}",
        meetup.description
    );
    let teapot = p
        .bookmarks
        .iter()
        .find(|b| b.tags.contains(&"teapot".to_owned()))
        .unwrap();
    assert!(
        teapot.description.ends_with("you figure out&#8230;"),
        "&amp;#8230; decodes once: {:?}",
        teapot.description
    );
    let toolbar = find(&p, "Getting Started");
    assert_eq!(path(toolbar), ["Personal toolbar"]);
    assert_eq!(
        toolbar.description, "",
        "the folder's own <DD> describes no link"
    );
}

#[test]
fn netscape_1999_aliases_separators_and_folder_descriptions() {
    let p = fixture("netscape4_communicator_1999_folded_alias_hr.html");
    let wbez = find(&p, "From WBEZ in Chicago | This American Life");
    assert_eq!(wbez.description, "The best radio show of all time.");
    assert_eq!(path(wbez), ["Public radio"]);
    assert_eq!(wbez.added, Some(day(1999, 9, 28)));
    let oreilly: Vec<&Bookmark> = p
        .bookmarks
        .iter()
        .filter(|b| b.url == "http://www.oreilly.com/")
        .collect();
    assert_eq!(oreilly.len(), 2, "an alias is a second link");
    assert_eq!(
        oreilly[0].title,
        "www.oreilly.com -- Welcome to O'Reilly & Associates! -- computer books, software, online publishing"
    );
    assert!(
        oreilly[0].folders.is_empty(),
        "after an <HR>, still at the top"
    );
    assert_eq!(path(oreilly[1]), ["Perl"]);
    assert!(
        p.bookmarks
            .iter()
            .all(|b| !b.description.contains("Public Broadcasting")),
        "a folder's multi-line <DD> is not a link's description"
    );
}

#[test]
fn internet_explorer_bom_and_an_empty_folder() {
    let p = fixture("ie11_nested_folded_bom.htm");
    assert_eq!(p.bookmarks[0].title, "It Never works with cats...");
    assert_eq!(path(&p.bookmarks[0]), ["Comics"]);
    assert!(p.bookmarks.iter().all(|b| path(b) != ["Links"]));
    assert_eq!(path(find(&p, "Microsoft Store")), ["Microsoft Websites"]);
    assert_eq!(
        path(find(&p, "Hg Init a Mercurial tutorial by Joel Spolsky")),
        ["Dev", "SCM"]
    );
    assert!(find(&p, "Let me google that for you").folders.is_empty());
}

#[test]
fn nextcloud_malformed_file() {
    let p = fixture("malformed_no-doctype_lowercase-h3_closing-dd.html");
    let zero = find(&p, "Title 0");
    assert_eq!(zero.url, "http://url0.net/");
    assert_eq!(path(zero), ["0"]);
    assert_eq!(zero.tags, ["tag0"]);
    assert_eq!(zero.description, "This is a description.");
    assert_eq!(zero.added, Some(day(2009, 1, 6)));
    assert_eq!(find(&p, "Title 1").description, "");
    assert_eq!(find(&p, "Title 1").added, None);
    assert_eq!(path(find(&p, "Title 12")), ["12"]);
    let outside = find(&p, "Title 13");
    assert!(outside.folders.is_empty(), "a link outside any list");
    assert_eq!(outside.tags, ["tag13"]);
}

#[test]
fn x06_scripts_frames_handlers_and_javascript_links() {
    let html = r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<script>document.title = "pwned"; alert(1)</script>
<DL><p>
  <DT><A HREF="javascript:alert(2)" ADD_DATE="1700000000">Click me</A>
  <DT><A HREF="https://ok.example/" ONCLICK="steal()" onmouseover='steal()'>OK<script>alert(3)</script></A>
  <DD>Fine<iframe src="https://evil.example/"><a href="https://inside.example/">framed</a></iframe> text
  <DT><H3><style>h3 { x: y }</style>Safe</H3>
  <DL><p><DT><A HREF="https://in.example/">In</A></DL>
  <SCRIPT type="text/javascript">var a = "<A HREF='https://script.example/'>no</A>";</SCRIPT >
</DL>"#;
    let p = parse(html).unwrap();
    let urls: Vec<&str> = p.bookmarks.iter().map(|b| b.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "javascript:alert(2)",
            "https://ok.example/",
            "https://in.example/"
        ]
    );
    assert_eq!(
        SafeUrl::parse(urls[0]),
        Err(UrlError::Unsupported("javascript".into())),
        "the caller refuses it"
    );
    assert_eq!(p.bookmarks[1].title, "OK");
    assert_eq!(p.bookmarks[1].description, "Fine text");
    assert_eq!(path(&p.bookmarks[2]), ["Safe"]);
    let all = format!("{p:?}");
    for never in [
        "alert(1)",
        "alert(3)",
        "pwned",
        "steal",
        "evil",
        "framed",
        "inside",
        "script.example",
        "x: y",
    ] {
        assert!(!all.contains(never), "{never:?} leaked into {all}");
    }
}

fn nested(levels: usize) -> String {
    let mut html = String::new();
    for i in 0..levels {
        html.push_str(&format!("<DT><H3>f{i}</H3>\n<DL><p>\n"));
    }
    html.push_str("<DT><A HREF=\"https://deep.example/\">Deep</A>\n");
    html.push_str(&"</DL><p>\n".repeat(levels));
    html.push_str("<DT><A HREF=\"https://top.example/\">Top</A>\n");
    html
}

#[test]
fn x08_ten_thousand_nested_lists_are_flattened() {
    let p = parse(&nested(10_000)).unwrap();
    assert_eq!(p.folders, 10_000);
    let deep = find(&p, "Deep");
    assert_eq!(deep.folders.len(), MAX_DEPTH);
    let expected: Vec<String> = (0..MAX_DEPTH).map(|i| format!("f{i}")).collect();
    assert_eq!(deep.folders, expected, "the outermost 32 names are kept");
    assert!(
        find(&p, "Top").folders.is_empty(),
        "every </DL> closes its own list"
    );

    let bare = format!(
        "{}<A HREF=\"https://x.example/\">x</A>",
        "<DL>".repeat(10_000)
    );
    assert!(parse(&bare).unwrap().bookmarks[0].folders.is_empty());
}

#[test]
fn x08_deep_nesting_costs_linear_time() {
    // About 7 MB of nested folders: instant when linear, hours if quadratic.
    let html = nested(200_000);
    assert!(html.len() < MAX_BYTES);
    let start = Instant::now();
    let p = parse(&html).unwrap();
    assert_eq!(p.folders, 200_000);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn x11_huge_icons_are_dropped() {
    let icon = format!("data:image/png;base64,{}", "iVBORw0KGgo".repeat(400_000));
    let html = format!(
        "<DL><p><DT><A HREF=\"https://lm-net.info/\" ICON=\"{icon}\" ICON_URI=\"{icon}\" ADD_DATE=\"1700000000\" TAGS=\"lists\">LM_NET</A></DL>"
    );
    assert!(html.len() > 8_000_000 && html.len() < MAX_BYTES);
    let p = parse(&html).unwrap();
    assert_eq!(
        p.bookmarks,
        [Bookmark {
            title: "LM_NET".into(),
            url: "https://lm-net.info/".into(),
            folders: vec![],
            tags: vec!["lists".into()],
            description: String::new(),
            added: Some(day(2023, 11, 14)),
        }]
    );
}

#[test]
fn caps_have_clear_messages() {
    let big = " ".repeat(MAX_BYTES + 1);
    assert_eq!(parse(&big), Err(BookmarksError::TooLarge));
    assert!(parse(&" ".repeat(MAX_BYTES)).is_ok());
    assert_eq!(
        BookmarksError::TooLarge.to_string(),
        "This bookmark file is larger than 10 MB"
    );

    let link = "<DT><A HREF=\"https://a.example/\">a</A>\n";
    let at_cap = link.repeat(MAX_LINKS);
    assert_eq!(parse(&at_cap).unwrap().bookmarks.len(), MAX_LINKS);
    let anchors = format!("{at_cap}<A NAME=\"top\">not a link</A>");
    assert_eq!(
        parse(&anchors).unwrap().bookmarks.len(),
        MAX_LINKS,
        "an <A> without HREF is no link"
    );
    let over = link.repeat(MAX_LINKS + 1);
    assert_eq!(parse(&over), Err(BookmarksError::TooManyLinks));
    assert_eq!(
        BookmarksError::TooManyLinks.to_string(),
        "This bookmark file has more than 5,000 links"
    );
}

#[test]
fn long_folder_names_are_cut() {
    let name = "é".repeat(MAX_FOLDER_NAME + 50);
    let p = parse(&format!("<H3>{name}</H3><DL><A HREF=x>y</A></DL>")).unwrap();
    assert_eq!(p.bookmarks[0].folders, ["é".repeat(MAX_FOLDER_NAME)]);
}

#[test]
fn entities_decode_once() {
    let title = |inner: &str| {
        let p = parse(&format!("<A HREF=\"u\">{inner}</A>")).unwrap();
        p.bookmarks[0].title.clone()
    };
    let cases = [
        ("&amp;", "&"),
        ("&lt;b&gt;", "<b>"),
        ("&quot;q&quot; &apos;a&apos;", "\"q\" 'a'"),
        ("a&nbsp;b", "a b"),
        ("&#39;&#x27;&#X27;", "'''"),
        ("&#233;t&#xE9;", "été"),
        ("&#128218;", "📚"),
        ("&amp;#39;", "&#39;"),
        ("&amp;amp;", "&amp;"),
        ("Tom & Jerry", "Tom & Jerry"),
        ("AT&T &copy", "AT&T &copy"),
        (
            "&#xD800; &#0; &#x110000; &#99999999999999999999;",
            "\u{FFFD} \u{FFFD} \u{FFFD} \u{FFFD}",
        ),
        ("&#; &#x; &", "&#; &#x; &"),
        ("&#39", "'"),
    ];
    for (raw, decoded) in cases {
        assert_eq!(title(raw), decoded, "{raw}");
    }
    let p = parse(
        "<A HREF=\"https://e.example/?a=1&amp;b=2&c=3&lt=4\" TAGS=\"R&amp;D, a&#44;b\">t</A>",
    )
    .unwrap();
    assert_eq!(p.bookmarks[0].url, "https://e.example/?a=1&b=2&c=3&lt=4");
    assert_eq!(p.bookmarks[0].tags, ["R&D", "a", "b"]);
}

#[test]
fn tolerant_of_what_real_files_do() {
    let html = "\u{FEFF}<dl><p>\r\n<dt><h3 folded>Folder\r\n  One</h3>\r\n<dl><p>\r\n\
        <dt><a href=https://a.example/ add_date=1700000000>  Spaced\r\n\t title </a></dt>\r\n\
        <dd>Line one\r\nLine two</dd>\r\n\
        <hr>\r\n\
        <dt><A HREF='https://b.example/' TAGS=' x, ,y ,,' ADD_DATE=\"soon\"></A>\r\n\
        <dt><A HREF=\"https://c.example/\" ADD_DATE=\"99999999999999999\">C<b>bold</b><br>next\r\n\
        </dl><p>\r\n</dl>";
    let p = parse(html).unwrap();
    assert_eq!(
        p.bookmarks,
        [
            Bookmark {
                title: "Spaced title".into(),
                url: "https://a.example/".into(),
                folders: vec!["Folder One".into()],
                tags: vec![],
                description: "Line one\nLine two".into(),
                added: Some(day(2023, 11, 14)),
            },
            Bookmark {
                title: "https://b.example/".into(),
                url: "https://b.example/".into(),
                folders: vec!["Folder One".into()],
                tags: vec!["x".into(), "y".into()],
                description: String::new(),
                added: None,
            },
            Bookmark {
                title: "Cbold next".into(),
                url: "https://c.example/".into(),
                folders: vec!["Folder One".into()],
                tags: vec![],
                description: String::new(),
                added: None,
            },
        ]
    );
    assert_eq!(p.folders, 1);
}

fn shelf() -> Vec<Resource> {
    let mut lm = common::bare_resource(
        1,
        "LM_NET <digest> & \"more\"",
        Some("https://lm-net.info/"),
        Kind::EmailList,
    );
    lm.tags = vec!["lists".into(), "US".into()];
    lm.notes = "Say 'hi'\nweekly".into();
    vec![
        common::bare_resource(
            2,
            "Toolkit A",
            Some("https://a.example/t?x=1&y=2"),
            Kind::Toolkit,
        ),
        lm,
        common::bare_resource(3, "No address", None, Kind::Toolkit),
        common::bare_resource(4, "Bad", Some("javascript:alert(1)"), Kind::Association),
        common::bare_resource(5, "Toolkit B", Some("https://b.example/"), Kind::Toolkit),
    ]
}

#[test]
fn export_is_a_bookmark_file_browsers_import() {
    let html = export(&shelf());
    let expected = "<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3>Branch Out</H3>
    <DL><p>
        <DT><H3>Email lists</H3>
        <DL><p>
            <DT><A HREF=\"https://lm-net.info/\" ADD_DATE=\"1795564800\" TAGS=\"lists,US\">LM_NET &lt;digest&gt; &amp; &quot;more&quot;</A>
            <DD>Say &#39;hi&#39;
weekly
        </DL><p>
        <DT><H3>Toolkits</H3>
        <DL><p>
            <DT><A HREF=\"https://a.example/t?x=1&amp;y=2\" ADD_DATE=\"1795564800\">Toolkit A</A>
            <DT><A HREF=\"https://b.example/\" ADD_DATE=\"1795564800\">Toolkit B</A>
        </DL><p>
    </DL><p>
</DL><p>
";
    assert_eq!(html, expected);
    assert_eq!(left_out(&shelf()), 2, "no address, and a javascript: link");
    assert_eq!(export(&shelf()), html, "deterministic");
    assert!(export(&[]).contains("<H3>Branch Out</H3>"));
}

#[test]
fn export_then_parse_gives_the_shelf_back() {
    let p = parse(&export(&shelf())).unwrap();
    assert_eq!(p.folders, 3);
    let lm = &p.bookmarks[0];
    assert_eq!(lm.title, "LM_NET <digest> & \"more\"");
    assert_eq!(lm.url, "https://lm-net.info/");
    assert_eq!(path(lm), ["Branch Out", "Email lists"]);
    assert_eq!(lm.tags, ["lists", "US"]);
    assert_eq!(lm.description, "Say 'hi'\nweekly");
    assert_eq!(lm.added, Some(day(2026, 11, 25)));
    assert_eq!(p.bookmarks[1].url, "https://a.example/t?x=1&y=2");
    assert_eq!(path(&p.bookmarks[2]), ["Branch Out", "Toolkits"]);
    assert_eq!(p.bookmarks.len(), 3);
}

/// What a title reads back as.
fn collapsed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn http_url() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("http"), Just("https")],
        "[a-z0-9]{1,12}",
        "[a-zA-Z0-9/&?=#<>\"' %é-]{0,30}",
    )
        .prop_filter_map("not an address", |(scheme, host, path)| {
            SafeUrl::parse(&format!("{scheme}://{host}.example/{path}"))
                .ok()
                .map(|u| u.as_str().to_owned())
        })
}

fn shelf_resource() -> impl Strategy<Value = Resource> {
    (
        common::any_id(),
        common::text(),
        http_url(),
        common::kind(),
        prop::collection::vec(common::text(), 0..4),
        prop_oneof![common::text(), Just(" two\r\nlines\rhere\n".to_owned())],
        common::date(),
    )
        .prop_map(|(id, title, url, kind, tags, notes, added)| Resource {
            id,
            tags,
            notes,
            added,
            ..common::bare_resource(0, &title, Some(&url), kind)
        })
}

/// HTML-ish soup, more likely than random text to reach every branch of the reader.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<DL><p>"),
            Just("</DL>"),
            Just("<DT>"),
            Just("<H3>"),
            Just("</H3>"),
            Just("<A HREF=\""),
            Just("<a href="),
            Just("\" ADD_DATE=\"1700000000\" TAGS=\"a,b\">"),
            Just("'"),
            Just("\""),
            Just(">"),
            Just("</A>"),
            Just("<DD>"),
            Just("</DD>"),
            Just("<BR>"),
            Just("&amp;"),
            Just("&#x"),
            Just("&#"),
            Just(";"),
            Just("<script>"),
            Just("</script"),
            Just("<!--"),
            Just("-->"),
            Just("<!"),
            Just("</"),
            Just("<"),
            Just("title é 📚 "),
            Just("\r\n"),
            Just("\u{FEFF}"),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn parse_never_panics(s in prop_oneof![any::<String>(), soup()]) {
        if let Ok(p) = parse(&s) {
            prop_assert!(p.bookmarks.len() <= MAX_LINKS);
            let mut size = 0;
            for b in &p.bookmarks {
                prop_assert!(b.folders.len() <= MAX_DEPTH);
                prop_assert!(b.title.len() <= s.len());
                size += b.title.len() + b.url.len() + b.description.len()
                    + b.tags.iter().map(String::len).sum::<usize>();
            }
            prop_assert!(size <= 2 * s.len(), "{size} bytes out of {}", s.len());
        }
    }

    #[test]
    fn export_then_parse_round_trips(rs in prop::collection::vec(shelf_resource(), 0..8)) {
        let p = parse(&export(&rs)).unwrap();
        let in_file_order: Vec<&Resource> = words::KINDS
            .iter()
            .flat_map(|(k, _, _)| rs.iter().filter(move |r| r.kind == *k))
            .collect();
        prop_assert_eq!(p.bookmarks.len(), rs.len());
        prop_assert_eq!(left_out(&rs), 0);
        for (b, r) in p.bookmarks.iter().zip(in_file_order) {
            let url = r.url.clone().unwrap();
            let title = collapsed(&r.title);
            prop_assert_eq!(&b.title, if title.is_empty() { &url } else { &title });
            prop_assert_eq!(&b.url, &url);
            prop_assert_eq!(b.folders.clone(), vec!["Branch Out".to_owned(), words::kinds(r.kind)]);
            let tags: Vec<String> = r
                .tags
                .iter()
                .flat_map(|t| t.split(','))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
            prop_assert_eq!(&b.tags, &tags);
            let notes = r.notes.replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(b.description.as_str(), notes.trim());
            prop_assert_eq!(b.added, Some(r.added));
        }
    }
}
