//! The Web Worker: parses large inputs and replays them off the main thread.
//!
//! Trunk builds this binary with `data-type="worker"`; the page starts it
//! from `worker_loader.js`. It keeps the parsed series and answers
//! `worker::ToWorker` messages with `worker::FromWorker` JSON (progress while
//! parsing, the data summary, then one `Report` per request). It draws
//! nothing: plotters needs the page's `window` to measure text, so charts are
//! drawn on the main thread from the reports' downsampled curves.

#[cfg(target_arch = "wasm32")]
fn main() {
    use slo_engine::ingest::{parse_with_progress, IngestOptions};
    use slo_engine::worker::{report_on, sweep_on, DataSummary, FromWorker, Replayable, ToWorker};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let series: Rc<RefCell<Option<Replayable>>> = Rc::new(RefCell::new(None));
    let post_scope = scope.clone();
    let post = move |msg: &FromWorker| {
        if let Ok(text) = serde_json::to_string(msg) {
            let _ = post_scope.post_message(&JsValue::from_str(&text));
        }
    };
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let json = js_sys::Reflect::get(&data, &"json".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let msg = match serde_json::from_str::<ToWorker>(&json) {
                Ok(m) => m,
                Err(e) => {
                    let d = slo_engine::diag::Diagnostic::error(
                        0,
                        format!("the worker got an unreadable request ({e})"),
                    );
                    post(&FromWorker::Failed {
                        diagnostics: vec![d],
                    });
                    return;
                }
            };
            match msg {
                ToWorker::Parse {
                    latency_threshold_seconds,
                    group_by,
                } => {
                    let text = js_sys::Reflect::get(&data, &"text".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default();
                    let opts = IngestOptions {
                        latency_threshold_seconds,
                        group_by,
                    };
                    let mut last = -1.0;
                    let mut progress = |done: f64| {
                        // Parsing is most of the way from paste to charts; the replay is the rest.
                        if done - last >= 0.02 {
                            last = done;
                            post(&FromWorker::Progress { done: done * 0.8 });
                        }
                        true
                    };
                    match parse_with_progress(&text, &opts, &mut progress) {
                        Ok(d) => {
                            let summary = DataSummary::of(&d);
                            *series.borrow_mut() = Some(d.into());
                            post(&FromWorker::Parsed { summary });
                        }
                        Err(diagnostics) => {
                            *series.borrow_mut() = None;
                            post(&FromWorker::Failed { diagnostics });
                        }
                    }
                }
                ToWorker::Analyse { id, request } => {
                    if let Some(s) = series.borrow().as_ref() {
                        post(&FromWorker::Report {
                            id,
                            report: Box::new(report_on(s, &request)),
                        });
                    }
                }
                ToWorker::Zones => {
                    // Failing here leaves named zones unknown to the worker:
                    // the replay warns and counts their periods in UTC.
                    if let Some(bytes) = js_sys::Reflect::get(&data, &"bytes".into())
                        .ok()
                        .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
                    {
                        let _ = slo_engine::tzdb::register(&bytes.to_vec());
                    }
                }
                ToWorker::Sweep { id, request } => {
                    if let Some(s) = series.borrow().as_ref() {
                        post(&FromWorker::Sweep {
                            id,
                            rows: sweep_on(s, &request),
                        });
                    }
                }
            }
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    if let Ok(text) = serde_json::to_string(&FromWorker::Ready) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("worker: this binary runs as a Web Worker in the browser; use slo-workbench for the command line");
    std::process::exit(2);
}
