//! Settings: profile, the calendar that periods follow, colours and dates, storage status, and
//! erasing everything to start again.

use super::ctx::UndoNotice;
use super::ctx::{Ctx, Mode, SaveStatus};
use super::lazy::{BackupView, LazyBackup};
use super::offline;
use super::platform;
use super::widgets::{Heading, Modal};
use crate::exchange::backup_file::Status as BackupFile;
use crate::model::words as fmt;
use crate::model::{Action, Id, Locale, RangeKind, State, Theme, WeekStart};
use chrono::{Month, NaiveDate};
use leptos::prelude::*;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Settings.
#[component]
pub fn SettingsView() -> impl IntoView {
    view! {
        <Heading>"Settings"</Heading>
        <Profile />
        <CalendarSettings />
        <LookSettings />
        <RangeEditor kind=RangeKind::Term />
        <RangeEditor kind=RangeKind::Break />
        <super::people::names::NamesToPeople />
        <StorageStatus />
        <LazyBackup which=BackupView::Panel { status_line: true } />
        <EraseData />
    }
}

#[component]
fn Profile() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (name, role) = ctx
        .state
        .with_untracked(|s| (s.settings.name.clone(), s.settings.role.clone()));
    let name = RwSignal::new(name);
    let role = RwSignal::new(role);
    // When the saved profile changes from elsewhere (an import, Undo, erasing, another tab),
    // the fields follow it, unless one holds an edit not yet saved.
    let stored = Memo::new(move |_| {
        ctx.state
            .with(|s| (s.settings.name.clone(), s.settings.role.clone()))
    });
    Effect::new(move |before: Option<(String, String)>| {
        let now = stored.get();
        if let Some((old_name, old_role)) = before {
            if name.get_untracked() == old_name {
                name.set(now.0.clone());
            }
            if role.get_untracked() == old_role {
                role.set(now.1.clone());
            }
        }
        now
    });
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
            Err(e) => e.to_string(),
        });
        // Show the cleaned values the model kept.
        ctx.state.with_untracked(|s| {
            name.set(s.settings.name.clone());
            role.set(s.settings.role.clone());
        });
    };
    view! {
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
    }
}

#[component]
fn CalendarSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let week = move || ctx.state.with(|s| s.settings.week_start);
    let quarter = move || {
        ctx.state
            .with(|s| s.settings.quarter_start.number_from_month())
    };
    let set_week = move |w: WeekStart| {
        ctx.report(ctx.dispatch(Action::SetWeekStart(w)));
    };
    view! {
        <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">"Your calendar"</h2>
            <fieldset>
                <legend>"Weeks start on"</legend>
                <label class="inline">
                    <input type="radio" name="week-start" disabled=read_only
                        prop:checked=move || week() == WeekStart::Monday
                        on:change=move |_| set_week(WeekStart::Monday) />
                    "Monday"
                </label>
                <label class="inline">
                    <input type="radio" name="week-start" disabled=read_only
                        prop:checked=move || week() == WeekStart::Sunday
                        on:change=move |_| set_week(WeekStart::Sunday) />
                    "Sunday"
                </label>
            </fieldset>
            <label for="quarter-start">"Quarters (and yearly goals) start in"</label>
            <select
                id="quarter-start"
                disabled=read_only
                on:change=move |ev| {
                    if let Some(m) = event_target_value(&ev)
                        .parse::<u8>()
                        .ok()
                        .and_then(|n| Month::try_from(n).ok())
                    {
                        ctx.report(ctx.dispatch(Action::SetQuarterStart(m)));
                    }
                }
            >
                {MONTH_NAMES
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let n = i as u32 + 1;
                        view! { <option value=n.to_string() selected=move || quarter() == n>{*name}</option> }
                    })
                    .collect_view()}
            </select>
        </section>
    }
}

