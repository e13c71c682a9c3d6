//! OpenSLO v1 as its README documents it, on our own files in
//! tests/conformance/openslo/ (one per shape): every form is read as written,
//! and what the model cannot hold is refused or listed by name, never
//! rewritten into something else.

use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, Imported};
use slo_engine::model::{BudgetingMethod, BurnAlert, Severity, Span};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/conformance/openslo/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(text: &str) -> Imported {
    import_spec(text).unwrap_or_else(|e| panic!("{e:?}"))
}

fn refusal(text: &str) -> String {
    match import_spec(text) {
        Ok(_) => panic!("imported, but should be refused"),
        Err(e) => e
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn listed(imported: &Imported, needle: &str) -> bool {
    imported.unmapped.iter().any(|u| u.contains(needle))
}

#[test]
fn an_alert_policy_ref_brings_its_condition_and_the_wait_is_listed_not_made_a_window() {
    let imported = import(&fixture("policy-ref.yaml"));
    let slo = &imported.project.slos[0];
    // lookbackWindow 1h, and the short window the Workbook pairs with it (1h / 12).
    assert_eq!(
        slo.alerting.alerts,
        [BurnAlert {
            severity: Severity::Page,
            long: Span::hours(1),
            short: Span::minutes(5),
            factor: 14.4,
        }]
    );
    assert!(
        listed(&imported, "alertAfter 2m: a wait before alerting"),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn the_exported_rules_alert_on_the_policy_the_file_names() {
    let imported = import(&fixture("policy-ref.yaml"));
    let files = export(&imported.project, None, ExportFormat::Prometheus).unwrap();
    let rules = &files[0].content;
    assert_eq!(rules.matches("- alert: ").count(), 1, "{rules}");
    assert!(
        rules.contains("alert: OrdersAvailabilityBurnRatePage1hAnd5m"),
        "{rules}"
    );
    assert!(!rules.contains("has no alerts"), "{rules}");
}

#[test]
fn an_inline_alert_policy_and_condition_are_read_and_alert_when_resolved_false_is_listed() {
    let imported = import(&fixture("inline-policy.yaml"));
    let slo = &imported.project.slos[0];
    assert_eq!(
        slo.alerting.alerts,
        [BurnAlert {
            severity: Severity::Ticket,
            long: Span::days(1),
            short: Span::hours(2),
            factor: 3.0,
        }]
    );
    assert!(
        listed(&imported, "alertWhenResolved: false"),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn an_operator_below_the_threshold_and_an_unknown_severity_are_refused_by_name() {
    let imported = import(&fixture("unreadable-conditions.yaml"));
    assert!(imported.project.slos[0].alerting.alerts.is_empty());
    assert!(listed(&imported, "op lte"), "{:?}", imported.unmapped);
    assert!(
        listed(&imported, "severity \"sev1\""),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn a_top_level_list_of_documents_reads_like_separate_documents() {
    let imported = import(&fixture("list-of-documents.yaml"));
    assert_eq!(imported.project.slos.len(), 1);
    assert_eq!(imported.project.services[0].description, "Monthly reports");
}

#[test]
fn a_number_time_slice_window_is_minutes() {
    let imported = import(&fixture("list-of-documents.yaml"));
    assert_eq!(
        imported.project.slos[0].budgeting,
        BudgetingMethod::Timeslices {
            slice: Span::minutes(5),
            slice_target: 0.95,
        }
    );
}

#[test]
fn good_bad_and_total_together_are_refused() {
    let text = fixture("policy-ref.yaml").replace(
        "        bad:\n",
        "        good:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: sum(rate(ok_total[{{.window}}]))\n        bad:\n",
    );
    assert!(refusal(&text).contains("good, bad and total"));
}

#[test]
fn target_and_target_percent_together_are_refused() {
    let text = fixture("policy-ref.yaml").replace(
        "    - target: 0.999\n",
        "    - target: 0.999\n      targetPercent: 99.9\n",
    );
    assert!(refusal(&text).contains("both target and targetPercent"));
}

#[test]
fn a_missing_budgeting_method_is_reported_not_silently_occurrences() {
    let text = fixture("policy-ref.yaml").replace("  budgetingMethod: Occurrences\n", "");
    let imported = import(&text);
    assert!(
        listed(&imported, "spec.budgetingMethod missing"),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn a_threshold_metric_is_refused_naming_the_field_and_why() {
    let why = refusal(&fixture("threshold-metric.yaml"));
    assert!(
        why.contains("SLO checkout-latency: indicator thresholdMetric is not supported"),
        "{why}"
    );
    assert!(
        why.contains("the workbench counts good and total events"),
        "{why}"
    );
    assert!(why.contains("write it as a ratioMetric"), "{why}");
}
