//! Keys on the start screen (saved sessions) and the new-session form, before an assessment is
//! open. Typing into the form's text fields is `edit`'s job, not this file's.

use super::model::{Effect, Entry, FormField, Model};
use super::nav::{Action, quit};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Binding, find};
use crossterm::event::KeyCode::{
    self, BackTab, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use crossterm::event::KeyEvent;

/// The start screen's keys (the saved sessions).
pub(crate) const START_KEYS: &[Binding<Action>] = &[
    Binding { keys: &[Up, Char('k'), Down, Char('j')], hint: Some(("↑↓", "choose")), help: None, action: choose },
    Binding { keys: &[PageUp, PageDown, Home, End], hint: None, help: None, action: choose },
    Binding { keys: &[Enter], hint: Some(("Enter", "open")), help: None, action: open },
    Binding { keys: &[Char('a')], hint: Some(("a", "next assessment")), help: None, action: open },
    Binding { keys: &[Char('r')], hint: Some(("r", "new respondent")), help: None, action: open },
    Binding { keys: &[Char('n')], hint: Some(("n", "new")), help: None, action: new_session },
    Binding { keys: &[Char('q'), Esc], hint: Some(("q", "quit")), help: None, action: quit },
];

/// The new-session form's keys, outside its text fields (which take every key).
pub(crate) const FORM_KEYS: &[Binding<Action>] = &[
    Binding { keys: &[Tab, Down], hint: Some(("Tab/↑↓", "field")), help: None, action: next_field },
    Binding { keys: &[BackTab, Up], hint: None, help: None, action: previous_field },
    Binding {
        keys: &[Right, Char('l'), Char(' '), Left, Char('h')],
        hint: Some(("←→", "choose")),
        help: None,
        action: choose_questionnaire,
    },
    Binding { keys: &[Enter], hint: Some(("Enter", "next/start")), help: None, action: enter },
    Binding { keys: &[Esc], hint: Some(("Esc", "back")), help: None, action: back },
    Binding { keys: &[Char('q')], hint: Some(("q", "quit")), help: None, action: quit },
];

/// A key on the start screen.
pub(super) fn start_key(model: &mut Model, key: KeyEvent) -> Effect {
    find(START_KEYS, key.code).map_or(Effect::None, |row| (row.action)(model, key))
}

/// A key on the new-session form, outside its text fields.
pub(super) fn form_key(model: &mut Model, key: KeyEvent) -> Effect {
    find(FORM_KEYS, key.code).map_or(Effect::None, |row| (row.action)(model, key))
}

/// Moves the choice among the saved sessions and "+ New session".
fn choose(model: &mut Model, key: KeyEvent) -> Effect {
    let rows = model.saved.len() + 1;
    model.start_row = match key.code {
        Up | Char('k') => (model.start_row + rows - 1) % rows,
        Down | Char('j') => (model.start_row + 1) % rows,
        PageUp => model.start_row.saturating_sub(10),
        PageDown => (model.start_row + 10).min(rows - 1),
        Home => 0,
        _ => rows - 1,
    };
    Effect::None
}

fn new_session(model: &mut Model, _: KeyEvent) -> Effect {
    model.entry = Entry::NewSession;
    Effect::None
}

/// The chosen session: Enter opens it, `a` starts the next assessment from it, `r` a new
/// respondent for the same team and questionnaire; Enter on "+ New session" starts the form.
fn open(model: &mut Model, key: KeyEvent) -> Effect {
    if key.code == Enter && model.start_row == model.saved.len() {
        model.entry = Entry::NewSession;
        return Effect::None;
    }
    let Some(entry) = model.saved.get(model.start_row) else { return Effect::None };
    if let Some(problem) = &entry.problem {
        model.status = format!("Cannot open {}: {problem}", entry.path.display());
        return Effect::None;
    }
    match key.code {
        Enter => return Effect::Open(entry.path.clone()),
        KeyCode::Char('a') => return Effect::NextAssessment(entry.path.clone()),
        _ => {}
    }
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
    form.field = FormField::Respondent;
    model.entry = Entry::NewSession;
    Effect::None
}

fn next_field(model: &mut Model, _: KeyEvent) -> Effect {
    model.form.field = model.form.field.next();
    Effect::None
}

fn previous_field(model: &mut Model, _: KeyEvent) -> Effect {
    model.form.field = model.form.field.previous();
    Effect::None
}

/// On the questionnaire field: the next or previous questionnaire on offer.
fn choose_questionnaire(model: &mut Model, key: KeyEvent) -> Effect {
    let form = &mut model.form;
    let count = form.questionnaires.len().max(1);
    if form.field == FormField::Questionnaire {
        let back = matches!(key.code, Left | Char('h'));
        form.choice = if back { (form.choice + count - 1) % count } else { (form.choice + 1) % count };
    }
    Effect::None
}

/// Enter: from the questionnaire on to the team; on the button, the new session.
fn enter(model: &mut Model, _: KeyEvent) -> Effect {
    match model.form.field {
        FormField::Questionnaire => model.form.field = FormField::Team,
        FormField::Start => return model.form.create().unwrap_or(Effect::None),
        _ => {}
    }
    Effect::None
}

/// Esc: from the button back to the last field, else back to the saved sessions (when any).
fn back(model: &mut Model, _: KeyEvent) -> Effect {
    if model.form.field == FormField::Start {
        model.form.field = FormField::Participants;
    } else if model.saved.is_empty() {
        model.status = "This is the first step: q quits".into();
    } else {
        model.entry = Entry::Start;
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
        form.field = FormField::Team;
        return None;
    }
    let workshop = !form.participants.text.trim().is_empty();
    if !workshop && form.respondent.text.trim().is_empty() {
        form.field = FormField::Respondent;
        return None;
    }
    form.create()
}
