//! Comparing two drafts on the same data: draft B is draft A with a variant
//! (another target, window, budgeting method or alert set), and the table
//! and chart that set their replays side by side.
//!
//! Owns how a variant as typed becomes draft B and which figures the
//! comparison shows. Pure: the Iteration page keeps the typed variant and
//! places the rows and the SVG this returns. Must not replay (`worker`).

use crate::alerting::preset_alerts;
use crate::chart::{self, fit_range, Line, Pen, Rule, Size, TimeChart, YFormat};
use crate::format::{duration, ratio, share};
use crate::model::{
    AlertPreset, BudgetingMethod, BurnAlert, CalendarUnit, Severity, Slo, Span, Target, Window,
};
use crate::summary::median_detection_delay;
use crate::worker::Report;

/// The comparison draft as typed: each field "same" or a change.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub target: String,
    /// "same", a number of days (rolling), or "week", "month", "quarter" (calendar, UTC).
    pub window: String,
    /// "same" or a budgeting method's name (`BudgetingMethod::with_defaults`).
    pub budgeting: String,
    /// "same", a preset ("workbook30", "workbook28", "pyrra"), "pages_only" or "tickets_only".
    pub alerts: String,
}

impl Default for Variant {
    fn default() -> Self {
        Variant {
            target: "99.5".into(),
            window: "same".into(),
            budgeting: "same".into(),
            alerts: "same".into(),
        }
    }
}

impl Variant {
    /// Draft B: draft A with this variant's changes. Errors name the field.
    pub fn apply(&self, a: &Slo) -> Result<Slo, String> {
        let mut b = a.clone();
        if !self.target.trim().is_empty() {
            b.target = Target::parse(&self.target).map_err(|e| format!("target B: {e}"))?;
        }
        if let Some(window) = window(&self.window)? {
            b.window = window;
        }
        if let Some(m) = BudgetingMethod::with_defaults(&self.budgeting) {
            b.budgeting = m;
        }
        b.alerting.alerts = match self.alerts.as_str() {
            "workbook30" => preset(AlertPreset::Workbook30d, &b),
            "workbook28" => preset(AlertPreset::Workbook28d, &b),
            "pyrra" => preset(AlertPreset::PyrraScaled, &b),
            "pages_only" => only(a, Severity::Page),
            "tickets_only" => only(a, Severity::Ticket),
            _ => b.alerting.alerts,
        };
        Ok(b)
    }
}

/// The window B names, `None` for "same".
fn window(typed: &str) -> Result<Option<Window>, String> {
    let calendar = |unit| {
        Some(Window::Calendar {
            unit,
            time_zone: "UTC".into(),
        })
    };
    Ok(match typed {
        "" | "same" => None,
        "week" => calendar(CalendarUnit::Week),
        "month" => calendar(CalendarUnit::Month),
        "quarter" => calendar(CalendarUnit::Quarter),
        days => {
            let days: u64 = days
                .parse()
                .map_err(|_| format!("window B: \"{days}\" is not a number of days"))?;
            if days == 0 || days > 400 {
                return Err("window B: choose between 1 and 400 days".into());
            }
            Some(Window::Rolling {
                span: Span::days(days),
            })
        }
    })
}

fn preset(p: AlertPreset, b: &Slo) -> Vec<BurnAlert> {
    preset_alerts(p, b.window.nominal()).unwrap_or_default()
}

fn only(a: &Slo, severity: Severity) -> Vec<BurnAlert> {
    let alerts = a.alerting.alerts.iter();
    alerts.filter(|x| x.severity == severity).copied().collect()
}

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub figure: &'static str,
    pub a: String,
    pub b: String,
}

impl Row {
    pub fn changed(&self) -> bool {
        self.a != self.b
    }
}

const FIGURES: [&str; 12] = [
    "Target",
    "Window",
    "Budgeting",
    "Alerts configured",
    "SLI over the data",
    "Budget left at the end",
    "Lowest budget",
    "Times the budget ran out",
    "Pages",
    "Tickets",
    "Median detection delay",
    "Time-slice compliance",
];

/// The comparison table: each figure for draft A and draft B.
pub fn table(ra: &Report, a: &Slo, rb: &Report, b: &Slo) -> Vec<Row> {
    FIGURES
        .iter()
        .zip(figures(ra, a).into_iter().zip(figures(rb, b)))
        .map(|(figure, (a, b))| Row { figure, a, b })
        .collect()
}

fn budgeting_text(m: &BudgetingMethod) -> String {
    match m {
        BudgetingMethod::Occurrences => "occurrences".into(),
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => format!("time slices of {slice}, good at {}", ratio(*slice_target)),
        BudgetingMethod::RatioTimeslices { slice } => format!("ratio of {slice} time slices"),
    }
}

fn window_text(w: &Window) -> String {
    match w {
        Window::Rolling { span } => format!("{span} rolling"),
        Window::Calendar { unit, .. } => format!(
            "calendar {}",
            match unit {
                CalendarUnit::Week => "week",
                CalendarUnit::Month => "month",
                CalendarUnit::Quarter => "quarter",
            }
        ),
    }
}

