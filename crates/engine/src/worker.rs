//! The replay report: everything the Iteration page shows about one data set
//! and one SLO draft, computed in one place and small enough to send between
//! threads.
//!
//! `report` runs the simulation, the target sweep and the recalibration over
//! the full series, then reduces every curve to the pixel columns of a chart.
//! The page calls it directly for small inputs; for large ones the Web Worker
//! (`src/bin/worker.rs`) holds the parsed series and answers the same
//! `Request`s with the same `Report`s as JSON, so the main thread never holds
//! or scans a million rows. Pure engine code: no DOM, no plotting, no
//! parsing rules of its own (it calls `ingest`, `simulate` and `whatif`).

use crate::chart::downsample::min_max_per_column;
use crate::diag::Diagnostic;
use crate::ingest::{DataFormat, DataKind, Dataset, LabelSet};
use crate::model::{Severity, Slo, Target};
use crate::series::EventSeries;
use crate::simulate::label_sets::{replay_sets, scope, Scope};
use crate::simulate::{simulate, SimOptions};
use crate::whatif;
use serde::{Deserialize, Serialize};

/// What the preview says about parsed data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSummary {
    /// "CSV (comma)", "TSV", "CSV (semicolon)", "Prometheus query_range JSON".
    pub format: String,
    /// "good/total counts", "latency samples", "up/down probes".
    pub kind: String,
    pub columns: Vec<String>,
    pub rows: usize,
    /// Intervals after sorting and merging duplicates.
    pub intervals: usize,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub step: i64,
    pub cumulative: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl DataSummary {
    pub fn of(d: &Dataset) -> DataSummary {
        let format = match d.format {
            DataFormat::Csv { delimiter: b'\t' } => "TSV".to_string(),
            DataFormat::Csv { delimiter: b';' } => "CSV (semicolon)".to_string(),
            DataFormat::Csv { delimiter } => format!(
                "CSV ({})",
                if delimiter == b',' {
                    "comma".into()
                } else {
                    (delimiter as char).to_string()
                }
            ),
            DataFormat::PrometheusJson => "Prometheus query_range JSON".to_string(),
        };
        let kind = match d.kind {
            DataKind::Counts => "good/total counts",
            DataKind::Latency => "latency samples",
            DataKind::Probe => "up/down probes",
        };
        DataSummary {
            format,
            kind: kind.to_string(),
            columns: d.columns.clone(),
            rows: d.rows,
            intervals: d.series.len(),
            start: d.start(),
            end: d.end(),
            step: d.step(),
            cumulative: d.cumulative,
            diagnostics: d.diagnostics.clone(),
        }
    }
}

/// A curve reduced to chart columns. NaN marks "no data".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    pub t: Vec<i64>,
    #[serde(with = "nan_as_null")]
    pub v: Vec<f64>,
}

/// JSON has no NaN: gaps travel as `null`.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let opt: Vec<Option<f64>> = v.iter().map(|x| x.is_finite().then_some(*x)).collect();
        opt.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let opt: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(opt.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

/// One alert firing, as the page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertRow {
    pub alert_index: usize,
    pub severity: Severity,
    pub factor: f64,
    pub long_seconds: u64,
    pub short_seconds: u64,
    pub start: i64,
    pub end: Option<i64>,
    pub budget_spent_at_fire: f64,
    pub detection_delay: Option<i64>,
    pub reset_after: Option<i64>,
    pub peak_burn: f64,
}

/// One firing of the no-data alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoDataRow {
    pub severity: Severity,
    pub start: i64,
    pub end: Option<i64>,
}

/// An incident that spent more than the policy's share of the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentRow {
    pub start: i64,
    pub end: i64,
    pub budget_spent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlicesRow {
    pub slice_seconds: u64,
    pub good_slices: usize,
    pub bad_slices: usize,
    pub compliance: f64,
    pub mean_ratio: f64,
    pub budget_remaining: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepOutcome {
    pub target: f64,
    pub pages: usize,
    pub tickets: usize,
    pub windows_exhausted: usize,
    pub min_budget_remaining: f64,
}

/// When the budget first fell below a share (policy thresholds: 50%, 25%, 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub below: f64,
    pub at: i64,
}

