//! Pyrra `pyrra.dev/v1alpha1` `ServiceLevelObjective` objects, valid against
//! the CRD schema in `shared/schemas/pyrra` (checked by tests/schema).
//!
//! Pyrra wants metric selectors, not queries: ratio SLIs must be written as
//! `sum(rate(SELECTOR[{{.window}}]))` (or `increase`, or a bare selector),
//! latency SLIs become `_bucket{le=…}`/`_count`, availability a `bool_gauge`.
//! Pyrra picks its own burn-rate windows and has no calendar windows; both
//! are said in comments at the top of the file.

use super::openslo::is_label_value;
use super::promql::{counter_selector, is_plain_selector, le_value, quote, selector};
use super::yaml::{self, map, s, Y};
use super::{ids, ExportFile, YAML};
use crate::format::trim_zeros;
use crate::model::{AlertPreset, BudgetingMethod, EventKind, Sli, Slo, Window};

/// The label Pyrra copies onto generated rules; it carries the service.
pub const SERVICE_LABEL: &str = "pyrra.dev/service";

/// Annotation holding, as JSON, the labels Kubernetes would not accept as labels.
pub const LABELS_ANNOTATION: &str = "slo-workbench.dev/labels";
/// The annotation holding the SLO's agreement and change log (`records`).
pub const RECORD_ANNOTATION: &str = "slo-workbench.dev/record";

pub fn export(slos: &[&Slo], base: &str) -> Result<Vec<ExportFile>, String> {
    let mut docs = Vec::new();
    let mut notes = vec!["Pyrra ServiceLevelObjectives written by SLO Workbench.".to_string()];
    for slo in slos {
        let (doc, mut n) = slo_doc(slo)?;
        docs.push(doc);
        notes.append(&mut n);
    }
    let content = format!(
        "{}{}",
        yaml::comment(&notes.join("\n")),
        yaml::documents(&docs)
    );
    Ok(vec![ExportFile {
        name: format!("{base}.pyrra.yaml"),
        mime: YAML,
        content,
    }])
}

