//! The paths issue 10 found quadratic or worse, each at two sizes ten times
//! apart, so the report shows 10x the input costing about 10x the time:
//! a Sloth text of many specs, an OpenSLO text of many SLI documents, the
//! export's duplicate-id check (a Prometheus export of many SLOs), a
//! project file read through the limits and the validation gate, and the
//! RACI staffing lint over many people.
//! Inputs are generated here; figures are recorded in BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, project_from_json};
use slo_engine::lint::raci_staffing_findings;
use slo_engine::model::{Person, Project, Raci, Slo};

/// `n` Sloth specs, each with its own service and one SLO.
fn sloth(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "version: prometheus/v1\nservice: svc-{i}\nslos:\n  - name: avail-{i}\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(e{{j=\"{i}\"}}[{{{{.window}}}}]))\n        total_query: sum(rate(t{{j=\"{i}\"}}[{{{{.window}}}}]))\n"
            )
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

/// One SLO and `n` SLI documents (none referenced but the first).
fn openslo(n: usize) -> String {
    let mut s = String::from(
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout\nspec:\n  service: shop\n  indicatorRef: sli-0\n  timeWindow:\n    - duration: 30d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.999\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "---\napiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: sli-{i}\nspec:\n  ratioMetric:\n    counter: true\n    good:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: sum(rate(good{{i=\"{i}\"}}[5m]))\n    total:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: sum(rate(all{{i=\"{i}\"}}[5m]))\n"
        ));
    }
    s
}

fn project(n: usize) -> Project {
    Project {
        slos: (0..n)
            .map(|i| Slo {
                id: format!("slo-{i}"),
                name: format!("SLO {i}"),
                ..Slo::default()
            })
            .collect(),
        ..Project::default()
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("gate");
    g.sample_size(10);
    for n in [200, 2_000] {
        let text = sloth(n);
        assert!(import_spec(&text).is_ok());
        g.bench_with_input(BenchmarkId::new("sloth import, specs", n), &text, |b, t| {
            b.iter(|| import_spec(black_box(t)))
        });
    }
    for n in [300, 3_000] {
        let text = openslo(n);
        assert!(import_spec(&text).is_ok());
        g.bench_with_input(
            BenchmarkId::new("openslo import, SLI documents", n),
            &text,
            |b, t| b.iter(|| import_spec(black_box(t))),
        );
    }
    for n in [150, 1_500] {
        let p = project(n);
        g.bench_with_input(
            BenchmarkId::new("prometheus export, SLOs", n),
            &p,
            |b, p| b.iter(|| export(black_box(p), None, ExportFormat::Prometheus)),
        );
        let json = serde_json::to_string(&p).unwrap();
        g.bench_with_input(
            BenchmarkId::new("project file read and gate, SLOs", n),
            &json,
            |b, t| b.iter(|| project_from_json(black_box(t))),
        );
    }
    // A chart n personas wide and n people, each playing the persona after
    // their index, so persona 0 is unplayed and every A cell is looked up.
    for n in [1_000, 10_000] {
        let raci = Raci {
            cells: vec![vec!["A".to_string(); n]; 9],
            ..Raci::default()
        };
        let people: Vec<Person> = (0..n)
            .map(|i| Person {
                name: format!("p{i}"),
                persona: i + 1,
            })
            .collect();
        g.bench_with_input(
            BenchmarkId::new("raci staffing lint, people and personas", n),
            &(raci, people),
            |b, (r, p)| b.iter(|| raci_staffing_findings(black_box(r), black_box(p))),
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
