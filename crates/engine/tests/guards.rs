//! The traffic guard and the no-data alert, replayed: hand-worked figures on
//! small data sets.

use slo_engine::guards::{NoDataAlert, TrafficGuard};
use slo_engine::model::{workbook_30d, Severity, Slo, Span};
use slo_engine::series::EventSeries;
use slo_engine::simulate::{simulate, SimOptions, Simulation};

const MIN: i64 = 60;

/// Three hours of minute rows: one request a minute for two hours (the
/// night), the request of minute 90 failing; then 100 a minute, all of
/// minute 150 failing.
fn night_then_day() -> EventSeries {
    let mut s = EventSeries::default();
    for m in 1..=180 {
        let total = if m <= 120 { 1.0 } else { 100.0 };
        let good = if m == 90 || m == 150 { 0.0 } else { total };
        s.push(m * MIN, good, total);
    }
    s
}

/// The Workbook's fast page (14.4x over 1h and 5m) at 99.9%, guarded by `min`.
fn fast_page(min: Option<u64>) -> Slo {
    let mut slo = Slo::default();
    slo.alerting.alerts = vec![workbook_30d()[0]];
    slo.alerting.traffic_guard = min.map(|min_events| TrafficGuard { min_events });
    slo
}

fn spans(alerts: &[slo_engine::simulate::AlertEvent]) -> Vec<(i64, Option<i64>)> {
    alerts.iter().map(|a| (a.start, a.end)).collect()
}

fn run(series: &EventSeries, slo: &Slo) -> Simulation {
    simulate(series, slo, &SimOptions::default())
}

#[test]
fn without_a_guard_one_failed_request_at_night_pages() {
    // Minute 90: the hour holds 60 requests, 1 failed: 1/60 / 0.001 = 16.7x;
    // the 5 minutes hold 5, 1 failed: 200x. Both above 14.4: it pages, and
    // stops at minute 95, when the 5-minute window no longer holds it.
    let sim = run(&night_then_day(), &fast_page(None));
    assert_eq!(
        spans(&sim.alerts),
        [(90 * MIN, Some(95 * MIN)), (150 * MIN, Some(155 * MIN))]
    );
    assert!(sim.silenced.is_empty());
}

#[test]
fn a_guard_of_ten_events_silences_the_night_page_and_keeps_the_day_outage() {
    // At minute 90 the 5-minute window holds 5 requests, fewer than 10: no
    // page. At minute 150 it holds 500 (100 failed): the page fires as before.
    let sim = run(&night_then_day(), &fast_page(Some(10)));
    assert_eq!(spans(&sim.alerts), [(150 * MIN, Some(155 * MIN))]);
    assert_eq!(spans(&sim.silenced), [(90 * MIN, Some(95 * MIN))]);
    assert_eq!(sim.silenced[0].severity, Severity::Page);
}

#[test]
fn the_guard_lets_through_a_window_holding_exactly_its_minimum() {
    // "At least 5": the 5 requests of minute 90's window are enough.
    let sim = run(&night_then_day(), &fast_page(Some(5)));
    assert_eq!(sim.alerts.len(), 2);
    assert!(sim.silenced.is_empty());
}

#[test]
fn a_guard_on_a_probe_slo_is_not_replayed() {
    // A probe SLI has no request count, so validation refuses the guard on
    // export and the replay ignores it rather than silencing on probe counts.
    let mut slo = fast_page(Some(1_000));
    slo.sli = slo_engine::model::Sli::Availability {
        probe_query: "up".into(),
    };
    let sim = run(&night_then_day(), &slo);
    assert_eq!(sim.alerts.len(), 2);
    assert!(sim.silenced.is_empty());
}

#[test]
fn the_no_data_alert_fires_across_a_gap_and_says_when_data_came_back() {
    // Minute rows, then nothing from minute 30 to minute 60 (rows 31..59
    // missing), then rows again. With a 10-minute window the rate over the
    // last row before the gap (29 min, 30 min] holds until 39 min; the first
    // instant after, a minute apart, is 40 min. The row at 60 min spans the
    // gap; the row at 61 min brings two samples into the window.
    let mut s = EventSeries::default();
    for m in (1..=30).chain(60..=90) {
        s.push(m * MIN, 10.0, 10.0);
    }
    let mut slo = Slo::default();
    slo.alerting.no_data = Some(NoDataAlert {
        after: Span::minutes(10),
        severity: Severity::Ticket,
    });
    let sim = run(&s, &slo);
    let got: Vec<(Severity, i64, Option<i64>)> = sim
        .no_data
        .iter()
        .map(|f| (f.severity, f.start, f.end))
        .collect();
    assert_eq!(got, [(Severity::Ticket, 40 * MIN, Some(61 * MIN))]);
    // Without the alert switched on, nothing is reported.
    assert!(run(&s, &Slo::default()).no_data.is_empty());
}

#[test]
fn the_iteration_report_carries_the_silenced_firings_and_no_data_rows() {
    let req = slo_engine::worker::Request {
        slo: fast_page(Some(10)),
        columns: 100,
        policy_share: 0.2,
        recalibrate_share: 0.9,
        sweep_targets: vec![],
        tiers: vec![],
        label_set: None,
    };
    let r = slo_engine::worker::report(&night_then_day(), &req);
    let silenced: Vec<(usize, i64)> = r
        .silenced
        .iter()
        .map(|a| (a.alert_index, a.start))
        .collect();
    assert_eq!(silenced, [(0, 90 * MIN)]);
    assert_eq!(r.alerts.len(), 1);
    assert!(r.no_data.is_empty());
}

#[test]
fn a_project_saved_before_the_guards_loads_with_both_off() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/golden/project.json"
    ))
    .unwrap();
    let project = slo_engine::import::import_spec(&text).unwrap().project;
    assert!(project
        .slos
        .iter()
        .all(|s| s.alerting.no_data.is_none() && s.alerting.traffic_guard.is_none()));
}
