//! OpenSLO v1 documents: a Service, an SLO with its inline SLI, and per burn
//! alert an AlertCondition (`kind: burnrate`) and an AlertPolicy, plus one
//! AlertNotificationTarget per severity. Every document is valid against
//! `shared/schemas/openslo-v1` (checked by tests/schema).
//!
//! Where OpenSLO has no field, the value goes into `metadata.annotations`
//! under `slo-workbench.dev/…` so the importer can read it back. Latency and
//! availability SLIs are written as ratio metrics (good over total), which
//! says exactly what they count. An SLO without alerts is written with the
//! defaults the replay uses, one with its alerts switched off with no alert
//! policy (the `alert-preset` annotation keeps the choice); one budgeted by
//! RatioTimeslices, which the v1 schema cannot hold, is refused with the
//! reason. The header comment names what the file cannot hold
//! (`export::file_notes`).

use super::promql::{event_queries, WINDOW};
use super::yaml::{self, map, s, Y};
use super::{file_notes, ids, rounded, with_effective_alerts, ExportFile, ExportFormat, YAML};
use crate::model::{BudgetingMethod, CalendarUnit, EventKind, Project, Service, Slo, Span, Window};
use std::collections::BTreeMap;

/// Prefix of the annotations this exporter writes and the importer reads.
pub const ANNOTATION: &str = "slo-workbench.dev/";
const MAX_DESCRIPTION: usize = 1050;

pub fn export(project: &Project, slos: &[&Slo], base: &str) -> Result<Vec<ExportFile>, String> {
    let mut docs = Vec::new();
    let mut seen_services = Vec::new();
    let mut notes = vec!["OpenSLO v1 documents written by SLO Workbench.".to_string()];
    for slo in slos {
        notes.extend(file_notes(slo, ExportFormat::OpenSlo));
        let slo = with_effective_alerts(slo);
        let slo = &slo;
        let id = ids(slo);
        if !seen_services.contains(&id.service) {
            seen_services.push(id.service.clone());
            let service = project.services.iter().find(|s| s.name == slo.service);
            docs.push(service_doc(&id.service, &slo.service, service));
        }
        docs.extend(slo_docs(slo)?);
    }
    let header = yaml::comment(&notes.join("\n"));
    Ok(vec![ExportFile {
        name: format!("{base}.openslo.yaml"),
        mime: YAML,
        content: format!("{header}{}", yaml::documents(&docs)),
    }])
}

fn doc(kind: &str, metadata: Vec<(String, Y)>, spec: Vec<(String, Y)>) -> Y {
    map(vec![
        ("apiVersion", s("openslo/v1")),
        ("kind", s(kind)),
        ("metadata", Y::Map(metadata)),
        ("spec", Y::Map(spec)),
    ])
}

fn service_doc(name: &str, display: &str, service: Option<&Service>) -> Y {
    let mut meta = vec![("name".to_string(), s(name))];
    if !display.trim().is_empty() {
        meta.push(("displayName".into(), s(display)));
    }
    let mut spec = Vec::new();
    if let Some(svc) = service {
        let mut ann = Vec::new();
        if !svc.owner.is_empty() {
            ann.push((format!("{ANNOTATION}owner"), s(&svc.owner)));
        }
        if !svc.users.is_empty() {
            ann.push((format!("{ANNOTATION}users"), s(&svc.users)));
        }
        if svc.internal_only {
            ann.push((format!("{ANNOTATION}internal-only"), s("true")));
        }
        if !ann.is_empty() {
            meta.push(("annotations".into(), Y::Map(ann)));
        }
        if !svc.description.is_empty() {
            spec.push(("description".into(), s(truncate(&svc.description))));
        }
    }
    doc("Service", meta, spec)
}

/// OpenSLO descriptions hold at most 1050 characters.
fn truncate(text: &str) -> String {
    text.chars().take(MAX_DESCRIPTION).collect()
}

