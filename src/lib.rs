//! SLO Workbench in the browser: the Leptos (CSR) front end over `slo_engine`.
//!
//! Compiled only for `wasm32`; natively this crate is empty, so a workspace
//! build or test on the host never compiles a web crate.

#[cfg(target_arch = "wasm32")]
pub mod ui;
