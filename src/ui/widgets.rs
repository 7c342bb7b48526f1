//! Shared pieces: a screen's heading, the modal dialog and the undo bar.

use super::ctx::Ctx;
use leptos::html;
use leptos::prelude::*;

thread_local! {
    /// Set when the librarian moved to another screen and its heading has not had focus yet.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Moves focus to the screen's heading after navigation, now if it is drawn, or when it is:
/// a screen from a chunk fetched for the first time draws its heading a moment later.
pub fn focus_heading_after_navigation() {
    FOCUS_PENDING.with(|p| p.set(true));
    request_animation_frame(focus_pending_heading);
}

fn focus_pending_heading() {
    let drawn = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .is_some();
    if drawn && FOCUS_PENDING.with(|p| p.replace(false)) {
        super::platform::focus("main h1");
    }
}

/// A screen's heading; it takes focus when the librarian navigates to the screen.
#[component]
pub fn Heading(children: Children) -> impl IntoView {
    Effect::new(|_| request_animation_frame(focus_pending_heading));
    view! { <h1 tabindex="-1">{children()}</h1> }
}

/// A modal dialog on the native `<dialog>` element, which traps focus and closes on Escape;
/// focus returns to whatever opened it (or, when that was drawn again, to what has its id).
/// The content is built fresh each time it opens.
#[component]
pub fn Modal(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// The dialog's heading (its accessible name).
    title: Signal<String>,
    /// The content, usually a form.
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    // The id of what opened the dialog, if it has one.
    let opener = StoredValue::new(String::new());
    let heading_id = format!("dialog-{}", super::platform::new_id());
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if open.get() {
            if !dialog.open() {
                opener.set_value(
                    document()
                        .active_element()
                        .map(|e| e.id())
                        .unwrap_or_default(),
                );
                let _ = dialog.show_modal();
            }
            return;
        }
        if dialog.open() {
            dialog.close();
        }
        // Closing, the browser gives focus back to what opened the dialog. A change made in
        // it may have drawn that row again, button and all (an edited goal or connection),
        // dropping focus: it then goes to the button drawn in its place, by its id.
        let id = opener.try_update_value(std::mem::take).unwrap_or_default();
        if !id.is_empty() {
            super::platform::refocus_if_dropped(id);
        }
    });
    // The dialog closes before its content is taken away: removing the focused form from a
    // dialog still open, then closing it, costs the browser about twice as much (10–20 ms at
    // 4x CPU). The content goes as soon as this says false, so it closes here.
    let when = move || {
        let open = open.get();
        // (The dialog may be gone with its screen, as when an import leaves recovery.)
        let dialog = node.try_get_untracked().flatten();
        if let Some(dialog) = dialog.filter(|d| !open && d.open()) {
            dialog.close();
        }
        open
    };
    let labelled = heading_id.clone();
    view! {
        <dialog node_ref=node aria-labelledby=labelled on:close=move |_| open.set(false)>
            <h2 id=heading_id>{move || title.get()}</h2>
            <Show when=when>{children()}</Show>
        </dialog>
    }
}

/// The undo notice, announced politely.
#[component]
pub fn UndoBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div role="status" class="undo-region">
            {move || {
                ctx.undo
                    .get()
                    .map(|n| {
                        let undo = n.undo.clone();
                        view! {
                            <div class="undo-bar">
                                <span>{n.message.clone()}</span>
                                <button
                                    type="button"
                                    id="undo-button"
                                    on:click=move |_| {
                                        if ctx.report(ctx.dispatch(undo.clone())).is_some() {
                                            ctx.undo.set(None);
                                        }
                                    }
                                >
                                    "Undo"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// "Show N more" under a list drawn `page` items at a time: shows the next page, and puts
/// focus on the first new row's first button (or keeps it here while more remain), so the
/// librarian carries on down the list. `list` is the list's CSS class.
#[component]
pub fn ShowMore(
    /// How many items match in all.
    total: Signal<usize>,
    /// How many are drawn.
    shown: RwSignal<usize>,
    /// How many more each press draws.
    page: usize,
    /// The button's id.
    id: &'static str,
    /// The list's class, to find the first new row.
    list: &'static str,
) -> impl IntoView {
    move || {
        let more = total.get().saturating_sub(shown.get());
        (more > 0).then(|| {
            view! {
                <button type="button" class="secondary" id=id on:click=move |_| {
                    let first_new = shown.get_untracked() + 1;
                    shown.update(|n| *n += page);
                    super::platform::refocus_or(id.into(), format!(".{list} > li:nth-child({first_new}) button"));
                }>
                    {format!("Show {} more", more.min(page))}
                </button>
            }
        })
    }
}

/// A dialog's title: `add` for a new item, `edit` while one is being edited.
pub fn add_or_edit(
    editing: RwSignal<Option<crate::model::Id>>,
    add: &'static str,
    edit: &'static str,
) -> Signal<String> {
    Signal::derive(move || if editing.get().is_some() { edit } else { add }.to_owned())
}
