//! Questionnaires: the model, loading from YAML, validation, and the built-in ones.
//!
//! Loading never stops at the first mistake: it collects every problem it can find (unknown keys
//! with their line and column, then the semantic checks naming the dimension and question) so a
//! person fixing a file sees them all at once. Nothing here reads the disk except [`resolve`].

use crate::files;
use crate::yaml::{Shape, parse_strict_shaped};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

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
    ("mlops-maturity", include_str!("../questionnaires/mlops-maturity.yaml")),
    ("mlops-quick", include_str!("../questionnaires/mlops-quick.yaml")),
    ("mlops-genai", include_str!("../questionnaires/mlops-genai.yaml")),
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

// ---- raw YAML shapes: exactly the file format, unknown keys rejected ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    id: String,
    version: u32,
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    guide: Option<String>,
    levels: Vec<RawLevel>,
    #[serde(default)]
    scoring: Option<RawScoring>,
    #[serde(default)]
    stages: Option<Vec<RawStage>>,
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    level: u32,
    name: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    #[serde(default)]
    pass_ratio: Option<f64>,
    #[serde(default)]
    partial_credit: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: String,
    name: String,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    level: u32,
    text: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    recommendation: String,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    effort: Option<Effort>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    replaces: Vec<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    applies_when: Option<RawAppliesWhen>,
    #[serde(default)]
    probes: Vec<RawProbe>,
}

/// `applies_when`: the context keys a question needs, with their values.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAppliesWhen {
    #[serde(default)]
    trains_models: Option<bool>,
    #[serde(default)]
    decides_about_people: Option<bool>,
    #[serde(default)]
    customer_facing: Option<bool>,
    #[serde(default)]
    regulated: Option<bool>,
}

impl RawAppliesWhen {
    fn conditions(&self) -> Vec<(ContextKey, bool)> {
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
struct RawProbe {
    files: Vec<String>,
    #[serde(default)]
    contains: Option<String>,
    #[serde(default)]
    min_size: Option<u64>,
    #[serde(default)]
    means: Option<ProbeMeaning>,
}

/// What a probe's match means: only `absent` (the match speaks against the practice) is written.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum ProbeMeaning {
    Absent,
}

/// Deepest nesting of lists and mappings a file may have (see [`crate::yaml`]).
pub use crate::yaml::MAX_NESTING;

/// The highest level a questionnaire may have (levels go from 0 to at most this).
pub const MAX_LEVEL: u32 = 10;
/// The most dimensions a questionnaire may have.
pub const MAX_DIMENSIONS: usize = 200;
/// The most questions a questionnaire may have, in all dimensions together.
pub const MAX_QUESTIONS: usize = 20_000;
/// The most lifecycle stages a questionnaire may list.
pub const MAX_STAGES: usize = 50;
/// The largest weight a question may have (sums of weights stay exact and finite).
pub const MAX_WEIGHT: f64 = 1000.0;
/// The longest id (questionnaire, stage, dimension, question), in characters.
pub const MAX_ID_CHARS: usize = 100;
/// The longest title or name, in characters.
pub const MAX_NAME_CHARS: usize = 500;
/// The longest free text (description, guide, question text, help, recommendation), in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The most probes a question may have.
pub const MAX_PROBES: usize = 20;
/// The most globs a probe may list.
pub const MAX_PROBE_GLOBS: usize = 50;
/// The longest glob or `contains` pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 1000;

/// Sizes over the limits above, as (place, message): a small file must not make a report of
/// hundreds of megabytes, nor a level-by-dimension table that cannot be allocated.
fn limit_problems(raw: &RawQuestionnaire) -> Vec<(String, String)> {
    use crate::printable::excerpt;
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
            if q.probes.len() > MAX_PROBES {
                heavy.push((
                    at.clone(),
                    format!("there are {} probes: at most {MAX_PROBES} are allowed", q.probes.len()),
                ));
            }
            for p in &q.probes {
                if p.files.len() > MAX_PROBE_GLOBS {
                    heavy.push((
                        at.clone(),
                        format!(
                            "a probe lists {} files patterns: at most {MAX_PROBE_GLOBS} are allowed",
                            p.files.len()
                        ),
                    ));
                }
                for g in &p.files {
                    check(at.clone(), "a probe's files pattern", g, MAX_PATTERN_CHARS);
                }
                check(at.clone(), "a probe's contains pattern", p.contains.as_deref().unwrap_or(""), MAX_PATTERN_CHARS);
            }
            if let Some(w) = q.weight
                && w > MAX_WEIGHT
            {
                heavy.push((
                    at,
                    format!(
                        "weight {} is too large: it must be above 0 and at most {MAX_WEIGHT}",
                        crate::printable::number(w)
                    ),
                ));
            }
        }
    }
    out.extend(heavy);
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

