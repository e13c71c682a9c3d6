//! Export of a large project: 1,000 SLOs (ten services, every SLO with the
//! default alerts) to each format, as a team exporting its whole catalogue
//! would. Figures are recorded in BENCHMARKS.md (cost curves).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use slo_engine::export::{export, ExportFormat};
use slo_engine::model::{Project, Slo};

const SLOS: usize = 1_000;

fn project(n: usize) -> Project {
    Project {
        name: "bench".into(),
        slos: (0..n)
            .map(|i| Slo {
                id: format!("slo-{i}"),
                name: format!("SLO {i}"),
                service: format!("service-{}", i % 10),
                ..Slo::default()
            })
            .collect(),
        ..Project::default()
    }
}

fn bench(c: &mut Criterion) {
    let p = project(SLOS);
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    for format in ExportFormat::ALL {
        assert!(export(&p, None, format).is_ok_and(|files| !files.is_empty()));
        g.bench_with_input(
            BenchmarkId::new(format!("{format:?}"), SLOS),
            &format,
            |b, &f| b.iter(|| export(black_box(&p), None, f)),
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
