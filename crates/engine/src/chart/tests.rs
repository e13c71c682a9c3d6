//! Snapshot-ish checks: each chart holds the series it was given, in the pen
//! it was given, and the same numbers always give the same bytes.

use super::*;

const DAY: i64 = 86_400;
const START: i64 = 1_791_158_400; // 2026-10-05T00:00:00Z

fn sli_chart(n: usize) -> TimeChart {
    let t: Vec<i64> = (0..n as i64).map(|i| START + i * 60).collect();
    let v: Vec<f64> = (0..n)
        .map(|i| if i % 1000 == 500 { 0.95 } else { 0.9995 })
        .collect();
    TimeChart {
        title: "SLI against target".into(),
        x_range: (START, START + (n as i64 - 1) * 60),
        y_range: (0.99, 1.0),
        y_format: YFormat::Percent(2),
        lines: vec![Line {
            label: "SLI (1h)".into(),
            t,
            v,
            pen: Pen::series(0),
        }],
        rules: vec![Rule {
            label: "target 99.9%".into(),
            y: 0.999,
            pen: Pen::rule(),
        }],
        size: Size::default(),
    }
}

/// plotters writes text content on a line of its own.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn time_chart_draws_the_series_in_its_palette_colour_and_the_target_dashed() {
    let svg = time_chart(&sli_chart(2_000)).unwrap();
    assert!(
        svg.starts_with("<svg class=\"slo-chart\" role=\"img\" aria-label=\"SLI against target\"")
    );
    assert!(svg.contains("<title>SLI against target</title>"));
    assert!(
        svg.contains("stroke=\"#0072B2\""),
        "the SLI line is Okabe-Ito blue"
    );
    assert!(
        svg.contains("stroke=\"currentColor\" stroke-dasharray=\"8 4\""),
        "the target rule is dashed"
    );
    assert!(
        has_text(&svg, "SLI (1h)") && has_text(&svg, "target 99.9%"),
        "legend names both"
    );
    assert!(
        has_text(&svg, "99.50%") && has_text(&svg, "100.00%"),
        "y labels read as percent"
    );
    assert!(
        has_text(&svg, "10-05 12h") || has_text(&svg, "10-05 06h") || has_text(&svg, "00:00"),
        "x labels read as times"
    );
    assert!(
        !svg.contains("#010101"),
        "the foreground sentinel is replaced by currentColor"
    );
}

#[test]
fn the_same_numbers_give_the_same_svg() {
    assert_eq!(
        time_chart(&sli_chart(3_000)).unwrap(),
        time_chart(&sli_chart(3_000)).unwrap()
    );
}

#[test]
fn svg_size_does_not_grow_with_the_row_count() {
    let small = time_chart(&sli_chart(20_000)).unwrap().len();
    let large = time_chart(&sli_chart(400_000)).unwrap().len();
    assert!(
        large < small * 2,
        "{small} bytes for 20k rows, {large} for 400k"
    );
}

#[test]
fn values_outside_the_range_are_clipped_to_the_plot() {
    let mut c = sli_chart(100);
    c.lines[0].v[50] = 0.0;
    let svg = time_chart(&c).unwrap();
    // Every polyline point lies within the 240 px high image.
    for pts in svg.split("points=\"").skip(1) {
        let pts = &pts[..pts.find('"').unwrap()];
        for pair in pts.split_whitespace() {
            let y: i32 = pair.split(',').nth(1).unwrap().parse().unwrap();
            assert!((0..=240).contains(&y), "point {pair} escapes the chart");
        }
    }
}

#[test]
fn a_gap_in_the_data_breaks_the_line_in_two() {
    let mut c = sli_chart(200);
    for v in &mut c.lines[0].v[80..120] {
        *v = f64::NAN;
    }
    let svg = time_chart(&c).unwrap();
    // The legend's sample line plus two runs of the series.
    assert_eq!(
        count(
            &svg,
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#0072B2\""
        ),
        1 + 2
    );
}

#[test]
fn label_text_is_escaped() {
    let mut c = sli_chart(10);
    c.title = "<script>alert(1)</script> & \"x\"".into();
    c.lines[0].label = "</text><script>".into();
    let svg = time_chart(&c).unwrap();
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    assert!(has_text(&svg, "&lt;/text&gt;&lt;script&gt;"));
}

#[test]
fn second_series_differs_by_dash_and_marker_not_only_colour() {
    let mut c = sli_chart(500);
    let mut second = c.lines[0].clone();
    second.label = "SLI (6h)".into();
    second.pen = Pen::series(1);
    c.lines.push(second);
    let svg = time_chart(&c).unwrap();
    assert!(
        svg.contains("stroke=\"#E69F00\" stroke-dasharray=\"8 4\""),
        "orange series is dashed"
    );
    assert!(svg.contains("<circle"), "first series carries circles");
    assert!(svg.contains("<polygon"), "second series carries triangles");
}

