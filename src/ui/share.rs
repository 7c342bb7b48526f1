//! Share: export a file (download, share sheet or email), import one through a preview, and
//! undo an import.

use super::ctx::{Ctx, Mode};
use super::platform;
use super::views::Heading;
use super::widgets::{act_with_undo, Modal, UndoNotice};
use crate::exchange::file::{Choice, ExportFile, ResourceChoice};
use crate::exchange::import::{self, Preview, Rejected};
use crate::exchange::{bookmarks, csv, ics, summary};
use crate::model::words as fmt;
use crate::model::words::KINDS;
use crate::model::Action;
use leptos::prelude::*;
use std::sync::Arc;

/// The import in progress, shared by the Share screen, the recovery screen and the
/// drop-anywhere handler.
#[derive(Clone, Copy)]
pub struct Imports {
    /// The preview being shown, if any.
    pending: RwSignal<Option<Arc<Pending>>>,
    /// Whether the preview dialog is open.
    open: RwSignal<bool>,
    /// Why the latest file could not be read.
    error: RwSignal<String>,
    /// The latest import, for "Undo that import".
    last: RwSignal<Option<UndoNotice>>,
}

struct Pending {
    preview: Preview,
    name: String,
}

impl Imports {
    /// Provides the import state to the app.
    pub fn provide() -> Imports {
        let imports = Imports {
            pending: RwSignal::new(None),
            open: RwSignal::new(false),
            error: RwSignal::new(String::new()),
            last: RwSignal::new(None),
        };
        provide_context(imports);
        imports
    }

    /// Reads a file's bytes and opens the preview, or says why it can't be imported.
    pub fn start(self, ctx: Ctx, name: String, bytes: &[u8]) {
        self.error.set(String::new());
        if ctx.mode.with_untracked(|m| matches!(m, Mode::Newer { .. })) {
            self.error.set(
                "This tab is read-only because a newer version of Branch Out saved your data. \
                 Reload to update, then import."
                    .into(),
            );
            return;
        }
        match import::read_any(bytes, &name, platform::today(), platform::new_id) {
            Err(e) => self.error.set(e.to_string()),
            Ok(incoming) => {
                let preview = ctx.state.with_untracked(|s| Preview::new(s, incoming));
                self.pending.set(Some(Arc::new(Pending { preview, name })));
                self.open.set(true);
            }
        }
    }

    /// Reads a chosen or dropped file, refusing one that is too big before reading it.
    pub fn start_file(self, ctx: Ctx, file: web_sys::File) {
        let size = file.size();
        if size > import::MAX_FILE_BYTES as f64 {
            self.error.set(
                import::ReadError::TooBig {
                    size: size as usize,
                    max: import::MAX_FILE_BYTES,
                    what: "files",
                }
                .to_string(),
            );
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            match platform::read_file(&file).await {
                Ok(bytes) => self.start(ctx, name, &bytes),
                Err(e) => self.error.set(e),
            }
        });
    }
}

/// The Share screen.
#[component]
pub fn ShareView() -> impl IntoView {
    view! {
        <Heading>"Share and back up"</Heading>
        <BackupStatus />
        <ExportPanel />
        <ImportPanel />
        <OtherFormats />
        <section aria-labelledby="print-heading">
            <h2 id="print-heading">"Print"</h2>
            <p>"Your active goals, what's coming up and your starred resources on one page."</p>
            <a class="button-link" href="#/print">"Print the plan"</a>
        </section>
    }
}

/// "Last backed up 3 days ago".
#[component]
pub fn BackupStatus() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = move || {
        let today = platform::today();
        ctx.state.with(|s| match s.backup.days_since_export(today) {
            None => "You haven't backed up Branch Out on this device yet.".to_owned(),
            Some(0) => "Last backed up today.".to_owned(),
            Some(1) => "Last backed up yesterday.".to_owned(),
            Some(n) => format!("Last backed up {n} days ago."),
        })
    };
    view! { <p class="backup-status">{text}</p> }
}

