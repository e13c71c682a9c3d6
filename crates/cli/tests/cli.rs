//! The `slo-workbench` binary, run as a pipeline would run it. Outputs are
//! compared with the files in tests/golden/ (set UPDATE_GOLDEN=1 to rewrite
//! them after a deliberate change, then review the diff).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The repository root: golden files live in its tests/golden/, and the CLI
/// is run from there so the paths in its messages read as a user types them.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slo-workbench"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(o)))
}

/// Compares with tests/golden/NAME, or writes it when UPDATE_GOLDEN is set.
fn golden(name: &str, actual: &str) {
    let path = Path::new(ROOT).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

const PROJECT: &str = "tests/golden/project.json";
const SLOTH: &str = "tests/golden/sloth.yaml";
const OPENSLO: &str = "tests/golden/openslo.yaml";
const DATA: &str = "tests/golden/outage.csv";

// ---- budget -------------------------------------------------------------------

#[test]
fn budget_prints_the_downtime_table() {
    let o = run(&["budget", "--target", "99.9", "--window", "30d"]);
    assert_eq!(o.status.code(), Some(0));
    golden("budget_99.9_30d.txt", &stdout(&o));
}

#[test]
fn budget_json_carries_the_worked_numbers() {
    for (target, window, seconds, budget, human) in [
        ("99.9", "30d", 2_592_000u64, 2592.0, "43 min 12 s"),
        ("0.9995", "28d", 2_419_200, 1209.6, "20 min 9.6 s"),
        ("99", "7d", 604_800, 6048.0, "1 h 40 min 48 s"),
    ] {
        let o = run(&["budget", "--target", target, "--window", window, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["window_seconds"], seconds);
        assert_eq!(v["budget_seconds"], budget);
        assert_eq!(v["budget"], human);
    }
    let v = json(&run(&["budget", "--target", "99.9", "--json"]));
    assert_eq!(
        (v["target"].as_f64(), v["error_budget_ratio"].as_f64()),
        (Some(0.999), Some(0.001))
    );
    assert_eq!(
        v["window_seconds"], 2_592_000,
        "30 days unless --window says otherwise"
    );
    golden(
        "budget_99.9_30d.json",
        &stdout(&run(&["budget", "--target", "99.9", "--json"])),
    );
}

#[test]
fn budget_figures_are_exact_decimals_without_float_noise() {
    // 99.999% over 365 days: 0.00001 x 31,536,000 s = 315.36 s; a day is
    // 0.864 s, a week 6.048 s (floating point alone prints 315.359999999).
    let o = run(&["budget", "--target", "99.999", "--window", "365d", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("\"budget_seconds\": 315.36,"), "{text}");
    assert!(
        !text.contains("9999999") && !text.contains("0000001"),
        "float noise in {text}"
    );
    let v = json(&o);
    assert_eq!(v["error_budget_ratio"].as_f64(), Some(0.00001));
    let rows: Vec<f64> = v["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["allowed_bad_seconds"].as_f64().unwrap())
        .collect();
    assert_eq!(rows, vec![0.864, 6.048, 25.92, 77.76, 315.36, 315.36]);
}

#[test]
fn budget_rejects_a_100_percent_target_with_usage_status() {
    let o = run(&["budget", "--target", "100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--target: a 100% target leaves no error budget"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("Usage:"));
}

// ---- simulate -----------------------------------------------------------------

#[test]
fn simulate_json_reports_sli_budget_and_every_alert_pair() {
    let o = run(&["simulate", "--spec", PROJECT, "--data", DATA, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    golden("simulate_project.json", &stdout(&o));
    let v = json(&o);
    let (bad, total) = counts_in(DATA);
    let sli = v["sli"].as_f64().unwrap();
    assert!((sli - (1.0 - bad / total)).abs() < 1e-9, "{sli}");
    let alerts = v["alerts"].as_array().unwrap();
    let pairs: Vec<(&str, f64, u64, u64)> = alerts
        .iter()
        .map(|a| {
            (
                a["severity"].as_str().unwrap(),
                a["burn_rate"].as_f64().unwrap(),
                a["long_window_seconds"].as_u64().unwrap(),
                a["short_window_seconds"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("page", 14.4, 3600, 300),
            ("page", 6.0, 21_600, 1800),
            ("ticket", 3.0, 86_400, 7200),
            ("ticket", 1.0, 259_200, 21_600)
        ]
    );
    // The outage starts at 12:00 (one row fully down, two at 20%); its first
    // five-minute row is stamped 12:05 and the 5-minute window is clean at 12:20.
    assert_eq!(alerts[0]["start"], "2026-01-12T12:05:00Z");
    assert_eq!(alerts[0]["end"], "2026-01-12T12:20:00Z");
    // Over the last 7 days: 7,000 outage errors and the background against
    // 0.1% of 2016 rows x 5000 requests.
    let remaining = v["budget_remaining"].as_f64().unwrap();
    assert!(remaining > 0.2 && remaining < 0.3, "{remaining}");
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["message"]
            .as_str()
            .unwrap()
            .contains("more than the policy's 20%")));
}

/// Bad and total events of a good,total CSV fixture, summed by hand.
fn counts_in(path: &str) -> (f64, f64) {
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
    text.lines().skip(1).fold((0.0, 0.0), |(bad, total), line| {
        let f: Vec<f64> = line
            .split(',')
            .skip(1)
            .map(|x| x.parse().unwrap())
            .collect();
        (bad + f[1] - f[0], total + f[1])
    })
}

#[test]
fn simulate_text_summarises_in_words() {
    let o = run(&["simulate", "--spec", PROJECT, "--data", DATA]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    golden("simulate_project.txt", &stdout(&o));
}

#[test]
fn a_sloth_spec_replays_like_the_same_slo_in_a_project_file() {
    let from_project = json(&run(&[
        "simulate", "--spec", PROJECT, "--data", DATA, "--json",
    ]));
    // The project's SLO has a 7-day window; Sloth's comes from the command line.
    let from_sloth = json(&run(&[
        "simulate", "--spec", SLOTH, "--data", DATA, "--window", "7d", "--json",
    ]));
    assert_eq!(from_sloth["sli"], from_project["sli"]);
    assert_eq!(
        from_sloth["budget_remaining"],
        from_project["budget_remaining"]
    );
    assert_eq!(from_sloth["alerts"], from_project["alerts"]);
}

#[test]
fn window_overrides_the_spec_window() {
    let v = json(&run(&[
        "simulate", "--spec", SLOTH, "--data", DATA, "--json",
    ]));
    assert_eq!(
        v["slo"]["window_seconds"], 2_592_000,
        "Sloth specs default to 30 days"
    );
    let v = json(&run(&[
        "simulate", "--spec", SLOTH, "--data", DATA, "--window", "28d", "--json",
    ]));
    assert_eq!(v["slo"]["window_seconds"], 2_419_200);
}

#[test]
fn an_openslo_spec_brings_its_target_and_window() {
    let o = run(&["simulate", "--spec", OPENSLO, "--data", DATA, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["slo"]["target"], 0.995);
    assert_eq!(v["slo"]["window_seconds"], 28 * 86_400);
    // At 99.5% only the fast page sees the outage: 7,000 errors in the hour's
    // 60,000 requests (11.7%) exceed 14.4 x 0.5%, but not 6 x 0.5% of six hours.
    let severities: Vec<&str> = v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["page"]);
}

#[test]
fn slo_chooses_among_the_project_slos() {
    let v = json(&run(&[
        "simulate",
        "--spec",
        PROJECT,
        "--data",
        DATA,
        "--slo",
        "checkout-strict",
        "--json",
    ]));
    assert_eq!(v["slo"]["id"], "checkout-strict");
    let o = run(&[
        "simulate", "--spec", PROJECT, "--data", DATA, "--slo", "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("tests/golden/project.json: no SLO with id \"nope\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_data_exits_2_naming_file_and_line() {
    let o = run(&[
        "simulate",
        "--spec",
        PROJECT,
        "--data",
        "tests/golden/bad_row.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("tests/golden/bad_row.csv:3:"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_broken_spec_exits_2_naming_file_and_line() {
    let o = run(&["lint", "--spec", "tests/golden/broken.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("tests/golden/broken.json:3:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let o = run(&[
        "simulate",
        "--spec",
        PROJECT,
        "--data",
        "tests/golden/no-such.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("tests/golden/no-such.csv: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2_with_the_usage_text() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["simulate", "--spec", PROJECT][..],
        &["budget", "--target", "99.9", "--data", DATA][..],
        &["budget", "--target"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}: {}", stderr(&o));
    }
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("slo-workbench simulate"));
}

// ---- lint ---------------------------------------------------------------------

#[test]
fn lint_lists_findings_and_passes_without_errors() {
    let o = run(&["lint", "--spec", PROJECT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("[window-too-short:checkout-strict]"),
        "{}",
        stdout(&o)
    );
    let v = json(&run(&["lint", "--spec", PROJECT, "--json"]));
    assert_eq!(v["errors"], 0);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "window-too-short:checkout-strict"));
}

#[test]
fn lint_with_data_checks_targets_against_the_history() {
    // The data's SLI is 99.93%: the 99.9% SLO is supported, the 99.99% one is not.
    let v = json(&run(&["lint", "--spec", PROJECT, "--data", DATA, "--json"]));
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"history-below-target:checkout-strict"),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"history-below-target:checkout-availability"),
        "{ids:?}"
    );
    let without = json(&run(&["lint", "--spec", PROJECT, "--json"]));
    assert!(!without.to_string().contains("history-below-target"));
}

#[test]
fn lint_exits_1_when_an_alert_can_never_fire() {
    let o = run(&["lint", "--spec", "tests/golden/never_fires.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("alert-never-fires"), "{}", stdout(&o));
}

// ---- export -------------------------------------------------------------------

#[test]
fn export_writes_every_format() {
    for (format, needle) in [
        ("prometheus", "slo:sli_error:ratio_rate5m"),
        ("openslo", "apiVersion: openslo/v1"),
        ("sloth", "version: prometheus/v1"),
        ("pyrra", "kind: ServiceLevelObjective"),
        ("markdown", "# "),
        ("project", "\"schema_version\""),
    ] {
        let o = run(&[
            "export",
            "--spec",
            PROJECT,
            "--format",
            format,
            "--slo",
            "checkout-availability",
        ]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(needle),
            "{format} output lacks {needle}:\n{}",
            stdout(&o)
        );
    }
}

#[test]
fn export_rejects_an_unknown_format() {
    let o = run(&["export", "--spec", PROJECT, "--format", "nagios"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown export format \"nagios\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn data_can_come_from_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_slo-workbench"))
        .args(["simulate", "--spec", PROJECT, "--data", "-", "--json"])
        .current_dir(ROOT)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let csv = std::fs::read(Path::new(ROOT).join(DATA)).unwrap();
    child.stdin.take().unwrap().write_all(&csv).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let from_file = json(&run(&[
        "simulate", "--spec", PROJECT, "--data", DATA, "--json",
    ]));
    assert_eq!(json(&o)["alerts"], from_file["alerts"]);
    let both = run(&["simulate", "--spec", "-", "--data", "-"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn an_slo_without_alerts_is_replayed_and_exported_with_the_same_defaults_and_stderr_says_so() {
    // Both conditions of this file are refused, so its SLO has no alert.
    let spec = "tests/conformance/openslo/unreadable-conditions.yaml";
    let note = "has no alerts: default burn-rate alerts were added";
    let exported = run(&["export", "--spec", spec, "--format", "prometheus"]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    assert!(stderr(&exported).contains(note), "{}", stderr(&exported));
    assert_eq!(stdout(&exported).matches("- alert: ").count(), 4);
    let replayed = run(&[
        "simulate",
        "--spec",
        spec,
        "--data",
        "tests/golden/outage.csv",
    ]);
    assert_eq!(replayed.status.code(), Some(0), "{}", stderr(&replayed));
    assert!(stderr(&replayed).contains(note), "{}", stderr(&replayed));
}

// ---- traffic guard and no-data alert ------------------------------------------

/// A project whose SLO has a traffic guard of 10 events and a 15-minute
/// no-data ticket, and 12 hours of 5-minute rows of 2 requests: the one
/// at 05:00 failing, none from 08:05 to 08:55. Written to a fresh temporary
/// directory; returns the spec's and the data's paths.
fn guarded_fixture(name: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("slo-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = r#"{
  "schema_version": 1,
  "name": "Night",
  "slos": [{
    "id": "night", "name": "Night", "target": 0.999,
    "window": { "type": "rolling", "span": 604800 },
    "alerting": { "traffic_guard": { "min_events": 10 },
                  "no_data": { "after": 900, "severity": "ticket" } }
  }]
}"#;
    let mut csv = String::from("timestamp,good,total\n");
    for row in 0..144 {
        let minutes = 5 + row * 5;
        let (h, m) = (minutes / 60, minutes % 60);
        if (8 * 60 + 5..=8 * 60 + 55).contains(&minutes) {
            continue;
        }
        let good = if (h, m) == (5, 0) { 1 } else { 2 };
        csv.push_str(&format!("2026-01-05T{h:02}:{m:02}:00Z,{good},2\n"));
    }
    let (spec_path, data_path) = (dir.join("night.json"), dir.join("night.csv"));
    std::fs::write(&spec_path, spec).unwrap();
    std::fs::write(&data_path, csv).unwrap();
    (
        spec_path.display().to_string(),
        data_path.display().to_string(),
    )
}

#[test]
fn simulate_text_names_the_pages_the_guard_silenced_and_the_no_data_alerts() {
    let (spec, data) = guarded_fixture("text");
    let o = run(&["simulate", "--spec", &spec, "--data", &data]);
    let text = stdout(&o);
    // At 05:00 the fast page's 5-minute window holds 2 requests (1 failed):
    // 50% errors, but fewer than 10 events, so it stays silent; the 30-minute
    // window of the 6x page holds 12 and pages.
    assert!(
        text.contains(
            "Silenced by the traffic guard (at least 10 events in the short window): 1\n  \
             page   14.4x 1h/5m  2026-01-05T05:00:00Z -> 2026-01-05T05:05:00Z"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Alerts: 3\n  page   6x 6h/30m  2026-01-05T05:00:00Z -> 2026-01-05T05:30:00Z"
        ),
        "{text}"
    );
    // The 15-minute rate over the 08:00 row (07:55 to 08:00) holds until
    // 08:10; the row at 09:00 spans the gap; the one at 09:05 brings data back.
    assert!(
        text.contains("No-data alerts: 1\n  ticket 2026-01-05T08:15:00Z -> 2026-01-05T09:05:00Z\n"),
        "{text}"
    );
}

#[test]
fn simulate_json_lists_silenced_firings_and_no_data_alerts() {
    let (spec, data) = guarded_fixture("json");
    let v = json(&run(&[
        "simulate", "--spec", &spec, "--data", &data, "--json",
    ]));
    let silenced = v["silenced_by_traffic_guard"].as_array().unwrap();
    assert_eq!(silenced.len(), 1);
    assert_eq!(silenced[0]["long_window"], "1h");
    assert_eq!(silenced[0]["start"], "2026-01-05T05:00:00Z");
    assert_eq!(
        v["no_data_alerts"],
        serde_json::json!([{ "severity": "ticket", "start": "2026-01-05T08:15:00Z", "end": "2026-01-05T09:05:00Z" }])
    );
}

const GROUPED: &str = "tests/golden/pyrra_grouped.yaml";
/// Two routes every 5 minutes for two days; /pay fails 200 of its 1,000
/// requests a row from 12:00 to 12:45 on the second day, /list never fails.
const ROUTES: &str = "tests/golden/routes.csv";

#[test]
fn simulate_text_replays_each_label_set_of_a_grouped_slo() {
    let o = run(&["simulate", "--spec", GROUPED, "--data", ROUTES]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    golden("simulate_grouped.txt", &stdout(&o));
    assert!(stdout(&o).contains(
        "Replayed per label set of (route): 2 sets, each with its own budget and alerts, as the rules keep them\n  \
         {route=\"/list\"}: SLI 100%, budget remaining 100%, alerts 0 (0 page, 0 ticket)\n"
    ));
}

#[test]
fn simulate_json_gives_each_label_set_its_budget_and_alerts() {
    let v = json(&run(&[
        "simulate", "--spec", GROUPED, "--data", ROUTES, "--json",
    ]));
    assert_eq!(v["replayed"], "per_label_set");
    let sets = v["label_sets"].as_array().unwrap();
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0]["labels"], serde_json::json!({ "route": "/list" }));
    assert_eq!(sets[0]["budget_remaining"], 1.0);
    assert_eq!(sets[0]["alerts"], serde_json::json!([]));
    assert_eq!(sets[1]["labels"], serde_json::json!({ "route": "/pay" }));
    // /pay: 9 rows of 200 bad = 1,800 of 576,000; the budget is 0.5% of
    // 576,000 = 2,880, so 1,800 / 2,880 = 62.5% is spent.
    assert_eq!(sets[1]["budget_remaining"], 0.375);
    let severities: Vec<&str> = sets[1]["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["page", "page", "ticket", "ticket"]);
    // The sum of both routes: 1,800 bad of 864,000 against a 4,320 budget.
    assert_eq!(v["budget_remaining"], 0.583333333333);
}

#[test]
fn a_grouped_slo_over_data_without_its_labels_is_replayed_whole_and_says_so() {
    let v = json(&run(&[
        "simulate", "--spec", GROUPED, "--data", DATA, "--json",
    ]));
    assert_eq!(v["replayed"], "whole");
    assert_eq!(v["label_sets"], serde_json::json!([]));
    let said = v["warnings"].as_array().unwrap().iter().any(|w| {
        w["message"]
            .as_str()
            .unwrap()
            .contains("carries none of these labels")
    });
    assert!(said, "{}", v["warnings"]);
}

/// The `note:` lines of an export's stderr, without the `note: `.
fn notes(o: &Output) -> Vec<String> {
    stderr(o)
        .lines()
        .filter_map(|l| l.strip_prefix("note: ").map(str::to_string))
        .collect()
}

#[test]
fn export_says_on_stderr_and_in_the_file_what_each_format_cannot_hold() {
    let (spec, _) = guarded_fixture("export-notes");
    let mut all = String::new();
    for format in ["prometheus", "sloth", "pyrra", "openslo"] {
        let o = run(&["export", "--spec", &spec, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let file = stdout(&o);
        for note in notes(&o) {
            assert!(
                file.lines().any(|l| l == format!("# {note}")),
                "{format}: the file's header lacks {note}"
            );
            all.push_str(&format!("{format}: {note}\n"));
        }
    }
    golden("export_notes_guarded.txt", &all);
}

#[test]
fn an_slo_with_its_alerts_switched_off_exports_no_alert_rule_and_stderr_says_so() {
    let spec = "tests/parity/sloth/no-alerts.yml";
    let o = run(&["export", "--spec", spec, "--format", "prometheus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("- alert: ").count(), 0);
    assert!(stdout(&o).contains("record: \"slo:sli_error:ratio_rate3d\""));
    assert_eq!(
        notes(&o)[1..],
        ["SLO \"query-availability\" has no burn-rate alerts (switched off): no burn-rate alert rule is written, and nobody is paged; its SLI is recorded over 5m, 30m, 1h, 2h, 6h, 1d, 3d, as Sloth records it."]
    );
    let replayed = run(&["simulate", "--spec", spec, "--data", DATA, "--json"]);
    assert_eq!(replayed.status.code(), Some(0), "{}", stderr(&replayed));
    assert_eq!(json(&replayed)["alerts"], serde_json::json!([]));
}

#[test]
fn an_openslo_file_with_fixed_range_queries_exports_prometheus_rules_windowed() {
    let o = run(&[
        "export",
        "--spec",
        "tests/conformance/windowing/fixed-range.openslo.yaml",
        "--format",
        "prometheus",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rules = stdout(&o);
    // The [5m] of the good query and the bare total counter, both read over 1h.
    assert!(
        rules.contains(r#"(sum(rate(catalogue_http_requests_total{code!~"5.."}[1h])))"#)
            && rules.contains("(sum(rate(catalogue_http_requests_total[1h])))"),
        "{rules}"
    );
    assert!(rules.contains(
        "# SLO \"Catalogue availability\": the events query's fixed range [5m] is replaced by each rule's window."
    ));
    assert!(rules.contains("# SLO \"Catalogue availability\": the total query is a bare counter"));
}