/// Parses and validates a questionnaire; `file` names it in every problem.
pub fn parse(text: &str, file: &str) -> Result<Questionnaire, Vec<Problem>> {
    parse_checked(text, file, true)
}

/// [`parse`], compiling every probe's globs and regular expression only when `check_probes`:
/// the built-in questionnaires skip it at every start of the app (their probes are checked by
/// the tests and by `validate` on the copies `init` writes), since compiling some forty regular
/// expressions would double the time of a whole `report`.
fn parse_checked(text: &str, file: &str, check_probes: bool) -> Result<Questionnaire, Vec<Problem>> {
    let shape = Shape { kind: "questionnaire", keys: &["id", "title", "levels", "dimensions"] };
    let raw: RawQuestionnaire = parse_strict_shaped(text, file, shape)?;
    let mut problems = Vec::new();
    let too_large = limit_problems(&raw);
    if !too_large.is_empty() {
        // Over a limit, the other checks would only add noise (or take long); report these.
        return Err(too_large
            .into_iter()
            .map(|(place, message)| Problem {
                location: if place.is_empty() { file.to_owned() } else { format!("{file}: {place}") },
                message,
            })
            .collect());
    }
    let mut problem = |place: String, message: String| {
        let location = if place.is_empty() { file.to_owned() } else { format!("{file}: {place}") };
        problems.push(Problem { location, message });
    };

    if raw.id.is_empty() || !raw.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        problem(
            String::new(),
            format!("id `{}` must use only a-z, 0-9 and '-'", crate::printable::excerpt(&raw.id, 40)),
        );
    }
    if raw.title.trim().is_empty() {
        problem(String::new(), "title is empty".into());
    }

    let mut levels: Vec<LevelInfo> =
        raw.levels.into_iter().map(|l| LevelInfo { level: l.level, name: l.name, summary: l.summary }).collect();
    levels.sort_by_key(|l| l.level);
    let contiguous = levels.iter().enumerate().all(|(i, l)| l.level as usize == i);
    if levels.len() < 2 || !contiguous {
        let found: Vec<String> = levels.iter().map(|l| l.level.to_string()).collect();
        problem(
            String::new(),
            format!(
                "levels must be contiguous from 0 with at least levels 0 and 1 (found: {})",
                if found.is_empty() { "none".into() } else { found.join(", ") }
            ),
        );
    }
    for l in &levels {
        if l.name.trim().is_empty() {
            problem(format!("level {}", l.level), "name is empty".into());
        }
    }
    let highest = levels.last().map_or(0, |l| l.level);

    let mut scoring = Scoring::default();
    if let Some(s) = raw.scoring {
        if let Some(p) = s.pass_ratio {
            if !(p > 0.0 && p <= 1.0) {
                problem("scoring".into(), format!("pass_ratio {p} is out of range: it must be above 0 and at most 1"));
            }
            scoring.pass_ratio = p;
        }
        if let Some(c) = s.partial_credit {
            if !(0.0..=1.0).contains(&c) {
                problem("scoring".into(), format!("partial_credit {c} is out of range: it must be from 0 to 1"));
            }
            scoring.partial_credit = c;
        }
    }

    let stages: Vec<Stage> = match raw.stages {
        Some(list) => list.into_iter().map(|s| Stage { id: s.id, name: s.name }).collect(),
        None => DEFAULT_STAGES.iter().map(|(id, name)| Stage { id: (*id).into(), name: (*name).into() }).collect(),
    };
    let mut stage_ids = HashSet::new();
    for s in &stages {
        if s.id.trim().is_empty() {
            problem("stages".into(), "a stage has an empty id".into());
        } else if !stage_ids.insert(s.id.as_str()) {
            problem(format!("stage {}", s.id), "duplicate stage id".into());
        }
        if s.name.trim().is_empty() {
            problem(format!("stage {}", s.id), "name is empty".into());
        }
    }

    if raw.dimensions.is_empty() {
        problem(String::new(), "there are no dimensions".into());
    }
    let mut dimension_ids = HashSet::new();
    let mut question_ids: HashMap<String, String> = HashMap::new();
    let mut dimensions = Vec::with_capacity(raw.dimensions.len());
    for d in raw.dimensions {
        let here = format!("dimension {}", d.id);
        if d.id.trim().is_empty() {
            problem(here.clone(), "a dimension has an empty id".into());
        } else if !dimension_ids.insert(d.id.clone()) {
            problem(here.clone(), "duplicate dimension id".into());
        }
        if d.name.trim().is_empty() {
            problem(here.clone(), "name is empty".into());
        }
        if let Some(stage) = &d.stage
            && !stage_ids.contains(stage.as_str())
        {
            let known: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
            problem(here.clone(), format!("unknown stage `{stage}` (known stages: {})", known.join(", ")));
        }
        if d.questions.is_empty() {
            problem(here.clone(), "the dimension has no questions".into());
        }
        let mut questions = Vec::with_capacity(d.questions.len());
        for q in d.questions {
            let at = format!("{here}, question {}", q.id);
            if q.id.trim().is_empty() || q.id.chars().any(char::is_whitespace) {
                problem(at.clone(), "question id must be non-empty and without spaces".into());
            } else if let Some(other) = question_ids.get(&q.id) {
                problem(at.clone(), format!("duplicate question id (also in {other})"));
            } else {
                question_ids.insert(q.id.clone(), here.clone());
            }
            if q.level < 1 || q.level > highest {
                problem(
                    at.clone(),
                    format!("level {} is out of range: questions go from level 1 to {highest}", q.level),
                );
            }
            if q.text.trim().is_empty() {
                problem(at.clone(), "text is empty".into());
            }
            if q.recommendation.trim().is_empty() {
                problem(at.clone(), "recommendation is empty: say what to do when the practice is missing".into());
            }
            let weight = q.weight.unwrap_or(1.0);
            if !(weight > 0.0 && weight.is_finite()) {
                problem(
                    at.clone(),
                    format!(
                        "weight {} must be a number above 0 and at most {MAX_WEIGHT}",
                        crate::printable::number(weight)
                    ),
                );
            }
            let probes: Vec<Probe> = q
                .probes
                .into_iter()
                .map(|p| Probe {
                    files: p.files,
                    contains: p.contains,
                    min_size: p.min_size,
                    absent: p.means == Some(ProbeMeaning::Absent),
                })
                .collect();
            for message in probes.iter().filter(|_| check_probes).flat_map(crate::probe::probe_problems) {
                problem(at.clone(), message);
            }
            questions.push(Question {
                id: q.id,
                level: q.level,
                text: q.text,
                help: q.help.filter(|h| !h.trim().is_empty()),
                recommendation: q.recommendation,
                weight,
                effort: q.effort,
                owner: q.owner.filter(|o| !o.trim().is_empty()),
                replaces: q.replaces,
                required: q.required,
                applies_when: q.applies_when.as_ref().map(RawAppliesWhen::conditions).unwrap_or_default(),
                probes,
            });
        }
        dimensions.push(Dimension { id: d.id, name: d.name, stage: d.stage, questions });
    }

    // An old id counts for one question only, and never for an id the file still asks.
    let mut replaced: HashMap<&str, &str> = HashMap::new();
    for d in &dimensions {
        for q in &d.questions {
            for old in &q.replaces {
                let at = format!("dimension {}, question {}", d.id, q.id);
                if question_ids.contains_key(old) {
                    problem(at, format!("replaces `{old}`, which is still a question of this file"));
                } else if let Some(other) = replaced.insert(old, &q.id) {
                    problem(at, format!("replaces `{old}`, which question {other} replaces too"));
                }
            }
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let mut index = HashMap::with_capacity(question_ids.len());
    let mut starts = Vec::with_capacity(dimensions.len());
    let mut positions = Vec::with_capacity(question_ids.len());
    for (di, d) in dimensions.iter().enumerate() {
        starts.push(positions.len());
        for (qi, q) in d.questions.iter().enumerate() {
            index.insert(q.id.clone(), (di, qi));
            positions.push((di, qi));
        }
    }
    Ok(Questionnaire {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        guide: raw.guide.filter(|g| !g.trim().is_empty()),
        levels,
        scoring,
        stages,
        dimensions,
        index,
        starts,
        positions,
    })
}

/// A built-in questionnaire by id.
pub fn built_in(id: &str) -> Option<Questionnaire> {
    BUILT_INS.iter().find(|(bid, _)| *bid == id).map(|(bid, text)| {
        parse_checked(text, &format!("built-in:{bid}"), false).expect("built-in questionnaires are validated by tests")
    })
}

/// Where a questionnaire came from, for `list` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn(String),
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn(id) => write!(f, "built-in {id}"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Loads and validates a questionnaire file, with every problem in one error.
pub fn load_file(path: &Path) -> anyhow::Result<Questionnaire> {
    let text = files::read_text(path)?;
    parse(&text, &path.display().to_string()).map_err(problems_error)
}

fn looks_like_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".yaml") || spec.ends_with(".yml")
}

