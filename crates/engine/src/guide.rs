//! The bootstrap guide: the roadmap a new team follows, the workshop steps
//! with their checklists, and where a project stands on each step.
//!
//! Pure data plus `status`, which reads a project and says which steps have
//! something in them. It judges presence, not quality (quality is `lint`'s
//! job), and knows nothing of pages other than their route names.

use crate::model::{Progress, Project, Raci};

/// One step of the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    pub title: &'static str,
    /// What to do and why, in two or three sentences.
    pub text: &'static str,
    /// Route path of the page that does it (`language`, `research`...).
    pub page: &'static str,
    /// Suggested workshop time, minutes.
    pub minutes: u32,
    /// What the facilitator checks before moving on.
    pub checklist: &'static [&'static str],
}

/// The step ids in the order of the twelve steps earlier versions had, by
/// which the checklist ticks they kept in the browser are numbered (the
/// risk and gathering steps came later, in the middle).
pub const BROWSER_TICK_STEPS: [&str; 12] = [
    "words", "people", "raci", "service", "journeys", "slis", "slo", "alerts", "policy", "share",
    "roadmap", "iterate",
];

/// The roadmap, in order.
pub const STEPS: &[Step] = &[
    Step {
        id: "words",
        title: "Learn the words",
        text: "Agree on what SLI, SLO, SLA and error budget mean before anyone argues about numbers. The glossary defines every term in one click.",
        page: "language",
        minutes: 5,
        checklist: &[
            "Everyone can say the difference between an SLI and an SLO",
            "We know an SLA is an SLO with consequences",
            "We know what an error budget is for",
        ],
    },
    Step {
        id: "people",
        title: "Map people to personas",
        text: "Name who plays each role: service owner, product owner, engineering lead, engineers, SRE, manager, executive. In a small team one person plays several.",
        page: "language",
        minutes: 5,
        checklist: &["Every persona has a name, or we know it is missing", "The service owner is here or informed"],
    },
    Step {
        id: "raci",
        title: "Agree who does what (RACI)",
        text: "Start from the default chart and adapt it. Each lifecycle step needs someone responsible and exactly one person accountable.",
        page: "language",
        minutes: 10,
        checklist: &["Every step has an R", "Every step has exactly one A", "The chart names people, not only roles"],
    },
    Step {
        id: "service",
        title: "Describe the service and its users",
        text: "Say what the service does and who uses it. An internal-only service serves other teams: its targets follow what they need.",
        page: "research",
        minutes: 10,
        checklist: &["We wrote who the users are", "We know whether it is internal-only", "We listed its dependencies"],
    },
    Step {
        id: "journeys",
        title: "Pick one critical user journey",
        text: "Start small: one service, one journey, one or two SLOs. Pick the journey whose failure users notice first.",
        page: "research",
        minutes: 10,
        checklist: &["One journey is written down", "We agreed it matters most to users"],
    },
    Step {
        id: "slis",
        title: "Choose SLIs from the menu",
        text: "For the journey, pick candidate SLIs by kind of service (availability, latency, freshness...). Measure as close to the user as you can.",
        page: "research",
        minutes: 10,
        checklist: &["Each SLI is a ratio of good events to all events", "We know where it is measured", "No CPU or memory SLIs"],
    },
    Step {
        id: "slo",
        title: "Draft the SLO and look at its budget",
        text: "Set a target and a window, then read what the error budget means in minutes and in requests. Fix or acknowledge the pitfall findings.",
        page: "implementation",
        minutes: 10,
        checklist: &[
            "The target is below 100%",
            "We read the budget in minutes per month",
            "We decided aspirational or committed, permissive or enforcing",
            "A revisit date is set",
        ],
    },
    Step {
        id: "alerts",
        title: "Design the burn-rate alerts",
        text: "Page on fast burns, open tickets on slow ones. Check for each alert how much budget is gone before it fires and how fast it detects an outage.",
        page: "implementation",
        minutes: 10,
        checklist: &["Pages fire on fast burns only", "Every alert can fire at this target", "A runbook link is set"],
    },
    Step {
        id: "risks",
        title: "Weigh the risks against the budget",
        text: "List what could spend the budget: for each risk, time to detect (from the alerts where they exist), time to repair, times a year and share of users hit. A risk that alone overspends the budget needs work before the target can hold.",
        page: "research",
        minutes: 10,
        checklist: &["Every risk has its four estimates", "We know which risks alone overspend the budget"],
    },
    Step {
        id: "gather",
        title: "Gather the room's drafts",
        text: "Each participant sends a share link or a project file. Paste the links and drop the files on the Share page, compare the candidates side by side, and merge the SLOs, ideas (their votes added up) and risks the room keeps.",
        page: "share",
        minutes: 5,
        checklist: &["Every laptop's draft is gathered", "Duplicates are merged once", "The votes and the risks are in the project"],
    },
    Step {
        id: "policy",
        title: "Write the error budget policy",
        text: "Agree what happens when budget is left, at risk or spent, how a miss is escalated and how often targets are reviewed. The budget informs planning; it is not a freeze rule.",
        page: "implementation",
        minutes: 10,
        checklist: &["Every section has a first draft", "The accountable person agrees with it"],
    },
    Step {
        id: "share",
        title: "Export, agree and share",
        text: "Export the SLO as rules and documents, review it with stakeholders, mark it agreed, and share the project file or link.",
        page: "share",
        minutes: 5,
        checklist: &["The SLO document was reviewed", "The SLO is marked agreed", "The project file is saved"],
    },
    Step {
        id: "roadmap",
        title: "Plan the roadmap and give each task an owner",
        text: "List the work that brings each SLO to life: instrument the SLI, a dashboard, alert routing, a runbook, the date it switches from permissive to enforcing, the first review. Give each task an owner who is R or A for its step.",
        page: "implementation",
        minutes: 10,
        checklist: &[
            "Every SLO has its tasks",
            "Every task has an owner and a due date",
            "The switch to enforcing has a date",
        ],
    },
    Step {
        id: "iterate",
        title: "Iterate with real data",
        text: "Replay your monitoring data against the SLO and its alerts, then recalibrate. SLOs are living things: any change starts a new research phase.",
        page: "iteration",
        minutes: 10,
        checklist: &["We replayed real or sample data", "We set the next review date"],
    },
];

