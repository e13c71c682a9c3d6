//! Delimited text (CSV, TSV, semicolon) read on bytes, without allocating
//! per row.
//!
//! Owns: sniffing the delimiter, finding the header, recognising column
//! roles by name (case-insensitive, units in the name), splitting records
//! (quoted fields, blank lines, `#` comments, CRLF) and turning each row
//! into good/total with errors that name line and field. It does not sort,
//! merge or difference rows: `finish` in the parent module does.

use super::time::{self, Style};
use super::{DataFormat, DataKind, Errors, IngestOptions, Read, Rows};
use crate::diag::Diagnostic;

/// Rows between two progress reports.
const PROGRESS_EVERY: usize = 1 << 16;

/// What a column means, from its header name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Time,
    Good,
    Bad,
    Total,
    /// Latency samples; the factor turns the column's unit into seconds.
    Latency {
        per_second: f64,
        unit_known: bool,
    },
    Up,
    /// A share of good (or of bad, when `error`) per row; `scale` turns
    /// percentages into fractions.
    Ratio {
        error: bool,
        scale: f64,
    },
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Time => "timestamp",
            Role::Good => "good",
            Role::Bad => "bad",
            Role::Total => "total",
            Role::Latency { .. } => "latency",
            Role::Up => "up",
            Role::Ratio { .. } => "ratio",
        }
    }
}

/// Units a latency column name may carry, as units per second.
fn unit(token: &str) -> Option<f64> {
    Some(match token {
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" => 1e3,
        "us" | "µs" | "μs" | "usec" | "usecs" | "micros" | "microsecond" | "microseconds" => 1e6,
        "ns" | "nsec" | "nanos" | "nanosecond" | "nanoseconds" => 1e9,
        "m" | "min" | "mins" | "minute" | "minutes" => 1.0 / 60.0,
        _ => return None,
    })
}

/// The role a header name gives its column. Words are matched whole, in
/// priority order, so `error_count` is bad (not total), `good_events` is
/// good and `request_duration_ms` is latency.
fn role(name: &str) -> Option<Role> {
    let lower = name.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != 'µ' && c != 'μ')
        .filter(|t| !t.is_empty())
        .collect();
    let has = |words: &[&str]| tokens.iter().any(|t| words.contains(t));
    // Latency: a latency/duration word (also glued to its unit, as in latencyms).
    for (i, tok) in tokens.iter().enumerate() {
        for stem in ["latency", "duration"] {
            if let Some(rest) = tok.strip_prefix(stem) {
                let glued = if rest.is_empty() { None } else { unit(rest) };
                let after = tokens
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .find_map(|t| unit(t));
                if rest.is_empty() || glued.is_some() {
                    let per_second = glued.or(after);
                    return Some(Role::Latency {
                        per_second: per_second.unwrap_or(1.0),
                        unit_known: per_second.is_some(),
                    });
                }
            }
        }
    }
    let bad_words = [
        "bad", "error", "errors", "fail", "failed", "failure", "failures",
    ];
    // A ratio must not pass for a count: error_ratio is no number of errors.
    if has(&[
        "ratio",
        "percent",
        "percentage",
        "pct",
        "availability",
        "sli",
    ]) {
        let scale = if has(&["percent", "percentage", "pct"]) || lower.contains('%') {
            0.01
        } else {
            1.0
        };
        Some(Role::Ratio {
            error: has(&bad_words),
            scale,
        })
    } else if has(&bad_words) {
        Some(Role::Bad)
    } else if has(&["good", "success", "successes", "successful", "ok"]) {
        Some(Role::Good)
    } else if has(&["timestamp", "time", "ts", "date", "datetime"]) {
        Some(Role::Time)
    } else if has(&["total", "requests", "request", "count", "events", "all"]) {
        Some(Role::Total)
    } else if tokens == ["up"] {
        Some(Role::Up)
    } else {
        None
    }
}

