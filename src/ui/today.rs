//! Today: the first-run choice, then what is due now, with progress and streaks.

use super::ctx::Ctx;
use super::forms::LogDialog;
use super::lazy::{self, LazyReconnect};
use super::platform;
use super::share::{BackupStatus, Imports};
use super::widgets::Heading;
use crate::exchange::backup_file::Status as BackupFile;
use crate::model::agenda;

use crate::model::progress::{Report, Status};
use crate::model::starter::starter_plan;
use crate::model::words as fmt;
use crate::model::{Action, Cadence, CheckInInput, Goal, Id, Person};
use chrono::NaiveDate;
use leptos::prelude::*;

/// What is due now.
#[component]
pub fn TodayView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let needs_setup = move || ctx.state.with(|s| !s.settings.set_up && s.goals.is_empty());
    view! {
        <Heading>"Today"</Heading>
        <Show when=needs_setup fallback=|| view! { <BackupNudge /> <Due /> <BackupStatus resume=true /> }>
            <FirstRun />
        </Show>
    }
}

/// Asks for a backup once changes have gone a month without one, unless a backup file is
/// being kept up to date.
#[component]
fn BackupNudge() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let today = platform::today();
    move || {
        if ctx.backup_file.with(BackupFile::writing) {
            return None;
        }
        ctx.state.with(|s| {
            let since = s.backup.changed_since?;
            s.backup.due(today).then(|| {
                let days = (today - since).num_days();
                view! {
                    <div class="banner info">
                        <p>
                            {format!("Your changes of the last {days} days aren't in a backup yet. ")}
                            "If this browser's data were cleared, they would be lost."
                        </p>
                        <a class="button-link" href="#/share">"Back up now"</a>
                    </div>
                }
            })
        })
    }
}

