//! Specification of data ingestion: what each input format becomes, what
//! every warning and error says and where it points, round trips through
//! each timestamp style, and that no input at all makes the parser panic.

use proptest::prelude::*;
use slo_engine::diag::{Diagnostic, Level};
use slo_engine::ingest::{
    parse, parse_with_progress, DataFormat, DataKind, Dataset, IngestOptions,
};

fn ok(text: &str) -> Dataset {
    match parse(text, &IngestOptions::default()) {
        Ok(d) => d,
        Err(e) => panic!("expected to parse, got {e:?}"),
    }
}

fn err(text: &str) -> Vec<Diagnostic> {
    match parse(text, &IngestOptions::default()) {
        Ok(d) => panic!("expected an error, got {d:?}"),
        Err(e) => e,
    }
}

fn with_threshold(text: &str, seconds: f64) -> Result<Dataset, Vec<Diagnostic>> {
    parse(
        text,
        &IngestOptions {
            latency_threshold_seconds: Some(seconds),
            ..Default::default()
        },
    )
}

fn warnings(d: &Dataset) -> Vec<&Diagnostic> {
    d.diagnostics
        .iter()
        .filter(|x| x.level == Level::Warning)
        .collect()
}

fn find<'a>(d: &'a Dataset, needle: &str) -> &'a Diagnostic {
    d.diagnostics
        .iter()
        .find(|x| x.message.contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic containing {needle:?} in {:?}", d.diagnostics))
}

// 2023-11-14T22:13:20Z
const T0: i64 = 1_700_000_000;

// ---------------------------------------------------------------- CSV basics

#[test]
fn csv_with_good_and_total_becomes_per_interval_counts() {
    let d = ok("timestamp,good,total\n2023-11-14T22:13:20Z,99,100\n2023-11-14T22:14:20Z,97,100\n2023-11-14T22:15:20Z,100,100\n");
    assert_eq!(d.format, DataFormat::Csv { delimiter: b',' });
    assert_eq!(d.kind, DataKind::Counts);
    assert_eq!(d.columns, vec!["timestamp", "good", "total"]);
    assert_eq!(d.series.t, vec![T0, T0 + 60, T0 + 120]);
    assert_eq!(d.series.good, vec![99.0, 97.0, 100.0]);
    assert_eq!(d.series.total, vec![100.0; 3]);
    assert_eq!(d.rows, 3);
    assert!(!d.cumulative);
    assert_eq!(
        (d.start(), d.end(), d.step()),
        (Some(T0), Some(T0 + 120), 60)
    );
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
}

#[test]
fn tab_and_semicolon_delimiters_are_sniffed() {
    let tsv = ok("time\tgood\ttotal\n1700000000\t9\t10\n1700000060\t8\t10\n");
    assert_eq!(tsv.format, DataFormat::Csv { delimiter: b'\t' });
    assert_eq!(tsv.series.good, vec![9.0, 8.0]);
    let semi = ok("ts;good;total\n1700000000;9;10\n1700000060;8;10\n");
    assert_eq!(semi.format, DataFormat::Csv { delimiter: b';' });
    assert_eq!(semi.series.total, vec![10.0, 10.0]);
}

