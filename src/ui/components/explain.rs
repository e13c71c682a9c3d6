//! "Explain this number": a figure shown as a button that opens, below it,
//! the formula in words, the same formula with the user's values and the
//! glossary terms it uses. Any page can wrap a figure in `<Explain>`; the
//! words come from `slo_engine::explain`, nothing here computes.

use crate::ui::components::Term;
use leptos::prelude::*;
use slo_engine::explain::Explanation;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Each panel's own id, so its button can name it in `aria-controls`.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A figure as a disclosure button. The explanation is computed only when
/// the panel is open.
#[component]
pub fn Explain(
    /// The figure as the page shows it (`43 min 12 s`).
    #[prop(into)]
    text: Signal<String>,
    /// Its explanation; read only while open.
    #[prop(into)]
    explanation: Signal<Explanation>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let panel = format!("explain-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let button = NodeRef::<leptos::html::Button>::new();
    // Escape closes an open panel from its button or from inside it, and
    // leaves focus on the figure (prevented, so presenter mode stays open).
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <span class="explain" on:keydown=on_keydown>
            <button type="button" class="explain-figure" node_ref=button aria-expanded=move || open.get().to_string()
                aria-controls=panel.clone()
                title="Show how this number is worked out"
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || text.get()}
            </button>
            <span id=panel class="explain-panel" role="region" hidden=move || !open.get()
                aria-label=move || open.get().then(|| explanation.with(|e| e.title.clone()))>
                {move || open.get().then(|| explanation.with(|e| view! {
                    <span class="explain-title">{e.title.clone()}</span>
                    <span class="explain-formula">{e.formula.clone()}</span>
                    <span class="explain-worked">{e.worked.clone()}</span>
                    <span class="explain-meaning">{e.meaning.clone()}</span>
                    <span class="explain-terms">"Glossary: "
                        {e.terms.iter().map(|id| view! { <Term id=*id/>" " }).collect_view()}
                    </span>
                }))}
            </span>
        </span>
    }
}