/// The most frequent of `,`, tab and `;` outside quotes on the first data
/// or header line; ties go to tab, then semicolon, then comma.
fn sniff_delimiter(b: &[u8]) -> u8 {
    let mut pos = 0;
    while pos < b.len() {
        let end = b[pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| pos + p);
        let line = &b[pos..end];
        let trimmed = line
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .map(|p| &line[p..]);
        match trimmed {
            None | Some([b'#', ..]) => {}
            Some(_) => {
                let (mut quoted, mut counts) = (false, [0usize; 3]);
                for &c in line {
                    match c {
                        b'"' => quoted = !quoted,
                        b'\t' if !quoted => counts[0] += 1,
                        b';' if !quoted => counts[1] += 1,
                        b',' if !quoted => counts[2] += 1,
                        _ => {}
                    }
                }
                let best = counts.iter().copied().max().unwrap_or(0);
                return if best == 0 || counts[2] == best && counts[0] < best && counts[1] < best {
                    b','
                } else if counts[0] == best {
                    b'\t'
                } else {
                    b';'
                };
            }
        }
        pos = end + 1;
    }
    b','
}

/// A field of the current record: byte range into the input.
#[derive(Debug, Clone, Copy)]
struct Field {
    start: usize,
    end: usize,
}

/// Splits records. Fields are byte ranges (quotes stripped, `""` left as
/// is), trimmed of spaces; blank lines and `#` comment lines are skipped.
struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    line: usize,
    delim: u8,
}

impl<'a> Scanner<'a> {
    /// Reads the next record into `fields`; returns its 1-based line.
    #[inline]
    fn next(&mut self, fields: &mut Vec<Field>) -> Result<Option<usize>, Diagnostic> {
        let b = self.b;
        // Skip blank lines and comments.
        loop {
            let mut p = self.pos;
            while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\r') {
                p += 1;
            }
            match b.get(p) {
                None => {
                    self.pos = b.len();
                    return Ok(None);
                }
                Some(b'\n') => {
                    self.pos = p + 1;
                    self.line += 1;
                }
                Some(b'#') => {
                    self.pos = b[p..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(b.len(), |q| p + q + 1);
                    self.line += 1;
                }
                Some(_) => break,
            }
        }
        fields.clear();
        let record_line = self.line;
        loop {
            while self.pos < b.len()
                && (b[self.pos] == b' ' || (b[self.pos] == b'\t' && self.delim != b'\t'))
            {
                self.pos += 1;
            }
            if b.get(self.pos) == Some(&b'"') {
                let quote_line = self.line;
                self.pos += 1;
                let start = self.pos;
                let end = loop {
                    match b.get(self.pos) {
                        None => {
                            return Err(Diagnostic::error(
                                quote_line,
                                "a quoted field is never closed: expected a closing \"",
                            )
                            .at_column(fields.len() + 1))
                        }
                        Some(b'"') if b.get(self.pos + 1) == Some(&b'"') => self.pos += 2,
                        Some(b'"') => {
                            self.pos += 1;
                            break self.pos - 1;
                        }
                        Some(b'\n') => {
                            self.line += 1;
                            self.pos += 1;
                        }
                        Some(_) => self.pos += 1,
                    }
                };
                while self.pos < b.len() && matches!(b[self.pos], b' ' | b'\r') {
                    self.pos += 1;
                }
                fields.push(Field { start, end });
                match b.get(self.pos) {
                    None => return Ok(Some(record_line)),
                    Some(b'\n') => {
                        self.pos += 1;
                        self.line += 1;
                        return Ok(Some(record_line));
                    }
                    Some(&c) if c == self.delim => self.pos += 1,
                    Some(_) => {
                        return Err(Diagnostic::error(
                            self.line,
                            "unexpected text after a closing quote: expected a delimiter or the end of the line",
                        )
                        .at_column(fields.len()))
                    }
                }
            } else {
                let start = self.pos;
                let delim = self.delim;
                let mut p = self.pos;
                while p < b.len() && b[p] != delim && b[p] != b'\n' {
                    p += 1;
                }
                let mut end = p;
                while end > start && matches!(b[end - 1], b' ' | b'\t' | b'\r') {
                    end -= 1;
                }
                fields.push(Field { start, end });
                self.pos = p;
                match b.get(p) {
                    None => return Ok(Some(record_line)),
                    Some(b'\n') => {
                        self.pos += 1;
                        self.line += 1;
                        return Ok(Some(record_line));
                    }
                    Some(_) => self.pos += 1,
                }
            }
        }
    }
}

