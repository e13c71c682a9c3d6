//! Lints on the RACI chart and the people who play its personas: each step
//! needs exactly one A and at least one R, and each accountable persona needs
//! a person. Public on its own because the Language page shows these beside
//! the chart. Must not look at SLOs.

use super::{Finding, LintRule};
use crate::diag::Level;
use crate::model::{Person, Raci};
use std::collections::BTreeMap;

/// RACI checks on the chart alone: each step needs exactly one A and at least
/// one R. Ids: `raci-no-a:<step>`, `raci-many-a:<step>`, `raci-no-r:<step>`
/// with the step's slug. All warnings: the editor warns, it does not forbid.
pub fn raci_findings(raci: &Raci) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, row) in raci.cells.iter().enumerate() {
        let step = raci.step_name(i);
        let step_id = crate::model::slug(&step);
        let holders = |letter: char| -> Vec<String> {
            row.iter()
                .enumerate()
                .filter(|(_, cell)| cell.chars().any(|c| c.eq_ignore_ascii_case(&letter)))
                .map(|(j, _)| raci.persona_name(j))
                .collect()
        };
        let accountable = holders('A');
        if accountable.is_empty() {
            out.push(Finding::new(
                LintRule::RaciNoA.id(&[&step_id]),
                None,
                Level::Warning,
                format!("No one is accountable for \"{step}\""),
                format!(
                    "The step \"{step}\" has no A. Without one person who answers for the outcome, the step \
                     waits for someone to feel responsible. Mark exactly one persona A."
                ),
            ));
        } else if accountable.len() > 1 {
            out.push(Finding::new(
                LintRule::RaciManyA.id(&[&step_id]),
                None,
                Level::Warning,
                format!("More than one persona is accountable for \"{step}\""),
                format!(
                    "The step \"{step}\" has {} A's ({}). When several answer for the same outcome, each can assume \
                     another will decide. The usual rule is exactly one A per step: keep one, make the others R or C.",
                    accountable.len(),
                    accountable.join(", "),
                ),
            ));
        }
        if holders('R').is_empty() {
            out.push(Finding::new(
                LintRule::RaciNoR.id(&[&step_id]),
                None,
                Level::Warning,
                format!("No one is responsible for \"{step}\""),
                format!(
                    "The step \"{step}\" has no R: no one is down to do the work. Mark at least one persona R \
                     (the accountable one may also be responsible: AR)."
                ),
            ));
        }
    }
    out
}

