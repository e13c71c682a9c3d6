//! Three embedded example projects a team can load to see a finished draft:
//! a public web API, a data pipeline and an internal-only service.
//!
//! Built in Rust as `model::Project` values (no parsing at load time), and
//! checked by tests to be internally consistent. This module must not hold
//! any rule about what a good SLO is; that is `lint`'s job.

use crate::catalog;
use crate::model::{
    AlertConfig, AlertPreset, BudgetingMethod, CalendarUnit, Commitment, Dependency, Enforcement,
    ErrorBudgetPolicy, Journey, Person, Progress, Project, Raci, Service, ServiceKind, Slo, Span,
    Target, Window,
};

/// An example the Start page offers.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub build: fn() -> Project,
}

/// Every example, in the order the Start page lists them.
pub const EXAMPLES: [Example; 3] = [
    Example {
        id: "web-api",
        title: "Public web API",
        summary: "A shop's checkout API: availability and latency SLOs on the checkout journey, one aspirational.",
        build: web_api,
    },
    Example {
        id: "data-pipeline",
        title: "Data pipeline",
        summary: "A nightly billing pipeline: freshness and correctness SLOs, a calendar-month window.",
        build: data_pipeline,
    },
    Example {
        id: "internal-service",
        title: "Internal-only service",
        summary: "A feature-flag service other teams call: its customers are engineers, with a permissive SLO to practise on.",
        build: internal_service,
    },
];

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

fn slo_from(
    entry_id: &str,
    id: &str,
    name: &str,
    service: &str,
    journey: &str,
    target: f64,
) -> Slo {
    // Entries are compile-time data checked by tests; a missing one would be a bug in this file.
    let sli = catalog::entry(entry_id)
        .map(|e| e.to_sli())
        .unwrap_or_default();
    Slo {
        id: id.into(),
        name: name.into(),
        service: service.into(),
        journey: journey.into(),
        sli,
        target: Target(target),
        ..Slo::default()
    }
}

fn policy(purpose: &str) -> ErrorBudgetPolicy {
    ErrorBudgetPolicy {
        purpose: purpose.into(),
        slo_miss: "While budget is left, releases go on as planned. If risky work is planned with little budget left, assess it first. When any SLO's budget is spent, reliability work comes first in the next plans and each risky release is weighed with the accountable person until the SLO is back within target; budget spent by miscategorised errors does not count.".into(),
        outage: "A single incident that spends more than 20% of the budget gets a blameless postmortem with at least one P0 action item.".into(),
        escalation: "Declare the miss in the team channel, name an owner, find the root cause and impact, inform stakeholders; product prioritises the fix, engineering owns it and reports status until resolution is announced.".into(),
        exclusions: "Planned maintenance announced 7 days ahead, and errors caused by clients (HTTP 4xx), are excluded.".into(),
        review_cadence: "Weekly look at the budget in team planning; monthly review of trends and of targets that are too tight or too loose.".into(),
        single_incident_share: 0.2,
        ..ErrorBudgetPolicy::default()
    }
}

fn people(names: &[(&str, usize)]) -> Vec<Person> {
    names
        .iter()
        .map(|(n, p)| Person {
            name: (*n).into(),
            persona: *p,
        })
        .collect()
}

