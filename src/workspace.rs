//! The user's workspace: the user folder, the sessions saved in it (and the plain ASCII names
//! new ones get), and finding a questionnaire: by path, by id in the user folder, or built in,
//! and the one a session names.
//!
//! Both shells stand on this module: the command line (`list`, `report`) and the TUI's start
//! screen. It reads files and never draws or prints.

use crate::files::{self, folder_of};
use crate::printable::{excerpt, one_line};
use crate::questionnaire::{self, BUILT_INS, Questionnaire, built_in, parse, problems_error};
use crate::report::{self, SessionInput};
use crate::session::{self, Session};
use anyhow::{Context as _, Result, anyhow, bail};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The user folder, if one can be found (a missing one only means no user files).
pub fn home() -> Option<PathBuf> {
    files::home_dir().ok()
}

/// Where a questionnaire came from, for `list` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A questionnaire compiled into the binary, by id.
    BuiltIn(String),
    /// A questionnaire file.
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn(id) => write!(f, "built-in {id}"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Loads and validates a questionnaire file, with every problem in one error.
pub(crate) fn load_file(path: &Path) -> anyhow::Result<Questionnaire> {
    let text = files::read_text(path)?;
    parse(&text, &path.display().to_string()).map_err(problems_error)
}

fn looks_like_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".yaml") || spec.ends_with(".yml")
}

/// Finds a questionnaire by path (relative paths from `base`), by id in the user folder, or by
/// built-in id, in that order: a user's customised copy shadows the built-in of the same id.
pub(crate) fn resolve(spec: &str, base: &Path, home: Option<&Path>) -> anyhow::Result<(Questionnaire, Source)> {
    if looks_like_path(spec) {
        let path =
            if Path::new(spec).is_absolute() || base == Path::new(".") { PathBuf::from(spec) } else { base.join(spec) };
        return Ok((load_file(&path)?, Source::File(path)));
    }
    if let Some(home) = home {
        let dir = home.join("questionnaires");
        for ext in ["yaml", "yml"] {
            let path = dir.join(format!("{spec}.{ext}"));
            if path.is_file() {
                return Ok((load_file(&path)?, Source::File(path)));
            }
        }
        for path in files::files_in(&dir, &["yaml", "yml"]) {
            if let Ok(q) = load_file(&path)
                && q.id == spec
            {
                return Ok((q, Source::File(path)));
            }
        }
    }
    if let Some(q) = built_in(spec) {
        return Ok((q, Source::BuiltIn(spec.to_owned())));
    }
    let ids: Vec<&str> = BUILT_INS.iter().map(|(id, _)| *id).collect();
    anyhow::bail!(
        "unknown questionnaire `{spec}`: it is not a built-in ({}), not in {}, and not a file; run `mlops-maturity list` to see what there is",
        ids.join(", "),
        home.map_or("the user folder".into(), |h| h.join("questionnaires").display().to_string())
    )
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
    resolve_named(session, &folder_of(session_path), home)
        .with_context(|| format!("{}: its questionnaire cannot be loaded", session_path.display()))
}

/// The questionnaire `session` names, from `folder`; the error names the questionnaire, not the
/// session.
fn resolve_named(session: &Session, folder: &Path, home: Option<&Path>) -> Result<(Questionnaire, Source)> {
    resolve(&session.questionnaire, folder, home).map_err(|e| {
        match home.and_then(|h| invalid_user_questionnaire(&session.questionnaire, h)) {
            Some(invalid) => invalid,
            None => e,
        }
    })
}

