//! Pyrra `pyrra.dev/v1alpha1` `ServiceLevelObjective` objects, valid against
//! the CRD schema in `shared/schemas/pyrra` (checked by tests/schema), and
//! the query shapes Pyrra's indicators become in the workbench's model (the
//! importer builds them here, so writing them back is reading them again).
//!
//! Pyrra wants metric selectors, not queries: ratio SLIs must be written as
//! `sum(rate(SELECTOR[{{.window}}]))` (or `increase`, or a bare selector),
//! with `sum by (LABELS)` for Pyrra's `grouping`; a good/total ratio is
//! written as errors/total when its good selector is the total's plus one
//! matcher that can be inverted. Latency SLIs become `_bucket{le=…}`/`_count`,
//! native histograms `latencyNative` (`histogram_fraction`), availability a
//! `bool_gauge`. Pyrra picks its own burn-rate windows and has no calendar
//! windows; both are said in comments at the top of the file, with what it
//! cannot hold (`export::file_notes`). An SLO with its alerts switched off
//! is written `alerting.burnrates: false`.

use super::openslo::is_label_value;
use super::promql::{
    compact, counter_selector, event_queries, is_plain_selector, le_value, quote, selector,
    split_matchers, split_selector, WINDOW,
};
use super::yaml::{self, map, s, Y};
use super::{file_notes, ids, with_effective_alerts, ExportFile, ExportFormat, YAML};
use crate::alerting::preset_alerts;
use crate::format::trim_zeros;
use crate::model::{AlertPreset, BudgetingMethod, EventKind, Sli, Slo, Span, Target, Window};

/// The label Pyrra copies onto generated rules; it carries the service.
pub const SERVICE_LABEL: &str = "pyrra.dev/service";

/// Annotation holding, as JSON, the labels Kubernetes would not accept as labels.
pub const LABELS_ANNOTATION: &str = "slo-workbench.dev/labels";
/// The annotation holding the SLO's agreement and change log (`records`).
pub const RECORD_ANNOTATION: &str = "slo-workbench.dev/record";

pub fn export(slos: &[&Slo], base: &str) -> Result<Vec<ExportFile>, String> {
    let mut docs = Vec::new();
    let mut notes = vec!["Pyrra ServiceLevelObjectives written by SLO Workbench.".to_string()];
    for slo in slos {
        notes.extend(file_notes(slo, ExportFormat::Pyrra));
        let slo = with_effective_alerts(slo);
        let (doc, mut n) = slo_doc(&slo)?;
        docs.push(doc);
        notes.append(&mut n);
    }
    let content = format!(
        "{}{}",
        yaml::comment(&notes.join("\n")),
        yaml::documents(&docs)
    );
    Ok(vec![ExportFile {
        name: format!("{base}.pyrra.yaml"),
        mime: YAML,
        content,
    }])
}

