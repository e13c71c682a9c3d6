//! Opening a share link (`#/open/<payload>`): noticed whenever the fragment
//! arrives (at load or pasted into an open tab), decoded by the engine only
//! when the user asks, and opened as a new project beside the others, so the
//! one on screen stays in the project list, also after a reload.
//!
//! Decoding and its limits belong to `slo_engine::share`; this module must not
//! parse payloads itself.

use super::store::Workspace;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Offer {
    /// A link waits for the user; not decoded yet.
    Waiting(String),
    Damaged(String),
    /// Opened as a new project; the one it replaced on screen, by id and name.
    Opened {
        name: String,
        previous: String,
        previous_name: String,
    },
}

#[component]
pub fn SharedLinkBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let offer = RwSignal::new(super::route::share_payload().map(Offer::Waiting));
    let on_hash = Closure::<dyn Fn()>::new(move || {
        if let Some(p) = super::route::share_payload() {
            offer.set(Some(Offer::Waiting(p)));
        }
    });
    let _ =
        window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_hash.forget();

    let leave_link = move || {
        // Drop the payload from the address bar so a reload does not ask again.
        let _ = window().location().set_hash("#/start");
    };
    let open = move |_| {
        let Some(Offer::Waiting(payload)) = offer.get_untracked() else {
            return;
        };
        match slo_engine::share::decode(&payload) {
            Ok(project) => {
                let previous_name = ws.project.with_untracked(|p| p.name.clone());
                let name = project.name.clone();
                let previous = ws.add_and_open(project);
                offer.set(Some(Offer::Opened {
                    name,
                    previous,
                    previous_name,
                }));
                leave_link();
            }
            Err(e) => offer.set(Some(Offer::Damaged(e))),
        }
    };
    let dismiss = move |_| {
        offer.set(None);
        leave_link();
    };

    move || {
        offer.get().map(|o| match o {
            Offer::Waiting(payload) => view! {
                <section class="shared-link" role="region" aria-label="Shared project">
                    <p>
                        "This address holds a shared project (" {payload.len()} " characters). "
                        "It is read only if you open it, and it opens as a new project: yours stays in the "
                        <a href="#/projects">"project list"</a> "."
                    </p>
                    <button class="primary" on:click=open>"Open the shared project as a new project"</button>
                    " "
                    <button on:click=dismiss>"Not now"</button>
                </section>
            }.into_any(),
            Offer::Damaged(e) => view! {
                <section class="shared-link" role="alert">
                    <p>"This share link cannot be opened: " {e} ". Your projects are unchanged."</p>
                    <button on:click=dismiss>"Dismiss"</button>
                </section>
            }.into_any(),
            Offer::Opened { name, previous, previous_name } => view! {
                <p class="shared-link" role="status">
                    "Opened “" {name} "” as a new project. “" {previous_name.clone()} "” is kept in the "
                    <a href="#/projects">"project list"</a> ". "
                    <button on:click=move |_| {
                        ws.open(&previous);
                        offer.set(None);
                    }>{format!("Back to “{previous_name}”")}</button>
                    " "
                    <button aria-label="Dismiss message" on:click=move |_| offer.set(None)>"×"</button>
                </p>
            }.into_any(),
        })
    }
}
