//! The SLO document for review, in Markdown: where each SLO stands
//! (drafted, agreed, exported, from `lifecycle`), service, journey, SLI
//! specification and implementation, target and window, budget table,
//! alerts table, error budget policy, RACI with names, commitment and the
//! revisit date.
//!
//! Every piece of user text goes through `text` (or `cell` inside tables),
//! which escapes Markdown syntax and HTML so a name like `</script>` or
//! `| # *` shows as typed. Figures come from `budget` and `alerting`.

use super::promql::{error_ratio_template, event_queries};
use super::{window_text, ExportFile};
use crate::alerting::{budget_spent_when_fired, detection_time, threshold};
use crate::budget::{self, budget_seconds, human_seconds};
use crate::format::trim_zeros;
use crate::lifecycle::{progress_of, standing};
use crate::model::{BudgetingMethod, Enforcement, EventKind, Project, Sli, Slo};
use std::fmt::Write;

pub fn export(project: &Project, slos: &[&Slo], base: &str) -> ExportFile {
    let mut out = String::new();
    let title = if slos.len() == 1 {
        slos[0].name.as_str()
    } else {
        project.name.as_str()
    };
    let _ = writeln!(out, "# SLO document: {}\n", text(title));
    if !project.description.is_empty() {
        let _ = writeln!(out, "{}\n", paragraph(&project.description));
    }
    for slo in slos {
        slo_section(&mut out, project, slo);
        super::plan::roadmap_section(&mut out, slo);
    }
    policy_section(&mut out, project);
    raci_section(&mut out, project);
    review_section(&mut out, project);
    super::workshop::ideas_section(&mut out, &project.ideas);
    super::workshop::risks_section(&mut out, project);
    ExportFile {
        name: format!("{base}.slo.md"),
        mime: "text/markdown",
        content: out,
    }
}

fn slo_section(out: &mut String, project: &Project, slo: &Slo) {
    let _ = writeln!(out, "## {}\n", text(&slo.name));
    let progress = progress_of(project, &slo.id);
    let enforcement = match slo.enforcement {
        Enforcement::Permissive => "Permissive: practised, nothing is triggered by it yet.",
        Enforcement::Enforcing => "Enforcing: the error budget policy applies.",
    };
    let _ = writeln!(
        out,
        "**Status: {}.** {} {enforcement}\n",
        progress.label(),
        standing(progress, slo.commitment)
    );
    if !slo.description.is_empty() {
        let _ = writeln!(out, "{}\n", paragraph(&slo.description));
    }
    let service = project.services.iter().find(|s| s.name == slo.service);
    let mut facts: Vec<(&str, String)> = vec![
        ("Status", progress.label().to_string()),
        ("Service", text(or_unset(&slo.service))),
    ];
    if let Some(svc) = service {
        if !svc.owner.is_empty() {
            facts.push(("Service owner", text(&svc.owner)));
        }
        if !svc.description.is_empty() {
            facts.push(("What it does", cell(&svc.description)));
        }
        if svc.internal_only {
            facts.push((
                "Users",
                "internal only: its customers are other teams".into(),
            ));
        }
    }
    facts.push(("User journey", text(or_unset(&slo.journey))));
    facts.push(("Target", format!("{}%", slo.target)));
    facts.push(("Window", text(&window_text(&slo.window))));
    facts.push(("Budgeting", budgeting_text(&slo.budgeting)));
    if !slo.labels.is_empty() {
        let labels: Vec<String> = slo
            .labels
            .iter()
            .map(|(k, v)| format!("{}: {}", text(k), text(v)))
            .collect();
        facts.push(("Labels", labels.join(", ")));
    }
    facts.push((
        "Revisit on",
        text(if slo.revisit.is_empty() {
            "not set"
        } else {
            &slo.revisit
        }),
    ));
    let _ = writeln!(out, "| | |\n|---|---|");
    for (k, v) in facts {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    out.push('\n');

    let _ = writeln!(
        out,
        "### SLI\n\n**Specification:** {}\n",
        sli_specification(slo)
    );
    let _ = writeln!(
        out,
        "**Implementation** (PromQL error ratio; `{{{{.window}}}}` stands for the rate window):\n"
    );
    let (_, events, total) = event_queries(&slo.sli);
    let _ = writeln!(out, "{}", code_block(&error_ratio_template(&slo.sli)));
    let _ = writeln!(
        out,
        "Events query:\n\n{}\nTotal query:\n\n{}",
        code_block(&events),
        code_block(&total)
    );

    budget_table(out, slo);
    alerts_table(out, slo);
    super::records::record_section(out, slo);
    super::records::journal_section(out, slo);
}

fn or_unset(s: &str) -> &str {
    if s.trim().is_empty() {
        "not set"
    } else {
        s
    }
}

fn budgeting_text(b: &BudgetingMethod) -> String {
    match b {
        BudgetingMethod::Occurrences => "occurrences (good events over all events)".into(),
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => format!(
            "time slices of {}; a slice is good when at least {}% of it is good",
            slice.prometheus(),
            trim_zeros(slice_target * 100.0, 4)
        ),
        BudgetingMethod::RatioTimeslices { slice } => format!(
            "ratio time slices of {} (mean of per-slice ratios)",
            slice.prometheus()
        ),
    }
}

fn sli_specification(slo: &Slo) -> String {
    match &slo.sli {
        Sli::Ratio {
            counts: EventKind::Bad,
            ..
        } => "the share of events that are not bad (1 - bad / total).".into(),
        Sli::Ratio {
            counts: EventKind::Good,
            ..
        } => "the share of events that are good (good / total).".into(),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            ..
        } => format!(
            "the share of requests faster than {} s, from the histogram {}.",
            trim_zeros(*threshold_seconds, 6),
            text(histogram_metric)
        ),
        Sli::Availability { .. } => "the share of probe samples that were up.".into(),
    }
}

