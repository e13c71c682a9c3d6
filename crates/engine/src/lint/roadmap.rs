//! Lints on the SLO roadmap's owners: a task's owner should play a persona
//! that is R or A for the task's step in the RACI chart (the step is
//! `roadmap::TaskStep::raci_row`), and should be someone of the people list.
//! Ids: `roadmap-owner-not-responsible:<slo>:<task>` and
//! `roadmap-owner-unknown:<slo>:<task>`. Must not judge dates or statuses.

use super::{name, Finding, LintRule};
use crate::diag::Level;
use crate::model::{Project, Slo};
use crate::roadmap::Task;

/// Findings for every task with an owner, SLO by SLO.
pub(super) fn roadmap_findings(project: &Project, out: &mut Vec<Finding>) {
    for slo in &project.slos {
        for task in &slo.roadmap {
            if let Some(f) = owner_finding(project, slo, task) {
                out.push(f);
            }
        }
    }
}

fn owner_finding(project: &Project, slo: &Slo, task: &Task) -> Option<Finding> {
    let owner = task.owner.trim();
    if owner.is_empty() {
        return None;
    }
    // One person may play several personas: any of them will do.
    let personas: Vec<usize> = project
        .people
        .iter()
        .filter(|p| p.name.trim() == owner)
        .map(|p| p.persona)
        .collect();
    let step = task.step.raci_step();
    let id = |rule: LintRule| rule.id(&[&slo.id, &task.id]);
    if personas.is_empty() {
        return Some(Finding::new(
            id(LintRule::RoadmapOwnerUnknown),
            Some(&slo.id),
            Level::Warning,
            format!("\"{}\" is owned by someone not in the people list", task.title),
            format!(
                "The roadmap of {} gives \"{}\" to {owner}, who is not mapped to any persona. Add {owner} to the \
                 people list with the persona they play, or give the task to someone who is.",
                name(slo),
                task.title
            ),
        ));
    }
    let row = project.raci.cells.get(task.step.raci_row());
    let responsible = personas.iter().any(|&p| {
        row.and_then(|r| r.get(p)).is_some_and(|cell| {
            cell.chars()
                .any(|c| matches!(c.to_ascii_uppercase(), 'R' | 'A'))
        })
    });
    (!responsible).then(|| {
        let played: Vec<String> = personas.iter().map(|&p| project.raci.persona_name(p)).collect();
        Finding::new(
            id(LintRule::RoadmapOwnerNotResponsible),
            Some(&slo.id),
            Level::Warning,
            format!("{owner} owns \"{}\" but is neither R nor A for it", task.title),
            format!(
                "\"{}\" of {} belongs to the RACI step \"{step}\", where {} ({owner}) is neither responsible nor \
                 accountable. Give the task to someone who is, or change the chart if this is how the team works.",
                task.title,
                name(slo),
                played.join(", "),
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::roadmap::{Task, TaskStep};

    fn with_task(owner: &str, step: TaskStep) -> Project {
        let mut p = shop();
        p.slos[0].roadmap = vec![Task {
            id: step.as_str().into(),
            step,
            title: step.title().into(),
            owner: owner.into(),
            ..Task::default()
        }];
        p
    }

    fn roadmap_ids(p: &Project) -> Vec<String> {
        lint_project(p, &LintContext::default())
            .into_iter()
            .filter(|f| f.id.starts_with("roadmap-"))
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn an_owner_who_is_r_or_a_for_the_step_draws_no_finding() {
        // The shop maps "person 4" to SRE IC, A/R for Measure+Track SLO.
        assert_eq!(
            roadmap_ids(&with_task("person 4", TaskStep::InstrumentSli)),
            Vec::<String>::new()
        );
        // "person 2", Engineering/Quality Lead, is A for Execute SLO Roadmap.
        assert_eq!(
            roadmap_ids(&with_task("person 2", TaskStep::Runbook)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_owner_who_is_only_consulted_or_informed_is_named_with_the_step() {
        // The Executive (person 6) is I on every row.
        let p = with_task("person 6", TaskStep::InstrumentSli);
        assert_eq!(
            roadmap_ids(&p),
            ["roadmap-owner-not-responsible:checkout:instrument-sli"]
        );
        let f = lint_project(&p, &LintContext::default());
        let f = find(&f, "roadmap-owner-not-responsible:checkout:instrument-sli");
        assert_eq!(
            f.title,
            "person 6 owns \"Instrument the SLI\" but is neither R nor A for it"
        );
        assert!(
            f.explanation
                .contains("\"Measure+Track SLO\", where Executive (VP) (person 6)"),
            "{}",
            f.explanation
        );
    }

    #[test]
    fn a_person_playing_several_personas_needs_only_one_of_them_responsible() {
        let mut p = with_task("person 6", TaskStep::FirstReview);
        assert_eq!(roadmap_ids(&p).len(), 1);
        p.people.push(Person {
            name: "person 6".into(),
            persona: 0,
        });
        // Service Owner is A for Recalibrate/Planning.
        assert_eq!(roadmap_ids(&p), Vec::<String>::new());
    }

    #[test]
    fn an_owner_outside_the_people_list_is_unknown_and_an_empty_owner_is_not_judged() {
        assert_eq!(
            roadmap_ids(&with_task("Zoe", TaskStep::Dashboard)),
            ["roadmap-owner-unknown:checkout:dashboard"]
        );
        assert_eq!(
            roadmap_ids(&with_task(" ", TaskStep::Dashboard)),
            Vec::<String>::new()
        );
    }
}
