//! The interactive assessment's shell: what `assess` opens, and the run that follows.
//!
//! The TUI is Elm-shaped. `app` is the model, the messages and `update` (pure: no terminal, no
//! disk), `view` draws the model, `input` is the text field both use, and `facilitator` gathers
//! the workshop facilitator's screen for its callers. The shell around them: `sessions` finds,
//! opens and creates the session files, `runtime` owns the terminal and the event loop and
//! carries out the effects `update` asks for, `saving` writes every change atomically before
//! the next key is read (so a killed process loses at most that keystroke; nothing is written
//! when nothing changed), and `exports` writes the reports. A signal or a closed terminal
//! (hang-up) ends the loop within a fraction of a second: the session is saved, the lock
//! released. Terminal events are read on a thread of their own, so the loop never waits inside
//! the terminal library.

#![warn(missing_docs)]

pub mod app;
pub mod facilitator;
pub mod input;
pub mod keymap;
pub mod view;

mod exports;
mod runtime;
mod saving;
mod sessions;
mod text;

pub use app::drawn_area;
pub(crate) use sessions::DEFAULT_QUESTIONNAIRE;
pub use sessions::{AssessArgs, saved_entries};

use crate::files;
use crate::lock::SessionLock;
use crate::workspace;
use anyhow::{Result, bail};
use app::{Assessment, Effect, Model};
use sessions::{Person, create_in_home, new_form, next_assessment, open_or_create};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Runs the interactive assessment that `args` ask for, until the user quits (or a signal or
/// a closed terminal ends it), and says what happened to the session.
pub(crate) fn run(args: AssessArgs) -> Result<ExitCode> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let today = files::today();
    let home = workspace::home();
    // Open (and so check) the session before anything else: a corrupt file is reported as
    // such, and left exactly as it was.
    let first = first_session(&args, home.as_deref(), &today, color)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive assessment needs a terminal; to score a session without one, run `mlops-maturity report SESSION.yaml`"
        );
    }
    let (mut model, lock) = match first {
        First::Open(a, new) => {
            let (model, lock) = opened_model(a, new, &args, &today, color)?;
            (model, Some(lock))
        }
        First::Start(m) => (*m, None),
    };
    model.set_anonymous(args.anonymous);
    runtime::Runtime::start(model, lock, home, today)?.run()
}

/// What the app starts on: an assessment (and whether it is new, so written at once), or the
/// start screen or form.
enum First {
    Open(Box<Assessment>, bool),
    Start(Box<Model>),
}

/// The session the command line asks for, or the start screen: `--from` starts the next
/// assessment, `--session` opens or creates that file, and a team, respondent or role without
/// a file asks for that new session (the form, pre-filled, or no form at all when nothing is
/// missing; never the list of saved sessions).
fn first_session(args: &AssessArgs, home: Option<&Path>, today: &str, color: bool) -> Result<First> {
    if !args.scan.is_empty() && args.session.is_none() && args.from.is_none() {
        bail!(
            "--scan needs --session FILE (or --from EARLIER): the scan is recorded in that session; for example: mlops-maturity assess --session team.yaml --scan ../repo"
        );
    }
    match (&args.from, &args.session) {
        (Some(from), session) => {
            return Ok(First::Open(Box::new(next_assessment(from, session.as_deref(), home, today)?), true));
        }
        (None, Some(path)) => return Ok(First::Open(Box::new(open_or_create(path, args, today)?), !path.exists())),
        (None, None) => {}
    }
    let mut m = Model::start(saved_entries(home), new_form(args, home), today, color);
    let given = [&args.team, &args.respondent, &args.role, &args.participants];
    if given.iter().any(|v| v.is_some())
        && let Some(Effect::Create { questionnaire, team, respondent, role, participants }) = app::start_given(&mut m)
    {
        let who = Person { team: &team, respondent: &respondent, role: &role, participants: &participants };
        // Written on the first change, as a session started from the form.
        return Ok(First::Open(Box::new(create_in_home(home, &questionnaire, &who, today)?), false));
    }
    Ok(First::Start(Box::new(m)))
}

/// The model for an assessment opened from the command line, its lock taken, and the
/// repositories of `--scan` scanned into it.
fn opened_model(
    mut a: Box<Assessment>,
    new: bool,
    args: &AssessArgs,
    today: &str,
    color: bool,
) -> Result<(Model, SessionLock)> {
    let lock = SessionLock::acquire(&a.path)?;
    let scanned = !args.scan.is_empty();
    if scanned {
        let (outcome, notes) = crate::evidence::scan_questionnaire(&a.questionnaire, &args.scan, today)?;
        for note in notes {
            eprintln!("{}", crate::printable::printable(&format!("mlops-maturity: scan: {note}")));
        }
        a.session.scan = Some(Box::new(outcome.scan));
    }
    let mut m = Model::with_assessment(*a, today, color);
    // A new session is written at once; an opened one only when something changes.
    m.dirty = new || scanned;
    Ok((m, lock))
}
