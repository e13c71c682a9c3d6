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
//! `FILE alert_checks skipped budget_checks silenced no_data_firings`.
//!
//! A grouped SLO (Pyrra's `grouping`, kept per `route`) gets its own test
//! file, `conformance-grouped-two-routes.test.yml`: two routes with
//! different outages as labelled input series, and per route the alerts
//! and budget the per-label-set replay (`simulate::label_sets`) reports.
//!
//! It also exports our OpenSLO files with fixed-range queries
//! (tests/conformance/windowing) to `windowing-*.rules.yml`, which run.sh
//! has promtool check like the others.
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
//! - The `web-api` example's SLOs also get a traffic guard (20
//!   events) and a no-data alert (15m), and the `low-traffic` sample a
//!   two-hour gap (rows missing, the counters not moving across it):
//!   `…-low-traffic-with-gap.test.yml`. The no-data alert is checked every
//!   hour of the timeline (rows and gap instants) and around each replayed
//!   firing; burn-rate checks whose window starts inside a gap are skipped
//!   (there `rate` extrapolates from the first sample after the gap), as
//!   are guard checks whose short window holds exactly the minimum (float
//!   rounding may decide them either way).
//! - The `internal-service` example also gets a copy of its first SLO with its
//!   burn-rate alerts switched off (`AlertPreset::NoAlerts`, id suffixed
//!   `-quiet`): the replay fires nothing, and at every checked instant the
//!   rules hold no firing alert of that SLO (`ALERTS` counted, 0 expected).

use slo_engine::alerting::effective_alerts;
use slo_engine::examples::EXAMPLES;
use slo_engine::export::prometheus::{
    alert_rule_name, annotation_texts, export, firing_labels, group_names, no_data_labels,
    period_rules_hold, runbook_text, slo_labels,
};
use slo_engine::export::promql::quote;
use slo_engine::export::yaml::{self, map, s, Y};
use slo_engine::guards::{no_data_rule_name, no_data_texts, NoDataAlert, TrafficGuard};
use slo_engine::ingest::LabelSet;
use slo_engine::model::{AlertPreset, EventKind, Severity, Sli, Slo, Span};
use slo_engine::samples::{generate, sample_traffic, Incident, Traffic, SAMPLES};
use slo_engine::series::EventSeries;
use slo_engine::simulate::label_sets::replay_sets;
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
/// The example whose SLOs also get a traffic guard and a no-data alert.
const GUARDED_EXAMPLE: &str = "web-api";
/// Their guard: at least this many events in each alert's short window.
const GUARD_EVENTS: u64 = 20;
/// The example that also gets a copy of its first SLO without burn-rate alerts.
const QUIET_EXAMPLE: &str = "internal-service";

/// The sample that gets a gap, and the gap's length in rows.
const GAP_SAMPLE: &str = "low-traffic";
const GAP_ROWS: usize = 24;

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
    export_windowing_specs(out)?;
    write_grouped(out, days)?;
    for example in EXAMPLES {
        let guarded = example.id == GUARDED_EXAMPLE;
        let mut originals = (example.build)().slos;
        if example.id == QUIET_EXAMPLE {
            originals.extend(originals.first().map(quiet_copy));
        }
        let slos: Vec<Slo> = originals
            .iter()
            .map(|slo| conformance_slo(slo, guarded))
            .collect();
        let refs: Vec<&Slo> = slos.iter().collect();
        let rules_name = format!("conformance-{}", example.id);
        let files = export(&refs, &rules_name)?;
        for f in &files {
            write(out, &f.name, &f.content)?;
        }
        for sample in SAMPLES {
            let traffic = sample_traffic(sample.id).ok_or("a listed sample has no settings")?;
            let mut series = generate(&compressed(traffic, days));
            let mut sample_name = sample.id.to_string();
            if sample.id == GAP_SAMPLE {
                series = with_gap(&series);
                sample_name.push_str("-with-gap");
            }
            let test = TestFile::build(&slos, &series, &format!("{rules_name}.rules.yml"));
            let name = format!("conformance-{}-{sample_name}.test.yml", example.id);
            write(out, &name, &test.text)?;
            println!(
                "{name} {} {} {} {} {}",
                test.alert_checks, test.skipped, test.budget_checks, test.silenced, test.no_data
            );
        }
    }
    Ok(())
}

