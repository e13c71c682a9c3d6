//! Drawing each chart kind with plotters into an SVG string.

use super::downsample::{finite_runs, min_max_per_column};
use super::style::{Inks, Pen, FOREGROUND};
use super::{format_time, Marker, Sweep, TimeChart, Timeline, PLOT_LEFT, PLOT_RIGHT};
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::{RangedCoordf64, RangedCoordi64};
use plotters::coord::Shift;
use plotters::prelude::*;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Height of the title line above the plot; each legend row adds `LEGEND_ROW`.
const TITLE: u32 = 22;
const LEGEND_ROW: u32 = 18;
/// Height of the x-axis label area.
const X_LABELS: u32 = 24;
const FONT: &str = "sans-serif";

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart drawing failed: {e:?}")
}

fn widen_x((a, b): (i64, i64)) -> (i64, i64) {
    if b > a {
        (a, b)
    } else {
        (a, a.saturating_add(60))
    }
}

fn widen_y((a, b): (f64, f64)) -> (f64, f64) {
    match (a.is_finite(), b.is_finite()) {
        (true, true) if b > a => (a, b),
        (true, _) => (a - 0.5, a + 0.5),
        _ => (0.0, 1.0),
    }
}

/// Tick positions on round time boundaries (minutes, hours, days, weeks), at most `max`.
pub(crate) fn time_ticks((x0, x1): (i64, i64), max: usize) -> Vec<i64> {
    const STEPS: [i64; 14] = [
        60,
        300,
        900,
        1800,
        3600,
        3 * 3600,
        6 * 3600,
        12 * 3600,
        86_400,
        2 * 86_400,
        7 * 86_400,
        14 * 86_400,
        28 * 86_400,
        91 * 86_400,
    ];
    let range = (x1 - x0).max(1);
    let step = STEPS
        .iter()
        .copied()
        .find(|s| range / s < max as i64)
        .unwrap_or(range);
    let first = x0.div_euclid(step) * step + if x0.rem_euclid(step) == 0 { 0 } else { step };
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= x1 && ticks.len() <= max {
        ticks.push(t);
        t += step;
    }
    ticks
}

/// Estimated legend entry width: sample line, gap, text (7 px a character
/// at 12 px; SVG text cannot be measured natively) and spacing.
fn entry_width(label: &str) -> i32 {
    34 + 7 * label.chars().count() as i32 + 18
}

/// Legend entries laid out in rows that fit `width`; returns (row, x) per entry.
pub(crate) fn legend_layout(entries: &[(&str, Pen)], width: u32) -> Vec<(u32, i32)> {
    let right = (width.saturating_sub(PLOT_RIGHT)) as i32;
    let mut row = 0;
    let mut x = PLOT_LEFT as i32;
    entries
        .iter()
        .map(|(label, _)| {
            let w = entry_width(label);
            if x + w > right && x > PLOT_LEFT as i32 {
                row += 1;
                x = PLOT_LEFT as i32;
            }
            let at = (row, x);
            x += w;
            at
        })
        .collect()
}

/// Draws the title and the legend rows; returns the height they take.
fn draw_head(
    root: &Area,
    title: &str,
    entries: &[(&str, Pen)],
    inks: &mut Inks,
) -> Result<u32, String> {
    let fg = FOREGROUND.plotters();
    let title_style = (FONT, 19).into_font().style(FontStyle::Bold).color(&fg);
    root.draw(&Text::new(title.to_string(), (8, 4), title_style))
        .map_err(err)?;
    let label_style = (FONT, 15).into_font().color(&fg);
    let layout = legend_layout(entries, root.dim_in_pixel().0);
    for ((label, pen), (row, x)) in entries.iter().zip(&layout) {
        let y = (TITLE + LEGEND_ROW / 2 + row * LEGEND_ROW) as i32;
        let c = inks.token(pen).plotters();
        root.draw(&PathElement::new(
            vec![(*x, y), (x + 28, y)],
            c.stroke_width(pen.width.max(2)),
        ))
        .map_err(err)?;
        draw_marker(
            root,
            (x + 14, y),
            pen.marker,
            inks.token(&pen.with_dash(super::Dash::Solid)).plotters(),
        )?;
        root.draw(&Text::new(
            label.to_string(),
            (x + 34, y - 7),
            label_style.clone(),
        ))
        .map_err(err)?;
    }
    let rows = layout.last().map(|(r, _)| r + 1).unwrap_or(0);
    Ok(TITLE + rows * LEGEND_ROW + if rows > 0 { 2 } else { 0 })
}

