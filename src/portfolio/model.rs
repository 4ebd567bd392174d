//! The portfolio's data: its inputs (sessions, workshop sessions, JSON reports), each team's
//! result, and the figures over all teams. Plain data; `team` and `summary` fill it.

use crate::dates::day;
use crate::report::json::JsonReport;
use crate::roadmap::TargetSource;
use crate::session::Session;
use serde::Serialize;

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
    pub(super) fn team_name(&self) -> Option<&str> {
        let team = match &self.kind {
            InputKind::Session(s) => s.team.as_deref(),
            InputKind::Report(r) => r.team.as_deref(),
        };
        team.map(str::trim).filter(|t| !t.is_empty())
    }

    pub(super) fn date(&self) -> Option<&str> {
        match &self.kind {
            InputKind::Session(s) => s.date.as_deref(),
            // Reports made before the `date` key existed only carry the day they were written.
            InputKind::Report(r) => r.date.as_deref().or(r.generated.as_deref()),
        }
        .filter(|d| day(d).is_some())
    }

    /// Separate sessions of a team are merged; a workshop session or a report stands as it is.
    pub(super) fn merges(&self) -> bool {
        matches!(&self.kind, InputKind::Session(s) if s.participants.is_none())
    }
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
    pub(super) fn of(
        answers: impl IntoIterator<Item = impl AsRef<str>>,
        claimed_without_evidence: usize,
    ) -> TeamEvidence {
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
    pub source: TargetSource,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamDimension {
    pub id: String,
    /// `None` when a report lacks the dimension (it was made with another version).
    pub level: Option<u32>,
    pub score: Option<f64>,
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
