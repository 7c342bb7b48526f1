//! Plan: the goals with their history, and the log of connections.

use super::ctx::{Ctx, Mode};
use super::forms::{GoalDialog, LogDialog};
use super::history::History;
use super::platform;
use super::widgets::Heading;
use crate::model::period::Calendar;
use crate::model::progress::{report, Report, SkipReason, Status};
use crate::model::words as fmt;
use crate::model::{Action, CheckIn, Goal, GoalStatus, Id};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// Goals and the check-in log.
#[component]
pub fn PlanView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let today = platform::today();
    let goal_open = RwSignal::new(false);
    let goal_editing = RwSignal::new(None::<Id>);
    let log_open = RwSignal::new(false);
    let log_editing = RwSignal::new(None::<Id>);
    let log_goal = RwSignal::new(None::<Id>);
    let read_only = move || ctx.mode.with(Mode::read_only);

    let goals = Memo::new(move |_| {
        ctx.state.with(|s| {
            let cal = Calendar::of(&s.settings);
            let n = s.goals.len();
            s.goals
                .iter()
                .enumerate()
                .map(|(i, g)| (g.clone(), report(g, &s.check_ins, &cal, today), i, n))
                .collect::<Vec<_>>()
        })
    });
    let edit_goal = Callback::new(move |id: Id| {
        goal_editing.set(Some(id));
        goal_open.set(true);
    });
    let edit_check_in = Callback::new(move |id: Id| {
        log_editing.set(Some(id));
        log_goal.set(None);
        log_open.set(true);
    });

    view! {
        <Heading>"Plan"</Heading>
        <section aria-labelledby="goals-heading">
            <div class="section-head">
                <h2 id="goals-heading">"Goals"</h2>
                <button
                    type="button"
                    disabled=read_only
                    on:click=move |_| {
                        goal_editing.set(None);
                        goal_open.set(true);
                    }
                >
                    "Add goal"
                </button>
            </div>
            // Keyed by goal: a goal's row stays while it is listed and follows its goal, so a
            // change redraws only what it changed (see GoalItem), and the list itself only
            // when it empties or fills.
            <Show
                when=move || goals.with(|g| !g.is_empty())
                fallback=|| view! { <p>"No goals yet. Add one to start your plan."</p> }
            >
                <ol class="goal-list">
                    <For
                        each=move || goals.with(|g| g.iter().map(|r| r.0.id.clone()).collect::<Vec<_>>())
                        key=|id| id.clone()
                        let:id
                    >
                        <GoalItem id=id goals=goals on_edit=edit_goal />
                    </For>
                </ol>
            </Show>
        </section>
        <CheckInLog
            on_edit=edit_check_in
            on_log=Callback::new(move |()| {
                log_editing.set(None);
                log_goal.set(None);
                log_open.set(true);
            })
        />
        <GoalDialog open=goal_open editing=goal_editing />
        <LogDialog open=log_open editing=log_editing goal=log_goal />
    }
}

/// What one goal's row shows: the goal, its report, its place and how many goals there are.
type GoalRow = (Goal, Report, usize, usize);

/// One goal: what it is, how it is going, and what can be done with it. The row stays while
/// its goal is listed: a change to the goal or its progress draws its words and its other
/// buttons again, but the Edit button stays, so the one that opened the dialog still has focus
/// when the dialog closes (and the browser has no focused button taken away to deal with).
#[component]
fn GoalItem(id: Id, goals: Memo<Vec<GoalRow>>, on_edit: Callback<Id>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let locale = ctx.state.with_untracked(|s| s.settings.locale);
    let read_only = move || ctx.mode.with(Mode::read_only);
    let heading_id = format!("goal-{id}");
    let row = {
        let id = id.clone();
        Memo::new(move |_| goals.with(|g| g.iter().find(|r| r.0.id == id).cloned()))
    };
    let title = move || row.with(|r| r.as_ref().map(|r| r.0.title.clone()).unwrap_or_default());
    let edit = {
        let id = id.clone();
        view! {
            <button type="button" class="secondary" id=format!("edit-{id}")
                aria-label=move || format!("Edit “{}”", title()) disabled=read_only
                on:click=move |_| on_edit.run(id.clone())>
                "Edit"
            </button>
        }
    };

    view! {
        <li class="goal">
            {move || {
                row.get().map(|(goal, report, ..)| {
                    view! {
                        <h3 id=heading_id.clone()>{goal.title.clone()}</h3>
                        <p class="meta">{meta(&goal)}</p>
                        {(!goal.notes.is_empty()).then(|| view! { <p class="notes">{goal.notes.clone()}</p> })}
                        <p class="streak">{streak(&goal, &report)}</p>
                        <History report=report cadence=goal.cadence target=goal.target locale=locale />
                    }
                })
            }}
            <div class="goal-actions">
                {edit}
                {move || row.get().map(|(goal, report, index, count)| goal_actions(goal, report, index, count))}
            </div>
        </li>
    }
}

