//! Event series: the common shape every data source is turned into before
//! simulation. Struct of arrays so a million rows stay compact and scans stay
//! cache-friendly.

use serde::{Deserialize, Serialize};

/// Per-interval event counts at increasing timestamps (Unix seconds, UTC).
/// `good[i]` and `total[i]` count the events of the interval ending at `t[i]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSeries {
    pub t: Vec<i64>,
    pub good: Vec<f64>,
    pub total: Vec<f64>,
}

impl EventSeries {
    pub fn len(&self) -> usize {
        self.t.len()
    }
    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }
    pub fn push(&mut self, t: i64, good: f64, total: f64) {
        self.t.push(t);
        self.good.push(good);
        self.total.push(total);
    }
    /// Which promise of a parsed series does not hold, if any: times strictly
    /// increase, the three columns have one length, and 0 <= good <= total,
    /// all finite. Parsers guarantee these; fuzzers and tests check them here.
    pub fn broken_promise(&self) -> Option<&'static str> {
        if self.good.len() != self.t.len() || self.total.len() != self.t.len() {
            return Some("columns differ in length");
        }
        if !self.t.windows(2).all(|w| w[0] < w[1]) {
            return Some("times do not strictly increase");
        }
        if !self
            .good
            .iter()
            .zip(&self.total)
            .all(|(g, n)| 0.0 <= *g && g <= n && n.is_finite())
        {
            return Some("good is not between 0 and total");
        }
        None
    }

    /// Typical spacing between rows (median step, seconds), 60 when unknown.
    pub fn step(&self) -> i64 {
        if self.t.len() < 2 {
            return 60;
        }
        let mut d: Vec<i64> = self
            .t
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|d| *d > 0)
            .collect();
        if d.is_empty() {
            return 60;
        }
        let mid = d.len() / 2;
        *d.select_nth_unstable(mid).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_names_the_promise_it_breaks() {
        let mut s = EventSeries::default();
        s.push(60, 9.0, 10.0);
        s.push(120, 10.0, 10.0);
        assert_eq!(s.broken_promise(), None);
        let mut late = s.clone();
        late.push(120, 1.0, 1.0);
        assert_eq!(
            late.broken_promise(),
            Some("times do not strictly increase")
        );
        let mut over = s.clone();
        over.push(180, 11.0, 10.0);
        assert_eq!(
            over.broken_promise(),
            Some("good is not between 0 and total")
        );
        let mut short = s;
        short.good.pop();
        assert_eq!(short.broken_promise(), Some("columns differ in length"));
    }
}
