//! The workshop's sections of the SLO document, in Markdown: the candidate
//! journeys and SLIs with their votes (most first) and what was chosen, and
//! the risk exercise's table and verdict.
//!
//! Only writes: the ranking is `ideas::ranking`, the figures and sentences
//! are `risk::analyse`. User text goes through `markdown::text`/`cell`.
//! `markdown::export` calls both functions; each writes nothing when the
//! project holds nothing for it.

use super::markdown::{cell, text};
use crate::format;
use crate::ideas::{self, Ideas};
use crate::model::Project;
use crate::risk;
use std::fmt::Write;

/// "## Workshop: candidates and votes", when the room proposed anything.
pub fn ideas_section(out: &mut String, ideas: &Ideas) {
    if ideas.journeys.is_empty() && ideas.slis.is_empty() {
        return;
    }
    let ranking = ideas::ranking(ideas);
    let _ = writeln!(out, "## Workshop: candidates and votes\n");
    let _ = writeln!(
        out,
        "Dot votes recorded in the workshop, most votes first.\n"
    );
    if !ranking.journeys.is_empty() {
        let _ = writeln!(out, "### Candidate journeys\n");
        let _ = writeln!(out, "| Journey | Proposed by | Votes | Outcome |");
        let _ = writeln!(out, "|---|---|---:|---|");
        for c in &ranking.journeys {
            let outcome = match &c.chosen {
                Some(name) => format!("Chosen: journey “{}”", cell(name)),
                None => "Not chosen".into(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {outcome} |",
                cell(&c.name),
                cell(&c.proposed_by),
                c.votes
            );
        }
        out.push('\n');
    }
    if !ranking.slis.is_empty() {
        let _ = writeln!(out, "### Candidate SLIs\n");
        let _ = writeln!(
            out,
            "| SLI | Journey | From the menu | Proposed by | Votes | Outcome |"
        );
        let _ = writeln!(out, "|---|---|---|---|---:|---|");
        for c in &ranking.slis {
            let menu = ideas::template(ideas, &c.template)
                .map(|t| cell(&t.name()))
                .unwrap_or_default();
            let outcome = match &c.chosen {
                Some(id) => format!("Chosen: SLO `{}`", id.replace('`', "")),
                None => "Not chosen".into(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {menu} | {} | {} | {outcome} |",
                cell(&c.text),
                cell(&c.journey),
                cell(&c.proposed_by),
                c.votes
            );
        }
        out.push('\n');
    }
}

/// "## Risk analysis", when the project lists risks and has an SLO to weigh them against.
pub fn risks_section(out: &mut String, project: &Project) {
    if project.risks.items.is_empty() {
        return;
    }
    let Some(analysis) = risk::analyse(project) else {
        return;
    };
    let _ = writeln!(out, "## Risk analysis\n");
    let _ = writeln!(
        out,
        "Expected bad minutes a year = (time to detect + time to repair) x times a year x share of users affected.\n"
    );
    let _ = writeln!(
        out,
        "| Risk | Time to detect | Time to repair | Times a year | Users affected | Bad minutes a year | Share of the yearly budget |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    for r in &analysis.rows {
        let over = if r.overspends {
            " (alone over budget)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} min | {} | {} | {} | {}{over} |",
            cell(&r.name),
            r.detect_text(),
            risk::minutes(r.repair_minutes),
            format::number(r.per_year),
            format::ratio_with(r.users_share, 2),
            risk::minutes(r.bad_minutes),
            format::share(r.budget_share),
        );
    }
    out.push('\n');
    for sentence in analysis.summary() {
        let _ = writeln!(out, "{}\n", text(&sentence));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ideas::{add_from_menu, add_journey, choose_sli, vote, Candidate};
    use crate::model::{Service, Slo, Target};
    use crate::risk::{Risk, Risks};

    #[test]
    fn candidates_are_listed_by_votes_with_what_was_chosen() {
        let mut p = Project {
            services: vec![Service {
                name: "shop".into(),
                ..Service::default()
            }],
            ..Project::default()
        };
        let a = add_journey(&mut p.ideas, "Browse | list", "Ana").unwrap();
        let b = add_journey(&mut p.ideas, "Check out", "Bo").unwrap();
        vote(&mut p.ideas, Candidate::Journey(b), 4);
        vote(&mut p.ideas, Candidate::Journey(a), 1);
        let s = add_from_menu(&mut p.ideas, "request-latency", "Check out", "Cy").unwrap();
        vote(&mut p.ideas, Candidate::Sli(s), 3);
        choose_sli(&mut p, s).unwrap();
        let mut out = String::new();
        ideas_section(&mut out, &p.ideas);
        let check_out = out
            .find("| Check out | Bo | 4 | Chosen: journey “Check out” |")
            .unwrap();
        let browse = out
            .find("| Browse \\| list | Ana | 1 | Not chosen |")
            .unwrap();
        assert!(check_out < browse, "most votes first:\n{out}");
        assert!(
            out.contains(
                "| Latency | Check out | Latency | Cy | 3 | Chosen: SLO `check-out-latency` |"
            ),
            "{out}"
        );
    }

    #[test]
    fn no_candidates_no_section() {
        let mut out = String::new();
        ideas_section(&mut out, &Ideas::default());
        risks_section(&mut out, &Project::default());
        assert_eq!(out, "");
    }

    #[test]
    fn the_risk_table_gives_60_bad_minutes_against_525_6() {
        let p = Project {
            slos: vec![Slo {
                name: "Checkout".into(),
                target: Target(0.999),
                ..Slo::default()
            }],
            risks: Risks {
                slo: String::new(),
                items: vec![Risk {
                    name: "Bad <deploy>".into(),
                    detect_minutes: 5.0,
                    repair_minutes: 25.0,
                    per_year: 4.0,
                    users_share: 0.5,
                    detect_from_alerts: false,
                }],
            },
            ..Project::default()
        };
        let mut out = String::new();
        risks_section(&mut out, &p);
        assert!(
            out.contains("| Bad &lt;deploy&gt; | 5 min | 25 min | 4 | 50% | 60 | 11% |"),
            "{out}"
        );
        assert!(
            out.contains("an error budget of 525.6 bad minutes a year."),
            "{out}"
        );
        assert!(
            out.contains("No risk alone overspends the budget."),
            "{out}"
        );
    }
}