/// A goal's cadence, target, area and status, in a line.
fn meta(goal: &Goal) -> String {
    format!(
        "{} · {} each {} · {} · {}",
        fmt::cadence(goal.cadence),
        goal.target,
        fmt::unit(goal.cadence),
        fmt::area(goal.area),
        fmt::goal_status(goal.status)
    )
}

/// A goal's streak and best streak, in a line.
fn streak(goal: &Goal, report: &Report) -> String {
    if report.best == 0 {
        "No streak yet.".to_owned()
    } else {
        format!(
            "Streak: {} · Best: {}",
            fmt::count_of(report.streak, goal.cadence),
            fmt::count_of(report.best, goal.cadence)
        )
    }
}

/// A goal's buttons but Edit: pause or resume, archive, skip, move and delete. Each puts
/// focus back on the button drawn in its place (by its id) once the change is drawn.
fn goal_actions(goal: Goal, report: Report, index: usize, count: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let today = platform::today();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let id = goal.id.clone();
    let title = goal.title.clone();
    let unit = fmt::unit(goal.cadence);

    // Runs an action, then puts focus back on the control with `focus` as its id prefix.
    let run = {
        let id = id.clone();
        move |action: Action, message: Option<String>, focus: &str| {
            let result = match message {
                Some(m) => ctx.offer_undo(action, m),
                None => ctx.dispatch(action).map(|_| ()),
            };
            if ctx.report(result).is_none() {
                ctx.undo.set(None);
            }
            platform::refocus(format!("{focus}-{id}"));
        }
    };

    let status_button = {
        let (run, id) = (run.clone(), id.clone());
        let (label, next) = match goal.status {
            GoalStatus::Active => ("Pause", GoalStatus::Paused),
            GoalStatus::Paused | GoalStatus::Archived => ("Resume", GoalStatus::Active),
        };
        let aria = format!("{label} “{title}”");
        let action = Action::SetGoalStatus {
            id: id.clone(),
            status: next,
            today,
        };
        view! {
            <button type="button" class="secondary" id=format!("status-{id}") aria-label=aria
                disabled=read_only on:click=move |_| run(action.clone(), None, "status")>
                {label}
            </button>
        }
    };
    let archive_button = (goal.status != GoalStatus::Archived).then(|| {
        let (run, id) = (run.clone(), id.clone());
        let action = Action::SetGoalStatus {
            id: id.clone(),
            status: GoalStatus::Archived,
            today,
        };
        view! {
            <button type="button" class="secondary" id=format!("archive-{id}")
                aria-label=format!("Archive “{title}”") disabled=read_only
                on:click=move |_| run(action.clone(), None, "status")>
                "Archive"
            </button>
        }
    });
    let skip_button = report.current.and_then(|cur| {
        let (run, id) = (run.clone(), id.clone());
        let (label, action) = match cur.status {
            Status::Skipped(SkipReason::Marked) => (
                format!("Unskip this {unit}"),
                Action::UnskipPeriod {
                    id: id.clone(),
                    start: cur.period.start,
                },
            ),
            Status::InProgress => (
                format!("Skip this {unit}"),
                Action::SkipPeriod {
                    id: id.clone(),
                    start: cur.period.start,
                },
            ),
            _ => return None,
        };
        Some(view! {
            <button type="button" class="secondary" id=format!("skip-{id}")
                aria-label=format!("{label}: “{title}”") disabled=read_only
                on:click=move |_| run(action.clone(), None, "skip")>
                {label.clone()}
            </button>
        })
    });
    let previous_skip = report.previous.and_then(|prev| {
        let (run, id) = (run.clone(), id.clone());
        let (label, action) = match prev.status {
            Status::Missed | Status::Partly => (
                format!("Skip last {unit}"),
                Action::SkipPeriod {
                    id: id.clone(),
                    start: prev.period.start,
                },
            ),
            Status::Skipped(SkipReason::Marked) => (
                format!("Unskip last {unit}"),
                Action::UnskipPeriod {
                    id: id.clone(),
                    start: prev.period.start,
                },
            ),
            _ => return None,
        };
        Some(view! {
            <button type="button" class="secondary" id=format!("skip-last-{id}")
                aria-label=format!("{label}: “{title}”") disabled=read_only
                on:click=move |_| run(action.clone(), None, "skip-last")>
                {label.clone()}
            </button>
        })
    });
    let move_button = |label: &'static str, to: Option<usize>, focus: &'static str| {
        let (run, id) = (run.clone(), id.clone());
        to.map(|to| {
            let action = Action::MoveGoal { id: id.clone(), to };
            view! {
                <button type="button" class="secondary" id=format!("{focus}-{id}")
                    aria-label=format!("{label}: “{title}”") disabled=read_only
                    on:click=move |_| run(action.clone(), None, focus)>
                    {label}
                </button>
            }
        })
    };
    let up = move_button("Move up", index.checked_sub(1), "up");
    let down = move_button(
        "Move down",
        (index + 1 < count).then_some(index + 1),
        "down",
    );
    let delete = {
        let (run, id) = (run.clone(), id.clone());
        let message = format!("Deleted goal “{title}”.");
        view! {
            <button type="button" class="danger" id=format!("delete-{id}")
                aria-label=format!("Delete “{title}”") disabled=read_only
                on:click=move |_| run(Action::DeleteGoal { id: id.clone() }, Some(message.clone()), "delete")>
                "Delete"
            </button>
        }
    };
    view! { {status_button} {archive_button} {skip_button} {previous_skip} {up} {down} {delete} }
}

