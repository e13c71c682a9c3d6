//! Multi-window, multi-burn-rate alerts: presets, custom alerts, per-alert facts and lints.
//!
//! Owns the alert arithmetic of `math-and-formats.md`: the SRE Workbook/Sloth
//! presets (30 d and 28 d), Pyrra's window-scaled tiers, custom alerts defined
//! as "spend share f of the budget within long window L" (factor F = f x P / L),
//! and what each alert implies for a target T (budget B = 1 - T) and an SLO
//! window P: its error-ratio threshold F x B, the budget spent when it fires
//! F x L / P, its detection time B x L x F / e at a constant error ratio e, and
//! its reset time. The lints say when an alert cannot work as meant.
//!
//! It must not replay data (that is `simulate`), write rule files (`export`)
//! or word project-level pitfalls (`lint`). All functions are pure and total.

use crate::diag::Level;
use crate::format::trim_zeros;
use crate::model::{workbook_30d, AlertPreset, BurnAlert, Severity, Slo, Span, Target};

/// The SRE Workbook tiers as Sloth defines them: severity, budget share spent
/// within the long window, long window, short window (1/12 of the long one).
/// With a 30-day SLO window they give the factors 14.4, 6, 3 and 1; with 28
/// days 13.44, 5.6, 2.8 and 0.933.
pub fn workbook_tiers() -> [(Severity, f64, Span, Span); 4] {
    [
        (Severity::Page, 0.02, Span::hours(1), Span::minutes(5)),
        (Severity::Page, 0.05, Span::hours(6), Span::minutes(30)),
        (Severity::Ticket, 0.10, Span::days(1), Span::hours(2)),
        (Severity::Ticket, 0.10, Span::days(3), Span::hours(6)),
    ]
}

/// Pyrra's four tiers, calibrated on 28 days: factor, short-window divisor,
/// long-window divisor and severity (critical pages, warning tickets). Each
/// window is the SLO window divided by its divisor: at 28 d, 5m/1h, 30m/6h,
/// 2h/1d and 6h/4d. Pyrra also sets a `for:` duration (W/20160, W/2688,
/// W/672, W/224) that `BurnAlert` does not model.
const PYRRA_TIERS: [(f64, u64, u64, Severity); 4] = [
    (14.0, 8064, 672, Severity::Page),
    (7.0, 1344, 112, Severity::Page),
    (2.0, 336, 28, Severity::Ticket),
    (1.0, 112, 7, Severity::Ticket),
];

/// The alerts of a preset for an SLO window.
///
/// - `Workbook30d`: the fixed Workbook set (page 14.4x 1h/5m and 6x 6h/30m,
///   ticket 3x 1d/2h and 1x 3d/6h), whatever the window, as Sloth's 30-day file.
/// - `Workbook28d`: the same windows with the factors Sloth ships for 28 days
///   (13.44, 5.6, 2.8, 0.933...), whatever the window.
/// - `PyrraScaled`: windows scaled with `slo_window` (each rounded to whole
///   seconds, at least 1 s), factors fixed at 14, 7, 2 and 1.
/// - `Custom`: `None`; custom alerts are the user's own (see [`custom`]).
/// - `NoAlerts`: the empty set.
pub fn preset_alerts(preset: AlertPreset, slo_window: Span) -> Option<Vec<BurnAlert>> {
    match preset {
        AlertPreset::Workbook30d => Some(workbook_30d()),
        AlertPreset::Workbook28d => Some(
            workbook_tiers()
                .iter()
                .map(|&(severity, share, long, short)| {
                    custom(severity, share, long, short, Span::days(28))
                })
                .collect(),
        ),
        AlertPreset::PyrraScaled => Some(
            PYRRA_TIERS
                .iter()
                .map(|&(factor, short_div, long_div, severity)| BurnAlert {
                    severity,
                    long: scaled(slo_window, long_div),
                    short: scaled(slo_window, short_div),
                    factor,
                })
                .collect(),
        ),
        AlertPreset::Custom => None,
        AlertPreset::NoAlerts => Some(Vec::new()),
    }
}

