//! One vocabulary for the figures the workbench shows: numbers, shares,
//! durations, counts and instants, as text. The UI, the exports, the lint
//! messages and the CLI all format through here, so a figure reads the same
//! everywhere. Knows nothing of SLOs: plain values in, strings out.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A Unix time in seconds as RFC 3339 in UTC (`2026-11-30T12:00:00Z`), or
/// `None` when it is outside the years the calendar can write.
pub fn rfc3339(unix_seconds: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|d| d.format(&Rfc3339).ok())
}

/// The UTC calendar day of a Unix time, `2026-10-14`; the number itself when
/// it is outside the years the calendar can write.
pub fn day(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
        Err(_) => unix_seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_writes_utc_with_a_z() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_764_504_000).as_deref(),
            Some("2025-11-30T12:00:00Z")
        );
    }

    #[test]
    fn day_is_the_utc_date() {
        assert_eq!(day(1_764_504_000), "2025-11-30");
        assert_eq!(day(i64::MAX), i64::MAX.to_string());
    }

    #[test]
    fn rfc3339_refuses_instants_beyond_year_9999() {
        assert_eq!(rfc3339(i64::MAX), None);
    }
}
