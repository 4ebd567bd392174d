//! Building a report from sessions: scores, roadmap, answers, workshop votes and warnings,
//! all from the questionnaire and the sessions' answers.

use super::baseline::baseline_deltas;
use super::model::*;
use super::{milestone, narrative};
use crate::questionnaire::Questionnaire;
use crate::questionnaire::{Dimension, Question};
use crate::roadmap::{self, TargetSource};
use crate::scoring;
use crate::session::{Answer, Reported, Session};
use crate::workshop;
use indexmap::IndexMap;
use std::collections::HashSet;

/// Builds the report of one session or the merge of several (all of the same questionnaire).
///
/// `baseline` holds earlier scores per dimension id, `generated` the report's date. The facts
/// come first; the narrative is written from them and the report carries both.
pub fn build(
    q: &Questionnaire,
    sessions: &[SessionInput],
    baseline: Option<&[(String, f64)]>,
    generated: &str,
) -> Report {
    let facts = facts(q, sessions, baseline, generated);
    let words = narrative::write(&facts, q);
    facts.with_narrative(words)
}

/// The group's answers as scored: a question the team's context leaves out counts exactly as
/// "does not apply", with the reason it was left out.
struct Scored<'a> {
    group: workshop::Group,
    context: Option<&'a crate::session::Context>,
    left_out: Vec<Option<&'static str>>,
    answers: Vec<Option<Answer>>,
    scores: scoring::Scores,
}

fn scored<'a>(q: &Questionnaire, sessions: &[SessionInput<'a>]) -> Scored<'a> {
    let pairs: Vec<(&Session, &str)> = sessions.iter().map(|s| (s.session, s.file_name.as_str())).collect();
    let group = workshop::group(q, &pairs);
    let context = sessions.iter().find_map(|s| s.session.context.as_ref().filter(|c| !c.is_empty()));
    let left_out: Vec<Option<&'static str>> =
        q.questions().map(|(_, qn)| context.and_then(|c| c.leaves_out(&qn.applies_when))).collect();
    let answers: Vec<Option<Answer>> =
        group.answers.iter().zip(&left_out).map(|(a, out)| if out.is_some() { Some(Answer::Na) } else { *a }).collect();
    let scores = scoring::score(q, &answers);
    Scored { group, context, left_out, answers, scores }
}

