//! The session's data: its answers, context, bottleneck ratings, timing, scan and participants,
//! as the session file holds them, and what a session can say about itself.

use super::answer::{Answer, AnswerEntry, consensus};
use super::fields::{unique_keys, whole_if_possible};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The session file format this build reads and writes.
pub(crate) const FORMAT: u32 = 1;

/// How critical a team's models are (the context's `criticality`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Criticality {
    /// `low`: no point toward the target.
    Low,
    /// `medium`: one point toward the target.
    Medium,
    /// `high`: two points toward the target.
    High,
}

impl Criticality {
    /// The value as files spell it: `low`, `medium` or `high`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Criticality::Low => "low",
            Criticality::Medium => "medium",
            Criticality::High => "high",
        }
    }
}

/// The team's context (a session's `context`): what sets its target from its volume and risk, and
/// what `applies_when` checks. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// How many models the team runs in production (3 or more, and 10 or more, raise the target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models_in_production: Option<u32>,
    /// How critical the models are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Criticality>,
    /// The team's work is regulated (a target from the context is then at most Level 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated: Option<bool>,
    /// False: the team uses models it does not train itself (such as LLM APIs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trains_models: Option<bool>,
    /// Its models decide about people (credit, hiring, health, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decides_about_people: Option<bool>,
    /// End customers see the models' output directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_facing: Option<bool>,
}

pub(crate) use crate::questionnaire::ContextKey;

impl Context {
    /// True when the context gives no key at all.
    pub fn is_empty(&self) -> bool {
        self.models_in_production.is_none()
            && self.criticality.is_none()
            && self.regulated.is_none()
            && self.trains_models.is_none()
            && self.decides_about_people.is_none()
            && self.customer_facing.is_none()
    }

    /// The value the context gives a yes/no key, if any.
    pub(crate) fn get(&self, key: ContextKey) -> Option<bool> {
        match key {
            ContextKey::TrainsModels => self.trains_models,
            ContextKey::DecidesAboutPeople => self.decides_about_people,
            ContextKey::CustomerFacing => self.customer_facing,
            ContextKey::Regulated => self.regulated,
        }
    }

    /// Why a question with these `applies_when` conditions does not apply to this team: the first
    /// key the context gives another value; `None` when it applies (a key the context does not
    /// give never leaves a question out).
    pub fn leaves_out(&self, applies_when: &[(ContextKey, bool)]) -> Option<&'static str> {
        applies_when
            .iter()
            .find(|(key, wanted)| self.get(*key).is_some_and(|v| v != *wanted))
            .map(|(key, wanted)| key.reason(*wanted))
    }
}

/// How much of the team's time a lifecycle stage takes, and how much it hurts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRating {
    /// The share of the team's time the stage takes: any number from 0, normalised to percent over
    /// the stages given.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "whole_if_possible")]
    pub time_share: Option<f64>,
    /// How much the stage hurts, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "whole_if_possible")]
    pub pain: Option<f64>,
}

/// One session file: a respondent's answers (or a workshop's votes), context and bottleneck
/// ratings, as read and as written back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session file format ([`FORMAT`]).
    pub(crate) format: u32,
    /// The questionnaire answered: a built-in id, a user questionnaire's id, or a path (relative to
    /// this file's folder).
    pub questionnaire: String,
    /// The version of the questionnaire answered, written by the app; another version is a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_version: Option<u32>,
    /// The team's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Who answered; the file's name stands for it when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The respondent's role, free text (data-science, engineering, management…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The team's context, which may set the target and leave questions out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The session this one was carried from (DESIGN "Next assessment"): a path, relative to
    /// this file's folder when it can be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The target level, set by the team: it overrides the one from the context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// The day of the last change (`YYYY-MM-DD`); the app writes it on every save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Present in a workshop session only: the people who vote, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    /// The answers by question id, in file order; answers to ids the questionnaire lacks are kept.
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: IndexMap<String, AnswerEntry>,
    /// The bottleneck ratings by stage id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "unique_keys")]
    pub bottlenecks: IndexMap<String, StageRating>,
    /// Whole seconds spent, written by the app and kept across reopening; never scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Box<Timing>>,
    /// The last repository scan (`scan --session`, `assess --scan`); it never changes an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan: Option<Box<Scan>>,
}

/// Time spent on a session: in all, per dimension and per question (ids), and an optional
/// timebox per dimension, all in whole seconds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// Seconds spent on the whole session.
    #[serde(default)]
    pub elapsed_s: u64,
    /// Seconds per dimension id.
    #[serde(default, deserialize_with = "unique_keys")]
    pub(crate) dimensions: IndexMap<String, u64>,
    /// Seconds per question id.
    #[serde(default, deserialize_with = "unique_keys")]
    pub questions: IndexMap<String, u64>,
    /// The timebox of a dimension id, in seconds (the facilitator's screen warns when it is spent).
    #[serde(default, deserialize_with = "unique_keys")]
    pub(crate) timebox_s: IndexMap<String, u64>,
}

impl Timing {
    /// Adds `seconds` spent on `question` of `dimension`, or, when no question is on screen (the
    /// context, the map, the results), to the elapsed time only.
    pub(crate) fn add(&mut self, on: Option<(&str, &str)>, seconds: u64) {
        self.elapsed_s = self.elapsed_s.saturating_add(seconds);
        let Some((dimension, question)) = on else { return };
        let d = self.dimensions.entry(dimension.to_owned()).or_default();
        *d = d.saturating_add(seconds);
        let q = self.questions.entry(question.to_owned()).or_default();
        *q = q.saturating_add(seconds);
    }