/// Progress in figures beside a step's badge, where the project holds
/// them: the roadmap's tasks done and overdue on `today` (YYYY-MM-DD).
pub fn step_progress(id: &str, p: &Project, today: &str) -> Option<String> {
    (id == "roadmap" && !p.slos.is_empty()).then(|| {
        let progress = crate::roadmap::project_progress(&p.slos, today);
        let mut s = progress.sentence();
        s[..1].make_ascii_uppercase();
        format!("{s}.")
    })
}

/// The whole workshop's timebox: the steps' minutes added up.
pub fn workshop_minutes() -> u32 {
    STEPS.iter().map(|s| s.minutes).sum()
}

/// Where a project stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Nothing written for it yet.
    Open,
    /// Something is written, but not all of it.
    Started,
    Done,
    /// The project cannot tell (learning the words leaves no trace in it).
    Untracked,
}

/// SLO counts by lifecycle progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub drafted: usize,
    pub agreed: usize,
    pub exported: usize,
}

/// How many SLOs are drafted, agreed and exported (an SLO without an entry is drafted).
pub fn tally(p: &Project) -> Tally {
    let mut t = Tally::default();
    for s in &p.slos {
        match p.progress.get(&s.id).copied().unwrap_or_default() {
            Progress::Drafted => t.drafted += 1,
            Progress::Agreed => t.agreed += 1,
            Progress::Exported => t.exported += 1,
        }
    }
    t
}

