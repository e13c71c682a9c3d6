//! The review journal of each SLO and the agenda of the regular SLO meeting.
//!
//! A journal entry is one dated review: who attended, the replay figures at
//! that time (SLI, budget remaining, alerts fired, policy tiers entered),
//! notes and decisions; a decision may set a new target, which goes through
//! the change log (`record::decide_target`). The agenda, for a day, gathers
//! what the meeting should look at: SLOs due for revisit, budgets overspent,
//! policy tiers triggered, alerts that fired, changes still waiting for a
//! reason and open roadmap tasks (`roadmap`).
//!
//! The per-project review notes of older files (`Project::review_notes`,
//! one note per review question) are kept as they are and still shown
//! beside the journal. Pure data and functions; the Markdown is written by
//! `export::records`. Must not know the browser.

use crate::format::{ratio, share};
use crate::model::{Project, Severity, Slo, Target};
use crate::record::{check_date, decide_target, pending, FieldChange};
use crate::worker::Report;
use serde::{Deserialize, Serialize};

/// One dated review of an SLO.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JournalEntry {
    /// YYYY-MM-DD.
    pub date: String,
    pub attendees: Vec<String>,
    /// The replay figures at the time, when data was replayed.
    pub figures: Option<Figures>,
    pub notes: String,
    pub decisions: String,
}

/// What a replay said, kept with the entry that quoted it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Figures {
    /// Good over all events of the data, as a ratio.
    pub sli: f64,
    /// Share of the budget left at the end of the data (negative: overspent).
    pub budget_remaining: f64,
    pub pages: usize,
    pub tickets: usize,
    /// Names of the error budget policy's tiers the replay entered, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
}

impl Figures {
    /// The figures of a replay report; `tiers` are the policy's, which the
    /// report's tier spans index.
    pub fn of(report: &Report, tiers: &[crate::policy::Tier]) -> Figures {
        let pages = report
            .alerts
            .iter()
            .filter(|a| a.severity == Severity::Page)
            .count();
        let mut entered: Vec<String> = Vec::new();
        for span in &report.tiers {
            if let Some(t) = tiers.get(span.tier) {
                if !entered.contains(&t.name) {
                    entered.push(t.name.clone());
                }
            }
        }
        Figures {
            sli: report.sli,
            budget_remaining: report.budget_remaining,
            pages,
            tickets: report.alerts.len() - pages,
            tiers: entered,
        }
    }

    pub fn overspent(&self) -> bool {
        self.budget_remaining < 0.0
    }

    pub fn alerts_fired(&self) -> usize {
        self.pages + self.tickets
    }

    /// In words: "SLI 99.85%, 40% of the budget left, 2 pages and 1 ticket."
    pub fn summary(&self) -> String {
        let budget = if self.overspent() {
            format!("budget overspent by {}", share(-self.budget_remaining))
        } else {
            format!("{} of the budget left", share(self.budget_remaining))
        };
        let tiers = if self.tiers.is_empty() {
            String::new()
        } else {
            format!("; policy tiers entered: {}", self.tiers.join(", "))
        };
        format!(
            "SLI {}, {budget}, {} page{} and {} ticket{}{tiers}.",
            ratio(self.sli),
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            self.tickets,
            if self.tickets == 1 { "" } else { "s" }
        )
    }
}

/// Adds `entry` to the SLO's journal, in date order (an entry of the same
/// day goes after the ones already there). With `new_target`, the decision
/// changes the target through the change log, the decisions text being the
/// reason. Refused without a valid date, or with a new target but no
/// decision written.
pub fn add_entry(
    slo: &mut Slo,
    entry: JournalEntry,
    new_target: Option<Target>,
) -> Result<(), String> {
    check_date(&entry.date)?;
    let date = entry.date.trim().to_string();
    if let Some(target) = new_target {
        if entry.decisions.trim().is_empty() {
            return Err("write the decision that changes the target".into());
        }
        let why = format!("Review of {date}: {}", entry.decisions.trim());
        decide_target(slo, target, &date, &why)?;
    }
    let entry = JournalEntry {
        date,
        attendees: entry
            .attendees
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        ..entry
    };
    let at = slo.journal.partition_point(|e| e.date <= entry.date);
    slo.journal.insert(at, entry);
    Ok(())
}

/// The latest figures the journal holds for the SLO, with their day.
pub fn latest_figures(slo: &Slo) -> Option<(&str, &Figures)> {
    slo.journal
        .iter()
        .rev()
        .find_map(|e| e.figures.as_ref().map(|f| (e.date.as_str(), f)))
}

/// Figures known for one SLO and where they come from ("2026-11-20", "this
/// replay").
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub slo: String,
    pub as_of: String,
    pub figures: Figures,
}