/// What the page shows for one SLO draft on the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub x_range: (i64, i64),
    /// Good / total over all data.
    pub sli: f64,
    pub budget_remaining: f64,
    pub lowest_budget: f64,
    /// Good / total within each chart column (the SLI at chart resolution).
    pub sli_columns: Curve,
    /// Compliance over the SLO window so far.
    pub sli_window: Curve,
    pub budget: Curve,
    /// Long-window burn rate per alert, indexed like the SLO's alerts.
    pub burn: Vec<Curve>,
    /// Short-window burn rate per alert, indexed like the SLO's alerts.
    pub burn_short: Vec<Curve>,
    pub alerts: Vec<AlertRow>,
    /// Firings the traffic guard silenced (`Simulation::silenced`).
    pub silenced: Vec<AlertRow>,
    /// Firings of the no-data alert.
    pub no_data: Vec<NoDataRow>,
    pub exhausted: Vec<(i64, i64)>,
    pub incidents: Vec<IncidentRow>,
    pub crossings: Vec<Crossing>,
    pub timeslices: Option<SlicesRow>,
    /// Highest target met in `recalibrate_share` of the windows.
    pub recalibrated: Option<f64>,
    pub warnings: Vec<Diagnostic>,
    /// When the history was in each tier of the request's policy.
    #[serde(default)]
    pub tiers: Vec<crate::policy::TierSpan>,
    /// A grouped SLO replayed per label set: each set's figures, in label
    /// order; empty when the whole is replayed.
    #[serde(default)]
    pub label_sets: Vec<LabelSetRow>,
    /// Which of `label_sets` every other figure of the report is about.
    #[serde(default)]
    pub shown_set: Option<usize>,
    /// Why a grouped SLO (or data with label sets) is replayed as a whole.
    #[serde(default)]
    pub scope_note: Option<String>,
}

/// One label set of a grouped SLO, as the page's summary table lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelSetRow {
    /// `{route="/pay"}`.
    pub selector: String,
    pub sli: f64,
    pub budget_remaining: f64,
    pub pages: usize,
    pub tickets: usize,
}

/// Parsed data as the replay needs it: the whole series and, for a grouped
/// SLO's data, one series per label set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayable {
    pub series: EventSeries,
    pub sets: Vec<LabelSet>,
}

impl From<Dataset> for Replayable {
    fn from(d: Dataset) -> Replayable {
        Replayable {
            series: d.series,
            sets: d.sets,
        }
    }
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub slo: Slo,
    /// Chart plot width in pixels: curves are reduced to this many columns.
    pub columns: usize,
    /// Single-incident rule of the error budget policy (0.2 = 20%).
    pub policy_share: f64,
    /// Share of windows the recalibrated target must have met (0.9 = 90%).
    pub recalibrate_share: f64,
    /// Targets of the sweep ([`sweep`]); empty for the default 99 to 99.99%.
    pub sweep_targets: Vec<f64>,
    /// The error budget policy's tiers to replay; none, no tier spans.
    #[serde(default)]
    pub tiers: Vec<crate::policy::Tier>,
    /// For a grouped SLO replayed per label set: the set the charts show;
    /// `None` for the one with the least budget left.
    #[serde(default)]
    pub label_set: Option<usize>,
}

