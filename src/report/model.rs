//! The report's data: every type the JSON output, the Markdown and HTML templates and the TUI
//! read. Plain data with no behaviour; `build` fills it, `narrative` writes its words.

use crate::roadmap::TargetSource;
use crate::session::{Answer, Reported, Session};
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt;

/// A report: the facts built from the sessions' answers and the words written from them.
///
/// `Report` (that is, `Report<Written>`) is what every format shows. [`Facts`]
/// (`Report<Unwritten>`) is the same report before its words: the narrative's fields are `()`
/// there, and `narrative::write` writes the [`Narrative`] from it, which
/// [`Report::with_narrative`] then moves in. So no field is ever a placeholder to fill later.
#[derive(Debug, Clone, Serialize)]
#[serde(bound = "")]
pub struct Report<S: Stage = Written> {
    pub questionnaire: QuestionnaireInfo,
    pub respondents: Vec<String>,
    pub overall: Overall,
    pub target: TargetInfo,
    /// The team's context (the first session that has one), or null.
    pub context: Option<ContextReport>,
    pub dimensions: Vec<DimensionReport>,
    pub bottlenecks: Vec<Bottleneck>,
    pub roadmap: Vec<PhaseReport>,
    pub unknown: Vec<String>,
    pub unanswered: Vec<String>,
    pub ahead_of_foundation: Vec<String>,
    /// Answers copied from an earlier assessment and not re-checked since.
    pub carried: Vec<String>,
    pub disagreements: Vec<Disagreement>,
    pub role_gaps: Vec<RoleGap>,
    pub warnings: Vec<String>,
    /// A workshop's re-votes: who changed their vote between `first_votes` and `votes`, in
    /// questionnaire order, then participant order.
    pub changed_minds: Vec<ChangedMind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Vec<BaselineDelta>>,
    /// The session's `previous`, when the report used it as the baseline (no `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_previous: Option<String>,
    pub team: Option<String>,
    pub generated: String,
    /// The latest session date, or null when no session has one.
    pub date: Option<String>,
    pub levels: Vec<LevelReport>,
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
    pub since_baseline: S::Words<Option<SinceBaseline>>,
    /// With the target met: practices at or below the team's level not fully in place.
    pub unfinished: S::Words<Vec<Unfinished>>,
    /// Every distinct team the sessions name, in order; more than one is a warning.
    pub teams: Vec<String>,
    /// Questions answered yes with no recorded evidence and no finding of a repository scan.
    pub claimed_without_evidence: Vec<String>,
    /// Answers compared with the findings of the sessions' repository scan (the first session
    /// that has one); only when there is a scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_check: Option<Vec<crate::evidence::EvidenceCheck>>,
    /// Some respondent's time shares did not add up to 100 and were rescaled to percent.
    pub time_shares_rescaled: bool,
    /// Stage id -> time share as the one respondent wrote it, before rescaling (empty for a merge).
    pub answered_time_shares: IndexMap<String, f64>,
    /// Earlier versions of the questionnaire that sessions answered, each once, in order.
    pub older_versions: Vec<u32>,
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
    pub workshop: bool,
}

/// A report's facts, before its words are written.
pub type Facts = Report<Unwritten>;

impl Report<Unwritten> {
    /// The report with its words: the facts moved, the narrative added.
    pub fn with_narrative(self, narrative: Narrative) -> Report {
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
    pub elapsed_s: u64,
    pub dimensions: IndexMap<String, u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// How to answer (what yes, partly, no, don't know and does not apply mean), when given.
    pub guide: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    pub level: u32,
    pub score: f64,
    pub weakest: Vec<String>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    pub level: u32,
    pub source: TargetSource,
    pub name: String,
    /// Why this target, in a phrase a manager can read.
    pub reason: String,
}

/// The context behind the target, as the sessions gave it (unset parts are null).
#[derive(Debug, Clone, Serialize)]
pub struct ContextReport {
    pub models_in_production: Option<u32>,
    pub criticality: Option<&'static str>,
    pub regulated: Option<bool>,
    pub trains_models: Option<bool>,
    pub decides_about_people: Option<bool>,
    pub customer_facing: Option<bool>,
}

/// A practice left out of the score: answered "does not apply" (the reason is its notes), or
/// left out by its `applies_when` and the team's context.
#[derive(Debug, Clone, Serialize)]
pub struct NotApplicable {
    pub question: String,
    pub reason: String,
}

/// The next milestone as Markdown and HTML show it: its most important actions (required ones
/// first, then roadmap order) and how many more the JSON and CSV list.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub level: u32,
    pub name: String,
    pub actions: Vec<Action>,
    pub total: usize,
    pub more: usize,
}

