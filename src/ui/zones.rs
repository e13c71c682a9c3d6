//! The time-zone database on demand: the app's Wasm has none built in, so
//! the first time a calendar window names a zone that needs it (the editor,
//! the replay, the linter), the page fetches `tzdb.bin` from its own origin,
//! registers it with the engine (`slo_engine::tzdb::register`) and keeps the
//! bytes for the worker. UTC and `Etc/GMT±N` never fetch anything.
//!
//! Owns the load and its state; what a zone name means is the engine's
//! (`calendar`). The service worker keeps `tzdb.bin` with the build's other
//! files, so once loaded it loads offline too.

use leptos::prelude::*;
use slo_engine::calendar;
use slo_engine::model::{Slo, Window};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq)]
pub enum ZoneDb {
    /// Being fetched (or about to be).
    Loading,
    /// Registered, or not needed for this name.
    Ready,
    /// The fetch failed; the sentence says why and what happens meanwhile.
    Failed(String),
}

thread_local! {
    /// `None` until a name first needs the database.
    static STATE: ArcRwSignal<Option<ZoneDb>> = ArcRwSignal::new(None);
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// The fetched file, handed to each worker the page starts.
    static BYTES: RefCell<Option<js_sys::Uint8Array>> = const { RefCell::new(None) };
}

/// Whether zone `name` can be looked up now; reading it in a reactive
/// context re-runs that context when the load ends. The first call for a
/// name that needs the database starts the load.
pub fn status(name: &str) -> ZoneDb {
    if !calendar::needs_database(name) {
        return ZoneDb::Ready;
    }
    let state = STATE.with(ArcRwSignal::clone).get();
    if !STARTED.with(|s| s.replace(true)) {
        leptos::task::spawn_local(load());
    }
    state.unwrap_or(ZoneDb::Loading)
}

/// The zone status of a draft: `Ready` for rolling windows.
pub fn status_of(slo: &Slo) -> ZoneDb {
    match &slo.window {
        Window::Calendar { time_zone, .. } => status(time_zone),
        Window::Rolling { .. } => ZoneDb::Ready,
    }
}

/// After a failure: the next `status` call fetches again.
pub fn retry() {
    STARTED.with(|s| s.set(false));
    STATE.with(|s| s.set(None));
}

/// The loaded file, for a worker; `None` until it is loaded.
pub fn bytes() -> Option<js_sys::Uint8Array> {
    BYTES.with(|b| b.borrow().clone())
}

async fn load() {
    STATE.with(|s| s.set(Some(ZoneDb::Loading)));
    let outcome = match fetch().await {
        Ok(bytes) => {
            BYTES.with(|b| *b.borrow_mut() = Some(bytes));
            ZoneDb::Ready
        }
        Err(why) => ZoneDb::Failed(format!(
            "The time-zone database could not be loaded ({why}). It is fetched once, the first time a \
             calendar window names a zone, and kept for offline use from then on. Until it loads, \
             calendar periods in named zones are counted in UTC."
        )),
    };
    STATE.with(|s| s.set(Some(outcome)));
}

async fn fetch() -> Result<js_sys::Uint8Array, String> {
    let offline = |_| "the network is unavailable".to_string();
    let response = JsFuture::from(window().fetch_with_str("./tzdb.bin"))
        .await
        .map_err(offline)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "no answer".to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(offline)?)
        .await
        .map_err(offline)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    slo_engine::tzdb::register(&bytes.to_vec())?;
    Ok(bytes)
}

/// Says that the database is loading, or why it failed with a button to try
/// again; nothing once it is ready.
#[component]
pub fn ZoneDbNote(#[prop(into)] status: Signal<ZoneDb>) -> impl IntoView {
    move || {
        match status.get() {
        ZoneDb::Ready => None,
        ZoneDb::Loading => Some(
            view! {
                <p class="hint zone-db-note" role="status">"Loading the time-zone database (once; kept for offline use)…"</p>
            }
            .into_any(),
        ),
        ZoneDb::Failed(why) => Some(
            view! {
                <p class="warning zone-db-note" role="alert">{why}" "
                    <button type="button" class="zone-db-retry" on:click=move |_| retry()>"Try again"</button>
                </p>
            }
            .into_any(),
        ),
    }
    }
}
