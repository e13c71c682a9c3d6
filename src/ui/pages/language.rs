//! The Language page: personas and the team's people, the editable RACI
//! chart with its warnings, and the glossary in full.
//!
//! Persona texts and terms come from `slo_engine::glossary`; RACI warnings from
//! the engine's RACI check (see `raci_warnings`).

use crate::ui::components::glossary::focus_by_id;
use crate::ui::components::undo::Removed;
use crate::ui::components::{PageFrame, Term, Undo};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::glossary::{PERSONAS, TERMS};
use slo_engine::lint;
use slo_engine::model::{slug, Person, Raci, RACI_PERSONAS, RACI_STEPS};

#[component]
pub fn LanguagePage() -> impl IntoView {
    view! {
        <PageFrame title="Language: people, roles and words" page="language">
            <p class="lead">
                "Before numbers, agree on words and roles. Map your people to the seven "<Term id="persona" text="personas"/>
                ", adapt the "<Term id="raci" text="RACI chart"/>" (who is responsible, accountable, consulted, informed for each step), "
                "and keep the glossary at hand: every term on these pages opens its definition in one click."
            </p>
            <Personas/>
            <RaciChart/>
            <GlossarySection/>
        </PageFrame>
    }
}

#[component]
fn Personas() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let new_name = RwSignal::new(String::new());
    let new_persona = RwSignal::new(0_usize);
    // Rows rebuild only when the count changes, so typing keeps focus.
    let count = Memo::new(move |_| ws.project.with(|p| p.people.len()));
    let add = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return;
        }
        let persona = new_persona.get_untracked();
        ws.update(|p| p.people.push(Person { name, persona }));
        new_name.set(String::new());
    };
    view! {
        <section class="card" aria-labelledby="personas-title">
            <h2 id="personas-title">"Personas and your people"</h2>
            <p>"One person may play several personas in a small team; a persona may have several people in a large one."</p>
            <ul class="persona-grid">
                {PERSONAS.iter().enumerate().map(|(i, p)| view! {
                    <li class="persona">
                        <h3>{p.name}</h3>
                        <p><strong>"Cares about: "</strong>{p.cares_about}</p>
                        <p><strong>"With SLOs: "</strong>{p.role_in_slos}</p>
                        <p class="persona-people"><strong>"Who: "</strong>{move || {
                            let names = ws.project.with(|pr| pr.people.iter().filter(|x| x.persona == i).map(|x| x.name.clone()).collect::<Vec<_>>());
                            if names.is_empty() { "nobody yet".to_string() } else { names.join(", ") }
                        }}</p>
                    </li>
                }).collect_view()}
            </ul>

            <h3>"Your people"</h3>
            {move || (count.get() == 0).then(|| view! { <p class="hint">"No one yet: add the people of your team below."</p> })}
            <table class="people" class:empty=move || count.get() == 0>
                <caption class="visually-hidden">"People and the persona each plays"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Persona"</th><th scope="col" class="actions"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    {move || (0..count.get()).map(|i| {
                        let name = move || ws.project.with(|p| p.people.get(i).map(|x| x.name.clone()).unwrap_or_default());
                        let persona = move || ws.project.with(|p| p.people.get(i).map(|x| x.persona).unwrap_or(0));
                        view! {
                            <tr>
                                <td><label class="visually-hidden" for=format!("person-name-{i}")>{format!("Name of person {}", i + 1)}</label>
                                    <input id=format!("person-name-{i}") type="text" prop:value=name
                                        on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| if let Some(x) = p.people.get_mut(i) { x.name = v; }); }/></td>
                                <td><label class="visually-hidden" for=format!("person-persona-{i}")>{move || format!("Persona of {}", name())}</label>
                                    <select id=format!("person-persona-{i}")
                                        on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); ws.update(|p| if let Some(x) = p.people.get_mut(i) { x.persona = v; }); }>
                                        {RACI_PERSONAS.iter().enumerate().map(|(k, n)| view! { <option value=k.to_string() selected=move || persona() == k>{*n}</option> }).collect_view()}
                                    </select></td>
                                <td class="actions"><button type="button" id=format!("person-remove-{i}") on:click=move |_| {
                                    let removed = ws.project.with_untracked(|p| p.people.get(i).cloned());
                                    if let Some(person) = removed {
                                        ws.update(|p| { p.people.remove(i); });
                                        undo.offer(format!("Removed {}.", person.name), Removed::Person { index: i, person });
                                        // Rows are rebuilt: keep focus on the row that took this place, or the one above.
                                        let left = count.get_untracked();
                                        let next = if i < left { format!("person-remove-{i}") } else if left > 0 { format!("person-remove-{}", left - 1) } else { "new-person-name".into() };
                                        request_animation_frame(move || focus_by_id(&next));
                                    }
                                }>"Remove"<span class="visually-hidden">{move || format!(" {}", name())}</span></button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <div class="field"><label for="new-person-name">"Name"</label>
                    <input id="new-person-name" type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/></div>
                <div class="field"><label for="new-person-persona">"Persona"</label>
                    <select id="new-person-persona" on:change=move |ev| new_persona.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {RACI_PERSONAS.iter().enumerate().map(|(k, n)| view! { <option value=k.to_string() selected=move || new_persona.get() == k>{*n}</option> }).collect_view()}
                    </select></div>
                <button type="submit">"Add person"</button>
            </form>
        </section>
    }
}

/// Values a RACI cell can take in the editor; other letters typed in a
/// project file are kept and shown as they are.
const CELL_CHOICES: [(&str, &str); 9] = [
    ("", "—"),
    ("R", "R"),
    ("A", "A"),
    ("C", "C"),
    ("I", "I"),
    ("AR", "A/R"),
    ("RC", "R/C"),
    ("AC", "A/C"),
    ("CI", "C/I"),
];

