//! The screens. Those that later work fills say plainly what will be there.

use super::ctx::{Ctx, Mode, SaveStatus};
use super::platform;
use crate::exchange::raw::raw_dump;
use crate::model::Action;
use leptos::prelude::*;

/// A screen's heading; it takes focus when the librarian navigates to the screen.
#[component]
fn Heading(children: Children) -> impl IntoView {
    view! { <h1 tabindex="-1">{children()}</h1> }
}

/// What is due now.
#[component]
pub fn TodayView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <Heading>"Today"</Heading>
        <Show when=move || ctx.first_run.get()>
            <section aria-labelledby="welcome">
                <h2 id="welcome">"Welcome to Branch Out"</h2>
                <p>
                    "Branch Out keeps your personal connection plan — the colleagues, lists, "
                    "associations and networks you mean to keep in touch with — on this device. "
                    "Nothing is sent anywhere; you share your plan by exporting a file."
                </p>
            </section>
        </Show>
        <p class="not-yet">
            "Not built yet: this screen will show the goals due this week, month, quarter and "
            "term with your progress and streaks, a one-step “Log a connection”, and dates "
            "coming up."
        </p>
    }
}

/// Goals and the check-in log.
#[component]
pub fn PlanView() -> impl IntoView {
    view! {
        <Heading>"Plan"</Heading>
        <p class="not-yet">
            "Not built yet: your goals (weekly, monthly, quarterly, per term or yearly), their "
            "history and the log of connections you've made will live here."
        </p>
    }
}

/// The shelf of resources.
#[component]
pub fn ResourcesView() -> impl IntoView {
    view! {
        <Heading>"Resources"</Heading>
        <p class="not-yet">
            "Not built yet: your shelf of email lists, groups, associations, webinars and "
            "toolkits, with search and a starter library, will live here."
        </p>
    }
}

/// Export, import and sharing.
#[component]
pub fn ShareView() -> impl IntoView {
    view! {
        <Heading>"Share"</Heading>
        <p class="not-yet">
            "Not built yet: exporting your plan as a file, importing a colleague's, sharing by "
            "email, bookmarks, calendar and printing will live here."
        </p>
    }
}

/// A hash that names no screen.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Heading>"Page not found"</Heading>
        <p>"There is no such page in Branch Out. " <a href="#/today">"Go to Today"</a></p>
    }
}

/// Settings: who you are and how storage is doing.
#[component]
pub fn SettingsView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (name, role) = ctx
        .state
        .with_untracked(|s| (s.settings.name.clone(), s.settings.role.clone()));
    let name = RwSignal::new(name);
    let role = RwSignal::new(role);
    let message = RwSignal::new(String::new());
    let read_only = move || ctx.mode.with(Mode::read_only);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = ctx.dispatch(Action::SetProfile {
            name: name.get_untracked(),
            role: role.get_untracked(),
        });
        message.set(match result {
            Ok(_) => "Profile updated.".into(),
            Err(e) => e,
        });
        // Show the cleaned values the model kept.
        ctx.state.with_untracked(|s| {
            name.set(s.settings.name.clone());
            role.set(s.settings.role.clone());
        });
    };
    let storage = move || match ctx.mode.get() {
        Mode::Saving => match ctx.save.get() {
            SaveStatus::Failed(e) => {
                format!("Saved in this browser, but the latest change was not: {e}.")
            }
            _ if ctx.first_run.get() => {
                "Nothing saved yet: Branch Out saves as soon as you make a change.".into()
            }
            _ => {
                "Saved in this browser on this device. Every change is saved as you make it.".into()
            }
        },
        Mode::MemoryOnly(why) => format!("Not saving: this browser blocks storage ({why})."),
        Mode::Newer { .. } => {
            "Read-only: the data was saved by a newer version of Branch Out.".into()
        }
        Mode::Recovery { .. } => "Read-only: the saved data could not be read.".into(),
    };
    view! {
        <Heading>"Settings"</Heading>
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Your profile"</h2>
            <p>"Optional. Your name and role appear in files you export, so colleagues know who sent them."</p>
            <form on:submit=submit>
                <label for="profile-name">"Your name"</label>
                <input
                    id="profile-name"
                    type="text"
                    autocomplete="name"
                    maxlength="300"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    disabled=read_only
                />
                <label for="profile-role">"Your role"</label>
                <input
                    id="profile-role"
                    type="text"
                    maxlength="300"
                    prop:value=move || role.get()
                    on:input=move |ev| role.set(event_target_value(&ev))
                    disabled=read_only
                />
                <button type="submit" disabled=read_only>"Save profile"</button>
                <p role="status" class="form-message">{move || message.get()}</p>
            </form>
        </section>
        <section aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage"</h2>
            <p>{storage}</p>
            <p class="not-yet">
                "Not built yet: week start, quarter start, school terms and breaks, theme, "
                "backup reminders and reset."
            </p>
        </section>
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
        <p class="not-yet">
            "Not built yet: importing a backup file. Until it arrives, keep the downloaded file "
            "and your latest backup; nothing here will be overwritten."
        </p>
    }
}
