//! The dialog that adds or edits a resource; a duplicate address offers the resource already there.

use crate::model::shelf::ResourceInput;
use crate::model::words::{KINDS, MEMBERSHIPS, SCOPES};
use crate::model::{Action, ActionError, EmailList, Id, Kind, ShelfAction};
use crate::ui::ctx::{ActError, Ctx};
use crate::ui::picker::Picker;
use crate::ui::platform;
use crate::ui::widgets::{add_or_edit, Modal};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A web page shared to Branch Out ([title, text, address]), which fills the first Add
/// resource after it arrived.
#[derive(Clone, Copy)]
pub struct SharedPage(pub StoredValue<Option<[String; 3]>>);

/// Add or edit a resource.
#[component]
pub fn ResourceDialog(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let title = add_or_edit(editing, "Add a resource", "Edit resource");
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
        .or_else(|| {
            // A page shared to Branch Out fills the first Add resource after it arrived.
            let shared = use_context::<SharedPage>()?
                .0
                .try_update_value(Option::take)??;
            let [title, text, url] = &shared;
            Some(ResourceInput::shared(title, text, url))
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
        let checked = match &id {
            Some(id) => input
                .check(id.clone(), platform::today())
                .map(ShelfAction::Edit),
            None => input
                .check(platform::new_id(), platform::today())
                .map(ShelfAction::Add),
        };
        let done = checked
            .map_err(ActError::Refused)
            .and_then(|action| ctx.dispatch(Action::Shelf(action)));
        match done {
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