/// A label value OpenSLO accepts: 1 to 63 of `[A-Za-z0-9._-]`, alphanumeric first.
pub fn is_label_value(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 63
        && v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// OpenSLO's duration shorthand allows one unit: whole days, hours or
/// minutes, the largest that is exact (a window not in whole minutes is rounded up).
pub fn duration(span: Span) -> String {
    let secs = span.seconds().max(60);
    if secs.is_multiple_of(86_400) {
        format!("{}d", secs / 86_400)
    } else if secs.is_multiple_of(3600) {
        format!("{}h", secs / 3600)
    } else {
        format!("{}m", secs.div_ceil(60))
    }
}

fn slo_docs(slo: &Slo) -> Result<Vec<Y>, String> {
    let id = ids(slo);
    let (objective, method) = objective(slo)?;
    let mut spec = Vec::new();
    if !slo.description.is_empty() {
        spec.push(("description".to_string(), s(truncate(&slo.description))));
    }
    spec.push(("service".into(), s(&id.service)));
    spec.push(("indicator".into(), indicator(slo, &id)));
    spec.push(("timeWindow".into(), Y::Seq(vec![time_window(&slo.window)])));
    spec.push(("budgetingMethod".into(), s(method)));
    spec.push(("objectives".into(), Y::Seq(vec![Y::Map(objective)])));
    let (policies, alert_docs) = alert_docs(slo, &id);
    if !policies.is_empty() {
        spec.push(("alertPolicies".into(), Y::Seq(policies)));
    }
    let mut docs = vec![doc("SLO", metadata(slo, &id), spec)];
    docs.extend(alert_docs);
    Ok(docs)
}

/// The SLO's name, display name, labels that are valid label values, and
/// the workbench's own annotations (what OpenSLO has no field for).
fn metadata(slo: &Slo, id: &super::Ids) -> Vec<(String, Y)> {
    let mut meta = vec![("name".to_string(), s(&id.slo))];
    if !slo.name.trim().is_empty() {
        meta.push(("displayName".into(), s(&slo.name)));
    }
    let (valid, other): (BTreeMap<_, _>, BTreeMap<_, _>) =
        slo.labels.iter().partition(|(_, v)| is_label_value(v));
    if !valid.is_empty() {
        meta.push((
            "labels".into(),
            Y::Map(valid.into_iter().map(|(k, v)| (k.clone(), s(v))).collect()),
        ));
    }
    let mut ann: Vec<(String, Y)> = Vec::new();
    let mut note = |k: &str, v: String| ann.push((format!("{ANNOTATION}{k}"), s(v)));
    if !slo.journey.is_empty() {
        note("journey", slo.journey.clone());
    }
    if slo.id != id.slo {
        note("id", slo.id.clone());
    }
    note("commitment", serde_name(&slo.commitment));
    note("enforcement", serde_name(&slo.enforcement));
    if !slo.revisit.is_empty() {
        note("revisit", slo.revisit.clone());
    }
    if let Window::Calendar { unit, time_zone } = &slo.window {
        note("calendar-unit", serde_name(unit));
        note("time-zone", time_zone.clone());
    }
    note("alert-preset", serde_name(&slo.alerting.preset));
    if !slo.alerting.runbook_url.is_empty() {
        note("runbook-url", slo.alerting.runbook_url.clone());
    }
    if !other.is_empty() {
        note("labels", serde_json::to_string(&other).unwrap_or_default());
    }
    if let Some(record) = super::records::record_annotation(slo) {
        note("record", record);
    }
    meta.push(("annotations".into(), Y::Map(ann)));

    meta
}

/// The inline SLI: a ratio of two Prometheus queries.
fn indicator(slo: &Slo, id: &super::Ids) -> Y {
    let (counts, events, total) = event_queries(&slo.sli);
    let source = |q: String| {
        map(vec![(
            "metricSource",
            map(vec![
                ("type", s("Prometheus")),
                ("spec", map(vec![("query", s(q))])),
            ]),
        )])
    };
    let counter = !events.contains(WINDOW) && !total.contains(WINDOW);
    let ratio = map(vec![
        ("counter", Y::Bool(counter)),
        (
            if counts == EventKind::Good {
                "good"
            } else {
                "bad"
            },
            source(events),
        ),
        ("total", source(total)),
    ]);
    map(vec![
        (
            "metadata",
            map(vec![("name", s(format!("{}-sli", id.slo)))]),
        ),
        ("spec", map(vec![("ratioMetric", ratio)])),
    ])
}

/// An objective's fields and its budgeting method's name.
type Objective = (Vec<(String, Y)>, &'static str);

/// The objective and the budgeting method's name. The shared OpenSLO v1
/// schema knows Occurrences and Timeslices only, and neither is the mean of
/// per-slice ratios RatioTimeslices counts (Timeslices with a slice target
/// would count another budget), so such an SLO is refused with the reason
/// rather than rewritten (docs/conformance.md).
fn objective(slo: &Slo) -> Result<Objective, String> {
    let mut objective = vec![("target".to_string(), Y::Num(rounded(slo.target.ratio())))];
    if !slo.name.trim().is_empty() {
        objective.insert(0, ("displayName".into(), s(&slo.name)));
    }
    let method = match &slo.budgeting {
        BudgetingMethod::Occurrences => "Occurrences",
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => {
            objective.push(("timeSliceTarget".into(), Y::Num(rounded(*slice_target))));
            objective.push(("timeSliceWindow".into(), s(duration(*slice))));
            "Timeslices"
        }
        BudgetingMethod::RatioTimeslices { .. } => return Err(format!(
            "SLO \"{}\" budgets by RatioTimeslices (the mean of per-slice ratios), which the OpenSLO v1 schema cannot hold: it has only Occurrences and Timeslices, and either would count another budget; export this SLO in another format, or budget it by occurrences or time slices",
            slo.name
        )),
    };
    Ok((objective, method))
}

/// One AlertCondition, AlertPolicy and (per severity) AlertNotificationTarget
/// per burn-rate alert; returns the policy names for the SLO and the documents.
fn alert_docs(slo: &Slo, id: &super::Ids) -> (Vec<Y>, Vec<Y>) {
    let mut policies = Vec::new();
    let mut extra_docs = Vec::new();
    let mut targets_done = Vec::new();
    for a in &slo.alerting.alerts {
        let sev = a.severity.as_str();
        let name = format!(
            "{}-{sev}-{}-{}",
            prefix(&id.slo),
            duration(a.long),
            duration(a.short)
        );
        let target_name = format!("{}-{sev}", prefix(&id.slo));
        if !targets_done.contains(&target_name) {
            targets_done.push(target_name.clone());
            extra_docs.push(doc(
                "AlertNotificationTarget",
                vec![("name".into(), s(&target_name))],
                vec![
                    ("target".into(), s(sev)),
                    (
                        "description".into(),
                        s(format!("Route {sev} alerts of this SLO here")),
                    ),
                ],
            ));
        }
        extra_docs.push(doc(
            "AlertCondition",
            vec![
                ("name".into(), s(&name)),
                ("annotations".into(), map(vec![(format!("{ANNOTATION}short-window"), s(a.short.prometheus())), (format!("{ANNOTATION}long-window"), s(a.long.prometheus()))])),
            ],
            vec![
                (
                    "description".into(),
                    s(format!(
                        "Burn rate of {}x or more over {} (lookbackWindow) and over the short window {} (annotation {ANNOTATION}short-window); it waits for nothing but the next rule evaluation, so alertAfter is the schema's smallest, 1m",
                        crate::format::trim_zeros(a.factor, 6),
                        a.long.prometheus(),
                        a.short.prometheus()
                    )),
                ),
                ("severity".into(), s(sev)),
                (
                    "condition".into(),
                    map(vec![
                        ("kind", s("burnrate")),
                        ("op", s("gte")),
                        ("threshold", Y::Num(a.factor)),
                        ("lookbackWindow", s(duration(a.long))),
                        // A wait (Prometheus `for:`), not the short window;
                        // the schema requires one of at least a minute.
                        ("alertAfter", s("1m")),
                    ]),
                ),
            ],
        ));
        let policy = format!("{name}-policy");
        extra_docs.push(doc(
            "AlertPolicy",
            vec![("name".into(), s(&policy))],
            vec![
                ("alertWhenNoData".into(), Y::Bool(false)),
                ("alertWhenResolved".into(), Y::Bool(true)),
                ("alertWhenBreaching".into(), Y::Bool(true)),
                (
                    "conditions".into(),
                    Y::Seq(vec![map(vec![("conditionRef", s(&name))])]),
                ),
                (
                    "notificationTargets".into(),
                    Y::Seq(vec![map(vec![("targetRef", s(&target_name))])]),
                ),
            ],
        ));
        policies.push(s(policy));
    }
    (policies, extra_docs)
}

/// The SLO id shortened so derived names stay within 63 characters.
fn prefix(slo_id: &str) -> String {
    let p: String = slo_id.chars().take(40).collect();
    p.trim_end_matches('-').to_string()
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Rolling: `{duration, isRolling: true}`. Calendar: the period with a start
/// at a period boundary (2024-01-01 was a Monday) and an IANA zone.
fn time_window(w: &Window) -> Y {
    match w {
        Window::Rolling { span } => map(vec![
            ("duration", s(duration(*span))),
            ("isRolling", Y::Bool(true)),
        ]),
        Window::Calendar { unit, time_zone } => {
            let d = match unit {
                CalendarUnit::Week => "1w",
                CalendarUnit::Month => "1M",
                CalendarUnit::Quarter => "1Q",
            };
            map(vec![
                ("duration", s(d)),
                ("isRolling", Y::Bool(false)),
                (
                    "calendar",
                    map(vec![
                        ("startTime", s("2024-01-01 00:00:00")),
                        ("timeZone", s(iana_zone(time_zone))),
                    ]),
                ),
            ])
        }
    }
}

/// The schema wants `Area/City`; plain UTC is spelled `Etc/UTC`.
pub fn iana_zone(tz: &str) -> String {
    let t = tz.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") {
        "Etc/UTC".into()
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_one_unit_as_the_shorthand_requires() {
        assert_eq!(duration(Span::days(30)), "30d");
        assert_eq!(duration(Span::hours(6)), "6h");
        assert_eq!(duration(Span(5400)), "90m");
        assert_eq!(duration(Span(321)), "6m");
    }

    #[test]
    fn label_values_follow_the_schema_pattern() {
        assert!(is_label_value("payments-team"));
        assert!(!is_label_value("two words"));
        assert!(!is_label_value(""));
        assert!(!is_label_value(&"a".repeat(64)));
    }

    #[test]
    fn utc_is_written_as_an_iana_area_zone() {
        assert_eq!(iana_zone(""), "Etc/UTC");
        assert_eq!(iana_zone("Europe/Berlin"), "Europe/Berlin");
    }
}
