//! "Explain this number": for each kind of figure the workbench shows, the
//! formula in plain words and the same formula with the user's own values
//! substituted step by step, ending on the figure exactly as the page shows
//! it, plus the glossary terms that name its parts.
//!
//! The arithmetic is the owning module's (`budget`, `alerting`, `risk`): each
//! explanation calls the same function the page calls for its figure, so
//! the last step cannot drift from the number on screen. Figures are
//! written through `format`. Figures of a replay (budget left, tiers,
//! firings) are explained from the values the replay report carries.
//! Knows nothing of the browser; adding a kind of figure is one `Figure`
//! variant and one function here.

use crate::alerting;
use crate::budget;
use crate::format::{count, duration, grouped, human_seconds, number, share, trim_zeros, when};
use crate::model::{percent_field, BurnAlert, Slo, Span, Target};
use crate::policy::{describe_when, Condition, Tier, TierSpan};
use crate::worker::AlertRow;

/// A figure the workbench shows, with the values it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// Full-outage time the budget allows over `span` (a table row or the window).
    BudgetTime { target: Target, span: Span },
    /// Bad events the budget allows over `span` at a steady event rate.
    BudgetEvents {
        target: Target,
        span: Span,
        events_per_second: f64,
    },
    /// The error ratio both windows of `alert` must exceed for it to fire.
    Threshold { alert: BurnAlert, target: Target },
    /// Share of the window's budget burnt within the long window when `alert` fires.
    BudgetSpent { alert: BurnAlert, window: Span },
    /// Time from the start of a steady `error_ratio` until `alert` fires.
    Detection {
        alert: BurnAlert,
        target: Target,
        error_ratio: f64,
    },
    /// How long `alert` may keep firing after an outage ends.
    Reset { alert: BurnAlert },
    /// A risk's expected bad minutes a year (`risk::bad_minutes_per_year`),
    /// against the SLO's budget scaled to a year.
    BadMinutes {
        detect_minutes: f64,
        repair_minutes: f64,
        per_year: f64,
        users_share: f64,
        yearly_budget_minutes: f64,
    },
    /// Share of the window's budget left in a replay: at the end of the
    /// data, or at its lowest (`lowest`).
    BudgetLeft {
        target: Target,
        window: Span,
        left: f64,
        lowest: bool,
    },
    /// Why a tier of the error budget policy applied over a replayed span.
    TierApplied { tier: Tier, span: TierSpan },
    /// How often each alert fired in a replay (`fired[i]` for `alerts[i]`).
    AlertsFired {
        target: Target,
        alerts: Vec<BurnAlert>,
        fired: Vec<usize>,
    },
    /// The middle of the replayed firings' detection delays, seconds.
    MedianDetection { delays: Vec<i64> },
    /// A replayed firing's delay from the start of its bad period.
    FiringDetection { row: AlertRow },
    /// How long a replayed firing went on after its bad period ended.
    FiringReset { row: AlertRow },
    /// Share of the window's budget spent when a replayed alert fired.
    FiringSpent {
        row: AlertRow,
        target: Target,
        window: Span,
    },
}

/// The risk exercise's time to detect taken from the alerts: the detection
/// time of the SLO's fastest alert at the risk's share of users; `None`
/// when no alert fires at that share.
pub fn risk_detection(slo: &Slo, users_share: f64) -> Option<Figure> {
    let (alert, _) = crate::risk::fastest_alert(slo, users_share)?;
    Some(Figure::Detection {
        alert,
        target: slo.target,
        error_ratio: users_share,
    })
}

/// The risk exercise's yearly budget: the SLO's budget over 365 days
/// (`risk::yearly_budget_minutes`, whatever the SLO's window).
pub fn yearly_budget(slo: &Slo) -> Figure {
    Figure::BudgetTime {
        target: slo.target,
        span: Span::days(365),
    }
}

/// The alerts-fired figure of a replay: each of the SLO's alerts (its own,
/// or the preset's when it lists none) with the firings of `rows`.
pub fn alerts_fired(slo: &Slo, rows: &[AlertRow]) -> Figure {
    let (alerts, _) = alerting::effective_alerts(slo);
    let fired = (0..alerts.len())
        .map(|i| rows.iter().filter(|r| r.alert_index == i).count())
        .collect();
    Figure::AlertsFired {
        target: slo.target,
        alerts,
        fired,
    }
}

