//! One vocabulary for the figures the workbench shows: numbers, shares,
//! durations, counts and instants, as text. The UI, the exports, the lint
//! messages and the CLI all format through here, so a figure reads the same
//! everywhere. Knows nothing of SLOs: plain values in, strings out (the
//! names of model enums are their own `as_str` methods in `model`).

use crate::ingest::time::utc;

/// `x` with at most `places` decimals and no trailing zeros: 14.4, 6, 0.93.
/// Rounding to `places` first keeps float noise out (1 - 0.999 is 0.001);
/// a value that rounds to zero is `0`, never `-0`.
pub fn trim_zeros(x: f64, places: usize) -> String {
    let fixed = format!("{x:.places$}");
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        fixed.as_str()
    };
    match trimmed {
        "-0" => "0".into(),
        t => t.to_string(),
    }
}

/// How many decimals `x` has once float noise is gone (at most `max`):
/// 0.99999 has 5, 0.999 has 3, 30 has 0.
pub fn decimals(x: f64, max: usize) -> usize {
    let text = trim_zeros(x, max);
    text.split_once('.').map_or(0, |(_, frac)| frac.len())
}

/// `x` rounded to `places` decimals, as the number nearest that decimal:
/// a figure computed from an input with `places` decimals is exact there,
/// so 315.359999998 (99.999% of 365 days in seconds, with float noise)
/// becomes 315.36. Non-finite values are returned as they are.
pub fn decimal(x: f64, places: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    trim_zeros(x, places).parse().unwrap_or(x)
}

/// A percentage (already times 100) without float noise: 99.9, not
/// 99.90000000000001. Ten decimals: nines beyond that are not targets.
pub fn percent(p: f64) -> String {
    trim_zeros(p, 10)
}

/// `x` rounded to a whole number with thousands separators: 1,234,567.
pub fn grouped(x: f64) -> String {
    let whole = format!("{:.0}", x.abs());
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 1);
    if x < 0.0 && whole != "0" {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number in a sentence: whole with thousands separators from 100 up,
/// else up to 3 decimals: 43,200, 0.72, 13.889.
pub fn number(x: f64) -> String {
    whole_from(x, 100.0, 3)
}

/// An event count in a table: whole with thousands separators from 10 up,
/// else up to 2 decimals: 43,200, 0.43.
pub fn count(x: f64) -> String {
    whole_from(x, 10.0, 2)
}

/// `x` grouped and whole from `whole` up, else with up to `places` decimals.
fn whole_from(x: f64, whole: f64, places: usize) -> String {
    if !x.is_finite() {
        "n/a".into()
    } else if x.abs() >= whole {
        grouped(x)
    } else {
        trim_zeros(x, places)
    }
}

/// A ratio as percent with enough decimals to tell 99.95 from 99.9: `99.953%`.
pub fn ratio(r: f64) -> String {
    ratio_with(r, 3)
}

/// A ratio as percent with up to `places` decimals: 0.76851851 with 4 is
/// `76.8519%`.
pub fn ratio_with(r: f64, places: i32) -> String {
    if !r.is_finite() {
        return "n/a".into();
    }
    let scale = 10f64.powi(places);
    format!("{}%", percent((r * 100.0 * scale).round() / scale))
}

/// A share of budget, whole percent: `63%`, `-38%`.
pub fn share(r: f64) -> String {
    if r.is_finite() {
        format!("{:.0}%", r * 100.0)
    } else {
        "n/a".into()
    }
}

/// A burn factor: `14.4x`, `250x`.
pub fn factor(f: f64) -> String {
    if !f.is_finite() {
        "n/a".into()
    } else if f >= 100.0 {
        format!("{f:.0}x")
    } else {
        format!("{}x", percent((f * 10.0).round() / 10.0))
    }
}

/// Seconds as a downtime calculator writes them: `43 min 12 s`,
/// `20 min 9.6 s` (tenths kept: budgets need them), `forever` when infinite.
pub fn human_seconds(secs: f64) -> String {
    if !secs.is_finite() {
        return "forever".into();
    }
    // Round to a tenth of a second: budgets like 20 min 9.6 s need it.
    let tenths = (secs.abs() * 10.0).round() as u64;
    let (whole, frac) = (tenths / 10, tenths % 10);
    let units = [
        (whole / 86_400, "d"),
        (whole % 86_400 / 3600, "h"),
        (whole % 3600 / 60, "min"),
    ];
    let mut parts: Vec<String> = units
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    let s = whole % 60;
    if frac > 0 {
        parts.push(format!("{s}.{frac} s"));
    } else if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    let text = parts.join(" ");
    if secs < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}

/// Whole seconds as [`human_seconds`] writes them: `1 h 40 min 48 s`.
pub fn duration(secs: i64) -> String {
    human_seconds(secs as f64)
}

/// An instant to the minute in UTC: `2026-10-14 14:30 UTC`; the number
/// itself when it is outside the years the calendar can write.
pub fn when(t: i64) -> String {
    match utc(t) {
        Some(u) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            u.year, u.month, u.day, u.hour, u.minute
        ),
        None => t.to_string(),
    }
}

