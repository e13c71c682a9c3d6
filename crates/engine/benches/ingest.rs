//! Ingestion throughput: a million one-minute rows of `timestamp,good,total`
//! with RFC 3339 times (about 32 MB, the shape a month or two of exported
//! metrics has), the same with Unix-seconds times, and 100k steps of it as
//! Prometheus `query_range` JSON, and a million rows with a `route` column
//! read per label set for a grouped SLO (ten routes, interleaved).
//! The data is generated here, deterministically, so the bench needs no file.
//!
//! Measured here on 2026-11-25 (2 shared cores, load about 3, release profile
//! with opt-level "z"): RFC 3339 CSV 68.8 ms per million rows (32 MB,
//! 444 MiB/s); Unix-seconds CSV 77 ms (21 MB, noisy); Prometheus JSON
//! 27 ms per 100k steps (142 MiB/s).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use slo_engine::ingest::{parse, time, IngestOptions};

const START: i64 = 1_700_000_000;

/// Deterministic traffic: a daily wave of 8,000 to 12,000 requests a
/// minute and a few errors, from a small xorshift generator.
fn minute_counts(rows: usize) -> impl Iterator<Item = (i64, u64, u64)> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..rows).map(move |i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let wave = ((i % 1440) as f64 / 1440.0 * std::f64::consts::TAU).sin();
        let total = (10_000.0 + 2_000.0 * wave) as u64 + state % 100;
        let bad = state % 13;
        (START + 60 * i as i64, total - bad, total)
    })
}

fn csv(rows: usize, rfc3339: bool) -> String {
    let mut s = String::with_capacity(rows * 33 + 32);
    s.push_str("timestamp,good,total\n");
    for (t, good, total) in minute_counts(rows) {
        let t = if rfc3339 {
            time::format(t)
        } else {
            t.to_string()
        };
        s.push_str(&format!("{t},{good},{total}\n"));
    }
    s
}

/// The same counts spread over ten routes, interleaved row by row, as an
/// export grouped by route has them.
fn csv_by_route(rows: usize) -> String {
    let mut s = String::with_capacity(rows * 40 + 32);
    s.push_str("timestamp,route,good,total\n");
    for (i, (t, good, total)) in minute_counts(rows).enumerate() {
        let route = i % 10;
        s.push_str(&format!(
            "{},/r{route},{good},{total}\n",
            t - 60 * route as i64
        ));
    }
    s
}

fn prom_json(rows: usize) -> String {
    let (mut good, mut total) = (String::new(), String::new());
    for (i, (t, g, n)) in minute_counts(rows).enumerate() {
        let sep = if i == 0 { "" } else { "," };
        good.push_str(&format!("{sep}[{t},\"{g}\"]"));
        total.push_str(&format!("{sep}[{t},\"{n}\"]"));
    }
    format!(
        "{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[\
         {{\"metric\":{{\"__name__\":\"requests_good\"}},\"values\":[{good}]}},\
         {{\"metric\":{{\"__name__\":\"requests_total\"}},\"values\":[{total}]}}]}}}}"
    )
}

fn bench(c: &mut Criterion) {
    let opts = IngestOptions::default();
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);

    for (name, rfc3339) in [
        ("csv_rfc3339_1m_rows", true),
        ("csv_unix_seconds_1m_rows", false),
    ] {
        let text = csv(1_000_000, rfc3339);
        assert_eq!(
            parse(&text, &opts).map(|d| d.series.len()).ok(),
            Some(1_000_000)
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| parse(black_box(&text), &opts)));
    }

    let by_route = IngestOptions {
        group_by: vec!["route".into()],
        ..IngestOptions::default()
    };
    let text = csv_by_route(1_000_000);
    assert_eq!(parse(&text, &by_route).map(|d| d.sets.len()).ok(), Some(10));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("csv_by_route_1m_rows_10_sets", |b| {
        b.iter(|| parse(black_box(&text), &by_route))
    });

    let json = prom_json(100_000);
    assert_eq!(
        parse(&json, &opts).map(|d| d.series.len()).ok(),
        Some(100_000)
    );
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("prometheus_json_100k_steps", |b| {
        b.iter(|| parse(black_box(&json), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