/// A value cell: a number, nothing usable (empty, NaN), or not a number.
/// An infinite value is a number, so it meets the range check like 1e16.
enum Cell {
    Num(f64),
    Missing,
    Invalid,
}

/// Parses a count or latency cell. Plain digits take a fast path.
#[inline]
fn number(b: &[u8]) -> Cell {
    if b.is_empty() {
        return Cell::Missing;
    }
    if b.len() <= 15 {
        let mut v: u64 = 0;
        let mut bad = false;
        for &c in b {
            let d = c.wrapping_sub(b'0');
            bad |= d > 9;
            v = v * 10 + u64::from(d);
        }
        if !bad {
            return Cell::Num(v as f64);
        }
    }
    match std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    {
        Some(v) if v.is_nan() => Cell::Missing,
        Some(v) => Cell::Num(v),
        None => Cell::Invalid,
    }
}

/// A number written with a decimal comma (`99,5`), as semicolon files from
/// European locales have it; only tried when the comma is not the delimiter.
fn decimal_comma_number(b: &[u8]) -> Cell {
    let mut buf = [0u8; 64];
    if b.len() > buf.len() || b.iter().filter(|&&c| c == b',').count() != 1 || b.contains(&b'.') {
        return Cell::Invalid;
    }
    for (d, &c) in buf.iter_mut().zip(b) {
        *d = if c == b',' { b'.' } else { c };
    }
    number(&buf[..b.len()])
}

/// Shows a cell in a message, shortened and quoted.
fn shown(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// How the value columns make good and total.
#[derive(Debug, Clone, Copy)]
enum Plan {
    GoodTotal { good: usize, total: usize },
    BadTotal { bad: usize, total: usize },
    GoodBad { good: usize, bad: usize },
    Ratio { col: usize, error: bool, scale: f64 },
    Latency { col: usize, threshold_in_unit: f64 },
    Up { col: usize },
}

/// The header's names (quotes removed), unescaped.
fn header_names(text: &str, fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            text.get(f.start..f.end)
                .unwrap_or_default()
                .replace("\"\"", "\"")
        })
        .collect()
}

