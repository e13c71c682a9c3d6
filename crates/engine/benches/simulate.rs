//! Engine speed: replaying 1M rows (about two years of minute data) against a
//! 30-day SLO with the four Workbook window pairs, plus the target sweep.
//! Figures go in BENCHMARKS.md.
//!
//! Two clocks: wall time (criterion's default), and, on Linux, the on-CPU
//! time of the benchmarking thread (`/proc/thread-self/schedstat`), which
//! stays meaningful when other processes share the cores.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use slo_engine::model::Slo;
use slo_engine::series::EventSeries;
use slo_engine::simulate::{simulate, simulate_summary, SimOptions};
use slo_engine::whatif::{default_sweep_targets, sweep};
use std::time::{Duration, Instant};

/// Minute rows of ~1000 requests with a deterministic sprinkle of errors and
/// a 10-minute full outage every ~10 days, so alerts fire and end.
pub fn synthetic(rows: usize) -> EventSeries {
    let mut s = EventSeries::default();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let total = 900.0 + (x % 200) as f64;
        let bad = if i % 14_400 < 10 {
            total
        } else {
            (x >> 32) as f64 % 2.0
        };
        s.push(1_700_000_000 + 60 * i as i64, total - bad, total);
    }
    s
}

/// Nanoseconds this thread has run on a CPU, when the kernel tells.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Runs `f` `iters` times and returns the thread's CPU time (wall time where
/// the CPU clock is unavailable).
fn cpu_time(iters: u64, mut f: impl FnMut()) -> Duration {
    let (wall, cpu) = (Instant::now(), thread_cpu_ns());
    for _ in 0..iters {
        f();
    }
    match (cpu, thread_cpu_ns()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
        _ => wall.elapsed(),
    }
}

fn bench(c: &mut Criterion) {
    let slo = Slo::default();
    for rows in [100_000usize, 1_000_000] {
        let series = synthetic(rows);
        c.bench_function(&format!("simulate {rows} rows, 4 window pairs"), |b| {
            b.iter(|| simulate(black_box(&series), black_box(&slo), &SimOptions::default()))
        });
    }
    let series = synthetic(1_000_000);
    c.bench_function("cpu time: simulate 1000000 rows, 4 window pairs", |b| {
        b.iter_custom(|iters| {
            cpu_time(iters, || {
                drop(black_box(simulate(&series, &slo, &SimOptions::default())))
            })
        })
    });
    // What the CLI and the sweep run: the same replay without the chart series.
    c.bench_function(
        "cpu time: simulate_summary 1000000 rows, 4 window pairs",
        |b| {
            b.iter_custom(|iters| {
                cpu_time(iters, || {
                    drop(black_box(simulate_summary(
                        &series,
                        &slo,
                        &SimOptions::default(),
                    )))
                })
            })
        },
    );
    // One window pair instead of four: the difference is what each pair
    // costs (an SLO without alerts is replayed with the four defaults).
    let one_pair = Slo {
        alerting: slo_engine::model::AlertConfig {
            alerts: slo.alerting.alerts[..1].to_vec(),
            ..slo.alerting.clone()
        },
        ..slo.clone()
    };
    c.bench_function("cpu time: simulate 1000000 rows, 1 window pair", |b| {
        b.iter_custom(|iters| {
            cpu_time(iters, || {
                drop(black_box(simulate(
                    &series,
                    &one_pair,
                    &SimOptions::default(),
                )))
            })
        })
    });
    let mut group = c.benchmark_group("whatif");
    group.sample_size(10);
    group.bench_function("sweep 1000000 rows, 5 targets", |b| {
        b.iter(|| {
            sweep(
                black_box(&series),
                black_box(&slo),
                &default_sweep_targets(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
