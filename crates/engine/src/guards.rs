//! The optional guards around an SLO's burn-rate alerts: the no-data alert
//! (fires when the SLI's total query returns nothing) and the minimum-traffic
//! guard (a burn-rate alert fires only when its short window holds at least
//! N events, so one failed request out of two at night does not page).
//!
//! Owns their types (held in `AlertConfig`, both off by default so older
//! project files load unchanged), the no-data rule's name and texts, and the
//! list of what each export format cannot hold of the replayed alert set.
//! Must not replay data (`simulate` replays both) nor write rule files
//! (`export::prometheus` writes both).

use crate::alerting::effective_alerts;
use crate::export::ExportFormat;
use crate::format::{grouped, trim_zeros};
use crate::model::{Severity, Sli, Slo, Span};
use serde::{Deserialize, Serialize};

/// An alert that fires while the SLI's total query returns nothing over
/// `after`: no complete data interval (two counter samples; one sample for a
/// probe SLI) in the last `after`. Burn-rate alerts cannot fire without data,
/// so a broken exporter or a renamed metric would otherwise stay silent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NoDataAlert {
    /// How far back the total query looks; the alert fires once it holds no data.
    pub after: Span,
    pub severity: Severity,
}

impl Default for NoDataAlert {
    /// What the alert designer offers when the alert is switched on: page
    /// after 15 minutes without data (three 5-minute intervals).
    fn default() -> Self {
        NoDataAlert {
            after: Span::minutes(15),
            severity: Severity::Page,
        }
    }
}

/// A burn-rate alert fires only while its short window holds at least
/// `min_events` events (requests), on top of both windows burning too fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficGuard {
    pub min_events: u64,
}

impl Default for TrafficGuard {
    /// What the alert designer offers when the guard is switched on.
    fn default() -> Self {
        TrafficGuard { min_events: 10 }
    }
}

/// Whether the SLI counts events the guard can count: a probe SLI's total
/// query counts probe series, not requests.
pub fn guard_applies(sli: &Sli) -> bool {
    !matches!(sli, Sli::Availability { .. })
}

/// Whether the no-data alert's query needs two samples in its window (a
/// rate over counters) or one (a probe's `avg_over_time`).
pub fn no_data_reads_rates(sli: &Sli) -> bool {
    !matches!(sli, Sli::Availability { .. })
}

/// The no-data alert's rule name: `CheckoutAvailabilityNoData`.
pub fn no_data_rule_name(slo: &Slo) -> String {
    format!(
        "{}NoData",
        crate::export::prometheus::camel(&crate::export::ids(slo).slo)
    )
}

/// The no-data alert's annotations as they read once Prometheus rendered them.
pub fn no_data_texts(slo: &Slo, alert: &NoDataAlert) -> (String, String) {
    let after = alert.after.prometheus();
    let summary = format!(
        "SLO \"{}\" has had no data for {after}: its burn-rate alerts cannot fire",
        slo.name
    );
    let description = format!(
        "The total-events query of SLO \"{}\" returned nothing over the last {after}. \
         The metric is missing (exporter down, scrape failing, metric renamed), so the \
         error budget and its burn-rate alerts see nothing.",
        slo.name
    );
    (summary, description)
}

/// The guard in words, for notes and the page: "at least 10 events in the
/// short window".
pub fn guard_text(guard: &TrafficGuard) -> String {
    format!(
        "at least {} event{} in the short window",
        grouped(guard.min_events as f64),
        if guard.min_events == 1 { "" } else { "s" }
    )
}

/// What the replay and one format's file hold of an SLO's alerts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatParity {
    pub format: ExportFormat,
    /// The replayed alerts this format's file cannot hold, by name; empty
    /// when its rules are exactly the replayed ones.
    pub missing: Vec<String>,
}

/// The alert rule names the replay evaluates for an SLO: every burn-rate
/// alert (with the guard when set) and the no-data alert when set, as the
/// Prometheus export names them.
pub fn replayed_rule_names(slo: &Slo) -> Vec<String> {
    let mut names: Vec<String> = effective_alerts(slo)
        .0
        .iter()
        .map(|a| crate::export::prometheus::alert_rule_name(slo, a))
        .collect();
    if slo.alerting.no_data.is_some() {
        names.push(no_data_rule_name(slo));
    }
    names
}

