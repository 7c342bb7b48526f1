//! Offline use and durable storage, from the Rust side: registering the service worker, the
//! "Update available" signal and `navigator.storage.persist()`. The browser calls live in
//! `offline.js` beside this file (see there why); its answers come back as window events.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = watchForUpdates)]
    fn watch_for_updates();
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update_js();
    #[wasm_bindgen(js_name = storageDurability)]
    fn storage_durability(ask: bool);
}

/// Registers the service worker; `ready` turns true when a newer version is waiting to take
/// over this tab.
pub fn watch(ready: RwSignal<bool>) {
    // Kept for the page's lifetime: the worker can report an update at any time.
    let _ = window_event_listener_untyped("branch-out-update", move |_| {
        let _ = ready.try_set(true);
    });
    watch_for_updates();
}

/// Lets the waiting version take over; the page reloads when it has.
pub fn apply_update() {
    apply_update_js();
}

/// Keeps `answer` up to date with whether the browser keeps this site's data (`Some(true)`) or
/// may clear it (`Some(false)`, also when it refuses or cannot say); `None` until it answers.
pub fn listen_for_durability(answer: RwSignal<Option<bool>>) {
    let _ = window_event_listener_untyped("branch-out-durable", move |event| {
        let detail = js_sys::Reflect::get(&event, &JsValue::from_str("detail"));
        let _ = answer.try_set(Some(detail.ok().and_then(|d| d.as_bool()) == Some(true)));
    });
}

/// Asks the browser whether it keeps this site's data; with `ask`, requests that it does. The
/// answer arrives through [`listen_for_durability`].
pub fn durability(ask: bool) {
    storage_durability(ask);
}
