//! The Iteration page's charts of one replay: which charts a report gets,
//! their titles, lines, threshold rules, scales and timeline rows, and the
//! read-out of every figure at one instant under the cursor.
//!
//! Decisions only: `chart` draws (and knows nothing of SLOs), `worker`
//! replays. The page places the SVG text and strings returned here and
//! handles the mouse. Nothing here knows the browser.

use crate::chart::downsample::value_at;
use crate::chart::{
    self, fit_range, Dash, Line, Marker, Pen, Rule, Size, Sweep, SweepBar, TimeChart, Timeline,
    TimelineRow, YFormat, OKABE_ITO,
};
use crate::format::{duration, factor, ratio, share, when};
use crate::model::{format_percent, Severity, Slo, Window};
use crate::worker::{Report, SweepOutcome};

/// Width of every chart in pixels.
pub const WIDTH: u32 = 800;
/// Plot width in pixels (the chart minus its axis margins): reports are
/// reduced to this many columns.
pub const COLUMNS: usize = (WIDTH - chart::PLOT_LEFT - chart::PLOT_RIGHT) as usize;

/// One drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub id: &'static str,
    pub title: String,
    pub svg: String,
    /// Whether its x axis is the shared time axis (the cursor applies).
    pub timed: bool,
}

fn page_pen() -> Pen {
    Pen {
        color: OKABE_ITO[3].1,
        dash: Dash::Solid,
        marker: Marker::Triangle,
        width: 2,
    }
}
fn ticket_pen() -> Pen {
    Pen {
        color: OKABE_ITO[0].1,
        dash: Dash::Dashed,
        marker: Marker::Square,
        width: 2,
    }
}

pub fn alert_label(slo: &Slo, i: usize) -> String {
    match slo.alerting.alerts.get(i) {
        Some(a) => format!(
            "{} {} {}/{}",
            a.severity.as_str(),
            factor(a.factor),
            a.long,
            a.short
        ),
        None => format!("alert {}", i + 1),
    }
}

fn draw_or_message(result: Result<String, String>) -> String {
    result.unwrap_or_else(|e| format!("<p>{}</p>", chart::escape_xml(&e)))
}

/// The time one chart column covers, in whole minutes (at least one).
fn column_minutes((x0, x1): (i64, i64)) -> i64 {
    ((x1 - x0) / COLUMNS as i64 / 60).max(1)
}

