//! Data in: the paste area, file picker and drop zone, the sample picker,
//! the traffic generator, and the preview with warnings or errors.
//!
//! The text area is never rewritten after a parse error: the user fixes the
//! text where they pasted it, or replays without the bad rows
//! (`slo_engine::bad_rows`), which leaves the text area as pasted. Large
//! inputs stay JS strings on the main thread and go to the worker as they are.

use super::backend::{self, ParseState};
use super::format;
use super::Iter;
use leptos::html;
use leptos::prelude::*;
use slo_engine::bad_rows;
use slo_engine::diag::{Diagnostic, Level};
use slo_engine::input::{line_range_utf16, threshold_seconds, IncidentForm, TrafficForm};
use slo_engine::samples::{self, TimeStyle};
use slo_engine::worker::DataSummary;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Text longer than this (in UTF-16 units) is not shown in the text area:
/// laying out megabytes of text takes the browser seconds.
const TEXT_AREA_LIMIT: u32 = 1_500_000;

fn large_paste_note(text: &js_sys::JsString) -> String {
    format!(
        "Pasted {:.1} MB: read in the background and taken out of the text area to keep the page responsive. \
         If it has errors, fix the source and paste it again.",
        f64::from(text.length()) / 1e6
    )
}

/// The clipboard's text as a JS string (not copied into Wasm).
fn clipboard_text(ev: &web_sys::Event) -> Option<js_sys::JsString> {
    let data = js_sys::Reflect::get(ev, &"clipboardData".into()).ok()?;
    let get = js_sys::Reflect::get(&data, &"getData".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    get.call1(&data, &"text/plain".into()).ok()?.dyn_into().ok()
}

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

impl Input {
    fn new() -> Input {
        Input {
            text: StoredValue::new_local(None),
            source: RwSignal::new(String::new()),
            threshold_ms: RwSignal::new(String::new()),
            kept_note: RwSignal::new(None),
            hidden_note: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    fn run(&self, it: &Iter) {
        let Some(text) = self.text.get_value() else {
            return;
        };
        let ms = self.threshold_ms.get_untracked();
        let source = self.source.get_untracked();
        let group_by = it
            .slo
            .with_untracked(|s| s.as_ref().map(|s| s.grouping.clone()))
            .unwrap_or_default();
        it.engine.parse(&text, threshold_seconds(&ms), group_by);
        self.kept_note.set(backend::keep(&source, &text, &ms));
        backend::remember(backend::SessionInput {
            text,
            source,
            latency_threshold_ms: ms,
        });
    }

    /// Puts text in the page (and the text area when it fits) and parses it.
    fn load(
        &self,
        it: &Iter,
        area: NodeRef<html::Textarea>,
        text: js_sys::JsString,
        source: String,
    ) {
        self.source.set(source.clone());
        if let Some(ta) = area.get_untracked() {
            if text.length() <= TEXT_AREA_LIMIT {
                let _ = js_sys::Reflect::set(&ta, &"value".into(), &text);
                self.hidden_note.set(None);
            } else {
                ta.set_value("");
                self.hidden_note.set(Some(format!(
                    "{source}: {:.1} MB, not shown in the text area to keep the page responsive.",
                    f64::from(text.length()) / 1e6
                )));
            }
        }
        self.text.set_value(Some(text));
        self.run(it);
    }

    /// Restores what was loaded before the page was left, or before the reload.
    fn restore(&self, it: &Iter, area: NodeRef<html::Textarea>) {
        if let Some(last) = backend::recall() {
            self.threshold_ms.set(last.latency_threshold_ms);
            self.load(it, area, last.text, last.source);
        } else if let Some(kept) = backend::load_kept() {
            self.threshold_ms.set(kept.latency_threshold_ms.clone());
            self.load(
                it,
                area,
                js_sys::JsString::from(kept.text.as_str()),
                kept.source,
            );
        }
    }

    /// Typing or pasting: parse after a short pause, so each keystroke does not re-parse.
    fn typed(self, it: Iter, area: NodeRef<html::Textarea>) {
        let Some(ta) = area.get_untracked() else {
            return;
        };
        let Ok(text) = js_sys::Reflect::get(&ta, &"value".into()) else {
            return;
        };
        let Ok(text) = text.dyn_into::<js_sys::JsString>() else {
            return;
        };
        if text.length() > TEXT_AREA_LIMIT {
            // Laying out megabytes of text in a text area takes the browser
            // seconds per paste: empty it before the next frame is drawn.
            ta.set_value("");
            self.hidden_note.set(Some(large_paste_note(&text)));
        } else {
            self.hidden_note.set(None);
        }
        self.take_pasted(it, text);
    }

    /// A paste too large for the text area is taken from the clipboard
    /// before the browser inserts it: inserting megabytes and emptying the
    /// area again would hold the page for seconds. Smaller pastes go in as
    /// usual and arrive through `typed`.
    fn pasted(self, it: Iter, area: NodeRef<html::Textarea>, ev: &web_sys::Event) {
        let Some(text) = clipboard_text(ev) else {
            return;
        };
        if text.length() <= TEXT_AREA_LIMIT {
            return;
        }
        ev.prevent_default();
        if let Some(ta) = area.get_untracked() {
            ta.set_value("");
        }
        self.hidden_note.set(Some(large_paste_note(&text)));
        self.take_pasted(it, text);
    }

    fn take_pasted(self, it: Iter, text: js_sys::JsString) {
        self.source.set("pasted".into());
        self.text.set_value(Some(text.clone()));
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let delay = if text.length() > 100_000 { 0 } else { 250 };
        set_timeout(
            move || {
                // Skipped when more was typed meanwhile, or the page was left.
                if self.generation.try_get_value() == Some(generation) {
                    self.run(&it);
                }
            },
            Duration::from_millis(delay),
        );
    }

    fn read_file(self, it: Iter, area: NodeRef<html::Textarea>, file: web_sys::File) {
        let name = file.name();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => match v.dyn_into::<js_sys::JsString>() {
                    Ok(text) => self.load(&it, area, text, format!("file {name}")),
                    Err(_) => self
                        .kept_note
                        .set(Some(format!("{name} is not a text file."))),
                },
                Err(_) => self
                    .kept_note
                    .set(Some(format!("{name} could not be read."))),
            }
        });
    }
}

