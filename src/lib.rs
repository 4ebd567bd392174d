//! mlops-maturity: assess a team's MLOps maturity, find where its ML lifecycle is stuck, and
//! write a roadmap report.
//!
//! The modules, by layer from the top (`docs/architecture.md` draws the layers, and
//! `tests/core/architecture.rs` checks that each imports only from its own layer and below):
//!
//! - shells: `cli` (the commands behind `main.rs`, which calls it `commands`) and `tui/`;
//! - workspace: the user folder, saved sessions, finding questionnaires (what both shells share);
//! - output: `format` (the formats, a report in one), `export` (the HTML report, the roadmap CSV);
//! - views: `report/` (with `narrative` and `json`), `portfolio/`, `history`, `evidence/`;
//! - rules: `scoring`, `roadmap`, `workshop`;
//! - model: `questionnaire/`, `probe`, `session/`, `yaml/`;
//! - ground: `files`, `lock`, `printable`, `diagnostics`, `dates`, `parallel`, `process`, and
//!   `templates` (one Tera set-up, which knows no view).
//!
//! Model, rules, views and output are pure functions over plain data: no clock, no terminal, and
//! no file but a user's own templates and the repositories `evidence` scans. The ground, the
//! workspace and the shells read and write files, lock sessions and look at the clock.
//!
//! Comments that cite DESIGN (as in: DESIGN "Workshop session") mean `docs/DESIGN.md`, the product
//! contract: the commands, file formats, scoring rules and JSON keys the product keeps.

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
