//! The SLI menu: candidate indicators by kind of service, each with its
//! specification (what is measured, in words) and an example implementation
//! (PromQL a team can adapt).
//!
//! Pure data. An entry turns into a `model::Sli` for a new draft SLO; the
//! queries use Sloth's `{{.window}}` placeholder so the drafts export as they
//! are. This module must not know about exports or the browser.

use crate::model::{EventKind, ServiceKind, Sli};

/// The kinds of SLI the menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliCategory {
    Availability,
    Latency,
    Quality,
    Freshness,
    Correctness,
    Coverage,
    Durability,
    Throughput,
    Completion,
}

impl SliCategory {
    pub fn name(self) -> &'static str {
        match self {
            SliCategory::Availability => "Availability",
            SliCategory::Latency => "Latency",
            SliCategory::Quality => "Quality",
            SliCategory::Freshness => "Freshness",
            SliCategory::Correctness => "Correctness",
            SliCategory::Coverage => "Coverage",
            SliCategory::Durability => "Durability",
            SliCategory::Throughput => "Throughput",
            SliCategory::Completion => "Completion",
        }
    }
}

/// How the example implementation is expressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Implementation {
    /// Events over total; `counts` says whether `events` counts good or bad ones.
    Ratio {
        counts: EventKind,
        events: &'static str,
        total: &'static str,
    },
    /// Requests faster than a threshold, from a Prometheus histogram.
    Latency {
        threshold_seconds: f64,
        histogram_metric: &'static str,
        selector: &'static str,
    },
    /// Asynchronous work completed within a time, measured either way:
    /// from a histogram of how long jobs took from request to completion
    /// (the SLI a draft gets, a latency SLI over that histogram), or from a
    /// pair of counters, jobs completed in time over jobs requested.
    Completion {
        threshold_seconds: f64,
        histogram_metric: &'static str,
        selector: &'static str,
        completed_in_time: &'static str,
        requested: &'static str,
    },
}

/// One item of the SLI menu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Stable id (`request-availability`), also the default SLO id.
    pub id: &'static str,
    pub service_kind: ServiceKind,
    pub category: SliCategory,
    /// The SLI specification: what counts as good, in words.
    pub specification: &'static str,
    pub implementation: Implementation,
    /// A typical starting target (percent) and why.
    pub suggested_target: f64,
}

impl Entry {
    /// The model SLI for a draft built from this entry.
    pub fn to_sli(&self) -> Sli {
        match self.implementation {
            Implementation::Ratio {
                counts,
                events,
                total,
            } => Sli::Ratio {
                counts,
                events_query: events.to_string(),
                total_query: total.to_string(),
            },
            Implementation::Latency {
                threshold_seconds,
                histogram_metric,
                selector,
            }
            | Implementation::Completion {
                threshold_seconds,
                histogram_metric,
                selector,
                ..
            } => Sli::Latency {
                threshold_seconds,
                histogram_metric: histogram_metric.to_string(),
                selector: selector.to_string(),
            },
        }
    }

    /// The implementation as PromQL text to show: the SLI as a ratio of good to all.
    pub fn promql(&self) -> String {
        match self.implementation {
            Implementation::Ratio {
                counts: EventKind::Good,
                events,
                total,
            } => format!("{events}\n/\n{total}"),
            Implementation::Ratio {
                counts: EventKind::Bad,
                events,
                total,
            } => {
                format!("1 - (\n  {events}\n  /\n  {total}\n)")
            }
            Implementation::Latency {
                threshold_seconds,
                histogram_metric,
                selector,
            } => histogram_ratio(threshold_seconds, histogram_metric, selector),
            Implementation::Completion {
                threshold_seconds,
                histogram_metric,
                selector,
                completed_in_time,
                requested,
            } => format!(
                "# From a histogram of the time from request to completion:\n{}\n\n# Or from a pair of counters:\n{completed_in_time}\n/\n{requested}",
                histogram_ratio(threshold_seconds, histogram_metric, selector)
            ),
        }
    }
}

/// Good over all from a histogram: the `le` bucket at the threshold over the count.
fn histogram_ratio(threshold_seconds: f64, histogram_metric: &str, selector: &str) -> String {
    let le = format_le(threshold_seconds);
    let sep = if selector.is_empty() { "" } else { "," };
    format!(
        "sum(rate({histogram_metric}_bucket{{{selector}{sep}le=\"{le}\"}}[{{{{.window}}}}]))\n/\nsum(rate({histogram_metric}_count{{{selector}}}[{{{{.window}}}}]))"
    )
}

/// Histogram bucket bound as Prometheus writes it: 0.3, 1, 2.5.
fn format_le(seconds: f64) -> String {
    crate::model::format_percent(seconds)
}

