//! Any text given to the CSV reader yields a dataset or diagnostics, never a
//! panic. Text that looks like JSON is turned into CSV-looking text so this
//! target stays on the delimited-text path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slo_engine::ingest::{parse, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = if text.trim_start().starts_with(['{', '[']) {
        format!("#\n{text}")
    } else {
        text.into_owned()
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
