//! Which tier of the policy a replayed history was in, when, and for how
//! long: a pure pass over a `simulate::Simulation` (budget left per row,
//! incidents) and the series behind it (burn rate over a tier's own window).
//!
//! Semantics, on the simulation's rows (the interval ending at `t`):
//! - At each row, the tier that applies is the *last* tier in the list whose
//!   conditions hold (tiers are ordered mildest first); none, when no tier's
//!   does. A span runs from the start of its first row's interval to the end
//!   of its last row.
//! - Budget below: the simulation's budget left at the row.
//! - Burn above: bad over total events in `(t - over, t]`, over 1 - target.
//! - Incident above: the row lies within an incident (from its first bad
//!   interval to its last) that spent more than the share.
//! - Missed windows: the data is cut into SLO windows (calendar periods, or
//!   window-long stretches from the first row for a rolling window), each
//!   judged at its last row, where the budget left is the whole window's:
//!   missed when overspent. The streak (missed windows in a row) changes
//!   from the next row; a window the data does not finish is not judged.
//!
//! Must not replay the data itself (that is `simulate`) nor format anything.

use super::{Condition, Tier};
use crate::model::{Slo, Window};
use crate::series::EventSeries;
use crate::simulate::Simulation;
use serde::{Deserialize, Serialize};

/// A stretch of the history spent in one tier: `(from, to]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TierSpan {
    /// Index into the tiers.
    pub tier: usize,
    pub from: i64,
    pub to: i64,
    /// Why the span began: the tier's first condition that held at its
    /// first row, with the value measured there (for "explain this number").
    #[serde(default)]
    pub cause: Option<TierCause>,
}

/// A condition of a tier that held, and the value it saw: the budget left
/// (share), the burn rate (factor), the incident's budget share, or the
/// windows missed in a row.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TierCause {
    /// Index into the tier's `when`.
    pub condition: usize,
    pub value: f64,
}

impl TierSpan {
    pub fn seconds(&self) -> i64 {
        self.to.saturating_sub(self.from)
    }
}

/// Per tier: how often and how long the history was in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TierTotal {
    pub spans: usize,
    pub seconds: i64,
    pub first: Option<i64>,
}

/// The spans of the history in each tier, in time order.
pub fn replay(tiers: &[Tier], slo: &Slo, series: &EventSeries, sim: &Simulation) -> Vec<TierSpan> {
    let t = &sim.points.t;
    let budget = &sim.points.budget_remaining;
    if t.is_empty() || tiers.is_empty() || budget.len() != t.len() {
        return Vec::new();
    }
    let mut burns: Vec<BurnWindow> = tiers
        .iter()
        .flat_map(|tier| &tier.when)
        .filter_map(|c| match c {
            Condition::BurnAbove { over, .. } => Some(BurnWindow::new(series, over.seconds())),
            _ => None,
        })
        .collect();
    let mut streak = Streak::new(slo, interval_start(t, 0));
    let allowed = slo.target.error_budget();
    let incidents = &sim.incidents;
    // Incidents are runs of rows in time order, so they never overlap: one
    // pointer finds the one holding each row.
    let mut next_incident = 0;
    let mut out: Vec<TierSpan> = Vec::new();
    for i in 0..t.len() {
        let missed = streak.at(t[i], budget[i]);
        while next_incident < incidents.len() && incidents[next_incident].end < t[i] {
            next_incident += 1;
        }
        let incident = incidents
            .get(next_incident)
            .filter(|inc| inc.start < t[i] && t[i] <= inc.end);
        let mut burn_index = 0;
        let mut applied = None;
        for (k, tier) in tiers.iter().enumerate() {
            let mut first_held = None;
            for (c, condition) in tier.when.iter().enumerate() {
                // Every burn window advances at every row, so no short-circuit.
                let (holds, value) = match *condition {
                    Condition::BudgetBelow { share } => (budget[i] < share, budget[i]),
                    Condition::BurnAbove { factor, .. } => {
                        let b = burns[burn_index].burn_at(t[i], allowed);
                        burn_index += 1;
                        (b > factor, b)
                    }
                    Condition::IncidentAbove { share } => {
                        let spent = incident.map_or(0.0, |inc| inc.budget_spent);
                        (incident.is_some() && spent > share, spent)
                    }
                    Condition::MissedWindows { count } => (missed >= count, f64::from(missed)),
                };
                if holds && first_held.is_none() {
                    first_held = Some(TierCause {
                        condition: c,
                        value,
                    });
                }
            }
            if first_held.is_some() {
                applied = Some((k, first_held));
            }
        }
        if let Some((k, cause)) = applied {
            let from = interval_start(t, i);
            match out.last_mut() {
                Some(last) if last.tier == k && i > 0 && last.to == t[i - 1] => last.to = t[i],
                _ => out.push(TierSpan {
                    tier: k,
                    from,
                    to: t[i],
                    cause,
                }),
            }
        }
    }
    out
}

