//! Imports: specs written by hand the way teams write them, and round trips
//! import(export(x)) that keep every field the format can hold. What a
//! format cannot carry into the model is named in `unmapped`.

use slo_engine::alerting::preset_alerts;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, project_from_json, Imported};
use slo_engine::model::{
    slug, AlertConfig, AlertPreset, BudgetingMethod, BurnAlert, CalendarUnit, Commitment,
    Enforcement, EventKind, Project, Service, Severity, Sli, Slo, Span, Target, Window,
    SCHEMA_VERSION,
};

const TRICKY: &str = "Pay \"now\": {{ .x }} }} \\ </script> é 日本\nsecond # line 'q'";

fn pyrra(window: Span) -> Vec<BurnAlert> {
    preset_alerts(AlertPreset::PyrraScaled, window).unwrap_or_default()
}

fn slos() -> Vec<Slo> {
    let mut checkout = Slo {
        id: "checkout".into(),
        name: TRICKY.into(),
        service: "shop".into(),
        journey: TRICKY.into(),
        description: TRICKY.into(),
        revisit: "2027-01-15".into(),
        commitment: Commitment::Aspirational,
        enforcement: Enforcement::Enforcing,
        sli: Sli::Ratio {
            counts: EventKind::Bad,
            events_query: "sum(rate(http_requests_total{job=\"shop\",code=~\"5..\"}[{{.window}}]))"
                .into(),
            total_query: "sum(rate(http_requests_total{job=\"shop\"}[{{.window}}]))".into(),
        },
        ..Slo::default()
    };
    checkout.labels.insert("team".into(), "payments".into());
    checkout.labels.insert("note".into(), TRICKY.into());
    checkout.alerting.runbook_url = "https://runbooks.example.com/{{x}}".into();
    let latency = Slo {
        id: "search-latency".into(),
        name: "search-latency".into(),
        service: "shop".into(),
        sli: Sli::Latency {
            threshold_seconds: 0.25,
            histogram_metric: "http_request_duration_seconds".into(),
            selector: "job=\"search\"".into(),
        },
        target: Target(0.99),
        window: Window::Rolling {
            span: Span::days(7),
        },
        ..Slo::default()
    };
    let probe = Slo {
        id: "home-up".into(),
        name: "home-up".into(),
        service: "web".into(),
        sli: Sli::Availability {
            probe_query: "probe_success{job=\"web\"}".into(),
        },
        target: Target(0.995),
        window: Window::Rolling {
            span: Span::days(28),
        },
        alerting: AlertConfig {
            preset: AlertPreset::PyrraScaled,
            alerts: pyrra(Span::days(28)),
            runbook_url: String::new(),
            ..AlertConfig::default()
        },
        ..Slo::default()
    };
    vec![checkout, latency, probe]
}

fn project() -> Project {
    Project {
        name: "Shop".into(),
        services: vec![
            Service {
                name: "shop".into(),
                owner: "Ana".into(),
                description: TRICKY.into(),
                users: "buyers".into(),
                internal_only: true,
                ..Service::default()
            },
            Service {
                name: "web".into(),
                ..Service::default()
            },
        ],
        slos: slos(),
        ..Project::default()
    }
}

fn round_trip(p: &Project, format: ExportFormat) -> Imported {
    let files = export(p, None, format).unwrap_or_else(|e| panic!("{format}: {e}"));
    let text: String = files
        .iter()
        .map(|f| f.content.clone())
        .collect::<Vec<_>>()
        .join("---\n");
    import_spec(&text).unwrap_or_else(|e| panic!("{format}: {e:?}\n{text}"))
}

fn imported_slo<'a>(i: &'a Imported, id: &str) -> &'a Slo {
    i.project
        .slos
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", i.project.slos))
}

#[test]
fn openslo_round_trip_keeps_every_slo_field() {
    let mut p = project();
    p.slos[1].budgeting = BudgetingMethod::Timeslices {
        slice: Span::minutes(1),
        slice_target: 0.95,
    };
    p.slos[2].budgeting = BudgetingMethod::Timeslices {
        slice: Span::minutes(5),
        slice_target: 0.9,
    };
    p.slos[2].window = Window::Calendar {
        unit: CalendarUnit::Month,
        time_zone: "UTC".into(),
    };
    let back = round_trip(&p, ExportFormat::OpenSlo);
    for slo in &p.slos {
        assert_eq!(imported_slo(&back, &slo.id), slo, "{}", slo.id);
    }
    let shop = back
        .project
        .services
        .iter()
        .find(|s| s.name == "shop")
        .unwrap();
    assert_eq!(
        (
            shop.owner.as_str(),
            shop.description.as_str(),
            shop.users.as_str(),
            shop.internal_only
        ),
        ("Ana", TRICKY, "buyers", true)
    );
    assert!(back.unmapped.is_empty(), "{:?}", back.unmapped);
}

