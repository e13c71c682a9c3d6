//! PromQL and Prometheus-template text: escaping of user text and the SLI
//! error-ratio expressions every Prometheus-based exporter shares.
//!
//! Owns: label-value quoting, Go-template literal text, `{{.window}}`
//! substitution, and reading back the query shapes this module writes (for
//! the importers). Must not know any file format.

use crate::model::{EventKind, Sli, Span};

/// The Sloth placeholder for the rate window inside user queries.
pub const WINDOW: &str = "{{.window}}";

/// A PromQL string literal for a label matcher value: `"a\"b"`.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text that Prometheus' Go templating (alert labels and annotations) renders
/// literally: every `{{` becomes the action `{{ "{{" }}`, which prints `{{`.
pub fn template_literal(text: &str) -> String {
    text.replace("{{", "{{ \"{{\" }}")
}

/// Replaces Sloth's `{{.window}}` with a Prometheus duration.
pub fn with_window(query: &str, window: Span) -> String {
    query.replace(WINDOW, &window.prometheus())
}

/// How a query without `{{.window}}` gets one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Windowing {
    /// It has `{{.window}}` already.
    Placeholder,
    /// Its fixed range (`5m` of `rate(x[5m])`) is read as the window.
    FixedRange(String),
    /// A bare counter selector, read as `sum(rate(SEL[{{.window}}]))`.
    BareCounter,
}

/// The query with `{{.window}}` where the window goes, and how it got
/// there; `None` when it has neither the placeholder, nor fixed ranges that
/// are all the same (`[5m]`, `[1h]` or a subquery's `[5m:1m]`), nor is a
/// bare counter selector. Ranges inside quoted label values are left alone.
pub fn windowed_template(query: &str) -> Option<(String, Windowing)> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    if q.contains(WINDOW) {
        return Some((q.to_string(), Windowing::Placeholder));
    }
    if is_plain_selector(q) {
        return Some((format!("sum(rate({q}[{WINDOW}]))"), Windowing::BareCounter));
    }
    let (text, ranges) = replace_ranges(q);
    let first = ranges.first()?;
    ranges
        .iter()
        .all(|r| r == first)
        .then(|| (text, Windowing::FixedRange(first.clone())))
}

