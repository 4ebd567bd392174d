//! Keys on the question screen: answering, moving between questions and dimensions, opening a
//! note or evidence, and the facilitator's votes (delegated to `tui::facilitator`). It changes
//! only the open assessment and the screen; saving is the shell's job.

use super::model::{Effect, Model, NoteField, Page};
use super::nav::global_key;
use crate::session::Answer;
use crate::tui::input::TextInput;
use crossterm::event::{KeyCode, KeyEvent};

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
    let answer = match key.code {
        KeyCode::Char('y') => Some(Answer::Yes),
        KeyCode::Char('p') => Some(Answer::Partial),
        KeyCode::Char('n') => Some(Answer::No),
        KeyCode::Char('u') => Some(Answer::Unknown),
        KeyCode::Char('a') => Some(Answer::Na),
        _ => None,
    };
    let (_, _, q) = a.current();
    let carried = a.session.answers.get(&q.id).is_some_and(|e| e.carried && e.answer.is_some());
    // Enter on an answer carried from the last assessment confirms it.
    let answer = answer.or_else(|| (key.code == KeyCode::Enter && carried).then(|| a.session.answer(&q.id)).flatten());
    if let Some(answer) = answer {
        let id = q.id.clone();
        let before = a.answered() - a.to_confirm();
        let entry = a.session.answers.entry(id).or_default();
        entry.answer = Some(answer);
        entry.carried = false;
        // Carried answers nobody confirmed are still to do: the walk to the results waits for them.
        let (answered, total) = (a.answered() - a.to_confirm(), a.total());
        let last = a.cursor + 1 == total;
        let mut status = None;
        if answered == total && (last || before < total) {
            // Every question has an answer: walk through context and map to the results.
            a.finishing = true;
            a.page = Page::Context;
            status = Some("Every question is answered. Describe your context, then rate the lifecycle stages.".into());
        } else if last {
            let (unanswered, confirm) = (a.total() - a.answered(), a.to_confirm());
            a.cursor = a.first_to_do().unwrap_or(a.cursor);
            let what = match (unanswered, confirm) {
                (n, 0) => format!("{n} question{} still unanswered", if n == 1 { " is" } else { "s are" }),
                (0, c) => format!("{c} carried answer{} still to confirm", if c == 1 { " is" } else { "s are" }),
                (n, c) => format!("{n} unanswered and {c} carried answer{} to confirm", if c == 1 { "" } else { "s" }),
            };
            status = Some(format!("{what}: here is the first; f goes to the next one"));
        } else {
            a.cursor += 1;
        }
        model.changed();
        if let Some(status) = status {
            model.status = status;
        }
        return Effect::None;
    }
    match key.code {
        KeyCode::Right | KeyCode::Char('l') => a.cursor = (a.cursor + 1).min(a.total() - 1),
        KeyCode::Left | KeyCode::Char('h') => a.cursor = a.cursor.saturating_sub(1),
        KeyCode::Tab => {
            let (d, _, _) = a.current();
            let next = (d + 1) % a.questionnaire.dimensions.len();
            a.cursor = a.dimension_start(next);
        }
        KeyCode::BackTab => {
            // The previous dimension, as the help says (from the first, the last).
            let (d, _, _) = a.current();
            let n = a.questionnaire.dimensions.len();
            a.cursor = a.dimension_start((d + n - 1) % n);
        }
        KeyCode::Char('e') | KeyCode::Char('v') => {
            let field = if key.code == KeyCode::Char('e') { NoteField::Note } else { NoteField::Evidence };
            let (_, _, q) = a.current();
            let entry = a.session.answers.get(&q.id);
            let text = match field {
                NoteField::Note => entry.and_then(|e| e.note.clone()),
                NoteField::Evidence => entry.and_then(|e| e.evidence.clone()),
            };
            a.editing = Some((field, TextInput::multiline(&text.unwrap_or_default())));
        }
        KeyCode::Char('i') => a.show_help = !a.show_help,
        KeyCode::Char('x') | KeyCode::Delete => {
            let (_, _, q) = a.current();
            let id = q.id.clone();
            if let Some(entry) = a.session.answers.get_mut(&id)
                && entry.answer.take().is_some()
            {
                entry.carried = false;
                if entry.note.is_none() && entry.evidence.is_none() {
                    a.session.answers.shift_remove(&id);
                }
                model.changed();
            }
        }
        KeyCode::Home => a.cursor = 0,
        KeyCode::End => a.cursor = a.total() - 1,
        KeyCode::Char('f') => match a.next_unanswered() {
            Some(i) => a.cursor = i,
            None => model.status = "Every question is answered and confirmed: r shows the results".into(),
        },
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    Effect::None
}
