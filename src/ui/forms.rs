//! The goal and check-in forms, each in a modal dialog.

use super::ctx::{ActError, Ctx};
use super::lazy::LazyLogForm;
use super::platform;
use super::widgets::Modal;
use crate::model::agenda;
use crate::model::network::{self, PeopleQuery};
use crate::model::search::{search, Query};
use crate::model::words as fmt;
use crate::model::{
    Action, Area, Cadence, CheckInInput, GoalInput, GoalStatus, Id, PeopleAction, PersonInput,
};
use chrono::NaiveDate;
use leptos::prelude::*;

fn parse_area(v: &str) -> Area {
    fmt::AREAS
        .iter()
        .find(|(_, k)| *k == v)
        .map_or(Area::School, |(a, _)| *a)
}

fn parse_cadence(v: &str) -> Cadence {
    fmt::CADENCES
        .iter()
        .find(|(_, k)| *k == v)
        .map_or(Cadence::Weekly, |(c, _)| *c)
}

/// Add or edit a goal. `editing` names the goal to edit; `None` adds a new one.
#[component]
pub fn GoalDialog(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let title = Signal::derive(move || {
        if editing.get().is_some() {
            "Edit goal".to_owned()
        } else {
            "Add a goal".to_owned()
        }
    });
    view! {
        <Modal open=open title=title>
            <GoalForm open=open editing=editing.get_untracked() />
        </Modal>
    }
}

