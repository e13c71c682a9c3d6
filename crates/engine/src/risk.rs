//! The risk exercise of the SRE Workbook ("Implementing SLOs", risk
//! analysis): each risk's expected bad minutes a year, (time to detect +
//! time to repair) x frequency a year x share of users affected, weighed
//! against the chosen SLO's error budget scaled to a year, costliest first,
//! with the risks that alone would overspend it.
//!
//! Pure data and functions. Time to detect may come from the SLO's alerts
//! (`alerting::detection_time` of the fastest alert at the risk's error
//! ratio); the budget is `budget::budget_seconds`. This module must not know
//! Markdown (that is `export::workshop`) nor the browser.

use crate::alerting::{detection_time, effective_alerts};
use crate::budget::budget_seconds;
use crate::format;
use crate::model::{BurnAlert, Project, Severity, Slo};
use serde::{Deserialize, Serialize};

const MINUTES_A_YEAR: f64 = 365.0 * 24.0 * 60.0;

/// The risk list of a project and the SLO it is weighed against
/// (`Project::risks`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Risks {
    /// Id of the SLO whose budget the risks spend; empty for the first SLO.
    pub slo: String,
    pub items: Vec<Risk>,
}

/// One thing that can go wrong, as the room estimates it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Risk {
    pub name: String,
    /// Estimated time to detect (ETTD), minutes.
    pub detect_minutes: f64,
    /// Estimated time to repair (ETTR), minutes.
    pub repair_minutes: f64,
    /// How often it happens, times a year.
    pub per_year: f64,
    /// Share of users (or requests) it affects while it lasts, in (0, 1].
    pub users_share: f64,
    /// Take the time to detect from the SLO's alerts instead of `detect_minutes`.
    pub detect_from_alerts: bool,
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            name: String::new(),
            detect_minutes: 15.0,
            repair_minutes: 60.0,
            per_year: 1.0,
            users_share: 1.0,
            detect_from_alerts: false,
        }
    }
}

/// Where a row's time to detect came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detection {
    /// As the room estimated it.
    Estimated,
    /// The fastest of the SLO's alerts at this share of errors.
    Alert(Severity),
    /// Asked for, but no alert fires at this share of errors: the estimate stands.
    NoAlertFires,
}

/// One risk's figures, as the table shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow {
    /// Position in `Risks::items`, so the page can edit it.
    pub index: usize,
    pub name: String,
    pub detect_minutes: f64,
    pub detection: Detection,
    pub repair_minutes: f64,
    pub per_year: f64,
    pub users_share: f64,
    /// (ETTD + ETTR) x frequency x share.
    pub bad_minutes: f64,
    /// `bad_minutes` over the yearly budget.
    pub budget_share: f64,
    /// This risk alone spends more than the yearly budget.
    pub overspends: bool,
}

/// The exercise's result for one SLO.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskAnalysis {
    pub slo_name: String,
    pub target_text: String,
    pub yearly_budget_minutes: f64,
    /// Costliest first; equal costs in the order the risks were written.
    pub rows: Vec<RiskRow>,
    pub total_bad_minutes: f64,
    pub total_share: f64,
}

/// A finite, non-negative figure; anything else counts as zero.
fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

/// Expected bad minutes a year: (ETTD + ETTR) x frequency x share
/// ((5 + 25) min x 4 a year x 50% = 60 min).
pub fn bad_minutes_per_year(detect: f64, repair: f64, per_year: f64, share: f64) -> f64 {
    (non_negative(detect) + non_negative(repair))
        * non_negative(per_year)
        * non_negative(share).min(1.0)
}

/// The SLO's error budget scaled to a 365-day year, minutes: the budget of
/// one window times the windows in a year, which is B x a year whatever the
/// window (99.9%: 43.2 min per 30 d, 525.6 min a year).
pub fn yearly_budget_minutes(slo: &Slo) -> f64 {
    let window = slo.window.nominal();
    let windows_a_year = MINUTES_A_YEAR * 60.0 / window.seconds().max(1) as f64;
    budget_seconds(slo.target, window) / 60.0 * windows_a_year
}

