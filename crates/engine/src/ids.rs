//! SLO identifiers that do not collide: the one rule for picking `base`,
//! `base-2`, `base-3`... used when the Research page creates an SLO from the
//! menu and when an import adds SLOs to a project. (Renaming an id, with
//! what is keyed by it, is `lifecycle::set_id`.)
//!
//! Owns only the choice of a free id; what an id may contain is
//! `model::slug`. Nothing here knows the browser.

use crate::model::{slug, Slo};
use std::collections::{BTreeMap, BTreeSet};

/// The ids in use, and for each base the next suffix worth trying, so a run
/// of claims on one base never rescans the suffixes it already handed out:
/// n claims cost O(n log n), not O(n²).
#[derive(Debug, Clone, Default)]
pub struct TakenIds {
    taken: BTreeSet<String>,
    next_suffix: BTreeMap<String, u64>,
}

impl TakenIds {
    /// The ids of these SLOs.
    pub fn of(slos: &[Slo]) -> TakenIds {
        TakenIds::of_others(slos, None)
    }

    /// The ids of these SLOs but the one at `except` (an SLO choosing a new
    /// id for itself may keep its own).
    pub fn of_others(slos: &[Slo], except: Option<usize>) -> TakenIds {
        TakenIds {
            taken: slos
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != except)
                .map(|(_, s)| s.id.clone())
                .collect(),
            next_suffix: BTreeMap::new(),
        }
    }

    /// `base` itself when it is free, otherwise `base-2`, `base-3`... the
    /// first one free; the id returned is taken from then on.
    pub fn claim(&mut self, base: &str) -> String {
        let id = if self.taken.contains(base) {
            let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
            while self.taken.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            self.next_suffix.insert(base.to_string(), n + 1);
            format!("{base}-{n}")
        } else {
            base.to_string()
        };
        self.taken.insert(id.clone());
        id
    }
}

/// An id for a new SLO named `name`: its slug, made unique among `slos`.
pub fn fresh_id(name: &str, slos: &[Slo]) -> String {
    TakenIds::of(slos).claim(&slug(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slos(ids: &[&str]) -> Vec<Slo> {
        ids.iter()
            .map(|id| Slo {
                id: id.to_string(),
                ..Slo::default()
            })
            .collect()
    }

    #[test]
    fn a_free_base_is_used_as_it_is() {
        assert_eq!(
            fresh_id("Checkout latency", &slos(&["search"])),
            "checkout-latency"
        );
    }

    #[test]
    fn a_taken_base_gets_the_first_free_number_from_2() {
        let existing = slos(&["checkout", "checkout-2", "checkout-4"]);
        assert_eq!(fresh_id("Checkout", &existing), "checkout-3");
    }

    #[test]
    fn claims_in_a_row_never_hand_out_the_same_id_twice() {
        let mut taken = TakenIds::of(&slos(&["a", "a-3"]));
        let got: Vec<String> = (0..4).map(|_| taken.claim("a")).collect();
        assert_eq!(got, ["a-2", "a-4", "a-5", "a-6"]);
        // A suffixed id claimed as a base of its own is taken too.
        assert_eq!(taken.claim("a-2"), "a-2-2");
    }
}
