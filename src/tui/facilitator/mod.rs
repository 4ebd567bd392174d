//! The facilitator's screen: a workshop session's question with the participants' votes, blind
//! until everyone has voted, then the distribution, the disagreement and the agreed answer;
//! re-votes, the agenda of open disagreements and the anonymous display.
//!
//! Pure like the rest of the TUI: `key` changes the assessment and says what happened, the
//! drawing (`screen`) reads it, `tick` is given the time by the event loop (no clock in here).
//! It must not save, read the terminal or decide anything about scoring: the consensus comes
//! from `workshop`.

mod screen;

pub use screen::{draw, draw_results_panel};

use super::app::Assessment;
use crate::session::{Answer, Participant};
use crate::workshop;
use crossterm::event::{KeyCode, KeyEvent};

/// The facilitator's state beside the session: who is selected, an agreement waiting for its
/// second key press, the agenda and the anonymous display. (The time spent is the session's own
/// `timing`, so that it is saved and kept across reopening.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facilitation {
    /// The participant chosen with `1`–`9` or `↑`/`↓`, for the question at `selected_on`.
    selected: usize,
    selected_on: Option<usize>,
    /// An early agreement (before everyone voted) waiting for the same key again: the question
    /// and the key.
    pending: Option<(usize, KeyCode)>,
    /// The open disagreements' list (`D`) is shown, with this row chosen.
    pub agenda: Option<usize>,
    /// Revealed votes are shown as counts, not by name (`--anonymous`, `*`).
    pub anonymous: bool,
}

impl Facilitation {
    /// The facilitator's state for a workshop session; `None` for one respondent's session.
    pub fn for_session(s: &crate::session::Session) -> Option<Facilitation> {
        s.participants.is_some().then(Facilitation::default)
    }
}

/// The facilitator's keys on a workshop question: (keys, hint, help). The key hints under the
/// screen and the `?` help both read this table, so a key is never in one and not the other.
pub const KEYMAP: &[(&str, &str, &str)] = &[
    ("y p n u a", "vote", "vote for the selected participant"),
    ("↑↓ 1-9", "who", "select a participant (the list scrolls)"),
    ("Enter", "agree", "agree: the consensus (early: press twice)"),
    ("Y P N U A", "set agreed", "agree: that answer (early: press twice)"),
    ("V", "re-vote", "vote again on a revealed question"),
    ("D", "agenda", "open disagreements, widest spread first"),
    ("d", "next disagreement", "go to the next open disagreement"),
    ("*", "anonymous", "revealed votes as counts, or by name"),
];

/// The key hints of a workshop question, from [`KEYMAP`].
pub fn key_hints() -> String {
    let keys: Vec<String> = KEYMAP.iter().map(|(k, hint, _)| format!("{k} {hint}")).collect();
    format!("{} · ? keys · q quit", keys.join(" · "))
}

/// What a key did on the facilitator's screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handled {
    /// The session changed: save it, rebuild the report.
    pub changed: bool,
    /// The last question got its agreed answer: go on to the context and bottleneck map.
    pub finished: bool,
    /// A line for the status bar.
    pub status: Option<String>,
}

impl Handled {
    fn say(status: impl Into<String>) -> Handled {
        Handled { status: Some(status.into()), ..Default::default() }
    }
}

/// The workshop's participants (none for a single session).
pub fn participants(a: &Assessment) -> &[Participant] {
    a.session.participants.as_deref().unwrap_or(&[])
}

fn question_id(a: &Assessment) -> String {
    a.current().2.id.clone()
}

/// Each participant's vote on the current question, in participant order.
pub fn votes(a: &Assessment) -> Vec<Option<Answer>> {
    let entry = a.session.answers.get(&a.current().2.id);
    participants(a).iter().map(|p| entry.and_then(|e| e.votes.get(&p.name).copied())).collect()
}

/// Each participant's vote at the first reveal of the current question, when it was voted on
/// again (all `None` otherwise).
pub fn first_votes(a: &Assessment) -> Vec<Option<Answer>> {
    let entry = a.session.answers.get(&a.current().2.id);
    participants(a).iter().map(|p| entry.and_then(|e| e.first_votes.get(&p.name).copied())).collect()
}