/// Allowed bad time for the SLO window, then per day, week, month, quarter, year.
fn budget_table(out: &mut String, slo: &Slo) {
    let b = slo.target.error_budget();
    let _ = writeln!(
        out,
        "### Error budget\n\nThe budget is {}% of the window's events or time.\n",
        trim_zeros(b * 100.0, 6)
    );
    let _ = writeln!(out, "| Period | Allowed bad time |\n|---|---|");
    let window = slo.window.nominal();
    let _ = writeln!(
        out,
        "| SLO window ({}) | {} |",
        cell(&window_text(&slo.window)),
        human_seconds(budget_seconds(slo.target, window))
    );
    // `budget_table` ends with the window itself, already written first.
    for row in budget::budget_table(slo.target, window)
        .iter()
        .filter(|r| !r.label.starts_with("Window"))
    {
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell(&row.label),
            human_seconds(row.allowed_bad_seconds)
        );
    }
    out.push('\n');
}

/// One row per window pair: threshold, budget spent when it fires, detection at a full outage.
fn alerts_table(out: &mut String, slo: &Slo) {
    let _ = writeln!(out, "### Alerts\n");
    if slo.alerting.alerts.is_empty() {
        let _ = writeln!(out, "No burn-rate alerts are configured.\n");
        return;
    }
    let window = slo.window.nominal();
    let _ = writeln!(
        out,
        "| Severity | Long window | Short window | Burn factor | Error ratio threshold | Budget spent when it fires | Detection at a full outage |\n|---|---|---|---|---|---|---|"
    );
    for a in &slo.alerting.alerts {
        let detection = match detection_time(a, slo.target, 1.0) {
            Some(secs) => human_seconds(secs),
            None => "never fires".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}x | {}% | {}% | {detection} |",
            a.severity.as_str(),
            a.long.prometheus(),
            a.short.prometheus(),
            trim_zeros(a.factor, 4),
            trim_zeros(threshold(a, slo.target) * 100.0, 6),
            trim_zeros(budget_spent_when_fired(a, window) * 100.0, 2),
        );
    }
    let runbook = if slo.alerting.runbook_url.is_empty() {
        "not set".to_string()
    } else {
        text(&slo.alerting.runbook_url)
    };
    let _ = writeln!(out, "\nRunbook: {runbook}\n");
}

