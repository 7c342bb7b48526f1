//! People: the colleagues behind the plan, with search as you type and filters, the person
//! dialog ([`form`]), and the contacts file.

mod form;
pub mod names;

use crate::exchange::vcard;
use crate::model::link::{SafeEmail, SafeUrl};
use crate::model::network::{connections_of, find_in, history_lines, PeopleQuery, Showing};
use crate::model::person::KeepInTouch;
use crate::model::{words, Action, Area, Id, PeopleAction, Person, Relation};
use crate::ui::ctx::{Ctx, Mode};
use crate::ui::picker::Picker;
use crate::ui::platform;
use crate::ui::widgets::{Heading, ShowMore};
use form::PersonDialog;
use leptos::prelude::*;

/// Every relationship with its form value and name.
pub const RELATIONS: [(Relation, &str, &str); 6] = [
    (Relation::Colleague, "colleague", "Colleague"),
    (Relation::Mentor, "mentor", "Mentor"),
    (Relation::Mentee, "mentee", "Mentee"),
    (
        Relation::LibraryPartner,
        "library-partner",
        "Library partner",
    ),
    (
        Relation::ListContact,
        "list-contact",
        "List or group contact",
    ),
    (Relation::Other, "other", "Other"),
];

/// Every area with its form value and name.
pub const AREA_CHOICES: [(Area, &str, &str); 5] = [
    (Area::School, "school", "Within my school"),
    (Area::District, "district", "Across my district"),
    (Area::StateRegional, "state-regional", "State & regional"),
    (Area::Online, "online", "Online communities"),
    (
        Area::Partnerships,
        "partnerships",
        "Public & school library partnerships",
    ),
];

/// Every keep-in-touch choice with its form value and name.
pub const KEEP_CHOICES: [(KeepInTouch, &str, &str); 5] = [
    (KeepInTouch::Never, "never", "No reminder"),
    (KeepInTouch::TwoWeeks, "two-weeks", "Every 2 weeks"),
    (KeepInTouch::Month, "month", "Every month"),
    (KeepInTouch::Term, "term", "Every term"),
    (KeepInTouch::Quarter, "quarter", "Every quarter"),
];

const SHOWING: [(Showing, &str, &str); 4] = [
    (Showing::Current, "current", "Everyone current"),
    (Showing::Due, "due", "Due to reconnect"),
    (Showing::Starred, "starred", "Starred"),
    (Showing::Archived, "archived", "Archived"),
];

/// How many people are drawn at once; more come with "Show more".
const PAGE: usize = 25;

