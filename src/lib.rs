//! mlops-maturity: assess a team's MLOps maturity, find where its ML lifecycle is stuck, and
//! write a roadmap report.
//!
//! The core (questionnaire, session, scoring, roadmap, workshop, report) is pure functions over
//! plain data; `files` is the only place that touches the disk, and `cli` and `tui` are the shells.

pub mod commands;
pub mod diagnostics;
pub mod evidence;
pub mod export;
pub mod files;
pub mod history;
pub mod lock;
pub mod narrative;
pub mod portfolio;
pub mod printable;
pub mod probe;
pub mod questionnaire;
pub mod report;
pub mod roadmap;
pub mod scoring;
pub mod session;
pub mod templates;
pub mod tui;
pub mod workshop;
pub mod workspace;
pub mod yaml;
