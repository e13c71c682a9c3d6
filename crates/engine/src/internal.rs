//! Internal services: a dependency that is another service of the project,
//! pointing at that service's SLO (`Dependency::slo`), and what follows from
//! it: the dependency offers what its SLO targets, the callers' targets say
//! what each internal dependency needs, and the calling teams are the
//! internal service's customers, to be consulted in the RACI chart.
//!
//! The rule for what a caller needs (documented in ARCHITECTURE.md): a
//! service whose SLO targets T and which calls n dependencies in series
//! splits its error budget 1 - T evenly among them, so each needs at least
//! 1 - (1 - T) / n. The product of n such availabilities is at least T
//! (Bernoulli's inequality), so meeting it is enough; 99.9% over two
//! dependencies needs each at 99.95%. Pure functions over `model::Project`;
//! must not know the browser or any format.

use crate::model::{slug, Dependency, Project, Service, Slo};

/// The SLO a dependency points to, when it names one of the project's.
pub fn linked_slo<'a>(project: &'a Project, dep: &Dependency) -> Option<&'a Slo> {
    let id = dep.slo.trim();
    if id.is_empty() {
        return None;
    }
    project.slos.iter().find(|s| s.id == id)
}

/// The service's dependencies with the availability each offers: a linked
/// dependency offers its SLO's target; the others what the team typed.
pub fn effective_dependencies(project: &Project, service: &Service) -> Vec<Dependency> {
    service
        .dependencies
        .iter()
        .map(|d| match linked_slo(project, d) {
            Some(slo) => Dependency {
                availability: slo.target.ratio(),
                ..d.clone()
            },
            None => d.clone(),
        })
        .collect()
}

/// Points the dependencies linked to the SLO `old` at its new id `new`:
/// `lifecycle::set_id` calls it, so a renamed SLO keeps its callers.
pub fn rename_links(project: &mut Project, old: &str, new: &str) {
    for dep in project
        .services
        .iter_mut()
        .flat_map(|s| s.dependencies.iter_mut())
        .filter(|d| d.slo == old)
    {
        dep.slo = new.to_string();
    }
}

/// What each of `n` serial dependencies needs for a caller targeting
/// `target` (a ratio), the budget split evenly: 1 - (1 - target) / n.
pub fn required_each(target: f64, n: usize) -> f64 {
    1.0 - (1.0 - target) / n.max(1) as f64
}

/// The strictest SLO of a service: what its dependencies must carry.
pub fn strictest_slo<'a>(project: &'a Project, service: &str) -> Option<&'a Slo> {
    project
        .slos
        .iter()
        .filter(|s| same_name(&s.service, service))
        .max_by(|a, b| a.target.ratio().total_cmp(&b.target.ratio()))
}

/// One internal SLO looser than a caller needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall<'a> {
    pub internal: &'a Slo,
    pub caller_service: &'a Service,
    pub caller: &'a Slo,
    /// Dependencies the caller has in series.
    pub serial: usize,
    /// What each of them needs, as a ratio.
    pub needed: f64,
}

/// Every linked dependency whose SLO targets less than its caller needs.
pub fn shortfalls(project: &Project) -> Vec<Shortfall<'_>> {
    let mut out = Vec::new();
    for service in &project.services {
        let Some(caller) = strictest_slo(project, &service.name) else {
            continue;
        };
        let serial = service.dependencies.len();
        let needed = required_each(caller.target.ratio(), serial);
        for dep in &service.dependencies {
            let Some(internal) = linked_slo(project, dep) else {
                continue;
            };
            // A margin of 1e-12 keeps float noise (1 - 0.001 / 2) from
            // flagging a target that is exactly what is needed.
            if internal.id != caller.id && internal.target.ratio() < needed - 1e-12 {
                out.push(Shortfall {
                    internal,
                    caller_service: service,
                    caller,
                    serial,
                    needed,
                });
            }
        }
    }
    out
}

/// A team that calls an internal-only service, to consult about its SLOs.
#[derive(Debug, Clone, PartialEq)]
pub struct Consumer {
    /// The calling service.
    pub service: String,
    /// Its owner, as typed on the Research page.
    pub owner: String,
    /// The internal-only service it calls.
    pub calls: String,
    /// The persona name the chart would give it.
    pub persona: String,
}

/// RACI rows where a consumer team is consulted: Propose SLO, Agree on SLO
/// and Recalibrate/Planning (indexes into `RACI_STEPS`).
pub const CONSUMER_STEPS: [usize; 3] = [1, 2, 8];

/// The teams calling an SLO of an internal-only service that the RACI chart
/// does not yet have as a persona.
pub fn consumer_suggestions(project: &Project) -> Vec<Consumer> {
    let mut out: Vec<Consumer> = Vec::new();
    for caller in &project.services {
        for dep in &caller.dependencies {
            let Some(slo) = linked_slo(project, dep) else {
                continue;
            };
            let internal = project
                .services
                .iter()
                .find(|s| same_name(&s.name, &slo.service) && s.internal_only);
            let Some(internal) = internal else { continue };
            if same_name(&internal.name, &caller.name) {
                continue;
            }
            let persona = format!("{} team", caller.name.trim());
            let charted = (0..project.raci.persona_count())
                .any(|j| slug(&project.raci.persona_name(j)) == slug(&persona));
            if !charted && !out.iter().any(|c| c.persona == persona) {
                out.push(Consumer {
                    service: caller.name.trim().to_string(),
                    owner: caller.owner.trim().to_string(),
                    calls: internal.name.trim().to_string(),
                    persona,
                });
            }
        }
    }
    out
}

