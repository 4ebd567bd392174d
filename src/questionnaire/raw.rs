//! The questionnaire file exactly as written (unknown keys rejected), and the size limits a
//! file must stay within before anything else is checked.

use super::model::{ContextKey, Effort};
use crate::printable::excerpt;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestionnaire {
    pub(super) id: String,
    pub(super) version: u32,
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) guide: Option<String>,
    pub(super) levels: Vec<RawLevel>,
    #[serde(default)]
    pub(super) scoring: Option<RawScoring>,
    #[serde(default)]
    pub(super) stages: Option<Vec<RawStage>>,
    pub(super) dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub(super) level: u32,
    pub(super) name: String,
    #[serde(default)]
    pub(super) summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScoring {
    #[serde(default)]
    pub(super) pass_ratio: Option<f64>,
    #[serde(default)]
    pub(super) partial_credit: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStage {
    pub(super) id: String,
    pub(super) name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDimension {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) stage: Option<String>,
    #[serde(default)]
    pub(super) questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: String,
    pub(super) level: u32,
    pub(super) text: String,
    #[serde(default)]
    pub(super) help: Option<String>,
    #[serde(default)]
    pub(super) recommendation: String,
    #[serde(default)]
    pub(super) weight: Option<f64>,
    #[serde(default)]
    pub(super) effort: Option<Effort>,
    #[serde(default)]
    pub(super) owner: Option<String>,
    #[serde(default)]
    pub(super) replaces: Vec<String>,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) applies_when: Option<RawAppliesWhen>,
    #[serde(default)]
    pub(super) probes: Vec<RawProbe>,
}

/// `applies_when`: the context keys a question needs, with their values.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAppliesWhen {
    #[serde(default)]
    pub(super) trains_models: Option<bool>,
    #[serde(default)]
    pub(super) decides_about_people: Option<bool>,
    #[serde(default)]
    pub(super) customer_facing: Option<bool>,
    #[serde(default)]
    pub(super) regulated: Option<bool>,
}

