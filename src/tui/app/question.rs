//! Keys on the question screen: answering, moving between questions and dimensions, opening a
//! note or evidence, and the facilitator's votes (delegated to `app::facilitator`). It changes
//! only the open assessment and the screen; saving is the shell's job.

use super::model::{Assessment, Effect, Model, NoteField, Page};
use super::nav::{Action, dispatch, shown_only};
use crate::session::Answer;
use crate::tui::input::TextInput;
use crate::tui::keymap::Binding;
use crossterm::event::KeyCode::{self, BackTab, Char, Delete, End, Enter, Home, Left, Right, Tab};
use crossterm::event::KeyEvent;

/// The question screen's keys (a workshop's facilitator has its own first:
/// `app::facilitator::KEYMAP`).
pub(crate) const KEYS: &[Binding<Action>] = &[
    Binding {
        keys: &[Char('y'), Char('p'), Char('n'), Char('u'), Char('a')],
        hint: Some(("y p n u a", "answer")),
        help: Some(("y p n u a", "answer yes/partly/no/don't know/n/a")),
        action: answer,
    },
    Binding {
        keys: &[Right, Char('l'), Left, Char('h')],
        hint: Some(("←→", "move")),
        help: Some(("→ l   ← h", "next / previous question")),
        action: step,
    },
    Binding {
        keys: &[Tab, BackTab],
        hint: None,
        help: Some(("Tab  Shift-Tab", "next / previous dimension")),
        action: dimension,
    },
    Binding {
        keys: &[Char('f')],
        hint: Some(("f", "next to do")),
        help: Some(("f", "next unanswered or carried answer")),
        action: next_to_do,
    },
    Binding { keys: &[Enter], hint: None, help: Some(("Enter", "confirm an answer carried over")), action: answer },
    Binding {
        keys: &[Char('e'), Char('v')],
        hint: Some(("e", "note")),
        help: Some(("e   v", "edit note / evidence (Enter keeps)")),
        action: edit,
    },
    // Typed in the note's editor, which takes every key (`edit::EDIT_KEYS`).
    Binding {
        keys: &[],
        hint: None,
        help: Some(("Ctrl-J", "new line in a note; pastes keep lines")),
        action: shown_only,
    },
    Binding {
        keys: &[Char('i')],
        hint: None,
        help: Some(("i", "show or hide why a practice matters")),
        action: toggle_why,
    },
    Binding { keys: &[Char('x'), Delete], hint: None, help: Some(("x", "clear the answer")), action: clear },
    Binding { keys: &[Home, End], hint: None, help: None, action: jump },
    // `?` opens the help on every screen (`app::ANY_KEYS`); the questions name it in their hints.
    Binding { keys: &[], hint: Some(("?", "keys")), help: None, action: shown_only },
];

/// A key on the question screen: the facilitator's first in a workshop, then the screen's keymap.
pub(super) fn question_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    if let Some(done) = super::facilitator::key(a, key) {
        // The anonymous display stays as the facilitator set it for a workshop opened next.
        model.anonymous = super::workshop::anonymous(a);
        if done.finished {
            a.finishing = true;
            a.page = Page::Context;
        }
        if done.changed {
            model.changed();
        }
        model.status = done.status.unwrap_or_else(|| model.status.clone());
        return Effect::None;
    }
    dispatch(KEYS, model, key)
}

/// The answer the key gives (y p n u a), or Enter on an answer carried from the last assessment,
/// which confirms it; then on to the next question, or, once every question is answered, the
/// walk through context and map to the results.
fn answer(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let given = match key.code {
        Char('y') => Some(Answer::Yes),
        Char('p') => Some(Answer::Partial),
        Char('n') => Some(Answer::No),
        Char('u') => Some(Answer::Unknown),
        Char('a') => Some(Answer::Na),
        _ => None,
    };
    let (_, _, q) = a.current();
    let carried = a.session.answers.get(&q.id).is_some_and(|e| e.carried && e.answer.is_some());
    // Enter on an answer carried from the last assessment confirms it.
    let given = given.or_else(|| (key.code == Enter && carried).then(|| a.session.answer(&q.id)).flatten());
    let Some(given) = given else { return Effect::None };
    let id = q.id.clone();
    let before = a.answered() - a.to_confirm();
    let entry = a.session.answers.entry(id).or_default();
    entry.answer = Some(given);
    entry.carried = false;
    let status = after_answer(a, before);
    model.changed();
    if let Some(status) = status {
        model.status = status;
    }
    Effect::None
}

