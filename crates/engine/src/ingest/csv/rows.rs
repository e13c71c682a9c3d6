//! Row reading: every record after the header turned into a timestamp and
//! good/total, by the `Plan` the header gave.
//!
//! Owns: reading cells as timestamps and numbers (decimal commas, empty and
//! NaN cells skipped), the checks on each value with errors that name line
//! and field, progress and cancellation, and the notes on zone-less times
//! and skipped rows. It does not decide what columns mean (`plan`) and does
//! not sort, merge or difference rows (`finish` in `ingest` does). The row
//! loop allocates nothing and calls nothing dynamically, except progress
//! every `PROGRESS_EVERY` rows; keep it so.

use super::plan::{Header, Plan};
use super::scan::{Field, Scanner};
use crate::diag::Diagnostic;
use crate::ingest::labels::SetIndex;
use crate::ingest::time::{self, Style};
use crate::ingest::{cancelled, Errors, Rows, MAX_VALUE};

/// Rows between two progress reports.
const PROGRESS_EVERY: usize = 1 << 16;

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

/// What the row loop needs from the header.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub(super) time_col: usize,
    pub(super) plan: Plan,
    pub(super) delim: u8,
}

/// Where a grouped SLO's labels are, and the label sets met so far.
pub(super) struct Labels {
    /// Column of each grouping label, in the grouping's order.
    pub(super) cols: Vec<Option<usize>>,
    pub(super) index: SetIndex,
}

impl Labels {
    /// The label set of the record: a lookup that allocates only for a new set.
    fn set_of(&mut self, b: &[u8], fields: &[Field]) -> Result<u32, String> {
        let cols = &self.cols;
        self.index.find_or_add(
            cols.iter()
                .map(|c| c.map_or(&[][..], |c| cell(b, fields, c))),
        )
    }
}

/// Reads every record after the header into rows (each in its label set
/// when there are `Labels`); returns them with the number of records read
/// (good or not).
pub(super) fn read_rows(
    b: &[u8],
    sc: &mut Scanner,
    fields: &mut Vec<Field>,
    header: &Header,
    (layout, labels): (Layout, Option<&mut Labels>),
    progress: &mut dyn FnMut(f64) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Rows, usize), Vec<Diagnostic>> {
    let from = (header.line, header.first_is_data);
    read_chunk(b, sc, fields, from, (layout, labels), progress)?.finish(diags)
}

/// What one run of the row loop read, before its notes are told: chunks of
/// one file read apart (`split`) are appended in file order, then finished.
pub(super) struct Chunk {
    rows: Rows,
    count: usize,
    tally: Tally,
    errors: Errors,
}

impl Chunk {
    /// Appends the chunk that follows this one in the file.
    pub(super) fn append(&mut self, mut next: Chunk) {
        let (rows, more) = (&mut self.rows, &mut next.rows);
        rows.t.append(&mut more.t);
        rows.good.append(&mut more.good);
        rows.total.append(&mut more.total);
        rows.line.append(&mut more.line);
        rows.set.append(&mut more.set);
        self.count += next.count;
        self.tally.append(&next.tally);
        for e in next.errors.list {
            self.errors.push(e);
        }
        self.errors.more += next.errors.more;
    }

    /// The rows and the number of records, or the errors; the notes on
    /// zone-less times and skipped rows go to `diags`.
    pub(super) fn finish(
        self,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<(Rows, usize), Vec<Diagnostic>> {
        if !self.errors.is_empty() {
            return Err(self.errors.into_vec());
        }
        self.tally.report(diags);
        Ok((self.rows, self.count))
    }
}

/// The row loop from the scanner's position to the end of `b`. `from` is
/// the line before the first record and whether that record is already in
/// `fields` (a headerless file's first row). Fails only when cancelled.
pub(super) fn read_chunk(
    b: &[u8],
    sc: &mut Scanner,
    fields: &mut Vec<Field>,
    (mut line, mut have_record): (usize, bool),
    (layout, mut labels): (Layout, Option<&mut Labels>),
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Chunk, Vec<Diagnostic>> {
    let mut reader = RowReader::new(b, layout);
    if let Some(l) = &labels {
        let last = l.cols.iter().flatten().max().map_or(0, |c| c + 1);
        reader.needed = reader.needed.max(last);
    }
    let mut rows = Rows::with_capacity(estimate_rows(b, sc.pos));
    let mut count = 0usize;
    loop {
        if !have_record {
            match sc.next(fields) {
                Ok(Some(l)) => line = l,
                Ok(None) => break,
                Err(e) => {
                    reader.errors.push(e);
                    break;
                }
            }
        }
        have_record = false;
        count += 1;
        if count.is_multiple_of(PROGRESS_EVERY) && !progress(sc.pos as f64 / b.len().max(1) as f64)
        {
            return Err(vec![cancelled()]);
        }
        let Some((t, good, total)) = reader.row(fields, line) else {
            continue;
        };
        match labels.as_deref_mut().map(|l| l.set_of(b, fields)) {
            None => rows.push(t, good, total, line),
            Some(Ok(set)) => rows.push_in(set, t, good, total, line),
            Some(Err(message)) => {
                reader.errors.push(Diagnostic::error(line, message));
                break;
            }
        }
    }
    Ok(Chunk {
        rows,
        count,
        tally: reader.tally,
        errors: reader.errors,
    })
}

/// The bytes of field `i` of the record, empty when the record is short.
#[inline]
fn cell<'a>(b: &'a [u8], fields: &[Field], i: usize) -> &'a [u8] {
    fields.get(i).map_or(&[][..], |f| &b[f.start..f.end])
}

