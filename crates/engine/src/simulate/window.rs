//! Windowed sums in linear time: prefix sums over rows and a pointer that only
//! moves forward, so the cost is O(rows) whatever the window length.
//!
//! A row stands for the interval ending at its timestamp, so a window of length
//! L read at row i covers the rows j with `t[i] - L < t[j] <= t[i]` (and j <= i
//! when timestamps repeat). Irregular steps and gaps need nothing special: the
//! window simply holds the rows whose timestamps fall in it.

/// Running sums of two columns: `p[0] = 0`, `p[i + 1] = p[i] + x[i]`, over
/// the rows both columns have. One loop for both: each sum is a chain of
/// dependent additions, and two chains side by side run in the time of one.
pub(crate) fn prefix_pair(a: &[f64], b: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = a.len().min(b.len());
    let (mut pa, mut pb) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
    let (mut acc_a, mut acc_b) = (0.0, 0.0);
    pa.push(acc_a);
    pb.push(acc_b);
    for (x, y) in a[..n].iter().zip(&b[..n]) {
        acc_a += x;
        acc_b += y;
        pa.push(acc_a);
        pb.push(acc_b);
    }
    (pa, pb)
}

/// For every row i, the index of the first row inside the window `(lo_i, t[i]]`,
/// where `lo(i)` must never decrease with i (true for `t[i] - L` and for
/// calendar period starts). Calls `f(i, first)`.
pub(crate) fn for_each_window(
    t: &[i64],
    mut lo: impl FnMut(usize) -> i64,
    mut f: impl FnMut(usize, usize),
) {
    let mut j = 0usize;
    for i in 0..t.len() {
        let bound = lo(i);
        while j < i && t[j] <= bound {
            j += 1;
        }
        f(i, j);
    }
}

/// Error ratio (bad / total) over rolling windows of each of `lens` seconds
/// at every row, divided by `budget` so the results are burn rates. Calls
/// `f(i, burns, totals)` once per row in order, with `burns[k]` the burn rate
/// and `totals[k]` the events over `lens[k]` at row i (the traffic guard
/// reads them). A window without events burns nothing (Prometheus would
/// compute NaN, which never fires).
///
/// All lengths share one pass: each row's prefix sums are read once and the
/// window starts trail close behind, so memory is streamed once rather than
/// once per window (the cost at a million rows is memory traffic). The
/// caller decides what to keep, so a replay that needs only the alerts
/// writes no per-row series at all.
pub(crate) fn rolling_burns(
    t: &[i64],
    pbad: &[f64],
    ptotal: &[f64],
    lens: &[i64],
    budget: f64,
    mut f: impl FnMut(usize, &[f64], &[f64]),
) {
    let n = t
        .len()
        .min(pbad.len().saturating_sub(1))
        .min(ptotal.len().saturating_sub(1));
    let mut burns = vec![0.0; lens.len()];
    let mut totals = vec![0.0; lens.len()];
    let mut starts = vec![0usize; lens.len()];
    // One division per row instead of two; still monotone in the budget.
    let per_budget = 1.0 / budget;
    for i in 0..n {
        let (bad_i, total_i, t_i) = (pbad[i + 1], ptotal[i + 1], t[i]);
        for (((burn, events), j), &len) in burns
            .iter_mut()
            .zip(totals.iter_mut())
            .zip(starts.iter_mut())
            .zip(lens)
        {
            let bound = t_i.saturating_sub(len);
            while *j < i && t[*j] <= bound {
                *j += 1;
            }
            let total = total_i - ptotal[*j];
            let bad = (bad_i - pbad[*j]).max(0.0);
            *events = total;
            *burn = if total > 0.0 {
                bad / total * per_budget
            } else {
                0.0
            };
        }
        f(i, &burns, &totals);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_the_rows_whose_timestamps_fall_in_it_even_across_gaps() {
        // Rows at 60, 120, 180, then a gap, then 600 and 660.
        let t = [60, 120, 180, 600, 660];
        let bad = [1.0, 0.0, 0.0, 2.0, 0.0];
        let total = [10.0; 5];
        let mut burns = [Vec::new(), Vec::new()];
        let (pbad, ptotal) = prefix_pair(&bad, &total);
        let mut events = Vec::new();
        rolling_burns(&t, &pbad, &ptotal, &[120, 60], 1.0, |i, b, n| {
            events.push(n[0]);
            assert_eq!(burns[0].len(), i, "rows come in order, once each");
            burns[0].push(b[0]);
            burns[1].push(b[1]);
        });
        let burn = &burns[0];
        // At 180 the 2-minute window is (60, 180]: rows 120 and 180, no bad events.
        assert_eq!(burn[2], 0.0);
        // At 600 the window (480, 600] holds only row 600: 2 of 10.
        assert_eq!(burn[3], 0.2);
        // At 660 the window (540, 660] holds 600 and 660: 2 of 20.
        assert_eq!(burn[4], 0.1);
        // At the first row the window holds what there is: 1 of 10.
        assert_eq!(burn[0], 0.1);
        // The 1-minute window at 660 holds only row 660.
        assert_eq!(burns[1][4], 0.0);
        assert_eq!(burns[1][3], 0.2);
        // The events each window holds: 10 per row.
        assert_eq!(events, [10.0, 20.0, 20.0, 10.0, 20.0]);
    }
}
