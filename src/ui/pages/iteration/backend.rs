//! Where parsing and replay run: always in the Web Worker
//! (`src/bin/worker.rs`), with progress and cancel, so the main thread only
//! draws (no task over 100 ms while a paste is read, whatever its size). The
//! worker starts when the page opens and stays for the next input, so a
//! small paste does not wait for it; the page gets a `DataSummary` and
//! `Report`s and never holds the series. A calendar window in a named zone
//! gets the time-zone database (`ui::zones`) handed to the worker first.
//!
//! Also keeps the pasted text in localStorage under its own key, when it is
//! small enough, so the data survives a reload, and any input for the rest
//! of the tab's life, so it survives leaving the page.

use leptos::prelude::*;
use slo_engine::diag::Diagnostic;
use slo_engine::worker::{DataSummary, FromWorker, Report, Request, SweepOutcome, ToWorker};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Text longer than this is not kept in localStorage (quotas are about 5 MB).
pub const KEEP_LIMIT: u32 = 4_000_000;
pub const DATA_KEY: &str = "slo-workbench/data/v1";

#[derive(Clone, Debug, PartialEq)]
pub enum ParseState {
    Empty,
    /// Being read in the worker.
    Running {
        progress: f64,
    },
    Done(Arc<DataSummary>),
    Failed(Arc<Vec<Diagnostic>>),
    Cancelled,
}

/// The page's engine handle; lives in a local `StoredValue` (a Worker is not `Send`).
pub struct Backend {
    worker: Option<web_sys::Worker>,
    /// The worker holds a parsed series to report on.
    has_data: bool,
    /// The worker has the time-zone database.
    zones_sent: bool,
    next_id: u64,
    /// Request id -> which slot (0 = draft A, 1 = draft B, 2 = the sweep of A).
    pending: Vec<(u64, usize)>,
    /// Messages held until the worker says it is ready.
    queue: Vec<js_sys::Object>,
    ready: bool,
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
                has_data: false,
                zones_sent: false,
                next_id: 1,
                pending: Vec::new(),
                queue: Vec::new(),
                ready: false,
                _onmessage: None,
            }),
            parse: RwSignal::new(ParseState::Empty),
            reports: [RwSignal::new(None), RwSignal::new(None)],
            sweep: RwSignal::new(None),
        };
        on_cleanup(move || engine.stop_worker());
        // Started now, so the first paste does not wait for the worker's Wasm.
        if let Err(e) = engine.start_worker() {
            engine.fail(&e);
        }
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
            b.has_data = false;
            b.zones_sent = false;
        });
    }

    /// Parses `text` in the worker (a JS string, so the paste is not copied
    /// into Wasm on the main thread); `group_by`: the replayed SLO's grouping
    /// labels, read as label sets. A parse still running is stopped with its
    /// worker; an idle worker is kept.
    pub fn parse(
        &self,
        text: &js_sys::JsString,
        latency_threshold_seconds: Option<f64>,
        group_by: Vec<String>,
    ) {
        self.reports[0].set(None);
        self.reports[1].set(None);
        self.sweep.set(None);
        if matches!(self.parse.get_untracked(), ParseState::Running { .. }) {
            self.stop_worker();
        }
        self.backend.update_value(|b| {
            // Answers to requests on the older data are dropped.
            b.pending.clear();
            b.has_data = false;
        });
        if text.length() == 0 {
            self.parse.set(ParseState::Empty);
            return;
        }
        self.parse.set(ParseState::Running { progress: 0.0 });
        if self.backend.with_value(|b| b.worker.is_none()) {
            if let Err(e) = self.start_worker() {
                self.fail(&e);
                return;
            }
        }
        let msg = message(&ToWorker::Parse {
            latency_threshold_seconds,
            group_by,
        });
        let _ = js_sys::Reflect::set(&msg, &"text".into(), text);
        self.send(msg);
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
            FromWorker::Parsed { summary } => {
                self.backend.update_value(|b| b.has_data = true);
                self.parse.set(ParseState::Done(Arc::new(summary)));
            }
            FromWorker::Failed { diagnostics } => {
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
        let Some(id) = self
            .backend
            .with_value(|b| (b.has_data && b.worker.is_some()).then_some(b.next_id))
        else {
            self.reports[slot].set(None);
            return;
        };
        self.hand_zones();
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
        self.send(message(&ToWorker::Analyse {
            id,
            request: request.clone(),
        }));
        if with_sweep {
            // After the report, so the other charts are drawn first.
            self.send(message(&ToWorker::Sweep {
                id: id + 1,
                request,
            }));
        }
    }

    /// Gives the worker the time-zone database once it is loaded, before the
    /// next request (the page waits for the load before asking for a replay
    /// in a named zone: see `zones::status_of`).
    fn hand_zones(&self) {
        let Some(bytes) = crate::ui::zones::bytes() else {
            return;
        };
        if self.backend.with_value(|b| b.zones_sent) {
            return;
        }
        self.backend.update_value(|b| b.zones_sent = true);
        let msg = message(&ToWorker::Zones);
        let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &bytes);
        self.send(msg);
    }
}

/// A message for the worker: the request as JSON, large payloads beside it.
fn message(msg: &ToWorker) -> js_sys::Object {
    let obj = js_sys::Object::new();
    let json = serde_json::to_string(msg).unwrap_or_default();
    let _ = js_sys::Reflect::set(&obj, &"json".into(), &json.into());
    obj
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
    // Written as JS (the same fields as `KeptData`): the text is not copied
    // into Wasm and back on the main thread.
    let kept = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&kept, &"source".into(), &source.into());
    let _ = js_sys::Reflect::set(&kept, &"text".into(), text);
    let _ = js_sys::Reflect::set(
        &kept,
        &"latency_threshold_ms".into(),
        &latency_threshold_ms.into(),
    );
    let Ok(json) = js_sys::JSON::stringify(&kept) else {
        return None;
    };
    let set_item = js_sys::Reflect::get(&store, &"setItem".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match set_item.map(|f| f.call2(&store, &DATA_KEY.into(), &json)) {
        Some(Ok(_)) => None,
        _ => {
            let _ = store.remove_item(DATA_KEY);
            Some("The browser's storage is full: the data will not survive a reload.".into())
        }
    }
}
