//! Hostile inputs, one class each, crafted here: every way in refuses them
//! with a message naming the field or the line, within the `limits`.
//! Memory bounds are asserted by counting: this test binary's allocator
//! tracks the peak bytes each test thread holds (tests run one per thread),
//! never by timing.

use slo_engine::export::{export, ExportFormat};
use slo_engine::import::{import_spec, project_from_json};
use slo_engine::ingest::{parse, IngestOptions};
use slo_engine::limits::{MAX_NODES, MAX_SHARE_CHARS, MAX_SHARE_INFLATED_BYTES, MAX_SLOS};
use slo_engine::share;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

// ---- a per-thread peak-memory counter -----------------------------------------

struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    // `try_with`: the thread's slots may be gone while it exits.
    let _ = HELD.try_with(|h| {
        let now = h.get() + delta;
        h.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        note(l.size() as isize);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        note(-(l.size() as isize));
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        note(new as isize - l.size() as isize);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const MIB: isize = 1024 * 1024;

/// Peak bytes `f` held above what the thread held before, and its result.
fn peak<T>(f: impl FnOnce() -> T) -> (isize, T) {
    let before = HELD.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (PEAK.with(Cell::get) - before, out)
}

fn import_error(text: &str) -> String {
    match import_spec(text) {
        Ok(_) => panic!("imported: {}", &text[..text.len().min(200)]),
        Err(d) => d
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

// ---- values the rules cannot be right with ------------------------------------

#[test]
fn a_project_file_with_target_1_5_is_refused_naming_the_field_and_line() {
    let text =
        "{\n  \"schema_version\": 1,\n  \"slos\": [\n    {\"id\": \"a\", \"target\": 1.5}\n  ]\n}";
    let e = project_from_json(text).unwrap_err();
    assert_eq!(e.line, 4);
    assert!(e.message.starts_with("slos[0].target: "), "{}", e.message);
}

#[test]
fn a_zero_window_in_a_project_file_is_refused() {
    let e = import_error(r#"{"slos": [{"window": {"type": "rolling", "span": 0}}]}"#);
    assert!(e.contains("slos[0].window"), "{e}");
    assert!(e.contains("longer than zero"), "{e}");
}

#[test]
fn an_openslo_target_finer_than_the_rules_is_refused_not_rounded_to_a_zero_budget() {
    let text = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: tight\nspec:\n  service: shop\n  indicator:\n    metadata:\n      name: err\n    spec:\n      ratioMetric:\n        counter: true\n        bad:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: sum(rate(e[{{.window}}]))\n        total:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: sum(rate(t[{{.window}}]))\n  timeWindow:\n    - duration: 30d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.9999999999999\n";
    let e = import_error(text);
    assert!(e.contains("12 decimals"), "{e}");
    // Twelve decimals are kept exactly, and the rule's budget is not zero.
    let ok = import_spec(&text.replace("0.9999999999999", "0.999999999999")).unwrap();
    assert_eq!(ok.project.slos[0].target.ratio(), 0.999999999999);
    let rules = export(&ok.project, None, ExportFormat::Prometheus).unwrap();
    assert!(
        rules[0].content.contains("vector(0.000000000001)"),
        "{}",
        rules[0].content
    );
}

#[test]
fn a_javascript_runbook_is_refused_from_a_file_a_sloth_spec_and_at_export() {
    let e = import_error(r#"{"slos": [{"alerting": {"runbook_url": "javascript:alert(1)"}}]}"#);
    assert!(e.contains("slos[0].alerting.runbook_url"), "{e}");
    let sloth = "version: prometheus/v1\nservice: shop\nslos:\n  - name: avail\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(e[{{.window}}]))\n        total_query: sum(rate(t[{{.window}}]))\n    alerting:\n      annotations:\n        runbook_url: \"javascript:alert(1)\"\n";
    assert!(import_error(sloth).contains("http(s)"));
    let mut p = import_spec(&sloth.replace("javascript:alert(1)", "https://wiki/run"))
        .unwrap()
        .project;
    p.slos[0].alerting.runbook_url = "JavaScript:alert(1)".into();
    let e = export(&p, None, ExportFormat::Sloth).unwrap_err();
    assert!(e.contains("runbook_url"), "{e}");
}

#[test]
fn a_sloth_objective_of_100_is_refused() {
    let sloth = "version: prometheus/v1\nservice: shop\nslos:\n  - name: avail\n    objective: 100\n    sli:\n      events:\n        error_query: e\n        total_query: t\n";
    assert!(import_error(sloth).contains("100"));
}

// ---- sizes past the limits ------------------------------------------------------

/// One anchor of 20,000 items referenced 20,000 times: about 120 KB of
/// text, 400 million nodes once expanded.
fn billion_laughs() -> String {
    let items = vec!["1"; 20_000].join(",");
    let refs = vec!["*a"; 20_000].join(",");
    format!("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\n  a: &a [{items}]\n  b: [{refs}]\n")
}

#[test]
fn a_billion_laughs_yaml_stops_at_the_node_limit_in_bounded_memory() {
    let text = billion_laughs();
    assert!(text.len() < 130_000, "{}", text.len());
    let (bytes, e) = peak(|| import_error(&text));
    assert!(e.contains(&MAX_NODES.to_string()), "{e}");
    assert!(bytes < 64 * MIB, "held {} MiB", bytes / MIB);
}

#[test]
fn four_megabytes_of_empty_slos_are_refused_before_any_slo_is_built() {
    let text = format!("{{\"slos\": [{}{{}}]}}", "{},".repeat(1_390_000));
    assert!(text.len() > 4_000_000);
    let (bytes, e) = peak(|| import_error(&text));
    // Refused by the node count while reading, before even the JSON tree.
    assert!(e.contains(&MAX_NODES.to_string()), "{e}");
    assert!(bytes < 16 * MIB, "held {} MiB", bytes / MIB);
}

#[test]
fn a_project_just_over_the_slo_limit_names_it() {
    let text = format!("{{\"slos\": [{}{{}}]}}", "{},".repeat(MAX_SLOS));
    assert!(import_error(&text).contains("2001 SLOs; the limit is 2000"));
}

#[test]
fn a_small_share_link_that_inflates_past_the_limit_is_refused_in_bounded_memory() {
    let json = format!("{{\"slos\": [{}{{}}]}}", "{},".repeat(1_390_000));
    let deflated = miniz_oxide_deflate(json.as_bytes());
    let link = base64_url(&deflated);
    assert!(link.len() <= MAX_SHARE_CHARS, "{}", link.len());
    let (bytes, e) = peak(|| share::decode(&link).unwrap_err());
    assert!(e.contains(&MAX_SHARE_INFLATED_BYTES.to_string()), "{e}");
    assert!(bytes < 8 * MIB, "held {} MiB", bytes / MIB);
}

/// A crafted link is deflated bytes in URL-safe base64, as the encoder writes.
fn miniz_oxide_deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 10)
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

// ---- data edges -----------------------------------------------------------------

#[test]
fn an_infinite_csv_count_is_an_error_naming_its_line_like_1e16() {
    for big in ["1e16", "1e309"] {
        let text = format!("timestamp,good,total\n1700000000,1,1\n1700000060,{big},1\n");
        let e = parse(&text, &IngestOptions::default()).unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, Some(2)), "{big}: {e:?}");
    }
}

#[test]
fn a_prometheus_time_of_1e300_is_an_error_naming_its_line() {
    let text = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[\n{\"metric\":{},\"values\":[\n[1700000000,\"0.9\"],\n[1e300,\"0.9\"]]}]}}";
    let e = parse(text, &IngestOptions::default()).unwrap_err();
    assert_eq!(e[0].line, 4, "{e:?}");
    assert!(e[0].message.contains("1970-01-01 and 2200-01-01"), "{e:?}");
    let before_1970 = text.replace("1e300", "-5");
    assert!(parse(&before_1970, &IngestOptions::default()).is_err());
}