/// How often and how long the history was in each of `tiers` tiers.
pub fn totals(spans: &[TierSpan], tiers: usize) -> Vec<TierTotal> {
    let mut out = vec![TierTotal::default(); tiers];
    for s in spans {
        if let Some(total) = out.get_mut(s.tier) {
            total.spans += 1;
            total.seconds += s.seconds();
            total.first = total.first.or(Some(s.from));
        }
    }
    out
}

/// Start of row i's interval: the previous row, or one step before the first.
fn interval_start(t: &[i64], i: usize) -> i64 {
    if i > 0 {
        t[i - 1]
    } else {
        let step = t.get(1).map_or(0, |next| next - t[0]);
        t[0].saturating_sub(step)
    }
}

/// Burn rate over `(t - len, t]` from prefix sums of the series, read at
/// increasing times with two pointers that only move forward.
struct BurnWindow {
    t: Vec<i64>,
    prefix_bad: Vec<f64>,
    prefix_total: Vec<f64>,
    len: i64,
    lo: usize,
    hi: usize,
}

impl BurnWindow {
    fn new(series: &EventSeries, len: u64) -> BurnWindow {
        let rows = series
            .t
            .iter()
            .zip(&series.good)
            .zip(&series.total)
            .filter(|((_, g), n)| g.is_finite() && n.is_finite() && **n >= **g && **g >= 0.0)
            .map(|((&t, &g), &n)| (t, n - g, n));
        let len = i64::try_from(len).unwrap_or(i64::MAX);
        // Parsed series are sorted already: a million rows are then summed as
        // they come, not copied and sorted to be left as they were.
        if series.t.is_sorted() {
            return BurnWindow::of_sorted(rows, series.len(), len);
        }
        let mut sorted: Vec<(i64, f64, f64)> = rows.collect();
        sorted.sort_by_key(|r| r.0);
        BurnWindow::of_sorted(sorted.into_iter(), series.len(), len)
    }

    /// Prefix sums of rows in time order (bad, total).
    fn of_sorted(rows: impl Iterator<Item = (i64, f64, f64)>, n: usize, len: i64) -> BurnWindow {
        let mut t = Vec::with_capacity(n);
        let mut prefix_bad = Vec::with_capacity(n + 1);
        let mut prefix_total = Vec::with_capacity(n + 1);
        let (mut bad_sum, mut total_sum) = (0.0, 0.0);
        prefix_bad.push(bad_sum);
        prefix_total.push(total_sum);
        for (at, bad, events) in rows {
            bad_sum += bad;
            total_sum += events;
            t.push(at);
            prefix_bad.push(bad_sum);
            prefix_total.push(total_sum);
        }
        BurnWindow {
            t,
            prefix_bad,
            prefix_total,
            len,
            lo: 0,
            hi: 0,
        }
    }

    /// The burn rate at `at`; times must not decrease between calls.
    fn burn_at(&mut self, at: i64, allowed: f64) -> f64 {
        while self.hi < self.t.len() && self.t[self.hi] <= at {
            self.hi += 1;
        }
        let bound = at.saturating_sub(self.len);
        while self.lo < self.hi && self.t[self.lo] <= bound {
            self.lo += 1;
        }
        let total = self.prefix_total[self.hi] - self.prefix_total[self.lo];
        let bad = self.prefix_bad[self.hi] - self.prefix_bad[self.lo];
        if total > 0.0 && allowed > 0.0 {
            bad / total / allowed
        } else {
            0.0
        }
    }
}

/// Missed windows in a row, read at increasing times. A window is judged
/// at its last row, whose budget is the whole window's.
struct Streak {
    bounds: Bounds,
    /// The window of the previous row and its budget left there.
    previous: Option<(i64, f64)>,
    /// Missed windows in a row among those already ended.
    in_a_row: u32,
}

enum Bounds {
    /// Window-long stretches from `origin`.
    Rolling { origin: i64, len: i64 },
    Calendar {
        unit: crate::model::CalendarUnit,
        zone: crate::calendar::Zone,
    },
}

impl Streak {
    fn new(slo: &Slo, origin: i64) -> Streak {
        let bounds = match &slo.window {
            Window::Rolling { span } => Bounds::Rolling {
                origin,
                len: i64::try_from(span.seconds()).unwrap_or(i64::MAX).max(1),
            },
            Window::Calendar { unit, time_zone } => Bounds::Calendar {
                unit: *unit,
                // The simulation warned about an unknown zone and used UTC: so do we.
                zone: crate::calendar::Zone::parse(time_zone)
                    .unwrap_or_else(|_| crate::calendar::Zone::utc()),
            },
        };
        Streak {
            bounds,
            previous: None,
            in_a_row: 0,
        }
    }

