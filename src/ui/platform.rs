//! The few things the UI needs from the browser besides storage: the clock, randomness,
//! downloads and focus.

use crate::model::Id;
use chrono::NaiveDate;
use wasm_bindgen::JsCast;

/// Milliseconds since 1970 (UTC).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's date on this device.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    /// A date-time in the device's locale, with one formatter kept for every call.
    #[wasm_bindgen(js_name = localTime)]
    fn local_time_js(ms: f64) -> String;
}

/// A date-time in the device's locale, to the minute, for messages.
pub fn local_time(ms: i64) -> String {
    local_time_js(ms as f64)
}

/// The current moment as an ISO 8601 date-time (UTC).
pub fn iso_now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A fresh id from the browser's cryptographic random source.
pub fn new_id() -> Id {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // Without crypto (never seen in a supported browser) fall back to Math.random.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    Id::from_random(bytes)
}

/// Offers `text` to the librarian as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("download failed: {e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "download failed".to_owned())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoking at once can cancel the download in some browsers; a short delay is enough.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Moves focus to the first element matching `selector`, if any.
pub fn focus(selector: &str) {
    if let Some(el) = leptos::prelude::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// After the view has re-rendered, moves focus to the element with this id (a control
/// rebuilt by the change the librarian just made), so keyboard focus is never dropped.
/// When the control is gone (its item was deleted), focus goes to the Undo button, or else
/// to the screen's heading.
pub fn refocus(id: String) {
    refocus_or(id, "#undo-button".into());
}

/// Like [`refocus`], with `fallback` (a CSS selector) when the control is gone: for controls
/// whose going away is not a deletion, so focus must not land on an unrelated Undo.
pub fn refocus_or(id: String, fallback: String) {
    leptos::prelude::request_animation_frame(move || focus_by_id_or(&id, &fallback, false));
}

/// Like [`refocus_or`] with the heading as fallback, only when focus was dropped (it is on the
/// page's body) once the view has re-rendered, as when the control that had it was drawn again.
/// Focus that something else put somewhere stays there.
pub fn refocus_if_dropped(id: String) {
    leptos::prelude::request_animation_frame(move || focus_by_id_or(&id, "main h1", true));
}

fn focus_by_id_or(id: &str, fallback: &str, if_dropped: bool) {
    let document = leptos::prelude::document();
    // Nothing matches `:focus` while focus is on the page's body.
    if if_dropped && !matches!(document.query_selector(":focus"), Ok(None)) {
        return;
    }
    let target = document
        .get_element_by_id(id)
        .or_else(|| document.query_selector(fallback).ok().flatten())
        .or_else(|| document.query_selector("main h1").ok().flatten());
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The bytes of a file the librarian chose or dropped. The caller checks its size first, so a
/// huge file is never read.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn has(target: &wasm_bindgen::JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &wasm_bindgen::JsValue::from_str(name)).unwrap_or(false)
}

/// How sharing through the device's share sheet went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// The file went to the app the librarian chose.
    Shared,
    /// The librarian closed the share sheet: a choice, not a failure.
    Cancelled,
    /// This browser can't share this file, so the caller falls back to a download and an
    /// email link.
    Unsupported,
}

/// Shares a file through the device's share sheet (ChromeOS: Gmail, Drive, Nearby Share).
pub async fn share_file(name: &str, text: &str, title: &str, summary: &str) -> Sharing {
    let navigator = leptos::prelude::window().navigator();
    if !has(&navigator, "canShare") || !has(&navigator, "share") {
        return Sharing::Unsupported;
    }
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/json");
    let Ok(file) = web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts) else {
        return Sharing::Unsupported;
    };
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    data.set_title(title);
    data.set_text(summary);
    if !navigator.can_share_with_data(&data) {
        return Sharing::Unsupported;
    }
    match wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data)).await {
        Ok(_) => Sharing::Shared,
        Err(e) => {
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            if name == "AbortError" {
                Sharing::Cancelled
            } else {
                Sharing::Unsupported
            }
        }
    }
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let navigator = leptos::prelude::window().navigator();
    if !has(&navigator, "clipboard") {
        return Err(
            "This browser won't let Branch Out copy; select the text below instead.".into(),
        );
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "Copying was not allowed; select the text below instead.".into())
}

/// Follows a link the app built itself (a `mailto:` link), as a click would.
pub fn open_link(href: &str) {
    let document = leptos::prelude::document();
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(href);
        a.click();
    }
}