/// Adds the consumer team as a persona consulted (C) on the steps where an
/// internal service's customers have a say; the new column's index.
pub fn consult(project: &mut Project, consumer: &Consumer) -> Result<usize, String> {
    let j = project.raci.add_persona(&consumer.persona)?;
    for i in CONSUMER_STEPS {
        project.raci.set_cell(i, j, "C");
    }
    Ok(j)
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Target, RACI_STEPS};

    /// Checkout (99.9%) calls the internal-only Users service and Payments,
    /// two dependencies in series; Users targets `users_target`.
    pub(crate) fn platform(users_target: f64) -> Project {
        let service = |name: &str, deps: Vec<Dependency>, internal_only| Service {
            name: name.into(),
            owner: format!("{name} owners"),
            internal_only,
            dependencies: deps,
            ..Service::default()
        };
        let slo = |id: &str, service: &str, target| Slo {
            id: id.into(),
            name: id.into(),
            service: service.into(),
            target: Target(target),
            ..Slo::default()
        };
        Project {
            services: vec![
                service(
                    "Checkout",
                    vec![
                        Dependency {
                            name: "Users".into(),
                            availability: 0.0,
                            slo: "users".into(),
                        },
                        Dependency {
                            name: "Payments".into(),
                            availability: 0.9999,
                            slo: String::new(),
                        },
                    ],
                    false,
                ),
                service("Users", vec![], true),
            ],
            slos: vec![
                slo("checkout", "Checkout", 0.999),
                slo("checkout-latency", "Checkout", 0.99),
                slo("users", "Users", users_target),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn two_serial_dependencies_of_a_99_9_percent_caller_need_99_95_percent_each() {
        assert!((required_each(0.999, 2) - 0.9995).abs() < 1e-15);
        assert!((required_each(0.999, 1) - 0.999).abs() < 1e-15);
        // 99.5% over four: a quarter of 0.5% each, 99.875%.
        assert!((required_each(0.995, 4) - 0.99875).abs() < 1e-15);
    }

    #[test]
    fn a_linked_dependency_offers_its_slos_target() {
        let p = platform(0.9995);
        let deps = effective_dependencies(&p, &p.services[0]);
        assert_eq!(deps[0].availability, 0.9995);
        assert_eq!(deps[1].availability, 0.9999);
    }

    #[test]
    fn an_internal_slo_below_the_even_share_is_short_and_one_at_it_is_not() {
        let p = platform(0.999);
        let short = shortfalls(&p);
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].internal.id, "users");
        assert_eq!(short[0].caller.id, "checkout");
        assert_eq!(short[0].serial, 2);
        assert!(shortfalls(&platform(0.9995)).is_empty());
    }

    #[test]
    fn a_new_id_for_the_internal_slo_keeps_its_callers_linked() {
        let mut p = platform(0.999);
        let users = p.slos.iter().position(|s| s.id == "users").unwrap();
        crate::lifecycle::set_id(&mut p, users, "identity");
        assert_eq!(p.services[0].dependencies[0].slo, "identity");
        assert_eq!(shortfalls(&p).len(), 1);
    }

    #[test]
    fn a_link_to_a_missing_slo_is_an_outside_dependency() {
        let mut p = platform(0.9);
        p.services[0].dependencies[0].slo = "gone".into();
        assert!(shortfalls(&p).is_empty());
        assert_eq!(
            effective_dependencies(&p, &p.services[0])[0].availability,
            0.0
        );
    }

    #[test]
    fn the_callers_of_an_internal_only_service_are_suggested_as_consulted() {
        let mut p = platform(0.9995);
        let s = consumer_suggestions(&p);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].persona, "Checkout team");
        assert_eq!(s[0].owner, "Checkout owners");
        assert_eq!(s[0].calls, "Users");
        let j = consult(&mut p, &s[0]).unwrap();
        assert_eq!(j, 7);
        assert_eq!(RACI_STEPS[CONSUMER_STEPS[0]], "Propose SLO");
        assert_eq!(RACI_STEPS[CONSUMER_STEPS[1]], "Agree on SLO");
        assert_eq!(RACI_STEPS[CONSUMER_STEPS[2]], "Recalibrate/Planning");
        for i in CONSUMER_STEPS {
            assert_eq!(p.raci.cell(i, j), "C");
        }
        assert_eq!(p.raci.cell(0, j), "");
        // Once charted, it is no longer suggested.
        assert!(consumer_suggestions(&p).is_empty());
    }

    #[test]
    fn callers_of_a_service_that_is_not_internal_only_are_not_suggested() {
        let mut p = platform(0.9995);
        p.services[1].internal_only = false;
        assert!(consumer_suggestions(&p).is_empty());
    }
}
