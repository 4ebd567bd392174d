//! The rules of the core and what the reports say, fast: scoring, roadmap, workshop and
//! calibration rules through the library, the report's content and contract through `report`,
//! the evidence scan of the fixture repositories, and property tests of the parsers. This is the
//! binary that judges mutants (`.cargo/mutants.toml`). Each file is a module of this one test
//! binary, as in ripgrep's tests; the harness they share is in `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod calibration;
mod core_rules;
mod evidence_report;
mod evidence_repos;
mod fuzzing;
mod golden_diff;
mod report_command;
mod report_content;
mod scoring_rules;
mod workshop_rules;
mod workspace;
