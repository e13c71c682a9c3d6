//! Time order: sorting out-of-order rows, merging rows that share a
//! timestamp, and telling the user about gaps and irregular steps.
//!
//! Works on raw rows after a format reader and before simulation; each fix
//! leaves a warning that says how many rows and where the first one was.
//! Knows nothing of file formats or of what good and total mean.

use super::{place, Rows};
use crate::budget::human_seconds;
use crate::diag::Diagnostic;

/// Puts rows in time order (stable, so equal timestamps keep file order).
pub(super) fn sort(rows: &mut Rows, diags: &mut Vec<Diagnostic>) {
    let mut count = 0usize;
    let mut first = None;
    for i in 1..rows.len() {
        if rows.t[i] < rows.t[i - 1] {
            count += 1;
            first.get_or_insert((rows.line[i], rows.t[i]));
        }
    }
    let Some((first_line, first_t)) = first else {
        return;
    };
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    idx.sort_by_key(|&i| rows.t[i]);
    rows.t = idx.iter().map(|&i| rows.t[i]).collect();
    rows.good = idx.iter().map(|&i| rows.good[i]).collect();
    rows.total = idx.iter().map(|&i| rows.total[i]).collect();
    rows.line = idx.iter().map(|&i| rows.line[i]).collect();
    diags.push(Diagnostic::warning(
        first_line,
        format!(
            "{count} {} earlier than the row before (first at {}); all rows were sorted by time",
            rows_word(count, "row is", "rows are"),
            place(first_line, first_t)
        ),
    ));
}

fn rows_word(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// How rows with the same timestamp become one (always by adding them up;
/// the variants differ in what the user is told).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    /// Per-interval counts: add them up, with a warning.
    Sum,
    /// Latency samples: many per second is normal, so only an info.
    SumQuietly,
    /// Increases of counter readings: their sum is the increase up to the
    /// last reading, so the last reading stands.
    KeepLast,
}

/// Merges rows that share a timestamp; rows must be sorted.
pub(super) fn dedupe(rows: &mut Rows, merge: Merge, diags: &mut Vec<Diagnostic>) {
    let n = rows.len();
    // Most data has no duplicates: a read-only scan settles that.
    let Some(first_dup) = rows.t.windows(2).position(|w| w[0] == w[1]) else {
        return;
    };
    // Rows before the first duplicate stay where they are.
    let start = first_dup + 1;
    let mut w = start;
    let mut count = 0usize;
    let mut first = None;
    for i in start..n {
        if rows.t[i] == rows.t[w - 1] {
            count += 1;
            first.get_or_insert((rows.line[i], rows.t[i]));
            rows.good[w - 1] += rows.good[i];
            rows.total[w - 1] += rows.total[i];
            rows.line[w - 1] = rows.line[i];
        } else {
            rows.t[w] = rows.t[i];
            rows.good[w] = rows.good[i];
            rows.total[w] = rows.total[i];
            rows.line[w] = rows.line[i];
            w += 1;
        }
    }
    rows.t.truncate(w);
    rows.good.truncate(w);
    rows.total.truncate(w);
    rows.line.truncate(w);
    let Some((line, t)) = first else { return };
    let what = rows_word(count, "row repeats", "rows repeat");
    let d = match merge {
        Merge::Sum => Diagnostic::warning(
            line,
            format!("{count} {what} the timestamp of the row before (first at {}); their counts were added together", place(line, t)),
        ),
        Merge::KeepLast => Diagnostic::warning(
            line,
            format!("{count} {what} the timestamp of the row before (first at {}); the last counter reading was kept", place(line, t)),
        ),
        Merge::SumQuietly => Diagnostic::info(
            line,
            format!("{count} latency samples share their second with another sample (first at {}); they were counted together", place(line, t)),
        ),
    };
    diags.push(d);
}

/// Warns about gaps (missing intervals) and steps that break the rhythm.
pub(super) fn report_steps(rows: &Rows, diags: &mut Vec<Diagnostic>) {
    if rows.len() < 3 {
        return;
    }
    let step = median_step(&rows.t);
    if step <= 0 {
        return;
    }
    let (mut gaps, mut missing, mut first_gap) = (0usize, 0i64, None);
    let (mut odd, mut first_odd) = (0usize, None);
    for i in 1..rows.len() {
        let d = rows.t[i] - rows.t[i - 1];
        if d % step != 0 {
            odd += 1;
            first_odd.get_or_insert(i);
        } else if d > step {
            gaps += 1;
            missing += d / step - 1;
            first_gap.get_or_insert(i);
        }
    }
    if let Some(i) = first_gap {
        let len = rows.t[i] - rows.t[i - 1] - step;
        diags.push(Diagnostic::warning(
            rows.line[i],
            format!(
                "{gaps} {} in the data, {missing} missing {}-step {} in all (first before {}: {} without rows); \
                 no events are counted there",
                rows_word(gaps, "gap", "gaps"),
                human_seconds(step as f64),
                rows_word(missing as usize, "interval", "intervals"),
                place(rows.line[i], rows.t[i]),
                human_seconds(len as f64),
            ),
        ));
    }
    if let Some(i) = first_odd {
        diags.push(Diagnostic::warning(
            rows.line[i],
            format!(
                "{odd} {} not a whole number of the usual {} step (first before {}: {}); the data is irregular",
                rows_word(odd, "interval is", "intervals are"),
                human_seconds(step as f64),
                place(rows.line[i], rows.t[i]),
                human_seconds((rows.t[i] - rows.t[i - 1]) as f64),
            ),
        ));
    }
}

/// The median positive spacing of sorted timestamps (0 if there is none).
fn median_step(t: &[i64]) -> i64 {
    let mut d: Vec<i64> = t
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0)
        .collect();
    if d.is_empty() {
        return 0;
    }
    let mid = d.len() / 2;
    *d.select_nth_unstable(mid).1
}
