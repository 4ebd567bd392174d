//! The portfolio: one view over many teams' assessments of the same questionnaire.
//!
//! Pure functions over inputs that the shell has already read and parsed: grouping inputs into
//! teams (separate sessions of a team merged, the latest of several workshop sessions or JSON
//! reports kept), scoring each team with the same `report::build` as a team report, and the
//! figures a platform lead looks at: the level distribution, per dimension the median and the
//! spread, the practices that block most teams, the stages most teams find most painful, and
//! the teams whose assessment is stale or incomplete. No files, no clock: the shell passes the
//! report date in. Rendering (Markdown, HTML, CSV, JSON) is in `render`;
//! the data in `model`, each team in `team`, the figures over all teams in `summary`.

pub(crate) mod assessments;
mod model;
mod render;
mod summary;
mod team;

pub use crate::report::json::{JsonReport, parse_json_report};
pub(crate) use assessments::TeamAssessments;
pub(crate) use assessments::same_team;
pub use model::*;
pub use render::{render_html, render_markdown, to_csv, to_json};
pub(crate) use team::{check_input, score_assessment};

use crate::questionnaire::Questionnaire;
use assessments::team_key;
use summary::summarise;
use team::score_team;

/// Builds the portfolio from the inputs (already known to share `q`'s id).
///
/// `warnings` are the shell's (files skipped); grouping and scoring add their own.
/// Teams are scored on up to `threads` threads; the result does not depend on how many.
pub fn build(q: &Questionnaire, inputs: &[Input], warnings: Vec<String>, generated: &str, threads: usize) -> Portfolio {
    build_many(std::slice::from_ref(q), &vec![0; inputs.len()], inputs, warnings, generated, threads)
}

/// Whether two questionnaires compare in one portfolio: the same dimension ids and levels (the
/// full assessment and its quick pass).
pub(crate) fn same_family(a: &Questionnaire, b: &Questionnaire) -> bool {
    fn ids(q: &Questionnaire) -> Vec<&str> {
        let mut ids: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
    ids(a) == ids(b) && a.levels.iter().map(|l| l.level).eq(b.levels.iter().map(|l| l.level))
}

/// Of the questionnaires in `candidates` (indexes into `qs`, each with the team keys that use
/// it, in the order first given), the one most teams used; a tie goes to the one given first.
fn most_used(candidates: &[(usize, Vec<String>)]) -> Option<usize> {
    candidates.iter().rev().max_by_key(|(_, teams)| teams.len()).map(|(q, _)| *q)
}

/// Builds the portfolio over inputs of several questionnaires: `which[i]` is the index in `qs` of
/// input `i`'s questionnaire. The family (same dimension ids and levels) used by most teams is
/// the portfolio's, and its questionnaire used by most teams names it; inputs of another family
/// are left out with a warning. Each team is scored with its own questionnaire, its latest
/// assessment as its result and the one before as its trend.
pub(crate) fn build_many(
    qs: &[Questionnaire],
    which: &[usize],
    inputs: &[Input],
    warnings: Vec<String>,
    generated: &str,
    threads: usize,
) -> Portfolio {
    let mut all_warnings = warnings;
    // The teams of each questionnaire, in the order the questionnaires are first given.
    let mut uses: Vec<(usize, Vec<String>)> = Vec::new();
    for (input, &q) in inputs.iter().zip(which) {
        let key = team_key(input.team_name().unwrap_or(&input.file_name));
        match uses.iter_mut().find(|(u, _)| *u == q) {
            Some((_, teams)) if !teams.contains(&key) => teams.push(key),
            Some(_) => {}
            None => uses.push((q, vec![key])),
        }
    }
    // Families: the teams of all their questionnaires together.
    let mut families: Vec<(usize, Vec<String>)> = Vec::new();
    for (q, teams) in &uses {
        match families.iter_mut().find(|(f, _)| same_family(&qs[*f], &qs[*q])) {
            Some((_, all)) => all.extend(teams.iter().filter(|t| !all.contains(t)).cloned().collect::<Vec<_>>()),
            None => families.push((*q, teams.clone())),
        }
    }
    let family = most_used(&families).unwrap_or(0);
    let in_family: Vec<(usize, Vec<String>)> =
        uses.iter().filter(|(q, _)| same_family(&qs[*q], &qs[family])).cloned().collect();
    let top_index = most_used(&in_family).unwrap_or(0);
    let top = &qs.get(top_index).unwrap_or(&qs[0]);
    let included: Vec<Option<usize>> = inputs
        .iter()
        .zip(which)
        .map(|(input, &q)| {
            if same_family(&qs[q], top) {
                Some(q)
            } else {
                all_warnings.push(format!(
                    "skipped {}: questionnaire `{}` does not compare with `{}` (other dimensions or levels)",
                    input.path, qs[q].id, top.id
                ));
                None
            }
        })
        .collect();

    let (teams, group_warnings) = assessments::by_team(inputs, &included);
    all_warnings.extend(group_warnings);
    let score = |ts: &[TeamAssessments]| -> Vec<(TeamResult, Vec<String>)> {
        ts.iter().filter_map(|t| score_team(qs, &included, top, inputs, t, generated)).collect()
    };
    let scored = crate::parallel::map_chunks(&teams, threads, 32, score);
    let mut results = Vec::with_capacity(scored.len());
    for (team, w) in scored {
        all_warnings.extend(w);
        results.push(team);
    }
    let mut portfolio = summarise(top, results, all_warnings, generated);
    portfolio.questionnaires = in_family
        .iter()
        .filter_map(|(q, _)| {
            let q = &qs[*q];
            let teams = portfolio
                .teams
                .iter()
                .filter(|t| t.questionnaire == q.id && t.questionnaire_version == q.version)
                .count();
            (teams > 0).then(|| QuestionnaireUse { id: q.id.clone(), version: q.version, teams })
        })
        .collect();
    portfolio.questionnaires.dedup_by(|a, b| a.id == b.id && a.version == b.version);
    portfolio
}

#[cfg(test)]
mod tests;
