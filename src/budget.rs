//! Error budget math: pure functions over targets, windows and counts.

/// Human text for a duration in seconds: "43 min 12 s", "20 min 9.6 s", "1 h 40 min 48 s".
pub fn human_seconds(secs: f64) -> String {
    if !secs.is_finite() {
        return "forever".into();
    }
    let neg = secs < 0.0;
    // Round to a tenth of a second: budgets like 20 min 9.6 s need it.
    let tenths = (secs.abs() * 10.0).round() as u64;
    let (whole, frac) = (tenths / 10, tenths % 10);
    let d = whole / 86_400;
    let h = whole % 86_400 / 3600;
    let m = whole % 3600 / 60;
    let s = whole % 60;
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || frac > 0 || parts.is_empty() {
        if frac > 0 {
            parts.push(format!("{s}.{frac} s"));
        } else {
            parts.push(format!("{s} s"));
        }
    }
    let text = parts.join(" ");
    if neg { format!("-{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_seconds_reads_like_a_downtime_calculator() {
        assert_eq!(human_seconds(2592.0), "43 min 12 s");
        assert_eq!(human_seconds(1209.6), "20 min 9.6 s");
        assert_eq!(human_seconds(6048.0), "1 h 40 min 48 s");
        assert_eq!(human_seconds(0.0), "0 s");
    }
}
