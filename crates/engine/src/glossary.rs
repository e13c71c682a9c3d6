//! The words of the workbench, in plain language: the glossary terms and the
//! seven RACI personas with what each of them cares about.
//!
//! Pure data and a lookup function. Every term the UI shows with a "define"
//! button must have an entry here (a test lists them). This module must not
//! know anything about the browser or about how terms are displayed.

/// One glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Stable identifier used by the UI (`error-budget`).
    pub id: &'static str,
    /// The term as written in text (`Error budget`).
    pub term: &'static str,
    /// Other spellings that should find the same entry (`SLIs`, `budget`).
    pub aliases: &'static [&'static str],
    /// The definition in plain words, one or two sentences.
    pub definition: &'static str,
}

/// The glossary, in reading order (basics first).
pub const TERMS: &[Term] = &[
    Term {
        id: "sli",
        term: "SLI (service level indicator)",
        aliases: &["sli", "slis", "service level indicator", "indicator"],
        definition: "A number that tells how well the service is doing for its users, measured as the share of good events: for example the share of requests answered without error in under 300 ms. It is \"what you want\".",
    },
    Term {
        id: "slo",
        term: "SLO (service level objective)",
        aliases: &["slo", "slos", "service level objective", "objective"],
        definition: "A target for an SLI over a window of time, such as \"99.9% of requests succeed over 30 days\". It is \"how much you want it\", and it is agreed by the people who build, run and sell the service.",
    },
    Term {
        id: "sla",
        term: "SLA (service level agreement)",
        aliases: &["sla", "slas", "service level agreement"],
        definition: "An SLO written into a contract, with legal or financial consequences (refunds, credits) when it is missed. Keep internal SLOs stricter than any SLA so the team notices trouble first.",
    },
    Term {
        id: "error-budget",
        term: "Error budget",
        aliases: &["error budget", "budget", "error budgets"],
        definition: "The amount of failure the SLO allows: 1 minus the target. At 99.9% over 30 days it is 0.1% of requests, or 43 minutes 12 seconds of full outage. Spending it is fine; it is one signal for planning.",
    },
    Term {
        id: "burn-rate",
        term: "Burn rate",
        aliases: &["burn rate", "burn", "burn factor", "factor"],
        definition: "How fast the error budget is being spent compared with spending it evenly over the window. A burn rate of 1 uses exactly the whole budget by the end of the window; 14.4 uses a 30-day budget in about 2 days.",
    },
    Term {
        id: "window",
        term: "Window (compliance period)",
        aliases: &["window", "compliance period", "slo window", "period"],
        definition: "The stretch of time over which the SLO is measured. A rolling window (the last 30 days) moves every minute; a calendar window (this month) starts again at each period boundary.",
    },
    Term {
        id: "rolling-window",
        term: "Rolling window",
        aliases: &["rolling", "rolling window"],
        definition: "A window that always covers the most recent stretch of time, such as the last 28 days. Bad minutes leave the window exactly 28 days after they happened.",
    },
    Term {
        id: "calendar-window",
        term: "Calendar window",
        aliases: &["calendar", "calendar window"],
        definition: "A window aligned with the calendar (a week, a month, a quarter) in a chosen time zone. The budget is full again at the start of each period. A \"month\" is taken as 30 days for budget figures.",
    },
    Term {
        id: "budgeting-method",
        term: "Budgeting method",
        aliases: &["budgeting method", "budgeting", "method"],
        definition: "How good and bad are counted. Occurrences counts events (requests); timeslices counts good and bad minutes (or other slices); ratio timeslices averages the ratio of each slice.",
    },
    Term {
        id: "occurrences",
        term: "Occurrences",
        aliases: &["occurrences"],
        definition: "A budgeting method: good events divided by all events over the window. Busy hours weigh more than quiet ones.",
    },
    Term {
        id: "timeslices",
        term: "Timeslices",
        aliases: &["timeslices", "time slices", "time slice", "slice"],
        definition: "A budgeting method: the window is cut into slices (say one minute). A slice is good when its own ratio meets the slice target; the SLO counts good slices. Quiet hours weigh as much as busy ones.",
    },
    Term {
        id: "aspirational",
        term: "Aspirational SLO",
        aliases: &["aspirational", "aspirational slo"],
        definition: "A target the team wants to reach but may not meet yet. It signals what matters before there are the means to meet it; misses are expected and do not trigger the policy.",
    },
    Term {
        id: "committed",
        term: "Committed SLO",
        aliases: &["committed", "committed slo", "achievable"],
        definition: "A target the team has agreed it can meet today, backed by the error budget policy.",
    },
    Term {
        id: "permissive",
        term: "Permissive SLO",
        aliases: &["permissive"],
        definition: "An SLO that is measured and shown but triggers nothing yet, so the team can practise with it. The research phase plans when it becomes enforcing.",
    },
    Term {
        id: "enforcing",
        term: "Enforcing SLO",
        aliases: &["enforcing"],
        definition: "An SLO whose misses trigger the error budget policy: alerts page people and planning changes when the budget runs out.",
    },
    Term {
        id: "user-journey",
        term: "Critical user journey",
        aliases: &["journey", "journeys", "user journey", "critical user journey", "cuj"],
        definition: "A sequence of steps a user takes to get something done that matters to them, such as \"sign in\" or \"check out\". SLOs are best set per journey, where users feel them.",
    },
    Term {
        id: "service",
        term: "Service",
        aliases: &["service", "services"],
        definition: "A piece of software that offers something to users or to other services, and that one team owns and runs.",
    },
    Term {
        id: "internal-only",
        term: "Internal-only service",
        aliases: &["internal-only", "internal", "internal service"],
        definition: "A service whose customers are other teams, not the public. Its targets follow what those teams need, and its misses are settled between teams rather than with end users.",
    },
    Term {
        id: "persona",
        term: "Persona",
        aliases: &["persona", "personas", "role", "roles"],
        definition: "A role someone plays around a service (service owner, SRE, product owner...). One person can play several personas in a small team.",
    },
    Term {
        id: "raci",
        term: "RACI chart",
        aliases: &["raci", "raci chart"],
        definition: "A table of who does what: R is Responsible (does the work), A is Accountable (owns the outcome and signs off; exactly one per step), C is Consulted (asked before), I is Informed (told after).",
    },
    Term {
        id: "multi-window-alert",
        term: "Multi-window, multi-burn-rate alert",
        aliases: &["multi-window", "burn-rate alert", "burn rate alert", "alert", "alerts"],
        definition: "An alert that fires when the budget burns faster than a factor over both a long window (say 1 hour) and a short one (5 minutes). The long window avoids noise; the short one lets the alert stop soon after the problem ends.",
    },
    Term {
        id: "long-window",
        term: "Long window",
        aliases: &["long window"],
        definition: "The longer look-back of a burn-rate alert. It decides how much budget must be spent before the alert fires.",
    },
    Term {
        id: "short-window",
        term: "Short window",
        aliases: &["short window"],
        definition: "The shorter look-back of a burn-rate alert, usually a twelfth of the long one. It makes the alert stop (reset) soon after the problem is fixed.",
    },
    Term {
        id: "detection-time",
        term: "Detection time",
        aliases: &["detection time", "detection"],
        definition: "How long after a problem starts the alert fires. A full outage is detected fast; a small error rate takes longer or is never detected by a given alert.",
    },
    Term {
        id: "reset-time",
        term: "Reset time",
        aliases: &["reset time", "reset"],
        definition: "How long an alert keeps firing after the problem has ended; about the length of its short window.",
    },
    Term {
        id: "error-budget-policy",
        term: "Error budget policy",
        aliases: &["error budget policy", "policy"],
        definition: "A short document the team agrees on: what happens when the budget is healthy, at risk or spent, how a miss is escalated, what is excluded, and how often targets are reviewed. The budget informs planning; it is not a freeze rule.",
    },
    Term {
        id: "percentile",
        term: "Percentile",
        aliases: &["percentile", "percentiles", "p99", "p95"],
        definition: "The value under which a given share of measurements fall: the 99th percentile latency is the time 99% of requests beat. Unlike an average, it shows what the slowest users get.",
    },
    Term {
        id: "availability",
        term: "Availability",
        aliases: &["availability", "uptime"],
        definition: "The share of requests (or of time) in which the service did its job. For request-driven services: successful requests divided by all valid requests.",
    },
    Term {
        id: "latency",
        term: "Latency",
        aliases: &["latency", "response time"],
        definition: "How long the service takes to answer. As an SLI: the share of requests answered faster than a threshold, such as 300 ms.",
    },
    Term {
        id: "quality",
        term: "Quality",
        aliases: &["quality", "degraded", "degradation"],
        definition: "For request-driven services: whether an answer came in full or degraded (fallback content, partial results while a backend was down). As an SLI: the share of valid responses served without degradation.",
    },
    Term {
        id: "freshness",
        term: "Freshness",
        aliases: &["freshness", "staleness"],
        definition: "For pipelines: how recent the data is when users read it. As an SLI: the share of reads served with data younger than a threshold.",
    },
    Term {
        id: "completion",
        term: "Completion",
        aliases: &["completion", "asynchronous completion"],
        definition: "For asynchronous work (a queued job, an email, an export): whether it finished within a time of being requested. As an SLI: the share of jobs completed within X, for example a welcome email sent in under 2 minutes.",
    },
    Term {
        id: "coverage",
        term: "Coverage",
        aliases: &["coverage"],
        definition: "For pipelines: the share of the input that was processed successfully.",
    },
    Term {
        id: "correctness",
        term: "Correctness",
        aliases: &["correctness"],
        definition: "The share of outputs that are right, usually checked by comparing known inputs with expected outputs (a prober or a validator).",
    },
    Term {
        id: "durability",
        term: "Durability",
        aliases: &["durability"],
        definition: "For storage: the share of written data that can still be read back. Usually many more nines than availability.",
    },
    Term {
        id: "throughput",
        term: "Throughput",
        aliases: &["throughput"],
        definition: "How much work gets done per unit of time, such as bytes written per second. As an SLI: the share of time throughput stayed above an agreed floor.",
    },
    Term {
        id: "promql",
        term: "PromQL",
        aliases: &["promql", "query", "queries"],
        definition: "The query language of Prometheus. The workbench writes the SLI as PromQL so alerting rules and dashboards can be generated from it.",
    },
    Term {
        id: "dependency",
        term: "Dependency",
        aliases: &["dependency", "dependencies"],
        definition: "Another service yours calls to do its job. When every call depends on all of them, your availability can be at most the product of theirs: 99.99% x 99.95% is 99.94%.",
    },
    Term {
        id: "pitfall",
        term: "Pitfall finding",
        aliases: &["pitfall", "finding", "findings", "lint"],
        definition: "A warning from the workbench about a common SLO mistake, with an explanation. A finding can be acknowledged with a reason when the team decides it does not apply.",
    },
    Term {
        id: "toil",
        term: "Toil",
        aliases: &["toil"],
        definition: "Manual, repetitive operational work that grows with the service and adds no lasting value.",
    },
];