/// A public checkout API of an online shop.
pub fn web_api() -> Project {
    let service = "checkout-api";
    let journey = "Check out a basket";
    let mut latency = slo_from(
        "request-latency",
        "checkout-latency",
        "Checkout latency",
        service,
        journey,
        0.99,
    );
    latency.description = "Checkout answers quickly enough that shoppers do not give up.".into();
    latency.revisit = "2027-03-01".into();
    let mut availability = slo_from(
        "request-availability",
        "checkout-availability",
        "Checkout availability",
        service,
        journey,
        0.999,
    );
    availability.description = "Shoppers can complete a purchase.".into();
    availability.enforcement = Enforcement::Enforcing;
    availability.alerting.runbook_url = "https://runbooks.example.com/checkout-availability".into();
    availability.revisit = "2027-01-15".into();
    let mut aspirational = slo_from(
        "request-availability",
        "browse-availability",
        "Catalogue browsing availability",
        service,
        "Browse the catalogue",
        0.9995,
    );
    aspirational.commitment = Commitment::Aspirational;
    aspirational.description = "Where we want browsing to be once the cache rework lands.".into();
    let mut progress = std::collections::BTreeMap::new();
    progress.insert("checkout-availability".to_string(), Progress::Agreed);
    progress.insert("checkout-latency".to_string(), Progress::Drafted);
    progress.insert("browse-availability".to_string(), Progress::Drafted);
    Project {
        name: "Shop checkout API".into(),
        description: "SLOs for the public checkout API of the web shop.".into(),
        services: vec![Service {
            name: service.into(),
            owner: "Payments team".into(),
            description: "Takes a basket and a payment method and places the order.".into(),
            users: "Shoppers on the web site and the mobile app, through the public API.".into(),
            internal_only: false,
            kind: ServiceKind::RequestDriven,
            dependencies: vec![
                Dependency { name: "payment provider".into(), availability: 0.9995, ..Dependency::default() },
                Dependency { name: "orders database".into(), availability: 0.9999, ..Dependency::default() },
            ],
        }],
        journeys: vec![
            Journey {
                name: journey.into(),
                service: service.into(),
                description: "From the basket page to the order confirmation.".into(),
            },
            Journey {
                name: "Browse the catalogue".into(),
                service: service.into(),
                description: "Search and product pages.".into(),
            },
        ],
        slos: vec![availability, latency, aspirational],
        people: people(&[
            ("Amara", 0),
            ("Bo", 1),
            ("Chen", 2),
            ("Dana", 3),
            ("Eli", 4),
            ("Farah", 5),
            ("Gus", 6),
        ]),
        raci: Raci::default(),
        policy: policy("Keep checkout reliable enough that shoppers trust it, while shipping features at a steady pace."),
        progress,
        ..Project::default()
    }
}

/// A nightly billing pipeline.
pub fn data_pipeline() -> Project {
    let service = "billing-pipeline";
    let journey = "Invoices are ready each morning";
    let mut freshness = slo_from(
        "pipeline-freshness",
        "invoice-freshness",
        "Invoice data freshness",
        service,
        journey,
        0.99,
    );
    freshness.window = Window::Calendar {
        unit: CalendarUnit::Month,
        time_zone: "Europe/Paris".into(),
    };
    freshness.budgeting = BudgetingMethod::Timeslices {
        slice: Span::minutes(5),
        slice_target: 0.95,
    };
    freshness.description = "Finance reads invoice data that is less than an hour old.".into();
    let mut correctness = slo_from(
        "pipeline-correctness",
        "invoice-correctness",
        "Invoice correctness",
        service,
        journey,
        0.9999,
    );
    correctness.window = Window::Calendar {
        unit: CalendarUnit::Month,
        time_zone: "Europe/Paris".into(),
    };
    correctness.description = "Invoices match the validator's expected totals.".into();
    Project {
        name: "Billing pipeline".into(),
        description: "SLOs for the nightly pipeline that turns usage records into invoices.".into(),
        services: vec![Service {
            name: service.into(),
            owner: "Data platform team".into(),
            description:
                "Aggregates usage records every night and writes invoices to the billing database."
                    .into(),
            users: "The finance team and the customer portal that shows invoices.".into(),
            internal_only: false,
            kind: ServiceKind::Pipeline,
            dependencies: vec![Dependency {
                name: "object storage".into(),
                availability: 0.9999,
                ..Dependency::default()
            }],
        }],
        journeys: vec![Journey {
            name: journey.into(),
            service: service.into(),
            description: "Usage of the previous day is invoiced by 07:00.".into(),
        }],
        slos: vec![freshness, correctness],
        people: people(&[("Ines", 0), ("Jon", 1), ("Kai", 2), ("Lea", 4), ("Mo", 5)]),
        raci: Raci::default(),
        policy: policy("Make sure finance can trust and use invoice data every morning."),
        ..Project::default()
    }
}