fn from_parts(done: usize, of: usize) -> StepState {
    if of > 0 && done >= of {
        StepState::Done
    } else if done > 0 {
        StepState::Started
    } else {
        StepState::Open
    }
}

/// The state of each step of `STEPS`, in order. The first step (words)
/// leaves no trace in the project, so it is reported as untracked.
pub fn status(p: &Project) -> Vec<(Step, StepState)> {
    STEPS.iter().map(|s| (*s, step_state(s.id, p))).collect()
}

fn step_state(id: &str, p: &Project) -> StepState {
    match id {
        "people" => {
            let covered = (0..7)
                .filter(|i| {
                    p.people
                        .iter()
                        .any(|x| x.persona == *i && !x.name.trim().is_empty())
                })
                .count();
            from_parts(covered, 7)
        }
        "raci" => {
            if p.raci == Raci::default() {
                // The default chart is a starting point, not an agreement.
                StepState::Started
            } else {
                StepState::Done
            }
        }
        "service" => {
            let filled = p
                .services
                .iter()
                .filter(|s| !s.users.trim().is_empty() && !s.description.trim().is_empty())
                .count();
            if p.services.is_empty() {
                StepState::Open
            } else {
                from_parts(filled, p.services.len()).max_started()
            }
        }
        "journeys" => from_parts(p.journeys.len().min(1), 1),
        "slis" => {
            let with_slo = p
                .journeys
                .iter()
                .filter(|j| p.slos.iter().any(|s| s.journey == j.name))
                .count();
            if p.journeys.is_empty() {
                from_parts(p.slos.len().min(1), 1)
            } else {
                from_parts(with_slo, p.journeys.len())
            }
        }
        "slo" => {
            let complete = p
                .slos
                .iter()
                .filter(|s| !s.revisit.trim().is_empty())
                .count();
            if p.slos.is_empty() {
                StepState::Open
            } else {
                from_parts(complete, p.slos.len()).max_started()
            }
        }
        "alerts" => {
            let with = p
                .slos
                .iter()
                .filter(|s| {
                    !s.alerting.alerts.is_empty() && !s.alerting.runbook_url.trim().is_empty()
                })
                .count();
            if p.slos.is_empty() {
                StepState::Open
            } else {
                from_parts(with, p.slos.len()).max_started()
            }
        }
        "policy" => {
            let pol = &p.policy;
            let sections = [
                &pol.purpose,
                &pol.slo_miss,
                &pol.outage,
                &pol.escalation,
                &pol.exclusions,
                &pol.review_cadence,
            ];
            let written = sections.iter().filter(|s| !s.trim().is_empty()).count();
            match from_parts(written, sections.len()) {
                // Without tiers the replay has nothing to evaluate.
                StepState::Done if pol.tiers.is_empty() => StepState::Started,
                state => state,
            }
        }
        "roadmap" => {
            let planned = p.slos.iter().filter(|s| !s.roadmap.is_empty()).count();
            let finished = p
                .slos
                .iter()
                .filter(|s| {
                    !s.roadmap.is_empty()
                        && s.roadmap
                            .iter()
                            .all(|t| t.status == crate::roadmap::TaskStatus::Done)
                })
                .count();
            if planned == 0 {
                StepState::Open
            } else {
                from_parts(finished, p.slos.len()).max_started()
            }
        }
        "share" => {
            let t = tally(p);
            from_parts(t.agreed + t.exported, p.slos.len())
        }
        "iterate" => from_parts(
            p.review_notes
                .values()
                .filter(|v| !v.trim().is_empty())
                .count()
                .min(1),
            1,
        ),
        "risks" => match crate::risk::analyse(p) {
            _ if p.risks.items.is_empty() => StepState::Open,
            Some(_) => StepState::Done,
            // Risks but no SLO to weigh them against.
            None => StepState::Started,
        },
        "words" | "gather" => StepState::Untracked,
        _ => StepState::Open,
    }
}

