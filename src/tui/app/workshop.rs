//! A workshop session's state and what it shows: the facilitator's selection, agenda and
//! anonymous display beside the session, and the pure questions the facilitator's update and
//! screen ask of an assessment: the votes (blind until everyone has voted), the consensus, the
//! open disagreements and the time spent. The consensus rule itself comes from `workshop`.
//!
//! No terminal, no clock (`tick` is given the time), no saving, no scoring of its own.

use super::model::Assessment;
use crate::session::{Answer, Participant};
use crate::workshop;

/// The workshop's participants (none for a single session).
pub(crate) fn participants(a: &Assessment) -> &[Participant] {
    a.session.participants.as_deref().unwrap_or(&[])
}

/// The current question's id.
pub(super) fn question_id(a: &Assessment) -> String {
    a.current().2.id.clone()
}

/// Each participant's vote on the current question, in participant order.
pub(crate) fn votes(a: &Assessment) -> Vec<Option<Answer>> {
    let entry = a.session.answers.get(&a.current().2.id);
    participants(a).iter().map(|p| entry.and_then(|e| e.votes.get(&p.name).copied())).collect()
}

/// Each participant's vote at the first reveal of the current question, when it was voted on
/// again (all `None` otherwise).
pub(crate) fn first_votes(a: &Assessment) -> Vec<Option<Answer>> {
    let entry = a.session.answers.get(&a.current().2.id);
    participants(a).iter().map(|p| entry.and_then(|e| e.first_votes.get(&p.name).copied())).collect()
}

/// Whether the current question is being (or was) voted on again.
pub(crate) fn is_revote(a: &Assessment) -> bool {
    a.session.answers.get(&a.current().2.id).is_some_and(|e| !e.first_votes.is_empty())
}

/// Votes stay hidden until every participant has voted (against anchoring on the first voice).
pub fn revealed(a: &Assessment) -> bool {
    let v = votes(a);
    !v.is_empty() && v.iter().all(Option::is_some)
}

/// The participants still to vote on the current question, in order.
pub fn still_to_vote(a: &Assessment) -> Vec<&str> {
    participants(a).iter().zip(votes(a)).filter(|(_, v)| v.is_none()).map(|(p, _)| p.name.as_str()).collect()
}

/// Whether the anonymous display is on.
pub fn anonymous(a: &Assessment) -> bool {
    a.workshop.as_ref().is_some_and(|f| f.anonymous)
}

/// The selected participant: the one chosen with a digit or an arrow on this question, else the
/// first without a vote (else the first).
pub fn selected(a: &Assessment) -> usize {
    if let Some(f) = &a.workshop
        && f.selected_on == Some(a.cursor)
    {
        return f.selected.min(participants(a).len().saturating_sub(1));
    }
    votes(a).iter().position(Option::is_none).unwrap_or(0)
}

/// A question with a yes and a no among its votes and no agreed answer yet.
pub(super) fn open_disagreement(a: &Assessment, id: &str) -> bool {
    a.session.answers.get(id).is_some_and(|e| {
        e.answer.is_none() && e.votes.values().any(|v| *v == Answer::Yes) && e.votes.values().any(|v| *v == Answer::No)
    })
}

/// An open disagreement as the sidebar and the agenda count it: not the current question before
/// its reveal, which would give away how the votes went.
pub(crate) fn counted_open(a: &Assessment, id: &str) -> bool {
    open_disagreement(a, id) && (id != a.current().2.id || revealed(a))
}

/// The consensus of the current question's votes by the median rule (`None` without votes).
pub(crate) fn consensus(a: &Assessment) -> Option<Answer> {
    workshop::consensus(&votes(a), a.questionnaire.scoring.partial_credit)
}

/// An open disagreement on the agenda (`D`).
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    /// The question's index in questionnaire order (where Enter goes).
    pub(crate) cursor: usize,
    /// The question's id.
    pub question: String,
    /// The question's text.
    pub(crate) text: String,
    /// The name of its dimension.
    pub(crate) dimension: String,
    /// Highest minus lowest vote credit (yes 1, partly `partial_credit`, no and don't know 0;
    /// does not apply left out).
    pub spread: f64,
    /// How many voted yes, partly, no, don't know, does not apply.
    pub(crate) counts: [usize; 5],
    /// Everyone has voted on it: its votes may be shown. (A question left mid-vote is listed
    /// too, as an open disagreement, but its counts stay hidden.)
    pub revealed: bool,
}

