//! Exports, read back with a real YAML parser: every format is written from
//! the engine, parses, follows its tool's rules, and says exactly what the
//! user typed however odd the text.

use serde_norway::Value;
use slo_engine::export::sloth::check as sloth_check;
use slo_engine::export::{export, ExportFormat};
use slo_engine::model::{
    AlertConfig, AlertPreset, BudgetingMethod, CalendarUnit, Commitment, EventKind, Person,
    Project, Service, Sli, Slo, Span, Target, Window,
};

/// Quotes, a colon, a newline, template braces, a backslash, HTML and non-ASCII.
const TRICKY: &str = "Pay \"now\": {{ .x }} }} \\ </script> é 日本\nsecond # line 'q'";

fn project() -> Project {
    let mut checkout = Slo {
        id: "checkout".into(),
        name: TRICKY.into(),
        service: TRICKY.into(),
        journey: TRICKY.into(),
        description: TRICKY.into(),
        revisit: "2027-01-15".into(),
        commitment: Commitment::Aspirational,
        ..Slo::default()
    };
    checkout.labels.insert("team".into(), "payments".into());
    checkout.labels.insert("note".into(), TRICKY.into());
    checkout.alerting.runbook_url = "https://runbooks.example.com/checkout?a={{x}}".into();
    let latency = Slo {
        id: "search-latency".into(),
        name: "Search latency".into(),
        service: "Search".into(),
        sli: Sli::Latency {
            threshold_seconds: 0.25,
            histogram_metric: "http_request_duration_seconds".into(),
            selector: "job=\"search\"".into(),
        },
        target: Target(0.99),
        window: Window::Rolling {
            span: Span::days(7),
        },
        budgeting: BudgetingMethod::Timeslices {
            slice: Span::minutes(1),
            slice_target: 0.95,
        },
        ..Slo::default()
    };
    let probe = Slo {
        id: "home-up".into(),
        name: "Home up".into(),
        service: "Web".into(),
        sli: Sli::Availability {
            probe_query: "probe_success{job=\"web\"}".into(),
        },
        target: Target(0.995),
        window: Window::Calendar {
            unit: CalendarUnit::Quarter,
            time_zone: "Europe/Paris".into(),
        },
        alerting: AlertConfig {
            preset: AlertPreset::Custom,
            alerts: slo_engine::model::workbook_30d()[..1].to_vec(),
            runbook_url: String::new(),
            ..AlertConfig::default()
        },
        ..Slo::default()
    };
    Project {
        name: "Shop".into(),
        services: vec![Service {
            name: TRICKY.into(),
            owner: "Ana".into(),
            description: TRICKY.into(),
            ..Service::default()
        }],
        people: vec![Person {
            name: "Ana <ops>".into(),
            persona: 4,
        }],
        slos: vec![checkout, latency, probe],
        ..Project::default()
    }
}

fn docs(text: &str) -> Vec<Value> {
    use serde::Deserialize;
    serde_norway::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).unwrap_or_else(|e| panic!("{e}\n{text}")))
        .filter(|v| !v.is_null())
        .collect()
}

fn one(format: ExportFormat, slo: Option<&str>) -> String {
    let files = export(&project(), slo, format).unwrap();
    assert_eq!(files.len(), 1, "{format}");
    files
        .into_iter()
        .next()
        .map(|f| f.content)
        .unwrap_or_default()
}

#[test]
fn every_format_exports_the_whole_project_and_every_file_parses() {
    for format in ExportFormat::ALL {
        let files = export(&project(), None, format).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!files.is_empty());
        for f in files {
            assert!(!f.content.is_empty(), "{}", f.name);
            match f.mime {
                "application/yaml" => assert!(!docs(&f.content).is_empty(), "{}", f.name),
                "application/json" => {
                    assert!(serde_json::from_str::<serde_json::Value>(&f.content).is_ok())
                }
                "text/markdown" => assert!(f.content.starts_with("# SLO document")),
                other => panic!("unexpected media type {other}"),
            }
        }
    }
}

