//! The export panel: a full backup, or a chosen part downloaded, shared or summarised.

use crate::exchange::file::{Choice, ExportFile, ResourceChoice};
use crate::exchange::import::Parts;
use crate::exchange::share_link;
use crate::exchange::summary::{self, Opening};
use crate::model::words as fmt;
use crate::model::words::KINDS;
use crate::model::Action;
use crate::ui::ctx::{Ctx, Mode};
use crate::ui::platform::{self, Sharing};
use leptos::prelude::*;

/// Said when every part is left out.
const NOTHING_CHOSEN: &str = "Choose at least one thing to include.";

const RESOURCE_CHOICES: [(&str, &str); 4] = [
    ("all", "All resources"),
    ("kind", "Only one kind"),
    ("tag", "Only one tag"),
    ("none", "No resources"),
];

/// Back up everything, or choose what to share and how.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let first = Choice::default();
    let goals = RwSignal::new(first.parts.goals);
    let check_ins = RwSignal::new(first.parts.check_ins);
    let settings = RwSignal::new(first.settings);
    let people = RwSignal::new(first.parts.people);
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
        parts: Parts {
            goals: goals.get(),
            check_ins: check_ins.get(),
            people: people.get(),
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
        },
        settings: settings.get(),
    };
    let file = move |choice: &Choice| {
        ctx.state
            .with_untracked(|s| ExportFile::new(s, choice, &platform::iso_now()))
    };
    let holds = move || {
        let c = choice();
        if c.is_empty() {
            return NOTHING_CHOSEN.to_owned();
        }
        let holds = ctx.state.with(|s| summary::chosen(s, &c, "your settings"));
        format!("The file will hold {holds}.")
    };
    // A full backup resets the reminder; a partial share does not.
    let mark_if_backup = move |c: &Choice| {
        if *c == Choice::everything() {
            ctx.report(ctx.dispatch(Action::MarkExported {
                today: platform::today(),
            }));
        }
    };
    let save = move |c: Choice| {
        if c.is_empty() {
            message.set(NOTHING_CHOSEN.into());
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
            message.set(NOTHING_CHOSEN.into());
            return;
        }
        let f = file(&c);
        let locale = ctx.state.with_untracked(|s| s.settings.locale);
        let subject = summary::subject(&f);
        let json = f.to_json();
        let name = f.file_name();
        let app = app_address();
        // A small export goes as a share link in the email; the file is still attached where
        // the share sheet can attach it.
        let share_link = share_link::link(&app, &json);
        let file_only = Opening::File { app: &app };
        let opening = share_link.as_deref().map_or(file_only, Opening::Link);
        let text = summary::text(&f, locale, 4_000, opening);
        let link_mail = summary::mailto(&f, locale, opening);
        let link_mail =
            (share_link.is_some() && link_mail.len() <= summary::MAX_MAILTO).then_some(link_mail);
        let link = summary::mailto(&f, locale, file_only);
        leptos::task::spawn_local(async move {
            match platform::share_file(&name, &json, &subject, &text).await {
                Sharing::Shared => {
                    mark_if_backup(&c);
                    message.set("Shared.".into());
                }
                Sharing::Cancelled => message.set("Sharing was cancelled.".into()),
                Sharing::Unsupported if link_mail.is_some() => {
                    // No share sheet, but the link fits in an email: nothing to attach.
                    let href = link_mail.unwrap_or_default();
                    message.set(
                        "An email with a share link opens; send it as it is. If none opens, use the link below."
                            .into(),
                    );
                    mail_link.set(Some(href.clone()));
                    platform::open_link(&href);
                }
                Sharing::Unsupported => {
                    // No share sheet: download the file, then open an email with the summary,
                    // to which the librarian attaches the downloaded file (a mailto: link
                    // cannot attach it).
                    if let Err(e) = platform::download(&name, "application/json", &json) {
                        message.set(e);
                        return;
                    }
                    mark_if_backup(&c);
                    message.set(format!(
                        "Downloaded {name}. Attach it to the email that opens (it can't attach itself); if none opens, use the link below."
                    ));
                    mail_link.set(Some(link.clone()));
                    platform::open_link(&link);
                }
            }
        });
    };
    let copy_link = move |_| {
        let c = choice();
        if c.is_empty() {
            message.set(NOTHING_CHOSEN.into());
            return;
        }
        let json = file(&c).to_json();
        let Some(link) = share_link::link(&app_address(), &json) else {
            message.set(
                "That is too much for a share link (a link holds up to 2,000 characters). Choose \
                 less, or send the file with Download file or Share by email."
                    .into(),
            );
            return;
        };
        leptos::task::spawn_local(async move {
            message.set(match platform::copy_text(&link).await {
                Ok(()) => "Share link copied. Paste it into an email or a message: it opens \
                           the import preview in Branch Out."
                    .into(),
                Err(e) => e,
            });
        });
    };
    let copy = move |_| {
        let c = choice();
        let f = file(&c);
        let locale = ctx.state.with_untracked(|s| s.settings.locale);
        let text = summary::text(
            &f,
            locale,
            4_000,
            Opening::File {
                app: &app_address(),
            },
        );
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
        summary::text(
            &f,
            locale,
            4_000,
            Opening::File {
                app: &app_address(),
            },
        )
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
                        <input
                            type="checkbox"
                            prop:checked=people
                            aria-describedby="people-hint"
                            on:change=move |ev| people.set(event_target_checked(&ev))
                        />
                        "People (your network's names and contact details)"
                    </label>
                    <p id="people-hint" class="hint">
                        "Off unless you choose it: share people only as a list you mean to hand over, such as a district's contacts."
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
                    <button type="button" on:click=copy_link>"Copy share link"</button>
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

/// This Branch Out's own address, for emails and share links.
fn app_address() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}
