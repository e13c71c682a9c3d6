//! Lints on the target and the window themselves: targets outside (0, 1) or
//! with more nines than a service can deliver, windows too short to hold a
//! budget, calendar windows in an unknown time zone, and time-slice budgets
//! under one slice. Must not look at SLIs, alerts or the rest of the project.

use super::{name, Finding, LintRule};
use crate::diag::Level;
use crate::format::{human_seconds, number, percent};
use crate::model::{BudgetingMethod, Slo, Window};

/// Targets at or above this ratio (99.999%) draw the "more nines" warning.
const NEAR_PERFECT: f64 = 0.99999;
/// Windows shorter than a week hold too little budget to plan with.
const SHORTEST_WINDOW_SECONDS: u64 = 7 * 86_400;

/// Whether the target is a ratio strictly between 0 and 1, the only kind the
/// budget math can use.
pub(super) fn valid_target(slo: &Slo) -> bool {
    let t = slo.target.ratio();
    t.is_finite() && t > 0.0 && t < 1.0
}

/// A target outside (0, 1) is an error; one of five nines or more a warning.
pub(super) fn target(slo: &Slo, out: &mut Vec<Finding>) {
    let t = slo.target.ratio();
    if !valid_target(slo) {
        out.push(Finding::about_slo(
            LintRule::TargetInvalid,
            slo,
            Level::Error,
            "The target must lie between 0% and 100%",
            format!(
                "{} has a target of {}. 100% leaves no error budget and no real service meets it; \
                 0% promises nothing. Choose a value such as 99.9.",
                name(slo),
                if t.is_finite() {
                    format!("{}%", percent(t * 100.0))
                } else {
                    "no number".into()
                },
            ),
        ));
    } else if t >= NEAR_PERFECT {
        out.push(Finding::about_slo(
            LintRule::TargetTooHigh,
            slo,
            Level::Warning,
            "More nines than almost any service can deliver",
            format!(
                "{} aims at {}%, which allows only {} of full outage over its {} window. Users rarely notice the difference, \
                 their own network is less reliable, and every release becomes a risk. \
                 Pick the lowest target that keeps users happy, and raise it only when they ask.",
                name(slo),
                slo.target,
                human_seconds(crate::budget::budget_seconds(slo.target, slo.window.nominal())),
                slo.window.nominal().human(),
            ),
        ));
    }
}

/// A window shorter than a week.
pub(super) fn window_length(slo: &Slo, out: &mut Vec<Finding>) {
    let window = slo.window.nominal();
    if window.seconds() < SHORTEST_WINDOW_SECONDS {
        out.push(Finding::about_slo(
            LintRule::WindowTooShort,
            slo,
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
}

/// A calendar window whose time zone is not in the tz database. Where the
/// database is not loaded yet (the browser loads it on demand) nothing is
/// said: the page lints again once it is.
pub(super) fn time_zone(slo: &Slo, out: &mut Vec<Finding>) {
    if let Window::Calendar { time_zone, .. } = &slo.window {
        if let Err(crate::calendar::ZoneError::Unknown(_)) = crate::calendar::Zone::parse(time_zone)
        {
            out.push(Finding::about_slo(
                LintRule::TimeZoneUnknown,
                slo,
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
}

/// With time slices the budget counts slices: fewer than one bad slice per
/// window means the first bad slice breaks the SLO.
pub(super) fn slice_budget(slo: &Slo, out: &mut Vec<Finding>) {
    let slice = match &slo.budgeting {
        BudgetingMethod::Timeslices { slice, .. } | BudgetingMethod::RatioTimeslices { slice } => {
            *slice
        }
        BudgetingMethod::Occurrences => return,
    };
    let window = slo.window.nominal();
    let slices = crate::budget::timeslice_budget(slo.target, window, slice);
    if slices < 1.0 {
        out.push(Finding::about_slo(
            LintRule::BudgetUnderOneSlice,
            slo,
            Level::Warning,
            "The budget holds less than one bad time slice",
            format!(
                "{} counts {} slices over {}; at {}% the budget allows {} bad slices, less than one, so the \
                 first bad slice breaks the SLO. Use shorter slices, a longer window or a lower target.",
                name(slo),
                slice.human(),
                window.human(),
                slo.target,
                number(slices),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;
    use crate::model::{AlertConfig, BudgetingMethod, CalendarUnit, Span, Target, Window};

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
}
