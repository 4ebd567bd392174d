//! The session files the TUI works on: what `assess` is asked for on the command line, opening
//! a saved session, creating a new one (from the form or the command line), starting the next
//! assessment from an earlier one, and listing the saved sessions for the start screen.
//!
//! It reads and checks files and builds assessments; it draws nothing and changes no model.

use super::app::{Assessment, NewSessionForm, SavedEntry};
use super::input;
use crate::files;
use crate::questionnaire::{self, BUILT_INS};
use crate::session::{self, Session};
use crate::workspace;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The default questionnaire for a new session.
pub(crate) const DEFAULT_QUESTIONNAIRE: &str = "mlops-maturity";

/// What `assess` is asked for: the questionnaire, the session file, who answers, where to start.
#[derive(Debug, Default, Clone)]
pub struct AssessArgs {
    /// The questionnaire of a new session (`--questionnaire`): an id or a file.
    pub questionnaire: Option<String>,
    /// The session file to open or create (`--session`).
    pub session: Option<PathBuf>,
    /// The team (`--team`).
    pub team: Option<String>,
    /// Who answers (`--respondent`).
    pub respondent: Option<String>,
    /// The respondent's role (`--role`).
    pub role: Option<String>,
    /// `"Ana:engineering,Ben:data-science,Cy"`: a new session file becomes a workshop session.
    pub participants: Option<String>,
    /// Start the next assessment from this earlier session (`--from`).
    pub from: Option<PathBuf>,
    /// A workshop's revealed votes are shown as counts, not by name (`--anonymous`).
    pub anonymous: bool,
    /// Repositories to scan before the questions start (`--scan`), recorded in the session.
    pub scan: Vec<PathBuf>,
}

