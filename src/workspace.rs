//! The user's workspace: the user folder, the sessions saved in it, and finding the
//! questionnaire a session names.
//!
//! Both shells stand on this module: the command line (`list`, `report`) and the TUI's start
//! screen. It reads files and never draws or prints.

use crate::files::{self, folder_of};
use crate::questionnaire::{self, Questionnaire, Source};
use crate::session::{self, Session};
use anyhow::{Context as _, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The user folder, if one can be found (a missing one only means no user files).
pub fn home() -> Option<PathBuf> {
    files::home_dir().ok()
}

/// The questionnaire a session names, resolved from the session file's folder.
///
/// When the id is not found but a user questionnaire that declares it fails to load, the error
/// says that file is invalid and gives its problems, rather than "not found".
pub fn questionnaire_of(session_path: &Path, session: &Session) -> Result<(Questionnaire, Source)> {
    questionnaire_in(session_path, session, home().as_deref())
}

/// [`questionnaire_of`] with the user folder given.
pub fn questionnaire_in(
    session_path: &Path,
    session: &Session,
    home: Option<&Path>,
) -> Result<(Questionnaire, Source)> {
    questionnaire::resolve(&session.questionnaire, &folder_of(session_path), home)
        .map_err(|e| match home.and_then(|h| invalid_user_questionnaire(&session.questionnaire, h)) {
            Some(invalid) => invalid,
            None => e,
        })
        .with_context(|| format!("{}: its questionnaire cannot be loaded", session_path.display()))
}

/// A user questionnaire file that declares `id` but does not load: the error names it as invalid.
fn invalid_user_questionnaire(id: &str, home: &Path) -> Option<anyhow::Error> {
    for path in files::files_in(&home.join("questionnaires"), &["yaml", "yml"]) {
        let Err(problems) = questionnaire::load_file(&path) else { continue };
        let declares = files::read_text(&path).is_ok_and(|text| {
            text.lines()
                .any(|l| l.strip_prefix("id:").is_some_and(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == id))
        });
        if declares {
            return Some(anyhow::anyhow!(
                "questionnaire `{id}` in {} is invalid; run `mlops-maturity validate {}`: {problems:#}",
                path.display(),
                path.display()
            ));
        }
    }
    None
}

/// Questionnaires loaded for sessions, each once: the sessions of a workshop, or a user's
/// saved sessions, mostly name the same one.
pub struct SessionQuestionnaires {
    home: Option<PathBuf>,
    loaded: HashMap<(String, PathBuf), std::result::Result<Questionnaire, String>>,
}

impl Default for SessionQuestionnaires {
    /// Questionnaires found through the user folder of [`home`].
    fn default() -> Self {
        SessionQuestionnaires::in_home(home().as_deref())
    }
}

impl SessionQuestionnaires {
    pub fn in_home(home: Option<&Path>) -> Self {
        SessionQuestionnaires { home: home.map(Path::to_path_buf), loaded: HashMap::new() }
    }

    pub fn of(&mut self, session_path: &Path, session: &Session) -> Result<&Questionnaire> {
        let key = (session.questionnaire.clone(), folder_of(session_path));
        let home = self.home.as_deref();
        let entry = self.loaded.entry(key).or_insert_with(|| {
            questionnaire_in(session_path, session, home).map(|(q, _)| q).map_err(|e| format!("{e:#}"))
        });
        entry.as_ref().map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// A saved session as `list` and the start screen show it.
#[derive(Debug, Clone)]
pub struct SavedSession {
    pub path: PathBuf,
    pub session: Session,
    pub answered: usize,
    pub total: usize,
    pub modified: Option<std::time::SystemTime>,
    /// Why its questionnaire cannot be loaded, when it cannot.
    pub problem: Option<String>,
}

/// Sessions in the user folder, newest first; files that do not load are skipped (see
/// [`unreadable_sessions`]).
pub fn saved_sessions(home: &Path) -> Vec<SavedSession> {
    let mut loaded = SessionQuestionnaires::in_home(Some(home));
    let mut out: Vec<SavedSession> = files::files_in(&home.join("sessions"), &["yaml", "yml"])
        .into_iter()
        .filter_map(|path| {
            let session = session::load(&path).ok()?;
            let (answered, total, problem) = match loaded.of(&path, &session) {
                Ok(q) => (session.answered_in(q), q.question_count(), None),
                Err(e) => (session.answers.values().filter(|a| a.answer.is_some()).count(), 0, Some(format!("{e:#}"))),
            };
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            Some(SavedSession { path, session, answered, total, modified, problem })
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.modified));
    out
}

/// Files in the sessions folder that do not load as sessions, with the reason.
pub fn unreadable_sessions(home: &Path) -> Vec<(PathBuf, String)> {
    files::files_in(&home.join("sessions"), &["yaml", "yml"])
        .into_iter()
        .filter_map(|path| session::load(&path).err().map(|e| (path, format!("{e:#}"))))
        .collect()
}
