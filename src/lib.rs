//! SLO Workbench: design, simulate and export Service Level Objectives.
//!
//! The crate is an engine (every module below `ui`) that is pure Rust and
//! knows nothing of the browser, plus `ui`, a Leptos front end compiled only
//! for `wasm32`. See ARCHITECTURE.md for the map and the invariants.

pub mod alerting;
pub mod budget;
pub mod calendar;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod catalog;
pub mod chart;
pub mod diag;
pub mod examples;
pub mod glossary;
pub mod guide;
pub mod export;
pub mod import;
pub mod ingest;
pub mod lint;
pub mod model;
pub mod review;
pub mod samples;
pub mod series;
pub mod simulate;
pub mod whatif;
pub mod share;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
