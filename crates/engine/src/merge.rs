//! Adding an imported project to the one open: services and journeys not
//! there yet (by name), every SLO, renamed when its id is taken, with its
//! lifecycle progress, and its workshop ideas and risks (`gather_ideas`:
//! votes added up onto the same candidate, a risk already listed by name
//! kept as it is here). The team's people, RACI chart and policy stay.
//!
//! Pure data in, data out; the Share page shows the summary this returns.
//! Must not parse formats (that is `import`) nor touch the browser.

use crate::gather::Draft;
use crate::gather_ideas::{self, IdeaChoice};
use crate::ids::TakenIds;
use crate::model::Project;
use std::collections::{BTreeMap, BTreeSet};

/// What a merge added.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub slos: usize,
    pub services: usize,
    pub journeys: usize,
    /// (old id, new id) of the SLOs whose id was taken.
    pub renamed: Vec<(String, String)>,
    /// What became of each idea and risk merged beside the SLOs, a sentence each.
    pub notes: Vec<String>,
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
        for note in &self.notes {
            out.push(' ');
            out.push_str(note);
        }
        out
    }
}

/// Adds what `from` holds to `into` (see the module notes). Sets keep it
/// O(n log n) in the size of both projects.
pub fn merge(into: &mut Project, mut from: Project) -> Merged {
    let workshop = Project {
        ideas: std::mem::take(&mut from.ideas),
        risks: std::mem::take(&mut from.risks),
        ..Project::default()
    };
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
    let mut new_ids = BTreeMap::new();
    for mut slo in from.slos {
        let old = std::mem::take(&mut slo.id);
        slo.id = ids.claim(&old);
        if slo.id != old {
            merged.renamed.push((old.clone(), slo.id.clone()));
        }
        if let Some(pr) = from.progress.get(&old) {
            into.progress.insert(slo.id.clone(), *pr);
        }
        new_ids.insert(old, slo.id.clone());
        into.slos.push(slo);
    }
    merged.notes = merge_workshop(into, workshop, new_ids);
    merged
}

/// Every idea and risk of the imported project (`workshop` holds only
/// those); a risk the open project already names keeps its figures here.
fn merge_workshop(
    into: &mut Project,
    workshop: Project,
    slo_ids: BTreeMap<String, String>,
) -> Vec<String> {
    let before = Project {
        ideas: into.ideas.clone(),
        risks: into.risks.clone(),
        ..Project::default()
    };
    let drafts = [Draft {
        from: "the imported project".into(),
        project: workshop,
    }];
    let choice = IdeaChoice {
        journeys: (0..gather_ideas::journey_groups(&before, &drafts).len()).collect(),
        slis: (0..gather_ideas::sli_groups(&before, &drafts).len()).collect(),
        risks: (0..gather_ideas::risk_groups(&before, &drafts).len())
            .map(|g| (g, 0))
            .collect(),
    };
    gather_ideas::merge(into, &before, &drafts, &choice, &[slo_ids])
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
    fn an_imported_project_brings_its_ideas_with_votes_added_and_its_new_risks() {
        use crate::ideas::{add_journey, vote, Candidate};
        use crate::risk::Risk;
        let mut into = Project::default();
        let mine = add_journey(&mut into.ideas, "Check out", "Ana").unwrap();
        vote(&mut into.ideas, Candidate::Journey(mine), 3);
        into.risks.items.push(Risk {
            name: "Bad deploy".into(),
            repair_minutes: 60.0,
            ..Risk::default()
        });
        let mut from = Project::default();
        let theirs = add_journey(&mut from.ideas, "check out", "Bo").unwrap();
        vote(&mut from.ideas, Candidate::Journey(theirs), 2);
        from.risks.items = vec![
            Risk {
                name: "Bad deploy".into(),
                repair_minutes: 90.0,
                ..Risk::default()
            },
            Risk {
                name: "Disk full".into(),
                ..Risk::default()
            },
        ];
        let merged = merge(&mut into, from);
        assert_eq!(into.ideas.journeys.len(), 1);
        assert_eq!(into.ideas.journeys[0].votes, 5);
        let risks: Vec<(&str, f64)> = into
            .risks
            .items
            .iter()
            .map(|r| (r.name.as_str(), r.repair_minutes))
            .collect();
        assert_eq!(risks, [("Bad deploy", 60.0), ("Disk full", 60.0)]);
        assert!(
            merged
                .sentence()
                .contains("Risk “Bad deploy”: this project's figures kept."),
            "{}",
            merged.sentence()
        );
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
