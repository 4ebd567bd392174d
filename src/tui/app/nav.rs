//! Keys that work on every screen of an open assessment: going to another screen, quitting.

use super::model::{Effect, Model, Page};
use crossterm::event::{KeyCode, KeyEvent};

/// Keys that work on every screen of an open assessment.
pub(super) fn global_key(model: &mut Model, key: KeyEvent) -> Option<Effect> {
    let target = match key.code {
        KeyCode::Char('q') => return Some(Effect::Quit),
        KeyCode::Char('c') => Page::Context,
        KeyCode::Char('b') => Page::Bottlenecks,
        KeyCode::Char('r') => Page::Results,
        KeyCode::Char('g') => Page::Question,
        _ => return None,
    };
    if let Some(a) = model.assessment.as_mut() {
        a.finishing = false;
        a.page = target;
    }
    Some(Effect::None)
}
