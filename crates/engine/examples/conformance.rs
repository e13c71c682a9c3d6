//! Writes the conformance test: for every example project and every sample
//! data set, the Prometheus rules the engine exports and a `promtool test
//! rules` file whose input series are the data and whose expectations are
//! what the replay (`simulate`) reports. `tests/conformance/run.sh` (called by
//! scripts/check_exports.sh) runs promtool on them; docs/conformance.md says
//! why the comparison can be exact.
//!
//! Usage: cargo run --release -p slo-engine --example conformance -- OUT_DIR [DAYS]
//! DAYS (default 28, the samples' own length) tells each sample's story in
//! fewer days, for a faster run (promtool's cost grows with the rows, and
//! the period rules' with their square). Prints one line per test file:
//! `FILE alert_checks skipped budget_checks`.
//!
//! Scheme:
//! - Each SLO's queries are replaced by two conformance counters holding the
//!   data's good and bad events (`slo_conformance_events_total{slo, outcome}`),
//!   counted the way the SLO's own SLI counts them (good or bad events), so
//!   the rules are the exporter's for that SLO with inputs promtool can hold.
//!   The team's own queries are checked by `promtool check rules` elsewhere.
//! - Counter samples at every row time, the first one (0) one step before the
//!   first row; rules evaluated every data step, at the row times. A window
//!   `[L]` then starts and ends on a sample, so `rate` does not extrapolate
//!   and reads exactly the rows of the replay's window `(t - L, t]`.
//! - Alerts are checked every hour and on both sides of every replayed start
//!   and end; an (instant, alert) whose window burn is within 1e-9 of the
//!   factor is skipped (float rounding may decide it either way) and counted.
//! - The budget left is checked every 6 hours within 1e-9 (absolute).

use slo_engine::alerting::effective_alerts;
use slo_engine::examples::EXAMPLES;
use slo_engine::export::prometheus::{
    alert_rule_name, annotation_texts, export, firing_labels, group_names, period_rules_hold,
    slo_labels,
};
use slo_engine::export::promql::quote;
use slo_engine::export::yaml::{self, map, s, Y};
use slo_engine::model::{EventKind, Sli, Slo};
use slo_engine::samples::{generate, sample_traffic, Incident, Traffic, SAMPLES};
use slo_engine::series::EventSeries;
use slo_engine::simulate::{simulate, SimOptions, Simulation};
use std::path::Path;

/// The counter every conformance SLO reads.
const METRIC: &str = "slo_conformance_events_total";
/// Alerts are checked at least this often (plus around every transition).
const ALERT_EVERY: i64 = 3_600;
/// The budget left is checked this often.
const BUDGET_EVERY: i64 = 6 * 3_600;
/// Relative distance to a factor under which rounding may decide an alert.
const TIE: f64 = 1e-9;
/// Largest accepted difference between the replayed and the recorded budget left.
const BUDGET_TOLERANCE: &str = "1e-9";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let days = args.get(2).map_or(Ok(28), |d| d.parse::<u32>());
    let (Some(out), Ok(days @ 4..=28)) = (args.get(1), days) else {
        eprintln!("usage: conformance OUT_DIR [DAYS: 4 to 28, default 28]");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(out), days) {
        eprintln!("conformance: {e}");
        std::process::exit(1);
    }
}

fn run(out: &Path, days: u32) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    for example in EXAMPLES {
        let slos: Vec<Slo> = (example.build)().slos.iter().map(conformance_slo).collect();
        let refs: Vec<&Slo> = slos.iter().collect();
        let rules_name = format!("conformance-{}", example.id);
        let files = export(&refs, &rules_name)?;
        for f in &files {
            write(out, &f.name, &f.content)?;
        }
        for sample in SAMPLES {
            let traffic = sample_traffic(sample.id).ok_or("a listed sample has no settings")?;
            let series = generate(&compressed(traffic, days));
            let test = TestFile::build(&slos, &series, &format!("{rules_name}.rules.yml"));
            let name = format!("conformance-{}-{}.test.yml", example.id, sample.id);
            write(out, &name, &test.text)?;
            println!(
                "{name} {} {} {}",
                test.alert_checks, test.skipped, test.budget_checks
            );
        }
    }
    Ok(())
}

/// The sample's story told in `days` instead of its own length: incidents
/// and the regression move in proportion, the slow burn reaches its final
/// rate at the new end; incident lengths and traffic stay as they are.
fn compressed(traffic: Traffic, days: u32) -> Traffic {
    let scale = f64::from(days) / f64::from(traffic.days);
    Traffic {
        days,
        incidents: traffic
            .incidents
            .iter()
            .map(|i| Incident {
                start_hours: i.start_hours * scale,
                ..*i
            })
            .collect(),
        regression: traffic.regression.map(|(from, rate)| (from * scale, rate)),
        ..traffic
    }
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
}