/// What `status` counts as done for the step `id`, in the words the
/// roadmap shows beside its badge. Kept beside `step_state` so the two
/// change together.
pub fn done_when(id: &str) -> &'static str {
    match id {
        "words" => "Not tracked: learning the words leaves nothing in the project.",
        "people" => "Done when each of the seven personas has a named person.",
        "raci" => "Done when the chart differs from the default one (the default is only a start).",
        "service" => "Done when every service says what it does and who its users are.",
        "journeys" => "Done when the project has at least one journey.",
        "slis" => "Done when every journey has an SLO (or, without journeys, there is one SLO).",
        "slo" => "Done when every SLO has a revisit date.",
        "alerts" => "Done when every SLO has alerts and a runbook link.",
        "policy" => {
            "Done when all six sections of the policy are written and it has at least one tier."
        }
        "roadmap" => "Done when every SLO has a roadmap and all its tasks are done.",
        "share" => "Done when every SLO is marked agreed or exported.",
        "iterate" => "Done when a review question has a note.",
        "risks" => "Done when the project lists risks and has an SLO to weigh them against.",
        "gather" => "Not tracked: a merged draft looks like any other work in the project.",
        _ => "",
    }
}

trait MaxStarted {
    fn max_started(self) -> StepState;
}

impl MaxStarted for StepState {
    /// Something exists, so the step is at least started.
    fn max_started(self) -> StepState {
        if self == StepState::Open {
            StepState::Started
        } else {
            self
        }
    }
}

