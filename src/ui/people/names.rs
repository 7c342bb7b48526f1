//! Settings' offer to turn the names in the log's free text into people.

use crate::model::names;
use crate::model::words as fmt;
use crate::model::Action;
use crate::ui::ctx::{ActError, Ctx, Mode};
use crate::ui::platform;
use leptos::prelude::*;

/// Offers to turn the names written in check-ins' "Who" into people: a list of every name
/// with how many check-ins name it (the preview), nothing ticked, and nothing changed until
/// the button; one Undo takes it all back.
#[component]
pub fn NamesToPeople() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let found = Memo::new(move |_| ctx.state.with(names::names_in_log));
    let chosen = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(String::new());
    let add = move |_| {
        let picked = chosen.get_untracked();
        if picked.is_empty() {
            message.set("Tick the names to add first.".into());
            return;
        }
        let made = ctx.state.with_untracked(|s| {
            names::people_from_names(s, &picked, platform::today(), platform::new_id)
        });
        let done = made.map_err(ActError::Refused).and_then(|next| {
            let n = picked.len();
            ctx.offer_undo(
                Action::Replace(Box::new(next)),
                format!(
                    "{} now in your network, named in the check-ins that mentioned them.",
                    fmt::plural(n, "person is", "people are")
                ),
            )
        });
        match done {
            Ok(()) => {
                chosen.set(Vec::new());
                message.set(String::new());
            }
            Err(e) => message.set(e.to_string()),
        }
    };
    move || {
        let all = found.get();
        (!all.is_empty()).then(|| {
            let rows = all
                .into_iter()
                .map(|f| {
                    let (a, b) = (f.name.clone(), f.name.clone());
                    let label = format!(
                        "{} ({}{})",
                        f.name,
                        fmt::plural(f.check_ins, "check-in", "check-ins"),
                        if f.person.is_some() { ", already in your network" } else { "" }
                    );
                    view! {
                        <li>
                            <label class="inline">
                                <input type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&a))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| x != &b);
                                            if on { c.push(b.clone()); }
                                        });
                                    } />
                                {label}
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="names-heading">
                    <h2 id="names-heading">"Names in your log"</h2>
                    <p>
                        "Check-ins logged before People name colleagues in words. Tick the ones to "
                        "add to your network: those check-ins will then name them, so they count for "
                        "Reconnect. Nothing else changes, and Undo takes it back."
                    </p>
                    <ul class="resource-choices" aria-label="Names in your log">{rows}</ul>
                    <button type="button" disabled=read_only on:click=add>"Add the ticked names to People"</button>
                    <p role="status" class="message">{move || message.get()}</p>
                </section>
            }
        })
    }
}