#[test]
fn sloth_round_trip_keeps_what_sloth_holds() {
    let p = project();
    let back = round_trip(&p, ExportFormat::Sloth);
    for slo in &p.slos {
        let b = imported_slo(&back, &slo.id);
        assert_eq!(b.service, slo.service);
        assert_eq!(b.description, slo.description);
        assert_eq!(b.sli, slo.sli, "{}", slo.id);
        assert_eq!(b.target, slo.target);
        assert_eq!(b.window, slo.window, "{}", slo.id);
        assert_eq!(b.labels, slo.labels);
        assert_eq!(b.alerting.runbook_url, slo.alerting.runbook_url);
        assert_eq!(
            b.alerting.alerts.len(),
            slo.alerting.alerts.len(),
            "{}",
            slo.id
        );
        for (x, y) in b.alerting.alerts.iter().zip(&slo.alerting.alerts) {
            assert_eq!((x.severity, x.long, x.short), (y.severity, y.long, y.short));
            assert!(
                (x.factor - y.factor).abs() < 1e-6,
                "{} vs {}",
                x.factor,
                y.factor
            );
        }
    }
    assert_eq!(
        imported_slo(&back, "checkout").alerting.preset,
        AlertPreset::Workbook30d
    );
}

#[test]
fn pyrra_round_trip_keeps_what_pyrra_holds() {
    let p = project();
    let back = round_trip(&p, ExportFormat::Pyrra);
    for slo in &p.slos {
        let b = imported_slo(&back, &slo.id);
        assert_eq!(b.service, slug(&slo.service));
        assert_eq!(b.description, slo.description);
        assert_eq!(b.sli, slo.sli, "{}", slo.id);
        assert_eq!(b.target, slo.target);
        assert_eq!(b.window, slo.window);
        assert_eq!(b.labels, slo.labels);
        assert_eq!(b.alerting.preset, AlertPreset::PyrraScaled);
        assert_eq!(b.alerting.alerts, pyrra(slo.window.nominal()));
    }
}

#[test]
fn project_file_round_trip_is_lossless() {
    let p = project();
    let back = round_trip(&p, ExportFormat::Project);
    assert_eq!(back.project, p);
    assert!(back.unmapped.is_empty());
}

#[test]
fn an_unversioned_project_file_still_loads() {
    let mut v = serde_json::to_value(project()).unwrap();
    v.as_object_mut().unwrap().remove("schema_version");
    let p = project_from_json(&v.to_string()).unwrap();
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert_eq!(p.slos, slos());
    assert_eq!(import_spec(&v.to_string()).unwrap().project, project());
}

#[test]
fn handwritten_openslo_with_an_sli_reference_and_unknown_parts() {
    let text = r#"
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prom
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: good-requests
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))
    total:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total[{{.window}}]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
  displayName: API availability
  annotations:
    example.com/dashboard: https://grafana/d/1
spec:
  service: api
  indicatorRef: good-requests
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2024-01-01 00:00:00
        timeZone: Europe/Berlin
  budgetingMethod: Occurrences
  objectives:
    - target: 0.995
    - target: 0.99
---
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata:
  name: slack
spec:
  target: slack
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: unused
spec:
  thresholdMetric:
    metricSource:
      spec:
        query: x
"#;
    let i = import_spec(text).unwrap();
    let s = &i.project.slos[0];
    assert_eq!(s.name, "API availability");
    assert_eq!(s.service, "api");
    assert_eq!(s.target, Target(0.995));
    assert_eq!(
        s.window,
        Window::Calendar {
            unit: CalendarUnit::Month,
            time_zone: "Europe/Berlin".into()
        }
    );
    assert!(
        matches!(&s.sli, Sli::Ratio { counts: EventKind::Good, events_query, .. } if events_query.contains("code!~"))
    );
    let joined = i.unmapped.join("\n");
    assert!(joined.contains("DataSource prom"), "{joined}");
    assert!(joined.contains("spec.objectives[1..]"), "{joined}");
    assert!(joined.contains("example.com/dashboard"), "{joined}");
    assert!(joined.contains("AlertNotificationTarget slack"), "{joined}");
    assert!(joined.contains("SLI unused"), "{joined}");
}

#[test]
fn openslo_errors_name_the_document_line() {
    let text = "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: api\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec:\n  service: api\n  indicatorRef: missing\n  objectives:\n  - target: 0.99\n";
    let e = import_spec(text).unwrap_err();
    assert_eq!(e[0].line, 6);
    assert!(
        e[0].message.contains("indicatorRef \"missing\""),
        "{}",
        e[0].message
    );
    let e = import_spec(&text.replace("0.99", "1.5").replace("indicatorRef: missing", "indicator:\n    metadata:\n      name: i\n    spec:\n      ratioMetric:\n        counter: true\n        bad:\n          metricSource:\n            spec:\n              query: e\n        total:\n          metricSource:\n            spec:\n              query: t")).unwrap_err();
    assert!(e[0].message.contains("target"), "{}", e[0].message);
}

