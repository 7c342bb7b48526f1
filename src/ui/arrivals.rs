//! What the device handed Branch Out on opening it (a web page shared to it, a file opened
//! with it or shared to it), as `offline.js` received it before the app started. Only the
//! screens that use them call these, so none of it is on the start path.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = takeSharedPage)]
    fn take_shared_page_js() -> JsValue;
    #[wasm_bindgen(js_name = takeArrived)]
    fn take_arrived_js() -> JsValue;
}

/// The web page shared to Branch Out, as [title, text, address], once.
pub fn take_shared_page() -> Option<[String; 3]> {
    let page = take_shared_page_js();
    if page.is_undefined() {
        return None;
    }
    let part = |i| {
        js_sys::Reflect::get_u32(&page, i)
            .ok()
            .and_then(|v| v.as_string())
    };
    Some([0, 1, 2].map(|i| part(i).unwrap_or_default()))
}

/// The file opened with or shared to Branch Out (a `File`, or the sentence saying why it is
/// missing), once.
pub fn take_arrived() -> Option<JsValue> {
    Some(take_arrived_js()).filter(|a| !a.is_undefined())
}
