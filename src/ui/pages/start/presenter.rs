//! Presenter mode for a projector: one roadmap step at a time in large type,
//! a step timer, a checklist per step and keyboard shortcuts.
//!
//! On the journey and SLI steps the room's ideas are captured live and dot
//! votes recorded (`components::ideas`); they and the checklist ticks land in
//! the project (`Project::ideas`). Which step is shown, whether a workshop is
//! running and when it began are kept in localStorage (a key of their own,
//! not the project). A running workshop survives leaving the Start page: following a
//! step's link, or browser Back and Forward, keeps it, and `WorkshopBar` on
//! every other page leads back to it. Only "Leave presenter mode" ends it.

use crate::ui::components::glossary::{focus_by_id, typing_in_field};
use crate::ui::components::ideas::{CandidateBoard, CaptureIdea, Kind, VoteResult};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use slo_engine::guide::{self, STEPS};
use slo_engine::ideas;
use std::time::Duration;

const KEY: &str = "slo-workbench/presenter/v1";

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
struct Saved {
    step: usize,
    /// `checked[step][item]`: where earlier versions kept the checklist ticks.
    /// Read once to carry them into the project, then emptied.
    checked: Vec<Vec<bool>>,
    /// A workshop is running: the Start page shows presenter mode.
    active: bool,
    /// When the workshop began, in milliseconds since the Unix epoch
    /// (wall clock, so it keeps counting across pages and reloads).
    started_at: Option<f64>,
    /// The step timer: milliseconds counted before the running stretch...
    step_ms: f64,
    /// ...and when the running stretch began (epoch ms); `None` while paused.
    /// Kept here so the timer goes on while the room works on a page.
    step_since: Option<f64>,
}

fn load() -> Saved {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|t| serde_json::from_str::<Saved>(&t).ok())
        .unwrap_or_default()
}

fn save(s: &Saved) {
    if let (Some(storage), Ok(text)) = (
        window().local_storage().ok().flatten(),
        serde_json::to_string(s),
    ) {
        // Losing presenter state is harmless; the project itself is saved elsewhere.
        let _ = storage.set_item(KEY, &text);
    }
}

/// A workshop is running, so the Start page opens in presenter mode.
pub fn workshop_active() -> bool {
    load().active
}

/// Minutes and seconds since the workshop began, against the whole timebox.
fn workshop_clock(started_at: Option<f64>) -> String {
    let secs = started_at
        .map(|t| ((now_ms() - t) / 1000.0).max(0.0) as u64)
        .unwrap_or(0);
    format!(
        "Workshop {} of {} min",
        mmss(secs),
        guide::workshop_minutes()
    )
}

