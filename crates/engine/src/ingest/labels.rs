//! Label sets: data that carries the labels a grouped SLO is kept per
//! (Pyrra's `grouping`), read as one series per label set.
//!
//! Owns: which label set each raw row belongs to (`SetIndex`, at most
//! `limits::MAX_LABEL_SETS` sets), finishing each set as a data set of its
//! own (sort, counters, duplicates, gaps: a counter is differenced within its
//! own series, never across two), and the whole as the sum of the sets. The
//! readers say where the labels are (CSV columns named after them, the
//! labels of Prometheus series); this module does not read text.

use super::{finish, Rows};
use crate::diag::{Diagnostic, Level};
use crate::limits::{too_many, MAX_LABEL_SETS};
use crate::series::EventSeries;
use serde::{Deserialize, Serialize};

/// One label set's data: the values of the grouping labels, in the
/// grouping's order, and its good/total per interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelSet {
    pub labels: Vec<(String, String)>,
    pub series: EventSeries,
}

impl LabelSet {
    /// The set as a PromQL label selector: `{route="/pay", code="5xx"}`,
    /// values escaped as PromQL strings.
    pub fn selector(&self) -> String {
        selector(&self.labels)
    }
}

/// `{k="v", ...}` with `\`, `"` and newlines escaped.
pub fn selector(labels: &[(String, String)]) -> String {
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| {
            let v = v
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            format!("{k}=\"{v}\"")
        })
        .collect();
    format!("{{{}}}", inner.join(", "))
}

/// The label sets met so far, by their raw values (bytes as written).
#[derive(Debug, Default)]
pub(super) struct SetIndex {
    names: Vec<String>,
    values: Vec<Vec<Vec<u8>>>,
    /// The set of the previous row: rows usually repeat it.
    last: usize,
}

impl SetIndex {
    pub(super) fn new(names: Vec<String>) -> SetIndex {
        SetIndex {
            names,
            ..SetIndex::default()
        }
    }

    pub(super) fn len(&self) -> usize {
        self.values.len()
    }

    /// The index of the set with these values (one per name, in order),
    /// adding it when new; an error past `MAX_LABEL_SETS`. Allocates only
    /// for a new set.
    pub(super) fn find_or_add<'v>(
        &mut self,
        values: impl Iterator<Item = &'v [u8]> + Clone,
    ) -> Result<u32, String> {
        let same = |set: &Vec<Vec<u8>>| set.iter().map(Vec::as_slice).eq(values.clone());
        if self.values.get(self.last).is_some_and(same) {
            return Ok(self.last as u32);
        }
        if let Some(i) = self.values.iter().position(same) {
            self.last = i;
            return Ok(i as u32);
        }
        let raw: Vec<Vec<u8>> = values.map(<[u8]>::to_vec).collect();
        if self.values.len() >= MAX_LABEL_SETS {
            let labels: Vec<(String, String)> = self.labels_of(&raw);
            return Err(format!(
                "{}: one more label set {} than the grouping allows ({}); aggregate the data by fewer labels, \
                 or replay the busiest sets apart",
                too_many("label sets", MAX_LABEL_SETS + 1, MAX_LABEL_SETS),
                selector(&labels),
                self.names.join(", ")
            ));
        }
        self.values.push(raw);
        self.last = self.values.len() - 1;
        Ok(self.last as u32)
    }

    /// Set `i` as a selector, for messages.
    pub(super) fn selector_of(&self, i: usize) -> String {
        selector(&self.labels_of(self.values.get(i).map_or(&[][..], Vec::as_slice)))
    }

    fn labels_of(&self, raw: &[Vec<u8>]) -> Vec<(String, String)> {
        self.names
            .iter()
            .cloned()
            .zip(raw.iter().map(|v| unquote(v)))
            .collect()
    }
}

/// A value as text: lossy UTF-8, a CSV field's doubled quotes made single.
fn unquote(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).replace("\"\"", "\"")
}

/// What `finish_sets` hands back: the whole (the sum of the sets), whether
/// any set was read as counters, and the sets in label order.
pub(super) struct Finished {
    pub(super) whole: EventSeries,
    pub(super) cumulative: bool,
    pub(super) sets: Vec<LabelSet>,
}

