//! Pyrra `ServiceLevelObjective` import: ratio, latency, latencyNative and
//! bool_gauge indicators, with `grouping` as `sum by` in the queries and as the
//! SLO's `grouping`, replayed per label set (the
//! shapes are `export::pyrra`'s); Pyrra's own window-scaled burn-rate alerts
//! become the workbench's `PyrraScaled` preset (`alerting::preset_alerts`).

use super::{
    at, ensure_service, extra_keys, number_at, percent_target, str_at, string_entries, Doc,
    Imported,
};
use crate::alerting::preset_alerts;
use crate::diag::Diagnostic;
use crate::export::promql::{is_plain_selector, split_matchers, split_selector, unquote};
use crate::export::pyrra::{
    absent_after, bool_gauge_sli, native_latency_sli, parse_go_duration, sum_rate,
    LABELS_ANNOTATION, RECORD_ANNOTATION, SERVICE_LABEL,
};
use crate::guards::NoDataAlert;
use crate::model::{
    AlertConfig, AlertPreset, EventKind, Service, Severity, Sli, Slo, Span, Window,
};
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
    let (sli, grouping) = indicator(ind)?;
    let mut labels = std::collections::BTreeMap::new();
    let mut service = String::new();
    let mut record = None;
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
        if k == RECORD_ANNOTATION {
            record = Some(val);
        } else if k == LABELS_ANNOTATION {
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
    // Burn-rate alerts off: the SLO has none, and the replay fires none.
    let preset = if flag("disabled", false) || !flag("burnrates", true) {
        AlertPreset::NoAlerts
    } else {
        AlertPreset::PyrraScaled
    };
    let alerts = preset_alerts(preset, window).unwrap_or_default();
    // Pyrra's absent-metric alert (on unless switched off) is the no-data alert, after Pyrra's delay.
    let no_data = (flag("absent", true) && !flag("disabled", false)).then(|| NoDataAlert {
        after: absent_after(target, window),
        severity: Severity::Page,
    });
    if let Some(n) = no_data {
        un.push(format!("{here}: spec.alerting.absent: Pyrra's absent-metric alert is the workbench's no-data alert, paging after {} without data (Pyrra's delay for this target and window); the Prometheus rules and the replay hold it", n.after.prometheus()));
    }
    extra_keys(
        alerting,
        &["disabled", "burnrates", "absent"],
        &format!("{here}: spec.alerting"),
        "Pyrra alert names and severities are not part of the workbench model; left out",
        un,
    );

    let mut slo = Slo {
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
        // Kept per label set: the queries sum by these labels and the replay runs per set.
        grouping: grouping.map(|(_, labels)| labels).unwrap_or_default(),
        target,
        window: Window::Rolling { span: window },
        alerting: AlertConfig {
            preset,
            alerts,
            runbook_url: String::new(),
            no_data,
            ..AlertConfig::default()
        },
        labels,
        ..Slo::default()
    };
    if let Some(json) = record {
        if let Err(e) = crate::export::records::read_record_annotation(&mut slo, &json) {
            un.push(format!(
                "{here}: metadata.annotations.{RECORD_ANNOTATION}: {e}; left out"
            ));
        }
    }
    Ok(slo)
}

/// The indicator kind and its grouping labels, when it has any.
type Grouping = Option<(&'static str, Vec<String>)>;

/// `spec.indicator` as an SLI: ratio, latency, latencyNative or bool_gauge,
/// with `grouping` as `sum by` in the queries (`export::pyrra` shapes).
fn indicator(ind: &Value) -> Result<(Sli, Grouping), String> {
    let metric = |path: &[&str]| {
        str_at(ind, path)
            .map(str::trim)
            .ok_or_else(|| format!("spec.indicator.{} is required", path.join(".")))
    };
    let grouping_of = |kind: &'static str| -> Result<Vec<String>, String> {
        let Some(g) = at(ind, &[kind, "grouping"]) else {
            return Ok(Vec::new());
        };
        let labels = g
            .as_sequence()
            .map(|items| {
                items
                    .iter()
                    .map(|l| l.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
            })
            .unwrap_or(None)
            .ok_or_else(|| {
                format!("spec.indicator.{kind}.grouping must be a list of label names")
            })?;
        match labels
            .iter()
            .find(|l| l.is_empty() || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            Some(bad) => Err(format!(
                "spec.indicator.{kind}.grouping: \"{bad}\" is not a Prometheus label name"
            )),
            None => Ok(labels),
        }
    };
    let with = |kind: &'static str, sli: Sli, grouping: Vec<String>| {
        let g = (!grouping.is_empty()).then_some((kind, grouping));
        (sli, g)
    };
    if at(ind, &["ratio"]).is_some() {
        let g = grouping_of("ratio")?;
        let sli = Sli::Ratio {
            counts: EventKind::Bad,
            events_query: sum_rate(metric(&["ratio", "errors", "metric"])?, &g),
            total_query: sum_rate(metric(&["ratio", "total", "metric"])?, &g),
        };
        Ok(with("ratio", sli, g))
    } else if at(ind, &["latency"]).is_some() {
        let g = grouping_of("latency")?;
        let success = metric(&["latency", "success", "metric"])?;
        let total = metric(&["latency", "total", "metric"])?;
        let sli = latency(success, total)?;
        let sli = if g.is_empty() {
            sli
        } else {
            // The latency SLI has no grouping: the same bucket and count, summed by the labels.
            Sli::Ratio {
                counts: EventKind::Good,
                events_query: sum_rate(success, &g),
                total_query: sum_rate(total, &g),
            }
        };
        Ok(with("latency", sli, g))
    } else if at(ind, &["latencyNative"]).is_some() {
        let g = grouping_of("latencyNative")?;
        let text = metric(&["latencyNative", "latency"])?;
        let threshold = parse_go_duration(text).ok_or_else(|| {
            format!("spec.indicator.latencyNative.latency \"{text}\" must be a duration such as 200ms or 1s")
        })?;
        let total = metric(&["latencyNative", "total", "metric"])?;
        if !is_plain_selector(total) {
            return Err(format!(
                "spec.indicator.latencyNative.total.metric \"{total}\" must be a metric selector"
            ));
        }
        Ok(with(
            "latencyNative",
            native_latency_sli(total, threshold, &g),
            g,
        ))
    } else if at(ind, &["bool_gauge"]).is_some() {
        let g = grouping_of("bool_gauge")?;
        let probe = metric(&["bool_gauge", "metric"])?;
        let sli = if g.is_empty() {
            Sli::Availability {
                probe_query: probe.to_string(),
            }
        } else {
            bool_gauge_sli(probe, &g)
        };
        Ok(with("bool_gauge", sli, g))
    } else {
        Err("spec.indicator needs ratio, latency, latencyNative or bool_gauge".into())
    }
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
