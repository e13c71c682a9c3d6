//! Adding an imported project to the one open: services and journeys not
//! there yet (by name), and every SLO, renamed when its id is taken, with its
//! lifecycle progress. The team's people, RACI chart and policy stay.
//!
//! Pure data in, data out; the Share page shows the summary this returns.
//! Must not parse formats (that is `import`) nor touch the browser.

use crate::ids::TakenIds;
use crate::model::Project;
use std::collections::BTreeSet;

/// What a merge added.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub slos: usize,
    pub services: usize,
    pub journeys: usize,
    /// (old id, new id) of the SLOs whose id was taken.
    pub renamed: Vec<(String, String)>,
}

impl Merged {
    /// The merge in words, for the page and the undo message.
    pub fn sentence(&self) -> String {
        let mut out = format!(
            "Added {} SLO(s), {} service(s) and {} journey(s) to this project.",
            self.slos, self.services, self.journeys
        );
        if !self.renamed.is_empty() {
            let list: Vec<String> = self
                .renamed
                .iter()
                .map(|(old, new)| format!("“{old}” became “{new}”"))
                .collect();
            out.push_str(&format!(
                " Ids already in use were renamed: {}.",
                list.join(", ")
            ));
        }
        out
    }
}

/// Adds what `from` holds to `into` (see the module notes). Sets keep it
/// O(n log n) in the size of both projects.
pub fn merge(into: &mut Project, from: Project) -> Merged {
    let mut merged = Merged {
        slos: from.slos.len(),
        ..Merged::default()
    };
    let mut service_names: BTreeSet<String> =
        into.services.iter().map(|s| s.name.clone()).collect();
    for s in from.services {
        if service_names.insert(s.name.clone()) {
            into.services.push(s);
            merged.services += 1;
        }
    }
    let mut journey_keys: BTreeSet<(String, String)> = into
        .journeys
        .iter()
        .map(|j| (j.name.clone(), j.service.clone()))
        .collect();
    for j in from.journeys {
        if journey_keys.insert((j.name.clone(), j.service.clone())) {
            into.journeys.push(j);
            merged.journeys += 1;
        }
    }
    let mut ids = TakenIds::of(&into.slos);
    for mut slo in from.slos {
        let old = std::mem::take(&mut slo.id);
        slo.id = ids.claim(&old);
        if slo.id != old {
            merged.renamed.push((old.clone(), slo.id.clone()));
        }
        if let Some(pr) = from.progress.get(&old) {
            into.progress.insert(slo.id.clone(), *pr);
        }
        into.slos.push(slo);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Journey, Progress, Service, Slo};

    fn project(slo_ids: &[&str], services: &[&str]) -> Project {
        Project {
            slos: slo_ids
                .iter()
                .map(|id| Slo {
                    id: id.to_string(),
                    ..Slo::default()
                })
                .collect(),
            services: services
                .iter()
                .map(|n| Service {
                    name: n.to_string(),
                    ..Service::default()
                })
                .collect(),
            ..Project::default()
        }
    }

    #[test]
    fn services_already_there_by_name_are_not_added_twice() {
        let mut into = project(&[], &["Shop", "Search"]);
        let merged = merge(&mut into, project(&[], &["Search", "Payments"]));
        assert_eq!(merged.services, 1);
        let names: Vec<&str> = into.services.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Shop", "Search", "Payments"]);
    }

    #[test]
    fn a_journey_is_new_unless_its_name_and_service_are_both_there() {
        let journey = |name: &str, service: &str| Journey {
            name: name.into(),
            service: service.into(),
            description: String::new(),
        };
        let mut into = Project {
            journeys: vec![journey("Pay", "Shop")],
            ..Project::default()
        };
        let from = Project {
            journeys: vec![journey("Pay", "Shop"), journey("Pay", "Mobile")],
            ..Project::default()
        };
        assert_eq!(merge(&mut into, from).journeys, 1);
        assert_eq!(into.journeys.len(), 2);
    }

    #[test]
    fn taken_slo_ids_are_renamed_and_keep_their_progress() {
        let mut into = project(&["checkout", "checkout-2"], &[]);
        let mut from = project(&["checkout", "checkout", "search"], &[]);
        from.progress.insert("checkout".into(), Progress::Agreed);
        let merged = merge(&mut into, from);
        let ids: Vec<&str> = into.slos.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "checkout",
                "checkout-2",
                "checkout-3",
                "checkout-4",
                "search"
            ]
        );
        assert_eq!(
            merged.renamed,
            [
                ("checkout".to_string(), "checkout-3".to_string()),
                ("checkout".to_string(), "checkout-4".to_string())
            ]
        );
        assert_eq!(into.progress.get("checkout-3"), Some(&Progress::Agreed));
        assert_eq!(
            merged.sentence(),
            "Added 3 SLO(s), 0 service(s) and 0 journey(s) to this project. Ids already in use \
             were renamed: “checkout” became “checkout-3”, “checkout” became “checkout-4”."
        );
    }
}
