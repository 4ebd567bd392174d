//! What the report says in words: the verdict, strengths, the watch list, completeness and
//! progress since a baseline.
//!
//! Every sentence is derived from the team's own answers and scores, never from the level's
//! general description: a level summary is a definition of the level, and a claim about the team
//! (say, that nothing would notice worse predictions) comes from the answers that show it. Pure
//! functions over a built report; no ids of questions reach the text (the appendix has them).

use crate::questionnaire::Questionnaire;
use crate::report::{AnswerReport, Report};
use indexmap::IndexMap;
use serde::Serialize;

/// How much of the questionnaire was answered.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    pub answered: usize,
    pub questions: usize,
    /// Fewer than nine in ten questions answered: the level is an indication, not a finding.
    pub indicative: bool,
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
}

/// An earlier assessment as `--baseline` gives it: scores, answers, level and date.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub scores: Vec<(String, f64)>,
    /// Question id -> answer as the report spells it.
    pub answers: IndexMap<String, String>,
    pub overall_level: Option<u32>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SinceBaseline {
    pub date: Option<String>,
    pub overall_before: Option<u32>,
    pub overall_after: u32,
    pub changed: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub question: String,
    pub before: String,
    pub after: String,
    pub text: String,
}

/// Questions of the built-ins whose "yes" means that worse predictions would be seen, and those
/// whose "yes" means that someone is alerted. Questionnaires without them fall back to their
/// monitoring dimension (and to ids containing "alert").
const QUALITY_WATCHERS: [&str; 8] = [
    "mon-prediction-distribution",
    "mon-model-quality",
    "mon-business-metrics",
    "mon-model-alerts",
    "mon-input-drift",
    "gen-quality-sampling",
    "gen-user-feedback",
    "gen-quality-alerts",
];
const QUALITY_ALERTS: [&str; 2] = ["mon-model-alerts", "gen-quality-alerts"];

/// Fills the report's words from its numbers and answers.
pub fn fill(report: &mut Report, q: &Questionnaire) {
    annotate_roadmap(report);
    report.completeness = completeness(&report.answers);
    report.progress = progress(report, q);
    report.strengths = strengths(report);
    report.silent_degradation = silent_degradation(&report.answers, q);
    report.watch = watch(report);
    report.verdict = verdict(report);
}

/// Each action gets today's notes, and each phase its count of actions per dimension.
fn annotate_roadmap(report: &mut Report) {
    let several = report.respondents.len() > 1;
    let notes: std::collections::HashMap<&str, String> = report
        .answers
        .iter()
        .filter(|a| !a.notes.is_empty())
        .map(|a| {
            let lines: Vec<String> = a
                .notes
                .iter()
                .map(|n| if several { format!("{}: {}", n.respondent, n.text) } else { n.text.clone() })
                .collect();
            (a.question.as_str(), lines.join("\n"))
        })
        .collect();
    for phase in &mut report.roadmap {
        for action in &mut phase.actions {
            action.note = notes.get(action.question.as_str()).cloned();
            action.step = step(&action.recommendation, action.answer == "partial");
        }
        let mut by: IndexMap<&str, crate::report::PhaseDimension> = IndexMap::new();
        for action in &phase.actions {
            by.entry(action.dimension.as_str())
                .or_insert_with(|| crate::report::PhaseDimension {
                    dimension: action.dimension.clone(),
                    name: action.dimension_name.clone(),
                    actions: 0,
                })
                .actions += 1;
        }
        phase.by_dimension = by.into_values().collect();
    }
}

/// The recommendation's step from today's answer: "From partly: …" when partly in place, else
/// "From zero: …", each followed by "Done when …". A recommendation not written in these parts
/// is kept whole.
pub fn step(recommendation: &str, partly: bool) -> String {
    let zero = recommendation.find("From zero:");
    let part = recommendation.find("From partly:");
    let done = recommendation.find("Done when");
    let (Some(zero), Some(part), Some(done)) = (zero, part, done) else {
        return recommendation.to_owned();
    };
    if !(zero < part && part < done) {
        return recommendation.to_owned();
    }
    let first = if partly { &recommendation[part..done] } else { &recommendation[zero..part] };
    format!("{} {}", first.trim(), recommendation[done..].trim())
}

fn completeness(answers: &[AnswerReport]) -> Completeness {
    let answered = answers.iter().filter(|a| a.answer != "unanswered").count();
    Completeness { answered, questions: answers.len(), indicative: answered * 10 < answers.len() * 9 }
}

fn credit(answer: &str, partial_credit: f64) -> Option<f64> {
    match answer {
        "yes" => Some(1.0),
        "partial" => Some(partial_credit),
        "na" => None,
        _ => Some(0.0),
    }
}

