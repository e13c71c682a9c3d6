//! The iteration review: the review questions of the SLO lifecycle
//! (`slo_engine::review`), each with the figures from the replay that answer it,
//! a note per question saved in `Project.review_notes` (per project, as older
//! files kept them), the next revisit date of the SLO, its dated review
//! journal (`slo_engine::journal`, a decision may change the target through
//! the change log) and the agenda of the SLO meeting as Markdown to copy.

use super::Iter;
use crate::ui::components::files;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::export::records::agenda_markdown;
use slo_engine::journal::{self, Figures, JournalEntry, Known};
use slo_engine::model::Target;
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
            <p class="hint">"The iteration review's questions, with the figures from this data. These notes are one set for the whole project (as earlier versions kept them) and are exported with the Markdown document; the journal below keeps dated reviews per SLO."</p>
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
            <Journal/>
            <Agenda/>
        </section>
    }
}

/// Today as `YYYY-MM-DD` (UTC).
fn today() -> String {
    slo_engine::format::day((js_sys::Date::now() / 1000.0) as i64)
}

/// The figures of the replay on screen.
fn replay_figures(it: Iter, ws: Workspace) -> Option<Figures> {
    let r = it.engine.reports[0].get()?;
    Some(ws.project.with(|p| Figures::of(&r, &p.policy.tiers)))
}

/// The selected SLO's dated reviews, and the form that adds one.
#[component]
fn Journal() -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let date = RwSignal::new(today());
    let attendees = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let new_target = RwSignal::new(String::new());
    let with_figures = RwSignal::new(true);
    let message = RwSignal::new(String::new());
    let entries = Memo::new(move |_| {
        let i = it.slo_index.get();
        ws.project
            .with(|p| p.slos.get(i).map(|s| s.journal.clone()).unwrap_or_default())
    });
    let add = move || {
        let target = match new_target.get_untracked().trim() {
            "" => None,
            t => match Target::parse(t) {
                Ok(t) => Some(t),
                Err(e) => return message.set(format!("Not added: {e}.")),
            },
        };
        let entry = JournalEntry {
            date: date.get_untracked(),
            attendees: attendees
                .get_untracked()
                .split(',')
                .map(str::to_string)
                .collect(),
            figures: if with_figures.get_untracked() {
                it.engine.reports[0].get_untracked().map(|r| {
                    ws.project
                        .with_untracked(|p| Figures::of(&r, &p.policy.tiers))
                })
            } else {
                None
            },
            notes: notes.get_untracked(),
            decisions: decisions.get_untracked(),
        };
        let i = it.slo_index.get_untracked();
        let mut result = Err("no SLO is selected".to_string());
        ws.update(|p| {
            if let Some(s) = p.slos.get_mut(i) {
                result = journal::add_entry(s, entry, target);
            }
        });
        match result {
            Ok(()) => {
                message.set(if target.is_some() {
                    "Added to the journal; the new target is in the change log.".into()
                } else {
                    "Added to the journal.".into()
                });
                for f in [notes, decisions, new_target] {
                    f.set(String::new());
                }
            }
            Err(e) => message.set(format!("Not added: {e}.")),
        }
    };
    view! {
        <h3 id="journal-h">"Review journal of this SLO"</h3>
        <p class="hint">"One dated entry per review: who attended, the figures of the replay at that time, notes and decisions. A decision may set a new target; it goes into the SLO's change log with the decision as its reason."</p>
        <ol class="journal" aria-labelledby="journal-h">
            {move || entries.get().into_iter().rev().map(|e| view! {
                <li class="journal-entry">
                    <strong>{format!("Review of {}", e.date)}</strong>
                    <span>{if e.attendees.is_empty() { " · attendees not recorded".to_string() } else { format!(" · {}", e.attendees.join(", ")) }}</span>
                    {e.figures.map(|f| view! { <p class="figure">{f.summary()}</p> })}
                    {(!e.notes.trim().is_empty()).then(|| view! { <p>{e.notes.clone()}</p> })}
                    {(!e.decisions.trim().is_empty()).then(|| view! { <p><strong>"Decisions: "</strong>{e.decisions.clone()}</p> })}
                </li>
            }).collect_view()}
        </ol>
        <form class="journal-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
            <div class="form-grid">
                <div class="field"><label for="journal-date">"Date of the review"</label>
                    <input id="journal-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></div>
                <div class="field"><label for="journal-attendees">"Attendees (comma-separated)"</label>
                    <input id="journal-attendees" type="text" prop:value=move || attendees.get() on:input=move |ev| attendees.set(event_target_value(&ev))/></div>
                <div class="field wide"><label for="journal-notes">"Notes"</label>
                    <textarea id="journal-notes" rows="2" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea></div>
                <div class="field wide"><label for="journal-decisions">"Decisions"</label>
                    <textarea id="journal-decisions" rows="2" prop:value=move || decisions.get() on:input=move |ev| decisions.set(event_target_value(&ev))></textarea></div>
                <div class="field"><label for="journal-target">"New target (%), if decided"</label>
                    <input id="journal-target" type="text" inputmode="decimal" placeholder="leave empty to keep it" prop:value=move || new_target.get() on:input=move |ev| new_target.set(event_target_value(&ev))/></div>
            </div>
            <div class="check"><input type="checkbox" id="journal-figures" prop:checked=move || with_figures.get() on:change=move |ev| with_figures.set(event_target_checked(&ev))/>
                <label for="journal-figures">{move || match replay_figures(it, ws) { Some(f) => format!("Keep the replay figures: {}", f.summary()), None => "Keep the replay figures".to_string() }}</label></div>
            <button type="submit" id="add-journal">"Add to the journal"</button>
            <p role="status" class="journal-status">{move || message.get()}</p>
        </form>
    }
}