#[test]
fn prometheus_rules_record_every_window_and_alert_once_per_window_pair() {
    let v = &docs(&one(ExportFormat::Prometheus, Some("checkout")))[0];
    let groups = v["groups"].as_sequence().unwrap();
    let rules: Vec<&Value> = groups
        .iter()
        .flat_map(|g| g["rules"].as_sequence().unwrap())
        .collect();
    let recorded: Vec<&str> = rules.iter().filter_map(|r| r["record"].as_str()).collect();
    for w in ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"] {
        assert!(
            recorded.contains(&format!("slo:sli_error:ratio_rate{w}").as_str()),
            "{w}"
        );
    }
    for meta in [
        "slo:objective:ratio",
        "slo:error_budget:ratio",
        "slo:time_period:days",
        "slo:current_burn_rate:ratio",
        "slo:period_burn_rate:ratio",
        "slo:period_error_budget_remaining:ratio",
    ] {
        assert!(recorded.contains(&meta), "{meta}");
    }
    let alerts: Vec<&&Value> = rules.iter().filter(|r| r["alert"].is_string()).collect();
    assert_eq!(alerts.len(), 4);
    assert_eq!(
        alerts[0]["alert"].as_str(),
        Some("CheckoutBurnRatePage1hAnd5m")
    );
    assert_eq!(alerts[0]["labels"]["severity"].as_str(), Some("page"));
    assert_eq!(alerts[3]["labels"]["severity"].as_str(), Some("ticket"));
    let expr = alerts[0]["expr"].as_str().unwrap();
    assert!(
        expr.contains(
            "slo:sli_error:ratio_rate1h{sloth_id=\"pay-now-x-script-second-line-q-checkout\""
        ),
        "{expr}"
    );
    assert!(expr.contains("> (14.4 * 0.001)"), "{expr}");
    let recording_labels = &rules[0]["labels"];
    assert_eq!(recording_labels["note"].as_str(), Some(TRICKY));
    assert_eq!(recording_labels["sloth_window"].as_str(), Some("5m"));
}

/// What Prometheus' Go templating prints for text without other actions.
fn rendered(template: &str) -> String {
    assert!(
        !template.replace("{{ \"{{\" }}", "").contains("{{"),
        "unescaped action in {template}"
    );
    template.replace("{{ \"{{\" }}", "{{")
}

#[test]
fn alert_annotations_render_the_user_text_literally() {
    let v = &docs(&one(ExportFormat::Prometheus, Some("checkout")))[0];
    let groups = v["groups"].as_sequence().unwrap();
    let alerts = groups
        .iter()
        .find(|g| g["name"].as_str().unwrap().starts_with("sloth-slo-alerts-"))
        .unwrap();
    let alert = alerts["rules"][0].clone();
    let summary = rendered(alert["annotations"]["summary"].as_str().unwrap());
    assert!(
        summary.starts_with(&format!("SLO \"{TRICKY}\" of {TRICKY} is burning")),
        "{summary}"
    );
    assert_eq!(
        rendered(alert["annotations"]["runbook_url"].as_str().unwrap()),
        "https://runbooks.example.com/checkout?a={{x}}"
    );
    assert!(
        rendered(alert["annotations"]["description"].as_str().unwrap())
            .contains("2% of it is gone")
    );
}

#[test]
fn openslo_keeps_names_and_descriptions_exactly_and_links_documents_by_name() {
    let all = docs(&one(ExportFormat::OpenSlo, None));
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "SLO").count(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == "Service").count(), 3);
    let slo = all
        .iter()
        .find(|d| d["kind"].as_str() == Some("SLO"))
        .unwrap();
    assert_eq!(slo["metadata"]["displayName"].as_str(), Some(TRICKY));
    assert_eq!(slo["spec"]["description"].as_str(), Some(TRICKY));
    let service = all
        .iter()
        .find(|d| d["kind"].as_str() == Some("Service"))
        .unwrap();
    assert_eq!(service["metadata"]["displayName"].as_str(), Some(TRICKY));
    let name_of = |d: &Value| d["metadata"]["name"].as_str().map(str::to_string);
    let names: Vec<String> = all.iter().filter_map(name_of).collect();
    for d in all.iter().filter(|d| d["kind"].as_str() == Some("SLO")) {
        for p in d["spec"]["alertPolicies"]
            .as_sequence()
            .into_iter()
            .flatten()
        {
            assert!(names.contains(&p.as_str().unwrap().to_string()), "{p:?}");
        }
    }
    for d in all
        .iter()
        .filter(|d| d["kind"].as_str() == Some("AlertPolicy"))
    {
        let c = d["spec"]["conditions"][0]["conditionRef"].as_str().unwrap();
        let t = d["spec"]["notificationTargets"][0]["targetRef"]
            .as_str()
            .unwrap();
        assert!(names.contains(&c.to_string()) && names.contains(&t.to_string()));
    }
    let cond = all
        .iter()
        .find(|d| d["kind"].as_str() == Some("AlertCondition"))
        .unwrap();
    assert_eq!(cond["spec"]["condition"]["threshold"].as_f64(), Some(14.4));
    assert_eq!(
        cond["spec"]["condition"]["lookbackWindow"].as_str(),
        Some("1h")
    );
}

#[test]
fn openslo_calendar_windows_and_time_slices_are_written_as_the_schema_wants() {
    let all = docs(&one(ExportFormat::OpenSlo, None));
    let slos: Vec<&Value> = all
        .iter()
        .filter(|d| d["kind"].as_str() == Some("SLO"))
        .collect();
    let latency = slos[1];
    assert_eq!(
        latency["spec"]["budgetingMethod"].as_str(),
        Some("Timeslices")
    );
    assert_eq!(
        latency["spec"]["objectives"][0]["timeSliceTarget"].as_f64(),
        Some(0.95)
    );
    assert_eq!(
        latency["spec"]["objectives"][0]["timeSliceWindow"].as_str(),
        Some("1m")
    );
    let tw = &slos[2]["spec"]["timeWindow"][0];
    assert_eq!(tw["duration"].as_str(), Some("1Q"));
    assert_eq!(
        tw["calendar"]["startTime"].as_str(),
        Some("2024-01-01 00:00:00")
    );
    assert_eq!(tw["calendar"]["timeZone"].as_str(), Some("Europe/Paris"));
}

