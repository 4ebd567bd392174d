//! The portfolio: one view over many teams' assessments of the same questionnaire.
//!
//! Pure functions over inputs that the shell has already read and parsed: grouping inputs into
//! teams (separate sessions of a team merged, the latest of several workshop sessions or JSON
//! reports kept), scoring each team with the same `report::build` as a team report, and the
//! figures a platform lead looks at: the level distribution, per dimension the median and the
//! spread, the practices that block most teams, the stages most teams find most painful, and
//! the teams whose assessment is stale or incomplete. No files, no clock: the shell passes the
//! report date in. Rendering (Markdown, HTML, CSV, JSON) is in `portfolio/render.rs`.

use crate::dates::day;
use crate::questionnaire::Questionnaire;
use crate::report::{self, SessionInput};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub mod assessments;
mod render;
pub use assessments::{Assessment, TeamAssessments};
pub use render::{HTML_TEMPLATE, MARKDOWN_TEMPLATE, render, render_html, render_markdown, to_csv, to_json};

/// How many months may pass before an assessment is flagged as stale.
pub const STALE_AFTER_MONTHS: u32 = 6;

/// One input file, read and parsed by the shell.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as the user gave it (or as found in a folder): names the file in warnings.
    pub path: String,
    /// The file name alone: names a respondent or a team that has no name of its own.
    pub file_name: String,
    pub kind: InputKind,
}

#[derive(Debug, Clone)]
pub enum InputKind {
    /// A session file: one respondent's answers, or a workshop session when it has participants.
    Session(Session),
    /// A report written by `report --format json`.
    Report(JsonReport),
}

impl Input {
    fn team_name(&self) -> Option<&str> {
        let team = match &self.kind {
            InputKind::Session(s) => s.team.as_deref(),
            InputKind::Report(r) => r.team.as_deref(),
        };
        team.map(str::trim).filter(|t| !t.is_empty())
    }

    fn date(&self) -> Option<&str> {
        match &self.kind {
            InputKind::Session(s) => s.date.as_deref(),
            // Reports made before the `date` key existed only carry the day they were written.
            InputKind::Report(r) => r.date.as_deref().or(r.generated.as_deref()),
        }
        .filter(|d| day(d).is_some())
    }

    /// Separate sessions of a team are merged; a workshop session or a report stands as it is.
    fn merges(&self) -> bool {
        matches!(&self.kind, InputKind::Session(s) if s.participants.is_none())
    }
}

/// The parts of a JSON report that a portfolio reads; unknown keys are ignored, so reports from
/// older and newer builds both load.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonReport {
    pub questionnaire: JsonQuestionnaire,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub generated: Option<String>,
    #[serde(default)]
    pub respondents: Vec<String>,
    #[serde(default)]
    pub overall: Option<JsonOverall>,
    #[serde(default)]
    pub target: Option<JsonTarget>,
    pub dimensions: Vec<JsonDimension>,
    #[serde(default)]
    pub bottlenecks: Vec<JsonBottleneck>,
    #[serde(default)]
    pub unanswered: Option<Vec<String>>,
    #[serde(default)]
    pub answers: Option<Vec<JsonAnswer>>,
    #[serde(default)]
    pub claimed_without_evidence: Option<Vec<String>>,
}

