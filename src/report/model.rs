//! The report's data: every type the JSON output, the Markdown and HTML templates and the TUI
//! read. Plain data with no behaviour; `build` fills it, `narrative` writes its words.

pub(crate) use super::words::{Change, Narrative, Unfinished, Unwritten};
pub use super::words::{Completeness, Progress, SinceBaseline, Stage, Strength, Written};
use crate::roadmap::TargetSource;
use crate::session::{Answer, Reported, Session};
use indexmap::IndexMap;
use serde::Serialize;

/// A report: the facts built from the sessions' answers and the words written from them.
///
/// `Report` (that is, `Report<Written>`) is what every format shows. `Facts`
/// (`Report<Unwritten>`) is the same report before its words: the narrative's fields are `()`
/// there, and `narrative::write` writes the `Narrative` from it, which
/// `Report::with_narrative` then moves in. So no field is ever a placeholder to fill later.
#[derive(Debug, Clone, Serialize)]
#[serde(bound = "")]
pub struct Report<S: Stage = Written> {
    /// The questionnaire scored: its id, version, title and guide.
    pub(crate) questionnaire: QuestionnaireInfo,
    /// Who answered, in order: each session's `respondent` (its file name when it names none; a
    /// repeated name gets " (2)"), or a workshop session's participants.
    pub respondents: Vec<String>,
    /// The overall level (the weakest dimension's), the mean score and the weakest dimensions.
    pub overall: Overall,
    /// The level to aim for, where it comes from and why.
    pub target: TargetInfo,
    /// The team's context (the first session that has one), or null.
    pub(crate) context: Option<ContextReport>,
    /// Every dimension in questionnaire order: its level, score, each level's ratio and the
    /// questions blocking its next level.
    pub dimensions: Vec<DimensionReport>,
    /// Every stage in bottleneck order (pain high first, an unrated stage counting as 3, then time
    /// share, then stage order); time shares in percent, pain null when unrated.
    pub bottlenecks: Vec<Bottleneck>,
    /// One phase per level from the overall level + 1 up to the target, each with its actions in
    /// roadmap order; empty when the overall level reaches the target.
    pub roadmap: Vec<PhaseReport>,
    /// Question ids whose answer is "don't know" (`unknown`), in questionnaire order.
    pub(crate) unknown: Vec<String>,
    /// Question ids with no answer, in questionnaire order.
    pub unanswered: Vec<String>,
    /// Question ids answered yes or partial above their dimension's level + 1, in questionnaire
    /// order.
    pub(crate) ahead_of_foundation: Vec<String>,
    /// Answers copied from an earlier assessment and not re-checked since.
    pub(crate) carried: Vec<String>,
    /// Questions on which one respondent said yes and another no, in questionnaire order.
    pub disagreements: Vec<Disagreement>,
    /// Dimensions whose scores differ by 1.0 or more between two roles, in questionnaire order;
    /// empty with fewer than two roles.
    pub role_gaps: Vec<RoleGap>,
    /// What the reader should know about the input files, one sentence each: answers kept but not
    /// scored, answers counted for the question that replaces them, another questionnaire version,
    /// unknown stages, sessions naming another team.
    pub warnings: Vec<String>,
    /// A workshop's re-votes: who changed their vote between `first_votes` and `votes`, in
    /// questionnaire order, then participant order.
    pub changed_minds: Vec<ChangedMind>,
    /// Only with a baseline (`--baseline`, or the session's `previous`): each dimension's score
    /// before and after, in questionnaire order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) baseline: Option<Vec<BaselineDelta>>,
    /// The session's `previous`, when the report used it as the baseline (no `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) baseline_previous: Option<String>,
    /// The team: the first session that names one; null when none does.
    pub(crate) team: Option<String>,
    /// The day the report was made (`YYYY-MM-DD`; `SOURCE_DATE_EPOCH` pins it).
    pub(crate) generated: String,
    /// The latest session date, or null when no session has one.
    pub(crate) date: Option<String>,
    /// The questionnaire's levels from 0, each with its name and summary.
    pub(crate) levels: Vec<LevelReport>,
    /// Every question in questionnaire order, with its answer, votes, notes and evidence.
    pub answers: Vec<AnswerReport>,
    /// "Does not apply" answers given without a note saying why.
    pub na_without_reason: Vec<String>,
    /// One sentence: the level, why (the blocking practices by text), what comes next.
    pub verdict: S::Words<String>,
    /// How much of the questionnaire was answered.
    pub completeness: S::Words<Completeness>,
    /// Toward the next overall level; null at the highest level.
    pub progress: S::Words<Option<Progress>>,
    /// Practices in place above their dimension's level.
    pub strengths: S::Words<Vec<Strength>>,
    /// The warning that worse predictions would go unnoticed, from the monitoring answers; null
    /// when a model-quality alert is in place.
    pub silent_degradation: S::Words<Option<String>>,
    /// What the reader should check, in sentences naming practices by their text.
    pub watch: S::Words<Vec<String>>,
    /// Only with --baseline: overall level before and after, and every answer that changed.
    #[serde(skip_serializing_if = "S::no_since_baseline")]
    pub(crate) since_baseline: S::Words<Option<SinceBaseline>>,
    /// With the target met: practices at or below the team's level not fully in place.
    pub(crate) unfinished: S::Words<Vec<Unfinished>>,
    /// Every distinct team the sessions name, in order; more than one is a warning.
    pub(crate) teams: Vec<String>,
    /// Questions answered yes with no recorded evidence and no finding of a repository scan.
    pub(crate) claimed_without_evidence: Vec<String>,
    /// Answers compared with the findings of the sessions' repository scan (the first session
    /// that has one); only when there is a scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) evidence_check: Option<Vec<crate::evidence::EvidenceCheck>>,
    /// Some respondent's time shares did not add up to 100 and were rescaled to percent.
    pub time_shares_rescaled: bool,
    /// Stage id -> time share as the one respondent wrote it, before rescaling (empty for a merge).
    pub(crate) answered_time_shares: IndexMap<String, f64>,
    /// Earlier versions of the questionnaire that sessions answered, each once, in order.
    pub(crate) older_versions: Vec<u32>,
    /// Time spent, from a single session's `timing`; null for several files or without one.
    pub timing: Option<TimingReport>,
    /// Practices left out of the score, with the reason: "does not apply" answers (their notes,
    /// or "no reason given") and the questions `applies_when` leaves out for this team.
    pub not_applicable: Vec<NotApplicable>,
    /// The bottleneck: the first rated stage in bottleneck order, or null when none is rated.
    pub bottleneck: Option<Bottleneck>,
    /// The next milestone as Markdown and HTML show it; null without a roadmap.
    pub next_milestone: Option<Milestone>,
    /// When the next milestone has no action for the bottleneck stage: that stage's next
    /// practices, named "for the bottleneck".
    pub for_bottleneck: Vec<Action>,
    /// The report is of one workshop session (participants voting in one file).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) workshop: bool,
}