/// Finds a questionnaire by path (relative paths from `base`), by id in the user folder, or by
/// built-in id, in that order: a user's customised copy shadows the built-in of the same id.
pub fn resolve(spec: &str, base: &Path, home: Option<&Path>) -> anyhow::Result<(Questionnaire, Source)> {
    if looks_like_path(spec) {
        let path =
            if Path::new(spec).is_absolute() || base == Path::new(".") { PathBuf::from(spec) } else { base.join(spec) };
        return Ok((load_file(&path)?, Source::File(path)));
    }
    if let Some(home) = home {
        let dir = home.join("questionnaires");
        for ext in ["yaml", "yml"] {
            let path = dir.join(format!("{spec}.{ext}"));
            if path.is_file() {
                return Ok((load_file(&path)?, Source::File(path)));
            }
        }
        for path in files::files_in(&dir, &["yaml", "yml"]) {
            if let Ok(q) = load_file(&path)
                && q.id == spec
            {
                return Ok((q, Source::File(path)));
            }
        }
    }
    if let Some(q) = built_in(spec) {
        return Ok((q, Source::BuiltIn(spec.to_owned())));
    }
    let ids: Vec<&str> = BUILT_INS.iter().map(|(id, _)| *id).collect();
    anyhow::bail!(
        "unknown questionnaire `{spec}`: it is not a built-in ({}), not in {}, and not a file; run `mlops-maturity list` to see what there is",
        ids.join(", "),
        home.map_or("the user folder".into(), |h| h.join("questionnaires").display().to_string())
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const MINIMAL: &str = "id: t\nversion: 1\ntitle: T\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: q1, level: 1, text: T, recommendation: R }\n";

    #[test]
    fn built_ins_are_valid() {
        for (id, text) in BUILT_INS {
            let q = parse(text, id).unwrap_or_else(|p| panic!("{id}: {p:?}"));
            assert_eq!(q.id, id);
        }
    }

    #[test]
    fn minimal_file_gets_defaults() {
        let q = parse(MINIMAL, "m.yaml").unwrap();
        assert_eq!(q.scoring, Scoring::default());
        assert_eq!(q.stages.len(), 6);
        assert_eq!(q.question("q1").unwrap().1.weight, 1.0);
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_place() {
        let text = MINIMAL
            .replace("version: 1\n", "version: 1\nauthor: me\n")
            .replace("    name: D\n", "    name: D\n    colour: red\n");
        let problems = parse(&text, "m.yaml").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].location, "m.yaml:3:1");
        assert!(problems[0].message.contains("author"));
        assert_eq!(problems[1].location, "m.yaml:11:5");
        assert!(problems[1].message.contains("colour"));
    }

    #[test]
    fn semantic_problems_are_all_reported() {
        let text = MINIMAL.replace(
            "      - { id: q1, level: 1, text: T, recommendation: R }\n",
            "      - { id: q1, level: 4, text: T, recommendation: R }\n      - { id: q1, level: 1, text: '', recommendation: R, weight: 0 }\n  - { id: e, name: E, stage: nowhere, questions: [] }\n",
        );
        let problems = parse(&text, "m.yaml").unwrap_err();
        let all: Vec<String> = problems.iter().map(Problem::to_string).collect();
        let joined = all.join("\n");
        assert!(joined.contains("question q1: level 4 is out of range"), "{joined}");
        assert!(joined.contains("duplicate question id"), "{joined}");
        assert!(joined.contains("text is empty"), "{joined}");
        assert!(joined.contains("weight 0 must be"), "{joined}");
        assert!(joined.contains("dimension e: unknown stage `nowhere`"), "{joined}");
        assert!(joined.contains("dimension e: the dimension has no questions"), "{joined}");
    }

    #[test]
    fn levels_must_be_contiguous_and_ratios_in_range() {
        let text = MINIMAL
            .replace("  - { level: 1, name: One }\n", "  - { level: 2, name: Two }\n")
            .replace("dimensions:\n", "scoring: { pass_ratio: 0, partial_credit: 1.5 }\ndimensions:\n");
        let joined: Vec<String> = parse(&text, "m.yaml").unwrap_err().iter().map(Problem::to_string).collect();
        let joined = joined.join("\n");
        assert!(joined.contains("contiguous"), "{joined}");
        assert!(joined.contains("pass_ratio 0 is out of range"), "{joined}");
        assert!(joined.contains("partial_credit 1.5 is out of range"), "{joined}");
    }

    #[test]
    fn positions_and_dimension_starts_follow_questionnaire_order() {
        let q = built_in("mlops-quick").unwrap();
        let mut flat = 0;
        for (di, d) in q.dimensions.iter().enumerate() {
            assert_eq!(q.dimension_start(di), flat, "dimension {}", d.id);
            for qi in 0..d.questions.len() {
                assert_eq!(q.position(flat), (di, qi));
                flat += 1;
            }
        }
        assert_eq!(flat, q.question_count());
    }

    /// A questionnaire with one of each part, `field` set to `value` (the stage id also names
    /// the dimension's stage).
    fn with_field(field: &str, value: &str) -> String {
        let v = |name: &str, default: &str| if name == field { value.to_owned() } else { default.to_owned() };
        format!(
            "id: {}\nversion: 1\ntitle: {}\ndescription: {}\nguide: {}\nlevels:\n  - {{ level: 0, name: {}, summary: {} }}\n  - {{ level: 1, name: One }}\nstages:\n  - {{ id: {stage}, name: {} }}\ndimensions:\n  - id: {}\n    name: {}\n    stage: {stage}\n    questions:\n      - {{ id: {}, level: 1, text: {}, help: {}, recommendation: {}, owner: {}, replaces: [{}], weight: {} }}\n",
            v("id", "t"),
            v("title", "T"),
            v("description", "D"),
            v("guide", "G"),
            v("level name", "Zero"),
            v("level summary", "S"),
            v("stage name", "Stage"),
            v("dimension id", "d"),
            v("dimension name", "Dim"),
            v("question id", "q1"),
            v("text", "T"),
            v("help", "H"),
            v("recommendation", "R"),
            v("owner", "O"),
            v("replaced id", "old-q1"),
            v("weight", "1"),
            stage = v("stage id", "s"),
        )
    }

    #[test]
    fn every_length_limit_allows_its_maximum_and_refuses_one_character_more() {
        for (field, what, max) in [
            ("id", "id", MAX_ID_CHARS),
            ("title", "title", MAX_NAME_CHARS),
            ("description", "description", MAX_TEXT_CHARS),
            ("guide", "guide", MAX_TEXT_CHARS),
            ("level name", "name", MAX_NAME_CHARS),
            ("level summary", "summary", MAX_TEXT_CHARS),
            ("stage id", "id", MAX_ID_CHARS),
            ("stage name", "name", MAX_NAME_CHARS),
            ("dimension id", "id", MAX_ID_CHARS),
            ("dimension name", "name", MAX_NAME_CHARS),
            ("question id", "id", MAX_ID_CHARS),
            ("text", "text", MAX_TEXT_CHARS),
            ("help", "help", MAX_TEXT_CHARS),
            ("recommendation", "recommendation", MAX_TEXT_CHARS),
            ("owner", "owner", MAX_NAME_CHARS),
            ("replaced id", "an id it replaces", MAX_ID_CHARS),
        ] {
            let at_most = with_field(field, &"x".repeat(max));
            assert!(parse(&at_most, "m.yaml").is_ok(), "{field} of {max} characters: {:?}", parse(&at_most, "m.yaml"));
            let over = with_field(field, &"x".repeat(max + 1));
            let problems = parse(&over, "m.yaml").unwrap_err();
            let expected = format!("{what} is {} characters long: at most {max} are allowed", max + 1);
            assert!(problems.iter().any(|p| p.message == expected), "{field}: {problems:?}");
        }
    }

    #[test]
    fn weights_levels_stages_and_dimensions_are_allowed_up_to_their_limits() {
        assert!(parse(&with_field("weight", "1000"), "m.yaml").is_ok());
        let problems = parse(&with_field("weight", "1000.5"), "m.yaml").unwrap_err();
        assert_eq!(problems[0].message, "weight 1000.5 is too large: it must be above 0 and at most 1000");

        let levels = |numbers: &[u32]| {
            let list: String = numbers.iter().map(|l| format!("  - {{ level: {l}, name: L{l} }}\n")).collect();
            MINIMAL.replace("  - { level: 0, name: Zero }\n  - { level: 1, name: One }\n", &list)
        };
        let too_many = "there are too many levels: they go from 0 to at most 10";
        assert!(parse(&levels(&(0..=10).collect::<Vec<_>>()), "m.yaml").is_ok(), "levels 0 to 10");
        for over in [(0..=11).collect::<Vec<_>>(), vec![0, 1, 11], [(0..=10).collect::<Vec<_>>(), vec![10]].concat()] {
            let problems = parse(&levels(&over), "m.yaml").unwrap_err();
            assert!(problems.iter().any(|p| p.message == too_many), "{over:?}: {problems:?}");
        }

        let stages = |n: usize| {
            let list: String = (0..n).map(|i| format!("  - {{ id: s{i}, name: S }}\n")).collect();
            MINIMAL.replace("dimensions:\n", &format!("stages:\n{list}dimensions:\n"))
        };
        assert!(parse(&stages(MAX_STAGES), "m.yaml").is_ok());
        let problems = parse(&stages(MAX_STAGES + 1), "m.yaml").unwrap_err();
        assert_eq!(problems[0].message, "there are too many stages: at most 50 are allowed");

        let dimensions = |n: usize, per: usize| {
            let mut text = MINIMAL[..MINIMAL.find("dimensions:").unwrap()].to_owned() + "dimensions:\n";
            for d in 0..n {
                text.push_str(&format!("  - id: d{d}\n    name: D\n    questions:\n"));
                for i in 0..per {
                    text.push_str(&format!("      - {{ id: q{d}-{i}, level: 1, text: t, recommendation: r }}\n"));
                }
            }
            text
        };
        assert!(parse(&dimensions(MAX_DIMENSIONS, 1), "m.yaml").is_ok());
        let problems = parse(&dimensions(MAX_DIMENSIONS + 1, 1), "m.yaml").unwrap_err();
        assert_eq!(problems[0].message, "there are 201 dimensions: at most 200 are allowed");
        assert!(parse(&dimensions(100, 200), "m.yaml").is_ok(), "20,000 questions");
        let mut over = dimensions(100, 200);
        over.push_str("      - { id: one-more, level: 1, text: t, recommendation: r }\n");
        let problems = parse(&over, "m.yaml").unwrap_err();
        assert_eq!(problems[0].message, "there are 20001 questions: at most 20000 are allowed");
    }

    #[test]
    fn an_id_must_be_lowercase_letters_digits_and_dashes() {
        assert!(parse(&with_field("id", "team-2"), "m.yaml").is_ok());
        for bad in ["Big", "big_one", "''"] {
            let problems = parse(&with_field("id", bad), "m.yaml").unwrap_err();
            assert!(problems[0].message.ends_with("must use only a-z, 0-9 and '-'"), "{bad}: {problems:?}");
        }
    }

    #[test]
    fn a_question_id_has_no_spaces() {
        for bad in ["'a b'", "' '"] {
            let problems = parse(&with_field("question id", bad), "m.yaml").unwrap_err();
            assert!(
                problems.iter().any(|p| p.message == "question id must be non-empty and without spaces"),
                "{bad}: {problems:?}"
            );
        }
    }

    #[test]
    fn blank_description_guide_help_and_owner_are_none() {
        let blank = parse(
            &with_field("description", "'  '")
                .replace("guide: G", "guide: ' '")
                .replace("help: H", "help: ' '")
                .replace("owner: O", "owner: ' '"),
            "m.yaml",
        )
        .unwrap();
        assert_eq!((blank.description, blank.guide), (None, None));
        let q = &blank.dimensions[0].questions[0];
        assert_eq!((q.help.as_deref(), q.owner.as_deref()), (None, None));
        let full = parse(&with_field("id", "t"), "m.yaml").unwrap();
        assert_eq!((full.description.as_deref(), full.guide.as_deref()), (Some("D"), Some("G")));
        let q = &full.dimensions[0].questions[0];
        assert_eq!((q.help.as_deref(), q.owner.as_deref()), (Some("H"), Some("O")));
    }

    #[test]
    fn a_spec_with_a_slash_or_a_yaml_extension_is_a_path_and_sources_say_where_they_are() {
        for path in ["team/q", "team\\q", "q.yaml", "q.yml"] {
            assert!(looks_like_path(path), "{path}");
        }
        assert!(!looks_like_path("mlops-quick"));
        assert_eq!(Source::BuiltIn("mlops-quick".into()).to_string(), "built-in mlops-quick");
        assert_eq!(Source::File(PathBuf::from("q/team.yaml")).to_string(), "q/team.yaml");
    }

    #[test]
    fn resolve_finds_paths_from_the_base_then_user_files_by_id_then_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join("questionnaires")).unwrap();
        std::fs::write(home.join("questionnaires/other.yaml"), with_field("id", "other-id")).unwrap();
        std::fs::write(home.join("questionnaires/named-otherwise.yaml"), with_field("id", "team-q")).unwrap();
        std::fs::write(dir.path().join("q.yaml"), MINIMAL).unwrap();

        let (q, source) = resolve("q.yaml", dir.path(), Some(&home)).unwrap();
        assert_eq!((q.id.as_str(), source), ("t", Source::File(dir.path().join("q.yaml"))), "relative to the base");
        let absolute = dir.path().join("q.yaml");
        let (_, source) = resolve(absolute.to_str().unwrap(), Path::new("elsewhere"), None).unwrap();
        assert_eq!(source, Source::File(absolute.clone()), "an absolute path as given");
        let err = resolve("missing/q.yaml", Path::new("."), None).unwrap_err().to_string();
        assert!(err.contains("missing/q.yaml") && !err.contains("./missing"), "the path as the user typed it: {err}");

        let (q, source) = resolve("team-q", Path::new("."), Some(&home)).unwrap();
        assert_eq!((q.id.as_str(), source), ("team-q", Source::File(home.join("questionnaires/named-otherwise.yaml"))));
        let (_, source) = resolve("mlops-quick", Path::new("."), Some(&home)).unwrap();
        assert_eq!(source, Source::BuiltIn("mlops-quick".into()));
        assert!(resolve("nothing-like-it", Path::new("."), Some(&home)).is_err());
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let problems = parse("id: t\ntitle: 'open\n", "bad.yaml").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location, "bad.yaml:3:1");
        assert!(problems[0].message.contains("quoted scalar"), "{:?}", problems[0]);
    }
}
