//! The error budget policy: the template's sections to fill in, each with a
//! prompt and a suggested first draft the team can take and adapt, and the
//! tiers the replay evaluates (add, remove, reorder; each with its
//! conditions, actions and who decides). Tier types, the suggested ladder,
//! validation and the parsing of typed values are `slo_engine::policy`'s.

use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::{ErrorBudgetPolicy, Span};
use slo_engine::policy::{self, Condition, Tier, CONDITION_KINDS};

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
            <TierEditor/>
        </section>
    }
}

/// The tier at `i`, read from the project (tracked).
fn with_tier<T>(ws: Workspace, i: usize, f: impl FnOnce(&Tier) -> T) -> Option<T> {
    ws.project.with(|p| p.policy.tiers.get(i).map(f))
}

fn update_tier(ws: Workspace, i: usize, f: impl FnOnce(&mut Tier)) {
    ws.update(|p| {
        if let Some(t) = p.policy.tiers.get_mut(i) {
            f(t)
        }
    });
}

fn condition(ws: Workspace, i: usize, j: usize) -> Option<Condition> {
    with_tier(ws, i, |t| t.when.get(j).copied()).flatten()
}

fn update_condition(ws: Workspace, i: usize, j: usize, f: impl FnOnce(&mut Condition)) {
    update_tier(ws, i, |t| {
        if let Some(c) = t.when.get_mut(j) {
            f(c)
        }
    });
}

/// Moves focus to `id` once the list is drawn again.
fn focus_later(id: String) {
    request_animation_frame(move || crate::ui::components::glossary::focus_by_id(&id));
}

