//! Charts: SVG text drawn with plotters from plain numbers.
//!
//! Owns the chart kinds the Iteration page shows (time series with threshold
//! rules, an alert timeline on the same time axis, the target sweep), the
//! colour-blind-safe palette (Okabe-Ito) with a dash pattern and a marker
//! shape per series so colour is never the only signal, and downsampling to
//! the pixels a chart has. It knows nothing of the DOM, of simulation or of
//! the SLO model: callers pass numbers and labels, and get SVG text back.
//!
//! Theme: axes and text are drawn in `currentColor` and the background is
//! left transparent, so one SVG works in light and dark pages;
//! `standalone_svg` fixes the colours for a downloaded file. Label text is
//! escaped by the SVG backend (and we escape what we add ourselves).
//!
//! plotters measures text through the page's `window` in Wasm, so charts must
//! be drawn on the main thread (never in a Web Worker).

pub mod downsample;
mod draw;
mod style;

pub use draw::{sweep_chart, time_chart, timeline_chart};
pub use style::{Dash, Marker, Pen, Rgb, OKABE_ITO};

/// Pixel size of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: 800,
            height: 240,
        }
    }
}

/// Left and right margins every time chart shares, so charts stacked on the
/// page line up on one time axis (the cursor overlay relies on it).
pub const PLOT_LEFT: u32 = 78;
pub const PLOT_RIGHT: u32 = 16;

/// The time under a horizontal position over a time chart `width` pixels
/// wide, the position given as a fraction (0 to 1) of the chart's width:
/// for hover read-outs. Positions in the axis margins clamp to the ends.
pub fn time_at(fraction: f64, x_range: (i64, i64), width: u32) -> i64 {
    let plot = f64::from(width.saturating_sub(PLOT_LEFT + PLOT_RIGHT).max(1));
    let f = ((fraction * f64::from(width) - f64::from(PLOT_LEFT)) / plot).clamp(0.0, 1.0);
    x_range.0 + ((x_range.1 - x_range.0) as f64 * f).round() as i64
}

/// Where time `t` sits across a time chart `width` pixels wide, as a
/// fraction of its width: the inverse of [`time_at`], for a cursor line.
pub fn position_of(t: i64, x_range: (i64, i64), width: u32) -> f64 {
    let span = (x_range.1 - x_range.0).max(1) as f64;
    let f = ((t - x_range.0) as f64 / span).clamp(0.0, 1.0);
    let plot = f64::from(width.saturating_sub(PLOT_LEFT + PLOT_RIGHT).max(1));
    (f64::from(PLOT_LEFT) + f * plot) / f64::from(width.max(1))
}

/// How the y axis labels read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YFormat {
    /// Ratio shown as percent with this many decimals (0.999 -> "99.9%").
    Percent(usize),
    /// Burn-rate factor ("14.4x").
    Factor,
}

impl YFormat {
    pub fn format(self, y: f64) -> String {
        match self {
            YFormat::Percent(d) => format!("{:.*}%", d, y * 100.0),
            YFormat::Factor => {
                if y.abs() >= 10.0 {
                    format!("{:.0}x", y)
                } else {
                    format!("{:.1}x", y)
                }
            }
        }
    }
}

/// One series over time. `v` may hold NaN for "no data": the line breaks there.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    pub t: Vec<i64>,
    pub v: Vec<f64>,
    pub pen: Pen,
}

/// A horizontal rule across the plot: a target, a threshold, zero budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub label: String,
    pub y: f64,
    pub pen: Pen,
}

/// A time-series chart. Values outside `y_range` are clipped to its edge.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeChart {
    pub title: String,
    pub x_range: (i64, i64),
    pub y_range: (f64, f64),
    pub y_format: YFormat,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    pub size: Size,
}

/// One row of the alert timeline: when one alert was firing.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub pen: Pen,
    /// Firing intervals; `None` as end means still firing at the end of the data.
    pub spans: Vec<(i64, Option<i64>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub title: String,
    pub x_range: (i64, i64),
    pub rows: Vec<TimelineRow>,
    pub size: Size,
}

/// Outcome of one target in the sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepBar {
    pub label: String,
    pub pages: u32,
    pub tickets: u32,
    /// Lowest budget remaining as a fraction (negative when overspent).
    pub min_budget_remaining: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub title: String,
    pub bars: Vec<SweepBar>,
    pub size: Size,
}

/// A y range that shows `values` and `rules` with a little headroom, never
/// reaching below `floor` or above `ceiling` (values beyond are clipped when
/// drawn). An SLI that dips to 0 during an outage should not squash 99.9%
/// into a flat line, so callers pass a floor some budgets below the target.
pub fn fit_range(values: &[&[f64]], rules: &[f64], floor: f64, ceiling: f64) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values.iter().flat_map(|s| s.iter()).chain(rules) {
        if v.is_finite() {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    if !lo.is_finite() {
        return (floor.max(0.0).min(ceiling), ceiling.min(1.0).max(floor));
    }
    let (lo, hi) = (lo.max(floor), hi.min(ceiling));
    let pad = ((hi - lo) * 0.08).max(1e-9);
    let (a, b) = ((lo - pad).max(floor), (hi + pad).min(ceiling));
    if b > a {
        (a, b)
    } else {
        (a - 1e-6, a + 1e-6)
    }
}

/// Time-axis label: dates for long ranges, hours and minutes for short ones (UTC).
pub fn format_time(t: i64, range_seconds: i64) -> String {
    let Some(u) = crate::ingest::time::utc(t) else {
        return t.to_string();
    };
    let (mo, d, h, mi) = (u.month, u.day, u.hour, u.minute);
    if range_seconds > 3 * 86_400 {
        format!("{:02}-{:02}", mo, d)
    } else if range_seconds > 86_400 {
        format!("{:02}-{:02} {:02}h", mo, d, h)
    } else {
        format!("{:02}:{:02}", h, mi)
    }
}

/// Escapes text for SVG/HTML element content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The SVG as a file of its own: fixed light colours (no `currentColor`, no
/// page stylesheet) and a white background, for "save as SVG" and PNG.
pub fn standalone_svg(svg: &str) -> String {
    let fixed = svg.replace("currentColor", "#1A1A1A");
    match fixed.find('>') {
        Some(end) => {
            let (head, rest) = fixed.split_at(end + 1);
            format!("{head}\n<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>{rest}")
        }
        None => fixed,
    }
}

#[cfg(test)]
mod tests;