/// The network.
#[component]
pub fn PeopleView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let text = RwSignal::new(String::new());
    let relation = RwSignal::new(None::<Relation>);
    let area = RwSignal::new(None::<Area>);
    let showing = RwSignal::new(Some(Showing::Current));
    let shown = RwSignal::new(PAGE);
    let dialog_open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Id>);
    let message = RwSignal::new(String::new());

    let hits = Memo::new(move |_| {
        let q = PeopleQuery {
            text: text.get(),
            relation: relation.get(),
            area: area.get(),
            showing: showing.get().unwrap_or_default(),
        };
        ctx.state.with(|s| find_in(s, &q, platform::today()))
    });
    let page = Memo::new(move |_| {
        ctx.state.with(|s| {
            hits.with(|h| {
                h.iter()
                    .take(shown.get())
                    .filter_map(|i| s.people.get(*i).cloned())
                    .collect::<Vec<Person>>()
            })
        })
    });
    // How many connections each person on the page has: found for the whole page in one pass
    // over the log (not one pass per person), and only once per change. Their lines are
    // written when a person's list is first opened.
    let counts = Memo::new(move |_| {
        ctx.state.with(|s| {
            page.with(|page| {
                connections_of(s, &page.iter().map(|p| &p.id).collect::<Vec<_>>())
                    .iter()
                    .map(Vec::len)
                    .collect::<Vec<usize>>()
            })
        })
    });
    let total = move || ctx.state.with(|s| s.people.len());
    let summary = move || {
        let (n, all) = (hits.with(Vec::len), total());
        match (all, n) {
            (0, _) => String::new(),
            (_, 0) => "Nobody matches.".to_owned(),
            _ => format!("Showing {} of {all}.", words::plural(n, "person", "people")),
        }
    };
    let edit = Callback::new(move |id: Id| {
        editing.set(Some(id));
        dialog_open.set(true);
    });
    let download = move |_| {
        let text = ctx.state.with_untracked(|s| {
            let current: Vec<Person> = s.people.iter().filter(|p| !p.archived).cloned().collect();
            vcard::write(&current)
        });
        message.set(
            match platform::download(vcard::FILE_NAME, "text/vcard", &text) {
                Ok(()) => format!(
                    "Downloaded {}: open it in Google Contacts (Import) or any address book.",
                    vcard::FILE_NAME
                ),
                Err(e) => e,
            },
        );
    };
    let restart = move || {
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    };

    view! {
        <Heading>"People"</Heading>
        <p>
            "The colleagues behind your plan: mentors, partners at the public or school library, "
            "and the people you meet on lists and at events. They stay on this device."
        </p>
        <div class="section-head">
            <h2>"Your network"</h2>
            <button
                type="button"
                disabled=read_only
                on:click=move |_| {
                    editing.set(None);
                    dialog_open.set(true);
                }
            >
                "Add person"
            </button>
        </div>
        <search class="shelf-search">
            <label for="people-search">"Search people"</label>
            <input
                id="people-search"
                type="search"
                placeholder="Name, where, role, tag or note"
                prop:value=move || text.get()
                on:input=move |ev| {
                    restart();
                    text.set(event_target_value(&ev));
                }
            />
            <div class="filters">
                <Picker id="people-relation" label="Relationship" any="Any relationship" table=&RELATIONS value=relation />
                <Picker id="people-area" label="Area" any="Any area" table=&AREA_CHOICES value=area />
                <div class="picker">
                    <label for="people-showing">"Show"</label>
                    <select id="people-showing" on:change=move |ev| {
                        restart();
                        showing.set(words::from_value(&SHOWING, &event_target_value(&ev)));
                    }>
                        {SHOWING
                            .iter()
                            .map(|(s, v, name)| {
                                let s = *s;
                                view! { <option value=*v selected=move || showing.get() == Some(s)>{*name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        </search>
        <p role="status" class="result-count">{summary}</p>
        <Show
            when=move || total() != 0
            fallback=|| view! { <p>"Nobody here yet. Add the colleagues you want to keep in touch with."</p> }
        >
            <ul class="shelf people" aria-label="People">
                <For each=move || 0..page.with(Vec::len) key=|place| *place let:place>
                    <PersonRow page=page counts=counts place=place on_edit=edit />
                </For>
            </ul>
            <ShowMore total=Signal::derive(move || hits.with(Vec::len)) shown=shown page=PAGE id="people-more" list="people" />
        </Show>
        <h2>"Contacts file"</h2>
        <p>
            "Everyone current as a contacts file (vCard), for Google Contacts, your Chromebook's "
            "contacts or another address book. To hand your network to a colleague as a Branch Out "
            "file instead, use Share and tick People."
        </p>
        <button type="button" class="secondary" disabled=move || total() == 0 on:click=download>
            "Download contacts (.vcf)"
        </button>
        <p role="status" class="message">{move || message.get()}</p>
        <PersonDialog open=dialog_open editing=editing />
    }
}

/// One place in the list, showing the person at that place.
#[component]
fn PersonRow(
    page: Memo<Vec<Person>>,
    counts: Memo<Vec<usize>>,
    place: usize,
    on_edit: Callback<Id>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let p = Memo::new(move |_| page.with(|p| p.get(place).cloned()));
    let field = move |f: fn(&Person) -> String| p.with(|p| p.as_ref().map(f).unwrap_or_default());
    let name = move || field(|p| p.name.clone());
    let id = move || p.with(|p| p.as_ref().map(|p| p.id.clone()));
    let favourite = move || p.with(|p| p.as_ref().is_some_and(|p| p.favourite));
    let archived = move || p.with(|p| p.as_ref().is_some_and(|p| p.archived));
    let meta = move || {
        field(|p| {
            let mut meta: Vec<&str> = Vec::new();
            if !p.role.is_empty() {
                meta.push(&p.role);
            }
            if !p.place.is_empty() {
                meta.push(&p.place);
            }
            meta.push(p.relation.name());
            if let Some(a) = p.area {
                meta.push(words::area(a));
            }
            meta.join(" · ")
        })
    };
    // The only places a person becomes a link: an email through SafeEmail (mailto:), a web
    // page through SafeUrl (http and https only). A phone number stays text.
    let email = move || {
        p.with(|p| p.as_ref().and_then(|p| SafeEmail::parse(&p.email).ok()))
            .map(|e| view! { <li><a href=e.mailto()>{e.as_str().to_owned()}</a></li> })
    };
    let web = move || {
        p.with(|p| {
            p.as_ref()
                .and_then(|p| p.url.as_deref())
                .and_then(|u| SafeUrl::parse(u).ok())
        })
        .map(|u| {
            view! {
                <li>
                    <a href=u.as_str().to_owned() target="_blank" rel="noopener noreferrer">"Web page"</a>
                    " " <span class="host">{format!("({})", u.host())}</span>
                </li>
            }
        })
    };
    let phone = move || {
        Some(field(|p| p.phone.clone()))
            .filter(|t| !t.is_empty())
            .map(|t| view! { <li>{format!("Phone: {t}")}</li> })
    };
    let keep = move || {
        p.with(|p| {
            p.as_ref()
                .filter(|p| p.keep_in_touch != KeepInTouch::Never)
                .map(|p| format!("Keep in touch: {}", p.keep_in_touch.name().to_lowercase()))
        })
    };
    let tags = move || p.with(|p| p.as_ref().map(|p| p.tags.clone()).unwrap_or_default());
    let notes = move || field(|p| p.notes.clone());
    // Every connection with them, newest first, with its goal and the resources it linked:
    // the list is drawn once it is opened (a page of 25 people holds hundreds of lines).
    let count = move || counts.with(|c| c.get(place).copied().unwrap_or_default());
    let history = move || {
        id().map(|id| {
            ctx.state
                .with(|s| history_lines(s, &[&id]).pop())
                .unwrap_or_default()
        })
    };
    let star_id = move || id().map(|id| format!("star-{id}")).unwrap_or_default();
    let star = move |_| {
        if let Some(id) = id() {
            let focus = star_id();
            let favourite = !favourite();
            ctx.report(ctx.dispatch(Action::People(PeopleAction::Favourite { id, favourite })));
            platform::refocus_or(focus, "#people-search".into());
        }
    };
    let archive = move |_| {
        if let Some(id) = id() {
            let archived = !archived();
            let message = if archived {
                format!("Archived {}.", name())
            } else {
                format!("{} is back in your network.", name())
            };
            ctx.report(ctx.offer_undo(
                Action::People(PeopleAction::Archive { id, archived }),
                message,
            ));
            platform::refocus(String::new());
        }
    };
    let delete = move |_| {
        if let Some(id) = id() {
            let message = format!("Removed {} from your network.", name());
            ctx.report(ctx.offer_undo(Action::People(PeopleAction::Delete { id }), message));
            platform::refocus(String::new());
        }
    };
    let edit = move |_| {
        if let Some(id) = id() {
            on_edit.run(id);
        }
    };
    view! {
        <li class="resource person">
            <h3>{name}</h3>
            <p class="meta">{meta}</p>
            <ul class="contact" aria-label=move || format!("How to reach {}", name())>
                {email}
                {phone}
                {web}
            </ul>
            {move || keep().map(|t| view! { <p class="next-date">{t}</p> })}
            {move || {
                let tags = tags();
                (!tags.is_empty()).then(|| view! {
                    <ul class="tags" aria-label="Tags">
                        {tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || Some(notes()).filter(|n| !n.is_empty()).map(|t| view! { <p class="notes">{t}</p> })}
            {move || {
                // Drawn again, closed, for another person or another count.
                let (n, _) = (count(), id());
                let opened = RwSignal::new(false);
                (n > 0).then(|| view! {
                    // The first toggle is the one that opens it.
                    <details class="connections" on:toggle=move |_| opened.set(true)>
                        <summary>{format!("Connections with {} ({n})", name())}</summary>
                        <ol>
                            {move || opened.get().then(|| {
                                history().unwrap_or_default().into_iter()
                                    .map(|l| view! { <li>{l}</li> }).collect_view()
                            })}
                        </ol>
                    </details>
                })
            }}
            <div class="goal-actions">
                <button type="button" class="secondary" id=star_id
                    aria-pressed=move || if favourite() { "true" } else { "false" }
                    aria-label=move || format!("Star {}", name()) disabled=read_only on:click=star>
                    {move || if favourite() { "★ Star" } else { "☆ Star" }}
                </button>
                <button type="button" class="secondary" aria-label=move || format!("Edit {}", name())
                    disabled=read_only on:click=edit>
                    "Edit"
                </button>
                <button type="button" class="secondary"
                    aria-label=move || format!("{} {}", if archived() { "Bring back" } else { "Archive" }, name())
                    disabled=read_only on:click=archive>
                    {move || if archived() { "Bring back" } else { "Archive" }}
                </button>
                <button type="button" class="danger" aria-label=move || format!("Remove {}", name())
                    disabled=read_only on:click=delete>
                    "Remove"
                </button>
            </div>
        </li>
    }
}
