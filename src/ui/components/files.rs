//! Browser plumbing for getting text out and in: download as a file, copy to
//! the clipboard, read a picked file. No formats here; the engine writes and
//! reads the text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused the download".to_string())?;
    let doc = leptos::prelude::document();
    let a = doc
        .create_element("a")
        .map_err(|_| "the browser refused the download".to_string())?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "the browser did not allow copying; select the text and copy it by hand".to_string()
        })
}

/// The text of the first file of a file input.
pub async fn read_picked_file(
    input: &web_sys::HtmlInputElement,
) -> Option<Result<(String, String), String>> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    Some(
        JsFuture::from(file.text())
            .await
            .map_err(|_| format!("could not read {name}"))
            .and_then(|v| v.as_string().ok_or_else(|| format!("{name} is not text")))
            .map(|t| (name, t)),
    )
}
