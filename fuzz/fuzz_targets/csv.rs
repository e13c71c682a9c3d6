//! Any text given to the CSV reader yields a dataset or diagnostics, never a
//! panic, with or without grouping labels. Text that looks like JSON is turned into CSV-looking text so this
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
    // With and without grouping labels (columns or series labels named
    // `route` or `code` become label sets).
    let grouped = vec!["route".to_string(), "code".to_string()];
    for (threshold, group_by) in [
        (None, Vec::new()),
        (Some(0.3), Vec::new()),
        (Some(0.3), grouped),
    ] {
        if let Ok(d) = parse(
            &text,
            &IngestOptions {
                latency_threshold_seconds: threshold,
                group_by,
            },
        ) {
            // What the parser promises about a dataset it returns, and each label set.
            assert_eq!(d.series.broken_promise(), None);
            for set in &d.sets {
                assert_eq!(set.series.broken_promise(), None);
            }
            assert!(d.sets.len() <= slo_engine::limits::MAX_LABEL_SETS);
        }
    }
});
