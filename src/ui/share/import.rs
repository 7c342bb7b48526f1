//! The import panel: choose, drop or paste a file, and undo the latest import.

use super::pending::Imports;
use super::preview::ImportDialog;
use crate::exchange::share_link;
use crate::ui::arrivals;
use crate::ui::ctx::Ctx;
use leptos::prelude::*;

/// Choose, drop or paste a file to import.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let imports = expect_context::<Imports>();
    let pasted = RwSignal::new(String::new());
    // A share link (`#/import/…`) opens the preview like a file. It is taken off the address
    // and the history first, so a reload or Back does not offer it again.
    let take_link = move || {
        let hash = window().location().hash().unwrap_or_default();
        let Some(payload) = share_link::payload(&hash).map(str::to_owned) else {
            return;
        };
        if let Ok(history) = window().history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/share"));
        }
        match share_link::decode(&payload) {
            Ok(json) => imports.start(ctx, "share link".into(), json.as_bytes()),
            Err(e) => imports.error.set(e.to_string()),
        }
    };
    // A file opened with Branch Out or shared to it opens the preview the same way.
    let take_arrived = move || {
        if let Some(arrived) = arrivals::take_arrived() {
            imports.arrived(ctx, arrived);
        }
    };
    // Once the screen is on the page: the preview is a dialog, which opens only there.
    request_animation_frame(move || {
        take_link();
        take_arrived();
    });
    let linked = window_event_listener(leptos::ev::hashchange, move |_| take_link());
    let came = window_event_listener_untyped("branch-out-arrived", move |_| take_arrived());
    on_cleanup(move || {
        linked.remove();
        came.remove();
    });
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            imports.start_file(ctx, file);
        }
        // Choosing the same file again must start a new import.
        input.set_value("");
    };
    let read_pasted = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            imports
                .error
                .set("Paste the text of a Branch Out file first.".into());
            return;
        }
        imports.start(ctx, "pasted text".into(), text.as_bytes());
    };
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a file"</h2>
            <p>
                "Import a colleague's plan or your own backup. You'll see what is new, what is "
                "already here and what differs before anything changes, and one click undoes it."
            </p>
            <div class="field">
                <label for="import-file">"Choose a file to import"</label>
                <input id="import-file" type="file" accept=".json,.html,.htm,.vcf,.vcard,application/json,text/html,text/vcard,text/x-vcard" on:change=on_file />
                <p class="hint">
                    "A Branch Out file, the bookmarks file Chrome, Firefox, Edge or Safari "
                    "exports (its folders become tags), or a contacts file (.vcf, as Google "
                    "Contacts exports) whose contacts become people. Or drop a file anywhere on Branch Out."
                </p>
            </div>
            <form on:submit=read_pasted>
                <div class="field">
                    <label for="import-paste">"Or paste a file's text"</label>
                    <textarea id="import-paste" rows="4" prop:value=pasted on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit">"Read pasted text"</button>
            </form>
            <p role="alert" class="error">{move || imports.error.get()}</p>
            // Offered while the import is still the latest change; any later change (here or
            // in another tab) would be taken back with it.
            {move || imports.last.get().filter(|n| ctx.undo.with(|u| u.as_ref() == Some(n))).map(|n| {
                let undo = n.undo.clone();
                view! {
                    <p>
                        {n.message.clone()} " "
                        <button type="button" on:click=move |_| {
                            if ctx.report(ctx.dispatch(undo.clone())).is_some() {
                                imports.last.set(None);
                                ctx.undo.set(None);
                                imports.error.set("The import was undone.".into());
                            }
                        }>"Undo that import"</button>
                    </p>
                }
            })}
            <ImportDialog />
        </section>
    }
}