/// Minutes until the SLO's fastest alert fires while this share of events
/// fails, with its severity; `None` when no alert fires at that share.
pub fn alert_detection(slo: &Slo, users_share: f64) -> Option<(Severity, f64)> {
    fastest_alert(slo, users_share).map(|(a, s)| (a.severity, s / 60.0))
}

/// The SLO's alert that fires first while this share of events fails, with
/// its detection time in seconds; `None` when no alert fires at that share.
pub fn fastest_alert(slo: &Slo, users_share: f64) -> Option<(BurnAlert, f64)> {
    let (alerts, _) = effective_alerts(slo);
    alerts
        .into_iter()
        .filter_map(|a| detection_time(&a, slo.target, users_share).map(|s| (a, s)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// The SLO the risks are weighed against: the one named, else the first.
pub fn chosen_slo(project: &Project) -> Option<&Slo> {
    project
        .slos
        .iter()
        .find(|s| s.id == project.risks.slo)
        .or_else(|| project.slos.first())
}

/// An SLO's id changed (`lifecycle::set_id`): the risks stay weighed against it.
pub fn rename_slo(risks: &mut Risks, old: &str, new: &str) {
    if risks.slo == old {
        risks.slo = new.to_string();
    }
}

/// The exercise on the project's risks; `None` when it has no SLO to weigh them against.
pub fn analyse(project: &Project) -> Option<RiskAnalysis> {
    let slo = chosen_slo(project)?;
    let yearly = yearly_budget_minutes(slo);
    let mut rows: Vec<RiskRow> = project
        .risks
        .items
        .iter()
        .enumerate()
        .map(|(index, risk)| row(slo, yearly, index, risk))
        .collect();
    rows.sort_by(|a, b| b.bad_minutes.total_cmp(&a.bad_minutes));
    let total: f64 = rows.iter().map(|r| r.bad_minutes).sum();
    Some(RiskAnalysis {
        slo_name: slo.name.clone(),
        target_text: format!("{}%", slo.target),
        yearly_budget_minutes: yearly,
        rows,
        total_bad_minutes: total,
        total_share: share_of(total, yearly),
    })
}

fn share_of(minutes: f64, budget: f64) -> f64 {
    if budget > 0.0 {
        minutes / budget
    } else {
        f64::INFINITY
    }
}

fn row(slo: &Slo, yearly: f64, index: usize, risk: &Risk) -> RiskRow {
    let (detect, detection) = match (
        risk.detect_from_alerts,
        alert_detection(slo, risk.users_share),
    ) {
        (false, _) => (risk.detect_minutes, Detection::Estimated),
        (true, Some((severity, minutes))) => (minutes, Detection::Alert(severity)),
        (true, None) => (risk.detect_minutes, Detection::NoAlertFires),
    };
    let bad = bad_minutes_per_year(detect, risk.repair_minutes, risk.per_year, risk.users_share);
    RiskRow {
        index,
        name: risk.name.clone(),
        detect_minutes: non_negative(detect),
        detection,
        repair_minutes: non_negative(risk.repair_minutes),
        per_year: non_negative(risk.per_year),
        users_share: non_negative(risk.users_share).min(1.0),
        bad_minutes: bad,
        budget_share: share_of(bad, yearly),
        overspends: bad > yearly,
    }
}

impl RiskAnalysis {
    /// Names of the risks that alone spend more than the yearly budget, costliest first.
    pub fn overspenders(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|r| r.overspends)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// What the table means, in sentences (the page and the document print them).
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Weighed against “{}” ({}): an error budget of {} bad minutes a year.",
            self.slo_name,
            self.target_text,
            minutes(self.yearly_budget_minutes)
        )];
        if self.rows.is_empty() {
            return out;
        }
        out.push(format!(
            "Together the risks are expected to cost {} bad minutes a year, {} of the budget.",
            minutes(self.total_bad_minutes),
            format::share(self.total_share)
        ));
        let over = self.overspenders();
        out.push(if over.is_empty() {
            "No risk alone overspends the budget.".into()
        } else {
            format!("Alone over the yearly budget: {}.", over.join(", "))
        });
        out
    }
}

