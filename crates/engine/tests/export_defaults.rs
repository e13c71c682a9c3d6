//! An SLO without alerts is replayed with default alerts
//! (`alerting::effective_alerts`); every export of it must hold the same
//! alerts and say that defaults were added. And the OpenSLO export stays
//! within the v1 schema: every reference resolves in the same file, and a
//! budgeting method the schema cannot hold is refused with the reason.

use serde_norway::Value;
use slo_engine::alerting::effective_alerts;
use slo_engine::export::{export, ExportFormat};
use slo_engine::model::{AlertPreset, BudgetingMethod, Project, Slo, Span, Window};

fn without_alerts(window: Span) -> Slo {
    let mut slo = Slo {
        window: Window::Rolling { span: window },
        ..Slo::default()
    };
    slo.alerting.preset = AlertPreset::Custom;
    slo.alerting.alerts.clear();
    slo
}

fn project(slo: Slo) -> Project {
    Project {
        slos: vec![slo],
        ..Project::default()
    }
}

fn docs(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect()
}

const NOTE: &str = "default burn-rate alerts were added";

#[test]
fn every_rule_format_says_defaults_were_added() {
    let p = project(without_alerts(Span::days(30)));
    for format in [
        ExportFormat::Prometheus,
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
        ExportFormat::OpenSlo,
    ] {
        let files = export(&p, None, format).unwrap();
        assert!(
            files.iter().any(|f| f.content.contains(NOTE)),
            "{format} does not say so"
        );
    }
}

#[test]
fn the_openslo_export_writes_one_alert_policy_per_replayed_alert() {
    let slo = without_alerts(Span::days(30));
    let (replayed, _) = effective_alerts(&slo);
    let text = &export(&project(slo), None, ExportFormat::OpenSlo).unwrap()[0].content;
    let all = docs(text);
    let conditions: Vec<&Value> = all
        .iter()
        .filter(|d| d["kind"].as_str() == Some("AlertCondition"))
        .collect();
    assert_eq!(conditions.len(), replayed.len());
    for (c, a) in conditions.iter().zip(&replayed) {
        assert_eq!(c["spec"]["severity"].as_str(), Some(a.severity.as_str()));
        assert_eq!(c["spec"]["condition"]["threshold"].as_f64(), Some(a.factor));
    }
}

#[test]
fn the_sloth_export_enables_the_severities_the_replay_alerts_on() {
    // A 7-day SLO with the 30-day Workbook defaults: not Sloth's built-in
    // windows, so an AlertWindows file says them.
    let p = project(without_alerts(Span::days(7)));
    let files = export(&p, None, ExportFormat::Sloth).unwrap();
    let spec = files
        .iter()
        .find(|f| f.name.ends_with(".sloth.yaml"))
        .unwrap();
    let v: Value = serde_norway::from_str(&spec.content).unwrap();
    for key in ["page_alert", "ticket_alert"] {
        assert_eq!(
            v["slos"][0]["alerting"][key]["disable"].as_bool(),
            Some(false),
            "{key}"
        );
    }
    let windows = files
        .iter()
        .find(|f| f.name == "alert-windows-7d.yaml")
        .unwrap();
    let w: Value = serde_norway::from_str(&windows.content).unwrap();
    // 14.4 x 1 h of a 168 h period: 8.571428571429% of the budget.
    assert_eq!(
        w["spec"]["page"]["quick"]["errorBudgetPercent"].as_f64(),
        Some(8.571428571429)
    );
}

#[test]
fn every_name_an_openslo_slo_references_is_a_document_of_the_same_file() {
    let mut slo = without_alerts(Span::days(28));
    slo.alerting.alerts = slo_engine::model::workbook_30d();
    slo.alerting.alerts.truncate(3);
    let text = &export(&project(slo), None, ExportFormat::OpenSlo).unwrap()[0].content;
    let all = docs(text);
    let named = |kind: &str| -> Vec<String> {
        all.iter()
            .filter(|d| d["kind"].as_str() == Some(kind))
            .map(|d| d["metadata"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    let slo = all
        .iter()
        .find(|d| d["kind"].as_str() == Some("SLO"))
        .unwrap();
    let policies: Vec<String> = slo["spec"]["alertPolicies"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("a bare name, as the schema allows")
                .to_string()
        })
        .collect();
    assert_eq!(policies.len(), 3);
    assert_eq!(policies, named("AlertPolicy"));
    for policy in all
        .iter()
        .filter(|d| d["kind"].as_str() == Some("AlertPolicy"))
    {
        let spec = &policy["spec"];
        let condition = spec["conditions"][0]["conditionRef"].as_str().unwrap();
        assert!(named("AlertCondition").contains(&condition.to_string()));
        let target = spec["notificationTargets"][0]["targetRef"]
            .as_str()
            .unwrap();
        assert!(named("AlertNotificationTarget").contains(&target.to_string()));
    }
    assert_eq!(slo["spec"]["budgetingMethod"].as_str(), Some("Occurrences"));
}

#[test]
fn ratio_timeslices_are_refused_by_the_openslo_export_with_the_reason() {
    let slo = Slo {
        budgeting: BudgetingMethod::RatioTimeslices {
            slice: Span::minutes(5),
        },
        ..Slo::default()
    };
    let e = export(&project(slo), None, ExportFormat::OpenSlo).unwrap_err();
    assert!(
        e.contains("RatioTimeslices") && e.contains("only Occurrences and Timeslices"),
        "{e}"
    );
}
