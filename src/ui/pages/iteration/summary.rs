//! The summary in words (with the button that applies the recalibrated
//! target to the draft, undoably), what the replayed alerts are against the
//! exported rules and what the guards did, and the table of alerts. The
//! words and the verdict come from `slo_engine::summary` and
//! `slo_engine::guards`, the "explain this number" texts of the key figures
//! and of the firings from `slo_engine::explain`; this module only places
//! them. The policy's tiers on the history are `tiers`. For a grouped SLO,
//! the table of label sets and the choice of the one every other figure
//! shows (`LabelSets`).

use super::format;
use super::Iter;
use crate::ui::components::explain::Explain;
use crate::ui::components::undo::Removed;
use crate::ui::components::Undo;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::explain::{alerts_fired, explain, median_detection, Figure};
use slo_engine::guards;
use slo_engine::model::Target;
use slo_engine::replay_charts::alert_label;
use slo_engine::simulate::label_sets;
use slo_engine::summary;
use slo_engine::worker::{DataSummary, Report};
use std::sync::Arc;

/// A grouped SLO replayed per label set: each set's budget left and alerts,
/// and which set the rest of the page shows; or why the whole is replayed.
#[component]
pub fn LabelSets() -> impl IntoView {
    let it = expect_context::<Iter>();
    move || {
        let r = it.engine.reports[0].get()?;
        let slo = it.slo.get()?;
        if r.label_sets.is_empty() {
            return r
                .scope_note
                .clone()
                .map(|n| view! { <p class="hint" id="label-sets-note">{n}</p> }.into_any());
        }
        let shown = r.shown_set.unwrap_or(0);
        let shown_name = r
            .label_sets
            .get(shown)
            .map(|s| s.selector.clone())
            .unwrap_or_default();
        let sentence = label_sets::per_set_sentence(&slo.grouping, r.label_sets.len(), &shown_name);
        let rows = r.label_sets.clone();
        let options = rows.clone();
        Some(view! {
            <section class="label-sets" aria-labelledby="label-sets-h">
                <h2 id="label-sets-h">"Per label set"</h2>
                <p>{sentence}</p>
                <div class="row">
                    <label for="label-set-select">"Label set shown below "</label>
                    <select id="label-set-select"
                        on:change=move |ev| it.label_set.set(event_target_value(&ev).parse().ok())
                        prop:value=shown.to_string()>
                        {options.into_iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=i == shown>{s.selector}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Label sets">
                <table id="label-sets-table">
                    <thead><tr>
                        <th scope="col">"Label set"</th><th scope="col">"SLI"</th>
                        <th scope="col">"Budget remaining"</th><th scope="col">"Pages"</th><th scope="col">"Tickets"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(i, s)| view! {
                            <tr class:shown=i == shown aria-current=(i == shown).then_some("true")>
                                <th scope="row"><code>{s.selector}</code></th>
                                <td>{slo_engine::format::ratio_with(s.sli, 4)}</td>
                                <td>{slo_engine::format::ratio_with(s.budget_remaining, 4)}</td>
                                <td>{s.pages}</td>
                                <td>{s.tickets}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
        }.into_any())
    }
}

#[component]
pub fn Summary(data: Arc<DataSummary>) -> impl IntoView {
    let it = expect_context::<Iter>();
    view! {
        <section class="summary" aria-labelledby="summary-h">
            <h2 id="summary-h">"2. What would have happened"</h2>
            {move || {
                let (Some(r), Some(slo)) = (it.engine.reports[0].get(), it.slo.get()) else {
                    return view! { <p class="hint">"Replaying..."</p> }.into_any();
                };
                view! {
                    <div id="summary-text">
                        {summary::sentences(&r, &slo, &data, summary::RECALIBRATE_SHARE)
                            .into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                    </div>
                    <KeyFigures r=r.clone() slo=slo.clone()/>
                    {summary::suggested_target(&r, slo.target).map(|t| view! { <ApplyTarget target=t/> })}
                    <AlertParity/>
                }.into_any()
            }}
        </section>
    }
}

/// The summary's key figures, each opening how it is worked out.
#[component]
fn KeyFigures(r: Arc<Report>, slo: slo_engine::model::Slo) -> impl IntoView {
    let left = |left: f64, lowest: bool| Figure::BudgetLeft {
        target: slo.target,
        window: slo.window.nominal(),
        left,
        lowest,
    };
    let end = left(r.budget_remaining, false);
    let low = left(r.lowest_budget, true);
    let fired = alerts_fired(&slo, &r.alerts);
    view! {
        <p class="summary-figures" id="summary-figures">
            "Budget left at the end: "
            <Explain text=format::share(r.budget_remaining) explanation=Signal::derive(move || explain(&end))/>
            " · lowest: "
            <Explain text=format::share(r.lowest_budget) explanation=Signal::derive(move || explain(&low))/>
            " · alert firings: "
            <Explain text=r.alerts.len().to_string() explanation=Signal::derive(move || explain(&fired))/>
            {summary::median_detection_delay(&r.alerts).map(|m| {
                let figure = median_detection(&r.alerts);
                view! {
                    " · median detection: "
                    <Explain text=format::duration(m) explanation=Signal::derive(move || explain(&figure))/>
                }
            })}
        </p>
    }
}

/// That the replayed alerts are the exported rules (and what other formats
/// cannot hold), the firings the traffic guard silenced and the no-data
/// alert's firings, each with its times.
#[component]
fn AlertParity() -> impl IntoView {
    let it = expect_context::<Iter>();
    move || {
        let r = it.engine.reports[0].get()?;
        let slo = it.slo.get()?;
        let silenced = guards::silenced_sentence(&slo, r.silenced.len()).map(|sentence| {
            let items: Vec<String> = r
                .silenced
                .iter()
                .take(50)
                .map(guards::silenced_item)
                .collect();
            view! {
                <p id="guard-silenced">{sentence}</p>
                {(!items.is_empty()).then(|| view! {
                    <ul class="silenced-list" aria-label="Firings the traffic guard silenced">
                        {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                    </ul>
                })}
            }
        });
        let no_data = guards::no_data_sentence(&slo, r.no_data.len()).map(|sentence| {
            let items: Vec<String> = r
                .no_data
                .iter()
                .take(50)
                .map(|f| match f.end {
                    Some(end) => format!("{} to {}", format::when(f.start), format::when(end)),
                    None => format!(
                        "from {}, still firing at the end of the data",
                        format::when(f.start)
                    ),
                })
                .collect();
            view! {
                <p id="no-data-firings">{sentence}</p>
                {(!items.is_empty()).then(|| view! {
                    <ul class="no-data-list" aria-label="No-data alert firings">
                        {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                    </ul>
                })}
            }
        });
        Some(view! {
            <div class="alert-parity" id="alert-parity">
                {guards::parity_sentences(&slo).into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                {silenced}
                {no_data}
            </div>
        })
    }
}

/// The button that makes the recalibrated target the draft's, with an undo.
#[component]
fn ApplyTarget(target: Target) -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let apply = move |_| {
        let i = it.slo_index.get_untracked();
        let Some((id, name, previous)) = ws.project.with_untracked(|p| {
            p.slos
                .get(i)
                .map(|s| (s.id.clone(), s.name.clone(), s.target))
        }) else {
            return;
        };
        ws.update(|p| {
            if let Some(s) = p.slos.get_mut(i) {
                s.target = target
            }
        });
        undo.offer(
            format!("The target of \"{name}\" is now {target}% (it was {previous}%)."),
            Removed::Target {
                slo_id: id,
                target: previous,
            },
        );
    };
    view! {
        <button id="apply-recalibrated" class="primary" on:click=apply>
            {format!("Apply {target}% as the draft's target")}
        </button>
    }
}

#[component]
pub fn AlertsTable() -> impl IntoView {
    let it = expect_context::<Iter>();
    move || {
        let r = it.engine.reports[0].get()?;
        let slo = it.slo.get()?;
        if r.alerts.is_empty() {
            return None;
        }
        let rows = r.alerts.iter().take(200).cloned().collect::<Vec<_>>();
        let more = r.alerts.len().saturating_sub(rows.len());
        Some(view! {
            <details class="alerts-table" open=r.alerts.len() <= 12>
                <summary>{format!("All {} alert firings, with detection and reset times", r.alerts.len())}</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Alert firings">
                <table>
                    <thead><tr>
                        <th scope="col">"Alert"</th><th scope="col">"Started"</th><th scope="col">"Ended"</th>
                        <th scope="col">"Budget spent when it fired"</th><th scope="col">"Detection delay"</th>
                        <th scope="col">"Reset after"</th><th scope="col">"Peak burn"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|a| {
                            let spent = Figure::FiringSpent { row: a.clone(), target: slo.target, window: slo.window.nominal() };
                            let detection = Figure::FiringDetection { row: a.clone() };
                            let reset = Figure::FiringReset { row: a.clone() };
                            view! {
                            <tr>
                                <td>{alert_label(&slo, a.alert_index)}</td>
                                <td>{format::when(a.start)}</td>
                                <td>{a.end.map(format::when).unwrap_or_else(|| "still firing".into())}</td>
                                <td><Explain text=format::share(a.budget_spent_at_fire)
                                    explanation=Signal::derive(move || explain(&spent))/></td>
                                <td><Explain text=a.detection_delay.map(format::duration).unwrap_or_else(|| "n/a".into())
                                    explanation=Signal::derive(move || explain(&detection))/></td>
                                <td><Explain text=a.reset_after.map(format::duration).unwrap_or_else(|| "n/a".into())
                                    explanation=Signal::derive(move || explain(&reset))/></td>
                                <td>{format::factor(a.peak_burn)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
                </div>
                {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
            </details>
        })
    }
}
