//! The pitfall findings list: each finding of `lint::lint_project` with its
//! explanation, and a way to acknowledge it with a reason (kept in
//! `Project.acknowledged`) or to withdraw the acknowledgement.

use crate::ui::components::glossary::focus_by_id;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::diag::Level;
use slo_engine::lint::{self, Finding, LintContext};

pub fn level_label(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Error => ("error", "✖ Error"),
        Level::Warning => ("warning", "⚠ Warning"),
        Level::Info => ("info", "ℹ Note"),
    }
}

/// Findings of the whole project, or of one SLO when `slo_id` is given.
/// `context` supplies facts the model does not hold (traffic, history).
#[component]
pub fn Findings(
    #[prop(into, optional)] slo_id: Option<Signal<String>>,
    #[prop(into, optional)] context: Option<Signal<LintContext>>,
    /// Heading id prefix, so two lists on one page keep unique ids.
    prefix: &'static str,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let findings = Memo::new(move |_| {
        let mut ctx = context.map(|c| c.get()).unwrap_or_default();
        // What the Iteration page measured, unless the caller knows better.
        ws.history_sli.with(|h| {
            for (id, sli) in h {
                let facts = ctx.slos.entry(id.clone()).or_default();
                facts.history_sli = facts.history_sli.or(Some(*sli));
            }
        });
        let only = slo_id.map(|s| s.get());
        ws.project.with(|p| {
            // Named zones are checked once the time-zone database is loaded:
            // asking starts the load, and its end lints again.
            for slo in &p.slos {
                crate::ui::zones::status_of(slo);
            }
            lint::lint_project(p, &ctx)
                .into_iter()
                .filter(|f| {
                    only.as_ref()
                        .is_none_or(|id| f.slo_id.as_deref() == Some(id.as_str()))
                })
                .collect::<Vec<Finding>>()
        })
    });
    let open = move || findings.with(|f| f.iter().filter(|x| !x.acknowledged).count());
    view! {
        <div class="findings-block" data-testid=format!("{prefix}-findings")>
            <p class="findings-summary" role="status">{move || {
                let (n, all) = (open(), findings.with(Vec::len));
                match (n, all) {
                    (0, 0) => "No pitfall found.".to_string(),
                    (0, a) => format!("All {a} findings acknowledged."),
                    (n, a) => format!("{n} finding{} to look at ({} acknowledged).", if n == 1 { "" } else { "s" }, a - n),
                }
            }}</p>
            <ul class="findings">
                {move || findings.get().into_iter().enumerate().map(|(k, f)| view! { <FindingItem f=f key=format!("{prefix}-{k}")/> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn FindingItem(f: Finding, key: String) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let (class, label) = level_label(f.level);
    let reason = RwSignal::new(String::new());
    let id = f.id.clone();
    let id_ack = f.id.clone();
    let id_withdraw = f.id.clone();
    let input_id = format!("ack-{key}");
    let withdraw_id = format!("withdraw-{key}");
    // The list is rebuilt when a finding changes state; keep keyboard focus
    // on the same finding (its order does not change).
    let focus_later = |id: String| request_animation_frame(move || focus_by_id(&id));
    let (to_withdraw, to_input) = (withdraw_id.clone(), input_id.clone());
    let given = ws
        .project
        .with_untracked(|p| p.acknowledged.get(&id).cloned());
    view! {
        <li class=format!("finding finding-{class}") class:acknowledged=f.acknowledged data-finding=f.id.clone()>
            <div class="finding-head">
                <span class=format!("badge badge-{class}")>{label}</span>
                <strong>{f.title.clone()}</strong>
            </div>
            <p>{f.explanation.clone()}</p>
            {if f.acknowledged {
                view! {
                    <p class="ack">"✓ Acknowledged: "{given.unwrap_or_default()}" "
                        <button type="button" id=withdraw_id.clone() on:click=move |_| {
                            let k = id_withdraw.clone();
                            ws.update(|p| { p.acknowledged.remove(&k); });
                            focus_later(to_input.clone());
                        }>
                            "Withdraw"<span class="visually-hidden">{format!(" acknowledgement of {}", f.title)}</span></button></p>
                }.into_any()
            } else {
                view! {
                    <form class="inline-form ack-form no-print" on:submit=move |ev| {
                        ev.prevent_default();
                        let r = reason.get_untracked().trim().to_string();
                        if r.is_empty() { return; }
                        let k = id_ack.clone();
                        ws.update(|p| { p.acknowledged.insert(k, r); });
                        focus_later(to_withdraw.clone());
                    }>
                        <div class="field"><label for=input_id.clone()>"Reason to acknowledge"</label>
                            <input id=input_id type="text" placeholder="We know because…"
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/></div>
                        <button type="submit" disabled=move || reason.with(|r| r.trim().is_empty())>"Acknowledge"</button>
                    </form>
                }.into_any()
            }}
        </li>
    }
}