#[test]
fn timeline_draws_one_bar_per_firing_and_runs_open_alerts_to_the_end() {
    let tl = Timeline {
        title: "Alerts".into(),
        x_range: (START, START + 10 * DAY),
        rows: vec![
            TimelineRow {
                label: "page 14.4x 1h/5m".into(),
                pen: Pen::series(3),
                spans: vec![
                    (START + DAY, Some(START + DAY + 3600)),
                    (START + 5 * DAY, None),
                ],
            },
            TimelineRow {
                label: "ticket 1x 3d/6h".into(),
                pen: Pen::series(0).with_dash(Dash::Dashed),
                spans: vec![(START + 2 * DAY, Some(START + 4 * DAY))],
            },
        ],
        size: Size {
            width: 800,
            height: 180,
        },
    };
    let svg = timeline_chart(&tl).unwrap();
    assert!(has_text(&svg, "page 14.4x 1h/5m") && has_text(&svg, "ticket 1x 3d/6h"));
    // Each span is a filled rect and an outline in the row's colour.
    assert_eq!(
        count(&svg, "fill=\"none\" stroke=\"#D55E00\""),
        2,
        "two page outlines"
    );
    assert!(
        svg.contains("fill=\"none\" stroke=\"#0072B2\" stroke-dasharray=\"8 4\""),
        "tickets are outlined dashed"
    );
    assert_eq!(timeline_chart(&tl).unwrap(), svg);
}

#[test]
fn an_empty_timeline_says_no_alert_fired() {
    let tl = Timeline {
        title: "Alerts".into(),
        x_range: (START, START + DAY),
        rows: vec![],
        size: Size::default(),
    };
    assert!(has_text(
        &timeline_chart(&tl).unwrap(),
        "No alert would have fired."
    ));
}

#[test]
fn sweep_chart_shows_each_target_with_its_counts_and_budget() {
    let sweep = Sweep {
        title: "Target sweep".into(),
        bars: vec![
            SweepBar {
                label: "99%".into(),
                pages: 0,
                tickets: 1,
                min_budget_remaining: 0.62,
            },
            SweepBar {
                label: "99.9%".into(),
                pages: 3,
                tickets: 5,
                min_budget_remaining: -0.4,
            },
        ],
        size: Size {
            width: 600,
            height: 320,
        },
    };
    let svg = sweep_chart(&sweep).unwrap();
    for text in ["99%", "99.9%", "3", "5", "62%", "-40%"] {
        assert!(has_text(&svg, text), "missing {text}");
    }
    assert_eq!(sweep_chart(&sweep).unwrap(), svg);
}

#[test]
fn time_ticks_fall_on_round_boundaries() {
    let ticks = draw::time_ticks((START + 100, START + 7 * DAY), 8);
    assert_eq!(ticks.first(), Some(&(START + DAY)));
    assert!(ticks.iter().all(|t| t % DAY == 0));
    let hours = draw::time_ticks((START, START + 6 * 3600), 8);
    assert!(hours.iter().all(|t| t % 3600 == 0) && hours.len() == 7);
}

#[test]
fn fit_range_holds_values_and_rules_within_floor_and_ceiling() {
    let v = [0.9995, 0.9990, 0.0];
    let (lo, hi) = fit_range(&[&v], &[0.999], 0.99, 1.0);
    assert_eq!(lo, 0.99, "the outage's zero is clipped to the floor");
    assert_eq!(hi, 1.0);
    let (lo, hi) = fit_range(&[&[2.0, 3.0]], &[14.4], 0.0, f64::INFINITY);
    assert!(lo <= 2.0 && hi >= 14.4);
    let (lo, hi) = fit_range(&[&[f64::NAN]], &[], 0.0, 1.0);
    assert!(hi > lo);
}

#[test]
fn y_formats_read_as_people_write_them() {
    assert_eq!(YFormat::Percent(1).format(0.999), "99.9%");
    assert_eq!(YFormat::Factor.format(14.4), "14x");
    assert_eq!(YFormat::Factor.format(2.5), "2.5x");
    assert_eq!(format_time(START + 3600 * 14 + 60 * 5, 3600), "14:05");
    assert_eq!(format_time(START, 10 * DAY), "10-05");
}

#[test]
fn standalone_svg_has_fixed_colours_and_a_white_background() {
    let svg = standalone_svg(&time_chart(&sli_chart(50)).unwrap());
    assert!(!svg.contains("currentColor"));
    assert!(svg.contains("fill=\"#FFFFFF\""));
    assert!(svg.starts_with("<svg"));
}

#[test]
fn a_long_legend_wraps_into_rows_instead_of_running_off_the_chart() {
    let mut c = sli_chart(100);
    for i in 1..6 {
        let mut l = c.lines[0].clone();
        l.label = format!("a rather long series label number {i}");
        l.pen = Pen::series(i);
        c.lines.push(l);
    }
    let svg = time_chart(&c).unwrap();
    // Every legend text starts inside the 800 px wide image.
    for part in svg.split("<text x=\"").skip(1) {
        let x: i32 = part[..part.find('"').unwrap()].parse().unwrap();
        assert!(x < 800 - 16, "text at x = {x}");
    }
    let layout = draw::legend_layout(&[("a", Pen::series(0)); 30], 800);
    assert!(
        layout.last().unwrap().0 >= 1,
        "thirty entries need more than one row"
    );
}

#[test]
fn hover_positions_map_to_times_and_back() {
    let range = (START, START + 706 * 60);
    // The plot starts 78 px in: a pointer there reads the first time, 706 px later the last.
    assert_eq!(time_at(78.0 / 800.0, range, 800), START);
    assert_eq!(time_at(784.0 / 800.0, range, 800), START + 706 * 60);
    assert_eq!(
        time_at(0.0, range, 800),
        START,
        "the axis margin clamps to the start"
    );
    assert_eq!(time_at(79.0 / 800.0, range, 800), START + 60);
    let t = START + 300 * 60;
    assert_eq!(time_at(position_of(t, range, 800), range, 800), t);
}
