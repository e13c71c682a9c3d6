//! Sloth `prometheus/v1` specs, one per service and SLO window, and for
//! windows or alert designs Sloth does not ship, the matching
//! `sloth.slok.dev/v1` `AlertWindows` file.
//!
//! Sloth has no window field: the period is given on its command line, so
//! each file says it in its first comment line (`# slo-period: 30d`), which
//! the importer reads back, then what the file cannot hold or had added
//! (`export::file_notes`). An SLO with its alerts switched off is written
//! with both alerts disabled. Sloth's field rules are checked here (`check`)
//! before anything is written.

use super::prometheus::{camel, label_pairs};
use super::promql::{event_queries, template_literal, WINDOW};
use super::yaml::{self, map, s, Y};
use super::{file_notes, ids, with_effective_alerts, ExportFile, ExportFormat, YAML};
use crate::alerting::{budget_spent_when_fired, custom, workbook_tiers};
use crate::format::trim_zeros;
use crate::model::{BudgetingMethod, BurnAlert, EventKind, Severity, Sli, Slo, Span, Window};

/// The first comment line of every spec this module writes.
pub const PERIOD_MARKER: &str = "slo-period:";

pub fn export(slos: &[&Slo]) -> Result<Vec<ExportFile>, String> {
    // Every SLO with the alerts the replay uses, and what its file must say
    // (defaults added, alerts off, what Sloth cannot hold).
    let effective: Vec<(Slo, Vec<String>)> = slos
        .iter()
        .map(|s| (with_effective_alerts(s), file_notes(s, ExportFormat::Sloth)))
        .collect();
    // Group by (service, window): Sloth takes one period per run.
    let mut groups: Vec<(String, Span, Vec<&Slo>)> = Vec::new();
    for (slo, _) in &effective {
        let key = (ids(slo).service, slo.window.nominal());
        match groups
            .iter_mut()
            .find(|(s, w, _)| (s, w) == (&key.0, &key.1))
        {
            Some(g) => g.2.push(slo),
            None => groups.push((key.0, key.1, vec![slo])),
        }
    }
    let mut files = Vec::new();
    let mut windows_written: Vec<(Span, Y)> = Vec::new();
    for (service, period, members) in groups {
        let mut slo_nodes = Vec::new();
        let mut windows_doc: Option<Y> = None;
        for slo in &members {
            slo_nodes.push(slo_node(slo)?);
            let wanted = alert_windows(slo)?;
            match (&windows_doc, wanted) {
                (None, Some(w)) => windows_doc = Some(w),
                (Some(have), Some(w)) if *have != w => {
                    return Err(format!(
                        "service {service}, window {}: Sloth takes one set of alert windows per period, and these SLOs use different ones; give them the same alerts or export them one by one",
                        period.prometheus()
                    ))
                }
                _ => {}
            }
        }
        let w = period.prometheus();
        let mut flags = format!("--default-slo-period={w}");
        if let Some(doc) = windows_doc {
            flags.push_str(" --slo-period-windows-path=DIR_WITH_alert-windows-FILES");
            match windows_written.iter().find(|(p, _)| *p == period) {
                Some((_, existing)) if *existing != doc => {
                    return Err(format!(
                        "window {w}: SLOs of different services use different alert windows; Sloth reads one AlertWindows file per period"
                    ))
                }
                Some(_) => {}
                None => {
                    let header = yaml::comment(&format!("Sloth alert windows for a {w} SLO period, written by SLO Workbench."));
                    files.push(ExportFile { name: format!("alert-windows-{w}.yaml"), mime: YAML, content: format!("{header}{}", yaml::document(&doc)) });
                    windows_written.push((period, doc));
                }
            }
        }
        let mut note = format!(
            "{PERIOD_MARKER} {w}\nSloth spec written by SLO Workbench. Sloth has no window field; generate with:\n  sloth generate -i THIS_FILE {flags}"
        );
        for (_, notes) in effective
            .iter()
            .filter(|(slo, _)| members.iter().any(|m| m.id == slo.id))
        {
            for n in notes {
                note.push_str(&format!("\n{n}"));
            }
        }
        for s in members
            .iter()
            .filter(|s| s.budgeting != BudgetingMethod::Occurrences)
        {
            note.push_str(&format!(
                "\n{}: Sloth counts occurrences; the time-slice budgeting chosen here is not carried.",
                ids(s).slo
            ));
        }
        if members
            .iter()
            .any(|s| matches!(s.window, Window::Calendar { .. }))
        {
            note.push_str(&format!("\nSloth has no calendar windows: calendar SLOs here are computed over a rolling {w}."));
        }
        let header = yaml::comment(&note);
        let spec = map(vec![
            ("version", s("prometheus/v1")),
            ("service", s(&service)),
            ("slos", Y::Seq(slo_nodes)),
        ]);
        files.push(ExportFile {
            name: format!("{service}-{w}.sloth.yaml"),
            mime: YAML,
            content: format!("{header}{}", yaml::document(&spec)),
        });
    }
    Ok(files)
}

