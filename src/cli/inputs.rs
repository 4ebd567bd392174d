//! Reading the files commands are given: sessions named once each, a workshop never mixed with
//! other sessions, and the portfolio's and history's folders of sessions, workshop sessions and
//! JSON reports, read on several threads and grouped by questionnaire.

use super::output::*;
use crate::files;
use crate::printable::{excerpt, one_line};
use crate::questionnaire::{self, Questionnaire};
use crate::session::{self, Session};
use crate::workspace::SessionQuestionnaires;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A session as the command line names it. A name that is not there but is in the user folder's
/// `sessions/` (where `list` shows it) is not guessed at: the error says where it is.
pub(super) fn load_session(path: &Path) -> Result<Session> {
    session::load(path).map_err(|e| match session_in_user_folder(path) {
        Some(there) => {
            anyhow::anyhow!("{e:#}; a session of that name is in the user folder: give `{}`", there.display())
        }
        None => e,
    })
}

/// `home/sessions/NAME` when `path` is a bare name that does not exist here but does there.
fn session_in_user_folder(path: &Path) -> Option<PathBuf> {
    let bare = path.parent().is_none_or(|p| p.as_os_str().is_empty());
    if !bare || path.exists() {
        return None;
    }
    let there = crate::workspace::home()?.join("sessions").join(path);
    there.is_file().then_some(there)
}

/// The paths with repeats of the same file (by device and inode: a link, hard or symbolic, is the
/// same file) left out, and a warning for each.
pub(super) fn distinct_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let keys: Vec<files::FileKey> = paths.iter().map(|p| files::file_key(p)).collect();
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let (kept, warnings) = crate::workshop::distinct_files(&keys, &shown);
    (kept.into_iter().map(|i| paths[i].clone()).collect(), warnings)
}

