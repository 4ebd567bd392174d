//! Keys on the results screen: exports (asked of the shell as effects) and scrolling. It builds
//! no report itself; the model's report is rebuilt elsewhere.

use super::model::{Effect, ExportFormat, Model, Page};
use super::nav::{Action, dispatch, go};
use crate::tui::keymap::Binding;
use crossterm::event::KeyCode::{self, Char, Down, Enter, Esc, Home, PageDown, PageUp, Up};
use crossterm::event::KeyEvent;

/// The results screen's keys.
pub(crate) const KEYS: &[Binding<Action>] = &[
    Binding {
        keys: &[Down, PageDown, Up, PageUp, Home],
        hint: Some(("↑↓", "scroll")),
        help: Some(("m j w t  ↑↓", "results: export md/JSON/HTML/CSV; scroll")),
        action: scroll,
    },
    Binding { keys: &[Char('m')], hint: Some(("export m", "Markdown")), help: None, action: export },
    Binding { keys: &[Char('j')], hint: Some(("j", "JSON")), help: None, action: export },
    Binding { keys: &[Char('w')], hint: Some(("w", "HTML")), help: None, action: export },
    Binding { keys: &[Char('t')], hint: Some(("t", "CSV")), help: None, action: export },
    Binding { keys: &[Char('g')], hint: Some(("g", "questions")), help: None, action: go },
    Binding { keys: &[Esc, Enter], hint: None, help: None, action: back },
];

/// A key on the results screen.
pub(super) fn results_key(model: &mut Model, key: KeyEvent) -> Effect {
    dispatch(KEYS, model, key)
}

/// Asks the shell for the report in the format the key names.
fn export(_: &mut Model, key: KeyEvent) -> Effect {
    Effect::Export(match key.code {
        Char('m') => ExportFormat::Markdown,
        Char('j') => ExportFormat::Json,
        Char('w') => ExportFormat::Html,
        _ => ExportFormat::Csv,
    })
}

fn scroll(model: &mut Model, key: KeyEvent) -> Effect {
    // A page is about the rows the window shows below the header, status and borders.
    let page = usize::from(model.size.1).saturating_sub(8).max(5);
    if let Some(a) = model.assessment.as_mut() {
        a.results_scroll = match key.code {
            KeyCode::Down => a.results_scroll + 1,
            KeyCode::PageDown => a.results_scroll + page,
            KeyCode::Up => a.results_scroll.saturating_sub(1),
            KeyCode::PageUp => a.results_scroll.saturating_sub(page),
            _ => 0,
        };
    }
    Effect::None
}

/// Back to the questions.
fn back(model: &mut Model, _: KeyEvent) -> Effect {
    if let Some(a) = model.assessment.as_mut() {
        a.page = Page::Question;
    }
    Effect::None
}
