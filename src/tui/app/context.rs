//! Keys on the context screen: models in production, criticality, regulation, the target
//! level, and whether the team trains its own models, decides about people and serves
//! customers directly, each changed in place. It changes only the session's context and target.

use super::model::{CONTEXT_ROWS, Effect, Model, Page};
use super::nav::global_key;
use crate::session::Criticality;
use crossterm::event::{KeyCode, KeyEvent};

const CRITICALITIES: [Option<Criticality>; 4] =
    [None, Some(Criticality::Low), Some(Criticality::Medium), Some(Criticality::High)];

pub(super) fn context_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let highest = a.questionnaire.highest_level();
    let mut ctx = a.session.context.clone().unwrap_or_default();
    let mut target = a.session.target;
    let step: i64 = match key.code {
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') | KeyCode::Char(' ') => 1,
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => -1,
        _ => 0,
    };
    let typing = std::mem::replace(&mut a.typing_number, false);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => a.context_row = (a.context_row + CONTEXT_ROWS - 1) % CONTEXT_ROWS,
        KeyCode::Down | KeyCode::Char('j') => a.context_row = (a.context_row + 1) % CONTEXT_ROWS,
        KeyCode::Enter if a.finishing => a.page = Page::Bottlenecks,
        KeyCode::Enter => a.page = Page::Question,
        KeyCode::Esc => {
            a.finishing = false;
            a.page = Page::Question;
        }
        KeyCode::Char(d @ '0'..='9') if a.context_row == 0 => {
            // The first digit replaces the value; the next ones are appended.
            let now = if typing { ctx.models_in_production.unwrap_or(0) } else { 0 };
            let digit = u32::from(d as u8 - b'0');
            ctx.models_in_production = Some(now.saturating_mul(10).saturating_add(digit).min(99_999));
            a.typing_number = true;
        }
        KeyCode::Backspace if a.context_row == 0 => {
            ctx.models_in_production = ctx.models_in_production.and_then(|n| (n >= 10).then_some(n / 10));
            a.typing_number = true;
        }
        KeyCode::Backspace | KeyCode::Char('x') | KeyCode::Delete => match a.context_row {
            0 => ctx.models_in_production = None,
            1 => ctx.criticality = None,
            2 => ctx.regulated = None,
            3 => target = None,
            4 => ctx.trains_models = None,
            5 => ctx.decides_about_people = None,
            6 => ctx.customer_facing = None,
            _ => {}
        },
        _ if step != 0 => match a.context_row {
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
                let options = i64::from(highest) + 2;
                let at = target.map_or(0, |t| i64::from(t) + 1);
                let next = (at + step).rem_euclid(options);
                target = (next > 0).then(|| (next - 1) as u32);
            }
        },
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    let new_context = (!ctx.is_empty()).then_some(ctx);
    if new_context != a.session.context || target != a.session.target {
        a.session.context = new_context;
        a.session.target = target;
        model.changed();
    }
    Effect::None
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