/// A report's facts, before its words are written.
pub(crate) type Facts = Report<Unwritten>;

impl Report<Unwritten> {
    /// The report with its words: the facts moved, the narrative added.
    pub(crate) fn with_narrative(self, narrative: Narrative) -> Report {
        Report {
            questionnaire: self.questionnaire,
            respondents: self.respondents,
            overall: self.overall,
            target: self.target,
            context: self.context,
            dimensions: self.dimensions,
            bottlenecks: self.bottlenecks,
            roadmap: self.roadmap,
            unknown: self.unknown,
            unanswered: self.unanswered,
            ahead_of_foundation: self.ahead_of_foundation,
            carried: self.carried,
            disagreements: self.disagreements,
            role_gaps: self.role_gaps,
            warnings: self.warnings,
            changed_minds: self.changed_minds,
            baseline: self.baseline,
            baseline_previous: self.baseline_previous,
            team: self.team,
            generated: self.generated,
            date: self.date,
            levels: self.levels,
            answers: self.answers,
            na_without_reason: self.na_without_reason,
            verdict: narrative.verdict,
            completeness: narrative.completeness,
            progress: narrative.progress,
            strengths: narrative.strengths,
            silent_degradation: narrative.silent_degradation,
            watch: narrative.watch,
            since_baseline: narrative.since_baseline,
            unfinished: narrative.unfinished,
            teams: self.teams,
            claimed_without_evidence: self.claimed_without_evidence,
            evidence_check: self.evidence_check,
            time_shares_rescaled: self.time_shares_rescaled,
            answered_time_shares: self.answered_time_shares,
            older_versions: self.older_versions,
            timing: self.timing,
            not_applicable: self.not_applicable,
            bottleneck: self.bottleneck,
            next_milestone: self.next_milestone,
            for_bottleneck: self.for_bottleneck,
            workshop: self.workshop,
        }
    }
}

