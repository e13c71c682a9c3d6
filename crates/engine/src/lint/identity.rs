//! Lints on what names an SLO in every export: a placeholder name or
//! identifier ("New SLO", `new-slo-2`) and a service that is missing or not
//! described in the project. Exports spread both into rule names, alert
//! names and annotations, so they are flagged before anything is exported.
//! Must not look at targets, SLIs or alerts.

use super::{name, same_name, Finding, LintRule};
use crate::diag::Level;
use crate::lifecycle::has_placeholder_name;
use crate::model::{Project, Slo};

/// The SLO still has the name or identifier the app gave it.
pub(super) fn placeholder_name(slo: &Slo, out: &mut Vec<Finding>) {
    if !has_placeholder_name(slo) {
        return;
    }
    out.push(Finding::about_slo(
        LintRule::PlaceholderName,
        slo,
        Level::Warning,
        "Still named like a placeholder",
        format!(
            "{} (identifier \"{}\") still carries a placeholder. Every export uses them: rule and alert names, \
             the Sloth and OpenSLO name, the document's title. Name it after the journey and what it measures \
             (for example \"Checkout latency\") before exporting.",
            name(slo),
            slo.id
        ),
    ));
}

/// The SLO names no service, or one the project does not describe.
pub(super) fn service_link(project: &Project, slo: &Slo, out: &mut Vec<Finding>) {
    let service = slo.service.trim();
    let why = if service.is_empty() {
        format!("{} names no service.", name(slo))
    } else if !project.services.iter().any(|s| same_name(&s.name, service)) {
        format!(
            "{} names the service \"{service}\", which this project does not describe.",
            name(slo)
        )
    } else {
        return;
    };
    out.push(Finding::about_slo(
        LintRule::NoService,
        slo,
        Level::Warning,
        "No service named",
        format!(
            "{why} Exports label rules and alerts with the service and its annotations name it, so an alert \
             would say \"of (no service named)\". Choose the service the SLO is about."
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;

    #[test]
    fn a_new_slo_still_named_new_slo_is_flagged_before_export() {
        let mut p = shop();
        p.slos.push(Slo {
            id: "new-slo".into(),
            name: "New SLO".into(),
            ..checkout("x")
        });
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(find(&f, "placeholder-name:new-slo").level, Level::Warning);
        assert!(!f.iter().any(|x| x.id == "placeholder-name:checkout"));
    }

    #[test]
    fn an_slo_without_a_described_service_is_flagged() {
        let mut p = shop();
        p.slos[0].service = String::new();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "no-service:checkout")
            .explanation
            .contains("names no service"));
        p.slos[0].service = "Warehouse".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "no-service:checkout")
            .explanation
            .contains("\"Warehouse\", which this project does not describe"));
        p.slos[0].service = "shop".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(!f.iter().any(|x| x.id == "no-service:checkout"));
    }
}
