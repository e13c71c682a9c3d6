//! What-if questions over the same data: how alerts and budget would have
//! fared under other targets (the sweep), and which target the history
//! supports (recalibration).
//!
//! Built on `simulate` alone; owns no replay semantics of its own beyond
//! "which rolling windows count" for recalibration.

use crate::model::{Severity, Slo, Target};
use crate::series::EventSeries;
use crate::simulate::{simulate, simulate_summary, SimOptions};
use serde::Serialize;

/// Outcome of replaying the data at one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    pub target: Target,
    pub pages: usize,
    pub tickets: usize,
    /// Separate stretches during which the window's budget was overspent.
    pub windows_exhausted: usize,
    /// Lowest budget remaining at any row (1 when there is no data).
    pub min_budget_remaining: f64,
}

/// 99, 99.5, 99.9, 99.95 and 99.99%.
pub fn default_sweep_targets() -> Vec<Target> {
    [0.99, 0.995, 0.999, 0.9995, 0.9999]
        .into_iter()
        .map(Target)
        .collect()
}

/// Replays the data once per target, everything else of the SLO unchanged.
pub fn sweep(series: &EventSeries, slo: &Slo, targets: &[Target]) -> Vec<SweepRow> {
    targets
        .iter()
        .map(|&target| {
            let slo = Slo {
                target,
                ..slo.clone()
            };
            // Only the budget series is read: the burn-rate series are not written.
            let sim = simulate_summary(series, &slo, &SimOptions::default());
            let count = |s: Severity| sim.alerts.iter().filter(|a| a.severity == s).count();
            SweepRow {
                target,
                pages: count(Severity::Page),
                tickets: count(Severity::Ticket),
                windows_exhausted: sim.exhausted.len(),
                min_budget_remaining: sim
                    .points
                    .budget_remaining
                    .iter()
                    .copied()
                    .fold(1.0, f64::min),
            }
        })
        .collect()
}

/// The highest target (to 0.01%, at most 99.99%) that the good/total ratio
/// met in at least `share_of_windows` of the rolling windows of the SLO's
/// length. The windows counted are those ending at each row whose window lies
/// wholly inside the data; when the data is shorter than one window, the
/// whole data is the one window. `None` without events, or when the history
/// supports no target above 0%.
pub fn recalibrate(series: &EventSeries, slo: &Slo, share_of_windows: f64) -> Option<Target> {
    if !series.total.iter().any(|&x| x > 0.0) {
        return None;
    }
    let share = if share_of_windows.is_finite() {
        share_of_windows.clamp(f64::MIN_POSITIVE, 1.0)
    } else {
        1.0
    };
    // Replay at the SLO's own target with the window made rolling: compliance
    // per row does not depend on the target.
    let rolling = Slo {
        window: crate::model::Window::Rolling {
            span: slo.window.nominal(),
        },
        budgeting: crate::model::BudgetingMethod::Occurrences,
        alerting: crate::model::AlertConfig {
            alerts: Vec::new(),
            ..slo.alerting.clone()
        },
        ..slo.clone()
    };
    let sim = simulate(series, &rolling, &SimOptions::default());
    let t = &sim.points.t;
    let first = *t.first()?;
    let step = series.step();
    let len = i64::try_from(slo.window.nominal().seconds()).unwrap_or(i64::MAX);
    let mut compliance: Vec<f64> = t
        .iter()
        .zip(&sim.points.sli_window)
        .filter(|(&ti, _)| ti.saturating_sub(len) >= first.saturating_sub(step))
        .map(|(_, &c)| c)
        .collect();
    if compliance.is_empty() {
        compliance.push(sim.points.sli_window.last().copied()?);
    }
    compliance.sort_by(|a, b| b.total_cmp(a));
    let k = ((share * compliance.len() as f64).ceil() as usize).clamp(1, compliance.len());
    let met = compliance[k - 1];
    // Round down to 0.01%: a recommended target must be met, not nearly met.
    let floored = ((met * 10_000.0 + 1e-6).floor() / 10_000.0).min(0.9999);
    Target::from_number(floored).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steady(rows: usize, bad_every: usize) -> EventSeries {
        let mut s = EventSeries::default();
        for i in 0..rows {
            let bad = if bad_every > 0 && i % bad_every == 0 {
                1.0
            } else {
                0.0
            };
            s.push(60 * (i as i64 + 1), 1000.0 - bad, 1000.0);
        }
        s
    }

    #[test]
    fn the_default_sweep_runs_from_99_to_99_99() {
        let pct: Vec<String> = default_sweep_targets()
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(pct, ["99", "99.5", "99.9", "99.95", "99.99"]);
    }

    #[test]
    fn recalibration_suggests_what_every_window_met() {
        // One bad event in every 10 minutes of 1000 events: 99.99% exactly.
        let series = steady(3 * 1440, 10);
        let slo = Slo {
            window: crate::model::Window::Rolling {
                span: crate::model::Span::days(1),
            },
            ..Slo::default()
        };
        assert_eq!(recalibrate(&series, &slo, 0.9), Some(Target(0.9999)));
    }

    #[test]
    fn recalibration_has_nothing_to_say_without_events() {
        assert_eq!(
            recalibrate(&EventSeries::default(), &Slo::default(), 0.9),
            None
        );
    }
}
