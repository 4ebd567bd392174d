//! Keys on the results screen: exports (asked of the shell as effects) and scrolling. It builds
//! no report itself; the model's report is rebuilt elsewhere.

use super::model::{Effect, ExportFormat, Model, Page};
use super::nav::global_key;
use crossterm::event::{KeyCode, KeyEvent};

pub(super) fn results_key(model: &mut Model, key: KeyEvent) -> Effect {
    match key.code {
        KeyCode::Char('m') => Effect::Export(ExportFormat::Markdown),
        KeyCode::Char('j') => Effect::Export(ExportFormat::Json),
        KeyCode::Char('w') => Effect::Export(ExportFormat::Html),
        KeyCode::Char('t') => Effect::Export(ExportFormat::Csv),
        KeyCode::Down | KeyCode::PageDown | KeyCode::Up | KeyCode::PageUp | KeyCode::Home => {
            if let Some(a) = model.assessment.as_mut() {
                a.results_scroll = match key.code {
                    KeyCode::Down => a.results_scroll + 1,
                    KeyCode::PageDown => a.results_scroll + 10,
                    KeyCode::Up => a.results_scroll.saturating_sub(1),
                    KeyCode::PageUp => a.results_scroll.saturating_sub(10),
                    _ => 0,
                };
            }
            Effect::None
        }
        KeyCode::Esc | KeyCode::Enter => {
            if let Some(a) = model.assessment.as_mut() {
                a.page = Page::Question;
            }
            Effect::None
        }
        _ => global_key(model, key).unwrap_or(Effect::None),
    }
}
