//! Error budget math: pure functions over targets, windows and counts.
//!
//! Owns the formulas of `math-and-formats.md` that need no data series: the
//! allowed bad fraction B = 1 - T, the budget as time (B x P) and as events
//! (B x total), downtime tables, burn rate (e / B), budget consumed and
//! remaining, time to exhaustion (P / F), serial composition of dependencies
//! and time-slice budgets. It must not know alert rules (`alerting`), lint
//! wording (`lint`), parsing or the browser. Every function is total: odd
//! inputs (zero traffic, negative counts, NaN) give a documented answer, never
//! a panic.

/// Durations are written by `format`; re-exported because budget figures
/// are read as durations everywhere.
pub use crate::format::human_seconds;
use crate::format::percent;
use crate::model::{Dependency, Span, Target};

/// Seconds in the spans a downtime calculator shows. A "month" here is 30 days
/// (not 365.2425 / 12 d and not the calendar month); the labels say so.
const DAY: u64 = 86_400;
const WEEK: u64 = 7 * DAY;
const MONTH_30D: u64 = 30 * DAY;
const QUARTER_90D: u64 = 90 * DAY;
const YEAR_365D: u64 = 365 * DAY;

/// Allowed bad fraction B = 1 - T (99.9% gives 0.001).
pub fn allowed_bad_fraction(target: Target) -> f64 {
    target.error_budget()
}

/// Budget as time: B x P seconds of full outage the window may hold
/// (99.9% over 30 d: 2592 s, "43 min 12 s").
pub fn budget_seconds(target: Target, window: Span) -> f64 {
    allowed_bad_fraction(target) * window.seconds() as f64
}

/// Budget as events: B x total (99.9% of 1,000,000 requests: 1,000 bad ones).
/// Negative or non-finite totals count as zero events.
pub fn budget_events(target: Target, total_events: f64) -> f64 {
    allowed_bad_fraction(target) * non_negative(total_events)
}

/// One line of a downtime table: how much full outage fits in `span_seconds`.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// "Day", "Week", "Month (30 d)", "Quarter (90 d)", "Year (365 d)", "Window (28 d)".
    pub label: String,
    pub span_seconds: u64,
    pub allowed_bad_seconds: f64,
}

/// The spans a downtime calculator shows, then the SLO window itself.
fn table_spans(window: Span) -> Vec<(String, u64)> {
    vec![
        ("Day".to_string(), DAY),
        ("Week".to_string(), WEEK),
        ("Month (30 d)".to_string(), MONTH_30D),
        ("Quarter (90 d)".to_string(), QUARTER_90D),
        ("Year (365 d)".to_string(), YEAR_365D),
        (format!("Window ({})", window.human()), window.seconds()),
    ]
}

/// Downtime table: allowed full-outage time per day, week, month (30 d),
/// quarter (90 d), year (365 d) and per SLO window, in that order.
pub fn budget_table(target: Target, window: Span) -> Vec<BudgetRow> {
    table_spans(window)
        .into_iter()
        .map(|(label, span_seconds)| BudgetRow {
            label,
            span_seconds,
            allowed_bad_seconds: budget_seconds(target, Span(span_seconds)),
        })
        .collect()
}

/// One line of an event budget table at a steady event rate.
#[derive(Debug, Clone, PartialEq)]
pub struct EventBudgetRow {
    /// Same labels as [`BudgetRow`].
    pub label: String,
    pub span_seconds: u64,
    /// Events expected in the span at the given rate.
    pub expected_events: f64,
    /// Bad events the budget allows in the span: B x expected events.
    pub allowed_bad_events: f64,
}

/// Events expected in `span` at `events_per_second` (negative or non-finite rates count as 0).
pub fn expected_events(events_per_second: f64, span: Span) -> f64 {
    non_negative(events_per_second) * span.seconds() as f64
}

/// Event budget per day, week, month (30 d), quarter (90 d), year (365 d) and
/// SLO window at a steady `events_per_second`, in the order of [`budget_table`].
pub fn event_budget_table(
    target: Target,
    window: Span,
    events_per_second: f64,
) -> Vec<EventBudgetRow> {
    table_spans(window)
        .into_iter()
        .map(|(label, span_seconds)| {
            let expected = expected_events(events_per_second, Span(span_seconds));
            EventBudgetRow {
                label,
                span_seconds,
                expected_events: expected,
                allowed_bad_events: budget_events(target, expected),
            }
        })
        .collect()
}