/// Sloth's own validation rules, applied before writing.
pub fn check(
    service: &str,
    name: &str,
    objective_percent: f64,
    error_query: &str,
    total_query: &str,
) -> Result<(), String> {
    check_names(service, name, objective_percent)?;
    for (what, q) in [("error_query", error_query), ("total_query", total_query)] {
        check_windowed(name, what, q)?;
    }
    if error_query.trim() == total_query.trim() {
        return Err(format!(
            "SLO {name}: Sloth's error_query and total_query must differ"
        ));
    }
    Ok(())
}

/// Sloth's rules for the names and the objective.
fn check_names(service: &str, name: &str, objective_percent: f64) -> Result<(), String> {
    for (what, n) in [("service", service), ("SLO name", name)] {
        if !is_sloth_name(n) {
            return Err(format!("Sloth {what} \"{n}\" must start and end with a letter or digit and hold only letters, digits, '.', '_' and '-'"));
        }
    }
    if !(objective_percent > 0.0 && objective_percent <= 100.0) {
        return Err(format!(
            "Sloth objective {objective_percent} must be above 0 and at most 100"
        ));
    }
    Ok(())
}

fn check_windowed(name: &str, what: &str, query: &str) -> Result<(), String> {
    if query.contains(WINDOW) {
        Ok(())
    } else {
        Err(format!("SLO {name}: Sloth's {what} must contain {WINDOW}"))
    }
}

