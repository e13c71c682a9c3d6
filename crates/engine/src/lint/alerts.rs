//! The alert lints of `alerting`, as project findings under their SLO with a
//! title each, and the warning for an SLO without burn-rate alerts. The checks
//! themselves live in `alerting` (`lint_alerts`, `no_alerts_warning`); this
//! module only names them. Must not add alert rules of its own.

use super::{Finding, LintRule, SloFacts};
use crate::alerting::AlertRule;
use crate::model::Slo;

/// The alert lints of one SLO, except low traffic (see `traffic`).
pub(super) fn alert_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let id = slo.id.as_str();
    let window = slo.window.nominal();
    let eps = facts.expected_events_per_hour.map(|h| h / 3600.0);
    for a in crate::alerting::lint_alerts(&slo.alerting.alerts, slo.target, window, eps) {
        let title = match a.rule {
            // `low-traffic` (one failure fires an alert) says this sharper for the project view.
            AlertRule::LowTraffic => continue,
            AlertRule::NeverFires => "An alert can never fire",
            AlertRule::ShortNotShorter => {
                "An alert's short window is not shorter than its long one"
            }
            AlertRule::LongBeyondWindow => "An alert looks further back than the SLO window",
            AlertRule::BadFactor => "An alert has no usable burn factor",
        };
        out.push(Finding::new(
            LintRule::Alert(a.rule).id(&[id, &a.alert.to_string()]),
            Some(id),
            a.level,
            title,
            a.message,
        ));
    }
    if let Some(message) = crate::alerting::no_alerts_warning(slo) {
        out.push(Finding::new(
            LintRule::NoBurnAlerts.id(&[id]),
            Some(id),
            crate::diag::Level::Warning,
            "Nobody is paged for this SLO",
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;
    use crate::model::Target;

    #[test]
    fn alert_lints_appear_under_the_slo_with_its_id() {
        let mut p = shop();
        p.slos[0].target = Target(0.93);
        p.services[0].dependencies.clear();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "alert-never-fires:checkout:0");
        assert_eq!(hit.level, Level::Error);
        assert_eq!(hit.slo_id.as_deref(), Some("checkout"));
    }

    #[test]
    fn an_slo_with_its_burn_rate_alerts_switched_off_warns_that_nobody_is_paged() {
        let mut p = shop();
        p.slos[0].alerting.preset = crate::model::AlertPreset::NoAlerts;
        p.slos[0].alerting.alerts.clear();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "no-burn-alerts:checkout");
        assert_eq!(hit.level, Level::Warning);
        assert!(
            hit.explanation.contains("nobody will be paged"),
            "{}",
            hit.explanation
        );
        p.slos[0].alerting.preset = crate::model::AlertPreset::Custom;
        let f = lint_project(&p, &LintContext::default());
        assert!(!f.iter().any(|x| x.id.starts_with("no-burn-alerts")));
    }
}
