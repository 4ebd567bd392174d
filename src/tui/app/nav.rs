//! Keys that work on every screen of an open assessment: going to another screen, quitting.

use super::model::{Effect, Model, Screen};
use crossterm::event::{KeyCode, KeyEvent};

/// Keys that work on every screen of an open assessment.
pub(super) fn global_key(model: &mut Model, key: KeyEvent) -> Option<Effect> {
    let target = match key.code {
        KeyCode::Char('q') => return Some(Effect::Quit),
        KeyCode::Char('c') => Screen::Context,
        KeyCode::Char('b') => Screen::Bottlenecks,
        KeyCode::Char('r') => Screen::Results,
        KeyCode::Char('g') => Screen::Question,
        _ => return None,
    };
    if let Some(a) = model.assessment.as_mut() {
        a.finishing = false;
    }
    model.screen = target;
    Some(Effect::None)
}
