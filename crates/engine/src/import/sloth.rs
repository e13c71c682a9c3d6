//! Sloth `prometheus/v1` import, with `AlertWindows` documents from the same
//! text. Sloth has no window field: the period comes from an AlertWindows
//! document, from the `# slo-period:` line the exporter writes, or Sloth's
//! default of 30 days (said in `unmapped`). `sli.events` and `sli.raw` are
//! read (`export::sloth::raw_sli`); SLOs of the same name in two services
//! get distinct ids (`separate_same_names`). Must not write any format.

use super::{
    at, ensure_service, extra_keys, number_at, percent_target, str_at, string_entries, Doc,
    Imported,
};
use crate::alerting::{custom, workbook_tiers};
use crate::diag::Diagnostic;
use crate::export::promql::recognise_sli;
use crate::export::sloth::{raw_sli, PERIOD_MARKER};
use crate::ids::TakenIds;
use crate::model::slug;
use crate::model::{
    AlertConfig, AlertPreset, BurnAlert, EventKind, Service, Severity, Sli, Slo, Span, Window,
};
use serde_norway::Value;

/// What every spec of one text shares, built once so each spec costs its
/// own size, not the text's: the lines, and each AlertWindows period.
pub(crate) struct Shared<'a> {
    lines: Vec<&'a str>,
    windows: Vec<(Span, &'a Value)>,
}

impl<'a> Shared<'a> {
    pub(crate) fn new(text: &'a str, windows: &'a [Doc]) -> Self {
        Shared {
            lines: text.lines().collect(),
            windows: windows
                .iter()
                .filter_map(|d| {
                    Some((
                        Span::parse(str_at(&d.value, &["spec", "sloPeriod"])?).ok()?,
                        at(&d.value, &["spec"])?,
                    ))
                })
                .collect(),
        }
    }

    /// First line at or after `from` (1-based) holding `needle`.
    fn line_containing(&self, from: usize, needle: &str) -> Option<usize> {
        let start = from.saturating_sub(1).min(self.lines.len());
        self.lines[start..]
            .iter()
            .position(|l| l.contains(needle))
            .map(|i| start + i + 1)
    }
}

pub(crate) fn import(
    shared: &Shared,
    spec: &Doc,
    out: &mut Imported,
    errors: &mut Vec<Diagnostic>,
) {
    let v = &spec.value;
    let Some(service) = str_at(v, &["service"]) else {
        errors.push(Diagnostic::error(spec.line, "Sloth spec needs a service"));
        return;
    };
    ensure_service(
        &mut out.project,
        Service {
            name: service.to_string(),
            ..Service::default()
        },
    );
    let top_labels = string_entries(at(v, &["labels"]), "labels", &mut out.unmapped);
    extra_keys(
        Some(v),
        &["version", "service", "labels", "slos"],
        "",
        "not part of the workbench model; left out",
        &mut out.unmapped,
    );

    let (period, alert_windows) = period(shared, spec.line, &mut out.unmapped);
    let Some(slos) = at(v, &["slos"]).and_then(Value::as_sequence) else {
        errors.push(Diagnostic::error(
            spec.line,
            "Sloth spec needs a list of slos",
        ));
        return;
    };
    for (i, s) in slos.iter().enumerate() {
        let path = format!("slos[{i}]");
        match slo(
            s,
            &path,
            service,
            period,
            alert_windows,
            &top_labels,
            &mut out.unmapped,
        ) {
            Ok(slo) => out.project.slos.push(slo),
            Err(m) => {
                let line = str_at(s, &["name"])
                    .and_then(|n| shared.line_containing(spec.line, &format!("name: {n}")))
                    .unwrap_or(spec.line);
                errors.push(Diagnostic::error(line, format!("{path}: {m}")))
            }
        }
    }
}

/// Sloth keys an SLO by service and name, the workbench by id alone. Each
/// SLO from `from` on whose id an earlier SLO already holds gets
/// `SERVICE-NAME` (or the first free suffix of it), said in `unmapped`; its
/// name stays, and the Sloth export writes it back as the Sloth name.
pub(crate) fn separate_same_names(slos: &mut [Slo], from: usize, un: &mut Vec<String>) {
    let mut seen: std::collections::HashSet<String> = slos[..from.min(slos.len())]
        .iter()
        .map(|s| slug(&s.id))
        .collect();
    let mut free = TakenIds::of(slos);
    for slo in slos.iter_mut().skip(from) {
        if seen.insert(slug(&slo.id)) {
            continue;
        }
        let id = free.claim(&slug(&format!("{}-{}", slo.service, slo.name)));
        un.push(format!(
            "service {}, SLO {}: an SLO read before it already has the id \"{}\"; Sloth tells SLOs apart by service and name, the workbench by id alone, so this one has the id \"{id}\" (the Sloth export writes its name back)",
            slo.service, slo.name, slo.id
        ));
        seen.insert(slug(&id));
        slo.id = id;
    }
}

