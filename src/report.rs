//! The report: one `Report` struct that is the JSON output, the template context and what the
//! TUI's results screen shows — built in one place, from a questionnaire and its sessions.
//!
//! Building is pure (no clock, no files: the shell passes the date and file names in); rendering
//! goes through Tera with a few filters that keep free text from breaking Markdown tables.

use crate::narrative;
use crate::questionnaire::Questionnaire;
use crate::roadmap::{self, TargetSource};
use crate::scoring;
use crate::session::{Answer, Session};
use crate::workshop;
use indexmap::IndexMap;
use serde::Serialize;
use std::collections::HashSet;

/// The Markdown template compiled into the binary.
pub use crate::templates::{DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_NAME};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub questionnaire: QuestionnaireInfo,
    pub respondents: Vec<String>,
    pub overall: Overall,
    pub target: TargetInfo,
    /// The team's context (the first session that has one), or null.
    pub context: Option<ContextReport>,
    pub dimensions: Vec<DimensionReport>,
    pub bottlenecks: Vec<Bottleneck>,
    pub roadmap: Vec<PhaseReport>,
    pub unknown: Vec<String>,
    pub unanswered: Vec<String>,
    pub ahead_of_foundation: Vec<String>,
    /// Answers copied from an earlier assessment and not re-checked since.
    pub carried: Vec<String>,
    pub disagreements: Vec<Disagreement>,
    pub role_gaps: Vec<RoleGap>,
    pub warnings: Vec<String>,
    /// A workshop's re-votes: who changed their vote between `first_votes` and `votes`, in
    /// questionnaire order, then participant order.
    pub changed_minds: Vec<ChangedMind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Vec<BaselineDelta>>,
    /// The session's `previous`, when the report used it as the baseline (no `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_previous: Option<String>,
    pub team: Option<String>,
    pub generated: String,
    /// The latest session date, or null when no session has one.
    pub date: Option<String>,
    pub levels: Vec<LevelReport>,
    pub answers: Vec<AnswerReport>,
    /// "Does not apply" answers given without a note saying why.
    pub na_without_reason: Vec<String>,
    /// One sentence: the level, why (the blocking practices by text), what comes next.
    pub verdict: String,
    /// How much of the questionnaire was answered.
    pub completeness: narrative::Completeness,
    /// Toward the next overall level; null at the highest level.
    pub progress: Option<narrative::Progress>,
    /// Practices in place above their dimension's level.
    pub strengths: Vec<narrative::Strength>,
    /// The warning that worse predictions would go unnoticed, from the monitoring answers; null
    /// when a model-quality alert is in place.
    pub silent_degradation: Option<String>,
    /// What the reader should check, in sentences naming practices by their text.
    pub watch: Vec<String>,
    /// Only with --baseline: overall level before and after, and every answer that changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_baseline: Option<narrative::SinceBaseline>,
    /// With the target met: practices at or below the team's level not fully in place.
    pub unfinished: Vec<narrative::Unfinished>,
    /// Every distinct team the sessions name, in order; more than one is a warning.
    pub teams: Vec<String>,
    /// Questions answered yes with no recorded evidence and no finding of a repository scan.
    pub claimed_without_evidence: Vec<String>,
    /// Answers compared with the findings of the sessions' repository scan (the first session
    /// that has one); only when there is a scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_check: Option<Vec<crate::evidence::EvidenceCheck>>,
    /// Some respondent's time shares did not add up to 100 and were rescaled to percent.
    pub time_shares_rescaled: bool,
    /// Stage id -> time share as the one respondent wrote it, before rescaling (empty for a merge).
    pub answered_time_shares: IndexMap<String, f64>,
    /// Earlier versions of the questionnaire that sessions answered, each once, in order.
    pub older_versions: Vec<u32>,
    /// Time spent, from a single session's `timing`; null for several files or without one.
    pub timing: Option<TimingReport>,
    /// Practices left out of the score, with the reason: "does not apply" answers (their notes,
    /// or "no reason given") and the questions `applies_when` leaves out for this team.
    pub not_applicable: Vec<NotApplicable>,
    /// The bottleneck: the first rated stage in bottleneck order, or null when none is rated.
    pub bottleneck: Option<Bottleneck>,
    /// The next milestone as Markdown and HTML show it; null without a roadmap.
    pub next_milestone: Option<Milestone>,
    /// When the next milestone has no action for the bottleneck stage: that stage's next
    /// practices, named "for the bottleneck".
    pub for_bottleneck: Vec<Action>,
    /// The report is of one workshop session (participants voting in one file).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub workshop: bool,
}

