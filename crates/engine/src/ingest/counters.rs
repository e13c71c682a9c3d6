//! Cumulative counters: telling them from per-interval counts, and turning
//! them into per-interval increases the way Prometheus' `increase()` does.
//!
//! Works on sorted good/total columns; it does not read files or merge
//! duplicates. Detection is a heuristic, so every decision is reported.

use super::{place, Rows};
use crate::diag::Diagnostic;

/// True when `total` only grows, apart from rare drops (counter resets),
/// and `good` follows it. Per-interval counts go up and down about equally
/// often; a constant series is taken as per-interval. A steadily growing
/// per-interval series would be taken for a counter, which is why the
/// decision is always reported.
pub(super) fn looks_cumulative(good: &[f64], total: &[f64]) -> bool {
    // Hand-typed examples are short and per-interval; exported counters are long.
    if total.len() < 6 {
        return false;
    }
    let (mut up, mut down, mut good_down_alone) = (0usize, 0usize, 0usize);
    for i in 1..total.len() {
        if total[i] > total[i - 1] {
            up += 1;
        } else if total[i] < total[i - 1] {
            down += 1;
        }
        if good[i] < good[i - 1] && total[i] >= total[i - 1] {
            good_down_alone += 1;
        }
    }
    up >= 2 && down * 10 <= up && good_down_alone * 10 <= up
}

/// The increases between readings; a drop in either counter is a reset
/// (the process restarted) and the new reading is then the increase, as
/// in Prometheus. Returns whether the step was a reset.
fn increase(prev: (f64, f64), cur: (f64, f64)) -> (f64, f64, bool) {
    if cur.0 < prev.0 || cur.1 < prev.1 {
        (cur.0, cur.1, true)
    } else {
        (cur.0 - prev.0, cur.1 - prev.1, false)
    }
}

/// Replaces readings by increases; the first row is only the baseline and
/// is dropped. If some step would gain more good than total events, these
/// are not counters after all: rows are left alone and the line of that
/// step is returned.
pub(super) fn difference(rows: &mut Rows, diags: &mut Vec<Diagnostic>) -> Result<(), usize> {
    let n = rows.len();
    for i in 1..n {
        let (dg, dt, _) = increase(
            (rows.good[i - 1], rows.total[i - 1]),
            (rows.good[i], rows.total[i]),
        );
        if dg > dt {
            return Err(rows.line[i]);
        }
    }
    let mut resets: Vec<usize> = Vec::new();
    let mut reset_count = 0usize;
    let mut prev = (rows.good[0], rows.total[0]);
    let (baseline_line, baseline_t) = (rows.line[0], rows.t[0]);
    for i in 1..n {
        let cur = (rows.good[i], rows.total[i]);
        let (dg, dt, reset) = increase(prev, cur);
        if reset {
            reset_count += 1;
            if resets.len() < 5 {
                resets.push(i - 1);
            }
        }
        prev = cur;
        rows.good[i - 1] = dg;
        rows.total[i - 1] = dt;
        rows.t[i - 1] = rows.t[i];
        rows.line[i - 1] = rows.line[i];
    }
    rows.t.truncate(n - 1);
    rows.good.truncate(n - 1);
    rows.total.truncate(n - 1);
    rows.line.truncate(n - 1);
    diags.push(Diagnostic::info(
        baseline_line,
        format!(
            "the counts only ever grow, so they were read as cumulative counters and turned into per-interval \
             increases; the first reading ({}) is the baseline",
            place(baseline_line, baseline_t)
        ),
    ));
    if let Some(&first) = resets.first() {
        let places: Vec<String> = resets
            .iter()
            .map(|&i| place(rows.line[i], rows.t[i]))
            .collect();
        let more = if reset_count > resets.len() {
            format!(" and {} more", reset_count - resets.len())
        } else {
            String::new()
        };
        diags.push(Diagnostic::warning(
            rows.line[first],
            format!(
                "{reset_count} counter {} ({}{more}): after a reset the new reading counts as the increase, as \
                 Prometheus' increase() does",
                if reset_count == 1 { "reset" } else { "resets" },
                places.join(", "),
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(good: &[f64], total: &[f64]) -> Rows {
        let mut r = Rows::default();
        for (i, (g, t)) in good.iter().zip(total).enumerate() {
            r.push(60 * i as i64, *g, *t, i + 2);
        }
        r
    }

    #[test]
    fn growing_readings_are_counters_and_fluctuating_ones_are_not() {
        assert!(looks_cumulative(
            &[0., 9., 19., 28., 38., 47.],
            &[0., 10., 20., 30., 40., 50.]
        ));
        assert!(!looks_cumulative(
            &[9., 19., 8., 12., 10.],
            &[10., 20., 9., 12., 11.]
        ));
        assert!(!looks_cumulative(&[10.; 6], &[10.; 6]));
        assert!(
            !looks_cumulative(&[1., 2., 3., 4., 5.], &[1., 2., 3., 4., 5.]),
            "five rows are too few to tell"
        );
    }

    #[test]
    fn differencing_turns_readings_into_increases_and_drops_the_baseline() {
        let mut r = rows(&[100., 109., 119., 128.], &[100., 110., 120., 130.]);
        let mut d = Vec::new();
        difference(&mut r, &mut d).unwrap();
        assert_eq!(r.good, vec![9., 10., 9.]);
        assert_eq!(r.total, vec![10., 10., 10.]);
        assert_eq!(r.t, vec![60, 120, 180]);
        assert_eq!(r.line, vec![3, 4, 5]);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn a_reset_counts_the_new_reading_as_the_increase() {
        let mut r = rows(&[100., 109., 4., 14.], &[100., 110., 5., 15.]);
        let mut d = Vec::new();
        difference(&mut r, &mut d).unwrap();
        assert_eq!(r.good, vec![9., 4., 10.]);
        assert_eq!(r.total, vec![10., 5., 10.]);
        assert!(
            d[1].message.starts_with("1 counter reset (line 4 "),
            "{}",
            d[1].message
        );
        assert_eq!(d[1].line, 4);
    }

    #[test]
    fn readings_where_good_outgrows_total_are_left_alone_as_not_counters() {
        let mut r = rows(&[0., 5., 20., 25.], &[0., 10., 15., 30.]);
        assert_eq!(difference(&mut r, &mut Vec::new()), Err(4));
        assert_eq!(r.good, vec![0., 5., 20., 25.]);
    }
}
