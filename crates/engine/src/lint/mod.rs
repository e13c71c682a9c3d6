//! The pitfall linter: what a team should reconsider in its project, in plain words.
//!
//! Owns the well-known SLO pitfalls of `lifecycle.md` as checks over a
//! `model::Project`: 100% or near-100% targets, more nines than the
//! dependencies allow, averages instead of percentiles, too many SLOs for one
//! journey, resource metrics and queue sizes as SLIs, measuring far from the
//! user, windows too short to hold a budget (in events or time slices), no
//! one accountable in the RACI chart, low traffic making alerts noisy,
//! committed targets the history does not support, aspirational SLOs that
//! enforce, placeholder names and missing services, and the alert lints of
//! `alerting`. Each finding has a stable id so the team can acknowledge it
//! (`Project.acknowledged`, keyed by id).
//!
//! It runs on every keystroke, so every check is a linear scan of short text;
//! facts the model does not hold (traffic, history) come in through
//! [`LintContext`]. It must not change the project, replay data or know the UI.
//!
//! `mod.rs` holds the entry (`lint_project`), the finding type and the
//! context; each subject has its module, with its tests beside it.

mod alerts;
mod commitment;
mod dependencies;
#[cfg(test)]
mod fixtures;
mod identity;
mod journeys;
mod raci;
mod roadmap;
mod rule;
mod sli;
mod targets;
mod traffic;

pub use raci::{raci_findings, raci_staffing_findings};
pub use rule::{FindingId, LintRule};

use crate::diag::Level;
use crate::model::{Project, Slo};
use serde::Serialize;
use std::collections::BTreeMap;

/// Facts about SLOs that the model does not hold, keyed by SLO id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LintContext {
    pub slos: BTreeMap<String, SloFacts>,
}

/// What is known about one SLO from outside the model.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SloFacts {
    /// Events the SLI expects per hour, as the team estimates or the data shows.
    pub expected_events_per_hour: Option<f64>,
    /// SLI the history achieved over its window, as a ratio (0.9987), computed
    /// by a simulation elsewhere.
    pub history_sli: Option<f64>,
}

/// One thing worth reconsidering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable identifier written by [`LintRule::id`], `"<rule>:<subject>"`
    /// (e.g. `"target-too-high:checkout"`), the key of `Project.acknowledged`;
    /// [`FindingId::parse`] reads it back.
    pub id: String,
    /// The SLO concerned, when there is one.
    pub slo_id: Option<String>,
    pub level: Level,
    /// One line: what the pitfall is.
    pub title: String,
    /// Why it matters and what to do, with the numbers of this project.
    pub explanation: String,
    /// The team acknowledged it (its id is in `Project.acknowledged`).
    pub acknowledged: bool,
}

impl Finding {
    /// A finding about one SLO, with the SLO's id as its subject.
    fn about_slo(
        rule: LintRule,
        slo: &Slo,
        level: Level,
        title: impl Into<String>,
        explanation: String,
    ) -> Self {
        Finding::new(
            rule.id(&[&slo.id]),
            Some(&slo.id),
            level,
            title,
            explanation,
        )
    }

    fn new(
        id: String,
        slo_id: Option<&str>,
        level: Level,
        title: impl Into<String>,
        explanation: String,
    ) -> Self {
        Finding {
            id,
            slo_id: slo_id.map(str::to_string),
            level,
            title: title.into(),
            explanation,
            acknowledged: false,
        }
    }
}