fn slo_doc(slo: &Slo) -> Result<(Y, Vec<String>), String> {
    let id = ids(slo);
    let mut notes = Vec::new();
    let indicator = indicator(slo).map_err(|why| format!("SLO \"{}\": {why}", slo.name))?;
    if slo.budgeting != BudgetingMethod::Occurrences {
        notes.push(format!(
            "{}: Pyrra counts occurrences; the time-slice budgeting chosen here is not carried.",
            id.slo
        ));
    }
    if let Window::Calendar { .. } = slo.window {
        notes.push(format!(
            "{}: Pyrra has no calendar windows; written as a rolling {}.",
            id.slo,
            slo.window.nominal().prometheus()
        ));
    }
    let pyrra_tiers = preset_alerts(AlertPreset::PyrraScaled, slo.window.nominal());
    let burnrates = !slo.alerting.alerts.is_empty();
    if burnrates && pyrra_tiers.as_ref() != Some(&slo.alerting.alerts) {
        notes.push(format!("{}: Pyrra generates its own window-scaled burn-rate alerts, not the ones designed here (the replay and the Prometheus rules use those).", id.slo));
    }
    // Kubernetes label keys and values are short and plain; other labels
    // travel as one JSON annotation the importer reads back.
    let mut labels = vec![(SERVICE_LABEL.to_string(), s(&id.service))];
    let mut other = std::collections::BTreeMap::new();
    for (k, v) in &slo.labels {
        if is_label_value(v) && is_label_value(k) {
            labels.push((k.clone(), s(v)));
        } else {
            other.insert(k.clone(), v.clone());
        }
    }
    let mut metadata = vec![
        ("name".to_string(), s(&id.slo)),
        ("labels".to_string(), Y::Map(labels)),
    ];
    let mut annotations = Vec::new();
    if !other.is_empty() {
        let json = serde_json::to_string(&other).unwrap_or_default();
        annotations.push((LABELS_ANNOTATION.to_string(), s(json)));
    }
    // The agreement and change log, as OpenSLO carries them.
    if let Some(record) = super::records::record_annotation(slo) {
        annotations.push((RECORD_ANNOTATION.to_string(), s(record)));
    }
    if !annotations.is_empty() {
        metadata.push(("annotations".into(), Y::Map(annotations)));
    }
    let mut spec = Vec::new();
    if !slo.description.is_empty() {
        spec.push(("description".to_string(), s(&slo.description)));
    }
    spec.push(("target".into(), s(trim_zeros(slo.target.percent(), 10))));
    spec.push(("window".into(), s(slo.window.nominal().prometheus())));
    spec.push(("indicator".into(), indicator));
    // Alerts here are the replayed ones (`with_effective_alerts`): none only
    // when switched off; otherwise Pyrra writes its own tiers.
    // Its absent-metric alert is the no-data alert, timed by Pyrra.
    let alerting = map(vec![
        ("burnrates", Y::Bool(burnrates)),
        ("absent", Y::Bool(slo.alerting.no_data.is_some())),
    ]);
    if let Some(n) = slo.alerting.no_data {
        let pyrra_after = absent_after(slo.target, slo.window.nominal());
        if n.after != pyrra_after {
            notes.push(format!("{}: Pyrra's absent alert pages after {} without data (its own delay), the no-data alert here after {}.", id.slo, pyrra_after.prometheus(), n.after.prometheus()));
        }
    }
    spec.push(("alerting".into(), alerting));
    let doc = map(vec![
        ("apiVersion", s("pyrra.dev/v1alpha1")),
        ("kind", s("ServiceLevelObjective")),
        ("metadata", Y::Map(metadata)),
        ("spec", Y::Map(spec)),
    ]);
    Ok((doc, notes))
}

/// The `spec.indicator` of an SLO, or why Pyrra cannot hold its SLI.
fn indicator(slo: &Slo) -> Result<Y, String> {
    if let Some((sel, threshold, grouping)) = read_native_latency(&slo.sli) {
        let mut fields = vec![
            ("latency", s(go_duration(threshold)?)),
            ("total", map(vec![("metric", s(sel))])),
        ];
        fields.extend(grouping_field(&grouping));
        return Ok(map(vec![("latencyNative", map(fields))]));
    }
    if let Some((sel, grouping)) = read_bool_gauge(&slo.sli) {
        let mut fields = vec![("metric", s(sel))];
        fields.extend(grouping_field(&grouping));
        return Ok(map(vec![("bool_gauge", map(fields))]));
    }
    match &slo.sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => ratio_indicator(*counts, events_query, total_query),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            selector: sel,
        } => {
            let le = format!("le={}", quote(&le_value(*threshold_seconds)));
            Ok(latency_indicator(
                selector(&format!("{histogram_metric}_bucket"), sel, &[le]),
                selector(&format!("{histogram_metric}_count"), sel, &[]),
                &[],
            ))
        }
        Sli::Availability { probe_query } => {
            if !is_plain_selector(probe_query) {
                return Err(
                    "Pyrra's bool_gauge needs a metric selector such as up{job=\"api\"}".into(),
                );
            }
            Ok(map(vec![(
                "bool_gauge",
                map(vec![("metric", s(probe_query.trim()))]),
            )]))
        }
    }
}

fn latency_indicator(success: String, total: String, grouping: &[String]) -> Y {
    let mut fields = vec![
        ("success", map(vec![("metric", s(success))])),
        ("total", map(vec![("metric", s(total))])),
    ];
    fields.extend(grouping_field(grouping));
    map(vec![("latency", map(fields))])
}

fn grouping_field(grouping: &[String]) -> Option<(&'static str, Y)> {
    (!grouping.is_empty()).then(|| ("grouping", Y::Seq(grouping.iter().map(s).collect())))
}

