//! The pitfall linter: what a team should reconsider in its project, in plain words.
//!
//! Owns the well-known SLO pitfalls of `lifecycle.md` as checks over a
//! `model::Project`: 100% or near-100% targets, more nines than the
//! dependencies allow, averages instead of percentiles, too many SLOs for one
//! journey, resource metrics and queue sizes as SLIs, measuring far from the
//! user, windows too short to hold a budget, no one accountable in the RACI
//! chart, low traffic making alerts noisy, committed targets the history does
//! not support, aspirational SLOs that enforce, and the alert lints of
//! `alerting`. Each finding has a stable id so the team can acknowledge it
//! (`Project.acknowledged`, keyed by id).
//!
//! It runs on every keystroke, so every check is a linear scan of short text;
//! facts the model does not hold (traffic, history) come in through
//! [`LintContext`]. It must not change the project, replay data or know the UI.

use crate::alerting::AlertRule;
use crate::diag::Level;
use crate::model::{Commitment, Enforcement, Person, Project, Raci, Sli, Slo, RACI_PERSONAS, RACI_STEPS};
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
    fn new(id: String, slo_id: Option<&str>, level: Level, title: impl Into<String>, explanation: String) -> Self {
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
/// RACI chart. `acknowledged` is set from `project.acknowledged`.
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
                if t.is_finite() { format!("{}%", crate::model::format_percent(t * 100.0)) } else { "no number".into() },
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
    if valid_target {
        traffic_findings(slo, facts, out);
        history_findings(slo, facts, out);
        let eps = facts.expected_events_per_hour.map(|h| h / 3600.0);
        for a in crate::alerting::lint_alerts(&slo.alerting.alerts, slo.target, window, eps) {
            let title = match a.rule {
                // `low-traffic` (one failure fires an alert) says this sharper for the project view.
                AlertRule::LowTraffic => continue,
                AlertRule::NeverFires => "An alert can never fire",
                AlertRule::ShortNotShorter => "An alert's short window is not shorter than its long one",
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
    let Some(service) = project.services.iter().find(|s| same_name(&s.name, &slo.service)) else { return };
    let known: Vec<f64> = service.dependencies.iter().map(|d| d.availability).filter(|a| usable_availability(*a)).collect();
    if known.is_empty() {
        return;
    }
    let ceiling = crate::budget::serial_availability(&known);
    if slo.target.ratio() > ceiling {
        out.push(Finding::new(
            format!("nines-beyond-dependencies:{}", slo.id),
            Some(&slo.id),
            Level::Warning,
            "More nines than the dependencies allow",
            format!(
                "{} needs all of its {} dependencies with known availability; together they offer at most {}%, \
                 below the {}% target, so their outages alone would spend more than the budget. \
                 Lower the target, add redundancy or caching, or agree up front what happens when a dependency \
                 spends your budget.",
                service.name.trim(),
                known.len(),
                crate::model::format_percent((ceiling * 10_000.0).round() / 100.0),
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
    if let Some(hit) = tokens.iter().find(|t| is_average_token(t)).cloned().or_else(|| average_in_words(&desc)) {
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
        format!("{} names the journey \"{journey}\", which this project does not describe.", name(slo))
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

/// Budget under one event per window, and single failures firing alerts.
fn traffic_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(per_hour) = facts.expected_events_per_hour.filter(|h| h.is_finite() && *h >= 0.0) else { return };
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
                plain_number((1.0 / budget).ceil()),
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
                 failure spends {}% of the budget. Consider synthetic traffic, aggregating services, longer windows \
                 or time slices, a minimum-events guard, or accepting it knowingly.",
                plain_number(per_hour),
                fired.len(),
                slo.alerting.alerts.len(),
                fired.join(", "),
                plain_number(100.0 / (in_window * budget)),
            ),
        ));
    }
}

/// A target above what the history achieved.
fn history_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(history) = facts.history_sli.filter(|h| h.is_finite()) else { return };
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
        format!("{} aims at {}% but the history reached {achieved}%. {advice}", name(slo), slo.target),
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
        per_journey.entry(j.to_lowercase()).or_insert_with(|| (j.to_string(), 0)).1 += 1;
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
            if usable_availability(dep.availability) {
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
            if cell.chars().any(|c| c.eq_ignore_ascii_case(&'A')) && !people.iter().any(|p| p.persona == j) {
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
    RACI_STEPS.get(i).map_or_else(|| format!("Step {}", i + 1), |s| s.to_string())
}

fn persona_name(j: usize) -> String {
    RACI_PERSONAS.get(j).map_or_else(|| format!("Persona {}", j + 1), |s| s.to_string())
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

fn usable_availability(a: f64) -> bool {
    a.is_finite() && a > 0.0 && a <= 1.0
}

/// Lowercase identifiers of the SLI's queries that can be metric or function
/// names: quoted label values and `{...}` matchers are left out, so a label
/// such as `container="cpu-worker"` does not count as a CPU metric.
fn sli_tokens(sli: &Sli) -> Vec<String> {
    match sli {
        Sli::Ratio { events_query, total_query, .. } => {
            let mut t = query_identifiers(events_query);
            t.extend(query_identifiers(total_query));
            t
        }
        Sli::Latency { histogram_metric, .. } => query_identifiers(histogram_metric),
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
        .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_'))
        .map(|t| t.to_ascii_lowercase())
        .collect();
    out.dedup();
    out
}

/// Lowercase words of free text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn is_average_token(t: &str) -> bool {
    t == "avg" || t == "avg_over_time" || t.ends_with("_avg") || t.ends_with("_mean") || t.contains("average")
}

/// "average", "avg", or "mean" used of latency, in a description.
fn average_in_words(words: &[String]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if matches!(w.as_str(), "average" | "averages" | "averaged" | "avg") {
            return Some(w.clone());
        }
        if w == "mean" {
            if let Some(next) = words.get(i + 1) {
                if matches!(next.as_str(), "latency" | "response" | "duration" | "request" | "requests" | "delay") {
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
    (t.contains("queue") && ["length", "size", "depth", "_len", "messages", "backlog"].iter().any(|p| t.contains(p)))
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
        return if x < 0.0 { format!("-{grouped}") } else { grouped };
    }
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
