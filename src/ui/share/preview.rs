//! The import preview: what is new, what is here, what differs (with "Use theirs"), what was
//! left out; nothing changes before Import.

use super::pending::{Imports, Pending};
use crate::exchange::import::Rejected;
use crate::model::words as fmt;
use crate::model::Action;
use crate::ui::ctx::Ctx;
use crate::ui::platform;
use crate::ui::widgets::Modal;
use leptos::prelude::*;
use std::sync::Arc;

/// The preview in a dialog, open while a file waits for the librarian's choice.
#[component]
pub fn ImportDialog() -> impl IntoView {
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

/// What importing the file would do, the picks, and Import.
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
            error.set(e.to_string());
            return;
        }
        let replaced = picks.with_untracked(|k| k.theirs.len() + usize::from(k.settings));
        let message = p.done(replaced);
        match ctx.offer_undo(Action::Replace(Box::new(merged)), message) {
            Ok(()) => {
                imports.last.set(ctx.undo.get_untracked());
                imports.applied.set(Some(confirm_pending.name.clone()));
                imports.open.set(false);
                platform::refocus("undo-button".into());
            }
            Err(e) => error.set(e.to_string()),
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