/// A workshop session is reported on its own: its participants already are the group.
pub(super) fn refuse_workshop_with_others(sessions: &[(PathBuf, Session)]) -> Result<()> {
    if sessions.len() > 1
        && let Some((path, _)) = sessions.iter().find(|(_, s)| crate::workshop::is_workshop(s))
    {
        bail!(
            "{} is a workshop session and is reported on its own: run `mlops-maturity report {}` without other files (to add someone, add them as a participant)",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// Whether a session's `questionnaire` names a file rather than an id (as `resolve` decides).
pub(super) fn questionnaire_is_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".yaml") || spec.ends_with(".yml")
}

/// Names for a message: each quoted and cut short, at most 20 of them, then how many more.
pub(super) fn quoted_list(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(20).map(|n| format!("`{}`", excerpt(n, 60))).collect();
    if names.len() > 20 {
        shown.push(format!("and {} more", names.len() - 20));
    }
    shown.join(", ")
}

/// One file of a portfolio's inputs, read: an assessment, or a questionnaire that sessions
/// beside it may name.
pub(super) enum PortfolioRead {
    Input(Box<crate::portfolio::Input>),
    Questionnaire(Box<Questionnaire>),
}

/// Reads one portfolio input: a JSON report (`.json`, or text starting with `{`), a
/// questionnaire (a YAML mapping with `dimensions` or `levels` and no session key), or a session.
pub(super) fn read_portfolio_input(path: &Path) -> std::result::Result<PortfolioRead, String> {
    use crate::portfolio::{Input, InputKind};
    let shown = path.display().to_string();
    let text = files::read_text(path).map_err(|e| format!("{e:#}"))?;
    let is_json =
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
    let kind = if is_json {
        InputKind::Report(crate::portfolio::parse_json_report(&text).map_err(|e| format!("{shown}: {e}"))?)
    } else if crate::yaml::has_top_level_key(&text, &["dimensions", "levels"])
        && !crate::yaml::has_top_level_key(&text, &["format", "answers", "participants"])
    {
        let q = questionnaire::parse(&text, &shown).map_err(|problems| first_problems(&problems))?;
        return Ok(PortfolioRead::Questionnaire(Box::new(q)));
    } else {
        InputKind::Session(session::parse(&text, &shown).map_err(|problems| first_problems(&problems))?)
    };
    Ok(PortfolioRead::Input(Box::new(Input { path: shown, file_name: file_name(path), kind })))
}

/// One warning line of a file's problems: the first few, then how many more.
pub(super) fn first_problems(problems: &[questionnaire::Problem]) -> String {
    const SHOWN: usize = 5;
    let mut some: Vec<String> = problems.iter().take(SHOWN).map(ToString::to_string).collect();
    if problems.len() > SHOWN {
        some.push(format!("and {} more problems", problems.len() - SHOWN));
    }
    some.join("; ")
}

/// Reads the inputs on a few threads (parsing YAML is most of a large portfolio's time),
/// How many threads read and score a portfolio's or a history's inputs: the machine's, at most 8.
pub(super) fn reading_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// keeping their order.
pub(super) fn read_portfolio_inputs(
    paths: &[PathBuf],
    threads: usize,
) -> Vec<std::result::Result<PortfolioRead, String>> {
    crate::parallel::map_chunks(paths, threads, 64, |chunk| chunk.iter().map(|p| read_portfolio_input(p)).collect())
}

/// The index of `q` in `qs` (the same id and version), added when missing.
pub(super) fn index_of(qs: &mut Vec<Questionnaire>, q: &Questionnaire) -> usize {
    match qs.iter().position(|known| known.id == q.id && known.version == q.version) {
        Some(i) => i,
        None => {
            qs.push(q.clone());
            qs.len() - 1
        }
    }
}

/// The files a portfolio reads: each file given, and every .yaml, .yml and .json file directly
/// inside each folder given; the same file twice counts once.
pub(super) fn portfolio_files(inputs: &[PathBuf], warnings: &mut Vec<String>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for input in inputs {
        let found = if input.is_dir() {
            match std::fs::read_dir(input) {
                Err(e) => {
                    warnings.push(format!("{}: cannot read the folder: {}", input.display(), files::io_reason(&e)));
                    Vec::new()
                }
                Ok(_) => {
                    let inside = files::files_in(input, &["yaml", "yml", "json"]);
                    warnings.extend(files::not_regular_in(input, &["yaml", "yml", "json"]));
                    if inside.is_empty() {
                        warnings.push(format!("{}: the folder holds no .yaml, .yml or .json file", input.display()));
                    }
                    inside
                }
            }
        } else {
            vec![input.clone()]
        };
        for path in found {
            if seen.insert(files::file_key(&path)) {
                out.push(path);
            } else {
                warnings.push(format!("{}: given twice; counted once", path.display()));
            }
        }
    }
    out
}

/// The inputs of a portfolio or a history, read: each assessment input with the index of its
/// questionnaire in `qs`, the files read (which `-o` must not replace), and the warnings.
pub(super) struct TeamInputs {
    pub(super) qs: Vec<Questionnaire>,
    pub(super) which: Vec<usize>,
    pub(super) inputs: Vec<crate::portfolio::Input>,
    pub(super) used: Vec<PathBuf>,
    pub(super) warnings: Vec<String>,
}

/// Reads the files and folders given to `portfolio` or `history`; exit 1 when no team can be
/// read from them.
pub(super) fn read_team_inputs(given: &[PathBuf], today: &str, threads: usize) -> Result<TeamInputs> {
    use crate::portfolio::{self, InputKind};
    let mut warnings = Vec::new();
    let paths = portfolio_files(given, &mut warnings);
    // Questionnaire files among the inputs come first: sessions beside them may name them.
    let reads = read_portfolio_inputs(&paths, threads);
    let mut qs: Vec<Questionnaire> = Vec::new();
    let mut used: Vec<PathBuf> = Vec::new();
    let mut read_inputs = Vec::new();
    for (path, read) in paths.iter().zip(reads) {
        match read {
            Ok(PortfolioRead::Questionnaire(q)) => {
                used.push(path.clone());
                index_of(&mut qs, &q);
            }
            Ok(PortfolioRead::Input(input)) => read_inputs.push((path, *input)),
            Err(why) => warnings.push(format!("skipped {why}")),
        }
    }
    let given = qs.len();
    // Sessions find their questionnaire as a report of them would; then each JSON report is
    // read with the questionnaire of its id that the other inputs load, else found as a
    // session's would be.
    let mut questionnaires = SessionQuestionnaires::default();
    let mut found: Vec<Option<usize>> = Vec::with_capacity(read_inputs.len());
    for (path, input) in &read_inputs {
        found.push(match &input.kind {
            InputKind::Session(s) => match questionnaires.of(path, s) {
                Ok(q) => Some(index_of(&mut qs, q)),
                Err(why) => match qs[..given].iter().position(|q| q.id == s.questionnaire) {
                    Some(i) => Some(i),
                    None => {
                        warnings.push(format!("skipped {why:#}"));
                        None
                    }
                },
            },
            InputKind::Report(_) => None,
        });
    }
    let mut inputs = Vec::new();
    let mut which = Vec::new();
    for ((path, input), found) in read_inputs.into_iter().zip(found) {
        let q = match (&input.kind, found) {
            (_, Some(q)) => q,
            (InputKind::Report(r), None) => {
                let id = &r.questionnaire.id;
                let same_id = |q: &&Questionnaire| q.id == *id;
                let exact = qs.iter().position(|q| same_id(&q) && Some(q.version) == r.questionnaire.version);
                match exact.or_else(|| qs.iter().position(|q| same_id(&q))) {
                    Some(q) => q,
                    None => match questionnaires.of(path, &Session::new(id)) {
                        Ok(q) => index_of(&mut qs, q),
                        Err(why) => {
                            warnings.push(format!("skipped {why:#}"));
                            continue;
                        }
                    },
                }
            }
            (InputKind::Session(_), None) => continue,
        };
        if let Err(why) = portfolio::check_input(&qs[q], &input, today) {
            warnings.push(why);
            continue;
        }
        inputs.push(input);
        which.push(q);
    }
    if inputs.is_empty() {
        for w in &warnings {
            print_err(&format!("mlops-maturity: warning: {}", one_line(w)));
        }
        bail!(
            "no team could be read from the inputs given; give session files, workshop sessions or JSON reports (or folders of them)"
        );
    }

    // Only files actually read are protected from -o: a skipped one (such as the previous
    // portfolio written into the same folder) may be replaced.
    used.extend(inputs.iter().map(|i| PathBuf::from(&i.path)));
    used.extend(questionnaires.files());
    Ok(TeamInputs { qs, which, inputs, used, warnings })
}
