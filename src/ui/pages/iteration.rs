//! The Iteration page: paste or drop real data (or pick a sample, or
//! generate traffic), replay it against one SLO draft and its alerts, and see
//! charts, a summary in words, a comparison with a second draft, the error
//! budget policy on the data, and the review questions with their figures.
//!
//! Business rules live in the engine (`ingest`, `simulate`, `whatif`,
//! `worker::report`, `chart`, `samples`); this module wires signals to them.
//! Charts are SVG our own engine draws from numbers (label text escaped);
//! no user text goes through `inner_html`.

mod backend;
mod charts;
mod compare;
mod data_in;
mod format;
mod review;
mod summary;
mod tiers;

use crate::ui::components::{PageFrame, Term};
use crate::ui::store::Workspace;
use backend::{Engine, ParseState};
use leptos::prelude::*;
use slo_engine::model::Slo;
use slo_engine::worker::Request;

/// Plot width of every chart: reports are reduced to this many columns.
pub use slo_engine::replay_charts::COLUMNS;

/// What the page's parts share.
#[derive(Clone, Copy)]
pub struct Iter {
    pub engine: Engine,
    pub slo_index: RwSignal<usize>,
    /// The selected SLO, without fields that do not change the replay (revisit date).
    pub slo: Memo<Option<Slo>>,
    /// The comparison draft, when the user opened one.
    pub slo_b: Memo<Option<Slo>>,
    pub variant: RwSignal<Option<compare::Variant>>,
    /// Time under the cursor (chart hover or the slider).
    pub cursor: RwSignal<Option<i64>>,
    /// The label set the charts show, for a grouped SLO; `None` for the one
    /// with the least budget left.
    pub label_set: RwSignal<Option<usize>>,
}

fn replayed(slo: &Slo) -> Slo {
    Slo {
        revisit: String::new(),
        description: String::new(),
        // The record and the journal change with every review, not the replay.
        record: Default::default(),
        journal: Vec::new(),
        roadmap: Vec::new(),
        ..slo.clone()
    }
}

#[component]
pub fn IterationPage() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let engine = Engine::new();
    let slo_index = RwSignal::new(0usize);
    let slo = Memo::new(move |_| {
        let i = slo_index.get();
        ws.project
            .with(|p| p.slos.get(i).or(p.slos.first()).map(replayed))
    });
    let variant = RwSignal::new(None::<compare::Variant>);
    let slo_b = Memo::new(move |_| match (slo.get(), variant.get()) {
        (Some(a), Some(v)) => v.apply(&a).ok(),
        _ => None,
    });
    let policy_share = Memo::new(move |_| ws.project.with(|p| p.policy.single_incident_share));
    let tiers = Memo::new(move |_| ws.project.with(|p| p.policy.tiers.clone()));
    let it = Iter {
        engine,
        slo_index,
        slo,
        slo_b,
        variant,
        cursor: RwSignal::new(None),
        label_set: RwSignal::new(None),
    };
    // Another SLO has other label sets.
    Effect::new(move |_| {
        slo_index.track();
        it.label_set.set(None);
    });
    provide_context(it);

    // Replay whenever the data or a draft changes.
    let request = move |slo: Option<Slo>| {
        slo.map(|slo| Request {
            slo,
            columns: COLUMNS,
            policy_share: policy_share.get(),
            recalibrate_share: slo_engine::summary::RECALIBRATE_SHARE,
            sweep_targets: Vec::new(),
            tiers: tiers.get(),
            label_set: it.label_set.get(),
        })
    };
    // A calendar window in a named zone waits for the time-zone database
    // (loaded on demand); if it cannot load, the replay says it used UTC.
    let zones_loading = move |slo: &Option<Slo>| {
        slo.as_ref()
            .is_some_and(|s| crate::ui::zones::status_of(s) == crate::ui::zones::ZoneDb::Loading)
    };
    Effect::new(move |_| {
        if matches!(engine.parse.get(), ParseState::Done(_)) {
            let slo = slo.get();
            if !zones_loading(&slo) {
                engine.analyse(0, request(slo));
            }
        }
    });
    // The measured SLI feeds the pitfall linter on every page.
    Effect::new(move |_| {
        if let (Some(report), Some(s)) = (engine.reports[0].get(), slo.get_untracked()) {
            if report.sli.is_finite() {
                ws.history_sli.update(|h| {
                    h.insert(s.id, report.sli);
                });
            }
        }
    });
    Effect::new(move |_| {
        if matches!(engine.parse.get(), ParseState::Done(_)) {
            let slo_b = slo_b.get();
            if !zones_loading(&slo_b) {
                engine.analyse(1, request(slo_b));
            }
        } else {
            engine.reports[1].set(None);
        }
    });

    view! {
        <PageFrame title="Iteration: replay real data against your SLO" page="Iteration">
            <div class="iteration">
                <p class="lead">
                    "Paste or drop what your monitoring already has, or pick a sample. The data is replayed in this \
                     browser against the "<Term id="slo" text="SLO"/>" draft, its "<Term id="error-budget" text="error budget"/>
                    " and its "<Term id="multi-window-alert" text="burn-rate alerts"/>": nothing leaves the page."
                </p>
                <SloPicker/>
                <crate::ui::zones::ZoneDbNote status=Signal::derive(move || {
                    slo.with(|s| s.as_ref().map_or(crate::ui::zones::ZoneDb::Ready, crate::ui::zones::status_of))
                })/>
                <data_in::DataIn/>
                <Results/>
            </div>
        </PageFrame>
    }
}

