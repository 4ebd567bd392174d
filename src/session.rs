//! Sessions: one respondent's answers, context and bottleneck ratings, loaded from and saved to YAML.
//!
//! The file is the user's: an answer for a question the questionnaire lacks is kept (and warned
//! about by the report), never dropped, and saving writes back everything that was read.

use crate::diagnostics::Problem;
use crate::files;
use crate::yaml::{Shape, parse_strict_shaped};
use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::path::Path;

/// The session file format this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    Partial,
    No,
    Unknown,
    Na,
}

impl Answer {
    pub const ALL: [Answer; 5] = [Answer::Yes, Answer::Partial, Answer::No, Answer::Unknown, Answer::Na];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::Partial => "partial",
            Answer::No => "no",
            Answer::Unknown => "unknown",
            Answer::Na => "na",
        }
    }

    /// How a person reads the answer.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::Partial => "Partly",
            Answer::No => "No",
            Answer::Unknown => "Don't know",
            Answer::Na => "Does not apply",
        }
    }

    pub fn parse(s: &str) -> Option<Answer> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" => Some(Answer::Yes),
            "partial" => Some(Answer::Partial),
            "no" => Some(Answer::No),
            "unknown" => Some(Answer::Unknown),
            "na" | "n/a" => Some(Answer::Na),
            _ => None,
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What an answer may be, for messages: "unknown answer `x`: expected one of …".
const ANSWER_HELP: &str = "one of yes, partial, no, unknown, na";

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(ANSWER_HELP)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                Answer::parse(v).ok_or_else(|| E::custom(format!("unknown answer `{v}`: expected {ANSWER_HELP}")))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Answer, E> {
                Ok(if v { Answer::Yes } else { Answer::No })
            }
        }
        d.deserialize_any(V)
    }
}

/// One answer with what the respondent wrote beside it.
///
/// In a workshop session `votes` holds each participant's own answer and `answer` the agreed one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerEntry {
    pub answer: Option<Answer>,
    pub note: Option<String>,
    pub evidence: Option<String>,
    /// Copied from an earlier assessment and not confirmed since (see "Next assessment").
    pub carried: bool,
    /// A workshop's votes: participant name -> answer, in the order they were cast.
    pub votes: IndexMap<String, Answer>,
    /// The votes as they were at the first reveal, kept when the group votes again (a re-vote);
    /// empty until then. `votes` holds the latest round.
    pub first_votes: IndexMap<String, Answer>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct LongAnswer {
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "unique_keys")]
    votes: IndexMap<String, Answer>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "unique_keys")]
    first_votes: IndexMap<String, Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    carried: bool,
}