/// The open disagreements, widest spread first; among equal spreads the closest split (the
/// smaller of the yes and no sides, larger first), then questionnaire order.
pub fn agenda(a: &Assessment) -> Vec<AgendaItem> {
    let partial = a.questionnaire.scoring.partial_credit;
    let credit = |v: Answer| match v {
        Answer::Yes => Some(1.0),
        Answer::Partial => Some(partial),
        Answer::No | Answer::Unknown => Some(0.0),
        Answer::Na => None,
    };
    let mut items: Vec<AgendaItem> = a
        .questionnaire
        .questions()
        .enumerate()
        .filter(|(_, (_, q))| counted_open(a, &q.id))
        .map(|(cursor, (d, q))| {
            let votes: Vec<Answer> = a.session.answers[&q.id].votes.values().copied().collect();
            let credits: Vec<f64> = votes.iter().filter_map(|v| credit(*v)).collect();
            let high = credits.iter().copied().fold(f64::MIN, f64::max);
            let low = credits.iter().copied().fold(f64::MAX, f64::min);
            let counts = Answer::ALL.map(|ans| votes.iter().filter(|v| **v == ans).count());
            let revealed = participants(a).iter().all(|p| a.session.answers[&q.id].votes.contains_key(&p.name));
            AgendaItem {
                cursor,
                question: q.id.clone(),
                text: q.text.clone(),
                dimension: d.name.clone(),
                spread: high - low,
                counts,
                revealed,
            }
        })
        .collect();
    // Stable: questionnaire order among equals. Hidden votes give no order away.
    items.sort_by(|x, y| {
        let side = |i: &AgendaItem| if i.revealed { i.counts[0].min(i.counts[2]) } else { 0 };
        y.spread.total_cmp(&x.spread).then(side(y).cmp(&side(x)))
    });
    items
}

/// Adds the time since the last tick to the session's `timing`: the elapsed time, and while the
/// questions are on screen the current dimension and question too (every session, a workshop's
/// or one respondent's); time on the context, the map or the results is no question's. The first
/// tick after opening only starts the clock, so time while the app was closed never counts.
pub fn tick(a: &mut Assessment, now_secs: u64) {
    if let Some(last) = a.last_tick {
        let spent = now_secs.saturating_sub(last);
        if spent > 0 {
            let (_, dim, question) = a.current();
            let (dim, question) = (dim.id.clone(), question.id.clone());
            let on = (a.page == super::assessment::Page::Question).then_some((dim.as_str(), question.as_str()));
            a.session.timing.get_or_insert_with(Default::default).add(on, spent);
        }
    }
    a.last_tick = Some(now_secs);
}

/// Seconds spent on dimension `i` so far (from the session's `timing`).
pub(crate) fn dimension_seconds(a: &Assessment, i: usize) -> u64 {
    let id = &a.questionnaire.dimensions[i].id;
    a.session.timing.as_ref().map_or(0, |t| t.dimension(id))
}

/// Seconds spent on the current question so far (from the session's `timing`).
pub(crate) fn question_seconds(a: &Assessment) -> u64 {
    let id = &a.current().2.id;
    a.session.timing.as_ref().and_then(|t| t.questions.get(id).copied()).unwrap_or(0)
}

/// The timebox of dimension `i`, when one is set.
pub(crate) fn timebox(a: &Assessment, i: usize) -> Option<u64> {
    let id = &a.questionnaire.dimensions[i].id;
    a.session.timing.as_ref().and_then(|t| t.timebox_s.get(id).copied()).filter(|s| *s > 0)
}

/// The dimensions whose timebox is spent: (name, seconds spent, timebox), in questionnaire order.
pub(crate) fn timeboxes_spent(a: &Assessment) -> Vec<(String, u64, u64)> {
    (0..a.questionnaire.dimensions.len())
        .filter_map(|i| {
            let limit = timebox(a, i)?;
            let spent = dimension_seconds(a, i);
            (spent >= limit).then(|| (a.questionnaire.dimensions[i].name.clone(), spent, limit))
        })
        .collect()
}

/// The letter a vote is shown with, so that nothing is said by colour alone.
pub(crate) fn letter(a: Answer) -> char {
    match a {
        Answer::Yes => 'Y',
        Answer::Partial => 'P',
        Answer::No => 'N',
        Answer::Unknown => 'U',
        Answer::Na => 'A',
    }
}

/// `--participants`: makes a new session a workshop session; an existing workshop session must
/// list the same people (resuming needs no list), and a single respondent's session stays one.
pub fn set_participants(s: &mut crate::session::Session, list: &str, path: &std::path::Path) -> anyhow::Result<()> {
    let given = workshop::parse_participants(list).map_err(|e| anyhow::anyhow!("--participants: {e}"))?;
    match &s.participants {
        None if s.answers.is_empty() && s.respondent.is_none() => {
            s.participants = Some(given);
            Ok(())
        }
        None => anyhow::bail!(
            "{}: is one respondent's session, not a workshop; give a new file with --session to start a workshop, or `mlops-maturity merge` separate sessions",
            path.display()
        ),
        Some(existing) if existing.iter().map(|p| &p.name).eq(given.iter().map(|p| &p.name)) => Ok(()),
        Some(existing) => anyhow::bail!(
            "{}: the workshop's participants are {}; leave out --participants to resume it, or edit the file's `participants`",
            path.display(),
            existing.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        ),
    }
}
