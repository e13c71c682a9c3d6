//! Replaying a paste without its bad rows: which lines the parse errors
//! name, the text with those lines blanked, and the offer in words.
//!
//! It works on the text and on the errors `ingest` returned, so `ingest`
//! stays strict and knows nothing of it. Blank lines are skipped by the CSV
//! reader, so blanking a line keeps every other line's number and the
//! diagnostics of the replay still point at the lines as pasted. It must not
//! parse data itself nor guess a fix for a row: a bad row is left out, never
//! repaired.

use crate::diag::{Diagnostic, Level};

/// The lines to leave out when every error names one data row, or `None`
/// when an error concerns the whole input (line 0, or errors beyond the
/// listed ones), the header line, or JSON, which has no rows to leave out.
pub fn skippable_lines(text: &str, errors: &[Diagnostic]) -> Option<Vec<usize>> {
    let header = first_content_line(text)?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return None;
    }
    let mut lines = Vec::new();
    for e in errors.iter().filter(|e| e.level == Level::Error) {
        if e.line == 0 || e.line <= header {
            return None;
        }
        lines.push(e.line);
    }
    lines.sort_unstable();
    lines.dedup();
    (!lines.is_empty()).then_some(lines)
}

/// 1-based number of the first line that is not blank: the header, or the
/// first row of a file without one.
fn first_content_line(text: &str) -> Option<usize> {
    text.split('\n')
        .position(|l| !l.trim_matches(['\u{feff}', '\r', ' ', '\t']).is_empty())
        .map(|i| i + 1)
}

/// `text` with the 1-based `lines` emptied, their line breaks kept.
pub fn without_lines(text: &str, lines: &[usize]) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if lines.binary_search(&(i + 1)).is_ok() {
            let body = line.trim_end_matches(['\n', '\r']);
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// "3 bad rows (lines 12, 40 and 201)".
pub fn describe(lines: &[usize]) -> String {
    let rows = if lines.len() == 1 { "row" } else { "rows" };
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    let numbers: Vec<String> = lines.iter().map(usize::to_string).collect();
    let list = match numbers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => numbers.join(""),
    };
    format!("{} bad {rows} ({noun} {list})", lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{parse, IngestOptions};

    const PASTE: &str = "timestamp,good,total\n\
        2026-10-05T00:00:00Z,10,10\n\
        2026-10-05T00:05:00Z,abc,10\n\
        2026-10-05T00:10:00Z,9,10\n\
        2026-10-05T00:15:00Z,12,10\n\
        2026-10-05T00:20:00Z,10,10\n";

    #[test]
    fn a_paste_with_two_bad_rows_replays_from_the_three_good_ones() {
        let errors = parse(PASTE, &IngestOptions::default()).unwrap_err();
        let lines = skippable_lines(PASTE, &errors).unwrap();
        assert_eq!(lines, vec![3, 5]);
        let data = parse(&without_lines(PASTE, &lines), &IngestOptions::default()).unwrap();
        assert_eq!(data.rows, 3);
        // Lines 2, 4 and 6: 10 + 9 + 10 good of 10 + 10 + 10.
        assert_eq!(data.series.good.iter().sum::<f64>(), 29.0);
        assert_eq!(data.series.total.iter().sum::<f64>(), 30.0);
    }

    #[test]
    fn blanking_keeps_every_other_line_in_its_place() {
        let text = "h\r\na\r\nb\r\nc";
        assert_eq!(without_lines(text, &[2, 4]), "h\r\n\r\nb\r\n");
    }

    #[test]
    fn errors_about_the_whole_input_or_the_header_cannot_be_skipped() {
        let text = "when,what\n1,2\n";
        assert_eq!(skippable_lines(text, &[Diagnostic::error(0, "x")]), None);
        assert_eq!(skippable_lines(text, &[Diagnostic::error(1, "x")]), None);
        assert_eq!(
            skippable_lines("\n\nh\nrow\n", &[Diagnostic::error(3, "x")]),
            None
        );
        assert_eq!(
            skippable_lines("{\"a\":1}", &[Diagnostic::error(2, "x")]),
            None
        );
        assert_eq!(skippable_lines(text, &[]), None);
    }

    #[test]
    fn warnings_do_not_count_as_bad_rows() {
        let errors = [Diagnostic::warning(2, "w"), Diagnostic::error(3, "e")];
        assert_eq!(skippable_lines("h\na\nb\n", &errors), Some(vec![3]));
    }

    #[test]
    fn the_offer_names_the_count_and_the_lines() {
        assert_eq!(describe(&[201]), "1 bad row (line 201)");
        assert_eq!(
            describe(&[12, 40, 201]),
            "3 bad rows (lines 12, 40 and 201)"
        );
    }
}