/// The query with every range selector's duration replaced by `{{.window}}`,
/// and the durations replaced, in order. Quoted text is copied as it is.
fn replace_ranges(q: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(q.len() + 16);
    let mut ranges = Vec::new();
    let mut literals = Literals::default();
    let mut chars = q.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if literals.read(c) {
            out.push(c);
            continue;
        }
        match c {
            '[' => {
                let rest = &q[i + 1..];
                let close = rest.find(']');
                let inner = close.map(|e| &rest[..e]);
                let (range, tail) = match inner.map(|x| x.split_once(':').unwrap_or((x, ""))) {
                    Some((r, t)) if is_duration(r.trim()) => (r.trim(), t),
                    _ => {
                        out.push(c);
                        continue;
                    }
                };
                ranges.push(range.to_string());
                out.push('[');
                out.push_str(WINDOW);
                if inner.is_some_and(|x| x.contains(':')) {
                    out.push(':');
                    out.push_str(tail);
                }
                out.push(']');
                // Skip the bracket's content and its closing `]`.
                let skip = close.map_or(0, |e| rest[..=e].chars().count());
                for _ in 0..skip {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    (out, ranges)
}

/// A PromQL duration such as `5m`, `1h30m` or `30s`.
fn is_duration(text: &str) -> bool {
    !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "smhdwy".contains(c))
        && text.ends_with(|c: char| "smhdwy".contains(c))
}

/// The windowed SLI and which queries were rewritten.
pub type Windowed = (Sli, Vec<(&'static str, Windowing)>);

/// The SLI with `{{.window}}` in every query the rules window, and which
/// queries were rewritten to get it (`("events", FixedRange("5m"))`); the
/// reason when a query cannot be windowed, so no rule could be right.
pub fn windowed_sli(sli: &Sli) -> Result<Windowed, String> {
    match sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => {
            let mut rewritten = Vec::new();
            let mut windowed = |what: &'static str, q: &str| {
                let Some((text, how)) = windowed_template(q) else {
                    return Err(if q.trim().is_empty() {
                        format!("the {what} query is empty")
                    } else {
                        format!(
                            "the {what} query has no rate window to vary: put {WINDOW} where the window goes \
                             (rate(x[{WINDOW}])), or one fixed range such as [5m] that the export replaces"
                        )
                    });
                };
                if how != Windowing::Placeholder {
                    rewritten.push((what, how));
                }
                Ok(text)
            };
            let events_query = windowed("events", events_query)?;
            let total_query = windowed("total", total_query)?;
            Ok((
                Sli::Ratio {
                    counts: *counts,
                    events_query,
                    total_query,
                },
                rewritten,
            ))
        }
        Sli::Availability { probe_query } if probe_query.trim().is_empty() => {
            Err("the probe query is empty".to_string())
        }
        Sli::Latency { .. } | Sli::Availability { .. } => Ok((sli.clone(), Vec::new())),
    }
}

/// `le` label value as Prometheus client libraries write it (0.3, 1, 2.5).
pub fn le_value(threshold_seconds: f64) -> String {
    format!("{threshold_seconds}")
}

/// `metric{matchers}`, joining a user's matcher list and extra matchers.
pub fn selector(metric: &str, user_matchers: &str, extra: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !user_matchers.trim().is_empty() {
        parts.push(user_matchers.trim().to_string());
    }
    parts.extend(extra.iter().cloned());
    format!("{metric}{{{}}}", parts.join(","))
}

/// The good-events and total queries of a latency SLI, with `{{.window}}`.
pub fn latency_queries(
    histogram: &str,
    matchers: &str,
    threshold_seconds: f64,
) -> (String, String) {
    let le = format!("le={}", quote(&le_value(threshold_seconds)));
    let good = format!(
        "sum(rate({}[{WINDOW}]))",
        selector(&format!("{histogram}_bucket"), matchers, &[le])
    );
    let total = format!(
        "sum(rate({}[{WINDOW}]))",
        selector(&format!("{histogram}_count"), matchers, &[])
    );
    (good, total)
}

/// Up-probe queries whose ratio is the availability: the mean of every probe
/// series over the window, as good (sum) over total (count). A plain selector
/// takes the range directly; any other expression becomes a subquery.
pub fn availability_queries(probe: &str) -> (String, String) {
    let p = probe.trim();
    let range = if is_plain_selector(p) {
        format!("{p}[{WINDOW}]")
    } else {
        format!("({p})[{WINDOW}:]")
    };
    let avg = format!("avg_over_time({range})");
    (format!("sum({avg})"), format!("count({avg})"))
}

/// `metric` or `metric{...}` with no function call or range.
pub fn is_plain_selector(query: &str) -> bool {
    let q = query.trim();
    let name_end = q.find('{').unwrap_or(q.len());
    let (name, rest) = q.split_at(name_end);
    let name_ok = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    let rest_ok = rest.is_empty()
        || (rest.starts_with('{') && rest.ends_with('}') && !rest[1..rest.len() - 1].contains('}'));
    name_ok && !(name.is_empty() && rest.is_empty()) && rest_ok
}

/// The SLI error ratio over `window` as one PromQL expression.
pub fn error_ratio(sli: &Sli, window: Span) -> String {
    with_window(&error_ratio_template(sli), window)
}

/// The SLI error ratio with `{{.window}}` where the window goes.
pub fn error_ratio_template(sli: &Sli) -> String {
    let (counts, e, t) = event_queries(sli);
    match counts {
        EventKind::Bad => format!("({e})\n/\n({t})"),
        EventKind::Good => format!("1 - (\n  ({e})\n  /\n  ({t})\n)"),
    }
}

/// Any SLI as events-over-total queries with `{{.window}}`, and which events they count.
pub fn event_queries(sli: &Sli) -> (EventKind, String, String) {
    match sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => (*counts, events_query.clone(), total_query.clone()),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            selector,
        } => {
            let (g, t) = latency_queries(histogram_metric, selector, *threshold_seconds);
            (EventKind::Good, g, t)
        }
        Sli::Availability { probe_query } => {
            let (g, t) = availability_queries(probe_query);
            (EventKind::Good, g, t)
        }
    }
}

/// Reads back the SLI kind from good/total queries this module wrote; any
/// other pair stays a ratio SLI with the queries as they are.
pub fn recognise_sli(counts: EventKind, events: &str, total: &str) -> Sli {
    if counts == EventKind::Good {
        if let Some(sli) =
            recognise_latency(events, total).or_else(|| recognise_availability(events, total))
        {
            return sli;
        }
    }
    Sli::Ratio {
        counts,
        events_query: events.to_string(),
        total_query: total.to_string(),
    }
}

