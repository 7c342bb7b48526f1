//! The starter library: entries in Branch Out's own words, added one by one or all shown.

use crate::model::search::Index;
use crate::model::shelf::OnShelf;
use crate::model::starter::STARTER_LIBRARY;
use crate::model::words::{self as fmt, KINDS};
use crate::model::{Action, Kind, ShelfAction};
use crate::ui::ctx::{ActError, Ctx, Mode};
use crate::ui::picker::Picker;
use crate::ui::platform;
use leptos::prelude::*;

/// The built-in starter library, browsable by kind and region.
#[component]
pub fn StarterLibrary(
    /// The shelf's search index: the titles and addresses on the shelf change only when it does.
    index: Memo<Index>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let kind = RwSignal::new(None::<Kind>);
    let region = RwSignal::new(String::new());
    let mut regions: Vec<&'static str> = STARTER_LIBRARY.iter().map(|e| e.region).collect();
    regions.sort_unstable();
    regions.dedup();
    // Built once per change to the shelf's titles or addresses rather than once per starter
    // entry or per change.
    let on_shelf = Memo::new(move |_| {
        index.track();
        ctx.state.with_untracked(|s| OnShelf::new(&s.resources))
    });
    let on_shelf = move |name: &str, url: Option<&str>| on_shelf.with(|o| o.has(name, url));
    let entries = move || {
        STARTER_LIBRARY
            .iter()
            .filter(|e| kind.get().is_none_or(|k| e.kind == k))
            .filter(|e| region.with(|r| r.is_empty() || e.region == r))
            .collect::<Vec<_>>()
    };
    let add_all = move |_| {
        let today = platform::today();
        let items = entries()
            .into_iter()
            .map(|e| e.input().check(platform::new_id(), today))
            .collect::<Result<Vec<_>, _>>();
        let label = kind
            .get_untracked()
            .map_or_else(|| "resources".to_owned(), |k| fmt::kinds(k).to_lowercase());
        ctx.report(items.map_err(ActError::Refused).and_then(|items| {
            let n = items.len();
            ctx.offer_undo(
                Action::Shelf(ShelfAction::AddMany(items)),
                format!("Added the starter {label} not already on your shelf ({n} shown)."),
            )
        }));
    };
    view! {
        <section aria-labelledby="starter-heading" class="starter-library">
            <h2 id="starter-heading">"Starter library"</h2>
            <p>"Networks, lists and learning other librarians recommend. Add the ones you use."</p>
            <div class="filters">
                <Picker id="starter-kind" label="Library kind" any="All kinds" table=&KINDS value=kind />
                <div class="picker">
                    <label for="starter-region">"Library region"</label>
                    <select id="starter-region" on:change=move |ev| region.set(event_target_value(&ev))>
                        <option value="">"All regions"</option>
                        {regions.into_iter().map(|r| view! { <option value=r>{r}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <button type="button" class="secondary" disabled=read_only on:click=add_all>
                {move || {
                    let what = kind.get().map_or_else(|| "of these".to_owned(), |k| fmt::kinds(k).to_lowercase());
                    format!("Add all {what} ({})", entries().len())
                }}
            </button>
            <ul class="starter-entries">
                {move || {
                    entries()
                        .into_iter()
                        .map(|e| {
                            let added = on_shelf(e.name, e.url);
                            let add = move |_| {
                                let added = e
                                    .input()
                                    .check(platform::new_id(), platform::today())
                                    .map_err(ActError::Refused)
                                    .and_then(|checked| {
                                        ctx.offer_undo(
                                            Action::Shelf(ShelfAction::Add(checked)),
                                            format!("Added “{}” to your shelf.", e.name),
                                        )
                                    });
                                ctx.report(added);
                            };
                            view! {
                                <li class="resource">
                                    <h3>{e.name}</h3>
                                    <p class="meta">{format!("{} · {}", fmt::kind(e.kind), e.region)}</p>
                                    <p>{e.about}</p>
                                    <p class="host">
                                        {match e.url {
                                            Some(u) => u.to_owned(),
                                            None => "No confirmed web address yet — search for it by name.".to_owned(),
                                        }}
                                    </p>
                                    {if added {
                                        view! { <p class="on-shelf">"On your shelf"</p> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="secondary" disabled=read_only
                                                aria-label=format!("Add to my shelf: {}", e.name) on:click=add>
                                                "Add to my shelf"
                                            </button>
                                        }
                                            .into_any()
                                    }}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