/// Our OpenSLO files whose queries have fixed ranges or bare counters
/// (tests/conformance/windowing), exported to Prometheus rules for
/// `promtool check rules`: the export windows them.
fn export_windowing_specs(out: &Path) -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/windowing");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let imported = slo_engine::import::import_spec(&text)
            .map_err(|d| format!("{}: {}", path.display(), slo_engine::validate::explain(&d)))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().replace('.', "-"))
            .unwrap_or_default();
        let slos: Vec<&Slo> = imported.project.slos.iter().collect();
        for f in export(&slos, &format!("windowing-{stem}"))? {
            write(out, &f.name, &f.content)?;
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

/// The series with `GAP_ROWS` rows missing two fifths of the way in, and
/// the row after them without events: the service and its exporter were
/// down, so the counters did not move across the gap.
fn with_gap(series: &EventSeries) -> EventSeries {
    let from = series.len() * 2 / 5;
    let mut out = EventSeries::default();
    for i in (0..series.len()).filter(|i| !(from..from + GAP_ROWS).contains(i)) {
        if i == from + GAP_ROWS {
            out.push(series.t[i], 0.0, 0.0);
        } else {
            out.push(series.t[i], series.good[i], series.total[i]);
        }
    }
    out
}

/// The SLO with its queries replaced by the conformance counters; with
/// `guarded`, a traffic guard and a no-data alert too.
fn conformance_slo(slo: &Slo, guarded: bool) -> Slo {
    let mut alerting = slo.alerting.clone();
    if guarded {
        alerting.traffic_guard = Some(TrafficGuard {
            min_events: GUARD_EVENTS,
        });
        alerting.no_data = Some(NoDataAlert {
            after: Span::minutes(15),
            severity: Severity::Ticket,
        });
    }
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
        alerting,
        ..slo.clone()
    }
}

/// The SLO again under its own id, with its burn-rate alerts switched off.
fn quiet_copy(slo: &Slo) -> Slo {
    let mut quiet = Slo {
        id: format!("{}-quiet", slo.id),
        name: format!("{} (no alerts)", slo.name),
        ..slo.clone()
    };
    quiet.alerting.preset = AlertPreset::NoAlerts;
    quiet.alerting.alerts.clear();
    quiet
}

/// One `promtool test rules` file and how much it checks.
struct TestFile {
    text: String,
    alert_checks: usize,
    skipped: usize,
    budget_checks: usize,
    /// Firings the replay says the traffic guard silenced.
    silenced: usize,
    /// Firings of the no-data alert in the replay.
    no_data: usize,
}