/// The SLO with its queries replaced by the conformance counters.
fn conformance_slo(slo: &Slo) -> Slo {
    let counts = match &slo.sli {
        Sli::Ratio { counts, .. } => *counts,
        Sli::Latency { .. } | Sli::Availability { .. } => EventKind::Good,
    };
    let outcome = match counts {
        EventKind::Good => "good",
        EventKind::Bad => "bad",
    };
    let id = quote(&slo.id);
    Slo {
        sli: Sli::Ratio {
            counts,
            events_query: format!(
                "sum(rate({METRIC}{{slo={id},outcome=\"{outcome}\"}}[{{{{.window}}}}]))"
            ),
            total_query: format!("sum(rate({METRIC}{{slo={id}}}[{{{{.window}}}}]))"),
        },
        ..slo.clone()
    }
}

/// One `promtool test rules` file and how much it checks.
struct TestFile {
    text: String,
    alert_checks: usize,
    skipped: usize,
    budget_checks: usize,
}

/// The data as the test sees it: row i is at offset `(i + 1) x step` seconds
/// from the test's time 0, where the counters' first sample (0) sits.
struct Timeline<'a> {
    series: &'a EventSeries,
    step: i64,
    /// Running sums: `bad[i]` and `total[i]` hold the rows before row i.
    bad: Vec<f64>,
    total: Vec<f64>,
}

impl<'a> Timeline<'a> {
    fn new(series: &'a EventSeries) -> Self {
        let (mut bad, mut total) = (vec![0.0], vec![0.0]);
        for (g, n) in series.good.iter().zip(&series.total) {
            bad.push(bad.last().copied().unwrap_or(0.0) + (n - g));
            total.push(total.last().copied().unwrap_or(0.0) + n);
        }
        Timeline {
            series,
            step: series.step(),
            bad,
            total,
        }
    }

    fn offset(&self, row: usize) -> i64 {
        (row as i64 + 1) * self.step
    }

    /// Rows whose offset is a multiple of `every` seconds.
    fn every(&self, every: i64) -> impl Iterator<Item = usize> + '_ {
        (0..self.series.len()).filter(move |&i| self.offset(i) % every == 0)
    }

    /// Bad and total events in the window `(t - len, t]` ending at row i.
    fn window(&self, i: usize, len: i64) -> (f64, f64) {
        let from = self.series.t[i] - len;
        let first = self.series.t[..=i].partition_point(|&t| t <= from);
        (
            self.bad[i + 1] - self.bad[first],
            self.total[i + 1] - self.total[first],
        )
    }

    /// Error-ratio burn over `len` at row i (0 without events, as the replay reads it).
    fn burn(&self, i: usize, len: i64, budget: f64) -> f64 {
        let (bad, total) = self.window(i, len);
        if total > 0.0 {
            bad / total / budget
        } else {
            0.0
        }
    }
}

impl TestFile {
    fn build(slos: &[Slo], series: &EventSeries, rules: &str) -> TestFile {
        let line = Timeline::new(series);
        let mut file = TestFile {
            text: String::new(),
            alert_checks: 0,
            skipped: 0,
            budget_checks: 0,
        };
        let mut inputs = Vec::new();
        let mut alert_tests = Vec::new();
        let mut expr_tests = Vec::new();
        for slo in slos {
            let sim = simulate(series, slo, &SimOptions::default());
            inputs.extend(input_series(slo, &line));
            alert_tests.extend(file.alert_tests(slo, &sim, &line));
            expr_tests.extend(file.budget_tests(slo, &sim, &line));
        }
        let order: Vec<Y> = slos.iter().flat_map(group_names).map(s).collect();
        let root = map(vec![
            ("rule_files", Y::Seq(vec![s(rules)])),
            ("evaluation_interval", s(format!("{}s", line.step))),
            ("group_eval_order", Y::Seq(order)),
            (
                "tests",
                Y::Seq(vec![map(vec![
                    ("interval", s(format!("{}s", line.step))),
                    ("input_series", Y::Seq(inputs)),
                    ("alert_rule_test", Y::Seq(alert_tests)),
                    ("promql_expr_test", Y::Seq(expr_tests)),
                ])]),
            ),
        ]);
        file.text = format!(
            "{}{}",
            yaml::comment(
                "Conformance test written by crates/engine/examples/conformance.rs: \
                 the alerts and budget the replay reports, asserted on the exported rules."
            ),
            yaml::document(&root)
        );
        file
    }

    /// Every alert of the SLO at every checked instant: firing (with its
    /// labels and annotations) exactly when the replay says so.
    fn alert_tests(&mut self, slo: &Slo, sim: &Simulation, line: &Timeline) -> Vec<Y> {
        let budget = slo.target.error_budget();
        let rows = alert_instants(sim, line);
        let mut tests = Vec::new();
        for (k, alert) in effective_alerts(slo).0.iter().enumerate() {
            for &i in &rows {
                let near_tie = [alert.long, alert.short].iter().any(|w| {
                    let burn = line.burn(i, w.seconds() as i64, budget);
                    (burn - alert.factor).abs() <= TIE * alert.factor
                });
                if near_tie {
                    self.skipped += 1;
                    continue;
                }
                let t = line.series.t[i];
                let firing = sim
                    .alerts
                    .iter()
                    .any(|a| a.alert_index == k && a.start <= t && a.end.is_none_or(|e| t < e));
                let expected = if firing {
                    vec![expected_alert(slo, alert)]
                } else {
                    Vec::new()
                };
                tests.push(map(vec![
                    ("eval_time", s(format!("{}s", line.offset(i)))),
                    ("alertname", s(alert_rule_name(slo, alert))),
                    ("exp_alerts", Y::Seq(expected)),
                ]));
                self.alert_checks += 1;
            }
        }
        tests
    }

