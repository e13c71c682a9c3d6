//! Grouped SLOs (Pyrra's `grouping`) on data with labels: CSV label columns
//! and Prometheus series labels read as one series per label set, and the
//! replay run per set with hand-worked figures.

use slo_engine::ingest::{parse, Dataset, IngestOptions};
use slo_engine::limits::MAX_LABEL_SETS;
use slo_engine::model::{AlertConfig, AlertPreset, BurnAlert, Severity, Slo, Span, Target, Window};
use slo_engine::simulate::label_sets::{replay_sets, scope, Scope};
use slo_engine::simulate::{simulate, SimOptions};

/// 2026-01-05T00:00:00Z.
const T0: i64 = 1_767_571_200;

fn by(labels: &[&str]) -> IngestOptions {
    IngestOptions {
        group_by: labels.iter().map(|l| l.to_string()).collect(),
        ..Default::default()
    }
}

fn read(text: &str, opts: &IngestOptions) -> Dataset {
    match parse(text, opts) {
        Ok(d) => d,
        Err(e) => panic!("{e:?}"),
    }
}

/// Two routes, 100 requests a minute each for an hour (minutes 1 to 60);
/// /pay fails 90 requests of 100 in minutes 31 to 33, /list never fails.
fn two_routes_csv() -> String {
    let mut csv = String::from("timestamp,route,good,total\n");
    for m in 1..=60 {
        let pay_good = if (31..=33).contains(&m) { 10 } else { 100 };
        csv.push_str(&format!("{},/pay,{pay_good},100\n", T0 + 60 * m));
        csv.push_str(&format!("{},/list,100,100\n", T0 + 60 * m));
    }
    csv
}

/// 90% over one hour (a budget of 10% of the requests), kept per route,
/// with one alert: page when both 10 min and 5 min burn faster than 2x
/// (an error ratio above 20% in each).
fn per_route_slo() -> Slo {
    Slo {
        id: "pay".into(),
        name: "pay".into(),
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
    }
}

#[test]
fn csv_label_columns_make_one_series_per_label_set_and_the_whole_their_sum() {
    let d = read(&two_routes_csv(), &by(&["route"]));
    let names: Vec<String> = d.sets.iter().map(|s| s.selector()).collect();
    assert_eq!(names, [r#"{route="/list"}"#, r#"{route="/pay"}"#]);
    assert_eq!(d.sets[1].series.len(), 60);
    assert_eq!(d.sets[1].series.good[30], 10.0, "minute 31 of /pay");
    assert_eq!(d.series.len(), 60);
    assert_eq!(
        (d.series.good[30], d.series.total[30]),
        (110.0, 200.0),
        "the whole adds both routes at each minute"
    );
    assert_eq!(d.rows, 120);
}

#[test]
fn without_grouping_labels_the_label_column_is_not_used_and_there_are_no_sets() {
    let d = read(&two_routes_csv(), &IngestOptions::default());
    assert!(d.sets.is_empty());
    // Rows sharing a minute are merged as today.
    assert_eq!(d.series.total[0], 200.0);
}

#[test]
fn data_without_the_labels_is_read_whole_and_says_so() {
    let d = read(
        "timestamp,good,total\n2026-01-05T00:01:00Z,9,10\n",
        &by(&["route"]),
    );
    assert!(d.sets.is_empty());
    assert!(
        d.diagnostics.iter().any(|x| x
            .message
            .contains("carries none of the grouping labels (route)")),
        "{:?}",
        d.diagnostics
    );
}

#[test]
fn counters_are_differenced_within_each_label_set() {
    // Cumulative counters per route: /a grows by 10 a minute, /b by 100.
    let mut csv = String::from("ts,route,good,total\n");
    for m in 0..8 {
        csv.push_str(&format!("{},/a,{},{}\n", T0 + 60 * m, 10 * m, 10 * m));
        csv.push_str(&format!("{},/b,{},{}\n", T0 + 60 * m, 100 * m, 100 * m));
    }
    let d = read(&csv, &by(&["route"]));
    assert!(d.cumulative);
    assert_eq!(d.sets[0].series.total, vec![10.0; 7]);
    assert_eq!(d.sets[1].series.total, vec![100.0; 7]);
    assert_eq!(d.series.total, vec![110.0; 7]);
}

#[test]
fn a_label_set_past_the_limit_is_refused_at_its_line() {
    let mut csv = String::from("timestamp,route,good,total\n");
    for i in 0..=MAX_LABEL_SETS {
        csv.push_str(&format!("{},/r{i},1,1\n", T0 + 60));
    }
    let e = parse(&csv, &by(&["route"])).unwrap_err();
    assert_eq!(e[0].line, MAX_LABEL_SETS + 2, "{e:?}");
    assert!(
        e[0].message.starts_with("101 label sets; the limit is 100")
            && e[0].message.contains(r#"{route="/r100"}"#),
        "{}",
        e[0].message
    );
}

#[test]
fn a_bad_value_in_a_grouped_csv_names_its_line_and_field() {
    let e = parse(
        "timestamp,route,good,total\n2026-01-05T00:01:00Z,/a,ten,10\n",
        &by(&["route"]),
    )
    .unwrap_err();
    assert_eq!((e[0].line, e[0].column), (2, Some(3)));
}

/// The same data as a `query_range` answer: errors and total per route.
fn two_routes_json() -> String {
    let series = |route: &str, kind: &str, v: &dyn Fn(i64) -> i64| {
        let values: Vec<String> = (1..=60)
            .map(|m| format!("[{},\"{}\"]", T0 + 60 * m, v(m)))
            .collect();
        format!(
            r#"{{"metric":{{"route":"{route}","kind":"{kind}"}},"values":[{}]}}"#,
            values.join(",")
        )
    };
    let pay_errors = |m: i64| if (31..=33).contains(&m) { 90 } else { 0 };
    let result = [
        series("/pay", "errors", &pay_errors),
        series("/pay", "total", &|_| 100),
        series("/list", "errors", &|_| 0),
        series("/list", "total", &|_| 100),
    ];
    format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{}]}}}}"#,
        result.join(",")
    )
}

