//! The other formats panel: the shelf as bookmarks or a spreadsheet, the goals as a calendar.

use crate::exchange::{bookmarks, csv, ics};
use crate::ui::ctx::Ctx;
use crate::ui::platform;
use leptos::prelude::*;

/// The shelf as browser bookmarks or a spreadsheet, and the goals as calendar reminders.
#[component]
pub fn OtherFormats() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let message = RwSignal::new(String::new());
    let save = move |name: String, mime: &'static str, text: String, note: String| {
        message.set(match platform::download(&name, mime, &text) {
            Ok(()) => format!("Downloaded {name}.{note}"),
            Err(e) => e,
        });
    };
    let day = move || platform::today().to_string();
    let bookmarks = move |_| {
        let (text, left) = ctx.state.with_untracked(|s| {
            (
                bookmarks::export(&s.resources),
                bookmarks::left_out(&s.resources),
            )
        });
        let note = match left {
            0 => String::new(),
            1 => " One resource has no web address, so it isn't in the file.".into(),
            n => format!(" {n} resources have no web address, so they aren't in the file."),
        };
        save(
            format!("branch-out-bookmarks-{}.html", day()),
            "text/html",
            text,
            note,
        );
    };
    let calendar = move |_| {
        let stamp = chrono::DateTime::from_timestamp_millis(platform::now_ms())
            .map(|d| d.naive_utc())
            .unwrap_or_default();
        let text = ctx
            .state
            .with_untracked(|s| ics::calendar(s, platform::today(), stamp));
        save(
            format!("branch-out-goals-{}.ics", day()),
            "text/calendar",
            text,
            " Open it with Google Calendar (Settings, Import) to get a reminder for each goal."
                .into(),
        );
    };
    let spreadsheet = move |_| {
        let text = ctx.state.with_untracked(|s| csv::resources(&s.resources));
        save(
            format!("branch-out-resources-{}.csv", day()),
            "text/csv",
            text,
            String::new(),
        );
    };
    view! {
        <section aria-labelledby="formats-heading">
            <h2 id="formats-heading">"Other formats"</h2>
            <p>
                "Your shelf as bookmarks for Chrome, Firefox, Edge or Safari (folders by kind) or "
                "as a spreadsheet; your active goals as a calendar whose events repeat each week, "
                "month, quarter, term or year."
            </p>
            <div class="actions">
                <button type="button" on:click=bookmarks>"Download bookmarks (HTML)"</button>
                <button type="button" on:click=calendar>"Download calendar (.ics)"</button>
                <button type="button" on:click=spreadsheet>"Download spreadsheet (CSV)"</button>
            </div>
            <p role="status" class="message">{move || message.get()}</p>
        </section>
    }
}
