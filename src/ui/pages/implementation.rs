//! The Implementation page: pick an SLO draft, edit it beside its live
//! budget and pitfall findings, design its burn-rate alerts, write the error
//! budget policy, and export.
//!
//! Sub-modules hold one panel each. Every figure comes from the engine
//! (`budget`, `alerting`, `lint`, `export`); this module only wires inputs.

mod alerts;
mod budget_panel;
mod editor;
mod exports;
mod policy;
pub mod roadmap;

use crate::ui::components::undo::Removed;
use crate::ui::components::{PageFrame, Term, Undo};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::{Progress, Slo};

/// The SLO being edited: an index into `Project.slos`, with helpers to read
/// and change it. Copy, so every closure can hold it.
#[derive(Clone, Copy)]
pub struct SloRef {
    pub ws: Workspace,
    pub index: usize,
}

impl SloRef {
    /// Reads a value of the SLO (tracked); the default SLO when it is gone.
    pub fn with<T>(&self, f: impl FnOnce(&Slo) -> T) -> T {
        let i = self.index;
        self.ws.project.with(|p| match p.slos.get(i) {
            Some(s) => f(s),
            None => f(&Slo::default()),
        })
    }

    /// Reads a value without tracking, for the initial text of a field.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Slo) -> T) -> T {
        let i = self.index;
        self.ws.project.with_untracked(|p| match p.slos.get(i) {
            Some(s) => f(s),
            None => f(&Slo::default()),
        })
    }

    pub fn update(&self, f: impl FnOnce(&mut Slo)) {
        let i = self.index;
        self.ws.update(|p| {
            if let Some(s) = p.slos.get_mut(i) {
                f(s)
            }
        });
    }
}

/// Page-wide inputs that several panels use.
#[derive(Clone, Copy)]
pub struct Assumptions {
    /// Expected traffic, events per second (for event budgets and low-traffic lints).
    pub events_per_second: RwSignal<f64>,
    /// Error ratio used for "detection time at this error rate" (0.01 = 1%).
    pub error_ratio: RwSignal<f64>,
}

#[component]
pub fn ImplementationPage() -> impl IntoView {
    view! {
        <PageFrame title="Implementation: the SLO, its alerts and its policy" page="implementation">
            <ImplementationBody/>
        </PageFrame>
    }
}