/// Decides from the header what each column is and how rows become counts.
fn plan(
    names: &[String],
    opts: &IngestOptions,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<(usize, DataKind, Plan), Vec<Diagnostic>> {
    let mut time = None;
    let (mut good, mut bad, mut total, mut latency, mut up, mut ratio) =
        (None, None, None, None, None, None);
    for (i, name) in names.iter().enumerate() {
        let Some(r) = role(name) else {
            if !name.is_empty() {
                diags.push(
                    Diagnostic::info(line, format!("column \"{name}\" is not used"))
                        .at_column(i + 1),
                );
            }
            continue;
        };
        let slot = match r {
            Role::Time => &mut time,
            Role::Good => &mut good,
            Role::Bad => &mut bad,
            Role::Total => &mut total,
            Role::Up => &mut up,
            Role::Latency { .. } => &mut latency,
            Role::Ratio { .. } => &mut ratio,
        };
        if slot.is_some() {
            diags.push(
                Diagnostic::info(
                    line,
                    format!(
                        "column \"{name}\" is a second {} column and is not used",
                        r.name()
                    ),
                )
                .at_column(i + 1),
            );
        } else {
            *slot = Some((i, r));
        }
    }
    let found = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let Some((time, _)) = time else {
        return Err(vec![Diagnostic::error(
            line,
            format!(
                "no timestamp column: expected a column named timestamp, time or ts; found {found}"
            ),
        )]);
    };
    let ignore = |what: Option<(usize, Role)>, why: &str, diags: &mut Vec<Diagnostic>| {
        if let Some((i, r)) = what {
            diags.push(
                Diagnostic::info(
                    line,
                    format!("column \"{}\" ({}) is not used: {why}", names[i], r.name()),
                )
                .at_column(i + 1),
            );
        }
    };
    let counts = match (good, bad, total) {
        (Some((g, _)), b, Some((t, _))) => {
            ignore(b, "good and total are used", diags);
            Some(Plan::GoodTotal { good: g, total: t })
        }
        (None, Some((b, _)), Some((t, _))) => Some(Plan::BadTotal { bad: b, total: t }),
        (Some((g, _)), Some((b, _)), None) => Some(Plan::GoodBad { good: g, bad: b }),
        _ => None,
    };
    if let Some(p) = counts {
        ignore(latency, "the counts are used", diags);
        ignore(up, "the counts are used", diags);
        ignore(ratio, "the counts are used", diags);
        return Ok((time, DataKind::Counts, p));
    }
    if let Some((col, Role::Ratio { error, scale })) = ratio {
        ignore(latency, "the ratio is used", diags);
        ignore(up, "the ratio is used", diags);
        ignore(
            good.or(bad).or(total),
            "a single count column cannot make a ratio",
            diags,
        );
        let how = if error {
            "an error ratio: good = 1 - ratio"
        } else {
            "a success ratio: good = ratio"
        };
        diags.push(
            Diagnostic::info(
                line,
                format!(
                    "column \"{}\" is read as {how}, one event per row",
                    names[col]
                ),
            )
            .at_column(col + 1),
        );
        return Ok((time, DataKind::Counts, Plan::Ratio { col, error, scale }));
    }
    if let Some((
        col,
        Role::Latency {
            per_second,
            unit_known,
        },
    )) = latency
    {
        let Some(threshold) = opts
            .latency_threshold_seconds
            .filter(|t| t.is_finite() && *t >= 0.0)
        else {
            return Err(vec![Diagnostic::error(
                line,
                format!(
                    "column \"{}\" holds latency samples: set a latency threshold (for example 0.3 s) so that \
                     faster requests count as good",
                    names[col]
                ),
            )
            .at_column(col + 1)]);
        };
        if !unit_known {
            diags.push(
                Diagnostic::warning(
                    line,
                    format!("column \"{}\" names no unit; its values are taken as seconds (name it latency_ms for milliseconds)", names[col]),
                )
                .at_column(col + 1),
            );
        }
        ignore(up, "the latency samples are used", diags);
        ignore(
            good.or(bad).or(total),
            "a single count column cannot make a ratio",
            diags,
        );
        return Ok((
            time,
            DataKind::Latency,
            Plan::Latency {
                col,
                threshold_in_unit: threshold * per_second,
            },
        ));
    }
    if let Some((col, _)) = up {
        ignore(
            good.or(bad).or(total),
            "a single count column cannot make a ratio",
            diags,
        );
        return Ok((time, DataKind::Probe, Plan::Up { col }));
    }
    Err(vec![Diagnostic::error(
        line,
        format!(
            "no value columns: expected two of good, bad (or errors), total (or requests, count); or an error or \
             success ratio; or a latency column with its unit (latency_ms); or up; found {found}"
        ),
    )])
}

/// Rows expected after `from`, judged by the length of the next 64 lines
/// (a little over, so the row vectors are allocated once).
fn estimate_rows(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    let sample_end = rest
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == b'\n')
        .nth(63)
        .map_or(rest.len(), |(i, _)| i + 1);
    let per_line = (sample_end / 64).max(8);
    rest.len() / per_line + rest.len() / per_line / 16 + 16
}

