//! One module per lifecycle page. `render` maps a route to its page.

use super::route::Route;
use leptos::prelude::*;

pub fn render(route: Route) -> AnyView {
    match route {
        Route::Start => view! { <NotBuilt title="Start"/> }.into_any(),
        Route::Language => view! { <NotBuilt title="Language"/> }.into_any(),
        Route::Research => view! { <NotBuilt title="Research"/> }.into_any(),
        Route::Implementation => view! { <NotBuilt title="Implementation"/> }.into_any(),
        Route::Iteration => view! { <NotBuilt title="Iteration"/> }.into_any(),
        Route::Share => view! { <NotBuilt title="Share"/> }.into_any(),
        Route::NotFound => view! {
            <section class="page"><h1>"Page not found"</h1>
            <p>"There is no such page. "<a href="#/start">"Go to the start page"</a>"."</p></section>
        }.into_any(),
    }
}

/// Says plainly that a page is not built yet; nothing pretends to work.
#[component]
fn NotBuilt(title: &'static str) -> impl IntoView {
    view! {
        <section class="page" data-page=title>
            <h1>{title}</h1>
            <p class="not-built">"This page is not built yet."</p>
        </section>
    }
}