#[test]
fn prometheus_series_are_split_by_their_grouping_labels_and_paired_within_each_set() {
    let json = read(&two_routes_json(), &by(&["route"]));
    let csv = read(&two_routes_csv(), &by(&["route"]));
    assert_eq!(json.sets, csv.sets, "both shapes read the same label sets");
    // Each set's pairing is told, prefixed with the set.
    assert!(json.diagnostics.iter().any(|d| d
        .message
        .starts_with(r#"{route="/pay"}: series 1 {kind="errors"} was taken as the bad events"#)));
    // Without the grouping the four series are refused as before.
    let e = parse(&two_routes_json(), &IngestOptions::default()).unwrap_err();
    assert!(e[0].message.contains("returned 4 series"), "{e:?}");
}

#[test]
fn only_the_label_set_with_the_outage_pages_and_each_keeps_its_own_budget() {
    let d = read(&two_routes_csv(), &by(&["route"]));
    let slo = per_route_slo();
    assert_eq!(scope(&slo, &d.sets), (Scope::PerSet, None));
    let sets = replay_sets(&d.sets, &slo, &SimOptions::default(), false);
    let (list, pay) = (&sets[0], &sets[1]);
    assert_eq!(list.selector(), r#"{route="/list"}"#);
    // /list: no bad request, the whole budget left, no alert.
    assert_eq!(list.sim.budget_remaining, 1.0);
    assert!(list.sim.alerts.is_empty());
    // /pay: 270 bad of 6,000 in the hour; the budget is 10% of 6,000 = 600,
    // so 270 / 600 = 45% is spent and 55% left.
    assert!((pay.sim.budget_remaining - 0.55).abs() < 1e-12);
    // At minute 33 the last 10 min hold 270 bad of 1,000 (27% > 20%) and the
    // last 5 min 270 of 500; at minute 32 the long window holds 18%. At
    // minute 37 the last 5 min (33 to 37) hold 90 of 500, 18%.
    assert_eq!(pay.sim.alerts.len(), 1);
    let a = &pay.sim.alerts[0];
    assert_eq!(
        (a.severity, a.start, a.end),
        (Severity::Page, T0 + 33 * 60, Some(T0 + 37 * 60))
    );
    assert_eq!(
        (pay.fired(Severity::Page), pay.fired(Severity::Ticket)),
        (1, 0)
    );
}

#[test]
fn the_whole_hides_the_outage_that_the_label_set_shows() {
    let d = read(&two_routes_csv(), &by(&["route"]));
    let whole = simulate(&d.series, &per_route_slo(), &SimOptions::default());
    // 270 bad of 12,000: 270 / 1,200 = 22.5% of the budget, and at minute 33
    // the last 10 min hold 270 of 2,000 (13.5%), under the 20% the alert needs.
    assert!((whole.budget_remaining - 0.775).abs() < 1e-12);
    assert!(whole.alerts.is_empty());
}

#[test]
fn a_grouped_slo_over_data_without_labels_is_replayed_whole_and_told_so() {
    let slo = per_route_slo();
    let (s, note) = scope(&slo, &[]);
    assert_eq!(s, Scope::Whole);
    assert!(note.unwrap().contains("carries none of these labels"));
    let plain = Slo::default();
    let d = read(&two_routes_csv(), &by(&["route"]));
    let (s, note) = scope(&plain, &d.sets);
    assert_eq!(s, Scope::Whole);
    assert!(note
        .unwrap()
        .contains("2 label sets by (route) are replayed as their sum"));
}

#[test]
fn a_project_saved_before_grouping_loads_with_none() {
    let old = r#"{"id":"checkout","name":"Checkout","target":0.999}"#;
    let slo: Slo = serde_json::from_str(old).unwrap();
    assert!(slo.grouping.is_empty());
    let text = serde_json::to_string(&Slo::default()).unwrap();
    assert!(
        !text.contains("grouping"),
        "an empty grouping is not written"
    );
    let grouped = serde_json::to_string(&per_route_slo()).unwrap();
    let back: Slo = serde_json::from_str(&grouped).unwrap();
    assert_eq!(back.grouping, ["route"]);
}
