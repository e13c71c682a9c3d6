//! The replay, specified by hand-worked numbers and by properties that must
//! hold on any data.

use proptest::prelude::*;
use slo_engine::model::{BudgetingMethod, CalendarUnit, Severity, Slo, Span, Target, Window};
use slo_engine::series::EventSeries;
use slo_engine::simulate::{simulate, simulate_summary, SimOptions, Simulation};
use slo_engine::whatif::{default_sweep_targets, recalibrate, sweep};

const MIN: i64 = 60;
const DAY: i64 = 86_400;

/// `days` of minute rows of 1000 requests, all failing for `outage_minutes`
/// starting `outage_start` seconds after `origin`. Row i is stamped at the end of its minute.
fn minutes(
    origin: i64,
    days: i64,
    outage_start: i64,
    outage_minutes: i64,
    error_ratio: f64,
) -> EventSeries {
    let mut s = EventSeries::default();
    for i in 0..days * 1440 {
        let t = origin + (i + 1) * MIN;
        let in_outage =
            t > origin + outage_start && t <= origin + outage_start + outage_minutes * MIN;
        let bad = if in_outage { 1000.0 * error_ratio } else { 0.0 };
        s.push(t, 1000.0 - bad, 1000.0);
    }
    s
}

fn run(series: &EventSeries, slo: &Slo) -> Simulation {
    simulate(series, slo, &SimOptions::default())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Outage at day 31 of 35, so every alert window and the 30-day window are full.
const OUTAGE: i64 = 31 * DAY;

#[test]
fn a_ten_minute_full_outage_spends_23_point_1_percent_of_a_30_day_budget() {
    let sim = run(&minutes(0, 35, OUTAGE, 10, 1.0), &Slo::default());
    // 10 x 1000 bad of 30 x 1440 x 1000 x 0.001 allowed.
    let spent = 10.0 * 1000.0 / (30.0 * 1440.0 * 1000.0 * 0.001);
    assert!(close(spent, 0.231_481_481_481), "{spent}");
    assert!(
        close(sim.budget_remaining, 1.0 - spent),
        "{}",
        sim.budget_remaining
    );
    assert!(close(sim.sli, 1.0 - 10_000.0 / (35.0 * 1440.0 * 1000.0)));
    assert!(sim.exhausted.is_empty());
}

#[test]
fn each_workbook_pair_fires_once_with_its_minute_grained_detection_delay() {
    let sim = run(&minutes(0, 35, OUTAGE, 10, 1.0), &Slo::default());
    type Row = (usize, Severity, i64, Option<i64>, Option<i64>, Option<i64>);
    let by_pair: Vec<Row> = sim
        .alerts
        .iter()
        .map(|a| {
            (
                a.alert_index,
                a.severity,
                a.start - OUTAGE,
                a.end.map(|e| e - OUTAGE),
                a.detection_delay,
                a.reset_after,
            )
        })
        .collect();
    // 14.4x 1h/5m: one bad minute in the hour is 1.67% > 1.44%: fires on the first
    // bad minute (51.8 s in continuous time, 60 s with minute rows); stops when the
    // 5-minute window is clean again, 5 min after the outage.
    // 6x 6h/30m: needs 3 bad minutes in 360 (0.83% > 0.6%); 30m clean 30 min after.
    // 3x 1d/2h: 5 of 1440 = 0.35% > 0.3%; 2h clean 2 h after.
    // 1x 3d/6h: 5 of 4320 = 0.116% > 0.1%; 6h clean 6 h after.
    assert_eq!(
        by_pair,
        vec![
            (0, Severity::Page, 60, Some(900), Some(60), Some(300)),
            (
                1,
                Severity::Page,
                180,
                Some(600 + 1800),
                Some(180),
                Some(1800)
            ),
            (
                2,
                Severity::Ticket,
                300,
                Some(600 + 7200),
                Some(300),
                Some(7200)
            ),
            (
                3,
                Severity::Ticket,
                300,
                Some(600 + 21_600),
                Some(300),
                Some(21_600)
            ),
        ]
    );
    let page = &sim.alerts[0];
    assert_eq!(
        (page.long, page.short, page.burn_rate),
        (Span::hours(1), Span::minutes(5), 14.4)
    );
    // One bad minute of 30 days' events spent when it fired.
    assert!(close(
        page.budget_spent_at_fire,
        1000.0 / (43_200.0 * 1000.0 * 0.001)
    ));
    // Ten bad minutes in the hour: burn 10/60 / 0.001 = 166.7x at its peak.
    assert!(
        (page.peak_burn - 166.666_666).abs() < 1e-3,
        "{}",
        page.peak_burn
    );
}

#[test]
fn a_ten_percent_error_rate_pages_after_nine_minutes() {
    // B x L x F / e = 0.001 x 3600 s x 14.4 / 0.1 = 518.4 s: the ninth minute.
    let sim = run(&minutes(0, 35, OUTAGE, 60, 0.1), &Slo::default());
    let page = sim
        .alerts
        .iter()
        .find(|a| a.alert_index == 0)
        .expect("the fast page fires");
    assert_eq!(page.start - OUTAGE, 540);
    assert_eq!(page.detection_delay, Some(540));
}

#[test]
fn burn_rate_series_follow_the_alert_windows() {
    let sim = run(&minutes(0, 35, OUTAGE, 10, 1.0), &Slo::default());
    let row = sim
        .points
        .t
        .iter()
        .position(|&t| t == OUTAGE + 10 * MIN)
        .unwrap();
    let b = 1.0 - 0.999;
    // 5-minute window: 5 of 5 bad minutes; 1-hour window: 10 of 60.
    assert!(close(sim.points.burn_short[0][row], 1.0 / b));
    assert!(close(sim.points.burn_long[0][row], 10.0 / 60.0 / b));
    assert_eq!(sim.points.burn_long.len(), 4);
    assert!(close(sim.points.sli_window[row], 1.0 - 10.0 / 43_200.0));
}

#[test]
fn overspending_a_rolling_budget_is_reported_until_the_outage_leaves_the_window() {
    let slo = Slo {
        target: Target(0.9999),
        ..Slo::default()
    };
    let series = minutes(0, 35, OUTAGE, 10, 1.0);
    let sim = run(&series, &slo);
    // 4320 bad events allowed: the fifth bad minute (5000) overspends.
    assert_eq!(sim.exhausted, vec![(OUTAGE + 5 * MIN, 35 * DAY)]);
    assert!(close(sim.budget_remaining, 1.0 - 10_000.0 / 4320.0));
}

#[test]
fn a_calendar_month_starts_again_with_a_full_budget() {
    const JAN_25_2024: i64 = 1_706_140_800;
    const FEB_1_2024: i64 = 1_706_745_600;
    let slo = Slo {
        target: Target(0.9999),
        window: Window::Calendar {
            unit: CalendarUnit::Month,
            time_zone: "UTC".into(),
        },
        ..Slo::default()
    };
    let series = minutes(JAN_25_2024, 10, 3 * DAY + DAY / 2, 10, 1.0);
    let sim = run(&series, &slo);
    // 3.5 days of January allow 504.1 bad events: the first bad minute overspends,
    // until the row that closes January.
    assert_eq!(
        sim.exhausted,
        vec![(JAN_25_2024 + 3 * DAY + DAY / 2 + MIN, FEB_1_2024)]
    );
    let first_feb = sim
        .points
        .t
        .iter()
        .position(|&t| t == FEB_1_2024 + MIN)
        .unwrap();
    assert_eq!(sim.points.budget_remaining[first_feb], 1.0);
    // Seven days of January in the data: 1008 bad events allowed, 10,000 spent.
    assert!((sim.points.budget_remaining[first_feb - 1] - (1.0 - 10_000.0 / 1008.0)).abs() < 1e-9);
}

/// 2026-03-01T00:00Z.
const MAR_1_2026_UTC: i64 = 1_772_323_200;

fn calendar_slo(unit: CalendarUnit, tz: &str) -> Slo {
    Slo {
        target: Target(0.999),
        window: Window::Calendar {
            unit,
            time_zone: tz.into(),
        },
        ..Slo::default()
    }
}

/// Budget remaining at the row stamped `t`.
fn budget_at(sim: &Simulation, t: i64) -> f64 {
    let i = sim.points.t.iter().position(|&x| x == t).unwrap();
    sim.points.budget_remaining[i]
}

#[test]
fn a_berlin_month_resets_at_local_midnight_which_is_23_00_utc() {
    // 2026-03-01T00:00+01:00 = 2026-02-28T23:00Z.
    let march_berlin = MAR_1_2026_UTC - 3600;
    // Three days from 2026-02-27T00:00Z, a 10-minute outage at noon on the 27th.
    let series = minutes(MAR_1_2026_UTC - 2 * DAY, 3, DAY / 2, 10, 1.0);
    let berlin = run(&series, &calendar_slo(CalendarUnit::Month, "Europe/Berlin"));
    assert!(
        !berlin
            .warnings
            .iter()
            .any(|w| w.message.contains("time zone")),
        "{:?}",
        berlin.warnings
    );
    // The row ending at 23:00Z closes February; the next one opens March.
    assert!(budget_at(&berlin, march_berlin) < 0.0);
    assert_eq!(budget_at(&berlin, march_berlin + MIN), 1.0);
    // In UTC the same row is still February.
    let utc = run(&series, &calendar_slo(CalendarUnit::Month, "UTC"));
    assert!(budget_at(&utc, march_berlin + MIN) < 0.0);
    assert_eq!(budget_at(&utc, MAR_1_2026_UTC + MIN), 1.0);
}

#[test]
fn a_berlin_week_after_the_spring_change_starts_at_22_00_utc() {
    // Clocks go forward on Sunday 2026-03-29; the next week starts Monday
    // 2026-03-30T00:00+02:00 = 2026-03-29T22:00Z, not at 23:00Z (+01:00).
    let monday = MAR_1_2026_UTC + 29 * DAY - 2 * 3600;
    // From Saturday 2026-03-28T00:00Z, an outage at noon on Saturday.
    let series = minutes(MAR_1_2026_UTC + 27 * DAY, 3, DAY / 2, 10, 1.0);
    let sim = run(&series, &calendar_slo(CalendarUnit::Week, "Europe/Berlin"));
    assert!(budget_at(&sim, monday) < 0.0);
    assert_eq!(budget_at(&sim, monday + MIN), 1.0);
}

#[test]
fn a_new_york_quarter_resets_at_midnight_eastern_daylight_time() {
    // 2026-07-01T00:00-04:00 = 2026-07-01T04:00Z (March 31, April 30,
    // May 31 and June 30 days after 2026-03-01).
    let q3 = MAR_1_2026_UTC + (31 + 30 + 31 + 30) * DAY + 4 * 3600;
    // From 2026-06-30T04:00Z, an outage six hours in.
    let series = minutes(q3 - DAY, 2, 6 * 3600, 10, 1.0);
    let sim = run(
        &series,
        &calendar_slo(CalendarUnit::Quarter, "America/New_York"),
    );
    // UTC midnight is still June 30 in New York.
    assert!(budget_at(&sim, q3 - 4 * 3600 + MIN) < 0.0);
    assert!(budget_at(&sim, q3) < 0.0);
    assert_eq!(budget_at(&sim, q3 + MIN), 1.0);
}

#[test]
fn an_unknown_time_zone_is_replayed_in_utc_and_says_so() {
    let sim = run(
        &minutes(0, 1, 0, 0, 0.0),
        &calendar_slo(CalendarUnit::Week, "Not/AZone"),
    );
    assert!(sim.warnings.iter().any(
        |w| w.message.contains("unknown time zone \"Not/AZone\"") && w.message.contains("UTC")
    ));
}

/// One hour of minute rows, 5-minute slices: slice (600, 900] fully down, and
/// one minute at 50% errors in slice (1200, 1500].
fn one_hour_with_two_bad_slices() -> EventSeries {
    let mut s = EventSeries::default();
    for i in 1..=60 {
        let t = i * MIN;
        let bad = if t > 600 && t <= 900 {
            1000.0
        } else if t == 1260 {
            500.0
        } else {
            0.0
        };
        s.push(t, 1000.0 - bad, 1000.0);
    }
    s
}

#[test]
fn time_slices_count_good_and_bad_slices_and_spend_the_budget_in_slices() {
    let slo = Slo {
        target: Target(0.99),
        budgeting: BudgetingMethod::Timeslices {
            slice: Span::minutes(5),
            slice_target: 0.99,
        },
        ..Slo::default()
    };
    let sim = run(&one_hour_with_two_bad_slices(), &slo);
    let ts = sim.timeslices.expect("time slices are counted");
    assert_eq!((ts.good_slices, ts.bad_slices, ts.empty_slices), (10, 2, 0));
    assert!(close(ts.compliance, 10.0 / 12.0));
    // The third slice is all bad, the fifth has 4500 good of 5000.
    assert!(close(ts.mean_ratio, (10.0 + 0.0 + 0.9) / 12.0));
    // 12 slices at 99%: 0.12 bad slices allowed, 2 spent.
    assert!(close(sim.budget_remaining, 1.0 - 2.0 / 0.12));
    assert!(close(ts.budget_remaining, sim.budget_remaining));
    // The SLI over the window is counted in slices too.
    assert!(close(*sim.points.sli_window.last().unwrap(), 10.0 / 12.0));
}

#[test]
fn ratio_time_slices_average_the_slice_ratios() {
    let slo = Slo {
        target: Target(0.99),
        budgeting: BudgetingMethod::RatioTimeslices {
            slice: Span::minutes(5),
        },
        ..Slo::default()
    };
    let sim = run(&one_hour_with_two_bad_slices(), &slo);
    assert!(close(*sim.points.sli_window.last().unwrap(), 10.9 / 12.0));
}

#[test]
fn occurrences_data_also_reports_one_minute_slices_at_the_target() {
    let sim = run(&one_hour_with_two_bad_slices(), &Slo::default());
    let ts = sim.timeslices.expect("computed for occurrences too");
    assert_eq!(
        (ts.slice_seconds, ts.good_slices, ts.bad_slices),
        (60, 54, 6)
    );
}

#[test]
fn an_incident_spending_more_than_the_policy_share_is_reported() {
    let sim = run(&minutes(0, 35, OUTAGE, 10, 1.0), &Slo::default());
    assert_eq!(sim.incidents.len(), 1);
    let inc = &sim.incidents[0];
    assert_eq!((inc.start, inc.end), (OUTAGE, OUTAGE + 600));
    assert!(close(inc.budget_spent, 0.231_481_481_481_481_5));
    assert!(sim
        .warnings
        .iter()
        .any(|w| w.message.contains("spent 23% of the error budget")));
    let lenient = simulate(
        &minutes(0, 35, OUTAGE, 10, 1.0),
        &Slo::default(),
        &SimOptions {
            budget_share_policy: 0.5,
            now: None,
        },
    );
    assert!(lenient.incidents.is_empty());
}

#[test]
fn now_cuts_the_replay_and_leaves_a_firing_alert_open() {
    let series = minutes(0, 35, OUTAGE, 10, 1.0);
    let sim = simulate(
        &series,
        &Slo::default(),
        &SimOptions {
            now: Some(OUTAGE + 5 * MIN),
            ..SimOptions::default()
        },
    );
    assert_eq!(sim.points.t.last(), Some(&(OUTAGE + 5 * MIN)));
    let page = &sim.alerts[0];
    assert_eq!(
        (page.start, page.end, page.reset_after),
        (OUTAGE + MIN, None, None)
    );
}

#[test]
fn no_data_means_full_compliance_and_no_alert() {
    let sim = run(&EventSeries::default(), &Slo::default());
    assert_eq!((sim.sli, sim.budget_remaining), (1.0, 1.0));
    assert!(sim.alerts.is_empty() && sim.exhausted.is_empty() && sim.points.t.is_empty());
}

#[test]
fn unsorted_rows_and_impossible_counts_are_fixed_and_reported() {
    let series = EventSeries {
        t: vec![120, 60, 180],
        good: vec![10.0, f64::NAN, 20.0],
        total: vec![10.0, 10.0, 10.0],
    };
    let sim = run(&series, &Slo::default());
    assert_eq!(sim.points.t, vec![60, 120, 180]);
    let text: Vec<&str> = sim.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        text.iter()
            .any(|m| m.contains("1 rows were out of time order")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains("1 counts were negative or not numbers")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains("1 rows had more good events than total")),
        "{text:?}"
    );
    // The NaN good count is read as 0: 10 bad of 30.
    assert!(close(sim.sli, 2.0 / 3.0));
}

