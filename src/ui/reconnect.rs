//! Today's Reconnect list: the people whose keep-in-touch interval has passed. A chunk of its
//! own (see `lazy.rs`), fetched only when someone in the network has a reminder.

use super::ctx::{Ctx, Mode};
use super::platform;
use crate::model::network;
use crate::model::period::Calendar;
use crate::model::words as fmt;
use crate::model::{Action, Id, PeopleAction};
use chrono::NaiveDate;
use leptos::prelude::*;

/// How many people Reconnect lists; the rest are counted.
const RECONNECT_SHOWN: usize = 5;

/// The people whose keep-in-touch interval has passed, most overdue first, each with one step
/// to log a connection with them and one to wait until their next interval.
#[component]
pub fn ReconnectList(today: NaiveDate, on_log: Callback<Id>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let due = Memo::new(move |_| ctx.state.with(|s| network::reconnect(s, today)));
    move || {
        let all = due.get();
        if all.is_empty() {
            return None;
        }
        let more = all.len().saturating_sub(RECONNECT_SHOWN);
        let locale = ctx.state.with_untracked(|s| s.settings.locale);
        let cards = all
            .into_iter()
            .take(RECONNECT_SHOWN)
            .map(|r| {
                let (id, snooze_id) = (r.id.clone(), r.id.clone());
                let name = r.name.clone();
                let until = ctx.state.with_untracked(|s| {
                    let keep = s.person(&r.id).map(|p| p.keep_in_touch).unwrap_or_default();
                    network::due_after(keep, today, &Calendar::of(&s.settings))
                });
                let snooze = move |_| {
                    let message = format!("{name} will come up again later.");
                    ctx.report(ctx.offer_undo(
                        Action::People(PeopleAction::Snooze {
                            id: snooze_id.clone(),
                            until,
                        }),
                        message,
                    ));
                    platform::refocus(String::new());
                };
                let wait = until.map_or_else(
                    || "Not now".to_owned(),
                    |d| format!("Not now (until {})", fmt::date(d, locale)),
                );
                view! {
                    <li class="card">
                        <p>{r.sentence(today)}</p>
                        <div class="goal-actions">
                            <button type="button" disabled=read_only on:click=move |_| on_log.run(id.clone())>
                                {format!("Log a connection with {}", r.name)}
                            </button>
                            <button type="button" class="secondary" disabled=read_only on:click=snooze
                                aria-label=format!("{wait}: {}", r.name)>
                                {wait.clone()}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="due-group" aria-labelledby="reconnect-heading">
                <h2 id="reconnect-heading">"Reconnect"</h2>
                <ul class="cards">{cards}</ul>
                {(more > 0).then(|| view! {
                    <p>{format!("And {more} more. ")} <a href="#/people">"See everyone on People"</a></p>
                })}
            </section>
        })
    }
}