/// Whether the current question is being (or was) voted on again.
pub fn is_revote(a: &Assessment) -> bool {
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
fn open_disagreement(a: &Assessment, id: &str) -> bool {
    a.session.answers.get(id).is_some_and(|e| {
        e.answer.is_none() && e.votes.values().any(|v| *v == Answer::Yes) && e.votes.values().any(|v| *v == Answer::No)
    })
}

/// An open disagreement as the sidebar and the agenda count it: not the current question before
/// its reveal, which would give away how the votes went.
fn counted_open(a: &Assessment, id: &str) -> bool {
    open_disagreement(a, id) && (id != a.current().2.id || revealed(a))
}

/// The consensus of the current question's votes by the median rule (`None` without votes).
pub fn consensus(a: &Assessment) -> Option<Answer> {
    workshop::consensus(&votes(a), a.questionnaire.scoring.partial_credit)
}

/// An open disagreement on the agenda (`D`).
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    /// The question's index in questionnaire order (where Enter goes).
    pub cursor: usize,
    pub question: String,
    pub text: String,
    pub dimension: String,
    /// Highest minus lowest vote credit (yes 1, partly `partial_credit`, no and don't know 0;
    /// does not apply left out).
    pub spread: f64,
    /// How many voted yes, partly, no, don't know, does not apply.
    pub counts: [usize; 5],
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

/// Adds the time since the last tick to the session's `timing`: the elapsed time, the current
/// dimension and the current question (every session, a workshop's or one respondent's). The
/// first tick after opening only starts the clock, so time while the app was closed never counts.
pub fn tick(a: &mut Assessment, now_secs: u64) {
    if let Some(last) = a.last_tick {
        let spent = now_secs.saturating_sub(last);
        if spent > 0 {
            let (_, dim, question) = a.current();
            let (dim, question) = (dim.id.clone(), question.id.clone());
            a.session.timing.get_or_insert_with(Default::default).add(&dim, &question, spent);
        }
    }
    a.last_tick = Some(now_secs);
}

/// Seconds spent on dimension `i` so far (from the session's `timing`).
pub fn dimension_seconds(a: &Assessment, i: usize) -> u64 {
    let id = &a.questionnaire.dimensions[i].id;
    a.session.timing.as_ref().map_or(0, |t| t.dimension(id))
}

/// Seconds spent on the current question so far (from the session's `timing`).
pub fn question_seconds(a: &Assessment) -> u64 {
    let id = &a.current().2.id;
    a.session.timing.as_ref().and_then(|t| t.questions.get(id).copied()).unwrap_or(0)
}

/// The timebox of dimension `i`, when one is set.
pub fn timebox(a: &Assessment, i: usize) -> Option<u64> {
    let id = &a.questionnaire.dimensions[i].id;
    a.session.timing.as_ref().and_then(|t| t.timebox_s.get(id).copied()).filter(|s| *s > 0)
}

/// The dimensions whose timebox is spent: (name, seconds spent, timebox), in questionnaire order.
pub fn timeboxes_spent(a: &Assessment) -> Vec<(String, u64, u64)> {
    (0..a.questionnaire.dimensions.len())
        .filter_map(|i| {
            let limit = timebox(a, i)?;
            let spent = dimension_seconds(a, i);
            (spent >= limit).then(|| (a.questionnaire.dimensions[i].name.clone(), spent, limit))
        })
        .collect()
}

/// Handles a facilitator's key on a workshop question; `None` leaves the key to the ordinary
/// question screen (moving, notes, quitting).
pub fn key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
    let f = a.workshop.as_mut()?;
    if f.agenda.is_some() {
        if key.code == KeyCode::Char('q') {
            f.agenda = None;
            return None;
        }
        return Some(agenda_key(a, key));
    }
    // An early agreement waits for the same key again; any other key cancels it (q still quits).
    if let Some((on, pending)) = f.pending.take() {
        if on == a.cursor && pending == key.code {
            let answer = match key.code {
                KeyCode::Char(c) => answer_of(c),
                _ => None,
            };
            return Some(agree_now(a, answer));
        }
        if key.code == KeyCode::Char('q') {
            return None;
        }
        return Some(Handled::say("Not agreed: the vote goes on"));
    }
    let c = match key.code {
        KeyCode::Enter => return Some(agree(a, None, KeyCode::Enter)),
        KeyCode::Up => return Some(select(a, Step::Previous)),
        KeyCode::Down => return Some(select(a, Step::Next)),
        KeyCode::Char(c) => c,
        _ => return None,
    };
    match c {
        '1'..='9' => Some(select(a, Step::To((c as u8 - b'1') as usize))),
        'y' | 'p' | 'n' | 'u' | 'a' => Some(vote(a, answer_of(c.to_ascii_uppercase())?)),
        'Y' | 'P' | 'N' | 'U' | 'A' => Some(agree(a, answer_of(c), key.code)),
        'd' => Some(next_disagreement(a)),
        'V' => Some(revote(a)),
        'D' => Some(open_agenda(a)),
        '*' => {
            let f = a.workshop.as_mut()?;
            f.anonymous = !f.anonymous;
            Some(Handled::say(if f.anonymous {
                "Anonymous display: revealed votes show as counts, not by name"
            } else {
                "Votes show by name"
            }))
        }
        _ => None,
    }
}