impl Input {
    /// The rows the errors name, when leaving them out is all that stands between the text and a replay.
    fn skippable(&self, diags: &[Diagnostic]) -> Option<Vec<usize>> {
        self.text.with_value(|t| {
            t.as_ref()
                .and_then(|t| bad_rows::skippable_lines(&String::from(t), diags))
        })
    }

    /// Replays the text without these lines; the text area keeps the paste as it was.
    fn replay_without(&self, it: &Iter, lines: Vec<usize>) {
        let Some(text) = self.text.get_value() else {
            return;
        };
        let kept = bad_rows::without_lines(&String::from(text), &lines);
        self.source
            .update(|s| *s = format!("{s}, without {}", bad_rows::describe(&lines)));
        self.text
            .set_value(Some(js_sys::JsString::from(kept.as_str())));
        self.run(it);
    }
}

/// Selects line `line` of the text area, so the user sees the row to fix.
fn show_line(area: NodeRef<html::Textarea>, line: usize) {
    let Some(ta) = area.get_untracked() else {
        return;
    };
    let text = ta.value();
    let (start, end) = line_range_utf16(&text, line);
    let _ = ta.focus();
    let _ = ta.set_selection_range(start as u32, end as u32);
    // Lines do not wrap in the text area, so they share its height evenly: centre this one.
    let lines = text.split_inclusive('\n').count().max(1) as f64;
    let per_line = f64::from(ta.scroll_height()) / lines;
    let top = per_line * line.saturating_sub(1) as f64 - f64::from(ta.client_height()) / 2.0;
    ta.set_scroll_top(top.max(0.0) as i32);
}

#[component]
pub fn DataIn() -> impl IntoView {
    let it = expect_context::<Iter>();
    let area = NodeRef::<html::Textarea>::new();
    let input = Input::new();
    Effect::new(move |prev: Option<()>| {
        if prev.is_none() && area.get().is_some() {
            input.restore(&it, area);
        }
    });
    // The data is read per label set of the replayed SLO's grouping: read it
    // again when another grouping is replayed.
    let grouping = Memo::new(move |_| it.slo.with(|s| s.as_ref().map(|s| s.grouping.clone())));
    Effect::new(move |prev: Option<Option<Vec<String>>>| {
        let now = grouping.get();
        if prev.is_some_and(|p| p != now) {
            input.run(&it);
        }
        now
    });
    let load = move |text: js_sys::JsString, source: String| input.load(&it, area, text, source);
    view! {
        <section class="data-in" aria-labelledby="data-in-h">
            <h2 id="data-in-h">"1. Your data"</h2>
            <div class="data-in-grid">
                <PasteArea input=input area=area/>
                <div class="samples">
                    <SampleList load=load/>
                    <Generator on_generate=move |csv: String| load(js_sys::JsString::from(csv.as_str()), "generated traffic".into())/>
                </div>
            </div>
            <Status jump=move |line| show_line(area, line)
                skippable=move |diags: &[Diagnostic]| input.skippable(diags)
                replay=move |lines| input.replay_without(&it, lines)
                source=input.source kept=input.kept_note hidden=input.hidden_note/>
        </section>
    }
}

