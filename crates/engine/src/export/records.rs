//! The team's records as Markdown and annotations: each SLO's agreement and
//! change log, its review journal, the Rosetta stone of persona titles, and
//! the agenda of the SLO meeting; and the record as one annotation for the
//! formats that carry annotations (OpenSLO, Pyrra).
//!
//! The data and its rules are `record`, `journal` and `words`; this module
//! only writes them, every piece of user text through the Markdown escaping
//! of `markdown`. Must not decide what is due, pending or agreed.

use super::markdown::{cell, paragraph, text};
use crate::journal::{Agenda, JournalEntry, Known};
use crate::model::{Raci, Slo};
use crate::record::{pending, Agreement, Change};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// The agreement and the change log of one SLO; nothing for an SLO with no
/// record (so drafts read as they always did).
pub fn record_section(out: &mut String, slo: &Slo) {
    let record = &slo.record;
    let waiting = pending(slo);
    if record.agreement.is_none() && record.changes.is_empty() && waiting.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Agreement and changes\n");
    match &record.agreement {
        Some(a) => {
            let _ = writeln!(out, "{}\n", agreed_sentence(a));
        }
        None => {
            let _ = writeln!(out, "No agreement is recorded.\n");
        }
    }
    if !record.changes.is_empty() {
        let _ = writeln!(
            out,
            "| Date | Changed | Old | New | Why |\n|---|---|---|---|---|"
        );
        for c in &record.changes {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&c.date),
                c.field.as_str(),
                cell(&c.old),
                cell(&c.new),
                cell(&c.why)
            );
        }
        out.push('\n');
    }
    if !waiting.is_empty() {
        let _ = writeln!(
            out,
            "Changed since the last record, with no reason given yet:\n"
        );
        for c in waiting {
            let _ = writeln!(
                out,
                "- {}: {} → {}",
                c.field.as_str(),
                text(&c.old),
                text(&c.new)
            );
        }
        out.push('\n');
    }
}

fn agreed_sentence(a: &Agreement) -> String {
    format!(
        "Agreed by {} on {}.",
        text(&a.people.join(", ")),
        text(&a.date)
    )
}

/// The review journal of one SLO, oldest first; nothing when it is empty.
pub fn journal_section(out: &mut String, slo: &Slo) {
    if slo.journal.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Review journal\n");
    for e in &slo.journal {
        journal_entry(out, e);
    }
}

fn journal_entry(out: &mut String, e: &JournalEntry) {
    let _ = writeln!(out, "#### Review of {}\n", text(&e.date));
    let attendees = if e.attendees.is_empty() {
        "not recorded".to_string()
    } else {
        text(&e.attendees.join(", "))
    };
    let _ = writeln!(out, "Attendees: {attendees}\n");
    if let Some(f) = &e.figures {
        let _ = writeln!(out, "Figures then: {}\n", f.summary());
    }
    for (title, body) in [("Notes", &e.notes), ("Decisions", &e.decisions)] {
        if !body.trim().is_empty() {
            let _ = writeln!(out, "{title}:  \n{}\n", paragraph(body));
        }
    }
}

/// The Rosetta stone (canonical persona, our title), when the team renamed
/// any persona.
pub fn rosetta_section(out: &mut String, raci: &Raci) {
    let renamed: Vec<_> = raci
        .rosetta()
        .into_iter()
        .filter(|t| t.ours.is_some())
        .collect();
    if renamed.is_empty() {
        return;
    }
    let _ = writeln!(out, "Our titles for the canonical personas:\n");
    let _ = writeln!(out, "| Persona | Our title |\n|---|---|");
    for t in renamed {
        let _ = writeln!(
            out,
            "| {} | {} |",
            t.canonical,
            cell(t.ours.as_deref().unwrap_or_default())
        );
    }
    out.push('\n');
}