/// How many actions of the next milestone Markdown and HTML show.
pub const MILESTONE_SHOWN: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct DimensionReport {
    pub id: String,
    pub name: String,
    pub stage: Option<String>,
    pub level: u32,
    pub score: f64,
    pub levels: Vec<LevelRatio>,
    pub blocking: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRatio {
    pub level: u32,
    pub ratio: Option<f64>,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bottleneck {
    pub stage: String,
    pub name: String,
    pub time_share: f64,
    pub pain: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseReport {
    pub level: u32,
    pub name: String,
    pub actions: Vec<Action>,
    /// The phase in brief: how many actions each dimension has, in roadmap order.
    pub by_dimension: Vec<PhaseDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseDimension {
    pub dimension: String,
    pub name: String,
    pub actions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub question: String,
    pub dimension: String,
    pub level: u32,
    /// The practice defines its level (the questionnaire's `required`).
    pub required: bool,
    pub answer: Reported,
    pub recommendation: String,
    pub text: String,
    pub effort: Option<&'static str>,
    pub owner: Option<String>,
    pub dimension_name: String,
    /// The respondents' notes on today's answer, one line each (`Name: note` when several).
    pub note: Option<String>,
    /// The part of the recommendation that starts from today's answer ("From partly: …" for
    /// partly, "From zero: …" otherwise) with its "Done when …"; the whole recommendation when
    /// it is not written in those parts.
    pub step: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub question: String,
    pub text: String,
    pub answers: IndexMap<String, Answer>,
    /// A workshop's agreed answer for the question, or null.
    pub agreed: Option<Answer>,
}

/// One participant whose vote at a re-vote differs from their vote at the first reveal.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChangedMind {
    pub question: String,
    pub respondent: String,
    pub before: Answer,
    pub after: Answer,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleGap {
    pub dimension: String,
    pub scores: IndexMap<String, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaselineDelta {
    pub dimension: String,
    pub before: Option<f64>,
    pub after: f64,
    pub delta: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelReport {
    pub level: u32,
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerReport {
    pub question: String,
    pub dimension: String,
    pub level: u32,
    pub text: String,
    pub answer: Reported,
    /// Each respondent's own answer when there are several respondents; empty for one session.
    pub votes: IndexMap<String, Answer>,
    /// A workshop's votes at the first reveal when the question was voted on again; else empty.
    pub first_votes: IndexMap<String, Answer>,
    pub notes: Vec<Note>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub respondent: String,
    pub text: String,
}

/// One session and the name of its file (used when the session names no respondent).
pub struct SessionInput<'a> {
    pub file_name: String,
    pub session: &'a Session,
}

/// How much of the questionnaire was answered.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    pub answered: usize,
    pub questions: usize,
    /// Fewer than nine in ten questions answered, or answers still missing that could change
    /// the level: the level is an indication, not a finding.
    pub indicative: bool,
    /// Answering the unanswered and "don't know" questions "yes" would raise the overall level:
    /// only then may the level be understated.
    pub level_may_change: bool,
    /// A workshop's disagreements (a yes and a no among the votes) with no agreed answer yet:
    /// named as such, never counted as unanswered (their answer is the votes' consensus).
    pub open_disagreements: usize,
}

/// A practice in place (answered yes) above its dimension's level.
#[derive(Debug, Clone, Serialize)]
pub struct Strength {
    pub question: String,
    pub text: String,
    pub dimension: String,
    pub dimension_name: String,
    pub level: u32,
}

/// How far the team is toward its next overall level.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The next level (overall level + 1).
    pub level: u32,
    /// Weighted share (partly counting its credit) of that level's practices in place in the
    /// dimensions that hold the overall level.
    pub ratio: f64,
    /// Of those practices (does not apply left out): how many in place, how many partly, of how many.
    pub in_place: usize,
    pub partly: usize,
    pub practices: usize,
}

/// A practice at or below the team's level that is not fully in place: with the target met,
/// these are what is left to finish.
#[derive(Debug, Clone, Serialize)]
pub struct Unfinished {
    pub question: String,
    pub text: String,
    pub dimension_name: String,
    pub level: u32,
    /// Partial, no, unknown or unanswered.
    pub answer: Reported,
}

#[derive(Debug, Clone, Serialize)]
pub struct SinceBaseline {
    pub date: Option<String>,
    pub overall_before: Option<u32>,
    pub overall_after: u32,
    /// Every answer that differs from the baseline's, in questionnaire order.
    pub changed: Vec<Change>,
    /// Of those, the questions the baseline did not answer (or did not have): answered now for
    /// the first time, not a change of practice.
    pub not_asked: Vec<String>,
    /// Of the others, those that moved toward "yes" (no < partly < yes) and those that moved away.
    pub better: Vec<String>,
    pub worse: Vec<String>,
    /// The questionnaire version of the baseline when it differs from this report's: levels
    /// may not compare.
    pub other_version: Option<u32>,
    /// The overall level is lower than the baseline's.
    pub lower: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub question: String,
    pub before: Reported,
    pub after: Reported,
    pub text: String,
}

/// An earlier assessment as `--baseline` gives it: scores, answers, level and date.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub scores: Vec<(String, f64)>,
    /// Question id -> the answer the baseline reported.
    pub answers: IndexMap<String, Reported>,
    pub overall_level: Option<u32>,
    pub date: Option<String>,
    /// The questionnaire version the baseline answered, where known.
    pub version: Option<u32>,
}

/// What the report says in words, written from its facts by `narrative::write`.
#[derive(Debug, Clone, Serialize)]
pub struct Narrative {
    /// One sentence: the level, why (the blocking practices by text), what comes next.
    pub verdict: String,
    /// How much of the questionnaire was answered.
    pub completeness: Completeness,
    /// Toward the next overall level; null at the highest level.
    pub progress: Option<Progress>,
    /// Practices in place above their dimension's level.
    pub strengths: Vec<Strength>,
    /// The warning that worse predictions would go unnoticed, from the monitoring answers; null
    /// when a model-quality alert is in place.
    pub silent_degradation: Option<String>,
    /// What the reader should check, in sentences naming practices by their text.
    pub watch: Vec<String>,
    /// Only with --baseline: overall level before and after, and every answer that changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_baseline: Option<SinceBaseline>,
    /// With the target met: practices at or below the team's level not fully in place.
    pub unfinished: Vec<Unfinished>,
}

/// How far a report is written: [`Written`] (its words are there) or [`Unwritten`] (the facts
/// alone, which the narrative is written from).
pub trait Stage {
    /// The type of a narrative field at this stage: the words themselves, or `()` before they
    /// are written.
    type Words<T: fmt::Debug + Clone + Serialize>: fmt::Debug + Clone + Serialize;

    /// Whether the JSON leaves `since_baseline` out (it does when there is none).
    fn no_since_baseline(value: &Self::Words<Option<SinceBaseline>>) -> bool;
}

/// A report whose narrative is written (the default).
#[derive(Debug, Clone, Copy)]
pub enum Written {}

/// A report's facts before its narrative is written.
#[derive(Debug, Clone, Copy)]
pub enum Unwritten {}

impl Stage for Written {
    type Words<T: fmt::Debug + Clone + Serialize> = T;

    fn no_since_baseline(value: &Option<SinceBaseline>) -> bool {
        value.is_none()
    }
}

impl Stage for Unwritten {
    type Words<T: fmt::Debug + Clone + Serialize> = ();

    fn no_since_baseline(_: &()) -> bool {
        true
    }
}
