//! Lints on a service's dependencies: a target above what the dependencies
//! allow together (their serial availability), dependencies whose
//! availability is unknown and so left out of that ceiling, and internal
//! dependencies (linked to another service's SLO) whose target is looser than
//! their callers need (the even split of `internal`). A linked dependency
//! offers its SLO's target. Must not look at SLIs, alerts or the RACI chart.

use super::{same_name, Finding, LintRule};
use crate::diag::Level;
use crate::model::{Project, Slo};

/// Target above the serial product of the service's dependency availabilities.
pub(super) fn dependency_ceiling(project: &Project, slo: &Slo, out: &mut Vec<Finding>) {
    let Some(service) = project
        .services
        .iter()
        .find(|s| same_name(&s.name, &slo.service))
    else {
        return;
    };
    let dependencies = crate::internal::effective_dependencies(project, service);
    let Some(ceiling) = crate::budget::dependency_ceiling(&dependencies) else {
        return;
    };
    if slo.target.ratio() > ceiling.availability {
        out.push(Finding::about_slo(
            LintRule::NinesBeyondDependencies,
            slo,
            Level::Warning,
            "More nines than the dependencies allow",
            format!(
                "{} needs all of its dependencies to work; {} at most {}, below the {}% target, so their \
                 outages alone would spend more than the budget. \
                 Lower the target, add redundancy or caching, or agree up front what happens when a dependency \
                 spends your budget.",
                service.name.trim(),
                if ceiling.known == 1 {
                    "its one dependency with a known availability offers".to_string()
                } else {
                    format!("the {} with a known availability together offer", ceiling.known)
                },
                ceiling.percent_text(),
                slo.target,
            ),
        ));
    }
}

/// Dependencies whose availability is not a ratio in (0, 1] are left out of
/// the ceiling check; say so, so the team can fill them in.
pub(super) fn dependency_findings(project: &Project, out: &mut Vec<Finding>) {
    for service in &project.services {
        for dep in &service.dependencies {
            if crate::budget::usable_availability(dep.availability)
                || crate::internal::linked_slo(project, dep).is_some()
            {
                continue;
            }
            out.push(Finding::new(
                LintRule::DependencyAvailabilityMissing.id(&[
                    &crate::model::slug(&service.name),
                    &crate::model::slug(&dep.name),
                ]),
                None,
                Level::Info,
                "A dependency's availability is unknown",
                format!(
                    "\"{}\" depends on \"{}\", whose availability is not set as a ratio between 0 and 1 \
                     (for example 0.9995 for 99.95%). Without it the linter cannot tell whether the targets \
                     ask for more nines than the dependencies offer.",
                    service.name.trim(),
                    dep.name.trim(),
                ),
            ));
        }
    }
}

/// Internal SLOs looser than a caller needs: the caller's error budget
/// split evenly over its serial dependencies (`internal::required_each`).
/// Id `internal-slo-too-loose:<internal slo>:<caller slo>`, on the internal SLO.
pub(super) fn internal_findings(project: &Project, out: &mut Vec<Finding>) {
    for s in crate::internal::shortfalls(project) {
        let offered: Vec<_> = crate::internal::effective_dependencies(project, s.caller_service);
        let together = crate::budget::dependency_ceiling(&offered)
            .map(|c| {
                format!(
                    " With it at {}%, {}'s dependencies together offer at most {}.",
                    s.internal.target,
                    s.caller_service.name.trim(),
                    c.percent_text()
                )
            })
            .unwrap_or_default();
        let internal_only = project
            .services
            .iter()
            .any(|x| same_name(&x.name, &s.internal.service) && x.internal_only);
        out.push(Finding::new(
            LintRule::InternalSloTooLoose.id(&[&s.internal.id, &s.caller.id]),
            Some(&s.internal.id),
            Level::Warning,
            "An internal service promises less than its callers need",
            format!(
                "{} of {}{} targets {}%, but {} calls it as one of {} dependencies in series for its {}% {}. \
                 Split evenly, each dependency may spend 1/{} of {}'s {}% error budget, so each needs at least {}%.{} \
                 Raise the internal target, or agree with the calling team how its budget is shared.",
                super::name(s.internal),
                or_unnamed(&s.internal.service),
                if internal_only { " (internal only)" } else { "" },
                s.internal.target,
                s.caller_service.name.trim(),
                s.serial,
                s.caller.target,
                super::name(s.caller),
                s.serial,
                s.caller_service.name.trim(),
                crate::format::percent(s.caller.target.error_budget() * 100.0),
                crate::format::percent(s.needed * 100.0),
                together,
            ),
        ));
    }
}