enum Step {
    Previous,
    Next,
    To(usize),
}

/// Selects a participant: the one before or after the selected one (stopping at the ends), or
/// one by number.
fn select(a: &mut Assessment, step: Step) -> Handled {
    let count = participants(a).len();
    let now = selected(a);
    let to = match step {
        Step::Previous => now.saturating_sub(1),
        Step::Next => (now + 1).min(count.saturating_sub(1)),
        Step::To(i) if i < count => i,
        Step::To(_) => return Handled::say(format!("There are {count} participants: ↑↓ select any of them")),
    };
    let cursor = a.cursor;
    if let Some(f) = a.workshop.as_mut() {
        f.selected = to;
        f.selected_on = Some(cursor);
    }
    Handled::default()
}

fn answer_of(c: char) -> Option<Answer> {
    match c {
        'Y' => Some(Answer::Yes),
        'P' => Some(Answer::Partial),
        'N' => Some(Answer::No),
        'U' => Some(Answer::Unknown),
        'A' => Some(Answer::Na),
        _ => None,
    }
}

/// The letter a vote is shown with, so that nothing is said by colour alone.
pub fn letter(a: Answer) -> char {
    match a {
        Answer::Yes => 'Y',
        Answer::Partial => 'P',
        Answer::No => 'N',
        Answer::Unknown => 'U',
        Answer::Na => 'A',
    }
}

fn vote(a: &mut Assessment, answer: Answer) -> Handled {
    let who = selected(a);
    let Some(name) = participants(a).get(who).map(|p| p.name.clone()) else { return Handled::default() };
    let id = question_id(a);
    a.session.answers.entry(id).or_default().votes.insert(name.clone(), answer);
    // The next participant without a vote, after the one who just voted.
    let v = votes(a);
    let n = v.len();
    let next = (1..=n).map(|k| (who + k) % n).find(|&i| v[i].is_none());
    let cursor = a.cursor;
    if let Some(f) = a.workshop.as_mut() {
        f.selected = next.unwrap_or(who);
        f.selected_on = Some(cursor);
    }
    let status = match next {
        Some(_) => format!("{} voted ({} of {n} voted)", screen::cut(&name, 24), v.iter().flatten().count()),
        None => "Everyone has voted: the votes are shown".to_owned(),
    };
    Handled { changed: true, finished: false, status: Some(status) }
}

