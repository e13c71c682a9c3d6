//! Ingestion: pasted or dropped monitoring data in, one `EventSeries` out.
//!
//! Owns reading CSV/TSV/semicolon files and Prometheus `query_range` JSON,
//! recognising what the columns or series mean (counts, latency samples or
//! histogram buckets, up/down probes), turning cumulative counters into per-interval counts,
//! and putting rows in time order with duplicates merged. Every surprise is
//! a `Diagnostic` naming the line (and the CSV field) and what was expected;
//! nothing here panics on any input. It does not know SLOs, budgets or
//! alerts: it hands good/total counts per interval to whoever simulates.
//!
//! The pipeline is two stages: a format reader (`csv`, `promjson`) turns
//! text into raw rows (time, good, total, source line), then `finish` sorts,
//! differences counters (`counters`) and merges duplicates (`tidy`).
//! `time` is public: it also formats Unix seconds as RFC 3339 for messages.
//! With grouping labels in the options (a grouped SLO's), data that carries
//! them is read as one series per label set (`labels`), the whole being
//! their sum.

mod counters;
mod csv;
mod labels;
mod promjson;
mod tidy;
pub mod time;

pub use labels::{selector, LabelSet};

use crate::diag::{Diagnostic, Level};
use crate::series::EventSeries;
use serde::{Deserialize, Serialize};

/// What the caller knows that the data cannot say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestOptions {
    /// Requests at or below this many seconds are good. Required for latency
    /// samples and histogram buckets; ignored otherwise.
    pub latency_threshold_seconds: Option<f64>,
    /// The grouping labels of the SLO the data is for (`Slo::grouping`):
    /// CSV columns named after them and Prometheus series carrying them are
    /// read as one series per label set. Empty: one series.
    #[serde(default)]
    pub group_by: Vec<String>,
}

/// The text format that was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataFormat {
    /// Delimited text; `delimiter` is `b','`, `b'\t'` or `b';'`.
    Csv { delimiter: u8 },
    /// Prometheus HTTP API `/api/v1/query_range` response.
    PrometheusJson,
}

/// What the rows measured, before they became good/total counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataKind {
    /// Good, bad and/or total event counts (or a good/error ratio).
    Counts,
    /// Latency judged against the threshold: raw samples (CSV) or
    /// Prometheus histogram buckets.
    Latency,
    /// Up/down probe results.
    Probe,
}

/// Parsed data, ready for simulation, with what the parser noticed.
/// Serializable so a Web Worker can hand it to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub format: DataFormat,
    pub kind: DataKind,
    /// Column names as written in the header (or the names assumed for a
    /// headerless file); for JSON, each series' labels in PromQL notation.
    pub columns: Vec<String>,
    /// Good/total per interval, sorted by time, duplicates merged.
    pub series: EventSeries,
    /// Data rows read (CSV records, or JSON time stamps after pairing).
    pub rows: usize,
    /// Cumulative counters were detected and differenced.
    pub cumulative: bool,
    /// Warnings and infos; errors make `parse` fail instead.
    pub diagnostics: Vec<Diagnostic>,
    /// One series per label set, in label order, when the options name
    /// grouping labels and the data carries them (then `series` is their
    /// sum); empty otherwise.
    #[serde(default)]
    pub sets: Vec<LabelSet>,
}

impl Dataset {
    /// First interval's timestamp (Unix seconds).
    pub fn start(&self) -> Option<i64> {
        self.series.t.first().copied()
    }
    /// Last interval's timestamp (Unix seconds).
    pub fn end(&self) -> Option<i64> {
        self.series.t.last().copied()
    }
    /// Typical spacing between rows in seconds (the median step).
    pub fn step(&self) -> i64 {
        self.series.step()
    }
}

/// Parses CSV/TSV/semicolon text or Prometheus JSON, whichever it is.
pub fn parse(text: &str, opts: &IngestOptions) -> Result<Dataset, Vec<Diagnostic>> {
    parse_with_progress(text, opts, &mut |_| true)
}

/// Same as `parse`, reporting progress from 0.0 to 1.0 about every 64k rows.
/// When `progress` returns false the parse stops with a "cancelled" error.
pub fn parse_with_progress(
    text: &str,
    opts: &IngestOptions,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Dataset, Vec<Diagnostic>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.len() > crate::limits::MAX_DATA_BYTES {
        return Err(vec![Diagnostic::error(
            0,
            crate::limits::too_large("the data", body.len(), crate::limits::MAX_DATA_BYTES),
        )]);
    }
    if !progress(0.0) {
        return Err(vec![cancelled()]);
    }
    let mut diagnostics = Vec::new();
    let read = if looks_like_json(body) {
        promjson::read(body, opts, &mut diagnostics)?
    } else {
        csv::read(body, opts, progress, &mut diagnostics)?
    };
    let (series, cumulative, sets) = match &read.sets {
        Some(index) => {
            let f = labels::finish_sets(
                read.rows,
                index,
                read.may_be_cumulative,
                read.samples,
                &mut diagnostics,
            )?;
            (f.whole, f.cumulative, f.sets)
        }
        None => {
            if !opts.group_by.is_empty() {
                diagnostics.push(labels::no_labels_note(&opts.group_by));
            }
            let (series, cumulative) = finish(
                read.rows,
                read.may_be_cumulative,
                read.samples,
                &mut diagnostics,
            )?;
            (series, cumulative, Vec::new())
        }
    };
    if !progress(1.0) {
        return Err(vec![cancelled()]);
    }
    Ok(Dataset {
        format: read.format,
        kind: read.kind,
        columns: read.columns,
        series,
        rows: read.row_count,
        cumulative,
        diagnostics,
        sets,
    })
}

