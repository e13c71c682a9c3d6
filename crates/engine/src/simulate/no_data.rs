//! The no-data alert replayed: when the SLI's total query would return
//! nothing over the alert's `after` window, as Prometheus evaluates
//! `absent(<total query over after>)`.
//!
//! A row is the interval from the previous row's time to its own (the first
//! row's starts one typical step earlier), as counter samples at those two
//! times. A rate over `[τ - after, τ]` needs two samples in the range, so it
//! has data at τ while the latest row up to τ started at or after
//! `τ - after`; a probe's `avg_over_time` needs one sample, so there the
//! latest row's own time counts. Instants are the rows' times and, inside a
//! gap, one typical step apart from the row before it (where Prometheus,
//! evaluating at the data's step, would look). Must not read event counts:
//! a row without events is data.

use crate::guards::NoDataAlert;
use crate::model::{Severity, Sli};
use serde::Serialize;

/// One firing of the no-data alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoDataFiring {
    pub severity: Severity,
    /// First instant without data over the alert's window.
    pub start: i64,
    /// First instant with data again; `None` while still firing at the end.
    pub end: Option<i64>,
}

/// Whether the SLI's total query is a rate over counters (two samples per
/// window) rather than a probe average (one sample).
pub fn reads_rates(sli: &Sli) -> bool {
    crate::guards::no_data_reads_rates(sli)
}

/// Every firing of the no-data alert over rows at times `t` (sorted).
pub fn firings(t: &[i64], step: i64, alert: &NoDataAlert, rates: bool) -> Vec<NoDataFiring> {
    let after = i64::try_from(alert.after.seconds()).unwrap_or(i64::MAX);
    let step = step.max(1);
    let mut out = Vec::new();
    let mut open: Option<i64> = None;
    for (i, &ti) in t.iter().enumerate() {
        let sample = if rates {
            i.checked_sub(1)
                .and_then(|p| t.get(p).copied())
                .unwrap_or(ti.saturating_sub(step))
        } else {
            ti
        };
        // Data at every instant up to here, from this row on.
        let covered_until = sample.saturating_add(after);
        let mut switch = |at: i64, covered: bool| match (open, covered) {
            (None, false) => open = Some(at),
            (Some(start), true) => {
                open = None;
                out.push(NoDataFiring {
                    severity: alert.severity,
                    start,
                    end: Some(at),
                });
            }
            _ => {}
        };
        switch(ti, ti <= covered_until);
        if let Some(&next) = t.get(i + 1) {
            // The first instant of the gap past the coverage, if before the next row.
            let k = if covered_until >= ti {
                (covered_until - ti) / step + 1
            } else {
                1
            };
            let at = ti.saturating_add(k.saturating_mul(step));
            if at < next {
                switch(at, false);
            }
        }
    }
    out.extend(open.map(|start| NoDataFiring {
        severity: alert.severity,
        start,
        end: None,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn alert(minutes: u64) -> NoDataAlert {
        NoDataAlert {
            after: Span::minutes(minutes),
            severity: Severity::Page,
        }
    }

    fn spans(f: &[NoDataFiring]) -> Vec<(i64, Option<i64>)> {
        f.iter().map(|x| (x.start, x.end)).collect()
    }

    #[test]
    fn regular_rows_always_have_data() {
        let t: Vec<i64> = (1..=20).map(|i| i * 300).collect();
        assert!(firings(&t, 300, &alert(15), true).is_empty());
        // A window of exactly one step still holds the row's two samples.
        assert!(firings(&t, 300, &alert(5), true).is_empty());
    }

    #[test]
    fn a_gap_fires_once_the_window_holds_no_complete_interval() {
        // Rows every 5 min up to 3000 s, then none until 6000 s, then 6300 s.
        let mut t: Vec<i64> = (1..=10).map(|i| i * 300).collect();
        t.extend([6000, 6300]);
        // The last row before the gap spans (2700, 3000]: a 15-minute rate has
        // both samples while τ - 900 <= 2700, so up to 3600 s; the first
        // instant after that, a step apart from 3000 s, is 3900 s. The row at
        // 6000 s spans the whole gap (3000, 6000], too long for the window;
        // the row at 6300 s (6000, 6300] brings data back.
        assert_eq!(
            spans(&firings(&t, 300, &alert(15), true)),
            [(3900, Some(6300))]
        );
    }

    #[test]
    fn probes_need_one_sample_so_they_recover_at_the_first_row() {
        let mut t: Vec<i64> = (1..=10).map(|i| i * 300).collect();
        t.extend([6000, 6300]);
        // Data while τ <= 3000 + 900; first instant after: 3000 + 4 x 300.
        assert_eq!(
            spans(&firings(&t, 300, &alert(15), false)),
            [(4200, Some(6000))]
        );
    }

    #[test]
    fn a_window_shorter_than_the_rows_never_has_data_and_the_end_stays_open() {
        let t = [300, 600, 900];
        // Each row spans 5 minutes; a 4-minute rate never holds two samples.
        assert_eq!(spans(&firings(&t, 300, &alert(4), true)), [(300, None)]);
    }

    #[test]
    fn a_short_gap_inside_the_window_does_not_fire() {
        // One missing row (at 1200 s): the row at 1500 s spans 10 minutes,
        // within a 15-minute window.
        let t = [300, 600, 900, 1500, 1800];
        assert!(firings(&t, 300, &alert(15), true).is_empty());
    }
}