/// The start-small advice shown beside the roadmap.
pub const START_SMALL: &[&str] = &[
    "One service, one journey, one or two SLOs first. No big bang.",
    "Focus on what delights (or annoys) the customer, not on what is easy to measure.",
    "Start permissive: practise with an SLO that triggers nothing, then make it enforcing.",
    "Aspirational SLOs are fine: keep them apart from the ones you commit to.",
    "Internal-only services are special: their customers are other teams.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::model::{Journey, Person, Service, Slo};

    fn state(p: &Project, id: &str) -> StepState {
        status(p)
            .into_iter()
            .find(|(s, _)| s.id == id)
            .map(|(_, st)| st)
            .unwrap()
    }

    #[test]
    fn an_empty_project_has_everything_open_but_the_default_raci_and_the_words() {
        let p = Project::default();
        for (s, st) in status(&p) {
            let expected = match s.id {
                "raci" => StepState::Started,
                "words" | "gather" => StepState::Untracked,
                _ => StepState::Open,
            };
            assert_eq!(st, expected, "{}", s.id);
        }
    }

    #[test]
    fn ticks_kept_in_the_browser_name_steps_that_still_exist() {
        for id in BROWSER_TICK_STEPS {
            assert!(STEPS.iter().any(|s| s.id == id), "{id}");
        }
    }

    #[test]
    fn the_risk_step_is_done_once_risks_are_weighed_against_an_slo() {
        let mut p = Project::default();
        assert_eq!(state(&p, "risks"), StepState::Open);
        p.risks.items.push(crate::risk::Risk::default());
        assert_eq!(
            state(&p, "risks"),
            StepState::Started,
            "nothing to weigh against"
        );
        p.slos.push(Slo::default());
        assert_eq!(state(&p, "risks"), StepState::Done);
        assert!(done_when("risks").starts_with("Done when"));
        assert!(done_when("gather").starts_with("Not tracked"));
    }

    #[test]
    fn every_step_links_to_a_lifecycle_page_and_has_a_checklist() {
        for s in STEPS {
            assert!(
                [
                    "language",
                    "research",
                    "implementation",
                    "iteration",
                    "share"
                ]
                .contains(&s.page),
                "{}",
                s.id
            );
            assert!(!s.checklist.is_empty(), "{}", s.id);
            assert!(s.minutes > 0);
        }
        // A five-minute read, a workshop of under two hours.
        assert!(STEPS.iter().map(|s| s.minutes).sum::<u32>() <= 120);
    }

    #[test]
    fn people_step_is_done_only_when_all_seven_personas_have_a_name() {
        let mut p = Project::default();
        p.people.push(Person {
            name: "Ada".into(),
            persona: 0,
        });
        assert_eq!(state(&p, "people"), StepState::Started);
        for i in 1..7 {
            p.people.push(Person {
                name: format!("P{i}"),
                persona: i,
            });
        }
        assert_eq!(state(&p, "people"), StepState::Done);
    }

    #[test]
    fn an_edited_raci_counts_as_agreed() {
        let mut p = Project::default();
        p.raci.cells[0][3] = "C".into();
        assert_eq!(state(&p, "raci"), StepState::Done);
    }

    #[test]
    fn slis_step_wants_an_slo_for_every_journey() {
        let mut p = Project::default();
        p.services.push(Service {
            name: "api".into(),
            ..Service::default()
        });
        p.journeys.push(Journey {
            name: "login".into(),
            service: "api".into(),
            ..Journey::default()
        });
        p.journeys.push(Journey {
            name: "pay".into(),
            service: "api".into(),
            ..Journey::default()
        });
        assert_eq!(state(&p, "journeys"), StepState::Done);
        assert_eq!(state(&p, "slis"), StepState::Open);
        p.slos.push(Slo {
            journey: "login".into(),
            ..Slo::default()
        });
        assert_eq!(state(&p, "slis"), StepState::Started);
    }

    #[test]
    fn every_step_says_what_counts_as_done() {
        for s in STEPS {
            assert!(!done_when(s.id).is_empty(), "{}", s.id);
        }
    }

    #[test]
    fn the_workshop_timeboxes_add_up_to_120_minutes() {
        // 5 + 5 + 10 + 10 + 10 + 15 + 15 + 10 + 15 + 5 + 10 (roadmap) + 10
        assert_eq!(workshop_minutes(), 120);
    }

    #[test]
    fn the_roadmap_step_is_done_when_every_slo_finished_its_tasks() {
        use crate::roadmap::{default_tasks, TaskStatus};
        let mut p = Project::default();
        p.slos.push(Slo::default());
        p.slos.push(Slo::default());
        assert_eq!(state(&p, "roadmap"), StepState::Open);
        p.slos[0].roadmap = default_tasks(&p.slos[0], &[], &p.raci, "2026-12-01");
        assert_eq!(state(&p, "roadmap"), StepState::Started);
        assert_eq!(
            step_progress("roadmap", &p, "2026-12-10").as_deref(),
            Some("0 of 6 tasks done, 1 overdue.")
        );
        for t in &mut p.slos[0].roadmap {
            t.status = TaskStatus::Done;
        }
        assert_eq!(
            state(&p, "roadmap"),
            StepState::Started,
            "one SLO has no roadmap"
        );
        p.slos.remove(1);
        assert_eq!(state(&p, "roadmap"), StepState::Done);
        assert_eq!(step_progress("policy", &p, "2026-12-10"), None);
    }

    #[test]
    fn a_policy_without_tiers_is_not_done() {
        let mut p = examples::web_api();
        p.policy.tiers.clear();
        assert_eq!(state(&p, "policy"), StepState::Started);
    }

    #[test]
    fn tally_counts_slos_without_progress_as_drafted() {
        let p = examples::web_api();
        // One agreed, two drafted in the example.
        assert_eq!(
            tally(&p),
            Tally {
                drafted: 2,
                agreed: 1,
                exported: 0
            }
        );
        assert_eq!(state(&p, "share"), StepState::Started);
    }

    #[test]
    fn the_web_api_example_has_a_full_policy_and_named_personas() {
        let p = examples::web_api();
        assert_eq!(state(&p, "policy"), StepState::Done);
        assert_eq!(state(&p, "people"), StepState::Done);
    }
}
