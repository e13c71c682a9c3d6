//! A large file's rows read on several threads (with the feature `threads`:
//! the CLI has it; the Wasm app has no threads, so it always reads in one part).
//!
//! The rows after the header are cut at line ends into one chunk per core;
//! each chunk is read by the same row loop as a whole file would be, with
//! its own scanner starting on the chunk's true line number, so every
//! message names the same line as a one-thread read. The chunks are then
//! appended in file order, so the rows, counts, errors and notes are those
//! of a one-thread read. A quoted field may hold a line end, so text with
//! any quote after the header is read on one thread. Owns only the cutting
//! and joining: reading is `rows`, splitting records `scan`.

use super::rows::{read_chunk, Chunk, Layout};
use super::scan::{Field, Scanner};
use crate::diag::Diagnostic;

/// Below this many bytes per chunk, a thread costs more than it saves.
const MIN_CHUNK_BYTES: usize = 1 << 20;

/// Into how many parts at most, and how small the smallest: one per core
/// with the feature `threads`, else one.
pub(super) fn parts() -> (usize, usize) {
    if cfg!(feature = "threads") {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cores, MIN_CHUNK_BYTES)
    } else {
        (1, MIN_CHUNK_BYTES)
    }
}

/// The chunks' byte ranges when the rows from `from` are worth cutting into
/// `parts` (at most): every cut just after a line end, none inside quotes.
pub(super) fn cuts(b: &[u8], from: usize, parts: usize, min_chunk: usize) -> Vec<(usize, usize)> {
    let rest = b.len().saturating_sub(from);
    let parts = parts.min(rest / min_chunk.max(1));
    if parts < 2 || b[from..].contains(&b'"') {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(parts);
    let mut start = from;
    for k in 1..parts {
        let aim = (from + rest / parts * k).max(start);
        let Some(nl) = b[aim..].iter().position(|&c| c == b'\n') else {
            break;
        };
        out.push((start, aim + nl + 1));
        start = aim + nl + 1;
    }
    out.push((start, b.len()));
    out
}

/// Reads the rows after the header on one thread per chunk, at most
/// `parts` chunks of at least `min_chunk` bytes, or returns `None` when the
/// text is not worth cutting (small, or quoted fields). `sc` stands after
/// the header, `fields` holds the first record when `from` says it is data;
/// progress is reported by the first chunk only.
pub(super) fn read_rows(
    b: &[u8],
    sc: &Scanner,
    fields: &mut Vec<Field>,
    from: (usize, bool),
    layout: Layout,
    progress: &mut dyn FnMut(f64) -> bool,
    (parts, min_chunk): (usize, usize),
) -> Option<Result<Chunk, Vec<Diagnostic>>> {
    let chunks = cuts(b, sc.pos, parts, min_chunk);
    let (&(first_start, first_end), later) = chunks.split_first()?;
    // Each later chunk's first line: the lines before it, counted once.
    let mut line = sc.line();
    let mut starts = Vec::with_capacity(later.len());
    let mut counted = first_start;
    for &(start, end) in later {
        line += b[counted..start].iter().filter(|&&c| c == b'\n').count();
        counted = start;
        starts.push((start, end, line));
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = starts
            .iter()
            .map(|&(start, end, line)| {
                scope.spawn(move || {
                    let mut sc = Scanner::at(&b[..end], layout.delim, start, line);
                    let mut fields = Vec::with_capacity(8);
                    read_chunk(
                        &b[..end],
                        &mut sc,
                        &mut fields,
                        (line, false),
                        (layout, None),
                        &mut |_| true,
                    )
                })
            })
            .collect();
        let mut sc = Scanner::at(&b[..first_end], layout.delim, first_start, sc.line());
        let mut whole = match read_chunk(
            &b[..first_end],
            &mut sc,
            fields,
            from,
            (layout, None),
            progress,
        ) {
            Ok(chunk) => chunk,
            Err(e) => return Some(Err(e)),
        };
        for handle in handles {
            match handle.join() {
                Ok(Ok(chunk)) => whole.append(chunk),
                Ok(Err(e)) => return Some(Err(e)),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Some(Ok(whole))
    })
}

#[cfg(test)]
mod tests {
    use super::super::read_in;
    use super::cuts;
    use crate::diag::Diagnostic;
    use crate::ingest::IngestOptions;

    /// What a read gives that a caller can see: rows with their lines, the
    /// record count and every message; or the errors.
    type Seen = Result<(Vec<(i64, f64, f64, usize)>, usize, Vec<Diagnostic>), Vec<Diagnostic>>;

    fn read(text: &str, parts: usize) -> Seen {
        let mut diags = Vec::new();
        let r = read_in(
            text,
            &IngestOptions::default(),
            &mut |_| true,
            &mut diags,
            (parts, 64),
        )?;
        let rows = (0..r.rows.t.len())
            .map(|i| (r.rows.t[i], r.rows.good[i], r.rows.total[i], r.rows.line[i]))
            .collect();
        Ok((rows, r.row_count, diags))
    }

    /// Minute rows with, every so often, a comment, a blank line, a time
    /// without a zone and an empty value, so each chunk holds some of each.
    fn minutes(n: usize, header: bool) -> String {
        let mut s = String::from(if header { "timestamp,good,total\n" } else { "" });
        for i in 0..n {
            let t = 1_700_000_000 + 60 * i as i64;
            match i % 97 {
                13 => s.push_str("# a comment\n"),
                29 => s.push('\n'),
                _ => {}
            }
            match i % 89 {
                7 => s.push_str(&format!("{},,1000\n", crate::ingest::time::format(t))),
                11 => s.push_str("2023-11-14T22:13:20,999,1000\n"),
                _ => s.push_str(&format!("{t},{},1000\n", 990 + i % 10)),
            }
        }
        s
    }

    #[test]
    fn rows_read_in_parts_are_the_rows_lines_and_notes_of_a_one_part_read() {
        let text = minutes(2_000, true);
        assert!(
            cuts(text.as_bytes(), 21, 4, 64).len() == 4,
            "the text is cut in 4"
        );
        let whole = read(&text, 1).unwrap();
        assert_eq!(read(&text, 4).unwrap(), whole);
        assert_eq!(read(&text, 3).unwrap(), whole);
        let (_, count, notes) = &whole;
        assert_eq!(*count, 2_000);
        assert_eq!(
            notes.len(),
            2,
            "one note on zone-less times and one on skipped rows: {notes:?}"
        );
    }

    #[test]
    fn a_file_without_a_header_is_read_the_same_in_parts() {
        let text = minutes(1_000, false);
        assert_eq!(read(&text, 4).unwrap(), read(&text, 1).unwrap());
    }

    #[test]
    fn errors_in_several_parts_are_listed_in_file_order_and_counted_beyond_the_list() {
        let mut text = minutes(3_000, true);
        // A bad count on 30 lines spread over the whole file.
        let lines: Vec<&str> = text.lines().collect();
        let bad: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i > 0 && i % 100 == 0 {
                    "1700000000,x,1\n".to_string()
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        text = bad;
        let whole = read(&text, 1).unwrap_err();
        assert_eq!(read(&text, 4).unwrap_err(), whole);
        assert_eq!(whole.len(), 21, "20 listed and one counting the rest");
        assert_eq!(whole[0].line, 101);
    }

    #[test]
    fn text_with_a_quote_is_not_cut_since_a_quoted_field_may_hold_a_line_end() {
        let text = format!("{}\"2023-11-14T22:13:20Z\",1,1\n", minutes(2_000, true));
        assert!(cuts(text.as_bytes(), 21, 4, 64).is_empty());
        assert_eq!(read(&text, 4).unwrap(), read(&text, 1).unwrap());
    }

    #[test]
    fn every_cut_falls_just_after_a_line_end_and_the_chunks_cover_the_rows() {
        let text = minutes(500, true);
        let b = text.as_bytes();
        let chunks = cuts(b, 21, 5, 64);
        assert_eq!(chunks.len(), 5);
        assert_eq!(chunks[0].0, 21);
        assert_eq!(chunks[4].1, b.len());
        for w in chunks.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert_eq!(b[w[1].0 - 1], b'\n');
        }
    }

    #[test]
    fn a_small_text_is_not_cut() {
        assert!(cuts(b"timestamp,good,total\n1,1,1\n", 21, 4, 64).is_empty());
    }
}
