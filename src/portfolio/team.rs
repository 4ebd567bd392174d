//! Each team's result: its assessment scored (sessions through the same `report::build` as a
//! team report, a JSON report read back and checked), its previous one, and its warnings.

use super::assessments::{Assessment, TeamAssessments};
use super::model::*;
use crate::dates::day;
use crate::questionnaire::Questionnaire;
use crate::report::json::{JsonDimension, JsonReport};
use crate::report::{self, SessionInput};
use crate::roadmap::TargetSource;
use std::collections::HashMap;

/// The first rated stage of a bottleneck order (unrated stages rank as a middle pain).
fn rated_first<'a>(order: impl IntoIterator<Item = (&'a str, f64, Option<f64>)>) -> Option<String> {
    order.into_iter().find(|(_, share, pain)| pain.is_some() || *share > 0.0).map(|(s, _, _)| s.to_owned())
}

/// Where a team's result comes from: its name, the date of its latest input, its files.
struct Origin {
    team: String,
    date: Option<String>,
    files: Vec<String>,
}

/// Scores one assessment with its own questionnaire `q`: sessions through `report::build` (the
/// same rules as a team report), a JSON report as it says. Dimensions and stages come out in the
/// order of `top`, the portfolio's questionnaire (of the same family). Warnings about the inputs
/// (unknown questions, versions) are returned.
pub(crate) fn score_assessment(
    q: &Questionnaire,
    top: &Questionnaire,
    inputs: &[Input],
    team: &str,
    assessment: &Assessment,
    generated: &str,
) -> (TeamResult, Vec<String>) {
    let origin = Origin {
        team: team.to_owned(),
        date: assessment.date.clone(),
        files: assessment.members.iter().map(|&i| inputs[i].path.clone()).collect(),
    };
    let sessions: Vec<SessionInput> = assessment
        .members
        .iter()
        .filter_map(|&i| match &inputs[i].kind {
            InputKind::Session(s) => Some(SessionInput { file_name: inputs[i].file_name.clone(), session: s }),
            InputKind::Report(_) => None,
        })
        .collect();
    let mut warnings = Vec::new();
    let mut result = match &inputs[assessment.members[0]].kind {
        InputKind::Report(r) => from_report(q, r, origin, &mut warnings),
        InputKind::Session(_) => from_sessions(q, &sessions, origin, generated, &mut warnings),
    };
    if !std::ptr::eq(q, top) {
        in_order_of(top, q, &mut result);
    }
    (result, warnings)
}

/// Puts a team's dimensions and stage pains, scored with `q`, in the order of `top`.
fn in_order_of(top: &Questionnaire, q: &Questionnaire, result: &mut TeamResult) {
    let dims = std::mem::take(&mut result.dimensions);
    result.dimensions = top
        .dimensions
        .iter()
        .map(|d| {
            dims.iter().find(|t| t.id == d.id).cloned().unwrap_or(TeamDimension {
                id: d.id.clone(),
                level: None,
                score: None,
            })
        })
        .collect();
    let pain = std::mem::take(&mut result.pain);
    result.pain = top
        .stages
        .iter()
        .map(|s| q.stages.iter().position(|own| own.id == s.id).and_then(|i| pain.get(i).copied().flatten()))
        .collect();
}

/// A team report's warnings, named by team. The notes that an answer to an earlier question id
/// was counted for the question replacing it come one per question and file; over hundreds of
/// files they would bury everything else, so they are counted, one line per file.
pub(super) fn team_warnings(team: &str, warnings: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut replaced: Vec<(&str, usize)> = Vec::new();
    for w in warnings {
        match w.split_once(": answer to ").filter(|(_, rest)| rest.contains(" counted for ")) {
            Some((file, _)) => match replaced.iter_mut().find(|(f, _)| *f == file) {
                Some((_, n)) => *n += 1,
                None => replaced.push((file, 1)),
            },
            None => out.push(format!("team {team}: {w}")),
        }
    }
    for (file, n) in replaced {
        let answers = if n == 1 { "answer" } else { "answers" };
        out.push(format!(
            "team {team}: {file}: {n} {answers} to earlier question ids counted for the questions that replace them"
        ));
    }
    out
}

