//! Diagnostics: what parsers and linters tell the user about their input.
//!
//! A diagnostic names where (1-based line, optional 1-based column) and what
//! was expected, in words a user can act on. Parsers return data plus
//! diagnostics; they never panic.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    /// 1-based line in the input, 0 when the finding concerns the whole input.
    pub line: usize,
    /// 1-based column (field number for CSV), when it applies.
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            line,
            column: None,
            message: message.into(),
        }
    }
    pub fn warning(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            line,
            column: None,
            message: message.into(),
        }
    }
    pub fn info(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Info,
            line,
            column: None,
            message: message.into(),
        }
    }
    pub fn at_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `LINE:COLUMN: message`, or `LINE: message`; the CLI prefixes the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.message),
            (l, Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            (l, None) => write!(f, "{l}: {}", self.message),
        }
    }
}
