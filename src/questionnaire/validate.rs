//! Turning a questionnaire file into a [`Questionnaire`]: every mistake found at once (the file's
//! size limits first, then the levels, scoring, stages, dimensions and questions, each named by
//! its place), so a person fixing a file sees them all.

use super::model::{DEFAULT_STAGES, Dimension, LevelInfo, Question, Questionnaire, Scoring, Stage};
use super::raw::{
    MAX_WEIGHT, ProbeMeaning, RawAppliesWhen, RawDimension, RawLevel, RawQuestion, RawQuestionnaire, RawScoring,
    RawStage, limit_problems,
};
use crate::diagnostics::Problem;
use crate::printable::excerpt;
use crate::probe::Probe;
use crate::yaml::{Shape, parse_strict_shaped};
use std::collections::{HashMap, HashSet};

/// Parses and validates a questionnaire; `file` names it in every problem.
pub fn parse(text: &str, file: &str) -> Result<Questionnaire, Vec<Problem>> {
    parse_checked(text, file, true)
}

/// The problems found so far, each at a place of the file (`""`: the file as a whole).
struct Problems<'a> {
    file: &'a str,
    found: Vec<Problem>,
}

impl Problems<'_> {
    fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        let place = place.into();
        let location = if place.is_empty() { self.file.to_owned() } else { format!("{}: {place}", self.file) };
        self.found.push(Problem { location, message: message.into() });
    }
}

/// [`parse`], compiling every probe's globs and regular expression only when `check_probes`:
/// the built-in questionnaires skip it at every start of the app (their probes are checked by
/// the tests and by `validate` on the copies `init` writes), since compiling some forty regular
/// expressions would double the time of a whole `report`.
pub(super) fn parse_checked(text: &str, file: &str, check_probes: bool) -> Result<Questionnaire, Vec<Problem>> {
    let shape = Shape { kind: "questionnaire", keys: &["id", "title", "levels", "dimensions"] };
    let raw: RawQuestionnaire = parse_strict_shaped(text, file, shape)?;
    let mut problems = Problems { file, found: Vec::new() };
    let too_large = limit_problems(&raw);
    if !too_large.is_empty() {
        // Over a limit, the other checks would only add noise (or take long); report these.
        for (place, message) in too_large {
            problems.add(place, message);
        }
        return Err(problems.found);
    }
    if raw.id.is_empty() || !raw.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        problems.add("", format!("id `{}` must use only a-z, 0-9 and '-'", excerpt(&raw.id, 40)));
    }
    if raw.title.trim().is_empty() {
        problems.add("", "title is empty");
    }
    let levels = levels(raw.levels, &mut problems);
    let highest = levels.last().map_or(0, |l| l.level);
    let scoring = scoring(raw.scoring, &mut problems);
    let stages = stages(raw.stages, &mut problems);
    if raw.dimensions.is_empty() {
        problems.add("", "there are no dimensions");
    }
    let mut ids = Ids::default();
    let dimensions: Vec<Dimension> = raw
        .dimensions
        .into_iter()
        .map(|d| dimension(d, &stages, highest, check_probes, &mut ids, &mut problems))
        .collect();
    check_replaces(&dimensions, &ids.questions, &mut problems);
    if !problems.found.is_empty() {
        return Err(problems.found);
    }
    let (index, starts, positions) = index(&dimensions);
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

/// The levels in order; they must run from 0 without a gap, with at least levels 0 and 1.
fn levels(raw: Vec<RawLevel>, problems: &mut Problems) -> Vec<LevelInfo> {
    let mut levels: Vec<LevelInfo> =
        raw.into_iter().map(|l| LevelInfo { level: l.level, name: l.name, summary: l.summary }).collect();
    levels.sort_by_key(|l| l.level);
    let contiguous = levels.iter().enumerate().all(|(i, l)| l.level as usize == i);
    if levels.len() < 2 || !contiguous {
        let found: Vec<String> = levels.iter().map(|l| l.level.to_string()).collect();
        problems.add(
            "",
            format!(
                "levels must be contiguous from 0 with at least levels 0 and 1 (found: {})",
                if found.is_empty() { "none".into() } else { found.join(", ") }
            ),
        );
    }
    for l in levels.iter().filter(|l| l.name.trim().is_empty()) {
        problems.add(format!("level {}", l.level), "name is empty");
    }
    levels
}

/// The scoring rules: the defaults, with the file's pass ratio and partial credit if in range.
fn scoring(raw: Option<RawScoring>, problems: &mut Problems) -> Scoring {
    let mut scoring = Scoring::default();
    let Some(s) = raw else { return scoring };
    if let Some(p) = s.pass_ratio {
        if !(p > 0.0 && p <= 1.0) {
            problems.add("scoring", format!("pass_ratio {p} is out of range: it must be above 0 and at most 1"));
        }
        scoring.pass_ratio = p;
    }
    if let Some(c) = s.partial_credit {
        if !(0.0..=1.0).contains(&c) {
            problems.add("scoring", format!("partial_credit {c} is out of range: it must be from 0 to 1"));
        }
        scoring.partial_credit = c;
    }
    scoring
}