/// Splits raw rows by their set (`rows.set`), finishes each set as a data
/// set of its own (its notes prefixed with its selector) and sums them into
/// the whole.
pub(super) fn finish_sets(
    rows: Rows,
    index: &SetIndex,
    may_be_cumulative: bool,
    samples: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Finished, Vec<Diagnostic>> {
    let mut split: Vec<Rows> = (0..index.len()).map(|_| Rows::default()).collect();
    for (i, &set) in rows.set.iter().enumerate() {
        if let Some(part) = split.get_mut(set as usize) {
            part.push(rows.t[i], rows.good[i], rows.total[i], rows.line[i]);
        }
    }
    let mut sets = Vec::with_capacity(split.len());
    let mut cumulative = false;
    for (part, raw) in split.into_iter().zip(&index.values) {
        let labels = index.labels_of(raw);
        let name = selector(&labels);
        let mut own = Vec::new();
        let (series, cum) = finish(part, may_be_cumulative, samples, &mut own)?;
        diags.extend(own.into_iter().map(|mut d| {
            d.message = format!("{name}: {}", d.message);
            d
        }));
        cumulative |= cum;
        sets.push(LabelSet { labels, series });
    }
    sets.sort_by(|a, b| a.labels.cmp(&b.labels));
    diags.push(Diagnostic::info(
        0,
        format!(
            "{} label sets by {}: {}; each is replayed on its own, the whole is their sum",
            sets.len(),
            index.names.join(", "),
            listed(&sets)
        ),
    ));
    debug_assert!(diags.iter().all(|d| d.level != Level::Error));
    Ok(Finished {
        whole: sum(&sets),
        cumulative,
        sets,
    })
}

/// The first few sets' selectors, and how many more.
fn listed(sets: &[LabelSet]) -> String {
    const SHOWN: usize = 5;
    let mut out: Vec<String> = sets.iter().take(SHOWN).map(LabelSet::selector).collect();
    if sets.len() > SHOWN {
        out.push(format!("and {} more", sets.len() - SHOWN));
    }
    out.join(", ")
}

/// Good and total of every set added up per timestamp.
fn sum(sets: &[LabelSet]) -> EventSeries {
    let mut all: Vec<(i64, f64, f64)> = sets
        .iter()
        .flat_map(|s| {
            let e = &s.series;
            e.t.iter()
                .zip(&e.good)
                .zip(&e.total)
                .map(|((&t, &g), &n)| (t, g, n))
        })
        .collect();
    all.sort_by_key(|r| r.0);
    let mut whole = EventSeries::default();
    for (t, g, n) in all {
        match whole.t.last() {
            Some(&last) if last == t => {
                if let (Some(wg), Some(wn)) = (whole.good.last_mut(), whole.total.last_mut()) {
                    *wg += g;
                    *wn += n;
                }
            }
            _ => whole.push(t, g, n),
        }
    }
    whole
}

/// The note for data read for a grouping that carries none of its labels.
pub(super) fn no_labels_note(names: &[String]) -> Diagnostic {
    Diagnostic::info(
        0,
        format!(
            "the data carries none of the grouping labels ({}): it is read as one series, and a grouped SLO is \
             replayed as a whole",
            names.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selector_escapes_values_as_promql_strings() {
        let labels = vec![
            ("route".to_string(), "/a\"b".to_string()),
            ("code".to_string(), "x\\y".to_string()),
        ];
        assert_eq!(selector(&labels), r#"{route="/a\"b", code="x\\y"}"#);
    }

    #[test]
    fn sets_are_found_again_and_refused_past_the_limit() {
        let mut index = SetIndex::new(vec!["route".into()]);
        let one = |v: &'static str| std::iter::once(v.as_bytes());
        assert_eq!(index.find_or_add(one("a")), Ok(0));
        assert_eq!(index.find_or_add(one("b")), Ok(1));
        assert_eq!(index.find_or_add(one("a")), Ok(0));
        for i in 2..MAX_LABEL_SETS {
            let name = format!("r{i}");
            assert_eq!(
                index.find_or_add(std::iter::once(name.as_bytes())),
                Ok(i as u32)
            );
        }
        let err = index.find_or_add(one("late")).unwrap_err();
        assert!(
            err.starts_with("101 label sets; the limit is 100") && err.contains("{route=\"late\"}"),
            "{err}"
        );
    }

    #[test]
    fn the_whole_is_the_sum_of_the_sets_at_each_time() {
        let set = |t: &[i64], g: &[f64], n: &[f64]| LabelSet {
            labels: Vec::new(),
            series: EventSeries {
                t: t.to_vec(),
                good: g.to_vec(),
                total: n.to_vec(),
            },
        };
        let whole = sum(&[
            set(&[60, 120], &[9.0, 10.0], &[10.0, 10.0]),
            set(&[120, 180], &[5.0, 1.0], &[5.0, 2.0]),
        ]);
        assert_eq!(whole.t, vec![60, 120, 180]);
        assert_eq!(whole.good, vec![9.0, 15.0, 1.0]);
        assert_eq!(whole.total, vec![10.0, 15.0, 2.0]);
    }
}