fn policy_section(out: &mut String, project: &Project) {
    let p = &project.policy;
    let _ = writeln!(out, "## Error budget policy\n");
    let sections = [
        ("Purpose", &p.purpose),
        ("SLO miss", &p.slo_miss),
        ("Outage policy", &p.outage),
        ("Escalation", &p.escalation),
        ("Exclusions", &p.exclusions),
        ("Review cadence", &p.review_cadence),
    ];
    for (title, body) in sections {
        let body = if body.trim().is_empty() {
            "_Not written yet._".to_string()
        } else {
            paragraph(body)
        };
        let _ = writeln!(out, "### {title}\n\n{body}\n");
    }
    if p.single_incident_share > 0.0 {
        let _ = writeln!(
            out,
            "A single incident spending more than {}% of the budget gets a postmortem.\n",
            trim_zeros(p.single_incident_share * 100.0, 2)
        );
    }
    super::plan::tiers_section(out, project);
}

/// The iteration review: the team's notes per review question, when it wrote any.
fn review_section(out: &mut String, project: &Project) {
    let answered: Vec<(&str, &String)> = crate::review::QUESTIONS
        .iter()
        .filter_map(|(id, q)| {
            project
                .review_notes
                .get(*id)
                .filter(|n| !n.trim().is_empty())
                .map(|n| (*q, n))
        })
        .collect();
    if answered.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Iteration review\n");
    for (question, note) in answered {
        let _ = writeln!(out, "### {}\n\n{}\n", text(question), paragraph(note));
    }
}

