//! Lints on what an SLI measures, read from the words of its queries and the
//! SLO's description: averages instead of percentiles, resource metrics,
//! queue sizes instead of time in queue, and signals measured far from the
//! user, and queries the rule exports cannot window. Reads text only; must
//! not look at targets, alerts or data.

use super::{name, Finding, LintRule};
use crate::diag::Level;
use crate::model::{Sli, Slo};

/// An error when a ratio or probe query cannot be windowed, so no rule file
/// can be exported: the reason is the exporter's own (`promql::windowed_sli`).
fn window_finding(slo: &Slo, out: &mut Vec<Finding>) {
    if let Err(why) = crate::export::promql::windowed_sli(&slo.sli) {
        out.push(Finding::about_slo(
            LintRule::QueryNotWindowable,
            slo,
            Level::Error,
            "A query the rules cannot window",
            format!(
                "{}: {why}. Burn-rate rules read the SLI over several windows (5m to 3d), so until then \
                 no Prometheus, Sloth or Pyrra file can be exported.",
                name(slo),
            ),
        ));
    }
}

/// Checks on the words of the SLI queries and the description.
pub(super) fn text_findings(slo: &Slo, out: &mut Vec<Finding>) {
    window_finding(slo, out);
    let tokens = sli_tokens(&slo.sli);
    let desc = words(&slo.description);
    if let Some(hit) = tokens
        .iter()
        .find(|t| is_average_token(t))
        .cloned()
        .or_else(|| average_in_words(&desc))
    {
        out.push(Finding::about_slo(
            LintRule::AverageNotPercentile,
            slo,
            Level::Warning,
            "Averages hide the slow requests",
            format!(
                "{} uses \"{hit}\". An average can look fine while one user in a hundred waits ten seconds. \
                 Count the share of events that were good (faster than a threshold), or use a percentile.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_resource_token(t)) {
        out.push(Finding::about_slo(
            LintRule::ResourceMetric,
            slo,
            Level::Warning,
            "A resource metric is not what users experience",
            format!(
                "{} measures \"{hit}\", a resource (CPU, memory, disk, load). Users never see CPU; a busy machine \
                 can serve everyone well and an idle one can fail every request. Measure what users get: \
                 successful requests, latency under a threshold, fresh data. Keep resources for capacity planning.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_queue_size_token(t)) {
        out.push(Finding::about_slo(
            LintRule::QueueSize,
            slo,
            Level::Warning,
            "Queue size instead of time in queue",
            format!(
                "{} measures \"{hit}\", how much is waiting. Users feel how long their item waits, not how many \
                 others wait with it. Measure time in queue or end-to-end freshness instead.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_internal_token(t)) {
        out.push(Finding::about_slo(
            LintRule::FarFromUser,
            slo,
            Level::Warning,
            "Measured far from the user",
            format!(
                "{} relies on \"{hit}\", which says whether a process runs or is scraped, not whether users are \
                 served. Measure as close to the user as you can: at the load balancer, the API gateway or with \
                 a probe that does what a user does.",
                name(slo),
            ),
        ));
    }
}

/// Lowercase identifiers of the SLI's queries that can be metric or function
/// names: quoted label values and `{...}` matchers are left out, so a label
/// such as `container="cpu-worker"` does not count as a CPU metric.
fn sli_tokens(sli: &Sli) -> Vec<String> {
    match sli {
        Sli::Ratio {
            events_query,
            total_query,
            ..
        } => {
            let mut t = query_identifiers(events_query);
            t.extend(query_identifiers(total_query));
            t
        }
        Sli::Latency {
            histogram_metric, ..
        } => query_identifiers(histogram_metric),
        Sli::Availability { probe_query } => query_identifiers(probe_query),
    }
}

fn query_identifiers(query: &str) -> Vec<String> {
    let mut kept = String::with_capacity(query.len());
    let mut literals = crate::export::promql::Literals::default();
    let mut depth = 0usize;
    for c in query.chars() {
        // A literal's text is no identifier: it only separates them.
        if literals.read(c) {
            kept.push(' ');
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                kept.push(' ');
            }
            '}' => {
                depth = depth.saturating_sub(1);
                kept.push(' ');
            }
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    let mut out: Vec<String> = kept
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .filter(|t| {
            t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        })
        .map(|t| t.to_ascii_lowercase())
        .collect();
    out.dedup();
    out
}

/// Lowercase words of free text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_average_token(t: &str) -> bool {
    t == "avg"
        || t == "avg_over_time"
        || t.ends_with("_avg")
        || t.ends_with("_mean")
        || t.contains("average")
}

/// "average", "avg", or "mean" used of latency, in a description.
fn average_in_words(words: &[String]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if matches!(w.as_str(), "average" | "averages" | "averaged" | "avg") {
            return Some(w.clone());
        }
        if w == "mean" {
            if let Some(next) = words.get(i + 1) {
                if matches!(
                    next.as_str(),
                    "latency" | "response" | "duration" | "request" | "requests" | "delay"
                ) {
                    return Some(format!("mean {next}"));
                }
            }
        }
    }
    None
}

fn is_resource_token(t: &str) -> bool {
    let base = t.trim_end_matches(|c: char| c.is_ascii_digit());
    t.contains("cpu")
        || t.contains("memory")
        || t.starts_with("mem_")
        || t.contains("_mem_")
        || t.ends_with("_mem")
        || t.contains("disk")
        || t.contains("swap")
        || t.starts_with("node_")
        || t.starts_with("container_fs")
        || base == "load"
        || base.ends_with("_load")
}

fn is_queue_size_token(t: &str) -> bool {
    (t.contains("queue")
        && ["length", "size", "depth", "_len", "messages", "backlog"]
            .iter()
            .any(|p| t.contains(p)))
        || t.ends_with("_lag")
}

fn is_internal_token(t: &str) -> bool {
    t == "up" || t.starts_with("process_") || t.starts_with("go_") || t.starts_with("scrape_")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::model::Sli;

    #[test]
    fn a_query_without_a_window_or_a_fixed_range_is_an_error_naming_the_query() {
        let mut p = shop();
        p.slos[0].sli = ratio_sli("sum(checkout_errors)");
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "query-not-windowable:checkout");
        assert_eq!(hit.level, crate::diag::Level::Error);
        assert!(
            hit.explanation
                .contains("the events query has no rate window to vary"),
            "{}",
            hit.explanation
        );
        // A fixed range, as published OpenSLO files write it, is windowed.
        p.slos[0].sli = ratio_sli("sum(rate(checkout_errors[5m]))");
        assert!(!slo_ids(&p, &LintContext::default())
            .iter()
            .any(|id| id.starts_with("query-not-windowable")));
    }

    #[test]
    fn averages_in_queries_or_description_are_flagged() {
        let mut p = shop();
        p.slos[0].sli = ratio_sli("avg_over_time(checkout_errors[{{.window}}])");
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["average-not-percentile:checkout"]
        );
        let mut p = shop();
        p.slos[0].description = "Mean latency of checkout stays under 200 ms".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "average-not-percentile:checkout")
            .explanation
            .contains("\"mean latency\""));
        p.slos[0].description = "What we mean by a successful checkout".into();
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn resource_metrics_as_slis_are_flagged() {
        for query in [
            "sum(rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))",
            "container_memory_working_set_bytes",
            "node_load1",
            "disk_used_percent",
        ] {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(query);
            assert_eq!(
                slo_ids(&p, &LintContext::default()),
                vec!["resource-metric:checkout"],
                "{query}"
            );
        }
    }

    #[test]
    fn label_values_and_ordinary_words_do_not_look_like_resources() {
        for query in [
            "sum(rate(http_requests_total{container=\"cpu-worker\",code=~\"5..\"}[{{.window}}]))",
            "sum(rate(upload_errors_total[5m]))",
            "sum(rate(payload_rejected_total[5m]))",
        ] {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(query);
            assert_eq!(
                slo_ids(&p, &LintContext::default()),
                Vec::<String>::new(),
                "{query}"
            );
        }
    }

    #[test]
    fn queue_size_instead_of_time_in_queue_is_flagged() {
        let mut p = shop();
        p.slos[0].sli = ratio_sli("max(max_over_time(rabbitmq_queue_messages_ready[{{.window}}]))");
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["queue-size:checkout"]
        );
    }

    #[test]
    fn the_up_metric_is_measured_far_from_the_user() {
        let mut p = shop();
        p.slos[0].sli = Sli::Availability {
            probe_query: "up{job=\"checkout\"}".into(),
        };
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["far-from-user:checkout"]
        );
        p.slos[0].sli = Sli::Availability {
            probe_query: "probe_success{job=\"blackbox\"}".into(),
        };
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }
}
