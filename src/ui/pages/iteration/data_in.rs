//! Data in: the paste area, file picker and drop zone, the sample picker,
//! the traffic generator, and the preview with warnings or errors.
//!
//! The text area is never rewritten after a parse error: the user fixes the
//! text where they pasted it, or replays without the bad rows
//! (`slo_engine::bad_rows`), which leaves the text area as pasted. Large inputs stay JS strings on the main
//! thread and go to the worker as they are.

use super::backend::{self, ParseState, WORKER_THRESHOLD};
use super::format;
use super::Iter;
use leptos::html;
use leptos::prelude::*;
use slo_engine::bad_rows;
use slo_engine::diag::{Diagnostic, Level};
use slo_engine::samples::{self, Incident, TimeStyle, Traffic};
use slo_engine::worker::DataSummary;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The input as the page holds it: a JS string plus where it came from.
#[derive(Clone, Copy)]
struct Input {
    text: StoredValue<Option<js_sys::JsString>, LocalStorage>,
    source: RwSignal<String>,
    threshold_ms: RwSignal<String>,
    kept_note: RwSignal<Option<String>>,
    /// Shown instead of the text when it is too large for the text area.
    hidden_note: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

fn threshold_seconds(ms: &str) -> Option<f64> {
    ms.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| v / 1000.0)
}

impl Input {
    fn run(&self, it: &Iter) {
        let Some(text) = self.text.get_value() else {
            return;
        };
        let ms = self.threshold_ms.get_untracked();
        let source = self.source.get_untracked();
        it.engine.parse(&text, threshold_seconds(&ms));
        self.kept_note.set(backend::keep(&source, &text, &ms));
        backend::remember(backend::SessionInput {
            text,
            source,
            latency_threshold_ms: ms,
        });
    }
}

