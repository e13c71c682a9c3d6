//! The limits every way in enforces, as one table of constants.
//!
//! Each limit is checked as early as the input allows (bytes before parsing,
//! YAML nodes while the events are read, counts before a model is built), so
//! going over one is a quick error in bounded memory. Owns only the numbers
//! and the messages that name them; the checks live with the readers
//! (`import`, `share`, `validate`, `ingest`). docs/cli.md lists the same table.

/// Largest spec text any reader accepts: a project file, a saved workspace,
/// an OpenSLO, Sloth or Pyrra text.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Largest data file (CSV/TSV or Prometheus JSON) the replay reads.
pub const MAX_DATA_BYTES: usize = 256 * 1024 * 1024;

/// YAML nodes one text may hold once every alias is expanded, and JSON
/// values in one project file: counted while the parser's events are read,
/// before any tree is built.
pub const MAX_NODES: usize = 500_000;

/// YAML documents in one text.
pub const MAX_DOCUMENTS: usize = 50_000;

/// SLOs in one project (or one import).
pub const MAX_SLOS: usize = 2_000;

/// Burn-rate alerts on one SLO.
pub const MAX_ALERTS_PER_SLO: usize = 32;

/// People mapped to personas.
pub const MAX_PEOPLE: usize = 1_000;

/// RACI chart rows (lifecycle steps) and cells per row (personas).
pub const MAX_RACI_ROWS: usize = 32;
pub const MAX_RACI_COLUMNS: usize = 32;

/// Services, journeys, labels per SLO and map entries (acknowledged
/// findings, review notes, progress) in one project.
pub const MAX_SERVICES: usize = 2_000;
pub const MAX_JOURNEYS: usize = 10_000;
pub const MAX_LABELS_PER_SLO: usize = 64;
pub const MAX_MAP_ENTRIES: usize = 50_000;

/// Label sets one data set may carry for a grouped SLO (one replay each):
/// beyond it the data is refused, to be aggregated by fewer labels first.
pub const MAX_LABEL_SETS: usize = 100;

/// Drafts (share links and project files) one gathering reads at once: a
/// large workshop room, with room to spare.
pub const MAX_DRAFTS: usize = 200;

/// Characters of a share-link payload, and bytes it may inflate to.
pub const MAX_SHARE_CHARS: usize = 8_000;
pub const MAX_SHARE_INFLATED_BYTES: usize = 1024 * 1024;

/// Earliest and latest instant a data row may carry (Unix seconds):
/// 1970-01-01 and 2200-01-01. Anything outside is a unit mistake.
pub const MIN_TIMESTAMP: i64 = 0;
pub const MAX_TIMESTAMP: i64 = 7_258_118_400;

/// Decimals a target ratio may carry: the rules write budgets with twelve,
/// so a finer target would be rounded into another SLO.
pub const TARGET_DECIMALS: usize = 12;

/// Longest SLO window, slice or alert window: ten years.
pub const MAX_SPAN_SECONDS: u64 = 10 * 365 * 86_400;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// "the spec is 5000000 bytes; the limit is 4194304 bytes (4 MiB)".
pub fn too_large(what: &str, bytes: usize, limit: usize) -> String {
    format!(
        "{what} is {} bytes; the limit is {limit} bytes ({} MiB)",
        bytes,
        limit / (1024 * 1024)
    )
}

/// "3000 SLOs; the limit is 2000".
pub fn too_many(what: &str, count: usize, limit: usize) -> String {
    format!("{count} {what}; the limit is {limit}")
}

/// An input over `MAX_INPUT_BYTES` as an error naming both sizes.
pub fn check_input_size(what: &str, len: usize) -> Result<(), String> {
    if len > MAX_INPUT_BYTES {
        Err(too_large(what, len, MAX_INPUT_BYTES))
    } else {
        Ok(())
    }
}

/// Walks one document of any serde format without building it, counting
/// nodes (every scalar, sequence and mapping, aliases expanded) and failing
/// as soon as the count passes `MAX_NODES`. Memory stays at the parser's own
/// (its event list for YAML), whatever the aliases multiply to.
pub struct NodeBudget<'a> {
    pub used: &'a Cell<usize>,
}

/// The error a `NodeBudget` stops with; readers match on it to name the limit.
pub fn nodes_exceeded() -> String {
    format!(
        "the text holds more than {MAX_NODES} values once YAML aliases are expanded; the limit is {MAX_NODES}"
    )
}

impl NodeBudget<'_> {
    fn spend<E: de::Error>(&self) -> Result<(), E> {
        let n = self.used.get() + 1;
        self.used.set(n);
        if n > MAX_NODES {
            Err(E::custom(nodes_exceeded()))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for NodeBudget<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeBudget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.spend()
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.spend()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend::<A::Error>()?;
        while seq
            .next_element_seed(NodeBudget { used: self.used })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend::<A::Error>()?;
        while map.next_key_seed(NodeBudget { used: self.used })?.is_some() {
            map.next_value_seed(NodeBudget { used: self.used })?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(NodeBudget { used: self.used })?;
        variant.newtype_variant_seed(NodeBudget { used: self.used })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_range_is_1970_to_2200() {
        assert_eq!(
            crate::format::rfc3339(MAX_TIMESTAMP).as_deref(),
            Some("2200-01-01T00:00:00Z")
        );
        assert_eq!(
            crate::format::rfc3339(MIN_TIMESTAMP).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
    }

    #[test]
    fn an_input_one_byte_over_the_limit_is_refused_naming_it() {
        assert!(check_input_size("the spec", MAX_INPUT_BYTES).is_ok());
        let e = check_input_size("the spec", MAX_INPUT_BYTES + 1).unwrap_err();
        assert!(e.contains("4194305") && e.contains("4 MiB"), "{e}");
    }

    fn json_nodes(text: &str) -> Result<usize, String> {
        let used = Cell::new(0);
        let mut de = serde_json::Deserializer::from_str(text);
        NodeBudget { used: &used }
            .deserialize(&mut de)
            .map_err(|e| e.to_string())?;
        Ok(used.get())
    }

    #[test]
    fn the_budget_counts_every_scalar_sequence_and_mapping() {
        // The object, its two keys, the array, its three numbers, the string.
        assert_eq!(json_nodes(r#"{"a": [1, 2, 3], "b": "x"}"#), Ok(8));
    }

    #[test]
    fn the_budget_stops_one_past_the_limit() {
        let at_limit = format!("[{}]", vec!["0"; MAX_NODES - 1].join(","));
        assert_eq!(json_nodes(&at_limit), Ok(MAX_NODES));
        let over = format!("[{}]", vec!["0"; MAX_NODES].join(","));
        assert!(json_nodes(&over).unwrap_err().contains("500000"));
    }
}
