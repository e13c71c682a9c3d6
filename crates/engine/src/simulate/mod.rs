//! Replay of an event series against one SLO: the SLI over time, compliance and
//! error budget over the SLO window, burn rate over every alert window, and the
//! multi-window multi-burn-rate alerts that would have fired.
//!
//! Owns the replay semantics; it does not parse data (`ingest`), read specs
//! (`import`) or judge configurations (`lint`). Cost is linear in rows: every
//! windowed figure comes from prefix sums and a forward-only pointer
//! (`window`), never from re-summing a window per row.
//!
//! Semantics, chosen to match what Prometheus and `promtool test rules` would
//! show for rules evaluated at each row's timestamp:
//! - A row is the interval ending at its timestamp `t`; a window of length L
//!   read at `t` covers `(t - L, t]`.
//! - Windows are evaluated from the first row with whatever data they hold,
//!   like a PromQL range that reaches before the first sample. A window with
//!   no events burns nothing (Prometheus gets NaN, which never fires).
//! - An alert fires at the first row where the long and the short window both
//!   burn strictly faster than its factor, and ends at the first row where that
//!   is no longer true (no `for:` clause, as Sloth writes them).
//! - The bad period behind an alert is the contiguous run of rows whose own
//!   error ratio exceeds the alert's threshold (factor x budget), the latest
//!   such run at or before the firing row. Detection delay runs from the start
//!   of its first interval to the firing row; reset time from the end of the
//!   last such row before the alert stopped to the row where it stopped.
//! - Compliance and budget are counted in the budgeting method's unit: events
//!   (occurrences), or slices that complete at their last row (time slices).
//!   The budget is the allowed share of the units seen in the window so far.
//! - An SLO without alerts is replayed with the defaults the exports write
//!   (`alerting::effective_alerts`), and a note says so.
//! - With a traffic guard (`alerting.traffic_guard`) an alert also needs at
//!   least its minimum events in its short window; the firings the guard
//!   silenced are reported beside the alerts. The no-data alert is replayed
//!   by `no_data`, which also reads instants inside gaps between rows.
//! - Calendar windows reset at each period start in the SLO's time zone (DST
//!   included); an unknown zone is reported as a warning and UTC is used.
//! - A grouped SLO (`Slo::grouping`) over data with label sets is replayed
//!   once per label set (`label_sets`), as the rules keep one SLO per set.

mod calendar;
pub mod label_sets;
pub mod no_data;
mod window;

use crate::diag::Diagnostic;
use crate::model::{BudgetingMethod, CalendarUnit, Severity, Slo, Span, Window};
use crate::series::EventSeries;
use serde::Serialize;

/// Knobs that are not part of the SLO itself.
#[derive(Debug, Clone, PartialEq)]
pub struct SimOptions {
    /// A single incident spending more than this share of the budget is
    /// reported (the error budget policy's postmortem rule). 0.2 = 20%.
    pub budget_share_policy: f64,
    /// Replay only the rows up to this instant (Unix seconds); the summary
    /// figures are then read at that instant. `None`: all rows.
    pub now: Option<i64>,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            budget_share_policy: crate::model::DEFAULT_POSTMORTEM_SHARE,
            now: None,
        }
    }
}

/// Figures per input row (struct of arrays, sorted by time).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SimSeries {
    pub t: Vec<i64>,
    /// Compliance over the SLO window so far (rolling, or calendar period so far).
    pub sli_window: Vec<f64>,
    /// Share of the window's budget left; negative once overspent.
    pub budget_remaining: Vec<f64>,
    /// Burn rate over each alert's long window, indexed like `slo.alerting.alerts`.
    pub burn_long: Vec<Vec<f64>>,
    /// Burn rate over each alert's short window, indexed like `slo.alerting.alerts`.
    pub burn_short: Vec<Vec<f64>>,
}

/// One firing of one multi-window burn-rate alert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertEvent {
    /// Index into `slo.alerting.alerts` (or into the defaults of
    /// `alerting::effective_alerts` when it is empty): which window pair fired.
    pub alert_index: usize,
    pub severity: Severity,
    /// The alert's factor.
    pub burn_rate: f64,
    pub long: Span,
    pub short: Span,
    pub start: i64,
    /// First row where the condition no longer held; `None` while still firing at the end of the data.
    pub end: Option<i64>,
    /// Share of the SLO window's budget already spent at the firing row.
    pub budget_spent_at_fire: f64,
    /// Seconds from the start of the bad period that caused it to the firing row.
    pub detection_delay: Option<i64>,
    /// Seconds from the end of the bad period to the row where the alert stopped.
    pub reset_after: Option<i64>,
    /// Highest long-window burn rate while it fired.
    pub peak_burn: f64,
}