/// An answer of a JSON report, as far as a portfolio reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonAnswer {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonQuestionnaire {
    pub id: String,
    #[serde(default)]
    pub version: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonOverall {
    pub level: u32,
    pub score: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonTarget {
    pub level: u32,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonDimension {
    pub id: String,
    pub level: u32,
    pub score: f64,
    #[serde(default)]
    pub blocking: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonBottleneck {
    pub stage: String,
    #[serde(default)]
    pub time_share: Option<f64>,
    #[serde(default)]
    pub pain: Option<f64>,
}

/// Parses a JSON report; the error says what is missing.
pub fn parse_json_report(text: &str) -> Result<JsonReport, String> {
    serde_json::from_str(text).map_err(|e| format!("not a JSON report made by `report --format json`: {e}"))
}

/// Whether two team names mean the same team (case, spaces, `-` and `_` do not matter).
pub fn same_team(a: &str, b: &str) -> bool {
    team_key(a) == team_key(b)
}

/// Compares team names as people mean them: case, spaces, `-` and `_` do not matter.
fn team_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '_').flat_map(char::to_lowercase).collect()
}

/// One team's result: the JSON keys DESIGN lists, plus the flags the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct TeamResult {
    pub team: String,
    /// The id of the questionnaire this team answered (one of the portfolio's family).
    pub questionnaire: String,
    pub respondents: Vec<String>,
    pub date: Option<String>,
    pub overall: TeamOverall,
    pub target: TeamTarget,
    /// One entry per dimension of the questionnaire, in its order.
    pub dimensions: Vec<TeamDimension>,
    /// The stage the team rates most painful, when it rated any.
    pub bottleneck: Option<String>,
    /// The team's assessment before this one, for its trend.
    pub previous: Option<Previous>,
    /// How many of the team's "yes" answers have a recorded evidence or a repository finding;
    /// null for a JSON report that does not say.
    pub evidence: Option<TeamEvidence>,
    /// The files this result comes from.
    pub files: Vec<String>,
    /// Questions nobody answered; `None` for a report that does not say.
    pub unanswered: Option<usize>,
    /// The assessment is older than six months before the report date.
    pub stale: bool,
    pub incomplete: bool,
    /// Question ids blocking the next level of a dimension, in questionnaire order.
    #[serde(skip)]
    pub blocking: Vec<String>,
    /// Pain per stage of the questionnaire (in its order), when rated.
    #[serde(skip)]
    pub pain: Vec<Option<f64>>,
}

/// A team's assessment before its latest: when, and its overall level then.
#[derive(Debug, Clone, Serialize)]
pub struct Previous {
    pub date: Option<String>,
    pub overall_level: u32,
}

/// A team's "yes" answers, and how many of them are supported by a recorded evidence or a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TeamEvidence {
    pub yes: usize,
    pub supported: usize,
}