    /// Seconds spent on a dimension (0 when none were recorded).
    pub fn dimension(&self, id: &str) -> u64 {
        self.dimensions.get(id).copied().unwrap_or(0)
    }
}

/// What a repository scan found, per question id (DESIGN "Evidence from repositories"). Places
/// are `file` or `file:line`, at most five a question, then "and N more".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scan {
    /// The day of the scan (`YYYY-MM-DD`).
    #[serde(default)]
    pub date: Option<String>,
    /// The folders scanned, as given.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Question id -> the places where a probe found signs of the practice.
    #[serde(default, deserialize_with = "unique_keys")]
    pub found: IndexMap<String, Vec<String>>,
    /// Question id -> the places where only `means: absent` probes matched: signs against the
    /// practice.
    #[serde(default, deserialize_with = "unique_keys")]
    pub found_against: IndexMap<String, Vec<String>>,
    /// Question ids with probes that matched nothing.
    #[serde(default)]
    pub not_found: Vec<String>,
}

impl Scan {
    /// Where the scan found signs of `question` (empty when it found none).
    pub fn places(&self, question: &str) -> &[String] {
        self.found.get(question).map_or(&[], Vec::as_slice)
    }
}

/// One person voting in a workshop session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The participant's name, unique in the session and non-empty.
    pub name: String,
    /// Their role, free text; a participant without one counts in no role's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Session {
    /// Who answered, for a list of sessions: the respondent, or for a workshop session
    /// "workshop (N)" with its number of participants.
    pub fn answered_by(&self) -> Option<String> {
        match &self.participants {
            Some(participants) => Some(format!("workshop ({})", participants.len())),
            None => self.respondent.clone(),
        }
    }

    /// An empty session of `questionnaire` (an id or a path) in the current format.
    pub fn new(questionnaire: &str) -> Session {
        Session {
            format: FORMAT,
            questionnaire: questionnaire.to_owned(),
            questionnaire_version: None,
            team: None,
            respondent: None,
            role: None,
            context: None,
            previous: None,
            target: None,
            date: None,
            participants: None,
            answers: IndexMap::new(),
            bottlenecks: IndexMap::new(),
            timing: None,
            scan: None,
        }
    }

    /// The answer given to `question` (a workshop's agreed answer), if any.
    pub fn answer(&self, question: &str) -> Option<Answer> {
        self.answers.get(question).and_then(|e| e.answer)
    }

    /// The answer given to an id that `question` replaces, when the session has none of its own
    /// for it: (old id, answer). Sessions of an earlier questionnaire version keep scoring.
    pub(crate) fn replaced_answer<'a>(
        &'a self,
        question: &'a crate::questionnaire::Question,
    ) -> Option<(&'a str, Answer)> {
        if self.answer(&question.id).is_some() {
            return None;
        }
        question.replaces.iter().find_map(|old| self.answer(old).map(|a| (old.as_str(), a)))
    }

    /// How many of the questionnaire's questions have an answer (answers to questions it lacks
    /// do not count).
    pub fn answered_in(&self, q: &crate::questionnaire::Questionnaire) -> usize {
        q.questions().filter(|(_, question)| self.answer(&question.id).is_some()).count()
    }

    /// The start of the next assessment from this one (DESIGN "Next assessment"): the same
    /// questionnaire, people (a workshop's participants too), context, target and bottlenecks;
    /// every answer carried over and marked `carried` until confirmed, evidence kept, notes
    /// dropped except the note of a "does not apply" (its reason); workshop votes dropped (they
    /// were that day's: a question without an agreed answer carries the consensus of its votes,
    /// by `partial_credit`), no date until the first save. `previous` is set by the caller, who
    /// knows where the files are.
    pub fn next_assessment(&self, partial_credit: f64) -> Session {
        let answers = self
            .answers
            .iter()
            .filter_map(|(id, e)| {
                let votes: Vec<Option<Answer>> = e.votes.values().copied().map(Some).collect();
                let answer = e.answer.or_else(|| consensus(&votes, partial_credit));
                let reason = e.note.clone().filter(|n| answer == Some(Answer::Na) && !n.trim().is_empty());
                let entry = AnswerEntry {
                    answer,
                    note: reason,
                    evidence: e.evidence.clone(),
                    carried: answer.is_some(),
                    votes: IndexMap::new(),
                    first_votes: IndexMap::new(),
                };
                (entry.answer.is_some() || entry.evidence.is_some()).then(|| (id.clone(), entry))
            })
            .collect();
        Session { date: None, previous: None, timing: None, answers, ..self.clone() }
    }

    /// Answers given to ids that a question of `q` replaces, moved under that question's id
    /// when the session has none of its own for it (a next assessment writes carried answers
    /// under the new ids, DESIGN "Questionnaire file").
    pub(crate) fn move_to_current_ids(&mut self, q: &crate::questionnaire::Questionnaire) {
        for (_, question) in q.questions() {
            if self.answers.contains_key(&question.id) {
                continue;
            }
            if let Some(old) = question.replaces.iter().find(|old| self.answers.contains_key(*old))
                && let Some(entry) = self.answers.shift_remove(old)
            {
                self.answers.insert(question.id.clone(), entry);
            }
        }
    }

    /// The notes of this session's answers by question id: what the next assessment shows,
    /// read only, beside an answer still waiting for confirmation.
    pub fn notes(&self) -> std::collections::HashMap<String, String> {
        self.answers
            .iter()
            .filter_map(|(id, e)| Some((id.clone(), e.note.clone().filter(|n| !n.trim().is_empty())?)))
            .collect()
    }

    /// The session as YAML, as the file is written.
    pub fn to_yaml(&self) -> String {
        yaml_serde::to_string(self).expect("a session always serialises")
    }
}
