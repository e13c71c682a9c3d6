//! The browser front end: a thin Leptos layer over the engine.
//!
//! Owns the app shell (header with the project name and the link to the
//! project list, navigation, hash router), the workspace store and its autosave. Pages live in `pages`, one module each. Business rules do
//! not live here: pages call engine functions and show their results.

pub mod components;
pub mod pages;
pub mod route;
pub mod shared_link;
pub mod store;
pub mod zones;

use leptos::prelude::*;
use route::Route;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let ws = store::Workspace::load();
    provide_context(ws);
    store::autosave(ws);
    let route = route::use_hash_route();
    provide_context(route);
    // One glossary for the whole app, reachable from every page's header.
    let glossary = components::glossary::GlossaryState::new();
    provide_context(glossary);
    provide_context(components::glossary::HostedGlossary(glossary));
    components::glossary::install_shortcut(glossary);
    // A new page starts with the glossary closed, so it never covers what the user navigated to.
    Effect::new(move |_| {
        route.track();
        glossary.open.set(false);
    });

    view! {
        <a class="skip-link" href="#main" on:click=move |ev| {
            ev.prevent_default();
            if let Some(el) = document().get_element_by_id("main") {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"Skip to content"</a>
        <header class="app-header">
            <span class="brand">"SLO Workbench"</span>
            <ProjectName/>
            <a class="projects-link" href=Route::Projects.href()
               aria-current=move || (route.get() == Route::Projects).then_some("page")>"All projects"</a>
            <nav aria-label="Lifecycle">
                <ul>
                    {Route::NAV.iter().map(|r| {
                        let r = *r;
                        view! {
                            <li>
                                <a href=r.href()
                                   aria-current=move || (route.get() == r).then_some("page")>
                                    {r.title()}
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            <components::glossary::GlossaryButton/>
            <store::StorageWarning/>
        </header>
        <shared_link::SharedLinkBanner/>
        <store::ConflictOffer/>
        <pages::start::presenter::WorkshopBar/>
        <main id="main" tabindex="-1">
            {move || pages::render(route.get())}
        </main>
        <components::glossary::GlossaryPanel/>
    }
}

/// The project's name, editable from every page.
#[component]
fn ProjectName() -> impl IntoView {
    let ws = expect_context::<store::Workspace>();
    view! {
        <span class="project-name">
            <label for="project-name">"Project"</label>
            <input id="project-name" type="text"
                prop:value=move || ws.project.with(|p| p.name.clone())
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    ws.update(|p| p.name = name);
                }/>
        </span>
    }
}

use wasm_bindgen::JsCast;
