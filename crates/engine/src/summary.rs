//! A replay read back in words: whether the SLO was met (one verdict, used by
//! the summary, the review questions and anything else that says "met"), the
//! summary sentences, the recalibrated target worth offering, and the note
//! on a window still filling. The error budget policy's tiers on the
//! history are `policy`'s.
//!
//! Pure functions over a replay `Report`; the Iteration page only places the
//! strings they return. Must not know the browser, nor compute replays (that
//! is `worker::report`).

use crate::format::{day, duration, ratio, share, when};
use crate::model::{Severity, Slo, Target, Window};
use crate::worker::{AlertRow, DataSummary, Report};

/// Share of windows the recalibrated target must have met (90%).
pub const RECALIBRATE_SHARE: f64 = 0.9;

/// Whether the SLO held over the replayed history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The SLI over the data meets the target and no window ran out of budget.
    Met,
    /// The SLI over the whole data meets the target, yet some window spent
    /// its whole budget: that window missed the SLO.
    MissedInAWindow { exhausted: usize },
    /// The SLI over the data is below the target.
    Missed,
}

/// The one verdict every place shows: an SLO is met only when the SLI meets
/// the target *and* no window ran out of budget (a rolling window that spent
/// its budget missed the objective, whatever the average says).
pub fn verdict(r: &Report, target: Target) -> Verdict {
    if r.sli < target.ratio() || r.sli.is_nan() {
        Verdict::Missed
    } else if r.exhausted.is_empty() {
        Verdict::Met
    } else {
        Verdict::MissedInAWindow {
            exhausted: r.exhausted.len(),
        }
    }
}

impl Verdict {
    /// "Met" or "Not met": the word both the summary and the review use.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Met => "Met",
            Verdict::MissedInAWindow { .. } | Verdict::Missed => "Not met",
        }
    }

    /// Why, in a clause that follows the word.
    pub fn reason(self) -> String {
        match self {
            Verdict::Met => "the SLI meets the target and the budget never ran out".into(),
            Verdict::Missed => "the SLI is below the target".into(),
            Verdict::MissedInAWindow { exhausted } => format!(
                "the SLI over all the data meets the target, but the budget ran out {}",
                times(exhausted)
            ),
        }
    }
}

