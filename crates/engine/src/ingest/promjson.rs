//! Prometheus HTTP API JSON: `/api/v1/query_range` responses as `curl`
//! returns them, read into raw good/total rows.
//!
//! Owns: the response envelope (`status`, `error`, `warnings`), matrix
//! results, sample values as strings ("12", "NaN", "+Inf"), and deciding
//! which series is good, bad or total. Rules for that decision:
//! - One series is a ratio in [0, 1] per step (total 1 per step): an error
//!   ratio when its labels mention error/bad/fail/5xx, else a success ratio.
//! - Series that all carry an `le` label are histogram buckets: the bucket
//!   at the latency threshold (or the nearest below, with a warning) is
//!   good, the `+Inf` bucket is the total.
//! - Two series are a count and the total it belongs to. A series whose
//!   labels mention error/bad/fail/5xx is bad, good/success/ok is good,
//!   total/requests/count is total. When the names do not settle it, the
//!   series with the larger sum is the total, and the other is good if it
//!   is at least half the total overall (healthy services succeed far more
//!   often than they fail) and bad otherwise. A good series beside a bad
//!   one makes the total their sum.
//!
//! Every such decision is reported as an info. JSON syntax errors carry
//! serde's line and column; value errors name the sample's time.

use super::labels::SetIndex;
use super::{place, DataFormat, DataKind, Errors, IngestOptions, Read, Rows};
use crate::diag::Diagnostic;
use crate::limits::{MAX_TIMESTAMP, MIN_TIMESTAMP};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Deserialize)]
struct Response {
    status: Option<String>,
    data: Option<Data>,
    #[serde(rename = "errorType")]
    error_type: Option<String>,
    error: Option<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "resultType")]
    result_type: Option<String>,
    #[serde(default)]
    result: Vec<Series>,
}

/// Only the envelope, to explain a response whose result is not a matrix.
#[derive(Deserialize)]
struct Envelope {
    data: Option<EnvelopeData>,
}

#[derive(Deserialize)]
struct EnvelopeData {
    #[serde(rename = "resultType")]
    result_type: Option<String>,
}

#[derive(Deserialize)]
struct Series {
    #[serde(default)]
    metric: BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<Point>,
    /// Present in instant-query (vector) results, which we reject.
    #[serde(default)]
    value: Option<Point>,
}

/// `[unix_seconds, "value"]`; the value may also be a bare number.
struct Point {
    /// Whole Unix seconds, already checked to lie in the sane range.
    t: i64,
    v: f64,
}

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(PointVisitor)
    }
}

struct PointVisitor;

impl<'de> Visitor<'de> for PointVisitor {
    type Value = Point;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sample [unix_seconds, \"value\"]")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Point, A::Error> {
        let t: f64 = seq.next_element()?.ok_or_else(|| {
            de::Error::custom("expected a sample [unix_seconds, \"value\"], found []")
        })?;
        let v: SampleValue = seq.next_element()?.ok_or_else(|| {
            de::Error::custom("expected a sample [unix_seconds, \"value\"], found only a time")
        })?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(
                "expected a sample [unix_seconds, \"value\"] of two items, found more",
            ));
        }
        // Checked here so serde_json names the sample's line and column.
        let t = seconds(t).map_err(de::Error::custom)?;
        Ok(Point { t, v: v.0 })
    }
}

/// A sample value: Prometheus writes it as a string ("12", "NaN", "+Inf").
struct SampleValue(f64);