/// The file's lifecycle stages (or the six default ones), each id once and each named.
fn stages(raw: Option<Vec<RawStage>>, problems: &mut Problems) -> Vec<Stage> {
    let stages: Vec<Stage> = match raw {
        Some(list) => list.into_iter().map(|s| Stage { id: s.id, name: s.name }).collect(),
        None => DEFAULT_STAGES.iter().map(|(id, name)| Stage { id: (*id).into(), name: (*name).into() }).collect(),
    };
    let mut seen = HashSet::new();
    for s in &stages {
        if s.id.trim().is_empty() {
            problems.add("stages", "a stage has an empty id");
        } else if !seen.insert(s.id.as_str()) {
            problems.add(format!("stage {}", s.id), "duplicate stage id");
        }
        if s.name.trim().is_empty() {
            problems.add(format!("stage {}", s.id), "name is empty");
        }
    }
    stages
}

/// The ids seen so far: dimensions, and each question's with the dimension that asks it.
#[derive(Default)]
struct Ids {
    dimensions: HashSet<String>,
    questions: HashMap<String, String>,
}

/// One dimension and its questions, checked.
fn dimension(
    d: RawDimension,
    stages: &[Stage],
    highest: u32,
    check_probes: bool,
    ids: &mut Ids,
    problems: &mut Problems,
) -> Dimension {
    let here = format!("dimension {}", d.id);
    if d.id.trim().is_empty() {
        problems.add(here.clone(), "a dimension has an empty id");
    } else if !ids.dimensions.insert(d.id.clone()) {
        problems.add(here.clone(), "duplicate dimension id");
    }
    if d.name.trim().is_empty() {
        problems.add(here.clone(), "name is empty");
    }
    if let Some(stage) = &d.stage
        && !stages.iter().any(|s| s.id == *stage)
    {
        let known: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
        problems.add(here.clone(), format!("unknown stage `{stage}` (known stages: {})", known.join(", ")));
    }
    if d.questions.is_empty() {
        problems.add(here.clone(), "the dimension has no questions");
    }
    let questions = d.questions.into_iter().map(|q| question(q, &here, highest, check_probes, ids, problems)).collect();
    Dimension { id: d.id, name: d.name, stage: d.stage, questions }
}

/// One question, checked; `here` names its dimension.
fn question(
    q: RawQuestion,
    here: &str,
    highest: u32,
    check_probes: bool,
    ids: &mut Ids,
    problems: &mut Problems,
) -> Question {
    let at = format!("{here}, question {}", q.id);
    if q.id.trim().is_empty() || q.id.chars().any(char::is_whitespace) {
        problems.add(at.clone(), "question id must be non-empty and without spaces");
    } else if let Some(other) = ids.questions.get(&q.id) {
        problems.add(at.clone(), format!("duplicate question id (also in {other})"));
    } else {
        ids.questions.insert(q.id.clone(), here.to_owned());
    }
    if q.level < 1 || q.level > highest {
        problems.add(at.clone(), format!("level {} is out of range: questions go from level 1 to {highest}", q.level));
    }
    if q.text.trim().is_empty() {
        problems.add(at.clone(), "text is empty");
    }
    if q.recommendation.trim().is_empty() {
        problems.add(at.clone(), "recommendation is empty: say what to do when the practice is missing");
    }
    let weight = q.weight.unwrap_or(1.0);
    if !(weight > 0.0 && weight.is_finite()) {
        problems.add(
            at.clone(),
            format!("weight {} must be a number above 0 and at most {MAX_WEIGHT}", crate::printable::number(weight)),
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
        problems.add(at.clone(), message);
    }
    Question {
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
    }
}

/// An old id counts for one question only, and never for an id the file still asks.
fn check_replaces(dimensions: &[Dimension], question_ids: &HashMap<String, String>, problems: &mut Problems) {
    let mut replaced: HashMap<&str, &str> = HashMap::new();
    for d in dimensions {
        for q in &d.questions {
            for old in &q.replaces {
                let at = format!("dimension {}, question {}", d.id, q.id);
                if question_ids.contains_key(old) {
                    problems.add(at, format!("replaces `{old}`, which is still a question of this file"));
                } else if let Some(other) = replaced.insert(old, &q.id) {
                    problems.add(at, format!("replaces `{old}`, which question {other} replaces too"));
                }
            }
        }
    }
}

/// Where each question is: by id, each dimension's first position, and each position's
/// (dimension, question) pair.
type Index = (HashMap<String, (usize, usize)>, Vec<usize>, Vec<(usize, usize)>);

fn index(dimensions: &[Dimension]) -> Index {
    let mut index = HashMap::new();
    let mut starts = Vec::with_capacity(dimensions.len());
    let mut positions = Vec::new();
    for (di, d) in dimensions.iter().enumerate() {
        starts.push(positions.len());
        for (qi, q) in d.questions.iter().enumerate() {
            index.insert(q.id.clone(), (di, qi));
            positions.push((di, qi));
        }
    }
    (index, starts, positions)
}
