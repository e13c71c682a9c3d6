//! The error budget policy's tiers on the replayed history: which tier
//! applied, from when to when, for how long, the actions the team wrote and
//! who decides. The spans come in the replay report (`policy::replay` in the
//! engine); the rows and sentences from `policy::timeline`, and each tier's
//! "why it applied" from `explain`. This module only places them.

use super::Iter;
use crate::ui::components::explain::Explain;
use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::explain::{explain, Figure};
use slo_engine::policy::{tier_sentences, timeline, Team};
use slo_engine::summary;

/// Spans listed in the table; the sentences above it count them all.
const SHOWN: usize = 20;

#[component]
pub fn TiersOnData() -> impl IntoView {
    let it = expect_context::<Iter>();
    let ws = expect_context::<Workspace>();
    move || {
        let r = it.engine.reports[0].get()?;
        let (sentences, rows, figures) = ws.project.with(|p| {
            let tiers = &p.policy.tiers;
            // One figure per row: the rows skip spans of tiers removed since.
            let figures: Vec<Figure> = r
                .tiers
                .iter()
                .take(SHOWN)
                .filter_map(|span| {
                    Some(Figure::TierApplied {
                        tier: tiers.get(span.tier)?.clone(),
                        span: *span,
                    })
                })
                .collect();
            (
                tier_sentences(tiers, &r.tiers),
                timeline(
                    tiers,
                    Team {
                        people: &p.people,
                        raci: &p.raci,
                    },
                    &r.tiers,
                    SHOWN,
                ),
                figures,
            )
        });
        let more = r.tiers.len().saturating_sub(SHOWN);
        let filling = it.slo.with(|s| {
            s.as_ref()
                .and_then(|s| summary::filling_window_note(&r, &s.window))
        });
        Some(view! {
            <section class="policy-on-data" aria-labelledby="policy-h">
                <h2 id="policy-h">"4. The error budget policy on this history"</h2>
                <p class="hint">"The tiers of the "<Term id="error-budget-policy" text="error budget policy"/>" replayed on the data: \
                    when several apply, the last one listed does. The budget is one signal for planning, not a freeze rule. \
                    Edit the tiers on the "<a href="#/implementation">"Implementation"</a>" page."</p>
                {filling.map(|f| view! { <p class="hint" id="policy-filling">{f}</p> })}
                {if sentences.is_empty() {
                    view! { <p id="tier-none">"The policy has no tiers: nothing to replay."</p> }.into_any()
                } else {
                    view! {
                        <ul class="tier-totals">
                            {sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!rows.is_empty()).then(|| view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Tier timeline">
                        <table class="tier-timeline">
                            <caption>"When each tier applied"</caption>
                            <thead><tr>
                                <th scope="col">"Tier"</th><th scope="col">"From"</th><th scope="col">"To"</th>
                                <th scope="col">"Duration"</th><th scope="col">"Actions"</th><th scope="col">"Who decides"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().zip(figures).map(|(row, figure)| view! {
                                    <tr>
                                        <th scope="row"><Explain text=row.tier
                                            explanation=Signal::derive(move || explain(&figure))/></th>
                                        <td>{row.from}</td>
                                        <td>{row.to}</td>
                                        <td>{row.duration}</td>
                                        <td>{row.actions}</td>
                                        <td>{row.decides}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
            </section>
        })
    }
}
