//! The TUI's `update`: every key on every screen, without a terminal.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::session::{Answer, Criticality, Session};
use mlops_maturity::tui::app::{Assessment, Effect, ExportFormat, Model, Msg, Screen, update};
use mlops_maturity::tui::input::TextInput;
use std::path::PathBuf;

fn model() -> Model {
    let q = built_in("mlops-quick").unwrap();
    let a = Assessment::new(q, Session::new("mlops-quick"), PathBuf::from("s.yaml"), "2026-11-26");
    Model::with_assessment(a, "2026-11-26", false)
}

fn press(m: &mut Model, code: KeyCode) -> Effect {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn keys(m: &mut Model, s: &str) {
    for c in s.chars() {
        press(m, KeyCode::Char(c));
    }
}

fn a(m: &Model) -> &Assessment {
    m.assessment.as_ref().unwrap()
}

fn answer_of(m: &Model, id: &str) -> Option<Answer> {
    a(m).session.answer(id)
}

#[test]
fn answer_keys_answer_and_move_on() {
    let mut m = model();
    keys(&mut m, "ypnua");
    let ids = ["data-pipeline-code", "data-scheduled", "data-quality-gates", "data-freshness", "data-quarantine"];
    let want = [Answer::Yes, Answer::Partial, Answer::No, Answer::Unknown, Answer::Na];
    for (id, w) in ids.iter().zip(want) {
        assert_eq!(answer_of(&m, id), Some(w), "{id}");
    }
    assert_eq!(a(&m).cursor, 5);
    assert!(m.dirty, "a change asks the loop to save");
}

#[test]
fn arrows_and_vim_keys_move_between_questions() {
    let mut m = model();
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Char('l'));
    assert_eq!(a(&m).cursor, 2);
    press(&mut m, KeyCode::Left);
    assert_eq!(a(&m).cursor, 1);
    press(&mut m, KeyCode::Char('h'));
    press(&mut m, KeyCode::Char('h'));
    assert_eq!(a(&m).cursor, 0, "stops at the first question");
    assert!(!m.dirty, "moving changes nothing");
}

#[test]
fn tab_and_shift_tab_move_between_dimensions() {
    let mut m = model();
    press(&mut m, KeyCode::Tab);
    assert_eq!(a(&m).current().1.id, "experimentation");
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::BackTab);
    assert_eq!(a(&m).current().1.id, "experimentation", "first to the start of the dimension");
    press(&mut m, KeyCode::BackTab);
    assert_eq!(a(&m).current().1.id, "data");
    press(&mut m, KeyCode::BackTab);
    assert_eq!(a(&m).current().1.id, "organisation", "wraps around");
}

#[test]
fn note_is_edited_in_place_and_esc_cancels() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    keys(&mut m, "only one team | 日本");
    press(&mut m, KeyCode::Enter);
    let entry = &a(&m).session.answers["data-pipeline-code"];
    assert_eq!(entry.note.as_deref(), Some("only one team | 日本"));
    assert_eq!(entry.answer, None, "a note does not answer");
    press(&mut m, KeyCode::Char('e'));
    keys(&mut m, "XYZ");
    press(&mut m, KeyCode::Esc);
    assert_eq!(a(&m).session.answers["data-pipeline-code"].note.as_deref(), Some("only one team | 日本"));
    press(&mut m, KeyCode::Char('v'));
    keys(&mut m, "wiki/ml");
    press(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).session.answers["data-pipeline-code"].evidence.as_deref(), Some("wiki/ml"));
}

#[test]
fn keys_typed_into_a_note_are_not_commands() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    keys(&mut m, "yq");
    assert_eq!(answer_of(&m, "data-pipeline-code"), None);
    assert_eq!(press(&mut m, KeyCode::Char('n')), Effect::None);
}

