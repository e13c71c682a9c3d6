//! Pens: colour, dash pattern and marker shape of a series, and the SVG
//! post-processing that gives plotters output its dashes and theme colours.
//!
//! plotters' SVG backend writes solid strokes only. Every pen in a chart gets
//! a colour of its own (nudged by one unit of blue when two pens share a
//! palette colour), so after drawing we can add `stroke-dasharray` to exactly
//! the elements of that pen. Axes and text are drawn in a sentinel colour that
//! becomes `currentColor`.

/// A colour as red, green, blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
    pub(crate) fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
}

/// Okabe & Ito's palette for colour-vision deficiencies, without black (the
/// foreground colour plays that part) and yellow (unreadable on white).
pub const OKABE_ITO: [(&str, Rgb); 6] = [
    ("blue", Rgb(0, 114, 178)),
    ("orange", Rgb(230, 159, 0)),
    ("bluish green", Rgb(0, 158, 115)),
    ("vermillion", Rgb(213, 94, 0)),
    ("reddish purple", Rgb(204, 121, 167)),
    ("sky blue", Rgb(86, 180, 233)),
];

/// Drawn in the page's text colour (`currentColor`).
pub(crate) const FOREGROUND: Rgb = Rgb(1, 1, 1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
    DashDot,
}

impl Dash {
    pub fn dasharray(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some("8 4"),
            Dash::Dotted => Some("2 3"),
            Dash::DashDot => Some("8 3 2 3"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    None,
    Circle,
    Triangle,
    Square,
    Cross,
}

/// How one series is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pen {
    pub color: Rgb,
    pub dash: Dash,
    pub marker: Marker,
    pub width: u32,
}

impl Pen {
    /// The `i`-th series style: palette colour, dash and marker all change
    /// together, so two series differ in shape as well as colour.
    pub fn series(i: usize) -> Pen {
        const DASHES: [Dash; 4] = [Dash::Solid, Dash::Dashed, Dash::DashDot, Dash::Dotted];
        const MARKERS: [Marker; 4] = [
            Marker::Circle,
            Marker::Triangle,
            Marker::Square,
            Marker::Cross,
        ];
        Pen {
            color: OKABE_ITO[i % OKABE_ITO.len()].1,
            dash: DASHES[i % DASHES.len()],
            marker: MARKERS[i % MARKERS.len()],
            width: 2,
        }
    }

    /// A threshold or target rule: dashed, no markers, in the foreground colour.
    pub fn rule() -> Pen {
        Pen {
            color: FOREGROUND,
            dash: Dash::Dashed,
            marker: Marker::None,
            width: 1,
        }
    }

    pub fn with_dash(self, dash: Dash) -> Pen {
        Pen { dash, ..self }
    }
    pub fn with_marker(self, marker: Marker) -> Pen {
        Pen { marker, ..self }
    }
}

/// Gives every pen of one chart a distinct colour token, remembering which
/// token needs which dash pattern. Axes hold the solid foreground token.
pub(crate) struct Inks {
    used: Vec<(Rgb, Dash)>,
}

impl Default for Inks {
    fn default() -> Self {
        Inks {
            used: vec![(FOREGROUND, Dash::Solid)],
        }
    }
}

/// Tokens nudged from the foreground sentinel are foreground too.
fn is_foreground(c: Rgb) -> bool {
    c.0 == FOREGROUND.0 && c.1 == FOREGROUND.1 && c.2 < 16
}

impl Inks {
    /// The colour to draw `pen` with. Pens equal in colour and dash share a token;
    /// a different dash on the same colour gets a colour one unit of blue away.
    pub fn token(&mut self, pen: &Pen) -> Rgb {
        let mut c = pen.color;
        loop {
            match self.used.iter().find(|(u, _)| *u == c) {
                Some((_, d)) if *d == pen.dash => return c,
                Some(_) => c = Rgb(c.0, c.1, if c.2 >= 128 { c.2 - 1 } else { c.2 + 1 }),
                None => {
                    self.used.push((c, pen.dash));
                    return c;
                }
            }
        }
    }

    /// Rewrites plotters' SVG: dash patterns, theme colours, an accessible name.
    pub fn finish(&self, svg: &str, title: &str) -> String {
        let mut s = svg.to_string();
        for (c, dash) in &self.used {
            if let Some(pattern) = dash.dasharray() {
                let attr = format!("stroke=\"{}\"", c.hex());
                s = s.replace(&attr, &format!("{attr} stroke-dasharray=\"{pattern}\""));
            }
        }
        for (c, _) in self.used.iter().filter(|(c, _)| is_foreground(*c)) {
            s = s.replace(&format!("\"{}\"", c.hex()), "\"currentColor\"");
        }
        let label = super::escape_xml(title);
        match s.strip_prefix("<svg ") {
            Some(rest) => match rest.find('>') {
                Some(end) => {
                    let (attrs, body) = rest.split_at(end + 1);
                    format!("<svg class=\"slo-chart\" role=\"img\" aria-label=\"{label}\" {attrs}\n<title>{label}</title>{body}")
                }
                None => s,
            },
            None => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_pens_differ_in_colour_dash_and_marker() {
        for i in 0..4 {
            for j in (i + 1)..4 {
                let (a, b) = (Pen::series(i), Pen::series(j));
                assert_ne!(a.color, b.color);
                assert_ne!(a.dash, b.dash);
                assert_ne!(a.marker, b.marker);
            }
        }
    }

    #[test]
    fn same_colour_with_another_dash_gets_its_own_token() {
        let mut inks = Inks::default();
        let solid = Pen::series(0);
        let dashed = solid.with_dash(Dash::Dashed);
        let a = inks.token(&solid);
        let b = inks.token(&dashed);
        assert_ne!(a, b);
        assert_eq!(inks.token(&solid), a, "tokens are stable");
        assert_eq!(b, Rgb(0, 114, 177));
    }
}
