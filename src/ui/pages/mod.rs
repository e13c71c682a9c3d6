//! One module per lifecycle page. `render` maps a route to its page.

pub mod implementation;
pub mod iteration;
pub mod language;
pub mod projects;
pub mod research;
pub mod share;
pub mod start;

use super::route::Route;
use leptos::prelude::*;

pub fn render(route: Route) -> AnyView {
    match route {
        Route::Start => view! { <start::StartPage/> }.into_any(),
        Route::Language => view! { <language::LanguagePage/> }.into_any(),
        Route::Research => view! { <research::ResearchPage/> }.into_any(),
        Route::Implementation => view! { <implementation::ImplementationPage/> }.into_any(),
        Route::Iteration => view! { <iteration::IterationPage/> }.into_any(),
        Route::Share => view! { <share::SharePage/> }.into_any(),
        Route::Projects => view! { <projects::ProjectsPage/> }.into_any(),
        Route::NotFound => view! {
            <section class="page"><h1>"Page not found"</h1>
            <p>"There is no such page. "<a href="#/start">"Go to the start page"</a>"."</p></section>
        }.into_any(),
    }
}

/// Says plainly that a page is not built yet; nothing pretends to work.
#[component]
pub fn NotBuilt(title: &'static str) -> impl IntoView {
    view! {
        <section class="page" data-page=title>
            <h1>{title}</h1>
            <p class="not-built">"This page is not built yet."</p>
        </section>
    }
}
