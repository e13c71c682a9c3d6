//! An SLO with no burn-rate alerts is a choice (`AlertPreset::NoAlerts`):
//! the replay fires nothing, the Prometheus rules record the SLI over
//! Sloth's windows with no burn-rate alert rule, Sloth writes both alerts
//! disabled, Pyrra `burnrates: false`, OpenSLO no alert policy, and each
//! reads back as the same choice. Older project files, whose empty lists
//! meant "use the defaults", still do.

use serde_norway::Value;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::import_spec;
use slo_engine::model::{AlertPreset, Project, Slo, Span, Window};
use slo_engine::series::EventSeries;
use slo_engine::simulate::{simulate, SimOptions};

fn switched_off(window: Span) -> Slo {
    let mut slo = Slo {
        id: "search-availability".into(),
        name: "Search availability".into(),
        service: "search".into(),
        window: Window::Rolling { span: window },
        ..Slo::default()
    };
    slo.alerting.preset = AlertPreset::NoAlerts;
    slo.alerting.alerts.clear();
    slo
}

fn project(slo: Slo) -> Project {
    Project {
        slos: vec![slo],
        ..Project::default()
    }
}

fn file(p: &Project, format: ExportFormat, suffix: &str) -> String {
    export(p, None, format)
        .unwrap()
        .into_iter()
        .find(|f| f.name.ends_with(suffix))
        .unwrap_or_else(|| panic!("{format}: no file ending {suffix}"))
        .content
}

fn docs(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect()
}

/// Two hours of minute rows, 100 requests each, all failing in the second
/// hour: every Workbook alert would fire at 99.9%.
fn outage() -> EventSeries {
    let mut s = EventSeries::default();
    for m in 1..=120 {
        s.push(m * 60, if m > 60 { 0.0 } else { 100.0 }, 100.0);
    }
    s
}

#[test]
fn the_replay_fires_nothing_and_says_no_defaults_were_added() {
    let sim = simulate(
        &outage(),
        &switched_off(Span::days(30)),
        &SimOptions::default(),
    );
    assert!(sim.alerts.is_empty());
    assert!(
        !sim.warnings
            .iter()
            .any(|w| w.message.contains("default burn-rate alerts")),
        "{:?}",
        sim.warnings
    );
    // The same SLO with an empty custom list is replayed with the defaults.
    let mut defaults = switched_off(Span::days(30));
    defaults.alerting.preset = AlertPreset::Custom;
    let sim = simulate(&outage(), &defaults, &SimOptions::default());
    assert!(!sim.alerts.is_empty());
}

#[test]
fn prometheus_rules_record_sloths_windows_and_hold_no_alert_rule() {
    let text = file(
        &project(switched_off(Span::days(30))),
        ExportFormat::Prometheus,
        ".rules.yml",
    );
    let v: Value = serde_norway::from_str(&text).unwrap();
    let groups = v["groups"].as_sequence().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        slo_engine::export::prometheus::group_names(&switched_off(Span::days(30)))
    );
    assert!(!names.iter().any(|n| n.starts_with("sloth-slo-alerts-")));
    let windows: Vec<&str> = groups[0]["rules"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| r["labels"]["sloth_window"].as_str().unwrap())
        .collect();
    assert_eq!(windows, ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
    assert!(!text.contains("- alert: "));
}

#[test]
fn a_no_data_alert_alone_is_its_own_alert_group() {
    let mut slo = switched_off(Span::days(30));
    slo.alerting.no_data = Some(slo_engine::guards::NoDataAlert::default());
    let v: Value = serde_norway::from_str(&file(
        &project(slo.clone()),
        ExportFormat::Prometheus,
        ".rules.yml",
    ))
    .unwrap();
    let names: Vec<&str> = v["groups"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, slo_engine::export::prometheus::group_names(&slo));
    assert_eq!(
        names.last(),
        Some(&"sloth-slo-alerts-search-search-availability")
    );
}

