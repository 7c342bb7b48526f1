//! Resources: the shelf with instant search and filters, the resource dialog, and the starter
//! library.

use super::ctx::{ActError, Ctx, Mode};
use super::platform;
use super::widgets::{Heading, Modal};
use crate::model::link::SafeUrl;
use crate::model::search::{all_tags, search_top, Index, Query, Sort};
use crate::model::shelf::{OnShelf, ResourceInput};
use crate::model::starter::STARTER_LIBRARY;
use crate::model::words::{self as fmt, KINDS, MEMBERSHIPS, SCOPES};
use crate::model::{Action, ActionError, EmailList, Id, Kind, Resource, ShelfAction};
use chrono::NaiveDate;
use leptos::prelude::*;

/// How many results are drawn at once; more come with "Show more". Drawing only these keeps a
/// keystroke fast with thousands of resources.
const PAGE: usize = 10;

const SORTS: [(Sort, &str, &str); 4] = [
    (Sort::Relevance, "relevance", "Best match"),
    (Sort::Title, "title", "Title"),
    (Sort::RecentlyAdded, "recent", "Recently added"),
    (Sort::NextDate, "next-date", "Next date"),
];

/// A `<select>` over one of the value tables, with an "any" option.
#[component]
fn Picker<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    table: &'static [(T, &'static str, &'static str)],
    value: RwSignal<Option<T>>,
) -> impl IntoView {
    view! {
        <div class="picker">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(fmt::from_value(table, &event_target_value(&ev)))>
                <option value="" selected=move || value.get().is_none()>{any}</option>
                {table
                    .iter()
                    .map(|(t, v, name)| {
                        let t = *t;
                        view! { <option value=*v selected=move || value.get() == Some(t)>{*name}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

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
    let editing = RwSignal::new(None::<Id>);

    // Numbered, so a search can tell whether the one before it ran on the same shelf.
    let index = Memo::new(move |before: Option<&(u64, Index)>| {
        let generation = before.map_or(0, |b| b.0 + 1);
        (generation, ctx.state.with(|s| Index::new(&s.resources)))
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
        let found = ctx.state.with(|s| {
            index.with(|(generation, i)| {
                last.with_value(|last| {
                    // Typing on: only what matched a moment ago can still match.
                    let among = last
                        .as_ref()
                        .filter(|(g, earlier, _)| g == generation && q.narrows(earlier))
                        .map(|(_, _, among)| among.as_slice());
                    search_top(&s.resources, i, &q, among, top)
                })
            })
        });
        let generation = index.with(|(g, _)| *g);
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
    let tags = Memo::new(move |_| ctx.state.with(|s| all_tags(&s.resources)));
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
            {move || {
                let more = hits.with(Vec::len).saturating_sub(shown.get());
                (more > 0).then(|| view! {
                    <button type="button" class="secondary" id="shelf-more" on:click=move |_| {
                        // With nothing more to show, the first new row's first control: the
                        // librarian carries on down the list.
                        let first_new = shown.get_untracked() + 1;
                        shown.update(|n| *n += PAGE);
                        platform::refocus_or("shelf-more".into(), format!(".shelf > li:nth-child({first_new}) button"));
                    }>
                        {format!("Show {} more", more.min(PAGE))}
                    </button>
                })
            }}
        </Show>
        <StarterLibrary />
        <ResourceDialog open=dialog_open editing=editing />
    }
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
    let next = move || {
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
    };
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
            {move || next().map(|t| view! { <p class="next-date">{t}</p> })}
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

/// Add or edit a resource.
#[component]
fn ResourceDialog(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let title = Signal::derive(move || {
        if editing.get().is_some() {
            "Edit resource"
        } else {
            "Add a resource"
        }
        .to_owned()
    });
    view! {
        <Modal open=open title=title>
            <ResourceForm open=open editing=editing />
        </Modal>
    }
}

#[component]
fn ResourceForm(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = editing.get_untracked();
    let start = id
        .as_ref()
        .and_then(|id| {
            ctx.state
                .with_untracked(|s| s.resource(id).map(ResourceInput::from_resource))
        })
        .unwrap_or_default();
    let title = RwSignal::new(start.title.clone());
    let url = RwSignal::new(start.url.clone());
    let kind = RwSignal::new(start.kind.or(Some(Kind::Other)));
    let tags = RwSignal::new(start.tags.join(", "));
    let notes = RwSignal::new(start.notes.clone());
    let scope = RwSignal::new(start.scope);
    let membership = RwSignal::new(Some(start.membership));
    let email = start.email_list.clone().unwrap_or_default();
    let list_address = RwSignal::new(email.address);
    let subscribe = RwSignal::new(email.subscribe);
    let leave = RwSignal::new(email.leave);
    let digest = RwSignal::new(email.digest);
    let next_date = RwSignal::new(start.next_date.map(|d| d.to_string()).unwrap_or_default());
    let next_label = RwSignal::new(start.next_label.clone());
    let favourite = RwSignal::new(start.favourite);
    let error = RwSignal::new(String::new());
    let duplicate = RwSignal::new(None::<Id>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        duplicate.set(None);
        let next = next_date.get_untracked();
        let next_date = if next.trim().is_empty() {
            None
        } else {
            match next.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    error.set("Enter the next date as a full date, or leave it empty.".into());
                    return;
                }
            }
        };
        let is_list = kind.get_untracked() == Some(Kind::EmailList);
        let input = ResourceInput {
            title: title.get_untracked(),
            url: url.get_untracked(),
            kind: kind.get_untracked(),
            tags: tags.get_untracked().split(',').map(str::to_owned).collect(),
            notes: notes.get_untracked(),
            scope: scope.get_untracked(),
            membership: membership.get_untracked().unwrap_or_default(),
            email_list: is_list.then(|| EmailList {
                address: list_address.get_untracked(),
                subscribe: subscribe.get_untracked(),
                leave: leave.get_untracked(),
                digest: digest.get_untracked(),
            }),
            next_date,
            next_label: next_label.get_untracked(),
            favourite: favourite.get_untracked(),
        };
        let action = match &id {
            Some(id) => ShelfAction::Edit {
                id: id.clone(),
                input,
            },
            None => ShelfAction::Add {
                id: platform::new_id(),
                today: platform::today(),
                input,
            },
        };
        match ctx.dispatch(Action::Shelf(action)) {
            Ok(_) => open.set(false),
            Err(e) => {
                error.set(e.to_string());
                // The model names the resource already at this address, so it can be offered.
                if let ActError::Refused(ActionError::Duplicate { id: existing, .. }) = e {
                    duplicate.set(Some(existing));
                }
            }
        }
    };
    let open_existing = move |_| {
        if let Some(existing) = duplicate.get_untracked() {
            open.set(false);
            leptos::prelude::set_timeout(
                move || {
                    editing.set(Some(existing));
                    open.set(true);
                },
                std::time::Duration::from_millis(0),
            );
        }
    };
    let text_field = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="text" maxlength="300" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form on:submit=submit class="dialog-form">
            <label for="resource-title">"Title"</label>
            <input id="resource-title" type="text" required maxlength="300" autofocus
                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
            <label for="resource-url">"Web address (optional)"</label>
            <input id="resource-url" type="text" inputmode="url" autocomplete="url" maxlength="2048"
                prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
            <Picker id="resource-kind" label="Kind" any="Choose a kind" table=&KINDS value=kind />
            {text_field("resource-tags", "Tags (separated by commas)", tags)}
            <label for="resource-notes">"Notes (optional)"</label>
            <textarea id="resource-notes" rows="3" prop:value=move || notes.get()
                on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            <Picker id="resource-scope" label="Scope" any="Not set" table=&SCOPES value=scope />
            <Picker id="resource-status" label="Your membership" any="Not set" table=&MEMBERSHIPS value=membership />
            <Show when=move || kind.get() == Some(Kind::EmailList)>
                <fieldset>
                    <legend>"Email list"</legend>
                    {text_field("list-address", "List address", list_address)}
                    {text_field("list-subscribe", "How to subscribe", subscribe)}
                    {text_field("list-leave", "How to leave", leave)}
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || digest.get()
                            on:change=move |ev| digest.set(event_target_checked(&ev)) />
                        "I get it as a digest"
                    </label>
                </fieldset>
            </Show>
            <label for="resource-next-date">"Next date (meeting, webinar, renew by)"</label>
            <input id="resource-next-date" type="date" prop:value=move || next_date.get()
                on:input=move |ev| next_date.set(event_target_value(&ev)) />
            {text_field("resource-next-label", "What's on that date", next_label)}
            <label class="inline">
                <input type="checkbox" prop:checked=move || favourite.get()
                    on:change=move |ev| favourite.set(event_target_checked(&ev)) />
                "Starred"
            </label>
            <div role="alert" class="form-error">
                {move || error.get()}
                {move || duplicate.get().map(|_| view! {
                    " " <button type="button" class="secondary" on:click=open_existing>"Open the existing one"</button>
                })}
            </div>
            <div class="dialog-buttons">
                <button type="submit">"Save resource"</button>
                <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}

/// The built-in starter library, browsable by kind and region.
#[component]
fn StarterLibrary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let kind = RwSignal::new(None::<Kind>);
    let region = RwSignal::new(String::new());
    let mut regions: Vec<&'static str> = STARTER_LIBRARY.iter().map(|e| e.region).collect();
    regions.sort_unstable();
    regions.dedup();
    // Built once per change to the shelf rather than once per starter entry.
    let on_shelf = Memo::new(move |_| ctx.state.with(|s| OnShelf::new(&s.resources)));
    let on_shelf = move |name: &str, url: Option<&str>| on_shelf.with(|o| o.has(name, url));
    let entries = move || {
        STARTER_LIBRARY
            .iter()
            .filter(|e| kind.get().is_none_or(|k| e.kind == k))
            .filter(|e| region.with(|r| r.is_empty() || e.region == r))
            .collect::<Vec<_>>()
    };
    let add_all = move |_| {
        let items = entries()
            .into_iter()
            .map(|e| (platform::new_id(), e.input()))
            .collect::<Vec<_>>();
        let n = items.len();
        let label = kind
            .get_untracked()
            .map_or_else(|| "resources".to_owned(), |k| fmt::kinds(k).to_lowercase());
        ctx.report(ctx.offer_undo(
            Action::Shelf(ShelfAction::AddMany {
                today: platform::today(),
                items,
            }),
            format!("Added the starter {label} not already on your shelf ({n} shown)."),
        ));
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
                                ctx.report(ctx.offer_undo(Action::Shelf(ShelfAction::Add {
                                        id: platform::new_id(),
                                        today: platform::today(),
                                        input: e.input(),
                                    }),
                                    format!("Added “{}” to your shelf.", e.name),
                                ));
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