/// What rows said beside their values, told once at the end.
#[derive(Default)]
struct Tally {
    /// Timestamps without a zone: count and first line.
    zone_less: usize,
    first_zone_less: usize,
    zoned: bool,
    epoch: bool,
    /// Rows skipped for an empty/NaN value: count, first and last line.
    skipped: usize,
    first_skipped: usize,
    last_skipped: usize,
}

impl Tally {
    #[inline]
    fn clock(&mut self, style: Style, line: usize) {
        match style {
            Style::Local => {
                self.zone_less += 1;
                if self.first_zone_less == 0 {
                    self.first_zone_less = line;
                }
            }
            Style::Zoned => self.zoned = true,
            Style::Epoch => self.epoch = true,
        }
    }

    /// Counts a row skipped for a missing value, once per line.
    fn missing(&mut self, line: usize) {
        if self.last_skipped != line {
            self.skipped += 1;
            self.last_skipped = line;
        }
        if self.first_skipped == 0 {
            self.first_skipped = line;
        }
    }

    /// Counts a probe row skipped for a missing value.
    fn missing_probe(&mut self, line: usize) {
        self.skipped += 1;
        if self.first_skipped == 0 {
            self.first_skipped = line;
        }
    }

    /// Adds the tally of the chunk that follows in the file.
    fn append(&mut self, next: &Tally) {
        self.zone_less += next.zone_less;
        if self.first_zone_less == 0 {
            self.first_zone_less = next.first_zone_less;
        }
        self.zoned |= next.zoned;
        self.epoch |= next.epoch;
        self.skipped += next.skipped;
        if self.first_skipped == 0 {
            self.first_skipped = next.first_skipped;
        }
        if next.last_skipped != 0 {
            self.last_skipped = next.last_skipped;
        }
    }

    /// Notes zone-less timestamps and skipped rows.
    fn report(&self, diags: &mut Vec<Diagnostic>) {
        let (zone_less, first_zone_less) = (self.zone_less, self.first_zone_less);
        if zone_less > 0 {
            let mixed = if self.zoned || self.epoch {
                "; other rows carry a zone or are Unix times, so check that all rows use the same clock"
            } else {
                ""
            };
            diags.push(Diagnostic::info(
                first_zone_less,
                format!("{zone_less} timestamps have no time zone (first at line {first_zone_less}) and were read as UTC{mixed}"),
            ));
        }
        let (skipped, first_skipped) = (self.skipped, self.first_skipped);
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
    }
}

/// Turns one record at a time into a row, collecting errors and the tally.
struct RowReader<'a> {
    b: &'a [u8],
    layout: Layout,
    needed: usize,
    clock: time::Parser,
    errors: Errors,
    tally: Tally,
}

impl<'a> RowReader<'a> {
    fn new(b: &'a [u8], layout: Layout) -> Self {
        RowReader {
            b,
            layout,
            needed: layout.plan.needed(layout.time_col),
            clock: time::Parser::default(),
            errors: Errors::default(),
            tally: Tally::default(),
        }
    }

    /// The row's time, good and total; `None` when it is skipped or wrong
    /// (the error is recorded). Always inlined, with `timestamp`, so the
    /// row loop stays one function as it was before the split (bench: ingest).
    #[inline(always)]
    fn row(&mut self, fields: &[Field], line: usize) -> Option<(i64, f64, f64)> {
        if fields.len() < self.needed {
            self.errors.push(
                Diagnostic::error(
                    line,
                    format!(
                        "expected at least {} fields, found {}",
                        self.needed,
                        fields.len()
                    ),
                )
                .at_column(fields.len() + 1),
            );
            return None;
        }
        let t = self.timestamp(fields, line)?;
        let (good, total) = self.counts(fields, line)?;
        Some((t, good, total))
    }

    #[inline(always)]
    fn timestamp(&mut self, fields: &[Field], line: usize) -> Option<i64> {
        let col = self.layout.time_col;
        let tb = cell(self.b, fields, col);
        let Some((t, style)) = self.clock.parse(tb) else {
            self.errors.push(
                Diagnostic::error(
                    line,
                    format!("expected {}, found {}", time::EXPECTED, shown(tb)),
                )
                .at_column(col + 1),
            );
            return None;
        };
        self.tally.clock(style, line);
        Some(t)
    }

