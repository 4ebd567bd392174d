//! An answer to one question, as a respondent gives it and as a session file stores it, and the
//! rules that turn answers into credit: what an answer is worth, when a number reaches a
//! threshold, and the one answer that stands for a room's votes (the median rule).
//!
//! These rules live with the answer (the model layer) so that a session can carry a workshop's
//! consensus into its next assessment without importing the workshop or the scoring; `scoring`
//! and `workshop` re-export them under their old names.

use super::fields::unique_keys;
use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One of the five answers to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// The practice is in place (credit 1).
    Yes,
    /// The practice is partly in place (the questionnaire's partial credit).
    Partial,
    /// The practice is not in place (credit 0).
    No,
    /// Don't know (credit 0).
    Unknown,
    /// Does not apply: left out of both sides of the ratio.
    Na,
}

impl Answer {
    /// The five answers: yes, partial, no, unknown, na, in that order.
    pub const ALL: [Answer; 5] = [Answer::Yes, Answer::Partial, Answer::No, Answer::Unknown, Answer::Na];

    /// The answer as files spell it: `yes`, `partial`, `no`, `unknown` or `na`.
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

    /// An answer from its word (any case, surrounding spaces ignored; `n/a` is `na`); `None` for
    /// any other text.
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

/// An answer as a report states it: one of the five answers, or none given ("unanswered").
/// It is written as the same lower-case words the session files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reported {
    /// `yes`: in place.
    Yes,
    /// `partial`: partly in place.
    Partial,
    /// `no`: not in place.
    No,
    /// `unknown`: don't know.
    Unknown,
    /// `na`: does not apply.
    Na,
    /// `unanswered`: no answer given.
    Unanswered,
}

impl Reported {
    /// The word the report writes: `yes`, `partial`, `no`, `unknown`, `na` or `unanswered`.
    pub fn as_str(self) -> &'static str {
        self.answer().map_or("unanswered", Answer::as_str)
    }

    /// The answer given, if any.
    pub fn answer(self) -> Option<Answer> {
        match self {
            Reported::Yes => Some(Answer::Yes),
            Reported::Partial => Some(Answer::Partial),
            Reported::No => Some(Answer::No),
            Reported::Unknown => Some(Answer::Unknown),
            Reported::Na => Some(Answer::Na),
            Reported::Unanswered => None,
        }
    }

    /// A report's word read back (`unanswered` included); `None` for any other text.
    pub fn parse(word: &str) -> Option<Reported> {
        match word.trim() {
            "unanswered" => Some(Reported::Unanswered),
            other => Answer::parse(other).map(Reported::from),
        }
    }

    /// Whether the answer moved toward "yes" from `before` (no < partly < yes), away from it,
    /// or neither (any other change).
    pub fn trend_from(self, before: Reported) -> Trend {
        let rank = |a: Reported| match a {
            Reported::No => Some(0),
            Reported::Partial => Some(1),
            Reported::Yes => Some(2),
            _ => None,
        };
        match (rank(before), rank(self)) {
            (Some(b), Some(a)) if a > b => Trend::Better,
            (Some(b), Some(a)) if a < b => Trend::Worse,
            _ => Trend::Different,
        }
    }
}

/// How an answer changed between two assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Toward "yes": no to partly or yes, partly to yes.
    Better,
    /// Away from "yes".
    Worse,
    /// Any other change (to or from unknown, does not apply or unanswered).
    Different,
}

impl From<Option<Answer>> for Reported {
    fn from(answer: Option<Answer>) -> Reported {
        match answer {
            Some(Answer::Yes) => Reported::Yes,
            Some(Answer::Partial) => Reported::Partial,
            Some(Answer::No) => Reported::No,
            Some(Answer::Unknown) => Reported::Unknown,
            Some(Answer::Na) => Reported::Na,
            None => Reported::Unanswered,
        }
    }
}

impl From<Answer> for Reported {
    fn from(answer: Answer) -> Reported {
        Reported::from(Some(answer))
    }
}

