//! Lints on a service's dependencies: a target above what the dependencies
//! allow together (their serial availability), and dependencies whose
//! availability is unknown and so left out of that ceiling. Must not look at
//! SLIs, alerts or the RACI chart.

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
    let Some(ceiling) = crate::budget::dependency_ceiling(&service.dependencies) else {
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
            if crate::budget::usable_availability(dep.availability) {
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
            })
            .collect();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "nines-beyond-dependencies:checkout");
        assert!(hit.explanation.contains("99.83%"), "{}", hit.explanation);
        p.slos[0].target = Target(0.998);
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn dependency_without_availability_is_reported_and_left_out_of_the_ceiling() {
        let mut p = shop();
        p.services[0].dependencies.push(Dependency {
            name: "Search API".into(),
            availability: 0.0,
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
