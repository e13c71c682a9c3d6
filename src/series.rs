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
    /// Typical spacing between rows (median step, seconds), 60 when unknown.
    pub fn step(&self) -> i64 {
        if self.t.len() < 2 {
            return 60;
        }
        let mut d: Vec<i64> = self.t.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 0).collect();
        if d.is_empty() {
            return 60;
        }
        let mid = d.len() / 2;
        *d.select_nth_unstable(mid).1
    }
}