fn slo_doc(slo: &Slo) -> Result<(Y, Vec<String>), String> {
    let id = ids(slo);
    let mut notes = Vec::new();
    let indicator = match &slo.sli {
        Sli::Ratio { counts: EventKind::Good, .. } => {
            return Err(format!(
                "SLO \"{}\": Pyrra's ratio indicator counts errors; rewrite the SLI with a query of bad events",
                slo.name
            ))
        }
        Sli::Ratio { events_query, total_query, .. } => {
            let need = |q: &str, what: &str| {
                counter_selector(q).ok_or_else(|| {
                    format!(
                        "SLO \"{}\": Pyrra needs the {what} as a metric selector; write the query as sum(rate(metric{{...}}[{{{{.window}}}}]))",
                        slo.name
                    )
                })
            };
            map(vec![(
                "ratio",
                map(vec![
                    ("errors", map(vec![("metric", s(need(events_query, "errors")?))])),
                    ("total", map(vec![("metric", s(need(total_query, "total")?))])),
                ]),
            )])
        }
        Sli::Latency { threshold_seconds, histogram_metric, selector: sel } => {
            let le = format!("le={}", quote(&le_value(*threshold_seconds)));
            map(vec![(
                "latency",
                map(vec![
                    ("success", map(vec![("metric", s(selector(&format!("{histogram_metric}_bucket"), sel, &[le])))])),
                    ("total", map(vec![("metric", s(selector(&format!("{histogram_metric}_count"), sel, &[])))])),
                ]),
            )])
        }
        Sli::Availability { probe_query } => {
            if !is_plain_selector(probe_query) {
                return Err(format!("SLO \"{}\": Pyrra's bool_gauge needs a metric selector such as up{{job=\"api\"}}", slo.name));
            }
            map(vec![("bool_gauge", map(vec![("metric", s(probe_query.trim()))]))])
        }
    };
    if slo.budgeting != BudgetingMethod::Occurrences {
        notes.push(format!(
            "{}: Pyrra counts occurrences; the time-slice budgeting chosen here is not carried.",
            id.slo
        ));
    }
    if let Window::Calendar { .. } = slo.window {
        notes.push(format!(
            "{}: Pyrra has no calendar windows; written as a rolling {}.",
            id.slo,
            slo.window.nominal().prometheus()
        ));
    }
    if slo.alerting.preset != AlertPreset::PyrraScaled && !slo.alerting.alerts.is_empty() {
        notes.push(format!("{}: Pyrra generates its own window-scaled burn-rate alerts, not the ones designed here.", id.slo));
    }
    // Kubernetes label keys and values are short and plain; other labels
    // travel as one JSON annotation the importer reads back.
    let mut labels = vec![(SERVICE_LABEL.to_string(), s(&id.service))];
    let mut other = std::collections::BTreeMap::new();
    for (k, v) in &slo.labels {
        if is_label_value(v) && is_label_value(k) {
            labels.push((k.clone(), s(v)));
        } else {
            other.insert(k.clone(), v.clone());
        }
    }
    let mut metadata = vec![
        ("name".to_string(), s(&id.slo)),
        ("labels".to_string(), Y::Map(labels)),
    ];
    let mut annotations = Vec::new();
    if !other.is_empty() {
        let json = serde_json::to_string(&other).unwrap_or_default();
        annotations.push((LABELS_ANNOTATION.to_string(), s(json)));
    }
    // The agreement and change log, as OpenSLO carries them.
    if let Some(record) = super::records::record_annotation(slo) {
        annotations.push((RECORD_ANNOTATION.to_string(), s(record)));
    }
    if !annotations.is_empty() {
        metadata.push(("annotations".into(), Y::Map(annotations)));
    }
    let mut spec = Vec::new();
    if !slo.description.is_empty() {
        spec.push(("description".to_string(), s(&slo.description)));
    }
    spec.push(("target".into(), s(trim_zeros(slo.target.percent(), 10))));
    spec.push(("window".into(), s(slo.window.nominal().prometheus())));
    spec.push(("indicator".into(), indicator));
    let alerting = if slo.alerting.alerts.is_empty() {
        map(vec![("disabled", Y::Bool(true))])
    } else {
        map(vec![
            ("burnrates", Y::Bool(true)),
            ("absent", Y::Bool(true)),
        ])
    };
    spec.push(("alerting".into(), alerting));
    let doc = map(vec![
        ("apiVersion", s("pyrra.dev/v1alpha1")),
        ("kind", s("ServiceLevelObjective")),
        ("metadata", Y::Map(metadata)),
        ("spec", Y::Map(spec)),
    ]);
    Ok((doc, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_queries_must_reduce_to_selectors() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: EventKind::Bad,
                events_query: "sum by (x) (rate(e[5m]))".into(),
                total_query: "t".into(),
            },
            ..Slo::default()
        };
        assert!(export(&[&slo], "x")
            .unwrap_err()
            .contains("metric selector"));
    }

    #[test]
    fn good_event_ratios_are_refused_with_the_reason() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: EventKind::Good,
                events_query: "g".into(),
                total_query: "t".into(),
            },
            ..Slo::default()
        };
        assert!(export(&[&slo], "x").unwrap_err().contains("counts errors"));
    }

    #[test]
    fn the_default_slo_becomes_a_ratio_indicator_with_a_percent_string_target() {
        let files = export(&[&Slo::default()], "x").unwrap();
        let v: serde_norway::Value = serde_norway::from_str(&files[0].content).unwrap();
        assert_eq!(v["spec"]["target"].as_str(), Some("99.9"));
        assert_eq!(v["spec"]["window"].as_str(), Some("30d"));
        assert_eq!(
            v["spec"]["indicator"]["ratio"]["errors"]["metric"].as_str(),
            Some("http_requests_total{code=~\"5..\"}")
        );
    }
}