/// Time-slice accounting on the same data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimesliceResult {
    pub slice_seconds: u64,
    /// A slice is good when its good/total ratio is at least this.
    pub slice_target: f64,
    pub good_slices: usize,
    pub bad_slices: usize,
    /// Slices with rows but no events: neither good nor bad.
    pub empty_slices: usize,
    /// good / (good + bad), 1 when there is no slice with events.
    pub compliance: f64,
    /// Mean of the per-slice ratios (the ratio-timeslices SLI).
    pub mean_ratio: f64,
    /// 1 - bad slices / (budget x slices with events).
    pub budget_remaining: f64,
}

/// A run of rows burning faster than the budget allows (error ratio above
/// 1 - target) that spent more than the policy's share of the budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Start of the first bad interval.
    pub start: i64,
    /// End of the last bad interval.
    pub end: i64,
    /// Bad events of the run over the budget (in events) of the SLO window at its end.
    pub budget_spent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    /// Good / total over all the data (1 when there are no events).
    pub sli: f64,
    /// Share of the window's budget left at the end of the data; may be negative.
    pub budget_remaining: f64,
    pub points: SimSeries,
    pub alerts: Vec<AlertEvent>,
    /// Firings the burn-rate alerts would have had without the traffic guard
    /// (`alerting.traffic_guard`) during which the guarded alert never fired:
    /// what the guard silenced. Empty without a guard.
    pub silenced: Vec<AlertEvent>,
    /// Firings of the no-data alert (`alerting.no_data`), in time order.
    pub no_data: Vec<no_data::NoDataFiring>,
    /// Spans (first row, last row) where the budget was overspent.
    pub exhausted: Vec<(i64, i64)>,
    pub timeslices: Option<TimesliceResult>,
    /// Incidents that spent more than `SimOptions::budget_share_policy`.
    pub incidents: Vec<Incident>,
    pub warnings: Vec<Diagnostic>,
}

/// Rows after cleaning: sorted, finite, non-negative, with bad = total - good.
struct Rows {
    t: Vec<i64>,
    bad: Vec<f64>,
    total: Vec<f64>,
    /// Typical step between rows, seconds.
    step: i64,
}

impl Rows {
    /// Row i's own burn rate: its error ratio times `per_budget` (1 / budget).
    /// Computed where it is read (the incident scan and the few rows around
    /// each alert) rather than stored for every row.
    fn burn(&self, i: usize, per_budget: f64) -> f64 {
        let (b, t) = (self.bad[i], self.total[i]);
        if t > 0.0 {
            b / t * per_budget
        } else {
            0.0
        }
    }
}

/// Replays `series` against `slo`. Never panics on odd data: unsorted rows are
/// sorted, impossible counts are zeroed, and each fix is reported in `warnings`.
pub fn simulate(series: &EventSeries, slo: &Slo, opts: &SimOptions) -> Simulation {
    replay(series, slo, opts, true)
}

/// The same replay for callers that need the summary, alerts, spans and
/// budget but not the charts (the CLI, the target sweep): `points` keeps `t`
/// and `budget_remaining`, while `sli_window`, `burn_long` and `burn_short`
/// are left empty. Every other figure is identical to `simulate`'s. Writing
/// a burn-rate series per alert window is about half the cost of a replay.
pub fn simulate_summary(series: &EventSeries, slo: &Slo, opts: &SimOptions) -> Simulation {
    replay(series, slo, opts, false)
}

