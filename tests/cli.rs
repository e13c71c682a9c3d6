//! The `slo-workbench` binary, run as a pipeline would run it. Outputs are
//! compared with the files in tests/golden/ (set UPDATE_GOLDEN=1 to rewrite
//! them after a deliberate change, then review the diff).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slo-workbench"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(o)))
}

/// Compares with tests/golden/NAME, or writes it when UPDATE_GOLDEN is set.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

const PROJECT: &str = "tests/golden/project.json";

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
    assert_eq!((v["target"].as_f64(), v["error_budget_ratio"].as_f64()), (Some(0.999), Some(0.001)));
    assert_eq!(v["window_seconds"], 2_592_000, "30 days unless --window says otherwise");
    golden("budget_99.9_30d.json", &stdout(&run(&["budget", "--target", "99.9", "--json"])));
}

#[test]
fn budget_rejects_a_100_percent_target_with_usage_status() {
    let o = run(&["budget", "--target", "100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--target: a 100% target leaves no error budget"), "{}", stderr(&o));
    assert!(stderr(&o).contains("Usage:"));
}

// ---- errors -------------------------------------------------------------------

#[test]
fn a_broken_spec_exits_2_naming_file_and_line() {
    let o = run(&["lint", "--spec", "tests/golden/broken.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("tests/golden/broken.json:3:"), "{}", stderr(&o));
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let o = run(&["lint", "--spec", "tests/golden/no-such.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("tests/golden/no-such.json: cannot read"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2_with_the_usage_text() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["export", "--spec", PROJECT][..],
        &["budget", "--target", "99.9", "--spec", PROJECT][..],
        &["budget", "--target"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}: {}", stderr(&o));
    }
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("slo-workbench budget"));
}

// ---- lint ---------------------------------------------------------------------

#[test]
fn lint_lists_findings_and_passes_without_errors() {
    let o = run(&["lint", "--spec", PROJECT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("[window-too-short:checkout-strict]"), "{}", stdout(&o));
    let v = json(&run(&["lint", "--spec", PROJECT, "--json"]));
    assert_eq!(v["errors"], 0);
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["id"] == "window-too-short:checkout-strict"));
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
        let o = run(&["export", "--spec", PROJECT, "--format", format, "--slo", "checkout-availability"]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains(needle), "{format} output lacks {needle}:\n{}", stdout(&o));
    }
}

#[test]
fn export_rejects_an_unknown_format() {
    let o = run(&["export", "--spec", PROJECT, "--format", "nagios"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown export format \"nagios\""), "{}", stderr(&o));
}
