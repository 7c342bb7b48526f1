//! The shelf written out as a bookmark file.

use crate::model::link::SafeUrl;
use crate::model::words;
use crate::model::Resource;
use chrono::NaiveTime;
use std::fmt::Write as _;

/// Escapes text for HTML element content and quoted attribute values alike.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The address a resource is exported with: only an http(s) link, never anything a browser
/// importing the file could run.
fn exported_url(r: &Resource) -> Option<&str> {
    r.url.as_deref().filter(|u| SafeUrl::parse(u).is_ok())
}

/// How many of `resources` [`export`] leaves out because they have no http(s) address.
pub fn left_out(resources: &[Resource]) -> usize {
    resources
        .iter()
        .filter(|r| exported_url(r).is_none())
        .count()
}

/// The shelf as a bookmark file that Chrome, Firefox, Edge and Safari import: a folder
/// "Branch Out" holding one folder per kind (in the order of [`words::KINDS`], empty ones
/// omitted), each link with its `ADD_DATE` (the day added, at midnight UTC), its tags as `TAGS`
/// and its notes as `<DD>`. Resources without an http(s) address are left out (see
/// [`left_out`]). The same shelf always gives the same bytes.
///
/// [`parse`](super::parse) reads back every title, address, kind folder, day added, tag and note, except:
/// whitespace in a title is collapsed and an empty title reads back as the address; a tag
/// holding a comma reads back as two tags; notes read back trimmed, with CR LF as LF.
pub fn export(resources: &[Resource]) -> String {
    let mut out = String::from(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n\
         <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n\
         <TITLE>Bookmarks</TITLE>\n\
         <H1>Bookmarks</H1>\n\
         <DL><p>\n    <DT><H3>Branch Out</H3>\n    <DL><p>\n",
    );
    for (kind, _, _) in words::KINDS {
        let mut of_kind = resources
            .iter()
            .filter(|r| r.kind == kind)
            .filter_map(|r| exported_url(r).map(|u| (r, u)))
            .peekable();
        if of_kind.peek().is_none() {
            continue;
        }
        out.push_str("        <DT><H3>");
        escape(&words::kinds(kind), &mut out);
        out.push_str("</H3>\n        <DL><p>\n");
        for (r, url) in of_kind {
            out.push_str("            <DT><A HREF=\"");
            escape(url, &mut out);
            let seconds = r.added.and_time(NaiveTime::MIN).and_utc().timestamp();
            // Writing to a String cannot fail.
            let _ = write!(out, "\" ADD_DATE=\"{seconds}\"");
            if !r.tags.is_empty() {
                out.push_str(" TAGS=\"");
                escape(&r.tags.join(","), &mut out);
                out.push('"');
            }
            out.push('>');
            escape(&r.title, &mut out);
            out.push_str("</A>\n");
            if !r.notes.trim().is_empty() {
                out.push_str("            <DD>");
                escape(&r.notes, &mut out);
                out.push('\n');
            }
        }
        out.push_str("        </DL><p>\n");
    }
    out.push_str("    </DL><p>\n</DL><p>\n");
    out
}
