//! Lints linking SLOs to the critical user journeys: an SLO that names no
//! journey the project describes, and a journey with more SLOs than a team can
//! watch. Must not look at targets, SLIs or alerts.

use super::{name, same_name, Finding, LintRule};
use crate::diag::Level;
use crate::model::{Project, Slo};
use std::collections::BTreeMap;

/// More SLOs than this for one journey is more than a team can watch.
const MOST_SLOS_PER_JOURNEY: usize = 3;

/// The SLO should name a journey the project describes.
pub(super) fn journey_link(project: &Project, slo: &Slo, out: &mut Vec<Finding>) {
    let journey = slo.journey.trim();
    let why = if journey.is_empty() {
        format!("{} is not linked to a critical user journey.", name(slo))
    } else if !project.journeys.iter().any(|j| same_name(&j.name, journey)) {
        format!(
            "{} names the journey \"{journey}\", which this project does not describe.",
            name(slo)
        )
    } else {
        return;
    };
    out.push(Finding::about_slo(
        LintRule::NoJourney,
        slo,
        Level::Info,
        "Not linked to a user journey",
        format!(
            "{why} An SLO that serves no journey tends to measure what is easy rather than what users do. \
             Link it to the journey whose happiness it stands for."
        ),
    ));
}

/// More SLOs for one journey than a team can watch.
pub(super) fn journey_findings(project: &Project, out: &mut Vec<Finding>) {
    let mut per_journey: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for slo in &project.slos {
        let j = slo.journey.trim();
        if j.is_empty() {
            continue;
        }
        per_journey
            .entry(j.to_lowercase())
            .or_insert_with(|| (j.to_string(), 0))
            .1 += 1;
    }
    for (shown, count) in per_journey.into_values() {
        if count > MOST_SLOS_PER_JOURNEY {
            out.push(Finding::new(
                LintRule::TooManySlos.id(&[&crate::model::slug(&shown)]),
                None,
                Level::Warning,
                "Too many SLOs for one journey",
                format!(
                    "The journey \"{shown}\" has {count} SLOs. Each one needs a dashboard, alerts and a review; \
                     more than {MOST_SLOS_PER_JOURNEY} dilutes attention. Start with one or two that best reflect \
                     what users feel, and add more only when they miss something that matters."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;

    #[test]
    fn an_slo_without_a_known_journey_is_an_info() {
        let mut p = shop();
        p.slos[0].journey = String::new();
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(find(&f, "no-journey:checkout").level, Level::Info);
        p.slos[0].journey = "Browse".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "no-journey:checkout")
            .explanation
            .contains("\"Browse\""));
        p.slos[0].journey = " checkout ".into();
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn more_than_three_slos_for_one_journey_is_too_many() {
        let mut p = shop();
        p.slos = (1..=4)
            .map(|i| checkout(&format!("checkout-{i}")))
            .collect();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "too-many-slos:checkout");
        assert_eq!(hit.slo_id, None);
        assert!(hit.explanation.contains("4 SLOs"));
        p.slos.pop();
        assert!(!lint_project(&p, &LintContext::default())
            .iter()
            .any(|x| x.id.starts_with("too-many-slos")));
    }
}
