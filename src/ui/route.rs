//! A hash router: `#/research` style routes survive a reload on any static
//! file server (path routes would 404 there). Share links use the same
//! fragment grammar: `#/open/<data>`.

use leptos::prelude::*;
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

fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal, fed by `hashchange` so back/forward work.
pub fn use_hash_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::from_fragment(&current_fragment()));
    let on_change = Closure::<dyn Fn()>::new(move || {
        let r = Route::from_fragment(&current_fragment());
        set_route.set(r);
        let title = format!("{} · SLO Workbench", r.title());
        document().set_title(&title);
        // A new page starts at its top, with focus on it so keyboard and
        // screen reader users land there too.
        window().scroll_to_with_x_and_y(0.0, 0.0);
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
