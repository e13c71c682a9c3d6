//! Pyrra parity: each indicator shape of Pyrra's published examples (our
//! own equivalents in tests/parity/pyrra) imports, exports Prometheus rules
//! (promtool checks them in tests/parity/run.sh) and writes back the same
//! Pyrra indicator; good/total SLIs are written as errors/total when the good
//! selector inverts, and refused with the reason when it does not.

use serde_norway::Value;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, Imported};
use slo_engine::model::{AlertPreset, EventKind, Project, Sli, Slo};

const SHAPES: [(&str, &str); 6] = [
    (
        "ratio",
        include_str!("../../../tests/parity/pyrra/ratio.yaml"),
    ),
    (
        "ratio-grouping",
        include_str!("../../../tests/parity/pyrra/ratio-grouping.yaml"),
    ),
    (
        "latency",
        include_str!("../../../tests/parity/pyrra/latency.yaml"),
    ),
    (
        "latency-native",
        include_str!("../../../tests/parity/pyrra/latency-native.yaml"),
    ),
    (
        "bool-gauge",
        include_str!("../../../tests/parity/pyrra/bool-gauge.yaml"),
    ),
    (
        "alerting-disabled",
        include_str!("../../../tests/parity/pyrra/alerting-disabled.yaml"),
    ),
];

fn text(name: &str) -> &'static str {
    SHAPES.iter().find(|(n, _)| *n == name).unwrap().1
}