/// Checks that each persona holding an A is played by at least one person.
/// Ids: `raci-no-people` when no one is mapped at all, otherwise
/// `raci-a-unstaffed:<persona>` once per persona, naming its steps.
pub fn raci_staffing_findings(raci: &Raci, people: &[Person]) -> Vec<Finding> {
    if people.is_empty() {
        return vec![Finding::new(
            LintRule::RaciNoPeople.id(&[]),
            None,
            Level::Info,
            "No people are mapped to personas yet",
            "The RACI chart names roles, not people. Map each person of the team to the persona they play, \
             so every step has a name beside its A and R."
                .into(),
        )];
    }
    // Collected once: scanning every person per cell is cells x people.
    let played: std::collections::BTreeSet<usize> = people.iter().map(|p| p.persona).collect();
    let mut steps_by_persona: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, row) in raci.cells.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            if cell.chars().any(|c| c.eq_ignore_ascii_case(&'A')) && !played.contains(&j) {
                steps_by_persona
                    .entry(j)
                    .or_default()
                    .push(raci.step_name(i));
            }
        }
    }
    steps_by_persona
        .into_iter()
        .map(|(j, steps)| {
            let persona = raci.persona_name(j);
            let quoted: Vec<String> = steps.iter().map(|s| format!("\"{s}\"")).collect();
            Finding::new(
                // Keyed by the canonical name: a new title keeps the acknowledgement.
                LintRule::RaciAUnstaffed.id(&[&raci.persona_key(j)]),
                None,
                Level::Warning,
                format!("No one plays {persona}, who is accountable"),
                format!(
                    "{persona} holds the A for {}, but no person is mapped to that persona, so no one answers \
                     for those steps. Map someone to it, or move the A to a persona the team has.",
                    quoted.join(", "),
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::find;
    use super::*;

    #[test]
    fn default_raci_chart_warns_about_two_accountables_for_existence_of_slo() {
        let f = raci_findings(&Raci::default());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].id, "raci-many-a:existence-of-slo");
        assert_eq!(f[0].level, Level::Warning);
        assert!(
            f[0].explanation
                .contains("Service Owner, Software Engineer/QE"),
            "{}",
            f[0].explanation
        );
        assert_eq!(f[0].slo_id, None);
    }

    #[test]
    fn raci_step_without_a_or_r_is_named() {
        let mut raci = Raci::default();
        raci.cells[3] = vec![
            "C".into(),
            "I".into(),
            "".into(),
            "c".into(),
            "I".into(),
            "I".into(),
            "I".into(),
        ];
        let ids: Vec<String> = raci_findings(&raci).into_iter().map(|f| f.id).collect();
        assert!(
            ids.contains(&"raci-no-a:measure-track-slo".to_string()),
            "{ids:?}"
        );
        assert!(
            ids.contains(&"raci-no-r:measure-track-slo".to_string()),
            "{ids:?}"
        );
        let f = raci_findings(&raci);
        assert!(find(&f, "raci-no-a:measure-track-slo")
            .title
            .contains("Measure+Track SLO"));
    }

    #[test]
    fn raci_letters_are_read_case_insensitively() {
        let raci = Raci {
            cells: vec![vec!["ar".into(), "c".into()]],
            ..Raci::default()
        };
        assert_eq!(raci_findings(&raci), Vec::new());
    }

    #[test]
    fn findings_use_our_titles_but_keep_ids_that_survive_a_new_title() {
        let mut raci = Raci::default();
        raci.set_title(0, "Tech lead");
        raci.set_title(3, "Developer");
        let f = raci_findings(&raci);
        assert_eq!(f[0].id, "raci-many-a:existence-of-slo");
        assert!(
            f[0].explanation.contains("(Tech lead, Developer)"),
            "{}",
            f[0].explanation
        );
        let staffing = raci_staffing_findings(
            &raci,
            &[Person {
                name: "Ana".into(),
                persona: 1,
            }],
        );
        assert!(staffing
            .iter()
            .any(|x| x.id == "raci-a-unstaffed:service-owner"
                && x.title == "No one plays Tech lead, who is accountable"));
    }

    #[test]
    fn an_added_step_without_an_a_is_named_by_its_own_words() {
        let mut raci = Raci::default();
        raci.add_step("Announce SLO changes").unwrap();
        let ids: Vec<String> = raci_findings(&raci).into_iter().map(|f| f.id).collect();
        assert!(
            ids.contains(&"raci-no-a:announce-slo-changes".to_string()),
            "{ids:?}"
        );
        assert!(
            ids.contains(&"raci-no-r:announce-slo-changes".to_string()),
            "{ids:?}"
        );
    }

    #[test]
    fn raci_without_people_asks_to_map_them() {
        let f = raci_staffing_findings(&Raci::default(), &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "raci-no-people");
    }

    #[test]
    fn accountable_persona_without_a_person_is_named_with_its_steps() {
        let people = [Person {
            name: "Ana".into(),
            persona: 0,
        }];
        let f = raci_staffing_findings(&Raci::default(), &people);
        let ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "raci-a-unstaffed:product-owner-s",
                "raci-a-unstaffed:engineering-quality-lead",
                "raci-a-unstaffed:software-engineer-qe",
                "raci-a-unstaffed:sre-ic",
                "raci-a-unstaffed:engineering-manager-director",
            ]
        );
        let lead = find(&f, "raci-a-unstaffed:engineering-quality-lead");
        assert!(
            lead.explanation
                .contains("\"Propose SLO Roadmap\", \"Execute SLO Roadmap\""),
            "{}",
            lead.explanation
        );
    }
}
