//! The plan on one printed page: goals with how often, this period and streaks, then the
//! dates coming up and the starred resources. The print stylesheet drops everything else.

use super::ctx::Ctx;
use super::platform;
use super::widgets::Heading;
use crate::model::agenda;
use crate::model::link::host_of;
use crate::model::words as fmt;
use leptos::prelude::*;

/// Rows of each list printed before the rest are counted, so the plan stays on one page.
const ROWS: usize = 12;

/// The printable plan.
#[component]
pub fn PrintView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let today = platform::today();
    let page = move || {
        ctx.state.with(|s| {
            let locale = s.settings.locale;
            let goals = agenda::active_reports(s, today)
                .into_iter()
                .map(|(g, r)| {
                    let now = r
                        .current
                        .as_ref()
                        .map(|p| format!("{} of {}", p.count, g.target))
                        .unwrap_or_else(|| "between terms".into());
                    view! {
                        <tr>
                            <th scope="row">{g.title.clone()}</th>
                            <td>{format!("{} each {}", g.target, fmt::unit(g.cadence))}</td>
                            <td>{fmt::area(g.area)}</td>
                            <td>{now}</td>
                            <td>{format!("{} (best {})", r.streak, r.best)}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            let paused = agenda::paused(s);
            let coming = agenda::coming_up(s, today);
            let coming_total = coming.len();
            let coming = coming
                .into_iter()
                .take(ROWS)
                .map(|(d, what)| view! { <li>{format!("{} — {what}", fmt::date(d, locale))}</li> })
                .collect::<Vec<_>>();
            let starred: Vec<_> = s.resources.iter().filter(|r| r.favourite).collect();
            let starred_total = starred.len();
            let starred = starred
                .into_iter()
                .take(ROWS)
                .map(|r| {
                    let host = r.url.as_deref().map(host_of).unwrap_or_default();
                    let line = if host.is_empty() {
                        r.title.clone()
                    } else {
                        format!("{} ({host})", r.title)
                    };
                    view! { <li>{line}</li> }
                })
                .collect::<Vec<_>>();
            let who = match (s.settings.name.as_str(), s.settings.role.as_str()) {
                ("", _) => String::new(),
                (n, "") => n.to_owned(),
                (n, r) => format!("{n}, {r}"),
            };
            let more = |total: usize| (total > ROWS).then(|| view! { <li>{format!("…and {} more", total - ROWS)}</li> });
            view! {
                <p class="print-meta">
                    {(!who.is_empty()).then(|| format!("{who} · "))}
                    {format!("Printed {}", fmt::date(today, locale))}
                </p>
                {if goals.is_empty() {
                    view! { <p>"No active goals."</p> }.into_any()
                } else {
                    view! {
                        <table class="print-goals">
                            <caption>"Active goals"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Goal"</th>
                                    <th scope="col">"How often"</th>
                                    <th scope="col">"Area"</th>
                                    <th scope="col">"This period"</th>
                                    <th scope="col">"Streak"</th>
                                </tr>
                            </thead>
                            <tbody>{goals}</tbody>
                        </table>
                    }
                    .into_any()
                }}
                {(!paused.is_empty()).then(|| view! { <p>{format!("Paused: {}.", paused.join(", "))}</p> })}
                {(coming_total > 0).then(|| view! {
                    <h2>"Coming up"</h2>
                    <ul>{coming}{more(coming_total)}</ul>
                })}
                {(starred_total > 0).then(|| view! {
                    <h2>"Starred resources"</h2>
                    <ul>{starred}{more(starred_total)}</ul>
                })}
            }
        })
    };
    view! {
        <Heading>"My connection plan"</Heading>
        <div class="actions no-print">
            <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            <a href="#/share">"Back to Share"</a>
        </div>
        <div class="print-page">{page}</div>
    }
}