/// A figure explained: what it is, its formula in words, the formula with
/// the values substituted, and the glossary ids of its terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// What the figure is, as a short heading: "Error budget over 30 d".
    pub title: String,
    /// The formula in words: "budget = (1 − target) × window".
    pub formula: String,
    /// The formula with the user's values, step by step, ending on the figure.
    pub worked: String,
    /// What the result means, in one sentence.
    pub meaning: String,
    /// Glossary ids (`crate::glossary`) of the terms the formula uses.
    pub terms: Vec<&'static str>,
}

/// The explanation of one figure.
pub fn explain(figure: &Figure) -> Explanation {
    match figure {
        Figure::BudgetTime { target, span } => budget_time(*target, *span),
        Figure::BudgetEvents {
            target,
            span,
            events_per_second,
        } => budget_events(*target, *span, *events_per_second),
        Figure::Threshold { alert, target } => threshold(alert, *target),
        Figure::BudgetSpent { alert, window } => budget_spent(alert, *window),
        Figure::Detection {
            alert,
            target,
            error_ratio,
        } => detection(alert, *target, *error_ratio),
        Figure::Reset { alert } => reset(alert),
        Figure::BadMinutes {
            detect_minutes,
            repair_minutes,
            per_year,
            users_share,
            yearly_budget_minutes,
        } => bad_minutes(
            [*detect_minutes, *repair_minutes, *per_year, *users_share],
            *yearly_budget_minutes,
        ),
        Figure::BudgetLeft {
            target,
            window,
            left,
            lowest,
        } => budget_left(*target, *window, *left, *lowest),
        Figure::TierApplied { tier, span } => tier_applied(tier, span),
        Figure::AlertsFired {
            target,
            alerts,
            fired,
        } => fired_alerts(*target, alerts, fired),
        Figure::MedianDetection { delays } => median_of(delays),
        Figure::FiringDetection { row } => firing_detection(row),
        Figure::FiringReset { row } => firing_reset(row),
        Figure::FiringSpent {
            row,
            target,
            window,
        } => firing_spent(row, *target, *window),
    }
}

/// A ratio as a decimal without float noise: 0.999, 0.001, 0.0144.
fn decimal(x: f64) -> String {
    trim_zeros(x, 12)
}

/// A span in minutes, the unit the worked budgets use: `43,200 min`.
fn minutes(span: Span) -> String {
    format!("{} min", number(span.seconds() as f64 / 60.0))
}

/// A budget in minutes, exact to the third decimal below 1,000 minutes so
/// the yearly 525.6 is not rounded to 526: `43.2`, `525.6`, `5,256`.
fn budget_minutes(minutes: f64) -> String {
    if minutes.abs() >= 1000.0 {
        grouped(minutes)
    } else {
        trim_zeros(minutes, 3)
    }
}

/// A share as the alert table writes it: `1.44%`.
fn pct(x: f64) -> String {
    format!("{}%", percent_field(x, 4))
}

fn budget_time(target: Target, span: Span) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let seconds = budget::budget_seconds(target, span);
    Explanation {
        title: format!("Error budget over {}", span.human()),
        formula: "budget = (1 − target) × period".into(),
        worked: format!(
            "budget = (1 − {}) × {} = {} × {} = {} min = {}",
            decimal(target.ratio()),
            span.human(),
            decimal(b),
            minutes(span),
            budget_minutes(seconds / 60.0),
            human_seconds(seconds)
        ),
        meaning: format!(
            "At {target}% the service may be fully down for {} in every {} and still meet the SLO.",
            human_seconds(seconds),
            span.human()
        ),
        terms: vec!["error-budget", "slo"],
    }
}

fn budget_events(target: Target, span: Span, events_per_second: f64) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let expected = budget::expected_events(events_per_second, span);
    let allowed = budget::budget_events(target, expected);
    Explanation {
        title: format!("Bad events allowed over {}", span.human()),
        formula: "bad events allowed = (1 − target) × events per second × period".into(),
        worked: format!(
            "bad events allowed = (1 − {}) × {}/s × {} s = {} × {} events = {}",
            decimal(target.ratio()),
            number(events_per_second.max(0.0)),
            grouped(span.seconds() as f64),
            decimal(b),
            count(expected),
            count(allowed)
        ),
        meaning: format!(
            "At a steady {}/s, {} of the {} events in {} may fail and the SLO is still met.",
            number(events_per_second.max(0.0)),
            count(allowed),
            count(expected),
            span.human()
        ),
        terms: vec!["error-budget", "occurrences"],
    }
}

