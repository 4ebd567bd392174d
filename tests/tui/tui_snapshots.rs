//! Every screen of the TUI rendered into ratatui's TestBackend at the minimum 60×18, 80×24,
//! 120×40 and 200×50.

use crate::common;

use common::tui::snapshot_questionnaires::built_in;
use common::tui::{press, render};
use crossterm::event::KeyCode;
use mlops_maturity::session::{self, Session};
use mlops_maturity::tui::app::{Assessment, Model};
use std::path::PathBuf;

/// The sample session, with a note in CJK and emoji to check that wide characters line up.
fn sample() -> Model {
    let q = built_in("mlops-maturity").unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fraud-ml.yaml")).unwrap();
    let mut s: Session = session::parse(&text, "fraud-ml.yaml").unwrap();
    s.answers.entry("org-value-cost".into()).or_default().note = Some("日本語のメモ 🚀".into());
    s.answers.shift_remove("data-lineage");
    let a = Assessment::new(q, s, PathBuf::from("fraud-ml.yaml"), "2026-11-26");
    Model::with_assessment(a, "2026-11-26", false)
}

fn both_sizes(name: &str, model: &Model) {
    for (w, h) in [(60, 18), (80, 24), (120, 40), (200, 50)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(model, w, h));
    }
}

#[test]
fn question_screen() {
    both_sizes("question", &sample());
}

#[test]
fn question_screen_editing_a_wide_note() {
    let mut m = sample();
    press(&mut m, KeyCode::Char('e'));
    for c in "チーム | 🚀 ok".chars() {
        press(&mut m, KeyCode::Char(c));
    }
    both_sizes("question_editing", &m);
}

#[test]
fn context_screen() {
    let mut m = sample();
    press(&mut m, KeyCode::Char('c'));
    both_sizes("context", &m);
}

#[test]
fn bottleneck_screen() {
    let mut m = sample();
    press(&mut m, KeyCode::Char('b'));
    both_sizes("bottlenecks", &m);
}

#[test]
fn results_screen() {
    let mut m = sample();
    press(&mut m, KeyCode::Char('r'));
    both_sizes("results", &m);
}

#[test]
fn help_overlay() {
    let mut m = sample();
    press(&mut m, KeyCode::Char('?'));
    both_sizes("help", &m);
}

#[test]
fn start_screen() {
    both_sizes("start", &common::tui_start_model());
}

#[test]
fn new_session_screen() {
    let mut m = common::tui_start_model();
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Tab);
    for c in "Search".chars() {
        press(&mut m, KeyCode::Char(c));
    }
    both_sizes("new_session", &m);
}

#[test]
fn too_small_terminal_asks_to_enlarge() {
    let screen = render(&sample(), 50, 12);
    assert!(screen.contains("enlarge"), "{screen}");
    insta::assert_snapshot!("too_small", screen);
}

#[test]
fn sidebar_scrolls_to_the_current_dimension() {
    let mut yaml = String::from(
        "id: many\nversion: 1\ntitle: Many\nlevels: [{ level: 0, name: A }, { level: 1, name: B }]\ndimensions:\n",
    );
    for d in 0..30 {
        yaml.push_str(&format!(
            "  - {{ id: d{d}, name: Dimension {d}, questions: [{{ id: q{d}, level: 1, text: T, recommendation: R }}] }}\n"
        ));
    }
    let q = mlops_maturity::questionnaire::parse(&yaml, "many.yaml").unwrap();
    let a = Assessment::new(q, Session::new("many"), PathBuf::from("m.yaml"), "2026-11-26");
    let mut m = Model::with_assessment(a, "2026-11-26", false);
    for _ in 0..25 {
        press(&mut m, KeyCode::Tab);
    }
    let screen = render(&m, 80, 24);
    assert!(screen.contains("▸Dimension 25"), "{screen}");
    assert!(!screen.contains(" Dimension 0 "), "{screen}");
}
