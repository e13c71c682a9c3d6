//! The validation gate: one check of a whole `Project` that every way in
//! (project files, share links, saved workspaces, OpenSLO/Sloth/Pyrra
//! imports, the CLI) and every export runs.
//!
//! Owns the rules that decide whether a rule written from the project could
//! be right: targets, windows, time slices, alert windows and factors,
//! runbook URLs, and the counts in `limits`. Each problem is an error
//! `Diagnostic` whose message starts with the field's path
//! (`slos[2].target: ...`). Must not judge taste (that is `lint`) nor know
//! any file format.

use crate::diag::Diagnostic;
use crate::limits::{
    too_many, MAX_ALERTS_PER_SLO, MAX_JOURNEYS, MAX_LABELS_PER_SLO, MAX_MAP_ENTRIES, MAX_PEOPLE,
    MAX_RACI_COLUMNS, MAX_RACI_ROWS, MAX_SERVICES, MAX_SLOS, MAX_SPAN_SECONDS,
};
use crate::model::{BudgetingMethod, Project, Sli, Slo, Span, Target, Window};

/// Problems reported at most: past this, one more line says how many were left out.
pub const MAX_REPORTED: usize = 100;

/// How strict the gate is. Loading (a project file, a share link, a saved
/// workspace) refuses values that cannot be right on their own; a draft whose
/// fields disagree with each other (a short window longer than its long one,
/// a time slice longer than the window) still loads, because the editor lets
/// a user pass through such states and the linter names them: refusing the
/// save would cost the user their work. Exporting refuses both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Load,
    Export,
}

/// Every problem that keeps the project from loading, or `Ok` when there is none.
pub fn check_project(project: &Project) -> Result<(), Vec<Diagnostic>> {
    let problems = project_problems(project);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(capped(problems))
    }
}

/// Every problem that keeps one SLO from being exported, paths relative to
/// `path` (`slos[2]`): what loading checks, and that its fields agree.
pub fn check_slo(slo: &Slo, path: &str) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    slo_problems(slo, path, Gate::Export, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(capped(problems))
    }
}

/// The problems as one line of text each (`path: why`), for callers that
/// show a plain message (exports, the UI).
pub fn explain(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn capped(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if problems.len() > MAX_REPORTED {
        let more = problems.len() - MAX_REPORTED;
        problems.truncate(MAX_REPORTED);
        problems.push(Diagnostic::error(
            0,
            format!("... and {more} more problems"),
        ));
    }
    problems
}

fn problem(out: &mut Vec<Diagnostic>, path: &str, why: impl std::fmt::Display) {
    out.push(Diagnostic::error(0, format!("{path}: {why}")));
}

fn count(out: &mut Vec<Diagnostic>, path: &str, what: &str, n: usize, limit: usize) {
    if n > limit {
        problem(out, path, too_many(what, n, limit));
    }
}

fn project_problems(p: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    count(&mut out, "slos", "SLOs", p.slos.len(), MAX_SLOS);
    count(
        &mut out,
        "services",
        "services",
        p.services.len(),
        MAX_SERVICES,
    );
    count(
        &mut out,
        "journeys",
        "journeys",
        p.journeys.len(),
        MAX_JOURNEYS,
    );
    count(&mut out, "people", "people", p.people.len(), MAX_PEOPLE);
    count(
        &mut out,
        "raci.cells",
        "RACI rows",
        p.raci.cells.len(),
        MAX_RACI_ROWS,
    );
    for (i, row) in p.raci.cells.iter().enumerate() {
        let path = format!("raci.cells[{i}]");
        count(&mut out, &path, "RACI cells", row.len(), MAX_RACI_COLUMNS);
    }
    let words = &p.raci.words;
    count(
        &mut out,
        "raci.words.titles",
        "titles",
        words.titles.len(),
        MAX_RACI_COLUMNS,
    );
    count(
        &mut out,
        "raci.words.personas",
        "RACI columns",
        p.raci.persona_count(),
        MAX_RACI_COLUMNS,
    );
    count(
        &mut out,
        "raci.words.steps",
        "RACI rows",
        p.raci.step_count(),
        MAX_RACI_ROWS,
    );
    // Journal entries and logged changes grow with every review: one budget.
    let logged: usize = p
        .slos
        .iter()
        .map(|s| s.journal.len() + s.record.changes.len())
        .sum();
    count(
        &mut out,
        "slos[].journal and slos[].record.changes",
        "entries",
        logged,
        MAX_MAP_ENTRIES,
    );
    let entries = p.acknowledged.len() + p.review_notes.len() + p.progress.len();
    count(
        &mut out,
        "acknowledged, review_notes and progress",
        "entries",
        entries,
        MAX_MAP_ENTRIES,
    );
    if !out.is_empty() {
        // Over a count limit, checking each item would only cost time.
        return out;
    }
    for (i, person) in p.people.iter().enumerate() {
        let personas = p.raci.persona_count();
        if person.persona >= personas {
            problem(
                &mut out,
                &format!("people[{i}].persona"),
                format!(
                    "{} is not a persona; the RACI chart has {} (0 to {})",
                    person.persona,
                    personas,
                    personas - 1
                ),
            );
        }
    }
    for (i, s) in p.services.iter().enumerate() {
        for (j, d) in s.dependencies.iter().enumerate() {
            if !(d.availability.is_finite() && (0.0..=1.0).contains(&d.availability)) {
                problem(
                    &mut out,
                    &format!("services[{i}].dependencies[{j}].availability"),
                    format!("{} must be a ratio from 0 to 1", d.availability),
                );
            }
        }
    }
    let share = p.policy.single_incident_share;
    if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
        problem(
            &mut out,
            "policy.single_incident_share",
            format!("{share} must be a share from 0 to 1 (0.2 for 20%)"),
        );
    }
    for (i, slo) in p.slos.iter().enumerate() {
        slo_problems(slo, &format!("slos[{i}]"), Gate::Load, &mut out);
    }
    out
}

