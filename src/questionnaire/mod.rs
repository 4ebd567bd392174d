//! Questionnaires: the model, loading from YAML, validation, and the built-in ones.
//!
//! Loading never stops at the first mistake: it collects every problem it can find (unknown keys
//! with their line and column, then the semantic checks naming the dimension and question) so a
//! person fixing a file sees them all at once. Nothing here reads the disk: finding
//! a questionnaire file (by path, by id in the user folder) is the workspace's.

mod raw;
mod validate;

pub use raw::{
    MAX_DIMENSIONS, MAX_ID_CHARS, MAX_LEVEL, MAX_NAME_CHARS, MAX_NESTING, MAX_PATTERN_CHARS, MAX_PROBE_GLOBS,
    MAX_PROBES, MAX_QUESTIONS, MAX_STAGES, MAX_TEXT_CHARS, MAX_WEIGHT,
};

pub use validate::parse;

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The six lifecycle stages, used when a questionnaire does not list its own.
pub const DEFAULT_STAGES: [(&str, &str); 6] = [
    ("data-preparation", "Data preparation"),
    ("experimentation", "Experimentation"),
    ("validation", "Validation"),
    ("deployment", "Deployment"),
    ("monitoring", "Monitoring"),
    ("retraining", "Retraining"),
];

/// The questionnaires compiled into the binary: (id, YAML text).
pub const BUILT_INS: [(&str, &str); 3] = [
    ("mlops-maturity", include_str!("../../questionnaires/mlops-maturity.yaml")),
    ("mlops-quick", include_str!("../../questionnaires/mlops-quick.yaml")),
    ("mlops-genai", include_str!("../../questionnaires/mlops-genai.yaml")),
];

pub use crate::diagnostics::{MAX_PROBLEMS_SHOWN, Problem, problems_error};

#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub description: Option<String>,
    /// How to answer (what yes, partly, no, don't know and does not apply mean); optional.
    pub guide: Option<String>,
    pub levels: Vec<LevelInfo>,
    pub scoring: Scoring,
    pub stages: Vec<Stage>,
    pub dimensions: Vec<Dimension>,
    /// Question id -> (dimension index, question index), so lookups never scan.
    index: HashMap<String, (usize, usize)>,
    /// Position of each dimension's first question in questionnaire order.
    starts: Vec<usize>,
    /// (dimension index, question index) of each question in questionnaire order.
    positions: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LevelInfo {
    pub level: u32,
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scoring {
    pub pass_ratio: f64,
    pub partial_credit: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring { pass_ratio: 0.8, partial_credit: 0.5 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub stage: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub level: u32,
    pub text: String,
    pub help: Option<String>,
    pub recommendation: String,
    pub weight: f64,
    /// The size of the recommendation, when the questionnaire says.
    pub effort: Option<Effort>,
    /// Who usually leads the recommendation, when the questionnaire says.
    pub owner: Option<String>,
    /// Ids this question took over from earlier versions of the questionnaire.
    pub replaces: Vec<String>,
    /// This practice defines its level: the level is met only when it is answered yes.
    pub required: bool,
    /// Context keys and the values they must have for the question to count.
    pub applies_when: Vec<(ContextKey, bool)>,
    /// Repository signals for `scan` (see [`crate::evidence`]); empty: the practice is not checked.
    pub probes: Vec<Probe>,
}

pub use crate::probe::Probe;

/// The yes/no keys of a context that a question's `applies_when` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKey {
    TrainsModels,
    DecidesAboutPeople,
    CustomerFacing,
    Regulated,
}

impl ContextKey {
    /// Every key, in the order DESIGN lists them.
    pub const ALL: [ContextKey; 4] =
        [ContextKey::TrainsModels, ContextKey::DecidesAboutPeople, ContextKey::CustomerFacing, ContextKey::Regulated];

    /// The key as files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ContextKey::TrainsModels => "trains_models",
            ContextKey::DecidesAboutPeople => "decides_about_people",
            ContextKey::CustomerFacing => "customer_facing",
            ContextKey::Regulated => "regulated",
        }
    }

    /// Why a question that needs this key to be `wanted` does not apply, when the team's context
    /// gives it the other value.
    pub fn reason(self, wanted: bool) -> &'static str {
        match (self, wanted) {
            (ContextKey::TrainsModels, true) => "does not apply: the team trains no models of its own",
            (ContextKey::TrainsModels, false) => "does not apply: the team trains its own models",
            (ContextKey::DecidesAboutPeople, true) => {
                "does not apply: the team's models make no decisions about people"
            }
            (ContextKey::DecidesAboutPeople, false) => "does not apply: the team's models decide about people",
            (ContextKey::CustomerFacing, true) => "does not apply: no end customer sees the models' output",
            (ContextKey::CustomerFacing, false) => "does not apply: end customers see the models' output",
            (ContextKey::Regulated, true) => "does not apply: the team's work is not regulated",
            (ContextKey::Regulated, false) => "does not apply: the team's work is regulated",
        }
    }
}

/// The size of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    Small,
    Medium,
    Large,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Small => "small",
            Effort::Medium => "medium",
            Effort::Large => "large",
        }
    }
}

impl Questionnaire {
    /// The highest level a team can reach in this questionnaire.
    pub fn highest_level(&self) -> u32 {
        self.levels.last().map_or(0, |l| l.level)
    }

    /// The dimension and question for a question id.
    pub fn question(&self, id: &str) -> Option<(&Dimension, &Question)> {
        self.index.get(id).map(|&(d, q)| (&self.dimensions[d], &self.dimensions[d].questions[q]))
    }

    pub fn level_name(&self, level: u32) -> &str {
        self.levels.get(level as usize).map_or("", |l| l.name.as_str())
    }

    pub fn question_count(&self) -> usize {
        self.positions.len()
    }

    /// Where dimension `d`'s questions start in questionnaire order (answers are kept in that order).
    pub fn dimension_start(&self, d: usize) -> usize {
        self.starts[d]
    }

    /// The (dimension index, question index) of the question at `flat` in questionnaire order.
    pub fn position(&self, flat: usize) -> (usize, usize) {
        self.positions[flat]
    }

    /// Every question in questionnaire order, with its dimension.
    pub fn questions(&self) -> impl Iterator<Item = (&Dimension, &Question)> {
        self.dimensions.iter().flat_map(|d| d.questions.iter().map(move |q| (d, q)))
    }
}

/// A built-in questionnaire by id. Each is parsed once, the first time it is asked for.
pub fn built_in(id: &str) -> Option<Questionnaire> {
    static PARSED: [OnceLock<Questionnaire>; BUILT_INS.len()] = [const { OnceLock::new() }; BUILT_INS.len()];
    let i = BUILT_INS.iter().position(|(bid, _)| *bid == id)?;
    let (bid, text) = BUILT_INS[i];
    let q = PARSED[i].get_or_init(|| {
        validate::parse_checked(text, &format!("built-in:{bid}"), false)
            .expect("built-in questionnaires are validated by tests")
    });
    Some(q.clone())
}

#[cfg(test)]
pub(crate) mod tests;