/// Every fact of the report: scores, target, roadmap, answers, votes and warnings.
fn facts(q: &Questionnaire, sessions: &[SessionInput], baseline: Option<&[(String, f64)]>, generated: &str) -> Facts {
    let Scored { group, context, left_out, answers, scores } = scored(q, sessions);
    let explicit = sessions.iter().find_map(|s| s.session.target);
    let target = roadmap::target(explicit, context, scores.overall_level, q.highest_level());
    let just_sessions: Vec<&Session> = sessions.iter().map(|s| s.session).collect();
    let loads = workshop::merge_loads(&q.stages, &just_sessions);
    let order = roadmap::bottleneck_order(&loads);
    let flat: Vec<(&Dimension, &Question)> = q.questions().collect();
    let dimensions = dimensions_report(q, &scores);
    let ids_where = |wanted: fn(Option<Answer>) -> bool| -> Vec<String> {
        flat.iter().zip(&answers).filter(|(_, a)| wanted(**a)).map(|((_, qn), _)| qn.id.clone()).collect()
    };
    let ahead: HashSet<&str> = scores.dimensions.iter().flat_map(|d| d.ahead.iter().map(String::as_str)).collect();
    let answers_report = answers_report(&flat, &answers, &group, sessions);
    let bottleneck_of = |i: usize| bottleneck_of(q, &loads, i);
    let bottleneck = roadmap::bottleneck(&order, &loads).map(bottleneck_of);
    let mut roadmap =
        roadmap_report(q, &roadmap::phases(q, &q.stages, &ranks(&order), &scores, &answers, target.level), &answers);
    milestone::annotate_roadmap(&mut roadmap, &answers_report, group.names.len() > 1);
    let next_milestone = milestone::next_milestone(&roadmap);
    let for_bottleneck =
        milestone::for_bottleneck(q, bottleneck.as_ref(), next_milestone.as_ref(), &dimensions, &answers_report);
    let (team, team_warnings) =
        workshop::team_of(&sessions.iter().map(|s| (s.session, s.file_name.as_str())).collect::<Vec<_>>());
    let (claimed_without_evidence, evidence_check) = evidence(sessions, &answers_report);
    Report {
        questionnaire: questionnaire_info(q),
        overall: overall(q, &scores),
        context: context.map(context_report),
        target: TargetInfo {
            level: target.level,
            source: target.source,
            name: q.level_name(target.level).to_owned(),
            reason: target_reason(target.source, context),
        },
        baseline: baseline.map(|before| baseline_deltas(&dimensions, before)),
        dimensions,
        bottlenecks: order.iter().map(|&i| bottleneck_of(i)).collect(),
        roadmap,
        unknown: ids_where(|a| a == Some(Answer::Unknown)),
        unanswered: ids_where(|a| a.is_none()),
        ahead_of_foundation: ids_where_set(&flat, &ahead),
        carried: carried(&flat, sessions),
        disagreements: disagreements(q, &group, sessions),
        role_gaps: role_gaps(q, &group),
        warnings: warnings(q, sessions).into_iter().chain(team_warnings).collect(),
        changed_minds: changed_minds(q, &group, sessions),
        baseline_previous: None,
        team,
        generated: generated.to_owned(),
        date: sessions.iter().filter_map(|s| s.session.date.clone()).max(),
        levels: levels(q),
        not_applicable: not_applicable(&answers_report, &left_out, group.workshop || sessions.len() > 1),
        claimed_without_evidence,
        evidence_check,
        na_without_reason: na_without_reason(&answers_report, &left_out),
        answers: answers_report,
        bottleneck,
        next_milestone,
        for_bottleneck,
        verdict: (),
        completeness: (),
        progress: (),
        strengths: (),
        silent_degradation: (),
        watch: (),
        since_baseline: (),
        unfinished: (),
        teams: distinct_teams(sessions),
        older_versions: older_versions(q, sessions),
        timing: timing(q, sessions),
        workshop: group.workshop,
        answered_time_shares: answered_time_shares(q, sessions),
        time_shares_rescaled: sessions.iter().any(|s| time_shares_rescaled(q, s.session)),
        respondents: group.names,
    }
}