/// Lints a whole project: every SLO in order, then journeys, services and the
/// RACI chart. Each id appears at most once; `acknowledged` is set from
/// `project.acknowledged`.
pub fn lint_project(project: &Project, ctx: &LintContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for slo in &project.slos {
        let count = seen_ids.entry(slo.id.as_str()).or_insert(0);
        *count += 1;
        if *count == 2 {
            out.push(Finding::about_slo(
                LintRule::DuplicateSloId,
                slo,
                Level::Error,
                "Two SLOs share one id",
                format!(
                    "More than one SLO has the id \"{}\". Exports, rule names and acknowledgements are keyed by it; \
                     give each SLO its own id.",
                    slo.id
                ),
            ));
        }
        let facts = ctx.slos.get(&slo.id).copied().unwrap_or_default();
        slo_findings(project, slo, &facts, &mut out);
    }
    journeys::journey_findings(project, &mut out);
    dependencies::dependency_findings(project, &mut out);
    dependencies::internal_findings(project, &mut out);
    out.extend(raci_findings(&project.raci));
    out.extend(raci_staffing_findings(&project.raci, &project.people));
    roadmap::roadmap_findings(project, &mut out);
    // Ids key acknowledgements and UI lists, so each appears once: SLOs that
    // share an id (already an error above) or names that share a slug keep
    // their first finding.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert(f.id.clone()));
    for f in &mut out {
        f.acknowledged = project.acknowledged.contains_key(&f.id);
    }
    out
}

/// Every finding about one SLO, in the order the page lists them.
fn slo_findings(project: &Project, slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let valid_target = targets::valid_target(slo);
    targets::target(slo, out);
    if valid_target {
        dependencies::dependency_ceiling(project, slo, out);
    }
    sli::text_findings(slo, out);
    identity::placeholder_name(slo, out);
    identity::service_link(project, slo, out);
    journeys::journey_link(project, slo, out);
    targets::window_length(slo, out);
    targets::time_zone(slo, out);
    if valid_target {
        targets::slice_budget(slo, out);
        traffic::traffic_findings(slo, facts, out);
        commitment::history_findings(slo, facts, out);
        alerts::alert_findings(slo, facts, out);
    }
    commitment::aspirational_enforcing(slo, out);
}

/// How findings name an SLO: `SLO "checkout"`, by its name or, when unnamed, its id.
fn name(slo: &Slo) -> String {
    let n = slo.name.trim();
    format!("SLO \"{}\"", if n.is_empty() { slo.id.as_str() } else { n })
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use crate::model::{Span, Target, Window};

    #[test]
    fn a_healthy_slo_draws_no_findings() {
        assert_eq!(
            slo_ids(&shop(), &with_traffic("checkout", 10_000.0)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn two_slos_with_one_id_are_an_error_reported_once() {
        let mut p = shop();
        p.slos = vec![checkout("same"), checkout("same"), checkout("same")];
        p.slos[1].journey = String::new();
        p.slos[2].journey = String::new();
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(
            f.iter().filter(|x| x.id == "duplicate-slo-id:same").count(),
            1
        );
        // Both unlinked copies would say "no-journey:same"; the list keeps one.
        assert_eq!(f.iter().filter(|x| x.id == "no-journey:same").count(), 1);
    }

    #[test]
    fn acknowledged_findings_are_marked_from_the_project() {
        let mut p = shop();
        p.acknowledged.insert(
            "raci-many-a:existence-of-slo".into(),
            "we co-own it on purpose".into(),
        );
        p.slos[0].window = Window::Rolling {
            span: Span::days(1),
        };
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "raci-many-a:existence-of-slo").acknowledged);
        assert!(!find(&f, "window-too-short:checkout").acknowledged);
    }

    proptest::proptest! {
        #[test]
        fn any_text_lints_without_panic_and_with_unique_ids(
            events in "\\PC{0,60}", desc in "\\PC{0,60}", name in "\\PC{0,20}", journey in "\\PC{0,10}",
            target in proptest::num::f64::ANY, per_hour in proptest::option::of(proptest::num::f64::ANY),
        ) {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(&events);
            p.slos[0].description = desc;
            p.slos[0].name = name.clone();
            p.slos[0].journey = journey;
            p.slos[0].target = Target(target);
            p.services[0].name = name;
            let mut ctx = LintContext::default();
            ctx.slos.insert("checkout".into(), SloFacts { expected_events_per_hour: per_hour, history_sli: Some(target) });
            let f = lint_project(&p, &ctx);
            let mut ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            proptest::prop_assert_eq!(ids.len(), n);
            proptest::prop_assert!(f.iter().all(|x| !x.title.is_empty() && !x.explanation.is_empty()));
        }
    }
}