/// The alerts an SLO is replayed and exported with: its own or, when it has
/// none, its preset's (the Workbook's 30-day set for a custom preset), so the
/// replay and every export hold the same set. The second value, when defaults
/// were added, is the sentence that tells the user so. `NoAlerts` with an
/// empty list is the one way to have none.
pub fn effective_alerts(slo: &Slo) -> (Vec<BurnAlert>, Option<String>) {
    if !slo.alerting.alerts.is_empty() || slo.alerting.preset == AlertPreset::NoAlerts {
        return (slo.alerting.alerts.clone(), None);
    }
    let alerts = preset_alerts(slo.alerting.preset, slo.window.nominal())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(workbook_30d);
    let list: Vec<String> = alerts
        .iter()
        .map(|a| {
            format!(
                "{} {}x {}/{}",
                a.severity.as_str(),
                trim_zeros(a.factor, 3),
                a.long.prometheus(),
                a.short.prometheus()
            )
        })
        .collect();
    // The name is escaped ({:?}): the note goes into YAML comments and terminals.
    let note = format!(
        "SLO {:?} has no alerts: default burn-rate alerts were added ({}); the replay and the exported rules both use them",
        slo.name,
        list.join(", ")
    );
    (alerts, Some(note))
}

/// The warning for an SLO whose burn-rate alerts are switched off (the
/// `NoAlerts` preset): nobody is paged when it burns its budget. `None`
/// while it has alerts.
pub fn no_alerts_warning(slo: &Slo) -> Option<String> {
    effective_alerts(slo).0.is_empty().then(|| {
        format!(
            "SLO {:?} has no burn-rate alerts: nobody will be paged or ticketed when it burns its error budget. \
             The exports still record its SLI for dashboards; choose a preset to alert again.",
            slo.name
        )
    })
}

/// `window / divisor` rounded to whole minutes as Pyrra's `Windows()` does
/// (Go's `Duration.Round`: halves away from zero, so 2m30s is 3m), at
/// least one minute.
fn scaled(window: Span, divisor: u64) -> Span {
    let minutes = (window.seconds() as f64 / divisor as f64 / 60.0).round() as u64;
    Span::minutes(minutes.max(1))
}

/// A custom alert: fire when `budget_share` of the budget (0.02 = 2%) would be
/// spent within `long`, i.e. factor F = f x P / L (2% in 1 h of 30 d: 14.4).
/// A zero long window is read as one second so the factor stays finite.
pub fn custom(
    severity: Severity,
    budget_share: f64,
    long: Span,
    short: Span,
    slo_window: Span,
) -> BurnAlert {
    let factor = budget_share * slo_window.seconds() as f64 / long.seconds().max(1) as f64;
    BurnAlert {
        severity,
        long,
        short,
        factor,
    }
}

/// Share of the SLO window's budget already spent when the alert fires after
/// burning at exactly its factor for its long window: F x L / P (14.4 x 1 h /
/// 720 h = 2%). It is also the `budget_share` that [`custom`] turns back into F.
/// A zero SLO window is read as one second.
pub fn budget_spent_when_fired(alert: &BurnAlert, slo_window: Span) -> f64 {
    alert.factor * alert.long.seconds() as f64 / slo_window.seconds().max(1) as f64
}

/// The error ratio both windows must exceed for the alert to fire: F x B
/// (14.4 x 0.001 = 0.0144).
pub fn threshold(alert: &BurnAlert, target: Target) -> f64 {
    alert.factor * target.error_budget()
}

