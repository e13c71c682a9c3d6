//! Project files saved before the policy had tiers and SLOs had a roadmap
//! still load: the policy gets the suggested ladder (which replaces the fixed
//! freeze rule those files were replayed with), its free text stays as
//! written, and every SLO starts with an empty roadmap. Files saved since
//! keep exactly what the team wrote, an empty tier list included.

use slo_engine::export::project::to_json;
use slo_engine::import::project_from_json;
use slo_engine::model::{Project, Slo};
use slo_engine::policy::{default_ladder, Condition};
use slo_engine::roadmap::{Task, TaskStatus, TaskStep};

/// The shape of a project file from before tiers and roadmaps, with policy
/// text the team wrote.
const OLD: &str = r#"{
  "schema_version": 1,
  "name": "Shop",
  "slos": [{ "id": "checkout", "name": "checkout", "target": 0.999,
             "window": { "type": "rolling", "span": 2592000 } }],
  "policy": {
    "purpose": "We balance features and reliability.",
    "slo_miss": "Reliability work first in the next plans.",
    "outage": "",
    "escalation": "Ask the manager.",
    "exclusions": "",
    "review_cadence": "Weekly.",
    "single_incident_share": 0.3
  }
}"#;

#[test]
fn an_old_file_loads_with_the_suggested_ladder_and_keeps_its_policy_text() {
    let p = project_from_json(OLD).expect("the old file reads");
    assert_eq!(p.policy.tiers, default_ladder());
    assert_eq!(p.policy.purpose, "We balance features and reliability.");
    assert_eq!(
        p.policy.slo_miss,
        "Reliability work first in the next plans."
    );
    assert_eq!(p.policy.escalation, "Ask the manager.");
    assert_eq!(p.policy.review_cadence, "Weekly.");
    assert_eq!(p.policy.single_incident_share, 0.3);
    assert_eq!(p.slos[0].roadmap, Vec::<Task>::new());
}

#[test]
fn the_saved_fixture_of_2026_11_30_loads_with_tiers_and_empty_roadmaps() {
    let p = project_from_json(include_str!("fixtures/saved_on_2026-11-30.json")).expect("reads");
    assert_eq!(p.policy.tiers, default_ladder());
    assert!(p.slos.iter().all(|s| s.roadmap.is_empty()));
}

#[test]
fn edited_tiers_a_cleared_ladder_and_a_roadmap_survive_a_save_and_a_load() {
    let mut p = Project {
        slos: vec![Slo {
            roadmap: vec![Task {
                id: "task-1".into(),
                step: TaskStep::Runbook,
                title: "Write the checkout runbook".into(),
                owner: "Ana".into(),
                due: "2027-01-15".into(),
                status: TaskStatus::Doing,
            }],
            ..Slo::default()
        }],
        ..Project::default()
    };
    p.policy.tiers[0].name = "Have a look".into();
    p.policy.tiers[0].when = vec![Condition::MissedWindows { count: 3 }];
    let back = project_from_json(&to_json(&p)).expect("reads back");
    assert_eq!(back, p);

    p.policy.tiers.clear();
    let back = project_from_json(&to_json(&p)).expect("reads back");
    assert_eq!(back.policy.tiers, vec![], "a cleared ladder stays cleared");
}

#[test]
fn an_slo_without_tasks_is_saved_without_a_roadmap_key() {
    let json = to_json(&Project {
        slos: vec![Slo::default()],
        ..Project::default()
    });
    assert!(!json.contains("\"roadmap\""), "{json}");
}