/// "Does not apply" answers with no note saying why (not those the context leaves out).
fn na_without_reason(answers: &[AnswerReport], left_out: &[Option<&'static str>]) -> Vec<String> {
    answers
        .iter()
        .zip(left_out)
        .filter(|(a, out)| out.is_none() && a.answer == Reported::Na && a.notes.is_empty())
        .map(|(a, _)| a.question.clone())
        .collect()
}

fn questionnaire_info(q: &Questionnaire) -> QuestionnaireInfo {
    QuestionnaireInfo { id: q.id.clone(), version: q.version, title: q.title.clone(), guide: q.guide.clone() }
}

fn overall(q: &Questionnaire, scores: &scoring::Scores) -> Overall {
    Overall {
        level: scores.overall_level,
        score: scores.overall_score,
        weakest: scores.weakest.iter().map(|&i| q.dimensions[i].id.clone()).collect(),
        name: q.level_name(scores.overall_level).to_owned(),
    }
}

fn levels(q: &Questionnaire) -> Vec<LevelReport> {
    q.levels.iter().map(|l| LevelReport { level: l.level, name: l.name.clone(), summary: l.summary.clone() }).collect()
}

fn role_gaps(q: &Questionnaire, group: &workshop::Group) -> Vec<RoleGap> {
    workshop::role_gaps(q, &group.roles, &group.slices())
        .into_iter()
        .map(|(dimension, scores)| RoleGap { dimension, scores: scores.into_iter().collect() })
        .collect()
}

/// The "yes" answers with no evidence at all, and the answers checked against the sessions'
/// repository scan (the first session that has one).
fn evidence(
    sessions: &[SessionInput],
    answers: &[AnswerReport],
) -> (Vec<String>, Option<Vec<crate::evidence::EvidenceCheck>>) {
    let scan = sessions.iter().find_map(|s| s.session.scan.as_deref());
    let claimed = crate::evidence::claimed_without_evidence(
        scan,
        answers.iter().map(|a| (a.question.as_str(), a.answer, !a.evidence.is_empty())),
    );
    let check =
        scan.map(|scan| crate::evidence::evidence_check(scan, answers.iter().map(|a| (a.question.as_str(), a.answer))));
    (claimed, check)
}

/// Each stage's rank in bottleneck order (0 first), by stage index.
fn ranks(order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Stage `i` as the report names a bottleneck: its time share and pain.
fn bottleneck_of(q: &Questionnaire, loads: &[roadmap::StageLoad], i: usize) -> Bottleneck {
    Bottleneck {
        stage: q.stages[i].id.clone(),
        name: q.stages[i].name.clone(),
        time_share: loads[i].time_share,
        pain: loads[i].pain,
    }
}

fn context_report(c: &crate::session::Context) -> ContextReport {
    ContextReport {
        models_in_production: c.models_in_production,
        criticality: c.criticality.map(|c| c.as_str()),
        regulated: c.regulated,
        trains_models: c.trains_models,
        decides_about_people: c.decides_about_people,
        customer_facing: c.customer_facing,
    }
}

/// Each dimension's level, score, per-level ratios and blocking questions.
fn dimensions_report(q: &Questionnaire, scores: &scoring::Scores) -> Vec<DimensionReport> {
    q.dimensions
        .iter()
        .zip(&scores.dimensions)
        .map(|(d, r)| DimensionReport {
            id: d.id.clone(),
            name: d.name.clone(),
            stage: d.stage.clone(),
            level: r.level,
            score: r.score,
            levels: (1..)
                .zip(r.ratios.iter().zip(&r.met))
                .map(|(level, (&ratio, &met))| LevelRatio { level, ratio, met })
                .collect(),
            blocking: r.blocking.clone(),
        })
        .collect()
}

/// The roadmap's phases with their actions (notes and steps are added by `milestone`).
fn roadmap_report(q: &Questionnaire, phases: &[roadmap::Phase], answers: &[Option<Answer>]) -> Vec<PhaseReport> {
    let action = |&(d, qi): &(usize, usize)| {
        let dim = &q.dimensions[d];
        let question = &dim.questions[qi];
        Action {
            question: question.id.clone(),
            dimension: dim.id.clone(),
            level: question.level,
            required: question.required,
            answer: Reported::from(answers[q.dimension_start(d) + qi]),
            recommendation: question.recommendation.clone(),
            text: question.text.clone(),
            effort: question.effort.map(|e| e.as_str()),
            owner: question.owner.clone(),
            dimension_name: dim.name.clone(),
            note: None,
            step: String::new(),
        }
    };
    phases
        .iter()
        .map(|p| PhaseReport {
            level: p.level,
            name: q.level_name(p.level).to_owned(),
            actions: p.actions.iter().map(action).collect(),
            by_dimension: Vec::new(),
        })
        .collect()
}

/// A workshop's disagreements: the question, each respondent's answer, and the agreed answer.
fn disagreements(q: &Questionnaire, group: &workshop::Group, sessions: &[SessionInput]) -> Vec<Disagreement> {
    workshop::disagreements(q, &group.names, &group.slices())
        .into_iter()
        .map(|(question, column)| Disagreement {
            text: q.question(&question).map(|(_, qn)| qn.text.clone()).unwrap_or_default(),
            answers: column.into_iter().collect(),
            agreed: agreed_answer(group, sessions, &question),
            question,
        })
        .collect()
}

/// Every question's answer, with its votes, notes and evidence.
fn answers_report(
    flat: &[(&Dimension, &Question)],
    answers: &[Option<Answer>],
    group: &workshop::Group,
    sessions: &[SessionInput],
) -> Vec<AnswerReport> {
    flat.iter()
        .zip(answers)
        .enumerate()
        .map(|(i, ((d, qn), a))| {
            let (notes, evidence) = if group.workshop {
                workshop_notes(group, sessions, &qn.id)
            } else {
                notes_and_evidence(qn, &group.names, sessions)
            };
            AnswerReport {
                question: qn.id.clone(),
                dimension: d.id.clone(),
                level: qn.level,
                text: qn.text.clone(),
                answer: Reported::from(*a),
                votes: group.votes(i).into_iter().collect(),
                first_votes: first_votes_of(group, sessions, &qn.id),
                notes,
                evidence,
            }
        })
        .collect()
}

/// Separate sessions' notes (by respondent) and evidence for one question: its own answer, or
/// the answer to an id it replaces.
fn notes_and_evidence(qn: &Question, names: &[String], sessions: &[SessionInput]) -> (Vec<Note>, Vec<String>) {
    let mut notes = Vec::new();
    let mut evidence = Vec::new();
    let entries = sessions.iter().zip(names).filter_map(|(s, n)| {
        let own = s.session.answers.get(&qn.id);
        let replaced = || s.session.replaced_answer(qn).and_then(|(old, _)| s.session.answers.get(old));
        own.or_else(replaced).map(|e| (n, e))
    });
    for (name, entry) in entries {
        if let Some(text) = entry.note.as_ref().filter(|t| !t.trim().is_empty()) {
            notes.push(Note { respondent: name.clone(), text: text.clone() });
        }
        if let Some(ev) = entry.evidence.as_ref().filter(|t| !t.trim().is_empty()) {
            evidence.push(ev.clone());
        }
    }
    (notes, evidence)
}

/// Answers copied from an earlier assessment and not re-checked since.
fn carried(flat: &[(&Dimension, &Question)], sessions: &[SessionInput]) -> Vec<String> {
    flat.iter()
        .filter(|(_, qn)| {
            sessions.iter().any(|s| s.session.answers.get(&qn.id).is_some_and(|e| e.carried && e.answer.is_some()))
        })
        .map(|(_, qn)| qn.id.clone())
        .collect()
}

/// Earlier versions of the questionnaire that sessions answered, each once, in order.
fn older_versions(q: &Questionnaire, sessions: &[SessionInput]) -> Vec<u32> {
    let mut v: Vec<u32> =
        sessions.iter().filter_map(|s| s.session.questionnaire_version).filter(|v| *v != q.version).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A single session's time spent, per dimension in questionnaire order.
fn timing(q: &Questionnaire, sessions: &[SessionInput]) -> Option<TimingReport> {
    let [one] = sessions else { return None };
    one.session.timing.as_ref().map(|t| TimingReport {
        elapsed_s: t.elapsed_s,
        dimensions: q.dimensions.iter().filter_map(|d| Some((d.id.clone(), *t.dimensions.get(&d.id)?))).collect(),
    })
}

/// A single session's time shares as written, before rescaling.
fn answered_time_shares(q: &Questionnaire, sessions: &[SessionInput]) -> IndexMap<String, f64> {
    let [one] = sessions else { return IndexMap::new() };
    q.stages.iter().filter_map(|st| Some((st.id.clone(), one.session.bottlenecks.get(&st.id)?.time_share?))).collect()
}

/// Whether a session's time shares do not add up to 100 (and were rescaled to percent).
fn time_shares_rescaled(q: &Questionnaire, s: &Session) -> bool {
    let shares: Vec<f64> =
        q.stages.iter().filter_map(|st| s.bottlenecks.get(&st.id).and_then(|r| r.time_share)).collect();
    let sum: f64 = shares.iter().sum();
    !shares.is_empty() && sum > 0.0 && (sum - 100.0).abs() > 0.5
}

/// The teams the sessions name, each once (case aside), in order.
fn distinct_teams(sessions: &[SessionInput]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sessions {
        if let Some(team) = s.session.team.as_deref().map(str::trim).filter(|t| !t.is_empty())
            && !out.iter().any(|t| t.to_lowercase() == team.to_lowercase())
        {
            out.push(team.to_owned());
        }
    }
    out
}

/// A workshop's votes on a question at its first reveal, by participant in order (empty when
/// the question was never voted on again, and for anything but one workshop session).
fn first_votes_of(group: &workshop::Group, sessions: &[SessionInput], question: &str) -> IndexMap<String, Answer> {
    let ([only], true) = (sessions, group.workshop) else { return IndexMap::new() };
    let Some(entry) = only.session.answers.get(question) else { return IndexMap::new() };
    group.names.iter().filter_map(|n| entry.first_votes.get(n).map(|a| (n.clone(), *a))).collect()
}

/// Who changed their vote between the first reveal (`first_votes`) and the latest round
/// (`votes`) of a workshop's re-votes; a participant without a vote in either round changed
/// nothing.
pub(crate) fn changed_minds(q: &Questionnaire, group: &workshop::Group, sessions: &[SessionInput]) -> Vec<ChangedMind> {
    let ([only], true) = (sessions, group.workshop) else { return Vec::new() };
    let mut out = Vec::new();
    for (_, qn) in q.questions() {
        let Some(entry) = only.session.answers.get(&qn.id) else { continue };
        for name in &group.names {
            if let (Some(before), Some(after)) = (entry.first_votes.get(name), entry.votes.get(name))
                && before != after
            {
                out.push(ChangedMind {
                    question: qn.id.clone(),
                    respondent: name.clone(),
                    before: *before,
                    after: *after,
                });
            }
        }
    }
    out
}

/// A workshop's agreed answer to a question, for its disagreement entry; null otherwise.
fn agreed_answer(group: &workshop::Group, sessions: &[SessionInput], question: &str) -> Option<Answer> {
    let [only] = sessions else { return None };
    group.workshop.then(|| only.session.answer(question)).flatten()
}

/// A workshop's note and evidence for a question, split back per person where the lines say
/// `Name: text` (as `merge` writes them); other lines are the workshop's own.
fn workshop_notes(group: &workshop::Group, sessions: &[SessionInput], question: &str) -> (Vec<Note>, Vec<String>) {
    let Some(entry) = sessions.first().and_then(|s| s.session.answers.get(question)) else {
        return (Vec::new(), Vec::new());
    };
    let notes = entry
        .note
        .as_deref()
        .map(|n| workshop::split_by_person(n, &group.names, "workshop"))
        .unwrap_or_default()
        .into_iter()
        .map(|(respondent, text)| Note { respondent, text })
        .collect();
    let evidence = entry
        .evidence
        .as_deref()
        .map(|e| workshop::split_by_person(e, &group.names, "workshop"))
        .unwrap_or_default()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    (notes, evidence)
}

fn ids_where_set(
    flat: &[(&crate::questionnaire::Dimension, &crate::questionnaire::Question)],
    set: &HashSet<&str>,
) -> Vec<String> {
    flat.iter().filter(|(_, qn)| set.contains(qn.id.as_str())).map(|(_, qn)| qn.id.clone()).collect()
}

fn target_reason(source: TargetSource, context: Option<&crate::session::Context>) -> String {
    match (source, context) {
        (TargetSource::Explicit, _) => "set by the team".into(),
        (TargetSource::Context, Some(c)) => {
            let mut parts = Vec::new();
            if let Some(n) = c.models_in_production {
                parts.push(format!("{n} model{} in production", if n == 1 { "" } else { "s" }));
            }
            if let Some(crit) = c.criticality {
                parts.push(format!("{} criticality", crit.as_str()));
            }
            match c.customer_facing {
                Some(true) => parts.push("customers see the output".into()),
                Some(false) => parts.push("no customer sees the output".into()),
                None => {}
            }
            match c.decides_about_people {
                Some(true) => parts.push("decisions about people".into()),
                Some(false) => parts.push("no decisions about people".into()),
                None => {}
            }
            match c.regulated {
                Some(true) => parts.push("regulated".into()),
                Some(false) => parts.push("not regulated".into()),
                None => {}
            }
            let fits = format!("fits the team's context ({})", parts.join(", "));
            if roadmap::regulation_capped(c) {
                format!(
                    "{fits}; held at Level {} because the work is regulated: self-healing (automatic retraining and promotion) needs the validation and approval a regulator expects; to aim there anyway, set the target to Level 3 explicitly",
                    roadmap::REGULATED_CAP
                )
            } else {
                fits
            }
        }
        _ => "the next level up; describe the team's context for a target that fits its volume and risk".into(),
    }
}

/// The practices left out of the score, in questionnaire order: those `applies_when` leaves out
/// (with the context's reason) and those answered "does not apply" (their notes are the reason).
fn not_applicable(answers: &[AnswerReport], left_out: &[Option<&'static str>], named: bool) -> Vec<NotApplicable> {
    answers
        .iter()
        .zip(left_out)
        .filter_map(|(a, out)| {
            let reason = match out {
                Some(why) => (*why).to_owned(),
                None if a.answer == Reported::Na && a.notes.is_empty() => "no reason given".to_owned(),
                None if a.answer == Reported::Na => a
                    .notes
                    .iter()
                    .map(|n| if named { format!("{}: {}", n.respondent, n.text) } else { n.text.clone() })
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => return None,
            };
            Some(NotApplicable { question: a.question.clone(), reason })
        })
        .collect()
}

/// What the reader should know about the input: answers kept but not scored, version drift.
fn warnings(q: &Questionnaire, sessions: &[SessionInput]) -> Vec<String> {
    let mut out = Vec::new();
    let stage_ids: HashSet<&str> = q.stages.iter().map(|s| s.id.as_str()).collect();
    for s in sessions {
        let file = &s.file_name;
        if let Some(v) = s.session.questionnaire_version
            && v != q.version
        {
            out.push(format!(
                "{file}: answered version {v} of questionnaire {}, which is now version {}; check the answers still fit",
                q.id, q.version
            ));
        }
        let mut counted: HashSet<&str> = HashSet::new();
        for (_, question) in q.questions() {
            if let Some((old, _)) = s.session.replaced_answer(question) {
                counted.insert(old);
                out.push(format!("{file}: answer to {old} counted for {}", question.id));
            }
        }
        let unknown: Vec<&String> =
            s.session.answers.keys().filter(|id| q.question(id).is_none() && !counted.contains(id.as_str())).collect();
        match unknown.as_slice() {
            [] => {}
            [id] => out.push(format!("{file}: answer for unknown question `{id}` is kept in the file but not scored")),
            many => {
                // A list of thousands helps nobody: name a few and count the rest.
                let shown: Vec<String> = many.iter().take(5).map(|id| format!("`{id}`")).collect();
                let more = if many.len() > 5 { format!(" and {} more", many.len() - 5) } else { String::new() };
                out.push(format!(
                    "{file}: {} answers for questions not in {} are kept in the file but not scored: {}{more}",
                    many.len(),
                    q.id,
                    shown.join(", ")
                ));
            }
        }
        for stage in s.session.bottlenecks.keys() {
            if !stage_ids.contains(stage.as_str()) {
                out.push(format!("{file}: bottleneck rating for unknown stage `{stage}` is not used"));
            }
        }
    }
    out
}