/// Burn rate: how many times faster than "exactly on budget" errors arrive,
/// e / B (an error ratio of 1% at 99.9% burns at 10x).
pub fn burn_rate(target: Target, error_ratio: f64) -> f64 {
    non_negative(error_ratio) / allowed_bad_fraction(target)
}

/// Where the budget stands after some traffic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetStatus {
    /// Bad events seen: total - good, never below zero.
    pub bad_events: f64,
    /// Bad events the budget allowed for this traffic: B x total.
    pub allowed_bad_events: f64,
    /// Share of the budget spent: bad / allowed (1.0 = all of it; may exceed 1).
    pub consumed: f64,
    /// Share left: 1 - consumed (negative once overspent).
    pub remaining: f64,
}

/// Budget consumed and remaining given good and total event counts. With no
/// traffic nothing is spent (consumed 0, remaining 1). Good counts above the
/// total, negative or non-finite counts are read as "no bad events".
pub fn budget_status(target: Target, good_events: f64, total_events: f64) -> BudgetStatus {
    let total = non_negative(total_events);
    let good = non_negative(good_events);
    let bad = (total - good).max(0.0);
    let allowed = budget_events(target, total);
    let consumed = if allowed > 0.0 { bad / allowed } else { 0.0 };
    BudgetStatus {
        bad_events: bad,
        allowed_bad_events: allowed,
        consumed,
        remaining: 1.0 - consumed,
    }
}

/// Seconds until a whole budget is gone at a constant burn rate: P / F
/// (30 d at 14.4x: 180,000 s, 2.08 d). `None` when the burn rate is zero,
/// negative or not a number: the budget never runs out.
pub fn time_to_exhaustion(window: Span, burn_rate: f64) -> Option<f64> {
    time_to_exhaustion_from(1.0, window, burn_rate)
}

/// Seconds until the `remaining` share of the budget (0.25 = a quarter left)
/// is gone at a constant burn rate: remaining x P / F. `Some(0.0)` when
/// nothing is left; `None` when the burn rate is not positive.
pub fn time_to_exhaustion_from(remaining: f64, window: Span, burn_rate: f64) -> Option<f64> {
    if !(burn_rate.is_finite() && burn_rate > 0.0) {
        return None;
    }
    if remaining.is_nan() || remaining <= 0.0 {
        return Some(0.0);
    }
    Some(remaining * window.seconds() as f64 / burn_rate)
}

/// Availability of a chain of dependencies that must all work: the product of
/// their availabilities as ratios (0.9999 x 0.9999 x 0.9995 x 0.999 = 0.9983).
/// An empty chain is 1.0 (nothing can fail).
pub fn serial_availability(availabilities: &[f64]) -> f64 {
    availabilities.iter().product()
}

/// Whether a dependency's availability is known: a ratio in (0, 1]. Unknown
/// ones (0 means "not filled in") stay out of the ceiling.
pub fn usable_availability(a: f64) -> bool {
    a.is_finite() && a > 0.0 && a <= 1.0
}

/// The best availability a service can offer with its dependencies in series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ceiling {
    /// Product of the known availabilities, as a ratio.
    pub availability: f64,
    /// How many dependencies had a known availability.
    pub known: usize,
}

impl Ceiling {
    /// As percent, rounded *down* to two decimals (99.83% for 0.998300): an
    /// "at most" figure must not promise more than the product.
    pub fn percent_text(&self) -> String {
        let hundredths = (self.availability * 10_000.0 + 1e-9).floor();
        format!("{}%", percent(hundredths / 100.0))
    }
}

/// The dependency ceiling of a service, from the dependencies whose
/// availability is known; `None` when none is. The Research page and the
/// lint finding both read it here.
pub fn dependency_ceiling(dependencies: &[Dependency]) -> Option<Ceiling> {
    let known: Vec<f64> = dependencies
        .iter()
        .map(|d| d.availability)
        .filter(|a| usable_availability(*a))
        .collect();
    (!known.is_empty()).then(|| Ceiling {
        availability: serial_availability(&known),
        known: known.len(),
    })
}

/// Time-slice budget: how many bad slices the window allows, B x P / slice
/// (99.95% over 1 week of 1-minute slices: 5.04).
pub fn timeslice_budget(target: Target, window: Span, slice: Span) -> f64 {
    if slice.seconds() == 0 {
        return 0.0;
    }
    budget_seconds(target, window) / slice.seconds() as f64
}