#[test]
fn sloth_specs_follow_sloths_field_rules_and_say_their_window() {
    let files = export(&project(), None, ExportFormat::Sloth).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"search-7d.sloth.yaml") && names.contains(&"alert-windows-7d.yaml"),
        "{names:?}"
    );
    for f in files.iter().filter(|f| f.name.ends_with(".sloth.yaml")) {
        assert!(f.content.starts_with("# slo-period: "), "{}", f.content);
        let spec = &docs(&f.content)[0];
        assert_eq!(spec["version"].as_str(), Some("prometheus/v1"));
        for s in spec["slos"].as_sequence().unwrap() {
            let ev = &s["sli"]["events"];
            sloth_check(
                spec["service"].as_str().unwrap(),
                s["name"].as_str().unwrap(),
                s["objective"].as_f64().unwrap(),
                ev["error_query"].as_str().unwrap(),
                ev["total_query"].as_str().unwrap(),
            )
            .unwrap();
        }
    }
    let checkout = files
        .iter()
        .find(|f| f.content.contains("name: checkout"))
        .unwrap();
    let s = &docs(&checkout.content)[0]["slos"][0];
    assert_eq!(s["description"].as_str(), Some(TRICKY));
    assert_eq!(s["labels"]["note"].as_str(), Some(TRICKY));
    assert_eq!(s["objective"].as_f64(), Some(99.9));
}

#[test]
fn pyrra_objects_carry_one_indicator_and_the_exact_user_text() {
    let all = docs(&one(ExportFormat::Pyrra, None));
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["spec"]["description"].as_str(), Some(TRICKY));
    let labels: std::collections::BTreeMap<String, String> = serde_json::from_str(
        all[0]["metadata"]["annotations"]["slo-workbench.dev/labels"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(labels["note"], TRICKY);
    assert_eq!(
        all[0]["metadata"]["labels"]["team"].as_str(),
        Some("payments")
    );
    for (doc, kind) in all.iter().zip(["ratio", "latency", "bool_gauge"]) {
        let ind = doc["spec"]["indicator"].as_mapping().unwrap();
        assert_eq!(ind.len(), 1);
        assert!(ind.contains_key(kind), "{kind}");
    }
    assert_eq!(
        all[1]["spec"]["indicator"]["latency"]["success"]["metric"].as_str(),
        Some("http_request_duration_seconds_bucket{job=\"search\",le=\"0.25\"}")
    );
}

#[test]
fn the_markdown_document_covers_every_section_with_escaped_user_text() {
    let md = one(ExportFormat::Markdown, None);
    for heading in [
        "## ",
        "### SLI",
        "### Error budget",
        "### Alerts",
        "## Error budget policy",
        "## RACI",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    // The aspirational SLO is not agreed yet: the document says both.
    assert!(md.contains("**Status: Drafted.** Proposed as an aspirational target."));
    assert!(md.contains("| Revisit on | 2027-01-15 |"));
    assert!(md.contains("SRE IC: Ana &lt;ops&gt;"));
    assert!(!md.contains("</script>"), "raw HTML leaked");
    assert!(md.contains("&lt;/script&gt;"));
    assert!(md.contains("| SLO window (30d rolling) | 43 min 12 s |"));
    assert!(
        md.contains("| SLO window (7d rolling) | 1 h 40 min 48 s |"),
        "99% over 7 days"
    );
}

#[test]
fn one_slo_can_be_exported_alone() {
    let text = one(ExportFormat::OpenSlo, Some("search-latency"));
    let all = docs(&text);
    assert_eq!(
        all.iter()
            .filter(|d| d["kind"].as_str() == Some("SLO"))
            .count(),
        1
    );
    assert!(!text.contains("checkout"));
}

#[test]
fn good_event_ratios_become_one_minus_good_over_total() {
    let mut p = project();
    p.slos[0].sli = Sli::Ratio {
        counts: EventKind::Good,
        events_query: "sum(rate(ok_total[{{.window}}]))".into(),
        total_query: "sum(rate(all_total[{{.window}}]))".into(),
    };
    let f = export(&p, Some("checkout"), ExportFormat::Prometheus).unwrap();
    let v = &docs(&f[0].content)[0];
    assert_eq!(
        v["groups"][0]["rules"][0]["expr"].as_str(),
        Some("1 - (\n  (sum(rate(ok_total[5m])))\n  /\n  (sum(rate(all_total[5m])))\n)")
    );
}
