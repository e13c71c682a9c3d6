//! How figures read on the page: times in UTC, percentages, durations.
//! The engine's `format` module owns them, so the page, the review questions,
//! the exports and the CLI write figures the same way.

pub use slo_engine::format::{duration, factor, share, when};