/// Where an answer leads: the next question; the walk to the results once every question is
/// answered and confirmed (carried answers nobody confirmed are still to do); or, after the last
/// question with some still to do, the first of them. Returns the status to show, if any.
fn after_answer(a: &mut Assessment, before: usize) -> Option<String> {
    let (answered, total) = (a.answered() - a.to_confirm(), a.total());
    let last = a.cursor + 1 == total;
    if answered == total && (last || before < total) {
        // Every question has an answer: walk through context and map to the results.
        a.finishing = true;
        a.page = Page::Context;
        return Some("Every question is answered. Describe your context, then rate the lifecycle stages.".into());
    }
    if !last {
        a.cursor += 1;
        return None;
    }
    let (unanswered, confirm) = (a.total() - a.answered(), a.to_confirm());
    a.cursor = a.first_to_do().unwrap_or(a.cursor);
    let what = match (unanswered, confirm) {
        (n, 0) => format!("{n} question{} still unanswered", if n == 1 { " is" } else { "s are" }),
        (0, c) => format!("{c} carried answer{} still to confirm", if c == 1 { " is" } else { "s are" }),
        (n, c) => format!("{n} unanswered and {c} carried answer{} to confirm", if c == 1 { "" } else { "s" }),
    };
    Some(format!("{what}: here is the first; f goes to the next one"))
}

/// The next or previous question.
fn step(model: &mut Model, key: KeyEvent) -> Effect {
    if let Some(a) = model.assessment.as_mut() {
        a.cursor = match key.code {
            Right | Char('l') => (a.cursor + 1).min(a.total() - 1),
            _ => a.cursor.saturating_sub(1),
        };
    }
    Effect::None
}

/// The first question of the next dimension, or of the previous one (from the first, the last).
fn dimension(model: &mut Model, key: KeyEvent) -> Effect {
    if let Some(a) = model.assessment.as_mut() {
        let (d, _, _) = a.current();
        let n = a.questionnaire.dimensions.len();
        let to = if key.code == Tab { (d + 1) % n } else { (d + n - 1) % n };
        a.cursor = a.dimension_start(to);
    }
    Effect::None
}

/// The first or the last question.
fn jump(model: &mut Model, key: KeyEvent) -> Effect {
    if let Some(a) = model.assessment.as_mut() {
        a.cursor = if key.code == Home { 0 } else { a.total() - 1 };
    }
    Effect::None
}

/// The next question still to do (unanswered, or a carried answer to confirm).
fn next_to_do(model: &mut Model, _: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    match a.next_unanswered() {
        Some(i) => a.cursor = i,
        None => model.status = "Every question is answered and confirmed: r shows the results".into(),
    }
    Effect::None
}

/// Opens the note (e) or the evidence (v) of the question in the editor.
fn edit(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let field = if key.code == KeyCode::Char('e') { NoteField::Note } else { NoteField::Evidence };
    let (_, _, q) = a.current();
    let entry = a.session.answers.get(&q.id);
    let text = match field {
        NoteField::Note => entry.and_then(|e| e.note.clone()),
        NoteField::Evidence => entry.and_then(|e| e.evidence.clone()),
    };
    a.editing = Some((field, TextInput::multiline(&text.unwrap_or_default())));
    Effect::None
}

/// Shows or hides why the practice matters.
fn toggle_why(model: &mut Model, _: KeyEvent) -> Effect {
    if let Some(a) = model.assessment.as_mut() {
        a.show_help = !a.show_help;
    }
    Effect::None
}

/// Clears the question's answer (in a workshop, the agreed one). Its note, its evidence and a
/// workshop's votes stay: the entry goes only when nothing else is left in it.
fn clear(model: &mut Model, _: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let (_, _, q) = a.current();
    let id = q.id.clone();
    if let Some(entry) = a.session.answers.get_mut(&id)
        && entry.answer.take().is_some()
    {
        entry.carried = false;
        if *entry == crate::session::AnswerEntry::default() {
            a.session.answers.shift_remove(&id);
        }
        model.changed();
    }
    Effect::None
}