#[test]
fn help_text_toggles_and_help_overlay_closes_on_any_key() {
    let mut m = model();
    assert!(a(&m).show_help);
    press(&mut m, KeyCode::Char('i'));
    assert!(!a(&m).show_help);
    press(&mut m, KeyCode::Char('?'));
    assert!(m.help_overlay);
    press(&mut m, KeyCode::Char('y'));
    assert!(!m.help_overlay);
    assert_eq!(answer_of(&m, "data-pipeline-code"), None, "the key that closes help does nothing else");
}

#[test]
fn q_and_ctrl_c_quit_at_once() {
    let mut m = model();
    assert_eq!(press(&mut m, KeyCode::Char('q')), Effect::Quit);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(update(&mut m, Msg::Key(ctrl_c)), Effect::Quit);
    press(&mut m, KeyCode::Char('e'));
    assert_eq!(update(&mut m, Msg::Key(ctrl_c)), Effect::Quit, "even while editing");
}

#[test]
fn clearing_an_answer() {
    let mut m = model();
    press(&mut m, KeyCode::Char('y'));
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Char('x'));
    assert_eq!(answer_of(&m, "data-pipeline-code"), None);
    assert!(!a(&m).session.answers.contains_key("data-pipeline-code"));
}

#[test]
fn last_answer_walks_through_context_and_map_to_results() {
    let mut m = model();
    keys(&mut m, &"y".repeat(42));
    assert_eq!(m.screen, Screen::Context);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Bottlenecks);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Results);
    assert_eq!(a(&m).report.overall.level, 3);
}

#[test]
fn screens_are_reachable_from_anywhere() {
    let mut m = model();
    for (key, screen) in
        [('c', Screen::Context), ('b', Screen::Bottlenecks), ('r', Screen::Results), ('g', Screen::Question)]
    {
        press(&mut m, KeyCode::Char(key));
        assert_eq!(m.screen, screen);
    }
    press(&mut m, KeyCode::Char('c'));
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Question);
}

#[test]
fn context_fields_change_and_target_follows() {
    let mut m = model();
    press(&mut m, KeyCode::Char('c'));
    keys(&mut m, "12");
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Right);
    let ctx = a(&m).session.context.clone().unwrap();
    assert_eq!(ctx.models_in_production, Some(12));
    assert_eq!(ctx.criticality, Some(Criticality::High));
    assert_eq!(ctx.regulated, Some(true));
    assert_eq!(a(&m).report.target.level, 3, "2 + 2 + 1 points");
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    assert_eq!(a(&m).session.target, Some(1));
    assert_eq!(a(&m).report.target.level, 1);
    press(&mut m, KeyCode::Char('x'));
    assert_eq!(a(&m).session.target, None);
    press(&mut m, KeyCode::Up);
    press(&mut m, KeyCode::Up);
    press(&mut m, KeyCode::Up);
    press(&mut m, KeyCode::Backspace);
    assert_eq!(a(&m).session.context.as_ref().unwrap().models_in_production, Some(1));
    press(&mut m, KeyCode::Left);
    assert_eq!(a(&m).session.context.as_ref().unwrap().models_in_production, Some(0));
}

#[test]
fn bottleneck_map_adjusts_time_and_pain_live() {
    let mut m = model();
    press(&mut m, KeyCode::Char('b'));
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Char('4'));
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Char('5'));
    let s = &a(&m).session;
    assert_eq!(s.bottlenecks["data-preparation"].time_share, Some(10.0));
    assert_eq!(s.bottlenecks["data-preparation"].pain, Some(4.0));
    assert_eq!(a(&m).report.bottlenecks[0].stage, "experimentation", "pain 5 ranks first");
    press(&mut m, KeyCode::Char('0'));
    assert!(!a(&m).session.bottlenecks.contains_key("experimentation"));
    press(&mut m, KeyCode::Up);
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    assert_eq!(a(&m).session.bottlenecks["data-preparation"].time_share, Some(0.0), "never below 0");
}

#[test]
fn results_exports_on_m_and_j() {
    let mut m = model();
    press(&mut m, KeyCode::Char('r'));
    assert_eq!(press(&mut m, KeyCode::Char('m')), Effect::Export(ExportFormat::Markdown));
    assert_eq!(press(&mut m, KeyCode::Char('j')), Effect::Export(ExportFormat::Json));
    update(&mut m, Msg::Exported(PathBuf::from("/tmp/s-report.md")));
    assert!(m.status.contains("/tmp/s-report.md"));
}