fn slo_problems(slo: &Slo, path: &str, gate: Gate, out: &mut Vec<Diagnostic>) {
    if let Err(why) = Target::from_ratio(slo.target.ratio()) {
        problem(out, &format!("{path}.target"), why);
    }
    let window = slo.window.nominal();
    if let Window::Rolling { span } = &slo.window {
        span_problem(out, &format!("{path}.window.span"), *span);
    }
    match &slo.budgeting {
        BudgetingMethod::Occurrences => {}
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => {
            slice_problem(out, path, *slice, window, gate);
            if !(slice_target.is_finite() && *slice_target > 0.0 && *slice_target <= 1.0) {
                problem(
                    out,
                    &format!("{path}.budgeting.slice_target"),
                    format!("{slice_target} must be a ratio above 0 and at most 1"),
                );
            }
        }
        BudgetingMethod::RatioTimeslices { slice } => {
            slice_problem(out, path, *slice, window, gate)
        }
    }
    if let Sli::Latency {
        threshold_seconds, ..
    } = &slo.sli
    {
        if !(threshold_seconds.is_finite() && *threshold_seconds > 0.0) {
            problem(
                out,
                &format!("{path}.sli.threshold_seconds"),
                format!("{threshold_seconds} must be a positive number of seconds"),
            );
        }
    }
    let alerts = &slo.alerting.alerts;
    count(
        out,
        &format!("{path}.alerting.alerts"),
        "alerts",
        alerts.len(),
        MAX_ALERTS_PER_SLO,
    );
    for (i, a) in alerts.iter().enumerate().take(MAX_ALERTS_PER_SLO) {
        let here = format!("{path}.alerting.alerts[{i}]");
        span_problem(out, &format!("{here}.long"), a.long);
        span_problem(out, &format!("{here}.short"), a.short);
        if gate == Gate::Export && a.short > a.long {
            problem(
                out,
                &format!("{here}.short"),
                format!(
                    "the short window ({}) must not be longer than the long window ({})",
                    a.short, a.long
                ),
            );
        }
        // A factor of 0 is a draft the alert designer can hold ("spend 0%"):
        // linted while editing, refused on export.
        if gate == Gate::Export && !(a.factor.is_finite() && a.factor > 0.0) {
            problem(
                out,
                &format!("{here}.factor"),
                format!("{} must be a burn rate above 0", a.factor),
            );
        }
    }
    if let Err(why) = runbook_url(&slo.alerting.runbook_url) {
        problem(out, &format!("{path}.alerting.runbook_url"), why);
    }
    guard_problems(slo, path, gate, out);
    count(
        out,
        &format!("{path}.labels"),
        "labels",
        slo.labels.len(),
        MAX_LABELS_PER_SLO,
    );
}

