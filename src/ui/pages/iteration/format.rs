//! How figures read on the page: times in UTC, percentages, durations.
//! The engine's review module owns the common ones, so the page and the
//! review questions write figures the same way.

pub use crate::review::{duration, factor, ratio, share, when};

/// `2026-10-14`.
pub fn day(t: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(t) {
        Ok(dt) => format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day()),
        Err(_) => t.to_string(),
    }
}
