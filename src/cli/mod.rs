//! The commands behind the command line: read files, call the core, write results.
//!
//! This is an imperative shell: it owns I/O, the clock and exit codes; every decision about
//! answers, scores and reports is made by the pure modules it calls.
//!
//! One file per command; `inputs` reads what commands are given and `output` prints.

mod history;
mod inputs;
mod merge;
mod output;
mod portfolio;
mod questionnaires;
mod report;
mod scan;

pub use history::{HistoryArgs, history};
pub use merge::{MergeArgs, merge};
pub use output::print_err;
pub use portfolio::{PortfolioArgs, portfolio};
pub use questionnaires::{init, list, validate};
pub use report::{ReportArgs, report};
pub use scan::{ScanArgs, scan};

use anyhow::{Result, bail};
use std::process::ExitCode;

/// What `assess` is asked for (the TUI's own arguments).
pub use crate::tui::AssessArgs;

/// `assess`: the interactive assessment (the TUI). `--participants` and `--from` together are
/// refused.
pub fn assess(args: AssessArgs) -> Result<ExitCode> {
    if args.participants.is_some() && args.from.is_some() {
        bail!(
            "--participants starts a new workshop and --from carries an earlier session's people over: give one of them; for example: mlops-maturity assess --participants \"Ana:engineering,Ben\" --session workshop.yaml"
        );
    }
    crate::tui::run(args)
}