#[test]
fn semicolon_files_may_use_a_decimal_comma() {
    let d = ok("ts;good;total\n1700000000;99,5;100\n");
    assert_eq!(d.series.good, vec![99.5]);
    let e = err("ts,good,total\n1700000000,\"99,5\",100\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(2)));
}

#[test]
fn column_names_are_case_insensitive_and_may_be_synonyms_in_any_order() {
    let d = ok("Requests,Errors,TIME\n100,1,1700000000\n200,4,1700000060\n");
    assert_eq!(d.series.t, vec![T0, T0 + 60]);
    assert_eq!(d.series.total, vec![100.0, 200.0]);
    assert_eq!(d.series.good, vec![99.0, 196.0]);
}

#[test]
fn good_is_total_minus_bad_and_total_is_good_plus_bad() {
    let from_bad = ok("ts,bad,total\n1700000000,3,10\n");
    assert_eq!(
        (from_bad.series.good[0], from_bad.series.total[0]),
        (7.0, 10.0)
    );
    let from_good_bad = ok("ts,good,errors\n1700000000,7,3\n");
    assert_eq!(
        (from_good_bad.series.good[0], from_good_bad.series.total[0]),
        (7.0, 10.0)
    );
}

#[test]
fn a_ratio_column_counts_one_event_per_row_and_is_never_taken_for_a_count() {
    let d = ok("ts,error_ratio\n1700000000,0.25\n1700000060,0\n");
    assert_eq!(d.kind, DataKind::Counts);
    assert_eq!(
        (d.series.good.clone(), d.series.total.clone()),
        (vec![0.75, 1.0], vec![1.0, 1.0])
    );
    assert_eq!(find(&d, "read as an error ratio").column, Some(2));
    let d = ok("ts,availability_pct\n1700000000,99.5\n");
    assert_eq!(d.series.good, vec![0.995]);
    let e = err("ts,success_ratio\n1700000000,1.5\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(2)));
    assert!(
        e[0].message
            .contains("expected a ratio between 0 and 1, found 1.5"),
        "{}",
        e[0].message
    );
}

#[test]
fn a_bad_column_beside_good_and_total_is_reported_as_unused() {
    let d = ok("ts,good,bad,total\n1700000000,7,3,10\n");
    assert_eq!(d.series.good, vec![7.0]);
    let info = find(&d, "\"bad\" (bad) is not used");
    assert_eq!(
        (info.level, info.line, info.column),
        (Level::Info, 1, Some(3))
    );
}

#[test]
fn unknown_columns_are_reported_and_skipped() {
    let d = ok("ts,host,good,total\n1700000000,web-1,7,10\n");
    assert_eq!(d.series.good, vec![7.0]);
    assert_eq!(find(&d, "\"host\" is not used").column, Some(2));
}

#[test]
fn bom_blank_lines_comments_crlf_and_quotes_are_accepted() {
    let text = "\u{feff}# exported from Grafana\r\n\r\n\"timestamp\",\"good\",\"total\"\r\n# a comment\r\n\r\n\"2023-11-14T22:13:20Z\", \"9\" ,10\r\n  \r\n2023-11-14T22:14:20Z,8,10\r\n";
    let d = ok(text);
    assert_eq!(d.columns, vec!["timestamp", "good", "total"]);
    assert_eq!(d.series.good, vec![9.0, 8.0]);
    assert_eq!(d.rows, 2);
}

#[test]
fn a_quoted_field_may_hold_the_delimiter_a_quote_and_a_newline() {
    let d = ok("ts,note,good,total\n1700000000,\"a, \"\"b\"\"\nc\",9,10\n1700000060,x,8,10\n");
    assert_eq!(d.series.good, vec![9.0, 8.0]);
    // The second record starts on line 4 because the quoted note spans two lines.
    let e = err("ts,note,good,total\n1700000000,\"a\nb\",9,10\n1700000060,x,oops,10\n");
    assert_eq!((e[0].line, e[0].column), (4, Some(3)));
}

#[test]
fn a_file_without_header_is_read_as_timestamp_good_total_and_says_so() {
    let d = ok("1700000000,9,10\n1700000060,10,10\n");
    assert_eq!(d.columns, vec!["timestamp", "good", "total"]);
    assert_eq!(d.series.good, vec![9.0, 10.0]);
    let info = find(&d, "no header line");
    assert_eq!((info.level, info.line), (Level::Info, 1));
}

#[test]
fn a_headerless_file_with_other_than_three_fields_asks_for_a_header() {
    let e = err("1700000000,9\n");
    assert_eq!(e[0].line, 1);
    assert!(e[0].message.contains("add a header"), "{}", e[0].message);
}

#[test]
fn fractional_counts_such_as_prometheus_increases_are_kept() {
    let d = ok("ts,good,total\n1700000000,99.5,100.25\n");
    assert_eq!((d.series.good[0], d.series.total[0]), (99.5, 100.25));
}

// ---------------------------------------------------------------- timestamps

#[test]
fn every_timestamp_style_reads_as_the_same_instant() {
    for ts in [
        "2023-11-14T22:13:20Z",
        "2023-11-14 22:13:20Z",
        "2023-11-14T22:13:20.250Z",
        "2023-11-14T23:13:20+01:00",
        "2023-11-14T17:13:20-05:00",
        "1700000000",
        "1700000000000",
        "1700000000.5",
    ] {
        let d = ok(&format!("timestamp,good,total\n{ts},1,1\n"));
        assert_eq!(d.series.t, vec![T0], "{ts}");
    }
}

#[test]
fn lower_case_t_and_z_and_a_bare_date_are_accepted() {
    let d = ok("date,good,total\n2023-11-14t22:13:20z,1,1\n2023-11-15,1,1\n");
    assert_eq!(d.series.t, vec![T0, 1_700_006_400]);
}

#[test]
fn step_is_the_median_spacing_even_with_a_gap() {
    let d = ok("ts,good,total\n1700000000,1,1\n1700000300,1,1\n1700000600,1,1\n1700003600,1,1\n");
    assert_eq!(d.step(), 300);
}

#[test]
fn timestamps_without_zone_are_read_as_utc_with_an_info() {
    let d = ok("timestamp,good,total\n2023-11-14 22:13:20,1,1\n2023-11-14T22:14:20,1,1\n");
    assert_eq!(d.series.t, vec![T0, T0 + 60]);
    let info = find(&d, "2 timestamps have no time zone");
    assert_eq!((info.level, info.line), (Level::Info, 2));
}

#[test]
fn a_bad_timestamp_is_an_error_at_its_line_and_column() {
    let e = err("good,total,timestamp\n1,1,2023-11-14T22:13:20Z\n1,1,yesterday\n");
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].level, e[0].line, e[0].column),
        (Level::Error, 3, Some(3))
    );
    assert!(
        e[0].message.contains("expected a timestamp") && e[0].message.contains("\"yesterday\""),
        "{}",
        e[0].message
    );
}

