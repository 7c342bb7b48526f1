//! The note on Share about installing Branch Out: what it adds, once, where the browser offers
//! it (Chromium's `beforeinstallprompt`, kept by `offline.js`), and never again once put away.

use crate::ui::ctx::Ctx;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = canInstall)]
    fn can_install() -> bool;
    #[wasm_bindgen(js_name = install)]
    fn install_js() -> js_sys::Promise;
}

/// "Install Branch Out on this device", with **Install** and **No thanks**.
#[component]
pub fn InstallNote() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let offered = RwSignal::new(can_install());
    let put_away = RwSignal::new(ctx.install_note_put_away());
    let said = RwSignal::new("");
    let offer = window_event_listener_untyped("branch-out-installable", move |_| {
        offered.set(can_install());
    });
    on_cleanup(move || offer.remove());
    let install = move |_| {
        leptos::task::spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(install_js()).await;
            offered.set(can_install());
            said.set(if answer.ok().and_then(|a| a.as_bool()) == Some(true) {
                "Branch Out is installed on this device."
            } else {
                "Not installed. You can install it later from the browser's menu."
            });
        });
    };
    let no_thanks = move |_| {
        let _ = ctx.put_away_install_note();
        put_away.set(true);
    };
    view! {
        <Show when=move || offered.get() && !put_away.get()>
            <section aria-labelledby="install-heading">
                <h2 id="install-heading">"Install Branch Out on this device"</h2>
                <p>
                    "Installed, Branch Out opens from the shelf like any app and works offline "
                    "as it does now; Branch Out, bookmark and contacts files open in it from the "
                    "Files app; and it appears in the share sheet, so a web page or a file can be "
                    "sent straight to it. Your data stays on this device either way."
                </p>
                <div class="actions">
                    <button type="button" class="primary" on:click=install>"Install"</button>
                    <button type="button" on:click=no_thanks>"No thanks"</button>
                </div>
            </section>
        </Show>
        <p role="status" class="message">{move || said.get()}</p>
    }
}