/// Seconds from the start of a constant error ratio `error_ratio` (after a
/// clean history) until the alert fires: the long window's average reaches
/// F x B after B x L x F / e (100% errors at 99.9%, 1 h at 14.4x: 51.84 s);
/// the short window gets there sooner, so the long one decides.
/// `None` when e <= F x B: the alert never fires at that error ratio.
/// Ratios above 1 are read as 1 (no more than every event can fail).
pub fn detection_time(alert: &BurnAlert, target: Target, error_ratio: f64) -> Option<f64> {
    if error_ratio.is_nan() {
        return None;
    }
    let e = error_ratio.min(1.0);
    let threshold = threshold(alert, target);
    if e <= threshold {
        return None;
    }
    Some(alert.long.seconds() as f64 * threshold / e)
}

/// Reset time, as this workbench defines it: how long the alert may keep
/// firing after a full outage ends, which is the short window length S.
/// Both windows must burn above the factor for the alert to fire, so it stops
/// once the short window clears; the short window holds no trace of the
/// outage after S. (Its ratio already falls below F x B after S x (1 - F x B)
/// when the outage lasted at least S, so S is the upper bound a responder can
/// count on.) The long window stays high much longer, but alone it cannot
/// keep the alert firing.
pub fn reset_time(alert: &BurnAlert) -> f64 {
    alert.short.seconds() as f64
}

/// What an alert means for one SLO, as the alert designer shows it per row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertFacts {
    /// Error ratio both windows must exceed: F x B.
    pub threshold: f64,
    /// Share of the budget spent when it fires: F x L / P.
    pub budget_spent: f64,
    /// Seconds to fire on a full outage (e = 100%); `None` if it never fires.
    pub detection_full_outage: Option<f64>,
    /// Seconds to fire at the chosen error ratio; `None` if it never fires.
    pub detection_at_error_ratio: Option<f64>,
    /// Seconds it may keep firing after a full outage ends (see [`reset_time`]).
    pub reset_seconds: f64,
    /// Seconds to spend the whole budget burning at exactly the factor: P / F.
    pub exhaustion_seconds: Option<f64>,
}

/// All per-alert facts at once, for a target, SLO window and a chosen error ratio.
pub fn alert_facts(
    alert: &BurnAlert,
    target: Target,
    slo_window: Span,
    error_ratio: f64,
) -> AlertFacts {
    AlertFacts {
        threshold: threshold(alert, target),
        budget_spent: budget_spent_when_fired(alert, slo_window),
        detection_full_outage: detection_time(alert, target, 1.0),
        detection_at_error_ratio: detection_time(alert, target, error_ratio),
        reset_seconds: reset_time(alert),
        exhaustion_seconds: crate::budget::time_to_exhaustion(slo_window, alert.factor),
    }
}

/// The alert lints, each with a stable name used in finding ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertRule {
    BadFactor,
    NeverFires,
    ShortNotShorter,
    LongBeyondWindow,
    LowTraffic,
}

impl AlertRule {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertRule::BadFactor => "alert-bad-factor",
            AlertRule::NeverFires => "alert-never-fires",
            AlertRule::ShortNotShorter => "alert-short-not-shorter",
            AlertRule::LongBeyondWindow => "alert-long-beyond-window",
            AlertRule::LowTraffic => "alert-low-traffic",
        }
    }
}

/// Something wrong or doubtful about one alert of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertFinding {
    /// Stable identifier, `"<rule>:<index>"`, e.g. `"alert-never-fires:0"`.
    pub id: String,
    pub rule: AlertRule,
    /// 0-based index of the alert in the set (messages count from 1).
    pub alert: usize,
    pub level: Level,
    /// Plain words: what is wrong, with the numbers, and what to do.
    pub message: String,
}