fn threshold(alert: &BurnAlert, target: Target) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let t = alerting::threshold(alert, target);
    Explanation {
        title: "Error ratio the alert fires above".into(),
        formula: "threshold = burn factor × (1 − target)".into(),
        worked: format!(
            "threshold = {} × (1 − {}) = {} × {} = {} = {}",
            trim_zeros(alert.factor, 4),
            decimal(target.ratio()),
            trim_zeros(alert.factor, 4),
            decimal(b),
            decimal(t),
            pct(t)
        ),
        meaning: format!(
            "The alert fires while more than {} of events fail over both its {} and {} windows: errors arriving {} times faster than the budget allows.",
            pct(t),
            alert.long.human(),
            alert.short.human(),
            trim_zeros(alert.factor, 4)
        ),
        terms: vec!["burn-rate", "multi-window-alert", "error-budget"],
    }
}

fn budget_spent(alert: &BurnAlert, window: Span) -> Explanation {
    let share = alerting::budget_spent_when_fired(alert, window);
    Explanation {
        title: "Budget spent when the alert fires".into(),
        formula: "budget spent = burn factor × long window ÷ SLO window".into(),
        worked: format!(
            "budget spent = {} × {} ÷ {} = {} × {} ÷ {} = {} = {}",
            trim_zeros(alert.factor, 4),
            alert.long.human(),
            window.human(),
            trim_zeros(alert.factor, 4),
            minutes(alert.long),
            minutes(window),
            decimal(share),
            pct(share)
        ),
        meaning: format!(
            "Burning at {}x for the whole {} long window uses {} of the {} window's error budget before the alert can fire.",
            trim_zeros(alert.factor, 4),
            alert.long.human(),
            pct(share),
            window.human()
        ),
        terms: vec!["burn-rate", "long-window", "error-budget", "window"],
    }
}

fn detection(alert: &BurnAlert, target: Target, error_ratio: f64) -> Explanation {
    let t = alerting::threshold(alert, target);
    let formula = "detection time = long window × threshold ÷ error ratio".to_string();
    let terms = vec!["detection-time", "long-window", "burn-rate"];
    let title = format!("Detection time at {} errors", pct(error_ratio.min(1.0)));
    match alerting::detection_time(alert, target, error_ratio) {
        Some(seconds) => Explanation {
            title,
            formula,
            worked: format!(
                "detection time = {} × {} ÷ {} = {} min = {}",
                minutes(alert.long),
                decimal(t),
                decimal(error_ratio.min(1.0)),
                number(seconds / 60.0),
                human_seconds(seconds)
            ),
            meaning: format!(
                "When {} of events start failing after a clean history, the {} window's average reaches the threshold ({}) after {}; the short window gets there sooner, so the long one decides.",
                pct(error_ratio.min(1.0)),
                alert.long.human(),
                pct(t),
                human_seconds(seconds)
            ),
            terms,
        },
        None => Explanation {
            title,
            formula,
            worked: format!(
                "error ratio {} ≤ threshold {}: the alert never fires",
                pct(error_ratio.min(1.0)),
                pct(t)
            ),
            meaning: format!(
                "At {} errors the windows never burn faster than {}x, so this alert stays silent however long the errors last.",
                pct(error_ratio.min(1.0)),
                trim_zeros(alert.factor, 4)
            ),
            terms,
        },
    }
}

fn reset(alert: &BurnAlert) -> Explanation {
    let seconds = alerting::reset_time(alert);
    Explanation {
        title: "Reset time".into(),
        formula: "reset time = short window".into(),
        worked: format!("reset time = {}", human_seconds(seconds)),
        meaning: format!(
            "Both windows must burn above {}x for the alert to fire, so it stops at the latest {} after the outage ends, once the {} short window holds no more of it.",
            trim_zeros(alert.factor, 4),
            human_seconds(seconds),
            alert.short.human()
        ),
        terms: vec!["reset-time", "short-window"],
    }
}

