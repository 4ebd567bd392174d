//! What the report says in words: the verdict, strengths, the watch list, completeness and
//! progress since a baseline.
//!
//! Every sentence is derived from the team's own answers and scores, never from the level's
//! general description: a level summary is a definition of the level, and a claim about the team
//! (say, that nothing would notice worse predictions) comes from the answers that show it. Pure
//! functions over a built report; no ids of questions reach the text (the appendix has them).

use super::model::{AnswerReport, Facts, Narrative, Report, Stage};
use crate::evidence::Verdict;
use crate::questionnaire::Questionnaire;
use crate::session::{Reported, Trend};
use indexmap::IndexMap;

pub(crate) use super::model::{Baseline, Change, Completeness, Progress, SinceBaseline, Strength, Unfinished};

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

/// The report's words, written from its facts and answers.
pub(crate) fn write(facts: &Facts, q: &Questionnaire) -> Narrative {
    let completeness = completeness(facts, q);
    let unfinished = unfinished(facts);
    Narrative {
        verdict: verdict(facts, &completeness, &unfinished),
        progress: progress(facts, q),
        strengths: strengths(facts),
        silent_degradation: silent_degradation(&facts.answers, q),
        watch: watch(facts, q),
        since_baseline: None,
        completeness,
        unfinished,
    }
}

