//! The Language page: personas in the team's own words (our titles beside
//! the canonical ones, the "Rosetta stone", and personas the team adds), the
//! team's people, the editable RACI chart with the team's added steps, its
//! warnings and the consumer teams of internal services to consult, and the
//! glossary in full.
//!
//! Persona texts and terms come from `slo_engine::glossary`; names, added
//! personas and steps from `slo_engine::words`; RACI warnings from the
//! engine's RACI check (see `raci_warnings`); consumer suggestions from
//! `slo_engine::internal`.

use crate::ui::components::glossary::focus_by_id;
use crate::ui::components::undo::Removed;
use crate::ui::components::{PageFrame, Term, Undo};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::glossary::{PERSONAS, TERMS};
use slo_engine::internal;
use slo_engine::lint;
use slo_engine::model::{slug, Person, Raci};

#[component]
pub fn LanguagePage() -> impl IntoView {
    view! {
        <PageFrame title="Language: people, roles and words" page="language">
            <p class="lead">
                "Before numbers, agree on words and roles. Call the "<Term id="persona" text="personas"/>" by your own job titles, map your people to them"
                ", adapt the "<Term id="raci" text="RACI chart"/>" (who is responsible, accountable, consulted, informed for each step), "
                "and keep the glossary at hand: every term on these pages opens its definition in one click."
            </p>
            <Personas/>
            <RaciChart/>
            <GlossarySection/>
        </PageFrame>
    }
}

/// Options of a persona select: every column of the chart by our name.
fn persona_options(
    ws: Workspace,
    selected: impl Fn() -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        ws.project.with(|p| (0..p.raci.persona_count()).map(|k| (k, p.raci.persona_name(k))).collect::<Vec<_>>())
            .into_iter()
            .map(|(k, n)| view! { <option value=k.to_string() selected=move || selected() == k>{n}</option> })
            .collect_view()
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
            <p>"One person may play several personas in a small team; a persona may have several people in a large one. "
               "Give each persona the title your organisation uses (\"our PM is your Product Owner\"): the chart, the findings and the exports then speak your words."</p>
            <div class="persona-layout">
                <PersonaCards/>
                <Rosetta/>
            </div>
            <AddName kind=PERSONA/>

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
                                        {persona_options(ws, persona)}
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
                        {persona_options(ws, move || new_persona.get())}
                    </select></div>
                <button type="submit">"Add person"</button>
            </form>
        </section>
    }
}

