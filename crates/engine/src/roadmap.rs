//! The SLO roadmap: the work of bringing one SLO to life (instrument the SLI,
//! a dashboard, alert routing, a runbook, the switch from permissive to
//! enforcing, the first review), each task with an owner from the people
//! list, a due date and a status. Owns the task types, the default task list
//! generated for an SLO, the RACI step each task belongs to, and the
//! progress figures the Start page and the guide show.
//!
//! Must not judge owners (that is `lint::roadmap`), write Markdown (that is
//! `export::plan`) or read the clock: "today" is always a parameter.

use crate::model::{Person, Raci, Slo, RACI_STEPS};
use serde::{Deserialize, Serialize};

/// One piece of work on an SLO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// Stable within the SLO: the step's id for a default task, `task-N` for
    /// one the team added. Keys lint findings.
    pub id: String,
    pub step: TaskStep,
    pub title: String,
    /// The name of a person of the people list; empty when unassigned.
    pub owner: String,
    /// ISO date (YYYY-MM-DD); empty when not set.
    pub due: String,
    pub status: TaskStatus,
}

impl Default for Task {
    fn default() -> Self {
        Task {
            id: String::new(),
            step: TaskStep::Other,
            title: String::new(),
            owner: String::new(),
            due: String::new(),
            status: TaskStatus::Todo,
        }
    }
}

/// What kind of work a task is: decides its RACI row and default title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStep {
    InstrumentSli,
    Dashboard,
    AlertRouting,
    Runbook,
    /// The switch from permissive to enforcing; its due date is the switch date.
    Enforce,
    FirstReview,
    Other,
}

impl TaskStep {
    pub const ALL: [TaskStep; 7] = [
        TaskStep::InstrumentSli,
        TaskStep::Dashboard,
        TaskStep::AlertRouting,
        TaskStep::Runbook,
        TaskStep::Enforce,
        TaskStep::FirstReview,
        TaskStep::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStep::InstrumentSli => "instrument-sli",
            TaskStep::Dashboard => "dashboard",
            TaskStep::AlertRouting => "alert-routing",
            TaskStep::Runbook => "runbook",
            TaskStep::Enforce => "enforce",
            TaskStep::FirstReview => "first-review",
            TaskStep::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStep> {
        TaskStep::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The task's title when the list is generated.
    pub fn title(self) -> &'static str {
        match self {
            TaskStep::InstrumentSli => "Instrument the SLI",
            TaskStep::Dashboard => "Build the SLO dashboard",
            TaskStep::AlertRouting => "Route the burn-rate alerts",
            TaskStep::Runbook => "Write the runbook",
            TaskStep::Enforce => "Switch from permissive to enforcing",
            TaskStep::FirstReview => "Hold the first review",
            TaskStep::Other => "Other work",
        }
    }

    /// Index into `model::RACI_STEPS` of the step this work belongs to:
    /// measuring is "Measure+Track SLO", the switch to enforcing is agreeing
    /// on the SLO, the first review is "Recalibrate/Planning", and the rest
    /// executes the roadmap.
    pub fn raci_row(self) -> usize {
        match self {
            TaskStep::InstrumentSli | TaskStep::Dashboard => 3,
            TaskStep::Enforce => 2,
            TaskStep::FirstReview => 8,
            TaskStep::AlertRouting | TaskStep::Runbook | TaskStep::Other => 6,
        }
    }

    /// The RACI row's name.
    pub fn raci_step(self) -> &'static str {
        RACI_STEPS[self.raci_row()]
    }

