//! Where parsing and replay run: on the main thread for small inputs, in the
//! Web Worker (`src/bin/worker.rs`) for large ones, with progress and cancel.
//! Either way the page gets a `DataSummary` and `Report`s; only the local
//! path keeps the series on the main thread.
//!
//! Also keeps the pasted text in localStorage under its own key, when it is
//! small enough, so the data survives a reload, and any input for the rest
//! of the tab's life, so it survives leaving the page.

use leptos::prelude::*;
use slo_engine::diag::Diagnostic;
use slo_engine::ingest::{self, IngestOptions};
use slo_engine::worker::{
    report_on, sweep_on, DataSummary, FromWorker, Replayable, Report, Request, SweepOutcome,
    ToWorker,
};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Text longer than this (in UTF-16 units) is parsed and replayed in the worker.
pub const WORKER_THRESHOLD: u32 = 1_500_000;
/// Text longer than this is not kept in localStorage (quotas are about 5 MB).
pub const KEEP_LIMIT: u32 = 4_000_000;
pub const DATA_KEY: &str = "slo-workbench/data/v1";

#[derive(Clone, Debug, PartialEq)]
pub enum ParseState {
    Empty,
    /// Only large inputs are parsed in the background, so only they show progress.
    Running {
        progress: f64,
    },
    Done(Arc<DataSummary>),
    Failed(Arc<Vec<Diagnostic>>),
    Cancelled,
}

/// Where the parsed series (and its label sets) lives.
enum Holder {
    None,
    Local(Arc<Replayable>),
    Worker,
}

/// The page's engine handle; lives in a local `StoredValue` (a Worker is not `Send`).
pub struct Backend {
    worker: Option<web_sys::Worker>,
    holder: Holder,
    next_id: u64,
    /// Request id -> which slot (0 = draft A, 1 = draft B, 2 = the sweep of A).
    pending: Vec<(u64, usize)>,
    /// Messages held until the worker says it is ready.
    queue: Vec<js_sys::Object>,
    ready: bool,
    /// Bumped by every parse and every request for draft A, so a local sweep
    /// that finishes late does not show figures of older data.
    epoch: u64,
    _onmessage: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

#[derive(Clone, Copy)]
pub struct Engine {
    backend: StoredValue<Backend, LocalStorage>,
    pub parse: RwSignal<ParseState>,
    /// Report per slot: the selected draft and the comparison draft.
    pub reports: [RwSignal<Option<Arc<Report>>>; 2],
    /// The target sweep of the selected draft, which arrives after its report.
    pub sweep: RwSignal<Option<Arc<Vec<SweepOutcome>>>>,
}

const SWEEP_SLOT: usize = 2;

impl Engine {
    pub fn new() -> Engine {
        let engine = Engine {
            backend: StoredValue::new_local(Backend {
                worker: None,
                holder: Holder::None,
                next_id: 1,
                pending: Vec::new(),
                queue: Vec::new(),
                ready: false,
                epoch: 0,
                _onmessage: None,
            }),
            parse: RwSignal::new(ParseState::Empty),
            reports: [RwSignal::new(None), RwSignal::new(None)],
            sweep: RwSignal::new(None),
        };
        on_cleanup(move || engine.stop_worker());
        engine
    }

    fn stop_worker(&self) {
        self.backend.try_update_value(|b| {
            if let Some(w) = b.worker.take() {
                w.terminate();
            }
            b._onmessage = None;
            b.pending.clear();
            b.queue.clear();
            b.ready = false;
        });
    }