/// Good/total per column over `x_range`: an exact SLI at chart resolution
/// (NaN where a column saw no events).
pub fn ratio_per_column(s: &EventSeries, x_range: (i64, i64), columns: usize) -> Curve {
    let (x0, x1) = x_range;
    let mut curve = Curve::default();
    if columns == 0 || x1 < x0 || s.is_empty() {
        return curve;
    }
    let span = (x1 as i128 - x0 as i128).max(1);
    let mut good = vec![0.0; columns];
    let mut total = vec![0.0; columns];
    let mut last_t = vec![None; columns];
    for ((&t, &g), &n) in s.t.iter().zip(&s.good).zip(&s.total) {
        if t < x0 || t > x1 || !g.is_finite() || !n.is_finite() {
            continue;
        }
        let c = (((t as i128 - x0 as i128) * columns as i128 / span) as usize).min(columns - 1);
        good[c] += g;
        total[c] += n;
        last_t[c] = Some(t);
    }
    for c in 0..columns {
        if let Some(t) = last_t[c] {
            curve.t.push(t);
            curve.v.push(if total[c] > 0.0 {
                (good[c] / total[c]).clamp(0.0, 1.0)
            } else {
                f64::NAN
            });
        }
    }
    curve
}

fn reduce(t: &[i64], v: &[f64], x_range: (i64, i64), columns: usize) -> Curve {
    let r = min_max_per_column(t, v, x_range, columns);
    Curve { t: r.t, v: r.v }
}

/// How a request replays the data: the whole (with the sentence saying
/// why, for a grouped SLO), or every label set summarised and the one the
/// charts show.
struct Plan {
    note: Option<String>,
    sets: Option<(Vec<LabelSetRow>, usize)>,
}

fn plan(data: &Replayable, req: &Request) -> Plan {
    let (scope, note) = scope(&req.slo, &data.sets);
    if scope == Scope::Whole {
        return Plan { note, sets: None };
    }
    let opts = SimOptions {
        budget_share_policy: req.policy_share,
        now: None,
    };
    let rows: Vec<LabelSetRow> = replay_sets(&data.sets, &req.slo, &opts, false)
        .iter()
        .map(|r| LabelSetRow {
            selector: r.selector(),
            sli: r.sim.sli,
            budget_remaining: r.sim.budget_remaining,
            pages: r.fired(Severity::Page),
            tickets: r.fired(Severity::Ticket),
        })
        .collect();
    // The set asked for, else the one with the least budget left.
    let shown = req
        .label_set
        .filter(|&i| i < rows.len())
        .unwrap_or_else(|| {
            rows.iter()
                .enumerate()
                .min_by(|a, b| a.1.budget_remaining.total_cmp(&b.1.budget_remaining))
                .map_or(0, |(i, _)| i)
        });
    Plan {
        note,
        sets: Some((rows, shown)),
    }
}

/// Replays the data against the request's SLO: per label set when the SLO
/// is grouped and the data has its labels (every set summarised, the shown
/// one in full), else the whole.
pub fn report_on(data: &Replayable, req: &Request) -> Report {
    let plan = plan(data, req);
    match plan.sets {
        None => Report {
            scope_note: plan.note,
            ..report(&data.series, req)
        },
        Some((rows, shown)) => Report {
            label_sets: rows,
            shown_set: Some(shown),
            ..report(&data.sets[shown].series, req)
        },
    }
}

/// The target sweep on the series the request's report shows.
pub fn sweep_on(data: &Replayable, req: &Request) -> Vec<SweepOutcome> {
    match plan(data, req).sets {
        Some((_, shown)) => sweep(&data.sets[shown].series, req),
        None => sweep(&data.series, req),
    }
}