/// `keep_series`: whether to fill the per-row series that only charts read.
fn replay(series: &EventSeries, slo: &Slo, opts: &SimOptions, keep_series: bool) -> Simulation {
    let mut warnings = Vec::new();
    let rows = clean(series, opts.now, &mut warnings);
    let budget = budget_of(slo, &mut warnings);
    let n = rows.t.len();

    let (pbad, ptotal) = window::prefix_pair(&rows.bad, &rows.total);
    let sli = if ptotal[n] > 0.0 {
        1.0 - pbad[n] / ptotal[n]
    } else {
        1.0
    };

    let (unit_counts, timeslices) = units(&rows, slo, budget);
    // Prefix sums in the budgeting unit: the event sums themselves for occurrences.
    let unit_prefix = unit_counts.map(|(b, t)| window::prefix_pair(&b, &t));
    let unit_sums = match &unit_prefix {
        Some((b, t)) => (b.as_slice(), t.as_slice()),
        None => (pbad.as_slice(), ptotal.as_slice()),
    };
    let period = Period::of(slo, &rows.t, &mut warnings);
    let (sli_window, budget_remaining) = window_figures(
        &rows.t,
        unit_sums,
        |i| period.lower(&rows.t, i),
        budget,
        keep_series,
    );

    let (alerts_cfg, defaults_note) = crate::alerting::effective_alerts(slo);
    warnings.extend(defaults_note.map(|note| Diagnostic::info(0, note)));
    let ctx = ScanContext {
        rows: &rows,
        per_budget: 1.0 / budget,
        budget_remaining: &budget_remaining,
        min_events: slo
            .alerting
            .traffic_guard
            .filter(|_| crate::guards::guard_applies(&slo.sli))
            .map(|g| g.min_events as f64),
    };
    let scanned = scan_alerts(&ctx, (&pbad, &ptotal), budget, &alerts_cfg, keep_series);

    let no_data = slo.alerting.no_data.map_or_else(Vec::new, |alert| {
        no_data::firings(&rows.t, rows.step, &alert, no_data::reads_rates(&slo.sli))
    });
    let exhausted = exhausted_spans(&rows.t, &budget_remaining, period.starts.as_deref());
    let incidents = policy_incidents(&ctx, &ptotal, &period, budget, opts, &mut warnings);
    if let Some(note) = coverage_note(&rows, slo, &period) {
        warnings.push(note);
    }

    Simulation {
        sli,
        budget_remaining: budget_remaining.last().copied().unwrap_or(1.0),
        points: SimSeries {
            t: rows.t,
            sli_window,
            budget_remaining,
            burn_long: scanned.burn_long,
            burn_short: scanned.burn_short,
        },
        alerts: scanned.alerts,
        silenced: scanned.silenced,
        no_data,
        exhausted,
        timeslices,
        incidents,
        warnings,
    }
}

/// The SLO window at each row: rolling (`t - len`) or the calendar period's start.
struct Period {
    len: i64,
    /// Start of the calendar period at each row; `None` for a rolling window.
    starts: Option<Vec<i64>>,
}

impl Period {
    fn of(slo: &Slo, t: &[i64], warnings: &mut Vec<Diagnostic>) -> Period {
        let starts = match &slo.window {
            Window::Rolling { .. } => None,
            Window::Calendar { unit, time_zone } => {
                let zone = crate::calendar::Zone::parse(time_zone).unwrap_or_else(|e| {
                    warnings.push(Diagnostic::warning(
                        0,
                        format!("{e}; calendar periods are replayed in UTC"),
                    ));
                    crate::calendar::Zone::utc()
                });
                Some(period_starts(t, *unit, &zone))
            }
        };
        Period {
            len: secs(slo.window.nominal()),
            starts,
        }
    }

    /// The window's exclusive lower bound at row i.
    fn lower(&self, t: &[i64], i: usize) -> i64 {
        match &self.starts {
            Some(s) => s[i],
            None => t[i].saturating_sub(self.len),
        }
    }
}

/// Compliance (only when `keep_series`) and budget left over the SLO window
/// at every row, from prefix sums in the budgeting unit.
fn window_figures(
    t: &[i64],
    (pubad, putotal): (&[f64], &[f64]),
    lower: impl FnMut(usize) -> i64,
    budget: f64,
    keep_series: bool,
) -> (Vec<f64>, Vec<f64>) {
    let mut sli_window = vec![1.0; if keep_series { t.len() } else { 0 }];
    let mut budget_remaining = vec![1.0; t.len()];
    let per_budget = 1.0 / budget;
    window::for_each_window(t, lower, |i, j| {
        let total = putotal[i + 1] - putotal[j];
        let bad = (pubad[i + 1] - pubad[j]).max(0.0);
        if total > 0.0 {
            let ratio = bad / total;
            if let Some(c) = sli_window.get_mut(i) {
                *c = 1.0 - ratio;
            }
            budget_remaining[i] = 1.0 - ratio * per_budget;
        }
    });
    (sli_window, budget_remaining)
}

/// The alerts that fired, and the burn-rate series of each alert's windows
/// (empty unless `keep_series`).
struct Scanned {
    alerts: Vec<AlertEvent>,
    /// Firings the traffic guard silenced (empty without a guard).
    silenced: Vec<AlertEvent>,
    burn_long: Vec<Vec<f64>>,
    burn_short: Vec<Vec<f64>>,
}