fn recognise_latency(good: &str, total: &str) -> Option<Sli> {
    let inner = strip_call(good.trim(), "sum(rate(")?.strip_suffix(&format!("[{WINDOW}]))"))?;
    let (name, matchers) = split_selector(inner)?;
    let histogram = name.strip_suffix("_bucket")?;
    let mut rest = Vec::new();
    let mut le = None;
    for m in split_matchers(matchers) {
        match m.strip_prefix("le=") {
            Some(v) if le.is_none() => le = Some(unquote(v)?),
            _ => rest.push(m),
        }
    }
    let threshold_seconds: f64 = le?
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0)?;
    let sel = rest.join(",");
    let sli = Sli::Latency {
        threshold_seconds,
        histogram_metric: histogram.to_string(),
        selector: sel,
    };
    // Only a pair that this module would write again is taken as latency.
    let (g, t) = latency_queries(histogram, &rest.join(","), threshold_seconds);
    (g == good.trim() && t == total.trim()).then_some(sli)
}

fn recognise_availability(good: &str, total: &str) -> Option<Sli> {
    let range = strip_call(good.trim(), "sum(avg_over_time(")?.strip_suffix("))")?;
    let probe = match range.strip_suffix(&format!("[{WINDOW}:]")) {
        Some(sub) => sub.strip_prefix('(')?.strip_suffix(')')?,
        None => range.strip_suffix(&format!("[{WINDOW}]"))?,
    };
    let (g, t) = availability_queries(probe);
    (g == good.trim() && t == total.trim()).then(|| Sli::Availability {
        probe_query: probe.to_string(),
    })
}

fn strip_call<'a>(q: &'a str, prefix: &str) -> Option<&'a str> {
    q.strip_prefix(prefix)
}

/// `name{a="b",c="d"}` into `name` and `a="b",c="d"`.
pub fn split_selector(sel: &str) -> Option<(&str, &str)> {
    let sel = sel.trim();
    let open = sel.find('{')?;
    let inner = sel.get(open + 1..)?.strip_suffix('}')?;
    Some((sel.get(..open)?.trim(), inner))
}