impl RiskRow {
    /// The time to detect with where it came from: `5 min`, `1.7 min (page alert)`.
    pub fn detect_text(&self) -> String {
        let text = format!("{} min", minutes(self.detect_minutes));
        match self.detection {
            Detection::Estimated => text,
            Detection::Alert(severity) => format!("{text} ({} alert)", severity.as_str()),
            Detection::NoAlertFires => format!("{text} (no alert fires at this share)"),
        }
    }
}

/// Minutes as the exercise writes them: a tenth is enough for estimates
/// (525.6, 1.7, 60).
pub fn minutes(x: f64) -> String {
    format::trim_zeros(x, 1)
}

/// Minutes typed in a risk's field: a finite number, zero or more.
pub fn parse_minutes(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches("min").trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("write a number of minutes, 0 or more".into()),
    }
}

/// Times a year typed in a risk's field: a finite number, zero or more (0.5 is once in two years).
pub fn parse_per_year(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("write how many times a year, 0 or more (0.5 is once in two years)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, Target, Window};

    fn slo(target: f64, days: u64) -> Slo {
        Slo {
            id: "checkout".into(),
            name: "Checkout".into(),
            target: Target(target),
            window: Window::Rolling {
                span: Span::days(days),
            },
            ..Slo::default()
        }
    }

    fn project(risks: Vec<Risk>) -> Project {
        Project {
            slos: vec![slo(0.999, 30)],
            risks: Risks {
                slo: String::new(),
                items: risks,
            },
            ..Project::default()
        }
    }

    fn risk(name: &str, detect: f64, repair: f64, per_year: f64, share: f64) -> Risk {
        Risk {
            name: name.into(),
            detect_minutes: detect,
            repair_minutes: repair,
            per_year,
            users_share: share,
            detect_from_alerts: false,
        }
    }

    #[test]
    fn five_minutes_to_detect_and_25_to_repair_four_times_a_year_for_half_the_users_is_60_bad_minutes(
    ) {
        assert_eq!(bad_minutes_per_year(5.0, 25.0, 4.0, 0.5), 60.0);
    }

    #[test]
    fn the_yearly_budget_of_99_9_is_525_6_minutes_whatever_the_window() {
        assert!((yearly_budget_minutes(&slo(0.999, 365)) - 525.6).abs() < 1e-9);
        // 43.2 min per 30 days, 365/30 windows a year.
        assert!((yearly_budget_minutes(&slo(0.999, 30)) - 525.6).abs() < 1e-9);
        assert!((yearly_budget_minutes(&slo(0.99, 28)) - 5256.0).abs() < 1e-9);
    }

    #[test]
    fn risks_are_sorted_by_cost_and_those_alone_over_the_budget_are_named() {
        let p = project(vec![
            risk("Bad deploy", 5.0, 25.0, 4.0, 0.5),      // 60 min
            risk("Region outage", 30.0, 690.0, 1.0, 1.0), // 720 min
            risk("Cert expiry", 0.0, 0.0, 1.0, 1.0),      // 0 min
        ]);
        let a = analyse(&p).unwrap();
        let names: Vec<&str> = a.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Region outage", "Bad deploy", "Cert expiry"]);
        assert_eq!(a.rows[0].index, 1, "the row knows which risk to edit");
        assert_eq!(a.overspenders(), ["Region outage"]);
        // 60 / 525.6 = 11.4%; 780 / 525.6 = 148%.
        assert!((a.rows[1].budget_share - 60.0 / 525.6).abs() < 1e-12);
        assert_eq!(a.total_bad_minutes, 780.0);
        assert_eq!(
            a.summary(),
            [
                "Weighed against “Checkout” (99.9%): an error budget of 525.6 bad minutes a year.",
                "Together the risks are expected to cost 780 bad minutes a year, 148% of the budget.",
                "Alone over the yearly budget: Region outage.",
            ]
        );
    }

    #[test]
    fn time_to_detect_can_come_from_the_fastest_alert_at_the_risks_share_of_errors() {
        // Workbook alerts at 99.9%, half the requests failing: the 14.4x 1 h
        // page fires after 3600 s x 0.0144 / 0.5 = 103.68 s = 1.728 min, sooner
        // than 6x 6 h (21600 x 0.006 / 0.5 = 259.2 s).
        let mut r = risk("Bad deploy", 5.0, 25.0, 4.0, 0.5);
        r.detect_from_alerts = true;
        let a = analyse(&project(vec![r])).unwrap();
        let row = &a.rows[0];
        assert!((row.detect_minutes - 1.728).abs() < 1e-9);
        assert_eq!(row.detection, Detection::Alert(Severity::Page));
        assert_eq!(row.detect_text(), "1.7 min (page alert)");
        // (1.728 + 25) x 4 x 0.5 = 53.456
        assert!((row.bad_minutes - 53.456).abs() < 1e-9);
    }

    #[test]
    fn at_one_percent_of_errors_only_the_slower_alerts_fire() {
        // 14.4 x 0.001 = 1.44% > 1%: the fast page never fires; 6x 6 h does
        // after 21600 x 0.006 / 0.01 = 12960 s = 216 min.
        let (severity, minutes) = alert_detection(&slo(0.999, 30), 0.01).unwrap();
        assert_eq!(severity, Severity::Page);
        assert!((minutes - 216.0).abs() < 1e-9);
    }

    #[test]
    fn when_no_alert_fires_the_estimate_stands_and_the_row_says_so() {
        // 0.05% of errors is below every threshold at 99.9% (the lowest is 1x: 0.1%).
        let mut r = risk("Slow leak", 120.0, 60.0, 2.0, 0.0005);
        r.detect_from_alerts = true;
        let a = analyse(&project(vec![r])).unwrap();
        assert_eq!(a.rows[0].detection, Detection::NoAlertFires);
        assert_eq!(a.rows[0].detect_minutes, 120.0);
        assert_eq!(
            a.rows[0].detect_text(),
            "120 min (no alert fires at this share)"
        );
    }

    #[test]
    fn the_risks_are_weighed_against_the_slo_named_or_else_the_first() {
        let mut p = project(vec![]);
        p.slos.push(Slo {
            id: "search".into(),
            name: "Search".into(),
            target: Target(0.99),
            ..Slo::default()
        });
        assert_eq!(analyse(&p).unwrap().slo_name, "Checkout");
        p.risks.slo = "search".into();
        let a = analyse(&p).unwrap();
        assert_eq!(a.slo_name, "Search");
        assert_eq!(a.summary().len(), 1, "no risk yet: only the budget is said");
        assert!(
            analyse(&Project::default()).is_none(),
            "no SLO, nothing to weigh against"
        );
    }

    #[test]
    fn the_chosen_slo_stays_chosen_when_its_id_follows_a_new_name() {
        let mut p = project(vec![]);
        p.slos.push(Slo {
            id: "search".into(),
            name: "search".into(),
            ..Slo::default()
        });
        p.risks.slo = "search".into();
        crate::lifecycle::rename(&mut p, 1, "Search results");
        assert_eq!(p.risks.slo, "search-results");
        assert_eq!(analyse(&p).unwrap().slo_name, "Search results");
    }

    #[test]
    fn nonsense_figures_count_as_zero_rather_than_spoiling_the_total() {
        assert_eq!(bad_minutes_per_year(f64::NAN, -5.0, 3.0, 2.0), 0.0);
        assert_eq!(
            bad_minutes_per_year(10.0, 0.0, 1.0, 2.0),
            10.0,
            "a share is at most 100%"
        );
    }

    #[test]
    fn typed_minutes_and_frequencies_are_read_or_refused_with_a_reason() {
        assert_eq!(parse_minutes(" 25 min"), Ok(25.0));
        assert_eq!(parse_minutes("0"), Ok(0.0));
        assert!(parse_minutes("-1").is_err());
        assert!(parse_minutes("soon").is_err());
        assert_eq!(parse_per_year("0.5"), Ok(0.5));
        assert!(parse_per_year("inf").is_err());
    }
}