/// The meeting agenda as Markdown to paste into the meeting notes.
pub fn agenda_markdown(a: &Agenda) -> String {
    let mut out = format!("# SLO meeting, {}\n\n", text(&a.date));
    let mut section = |title: &str, lines: Vec<String>, none: &str| {
        let _ = writeln!(out, "## {title}\n");
        if lines.is_empty() {
            let _ = writeln!(out, "{none}\n");
        } else {
            for l in lines {
                let _ = writeln!(out, "- {l}");
            }
            out.push('\n');
        }
    };
    section(
        "Due for revisit",
        a.due
            .iter()
            .map(|(name, day)| format!("{} (revisit on {})", text(name), text(day)))
            .collect(),
        "No SLO is due.",
    );
    section(
        "Budgets overspent",
        a.overspent.iter().map(known_line).collect(),
        "No budget is known to be overspent.",
    );
    section(
        "Policy tiers triggered",
        a.tiers
            .iter()
            .map(|k| {
                format!(
                    "{}: {} (as of {})",
                    text(&k.slo),
                    text(&k.figures.tiers.join(", ")),
                    text(&k.as_of)
                )
            })
            .collect(),
        "No policy tier is known to have been triggered.",
    );
    section(
        "Alerts that fired",
        a.fired
            .iter()
            .map(|k| {
                format!(
                    "{}: {} page{} and {} ticket{} (as of {})",
                    text(&k.slo),
                    k.figures.pages,
                    if k.figures.pages == 1 { "" } else { "s" },
                    k.figures.tickets,
                    if k.figures.tickets == 1 { "" } else { "s" },
                    text(&k.as_of)
                )
            })
            .collect(),
        "No alert is known to have fired.",
    );
    section(
        "Changes waiting for a reason",
        a.unlogged
            .iter()
            .map(|(name, changes)| {
                let what: Vec<String> = changes
                    .iter()
                    .map(|c| format!("{} {} → {}", c.field.as_str(), text(&c.old), text(&c.new)))
                    .collect();
                format!("{}: {}", text(name), what.join("; "))
            })
            .collect(),
        "Every change since agreement has its reason.",
    );
    section(
        "Open roadmap tasks",
        a.roadmap.iter().map(open_task_line).collect(),
        "No roadmap task is open.",
    );
    out
}

/// "Checkout: Dashboard (Ana, due 2026-11-15, overdue)".
fn open_task_line(t: &crate::journal::OpenTask) -> String {
    let mut facts = vec![if t.owner.is_empty() {
        "no owner".to_string()
    } else {
        text(&t.owner)
    }];
    if !t.due.is_empty() {
        facts.push(format!("due {}", text(&t.due)));
    }
    if t.overdue {
        facts.push("overdue".into());
    }
    format!(
        "{}: {} ({})",
        text(&t.slo),
        text(&t.title),
        facts.join(", ")
    )
}

fn known_line(k: &Known) -> String {
    format!(
        "{}: {} (as of {})",
        text(&k.slo),
        k.figures.summary().trim_end_matches('.'),
        text(&k.as_of)
    )
}

/// What the annotation `slo-workbench.dev/record` holds: the agreement and
/// the change log, as JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordNote {
    pub agreement: Option<Agreement>,
    pub changes: Vec<Change>,
}

/// The record as the value of one annotation; `None` when there is nothing
/// to carry.
pub fn record_annotation(slo: &Slo) -> Option<String> {
    let r = &slo.record;
    if r.agreement.is_none() && r.changes.is_empty() {
        return None;
    }
    serde_json::to_string(&RecordNote {
        agreement: r.agreement.clone(),
        changes: r.changes.clone(),
    })
    .ok()
}

