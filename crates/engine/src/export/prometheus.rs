//! Prometheus rule files in Sloth's shape: `slo:sli_error:ratio_rate<window>`
//! recording rules for every window the alerts use and the SLO window, the
//! metadata rules Sloth's Grafana dashboards read, and one multi-window
//! burn-rate alert per window pair.
//!
//! User text reaches three places: label values in PromQL matchers (quoted
//! by `promql::quote`), alert annotations (Go templates: `{{` is escaped by
//! `promql::template_literal`), and YAML (the `yaml` writer quotes). Queries
//! themselves are the team's PromQL and go in as typed.

use super::promql::{error_ratio, quote, template_literal, WINDOW};
use super::yaml::{self, map, s, Y};
use super::{ids, ratio_text, rule_windows, window_text, ExportFile, Ids, YAML};
use crate::alerting::{budget_spent_when_fired, threshold};
use crate::budget::{human_seconds, time_to_exhaustion};
use crate::format::trim_zeros;
use crate::model::{BurnAlert, Severity, Sli, Slo, Span};
use std::collections::BTreeMap;

pub fn export(slos: &[&Slo], base: &str) -> Result<Vec<ExportFile>, String> {
    let mut groups = Vec::new();
    for slo in slos {
        groups.extend(groups_for(slo)?);
    }
    let header = yaml::comment(
        "Prometheus rules written by SLO Workbench.\n\
         Recording rule names and labels follow Sloth's, so Sloth's Grafana dashboards work.\n\
         Check with: promtool check rules FILE",
    );
    let content = format!(
        "{header}{}",
        yaml::document(&map(vec![("groups", Y::Seq(groups))]))
    );
    Ok(vec![ExportFile {
        name: format!("{base}.rules.yml"),
        mime: YAML,
        content,
    }])
}

/// The three rule groups of one SLO: SLI recordings, metadata, alerts.
fn groups_for(slo: &Slo) -> Result<Vec<Y>, String> {
    check_queries(slo)?;
    let id = ids(slo);
    let extra = user_labels(slo);
    let windows = rule_windows(slo);

    let recordings: Vec<Y> = windows
        .iter()
        .map(|w| {
            let mut labels = sloth_labels(&id, &extra);
            labels.push(("sloth_window".into(), s(w.prometheus())));
            map(vec![
                ("record", s(rate_rule(*w))),
                ("expr", s(error_ratio(&slo.sli, *w))),
                ("labels", Y::Map(labels)),
            ])
        })
        .collect();

    let sel = matcher(&id);
    let b = ratio_text(slo.target.error_budget());
    let shortest = windows.first().copied().unwrap_or(Span::minutes(5));
    let period = slo.window.nominal();
    let meta_rule = |name: &str, expr: String| {
        map(vec![
            ("record", s(name)),
            ("expr", s(expr)),
            ("labels", Y::Map(sloth_labels(&id, &extra))),
        ])
    };
    let burn = |w: Span| {
        format!("{}{sel}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{sel}", rate_rule(w))
    };
    let mut info_labels = sloth_labels(&id, &extra);
    info_labels.push(("sloth_objective".into(), s(slo.target.to_string())));
    info_labels.push(("sloth_spec".into(), s("prometheus/v1")));
    info_labels.push(("sloth_mode".into(), s("slo-workbench")));
    let metadata = vec![
        meta_rule(
            "slo:objective:ratio",
            format!("vector({})", ratio_text(slo.target.ratio())),
        ),
        meta_rule("slo:error_budget:ratio", format!("vector({b})")),
        meta_rule(
            "slo:time_period:days",
            format!(
                "vector({})",
                trim_zeros(period.seconds() as f64 / 86_400.0, 6)
            ),
        ),
        meta_rule("slo:current_burn_rate:ratio", burn(shortest)),
        meta_rule("slo:period_burn_rate:ratio", burn(period)),
        meta_rule(
            "slo:period_error_budget_remaining:ratio",
            format!("1 - slo:period_burn_rate:ratio{sel}"),
        ),
        map(vec![
            ("record", s("sloth_slo_info")),
            ("expr", s("vector(1)")),
            ("labels", Y::Map(info_labels)),
        ]),
    ];

    let alerts: Vec<Y> = slo
        .alerting
        .alerts
        .iter()
        .map(|a| alert_rule(slo, &id, a))
        .collect();

    let mut groups = vec![
        map(vec![
            (
                "name",
                s(format!("sloth-slo-sli-recordings-{}", id.sloth_id)),
            ),
            ("rules", Y::Seq(recordings)),
        ]),
        map(vec![
            (
                "name",
                s(format!("sloth-slo-meta-recordings-{}", id.sloth_id)),
            ),
            ("rules", Y::Seq(metadata)),
        ]),
    ];
    if !alerts.is_empty() {
        groups.push(map(vec![
            ("name", s(format!("sloth-slo-alerts-{}", id.sloth_id))),
            ("rules", Y::Seq(alerts)),
        ]));
    }
    Ok(groups)
}

