//! Sloth parity: each shape of Sloth's published examples (our own
//! equivalents in tests/parity/sloth) imports, and exports Prometheus rules
//! with Sloth's recording windows and burn thresholds and a Sloth spec that
//! reads back the same. `scripts/check_exports.sh` runs promtool on the same
//! files (tests/parity/run.sh).

use serde_norway::Value;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, Imported};
use slo_engine::model::{AlertPreset, Sli};

const SHAPES: [(&str, &str); 6] = [
    (
        "getting-started",
        include_str!("../../../tests/parity/sloth/getting-started.yml"),
    ),
    (
        "home-wifi",
        include_str!("../../../tests/parity/sloth/home-wifi.yml"),
    ),
    (
        "kubernetes-apiserver",
        include_str!("../../../tests/parity/sloth/kubernetes-apiserver.yml"),
    ),
    (
        "multifile",
        include_str!("../../../tests/parity/sloth/multifile.yml"),
    ),
    (
        "no-alerts",
        include_str!("../../../tests/parity/sloth/no-alerts.yml"),
    ),
    (
        "raw-home-wifi",
        include_str!("../../../tests/parity/sloth/raw-home-wifi.yml"),
    ),
];

fn shape(name: &str) -> Imported {
    let text = SHAPES.iter().find(|(n, _)| *n == name).unwrap().1;
    import_spec(text).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn rules(imported: &Imported) -> Value {
    let files = export(&imported.project, None, ExportFormat::Prometheus).unwrap();
    serde_norway::from_str(&files[0].content).unwrap()
}

/// Every rule of the groups whose name starts with `prefix`.
fn rules_in<'a>(rules: &'a Value, prefix: &str) -> Vec<&'a Value> {
    rules["groups"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|g| g["name"].as_str().unwrap().starts_with(prefix))
        .flat_map(|g| g["rules"].as_sequence().unwrap())
        .collect()
}

fn windows_recorded(rules: &Value, sloth_id: &str) -> Vec<String> {
    rules_in(rules, &format!("sloth-slo-sli-recordings-{sloth_id}"))
        .iter()
        .map(|r| r["labels"]["sloth_window"].as_str().unwrap().to_string())
        .collect()
}

const SLOTH_WINDOWS: [&str; 7] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

#[test]
fn every_shape_imports_and_records_sloths_seven_windows_per_slo() {
    for (name, _) in SHAPES {
        let imported = shape(name);
        let rules = rules(&imported);
        for slo in &imported.project.slos {
            let sloth_id = format!("{}-{}", slo.service, slo.name);
            assert_eq!(
                windows_recorded(&rules, &sloth_id),
                SLOTH_WINDOWS,
                "{name}: {sloth_id}"
            );
            let period = rules_in(&rules, &format!("sloth-slo-period-recordings-{sloth_id}"));
            assert!(
                period
                    .iter()
                    .any(|r| r["record"].as_str() == Some("slo:sli_error:ratio_rate30d")),
                "{name}: {sloth_id} has no 30d period ratio"
            );
        }
    }
}

#[test]
fn burn_thresholds_are_sloths_factors_times_the_budget() {
    // 99.5% leaves 0.005: page 14.4x over 1h/5m and 6x over 6h/30m,
    // ticket 3x over 1d/2h and 1x over 3d/6h, as Sloth writes for 30 days.
    let rules = rules(&shape("getting-started"));
    let alerts = rules_in(&rules, "sloth-slo-alerts-orders-orders-api-errors");
    let got: Vec<(String, String, String, bool)> = alerts
        .iter()
        .map(|a| {
            let l = &a["labels"];
            let expr = a["expr"].as_str().unwrap();
            let factor = match l["long_window"].as_str().unwrap() {
                "1h" => "14.4",
                "6h" => "6",
                "1d" => "3",
                _ => "1",
            };
            (
                l["severity"].as_str().unwrap().to_string(),
                l["long_window"].as_str().unwrap().to_string(),
                l["short_window"].as_str().unwrap().to_string(),
                expr.matches(&format!("> ({factor} * 0.005)")).count() == 2,
            )
        })
        .collect();
    let want = [
        ("page", "1h", "5m"),
        ("page", "6h", "30m"),
        ("ticket", "1d", "2h"),
        ("ticket", "3d", "6h"),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
        assert!(g.3, "threshold of {w:?}");
    }
}

