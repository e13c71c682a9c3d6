//! Any text given to the Prometheus JSON reader yields a dataset or
//! diagnostics, never a panic. A leading `{` is added where missing so the
//! input always takes the JSON path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slo_engine::ingest::{parse, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = if text.trim_start().starts_with(['{', '[']) {
        text.into_owned()
    } else {
        format!("{{{text}")
    };
    for threshold in [None, Some(0.3)] {
        if let Ok(d) = parse(
            &text,
            &IngestOptions {
                latency_threshold_seconds: threshold,
            },
        ) {
            // What the parser promises about a dataset it returns.
            assert_eq!(d.series.broken_promise(), None);
        }
    }
});