/// One card per persona: our title (editable), the canonical name beside it,
/// what the persona cares about and who plays it.
#[component]
fn PersonaCards() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let columns = Memo::new(move |_| ws.project.with(|p| p.raci.persona_count()));
    view! {
        <ul class="persona-grid">
            {move || (0..columns.get()).map(|i| {
                let name = move || ws.project.with(|p| p.raci.persona_name(i));
                let canonical = PERSONAS.get(i);
                let title_id = format!("persona-title-{i}");
                view! {
                    <li class="persona">
                        <h3>{name}</h3>
                        {match canonical {
                            Some(c) => view! {
                                <p class="canonical">{move || (name() != c.name).then(|| format!("Canonical persona: {}", c.name))}</p>
                                <p><strong>"Cares about: "</strong>{c.cares_about}</p>
                                <p><strong>"With SLOs: "</strong>{c.role_in_slos}</p>
                            }.into_any(),
                            None => view! { <p class="canonical">"A persona your team added."</p> }.into_any(),
                        }}
                        <div class="field"><label for=title_id.clone()>"Our title"</label>
                            <input id=title_id type="text" placeholder=canonical.map(|c| c.name).unwrap_or_default()
                                prop:value=move || ws.project.with(|p| if i < PERSONAS.len() { p.raci.words.titles.get(i).cloned().unwrap_or_default() } else { p.raci.persona_name(i) })
                                on:change=move |ev| { let v = event_target_value(&ev); ws.update(|p| p.raci.set_title(i, &v)); }/></div>
                        <p class="persona-people"><strong>"Who: "</strong>{move || {
                            let names = ws.project.with(|pr| pr.people.iter().filter(|x| x.persona == i).map(|x| x.name.clone()).collect::<Vec<_>>());
                            if names.is_empty() { "nobody yet".to_string() } else { names.join(", ") }
                        }}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The Rosetta stone: each canonical persona beside our title.
#[component]
fn Rosetta() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <table class="rosetta" id="rosetta">
            <caption>"Rosetta stone: the canonical personas in our words"</caption>
            <thead><tr><th scope="col">"Canonical persona"</th><th scope="col">"Our title"</th></tr></thead>
            <tbody>
                {move || ws.project.with(|p| p.raci.rosetta()).into_iter().map(|t| view! {
                    <tr><th scope="row">{t.canonical}</th><td>{t.ours.unwrap_or_else(|| "(same)".into())}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// What an `AddName` form adds: a persona (a column) or a step (a row).
#[derive(Clone, Copy)]
struct NameKind {
    /// Prefix of the field's and button's ids.
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    button: &'static str,
    /// The engine's adder: the new index, or why the name is refused.
    add: fn(&mut Raci, &str) -> Result<usize, String>,
}

const PERSONA: NameKind = NameKind {
    id: "persona",
    label: "A persona your team has (a column of the chart)",
    placeholder: "Data protection officer",
    button: "Add persona",
    add: Raci::add_persona,
};

const STEP: NameKind = NameKind {
    id: "step",
    label: "A step of your own (a row of the chart)",
    placeholder: "Announce SLO changes",
    button: "Add step",
    add: Raci::add_step,
};

/// A name field and a button that adds a persona or a step; the engine says
/// why a name is refused.
#[component]
fn AddName(kind: NameKind, #[prop(optional)] class: &'static str) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let add = move || {
        let mut result = Ok(0);
        let typed = name.get_untracked();
        ws.update(|p| result = (kind.add)(&mut p.raci, &typed));
        match result {
            Ok(_) => {
                name.set(String::new());
                error.set(String::new());
            }
            Err(e) => error.set(e),
        }
    };
    let field = format!("new-{}-name", kind.id);
    view! {
        <form class=format!("inline-form {class}") on:submit=move |ev| { ev.prevent_default(); add(); }>
            <div class="field"><label for=field.clone()>{kind.label}</label>
                <input id=field type="text" placeholder=kind.placeholder prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></div>
            <button type="submit" id=format!("add-{}", kind.id)>{kind.button}</button>
            <span role="status">{move || { let e = error.get(); (!e.is_empty()).then(|| view! { <span class="error">{e}</span> }) }}</span>
        </form>
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

/// The engine's RACI findings, grouped by step (row), each as its title.
fn raci_warnings(raci: &Raci) -> Vec<Vec<String>> {
    let findings = lint::raci_findings(raci);
    (0..raci.step_count())
        .map(|i| {
            let step_id = slug(&raci.step_name(i));
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
    let dims = Memo::new(move |_| {
        ws.project
            .with(|p| (p.raci.step_count(), p.raci.persona_count()))
    });
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
            {move || {
                // The table is rebuilt when the team adds a persona or a step.
                let (steps, personas) = dims.get();
                view! {
            <table class="raci">
                <caption class="visually-hidden">"RACI chart: lifecycle steps by persona"</caption>
                <colgroup>
                    <col class="raci-step-col"/>
                    {(0..personas).map(|_| view! { <col/> }).collect_view()}
                    <col class="raci-warning-col"/>
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        {(0..personas).map(|k| view! {
                            <th scope="col"><span class="persona-name">{move || breakable(&ws.project.with(|p| p.raci.persona_name(k)))}</span>
                                <span class="people-names">{move || ws.project.with(|p| p.people.iter().filter(|x| x.persona == k).map(|x| x.name.clone()).collect::<Vec<_>>().join(", "))}</span></th>
                        }).collect_view()}
                        <th scope="col">"Warnings"</th>
                    </tr>
                </thead>
                <tbody>
                    {(0..steps).map(|s| {
                        let step = move || ws.project.with(|p| p.raci.step_name(s));
                        view! {
                        <tr class:has-warning=move || warnings.with(|w| w.get(s).map(|x| !x.is_empty()).unwrap_or(false))>
                            <th scope="row">{move || breakable(&step())}</th>
                            {(0..personas).map(|k| {
                                let value = Memo::new(move |_| ws.project.with(|p| p.raci.cell(s, k).to_string()));
                                view! {
                                    <td>
                                        <label class="visually-hidden" for=format!("raci-{s}-{k}")>{move || format!("{}, {}", step(), ws.project.with(|p| p.raci.persona_name(k)))}</label>
                                        <select id=format!("raci-{s}-{k}") class="raci-cell"
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                ws.update(|p| p.raci.set_cell(s, k, &v));
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
                    }}).collect_view()}
                </tbody>
            </table>
                }
            }}
            </div>
            <AddName kind=STEP class="no-print"/>
            <Consumers/>
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

/// The teams calling an internal-only service, suggested as consulted (C).
#[component]
fn Consumers() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let suggestions = Memo::new(move |_| ws.project.with(internal::consumer_suggestions));
    move || {
        let list = suggestions.get();
        (!list.is_empty()).then(|| view! {
            <div class="note consumers" role="note">
                <strong>"Consumer teams to consult: "</strong>
                "an internal-only service's customers are the teams that call it. Add them as a persona consulted (C) on proposing, agreeing and recalibrating the SLO."
                <ul>{list.into_iter().enumerate().map(|(k, c)| {
                    let consumer = c.clone();
                    view! {
                        <li>{format!("{} calls {}{}. ", c.service, c.calls, if c.owner.is_empty() { String::new() } else { format!(" (owner: {})", c.owner) })}
                            <button type="button" id=format!("consult-{k}") on:click=move |_| ws.update(|p| { let _ = internal::consult(p, &consumer); })>
                                {format!("Add “{}” as consulted", c.persona)}</button></li>
                    }
                }).collect_view()}</ul>
            </div>
        })
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