const RESOURCE_CHOICES: [(&str, &str); 4] = [
    ("all", "All resources"),
    ("kind", "Only one kind"),
    ("tag", "Only one tag"),
    ("none", "No resources"),
];

#[component]
fn ExportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let goals = RwSignal::new(true);
    let check_ins = RwSignal::new(false);
    let settings = RwSignal::new(false);
    let which = RwSignal::new("all".to_owned());
    let kind = RwSignal::new(KINDS[0].0);
    let tag = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let mail_link = RwSignal::new(None::<String>);
    let all_tags = Memo::new(move |_| {
        ctx.state
            .with(|s| crate::model::search::all_tags(&s.resources))
    });
    let recovery = move || ctx.mode.with(|m| matches!(m, Mode::Recovery { .. }));

    let choice = move || Choice {
        goals: goals.get(),
        check_ins: check_ins.get(),
        settings: settings.get(),
        resources: match which.get().as_str() {
            "none" => ResourceChoice::None,
            "kind" => ResourceChoice::Kind(kind.get()),
            "tag" => {
                let t = tag.get();
                let t = if t.is_empty() {
                    all_tags.with(|a| a.first().cloned().unwrap_or_default())
                } else {
                    t
                };
                ResourceChoice::Tag(t)
            }
            _ => ResourceChoice::All,
        },
    };
    let file = move |choice: &Choice| {
        ctx.state
            .with_untracked(|s| ExportFile::new(s, choice, &platform::iso_now()))
    };
    let holds = move || {
        let c = choice();
        if c.is_empty() {
            return "Choose at least one thing to include.".to_owned();
        }
        let holds = ctx.state.with(|s| summary::chosen(s, &c, "your settings"));
        format!("The file will hold {holds}.")
    };
    // A full backup resets the reminder; a partial share does not.
    let mark_if_backup = move |c: &Choice| {
        if *c == Choice::everything() {
            let _ = ctx.dispatch(Action::MarkExported {
                today: platform::today(),
            });
        }
    };
    let save = move |c: Choice| {
        if c.is_empty() {
            message.set("Choose at least one thing to include.".into());
            return;
        }
        let f = file(&c);
        match platform::download(&f.file_name(), "application/json", &f.to_json()) {
            Ok(()) => {
                mark_if_backup(&c);
                message.set(format!("Downloaded {}.", f.file_name()));
            }
            Err(e) => message.set(e),
        }
    };
    let share = move |_| {
        let c = choice();
        if c.is_empty() {
            message.set("Choose at least one thing to include.".into());
            return;
        }
        let f = file(&c);
        let locale = ctx.state.with_untracked(|s| s.settings.locale);
        let subject = summary::subject(&f);
        let text = summary::text(&f, locale, 4_000);
        let json = f.to_json();
        let name = f.file_name();
        let link = summary::mailto(&f, locale);
        leptos::task::spawn_local(async move {
            match platform::share_file(&name, &json, &subject, &text).await {
                Ok(true) => {
                    mark_if_backup(&c);
                    message.set("Shared.".into());
                }
                Err(e) if e.is_empty() => message.set("Sharing was cancelled.".into()),
                _ => {
                    // No share sheet: download the file, then open an email with the summary,
                    // to which the librarian attaches the downloaded file.
                    if let Err(e) = platform::download(&name, "application/json", &json) {
                        message.set(e);
                        return;
                    }
                    mark_if_backup(&c);
                    message.set(format!(
                        "Downloaded {name}. Attach it to the email that opens; if none opens, use the link below."
                    ));
                    mail_link.set(Some(link.clone()));
                    platform::open_link(&link);
                }
            }
        });
    };
    let copy = move |_| {
        let c = choice();
        let f = file(&c);
        let locale = ctx.state.with_untracked(|s| s.settings.locale);
        let text = summary::text(&f, locale, 4_000);
        leptos::task::spawn_local(async move {
            message.set(match platform::copy_text(&text).await {
                Ok(()) => "Summary copied.".into(),
                Err(e) => e,
            });
        });
    };
    // Written only while "Read the summary" is open: for a large shelf it is the whole
    // export's worth of work, and nobody reads it closed.
    let reading = RwSignal::new(false);
    let summary_text = move || {
        if !reading.get() {
            return String::new();
        }
        let c = choice();
        let locale = ctx.state.with(|s| s.settings.locale);
        let f = ctx
            .state
            .with(|s| ExportFile::new(s, &c, &platform::iso_now()));
        summary::text(&f, locale, 4_000)
    };

    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">"Export a file"</h2>
            <Show
                when=move || !recovery()
                fallback=|| view! {
                    <p>"Export is off while your saved data can't be read: download the raw data instead."</p>
                }
            >
                <p>
                    "A Branch Out file is how you share your plan with a colleague and how you keep "
                    "a backup. Nothing leaves this device unless you send it."
                </p>
                <button type="button" class="primary" on:click=move |_| save(Choice::everything())>
                    "Back up everything"
                </button>
                <fieldset>
                    <legend>"Or choose what to share"</legend>
                    <label class="check">
                        <input type="checkbox" prop:checked=goals on:change=move |ev| goals.set(event_target_checked(&ev)) />
                        "Goals"
                    </label>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=check_ins
                            aria-describedby="log-hint"
                            on:change=move |ev| check_ins.set(event_target_checked(&ev))
                        />
                        "Check-in log"
                    </label>
                    <p id="log-hint" class="hint">
                        "The log names the colleagues you met; leave it out when sharing. Without it, goals go as a template that starts afresh."
                    </p>
                    <label class="check">
                        <input type="checkbox" prop:checked=settings on:change=move |ev| settings.set(event_target_checked(&ev)) />
                        "Settings (name, calendar, terms and breaks)"
                    </label>
                    <div class="picker">
                        <label for="export-resources">"Resources"</label>
                        <select id="export-resources" on:change=move |ev| which.set(event_target_value(&ev))>
                            {RESOURCE_CHOICES
                                .iter()
                                .map(|(v, name)| view! { <option value=*v selected=move || which.get() == *v>{*name}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=move || which.get() == "kind">
                        <div class="picker">
                            <label for="export-kind">"Kind to share"</label>
                            <select id="export-kind" on:change=move |ev| if let Some(k) = fmt::from_value(&KINDS, &event_target_value(&ev)) { kind.set(k) }>
                                {KINDS
                                    .iter()
                                    .map(|(k, v, name)| {
                                        let k = *k;
                                        view! { <option value=*v selected=move || kind.get() == k>{*name}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </Show>
                    <Show when=move || which.get() == "tag">
                        <div class="picker">
                            <label for="export-tag">"Tag to share"</label>
                            <select id="export-tag" on:change=move |ev| tag.set(event_target_value(&ev))>
                                {move || all_tags.get()
                                    .into_iter()
                                    .map(|t| {
                                        let v = t.clone();
                                        view! { <option value=v.clone() selected=move || tag.get() == v>{t}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </Show>
                </fieldset>
                <p role="status">{holds}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| save(choice())>"Download file"</button>
                    <button type="button" on:click=share>"Share by email"</button>
                    <button type="button" on:click=copy>"Copy summary"</button>
                </div>
                <p role="status" class="message">{move || message.get()}</p>
                {move || mail_link.get().map(|href| view! {
                    <p><a href=href>"Open an email with the summary"</a></p>
                })}
                <details on:toggle=move |ev| {
                    reading.set(event_target::<web_sys::Element>(&ev).has_attribute("open"));
                }>
                    <summary>"Read the summary"</summary>
                    <pre class="summary">{summary_text}</pre>
                </details>
            </Show>
        </section>
    }
}

/// The shelf as browser bookmarks or a spreadsheet, and the goals as calendar reminders.
#[component]
fn OtherFormats() -> impl IntoView {
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

/// Choose, drop or paste a file to import.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let imports = expect_context::<Imports>();
    let pasted = RwSignal::new(String::new());
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            imports.start_file(ctx, file);
        }
        // Choosing the same file again must start a new import.
        input.set_value("");
    };
    let read_pasted = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            imports
                .error
                .set("Paste the text of a Branch Out file first.".into());
            return;
        }
        imports.start(ctx, "pasted text".into(), text.as_bytes());
    };
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a file"</h2>
            <p>
                "Import a colleague's plan or your own backup. You'll see what is new, what is "
                "already here and what differs before anything changes, and one click undoes it."
            </p>
            <div class="field">
                <label for="import-file">"Choose a file to import"</label>
                <input id="import-file" type="file" accept=".json,.html,.htm,application/json,text/html" on:change=on_file />
                <p class="hint">
                    "A Branch Out file, or the bookmarks file Chrome, Firefox, Edge or Safari "
                    "exports (its folders become tags). Or drop a file anywhere on Branch Out."
                </p>
            </div>
            <form on:submit=read_pasted>
                <div class="field">
                    <label for="import-paste">"Or paste a file's text"</label>
                    <textarea id="import-paste" rows="4" prop:value=pasted on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit">"Read pasted text"</button>
            </form>
            <p role="alert" class="error">{move || imports.error.get()}</p>
            // Offered while the import is still the latest change; any later change (here or
            // in another tab) would be taken back with it.
            {move || imports.last.get().filter(|n| ctx.undo.with(|u| u.as_ref() == Some(n))).map(|n| {
                let undo = n.undo.clone();
                view! {
                    <p>
                        {n.message.clone()} " "
                        <button type="button" on:click=move |_| {
                            if ctx.dispatch(undo.clone()).is_ok() {
                                imports.last.set(None);
                                ctx.undo.set(None);
                                imports.error.set("The import was undone.".into());
                            }
                        }>"Undo that import"</button>
                    </p>
                }
            })}
            <ImportDialog />
        </section>
    }
}

#[component]
fn ImportDialog() -> impl IntoView {
    let imports = expect_context::<Imports>();
    let title = Signal::derive(move || {
        imports.pending.with(|p| {
            p.as_deref()
                .map(|p| p.preview.title(&p.name))
                .unwrap_or_default()
        })
    });
    Effect::new(move |_| {
        if !imports.open.get() {
            imports.pending.set(None);
        }
    });
    view! {
        <Modal open=imports.open title=title>
            {move || imports.pending.get().map(|p| view! { <PreviewBody pending=p /> })}
        </Modal>
    }
}

/// How many rows of a long list the preview draws; the rest are counted.
const SHOWN: usize = 50;

#[component]
fn PreviewBody(pending: Arc<Pending>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let imports = expect_context::<Imports>();
    let p = &pending.preview;
    let picks = RwSignal::new(ctx.state.with_untracked(|s| p.default_picks(s)));
    let error = RwSignal::new(String::new());
    let total = p.total();
    let new = p.new_items();
    let new_count = new.len();
    let conflicts = p.conflicts();
    let settings_diff = p.settings_diff();
    let nothing = p.changes_nothing();
    let from = p
        .source
        .line(ctx.state.with_untracked(|s| s.settings.locale));
    let summary = p.summary();
    let template = p.starts_afresh();
    let rejected = p.rejected.iter().map(Rejected::line).collect::<Vec<_>>();

    let confirm_pending = pending.clone();
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = &confirm_pending.preview;
        let today = platform::today();
        // Merge into the newest saved data, in case another tab saved since the preview.
        ctx.refresh();
        let merged = ctx
            .state
            .with_untracked(|s| p.merge(s, &picks.get_untracked(), today));
        let mut merged = match merged {
            Ok(m) => m,
            Err(e) => {
                error.set(e.to_string());
                return;
            }
        };
        merged.backup.note_change(today);
        if let Err(e) = ctx.leave_recovery() {
            error.set(e);
            return;
        }
        let replaced = picks.with_untracked(|k| k.theirs.len() + usize::from(k.settings));
        let message = p.done(replaced);
        match act_with_undo(ctx, Action::Replace(Box::new(merged)), message) {
            Ok(()) => {
                imports.last.set(ctx.undo.get_untracked());
                imports.open.set(false);
                platform::refocus("undo-button".into());
            }
            Err(e) => error.set(e),
        }
    };

    let shown_new = new.iter().take(SHOWN).cloned().collect::<Vec<_>>();
    let more_new = new_count.saturating_sub(SHOWN);
    let conflict_views = conflicts
        .into_iter()
        .take(SHOWN)
        .enumerate()
        .map(|(i, k)| {
            let key = (k.part, k.id.clone());
            let key2 = key.clone();
            let box_id = format!("theirs-{i}");
            view! {
                <div class="conflict">
                    <table>
                        <caption>{format!("{}: {}", k.part, k.title)}</caption>
                        <thead>
                            <tr><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"Theirs"</th></tr>
                        </thead>
                        <tbody>
                            {k.rows.into_iter().map(|(f, a, b)| view! {
                                <tr><th scope="row">{f}</th><td>{a}</td><td>{b}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <label class="check">
                        <input
                            id=box_id
                            type="checkbox"
                            prop:checked=move || picks.with(|p| p.theirs.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picks.update(|p| {
                                    if on {
                                        p.theirs.insert(key2.clone());
                                    } else {
                                        p.theirs.remove(&key2);
                                    }
                                });
                            }
                        />
                        {format!("Use theirs for “{}”", k.title)}
                    </label>
                </div>
            }
        })
        .collect_view();
    let more_conflicts = total.changed.saturating_sub(SHOWN);

    view! {
        <form class="import-preview" on:submit=confirm>
            <p>{from}</p>
            <ul class="tally">
                {summary.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            {template.then(|| view! {
                <p class="hint">"These goals come as a template: they start today, without the sender's history."</p>
            })}
            {nothing.then(|| view! {
                <p><strong>"Everything in this file is already here."</strong> " Importing it would change nothing."</p>
            })}
            {(new_count > 0).then(|| view! {
                <h3>{format!("New ({new_count})")}</h3>
                <ul class="new-items">
                    {shown_new.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    {(more_new > 0).then(|| view! { <li>{format!("…and {more_new} more")}</li> })}
                </ul>
            })}
            {(total.changed > 0).then(|| view! {
                <h3>{format!("Different here ({})", total.changed)}</h3>
                <p class="hint">"Yours are kept unless you tick “Use theirs”."</p>
                {conflict_views}
                {(more_conflicts > 0).then(|| view! { <p>{format!("…and {more_conflicts} more, where yours are kept.")}</p> })}
            })}
            {settings_diff.map(|rows| view! {
                <div class="conflict">
                    <table>
                        <caption>"Settings"</caption>
                        <thead><tr><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"Theirs"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(f, a, b)| view! {
                                <tr><th scope="row">{f}</th><td>{a}</td><td>{b}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || picks.with(|p| p.settings)
                            on:change=move |ev| picks.update(|p| p.settings = event_target_checked(&ev))
                        />
                        "Use the file's settings"
                    </label>
                </div>
            })}
            {(total.present > 0).then(|| view! { <p>{format!("Already here and the same: {}.", fmt::plural(total.present, "item", "items"))}</p> })}
            {(!rejected.is_empty()).then(|| view! {
                <h3>{format!("Left out ({})", rejected.len())}</h3>
                <ul class="rejected">
                    {rejected.iter().take(SHOWN).cloned().map(|l| view! { <li>{l}</li> }).collect_view()}
                    {(rejected.len() > SHOWN).then(|| view! { <li>{format!("…and {} more", rejected.len() - SHOWN)}</li> })}
                </ul>
            })}
            <p role="alert" class="error">{move || error.get()}</p>
            <div class="actions">
                {(!nothing).then(|| view! { <button type="submit" class="primary">"Import"</button> })}
                <button type="button" on:click=move |_| imports.open.set(false)>
                    {if nothing { "Close" } else { "Cancel" }}
                </button>
            </div>
        </form>
    }
}