impl Serialize for AnswerEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let no_votes = self.votes.is_empty() && self.first_votes.is_empty();
        match (self.answer, &self.note, &self.evidence, self.carried, no_votes) {
            (Some(a), None, None, false, true) => a.serialize(s),
            _ => LongAnswer {
                votes: self.votes.clone(),
                first_votes: self.first_votes.clone(),
                answer: self.answer,
                note: self.note.clone(),
                evidence: self.evidence.clone(),
                carried: self.carried,
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnswerEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "an answer ({ANSWER_HELP}) or {{ answer, note, evidence }}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnswerEntry, E> {
                let answer = Answer::parse(v)
                    .ok_or_else(|| E::custom(format!("unknown answer `{v}`: expected {ANSWER_HELP}")))?;
                Ok(AnswerEntry { answer: Some(answer), ..Default::default() })
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<AnswerEntry, E> {
                Ok(AnswerEntry { answer: Some(if v { Answer::Yes } else { Answer::No }), ..Default::default() })
            }
            fn visit_unit<E: de::Error>(self) -> Result<AnswerEntry, E> {
                Ok(AnswerEntry::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AnswerEntry, A::Error> {
                let long = LongAnswer::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(AnswerEntry {
                    answer: long.answer,
                    note: long.note,
                    evidence: long.evidence,
                    carried: long.carried,
                    votes: long.votes,
                    first_votes: long.first_votes,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Criticality {
    Low,
    Medium,
    High,
}

impl Criticality {
    pub fn as_str(self) -> &'static str {
        match self {
            Criticality::Low => "low",
            Criticality::Medium => "medium",
            Criticality::High => "high",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models_in_production: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Criticality>,
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

pub use crate::questionnaire::ContextKey;

impl Context {
    pub fn is_empty(&self) -> bool {
        self.models_in_production.is_none()
            && self.criticality.is_none()
            && self.regulated.is_none()
            && self.trains_models.is_none()
            && self.decides_about_people.is_none()
            && self.customer_facing.is_none()
    }

    /// The value the context gives a yes/no key, if any.
    pub fn get(&self, key: ContextKey) -> Option<bool> {
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
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "whole_if_possible")]
    pub time_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "whole_if_possible")]
    pub pain: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub format: u32,
    pub questionnaire: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The session this one was carried from (DESIGN "Next assessment"): a path, relative to
    /// this file's folder when it can be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// The day of the last change (`YYYY-MM-DD`); the app writes it on every save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Present in a workshop session only: the people who vote, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: IndexMap<String, AnswerEntry>,
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
    #[serde(default)]
    pub elapsed_s: u64,
    #[serde(default, deserialize_with = "unique_keys")]
    pub dimensions: IndexMap<String, u64>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub questions: IndexMap<String, u64>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub timebox_s: IndexMap<String, u64>,
}

impl Timing {
    /// Adds `seconds` spent on `question` of `dimension`.
    pub fn add(&mut self, dimension: &str, question: &str, seconds: u64) {
        self.elapsed_s = self.elapsed_s.saturating_add(seconds);
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
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub found: IndexMap<String, Vec<String>>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub found_against: IndexMap<String, Vec<String>>,
    #[serde(default)]
    pub not_found: Vec<String>,
}

impl Scan {
    /// Where the scan found signs of `question` (empty when it found none).
    pub fn places(&self, question: &str) -> &[String] {
        self.found.get(question).map_or(&[], Vec::as_slice)
    }

    /// True when the scan looked for `question` (it has probes), whatever it found.
    pub fn checked(&self, question: &str) -> bool {
        self.found.contains_key(question)
            || self.found_against.contains_key(question)
            || self.not_found.iter().any(|q| q == question)
    }
}

/// One person voting in a workshop session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Writes 20 rather than 20.0: the file is read and edited by people.
fn whole_if_possible<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// A mapping whose keys must be unique: a question answered twice is a mistake to point out,
/// not something to settle silently by keeping the last one.
fn unique_keys<'de, D, T>(d: D) -> Result<IndexMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = IndexMap<String, T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(IndexMap::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format!("`{key}` appears twice; keep one")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}

impl Session {
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

    pub fn answer(&self, question: &str) -> Option<Answer> {
        self.answers.get(question).and_then(|e| e.answer)
    }

    /// The answer given to an id that `question` replaces, when the session has none of its own
    /// for it: (old id, answer). Sessions of an earlier questionnaire version keep scoring.
    pub fn replaced_answer<'a>(&'a self, question: &'a crate::questionnaire::Question) -> Option<(&'a str, Answer)> {
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
                let answer = e.answer.or_else(|| crate::workshop::consensus(&votes, partial_credit));
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
    pub fn move_to_current_ids(&mut self, q: &crate::questionnaire::Questionnaire) {
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

    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).expect("a session always serialises")
    }
}

/// `to` as a path relative to the folder `from_dir` (both absolute), e.g. `../2026-q3/a.yaml`;
/// `None` when there is no such path (different roots or drives, or a relative input).
pub fn relative_path(from_dir: &Path, to: &Path) -> Option<std::path::PathBuf> {
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
pub const MAX_TIME_SHARE: f64 = 1_000_000.0;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_answers_round_trip() {
        let text = "format: 1\nquestionnaire: mlops-quick\nanswers:\n  a: yes\n  b: { answer: partial, note: \"only one team\", evidence: wiki }\n  c: na\n";
        let s = parse(text, "s.yaml").unwrap();
        assert_eq!(s.answer("a"), Some(Answer::Yes));
        assert_eq!(s.answers["b"].note.as_deref(), Some("only one team"));
        assert_eq!(s.answer("c"), Some(Answer::Na));
        let again = parse(&s.to_yaml(), "s.yaml").unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn carried_votes_and_date_round_trip() {
        let text = "format: 1\nquestionnaire: x\ndate: 2026-11-28\nparticipants:\n  - { name: Ana, role: engineering }\n  - { name: Cy }\nanswers:\n  a: { votes: { Ana: yes, Cy: no }, answer: partial }\n  b: { answer: yes, evidence: wiki, carried: true }\n";
        let s = parse(text, "s.yaml").unwrap();
        assert_eq!(s.date.as_deref(), Some("2026-11-28"));
        assert_eq!(s.participants.as_ref().map(Vec::len), Some(2));
        assert_eq!(s.answers["a"].votes["Cy"], Answer::No);
        assert!(s.answers["b"].carried);
        assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
    }

    #[test]
    fn next_assessment_carries_answers_keeps_evidence_and_drops_notes() {
        let text = "format: 1\nquestionnaire: x\nteam: T\ndate: 2026-08-01\ntarget: 2\nanswers:\n  a: { answer: yes, note: \"old\", evidence: wiki }\n  b: no\n  c: { note: only a note }\nbottlenecks:\n  deployment: { pain: 4 }\n";
        let earlier = parse(text, "s.yaml").unwrap();
        let next = earlier.next_assessment(0.5);
        assert_eq!(next.team.as_deref(), Some("T"));
        assert_eq!(next.target, Some(2));
        assert_eq!(next.date, None);
        assert_eq!(next.bottlenecks, earlier.bottlenecks);
        let a = &next.answers["a"];
        assert_eq!(
            (a.answer, a.note.as_deref(), a.evidence.as_deref(), a.carried),
            (Some(Answer::Yes), None, Some("wiki"), true)
        );
        assert!(next.answers["b"].carried);
        assert!(!next.answers.contains_key("c"), "a note alone is not carried");
    }

    #[test]
    fn next_assessment_keeps_the_reason_of_a_does_not_apply_and_nothing_of_the_workshops_votes() {
        let text = "format: 1\nquestionnaire: x\nprevious: ../q2/s.yaml\nparticipants: [{ name: Ana }, { name: Ben }]\nanswers:\n  a: { answer: na, note: \"we train no models\" }\n  b: { votes: { Ana: yes, Ben: partial }, note: \"Ana: CI for one model\" }\n  c: { votes: { Ana: na, Ben: no }, answer: na, note: \"batch only\" }\n";
        let earlier = parse(text, "s.yaml").unwrap();
        let next = earlier.next_assessment(0.5);
        assert_eq!(next.participants, earlier.participants, "participants kept");
        assert_eq!(next.previous, None, "the caller records where it came from");
        let a = &next.answers["a"];
        assert_eq!((a.answer, a.note.as_deref(), a.carried), (Some(Answer::Na), Some("we train no models"), true));
        let b = &next.answers["b"];
        assert_eq!((b.answer, b.note.as_deref()), (Some(Answer::Yes), None), "the consensus, not the votes");
        assert!(b.votes.is_empty() && b.carried);
        assert_eq!(next.answers["c"].note.as_deref(), Some("batch only"));
        assert!(next.answers["c"].votes.is_empty());
    }

    #[test]
    fn a_next_assessment_moves_answers_to_replaced_ids_under_the_new_ones() {
        let q = crate::questionnaire::parse(
            "id: x\nversion: 2\ntitle: X\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: new-a, level: 1, text: A, recommendation: R, replaces: [old-a] }\n      - { id: b, level: 1, text: B, recommendation: R }\n",
            "q.yaml",
        )
        .unwrap();
        let earlier = parse(
            "format: 1\nquestionnaire: x\nanswers:\n  old-a: { answer: na, note: why }\n  b: yes\n  gone: no\n",
            "s.yaml",
        )
        .unwrap();
        let mut next = earlier.next_assessment(0.5);
        next.move_to_current_ids(&q);
        assert!(!next.answers.contains_key("old-a"));
        assert_eq!((next.answer("new-a"), next.answers["new-a"].note.as_deref()), (Some(Answer::Na), Some("why")));
        assert!(next.answers["new-a"].carried);
        assert_eq!(next.answer("gone"), Some(Answer::No), "an answer to an unknown id is kept");
    }

    #[test]
    fn previous_is_saved_and_loaded() {
        let text = "format: 1\nquestionnaire: x\nprevious: ../2026-q3/fraud-ml.yaml\nanswers: {}\n";
        let s = parse(text, "s.yaml").unwrap();
        assert_eq!(s.previous.as_deref(), Some("../2026-q3/fraud-ml.yaml"));
        assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
    }

    #[test]
    fn timing_is_saved_and_loaded_and_a_next_assessment_starts_its_own_clock() {
        let text = "format: 1\nquestionnaire: x\nanswers: {}\ntiming:\n  elapsed_s: 120\n  dimensions: { data: 90, experiments: 30 }\n  questions: { a: 90 }\n  timebox_s: { data: 600 }\n";
        let mut s = parse(text, "s.yaml").unwrap();
        let t = s.timing.as_ref().unwrap();
        assert_eq!((t.elapsed_s, t.dimension("data"), t.questions["a"], t.timebox_s["data"]), (120, 90, 90, 600));
        assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
        s.timing.as_mut().unwrap().add("experiments", "b", 5);
        let t = s.timing.as_ref().unwrap();
        assert_eq!((t.elapsed_s, t.dimension("experiments"), t.questions["b"]), (125, 35, 5));
        assert_eq!(s.next_assessment(0.5).timing, None);
        assert!(parse("format: 1\nquestionnaire: x\ntiming: { elapsed_s: 1, laps: 2 }\n", "s.yaml").is_err());
    }

    #[test]
    fn relative_paths_climb_out_of_the_folder_when_needed() {
        let rel = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to)).map(|p| p.display().to_string());
        assert_eq!(rel("/w/2026-q4", "/w/2026-q3/a.yaml").as_deref(), Some("../2026-q3/a.yaml"));
        assert_eq!(rel("/w", "/w/a.yaml").as_deref(), Some("a.yaml"));
        assert_eq!(rel("/w/x/y", "/a.yaml").as_deref(), Some("../../../a.yaml"));
        assert_eq!(rel("w", "/a.yaml"), None);
    }

    #[test]
    fn a_plain_answer_is_saved_short_and_a_long_one_without_defaults() {
        let mut s = Session::new("x");
        let noted = AnswerEntry { answer: Some(Answer::Yes), note: Some("n".into()), ..Default::default() };
        s.answers.insert("a".into(), noted);
        s.answers.insert("b".into(), AnswerEntry { answer: Some(Answer::No), ..Default::default() });
        assert_eq!(s.to_yaml(), "format: 1\nquestionnaire: x\nanswers:\n  a:\n    answer: yes\n    note: n\n  b: no\n");
    }

    #[test]
    fn an_answer_or_vote_of_the_wrong_type_says_what_is_expected() {
        let message = |yaml: &str| {
            let problems = parse(&format!("format: 1\nquestionnaire: x\n{yaml}"), "s.yaml").unwrap_err();
            problems[0].message.clone()
        };
        assert_eq!(
            message("answers:\n  a: [yes]\n"),
            "answers.a: invalid type: expected an answer (one of yes, partial, no, unknown, na) or { answer, note, evidence }, found a list"
        );
        assert_eq!(
            message("participants: [{ name: Ana }]\nanswers:\n  a: { votes: { Ana: 3 } }\n"),
            "answers.a.votes.Ana: invalid type: expected one of yes, partial, no, unknown, na, found the number 3"
        );
        assert_eq!(message("answers: [yes]\n"), "answers: invalid type: expected a mapping, found a list");
        assert_eq!(
            message("answers:\n  a: maybe\n"),
            "answers.a: unknown answer `maybe`: expected one of yes, partial, no, unknown, na"
        );
    }

    #[test]
    fn every_answer_reads_as_a_person_would_say_it() {
        let labels: Vec<&str> = Answer::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(labels, ["Yes", "Partly", "No", "Don't know", "Does not apply"]);
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.as_str()), Some(a), "{} reads back", a.as_str());
        }
        assert_eq!(Answer::parse(" N/A "), Some(Answer::Na));
    }

    #[test]
    fn true_and_false_are_yes_and_no_in_answers_and_votes() {
        let text = "format: 1\nquestionnaire: x\nparticipants: [{ name: Ana }]\nanswers:\n  a: true\n  b: false\n  c: { votes: { Ana: true }, answer: false }\n  d:\n";
        let s = parse(text, "s.yaml").unwrap();
        assert_eq!(
            (s.answer("a"), s.answer("b"), s.answer("c")),
            (Some(Answer::Yes), Some(Answer::No), Some(Answer::No))
        );
        assert_eq!(s.answers["c"].votes["Ana"], Answer::Yes);
        assert_eq!(s.answers["d"], AnswerEntry::default(), "an empty entry is no answer");
    }

    #[test]
    fn unknown_answer_names_line() {
        let problems = parse("format: 1\nquestionnaire: x\nanswers:\n  a: maybe\n", "s.yaml").unwrap_err();
        assert!(problems[0].location.starts_with("s.yaml:4:"), "{problems:?}");
        assert!(problems[0].message.contains("maybe"), "{problems:?}");
    }

    #[test]
    fn duplicate_answer_is_an_error() {
        let problems = parse("format: 1\nquestionnaire: x\nanswers:\n  a: yes\n  a: no\n", "s.yaml").unwrap_err();
        assert!(
            problems[0].to_string().contains("twice") || problems[0].to_string().contains("duplicate"),
            "{problems:?}"
        );
    }

    #[test]
    fn ratings_save_as_people_write_them() {
        let text = "format: 1\nquestionnaire: x\nbottlenecks:\n  deployment: { time_share: 20, pain: 4.5 }\n  monitoring: { pain: 3 }\n";
        let s = parse(text, "s.yaml").unwrap();
        assert_eq!(s.bottlenecks["deployment"].pain, Some(4.5));
        let saved = s.to_yaml();
        assert!(
            saved.contains("time_share: 20\n") && saved.contains("pain: 4.5") && saved.contains("pain: 3\n"),
            "{saved}"
        );
    }

    #[test]
    fn whole_numbers_below_1e15_are_written_as_integers_and_larger_ones_never_saturate() {
        let mut s = Session::new("x");
        for (stage, share) in [("a", 999_999_999_999_999.0), ("b", 1e15), ("c", 1e20)] {
            s.bottlenecks.insert(stage.into(), StageRating { time_share: Some(share), pain: None });
        }
        let saved = s.to_yaml();
        assert!(saved.contains("a:\n    time_share: 999999999999999\n"), "{saved}");
        assert!(saved.contains("b:\n    time_share: 1000000000000000.0\n"), "{saved}");
        assert!(saved.contains("c:\n    time_share: 1e20\n"), "{saved}");
    }

    #[test]
    fn save_writes_the_session_and_keeps_the_previous_one_as_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.yaml");
        let mut s = Session::new("mlops-quick");
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), s);
        s.team = Some("Fraud ML".into());
        save(&path, &s).unwrap();
        assert_eq!(load(&path).unwrap(), s);
        assert_eq!(load(&dir.path().join("s.yaml.bak")).unwrap().team, None, "the version before");
    }

    #[test]
    fn ratings_out_of_range_are_reported() {
        let text = "format: 1\nquestionnaire: x\nbottlenecks:\n  deployment: { time_share: -3, pain: 7 }\n";
        let problems = parse(text, "s.yaml").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
