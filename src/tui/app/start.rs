//! Keys on the start screen (saved sessions) and the new-session form, before an assessment is
//! open. Typing into the form's text fields is `edit`'s job, not this file's.

use super::model::{Effect, Entry, LAST_INPUT, Model};
use crate::tui::input::TextInput;
use crossterm::event::{KeyCode, KeyEvent};

pub(super) fn start_key(model: &mut Model, key: KeyEvent) -> Effect {
    let rows = model.saved.len() + 1;
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => model.start_row = (model.start_row + rows - 1) % rows,
        KeyCode::Down | KeyCode::Char('j') => model.start_row = (model.start_row + 1) % rows,
        KeyCode::PageUp => model.start_row = model.start_row.saturating_sub(10),
        KeyCode::PageDown => model.start_row = (model.start_row + 10).min(rows - 1),
        KeyCode::Home => model.start_row = 0,
        KeyCode::End => model.start_row = rows - 1,
        KeyCode::Char('n') => model.entry = Entry::NewSession,
        KeyCode::Enter if model.start_row == model.saved.len() => model.entry = Entry::NewSession,
        KeyCode::Char('q') | KeyCode::Esc => return Effect::Quit,
        KeyCode::Enter | KeyCode::Char('a') | KeyCode::Char('r') => {
            let Some(entry) = model.saved.get(model.start_row) else { return Effect::None };
            if let Some(problem) = &entry.problem {
                model.status = format!("Cannot open {}: {problem}", entry.path.display());
                return Effect::None;
            }
            match key.code {
                KeyCode::Enter => return Effect::Open(entry.path.clone()),
                KeyCode::Char('a') => return Effect::NextAssessment(entry.path.clone()),
                _ => {
                    // A new respondent for the same team and questionnaire.
                    let form = &mut model.form;
                    let id = entry.questionnaire.clone();
                    form.choice = match form.questionnaires.iter().position(|(q, _)| *q == id) {
                        Some(i) => i,
                        None => {
                            form.questionnaires.push((id.clone(), id));
                            form.questionnaires.len() - 1
                        }
                    };
                    form.team = TextInput::new(if entry.team == "–" { "" } else { &entry.team });
                    form.respondent = TextInput::new("");
                    form.field = 2;
                    model.entry = Entry::NewSession;
                }
            }
        }
        _ => {}
    }
    Effect::None
}

pub(super) fn form_key(model: &mut Model, key: KeyEvent) -> Effect {
    let form = &mut model.form;
    let count = form.questionnaires.len().max(1);
    match (form.field, key.code) {
        (_, KeyCode::Tab | KeyCode::Down) => form.field = (form.field + 1).min(LAST_INPUT + 1),
        (_, KeyCode::BackTab | KeyCode::Up) => form.field = form.field.saturating_sub(1),
        (0, KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ')) => form.choice = (form.choice + 1) % count,
        (0, KeyCode::Left | KeyCode::Char('h')) => form.choice = (form.choice + count - 1) % count,
        (0, KeyCode::Enter) => form.field = 1,
        (5, KeyCode::Enter) => return form.create().unwrap_or(Effect::None),
        (_, KeyCode::Char('q')) => return Effect::Quit,
        (5, KeyCode::Esc) => form.field = LAST_INPUT,
        (_, KeyCode::Esc) if model.saved.is_empty() => {
            model.status = "This is the first step: q quits".into();
        }
        (_, KeyCode::Esc) => model.entry = Entry::Start,
        _ => {}
    }
    Effect::None
}

/// `assess --team/--respondent/--role/--participants` without a session file: that new
/// session, never a saved one. The form shows with the missing field focused, or, when nothing
/// is missing (the team and the respondent, or for a workshop the team and its participants),
/// is skipped: the effect that creates the session is returned.
pub fn start_given(model: &mut Model) -> Option<Effect> {
    model.entry = Entry::NewSession;
    let form = &mut model.form;
    if form.team.text.trim().is_empty() {
        form.field = 1;
        return None;
    }
    let workshop = !form.participants.text.trim().is_empty();
    if !workshop && form.respondent.text.trim().is_empty() {
        form.field = 2;
        return None;
    }
    form.create()
}