/// An internal feature-flag service.
pub fn internal_service() -> Project {
    let service = "feature-flags";
    let journey = "Evaluate a flag";
    let mut availability = slo_from(
        "request-availability",
        "flag-evaluation-availability",
        "Flag evaluation availability",
        service,
        journey,
        0.995,
    );
    availability.window = Window::Rolling {
        span: Span::days(28),
    };
    availability.alerting = AlertConfig {
        preset: AlertPreset::Workbook28d,
        ..AlertConfig::default()
    };
    // The 28-day Workbook preset, as the engine defines it (factors 13.44, 5.6, 2.8, 0.933).
    availability.alerting.alerts =
        crate::alerting::preset_alerts(AlertPreset::Workbook28d, Span::days(28))
            .unwrap_or_default();
    availability.description =
        "Services that call us get an answer; they fall back to defaults otherwise.".into();
    let mut latency = slo_from(
        "request-latency",
        "flag-evaluation-latency",
        "Flag evaluation latency",
        service,
        journey,
        0.99,
    );
    latency.window = Window::Rolling {
        span: Span::days(28),
    };
    if let crate::model::Sli::Latency {
        threshold_seconds, ..
    } = &mut latency.sli
    {
        *threshold_seconds = 0.05;
    }
    latency.description =
        "Flag checks sit on other services' request paths: they must be fast.".into();
    Project {
        name: "Feature-flag service".into(),
        description: "SLOs for the internal service every other team calls to evaluate feature flags.".into(),
        services: vec![Service {
            name: service.into(),
            owner: "Developer platform team".into(),
            description: "Answers whether a feature flag is on for a given user or tenant.".into(),
            users: "Other engineering teams' services; no end user calls it directly.".into(),
            internal_only: true,
            kind: ServiceKind::RequestDriven,
            dependencies: vec![Dependency { name: "config store".into(), availability: 0.9995, ..Dependency::default() }],
        }],
        journeys: vec![Journey {
            name: journey.into(),
            service: service.into(),
            description: "A calling service asks for a flag value and gets it in time to use it.".into(),
        }],
        slos: vec![availability, latency],
        people: people(&[("Noor", 0), ("Oli", 2), ("Pia", 3), ("Quinn", 4)]),
        raci: Raci::default(),
        policy: policy("Give calling teams a flag service they can build on, and agree with them what happens when it misses."),
        ..Project::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{slug, Sli, RACI_PERSONAS, RACI_STEPS};

    fn all() -> Vec<(&'static str, Project)> {
        EXAMPLES.iter().map(|e| (e.id, (e.build)())).collect()
    }

    #[test]
    fn there_is_a_public_api_a_pipeline_and_an_internal_only_service() {
        let p = all();
        assert_eq!(p.len(), 3);
        assert!(!p[0].1.services[0].internal_only);
        assert_eq!(p[0].1.services[0].kind, ServiceKind::RequestDriven);
        assert_eq!(p[1].1.services[0].kind, ServiceKind::Pipeline);
        assert!(p[2].1.services[0].internal_only);
    }

    #[test]
    fn every_target_is_strictly_between_zero_and_one() {
        for (id, p) in all() {
            for s in &p.slos {
                assert!(
                    Target::from_number(s.target.ratio()).is_ok(),
                    "{id}/{}: {}",
                    s.id,
                    s.target.ratio()
                );
            }
        }
    }

    #[test]
    fn journeys_and_slos_reference_existing_services_and_journeys() {
        for (id, p) in all() {
            let services: Vec<_> = p.services.iter().map(|s| s.name.as_str()).collect();
            let journeys: Vec<_> = p.journeys.iter().map(|j| j.name.as_str()).collect();
            for j in &p.journeys {
                assert!(
                    services.contains(&j.service.as_str()),
                    "{id}: journey {} names unknown service",
                    j.name
                );
            }
            for s in &p.slos {
                assert!(
                    services.contains(&s.service.as_str()),
                    "{id}: SLO {} names unknown service",
                    s.id
                );
                assert!(
                    journeys.contains(&s.journey.as_str()),
                    "{id}: SLO {} names unknown journey",
                    s.id
                );
            }
        }
    }

    #[test]
    fn slo_ids_are_unique_slugs_and_progress_refers_to_them() {
        for (id, p) in all() {
            let mut ids: Vec<_> = p.slos.iter().map(|s| s.id.as_str()).collect();
            for i in &ids {
                assert_eq!(slug(i), *i, "{id}: {i} is not a slug");
            }
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), p.slos.len(), "{id}: duplicate SLO ids");
            for key in p.progress.keys() {
                assert!(
                    ids.contains(&key.as_str()),
                    "{id}: progress for unknown SLO {key}"
                );
            }
        }
    }

    #[test]
    fn example_policies_inform_planning_and_never_freeze_feature_work() {
        // The guide calls the budget "not a freeze rule": an example must not say otherwise.
        for (id, p) in all() {
            let miss = p.policy.slo_miss.to_lowercase();
            assert!(!miss.contains("only security"), "{id}: {miss}");
            assert!(!miss.contains("freeze"), "{id}: {miss}");
        }
    }

    #[test]
    fn alert_windows_are_ordered_and_within_the_slo_window() {
        for (id, p) in all() {
            for s in &p.slos {
                for a in &s.alerting.alerts {
                    assert!(a.short < a.long, "{id}/{}", s.id);
                    assert!(a.long <= s.window.nominal(), "{id}/{}", s.id);
                    assert!(
                        a.factor * s.target.error_budget() < 1.0,
                        "{id}/{}: alert can never fire",
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn raci_people_and_dependencies_are_well_formed() {
        for (id, p) in all() {
            assert_eq!(p.raci.cells.len(), RACI_STEPS.len(), "{id}");
            assert!(
                p.raci.cells.iter().all(|r| r.len() == RACI_PERSONAS.len()),
                "{id}"
            );
            assert!(
                p.people
                    .iter()
                    .all(|x| x.persona < RACI_PERSONAS.len() && !x.name.is_empty()),
                "{id}"
            );
            for s in &p.services {
                for d in &s.dependencies {
                    assert!(
                        d.availability > 0.0 && d.availability < 1.0,
                        "{id}: {}",
                        d.name
                    );
                }
            }
        }
    }

    #[test]
    fn policies_fill_every_section() {
        for (id, p) in all() {
            let pol = &p.policy;
            for (name, text) in [
                ("purpose", &pol.purpose),
                ("slo_miss", &pol.slo_miss),
                ("outage", &pol.outage),
                ("escalation", &pol.escalation),
                ("exclusions", &pol.exclusions),
                ("review_cadence", &pol.review_cadence),
            ] {
                assert!(!text.is_empty(), "{id}: {name} empty");
            }
        }
    }

    #[test]
    fn examples_use_catalogue_slis_and_survive_a_json_round_trip() {
        for (id, p) in all() {
            for s in &p.slos {
                if let Sli::Ratio { events_query, .. } = &s.sli {
                    assert!(events_query.contains("{{.window}}"), "{id}/{}", s.id);
                }
            }
            let text = serde_json::to_string(&p).unwrap();
            let back: Project = serde_json::from_str(&text).unwrap();
            assert_eq!(back, p, "{id}");
        }
    }

    #[test]
    fn the_internal_service_uses_the_28_day_workbook_factors() {
        let p = internal_service();
        let factors: Vec<f64> = p.slos[0]
            .alerting
            .alerts
            .iter()
            .map(|a| (a.factor * 1000.0).round() / 1000.0)
            .collect();
        assert_eq!(factors, vec![13.44, 5.6, 2.8, 0.933]);
    }

    #[test]
    fn the_aspirational_example_is_marked_so() {
        let p = web_api();
        assert!(p
            .slos
            .iter()
            .any(|s| s.commitment == Commitment::Aspirational));
        assert!(example("web-api").is_some() && example("nope").is_none());
    }
}