/// Whole seconds spent on the assessment, in all and per dimension id (questionnaire order,
/// the dimensions the session recorded a time for).
#[derive(Debug, Clone, Serialize)]
pub struct TimingReport {
    /// Seconds spent on the whole assessment.
    pub elapsed_s: u64,
    /// Seconds per dimension id.
    pub(crate) dimensions: IndexMap<String, u64>,
}

/// The questionnaire a report scores (JSON `questionnaire`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionnaireInfo {
    /// The questionnaire's id (`[a-z0-9-]+`).
    pub(crate) id: String,
    /// The `version` its file gives.
    pub(crate) version: u32,
    /// The title its file gives.
    pub(crate) title: String,
    /// How to answer (what yes, partly, no, don't know and does not apply mean), when given.
    pub(crate) guide: Option<String>,
}

/// The team's result as a whole (JSON `overall`).
#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    /// The overall level: the lowest level of any dimension (the weakest link).
    pub level: u32,
    /// The mean of the dimensions' scores, unrounded.
    pub score: f64,
    /// Ids of the dimensions whose level is the overall level, in questionnaire order.
    pub(crate) weakest: Vec<String>,
    /// The overall level's name (such as "Automated training").
    pub(crate) name: String,
}

/// The level the team aims for (JSON `target`).
#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    /// The target level, never above the questionnaire's highest.
    pub level: u32,
    /// Where it comes from: `explicit` (the session's `target`), `context` (the team's context) or
    /// `next-level` (the overall level + 1).
    pub(crate) source: TargetSource,
    /// The target level's name.
    pub(crate) name: String,
    /// Why this target, in a phrase a manager can read.
    pub reason: String,
}

/// The context behind the target, as the sessions gave it (unset parts are null).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContextReport {
    /// How many models the team runs in production.
    pub(crate) models_in_production: Option<u32>,
    /// How critical the models are: `low`, `medium` or `high`.
    pub(crate) criticality: Option<&'static str>,
    /// The team's work is regulated (a target from the context is then at most Level 2).
    pub(crate) regulated: Option<bool>,
    /// False when the team uses models it does not train (such as LLM APIs).
    pub(crate) trains_models: Option<bool>,
    /// Its models decide about people (credit, hiring, health, ...).
    pub(crate) decides_about_people: Option<bool>,
    /// End customers see the models' output directly.
    pub(crate) customer_facing: Option<bool>,
}

/// A practice left out of the score: answered "does not apply" (the reason is its notes), or
/// left out by its `applies_when` and the team's context.
#[derive(Debug, Clone, Serialize)]
pub struct NotApplicable {
    /// The question id.
    pub question: String,
    /// Why it is left out: the notes of a "does not apply" answer (`Name: note` lines when several
    /// answered), "no reason given" without a note, or the context's reason ("does not apply: the
    /// team trains no models of its own").
    pub reason: String,
}

/// The next milestone as Markdown and HTML show it: its most important actions (required ones
/// first, then roadmap order) and how many more the JSON and CSV list.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// The milestone's level: the first phase of the roadmap (the overall level + 1).
    pub(crate) level: u32,
    /// That level's name.
    pub(crate) name: String,
    /// The actions shown: at most `MILESTONE_SHOWN`, the required ones first, then in roadmap
    /// order.
    pub actions: Vec<Action>,
    /// How many actions the phase has in all.
    pub total: usize,
    /// How many of them are not shown.
    pub more: usize,
}