/// The paste area, which is also the drop zone, the file picker and the
/// latency threshold for raw samples.
#[component]
fn PasteArea(input: Input, area: NodeRef<html::Textarea>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let on_pick = move |ev: leptos::ev::Event| {
        let target: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = target.files().and_then(|f| f.get(0)) {
            input.read_file(it, area, file);
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
            input.read_file(it, area, file);
        }
    };
    let failed = move || matches!(it.engine.parse.get(), ParseState::Failed(_));
    view! {
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
                aria-invalid=move || failed().then_some("true")
                aria-describedby=move || failed().then_some("parse-errors")
                on:paste=move |ev| input.pasted(it, area, &ev)
                on:input=move |_| input.typed(it, area)></textarea>
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
    }
}

/// The samples, each a button with its story.
#[component]
fn SampleList(
    load: impl Fn(js_sys::JsString, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
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
    view! {
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
                        <span>{format!(" {} ", format::share(progress))}</span>
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

/// Synthetic traffic with incidents the user places.
#[component]
fn Generator(on_generate: impl Fn(String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let form = RwSignal::new(TrafficForm::default());
    let error = RwSignal::new(None::<String>);
    let generate = move |_| match form.with_untracked(TrafficForm::traffic) {
        Ok(t) => {
            error.set(None);
            on_generate(samples::to_csv(&samples::generate(&t), TimeStyle::Rfc3339));
        }
        Err(e) => error.set(Some(e)),
    };
    // Each text field edits one string of the form: read with `get`, written through `set`.
    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&TrafficForm) -> &String,
                      set: fn(&mut TrafficForm) -> &mut String| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" inputmode="decimal" prop:value=move || form.with(|f| get(f).clone())
                    on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| *set(f) = v); }/>
            </div>
        }
    };

    view! {
        <details class="generator">
            <summary>"Generate synthetic traffic with incidents"</summary>
            <div class="fields">
                {field("gen-days", "Days", |f| &f.days, |f| &mut f.days)}
                <div class="field">
                    <label for="gen-step">"Step"</label>
                    <select id="gen-step" prop:value=move || form.with(|f| f.step.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.step = v); }>
                        <option value="60">"1 minute"</option>
                        <option value="300">"5 minutes"</option>
                        <option value="900">"15 minutes"</option>
                        <option value="3600">"1 hour"</option>
                    </select>
                </div>
                {field("gen-rate", "Requests per step (daily mean)", |f| &f.requests_per_step, |f| &mut f.requests_per_step)}
                {field("gen-base", "Base error rate (%)", |f| &f.base_error_percent, |f| &mut f.base_error_percent)}
            </div>
            <IncidentTable form=form/>
            <div class="row">
                <button on:click=move |_| form.update(|f| f.incidents.push(IncidentForm::added()))>
                    "Add an incident"
                </button>
                <button id="gen-run" class="primary" on:click=generate>"Generate and replay"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </details>
    }
}

/// The generator's incidents, one editable row each.
#[component]
fn IncidentTable(form: RwSignal<TrafficForm>) -> impl IntoView {
    view! {
    <table class="incidents">
        <caption>"Incidents"</caption>
        <thead><tr><th scope="col">"#"</th><th scope="col">"Start (hours after the first row)"</th><th scope="col">"Length (minutes)"</th><th scope="col">"Error rate (%)"</th><th scope="col">"Remove"</th></tr></thead>
        <tbody>
            {move || form.with(|f| f.incidents.clone()).into_iter().enumerate().map(|(i, inc)| {
                let set = move |f: fn(&mut IncidentForm, String), v: String| form.update(|form| if let Some(x) = form.incidents.get_mut(i) { f(x, v) });
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
                        <td><button aria-label=format!("Remove incident {n}") on:click=move |_| form.update(|f| { if i < f.incidents.len() { f.incidents.remove(i); } })>"Remove"</button></td>
                    </tr>
                }
            }).collect_view()}
        </tbody>
    </table>
    }
}
