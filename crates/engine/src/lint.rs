//! The pitfall linter: what a team should reconsider in its project, in plain words.
//!
//! Owns the well-known SLO pitfalls of `lifecycle.md` as checks over a
//! `model::Project`: 100% or near-100% targets, more nines than the
//! dependencies allow, averages instead of percentiles, too many SLOs for one
//! journey, resource metrics and queue sizes as SLIs, measuring far from the
//! user, windows too short to hold a budget (in events or time slices), no
//! one accountable in the RACI chart, low traffic making alerts noisy,
//! committed targets the history does not support, aspirational SLOs that
//! enforce, and the alert lints of
//! `alerting`. Each finding has a stable id so the team can acknowledge it
//! (`Project.acknowledged`, keyed by id).
//!
//! It runs on every keystroke, so every check is a linear scan of short text;
//! facts the model does not hold (traffic, history) come in through
//! [`LintContext`]. It must not change the project, replay data or know the UI.

use crate::alerting::AlertRule;
use crate::diag::Level;
use crate::model::{
    BudgetingMethod, Commitment, Enforcement, Person, Project, Raci, Sli, Slo, Window,
    RACI_PERSONAS, RACI_STEPS,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Facts about SLOs that the model does not hold, keyed by SLO id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LintContext {
    pub slos: BTreeMap<String, SloFacts>,
}

/// What is known about one SLO from outside the model.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SloFacts {
    /// Events the SLI expects per hour, as the team estimates or the data shows.
    pub expected_events_per_hour: Option<f64>,
    /// SLI the history achieved over its window, as a ratio (0.9987), computed
    /// by a simulation elsewhere.
    pub history_sli: Option<f64>,
}

/// One thing worth reconsidering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable identifier, `"<rule>:<subject>"` (e.g. `"target-too-high:checkout"`),
    /// the key of `Project.acknowledged`.
    pub id: String,
    /// The SLO concerned, when there is one.
    pub slo_id: Option<String>,
    pub level: Level,
    /// One line: what the pitfall is.
    pub title: String,
    /// Why it matters and what to do, with the numbers of this project.
    pub explanation: String,
    /// The team acknowledged it (its id is in `Project.acknowledged`).
    pub acknowledged: bool,
}

impl Finding {
    fn new(
        id: String,
        slo_id: Option<&str>,
        level: Level,
        title: impl Into<String>,
        explanation: String,
    ) -> Self {
        Finding {
            id,
            slo_id: slo_id.map(str::to_string),
            level,
            title: title.into(),
            explanation,
            acknowledged: false,
        }
    }
}

/// Targets at or above this ratio (99.999%) draw the "more nines" warning.
const NEAR_PERFECT: f64 = 0.99999;
/// Windows shorter than a week hold too little budget to plan with.
const SHORTEST_WINDOW_SECONDS: u64 = 7 * 86_400;
/// More SLOs than this for one journey is more than a team can watch.
const MOST_SLOS_PER_JOURNEY: usize = 3;

/// Lints a whole project: every SLO in order, then journeys, services and the
/// RACI chart. Each id appears at most once; `acknowledged` is set from
/// `project.acknowledged`.
pub fn lint_project(project: &Project, ctx: &LintContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for slo in &project.slos {
        let count = seen_ids.entry(slo.id.as_str()).or_insert(0);
        *count += 1;
        if *count == 2 {
            out.push(Finding::new(
                format!("duplicate-slo-id:{}", slo.id),
                Some(&slo.id),
                Level::Error,
                "Two SLOs share one id",
                format!(
                    "More than one SLO has the id \"{}\". Exports, rule names and acknowledgements are keyed by it; \
                     give each SLO its own id.",
                    slo.id
                ),
            ));
        }
        let facts = ctx.slos.get(&slo.id).copied().unwrap_or_default();
        slo_findings(project, slo, &facts, &mut out);
    }
    journey_findings(project, &mut out);
    dependency_findings(project, &mut out);
    out.extend(raci_findings(&project.raci));
    out.extend(raci_staffing_findings(&project.raci, &project.people));
    // Ids key acknowledgements and UI lists, so each appears once: SLOs that
    // share an id (already an error above) or names that share a slug keep
    // their first finding.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert(f.id.clone()));
    for f in &mut out {
        f.acknowledged = project.acknowledged.contains_key(&f.id);
    }
    out
}