/// The meeting's agenda for one day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agenda {
    pub date: String,
    /// SLO names with a revisit date on or before the day, and that date.
    pub due: Vec<(String, String)>,
    /// SLOs whose latest figures show the budget overspent.
    pub overspent: Vec<Known>,
    /// SLOs whose latest figures show policy tiers entered.
    pub tiers: Vec<Known>,
    /// SLOs whose latest figures show alerts that fired.
    pub fired: Vec<Known>,
    /// SLO names with changes made since agreement and not yet logged.
    pub unlogged: Vec<(String, Vec<FieldChange>)>,
    /// Roadmap tasks not done, by SLO (see [`open_roadmap_tasks`]).
    pub roadmap: Vec<OpenTask>,
}

/// The agenda for `date`. The figures of each SLO are the latest of its
/// journal, unless `current` brings fresher ones (the replay on screen,
/// for the SLO of that id).
pub fn agenda(project: &Project, date: &str, current: Option<&Known>) -> Result<Agenda, String> {
    check_date(date)?;
    let date = date.trim();
    let mut out = Agenda {
        date: date.to_string(),
        roadmap: open_roadmap_tasks(project, date),
        ..Agenda::default()
    };
    for slo in &project.slos {
        let revisit = slo.revisit.trim();
        if !revisit.is_empty() && revisit <= date {
            out.due.push((slo.name.clone(), revisit.to_string()));
        }
        let known = match current.filter(|c| c.slo == slo.id) {
            Some(c) => Some(Known {
                slo: slo.name.clone(),
                ..c.clone()
            }),
            None => latest_figures(slo).map(|(day, figures)| Known {
                slo: slo.name.clone(),
                as_of: day.to_string(),
                figures: figures.clone(),
            }),
        };
        if let Some(k) = known {
            if k.figures.overspent() {
                out.overspent.push(k.clone());
            }
            if !k.figures.tiers.is_empty() {
                out.tiers.push(k.clone());
            }
            if k.figures.alerts_fired() > 0 {
                out.fired.push(k);
            }
        }
        let changes = pending(slo);
        if !changes.is_empty() {
            out.unlogged.push((slo.name.clone(), changes));
        }
    }
    Ok(out)
}

/// A roadmap task not done yet, for the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTask {
    pub slo: String,
    pub title: String,
    /// Empty when unassigned.
    pub owner: String,
    /// Empty when not set.
    pub due: String,
    /// Past its due date on the meeting's day.
    pub overdue: bool,
}