/// Whole seconds spent on the assessment, in all and per dimension id (questionnaire order,
/// the dimensions the session recorded a time for).
#[derive(Debug, Clone, Serialize)]
pub struct TimingReport {
    pub elapsed_s: u64,
    pub dimensions: IndexMap<String, u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// How to answer (what yes, partly, no, don't know and does not apply mean), when given.
    pub guide: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    pub level: u32,
    pub score: f64,
    pub weakest: Vec<String>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    pub level: u32,
    pub source: TargetSource,
    pub name: String,
    /// Why this target, in a phrase a manager can read.
    pub reason: String,
}

/// The context behind the target, as the sessions gave it (unset parts are null).
#[derive(Debug, Clone, Serialize)]
pub struct ContextReport {
    pub models_in_production: Option<u32>,
    pub criticality: Option<&'static str>,
    pub regulated: Option<bool>,
    pub trains_models: Option<bool>,
    pub decides_about_people: Option<bool>,
    pub customer_facing: Option<bool>,
}

/// A practice left out of the score: answered "does not apply" (the reason is its notes), or
/// left out by its `applies_when` and the team's context.
#[derive(Debug, Clone, Serialize)]
pub struct NotApplicable {
    pub question: String,
    pub reason: String,
}

/// The next milestone as Markdown and HTML show it: its most important actions (required ones
/// first, then roadmap order) and how many more the JSON and CSV list.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub level: u32,
    pub name: String,
    pub actions: Vec<Action>,
    pub total: usize,
    pub more: usize,
}

