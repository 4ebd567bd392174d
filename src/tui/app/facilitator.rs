//! The facilitator's keys on a workshop question: votes for the selected participant, the
//! agreed answer (the consensus or one set by hand), re-votes, the agenda of open disagreements
//! and the anonymous display. Like every screen's update it changes only the assessment and
//! says what happened; the drawing is `view::facilitator`, the state `app::workshop`.

use super::model::Assessment;
use super::workshop::{
    agenda, consensus, open_disagreement, participants, question_id, revealed, selected, still_to_vote, votes,
};
use crate::session::Answer;
use crate::tui::keymap::{Binding, find};
use crate::tui::text::cut;
use crossterm::event::KeyCode::{self, Char, Down, Enter, Up};
use crossterm::event::KeyEvent;

/// What a facilitator's key does on a workshop question; `None` leaves it to the ordinary
/// question screen.
pub(crate) type Facilitate = fn(&mut Assessment, KeyEvent) -> Option<Handled>;

/// The facilitator's keys on a workshop question. Its handler, the key hints under the screen
/// and the `?` help all read this table, so a key is never in one and not the other.
pub const KEYMAP: &[Binding<Facilitate>] = &[
    Binding {
        keys: &[Char('y'), Char('p'), Char('n'), Char('u'), Char('a')],
        hint: Some(("y p n u a", "vote")),
        help: Some(("y p n u a", "vote for the selected participant")),
        action: vote_key,
    },
    Binding {
        keys: &[
            Up,
            Down,
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
        ],
        hint: Some(("↑↓ 1-9", "who")),
        help: Some(("↑↓ 1-9", "select a participant (the list scrolls)")),
        action: select_key,
    },
    Binding {
        keys: &[Enter],
        hint: Some(("Enter", "agree")),
        help: Some(("Enter", "agree: the consensus (early: press twice)")),
        action: agree_key,
    },
    Binding {
        keys: &[Char('Y'), Char('P'), Char('N'), Char('U'), Char('A')],
        hint: Some(("Y P N U A", "set agreed")),
        help: Some(("Y P N U A", "agree: that answer (early: press twice)")),
        action: agree_key,
    },
    Binding {
        keys: &[Char('V')],
        hint: Some(("V", "re-vote")),
        help: Some(("V", "vote again on a revealed question")),
        action: |a, _| Some(revote(a)),
    },
    Binding {
        keys: &[Char('D')],
        hint: Some(("D", "agenda")),
        help: Some(("D", "open disagreements, widest spread first")),
        action: |a, _| Some(open_agenda(a)),
    },
    Binding {
        keys: &[Char('d')],
        hint: Some(("d", "next disagreement")),
        help: Some(("d", "go to the next open disagreement")),
        action: |a, _| Some(next_disagreement(a)),
    },
    Binding {
        keys: &[Char('*')],
        hint: Some(("*", "anonymous")),
        help: Some(("*", "revealed votes as counts, or by name")),
        action: toggle_anonymous,
    },
    // `?` opens the help on every screen (`app::ANY_KEYS`); a workshop question names it too.
    Binding { keys: &[], hint: Some(("?", "keys")), help: None, action: |_, _| None },
];

/// What a key did on the facilitator's screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handled {
    /// The session changed: save it, rebuild the report.
    pub(crate) changed: bool,
    /// The last question got its agreed answer: go on to the context and bottleneck map.
    pub(crate) finished: bool,
    /// A line for the status bar.
    pub(crate) status: Option<String>,
}

impl Handled {
    fn say(status: impl Into<String>) -> Handled {
        Handled { status: Some(status.into()), ..Default::default() }
    }
}

/// Handles a facilitator's key on a workshop question; `None` leaves the key to the ordinary
/// question screen (moving, notes, quitting).
pub(crate) fn key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
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
        return Some(Handled::say("Not agreed: that key only cancelled; the vote goes on"));
    }
    find(KEYMAP, key.code).and_then(|row| (row.action)(a, key))
}

fn vote_key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
    let Char(c) = key.code else { return None };
    Some(vote(a, answer_of(c.to_ascii_uppercase())?))
}

fn select_key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
    Some(select(
        a,
        match key.code {
            Up => Step::Previous,
            Down => Step::Next,
            Char(c) => Step::To((c as u8).saturating_sub(b'1') as usize),
            _ => return None,
        },
    ))
}

/// Enter agrees on the consensus; `Y P N U A` on that answer.
fn agree_key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
    let answer = match key.code {
        Char(c) => answer_of(c),
        _ => None,
    };
    Some(agree(a, answer, key.code))
}

fn toggle_anonymous(a: &mut Assessment, _: KeyEvent) -> Option<Handled> {
    let f = a.workshop.as_mut()?;
    f.anonymous = !f.anonymous;
    Some(Handled::say(if f.anonymous {
        "Anonymous display: revealed votes show as counts, not by name"
    } else {
        "Votes show by name"
    }))
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
            "Only {voted} of {} voted: press {again} again to agree, any other key only cancels",
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