/// Reads the annotation back into the SLO's record: the agreed terms are
/// taken as the terms read, so only later edits show as pending.
pub fn read_record_annotation(slo: &mut Slo, json: &str) -> Result<(), String> {
    let note: RecordNote =
        serde_json::from_str(json).map_err(|e| format!("not a record the workbench wrote: {e}"))?;
    slo.record.baseline = note
        .agreement
        .is_some()
        .then(|| Box::new(crate::record::Terms::of(slo)));
    slo.record.agreement = note.agreement;
    slo.record.changes = note.changes;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{add_entry, agenda, Figures};
    use crate::model::{Project, Target};
    use crate::record::{agree, log_pending};

    fn agreed_project() -> Project {
        let mut p = Project {
            slos: vec![Slo {
                id: "checkout".into(),
                name: "Checkout".into(),
                ..Slo::default()
            }],
            ..Project::default()
        };
        agree(&mut p, 0, &["Ana".into(), "Ben".into()], "2026-11-30").unwrap();
        p
    }

    #[test]
    fn an_slo_without_a_record_or_journal_prints_nothing() {
        let mut out = String::new();
        record_section(&mut out, &Slo::default());
        journal_section(&mut out, &Slo::default());
        assert_eq!(out, "");
    }

    #[test]
    fn the_record_names_who_agreed_and_every_change_with_its_reason() {
        let mut p = agreed_project();
        p.slos[0].target = Target(0.995);
        log_pending(&mut p.slos[0], "2026-12-01", "Too strict | for *now*").unwrap();
        let mut out = String::new();
        record_section(&mut out, &p.slos[0]);
        assert_eq!(
            out,
            "### Agreement and changes\n\nAgreed by Ana, Ben on 2026-11-30.\n\n\
             | Date | Changed | Old | New | Why |\n|---|---|---|---|---|\n\
             | 2026-12-01 | target | 99.9% | 99.5% | Too strict \\| for \\*now\\* |\n\n"
        );
    }

    #[test]
    fn changes_without_a_reason_are_shown_as_such() {
        let mut p = agreed_project();
        p.slos[0].target = Target(0.99);
        let mut out = String::new();
        record_section(&mut out, &p.slos[0]);
        assert!(
            out.ends_with("with no reason given yet:\n\n- target: 99.9% → 99%\n\n"),
            "{out}"
        );
    }

    #[test]
    fn a_journal_entry_prints_attendees_figures_and_decisions() {
        let mut slo = Slo::default();
        let entry = JournalEntry {
            date: "2026-12-01".into(),
            attendees: vec!["Ana".into(), "<b>Ben</b>".into()],
            figures: Some(Figures {
                sli: 0.9985,
                budget_remaining: -0.5,
                pages: 1,
                tickets: 2,
                tiers: Vec::new(),
            }),
            notes: String::new(),
            decisions: "Keep the target".into(),
        };
        add_entry(&mut slo, entry, None).unwrap();
        let mut out = String::new();
        journal_section(&mut out, &slo);
        assert_eq!(
            out,
            "### Review journal\n\n#### Review of 2026-12-01\n\n\
             Attendees: Ana, &lt;b&gt;Ben&lt;/b&gt;\n\n\
             Figures then: SLI 99.85%, budget overspent by 50%, 1 page and 2 tickets.\n\n\
             Decisions:  \nKeep the target\n\n"
        );
    }

    #[test]
    fn the_agenda_has_a_heading_per_subject_and_says_when_one_is_empty() {
        let mut p = agreed_project();
        p.slos[0].revisit = "2026-12-01".into();
        let md = agenda_markdown(&agenda(&p, "2026-12-01", None).unwrap());
        assert_eq!(
            md,
            "# SLO meeting, 2026-12-01\n\n\
             ## Due for revisit\n\n- Checkout (revisit on 2026-12-01)\n\n\
             ## Budgets overspent\n\nNo budget is known to be overspent.\n\n\
             ## Policy tiers triggered\n\nNo policy tier is known to have been triggered.\n\n\
             ## Alerts that fired\n\nNo alert is known to have fired.\n\n\
             ## Changes waiting for a reason\n\nEvery change since agreement has its reason.\n\n\
             ## Open roadmap tasks\n\nNo roadmap task is open.\n\n"
        );
    }

    #[test]
    fn the_agenda_quotes_figures_with_their_day() {
        let p = agreed_project();
        let known = Known {
            slo: "checkout".into(),
            as_of: "this replay".into(),
            figures: Figures {
                sli: 0.99,
                budget_remaining: -9.0,
                pages: 3,
                tickets: 0,
                tiers: vec!["Escalate".into()],
            },
        };
        let md = agenda_markdown(&agenda(&p, "2026-12-01", Some(&known)).unwrap());
        assert!(md.contains("- Checkout: SLI 99%, budget overspent by 900%, 3 pages and 0 tickets; policy tiers entered: Escalate (as of this replay)\n"), "{md}");
        assert!(
            md.contains("- Checkout: 3 pages and 0 tickets (as of this replay)\n"),
            "{md}"
        );
    }

    #[test]
    fn an_open_task_names_its_owner_due_date_and_whether_it_is_late() {
        let t = crate::journal::OpenTask {
            slo: "Checkout".into(),
            title: "Dashboard".into(),
            owner: String::new(),
            due: "2026-11-15".into(),
            overdue: true,
        };
        assert_eq!(
            open_task_line(&t),
            "Checkout: Dashboard (no owner, due 2026-11-15, overdue)"
        );
    }

    #[test]
    fn the_rosetta_stone_lists_only_renamed_personas() {
        let mut raci = Raci::default();
        let mut out = String::new();
        rosetta_section(&mut out, &raci);
        assert_eq!(out, "");
        raci.set_title(1, "PM");
        rosetta_section(&mut out, &raci);
        assert!(out.contains("| Product Owner(s) | PM |\n"), "{out}");
    }

    #[test]
    fn the_record_annotation_reads_back_into_an_agreed_record() {
        let mut p = agreed_project();
        p.slos[0].target = Target(0.995);
        log_pending(&mut p.slos[0], "2026-12-01", "relax").unwrap();
        let json = record_annotation(&p.slos[0]).unwrap();
        let mut back = p.slos[0].clone();
        back.record = Default::default();
        read_record_annotation(&mut back, &json).unwrap();
        assert_eq!(back.record, p.slos[0].record);
        assert_eq!(record_annotation(&Slo::default()), None);
        assert!(read_record_annotation(&mut back, "[1]").is_err());
    }
}