fn draw_marker(root: &Area, (x, y): (i32, i32), marker: Marker, c: RGBColor) -> Result<(), String> {
    let style = c.filled();
    match marker {
        Marker::None => Ok(()),
        Marker::Circle => root.draw(&Circle::new((x, y), 4, style)).map(|_| ()),
        Marker::Triangle => root
            .draw(&TriangleMarker::new((x, y), 5, style))
            .map(|_| ()),
        Marker::Square => root
            .draw(&Rectangle::new([(x - 4, y - 4), (x + 4, y + 4)], style))
            .map(|_| ()),
        Marker::Cross => root
            .draw(&Cross::new((x, y), 4, c.stroke_width(2)))
            .map(|_| ()),
    }
    .map_err(err)
}

/// A time series chart; see [`TimeChart`].
type TimePlot<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<WithKeyPoints<RangedCoordi64>, RangedCoordf64>>;

/// The plot area of every chart with a time axis: the same margins, label
/// areas and time ticks, so charts stacked on a page line up.
fn time_plot<'a, 'b>(
    body: &'a Area<'b>,
    (x0, x1): (i64, i64),
    y: std::ops::Range<f64>,
) -> Result<TimePlot<'a, 'b>, String> {
    ChartBuilder::on(body)
        .margin_right(PLOT_RIGHT)
        .margin_top(4)
        .x_label_area_size(X_LABELS)
        .y_label_area_size(PLOT_LEFT)
        .build_cartesian_2d((x0..x1).with_key_points(time_ticks((x0, x1), 8)), y)
        .map_err(err)
}

pub fn time_chart(c: &TimeChart) -> Result<String, String> {
    let mut inks = Inks::default();
    let mut buf = String::new();
    let (x0, x1) = widen_x(c.x_range);
    let (y0, y1) = widen_y(c.y_range);
    let columns = c.size.width.saturating_sub(PLOT_LEFT + PLOT_RIGHT).max(1) as usize;
    {
        let root =
            SVGBackend::with_string(&mut buf, (c.size.width, c.size.height)).into_drawing_area();
        let entries: Vec<(&str, Pen)> = c
            .lines
            .iter()
            .map(|l| (l.label.as_str(), l.pen))
            .chain(c.rules.iter().map(|r| (r.label.as_str(), r.pen)))
            .collect();
        let head = draw_head(&root, &c.title, &entries, &mut inks)?;
        let (_, body) = root.split_vertically(head);
        let mut chart = time_plot(&body, (x0, x1), y0..y1)?;
        let fg = FOREGROUND.plotters();
        let range = x1 - x0;
        let fmt_x = move |x: &i64| format_time(*x, range);
        let y_format = c.y_format;
        let fmt_y = move |y: &f64| y_format.format(*y);
        chart
            .configure_mesh()
            .x_labels(10)
            .y_labels(5)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .axis_style(fg)
            .bold_line_style(fg.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 15).into_font().color(&fg))
            .draw()
            .map_err(err)?;

        for rule in &c.rules {
            if rule.y.is_finite() && rule.y >= y0 && rule.y <= y1 {
                let ink = inks.token(&rule.pen).plotters();
                chart
                    .draw_series(LineSeries::new(
                        [(x0, rule.y), (x1, rule.y)],
                        ink.stroke_width(rule.pen.width),
                    ))
                    .map_err(err)?;
            }
        }
        for line in &c.lines {
            let ink = inks.token(&line.pen).plotters();
            // Markers are drawn solid even on a dashed line.
            let marker_ink = inks
                .token(&line.pen.with_dash(super::Dash::Solid))
                .plotters();
            let reduced = min_max_per_column(&line.t, &line.v, (x0, x1), columns);
            let runs = finite_runs(&reduced.t, &reduced.v);
            for run in &runs {
                let clipped = run.iter().map(|&(t, v)| (t, v.clamp(y0, y1)));
                if run.len() == 1 {
                    let p = chart.backend_coord(&(run[0].0, run[0].1.clamp(y0, y1)));
                    root.draw(&Circle::new(p, 2, ink.filled())).map_err(err)?;
                } else {
                    chart
                        .draw_series(LineSeries::new(clipped, ink.stroke_width(line.pen.width)))
                        .map_err(err)?;
                }
            }
            // A few markers along the line, evenly spaced in time, carry its shape.
            if line.pen.marker != Marker::None {
                let points: Vec<(i64, f64)> = runs.into_iter().flatten().collect();
                for k in 0..6usize {
                    let at = x0 + ((x1 - x0) as i128 * (2 * k as i128 + 1) / 12) as i64;
                    let idx = points.partition_point(|p| p.0 < at);
                    if let Some(&(t, v)) = points.get(idx) {
                        let p = chart.backend_coord(&(t, v.clamp(y0, y1)));
                        draw_marker(&root, p, line.pen.marker, marker_ink)?;
                    }
                }
            }
        }
        root.present().map_err(err)?;
    }
    Ok(inks.finish(&buf, &c.title))
}