/// Splits matchers on commas outside quoted strings.
pub fn split_matchers(matchers: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut literals = Literals::default();
    for c in matchers.chars() {
        if !literals.read(c) && c == ',' {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The value of a double-quoted PromQL string, undoing `quote`.
pub fn unquote(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                other => out.push(other),
            }
        } else if c == '"' {
            return None;
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The range selector of `sum(rate(SEL[{{.window}}]))`, `sum(increase(...))`,
/// `rate(...)` or a plain selector: what Pyrra wants as its `metric`.
pub fn counter_selector(query: &str) -> Option<String> {
    let q: String = query.trim().to_string();
    if is_plain_selector(&q) {
        return Some(q);
    }
    let suffix = format!("[{WINDOW}]");
    for (open, close) in [
        ("sum(rate(", "))"),
        ("sum(increase(", "))"),
        ("rate(", ")"),
        ("increase(", ")"),
    ] {
        if let Some(inner) = q
            .strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .and_then(|r| r.strip_suffix(&suffix))
        {
            if is_plain_selector(inner) {
                return Some(inner.trim().to_string());
            }
        }
    }
    None
}

/// The query without whitespace outside string literals, so two spellings
/// of one query compare equal and a changed label value does not.
pub fn compact(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut literals = Literals::default();
    for c in q.chars() {
        if literals.read(c) || !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Where a pass over a query stands against PromQL string literals (`"`,
/// `'` and `` ` `` quotes, backslash escapes): the one state every
/// quote-aware pass (ranges, matchers, compaction, the SLI lint) reads.
#[derive(Debug, Default)]
pub(crate) struct Literals {
    open: Option<char>,
    escaped: bool,
}

impl Literals {
    /// Reads the next character: true when it belongs to a string literal,
    /// its opening and closing quotes included.
    pub(crate) fn read(&mut self, c: char) -> bool {
        match self.open {
            Some(quote) => {
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' {
                    self.escaped = true;
                } else if c == quote {
                    self.open = None;
                }
                true
            }
            None if matches!(c, '"' | '\'' | '`') => {
                self.open = Some(c);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_quoted_and_escaped() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
        assert_eq!(
            unquote(&quote("x\"y\\z\n{{é}}")).as_deref(),
            Some("x\"y\\z\n{{é}}")
        );
    }

    #[test]
    fn template_text_prints_braces_literally() {
        assert_eq!(template_literal("a {{ b }} c"), "a {{ \"{{\" }} b }} c");
        assert_eq!(template_literal("no braces"), "no braces");
    }

    #[test]
    fn ratio_of_bad_events_divides_the_user_queries() {
        let sli = Sli::Ratio {
            counts: EventKind::Bad,
            events_query: "sum(rate(e[{{.window}}]))".into(),
            total_query: "sum(rate(t[{{.window}}]))".into(),
        };
        assert_eq!(
            error_ratio(&sli, Span::minutes(5)),
            "(sum(rate(e[5m])))\n/\n(sum(rate(t[5m])))"
        );
    }

    #[test]
    fn good_events_become_one_minus_the_ratio() {
        let sli = Sli::Ratio {
            counts: EventKind::Good,
            events_query: "g".into(),
            total_query: "t".into(),
        };
        assert_eq!(
            error_ratio(&sli, Span::hours(1)),
            "1 - (\n  (g)\n  /\n  (t)\n)"
        );
    }

    #[test]
    fn latency_uses_the_bucket_at_the_threshold_and_the_count() {
        let sli = Sli::Latency {
            threshold_seconds: 0.3,
            histogram_metric: "h".into(),
            selector: "job=\"api\"".into(),
        };
        let (_, good, total) = event_queries(&sli);
        assert_eq!(
            good,
            "sum(rate(h_bucket{job=\"api\",le=\"0.3\"}[{{.window}}]))"
        );
        assert_eq!(total, "sum(rate(h_count{job=\"api\"}[{{.window}}]))");
        assert_eq!(recognise_sli(EventKind::Good, &good, &total), sli);
    }

    #[test]
    fn availability_averages_probes_and_reads_back() {
        for probe in ["up{job=\"api\"}", "max by (instance) (probe_success)"] {
            let sli = Sli::Availability {
                probe_query: probe.into(),
            };
            let (_, good, total) = event_queries(&sli);
            assert_eq!(recognise_sli(EventKind::Good, &good, &total), sli);
        }
        let (g, _) = availability_queries("up");
        assert_eq!(g, "sum(avg_over_time(up[{{.window}}]))");
    }

    #[test]
    fn other_query_pairs_stay_ratios() {
        let sli = recognise_sli(
            EventKind::Good,
            "sum(rate(x[{{.window}}]))",
            "sum(rate(y[{{.window}}]))",
        );
        assert!(matches!(
            sli,
            Sli::Ratio {
                counts: EventKind::Good,
                ..
            }
        ));
    }

    #[test]
    fn counter_selectors_come_out_of_rate_queries() {
        assert_eq!(
            counter_selector("sum(rate(a{b=\"c\"}[{{.window}}]))").as_deref(),
            Some("a{b=\"c\"}")
        );
        assert_eq!(counter_selector("a_total").as_deref(), Some("a_total"));
        assert_eq!(counter_selector("sum by (x) (rate(a[5m]))"), None);
    }

    #[test]
    fn a_fixed_range_becomes_the_window_placeholder() {
        let (q, how) =
            windowed_template(r#"sum(rate(http_requests_total{code!~"5.."}[5m]))"#).unwrap();
        assert_eq!(
            q,
            r#"sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))"#
        );
        assert_eq!(how, Windowing::FixedRange("5m".into()));
        // Subqueries keep their resolution; quoted brackets are label text.
        let (q, _) = windowed_template(r#"max_over_time(x{path="/a[1m]"}[1h:1m])"#).unwrap();
        assert_eq!(q, r#"max_over_time(x{path="/a[1m]"}[{{.window}}:1m])"#);
    }

    #[test]
    fn a_bare_counter_is_summed_as_a_rate_over_the_window() {
        assert_eq!(
            windowed_template(r#"http_requests_total{code="500"}"#),
            Some((
                r#"sum(rate(http_requests_total{code="500"}[{{.window}}]))"#.to_string(),
                Windowing::BareCounter
            ))
        );
    }

    #[test]
    fn queries_without_one_range_or_a_placeholder_cannot_be_windowed() {
        assert_eq!(windowed_template("sum(errors) / 2"), None);
        assert_eq!(windowed_template("rate(a[5m]) / rate(b[1h])"), None);
        assert_eq!(windowed_template("  "), None);
        assert_eq!(
            windowed_template("rate(a[{{.window}}])").map(|x| x.1),
            Some(Windowing::Placeholder)
        );
    }

    #[test]
    fn matchers_split_outside_quotes() {
        assert_eq!(
            split_matchers(r#"a="x,y", b=~"1\"2",c!="""#),
            vec![r#"a="x,y""#, r#"b=~"1\"2""#, r#"c!="""#]
        );
    }

    #[test]
    fn compaction_drops_spaces_outside_literals_and_keeps_them_inside_every_kind() {
        assert_eq!(
            compact(r#"sum( rate(x{a="b \" c"}[ 5m ]) ) + `d e` + 'f g'"#),
            r#"sum(rate(x{a="b \" c"}[5m]))+`d e`+'f g'"#
        );
    }
}