impl TeamEvidence {
    fn of(answers: impl IntoIterator<Item = impl AsRef<str>>, claimed_without_evidence: usize) -> TeamEvidence {
        let yes = answers.into_iter().filter(|a| a.as_ref() == "yes").count();
        TeamEvidence { yes, supported: yes.saturating_sub(claimed_without_evidence) }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamOverall {
    pub level: u32,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamTarget {
    pub level: u32,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamDimension {
    pub id: String,
    /// `None` when a report lacks the dimension (it was made with another version).
    pub level: Option<u32>,
    pub score: Option<f64>,
}

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
pub fn score_assessment(
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
fn team_warnings(team: &str, warnings: &[String]) -> Vec<String> {
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
        // A workshop's respondents are its participants: `report::build` names them so.
        respondents: built.respondents,
        previous: None,
        date: origin.date,
        overall: TeamOverall { level: built.overall.level, score: built.overall.score },
        target: TeamTarget {
            level: built.target.level,
            source: serde_json::to_value(built.target.source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        },
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
        || TeamTarget { level: (overall.level + 1).min(q.highest_level()), source: "next-level".into() },
        |t| TeamTarget { level: t.level, source: t.source.clone().unwrap_or_default() },
    );
    // Blocking ids in questionnaire order, whatever order the report listed them in.
    let blocking_ids: std::collections::HashSet<&str> =
        r.dimensions.iter().flat_map(|d| d.blocking.iter().map(String::as_str)).collect();
    let unanswered = r.unanswered.as_ref().map(Vec::len);
    TeamResult {
        team: origin.team,
        questionnaire: q.id.clone(),
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

/// The questionnaire the teams answered.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: u32,
    pub title: String,
}

/// The whole portfolio: the JSON output and the templates' context.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    pub questionnaire: QuestionnaireInfo,
    /// Every questionnaire the teams used, with how many teams used it.
    pub questionnaires: Vec<QuestionnaireUse>,
    pub teams: Vec<TeamResult>,
    /// How many teams went up, stayed and went down since their previous assessment.
    pub trend: Trend,
    pub levels: Vec<LevelCount>,
    pub dimensions: Vec<DimensionSummary>,
    pub common_blockers: Vec<CommonBlocker>,
    /// Stages by how many teams rate them their worst, then by mean pain.
    pub bottlenecks: Vec<StageSummary>,
    /// Assessments dated before this day are flagged as stale.
    pub stale_before: String,
    pub warnings: Vec<String>,
    pub generated: String,
}

/// A questionnaire of the portfolio and how many teams answered it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireUse {
    pub id: String,
    pub version: u32,
    pub teams: usize,
}

/// Teams whose overall level went up, stayed or went down since their previous assessment.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Trend {
    pub up: usize,
    pub same: usize,
    pub down: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub level: u32,
    pub name: String,
    pub teams: usize,
    /// The teams' share of all teams, from 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionSummary {
    pub id: String,
    pub name: String,
    /// `None` when no team has a score for the dimension.
    pub median_score: Option<f64>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    pub levels: Vec<LevelTeams>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelTeams {
    pub level: u32,
    pub teams: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonBlocker {
    pub question: String,
    pub text: String,
    pub dimension: String,
    pub dimension_name: String,
    pub level: u32,
    pub recommendation: String,
    /// How many teams it blocks.
    pub teams: usize,
    pub team_names: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageSummary {
    pub stage: String,
    pub name: String,
    /// Teams whose bottleneck this stage is.
    pub teams: usize,
    /// Mean pain over the teams that rated the stage.
    pub mean_pain: Option<f64>,
    pub rated_by: usize,
}

/// Median of the values (mean of the two middle ones for an even count).
pub fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// How many teams are at each level, every level of the questionnaire listed.
pub fn level_distribution(q: &Questionnaire, levels: impl IntoIterator<Item = u32>) -> Vec<LevelTeams> {
    let mut counts = vec![0usize; q.levels.len()];
    for level in levels {
        if let Some(c) = counts.get_mut(level as usize) {
            *c += 1;
        }
    }
    counts.into_iter().enumerate().map(|(l, teams)| LevelTeams { level: l as u32, teams }).collect()
}

/// Questions blocking the next level of at least two teams: most teams first, then
/// questionnaire order.
pub fn common_blockers(q: &Questionnaire, teams: &[TeamResult]) -> Vec<CommonBlocker> {
    let mut blocked: HashMap<&str, Vec<&str>> = HashMap::new();
    for t in teams {
        for id in &t.blocking {
            let names = blocked.entry(id.as_str()).or_default();
            if names.last() != Some(&t.team.as_str()) {
                names.push(&t.team);
            }
        }
    }
    let mut out: Vec<CommonBlocker> = q
        .questions()
        .filter_map(|(d, qn)| {
            let names = blocked.get(qn.id.as_str()).filter(|n| n.len() >= 2)?;
            Some(CommonBlocker {
                question: qn.id.clone(),
                text: qn.text.clone(),
                dimension: d.id.clone(),
                dimension_name: d.name.clone(),
                level: qn.level,
                recommendation: qn.recommendation.clone(),
                teams: names.len(),
                team_names: names.iter().map(|n| (*n).to_owned()).collect(),
            })
        })
        .collect();
    // A stable sort keeps questionnaire order among equal counts.
    out.sort_by_key(|b| std::cmp::Reverse(b.teams));
    out
}

/// Why a portfolio leaves an input out, as a warning naming its file: a JSON report whose
/// numbers a report of `q` cannot hold (scores outside 0..=highest level, levels above it, pain
/// outside 1–5, negative time shares) or whose date does not exist, and any input dated after
/// `today` (it would always pass for the latest assessment).
pub fn check_input(q: &Questionnaire, input: &Input, today: &str) -> Result<(), String> {
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

pub use crate::dates::months_before;

/// Builds the portfolio from the inputs (already known to share `q`'s id).
///
/// `warnings` are the shell's (files skipped); grouping and scoring add their own.
/// Teams are scored on up to `threads` threads; the result does not depend on how many.
pub fn build(q: &Questionnaire, inputs: &[Input], warnings: Vec<String>, generated: &str, threads: usize) -> Portfolio {
    build_many(std::slice::from_ref(q), &vec![0; inputs.len()], inputs, warnings, generated, threads)
}

/// Whether two questionnaires compare in one portfolio: the same dimension ids and levels (the
/// full assessment and its quick pass).
pub fn same_family(a: &Questionnaire, b: &Questionnaire) -> bool {
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
pub fn build_many(
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
    let scored: Vec<(TeamResult, Vec<String>)> = if threads <= 1 || teams.len() < 32 {
        score(&teams)
    } else {
        let chunk = teams.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = teams.chunks(chunk).map(|c| s.spawn(move || score(c))).collect();
            handles.into_iter().flat_map(|h| h.join().expect("scoring does not panic")).collect()
        })
    };
    let mut results = Vec::with_capacity(scored.len());
    for (team, w) in scored {
        all_warnings.extend(w);
        results.push(team);
    }
    let mut portfolio = summarise(top, results, all_warnings, generated);
    portfolio.questionnaires = in_family
        .iter()
        .filter_map(|(q, _)| {
            let teams = portfolio.teams.iter().filter(|t| t.questionnaire == qs[*q].id).count();
            (teams > 0).then(|| QuestionnaireUse { id: qs[*q].id.clone(), version: qs[*q].version, teams })
        })
        .collect();
    portfolio.questionnaires.dedup_by(|a, b| a.id == b.id && a.version == b.version);
    portfolio
}

/// A team's result: its latest assessment, with the one before as `previous`. `None` when every
/// input of the team was left out.
fn score_team(
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

/// The figures over scored teams: distribution, per dimension, blockers, bottlenecks, flags.
pub fn summarise(q: &Questionnaire, mut teams: Vec<TeamResult>, warnings: Vec<String>, generated: &str) -> Portfolio {
    let stale_before = months_before(generated, STALE_AFTER_MONTHS).unwrap_or_default();
    for t in &mut teams {
        t.stale = !stale_before.is_empty() && t.date.as_deref().is_some_and(|d| d < stale_before.as_str());
    }
    let levels = level_distribution(q, teams.iter().map(|t| t.overall.level))
        .into_iter()
        .map(|l| LevelCount {
            level: l.level,
            name: q.level_name(l.level).to_owned(),
            teams: l.teams,
            share: l.teams as f64 / teams.len().max(1) as f64,
        })
        .collect();
    let dimensions = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut scores: Vec<f64> = teams.iter().filter_map(|t| t.dimensions.get(i)?.score).collect();
            let min = scores.iter().copied().reduce(f64::min);
            let max = scores.iter().copied().reduce(f64::max);
            DimensionSummary {
                id: d.id.clone(),
                name: d.name.clone(),
                median_score: median(&mut scores),
                min_score: min,
                max_score: max,
                levels: level_distribution(q, teams.iter().filter_map(|t| t.dimensions.get(i)?.level)),
            }
        })
        .collect();
    let mut bottlenecks: Vec<StageSummary> = q
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let pains: Vec<f64> = teams.iter().filter_map(|t| t.pain.get(i).copied().flatten()).collect();
            StageSummary {
                stage: s.id.clone(),
                name: s.name.clone(),
                teams: teams.iter().filter(|t| t.bottleneck.as_deref() == Some(s.id.as_str())).count(),
                mean_pain: (!pains.is_empty()).then(|| pains.iter().sum::<f64>() / pains.len() as f64),
                rated_by: pains.len(),
            }
        })
        .collect();
    bottlenecks.sort_by(|a, b| {
        b.teams.cmp(&a.teams).then_with(|| b.mean_pain.unwrap_or(0.0).total_cmp(&a.mean_pain.unwrap_or(0.0)))
    });
    let mut trend = Trend::default();
    for t in &teams {
        match t.previous.as_ref().map(|p| t.overall.level.cmp(&p.overall_level)) {
            Some(std::cmp::Ordering::Greater) => trend.up += 1,
            Some(std::cmp::Ordering::Equal) => trend.same += 1,
            Some(std::cmp::Ordering::Less) => trend.down += 1,
            None => {}
        }
    }
    Portfolio {
        questionnaire: QuestionnaireInfo { id: q.id.clone(), version: q.version, title: q.title.clone() },
        questionnaires: vec![QuestionnaireUse { id: q.id.clone(), version: q.version, teams: teams.len() }],
        trend,
        common_blockers: common_blockers(q, &teams),
        teams,
        levels,
        dimensions,
        bottlenecks,
        stale_before,
        warnings,
        generated: generated.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> Questionnaire {
        crate::questionnaire::built_in("mlops-quick").unwrap()
    }

    fn session_input(file: &str, yaml: &str) -> Input {
        let text = format!("format: 1\nquestionnaire: mlops-quick\n{yaml}");
        let session = crate::session::parse(&text, file).unwrap();
        Input { path: format!("in/{file}"), file_name: file.to_owned(), kind: InputKind::Session(session) }
    }

    fn report_input(file: &str, team: &str, date: &str) -> Input {
        let text = format!(
            r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "{team}", "date": "{date}",
                "overall": {{"level": 1, "score": 1.5}}, "dimensions": [{{"id": "x", "level": 1, "score": 1.5, "blocking": []}}]}}"#
        );
        Input {
            path: format!("in/{file}"),
            file_name: file.to_owned(),
            kind: InputKind::Report(parse_json_report(&text).unwrap()),
        }
    }

    fn team_with_blocking(name: &str, blocking: &[&str]) -> TeamResult {
        TeamResult {
            team: name.into(),
            questionnaire: "mlops-quick".into(),
            respondents: vec![],
            previous: None,
            date: None,
            overall: TeamOverall { level: 0, score: 0.0 },
            target: TeamTarget { level: 1, source: "next-level".into() },
            dimensions: vec![],
            bottleneck: None,
            evidence: None,
            files: vec![],
            unanswered: None,
            stale: false,
            incomplete: false,
            blocking: blocking.iter().map(|s| (*s).to_owned()).collect(),
            pain: vec![],
        }
    }

    /// Each team's latest assessment: its name and members; and the grouping's warnings.
    fn latest(inputs: &[Input]) -> (Vec<(String, Vec<usize>)>, Vec<String>) {
        let (teams, warnings) = assessments::by_team(inputs, &vec![Some(0); inputs.len()]);
        let latest = teams
            .into_iter()
            .map(|t| (t.team, t.assessments.last().map(|a| a.members.clone()).unwrap_or_default()))
            .collect();
        (latest, warnings)
    }

    #[test]
    fn separate_sessions_of_one_team_are_merged() {
        let inputs = [
            session_input("a.yaml", "team: Fraud ML\nrespondent: Ana\n"),
            session_input("b.yaml", "team: Search\n"),
            session_input("c.yaml", "team: ' fraud-ml '\nrespondent: Ben\n"),
        ];
        let (groups, warnings) = latest(&inputs);
        assert_eq!(groups, vec![("Fraud ML".to_owned(), vec![0, 2]), ("Search".to_owned(), vec![1])]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_teams_dated_reports_are_its_assessments_and_the_latest_is_its_result() {
        let q = quick();
        let inputs = [
            report_input("q2.json", "Reco", "2026-05-12"),
            report_input("q4.json", "Reco", "2026-11-02"),
            report_input("q3.json", "Reco", "2026-08-01"),
        ];
        let (groups, warnings) = latest(&inputs);
        assert_eq!(groups, vec![("Reco".to_owned(), vec![1])]);
        assert!(warnings.is_empty(), "earlier quarters are the team's past, not inputs left out: {warnings:?}");
        let p = build(&q, &inputs, vec![], "2026-11-28", 1);
        let previous = p.teams[0].previous.as_ref().unwrap();
        assert_eq!(previous.date.as_deref(), Some("2026-08-01"));
    }

    #[test]
    fn of_two_reports_of_one_assessment_the_one_given_last_is_kept() {
        let inputs = [report_input("a.json", "Reco", "2026-11-02"), report_input("b.json", "Reco", "2026-11-02")];
        let (groups, warnings) = latest(&inputs);
        assert_eq!(groups[0].1, vec![1]);
        assert!(warnings[0].contains("used in/b.json; left out in/a.json"), "{warnings:?}");
    }

    #[test]
    fn the_latest_assessment_wins_and_undated_inputs_are_the_oldest() {
        let inputs = [
            session_input("pre-a.yaml", "team: T\ndate: 2026-01-10\n"),
            session_input("pre-b.yaml", "team: T\ndate: 2026-01-12\n"),
            session_input("w.yaml", "team: T\ndate: 2026-03-01\nparticipants: [{ name: Ana }]\n"),
            session_input("undated.yaml", "team: T\nparticipants: [{ name: Ben }]\n"),
        ];
        let (groups, warnings) = latest(&inputs);
        assert_eq!(groups, vec![("T".to_owned(), vec![2])]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn merged_sessions_win_when_newer_than_a_workshop() {
        let inputs = [
            session_input("w.yaml", "team: T\ndate: 2026-03-01\nparticipants: [{ name: Ana }]\n"),
            session_input("pre-a.yaml", "team: T\ndate: 2026-06-10\n"),
            session_input("pre-b.yaml", "team: T\ndate: 2026-06-12\n"),
        ];
        let (groups, _) = latest(&inputs);
        assert_eq!(groups[0].1, vec![1, 2]);
    }

    #[test]
    fn inputs_without_a_team_are_teams_named_by_their_file() {
        let inputs = [
            session_input("churn.yaml", "respondent: Eli\n"),
            session_input("zeta.yaml", "team: '  '\n"),
            session_input("b.yaml", "team: Alpha\n"),
        ];
        let (groups, _) = latest(&inputs);
        let names: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, vec!["Alpha", "churn.yaml", "zeta.yaml"], "in team name order, ignoring case");
    }

    #[test]
    fn common_blockers_need_two_teams_and_come_most_teams_first_then_questionnaire_order() {
        let q = quick();
        let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
        let (first, second, third) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
        let teams = [
            team_with_blocking("A", &[first, second, third]),
            team_with_blocking("B", &[second, third]),
            team_with_blocking("C", &[third, first]),
            team_with_blocking("D", &[third]),
        ];
        let blockers = common_blockers(&q, &teams);
        let got: Vec<(&str, usize)> = blockers.iter().map(|b| (b.question.as_str(), b.teams)).collect();
        assert_eq!(got, vec![(third, 4), (first, 2), (second, 2)]);
        assert_eq!(blockers[1].team_names, vec!["A", "C"]);
        assert_eq!(blockers[0].text, q.question(third).unwrap().1.text);
        assert!(common_blockers(&q, &teams[..1]).is_empty(), "one team alone has no common blocker");
    }

    #[test]
    fn level_distribution_lists_every_level_even_empty_ones() {
        let q = quick();
        let dist = level_distribution(&q, [0, 0, 2]);
        let got: Vec<(u32, usize)> = dist.iter().map(|l| (l.level, l.teams)).collect();
        assert_eq!(got, vec![(0, 2), (1, 0), (2, 1), (3, 0)]);
        assert_eq!(level_distribution(&q, []).len(), q.levels.len());
        let mut teams = vec![team_with_blocking("A", &[]), team_with_blocking("B", &[]), team_with_blocking("C", &[])];
        teams[2].overall.level = 2;
        let p = summarise(&q, teams, vec![], "2026-11-28");
        let shares: Vec<f64> = p.levels.iter().map(|l| l.share).collect();
        assert_eq!(shares, vec![2.0 / 3.0, 0.0, 1.0 / 3.0, 0.0], "each level's share of all teams");
    }

    #[test]
    fn assessments_older_than_six_months_are_stale() {
        assert_eq!(months_before("2026-11-28", 6).as_deref(), Some("2026-05-28"));
        assert_eq!(months_before("2026-08-31", 6).as_deref(), Some("2026-02-28"));
        assert_eq!(months_before("2028-08-31", 6).as_deref(), Some("2028-02-29"));
        assert_eq!(months_before("2026-03-15", 6).as_deref(), Some("2025-09-15"));
        assert_eq!(months_before("2026-10-31", 6).as_deref(), Some("2026-04-30"), "April has 30 days");
        assert_eq!(months_before("2100-08-31", 6).as_deref(), Some("2100-02-28"), "a century is no leap year");
        assert_eq!(months_before("2000-08-31", 6).as_deref(), Some("2000-02-29"), "unless divisible by 400");
        assert_eq!(months_before("soon", 6), None);
        for not_a_day in
            ["2026-11/28", "2026/11-28", "+026-11-28", "2026-+1-28", "2026-13-01", "2026-12-32", "2026-00-10"]
        {
            assert_eq!(months_before(not_a_day, 6), None, "{not_a_day} is not a YYYY-MM-DD day");
        }
        let q = quick();
        let mut old = team_with_blocking("Old", &[]);
        old.date = Some("2026-05-27".into());
        let mut recent = team_with_blocking("Recent", &[]);
        recent.date = Some("2026-05-28".into());
        let p = summarise(&q, vec![old, recent, team_with_blocking("Undated", &[])], vec![], "2026-11-28");
        let stale: Vec<bool> = p.teams.iter().map(|t| t.stale).collect();
        assert_eq!(stale, vec![true, false, false]);
    }

    #[test]
    fn a_json_report_is_one_team_as_it_says() {
        let q = quick();
        let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
        let (d0, d1) = (&q.dimensions[0].id, &q.dimensions[1].id);
        let text = format!(
            r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "Reco", "generated": "2026-04-01",
                "respondents": ["Kim"], "overall": {{"level": 0, "score": 0.75}}, "target": {{"level": 2, "source": "context"}},
                "dimensions": [{{"id": "{d1}", "level": 1, "score": 1.5, "blocking": ["{b}"]}},
                               {{"id": "{d0}", "level": 0, "score": 0.5, "blocking": ["{a}"]}}],
                "bottlenecks": [{{"stage": "deployment", "time_share": 0, "pain": 4}}, {{"stage": "monitoring", "time_share": 60, "pain": null}}],
                "unanswered": ["{a}"], "unknown_future_key": true}}"#,
            a = ids[0],
            b = ids[ids.len() - 1],
        );
        let report = parse_json_report(&text).unwrap();
        let inputs = [Input { path: "r.json".into(), file_name: "r.json".into(), kind: InputKind::Report(report) }];
        let p = build(&q, &inputs, vec![], "2026-11-28", 1);
        let t = &p.teams[0];
        assert_eq!(t.date.as_deref(), Some("2026-04-01"), "a report without `date` is dated by `generated`");
        assert!(t.stale && t.incomplete);
        assert_eq!((t.overall.level, t.target.level, t.target.source.as_str()), (0, 2, "context"));
        assert_eq!(t.dimensions[0].score, Some(0.5), "dimensions in questionnaire order");
        assert_eq!(t.dimensions[1].level, Some(1));
        assert!(t.dimensions[2..].iter().all(|d| d.level.is_none()), "dimensions the report lacks stay empty");
        assert_eq!(t.blocking, vec![ids[0].clone(), ids[ids.len() - 1].clone()], "in questionnaire order");
        assert_eq!(t.bottleneck.as_deref(), Some("deployment"));
        assert!(parse_json_report(r#"{"team": "x"}"#).is_err(), "a JSON without questionnaire and dimensions");
    }

    #[test]
    fn a_report_without_overall_is_its_lowest_level_and_mean_score_and_levels_above_the_highest_are_clamped() {
        let q = quick();
        let (d0, d1) = (&q.dimensions[0].id, &q.dimensions[1].id);
        let top = q.highest_level();
        let team = |dimensions: String| {
            let text = format!(
                r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "Reco", "dimensions": [{dimensions}]}}"#
            );
            let report = parse_json_report(&text).unwrap();
            let inputs = [Input { path: "r.json".into(), file_name: "r.json".into(), kind: InputKind::Report(report) }];
            let p = build(&q, &inputs, vec![], "2026-11-28", 1);
            let t = &p.teams[0];
            assert_eq!(
                (t.target.level, t.target.source.as_str()),
                ((t.overall.level + 1).min(top), "next-level"),
                "a report without a target aims at the next level"
            );
            (t.overall.level, t.overall.score, p.warnings)
        };
        let at_top = format!(
            r#"{{"id": "{d0}", "level": {top}, "score": 2.5, "blocking": []}}, {{"id": "{d1}", "level": 1, "score": 1.5, "blocking": []}}"#
        );
        let (level, score, warnings) = team(at_top);
        assert_eq!((level, score), (1, 2.0), "the lowest level and the mean of the dimension scores");
        assert!(warnings.iter().all(|w| !w.contains("above")), "the highest level itself is no warning: {warnings:?}");
        let above = format!(r#"{{"id": "{d0}", "level": {}, "score": 3.0, "blocking": []}}"#, top + 1);
        let (level, _, warnings) = team(above);
        assert_eq!(level, top, "a level above the questionnaire's highest counts as the highest");
        assert!(warnings.iter().any(|w| w.contains(&format!("holds levels above {top}"))), "{warnings:?}");
    }

    #[test]
    fn a_teams_bottleneck_is_its_first_rated_stage_in_bottleneck_order() {
        let q = quick();
        let bottleneck = |yaml: &str| {
            let inputs = [session_input("a.yaml", &format!("team: T\n{yaml}"))];
            build(&q, &inputs, vec![], "2026-11-28", 1).teams[0].bottleneck.clone()
        };
        assert_eq!(bottleneck(""), None, "nothing rated: no bottleneck");
        assert_eq!(bottleneck("bottlenecks: { monitoring: { time_share: 0 } }\n"), None, "a zero share says nothing");
        assert_eq!(bottleneck("bottlenecks: { monitoring: { time_share: 30 } }\n").as_deref(), Some("monitoring"));
        assert_eq!(bottleneck("bottlenecks: { validation: { pain: 2 } }\n").as_deref(), Some("validation"));
        assert_eq!(
            bottleneck("bottlenecks: { validation: { pain: 2 }, monitoring: { pain: 4 } }\n").as_deref(),
            Some("monitoring")
        );
    }

    #[test]
    fn a_workshop_teams_respondents_are_its_participants() {
        let q = quick();
        let inputs = [session_input(
            "w.yaml",
            "team: T\nrespondent: Facilitator\nparticipants: [{ name: Ana }, { name: Ben }]\n",
        )];
        let p = build(&q, &inputs, vec![], "2026-11-28", 1);
        assert_eq!(p.teams[0].respondents, vec!["Ana".to_owned(), "Ben".to_owned()]);
    }

    #[test]
    fn notes_about_renamed_questions_are_counted_per_file() {
        let warnings = [
            "a.yaml: answer to old-1 counted for new-1".to_owned(),
            "a.yaml: answered version 1 of questionnaire q, which is now version 2; check the answers still fit"
                .to_owned(),
            "a.yaml: answer to old-2 counted for new-2".to_owned(),
            "b.yaml: answer to old-1 counted for new-1".to_owned(),
        ];
        assert_eq!(
            team_warnings("T", &warnings),
            vec![
                "team T: a.yaml: answered version 1 of questionnaire q, which is now version 2; check the answers still fit",
                "team T: a.yaml: 2 answers to earlier question ids counted for the questions that replace them",
                "team T: b.yaml: 1 answer to earlier question ids counted for the questions that replace them",
            ]
        );
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn a_team_is_scored_like_its_team_report() {
        let q = quick();
        let first = q.questions().next().unwrap().1.id.clone();
        let inputs = [
            session_input("a.yaml", &format!("team: T\nrespondent: Ana\ndate: 2026-02-01\nanswers:\n  {first}: yes\n")),
            session_input("b.yaml", &format!("team: T\nrespondent: Ben\ndate: 2026-02-03\nanswers:\n  {first}: no\n")),
        ];
        let p = build(&q, &inputs, vec![], "2026-11-28", 1);
        let sessions: Vec<SessionInput> = inputs
            .iter()
            .map(|i| match &i.kind {
                InputKind::Session(s) => SessionInput { file_name: i.file_name.clone(), session: s },
                InputKind::Report(_) => unreachable!(),
            })
            .collect();
        let r = report::build(&q, &sessions, None, "2026-11-28");
        let t = &p.teams[0];
        assert_eq!(t.respondents, vec!["Ana", "Ben"]);
        assert_eq!(t.date.as_deref(), Some("2026-02-03"), "the latest session's date");
        assert_eq!(t.overall.score, r.overall.score);
        let scores: Vec<f64> = t.dimensions.iter().filter_map(|d| d.score).collect();
        assert_eq!(scores, r.dimensions.iter().map(|d| d.score).collect::<Vec<_>>());
        assert_eq!(t.unanswered, Some(r.unanswered.len()));
        assert!(t.incomplete && t.stale);
    }

    #[test]
    fn scoring_on_threads_gives_the_same_portfolio() {
        let q = quick();
        let inputs: Vec<Input> =
            (0..80).map(|i| session_input(&format!("s{i}.yaml"), &format!("team: T{}\n", i % 40))).collect();
        let one = to_json(&build(&q, &inputs, vec![], "2026-11-28", 1));
        let two = to_json(&build(&q, &inputs, vec![], "2026-11-28", 3));
        assert_eq!(one, two);
    }
}