/// Zero for negative, NaN and infinite inputs; the value otherwise.
fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(availabilities: &[f64]) -> Vec<Dependency> {
        availabilities
            .iter()
            .map(|&availability| Dependency {
                name: "dep".into(),
                availability,
                ..Dependency::default()
            })
            .collect()
    }

    #[test]
    fn the_dependency_ceiling_multiplies_the_known_availabilities_only() {
        // 0.9999 x 0.9995 = 0.99940005; the unset 0 and the impossible 1.5 stay out.
        let c = dependency_ceiling(&deps(&[0.9999, 0.0, 0.9995, 1.5])).unwrap();
        assert_eq!(c.known, 2);
        assert!((c.availability - 0.999_400_05).abs() < 1e-12);
        assert_eq!(c.percent_text(), "99.94%");
        assert_eq!(dependency_ceiling(&deps(&[0.0])), None);
        assert_eq!(dependency_ceiling(&[]), None);
    }

    #[test]
    fn the_dependency_ceiling_is_rounded_down_never_up() {
        // 0.999 x 0.99849 = 0.99749151 reads 99.74%, where rounding would say 99.75%.
        let c = dependency_ceiling(&deps(&[0.999, 0.99849])).unwrap();
        assert_eq!(c.percent_text(), "99.74%");
        let exact = dependency_ceiling(&deps(&[0.9983])).unwrap();
        assert_eq!(exact.percent_text(), "99.83%");
    }

    fn pct(p: f64) -> Target {
        Target::from_number(p).unwrap()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn allowed_bad_fraction_is_one_minus_target() {
        assert!(close(allowed_bad_fraction(pct(99.9)), 0.001, 1e-12));
        assert!(close(allowed_bad_fraction(pct(99.0)), 0.01, 1e-12));
    }

    #[test]
    fn budget_as_time_matches_the_worked_numbers() {
        assert_eq!(
            human_seconds(budget_seconds(pct(99.9), Span::days(30))),
            "43 min 12 s"
        );
        assert_eq!(
            human_seconds(budget_seconds(pct(99.9), Span::days(28))),
            "40 min 19.2 s"
        );
        assert_eq!(
            human_seconds(budget_seconds(pct(99.95), Span::days(28))),
            "20 min 9.6 s"
        );
        assert_eq!(
            human_seconds(budget_seconds(pct(99.0), Span::days(7))),
            "1 h 40 min 48 s"
        );
        assert!(close(
            budget_seconds(pct(99.9), Span::days(30)),
            2592.0,
            1e-6
        ));
    }

    #[test]
    fn budget_as_events_is_budget_fraction_of_total() {
        assert!(close(budget_events(pct(99.9), 1_000_000.0), 1000.0, 1e-6));
        assert_eq!(budget_events(pct(99.9), -5.0), 0.0);
        assert_eq!(budget_events(pct(99.9), f64::NAN), 0.0);
    }

    #[test]
    fn budget_table_lists_calculator_spans_then_the_window() {
        let rows = budget_table(pct(99.9), Span::days(28));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Day",
                "Week",
                "Month (30 d)",
                "Quarter (90 d)",
                "Year (365 d)",
                "Window (28 d)"
            ]
        );
        assert_eq!(human_seconds(rows[0].allowed_bad_seconds), "1 min 26.4 s");
        assert_eq!(human_seconds(rows[1].allowed_bad_seconds), "10 min 4.8 s");
        assert_eq!(human_seconds(rows[2].allowed_bad_seconds), "43 min 12 s");
        assert_eq!(human_seconds(rows[3].allowed_bad_seconds), "2 h 9 min 36 s");
        assert_eq!(
            human_seconds(rows[4].allowed_bad_seconds),
            "8 h 45 min 36 s"
        );
        assert_eq!(rows[5].span_seconds, 28 * 86_400);
        assert_eq!(human_seconds(rows[5].allowed_bad_seconds), "40 min 19.2 s");
    }

    #[test]
    fn event_budget_table_scales_with_the_event_rate() {
        // 10 requests per second at 99.9%: 864,000 a day, 864 of them may fail.
        let rows = event_budget_table(pct(99.9), Span::days(30), 10.0);
        assert_eq!(rows[0].label, "Day");
        assert!(close(rows[0].expected_events, 864_000.0, 1e-6));
        assert!(close(rows[0].allowed_bad_events, 864.0, 1e-6));
        assert!(close(rows[1].allowed_bad_events, 6048.0, 1e-6));
        assert_eq!(rows[5].label, "Window (30 d)");
        assert!(close(rows[5].allowed_bad_events, 25_920.0, 1e-6));
    }

    #[test]
    fn burn_rate_is_error_ratio_over_budget() {
        assert!(close(burn_rate(pct(99.9), 0.01), 10.0, 1e-9));
        assert!(close(burn_rate(pct(99.9), 0.001), 1.0, 1e-9));
        assert_eq!(burn_rate(pct(99.9), 0.0), 0.0);
    }

    #[test]
    fn budget_status_reports_consumed_and_remaining_shares() {
        // 1,000,000 requests at 99.9% allow 1,000 failures; 250 failed.
        let s = budget_status(pct(99.9), 999_750.0, 1_000_000.0);
        assert!(close(s.bad_events, 250.0, 1e-9));
        assert!(close(s.allowed_bad_events, 1000.0, 1e-6));
        assert!(close(s.consumed, 0.25, 1e-9));
        assert!(close(s.remaining, 0.75, 1e-9));
    }

    #[test]
    fn budget_status_goes_negative_when_overspent() {
        let s = budget_status(pct(99.0), 970.0, 1000.0);
        assert!(close(s.consumed, 3.0, 1e-9));
        assert!(close(s.remaining, -2.0, 1e-9));
    }

    #[test]
    fn budget_status_without_traffic_spends_nothing() {
        let s = budget_status(pct(99.9), 0.0, 0.0);
        assert_eq!((s.consumed, s.remaining), (0.0, 1.0));
        let odd = budget_status(pct(99.9), 20.0, 10.0);
        assert_eq!(odd.bad_events, 0.0);
    }

    #[test]
    fn time_to_exhaustion_is_window_over_burn_rate() {
        let secs = time_to_exhaustion(Span::days(30), 14.4).unwrap();
        assert!(close(secs, 180_000.0, 1e-6));
        assert!(close(secs / 86_400.0, 2.08, 0.01));
        assert_eq!(time_to_exhaustion(Span::days(30), 0.0), None);
        assert_eq!(time_to_exhaustion(Span::days(30), f64::NAN), None);
    }

    #[test]
    fn time_to_exhaustion_from_a_remaining_share() {
        // A quarter of a 30-day budget left, burning at 1x: 7.5 days.
        let secs = time_to_exhaustion_from(0.25, Span::days(30), 1.0).unwrap();
        assert!(close(secs, 7.5 * 86_400.0, 1e-6));
        assert_eq!(
            time_to_exhaustion_from(-0.1, Span::days(30), 2.0),
            Some(0.0)
        );
        assert_eq!(time_to_exhaustion_from(0.5, Span::days(30), -1.0), None);
    }

    #[test]
    fn serial_dependencies_multiply() {
        let a = serial_availability(&[0.9999, 0.9999, 0.9995, 0.999]);
        assert!(close(a * 100.0, 99.83, 0.005), "{a}");
        assert_eq!(serial_availability(&[]), 1.0);
    }

    #[test]
    fn timeslice_budget_counts_bad_slices() {
        let n = timeslice_budget(pct(99.95), Span::WEEK, Span::MINUTE);
        assert!(close(n, 5.04, 1e-9), "{n}");
        assert_eq!(timeslice_budget(pct(99.95), Span::WEEK, Span(0)), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn budget_time_scales_linearly_with_the_window(
            t in 0.5f64..0.99999, days in 1u64..400, k in 1u64..10
        ) {
            let target = Target(t);
            let one = budget_seconds(target, Span::days(days));
            let many = budget_seconds(target, Span::days(days * k));
            proptest::prop_assert!((many - one * k as f64).abs() <= 1e-6 * many.max(1.0));
        }

        #[test]
        fn consumed_plus_remaining_is_one(
            t in 0.5f64..0.99999, total in 1.0f64..1e9, bad_share in 0.0f64..1.0
        ) {
            let s = budget_status(Target(t), total * (1.0 - bad_share), total);
            proptest::prop_assert!((s.consumed + s.remaining - 1.0).abs() < 1e-9);
            proptest::prop_assert!(s.consumed >= 0.0);
        }

        #[test]
        fn a_full_budget_lasts_the_window_at_burn_rate_one(days in 1u64..400) {
            let secs = time_to_exhaustion(Span::days(days), 1.0).unwrap();
            proptest::prop_assert_eq!(secs, (days * 86_400) as f64);
        }
    }
}