    /// `slo:period_error_budget_remaining:ratio` against the replay's budget
    /// left, where the period rules exist and the window has events.
    fn budget_tests(&mut self, slo: &Slo, sim: &Simulation, line: &Timeline) -> Vec<Y> {
        if period_rules_hold(slo).is_err() {
            return Vec::new();
        }
        let selector = promql_labels(&slo_labels(slo));
        // The budget left keeps the period ratio's window label, as Sloth's does.
        let mut labels = slo_labels(slo);
        labels.push(("sloth_window".into(), slo.window.nominal().prometheus()));
        let expected_labels = promql_labels(&labels);
        let period = slo.window.nominal().seconds() as i64;
        let mut tests = Vec::new();
        for i in line.every(BUDGET_EVERY) {
            if line.window(i, period).1 <= 0.0 {
                continue;
            }
            let Some(expected) = sim.points.budget_remaining.get(i) else {
                continue;
            };
            tests.push(map(vec![
                (
                    "expr",
                    s(format!(
                        "abs(slo:period_error_budget_remaining:ratio{selector} - ({expected:e})) < bool {BUDGET_TOLERANCE}"
                    )),
                ),
                ("eval_time", s(format!("{}s", line.offset(i)))),
                (
                    "exp_samples",
                    Y::Seq(vec![map(vec![
                        ("labels", s(expected_labels.clone())),
                        ("value", Y::Num(1.0)),
                    ])]),
                ),
            ]));
            self.budget_checks += 1;
        }
        tests
    }
}

/// Rows to check: every hour, and the rows on both sides of each replayed
/// start and end (the last row before it and the row itself).
fn alert_instants(sim: &Simulation, line: &Timeline) -> Vec<usize> {
    let t = &line.series.t;
    let mut rows: Vec<usize> = line.every(ALERT_EVERY).collect();
    for a in &sim.alerts {
        for edge in std::iter::once(a.start).chain(a.end) {
            let i = t.partition_point(|&x| x < edge);
            rows.extend(
                [i.saturating_sub(1), i]
                    .into_iter()
                    .filter(|&r| r < t.len()),
            );
        }
    }
    rows.sort_unstable();
    rows.dedup();
    rows
}

fn expected_alert(slo: &Slo, alert: &slo_engine::model::BurnAlert) -> Y {
    let labels = firing_labels(slo, alert)
        .into_iter()
        .map(|(k, v)| (k, s(v)))
        .collect();
    let texts = annotation_texts(slo, alert);
    map(vec![
        ("exp_labels", Y::Map(labels)),
        (
            "exp_annotations",
            map(vec![
                ("summary", s(texts.summary)),
                ("description", s(texts.description)),
                ("runbook_url", s(texts.runbook_url)),
            ]),
        ),
    ])
}

/// `{a="x", b="y"}` with PromQL-quoted values.
fn promql_labels(labels: &[(String, String)]) -> String {
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}={}", quote(v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

/// The SLO's two counters: good and bad events, cumulative, one sample per
/// row plus the 0 one step before the first row.
fn input_series(slo: &Slo, line: &Timeline) -> Vec<Y> {
    let bad: Vec<u64> = line.bad.iter().map(|x| *x as u64).collect();
    let good: Vec<u64> = line
        .total
        .iter()
        .zip(&line.bad)
        .map(|(t, b)| (t - b) as u64)
        .collect();
    [("bad", bad), ("good", good)]
        .into_iter()
        .map(|(outcome, values)| {
            map(vec![
                (
                    "series",
                    s(format!(
                        "{METRIC}{}",
                        promql_labels(&[
                            ("slo".into(), slo.id.clone()),
                            ("outcome".into(), outcome.into())
                        ])
                    )),
                ),
                ("values", s(expanding(&values))),
            ])
        })
        .collect()
}

/// promtool's expanding notation: a run of equal increments `a, a+d, …,
/// a+n·d` is written `a+dxn`; everything else as plain numbers.
fn expanding(values: &[u64]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let mut j = i;
        if let Some(&next) = values.get(i + 1) {
            let d = next.checked_sub(values[i]);
            while values.get(j + 1).and_then(|v| v.checked_sub(values[j])) == d && d.is_some() {
                j += 1;
            }
            if j - i >= 2 {
                parts.push(format!("{}+{}x{}", values[i], d.unwrap_or(0), j - i));
                i = j + 1;
                continue;
            }
        }
        parts.push(values[i].to_string());
        i += 1;
    }
    parts.join(" ")
}