/// A user questionnaire file that declares `id` but does not load: the error names it as invalid.
fn invalid_user_questionnaire(id: &str, home: &Path) -> Option<anyhow::Error> {
    for path in files::files_in(&home.join("questionnaires"), &["yaml", "yml"]) {
        let Err(problems) = load_file(&path) else { continue };
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

/// The organisation's names for the questionnaire's owner roles, from the user folder's
/// `owners.yaml` (a mapping such as `ML engineering: Platform team`); empty without one. A file
/// that cannot be read is reported in the returned warning and otherwise ignored.
pub fn owners(home: Option<&Path>) -> (crate::report::Owners, Option<String>) {
    let Some(path) = home.map(|h| h.join("owners.yaml")).filter(|p| p.exists()) else {
        return (Default::default(), None);
    };
    let text = match files::read_text(&path) {
        Ok(t) => t,
        Err(e) => {
            return (Default::default(), Some(format!("{e:#}; owners are shown as the questionnaire names them")));
        }
    };
    match yaml_serde::from_str::<Option<crate::report::Owners>>(&text) {
        Ok(map) => (map.unwrap_or_default(), None),
        Err(_) => (
            Default::default(),
            Some(format!(
                "{}: not a mapping of owner names (like `ML engineering: Platform team`); owners are shown as the questionnaire names them",
                path.display()
            )),
        ),
    }
}

/// An example `owners.yaml`, as `init` writes it.
pub const OWNERS_EXAMPLE: &str = "\
# How your organisation names the owners that the questionnaire's recommendations give.
# Left: the questionnaire's name (case does not matter). Right: who leads it here.
# Every report format uses the names on the right. Delete a line to keep the questionnaire's name.
ML engineering: ML engineering
Data engineering: Data engineering
Data science: Data science
Platform engineering: Platform engineering
Model owner: Model owner
Product: Product
";

/// Questionnaires loaded for sessions, each once: the sessions of a workshop, or a user's
/// saved sessions, mostly name the same one.
pub struct SessionQuestionnaires {
    home: Option<PathBuf>,
    loaded: HashMap<(String, PathBuf), std::result::Result<(Questionnaire, Source), String>>,
}

impl Default for SessionQuestionnaires {
    /// Questionnaires found through the user folder of [`home`].
    fn default() -> Self {
        SessionQuestionnaires::in_home(home().as_deref())
    }
}

impl SessionQuestionnaires {
    /// Questionnaires found through the user folder `home` (none: built-ins and paths only).
    pub fn in_home(home: Option<&Path>) -> Self {
        SessionQuestionnaires { home: home.map(Path::to_path_buf), loaded: HashMap::new() }
    }

    /// The questionnaire a session at `session_path` names (loaded once for all the sessions that
    /// name it); the error names the session.
    pub fn of(&mut self, session_path: &Path, session: &Session) -> Result<&Questionnaire> {
        let key = (session.questionnaire.clone(), folder_of(session_path));
        let home = self.home.as_deref();
        // The error is kept without the session's name, so that each session that names the
        // same missing questionnaire is named in its own message.
        let entry = self
            .loaded
            .entry(key)
            .or_insert_with(|| resolve_named(session, &folder_of(session_path), home).map_err(|e| format!("{e:#}")));
        entry
            .as_ref()
            .map(|(q, _)| q)
            .map_err(|e| anyhow::anyhow!("{}: its questionnaire cannot be loaded: {e}", session_path.display()))
    }

    /// The questionnaire files loaded so far (built-ins are not files).
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .loaded
            .values()
            .filter_map(|loaded| match loaded {
                Ok((_, Source::File(path))) => Some(path.clone()),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }
}

/// A saved session as `list` and the start screen show it.
#[derive(Debug, Clone)]
pub struct SavedSession {
    /// Where the session file is.
    pub path: PathBuf,
    /// The session as read.
    pub session: Session,
    /// How many of its questionnaire's questions it answers.
    pub answered: usize,
    /// How many questions its questionnaire has; 0 when it cannot be loaded.
    pub total: usize,
    /// When the file was last changed, when the system says.
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

/// A piece of a file name: lowercase ASCII letters and digits joined by `-`; accented letters
/// lose their accents, other scripts are left out.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let ascii = transliterate(c);
        if ascii.is_empty() {
            if !out.is_empty() && !out.ends_with('-') && !c.is_alphanumeric() {
                out.push('-');
            }
            continue;
        }
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                out.push(a.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
    }
    out.trim_end_matches('-').chars().take(40).collect::<String>().trim_end_matches('-').to_owned()
}

/// The ASCII spelling of a character: itself when ASCII, the base letter of an accented Latin
/// letter, nothing for other scripts.
fn transliterate(c: char) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("çćĉċč", "c"),
        ("ÇĆĈĊČ", "C"),
        ("ďđð", "d"),
        ("ĎĐÐ", "D"),
        ("èéêëēĕėęě", "e"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("ĝğġģ", "g"),
        ("ĜĞĠĢ", "G"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ĹĻĽĿŁ", "L"),
        ("ñńņňŉ", "n"),
        ("ÑŃŅŇ", "N"),
        ("òóôõöøōŏő", "o"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ŚŜŞŠȘ", "S"),
        ("ţťŧț", "t"),
        ("ŢŤŦȚ", "T"),
        ("ùúûüũūŭůűų", "u"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("ÝŸŶ", "Y"),
        ("źżž", "z"),
        ("ŹŻŽ", "Z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("Æ", "AE"),
        ("œ", "oe"),
        ("Œ", "OE"),
        ("þ", "th"),
        ("Þ", "TH"),
    ];
    if c.is_ascii() {
        return c.to_string();
    }
    TABLE.iter().find(|(from, _)| from.contains(c)).map_or_else(String::new, |(_, to)| (*to).to_owned())
}

/// A new, unused file name in `dir` for a session of this team and respondent, dated today.
pub fn new_session_path(dir: &Path, team: &str, respondent: &str, today: &str) -> PathBuf {
    let stem: Vec<String> = [slug(team), slug(respondent)].into_iter().filter(|s| !s.is_empty()).collect();
    let stem = if stem.is_empty() { "session".to_owned() } else { stem.join("-") };
    let mut path = dir.join(format!("{stem}-{today}.yaml"));
    let mut n = 2;
    while path.exists() || crate::lock::lock_path(&path).exists() {
        path = dir.join(format!("{stem}-{today}-{n}.yaml"));
        n += 1;
    }
    path
}

/// The user folder's `sessions/`, created when missing; an error when there is no user folder.
pub fn sessions_dir(home: Option<&Path>) -> Result<PathBuf> {
    let home = home.context("no user folder to save the session in; set MLOPS_MATURITY_HOME or use --session FILE")?;
    let dir = home.join("sessions");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create the sessions folder", dir.display()))?;
    Ok(dir)
}

/// The baseline a single session's `previous` gives (DESIGN "Next assessment"): its path, the
/// name the session gives it, the baseline and its warnings; an error sentence when it does not
/// load (the report then goes without); `None` without a `previous`.
#[allow(clippy::type_complexity)]
pub fn previous_baseline(
    sessions: &[(PathBuf, Session)],
    q: &Questionnaire,
) -> Option<Result<(PathBuf, String, crate::report::Baseline, Vec<String>), String>> {
    let [(path, s)] = sessions else { return None };
    let named = s.previous.as_ref()?;
    let earlier = folder_of(path).join(named);
    let loaded = load_baseline(&earlier, q).and_then(|(b, w)| Ok((check_baseline(&earlier, b, q.highest_level())?, w)));
    Some(match loaded {
        Ok((b, warnings)) => Ok((earlier, named.clone(), b, warnings)),
        Err(e) => Err(format!(
            "previous assessment {} could not be used as the baseline ({}); give --baseline FILE to compare with it",
            excerpt(named, 200),
            one_line(&format!("{e:#}"))
        )),
    })
}

/// Baseline scores must be numbers a report of this questionnaire can hold: 0 to its highest level.
pub fn check_baseline(path: &Path, baseline: crate::report::Baseline, highest: u32) -> Result<crate::report::Baseline> {
    let out_of_range = |s: &f64| !(s.is_finite() && (0.0..=f64::from(highest)).contains(s));
    if let Some((id, score)) = baseline.scores.iter().find(|(_, s)| out_of_range(s)) {
        bail!(
            "{}: dimension `{}` has the score {}, but scores go from 0 to {highest}; give a report of the same questionnaire",
            path.display(),
            crate::printable::excerpt(id, 40),
            crate::printable::number(*score)
        );
    }
    if let Some(level) = baseline.overall_level.filter(|l| *l > highest) {
        bail!("{}: the overall level {level} is above this questionnaire's highest level {highest}", path.display());
    }
    Ok(baseline)
}

/// An earlier assessment, from a JSON report or a (workshop) session scored with `q`, with the
/// warnings it raises. A baseline of another questionnaire is an error; of another version of
/// the same one, a warning.
pub fn load_baseline(path: &Path, q: &Questionnaire) -> Result<(crate::report::Baseline, Vec<String>)> {
    let text = files::read_text(path)?;
    let shown = path.display();
    let other_version = |version: Option<u32>| -> Vec<String> {
        match version {
            Some(v) if v != q.version => vec![format!(
                "baseline {shown}: made with version {v} of questionnaire {}, which is now version {}; answers to reworded questions may show as changes",
                q.id, q.version
            )],
            _ => Vec::new(),
        }
    };
    let other_questionnaire = |id: &str| {
        anyhow!(
            "{shown}: the baseline is an assessment of questionnaire `{id}`, not `{}`; give an earlier report or session of `{}`",
            q.id,
            q.id
        )
    };
    if text.trim_start().starts_with('{') {
        let (id, version, mut baseline) = report::baseline_of_json(&text).map_err(|e| anyhow!("{shown}: {e}"))?;
        if id != q.id {
            return Err(other_questionnaire(&id));
        }
        // A report of an earlier version names questions by their old ids: read them as the
        // questions that replace them, as for a session.
        for (_, question) in q.questions() {
            if !baseline.answers.contains_key(&question.id)
                && let Some(old) = question.replaces.iter().find_map(|old| baseline.answers.get(old).cloned())
            {
                baseline.answers.insert(question.id.clone(), old);
            }
        }
        return Ok((baseline, other_version(version)));
    }
    let s = session::parse(&text, &shown.to_string()).map_err(questionnaire::problems_error)?;
    if s.questionnaire != q.id {
        let (theirs, _) = questionnaire_of(path, &s)?;
        if theirs.id != q.id {
            return Err(other_questionnaire(&theirs.id));
        }
    }
    let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let r = report::build(q, &[SessionInput { file_name, session: &s }], None, "");
    let baseline = crate::report::Baseline {
        scores: r.dimensions.iter().map(|d| (d.id.clone(), d.score)).collect(),
        answers: r.answers.iter().map(|a| (a.question.clone(), a.answer)).collect(),
        overall_level: Some(r.overall.level),
        date: s.date.clone(),
        version: s.questionnaire_version,
    };
    Ok((baseline, other_version(s.questionnaire_version)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::tests::{MINIMAL, with_field};

    #[test]
    fn session_file_names_are_plain_ascii() {
        assert_eq!(slug("Équipe données 数据团队"), "equipe-donnees");
        assert_eq!(slug("Straße & Œuvre"), "strasse-oeuvre");
        assert_eq!(slug("数据团队"), "", "a name with no Latin letters leaves nothing");
        assert!(slug(&"ü".repeat(60)).len() <= 40);
    }

    #[test]
    fn session_file_names_stay_unique() {
        let dir = tempfile::tempdir().unwrap();
        let first = new_session_path(dir.path(), "数据团队", "", "2026-11-28");
        assert_eq!(first.file_name().unwrap(), "session-2026-11-28.yaml");
        std::fs::write(&first, "x").unwrap();
        let second = new_session_path(dir.path(), "数据", "", "2026-11-28");
        assert_eq!(second.file_name().unwrap(), "session-2026-11-28-2.yaml");
        let named = new_session_path(dir.path(), "Fraud ML", "José", "2026-11-28");
        assert_eq!(named.file_name().unwrap(), "fraud-ml-jose-2026-11-28.yaml");
    }

    #[test]
    fn a_spec_with_a_slash_or_a_yaml_extension_is_a_path_and_sources_say_where_they_are() {
        for path in ["team/q", "team\\q", "q.yaml", "q.yml"] {
            assert!(looks_like_path(path), "{path}");
        }
        assert!(!looks_like_path("mlops-quick"));
        assert_eq!(Source::BuiltIn("mlops-quick".into()).to_string(), "built-in mlops-quick");
        assert_eq!(Source::File(PathBuf::from("q/team.yaml")).to_string(), "q/team.yaml");
    }

    #[test]
    fn resolve_finds_paths_from_the_base_then_user_files_by_id_then_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join("questionnaires")).unwrap();
        std::fs::write(home.join("questionnaires/other.yaml"), with_field("id", "other-id")).unwrap();
        std::fs::write(home.join("questionnaires/named-otherwise.yaml"), with_field("id", "team-q")).unwrap();
        std::fs::write(dir.path().join("q.yaml"), MINIMAL).unwrap();

        let (q, source) = resolve("q.yaml", dir.path(), Some(&home)).unwrap();
        assert_eq!((q.id.as_str(), source), ("t", Source::File(dir.path().join("q.yaml"))), "relative to the base");
        let absolute = dir.path().join("q.yaml");
        let (_, source) = resolve(absolute.to_str().unwrap(), Path::new("elsewhere"), None).unwrap();
        assert_eq!(source, Source::File(absolute.clone()), "an absolute path as given");
        let err = resolve("missing/q.yaml", Path::new("."), None).unwrap_err().to_string();
        assert!(err.contains("missing/q.yaml") && !err.contains("./missing"), "the path as the user typed it: {err}");

        let (q, source) = resolve("team-q", Path::new("."), Some(&home)).unwrap();
        assert_eq!((q.id.as_str(), source), ("team-q", Source::File(home.join("questionnaires/named-otherwise.yaml"))));
        let (_, source) = resolve("mlops-quick", Path::new("."), Some(&home)).unwrap();
        assert_eq!(source, Source::BuiltIn("mlops-quick".into()));
        assert!(resolve("nothing-like-it", Path::new("."), Some(&home)).is_err());
    }
}