/// The SLO period and the AlertWindows spec that goes with it, if any.
/// The marker is looked for in the comment lines just above the spec.
fn period<'a>(
    shared: &Shared<'a>,
    spec_line: usize,
    un: &mut Vec<String>,
) -> (Span, Option<&'a Value>) {
    let above = spec_line.saturating_sub(1).min(shared.lines.len());
    let marker = shared.lines[..above]
        .iter()
        .rev()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .find_map(|l| {
            l.trim()
                .strip_prefix('#')
                .map(str::trim)
                .and_then(|l| l.strip_prefix(PERIOD_MARKER))
        });
    let from_marker = marker.and_then(|m| Span::parse(m).ok());
    let docs = &shared.windows;
    match (from_marker, docs.as_slice()) {
        (Some(p), docs) => (p, docs.iter().find(|(dp, _)| *dp == p).map(|(_, w)| *w)),
        (None, [(p, w)]) => (*p, Some(*w)),
        (None, _) => {
            un.push(
                "window: Sloth specs carry no window; 30d assumed (Sloth's default period)".into(),
            );
            let p = Span::days(30);
            (p, docs.iter().find(|(dp, _)| *dp == p).map(|(_, w)| *w))
        }
    }
}

fn slo(
    s: &Value,
    path: &str,
    service: &str,
    period: Span,
    windows: Option<&Value>,
    top_labels: &[(String, String)],
    un: &mut Vec<String>,
) -> Result<Slo, String> {
    let name = str_at(s, &["name"]).ok_or("needs a name")?;
    let objective = number_at(s, &["objective"]).ok_or("needs an objective (percent)")?;
    let target = percent_target(objective).map_err(|m| format!("objective {objective}: {m}"))?;
    extra_keys(
        Some(s),
        &[
            "name",
            "objective",
            "description",
            "labels",
            "sli",
            "alerting",
        ],
        path,
        "not part of the workbench model; left out",
        un,
    );

    let sli = if let Some(events) = at(s, &["sli", "events"]) {
        let error_q = str_at(events, &["error_query"]).ok_or("sli.events needs error_query")?;
        let total_q = str_at(events, &["total_query"]).ok_or("sli.events needs total_query")?;
        // The exporter writes good-event SLIs as (total) - (good).
        let good = error_q
            .strip_prefix(&format!("({total_q}) - ("))
            .and_then(|r| r.strip_suffix(')'));
        match good {
            Some(g) => recognise_sli(EventKind::Good, g, total_q),
            None => Sli::Ratio {
                counts: EventKind::Bad,
                events_query: error_q.into(),
                total_query: total_q.into(),
            },
        }
    } else if let Some(raw) = at(s, &["sli", "raw"]) {
        let q = str_at(raw, &["error_ratio_query"]).ok_or("sli.raw needs error_ratio_query")?;
        raw_sli(q.trim())
    } else if at(s, &["sli", "plugin"]).is_some() {
        return Err("sli.plugin: Sloth plugins run Go code the workbench cannot read; write the SLI as sli.events (error_query and total_query) or sli.raw".into());
    } else {
        return Err(
            "needs sli.events (error_query and total_query) or sli.raw (error_ratio_query)".into(),
        );
    };

    let mut labels: std::collections::BTreeMap<String, String> =
        top_labels.iter().cloned().collect();
    labels.extend(string_entries(
        at(s, &["labels"]),
        &format!("{path}.labels"),
        un,
    ));

    let alerting = at(s, &["alerting"]);
    let disabled = |key: &str| {
        alerting
            .and_then(|a| at(a, &[key, "disable"]))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let runbook = alerting
        .and_then(|a| str_at(a, &["annotations", "runbook_url"]))
        .map(|u| u.replace("{{ \"{{\" }}", "{{"))
        .unwrap_or_default();
    if let Some(a) = alerting {
        extra_keys(
            Some(a),
            &[
                "name",
                "annotations",
                "labels",
                "page_alert",
                "ticket_alert",
            ],
            &format!("{path}.alerting"),
            "not part of the workbench model; left out",
            un,
        );
        extra_keys(at(a, &["annotations"]), &["runbook_url"], &format!("{path}.alerting.annotations"), "alert annotations other than runbook_url are written by the workbench itself; left out", un);
        extra_keys(
            at(a, &["labels"]),
            &[],
            &format!("{path}.alerting.labels"),
            "extra alert labels are not part of the workbench model; left out",
            un,
        );
        for key in ["page_alert", "ticket_alert"] {
            extra_keys(
                at(a, &[key]),
                &["disable", "labels"],
                &format!("{path}.alerting.{key}"),
                "not part of the workbench model; left out",
                un,
            );
            extra_keys(
                at(a, &[key, "labels"]),
                &["severity"],
                &format!("{path}.alerting.{key}.labels"),
                "the workbench sets severity only; left out",
                un,
            );
        }
    }

    let mut alerts = match windows {
        Some(w) => windows_alerts(w, period)?,
        // Sloth's defaults: the Workbook tiers scaled to the period.
        None => workbook_tiers()
            .into_iter()
            .map(|(severity, share, long, short)| {
                let a = custom(severity, share, long, short, period);
                BurnAlert {
                    factor: round6(a.factor),
                    ..a
                }
            })
            .collect(),
    };
    alerts.retain(|a| {
        !(a.severity == Severity::Page && disabled("page_alert")
            || a.severity == Severity::Ticket && disabled("ticket_alert"))
    });
    if alerts.is_empty() && windows.is_some_and(|w| !records_workbook_windows(w, period)) {
        un.push(format!("{path}.alerting: page and ticket alerts are both disabled; the SLI is recorded over the Workbook windows (5m to 3d), not this AlertWindows file's"));
    }
    let preset = match (
        windows,
        period.seconds() / 86_400,
        period.seconds() % 86_400,
    ) {
        // Both alerts disabled: the SLO has none, and the replay fires none.
        _ if alerts.is_empty() => AlertPreset::NoAlerts,
        (None, 30, 0) if alerts.len() == 4 => AlertPreset::Workbook30d,
        (None, 28, 0) if alerts.len() == 4 => AlertPreset::Workbook28d,
        _ => AlertPreset::Custom,
    };
    Ok(Slo {
        id: name.to_string(),
        name: name.to_string(),
        service: service.to_string(),
        description: str_at(s, &["description"]).unwrap_or("").to_string(),
        sli,
        target,
        window: Window::Rolling { span: period },
        alerting: AlertConfig {
            preset,
            alerts,
            runbook_url: runbook,
            ..AlertConfig::default()
        },
        labels,
        ..Slo::default()
    })
}

/// Whether an AlertWindows file's windows are the Workbook tiers' (the ones
/// an SLO without alerts records); an unreadable file is not.
fn records_workbook_windows(spec: &Value, period: Span) -> bool {
    let windows = |pairs: Vec<(Span, Span)>| {
        let mut w: Vec<Span> = pairs.into_iter().flat_map(|(s, l)| [s, l]).collect();
        w.sort();
        w.dedup();
        w
    };
    let workbook = windows(
        workbook_tiers()
            .iter()
            .map(|&(_, _, long, short)| (short, long))
            .collect(),
    );
    windows_alerts(spec, period)
        .is_ok_and(|alerts| windows(alerts.iter().map(|a| (a.short, a.long)).collect()) == workbook)
}

/// Factors to six decimals: 13.44, not 13.440000000000001.
fn round6(f: f64) -> f64 {
    (f * 1e6).round() / 1e6
}

fn windows_alerts(spec: &Value, period: Span) -> Result<Vec<BurnAlert>, String> {
    let mut alerts: Vec<BurnAlert> = Vec::new();
    for (key, severity) in [("page", Severity::Page), ("ticket", Severity::Ticket)] {
        for speed in ["quick", "slow"] {
            let w = at(spec, &[key, speed])
                .ok_or_else(|| format!("AlertWindows needs spec.{key}.{speed}"))?;
            let pct = number_at(w, &["errorBudgetPercent"]).ok_or_else(|| {
                format!("AlertWindows spec.{key}.{speed} needs errorBudgetPercent")
            })?;
            let long = Span::parse(str_at(w, &["longWindow"]).unwrap_or(""))
                .map_err(|e| format!("AlertWindows spec.{key}.{speed}.longWindow: {e}"))?;
            let short = Span::parse(str_at(w, &["shortWindow"]).unwrap_or(""))
                .map_err(|e| format!("AlertWindows spec.{key}.{speed}.shortWindow: {e}"))?;
            let a = custom(severity, pct / 100.0, long, short, period);
            let a = BurnAlert {
                factor: round6(a.factor),
                ..a
            };
            // A severity with one pair is written twice (quick and slow).
            if !alerts.contains(&a) {
                alerts.push(a);
            }
        }
    }
    Ok(alerts)
}