#[component]
pub fn DataIn() -> impl IntoView {
    let it = expect_context::<Iter>();
    let area = NodeRef::<html::Textarea>::new();
    let input = Input {
        text: StoredValue::new_local(None),
        source: RwSignal::new(String::new()),
        threshold_ms: RwSignal::new(String::new()),
        kept_note: RwSignal::new(None),
        hidden_note: RwSignal::new(None),
        generation: StoredValue::new(0),
    };

    // Puts text in the page (and the text area when it fits) and parses it.
    let load = move |text: js_sys::JsString, source: String| {
        input.source.set(source.clone());
        if let Some(ta) = area.get_untracked() {
            if text.length() <= WORKER_THRESHOLD {
                let _ = js_sys::Reflect::set(&ta, &"value".into(), &text);
                input.hidden_note.set(None);
            } else {
                ta.set_value("");
                input.hidden_note.set(Some(format!(
                    "{source}: {:.1} MB, not shown in the text area to keep the page responsive.",
                    f64::from(text.length()) / 1e6
                )));
            }
        }
        input.text.set_value(Some(text));
        input.run(&it);
    };

    // Restore what was loaded before the page was left, or before the reload.
    Effect::new(move |prev: Option<()>| {
        if prev.is_none() && area.get().is_some() {
            if let Some(last) = backend::recall() {
                input.threshold_ms.set(last.latency_threshold_ms);
                load(last.text, last.source);
            } else if let Some(kept) = backend::load_kept() {
                input.threshold_ms.set(kept.latency_threshold_ms.clone());
                load(js_sys::JsString::from(kept.text.as_str()), kept.source);
            }
        }
    });

    // Typing or pasting: parse after a short pause, so each keystroke does not re-parse.
    let on_input = move |_| {
        let Some(ta) = area.get_untracked() else {
            return;
        };
        let Ok(text) = js_sys::Reflect::get(&ta, &"value".into()) else {
            return;
        };
        let Ok(text) = text.dyn_into::<js_sys::JsString>() else {
            return;
        };
        if text.length() > WORKER_THRESHOLD {
            // Laying out megabytes of text in a text area takes the browser
            // seconds per paste: empty it before the next frame is drawn.
            ta.set_value("");
            input.hidden_note.set(Some(format!(
                "Pasted {:.1} MB: read in the background and taken out of the text area to keep the page responsive. \
                 If it has errors, fix the source and paste it again.",
                f64::from(text.length()) / 1e6
            )));
        } else {
            input.hidden_note.set(None);
        }
        input.source.set("pasted".into());
        input.text.set_value(Some(text.clone()));
        let generation = input.generation.get_value() + 1;
        input.generation.set_value(generation);
        let delay = if text.length() > 100_000 { 0 } else { 250 };
        set_timeout(
            move || {
                // Skipped when more was typed meanwhile, or the page was left.
                if input.generation.try_get_value() == Some(generation) {
                    input.run(&it);
                }
            },
            Duration::from_millis(delay),
        );
    };

    let read_file = move |file: web_sys::File| {
        let name = file.name();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => match v.dyn_into::<js_sys::JsString>() {
                    Ok(text) => load(text, format!("file {name}")),
                    Err(_) => input
                        .kept_note
                        .set(Some(format!("{name} is not a text file."))),
                },
                Err(_) => input
                    .kept_note
                    .set(Some(format!("{name} could not be read."))),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let target: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = target.files().and_then(|f| f.get(0)) {
            read_file(file);
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
    };

    let load_sample = move |id: &'static str| {
        if let Some(csv) = samples::sample_csv(id) {
            let title = samples::SAMPLES
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title)
                .unwrap_or(id);
            load(
                js_sys::JsString::from(csv.as_str()),
                format!("sample: {title}"),
            );
        }
    };

    let jump_to_line = move |line: usize| {
        let Some(ta) = area.get_untracked() else {
            return;
        };
        let text = ta.value();
        let start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(|l| l.encode_utf16().count())
            .sum();
        let len = text
            .split_inclusive('\n')
            .nth(line.saturating_sub(1))
            .map(|l| l.encode_utf16().count())
            .unwrap_or(0);
        let _ = ta.focus();
        let _ = ta.set_selection_range(start as u32, (start + len) as u32);
        // Lines do not wrap in the text area, so they share its height evenly: centre this one.
        let lines = text.split_inclusive('\n').count().max(1) as f64;
        let per_line = f64::from(ta.scroll_height()) / lines;
        let top = per_line * line.saturating_sub(1) as f64 - f64::from(ta.client_height()) / 2.0;
        ta.set_scroll_top(top.max(0.0) as i32);
    };

    // The rows the errors name, when leaving them out is all that stands between the text and a replay.
    let skippable = move |diags: &[Diagnostic]| {
        input.text.with_value(|t| {
            t.as_ref()
                .and_then(|t| bad_rows::skippable_lines(&String::from(t), diags))
        })
    };
    let replay_without = move |lines: Vec<usize>| {
        let Some(text) = input.text.get_value() else {
            return;
        };
        let kept = bad_rows::without_lines(&String::from(text), &lines);
        input
            .source
            .update(|s| *s = format!("{s}, without {}", bad_rows::describe(&lines)));
        input
            .text
            .set_value(Some(js_sys::JsString::from(kept.as_str())));
        input.run(&it);
    };

    view! {
        <section class="data-in" aria-labelledby="data-in-h">
            <h2 id="data-in-h">"1. Your data"</h2>
            <div class="data-in-grid">
                <div class="paste"
                    class:dragging=move || dragging.get()
                    on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop>
                    <label for="data-text">
                        "Paste CSV, TSV or Prometheus "<code>"query_range"</code>" JSON, or drop a file here"
                    </label>
                    <textarea id="data-text" class="code" node_ref=area rows="12" spellcheck="false"
                        placeholder="timestamp,good,total\n2026-10-05T00:05:00Z,2991,2992\n..."
                        aria-invalid=move || matches!(it.engine.parse.get(), ParseState::Failed(_)).then_some("true")
                        aria-describedby=move || matches!(it.engine.parse.get(), ParseState::Failed(_)).then_some("parse-errors")
                        on:input=on_input></textarea>
                    {move || input.hidden_note.get().map(|n| view! { <p class="hint">{n}</p> })}
                    <div class="row">
                        <label for="data-file">"Or choose a file "</label>
                        <input id="data-file" type="file"
                            accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json"
                            on:change=on_pick/>
                    </div>
                    <div class="row">
                        <label for="latency-threshold">"Latency threshold for raw latency samples (ms) "</label>
                        <input id="latency-threshold" type="number" min="0" step="any" inputmode="decimal"
                            prop:value=move || input.threshold_ms.get()
                            on:change=move |ev| { input.threshold_ms.set(event_target_value(&ev)); input.run(&it); }/>
                    </div>
                </div>
                <div class="samples">
                    <h3>"Samples that tell a story"</h3>
                    <ul class="sample-list">
                        {samples::SAMPLES.iter().map(|s| {
                            let id = s.id;
                            view! {
                                <li>
                                    <button id=format!("sample-{id}") on:click=move |_| load_sample(id)>{s.title}</button>
                                    <p>{s.story}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <Generator on_generate=move |csv: String| load(js_sys::JsString::from(csv.as_str()), "generated traffic".into())/>
                </div>
            </div>
            <Status jump=jump_to_line skippable=skippable replay=replay_without source=input.source kept=input.kept_note hidden=input.hidden_note/>
        </section>
    }
}

/// Progress, errors or the preview of the parsed data.
#[component]
fn Status(
    jump: impl Fn(usize) + Copy + Send + Sync + 'static,
    skippable: impl Fn(&[Diagnostic]) -> Option<Vec<usize>> + Copy + Send + Sync + 'static,
    replay: impl Fn(Vec<usize>) + Copy + Send + Sync + 'static,
    source: RwSignal<String>,
    kept: RwSignal<Option<String>>,
    /// Set when the text is too large to sit in the text area: no line to show there.
    hidden: RwSignal<Option<String>>,
) -> impl IntoView {
    let it = expect_context::<Iter>();
    view! {
        <div class="data-status" aria-live="polite">
            {move || match it.engine.parse.get() {
                ParseState::Empty => view! { <p class="hint">"No data yet: paste some, drop a file or load a sample."</p> }.into_any(),
                ParseState::Running { progress } => view! {
                    <div class="progress-row">
                        <label for="parse-progress">"Reading and replaying the data in the background "</label>
                        <progress id="parse-progress" max="1" value=progress.to_string()></progress>
                        <span>{format!(" {:.0}% ", progress * 100.0)}</span>
                        <button id="cancel-parse" on:click=move |_| { backend::forget(); it.engine.cancel(); }>"Cancel"</button>
                    </div>
                }.into_any(),
                ParseState::Cancelled => view! { <p class="warning" role="status">"Cancelled. The data was not read; load it again when ready."</p> }.into_any(),
                ParseState::Failed(diags) => {
                    let can_jump = hidden.with_untracked(|h| h.is_none());
                    let bad = skippable(&diags);
                    view! { <Errors diags=diags jump=jump can_jump=can_jump bad=bad replay=replay/> }.into_any()
                }
                ParseState::Done(summary) => view! { <Preview summary=summary source=source.get()/> }.into_any(),
            }}
            {move || kept.get().map(|k| view! { <p class="warning" id="kept-note">{k}</p> })}
        </div>
    }
}

fn diag_text(d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (0, _) => d.message.clone(),
        (l, Some(c)) => format!("Line {l}, column {c}: {}", d.message),
        (l, None) => format!("Line {l}: {}", d.message),
    }
}

#[component]
fn Errors(
    diags: Arc<Vec<Diagnostic>>,
    jump: impl Fn(usize) + Copy + Send + Sync + 'static,
    can_jump: bool,
    /// The bad rows' lines, when replaying without them is possible.
    bad: Option<Vec<usize>>,
    replay: impl Fn(Vec<usize>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let shown: Vec<Diagnostic> = diags.iter().take(20).cloned().collect();
    let more = diags.len().saturating_sub(shown.len());
    view! {
        <div class="parse-errors" id="parse-errors" role="alert">
            <h3>"The data could not be read"</h3>
            <ul>
                {shown.into_iter().map(|d| {
                    let line = d.line;
                    view! {
                        <li class="error">
                            {diag_text(&d)}
                            {(line > 0 && can_jump).then(|| view! {
                                " "<button class="link" on:click=move |_| jump(line)>{format!("Show line {line}")}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
            {bad.map(|lines| {
                let label = format!("Replay without the {}", bad_rows::describe(&lines));
                view! { <p><button type="button" id="replay-without-bad-rows" on:click=move |_| replay(lines.clone())>{label}</button></p> }
            })}
            <p class="hint">{if can_jump { "Fix the text above; it is read again as you type." } else { "Fix the source and load it again." }}</p>
        </div>
    }
}

#[component]
fn Preview(summary: Arc<DataSummary>, source: String) -> impl IntoView {
    let s = summary;
    let range = match (s.start, s.end) {
        (Some(a), Some(b)) => format!(
            "{} to {} ({})",
            format::when(a),
            format::when(b),
            format::duration(b - a)
        ),
        _ => "no rows".into(),
    };
    let warnings: Vec<Diagnostic> = s
        .diagnostics
        .iter()
        .filter(|d| d.level != Level::Info)
        .cloned()
        .collect();
    let infos: Vec<Diagnostic> = s
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Info)
        .cloned()
        .collect();
    view! {
        <div class="preview" id="data-preview">
            <h3>"Preview"</h3>
            <dl>
                <dt>"Source"</dt><dd>{source}</dd>
                <dt>"Format"</dt><dd id="preview-format">{s.format.clone()}</dd>
                <dt>"Measures"</dt><dd>{s.kind.clone()}{s.cumulative.then_some(" (cumulative counters, differenced)")}</dd>
                <dt>"Columns"</dt><dd>{s.columns.join(", ")}</dd>
                <dt>"Time range"</dt><dd id="preview-range">{range}</dd>
                <dt>"Step"</dt><dd>{format::duration(s.step)}</dd>
                <dt>"Rows"</dt><dd id="preview-rows">{format!("{} rows, {} intervals", s.rows, s.intervals)}</dd>
            </dl>
            {(!warnings.is_empty()).then(|| view! {
                <h4>"Warnings"</h4>
                <ul class="warnings">{warnings.iter().take(20).map(|d| view! { <li class="warning">{diag_text(d)}</li> }).collect_view()}</ul>
            })}
            {(!infos.is_empty()).then(|| view! {
                <ul class="infos">{infos.iter().take(10).map(|d| view! { <li>{diag_text(d)}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

/// One incident row of the generator form, as typed.
#[derive(Clone, Debug, PartialEq)]
struct IncidentInput {
    start_hours: String,
    length_minutes: String,
    error_percent: String,
}

/// Synthetic traffic with incidents the user places.
#[component]
fn Generator(on_generate: impl Fn(String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let days = RwSignal::new("14".to_string());
    let step = RwSignal::new("300".to_string());
    let rate = RwSignal::new("2000".to_string());
    let base = RwSignal::new("0.02".to_string());
    let incidents = RwSignal::new(vec![IncidentInput {
        start_hours: "100".into(),
        length_minutes: "30".into(),
        error_percent: "20".into(),
    }]);
    let error = RwSignal::new(None::<String>);

    let num = |s: &str, what: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .map_err(|_| format!("{what}: \"{}\" is not a number", s.trim()))
    };
    let generate = move |_| {
        let built = (|| -> Result<Traffic, String> {
            let incidents = incidents
                .get_untracked()
                .iter()
                .enumerate()
                .map(|(i, inc)| {
                    Ok(Incident {
                        start_hours: num(&inc.start_hours, &format!("incident {} start", i + 1))?,
                        length_minutes: num(
                            &inc.length_minutes,
                            &format!("incident {} length", i + 1),
                        )?,
                        error_rate: num(
                            &inc.error_percent,
                            &format!("incident {} error rate", i + 1),
                        )? / 100.0,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let base = num(&base.get_untracked(), "base error rate")? / 100.0;
            let t = Traffic {
                days: num(&days.get_untracked(), "days")?.clamp(0.0, 1e6) as u32,
                step_seconds: num(&step.get_untracked(), "step")?.clamp(0.0, 1e9) as u32,
                requests_per_step: num(&rate.get_untracked(), "requests per step")?,
                base_error_rate: base,
                final_error_rate: base,
                incidents,
                seed: 7,
                ..Traffic::default()
            };
            t.check()?;
            Ok(t)
        })();
        match built {
            Ok(t) => {
                error.set(None);
                on_generate(samples::to_csv(&samples::generate(&t), TimeStyle::Rfc3339));
            }
            Err(e) => error.set(Some(e)),
        }
    };

    let field = move |id: &'static str, label: &'static str, sig: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" inputmode="decimal" prop:value=move || sig.get()
                    on:change=move |ev| sig.set(event_target_value(&ev))/>
            </div>
        }
    };

    view! {
        <details class="generator">
            <summary>"Generate synthetic traffic with incidents"</summary>
            <div class="fields">
                {field("gen-days", "Days", days)}
                <div class="field">
                    <label for="gen-step">"Step"</label>
                    <select id="gen-step" prop:value=move || step.get() on:change=move |ev| step.set(event_target_value(&ev))>
                        <option value="60">"1 minute"</option>
                        <option value="300">"5 minutes"</option>
                        <option value="900">"15 minutes"</option>
                        <option value="3600">"1 hour"</option>
                    </select>
                </div>
                {field("gen-rate", "Requests per step (daily mean)", rate)}
                {field("gen-base", "Base error rate (%)", base)}
            </div>
            <table class="incidents">
                <caption>"Incidents"</caption>
                <thead><tr><th scope="col">"#"</th><th scope="col">"Start (hours after the first row)"</th><th scope="col">"Length (minutes)"</th><th scope="col">"Error rate (%)"</th><th scope="col">"Remove"</th></tr></thead>
                <tbody>
                    {move || incidents.get().into_iter().enumerate().map(|(i, inc)| {
                        let set = move |f: fn(&mut IncidentInput, String), v: String| incidents.update(|all| if let Some(x) = all.get_mut(i) { f(x, v) });
                        let n = i + 1;
                        view! {
                            <tr>
                                <th scope="row">{n}</th>
                                <td><input type="text" inputmode="decimal" aria-label=format!("Incident {n} start (hours)") prop:value=inc.start_hours
                                    on:change=move |ev| set(|x, v| x.start_hours = v, event_target_value(&ev))/></td>
                                <td><input type="text" inputmode="decimal" aria-label=format!("Incident {n} length (minutes)") prop:value=inc.length_minutes
                                    on:change=move |ev| set(|x, v| x.length_minutes = v, event_target_value(&ev))/></td>
                                <td><input type="text" inputmode="decimal" aria-label=format!("Incident {n} error rate (%)") prop:value=inc.error_percent
                                    on:change=move |ev| set(|x, v| x.error_percent = v, event_target_value(&ev))/></td>
                                <td><button aria-label=format!("Remove incident {n}") on:click=move |_| incidents.update(|all| { if i < all.len() { all.remove(i); } })>"Remove"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="row">
                <button on:click=move |_| incidents.update(|all| all.push(IncidentInput { start_hours: "24".into(), length_minutes: "60".into(), error_percent: "5".into() }))>
                    "Add an incident"
                </button>
                <button id="gen-run" class="primary" on:click=generate>"Generate and replay"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </details>
    }
}
