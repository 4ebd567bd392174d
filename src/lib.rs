//! mlops-maturity: assess a team's MLOps maturity, find where its ML lifecycle is stuck, and
//! write a roadmap report.
//!
//! The core (questionnaire, session, scoring, roadmap, workshop, report, portfolio, history,
//! templates) is pure functions over plain data. The ground modules `files` and `lock` touch the
//! disk; `workspace` finds the user's files; `commands` (behind `main.rs`) and `tui` are the
//! shells. `docs/architecture.md` draws the layers and says what may import what.

#![warn(missing_docs)]

pub mod cli;
pub(crate) mod dates;
pub mod diagnostics;
pub mod evidence;
pub mod export;
pub mod files;
pub mod format;
pub(crate) mod history;
pub mod lock;
pub(crate) mod parallel;
pub mod portfolio;
pub mod printable;
pub(crate) mod probe;
pub(crate) mod process;
pub mod questionnaire;
pub mod report;
pub mod roadmap;
pub mod scoring;
pub mod session;
pub(crate) mod templates;
pub mod tui;
pub mod workshop;
pub(crate) mod workspace;
pub(crate) mod yaml;

/// The commands behind the command line (the `cli` module, under the name `main.rs` uses).
pub use cli as commands;
