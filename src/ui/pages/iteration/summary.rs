//! The summary in words (with the button that applies the recalibrated
//! target to the draft), the table of alerts, and the error budget policy's
//! rules applied to the replayed history.

use super::charts::alert_label;
use super::format;
use super::Iter;
use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::{Severity, Slo, Target};
use slo_engine::worker::{DataSummary, Report};
use std::sync::Arc;

/// Sentences that summarise one report; also used by the review questions.
pub fn sentences(r: &Report, slo: &Slo, data: &DataSummary) -> Vec<String> {
    let mut out = Vec::new();
    let span = match (data.start, data.end) {
        (Some(a), Some(b)) => format!(
            "{} of data ({} to {})",
            format::duration(b - a),
            format::day(a),
            format::day(b)
        ),
        _ => "the data".into(),
    };
    let met = if r.sli >= slo.target.ratio() {
        "meeting"
    } else {
        "missing"
    };
    out.push(format!(
        "Over {span}, the SLI was {}, {met} the {}% target.",
        format::ratio(r.sli),
        slo.target
    ));
    if r.budget_remaining >= 0.0 {
        out.push(format!(
            "{} of the error budget is left at the end; the lowest it fell was {}.",
            format::share(r.budget_remaining),
            format::share(r.lowest_budget)
        ));
    } else {
        out.push(format!(
            "The error budget is overspent at the end ({} left); it was exhausted {} time{}, first from {}.",
            format::share(r.budget_remaining),
            r.exhausted.len(),
            if r.exhausted.len() == 1 { "" } else { "s" },
            r.exhausted.first().map(|e| format::when(e.0)).unwrap_or_default()
        ));
    }
    let pages: Vec<_> = r
        .alerts
        .iter()
        .filter(|a| a.severity == Severity::Page)
        .collect();
    let tickets: Vec<_> = r
        .alerts
        .iter()
        .filter(|a| a.severity == Severity::Ticket)
        .collect();
    if r.alerts.is_empty() {
        out.push("No alert would have fired.".into());
    } else {
        let part = |v: &[&slo_engine::worker::AlertRow], what: &str| match v.first() {
            None => format!("no {what}"),
            Some(a) => format!(
                "{} {what}{} (the first at {})",
                v.len(),
                if v.len() == 1 { "" } else { "s" },
                format::when(a.start)
            ),
        };
        let mut text = format!(
            "{} and {} would have fired.",
            part(&pages, "page"),
            part(&tickets, "ticket")
        );
        text[..1].make_ascii_uppercase();
        out.push(text);
        if let Some(d) = slo_engine::worker::detection_delays(&r.alerts) {
            out.push(format!(
                "Detection took {} at the median (fastest {}, slowest {}) from the start of the bad period.",
                format::duration(d.median),
                format::duration(d.fastest),
                format::duration(d.slowest)
            ));
        }
    }
    // The recalibration needs whole windows; with less history it can only
    // look at the data as a whole, and the sentence must say so.
    let covered = match (data.start, data.end) {
        (Some(a), Some(b)) => b.saturating_sub(a).saturating_add(data.step.max(0)),
        _ => 0,
    };
    let window = slo.window.nominal();
    let whole_window = u64::try_from(covered).unwrap_or(0) >= window.seconds();
    match r.recalibrated {
        Some(t) if whole_window => out.push(format!(
            "The history supports a target of {}: the highest met in {:.0}% of its {} windows.",
            format::ratio(t),
            super::RECALIBRATE_SHARE * 100.0,
            window
        )),
        Some(t) => out.push(format!(
            "The data covers {}, less than one {window} window, so the suggested target of {} is what the \
             whole history met, not a share of full windows: load a longer history before relying on it.",
            format::duration(covered),
            format::ratio(t),
        )),
        None => out.push("The history has too few events to suggest a target.".into()),
    }
    out
}