/// The recommendation's step from today's answer: "From partly: …" when partly in place, else
/// "From zero: …", each followed by "Done when …". A recommendation not written in these parts
/// is kept whole.
pub(crate) fn step(recommendation: &str, partly: bool) -> String {
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

/// The step for today's answer. Nobody knowing, or no answer, is not "no": the step starts with
/// finding out, then gives the step from zero for the case that it is not in place.
pub(crate) fn step_for(recommendation: &str, answer: Reported) -> String {
    let first = step(recommendation, answer == Reported::Partial);
    if answer != Reported::Unknown && answer != Reported::Unanswered {
        return first;
    }
    let rest = first.strip_prefix("From zero:").map(str::trim).unwrap_or(&first);
    format!("First find out whether this is in place; if it is not: {rest}")
}

fn completeness(report: &Facts, q: &Questionnaire) -> Completeness {
    let answers = &report.answers;
    let answered = answers.iter().filter(|a| a.answer != Reported::Unanswered).count();
    let level_may_change = {
        // Every unanswered or "don't know" question answered yes: would the level rise? (With
        // none of them, the answers are the report's own and the level stays as it is.)
        let filled: Vec<Option<crate::session::Answer>> = answers
            .iter()
            .map(|a| match a.answer {
                Reported::Unanswered | Reported::Unknown => Some(crate::session::Answer::Yes),
                other => other.answer(),
            })
            .collect();
        filled.len() == q.questions().count() && crate::scoring::score(q, &filled).overall_level > report.overall.level
    };
    Completeness {
        answered,
        questions: answers.len(),
        indicative: answered * 10 < answers.len() * 9 || level_may_change,
        level_may_change,
        open_disagreements: if report.workshop {
            report.disagreements.iter().filter(|d| d.agreed.is_none()).count()
        } else {
            0
        },
    }
}

/// With the target met: the practices at or below the team's level not fully in place.
fn unfinished(report: &Facts) -> Vec<Unfinished> {
    // A level asks for most of its practices, so some at or below the team's level can be left
    // undone in an area that reached it: they are on no roadmap phase, and are listed here. With
    // nothing on the roadmap, Level 1's count too.
    let on_roadmap: std::collections::HashSet<&str> =
        report.roadmap.iter().flat_map(|p| p.actions.iter().map(|a| a.question.as_str())).collect();
    let up_to = if report.roadmap.is_empty() { report.overall.level.max(1) } else { report.overall.level };
    let names: std::collections::HashMap<&str, &str> =
        report.dimensions.iter().map(|d| (d.id.as_str(), d.name.as_str())).collect();
    report
        .answers
        .iter()
        .filter(|a| a.level <= up_to && a.answer != Reported::Yes && a.answer != Reported::Na)
        .filter(|a| !on_roadmap.contains(a.question.as_str()))
        .map(|a| Unfinished {
            question: a.question.clone(),
            text: a.text.clone(),
            dimension_name: names.get(a.dimension.as_str()).copied().unwrap_or_default().to_owned(),
            level: a.level,
            answer: a.answer,
        })
        .collect()
}

fn progress(report: &Facts, q: &Questionnaire) -> Option<Progress> {
    let level = report.overall.level + 1;
    if level > q.highest_level() {
        return None;
    }
    let weakest: std::collections::HashSet<&str> = report.overall.weakest.iter().map(String::as_str).collect();
    let (mut got, mut of) = (0.0, 0.0);
    let (mut in_place, mut partly, mut practices) = (0, 0, 0);
    for ((_, question), a) in q.questions().zip(&report.answers) {
        if question.level == level
            && weakest.contains(a.dimension.as_str())
            && let Some(c) = crate::scoring::credit(a.answer.answer(), q.scoring.partial_credit)
        {
            got += question.weight * c;
            of += question.weight;
            practices += 1;
            in_place += usize::from(a.answer == Reported::Yes);
            partly += usize::from(a.answer == Reported::Partial);
        }
    }
    // The weakest areas failed the next level, so it has practices (weights are above 0).
    Some(Progress { level, ratio: if practices == 0 { 1.0 } else { got / of }, in_place, partly, practices })
}

fn strengths(report: &Facts) -> Vec<Strength> {
    let dimensions: std::collections::HashMap<&str, (u32, &str)> =
        report.dimensions.iter().map(|d| (d.id.as_str(), (d.level, d.name.as_str()))).collect();
    report
        .answers
        .iter()
        .filter_map(|a| {
            let &(level, name) = dimensions.get(a.dimension.as_str())?;
            // An agreed "yes" over a room that mostly did not know is not a strength to show.
            let room_unsure = crate::workshop::room_does_not_know(a.votes.values().map(|v| Some(*v)));
            (a.answer == Reported::Yes && a.level > level && !room_unsure).then(|| Strength {
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
    // Nothing can be said about watching quality before its questions are answered.
    if watchers.is_empty() || watchers.iter().all(|a| a.answer == Reported::Na || a.answer == Reported::Unanswered) {
        return None;
    }
    let in_place: Vec<&str> = watchers.iter().filter(|a| a.answer == Reported::Yes).map(|a| a.text.as_str()).collect();
    if watchers.iter().any(|a| a.answer == Reported::Yes && is_alert(&a.question)) {
        return None;
    }
    let alerts: Vec<&&AnswerReport> = watchers.iter().filter(|a| is_alert(&a.question)).collect();
    // Generative features give answers rather than predictions.
    let model =
        if watchers.iter().all(|a| a.question.starts_with("gen-")) { "a generative feature" } else { "a model" };
    // What the team wrote about its alerting says more than a generic line.
    let alert_note = alerts
        .iter()
        .flat_map(|a| a.notes.iter())
        .map(|n| n.text.trim())
        .find(|t| !t.is_empty())
        .map(|t| format!(" (the team notes: {})", quote(t)));
    let unsure = alerts.iter().any(|a| a.answer == Reported::Unknown || a.answer == Reported::Unanswered);
    let head = if alerts.iter().any(|a| a.answer == Reported::Partial) {
        format!("Alerts when {model} gets worse are only partly in place{}", alert_note.unwrap_or_default())
    } else if unsure {
        format!("Nobody knows whether anyone is alerted when {model} gets worse{}", alert_note.unwrap_or_default())
    } else {
        format!("Nobody is alerted when {model} gets worse{}", alert_note.unwrap_or_default())
    };
    // Watching that is partly in place (by hand, for some models) is said as such, never as none.
    let partly: Vec<&str> = watchers
        .iter()
        .filter(|a| a.answer == Reported::Partial && !is_alert(&a.question))
        .map(|a| a.text.as_str())
        .collect();
    Some(match (in_place.is_empty(), partly.is_empty()) {
        (true, true) => format!("{head}; none of the practices that would show it is in place."),
        (true, false) => format!("{head}; it shows only partly, in {}, if someone checks.", quoted(&partly)),
        (false, true) => format!("{head}; today it shows only in {}, if someone checks.", quoted(&in_place)),
        (false, false) => format!(
            "{head}; today it shows only in {} (and partly in {}), if someone checks.",
            quoted(&in_place),
            quoted(&partly)
        ),
    })
}

fn texts_of<'a>(report: &'a Facts, ids: &[String]) -> Vec<&'a str> {
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

fn watch(report: &Facts, q: &Questionnaire) -> Vec<String> {
    let mut out = Vec::new();
    if report.teams.len() > 1 {
        out.push(format!(
            "Different teams: the sessions name {}. One level for all of them hides their differences; report each team on its own unless they really work as one.",
            join_and(&report.teams.iter().map(|t| quote(t)).collect::<Vec<_>>())
        ));
    }
    if !report.unknown.is_empty() {
        // With several respondents, a question is "don't know" when half of them or more said so.
        let who = if report.respondents.len() > 1 { "half of the group or more did not know" } else { "nobody knew" };
        out.push(format!(
            "Find out: {who} the answer for {}: {}. A \"don't know\" counts as not in place; ask the people who would know.",
            plural(report.unknown.len(), "practice", "practices"),
            some_of(&texts_of(report, &report.unknown), 3)
        ));
    }
    if !report.older_versions.is_empty() && !report.unanswered.is_empty() {
        let versions: Vec<String> = report.older_versions.iter().map(u32::to_string).collect();
        out.push(format!(
            "Older questionnaire: answered with version {} (now version {}), so questions added since were never asked; answer them before relying on the level.",
            join_and(&versions),
            report.questionnaire.version
        ));
    }
    if !report.unanswered.is_empty() {
        out.push(format!(
            "Not answered: {}: {}. {} as not in place.",
            plural(report.unanswered.len(), "practice", "practices"),
            some_of(&texts_of(report, &report.unanswered), 3),
            if report.unanswered.len() == 1 { "It counts" } else { "They count" }
        ));
    }
    if !report.carried.is_empty() {
        out.push(format!(
            "Not re-checked: {} copied from the earlier assessment and not confirmed since: {}.",
            plural(report.carried.len(), "answer", "answers"),
            some_of(&texts_of(report, &report.carried), 3)
        ));
    }
    out.extend(left_out_watch(report));
    out.extend(evidence_watch(report));
    if !report.na_without_reason.is_empty() {
        out.push(format!(
            "\"Does not apply\" without a reason: {}. {}",
            some_of(&texts_of(report, &report.na_without_reason), 3),
            if report.na_without_reason.len() == 1 {
                "It is left out of the level, so write down why it does not apply."
            } else {
                "These practices are left out of the level, so write down why they do not apply."
            }
        ));
    }
    out.extend(started_ahead_watch(report, q));
    out
}

/// The watch list's lines on practices the context leaves out, one line per reason.
fn left_out_watch(report: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    let mut by_reason: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for n in report.not_applicable.iter().filter(|n| n.reason.starts_with("does not apply: ")) {
        by_reason.entry(n.reason.as_str()).or_default().push(n.question.as_str());
    }
    for (reason, ids) in by_reason {
        let ids: Vec<String> = ids.into_iter().map(str::to_owned).collect();
        out.push(format!(
            "Left out of the score because {}: {}: {}.",
            reason.trim_start_matches("does not apply: "),
            plural(ids.len(), "practice", "practices"),
            some_of(&texts_of(report, &ids), 3)
        ));
    }
    out
}

/// The watch list's line on practices only started above the team's level.
fn started_ahead_watch(report: &Facts, q: &Questionnaire) -> Option<String> {
    // Practices fully in place ahead of the foundation are strengths; the watch list names those
    // only started there, which compete for effort with the levels below.
    let ahead: std::collections::HashSet<&str> = report.ahead_of_foundation.iter().map(String::as_str).collect();
    // In regulated work, validation and governance come first by design: starting them early is
    // the right order there, not a detour.
    let regulated = report.context.as_ref().is_some_and(|c| c.regulated == Some(true));
    let governed_first = |dimension: &str| {
        regulated
            && report
                .dimensions
                .iter()
                .find(|d| d.id == dimension)
                .is_some_and(|d| d.stage.as_deref() == Some("validation") || d.stage.is_none())
    };
    // A safeguard for the people a model decides about (fairness watched in production) is a
    // control, not a detour, whatever its level: it is never told to wait.
    let safeguard = |id: &str| {
        q.question(id).is_some_and(|(_, question)| {
            question.applies_when.contains(&(crate::questionnaire::ContextKey::DecidesAboutPeople, true))
        })
    };
    let started_ahead: Vec<&str> = report
        .answers
        .iter()
        .filter(|a| {
            a.answer == Reported::Partial
                && ahead.contains(a.question.as_str())
                && !governed_first(&a.dimension)
                && !safeguard(&a.question)
        })
        .map(|a| a.text.as_str())
        .collect();
    (!started_ahead.is_empty()).then(|| {
        format!(
            "Started before the basics: {}. These belong to a higher level than the team has reached; finishing the practices of the next level first pays off sooner.",
            some_of(&started_ahead, 3)
        )
    })
}

/// The watch list's lines on evidence: claims the repositories do not show, practices they show
/// that the answers deny, and "yes" answers with no evidence at all.
fn evidence_watch(report: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    let text_of = |c: &'_ crate::evidence::EvidenceCheck| {
        report.answers.iter().find(|a| a.question == c.question).map_or(c.question.clone(), |a| a.text.clone())
    };
    let with_places = |c: &crate::evidence::EvidenceCheck| format!("{} ({})", quote(&text_of(c)), c.found.join(", "));
    if let Some(checks) = &report.evidence_check {
        let unsupported: Vec<String> = checks
            .iter()
            .filter(|c| c.verdict == Verdict::Unsupported && c.answer == Reported::Yes)
            .map(text_of)
            .collect();
        if !unsupported.is_empty() {
            out.push(format!(
                "Answered yes, nothing found in the repositories: {}. Show where {} done, or check the answer.",
                quoted(&unsupported.iter().map(String::as_str).collect::<Vec<_>>()),
                if unsupported.len() == 1 { "it is" } else { "each is" }
            ));
        }
        let denied: Vec<String> = checks
            .iter()
            .filter(|c| c.verdict == Verdict::Contradicted && matches!(c.answer, Reported::No | Reported::Unknown))
            .map(with_places)
            .collect();
        if !denied.is_empty() {
            out.push(format!(
                "Found in the repositories, answered no or don't know: {}. The code shows signs of {}: check whether {} in place after all.",
                join_and(&denied),
                if denied.len() == 1 { "it" } else { "them" },
                if denied.len() == 1 { "it is" } else { "they are" }
            ));
        }
        let against: Vec<String> = checks
            .iter()
            .filter(|c| c.verdict == Verdict::Contradicted && matches!(c.answer, Reported::Yes | Reported::Partial))
            .map(with_places)
            .collect();
        if !against.is_empty() {
            out.push(format!(
                "Answered yes or partly, but the repositories show signs against it: {}.",
                join_and(&against)
            ));
        }
    }
    let claimed = &report.claimed_without_evidence;
    if !claimed.is_empty() {
        // A note may already say where to look; the sentence must not read as "nothing shown".
        let noted = claimed
            .iter()
            .filter(|id| report.answers.iter().any(|a| &a.question == *id && !a.notes.is_empty()))
            .count();
        let notes = match noted {
            0 => String::new(),
            n if n == claimed.len() && n == 1 => " (it has a note, which may name it)".to_owned(),
            n if n == claimed.len() => " (each has a note, which may name it)".to_owned(),
            n => format!(" ({} a note, which may name it)", plural(n, "of them has", "of them have")),
        };
        out.push(format!(
            "Claimed without evidence: {} no recorded evidence{}{notes}. Note where each can be seen (the evidence beside the answer), so that a reader can check it.",
            plural(claimed.len(), "\"yes\" answer has", "\"yes\" answers have"),
            if report.evidence_check.is_some() { " and nothing found in the repositories" } else { "" },
        ));
    }
    out
}

/// The blocking practices that hold the overall level, most telling first: the ones that define
/// the level, then missing before partly done, then in roadmap order.
fn holding_back(report: &Facts) -> Vec<&str> {
    let Some(first) = report.roadmap.first().filter(|p| p.level == report.overall.level + 1) else {
        return Vec::new();
    };
    let mut actions: Vec<&super::model::Action> = first.actions.iter().collect();
    // The practices that define the level first, then the missing before the partly done.
    actions.sort_by_key(|a| (!a.required, a.answer == Reported::Partial));
    actions.iter().map(|a| a.text.as_str()).collect()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// One sentence of about 40 words at most: the level, what the next level needs (at most two
/// practices by name, fewer when their texts are long) and what comes next.
fn verdict(report: &Facts, completeness: &Completeness, unfinished: &[Unfinished]) -> String {
    let who = if report.teams.len() > 1 {
        "The merged assessment of these teams".to_owned()
    } else {
        report.team.clone().unwrap_or_else(|| "The team".to_owned())
    };
    let level = report.overall.level;
    let indicative = if completeness.indicative {
        format!(" (indicative: {} of {} answered)", completeness.answered, completeness.questions)
    } else {
        String::new()
    };
    let highest = report.levels.last().map_or(0, |l| l.level);
    // The level by its number only: its name ("Automated training") would read as a claim about
    // the team that its answers may contradict (a team that trains no model, or retrains partly).
    if level >= highest {
        return format!("{who} is at Level {level}{indicative}, the top level: keep its practices healthy.");
    }
    let now = format!("{who} is at Level {level} of {highest}{indicative}");
    let next = level + 1;
    let next_name = report.levels.get(next as usize).map_or("", |l| l.name.as_str());
    if report.roadmap.is_empty() {
        let target = report.target.level;
        let met = if level > target {
            format!("above its target of Level {target}")
        } else {
            format!("which meets its target of Level {target}")
        };
        return match unfinished.len() {
            0 => format!("{now}, {met}; keep its practices healthy."),
            n => format!("{now}, {met}; {} at or below its level still to finish.", plural(n, "practice", "practices")),
        };
    }
    let blocking = holding_back(report);
    // What is open, not what is "needed": a level asks for most of its practices (and its
    // defining ones), so the open ones are counted and the most telling named.
    let needs = |shown: usize| -> String {
        let items: Vec<String> = blocking.iter().take(shown).map(|t| quote(t)).collect();
        let open = plural(blocking.len(), "practice is", "practices are");
        let named = match (shown, blocking.len() > shown) {
            (0, _) => ", listed in the roadmap".to_owned(),
            (_, true) => format!(", among them {}", join_and(&items)),
            (_, false) => format!(": {}", join_and(&items)),
        };
        format!("{now}; next is Level {next}, {next_name}, for which {open} still open{named}.")
    };
    if blocking.is_empty() {
        return format!("{now}; Level {next}, {next_name}, follows once the weaker areas catch up.");
    }
    // Long practice texts: name fewer rather than run past about 40 words.
    let two = needs(2);
    let one = needs(1);
    if words(&two) <= 40 {
        two
    } else if words(&one) <= 45 {
        one
    } else {
        needs(0)
    }
}

/// Progress since an earlier assessment: overall level before and after, and every answer that
/// changed, in questionnaire order.
pub(crate) fn since_baseline<S: Stage>(report: &Report<S>, baseline: &Baseline) -> SinceBaseline {
    let changed: Vec<Change> = report
        .answers
        .iter()
        .filter_map(|a| {
            let before = baseline.answers.get(&a.question).copied().unwrap_or(Reported::Unanswered);
            (before != a.answer).then(|| Change {
                question: a.question.clone(),
                before,
                after: a.answer,
                text: a.text.clone(),
            })
        })
        .collect();
    let ids = |wanted: fn(&Change) -> bool| changed.iter().filter(|c| wanted(c)).map(|c| c.question.clone()).collect();
    SinceBaseline {
        date: baseline.date.clone(),
        overall_before: baseline.overall_level,
        overall_after: report.overall.level,
        not_asked: ids(|c| c.before == Reported::Unanswered),
        better: ids(|c| c.after.trend_from(c.before) == Trend::Better),
        worse: ids(|c| c.after.trend_from(c.before) == Trend::Worse),
        changed,
        other_version: baseline.version.filter(|v| *v != report.questionnaire.version),
        lower: baseline.overall_level.is_some_and(|b| report.overall.level < b),
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
        let out_of_order = "From partly: finish it. From zero: write it. Done when it is written.";
        assert_eq!(step(out_of_order, false), out_of_order, "parts out of order: kept whole");
        let done_first = "Done when it is written. From zero: write it. From partly: finish it.";
        assert_eq!(step(done_first, true), done_first);
        assert_eq!(
            step_for(r, Reported::Unknown),
            "First find out whether this is in place; if it is not: write it. Done when it is written."
        );
    }

    #[test]
    fn an_answer_moving_toward_yes_is_better_and_away_worse() {
        for (before, after, expected) in [
            ("no", "partial", Trend::Better),
            ("partial", "yes", Trend::Better),
            ("no", "yes", Trend::Better),
            ("yes", "partial", Trend::Worse),
            ("partial", "no", Trend::Worse),
            ("no", "unknown", Trend::Different),
            ("unanswered", "yes", Trend::Different),
            ("na", "no", Trend::Different),
            ("partial", "partial", Trend::Different),
        ] {
            let (b, a) = (Reported::parse(before).unwrap(), Reported::parse(after).unwrap());
            assert_eq!(a.trend_from(b), expected, "{before} -> {after}");
        }
    }

    #[test]
    fn lists_join_with_and() {
        assert_eq!(some_of(&["a", "b", "c", "d"], 2), "“a”, “b” and 2 more");
        assert_eq!(some_of(&["a."], 2), "“a”");
        assert_eq!(some_of(&["a", "b"], 2), "“a” and “b”", "no \"0 more\"");
        assert_eq!(join_and(&[]), "");
    }
}
