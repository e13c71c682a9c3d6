//! The glossary panel and the term buttons that open it.
//!
//! The app shell provides one `GlossaryState` (marked `HostedGlossary`) and
//! puts the button in the header, so every page reaches it; `PageFrame`
//! mounts its own only when no host is present. Terms and definitions
//! come from `slo_engine::glossary`; nothing here defines a word.

use leptos::prelude::*;
use slo_engine::glossary::{self, Term as Entry};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The control that opened the panel, so closing it returns focus there
    /// (a term button in the middle of a page, not the header).
    static OPENER: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

fn remember_opener() {
    let active = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    // Focus inside the panel itself is not an opener worth returning to.
    let active = active.filter(|e| e.closest("#glossary-panel").ok().flatten().is_none());
    OPENER.with(|o| *o.borrow_mut() = active);
}

/// Whether the panel is open and which term it shows.
#[derive(Clone, Copy)]
pub struct GlossaryState {
    pub open: RwSignal<bool>,
    pub query: RwSignal<String>,
    pub selected: RwSignal<Option<&'static str>>,
}

impl GlossaryState {
    pub fn new() -> Self {
        GlossaryState {
            open: RwSignal::new(false),
            query: RwSignal::new(String::new()),
            selected: RwSignal::new(None),
        }
    }

    /// Opens the panel at one term (by id or alias).
    pub fn show(&self, key: &str) {
        remember_opener();
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

impl GlossaryState {
    /// Opens the panel on the search field, with every term listed.
    pub fn open_search(&self) {
        remember_opener();
        self.selected.set(None);
        self.query.set(String::new());
        self.open.set(true);
        request_animation_frame(|| focus_by_id("glossary-search"));
    }

    /// Closes the panel and gives focus back to what opened it, or to the
    /// header's Glossary button when that control is gone or hidden.
    pub fn close(&self) {
        self.open.set(false);
        let opener = OPENER.with(|o| o.borrow_mut().take());
        let back = opener.filter(|el| el.is_connected()).is_some_and(|el| {
            let _ = el.focus();
            document()
                .active_element()
                .is_some_and(|a| a.is_same_node(Some(el.as_ref())))
        });
        if !back {
            focus_by_id("glossary-toggle");
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
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

/// "?" anywhere outside a text field opens the glossary, and Escape closes
/// it wherever focus is, for as long as the calling component lives.
pub fn install_shortcut(state: GlossaryState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "?" && !typing_in_field(&ev) && !state.open.get_untracked() {
            ev.prevent_default();
            state.open_search();
        } else if ev.key() == "Escape" && !ev.default_prevented() && state.open.get_untracked() {
            // Prevented, so presenter mode behind the panel stays open.
            ev.prevent_default();
            state.close();
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
                    state.close();
                } else {
                    state.open_search();
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
    let close = move || state.close();
    let results = Memo::new(move |_| {
        state.query.with(|q| {
            glossary::search(q)
                .into_iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        })
    });
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
