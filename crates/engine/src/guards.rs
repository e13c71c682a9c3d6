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
use crate::model::{Project, Severity, Sli, Slo, Span};
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

/// The minimum events of a traffic guard as typed: a whole number from 1.
pub fn parse_min_events(text: &str) -> Result<u64, String> {
    let t = text.trim().replace([',', '_', ' '], "");
    match t.parse::<u64>() {
        Ok(0) => Err("at least 1 event; switch the guard off instead of 0".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "\"{}\" is not a whole number of events, such as 10",
            text.trim()
        )),
    }
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
/// with its own timing: it holds this one only when it waits that long,
/// `export::pyrra::absent_after`, as a Pyrra import sets it).
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
    // Pyrra's absent alert is this no-data alert when it waits Pyrra's own delay.
    let pyrra_holds = slo.alerting.no_data.is_some_and(|n| {
        n.after == crate::export::pyrra::absent_after(slo.target, slo.window.nominal())
    });
    let pyrra_no_data = if pyrra_holds { &[][..] } else { &no_data[..] };
    [
        (ExportFormat::Prometheus, Vec::new()),
        (ExportFormat::Sloth, [&guarded[..], &no_data[..]].concat()),
        (ExportFormat::Pyrra, [&guarded[..], pyrra_no_data].concat()),
        (ExportFormat::OpenSlo, [&guarded[..], &no_data[..]].concat()),
    ]
    .into_iter()
    .map(|(format, missing)| FormatParity { format, missing })
    .collect()
}

/// The sentences the Iteration page states about the replayed alerts: that
/// they are exactly the exported Prometheus rules (by name), and for each
/// other rule format that cannot hold some of them, which.
pub fn parity_sentences(slo: &Slo) -> Vec<String> {
    let names = replayed_rule_names(slo);
    let mut out = Vec::new();
    if effective_alerts(slo).0.is_empty() {
        out.push(
            "No burn-rate alert is replayed: this SLO's burn-rate alerts are switched off, \
             so the exported rules hold none either and nobody is paged when it burns its budget."
                .to_string(),
        );
    }
    if names.is_empty() {
        return out;
    }
    out.push(format!(
        "The alerts replayed here are exactly the exported Prometheus rules ({} rule{}: {}); \
         the conformance test has promtool check that they fire when the replay says.",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    ));
    out.extend(
        format_parity(slo)
            .into_iter()
            .filter(|p| !p.missing.is_empty())
            .map(|p| {
                format!(
                    "{} files cannot hold {}: the replay counts them, that file does not.",
                    p.format.label(),
                    p.missing.join(", ")
                )
            }),
    );
    out
}

/// What the traffic guard silenced on the data, in words; `None` without a
/// guard (or on a probe SLI, where it does not apply).
pub fn silenced_sentence(slo: &Slo, silenced: usize) -> Option<String> {
    let guard = slo
        .alerting
        .traffic_guard
        .filter(|_| guard_applies(&slo.sli))?;
    Some(match silenced {
        0 => format!(
            "The traffic guard ({}) silenced no firing on this data.",
            guard_text(&guard)
        ),
        n => format!(
            "The traffic guard ({}) silenced {n} firing{} that would have alerted without it:",
            guard_text(&guard),
            if n == 1 { "" } else { "s" }
        ),
    })
}

/// One firing the guard silenced, as the page lists it: "page 14.4x
/// 1h/5m at 2026-01-05 05:00 UTC, for 5 min".
pub fn silenced_item(row: &crate::worker::AlertRow) -> String {
    let mut text = format!(
        "{} {} {}/{} at {}",
        row.severity.as_str(),
        crate::format::factor(row.factor),
        Span(row.long_seconds).prometheus(),
        Span(row.short_seconds).prometheus(),
        crate::format::when(row.start)
    );
    if let Some(end) = row.end {
        text.push_str(&format!(
            ", for {}",
            crate::format::duration(end.saturating_sub(row.start))
        ));
    }
    text
}

/// How often the no-data alert fired on the data; `None` when it is off.
pub fn no_data_sentence(slo: &Slo, firings: usize) -> Option<String> {
    let alert = slo.alerting.no_data?;
    Some(match firings {
        0 => format!(
            "The no-data alert ({}) never fired: the data has no gap of {}.",
            alert.severity.as_str(),
            alert.after.prometheus()
        ),
        n => format!(
            "The no-data alert ({}) fired {n} time{} where the data has gaps:",
            alert.severity.as_str(),
            if n == 1 { "" } else { "s" }
        ),
    })
}

/// The replayed alerts of the SLOs in scope (one, or all with `None`)
/// that `format`'s files cannot hold, by rule name: what the export panel
/// says beside that format.
pub fn missing_in(project: &Project, slo_id: Option<&str>, format: ExportFormat) -> Vec<String> {
    project
        .slos
        .iter()
        .filter(|s| slo_id.is_none_or(|id| s.id == id))
        .flat_map(format_parity)
        .filter(|p| p.format == format)
        .flat_map(|p| p.missing)
        .collect()
}