/// Every alert followed over the rows (see `scan_some`). A replay that keeps
/// no series, built with threads (the CLI), scans the two halves of the
/// alerts at once: each half sums only the lengths its alerts read.
fn scan_alerts(
    ctx: &ScanContext,
    prefix: (&[f64], &[f64]),
    budget: f64,
    alerts_cfg: &[crate::model::BurnAlert],
    keep_series: bool,
) -> Scanned {
    let half = alerts_cfg.len() / 2;
    let (mut alerts, unguarded, by_len, scans) =
        if cfg!(feature = "threads") && !keep_series && half > 0 {
            let (first, second) = crate::par::join(
                || scan_some(ctx, prefix, budget, (&alerts_cfg[..half], 0), false),
                || scan_some(ctx, prefix, budget, (&alerts_cfg[half..], half), false),
            );
            let join = |mut a: Vec<AlertEvent>, mut b: Vec<AlertEvent>| {
                a.append(&mut b);
                a
            };
            (
                join(first.0, second.0),
                join(first.1, second.1),
                Vec::new(),
                Vec::new(),
            )
        } else {
            scan_some(ctx, prefix, budget, (alerts_cfg, 0), keep_series)
        };
    alerts.sort_by_key(|a| (a.start, a.alert_index));
    let silenced = silenced_by_guard(unguarded, &alerts);
    let (burn_long, burn_short) = if keep_series {
        series_per_alert(by_len, &scans)
    } else {
        (Vec::new(), Vec::new())
    };
    Scanned {
        alerts,
        silenced,
        burn_long,
        burn_short,
    }
}

/// What `scan_some` found: firings, firings without the guard, the summed
/// series per length (when kept) and each alert's scan.
type ScannedSome = (
    Vec<AlertEvent>,
    Vec<AlertEvent>,
    Vec<Vec<f64>>,
    Vec<AlertScan>,
);

/// The alerts `alerts_cfg` (the first being alert number `first`) followed
/// over the rows. Each distinct window length is summed once, all in one
/// pass (6h serves two alerts in the Workbook set), and the alerts are
/// scanned in that same pass, so burn rates are stored only when the charts
/// need them.
fn scan_some(
    ctx: &ScanContext,
    (pbad, ptotal): (&[f64], &[f64]),
    budget: f64,
    (alerts_cfg, first): (&[crate::model::BurnAlert], usize),
    keep_series: bool,
) -> ScannedSome {
    let n = ctx.rows.t.len();
    let mut lens: Vec<i64> = alerts_cfg
        .iter()
        .flat_map(|a| [secs(a.long), secs(a.short)])
        .collect();
    lens.sort_unstable();
    lens.dedup();
    // Which summed length each alert reads, and its state while scanning.
    let slot = |span: Span| lens.binary_search(&secs(span)).ok();
    let mut scans: Vec<AlertScan> = alerts_cfg
        .iter()
        .map(|a| AlertScan {
            long: slot(a.long),
            short: slot(a.short),
            open: None,
            unguarded: None,
        })
        .collect();
    let mut by_len: Vec<Vec<f64>> = lens
        .iter()
        .map(|_| vec![0.0; if keep_series { n } else { 0 }])
        .collect();
    let (mut alerts, mut unguarded) = (Vec::new(), Vec::new());
    window::rolling_burns(
        &ctx.rows.t,
        pbad,
        ptotal,
        &lens,
        budget,
        |i, burns, totals| {
            if keep_series {
                for (series, &b) in by_len.iter_mut().zip(burns) {
                    if let Some(x) = series.get_mut(i) {
                        *x = b;
                    }
                }
            }
            let window = Windows { burns, totals };
            for (k, (scan, cfg)) in scans.iter_mut().zip(alerts_cfg).enumerate() {
                scan.step(
                    ctx,
                    i,
                    &window,
                    (first + k, cfg),
                    &mut alerts,
                    &mut unguarded,
                );
            }
        },
    );
    for (k, (scan, cfg)) in scans.iter_mut().zip(alerts_cfg).enumerate() {
        scan.finish(ctx, (first + k, cfg), &mut alerts, &mut unguarded);
    }
    (alerts, unguarded, by_len, scans)
}

/// The firings the alerts would have had without the traffic guard during
/// which the guarded alert never fired: the pages (and tickets) it silenced.
/// A guarded firing holds only rows where the unguarded one fires too, so
/// it always starts inside an unguarded firing of the same alert.
fn silenced_by_guard(mut unguarded: Vec<AlertEvent>, guarded: &[AlertEvent]) -> Vec<AlertEvent> {
    unguarded.retain(|u| {
        !guarded.iter().any(|g| {
            g.alert_index == u.alert_index
                && g.start >= u.start
                && u.end.is_none_or(|e| g.start < e)
        })
    });
    unguarded.sort_by_key(|a| (a.start, a.alert_index));
    unguarded
}

