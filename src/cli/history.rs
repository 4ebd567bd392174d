//! `history`: one team's assessments over time.

use super::inputs::*;
use super::output::*;
use crate::files;
use crate::format::Format;
use crate::printable::excerpt;
use anyhow::{Result, bail};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `history` is asked for.
#[derive(Debug, Clone)]
pub struct HistoryArgs {
    /// Session files, workshop sessions, JSON reports, or folders of them.
    pub inputs: Vec<PathBuf>,
    /// `--team`: the team to show when the inputs hold several (matched as the portfolio matches
    /// names).
    pub team: Option<String>,
    /// Markdown, JSON or HTML.
    pub format: Format,
    /// `-o FILE`: write there instead of stdout.
    pub output: Option<PathBuf>,
}

/// `history`: one team's assessments in date order and what changed between them. Several
/// teams without `--team` is a usage error (exit 2) listing them; an unknown team exits 1.
pub fn history(args: HistoryArgs) -> Result<ExitCode> {
    use crate::history::{self, Choice};
    let threads = reading_threads();
    let today = files::today();
    let TeamInputs { qs, which, inputs, used, warnings } = read_team_inputs(&args.inputs, &today, threads)?;
    let built = match history::build(&qs, &which, &inputs, args.team.as_deref(), warnings, &today) {
        Ok(h) => h,
        Err(Choice::SeveralTeams(teams)) => {
            print_err(&format!(
                "mlops-maturity: the inputs hold {} teams; pick one with --team: {}",
                teams.len(),
                quoted_list(&teams)
            ));
            return Ok(ExitCode::from(2));
        }
        Err(Choice::UnknownTeam(teams)) => bail!(
            "no team `{}` in the inputs; the teams are: {}",
            excerpt(args.team.as_deref().unwrap_or_default(), 80),
            quoted_list(&teams)
        ),
    };
    print_warnings(&built.warnings);
    let text = match args.format {
        Format::Json => history::to_json(&built),
        Format::Html => history::render_html(&built),
        Format::Markdown | Format::Csv => history::render_markdown(&built),
    };
    write_or_print(args.output.as_deref(), &text, &used, Some(args.format))?;
    Ok(ExitCode::SUCCESS)
}