fn progress(report: &Report, q: &Questionnaire) -> Option<Progress> {
    let level = report.overall.level + 1;
    if level > q.highest_level() {
        return None;
    }
    let weakest: std::collections::HashSet<&str> = report.overall.weakest.iter().map(String::as_str).collect();
    let (mut got, mut of) = (0.0, 0.0);
    for ((_, question), a) in q.questions().zip(&report.answers) {
        if question.level == level
            && weakest.contains(a.dimension.as_str())
            && let Some(c) = credit(&a.answer, q.scoring.partial_credit)
        {
            got += question.weight * c;
            of += question.weight;
        }
    }
    Some(Progress { level, ratio: if of > 0.0 { got / of } else { 1.0 } })
}

fn strengths(report: &Report) -> Vec<Strength> {
    let dimensions: std::collections::HashMap<&str, (u32, &str)> =
        report.dimensions.iter().map(|d| (d.id.as_str(), (d.level, d.name.as_str()))).collect();
    report
        .answers
        .iter()
        .filter_map(|a| {
            let &(level, name) = dimensions.get(a.dimension.as_str())?;
            (a.answer == "yes" && a.level > level).then(|| Strength {
                question: a.question.clone(),
                text: a.text.clone(),
                dimension: a.dimension.clone(),
                dimension_name: name.to_owned(),
                level: a.level,
            })
        })
        .collect()
}

fn quote(text: &str) -> String {
    format!("“{}”", text.trim_end_matches('.'))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn quoted(texts: &[&str]) -> String {
    join_and(&texts.iter().map(|t| quote(t)).collect::<Vec<_>>())
}

/// The silent-degradation warning, from the answers about watching predictions: none when a
/// model-quality alert is in place.
fn silent_degradation(answers: &[AnswerReport], q: &Questionnaire) -> Option<String> {
    let known: Vec<&AnswerReport> =
        answers.iter().filter(|a| QUALITY_WATCHERS.contains(&a.question.as_str())).collect();
    let (watchers, is_alert): (Vec<&AnswerReport>, fn(&str) -> bool) = if known.is_empty() {
        let monitoring: Vec<&str> = q
            .dimensions
            .iter()
            .filter(|d| d.stage.as_deref() == Some("monitoring") || d.id == "monitoring")
            .map(|d| d.id.as_str())
            .collect();
        (answers.iter().filter(|a| monitoring.contains(&a.dimension.as_str())).collect(), |id| id.contains("alert"))
    } else {
        (known, |id| QUALITY_ALERTS.contains(&id))
    };
    if watchers.is_empty() || watchers.iter().all(|a| a.answer == "na") {
        return None;
    }
    let in_place: Vec<&str> = watchers.iter().filter(|a| a.answer == "yes").map(|a| a.text.as_str()).collect();
    if watchers.iter().any(|a| a.answer == "yes" && is_alert(&a.question)) {
        return None;
    }
    let alerts: Vec<&str> = watchers.iter().filter(|a| is_alert(&a.question)).map(|a| a.text.as_str()).collect();
    // Generative features give answers rather than predictions.
    let outputs = if watchers.iter().all(|a| a.question.starts_with("gen-")) { "answers" } else { "predictions" };
    Some(if in_place.is_empty() {
        format!(
            "Silent degradation risk: none of the practices that would show worse {outputs} is fully in place, so a model can keep running while its {outputs} get worse and nobody would be told."
        )
    } else if alerts.is_empty() {
        format!(
            "Silent degradation risk: worse {outputs} would show in what is in place ({}), but only to someone who looks.",
            quoted(&in_place)
        )
    } else {
        format!(
            "Silent degradation risk: worse {outputs} would show in what is in place ({}), but only to someone who looks; not yet in place: {}.",
            quoted(&in_place),
            quoted(&alerts)
        )
    })
}

fn texts_of<'a>(report: &'a Report, ids: &[String]) -> Vec<&'a str> {
    let ids: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    report.answers.iter().filter(|a| ids.contains(a.question.as_str())).map(|a| a.text.as_str()).collect()
}

