//! The glossary panel and the term buttons that open it.
//!
//! The app shell provides one `GlossaryState` (marked `HostedGlossary`) and
//! puts the button in the header, so every page reaches it; `PageFrame`
//! mounts its own only when no host is present. Terms and definitions
//! come from `crate::glossary`; nothing here defines a word.

use crate::glossary::{self, Term as Entry};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the panel is open and which term it shows.
#[derive(Clone, Copy)]
pub struct GlossaryState {
    pub open: RwSignal<bool>,
    pub query: RwSignal<String>,
    pub selected: RwSignal<Option<&'static str>>,
}

impl GlossaryState {
    pub fn new() -> Self {
        GlossaryState { open: RwSignal::new(false), query: RwSignal::new(String::new()), selected: RwSignal::new(None) }
    }

    /// Opens the panel at one term (by id or alias).
    pub fn show(&self, key: &str) {
        let id = glossary::lookup(key).map(|t| t.id);
        self.selected.set(id);
        self.query.set(String::new());
        self.open.set(true);
        if let Some(id) = id {
            // After the panel renders, bring the term into view and give it focus.
            request_animation_frame(move || focus_by_id(&format!("glossary-{id}")));
        }
    }
}

impl Default for GlossaryState {
    fn default() -> Self {
        Self::new()
    }
}

pub(crate) fn focus_by_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// True when a key event comes from a place where the user types text.
pub(crate) fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// "?" anywhere outside a text field opens the glossary, for as long as the
/// calling component lives.
pub fn install_shortcut(state: GlossaryState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "?" && !typing_in_field(&ev) {
            ev.prevent_default();
            state.open.set(true);
            request_animation_frame(|| focus_by_id("glossary-search"));
        }
    });
    on_cleanup(move || handle.remove());
}

/// Marks a glossary hosted in the app header, so pages use it instead of their own.
#[derive(Clone, Copy)]
pub struct HostedGlossary(pub GlossaryState);

/// The "Glossary" toggle button.
#[component]
pub fn GlossaryButton() -> impl IntoView {
    let state = expect_context::<GlossaryState>();
    view! {
        <button type="button" id="glossary-toggle" class="glossary-button" aria-controls="glossary-panel"
            aria-expanded=move || state.open.get().to_string()
            aria-keyshortcuts="Shift+?"
            on:click=move |_| {
                if state.open.get_untracked() {
                    state.open.set(false);
                } else {
                    state.selected.set(None);
                    state.query.set(String::new());
                    state.open.set(true);
                    request_animation_frame(|| focus_by_id("glossary-search"));
                }
            }>
            "Glossary"
        </button>
    }
}

/// An inline term: a button that opens the glossary at its definition.
/// Without a glossary in context it degrades to text with a tooltip.
#[component]
pub fn Term(
    /// Glossary id or alias (`error-budget`, `SLI`).
    id: &'static str,
    /// Text shown; the glossary's own spelling when absent.
    #[prop(optional)]
    text: Option<&'static str>,
) -> impl IntoView {
    let entry = glossary::lookup(id);
    let label = text.or(entry.map(|e| e.term)).unwrap_or(id);
    let tip = entry.map(|e| e.definition).unwrap_or("");
    match use_context::<GlossaryState>() {
        Some(state) if entry.is_some() => view! {
            <button type="button" class="term" title=tip
                aria-label=format!("{label}: show definition")
                on:click=move |_| state.show(id)>
                {label}
            </button>
        }
        .into_any(),
        _ => view! { <abbr title=tip>{label}</abbr> }.into_any(),
    }
}

/// The side panel with search and every definition.
#[component]
pub fn GlossaryPanel() -> impl IntoView {
    let state = expect_context::<GlossaryState>();
    let close = move || {
        state.open.set(false);
        focus_by_id("glossary-toggle");
    };
    let results = Memo::new(move |_| state.query.with(|q| glossary::search(q).into_iter().map(|t| t.id).collect::<Vec<_>>()));
    view! {
        <Show when=move || state.open.get()>
            <aside id="glossary-panel" class="glossary-panel" role="dialog" aria-modal="false"
                aria-labelledby="glossary-title"
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        close();
                    }
                }>
                <div class="glossary-head">
                    <h2 id="glossary-title">"Glossary"</h2>
                    <button type="button" class="close" on:click=move |_| close()>"Close"<span class="visually-hidden">" glossary"</span></button>
                </div>
                <label for="glossary-search">"Search terms"</label>
                <input id="glossary-search" type="search" autocomplete="off"
                    prop:value=move || state.query.get()
                    on:input=move |ev| state.query.set(event_target_value(&ev))/>
                <p class="glossary-count" role="status">{move || format!("{} terms", results.get().len())}</p>
                <dl class="glossary-list">
                    {move || results.get().into_iter().filter_map(glossary::lookup).map(|t: &'static Entry| {
                        let id = t.id;
                        view! {
                            <div class="glossary-entry" class:selected=move || state.selected.get() == Some(id)>
                                <dt id=format!("glossary-{id}") tabindex="-1">{t.term}</dt>
                                <dd>{t.definition}</dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
            </aside>
        </Show>
    }
}