/// A ratio SLI as Pyrra's `ratio` (errors over total) or, for good events
/// counted from a histogram's bucket, `latency`.
fn ratio_indicator(counts: EventKind, events: &str, total: &str) -> Result<Y, String> {
    let need = |q: &str, what: &str| {
        read_sum_rate(q).ok_or_else(|| format!("Pyrra needs the {what} as a metric selector; write the query as sum(rate(metric{{...}}[{{{{.window}}}}])), with sum by (labels) for one SLO per label set"))
    };
    let (events_sel, events_grouping) = need(events, "events")?;
    let (total_sel, grouping) = need(total, "total")?;
    if events_grouping != grouping {
        return Err(format!(
            "the events are summed by ({}) and the total by ({}); Pyrra groups both by one list",
            events_grouping.join(", "),
            grouping.join(", ")
        ));
    }
    let errors = match counts {
        EventKind::Bad => events_sel,
        EventKind::Good => {
            if is_bucket_of(&events_sel, &total_sel) {
                return Ok(latency_indicator(events_sel, total_sel, &grouping));
            }
            invert_good(&events_sel, &total_sel)?
        }
    };
    let mut fields = vec![
        ("errors", map(vec![("metric", s(errors))])),
        ("total", map(vec![("metric", s(total_sel))])),
    ];
    fields.extend(grouping_field(&grouping));
    Ok(map(vec![("ratio", map(fields))]))
}

/// `h_bucket{…,le="x"}` over `h_count{…}` with the same other matchers.
fn is_bucket_of(good: &str, total: &str) -> bool {
    let (Some((g_name, g_m)), Some((t_name, t_m))) = (parts(good), parts(total)) else {
        return false;
    };
    let without_le: Vec<&String> = g_m.iter().filter(|m| !m.starts_with("le=")).collect();
    g_name
        .strip_suffix("_bucket")
        .is_some_and(|h| t_name == format!("{h}_count"))
        && without_le.len() + 1 == g_m.len()
        && without_le.len() == t_m.len()
        && t_m.iter().all(|m| without_le.contains(&m))
}

/// Metric name and matchers of a selector (`up` has none).
fn parts(sel: &str) -> Option<(String, Vec<String>)> {
    match split_selector(sel) {
        Some((name, matchers)) => Some((name.to_string(), split_matchers(matchers))),
        None => is_plain_selector(sel).then(|| (sel.trim().to_string(), Vec::new())),
    }
}

/// Pyrra counts errors: the errors selector of a good-events selector that
/// is the total's plus exactly one matcher, with that matcher inverted
/// (`=`/`!=`, `=~`/`!~`). Every series the total selects is then either good
/// or an error, never both, so errors/total is 1 - good/total.
pub fn invert_good(good: &str, total: &str) -> Result<String, String> {
    let why = |reason: String| {
        format!("Pyrra's ratio indicator counts errors, and the good events cannot be turned into errors: {reason}; write the SLI with a query of bad events")
    };
    let (g_name, g_m) =
        parts(good).ok_or_else(|| why(format!("{good} is not a metric selector")))?;
    let (t_name, t_m) =
        parts(total).ok_or_else(|| why(format!("{total} is not a metric selector")))?;
    if g_name != t_name {
        return Err(why(format!(
            "good events come from {g_name} and the total from {t_name}"
        )));
    }
    if let Some(m) = t_m.iter().find(|m| !g_m.contains(m)) {
        return Err(why(format!(
            "the total's matcher {m} is not in the good selector"
        )));
    }
    let extra: Vec<&String> = g_m.iter().filter(|m| !t_m.contains(m)).collect();
    let [only] = extra.as_slice() else {
        return Err(why(format!(
            "the good selector adds {} matchers to the total's, and only a single added matcher can be inverted",
            extra.len()
        )));
    };
    let inverted =
        invert_matcher(only).ok_or_else(|| why(format!("{only} is not a label matcher")))?;
    let matchers: Vec<String> = g_m
        .iter()
        .map(|m| {
            if m == *only {
                inverted.clone()
            } else {
                m.clone()
            }
        })
        .collect();
    Ok(format!("{g_name}{{{}}}", matchers.join(",")))
}

/// `code!~"5.."` as `code=~"5.."`, and so on for `=`, `!=`, `=~`, `!~`.
fn invert_matcher(m: &str) -> Option<String> {
    let op_at = m.find(['=', '!'])?;
    let (label, rest) = m.split_at(op_at);
    let (op, value) = ["!~", "=~", "!=", "="]
        .into_iter()
        .find_map(|op| rest.strip_prefix(op).map(|v| (op, v)))?;
    let inverse = match op {
        "!~" => "=~",
        "=~" => "!~",
        "!=" => "=",
        _ => "!=",
    };
    let label = label.trim();
    (!label.is_empty() && value.trim_start().starts_with(['"', '\'', '`']))
        .then(|| format!("{label}{inverse}{}", value.trim()))
}