    /// Good and total from the value columns, by the plan.
    #[inline]
    fn counts(&mut self, fields: &[Field], line: usize) -> Option<(f64, f64)> {
        match self.layout.plan {
            Plan::GoodTotal { good, total } => {
                self.part_of_total(fields, line, ("good", "good count", good), total)
            }
            Plan::BadTotal { bad, total } => {
                let (e, n) = self.part_of_total(fields, line, ("bad", "bad count", bad), total)?;
                Some((n - e, n))
            }
            Plan::GoodBad { good, bad } => {
                let (g, e) = (
                    self.value(fields, line, good, "good count"),
                    self.value(fields, line, bad, "bad count"),
                );
                let (g, e) = (g?, e?);
                Some((g, g + e))
            }
            Plan::Ratio { col, error, scale } => self.ratio(fields, line, col, error, scale),
            Plan::Latency {
                col,
                threshold_in_unit,
            } => {
                let v = self.value(fields, line, col, "latency")?;
                // A hair of tolerance so 300 ms is good against 0.3 s despite binary fractions.
                let good = if v <= threshold_in_unit * (1.0 + 1e-12) {
                    1.0
                } else {
                    0.0
                };
                Some((good, 1.0))
            }
            Plan::Up { col } => self.up(fields, line, col),
        }
    }

    /// A part (good or bad: its name, its value label and its column) and
    /// the total, checked so the part is no greater than the total.
    #[inline]
    fn part_of_total(
        &mut self,
        fields: &[Field],
        line: usize,
        (what, label, col): (&str, &str, usize),
        total: usize,
    ) -> Option<(f64, f64)> {
        let (p, n) = (
            self.value(fields, line, col, label),
            self.value(fields, line, total, "total count"),
        );
        let (p, n) = (p?, n?);
        if p > n {
            self.errors.push(
                Diagnostic::error(
                    line,
                    format!(
                        "{what} ({p}) is greater than total ({n}) in field {}: expected {what} <= total",
                        total + 1
                    ),
                )
                .at_column(col + 1),
            );
            return None;
        }
        Some((p, n))
    }

    /// One event per row, good by the given share (of bad when `error`).
    fn ratio(
        &mut self,
        fields: &[Field],
        line: usize,
        col: usize,
        error: bool,
        scale: f64,
    ) -> Option<(f64, f64)> {
        let v = self.value(fields, line, col, "ratio")?;
        let r = v * scale;
        if r > 1.0 {
            let expected = if scale == 1.0 {
                "a ratio between 0 and 1"
            } else {
                "a percentage between 0 and 100"
            };
            self.errors.push(
                Diagnostic::error(line, format!("expected {expected}, found {v}"))
                    .at_column(col + 1),
            );
            return None;
        }
        Some((if error { 1.0 - r } else { r }, 1.0))
    }

    /// A probe row: up (true, up, yes, 1), down (false, down, no, 0) or a
    /// share of the row up.
    fn up(&mut self, fields: &[Field], line: usize, col: usize) -> Option<(f64, f64)> {
        let raw = cell(self.b, fields, col);
        let is = |word: &[u8]| raw.eq_ignore_ascii_case(word);
        let up = if is(b"true") || is(b"up") || is(b"yes") {
            Some(1.0)
        } else if is(b"false") || is(b"down") || is(b"no") {
            Some(0.0)
        } else {
            match number(raw) {
                Cell::Num(v) if (0.0..=1.0).contains(&v) => Some(v),
                Cell::Missing => {
                    self.tally.missing_probe(line);
                    return None;
                }
                _ => None,
            }
        };
        let Some(up) = up else {
            self.errors.push(
                Diagnostic::error(
                    line,
                    format!("expected 1 (up) or 0 (down), found {}", shown(raw)),
                )
                .at_column(col + 1),
            );
            return None;
        };
        Some((up, 1.0))
    }

    /// A value cell: a non-negative number, or `None` for a row skipped for
    /// being empty/NaN (tallied) or wrong (the error recorded).
    #[inline]
    fn value(&mut self, fields: &[Field], line: usize, i: usize, what: &str) -> Option<f64> {
        let raw = cell(self.b, fields, i);
        let parsed = match number(raw) {
            Cell::Invalid if self.layout.delim != b',' => decimal_comma_number(raw),
            parsed => parsed,
        };
        let error = match parsed {
            Cell::Num(v) if (0.0..=MAX_VALUE).contains(&v) => return Some(v),
            Cell::Num(v) if v < 0.0 => format!("expected a {what} of zero or more, found {v}"),
            Cell::Num(v) => format!("expected a {what} below 10^15, found {v}"),
            Cell::Missing => {
                self.tally.missing(line);
                return None;
            }
            Cell::Invalid => format!("expected a {what} (a number), found {}", shown(raw)),
        };
        self.errors
            .push(Diagnostic::error(line, error).at_column(i + 1));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