/// Which SLO draft is replayed; offers to create one when the project has none.
#[component]
fn SloPicker() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let it = expect_context::<Iter>();
    let names = Memo::new(move |_| {
        ws.project.with(|p| {
            p.slos
                .iter()
                .map(|s| format!("{} ({}%)", s.name, s.target))
                .collect::<Vec<_>>()
        })
    });
    let create = move |_| {
        // The model's default draft: availability, 99.9% over 30 days, Workbook alerts.
        ws.update(|p| p.slos.push(Slo::default()));
        it.slo_index.set(
            ws.project
                .with_untracked(|p| p.slos.len().saturating_sub(1)),
        );
    };
    view! {
        <div class="slo-picker">
            {move || if names.get().is_empty() {
                view! {
                    <p>"The project has no SLO draft yet. "
                        <button id="create-default-slo" class="primary" on:click=create>
                            "Create a default SLO (99.9% over 30 days)"
                        </button>
                        " or draft one on the "<a href="#/implementation">"Implementation"</a>" page."
                    </p>
                }.into_any()
            } else {
                view! {
                    <label for="slo-select">"SLO replayed "</label>
                    <select id="slo-select"
                        on:change=move |ev| it.slo_index.set(event_target_value(&ev).parse().unwrap_or(0))
                        prop:value=move || it.slo_index.get().to_string()>
                        {move || names.get().into_iter().enumerate().map(|(i, n)| view! {
                            <option value=i.to_string()>{n}</option>
                        }).collect_view()}
                    </select>
                }.into_any()
            }}
        </div>
    }
}

/// Everything that needs a report: summary, charts, alerts, policy, comparison, review.
#[component]
fn Results() -> impl IntoView {
    let it = expect_context::<Iter>();
    let has_slo = Memo::new(move |_| it.slo.with(|s| s.is_some()));
    let data = Memo::new(move |_| match it.engine.parse.get() {
        ParseState::Done(s) => Some(s),
        _ => None,
    });
    move || {
        let summary = data.get()?;
        Some(if !has_slo.get() {
            view! { <p class="hint">"Create or pick an SLO above to replay the data."</p> }
                .into_any()
        } else {
            view! {
                <summary::LabelSets/>
                <summary::Summary data=summary.clone()/>
                <charts::Charts/>
                <summary::AlertsTable/>
                <tiers::TiersOnData/>
                <compare::Compare/>
                <review::Review data=summary/>
            }
            .into_any()
        })
    }
}
