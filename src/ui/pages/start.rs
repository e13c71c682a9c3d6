//! The Start page: the bootstrap guide (roadmap with the team's progress),
//! start-small advice, the example projects, and the presenter mode for
//! workshops. Step texts and states come from `slo_engine::guide`, examples from
//! `slo_engine::examples`, the SLO roadmaps' progress from `slo_engine::roadmap`.

pub mod presenter;

use crate::ui::components::{PageFrame, Term};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::examples::EXAMPLES;
use slo_engine::guide::{self, StepState};
use slo_engine::model::{Progress, Project};

#[component]
pub fn StartPage() -> impl IntoView {
    view! {
        <PageFrame title="Start: from no SLOs to an agreed one" page="start">
            <StartBody/>
        </PageFrame>
    }
}

fn state_label(s: StepState) -> (&'static str, &'static str) {
    match s {
        StepState::Done => ("done", "✓ Done"),
        StepState::Started => ("started", "◐ Started"),
        StepState::Open => ("open", "○ Not started"),
        StepState::Untracked => ("untracked", "Not tracked"),
    }
}

fn page_title(path: &str) -> &'static str {
    crate::ui::route::Route::from_fragment(path).title()
}

#[component]
fn StartBody() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // A running workshop (left by a step's link or browser Back) resumes here.
    let presenting = RwSignal::new(presenter::workshop_active());
    let status = Memo::new(move |_| ws.project.with(guide::status));
    let tally = Memo::new(move |_| ws.project.with(guide::tally));
    let today = crate::ui::pages::implementation::roadmap::today();
    let roadmap_today = today.clone();
    let tasks = Memo::new(move |_| {
        ws.project
            .with(|p| slo_engine::roadmap::project_progress(&p.slos, &roadmap_today))
    });

    // Loading never replaces the team's work: it adds a project and says where the previous one is.
    let loaded = RwSignal::new(None::<(String, String, String)>);
    let add = move |next: Project| {
        let previous_name = ws.project.with_untracked(|p| p.name.clone());
        let name = next.name.clone();
        let previous = ws.add_and_open(next);
        loaded.set(Some((name, previous, previous_name)));
    };

    view! {
        <p class="lead">
            "This guide takes a team from “we have no SLOs” to an agreed, exported "
            <Term id="slo" text="SLO"/>" with an "<Term id="error-budget" text="error budget"/>
            " and a policy for it. It follows the SLO lifecycle: research, implementation, iteration. "
            "Read the roadmap below (five minutes), load an example to see a finished draft, or start with your own service."
        </p>
        // The examples sit below the long roadmap: one keypress takes a newcomer there.
        <p class="no-print">
            <button type="button" class="primary" on:click=move |_| {
                crate::ui::components::glossary::focus_by_id("examples-title");
                if let Some(el) = document().get_element_by_id("examples-title") { el.scroll_into_view(); }
            }>"See the example projects ↓"</button>
        </p>

        <div class="start-grid">
            <section class="card roadmap" aria-labelledby="roadmap-title">
                <h2 id="roadmap-title">"The roadmap"</h2>
                <ol class="steps">
                    {move || status.get().into_iter().map(|(step, st)| {
                        let (class, label) = state_label(st);
                        let figures = ws.project.with(|p| guide::step_progress(step.id, p, &today));
                        view! {
                            <li class=format!("step step-{class}") data-step=step.id>
                                <div class="step-head">
                                    <h3>{step.title}</h3>
                                    <span class=format!("badge badge-{class}")>{label}</span>
                                </div>
                                <p>{step.text}</p>
                                <p class="done-when">{guide::done_when(step.id)}</p>
                                {figures.map(|f| view! { <p class="step-progress">{f}</p> })}
                                <a href=format!("#/{}", step.page)>{format!("Go to {} →", page_title(step.page))}</a>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>

            <div class="start-side">
                <section class="card" aria-labelledby="project-title">
                    <h2 id="project-title">"Your project"</h2>
                    <p class="hint">"The project name is in the header."</p>
                    <label for="project-description">"What it is about"</label>
                    <textarea id="project-description" rows="2"
                        prop:value=move || ws.project.with(|p| p.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| p.description = v); }></textarea>
                    <h3>"Progress"</h3>
                    <p class="tally" data-testid="tally">{move || {
                        let t = tally.get();
                        format!("{} drafted, {} agreed, {} exported", t.drafted, t.agreed, t.exported)
                    }}</p>
                    <p class="tally" data-testid="roadmap-tally">{move || format!("Roadmap: {}.", tasks.get().sentence())}</p>
                    <ul class="slo-progress">
                        {move || ws.project.with(|p| p.slos.iter().map(|s| {
                            let pr = p.progress.get(&s.id).copied().unwrap_or_default();
                            let label = match pr { Progress::Drafted => "drafted", Progress::Agreed => "agreed", Progress::Exported => "exported" };
                            let plan = slo_engine::roadmap::progress(&s.roadmap, &crate::ui::pages::implementation::roadmap::today()).sentence();
                            view! { <li><a href=format!("#/implementation?slo={}", s.id)>{s.name.clone()}</a>" — "{label}" · "{format!("{}%", s.target)}" · roadmap: "{plan}</li> }
                        }).collect_view())}
                    </ul>
                    {move || ws.project.with(|p| p.slos.is_empty()).then(|| view! {
                        <p class="hint">"No SLO drafted yet. Pick a journey and an SLI on the "<a href="#/research">"Research"</a>" page."</p>
                    })}
                </section>

                <section class="card advice" aria-labelledby="small-title">
                    <h2 id="small-title">"Start small"</h2>
                    <ul>{guide::START_SMALL.iter().map(|t| view! { <li>{*t}</li> }).collect_view()}</ul>
                </section>

                <section class="card" aria-labelledby="workshop-title">
                    <h2 id="workshop-title">"Running a workshop?"</h2>
                    <p>"Presenter mode shows one step at a time in large type, with a timer and a checklist. Keys: → next, ← back, T timer, Esc leave."</p>
                    <button type="button" class="primary" on:click=move |_| presenting.set(true)>"Start presenter mode"</button>
                </section>
            </div>
        </div>

        <section class="card examples" aria-labelledby="examples-title">
            <h2 id="examples-title" tabindex="-1">"Examples and a fresh start"</h2>
            <p>"Loading adds a new project beside yours; your current one stays in the "<a href="#/projects">"project list"</a>"."</p>
            {move || loaded.get().map(|(name, previous, previous_name)| view! {
                <p class="loaded-notice" role="status">
                    "Opened “" {name} "” as a new project. “" {previous_name.clone()} "” is kept in the "
                    <a href="#/projects">"project list"</a> ". "
                    <button type="button" on:click=move |_| { ws.open(&previous); loaded.set(None); }>
                        {format!("Back to “{previous_name}”")}
                    </button>
                </p>
            })}
            <ul class="example-list">
                {EXAMPLES.iter().map(|e| {
                    let e = *e;
                    view! {
                        <li class="example">
                            <h3>{e.title}</h3>
                            <p>{e.summary}</p>
                            <button type="button" data-example=e.id
                                on:click=move |_| add((e.build)())>
                                {format!("Load “{}”", e.title)}
                            </button>
                        </li>
                    }
                }).collect_view()}
                <li class="example">
                    <h3>"Empty project"</h3>
                    <p>"Start from nothing but the default RACI chart."</p>
                    <button type="button" data-example="empty"
                        on:click=move |_| add(Project::default())>
                        "Start empty"
                    </button>
                </li>
            </ul>
        </section>

        {move || presenting.get().then(|| view! { <presenter::Presenter on_exit=move || presenting.set(false)/> })}
    }
}