fn from_sessions(
    q: &Questionnaire,
    sessions: &[SessionInput],
    origin: Origin,
    generated: &str,
    warnings: &mut Vec<String>,
) -> TeamResult {
    let built = report::build(q, sessions, None, generated);
    warnings.extend(team_warnings(&origin.team, &built.warnings));
    TeamResult {
        team: origin.team,
        questionnaire: q.id.clone(),
        questionnaire_version: q.version,
        // A workshop's respondents are its participants: `report::build` names them so.
        respondents: built.respondents,
        previous: None,
        date: origin.date,
        overall: TeamOverall { level: built.overall.level, score: built.overall.score },
        target: TeamTarget { level: built.target.level, source: built.target.source },
        blocking: built.dimensions.iter().flat_map(|d| d.blocking.iter().cloned()).collect(),
        dimensions: built
            .dimensions
            .iter()
            .map(|d| TeamDimension { id: d.id.clone(), level: Some(d.level), score: Some(d.score) })
            .collect(),
        bottleneck: rated_first(built.bottlenecks.iter().map(|b| (b.stage.as_str(), b.time_share, b.pain))),
        evidence: Some(TeamEvidence::of(built.answers.iter().map(|a| &a.answer), built.claimed_without_evidence.len())),
        pain: q
            .stages
            .iter()
            .map(|s| built.bottlenecks.iter().find(|b| b.stage == s.id).and_then(|b| b.pain))
            .collect(),
        files: origin.files,
        unanswered: Some(built.unanswered.len()),
        stale: false,
        incomplete: !built.unanswered.is_empty(),
    }
}

fn from_report(q: &Questionnaire, r: &JsonReport, origin: Origin, warnings: &mut Vec<String>) -> TeamResult {
    if let Some(v) = r.questionnaire.version.filter(|&v| v != q.version) {
        warnings.push(format!(
            "{}: made with version {v} of questionnaire {}, which is now version {}; dimensions may differ",
            origin.files[0], q.id, q.version
        ));
    }
    // A level the questionnaire does not have would fall outside every count: clamp it, and say so.
    let highest = q.highest_level();
    if r.overall.iter().map(|o| o.level).chain(r.dimensions.iter().map(|d| d.level)).any(|l| l > highest) {
        warnings.push(format!(
            "{}: holds levels above {highest}, the highest of questionnaire {}; counted as {highest}",
            origin.files[0], q.id
        ));
    }
    let by_id: HashMap<&str, &JsonDimension> = r.dimensions.iter().map(|d| (d.id.as_str(), d)).collect();
    let dimensions: Vec<TeamDimension> = q
        .dimensions
        .iter()
        .map(|d| {
            let found = by_id.get(d.id.as_str());
            TeamDimension {
                id: d.id.clone(),
                level: found.map(|j| j.level.min(highest)),
                score: found.map(|j| j.score),
            }
        })
        .collect();
    let overall = r.overall.as_ref().map_or_else(
        || {
            let levels = r.dimensions.iter().map(|d| d.level);
            let mean = r.dimensions.iter().map(|d| d.score).sum::<f64>() / r.dimensions.len().max(1) as f64;
            TeamOverall { level: levels.min().unwrap_or(0).min(highest), score: mean }
        },
        |o| TeamOverall { level: o.level.min(highest), score: o.score },
    );
    let target = r.target.as_ref().map_or_else(
        || TeamTarget { level: (overall.level + 1).min(q.highest_level()), source: TargetSource::NextLevel },
        |t| TeamTarget { level: t.level, source: t.source.unwrap_or(TargetSource::Explicit) },
    );
    // Blocking ids in questionnaire order, whatever order the report listed them in.
    let blocking_ids: std::collections::HashSet<&str> =
        r.dimensions.iter().flat_map(|d| d.blocking.iter().map(String::as_str)).collect();
    let unanswered = r.unanswered.as_ref().map(Vec::len);
    TeamResult {
        team: origin.team,
        questionnaire: q.id.clone(),
        questionnaire_version: q.version,
        respondents: r.respondents.clone(),
        previous: None,
        date: origin.date,
        overall,
        target,
        dimensions,
        bottleneck: rated_first(r.bottlenecks.iter().map(|b| (b.stage.as_str(), b.time_share.unwrap_or(0.0), b.pain))),
        evidence: match (&r.answers, &r.claimed_without_evidence) {
            (Some(answers), Some(claimed)) => Some(TeamEvidence::of(answers.iter().map(|a| &a.answer), claimed.len())),
            _ => None,
        },
        files: origin.files,
        unanswered,
        stale: false,
        incomplete: unanswered.is_some_and(|n| n > 0),
        blocking: q
            .questions()
            .filter(|(_, qn)| blocking_ids.contains(qn.id.as_str()))
            .map(|(_, qn)| qn.id.clone())
            .collect(),
        pain: q.stages.iter().map(|s| r.bottlenecks.iter().find(|b| b.stage == s.id).and_then(|b| b.pain)).collect(),
    }
}

