//! The facilitator's keys on a workshop question: votes for the selected participant, the
//! agreed answer (the consensus or one set by hand), re-votes, the agenda of open disagreements
//! and the anonymous display. Like every screen's update it changes only the assessment and
//! says what happened; the drawing is `view::facilitator`, the state `app::workshop`.

use super::model::Assessment;
use super::workshop::{
    agenda, consensus, open_disagreement, participants, question_id, revealed, selected, still_to_vote, votes,
};
use crate::session::Answer;
use crate::tui::text::cut;
use crossterm::event::{KeyCode, KeyEvent};

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
        Some(_) => format!("{} voted ({} of {n} voted)", cut(&name, 24), v.iter().flatten().count()),
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