/// Lints an alert set for a target and SLO window. `events_per_second`, when
/// known, enables the low-traffic check. Rules (ids):
///
/// - `alert-bad-factor` (error): the factor is not a positive number.
/// - `alert-never-fires` (error): F x B >= 1, so even a full outage stays under the threshold.
/// - `alert-short-not-shorter` (error): the short window is not shorter than the long one.
/// - `alert-long-beyond-window` (warning): the long window is longer than the SLO window.
/// - `alert-low-traffic` (warning): the long window's budget holds less than
///   one bad event (expected events in L x B < 1).
pub fn lint_alerts(
    alerts: &[BurnAlert],
    target: Target,
    slo_window: Span,
    events_per_second: Option<f64>,
) -> Vec<AlertFinding> {
    let mut out = Vec::new();
    let budget = target.error_budget();
    for (i, alert) in alerts.iter().enumerate() {
        let name = describe(i, alert);
        let mut push = |rule: AlertRule, level: Level, message: String| {
            out.push(AlertFinding {
                id: format!("{}:{i}", rule.as_str()),
                rule,
                alert: i,
                level,
                message,
            });
        };
        if !(alert.factor.is_finite() && alert.factor > 0.0) {
            push(
                AlertRule::BadFactor,
                Level::Error,
                format!(
                    "{name} has no usable burn factor; give it a positive number such as 14.4."
                ),
            );
        } else if alert.factor * budget >= 1.0 {
            push(
                AlertRule::NeverFires,
                Level::Error,
                format!(
                    "{name} can never fire: at a {}% target it waits for an error ratio of {}%, \
                     and at most 100% of events can fail. Use a factor below {} or a higher target.",
                    trim_zeros(target.percent(), 3),
                    trim_zeros(alert.factor * budget * 100.0, 3),
                    trim_zeros(1.0 / budget, 3),
                ),
            );
        }
        if alert.short >= alert.long {
            push(
                AlertRule::ShortNotShorter,
                Level::Error,
                format!(
                    "{name}: the short window ({}) must be shorter than the long one ({}). \
                     The short window only confirms the burn is still going on; 1/12 of the long window is usual.",
                    alert.short.human(),
                    alert.long.human(),
                ),
            );
        }
        if alert.long > slo_window {
            push(
                AlertRule::LongBeyondWindow,
                Level::Warning,
                format!(
                    "{name}: the long window ({}) is longer than the SLO window ({}); it looks at errors \
                     the budget no longer counts. Shorten it to at most the SLO window.",
                    alert.long.human(),
                    slo_window.human(),
                ),
            );
        }
        if let Some(rate) = events_per_second {
            let expected = crate::budget::expected_events(rate, alert.long);
            let allowed = expected * budget;
            if allowed < 1.0 {
                push(
                    AlertRule::LowTraffic,
                    Level::Warning,
                    format!(
                        "{name}: about {} events arrive in its long window ({}), so the budget there holds \
                         {} bad events, less than one; a single failure looks like a large burn. \
                         Consider a longer window, time slices, synthetic traffic or a minimum-events guard.",
                        trim_zeros(expected, 3),
                        alert.long.human(),
                        trim_zeros(allowed, 3),
                    ),
                );
            }
        }
    }
    out
}