/// The data as the test sees it: a row at time t is at offset
/// `t - t[0] + step` seconds from the test's time 0, where the counters'
/// first sample (0) sits; a gap in the rows is a run of missing samples.
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

    fn offset_of(&self, t: i64) -> i64 {
        t - self.series.t.first().copied().unwrap_or(0) + self.step
    }

    fn offset(&self, row: usize) -> i64 {
        self.offset_of(self.series.t[row])
    }

    /// Rows whose offset is a multiple of `every` seconds.
    fn every(&self, every: i64) -> impl Iterator<Item = usize> + '_ {
        (0..self.series.len()).filter(move |&i| self.offset(i) % every == 0)
    }

    /// Every instant of the test's grid from the first row to the last,
    /// rows and gaps alike.
    fn instants(&self) -> impl Iterator<Item = i64> + '_ {
        let (first, last) = (
            self.series.t.first().copied().unwrap_or(0),
            self.series.t.last().copied().unwrap_or(0),
        );
        (first..=last).step_by(self.step.max(1) as usize)
    }

    /// Whether a counter sample sits at time t (a row, or the first zero).
    fn has_sample(&self, t: i64) -> bool {
        self.series.t.first().map(|f| f - self.step) == Some(t)
            || self.series.t.binary_search(&t).is_ok()
    }

    /// Whether a window `[t - len, t]` starts inside a gap: after the first
    /// sample but not on a sample, so `rate` would extrapolate.
    fn starts_in_gap(&self, t: i64, len: i64) -> bool {
        let start = t - len;
        let zero = self.series.t.first().map_or(0, |f| f - self.step);
        start > zero && !self.has_sample(start)
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
            silenced: 0,
            no_data: 0,
        };
        let mut inputs = Vec::new();
        let mut alert_tests = Vec::new();
        let mut expr_tests = Vec::new();
        for slo in slos {
            let sim = simulate(series, slo, &SimOptions::default());
            file.silenced += sim.silenced.len();
            file.no_data += sim.no_data.len();
            inputs.extend(input_series(slo, &line, &[]));
            alert_tests.extend(file.alert_tests(slo, &sim, &line));
            expr_tests.extend(file.quiet_tests(slo, &sim, &line));
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
                let t = line.series.t[i];
                let windows = [alert.long, alert.short].map(|w| w.seconds() as i64);
                let near_tie = windows.iter().any(|&w| {
                    let burn = line.burn(i, w, budget);
                    (burn - alert.factor).abs() <= TIE * alert.factor
                });
                let guard_tie = slo.alerting.traffic_guard.is_some_and(|g| {
                    let events = line.window(i, windows[1]).1;
                    (events - g.min_events as f64).abs() <= TIE * g.min_events as f64
                });
                let in_gap = windows.iter().any(|&w| line.starts_in_gap(t, w));
                if near_tie || guard_tie || in_gap {
                    self.skipped += 1;
                    continue;
                }
                let firing = sim
                    .alerts
                    .iter()
                    .any(|a| a.alert_index == k && a.start <= t && a.end.is_none_or(|e| t < e));
                let expected = if firing {
                    vec![expected_alert(slo, alert, &[])]
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
        if let Some(alert) = slo.alerting.no_data {
            tests.extend(self.no_data_tests(slo, &alert, sim, line));
        }
        tests
    }

    /// For an SLO without burn-rate alerts: at every checked instant, as
    /// many of its burn-rate alerts firing in the rules as in the replay,
    /// which is none (`or vector(0)` counts an empty result as 0).
    fn quiet_tests(&mut self, slo: &Slo, sim: &Simulation, line: &Timeline) -> Vec<Y> {
        if !effective_alerts(slo).0.is_empty() {
            return Vec::new();
        }
        let selector = format!(
            "{{sloth_id={}, alertstate=\"firing\", alertname!={}}}",
            quote(&slo_labels(slo)[0].1),
            quote(&no_data_rule_name(slo))
        );
        alert_instants(sim, line)
            .into_iter()
            .map(|i| {
                self.alert_checks += 1;
                let t = line.series.t[i];
                let firing = sim
                    .alerts
                    .iter()
                    .filter(|a| a.start <= t && a.end.is_none_or(|e| t < e))
                    .count();
                map(vec![
                    ("expr", s(format!("count(ALERTS{selector}) or vector(0)"))),
                    ("eval_time", s(format!("{}s", line.offset(i)))),
                    (
                        "exp_samples",
                        Y::Seq(vec![map(vec![
                            ("labels", s("{}")),
                            ("value", Y::Num(firing as f64)),
                        ])]),
                    ),
                ])
            })
            .collect()
    }

    /// The no-data alert every hour of the timeline (rows and gap instants)
    /// and on both sides of each replayed start and end.
    fn no_data_tests(
        &mut self,
        slo: &Slo,
        alert: &NoDataAlert,
        sim: &Simulation,
        line: &Timeline,
    ) -> Vec<Y> {
        let mut instants: Vec<i64> = line
            .instants()
            .filter(|&t| line.offset_of(t) % ALERT_EVERY == 0)
            .collect();
        for f in &sim.no_data {
            for edge in std::iter::once(f.start).chain(f.end) {
                instants.extend([edge - line.step, edge]);
            }
        }
        let first = line.series.t.first().copied().unwrap_or(0);
        instants.retain(|&t| t >= first);
        instants.sort_unstable();
        instants.dedup();
        let (summary, description) = no_data_texts(slo, alert);
        let expected = map(vec![
            (
                "exp_labels",
                Y::Map(
                    no_data_labels(slo, alert)
                        .into_iter()
                        .map(|(k, v)| (k, s(v)))
                        .collect(),
                ),
            ),
            (
                "exp_annotations",
                map(vec![
                    ("summary", s(summary)),
                    ("description", s(description)),
                    ("runbook_url", s(runbook_text(slo))),
                ]),
            ),
        ]);
        instants
            .into_iter()
            .map(|t| {
                let firing = sim
                    .no_data
                    .iter()
                    .any(|f| f.start <= t && f.end.is_none_or(|e| t < e));
                self.alert_checks += 1;
                map(vec![
                    ("eval_time", s(format!("{}s", line.offset_of(t)))),
                    ("alertname", s(no_data_rule_name(slo))),
                    (
                        "exp_alerts",
                        Y::Seq(if firing {
                            vec![expected.clone()]
                        } else {
                            Vec::new()
                        }),
                    ),
                ])
            })
            .collect()
    }

    /// `slo:period_error_budget_remaining:ratio` against the replay's budget
    /// left, where the period rules exist and the window has events.
    fn budget_tests(&mut self, slo: &Slo, sim: &Simulation, line: &Timeline) -> Vec<Y> {
        self.budget_tests_of(slo, sim, line, &[])
    }

    /// The same for one label set of a grouped SLO, whose labels (`extra`)
    /// the period rules keep.
    fn budget_tests_of(
        &mut self,
        slo: &Slo,
        sim: &Simulation,
        line: &Timeline,
        extra: &[(String, String)],
    ) -> Vec<Y> {
        if period_rules_hold(slo).is_err() {
            return Vec::new();
        }
        let selector = promql_labels(&[slo_labels(slo), extra.to_vec()].concat());
        // The budget left keeps the period ratio's window label, as Sloth's does.
        let mut labels = [slo_labels(slo), extra.to_vec()].concat();
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
/// start and end (the last row before it and the row itself), of the
/// alerts and of the firings the traffic guard silenced.
fn alert_instants(sim: &Simulation, line: &Timeline) -> Vec<usize> {
    let t = &line.series.t;
    let mut rows: Vec<usize> = line.every(ALERT_EVERY).collect();
    for a in sim.alerts.iter().chain(&sim.silenced) {
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

/// The alert as promtool must see it firing; `extra`: the label set's labels
/// of a grouped SLO, which the rules carry through.
fn expected_alert(
    slo: &Slo,
    alert: &slo_engine::model::BurnAlert,
    extra: &[(String, String)],
) -> Y {
    let labels = firing_labels(slo, alert)
        .into_iter()
        .chain(extra.iter().cloned())
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
/// row plus the 0 one step before the first row, `_` (missing) in gaps.
fn input_series(slo: &Slo, line: &Timeline, extra: &[(String, String)]) -> Vec<Y> {
    let t = &line.series.t;
    let first = t.first().map_or(0, |f| f - line.step);
    let slots = t.last().map_or(0, |l| (l - first) / line.step + 1);
    let mut bad = vec![None; slots as usize];
    let mut good = vec![None; slots as usize];
    // line.bad[i] holds the rows before row i: the sample at row i is [i + 1].
    for (k, at) in std::iter::once(first).chain(t.iter().copied()).enumerate() {
        let slot = ((at - first) / line.step) as usize;
        let (b, n) = (line.bad[k], line.total[k]);
        bad[slot] = Some(b as u64);
        good[slot] = Some((n - b) as u64);
    }
    [("bad", bad), ("good", good)]
        .into_iter()
        .map(|(outcome, values)| {
            map(vec![
                (
                    "series",
                    s(format!(
                        "{METRIC}{}",
                        promql_labels(
                            &[
                                ("slo".to_string(), slo.id.clone()),
                                ("outcome".to_string(), outcome.to_string())
                            ]
                            .into_iter()
                            .chain(extra.iter().cloned())
                            .collect::<Vec<_>>()
                        )
                    )),
                ),
                ("values", s(expanding(&values))),
            ])
        })
        .collect()
}

/// promtool's expanding notation: a run of equal increments `a, a+d, …,
/// a+n·d` is written `a+dxn`, a missing sample `_`; everything else as
/// plain numbers.
fn expanding(values: &[Option<u64>]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let Some(value) = values[i] else {
            parts.push("_".to_string());
            i += 1;
            continue;
        };
        let step_from = |j: usize| -> Option<u64> {
            values
                .get(j + 1)
                .copied()
                .flatten()?
                .checked_sub(values[j]?)
        };
        let d = step_from(i);
        let mut j = i;
        while d.is_some() && step_from(j) == d {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{value}+{}x{}", d.unwrap_or(0), j - i));
            i = j + 1;
            continue;
        }
        parts.push(value.to_string());
        i += 1;
    }
    parts.join(" ")
}

// ---- a grouped SLO ------------------------------------------------------------

/// The label the grouped SLO is kept per.
const GROUP_LABEL: &str = "route";

/// A grouped SLO: 99.9% over 30 days with the Workbook alerts (the
/// defaults), its queries summing the conformance counters by route, as the
/// Pyrra import writes a `grouping`.
fn grouped_slo() -> Slo {
    let id = "orders-per-route";
    let sum_rate = |selector: String| {
        format!("sum by ({GROUP_LABEL}) (rate({METRIC}{{{selector}}}[{{{{.window}}}}]))")
    };
    Slo {
        id: id.into(),
        name: "Orders per route".into(),
        service: "orders".into(),
        grouping: vec![GROUP_LABEL.into()],
        sli: Sli::Ratio {
            counts: EventKind::Bad,
            events_query: sum_rate(format!("slo={},outcome=\"bad\"", quote(id))),
            total_query: sum_rate(format!("slo={}", quote(id))),
        },
        ..Slo::default()
    }
}

/// Two routes told in `days`, with different outages: /pay fails every
/// request for 25 minutes a third of the way in; /list, a third of the
/// traffic, fails 1% of its requests for 6 hours two thirds of the way in.
fn routes(days: u32) -> Vec<LabelSet> {
    let hours = f64::from(days) * 24.0;
    let route = |name: &str, seed: u64, requests_per_step: f64, incident: Incident| LabelSet {
        labels: vec![(GROUP_LABEL.to_string(), name.to_string())],
        series: generate(&Traffic {
            days,
            seed,
            requests_per_step,
            incidents: vec![incident],
            ..Traffic::default()
        }),
    };
    vec![
        route(
            "/list",
            22,
            1_000.0,
            Incident {
                start_hours: hours * 2.0 / 3.0,
                length_minutes: 360.0,
                error_rate: 0.01,
            },
        ),
        route(
            "/pay",
            21,
            3_000.0,
            Incident {
                start_hours: hours / 3.0,
                length_minutes: 25.0,
                error_rate: 1.0,
            },
        ),
    ]
}

/// Exports the grouped SLO's rules and writes its test file.
fn write_grouped(out: &Path, days: u32) -> Result<(), String> {
    let slo = grouped_slo();
    let rules_name = "conformance-grouped";
    for f in export(&[&slo], rules_name)? {
        write(out, &f.name, &f.content)?;
    }
    let sets = routes(days);
    if sets.windows(2).any(|w| w[0].series.t != w[1].series.t) {
        return Err("the routes' rows must share their times".into());
    }
    let test = TestFile::build_grouped(&slo, &sets, &format!("{rules_name}.rules.yml"));
    let name = format!("{rules_name}-two-routes.test.yml");
    write(out, &name, &test.text)?;
    println!(
        "{name} {} {} {} {} {}",
        test.alert_checks, test.skipped, test.budget_checks, test.silenced, test.no_data
    );
    Ok(())
}

impl TestFile {
    /// The test file of a grouped SLO: each label set's counters as input
    /// series carrying its labels, and at every checked instant exactly the
    /// label sets whose replay fires each alert, with their labels.
    fn build_grouped(slo: &Slo, sets: &[LabelSet], rules: &str) -> TestFile {
        let lines: Vec<Timeline> = sets.iter().map(|s| Timeline::new(&s.series)).collect();
        let sims = replay_sets(sets, slo, &SimOptions::default(), true);
        let mut file = TestFile {
            text: String::new(),
            alert_checks: 0,
            skipped: 0,
            budget_checks: 0,
            silenced: 0,
            no_data: 0,
        };
        let mut inputs = Vec::new();
        let mut rows: Vec<usize> = Vec::new();
        let mut expr_tests = Vec::new();
        for ((set, line), replay) in sets.iter().zip(&lines).zip(&sims) {
            inputs.extend(input_series(slo, line, &set.labels));
            rows.extend(alert_instants(&replay.sim, line));
            expr_tests.extend(file.budget_tests_of(slo, &replay.sim, line, &set.labels));
        }
        rows.sort_unstable();
        rows.dedup();
        let alert_tests = file.grouped_alert_tests(slo, sets, &lines, &sims, &rows);
        let Some(line) = lines.first() else {
            return file;
        };
        let order: Vec<Y> = group_names(slo).into_iter().map(s).collect();
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
                "Conformance test written by crates/engine/examples/conformance.rs: a grouped SLO, \
                 the alerts and budget the per-label-set replay reports, asserted per route on the exported rules."
            ),
            yaml::document(&root)
        );
        file
    }

    /// Every alert at every checked row: firing for exactly the label sets
    /// whose replay fires it there, each with its labels.
    fn grouped_alert_tests(
        &mut self,
        slo: &Slo,
        sets: &[LabelSet],
        lines: &[Timeline],
        sims: &[slo_engine::simulate::label_sets::SetReplay],
        rows: &[usize],
    ) -> Vec<Y> {
        let budget = slo.target.error_budget();
        let mut tests = Vec::new();
        let Some(first) = lines.first() else {
            return tests;
        };
        for (k, alert) in effective_alerts(slo).0.iter().enumerate() {
            let windows = [alert.long, alert.short].map(|w| w.seconds() as i64);
            for &i in rows {
                let t = first.series.t[i];
                let near_tie = lines.iter().any(|line| {
                    windows.iter().any(|&w| {
                        (line.burn(i, w, budget) - alert.factor).abs() <= TIE * alert.factor
                    })
                });
                if near_tie {
                    self.skipped += 1;
                    continue;
                }
                let expected: Vec<Y> = sets
                    .iter()
                    .zip(sims)
                    .filter(|(_, r)| {
                        r.sim.alerts.iter().any(|a| {
                            a.alert_index == k && a.start <= t && a.end.is_none_or(|e| t < e)
                        })
                    })
                    .map(|(set, _)| expected_alert(slo, alert, &set.labels))
                    .collect();
                tests.push(map(vec![
                    ("eval_time", s(format!("{}s", first.offset(i)))),
                    ("alertname", s(alert_rule_name(slo, alert))),
                    ("exp_alerts", Y::Seq(expected)),
                ]));
                self.alert_checks += 1;
            }
        }
        tests
    }
}
