//! The plan a team runs, in the Markdown SLO document: the error budget
//! policy's tiers (when each applies, the actions in the team's words, who
//! decides) and each SLO's roadmap (task, owner, due date, status, RACI
//! step). Called from `markdown`, whose escaping it uses for every piece of
//! user text. Must not decide anything: words come from `policy` and
//! `roadmap`.

use super::markdown::cell;
use crate::model::{Project, Slo};
use crate::policy::{decider, describe_when};
use std::fmt::Write;

/// `### Tiers` under the policy: one row per tier, mildest first.
pub fn tiers_section(out: &mut String, project: &Project) {
    let tiers = &project.policy.tiers;
    let _ = writeln!(out, "### Tiers\n");
    if tiers.is_empty() {
        let _ = writeln!(out, "_No tiers: the policy is the text above only._\n");
        return;
    }
    let _ = writeln!(
        out,
        "Mildest first; when several apply, the last one listed does.\n\n| Tier | When | Actions | Who decides |\n|---|---|---|---|"
    );
    for tier in tiers {
        let actions = if tier.actions.trim().is_empty() {
            "Not written yet"
        } else {
            tier.actions.as_str()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&tier.name),
            cell(&describe_when(tier)),
            cell(actions),
            cell(&decider(tier, &project.people, &project.raci)),
        );
    }
    out.push('\n');
}

/// `### Roadmap` of one SLO, when it has tasks.
pub fn roadmap_section(out: &mut String, slo: &Slo) {
    if slo.roadmap.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### Roadmap\n\n| Task | Owner | Due | Status | RACI step |\n|---|---|---|---|---|"
    );
    for task in &slo.roadmap {
        let owner = if task.owner.trim().is_empty() {
            "Unassigned"
        } else {
            task.owner.as_str()
        };
        let due = if task.due.trim().is_empty() {
            "Not set"
        } else {
            task.due.as_str()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&task.title),
            cell(owner),
            cell(due),
            task.status.label(),
            task.step.raci_step(),
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::roadmap::{Task, TaskStatus, TaskStep};

    #[test]
    fn the_default_ladder_is_a_table_naming_who_decides() {
        let project = Project {
            people: vec![Person {
                name: "Ana".into(),
                persona: 1,
            }],
            ..Project::default()
        };
        let mut out = String::new();
        tiers_section(&mut out, &project);
        assert!(
            out.contains("| Tier | When | Actions | Who decides |"),
            "{out}"
        );
        assert!(
            out.contains("| Plan reliability work | less than 25% of the budget left, or burning faster than 2x over the last 7 d |"),
            "{out}"
        );
        assert!(out.contains("| Product Owner(s) (Ana) |"), "{out}");
        assert!(!out.contains("only reliability and security work ships"));
    }

    #[test]
    fn user_text_in_tiers_and_tasks_is_escaped() {
        let mut project = Project::default();
        project.policy.tiers[0].name = "<b>|x".into();
        let mut out = String::new();
        tiers_section(&mut out, &project);
        assert!(out.contains("| &lt;b&gt;\\|x |"), "{out}");
        let slo = Slo {
            roadmap: vec![Task {
                id: "task-1".into(),
                step: TaskStep::Other,
                title: "*ship* it".into(),
                owner: String::new(),
                due: "2027-01-05".into(),
                status: TaskStatus::Doing,
            }],
            ..Slo::default()
        };
        let mut out = String::new();
        roadmap_section(&mut out, &slo);
        assert!(
            out.contains(
                "| \\*ship\\* it | Unassigned | 2027-01-05 | In progress | Execute SLO Roadmap |"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_policy_without_tiers_says_so_and_an_slo_without_tasks_has_no_roadmap() {
        let mut project = Project::default();
        project.policy.tiers.clear();
        let mut out = String::new();
        tiers_section(&mut out, &project);
        assert!(out.contains("_No tiers"));
        let mut out = String::new();
        roadmap_section(&mut out, &Slo::default());
        assert_eq!(out, "");
    }
}