fn or_unnamed(service: &str) -> &str {
    if service.trim().is_empty() {
        "an unnamed service"
    } else {
        service.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;
    use crate::model::{Dependency, Target};

    #[test]
    fn target_above_the_serial_product_of_dependencies_is_flagged() {
        let mut p = shop();
        p.services[0].dependencies = [0.9999, 0.9999, 0.9995, 0.999]
            .iter()
            .enumerate()
            .map(|(i, a)| Dependency {
                name: format!("dep {i}"),
                availability: *a,
                slo: String::new(),
            })
            .collect();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "nines-beyond-dependencies:checkout");
        assert!(hit.explanation.contains("99.83%"), "{}", hit.explanation);
        p.slos[0].target = Target(0.998);
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn an_internal_slo_looser_than_the_callers_even_share_is_flagged_with_the_numbers() {
        // Shop (99.9%) calls payments (99.99%) and the internal Users SLO in
        // series: two dependencies, each may spend 0.05%, so each needs
        // 99.95%. Users at 99.9% falls short; together 0.9999 x 0.999 =
        // 0.9989001, at most 99.89%.
        let mut p = shop();
        p.services[0].dependencies.push(Dependency {
            name: "Users".into(),
            availability: 0.0,
            slo: "users".into(),
        });
        p.services.push(crate::model::Service {
            name: "Users".into(),
            internal_only: true,
            ..crate::model::Service::default()
        });
        let mut users = checkout("users");
        users.service = "Users".into();
        p.slos.push(users);
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "internal-slo-too-loose:users:checkout");
        assert_eq!(hit.slo_id.as_deref(), Some("users"));
        assert_eq!(
            hit.explanation,
            "SLO \"users\" of Users (internal only) targets 99.9%, but Shop calls it as one of 2 dependencies in \
             series for its 99.9% SLO \"checkout\". Split evenly, each dependency may spend 1/2 of Shop's 0.1% \
             error budget, so each needs at least 99.95%. With it at 99.9%, Shop's dependencies together offer at \
             most 99.89%. Raise the internal target, or agree with the calling team how its budget is shared."
        );
        // The linked dependency's availability comes from its SLO: no
        // "availability missing" for it, and the ceiling counts 99.9%.
        assert!(!f
            .iter()
            .any(|x| x.id.starts_with("dependency-availability-missing")));
        assert!(f
            .iter()
            .any(|x| x.id == "nines-beyond-dependencies:checkout"));
        p.slos[1].target = Target(0.9995);
        let f = lint_project(&p, &LintContext::default());
        assert!(!f.iter().any(|x| x.id.starts_with("internal-slo-too-loose")));
    }

    #[test]
    fn dependency_without_availability_is_reported_and_left_out_of_the_ceiling() {
        let mut p = shop();
        p.services[0].dependencies.push(Dependency {
            name: "Search API".into(),
            availability: 0.0,
            slo: String::new(),
        });
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(
            find(&f, "dependency-availability-missing:shop:search-api").level,
            Level::Info
        );
        assert!(
            !f.iter()
                .any(|x| x.id.starts_with("nines-beyond-dependencies")),
            "{f:?}"
        );
    }
}
