//! Pyrra `ServiceLevelObjective` import: ratio, latency and bool_gauge
//! indicators; Pyrra's own window-scaled burn-rate alerts become the
//! workbench's `PyrraScaled` preset (`alerting::preset_alerts`).

use super::{
    at, ensure_service, extra_keys, number_at, percent_target, str_at, string_entries, Doc,
    Imported,
};
use crate::alerting::preset_alerts;
use crate::diag::Diagnostic;
use crate::export::promql::{split_matchers, split_selector, unquote, WINDOW};
use crate::export::pyrra::{LABELS_ANNOTATION, SERVICE_LABEL};
use crate::model::{AlertConfig, AlertPreset, EventKind, Service, Sli, Slo, Span, Window};
use serde_norway::Value;

pub(crate) fn import(doc: &Doc, out: &mut Imported, errors: &mut Vec<Diagnostic>) {
    match slo(&doc.value, out) {
        Ok(s) => {
            ensure_service(
                &mut out.project,
                Service {
                    name: s.service.clone(),
                    ..Service::default()
                },
            );
            out.project.slos.push(s);
        }
        Err(m) => errors.push(Diagnostic::error(
            doc.line,
            format!("Pyrra ServiceLevelObjective: {m}"),
        )),
    }
}

fn slo(v: &Value, out: &mut Imported) -> Result<Slo, String> {
    let name = str_at(v, &["metadata", "name"]).ok_or("needs metadata.name")?;
    let here = format!("ServiceLevelObjective {name}");
    let un = &mut out.unmapped;
    extra_keys(
        at(v, &["metadata"]),
        &["name", "labels", "annotations"],
        &format!("{here}: metadata"),
        "not part of the workbench model; left out",
        un,
    );
    extra_keys(
        at(v, &["spec"]),
        &["description", "target", "window", "indicator", "alerting"],
        &format!("{here}: spec"),
        "not part of the workbench model; left out",
        un,
    );

    let percent = number_at(v, &["spec", "target"])
        .ok_or("spec.target is required (a percent such as \"99.9\")")?;
    let target = percent_target(percent).map_err(|m| format!("spec.target {percent}: {m}"))?;
    let window =
        Span::parse(str_at(v, &["spec", "window"]).ok_or("spec.window is required (such as 28d)")?)
            .map_err(|e| format!("spec.window: {e}"))?;

    let ind = at(v, &["spec", "indicator"]).ok_or("spec.indicator is required")?;
    for kind in ["ratio", "latency", "bool_gauge", "latencyNative"] {
        if at(ind, &[kind, "grouping"]).is_some() {
            un.push(format!("{here}: spec.indicator.{kind}.grouping: one SLO per group is not part of the workbench model; left out"));
        }
    }
    let metric = |path: &[&str]| {
        str_at(ind, path)
            .map(str::trim)
            .ok_or_else(|| format!("spec.indicator.{} is required", path.join(".")))
    };
    let sli = if at(ind, &["ratio"]).is_some() {
        Sli::Ratio {
            counts: EventKind::Bad,
            events_query: format!(
                "sum(rate({}[{WINDOW}]))",
                metric(&["ratio", "errors", "metric"])?
            ),
            total_query: format!(
                "sum(rate({}[{WINDOW}]))",
                metric(&["ratio", "total", "metric"])?
            ),
        }
    } else if at(ind, &["latency"]).is_some() {
        latency(
            metric(&["latency", "success", "metric"])?,
            metric(&["latency", "total", "metric"])?,
        )?
    } else if at(ind, &["bool_gauge"]).is_some() {
        Sli::Availability {
            probe_query: metric(&["bool_gauge", "metric"])?.to_string(),
        }
    } else if at(ind, &["latencyNative"]).is_some() {
        return Err("spec.indicator.latencyNative (native histograms) is not supported; use a classic histogram latency indicator".into());
    } else {
        return Err("spec.indicator needs ratio, latency or bool_gauge".into());
    };

    let mut labels = std::collections::BTreeMap::new();
    let mut service = String::new();
    for (k, val) in string_entries(
        at(v, &["metadata", "labels"]),
        &format!("{here}: metadata.labels"),
        un,
    ) {
        if k == SERVICE_LABEL {
            service = val;
        } else {
            labels.insert(k, val);
        }
    }
    for (k, val) in string_entries(
        at(v, &["metadata", "annotations"]),
        &format!("{here}: metadata.annotations"),
        un,
    ) {
        if k == LABELS_ANNOTATION {
            match serde_json::from_str::<std::collections::BTreeMap<String, String>>(&val) {
                Ok(more) => labels.extend(more),
                Err(_) => un.push(format!(
                    "{here}: metadata.annotations.{k}: not a JSON object of strings; left out"
                )),
            }
        } else {
            un.push(format!(
                "{here}: metadata.annotations.{k}: not part of the workbench model; left out"
            ));
        }
    }

    let alerting = at(v, &["spec", "alerting"]);
    let flag = |k: &str, default: bool| {
        alerting
            .and_then(|a| at(a, &[k]))
            .and_then(Value::as_bool)
            .unwrap_or(default)
    };
    let alerts = if flag("disabled", false) || !flag("burnrates", true) {
        Vec::new()
    } else {
        preset_alerts(AlertPreset::PyrraScaled, window).unwrap_or_default()
    };
    extra_keys(
        alerting,
        &["disabled", "burnrates", "absent"],
        &format!("{here}: spec.alerting"),
        "Pyrra alert names and severities are not part of the workbench model; left out",
        un,
    );

    Ok(Slo {
        id: name.to_string(),
        name: name.to_string(),
        service: if service.is_empty() {
            "service".into()
        } else {
            service
        },
        description: str_at(v, &["spec", "description"])
            .unwrap_or("")
            .to_string(),
        sli,
        target,
        window: Window::Rolling { span: window },
        alerting: AlertConfig {
            preset: AlertPreset::PyrraScaled,
            alerts,
            runbook_url: String::new(),
            ..AlertConfig::default()
        },
        labels,
        ..Slo::default()
    })
}

/// `h_bucket{…,le="0.3"}` and `h_count{…}` into a latency SLI.
fn latency(success: &str, total: &str) -> Result<Sli, String> {
    let bad = || {
        format!("latency success metric \"{success}\" must be NAME_bucket{{...,le=\"SECONDS\"}}")
    };
    let (name, matchers) = split_selector(success).ok_or_else(bad)?;
    let histogram = name.strip_suffix("_bucket").ok_or_else(bad)?;
    let mut le = None;
    let mut rest = Vec::new();
    for m in split_matchers(matchers) {
        match m.strip_prefix("le=") {
            Some(val) => le = unquote(val).and_then(|s| s.parse::<f64>().ok()),
            None => rest.push(m),
        }
    }
    let threshold_seconds = le.filter(|t| t.is_finite() && *t > 0.0).ok_or_else(bad)?;
    let total_name = split_selector(total)
        .map(|(n, _)| n)
        .unwrap_or(total.trim());
    if total_name != format!("{histogram}_count") {
        return Err(format!(
            "latency total metric \"{total}\" must be {histogram}_count{{...}}"
        ));
    }
    Ok(Sli::Latency {
        threshold_seconds,
        histogram_metric: histogram.to_string(),
        selector: rest.join(","),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_metrics_must_name_bucket_and_count_of_one_histogram() {
        assert!(latency("h_bucket{le=\"0.3\"}", "h_count").is_ok());
        assert!(latency("h_bucket{job=\"a\"}", "h_count").is_err());
        assert!(latency("h_bucket{le=\"0.3\"}", "g_count").is_err());
    }
}
