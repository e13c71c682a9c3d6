//! The worked numbers of `math-and-formats.md`, row by row, through the public API
//! of `budget` and `alerting`: if a row changes there, it changes here.

use slo_engine::alerting::{self, AlertRule};
use slo_engine::budget::{self, human_seconds};
use slo_engine::model::{workbook_30d, AlertPreset, Severity, Span, Target};

fn pct(p: f64) -> Target {
    Target::from_number(p).unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn allowed_bad_events_99_9_of_a_million_is_1000() {
    assert!(close(
        budget::budget_events(pct(99.9), 1_000_000.0),
        1000.0,
        1e-6
    ));
}

#[test]
fn allowed_bad_time_rows() {
    assert_eq!(
        human_seconds(budget::budget_seconds(pct(99.9), Span::days(30))),
        "43 min 12 s"
    );
    assert_eq!(
        human_seconds(budget::budget_seconds(pct(99.9), Span::days(28))),
        "40 min 19.2 s"
    );
    assert_eq!(
        human_seconds(budget::budget_seconds(pct(99.95), Span::days(28))),
        "20 min 9.6 s"
    );
    assert_eq!(
        human_seconds(budget::budget_seconds(pct(99.0), Span::days(7))),
        "1 h 40 min 48 s"
    );
}

#[test]
fn burn_rate_of_one_percent_errors_at_99_9_is_10x() {
    assert!(close(budget::burn_rate(pct(99.9), 0.01), 10.0, 1e-9));
}

#[test]
fn thirty_days_at_14_4x_last_2_08_days() {
    let secs = budget::time_to_exhaustion(Span::days(30), 14.4).unwrap();
    assert_eq!(format!("{:.2}", secs / 86_400.0), "2.08");
}

#[test]
fn factors_from_budget_shares_rows() {
    let d30 = Span::days(30);
    let rows = [
        (0.02, Span::hours(1), 14.4),
        (0.05, Span::hours(6), 6.0),
        (0.10, Span::days(1), 3.0),
        (0.10, Span::days(3), 1.0),
    ];
    for (share, long, factor) in rows {
        let a = alerting::custom(Severity::Page, share, long, Span(long.seconds() / 12), d30);
        assert!(close(a.factor, factor, 1e-9), "{share} in {long}");
    }
}

#[test]
fn threshold_spent_share_and_detection_rows() {
    let fast = workbook_30d()[0];
    assert!(close(alerting::threshold(&fast, pct(99.9)), 0.0144, 1e-12));
    assert!(close(
        alerting::budget_spent_when_fired(&fast, Span::days(30)),
        0.02,
        1e-12
    ));
    assert_eq!(
        format!(
            "{:.1}",
            alerting::detection_time(&fast, pct(99.9), 1.0).unwrap()
        ),
        "51.8"
    );
}

#[test]
fn alerts_that_can_never_fire_rows() {
    // 14.4x: any T <= 93.06%; 6x: T <= 83.3%.
    let never = |t: f64, index: usize| {
        alerting::lint_alerts(&workbook_30d(), pct(t), Span::days(30), None)
            .iter()
            .any(|f| f.rule == AlertRule::NeverFires && f.alert == index)
    };
    assert!(never(93.05, 0) && !never(93.06, 0));
    assert!(never(83.3, 1) && !never(83.4, 1));
}

#[test]
fn a_99_9_budget_needs_1000_events_to_hold_one_bad_one() {
    assert!(close(budget::budget_events(pct(99.9), 1000.0), 1.0, 1e-9));
    assert!(budget::budget_events(pct(99.9), 999.0) < 1.0);
}

#[test]
fn time_slice_row() {
    assert!(close(
        budget::timeslice_budget(pct(99.95), Span::WEEK, Span::MINUTE),
        5.04,
        1e-9
    ));
}

#[test]
fn serial_dependencies_row() {
    let a = budget::serial_availability(&[0.9999, 0.9999, 0.9995, 0.999]);
    assert_eq!(format!("{:.2}", a * 100.0), "99.83");
}

#[test]
fn low_traffic_row_each_failure_spends_13_9_percent() {
    // 10 requests an hour, 99.9%, 30 d: the window allows 7.2 bad events.
    let per_second = 10.0 / 3600.0;
    let rows = budget::event_budget_table(pct(99.9), Span::days(30), per_second);
    let window = rows.last().unwrap();
    assert_eq!(format!("{:.1}", 100.0 / window.allowed_bad_events), "13.9");
}

#[test]
fn pyrra_preset_at_28_days_row() {
    let a = alerting::preset_alerts(AlertPreset::PyrraScaled, Span::days(28)).unwrap();
    let windows: Vec<String> = a
        .iter()
        .map(|x| format!("{}/{}", x.short, x.long))
        .collect();
    assert_eq!(windows, ["5m/1h", "30m/6h", "2h/1d", "6h/4d"]);
}
