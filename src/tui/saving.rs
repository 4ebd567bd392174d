//! Saving the open session: after every change, atomically, and only when something changed;
//! a change that would make the file too large to open again is refused. The saver writes and
//! says what happened as a [`Msg`] for `update`; it never changes the model itself. Also what
//! is printed about the session when the app ends.

use super::app::{Model, Msg, NoteField};
use crate::files;
use crate::session::{AnswerEntry, Session};
use anyhow::Result;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

/// Saves the open session after a change, and keeps the last session that was written.
pub(crate) struct Saver {
    /// The session as last written (or read); a change that cannot be written within the size
    /// limit is undone back to it.
    last_good: Option<Session>,
    /// Whether any save reached the disk in this run.
    pub(crate) wrote: bool,
}

impl Saver {
    /// A saver for the model as it starts: its open session, if any, is as on disk.
    pub(crate) fn new(model: &Model) -> Saver {
        Saver { last_good: model.assessment.as_ref().map(|a| a.session.clone()), wrote: false }
    }

    /// A session was just opened (or created): it is the last good one from now on.
    pub(crate) fn opened(&mut self, session: &Session) {
        self.last_good = Some(session.clone());
    }

    /// On leaving a session, its clock is saved with it (DESIGN "timing": kept across
    /// reopening) when the file is on disk and this run wrote it or it is a workshop's (whose
    /// clock the facilitator watches); time alone never creates a file, nor rewrites an
    /// untouched respondent's session. The message marks the session as changed.
    pub(crate) fn keep_time(&self, model: &Model) -> Option<Msg> {
        let a = model.assessment.as_ref()?;
        let saved = self.last_good.as_ref().and_then(|s| s.timing.as_ref());
        let keep = a.session.timing.as_ref() != saved && a.path.exists() && (self.wrote || a.workshop.is_some());
        keep.then_some(Msg::KeepTime)
    }

    /// Writes the open session, dated today, when it changed (no change, no write), and says
    /// how that went: saved, not saved (and why), or refused as too large.
    pub(crate) fn save(&mut self, model: &Model) -> Option<Msg> {
        if !model.dirty {
            return None;
        }
        let a = model.assessment.as_ref()?;
        let mut session = a.session.clone();
        session.date = Some(model.today.clone());
        let yaml = session.to_yaml();
        if yaml.len() as u64 > files::MAX_INPUT_BYTES {
            // The app could not open such a file again: the change is refused instead, and the
            // text goes back into its editor so nothing typed is lost.
            let (_, _, q) = a.current();
            let reopen = self.last_good.as_ref().and_then(|good| changed_text(&a.session, good, &q.id));
            let restore = self.last_good.clone().map(Box::new);
            return Some(Msg::SaveRefused { restore, reopen, bytes: yaml.len() as u64 });
        }
        Some(match files::write_with_backup(&a.path, yaml.as_bytes()) {
            Ok(()) => {
                self.last_good = Some(session);
                self.wrote = true;
                Msg::Saved(clock())
            }
            Err(e) => Msg::SaveFailed(format!("{} could not be written: {e:#}", a.path.display())),
        })
    }
}

/// The note (else the evidence) of `question` when it differs from the last good session's.
fn changed_text(now: &Session, good: &Session, question: &str) -> Option<(NoteField, String)> {
    let (now, before) = (now.answers.get(question), good.answers.get(question));
    let text = |e: Option<&AnswerEntry>, f: fn(&AnswerEntry) -> &Option<String>| e.and_then(|e| f(e).clone());
    let note = text(now, |e| &e.note);
    let evidence = text(now, |e| &e.evidence);
    if note != text(before, |e| &e.note) {
        note.map(|t| (NoteField::Note, t))
    } else if evidence != text(before, |e| &e.evidence) {
        evidence.map(|t| (NoteField::Evidence, t))
    } else {
        None
    }
}

/// The time of day (UTC) for the status line.
fn clock() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

/// How the event loop ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Ended {
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
    Signal,
    /// The terminal is gone: a read or a draw failed, or stdin is no longer a terminal.
    HangUp,
}

/// Prints what happened to the session (never panicking on a terminal that is gone) and
/// chooses the exit code: 1 when changes could not be saved.
pub(crate) fn finish(model: &Model, wrote: bool, outcome: Result<Ended>) -> Result<ExitCode> {
    use std::io::Write;
    let ended = outcome?;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for path in &model.exported {
        let _ = writeln!(out, "Report written to {}", path.display());
    }
    let Some(a) = &model.assessment else { return Ok(ExitCode::SUCCESS) };
    if model.dirty {
        let why = model.save_error.as_deref().unwrap_or("the session could not be written");
        let _ =
            writeln!(err, "mlops-maturity: NOT SAVED: the last changes to {} are not on disk: {why}", a.path.display());
        let stem = a.path.file_stem().map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
        match files::write_rescue_copy(crate::workspace::home().as_deref(), &stem, a.session.to_yaml().as_bytes()) {
            Ok(rescue) => {
                let _ = writeln!(
                    err,
                    "The whole session, with those changes, was written to {}: once the problem is fixed, copy it over {}.",
                    rescue.display(),
                    a.path.display()
                );
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "A copy could not be written either ({e:#}); free some space or fix the folder's permissions, then answer the last questions again."
                );
            }
        }
        return Ok(ExitCode::from(1));
    }
    if ended == Ended::Quit || ended == Ended::Signal {
        if wrote {
            let _ = writeln!(out, "Session saved to {}", a.path.display());
        } else if !a.path.exists() {
            let _ = writeln!(out, "Nothing was changed, so no session was written ({} not created)", a.path.display());
            return Ok(ExitCode::SUCCESS);
        } else {
            let _ = writeln!(out, "Session unchanged: {}", a.path.display());
        }
        let _ = writeln!(out, "Report: mlops-maturity report {}", a.path.display());
    }
    Ok(ExitCode::SUCCESS)
}
