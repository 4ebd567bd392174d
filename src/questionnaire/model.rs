//! The questionnaire's data: levels, scoring rules, lifecycle stages, dimensions and their
//! questions, and the context keys and effort sizes a question may name. Built only by
//! `validate`, so every questionnaire here passed its checks.

use crate::probe::Probe;
use serde::Deserialize;
use std::collections::HashMap;

/// The six lifecycle stages, used when a questionnaire does not list its own.
pub(crate) const DEFAULT_STAGES: [(&str, &str); 6] = [
    ("data-preparation", "Data preparation"),
    ("experimentation", "Experimentation"),
    ("validation", "Validation"),
    ("deployment", "Deployment"),
    ("monitoring", "Monitoring"),
    ("retraining", "Retraining"),
];

/// A questionnaire, validated: its levels, scoring rules, lifecycle stages and dimensions of
/// questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    /// The id sessions name it by (`[a-z0-9-]+`).
    pub id: String,
    /// The `version` its file gives; sessions record the version they answered.
    pub version: u32,
    /// The title its file gives.
    pub(crate) title: String,
    /// What it is for, when the file says.
    pub(crate) description: Option<String>,
    /// How to answer (what yes, partly, no, don't know and does not apply mean); optional.
    pub guide: Option<String>,
    /// The levels, contiguous from 0.
    pub(crate) levels: Vec<LevelInfo>,
    /// The pass ratio and the credit of a partial answer.
    pub scoring: Scoring,
    /// The lifecycle stages of the bottleneck map, in order: the file's, or the six default ones.
    pub stages: Vec<Stage>,
    /// The dimensions in file order, each with its questions.
    pub dimensions: Vec<Dimension>,
    /// Question id -> (dimension index, question index), so lookups never scan.
    pub(super) index: HashMap<String, (usize, usize)>,
    /// Position of each dimension's first question in questionnaire order.
    pub(super) starts: Vec<usize>,
    /// (dimension index, question index) of each question in questionnaire order.
    pub(super) positions: Vec<(usize, usize)>,
}

/// One maturity level.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LevelInfo {
    /// The level, from 0.
    pub(crate) level: u32,
    /// Its name (such as "Manual").
    pub(crate) name: String,
    /// What the level means, in short.
    pub(crate) summary: String,
}

/// The rules that turn answers into levels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scoring {
    /// The share of a level's weighted credit that meets it, in (0, 1]; 0.8 by default.
    pub(crate) pass_ratio: f64,
    /// The credit of a partial answer, in [0, 1]; 0.5 by default.
    pub partial_credit: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring { pass_ratio: 0.8, partial_credit: 0.5 }
    }
}

/// One lifecycle stage of the bottleneck map.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The stage id (such as `data-preparation`).
    pub id: String,
    /// Its name.
    pub(crate) name: String,
}

/// One area of practice and its questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// The dimension id, unique in the questionnaire.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The id of the lifecycle stage it belongs to, when the file gives one.
    pub(crate) stage: Option<String>,
    /// Its questions in file order (at least one).
    pub questions: Vec<Question>,
}

/// One practice the questionnaire asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The question id, unique across the whole questionnaire.
    pub id: String,
    /// The level the practice belongs to, from 1 to the highest.
    pub level: u32,
    /// The practice, stated so that it is answered yes or no.
    pub text: String,
    /// Why it matters, when the file says.
    pub help: Option<String>,
    /// What to do when it is missing; it may be written in parts ("From zero: …", "From partly: …",
    /// "Done when …").
    pub recommendation: String,
    /// Its weight in its level's ratio, above 0; 1 by default.
    pub(crate) weight: f64,
    /// The size of the recommendation, when the questionnaire says.
    pub effort: Option<Effort>,
    /// Who usually leads the recommendation, when the questionnaire says.
    pub owner: Option<String>,
    /// Ids this question took over from earlier versions of the questionnaire.
    pub(crate) replaces: Vec<String>,
    /// This practice defines its level: the level is met only when it is answered yes.
    pub required: bool,
    /// Context keys and the values they must have for the question to count.
    pub applies_when: Vec<(ContextKey, bool)>,
    /// Repository signals for `scan` (see [`crate::evidence`]); empty: the practice is not checked.
    pub probes: Vec<Probe>,
}

/// The yes/no keys of a context that a question's `applies_when` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKey {
    /// `trains_models`: the team trains its own models.
    TrainsModels,
    /// `decides_about_people`: the team's models decide about people.
    DecidesAboutPeople,
    /// `customer_facing`: end customers see the models' output directly.
    CustomerFacing,
    /// `regulated`: the team's work is regulated.
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
    pub(crate) fn reason(self, wanted: bool) -> &'static str {
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
    /// `small`: a small piece of work.
    Small,
    /// `medium`: a medium piece of work.
    Medium,
    /// `large`: a large piece of work.
    Large,
}

impl Effort {
    /// The size as files spell it: `small`, `medium` or `large`.
    pub(crate) fn as_str(self) -> &'static str {
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

    /// A level's name; empty for a level the questionnaire lacks.
    pub(crate) fn level_name(&self, level: u32) -> &str {
        self.levels.get(level as usize).map_or("", |l| l.name.as_str())
    }

    /// How many questions the questionnaire has, over all dimensions.
    pub fn question_count(&self) -> usize {
        self.positions.len()
    }

    /// Where dimension `d`'s questions start in questionnaire order (answers are kept in that order).
    pub fn dimension_start(&self, d: usize) -> usize {
        self.starts[d]
    }

    /// The (dimension index, question index) of the question at `flat` in questionnaire order.
    pub(crate) fn position(&self, flat: usize) -> (usize, usize) {
        self.positions[flat]
    }

    /// Every question in questionnaire order, with its dimension.
    pub fn questions(&self) -> impl Iterator<Item = (&Dimension, &Question)> {
        self.dimensions.iter().flat_map(|d| d.questions.iter().map(move |q| (d, q)))
    }
}
