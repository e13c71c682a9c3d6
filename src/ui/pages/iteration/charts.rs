//! The charts: SLI against target, budget remaining, burn rate per alert
//! window with its threshold, the alert timeline on the same time axis, and
//! the target sweep. A slider over time (and the mouse over any chart) reads
//! out the values at one instant; each chart saves as SVG or PNG.

use super::format;
use super::Iter;
use leptos::prelude::*;
use slo_engine::chart::downsample::value_at;
use slo_engine::chart::{
    self, fit_range, standalone_svg, Dash, Line, Marker, Pen, Rule, Size, Sweep, SweepBar,
    TimeChart, Timeline, TimelineRow, YFormat, OKABE_ITO,
};
use slo_engine::model::{format_percent, Severity, Slo};
use slo_engine::worker::{Report, SweepOutcome};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const WIDTH: u32 = 800;

/// One drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub id: &'static str,
    pub title: String,
    pub svg: String,
    /// Whether its x axis is the shared time axis (the cursor applies).
    pub timed: bool,
}

pub fn page_pen() -> Pen {
    Pen {
        color: OKABE_ITO[3].1,
        dash: Dash::Solid,
        marker: Marker::Triangle,
        width: 2,
    }
}
pub fn ticket_pen() -> Pen {
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
            format::factor(a.factor),
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
    ((x1 - x0) / super::COLUMNS as i64 / 60).max(1)
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
            label: format!("SLI per {}", format::duration(column_minutes(x_range) * 60)),
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
        slo_engine::model::Window::Rolling { span } => format!("{span} rolling window"),
        slo_engine::model::Window::Calendar { unit, .. } => {
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
            label: format!("{} threshold", format::factor(a.factor)),
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

#[component]
pub fn Charts() -> impl IntoView {
    let it = expect_context::<Iter>();
    let report = it.engine.reports[0];
    let drawn = Memo::new(move |_| {
        let r = report.get()?;
        let slo = it.slo.get()?;
        Some(Arc::new(draw_all(&r, &slo)))
    });
    let swept = Memo::new(move |_| it.engine.sweep.get().map(|rows| draw_sweep(&rows)));
    let x_range = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.x_range)));

    view! {
        <section class="charts" aria-labelledby="charts-h">
            <h2 id="charts-h">"3. Charts"</h2>
            <Cursor/>
            {move || match drawn.get() {
                None => view! { <p class="hint">"Replaying..."</p> }.into_any(),
                Some(list) => list.iter().cloned().map(|d| view! { <Figure d=d x_range=x_range/> }).collect_view().into_any(),
            }}
            {move || match swept.get() {
                None => view! { <p class="hint">"Sweeping targets..."</p> }.into_any(),
                Some(d) => view! { <Figure d=d x_range=x_range/> }.into_any(),
            }}
        </section>
    }
}