/// `1 time`, `3 times`.
fn times(n: usize) -> String {
    format!("{n} time{}", plural(n))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The recalibrated target worth offering as the draft's new target: the
/// report's suggestion as a target, when it differs from the current one.
pub fn suggested_target(r: &Report, current: Target) -> Option<Target> {
    let t = Target::from_number(r.recalibrated?).ok()?;
    (t != current).then_some(t)
}

/// Sentences that summarise one report. `recalibrate_share` is the share of
/// windows the recalibrated target had to meet (0.9 = 90%).
pub fn sentences(r: &Report, slo: &Slo, data: &DataSummary, recalibrate_share: f64) -> Vec<String> {
    let mut out = vec![sli_sentence(r, slo, data), budget_sentence(r)];
    out.extend(alert_sentences(&r.alerts));
    out.push(recalibration_sentence(r, slo, data, recalibrate_share));
    out
}

fn sli_sentence(r: &Report, slo: &Slo, data: &DataSummary) -> String {
    let span = match (data.start, data.end) {
        (Some(a), Some(b)) => format!("{} of data ({} to {})", duration(b - a), day(a), day(b)),
        _ => "the data".into(),
    };
    let v = verdict(r, slo.target);
    format!(
        "Over {span}, the SLI was {} against the {}% target. {}: {}.",
        ratio(r.sli),
        slo.target,
        v.word(),
        v.reason()
    )
}

fn budget_sentence(r: &Report) -> String {
    if r.budget_remaining >= 0.0 {
        format!(
            "{} of the error budget is left at the end; the lowest it fell was {}.",
            share(r.budget_remaining),
            share(r.lowest_budget)
        )
    } else {
        format!(
            "The error budget is overspent at the end ({} left); it was exhausted {}, first from {}.",
            share(r.budget_remaining),
            times(r.exhausted.len()),
            r.exhausted.first().map(|e| when(e.0)).unwrap_or_default()
        )
    }
}

/// The median of the detection delays, when any alert has one.
pub fn median_detection_delay(alerts: &[AlertRow]) -> Option<i64> {
    let mut delays: Vec<i64> = alerts.iter().filter_map(|a| a.detection_delay).collect();
    delays.sort_unstable();
    median_detection_delay_of(&delays)
}

/// The median of delays already sorted: the upper middle of an even count
/// (`explain` shows the same pick).
pub fn median_detection_delay_of(sorted: &[i64]) -> Option<i64> {
    sorted.get(sorted.len() / 2).copied()
}

fn alert_sentences(alerts: &[AlertRow]) -> Vec<String> {
    if alerts.is_empty() {
        return vec!["No alert would have fired.".into()];
    }
    let part = |severity: Severity, what: &str| {
        let fired: Vec<&AlertRow> = alerts.iter().filter(|a| a.severity == severity).collect();
        match fired.first() {
            None => format!("no {what}"),
            Some(a) => format!(
                "{} {what}{} (the first at {})",
                fired.len(),
                plural(fired.len()),
                when(a.start)
            ),
        }
    };
    let mut fired = format!(
        "{} and {} would have fired.",
        part(Severity::Page, "page"),
        part(Severity::Ticket, "ticket")
    );
    fired[..1].make_ascii_uppercase();
    let mut out = vec![fired];
    let delays = alerts.iter().filter_map(|a| a.detection_delay);
    if let (Some(lo), Some(hi), Some(median)) = (
        delays.clone().min(),
        delays.max(),
        median_detection_delay(alerts),
    ) {
        out.push(format!(
            "Detection took {} at the median (fastest {}, slowest {}) from the start of the bad period.",
            duration(median),
            duration(lo),
            duration(hi)
        ));
    }
    out
}

/// The recalibration needs whole windows; with less history it can only
/// look at the data as a whole, and the sentence must say so.
fn recalibration_sentence(
    r: &Report,
    slo: &Slo,
    data: &DataSummary,
    recalibrate_share: f64,
) -> String {
    let covered = match (data.start, data.end) {
        (Some(a), Some(b)) => b.saturating_sub(a).saturating_add(data.step.max(0)),
        _ => 0,
    };
    let window = slo.window.nominal();
    let whole_window = u64::try_from(covered).unwrap_or(0) >= window.seconds();
    match r.recalibrated {
        Some(t) if whole_window => format!(
            "The history supports a target of {}: the highest met in {:.0}% of its {} windows.",
            ratio(t),
            recalibrate_share * 100.0,
            window
        ),
        Some(t) => format!(
            "The data covers {}, less than one {window} window, so the suggested target of {} is what the \
             whole history met, not a share of full windows: load a longer history before relying on it.",
            duration(covered),
            ratio(t),
        ),
        None => "The history has too few events to suggest a target.".into(),
    }
}

/// The replay counts a rolling window's budget on the events it holds, so
/// before the data fills one window an early bad interval weighs more than
/// it would later: the warning to show when a rule fired in that stretch.
pub fn filling_window_note(r: &Report, window: &Window) -> Option<String> {
    let Window::Rolling { span } = window else {
        return None;
    };
    let until = r
        .x_range
        .0
        .saturating_add(i64::try_from(span.seconds()).unwrap_or(i64::MAX));
    let early = r.crossings.iter().any(|c| c.below > 0.0 && c.at < until)
        || r.incidents.iter().any(|i| i.start < until);
    let stretch = if until > r.x_range.1 {
        format!("The data is shorter than one {span} window")
    } else {
        format!(
            "Until the data fills one {span} window (up to {})",
            when(until)
        )
    };
    early.then(|| {
        format!(
            "{stretch}: the budget is counted on the events seen so far, \
             so an early bad interval weighs more than it would in a full window."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::worker::IncidentRow;

    const DAY: i64 = 86_400;

    /// A report of ten days from t = 0 with the given SLI and exhausted spans.
    fn report(sli: f64, exhausted: Vec<(i64, i64)>) -> Report {
        Report {
            x_range: (0, 10 * DAY),
            sli,
            budget_remaining: 0.5,
            lowest_budget: 0.4,
            sli_columns: Default::default(),
            sli_window: Default::default(),
            budget: Default::default(),
            burn: vec![],
            burn_short: vec![],
            alerts: vec![],
            silenced: vec![],
            no_data: vec![],
            exhausted,
            incidents: vec![],
            crossings: vec![],
            timeslices: None,
            recalibrated: None,
            warnings: vec![],
            tiers: vec![],
            label_sets: vec![],
            shown_set: None,
            scope_note: None,
        }
    }

    /// Data whose time range is unknown: the sentences say "the data".
    fn no_span() -> DataSummary {
        DataSummary {
            format: "CSV (comma)".into(),
            kind: "good/total counts".into(),
            columns: vec![],
            rows: 0,
            intervals: 0,
            start: None,
            end: None,
            step: 0,
            cumulative: false,
            diagnostics: vec![],
        }
    }

    fn target(percent: f64) -> Target {
        Target::from_number(percent).unwrap()
    }

    #[test]
    fn an_sli_at_the_target_with_budget_always_left_is_met() {
        assert_eq!(verdict(&report(0.999, vec![]), target(99.9)), Verdict::Met);
    }

    #[test]
    fn an_sli_below_the_target_is_missed() {
        assert_eq!(
            verdict(&report(0.9985, vec![]), target(99.9)),
            Verdict::Missed
        );
    }

    #[test]
    fn a_window_that_ran_out_of_budget_misses_the_slo_even_when_the_average_meets_it() {
        // The recalibrated 99.86% against an SLI of 99.862%: above the target
        // over the whole data, yet one window spent its budget.
        let r = report(0.99862, vec![(2 * DAY, 3 * DAY)]);
        let v = verdict(&r, target(99.86));
        assert_eq!(v, Verdict::MissedInAWindow { exhausted: 1 });
        assert_eq!(v.word(), "Not met");
        assert_eq!(
            v.reason(),
            "the SLI over all the data meets the target, but the budget ran out 1 time"
        );
    }

    #[test]
    fn the_summary_and_the_review_question_say_the_same_verdict() {
        let r = report(0.99862, vec![(2 * DAY, 3 * DAY)]);
        let slo = Slo {
            target: target(99.86),
            ..Slo::default()
        };
        let data = no_span();
        let first = &sentences(&r, &slo, &data, 0.9)[0];
        assert_eq!(
            first,
            "Over the data, the SLI was 99.862% against the 99.86% target. Not met: the SLI over \
             all the data meets the target, but the budget ran out 1 time."
        );
        let met = crate::review::figures_for("met", &r, &slo, &data, 1);
        assert!(met.starts_with("Not met: SLI 99.862%"), "{met}");
    }

    #[test]
    fn the_outage_is_one_figure_in_the_warning_and_the_review() {
        let series = crate::samples::generate(&crate::samples::sample_traffic("outage").unwrap());
        let slo = Slo::default();
        let r = crate::worker::report(
            &series,
            &crate::worker::Request {
                slo: slo.clone(),
                columns: 100,
                policy_share: 0.2,
                recalibrate_share: RECALIBRATE_SHARE,
                sweep_targets: vec![],
                tiers: Vec::new(),
                label_set: None,
            },
        );
        let largest = r
            .incidents
            .iter()
            .max_by(|a, b| a.budget_spent.total_cmp(&b.budget_spent))
            .unwrap();
        let figure = format!("spent {} of the", share(largest.budget_spent));
        let data = no_span();
        assert!(
            r.warnings.iter().any(|w| w.message.contains(&figure)),
            "{:?}",
            r.warnings
        );
        assert!(crate::review::figures_for("threats", &r, &slo, &data, 1).contains(&figure));
    }

    #[test]
    fn the_median_detection_delay_is_the_middle_of_the_sorted_delays() {
        let alert = |delay| AlertRow {
            alert_index: 0,
            severity: Severity::Page,
            factor: 14.4,
            long_seconds: 3600,
            short_seconds: 300,
            start: 0,
            end: None,
            budget_spent_at_fire: 0.0,
            detection_delay: delay,
            reset_after: None,
            peak_burn: 0.0,
        };
        let alerts = [
            alert(Some(600)),
            alert(None),
            alert(Some(60)),
            alert(Some(300)),
        ];
        assert_eq!(median_detection_delay(&alerts), Some(300));
        assert_eq!(median_detection_delay(&[alert(None)]), None);
    }

    #[test]
    fn the_suggested_target_is_offered_only_when_it_changes_the_draft() {
        let mut r = report(0.9986, vec![]);
        r.recalibrated = Some(0.9986);
        assert_eq!(suggested_target(&r, target(99.9)), Some(target(99.86)));
        assert_eq!(suggested_target(&r, target(99.86)), None);
        r.recalibrated = None;
        assert_eq!(suggested_target(&r, target(99.9)), None);
    }

    #[test]
    fn an_incident_before_the_first_window_fills_is_flagged() {
        let mut r = report(0.999, vec![]);
        r.incidents = vec![IncidentRow {
            start: DAY,
            end: DAY + 60,
            budget_spent: 0.3,
        }];
        let seven_days = Window::Rolling {
            span: Span::days(7),
        };
        let note = filling_window_note(&r, &seven_days).unwrap();
        assert!(
            note.starts_with("Until the data fills one 7d window (up to 1970-01-08 00:00 UTC)"),
            "{note}"
        );
        let thirty_days = Window::Rolling {
            span: Span::days(30),
        };
        assert!(filling_window_note(&r, &thirty_days)
            .unwrap()
            .starts_with("The data is shorter than one 30d window"));
        r.incidents.clear();
        assert_eq!(filling_window_note(&r, &seven_days), None);
    }
}
