//! A hash router: `#/research` style routes survive a reload on any static
//! file server (path routes would 404 there). Share links use the same
//! fragment grammar: `#/open/<data>`.
//!
//! A new page starts at its top; Back and Forward return to an entry at the
//! scroll position it was left at (each entry is numbered in `history.state`).

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Start,
    Language,
    Research,
    Implementation,
    Iteration,
    Share,
    /// The list of saved projects, linked from the header rather than the lifecycle nav.
    Projects,
    NotFound,
}

impl Route {
    pub const NAV: [Route; 6] = [
        Route::Start,
        Route::Language,
        Route::Research,
        Route::Implementation,
        Route::Iteration,
        Route::Share,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Route::Start => "start",
            Route::Language => "language",
            Route::Research => "research",
            Route::Implementation => "implementation",
            Route::Iteration => "iteration",
            Route::Share => "share",
            Route::Projects => "projects",
            Route::NotFound => "not-found",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.path())
    }

    pub fn title(self) -> &'static str {
        match self {
            Route::Start => "Start",
            Route::Language => "Language",
            Route::Research => "Research",
            Route::Implementation => "Implementation",
            Route::Iteration => "Iteration",
            Route::Share => "Share",
            Route::Projects => "Projects",
            Route::NotFound => "Not found",
        }
    }

    /// The route for a fragment (`#/research`, `/research`, empty for Start).
    pub fn from_fragment(fragment: &str) -> Route {
        let f = fragment.trim_start_matches('#').trim_start_matches('/');
        let first = f.split(['/', '?']).next().unwrap_or("");
        match first {
            "" | "start" => Route::Start,
            "language" => Route::Language,
            "research" => Route::Research,
            "implementation" => Route::Implementation,
            "iteration" => Route::Iteration,
            "share" | "open" => Route::Share,
            "projects" => Route::Projects,
            _ => Route::NotFound,
        }
    }
}

thread_local! {
    /// Where each history entry of this tab was scrolled to, by entry number.
    static SCROLLS: RefCell<HashMap<u64, f64>> = RefCell::new(HashMap::new());
}

/// The number of the current history entry and whether it was just given
/// one (a new entry) rather than found (an entry revisited).
fn entry_number() -> (u64, bool) {
    let Ok(history) = window().history() else {
        return (0, true);
    };
    if let Some(n) = history.state().ok().and_then(|v| v.as_f64()) {
        return (n as u64, false);
    }
    // Unique within the tab, across reloads too.
    let n = js_sys::Date::now() as u64 * 1000 + (js_sys::Math::random() * 1000.0) as u64;
    let _ = history.replace_state(&JsValue::from_f64(n as f64), "");
    (n, true)
}

/// Keeps the scroll position of the entry on screen, for `use_hash_route` to restore.
fn remember_scroll() {
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let (n, _) = entry_number();
        let y = window().scroll_y().unwrap_or(0.0);
        SCROLLS.with(|s| s.borrow_mut().insert(n, y));
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// A new entry starts at the top; a revisited one where it was left,
/// once its page has rendered.
fn restore_scroll() {
    let (n, new) = entry_number();
    let y = if new {
        None
    } else {
        SCROLLS.with(|s| s.borrow().get(&n).copied())
    };
    window().scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(y) = y {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    }
}

fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal, fed by `hashchange` so back/forward work.
pub fn use_hash_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::from_fragment(&current_fragment()));
    entry_number();
    remember_scroll();
    let on_change = Closure::<dyn Fn()>::new(move || {
        let r = Route::from_fragment(&current_fragment());
        set_route.set(r);
        let title = format!("{} · SLO Workbench", r.title());
        document().set_title(&title);
        // A new page starts at its top (a revisited one where it was left),
        // with focus on it so keyboard and screen reader users land there too.
        restore_scroll();
        if let Some(el) = document().get_element_by_id("main") {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = el
                .unchecked_into::<web_sys::HtmlElement>()
                .focus_with_options(&opts);
        }
    });
    let _ =
        window().add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_change.forget();
    document().set_title(&format!(
        "{} · SLO Workbench",
        route.get_untracked().title()
    ));
    route
}

/// The fragment's payload after `#/open/`, for share links.
pub fn share_payload() -> Option<String> {
    let f = current_fragment();
    f.strip_prefix("#/open/").map(str::to_string)
}
