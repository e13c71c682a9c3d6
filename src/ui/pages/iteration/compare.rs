//! Comparing two drafts on the same data: the selected SLO (A) and a variant
//! (B) with another target, window, budgeting method or alert set, side by
//! side, with both budgets on one chart.

use super::format;
use super::Iter;
use crate::ui::components::Term;
use leptos::prelude::*;
use slo_engine::alerting::preset_alerts;
use slo_engine::chart::{self, fit_range, Line, Pen, Rule, Size, TimeChart, YFormat};
use slo_engine::model::{
    AlertPreset, BudgetingMethod, CalendarUnit, Severity, Slo, Span, Target, Window,
};
use slo_engine::worker::Report;

/// The comparison draft as typed: each field "same" or a change.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub target: String,
    /// "same", a number of days (rolling), or "week", "month", "quarter" (calendar, UTC).
    pub window: String,
    pub budgeting: String,
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
        let calendar = |unit| Window::Calendar {
            unit,
            time_zone: "UTC".into(),
        };
        match self.window.as_str() {
            "" | "same" => {}
            "week" => b.window = calendar(CalendarUnit::Week),
            "month" => b.window = calendar(CalendarUnit::Month),
            "quarter" => b.window = calendar(CalendarUnit::Quarter),
            days => {
                let days: u64 = days
                    .parse()
                    .map_err(|_| format!("window B: \"{days}\" is not a number of days"))?;
                if days == 0 || days > 400 {
                    return Err("window B: choose between 1 and 400 days".into());
                }
                b.window = Window::Rolling {
                    span: Span::days(days),
                };
            }
        }
        b.budgeting = match self.budgeting.as_str() {
            "occurrences" => BudgetingMethod::Occurrences,
            "timeslices" => BudgetingMethod::Timeslices {
                slice: Span::minutes(5),
                slice_target: b.target.ratio(),
            },
            "ratio_timeslices" => BudgetingMethod::RatioTimeslices {
                slice: Span::minutes(5),
            },
            _ => b.budgeting,
        };
        b.alerting.alerts = match self.alerts.as_str() {
            "workbook30" => {
                preset_alerts(AlertPreset::Workbook30d, b.window.nominal()).unwrap_or_default()
            }
            "workbook28" => {
                preset_alerts(AlertPreset::Workbook28d, b.window.nominal()).unwrap_or_default()
            }
            "pyrra" => {
                preset_alerts(AlertPreset::PyrraScaled, b.window.nominal()).unwrap_or_default()
            }
            "pages_only" => a
                .alerting
                .alerts
                .iter()
                .filter(|x| x.severity == Severity::Page)
                .copied()
                .collect(),
            "tickets_only" => a
                .alerting
                .alerts
                .iter()
                .filter(|x| x.severity == Severity::Ticket)
                .copied()
                .collect(),
            _ => b.alerting.alerts,
        };
        Ok(b)
    }
}

fn budgeting_text(m: &BudgetingMethod) -> String {
    match m {
        BudgetingMethod::Occurrences => "occurrences".into(),
        BudgetingMethod::Timeslices {
            slice,
            slice_target,
        } => {
            format!(
                "time slices of {slice}, good at {}",
                format::ratio(*slice_target)
            )
        }
        BudgetingMethod::RatioTimeslices { slice } => format!("ratio of {slice} time slices"),
    }
}

fn figures(r: &Report, slo: &Slo) -> Vec<String> {
    let pages = r
        .alerts
        .iter()
        .filter(|a| a.severity == Severity::Page)
        .count();
    let tickets = r.alerts.len() - pages;
    let mut delays: Vec<i64> = r.alerts.iter().filter_map(|a| a.detection_delay).collect();
    delays.sort_unstable();
    vec![
        format!("{}%", slo.target),
        match &slo.window {
            Window::Rolling { span } => format!("{span} rolling"),
            Window::Calendar { unit, .. } => format!("calendar {}", unit.as_str()),
        },
        budgeting_text(&slo.budgeting),
        format!(
            "{} alert{}",
            slo.alerting.alerts.len(),
            if slo.alerting.alerts.len() == 1 {
                ""
            } else {
                "s"
            }
        ),
        format::ratio(r.sli),
        format::share(r.budget_remaining),
        format::share(r.lowest_budget),
        r.exhausted.len().to_string(),
        pages.to_string(),
        tickets.to_string(),
        delays
            .get(delays.len() / 2)
            .map(|d| format::duration(*d))
            .unwrap_or_else(|| "n/a".into()),
        r.timeslices
            .as_ref()
            .map(|s| {
                format!(
                    "{} ({} bad slices)",
                    format::ratio(s.compliance),
                    s.bad_slices
                )
            })
            .unwrap_or_else(|| "n/a".into()),
    ]
}