/// The summed series handed to each alert's long and short slot: moved, not
/// copied, to the last alert that reads a length.
fn series_per_alert(
    mut by_len: Vec<Vec<f64>>,
    scans: &[AlertScan],
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut uses = vec![0usize; by_len.len()];
    for s in scans.iter().flat_map(|s| [s.long, s.short]).flatten() {
        uses[s] += 1;
    }
    let mut series_of = |k: Option<usize>| -> Vec<f64> {
        match k.and_then(|k| Some((by_len.get_mut(k)?, uses.get_mut(k)?))) {
            Some((v, u)) => {
                *u -= 1;
                if *u == 0 {
                    std::mem::take(v)
                } else {
                    v.clone()
                }
            }
            None => Vec::new(),
        }
    };
    let long: Vec<Vec<f64>> = scans.iter().map(|s| series_of(s.long)).collect();
    let short: Vec<Vec<f64>> = scans.iter().map(|s| series_of(s.short)).collect();
    (long, short)
}

/// Incidents over the policy's share of the budget, each also reported as a warning.
fn policy_incidents(
    ctx: &ScanContext,
    ptotal: &[f64],
    period: &Period,
    budget: f64,
    opts: &SimOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Incident> {
    let rows = ctx.rows;
    // Events in the SLO window at row i, for the rows that end a run of bad
    // rows. Noisy data ends a run every few rows, so the window's first row is
    // found by a pointer that only moves forward (the runs come in time order
    // and the window's lower bound never decreases), not by a binary search
    // per run (which cost a fifth of the replay on the benchmark's data).
    let mut first = 0usize;
    let window_events = |i: usize| {
        let bound = period.lower(&rows.t, i);
        while first < i && rows.t[first] <= bound {
            first += 1;
        }
        ptotal[i + 1] - ptotal[first]
    };
    let found = incidents(
        rows,
        ctx.per_budget,
        budget,
        window_events,
        opts.budget_share_policy,
    );
    for inc in &found {
        warnings.push(Diagnostic::warning(
            0,
            format!(
                // Written as the Iteration page and the review write it: one figure everywhere.
                "one incident ({} long) spent {} of the error budget, more than the policy's {}",
                crate::budget::human_seconds(inc.end.saturating_sub(inc.start) as f64),
                crate::format::share(inc.budget_spent),
                crate::format::share(opts.budget_share_policy)
            ),
        ));
    }
    found
}

/// Says so when the data is shorter than a rolling window.
fn coverage_note(rows: &Rows, slo: &Slo, period: &Period) -> Option<Diagnostic> {
    let (first, last) = (rows.t.first()?, rows.t.last()?);
    let covered = last.saturating_sub(*first).saturating_add(rows.step);
    (period.starts.is_none() && covered < period.len).then(|| {
        Diagnostic::info(
            0,
            format!(
                "the data covers {} of the {} window: compliance and budget are taken over the events seen",
                crate::budget::human_seconds(covered as f64),
                slo.window.nominal().prometheus()
            ),
        )
    })
}

/// Seconds of a span as i64, saturating (a span of 2^63 s is not a real window).
fn secs(s: Span) -> i64 {
    i64::try_from(s.seconds()).unwrap_or(i64::MAX).max(1)
}

/// 1 - target, kept inside (0, 1] so burn rates stay finite.
fn budget_of(slo: &Slo, warnings: &mut Vec<Diagnostic>) -> f64 {
    let b = slo.target.error_budget();
    if b > 0.0 && b <= 1.0 {
        return b;
    }
    warnings.push(Diagnostic::error(
        0,
        format!(
            "target {} is not between 0 and 100 (exclusive); the replay used 99.9999999%",
            slo.target.percent()
        ),
    ));
    1e-9
}

fn clean(series: &EventSeries, now: Option<i64>, warnings: &mut Vec<Diagnostic>) -> Rows {
    let len = series
        .t
        .len()
        .min(series.good.len())
        .min(series.total.len());
    if len != series.t.len() || len != series.good.len() || len != series.total.len() {
        warnings.push(Diagnostic::warning(
            0,
            format!("the series columns have different lengths; only the first {len} rows were replayed"),
        ));
    }
    let t = &series.t[..len];
    let kept = |i: &usize| now.is_none_or(|n| t[*i] <= n);
    let out_of_order = t.windows(2).filter(|w| w[1] < w[0]).count();
    // Sorted input (the usual case) is read in place, without an index vector.
    let order: Option<Vec<usize>> = (out_of_order > 0).then(|| {
        let mut idx: Vec<usize> = (0..len).filter(kept).collect();
        idx.sort_by_key(|&i| t[i]);
        idx
    });
    if out_of_order > 0 {
        warnings.push(Diagnostic::warning(
            0,
            format!(
                "{out_of_order} rows were out of time order; they were sorted before the replay"
            ),
        ));
    }
    let count = match &order {
        Some(idx) => idx.len(),
        None => now.map_or(len, |n| t.partition_point(|&x| x <= n)),
    };
    let mut rows = Rows {
        t: Vec::with_capacity(count),
        bad: Vec::with_capacity(count),
        total: Vec::with_capacity(count),
        step: 60,
    };
    let (mut invalid, mut excess) = (0usize, 0usize);
    for k in 0..count {
        let i = order.as_ref().map_or(k, |idx| idx[k]);
        let (g, tot) = (series.good[i], series.total[i]);
        let tot = if tot.is_finite() && tot >= 0.0 {
            tot
        } else {
            invalid += 1;
            0.0
        };
        let g = if g.is_finite() && g >= 0.0 {
            g
        } else {
            invalid += 1;
            0.0
        };
        if g > tot {
            excess += 1;
        }
        rows.t.push(series.t[i]);
        rows.total.push(tot);
        rows.bad.push((tot - g).max(0.0));
    }
    if invalid > 0 {
        warnings.push(Diagnostic::warning(
            0,
            format!("{invalid} counts were negative or not numbers; they were read as 0"),
        ));
    }
    if excess > 0 {
        warnings.push(Diagnostic::warning(
            0,
            format!("{excess} rows had more good events than total events; they were read as having no bad events"),
        ));
    }
    rows.step = typical_step(&rows.t);
    rows
}

/// Median of up to 4096 positive steps spread over the series (60 when there
/// are none): the same figure as `EventSeries::step` on regular data, without
/// sorting a million differences.
fn typical_step(t: &[i64]) -> i64 {
    let stride = (t.len() / 4096).max(1);
    let mut d: Vec<i64> = (stride..t.len())
        .step_by(stride)
        .map(|i| t[i].saturating_sub(t[i - 1]))
        .filter(|d| *d > 0)
        .collect();
    if d.is_empty() {
        return 60;
    }
    let mid = d.len() / 2;
    *d.select_nth_unstable(mid).1
}

/// Start of the calendar period (the SLO window's exclusive lower bound) at each row.
fn period_starts(t: &[i64], unit: CalendarUnit, zone: &crate::calendar::Zone) -> Vec<i64> {
    let mut out = Vec::with_capacity(t.len());
    let (mut start, mut next) = (i64::MIN, i64::MIN);
    for &ti in t {
        // Recompute only when a row leaves the current period.
        if ti.saturating_sub(1) >= next || ti.saturating_sub(1) < start {
            (start, next) = calendar::period_bounds(ti, unit, zone);
        }
        out.push(start);
    }
    out
}

/// Bad and total counts per row in a budgeting unit other than events.
type UnitCounts = (Vec<f64>, Vec<f64>);

/// Counts in the budgeting method's unit, when it is not events, plus the
/// time-slice figures (for occurrences: one-step slices at the SLO target).
fn units(rows: &Rows, slo: &Slo, budget: f64) -> (Option<UnitCounts>, Option<TimesliceResult>) {
    let (slice, slice_target, unit_mode) = match &slo.budgeting {
        BudgetingMethod::Occurrences => (Span(rows.step.max(60) as u64), slo.target.ratio(), None),
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => (*slice, *slice_target, Some(false)),
        BudgetingMethod::RatioTimeslices { slice } => (*slice, slo.target.ratio(), Some(true)),
    };
    let slice_len = secs(slice);
    let n = rows.t.len();
    let mut ubad = vec![0.0; if unit_mode.is_some() { n } else { 0 }];
    let mut utotal = vec![0.0; ubad.len()];
    let (mut good_s, mut bad_s, mut empty_s, mut ratio_sum) = (0usize, 0usize, 0usize, 0.0);
    let (mut acc_bad, mut acc_total) = (0.0, 0.0);
    // Slice k covers (k x len, (k + 1) x len]; track its end rather than
    // dividing every timestamp (an integer division per row costs more than
    // the rest of this loop).
    let end_of = |t: i64| {
        t.saturating_sub(1)
            .div_euclid(slice_len)
            .saturating_add(1)
            .saturating_mul(slice_len)
    };
    let mut end = rows.t.first().map_or(0, |&t| end_of(t));
    for i in 0..n {
        acc_bad += rows.bad[i];
        acc_total += rows.total[i];
        if let Some(&next) = rows.t.get(i + 1) {
            if next <= end {
                continue;
            }
            let following = end.saturating_add(slice_len);
            end = if next <= following {
                following
            } else {
                end_of(next)
            };
        }
        if acc_total > 0.0 {
            // Good over total from whole counts, so a slice exactly at the
            // target (93 of 100 at 0.93) rounds to the target's own double;
            // 1 - bad / total would round below it.
            let ratio = (acc_total - acc_bad) / acc_total;
            ratio_sum += ratio;
            let good = ratio >= slice_target;
            if good {
                good_s += 1;
            } else {
                bad_s += 1;
            }
            match unit_mode {
                Some(false) => {
                    utotal[i] = 1.0;
                    ubad[i] = if good { 0.0 } else { 1.0 };
                }
                Some(true) => {
                    utotal[i] = 1.0;
                    ubad[i] = 1.0 - ratio;
                }
                None => {}
            }
        } else {
            empty_s += 1;
        }
        acc_bad = 0.0;
        acc_total = 0.0;
    }
    let counted = good_s + bad_s;
    let result = TimesliceResult {
        slice_seconds: slice.seconds(),
        slice_target,
        good_slices: good_s,
        bad_slices: bad_s,
        empty_slices: empty_s,
        compliance: if counted > 0 {
            good_s as f64 / counted as f64
        } else {
            1.0
        },
        mean_ratio: if counted > 0 {
            ratio_sum / counted as f64
        } else {
            1.0
        },
        budget_remaining: if counted > 0 {
            1.0 - bad_s as f64 / (budget * counted as f64)
        } else {
            1.0
        },
    };
    (unit_mode.map(|_| (ubad, utotal)), Some(result))
}

/// Start of the interval that row `i` stands for: one step before it, or less
/// when the previous row is closer.
fn interval_start(rows: &Rows, i: usize) -> i64 {
    let step = match i.checked_sub(1).and_then(|p| rows.t.get(p)) {
        Some(&prev) => rows.t[i].saturating_sub(prev).clamp(0, rows.step),
        None => rows.step,
    };
    rows.t[i].saturating_sub(step)
}

/// What an alert's scan reads besides the window burn rates.
struct ScanContext<'a> {
    rows: &'a Rows,
    /// 1 / budget: a row's error ratio times this is its own burn rate.
    per_budget: f64,
    budget_remaining: &'a [f64],
    /// Events an alert's short window must hold for it to fire (the traffic guard).
    min_events: Option<f64>,
}