/// `sum` or `sum by (a, b) `: the aggregation Pyrra's grouping stands for.
fn sum_by(grouping: &[String]) -> String {
    if grouping.is_empty() {
        "sum".into()
    } else {
        format!("sum by ({}) ", grouping.join(", "))
    }
}

/// `sum(rate(SEL[{{.window}}]))`, or `sum by (g) (rate(...))` with grouping.
pub fn sum_rate(sel: &str, grouping: &[String]) -> String {
    format!("{}(rate({}[{WINDOW}]))", sum_by(grouping), sel.trim())
}

/// Selector and grouping of a query `sum_rate` wrote, or one Pyrra reads
/// (`counter_selector`: `sum(increase(...))`, a bare selector...), however
/// it is spread over lines.
pub fn read_sum_rate(q: &str) -> Option<(String, Vec<String>)> {
    let q = compact(q);
    if let Some(sel) = counter_selector(&q) {
        return Some((sel, Vec::new()));
    }
    let (grouping, rest) = read_sum_by(&q)?;
    let sel = rest
        .strip_prefix("(rate(")?
        .strip_suffix(&format!("[{WINDOW}]))"))?;
    is_plain_selector(sel).then(|| (sel.to_string(), grouping))
}

/// `sumby(a,b)REST` (a compacted `sum by (a, b) REST`) into the labels and `REST`.
fn read_sum_by(q: &str) -> Option<(Vec<String>, &str)> {
    let rest = q.strip_prefix("sumby(")?;
    let close = rest.find(')')?;
    let labels: Vec<String> = rest[..close].split(',').map(str::to_string).collect();
    let ok = labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    ok.then(|| (labels, &rest[close + 1..]))
}

/// Pyrra's `latencyNative` as a good-events ratio: requests faster than
/// the threshold are `histogram_fraction(0, T, h) * histogram_count(h)`
/// of `histogram_count(h)`, `h` the summed rate of the native histogram.
pub fn native_latency_sli(sel: &str, threshold_seconds: f64, grouping: &[String]) -> Sli {
    let h = sum_rate(sel, grouping);
    let total = format!("histogram_count({h})");
    Sli::Ratio {
        counts: EventKind::Good,
        events_query: format!(
            "histogram_fraction(0, {}, {h}) * {total}",
            trim_zeros(threshold_seconds, 9)
        ),
        total_query: total,
    }
}

fn read_native_latency(sli: &Sli) -> Option<(String, f64, Vec<String>)> {
    let Sli::Ratio {
        counts: EventKind::Good,
        events_query,
        total_query,
    } = sli
    else {
        return None;
    };
    let h = total_query
        .strip_prefix("histogram_count(")?
        .strip_suffix(')')?;
    let (sel, grouping) = read_sum_rate(h)?;
    let threshold: f64 = events_query
        .strip_prefix("histogram_fraction(0, ")?
        .split(',')
        .next()?
        .trim()
        .parse()
        .ok()?;
    let again = native_latency_sli(&sel, threshold, &grouping);
    same_queries(&again, sli).then_some((sel, threshold, grouping))
}

/// Pyrra's `bool_gauge` with grouping, as Pyrra computes it: the samples at
/// 1 over all samples, per label set.
pub fn bool_gauge_sli(sel: &str, grouping: &[String]) -> Sli {
    let over = |f: &str| format!("{}({f}({}[{WINDOW}]))", sum_by(grouping), sel.trim());
    Sli::Ratio {
        counts: EventKind::Good,
        events_query: over("sum_over_time"),
        total_query: over("count_over_time"),
    }
}

fn read_bool_gauge(sli: &Sli) -> Option<(String, Vec<String>)> {
    let Sli::Ratio {
        counts: EventKind::Good,
        total_query,
        ..
    } = sli
    else {
        return None;
    };
    let total = compact(total_query);
    let (grouping, rest) = read_sum_by(&total)?;
    let sel = rest
        .strip_prefix("(count_over_time(")?
        .strip_suffix(&format!("[{WINDOW}]))"))?;
    same_queries(&bool_gauge_sli(sel, &grouping), sli).then(|| (sel.to_string(), grouping))
}