/// Light or dark, and how dates are written.
#[component]
fn LookSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let theme = move || ctx.state.with(|s| s.settings.theme);
    let locale = move || ctx.state.with(|s| s.settings.locale);
    let example = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    view! {
        <section aria-labelledby="look-heading">
            <h2 id="look-heading">"Look and dates"</h2>
            <fieldset>
                <legend>"Colours"</legend>
                {[Theme::System, Theme::Light, Theme::Dark]
                    .into_iter()
                    .map(|t| view! {
                        <label class="inline">
                            <input type="radio" name="theme" disabled=read_only
                                prop:checked=move || theme() == t
                                on:change=move |_| { ctx.report(ctx.dispatch(Action::SetTheme(t))); } />
                            {fmt::theme(t)}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <fieldset>
                <legend>"Dates"</legend>
                {[Locale::EnUs, Locale::EnAu]
                    .into_iter()
                    .map(|l| view! {
                        <label class="inline">
                            <input type="radio" name="locale" disabled=read_only
                                prop:checked=move || locale() == l
                                on:change=move |_| { ctx.report(ctx.dispatch(Action::SetLocale(l))); } />
                            {format!("{} — {}", fmt::locale(l), fmt::date(example, l))}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
        </section>
    }
}

/// The list of school terms or of breaks, with a form to add one.
#[component]
fn RangeEditor(kind: RangeKind) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let (heading, noun, help, key) = match kind {
        RangeKind::Term => (
            "School terms",
            "term",
            "Goals set to “each term” follow these dates.",
            "term",
        ),
        RangeKind::Break => (
            "Breaks",
            "break",
            "Summer, holidays, PD days. A period whose school days all fall in a break is skipped: it neither counts nor breaks a streak.",
            "break",
        ),
    };
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    // The term or break being changed, with its name as it was, while the form edits it.
    let editing = RwSignal::new(None::<(Id, String)>);
    let clear_form = move || {
        name.set(String::new());
        start.set(String::new());
        end.set(String::new());
        editing.set(None);
    };
    let list = move || {
        ctx.state.with(|s| {
            let ranges = match kind {
                RangeKind::Term => &s.settings.terms,
                RangeKind::Break => &s.settings.breaks,
            };
            (ranges.clone(), s.settings.locale)
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(first), Ok(last)) = (
            start.get_untracked().parse::<NaiveDate>(),
            end.get_untracked().parse::<NaiveDate>(),
        ) else {
            error.set("Enter both the first and the last day.".into());
            return;
        };
        let result = match editing.get_untracked() {
            Some((id, was)) => ctx
                .offer_undo(
                    Action::EditDateRange {
                        kind,
                        id: id.clone(),
                        name: name.get_untracked(),
                        start: first,
                        end: last,
                    },
                    format!("Changed {noun} “{was}”."),
                )
                .map(|()| Some(id)),
            None => ctx
                .dispatch(Action::AddDateRange {
                    kind,
                    id: platform::new_id(),
                    name: name.get_untracked(),
                    start: first,
                    end: last,
                })
                .map(|_| None),
        };
        match result {
            Ok(edited) => {
                error.set(String::new());
                clear_form();
                // Back to the one just changed.
                if let Some(id) = edited {
                    platform::refocus(format!("{key}-edit-{id}"));
                }
            }
            Err(e) => error.set(e.to_string()),
        }
    };
    view! {
        <section aria-labelledby=format!("{key}-heading")>
            <h2 id=format!("{key}-heading")>{heading}</h2>
            <p>{help}</p>
            {move || {
                let (ranges, locale) = list();
                if ranges.is_empty() {
                    return view! { <p>{format!("No {noun}s yet.")}</p> }.into_any();
                }
                view! {
                    <ul class="range-list">
                        {ranges
                            .into_iter()
                            .map(|r| {
                                let text = format!(
                                    "{}: {} to {}",
                                    r.name,
                                    fmt::date(r.start, locale),
                                    fmt::date(r.end, locale)
                                );
                                let message = format!("Removed {noun} “{}”.", r.name);
                                let id = r.id.clone();
                                let edit_id = format!("{key}-edit-{id}");
                                let edit_label = format!("Edit {noun} “{}”", r.name);
                                let remove_label = format!("Remove {noun} “{}”", r.name);
                                let edit = move |_| {
                                    name.set(r.name.clone());
                                    start.set(r.start.to_string());
                                    end.set(r.end.to_string());
                                    error.set(String::new());
                                    editing.set(Some((r.id.clone(), r.name.clone())));
                                    platform::refocus(format!("{key}-name"));
                                };
                                view! {
                                    <li>
                                        <span>{text}</span>
                                        <button type="button" class="secondary" id=edit_id disabled=read_only
                                            aria-label=edit_label
                                            on:click=edit>
                                            "Edit"
                                        </button>
                                        <button type="button" class="secondary" disabled=read_only
                                            aria-label=remove_label
                                            on:click=move |_| {
                                                ctx.report(ctx.offer_undo(Action::RemoveDateRange { kind, id: id.clone() }, message.clone()));
                                                platform::refocus(format!("{key}-name"));
                                            }>
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <form on:submit=submit class="range-form">
                <label for=format!("{key}-name")>{format!("Name of the {noun}")}</label>
                <input id=format!("{key}-name") type="text" required maxlength="300" disabled=read_only
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <label for=format!("{key}-start")>"First day"</label>
                <input id=format!("{key}-start") type="date" required disabled=read_only
                    prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
                <label for=format!("{key}-end")>"Last day"</label>
                <input id=format!("{key}-end") type="date" required disabled=read_only
                    prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) />
                <p role="alert" class="form-error">{move || error.get()}</p>
                <p role="status" class="form-message">
                    {move || editing.get().map(|(_, was)| format!("Changing {noun} “{was}”."))}
                </p>
                <div class="button-row">
                    <button type="submit" disabled=read_only>
                        {move || if editing.get().is_some() { format!("Save {noun}") } else { format!("Add {noun}") }}
                    </button>
                    {move || editing.get().map(|(id, _)| view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            clear_form();
                            platform::refocus(format!("{key}-edit-{id}"));
                        }>
                            "Cancel change"
                        </button>
                    })}
                </div>
            </form>
        </section>
    }
}

/// Starting again on this device: erase everything, after the chance to take a backup.
#[component]
fn EraseData() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    let unavailable = move || ctx.mode.with(Mode::read_only) || ctx.state.with(State::is_empty);
    let title = Signal::derive(|| "Erase everything on this device?".to_owned());
    let message = RwSignal::new(String::new());
    let erase = move |_| {
        // The backup file keeps the data as it was: automatic backup stops first, so the
        // erased plan is never written over it.
        ctx.stop_backup_file();
        match ctx.erase() {
            Ok(undo) => ctx.undo.set(undo.map(|undo| UndoNotice {
                message: "Erased everything on this device.".into(),
                undo,
            })),
            Err(e) => message.set(e.to_string()),
        }
        open.set(false);
    };
    view! {
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Start again"</h2>
            <p>
                "Erasing removes your goals, connections, shelf and settings from this browser, "
                "for handing the device on or starting afresh. Download a backup first if you may "
                "want them again."
            </p>
            <div class="button-row">
                <button type="button" class="secondary" on:click=move |_| {
                    if let Err(e) = ctx.download_copy() {
                        message.set(e);
                    }
                }>
                    "Download a backup"
                </button>
                <button type="button" class="danger" disabled=unavailable on:click=move |_| open.set(true)>
                    "Erase everything…"
                </button>
            </div>
            <p role="alert" class="form-error">{move || message.get()}</p>
            <Modal open=open title=title>
                <p>
                    "Your goals, connections, shelf and settings will be removed from this browser. "
                    "Undo brings them back until you leave this page; after that, only a backup can."
                </p>
                <p>"Damaged saves set aside earlier (see Storage) are removed too. Other open Branch Out tabs show the empty plan."</p>
                <Show when=move || ctx.backup_file.with(BackupFile::in_use)>
                    <p>"Automatic backup stops; the backup file keeps your data as it was last written."</p>
                </Show>
                <div class="dialog-buttons">
                    <button type="button" class="danger" on:click=erase>"Erase everything"</button>
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </Modal>
        </section>
    }
}

#[component]
fn StorageStatus() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
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
    // Looking costs nothing and asks no question; asking happens after the first save.
    if ctx.durable.get_untracked().is_none() {
        offline::durability(false);
    }
    let durable = move || match (ctx.mode.get(), ctx.durable.get()) {
        (Mode::Saving, Some(true)) => "Stored persistently.",
        (Mode::Saving, Some(false)) => "Browser may clear this data — export regularly.",
        _ => "",
    };
    // Damaged saves Branch Out copied aside instead of deleting: they take room that new saves
    // need, so the librarian can take them away as a file and free it.
    let set_aside = RwSignal::new(Vec::new());
    // Listed again after every change (erasing removes them).
    Effect::new(move |_| {
        ctx.state.track();
        set_aside.set(ctx.set_aside());
    });
    let message = RwSignal::new(String::new());
    let clear = move |_| {
        let pairs = set_aside.get_untracked();
        let text = crate::exchange::raw::raw_dump(&pairs, &platform::iso_now());
        let name = format!("branch-out-set-aside-{}.json", platform::today());
        if let Err(e) = platform::download(&name, "application/json", &text) {
            message.set(e);
            return;
        }
        message.set(if ctx.remove_set_aside(&pairs) {
            format!("Downloaded {name} and removed the copies from this browser.")
        } else {
            format!("Downloaded {name}, but the copies could not all be removed.")
        });
        set_aside.set(ctx.set_aside());
    };
    let set_aside_note = move || {
        let pairs = set_aside.get();
        (!pairs.is_empty()).then(|| {
            let chars: usize = pairs.iter().map(|(_, v)| v.encode_utf16().count()).sum();
            let what = if pairs.len() == 1 {
                "1 damaged save is".to_owned()
            } else {
                format!("{} damaged saves are", pairs.len())
            };
            view! {
                <p>
                    {format!(
                        "{what} set aside in this browser ({} K characters), kept in case they can be repaired.",
                        chars.div_ceil(1000)
                    )}
                </p>
                <button type="button" on:click=clear>"Download and remove set-aside copies"</button>
            }
        })
    };
    view! {
        <section aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage"</h2>
            <p>{storage}</p>
            <p>{durable}</p>
            {set_aside_note}
            <p role="status" class="message">{move || message.get()}</p>
        </section>
    }
}
