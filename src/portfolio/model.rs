//! The portfolio's data: its inputs (sessions, workshop sessions, JSON reports), each team's
//! result, and the figures over all teams. Plain data; `team` and `summary` fill it.

use crate::dates::day;
use crate::report::json::JsonReport;
use crate::roadmap::TargetSource;
use crate::session::Session;
use serde::Serialize;

/// How many months may pass before an assessment is flagged as stale.
pub(crate) const STALE_AFTER_MONTHS: u32 = 6;

/// One input file, read and parsed by the shell.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as the user gave it (or as found in a folder): names the file in warnings.
    pub path: String,
    /// The file name alone: names a respondent or a team that has no name of its own.
    pub file_name: String,
    /// What the file holds, parsed.
    pub kind: InputKind,
}

/// What an input file holds.
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
    /// The team's name as first given (its file name when no input names a team).
    pub(crate) team: String,
    /// The id of the questionnaire this team answered (one of the portfolio's family).
    pub(crate) questionnaire: String,
    /// That questionnaire's version: two versions of one id are listed and counted apart.
    #[serde(skip)]
    pub(crate) questionnaire_version: u32,
    /// Who answered the assessment: its sessions' respondents or its workshop's participants, or
    /// those a JSON report lists.
    pub(crate) respondents: Vec<String>,
    /// The assessment's date: its latest input's (`YYYY-MM-DD`); null when undated.
    pub(crate) date: Option<String>,
    /// The team's overall level and score.
    pub(crate) overall: TeamOverall,
    /// The team's target level and where it comes from.
    pub(crate) target: TeamTarget,
    /// One entry per dimension of the questionnaire, in its order.
    pub(crate) dimensions: Vec<TeamDimension>,
    /// The stage the team rates most painful, when it rated any.
    pub(crate) bottleneck: Option<String>,
    /// The team's assessment before this one, for its trend.
    pub(crate) previous: Option<Previous>,
    /// How many of the team's "yes" answers have a recorded evidence or a repository finding;
    /// null for a JSON report that does not say.
    pub(crate) evidence: Option<TeamEvidence>,
    /// The files this result comes from.
    pub(crate) files: Vec<String>,
    /// Questions nobody answered; `None` for a report that does not say.
    pub(crate) unanswered: Option<usize>,
    /// The assessment is older than six months before the report date.
    pub(crate) stale: bool,
    /// Some question is unanswered (a JSON report that does not say counts as complete).
    pub(crate) incomplete: bool,
    /// Question ids blocking the next level of a dimension, in questionnaire order.
    #[serde(skip)]
    pub(crate) blocking: Vec<String>,
    /// Pain per stage of the questionnaire (in its order), when rated.
    #[serde(skip)]
    pub(crate) pain: Vec<Option<f64>>,
}

/// A team's assessment before its latest: when, and its overall level then.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Previous {
    /// Its date; null when undated.
    pub(crate) date: Option<String>,
    /// Its overall level.
    pub(crate) overall_level: u32,
}

/// A team's "yes" answers, and how many of them are supported by a recorded evidence or a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct TeamEvidence {
    /// How many questions the team answered yes.
    pub(crate) yes: usize,
    /// How many of those have a recorded evidence or a repository finding.
    pub(crate) supported: usize,
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

/// A team's overall result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TeamOverall {
    /// The overall level: the lowest level of its dimensions (a JSON report's as it says), at most
    /// the questionnaire's highest.
    pub(crate) level: u32,
    /// The mean of its dimensions' scores, unrounded.
    pub(crate) score: f64,
}

/// The level a team aims for.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TeamTarget {
    /// The target level.
    pub(crate) level: u32,
    /// Where it comes from: `explicit`, `context` or `next-level` (a JSON report without a target
    /// aims at the next level).
    pub(crate) source: TargetSource,
}

/// One dimension of a team's result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TeamDimension {
    /// The dimension id.
    pub(crate) id: String,
    /// `None` when a report lacks the dimension (it was made with another version).
    pub(crate) level: Option<u32>,
    /// Its score, unrounded; `None` when its level is.
    pub(crate) score: Option<f64>,
}

/// The questionnaire the teams answered.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionnaireInfo {
    /// The questionnaire's id (`[a-z0-9-]+`).
    pub(crate) id: String,
    /// The `version` its file gives.
    pub(crate) version: u32,
    /// The title its file gives.
    pub(crate) title: String,
}