#[component]
fn ImplementationBody() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    // `#/implementation?slo=<id>` opens that SLO (links from Start and Research).
    let wanted = window().location().hash().ok().and_then(|h| {
        let (_, id) = h.split_once("?slo=")?;
        js_sys::decode_uri_component(id)
            .ok()
            .and_then(|s| s.as_string())
    });
    let first = wanted
        .and_then(|id| {
            ws.project
                .with_untracked(|p| p.slos.iter().position(|s| s.id == id))
        })
        .unwrap_or(0);
    let selected = RwSignal::new(first);
    let count = Memo::new(move |_| ws.project.with(|p| p.slos.len()));
    // Keep the selection inside the list when SLOs are deleted.
    Effect::new(move |_| {
        let n = count.get();
        if n > 0 && selected.get_untracked() >= n {
            selected.set(n - 1);
        }
    });
    // The address names the SLO on screen, so a reload or a copied address
    // opens it again. Replacing the entry adds no step to the back button.
    Effect::new(move |_| {
        let Some(id) = ws
            .project
            .with(|p| p.slos.get(selected.get()).map(|s| s.id.clone()))
        else {
            return;
        };
        let hash = format!("#/implementation?slo={}", js_sys::encode_uri_component(&id));
        if window().location().hash().ok().as_deref() != Some(hash.as_str()) {
            if let Ok(history) = window().history() {
                // The entry's state is kept: the router stores its scroll position key there.
                let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = history.replace_state_with_url(&state, "", Some(&hash));
            }
        }
    });
    let (eps, ratio) = load_assumptions();
    let assumptions = Assumptions {
        events_per_second: RwSignal::new(eps),
        error_ratio: RwSignal::new(ratio),
    };
    provide_context(assumptions);
    Effect::new(move |_| {
        save_assumptions(
            assumptions.events_per_second.get(),
            assumptions.error_ratio.get(),
        )
    });
    let names = Memo::new(move |_| {
        ws.project
            .with(|p| p.slos.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
    });

    let add = move || {
        ws.update(|p| {
            let id = slo_engine::lifecycle::unique_id(p, "new-slo", None);
            p.slos.push(Slo {
                id,
                name: "New SLO".into(),
                service: p
                    .services
                    .first()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                journey: p
                    .journeys
                    .first()
                    .map(|j| j.name.clone())
                    .unwrap_or_default(),
                ..Slo::default()
            });
        });
        selected.set(count.get_untracked().saturating_sub(1));
    };
    let delete = move || {
        let i = selected.get_untracked();
        let removed = ws.project.with_untracked(|p| {
            p.slos
                .get(i)
                .map(|s| (s.clone(), p.progress.get(&s.id).copied()))
        });
        if let Some((slo, progress)) = removed {
            ws.update(|p| {
                p.slos.remove(i);
                p.progress.remove(&slo.id);
            });
            undo.offer(
                format!("Deleted the SLO “{}”.", slo.name),
                Removed::Slo {
                    index: i,
                    slo: Box::new(slo),
                    progress,
                },
            );
            // The buttons are rebuilt: focus the draft now selected, or "New SLO" when none is left.
            request_animation_frame(move || {
                let n = count.get_untracked();
                let target = if n == 0 {
                    "new-slo".to_string()
                } else {
                    format!("slo-tab-{}", selected.get_untracked().min(n - 1))
                };
                crate::ui::components::glossary::focus_by_id(&target);
            });
        }
    };

    view! {
        <p class="lead">
            "Write the "<Term id="slo" text="SLO"/>" down precisely: what is measured and how ("<Term id="sli" text="SLI"/>"), the target, the "
            <Term id="window" text="window"/>" and the "<Term id="budgeting-method" text="budgeting method"/>". "
            "The "<Term id="error-budget" text="error budget"/>" and the pitfall findings update as you type."
        </p>
        <nav class="card no-print" aria-label="SLO drafts">
            <h2 class="visually-hidden">"SLO drafts"</h2>
            <ul class="slo-tabs">
                {move || names.get().into_iter().enumerate().map(|(i, n)| view! {
                    <li><button type="button" id=format!("slo-tab-{i}") aria-pressed=move || (selected.get() == i).to_string()
                        on:click=move |_| selected.set(i)>{if n.trim().is_empty() { format!("SLO {}", i + 1) } else { n }}</button></li>
                }).collect_view()}
            </ul>
            <div class="button-row">
                <button type="button" id="new-slo" on:click=move |_| add()>"New SLO"</button>
                {move || (count.get() > 0).then(|| view! {
                    <button type="button" class="danger" on:click=move |_| delete()>"Delete this SLO"</button>
                })}
            </div>
        </nav>
        {move || {
            if count.get() == 0 {
                return view! {
                    <p class="card hint">"No SLO yet. Add one from the SLI menu on the "<a href="#/research">"Research"</a>" page, or with “New SLO” above."</p>
                }.into_any();
            }
            let slo = SloRef { ws, index: selected.get().min(count.get() - 1) };
            view! {
                <div class="impl-grid">
                    <editor::SloEditor slo=slo/>
                    <div class="impl-side">
                        <budget_panel::BudgetPanel slo=slo/>
                        <section class="card" aria-labelledby="slo-findings-title">
                            <h2 id="slo-findings-title">"Pitfall findings for this SLO"</h2>
                            <crate::ui::components::findings::Findings prefix="slo"
                                slo_id=Signal::derive(move || slo.with(|s| s.id.clone()))
                                context=Signal::derive(move || {
                                    let mut ctx = slo_engine::lint::LintContext::default();
                                    let id = slo.with(|s| s.id.clone());
                                    ctx.slos.insert(id, slo_engine::lint::SloFacts {
                                        expected_events_per_hour: Some(assumptions.events_per_second.get() * 3600.0),
                                        history_sli: None,
                                    });
                                    ctx
                                })/>
                        </section>
                    </div>
                </div>
                <alerts::AlertDesigner slo=slo/>
                <roadmap::RoadmapEditor slo=slo/>
            }.into_any()
        }}
        <policy::PolicyEditor/>
        <exports::ExportPanel selected=Signal::derive(move || ws.project.with(|p| p.slos.get(selected.get()).map(|s| s.id.clone())))/>
    }
}

/// Where the page's assumptions are kept. They are not part of the project
/// model (which has no field for them), so they survive a reload of this
/// browser but do not travel in project files or share links.
const ASSUMPTIONS_KEY: &str = "slo-workbench/assumptions/v1";

/// Expected events per second and the error ratio for detection times:
/// the saved ones, or 10/s and 1%.
fn load_assumptions() -> (f64, f64) {
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(ASSUMPTIONS_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str::<(f64, f64)>(&t).ok());
    match saved {
        Some((eps, ratio)) if eps.is_finite() && eps >= 0.0 && ratio > 0.0 && ratio <= 1.0 => {
            (eps, ratio)
        }
        _ => (10.0, 0.01),
    }
}

fn save_assumptions(eps: f64, ratio: f64) {
    if let (Some(storage), Ok(text)) = (
        window().local_storage().ok().flatten(),
        serde_json::to_string(&(eps, ratio)),
    ) {
        // Losing these is harmless: the defaults come back.
        let _ = storage.set_item(ASSUMPTIONS_KEY, &text);
    }
}

/// Label of a progress state, for selects and lists.
pub fn progress_label(p: Progress) -> &'static str {
    match p {
        Progress::Drafted => "Drafted",
        Progress::Agreed => "Agreed",
        Progress::Exported => "Exported",
    }
}