fn figures(r: &Report, slo: &Slo) -> Vec<String> {
    let pages = r
        .alerts
        .iter()
        .filter(|a| a.severity == Severity::Page)
        .count();
    let alerts = slo.alerting.alerts.len();
    vec![
        format!("{}%", slo.target),
        window_text(&slo.window),
        budgeting_text(&slo.budgeting),
        format!("{alerts} alert{}", if alerts == 1 { "" } else { "s" }),
        ratio(r.sli),
        share(r.budget_remaining),
        share(r.lowest_budget),
        r.exhausted.len().to_string(),
        pages.to_string(),
        (r.alerts.len() - pages).to_string(),
        median_detection_delay(&r.alerts)
            .map(duration)
            .unwrap_or_else(|| "n/a".into()),
        r.timeslices
            .as_ref()
            .map(|s| format!("{} ({} bad slices)", ratio(s.compliance), s.bad_slices))
            .unwrap_or_else(|| "n/a".into()),
    ]
}

/// Both budgets on one chart, as SVG text.
pub fn budget_chart(ra: &Report, a: &Slo, rb: &Report, b: &Slo) -> Result<String, String> {
    chart::time_chart(&TimeChart {
        title: "Budget remaining: draft A and draft B".into(),
        x_range: ra.x_range,
        y_range: fit_range(&[&ra.budget.v, &rb.budget.v], &[0.0, 1.0], -1.0, 1.0),
        y_format: YFormat::Percent(0),
        lines: vec![
            Line {
                label: format!("A: {}%", a.target),
                t: ra.budget.t.clone(),
                v: ra.budget.v.clone(),
                pen: Pen::series(0),
            },
            Line {
                label: format!("B: {}%", b.target),
                t: rb.budget.t.clone(),
                v: rb.budget.v.clone(),
                pen: Pen::series(1),
            },
        ],
        rules: vec![Rule {
            label: "exhausted".into(),
            y: 0.0,
            pen: Pen::rule(),
        }],
        size: Size {
            width: 800,
            height: 250,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(target: &str, window: &str, budgeting: &str, alerts: &str) -> Variant {
        Variant {
            target: target.into(),
            window: window.into(),
            budgeting: budgeting.into(),
            alerts: alerts.into(),
        }
    }

    #[test]
    fn fields_left_same_keep_draft_a() {
        let a = Slo::default();
        let b = variant("", "same", "same", "same").apply(&a).unwrap();
        assert_eq!(b, a);
    }

    #[test]
    fn a_variant_changes_target_window_and_budgeting_with_the_model_defaults() {
        let a = Slo::default();
        let b = variant("99.5", "28", "timeslices", "same")
            .apply(&a)
            .unwrap();
        assert_eq!(b.target, Target::parse("99.5").unwrap());
        assert_eq!(
            b.window,
            Window::Rolling {
                span: Span::days(28)
            }
        );
        assert_eq!(
            b.budgeting,
            BudgetingMethod::with_defaults("timeslices").unwrap()
        );
        let month = variant("", "month", "same", "same").apply(&a).unwrap();
        assert!(matches!(
            month.window,
            Window::Calendar {
                unit: CalendarUnit::Month,
                ..
            }
        ));
    }

    #[test]
    fn pages_only_keeps_draft_a_page_alerts() {
        let a = Slo::default();
        let pages = a
            .alerting
            .alerts
            .iter()
            .filter(|x| x.severity == Severity::Page)
            .count();
        let b = variant("", "same", "same", "pages_only").apply(&a).unwrap();
        assert_eq!(b.alerting.alerts.len(), pages);
        assert!(b
            .alerting
            .alerts
            .iter()
            .all(|x| x.severity == Severity::Page));
    }

    #[test]
    fn errors_name_the_field_of_draft_b() {
        let a = Slo::default();
        assert!(variant("abc", "same", "same", "same")
            .apply(&a)
            .unwrap_err()
            .starts_with("target B:"));
        assert_eq!(
            variant("", "0", "same", "same").apply(&a).unwrap_err(),
            "window B: choose between 1 and 400 days"
        );
        assert_eq!(
            variant("", "ten", "same", "same").apply(&a).unwrap_err(),
            "window B: \"ten\" is not a number of days"
        );
    }

    #[test]
    fn the_table_marks_the_figures_that_differ() {
        let r = crate::worker::report(
            &crate::samples::generate(&crate::samples::sample_traffic("steady").unwrap()),
            &crate::worker::Request {
                slo: Slo::default(),
                columns: 100,
                policy_share: 0.2,
                recalibrate_share: 0.9,
                sweep_targets: vec![],
                tiers: Vec::new(),
                label_set: None,
            },
        );
        let a = Slo::default();
        let b = variant("99.5", "same", "timeslices", "same")
            .apply(&a)
            .unwrap();
        let rows = table(&r, &a, &r, &b);
        let changed: Vec<&str> = rows
            .iter()
            .filter(|r| r.changed())
            .map(|r| r.figure)
            .collect();
        // The same report on both sides: only the drafts' own settings differ.
        assert_eq!(changed, ["Target", "Budgeting"]);
        assert_eq!(rows[2].b, "time slices of 5m, good at 95%");
    }
}
