//! `scan`: evidence from repositories, printed or recorded in a session.

use super::output::*;
use crate::files;
use crate::format::Format;
use crate::session::{self};
use crate::workspace::{home, questionnaire_of};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The output formats of `scan`: Markdown and JSON (the command line offers no other).
pub(crate) type ScanFormat = Format;

/// What `scan` is asked for.
#[derive(Debug, Clone)]
pub struct ScanArgs {
    /// The repositories (folders) to scan.
    pub paths: Vec<PathBuf>,
    /// Record the result in this session (under its lock; answers are never changed).
    pub session: Option<PathBuf>,
    /// `-q`: a questionnaire id or path whose probes to use (else the session's questionnaire, else
    /// the built-in `mlops-maturity`).
    pub questionnaire: Option<String>,
    /// Markdown or JSON.
    pub format: ScanFormat,
}

/// `scan PATH...`: evidence from repositories (DESIGN "Evidence from repositories").
pub fn scan(args: ScanArgs) -> Result<ExitCode> {
    let lock = match &args.session {
        Some(path) => {
            if !path.is_file() {
                bail!("{}: no such session file; give an existing session to record the scan in", path.display());
            }
            Some(crate::lock::SessionLock::acquire(path)?)
        }
        None => None,
    };
    let loaded = args.session.as_ref().map(|p| Ok::<_, anyhow::Error>((p, session::load(p)?))).transpose()?;
    let q = match (&args.questionnaire, &loaded) {
        (Some(spec), _) => crate::workspace::resolve(spec, Path::new("."), home().as_deref())?.0,
        (None, Some((path, s))) => questionnaire_of(path, s)?.0,
        (None, None) => {
            crate::workspace::resolve(crate::tui::DEFAULT_QUESTIONNAIRE, Path::new("."), home().as_deref())?.0
        }
    };
    let today = files::today();
    let (outcome, notes) = crate::evidence::scan_questionnaire(&q, &args.paths, &today)?;
    for note in notes {
        print_err(&format!("mlops-maturity: scan: {note}"));
    }
    if let Some((path, mut s)) = loaded {
        s.scan = Some(Box::new(outcome.scan.clone()));
        // The app writes the day of the last change on every save (DESIGN "Session file").
        s.date = Some(today);
        session::save(path, &s)?;
    }
    drop(lock);
    match args.format {
        Format::Json => print_out(&(crate::printable::clean_json_text(&outcome) + "\n"))?,
        Format::Html | Format::Csv => bail!("scan writes markdown or json"),
        Format::Markdown => print_for_terminal(&crate::evidence::outcome::render_markdown(&q, &outcome))?,
    }
    Ok(ExitCode::SUCCESS)
}