/// The tiers, mildest first. The list is drawn again only when its shape
/// changes (tiers, conditions, their kinds), so typing keeps the focus.
#[component]
fn TierEditor() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let shape = Memo::new(move |_| {
        ws.project.with(|p| {
            p.policy
                .tiers
                .iter()
                .map(|t| t.when.iter().map(Condition::kind).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        ws.update(|p| {
            p.policy.tiers.push(Tier {
                name: format!("Tier {}", p.policy.tiers.len() + 1),
                ..Tier::default()
            })
        });
        focus_later(format!(
            "tier-{}-name",
            shape.get_untracked().len().saturating_sub(1)
        ));
    };
    view! {
        <div class="tiers" role="group" aria-labelledby="tiers-title">
            <h3 id="tiers-title">"Tiers: what the team does as the budget goes"</h3>
            <p class="hint">"Each tier applies while any of its conditions holds; list them mildest first (when several apply, the last one listed does). \
                The Iteration page replays them on real data. The suggested ladder is a set of signals (look, plan reliability work, escalate), never a freeze."</p>
            <ol class="tier-list">
                {move || shape.get().into_iter().enumerate().map(|(i, kinds)| view! {
                    <TierCard index=i kinds=kinds count=shape.get_untracked().len()/>
                }).collect_view()}
            </ol>
            {move || shape.with(Vec::is_empty).then(|| view! {
                <p class="hint" id="tiers-empty">"No tiers: the replay shows none. Add one, or start from the suggested ladder."</p>
            })}
            <div class="button-row no-print">
                <button type="button" id="tier-add" on:click=add>"Add a tier"</button>
                {move || shape.with(Vec::is_empty).then(|| view! {
                    <button type="button" id="tier-ladder" on:click=move |_| ws.update(|p| p.policy.tiers = policy::default_ladder())>
                        "Use the suggested ladder"</button>
                })}
            </div>
        </div>
    }
}

#[component]
fn TierCard(index: usize, kinds: Vec<&'static str>, count: usize) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let i = index;
    let id = move |part: &str| format!("tier-{i}-{part}");
    let name = Memo::new(move |_| with_tier(ws, i, |t| t.name.clone()).unwrap_or_default());
    let problems = Memo::new(move |_| {
        ws.project.with(|p| {
            policy::validate(&p.policy.tiers, &p.raci)
                .into_iter()
                .filter(|x| x.tier == i)
                .map(|x| x.message)
                .collect::<Vec<_>>()
        })
    });
    // Each persona of the team's chart, in its words, with the people who play it.
    let personas = Memo::new(move |_| {
        ws.project.with(|p| {
            (0..p.raci.persona_count())
                .map(|k| {
                    let persona = p.raci.persona_name(k);
                    let names: Vec<&str> = p
                        .people
                        .iter()
                        .filter(|x| x.persona == k)
                        .map(|x| x.name.as_str())
                        .collect();
                    if names.is_empty() {
                        persona
                    } else {
                        format!("{persona} — {}", names.join(", "))
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let swap = move |a: usize, b: usize, focus: String| {
        ws.update(|p| {
            if a < p.policy.tiers.len() && b < p.policy.tiers.len() {
                p.policy.tiers.swap(a, b)
            }
        });
        focus_later(focus);
    };
    let remove = move |_| {
        ws.update(|p| {
            if i < p.policy.tiers.len() {
                p.policy.tiers.remove(i);
            }
        });
        focus_later(if count > 1 {
            format!("tier-{}-name", i.saturating_sub(1).min(count - 2))
        } else {
            "tier-add".into()
        });
    };
    let add_condition = move |_| {
        update_tier(ws, i, |t| {
            t.when.push(Condition::BudgetBelow { share: 0.5 })
        });
        focus_later(format!(
            "tier-{i}-cond-{}-kind",
            kinds_len(ws, i).saturating_sub(1)
        ));
    };
    let hidden = move || format!(" “{}”", name.get());
    view! {
        <li class="tier card-inner" data-tier=i>
            <h4 id=id("title")>{move || format!("Tier {}: {}", i + 1, name.get())}</h4>
            <div class="field">
                <label for=id("name")>"Name"</label>
                <input id=id("name") type="text" prop:value=move || name.get()
                    on:input=move |ev| { let v = event_target_value(&ev); update_tier(ws, i, |t| t.name = v); }/>
            </div>
            <fieldset class="tier-conditions">
                <legend>"Applies while any of these holds"</legend>
                <ul>
                    {kinds.into_iter().enumerate().map(|(j, kind)| view! { <ConditionRow tier=i index=j kind=kind/> }).collect_view()}
                </ul>
                <button type="button" class="no-print" id=id("add-condition") on:click=add_condition>
                    "Add a condition"<span class="visually-hidden">{hidden}</span></button>
            </fieldset>
            <div class="field">
                <label for=id("actions")>"Actions, in the team's words"</label>
                <textarea id=id("actions") rows="2"
                    prop:value=move || with_tier(ws, i, |t| t.actions.clone()).unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); update_tier(ws, i, |t| t.actions = v); }></textarea>
            </div>
            <div class="field">
                <label for=id("decides")>"Who decides"</label>
                <select id=id("decides")
                    prop:value=move || with_tier(ws, i, |t| t.decides.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<usize>() { update_tier(ws, i, |t| t.decides = v); }
                    }>
                    {move || personas.get().into_iter().enumerate().map(|(k, label)| {
                        view! { <option value=k.to_string() selected=move || with_tier(ws, i, |t| t.decides == k).unwrap_or(false)>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="tier-problems" role="status">{list.into_iter().map(|m| view! { <li class="error">{m}</li> }).collect_view()}</ul>
                })
            }}
            <div class="button-row no-print">
                <button type="button" id=id("up") disabled={i == 0}
                    on:click=move |_| swap(i, i.saturating_sub(1), format!("tier-{}-up", i.saturating_sub(1)))>
                    "Move up"<span class="visually-hidden">{hidden}</span></button>
                <button type="button" id=id("down") disabled={i + 1 >= count}
                    on:click=move |_| swap(i, i + 1, format!("tier-{}-down", i + 1))>
                    "Move down"<span class="visually-hidden">{hidden}</span></button>
                <button type="button" class="danger" id=id("remove") on:click=remove>
                    "Remove tier"<span class="visually-hidden">{hidden}</span></button>
            </div>
        </li>
    }
}

fn kinds_len(ws: Workspace, i: usize) -> usize {
    ws.project
        .with_untracked(|p| p.policy.tiers.get(i).map_or(0, |t| t.when.len()))
}

/// One condition: its kind and its values, each typed and read back through
/// the engine's parsers.
#[component]
fn ConditionRow(tier: usize, index: usize, kind: &'static str) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let (i, j) = (tier, index);
    let base = format!("tier-{i}-cond-{j}");
    let kind_id = format!("{base}-kind");
    let on_kind = move |ev: leptos::ev::Event| {
        if let Some(c) = Condition::of_kind(&event_target_value(&ev)) {
            update_condition(ws, i, j, |x| *x = c);
            focus_later(format!("tier-{i}-cond-{j}-kind"));
        }
    };
    let remove = move |_| {
        update_tier(ws, i, |t| {
            if j < t.when.len() {
                t.when.remove(j);
            }
        });
        focus_later(format!("tier-{i}-add-condition"));
    };
    let values = match kind {
        "budget_below" => view! {
            <ValueField id=format!("{base}-share") label="Budget left below (%)"
                read=move || condition(ws, i, j).map(|c| match c { Condition::BudgetBelow { share } => slo_engine::model::percent_field(share, 2), _ => String::new() })
                write=move |text: &str| policy::parse_budget_share(text).map(|v| update_condition(ws, i, j, |c| *c = Condition::BudgetBelow { share: v }))/>
        }.into_any(),
        "incident_above" => view! {
            <ValueField id=format!("{base}-share") label="Share of the budget (%)"
                read=move || condition(ws, i, j).map(|c| match c { Condition::IncidentAbove { share } => slo_engine::model::percent_field(share, 2), _ => String::new() })
                write=move |text: &str| slo_engine::model::parse_share_percent(text).map(|v| update_condition(ws, i, j, |c| *c = Condition::IncidentAbove { share: v }))/>
        }.into_any(),
        "missed_windows" => view! {
            <ValueField id=format!("{base}-count") label="Windows in a row"
                read=move || condition(ws, i, j).map(|c| match c { Condition::MissedWindows { count } => count.to_string(), _ => String::new() })
                write=move |text: &str| policy::parse_window_count(text).map(|v| update_condition(ws, i, j, |c| *c = Condition::MissedWindows { count: v }))/>
        }.into_any(),
        _ => view! {
            <ValueField id=format!("{base}-factor") label="Burn rate above (x)"
                read=move || condition(ws, i, j).map(|c| match c { Condition::BurnAbove { factor, .. } => slo_engine::format::trim_zeros(factor, 2), _ => String::new() })
                write=move |text: &str| slo_engine::model::parse_factor(text).map(|v| update_condition(ws, i, j, |c| if let Condition::BurnAbove { factor, .. } = c { *factor = v }))/>
            <ValueField id=format!("{base}-over") label="Over the last"
                read=move || condition(ws, i, j).map(|c| match c { Condition::BurnAbove { over, .. } => over.prometheus(), _ => String::new() })
                write=move |text: &str| Span::parse(text).map(|v| update_condition(ws, i, j, |c| if let Condition::BurnAbove { over, .. } = c { *over = v }))/>
        }.into_any(),
    };
    view! {
        <li class="tier-condition">
            <div class="field">
                <label for=kind_id.clone()>"Condition"</label>
                <select id=kind_id prop:value=kind on:change=on_kind>
                    {CONDITION_KINDS.iter().map(|k| view! {
                        <option value=*k selected={*k == kind}>{Condition::kind_label(k)}</option>
                    }).collect_view()}
                </select>
            </div>
            {values}
            <button type="button" class="no-print" on:click=remove>
                "Remove condition"<span class="visually-hidden">{format!(" {} of tier {}", j + 1, i + 1)}</span></button>
        </li>
    }
}

/// A typed value: shows the model's value, writes it back when the text
/// parses, and says why when it does not (the model keeps its last value).
#[component]
fn ValueField(
    id: String,
    label: &'static str,
    read: impl Fn() -> Option<String> + Send + Sync + 'static,
    write: impl Fn(&str) -> Result<(), String> + Send + Sync + 'static,
) -> impl IntoView {
    let shown = Memo::new(move |_| read().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" inputmode="decimal" prop:value=move || shown.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| error.set(write(&event_target_value(&ev)).err())/>
            // Always present (the input names it), styled as an error only when there is one.
            <span class:error=move || error.with(Option::is_some) id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}
