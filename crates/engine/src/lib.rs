//! The SLO Workbench engine: design, simulate and export Service Level Objectives.
//!
//! Pure Rust with no web dependency: models, parsing, budget math, simulation,
//! linting, exports and imports, charts as SVG text. The browser app and the
//! `slo-workbench` CLI are thin layers over it. See ARCHITECTURE.md for the
//! map and the invariants.

pub mod alerting;
pub mod bad_rows;
pub mod budget;
pub mod calendar;
pub mod catalog;
pub mod chart;
pub mod compare;
pub mod diag;
pub mod examples;
pub mod explain;
pub mod export;
pub mod format;
pub mod gather;
pub mod gather_ideas;
pub mod glossary;
pub mod guards;
pub mod guide;
pub mod ideas;
pub mod ids;
pub mod import;
pub mod ingest;
pub mod input;
pub mod internal;
pub mod journal;
pub mod lifecycle;
pub mod limits;
pub mod lint;
pub mod merge;
pub mod model;
mod par;
pub mod policy;
pub mod qr;
pub mod record;
pub mod replay_charts;
pub mod review;
pub mod risk;
pub mod roadmap;
pub mod samples;
pub mod series;
pub mod share;
pub mod simulate;
pub mod summary;
pub mod tzdb;
pub mod validate;
pub mod whatif;
pub mod words;
pub mod worker;
pub mod workspace;
