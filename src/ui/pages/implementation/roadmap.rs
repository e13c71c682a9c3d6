//! The SLO roadmap of the selected SLO: its tasks (instrument the SLI, a
//! dashboard, alert routing, a runbook, the switch to enforcing, the first
//! review, and any the team adds), each with an owner from the people list,
//! a due date and a status, and the progress so far. The default list, the
//! RACI step of each task and the progress figures are
//! `slo_engine::roadmap`'s; owners who are neither R nor A are a lint
//! finding, listed with the SLO's other findings.

use super::SloRef;
use leptos::prelude::*;
use slo_engine::model::Enforcement;
use slo_engine::roadmap::{self, Task, TaskStatus, TaskStep};

/// Today's date in UTC, YYYY-MM-DD: what "overdue" is measured against.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.get(..10).unwrap_or_default().to_string()
}

fn update_task(slo: SloRef, id: &str, f: impl FnOnce(&mut Task)) {
    slo.update(|s| {
        if let Some(t) = s.roadmap.iter_mut().find(|t| t.id == id) {
            f(t)
        }
    });
}

fn read_task<T: Default>(slo: SloRef, id: &str, f: impl FnOnce(&Task) -> T) -> T {
    slo.with(|s| {
        s.roadmap
            .iter()
            .find(|t| t.id == id)
            .map(f)
            .unwrap_or_default()
    })
}

#[component]
pub fn RoadmapEditor(slo: SloRef) -> impl IntoView {
    let ws = slo.ws;
    let ids = Memo::new(move |_| {
        slo.with(|s| s.roadmap.iter().map(|t| t.id.clone()).collect::<Vec<_>>())
    });
    let progress = Memo::new(move |_| slo.with(|s| roadmap::progress(&s.roadmap, &today())));
    let add_defaults = move |_| {
        let tasks = ws.project.with_untracked(|p| {
            slo.with_untracked(|s| roadmap::default_tasks(s, &p.people, &p.raci, &today()))
        });
        slo.update(|s| s.roadmap = tasks);
        request_animation_frame(|| crate::ui::components::glossary::focus_by_id("roadmap-title"));
    };
    let add_task = move |_| {
        let id = slo.with_untracked(|s| roadmap::next_task_id(&s.roadmap));
        let focus = format!("task-{id}-title");
        slo.update(|s| {
            s.roadmap.push(Task {
                id,
                title: "New task".into(),
                ..Task::default()
            })
        });
        request_animation_frame(move || crate::ui::components::glossary::focus_by_id(&focus));
    };
    view! {
        <section class="card roadmap-editor" aria-labelledby="roadmap-title">
            <h2 id="roadmap-title" tabindex="-1">"Roadmap for this SLO"</h2>
            <p class="hint">"The work of bringing the SLO to life, each task with an owner, a due date and a status. \
                An owner should be R or A for the task's step in the RACI chart; the findings above say when not."</p>
            <p class="roadmap-progress" id="roadmap-progress" role="status">{move || format!("Progress: {}.", progress.get().sentence())}</p>
            <ol class="roadmap-tasks">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <TaskRow slo=slo id=id/>
                </For>
            </ol>
            <div class="button-row no-print">
                {move || ids.with(Vec::is_empty).then(|| view! {
                    <button type="button" class="primary" id="roadmap-defaults" on:click=add_defaults>
                        "Add the default tasks"</button>
                })}
                <button type="button" id="roadmap-add" on:click=add_task>"Add a task"</button>
            </div>
        </section>
    }
}

#[component]
fn TaskRow(slo: SloRef, id: String) -> impl IntoView {
    let ws = slo.ws;
    let field = {
        let id = id.clone();
        move |part: &str| format!("task-{id}-{part}")
    };
    let title = {
        let id = id.clone();
        Memo::new(move |_| read_task(slo, &id, |t| t.title.clone()))
    };
    let step = {
        let id = id.clone();
        Memo::new(move |_| read_task(slo, &id, |t| Some(t.step)).unwrap_or(TaskStep::Other))
    };
    let owners = Memo::new(move |_| {
        ws.project.with(|p| {
            let mut names: Vec<(String, String)> = Vec::new();
            for person in p.people.iter().filter(|x| !x.name.trim().is_empty()) {
                let persona = p.raci.persona_name(person.persona);
                match names.iter_mut().find(|(n, _)| *n == person.name.trim()) {
                    Some((_, label)) => label.push_str(&format!(", {persona}")),
                    None => names.push((
                        person.name.trim().to_string(),
                        format!("{} ({persona}", person.name.trim()),
                    )),
                }
            }
            names
                .into_iter()
                .map(|(n, l)| (n, format!("{l})")))
                .collect::<Vec<_>>()
        })
    });
    let enforcement = Memo::new(move |_| slo.with(|s| s.enforcement));
    let (id_t, id_o, id_d, id_s, id_r) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let owner = {
        let id = id.clone();
        Memo::new(move |_| read_task(slo, &id, |t| t.owner.clone()))
    };
    let due = {
        let id = id.clone();
        Memo::new(move |_| read_task(slo, &id, |t| t.due.clone()))
    };
    let status = {
        let id = id.clone();
        Memo::new(move |_| read_task(slo, &id, |t| t.status.as_str().to_string()))
    };
    view! {
        <li class="roadmap-task" data-task=id.clone()>
            <div class="field task-title">
                <label for=field("title")>"Task"</label>
                <input id=field("title") type="text" prop:value=move || title.get()
                    on:input=move |ev| { let v = event_target_value(&ev); update_task(slo, &id_t, |t| t.title = v); }/>
                <small class="hint">{move || format!("RACI step: {}", step.get().raci_step())}
                    {move || (step.get() == TaskStep::Enforce).then(|| format!(
                        ". Its due date is the switch date; the SLO is {} now.",
                        if enforcement.get() == Enforcement::Enforcing { "enforcing" } else { "permissive" }))}</small>
            </div>
            <div class="field">
                <label for=field("owner")>"Owner"</label>
                <select id=field("owner")
                    prop:value=move || owner.get()
                    on:change=move |ev| { let v = event_target_value(&ev); update_task(slo, &id_o, |t| t.owner = v); }>
                    <option value="">"Unassigned"</option>
                    {move || {
                        let current = owner.get();
                        owners.get().into_iter().map(|(name, label)| {
                            let selected = name == current;
                            view! { <option value=name selected=selected>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for=field("due")>"Due"</label>
                <input id=field("due") type="date" prop:value=move || due.get()
                    on:change=move |ev| { let v = event_target_value(&ev); update_task(slo, &id_d, |t| t.due = v); }/>
            </div>
            <div class="field">
                <label for=field("status")>"Status"</label>
                <select id=field("status")
                    prop:value=move || status.get()
                    on:change=move |ev| {
                        if let Some(st) = TaskStatus::parse(&event_target_value(&ev)) { update_task(slo, &id_s, |t| t.status = st); }
                    }>
                    {TaskStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=move || status.get() == s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="danger no-print"
                on:click=move |_| {
                    slo.update(|s| s.roadmap.retain(|t| t.id != id_r));
                    request_animation_frame(|| crate::ui::components::glossary::focus_by_id("roadmap-add"));
                }>
                "Remove"<span class="visually-hidden">{move || format!(" task “{}”", title.get())}</span></button>
        </li>
    }
}