/// Agreeing with `key` (Enter: the consensus; `Y P N U A`: that answer). Before everyone has
/// voted (some have, not all) it asks for the same key again, so that a slip of the finger
/// neither ends the blind vote nor reveals its hidden majority.
fn agree(a: &mut Assessment, answer: Option<Answer>, key: KeyCode) -> Handled {
    let waiting = still_to_vote(a);
    let voted = participants(a).len() - waiting.len();
    if voted > 0 && !waiting.is_empty() {
        let cursor = a.cursor;
        if let Some(f) = a.workshop.as_mut() {
            f.pending = Some((cursor, key));
        }
        let again = match key {
            KeyCode::Char(c) => c.to_string(),
            _ => "Enter".to_owned(),
        };
        return Handled::say(format!(
            "Only {voted} of {} voted: press {again} again to agree anyway, any other key to wait",
            participants(a).len()
        ));
    }
    agree_now(a, answer)
}

/// Records the agreed answer (`None`: the consensus of the votes) and moves on.
fn agree_now(a: &mut Assessment, answer: Option<Answer>) -> Handled {
    let Some(answer) = answer.or_else(|| consensus(a)) else {
        return Handled::say("Nobody has voted yet: vote with y p n u a, or set the agreed answer with Y P N U A");
    };
    let id = question_id(a);
    let entry = a.session.answers.entry(id).or_default();
    entry.answer = Some(answer);
    entry.carried = false;
    let finished = a.cursor + 1 >= a.total();
    if !finished {
        a.cursor += 1;
    }
    Handled { changed: true, finished, status: Some(format!("Agreed: {}", answer.label())) }
}

/// Starts a re-vote of a revealed question: the votes of the first reveal are kept in
/// `first_votes` (a later re-vote keeps them as they are), the votes and the agreed answer are
/// cleared, and everyone votes again, hidden.
fn revote(a: &mut Assessment) -> Handled {
    if !revealed(a) {
        let n = participants(a).len();
        return Handled::say(format!("A re-vote starts after the reveal: {} of {n} voted", n - still_to_vote(a).len()));
    }
    let id = question_id(a);
    let entry = a.session.answers.entry(id).or_default();
    if entry.first_votes.is_empty() {
        entry.first_votes = entry.votes.clone();
    }
    entry.votes.clear();
    entry.answer = None;
    entry.carried = false;
    if let Some(f) = a.workshop.as_mut() {
        f.selected_on = None;
    }
    Handled {
        changed: true,
        finished: false,
        status: Some("Re-vote: everyone votes again, hidden; the first votes are kept".into()),
    }
}

/// Goes to the next question with a disagreement and no agreed answer (the discussion agenda).
fn next_disagreement(a: &mut Assessment) -> Handled {
    let ids: Vec<String> = a.questionnaire.questions().map(|(_, q)| q.id.clone()).collect();
    let n = ids.len();
    let found = (1..=n).map(|k| (a.cursor + k) % n).find(|&i| open_disagreement(a, &ids[i]));
    match found {
        Some(i) => {
            a.cursor = i;
            let open = ids.iter().filter(|id| open_disagreement(a, id)).count();
            Handled::say(format!("Open disagreements: {open}"))
        }
        None => Handled::say("No open disagreements"),
    }
}

fn open_agenda(a: &mut Assessment) -> Handled {
    if agenda(a).is_empty() {
        return Handled::say("No open disagreements");
    }
    if let Some(f) = a.workshop.as_mut() {
        f.agenda = Some(0);
    }
    Handled::default()
}

/// Keys on the agenda: ↑↓ choose, Enter goes to that question, any other key closes it.
fn agenda_key(a: &mut Assessment, key: KeyEvent) -> Handled {
    let items = agenda(a);
    let Some(f) = a.workshop.as_mut() else { return Handled::default() };
    let row = f.agenda.unwrap_or(0).min(items.len().saturating_sub(1));
    match key.code {
        KeyCode::Up => f.agenda = Some(row.saturating_sub(1)),
        KeyCode::Down => f.agenda = Some((row + 1).min(items.len().saturating_sub(1))),
        KeyCode::Enter => {
            f.agenda = None;
            if let Some(item) = items.get(row) {
                a.cursor = item.cursor;
                return Handled::say(format!("Open disagreement {} of {}", row + 1, items.len()));
            }
        }
        _ => f.agenda = None,
    }
    Handled::default()
}

/// Minutes and seconds (hours when it takes that long).
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
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
