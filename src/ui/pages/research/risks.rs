//! The risk exercise on the Research page: the room lists what could go
//! wrong (time to detect, time to repair, times a year, users affected) and
//! sees each risk's bad minutes a year against the chosen SLO's yearly
//! budget, costliest first. Figures, sentences and input rules are
//! `slo_engine::risk`; this module places them.

use crate::ui::components::explain::Explain;
use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::explain::{self, explain, Figure};
use slo_engine::format;
use slo_engine::model::{parse_share_percent, percent_field};
use slo_engine::risk::{self, Risk};

#[component]
pub fn RiskExercise() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let slos = Memo::new(move |_| {
        ws.project.with(|p| {
            p.slos
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = Memo::new(move |_| {
        ws.project
            .with(|p| risk::chosen_slo(p).map(|s| s.id.clone()))
    });
    let count = Memo::new(move |_| ws.project.with(|p| p.risks.items.len()));
    view! {
        <section class="card risk-exercise" aria-labelledby="risks-title">
            <h2 id="risks-title">"Risk exercise: what could spend the error budget"</h2>
            <p>"List what could go wrong and estimate, for each, the time to detect it, the time to repair it, how often it happens "
               "and the share of users it hurts. Expected bad minutes a year = (time to detect + time to repair) × times a year × share of users. "
               "Risks that cost more than the "<Term id="error-budget" text="error budget"/>" need work before the target can hold."</p>
            {move || if slos.with(Vec::is_empty) {
                view! { <p class="hint">"Draft an SLO first (“Make it an SLO” above): the risks are weighed against its budget."</p> }.into_any()
            } else {
                view! {
                    <div class="field"><label for="risk-slo">"Weigh against the SLO"</label>
                        <select id="risk-slo" on:change=move |ev| { let v = event_target_value(&ev); ws.update(|p| p.risks.slo = v); }>
                            {move || slos.get().into_iter().map(|(id, name)| {
                                let is = id.clone();
                                view! { <option value=id selected=move || chosen.get().as_deref() == Some(is.as_str())>{name}</option> }
                            }).collect_view()}
                        </select></div>
                }.into_any()
            }}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Risks, scrollable">
            <table class="risks-editor" class:empty=move || count.get() == 0>
                <caption class="visually-hidden">"Risks as estimated"</caption>
                <thead><tr>
                    <th scope="col">"Risk"</th><th scope="col">"Time to detect (min)"</th><th scope="col">"Time to repair (min)"</th>
                    <th scope="col">"Times a year"</th><th scope="col">"Users affected (%)"</th>
                    <th scope="col" class="actions"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>{move || (0..count.get()).map(|i| view! { <RiskRow i=i/> }).collect_view()}</tbody>
            </table>
            </div>
            <button type="button" id="add-risk" on:click=move |_| ws.update(|p| {
                let n = p.risks.items.len() + 1;
                p.risks.items.push(Risk { name: format!("Risk {n}"), ..Risk::default() });
            })>"Add a risk"</button>
            <RiskResult/>
        </section>
    }
}

/// The numeric fields of a risk, each with its input rule.
#[derive(Clone, Copy)]
enum Field {
    Detect,
    Repair,
    PerYear,
    Share,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Detect => "detect",
            Field::Repair => "repair",
            Field::PerYear => "per-year",
            Field::Share => "share",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Field::Detect => "time to detect in minutes",
            Field::Repair => "time to repair in minutes",
            Field::PerYear => "times a year",
            Field::Share => "users affected in percent",
        }
    }

    fn show(self, r: &Risk) -> String {
        match self {
            Field::Detect => format::trim_zeros(r.detect_minutes, 3),
            Field::Repair => format::trim_zeros(r.repair_minutes, 3),
            Field::PerYear => format::trim_zeros(r.per_year, 3),
            Field::Share => percent_field(r.users_share, 4),
        }
    }

    fn apply(self, r: &mut Risk, text: &str) -> Result<(), String> {
        match self {
            Field::Detect => r.detect_minutes = risk::parse_minutes(text)?,
            Field::Repair => r.repair_minutes = risk::parse_minutes(text)?,
            Field::PerYear => r.per_year = risk::parse_per_year(text)?,
            Field::Share => r.users_share = parse_share_percent(text)?,
        }
        Ok(())
    }
}

#[component]
fn RiskRow(i: usize) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let risk = move || {
        ws.project
            .with(|p| p.risks.items.get(i).cloned().unwrap_or_default())
    };
    let id = move |f: &str| format!("risk-{i}-{f}");
    let from_alerts = move || risk().detect_from_alerts;
    view! {
        <tr>
            <td><label class="visually-hidden" for=id("name")>{format!("Risk {} name", i + 1)}</label>
                <input id=id("name") type="text" prop:value=move || risk().name
                    on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| if let Some(r) = p.risks.items.get_mut(i) { r.name = v; }); }/></td>
            <td><NumberCell i=i field=Field::Detect/>
                <div class="check small">
                    <input type="checkbox" id=id("from-alerts") prop:checked=from_alerts
                        on:change=move |ev| { let v = event_target_checked(&ev); ws.update(|p| if let Some(r) = p.risks.items.get_mut(i) { r.detect_from_alerts = v; }); }/>
                    <label for=id("from-alerts")>"from the alerts"</label>
                </div></td>
            <td><NumberCell i=i field=Field::Repair/></td>
            <td><NumberCell i=i field=Field::PerYear/></td>
            <td><NumberCell i=i field=Field::Share/></td>
            <td class="actions"><button type="button" on:click=move |_| {
                ws.update(|p| if i < p.risks.items.len() { p.risks.items.remove(i); });
                request_animation_frame(|| crate::ui::components::glossary::focus_by_id("add-risk"));
            }>"Remove"<span class="visually-hidden">{move || format!(" risk {}", risk().name)}</span></button></td>
        </tr>
    }
}