#[test]
fn saving_clears_dirty_and_failures_show() {
    let mut m = model();
    press(&mut m, KeyCode::Char('y'));
    update(&mut m, Msg::Saved("10:00:00".into()));
    assert!(!m.dirty);
    assert!(m.status.contains("Saved 10:00:00"));
    update(&mut m, Msg::Failed("NOT SAVED: disk full".into()));
    assert!(m.status.contains("disk full"));
}

#[test]
fn opens_at_first_unanswered_question() {
    let q = built_in("mlops-quick").unwrap();
    let mut s = Session::new("mlops-quick");
    s.answers.insert(
        "data-pipeline-code".into(),
        mlops_maturity::session::AnswerEntry { answer: Some(Answer::Yes), ..Default::default() },
    );
    let a = Assessment::new(q, s, PathBuf::from("s.yaml"), "2026-11-26");
    assert_eq!(a.cursor, 1);
}

#[test]
fn start_screen_resumes_or_starts_new() {
    let mut m = common::tui_start_model();
    assert_eq!(m.screen, Screen::Start);
    assert_eq!(press(&mut m, KeyCode::Enter), Effect::Open(PathBuf::from("/h/sessions/a.yaml")));
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::NewSession);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Start);
    press(&mut m, KeyCode::Char('n'));
    assert_eq!(m.screen, Screen::NewSession);
    press(&mut m, KeyCode::Esc);
    assert_eq!(press(&mut m, KeyCode::Char('q')), Effect::Quit);
}

#[test]
fn new_session_form_collects_fields() {
    let mut m = common::tui_start_model();
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Enter);
    keys(&mut m, "Search q");
    press(&mut m, KeyCode::Enter);
    keys(&mut m, "Bo");
    press(&mut m, KeyCode::Tab);
    keys(&mut m, "data-science");
    press(&mut m, KeyCode::Enter);
    let effect = press(&mut m, KeyCode::Enter);
    assert_eq!(
        effect,
        Effect::Create {
            questionnaire: "mlops-quick".into(),
            team: "Search q".into(),
            respondent: "Bo".into(),
            role: "data-science".into()
        }
    );
}

#[test]
fn text_input_handles_wide_characters() {
    let mut t = TextInput::new("日本");
    assert_eq!(t.cursor_width(), 4);
    t.handle(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    assert_eq!(t.text, "日");
}

#[test]
fn home_end_and_screen_exits() {
    let mut m = model();
    press(&mut m, KeyCode::End);
    assert_eq!(a(&m).cursor, 41);
    press(&mut m, KeyCode::Home);
    assert_eq!(a(&m).cursor, 0);
    press(&mut m, KeyCode::Char('b'));
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Question, "outside the finishing walk, Enter goes back to the questions");
    press(&mut m, KeyCode::Char('r'));
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Question);
    press(&mut m, KeyCode::Char('c'));
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Question);
}

#[test]
fn start_screen_moves_with_arrows_and_vim_keys() {
    let mut m = common::tui_start_model();
    press(&mut m, KeyCode::Char('j'));
    assert_eq!(m.start_row, 1, "the 'New session' row");
    press(&mut m, KeyCode::Char('j'));
    assert_eq!(m.start_row, 0, "wraps around");
    press(&mut m, KeyCode::Up);
    assert_eq!(m.start_row, 1);
    press(&mut m, KeyCode::Char('k'));
    assert_eq!(m.start_row, 0);
}

#[test]
fn new_session_form_cycles_questionnaires_and_goes_back() {
    let mut m = common::tui_start_model();
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Left);
    assert_eq!(m.form.choice, 1, "wraps to the last questionnaire");
    press(&mut m, KeyCode::Char('l'));
    assert_eq!(m.form.choice, 0);
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Up);
    assert_eq!(m.form.field, 0);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Start);
}