    /// The window holding the row's interval `(t - step, t]`: a row on a
    /// boundary closes the earlier window, as the simulation counts it.
    fn window_of(&self, t: i64) -> i64 {
        let last_second = t.saturating_sub(1);
        match &self.bounds {
            Bounds::Rolling { origin, len } => last_second.saturating_sub(*origin).div_euclid(*len),
            Bounds::Calendar { unit, zone } => zone
                .period_bounds(last_second, *unit)
                .map_or(0, |(start, _)| start),
        }
    }

    /// The streak at the row at `t` whose budget left is `budget`.
    fn at(&mut self, t: i64, budget: f64) -> u32 {
        let w = self.window_of(t);
        if let Some((previous, ended_with)) = self.previous {
            if previous != w {
                self.in_a_row = if ended_with < 0.0 {
                    self.in_a_row.saturating_add(1)
                } else {
                    0
                };
            }
        }
        self.previous = Some((w, budget));
        self.in_a_row
    }
}

#[cfg(test)]
mod tests {
    use super::super::default_ladder;
    use super::*;
    use crate::model::{Span, Target};
    use crate::simulate::{simulate_summary, SimOptions};

    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;

    /// Hourly rows of 1000 events from t = 1 h, all good except `bad` at the given hours.
    fn hourly(hours: i64, bad: &[(i64, f64)]) -> EventSeries {
        let mut s = EventSeries::default();
        for h in 1..=hours {
            let b = bad.iter().find(|(at, _)| *at == h).map_or(0.0, |x| x.1);
            s.push(h * HOUR, 1000.0 - b, 1000.0);
        }
        s
    }

    fn slo(window: Span) -> Slo {
        Slo {
            target: Target(0.999),
            window: Window::Rolling { span: window },
            ..Slo::default()
        }
    }

    /// The spans without their causes (`causes` checks those).
    fn run(tiers: &[Tier], slo: &Slo, series: &EventSeries) -> Vec<TierSpan> {
        with_causes(tiers, slo, series)
            .into_iter()
            .map(|s| TierSpan { cause: None, ..s })
            .collect()
    }

    fn with_causes(tiers: &[Tier], slo: &Slo, series: &EventSeries) -> Vec<TierSpan> {
        let sim = simulate_summary(series, slo, &SimOptions::default());
        replay(tiers, slo, series, &sim)
    }

    #[test]
    fn each_span_names_the_condition_that_opened_it_with_the_value_seen() {
        // As in the ladder test: hour 720 loses 180 of 1000 events, a single
        // incident spending 180 / 720 = 25% of the budget (above Look's 20%),
        // while 75% of the budget is left (not below 50%): condition 1 of Look.
        // Hour 960 loses 432 more: 1 - 612 / 720 = 15% left, below Plan's 25%.
        let series = hourly(75 * 24, &[(720, 180.0), (960, 432.0)]);
        let spans = with_causes(&default_ladder(), &slo(Span::days(30)), &series);
        let cause = |k: usize| spans[k].cause.unwrap();
        assert_eq!(cause(0).condition, 1);
        assert!((cause(0).value - 0.25).abs() < 1e-9, "{:?}", cause(0));
        assert_eq!(cause(1).condition, 0);
        assert!((cause(1).value - 0.15).abs() < 1e-9, "{:?}", cause(1));
    }

    #[test]
    fn two_outages_of_25_then_60_percent_climb_the_ladder_and_come_down_as_they_leave_the_window() {
        // 30-day window at 99.9%: a full window holds 720 h x 1000 = 720,000
        // events and allows 720 bad. Day 30 (hour 720): 180 bad, 25% of the
        // budget; day 40 (hour 960): 432 bad, 60%. Data runs 75 days.
        let (h1, h2) = (720, 960);
        let series = hourly(75 * 24, &[(h1, 180.0), (h2, 432.0)]);
        let spans = run(&default_ladder(), &slo(Span::days(30)), &series);
        let (t1, t2) = (h1 * HOUR, h2 * HOUR);
        assert_eq!(
            spans,
            vec![
                // The first outage's hour: one incident above 20% (the budget is still at 75%).
                TierSpan {
                    tier: 0,
                    from: t1 - HOUR,
                    to: t1,
                    cause: None
                },
                // The second: 85% spent, 15% left, below 25%: plan reliability work
                // until the first outage leaves the window 30 days after it.
                TierSpan {
                    tier: 1,
                    from: t2 - HOUR,
                    to: t1 + 30 * DAY - HOUR,
                    cause: None
                },
                // 40% left (60% spent) is below 50%: look, until the second outage leaves too.
                TierSpan {
                    tier: 0,
                    from: t1 + 30 * DAY - HOUR,
                    to: t2 + 30 * DAY - HOUR,
                    cause: None
                },
            ]
        );
        let totals = totals(&spans, 3);
        assert_eq!(totals[1].seconds, 20 * DAY);
        assert_eq!(totals[0].spans, 2);
        assert_eq!(totals[0].seconds, HOUR + 10 * DAY);
        assert_eq!(totals[2], TierTotal::default());
    }

