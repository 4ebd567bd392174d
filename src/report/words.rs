//! The report's words as data: the [`Narrative`] (verdict, completeness, progress, strengths,
//! the watch list, changes since a baseline, what is left to finish) and the stage a report is
//! at, before or after its words are written. `narrative` writes them; `model` embeds them.

use crate::session::Reported;
use serde::Serialize;
use std::fmt;

/// How much of the questionnaire was answered.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    /// Questions with an answer (any of the five).
    pub answered: usize,
    /// Questions in the questionnaire.
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
    /// The question id.
    pub question: String,
    /// The practice: the question's text.
    pub(crate) text: String,
    /// The id of the question's dimension.
    pub(crate) dimension: String,
    /// The name of the question's dimension.
    pub(crate) dimension_name: String,
    /// The question's level.
    pub(crate) level: u32,
}

/// How far the team is toward its next overall level.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The next level (overall level + 1).
    pub level: u32,
    /// Weighted share (partly counting its credit) of that level's practices in place in the
    /// dimensions that hold the overall level.
    pub ratio: f64,
    /// Of those practices (does not apply left out), how many are in place.
    pub in_place: usize,
    /// Of those practices, how many are in place partly.
    pub partly: usize,
    /// How many practices there are (does not apply left out).
    pub practices: usize,
}

/// A practice at or below the team's level that is not fully in place: with the target met,
/// these are what is left to finish.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Unfinished {
    /// The question id.
    pub(crate) question: String,
    /// The practice: the question's text.
    pub(crate) text: String,
    /// The name of the question's dimension.
    pub(crate) dimension_name: String,
    /// The question's level.
    pub(crate) level: u32,
    /// Partial, no, unknown or unanswered.
    pub(crate) answer: Reported,
}

/// What changed since the baseline (JSON `since_baseline`).
#[derive(Debug, Clone, Serialize)]
pub struct SinceBaseline {
    /// The baseline's date (its latest session's); null when it has none.
    pub(crate) date: Option<String>,
    /// The baseline's overall level; null for a JSON report that does not say.
    pub(crate) overall_before: Option<u32>,
    /// Today's overall level.
    pub(crate) overall_after: u32,
    /// Every answer that differs from the baseline's, in questionnaire order.
    pub(crate) changed: Vec<Change>,
    /// Of those, the questions the baseline did not answer (or did not have): answered now for
    /// the first time, not a change of practice.
    pub(crate) not_asked: Vec<String>,
    /// Of the others, those that moved toward "yes" (no < partly < yes).
    pub(crate) better: Vec<String>,
    /// Those that moved away from "yes".
    pub(crate) worse: Vec<String>,
    /// The questionnaire version of the baseline when it differs from this report's: levels
    /// may not compare.
    pub(crate) other_version: Option<u32>,
    /// The overall level is lower than the baseline's.
    pub(crate) lower: bool,
}

/// A question whose answer differs from the baseline's.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Change {
    /// The question id.
    pub(crate) question: String,
    /// The baseline's answer (`unanswered` when it had none).
    pub(crate) before: Reported,
    /// Today's answer.
    pub(crate) after: Reported,
    /// The question's text.
    pub(crate) text: String,
}

/// What the report says in words, written from its facts by `narrative::write`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Narrative {
    /// One sentence: the level, why (the blocking practices by text), what comes next.
    pub(crate) verdict: String,
    /// How much of the questionnaire was answered.
    pub(crate) completeness: Completeness,
    /// Toward the next overall level; null at the highest level.
    pub(crate) progress: Option<Progress>,
    /// Practices in place above their dimension's level.
    pub(crate) strengths: Vec<Strength>,
    /// The warning that worse predictions would go unnoticed, from the monitoring answers; null
    /// when a model-quality alert is in place.
    pub(crate) silent_degradation: Option<String>,
    /// What the reader should check, in sentences naming practices by their text.
    pub(crate) watch: Vec<String>,
    /// Only with --baseline: overall level before and after, and every answer that changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) since_baseline: Option<SinceBaseline>,
    /// With the target met: practices at or below the team's level not fully in place.
    pub(crate) unfinished: Vec<Unfinished>,
}

/// How far a report is written: [`Written`] (its words are there) or `Unwritten` (the facts
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
pub(crate) enum Unwritten {}

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