fn slo_findings(project: &Project, slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let id = slo.id.as_str();
    let t = slo.target.ratio();
    let valid_target = t.is_finite() && t > 0.0 && t < 1.0;
    if !valid_target {
        out.push(Finding::new(
            format!("target-invalid:{id}"),
            Some(id),
            Level::Error,
            "The target must lie between 0% and 100%",
            format!(
                "{} has a target of {}. 100% leaves no error budget and no real service meets it; \
                 0% promises nothing. Choose a value such as 99.9.",
                name(slo),
                if t.is_finite() {
                    format!("{}%", crate::model::format_percent(t * 100.0))
                } else {
                    "no number".into()
                },
            ),
        ));
    } else if t >= NEAR_PERFECT {
        out.push(Finding::new(
            format!("target-too-high:{id}"),
            Some(id),
            Level::Warning,
            "More nines than almost any service can deliver",
            format!(
                "{} aims at {}%, which allows only {} of full outage over its {} window. Users rarely notice the difference, \
                 their own network is less reliable, and every release becomes a risk. \
                 Pick the lowest target that keeps users happy, and raise it only when they ask.",
                name(slo),
                slo.target,
                crate::budget::human_seconds(crate::budget::budget_seconds(slo.target, slo.window.nominal())),
                slo.window.nominal().human(),
            ),
        ));
    }
    if valid_target {
        dependency_ceiling(project, slo, out);
    }
    text_findings(slo, out);
    journey_link(project, slo, out);
    let window = slo.window.nominal();
    if window.seconds() < SHORTEST_WINDOW_SECONDS {
        out.push(Finding::new(
            format!("window-too-short:{id}"),
            Some(id),
            Level::Warning,
            "Window too short to hold a budget",
            format!(
                "{} is measured over {}. A window shorter than a week holds a budget too small to plan with, \
                 and the SLO swings with every incident. Use 28 or 30 days; keep short windows for alerts.",
                name(slo),
                window.human(),
            ),
        ));
    }
    if let Window::Calendar { time_zone, .. } = &slo.window {
        if crate::calendar::Zone::parse(time_zone).is_err() {
            out.push(Finding::new(
                format!("time-zone-unknown:{id}"),
                Some(id),
                Level::Error,
                "Unknown time zone",
                format!(
                    "{} resets its budget at each calendar period in \"{}\", which is not a time zone name we know. \
                     Use a name from the IANA time zone database, such as Europe/Berlin, America/New_York or UTC; \
                     until then the replay counts periods in UTC.",
                    name(slo),
                    time_zone.trim(),
                ),
            ));
        }
    }
    if valid_target {
        slice_budget(slo, out);
        traffic_findings(slo, facts, out);
        history_findings(slo, facts, out);
        let eps = facts.expected_events_per_hour.map(|h| h / 3600.0);
        for a in crate::alerting::lint_alerts(&slo.alerting.alerts, slo.target, window, eps) {
            let title = match a.rule {
                // `low-traffic` (one failure fires an alert) says this sharper for the project view.
                AlertRule::LowTraffic => continue,
                AlertRule::NeverFires => "An alert can never fire",
                AlertRule::ShortNotShorter => {
                    "An alert's short window is not shorter than its long one"
                }
                AlertRule::LongBeyondWindow => "An alert looks further back than the SLO window",
                AlertRule::BadFactor => "An alert has no usable burn factor",
            };
            out.push(Finding::new(
                format!("{}:{id}:{}", a.rule.as_str(), a.alert),
                Some(id),
                a.level,
                title,
                a.message,
            ));
        }
    }
    if slo.commitment == Commitment::Aspirational && slo.enforcement == Enforcement::Enforcing {
        out.push(Finding::new(
            format!("aspirational-enforcing:{id}"),
            Some(id),
            Level::Warning,
            "An aspirational SLO is enforcing",
            format!(
                "{} is marked aspirational, a target that signals importance before there are resources \
                 to meet it, yet it is enforcing, so missing it triggers the error budget policy. \
                 Keep aspirational SLOs permissive, or make it committed once the team can meet it.",
                name(slo),
            ),
        ));
    }
}

/// Target above the serial product of the service's dependency availabilities.
fn dependency_ceiling(project: &Project, slo: &Slo, out: &mut Vec<Finding>) {
    let Some(service) = project
        .services
        .iter()
        .find(|s| same_name(&s.name, &slo.service))
    else {
        return;
    };
    let Some(ceiling) = crate::budget::dependency_ceiling(&service.dependencies) else {
        return;
    };
    if slo.target.ratio() > ceiling.availability {
        out.push(Finding::new(
            format!("nines-beyond-dependencies:{}", slo.id),
            Some(&slo.id),
            Level::Warning,
            "More nines than the dependencies allow",
            format!(
                "{} needs all of its dependencies to work; {} at most {}, below the {}% target, so their \
                 outages alone would spend more than the budget. \
                 Lower the target, add redundancy or caching, or agree up front what happens when a dependency \
                 spends your budget.",
                service.name.trim(),
                if ceiling.known == 1 {
                    "its one dependency with a known availability offers".to_string()
                } else {
                    format!("the {} with a known availability together offer", ceiling.known)
                },
                ceiling.percent_text(),
                slo.target,
            ),
        ));
    }
}