/// The windows at one row, indexed like the summed lengths.
struct Windows<'a> {
    burns: &'a [f64],
    totals: &'a [f64],
}

/// One alert followed row by row: which summed lengths it reads, and while
/// it fires, the firing row and the peak long-window burn so far; with a
/// traffic guard, the same for the alert as it would fire without it.
struct AlertScan {
    long: Option<usize>,
    short: Option<usize>,
    open: Option<(usize, f64)>,
    unguarded: Option<(usize, f64)>,
}

/// Moves one firing state over a row: opens, raises the peak, or closes
/// (pushing the firing that ended at row i).
fn advance(
    state: &mut Option<(usize, f64)>,
    firing: bool,
    long: f64,
    i: usize,
    close: impl FnOnce(usize, f64),
) {
    match (state.as_mut(), firing) {
        (None, true) => *state = Some((i, long)),
        (Some((_, peak)), true) => *peak = peak.max(long),
        (Some(&mut (fire, peak)), false) => {
            *state = None;
            close(fire, peak);
        }
        (None, false) => {}
    }
}

impl AlertScan {
    /// Row i. Both windows must burn faster than the factor; with a guard,
    /// the short window must also hold at least its events (the unguarded
    /// firings go to `unguarded`, to tell what the guard silenced).
    fn step(
        &mut self,
        ctx: &ScanContext,
        i: usize,
        windows: &Windows,
        (index, cfg): (usize, &crate::model::BurnAlert),
        out: &mut Vec<AlertEvent>,
        unguarded: &mut Vec<AlertEvent>,
    ) {
        let read = |k: Option<usize>| k.and_then(|k| windows.burns.get(k)).copied();
        let (Some(long), Some(short)) = (read(self.long), read(self.short)) else {
            return;
        };
        let burning = long > cfg.factor && short > cfg.factor;
        let firing = match ctx.min_events {
            Some(min) => {
                let events = self.short.and_then(|k| windows.totals.get(k)).copied();
                advance(&mut self.unguarded, burning, long, i, |fire, peak| {
                    unguarded.push(alert_event(ctx, index, cfg, fire, Some(i), peak))
                });
                burning && events.is_some_and(|n| n >= min)
            }
            None => burning,
        };
        advance(&mut self.open, firing, long, i, |fire, peak| {
            out.push(alert_event(ctx, index, cfg, fire, Some(i), peak))
        });
    }

