//! How figures read on the page: times in UTC, percentages, durations.

use crate::budget::human_seconds;
use crate::model::format_percent;

/// `2026-10-14 14:30 UTC`.
pub fn when(t: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(t) {
        Ok(dt) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            dt.year(),
            dt.month() as u8,
            dt.day(),
            dt.hour(),
            dt.minute()
        ),
        Err(_) => t.to_string(),
    }
}

/// `2026-10-14`.
pub fn day(t: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(t) {
        Ok(dt) => format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day()),
        Err(_) => t.to_string(),
    }
}

/// A ratio as percent with enough decimals to tell 99.95 from 99.9: `99.953%`.
pub fn ratio(r: f64) -> String {
    if !r.is_finite() {
        return "n/a".into();
    }
    format!("{}%", format_percent((r * 100.0 * 1000.0).round() / 1000.0))
}

/// A share of budget: `63%`, `-38%`.
pub fn share(r: f64) -> String {
    if !r.is_finite() {
        return "n/a".into();
    }
    format!("{:.0}%", r * 100.0)
}

pub fn duration(secs: i64) -> String {
    human_seconds(secs as f64)
}

/// Burn factor: `14.4x`.
pub fn factor(f: f64) -> String {
    if f >= 100.0 {
        format!("{:.0}x", f)
    } else {
        format!("{}x", format_percent((f * 10.0).round() / 10.0))
    }
}