/// A few texts quoted, and a count of the rest.
fn some_of(texts: &[&str], shown: usize) -> String {
    let mut items: Vec<String> = texts.iter().take(shown).map(|t| quote(t)).collect();
    if texts.len() > shown {
        items.push(format!("{} more", texts.len() - shown));
    }
    join_and(&items)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn watch(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if !report.unknown.is_empty() {
        out.push(format!(
            "Find out: nobody knew the answer for {}: {}. A \"don't know\" scores as missing; ask the people who would know.",
            plural(report.unknown.len(), "practice", "practices"),
            some_of(&texts_of(report, &report.unknown), 3)
        ));
    }
    if !report.unanswered.is_empty() {
        out.push(format!(
            "Not answered: {}: {}. {} as missing.",
            plural(report.unanswered.len(), "practice", "practices"),
            some_of(&texts_of(report, &report.unanswered), 3),
            if report.unanswered.len() == 1 { "It scores" } else { "They score" }
        ));
    }
    if !report.carried.is_empty() {
        out.push(format!(
            "Not re-checked: {} copied from the earlier assessment and not confirmed since: {}.",
            plural(report.carried.len(), "answer", "answers"),
            some_of(&texts_of(report, &report.carried), 3)
        ));
    }
    if !report.na_without_reason.is_empty() {
        out.push(format!(
            "\"Does not apply\" without a reason: {}. Such answers leave the score, so write down why.",
            some_of(&texts_of(report, &report.na_without_reason), 3)
        ));
    }
    // Practices fully in place ahead of the foundation are strengths; the watch list names those
    // only started there, which compete for effort with the levels below.
    let ahead: std::collections::HashSet<&str> = report.ahead_of_foundation.iter().map(String::as_str).collect();
    let started_ahead: Vec<&str> = report
        .answers
        .iter()
        .filter(|a| a.answer == "partial" && ahead.contains(a.question.as_str()))
        .map(|a| a.text.as_str())
        .collect();
    if !started_ahead.is_empty() {
        out.push(format!(
            "Started ahead of the foundation: {}. These sit above levels not yet reached; finishing the levels below first pays off sooner.",
            some_of(&started_ahead, 3)
        ));
    }
    out
}

/// The blocking practices that hold the overall level, most telling first: missing before
/// partly done, then in roadmap order.
fn holding_back(report: &Report) -> Vec<&str> {
    let Some(first) = report.roadmap.first().filter(|p| p.level == report.overall.level + 1) else {
        return Vec::new();
    };
    let mut actions: Vec<&crate::report::Action> = first.actions.iter().collect();
    actions.sort_by_key(|a| a.answer == "partial");
    actions.iter().map(|a| a.text.as_str()).collect()
}

fn verdict(report: &Report) -> String {
    let who = report.team.clone().unwrap_or_else(|| "The team".to_owned());
    let level = report.overall.level;
    let now = format!("{who} is at Level {level}, {}", report.overall.name);
    let highest = report.levels.last().map_or(0, |l| l.level);
    if level >= highest {
        return format!("{now}, the highest level: keep its practices healthy.");
    }
    let next = level + 1;
    let next_name = report.levels.get(next as usize).map_or("", |l| l.name.as_str());
    let blocking = holding_back(report);
    let why = if blocking.is_empty() {
        String::new()
    } else {
        format!(
            ": Level {next} needs {} not yet fully in place, among them {}",
            plural(blocking.len(), "practice", "practices"),
            some_of(&blocking, 2)
        )
    };
    if report.roadmap.is_empty() {
        return format!(
            "{now}{why}; that meets its target of Level {}, so nothing is planned beyond keeping the practices healthy.",
            report.target.level
        );
    }
    let actions = report.roadmap.first().map_or(0, |p| p.actions.len());
    format!(
        "{now}{why}; Level {next}, {next_name}, is the next milestone, with {} on the roadmap.",
        plural(actions, "action", "actions")
    )
}

/// Progress since an earlier assessment: overall level before and after, and every answer that
/// changed, in questionnaire order.
pub fn since_baseline(report: &Report, baseline: &Baseline) -> SinceBaseline {
    let changed = report
        .answers
        .iter()
        .filter_map(|a| {
            let before = baseline.answers.get(&a.question).map_or("unanswered", String::as_str);
            (before != a.answer).then(|| Change {
                question: a.question.clone(),
                before: before.to_owned(),
                after: a.answer.clone(),
                text: a.text.clone(),
            })
        })
        .collect();
    SinceBaseline {
        date: baseline.date.clone(),
        overall_before: baseline.overall_level,
        overall_after: report.overall.level,
        changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_starts_from_todays_answer() {
        let r = "From zero: write it. From partly: finish it. Done when it is written.";
        assert_eq!(step(r, false), "From zero: write it. Done when it is written.");
        assert_eq!(step(r, true), "From partly: finish it. Done when it is written.");
        assert_eq!(step("Just do it.", true), "Just do it.");
    }

    #[test]
    fn lists_join_with_and() {
        assert_eq!(some_of(&["a", "b", "c", "d"], 2), "“a”, “b” and 2 more");
        assert_eq!(some_of(&["a."], 2), "“a”");
    }
}