/// `[detect, repair, per year, users share]` of one risk.
fn bad_minutes(risk: [f64; 4], yearly_budget_minutes: f64) -> Explanation {
    let [detect, repair, per_year, share] = risk;
    let bad = crate::risk::bad_minutes_per_year(detect, repair, per_year, share);
    let m = crate::risk::minutes;
    let of_budget = if yearly_budget_minutes > 0.0 {
        format!(
            "{} min ÷ {} min budget a year = {} of the yearly budget",
            m(bad),
            m(yearly_budget_minutes),
            crate::format::share(bad / yearly_budget_minutes)
        )
    } else {
        "the SLO has no budget to spend".into()
    };
    Explanation {
        title: "Expected bad minutes a year".into(),
        formula: "bad minutes = (time to detect + time to repair) × times a year × share of users affected".into(),
        worked: format!(
            "bad minutes = ({} + {}) min × {} × {} = {} min × {} × {} = {} min",
            m(detect),
            m(repair),
            trim_zeros(per_year, 3),
            crate::format::ratio_with(share, 2),
            m(detect + repair),
            trim_zeros(per_year, 3),
            decimal(share.min(1.0)),
            m(bad)
        ),
        meaning: format!(
            "Each time it happens, users see errors from the start until it is repaired; over a year that is {of_budget}."
        ),
        terms: vec!["error-budget", "detection-time"],
    }
}

/// The bad share of the window that leaves `left` of the budget:
/// (1 − left) × (1 − target), the budget's own definition read backwards.
fn bad_share(left: f64, target: Target) -> f64 {
    (1.0 - left) * budget::allowed_bad_fraction(target)
}

fn budget_left(target: Target, window: Span, left: f64, lowest: bool) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let spent = 1.0 - left;
    Explanation {
        title: if lowest {
            "Lowest error budget left".into()
        } else {
            "Error budget left at the end of the data".into()
        },
        formula: "budget left = 1 − bad share over the window ÷ (1 − target)".into(),
        worked: format!(
            "budget left = 1 − {} ÷ (1 − {}) = 1 − {} ÷ {} = 1 − {} = {}",
            pct(bad_share(left, target)),
            decimal(target.ratio()),
            pct(bad_share(left, target)),
            pct(b),
            trim_zeros(spent, 4),
            share(left)
        ),
        meaning: format!(
            "Over the {} window {} {} of events (or time slices) were bad where {} is allowed: {} of the budget spent{}.",
            window.human(),
            if lowest { "at its worst," } else { "ending with the data," },
            pct(bad_share(left, target)),
            pct(b),
            share(spent),
            if left < 0.0 { ", so the budget is overspent" } else { "" }
        ),
        terms: vec!["error-budget", "window", "budgeting-method"],
    }
}

/// What a tier's condition saw when its span began: `budget left 15% < 25%`.
fn condition_seen(condition: &Condition, value: f64) -> String {
    use crate::format::factor;
    match *condition {
        Condition::BudgetBelow { share: s } => {
            format!("budget left {} < {}", share(value), share(s))
        }
        Condition::BurnAbove { factor: f, over } => format!(
            "burn rate over the last {} {} > {}",
            over.human(),
            factor(value),
            factor(f)
        ),
        Condition::IncidentAbove { share: s } => format!(
            "the incident under way had spent {} of the budget > {}",
            share(value),
            share(s)
        ),
        Condition::MissedWindows { count } => {
            format!("{} windows in a row missed ≥ {count}", trim_zeros(value, 0))
        }
    }
}

fn tier_applied(tier: &Tier, span: &TierSpan) -> Explanation {
    let seen = span
        .cause
        .and_then(|c| Some(condition_seen(tier.when.get(c.condition)?, c.value)));
    let held = format!(
        "from {} to {} = {}",
        when(span.from),
        when(span.to),
        duration(span.seconds())
    );
    Explanation {
        title: format!("Why “{}” applied", tier.name),
        formula: "a tier applies while any of its conditions holds; when several tiers hold, the last one listed applies".into(),
        worked: match seen {
            Some(seen) => format!(
                "“{}” applies while {}. When the span began: {seen} → it held {held}",
                tier.name,
                describe_when(tier)
            ),
            None => format!(
                "“{}” applies while {}: it held {held}",
                tier.name,
                describe_when(tier)
            ),
        },
        meaning: if tier.actions.trim().is_empty() {
            "The tier names no actions yet: write them on the Implementation page.".into()
        } else {
            format!("While it held, the team's policy says: {}", tier.actions.trim())
        },
        terms: vec!["error-budget-policy", "error-budget", "burn-rate"],
    }
}

