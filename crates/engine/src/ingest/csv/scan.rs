//! Splitting delimited text into records of fields, on bytes.
//!
//! Owns: quoted fields (`""` inside, newlines inside), blank lines, `#`
//! comment lines, CRLF, trimming spaces, and the line numbers records start
//! on. It does not know what a column means (`plan`) nor read values
//! (`rows`). Called once per row: it must allocate nothing.

use crate::diag::Diagnostic;

/// A field of the current record: byte range into the input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Splits records. Fields are byte ranges (quotes stripped, `""` left as
/// is), trimmed of spaces; blank lines and `#` comment lines are skipped.
pub(super) struct Scanner<'a> {
    b: &'a [u8],
    /// Byte offset of the next record.
    pub(super) pos: usize,
    line: usize,
    delim: u8,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of `b`, on line 1.
    pub(super) fn new(b: &'a [u8], delim: u8) -> Self {
        Scanner {
            b,
            pos: 0,
            line: 1,
            delim,
        }
    }

    /// A scanner of `b` from byte `pos`, which starts line `line`: the
    /// reader of a later chunk of the file (`split`).
    pub(super) fn at(b: &'a [u8], delim: u8, pos: usize, line: usize) -> Self {
        Scanner {
            b,
            pos,
            line,
            delim,
        }
    }

    /// The line the next record starts on (or a blank or comment line before it).
    pub(super) fn line(&self) -> usize {
        self.line
    }

    /// Reads the next record into `fields`; returns its 1-based line.
    #[inline]
    pub(super) fn next(&mut self, fields: &mut Vec<Field>) -> Result<Option<usize>, Diagnostic> {
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