fn cancelled() -> Diagnostic {
    Diagnostic::error(
        0,
        "cancelled: parsing was stopped before the end of the data",
    )
}

fn looks_like_json(body: &str) -> bool {
    matches!(
        body.trim_start().as_bytes().first(),
        Some(b'{') | Some(b'[')
    )
}

/// Raw rows as a reader found them: one entry per data row, in file order.
#[derive(Debug, Default)]
struct Rows {
    t: Vec<i64>,
    good: Vec<f64>,
    total: Vec<f64>,
    /// 1-based source line of each row; 0 where the format has no lines.
    line: Vec<usize>,
    /// Label set of each row (`labels::SetIndex`) when the data carries
    /// grouping labels; empty otherwise.
    set: Vec<u32>,
}

impl Rows {
    fn with_capacity(n: usize) -> Self {
        Rows {
            t: Vec::with_capacity(n),
            good: Vec::with_capacity(n),
            total: Vec::with_capacity(n),
            line: Vec::with_capacity(n),
            set: Vec::new(),
        }
    }
    fn push(&mut self, t: i64, good: f64, total: f64, line: usize) {
        self.t.push(t);
        self.good.push(good);
        self.total.push(total);
        self.line.push(line);
    }
    /// A row of label set `set`.
    fn push_in(&mut self, set: u32, t: i64, good: f64, total: f64, line: usize) {
        self.push(t, good, total, line);
        self.set.push(set);
    }
    fn len(&self) -> usize {
        self.t.len()
    }
}

/// What a format reader hands on to `finish`.
struct Read {
    format: DataFormat,
    kind: DataKind,
    columns: Vec<String>,
    rows: Rows,
    row_count: usize,
    /// The values may be cumulative counters (counts, buckets), so detect them.
    may_be_cumulative: bool,
    /// Rows are single samples (latency), many per second being normal.
    samples: bool,
    /// The label sets of `rows.set`, when the data carries grouping labels.
    sets: Option<labels::SetIndex>,
}

/// "line 12 (2024-05-01T12:00:00Z)", or just the time where lines are unknown.
fn place(line: usize, t: i64) -> String {
    if line > 0 {
        format!("line {line} ({})", time::format(t))
    } else {
        time::format(t)
    }
}

/// Counts and latencies above this are rejected: beyond 2^53 a float no
/// longer holds whole numbers exactly, and sums must not overflow.
const MAX_VALUE: f64 = 1e15;

/// At most this many errors are listed; the rest are counted.
const MAX_ERRORS: usize = 20;

/// Collects errors up to `MAX_ERRORS`, counting the rest.
#[derive(Default)]
struct Errors {
    list: Vec<Diagnostic>,
    more: usize,
}

impl Errors {
    fn push(&mut self, d: Diagnostic) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(d);
        } else {
            self.more += 1;
        }
    }
    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    /// No more errors will be listed, only counted.
    fn is_full(&self) -> bool {
        self.list.len() >= MAX_ERRORS
    }
    fn into_vec(mut self) -> Vec<Diagnostic> {
        if self.more > 0 {
            self.list.push(Diagnostic::error(
                0,
                format!("… and {} more errors like these", self.more),
            ));
        }
        self.list
    }
}

/// Sorts, differences counters, merges duplicates, reports gaps.
fn finish(
    mut rows: Rows,
    may_be_cumulative: bool,
    samples: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<(EventSeries, bool), Vec<Diagnostic>> {
    if rows.len() == 0 {
        return Err(vec![Diagnostic::error(
            0,
            "no data rows: the input has no line with a timestamp and values",
        )]);
    }
    tidy::sort(&mut rows, diags);
    let mut cumulative = may_be_cumulative && counters::looks_cumulative(&rows.good, &rows.total);
    if cumulative {
        if let Err(line) = counters::difference(&mut rows, diags) {
            cumulative = false;
            diags.push(Diagnostic::info(
                line,
                format!(
                    "the counts only grow, yet as counters they would gain more good than total events at line {line}; \
                     they were read as per-interval counts"
                ),
            ));
        }
    }
    let merge = if cumulative {
        tidy::Merge::KeepLast
    } else if samples {
        tidy::Merge::SumQuietly
    } else {
        tidy::Merge::Sum
    };
    tidy::dedupe(&mut rows, merge, diags);
    if !samples {
        tidy::report_steps(&rows, diags);
    }
    debug_assert!(diags.iter().all(|d| d.level != Level::Error));
    Ok((
        EventSeries {
            t: rows.t,
            good: rows.good,
            total: rows.total,
        },
        cumulative,
    ))
}
