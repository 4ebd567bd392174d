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

/// The questionnaires the TUI's snapshot tests draw: copies of the built-ins as they were when
/// the snapshots were taken, in tests/fixtures/snapshot-questionnaires/, so that rewording a
/// built-in question changes no snapshot (the built-ins' own text is checked by the core tests
/// and `validate`). Called as `questionnaire::built_in` is, so that a test file switches with
/// its `use` line.
pub mod snapshot_questionnaires {
    use mlops_maturity::questionnaire::{self, Questionnaire};

    /// The pinned copy of built-in questionnaire `id`; `None` for an id without a copy.
    pub fn built_in(id: &str) -> Option<Questionnaire> {
        let text = match id {
            "mlops-maturity" => include_str!("../fixtures/snapshot-questionnaires/mlops-maturity.yaml"),
            _ => return None,
        };
        let file = format!("tests/fixtures/snapshot-questionnaires/{id}.yaml");
        Some(questionnaire::parse(text, &file).unwrap_or_else(|problems| panic!("{file}: {problems:?}")))
    }
}
