//! The commands of the built binary, each run as a process in a private user folder: what they
//! write and print, the reports in every format, portfolios, merges and scans, and the file
//! system and inputs under attack. Each file is a module of this one test binary, as in
//! ripgrep's tests; the harness they share is in `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod boundaries;
mod csv_export;
mod hostile_input;
mod html_report;
mod merge_command;
mod other_commands;
mod portfolio;
mod scan_command;
mod scan_hostile;
