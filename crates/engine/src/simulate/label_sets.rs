//! Per-label-set replay of a grouped SLO (Pyrra's `grouping`): the
//! exported rules keep one SLO per label set (the queries sum by the
//! grouping labels, and the labels travel through every recording and
//! alert), so the replay runs the same simulation once per label set, each
//! with its own budget, burn rates and alerts.
//!
//! Owns the choice between replaying per set and as a whole, with the
//! sentence that says which and why, and the per-set figures. It does not
//! read data (`ingest` splits it into `LabelSet`s, at most
//! `limits::MAX_LABEL_SETS`) and adds no semantics: each set goes through
//! `simulate` unchanged.

use super::{simulate, simulate_summary, SimOptions, Simulation};
use crate::ingest::LabelSet;
use crate::model::{Severity, Slo};

/// How the data is replayed against the SLO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One replay of the whole (the sum of any label sets).
    Whole,
    /// One replay per label set of the data.
    PerSet,
}

/// Whether `sets` (read for some grouping) are replayed one by one against
/// `slo`, and the sentence to show when a grouped SLO is replayed as a
/// whole (or a grouping-free one over data with label sets).
pub fn scope(slo: &Slo, sets: &[LabelSet]) -> (Scope, Option<String>) {
    let by = |labels: &[String]| labels.join(", ");
    let read_by: Vec<String> = sets
        .first()
        .map(|s| s.labels.iter().map(|(k, _)| k.clone()).collect())
        .unwrap_or_default();
    match (slo.grouping.is_empty(), sets.is_empty()) {
        (true, true) => (Scope::Whole, None),
        (false, false) if read_by == slo.grouping => (Scope::PerSet, None),
        (false, true) => (
            Scope::Whole,
            Some(format!(
                "The SLO is kept per label set of ({}), but the data carries none of these labels: it is replayed as a \
                 whole, as one SLO over everything.",
                by(&slo.grouping)
            )),
        ),
        (false, false) => (
            Scope::Whole,
            Some(format!(
                "The data was read per ({}) and the SLO is kept per ({}): it is replayed as a whole; read the data \
                 again for this SLO to replay each label set.",
                by(&read_by),
                by(&slo.grouping)
            )),
        ),
        (true, false) => (
            Scope::Whole,
            Some(format!(
                "The SLO has no grouping: the data's {} label sets by ({}) are replayed as their sum.",
                sets.len(),
                by(&read_by)
            )),
        ),
    }
}

/// What the page says above its table of label sets.
pub fn per_set_sentence(grouping: &[String], sets: usize, shown: &str) -> String {
    format!(
        "The SLO is kept per label set of ({}): the exported rules record, budget and alert each of the {sets} \
         label sets in the data on its own, so each is replayed on its own. The figures and charts below are \
         those of {shown}.",
        grouping.join(", ")
    )
}

/// One label set's replay.
#[derive(Debug, Clone, PartialEq)]
pub struct SetReplay {
    pub labels: Vec<(String, String)>,
    pub sim: Simulation,
}

impl SetReplay {
    /// The set as a PromQL selector, `{route="/pay"}`.
    pub fn selector(&self) -> String {
        crate::ingest::selector(&self.labels)
    }

    /// Burn-rate alert firings of this severity.
    pub fn fired(&self, severity: Severity) -> usize {
        self.sim
            .alerts
            .iter()
            .filter(|a| a.severity == severity)
            .count()
    }
}

/// Replays every set against the SLO, in the sets' order. `charts`: keep
/// the per-row series charts read (`simulate`), or only the summary
/// (`simulate_summary`).
pub fn replay_sets(
    sets: &[LabelSet],
    slo: &Slo,
    opts: &SimOptions,
    charts: bool,
) -> Vec<SetReplay> {
    sets.iter()
        .map(|set| SetReplay {
            labels: set.labels.clone(),
            sim: if charts {
                simulate(&set.series, slo, opts)
            } else {
                simulate_summary(&set.series, slo, opts)
            },
        })
        .collect()
}
