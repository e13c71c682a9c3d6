//! Delimited text (CSV, TSV, semicolon) read on bytes, without allocating
//! per row.
//!
//! Owns the reading of delimited text, in three steps kept apart: `plan`
//! (sniff the delimiter, detect the header, decide what each column means),
//! `scan` (split records into fields) and `rows` (turn each record into
//! good/total with errors that name line and field). It does not sort,
//! merge or difference rows: `finish` in the parent module does.
//!
//! A grouped SLO's labels are columns named exactly after them (`route`
//! beside `timestamp,good,total`): each row goes to the label set of its
//! values, a label without a column being the empty value.

mod plan;
mod rows;
mod scan;
mod split;

use super::labels::SetIndex;
use super::{DataFormat, DataKind, IngestOptions, Read};
use crate::diag::Diagnostic;
use plan::Plan;
use rows::Layout;
use scan::{Field, Scanner};

/// Reads delimited text into raw rows: plans from the header, then reads
/// the rows by that plan.
pub(super) fn read(
    text: &str,
    opts: &IngestOptions,
    progress: &mut dyn FnMut(f64) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Read, Vec<Diagnostic>> {
    read_in(text, opts, progress, diags, split::parts())
}

/// `read`, the rows cut into at most `parts.0` chunks of at least `parts.1` bytes.
fn read_in(
    text: &str,
    opts: &IngestOptions,
    progress: &mut dyn FnMut(f64) -> bool,
    diags: &mut Vec<Diagnostic>,
    parts: (usize, usize),
) -> Result<Read, Vec<Diagnostic>> {
    let b = text.as_bytes();
    let delim = plan::sniff_delimiter(b);
    let mut sc = Scanner::new(b, delim);
    let mut fields: Vec<Field> = Vec::with_capacity(8);
    let header = plan::header(text, &mut sc, &mut fields, diags)?;
    let label_cols = plan::label_columns(&header.columns, &opts.group_by, header.line, diags);
    let taken: Vec<usize> = label_cols.iter().flatten().copied().collect();
    let (time_col, kind, plan) = plan::plan(&header.columns, &taken, opts, header.line, diags)?;
    let layout = Layout {
        time_col,
        plan,
        delim,
    };
    let mut labels = (!taken.is_empty()).then(|| rows::Labels {
        cols: label_cols,
        index: SetIndex::new(opts.group_by.clone()),
    });
    let parallel = match labels {
        // Label sets are numbered in the order they are met, so grouped data is read in one part.
        Some(_) => None,
        None => split::read_rows(
            b,
            &sc,
            &mut fields,
            (header.line, header.first_is_data),
            layout,
            progress,
            parts,
        ),
    };
    let (rows, row_count) = match parallel {
        Some(read) => read?.finish(diags)?,
        None => rows::read_rows(
            b,
            &mut sc,
            &mut fields,
            &header,
            (layout, labels.as_mut()),
            progress,
            diags,
        )?,
    };
    Ok(Read {
        format: DataFormat::Csv { delimiter: delim },
        kind,
        columns: header.columns,
        rows,
        row_count,
        may_be_cumulative: !matches!(plan, Plan::Ratio { .. }) && kind == DataKind::Counts,
        samples: kind == DataKind::Latency,
        sets: labels.map(|l| l.index),
    })
}