#[test]
fn handwritten_sloth_spec_with_a_raw_sli_is_imported_and_the_gaps_named() {
    let text = r#"
version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      labels:
        category: "availability"
      annotations:
        summary: "High error rate on 'myservice' requests responses"
      page_alert:
        labels:
          severity: pageteam
          routing_key: myteam
      ticket_alert:
        disable: true
  - name: "raw"
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(x[{{.window}}]))
"#;
    let i = import_spec(text).unwrap();
    let s = &i.project.slos[0];
    assert_eq!(s.service, "myservice");
    assert_eq!(s.target, Target(0.999));
    assert_eq!(
        s.window,
        Window::Rolling {
            span: Span::days(30)
        }
    );
    assert_eq!(s.labels["owner"], "myteam");
    assert_eq!(s.alerting.alerts.len(), 2, "ticket alerts disabled");
    assert!(s
        .alerting
        .alerts
        .iter()
        .all(|a| a.severity == Severity::Page));
    assert_eq!(
        s.alerting.alerts[0],
        BurnAlert {
            severity: Severity::Page,
            long: Span::hours(1),
            short: Span::minutes(5),
            factor: 14.4
        }
    );
    let joined = i.unmapped.join("\n");
    for named in [
        "window: Sloth specs carry no window",
        "alerting.labels.category",
        "alerting.annotations.summary",
        "page_alert.labels.routing_key",
    ] {
        assert!(joined.contains(named), "{named} missing from\n{joined}");
    }
    // The raw error ratio is the SLI itself (the total is 1 wherever it has a value).
    assert_eq!(
        slo_engine::export::sloth::raw_query(&i.project.slos[1].sli),
        Some("sum(rate(x[{{.window}}]))")
    );
    assert!(!joined.contains("sli.raw"), "{joined}");
}

#[test]
fn handwritten_pyrra_objects_import_with_pyrra_alert_tiers() {
    let text = r#"
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: pyrra-api-errors
  namespace: monitoring
  labels:
    prometheus: k8s
    role: alert-rules
    pyrra.dev/team: operations
spec:
  target: '99'
  window: 2w
  description: Pyrra's API requests and response errors over time grouped by route.
  indicator:
    ratio:
      errors:
        metric: http_requests_total{job="pyrra",code=~"5.."}
      total:
        metric: http_requests_total{job="pyrra"}
      grouping:
        - route
"#;
    let i = import_spec(text).unwrap();
    let s = &i.project.slos[0];
    assert_eq!(s.target, Target(0.99));
    assert_eq!(
        s.window,
        Window::Rolling {
            span: Span::days(14)
        }
    );
    assert_eq!(s.labels["pyrra.dev/team"], "operations");
    assert_eq!(s.alerting.alerts, pyrra(Span::days(14)));
    assert!(
        matches!(&s.sli, Sli::Ratio { events_query, .. } if events_query == "sum by (route) (rate(http_requests_total{job=\"pyrra\",code=~\"5..\"}[{{.window}}]))"),
        "grouping is summed by in the queries: {:?}",
        s.sli
    );
    assert_eq!(s.grouping, ["route"], "kept as the SLO's grouping");
    let joined = i.unmapped.join("\n");
    assert!(
        joined.contains("metadata.namespace") && !joined.contains("grouping"),
        "{joined}"
    );
}

#[test]
fn tricky_text_survives_every_yaml_format_that_holds_it() {
    for format in [
        ExportFormat::OpenSlo,
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
    ] {
        let back = round_trip(&project(), format);
        let s = imported_slo(&back, "checkout");
        assert_eq!(s.description, TRICKY, "{format}");
        assert_eq!(s.labels["note"], TRICKY, "{format}");
    }
}

