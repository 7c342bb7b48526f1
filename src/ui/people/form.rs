//! The dialog that adds or edits a person.

use super::{AREA_CHOICES, KEEP_CHOICES, RELATIONS};
use crate::model::{Action, Id, PeopleAction, PersonInput};
use crate::ui::ctx::{ActError, Ctx};
use crate::ui::picker::Picker;
use crate::ui::platform;
use crate::ui::widgets::{add_or_edit, Modal};
use leptos::prelude::*;

/// Add or edit a person.
#[component]
pub fn PersonDialog(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let title = add_or_edit(editing, "Add a person", "Edit person");
    view! {
        <Modal open=open title=title>
            <PersonForm open=open editing=editing />
        </Modal>
    }
}

#[component]
fn PersonForm(open: RwSignal<bool>, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = editing.get_untracked();
    let start = id
        .as_ref()
        .and_then(|id| {
            ctx.state
                .with_untracked(|s| s.person(id).cloned().map(PersonInput::from))
        })
        .unwrap_or_default();
    let name = RwSignal::new(start.name.clone());
    let role = RwSignal::new(start.role.clone());
    let place = RwSignal::new(start.place.clone());
    let email = RwSignal::new(start.email.clone());
    let phone = RwSignal::new(start.phone.clone());
    let url = RwSignal::new(start.url.clone());
    let relation = RwSignal::new(Some(start.relation));
    let area = RwSignal::new(start.area);
    let tags = RwSignal::new(start.tags.join(", "));
    let notes = RwSignal::new(start.notes.clone());
    let keep = RwSignal::new(Some(start.keep_in_touch));
    let favourite = RwSignal::new(start.favourite);
    let error = RwSignal::new(String::new());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = PersonInput {
            name: name.get_untracked(),
            role: role.get_untracked(),
            place: place.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            url: url.get_untracked(),
            relation: relation.get_untracked().unwrap_or_default(),
            area: area.get_untracked(),
            tags: tags.get_untracked().split(',').map(str::to_owned).collect(),
            notes: notes.get_untracked(),
            keep_in_touch: keep.get_untracked().unwrap_or_default(),
            favourite: favourite.get_untracked(),
        };
        let checked = match &id {
            Some(id) => input
                .check(id.clone(), platform::today())
                .map(PeopleAction::Edit),
            None => input
                .check(platform::new_id(), platform::today())
                .map(PeopleAction::Add),
        };
        let done = checked
            .map_err(ActError::Refused)
            .and_then(|action| ctx.dispatch(Action::People(action)));
        match done {
            Ok(_) => open.set(false),
            Err(e) => error.set(e.to_string()),
        }
    };
    // Plain text fields with a keyboard hint: the model checks addresses and says what is
    // wrong in the form's own message, rather than the browser's bubble.
    let text_field = |id: &'static str,
                      label: &'static str,
                      mode: &'static str,
                      value: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="text" inputmode=mode autocomplete="off" maxlength="2048"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form on:submit=submit class="dialog-form">
            <label for="person-name">"Name"</label>
            <input id="person-name" type="text" required maxlength="300" autofocus autocomplete="off"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            {text_field("person-role", "Role (optional)", "text", role)}
            {text_field("person-place", "Where they work (optional)", "text", place)}
            {text_field("person-email", "Email (optional)", "email", email)}
            {text_field("person-phone", "Phone (optional)", "tel", phone)}
            {text_field("person-url", "Web page (optional)", "url", url)}
            <Picker id="person-relation" label="How you know each other" any="Choose one" table=&RELATIONS value=relation />
            <Picker id="person-area" label="Area" any="Not set" table=&AREA_CHOICES value=area />
            <Picker id="person-keep" label="Keep in touch" any="Choose how often" table=&KEEP_CHOICES value=keep />
            {text_field("person-tags", "Tags (separated by commas)", "text", tags)}
            <label for="person-notes">"Notes (optional)"</label>
            <textarea id="person-notes" rows="3" prop:value=move || notes.get()
                on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            <label class="inline">
                <input type="checkbox" prop:checked=move || favourite.get()
                    on:change=move |ev| favourite.set(event_target_checked(&ev)) />
                "Starred"
            </label>
            <div role="alert" class="form-error">{move || error.get()}</div>
            <div class="dialog-buttons">
                <button type="submit">"Save person"</button>
                <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}
