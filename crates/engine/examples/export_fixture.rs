//! Writes every export of a fixture project into a directory, so
//! `scripts/check_exports.sh` can run promtool and the schema checks on what
//! the engine writes today.
//!
//! Usage: cargo run --example export_fixture -- OUT_DIR

use slo_engine::export::{export, ExportFormat};
use slo_engine::model::{
    AlertConfig, AlertPreset, BudgetingMethod, CalendarUnit, Commitment, EventKind, Project,
    Service, Sli, Slo, Span, Target, Window,
};
use std::path::PathBuf;

/// The name the promtool tests expect in rendered annotations: quotes,
/// template braces, a backslash, HTML and non-ASCII letters.
pub const TRICKY_NAME: &str = "Checkout \"fast\" {{ path }} \\ </script> é";

fn project() -> Project {
    let mut checkout = Slo {
        id: "checkout".into(),
        name: TRICKY_NAME.into(),
        service: "Shop API".into(),
        journey: "Pay for the basket".into(),
        description: "Share of checkout requests that do not fail: {{ $value }}, a: b\nSecond line\u{2028}yes\n".into(),
        sli: Sli::Ratio {
            counts: EventKind::Bad,
            events_query: "sum(rate(http_requests_total{job=\"shop\",code=~\"5..\"}[{{.window}}]))"
                .into(),
            total_query: "sum(rate(http_requests_total{job=\"shop\"}[{{.window}}]))".into(),
        },
        revisit: "2027-01-15".into(),
        ..Slo::default()
    };
    checkout.labels.insert("team".into(), "payments".into());
    // Words and digits that YAML 1.1 readers (PyYAML, old Go yaml) would take for a boolean or a number.
    checkout.labels.insert("on_call".into(), "yes".into());
    checkout.labels.insert("build".into(), "0123".into());
    checkout
        .labels
        .insert("owner note".into(), "ask #payments: \"Ana\"".into());
    // An agreement and a logged change: the record annotation of OpenSLO and Pyrra.
    checkout.record = slo_engine::record::SloRecord {
        agreement: Some(slo_engine::record::Agreement {
            people: vec!["Ana \"A\" O'Neil".into(), "Ben: #ops".into()],
            date: "2026-11-30".into(),
        }),
        baseline: None,
        changes: vec![slo_engine::record::Change {
            date: "2026-12-01".into(),
            field: slo_engine::record::Field::Target,
            old: "99.95%".into(),
            new: "99.9%".into(),
            why: "Too strict: {{ $value }}\nsecond line".into(),
        }],
    };
    let latency = Slo {
        id: "search-latency".into(),
        name: "Search latency".into(),
        service: "Shop API".into(),
        sli: Sli::Latency {
            threshold_seconds: 0.3,
            histogram_metric: "http_request_duration_seconds".into(),
            selector: "job=\"shop\"".into(),
        },
        target: Target(0.99),
        window: Window::Rolling {
            span: Span::days(7),
        },
        budgeting: BudgetingMethod::Timeslices {
            slice: Span::minutes(1),
            slice_target: 0.95,
        },
        commitment: Commitment::Aspirational,
        ..Slo::default()
    };
    let probe = Slo {
        id: "homepage-up".into(),
        name: "Homepage up".into(),
        service: "Web".into(),
        sli: Sli::Availability {
            probe_query: "probe_success{job=\"blackbox\"}".into(),
        },
        target: Target(0.995),
        window: Window::Calendar {
            unit: CalendarUnit::Month,
            time_zone: "Europe/Berlin".into(),
        },
        // Not RatioTimeslices: the OpenSLO v1 schema cannot hold it, and that export refuses it.
        budgeting: BudgetingMethod::Timeslices {
            slice: Span::minutes(5),
            slice_target: 0.9,
        },
        alerting: AlertConfig {
            preset: AlertPreset::Custom,
            alerts: slo_engine::model::workbook_30d()[..2].to_vec(),
            runbook_url: "https://runbooks.example.com/web".into(),
            ..AlertConfig::default()
        },
        ..Slo::default()
    };
    Project {
        name: "Fixture shop".into(),
        services: vec![
            Service {
                name: "Shop API".into(),
                owner: "Payments team".into(),
                description: "Takes orders.".into(),
                ..Service::default()
            },
            Service {
                name: "Web".into(),
                internal_only: false,
                ..Service::default()
            },
        ],
        slos: vec![checkout, latency, probe],
        ..Project::default()
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: export_fixture OUT_DIR");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("export_fixture: cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let p = project();
    // One rules file for the SLO the promtool tests replay, one for all.
    let mut jobs = vec![(Some("checkout"), ExportFormat::Prometheus)];
    jobs.extend(ExportFormat::ALL.iter().map(|f| (None, *f)));
    for (slo, format) in jobs {
        let files = match export(&p, slo, format) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("export_fixture: {format}: {e}");
                std::process::exit(1);
            }
        };
        for f in files {
            let path = dir.join(&f.name);
            if let Err(e) = std::fs::write(&path, &f.content) {
                eprintln!("export_fixture: cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("{}", path.display());
        }
    }
}
