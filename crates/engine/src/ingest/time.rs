//! Timestamps as the data files write them, parsed by hand on bytes.
//!
//! Owns: RFC 3339 / ISO 8601 date-times (with `T` or a space, with or
//! without a zone, optional seconds and fraction, or a bare date) and Unix
//! epoch numbers in seconds, milliseconds, microseconds or nanoseconds,
//! told apart by magnitude. Everything becomes whole Unix seconds (UTC,
//! fractions floored). Also turns Unix seconds back into UTC calendar
//! fields ([`utc`]) for every module that writes a date (messages, `format`,
//! chart axes, sample data), so the engine needs no date library for UTC.
//! Knows nothing of CSV or JSON; never panics, never allocates.

/// How a timestamp was written; the caller reports zone-less ones once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// An ISO 8601 date-time with an explicit zone (`Z` or an offset).
    Zoned,
    /// An ISO 8601 date-time without a zone, taken as UTC.
    Local,
    /// A Unix epoch number.
    Epoch,
}

/// What a timestamp field must look like, for error messages.
pub const EXPECTED: &str =
    "a timestamp (RFC 3339 such as 2024-05-01T12:00:00Z, or Unix seconds or milliseconds)";

/// Parses one timestamp field (already trimmed) into Unix seconds.
pub fn parse(b: &[u8]) -> Option<(i64, Style)> {
    Parser::default().parse(b)
}

/// Parses a column of timestamps, remembering the last `YYYY-MM-DD` of the
/// common `YYYY-MM-DDTHH:MM:SSZ` shape: rows of one day share their date,
/// so most rows only need their time of day read.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    last_date: Option<([u8; 10], i64)>,
}

impl Parser {
    /// Same as the free function `parse`.
    #[inline]
    pub fn parse(&mut self, b: &[u8]) -> Option<(i64, Style)> {
        if let Ok(fixed) = <&[u8; 20]>::try_from(b) {
            let (date, time) = fixed.split_at(10);
            let days = match self.last_date {
                Some((d, days)) if d == date => Some(days),
                _ => utc_date(fixed).inspect(|&days| {
                    let mut d = [0u8; 10];
                    d.copy_from_slice(date);
                    self.last_date = Some((d, days));
                }),
            };
            if let (Some(days), Some(secs)) = (days, utc_time_of_day(time)) {
                return Some((days * 86_400 + secs, Style::Zoned));
            }
        }
        if b.len() >= 10 && b[4] == b'-' {
            parse_iso(b)
        } else {
            parse_epoch(b).map(|t| (t, Style::Epoch))
        }
    }
}

/// Days since 1970 of the `YYYY-MM-DD` that starts a 20-byte timestamp.
#[inline]
fn utc_date(b: &[u8; 20]) -> Option<i64> {
    let mut bad = (b[4] ^ b'-') | (b[7] ^ b'-');
    let mut d = [0i64; 8];
    for (k, &i) in [0usize, 1, 2, 3, 5, 6, 8, 9].iter().enumerate() {
        let v = b[i].wrapping_sub(b'0');
        bad |= u8::from(v > 9);
        d[k] = i64::from(v);
    }
    let year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
    let (month, day) = (d[4] * 10 + d[5], d[6] * 10 + d[7]);
    if bad != 0 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// Seconds into the day of `THH:MM:SSZ`, checked in one branch-free pass.
#[inline]
fn utc_time_of_day(b: &[u8]) -> Option<i64> {
    let b: &[u8; 10] = b.try_into().ok()?;
    let mut bad = (b[0] ^ b'T') | (b[3] ^ b':') | (b[6] ^ b':') | (b[9] ^ b'Z');
    let mut d = [0i64; 6];
    for (k, &i) in [1usize, 2, 4, 5, 7, 8].iter().enumerate() {
        let v = b[i].wrapping_sub(b'0');
        bad |= u8::from(v > 9);
        d[k] = i64::from(v);
    }
    let (hour, minute, second) = (d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5]);
    if bad != 0 || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(hour * 3_600 + minute * 60 + second)
}