/// Every roadmap task not done, SLO by SLO in project order, each task in
/// roadmap order.
pub fn open_roadmap_tasks(project: &Project, date: &str) -> Vec<OpenTask> {
    project
        .slos
        .iter()
        .flat_map(|slo| {
            slo.roadmap
                .iter()
                .filter(|t| t.status != crate::roadmap::TaskStatus::Done)
                .map(|t| OpenTask {
                    slo: slo.name.clone(),
                    title: t.title.clone(),
                    owner: t.owner.trim().to_string(),
                    due: t.due.trim().to_string(),
                    overdue: crate::roadmap::overdue(t, date),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str) -> JournalEntry {
        JournalEntry {
            date: date.into(),
            attendees: vec![" Ana ".into(), "".into()],
            notes: "Fine.".into(),
            ..JournalEntry::default()
        }
    }

    fn figures(budget_remaining: f64, pages: usize, tickets: usize) -> Figures {
        Figures {
            sli: 0.9985,
            budget_remaining,
            pages,
            tickets,
            tiers: Vec::new(),
        }
    }

    #[test]
    fn figures_read_as_a_sentence_with_the_budget_left_or_overspent() {
        assert_eq!(
            figures(0.4, 2, 1).summary(),
            "SLI 99.85%, 40% of the budget left, 2 pages and 1 ticket."
        );
        assert_eq!(
            figures(-0.25, 1, 0).summary(),
            "SLI 99.85%, budget overspent by 25%, 1 page and 0 tickets."
        );
    }

    #[test]
    fn the_tiers_entered_close_the_sentence() {
        let mut f = figures(0.1, 0, 1);
        f.tiers = vec!["Look".into(), "Plan reliability work".into()];
        assert_eq!(
            f.summary(),
            "SLI 99.85%, 10% of the budget left, 0 pages and 1 ticket; policy tiers entered: Look, Plan reliability work."
        );
    }

    #[test]
    fn the_agenda_lists_tiers_entered_and_open_roadmap_tasks_with_the_overdue_ones() {
        use crate::roadmap::{Task, TaskStatus, TaskStep};
        let mut p = meeting_project();
        let mut e = entry("2026-11-20");
        e.figures = Some(Figures {
            tiers: vec!["Escalate".into()],
            ..figures(0.5, 0, 0)
        });
        add_entry(&mut p.slos[0], e, None).unwrap();
        let task = |title: &str, due: &str, status| Task {
            id: title.into(),
            step: TaskStep::Other,
            title: title.into(),
            owner: "Ana".into(),
            due: due.into(),
            status,
        };
        p.slos[1].roadmap = vec![
            task("Dashboard", "2026-11-15", TaskStatus::Doing),
            task("Runbook", "2026-12-15", TaskStatus::Todo),
            task("Instrument", "2026-11-01", TaskStatus::Done),
        ];
        let a = agenda(&p, "2026-12-01", None).unwrap();
        assert_eq!(a.tiers.len(), 1);
        assert_eq!(a.tiers[0].slo, "A");
        let open: Vec<(&str, bool)> = a
            .roadmap
            .iter()
            .map(|t| (t.title.as_str(), t.overdue))
            .collect();
        assert_eq!(open, vec![("Dashboard", true), ("Runbook", false)]);
        assert_eq!(a.roadmap[0].slo, "B");
    }

    #[test]
    fn entries_are_kept_in_date_order_with_trimmed_attendees() {
        let mut slo = Slo::default();
        add_entry(&mut slo, entry("2026-11-20"), None).unwrap();
        add_entry(&mut slo, entry("2026-10-01"), None).unwrap();
        add_entry(&mut slo, entry("2026-11-20"), None).unwrap();
        let dates: Vec<&str> = slo.journal.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(dates, vec!["2026-10-01", "2026-11-20", "2026-11-20"]);
        assert_eq!(slo.journal[0].attendees, vec!["Ana".to_string()]);
        assert!(add_entry(&mut slo, entry("someday"), None).is_err());
    }

    #[test]
    fn a_decision_with_a_new_target_changes_it_through_the_log() {
        let mut slo = Slo::default();
        let mut e = entry("2026-12-01");
        e.decisions = "Users tolerate more errors; relax".into();
        add_entry(&mut slo, e, Some(Target(0.995))).unwrap();
        assert_eq!(slo.target, Target(0.995));
        let change = &slo.record.changes[0];
        assert_eq!(
            (change.old.as_str(), change.new.as_str()),
            ("99.9%", "99.5%")
        );
        assert_eq!(
            change.why,
            "Review of 2026-12-01: Users tolerate more errors; relax"
        );
        assert_eq!(slo.journal.len(), 1);
    }

    #[test]
    fn a_new_target_without_a_written_decision_is_refused_and_nothing_changes() {
        let mut slo = Slo::default();
        assert!(add_entry(&mut slo, entry("2026-12-01"), Some(Target(0.99))).is_err());
        assert_eq!(slo.target, Target(0.999));
        assert!(slo.journal.is_empty());
    }

    #[test]
    fn the_latest_figures_come_from_the_latest_entry_that_has_some() {
        let mut slo = Slo::default();
        let mut old = entry("2026-10-01");
        old.figures = Some(figures(0.4, 0, 1));
        add_entry(&mut slo, old, None).unwrap();
        add_entry(&mut slo, entry("2026-11-01"), None).unwrap();
        assert_eq!(
            latest_figures(&slo),
            Some(("2026-10-01", &figures(0.4, 0, 1)))
        );
    }

    fn meeting_project() -> Project {
        let slo = |id: &str, revisit: &str| Slo {
            id: id.into(),
            name: id.to_uppercase(),
            revisit: revisit.into(),
            ..Slo::default()
        };
        let mut p = Project {
            slos: vec![
                slo("a", "2026-11-30"),
                slo("b", "2026-12-01"),
                slo("c", "2026-12-02"),
                slo("d", ""),
            ],
            ..Project::default()
        };
        let mut e = entry("2026-11-15");
        e.figures = Some(figures(-0.25, 2, 1));
        add_entry(&mut p.slos[2], e, None).unwrap();
        p
    }

    #[test]
    fn the_agenda_lists_slos_due_on_or_before_the_day() {
        let a = agenda(&meeting_project(), "2026-12-01", None).unwrap();
        assert_eq!(
            a.due,
            vec![
                ("A".to_string(), "2026-11-30".to_string()),
                ("B".to_string(), "2026-12-01".to_string())
            ]
        );
        assert!(agenda(&meeting_project(), "tomorrow", None).is_err());
    }

    #[test]
    fn the_agenda_quotes_overspent_budgets_and_alerts_from_the_journal() {
        let a = agenda(&meeting_project(), "2026-12-01", None).unwrap();
        assert_eq!(a.overspent.len(), 1);
        assert_eq!(a.overspent[0].slo, "C");
        assert_eq!(a.overspent[0].as_of, "2026-11-15");
        assert_eq!(a.fired[0].figures.alerts_fired(), 3);
    }

    #[test]
    fn the_replay_on_screen_replaces_the_journal_figures_of_its_slo() {
        let current = Known {
            slo: "c".into(),
            as_of: "this replay".into(),
            figures: figures(0.5, 0, 0),
        };
        let a = agenda(&meeting_project(), "2026-12-01", Some(&current)).unwrap();
        assert!(a.overspent.is_empty());
        assert!(a.fired.is_empty());
    }

    #[test]
    fn the_agenda_names_changes_still_waiting_for_a_reason() {
        let mut p = meeting_project();
        crate::record::agree(&mut p, 3, &["Ana".into()], "2026-11-01").unwrap();
        p.slos[3].target = Target(0.99);
        let a = agenda(&p, "2026-12-01", None).unwrap();
        assert_eq!(a.unlogged.len(), 1);
        assert_eq!(a.unlogged[0].0, "D");
        assert_eq!(a.unlogged[0].1[0].new, "99%");
    }
}
