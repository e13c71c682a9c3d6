//! The frame every guided page sits in: title, lead paragraph, the glossary
//! (unless the header already hosts it), the undo toast, and the step links.

use super::glossary::{GlossaryButton, GlossaryPanel, HostedGlossary};
use super::undo::{Undo, UndoToast};
use leptos::prelude::*;

#[component]
pub fn PageFrame(
    /// Page heading.
    title: &'static str,
    /// `data-page` value used by tests and the print stylesheet.
    page: &'static str,
    children: Children,
) -> impl IntoView {
    // Pages share one reactive owner with the router, so a context from the
    // previous page may still be visible: always provide fresh ones here.
    let hosted = use_context::<HostedGlossary>();
    let own_glossary = hosted.is_none();
    let state = hosted.map(|h| h.0).unwrap_or_default();
    provide_context(state);
    if own_glossary {
        super::glossary::install_shortcut(state);
    }
    provide_context(Undo::new());
    let ws = use_context::<crate::ui::store::Workspace>();
    view! {
        <section class="page guide-page" data-page=page aria-labelledby="page-title">
            // A handout says which project it comes from: the header with the name does not print.
            <p class="print-only print-meta" data-testid="print-meta">
                {move || ws.map(|ws| ws.project.with(|p| format!("SLO Workbench · {}", p.name)))}
            </p>
            <div class="page-head">
                <h1 id="page-title">{title}</h1>
                {own_glossary.then(|| view! { <div class="page-tools no-print"><GlossaryButton/></div> })}
            </div>
            {children()}
            {own_glossary.then(|| view! { <GlossaryPanel/> })}
            <UndoToast/>
        </section>
    }
}