/// Marks the body so the stylesheet sets pages in large type while a workshop runs.
fn mark_body(attribute: &str, on: bool) {
    if let Some(body) = document().body() {
        let _ = if on {
            body.set_attribute(attribute, "")
        } else {
            body.remove_attribute(attribute)
        };
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn mmss(secs: u64) -> String {
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[component]
pub fn Presenter(on_exit: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let saved = RwSignal::new({
        let mut s = load();
        s.step = s.step.min(STEPS.len() - 1);
        let legacy = std::mem::take(&mut s.checked);
        if legacy.iter().flatten().any(|on| *on) {
            ws.update(|p| {
                ideas::adopt_browser_ticks(&mut p.ideas, &guide::BROWSER_TICK_STEPS, &legacy)
            });
        }
        if !s.active {
            // A new workshop: the step timer starts now.
            s.step_ms = 0.0;
            s.step_since = Some(now_ms());
        }
        s.active = true;
        s.started_at = s.started_at.or_else(|| Some(now_ms()));
        s
    });
    mark_body("data-workshop", true);
    // Leaving presenter mode ends the workshop; following a step's link does not.
    let on_exit = move || {
        saved.update(|s| {
            s.active = false;
            s.started_at = None;
        });
        mark_body("data-workshop", false);
        on_exit();
    };
    Effect::new(move |_| saved.with(save));

    // The step timer lives in `saved`, so it survives leaving the Start page.
    let tick = RwSignal::new(0_u64);
    let interval =
        set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_millis(500)).ok();
    on_cleanup(move || {
        if let Some(h) = interval {
            h.clear();
        }
    });
    let running = move || saved.with(|s| s.step_since.is_some());
    let elapsed_secs = move || {
        tick.track();
        let (ms, since) = saved.with(|s| (s.step_ms, s.step_since));
        let run = since.map(|s| now_ms() - s).unwrap_or(0.0);
        ((ms + run) / 1000.0).max(0.0) as u64
    };
    let toggle_timer = move || {
        saved.update(|s| match s.step_since.take() {
            Some(t) => s.step_ms += now_ms() - t,
            None => s.step_since = Some(now_ms()),
        })
    };
    let reset_timer = move || {
        saved.update(|s| {
            s.step_ms = 0.0;
            s.step_since = Some(now_ms());
        })
    };
    let go = move |to: usize| {
        let to = to.min(STEPS.len() - 1);
        if to != saved.get_untracked().step {
            saved.update(|s| s.step = to);
            reset_timer();
        }
        request_animation_frame(|| focus_by_id("presenter-step-title"));
    };

    // While presenting, the rest of the page is hidden (CSS keys on this
    // attribute), so focus cannot wander behind the presenter.
    mark_body("data-presenting", true);
    on_cleanup(|| mark_body("data-presenting", false));
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // A key already handled (Escape closing the glossary) is not ours.
        if ev.default_prevented() {
            return;
        }
        let key = ev.key();
        // Let checkboxes keep Space; other keys work even when a control has focus.
        if typing_in_field(&ev) && !is_checkbox_target(&ev) {
            return;
        }
        let step = saved.get_untracked().step;
        match key.as_str() {
            "ArrowRight" | "PageDown" | "n" | "N" => go(step + 1),
            "ArrowLeft" | "PageUp" | "p" | "P" => go(step.saturating_sub(1)),
            "Home" => go(0),
            "End" => go(STEPS.len() - 1),
            "t" | "T" => toggle_timer(),
            "r" | "R" => reset_timer(),
            "Escape" => on_exit(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
    request_animation_frame(|| focus_by_id("presenter-step-title"));

    // The header (and its Glossary button) is hidden while presenting: offer the glossary here.
    let glossary = use_context::<crate::ui::components::glossary::GlossaryState>();
    let step = move || STEPS[saved.with(|s| s.step)];

    view! {
        <div class="presenter" role="dialog" aria-modal="true" aria-labelledby="presenter-step-title">
            <header class="presenter-bar">
                <span class="presenter-count">{move || format!("Step {} of {}", saved.with(|s| s.step) + 1, STEPS.len())}</span>
                <span class="presenter-timer" role="timer" aria-live="off">
                    {move || format!("{} / {} min", mmss(elapsed_secs()), step().minutes)}
                    {move || (elapsed_secs() > u64::from(step().minutes) * 60).then(|| view! { <strong class="overtime">" over time"</strong> })}
                </span>
                <span class="workshop-clock" role="timer" aria-live="off">{move || { tick.track(); workshop_clock(saved.with(|s| s.started_at)) }}</span>
                <button type="button" aria-keyshortcuts="T" on:click=move |_| toggle_timer()>
                    {move || if running() { "Pause timer" } else { "Resume timer" }}
                </button>
                <button type="button" aria-keyshortcuts="R" on:click=move |_| reset_timer()>"Reset timer"</button>
                {glossary.map(|g| view! {
                    <button type="button" aria-keyshortcuts="Shift+?" on:click=move |_| g.open_search()>"Glossary"</button>
                })}
                <button type="button" aria-keyshortcuts="Escape" on:click=move |_| on_exit()>"Leave presenter mode"</button>
            </header>
            <div class="presenter-body">
                <h2 id="presenter-step-title" tabindex="-1">{move || step().title}</h2>
                <p class="presenter-text">{move || step().text}</p>
                // Above the checklist, so it stays in view over the bottom bar.
                <p class="presenter-link"><a href=move || format!("#/{}", step().page)>
                    {move || format!("Work on it on the {} page", crate::ui::route::Route::from_fragment(step().page).title())}
                </a>" (a bar there leads back to this step)"</p>
                <StepIdeas step=Signal::derive(move || step().id)/>
                <fieldset class="presenter-checklist">
                    <legend>"Before moving on"</legend>
                    {move || {
                        let i = saved.with(|s| s.step);
                        let step_id = step().id;
                        step().checklist.iter().enumerate().map(|(j, item)| {
                            let id = format!("check-{i}-{j}");
                            view! {
                                <div class="check">
                                    <input type="checkbox" id=id.clone()
                                        prop:checked=move || ws.project.with(|p| ideas::ticked(&p.ideas, step_id, j))
                                        on:change=move |ev| {
                                            let v = event_target_checked(&ev);
                                            ws.update(|p| ideas::tick(&mut p.ideas, step_id, j, v));
                                        }/>
                                    <label for=id>{*item}</label>
                                </div>
                            }
                        }).collect_view()
                    }}
                </fieldset>
            </div>
            <footer class="presenter-nav">
                <button type="button" aria-keyshortcuts="ArrowLeft" disabled=move || saved.with(|s| s.step == 0)
                    on:click=move |_| go(saved.get_untracked().step.saturating_sub(1))>"← Previous"</button>
                <ol class="presenter-dots" aria-label="Steps">
                    {STEPS.iter().enumerate().map(|(i, s)| view! {
                        <li><button type="button" class:current=move || saved.with(|x| x.step == i)
                            aria-current=move || saved.with(|x| x.step == i).then_some("step")
                            aria-label=format!("Step {}: {}", i + 1, s.title)
                            on:click=move |_| go(i)>{i + 1}</button></li>
                    }).collect_view()}
                </ol>
                <button type="button" class="primary" aria-keyshortcuts="ArrowRight" disabled=move || saved.with(|s| s.step + 1 >= STEPS.len())
                    on:click=move |_| go(saved.get_untracked().step + 1)>"Next →"</button>
            </footer>
        </div>
    }
}

/// On the journey and SLI steps: the room's ideas typed live, the dot
/// votes, and the result.
#[component]
fn StepIdeas(step: Signal<&'static str>) -> impl IntoView {
    let kind = move || match step.get() {
        "journeys" => Some(Kind::Journeys),
        "slis" => Some(Kind::Slis),
        _ => None,
    };
    move || {
        kind().map(|kind| {
            let title = match kind {
                Kind::Journeys => "The room's journey ideas",
                Kind::Slis => "The room's SLI ideas",
            };
            view! {
                <section class="presenter-ideas" aria-label=title>
                    <h3>{title}</h3>
                    <CaptureIdea kind=kind prefix="presenter-idea"/>
                    <p class="hint">"Dot voting: + and − record the room's votes. The most voted come first in the result."</p>
                    <CandidateBoard kind=kind/>
                    <VoteResult kind=kind/>
                </section>
            }
        })
    }
}

fn is_checkbox_target(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.key() != " "
        && ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.type_() == "checkbox")
            .unwrap_or(false)
}

/// On every page but Start while a workshop runs: the step it is at, the
/// workshop clock, and the way back to presenter mode.
#[component]
pub fn WorkshopBar() -> impl IntoView {
    let route = expect_context::<ReadSignal<crate::ui::route::Route>>();
    // Read again on every navigation: the Start page changes it.
    let saved = Memo::new(move |_| {
        route.track();
        load()
    });
    Effect::new(move |_| mark_body("data-workshop", saved.with(|s| s.active)));
    let tick = RwSignal::new(0_u64);
    let interval =
        set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(h) = interval {
            h.clear();
        }
    });
    let shown = move || saved.with(|s| s.active) && route.get() != crate::ui::route::Route::Start;
    view! {
        {move || shown().then(|| {
            let s = saved.get();
            let step = STEPS[s.step.min(STEPS.len() - 1)];
            view! {
                <aside class="workshop-bar no-print" aria-label="Workshop">
                    <span>{format!("Workshop at step {} of {}: {}", s.step.min(STEPS.len() - 1) + 1, STEPS.len(), step.title)}</span>
                    <span class="workshop-clock" role="timer" aria-live="off">{move || { tick.track(); workshop_clock(s.started_at) }}</span>
                    <a class="button primary" href="#/start">"Back to the workshop"</a>
                </aside>
            }
        })}
    }
}