/// Draws every chart of a report. Pure: numbers in, SVG text out.
pub fn draw_all(r: &Report, slo: &Slo) -> Vec<Drawn> {
    let target = slo.target.ratio();
    let budget = 1.0 - target;
    let decimals = if budget >= 0.01 {
        1
    } else if budget >= 0.001 {
        2
    } else {
        3
    };
    let x_range = r.x_range;
    let size = Size {
        width: WIDTH,
        height: 250,
    };
    let mut out = Vec::new();

    let sli_lines = vec![
        Line {
            label: format!("SLI per {}", duration(column_minutes(x_range) * 60)),
            t: r.sli_columns.t.clone(),
            v: r.sli_columns.v.clone(),
            pen: Pen::series(0),
        },
        Line {
            label: format!("compliance over the {} window", slo.window.nominal()),
            t: r.sli_window.t.clone(),
            v: r.sli_window.v.clone(),
            pen: Pen::series(2),
        },
    ];
    let floor = (target - 10.0 * budget).max(0.0);
    let title = format!("SLI against the {}% target", slo.target);
    let svg = chart::time_chart(&TimeChart {
        title: title.clone(),
        x_range,
        y_range: fit_range(&[&r.sli_columns.v, &r.sli_window.v], &[target], floor, 1.0),
        y_format: YFormat::Percent(decimals),
        lines: sli_lines,
        rules: vec![Rule {
            label: format!("target {}%", slo.target),
            y: target,
            pen: Pen::rule(),
        }],
        size,
    });
    out.push(Drawn {
        id: "chart-sli",
        title,
        svg: draw_or_message(svg),
        timed: true,
    });

    let window = match &slo.window {
        Window::Rolling { span } => format!("{span} rolling window"),
        Window::Calendar { unit, .. } => {
            format!("calendar {unit:?} window, reset at each start").to_lowercase()
        }
    };
    let title = format!("Error budget remaining ({window})");
    let svg = chart::time_chart(&TimeChart {
        title: title.clone(),
        x_range,
        y_range: fit_range(&[&r.budget.v], &[0.0, 1.0], -1.0, 1.0),
        y_format: YFormat::Percent(0),
        lines: vec![Line {
            label: "budget left".into(),
            t: r.budget.t.clone(),
            v: r.budget.v.clone(),
            pen: Pen::series(2),
        }],
        rules: vec![Rule {
            label: "exhausted".into(),
            y: 0.0,
            pen: Pen::rule(),
        }],
        size,
    });
    out.push(Drawn {
        id: "chart-budget",
        title,
        svg: draw_or_message(svg),
        timed: true,
    });

    let max_factor = slo
        .alerting
        .alerts
        .iter()
        .map(|a| a.factor)
        .fold(1.0, f64::max);
    let burn_lines: Vec<Line> = r
        .burn
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let a = slo.alerting.alerts.get(i);
            Line {
                label: a
                    .map(|a| format!("{} window", a.long))
                    .unwrap_or_else(|| format!("alert {}", i + 1)),
                t: c.t.clone(),
                v: c.v.clone(),
                pen: Pen::series(i),
            }
        })
        .collect();
    let rules: Vec<Rule> = slo
        .alerting
        .alerts
        .iter()
        .enumerate()
        .map(|(i, a)| Rule {
            label: format!("{} threshold", factor(a.factor)),
            y: a.factor,
            pen: Pen {
                color: Pen::series(i).color,
                dash: Dash::Dotted,
                marker: Marker::None,
                width: 1,
            },
        })
        .collect();
    let burn_values: Vec<&[f64]> = r.burn.iter().map(|c| c.v.as_slice()).collect();
    let rule_values: Vec<f64> = rules.iter().map(|r| r.y).collect();
    let title = "Burn rate over each alert's long window".to_string();
    let svg = chart::time_chart(&TimeChart {
        title: title.clone(),
        x_range,
        y_range: fit_range(&burn_values, &rule_values, 0.0, max_factor * 3.0),
        y_format: YFormat::Factor,
        lines: burn_lines,
        rules,
        size: Size {
            width: WIDTH,
            height: 280,
        },
    });
    out.push(Drawn {
        id: "chart-burn",
        title,
        svg: draw_or_message(svg),
        timed: true,
    });

    let rows: Vec<TimelineRow> = slo
        .alerting
        .alerts
        .iter()
        .enumerate()
        .map(|(i, a)| TimelineRow {
            label: alert_label(slo, i),
            pen: if a.severity == Severity::Page {
                page_pen()
            } else {
                ticket_pen()
            },
            spans: r
                .alerts
                .iter()
                .filter(|e| e.alert_index == i)
                .map(|e| (e.start, e.end))
                .collect(),
        })
        .collect();
    let mut rows = rows;
    if !r.exhausted.is_empty() {
        // The policy's "budget exhausted" periods on the same time axis as the alerts.
        rows.push(TimelineRow {
            label: "budget exhausted".into(),
            pen: Pen {
                color: OKABE_ITO[4].1,
                dash: Dash::Dotted,
                marker: Marker::Cross,
                width: 2,
            },
            spans: r.exhausted.iter().map(|&(a, b)| (a, Some(b))).collect(),
        });
    }
    let title =
        "Alert timeline (page: solid, ticket: dashed; budget exhausted: dotted)".to_string();
    let height = 90 + 34 * rows.len().max(1) as u32;
    let svg = chart::timeline_chart(&Timeline {
        title: title.clone(),
        x_range,
        rows,
        size: Size {
            width: WIDTH,
            height,
        },
    });
    out.push(Drawn {
        id: "chart-alerts",
        title,
        svg: draw_or_message(svg),
        timed: true,
    });

    out
}

/// Draws the target sweep: pages, tickets and lowest budget per target.
pub fn draw_sweep(rows: &[SweepOutcome]) -> Drawn {
    let bars: Vec<SweepBar> = rows
        .iter()
        .map(|s| SweepBar {
            label: format!("{}%", format_percent(s.target * 100.0)),
            pages: s.pages as u32,
            tickets: s.tickets as u32,
            min_budget_remaining: s.min_budget_remaining,
        })
        .collect();
    let title = "Target sweep: alerts and lowest budget per target".to_string();
    let svg = chart::sweep_chart(&Sweep {
        title: title.clone(),
        bars,
        size: Size {
            width: WIDTH,
            height: 340,
        },
    });
    Drawn {
        id: "chart-sweep",
        title,
        svg: draw_or_message(svg),
        timed: false,
    }
}

/// The figures of a report at one instant, as read-out phrases.
struct Values {
    sli: Option<String>,
    compliance: Option<String>,
    budget: Option<String>,
    burns: Vec<String>,
    firing: String,
}

fn values_at(r: &Report, slo: &Slo, t: i64) -> Values {
    let burns = r
        .burn
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let a = slo.alerting.alerts.get(i)?;
            let v = value_at(&c.t, &c.v, t)?;
            let s = r.burn_short.get(i).and_then(|s| value_at(&s.t, &s.v, t))?;
            let both = if v > a.factor && s > a.factor {
                ", both above its threshold"
            } else {
                ""
            };
            Some(format!(
                "burn {} over {} and {} over {} (threshold {}{both})",
                factor(v),
                a.long,
                factor(s),
                a.short,
                factor(a.factor)
            ))
        })
        .collect();
    let firing: Vec<String> = r
        .alerts
        .iter()
        .filter(|a| a.start <= t && a.end.is_none_or(|e| t < e))
        .map(|a| alert_label(slo, a.alert_index))
        .collect();
    Values {
        sli: value_at(&r.sli_columns.t, &r.sli_columns.v, t)
            .map(|v| format!("SLI {} (target {}%)", ratio(v), slo.target)),
        compliance: value_at(&r.sli_window.t, &r.sli_window.v, t)
            .map(|v| format!("compliance over the window {}", ratio(v))),
        budget: value_at(&r.budget.t, &r.budget.v, t).map(|v| format!("budget left {}", share(v))),
        burns,
        firing: if firing.is_empty() {
            "no alert firing".into()
        } else {
            format!("firing: {}", firing.join(", "))
        },
    }
}

