//! The error budget policy: the template's sections to fill in, each with a
//! prompt and a suggested first draft the team can take and adapt.

use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::ErrorBudgetPolicy;

type PolicyGet = fn(&ErrorBudgetPolicy) -> &String;
type PolicySet = fn(&mut ErrorBudgetPolicy) -> &mut String;

/// Section id, heading, prompt, suggested first draft, accessors.
const SECTIONS: [(&str, &str, &str, &str, PolicyGet, PolicySet); 6] = [
    ("purpose", "Purpose", "Why this policy exists: what the team protects, and how it balances reliability against feature work.",
     "This policy says how we balance reliability and feature work for this service, using the error budget as one signal for planning, not as a freeze rule.",
     |p| &p.purpose, |p| &mut p.purpose),
    ("slo-miss", "SLO miss policy", "What happens while budget is left, when risky work is planned with little left, and when the budget is spent.",
     "While budget is left, releases go on. With little budget left, risky changes are assessed first. When the budget is spent, reliability work comes first in the next plans and each risky release is weighed with the accountable person until the SLO is met again; budget spent by miscategorised errors does not count.",
     |p| &p.slo_miss, |p| &mut p.slo_miss),
    ("outage", "Outage policy", "What a single large incident triggers (for example a postmortem above a share of the budget).",
     "A single incident spending more than 20% of the budget gets a blameless postmortem with at least one high-priority action item.",
     |p| &p.outage, |p| &mut p.outage),
    ("escalation", "Escalation policy", "Who declares a miss, who owns it, who is informed, and how resolution is announced.",
     "Declare the miss, name an owner, find the root cause and impact, inform stakeholders; product prioritises the fix, engineering owns it and reports status until resolution is announced. Disagreements go to the accountable person in the RACI chart.",
     |p| &p.escalation, |p| &mut p.escalation),
    ("exclusions", "Exclusions and exceptions", "What does not count against the budget, and how an exception to the policy is documented, ratified and tracked.",
     "Announced maintenance and errors caused by clients are excluded. An exception (keeping committed work despite a spent budget) is documented, ratified by the accountable person, announced and tracked.",
     |p| &p.exclusions, |p| &mut p.exclusions),
    ("review", "Review cadence", "How often the budget and the targets are looked at, and by whom.",
     "The team looks at the budget weekly in planning; once a month it reviews trends and targets that are too tight or too loose.",
     |p| &p.review_cadence, |p| &mut p.review_cadence),
];

#[component]
pub fn PolicyEditor() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let share_draft = RwSignal::new(slo_engine::model::percent_field(
        ws.project
            .with_untracked(|p| p.policy.single_incident_share),
        10,
    ));
    let share_error = RwSignal::new(None::<String>);
    view! {
        <section class="card policy print-section" aria-labelledby="policy-title">
            <h2 id="policy-title">"Error budget policy"</h2>
            <p>"The "<Term id="error-budget-policy" text="policy"/>" is what the team agrees to do with the budget. "
               "Treat the budget as one signal for planning, not as a freeze rule: “no budget, no features” is the thing to avoid."</p>
            {SECTIONS.into_iter().map(|(id, title, prompt, suggestion, get, set)| {
                let fid = format!("policy-{id}");
                let hint_id = format!("policy-{id}-hint");
                view! {
                    <div class="field policy-section">
                        <label for=fid.clone()>{title}</label>
                        <small class="hint" id=hint_id.clone()>{prompt}</small>
                        <textarea id=fid rows="3" aria-describedby=hint_id
                            prop:value=move || ws.project.with(|p| get(&p.policy).clone())
                            on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| *set(&mut p.policy) = v); }></textarea>
                        {move || ws.project.with(|p| get(&p.policy).trim().is_empty()).then(|| view! {
                            <button type="button" class="no-print" on:click=move |_| ws.update(|p| *set(&mut p.policy) = suggestion.to_string())>
                                "Use the suggested first draft"<span class="visually-hidden">{format!(" for {title}")}</span></button>
                        })}
                    </div>
                }
            }).collect_view()}
            <div class="field"><label for="policy-incident-share">"A single incident above this share of the budget triggers a postmortem (%)"</label>
                <input id="policy-incident-share" type="text" inputmode="decimal" prop:value=move || share_draft.get()
                    aria-invalid=move || share_error.with(Option::is_some).to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        match slo_engine::model::parse_share_percent(&v) {
                            Ok(x) => { share_error.set(None); ws.update(|p| p.policy.single_incident_share = x); }
                            Err(e) => share_error.set(Some(format!("{e}, such as 20"))),
                        }
                        share_draft.set(v);
                    }/>
                {move || share_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</div>
        </section>
    }
}