/// How many actions of the next milestone Markdown and HTML show.
pub(crate) const MILESTONE_SHOWN: usize = 8;

/// One dimension's result (JSON `dimensions`).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionReport {
    /// The dimension id.
    pub id: String,
    /// The dimension's name.
    pub(crate) name: String,
    /// The id of the lifecycle stage it belongs to; null when the questionnaire gives none.
    pub(crate) stage: Option<String>,
    /// The highest level L such that every level from 1 to L is met; 0 if none.
    pub level: u32,
    /// The level plus the ratio of the next level (the level alone at the highest level),
    /// unrounded.
    pub(crate) score: f64,
    /// Each level from 1 to the highest: its ratio and whether it is met.
    pub(crate) levels: Vec<LevelRatio>,
    /// Question ids at level + 1 whose answer is neither yes nor na, in questionnaire order; empty
    /// at the highest level.
    pub blocking: Vec<String>,
}

/// One level of a dimension: how much of it is in place, and whether that meets it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelRatio {
    /// The level, from 1.
    pub(crate) level: u32,
    /// Σ weight·credit / Σ weight over the dimension's questions at this level (na left out); null
    /// when none is left, and the level is then met vacuously.
    pub(crate) ratio: Option<f64>,
    /// The ratio reaches the pass ratio and every required question at this level that counts is
    /// answered yes.
    pub(crate) met: bool,
}

/// One lifecycle stage on the bottleneck map (JSON `bottlenecks`).
#[derive(Debug, Clone, Serialize)]
pub struct Bottleneck {
    /// The stage id.
    pub stage: String,
    /// The stage's name.
    pub(crate) name: String,
    /// The share of the team's time the stage takes, in percent over the stages rated (for several
    /// respondents, the mean of their percents, in percent again); 0 when nobody gave one.
    pub time_share: f64,
    /// How much the stage hurts, 1 to 5 (for several respondents, the mean of those who rated it);
    /// null when nobody rated it.
    pub(crate) pain: Option<f64>,
}

/// One phase of the roadmap (JSON `roadmap`): what to put in place to reach its level.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseReport {
    /// The level the phase reaches.
    pub(crate) level: u32,
    /// That level's name.
    pub(crate) name: String,
    /// For each dimension below the level, its questions at that level answered neither yes nor na;
    /// ordered by the bottleneck rank of the dimension's stage (dimensions without a stage last),
    /// then dimension order, then question order.
    pub actions: Vec<Action>,
    /// The phase in brief: how many actions each dimension has, in roadmap order.
    pub(crate) by_dimension: Vec<PhaseDimension>,
}

/// How many actions one dimension has in a phase.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PhaseDimension {
    /// The dimension id.
    pub(crate) dimension: String,
    /// The dimension's name.
    pub(crate) name: String,
    /// Its number of actions in the phase.
    pub(crate) actions: usize,
}

/// A practice to put in place: one action of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// The question id.
    pub question: String,
    /// The id of the question's dimension.
    pub dimension: String,
    /// The question's level.
    pub level: u32,
    /// The practice defines its level (the questionnaire's `required`).
    pub required: bool,
    /// Today's answer: `partial`, `no`, `unknown` or `unanswered`.
    pub(crate) answer: Reported,
    /// The questionnaire's recommendation, whole.
    pub(crate) recommendation: String,
    /// The practice: the question's text.
    pub text: String,
    /// The size of the recommendation (`small`, `medium` or `large`); null where the questionnaire
    /// gives none.
    pub(crate) effort: Option<&'static str>,
    /// Who usually leads it, as the user's `owners.yaml` names them; null where the questionnaire
    /// gives none.
    pub(crate) owner: Option<String>,
    /// The name of the question's dimension.
    pub(crate) dimension_name: String,
    /// The respondents' notes on today's answer, one line each (`Name: note` when several).
    pub note: Option<String>,
    /// The part of the recommendation that starts from today's answer ("From partly: …" for
    /// partly, "From zero: …" otherwise) with its "Done when …"; the whole recommendation when
    /// it is not written in those parts.
    pub(crate) step: String,
}