/// The export panel's notes on the SLOs in scope (one, or all with
/// `None`) that have no alerts of their own: default alerts were added.
pub fn default_alert_notes(project: &Project, slo_id: Option<&str>) -> Vec<String> {
    project
        .slos
        .iter()
        .filter(|s| slo_id.is_none_or(|id| s.id == id))
        .filter_map(|s| effective_alerts(s).1)
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
    fn pyrra_holds_a_no_data_alert_that_waits_its_absent_delay() {
        // 99.9% over 30 d: Pyrra's absent alert waits 3 min (export::pyrra::absent_after).
        let mut slo = Slo::default();
        slo.alerting.no_data = Some(NoDataAlert {
            after: Span::minutes(3),
            severity: Severity::Page,
        });
        let pyrra = |slo: &Slo| {
            format_parity(slo)
                .into_iter()
                .find(|p| p.format == ExportFormat::Pyrra)
                .unwrap()
                .missing
        };
        assert!(pyrra(&slo).is_empty());
        slo.alerting.no_data = Some(NoDataAlert::default());
        assert_eq!(pyrra(&slo).len(), 1, "15 min is not Pyrra's delay");
    }

    #[test]
    fn the_no_data_alert_is_named_after_the_slo_and_listed_with_the_burn_alerts() {
        let names = replayed_rule_names(&guarded_slo());
        assert_eq!(names.last().unwrap(), "CheckoutAvailabilityNoData");
        assert_eq!(names.len(), 5);
    }

    #[test]
    fn the_page_says_the_replay_is_the_prometheus_rules_and_lists_what_others_miss() {
        let plain = parity_sentences(&Slo::default());
        assert_eq!(plain.len(), 1);
        assert!(plain[0].starts_with(
            "The alerts replayed here are exactly the exported Prometheus rules (4 rules: AvailabilityBurnRatePage1hAnd5m, "
        ), "{plain:?}");
        let guarded = parity_sentences(&guarded_slo());
        assert_eq!(guarded.len(), 4);
        assert!(guarded[1].starts_with("Sloth prometheus/v1 files cannot hold CheckoutAvailabilityBurnRatePage1hAnd5m (guard: "), "{guarded:?}");
    }

    #[test]
    fn the_page_says_no_burn_rate_alert_is_replayed_when_they_are_switched_off() {
        let mut slo = Slo::default();
        slo.alerting.preset = crate::model::AlertPreset::NoAlerts;
        slo.alerting.alerts.clear();
        let quiet = parity_sentences(&slo);
        assert_eq!(quiet.len(), 1);
        assert!(
            quiet[0].starts_with("No burn-rate alert is replayed"),
            "{quiet:?}"
        );
        slo.alerting.no_data = Some(NoDataAlert::default());
        let with_no_data = parity_sentences(&slo);
        assert!(
            with_no_data[1].contains("(1 rule: AvailabilityNoData)"),
            "{with_no_data:?}"
        );
    }

    #[test]
    fn silenced_and_no_data_sentences_count_and_stay_quiet_when_off() {
        let slo = guarded_slo();
        assert_eq!(
            silenced_sentence(&slo, 1).as_deref(),
            Some("The traffic guard (at least 10 events in the short window) silenced 1 firing that would have alerted without it:")
        );
        assert!(silenced_sentence(&Slo::default(), 3).is_none());
        assert_eq!(
            no_data_sentence(&slo, 0).as_deref(),
            Some("The no-data alert (page) never fired: the data has no gap of 15m.")
        );
        assert!(no_data_sentence(&Slo::default(), 0).is_none());
    }

    #[test]
    fn the_export_panel_notes_only_slos_in_scope_without_alerts() {
        let mut quiet = Slo {
            id: "quiet".into(),
            name: "Quiet".into(),
            ..Slo::default()
        };
        quiet.alerting.alerts.clear();
        let project = Project {
            slos: vec![Slo::default(), quiet],
            ..Project::default()
        };
        assert_eq!(default_alert_notes(&project, None).len(), 1);
        assert!(default_alert_notes(&project, Some("availability")).is_empty());
        assert!(default_alert_notes(&project, Some("quiet"))[0]
            .starts_with("SLO \"Quiet\" has no alerts"));
    }

    #[test]
    fn the_export_panel_names_what_a_format_misses_for_the_slos_in_scope() {
        let project = Project {
            slos: vec![Slo::default(), guarded_slo()],
            ..Project::default()
        };
        assert_eq!(missing_in(&project, None, ExportFormat::Pyrra).len(), 5);
        assert!(missing_in(&project, None, ExportFormat::Prometheus).is_empty());
        assert!(missing_in(&project, Some("availability"), ExportFormat::Pyrra).is_empty());
        assert!(missing_in(&project, None, ExportFormat::Markdown).is_empty());
    }

    #[test]
    fn a_silenced_firing_reads_with_its_windows_start_and_length() {
        let row = crate::worker::AlertRow {
            alert_index: 0,
            severity: Severity::Page,
            factor: 14.4,
            long_seconds: 3600,
            short_seconds: 300,
            start: 1_767_589_200,
            end: Some(1_767_589_500),
            budget_spent_at_fire: 0.0,
            detection_delay: None,
            reset_after: None,
            peak_burn: 16.7,
        };
        assert_eq!(
            silenced_item(&row),
            format!(
                "page 14.4x 1h/5m at {}, for 5 min",
                crate::format::when(1_767_589_200)
            )
        );
    }

    #[test]
    fn minimum_events_are_whole_numbers_from_one() {
        assert_eq!(parse_min_events(" 1,000 "), Ok(1000));
        assert!(parse_min_events("0")
            .unwrap_err()
            .contains("switch the guard off"));
        assert!(parse_min_events("2.5").is_err());
        assert!(parse_min_events("-3").is_err());
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