    /// Parses `text` (a JS string, so large pastes are not copied into Wasm
    /// on the main thread), locally or in the worker by size; `group_by`:
    /// the replayed SLO's grouping labels, read as label sets.
    pub fn parse(
        &self,
        text: &js_sys::JsString,
        latency_threshold_seconds: Option<f64>,
        group_by: Vec<String>,
    ) {
        self.reports[0].set(None);
        self.reports[1].set(None);
        self.sweep.set(None);
        self.stop_worker();
        self.backend.update_value(|b| b.epoch += 1);
        if text.length() == 0 {
            self.backend.update_value(|b| b.holder = Holder::None);
            self.parse.set(ParseState::Empty);
            return;
        }
        if text.length() <= WORKER_THRESHOLD {
            let text: String = text.into();
            let opts = IngestOptions {
                latency_threshold_seconds,
                group_by,
            };
            match ingest::parse(&text, &opts) {
                Ok(d) => {
                    let summary = Arc::new(DataSummary::of(&d));
                    self.backend
                        .update_value(|b| b.holder = Holder::Local(Arc::new(d.into())));
                    self.parse.set(ParseState::Done(summary));
                }
                Err(diags) => {
                    self.backend.update_value(|b| b.holder = Holder::None);
                    self.parse.set(ParseState::Failed(Arc::new(diags)));
                }
            }
            return;
        }
        self.parse.set(ParseState::Running { progress: 0.0 });
        match self.start_worker() {
            Ok(()) => {
                let msg = js_sys::Object::new();
                let json = serde_json::to_string(&ToWorker::Parse {
                    latency_threshold_seconds,
                    group_by,
                })
                .unwrap_or_default();
                let _ = js_sys::Reflect::set(&msg, &"json".into(), &json.into());
                let _ = js_sys::Reflect::set(&msg, &"text".into(), text);
                self.send(msg);
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Posts to the worker, or holds the message until it is ready.
    fn send(&self, msg: js_sys::Object) {
        let worker = self.backend.try_update_value(|b| {
            if b.ready {
                b.worker.clone()
            } else {
                b.queue.push(msg.clone());
                None
            }
        });
        if let Some(Some(worker)) = worker {
            if worker.post_message(&msg).is_err() {
                self.fail("the background worker stopped answering");
            }
        }
    }

    fn fail(&self, message: &str) {
        self.stop_worker();
        self.parse
            .set(ParseState::Failed(Arc::new(vec![Diagnostic::error(
                0,
                message.to_string(),
            )])));
    }

    /// Stops a running parse; the page says it was cancelled.
    pub fn cancel(&self) {
        self.stop_worker();
        self.backend.update_value(|b| b.holder = Holder::None);
        self.parse.set(ParseState::Cancelled);
    }

    fn start_worker(&self) -> Result<(), String> {
        let worker = web_sys::Worker::new("./worker_loader.js")
            .map_err(|_| "the background worker could not be started".to_string())?;
        let engine = *self;
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else {
                    return;
                };
                match serde_json::from_str::<FromWorker>(&text) {
                    Ok(msg) => engine.on_worker_message(msg),
                    Err(e) => engine.fail(&format!(
                        "the background worker sent an unreadable answer ({e})"
                    )),
                }
            });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        self.backend.update_value(|b| {
            b.worker = Some(worker);
            b.holder = Holder::Worker;
            b.ready = false;
            b._onmessage = Some(onmessage);
        });
        Ok(())
    }

    fn on_worker_message(&self, msg: FromWorker) {
        match msg {
            FromWorker::Ready => {
                let held = self.backend.try_update_value(|b| {
                    b.ready = true;
                    (b.worker.clone(), std::mem::take(&mut b.queue))
                });
                if let Some((Some(worker), held)) = held {
                    for msg in held {
                        if worker.post_message(&msg).is_err() {
                            self.fail("the background worker stopped answering");
                        }
                    }
                }
            }
            FromWorker::Progress { done } => self.parse.set(ParseState::Running { progress: done }),
            FromWorker::Parsed { summary } => self.parse.set(ParseState::Done(Arc::new(summary))),
            FromWorker::Failed { diagnostics } => {
                self.stop_worker();
                self.parse.set(ParseState::Failed(Arc::new(diagnostics)));
            }
            FromWorker::Report { id, report } => {
                let slot = self.backend.try_update_value(|b| {
                    let pos = b.pending.iter().position(|(i, _)| *i == id)?;
                    Some(b.pending.remove(pos).1)
                });
                if let Some(Some(slot)) = slot {
                    self.reports[slot.min(1)].set(Some(Arc::new(*report)));
                }
            }
            FromWorker::Sweep { id, rows } => {
                let known = self.backend.try_update_value(|b| {
                    let pos = b.pending.iter().position(|(i, _)| *i == id)?;
                    Some(b.pending.remove(pos))
                });
                if let Some(Some(_)) = known {
                    self.sweep.set(Some(Arc::new(rows)));
                }
            }
        }
    }

    /// Asks for a report on the parsed data into `slot` (and, for the
    /// selected draft, its target sweep after it); `None` clears it.
    pub fn analyse(&self, slot: usize, request: Option<Request>) {
        let Some(request) = request else {
            self.reports[slot].set(None);
            if slot == 0 {
                self.sweep.set(None);
            }
            return;
        };
        enum Route {
            Local(Arc<Replayable>),
            Worker(u64),
            Nowhere,
        }
        let route = self.backend.with_value(|b| match &b.holder {
            Holder::Local(s) => Route::Local(s.clone()),
            Holder::Worker if b.worker.is_some() => Route::Worker(b.next_id),
            _ => Route::Nowhere,
        });
        match route {
            Route::Local(data) => {
                self.reports[slot].set(Some(Arc::new(report_on(&data, &request))));
                if slot == 0 {
                    // After the browser has drawn the other charts; skipped when
                    // newer data or a newer draft came in meanwhile (or the page left).
                    let engine = *self;
                    let epoch = self.backend.try_update_value(|b| {
                        b.epoch += 1;
                        b.epoch
                    });
                    set_timeout(
                        move || {
                            if engine.backend.try_with_value(|b| b.epoch) == epoch {
                                engine
                                    .sweep
                                    .try_set(Some(Arc::new(sweep_on(&data, &request))));
                            }
                        },
                        std::time::Duration::from_millis(0),
                    );
                }
            }
            Route::Worker(id) => {
                let with_sweep = slot == 0;
                self.backend.update_value(|b| {
                    b.next_id += 2;
                    b.pending
                        .retain(|(_, s)| *s != slot && !(with_sweep && *s == SWEEP_SLOT));
                    b.pending.push((id, slot));
                    if with_sweep {
                        b.pending.push((id + 1, SWEEP_SLOT));
                    }
                });
                let post = |msg: &ToWorker| {
                    let json = serde_json::to_string(msg).unwrap_or_default();
                    let obj = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&obj, &"json".into(), &json.into());
                    self.send(obj);
                };
                post(&ToWorker::Analyse {
                    id,
                    request: request.clone(),
                });
                if with_sweep {
                    post(&ToWorker::Sweep {
                        id: id + 1,
                        request,
                    });
                }
            }
            Route::Nowhere => self.reports[slot].set(None),
        }
    }
}

/// The last input of this tab, whatever its size: localStorage keeps only
/// small inputs across a reload, but a large paste must not be lost when
/// the user looks at another page and comes back.
pub struct SessionInput {
    pub text: js_sys::JsString,
    pub source: String,
    pub latency_threshold_ms: String,
}

thread_local! {
    static SESSION_INPUT: std::cell::RefCell<Option<SessionInput>> = const { std::cell::RefCell::new(None) };
}

pub fn remember(input: SessionInput) {
    SESSION_INPUT.with(|s| *s.borrow_mut() = Some(input));
}

/// What this tab last loaded, if the page was left since.
pub fn recall() -> Option<SessionInput> {
    SESSION_INPUT.with(|s| {
        s.borrow().as_ref().map(|i| SessionInput {
            text: i.text.clone(),
            source: i.source.clone(),
            latency_threshold_ms: i.latency_threshold_ms.clone(),
        })
    })
}

/// After a cancel: coming back to the page must not start the parse again.
pub fn forget() {
    SESSION_INPUT.with(|s| *s.borrow_mut() = None);
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// What was pasted last time, to restore after a reload.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
pub struct KeptData {
    pub source: String,
    pub text: String,
    pub latency_threshold_ms: String,
}

pub fn load_kept() -> Option<KeptData> {
    let text = storage()?.get_item(DATA_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Keeps the data when small enough; returns a sentence for the user when it was not kept.
pub fn keep(source: &str, text: &js_sys::JsString, latency_threshold_ms: &str) -> Option<String> {
    let Some(store) = storage() else {
        return Some(
            "This browser offers no local storage: the data will not survive a reload.".into(),
        );
    };
    if text.length() > KEEP_LIMIT {
        let _ = store.remove_item(DATA_KEY);
        return Some(format!(
            "The data ({:.1} MB) is too large to keep in this browser: it will not survive a reload. Keep the file at hand.",
            f64::from(text.length()) / 1e6
        ));
    }
    let kept = KeptData {
        source: source.to_string(),
        text: text.into(),
        latency_threshold_ms: latency_threshold_ms.to_string(),
    };
    let Ok(json) = serde_json::to_string(&kept) else {
        return None;
    };
    match store.set_item(DATA_KEY, &json) {
        Ok(()) => None,
        Err(_) => {
            let _ = store.remove_item(DATA_KEY);
            Some("The browser's storage is full: the data will not survive a reload.".into())
        }
    }
}
