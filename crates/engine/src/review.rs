//! The iteration review: the questions a team asks of an SLO once it lives
//! with it (from the SLO lifecycle notes), and the figures from a replay
//! that answer each one.
//!
//! Question ids are the keys of `Project.review_notes`, so the page that
//! takes the notes and the exports that print them agree on them. Pure
//! functions over a replay `Report`; nothing here knows the browser.

use crate::format::{duration, factor, ratio, share, when};
use crate::model::{Severity, Slo};
use crate::worker::{DataSummary, Report};

/// Question ids are the keys of `Project.review_notes`.
pub const QUESTIONS: [(&str, &str); 6] = [
    (
        "customer-happiness",
        "Do the SLOs still reflect customer happiness (feedback, telemetry)?",
    ),
    (
        "sli-still-right",
        "Are the SLIs still right, or are there newer or cheaper ones?",
    ),
    ("still-needed", "Is each SLO still needed?"),
    ("met", "Are they met, and if not, why and who fixes it?"),
    (
        "threats",
        "What usually threatens the budget, and how can it be mitigated?",
    ),
    (
        "burn-rate",
        "What is the burn rate, and will corrective action be needed at this rate?",
    ),
];

/// The figures that answer one question.
pub fn figures_for(
    id: &str,
    r: &Report,
    slo: &Slo,
    data: &DataSummary,
    slo_count: usize,
) -> String {
    let pages = r
        .alerts
        .iter()
        .filter(|a| a.severity == Severity::Page)
        .count();
    let tickets = r.alerts.len() - pages;
    let span = (r.x_range.1 - r.x_range.0).max(1);
    match id {
        "customer-happiness" => format!(
            "SLI {} against {}%; {} incident{} spent more than the policy's share of the budget. Compare with support tickets and user feedback of the same period.",
            ratio(r.sli),
            slo.target,
            r.incidents.len(),
            if r.incidents.len() == 1 { "" } else { "s" }
        ),
        "sli-still-right" => format!(
            "The data measures {} ({}), {} rows with {} warning{}.",
            data.kind,
            data.columns.join(", "),
            data.rows,
            data.diagnostics.len(),
            if data.diagnostics.len() == 1 { "" } else { "s" }
        ),
        "still-needed" => format!(
            "The project has {slo_count} SLO draft{}; this one would have paged {pages} time{} and ticketed {tickets} time{} in {}.",
            if slo_count == 1 { "" } else { "s" },
            if pages == 1 { "" } else { "s" },
            if tickets == 1 { "" } else { "s" },
            duration(span)
        ),
        "met" => {
            let v = crate::summary::verdict(r, slo.target);
            format!(
                "{}: SLI {}, budget {} at the end, exhausted {}.",
                v.word(),
                ratio(r.sli),
                share(r.budget_remaining),
                match r.exhausted.len() {
                    0 => "never".to_string(),
                    1 => "once".to_string(),
                    n => format!("{n} times"),
                }
            )
        }
        "threats" => match r.incidents.iter().max_by(|a, b| a.budget_spent.total_cmp(&b.budget_spent)) {
            Some(i) => format!(
                "The largest incident, {} to {}, spent {} of the budget. Remediation examples: escalate an upstream dependency, roll back a defect, plan capacity.",
                when(i.start),
                when(i.end),
                share(i.budget_spent)
            ),
            None => "No single incident spent more than the policy's share; the budget went to background errors.".into(),
        },
        "burn-rate" => {
            let budget = slo.target.error_budget();
            let burn = if budget > 0.0 { (1.0 - r.sli) / budget } else { f64::NAN };
            let window = slo.window.nominal().seconds() as f64;
            let exhaust = if burn > 0.0 { duration((window / burn) as i64) } else { "never".into() };
            format!(
                "Average burn rate {} over the data: at this rate a full budget lasts {exhaust} (the window is {}).{}",
                factor(burn),
                slo.window.nominal(),
                if burn > 1.0 { " Corrective action is needed." } else { "" }
            )
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use crate::worker::{report, Request};

    fn replay(id: &str) -> (Report, Slo, DataSummary) {
        let csv = samples::sample_csv(id).unwrap();
        let data = crate::ingest::parse(&csv, &Default::default()).unwrap();
        let slo = Slo::default();
        let req = Request {
            slo: slo.clone(),
            columns: 700,
            policy_share: 0.2,
            recalibrate_share: 0.9,
            sweep_targets: vec![],
            tiers: Vec::new(),
            label_set: None,
        };
        (report(&data.series, &req), slo, DataSummary::of(&data))
    }

    #[test]
    fn question_ids_are_unique_note_keys() {
        let mut ids: Vec<&str> = QUESTIONS.iter().map(|q| q.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), QUESTIONS.len());
    }

    #[test]
    fn every_question_gets_figures_from_the_replay() {
        let (r, slo, data) = replay("outage");
        for (id, _) in QUESTIONS {
            assert!(!figures_for(id, &r, &slo, &data, 1).is_empty(), "{id}");
        }
        assert!(figures_for("met", &r, &slo, &data, 1).starts_with("Not met"));
        assert!(figures_for("threats", &r, &slo, &data, 1).contains("largest incident"));
        let burn = figures_for("burn-rate", &r, &slo, &data, 1);
        assert!(burn.contains("Corrective action is needed"), "{burn}");
    }

    #[test]
    fn steady_traffic_meets_its_slo_and_burns_slowly() {
        let (r, slo, data) = replay("steady");
        assert!(figures_for("met", &r, &slo, &data, 1).starts_with("Met"));
        // About 0.02% bad against a 0.1% budget: a burn rate near 0.2x.
        let burn = figures_for("burn-rate", &r, &slo, &data, 1);
        assert!(burn.starts_with("Average burn rate 0.2x"), "{burn}");
        assert!(!burn.contains("Corrective"));
    }
}