/// Reads delimited text into raw rows.
pub(super) fn read(
    text: &str,
    opts: &IngestOptions,
    progress: &mut dyn FnMut(f64) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    let b = text.as_bytes();
    let delim = sniff_delimiter(b);
    let mut sc = Scanner {
        b,
        pos: 0,
        line: 1,
        delim,
    };
    let mut fields: Vec<Field> = Vec::with_capacity(8);
    let Some(first_line) = sc.next(&mut fields).map_err(|e| vec![e])? else {
        return Err(vec![Diagnostic::error(
            0,
            "no data: the input is empty (or only blank lines and comments)",
        )]);
    };
    let first_is_data = fields
        .first()
        .is_some_and(|f| time::parse(&b[f.start..f.end]).is_some());
    let (columns, pending_first) = if first_is_data {
        if fields.len() != 3 {
            return Err(vec![Diagnostic::error(
                first_line,
                format!(
                    "no header line and {} fields: add a header naming the columns, for example timestamp,good,total",
                    fields.len()
                ),
            )]);
        }
        diags.push(Diagnostic::info(
            first_line,
            "no header line: the columns are taken as timestamp, good, total",
        ));
        (
            vec![
                "timestamp".to_string(),
                "good".to_string(),
                "total".to_string(),
            ],
            true,
        )
    } else {
        (header_names(text, &fields), false)
    };
    let (time_col, kind, plan) = plan(&columns, opts, first_line, diags)?;
    let needed = 1 + match plan {
        Plan::GoodTotal { good: a, total: c }
        | Plan::BadTotal { bad: a, total: c }
        | Plan::GoodBad { good: a, bad: c } => time_col.max(a).max(c),
        Plan::Latency { col, .. } | Plan::Up { col } | Plan::Ratio { col, .. } => time_col.max(col),
    };

    let mut rows = Rows::with_capacity(estimate_rows(b, sc.pos));
    let mut errors = Errors::default();
    let (mut zone_less, mut first_zone_less) = (0usize, 0usize);
    let (mut zoned, mut epoch) = (false, false);
    // Rows skipped for an empty/NaN value: count, first and last line.
    let (mut skipped, mut first_skipped, mut last_skipped) = (0usize, 0usize, 0usize);
    let mut count = 0usize;
    let mut line = first_line;
    let mut have_record = pending_first;
    let mut clock = time::Parser::default();
    loop {
        if !have_record {
            match sc.next(&mut fields) {
                Ok(Some(l)) => line = l,
                Ok(None) => break,
                Err(e) => {
                    errors.push(e);
                    break;
                }
            }
        }
        have_record = false;
        count += 1;
        if count.is_multiple_of(PROGRESS_EVERY) && !progress(sc.pos as f64 / b.len().max(1) as f64)
        {
            return Err(vec![super::cancelled()]);
        }
        if fields.len() < needed {
            errors.push(
                Diagnostic::error(
                    line,
                    format!("expected at least {needed} fields, found {}", fields.len()),
                )
                .at_column(fields.len() + 1),
            );
            continue;
        }
        let cell = |i: usize| -> &[u8] { fields.get(i).map_or(&[][..], |f| &b[f.start..f.end]) };
        let tb = cell(time_col);
        let t = match clock.parse(tb) {
            Some((t, style)) => {
                match style {
                    Style::Local => {
                        zone_less += 1;
                        if first_zone_less == 0 {
                            first_zone_less = line;
                        }
                    }
                    Style::Zoned => zoned = true,
                    Style::Epoch => epoch = true,
                }
                t
            }
            None => {
                errors.push(
                    Diagnostic::error(
                        line,
                        format!("expected {}, found {}", time::EXPECTED, shown(tb)),
                    )
                    .at_column(time_col + 1),
                );
                continue;
            }
        };
        // A value cell: a non-negative number, or a row skipped for being empty/NaN.
        let mut value = |i: usize, what: &str| -> Option<f64> {
            let raw = cell(i);
            let parsed = match number(raw) {
                Cell::Invalid if delim != b',' => decimal_comma_number(raw),
                parsed => parsed,
            };
            match parsed {
                Cell::Num(v) if (0.0..=super::MAX_VALUE).contains(&v) => Some(v),
                Cell::Num(v) if v < 0.0 => {
                    errors.push(
                        Diagnostic::error(
                            line,
                            format!("expected a {what} of zero or more, found {v}"),
                        )
                        .at_column(i + 1),
                    );
                    None
                }
                Cell::Num(v) => {
                    errors.push(
                        Diagnostic::error(
                            line,
                            format!("expected a {what} below 10^15, found {v}"),
                        )
                        .at_column(i + 1),
                    );
                    None
                }
                Cell::Missing => {
                    if last_skipped != line {
                        skipped += 1;
                        last_skipped = line;
                    }
                    if first_skipped == 0 {
                        first_skipped = line;
                    }
                    None
                }
                Cell::Invalid => {
                    errors.push(
                        Diagnostic::error(
                            line,
                            format!("expected a {what} (a number), found {}", shown(raw)),
                        )
                        .at_column(i + 1),
                    );
                    None
                }
            }
        };
        let (good, total) = match plan {
            Plan::GoodTotal { good, total } => {
                let (Some(g), Some(n)) = (value(good, "good count"), value(total, "total count"))
                else {
                    continue;
                };
                if g > n {
                    errors.push(
                        Diagnostic::error(line, format!("good ({g}) is greater than total ({n}) in field {}: expected good <= total", total + 1))
                            .at_column(good + 1),
                    );
                    continue;
                }
                (g, n)
            }
            Plan::BadTotal { bad, total } => {
                let (Some(e), Some(n)) = (value(bad, "bad count"), value(total, "total count"))
                else {
                    continue;
                };
                if e > n {
                    errors.push(
                        Diagnostic::error(line, format!("bad ({e}) is greater than total ({n}) in field {}: expected bad <= total", total + 1))
                            .at_column(bad + 1),
                    );
                    continue;
                }
                (n - e, n)
            }
            Plan::GoodBad { good, bad } => {
                let (Some(g), Some(e)) = (value(good, "good count"), value(bad, "bad count"))
                else {
                    continue;
                };
                (g, g + e)
            }
            Plan::Ratio { col, error, scale } => {
                let Some(v) = value(col, "ratio") else {
                    continue;
                };
                let r = v * scale;
                if r > 1.0 {
                    let expected = if scale == 1.0 {
                        "a ratio between 0 and 1"
                    } else {
                        "a percentage between 0 and 100"
                    };
                    errors.push(
                        Diagnostic::error(line, format!("expected {expected}, found {v}"))
                            .at_column(col + 1),
                    );
                    continue;
                }
                (if error { 1.0 - r } else { r }, 1.0)
            }
            Plan::Latency {
                col,
                threshold_in_unit,
            } => {
                let Some(v) = value(col, "latency") else {
                    continue;
                };
                // A hair of tolerance so 300 ms is good against 0.3 s despite binary fractions.
                (
                    if v <= threshold_in_unit * (1.0 + 1e-12) {
                        1.0
                    } else {
                        0.0
                    },
                    1.0,
                )
            }
            Plan::Up { col } => {
                let raw = cell(col);
                let is = |word: &[u8]| raw.eq_ignore_ascii_case(word);
                let up = if is(b"true") || is(b"up") || is(b"yes") {
                    Some(1.0)
                } else if is(b"false") || is(b"down") || is(b"no") {
                    Some(0.0)
                } else {
                    match number(raw) {
                        Cell::Num(v) if (0.0..=1.0).contains(&v) => Some(v),
                        Cell::Missing => {
                            skipped += 1;
                            if first_skipped == 0 {
                                first_skipped = line;
                            }
                            continue;
                        }
                        _ => None,
                    }
                };
                let Some(up) = up else {
                    errors.push(
                        Diagnostic::error(
                            line,
                            format!("expected 1 (up) or 0 (down), found {}", shown(raw)),
                        )
                        .at_column(col + 1),
                    );
                    continue;
                };
                (up, 1.0)
            }
        };
        rows.push(t, good, total, line);
    }
    if !errors.is_empty() {
        return Err(errors.into_vec());
    }
    if zone_less > 0 {
        let mixed = if zoned || epoch {
            "; other rows carry a zone or are Unix times, so check that all rows use the same clock"
        } else {
            ""
        };
        diags.push(Diagnostic::info(
            first_zone_less,
            format!("{zone_less} timestamps have no time zone (first at line {first_zone_less}) and were read as UTC{mixed}"),
        ));
    }
    if skipped > 0 {
        diags.push(Diagnostic::warning(
            first_skipped,
            format!(
                "{skipped} {} an empty or NaN value and {} skipped (first at line {first_skipped})",
                if skipped == 1 { "row has" } else { "rows have" },
                if skipped == 1 { "was" } else { "were" },
            ),
        ));
    }
    Ok(Read {
        format: DataFormat::Csv { delimiter: delim },
        kind,
        columns,
        rows,
        row_count: count,
        may_be_cumulative: !matches!(plan, Plan::Ratio { .. }) && kind == DataKind::Counts,
        samples: kind == DataKind::Latency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_roles_come_from_whole_words_in_priority_order() {
        assert_eq!(role("Timestamp"), Some(Role::Time));
        assert_eq!(role("TS"), Some(Role::Time));
        assert_eq!(role("error_count"), Some(Role::Bad));
        assert_eq!(role("Errors"), Some(Role::Bad));
        assert_eq!(role("good_events"), Some(Role::Good));
        assert_eq!(role("requests"), Some(Role::Total));
        assert_eq!(role("http_requests_total"), Some(Role::Total));
        assert_eq!(role("up"), Some(Role::Up));
        assert_eq!(role("uptime"), None);
        assert_eq!(
            role("error_ratio"),
            Some(Role::Ratio {
                error: true,
                scale: 1.0
            })
        );
        assert_eq!(
            role("Availability (%)"),
            Some(Role::Ratio {
                error: false,
                scale: 0.01
            })
        );
        assert_eq!(
            role("SLI"),
            Some(Role::Ratio {
                error: false,
                scale: 1.0
            })
        );
        assert_eq!(
            role("availability_percent"),
            Some(Role::Ratio {
                error: false,
                scale: 0.01
            })
        );
        assert_eq!(role("notes"), None);
    }

    #[test]
    fn latency_units_are_read_from_the_name() {
        let per_second = |n: &str| match role(n) {
            Some(Role::Latency {
                per_second,
                unit_known: true,
            }) => Some(per_second),
            _ => None,
        };
        assert_eq!(per_second("latency_ms"), Some(1e3));
        assert_eq!(per_second("Latency (ms)"), Some(1e3));
        assert_eq!(per_second("duration_seconds"), Some(1.0));
        assert_eq!(per_second("request_duration_us"), Some(1e6));
        assert_eq!(per_second("latencyMs"), Some(1e3));
        assert_eq!(
            role("latency"),
            Some(Role::Latency {
                per_second: 1.0,
                unit_known: false
            })
        );
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_separator_outside_quotes() {
        assert_eq!(sniff_delimiter(b"a,b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"# x;y;z;w\na\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a,b\";c;d\n"), b';');
        assert_eq!(sniff_delimiter(b"abc\n"), b',');
    }

    #[test]
    fn numbers_take_the_fast_path_or_fall_back_to_float_parsing() {
        assert!(matches!(number(b"12345"), Cell::Num(v) if v == 12345.0));
        assert!(matches!(number(b"12.5"), Cell::Num(v) if v == 12.5));
        assert!(matches!(number(b"1e3"), Cell::Num(v) if v == 1000.0));
        assert!(matches!(number(b"NaN"), Cell::Missing));
        assert!(matches!(number(b""), Cell::Missing));
        assert!(matches!(number(b"12x"), Cell::Invalid));
    }

    #[test]
    fn a_decimal_comma_is_read_only_when_it_is_the_one_separator() {
        assert!(matches!(decimal_comma_number(b"99,5"), Cell::Num(v) if v == 99.5));
        assert!(matches!(decimal_comma_number(b"1,000,5"), Cell::Invalid));
        assert!(matches!(decimal_comma_number(b"1.000,5"), Cell::Invalid));
    }
}