/// A reported answer reads as its word wherever text is wanted (`&answer` as a `&str`), so code
/// that compares or prints the report's answers needs no conversion.
impl std::ops::Deref for Reported {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// An answer reads as its word wherever text is wanted, as a reported answer does.
impl std::ops::Deref for Answer {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Reported {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reported answer compares with the word a report writes for it (`answer == "yes"`).
impl PartialEq<str> for Reported {
    fn eq(&self, word: &str) -> bool {
        self.as_str() == word
    }
}

impl PartialEq<&str> for Reported {
    fn eq(&self, word: &&str) -> bool {
        self.as_str() == *word
    }
}

impl PartialEq<Reported> for &str {
    fn eq(&self, answer: &Reported) -> bool {
        *self == answer.as_str()
    }
}

/// An answer compares with the word a session file writes for it (`vote == "yes"`).
impl PartialEq<str> for Answer {
    fn eq(&self, word: &str) -> bool {
        self.as_str() == word
    }
}

impl PartialEq<&str> for Answer {
    fn eq(&self, word: &&str) -> bool {
        self.as_str() == *word
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// The answer; in a workshop session, the agreed one (none until agreed).
    pub answer: Option<Answer>,
    /// What the respondent wrote beside the answer (line breaks kept).
    pub note: Option<String>,
    /// Where to see that the practice is in place (a link, a path), as the respondent wrote it.
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

/// Slack allowed when a computed number meets a threshold.
pub const EPSILON: f64 = 1e-9;

/// `x` reaches threshold `t`, allowing for rounding error.
pub fn reaches(x: f64, t: f64) -> bool {
    x >= t - EPSILON
}

/// Credit for an answer; `None` for "does not apply", which leaves the ratio altogether.
pub fn credit(answer: Option<Answer>, partial_credit: f64) -> Option<f64> {
    match answer {
        Some(Answer::Yes) => Some(1.0),
        Some(Answer::Partial) => Some(partial_credit),
        Some(Answer::Na) => None,
        Some(Answer::No) | Some(Answer::Unknown) | None => Some(0.0),
    }
}

/// The group's answer to one question from each respondent's answer.
///
/// One respondent's answer stands as given. For several: unknown when half or more of those who
/// answered (any answer, na included) said unknown — a few voices do not speak for a room that
/// does not know; else the median credit of those who said yes, partial or no, mapped back to
/// an answer; failing that, unanswered, na or unknown.
pub fn consensus(answers: &[Option<Answer>], partial_credit: f64) -> Option<Answer> {
    if let [only] = answers {
        return *only;
    }
    if room_does_not_know(answers.iter().copied()) {
        return Some(Answer::Unknown);
    }
    let mut credits: Vec<f64> = answers
        .iter()
        .filter_map(|a| match a {
            Some(Answer::Yes) => Some(1.0),
            Some(Answer::Partial) => Some(partial_credit),
            Some(Answer::No) => Some(0.0),
            _ => None,
        })
        .collect();
    if credits.is_empty() {
        if answers.iter().all(Option::is_none) {
            return None;
        }
        let na = answers.iter().filter(|a| **a == Some(Answer::Na)).count();
        return Some(if na * 2 > answers.len() { Answer::Na } else { Answer::Unknown });
    }
    credits.sort_by(f64::total_cmp);
    let n = credits.len();
    let median = if n % 2 == 1 { credits[n / 2] } else { (credits[n / 2 - 1] + credits[n / 2]) / 2.0 };
    Some(if reaches(median, 0.75) {
        Answer::Yes
    } else if reaches(median, 0.25) {
        Answer::Partial
    } else {
        Answer::No
    })
}

/// Whether half or more of those who answered (any answer, na included) said unknown.
pub fn room_does_not_know(answers: impl IntoIterator<Item = Option<Answer>>) -> bool {
    let (mut answered, mut unknown) = (0usize, 0usize);
    for a in answers.into_iter().flatten() {
        answered += 1;
        unknown += usize::from(a == Answer::Unknown);
    }
    answered > 0 && unknown * 2 >= answered
}
