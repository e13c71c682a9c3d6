//! Downsampling a time series to the pixels a chart has.
//!
//! Min/max per pixel column: for each column of the plot we keep the first,
//! lowest, highest and last finite point, in time order. The drawn line then
//! has the same envelope as the full series (spikes survive, a one-minute
//! outage in a month of data still reaches zero), and drawing cost depends on
//! the chart width, never on the row count. Gaps (NaN, "no traffic") are kept
//! as a single NaN so the line breaks where the data does.
//!
//! Pure functions over slices; no plotting here.

/// A series reduced to at most a few points per pixel column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reduced {
    pub t: Vec<i64>,
    pub v: Vec<f64>,
}

/// Reduces `(t, v)` to at most 5 points per column (first, min, max, last and
/// one gap marker) over `columns` columns spanning `x_range` (inclusive).
/// Points outside `x_range` are dropped. `t` must be increasing, as an
/// `EventSeries` is; `t` and `v` of different lengths are read up to the shorter.
pub fn min_max_per_column(t: &[i64], v: &[f64], x_range: (i64, i64), columns: usize) -> Reduced {
    let mut out = Reduced::default();
    let n = t.len().min(v.len());
    let (x0, x1) = x_range;
    if n == 0 || columns == 0 || x1 < x0 {
        return out;
    }
    let span = (x1 as i128 - x0 as i128).max(1);
    let column_of = |ti: i64| -> usize {
        let c = (ti as i128 - x0 as i128) * columns as i128 / span;
        (c.max(0) as usize).min(columns - 1)
    };

    // Indices of the current column's first, min, max and last finite points and first NaN.
    let mut current: Option<usize> = None;
    let mut picks: [Option<usize>; 5] = [None; 5];
    let flush = |picks: &mut [Option<usize>; 5], out: &mut Reduced| {
        let mut idx: Vec<usize> = picks.iter().flatten().copied().collect();
        idx.sort_unstable();
        idx.dedup();
        for i in idx {
            let value = v[i];
            // Consecutive gap markers add nothing.
            if value.is_nan() && out.v.last().is_some_and(|p| p.is_nan()) {
                continue;
            }
            out.t.push(t[i]);
            out.v.push(value);
        }
        *picks = [None; 5];
    };

    for i in 0..n {
        let ti = t[i];
        if ti < x0 || ti > x1 {
            continue;
        }
        let c = column_of(ti);
        if current != Some(c) {
            if current.is_some() {
                flush(&mut picks, &mut out);
            }
            current = Some(c);
        }
        let value = v[i];
        if value.is_nan() {
            picks[4].get_or_insert(i);
            continue;
        }
        picks[0].get_or_insert(i);
        if picks[1].is_none_or(|m| value < v[m]) {
            picks[1] = Some(i);
        }
        if picks[2].is_none_or(|m| value > v[m]) {
            picks[2] = Some(i);
        }
        picks[3] = Some(i);
    }
    if current.is_some() {
        flush(&mut picks, &mut out);
    }
    out
}

/// The value in force at time `at`: the last point at or before it, or `None`
/// before the first point. Binary search, for read-outs under a cursor.
pub fn value_at(t: &[i64], v: &[f64], at: i64) -> Option<f64> {
    let n = t.len().min(v.len());
    let idx = t[..n].partition_point(|&x| x <= at);
    if idx == 0 {
        None
    } else {
        v.get(idx - 1).copied()
    }
}

/// Splits a series at gaps (NaN) into runs of finite points, each drawn as one line.
pub fn finite_runs(t: &[i64], v: &[f64]) -> Vec<Vec<(i64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (&ti, &vi) in t.iter().zip(v) {
        if vi.is_finite() {
            run.push((ti, vi));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wave(n: usize) -> (Vec<i64>, Vec<f64>) {
        let t: Vec<i64> = (0..n as i64).map(|i| i * 60).collect();
        let v: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 1000) as f64 / 1000.0)
            .collect();
        (t, v)
    }

    #[test]
    fn a_million_points_reduce_to_at_most_four_per_column() {
        let (t, v) = wave(1_000_000);
        let r = min_max_per_column(&t, &v, (0, t[t.len() - 1]), 800);
        assert!(r.t.len() <= 4 * 800, "{} points", r.t.len());
        assert!(r.t.len() >= 800);
    }

    #[test]
    fn a_single_spike_survives_downsampling() {
        let t: Vec<i64> = (0..100_000).collect();
        let mut v = vec![0.999; 100_000];
        v[54_321] = 0.0;
        let r = min_max_per_column(&t, &v, (0, 99_999), 500);
        assert!(
            r.v.contains(&0.0),
            "the outage minute must still reach zero"
        );
        assert_eq!(r.t.iter().filter(|&&x| x == 54_321).count(), 1);
    }

    #[test]
    fn first_and_last_points_and_extremes_are_kept() {
        let (t, v) = wave(10_000);
        let r = min_max_per_column(&t, &v, (0, t[9_999]), 100);
        assert_eq!(r.t.first(), t.first());
        assert_eq!(r.t.last(), t.last());
        let max = v.iter().cloned().fold(f64::MIN, f64::max);
        let min = v.iter().cloned().fold(f64::MAX, f64::min);
        assert!(r.v.contains(&max) && r.v.contains(&min));
    }

    #[test]
    fn output_stays_in_time_order() {
        let (t, v) = wave(5_000);
        let r = min_max_per_column(&t, &v, (0, t[4_999]), 37);
        assert!(r.t.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn fewer_points_than_columns_come_back_unchanged() {
        let t = vec![0, 10, 20];
        let v = vec![1.0, 0.5, 0.75];
        let r = min_max_per_column(&t, &v, (0, 20), 800);
        assert_eq!(r, Reduced { t, v });
    }

    #[test]
    fn gaps_are_kept_as_one_break() {
        let t: Vec<i64> = (0..10).collect();
        let v = vec![
            1.0,
            1.0,
            f64::NAN,
            f64::NAN,
            f64::NAN,
            f64::NAN,
            0.5,
            0.5,
            0.5,
            0.5,
        ];
        let r = min_max_per_column(&t, &v, (0, 9), 10);
        assert_eq!(r.v.iter().filter(|x| x.is_nan()).count(), 1);
        assert_eq!(finite_runs(&r.t, &r.v).len(), 2);
    }

    #[test]
    fn points_outside_the_range_are_dropped_and_odd_inputs_do_not_panic() {
        let r = min_max_per_column(&[0, 5, 10, 15], &[1.0, 2.0, 3.0, 4.0], (5, 10), 3);
        assert_eq!(r.t, vec![5, 10]);
        assert!(min_max_per_column(&[], &[], (0, 10), 10).t.is_empty());
        assert!(min_max_per_column(&[1, 2], &[1.0], (0, 10), 0).t.is_empty());
        assert!(min_max_per_column(&[1, 2], &[1.0, 2.0], (10, 0), 5)
            .t
            .is_empty());
        let r = min_max_per_column(
            &[i64::MIN, 0, i64::MAX],
            &[1.0, 2.0, 3.0],
            (i64::MIN, i64::MAX),
            4,
        );
        assert_eq!(r.t.len(), 3);
    }

    #[test]
    fn value_at_reads_the_last_point_at_or_before() {
        let t = [0, 60, 120];
        let v = [1.0, 2.0, 3.0];
        assert_eq!(value_at(&t, &v, -1), None);
        assert_eq!(value_at(&t, &v, 0), Some(1.0));
        assert_eq!(value_at(&t, &v, 119), Some(2.0));
        assert_eq!(value_at(&t, &v, 10_000), Some(3.0));
    }
}
