//! The iteration review: the review questions of the SLO lifecycle
//! (`slo_engine::review`), each with the figures from the replay that answer it,
//! a note per question saved in `Project.review_notes`, and the next revisit
//! date of the SLO.

use super::Iter;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::review::{figures_for, QUESTIONS};
use slo_engine::worker::DataSummary;
use std::sync::Arc;

#[component]
pub fn Review(data: Arc<DataSummary>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let revisit = move || {
        let i = it.slo_index.get();
        ws.project
            .with(|p| p.slos.get(i).map(|s| s.revisit.clone()).unwrap_or_default())
    };
    let set_revisit = move |v: String| {
        let i = it.slo_index.get_untracked();
        ws.update(|p| {
            if let Some(s) = p.slos.get_mut(i) {
                s.revisit = v
            }
        });
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
                    // Six fields labelled "Notes" alone read the same to a screen
                    // reader: each one's name carries its question.
                    let (q_id, label_id, fig_id) = (format!("{field}-q"), format!("{field}-label"), format!("{field}-figure"));
                    view! {
                        <li>
                            <h3 id=q_id.clone()>{*q}</h3>
                            <p class="figure" id=fig_id.clone()>{figure}</p>
                            <label for=field.clone() id=label_id.clone()>"Notes"</label>
                            <textarea id=field rows="2" prop:value=note
                                aria-labelledby=format!("{label_id} {q_id}") aria-describedby=fig_id
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