/// How many logged connections are drawn at first, and how many more each time.
const LOG_PAGE: usize = 25;

/// The log of connections, newest first, for every goal or one.
#[component]
fn CheckInLog(on_edit: Callback<Id>, on_log: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filter = RwSignal::new(String::new());
    let read_only = move || ctx.mode.with(Mode::read_only);
    let shown = RwSignal::new(LOG_PAGE);
    // The newest first, and only as many as asked for: years of check-ins stay quick to draw.
    // Kept as a memo of what each row shows, so a change that leaves the rows alone (a star,
    // a person edited) redraws nothing, and a logged connection draws only its own row.
    let rows = Memo::new(move |_| {
        let wanted = filter.get();
        let limit = shown.get();
        ctx.state.with(|s| {
            let mut order: Vec<(usize, &CheckIn)> = s
                .check_ins
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    wanted.is_empty() || c.goal.as_ref().is_some_and(|g| g.as_str() == wanted)
                })
                .collect();
            order.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
            let total = order.len();
            order.truncate(limit);
            // The titles of the resources these rows link, found in one pass over the shelf.
            let linked: HashSet<&Id> = order.iter().flat_map(|(_, c)| &c.resources).collect();
            let mut titles: HashMap<&Id, &str> = HashMap::new();
            for r in s.resources.iter().filter(|r| linked.contains(&r.id)) {
                titles.entry(&r.id).or_insert(r.title.as_str());
            }
            let list: Vec<LogRow> = order
                .into_iter()
                .map(|(at, c)| {
                    let goal = c
                        .goal
                        .as_ref()
                        .and_then(|g| s.goal(g))
                        .map_or_else(|| "No particular goal".to_owned(), |g| g.title.clone());
                    let resources = c
                        .resources
                        .iter()
                        .filter_map(|r| titles.get(r).copied())
                        .collect::<Vec<_>>()
                        .join(", ");
                    // The people from the network by name, then anyone named in words.
                    let mut who: Vec<String> = c
                        .with
                        .iter()
                        .filter_map(|p| s.person(p).map(|p| p.name.clone()))
                        .collect();
                    if !c.people.is_empty() {
                        who.push(c.people.clone());
                    }
                    LogRow {
                        at,
                        id: c.id.clone(),
                        when: fmt::date(c.date, s.settings.locale),
                        goal,
                        note: c.note.clone(),
                        who: who.join(", "),
                        resources,
                    }
                })
                .collect();
            (list, total)
        })
    });
    let goal_options = move || {
        ctx.state.with(|s| {
            s.goals
                .iter()
                .map(|g| (g.id.to_string(), g.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section aria-labelledby="log-heading">
            <div class="section-head">
                <h2 id="log-heading">"Connections logged"</h2>
                <button type="button" disabled=read_only on:click=move |_| on_log.run(())>
                    "Log a connection"
                </button>
            </div>
            <label for="log-filter">"Show connections for"</label>
            <select id="log-filter" on:change=move |ev| {
                shown.set(LOG_PAGE);
                filter.set(event_target_value(&ev));
            }>
                <option value="">"All goals"</option>
                {move || {
                    goal_options()
                        .into_iter()
                        .map(|(id, title)| {
                            let v = id.clone();
                            view! { <option value=id selected=move || filter.get() == v>{title}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <Show
                when=move || rows.with(|(list, _)| !list.is_empty())
                fallback=|| view! { <p>"No connections logged yet."</p> }
            >
                <ol class="log-list" aria-labelledby="log-heading">
                    // Keyed by everything a row shows: a row whose connection is unchanged stays
                    // as it is.
                    <For each=move || rows.with(|(list, _)| list.clone()) key=|row| row.clone() let:row>
                        <LogEntry row=row on_edit=on_edit />
                    </For>
                </ol>
                {move || {
                    let (drawn, total) = rows.with(|(list, total)| (list.len(), *total));
                    let more = total.saturating_sub(drawn);
                    (more > 0).then(|| view! {
                        <p class="result-count">{format!("Showing the newest {drawn} of {total}.")}</p>
                        <button type="button" class="secondary" id="log-more" on:click=move |_| {
                            let first_new = shown.get_untracked() + 1;
                            shown.update(|n| *n += LOG_PAGE);
                            platform::refocus_or("log-more".into(), format!(".log-list > li:nth-child({first_new}) button"));
                        }>
                            {format!("Show {} older", more.min(LOG_PAGE))}
                        </button>
                    })
                }}
            </Show>
        </section>
    }
}

/// What one row of the log shows, and where its connection is in the log (so two identical
/// connections, which only damaged or hand-made data can hold, are still two rows).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct LogRow {
    at: usize,
    id: Id,
    when: String,
    goal: String,
    note: String,
    who: String,
    resources: String,
}

/// One logged connection, with Edit and Delete.
#[component]
fn LogEntry(row: LogRow, on_edit: Callback<Id>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let read_only = move || ctx.mode.with(Mode::read_only);
    let LogRow {
        at: _,
        id,
        when,
        goal,
        note,
        who,
        resources,
    } = row;
    let label = format!("{when}, {goal}");
    let message = format!("Deleted the connection of {when}.");
    let edit_id = id.clone();
    view! {
        <li class="log-entry">
            <p class="log-when">
                <strong>{when}</strong> " · " {goal}
            </p>
            {(!note.is_empty()).then(|| view! { <p class="notes">{note}</p> })}
            {(!who.is_empty()).then(|| view! { <p class="people">"With: " {who}</p> })}
            {(!resources.is_empty()).then(|| view! { <p class="people">"Resources: " {resources}</p> })}
            <div class="goal-actions">
                <button type="button" class="secondary" id=format!("edit-connection-{edit_id}") disabled=read_only
                    aria-label=format!("Edit connection: {label}")
                    on:click=move |_| on_edit.run(edit_id.clone())>
                    "Edit"
                </button>
                <button type="button" class="danger" disabled=read_only
                    aria-label=format!("Delete connection: {label}")
                    on:click=move |_| {
                        ctx.report(ctx.offer_undo(Action::DeleteCheckIn { id: id.clone() }, message.clone()));
                    }>
                    "Delete"
                </button>
            </div>
        </li>
    }
}