/// Unix epoch number; the magnitude tells the unit. Below 1e11 is seconds
/// (up to the year 5138), below 1e14 milliseconds, below 1e17 microseconds,
/// nanoseconds above: each range covers every date from 1973 on.
fn parse_epoch(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let mut v: i64 = 0;
    let mut i = 0;
    while let Some(&c) = digits.get(i) {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        v = v.checked_mul(10)?.checked_add(i64::from(d))?;
        i += 1;
    }
    let frac_part = match &digits[i..] {
        _ if i == 0 => return None,
        [] => &[][..],
        [b'.', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => rest,
        _ => return None,
    };
    let has_fraction = frac_part.iter().any(|&c| c != b'0');
    let divisor = match v {
        0..=99_999_999_999 => 1,
        100_000_000_000..=99_999_999_999_999 => 1_000,
        100_000_000_000_000..=99_999_999_999_999_999 => 1_000_000,
        _ => 1_000_000_000,
    };
    if neg {
        // Floor towards the past: -1.5 s is in the second that starts at -2.
        let floored = if has_fraction { v.checked_add(1)? } else { v };
        Some((-floored).div_euclid(divisor))
    } else {
        Some(v / divisor)
    }
}

#[inline]
fn digits2(b: &[u8], at: usize) -> Option<i64> {
    let hi = *b.get(at)?;
    let lo = *b.get(at + 1)?;
    if hi.is_ascii_digit() && lo.is_ascii_digit() {
        Some(i64::from(hi - b'0') * 10 + i64::from(lo - b'0'))
    } else {
        None
    }
}

fn parse_iso(b: &[u8]) -> Option<(i64, Style)> {
    let year = digits2(b, 0)? * 100 + digits2(b, 2)?;
    let month = digits2(b, 5)?;
    let day = digits2(b, 8)?;
    if b.get(7) != Some(&b'-')
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if b.len() == 10 {
        return Some((days * 86_400, Style::Local));
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let hour = digits2(b, 11)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let minute = digits2(b, 14)?;
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = digits2(b, i + 1)?;
        i += 3;
        if matches!(b.get(i), Some(b'.') | Some(b',')) {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    // 24:00:00 is not accepted; a leap second (:60) runs into the next minute.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut t = days * 86_400 + hour * 3_600 + minute * 60 + second;
    let style = match b.get(i) {
        None => Style::Local,
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => Style::Zoned,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits2(b, i + 1)?;
            let om = match &b[i + 3..] {
                [] => 0,
                [b':', rest @ ..] | rest if rest.len() == 2 => digits2(rest, 0)?,
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let offset = oh * 3_600 + om * 60;
            // Local time = UTC + offset, so UTC = local - offset.
            t = if sign == b'+' { t - offset } else { t + offset };
            Style::Zoned
        }
        _ => return None,
    };
    Some((t, style))
}

#[inline]
fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

#[inline]
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
#[inline]
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A UTC calendar date and time of day, from [`utc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// First and last Unix second of the years -9999 to 9999: the four-digit
/// years every date the workbench writes fits in.
const UTC_RANGE: std::ops::RangeInclusive<i64> = -377_705_116_800..=253_402_300_799;

/// Unix seconds as UTC calendar fields; `None` outside the years -9999 to
/// 9999.
pub fn utc(t: i64) -> Option<Utc> {
    if !UTC_RANGE.contains(&t) {
        return None;
    }
    let (year, month, day) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    // Every field is in range by construction: month 1-12, day 1-31, s < 86,400.
    let small = |v: i64| u8::try_from(v).unwrap_or(0);
    Some(Utc {
        year,
        month: small(month),
        day: small(day),
        hour: small(s / 3_600),
        minute: small(s / 60 % 60),
        second: small(s % 60),
    })
}

/// Unix seconds as RFC 3339 in UTC (`2024-05-01T12:00:00Z`), for messages.
pub fn format(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3_600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> Option<i64> {
        parse(s.as_bytes()).map(|(t, _)| t)
    }

    #[test]
    fn rfc3339_utc_is_unix_seconds() {
        assert_eq!(secs("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(secs("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn offsets_are_subtracted_to_reach_utc() {
        assert_eq!(secs("2023-11-14T23:13:20+01:00"), Some(1_700_000_000));
        assert_eq!(secs("2023-11-14T17:43:20-0430"), Some(1_700_000_000));
        assert_eq!(secs("2023-11-15T00:13:20+02"), Some(1_700_000_000));
    }

    #[test]
    fn space_separator_fraction_and_missing_seconds_are_accepted() {
        assert_eq!(secs("2023-11-14 22:13:20.999Z"), Some(1_700_000_000));
        assert_eq!(secs("2023-11-14 22:13"), Some(1_700_000_000 - 20));
        assert_eq!(secs("2023-11-14"), Some(1_700_000_000 - 80_000));
    }

    #[test]
    fn zone_less_times_are_reported_as_local() {
        assert_eq!(
            parse(b"2023-11-14T22:13:20"),
            Some((1_700_000_000, Style::Local))
        );
        assert_eq!(
            parse(b"2023-11-14T22:13:20Z"),
            Some((1_700_000_000, Style::Zoned))
        );
    }

    #[test]
    fn epoch_unit_follows_magnitude() {
        assert_eq!(secs("1700000000"), Some(1_700_000_000));
        assert_eq!(secs("1700000000123"), Some(1_700_000_000));
        assert_eq!(secs("1700000000123456"), Some(1_700_000_000));
        assert_eq!(secs("1700000000123456789"), Some(1_700_000_000));
        assert_eq!(secs("1700000000.75"), Some(1_700_000_000));
        assert_eq!(secs("-1.5"), Some(-2));
    }

    #[test]
    fn impossible_dates_and_garbage_are_rejected() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "2023-13-01",
            "2023-11-14T24:00:00Z",
            "2023-11-14T22:13:20+25:00",
            "2023-11-14X22:13",
            "2023-11-14T22:13:20Zjunk",
            "abc",
            "",
            "12a",
            "99999999999999999999",
            "1.2.3",
        ] {
            assert_eq!(secs(bad), None, "{bad}");
        }
        assert_eq!(secs("2024-02-29T00:00:00Z"), Some(1_709_164_800));
    }

    #[test]
    fn a_parser_reusing_its_last_date_agrees_with_a_fresh_parse() {
        let mut p = Parser::default();
        for s in [
            "2023-11-14T22:13:20Z",
            "2023-11-14T23:59:59Z",
            "2023-11-14T24:00:00Z",
            "2023-11-14X22:13:20Z",
            "2023-11-15T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2023-02-29T00:00:01Z",
            "2023-11-15T00:00:00+01:00",
        ] {
            assert_eq!(
                p.parse(s.as_bytes()),
                Parser::default().parse(s.as_bytes()),
                "{s}"
            );
            assert_eq!(p.parse(s.as_bytes()), parse_iso(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn utc_fields_cover_years_minus_9999_to_9999_and_nothing_beyond() {
        let epoch = Utc {
            year: 1970,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
        };
        assert_eq!(utc(0), Some(epoch));
        // 2024-02-29T23:59:59Z: 19,782 days after 1970-01-01, less one second.
        let leap = Utc {
            year: 2024,
            month: 2,
            day: 29,
            hour: 23,
            minute: 59,
            second: 59,
        };
        assert_eq!(utc(19_783 * 86_400 - 1), Some(leap));
        assert_eq!(
            utc(-1).map(|u| (u.year, u.hour, u.second)),
            Some((1969, 23, 59))
        );
        assert_eq!(
            utc(253_402_300_799).map(|u| (u.year, u.month, u.day)),
            Some((9999, 12, 31))
        );
        assert_eq!(utc(253_402_300_800), None);
        assert_eq!(
            utc(-377_705_116_800).map(|u| (u.year, u.month, u.day)),
            Some((-9999, 1, 1))
        );
        assert_eq!(utc(-377_705_116_801), None);
        assert_eq!(utc(i64::MIN), None);
    }

    #[test]
    fn format_is_the_inverse_of_parse() {
        assert_eq!(format(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format(-1), "1969-12-31T23:59:59Z");
        for t in [0, 951_782_400, 1_709_164_800, 4_102_444_800] {
            assert_eq!(secs(&format(t)), Some(t));
        }
    }
}