/// A Unix time in seconds as RFC 3339 in UTC (`2026-11-30T12:00:00Z`), or
/// `None` when it is outside the years 0000 to 9999 that RFC 3339 writes.
pub fn rfc3339(unix_seconds: i64) -> Option<String> {
    utc(unix_seconds)
        .filter(|u| u.year >= 0)
        .map(|_| crate::ingest::time::format(unix_seconds))
}

/// The UTC calendar day of a Unix time, `2026-10-14`; the number itself when
/// it is outside the years the calendar can write.
pub fn day(unix_seconds: i64) -> String {
    match utc(unix_seconds) {
        Some(u) => format!("{:04}-{:02}-{:02}", u.year, u.month, u.day),
        None => unix_seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_zeros_go_and_float_noise_with_them() {
        assert_eq!(trim_zeros(14.4, 3), "14.4");
        assert_eq!(trim_zeros(6.0, 3), "6");
        assert_eq!(trim_zeros(1.0 - 0.999, 12), "0.001");
        assert_eq!(trim_zeros(100.0, 0), "100");
        assert_eq!(trim_zeros(-0.0001, 3), "0");
        // 0.1 + 0.2 is 0.30000000000000004 in floating point.
        assert_eq!(percent((0.1 + 0.2) * 100.0), "30");
    }

    #[test]
    fn decimals_are_counted_after_float_noise_is_gone() {
        assert_eq!(decimals(0.99999, 12), 5);
        assert_eq!(decimals(1.0 - 0.999, 12), 3);
        assert_eq!(decimals(30.0, 12), 0);
    }

    #[test]
    fn a_figure_rounded_to_its_input_precision_is_the_exact_decimal() {
        // 99.999% over 365 days: 0.00001 x 31,536,000 s = 315.36 s exactly;
        // computed in floating point it is 315.359999998...
        let noisy = (1.0 - 0.99999) * 31_536_000.0;
        assert_ne!(noisy, 315.36);
        assert_eq!(decimal(noisy, 5), 315.36);
        assert_eq!(decimal(1.0 - 0.99999, 5), 0.00001);
        assert!(decimal(f64::INFINITY, 3).is_infinite());
    }

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(grouped(1_234_567.4), "1,234,567");
        assert_eq!(grouped(-1234.0), "-1,234");
        assert_eq!(grouped(999.6), "1,000");
        assert_eq!(grouped(-0.2), "0");
    }

    #[test]
    fn numbers_in_sentences_keep_three_decimals_below_a_hundred() {
        // 1 event an hour for 30 days at 99.9%: 720 events, 0.72 bad ones.
        assert_eq!(number(720.0), "720");
        assert_eq!(number(0.72), "0.72");
        // One failure of 7,200 events with 0.1% budget: 100 / 7.2 = 13.889% of it.
        assert_eq!(number(100.0 / 7.2), "13.889");
        assert_eq!(number(43_200.0), "43,200");
        assert_eq!(number(f64::NAN), "n/a");
    }

    #[test]
    fn counts_in_tables_group_from_ten_and_keep_two_decimals_below() {
        // 0.1% of 43,200 events a day is 43.2 bad events: shown whole.
        assert_eq!(count(43.2), "43");
        assert_eq!(count(0.432), "0.43");
        assert_eq!(count(1_296_000.0), "1,296,000");
        assert_eq!(count(f64::INFINITY), "n/a");
    }

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(ratio(0.99953), "99.953%");
        assert_eq!(ratio(0.999), "99.9%");
        assert_eq!(ratio_with(0.768_518_51, 4), "76.8519%");
        assert_eq!(share(-0.381), "-38%");
        assert_eq!(factor(14.4), "14.4x");
        assert_eq!(factor(250.0), "250x");
        assert_eq!(when(1_791_158_400), "2026-10-05 00:00 UTC");
    }

    #[test]
    fn durations_read_like_a_downtime_calculator() {
        // 99.9% over 30 days: 0.001 x 2,592,000 s = 2,592 s = 43 min 12 s.
        assert_eq!(duration(2592), "43 min 12 s");
        // 99.95% over 28 days: 0.0005 x 2,419,200 s = 1,209.6 s.
        assert_eq!(human_seconds(1209.6), "20 min 9.6 s");
        assert_eq!(duration(6048), "1 h 40 min 48 s");
        assert_eq!(duration(90_000), "1 d 1 h");
        assert_eq!(duration(0), "0 s");
        assert_eq!(human_seconds(-90.0), "-1 min 30 s");
        assert_eq!(human_seconds(f64::INFINITY), "forever");
    }

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
    fn rfc3339_refuses_instants_beyond_year_9999_and_before_year_0() {
        assert_eq!(rfc3339(i64::MAX), None);
        assert_eq!(rfc3339(253_402_300_800), None);
        assert_eq!(
            rfc3339(-62_167_219_200).as_deref(),
            Some("0000-01-01T00:00:00Z")
        );
        assert_eq!(rfc3339(-62_167_219_201), None);
    }
}
