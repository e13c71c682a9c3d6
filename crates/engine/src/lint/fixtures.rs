//! Test fixtures shared by the lint modules: a healthy shop project and
//! helpers to lint it and pick findings out.

pub(super) use super::{lint_project, Finding, LintContext, SloFacts};
use crate::model::{Dependency, EventKind, Journey, Service, RACI_PERSONAS};
pub(super) use crate::model::{Person, Project, Sli, Slo};

/// A project with nothing to complain about in its one SLO: a shop whose
/// checkout journey has an availability SLO of 99.9% over 30 days.
pub(super) fn shop() -> Project {
    Project {
        services: vec![Service {
            name: "Shop".into(),
            dependencies: vec![Dependency {
                name: "payments".into(),
                availability: 0.9999,
                ..Dependency::default()
            }],
            ..Service::default()
        }],
        journeys: vec![Journey {
            name: "Checkout".into(),
            service: "Shop".into(),
            description: String::new(),
        }],
        slos: vec![checkout("checkout")],
        people: (0..RACI_PERSONAS.len())
            .map(|p| Person {
                name: format!("person {p}"),
                persona: p,
            })
            .collect(),
        ..Project::default()
    }
}

pub(super) fn checkout(id: &str) -> Slo {
    Slo {
        id: id.into(),
        name: id.into(),
        service: "Shop".into(),
        journey: "Checkout".into(),
        description: "Share of checkout requests that succeed".into(),
        ..Slo::default()
    }
}

pub(super) fn ratio_sli(events: &str) -> Sli {
    Sli::Ratio {
        counts: EventKind::Bad,
        events_query: events.into(),
        total_query: "sum(rate(http_requests_total[{{.window}}]))".into(),
    }
}

pub(super) fn slo_ids(p: &Project, ctx: &LintContext) -> Vec<String> {
    lint_project(p, ctx)
        .into_iter()
        .filter(|f| f.slo_id.is_some())
        .map(|f| f.id)
        .collect()
}

pub(super) fn with_traffic(slo: &str, per_hour: f64) -> LintContext {
    let mut ctx = LintContext::default();
    ctx.slos.insert(
        slo.into(),
        SloFacts {
            expected_events_per_hour: Some(per_hour),
            history_sli: None,
        },
    );
    ctx
}

pub(super) fn find<'a>(findings: &'a [Finding], id: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {findings:?}"))
}