/// Replays the series against the request's SLO and gathers the page's figures.
pub fn report(series: &EventSeries, req: &Request) -> Report {
    let columns = req.columns.clamp(16, 4096);
    let opts = SimOptions {
        // Every incident a tier asks about is found, not only the postmortem's.
        budget_share_policy: crate::policy::incident_floor(&req.tiers, req.policy_share),
        now: None,
    };
    let sim = simulate(series, &req.slo, &opts);
    let p = &sim.points;
    let x_range = match (p.t.first(), p.t.last()) {
        (Some(&a), Some(&b)) => (a, b.max(a + 1)),
        _ => (0, 1),
    };
    let lowest_budget = p.budget_remaining.iter().copied().fold(1.0, f64::min);
    let mut crossings = Vec::new();
    for below in [0.5, 0.25, 0.0] {
        if let Some(i) = p.budget_remaining.iter().position(|&b| b < below) {
            crossings.push(Crossing { below, at: p.t[i] });
        }
    }
    Report {
        x_range,
        sli: sim.sli,
        budget_remaining: sim.budget_remaining,
        lowest_budget,
        sli_columns: ratio_per_column(series, x_range, columns),
        sli_window: reduce(&p.t, &p.sli_window, x_range, columns),
        budget: reduce(&p.t, &p.budget_remaining, x_range, columns),
        burn: p
            .burn_long
            .iter()
            .map(|b| reduce(&p.t, b, x_range, columns))
            .collect(),
        burn_short: p
            .burn_short
            .iter()
            .map(|b| reduce(&p.t, b, x_range, columns))
            .collect(),
        alerts: sim.alerts.iter().map(alert_row).collect(),
        silenced: sim.silenced.iter().map(alert_row).collect(),
        no_data: sim
            .no_data
            .iter()
            .map(|f| NoDataRow {
                severity: f.severity,
                start: f.start,
                end: f.end,
            })
            .collect(),
        exhausted: sim.exhausted.clone(),
        incidents: sim
            .incidents
            .iter()
            .map(|i| IncidentRow {
                start: i.start,
                end: i.end,
                budget_spent: i.budget_spent,
            })
            .collect(),
        crossings,
        timeslices: sim.timeslices.as_ref().map(|s| SlicesRow {
            slice_seconds: s.slice_seconds,
            good_slices: s.good_slices,
            bad_slices: s.bad_slices,
            compliance: s.compliance,
            mean_ratio: s.mean_ratio,
            budget_remaining: s.budget_remaining,
        }),
        recalibrated: whatif::recalibrate(series, &req.slo, req.recalibrate_share)
            .map(|t| t.ratio()),
        warnings: sim.warnings.clone(),
        tiers: crate::policy::replay(&req.tiers, &req.slo, series, &sim),
        label_sets: Vec::new(),
        shown_set: None,
        scope_note: None,
    }
}

fn alert_row(a: &crate::simulate::AlertEvent) -> AlertRow {
    AlertRow {
        alert_index: a.alert_index,
        severity: a.severity,
        factor: a.burn_rate,
        long_seconds: a.long.seconds(),
        short_seconds: a.short.seconds(),
        start: a.start,
        end: a.end,
        budget_spent_at_fire: a.budget_spent_at_fire,
        detection_delay: a.detection_delay,
        reset_after: a.reset_after,
        peak_burn: a.peak_burn,
    }
}

/// Replays the data once per target of the request, everything else of the
/// SLO unchanged. Several full replays: the page asks for it after the
/// report, so the other charts are drawn first.
pub fn sweep(series: &EventSeries, req: &Request) -> Vec<SweepOutcome> {
    let targets: Vec<Target> = if req.sweep_targets.is_empty() {
        whatif::default_sweep_targets()
    } else {
        req.sweep_targets
            .iter()
            .filter_map(|&t| Target::from_number(t).ok())
            .collect()
    };
    whatif::sweep(series, &req.slo, &targets)
        .into_iter()
        .map(|r| SweepOutcome {
            target: r.target.ratio(),
            pages: r.pages,
            tickets: r.tickets,
            windows_exhausted: r.windows_exhausted,
            min_budget_remaining: r.min_budget_remaining,
        })
        .collect()
}

