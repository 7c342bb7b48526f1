//! The screens shown instead of the one asked for: a hash that names none, and recovery.

use super::ctx::{Ctx, Mode};
use super::platform;
use super::share::ImportPanel;
use super::widgets::Heading;
use crate::exchange::raw::raw_dump;
use leptos::prelude::*;

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