/// Checks on the words of the SLI queries and the description.
fn text_findings(slo: &Slo, out: &mut Vec<Finding>) {
    let id = slo.id.as_str();
    let tokens = sli_tokens(&slo.sli);
    let desc = words(&slo.description);
    if let Some(hit) = tokens
        .iter()
        .find(|t| is_average_token(t))
        .cloned()
        .or_else(|| average_in_words(&desc))
    {
        out.push(Finding::new(
            format!("average-not-percentile:{id}"),
            Some(id),
            Level::Warning,
            "Averages hide the slow requests",
            format!(
                "{} uses \"{hit}\". An average can look fine while one user in a hundred waits ten seconds. \
                 Count the share of events that were good (faster than a threshold), or use a percentile.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_resource_token(t)) {
        out.push(Finding::new(
            format!("resource-metric:{id}"),
            Some(id),
            Level::Warning,
            "A resource metric is not what users experience",
            format!(
                "{} measures \"{hit}\", a resource (CPU, memory, disk, load). Users never see CPU; a busy machine \
                 can serve everyone well and an idle one can fail every request. Measure what users get: \
                 successful requests, latency under a threshold, fresh data. Keep resources for capacity planning.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_queue_size_token(t)) {
        out.push(Finding::new(
            format!("queue-size:{id}"),
            Some(id),
            Level::Warning,
            "Queue size instead of time in queue",
            format!(
                "{} measures \"{hit}\", how much is waiting. Users feel how long their item waits, not how many \
                 others wait with it. Measure time in queue or end-to-end freshness instead.",
                name(slo),
            ),
        ));
    }
    if let Some(hit) = tokens.iter().find(|t| is_internal_token(t)) {
        out.push(Finding::new(
            format!("far-from-user:{id}"),
            Some(id),
            Level::Warning,
            "Measured far from the user",
            format!(
                "{} relies on \"{hit}\", which says whether a process runs or is scraped, not whether users are \
                 served. Measure as close to the user as you can: at the load balancer, the API gateway or with \
                 a probe that does what a user does.",
                name(slo),
            ),
        ));
    }
}

/// The SLO should name a journey the project describes.
fn journey_link(project: &Project, slo: &Slo, out: &mut Vec<Finding>) {
    let journey = slo.journey.trim();
    let why = if journey.is_empty() {
        format!("{} is not linked to a critical user journey.", name(slo))
    } else if !project.journeys.iter().any(|j| same_name(&j.name, journey)) {
        format!(
            "{} names the journey \"{journey}\", which this project does not describe.",
            name(slo)
        )
    } else {
        return;
    };
    out.push(Finding::new(
        format!("no-journey:{}", slo.id),
        Some(&slo.id),
        Level::Info,
        "Not linked to a user journey",
        format!(
            "{why} An SLO that serves no journey tends to measure what is easy rather than what users do. \
             Link it to the journey whose happiness it stands for."
        ),
    ));
}

/// With time slices the budget counts slices: fewer than one bad slice per
/// window means the first bad slice breaks the SLO.
fn slice_budget(slo: &Slo, out: &mut Vec<Finding>) {
    let slice = match &slo.budgeting {
        BudgetingMethod::Timeslices { slice, .. } | BudgetingMethod::RatioTimeslices { slice } => {
            *slice
        }
        BudgetingMethod::Occurrences => return,
    };
    let window = slo.window.nominal();
    let slices = crate::budget::timeslice_budget(slo.target, window, slice);
    if slices < 1.0 {
        out.push(Finding::new(
            format!("budget-under-one-slice:{}", slo.id),
            Some(&slo.id),
            Level::Warning,
            "The budget holds less than one bad time slice",
            format!(
                "{} counts {} slices over {}; at {}% the budget allows {} bad slices, less than one, so the \
                 first bad slice breaks the SLO. Use shorter slices, a longer window or a lower target.",
                name(slo),
                slice.human(),
                window.human(),
                slo.target,
                plain_number(slices),
            ),
        ));
    }
}

/// Budget under one event per window, and single failures firing alerts.
fn traffic_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(per_hour) = facts
        .expected_events_per_hour
        .filter(|h| h.is_finite() && *h >= 0.0)
    else {
        return;
    };
    let id = slo.id.as_str();
    let budget = slo.target.error_budget();
    let window = slo.window.nominal();
    let in_window = per_hour * window.seconds() as f64 / 3600.0;
    if in_window * budget < 1.0 {
        out.push(Finding::new(
            format!("budget-under-one-event:{id}"),
            Some(id),
            Level::Warning,
            "The budget holds less than one bad event",
            format!(
                "At about {} events an hour, {} sees {} events in its {} window; at {}% the budget allows {} bad \
                 ones, less than one, so the first failure breaks the SLO. {}% needs at least {} events per window. \
                 Lengthen the window, lower the target, aggregate with similar traffic or add synthetic traffic.",
                plain_number(per_hour),
                name(slo),
                plain_number(in_window),
                window.human(),
                slo.target,
                plain_number(in_window * budget),
                slo.target,
                // Rounded first so float noise in 1 - T (99.999%) does not add an event.
                plain_number((((1.0 / budget) * 1e6).round() / 1e6).ceil()),
            ),
        ));
    }
    // One failure among n events in the long window fires when 1/n > F x B.
    let fired: Vec<String> = slo
        .alerting
        .alerts
        .iter()
        .filter(|a| a.factor.is_finite() && a.factor > 0.0 && a.factor * budget < 1.0)
        .filter(|a| per_hour * a.long.seconds() as f64 / 3600.0 * a.factor * budget < 1.0)
        .map(|a| format!("{} {}/{}", a.severity.as_str(), a.long, a.short))
        .collect();
    if !fired.is_empty() && in_window > 0.0 {
        out.push(Finding::new(
            format!("low-traffic:{id}"),
            Some(id),
            Level::Warning,
            "Low traffic makes alerts noisy",
            format!(
                "At about {} events an hour a single failed event is enough to fire {} of {} alerts ({}), and each \
                 failure spends {}. Consider synthetic traffic, aggregating services, longer windows \
                 or time slices, a minimum-events guard, or accepting it knowingly.",
                plain_number(per_hour),
                fired.len(),
                slo.alerting.alerts.len(),
                fired.join(", "),
                failure_share(in_window * budget),
            ),
        ));
    }
}

/// What one failure costs when the window's budget holds `allowed` bad events.
fn failure_share(allowed: f64) -> String {
    if allowed <= 1.0 {
        "the whole budget of the window or more".into()
    } else {
        format!("{}% of the budget", plain_number(100.0 / allowed))
    }
}

/// A target above what the history achieved.
fn history_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(history) = facts.history_sli.filter(|h| h.is_finite()) else {
        return;
    };
    if slo.target.ratio() <= history {
        return;
    }
    let id = slo.id.as_str();
    let achieved = crate::model::format_percent((history * 1e6).round() / 1e4);
    let (level, title, advice) = match slo.commitment {
        Commitment::Committed => (
            Level::Warning,
            "The history does not support this committed target",
            "A committed target should be one the service meets today. Lower it towards what the history \
             supports (see the recalibration suggestion), or mark it aspirational until the work to reach it is done.",
        ),
        Commitment::Aspirational => (
            Level::Info,
            "Aspirational target above what the history shows",
            "That is fine for an aspirational SLO: it signals where the team is heading. Keep it permissive and \
             apart from the committed ones.",
        ),
    };
    out.push(Finding::new(
        format!("history-below-target:{id}"),
        Some(id),
        level,
        title,
        format!(
            "{} aims at {}% but the history reached {achieved}%. {advice}",
            name(slo),
            slo.target
        ),
    ));
}

/// More SLOs for one journey than a team can watch.
fn journey_findings(project: &Project, out: &mut Vec<Finding>) {
    let mut per_journey: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for slo in &project.slos {
        let j = slo.journey.trim();
        if j.is_empty() {
            continue;
        }
        per_journey
            .entry(j.to_lowercase())
            .or_insert_with(|| (j.to_string(), 0))
            .1 += 1;
    }
    for (shown, count) in per_journey.into_values() {
        if count > MOST_SLOS_PER_JOURNEY {
            out.push(Finding::new(
                format!("too-many-slos:{}", crate::model::slug(&shown)),
                None,
                Level::Warning,
                "Too many SLOs for one journey",
                format!(
                    "The journey \"{shown}\" has {count} SLOs. Each one needs a dashboard, alerts and a review; \
                     more than {MOST_SLOS_PER_JOURNEY} dilutes attention. Start with one or two that best reflect \
                     what users feel, and add more only when they miss something that matters."
                ),
            ));
        }
    }
}

/// Dependencies whose availability is not a ratio in (0, 1] are left out of
/// the ceiling check; say so, so the team can fill them in.
fn dependency_findings(project: &Project, out: &mut Vec<Finding>) {
    for service in &project.services {
        for dep in &service.dependencies {
            if crate::budget::usable_availability(dep.availability) {
                continue;
            }
            out.push(Finding::new(
                format!(
                    "dependency-availability-missing:{}:{}",
                    crate::model::slug(&service.name),
                    crate::model::slug(&dep.name)
                ),
                None,
                Level::Info,
                "A dependency's availability is unknown",
                format!(
                    "\"{}\" depends on \"{}\", whose availability is not set as a ratio between 0 and 1 \
                     (for example 0.9995 for 99.95%). Without it the linter cannot tell whether the targets \
                     ask for more nines than the dependencies offer.",
                    service.name.trim(),
                    dep.name.trim(),
                ),
            ));
        }
    }
}

/// RACI checks on the chart alone: each step needs exactly one A and at least
/// one R. Ids: `raci-no-a:<step>`, `raci-many-a:<step>`, `raci-no-r:<step>`
/// with the step's slug. All warnings: the editor warns, it does not forbid.
pub fn raci_findings(raci: &Raci) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, row) in raci.cells.iter().enumerate() {
        let step = step_name(i);
        let step_id = crate::model::slug(&step);
        let holders = |letter: char| -> Vec<String> {
            row.iter()
                .enumerate()
                .filter(|(_, cell)| cell.chars().any(|c| c.eq_ignore_ascii_case(&letter)))
                .map(|(j, _)| persona_name(j))
                .collect()
        };
        let accountable = holders('A');
        if accountable.is_empty() {
            out.push(Finding::new(
                format!("raci-no-a:{step_id}"),
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
                format!("raci-many-a:{step_id}"),
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
                format!("raci-no-r:{step_id}"),
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
            "raci-no-people".into(),
            None,
            Level::Info,
            "No people are mapped to personas yet",
            "The RACI chart names roles, not people. Map each person of the team to the persona they play, \
             so every step has a name beside its A and R."
                .into(),
        )];
    }
    let mut steps_by_persona: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, row) in raci.cells.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            if cell.chars().any(|c| c.eq_ignore_ascii_case(&'A'))
                && !people.iter().any(|p| p.persona == j)
            {
                steps_by_persona.entry(j).or_default().push(step_name(i));
            }
        }
    }
    steps_by_persona
        .into_iter()
        .map(|(j, steps)| {
            let persona = persona_name(j);
            let quoted: Vec<String> = steps.iter().map(|s| format!("\"{s}\"")).collect();
            Finding::new(
                format!("raci-a-unstaffed:{}", crate::model::slug(&persona)),
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

fn step_name(i: usize) -> String {
    RACI_STEPS
        .get(i)
        .map_or_else(|| format!("Step {}", i + 1), |s| s.to_string())
}

fn persona_name(j: usize) -> String {
    RACI_PERSONAS
        .get(j)
        .map_or_else(|| format!("Persona {}", j + 1), |s| s.to_string())
}

/// How findings name an SLO: `SLO "checkout"`, by its name or, when unnamed, its id.
fn name(slo: &Slo) -> String {
    let n = slo.name.trim();
    format!("SLO \"{}\"", if n.is_empty() { slo.id.as_str() } else { n })
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// Lowercase identifiers of the SLI's queries that can be metric or function
/// names: quoted label values and `{...}` matchers are left out, so a label
/// such as `container="cpu-worker"` does not count as a CPU metric.
fn sli_tokens(sli: &Sli) -> Vec<String> {
    match sli {
        Sli::Ratio {
            events_query,
            total_query,
            ..
        } => {
            let mut t = query_identifiers(events_query);
            t.extend(query_identifiers(total_query));
            t
        }
        Sli::Latency {
            histogram_metric, ..
        } => query_identifiers(histogram_metric),
        Sli::Availability { probe_query } => query_identifiers(probe_query),
    }
}

fn query_identifiers(query: &str) -> Vec<String> {
    let mut kept = String::with_capacity(query.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut depth = 0usize;
    for c in query.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => {
                quote = Some(c);
                kept.push(' ');
            }
            '{' => {
                depth += 1;
                kept.push(' ');
            }
            '}' => {
                depth = depth.saturating_sub(1);
                kept.push(' ');
            }
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    let mut out: Vec<String> = kept
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .filter(|t| {
            t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        })
        .map(|t| t.to_ascii_lowercase())
        .collect();
    out.dedup();
    out
}

/// Lowercase words of free text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_average_token(t: &str) -> bool {
    t == "avg"
        || t == "avg_over_time"
        || t.ends_with("_avg")
        || t.ends_with("_mean")
        || t.contains("average")
}

/// "average", "avg", or "mean" used of latency, in a description.
fn average_in_words(words: &[String]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if matches!(w.as_str(), "average" | "averages" | "averaged" | "avg") {
            return Some(w.clone());
        }
        if w == "mean" {
            if let Some(next) = words.get(i + 1) {
                if matches!(
                    next.as_str(),
                    "latency" | "response" | "duration" | "request" | "requests" | "delay"
                ) {
                    return Some(format!("mean {next}"));
                }
            }
        }
    }
    None
}

fn is_resource_token(t: &str) -> bool {
    let base = t.trim_end_matches(|c: char| c.is_ascii_digit());
    t.contains("cpu")
        || t.contains("memory")
        || t.starts_with("mem_")
        || t.contains("_mem_")
        || t.ends_with("_mem")
        || t.contains("disk")
        || t.contains("swap")
        || t.starts_with("node_")
        || t.starts_with("container_fs")
        || base == "load"
        || base.ends_with("_load")
}

fn is_queue_size_token(t: &str) -> bool {
    (t.contains("queue")
        && ["length", "size", "depth", "_len", "messages", "backlog"]
            .iter()
            .any(|p| t.contains(p)))
        || t.ends_with("_lag")
}

fn is_internal_token(t: &str) -> bool {
    t == "up" || t.starts_with("process_") || t.starts_with("go_") || t.starts_with("scrape_")
}

/// Numbers in messages: whole with thousands separators from 100 up, else up to 3 decimals.
fn plain_number(x: f64) -> String {
    if !x.is_finite() {
        return "no".into();
    }
    if x.abs() >= 100.0 {
        let digits = format!("{:.0}", x.abs());
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        return if x < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        };
    }
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AlertConfig, CalendarUnit, Dependency, EventKind, Journey, Service, Span, Target, Window,
    };

    /// A project with nothing to complain about in its one SLO: a shop whose
    /// checkout journey has an availability SLO of 99.9% over 30 days.
    fn shop() -> Project {
        Project {
            services: vec![Service {
                name: "Shop".into(),
                dependencies: vec![Dependency {
                    name: "payments".into(),
                    availability: 0.9999,
                }],
                ..Service::default()
            }],
            journeys: vec![Journey {
                name: "Checkout".into(),
                service: "Shop".into(),
                description: String::new(),
            }],
            slos: vec![checkout("checkout")],
            people: (0..RACI_PERSONAS.len())
                .map(|p| Person {
                    name: format!("person {p}"),
                    persona: p,
                })
                .collect(),
            ..Project::default()
        }
    }

    fn checkout(id: &str) -> Slo {
        Slo {
            id: id.into(),
            name: id.into(),
            service: "Shop".into(),
            journey: "Checkout".into(),
            description: "Share of checkout requests that succeed".into(),
            ..Slo::default()
        }
    }

    fn ratio_sli(events: &str) -> Sli {
        Sli::Ratio {
            counts: EventKind::Bad,
            events_query: events.into(),
            total_query: "sum(rate(http_requests_total[{{.window}}]))".into(),
        }
    }

    fn slo_ids(p: &Project, ctx: &LintContext) -> Vec<String> {
        lint_project(p, ctx)
            .into_iter()
            .filter(|f| f.slo_id.is_some())
            .map(|f| f.id)
            .collect()
    }

    fn with_traffic(slo: &str, per_hour: f64) -> LintContext {
        let mut ctx = LintContext::default();
        ctx.slos.insert(
            slo.into(),
            SloFacts {
                expected_events_per_hour: Some(per_hour),
                history_sli: None,
            },
        );
        ctx
    }

    fn find<'a>(findings: &'a [Finding], id: &str) -> &'a Finding {
        findings
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no {id} in {findings:?}"))
    }

    #[test]
    fn a_healthy_slo_draws_no_findings() {
        assert_eq!(
            slo_ids(&shop(), &with_traffic("checkout", 10_000.0)),
            Vec::<String>::new()
        );
    }

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
        };
        assert_eq!(raci_findings(&raci), Vec::new());
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

    #[test]
    fn five_nines_or_more_is_a_warning() {
        let mut p = shop();
        p.slos[0].target = Target(0.99999);
        p.services[0].dependencies.clear();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "target-too-high:checkout");
        assert_eq!(hit.level, Level::Warning);
        assert!(hit.explanation.contains("25.9 s"), "{}", hit.explanation);
        p.slos[0].target = Target(0.9999);
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn a_hundred_percent_target_from_a_file_is_an_error_and_skips_budget_math() {
        let mut p = shop();
        p.slos[0].target = Target(1.0);
        assert_eq!(
            slo_ids(&p, &with_traffic("checkout", 1.0)),
            vec!["target-invalid:checkout"]
        );
        p.slos[0].target = Target(f64::NAN);
        assert_eq!(
            find(
                &lint_project(&p, &LintContext::default()),
                "target-invalid:checkout"
            )
            .level,
            Level::Error
        );
    }

    #[test]
    fn target_above_the_serial_product_of_dependencies_is_flagged() {
        let mut p = shop();
        p.services[0].dependencies = [0.9999, 0.9999, 0.9995, 0.999]
            .iter()
            .enumerate()
            .map(|(i, a)| Dependency {
                name: format!("dep {i}"),
                availability: *a,
            })
            .collect();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "nines-beyond-dependencies:checkout");
        assert!(hit.explanation.contains("99.83%"), "{}", hit.explanation);
        p.slos[0].target = Target(0.998);
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn dependency_without_availability_is_reported_and_left_out_of_the_ceiling() {
        let mut p = shop();
        p.services[0].dependencies.push(Dependency {
            name: "Search API".into(),
            availability: 0.0,
        });
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(
            find(&f, "dependency-availability-missing:shop:search-api").level,
            Level::Info
        );
        assert!(
            !f.iter()
                .any(|x| x.id.starts_with("nines-beyond-dependencies")),
            "{f:?}"
        );
    }

    #[test]
    fn averages_in_queries_or_description_are_flagged() {
        let mut p = shop();
        p.slos[0].sli = ratio_sli("avg_over_time(checkout_errors[{{.window}}])");
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["average-not-percentile:checkout"]
        );
        let mut p = shop();
        p.slos[0].description = "Mean latency of checkout stays under 200 ms".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "average-not-percentile:checkout")
            .explanation
            .contains("\"mean latency\""));
        p.slos[0].description = "What we mean by a successful checkout".into();
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn resource_metrics_as_slis_are_flagged() {
        for query in [
            "sum(rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))",
            "container_memory_working_set_bytes",
            "node_load1",
            "disk_used_percent",
        ] {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(query);
            assert_eq!(
                slo_ids(&p, &LintContext::default()),
                vec!["resource-metric:checkout"],
                "{query}"
            );
        }
    }

    #[test]
    fn label_values_and_ordinary_words_do_not_look_like_resources() {
        for query in [
            "sum(rate(http_requests_total{container=\"cpu-worker\",code=~\"5..\"}[{{.window}}]))",
            "sum(rate(upload_errors_total[5m]))",
            "sum(rate(payload_rejected_total[5m]))",
        ] {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(query);
            assert_eq!(
                slo_ids(&p, &LintContext::default()),
                Vec::<String>::new(),
                "{query}"
            );
        }
    }

    #[test]
    fn queue_size_instead_of_time_in_queue_is_flagged() {
        let mut p = shop();
        p.slos[0].sli = ratio_sli("max(rabbitmq_queue_messages_ready)");
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["queue-size:checkout"]
        );
    }

    #[test]
    fn the_up_metric_is_measured_far_from_the_user() {
        let mut p = shop();
        p.slos[0].sli = Sli::Availability {
            probe_query: "up{job=\"checkout\"}".into(),
        };
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["far-from-user:checkout"]
        );
        p.slos[0].sli = Sli::Availability {
            probe_query: "probe_success{job=\"blackbox\"}".into(),
        };
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn an_slo_without_a_known_journey_is_an_info() {
        let mut p = shop();
        p.slos[0].journey = String::new();
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(find(&f, "no-journey:checkout").level, Level::Info);
        p.slos[0].journey = "Browse".into();
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "no-journey:checkout")
            .explanation
            .contains("\"Browse\""));
        p.slos[0].journey = " checkout ".into();
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn windows_shorter_than_a_week_are_too_short() {
        let mut p = shop();
        p.slos[0].window = Window::Rolling {
            span: Span::days(1),
        };
        p.slos[0].alerting = AlertConfig {
            alerts: Vec::new(),
            ..AlertConfig::default()
        };
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["window-too-short:checkout"]
        );
        p.slos[0].window = Window::Calendar {
            unit: CalendarUnit::Week,
            time_zone: "UTC".into(),
        };
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn an_unknown_calendar_time_zone_is_an_error_naming_it() {
        let mut p = shop();
        p.slos[0].window = Window::Calendar {
            unit: CalendarUnit::Month,
            time_zone: "Not/AZone".into(),
        };
        let f = lint_project(&p, &LintContext::default());
        let finding = find(&f, "time-zone-unknown:checkout");
        assert_eq!(finding.level, Level::Error);
        assert!(finding.explanation.contains("\"Not/AZone\""));
        for known in ["Europe/Berlin", "UTC", "Etc/UTC"] {
            p.slos[0].window = Window::Calendar {
                unit: CalendarUnit::Month,
                time_zone: known.into(),
            };
            let ids = slo_ids(&p, &LintContext::default());
            assert!(
                !ids.iter().any(|i| i.starts_with("time-zone-unknown")),
                "{known}: {ids:?}"
            );
        }
    }

    #[test]
    fn a_time_slice_budget_under_one_slice_is_flagged() {
        // 99.99% over 7 days of 5-minute slices: 2016 slices, 0.2 of them may be bad.
        let mut p = shop();
        p.slos[0].target = Target(0.9999);
        p.slos[0].window = Window::Calendar {
            unit: CalendarUnit::Week,
            time_zone: "UTC".into(),
        };
        p.slos[0].alerting.alerts.clear();
        p.slos[0].budgeting = BudgetingMethod::Timeslices {
            slice: Span::minutes(5),
            slice_target: 0.95,
        };
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "budget-under-one-slice:checkout")
            .explanation
            .contains("0.202 bad slices"));
        // 1-minute slices: 10,080 slices, 1.008 bad ones allowed.
        p.slos[0].budgeting = BudgetingMethod::RatioTimeslices {
            slice: Span::MINUTE,
        };
        assert_eq!(slo_ids(&p, &LintContext::default()), Vec::<String>::new());
    }

    #[test]
    fn a_budget_under_one_event_per_window_is_flagged() {
        // 1 event an hour over 30 days is 720 events; 99.9% allows 0.72 bad ones.
        let f = lint_project(&shop(), &with_traffic("checkout", 1.0));
        let hit = find(&f, "budget-under-one-event:checkout");
        assert!(hit.explanation.contains("0.72 bad"), "{}", hit.explanation);
        assert!(
            hit.explanation.contains("at least 1,000 events per window"),
            "{}",
            hit.explanation
        );
    }

    #[test]
    fn low_traffic_that_lets_one_failure_fire_alerts_is_flagged() {
        // 10 requests an hour, 99.9%, 30 d: each failure spends 13.9% of the budget,
        // and one failure exceeds every Workbook threshold.
        let f = lint_project(&shop(), &with_traffic("checkout", 10.0));
        let hit = find(&f, "low-traffic:checkout");
        assert!(
            hit.explanation.contains("fire 4 of 4 alerts"),
            "{}",
            hit.explanation
        );
        assert!(hit.explanation.contains("13.889%"), "{}", hit.explanation);
        assert!(
            !f.iter().any(|x| x.id.contains("alert-low-traffic")),
            "{f:?}"
        );
        assert!(
            !f.iter().any(|x| x.id.starts_with("budget-under-one-event")),
            "{f:?}"
        );
        // At 1,000 an hour one failure is 0.07% of the 1 h page threshold's worth: quiet.
        assert_eq!(
            slo_ids(&shop(), &with_traffic("checkout", 1000.0)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_committed_target_above_history_warns_and_an_aspirational_one_informs() {
        let mut ctx = LintContext::default();
        ctx.slos.insert(
            "checkout".into(),
            SloFacts {
                expected_events_per_hour: None,
                history_sli: Some(0.998),
            },
        );
        let mut p = shop();
        let f = lint_project(&p, &ctx);
        let hit = find(&f, "history-below-target:checkout");
        assert_eq!(hit.level, Level::Warning);
        assert!(
            hit.explanation.contains("history reached 99.8%"),
            "{}",
            hit.explanation
        );
        p.slos[0].commitment = Commitment::Aspirational;
        assert_eq!(
            find(&lint_project(&p, &ctx), "history-below-target:checkout").level,
            Level::Info
        );
        p.slos[0].target = Target(0.995);
        assert_eq!(slo_ids(&p, &ctx), Vec::<String>::new());
    }

    #[test]
    fn an_aspirational_slo_that_enforces_is_a_warning() {
        let mut p = shop();
        p.slos[0].commitment = Commitment::Aspirational;
        p.slos[0].enforcement = Enforcement::Enforcing;
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["aspirational-enforcing:checkout"]
        );
    }

    #[test]
    fn alert_lints_appear_under_the_slo_with_its_id() {
        let mut p = shop();
        p.slos[0].target = Target(0.93);
        p.services[0].dependencies.clear();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "alert-never-fires:checkout:0");
        assert_eq!(hit.level, Level::Error);
        assert_eq!(hit.slo_id.as_deref(), Some("checkout"));
    }

    #[test]
    fn more_than_three_slos_for_one_journey_is_too_many() {
        let mut p = shop();
        p.slos = (1..=4)
            .map(|i| checkout(&format!("checkout-{i}")))
            .collect();
        let f = lint_project(&p, &LintContext::default());
        let hit = find(&f, "too-many-slos:checkout");
        assert_eq!(hit.slo_id, None);
        assert!(hit.explanation.contains("4 SLOs"));
        p.slos.pop();
        assert!(!lint_project(&p, &LintContext::default())
            .iter()
            .any(|x| x.id.starts_with("too-many-slos")));
    }

    #[test]
    fn two_slos_with_one_id_are_an_error_reported_once() {
        let mut p = shop();
        p.slos = vec![checkout("same"), checkout("same"), checkout("same")];
        p.slos[1].journey = String::new();
        p.slos[2].journey = String::new();
        let f = lint_project(&p, &LintContext::default());
        assert_eq!(
            f.iter().filter(|x| x.id == "duplicate-slo-id:same").count(),
            1
        );
        // Both unlinked copies would say "no-journey:same"; the list keeps one.
        assert_eq!(f.iter().filter(|x| x.id == "no-journey:same").count(), 1);
    }

    #[test]
    fn acknowledged_findings_are_marked_from_the_project() {
        let mut p = shop();
        p.acknowledged.insert(
            "raci-many-a:existence-of-slo".into(),
            "we co-own it on purpose".into(),
        );
        p.slos[0].window = Window::Rolling {
            span: Span::days(1),
        };
        let f = lint_project(&p, &LintContext::default());
        assert!(find(&f, "raci-many-a:existence-of-slo").acknowledged);
        assert!(!find(&f, "window-too-short:checkout").acknowledged);
    }

    proptest::proptest! {
        #[test]
        fn any_text_lints_without_panic_and_with_unique_ids(
            events in "\\PC{0,60}", desc in "\\PC{0,60}", name in "\\PC{0,20}", journey in "\\PC{0,10}",
            target in proptest::num::f64::ANY, per_hour in proptest::option::of(proptest::num::f64::ANY),
        ) {
            let mut p = shop();
            p.slos[0].sli = ratio_sli(&events);
            p.slos[0].description = desc;
            p.slos[0].name = name.clone();
            p.slos[0].journey = journey;
            p.slos[0].target = Target(target);
            p.services[0].name = name;
            let mut ctx = LintContext::default();
            ctx.slos.insert("checkout".into(), SloFacts { expected_events_per_hour: per_hour, history_sli: Some(target) });
            let f = lint_project(&p, &ctx);
            let mut ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            proptest::prop_assert_eq!(ids.len(), n);
            proptest::prop_assert!(f.iter().all(|x| !x.title.is_empty() && !x.explanation.is_empty()));
        }
    }
}