/// Ratio queries without `{{.window}}` would record the same value for every
/// window, so every burn-rate alert would compare one number with itself.
fn check_queries(slo: &Slo) -> Result<(), String> {
    if let Sli::Ratio {
        events_query,
        total_query,
        ..
    } = &slo.sli
    {
        for (what, q) in [("events", events_query), ("total", total_query)] {
            if q.trim().is_empty() {
                return Err(format!("SLO \"{}\": the {what} query is empty", slo.name));
            }
            if !q.contains(WINDOW) {
                return Err(format!(
                    "SLO \"{}\": the {what} query needs {WINDOW} where the rate window goes, e.g. rate(x[{WINDOW}])",
                    slo.name
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn rate_rule(w: Span) -> String {
    format!("slo:sli_error:ratio_rate{}", w.prometheus())
}

fn sloth_labels(id: &Ids, extra: &[(String, Y)]) -> Vec<(String, Y)> {
    let mut l = vec![
        ("sloth_id".to_string(), s(&id.sloth_id)),
        ("sloth_service".to_string(), s(&id.service)),
        ("sloth_slo".to_string(), s(&id.slo)),
    ];
    l.extend(extra.iter().cloned());
    l
}

/// `{sloth_id="…", sloth_service="…", sloth_slo="…"}` with PromQL-quoted values.
fn matcher(id: &Ids) -> String {
    format!(
        "{{sloth_id={}, sloth_service={}, sloth_slo={}}}",
        quote(&id.sloth_id),
        quote(&id.service),
        quote(&id.slo)
    )
}

/// The SLO's own labels with names made valid for Prometheus
/// (`[a-zA-Z_][a-zA-Z0-9_]*`, not `__`-reserved, not one of Sloth's).
fn user_labels(slo: &Slo) -> Vec<(String, Y)> {
    label_pairs(&slo.labels)
        .into_iter()
        .map(|(k, v)| (k, s(v)))
        .collect()
}

/// Labels as Prometheus (and Sloth, which validates them) accepts them:
/// names made valid, empty values dropped, first of two colliding names kept.
pub(crate) fn label_pairs(labels: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in labels {
        let mut name: String = k
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if name.is_empty()
            || name.starts_with(|c: char| c.is_ascii_digit())
            || name.starts_with("__")
        {
            name = format!("label_{}", name.trim_start_matches('_'));
        }
        if name.starts_with("sloth_")
            || matches!(
                name.as_str(),
                "severity" | "long_window" | "short_window" | "alertname"
            )
        {
            name = format!("slo_{name}");
        }
        if !v.is_empty() {
            out.entry(name).or_insert_with(|| v.clone());
        }
    }
    out.into_iter().collect()
}

/// CamelCase alert name from the SLO id: `checkout-availability` gives
/// `CheckoutAvailabilityBurnRatePage1hAnd5m`.
pub(crate) fn alert_name(slo_id: &str, a: &BurnAlert) -> String {
    let sev = match a.severity {
        Severity::Page => "Page",
        Severity::Ticket => "Ticket",
    };
    format!(
        "{}BurnRate{sev}{}And{}",
        camel(slo_id),
        a.long.prometheus(),
        a.short.prometheus()
    )
}

/// CamelCase of an id, starting with a letter as alert names must.
pub(crate) fn camel(slo_id: &str) -> String {
    let mut camel: String = slo_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect();
    if !camel.starts_with(|c: char| c.is_ascii_alphabetic()) {
        camel = format!("Slo{camel}");
    }
    camel
}

fn alert_rule(slo: &Slo, id: &Ids, a: &BurnAlert) -> Y {
    let sel = matcher(id);
    let threshold = format!(
        "({} * {})",
        trim_zeros(a.factor, 6),
        ratio_text(slo.target.error_budget())
    );
    let expr = format!(
        "(\n  max({}{sel} > {threshold}) without (sloth_window)\n  and\n  max({}{sel} > {threshold}) without (sloth_window)\n)",
        rate_rule(a.long),
        rate_rule(a.short)
    );
    let t = annotation_texts(slo, a);
    map(vec![
        ("alert", s(alert_name(&id.slo, a))),
        ("expr", s(expr)),
        (
            "labels",
            map(vec![
                ("severity", s(a.severity.as_str())),
                ("sloth_severity", s(a.severity.as_str())),
                ("long_window", s(a.long.prometheus())),
                ("short_window", s(a.short.prometheus())),
            ]),
        ),
        (
            "annotations",
            map(vec![
                ("summary", s(template_literal(&t.summary))),
                ("description", s(template_literal(&t.description))),
                ("runbook_url", s(template_literal(&t.runbook_url))),
            ]),
        ),
    ])
}

/// Alert annotations as they should read once Prometheus has rendered them.
pub struct AnnotationTexts {
    pub summary: String,
    pub description: String,
    pub runbook_url: String,
}

pub fn annotation_texts(slo: &Slo, a: &BurnAlert) -> AnnotationTexts {
    let service = if slo.service.trim().is_empty() {
        "(no service named)"
    } else {
        slo.service.as_str()
    };
    let b = slo.target.error_budget();
    let period = slo.window.nominal();
    let factor = trim_zeros(a.factor, 4);
    let (long, short) = (a.long.prometheus(), a.short.prometheus());
    let summary =
        format!("SLO \"{}\" of {service} is burning its error budget at {factor}x or more ({long} and {short} windows)", slo.name);
    let exhaustion = time_to_exhaustion(period, a.factor)
        .map(human_seconds)
        .unwrap_or_else(|| "never".into());
    let description = format!(
        "The error ratio of SLO \"{}\" (service {service}, target {}% over {}) is above {}% ({factor}x the {}% error budget) over both the last {long} and the last {short}. At {factor}x the whole budget is spent in {exhaustion}; {}% of it is gone by the time this alert fires.",
        slo.name,
        slo.target,
        window_text(&slo.window),
        trim_zeros(threshold(a, slo.target) * 100.0, 6),
        trim_zeros(b * 100.0, 6),
        trim_zeros(budget_spent_when_fired(a, period) * 100.0, 2),
    );
    let runbook_url = if slo.alerting.runbook_url.trim().is_empty() {
        "no runbook set yet: add its URL in the SLO Workbench alert designer".to_string()
    } else {
        slo.alerting.runbook_url.trim().to_string()
    };
    AnnotationTexts {
        summary,
        description,
        runbook_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbook_30d;

    #[test]
    fn alert_names_are_camel_case_and_name_severity_and_windows() {
        let a = workbook_30d()[0];
        assert_eq!(
            alert_name("checkout-availability", &a),
            "CheckoutAvailabilityBurnRatePage1hAnd5m"
        );
        assert_eq!(
            alert_name("99-latency", &workbook_30d()[3]),
            "Slo99LatencyBurnRateTicket3dAnd6h"
        );
    }

    #[test]
    fn the_page_alert_description_gives_the_worked_numbers() {
        let slo = Slo {
            name: "Checkout".into(),
            service: "shop".into(),
            ..Slo::default()
        };
        let t = annotation_texts(&slo, &workbook_30d()[0]);
        assert!(
            t.description
                .contains("above 1.44% (14.4x the 0.1% error budget)"),
            "{}",
            t.description
        );
        assert!(
            t.description.contains("spent in 2 d 2 h"),
            "{}",
            t.description
        );
        assert!(
            t.description.contains("2% of it is gone"),
            "{}",
            t.description
        );
    }

    #[test]
    fn label_names_are_made_valid_for_prometheus() {
        let mut slo = Slo::default();
        slo.labels.insert("team.name".into(), "x".into());
        slo.labels.insert("9lives".into(), "y".into());
        slo.labels.insert("sloth_id".into(), "z".into());
        let names: Vec<String> = user_labels(&slo).into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["label_9lives", "slo_sloth_id", "team_name"]);
    }

    #[test]
    fn a_ratio_query_without_the_window_placeholder_is_refused() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: crate::model::EventKind::Bad,
                events_query: "errors".into(),
                total_query: "total".into(),
            },
            ..Slo::default()
        };
        assert!(export(&[&slo], "x").unwrap_err().contains("{{.window}}"));
    }
}
