//! The command line: parse arguments (clap) and dispatch to the commands; nothing else.

use clap::{Parser, Subcommand};
use mlops_maturity::commands::{self, AssessArgs, MergeArgs, ReportArgs};
use mlops_maturity::format::Format;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mlops-maturity",
    version,
    about = "Assess how mature your team's MLOps practice is, see where the ML lifecycle is stuck, and get a roadmap.",
    after_help = "Run without a command to start the interactive assessment."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// The interactive assessment (the default command).
    Assess {
        /// Questionnaire: a built-in id, a user questionnaire id, or a path.
        #[arg(short = 'q', long = "questionnaire", value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// Session file to resume or create; saved after every change.
        #[arg(long, value_name = "FILE")]
        session: Option<PathBuf>,
        /// The team assessed, for a new session.
        #[arg(long, value_name = "T")]
        team: Option<String>,
        /// Who answers, for a new session of one respondent.
        #[arg(long, value_name = "R")]
        respondent: Option<String>,
        /// Free text: data-science, engineering, management...
        #[arg(long, value_name = "R")]
        role: Option<String>,
        /// A workshop: "Ana:engineering,Ben:data-science,Cy" (roles optional) vote in a new session file.
        #[arg(long, value_name = "LIST")]
        participants: Option<String>,
        /// Start the next assessment from this earlier session: answers carried over to confirm.
        #[arg(long, value_name = "EARLIER")]
        from: Option<PathBuf>,
        /// A workshop's shared screen shows revealed votes as counts, not by name (* toggles it).
        #[arg(long)]
        anonymous: bool,
        /// Scan these repositories before the questions start; the result is kept in the session.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        scan: Vec<PathBuf>,
    },
    /// Score one session or merge several, and write the report.
    Report {
        /// One session file, one workshop session, or several sessions to merge into one report.
        #[arg(required = true, value_name = "SESSION")]
        sessions: Vec<PathBuf>,
        /// Use this questionnaire instead of the sessions' own.
        #[arg(short = 'q', long = "questionnaire", value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// markdown and html: the management report; csv: the roadmap for an issue tracker; json: the data.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// A Tera template to render instead of the built-in Markdown report.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// An earlier session or JSON report to compare with.
        #[arg(long, value_name = "SESSION_OR_JSON")]
        baseline: Option<PathBuf>,
    },
    /// Turn separate sessions (pre-work) into one workshop session.
    Merge {
        /// The sessions to merge, one per participant.
        #[arg(required = true, value_name = "SESSION")]
        sessions: Vec<PathBuf>,
        /// The workshop session file to write (atomically); never one of the inputs.
        #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
        output: PathBuf,
        /// Replace FILE when it exists (its previous content is kept as FILE.bak).
        #[arg(long)]
        force: bool,
    },
    /// One view over many teams: sessions, workshop sessions and JSON reports, or folders of them.
    Portfolio {
        /// Sessions, workshop sessions, JSON reports, or folders holding them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// markdown and html: the overview for management; csv: a row per team and area; json: the data.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One team's assessments over time: sessions, workshop sessions and JSON reports, or folders of them.
    History {
        /// One team's sessions, workshop sessions, JSON reports, or folders holding them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The team to show when the inputs hold several.
        #[arg(long, value_name = "TEAM")]
        team: Option<String>,
        /// markdown and html: the team's levels over time; json: the data.
        #[arg(long, default_value = "markdown", value_parser = Format::only(&[Format::Markdown, Format::Json, Format::Html]))]
        format: Format,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Look for signs of the practices in repositories (files only; answers are never changed).
    Scan {
        /// Repositories or folders to look through.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Record the result in this session file.
        #[arg(long, value_name = "FILE")]
        session: Option<PathBuf>,
        /// The questionnaire whose probes to use (default: the session's, else mlops-maturity).
        #[arg(short = 'q', long = "questionnaire", value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// markdown: what was found per practice; json: the data, with the practices not checked.
        #[arg(long, default_value = "markdown", value_parser = Format::only(&[Format::Markdown, Format::Json]))]
        format: Format,
    },
    /// Check questionnaire files and report every problem.
    Validate {
        /// Questionnaire files (YAML).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List built-in and user questionnaires, and saved sessions.
    List,
    /// Write the built-in questionnaires and templates to DIR, to customise.
    Init {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let result = match cli.command {
        None => commands::assess(AssessArgs::default()),
        Some(Command::Assess {
            questionnaire,
            session,
            team,
            respondent,
            role,
            participants,
            from,
            anonymous,
            scan,
        }) => commands::assess(AssessArgs {
            questionnaire,
            session,
            team,
            respondent,
            role,
            participants,
            from,
            anonymous,
            scan,
        }),
        Some(Command::Report { sessions, questionnaire, format, template, output, baseline }) => {
            commands::report(ReportArgs { sessions, questionnaire, format, template, output, baseline })
        }
        Some(Command::Merge { sessions, output, force }) => commands::merge(MergeArgs { sessions, output, force }),
        Some(Command::Portfolio { inputs, format, output }) => {
            commands::portfolio(commands::PortfolioArgs { inputs, format, output })
        }
        Some(Command::History { inputs, team, format, output }) => {
            commands::history(commands::HistoryArgs { inputs, team, format, output })
        }
        Some(Command::Scan { paths, session, questionnaire, format }) => {
            commands::scan(commands::ScanArgs { paths, session, questionnaire, format })
        }
        Some(Command::Validate { files }) => commands::validate(&files),
        Some(Command::List) => commands::list(),
        Some(Command::Init { dir }) => commands::init(&dir),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // The message may quote file names and values from files: escaped and cut when printed.
            commands::print_err(&format!("mlops-maturity: {e:#}"));
            ExitCode::from(1)
        }
    }
}

/// Prints clap's help, version or usage error. Help that cannot be written (`--help > /dev/full`)
/// is an error like any other output; only a closed pipe is not.
fn clap_exit(e: &clap::Error) -> ExitCode {
    match e.print() {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe && !e.use_stderr() => {
            commands::print_err(&format!("mlops-maturity: cannot write to standard output: {err}"));
            ExitCode::from(1)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1)),
    }
}
