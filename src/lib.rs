//! mlops-maturity: assess a team's MLOps maturity, find where its ML lifecycle is stuck, and
//! write a roadmap report.
//!
//! The modules, by layer from the top (`docs/architecture.md` draws the layers and says what may
//! import what):
//!
//! - shells: `cli` (the commands behind `main.rs`, which calls it `commands`), `tui/`, and
//!   `workspace` (the user folder, saved sessions, finding questionnaires: what both share);
//! - output: `templates` (one Tera set-up), `export` (HTML and CSV), `format` (the formats);
//! - views: `report/` (with `narrative` and `json`), `portfolio/`, `history`, `evidence/`;
//! - rules: `scoring`, `roadmap`, `workshop`;
//! - model: `questionnaire/`, `probe`, `session/`, `yaml/`;
//! - ground: `files`, `lock`, `printable`, `diagnostics`, `dates`, `parallel`, `process`.
//!
//! Model, rules, views and output are pure functions over plain data: no clock, no terminal, and
//! no file but a user's own templates and the repositories `evidence` scans. The ground and the
//! shells read and write files, lock sessions and look at the clock.

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
pub mod workspace;
pub(crate) mod yaml;

/// The commands behind the command line (the `cli` module, under the name `main.rs` uses).
pub use cli as commands;
