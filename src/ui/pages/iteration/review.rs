//! The iteration review: the review questions of the SLO lifecycle, each
//! with the figures from the replay that answer it, a note per question
//! (saved in `Project.review_notes`, which the Markdown export includes) and
//! the next revisit date of the SLO.

use super::format;
use super::Iter;
use crate::model::{Severity, Slo};
use crate::ui::store::Workspace;
use crate::worker::{DataSummary, Report};
use leptos::prelude::*;
use std::sync::Arc;

/// Question ids are the keys of `Project.review_notes`.
pub const QUESTIONS: [(&str, &str); 6] = [
    ("customer-happiness", "Do the SLOs still reflect customer happiness (feedback, telemetry)?"),
    ("sli-still-right", "Are the SLIs still right, or are there newer or cheaper ones?"),
    ("still-needed", "Is each SLO still needed?"),
    ("met", "Are they met, and if not, why and who fixes it?"),
    ("threats", "What usually threatens the budget, and how can it be mitigated?"),
    ("burn-rate", "What is the burn rate, and will corrective action be needed at this rate?"),
];

/// The figures that answer one question.
pub fn figures_for(id: &str, r: &Report, slo: &Slo, data: &DataSummary, slo_count: usize) -> String {
    let pages = r.alerts.iter().filter(|a| a.severity == Severity::Page).count();
    let tickets = r.alerts.len() - pages;
    let span = (r.x_range.1 - r.x_range.0).max(1);
    match id {
        "customer-happiness" => format!(
            "SLI {} against {}%; {} incident{} spent more than the policy's share of the budget. Compare with support tickets and user feedback of the same period.",
            format::ratio(r.sli),
            slo.target,
            r.incidents.len(),
            if r.incidents.len() == 1 { "" } else { "s" }
        ),
        "sli-still-right" => format!(
            "The data measures {} ({}), {} rows with {} warning{}.",
            data.kind,
            data.columns.join(", "),
            data.rows,
            data.diagnostics.len(),
            if data.diagnostics.len() == 1 { "" } else { "s" }
        ),
        "still-needed" => format!(
            "The project has {slo_count} SLO draft{}; this one would have paged {pages} time{} and ticketed {tickets} time{} in {}.",
            if slo_count == 1 { "" } else { "s" },
            if pages == 1 { "" } else { "s" },
            if tickets == 1 { "" } else { "s" },
            format::duration(span)
        ),
        "met" => {
            if r.sli >= slo.target.ratio() && r.exhausted.is_empty() {
                format!("Met: SLI {}, {} of the budget left.", format::ratio(r.sli), format::share(r.budget_remaining))
            } else {
                format!(
                    "Not met: SLI {}, budget {} at the end, exhausted {} time{}.",
                    format::ratio(r.sli),
                    format::share(r.budget_remaining),
                    r.exhausted.len(),
                    if r.exhausted.len() == 1 { "" } else { "s" }
                )
            }
        }
        "threats" => match r.incidents.iter().max_by(|a, b| a.budget_spent.total_cmp(&b.budget_spent)) {
            Some(i) => format!(
                "The largest incident, {} to {}, spent {} of the budget. Remediation examples: escalate an upstream dependency, roll back a defect, plan capacity.",
                format::when(i.start),
                format::when(i.end),
                format::share(i.budget_spent)
            ),
            None => "No single incident spent more than the policy's share; the budget went to background errors.".into(),
        },
        "burn-rate" => {
            let budget = slo.target.error_budget();
            let burn = if budget > 0.0 { (1.0 - r.sli) / budget } else { f64::NAN };
            let window = slo.window.nominal().seconds() as f64;
            let exhaust = if burn > 0.0 { format::duration((window / burn) as i64) } else { "never".into() };
            format!(
                "Average burn rate {} over the data: at this rate a full budget lasts {exhaust} (the window is {}).{}",
                format::factor(burn),
                slo.window.nominal(),
                if burn > 1.0 { " Corrective action is needed." } else { "" }
            )
        }
        _ => String::new(),
    }
}

#[component]
pub fn Review(data: Arc<DataSummary>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let revisit = move || {
        let i = it.slo_index.get();
        ws.project.with(|p| p.slos.get(i).map(|s| s.revisit.clone()).unwrap_or_default())
    };
    let set_revisit = move |v: String| {
        let i = it.slo_index.get_untracked();
        ws.update(|p| if let Some(s) = p.slos.get_mut(i) { s.revisit = v });
    };
    let slo_count = Memo::new(move |_| ws.project.with(|p| p.slos.len()));
    view! {
        <section class="review" aria-labelledby="review-h">
            <h2 id="review-h">"6. Review"</h2>
            <p class="hint">"The iteration review's questions, with the figures from this data. Notes are saved with the project and exported with the Markdown document."</p>
            <ol class="review-questions">
                {QUESTIONS.iter().map(|(id, q)| {
                    let id = *id;
                    let data = data.clone();
                    let figure = move || {
                        let r = it.engine.reports[0].get()?;
                        let slo = it.slo.get()?;
                        Some(figures_for(id, &r, &slo, &data, slo_count.get()))
                    };
                    let note = move || ws.project.with(|p| p.review_notes.get(id).cloned().unwrap_or_default());
                    let field = format!("review-{id}");
                    view! {
                        <li>
                            <h3>{*q}</h3>
                            <p class="figure">{figure}</p>
                            <label for=field.clone()>"Notes"</label>
                            <textarea id=field rows="2" prop:value=note
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    ws.update(|p| {
                                        if v.trim().is_empty() { p.review_notes.remove(id); } else { p.review_notes.insert(id.to_string(), v); }
                                    });
                                }></textarea>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="field">
                <label for="revisit-date">"Next revisit of this SLO"</label>
                <input id="revisit-date" type="date" prop:value=revisit on:change=move |ev| set_revisit(event_target_value(&ev))/>
            </div>
        </section>
    }
}