/// The whole portfolio: the JSON output and the templates' context.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// The questionnaire most teams used (among those that compare); its dimension names are shown.
    pub(crate) questionnaire: QuestionnaireInfo,
    /// Every questionnaire the teams used, with how many teams used it.
    pub(crate) questionnaires: Vec<QuestionnaireUse>,
    /// Every team's result, in team name order (case, spaces, `-` and `_` aside).
    pub teams: Vec<TeamResult>,
    /// How many teams went up, stayed and went down since their previous assessment.
    pub(crate) trend: Trend,
    /// How many teams are at each overall level, every level listed.
    pub levels: Vec<LevelCount>,
    /// Every dimension of the questionnaire, in its order, over all teams.
    pub(crate) dimensions: Vec<DimensionSummary>,
    /// Questions blocking the next level of two or more teams: most teams first, then questionnaire
    /// order.
    pub(crate) common_blockers: Vec<CommonBlocker>,
    /// Stages by how many teams rate them their worst, then by mean pain.
    pub(crate) bottlenecks: Vec<StageSummary>,
    /// Assessments dated before this day are flagged as stale.
    pub(crate) stale_before: String,
    /// Inputs skipped or left out, and what else the reader should know about them, one sentence
    /// each.
    pub(crate) warnings: Vec<String>,
    /// The day the portfolio was made (`YYYY-MM-DD`; `SOURCE_DATE_EPOCH` pins it).
    pub(crate) generated: String,
}

/// A questionnaire of the portfolio and how many teams answered it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionnaireUse {
    /// The questionnaire's id.
    pub(crate) id: String,
    /// The `version` its file gives.
    pub(crate) version: u32,
    /// How many teams' results it scored.
    pub(crate) teams: usize,
}

/// Teams whose overall level went up, stayed or went down since their previous assessment.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Trend {
    /// Teams whose overall level went up.
    pub(crate) up: usize,
    /// Teams whose overall level stayed the same.
    pub(crate) same: usize,
    /// Teams whose overall level went down.
    pub(crate) down: usize,
}

/// How many teams are at one overall level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    /// The level, from 0.
    pub(crate) level: u32,
    /// The level's name.
    pub(crate) name: String,
    /// How many teams are at it.
    pub teams: usize,
    /// The teams' share of all teams, from 0 to 1.
    pub(crate) share: f64,
}

/// One dimension over all teams.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DimensionSummary {
    /// The dimension id.
    pub(crate) id: String,
    /// The dimension's name.
    pub(crate) name: String,
    /// `None` when no team has a score for the dimension.
    pub(crate) median_score: Option<f64>,
    /// The lowest score of any team; `None` when no team has a score.
    pub(crate) min_score: Option<f64>,
    /// The highest score of any team; `None` when no team has a score.
    pub(crate) max_score: Option<f64>,
    /// How many teams are at each level of the dimension, every level listed.
    pub(crate) levels: Vec<LevelTeams>,
}

/// How many teams are at one level.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelTeams {
    /// The level, from 0.
    pub(crate) level: u32,
    /// How many teams are at it.
    pub(crate) teams: usize,
}

/// A question that blocks the next level of two or more teams.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommonBlocker {
    /// The question id.
    pub(crate) question: String,
    /// The question's text.
    pub(crate) text: String,
    /// The id of the question's dimension.
    pub(crate) dimension: String,
    /// The name of the question's dimension.
    pub(crate) dimension_name: String,
    /// The question's level.
    pub(crate) level: u32,
    /// The questionnaire's recommendation for it.
    pub(crate) recommendation: String,
    /// How many teams it blocks.
    pub(crate) teams: usize,
    /// The teams it blocks, in team order.
    pub(crate) team_names: Vec<String>,
}

/// One lifecycle stage over all teams.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageSummary {
    /// The stage id.
    pub(crate) stage: String,
    /// The stage's name.
    pub(crate) name: String,
    /// Teams whose bottleneck this stage is.
    pub(crate) teams: usize,
    /// Mean pain over the teams that rated the stage.
    pub(crate) mean_pain: Option<f64>,
    /// How many teams rated the stage's pain.
    pub(crate) rated_by: usize,
}