/// Two SLIs of the same kind whose queries differ at most in whitespace.
fn same_queries(a: &Sli, b: &Sli) -> bool {
    let ((ka, ea, ta), (kb, eb, tb)) = (event_queries(a), event_queries(b));
    ka == kb && compact(&ea) == compact(&eb) && compact(&ta) == compact(&tb)
}

/// How long Pyrra's absent-metric alert waits (its `AbsentDuration`): as
/// long as its first page tier (14x over window/672) needs to fire on a
/// 100% error ratio, plus that tier's `for` (window/20160), to the minute.
pub fn absent_after(target: Target, window: Span) -> Span {
    let minutes = |divisor: f64| (window.seconds() as f64 / divisor / 60.0).round() * 60.0;
    let threshold = 14.0 * target.error_budget();
    // Go truncates the threshold times the long window to whole seconds.
    let fire = crate::format::decimal(threshold * minutes(672.0), 6).floor();
    let total = fire + minutes(20_160.0);
    Span::minutes(((total / 60.0).round() as u64).max(1))
}

/// Pyrra's latency, a Go duration (`200ms`, `1s`), in seconds.
pub fn parse_go_duration(text: &str) -> Option<f64> {
    let t = text.trim();
    let (number, scale) = [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)]
        .into_iter()
        .find_map(|(unit, scale)| t.strip_suffix(unit).map(|n| (n, scale)))?;
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n > 0.0).then(|| crate::format::decimal(n * scale, 9))
}

/// Seconds as Pyrra's latency: whole milliseconds (`200ms`) or seconds (`2s`).
fn go_duration(seconds: f64) -> Result<String, String> {
    let ms = seconds * 1000.0;
    if (ms - ms.round()).abs() > 1e-6 || ms.round() < 1.0 {
        return Err(format!(
            "Pyrra's latency is written in whole milliseconds; {seconds} s is not"
        ));
    }
    let ms = ms.round() as u64;
    Ok(if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_absent_alert_waits_as_long_as_pyrras_first_page_tier_plus_its_for() {
        // 99% over 28 d: 14 x 1% x 1 h = 504 s, plus 2 m: 624 s, 10 min.
        assert_eq!(
            absent_after(Target(0.99), Span::days(28)),
            Span::minutes(10)
        );
        // 99.9% over 28 d: 50.4 s (50 s) plus 2 m: 170 s, 3 min.
        assert_eq!(
            absent_after(Target(0.999), Span::days(28)),
            Span::minutes(3)
        );
    }

    #[test]
    fn queries_spread_over_lines_read_as_their_selector() {
        let q = "sum(\n  rate(h{job=\"a\", code=~\"5 ..\"}[{{.window}}])\n)\n";
        assert_eq!(
            read_sum_rate(q),
            Some(("h{job=\"a\",code=~\"5 ..\"}".to_string(), Vec::new()))
        );
        let grouped = "sum by (route, method) (rate(h[{{.window}}]))";
        assert_eq!(
            read_sum_rate(grouped),
            Some((
                "h".to_string(),
                vec!["route".to_string(), "method".to_string()]
            ))
        );
    }

    #[test]
    fn ratio_queries_must_reduce_to_selectors() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: EventKind::Bad,
                events_query: "sum by (x) (rate(e[5m]))".into(),
                total_query: "t".into(),
            },
            ..Slo::default()
        };
        assert!(export(&[&slo], "x")
            .unwrap_err()
            .contains("metric selector"));
    }

    #[test]
    fn good_event_ratios_are_refused_with_the_reason() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: EventKind::Good,
                events_query: "g".into(),
                total_query: "t".into(),
            },
            ..Slo::default()
        };
        assert!(export(&[&slo], "x").unwrap_err().contains("counts errors"));
    }

    #[test]
    fn the_default_slo_becomes_a_ratio_indicator_with_a_percent_string_target() {
        let files = export(&[&Slo::default()], "x").unwrap();
        let v: serde_norway::Value = serde_norway::from_str(&files[0].content).unwrap();
        assert_eq!(v["spec"]["target"].as_str(), Some("99.9"));
        assert_eq!(v["spec"]["window"].as_str(), Some("30d"));
        assert_eq!(
            v["spec"]["indicator"]["ratio"]["errors"]["metric"].as_str(),
            Some("http_requests_total{code=~\"5..\"}")
        );
    }
}