/// The no-data alert's window must be a duration; the traffic guard needs at
/// least one event (zero would guard nothing) and, on export, events to
/// count: a probe SLI's total is a number of probe series.
fn guard_problems(slo: &Slo, path: &str, gate: Gate, out: &mut Vec<Diagnostic>) {
    if let Some(alert) = &slo.alerting.no_data {
        span_problem(out, &format!("{path}.alerting.no_data.after"), alert.after);
    }
    let Some(guard) = &slo.alerting.traffic_guard else {
        return;
    };
    let here = format!("{path}.alerting.traffic_guard.min_events");
    if guard.min_events == 0 {
        problem(
            out,
            &here,
            "a traffic guard needs at least 1 event; switch the guard off instead",
        );
    } else if guard.min_events > MAX_GUARD_EVENTS {
        problem(
            out,
            &here,
            format!(
                "{} events is more than the {MAX_GUARD_EVENTS} a guard may ask for",
                guard.min_events
            ),
        );
    }
    if gate == Gate::Export && !crate::guards::guard_applies(&slo.sli) {
        problem(
            out,
            &format!("{path}.alerting.traffic_guard"),
            "a probe SLI counts probes, not requests, so there are no events to guard on; switch the guard off",
        );
    }
}

/// The most events a traffic guard may ask for: beyond it the rule's figure
/// loses whole-number precision in PromQL's floats (2^53).
const MAX_GUARD_EVENTS: u64 = 1 << 53;

fn span_problem(out: &mut Vec<Diagnostic>, path: &str, span: Span) {
    if let Err(why) = Span::checked(span.seconds()) {
        problem(out, path, why);
    }
}

fn slice_problem(out: &mut Vec<Diagnostic>, path: &str, slice: Span, window: Span, gate: Gate) {
    let here = format!("{path}.budgeting.slice");
    span_problem(out, &here, slice);
    if gate == Gate::Export && slice > window && slice.seconds() <= MAX_SPAN_SECONDS {
        problem(
            out,
            &here,
            format!("a time slice ({slice}) cannot be longer than the SLO window ({window})"),
        );
    }
}