#[test]
fn the_sweep_pages_more_as_the_target_rises() {
    let rows = sweep(
        &minutes(0, 35, OUTAGE, 10, 1.0),
        &Slo::default(),
        &default_sweep_targets(),
    );
    let summary: Vec<(String, usize, usize, usize)> = rows
        .iter()
        .map(|r| {
            (
                r.target.to_string(),
                r.pages,
                r.tickets,
                r.windows_exhausted,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            // At 99% the 6x page needs 22 bad minutes in 6 h; at 99.5%, 11.
            ("99".to_string(), 1, 0, 0),
            ("99.5".to_string(), 1, 0, 0),
            ("99.9".to_string(), 2, 2, 0),
            ("99.95".to_string(), 2, 2, 0),
            ("99.99".to_string(), 2, 2, 1),
        ]
    );
    assert!(close(
        rows[2].min_budget_remaining,
        1.0 - 10_000.0 / 43_200.0
    ));
}

// ---- Properties -------------------------------------------------------------

/// Irregular steps (1 s to 10 min), integer counts, some empty rows.
fn arb_series() -> impl Strategy<Value = EventSeries> {
    prop::collection::vec((1i64..600, 0u32..2000, 0u32..=100), 1..250).prop_map(|rows| {
        let mut s = EventSeries::default();
        let mut t = 1_700_000_000;
        for (step, total, bad_pct) in rows {
            t += step;
            let bad = (total * bad_pct / 100) as f64;
            s.push(t, total as f64 - bad, total as f64);
        }
        s
    })
}

/// Short alert windows so that a few hundred rows exercise them.
fn arb_slo() -> impl Strategy<Value = Slo> {
    (
        prop::sample::select(vec![0.9, 0.99, 0.995, 0.999]),
        1u64..48,
    )
        .prop_map(|(target, hours)| {
            let mut slo = Slo {
                target: Target(target),
                window: Window::Rolling {
                    span: Span::hours(hours),
                },
                ..Slo::default()
            };
            for a in &mut slo.alerting.alerts {
                a.long = Span(a.long.seconds() / 24);
                a.short = Span(a.short.seconds() / 24);
            }
            slo
        })
}

fn firing_rows(sim: &Simulation, index: usize) -> Vec<i64> {
    sim.points
        .t
        .iter()
        .copied()
        .filter(|&t| {
            sim.alerts
                .iter()
                .any(|a| a.alert_index == index && a.start <= t && a.end.is_none_or(|e| t < e))
        })
        .collect()
}

proptest! {
    #[test]
    fn without_bad_events_nothing_burns_and_nothing_fires(series in arb_series(), slo in arb_slo()) {
        let clean = EventSeries { good: series.total.clone(), ..series };
        let sim = run(&clean, &slo);
        prop_assert!(sim.alerts.is_empty());
        prop_assert!(sim.exhausted.is_empty());
        prop_assert_eq!(sim.budget_remaining, 1.0);
        prop_assert!(sim.points.burn_long.iter().chain(&sim.points.burn_short).flatten().all(|&b| b == 0.0));
        prop_assert!(sim.points.budget_remaining.iter().all(|&b| b == 1.0));
    }

    #[test]
    fn scaling_every_count_changes_no_ratio_and_no_alert(series in arb_series(), slo in arb_slo(), k in 2u32..1000) {
        let k = f64::from(k);
        let scaled = EventSeries {
            t: series.t.clone(),
            good: series.good.iter().map(|g| g * k).collect(),
            total: series.total.iter().map(|g| g * k).collect(),
        };
        let (a, b) = (run(&series, &slo), run(&scaled, &slo));
        prop_assert_eq!(&a.points.burn_long, &b.points.burn_long);
        prop_assert_eq!(&a.points.burn_short, &b.points.burn_short);
        prop_assert_eq!(&a.points.sli_window, &b.points.sli_window);
        let key = |s: &Simulation| s.alerts.iter().map(|e| (e.alert_index, e.start, e.end, e.detection_delay, e.reset_after)).collect::<Vec<_>>();
        prop_assert_eq!(key(&a), key(&b));
        prop_assert!((a.budget_remaining - b.budget_remaining).abs() <= 1e-9 * a.budget_remaining.abs().max(1.0));
    }

    #[test]
    fn a_higher_target_only_adds_firing_instants(series in arb_series(), slo in arb_slo(), hi in prop::sample::select(vec![0.995, 0.999, 0.9995, 0.9999])) {
        prop_assume!(hi > slo.target.ratio());
        let low = run(&series, &slo);
        let high = run(&series, &Slo { target: Target(hi), ..slo.clone() });
        for k in 0..slo.alerting.alerts.len() {
            let (lo_rows, hi_rows) = (firing_rows(&low, k), firing_rows(&high, k));
            prop_assert!(lo_rows.iter().all(|t| hi_rows.contains(t)), "alert {}: {:?} not within {:?}", k, lo_rows, hi_rows);
        }
    }

    #[test]
    fn splitting_the_series_and_joining_it_again_changes_nothing(series in arb_series(), slo in arb_slo(), cut in any::<prop::sample::Index>()) {
        let at = cut.index(series.len() + 1);
        let mut joined = EventSeries {
            t: series.t[..at].to_vec(),
            good: series.good[..at].to_vec(),
            total: series.total[..at].to_vec(),
        };
        let head = run(&joined, &slo);
        for i in at..series.len() {
            joined.push(series.t[i], series.good[i], series.total[i]);
        }
        let whole = run(&series, &slo);
        prop_assert_eq!(&run(&joined, &slo), &whole);
        // And the replay is causal: the first part's figures are those of the whole.
        prop_assert_eq!(&head.points.budget_remaining[..], &whole.points.budget_remaining[..at]);
        prop_assert_eq!(&head.points.burn_long, &whole.points.burn_long.iter().map(|v| v[..at].to_vec()).collect::<Vec<_>>());
        let started: Vec<_> = whole.alerts.iter().filter(|a| head.points.t.last().is_some_and(|&last| a.start <= last)).map(|a| (a.alert_index, a.start)).collect();
        prop_assert_eq!(head.alerts.iter().map(|a| (a.alert_index, a.start)).collect::<Vec<_>>(), started);
    }
}

#[test]
fn extreme_timestamps_and_windows_do_not_overflow() {
    let series = EventSeries {
        t: vec![i64::MIN, -1, 0, i64::MAX],
        good: vec![0.0, 5.0, 10.0, 0.0],
        total: vec![10.0; 4],
    };
    for window in [
        Window::Rolling {
            span: Span(u64::MAX),
        },
        Window::Calendar {
            unit: CalendarUnit::Quarter,
            time_zone: String::new(),
        },
    ] {
        let mut slo = Slo {
            window,
            ..Slo::default()
        };
        slo.alerting.alerts[0].long = Span(u64::MAX);
        let sim = run(&series, &slo);
        assert_eq!(sim.points.t.len(), 4);
        assert!(sim.points.budget_remaining.iter().all(|b| !b.is_nan()));
    }
}

proptest! {
    #[test]
    fn the_recalibrated_target_is_met_in_the_chosen_share_of_windows(series in arb_series(), hours in 1u64..12, share in 0.5f64..1.0) {
        let slo = Slo { window: Window::Rolling { span: Span::hours(hours) }, ..Slo::default() };
        if let Some(target) = recalibrate(&series, &slo, share) {
            let sim = run(&series, &slo);
            let first = series.t[0];
            let step = series.step();
            let len = (hours * 3600) as i64;
            let full: Vec<f64> = sim.points.t.iter().zip(&sim.points.sli_window)
                .filter(|(&t, _)| t - len >= first - step)
                .map(|(_, &c)| c)
                .collect();
            let windows = if full.is_empty() { vec![*sim.points.sli_window.last().unwrap()] } else { full };
            // Met up to float noise: 1 - 1/10000 is not exactly 0.9999.
            let met = windows.iter().filter(|&&c| c >= target.ratio() - 1e-9).count();
            prop_assert!(met as f64 >= share * windows.len() as f64 - 1e-9, "{} of {} windows meet {}", met, windows.len(), target);
        }
    }
}

#[test]
fn time_slices_skip_the_slices_a_gap_leaves_empty() {
    // Rows at 60 and 120 (slice (0, 300]), then 1000 and 1200 (slice (900, 1200]), then 1201.
    let series = EventSeries {
        t: vec![60, 120, 1000, 1200, 1201],
        good: vec![10.0, 0.0, 10.0, 10.0, 10.0],
        total: vec![10.0; 5],
    };
    let slo = Slo {
        budgeting: BudgetingMethod::Timeslices {
            slice: Span::minutes(5),
            slice_target: 0.9,
        },
        ..Slo::default()
    };
    let ts = run(&series, &slo)
        .timeslices
        .expect("time slices are counted");
    assert_eq!((ts.good_slices, ts.bad_slices, ts.empty_slices), (2, 1, 0));
}

proptest! {
    #[test]
    fn the_summary_replay_gives_every_figure_of_the_full_one_without_the_chart_series(series in arb_series(), slo in arb_slo()) {
        let full = run(&series, &slo);
        let summary = simulate_summary(&series, &slo, &SimOptions::default());
        prop_assert!(summary.points.sli_window.is_empty());
        prop_assert!(summary.points.burn_long.is_empty() && summary.points.burn_short.is_empty());
        let charts_dropped = Simulation {
            points: slo_engine::simulate::SimSeries {
                sli_window: Vec::new(),
                burn_long: Vec::new(),
                burn_short: Vec::new(),
                ..full.points.clone()
            },
            ..full.clone()
        };
        prop_assert_eq!(&summary, &charts_dropped);
    }

    #[test]
    fn an_alert_fires_exactly_on_the_rows_where_both_its_windows_burn_faster_than_its_factor(series in arb_series(), slo in arb_slo()) {
        let sim = run(&series, &slo);
        for (k, cfg) in slo.alerting.alerts.iter().enumerate() {
            let (long, short) = (&sim.points.burn_long[k], &sim.points.burn_short[k]);
            let expected: Vec<i64> = sim.points.t.iter().enumerate()
                .filter(|&(i, _)| long[i] > cfg.factor && short[i] > cfg.factor)
                .map(|(_, &t)| t)
                .collect();
            prop_assert_eq!(firing_rows(&sim, k), expected, "alert {}", k);
        }
    }
}

#[test]
fn an_slo_without_alerts_is_replayed_with_the_defaults_the_export_writes_and_says_so() {
    let mut slo = Slo::default();
    slo.alerting.alerts.clear();
    let sim = run(&minutes(0, 35, OUTAGE, 10, 1.0), &slo);
    // A 10-minute full outage trips both pages, as with the alerts written out.
    let with_defaults = run(&minutes(0, 35, OUTAGE, 10, 1.0), &Slo::default());
    assert_eq!(sim.alerts, with_defaults.alerts);
    assert!(sim.alerts.iter().any(|a| a.severity == Severity::Page));
    assert!(
        sim.warnings.iter().any(|w| w
            .message
            .contains("has no alerts: default burn-rate alerts were added")),
        "{:?}",
        sim.warnings
    );
}

#[test]
fn a_slice_exactly_at_its_target_is_good_for_every_whole_percent_target() {
    for k in 1..100u32 {
        let mut series = EventSeries::default();
        series.push(60, f64::from(k), 100.0);
        let slo = Slo {
            budgeting: BudgetingMethod::Timeslices {
                slice: Span::minutes(1),
                slice_target: f64::from(k) / 100.0,
            },
            ..Slo::default()
        };
        let slices = run(&series, &slo).timeslices.unwrap();
        assert_eq!(
            (slices.good_slices, slices.bad_slices),
            (1, 0),
            "{k} of 100"
        );
    }
}
