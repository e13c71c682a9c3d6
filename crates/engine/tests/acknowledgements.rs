//! Acknowledgements saved in a project file keep working: the fixture is a
//! project saved on 2026-11-30 (before lint rules were typed) in which the
//! team acknowledged every finding the linter gave, keyed by the ids of that
//! day. If a rule id changes, its finding comes back unacknowledged here.

use slo_engine::import::project_from_json;
use slo_engine::lint::{lint_project, LintContext, SloFacts};
use slo_engine::model::{Project, Target};

const SAVED: &str = include_str!("fixtures/saved_on_2026-11-30.json");

fn saved() -> Project {
    let mut project = project_from_json(SAVED).expect("the saved project reads");
    // That day's file held a 100% target to draw `target-invalid`; project
    // files can no longer carry one (the validation gate refuses it), so the
    // fixture says 0.9 and the 100% is set here, in memory, where the linter
    // still guards against it.
    project.slos[1].target = Target(1.0);
    project
}

/// The facts the linter had that day: one event an hour for "rare" and
/// "quiet", whose history reached 90%.
fn that_days_facts() -> LintContext {
    let mut ctx = LintContext::default();
    let facts = |history_sli| SloFacts {
        expected_events_per_hour: Some(1.0),
        history_sli,
    };
    ctx.slos.insert("rare".into(), facts(None));
    ctx.slos.insert("quiet".into(), facts(Some(0.9)));
    ctx
}

#[test]
fn every_finding_acknowledged_in_a_saved_project_stays_acknowledged() {
    let project = saved();
    let findings = lint_project(&project, &that_days_facts());
    let open: Vec<&str> = findings
        .iter()
        .filter(|f| !f.acknowledged)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(open, Vec::<&str>::new());
    // Every rule of that day drew a finding, so each id shape is covered:
    // 29 findings, plus "raci-no-people" acknowledged for a later test.
    assert_eq!(findings.len(), 29);
    assert_eq!(project.acknowledged.len(), 30);
}

#[test]
fn the_no_people_acknowledgement_applies_once_the_people_are_gone() {
    let mut project = saved();
    project.people.clear();
    let findings = lint_project(&project, &that_days_facts());
    let no_people = findings
        .iter()
        .find(|f| f.id == "raci-no-people")
        .expect("no people mapped draws raci-no-people");
    assert!(no_people.acknowledged);
}