/// One chart with its cursor line and save buttons.
#[component]
fn Figure(d: Drawn, x_range: Memo<Option<(i64, i64)>>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let timed = d.timed;
    let id = d.id;
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let (Some(range), true) = (x_range.get_untracked(), timed) else {
            return;
        };
        let Some(target) = ev.current_target() else {
            return;
        };
        let el: web_sys::Element = target.unchecked_into();
        let rect = el.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let f = (f64::from(ev.client_x()) - rect.left()) / rect.width();
            it.cursor.set(Some(chart::time_at(f, range, WIDTH)));
        }
    };
    let title = d.title.clone();
    let file = d.id.trim_start_matches("chart-").to_string();
    let file_png = file.clone();
    let svg_for_save = d.svg.clone();
    let svg_for_png = d.svg.clone();
    view! {
        <figure class="chart" id=d.id>
            <div class="chart-frame" on:mousemove=on_move>
                <div class="chart-svg" inner_html=d.svg></div>
                {move || timed.then(|| it.cursor.get().zip(x_range.get()).map(|(t, range)| {
                    let at = chart::position_of(t, range, WIDTH) * 100.0;
                    // The read-out under the slider says the same for screen readers.
                    let tip = match (it.engine.reports[0].get(), it.slo.get()) {
                        (Some(r), Some(slo)) => tip_for(id, &r, &slo, t),
                        _ => String::new(),
                    };
                    let side = if at > 60.0 { format!("right:{:.3}%", 100.0 - at) } else { format!("left:{at:.3}%") };
                    view! {
                        <div class="cursor-line" aria-hidden="true" style=format!("left:{at:.3}%")></div>
                        <div class="cursor-tip" aria-hidden="true" style=side>{tip}</div>
                    }
                })).flatten()}
            </div>
            <figcaption>
                // Names start with the visible words, so "click Save SVG" works for voice control.
                <span>{title.clone()}</span>
                <button aria-label=format!("Save SVG: {title}")
                    on:click=move |_| download_text(&format!("{file}.svg"), &standalone_svg(&svg_for_save), "image/svg+xml")>
                    "Save SVG"
                </button>
                <button aria-label=format!("Save PNG: {title}")
                    on:click=move |_| save_png(&format!("{file_png}.png"), &standalone_svg(&svg_for_png))>
                    "Save PNG"
                </button>
            </figcaption>
        </figure>
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
                format::factor(v),
                a.long,
                format::factor(s),
                a.short,
                format::factor(a.factor)
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
            .map(|v| format!("SLI {} (target {}%)", format::ratio(v), slo.target)),
        compliance: value_at(&r.sli_window.t, &r.sli_window.v, t)
            .map(|v| format!("compliance over the window {}", format::ratio(v))),
        budget: value_at(&r.budget.t, &r.budget.v, t)
            .map(|v| format!("budget left {}", format::share(v))),
        burns,
        firing: if firing.is_empty() {
            "no alert firing".into()
        } else {
            format!("firing: {}", firing.join(", "))
        },
    }
}

/// The short label beside the cursor line of one chart.
fn tip_for(id: &str, r: &Report, slo: &Slo, t: i64) -> String {
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
                Some(format!(
                    "{} {}",
                    a.long,
                    format::factor(value_at(&c.t, &c.v, t)?)
                ))
            })
            .collect::<Vec<_>>()
            .join(", "),
        "chart-alerts" => v.firing,
        _ => String::new(),
    };
    format!("{}: {text}", format::when(t))
}

/// The slider over time and the read-out of every figure at that time.
#[component]
fn Cursor() -> impl IntoView {
    let it = expect_context::<Iter>();
    let report = it.engine.reports[0];
    let readout = move || -> Option<Vec<String>> {
        let r = report.get()?;
        let slo = it.slo.get()?;
        let t = it.cursor.get().unwrap_or(r.x_range.1);
        let v = values_at(&r, &slo, t);
        let mut lines = vec![format!("At {}:", format::when(t))];
        lines.extend(
            v.sli
                .into_iter()
                .chain(v.compliance)
                .chain(v.budget)
                .chain(v.burns),
        );
        lines.push(v.firing);
        Some(lines)
    };
    view! {
        {move || report.get().map(|r| {
            let (x0, x1) = r.x_range;
            let step = ((x1 - x0) / super::COLUMNS as i64).max(1);
            view! {
                <div class="cursor-control">
                    <label for="time-cursor">"Read values at a time (arrow keys move, or hover a chart)"</label>
                    <input id="time-cursor" type="range" min=x0.to_string() max=x1.to_string() step=step.to_string()
                        prop:value=move || it.cursor.get().unwrap_or(x1).to_string()
                        aria-valuetext=move || format::when(it.cursor.get().unwrap_or(x1))
                        on:input=move |ev| it.cursor.set(event_target_value(&ev).parse().ok())/>
                </div>
            }
        })}
        <output id="cursor-readout" for="time-cursor" class="readout" aria-live="polite">
            {move || readout().map(|lines| {
                let mut it = lines.into_iter();
                let head = it.next().unwrap_or_default();
                view! { <strong>{head}</strong>" "{it.collect::<Vec<_>>().join("; ")} }
            })}
        </output>
    }
}

/// Offers text as a file download.
pub fn download_text(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_link(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn click_link(name: &str, href: &str) {
    let Ok(a) = document().create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
}

/// Draws the SVG on a canvas at twice its size and offers the PNG.
fn save_png(name: &str, svg: &str) {
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let scale = 2u32;
        let Ok(canvas) = document().create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(w * scale);
        canvas.set_height(h * scale);
        if let Ok(Some(ctx)) = canvas.get_context("2d") {
            let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
            let _ = ctx.scale(f64::from(scale), f64::from(scale));
            let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
            if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                click_link(&name, &data);
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