#[test]
fn import_never_panics_on_mangled_exports() {
    let files = export(&project(), None, ExportFormat::OpenSlo).unwrap();
    let text = &files[0].content;
    // Every prefix cut at a character boundary: an error or a result, never a panic.
    for (n, _) in text.char_indices().step_by(37) {
        let _ = import_spec(&text[..n]);
    }
    let sloth = export(&project(), None, ExportFormat::Sloth).unwrap();
    for f in sloth {
        for (n, _) in f.content.char_indices().step_by(23) {
            let _ = import_spec(&f.content[..n]);
        }
    }
    assert!(
        import_spec("kind: SLO\napiVersion: openslo/v1\nmetadata:\n  name: x\nspec: 3\n").is_err()
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any text a user types comes back from OpenSLO, Sloth and Pyrra exactly.
        #[test]
        fn any_user_text_survives_the_yaml_formats(text in "\\PC{0,60}|[\\x00-\\x7f\u{85}\u{2028}\u{feff}\u{fffe}]{0,40}", key in "[a-z][a-z_]{0,10}") {
            let mut p = project();
            p.slos[0].description = text.clone();
            p.slos[0].labels.insert(key.clone(), text.clone());
            for format in [ExportFormat::OpenSlo, ExportFormat::Sloth, ExportFormat::Pyrra] {
                let back = round_trip(&p, format);
                let s = imported_slo(&back, "checkout");
                prop_assert_eq!(&s.description, &text);
                if text.is_empty() {
                    prop_assert!(s.labels.get(&key).is_none_or(|v| v.is_empty()));
                } else {
                    prop_assert_eq!(s.labels.get(&key), Some(&text));
                }
            }
        }

        /// Whatever is pasted, the importer answers with a result or diagnostics.
        #[test]
        fn import_never_panics(text in "\\PC{0,200}") {
            let _ = import_spec(&text);
            let _ = import_spec(&format!("apiVersion: openslo/v1\nkind: SLO\n{text}"));
            let _ = import_spec(&format!("version: prometheus/v1\n{text}"));
        }
    }
}

#[test]
fn hostile_yaml_is_refused_without_exhausting_the_stack_or_memory() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(import_spec(&deep).is_err());
    let deep_json = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(import_spec(&deep_json).is_err());
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, prev) in ('b'..='j').zip('a'..='i') {
        laughs.push_str(&format!(
            "{i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    assert!(import_spec(&laughs).is_err());
}

#[test]
fn an_openslo_slo_written_as_json_is_read_too() {
    let files = export(&project(), Some("search-latency"), ExportFormat::OpenSlo).unwrap();
    let slo_doc: serde_json::Value = {
        use serde::Deserialize;
        serde_norway::Deserializer::from_str(&files[0].content)
            .map(|d| serde_json::Value::deserialize(d).unwrap())
            .find(|v| v["kind"] == "SLO")
            .unwrap()
    };
    let i = import_spec(&serde_json::to_string_pretty(&slo_doc).unwrap()).unwrap();
    assert_eq!(i.project.slos[0].sli, slos()[1].sli);
    assert_eq!(i.project.slos[0].target, Target(0.99));
}

#[test]
fn project_json_keys_the_model_lacks_are_reported() {
    let mut v = serde_json::to_value(project()).unwrap();
    v["slos"][0]["owner"] = serde_json::json!("Ana");
    v["theme"] = serde_json::json!("dark");
    let i = import_spec(&v.to_string()).unwrap();
    assert_eq!(i.unmapped.len(), 2, "{:?}", i.unmapped);
    assert!(i.unmapped.iter().any(|u| u.starts_with("slos[0].owner:")));
    assert!(i.unmapped.iter().any(|u| u.starts_with("theme:")));
}

#[test]
fn sloth_errors_point_at_the_slo_they_concern() {
    let text = "version: prometheus/v1\nservice: svc\nslos:\n  - name: ok\n    objective: 99\n    sli:\n      events:\n        error_query: e[{{.window}}]\n        total_query: t[{{.window}}]\n  - name: broken\n    objective: 100\n    sli:\n      events:\n        error_query: e[{{.window}}]\n        total_query: t[{{.window}}]\n";
    let e = import_spec(text).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 10);
    assert!(
        e[0].message.contains("slos[1]") && e[0].message.contains("100"),
        "{}",
        e[0].message
    );
}

#[test]
fn a_yaml_flow_mapping_spec_is_not_mistaken_for_a_project_file() {
    let text = "{version: prometheus/v1, service: svc, slos: [{name: a, objective: 99.5, sli: {events: {error_query: 'e[{{.window}}]', total_query: 't[{{.window}}]'}}}]}";
    let i = import_spec(text).unwrap();
    assert_eq!(i.project.slos[0].target, Target(0.995));
    let e = import_spec("{\"name\": \"x\",}").unwrap_err();
    assert!(e[0].message.contains("project file"), "{}", e[0].message);
}

#[test]
fn an_unknown_field_in_an_openslo_slo_spec_is_reported_not_dropped() {
    let text = r#"
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
spec:
  service: shop
  foo: bar
  indicator:
    metadata:
      name: errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
"#;
    let imported = slo_engine::import::import_spec(text).expect("imports");
    assert!(
        imported.unmapped.iter().any(|u| u.contains("spec.foo")),
        "unmapped lists spec.foo: {:?}",
        imported.unmapped
    );
    assert_eq!(imported.project.slos.len(), 1);
}
