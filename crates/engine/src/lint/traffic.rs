//! Lints on traffic, from the expected events per hour of `LintContext`: a
//! budget under one bad event per window, and traffic so low that a single
//! failure fires alerts. Must not read data or replay it.

use super::{name, Finding, LintRule, SloFacts};
use crate::diag::Level;
use crate::format::number;
use crate::model::Slo;

/// Budget under one event per window, and single failures firing alerts.
pub(super) fn traffic_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(per_hour) = facts
        .expected_events_per_hour
        .filter(|h| h.is_finite() && *h >= 0.0)
    else {
        return;
    };
    let budget = slo.target.error_budget();
    let window = slo.window.nominal();
    let in_window = per_hour * window.seconds() as f64 / 3600.0;
    if in_window * budget < 1.0 {
        out.push(Finding::about_slo(
            LintRule::BudgetUnderOneEvent,
            slo,
            Level::Warning,
            "The budget holds less than one bad event",
            format!(
                "At about {} events an hour, {} sees {} events in its {} window; at {}% the budget allows {} bad \
                 ones, less than one, so the first failure breaks the SLO. {}% needs at least {} events per window. \
                 Lengthen the window, lower the target, aggregate with similar traffic or add synthetic traffic.",
                number(per_hour),
                name(slo),
                number(in_window),
                window.human(),
                slo.target,
                number(in_window * budget),
                slo.target,
                // Rounded first so float noise in 1 - T (99.999%) does not add an event.
                number((((1.0 / budget) * 1e6).round() / 1e6).ceil()),
            ),
        ));
    }
    // One failure among n events in the long window fires when 1/n > F x B.
    let fired: Vec<String> = slo
        .alerting
        .alerts
        .iter()
        .filter(|a| a.factor.is_finite() && a.factor > 0.0 && a.factor * budget < 1.0)
        .filter(|a| per_hour * a.long.seconds() as f64 / 3600.0 * a.factor * budget < 1.0)
        .map(|a| format!("{} {}/{}", a.severity.as_str(), a.long, a.short))
        .collect();
    if !fired.is_empty() && in_window > 0.0 {
        out.push(Finding::about_slo(
            LintRule::LowTraffic,
            slo,
            Level::Warning,
            "Low traffic makes alerts noisy",
            format!(
                "At about {} events an hour a single failed event is enough to fire {} of {} alerts ({}), and each \
                 failure spends {}. Consider synthetic traffic, aggregating services, longer windows \
                 or time slices, a minimum-events guard, or accepting it knowingly.",
                number(per_hour),
                fired.len(),
                slo.alerting.alerts.len(),
                fired.join(", "),
                failure_share(in_window * budget),
            ),
        ));
    }
}

/// What one failure costs when the window's budget holds `allowed` bad events.
fn failure_share(allowed: f64) -> String {
    if allowed <= 1.0 {
        "the whole budget of the window or more".into()
    } else {
        format!("{}% of the budget", number(100.0 / allowed))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    #[test]
    fn a_budget_under_one_event_per_window_is_flagged() {
        // 1 event an hour over 30 days is 720 events; 99.9% allows 0.72 bad ones.
        let f = lint_project(&shop(), &with_traffic("checkout", 1.0));
        let hit = find(&f, "budget-under-one-event:checkout");
        assert!(hit.explanation.contains("0.72 bad"), "{}", hit.explanation);
        assert!(
            hit.explanation.contains("at least 1,000 events per window"),
            "{}",
            hit.explanation
        );
    }

    #[test]
    fn low_traffic_that_lets_one_failure_fire_alerts_is_flagged() {
        // 10 requests an hour, 99.9%, 30 d: each failure spends 13.9% of the budget,
        // and one failure exceeds every Workbook threshold.
        let f = lint_project(&shop(), &with_traffic("checkout", 10.0));
        let hit = find(&f, "low-traffic:checkout");
        assert!(
            hit.explanation.contains("fire 4 of 4 alerts"),
            "{}",
            hit.explanation
        );
        assert!(hit.explanation.contains("13.889%"), "{}", hit.explanation);
        assert!(
            !f.iter().any(|x| x.id.contains("alert-low-traffic")),
            "{f:?}"
        );
        assert!(
            !f.iter().any(|x| x.id.starts_with("budget-under-one-event")),
            "{f:?}"
        );
        // At 1,000 an hour one failure is 0.07% of the 1 h page threshold's worth: quiet.
        assert_eq!(
            slo_ids(&shop(), &with_traffic("checkout", 1000.0)),
            Vec::<String>::new()
        );
    }
}