#[component]
fn GoalForm(open: RwSignal<bool>, editing: Option<Id>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let existing = editing
        .as_ref()
        .and_then(|id| ctx.state.with_untracked(|s| s.goal(id).cloned()));
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|g| g.title.clone())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(
        existing
            .as_ref()
            .map(|g| g.notes.clone())
            .unwrap_or_default(),
    );
    let area = RwSignal::new(existing.as_ref().map_or(Area::School, |g| g.area));
    let cadence = RwSignal::new(existing.as_ref().map_or(Cadence::Weekly, |g| g.cadence));
    let target = RwSignal::new(existing.as_ref().map_or(1, |g| g.target).to_string());
    let error = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(target) = target.get_untracked().trim().parse::<u32>() else {
            error.set("The target must be a whole number from 1 to 99.".into());
            return;
        };
        let input = GoalInput {
            title: title.get_untracked(),
            notes: notes.get_untracked(),
            area: area.get_untracked(),
            cadence: cadence.get_untracked(),
            target,
        };
        let action = match &editing {
            Some(id) => Action::EditGoal {
                id: id.clone(),
                input,
            },
            None => Action::AddGoal {
                id: platform::new_id(),
                today: platform::today(),
                input,
            },
        };
        match ctx.dispatch(action) {
            Ok(_) => open.set(false),
            Err(e) => error.set(e.to_string()),
        }
    };
    view! {
        <form on:submit=submit class="dialog-form">
            <label for="goal-title">"Goal"</label>
            <input
                id="goal-title"
                type="text"
                required
                maxlength="300"
                autofocus
                prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev))
            />
            <label for="goal-notes">"Why (optional)"</label>
            <textarea
                id="goal-notes"
                rows="3"
                prop:value=move || notes.get()
                on:input=move |ev| notes.set(event_target_value(&ev))
            ></textarea>
            <label for="goal-area">"Area"</label>
            <select id="goal-area" on:change=move |ev| area.set(parse_area(&event_target_value(&ev)))>
                {fmt::AREAS
                    .iter()
                    .map(|(a, v)| {
                        let a = *a;
                        view! {
                            <option value=*v selected=move || area.get() == a>
                                {fmt::area(a)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="goal-cadence">"How often"</label>
            <select
                id="goal-cadence"
                on:change=move |ev| cadence.set(parse_cadence(&event_target_value(&ev)))
            >
                {fmt::CADENCES
                    .iter()
                    .map(|(c, v)| {
                        let c = *c;
                        view! {
                            <option value=*v selected=move || cadence.get() == c>
                                {fmt::cadence(c)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="goal-target">"Connections each period"</label>
            <input
                id="goal-target"
                type="number"
                min="1"
                max="99"
                required
                prop:value=move || target.get()
                on:input=move |ev| target.set(event_target_value(&ev))
            />
            <p role="alert" class="form-error">{move || error.get()}</p>
            <div class="dialog-buttons">
                <button type="submit">"Save goal"</button>
                <button type="button" class="secondary" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// Log a connection, or edit a logged one.
#[component]
pub fn LogDialog(
    open: RwSignal<bool>,
    /// The check-in to edit; `None` logs a new one.
    editing: RwSignal<Option<Id>>,
    /// The goal preselected for a new check-in.
    goal: RwSignal<Option<Id>>,
    /// The person preselected for a new check-in.
    #[prop(optional)]
    person: Option<RwSignal<Option<Id>>>,
    /// Without a goal given, preselect the goal most in need this period.
    #[prop(optional)]
    suggest: bool,
) -> impl IntoView {
    let title = Signal::derive(move || {
        if editing.get().is_some() {
            "Edit connection".to_owned()
        } else {
            "Log a connection".to_owned()
        }
    });
    view! {
        <Modal open=open title=title>
            <LazyLogForm
                open=open
                editing=editing.get_untracked()
                goal=goal.get_untracked()
                person=person.and_then(|p| p.get_untracked())
                suggest=suggest
            />
        </Modal>
    }
}

/// The form itself, fetched with its chunk when the dialog first opens (see `lazy.rs`).
#[component]
pub fn LogForm(
    open: RwSignal<bool>,
    editing: Option<Id>,
    goal: Option<Id>,
    person: Option<Id>,
    suggest: bool,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let existing = editing.as_ref().and_then(|id| {
        ctx.state
            .with_untracked(|s| s.check_ins.iter().find(|c| &c.id == id).cloned())
    });
    let today = platform::today();
    let date = RwSignal::new(existing.as_ref().map_or(today, |c| c.date).to_string());
    let goal = match (&existing, goal) {
        (None, None) if suggest => ctx.state.with_untracked(|s| agenda::most_in_need(s, today)),
        (_, goal) => goal,
    };
    let goal_choice = RwSignal::new(
        existing
            .as_ref()
            .map_or(goal, |c| c.goal.clone())
            .map(|g| g.to_string())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(
        existing
            .as_ref()
            .map(|c| c.note.clone())
            .unwrap_or_default(),
    );
    let people = RwSignal::new(
        existing
            .as_ref()
            .map(|c| c.people.clone())
            .unwrap_or_default(),
    );
    let linked = RwSignal::new(
        existing
            .as_ref()
            .map(|c| c.resources.clone())
            .unwrap_or_default(),
    );
    let with = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| person.into_iter().collect(), |c| c.with.clone()),
    );
    let find = RwSignal::new(String::new());
    // Built on the first search in this dialog and kept while it stays open (a memo is only
    // computed once read).
    let index = crate::ui::resources::shelf_index(ctx);
    // The linked resources, then up to eight more that match what is typed. Ticking a box
    // does not redraw the list (the box keeps focus and nothing moves); the next search puts
    // what is linked first.
    let resource_choices = move || {
        let text = find.get();
        ctx.state.with(|s| {
            let chosen = linked.get_untracked();
            let mut out: Vec<(Id, String)> = chosen
                .iter()
                .filter_map(|id| s.resource(id).map(|r| (r.id.clone(), r.title.clone())))
                .collect();
            if !text.trim().is_empty() {
                let q = Query {
                    text,
                    ..Default::default()
                };
                let found = index.with(|index| search(&s.resources, index, &q));
                out.extend(
                    found
                        .into_iter()
                        .filter_map(|i| s.resources.get(i))
                        .filter(|r| !chosen.contains(&r.id))
                        .take(8)
                        .map(|r| (r.id.clone(), r.title.clone())),
                );
            }
            out
        })
    };
    let has_resources = move || ctx.state.with(|s| !s.resources.is_empty());
    let find_person = RwSignal::new(String::new());
    let new_person = RwSignal::new(String::new());
    let person_note = RwSignal::new(String::new());
    // The people chosen, then up to eight more who match what is typed, as for resources.
    let person_choices = move || {
        let text = find_person.get();
        ctx.state.with(|s| {
            let chosen = with.get_untracked();
            let mut out: Vec<(Id, String)> = chosen
                .iter()
                .filter_map(|id| s.person(id).map(|p| (p.id.clone(), p.name.clone())))
                .collect();
            if !text.trim().is_empty() {
                let q = PeopleQuery {
                    text,
                    ..PeopleQuery::default()
                };
                out.extend(
                    network::find(&s.people, &q)
                        .into_iter()
                        .filter_map(|i| s.people.get(i))
                        .filter(|p| !chosen.contains(&p.id))
                        .take(8)
                        .map(|p| (p.id.clone(), p.name.clone())),
                );
            }
            out
        })
    };
    // Someone new, added to the network on the spot and chosen.
    let add_person = move || {
        let name = new_person.get_untracked();
        let input = PersonInput {
            name: name.clone(),
            ..PersonInput::default()
        };
        let id = platform::new_id();
        let done = input
            .check(id.clone(), platform::today())
            .map_err(ActError::Refused)
            .and_then(|p| ctx.dispatch(Action::People(PeopleAction::Add(p))));
        match done {
            Ok(_) => {
                with.update(|w| w.push(id));
                new_person.set(String::new());
                person_note.set(format!(
                    "Added {} to your network and chose them.",
                    name.trim()
                ));
            }
            Err(e) => person_note.set(e.to_string()),
        }
    };
    let error = RwSignal::new(String::new());
    // Goals a connection can count towards: active ones, plus the one already chosen.
    let choices = move || {
        ctx.state.with(|s| {
            s.goals
                .iter()
                .filter(|g| {
                    g.status == GoalStatus::Active || g.id.as_str() == goal_choice.get_untracked()
                })
                .map(|g| (g.id.to_string(), g.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = date.get_untracked().parse::<NaiveDate>() else {
            error.set("Enter the date of the connection.".into());
            return;
        };
        let chosen = goal_choice.get_untracked();
        let input = CheckInInput {
            date: day,
            goal: Id::parse(&chosen).ok(),
            note: note.get_untracked(),
            people: people.get_untracked(),
            with: with.get_untracked(),
            resources: linked.get_untracked(),
        };
        let action = match &editing {
            Some(id) => Action::EditCheckIn {
                id: id.clone(),
                input,
            },
            None => Action::LogCheckIn {
                id: platform::new_id(),
                input,
            },
        };
        match ctx.dispatch(action) {
            Ok(_) => open.set(false),
            Err(e) => error.set(e.to_string()),
        }
    };
    view! {
        <form on:submit=submit class="dialog-form">
            <label for="log-date">"Date"</label>
            <input
                id="log-date"
                type="date"
                required
                prop:value=move || date.get()
                on:input=move |ev| date.set(event_target_value(&ev))
            />
            <label for="log-goal">"Counts towards"</label>
            <select id="log-goal" on:change=move |ev| goal_choice.set(event_target_value(&ev))>
                <option value="" selected=move || goal_choice.get().is_empty()>
                    "No particular goal"
                </option>
                {move || {
                    choices()
                        .into_iter()
                        .map(|(id, title)| {
                            let v = id.clone();
                            view! {
                                <option value=id selected=move || goal_choice.get() == v>
                                    {title}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <Show when=move || goal_choice.get().is_empty()>
                <p class="hint">"This connection will count towards no goal."</p>
            </Show>
            <label for="log-note">"What happened (optional)"</label>
            <textarea
                id="log-note"
                rows="3"
                autofocus
                prop:value=move || note.get()
                on:input=move |ev| note.set(event_target_value(&ev))
            ></textarea>
            <fieldset>
                <legend>"People (optional)"</legend>
                <label for="log-find-person">"Find someone in your network"</label>
                <input id="log-find-person" type="search" prop:value=move || find_person.get()
                    on:input=move |ev| find_person.set(event_target_value(&ev)) />
                <ul class="resource-choices" aria-label="People">
                    {move || {
                        person_choices()
                            .into_iter()
                            .map(|(id, name)| {
                                let (a, b) = (id.clone(), id.clone());
                                view! {
                                    <li>
                                        <label class="inline">
                                            <input type="checkbox"
                                                prop:checked=move || with.with(|w| w.contains(&a))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    with.update(|w| {
                                                        w.retain(|x| x != &b);
                                                        if on { w.push(b.clone()); }
                                                    });
                                                } />
                                            {name}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <label for="log-new-person">"Someone new (their name)"</label>
                <input id="log-new-person" type="text" maxlength="300" autocomplete="off"
                    prop:value=move || new_person.get() on:input=move |ev| new_person.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add_person(); } />
                <button type="button" class="secondary" on:click=move |_| add_person()>"Add to your network"</button>
                <p role="status" class="hint">{move || person_note.get()}</p>
            </fieldset>
            <label for="log-people">"Anyone else, by name (optional)"</label>
            <input
                id="log-people"
                type="text"
                maxlength="300"
                prop:value=move || people.get()
                on:input=move |ev| people.set(event_target_value(&ev))
            />
            <Show when=has_resources>
                <fieldset>
                    <legend>"Resources involved (optional)"</legend>
                    <label for="log-find-resource">"Find a resource on your shelf"</label>
                    <input id="log-find-resource" type="search" prop:value=move || find.get()
                        on:input=move |ev| find.set(event_target_value(&ev)) />
                    <ul class="resource-choices">
                        {move || {
                            resource_choices()
                                .into_iter()
                                .map(|(id, title)| {
                                    let (a, b) = (id.clone(), id.clone());
                                    view! {
                                        <li>
                                            <label class="inline">
                                                <input type="checkbox"
                                                    prop:checked=move || linked.with(|l| l.contains(&a))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        linked.update(|l| {
                                                            l.retain(|x| x != &b);
                                                            if on { l.push(b.clone()); }
                                                        });
                                                    } />
                                                {title}
                                            </label>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </fieldset>
            </Show>
            <p role="alert" class="form-error">{move || error.get()}</p>
            <div class="dialog-buttons">
                <button type="submit">"Save connection"</button>
                <button type="button" class="secondary" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