/// Messages from the page to the worker, as JSON in the message's `json`
/// field. The text to parse travels beside it as a plain JS string (field
/// `text`), so the page never copies a large paste into its own memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Parse the message's text and keep the series for later `Analyse` requests.
    Parse {
        latency_threshold_seconds: Option<f64>,
        /// The replayed SLO's grouping labels (`IngestOptions::group_by`).
        #[serde(default)]
        group_by: Vec<String>,
    },
    /// Report on the kept series; `id` comes back with the answer.
    Analyse { id: u64, request: Request },
    /// The target sweep on the kept series.
    Sweep { id: u64, request: Request },
    /// Register the time-zone database (`tzdb::register`) carried beside
    /// the message as bytes, for calendar windows in named zones.
    Zones,
}

/// Messages from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's Wasm is running and listening: messages posted before
    /// this would be lost, so the page holds them until it arrives.
    Ready,
    Progress {
        done: f64,
    },
    Parsed {
        summary: DataSummary,
    },
    Failed {
        diagnostics: Vec<Diagnostic>,
    },
    Report {
        id: u64,
        report: Box<Report>,
    },
    Sweep {
        id: u64,
        rows: Vec<SweepOutcome>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    fn series(id: &str) -> EventSeries {
        samples::generate(&samples::sample_traffic(id).unwrap())
    }

    fn request() -> Request {
        Request {
            slo: Slo::default(),
            columns: 700,
            policy_share: 0.2,
            recalibrate_share: 0.9,
            sweep_targets: vec![],
            tiers: Vec::new(),
            label_set: None,
        }
    }

    #[test]
    fn ratio_per_column_is_good_over_total_within_each_column() {
        let s = EventSeries {
            t: vec![0, 10, 20, 30],
            good: vec![9.0, 1.0, 0.0, 5.0],
            total: vec![10.0, 10.0, 0.0, 5.0],
        };
        let c = ratio_per_column(&s, (0, 30), 2);
        // Column 0 holds t = 0 and 10: 10 good of 20. Column 1 holds 20 and 30: 5 of 5.
        assert_eq!(c.v, vec![0.5, 1.0]);
        assert_eq!(c.t, vec![10, 30]);
        let empty = EventSeries {
            t: vec![0],
            good: vec![0.0],
            total: vec![0.0],
        };
        assert!(ratio_per_column(&empty, (0, 1), 4).v[0].is_nan());
    }

    #[test]
    fn a_report_is_chart_sized_whatever_the_row_count() {
        let r = report(&series("outage"), &request());
        assert!(r.sli_columns.t.len() <= 700);
        assert!(r.budget.t.len() <= 4 * 700);
        assert_eq!(
            r.burn.len(),
            4,
            "one burn curve per alert of the Workbook preset"
        );
        assert_eq!(r.burn_short.len(), 4);
    }

    #[test]
    fn the_sweep_pages_more_as_the_target_tightens() {
        let rows = sweep(&series("outage"), &request());
        let targets: Vec<f64> = rows.iter().map(|r| r.target).collect();
        assert_eq!(targets, vec![0.99, 0.995, 0.999, 0.9995, 0.9999]);
        assert!(
            rows.windows(2).all(|w| w[0].pages <= w[1].pages),
            "{rows:?}"
        );
        assert!(rows[4].min_budget_remaining < rows[0].min_budget_remaining);
    }

    #[test]
    fn the_outage_pages_and_spends_budget_while_steady_traffic_stays_quiet() {
        let outage = report(&series("outage"), &request());
        assert!(outage.alerts.iter().any(|a| a.severity == Severity::Page));
        assert!(
            !outage.incidents.is_empty(),
            "the 25-minute outage spends over 20% of the budget"
        );
        assert!(outage.crossings.iter().any(|c| c.below == 0.5));
        let steady = report(&series("steady"), &request());
        assert!(steady.alerts.is_empty());
        assert!(steady.budget_remaining > 0.5);
        assert!(steady.recalibrated.unwrap() > 0.999);
    }

    /// Two routes, 100 requests a minute each for an hour; /pay fails 90 of
    /// them in minutes 31 to 33. The SLO: 90% over 1h per route, paging
    /// when 10 min and 5 min both burn above 2x.
    fn two_routes() -> (Replayable, Request) {
        use crate::model::{AlertConfig, AlertPreset, BurnAlert, Span, Window};
        let mut csv = String::from("timestamp,route,good,total\n");
        for m in 1..=60 {
            let pay = if (31..=33).contains(&m) { 10 } else { 100 };
            csv.push_str(&format!(
                "{},/pay,{pay},100\n{},/list,100,100\n",
                60 * m,
                60 * m
            ));
        }
        let opts = crate::ingest::IngestOptions {
            group_by: vec!["route".into()],
            ..Default::default()
        };
        let data = Replayable::from(crate::ingest::parse(&csv, &opts).unwrap());
        let mut req = request();
        req.slo = Slo {
            grouping: vec!["route".into()],
            target: Target(0.9),
            window: Window::Rolling {
                span: Span::hours(1),
            },
            alerting: AlertConfig {
                preset: AlertPreset::Custom,
                alerts: vec![BurnAlert {
                    severity: Severity::Page,
                    long: Span::minutes(10),
                    short: Span::minutes(5),
                    factor: 2.0,
                }],
                ..AlertConfig::default()
            },
            ..Slo::default()
        };
        (data, req)
    }

    #[test]
    fn a_grouped_slo_lists_every_label_set_and_charts_the_one_with_least_budget() {
        let (data, mut req) = two_routes();
        let r = report_on(&data, &req);
        let rows: Vec<(&str, usize, f64)> = r
            .label_sets
            .iter()
            .map(|s| (s.selector.as_str(), s.pages, s.budget_remaining))
            .collect();
        assert_eq!(rows[0], (r#"{route="/list"}"#, 0, 1.0));
        // /pay: 270 bad of 6,000 against a budget of 600: 45% spent.
        assert_eq!((rows[1].0, rows[1].1), (r#"{route="/pay"}"#, 1));
        assert!((rows[1].2 - 0.55).abs() < 1e-12);
        assert_eq!(r.shown_set, Some(1), "/pay has the least budget left");
        assert_eq!(r.alerts.len(), 1);
        req.label_set = Some(0);
        let list = report_on(&data, &req);
        assert_eq!(list.shown_set, Some(0));
        assert!(list.alerts.is_empty());
        assert_eq!(list.budget_remaining, 1.0);
        assert_eq!(sweep_on(&data, &req), sweep(&data.sets[0].series, &req));
    }

    #[test]
    fn an_ungrouped_slo_replays_labelled_data_as_its_sum_and_says_so() {
        let (data, mut req) = two_routes();
        req.slo.grouping.clear();
        let r = report_on(&data, &req);
        assert!(r.label_sets.is_empty() && r.shown_set.is_none());
        assert!(r
            .scope_note
            .unwrap()
            .contains("2 label sets by (route) are replayed as their sum"));
        // 270 bad of 12,000 against a 1,200 budget.
        assert!((r.budget_remaining - 0.775).abs() < 1e-12);
    }

    #[test]
    fn reports_survive_a_round_trip_through_json_with_gaps() {
        let mut r = report(&series("low-traffic"), &request());
        r.sli_columns.v[0] = f64::NAN;
        let text = serde_json::to_string(&FromWorker::Report {
            id: 7,
            report: Box::new(r.clone()),
        })
        .unwrap();
        let back: FromWorker = serde_json::from_str(&text).unwrap();
        let FromWorker::Report { id, report: got } = back else {
            panic!("wrong message")
        };
        assert_eq!(id, 7);
        assert!(got.sli_columns.v[0].is_nan());
        // serde_json may round the last bit of a float; times and counts are exact.
        let key = |a: &AlertRow| (a.alert_index, a.start, a.end);
        assert_eq!(
            got.alerts.iter().map(key).collect::<Vec<_>>(),
            r.alerts.iter().map(key).collect::<Vec<_>>()
        );
        assert_eq!(got.sli_columns.t, r.sli_columns.t);
    }
}