/// The alert timeline: one row per alert, bars where it was firing.
pub fn timeline_chart(c: &Timeline) -> Result<String, String> {
    let mut inks = Inks::default();
    let mut buf = String::new();
    let (x0, x1) = widen_x(c.x_range);
    let rows = c.rows.len().max(1) as f64;
    let plot_width = c.size.width.saturating_sub(PLOT_LEFT + PLOT_RIGHT).max(1) as i64;
    // Bars at least two pixels wide, so a one-minute alert in a month is still seen.
    let min_width = ((x1 - x0) / plot_width * 2).max(1);
    {
        let root =
            SVGBackend::with_string(&mut buf, (c.size.width, c.size.height)).into_drawing_area();
        let entries: Vec<(&str, Pen)> = Vec::new();
        let head = draw_head(&root, &c.title, &entries, &mut inks)?;
        let (_, body) = root.split_vertically(head);
        let mut chart = time_plot(&body, (x0, x1), 0.0..rows)?;
        let fg = FOREGROUND.plotters();
        let range = x1 - x0;
        let fmt_x = move |x: &i64| format_time(*x, range);
        chart
            .configure_mesh()
            .x_labels(10)
            .y_labels(0)
            .disable_y_mesh()
            .x_label_formatter(&fmt_x)
            .axis_style(fg)
            .bold_line_style(fg.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 15).into_font().color(&fg))
            .draw()
            .map_err(err)?;
        let label_style = (FONT, 15).into_font().color(&fg);
        for (i, row) in c.rows.iter().enumerate() {
            let top = rows - i as f64;
            let ink = inks.token(&row.pen).plotters();
            let marker_ink = inks
                .token(&row.pen.with_dash(super::Dash::Solid))
                .plotters();
            let label_at = chart.backend_coord(&(x0, top - 0.08));
            root.draw(&Text::new(
                row.label.clone(),
                (label_at.0 + 4, label_at.1),
                label_style.clone(),
            ))
            .map_err(err)?;
            let fill = if row.pen.dash == super::Dash::Solid {
                0.85
            } else {
                0.3
            };
            for &(start, end) in &row.spans {
                let s = start.clamp(x0, x1);
                let e = end.unwrap_or(x1).clamp(x0, x1).max(s + min_width);
                let rect = [(s, top - 0.85), (e, top - 0.45)];
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        rect,
                        ink.mix(fill).filled(),
                    )))
                    .map_err(err)?;
                chart
                    .draw_series(std::iter::once(Rectangle::new(rect, ink.stroke_width(2))))
                    .map_err(err)?;
                let p = chart.backend_coord(&(s, top - 0.65));
                draw_marker(&root, p, row.pen.marker, marker_ink)?;
            }
        }
        if c.rows.is_empty() {
            let p = chart.backend_coord(&(x0, 0.6));
            root.draw(&Text::new(
                "No alert would have fired.",
                (p.0 + 8, p.1),
                label_style,
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(inks.finish(&buf, &c.title))
}

/// The target sweep: pages and tickets per target above, lowest budget remaining below.
pub fn sweep_chart(c: &Sweep) -> Result<String, String> {
    let mut inks = Inks::default();
    let mut buf = String::new();
    let n = c.bars.len().max(1);
    // Pages solid vermillion with triangles, tickets dashed blue with squares,
    // as on the alert timeline.
    let page_pen = Pen::series(3)
        .with_dash(super::Dash::Solid)
        .with_marker(Marker::Triangle);
    let ticket_pen = Pen::series(0)
        .with_dash(super::Dash::Dashed)
        .with_marker(Marker::Square);
    let budget_pen = Pen::series(2).with_dash(super::Dash::Solid);
    {
        let root =
            SVGBackend::with_string(&mut buf, (c.size.width, c.size.height)).into_drawing_area();
        let entries = [
            ("pages", page_pen),
            ("tickets", ticket_pen),
            ("lowest budget remaining", budget_pen),
        ];
        let head = draw_head(&root, &c.title, &entries, &mut inks)?;
        let (_, body) = root.split_vertically(head);
        let (upper, lower) = body.split_vertically(body.dim_in_pixel().1 / 2);
        let fg = FOREGROUND.plotters();
        // Categories on an integer axis, 100 units each, labelled at their centres.
        let centres: Vec<i64> = (0..n as i64).map(|i| i * 100 + 50).collect();
        let labels: Vec<String> = c.bars.iter().map(|b| b.label.clone()).collect();
        let fmt_x = move |x: &i64| {
            labels
                .get((x.max(&0) / 100) as usize)
                .cloned()
                .unwrap_or_default()
        };
        let label_style = (FONT, 14).into_font().color(&fg);

        let max_count = c
            .bars
            .iter()
            .map(|b| b.pages.max(b.tickets))
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let mut top = ChartBuilder::on(&upper)
            .margin_right(PLOT_RIGHT)
            .margin_top(4)
            .x_label_area_size(4)
            .y_label_area_size(PLOT_LEFT)
            .build_cartesian_2d(
                (0..n as i64 * 100).with_key_points(centres.clone()),
                0.0..max_count * 1.2,
            )
            .map_err(err)?;
        top.configure_mesh()
            .x_label_formatter(&|_| String::new())
            .y_labels(4)
            .y_desc("alerts")
            .y_label_formatter(&|y| format!("{:.0}", y))
            .axis_style(fg)
            .bold_line_style(fg.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 15).into_font().color(&fg))
            .draw()
            .map_err(err)?;
        let page_ink = inks.token(&page_pen).plotters();
        let ticket_ink = inks.token(&ticket_pen).plotters();
        for (i, b) in c.bars.iter().enumerate() {
            let x = i as i64 * 100;
            for (lo, hi, count, ink, fill) in [
                (x + 12, x + 47, b.pages, page_ink, 0.85),
                (x + 53, x + 88, b.tickets, ticket_ink, 0.3),
            ] {
                let rect = [(lo, 0.0), (hi, count as f64)];
                top.draw_series([Rectangle::new(rect, ink.mix(fill).filled())])
                    .map_err(err)?;
                top.draw_series([Rectangle::new(rect, ink.stroke_width(2))])
                    .map_err(err)?;
                let p = top.backend_coord(&((lo + hi) / 2, count as f64));
                root.draw(&Text::new(
                    count.to_string(),
                    (p.0 - 4, p.1 - 14),
                    label_style.clone(),
                ))
                .map_err(err)?;
            }
        }

        let budgets: Vec<f64> = c
            .bars
            .iter()
            .map(|b| b.min_budget_remaining.clamp(-1.0, 1.0))
            .collect();
        let lo = budgets.iter().copied().fold(0.0f64, f64::min) - 0.1;
        let hi = budgets.iter().copied().fold(0.0f64, f64::max) + 0.15;
        let mut bottom = ChartBuilder::on(&lower)
            .margin_right(PLOT_RIGHT)
            .margin_top(20)
            .x_label_area_size(X_LABELS)
            .y_label_area_size(PLOT_LEFT)
            .build_cartesian_2d((0..n as i64 * 100).with_key_points(centres), lo..hi)
            .map_err(err)?;
        bottom
            .configure_mesh()
            .x_labels(n + 1)
            .y_labels(4)
            .y_desc("budget left")
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&|y| crate::format::share(*y))
            .axis_style(fg)
            .bold_line_style(fg.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 15).into_font().color(&fg))
            .draw()
            .map_err(err)?;
        bottom
            .draw_series(LineSeries::new(
                [(0, 0.0), (n as i64 * 100, 0.0)],
                fg.stroke_width(1),
            ))
            .map_err(err)?;
        let budget_ink = inks.token(&budget_pen).plotters();
        for (i, (b, v)) in c.bars.iter().zip(&budgets).enumerate() {
            let x = i as i64 * 100;
            let rect = [(x + 25, 0.0), (x + 75, *v)];
            bottom
                .draw_series([Rectangle::new(rect, budget_ink.mix(0.8).filled())])
                .map_err(err)?;
            let p = bottom.backend_coord(&(x + 50, v.max(0.0)));
            let text = crate::format::share(b.min_budget_remaining);
            root.draw(&Text::new(text, (p.0 - 12, p.1 - 14), label_style.clone()))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(inks.finish(&buf, &c.title))
}