#[component]
fn NumberCell(i: usize, field: Field) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let err = RwSignal::new(None::<String>);
    let id = format!("risk-{i}-{}", field.key());
    let value = move || {
        ws.project.with(|p| {
            p.risks
                .items
                .get(i)
                .map(|r| field.show(r))
                .unwrap_or_default()
        })
    };
    view! {
        <label class="visually-hidden" for=id.clone()>{format!("Risk {} {}", i + 1, field.label())}</label>
        <input id=id type="text" inputmode="decimal" size="6" prop:value=value
            aria-invalid=move || err.get().is_some().to_string()
            on:change=move |ev| {
                let text = event_target_value(&ev);
                let mut result = Ok(());
                ws.update(|p| if let Some(r) = p.risks.items.get_mut(i) { result = field.apply(r, &text); });
                err.set(result.err());
            }/>
        {move || err.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
    }
}

/// The risks costliest first against the yearly budget, and what that means.
#[component]
fn RiskResult() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let analysis = Memo::new(move |_| ws.project.with(risk::analyse));
    let slo = Memo::new(move |_| ws.project.with(|p| risk::chosen_slo(p).cloned()));
    move || {
        let slo = slo.get()?;
        analysis.get().filter(|a| !a.rows.is_empty()).map(|a| {
            let yearly = explain::yearly_budget(&slo);
            view! {
                <h3>"Costliest first"</h3>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Risks costliest first, scrollable">
                <table class="risks-result" data-testid="risk-result">
                    <caption class="visually-hidden">"Expected bad minutes a year per risk"</caption>
                    <thead><tr>
                        <th scope="col">"Risk"</th><th scope="col">"Time to detect"</th><th scope="col">"Time to repair"</th>
                        <th scope="col">"Times a year"</th><th scope="col">"Users affected"</th>
                        <th scope="col">"Bad minutes a year"</th><th scope="col">"Share of the yearly budget"</th>
                    </tr></thead>
                    <tbody>{a.rows.iter().map(|r| view! {
                        <tr class:over=r.overspends>
                            <th scope="row">{r.name.clone()}</th>
                            <td>{match (r.detection, explain::risk_detection(&slo, r.users_share)) {
                                (risk::Detection::Alert(_), Some(figure)) => view! {
                                    <Explain text=r.detect_text() explanation=Signal::derive(move || explain(&figure))/>
                                }.into_any(),
                                _ => r.detect_text().into_any(),
                            }}</td>
                            <td>{format!("{} min", risk::minutes(r.repair_minutes))}</td>
                            <td>{format::trim_zeros(r.per_year, 3)}</td>
                            <td>{format::ratio_with(r.users_share, 2)}</td>
                            <td><Explain text=risk::minutes(r.bad_minutes) explanation=Signal::derive({
                                let figure = Figure::BadMinutes { detect_minutes: r.detect_minutes, repair_minutes: r.repair_minutes,
                                    per_year: r.per_year, users_share: r.users_share, yearly_budget_minutes: a.yearly_budget_minutes };
                                move || explain(&figure)
                            })/></td>
                            <td>{format::share(r.budget_share)}{r.overspends.then_some(" (alone over budget)")}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
                </div>
                <div class="risk-summary" role="status">
                    <p>"Yearly error budget: "<Explain text=format!("{} min", risk::minutes(a.yearly_budget_minutes))
                        explanation=Signal::derive(move || explain(&yearly))/></p>
                    {a.summary().into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                </div>
            }
        })
    }
}