    /// Days from the roadmap's start to the default due date.
    fn days_after_start(self) -> i64 {
        match self {
            TaskStep::InstrumentSli => 7,
            TaskStep::Dashboard => 14,
            TaskStep::AlertRouting => 21,
            TaskStep::Runbook => 28,
            // A month of permissive running first: the team sees the SLO on real traffic.
            TaskStep::Enforce => 60,
            TaskStep::FirstReview | TaskStep::Other => 90,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    Todo,
    Doing,
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Todo => "todo",
            TaskStatus::Doing => "doing",
            TaskStatus::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Todo => "To do",
            TaskStatus::Doing => "In progress",
            TaskStatus::Done => "Done",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The default roadmap of `slo`, from `start` (YYYY-MM-DD): the six steps,
/// each owned by the first person whose persona is R for its RACI row (or
/// A when no one is R), due a week apart, the switch to enforcing after two
/// months, the first review on the SLO's revisit date or after three.
pub fn default_tasks(slo: &Slo, people: &[Person], raci: &Raci, start: &str) -> Vec<Task> {
    TaskStep::ALL
        .into_iter()
        .filter(|s| *s != TaskStep::Other)
        .map(|step| {
            let due = match step {
                TaskStep::FirstReview if valid_date(&slo.revisit) => slo.revisit.clone(),
                _ => add_days(start, step.days_after_start()).unwrap_or_default(),
            };
            Task {
                id: step.as_str().into(),
                step,
                title: step.title().into(),
                owner: suggested_owner(step, people, raci).unwrap_or_default(),
                due,
                status: TaskStatus::Todo,
            }
        })
        .collect()
}

/// The first person whose persona holds R for the step's row, else A.
pub fn suggested_owner(step: TaskStep, people: &[Person], raci: &Raci) -> Option<String> {
    let row = raci.cells.get(step.raci_row())?;
    let holds = |p: &Person, letter: char| {
        row.get(p.persona)
            .is_some_and(|cell| cell.chars().any(|c| c.eq_ignore_ascii_case(&letter)))
    };
    let named = || people.iter().filter(|p| !p.name.trim().is_empty());
    named()
        .find(|p| holds(p, 'R'))
        .or_else(|| named().find(|p| holds(p, 'A')))
        .map(|p| p.name.trim().to_string())
}

/// A fresh id for a task the team adds: `task-N`, N one past the highest used.
pub fn next_task_id(tasks: &[Task]) -> String {
    let highest = tasks
        .iter()
        .filter_map(|t| t.id.strip_prefix("task-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("task-{}", highest + 1)
}

/// Whether `s` is a date written YYYY-MM-DD.
pub fn valid_date(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
}

fn add_days(date: &str, days: i64) -> Option<String> {
    let d: jiff::civil::Date = date.parse().ok()?;
    let later = d.checked_add(jiff::Span::new().days(days)).ok()?;
    Some(later.to_string())
}

/// Tasks done, all tasks, and tasks past their due date and not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoadmapProgress {
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
}

impl RoadmapProgress {
    fn add(mut self, other: RoadmapProgress) -> RoadmapProgress {
        self.done += other.done;
        self.total += other.total;
        self.overdue += other.overdue;
        self
    }

    /// `4 of 6 tasks done, 1 overdue`, or `no tasks yet`.
    pub fn sentence(&self) -> String {
        if self.total == 0 {
            return "no tasks yet".into();
        }
        let mut s = format!(
            "{} of {} task{} done",
            self.done,
            self.total,
            if self.total == 1 { "" } else { "s" }
        );
        if self.overdue > 0 {
            s.push_str(&format!(", {} overdue", self.overdue));
        }
        s
    }
}

/// Whether a task not done is past its due date on `today` (YYYY-MM-DD).
pub fn overdue(task: &Task, today: &str) -> bool {
    // ISO dates of one format compare as text.
    task.status != TaskStatus::Done
        && valid_date(&task.due)
        && valid_date(today)
        && task.due.as_str() < today
}

/// Progress of one SLO's roadmap on `today`.
pub fn progress(tasks: &[Task], today: &str) -> RoadmapProgress {
    RoadmapProgress {
        done: tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count(),
        total: tasks.len(),
        overdue: tasks.iter().filter(|t| overdue(t, today)).count(),
    }
}

/// Progress of every SLO's roadmap together.
pub fn project_progress(slos: &[Slo], today: &str) -> RoadmapProgress {
    slos.iter()
        .map(|s| progress(&s.roadmap, today))
        .fold(RoadmapProgress::default(), RoadmapProgress::add)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Person> {
        // Ana: Engineering/Quality Lead (2); Sam: SRE IC (4); Ben: Software Engineer/QE (3).
        [("Ana", 2), ("Sam", 4), ("Ben", 3)]
            .iter()
            .map(|(n, p)| Person {
                name: (*n).into(),
                persona: *p,
            })
            .collect()
    }

    #[test]
    fn the_default_roadmap_has_the_six_steps_owned_by_the_first_responsible_person() {
        let slo = Slo::default();
        let tasks = default_tasks(&slo, &people(), &Raci::default(), "2026-12-01");
        let rows: Vec<(&str, &str, &str)> = tasks
            .iter()
            .map(|t| (t.id.as_str(), t.owner.as_str(), t.due.as_str()))
            .collect();
        // Measure+Track: Ana is R (Sam is A/R, listed after her). Agree on
        // SLO: Ana is R. Execute SLO Roadmap: Ana is only A, Sam is R and
        // listed before Ben. Recalibrate/Planning: Ana is R.
        assert_eq!(
            rows,
            [
                ("instrument-sli", "Ana", "2026-12-08"),
                ("dashboard", "Ana", "2026-12-15"),
                ("alert-routing", "Sam", "2026-12-22"),
                ("runbook", "Sam", "2026-12-29"),
                ("enforce", "Ana", "2027-01-30"),
                ("first-review", "Ana", "2027-03-01"),
            ]
        );
        assert!(tasks.iter().all(|t| t.status == TaskStatus::Todo));
    }

    #[test]
    fn the_first_review_is_due_on_the_slos_revisit_date_when_it_has_one() {
        let slo = Slo {
            revisit: "2027-02-14".into(),
            ..Slo::default()
        };
        let tasks = default_tasks(&slo, &[], &Raci::default(), "2026-12-01");
        assert_eq!(tasks[5].due, "2027-02-14");
        assert_eq!(tasks[5].owner, "", "no people, no owner");
    }

    #[test]
    fn every_step_maps_to_a_raci_row() {
        let steps: Vec<&str> = TaskStep::ALL.iter().map(|s| s.raci_step()).collect();
        assert_eq!(
            steps,
            [
                "Measure+Track SLO",
                "Measure+Track SLO",
                "Execute SLO Roadmap",
                "Execute SLO Roadmap",
                "Agree on SLO",
                "Recalibrate/Planning",
                "Execute SLO Roadmap"
            ]
        );
    }

    #[test]
    fn progress_counts_done_and_overdue_tasks_on_a_given_day() {
        let task = |due: &str, status| Task {
            due: due.into(),
            status,
            ..Task::default()
        };
        let tasks = [
            task("2026-11-30", TaskStatus::Done),
            task("2026-11-30", TaskStatus::Doing),
            task("2026-12-01", TaskStatus::Todo),
            task("", TaskStatus::Todo),
        ];
        let p = progress(&tasks, "2026-12-01");
        assert_eq!(
            p,
            RoadmapProgress {
                done: 1,
                total: 4,
                overdue: 1
            }
        );
        assert_eq!(p.sentence(), "1 of 4 tasks done, 1 overdue");
        assert_eq!(RoadmapProgress::default().sentence(), "no tasks yet");
    }

    #[test]
    fn added_tasks_get_the_next_free_number() {
        let mut tasks = default_tasks(&Slo::default(), &[], &Raci::default(), "2026-12-01");
        assert_eq!(next_task_id(&tasks), "task-1");
        tasks.push(Task {
            id: "task-7".into(),
            ..Task::default()
        });
        assert_eq!(next_task_id(&tasks), "task-8");
    }

    #[test]
    fn dates_must_be_written_year_month_day() {
        assert!(valid_date("2026-12-01"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("1/12/2026"));
        assert!(!valid_date(""));
    }
}