/// The short label beside the cursor line of one chart.
pub fn tip_for(id: &str, r: &Report, slo: &Slo, t: i64) -> String {
    let v = values_at(r, slo, t);
    let text = match id {
        "chart-sli" => v
            .sli
            .into_iter()
            .chain(v.compliance)
            .collect::<Vec<_>>()
            .join("; "),
        "chart-budget" => v.budget.unwrap_or_default(),
        "chart-burn" => r
            .burn
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let a = slo.alerting.alerts.get(i)?;
                Some(format!("{} {}", a.long, factor(value_at(&c.t, &c.v, t)?)))
            })
            .collect::<Vec<_>>()
            .join(", "),
        "chart-alerts" => v.firing,
        _ => String::new(),
    };
    format!("{}: {text}", when(t))
}

/// Every figure at instant `t`, for the read-out under the slider: a
/// heading line, then one phrase per figure.
pub fn readout(r: &Report, slo: &Slo, t: i64) -> Vec<String> {
    let v = values_at(r, slo, t);
    let mut lines = vec![format!("At {}:", when(t))];
    lines.extend(
        v.sli
            .into_iter()
            .chain(v.compliance)
            .chain(v.budget)
            .chain(v.burns),
    );
    lines.push(v.firing);
    lines
}

/// The slider's step: one chart column, at least a second.
pub fn cursor_step((x0, x1): (i64, i64)) -> i64 {
    ((x1 - x0) / COLUMNS as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::{report, AlertRow, Request};

    const DAY: i64 = 86_400;

    fn replay(sample: &str) -> Report {
        let series = crate::samples::generate(&crate::samples::sample_traffic(sample).unwrap());
        report(
            &series,
            &Request {
                slo: Slo::default(),
                columns: COLUMNS,
                policy_share: 0.2,
                recalibrate_share: 0.9,
                sweep_targets: vec![],
                tiers: Vec::new(),
                label_set: None,
            },
        )
    }

    #[test]
    fn a_chart_column_covers_at_least_a_minute() {
        // 800 px less 78 + 16 px of margins: 706 columns; over 28 days
        // 2,419,200 s / 706 = 3,426.6 s each, 57 whole minutes.
        assert_eq!(COLUMNS, 706);
        assert_eq!(column_minutes((0, 28 * DAY)), 57);
        assert_eq!(column_minutes((0, 600)), 1);
    }

    #[test]
    fn a_report_gets_four_charts_on_the_time_axis() {
        let drawn = draw_all(&replay("steady"), &Slo::default());
        let ids: Vec<&str> = drawn.iter().map(|d| d.id).collect();
        assert_eq!(
            ids,
            ["chart-sli", "chart-budget", "chart-burn", "chart-alerts"]
        );
        assert!(drawn.iter().all(|d| d.timed && d.svg.starts_with("<svg")));
        assert_eq!(drawn[0].title, "SLI against the 99.9% target");
    }

    #[test]
    fn the_timeline_shows_exhausted_budget_only_when_it_ran_out() {
        let timeline = |r: &Report| draw_all(r, &Slo::default())[3].svg.clone();
        // The row label is a text element of its own line; the title has it after "; ".
        assert!(timeline(&replay("outage")).contains(">\nbudget exhausted\n<"));
        assert!(!timeline(&replay("steady")).contains(">\nbudget exhausted\n<"));
    }

    #[test]
    fn the_readout_names_the_alerts_firing_at_that_instant() {
        let mut r = replay("steady");
        r.alerts = vec![AlertRow {
            alert_index: 0,
            severity: Severity::Page,
            factor: 14.4,
            long_seconds: 3600,
            short_seconds: 300,
            start: r.x_range.0 + DAY,
            end: Some(r.x_range.0 + DAY + 600),
            budget_spent_at_fire: 0.1,
            detection_delay: Some(300),
            reset_after: Some(300),
            peak_burn: 20.0,
        }];
        let slo = Slo::default();
        let during = readout(&r, &slo, r.x_range.0 + DAY + 300);
        assert_eq!(during.last().unwrap(), "firing: page 14.4x 1h/5m");
        // The end is exclusive: at the end instant the alert has stopped.
        let after = readout(&r, &slo, r.x_range.0 + DAY + 600);
        assert_eq!(after.last().unwrap(), "no alert firing");
        assert!(after[0].starts_with("At "));
    }

    #[test]
    fn the_cursor_moves_one_column_at_a_time() {
        assert_eq!(cursor_step((0, 7_060)), 10);
        assert_eq!(cursor_step((0, 10)), 1);
    }
}