fn fired_alerts(target: Target, alerts: &[BurnAlert], fired: &[usize]) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let parts: Vec<String> = alerts
        .iter()
        .zip(fired)
        .map(|(a, n)| {
            format!(
                "{} over {} and {}: {} × {} = {} → fired {n} time(s)",
                a.severity.as_str(),
                a.long.human(),
                a.short.human(),
                trim_zeros(a.factor, 4),
                decimal(b),
                pct(alerting::threshold(a, target))
            )
        })
        .collect();
    let total: usize = fired.iter().sum();
    Explanation {
        title: "Alerts that would have fired".into(),
        formula: "an alert fires while the error ratio over both its long and its short window is above burn factor × (1 − target)".into(),
        worked: if parts.is_empty() {
            "the SLO has no alerts".into()
        } else {
            parts.join("; ")
        },
        meaning: format!(
            "Replaying the data through the same rules the export writes, the alerts fired {total} time(s) in all."
        ),
        terms: vec!["multi-window-alert", "burn-rate", "long-window", "short-window"],
    }
}

/// The median-detection figure of a replay: the delays of its firings.
pub fn median_detection(rows: &[AlertRow]) -> Figure {
    Figure::MedianDetection {
        delays: rows.iter().filter_map(|r| r.detection_delay).collect(),
    }
}

fn median_of(delays: &[i64]) -> Explanation {
    let mut sorted = delays.to_vec();
    sorted.sort_unstable();
    let formula =
        "median detection delay = the middle of the firings' delays, sorted (the upper middle of an even count)"
            .to_string();
    let worked = match crate::summary::median_detection_delay_of(&sorted) {
        Some(m) => format!(
            "sorted delays: {} → the {} of {} = {}",
            sorted
                .iter()
                .map(|d| duration(*d))
                .collect::<Vec<_>>()
                .join(", "),
            ordinal(sorted.len() / 2 + 1),
            sorted.len(),
            duration(m)
        ),
        None => "no firing has a detection delay".into(),
    };
    Explanation {
        title: "Median detection delay".into(),
        formula,
        worked,
        meaning:
            "Half the firings told someone this fast or faster, from the start of the bad period."
                .into(),
        terms: vec!["detection-time", "multi-window-alert"],
    }
}

/// `1st`, `2nd`, `3rd`, `4th`… `11th`, `21st`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `page 14.4x 1 h/5 min`, as the explanations name a firing's alert.
fn firing_name(row: &AlertRow) -> String {
    format!(
        "{} {} {}/{}",
        row.severity.as_str(),
        crate::format::factor(row.factor),
        Span(row.long_seconds).human(),
        Span(row.short_seconds).human()
    )
}

fn firing_detection(row: &AlertRow) -> Explanation {
    let formula = format!(
        "detection delay = time the alert fired − start of the bad period (the first interval burning faster than {})",
        crate::format::factor(row.factor)
    );
    Explanation {
        title: format!("Detection delay of the {} alert", firing_name(row)),
        formula,
        worked: match row.detection_delay {
            Some(d) => format!(
                "detection delay = {} − {} = {}",
                when(row.start),
                when(row.start.saturating_sub(d)),
                duration(d)
            ),
            None => {
                "no interval burning faster than the factor before the firing: no delay to measure"
                    .into()
            }
        },
        meaning: "How long users saw errors at that rate before anyone was told.".into(),
        terms: vec!["detection-time", "burn-rate"],
    }
}

fn firing_reset(row: &AlertRow) -> Explanation {
    Explanation {
        title: format!("Reset of the {} alert", firing_name(row)),
        formula: "reset after = time the alert stopped − end of the bad period (the last interval burning faster than the factor)".into(),
        worked: match (row.end, row.reset_after) {
            (Some(end), Some(r)) => format!(
                "reset after = {} − {} = {}",
                when(end),
                when(end.saturating_sub(r)),
                duration(r)
            ),
            (None, _) => "the alert was still firing at the end of the data".into(),
            (Some(_), None) => "no interval burning faster than the factor before it stopped".into(),
        },
        meaning: format!(
            "The alert goes quiet once its {} short window holds no more of the bad period.",
            Span(row.short_seconds).human()
        ),
        terms: vec!["reset-time", "short-window"],
    }
}