/// The whole menu.
pub const ENTRIES: &[Entry] = &[
    Entry {
        id: "request-availability",
        service_kind: ServiceKind::RequestDriven,
        category: SliCategory::Availability,
        specification: "The share of valid requests served without a server error (HTTP 5xx), measured at the load balancer closest to the user.",
        implementation: Implementation::Ratio {
            counts: EventKind::Bad,
            events: "sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[{{.window}}]))",
            total: "sum(rate(http_requests_total{job=\"api\"}[{{.window}}]))",
        },
        suggested_target: 99.9,
    },
    Entry {
        id: "request-latency",
        service_kind: ServiceKind::RequestDriven,
        category: SliCategory::Latency,
        specification: "The share of valid requests answered in under 300 ms, measured at the server from its request duration histogram.",
        implementation: Implementation::Latency {
            threshold_seconds: 0.3,
            histogram_metric: "http_request_duration_seconds",
            selector: "job=\"api\"",
        },
        suggested_target: 99.0,
    },
    Entry {
        id: "request-quality",
        service_kind: ServiceKind::RequestDriven,
        category: SliCategory::Quality,
        specification: "The share of responses served in full, not degraded (no fallback content, no partial results because a backend was unavailable).",
        implementation: Implementation::Ratio {
            counts: EventKind::Bad,
            events: "sum(rate(http_responses_degraded_total{job=\"api\"}[{{.window}}]))",
            total: "sum(rate(http_requests_total{job=\"api\"}[{{.window}}]))",
        },
        suggested_target: 99.0,
    },
    Entry {
        id: "pipeline-freshness",
        service_kind: ServiceKind::Pipeline,
        category: SliCategory::Freshness,
        specification: "The share of reads served with data updated less than 1 hour ago, counted by the readers.",
        implementation: Implementation::Ratio {
            counts: EventKind::Good,
            events: "sum(rate(pipeline_reads_fresh_total{max_age=\"1h\"}[{{.window}}]))",
            total: "sum(rate(pipeline_reads_total[{{.window}}]))",
        },
        suggested_target: 99.0,
    },
    Entry {
        id: "pipeline-correctness",
        service_kind: ServiceKind::Pipeline,
        category: SliCategory::Correctness,
        specification: "The share of records a validator (comparing known inputs with expected outputs) finds correct.",
        implementation: Implementation::Ratio {
            counts: EventKind::Bad,
            events: "sum(rate(pipeline_validation_failures_total[{{.window}}]))",
            total: "sum(rate(pipeline_validation_checks_total[{{.window}}]))",
        },
        suggested_target: 99.99,
    },
    Entry {
        id: "pipeline-coverage",
        service_kind: ServiceKind::Pipeline,
        category: SliCategory::Coverage,
        specification: "The share of input records processed successfully within the run they arrived for.",
        implementation: Implementation::Ratio {
            counts: EventKind::Good,
            events: "sum(rate(pipeline_records_processed_total[{{.window}}]))",
            total: "sum(rate(pipeline_records_received_total[{{.window}}]))",
        },
        suggested_target: 99.5,
    },
    Entry {
        id: "async-completion",
        service_kind: ServiceKind::Pipeline,
        category: SliCategory::Completion,
        specification: "The share of asynchronous jobs completed within 2 minutes of being requested (a welcome email sent in under 2 minutes after sign-up), counted from the request, so jobs still queued count against it once late.",
        implementation: Implementation::Completion {
            threshold_seconds: 120.0,
            histogram_metric: "job_completion_duration_seconds",
            selector: "job=\"welcome-email\"",
            completed_in_time: "sum(rate(jobs_completed_within_slo_total{job=\"welcome-email\"}[{{.window}}]))",
            requested: "sum(rate(jobs_requested_total{job=\"welcome-email\"}[{{.window}}]))",
        },
        suggested_target: 99.0,
    },
    Entry {
        id: "storage-durability",
        service_kind: ServiceKind::Storage,
        category: SliCategory::Durability,
        specification: "The share of objects a background reader finds intact (checksum matches) when it reads back a sample of written data.",
        implementation: Implementation::Ratio {
            counts: EventKind::Bad,
            events: "sum(rate(storage_readback_corrupt_total[{{.window}}]))",
            total: "sum(rate(storage_readback_checked_total[{{.window}}]))",
        },
        suggested_target: 99.999,
    },
    Entry {
        id: "storage-throughput",
        service_kind: ServiceKind::Storage,
        category: SliCategory::Throughput,
        specification: "The share of minutes in which write throughput stayed above the agreed floor (50 MB/s) while there was work queued.",
        implementation: Implementation::Ratio {
            counts: EventKind::Good,
            events: "sum(count_over_time((sum(rate(storage_written_bytes_total[1m])) > 50e6)[{{.window}}:1m]))",
            total: "sum(count_over_time((sum(storage_write_queue_length) > 0)[{{.window}}:1m]))",
        },
        suggested_target: 99.0,
    },
];

