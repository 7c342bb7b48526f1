//! Resources: the shelf with instant search and filters, the resource dialog ([`form`]), and
//! the starter library ([`starter`]).

mod form;
mod starter;

use crate::model::link::SafeUrl;
use crate::model::search::{all_tags, search_top, Index, Query, Sort};
use crate::model::words::{self as fmt, KINDS, MEMBERSHIPS, SCOPES};
use crate::model::{Action, Id, Kind, Resource, ShelfAction};
use crate::ui::arrivals;
use crate::ui::ctx::{Ctx, Mode};
use crate::ui::picker::Picker;
use crate::ui::platform;
use crate::ui::widgets::{Heading, ShowMore};
use form::{ResourceDialog, SharedPage};
use leptos::prelude::*;
use starter::StarterLibrary;

/// How many results are drawn at once; more come with "Show more". Drawing only these keeps a
/// keystroke fast with thousands of resources.
const PAGE: usize = 10;

const SORTS: [(Sort, &str, &str); 4] = [
    (Sort::Relevance, "relevance", "Best match"),
    (Sort::Title, "title", "Title"),
    (Sort::RecentlyAdded, "recent", "Recently added"),
    (Sort::NextDate, "next-date", "Next date"),
];

/// The shelf.
#[component]
pub fn ResourcesView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<Kind>);
    let membership = RwSignal::new(None);
    let scope = RwSignal::new(None);
    let tag = RwSignal::new(String::new());
    let favourites = RwSignal::new(false);
    let sort = RwSignal::new(Some(Sort::Relevance));
    let shown = RwSignal::new(PAGE);
    let dialog_open = RwSignal::new(false);
    // A web page shared to Branch Out opens Add resource with it filled in, once the screen
    // is on the page (a dialog opens only there).
    let shared = StoredValue::new(arrivals::take_shared_page());
    provide_context(SharedPage(shared));
    if shared.with_value(Option::is_some) {
        request_animation_frame(move || dialog_open.set(true));
    }
    let editing = RwSignal::new(None::<Id>);

    let index = shelf_index(ctx);
    // Counts changes to the plan, so a search can tell whether the one before it ran on the
    // same shelf (a star changes no index entry, yet "Starred only" finds something else).
    let generation = Memo::new(move |before: Option<&u64>| {
        ctx.state.track();
        before.map_or(0, |b| b + 1)
    });
    let last = StoredValue::new(None::<(u64, Query, Vec<usize>)>);
    let hits = Memo::new(move |_| {
        let q = Query {
            text: text.get(),
            kind: kind.get(),
            tag: Some(tag.get()).filter(|t| !t.is_empty()),
            membership: membership.get(),
            scope: scope.get(),
            favourites: favourites.get(),
            sort: sort.get().unwrap_or_default(),
        };
        // Only the rows on screen need ranking; the rest are counted.
        let top = shown.get();
        let generation = generation.get();
        let found = ctx.state.with(|s| {
            index.with(|i| {
                last.with_value(|last| {
                    // Typing on: only what matched a moment ago can still match.
                    let among = last
                        .as_ref()
                        .filter(|(g, earlier, _)| *g == generation && q.narrows(earlier))
                        .map(|(_, _, among)| among.as_slice());
                    search_top(&s.resources, i, &q, among, top)
                })
            })
        });
        last.set_value(Some((generation, q, found.clone())));
        found
    });
    // A new search starts again at the top; reset before the change so the list draws once.
    let restart = move || {
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    };
    let total = move || ctx.state.with(|s| s.resources.len());
    let has_any = move || total() != 0;
    let empty_shelf = || {
        view! { <p>"Your shelf is empty. Add a resource, or start from the starter library below."</p> }
    };
    let page = Memo::new(move |_| {
        ctx.state.with(|s| {
            hits.with(|h| {
                h.iter()
                    .take(shown.get())
                    .filter_map(|i| s.resources.get(*i).cloned())
                    .collect::<Vec<Resource>>()
            })
        })
    });
    let summary = move || {
        let (n, all) = (hits.with(Vec::len), total());
        if all == 0 {
            String::new()
        } else if n == all {
            format!(
                "{all} resource{} on your shelf.",
                if all == 1 { "" } else { "s" }
            )
        } else {
            format!("{n} of {all} resources match.")
        }
    };
    // Built again only when the index changed (tags are part of it), not on every star.
    let tags = Memo::new(move |_| {
        index.track();
        ctx.state.with_untracked(|s| all_tags(&s.resources))
    });
    let edit = Callback::new(move |id: Id| {
        editing.set(Some(id));
        dialog_open.set(true);
    });

    view! {
        <Heading>"Resources"</Heading>
        <p>"The lists, groups, associations and learning you keep coming back to."</p>
        <div class="section-head">
            <h2>"Your shelf"</h2>
            <button
                type="button"
                disabled=read_only
                on:click=move |_| {
                    editing.set(None);
                    dialog_open.set(true);
                }
            >
                "Add resource"
            </button>
        </div>
        <search class="shelf-search">
            <label for="shelf-search">"Search your shelf"</label>
            <input
                id="shelf-search"
                type="search"
                placeholder="Title, website, tag or note"
                prop:value=move || text.get()
                on:input=move |ev| {
                    restart();
                    text.set(event_target_value(&ev));
                }
            />
            <div class="filters">
                <Picker id="filter-kind" label="Kind" any="All kinds" table=&KINDS value=kind />
                <div class="picker">
                    <label for="filter-tag">"Tag"</label>
                    <select id="filter-tag" on:change=move |ev| tag.set(event_target_value(&ev))>
                        <option value="">"All tags"</option>
                        {move || {
                            tags.get()
                                .into_iter()
                                .map(|t| {
                                    let (v, label) = (t.clone(), t.clone());
                                    view! { <option value=t selected=move || tag.get() == v>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <Picker id="filter-status" label="Status" any="Any status" table=&MEMBERSHIPS value=membership />
                <Picker id="filter-scope" label="Scope" any="Any scope" table=&SCOPES value=scope />
                <div class="picker">
                    <label for="sort">"Sort by"</label>
                    <select id="sort" on:change=move |ev| sort.set(fmt::from_value(&SORTS, &event_target_value(&ev)))>
                        {SORTS
                            .iter()
                            .map(|(s, v, name)| {
                                let s = *s;
                                view! { <option value=*v selected=move || sort.get() == Some(s)>{*name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || favourites.get()
                        on:change=move |ev| favourites.set(event_target_checked(&ev)) />
                    "Starred only"
                </label>
            </div>
        </search>
        <p role="status" class="result-count">{summary}</p>
        <Show when=has_any fallback=empty_shelf>
            <ul class="shelf" aria-label="Resources">
                // Rows are kept by position and show whichever resource is at their place in
                // the results: a keystroke changes text in the rows already drawn rather than
                // building new ones, and a row whose resource stays the same does nothing.
                <For each=move || 0..page.with(Vec::len) key=|place| *place let:place>
                    <ResourceRow page=page place=place on_edit=edit />
                </For>
            </ul>
            <ShowMore total=Signal::derive(move || hits.with(Vec::len)) shown=shown page=PAGE id="shelf-more" list="shelf" />
        </Show>
        <StarterLibrary index=index />
        <ResourceDialog open=dialog_open editing=editing />
    }
}

/// The search index of the shelf, brought up to date after each change
/// ([`Index::update_within`]): after a star or an edit it checks only that resource's entry,
/// after a logged connection none, and those who read it (the tag list, the starter
/// library's "already on your shelf") are told only when it changed.
pub fn shelf_index(ctx: Ctx) -> Memo<Index> {
    // The number of the last change this index was brought up to date with.
    let seen = StoredValue::new(0u64);
    Memo::new_owning(move |before: Option<Index>| {
        ctx.state.with(|s| {
            let (latest, changed) = ctx.shelf_changes(seen.get_value());
            seen.set_value(latest);
            match before {
                Some(mut index) => {
                    let changed = index.update_within(&s.resources, &changed);
                    (index, changed)
                }
                None => (Index::new(&s.resources), true),
            }
        })
    })
}

/// One place in the shelf's results, showing the resource at that place.
#[component]
fn ResourceRow(page: Memo<Vec<Resource>>, place: usize, on_edit: Callback<Id>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    // Only this row's resource: the row redraws when that changes and not otherwise.
    let r = Memo::new(move |_| page.with(|p| p.get(place).cloned()));
    let field = move |f: fn(&Resource) -> String| r.with(|r| r.as_ref().map(f).unwrap_or_default());
    let title = move || field(|r| r.title.clone());
    let id = move || r.with(|r| r.as_ref().map(|r| r.id.clone()));
    let favourite = move || r.with(|r| r.as_ref().is_some_and(|r| r.favourite));
    let heading = move || {
        // The only place a resource becomes a link: through SafeUrl, http(s) only.
        let link = r.with(|r| {
            r.as_ref()
                .and_then(|r| r.url.as_deref())
                .and_then(|u| SafeUrl::parse(u).ok())
        });
        match link {
            Some(url) => view! {
                <a href=url.as_str().to_owned() target="_blank" rel="noopener noreferrer">{title()}</a>
                " " <span class="host">{format!("({})", url.host())}</span>
            }
            .into_any(),
            None => view! {
                {title()}
                " " <span class="host">"(no web address)"</span>
            }
            .into_any(),
        }
    };
    let meta = move || {
        field(|r| {
            let mut meta = vec![fmt::kind(r.kind)];
            if let Some(s) = r.scope {
                meta.push(fmt::scope(s));
            }
            meta.push(fmt::membership(r.membership));
            meta.join(" · ")
        })
    };
    let tags = move || r.with(|r| r.as_ref().map(|r| r.tags.clone()).unwrap_or_default());
    // A memo: the date style is read from the whole plan, which every change touches, and
    // the line is drawn again only when it reads differently.
    let next = Memo::new(move |_| {
        let locale = ctx.state.with(|s| s.settings.locale);
        r.with(|r| {
            let r = r.as_ref()?;
            let d = r.next_date?;
            let what = if r.next_label.is_empty() {
                "Next date"
            } else {
                r.next_label.as_str()
            };
            Some(format!("{what}: {}", fmt::date(d, locale)))
        })
    });
    let list = move || {
        r.with(|r| {
            let e = r
                .as_ref()?
                .email_list
                .as_ref()
                .filter(|e| !e.address.is_empty())?;
            Some(format!(
                "List address: {}{}",
                e.address,
                if e.digest { " (digest)" } else { "" }
            ))
        })
    };
    let notes = move || field(|r| r.notes.clone());
    let star_id = move || id().map(|id| format!("star-{id}")).unwrap_or_default();
    let star = move |_| {
        if let Some(id) = id() {
            // This resource's star, wherever it is drawn next; if it left the results (starred
            // only), the search box, never another resource's star.
            let focus = star_id();
            let favourite = !favourite();
            ctx.report(ctx.dispatch(Action::Shelf(ShelfAction::Favourite { id, favourite })));
            platform::refocus_or(focus, "#shelf-search".into());
        }
    };
    let delete = move |_| {
        if let Some(id) = id() {
            let message = format!("Removed “{}” from your shelf.", title());
            ctx.report(ctx.offer_undo(
                Action::Shelf(ShelfAction::Delete { ids: vec![id] }),
                message,
            ));
            platform::refocus(String::new());
        }
    };
    let edit = move |_| {
        if let Some(id) = id() {
            on_edit.run(id);
        }
    };
    view! {
        <li class="resource">
            <h3>{heading}</h3>
            <p class="meta">{meta}</p>
            {move || {
                let tags = tags();
                (!tags.is_empty()).then(|| view! {
                    <ul class="tags" aria-label="Tags">
                        {tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || next.get().map(|t| view! { <p class="next-date">{t}</p> })}
            {move || list().map(|t| view! { <p class="list-address">{t}</p> })}
            {move || Some(notes()).filter(|n| !n.is_empty()).map(|t| view! { <p class="notes">{t}</p> })}
            <div class="goal-actions">
                <button type="button" class="secondary" id=star_id
                    aria-pressed=move || if favourite() { "true" } else { "false" }
                    aria-label=move || format!("Star “{}”", title()) disabled=read_only on:click=star>
                    {move || if favourite() { "★ Star" } else { "☆ Star" }}
                </button>
                <button type="button" class="secondary" aria-label=move || format!("Edit “{}”", title())
                    disabled=read_only on:click=edit>
                    "Edit"
                </button>
                <button type="button" class="danger" aria-label=move || format!("Remove “{}”", title())
                    disabled=read_only on:click=delete>
                    "Remove"
                </button>
            </div>
        </li>
    }
}