/// A question on which one respondent said yes and another no (JSON `disagreements`).
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// The question id.
    pub question: String,
    /// The question's text.
    pub(crate) text: String,
    /// Each respondent's answer by name, in respondent order (those who answered).
    pub answers: IndexMap<String, Answer>,
    /// A workshop's agreed answer for the question, or null.
    pub agreed: Option<Answer>,
}

/// One participant whose vote at a re-vote differs from their vote at the first reveal.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChangedMind {
    /// The question id.
    pub(crate) question: String,
    /// The participant's name.
    pub respondent: String,
    /// Their vote at the first reveal (`first_votes`).
    pub before: Answer,
    /// Their latest vote (`votes`).
    pub after: Answer,
}

/// A dimension that two roles score 1.0 or more apart (JSON `role_gaps`).
#[derive(Debug, Clone, Serialize)]
pub struct RoleGap {
    /// The dimension id.
    pub(crate) dimension: String,
    /// Each role's score of the dimension, from that role's own merged answers; roles as first
    /// spelled, in the order they first appear.
    pub scores: IndexMap<String, f64>,
}

/// One dimension's score then and now (JSON `baseline`).
#[derive(Debug, Clone, Serialize)]
pub struct BaselineDelta {
    /// The dimension id.
    pub(crate) dimension: String,
    /// The baseline's score; null when the baseline lacks the dimension.
    pub(crate) before: Option<f64>,
    /// Today's score.
    pub(crate) after: f64,
    /// Today's score minus the baseline's; null when the baseline lacks the dimension.
    pub(crate) delta: Option<f64>,
}

/// One level of the questionnaire (JSON `levels`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelReport {
    /// The level, from 0.
    pub(crate) level: u32,
    /// Its name (such as "Manual").
    pub(crate) name: String,
    /// What the level means, in short.
    pub(crate) summary: String,
}

/// One question and the answer it got (JSON `answers`).
#[derive(Debug, Clone, Serialize)]
pub struct AnswerReport {
    /// The question id.
    pub question: String,
    /// The id of the question's dimension.
    pub(crate) dimension: String,
    /// The question's level.
    pub(crate) level: u32,
    /// The question's text.
    pub(crate) text: String,
    /// The answer scored: `yes`, `partial`, `no`, `unknown`, `na` or `unanswered`. For several
    /// respondents the consensus, a workshop's agreed answer where set; `na` where `applies_when`
    /// leaves the question out.
    pub answer: Reported,
    /// Each respondent's own answer when there are several respondents; empty for one session.
    pub votes: IndexMap<String, Answer>,
    /// A workshop's votes at the first reveal when the question was voted on again; else empty.
    pub(crate) first_votes: IndexMap<String, Answer>,
    /// The notes on the answer, each with who wrote it, in respondent order.
    pub notes: Vec<Note>,
    /// The evidence recorded for the answer, one entry a respondent (a workshop session's, one a
    /// line).
    pub evidence: Vec<String>,
}

/// A note on an answer and who wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Who wrote it: the respondent's name; `workshop` for a workshop session's line that names no
    /// participant.
    pub respondent: String,
    /// The note, line breaks kept.
    pub text: String,
}

/// One session and the name of its file (used when the session names no respondent).
pub struct SessionInput<'a> {
    /// The file's name, which names the respondent when the session names none.
    pub file_name: String,
    /// The session read from that file.
    pub session: &'a Session,
}

/// An earlier assessment as `--baseline` gives it: scores, answers, level and date.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Each dimension's score in the baseline: (dimension id, score).
    pub scores: Vec<(String, f64)>,
    /// Question id -> the answer the baseline reported.
    pub answers: IndexMap<String, Reported>,
    /// The baseline's overall level, where known.
    pub overall_level: Option<u32>,
    /// The baseline's date (its latest session's), where known.
    pub date: Option<String>,
    /// The questionnaire version the baseline answered, where known.
    pub version: Option<u32>,
}