/// The menu for one kind of service, in menu order.
pub fn menu(kind: ServiceKind) -> Vec<&'static Entry> {
    ENTRIES.iter().filter(|e| e.service_kind == kind).collect()
}

/// An entry by id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

/// Human name of a kind of service.
pub fn service_kind_name(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::RequestDriven => "Request-driven (API, web site)",
        ServiceKind::Pipeline => "Pipeline (batch or streaming data processing)",
        ServiceKind::Storage => "Storage (files, objects, databases)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{slug, Target};

    fn categories(kind: ServiceKind) -> Vec<SliCategory> {
        menu(kind).iter().map(|e| e.category).collect()
    }

    #[test]
    fn request_driven_services_get_availability_latency_and_quality() {
        assert_eq!(
            categories(ServiceKind::RequestDriven),
            vec![
                SliCategory::Availability,
                SliCategory::Latency,
                SliCategory::Quality
            ]
        );
    }

    #[test]
    fn pipelines_get_freshness_correctness_and_coverage() {
        assert_eq!(
            categories(ServiceKind::Pipeline),
            vec![
                SliCategory::Freshness,
                SliCategory::Correctness,
                SliCategory::Coverage,
                SliCategory::Completion
            ]
        );
    }

    #[test]
    fn storage_gets_durability_and_throughput() {
        assert_eq!(
            categories(ServiceKind::Storage),
            vec![SliCategory::Durability, SliCategory::Throughput]
        );
    }

    #[test]
    fn ratio_queries_follow_sloth_rules() {
        // Sloth requires {{.window}} in both queries and the two to differ.
        for e in ENTRIES {
            if let Implementation::Ratio { events, total, .. } = e.implementation {
                assert!(
                    events.contains("{{.window}}"),
                    "{} events query lacks {{{{.window}}}}",
                    e.id
                );
                assert!(
                    total.contains("{{.window}}"),
                    "{} total query lacks {{{{.window}}}}",
                    e.id
                );
                assert_ne!(events, total, "{}", e.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_slugs_and_targets_valid() {
        let mut ids: Vec<_> = ENTRIES.iter().map(|e| e.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ENTRIES.len());
        for e in ENTRIES {
            assert_eq!(slug(e.id), e.id);
            assert!(Target::from_number(e.suggested_target).is_ok(), "{}", e.id);
            assert!(e.specification.ends_with('.'));
        }
    }

    #[test]
    fn latency_entry_becomes_a_latency_sli_and_a_bucket_query() {
        let e = entry("request-latency").unwrap();
        match e.to_sli() {
            Sli::Latency {
                threshold_seconds,
                ref histogram_metric,
                ..
            } => {
                assert_eq!(threshold_seconds, 0.3);
                assert_eq!(histogram_metric, "http_request_duration_seconds");
            }
            other => panic!("expected a latency SLI, got {other:?}"),
        }
        let q = e.promql();
        assert!(
            q.contains("http_request_duration_seconds_bucket{job=\"api\",le=\"0.3\"}[{{.window}}]"),
            "{q}"
        );
        assert!(
            q.contains("http_request_duration_seconds_count{job=\"api\"}[{{.window}}]"),
            "{q}"
        );
    }

    #[test]
    fn bad_event_ratio_is_shown_as_one_minus_the_error_ratio() {
        let q = entry("request-availability").unwrap().promql();
        assert!(q.starts_with("1 - ("), "{q}");
        let q = entry("pipeline-coverage").unwrap().promql();
        assert!(
            q.starts_with("sum(rate(pipeline_records_processed_total"),
            "{q}"
        );
    }

    #[test]
    fn async_completion_is_a_latency_sli_over_a_completion_histogram_at_two_minutes() {
        let e = entry("async-completion").unwrap();
        assert_eq!(
            e.to_sli(),
            Sli::Latency {
                threshold_seconds: 120.0,
                histogram_metric: "job_completion_duration_seconds".into(),
                selector: "job=\"welcome-email\"".into(),
            }
        );
        assert!(e
            .specification
            .contains("welcome email sent in under 2 minutes"));
    }

    #[test]
    fn async_completion_shows_the_histogram_query_and_the_counter_pair() {
        let q = entry("async-completion").unwrap().promql();
        assert_eq!(
            q,
            "# From a histogram of the time from request to completion:\n\
             sum(rate(job_completion_duration_seconds_bucket{job=\"welcome-email\",le=\"120\"}[{{.window}}]))\n/\n\
             sum(rate(job_completion_duration_seconds_count{job=\"welcome-email\"}[{{.window}}]))\n\n\
             # Or from a pair of counters:\n\
             sum(rate(jobs_completed_within_slo_total{job=\"welcome-email\"}[{{.window}}]))\n/\n\
             sum(rate(jobs_requested_total{job=\"welcome-email\"}[{{.window}}]))"
        );
    }

    #[test]
    fn unknown_entry_is_none() {
        assert!(entry("cpu-usage").is_none());
    }
}
