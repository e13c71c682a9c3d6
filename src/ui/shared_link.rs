//! Opening a share link (`#/open/<payload>`): the project in the fragment is
//! decoded by the engine and offered to the user, who chooses to open it
//! (their own workspace stays one click away, with Undo) or to keep theirs.

use super::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::Project;

#[derive(Clone)]
enum Offer {
    Ready(Project),
    Damaged(String),
}

#[component]
pub fn SharedLinkBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let offer = RwSignal::new(super::route::share_payload().map(
        |p| match slo_engine::share::decode(&p) {
            Ok(project) => Offer::Ready(project),
            Err(e) => Offer::Damaged(e),
        },
    ));
    let previous: RwSignal<Option<Project>> = RwSignal::new(None);

    let leave_link = move || {
        // Drop the payload from the address bar so a reload does not ask again.
        let _ = window().location().set_hash("#/start");
    };
    let open = move |_| {
        if let Some(Offer::Ready(p)) = offer.get_untracked() {
            previous.set(Some(ws.project.get_untracked()));
            ws.project.set(p);
        }
        offer.set(None);
        leave_link();
    };
    let keep = move |_| {
        offer.set(None);
        leave_link();
    };
    let undo = move |_| {
        if let Some(p) = previous.get_untracked() {
            ws.project.set(p);
        }
        previous.set(None);
    };

    view! {
        {move || offer.get().map(|o| match o {
            Offer::Ready(p) => view! {
                <section class="shared-link" role="region" aria-label="Shared project">
                    <p>
                        "This link holds a shared project, “" {p.name.clone()} "”, with "
                        {p.slos.len()} " SLO(s). Opening it replaces your current workspace "
                        "(you can undo that right after)."
                    </p>
                    <button class="primary" on:click=open>"Open the shared project"</button>
                    " "
                    <button on:click=keep>"Keep my workspace"</button>
                </section>
            }.into_any(),
            Offer::Damaged(e) => view! {
                <section class="shared-link" role="alert">
                    <p>"This share link cannot be opened: " {e}</p>
                    <button on:click=keep>"Dismiss"</button>
                </section>
            }.into_any(),
        })}
        {move || previous.get().map(|_| view! {
            <p class="shared-link" role="status">
                "The shared project is open. "
                <button on:click=undo>"Undo: back to my workspace"</button>
            </p>
        })}
    }
}