impl RawAppliesWhen {
    pub(super) fn conditions(&self) -> Vec<(ContextKey, bool)> {
        use ContextKey::*;
        [
            (TrainsModels, self.trains_models),
            (DecidesAboutPeople, self.decides_about_people),
            (CustomerFacing, self.customer_facing),
            (Regulated, self.regulated),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProbe {
    pub(super) files: Vec<String>,
    #[serde(default)]
    pub(super) contains: Option<String>,
    #[serde(default)]
    pub(super) min_size: Option<u64>,
    #[serde(default)]
    pub(super) means: Option<ProbeMeaning>,
}

/// What a probe's match means: only `absent` (the match speaks against the practice) is written.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum ProbeMeaning {
    Absent,
}

/// The highest level a questionnaire may have (levels go from 0 to at most this).
pub(crate) const MAX_LEVEL: u32 = 10;
/// The most dimensions a questionnaire may have.
pub(crate) const MAX_DIMENSIONS: usize = 200;
/// The most questions a questionnaire may have, in all dimensions together.
pub(crate) const MAX_QUESTIONS: usize = 20_000;
/// The most lifecycle stages a questionnaire may list.
pub(crate) const MAX_STAGES: usize = 50;
/// The largest weight a question may have (sums of weights stay exact and finite).
pub(crate) const MAX_WEIGHT: f64 = 1000.0;
/// The longest id (questionnaire, stage, dimension, question), in characters.
pub(crate) const MAX_ID_CHARS: usize = 100;
/// The longest title or name, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 500;
/// The longest free text (description, guide, question text, help, recommendation), in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 20_000;
/// The most probes a question may have.
pub(crate) const MAX_PROBES: usize = 20;
/// The most globs a probe may list.
pub(crate) const MAX_PROBE_GLOBS: usize = 50;
/// The longest glob or `contains` pattern, in characters.
pub(crate) const MAX_PATTERN_CHARS: usize = 1000;

/// Sizes over the limits above, as (place, message): a small file must not make a report of
/// hundreds of megabytes, nor a level-by-dimension table that cannot be allocated.
pub(super) fn limit_problems(raw: &RawQuestionnaire) -> Vec<(String, String)> {
    let mut out = text_limit_problems(raw);
    if let Some(top) = raw.levels.iter().map(|l| l.level).max()
        && (top > MAX_LEVEL || raw.levels.len() > MAX_LEVEL as usize + 1)
    {
        out.push((String::new(), format!("there are too many levels: they go from 0 to at most {MAX_LEVEL}")));
    }
    if raw.stages.as_ref().is_some_and(|s| s.len() > MAX_STAGES) {
        out.push((String::new(), format!("there are too many stages: at most {MAX_STAGES} are allowed")));
    }
    if raw.dimensions.len() > MAX_DIMENSIONS {
        out.push((
            String::new(),
            format!("there are {} dimensions: at most {MAX_DIMENSIONS} are allowed", raw.dimensions.len()),
        ));
    }
    let questions: usize = raw.dimensions.iter().map(|d| d.questions.len()).sum();
    if questions > MAX_QUESTIONS {
        out.push((String::new(), format!("there are {questions} questions: at most {MAX_QUESTIONS} are allowed")));
    }
    out
}

/// Texts over their length limits, then probes and weights over theirs.
fn text_limit_problems(raw: &RawQuestionnaire) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut heavy = Vec::new();
    let mut check = |place: String, what: &str, value: &str, max: usize| {
        let n = value.chars().count();
        if n > max {
            out.push((place, format!("{what} is {n} characters long: at most {max} are allowed")));
        }
    };
    check(String::new(), "id", &raw.id, MAX_ID_CHARS);
    check(String::new(), "title", &raw.title, MAX_NAME_CHARS);
    check(String::new(), "description", raw.description.as_deref().unwrap_or(""), MAX_TEXT_CHARS);
    check(String::new(), "guide", raw.guide.as_deref().unwrap_or(""), MAX_TEXT_CHARS);
    for l in &raw.levels {
        check(format!("level {}", l.level), "name", &l.name, MAX_NAME_CHARS);
        check(format!("level {}", l.level), "summary", &l.summary, MAX_TEXT_CHARS);
    }
    for s in raw.stages.iter().flatten() {
        check(format!("stage {}", excerpt(&s.id, 40)), "id", &s.id, MAX_ID_CHARS);
        check(format!("stage {}", excerpt(&s.id, 40)), "name", &s.name, MAX_NAME_CHARS);
    }
    for d in &raw.dimensions {
        let here = format!("dimension {}", excerpt(&d.id, 40));
        check(here.clone(), "id", &d.id, MAX_ID_CHARS);
        check(here.clone(), "name", &d.name, MAX_NAME_CHARS);
        check(here.clone(), "stage", d.stage.as_deref().unwrap_or(""), MAX_ID_CHARS);
        for q in &d.questions {
            let at = format!("{here}, question {}", excerpt(&q.id, 40));
            check(at.clone(), "id", &q.id, MAX_ID_CHARS);
            check(at.clone(), "text", &q.text, MAX_TEXT_CHARS);
            check(at.clone(), "help", q.help.as_deref().unwrap_or(""), MAX_TEXT_CHARS);
            check(at.clone(), "recommendation", &q.recommendation, MAX_TEXT_CHARS);
            check(at.clone(), "owner", q.owner.as_deref().unwrap_or(""), MAX_NAME_CHARS);
            for old in &q.replaces {
                check(at.clone(), "an id it replaces", old, MAX_ID_CHARS);
            }
            for p in &q.probes {
                for g in &p.files {
                    check(at.clone(), "a probe's files pattern", g, MAX_PATTERN_CHARS);
                }
                check(at.clone(), "a probe's contains pattern", p.contains.as_deref().unwrap_or(""), MAX_PATTERN_CHARS);
            }
            heavy.extend(heavy_problems(q).into_iter().map(|m| (at.clone(), m)));
        }
    }
    out.extend(heavy);
    out
}

/// A question with too many probes, probe patterns, or too heavy a weight.
fn heavy_problems(q: &RawQuestion) -> Vec<String> {
    let mut out = Vec::new();
    if q.probes.len() > MAX_PROBES {
        out.push(format!("there are {} probes: at most {MAX_PROBES} are allowed", q.probes.len()));
    }
    for p in q.probes.iter().filter(|p| p.files.len() > MAX_PROBE_GLOBS) {
        out.push(format!("a probe lists {} files patterns: at most {MAX_PROBE_GLOBS} are allowed", p.files.len()));
    }
    if let Some(w) = q.weight
        && w > MAX_WEIGHT
    {
        out.push(format!(
            "weight {} is too large: it must be above 0 and at most {MAX_WEIGHT}",
            crate::printable::number(w)
        ));
    }
    out
}