/// For each rule format, the replayed alerts its file cannot hold. The
/// Prometheus rules hold them all (the conformance test proves it); Sloth,
/// Pyrra and OpenSLO have no field for the traffic guard, and Sloth and
/// OpenSLO none for a no-data alert (Pyrra writes absent alerts of its own,
/// with its own timing, not this one).
pub fn format_parity(slo: &Slo) -> Vec<FormatParity> {
    let guarded: Vec<String> = match slo.alerting.traffic_guard {
        Some(g) if guard_applies(&slo.sli) => effective_alerts(slo)
            .0
            .iter()
            .map(|a| {
                format!(
                    "{} (guard: {})",
                    crate::export::prometheus::alert_rule_name(slo, a),
                    guard_text(&g)
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let no_data: Vec<String> = slo
        .alerting
        .no_data
        .map(|n| {
            format!(
                "{} (after {})",
                no_data_rule_name(slo),
                trim_zeros(n.after.seconds() as f64 / 60.0, 2) + " min"
            )
        })
        .into_iter()
        .collect();
    [
        (ExportFormat::Prometheus, Vec::new()),
        (ExportFormat::Sloth, [&guarded[..], &no_data[..]].concat()),
        (ExportFormat::Pyrra, [&guarded[..], &no_data[..]].concat()),
        (ExportFormat::OpenSlo, [&guarded[..], &no_data[..]].concat()),
    ]
    .into_iter()
    .map(|(format, missing)| FormatParity { format, missing })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbook_30d;

    fn guarded_slo() -> Slo {
        let mut slo = Slo {
            id: "checkout-availability".into(),
            name: "Checkout".into(),
            ..Slo::default()
        };
        slo.alerting.traffic_guard = Some(TrafficGuard { min_events: 10 });
        slo.alerting.no_data = Some(NoDataAlert::default());
        slo
    }

    #[test]
    fn an_slo_without_guards_is_held_by_every_rule_format() {
        let slo = Slo::default();
        assert!(format_parity(&slo).iter().all(|p| p.missing.is_empty()));
        assert_eq!(replayed_rule_names(&slo).len(), workbook_30d().len());
    }

    #[test]
    fn prometheus_holds_the_guard_and_the_no_data_alert_and_the_others_name_them() {
        let parity = format_parity(&guarded_slo());
        assert_eq!(parity[0].format, ExportFormat::Prometheus);
        assert!(parity[0].missing.is_empty());
        let sloth = &parity[1];
        assert_eq!(sloth.format, ExportFormat::Sloth);
        assert_eq!(
            sloth.missing[0],
            "CheckoutAvailabilityBurnRatePage1hAnd5m (guard: at least 10 events in the short window)"
        );
        assert_eq!(
            sloth.missing.last().map(String::as_str),
            Some("CheckoutAvailabilityNoData (after 15 min)")
        );
        assert_eq!(sloth.missing.len(), 5);
    }

    #[test]
    fn a_probe_slo_has_no_events_to_guard() {
        let mut slo = guarded_slo();
        slo.sli = Sli::Availability {
            probe_query: "up".into(),
        };
        slo.alerting.no_data = None;
        assert!(!guard_applies(&slo.sli));
        assert!(format_parity(&slo).iter().all(|p| p.missing.is_empty()));
    }

    #[test]
    fn the_no_data_alert_is_named_after_the_slo_and_listed_with_the_burn_alerts() {
        let names = replayed_rule_names(&guarded_slo());
        assert_eq!(names.last().unwrap(), "CheckoutAvailabilityNoData");
        assert_eq!(names.len(), 5);
    }

    #[test]
    fn old_alert_configs_load_with_both_guards_off() {
        let old = r#"{"preset":"workbook30d","alerts":[],"runbook_url":""}"#;
        let cfg: crate::model::AlertConfig = serde_json::from_str(old).unwrap();
        assert_eq!((cfg.no_data, cfg.traffic_guard), (None, None));
        // And an untouched config writes neither field, so files stay as they were.
        let text = serde_json::to_string(&crate::model::AlertConfig::default()).unwrap();
        assert!(
            !text.contains("no_data") && !text.contains("traffic_guard"),
            "{text}"
        );
    }
}
