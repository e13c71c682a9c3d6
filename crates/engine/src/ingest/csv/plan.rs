//! Header planning: which delimiter, whether the first record is a header,
//! and what each column means.
//!
//! Owns: sniffing the delimiter, detecting a missing header, recognising
//! column roles by name (case-insensitive, units in the name) and choosing
//! how rows become good/total (`Plan`), with the notes that say which
//! columns are used and why. Runs once per input; it does not read rows
//! (`rows` does).

use super::scan::{Field, Scanner};
use crate::diag::Diagnostic;
use crate::ingest::{time, DataKind, IngestOptions};

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
pub(super) fn sniff_delimiter(b: &[u8]) -> u8 {
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

/// The first record, read as the header (or as data when it has none).
pub(super) struct Header {
    /// Line of the first record.
    pub(super) line: usize,
    /// Column names, from the header or assumed.
    pub(super) columns: Vec<String>,
    /// The first record is a data row still to be read.
    pub(super) first_is_data: bool,
}

/// Reads the first record into `fields` and decides whether it is a header:
/// a record that starts with a timestamp is data, and must then be
/// `timestamp,good,total`.
pub(super) fn header(
    text: &str,
    sc: &mut Scanner,
    fields: &mut Vec<Field>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Header, Vec<Diagnostic>> {
    let b = text.as_bytes();
    let Some(line) = sc.next(fields).map_err(|e| vec![e])? else {
        return Err(vec![Diagnostic::error(
            0,
            "no data: the input is empty (or only blank lines and comments)",
        )]);
    };
    let first_is_data = fields
        .first()
        .is_some_and(|f| time::parse(&b[f.start..f.end]).is_some());
    if !first_is_data {
        return Ok(Header {
            line,
            columns: header_names(text, fields),
            first_is_data,
        });
    }
    if fields.len() != 3 {
        return Err(vec![Diagnostic::error(
            line,
            format!(
                "no header line and {} fields: add a header naming the columns, for example timestamp,good,total",
                fields.len()
            ),
        )]);
    }
    diags.push(Diagnostic::info(
        line,
        "no header line: the columns are taken as timestamp, good, total",
    ));
    Ok(Header {
        line,
        columns: vec![
            "timestamp".to_string(),
            "good".to_string(),
            "total".to_string(),
        ],
        first_is_data,
    })
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

/// How the value columns make good and total.
#[derive(Debug, Clone, Copy)]
pub(super) enum Plan {
    GoodTotal { good: usize, total: usize },
    BadTotal { bad: usize, total: usize },
    GoodBad { good: usize, bad: usize },
    Ratio { col: usize, error: bool, scale: f64 },
    Latency { col: usize, threshold_in_unit: f64 },
    Up { col: usize },
}

impl Plan {
    /// Fields a row needs so that every column the plan reads is there.
    pub(super) fn needed(self, time_col: usize) -> usize {
        1 + match self {
            Plan::GoodTotal { good: a, total: c }
            | Plan::BadTotal { bad: a, total: c }
            | Plan::GoodBad { good: a, bad: c } => time_col.max(a).max(c),
            Plan::Latency { col, .. } | Plan::Up { col } | Plan::Ratio { col, .. } => {
                time_col.max(col)
            }
        }
    }
}

/// A column and the role its name gives it.
type Column = Option<(usize, Role)>;

/// The first column of each role; later ones are noted as unused.
#[derive(Default)]
struct Roles {
    time: Column,
    good: Column,
    bad: Column,
    total: Column,
    latency: Column,
    up: Column,
    ratio: Column,
}

impl Roles {
    /// A single count column, which alone cannot make a ratio.
    fn lone_count(&self) -> Column {
        self.good.or(self.bad).or(self.total)
    }
}

/// Where planning notes go: the header's names and line.
struct Notes<'a> {
    names: &'a [String],
    line: usize,
}

impl Notes<'_> {
    /// Says that a recognised column is not used, and why.
    fn unused(&self, what: Column, why: &str, diags: &mut Vec<Diagnostic>) {
        if let Some((i, r)) = what {
            diags.push(
                Diagnostic::info(
                    self.line,
                    format!(
                        "column \"{}\" ({}) is not used: {why}",
                        self.names[i],
                        r.name()
                    ),
                )
                .at_column(i + 1),
            );
        }
    }

    /// The header's names, quoted, for error messages.
    fn found(&self) -> String {
        self.names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The column of each grouping label (named exactly after it), in the
/// grouping's order; `None` for a label without a column, which is noted
/// when others have one.
pub(super) fn label_columns(
    names: &[String],
    group_by: &[String],
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    let cols: Vec<Option<usize>> = group_by
        .iter()
        .map(|l| names.iter().position(|n| n.trim() == l))
        .collect();
    if cols.iter().any(Option::is_some) {
        for (label, col) in group_by.iter().zip(&cols) {
            match col {
                Some(i) => diags.push(
                    Diagnostic::info(
                        line,
                        format!("column \"{label}\" is the grouping label {label}: rows are read per label set"),
                    )
                    .at_column(i + 1),
                ),
                None => diags.push(Diagnostic::info(
                    line,
                    format!("no column for the grouping label {label}: its value is empty in every label set"),
                )),
            }
        }
    }
    cols
}

/// Gives each column its role; notes unnamed-role and second columns.
/// `taken` columns are grouping labels and have none.
fn assign_roles(
    names: &[String],
    taken: &[usize],
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Roles {
    let mut roles = Roles::default();
    for (i, name) in names.iter().enumerate() {
        if taken.contains(&i) {
            continue;
        }
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
            Role::Time => &mut roles.time,
            Role::Good => &mut roles.good,
            Role::Bad => &mut roles.bad,
            Role::Total => &mut roles.total,
            Role::Up => &mut roles.up,
            Role::Latency { .. } => &mut roles.latency,
            Role::Ratio { .. } => &mut roles.ratio,
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
    roles
}

/// Decides from the header what each column is and how rows become counts.
/// Counts win over a ratio, a ratio over latency, latency over up.
pub(super) fn plan(
    names: &[String],
    taken: &[usize],
    opts: &IngestOptions,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<(usize, DataKind, Plan), Vec<Diagnostic>> {
    let roles = assign_roles(names, taken, line, diags);
    let notes = Notes { names, line };
    let Some((time, _)) = roles.time else {
        return Err(vec![Diagnostic::error(
            line,
            format!(
                "no timestamp column: expected a column named timestamp, time or ts; found {}",
                notes.found()
            ),
        )]);
    };
    if let Some(p) = count_plan(&roles, &notes, diags) {
        return Ok((time, DataKind::Counts, p));
    }
    if let Some(p) = ratio_plan(&roles, &notes, diags) {
        return Ok((time, DataKind::Counts, p));
    }
    if let Some(p) = latency_plan(&roles, opts, &notes, diags)? {
        return Ok((time, DataKind::Latency, p));
    }
    if let Some((col, _)) = roles.up {
        notes.unused(
            roles.lone_count(),
            "a single count column cannot make a ratio",
            diags,
        );
        return Ok((time, DataKind::Probe, Plan::Up { col }));
    }
    Err(vec![Diagnostic::error(
        line,
        format!(
            "no value columns: expected two of good, bad (or errors), total (or requests, count); or an error or \
             success ratio; or a latency column with its unit (latency_ms); or up; found {}",
            notes.found()
        ),
    )])
}

/// Two of good, bad and total; good and total win when all three are there.
fn count_plan(roles: &Roles, notes: &Notes, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let plan = match (roles.good, roles.bad, roles.total) {
        (Some((g, _)), b, Some((t, _))) => {
            notes.unused(b, "good and total are used", diags);
            Plan::GoodTotal { good: g, total: t }
        }
        (None, Some((b, _)), Some((t, _))) => Plan::BadTotal { bad: b, total: t },
        (Some((g, _)), Some((b, _)), None) => Plan::GoodBad { good: g, bad: b },
        _ => return None,
    };
    for other in [roles.latency, roles.up, roles.ratio] {
        notes.unused(other, "the counts are used", diags);
    }
    Some(plan)
}

/// A success or error ratio, one event per row.
fn ratio_plan(roles: &Roles, notes: &Notes, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let Some((col, Role::Ratio { error, scale })) = roles.ratio else {
        return None;
    };
    notes.unused(roles.latency, "the ratio is used", diags);
    notes.unused(roles.up, "the ratio is used", diags);
    notes.unused(
        roles.lone_count(),
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
            notes.line,
            format!(
                "column \"{}\" is read as {how}, one event per row",
                notes.names[col]
            ),
        )
        .at_column(col + 1),
    );
    Some(Plan::Ratio { col, error, scale })
}

/// Latency samples against the threshold in the options, which must be set.
fn latency_plan(
    roles: &Roles,
    opts: &IngestOptions,
    notes: &Notes,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Plan>, Vec<Diagnostic>> {
    let Some((
        col,
        Role::Latency {
            per_second,
            unit_known,
        },
    )) = roles.latency
    else {
        return Ok(None);
    };
    let name = &notes.names[col];
    let Some(threshold) = opts
        .latency_threshold_seconds
        .filter(|t| t.is_finite() && *t >= 0.0)
    else {
        return Err(vec![Diagnostic::error(
            notes.line,
            format!(
                "column \"{name}\" holds latency samples: set a latency threshold (for example 0.3 s) so that \
                 faster requests count as good"
            ),
        )
        .at_column(col + 1)]);
    };
    if !unit_known {
        diags.push(
            Diagnostic::warning(
                notes.line,
                format!("column \"{name}\" names no unit; its values are taken as seconds (name it latency_ms for milliseconds)"),
            )
            .at_column(col + 1),
        );
    }
    notes.unused(roles.up, "the latency samples are used", diags);
    notes.unused(
        roles.lone_count(),
        "a single count column cannot make a ratio",
        diags,
    );
    Ok(Some(Plan::Latency {
        col,
        threshold_in_unit: threshold * per_second,
    }))
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
}
