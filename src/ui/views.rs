//! The screens. Those that later work fills say plainly what will be there.

use super::ctx::{Ctx, Mode};
use super::platform;
use super::share::ImportPanel;
use crate::exchange::raw::raw_dump;
use leptos::prelude::*;

thread_local! {
    /// Set when the librarian moved to another screen and its heading has not had focus yet.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Moves focus to the screen's heading after navigation, now if it is drawn, or when it is:
/// a screen from a chunk fetched for the first time draws its heading a moment later.
pub fn focus_heading_after_navigation() {
    FOCUS_PENDING.with(|p| p.set(true));
    request_animation_frame(focus_pending_heading);
}

fn focus_pending_heading() {
    let drawn = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .is_some();
    if drawn && FOCUS_PENDING.with(|p| p.replace(false)) {
        platform::focus("main h1");
    }
}

/// A screen's heading; it takes focus when the librarian navigates to the screen.
#[component]
pub fn Heading(children: Children) -> impl IntoView {
    Effect::new(|_| request_animation_frame(focus_pending_heading));
    view! { <h1 tabindex="-1">{children()}</h1> }
}

/// A hash that names no screen.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Heading>"Page not found"</Heading>
        <p>"There is no such page in Branch Out. " <a href="#/today">"Go to Today"</a></p>
    }
}

/// Shown instead of every screen when stored data can't be read. Read-only: nothing is
/// written until the librarian chooses.
#[component]
pub fn RecoveryView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (reason, raw) = match ctx.mode.get_untracked() {
        Mode::Recovery { reason, raw } => (reason, raw),
        _ => (String::new(), Vec::new()),
    };
    let error = RwSignal::new(String::new());
    let download = move |_| {
        let text = raw_dump(&raw, &platform::iso_now());
        let name = format!("branch-out-raw-data-{}.json", platform::today());
        if let Err(e) = platform::download(&name, "application/json", &text) {
            error.set(e);
        }
    };
    view! {
        <Heading>"Your saved data needs attention"</Heading>
        <p>
            "Branch Out found your data in this browser but could not read it: " {reason} "."
        </p>
        <p>
            <strong>"Nothing has been changed or deleted."</strong>
            " Branch Out is read-only until this is sorted out, so it cannot write over what is there."
        </p>
        <ol>
            <li>"Download the raw data and keep the file somewhere safe."</li>
            <li>"Then restore your latest backup file."</li>
        </ol>
        <button type="button" on:click=download>"Download the raw data"</button>
        <p role="alert">{move || error.get()}</p>
        <ImportPanel />
    }
}