pub fn is_sloth_name(n: &str) -> bool {
    let ok_end = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ok_end(n.chars().next())
        && ok_end(n.chars().last())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Sloth's `raw` SLI (an error-ratio query) in the workbench's model: a
/// bad-event ratio whose total is 1 wherever the ratio has a value, so the
/// recorded ratio is the query itself and the period ratio is the mean of
/// the short-window ratios, as Sloth computes it. `raw_query` reads it back.
pub fn raw_sli(error_ratio_query: &str) -> Sli {
    Sli::Ratio {
        counts: EventKind::Bad,
        events_query: error_ratio_query.to_string(),
        total_query: raw_total(error_ratio_query),
    }
}

fn raw_total(error_ratio_query: &str) -> String {
    format!("({error_ratio_query}) * 0 + 1")
}

/// The error-ratio query of an SLI `raw_sli` made, if it is one.
pub fn raw_query(sli: &Sli) -> Option<&str> {
    match sli {
        Sli::Ratio {
            counts: EventKind::Bad,
            events_query,
            total_query,
        } if *total_query == raw_total(events_query) => Some(events_query),
        _ => None,
    }
}

/// Error query and total query: bad-event SLIs as typed, good-event SLIs
/// as `(total) - (good)`, which the importer recognises.
pub fn sloth_queries(slo: &Slo) -> (String, String) {
    let (counts, events, total) = event_queries(&slo.sli);
    match counts {
        EventKind::Bad => (events, total),
        EventKind::Good => (format!("({total}) - ({events})"), total),
    }
}

fn slo_node(slo: &Slo) -> Result<Y, String> {
    let id = ids(slo);
    let name = id.slo.as_str();
    let sli = match raw_query(&slo.sli) {
        Some(raw) => {
            check_names(&id.service, name, slo.target.percent())?;
            check_windowed(name, "error_ratio_query", raw)?;
            map(vec![("raw", map(vec![("error_ratio_query", s(raw))]))])
        }
        None => {
            let (error_query, total_query) = sloth_queries(slo);
            check(
                &id.service,
                name,
                slo.target.percent(),
                &error_query,
                &total_query,
            )?;
            map(vec![(
                "events",
                map(vec![
                    ("error_query", s(error_query)),
                    ("total_query", s(total_query)),
                ]),
            )])
        }
    };
    let mut node = vec![
        ("name".to_string(), s(name)),
        (
            "objective".into(),
            Y::Num(
                trim_zeros(slo.target.percent(), 10)
                    .parse()
                    .unwrap_or(slo.target.percent()),
            ),
        ),
    ];
    if !slo.description.is_empty() {
        node.push(("description".into(), s(&slo.description)));
    }
    // Sloth validates label names as Prometheus does.
    let labels = label_pairs(&slo.labels);
    if !labels.is_empty() {
        node.push((
            "labels".into(),
            Y::Map(labels.into_iter().map(|(k, v)| (k, s(v))).collect()),
        ));
    }
    node.push(("sli".into(), sli));
    let has = |sev: Severity| slo.alerting.alerts.iter().any(|a| a.severity == sev);
    let mut alerting = vec![("name".to_string(), s(format!("{}BurnRate", camel(name))))];
    if !slo.alerting.runbook_url.is_empty() {
        alerting.push((
            "annotations".into(),
            map(vec![(
                "runbook_url",
                s(template_literal(&slo.alerting.runbook_url)),
            )]),
        ));
    }
    for (key, sev) in [
        ("page_alert", Severity::Page),
        ("ticket_alert", Severity::Ticket),
    ] {
        alerting.push((
            key.into(),
            map(vec![
                ("disable", Y::Bool(!has(sev))),
                ("labels", map(vec![("severity", s(sev.as_str()))])),
            ]),
        ));
    }
    node.push(("alerting".into(), Y::Map(alerting)));
    Ok(Y::Map(node))
}

/// Budget percent a burn alert spends before it fires: factor x long / period.
fn budget_percent(a: &BurnAlert, period: Span) -> f64 {
    budget_spent_when_fired(a, period) * 100.0
}

/// `None` when Sloth's built-in windows already say what the SLO's alerts
/// say (30 d or 28 d period, the four Workbook pairs); otherwise the
/// `AlertWindows` document to write.
pub fn alert_windows(slo: &Slo) -> Result<Option<Y>, String> {
    let period = slo.window.nominal();
    let alerts = &slo.alerting.alerts;
    let builtin =
        matches!(period.seconds() / 86_400, 28 | 30) && period.seconds().is_multiple_of(86_400);
    // Sloth's built-in windows are the Workbook tiers, for 30 d and 28 d alike.
    let matches_builtin = alerts.len() == 4
        && alerts
            .iter()
            .zip(workbook_tiers())
            .all(|(a, (sev, share, long, short))| {
                a.severity == sev
                    && a.long == long
                    && a.short == short
                    && (budget_percent(a, period) - share * 100.0).abs() < 0.01
            });
    if builtin && (matches_builtin || alerts.is_empty()) {
        return Ok(None);
    }
    let mut spec = vec![("sloPeriod".to_string(), s(period.prometheus()))];
    for sev in [Severity::Page, Severity::Ticket] {
        let mut mine: Vec<&BurnAlert> = alerts.iter().filter(|a| a.severity == sev).collect();
        if mine.len() > 2 {
            return Err(format!(
                "SLO \"{}\": Sloth has two {} window pairs (quick and slow); this SLO has {}",
                slo.name,
                sev.as_str(),
                mine.len()
            ));
        }
        mine.sort_by_key(|a| a.long);
        let pair = |a: &BurnAlert| {
            map(vec![
                (
                    "errorBudgetPercent",
                    Y::Num(super::rounded(budget_percent(a, period))),
                ),
                ("shortWindow", s(a.short.prometheus())),
                ("longWindow", s(a.long.prometheus())),
            ])
        };
        // Disabled severities still need windows in the file; Sloth's defaults, scaled, are used.
        let defaults: Vec<BurnAlert> = workbook_tiers()
            .into_iter()
            .filter(|w| w.0 == sev)
            .map(|(severity, share, long, short)| custom(severity, share, long, short, period))
            .collect();
        let (quick, slow) = match mine.as_slice() {
            [a, b] => (pair(a), pair(b)),
            [a] => (pair(a), pair(a)),
            _ => (pair(&defaults[0]), pair(&defaults[1])),
        };
        spec.push((
            sev.as_str().into(),
            map(vec![("quick", quick), ("slow", slow)]),
        ));
    }
    Ok(Some(map(vec![
        ("apiVersion", s("sloth.slok.dev/v1")),
        ("kind", s("AlertWindows")),
        ("spec", Y::Map(spec)),
    ])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AlertConfig, AlertPreset};

    #[test]
    fn sloth_names_allow_dots_dashes_and_underscores_inside_only() {
        assert!(is_sloth_name("my-service.v2_a"));
        for bad in ["-a", "a-", "", "a b", "é"] {
            assert!(!is_sloth_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn field_rules_reject_what_sloth_rejects() {
        let (e, t) = ("sum(rate(e[{{.window}}]))", "sum(rate(t[{{.window}}]))");
        assert!(check("svc", "slo", 99.9, e, t).is_ok());
        assert!(check("svc", "slo", 100.0, e, t).is_ok());
        assert!(check("svc", "slo", 0.0, e, t).is_err());
        assert!(check("svc", "slo", 100.5, e, t).is_err());
        assert!(check("svc", "slo", 99.9, "sum(rate(e[5m]))", t)
            .unwrap_err()
            .contains("{{.window}}"));
        assert!(check("svc", "slo", 99.9, t, t)
            .unwrap_err()
            .contains("differ"));
        assert!(check("-svc", "slo", 99.9, e, t).is_err());
    }

    #[test]
    fn the_workbook_preset_at_30_or_28_days_needs_no_alert_windows_file() {
        assert_eq!(alert_windows(&Slo::default()), Ok(None));
        let mut slo = Slo {
            window: Window::Rolling {
                span: Span::days(28),
            },
            ..Slo::default()
        };
        for (a, f) in slo
            .alerting
            .alerts
            .iter_mut()
            .zip([13.44, 5.6, 2.8, 0.933333])
        {
            a.factor = f;
        }
        assert_eq!(alert_windows(&slo), Ok(None));
    }

    #[test]
    fn a_seven_day_window_gets_windows_with_budget_percent_from_the_factors() {
        let slo = Slo {
            window: Window::Rolling {
                span: Span::days(7),
            },
            ..Slo::default()
        };
        let doc = yaml::document(&alert_windows(&slo).unwrap().unwrap());
        let v: serde_norway::Value = serde_norway::from_str(&doc).unwrap();
        assert_eq!(v["spec"]["sloPeriod"].as_str(), Some("7d"));
        // 14.4 x 1 h / 168 h = 8.571...%
        let pct = v["spec"]["page"]["quick"]["errorBudgetPercent"]
            .as_f64()
            .unwrap();
        assert!((pct - 14.4 / 168.0 * 100.0).abs() < 1e-9, "{pct}");
        assert_eq!(
            v["spec"]["ticket"]["slow"]["longWindow"].as_str(),
            Some("3d")
        );
    }

    #[test]
    fn more_than_two_pairs_per_severity_is_refused() {
        let mut alerts = crate::model::workbook_30d();
        alerts.push(alerts[0]);
        let slo = Slo {
            alerting: AlertConfig {
                preset: AlertPreset::Custom,
                alerts,
                runbook_url: String::new(),
                ..AlertConfig::default()
            },
            ..Slo::default()
        };
        assert!(alert_windows(&slo)
            .unwrap_err()
            .contains("two page window pairs"));
    }
}