/// "Alert 2 (page, 6h/30m, 6x)": how messages name an alert.
fn describe(index: usize, alert: &BurnAlert) -> String {
    format!(
        "Alert {} ({}, {}/{}, {}x)",
        index + 1,
        alert.severity.as_str(),
        alert.long,
        alert.short,
        trim_zeros(alert.factor, 3)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(p: f64) -> Target {
        Target::from_number(p).unwrap()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    fn ids(findings: &[AlertFinding]) -> Vec<&str> {
        findings.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn workbook_30d_preset_is_the_sre_workbook_table() {
        let a = preset_alerts(AlertPreset::Workbook30d, Span::days(30)).unwrap();
        let got: Vec<(Severity, u64, u64, f64)> = a
            .iter()
            .map(|x| (x.severity, x.long.seconds(), x.short.seconds(), x.factor))
            .collect();
        assert_eq!(
            got,
            vec![
                (Severity::Page, 3600, 300, 14.4),
                (Severity::Page, 21_600, 1800, 6.0),
                (Severity::Ticket, 86_400, 7200, 3.0),
                (Severity::Ticket, 259_200, 21_600, 1.0),
            ]
        );
    }

    #[test]
    fn workbook_28d_preset_has_sloths_factors_and_the_same_windows() {
        let a = preset_alerts(AlertPreset::Workbook28d, Span::days(28)).unwrap();
        let factors: Vec<f64> = a
            .iter()
            .map(|x| (x.factor * 1000.0).round() / 1000.0)
            .collect();
        assert_eq!(factors, vec![13.44, 5.6, 2.8, 0.933]);
        let thirty = workbook_30d();
        for (x, y) in a.iter().zip(&thirty) {
            assert_eq!((x.severity, x.long, x.short), (y.severity, y.long, y.short));
        }
    }

    #[test]
    fn pyrra_preset_at_28_days_has_the_documented_windows() {
        let a = preset_alerts(AlertPreset::PyrraScaled, Span::days(28)).unwrap();
        let got: Vec<(Severity, String, String, f64)> = a
            .iter()
            .map(|x| {
                (
                    x.severity,
                    x.short.to_string(),
                    x.long.to_string(),
                    x.factor,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Severity::Page, "5m".into(), "1h".into(), 14.0),
                (Severity::Page, "30m".into(), "6h".into(), 7.0),
                (Severity::Ticket, "2h".into(), "1d".into(), 2.0),
                (Severity::Ticket, "6h".into(), "4d".into(), 1.0),
            ]
        );
    }

    #[test]
    fn pyrra_preset_scales_with_the_window_and_rounds_to_whole_minutes_as_pyrra() {
        let a = preset_alerts(AlertPreset::PyrraScaled, Span::days(30)).unwrap();
        // 30 d / 8064 = 321.43 s, rounded to 5 min; 30 d / 672 = 3857.14 s -> 64 min.
        assert_eq!(
            (a[0].short, a[0].long),
            (Span::minutes(5), Span::minutes(64))
        );
        // 14 d / 8064 = 2.5 min: Go rounds halves away from zero, to 3 min.
        let two_weeks = preset_alerts(AlertPreset::PyrraScaled, Span::days(14)).unwrap();
        assert_eq!(
            (two_weeks[0].short, two_weeks[0].long),
            (Span::minutes(3), Span::minutes(30))
        );
        let tiny = preset_alerts(AlertPreset::PyrraScaled, Span(60)).unwrap();
        assert!(tiny.iter().all(|x| x.short == Span::minutes(1)));
    }

    #[test]
    fn custom_preset_has_no_alerts_of_its_own() {
        assert_eq!(preset_alerts(AlertPreset::Custom, Span::days(30)), None);
    }

    fn without_alerts(preset: AlertPreset) -> Slo {
        let mut slo = Slo::default();
        slo.alerting.preset = preset;
        slo.alerting.alerts.clear();
        slo
    }

    #[test]
    fn no_alerts_is_kept_empty_while_an_empty_custom_list_gets_the_workbook_defaults() {
        assert_eq!(
            preset_alerts(AlertPreset::NoAlerts, Span::days(30)),
            Some(Vec::new())
        );
        assert_eq!(
            effective_alerts(&without_alerts(AlertPreset::NoAlerts)),
            (Vec::new(), None)
        );
        let (alerts, note) = effective_alerts(&without_alerts(AlertPreset::Custom));
        assert_eq!(alerts, workbook_30d());
        assert!(note.unwrap().starts_with(
            "SLO \"availability\" has no alerts: default burn-rate alerts were added (page 14.4x 1h/5m, "
        ));
    }

    #[test]
    fn alerts_written_under_the_no_alerts_preset_still_count() {
        // The list is what fires; the preset only names where it came from.
        let mut slo = Slo::default();
        slo.alerting.preset = AlertPreset::NoAlerts;
        assert_eq!(effective_alerts(&slo), (workbook_30d(), None));
        assert_eq!(no_alerts_warning(&slo), None);
    }

    #[test]
    fn an_slo_without_burn_rate_alerts_warns_that_nobody_is_paged() {
        let mut slo = without_alerts(AlertPreset::NoAlerts);
        slo.name = "Line\nbreak".into();
        let warning = no_alerts_warning(&slo).unwrap();
        assert!(
            warning
                .starts_with("SLO \"Line\\nbreak\" has no burn-rate alerts: nobody will be paged"),
            "{warning}"
        );
        assert_eq!(no_alerts_warning(&Slo::default()), None);
    }

    #[test]
    fn custom_factor_follows_from_budget_share_and_windows() {
        let d30 = Span::days(30);
        let cases = [
            (0.02, Span::hours(1), 14.4),
            (0.05, Span::hours(6), 6.0),
            (0.10, Span::days(1), 3.0),
            (0.10, Span::days(3), 1.0),
        ];
        for (share, long, factor) in cases {
            let a = custom(Severity::Page, share, long, Span::minutes(5), d30);
            assert!(
                close(a.factor, factor, 1e-9),
                "{share} in {long}: {}",
                a.factor
            );
        }
    }

    #[test]
    fn budget_spent_when_the_fast_page_fires_is_two_percent() {
        let a = workbook_30d()[0];
        assert!(close(
            budget_spent_when_fired(&a, Span::days(30)),
            0.02,
            1e-12
        ));
    }

    #[test]
    fn threshold_is_factor_times_budget() {
        assert!(close(
            threshold(&workbook_30d()[0], pct(99.9)),
            0.0144,
            1e-12
        ));
    }

    #[test]
    fn full_outage_is_detected_in_51_84_seconds_by_the_fast_page() {
        let t = detection_time(&workbook_30d()[0], pct(99.9), 1.0).unwrap();
        assert!(close(t, 51.84, 1e-9), "{t}");
    }

    #[test]
    fn error_ratio_at_or_below_threshold_is_never_detected() {
        let a = workbook_30d()[0];
        assert_eq!(detection_time(&a, pct(99.9), 0.0144), None);
        assert_eq!(detection_time(&a, pct(99.9), 0.01), None);
        assert_eq!(detection_time(&a, pct(99.9), f64::NAN), None);
        // Twice the threshold: half the long window.
        assert!(close(
            detection_time(&a, pct(99.9), 0.0288).unwrap(),
            1800.0,
            1e-6
        ));
    }

    #[test]
    fn reset_time_is_the_short_window() {
        assert_eq!(reset_time(&workbook_30d()[1]), 1800.0);
    }

    #[test]
    fn alert_facts_gather_every_figure_for_a_row() {
        let f = alert_facts(&workbook_30d()[0], pct(99.9), Span::days(30), 0.1);
        assert!(close(f.threshold, 0.0144, 1e-12));
        assert!(close(f.budget_spent, 0.02, 1e-12));
        assert!(close(f.detection_full_outage.unwrap(), 51.84, 1e-9));
        assert!(close(f.detection_at_error_ratio.unwrap(), 518.4, 1e-9));
        assert_eq!(f.reset_seconds, 300.0);
        assert!(close(f.exhaustion_seconds.unwrap(), 180_000.0, 1e-6));
    }

    #[test]
    fn workbook_alerts_at_99_9_over_30_days_pass_every_lint() {
        let f = lint_alerts(&workbook_30d(), pct(99.9), Span::days(30), Some(100.0));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn fast_page_can_never_fire_at_93_percent() {
        let f = lint_alerts(&workbook_30d(), pct(93.0), Span::days(30), None);
        // 14.4 x 0.07 = 1.008 >= 1 and 6 x 0.07 < 1.
        assert_eq!(ids(&f), vec!["alert-never-fires:0"]);
        assert_eq!(f[0].level, Level::Error);
        assert!(f[0].message.contains("100.8%"), "{}", f[0].message);
        assert!(
            f[0].message.contains("Alert 1 (page, 1h/5m, 14.4x)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn six_x_page_can_never_fire_at_83_percent() {
        let f = lint_alerts(&workbook_30d(), pct(83.0), Span::days(30), None);
        assert!(ids(&f).contains(&"alert-never-fires:1"), "{f:?}");
    }

    #[test]
    fn short_window_not_shorter_than_long_is_an_error() {
        let a = BurnAlert {
            severity: Severity::Page,
            long: Span::hours(1),
            short: Span::hours(1),
            factor: 14.4,
        };
        let f = lint_alerts(&[a], pct(99.9), Span::days(30), None);
        assert_eq!(ids(&f), vec!["alert-short-not-shorter:0"]);
    }

    #[test]
    fn long_window_beyond_the_slo_window_is_a_warning() {
        let f = lint_alerts(&workbook_30d(), pct(99.9), Span::days(2), None);
        assert_eq!(ids(&f), vec!["alert-long-beyond-window:3"]);
        assert_eq!(f[0].level, Level::Warning);
    }

    #[test]
    fn non_positive_factor_is_an_error() {
        let a = BurnAlert {
            severity: Severity::Ticket,
            long: Span::hours(6),
            short: Span::minutes(30),
            factor: 0.0,
        };
        let f = lint_alerts(&[a], pct(99.9), Span::days(30), None);
        assert_eq!(ids(&f), vec!["alert-bad-factor:0"]);
    }

    #[test]
    fn low_traffic_flags_windows_whose_budget_holds_under_one_event() {
        // 10 events an hour at 99.9%: the 1 h window holds 0.01 bad events,
        // the 3 d window 720 x 0.001 = 0.72, still under one.
        let f = lint_alerts(
            &workbook_30d(),
            pct(99.9),
            Span::days(30),
            Some(10.0 / 3600.0),
        );
        assert_eq!(
            ids(&f),
            vec![
                "alert-low-traffic:0",
                "alert-low-traffic:1",
                "alert-low-traffic:2",
                "alert-low-traffic:3"
            ]
        );
        // At 1 event per second the 1 h window holds 3.6 bad events.
        assert!(lint_alerts(&workbook_30d(), pct(99.9), Span::days(30), Some(1.0)).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn detection_time_falls_as_the_error_ratio_rises(
            t in 0.9f64..0.9999, e1 in 0.0f64..1.0, e2 in 0.0f64..1.0
        ) {
            let a = workbook_30d()[0];
            let (lo, hi) = if e1 <= e2 { (e1, e2) } else { (e2, e1) };
            if let Some(slow) = detection_time(&a, Target(t), lo) {
                let fast = detection_time(&a, Target(t), hi);
                proptest::prop_assert!(fast.is_some());
                proptest::prop_assert!(fast.unwrap_or(f64::INFINITY) <= slow);
                proptest::prop_assert!(slow <= a.long.seconds() as f64);
            }
        }

        #[test]
        fn custom_alert_from_a_presets_share_reproduces_its_factor(
            days in 1u64..120, which in 0usize..3
        ) {
            let window = Span::days(days);
            let preset = [AlertPreset::Workbook30d, AlertPreset::Workbook28d, AlertPreset::PyrraScaled][which];
            let reference = match preset {
                AlertPreset::Workbook30d => Span::days(30),
                AlertPreset::Workbook28d => Span::days(28),
                _ => window,
            };
            for a in preset_alerts(preset, window).unwrap_or_default() {
                let share = budget_spent_when_fired(&a, reference);
                let again = custom(a.severity, share, a.long, a.short, reference);
                proptest::prop_assert!((again.factor - a.factor).abs() <= 1e-9 * a.factor);
            }
        }

        #[test]
        // From a day up: below, Pyrra's own minute rounding makes the windows collapse.
        fn pyrra_short_windows_stay_shorter_than_long_ones(secs in 86_400u64..400 * 86_400) {
            for a in preset_alerts(AlertPreset::PyrraScaled, Span(secs)).unwrap_or_default() {
                proptest::prop_assert!(a.short < a.long);
                proptest::prop_assert!(a.long <= Span(secs));
            }
        }
    }
}