#[test]
fn an_impossible_date_is_an_error() {
    let e = err("timestamp,good,total\n2023-02-30T00:00:00Z,1,1\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(1)));
}

// ---------------------------------------------------------------- row errors

#[test]
fn a_non_number_is_an_error_naming_line_column_and_what_was_expected() {
    let e = err("timestamp,good,total\n1700000000,1,1\n1700000060,ten,10\n");
    assert_eq!((e[0].line, e[0].column), (3, Some(2)));
    assert!(
        e[0].message
            .contains("expected a good count (a number), found \"ten\""),
        "{}",
        e[0].message
    );
}

#[test]
fn a_negative_count_is_an_error() {
    let e = err("timestamp,good,total\n1700000000,1,-1\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(3)));
    assert!(e[0].message.contains("zero or more"), "{}", e[0].message);
}

#[test]
fn good_above_total_is_an_error_at_the_good_column() {
    let e = err("timestamp,good,total\n1700000000,11,10\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(2)));
    assert!(
        e[0].message
            .contains("good (11) is greater than total (10)"),
        "{}",
        e[0].message
    );
    let e = err("timestamp,bad,total\n1700000000,11,10\n");
    assert!(
        e[0].message.contains("bad (11) is greater than total (10)"),
        "{}",
        e[0].message
    );
}

#[test]
fn counts_beyond_exact_float_integers_are_an_error() {
    let e = err("timestamp,good,total\n1700000000,1,1e16\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(3)));
    assert!(e[0].message.contains("below 10^15"), "{}", e[0].message);
}

#[test]
fn a_short_row_is_an_error() {
    let e = err("timestamp,good,total\n1700000000,1\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(3)));
    assert!(
        e[0].message.contains("expected at least 3 fields, found 2"),
        "{}",
        e[0].message
    );
}

#[test]
fn every_bad_row_is_reported_up_to_a_limit() {
    let mut text = String::from("timestamp,good,total\n");
    for i in 0..30 {
        text.push_str(&format!("{},x,1\n", T0 + 60 * i));
    }
    let e = err(&text);
    assert_eq!(e.len(), 21);
    assert_eq!(e[0].line, 2);
    assert_eq!(e[19].line, 21);
    assert!(
        e[20].message.contains("10 more errors"),
        "{}",
        e[20].message
    );
}

#[test]
fn an_unclosed_quote_is_an_error_where_it_opened() {
    let e = err("timestamp,good,total\n1700000000,\"1,1\n1700000060,1,1\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(2)));
}

#[test]
fn missing_timestamp_or_value_columns_are_explained() {
    let e = err("when,good,total\n1,1,1\n");
    assert!(
        e[0].message.contains("no timestamp column") && e[0].message.contains("\"when\""),
        "{}",
        e[0].message
    );
    let e = err("timestamp,total\n1700000000,1\n");
    assert!(
        e[0].message.contains("no value columns"),
        "{}",
        e[0].message
    );
}

#[test]
fn empty_input_header_only_and_comments_only_are_errors() {
    assert!(err("")[0].message.contains("empty"));
    assert!(err("# nothing\n\n")[0].message.contains("empty"));
    assert!(err("timestamp,good,total\n")[0]
        .message
        .contains("no data rows"));
}

#[test]
fn empty_and_nan_cells_skip_the_row_with_a_warning() {
    let d = ok(
        "timestamp,good,total\n1700000000,1,1\n1700000060,,1\n1700000120,NaN,\n1700000180,1,1\n",
    );
    assert_eq!(d.series.t, vec![T0, T0 + 180]);
    let w = find(&d, "2 rows have an empty or NaN value");
    assert_eq!((w.level, w.line), (Level::Warning, 3));
}

// ---------------------------------------------------------------- time order

#[test]
fn out_of_order_rows_are_sorted_with_a_warning_naming_count_and_first_line() {
    let d = ok(
        "timestamp,good,total\n1700000120,5,5\n1700000000,1,1\n1700000060,9,9\n1700000180,4,4\n",
    );
    assert_eq!(d.series.t, vec![T0, T0 + 60, T0 + 120, T0 + 180]);
    assert_eq!(d.series.good, vec![1.0, 9.0, 5.0, 4.0]);
    let w = find(&d, "earlier than the row before");
    assert_eq!((w.level, w.line), (Level::Warning, 3));
    assert!(w.message.starts_with("1 row is earlier"), "{}", w.message);
}

#[test]
fn duplicate_timestamps_are_added_together_with_a_warning() {
    let d = ok(
        "timestamp,good,total\n1700000000,1,2\n1700000000,3,4\n1700000060,5,5\n1700000060,1,1\n",
    );
    assert_eq!(d.series.t, vec![T0, T0 + 60]);
    assert_eq!(d.series.good, vec![4.0, 6.0]);
    assert_eq!(d.series.total, vec![6.0, 6.0]);
    assert_eq!(d.rows, 4);
    let w = find(&d, "repeat the timestamp");
    assert_eq!((w.level, w.line), (Level::Warning, 3));
    assert!(w.message.starts_with("2 rows repeat"), "{}", w.message);
}

#[test]
fn gaps_are_reported_with_the_number_of_missing_intervals() {
    let d = ok("timestamp,good,total\n1700000000,1,1\n1700000060,1,1\n1700000120,1,1\n1700000420,1,1\n1700000480,1,1\n");
    let w = find(&d, "1 gap in the data");
    assert_eq!((w.level, w.line), (Level::Warning, 5));
    assert!(
        w.message.contains("4 missing 1 min-step intervals"),
        "{}",
        w.message
    );
    assert!(w.message.contains("4 min without rows"), "{}", w.message);
    assert_eq!(warnings(&d).len(), 1);
}

#[test]
fn irregular_steps_are_reported() {
    let d = ok("timestamp,good,total\n1700000000,1,1\n1700000060,1,1\n1700000120,1,1\n1700000150,1,1\n1700000210,1,1\n");
    let w = find(&d, "not a whole number of the usual 1 min step");
    assert_eq!(w.line, 5);
}

// ---------------------------------------------------------------- counters

#[test]
fn cumulative_counters_are_detected_and_differenced() {
    let d = ok(
        "timestamp,good,total\n1700000000,1000,1000\n1700000060,1009,1010\n1700000120,1019,1020\n\
        1700000180,1027,1030\n1700000240,1037,1040\n1700000300,1047,1050\n",
    );
    assert!(d.cumulative);
    assert_eq!(
        d.series.t,
        vec![T0 + 60, T0 + 120, T0 + 180, T0 + 240, T0 + 300]
    );
    assert_eq!(d.series.good, vec![9.0, 10.0, 8.0, 10.0, 10.0]);
    assert_eq!(d.series.total, vec![10.0; 5]);
    let info = find(&d, "cumulative counters");
    assert_eq!((info.level, info.line), (Level::Info, 2));
}

#[test]
fn counter_resets_count_the_new_reading_and_are_reported_with_their_lines() {
    let d = ok("timestamp,bad,total\n\
        1700000000,10,1000\n1700000060,11,1100\n1700000120,1,50\n1700000180,2,150\n1700000240,3,250\n1700000300,4,350\n\
        1700000360,5,450\n1700000420,6,550\n1700000480,7,650\n1700000540,8,750\n1700000600,9,850\n1700000660,10,950\n");
    assert!(d.cumulative);
    assert_eq!(d.series.total, [vec![100.0, 50.0], vec![100.0; 9]].concat());
    assert_eq!(d.series.good, [vec![99.0, 49.0], vec![99.0; 9]].concat());
    let w = find(&d, "counter reset");
    assert_eq!((w.level, w.line), (Level::Warning, 4));
    assert!(
        w.message
            .starts_with("1 counter reset (line 4 (2023-11-14T22:15:20Z))"),
        "{}",
        w.message
    );
}

#[test]
fn constant_per_interval_counts_are_not_mistaken_for_counters() {
    let d = ok("timestamp,good,total\n1700000000,100,100\n1700000060,100,100\n1700000120,100,100\n1700000180,100,100\n");
    assert!(!d.cumulative);
    assert_eq!(d.series.len(), 4);
}

#[test]
fn fluctuating_per_interval_counts_are_not_mistaken_for_counters() {
    let d = ok("timestamp,good,total\n1700000000,90,100\n1700000060,118,120\n1700000120,80,80\n1700000180,130,130\n1700000240,95,99\n");
    assert!(!d.cumulative);
}

// ---------------------------------------------------------------- latency and probes

#[test]
fn latency_samples_are_good_at_or_below_the_threshold() {
    let d = with_threshold(
        "timestamp,latency_ms\n1700000000,120\n1700000001,300\n1700000002,301\n",
        0.3,
    )
    .unwrap();
    assert_eq!(d.kind, DataKind::Latency);
    assert_eq!(d.series.good, vec![1.0, 1.0, 0.0]);
    assert_eq!(d.series.total, vec![1.0; 3]);
}

#[test]
fn latency_units_in_the_column_name_are_honoured() {
    let text = |col: &str, v: &str| format!("ts,{col}\n1700000000,{v}\n");
    for (col, v) in [
        ("duration_seconds", "0.25"),
        ("latency (ms)", "250"),
        ("Latency_us", "250000"),
        ("latency_ns", "250000000"),
    ] {
        let d = with_threshold(&text(col, v), 0.25).unwrap();
        assert_eq!(d.series.good, vec![1.0], "{col}");
        let d = with_threshold(&text(col, v), 0.2).unwrap();
        assert_eq!(d.series.good, vec![0.0], "{col}");
    }
}

#[test]
fn latency_without_threshold_asks_for_one() {
    let e = err("timestamp,latency_ms\n1700000000,120\n");
    assert_eq!((e[0].line, e[0].column), (1, Some(2)));
    assert!(
        e[0].message.contains("set a latency threshold"),
        "{}",
        e[0].message
    );
}

#[test]
fn latency_without_unit_is_taken_as_seconds_with_a_warning() {
    let d = with_threshold("timestamp,latency\n1700000000,0.1\n", 0.3).unwrap();
    assert_eq!(d.series.good, vec![1.0]);
    assert_eq!(find(&d, "names no unit").level, Level::Warning);
}

#[test]
fn latency_samples_in_the_same_second_are_counted_together_quietly() {
    let d = with_threshold(
        "timestamp,latency_ms\n1700000000,100\n1700000000,900\n1700000000,200\n",
        0.3,
    )
    .unwrap();
    assert_eq!(
        (d.series.good.clone(), d.series.total.clone()),
        (vec![2.0], vec![3.0])
    );
    assert_eq!(find(&d, "share their second").level, Level::Info);
    assert!(warnings(&d).is_empty());
}

#[test]
fn probes_count_one_event_each_and_up_is_good() {
    let d = ok("timestamp,up\n1700000000,1\n1700000030,0\n1700000060,true\n1700000090,DOWN\n");
    assert_eq!(d.kind, DataKind::Probe);
    assert_eq!(d.series.good, vec![1.0, 0.0, 1.0, 0.0]);
    assert_eq!(d.series.total, vec![1.0; 4]);
    let e = err("timestamp,up\n1700000000,2\n");
    assert_eq!((e[0].line, e[0].column), (2, Some(2)));
    assert!(e[0].message.contains("expected 1 (up) or 0 (down)"));
}

// ---------------------------------------------------------------- Prometheus JSON

fn matrix(series: &[(&str, &[(i64, &str)])]) -> String {
    let result: Vec<String> = series
        .iter()
        .map(|(metric, values)| {
            let v: Vec<String> = values
                .iter()
                .map(|(t, x)| format!("[{t},\"{x}\"]"))
                .collect();
            format!("{{\"metric\":{metric},\"values\":[{}]}}", v.join(","))
        })
        .collect();
    format!(
        "{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{}]}}}}",
        result.join(",")
    )
}

#[test]
fn prometheus_good_and_total_series_are_identified_by_name() {
    let text = matrix(&[
        (
            r#"{"__name__":"requests_total"}"#,
            &[(T0, "100"), (T0 + 60, "120")],
        ),
        (
            r#"{"__name__":"requests_good"}"#,
            &[(T0, "99"), (T0 + 60, "118")],
        ),
    ]);
    let d = ok(&text);
    assert_eq!(d.format, DataFormat::PrometheusJson);
    assert_eq!(d.columns, vec!["requests_total{}", "requests_good{}"]);
    assert_eq!(d.series.good, vec![99.0, 118.0]);
    assert_eq!(d.series.total, vec![100.0, 120.0]);
    let info = find(&d, "was taken as the good events (by its labels)");
    assert!(
        info.message.contains("series 2 requests_good{}")
            && info
                .message
                .contains("series 1 requests_total{} as the total (by its labels)")
    );
}

#[test]
fn prometheus_error_series_by_label_is_bad_even_on_a_total_metric() {
    let text = matrix(&[
        (
            r#"{"__name__":"http_requests_total","code":"5xx"}"#,
            &[(T0, "2")],
        ),
        (r#"{"__name__":"http_requests_total"}"#, &[(T0, "100")]),
    ]);
    let d = ok(&text);
    assert_eq!((d.series.good[0], d.series.total[0]), (98.0, 100.0));
    assert!(find(&d, "taken as the bad events")
        .message
        .contains("code=\"5xx\""));
}

#[test]
fn a_good_series_beside_a_bad_one_makes_the_total_their_sum() {
    let d = ok(&matrix(&[
        (r#"{"__name__":"errors"}"#, &[(T0, "2")]),
        (r#"{"__name__":"success"}"#, &[(T0, "98")]),
    ]));
    assert_eq!((d.series.good[0], d.series.total[0]), (98.0, 100.0));
    find(
        &d,
        "series 2 success{} was taken as the good events and series 1 errors{} as the bad events",
    );
}

#[test]
fn unlabelled_series_are_told_apart_by_their_values() {
    // Larger sum is total; a small share of it is bad.
    let d = ok(&matrix(&[
        ("{}", &[(T0, "1"), (T0 + 60, "2")]),
        ("{}", &[(T0, "100"), (T0 + 60, "100")]),
    ]));
    assert_eq!(d.series.good, vec![99.0, 98.0]);
    assert!(find(
        &d,
        "series 1 {} was taken as the bad events (it is under half the total)"
    )
    .message
    .contains("it has the larger sum"));
    // A large share is good.
    let d = ok(&matrix(&[("{}", &[(T0, "100")]), ("{}", &[(T0, "97")])]));
    assert_eq!(d.series.good, vec![97.0]);
    find(
        &d,
        "series 2 {} was taken as the good events (it is at least half the total)",
    );
}

#[test]
fn a_single_series_is_a_success_ratio_unless_named_for_errors() {
    let d = ok(&matrix(&[(
        r#"{"__name__":"slo:sli_ratio"}"#,
        &[(T0, "0.99"), (T0 + 60, "1")],
    )]));
    assert_eq!(d.series.good, vec![0.99, 1.0]);
    assert_eq!(d.series.total, vec![1.0, 1.0]);
    assert!(find(&d, "read as a success ratio").level == Level::Info);
    let d = ok(&matrix(&[(
        r#"{"__name__":"slo:sli_error:ratio_rate5m"}"#,
        &[(T0, "0.25")],
    )]));
    assert_eq!(d.series.good, vec![0.75]);
    find(&d, "read as an error ratio");
}

#[test]
fn a_single_series_outside_zero_to_one_is_an_error_at_its_sample() {
    let e = err(&matrix(&[("{}", &[(T0, "57")])]));
    assert!(
        e[0].message.contains("expected a ratio between 0 and 1"),
        "{}",
        e[0].message
    );
    assert_eq!((e[0].line, e[0].column), (1, Some(85)));
}

#[test]
fn value_errors_in_pretty_printed_json_point_at_the_sample_line() {
    let text = "{\n  \"status\": \"success\",\n  \"data\": {\n    \"resultType\": \"matrix\",\n    \"result\": [\n      {\n        \"metric\": {\"__name__\": \"errors\"},\n        \"values\": [\n          [1700000000, \"1\"],\n          [1700000060, \"50\"]\n        ]\n      },\n      {\n        \"metric\": {\"__name__\": \"requests\"},\n        \"values\": [\n          [1700000000, \"10\"],\n          [1700000060.5, \"20\"]\n        ]\n      }\n    ]\n  }\n}\n";
    let e = err(text);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].column), (10, Some(12)));
    assert!(
        e[0].message
            .contains("the bad count 50 is greater than the total 20"),
        "{}",
        e[0].message
    );
}

#[test]
fn the_up_metric_is_a_probe() {
    let d = ok(&matrix(&[(
        r#"{"__name__":"up","job":"api"}"#,
        &[(T0, "1"), (T0 + 15, "0")],
    )]));
    assert_eq!(d.kind, DataKind::Probe);
    assert_eq!(d.series.good, vec![1.0, 0.0]);
    assert_eq!(d.columns, vec!["up{job=\"api\"}"]);
}

fn buckets(
    threshold: Option<f64>,
    les: &[(&str, &[(i64, &str)])],
) -> Result<Dataset, Vec<Diagnostic>> {
    let metrics: Vec<String> = les
        .iter()
        .map(|(le, _)| {
            format!(r#"{{"__name__":"http_request_duration_seconds_bucket","le":"{le}"}}"#)
        })
        .collect();
    let series: Vec<(&str, &[(i64, &str)])> = metrics
        .iter()
        .zip(les)
        .map(|(m, (_, v))| (m.as_str(), *v))
        .collect();
    parse(
        &matrix(&series),
        &IngestOptions {
            latency_threshold_seconds: threshold,
            ..Default::default()
        },
    )
}

#[test]
fn histogram_buckets_make_the_threshold_bucket_good_and_inf_the_total() {
    let d = buckets(
        Some(0.3),
        &[
            ("0.1", &[(T0, "50")]),
            ("0.3", &[(T0, "90")]),
            ("1", &[(T0, "99")]),
            ("+Inf", &[(T0, "100")]),
        ],
    )
    .unwrap();
    assert_eq!(d.kind, DataKind::Latency);
    assert_eq!(
        (d.series.good.clone(), d.series.total.clone()),
        (vec![90.0], vec![100.0])
    );
    find(&d, "good is the bucket le=\"0.3\"");
    assert!(warnings(&d).is_empty());
}

#[test]
fn a_threshold_between_buckets_uses_the_boundary_below_and_warns() {
    let d = buckets(
        Some(0.25),
        &[
            ("0.1", &[(T0, "50")]),
            ("0.3", &[(T0, "90")]),
            ("+Inf", &[(T0, "100")]),
        ],
    )
    .unwrap();
    assert_eq!(d.series.good, vec![50.0]);
    let w = find(&d, "is not a bucket boundary");
    assert_eq!(w.level, Level::Warning);
    assert!(
        w.message
            .contains("requests between 0.1s and 0.25s count as bad (the next boundary is 0.3s)"),
        "{}",
        w.message
    );
}

#[test]
fn histogram_buckets_need_a_threshold_an_inf_bucket_and_a_boundary_below() {
    let e = buckets(None, &[("0.1", &[(T0, "5")]), ("+Inf", &[(T0, "10")])]).unwrap_err();
    assert!(
        e[0].message.contains("set a latency threshold"),
        "{}",
        e[0].message
    );
    let e = buckets(Some(0.3), &[("0.1", &[(T0, "5")]), ("0.5", &[(T0, "10")])]).unwrap_err();
    assert!(e[0].message.contains("+Inf"), "{}", e[0].message);
    let e = buckets(
        Some(0.05),
        &[("0.1", &[(T0, "5")]), ("+Inf", &[(T0, "10")])],
    )
    .unwrap_err();
    assert!(
        e[0].message.contains("no histogram bucket at or below"),
        "{}",
        e[0].message
    );
    let e = buckets(
        Some(0.3),
        &[
            ("0.1", &[(T0, "5")]),
            ("0.1", &[(T0, "5")]),
            ("+Inf", &[(T0, "10")]),
        ],
    )
    .unwrap_err();
    assert!(e[0].message.contains("sum by (le)"), "{}", e[0].message);
}

#[test]
fn raw_bucket_counters_are_differenced() {
    let good: Vec<(i64, String)> = (0..6)
        .map(|i| (T0 + 60 * i, (1000 + 95 * i).to_string()))
        .collect();
    let all: Vec<(i64, String)> = (0..6)
        .map(|i| (T0 + 60 * i, (1100 + 100 * i).to_string()))
        .collect();
    fn as_refs(v: &[(i64, String)]) -> Vec<(i64, &str)> {
        v.iter().map(|(t, x)| (*t, x.as_str())).collect()
    }
    let d = buckets(
        Some(0.5),
        &[("0.5", &as_refs(&good)), ("+Inf", &as_refs(&all))],
    )
    .unwrap();
    assert!(d.cumulative);
    assert_eq!(d.series.good, vec![95.0; 5]);
    assert_eq!(d.series.total, vec![100.0; 5]);
}

#[test]
fn nan_and_infinite_samples_are_skipped_with_a_warning() {
    let d = ok(&matrix(&[(
        "{}",
        &[
            (T0, "0.9"),
            (T0 + 60, "NaN"),
            (T0 + 120, "+Inf"),
            (T0 + 180, "1"),
        ],
    )]));
    assert_eq!(d.series.t, vec![T0, T0 + 180]);
    let w = find(&d, "2 samples were NaN");
    assert!(w.message.contains("2023-11-14T22:14:20Z"), "{}", w.message);
}

#[test]
fn samples_missing_from_one_series_are_skipped_with_a_warning() {
    let d = ok(&matrix(&[
        ("{}", &[(T0, "1"), (T0 + 60, "1")]),
        ("{}", &[(T0 + 60, "10"), (T0 + 120, "10")]),
    ]));
    assert_eq!(d.series.t, vec![T0 + 60]);
    assert!(find(&d, "2 samples had no sample at the same time")
        .message
        .contains("2023-11-14T22:13:20Z"));
}

#[test]
fn a_prometheus_error_response_is_reported_with_its_message() {
    let e = err(
        r#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"}\""}"#,
    );
    assert_eq!(e[0].line, 1);
    assert!(
        e[0].message
            .contains("status \"error\" (bad_data): 1:5: parse error"),
        "{}",
        e[0].message
    );
}

#[test]
fn an_instant_query_result_is_rejected_with_the_right_endpoint() {
    let e = err(
        r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}"#,
    );
    assert!(
        e[0].message.contains("\"vector\": expected \"matrix\""),
        "{}",
        e[0].message
    );
    let e = err(r#"{"status":"success","data":{"resultType":"scalar","result":[1700000000,"1"]}}"#);
    assert!(e[0].message.contains("\"scalar\""), "{}", e[0].message);
}

#[test]
fn json_syntax_and_value_errors_point_at_line_and_column() {
    let e = err("{\"status\":\"success\",\n\"data\":{\"resultType\":\"matrix\",\"result\":[\n{\"metric\":{},\"values\":[[1700000000,\"abc\"]]}]}}");
    // serde points at the end of the offending value.
    assert_eq!((e[0].line, e[0].column), (3, Some(40)));
    assert!(
        e[0].message
            .contains("expected a sample value such as \"12\", found \"abc\""),
        "{}",
        e[0].message
    );
    let e = err("{\"status\":\"success\",\n\"data\": {\n");
    assert_eq!(e[0].line, 3);
}

#[test]
fn more_than_two_series_or_none_are_errors() {
    assert!(err(&matrix(&[
        ("{}", &[(T0, "1")]),
        ("{}", &[(T0, "1")]),
        ("{}", &[(T0, "1")])
    ]))[0]
        .message
        .contains("returned 3 series"));
    assert!(err(&matrix(&[]))[0].message.contains("no series"));
}

#[test]
fn prometheus_counters_are_differenced_like_csv_ones() {
    let d = ok(&matrix(&[
        (
            r#"{"__name__":"errors"}"#,
            &[
                (T0, "5"),
                (T0 + 60, "6"),
                (T0 + 120, "6"),
                (T0 + 180, "8"),
                (T0 + 240, "8"),
                (T0 + 300, "9"),
            ],
        ),
        (
            r#"{"__name__":"requests"}"#,
            &[
                (T0, "500"),
                (T0 + 60, "600"),
                (T0 + 120, "700"),
                (T0 + 180, "800"),
                (T0 + 240, "900"),
                (T0 + 300, "1000"),
            ],
        ),
    ]));
    assert!(d.cumulative);
    assert_eq!(d.series.good, vec![99.0, 100.0, 98.0, 100.0, 99.0]);
}

#[test]
fn a_dataset_survives_a_json_round_trip_as_a_worker_would_send_it() {
    let d = ok("timestamp,good,total\n1700000000,1,2\n1700000000,3,4\n");
    let back: Dataset = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}

// ---------------------------------------------------------------- progress

#[test]
fn progress_is_reported_from_zero_to_one() {
    let mut text = String::from("timestamp,good,total\n");
    for i in 0..70_000 {
        text.push_str(&format!("{},1,1\n", T0 + 60 * i));
    }
    let mut seen = Vec::new();
    let d = parse_with_progress(&text, &IngestOptions::default(), &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(d.rows, 70_000);
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[0] <= w[1]),
        "{seen:?}"
    );
}

#[test]
fn returning_false_from_progress_cancels() {
    let e = parse_with_progress(
        "timestamp,good,total\n1700000000,1,1\n",
        &IngestOptions::default(),
        &mut |_| false,
    )
    .unwrap_err();
    assert!(e[0].message.starts_with("cancelled"));
}

// ---------------------------------------------------------------- properties

/// What every dataset `parse` returns promises, whatever the input was.
fn assert_promises(result: &Result<Dataset, Vec<Diagnostic>>) {
    match result {
        Ok(d) => {
            assert_eq!(d.series.broken_promise(), None);
            assert!(d.diagnostics.iter().all(|x| x.level != Level::Error));
        }
        Err(e) => assert!(
            !e.is_empty() && e.iter().all(|x| x.level == Level::Error),
            "{e:?}"
        ),
    }
}

#[derive(Debug, Clone, Copy)]
enum TsStyle {
    Rfc3339,
    Offset,
    SpaceNoZone,
    UnixSeconds,
    UnixMillis,
}

fn write_ts(t: i64, style: TsStyle) -> String {
    let utc = slo_engine::ingest::time::format(t);
    match style {
        TsStyle::Rfc3339 => utc,
        // Same instant written two hours ahead.
        TsStyle::Offset => {
            let shifted = slo_engine::ingest::time::format(t + 7_200);
            format!("{}+02:00", shifted.trim_end_matches('Z'))
        }
        TsStyle::SpaceNoZone => utc.trim_end_matches('Z').replacen('T', " ", 1),
        TsStyle::UnixSeconds => t.to_string(),
        TsStyle::UnixMillis => (t * 1000).to_string(),
    }
}

fn style() -> impl Strategy<Value = TsStyle> {
    prop_oneof![
        Just(TsStyle::Rfc3339),
        Just(TsStyle::Offset),
        Just(TsStyle::SpaceNoZone),
        Just(TsStyle::UnixSeconds),
        Just(TsStyle::UnixMillis),
    ]
}

/// A per-interval series: increasing times (2000 to 2100) and good <= total.
fn series() -> impl Strategy<Value = Vec<(i64, u32, u32)>> {
    (
        946_684_800i64..4_102_444_800,
        prop::collection::vec((1i64..3_600, 0u32..1_000, 0u32..1_000), 1..60),
    )
        .prop_map(|(start, rows)| {
            let mut t = start;
            rows.into_iter()
                .map(|(dt, a, b)| {
                    t += dt;
                    (t, a.min(b), a.max(b))
                })
                .collect()
        })
}

fn delimiter() -> impl Strategy<Value = char> {
    prop_oneof![Just(','), Just('\t'), Just(';')]
}

proptest! {
    #[test]
    fn csv_round_trips_in_every_timestamp_style(rows in series(), style in style(), delim in delimiter()) {
        let mut text = format!("timestamp{delim}good{delim}total\n");
        for (t, g, n) in &rows {
            text.push_str(&format!("{}{delim}{g}{delim}{n}\n", write_ts(*t, style)));
        }
        let d = parse(&text, &IngestOptions::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(d.rows, rows.len());
        if !d.cumulative {
            prop_assert_eq!(d.series.t, rows.iter().map(|r| r.0).collect::<Vec<_>>());
            prop_assert_eq!(d.series.good, rows.iter().map(|r| f64::from(r.1)).collect::<Vec<_>>());
            prop_assert_eq!(d.series.total, rows.iter().map(|r| f64::from(r.2)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn cumulative_counters_difference_back_to_the_counts(rows in series(), base in 0u32..100_000) {
        prop_assume!(rows.len() >= 6);
        // Give every interval some traffic so the readings clearly grow.
        let counts: Vec<(i64, f64, f64)> = rows.iter().map(|&(t, g, n)| (t, f64::from(g) + 1.0, f64::from(n) + 1.0)).collect();
        let mut text = String::from("timestamp,good,total\n");
        let (mut cg, mut cn) = (f64::from(base), f64::from(base) * 2.0);
        text.push_str(&format!("{},{cg},{cn}\n", counts[0].0 - 60));
        for (t, g, n) in &counts {
            cg += g;
            cn += n;
            text.push_str(&format!("{t},{cg},{cn}\n"));
        }
        let d = parse(&text, &IngestOptions::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(d.cumulative);
        prop_assert_eq!(d.series.good, counts.iter().map(|c| c.1).collect::<Vec<_>>());
        prop_assert_eq!(d.series.total, counts.iter().map(|c| c.2).collect::<Vec<_>>());
    }

    #[test]
    fn shuffling_and_splitting_rows_keeps_the_merged_totals(rows in series(), seed in any::<u64>()) {
        // Split each row into two rows at the same time, then shuffle: the
        // parsed series must equal the original, and the sums are unchanged.
        let mut lines: Vec<String> = Vec::new();
        for (t, g, n) in &rows {
            let (g1, n1) = (g / 2, n / 2);
            lines.push(format!("{t},{g1},{n1}"));
            lines.push(format!("{t},{},{}", g - g1, n - n1));
        }
        let mut state = seed | 1;
        for i in (1..lines.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            lines.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let text = format!("timestamp,good,total\n{}\n", lines.join("\n"));
        let d = parse(&text, &IngestOptions::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        if !d.cumulative {
            prop_assert_eq!(&d.series.t, &rows.iter().map(|r| r.0).collect::<Vec<_>>());
            prop_assert_eq!(d.series.total.iter().sum::<f64>(), rows.iter().map(|r| f64::from(r.2)).sum::<f64>());
            prop_assert_eq!(d.series.good.iter().sum::<f64>(), rows.iter().map(|r| f64::from(r.1)).sum::<f64>());
        }
        prop_assert!(d.series.t.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(d.series.good.iter().zip(&d.series.total).all(|(g, n)| g <= n));
    }

    #[test]
    fn parsing_two_halves_and_joining_them_equals_parsing_the_whole(rows in series(), cut in any::<prop::sample::Index>()) {
        let csv = |part: &[(i64, u32, u32)]| {
            let body: String = part.iter().map(|(t, g, n)| format!("{t},{g},{n}\n")).collect();
            format!("timestamp,good,total\n{body}")
        };
        let k = cut.index(rows.len() + 1);
        let whole = parse(&csv(&rows), &IngestOptions::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assume!(!whole.cumulative && k > 0 && k < rows.len());
        let (a, b) = (parse(&csv(&rows[..k]), &IngestOptions::default()), parse(&csv(&rows[k..]), &IngestOptions::default()));
        let (a, b) = (a.map_err(|e| TestCaseError::fail(format!("{e:?}")))?, b.map_err(|e| TestCaseError::fail(format!("{e:?}")))?);
        prop_assume!(!a.cumulative && !b.cumulative);
        prop_assert_eq!(a.rows + b.rows, whole.rows);
        prop_assert_eq!([a.series.t, b.series.t].concat(), whole.series.t);
        prop_assert_eq!([a.series.good, b.series.good].concat(), whole.series.good);
        prop_assert_eq!([a.series.total, b.series.total].concat(), whole.series.total);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        assert_promises(&parse(&text, &IngestOptions::default()));
        assert_promises(&parse(&text, &IngestOptions { latency_threshold_seconds: Some(0.3), ..Default::default() }));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        assert_promises(&parse(&text, &IngestOptions { latency_threshold_seconds: Some(0.3), ..Default::default() }));
    }

    #[test]
    fn csv_shaped_noise_never_panics(
        header in prop::sample::subsequence(vec!["timestamp", "good", "bad", "total", "latency_ms", "up", "error_ratio", "x"], 0..6),
        cells in prop::collection::vec(prop_oneof![
            Just("1700000000".to_string()), Just("2023-11-14T22:13:20Z".to_string()), Just("\"".to_string()),
            Just(String::new()), Just("NaN".to_string()), Just("-1".to_string()), Just("1e308".to_string()),
            Just("99999999999999999999999".to_string()), Just("2023-11-14T22:13:20+99:99".to_string()),
            "[0-9.,;\t\"#\r\n -]{0,12}",
        ], 0..40),
    ) {
        let mut text = header.join(",");
        text.push('\n');
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push(if i % 3 == 2 { '\n' } else { ',' });
        }
        assert_promises(&parse(&text, &IngestOptions { latency_threshold_seconds: Some(0.3), ..Default::default() }));
    }

    #[test]
    fn prometheus_shaped_noise_never_panics(
        values in prop::collection::vec((prop_oneof![Just(0.0f64), Just(1e300), Just(-1e300), any::<f64>()],
            prop_oneof![Just("NaN".to_string()), Just("1".to_string()), Just("-5".to_string()), "[0-9.eE+-]{0,8}"]), 0..20),
        les in prop::collection::vec(prop_oneof![Just(None), Just(Some("+Inf")), Just(Some("0.3")), Just(Some("0.1")), Just(Some("x"))], 0..4),
    ) {
        let v: Vec<String> = values.iter()
            .map(|(t, x)| format!("[{},\"{x}\"]", if t.is_finite() { t.to_string() } else { "0".into() }))
            .collect();
        let all: Vec<String> = les.iter().enumerate().map(|(i, le)| {
            let metric = le.map_or(String::from("{}"), |le| format!("{{\"le\":\"{le}\"}}"));
            // Each series gets a different slice of the samples.
            let mine: Vec<&String> = v.iter().skip(i).collect();
            format!("{{\"metric\":{metric},\"values\":[{}]}}", mine.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","))
        }).collect();
        let text = format!("{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{}]}}}}", all.join(","));
        assert_promises(&parse(&text, &IngestOptions::default()));
        assert_promises(&parse(&text, &IngestOptions { latency_threshold_seconds: Some(0.3), ..Default::default() }));
    }
}

#[test]
fn every_error_from_malformed_inputs_names_a_line() {
    for text in [
        "timestamp,good,total\n1700000000,x,1\n",
        "timestamp,good\n1700000000,1\n",
        "{\"status\":",
        "timestamp,latency\n1,1\n",
    ] {
        let e = err(text);
        assert!(
            e.iter().all(|d| d.level == Level::Error && d.line >= 1),
            "{text}: {e:?}"
        );
    }
}