/// An empty runbook URL, or an absolute `http(s)` one without spaces or
/// control characters. Anything else (`javascript:`, `file:`, relative
/// paths) would be a link no responder should follow from an alert.
pub fn runbook_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Ok(())
        }
        _ => Err(format!(
            "\"{}\" is not an http(s) address; a runbook link must start with https:// (or http://)",
            url.chars().take(80).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BurnAlert, Person, Severity};

    fn one_slo(edit: impl FnOnce(&mut Slo)) -> Project {
        let mut slo = Slo::default();
        edit(&mut slo);
        Project {
            slos: vec![Slo::default(), Slo::default(), slo],
            ..Project::default()
        }
    }

    fn messages(p: &Project) -> Vec<String> {
        check_project(p)
            .unwrap_err()
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    fn export_messages(slo: &Slo) -> Vec<String> {
        check_slo(slo, "slos[2]")
            .unwrap_err()
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_draft_whose_fields_disagree_loads_but_is_not_exported() {
        let p = one_slo(|s| {
            s.alerting.alerts[0].short = Span::hours(2);
            s.alerting.alerts[0].long = Span::hours(1);
            s.budgeting = BudgetingMethod::RatioTimeslices {
                slice: Span::days(31),
            };
        });
        assert_eq!(check_project(&p), Ok(()));
        let m = export_messages(&p.slos[2]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("longer than the SLO window (30d)"), "{m:?}");
        assert!(m[1].contains("short window (2h)"), "{m:?}");
    }

    #[test]
    fn the_default_project_and_slo_pass() {
        assert_eq!(check_project(&one_slo(|_| {})), Ok(()));
    }

    #[test]
    fn a_target_out_of_range_names_its_field() {
        let m = messages(&one_slo(|s| s.target = Target(1.5)));
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("slos[2].target: "), "{m:?}");
    }

    #[test]
    fn a_target_finer_than_the_rules_can_write_is_refused() {
        let m = messages(&one_slo(|s| s.target = Target(0.9999999999999)));
        assert!(m[0].contains("12 decimals"), "{m:?}");
    }

    #[test]
    fn zero_windows_and_slices_longer_than_the_window_are_refused() {
        let m = messages(&one_slo(|s| {
            s.window = Window::Rolling { span: Span(0) };
            s.alerting.alerts[0].short = Span(0);
        }));
        assert!(m[0].starts_with("slos[2].window.span: "), "{m:?}");
        assert!(
            m[1].starts_with("slos[2].alerting.alerts[0].short: "),
            "{m:?}"
        );
        let p = one_slo(|s| {
            s.budgeting = BudgetingMethod::Timeslices {
                slice: Span::days(31),
                slice_target: 0.95,
            }
        });
        let m = export_messages(&p.slos[2]);
        assert!(m[0].contains("longer than the SLO window (30d)"), "{m:?}");
    }

    #[test]
    fn alert_windows_and_factors_must_make_a_rule() {
        let p = one_slo(|s| {
            s.alerting.alerts = vec![BurnAlert {
                severity: Severity::Page,
                long: Span::minutes(5),
                short: Span::hours(1),
                factor: f64::NAN,
            }]
        });
        let m = export_messages(&p.slos[2]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("short window (1h)"));
        assert!(m[1].starts_with("slos[2].alerting.alerts[0].factor"));
    }

    #[test]
    fn a_guard_of_zero_events_and_a_zero_no_data_window_are_refused() {
        let m = messages(&one_slo(|s| {
            s.alerting.traffic_guard = Some(crate::guards::TrafficGuard { min_events: 0 });
            s.alerting.no_data = Some(crate::guards::NoDataAlert {
                after: Span(0),
                severity: crate::model::Severity::Page,
            });
        }));
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with("slos[2].alerting.no_data.after: "),
            "{m:?}"
        );
        assert!(
            m[1].starts_with(
                "slos[2].alerting.traffic_guard.min_events: a traffic guard needs at least 1 event"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn a_guarded_probe_slo_loads_but_is_not_exported() {
        let probe = |s: &mut Slo| {
            s.sli = Sli::Availability {
                probe_query: "up".into(),
            };
            s.alerting.traffic_guard = Some(crate::guards::TrafficGuard { min_events: 5 });
        };
        assert_eq!(check_project(&one_slo(probe)), Ok(()));
        let mut slo = Slo::default();
        probe(&mut slo);
        let m = export_messages(&slo);
        assert!(
            m[0].contains("alerting.traffic_guard: a probe SLI counts probes"),
            "{m:?}"
        );
    }

    #[test]
    fn runbooks_are_http_or_https_only() {
        for good in ["", "https://wiki.example/run", "HTTP://intranet/x"] {
            assert_eq!(runbook_url(good), Ok(()), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "wiki/run",
            "https://",
            "https://a b",
            "data:text/html,x",
        ] {
            assert!(runbook_url(bad).is_err(), "{bad}");
        }
        let m = messages(&one_slo(|s| s.alerting.runbook_url = "javascript:x".into()));
        assert!(m[0].starts_with("slos[2].alerting.runbook_url: "), "{m:?}");
    }

    #[test]
    fn counts_over_a_limit_are_one_problem_each() {
        let p = Project {
            slos: vec![Slo::default(); MAX_SLOS + 1],
            ..Project::default()
        };
        assert_eq!(messages(&p), ["slos: 2001 SLOs; the limit is 2000"]);
    }

    #[test]
    fn a_person_playing_no_persona_is_refused() {
        let p = Project {
            people: vec![Person {
                name: "Ana".into(),
                persona: 7,
            }],
            ..Project::default()
        };
        assert!(messages(&p)[0].starts_with("people[0].persona: 7 is not a persona"));
    }

    #[test]
    fn a_person_may_play_a_persona_the_team_added() {
        let mut p = Project {
            people: vec![Person {
                name: "Ana".into(),
                persona: 7,
            }],
            ..Project::default()
        };
        p.raci.add_persona("Data protection officer").unwrap();
        assert_eq!(check_project(&p), Ok(()));
    }

    #[test]
    fn many_problems_are_capped_with_a_count() {
        let p = Project {
            slos: vec![
                Slo {
                    target: Target(2.0),
                    ..Slo::default()
                };
                150
            ],
            ..Project::default()
        };
        let m = messages(&p);
        assert_eq!(m.len(), MAX_REPORTED + 1);
        assert_eq!(m[MAX_REPORTED], "... and 50 more problems");
    }
}
