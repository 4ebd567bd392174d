//! The roadmap as the report shows it: each action's notes and step, each phase's count per
//! dimension, the next milestone (the actions shown first) and the bottleneck's next practices.

use super::model::{
    Action, AnswerReport, Bottleneck, DimensionReport, MILESTONE_SHOWN, Milestone, PhaseDimension, PhaseReport,
};
use super::narrative::step_for;
use crate::questionnaire::Questionnaire;
use crate::session::Reported;
use indexmap::IndexMap;

/// The next milestone as Markdown and HTML show it: at most [`MILESTONE_SHOWN`] actions, the
/// required ones first, then in roadmap order (bottleneck first); the rest are counted.
pub(super) fn next_milestone(roadmap: &[PhaseReport]) -> Option<Milestone> {
    let phase = roadmap.first()?;
    let mut ranked: Vec<&Action> = phase.actions.iter().collect();
    // A stable sort keeps the roadmap order within required and within the rest.
    ranked.sort_by_key(|a| !a.required);
    let actions: Vec<Action> = ranked.into_iter().take(MILESTONE_SHOWN).cloned().collect();
    Some(Milestone {
        level: phase.level,
        name: phase.name.clone(),
        total: phase.actions.len(),
        more: phase.actions.len().saturating_sub(actions.len()),
        actions,
    })
}

/// When the next milestone shows no action for the bottleneck stage (its dimensions are
/// ahead of the milestone, or its actions did not make the shown ones): that stage's next
/// practices, so that the roadmap serves the bottleneck the report names.
pub(super) fn for_bottleneck(
    q: &Questionnaire,
    bottleneck: Option<&Bottleneck>,
    milestone: Option<&Milestone>,
    dimensions: &[DimensionReport],
    answers: &[AnswerReport],
) -> Vec<Action> {
    let (Some(b), Some(m)) = (bottleneck, milestone) else { return Vec::new() };
    let dims: Vec<&DimensionReport> =
        dimensions.iter().filter(|d| d.stage.as_deref() == Some(b.stage.as_str())).collect();
    if dims.is_empty() || m.actions.iter().any(|a| dims.iter().any(|d| d.id == a.dimension)) {
        return Vec::new();
    }
    let answers: std::collections::HashMap<&str, Reported> =
        answers.iter().map(|a| (a.question.as_str(), a.answer)).collect();
    dims.iter()
        .flat_map(|d| d.blocking.iter().map(move |id| (*d, id)))
        .filter_map(|(d, id)| {
            let (dim, qn) = q.question(id)?;
            let answer = answers.get(id.as_str()).copied().unwrap_or(Reported::Unanswered);
            Some(Action {
                question: qn.id.clone(),
                dimension: d.id.clone(),
                level: qn.level,
                required: qn.required,
                answer,
                recommendation: qn.recommendation.clone(),
                text: qn.text.clone(),
                effort: qn.effort.map(|e| e.as_str()),
                owner: qn.owner.clone(),
                dimension_name: dim.name.clone(),
                note: None,
                step: step_for(&qn.recommendation, answer),
            })
        })
        .take(3)
        .collect()
}

/// Each action gets today's notes, and each phase its count of actions per dimension.
pub(super) fn annotate_roadmap(roadmap: &mut [PhaseReport], answers: &[AnswerReport], several: bool) {
    let notes: std::collections::HashMap<&str, String> = answers
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
    for phase in roadmap {
        for action in &mut phase.actions {
            action.note = notes.get(action.question.as_str()).cloned();
            action.step = step_for(&action.recommendation, action.answer);
        }
        let mut by: IndexMap<&str, PhaseDimension> = IndexMap::new();
        for action in &phase.actions {
            by.entry(action.dimension.as_str())
                .or_insert_with(|| PhaseDimension {
                    dimension: action.dimension.clone(),
                    name: action.dimension_name.clone(),
                    actions: 0,
                })
                .actions += 1;
        }
        phase.by_dimension = by.into_values().collect();
    }
}
