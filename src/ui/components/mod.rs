//! Shared pieces of the guided pages: the page frame, the glossary panel and
//! term buttons, and the undo toast. Presentation only; every rule they show
//! comes from the engine.

pub mod explain;
pub mod files;
pub mod findings;
pub mod frame;
pub mod glossary;
pub mod ideas;
pub mod undo;

pub use frame::PageFrame;
pub use glossary::Term;
pub use undo::Undo;
