//! The `slo-workbench` binary fed hostile inputs, each run under a virtual
//! memory cap (`ulimit -v`) so a bound that did not hold would abort the
//! process instead of passing: bad values exit 2 naming file, line and
//! field; oversized inputs exit 2 naming the limit; a spec with
//! error-level findings replays but exits 3.

use std::path::PathBuf;
use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Address space the process may map: far below what the unbounded reads
/// took (2.4 GB and 3.9 GB in issue 10).
const CAP_KIB: u32 = 256 * 1024;

/// Runs the binary under the memory cap, from the repository root.
fn capped(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CAP_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_slo-workbench"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file with `text` in a fresh directory for this test.
fn file(test: &str, name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("slo-hostile-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path.to_string_lossy().into_owned()
}

#[test]
fn exporting_a_target_of_1_5_exits_2_naming_file_line_and_field() {
    let spec = file(
        "target",
        "p.json",
        "{\n\"schema_version\": 1,\n\"slos\": [{\"id\": \"a\", \"target\": 1.5}]\n}",
    );
    let o = capped(&["export", "--spec", &spec, "--format", "prometheus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("{spec}:3: slos[0].target: ")),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "no rule is written");
}

#[test]
fn a_javascript_runbook_is_not_exported() {
    let spec = file(
        "runbook",
        "p.json",
        r#"{"slos": [{"id": "a", "alerting": {"runbook_url": "javascript:alert(1)"}}]}"#,
    );
    let o = capped(&["export", "--spec", &spec, "--format", "sloth"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("runbook_url"), "{}", stderr(&o));
}

#[test]
fn a_billion_laughs_yaml_exits_2_within_the_memory_cap() {
    let items = vec!["1"; 20_000].join(",");
    let refs = vec!["*a"; 20_000].join(",");
    let spec = file(
        "laughs",
        "s.yaml",
        &format!("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\n  a: &a [{items}]\n  b: [{refs}]\n"),
    );
    let o = capped(&["lint", "--spec", &spec]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("500000"), "{}", stderr(&o));
}

#[test]
fn four_megabytes_of_empty_slos_exit_2_within_the_memory_cap() {
    let spec = file(
        "empties",
        "p.json",
        &format!("{{\"slos\": [{}{{}}]}}", "{},".repeat(1_390_000)),
    );
    let o = capped(&["export", "--spec", &spec, "--format", "project"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("500000"), "{}", stderr(&o));
}

#[test]
fn a_spec_over_the_byte_limit_is_refused_naming_it() {
    let spec = file("big", "p.json", &" ".repeat(5 * 1024 * 1024));
    let o = capped(&["lint", "--spec", &spec]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("longer than 4194304 bytes (4 MiB)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_infinite_count_exits_2_naming_the_line() {
    let data = file(
        "inf",
        "d.csv",
        "timestamp,good,total\n1700000000,1,1\n1700000060,1e309,1\n",
    );
    let o = capped(&[
        "simulate",
        "--spec",
        "tests/golden/project.json",
        "--data",
        &data,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("{data}:3:2: ")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn simulate_exits_3_when_the_spec_has_error_level_findings() {
    let o = capped(&[
        "simulate",
        "--spec",
        "tests/golden/never_fires.json",
        "--data",
        "tests/golden/outage.csv",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("alert-never-fires"), "{out}");
    assert!(
        out.contains("SLI over all data"),
        "the replay is still printed: {out}"
    );
}