    #[test]
    fn a_fast_burn_plans_reliability_work_while_the_week_holds_it() {
        // 30 bad of 1000 at hour 200: over the last hour the error ratio is
        // 3%, 30 times the 0.1% a 99.9% target allows; an hour later the
        // window holds only good events.
        let tiers = vec![Tier {
            name: "Fast".into(),
            when: vec![Condition::BurnAbove {
                factor: 2.0,
                over: Span::hours(1),
            }],
            ..Tier::default()
        }];
        let series = hourly(300, &[(200, 30.0)]);
        let spans = run(&tiers, &slo(Span::days(1)), &series);
        assert_eq!(
            spans,
            vec![TierSpan {
                tier: 0,
                from: 199 * HOUR,
                to: 200 * HOUR,
                cause: None
            }]
        );
    }

    #[test]
    fn two_missed_windows_in_a_row_hold_until_a_window_is_met() {
        // 1-day rolling window: 24,000 events allow 24 bad. The windows
        // judged are (0, 24 h], (24 h, 48 h]... from the first row's interval,
        // each at its last row. 30 bad at hour 25 and at hour 49: days 2 and
        // 3 end overspent.
        let tiers = vec![Tier {
            name: "Two misses".into(),
            when: vec![Condition::MissedWindows { count: 2 }],
            ..Tier::default()
        }];
        let series = hourly(5 * 24, &[(25, 30.0), (49, 30.0)]);
        let spans = run(&tiers, &slo(Span::days(1)), &series);
        // From the end of day 3 until day 4 ends with its budget intact.
        assert_eq!(
            spans,
            vec![TierSpan {
                tier: 0,
                from: 72 * HOUR,
                to: 96 * HOUR,
                cause: None
            }]
        );
    }

    #[test]
    fn the_last_tier_that_holds_wins_and_no_tier_leaves_a_gap() {
        let series = hourly(48, &[(10, 30.0)]);
        let mut ladder = default_ladder();
        let spans = run(&ladder, &slo(Span::days(1)), &series);
        // 30 bad in hour 10, when the 1-day window has seen 10,000 events
        // (10 allowed): overspent until the hour leaves the window at hour 34,
        // so escalate; the hour is also an incident (look) and a fast burn
        // (plan), and the last tier that holds wins.
        assert_eq!(
            spans,
            vec![TierSpan {
                tier: 2,
                from: 9 * HOUR,
                to: 33 * HOUR,
                cause: None
            }]
        );
        ladder.clear();
        assert_eq!(run(&ladder, &slo(Span::days(1)), &series), vec![]);
    }

    #[test]
    fn a_calendar_month_that_overspends_counts_as_one_missed_window() {
        let tiers = vec![Tier {
            name: "One miss".into(),
            when: vec![Condition::MissedWindows { count: 1 }],
            ..Tier::default()
        }];
        let month = Slo {
            target: Target(0.999),
            window: Window::Calendar {
                unit: crate::model::CalendarUnit::Month,
                time_zone: "UTC".into(),
            },
            ..Slo::default()
        };
        // January 1970 has 744 hours: its last row is at hour 744, when its
        // budget (744 bad allowed) is overspent by the 1000 bad of hour 100.
        // February would be judged when it ends, after the data.
        let series = hourly(800, &[(100, 1000.0)]);
        let spans = run(&tiers, &month, &series);
        assert_eq!(
            spans,
            vec![TierSpan {
                tier: 0,
                from: 744 * HOUR,
                to: 800 * HOUR,
                cause: None
            }]
        );
    }

    #[test]
    fn the_replay_report_carries_the_spans_of_the_requests_tiers_and_none_without_tiers() {
        let series = crate::samples::generate(&crate::samples::sample_traffic("outage").unwrap());
        let slo = Slo::default();
        let request = |tiers: Vec<Tier>| crate::worker::Request {
            slo: slo.clone(),
            columns: 100,
            policy_share: 0.2,
            recalibrate_share: 0.9,
            sweep_targets: vec![],
            tiers,
            label_set: None,
        };
        let with = crate::worker::report(&series, &request(default_ladder()));
        let sim = crate::simulate::simulate(&series, &slo, &SimOptions::default());
        assert_eq!(with.tiers, replay(&default_ladder(), &slo, &series, &sim));
        assert!(
            !with.tiers.is_empty(),
            "the outage puts the history in a tier"
        );
        assert_eq!(
            crate::worker::report(&series, &request(vec![])).tiers,
            vec![]
        );
    }
}