#[test]
fn sloth_writes_both_alerts_disabled_and_reads_them_back_as_no_alerts() {
    // 7 days is not one of Sloth's built-in periods: an AlertWindows file
    // gives the windows Sloth records, the Workbook's.
    let p = project(switched_off(Span::days(7)));
    let spec = file(&p, ExportFormat::Sloth, ".sloth.yaml");
    let v: Value = serde_norway::from_str(&spec).unwrap();
    for key in ["page_alert", "ticket_alert"] {
        assert_eq!(
            v["slos"][0]["alerting"][key]["disable"].as_bool(),
            Some(true)
        );
    }
    let windows = file(&p, ExportFormat::Sloth, "alert-windows-7d.yaml");
    let back = import_spec(&format!("{spec}---\n{windows}")).unwrap();
    let slo = &back.project.slos[0];
    assert_eq!(slo.alerting.preset, AlertPreset::NoAlerts);
    assert!(slo.alerting.alerts.is_empty());
    assert_eq!(
        slo.window,
        Window::Rolling {
            span: Span::days(7)
        }
    );
    assert!(
        !back.unmapped.iter().any(|u| u.contains("alerting")),
        "{:?}",
        back.unmapped
    );
}

#[test]
fn pyrra_writes_burnrates_false_and_reads_it_back_as_no_alerts() {
    let p = project(switched_off(Span::days(28)));
    let text = file(&p, ExportFormat::Pyrra, ".pyrra.yaml");
    let v: Value = serde_norway::from_str(&text).unwrap();
    assert_eq!(v["spec"]["alerting"]["burnrates"].as_bool(), Some(false));
    assert!(!text.contains("Pyrra generates its own window-scaled burn-rate alerts"));
    let back = import_spec(&text).unwrap();
    assert_eq!(back.project.slos[0].alerting, p.slos[0].alerting);
}

#[test]
fn openslo_writes_no_alert_policy_and_the_choice_reads_back() {
    let p = project(switched_off(Span::days(28)));
    let text = file(&p, ExportFormat::OpenSlo, ".openslo.yaml");
    let all = docs(&text);
    let kinds: Vec<&str> = all.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Service", "SLO"]);
    let slo = &all[1];
    assert!(slo["spec"]["alertPolicies"].is_null());
    assert_eq!(
        slo["metadata"]["annotations"]["slo-workbench.dev/alert-preset"].as_str(),
        Some("no_alerts")
    );
    let back = import_spec(&text).unwrap();
    assert_eq!(back.project.slos[0].alerting, p.slos[0].alerting);
}

#[test]
fn an_openslo_slo_without_alert_policies_still_gets_the_defaults_and_says_so() {
    // The same file without the workbench's annotation, as another tool writes it.
    let p = project(switched_off(Span::days(28)));
    let text = file(&p, ExportFormat::OpenSlo, ".openslo.yaml")
        .replace("    slo-workbench.dev/alert-preset: no_alerts\n", "");
    let back = import_spec(&text).unwrap();
    let rules = file(&back.project, ExportFormat::Prometheus, ".rules.yml");
    assert!(rules.contains("default burn-rate alerts were added"));
    assert_eq!(rules.matches("- alert: ").count(), 4);
}

#[test]
fn every_rule_file_says_the_slo_has_no_burn_rate_alerts() {
    let p = project(switched_off(Span::days(30)));
    for (format, suffix) in [
        (ExportFormat::Prometheus, ".rules.yml"),
        (ExportFormat::Sloth, ".sloth.yaml"),
        (ExportFormat::Pyrra, ".pyrra.yaml"),
        (ExportFormat::OpenSlo, ".openslo.yaml"),
    ] {
        let text = file(&p, format, suffix);
        let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header.contains("SLO \"Search availability\" has no burn-rate alerts (switched off)"),
            "{format}: {header}"
        );
    }
}

#[test]
fn a_project_saved_before_the_choice_existed_loads_with_its_defaults() {
    // Schema 1, an SLO whose custom list was emptied: it meant "defaults".
    let old = r#"{"schema_version": 1, "name": "Shop", "slos": [{"id": "checkout",
        "name": "Checkout", "target": 0.999, "window": {"type": "rolling", "span": 2592000},
        "alerting": {"preset": "custom", "alerts": [], "runbook_url": ""}}]}"#;
    let imported = import_spec(old).unwrap();
    let slo = &imported.project.slos[0];
    assert_eq!(slo.alerting.preset, AlertPreset::Custom);
    let (alerts, note) = slo_engine::alerting::effective_alerts(slo);
    assert_eq!(alerts, slo_engine::model::workbook_30d());
    assert!(note.is_some());
}

#[test]
fn the_choice_survives_the_project_file() {
    let p = project(switched_off(Span::days(30)));
    let text = file(&p, ExportFormat::Project, ".json");
    assert!(text.contains("\"preset\": \"no_alerts\""), "{text}");
    let back = import_spec(&text).unwrap();
    assert_eq!(back.project.slos[0].alerting, p.slos[0].alerting);
}