const ROWS: [&str; 12] = [
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

#[component]
pub fn Compare() -> impl IntoView {
    let it = expect_context::<Iter>();
    let draft = RwSignal::new(Variant::default());
    let error = Memo::new(move |_| it.slo.get().and_then(|a| draft.get().apply(&a).err()));
    let open = move || it.variant.with(|v| v.is_some());
    // An invalid draft B is not replayed: the error says why, and any
    // comparison already shown stays as it was.
    let submit = move |_| {
        if error.get_untracked().is_none() {
            it.variant.set(Some(draft.get_untracked()));
        }
    };

    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&Variant) -> String,
                      set: fn(&mut Variant, String),
                      placeholder: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" placeholder=placeholder prop:value=move || draft.with(get)
                    on:change=move |ev| draft.update(|d| set(d, event_target_value(&ev)))/>
            </div>
        }
    };

    view! {
        <section class="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">"5. Compare with another draft"</h2>
            <p class="hint">"Draft B is the replayed SLO with the changes below (target, "<Term id="window" text="window"/>", "
                <Term id="budgeting-method" text="budgeting method"/>" or alert set); empty fields stay as in draft A."</p>
            <div class="fields">
                {field("b-target", "Target B (%)", |d| d.target.clone(), |d, v| d.target = v, "same as A")}
                <div class="field">
                    <label for="b-window">"Window B"</label>
                    <select id="b-window" prop:value=move || draft.with(|d| d.window.clone())
                        on:change=move |ev| draft.update(|d| d.window = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="7">"7 days, rolling"</option>
                        <option value="28">"28 days, rolling"</option>
                        <option value="30">"30 days, rolling"</option>
                        <option value="90">"90 days, rolling"</option>
                        <option value="week">"calendar week (UTC)"</option>
                        <option value="month">"calendar month (UTC)"</option>
                        <option value="quarter">"calendar quarter (UTC)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="b-budgeting">"Budgeting B"</label>
                    <select id="b-budgeting" prop:value=move || draft.with(|d| d.budgeting.clone())
                        on:change=move |ev| draft.update(|d| d.budgeting = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="occurrences">"occurrences"</option>
                        <option value="timeslices">"time slices (5 min, good at the target)"</option>
                        <option value="ratio_timeslices">"ratio time slices (5 min)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="b-alerts">"Alerts B"</label>
                    <select id="b-alerts" prop:value=move || draft.with(|d| d.alerts.clone())
                        on:change=move |ev| draft.update(|d| d.alerts = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="workbook30">"SRE Workbook, 30 days"</option>
                        <option value="workbook28">"SRE Workbook, 28 days"</option>
                        <option value="pyrra">"Pyrra, scaled to window B"</option>
                        <option value="pages_only">"A's page alerts only"</option>
                        <option value="tickets_only">"A's ticket alerts only"</option>
                    </select>
                </div>
            </div>
            <div class="row">
                <button id="compare-run" class="primary" on:click=submit>"Compare"</button>
                {move || open().then(|| view! { <button on:click=move |_| it.variant.set(None)>"Close the comparison"</button> })}
            </div>
            {move || error.get().map(|e| view! { <p class="error" id="compare-error" role="alert">{e}</p> })}
            {move || {
                let (Some(ra), Some(rb), Some(a), Some(b)) = (it.engine.reports[0].get(), it.engine.reports[1].get(), it.slo.get(), it.slo_b.get()) else {
                    let replaying = open() && it.slo_b.with(|b| b.is_some());
                    return replaying.then(|| view! { <p class="hint">"Replaying draft B..."</p> }.into_any());
                };
                let fa = figures(&ra, &a);
                let fb = figures(&rb, &b);
                let svg = chart::time_chart(&TimeChart {
                    title: "Budget remaining: draft A and draft B".into(),
                    x_range: ra.x_range,
                    y_range: fit_range(&[&ra.budget.v, &rb.budget.v], &[0.0, 1.0], -1.0, 1.0),
                    y_format: YFormat::Percent(0),
                    lines: vec![
                        Line { label: format!("A: {}%", a.target), t: ra.budget.t.clone(), v: ra.budget.v.clone(), pen: Pen::series(0) },
                        Line { label: format!("B: {}%", b.target), t: rb.budget.t.clone(), v: rb.budget.v.clone(), pen: Pen::series(1) },
                    ],
                    rules: vec![Rule { label: "exhausted".into(), y: 0.0, pen: Pen::rule() }],
                    size: Size { width: 800, height: 250 },
                })
                .unwrap_or_default();
                Some(view! {
                    <table class="compare-table" id="compare-table">
                        <caption>"Draft A and draft B on the same data"</caption>
                        <thead><tr><th scope="col">"Figure"</th><th scope="col">"Draft A"</th><th scope="col">"Draft B"</th></tr></thead>
                        <tbody>
                            {ROWS.iter().zip(fa.into_iter().zip(fb)).map(|(name, (x, y))| {
                                let changed = x != y;
                                view! { <tr class:changed=changed><th scope="row">{*name}</th><td>{x}</td><td>{y}{changed.then_some(" *")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">"* differs from draft A"</p>
                    <figure class="chart" id="chart-compare"><div class="chart-svg" inner_html=svg></div></figure>
                }.into_any())
            }}
        </section>
    }
}
