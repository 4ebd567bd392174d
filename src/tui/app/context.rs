//! Keys on the context screen: models in production, criticality, regulation, the target
//! level, and whether the team trains its own models, decides about people and serves
//! customers directly, each changed in place. It changes only the session's context and target.

use super::model::{Assessment, CONTEXT_ROWS, Effect, Model, Page};
use super::nav::global_key;
use crate::session::{Context, Criticality};
use crate::tui::keymap::{Binding, find};
use crossterm::event::KeyCode::{Backspace, Char, Delete, Down, Enter, Esc, Left, Right, Up};
use crossterm::event::KeyEvent;

const CRITICALITIES: [Option<Criticality>; 4] =
    [None, Some(Criticality::Low), Some(Criticality::Medium), Some(Criticality::High)];

/// The context and target being changed by a key, saved when they differ from the session's.
pub(crate) struct Draft {
    context: Context,
    target: Option<u32>,
    /// Digits were being typed into the number of models (the next one is appended).
    typing: bool,
}

/// What a key does on the context screen: changes the draft, or the row and the screen.
pub(crate) type Edit = fn(&mut Assessment, &mut Draft, KeyEvent);

/// The context screen's keys.
pub(crate) const KEYS: &[Binding<Edit>] = &[
    Binding {
        keys: &[Up, Char('k'), Down, Char('j')],
        hint: Some(("↑↓", "field")),
        help: Some(("↑↓ ←→ digits", "context and map: choose, adjust, type")),
        action: choose_row,
    },
    Binding {
        keys: &[Right, Char('l'), Char('+'), Char(' '), Left, Char('h'), Char('-')],
        hint: Some(("←→", "change")),
        help: None,
        action: change,
    },
    Binding {
        keys: &[
            Char('0'),
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
        ],
        hint: Some(("digits", "type")),
        help: None,
        action: type_digit,
    },
    Binding { keys: &[Backspace, Char('x'), Delete], hint: Some(("x", "clear")), help: None, action: clear },
    Binding { keys: &[Enter, Esc], hint: Some(("Enter", "next")), help: None, action: leave },
];

/// A key on the context screen: its row's action on a draft of the context, saved when changed.
pub(super) fn context_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    // Any key but a digit ends the typing of a number.
    let typing = std::mem::replace(&mut a.typing_number, false);
    let Some(row) = find(KEYS, key.code) else { return global_key(model, key) };
    let mut draft = Draft { context: a.session.context.clone().unwrap_or_default(), target: a.session.target, typing };
    (row.action)(a, &mut draft, key);
    let new_context = (!draft.context.is_empty()).then_some(draft.context);
    if new_context != a.session.context || draft.target != a.session.target {
        a.session.context = new_context;
        a.session.target = draft.target;
        model.changed();
    }
    Effect::None
}

fn choose_row(a: &mut Assessment, _: &mut Draft, key: KeyEvent) {
    a.context_row = match key.code {
        Up | Char('k') => (a.context_row + CONTEXT_ROWS - 1) % CONTEXT_ROWS,
        _ => (a.context_row + 1) % CONTEXT_ROWS,
    };
}

/// Enter: on through the walk to the results (the map), else back to the questions; Esc: back
/// to the questions, out of the walk.
fn leave(a: &mut Assessment, _: &mut Draft, key: KeyEvent) {
    if key.code == Esc {
        a.finishing = false;
    }
    a.page = if key.code == Enter && a.finishing { Page::Bottlenecks } else { Page::Question };
}

/// On the number of models: the first digit replaces the value, the next ones are appended.
fn type_digit(a: &mut Assessment, draft: &mut Draft, key: KeyEvent) {
    let Char(d) = key.code else { return };
    if a.context_row != 0 {
        return;
    }
    let now = if draft.typing { draft.context.models_in_production.unwrap_or(0) } else { 0 };
    let digit = u32::from(d as u8 - b'0');
    draft.context.models_in_production = Some(now.saturating_mul(10).saturating_add(digit).min(99_999));
    a.typing_number = true;
}

/// Clears the row's value; Backspace on the number of models takes its last digit away.
fn clear(a: &mut Assessment, draft: &mut Draft, key: KeyEvent) {
    let ctx = &mut draft.context;
    match a.context_row {
        0 if key.code == Backspace => {
            ctx.models_in_production = ctx.models_in_production.and_then(|n| (n >= 10).then_some(n / 10));
            a.typing_number = true;
        }
        0 => ctx.models_in_production = None,
        1 => ctx.criticality = None,
        2 => ctx.regulated = None,
        3 => draft.target = None,
        4 => ctx.trains_models = None,
        5 => ctx.decides_about_people = None,
        6 => ctx.customer_facing = None,
        _ => {}
    }
}

/// The row's value one step on (→ l + space) or back (← h -).
fn change(a: &mut Assessment, draft: &mut Draft, key: KeyEvent) {
    let step: i64 = if matches!(key.code, Left | Char('h') | Char('-')) { -1 } else { 1 };
    let ctx = &mut draft.context;
    match a.context_row {
        0 => {
            let now = i64::from(ctx.models_in_production.unwrap_or(0));
            ctx.models_in_production = Some((now + step).clamp(0, 99_999) as u32);
        }
        1 => {
            let at = CRITICALITIES.iter().position(|c| *c == ctx.criticality).unwrap_or(0) as i64;
            ctx.criticality = CRITICALITIES[(at + step).rem_euclid(4) as usize];
        }
        2 => ctx.regulated = cycle(ctx.regulated, step),
        4 => ctx.trains_models = cycle(ctx.trains_models, step),
        5 => ctx.decides_about_people = cycle(ctx.decides_about_people, step),
        6 => ctx.customer_facing = cycle(ctx.customer_facing, step),
        _ => {
            // Cycles: from context (None) -> 0 -> 1 -> ... -> highest -> None.
            let options = i64::from(a.questionnaire.highest_level()) + 2;
            let at = draft.target.map_or(0, |t| i64::from(t) + 1);
            let next = (at + step).rem_euclid(options);
            draft.target = (next > 0).then(|| (next - 1) as u32);
        }
    }
}

/// A yes/no context value one step on: not set -> yes -> no -> not set (backwards the other way).
fn cycle(value: Option<bool>, step: i64) -> Option<bool> {
    match (value, step > 0) {
        (None, true) => Some(true),
        (Some(true), true) => Some(false),
        (Some(false), true) => None,
        (None, false) => Some(false),
        (Some(false), false) => Some(true),
        (Some(true), false) => None,
    }
}