/// Why a portfolio leaves an input out, as a warning naming its file: a JSON report whose
/// numbers a report of `q` cannot hold (scores outside 0..=highest level, levels above it, pain
/// outside 1–5, negative time shares) or whose date does not exist, and any input dated after
/// `today` (it would always pass for the latest assessment).
pub(crate) fn check_input(q: &Questionnaire, input: &Input, today: &str) -> Result<(), String> {
    let shown = &input.path;
    let date = match &input.kind {
        InputKind::Session(s) => s.date.as_deref(),
        InputKind::Report(r) => {
            check_report_numbers(q, r).map_err(|why| format!("skipped {shown}: {why}"))?;
            let date = r.date.as_deref().or(r.generated.as_deref());
            if let Some(d) = date.filter(|d| day(d).is_none()) {
                return Err(format!(
                    "skipped {shown}: its date {} is not a day of the calendar (YYYY-MM-DD)",
                    crate::printable::excerpt(d, 20)
                ));
            }
            date
        }
    };
    match date.filter(|d| day(d).is_some()) {
        Some(d) if d[..10] > *today.get(..10).unwrap_or(today) => Err(format!(
            "skipped {shown}: dated {}, after today ({today}); a date in the future is never the latest assessment",
            &d[..10]
        )),
        _ => Ok(()),
    }
}

/// The numbers of a JSON report checked as a session's would be.
fn check_report_numbers(q: &Questionnaire, r: &JsonReport) -> Result<(), String> {
    let highest = q.highest_level();
    let top = f64::from(highest);
    let score_ok = |x: f64| x.is_finite() && (0.0..=top).contains(&x);
    let num = crate::printable::number;
    if let Some(o) = &r.overall {
        if o.level > highest {
            return Err(format!("its overall level {} is above {highest}, the highest of {}", o.level, q.id));
        }
        if !score_ok(o.score) {
            return Err(format!("its overall score {} is outside 0 to {highest}", num(o.score)));
        }
    }
    if let Some(t) = r.target.as_ref().filter(|t| t.level > highest) {
        return Err(format!("its target level {} is above {highest}, the highest of {}", t.level, q.id));
    }
    for d in &r.dimensions {
        let id = crate::printable::excerpt(&d.id, 40);
        if d.level > highest {
            return Err(format!("dimension `{id}` has level {}, above {highest}, the highest of {}", d.level, q.id));
        }
        if !score_ok(d.score) {
            return Err(format!("dimension `{id}` has the score {}, outside 0 to {highest}", num(d.score)));
        }
    }
    for b in &r.bottlenecks {
        let stage = crate::printable::excerpt(&b.stage, 40);
        if let Some(p) = b.pain.filter(|p| !(p.is_finite() && (1.0..=5.0).contains(p))) {
            return Err(format!("stage `{stage}` has the pain {}, outside 1 to 5", num(p)));
        }
        if let Some(t) = b.time_share.filter(|t| !(t.is_finite() && *t >= 0.0)) {
            return Err(format!("stage `{stage}` has the time share {}, below 0", num(t)));
        }
    }
    Ok(())
}

/// A team's result: its latest assessment, with the one before as `previous`. `None` when every
/// input of the team was left out.
pub(super) fn score_team(
    qs: &[Questionnaire],
    which: &[Option<usize>],
    top: &Questionnaire,
    inputs: &[Input],
    team: &TeamAssessments,
    generated: &str,
) -> Option<(TeamResult, Vec<String>)> {
    let mut assessments = team.assessments.iter().rev().filter(|a| !a.members.is_empty());
    let latest = assessments.next()?;
    let q_of = |a: &Assessment| &qs[which[a.members[0]].expect("assessments hold included inputs")];
    let (mut result, mut warnings) = score_assessment(q_of(latest), top, inputs, &team.team, latest, generated);
    if let Some(before) = assessments.next() {
        let (earlier, _) = score_assessment(q_of(before), top, inputs, &team.team, before, generated);
        result.previous = Some(Previous { date: before.date.clone(), overall_level: earlier.overall.level });
    }
    warnings.dedup();
    Some((result, warnings))
}