/// The agenda of the regular SLO meeting, as Markdown to copy into the notes.
#[component]
fn Agenda() -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    let date = RwSignal::new(today());
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let generate = move |_| {
        let current = it
            .slo
            .get_untracked()
            .zip(it.engine.reports[0].get_untracked())
            .map(|(s, r)| Known {
                slo: s.id,
                as_of: "this replay".into(),
                figures: ws
                    .project
                    .with_untracked(|p| Figures::of(&r, &p.policy.tiers)),
            });
        match ws
            .project
            .with_untracked(|p| journal::agenda(p, &date.get_untracked(), current.as_ref()))
        {
            Ok(a) => {
                text.set(agenda_markdown(&a));
                status.set(String::new());
            }
            Err(e) => status.set(format!("No agenda: {e}.")),
        }
    };
    let copy = move |_| {
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            status.set(match files::copy(&t).await {
                Ok(()) => "Copied the agenda.".into(),
                Err(e) => e,
            });
        });
    };
    view! {
        <h3 id="agenda-h">"Agenda for the SLO meeting"</h3>
        <p class="hint">"For a meeting date: the SLOs due for revisit, budgets overspent, policy tiers triggered and alerts fired (from this replay for this SLO, from the latest journal entry for the others), changes still waiting for a reason, and open roadmap tasks."</p>
        <div class="inline-form">
            <div class="field"><label for="agenda-date">"Meeting date"</label>
                <input id="agenda-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></div>
            <button type="button" id="make-agenda" on:click=generate>"Generate the agenda"</button>
        </div>
        {move || (!text.get().is_empty()).then(|| view! {
            <label for="agenda-text">"Agenda (Markdown)"</label>
            <textarea id="agenda-text" class="code" rows="14" readonly=true prop:value=move || text.get()></textarea>
            <button type="button" id="copy-agenda" on:click=copy>"Copy the agenda"</button>
        })}
        <p role="status" class="agenda-status">{move || status.get()}</p>
    }
}
