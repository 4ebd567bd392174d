//! Keys on the bottlenecks screen: each lifecycle stage's share of time and pain. It changes
//! only the session's stage ratings.

use super::model::{Effect, Model, Page};
use super::nav::global_key;
use crate::session::StageRating;
use crossterm::event::{KeyCode, KeyEvent};

/// Time share moves in steps of this many points.
pub const SHARE_STEP: f64 = 5.0;

pub(super) fn bottleneck_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let stages = a.questionnaire.stages.len();
    if stages == 0 {
        return global_key(model, key).unwrap_or(Effect::None);
    }
    let stage = a.questionnaire.stages[a.stage_row].id.clone();
    let mut rating = a.session.bottlenecks.get(&stage).cloned().unwrap_or_default();
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => a.stage_row = (a.stage_row + stages - 1) % stages,
        KeyCode::Down | KeyCode::Char('j') => a.stage_row = (a.stage_row + 1) % stages,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') => {
            rating.time_share = Some((rating.time_share.unwrap_or(0.0) + SHARE_STEP).min(100.0));
        }
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => {
            rating.time_share = Some((rating.time_share.unwrap_or(0.0) - SHARE_STEP).max(0.0));
        }
        KeyCode::Char(d @ '1'..='5') => rating.pain = Some(f64::from(d as u8 - b'0')),
        KeyCode::Char('0') | KeyCode::Char('x') | KeyCode::Backspace => {
            rating = StageRating::default();
        }
        KeyCode::Enter if a.finishing => {
            a.finishing = false;
            a.page = Page::Results;
        }
        KeyCode::Enter | KeyCode::Esc => {
            a.finishing = false;
            a.page = Page::Question;
        }
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    let before = a.session.bottlenecks.get(&stage);
    let empty = rating == StageRating::default();
    if before != Some(&rating) && !(before.is_none() && empty) {
        if empty {
            a.session.bottlenecks.shift_remove(&stage);
        } else {
            a.session.bottlenecks.insert(stage, rating);
        }
        model.changed();
    }
    Effect::None
}