/// How many actions of the next milestone Markdown and HTML show.
pub const MILESTONE_SHOWN: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct DimensionReport {
    pub id: String,
    pub name: String,
    pub stage: Option<String>,
    pub level: u32,
    pub score: f64,
    pub levels: Vec<LevelRatio>,
    pub blocking: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRatio {
    pub level: u32,
    pub ratio: Option<f64>,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bottleneck {
    pub stage: String,
    pub name: String,
    pub time_share: f64,
    pub pain: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseReport {
    pub level: u32,
    pub name: String,
    pub actions: Vec<Action>,
    /// The phase in brief: how many actions each dimension has, in roadmap order.
    pub by_dimension: Vec<PhaseDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseDimension {
    pub dimension: String,
    pub name: String,
    pub actions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub question: String,
    pub dimension: String,
    pub level: u32,
    /// The practice defines its level (the questionnaire's `required`).
    pub required: bool,
    pub answer: String,
    pub recommendation: String,
    pub text: String,
    pub effort: Option<&'static str>,
    pub owner: Option<String>,
    pub dimension_name: String,
    /// The respondents' notes on today's answer, one line each (`Name: note` when several).
    pub note: Option<String>,
    /// The part of the recommendation that starts from today's answer ("From partly: …" for
    /// partly, "From zero: …" otherwise) with its "Done when …"; the whole recommendation when
    /// it is not written in those parts.
    pub step: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub question: String,
    pub text: String,
    pub answers: IndexMap<String, String>,
    /// A workshop's agreed answer for the question, or null.
    pub agreed: Option<String>,
}

/// One participant whose vote at a re-vote differs from their vote at the first reveal.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChangedMind {
    pub question: String,
    pub respondent: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleGap {
    pub dimension: String,
    pub scores: IndexMap<String, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaselineDelta {
    pub dimension: String,
    pub before: Option<f64>,
    pub after: f64,
    pub delta: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelReport {
    pub level: u32,
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerReport {
    pub question: String,
    pub dimension: String,
    pub level: u32,
    pub text: String,
    pub answer: String,
    /// Each respondent's own answer when there are several respondents; empty for one session.
    pub votes: IndexMap<String, String>,
    /// A workshop's votes at the first reveal when the question was voted on again; else empty.
    pub first_votes: IndexMap<String, String>,
    pub notes: Vec<Note>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub respondent: String,
    pub text: String,
}

/// One session and the name of its file (used when the session names no respondent).
pub struct SessionInput<'a> {
    pub file_name: String,
    pub session: &'a Session,
}

/// The answer as the report spells it; no answer at all is "unanswered".
pub fn answer_str(answer: Option<Answer>) -> &'static str {
    answer.map_or("unanswered", Answer::as_str)
}

/// Builds the report of one session or the merge of several (all of the same questionnaire).
///
/// `baseline` holds earlier scores per dimension id, `generated` the report's date.
pub fn build(
    q: &Questionnaire,
    sessions: &[SessionInput],
    baseline: Option<&[(String, f64)]>,
    generated: &str,
) -> Report {
    let pairs: Vec<(&Session, &str)> = sessions.iter().map(|s| (s.session, s.file_name.as_str())).collect();
    let group = workshop::group(q, &pairs);
    let names = group.names.clone();
    let slices = group.slices();
    let explicit = sessions.iter().find_map(|s| s.session.target);
    let context = sessions.iter().find_map(|s| s.session.context.as_ref().filter(|c| !c.is_empty()));
    // A question the team's context leaves out counts exactly as "does not apply".
    let left_out: Vec<Option<&'static str>> =
        q.questions().map(|(_, qn)| context.and_then(|c| c.leaves_out(&qn.applies_when))).collect();
    let answers: Vec<Option<Answer>> =
        group.answers.iter().zip(&left_out).map(|(a, out)| if out.is_some() { Some(Answer::Na) } else { *a }).collect();
    let scores = scoring::score(q, &answers);

    let target = roadmap::target(explicit, context, scores.overall_level, q.highest_level());

    let just_sessions: Vec<&Session> = sessions.iter().map(|s| s.session).collect();
    let loads = workshop::merge_loads(&q.stages, &just_sessions);
    let order = roadmap::bottleneck_order(&loads);
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let phases = roadmap::phases(q, &q.stages, &rank, &scores, &answers, target.level);

    let flat: Vec<(&crate::questionnaire::Dimension, &crate::questionnaire::Question)> = q.questions().collect();

    let dimensions: Vec<DimensionReport> = q
        .dimensions
        .iter()
        .zip(&scores.dimensions)
        .map(|(d, r)| DimensionReport {
            id: d.id.clone(),
            name: d.name.clone(),
            stage: d.stage.clone(),
            level: r.level,
            score: r.score,
            levels: r
                .ratios
                .iter()
                .zip(&r.met)
                .enumerate()
                .map(|(i, (&ratio, &met))| LevelRatio { level: i as u32 + 1, ratio, met })
                .collect(),
            blocking: r.blocking.clone(),
        })
        .collect();

    let roadmap_report = phases
        .iter()
        .map(|p| PhaseReport {
            level: p.level,
            name: q.level_name(p.level).to_owned(),
            actions: p
                .actions
                .iter()
                .map(|&(d, qi)| {
                    let dim = &q.dimensions[d];
                    let question = &dim.questions[qi];
                    Action {
                        question: question.id.clone(),
                        dimension: dim.id.clone(),
                        level: question.level,
                        required: question.required,
                        answer: answer_str(answers[q.dimension_start(d) + qi]).to_owned(),
                        recommendation: question.recommendation.clone(),
                        text: question.text.clone(),
                        effort: question.effort.map(|e| e.as_str()),
                        owner: question.owner.clone(),
                        dimension_name: dim.name.clone(),
                        note: None,
                        step: String::new(),
                    }
                })
                .collect(),
            by_dimension: Vec::new(),
        })
        .collect();

    let ids_where = |wanted: fn(Option<Answer>) -> bool| -> Vec<String> {
        flat.iter().zip(&answers).filter(|(_, a)| wanted(**a)).map(|((_, qn), _)| qn.id.clone()).collect()
    };
    let unknown = ids_where(|a| a == Some(Answer::Unknown));
    let unanswered = ids_where(|a| a.is_none());
    let ahead: HashSet<&str> = scores.dimensions.iter().flat_map(|d| d.ahead.iter().map(String::as_str)).collect();
    let ahead_of_foundation = ids_where_set(&flat, &ahead);

    let disagreements: Vec<Disagreement> = workshop::disagreements(q, &names, &slices)
        .into_iter()
        .map(|(question, column)| Disagreement {
            text: q.question(&question).map(|(_, qn)| qn.text.clone()).unwrap_or_default(),
            answers: column.into_iter().map(|(n, a)| (n, a.as_str().to_owned())).collect(),
            agreed: agreed_answer(&group, sessions, &question),
            question,
        })
        .collect();
    let open_disagreements = disagreements.iter().filter(|d: &&Disagreement| d.agreed.is_none()).count();
    let role_gaps = workshop::role_gaps(q, &group.roles, &slices)
        .into_iter()
        .map(|(dimension, scores)| RoleGap { dimension, scores: scores.into_iter().collect() })
        .collect();

    let answers_report: Vec<AnswerReport> = flat
        .iter()
        .zip(&answers)
        .enumerate()
        .map(|(i, ((d, qn), a))| {
            let votes: IndexMap<String, String> =
                group.votes(i).into_iter().map(|(n, v)| (n, v.as_str().to_owned())).collect();
            let entries = sessions.iter().zip(&names).filter_map(|(s, n)| {
                let own = s.session.answers.get(&qn.id);
                let replaced = || s.session.replaced_answer(qn).and_then(|(old, _)| s.session.answers.get(old));
                own.or_else(replaced).map(|e| (n, e))
            });
            let mut notes = Vec::new();
            let mut evidence = Vec::new();
            if group.workshop {
                (notes, evidence) = workshop_notes(&group, sessions, &qn.id);
            }
            for (name, entry) in entries.filter(|_| !group.workshop) {
                if let Some(text) = entry.note.as_ref().filter(|t| !t.trim().is_empty()) {
                    notes.push(Note { respondent: name.clone(), text: text.clone() });
                }
                if let Some(ev) = entry.evidence.as_ref().filter(|t| !t.trim().is_empty()) {
                    evidence.push(ev.clone());
                }
            }
            AnswerReport {
                question: qn.id.clone(),
                dimension: d.id.clone(),
                level: qn.level,
                text: qn.text.clone(),
                answer: answer_str(*a).to_owned(),
                votes,
                first_votes: first_votes_of(&group, sessions, &qn.id),
                notes,
                evidence,
            }
        })
        .collect();
    let na_without_reason = answers_report
        .iter()
        .zip(&left_out)
        .filter(|(a, out)| out.is_none() && a.answer == "na" && a.notes.is_empty())
        .map(|(a, _)| a.question.clone())
        .collect();
    let not_applicable = not_applicable(&answers_report, &left_out, group.workshop || sessions.len() > 1);

    let bottlenecks = order
        .iter()
        .map(|&i| Bottleneck {
            stage: q.stages[i].id.clone(),
            name: q.stages[i].name.clone(),
            time_share: loads[i].time_share,
            pain: loads[i].pain,
        })
        .collect();

    let baseline = baseline.map(|before| baseline_deltas(&dimensions, before));

    let (team, team_warnings) = workshop::team_of(&pairs);
    let scan = sessions.iter().find_map(|s| s.session.scan.as_deref());
    let claimed_without_evidence = crate::evidence::claimed_without_evidence(
        scan,
        answers_report.iter().map(|a| (a.question.as_str(), a.answer.as_str(), !a.evidence.is_empty())),
    );
    let evidence_check = scan.map(|scan| {
        crate::evidence::evidence_check(scan, answers_report.iter().map(|a| (a.question.as_str(), a.answer.as_str())))
    });

    let mut report = Report {
        questionnaire: QuestionnaireInfo {
            id: q.id.clone(),
            version: q.version,
            title: q.title.clone(),
            guide: q.guide.clone(),
        },
        respondents: names,
        overall: Overall {
            level: scores.overall_level,
            score: scores.overall_score,
            weakest: scores.weakest.iter().map(|&i| q.dimensions[i].id.clone()).collect(),
            name: q.level_name(scores.overall_level).to_owned(),
        },
        context: context.map(|c| ContextReport {
            models_in_production: c.models_in_production,
            criticality: c.criticality.map(|c| c.as_str()),
            regulated: c.regulated,
            trains_models: c.trains_models,
            decides_about_people: c.decides_about_people,
            customer_facing: c.customer_facing,
        }),
        target: TargetInfo {
            level: target.level,
            source: target.source,
            name: q.level_name(target.level).to_owned(),
            reason: target_reason(target.source, context),
        },
        dimensions,
        bottlenecks,
        roadmap: roadmap_report,
        unknown,
        unanswered,
        ahead_of_foundation,
        carried: flat
            .iter()
            .filter(|(_, qn)| {
                sessions.iter().any(|s| s.session.answers.get(&qn.id).is_some_and(|e| e.carried && e.answer.is_some()))
            })
            .map(|(_, qn)| qn.id.clone())
            .collect(),
        disagreements,
        role_gaps,
        warnings: warnings(q, sessions).into_iter().chain(team_warnings).collect(),
        changed_minds: changed_minds(q, &group, sessions),
        baseline,
        baseline_previous: None,
        team,
        generated: generated.to_owned(),
        date: sessions.iter().filter_map(|s| s.session.date.clone()).max(),
        levels: q
            .levels
            .iter()
            .map(|l| LevelReport { level: l.level, name: l.name.clone(), summary: l.summary.clone() })
            .collect(),
        answers: answers_report,
        na_without_reason,
        not_applicable,
        bottleneck: roadmap::bottleneck(&order, &loads).map(|i| Bottleneck {
            stage: q.stages[i].id.clone(),
            name: q.stages[i].name.clone(),
            time_share: loads[i].time_share,
            pain: loads[i].pain,
        }),
        next_milestone: None,
        for_bottleneck: Vec::new(),
        verdict: String::new(),
        completeness: narrative::Completeness {
            answered: 0,
            questions: 0,
            indicative: false,
            level_may_change: false,
            open_disagreements: if group.workshop { open_disagreements } else { 0 },
        },
        progress: None,
        strengths: Vec::new(),
        silent_degradation: None,
        watch: Vec::new(),
        since_baseline: None,
        unfinished: Vec::new(),
        teams: distinct_teams(sessions),
        claimed_without_evidence,
        evidence_check,
        older_versions: {
            let mut v: Vec<u32> =
                sessions.iter().filter_map(|s| s.session.questionnaire_version).filter(|v| *v != q.version).collect();
            v.sort_unstable();
            v.dedup();
            v
        },
        timing: match sessions {
            [one] => one.session.timing.as_ref().map(|t| TimingReport {
                elapsed_s: t.elapsed_s,
                dimensions: q
                    .dimensions
                    .iter()
                    .filter_map(|d| Some((d.id.clone(), *t.dimensions.get(&d.id)?)))
                    .collect(),
            }),
            _ => None,
        },
        workshop: group.workshop,
        answered_time_shares: match sessions {
            [one] => q
                .stages
                .iter()
                .filter_map(|st| Some((st.id.clone(), one.session.bottlenecks.get(&st.id)?.time_share?)))
                .collect(),
            _ => IndexMap::new(),
        },
        time_shares_rescaled: sessions.iter().any(|s| {
            let shares: Vec<f64> =
                q.stages.iter().filter_map(|st| s.session.bottlenecks.get(&st.id).and_then(|r| r.time_share)).collect();
            let sum: f64 = shares.iter().sum();
            !shares.is_empty() && sum > 0.0 && (sum - 100.0).abs() > 0.5
        }),
    };
    narrative::fill(&mut report, q);
    report
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
fn first_votes_of(group: &workshop::Group, sessions: &[SessionInput], question: &str) -> IndexMap<String, String> {
    let ([only], true) = (sessions, group.workshop) else { return IndexMap::new() };
    let Some(entry) = only.session.answers.get(question) else { return IndexMap::new() };
    group.names.iter().filter_map(|n| entry.first_votes.get(n).map(|a| (n.clone(), a.as_str().to_owned()))).collect()
}

/// Who changed their vote between the first reveal (`first_votes`) and the latest round
/// (`votes`) of a workshop's re-votes; a participant without a vote in either round changed
/// nothing.
pub fn changed_minds(q: &Questionnaire, group: &workshop::Group, sessions: &[SessionInput]) -> Vec<ChangedMind> {
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
                    before: before.as_str().to_owned(),
                    after: after.as_str().to_owned(),
                });
            }
        }
    }
    out
}

/// A workshop's agreed answer to a question, for its disagreement entry; null otherwise.
fn agreed_answer(group: &workshop::Group, sessions: &[SessionInput], question: &str) -> Option<String> {
    let [only] = sessions else { return None };
    group.workshop.then(|| only.session.answer(question)).flatten().map(|a| a.as_str().to_owned())
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
                None if a.answer == "na" && a.notes.is_empty() => "no reason given".to_owned(),
                None if a.answer == "na" => a
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

/// Reads the per-dimension scores out of an earlier JSON report.
pub fn baseline_from_json(text: &str) -> Result<Vec<(String, f64)>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let dims = value
        .get("dimensions")
        .and_then(|d| d.as_array())
        .ok_or("the JSON has no `dimensions` list; give a report made with --format json")?;
    dims.iter()
        .map(|d| {
            let id = d.get("id").and_then(|v| v.as_str());
            let score = d.get("score").and_then(|v| v.as_f64());
            match (id, score) {
                (Some(id), Some(score)) => Ok((id.to_owned(), score)),
                _ => Err("a dimension in the JSON lacks `id` or `score`".to_owned()),
            }
        })
        .collect()
}

/// An earlier JSON report as a baseline: its questionnaire (id, version), dimension scores,
/// answers, overall level and date.
pub fn baseline_of_json(text: &str) -> Result<(String, Option<u32>, narrative::Baseline), String> {
    let scores = baseline_from_json(text)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let id = value
        .pointer("/questionnaire/id")
        .and_then(|v| v.as_str())
        .ok_or("the JSON has no `questionnaire.id`; give a report made with --format json")?
        .to_owned();
    let version = value.pointer("/questionnaire/version").and_then(|v| v.as_u64()).map(|v| v as u32);
    let answers = value
        .get("answers")
        .and_then(|a| a.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|a| Some((a.get("question")?.as_str()?.to_owned(), a.get("answer")?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let overall_level = value.pointer("/overall/level").and_then(|v| v.as_u64()).map(|v| v as u32);
    let date = value.get("date").and_then(|v| v.as_str()).map(str::to_owned);
    Ok((id, version, narrative::Baseline { scores, answers, overall_level, date, version }))
}

/// Adds progress since an earlier assessment: score deltas per dimension and `since_baseline`.
pub fn attach_baseline(report: &mut Report, baseline: &narrative::Baseline) {
    report.baseline = Some(baseline_deltas(&report.dimensions, &baseline.scores));
    report.since_baseline = Some(narrative::since_baseline(report, baseline));
}

/// Per dimension: the earlier score (when the baseline has the dimension), today's, and the change.
fn baseline_deltas(dimensions: &[DimensionReport], before: &[(String, f64)]) -> Vec<BaselineDelta> {
    let before: std::collections::HashMap<&str, f64> = before.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    dimensions
        .iter()
        .map(|d| {
            let b = before.get(d.id.as_str()).copied();
            BaselineDelta { dimension: d.id.clone(), before: b, after: d.score, delta: b.map(|b| d.score - b) }
        })
        .collect()
}

/// The report as pretty JSON.
pub fn to_json(report: &Report) -> String {
    crate::printable::clean_json_text(report)
}

pub use crate::templates::{
    answer_words, clock, escape_markdown, escape_markdown_code, escape_markdown_line, fixed, level_words, note_lines,
    round_half_up, text_bar,
};

/// Renders a report through a Tera template; `name` decides autoescaping (.html is escaped).
pub fn render(report: &Report, name: &str, template: &str) -> Result<String, String> {
    crate::templates::render(report, name, template)
}

/// How the organisation names the questionnaire's owner roles (a user's `owners.yaml`): keys
/// are matched ignoring case and surrounding spaces.
pub type Owners = IndexMap<String, String>;

/// The report with every action's owner renamed as the organisation names it, in every place a
/// format shows it (roadmap, next milestone, for the bottleneck); unknown owners stay as they are.
pub fn rename_owners(report: &mut Report, owners: &Owners) {
    if owners.is_empty() {
        return;
    }
    let lookup = |name: &str| {
        owners.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(name.trim())).map(|(_, v)| v.trim().to_owned())
    };
    let rename = |a: &mut Action| {
        if let Some(new) = a.owner.as_deref().and_then(lookup) {
            a.owner = Some(new);
        }
    };
    report.roadmap.iter_mut().flat_map(|p| p.actions.iter_mut()).for_each(rename);
    report.next_milestone.iter_mut().flat_map(|m| m.actions.iter_mut()).for_each(rename);
    report.for_bottleneck.iter_mut().for_each(rename);
}

/// The Markdown report with the built-in template.
pub fn render_markdown(report: &Report) -> String {
    render(report, DEFAULT_TEMPLATE_NAME, DEFAULT_TEMPLATE).expect("the built-in template is tested")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_tables_whole() {
        assert_eq!(escape_markdown("a | b\nc"), "a \\| b c");
        assert_eq!(escape_markdown("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(escape_markdown("日本 🚀"), "日本 🚀");
        assert_eq!(escape_markdown("R&D &lt;"), "R&D &amp;lt;");
        assert_eq!(escape_markdown("a & b"), "a & b");
    }

    #[test]
    fn a_note_line_never_starts_a_list_or_a_heading() {
        assert_eq!(escape_markdown_line("- one"), "\\- one");
        assert_eq!(escape_markdown_line("+ one"), "\\+ one");
        assert_eq!(escape_markdown_line("# one"), "\\# one");
        assert_eq!(escape_markdown_line("12. one"), "12\\. one");
        assert_eq!(escape_markdown_line("3) one"), "3\\) one");
        assert_eq!(escape_markdown_line("2026 was fine"), "2026 was fine");
        assert_eq!(escape_markdown_line("a - b"), "a - b");
    }

    #[test]
    fn control_characters_never_reach_the_markdown() {
        assert_eq!(escape_markdown("a\u{7}b\u{1b}c\u{9b}d"), "abcd");
    }

    #[test]
    fn a_score_reads_as_a_level_and_the_way_to_the_next() {
        assert_eq!(level_words(0.0), "Level 0");
        assert_eq!(level_words(1.57), "Level 1, 57% toward 2");
        assert_eq!(level_words(2.996), "Level 3", "99.6% rounds to the next level");
        assert_eq!(level_words(1.004), "Level 1");
        for no_score in [-0.5, f64::NAN, f64::INFINITY] {
            assert_eq!(level_words(no_score), "–", "{no_score}");
        }
    }

    #[test]
    fn numbers_round_half_up_from_the_unrounded_value_in_words_and_tables() {
        assert_eq!(fixed(1.425, 2), "1.43");
        assert_eq!(fixed(1.005, 2), "1.01", "1.005 is 1.00499… in binary: the allowance rounds it up");
        assert_eq!(fixed((1.425 - 1.0) * 100.0, 0), "43");
        assert_eq!(level_words(1.425), "Level 1, 43% toward 2");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.425, 2), "-0.43", "away from zero, like its positive");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(1.424999, 2), "1.42");
        assert_eq!(fixed(4.5, 1), "4.5");
        let r = render(&empty_report(), "t.md", "{{ 1.425 | num }} {{ 42.49999999999999 | num(places=0) }}").unwrap();
        assert_eq!(r, "1.43 43");
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(text_bar(1.5, 3.0, 10), "█████░░░░░");
        assert_eq!(text_bar(9.0, 3.0, 4), "████");
        assert_eq!(text_bar(f64::NAN, 3.0, 2), "░░");
    }

    #[test]
    fn an_ampersand_is_escaped_only_where_it_would_start_an_entity() {
        assert_eq!(escape_markdown("R&D &; &lt; &#39;"), "R&D &; &amp;lt; &amp;#39;");
    }

    #[test]
    fn a_bar_of_nothing_is_empty() {
        assert_eq!(text_bar(1.0, 0.0, 3), "░░░", "no maximum, no fill");
        assert_eq!(text_bar(2.0, -1.0, 3), "░░░");
    }

    fn empty_report() -> Report {
        let q = crate::questionnaire::built_in("mlops-quick").unwrap();
        let s = Session::new("mlops-quick");
        build(&q, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "2026-01-01")
    }

    #[test]
    fn the_md_filter_writes_numbers_and_nothing_for_null_or_undefined() {
        let r = empty_report();
        let out =
            render(&r, "mine.md", "[{{ overall.level | md }}][{{ since_baseline | md }}][{{ no_such_key | md }}]");
        assert_eq!(out.unwrap(), "[0][][]");
    }

    #[test]
    fn template_rendering_error_names_file_and_line() {
        let err =
            render(&empty_report(), "mine.md", "ok\n{% for x in overall.level %}{{ x }}{% endfor %}\n").unwrap_err();
        assert!(err.starts_with("mine.md:2:") && err.contains("template error"), "{err}");
    }

    #[test]
    fn template_syntax_error_names_file_and_line() {
        let q = crate::questionnaire::built_in("mlops-quick").unwrap();
        let s = Session::new("mlops-quick");
        let r = build(&q, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "2026-01-01");
        let err = render(&r, "mine.md", "ok\n{% if %}\n").unwrap_err();
        assert!(err.starts_with("mine.md:2:"), "{err}");
    }
}