/// Finds a term by id, by its written form or by any alias, ignoring case and
/// surrounding spaces. `None` when nothing matches.
pub fn lookup(key: &str) -> Option<&'static Term> {
    let k = key.trim().to_lowercase();
    if k.is_empty() {
        return None;
    }
    TERMS
        .iter()
        .find(|t| t.id == k || t.term.to_lowercase() == k || t.aliases.iter().any(|a| *a == k))
}

/// Terms whose name, aliases or definition contain `query` (case-insensitive),
/// in glossary order; all terms for an empty query.
pub fn search(query: &str) -> Vec<&'static Term> {
    let q = query.trim().to_lowercase();
    TERMS
        .iter()
        .filter(|t| {
            q.is_empty()
                || t.term.to_lowercase().contains(&q)
                || t.aliases.iter().any(|a| a.contains(q.as_str()))
                || t.definition.to_lowercase().contains(&q)
        })
        .collect()
}

/// One RACI persona and what they care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Persona {
    /// Same order and text as `model::RACI_PERSONAS`.
    pub name: &'static str,
    pub cares_about: &'static str,
    /// What they typically do in the SLO lifecycle.
    pub role_in_slos: &'static str,
}

/// The seven personas of the RACI chart, in its column order.
pub const PERSONAS: [Persona; 7] = [
    Persona {
        name: "Service Owner",
        cares_about: "The commercial success of the service and its strategic context.",
        role_in_slos: "Champions the SLOs, decides that they exist and signs off the agreed targets.",
    },
    Persona {
        name: "Product Owner(s)",
        cares_about: "What customers need next; balancing feature work against reliability work; dependencies on other products.",
        role_in_slos: "Proposes targets from customer expectations and is accountable for the SLO as a feature; decides what to do when the budget is spent.",
    },
    Persona {
        name: "Engineering/Quality Lead",
        cares_about: "Guard rails, good practice and the quality of what the team ships.",
        role_in_slos: "Turns expectations into SLIs, owns the SLO roadmap and recalibrates targets with the team.",
    },
    Persona {
        name: "Software Engineer/QE",
        cares_about: "Building and testing the service; reliability work is part of the job.",
        role_in_slos: "Instruments the SLIs, builds the dashboard and carries out the roadmap.",
    },
    Persona {
        name: "SRE IC",
        cares_about: "Keeping the service running, not accepting repeated failure, observability and automation; owns incident management.",
        role_in_slos: "Measures and tracks the SLOs, designs the burn-rate alerts and advises on targets.",
    },
    Persona {
        name: "Engineering Manager/Director",
        cares_about: "Enabling the teams: people, time and priorities.",
        role_in_slos: "Makes room for SLO work, agrees the roadmap and handles the error budget with product.",
    },
    Persona {
        name: "Executive (VP)",
        cares_about: "Strategy, and empowering the service owner.",
        role_in_slos: "Is informed of SLO status and of misses that need a decision at their level.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_term_named_in_the_issue_is_defined() {
        for key in [
            "SLI",
            "SLO",
            "SLA",
            "error budget",
            "burn rate",
            "window",
            "budgeting method",
            "aspirational",
            "persona",
            "raci",
            "journey",
            "permissive",
            "enforcing",
            "internal-only",
            "error budget policy",
            "percentile",
            "long window",
            "short window",
            "detection time",
            "reset time",
            "timeslices",
            "occurrences",
        ] {
            assert!(lookup(key).is_some(), "{key} has no glossary entry");
        }
    }

    #[test]
    fn lookup_ignores_case_and_spaces_and_accepts_ids() {
        assert_eq!(
            lookup("  Error Budget ").map(|t| t.id),
            Some("error-budget")
        );
        assert_eq!(lookup("error-budget").map(|t| t.id), Some("error-budget"));
        assert_eq!(lookup("SLIs").map(|t| t.id), Some("sli"));
        assert_eq!(
            lookup("SLO (service level objective)").map(|t| t.id),
            Some("slo")
        );
    }

    #[test]
    fn lookup_of_unknown_or_empty_text_finds_nothing() {
        assert!(lookup("").is_none());
        assert!(lookup("   ").is_none());
        assert!(lookup("kubernetes").is_none());
    }

    #[test]
    fn ids_and_aliases_are_unique_so_lookup_is_unambiguous() {
        let mut seen = HashSet::new();
        for t in TERMS {
            assert!(seen.insert(t.id.to_string()), "duplicate id {}", t.id);
            for a in t.aliases {
                assert_eq!(*a, a.to_lowercase(), "alias {a} must be lowercase");
                assert!(
                    seen.insert(a.to_string()) || *a == t.id,
                    "alias {a} is used twice"
                );
            }
        }
    }

    #[test]
    fn definitions_are_plain_sentences() {
        for t in TERMS {
            assert!(
                t.definition.len() > 40,
                "{} is too short to explain anything",
                t.id
            );
            assert!(
                t.definition.ends_with('.'),
                "{} should end with a full stop",
                t.id
            );
            assert!(
                !t.definition.contains('<'),
                "{} must not contain markup",
                t.id
            );
        }
    }

    #[test]
    fn the_budget_definition_carries_the_worked_figure() {
        // 0.1% of 30 days is 43 min 12 s: the figure the design notes use.
        assert!(lookup("error budget")
            .unwrap()
            .definition
            .contains("43 minutes 12 seconds"));
    }

    #[test]
    fn search_matches_names_and_definitions() {
        let ids: Vec<_> = search("slice").iter().map(|t| t.id).collect();
        assert!(ids.contains(&"timeslices"));
        assert!(
            ids.contains(&"budgeting-method"),
            "definition mentions slices"
        );
        assert_eq!(search("").len(), TERMS.len());
        assert!(search("zzzz").is_empty());
    }

    #[test]
    fn every_sli_category_of_the_menu_opens_its_definition() {
        // The Research page shows each menu entry's category as a glossary term.
        use crate::catalog::menu;
        use crate::model::ServiceKind;
        for kind in [
            ServiceKind::RequestDriven,
            ServiceKind::Pipeline,
            ServiceKind::Storage,
        ] {
            for e in menu(kind) {
                let name = e.category.name();
                assert!(
                    lookup(name).is_some(),
                    "SLI category {name} has no glossary entry"
                );
            }
        }
    }

    #[test]
    fn personas_follow_the_raci_columns() {
        for (p, name) in PERSONAS.iter().zip(crate::model::RACI_PERSONAS) {
            assert_eq!(p.name, name);
            assert!(!p.cares_about.is_empty() && !p.role_in_slos.is_empty());
        }
    }
}
