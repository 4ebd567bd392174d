//! `portfolio`: one view over many teams.

use super::inputs::*;
use super::output::*;
use crate::files;
use crate::format::Format;
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// The output formats of `portfolio`: every report format.
pub(crate) type PortfolioFormat = Format;

/// What `portfolio` is asked for.
#[derive(Debug, Clone)]
pub struct PortfolioArgs {
    /// Session files, workshop sessions, JSON reports, or folders of them.
    pub inputs: Vec<PathBuf>,
    /// Markdown, JSON, HTML or CSV.
    pub format: PortfolioFormat,
    /// `-o FILE`: write there instead of stdout.
    pub output: Option<PathBuf>,
}

/// `portfolio`: one view over many teams' assessments, written to stdout or `-o FILE`. Exits 1 only
/// when no team could be read.
pub fn portfolio(args: PortfolioArgs) -> Result<ExitCode> {
    use crate::portfolio;
    let threads = reading_threads();
    let today = files::today();
    let TeamInputs { qs, which, inputs, used, warnings } = read_team_inputs(&args.inputs, &today, threads)?;
    let built = portfolio::build_many(&qs, &which, &inputs, warnings, &today, threads);
    drop(inputs);
    print_warnings(&built.warnings);
    let text: String = match args.format {
        PortfolioFormat::Markdown => portfolio::render_markdown(&built),
        PortfolioFormat::Json => portfolio::to_json(&built),
        PortfolioFormat::Html => portfolio::render_html(&built),
        PortfolioFormat::Csv => portfolio::to_csv(&built),
    };
    // Team names and notes come from untrusted files: every format was cleaned of control
    // characters; on a terminal, what is left is shown escaped too.
    write_or_print(args.output.as_deref(), &text, &used, Some(args.format))?;
    Ok(ExitCode::SUCCESS)
}
