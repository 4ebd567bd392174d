//! Reading and writing session files: the strict parse with every problem named, the checks
//! a workshop's votes must pass, and the atomic save that keeps a backup.

use super::model::{FORMAT, Session};
use crate::diagnostics::Problem;
use crate::files;
use crate::yaml::{Shape, parse_strict_shaped};
use std::path::Path;

/// `to` as a path relative to the folder `from_dir` (both absolute), e.g. `../2026-q3/a.yaml`;
/// `None` when there is no such path (different roots or drives, or a relative input).
pub(crate) fn relative_path(from_dir: &Path, to: &Path) -> Option<std::path::PathBuf> {
    use std::path::Component;
    if !from_dir.is_absolute() || !to.is_absolute() {
        return None;
    }
    let from: Vec<Component> = from_dir.components().collect();
    let target: Vec<Component> = to.components().collect();
    if from.first() != target.first() {
        return None;
    }
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut out = std::path::PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &target[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// The largest time share a stage may have: shares are relative, and sums must stay finite.
pub(crate) const MAX_TIME_SHARE: f64 = 1_000_000.0;

/// Parses a session; `file` names it in every problem.
pub fn parse(text: &str, file: &str) -> Result<Session, Vec<Problem>> {
    let shape = Shape { kind: "session", keys: &["format", "questionnaire", "answers", "participants"] };
    let session: Session = parse_strict_shaped(text, file, shape)?;
    let mut problems = Vec::new();
    let mut problem = |message: String| problems.push(Problem { location: file.to_owned(), message });
    if session.format != FORMAT {
        problem(format!("format {} is not supported: this version reads format {FORMAT}", session.format));
    }
    if session.questionnaire.trim().is_empty() {
        problem("questionnaire is empty: give a questionnaire id or path".into());
    }
    for (stage, rating) in &session.bottlenecks {
        if let Some(t) = rating.time_share
            && !(t.is_finite() && (0.0..=MAX_TIME_SHARE).contains(&t))
        {
            problem(format!(
                "bottlenecks.{}.time_share is {}: it must be a number of 0 or more, at most {MAX_TIME_SHARE}",
                crate::printable::excerpt(stage, 40),
                crate::printable::number(t)
            ));
        }
        if let Some(p) = rating.pain
            && !(1.0..=5.0).contains(&p)
        {
            problem(format!(
                "bottlenecks.{}.pain is {}: it must be from 1 to 5",
                crate::printable::excerpt(stage, 40),
                crate::printable::number(p)
            ));
        }
    }
    for message in workshop_problems(&session) {
        problem(message);
    }
    if problems.is_empty() { Ok(session) } else { Err(problems) }
}

/// A workshop session's rules: participants named, once each; votes only by participants, and
/// only in a session that has participants.
fn workshop_problems(s: &Session) -> Vec<String> {
    let mut out = Vec::new();
    let Some(participants) = &s.participants else {
        if let Some((id, _)) = s.answers.iter().find(|(_, e)| !e.votes.is_empty() || !e.first_votes.is_empty()) {
            out.push(format!(
                "answers.{id} has votes but the session has no participants: list the people who vote under `participants`, or give `answer` only"
            ));
        }
        return out;
    };
    if participants.is_empty() {
        out.push(
            "participants is empty: list the people who vote, or remove the key for one respondent's session".into(),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, p) in participants.iter().enumerate() {
        if p.name.trim().is_empty() {
            out.push(format!("participants[{}] has an empty name: give every participant a name", i + 1));
        } else if !seen.insert(p.name.as_str()) {
            out.push(format!("participant `{}` is listed twice: participant names must be unique", p.name));
        }
    }
    for (id, entry) in &s.answers {
        for voter in entry.votes.keys().filter(|v| !seen.contains(v.as_str())) {
            out.push(format!(
                "answers.{id}: `{voter}` voted but is not a participant; add them to `participants` or remove the vote"
            ));
        }
        for voter in entry.first_votes.keys().filter(|v| !seen.contains(v.as_str())) {
            out.push(format!(
                "answers.{id}.first_votes: `{voter}` voted but is not a participant; add them to `participants` or remove the vote"
            ));
        }
    }
    out
}

/// Loads a session file, reporting every problem in one error.
pub fn load(path: &Path) -> anyhow::Result<Session> {
    let text = files::read_text(path)?;
    parse(&text, &path.display().to_string()).map_err(crate::diagnostics::problems_error)
}

/// Saves a session atomically, keeping the previous version as `FILE.bak`.
pub fn save(path: &Path, session: &Session) -> anyhow::Result<()> {
    files::write_with_backup(path, session.to_yaml().as_bytes())
}