/// The engine's RACI findings, grouped by lifecycle step (row), each as its title.
fn raci_warnings(raci: &Raci) -> Vec<Vec<String>> {
    let findings = lint::raci_findings(raci);
    RACI_STEPS
        .iter()
        .map(|step| {
            let step_id = slug(step);
            findings
                .iter()
                .filter(|f| lint::FindingId::parse(&f.id).is_some_and(|id| id.subject == step_id))
                .map(|f| f.title.clone())
                .collect()
        })
        .collect()
}

/// A heading that may wrap after each slash ("Engineering/ Quality Lead")
/// instead of inside a word, in the narrow columns of the chart.
fn breakable(heading: &str) -> String {
    heading.replace('/', "/\u{200B}")
}

#[component]
fn RaciChart() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let warnings = Memo::new(move |_| ws.project.with(|p| raci_warnings(&p.raci)));
    let total = move || warnings.with(|w| w.iter().map(Vec::len).sum::<usize>());
    view! {
        <section class="card raci-section print-section" aria-labelledby="raci-title">
            <h2 id="raci-title">"RACI chart"</h2>
            <p>
                <strong>"R"</strong>" responsible (does the work), "<strong>"A"</strong>" accountable (owns the outcome, exactly one per step), "
                <strong>"C"</strong>" consulted (asked before), "<strong>"I"</strong>" informed (told after). "
                "Pre-filled with the SIG-SRE defaults; its first row has two A's on purpose, so you can see how the warnings work."
            </p>
            <p class="raci-summary" role="status">{move || match total() {
                0 => "No warnings: every step has one accountable person and someone responsible.".to_string(),
                n => format!("⚠ {n} warning{} in the chart.", if n == 1 { "" } else { "s" }),
            }}</p>
            // No scroll box of its own on a wide window, so the header row sticks to the window's top.
            <div class="raci-wrap" tabindex="0" role="region" aria-label="RACI chart">
            <table class="raci">
                <caption class="visually-hidden">"RACI chart: lifecycle steps by persona"</caption>
                <colgroup>
                    <col class="raci-step-col"/>
                    {RACI_PERSONAS.iter().map(|_| view! { <col/> }).collect_view()}
                    <col class="raci-warning-col"/>
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        {RACI_PERSONAS.iter().enumerate().map(|(k, n)| view! {
                            <th scope="col"><span class="persona-name">{breakable(n)}</span>
                                <span class="people-names">{move || ws.project.with(|p| p.people.iter().filter(|x| x.persona == k).map(|x| x.name.clone()).collect::<Vec<_>>().join(", "))}</span></th>
                        }).collect_view()}
                        <th scope="col">"Warnings"</th>
                    </tr>
                </thead>
                <tbody>
                    {RACI_STEPS.iter().enumerate().map(|(s, step)| view! {
                        <tr class:has-warning=move || warnings.with(|w| w.get(s).map(|x| !x.is_empty()).unwrap_or(false))>
                            <th scope="row">{breakable(step)}</th>
                            {(0..RACI_PERSONAS.len()).map(|k| {
                                let value = Memo::new(move |_| ws.project.with(|p| p.raci.cells.get(s).and_then(|r| r.get(k)).cloned().unwrap_or_default()));
                                view! {
                                    <td>
                                        <label class="visually-hidden" for=format!("raci-{s}-{k}")>{format!("{}, {}", step, RACI_PERSONAS[k])}</label>
                                        <select id=format!("raci-{s}-{k}") class="raci-cell"
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                ws.update(|p| {
                                                    // Older or hand-edited files may have short rows: pad them first.
                                                    if p.raci.cells.len() <= s { p.raci.cells.resize(RACI_STEPS.len(), Vec::new()); }
                                                    if let Some(row) = p.raci.cells.get_mut(s) {
                                                        if row.len() <= k { row.resize(RACI_PERSONAS.len(), String::new()); }
                                                        if let Some(c) = row.get_mut(k) { *c = v; }
                                                    }
                                                });
                                            }>
                                            {move || {
                                                // A letter combination typed in a project file is shown as it is.
                                                let current = value.get();
                                                (!CELL_CHOICES.iter().any(|(v, _)| *v == current))
                                                    .then(|| view! { <option value=current.clone() selected=true>{current.clone()}</option> })
                                            }}
                                            {CELL_CHOICES.iter().map(|(v, label)| {
                                                let v = *v;
                                                view! { <option value=v selected=move || value.get() == v>{*label}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                }
                            }).collect_view()}
                            <td class="raci-warning">{move || warnings.with(|w| w.get(s).cloned().unwrap_or_default()).into_iter().map(|t| view! { <span class="warn">"⚠ "{t}</span> }).collect_view()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <ul class="findings">
                {move || ws.project.with(|p| lint::raci_staffing_findings(&p.raci, &p.people)).into_iter().map(|f| view! {
                    <li class="finding"><strong>"⚠ "{f.title}</strong><p>{f.explanation}</p></li>
                }).collect_view()}
            </ul>
            <button type="button" class="no-print" on:click=move |_| {
                let old = ws.project.get_untracked();
                ws.update(|p| p.raci = Raci::default());
                undo.offer("Reset the RACI chart to the defaults.", Removed::Project(Box::new(old)));
            }>"Reset chart to the defaults"</button>
        </section>
    }
}

#[component]
fn GlossarySection() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="words-title">
            <h2 id="words-title">"Glossary"</h2>
            <p>"The same definitions open from any page with the Glossary button or the “?” key."</p>
            <dl class="glossary-full">
                {TERMS.iter().map(|t| view! { <div><dt>{t.term}</dt><dd>{t.definition}</dd></div> }).collect_view()}
            </dl>
        </section>
    }
}