impl<'de> Deserialize<'de> for SampleValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = SampleValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sample value such as \"12\"")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<SampleValue, E> {
        s.trim().parse::<f64>().map(SampleValue).map_err(|_| {
            let short: String = s.chars().take(40).collect();
            E::custom(format!(
                "expected a sample value such as \"12\", found \"{short}\""
            ))
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SampleValue, E> {
        Ok(SampleValue(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SampleValue, E> {
        Ok(SampleValue(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SampleValue, E> {
        Ok(SampleValue(v as f64))
    }
}

/// A serde error as a diagnostic at its line and column.
fn syntax_error(e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(&suffix).unwrap_or(&full);
    let d = Diagnostic::error(e.line(), format!("Prometheus JSON: {msg}"));
    if e.column() > 0 {
        d.at_column(e.column())
    } else {
        d
    }
}

/// Whole Unix seconds from a Prometheus time (seconds, possibly fractional;
/// milliseconds, microseconds and nanoseconds are recognised by magnitude
/// as in CSV). A time before 1970 or after 2200 is an error, never a
/// silently rescaled date.
fn seconds(t: f64) -> Result<i64, String> {
    let divisor = match t.abs() {
        a if a < 1e11 => 1.0,
        a if a < 1e14 => 1e3,
        a if a < 1e17 => 1e6,
        _ => 1e9,
    };
    let s = (t / divisor).floor();
    if s.is_finite() && s >= MIN_TIMESTAMP as f64 && s <= MAX_TIMESTAMP as f64 {
        Ok(s as i64)
    } else {
        Err(format!(
            "expected a sample time between 1970-01-01 and 2200-01-01 (Unix seconds or milliseconds), found {t}"
        ))
    }
}

/// The series' labels in PromQL notation: `name{k="v"}` or `{}`.
fn labels(metric: &BTreeMap<String, String>) -> String {
    let name = metric.get("__name__").cloned().unwrap_or_default();
    let rest: Vec<String> = metric
        .iter()
        .filter(|(k, _)| k.as_str() != "__name__")
        .map(|(k, v)| {
            format!(
                "{k}=\"{}\"",
                v.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
            )
        })
        .collect();
    format!("{name}{{{}}}", rest.join(", "))
}

/// The line and column of the first sample written at whole second `t`
/// (`[1700000000,` or `[1700000000.5,`), so a message about a sample can
/// point into the pasted text; None when it is written differently.
fn locate(text: &str, t: i64) -> Option<(usize, usize)> {
    let needle = t.to_string();
    let mut from = 0;
    while let Some(p) = text.get(from..).and_then(|rest| rest.find(&needle)) {
        let at = from + p;
        let head = text.get(..at)?;
        let after = text.get(at + needle.len()..)?.chars().next();
        if head.trim_end().ends_with('[') && after.is_none_or(|c| !c.is_ascii_digit()) {
            let line = head.matches('\n').count() + 1;
            let column = head.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Some((line, column));
        }
        from = at + needle.len();
    }
    None
}

/// A diagnostic about the sample at `t`, placed in the text where it is found.
fn at_sample(text: &str, t: i64, mut d: Diagnostic) -> Diagnostic {
    if let Some((line, column)) = locate(text, t) {
        d.line = line;
        d.column = Some(column);
    }
    d
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Bad,
    Good,
    Total,
    Unknown,
}

/// What a series' labels say it counts. Bad words beat good ones, which
/// beat total ones (`http_requests_total{code="5xx"}` is bad).
fn hint(metric: &BTreeMap<String, String>) -> Hint {
    let words: Vec<String> = metric
        .values()
        .flat_map(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(&[
        "error", "errors", "bad", "fail", "failed", "failure", "failures", "5xx",
    ]) {
        Hint::Bad
    } else if has(&["good", "success", "successes", "successful", "ok", "2xx"]) {
        Hint::Good
    } else if has(&["total", "requests", "request", "count", "all"]) {
        Hint::Total
    } else {
        Hint::Unknown
    }
}

/// Finite samples in time order, with the count and first time of those
/// that were NaN or infinite.
fn finite_points(s: &Series) -> (Vec<(i64, f64)>, usize, Option<i64>) {
    let mut out = Vec::with_capacity(s.values.len());
    let (mut skipped, mut first) = (0usize, None);
    for p in &s.values {
        let t = p.t;
        if p.v.is_finite() {
            out.push((t, p.v));
        } else {
            skipped += 1;
            first.get_or_insert(t);
        }
    }
    out.sort_by_key(|p| p.0);
    (out, skipped, first)
}

/// Reads a `query_range` response into raw rows.
pub(super) fn read(
    text: &str,
    opts: &IngestOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let series: Vec<Series> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(|e| vec![syntax_error(&e)])?
    } else {
        let resp: Response = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                // Explain a wrong result type before the syntax detail it caused.
                if let Ok(Envelope {
                    data:
                        Some(EnvelopeData {
                            result_type: Some(rt),
                        }),
                }) = serde_json::from_str::<Envelope>(text)
                {
                    if rt != "matrix" {
                        return Err(vec![not_matrix(&rt)]);
                    }
                }
                return Err(vec![syntax_error(&e)]);
            }
        };
        for w in &resp.warnings {
            diags.push(Diagnostic::warning(0, format!("Prometheus warned: {w}")));
        }
        match resp.status.as_deref() {
            Some("success") | None => {}
            Some(status) => {
                let kind = resp
                    .error_type
                    .as_deref()
                    .map(|k| format!(" ({k})"))
                    .unwrap_or_default();
                let msg = resp.error.as_deref().unwrap_or("no error message given");
                return Err(vec![Diagnostic::error(
                    1,
                    format!("Prometheus returned status \"{status}\"{kind}: {msg}"),
                )]);
            }
        }
        let Some(data) = resp.data else {
            return Err(vec![Diagnostic::error(
                1,
                "Prometheus JSON: expected a \"data\" object holding the query result",
            )]);
        };
        match data.result_type.as_deref() {
            Some("matrix") | None => {}
            Some(rt) => return Err(vec![not_matrix(rt)]),
        }
        data.result
    };
    if series
        .iter()
        .any(|s| s.value.is_some() && s.values.is_empty())
    {
        return Err(vec![not_matrix("vector")]);
    }
    let columns: Vec<String> = series.iter().map(|s| labels(&s.metric)).collect();
    let grouped = series
        .iter()
        .any(|s| opts.group_by.iter().any(|l| s.metric.contains_key(l)));
    if grouped {
        return by_label_set(text, series, columns, opts, diags);
    }
    shape(text, &series, columns, opts, diags)
}

/// The series of one query read by their shape: histogram buckets, one ratio
/// or a count and its total.
fn shape(
    text: &str,
    series: &[Series],
    columns: Vec<String>,
    opts: &IngestOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    if series.len() >= 2 && series.iter().all(|s| s.metric.contains_key("le")) {
        return histogram(text, series, columns, opts, diags);
    }
    match series {
        [] => Err(vec![Diagnostic::error(1, "the query returned no series: expected one ratio series or two count series")]),
        [one] => ratio(text, one, columns, diags),
        [a, b] => pair(text, a, b, columns, diags),
        more => Err(vec![Diagnostic::error(
            1,
            format!(
                "the query returned {} series: expected one ratio series or two count series (good or bad, and total); \
                 aggregate them, for example with sum()",
                more.len()
            ),
        )]),
    }
}

/// Series carrying the grouping labels: split by the values of those labels
/// (a missing label is the empty value, as in PromQL), each group read by
/// its shape with the grouping labels left out of the good/bad/total hints,
/// its notes and errors prefixed with its label set.
fn by_label_set(
    text: &str,
    series: Vec<Series>,
    columns: Vec<String>,
    opts: &IngestOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let mut index = SetIndex::new(opts.group_by.clone());
    let mut parts: Vec<(Vec<Series>, Vec<String>)> = Vec::new();
    for mut s in series {
        let values: Vec<String> = opts
            .group_by
            .iter()
            .map(|l| s.metric.remove(l).unwrap_or_default())
            .collect();
        // Named within its set without the set's labels.
        let column = labels(&s.metric);
        let set = index
            .find_or_add(values.iter().map(String::as_bytes))
            .map_err(|m| vec![Diagnostic::error(1, m)])? as usize;
        if set == parts.len() {
            parts.push((Vec::new(), Vec::new()));
        }
        if let Some((list, names)) = parts.get_mut(set) {
            list.push(s);
            names.push(column);
        }
    }
    let mut rows = Rows::default();
    let (mut row_count, mut kind, mut may_be_cumulative) = (0, None, false);
    for (set, (part, names)) in parts.into_iter().enumerate() {
        let mut own = Vec::new();
        let set_name = index.selector_of(set);
        let prefix = |mut d: Diagnostic| {
            d.message = format!("{set_name}: {}", d.message);
            d
        };
        let read = shape(text, &part, names, opts, &mut own)
            .map_err(|e| e.into_iter().map(prefix).collect::<Vec<_>>())?;
        diags.extend(own.into_iter().map(prefix));
        kind.get_or_insert(read.kind);
        may_be_cumulative |= read.may_be_cumulative;
        row_count += read.row_count;
        let r = read.rows;
        for i in 0..r.len() {
            rows.push_in(set as u32, r.t[i], r.good[i], r.total[i], r.line[i]);
        }
    }
    Ok(Read {
        format: DataFormat::PrometheusJson,
        kind: kind.unwrap_or(DataKind::Counts),
        columns,
        rows,
        row_count,
        may_be_cumulative,
        samples: false,
        sets: Some(index),
    })
}

fn not_matrix(result_type: &str) -> Diagnostic {
    Diagnostic::error(
        1,
        format!("the result type is \"{result_type}\": expected \"matrix\", as /api/v1/query_range returns (not an instant query)"),
    )
}

fn warn_skipped(text: &str, skipped: usize, first: Option<i64>, diags: &mut Vec<Diagnostic>) {
    if skipped > 0 {
        let at = first
            .map(|t| format!(" (first at {})", place(0, t)))
            .unwrap_or_default();
        let d = Diagnostic::warning(
            0,
            format!("{skipped} samples were NaN or infinite{at} and were skipped"),
        );
        diags.push(match first {
            Some(t) => at_sample(text, t, d),
            None => d,
        });
    }
}

/// One series: a success or error ratio, one event per step.
fn ratio(
    text: &str,
    s: &Series,
    columns: Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let (points, skipped, first) = finite_points(s);
    warn_skipped(text, skipped, first, diags);
    let is_error = hint(&s.metric) == Hint::Bad;
    let probe = s.metric.get("__name__").is_some_and(|n| n == "up");
    let mut rows = Rows::with_capacity(points.len());
    let mut errors = Errors::default();
    for &(t, v) in &points {
        if !(0.0..=1.0).contains(&v) {
            let d = Diagnostic::error(
                0,
                format!(
                    "at {} the single series {} is {v}: expected a ratio between 0 and 1; for counts give two series \
                     (good or bad, and total)",
                    place(0, t),
                    columns.first().map_or("", String::as_str)
                ),
            );
            // Finding the line costs a scan of the text: only for listed errors.
            errors.push(if errors.is_full() {
                d
            } else {
                at_sample(text, t, d)
            });
            continue;
        }
        rows.push(t, if is_error { 1.0 - v } else { v }, 1.0, 0);
    }
    if !errors.is_empty() {
        return Err(errors.into_vec());
    }
    let read_as = if is_error {
        "an error ratio (its labels mention errors): good = 1 - ratio"
    } else {
        "a success ratio (its labels do not mention errors): good = ratio"
    };
    diags.push(Diagnostic::info(
        0,
        format!(
            "one series {}, read as {read_as}, one event per step",
            columns.first().map_or("", String::as_str)
        ),
    ));
    let row_count = rows.len();
    Ok(Read {
        format: DataFormat::PrometheusJson,
        kind: if probe {
            DataKind::Probe
        } else {
            DataKind::Counts
        },
        columns,
        rows,
        row_count,
        may_be_cumulative: false,
        samples: false,
        sets: None,
    })
}

/// Two series: a count (good or bad) and its total, joined on time.
fn pair(
    text: &str,
    a: &Series,
    b: &Series,
    columns: Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let (pa, sa, fa) = finite_points(a);
    let (pb, sb, fb) = finite_points(b);
    warn_skipped(text, sa + sb, fa.into_iter().chain(fb).min(), diags);
    let (ha, hb) = (hint(&a.metric), hint(&b.metric));
    // Good and bad events side by side: the total is their sum.
    if let Some((good, bad, gi, bi)) = match (ha, hb) {
        (Hint::Good, Hint::Bad) => Some((&pa, &pb, 0, 1)),
        (Hint::Bad, Hint::Good) => Some((&pb, &pa, 1, 0)),
        _ => None,
    } {
        diags.push(Diagnostic::info(
            0,
            format!(
                "series {} {} was taken as the good events and series {} {} as the bad events (by their labels); total = good + bad",
                gi + 1,
                columns[gi],
                bi + 1,
                columns[bi]
            ),
        ));
        let rows = join(text, good, bad, Pair::GoodAndBad, diags)?;
        let row_count = rows.len();
        return Ok(Read {
            format: DataFormat::PrometheusJson,
            kind: DataKind::Counts,
            columns,
            rows,
            row_count,
            may_be_cumulative: true,
            samples: false,
            sets: None,
        });
    }
    let sum = |p: &[(i64, f64)]| p.iter().map(|x| x.1).sum::<f64>();
    let (total_is_b, by_name) = match (ha == Hint::Total, hb == Hint::Total) {
        (true, false) => (false, true),
        (false, true) => (true, true),
        _ => (sum(&pb) >= sum(&pa), false),
    };
    let (num, den, num_hint, ni, di) = if total_is_b {
        (&pa, &pb, ha, 0, 1)
    } else {
        (&pb, &pa, hb, 1, 0)
    };
    let (num_is_bad, num_by_name) = match num_hint {
        Hint::Bad => (true, true),
        Hint::Good => (false, true),
        _ => (sum(num) < 0.5 * sum(den), false),
    };
    diags.push(Diagnostic::info(
        0,
        format!(
            "series {} {} was taken as the {} events ({}) and series {} {} as the total ({})",
            ni + 1,
            columns[ni],
            if num_is_bad { "bad" } else { "good" },
            if num_by_name {
                "by its labels"
            } else if num_is_bad {
                "it is under half the total"
            } else {
                "it is at least half the total"
            },
            di + 1,
            columns[di],
            if by_name {
                "by its labels"
            } else {
                "it has the larger sum"
            },
        ),
    ));
    let rows = join(
        text,
        num,
        den,
        if num_is_bad {
            Pair::BadOfTotal
        } else {
            Pair::GoodOfTotal
        },
        diags,
    )?;
    let row_count = rows.len();
    Ok(Read {
        format: DataFormat::PrometheusJson,
        kind: DataKind::Counts,
        columns,
        rows,
        row_count,
        may_be_cumulative: true,
        samples: false,
        sets: None,
    })
}

/// What two joined series are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    GoodOfTotal,
    BadOfTotal,
    GoodAndBad,
}

/// Joins two count series on time into good/total rows; samples present
/// in only one series are skipped.
fn join(
    text: &str,
    a: &[(i64, f64)],
    b: &[(i64, f64)],
    pair: Pair,
    diags: &mut Vec<Diagnostic>,
) -> Result<Rows, Vec<Diagnostic>> {
    let (num, den) = (a, b);
    let (what, other) = match pair {
        Pair::GoodOfTotal => ("good", "total"),
        Pair::BadOfTotal => ("bad", "total"),
        Pair::GoodAndBad => ("good", "bad"),
    };
    let mut rows = Rows::with_capacity(num.len().min(den.len()));
    let mut errors = Errors::default();
    let (mut i, mut j, mut unmatched, mut first_unmatched) = (0usize, 0usize, 0usize, None);
    while i < num.len() && j < den.len() {
        let ((tn, vn), (td, vd)) = (num[i], den[j]);
        if tn < td {
            unmatched += 1;
            first_unmatched.get_or_insert(tn);
            i += 1;
        } else if td < tn {
            unmatched += 1;
            first_unmatched.get_or_insert(td);
            j += 1;
        } else {
            let problem = if vn < 0.0 || vd < 0.0 {
                Some(format!(
                    "a count is negative ({what} {vn}, {other} {vd}): expected zero or more"
                ))
            } else if vn > super::MAX_VALUE || vd > super::MAX_VALUE {
                Some(format!("a count is too large ({what} {vn}, {other} {vd}): expected a count below 10^15"))
            } else if vn > vd && pair != Pair::GoodAndBad {
                Some(format!("the {what} count {vn} is greater than the total {vd}: expected {what} <= total"))
            } else {
                None
            };
            if let Some(problem) = problem {
                let d = Diagnostic::error(0, format!("at {}: {problem}", place(0, tn)));
                // Finding the line costs a scan of the text: only for listed errors.
                errors.push(if errors.is_full() {
                    d
                } else {
                    at_sample(text, tn, d)
                });
            } else {
                let (good, total) = match pair {
                    Pair::GoodOfTotal => (vn, vd),
                    Pair::BadOfTotal => (vd - vn, vd),
                    Pair::GoodAndBad => (vn, vn + vd),
                };
                rows.push(tn, good, total, 0);
            }
            i += 1;
            j += 1;
        }
    }
    let rest = (num.len() - i) + (den.len() - j);
    if rest > 0 {
        first_unmatched.get_or_insert(num.get(i).or(den.get(j)).map_or(0, |p| p.0));
    }
    unmatched += rest;
    if !errors.is_empty() {
        return Err(errors.into_vec());
    }
    if let Some(t) = first_unmatched {
        diags.push(Diagnostic::warning(
            0,
            format!("{unmatched} samples had no sample at the same time in the other series (first at {}) and were skipped", place(0, t)),
        ));
    }
    Ok(rows)
}

/// Histogram buckets (every series has an `le` label): requests at or
/// below the threshold are good, the `+Inf` bucket is the total. When the
/// threshold is not a bucket boundary the nearest boundary below is used,
/// so the slower requests in between count as bad, and the user is warned.
fn histogram(
    text: &str,
    series: &[Series],
    columns: Vec<String>,
    opts: &IngestOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let name = series
        .first()
        .and_then(|s| s.metric.get("__name__"))
        .cloned()
        .unwrap_or_default();
    let Some(threshold) = opts
        .latency_threshold_seconds
        .filter(|t| t.is_finite() && *t >= 0.0)
    else {
        return Err(vec![Diagnostic::error(
            1,
            "the series are histogram buckets (they carry an le label): set a latency threshold (for example 0.3 s) \
             so that faster requests count as good",
        )]);
    };
    // Prometheus histograms are in seconds; a name saying milliseconds is honoured.
    let per_second = if name.split('_').any(|w| w == "milliseconds" || w == "ms") {
        1e3
    } else {
        1.0
    };
    let wanted = threshold * per_second;
    let mut buckets: Vec<(f64, usize)> = Vec::with_capacity(series.len());
    for (i, s) in series.iter().enumerate() {
        let raw = s.metric.get("le").map(String::as_str).unwrap_or_default();
        let Ok(le) = raw.trim().parse::<f64>() else {
            return Err(vec![Diagnostic::error(
                1,
                format!(
                    "series {} {}: expected a number in its le label, found \"{raw}\"",
                    i + 1,
                    columns[i]
                ),
            )]);
        };
        if buckets.iter().any(|&(b, _)| b == le) {
            return Err(vec![Diagnostic::error(
                1,
                format!("several series for the bucket le=\"{raw}\": expected one series per bucket; aggregate with sum by (le) (...)"),
            )]);
        }
        buckets.push((le, i));
    }
    let Some(&(_, inf)) = buckets.iter().find(|b| b.0 == f64::INFINITY) else {
        return Err(vec![Diagnostic::error(1, "histogram buckets without le=\"+Inf\": expected the +Inf bucket, which counts all requests")]);
    };
    // A hair of tolerance so a 0.3 s threshold matches le="0.3".
    let Some(&(le, good)) = buckets
        .iter()
        .filter(|b| b.0 <= wanted * (1.0 + 1e-9))
        .max_by(|a, b| a.0.total_cmp(&b.0))
    else {
        return Err(vec![Diagnostic::error(
            1,
            format!("no histogram bucket at or below the threshold of {threshold} s: the smallest boundary is too large to tell good from bad"),
        )]);
    };
    let unit = if per_second == 1.0 { "s" } else { " ms" };
    if (le - wanted).abs() > wanted.abs() * 1e-9 {
        let above = buckets
            .iter()
            .map(|b| b.0)
            .filter(|&b| b > wanted)
            .fold(f64::INFINITY, f64::min);
        diags.push(Diagnostic::warning(
            0,
            format!(
                "the threshold {wanted}{unit} is not a bucket boundary: the bucket le=\"{le}\" was used, so requests between \
                 {le}{unit} and {wanted}{unit} count as bad{}",
                if above.is_finite() { format!(" (the next boundary is {above}{unit})") } else { String::new() }
            ),
        ));
    }
    diags.push(Diagnostic::info(
        0,
        format!("histogram buckets: good is the bucket le=\"{le}\", total the bucket le=\"+Inf\""),
    ));
    let (num, sn, fn_) = finite_points(&series[good]);
    let (den, sd, fd) = finite_points(&series[inf]);
    warn_skipped(text, sn + sd, fn_.into_iter().chain(fd).min(), diags);
    let rows = join(text, &num, &den, Pair::GoodOfTotal, diags)?;
    let row_count = rows.len();
    Ok(Read {
        format: DataFormat::PrometheusJson,
        kind: DataKind::Latency,
        columns,
        rows,
        row_count,
        may_be_cumulative: true,
        samples: false,
        sets: None,
    })
}