    /// After the last row: an alert still firing has no end.
    fn finish(
        &mut self,
        ctx: &ScanContext,
        (index, cfg): (usize, &crate::model::BurnAlert),
        out: &mut Vec<AlertEvent>,
        unguarded: &mut Vec<AlertEvent>,
    ) {
        if let Some((fire, peak)) = self.open.take() {
            out.push(alert_event(ctx, index, cfg, fire, None, peak));
        }
        if let Some((fire, peak)) = self.unguarded.take() {
            unguarded.push(alert_event(ctx, index, cfg, fire, None, peak));
        }
    }
}

/// The firing from row `fire` to row `end` (the first row where the
/// condition no longer held), with its bad period.
fn alert_event(
    ctx: &ScanContext,
    index: usize,
    cfg: &crate::model::BurnAlert,
    fire: usize,
    end: Option<usize>,
    peak: f64,
) -> AlertEvent {
    let (rows, factor) = (ctx.rows, cfg.factor);
    // Bad rows are looked up backwards only when an alert starts or stops:
    // the latest one is inside the short window, so the walk stays short.
    // (An alert stops at e > fire: it cannot stop at the row where it started.)
    let last_bad_at_or_before = |i: usize| {
        (0..=i)
            .rev()
            .find(|&j| ctx.rows.burn(j, ctx.per_budget) > factor)
    };
    let run_start = last_bad_at_or_before(fire).map(|mut j| {
        while j > 0 && ctx.rows.burn(j - 1, ctx.per_budget) > factor {
            j -= 1;
        }
        j
    });
    AlertEvent {
        alert_index: index,
        severity: cfg.severity,
        burn_rate: factor,
        long: cfg.long,
        short: cfg.short,
        start: rows.t[fire],
        end: end.map(|e| rows.t[e]),
        budget_spent_at_fire: 1.0 - ctx.budget_remaining[fire],
        detection_delay: run_start.map(|rs| rows.t[fire].saturating_sub(interval_start(rows, rs))),
        reset_after: end.and_then(|e| {
            last_bad_at_or_before(e - 1).map(|lb| rows.t[e].saturating_sub(rows.t[lb]))
        }),
        peak_burn: peak,
    }
}

