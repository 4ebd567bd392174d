//! Keys on the bottlenecks screen: each lifecycle stage's share of time and pain. It changes
//! only the session's stage ratings.

use super::model::{Assessment, Effect, Model, Page};
use super::nav::global_key;
use crate::session::StageRating;
use crate::tui::keymap::{Binding, find};
use crossterm::event::KeyCode::{Backspace, Char, Down, Enter, Esc, Left, Right, Up};
use crossterm::event::KeyEvent;

/// Time share moves in steps of this many points.
pub(crate) const SHARE_STEP: f64 = 5.0;

/// What a key does on the map: changes the chosen stage's rating (a copy, saved when it
/// differs), or the row and the screen.
pub(crate) type Rate = fn(&mut Assessment, &mut StageRating, KeyEvent);

/// The bottleneck map's keys.
pub(crate) const KEYS: &[Binding<Rate>] = &[
    Binding {
        keys: &[Up, Char('k'), Down, Char('j')], hint: Some(("↑↓", "stage")), help: None, action: choose_stage
    },
    Binding {
        keys: &[Right, Char('l'), Char('+'), Left, Char('h'), Char('-')],
        hint: Some(("←→", "time ±5")),
        help: None,
        action: time,
    },
    Binding {
        keys: &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5')],
        hint: Some(("1-5", "pain")),
        help: None,
        action: pain,
    },
    Binding { keys: &[Char('0'), Char('x'), Backspace], hint: Some(("0", "clear")), help: None, action: clear },
    Binding { keys: &[Enter, Esc], hint: Some(("Enter", "next")), help: None, action: leave },
];

/// A key on the bottleneck map (with no stages, only the keys every screen shares work).
pub(super) fn bottleneck_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let stages = a.questionnaire.stages.len();
    let row = find(KEYS, key.code);
    let (Some(row), true) = (row, stages > 0) else { return global_key(model, key) };
    let stage = a.questionnaire.stages[a.stage_row].id.clone();
    let mut rating = a.session.bottlenecks.get(&stage).cloned().unwrap_or_default();
    (row.action)(a, &mut rating, key);
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

fn choose_stage(a: &mut Assessment, _: &mut StageRating, key: KeyEvent) {
    let stages = a.questionnaire.stages.len();
    a.stage_row = match key.code {
        Up | Char('k') => (a.stage_row + stages - 1) % stages,
        _ => (a.stage_row + 1) % stages,
    };
}

/// The stage's share of time, [`SHARE_STEP`] points up (→ l +) or down (← h -).
fn time(_: &mut Assessment, rating: &mut StageRating, key: KeyEvent) {
    let share = rating.time_share.unwrap_or(0.0);
    rating.time_share = Some(match key.code {
        Right | Char('l') | Char('+') => (share + SHARE_STEP).min(100.0),
        _ => (share - SHARE_STEP).max(0.0),
    });
}

fn pain(_: &mut Assessment, rating: &mut StageRating, key: KeyEvent) {
    if let Char(d) = key.code {
        rating.pain = Some(f64::from(d as u8 - b'0'));
    }
}

fn clear(_: &mut Assessment, rating: &mut StageRating, _: KeyEvent) {
    *rating = StageRating::default();
}

/// Enter: on through the walk to the results, else back to the questions; Esc: back to the
/// questions. Either way the walk ends.
fn leave(a: &mut Assessment, _: &mut StageRating, key: KeyEvent) {
    a.page = if key.code == Enter && a.finishing { Page::Results } else { Page::Question };
    a.finishing = false;
}
