//! The live budget beside the editor: allowed full-outage time and bad
//! events per day, week, month, quarter, year and window, from
//! `budget::budget_table` and `budget::event_budget_table`; each figure
//! opens its worked formula (`components::explain`).

use super::{Assumptions, SloRef};
use crate::ui::components::explain::Explain;
use crate::ui::components::Term;
use leptos::prelude::*;
use slo_engine::budget::{self, human_seconds};
use slo_engine::explain::{explain, Figure};
use slo_engine::format::count;
use slo_engine::model::{BudgetingMethod, Span, Window};

#[component]
pub fn BudgetPanel(slo: SloRef) -> impl IntoView {
    let a = expect_context::<Assumptions>();
    let facts = Memo::new(move |_| slo.with(|s| (s.target, s.window.clone(), s.budgeting.clone())));
    let eps_draft = RwSignal::new(count_plain(a.events_per_second.get_untracked()));
    let eps_error = RwSignal::new(None::<String>);
    view! {
        <section class="card budget-panel print-section" aria-labelledby="budget-title">
            <h2 id="budget-title">"Error budget"</h2>
            <p>{move || {
                let (t, w, _) = facts.get();
                format!("At {}% the SLO allows {}% of events to be bad. Over the {} window that is ",
                    t, slo_engine::model::percent_field(t.error_budget(), 6), w.nominal().human())
            }}
                <Explain text=Signal::derive(move || { let (t, w, _) = facts.get(); human_seconds(budget::budget_seconds(t, w.nominal())) })
                    explanation=Signal::derive(move || { let (target, w, _) = facts.get(); explain(&Figure::BudgetTime { target, span: w.nominal() }) })/>
                " of full outage."</p>
            {move || matches!(facts.get().1, Window::Calendar { .. }).then(|| view! {
                <p class="note">"Calendar window: figures take a month as 30 days and a quarter as 90; real months have 28 to 31 days, and the budget refills at each period start."</p>
            })}
            <div class="field"><label for="traffic">"Expected traffic (events per second)"</label>
                <input id="traffic" type="text" inputmode="decimal" prop:value=move || eps_draft.get()
                    aria-invalid=move || eps_error.with(Option::is_some).to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        match v.trim().replace(',', "").parse::<f64>() {
                            Ok(x) if x.is_finite() && x >= 0.0 => { eps_error.set(None); a.events_per_second.set(x); }
                            _ => eps_error.set(Some("write a number of events per second, such as 25 or 0.5".into())),
                        }
                        eps_draft.set(v);
                    }/>
                {move || eps_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
            </div>
            <table class="budget-table">
                <caption>"Budget by period (“"<Term id="error-budget" text="error budget"/>"”)"</caption>
                <thead><tr>
                    <th scope="col">"Period"</th>
                    <th scope="col" class="num">"Full outage allowed"</th>
                    <th scope="col" class="num">"Events"</th>
                    <th scope="col" class="num">"Bad events allowed"</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let (t, w, _) = facts.get();
                        let time = budget::budget_table(t, w.nominal());
                        let events = budget::event_budget_table(t, w.nominal(), a.events_per_second.get());
                        let eps = a.events_per_second.get();
                        time.into_iter().zip(events).map(|(r, e)| {
                            let span = Span(r.span_seconds);
                            view! {
                                <tr>
                                    <th scope="row">{r.label}</th>
                                    <td class="num"><Explain text=human_seconds(r.allowed_bad_seconds)
                                        explanation=Signal::derive(move || explain(&Figure::BudgetTime { target: t, span }))/></td>
                                    <td class="num">{count(e.expected_events)}</td>
                                    <td class="num"><Explain text=count(e.allowed_bad_events)
                                        explanation=Signal::derive(move || explain(&Figure::BudgetEvents { target: t, span, events_per_second: eps }))/></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            {move || {
                let (t, w, b) = facts.get();
                match b {
                    BudgetingMethod::Timeslices { slice, .. } | BudgetingMethod::RatioTimeslices { slice } => Some(view! {
                        <p data-testid="slice-budget">{format!("With {} slices: {} bad slices allowed per window.",
                            slice.human(), count(budget::timeslice_budget(t, w.nominal(), slice)))}</p>
                    }),
                    BudgetingMethod::Occurrences => None,
                }
            }}
        </section>
    }
}

fn count_plain(x: f64) -> String {
    slo_engine::model::format_percent(x)
}
