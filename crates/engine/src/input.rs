//! What the Iteration page's data forms type, turned into typed values in
//! one place: the traffic generator's fields, the latency threshold in
//! milliseconds, and where a line of pasted text starts and ends.
//!
//! Strings in, typed values or a message naming the field out. Must not
//! generate traffic (`samples`) or parse data (`ingest`), nor know the DOM.

use crate::samples::{Incident, Traffic};

/// A latency threshold typed in milliseconds, as seconds: `None` when empty
/// or not a positive number (raw latency samples then cannot be read).
pub fn threshold_seconds(ms: &str) -> Option<f64> {
    ms.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| v / 1000.0)
}

/// One incident row of the generator form, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentForm {
    pub start_hours: String,
    pub length_minutes: String,
    pub error_percent: String,
}

/// The traffic generator form, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct TrafficForm {
    pub days: String,
    /// Seconds between rows.
    pub step: String,
    pub requests_per_step: String,
    pub base_error_percent: String,
    pub incidents: Vec<IncidentForm>,
}

impl Default for TrafficForm {
    fn default() -> Self {
        TrafficForm {
            days: "14".into(),
            step: "300".into(),
            requests_per_step: "2000".into(),
            base_error_percent: "0.02".into(),
            incidents: vec![IncidentForm {
                start_hours: "100".into(),
                length_minutes: "30".into(),
                error_percent: "20".into(),
            }],
        }
    }
}

impl IncidentForm {
    /// The row the "Add an incident" button starts from: a day in, an hour at 5%.
    pub fn added() -> IncidentForm {
        IncidentForm {
            start_hours: "24".into(),
            length_minutes: "60".into(),
            error_percent: "5".into(),
        }
    }
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .map_err(|_| format!("{what}: \"{}\" is not a number", text.trim()))
}

impl TrafficForm {
    /// The traffic to generate, or the first field that is wrong, named.
    /// Rates are typed in percent; the error rate stays flat between incidents.
    pub fn traffic(&self) -> Result<Traffic, String> {
        let incidents = self
            .incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| {
                let n = i + 1;
                Ok(Incident {
                    start_hours: number(&inc.start_hours, &format!("incident {n} start"))?,
                    length_minutes: number(&inc.length_minutes, &format!("incident {n} length"))?,
                    error_rate: number(&inc.error_percent, &format!("incident {n} error rate"))?
                        / 100.0,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let base = number(&self.base_error_percent, "base error rate")? / 100.0;
        let t = Traffic {
            days: number(&self.days, "days")?.clamp(0.0, 1e6) as u32,
            step_seconds: number(&self.step, "step")?.clamp(0.0, 1e9) as u32,
            requests_per_step: number(&self.requests_per_step, "requests per step")?,
            base_error_rate: base,
            final_error_rate: base,
            incidents,
            seed: 7,
            ..Traffic::default()
        };
        t.check()?;
        Ok(t)
    }
}

/// Where line `line` (from 1) of `text` starts and ends, in UTF-16 code
/// units as a browser's text selection counts them (end exclusive, the
/// line break included). Past the last line: an empty range at the end.
pub fn line_range_utf16(text: &str, line: usize) -> (usize, usize) {
    let mut lines = text.split_inclusive('\n');
    let start: usize = lines
        .by_ref()
        .take(line.saturating_sub(1))
        .map(|l| l.encode_utf16().count())
        .sum();
    let len = lines.next().map(|l| l.encode_utf16().count()).unwrap_or(0);
    (start, start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_in_milliseconds_becomes_seconds() {
        assert_eq!(threshold_seconds(" 300 "), Some(0.3));
        for none in ["", "0", "-5", "abc", "inf"] {
            assert_eq!(threshold_seconds(none), None, "{none}");
        }
    }

    #[test]
    fn the_default_form_generates_two_weeks_with_one_incident() {
        let t = TrafficForm::default().traffic().unwrap();
        assert_eq!((t.days, t.step_seconds), (14, 300));
        // 0.02% typed is a ratio of 0.0002; 20% is 0.2.
        assert!((t.base_error_rate - 0.0002).abs() < 1e-12);
        assert_eq!(t.final_error_rate, t.base_error_rate);
        assert_eq!(t.incidents.len(), 1);
        assert!((t.incidents[0].error_rate - 0.2).abs() < 1e-12);
    }

    #[test]
    fn a_wrong_field_is_named_in_the_error() {
        let mut form = TrafficForm::default();
        form.incidents.push(IncidentForm::added());
        form.incidents[1].length_minutes = "an hour".into();
        assert_eq!(
            form.traffic().unwrap_err(),
            "incident 2 length: \"an hour\" is not a number"
        );
    }

    #[test]
    fn a_line_range_counts_utf16_units_like_the_browser() {
        // "é" is one UTF-16 unit, "😀" two.
        let text = "a,é\nb,😀\nc\n";
        assert_eq!(line_range_utf16(text, 1), (0, 4));
        assert_eq!(line_range_utf16(text, 2), (4, 9));
        assert_eq!(line_range_utf16(text, 3), (9, 11));
        assert_eq!(line_range_utf16(text, 9), (11, 11));
    }
}