/// A saved session, opened as it is, with last time's notes and progress since then.
pub(crate) fn open_existing(path: &Path, today: &str) -> Result<Assessment> {
    let s = session::load(path)?;
    let (q, _) = workspace::questionnaire_of(path, &s)?;
    let notes = previous_notes(path, &s, &q);
    let mut a = Assessment::new(q, s, path.to_path_buf(), today);
    a.previous_notes = notes;
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// Progress since the session's `previous`, when that file loads (as `report` does it).
fn compare_with_previous(a: &mut Assessment, today: &str) {
    let input = [(a.path.clone(), a.session.clone())];
    if let Some(Ok((_, named, baseline, _))) = workspace::previous_baseline(&input, &a.questionnaire) {
        a.set_previous(named, baseline, today);
    }
}

/// `--session FILE`: that file opened, or a new session for it (written on the first change),
/// with what the command line gives (participants, team, respondent, role) set on it.
pub(crate) fn open_or_create(path: &Path, args: &AssessArgs, today: &str) -> Result<Assessment> {
    let mut s = if path.exists() {
        session::load(path)?
    } else {
        let folder = files::folder_of(path);
        if !folder.is_dir() {
            bail!("{}: the folder {} does not exist", path.display(), folder.display());
        }
        Session::new(args.questionnaire.as_deref().unwrap_or(DEFAULT_QUESTIONNAIRE))
    };
    if let Some(list) = &args.participants {
        super::app::workshop::set_participants(&mut s, list, path)?;
    }
    for (value, slot) in [(&args.team, &mut s.team), (&args.respondent, &mut s.respondent), (&args.role, &mut s.role)] {
        if let Some(v) = value {
            *slot = Some(v.clone());
        }
    }
    let (q, _) = match &args.questionnaire {
        Some(spec) if !path.exists() => crate::workspace::resolve(spec, Path::new("."), workspace::home().as_deref())?,
        _ => workspace::questionnaire_of(path, &s)?,
    };
    let notes = previous_notes(path, &s, &q);
    let mut a = Assessment::new(q, s, path.to_path_buf(), today);
    a.previous_notes = notes;
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// Who a new session from the form is for: one respondent, or a workshop's participants.
pub(crate) struct Person<'a> {
    /// The team's name.
    pub(crate) team: &'a str,
    /// Who answers (a workshop has participants instead).
    pub(crate) respondent: &'a str,
    /// The respondent's role.
    pub(crate) role: &'a str,
    /// `Name:role, Name, …` for a workshop; empty for one respondent.
    pub(crate) participants: &'a str,
}

/// A new session in the user's sessions folder, for the form's questionnaire and people.
pub(crate) fn create_in_home(
    home: Option<&Path>,
    questionnaire: &str,
    who: &Person,
    today: &str,
) -> Result<Assessment> {
    let dir = workspace::sessions_dir(home)?;
    let workshop = !who.participants.is_empty();
    // A workshop has participants instead of one respondent (DESIGN "Workshop session").
    let respondent = if workshop { "workshop" } else { who.respondent };
    let path = workspace::new_session_path(&dir, who.team, respondent, today);
    let mut s = Session::new(questionnaire);
    let non_empty = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    s.team = non_empty(who.team);
    if workshop {
        let list =
            crate::workshop::parse_participants(who.participants).map_err(|e| anyhow::anyhow!("Participants: {e}"))?;
        s.participants = Some(list);
    } else {
        s.respondent = non_empty(who.respondent);
        s.role = non_empty(who.role);
    }
    let (q, _) = crate::workspace::resolve(questionnaire, Path::new("."), home)?;
    Ok(Assessment::new(q, s, path, today))
}

/// The next assessment from an earlier session (DESIGN "Next assessment"), in `to` or a new
/// file beside the user's sessions.
pub(crate) fn next_assessment(from: &Path, to: Option<&Path>, home: Option<&Path>, today: &str) -> Result<Assessment> {
    let earlier = session::load(from)?;
    let (q, _) = workspace::questionnaire_of(from, &earlier)?;
    let mut next = earlier.next_assessment(q.scoring.partial_credit);
    next.move_to_current_ids(&q);
    next.questionnaire_version = Some(q.version);
    let path = match to {
        Some(to) => {
            if to.exists() {
                bail!(
                    "{}: the file exists; --from starts a new session, so give --session a new file name",
                    to.display()
                );
            }
            let folder = files::folder_of(to);
            if !folder.is_dir() {
                bail!("{}: the folder {} does not exist", to.display(), folder.display());
            }
            // A path inside another folder keeps naming the questionnaire the same way.
            if files::folder_of(from) != folder
                && crate::workspace::resolve(&next.questionnaire, &folder, home).is_err()
            {
                bail!(
                    "{}: the questionnaire `{}` would not be found from {}; put the new session beside {}",
                    to.display(),
                    next.questionnaire,
                    folder.display(),
                    from.display()
                );
            }
            to.to_path_buf()
        }
        None => workspace::new_session_path(
            &workspace::sessions_dir(home)?,
            next.team.as_deref().unwrap_or(""),
            next.respondent.as_deref().unwrap_or(""),
            today,
        ),
    };
    next.previous = Some(previous_path(from, &path));
    let mut a = Assessment::new(q, next, path, today);
    a.previous_notes = notes_under_current_ids(earlier, &a.questionnaire);
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// How the new session at `to` names the earlier one at `from`: relative to the new file's
/// folder when it can be, else the full path.
fn previous_path(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or(p.to_path_buf());
    let earlier = absolute(from);
    let folder = absolute(&files::folder_of(to));
    session::relative_path(&folder, &earlier).unwrap_or(earlier).display().to_string()
}

/// The notes of the session `s` (at `path`) was carried from, when its `previous` loads; none
/// otherwise (the earlier file may have moved: the new session stands on its own).
fn previous_notes(
    path: &Path,
    s: &Session,
    q: &questionnaire::Questionnaire,
) -> std::collections::HashMap<String, String> {
    let Some(previous) = &s.previous else { return Default::default() };
    let earlier = files::folder_of(path).join(previous);
    session::load(&earlier).map(|e| notes_under_current_ids(e, q)).unwrap_or_default()
}

/// An earlier session's notes, by the ids its answers were carried under.
fn notes_under_current_ids(
    mut earlier: Session,
    q: &questionnaire::Questionnaire,
) -> std::collections::HashMap<String, String> {
    earlier.move_to_current_ids(q);
    earlier.notes()
}

/// Every saved session for the start screen, newest first, then the files that do not load.
pub fn saved_entries(home: Option<&Path>) -> Vec<SavedEntry> {
    let Some(home) = home else { return Vec::new() };
    let dash = || "–".to_owned();
    let mut entries: Vec<SavedEntry> = workspace::saved_sessions(home)
        .into_iter()
        .map(|s| SavedEntry {
            team: s.session.team.clone().unwrap_or_else(dash),
            respondent: s.session.answered_by().unwrap_or_else(dash),
            questionnaire: s.session.questionnaire.clone(),
            answered: s.answered,
            total: s.total,
            to_confirm: s.session.answers.values().filter(|e| e.carried && e.answer.is_some()).count(),
            changed: s.session.date.clone().unwrap_or_else(|| {
                s.modified
                    .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                    .map_or_else(String::new, |d| files::date_from_unix(d.as_secs() as i64))
            }),
            problem: s.problem.map(|p| format!("invalid: {p}")),
            path: s.path,
        })
        .collect();
    for (path, why) in workspace::unreadable_sessions(home) {
        entries.push(SavedEntry {
            team: path.file_name().map_or_else(dash, |n| n.to_string_lossy().into_owned()),
            respondent: dash(),
            questionnaire: "?".into(),
            problem: Some(format!("invalid: {why}")),
            path,
            ..SavedEntry::default()
        });
    }
    entries
}

/// The new-session form: every questionnaire on offer, filled in from the command line.
pub(crate) fn new_form(args: &AssessArgs, home: Option<&Path>) -> NewSessionForm {
    let mut questionnaires: Vec<(String, String)> =
        BUILT_INS.iter().filter_map(|(id, _)| questionnaire::built_in(id).map(|q| (q.id, q.title))).collect();
    if let Some(home) = home {
        for path in files::files_in(&home.join("questionnaires"), &["yaml", "yml"]) {
            if let Ok(q) = crate::workspace::load_file(&path)
                && !questionnaires.iter().any(|(id, _)| *id == q.id)
            {
                questionnaires.push((q.id, q.title));
            }
        }
    }
    // A questionnaire given by path (or an id not on offer) is offered as given.
    if let Some(wanted) = &args.questionnaire
        && !questionnaires.iter().any(|(id, _)| id == wanted)
    {
        questionnaires.push((wanted.clone(), wanted.clone()));
    }
    let choice = args
        .questionnaire
        .as_ref()
        .and_then(|wanted| questionnaires.iter().position(|(id, _)| id == wanted))
        .unwrap_or(0);
    NewSessionForm {
        questionnaires,
        choice,
        team: input::TextInput::new(args.team.as_deref().unwrap_or("")),
        respondent: input::TextInput::new(args.respondent.as_deref().unwrap_or("")),
        role: input::TextInput::new(args.role.as_deref().unwrap_or("")),
        participants: input::TextInput::new(args.participants.as_deref().unwrap_or("")),
        field: crate::tui::app::FormField::Questionnaire,
    }
}