#[test]
fn the_same_slo_name_in_two_services_gets_two_ids_and_keeps_its_sloth_name() {
    let imported = shape("multifile");
    let ids: Vec<&str> = imported
        .project
        .slos
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["api-availability", "invoicing-api-availability"]);
    assert!(imported
        .project
        .slos
        .iter()
        .all(|s| s.name == "api-availability"));
    assert!(
        imported
            .unmapped
            .iter()
            .any(|u| u.contains("\"invoicing-api-availability\"")),
        "{:?}",
        imported.unmapped
    );
    // Sloth's own ids in the rules: service plus name.
    let rules = rules(&imported);
    for sloth_id in ["billing-api-availability", "invoicing-api-availability"] {
        assert_eq!(windows_recorded(&rules, sloth_id), SLOTH_WINDOWS);
    }
    // The Sloth export writes the name back, one spec per service.
    let files = export(&imported.project, None, ExportFormat::Sloth).unwrap();
    assert_eq!(files.len(), 2);
    for f in &files {
        let v: Value = serde_norway::from_str(&f.content).unwrap();
        assert_eq!(v["slos"][0]["name"].as_str(), Some("api-availability"));
    }
    let text: String = files
        .iter()
        .map(|f| format!("---\n{}", f.content))
        .collect();
    let back = import_spec(&text).unwrap();
    assert_eq!(back.project.slos[1].id, "invoicing-api-availability");
    assert_eq!(back.project.slos[1].target, imported.project.slos[1].target);
}

#[test]
fn alerts_disabled_record_every_window_and_write_no_alert_rule() {
    let imported = shape("no-alerts");
    let slo = &imported.project.slos[0];
    assert_eq!(slo.alerting.preset, AlertPreset::NoAlerts);
    assert!(
        !imported.unmapped.iter().any(|u| u.contains("alerting")),
        "{:?}",
        imported.unmapped
    );
    let files = export(&imported.project, None, ExportFormat::Prometheus).unwrap();
    assert!(files[0].content.contains(
        "has no burn-rate alerts (switched off): no burn-rate alert rule is written, and nobody is paged; its SLI is recorded over 5m, 30m, 1h, 2h, 6h, 1d, 3d"
    ));
    let rules: Value = serde_norway::from_str(&files[0].content).unwrap();
    assert_eq!(
        windows_recorded(&rules, "search-query-availability"),
        SLOTH_WINDOWS
    );
    assert!(rules_in(&rules, "sloth-slo-alerts-").is_empty());
    // The dashboards' figures are still there.
    let meta = rules_in(&rules, "sloth-slo-meta-recordings-");
    assert!(meta
        .iter()
        .any(|r| r["record"].as_str() == Some("slo:current_burn_rate:ratio")));
}

#[test]
fn alerts_disabled_write_back_as_both_alerts_disabled() {
    let imported = shape("no-alerts");
    let files = export(&imported.project, None, ExportFormat::Sloth).unwrap();
    let v: Value = serde_norway::from_str(&files[0].content).unwrap();
    for key in ["page_alert", "ticket_alert"] {
        assert_eq!(
            v["slos"][0]["alerting"][key]["disable"].as_bool(),
            Some(true),
            "{key}"
        );
    }
    let back = import_spec(&files[0].content).unwrap();
    assert_eq!(
        back.project.slos[0].alerting,
        imported.project.slos[0].alerting
    );
}

#[test]
fn a_raw_error_ratio_is_recorded_as_written_and_exported_back_as_raw() {
    let imported = shape("raw-home-wifi");
    let slo = &imported.project.slos[0];
    let raw = slo_engine::export::sloth::raw_query(&slo.sli).expect("a raw SLI");
    assert!(raw.starts_with("1 - (") && raw.contains("printer_quality_score_ratio"));
    assert!(!imported.unmapped.iter().any(|u| u.contains("sli")));
    let files = export(&imported.project, None, ExportFormat::Sloth).unwrap();
    let v: Value = serde_norway::from_str(&files[0].content).unwrap();
    assert_eq!(
        v["slos"][0]["sli"]["raw"]["error_ratio_query"].as_str(),
        Some(raw)
    );
    let back = import_spec(&files[0].content).unwrap();
    assert_eq!(back.project.slos[0].sli, slo.sli);
}

#[test]
fn every_shape_round_trips_through_the_sloth_export() {
    for (name, _) in SHAPES {
        let imported = shape(name);
        let files = export(&imported.project, None, ExportFormat::Sloth).unwrap();
        let text: String = files
            .iter()
            .map(|f| format!("---\n{}", f.content))
            .collect();
        let back = import_spec(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back.project.slos.len(), imported.project.slos.len());
        for (b, a) in back.project.slos.iter().zip(&imported.project.slos) {
            assert_eq!((&b.id, &b.name, &b.service), (&a.id, &a.name, &a.service));
            assert_eq!((b.target, &b.window), (a.target, &a.window), "{name}");
            assert!(matches!(b.sli, Sli::Ratio { .. }));
            assert_eq!(b.sli, a.sli, "{name}");
        }
    }
}