fn shape(name: &str) -> Imported {
    import_spec(text(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn yaml(text: &str) -> Value {
    serde_norway::from_str(text).unwrap()
}

fn pyrra_doc(project: &Project) -> Value {
    let files = export(project, None, ExportFormat::Pyrra).unwrap();
    yaml(&files[0].content)
}

fn prometheus(project: &Project) -> String {
    export(project, None, ExportFormat::Prometheus).unwrap()[0]
        .content
        .clone()
}

#[test]
fn every_shape_writes_back_the_indicator_it_was_read_from() {
    for (name, text) in SHAPES {
        let source = yaml(text);
        let written = pyrra_doc(&shape(name).project);
        assert_eq!(
            written["spec"]["indicator"], source["spec"]["indicator"],
            "{name}"
        );
    }
}

#[test]
fn every_shape_exports_prometheus_rules_with_the_indicators_query() {
    // At the shortest of Pyrra's windows (window / 8064 to the minute): 1m for 7 d, 3m for 14 d, 5m for 28 d.
    for (name, want) in [
        ("ratio", "sum(rate(queue_publish_total{queue=\"orders\",result=~\"failed|timeout\"}[1m]))"),
        ("ratio-grouping", "sum by (service, method) (rate(rpc_server_handled_total{job=\"ledger\",code=~\"internal|unavailable|unknown\"}[3m]))"),
        ("latency", "sum(rate(upload_duration_seconds_bucket{job=\"uploader\",code!~\"5..\",le=\"0.8\"}[5m]))"),
        ("latency-native", "histogram_fraction(0, 0.35, sum by (route) (rate(render_duration_seconds{job=\"renderer\",status=\"ok\"}[3m])))"),
        ("bool-gauge", "sum by (instance) (sum_over_time(probe_success{module=\"http_2xx\"}[1m]))"),
    ] {
        let rules = prometheus(&shape(name).project);
        assert!(rules.contains(want), "{name}: {want} not in\n{rules}");
    }
}

#[test]
fn grouping_is_summed_by_in_every_query_and_kept_as_the_slos_grouping() {
    let imported = shape("ratio-grouping");
    let Sli::Ratio {
        events_query,
        total_query,
        ..
    } = &imported.project.slos[0].sli
    else {
        panic!("a ratio SLI");
    };
    for q in [events_query, total_query] {
        assert!(q.starts_with("sum by (service, method) (rate("), "{q}");
    }
    // The labels are the SLO's grouping, replayed per label set: no longer a limitation to note.
    assert_eq!(imported.project.slos[0].grouping, ["service", "method"]);
    assert!(
        !imported.unmapped.iter().any(|u| u.contains("grouping")),
        "{:?}",
        imported.unmapped
    );
    // The alerts keep every label but the window (`without`), so one fires per label set.
    let rules = prometheus(&imported.project);
    assert!(rules.contains("without (sloth_window)"));
}

#[test]
fn latency_native_reads_its_threshold_as_a_duration() {
    let Sli::Ratio {
        counts,
        total_query,
        ..
    } = &shape("latency-native").project.slos[0].sli
    else {
        panic!("a ratio SLI");
    };
    assert_eq!(*counts, EventKind::Good);
    assert_eq!(
        total_query,
        "histogram_count(sum by (route) (rate(render_duration_seconds{job=\"renderer\",status=\"ok\"}[{{.window}}])))"
    );
    let bad = text("latency-native").replace("350ms", "fast");
    let e = import_spec(&bad).unwrap_err();
    assert!(
        e[0].message.contains("latencyNative.latency \"fast\""),
        "{e:?}"
    );
}

#[test]
fn burn_rates_switched_off_stay_off_in_the_replay_and_every_export() {
    let imported = shape("alerting-disabled");
    let slo = &imported.project.slos[0];
    assert_eq!(slo.alerting.preset, AlertPreset::NoAlerts);
    assert!(slo.alerting.alerts.is_empty());
    assert!(slo.alerting.no_data.is_some(), "absent: true stays on");
    let pyrra = pyrra_doc(&imported.project);
    assert_eq!(
        pyrra["spec"]["alerting"]["burnrates"].as_bool(),
        Some(false)
    );
    assert_eq!(pyrra["spec"]["alerting"]["absent"].as_bool(), Some(true));
    // The Prometheus rules: the no-data alert and no burn-rate alert.
    let rules = prometheus(&imported.project);
    let alerts: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- alert: "))
        .collect();
    assert_eq!(alerts, ["NightlyExportSuccessNoData"]);
    assert!(rules.contains("has no burn-rate alerts (switched off)"));
    // And back: the Pyrra file reads as the same alerting.
    let files = export(&imported.project, None, ExportFormat::Pyrra).unwrap();
    let back = import_spec(&files[0].content).unwrap();
    assert_eq!(back.project.slos[0].alerting, slo.alerting);
}

#[test]
fn alerting_disabled_switches_off_the_absent_alert_too() {
    let text = text("alerting-disabled").replace(
        "    burnrates: false\n    absent: true\n",
        "    disabled: true\n",
    );
    let imported = import_spec(&text).unwrap();
    let slo = &imported.project.slos[0];
    assert_eq!(
        (slo.alerting.preset, slo.alerting.no_data),
        (AlertPreset::NoAlerts, None)
    );
    let pyrra = pyrra_doc(&imported.project);
    assert_eq!(
        pyrra["spec"]["alerting"]["burnrates"].as_bool(),
        Some(false)
    );
    assert_eq!(pyrra["spec"]["alerting"]["absent"].as_bool(), Some(false));
    assert!(!prometheus(&imported.project).contains("- alert: "));
}

fn good_ratio(good: &str, total: &str) -> Slo {
    Slo {
        sli: Sli::Ratio {
            counts: EventKind::Good,
            events_query: format!("sum(rate({good}[{{{{.window}}}}]))"),
            total_query: format!("sum(rate({total}[{{{{.window}}}}]))"),
        },
        ..Slo::default()
    }
}

fn pyrra_errors(slo: Slo) -> Result<String, String> {
    let project = Project {
        slos: vec![slo],
        ..Project::default()
    };
    export(&project, None, ExportFormat::Pyrra).map(|files| {
        yaml(&files[0].content)["spec"]["indicator"]["ratio"]["errors"]["metric"]
            .as_str()
            .unwrap()
            .to_string()
    })
}

#[test]
fn a_good_selector_with_one_invertible_matcher_is_written_as_errors() {
    for (good, errors) in [
        (r#"h{job="a",code!~"5.."}"#, r#"h{job="a",code=~"5.."}"#),
        (r#"h{job="a",code=~"2.."}"#, r#"h{job="a",code!~"2.."}"#),
        (r#"h{job="a",ok="true"}"#, r#"h{job="a",ok!="true"}"#),
        (r#"h{job="a",code!="500"}"#, r#"h{job="a",code="500"}"#),
    ] {
        assert_eq!(
            pyrra_errors(good_ratio(good, r#"h{job="a"}"#)).as_deref(),
            Ok(errors),
            "{good}"
        );
    }
}

#[test]
fn a_good_selector_that_cannot_be_inverted_is_refused_with_the_reason() {
    for (good, total, reason) in [
        (
            r#"h{job="a",code!~"5..",m="GET"}"#,
            r#"h{job="a"}"#,
            "adds 2 matchers",
        ),
        (
            r#"ok_total{job="a"}"#,
            r#"h{job="a"}"#,
            "come from ok_total",
        ),
        (r#"h{code!~"5.."}"#, r#"h{job="a"}"#, "job=\"a\" is not in"),
        (r#"h{job="a"}"#, r#"h{job="a"}"#, "adds 0 matchers"),
    ] {
        let e = pyrra_errors(good_ratio(good, total)).unwrap_err();
        assert!(
            e.contains("Pyrra's ratio indicator counts errors") && e.contains(reason),
            "{good}: {e}"
        );
    }
}

#[test]
fn an_slo_without_alerts_gets_the_replayed_defaults_in_the_pyrra_export_too() {
    let mut slo = Slo::default();
    slo.alerting.preset = AlertPreset::Custom;
    slo.alerting.alerts.clear();
    let project = Project {
        slos: vec![slo],
        ..Project::default()
    };
    let text = &export(&project, None, ExportFormat::Pyrra).unwrap()[0].content;
    assert!(text.contains("default burn-rate alerts were added (page 14.4x 1h/5m"));
    assert_eq!(
        yaml(text)["spec"]["alerting"]["burnrates"].as_bool(),
        Some(true)
    );
}

#[test]
fn pyrras_absent_alert_is_the_no_data_alert_replayed_and_exported() {
    // 99.5% over 7 d: 14 x 0.5% x 15 min = 63 s, plus Pyrra's `for` of 1 min: 2 min.
    let imported = shape("ratio");
    let no_data = imported.project.slos[0]
        .alerting
        .no_data
        .expect("absent is on by default");
    assert_eq!(no_data.after, slo_engine::model::Span::minutes(2));
    let rules = prometheus(&imported.project);
    assert!(
        rules.contains("alert: QueuePublishErrorsNoData")
            && rules.contains("sum(rate(queue_publish_total{queue=\"orders\"}[2m]))"),
        "{rules}"
    );
    assert_eq!(
        pyrra_doc(&imported.project)["spec"]["alerting"]["absent"].as_bool(),
        Some(true)
    );
    // Switched off in Pyrra: no no-data alert, and the export says absent: false.
    let off = import_spec(&format!(
        "{}  alerting:\n    absent: false\n",
        text("ratio")
    ))
    .unwrap();
    assert_eq!(off.project.slos[0].alerting.no_data, None);
    assert!(!prometheus(&off.project).contains("NoData"));
    assert_eq!(
        pyrra_doc(&off.project)["spec"]["alerting"]["absent"].as_bool(),
        Some(false)
    );
}

#[test]
fn the_pyrra_export_says_when_its_own_alert_tiers_are_not_the_replayed_ones() {
    const NOT_OURS: &str = "not the ones designed here";
    let imported = shape("latency");
    let from_pyrra = &export(&imported.project, None, ExportFormat::Pyrra).unwrap()[0];
    assert!(!from_pyrra.content.contains(NOT_OURS));
    let workbook = project_of(Slo::default());
    let from_workbook = &export(&workbook, None, ExportFormat::Pyrra).unwrap()[0];
    assert!(from_workbook.content.contains(NOT_OURS));
}

fn project_of(slo: Slo) -> Project {
    Project {
        slos: vec![slo],
        ..Project::default()
    }
}
