//! The assessment's model, messages and `update`: the whole behaviour of the TUI as plain data.
//!
//! `update` never touches the terminal or the disk. It changes the model and, when something must
//! happen outside (open or create a session, export a report, quit), returns an [`Effect`] for
//! the event loop to carry out. A changed session sets `dirty`; the loop saves it at once.
//!
//! This file holds `update`: the dispatch of a message to the screen shown (what the shell
//! reports goes to `reported`), and the hints and help read from the screens' keymaps. The
//! model's types are in `model`; each screen's keymap and its actions live in a file of their
//! own (`start`, `question`, `context`, `bottlenecks`, `results`, the facilitator's in
//! `facilitator` with the workshop's state in `workshop`; text fields in `edit`, the keys every
//! screen of an assessment shares in `nav`).

mod assessment;
mod bottlenecks;
mod context;
mod edit;
pub(crate) mod facilitator;
mod model;
mod nav;
mod question;
mod reported;
mod results;
mod start;
pub(crate) mod workshop;

use bottlenecks::bottleneck_key;
use context::context_key;
use edit::{commit_edit, edit_text, paste};
pub use model::*;
use question::question_key;
use reported::reported;
use results::results_key;
pub use start::start_given;
use start::{form_key, start_key};

use crate::tui::keymap::{Binding, Shown, find, help, hints};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use nav::Action;

/// Keys that work on every screen, taken before the screen's own (but not in a text field).
/// `q` is each screen's own (`nav::KEYS` on an assessment's), Ctrl-C is taken before anything.
pub(crate) const ANY_KEYS: &[Binding<Action>] = &[
    Binding {
        keys: &[KeyCode::Char('?')],
        hint: None,
        help: Some(("?", "this help (↑↓ scroll, other keys close)")),
        action: open_help,
    },
    Binding {
        keys: &[],
        hint: None,
        help: Some(("q  Ctrl-C", "quit; every change is already saved")),
        action: nav::shown_only,
    },
];

fn open_help(model: &mut Model, _: KeyEvent) -> Effect {
    model.help_overlay = true;
    model.help_scroll = 0;
    Effect::None
}

/// The key hints under the screen shown, as (keys, label): the rows of its keymap, then the
/// keys every screen of an assessment shares.
pub(crate) fn hint_rows(model: &Model) -> Vec<Shown> {
    let editing = model.assessment.as_ref().is_some_and(|a| a.editing.is_some());
    let workshop = model.assessment.as_ref().is_some_and(|a| a.workshop.is_some());
    let own: Vec<_> = match model.screen() {
        _ if editing => return hints(edit::EDIT_KEYS).collect(),
        Screen::Start => return hints(start::START_KEYS).collect(),
        Screen::NewSession => return hints(start::FORM_KEYS).collect(),
        Screen::Question if workshop => hints(facilitator::KEYMAP).collect(),
        Screen::Question => hints(question::KEYS).collect(),
        Screen::Context => hints(context::KEYS).collect(),
        Screen::Bottlenecks => hints(bottlenecks::KEYS).collect(),
        Screen::Results => hints(results::KEYS).collect(),
    };
    own.into_iter().chain(hints(nav::KEYS)).collect()
}

/// The `?` help's rows, as (keys, what they do): a workshop's own keys (in a workshop
/// session; empty otherwise), then the keys of every screen.
pub(crate) fn help_rows(model: &Model) -> (Vec<Shown>, Vec<Shown>) {
    let workshop = model.assessment.as_ref().is_some_and(|a| a.workshop.is_some());
    let facilitator = if workshop { help(facilitator::KEYMAP).collect() } else { Vec::new() };
    // In a workshop the facilitator's keys replace the answering keys (y p n u a vote, Enter
    // agrees): the question's rows for keys the workshop takes over are left out.
    let taken_over =
        |keys: &[KeyCode]| workshop && keys.iter().all(|k| facilitator::KEYMAP.iter().any(|f| f.keys.contains(k)));
    let question_rows =
        question::KEYS.iter().filter(|b| b.keys.is_empty() || !taken_over(b.keys)).filter_map(|b| b.help);
    let every = question_rows
        .chain(help(nav::KEYS))
        .chain(help(context::KEYS))
        .chain(help(bottlenecks::KEYS))
        .chain(help(results::KEYS))
        .chain(help(ANY_KEYS))
        .collect();
    (facilitator, every)
}

fn ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'))
}

/// Runs one message through the model: a key or a paste on the screen shown, or what the
/// shell reports (a save, an export, a session opened, the clock); returns what the shell
/// must do next.
pub fn update(model: &mut Model, msg: Msg) -> Effect {
    if matches!(msg, Msg::Key(_) | Msg::Paste(_)) {
        // A message set by this key stays until the key after it, even when a save follows.
        model.status_sticky = false;
        let before = model.status.clone();
        let screen = model.screen();
        let effect = update_inner(model, msg);
        // A message about the screen left behind ("Agreed: Partly") does not follow to the next.
        if model.screen() != screen && model.status == before && model.save_error.is_none() {
            model.status.clear();
        }
        model.status_sticky = model.status != before;
        return effect;
    }
    update_inner(model, msg)
}

fn update_inner(model: &mut Model, msg: Msg) -> Effect {
    match msg {
        Msg::Key(key) => key_msg(model, key),
        Msg::Paste(text) => {
            if model.fits() {
                paste(model, &text);
            }
            Effect::None
        }
        other => {
            reported(model, other);
            Effect::None
        }
    }
}

/// A key: Ctrl-C and (in a window too small) q quit, a text field being edited takes every
/// key, the help overlay scrolls or closes, `?` opens it; else the screen's keymap.
fn key_msg(model: &mut Model, key: KeyEvent) -> Effect {
    if key.kind == KeyEventKind::Release {
        return Effect::None;
    }
    if ctrl_c(&key) {
        // Whatever is being typed is kept, then the app quits.
        commit_edit(model);
        return Effect::Quit;
    }
    if !model.fits() {
        // Nothing can be seen, so nothing is changed: only quitting works.
        if key.code == KeyCode::Char('q') && key.modifiers.difference(KeyModifiers::SHIFT).is_empty() {
            commit_edit(model);
            return Effect::Quit;
        }
        return Effect::None;
    }
    // A text input takes every key until Enter or Esc.
    if let Some(effect) = edit_text(model, key) {
        return effect;
    }
    // Outside a text field, Ctrl and Alt with a letter are not the letter.
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return Effect::None;
    }
    if model.help_overlay {
        // ↑↓ PgUp PgDn scroll a help longer than the window; any other key closes it.
        match key.code {
            KeyCode::Down => model.help_scroll += 1,
            KeyCode::PageDown => model.help_scroll += 10,
            KeyCode::Up => model.help_scroll = model.help_scroll.saturating_sub(1),
            KeyCode::PageUp => model.help_scroll = model.help_scroll.saturating_sub(10),
            _ => model.help_overlay = false,
        }
        return Effect::None;
    }
    if let Some(row) = find(ANY_KEYS, key.code) {
        return (row.action)(model, key);
    }
    match model.screen() {
        Screen::Start => start_key(model, key),
        Screen::NewSession => form_key(model, key),
        Screen::Question => question_key(model, key),
        Screen::Context => context_key(model, key),
        Screen::Bottlenecks => bottleneck_key(model, key),
        Screen::Results => results_key(model, key),
    }
}