#[component]
pub fn Summary(data: Arc<DataSummary>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let applied = RwSignal::new(None::<String>);
    view! {
        <section class="summary" aria-labelledby="summary-h">
            <h2 id="summary-h">"2. What would have happened"</h2>
            {move || {
                let (Some(r), Some(slo)) = (it.engine.reports[0].get(), it.slo.get()) else {
                    return view! { <p class="hint">"Replaying..."</p> }.into_any();
                };
                let recal = r.recalibrated;
                let apply = move |_| {
                    let Some(t) = recal else { return };
                    let i = it.slo_index.get_untracked();
                    let name = ws.project.with_untracked(|p| p.slos.get(i).map(|s| s.name.clone()));
                    if let (Ok(target), Some(name)) = (Target::from_number(t), name) {
                        ws.update(|p| if let Some(s) = p.slos.get_mut(i) { s.target = target });
                        applied.set(Some(format!("The target of \"{name}\" is now {target}%.")));
                    }
                };
                let differs = recal.is_some_and(|t| (t - slo.target.ratio()).abs() > 1e-9);
                view! {
                    <div id="summary-text">
                        {sentences(&r, &slo, &data).into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                    </div>
                    {(differs).then(|| view! {
                        <button id="apply-recalibrated" class="primary" on:click=apply>
                            {format!("Apply {} as the draft's target", recal.map(format::ratio).unwrap_or_default())}
                        </button>
                    })}
                }.into_any()
            }}
            {move || applied.get().map(|a| view! { <p role="status" id="applied-note">{a}</p> })}
        </section>
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
                        {rows.into_iter().map(|a| view! {
                            <tr>
                                <td>{alert_label(&slo, a.alert_index)}</td>
                                <td>{format::when(a.start)}</td>
                                <td>{a.end.map(format::when).unwrap_or_else(|| "still firing".into())}</td>
                                <td>{format::share(a.budget_spent_at_fire)}</td>
                                <td>{a.detection_delay.map(format::duration).unwrap_or_else(|| "n/a".into())}</td>
                                <td>{a.reset_after.map(format::duration).unwrap_or_else(|| "n/a".into())}</td>
                                <td>{format::factor(a.peak_burn)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
            </details>
        })
    }
}

/// The error budget policy's decision rules, applied to the history.
#[component]
pub fn PolicyOnData() -> impl IntoView {
    let it = expect_context::<Iter>();
    move || {
        let r = it.engine.reports[0].get()?;
        let share = it.policy_share.get();
        let total = (r.x_range.1 - r.x_range.0).max(1);
        let exhausted_secs: i64 = r.exhausted.iter().map(|(a, b)| (b - a).max(0)).sum();
        let left_share = 1.0 - exhausted_secs as f64 / total as f64;
        // The replay counts a rolling window's budget on the events it holds,
        // so before the data fills one window an early bad interval weighs
        // more than it would later: say so when a rule fired in that stretch.
        let filling = it.slo.with(|s| match s.as_ref().map(|s| &s.window) {
            Some(slo_engine::model::Window::Rolling { span }) => {
                let until = r
                    .x_range
                    .0
                    .saturating_add(i64::try_from(span.seconds()).unwrap_or(i64::MAX));
                let early = r.crossings.iter().any(|c| c.below > 0.0 && c.at < until)
                    || r.incidents.iter().any(|i| i.start < until);
                let stretch = if until > r.x_range.1 {
                    format!("The data is shorter than one {span} window")
                } else {
                    format!(
                        "Until the data fills one {span} window (up to {})",
                        format::when(until)
                    )
                };
                early.then(|| {
                    format!(
                        "{stretch}: the budget is counted on the events seen so far, \
                     so an early bad interval weighs more than it would in a full window."
                    )
                })
            }
            _ => None,
        });
        Some(view! {
            <section class="policy-on-data" aria-labelledby="policy-h">
                <h2 id="policy-h">"4. The error budget policy on this history"</h2>
                <p class="hint">"The "<Term id="error-budget-policy" text="error budget policy"/>"'s rules on the replayed history. \
                    The budget is one signal for planning, not a freeze rule. Edit the policy on the "
                    <a href="#/implementation">"Implementation"</a>" page."</p>
                {filling.map(|f| view! { <p class="hint" id="policy-filling">{f}</p> })}
                <ul class="policy-rules">
                    <li>
                        <strong>"Budget left: releases go on. "</strong>
                        {format!("Applied {:.0}% of the time.", left_share * 100.0)}
                        {r.crossings.iter().filter(|c| c.below > 0.0).map(|c| format!(
                            " The budget fell below {} on {}.", format::share(c.below), format::when(c.at)
                        )).collect::<String>()}
                    </li>
                    <li>
                        <strong>"Budget exhausted: only reliability and security work ships. "</strong>
                        {if r.exhausted.is_empty() {
                            "Never applied: the budget was never overspent.".to_string()
                        } else {
                            format!("Applied {} time{}: {}.", r.exhausted.len(), if r.exhausted.len() == 1 { "" } else { "s" },
                                r.exhausted.iter().take(5).map(|(a, b)| format!("{} to {}", format::when(*a), format::when(*b))).collect::<Vec<_>>().join("; "))
                        }}
                    </li>
                    <li>
                        <strong>{format!("A single incident spending more than {} of the budget: postmortem. ", format::share(share))}</strong>
                        {if r.incidents.is_empty() {
                            "Never applied.".to_string()
                        } else {
                            format!("Applied {} time{}: {}.", r.incidents.len(), if r.incidents.len() == 1 { "" } else { "s" },
                                r.incidents.iter().take(5).map(|i| format!("{} to {} spent {}", format::when(i.start), format::when(i.end), format::share(i.budget_spent))).collect::<Vec<_>>().join("; "))
                        }}
                    </li>
                </ul>
            </section>
        })
    }
}