fn raci_section(out: &mut String, project: &Project) {
    let _ = writeln!(
        out,
        "## RACI\n\nR responsible, A accountable, C consulted, I informed.\n"
    );
    super::records::rosetta_section(out, &project.raci);
    let raci = &project.raci;
    let headers: Vec<String> = (0..raci.persona_count())
        .map(|i| {
            let persona = raci.persona_name(i);
            let names: Vec<&str> = project
                .people
                .iter()
                .filter(|p| p.persona == i)
                .map(|p| p.name.as_str())
                .collect();
            if names.is_empty() {
                persona.to_string()
            } else {
                format!("{persona}: {}", names.join(", "))
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "| Step | {} |",
        headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---|".repeat(raci.persona_count()));
    for i in 0..raci.step_count() {
        let cells: Vec<String> = (0..raci.persona_count())
            .map(|j| cell(raci.cell(i, j)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell(&raci.step_name(i)),
            cells.join(" | ")
        );
    }
    out.push('\n');
}

/// User text on one line of Markdown: inline syntax and HTML escaped, line
/// breaks as hard breaks, a leading `#`, `>`, `-`, `+` or `1.` made literal.
pub fn text(s: &str) -> String {
    s.split('\n')
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// User text in a table cell: as `text`, pipes escaped too.
pub fn cell(s: &str) -> String {
    text(s)
}

/// Multi-line user text as a paragraph with hard line breaks.
pub fn paragraph(s: &str) -> String {
    s.split('\n')
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("  \n")
}

fn escape_line(line: &str) -> String {
    let line = line.trim_end_matches('\r');
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.chars().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // "1. x" at line start would become a list.
    if let Some(pos) = out.find(". ") {
        if pos > 0 && out[..pos].chars().all(|c| c.is_ascii_digit()) {
            out.insert(pos, '\\');
        }
    }
    out
}

/// A fenced code block whose fence is longer than any backtick run inside.
fn code_block(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}promql\n{code}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes `text`: what a Markdown renderer shows for the escaped text.
    fn rendered(escaped: &str) -> String {
        let mut out = String::new();
        let mut chars = escaped
            .replace("<br>", "\n")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .chars()
            .collect::<Vec<_>>()
            .into_iter();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
        out.replace("&amp;", "&")
    }

    #[test]
    fn review_notes_are_exported_under_their_questions_and_empty_ones_left_out() {
        let mut project = Project::default();
        let slo = Slo::default();
        project
            .review_notes
            .insert("met".into(), "Missed in March: a <bad> deploy".into());
        project.review_notes.insert("threats".into(), "  ".into());
        let doc = export(&project, &[&slo], "x").content;
        assert!(doc.contains("\n## Iteration review\n"));
        assert!(doc.contains("### Are they met, and if not, why and who fixes it?"));
        assert!(doc.contains("Missed in March: a &lt;bad&gt; deploy"));
        assert!(!doc.contains("What usually threatens the budget"));
        let without = export(&Project::default(), &[&slo], "x").content;
        assert!(!without.contains("Iteration review"));
    }

    #[test]
    fn markdown_and_html_in_names_show_as_typed() {
        for s in [
            "# not a heading",
            "a | b",
            "</script><b>x</b>",
            "`code` *em* _u_ [l](x)",
            "1. not a list",
            "- no bullet",
            "é 日本 &amp;",
            "two\nlines",
        ] {
            let e = text(s);
            assert!(!e.contains('<') || e.contains("<br>"), "{e}");
            assert!(!e.contains(" | ") || e.contains("\\|"), "{e}");
            assert_eq!(rendered(&e), s, "{e}");
        }
    }

    #[test]
    fn the_budget_table_gives_43_minutes_12_seconds_for_99_9_over_30_days() {
        let p = Project {
            slos: vec![Slo::default()],
            ..Project::default()
        };
        let f = export(&p, &[&p.slos[0]], "x");
        assert!(
            f.content
                .contains("| SLO window (30d rolling) | 43 min 12 s |"),
            "{}",
            f.content
        );
        assert!(
            f.content.contains("| Day | 1 min 26.4 s |"),
            "{}",
            f.content
        );
    }

    #[test]
    fn the_alerts_table_gives_threshold_spend_and_detection() {
        let p = Project {
            slos: vec![Slo::default()],
            ..Project::default()
        };
        let f = export(&p, &[&p.slos[0]], "x");
        assert!(
            f.content
                .contains("| page | 1h | 5m | 14.4x | 1.44% | 2% | 51.8 s |"),
            "{}",
            f.content
        );
    }

    #[test]
    fn raci_headers_name_the_people_mapped_to_each_persona() {
        let p = Project {
            people: vec![crate::model::Person {
                name: "Ana | Ops".into(),
                persona: 0,
            }],
            slos: vec![Slo::default()],
            ..Project::default()
        };
        let f = export(&p, &[&p.slos[0]], "x");
        assert!(
            f.content.contains("| Step | Service Owner: Ana \\| Ops |"),
            "{}",
            f.content
        );
        assert!(
            f.content.contains("| Existence of SLO | AR |"),
            "{}",
            f.content
        );
    }

    #[test]
    fn a_drafted_slo_is_written_as_a_proposal_never_as_agreed() {
        let p = Project {
            slos: vec![Slo::default()],
            ..Project::default()
        };
        let doc = export(&p, &[&p.slos[0]], "x").content;
        assert!(doc.contains("| Status | Drafted |"), "{doc}");
        assert!(doc.contains("**Status: Drafted.** Proposed as a committed target."));
        assert!(!doc.contains("has agreed"), "{doc}");
    }

    #[test]
    fn each_slo_of_a_project_document_says_its_own_status() {
        let mut p = Project {
            slos: vec![
                Slo {
                    id: "a".into(),
                    name: "A".into(),
                    ..Slo::default()
                },
                Slo {
                    id: "b".into(),
                    name: "B".into(),
                    ..Slo::default()
                },
            ],
            ..Project::default()
        };
        p.progress
            .insert("b".into(), crate::model::Progress::Agreed);
        let doc = export(&p, &[&p.slos[0], &p.slos[1]], "x").content;
        let (a, b) = doc.split_at(doc.find("## B").unwrap());
        assert!(a.contains("| Status | Drafted |") && !a.contains("has agreed"));
        assert!(b.contains("| Status | Agreed |"));
        assert!(b.contains("Committed: the team has agreed to this target"));
    }

    #[test]
    fn code_fences_outgrow_backticks_in_queries() {
        assert!(code_block("a ```` b").starts_with("`````promql"));
    }
}