/// Contiguous runs of rows with a negative budget; a calendar reset ends a run.
fn exhausted_spans(t: &[i64], remaining: &[f64], period_starts: Option<&[i64]>) -> Vec<(i64, i64)> {
    let mut spans = Vec::new();
    let mut open: Option<(i64, i64)> = None;
    for i in 0..t.len() {
        let new_period = i > 0 && period_starts.is_some_and(|s| s[i] != s[i - 1]);
        if new_period {
            spans.extend(open.take());
        }
        if remaining[i] < 0.0 {
            match &mut open {
                Some((_, end)) => *end = t[i],
                None => open = Some((t[i], t[i])),
            }
        } else {
            spans.extend(open.take());
        }
    }
    spans.extend(open);
    spans
}

/// Runs of rows whose error ratio exceeds the budget (row burn above 1), kept
/// when they spent more than `share` of the events budget of the SLO window at
/// their last row. `window_events` is called with increasing rows.
fn incidents(
    rows: &Rows,
    per_budget: f64,
    budget: f64,
    mut window_events: impl FnMut(usize) -> f64,
    share: f64,
) -> Vec<Incident> {
    let mut out = Vec::new();
    let n = rows.t.len();
    let mut i = 0;
    while i < n {
        if rows.burn(i, per_budget) <= 1.0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut bad = 0.0;
        while i < n && rows.burn(i, per_budget) > 1.0 {
            bad += rows.bad[i];
            i += 1;
        }
        let last = i - 1;
        let allowed = budget * window_events(last);
        let spent = if allowed > 0.0 { bad / allowed } else { 0.0 };
        if spent > share {
            out.push(Incident {
                start: interval_start(rows, start),
                end: rows.t[last],
                budget_spent: spent,
            });
        }
    }
    out
}