fn firing_spent(row: &AlertRow, target: Target, window: Span) -> Explanation {
    let b = budget::allowed_bad_fraction(target);
    let left = 1.0 - row.budget_spent_at_fire;
    Explanation {
        title: format!("Budget spent when the {} alert fired", firing_name(row)),
        formula: "budget spent = bad share over the window ÷ (1 − target), at the firing".into(),
        worked: format!(
            "budget spent at {} = {} ÷ {} = {}",
            when(row.start),
            pct(bad_share(left, target)),
            pct(b),
            share(row.budget_spent_at_fire)
        ),
        meaning: format!(
            "When the alert fired, the {} window behind it had already used {} of its error budget.",
            window.human(),
            share(row.budget_spent_at_fire)
        ),
        terms: vec!["error-budget", "window", "burn-rate"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn page_1h() -> BurnAlert {
        BurnAlert {
            severity: Severity::Page,
            long: Span::hours(1),
            short: Span::minutes(5),
            factor: 14.4,
        }
    }

    #[test]
    fn a_budget_of_999_over_30_days_works_out_to_43_min_12_s() {
        let e = explain(&Figure::BudgetTime {
            target: Target(0.999),
            span: Span::days(30),
        });
        assert_eq!(
            e.worked,
            "budget = (1 − 0.999) × 30 d = 0.001 × 43,200 min = 43.2 min = 43 min 12 s"
        );
        assert_eq!(e.formula, "budget = (1 − target) × period");
        assert!(e.terms.contains(&"error-budget"));
    }

    #[test]
    fn bad_events_multiply_the_budget_by_the_expected_events() {
        // 25/s over a day: 2,160,000 events; 0.1% of them is 2,160.
        let e = explain(&Figure::BudgetEvents {
            target: Target(0.999),
            span: Span::DAY,
            events_per_second: 25.0,
        });
        assert_eq!(
            e.worked,
            "bad events allowed = (1 − 0.999) × 25/s × 86,400 s = 0.001 × 2,160,000 events = 2,160"
        );
    }

    #[test]
    fn a_14_4x_alert_over_1h_on_a_30_day_window_spends_2_percent_of_the_budget() {
        // 14.4 × 60 min ÷ 43,200 min = 864 ÷ 43,200 = 0.02.
        let e = explain(&Figure::BudgetSpent {
            alert: page_1h(),
            window: Span::days(30),
        });
        assert_eq!(
            e.worked,
            "budget spent = 14.4 × 1 h ÷ 30 d = 14.4 × 60 min ÷ 43,200 min = 0.02 = 2%"
        );
    }

    #[test]
    fn the_threshold_is_the_factor_times_the_allowed_bad_fraction() {
        let e = explain(&Figure::Threshold {
            alert: page_1h(),
            target: Target(0.999),
        });
        assert_eq!(
            e.worked,
            "threshold = 14.4 × (1 − 0.999) = 14.4 × 0.001 = 0.0144 = 1.44%"
        );
    }

    #[test]
    fn a_full_outage_is_detected_by_the_1h_page_after_51_8_s() {
        // 60 min × 0.0144 ÷ 1 = 0.864 min = 51.84 s, shown to the tenth.
        let e = explain(&Figure::Detection {
            alert: page_1h(),
            target: Target(0.999),
            error_ratio: 1.0,
        });
        assert_eq!(
            e.worked,
            "detection time = 60 min × 0.0144 ÷ 1 = 0.864 min = 51.8 s"
        );
        assert_eq!(e.title, "Detection time at 100% errors");
    }

    #[test]
    fn an_error_ratio_at_or_below_the_threshold_is_explained_as_never_firing() {
        let e = explain(&Figure::Detection {
            alert: page_1h(),
            target: Target(0.999),
            error_ratio: 0.01,
        });
        assert_eq!(
            e.worked,
            "error ratio 1% ≤ threshold 1.44%: the alert never fires"
        );
    }

    #[test]
    fn the_reset_time_is_the_short_window() {
        let e = explain(&Figure::Reset { alert: page_1h() });
        assert_eq!(e.worked, "reset time = 5 min");
        assert!(e.meaning.contains("5 min short window"), "{}", e.meaning);
    }

    #[test]
    fn a_risk_of_5_plus_25_minutes_4_times_a_year_for_half_the_users_costs_60_minutes() {
        // 99.9% over a year: 525.6 min; 60 ÷ 525.6 = 11%.
        let e = explain(&Figure::BadMinutes {
            detect_minutes: 5.0,
            repair_minutes: 25.0,
            per_year: 4.0,
            users_share: 0.5,
            yearly_budget_minutes: 525.6,
        });
        assert_eq!(
            e.worked,
            "bad minutes = (5 + 25) min × 4 × 50% = 30 min × 4 × 0.5 = 60 min"
        );
        assert!(
            e.meaning
                .contains("60 min ÷ 525.6 min budget a year = 11% of the yearly budget"),
            "{}",
            e.meaning
        );
    }

    fn firing() -> AlertRow {
        AlertRow {
            alert_index: 0,
            severity: Severity::Page,
            factor: 14.4,
            long_seconds: 3600,
            short_seconds: 300,
            start: 10 * 3600,
            end: Some(11 * 3600),
            budget_spent_at_fire: 0.4,
            detection_delay: Some(300),
            reset_after: Some(3300),
            peak_burn: 20.0,
        }
    }

    #[test]
    fn fifteen_percent_left_at_999_is_a_bad_share_of_0_085_percent_read_back() {
        // 85% spent × 0.1% allowed = 0.085% of the window's events were bad.
        let e = explain(&Figure::BudgetLeft {
            target: Target(0.999),
            window: Span::days(30),
            left: 0.15,
            lowest: false,
        });
        assert_eq!(
            e.worked,
            "budget left = 1 − 0.085% ÷ (1 − 0.999) = 1 − 0.085% ÷ 0.1% = 1 − 0.85 = 15%"
        );
        assert!(
            e.meaning.contains("85% of the budget spent."),
            "{}",
            e.meaning
        );
        let lowest = explain(&Figure::BudgetLeft {
            target: Target(0.999),
            window: Span::days(30),
            left: -0.2,
            lowest: true,
        });
        assert_eq!(lowest.title, "Lowest error budget left");
        assert!(lowest
            .meaning
            .ends_with("120% of the budget spent, so the budget is overspent."));
    }

    #[test]
    fn a_tier_span_is_explained_by_the_condition_that_opened_it_with_the_value_seen() {
        let tier = crate::policy::default_ladder()[1].clone();
        let span = TierSpan {
            tier: 1,
            from: 10 * 86_400,
            to: 30 * 86_400,
            cause: Some(crate::policy::TierCause {
                condition: 0,
                value: 0.15,
            }),
        };
        let e = explain(&Figure::TierApplied {
            tier: tier.clone(),
            span,
        });
        assert_eq!(e.title, "Why “Plan reliability work” applied");
        assert_eq!(
            e.worked,
            "“Plan reliability work” applies while less than 25% of the budget left, or burning faster than \
             2x over the last 7 d. When the span began: budget left 15% < 25% → it held from 1970-01-11 00:00 UTC \
             to 1970-01-31 00:00 UTC = 20 d"
        );
        assert!(e
            .meaning
            .starts_with("While it held, the team's policy says: Put reliability work first"));
        let burn = TierSpan {
            cause: Some(crate::policy::TierCause {
                condition: 1,
                value: 2.5,
            }),
            ..span
        };
        let e = explain(&Figure::TierApplied { tier, span: burn });
        assert!(
            e.worked.contains("burn rate over the last 7 d 2.5x > 2x"),
            "{}",
            e.worked
        );
    }

    #[test]
    fn alerts_fired_count_each_alert_with_its_threshold() {
        let ticket = BurnAlert {
            severity: Severity::Ticket,
            long: Span::days(3),
            short: Span::hours(6),
            factor: 1.0,
        };
        let mut slo = Slo {
            target: Target(0.999),
            ..Slo::default()
        };
        slo.alerting.alerts = vec![page_1h(), ticket];
        let e = explain(&alerts_fired(&slo, &[firing(), firing()]));
        assert_eq!(
            e.worked,
            "page over 1 h and 5 min: 14.4 × 0.001 = 1.44% → fired 2 time(s); \
             ticket over 3 d and 6 h: 1 × 0.001 = 0.1% → fired 0 time(s)"
        );
    }

    #[test]
    fn the_median_of_three_delays_is_the_second_once_sorted() {
        let e = explain(&Figure::MedianDetection {
            delays: vec![540, 60, 300],
        });
        assert_eq!(
            e.worked,
            "sorted delays: 1 min, 5 min, 9 min → the 2nd of 3 = 5 min"
        );
        // An even count takes the upper middle, as the summary's median does.
        let rows: Vec<AlertRow> = [60, 300, 540, 600]
            .iter()
            .map(|&d| AlertRow {
                detection_delay: Some(d),
                ..firing()
            })
            .collect();
        assert_eq!(crate::summary::median_detection_delay(&rows), Some(540));
        assert!(explain(&median_detection(&rows))
            .worked
            .ends_with("the 3rd of 4 = 9 min"));
        assert_eq!(
            explain(&Figure::MedianDetection { delays: vec![] }).worked,
            "no firing has a detection delay"
        );
    }

    #[test]
    fn a_replayed_firing_explains_its_delay_reset_and_budget_spent_from_its_times() {
        let row = firing();
        assert_eq!(
            explain(&Figure::FiringDetection { row: row.clone() }).worked,
            "detection delay = 1970-01-01 10:00 UTC − 1970-01-01 09:55 UTC = 5 min"
        );
        assert_eq!(
            explain(&Figure::FiringReset { row: row.clone() }).worked,
            "reset after = 1970-01-01 11:00 UTC − 1970-01-01 10:05 UTC = 55 min"
        );
        // 40% spent × 0.1% allowed: 0.04% of the window's events were bad.
        let e = explain(&Figure::FiringSpent {
            row,
            target: Target(0.999),
            window: Span::days(30),
        });
        assert_eq!(
            e.worked,
            "budget spent at 1970-01-01 10:00 UTC = 0.04% ÷ 0.1% = 40%"
        );
        assert_eq!(
            e.title,
            "Budget spent when the page 14.4x 1 h/5 min alert fired"
        );
    }

    #[test]
    fn the_risk_exercise_explains_its_yearly_budget_and_a_detection_taken_from_the_alerts() {
        let mut slo = Slo {
            target: Target(0.999),
            ..Slo::default()
        };
        slo.alerting.alerts = vec![page_1h()];
        // The same 525.6 min the risk table weighs against.
        assert!((crate::risk::yearly_budget_minutes(&slo) - 525.6).abs() < 1e-9);
        assert_eq!(
            explain(&yearly_budget(&slo)).worked,
            "budget = (1 − 0.999) × 365 d = 0.001 × 525,600 min = 525.6 min = 8 h 45 min 36 s"
        );
        // Half the users failing: 60 min × 0.0144 ÷ 0.5 = 1.728 min, as the risk row says.
        let e = explain(&risk_detection(&slo, 0.5).unwrap());
        assert_eq!(
            e.worked,
            "detection time = 60 min × 0.0144 ÷ 0.5 = 1.728 min = 1 min 43.7 s"
        );
        assert!((crate::risk::alert_detection(&slo, 0.5).unwrap().1 - 1.728).abs() < 1e-9);
        assert_eq!(
            risk_detection(&slo, 0.01),
            None,
            "below the 1.44% threshold"
        );
    }

    #[test]
    fn every_term_an_explanation_links_is_in_the_glossary() {
        let figures = [
            Figure::BudgetTime {
                target: Target(0.99),
                span: Span::WEEK,
            },
            Figure::BudgetEvents {
                target: Target(0.99),
                span: Span::WEEK,
                events_per_second: 1.0,
            },
            Figure::Threshold {
                alert: page_1h(),
                target: Target(0.99),
            },
            Figure::BudgetSpent {
                alert: page_1h(),
                window: Span::WEEK,
            },
            Figure::Detection {
                alert: page_1h(),
                target: Target(0.99),
                error_ratio: 0.5,
            },
            Figure::Reset { alert: page_1h() },
            Figure::BadMinutes {
                detect_minutes: 1.0,
                repair_minutes: 1.0,
                per_year: 1.0,
                users_share: 1.0,
                yearly_budget_minutes: 0.0,
            },
            Figure::BudgetLeft {
                target: Target(0.99),
                window: Span::WEEK,
                left: 0.5,
                lowest: false,
            },
            Figure::TierApplied {
                tier: crate::policy::default_ladder()[0].clone(),
                span: TierSpan {
                    tier: 0,
                    from: 0,
                    to: 1,
                    cause: None,
                },
            },
            alerts_fired(&Slo::default(), &[]),
            Figure::FiringDetection { row: firing() },
            median_detection(&[firing()]),
            Figure::FiringReset { row: firing() },
            Figure::FiringSpent {
                row: firing(),
                target: Target(0.99),
                window: Span::WEEK,
            },
        ];
        for f in &figures {
            for id in explain(f).terms {
                assert!(crate::glossary::lookup(id).is_some(), "{id} in {f:?}");
            }
        }
    }
}
