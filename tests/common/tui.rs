//! The TUI's model without a terminal: keys in, the screen drawn into ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::tui::app::{Assessment, Effect, Model, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The whole app as the terminal shows it (header, screen, key hints and status) at `width` ×
/// `height`, as text.
pub fn render(model: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| mlops_maturity::tui::view::draw(model, f)).unwrap();
    terminal.backend().to_string()
}

/// One key without modifiers, and what the app is asked to do after it.
pub fn press(m: &mut Model, code: KeyCode) -> Effect {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// The open assessment.
pub fn a(m: &Model) -> &Assessment {
    m.assessment.as_ref().unwrap()
}
