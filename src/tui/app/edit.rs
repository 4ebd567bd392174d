//! Keys and pastes while a text field is open: the new-session form's fields and the note or
//! evidence of a question. Editing ends with Enter or Esc; what was typed is kept by
//! [`commit_edit`], also when the app ends. It handles no other screen's keys.

use super::model::{Effect, FormField, Model, NoteField, ROLES, Screen};
use super::nav::{Action, shown_only};
use crate::session::AnswerEntry;
use crate::tui::input::{InputOutcome, TextInput};
use crate::tui::keymap::Binding;
use crossterm::event::{KeyCode, KeyEvent};

/// The note's or the evidence's editor: it takes every key (`TextInput::handle`), so these rows
/// only show its keys in the hints.
pub(crate) const EDIT_KEYS: &[Binding<Action>] = &[
    Binding { keys: &[], hint: Some(("Enter", "keep")), help: None, action: shown_only },
    Binding { keys: &[], hint: Some(("Esc", "cancel")), help: None, action: shown_only },
    Binding { keys: &[], hint: Some(("Ctrl-J", "new line")), help: None, action: shown_only },
    Binding { keys: &[], hint: Some(("←→ Home End", "move")), help: None, action: shown_only },
];

/// Routes a key to the open text input, if any; `None` when no input is being edited.
pub(super) fn edit_text(model: &mut Model, key: KeyEvent) -> Option<Effect> {
    if model.screen() == Screen::NewSession && model.form.field.is_input() {
        let field = model.form.field;
        let start = model.form.create();
        let form = &mut model.form;
        match key.code {
            // Enter in the last field starts the assessment, as the button does.
            KeyCode::Enter if field == FormField::Participants => return Some(start.unwrap_or(Effect::None)),
            KeyCode::Tab | KeyCode::Down => form.field = field.next(),
            KeyCode::BackTab | KeyCode::Up | KeyCode::Esc => form.field = field.previous(),
            _ => {
                let input = form.input_mut()?;
                match key.code {
                    KeyCode::Left | KeyCode::Right
                        if field == FormField::Role
                            && (input.text.is_empty() || ROLES.contains(&input.text.as_str())) =>
                    {
                        let at = ROLES.iter().position(|r| *r == input.text);
                        let next = match (at, key.code == KeyCode::Right) {
                            (None, true) => 0,
                            (None, false) => ROLES.len() - 1,
                            (Some(i), true) => (i + 1) % ROLES.len(),
                            (Some(i), false) => (i + ROLES.len() - 1) % ROLES.len(),
                        };
                        *input = TextInput::new(ROLES[next]);
                    }
                    _ => {
                        if input.handle(key) == InputOutcome::Done {
                            form.field = field.next();
                        }
                    }
                }
            }
        }
        return Some(Effect::None);
    }
    let a = model.assessment.as_mut()?;
    let (_, input) = a.editing.as_mut()?;
    match input.handle(key) {
        InputOutcome::Editing => {
            let refused = input.refused;
            if refused > 0 {
                model.status = limit_message(refused);
            }
        }
        InputOutcome::Cancelled => {
            a.editing = None;
            model.status = "Edit cancelled".into();
        }
        InputOutcome::Done => commit_edit(model),
    }
    Some(Effect::None)
}

fn limit_message(refused: usize) -> String {
    format!(
        "A note holds at most {} characters: {refused} character{} not added",
        crate::tui::input::MAX_CHARS,
        if refused == 1 { " was" } else { "s were" }
    )
}

/// Keeps the note or evidence being edited, if any, and closes the editor (also when the app
/// ends by a signal or a closed terminal: nothing typed is lost).
pub(crate) fn commit_edit(model: &mut Model) {
    let Some(a) = model.assessment.as_mut() else { return };
    let Some((field, input)) = a.editing.take() else { return };
    let text = input.text.trim().to_owned();
    let (_, _, q) = a.current();
    let id = q.id.clone();
    let entry = a.session.answers.entry(id.clone()).or_default();
    let slot = match field {
        NoteField::Note => &mut entry.note,
        NoteField::Evidence => &mut entry.evidence,
    };
    let new = (!text.is_empty()).then_some(text);
    if *slot != new {
        *slot = new;
        model.changed();
    } else if *entry == AnswerEntry::default() {
        a.session.answers.shift_remove(&id);
    }
}

/// A paste goes into the text field being edited, as one block; anywhere else it is ignored.
pub(super) fn paste(model: &mut Model, text: &str) {
    let input = if model.screen() == Screen::NewSession && model.form.field.is_input() {
        let Some(input) = model.form.input_mut() else { return };
        input
    } else if let Some((_, input)) = model.assessment.as_mut().and_then(|a| a.editing.as_mut()) {
        input
    } else {
        model.status = if model.screen() == Screen::NewSession {
            "Paste ignored: move to Team, Respondent, Role or Participants first".into()
        } else {
            "Paste ignored: press e (note) or v (evidence) first, then paste".into()
        };
        return;
    };
    input.insert_str(text);
    if input.refused > 0 {
        model.status = limit_message(input.refused);
    }
}
