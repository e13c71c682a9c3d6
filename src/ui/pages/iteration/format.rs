//! How figures read on the page: times in UTC, percentages, durations.
//! The engine's review module owns the common ones, so the page and the
//! review questions write figures the same way.

pub use slo_engine::review::{duration, factor, share, when};
