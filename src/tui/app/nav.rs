//! Keys that work on every screen of an open assessment (going to another screen, quitting),
//! and the dispatch of a key through a screen's keymap to them.

use super::model::{Effect, Model, Page};
use crate::tui::keymap::{Binding, find};
use crossterm::event::KeyCode::Char;
use crossterm::event::{KeyCode, KeyEvent};

/// What a key does on a screen of the app: it changes the model and may ask the shell for an
/// effect.
pub(crate) type Action = fn(&mut Model, KeyEvent) -> Effect;

/// The keys every screen of an open assessment takes when its own keymap does not.
pub(crate) const KEYS: &[Binding<Action>] = &[
    Binding {
        keys: &[Char('g'), Char('c'), Char('b'), Char('r')],
        hint: None,
        help: Some(("g c b r", "questions / context / map / results")),
        action: go,
    },
    Binding { keys: &[Char('q')], hint: Some(("q", "quit")), help: None, action: quit },
];

/// Goes to the screen the key names (g c b r), out of the walk to the results.
pub(super) fn go(model: &mut Model, key: KeyEvent) -> Effect {
    let target = match key.code {
        KeyCode::Char('c') => Page::Context,
        KeyCode::Char('b') => Page::Bottlenecks,
        KeyCode::Char('r') => Page::Results,
        _ => Page::Question,
    };
    if let Some(a) = model.assessment.as_mut() {
        a.finishing = false;
        a.page = target;
    }
    Effect::None
}

/// Quits (every change is already saved).
pub(super) fn quit(_: &mut Model, _: KeyEvent) -> Effect {
    Effect::Quit
}

/// For a row that is only shown: its keys are taken elsewhere.
pub(super) fn shown_only(_: &mut Model, _: KeyEvent) -> Effect {
    Effect::None
}

/// A key on a screen of an open assessment: the row of the screen's keymap that takes it, else
/// the row of [`KEYS`], else nothing.
pub(super) fn dispatch(table: &'static [Binding<Action>], model: &mut Model, key: KeyEvent) -> Effect {
    match find(table, key.code).or_else(|| find(KEYS, key.code)) {
        Some(row) => (row.action)(model, key),
        None => Effect::None,
    }
}

/// A key that only [`KEYS`] may take (the screen's own keymap has no row for it).
pub(super) fn global_key(model: &mut Model, key: KeyEvent) -> Effect {
    find(KEYS, key.code).map_or(Effect::None, |row| (row.action)(model, key))
}