/// The first-run choice: the starter plan (editable), or an empty plan.
#[component]
fn FirstRun() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(super::ctx::Mode::read_only);
    let rows: Vec<_> = starter_plan()
        .into_iter()
        .map(|g| (RwSignal::new(true), RwSignal::new(g.title.clone()), g))
        .collect();
    let rows = StoredValue::new(rows);
    let error = RwSignal::new(String::new());
    let imports = expect_context::<Imports>();
    let not_opened = RwSignal::new(String::new());
    let start = move |with_goals: bool| {
        let goals = if with_goals {
            rows.with_value(|rows| {
                rows.iter()
                    .filter(|(keep, _, _)| keep.get_untracked())
                    .map(|(_, title, g)| {
                        let mut g = g.clone();
                        g.title = title.get_untracked();
                        (platform::new_id(), g)
                    })
                    .collect()
            })
        } else {
            Vec::new()
        };
        if let Err(e) = ctx.dispatch(Action::SetUp {
            today: platform::today(),
            goals,
        }) {
            error.set(e.to_string());
        }
    };
    let fields = rows.with_value(|rows| {
        rows.iter()
            .enumerate()
            .map(|(i, (keep, title, g))| {
                let (keep, title) = (*keep, *title);
                let title_id = format!("starter-title-{i}");
                let label = format!("{} goal", fmt::cadence(g.cadence));
                view! {
                    <li class="starter-goal">
                        <label class="inline">
                            <input
                                type="checkbox"
                                prop:checked=move || keep.get()
                                on:change=move |ev| keep.set(event_target_checked(&ev))
                            />
                            {format!("Include the {}", label.to_lowercase())}
                        </label>
                        <label for=title_id.clone() class="starter-title-label">{label}</label>
                        <input
                            type="text"
                            id=title_id
                            maxlength="300"
                            prop:value=move || title.get()
                            on:input=move |ev| title.set(event_target_value(&ev))
                        />
                        <p class="hint">{g.notes.clone()}</p>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <section aria-labelledby="welcome">
            <h2 id="welcome">"Welcome to Branch Out"</h2>
            <p>
                "Branch Out keeps your personal connection plan — the colleagues, lists, "
                "associations and networks you mean to keep in touch with — on this device. "
                "Nothing is sent anywhere; you share your plan by exporting a file."
            </p>
            <h3>"Start with a simple plan"</h3>
            <p>"Three goals to begin with. Change the words, or leave out any you don't want."</p>
            <ul class="starter-list">{fields}</ul>
            <div class="button-row">
                <button type="button" on:click=move |_| start(true) disabled=read_only>
                    "Start with these goals"
                </button>
                <button type="button" class="secondary" on:click=move |_| start(false) disabled=read_only>
                    "Start with an empty plan"
                </button>
            </div>
            <p role="alert" class="form-error">{move || error.get()}</p>
            <h3>"Used Branch Out before?"</h3>
            <p>
                <strong>"No data on this device"</strong>
                " — if you have used Branch Out here or on another Chromebook, import your latest "
                "backup file to get everything back."
            </p>
            <div class="button-row">
                // Where the browser can open a file and keep it (Chromium), the backup file
                // chosen on the old device opens here, and can be kept up to date again.
                {can_open_files().then(|| view! {
                    <button type="button" on:click=move |_| {
                        not_opened.set(String::new());
                        lazy::backup(ctx, lazy::Backup::Restore(imports, not_opened));
                    } disabled=read_only>
                        "Open your backup file"
                    </button>
                })}
                <a class="button-link" href="#/share">"Import your latest backup"</a>
            </div>
            <p role="alert" class="form-error">{move || not_opened.get()}</p>
        </section>
    }
}

/// True where the browser has the File System Access open picker.
fn can_open_files() -> bool {
    js_sys::Reflect::has(
        &window(),
        &wasm_bindgen::JsValue::from_str("showOpenFilePicker"),
    )
    .unwrap_or(false)
}

/// The goals due in the current periods, grouped by cadence.
#[component]
fn Due() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let today = platform::today();
    let log_open = RwSignal::new(false);
    let log_editing = RwSignal::new(None::<Id>);
    let log_goal = RwSignal::new(None::<Id>);
    let log_person = RwSignal::new(None::<Id>);
    let reports = Memo::new(move |_| {
        ctx.state.with(|s| {
            agenda::active_reports(s, today)
                .into_iter()
                .map(|(g, r)| (g.clone(), r))
                .collect::<Vec<_>>()
        })
    });
    let paused = move || ctx.state.with(|s| agenda::paused(s).join(", "));
    let groups = move || {
        let all = reports.get();
        if all.is_empty() {
            return view! {
                <p>"No active goals. " <a href="#/plan">"Add a goal on the Plan page"</a> "."</p>
            }
            .into_any();
        }
        [
            Cadence::Weekly,
            Cadence::Monthly,
            Cadence::Quarterly,
            Cadence::Term,
            Cadence::Yearly,
        ]
        .into_iter()
        .filter_map(|c| {
            let goals: Vec<_> = all
                .iter()
                .filter(|(g, _)| g.cadence == c)
                .cloned()
                .collect();
            (!goals.is_empty()).then(|| {
                let heading = format!("This {}", fmt::unit(c));
                view! {
                    <section class="due-group">
                        <h2>{heading}</h2>
                        <ul class="cards">
                            {goals
                                .into_iter()
                                .map(|(g, r)| view! { <DueCard goal=g report=r today=today /> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
        })
        .collect_view()
        .into_any()
    };
    view! {
        <div class="button-row">
            <button
                type="button"
                on:click=move |_| {
                    log_editing.set(None);
                    log_goal.set(None);
                    log_person.set(None);
                    log_open.set(true);
                }
            >
                "Log a connection"
            </button>
        </div>
        {groups}
        // Only someone with a reminder fetches the list's chunk.
        <Show when=move || ctx.state.with(|s| s.people.iter().any(Person::reminds))>
            <LazyReconnect today=today on_log=Callback::new(move |id: Id| {
                log_editing.set(None);
                log_goal.set(None);
                log_person.set(Some(id));
                log_open.set(true);
            }) />
        </Show>
        {move || {
            let p = paused();
            (!p.is_empty()).then(|| view! { <p class="paused-note">"Paused: " {p} "."</p> })
        }}
        <ComingUp today=today />
        // A connection logged here counts towards the goal most in need unless the librarian
        // chooses otherwise; the form says so when none is.
        <LogDialog open=log_open editing=log_editing goal=log_goal person=log_person suggest=true />
    }
}

fn streak_text(r: &Report, c: Cadence) -> String {
    if r.best == 0 {
        return "No streak yet.".into();
    }
    format!(
        "Streak: {} · Best: {}",
        fmt::count_of(r.streak, c),
        fmt::count_of(r.best, c)
    )
}

/// How last period went, said kindly, when it fell short.
fn last_period_note(r: &Report, g: &Goal) -> Option<String> {
    let prev = r.previous?;
    let unit = fmt::unit(g.cadence);
    match prev.status {
        Status::Missed | Status::Partly => Some(format!(
            "Last {unit} ended at {} of {}. That happens — this {unit} is a fresh start.",
            prev.count, g.target
        )),
        _ => None,
    }
}

/// One goal on Today.
#[component]
fn DueCard(goal: Goal, report: Report, today: NaiveDate) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let unit = fmt::unit(goal.cadence);
    let progress = match report.current {
        Some(cur) => {
            let state = match cur.status {
                Status::Met => format!(" Done for this {unit}."),
                Status::Skipped(_) => format!(" This {unit} is skipped."),
                _ => String::new(),
            };
            format!("{} of {} this {unit}.{state}", cur.count, goal.target)
        }
        None if goal.cadence == Cadence::Term => {
            "Not in a term today. Add your term dates in Settings to track this goal.".into()
        }
        None => String::new(),
    };
    let id = goal.id.clone();
    let title = goal.title.clone();
    let button_id = format!("log-{}", goal.id);
    let refocus_id = button_id.clone();
    let log_now = move |_| {
        ctx.report(ctx.offer_undo(
            Action::LogCheckIn {
                id: platform::new_id(),
                input: CheckInInput {
                    date: today,
                    goal: Some(id.clone()),
                    note: String::new(),
                    people: String::new(),
                    with: Vec::new(),
                    resources: Vec::new(),
                },
            },
            format!("Logged a connection for “{title}” today."),
        ));
        platform::refocus(refocus_id.clone());
    };
    let read_only = move || ctx.mode.with(super::ctx::Mode::read_only);
    view! {
        <li class="card">
            <h3>{goal.title.clone()}</h3>
            <p class="progress">{progress}</p>
            <p class="streak">{streak_text(&report, goal.cadence)}</p>
            {last_period_note(&report, &goal).map(|n| view! { <p class="kind-note">{n}</p> })}
            <button
                type="button"
                id=button_id
                aria-label=format!("Log a connection: {}", goal.title)
                on:click=log_now
                disabled=read_only
            >
                "Log a connection"
            </button>
        </li>
    }
}

/// Dates on the shelf in the next two months: webinars, meetings, renewals.
#[component]
fn ComingUp(today: NaiveDate) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = move || {
        ctx.state
            .with(|s| (agenda::coming_up(s, today), s.settings.locale))
    };
    move || {
        let (list, locale) = items();
        (!list.is_empty()).then(|| {
            view! {
                <section aria-labelledby="coming-up-heading">
                    <h2 id="coming-up-heading">"Coming up"</h2>
                    <ul class="coming-up">
                        {list
                            .into_iter()
                            .map(|(d, what)| view! { <li><strong>{fmt::date(d, locale)}</strong> " — " {what}</li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
