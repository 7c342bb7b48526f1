//! A `<select>` over one of the model's value tables.

use crate::model::words as fmt;
use leptos::prelude::*;

/// A `<select>` over one of the value tables, with an "any" option.
#[component]
pub fn Picker<T: Copy + PartialEq + Send + Sync + 'static>(
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
