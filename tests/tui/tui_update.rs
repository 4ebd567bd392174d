//! The TUI's `update`: every key on every screen, without a terminal.

use crate::common;

use common::tui::{a, press, render};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::session::{Answer, Criticality, Session};
use mlops_maturity::tui::app::{Assessment, Effect, ExportFormat, FormField, Model, Msg, Screen, update};
use mlops_maturity::tui::input::TextInput;
use std::path::PathBuf;

fn model() -> Model {
    let q = common::pinned("mlops-quick");
    let a = Assessment::new(q, Session::new("mlops-quick"), PathBuf::from("s.yaml"), "2026-11-26");
    Model::with_assessment(a, "2026-11-26", false)
}

fn keys(m: &mut Model, s: &str) {
    for c in s.chars() {
        press(m, KeyCode::Char(c));
    }
}

fn answer_of(m: &Model, id: &str) -> Option<Answer> {
    a(m).session.answer(id)
}

#[test]
fn answer_keys_answer_and_move_on() {
    let mut m = model();
    keys(&mut m, "ypnua");
    let ids =
        ["data-pipeline-code", "data-scheduled-pipelines", "data-quality-gates", "exp-tracking", "exp-shared-env"];
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
    assert_eq!(a(&m).current().1.id, "data", "from inside a dimension, straight to the previous one");
    assert_eq!(a(&m).cursor, 0, "at its first question");
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
fn closing_keeps_the_text_being_edited_as_enter_would() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    keys(&mut m, "half a note");
    assert_eq!(update(&mut m, Msg::Closing), Effect::None, "the loop saves and ends by itself");
    assert!(a(&m).editing.is_none(), "the editor is closed");
    assert_eq!(a(&m).session.answers["data-pipeline-code"].note.as_deref(), Some("half a note"));
    assert!(m.dirty, "the kept note is saved");
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
    keys(&mut m, &"y".repeat(21));
    assert_eq!(m.screen(), Screen::Context);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Bottlenecks);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Results);
    assert_eq!(a(&m).report.overall.level, 3);
}

#[test]
fn screens_are_reachable_from_anywhere() {
    let mut m = model();
    for (key, screen) in
        [('c', Screen::Context), ('b', Screen::Bottlenecks), ('r', Screen::Results), ('g', Screen::Question)]
    {
        press(&mut m, KeyCode::Char(key));
        assert_eq!(m.screen(), screen);
    }
    press(&mut m, KeyCode::Char('c'));
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Question);
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
    assert_eq!(a(&m).report.target.level, 2, "2 + 2 points would give 3, but regulated work is held at 2");
    assert!(a(&m).report.target.reason.contains("regulated"), "{}", a(&m).report.target.reason);
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
    let q = common::pinned("mlops-quick");
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
    assert_eq!(m.screen(), Screen::Start);
    assert_eq!(press(&mut m, KeyCode::Enter), Effect::Open(PathBuf::from("/h/sessions/a.yaml")));
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::NewSession);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Start);
    press(&mut m, KeyCode::Char('n'));
    assert_eq!(m.screen(), Screen::NewSession);
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
            role: "data-science".into(),
            participants: String::new()
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
    assert_eq!(a(&m).cursor, 20);
    press(&mut m, KeyCode::Home);
    assert_eq!(a(&m).cursor, 0);
    press(&mut m, KeyCode::Char('b'));
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Question, "outside the finishing walk, Enter goes back to the questions");
    press(&mut m, KeyCode::Char('r'));
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Question);
    press(&mut m, KeyCode::Char('c'));
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.screen(), Screen::Question);
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
    assert_eq!(m.form.field, FormField::Questionnaire);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen(), Screen::Start);
}

fn with_mods(m: &mut Model, c: char, mods: KeyModifiers) -> Effect {
    update(m, Msg::Key(KeyEvent::new(KeyCode::Char(c), mods)))
}

#[test]
fn a_paste_goes_into_the_note_as_one_block_and_answers_nothing() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    update(&mut m, Msg::Paste("Action items:\n- ask Ana\n- plan a run\nq".into()));
    assert!(a(&m).editing.is_some(), "still editing: the line breaks were not Enter");
    press(&mut m, KeyCode::Enter);
    let entry = &a(&m).session.answers["data-pipeline-code"];
    assert_eq!(entry.note.as_deref(), Some("Action items:\n- ask Ana\n- plan a run\nq"));
    assert_eq!(a(&m).answered(), 0, "no answer was given by the pasted text");
    assert_eq!(a(&m).cursor, 0);
}

#[test]
fn a_paste_outside_a_text_field_is_ignored() {
    let mut m = model();
    assert_eq!(update(&mut m, Msg::Paste("yyyq\n".into())), Effect::None);
    assert_eq!(a(&m).answered(), 0);
    assert!(!m.dirty);
    assert!(m.status.contains("Paste ignored"), "{}", m.status);
}

#[test]
fn a_paste_over_the_limit_says_so() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    let limit = mlops_maturity::tui::input::MAX_CHARS;
    update(&mut m, Msg::Paste("a".repeat(limit + 7)));
    assert!(m.status.contains(&limit.to_string()) && m.status.contains("7 characters"), "{}", m.status);
    press(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).session.answers["data-pipeline-code"].note.as_ref().map(|n| n.len()), Some(limit));
}

#[test]
fn a_multi_line_note_shows_every_line_when_there_is_room() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    update(&mut m, Msg::Paste("first line\nsecond line\nthird line".into()));
    press(&mut m, KeyCode::Enter);
    let screen = render(&m, 120, 40);
    for line in ["first line", "second line", "third line"] {
        assert!(screen.contains(line), "{screen}");
    }
}

#[test]
fn ctrl_and_alt_letters_are_not_plain_letters() {
    let mut m = model();
    with_mods(&mut m, 'n', KeyModifiers::CONTROL);
    with_mods(&mut m, 'y', KeyModifiers::ALT);
    with_mods(&mut m, 'l', KeyModifiers::CONTROL);
    assert_eq!(a(&m).answered(), 0);
    assert_eq!(a(&m).cursor, 0);
    assert_eq!(with_mods(&mut m, 'q', KeyModifiers::CONTROL), Effect::None, "Ctrl-Q is not q");
}

#[test]
fn ctrl_c_during_an_edit_keeps_the_text() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    keys(&mut m, "keep me");
    assert_eq!(with_mods(&mut m, 'c', KeyModifiers::CONTROL), Effect::Quit);
    assert_eq!(a(&m).session.answers["data-pipeline-code"].note.as_deref(), Some("keep me"));
    assert!(m.dirty, "the loop saves it before quitting");
}

#[test]
fn q_during_an_edit_is_a_letter() {
    let mut m = model();
    press(&mut m, KeyCode::Char('e'));
    assert_eq!(press(&mut m, KeyCode::Char('q')), Effect::None);
    press(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).session.answers["data-pipeline-code"].note.as_deref(), Some("q"));
}

#[test]
fn esc_in_the_new_session_form_goes_back_one_field_and_keeps_them() {
    let mut m = common::tui_start_model();
    m.saved.clear();
    m.entry = mlops_maturity::tui::app::Entry::NewSession;
    press(&mut m, KeyCode::Tab);
    keys(&mut m, "Fraud");
    press(&mut m, KeyCode::Tab);
    keys(&mut m, "Ana");
    assert_eq!(press(&mut m, KeyCode::Esc), Effect::None);
    assert_eq!(m.form.field, FormField::Team);
    assert_eq!(press(&mut m, KeyCode::Esc), Effect::None);
    assert_eq!(press(&mut m, KeyCode::Esc), Effect::None, "nothing to go back to, and nothing lost");
    assert_eq!(m.screen(), Screen::NewSession);
    assert_eq!((m.form.team.text.as_str(), m.form.respondent.text.as_str()), ("Fraud", "Ana"));
}

#[test]
fn the_role_field_offers_the_usual_roles_and_free_text() {
    let mut m = common::tui_start_model();
    m.entry = mlops_maturity::tui::app::Entry::NewSession;
    m.form.field = FormField::Role;
    press(&mut m, KeyCode::Right);
    assert_eq!(m.form.role.text, "data-science");
    press(&mut m, KeyCode::Right);
    assert_eq!(m.form.role.text, "ml-engineering");
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    assert_eq!(m.form.role.text, "management", "wraps around");
    m.form.role = TextInput::new("");
    keys(&mut m, "sre");
    assert_eq!(m.form.role.text, "sre");
}

#[test]
fn an_unanswered_question_stops_the_walk_to_results_and_f_finds_it() {
    let mut m = model();
    press(&mut m, KeyCode::Right);
    keys(&mut m, &"y".repeat(20));
    assert_eq!(m.screen(), Screen::Question, "no walk to context while one is unanswered");
    assert_eq!(a(&m).cursor, 0, "back to the first unanswered question");
    assert!(m.status.contains("1 question is still unanswered"), "{}", m.status);
    press(&mut m, KeyCode::End);
    press(&mut m, KeyCode::Char('f'));
    assert_eq!(a(&m).cursor, 0, "f wraps around to the unanswered one");
    press(&mut m, KeyCode::Char('n'));
    assert_eq!(m.screen(), Screen::Context, "the last answer starts the walk");
}

#[test]
fn results_say_how_many_are_answered_and_that_they_are_indicative() {
    let mut m = model();
    keys(&mut m, "yyy");
    press(&mut m, KeyCode::Char('r'));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("3 of 21 answered") && screen.contains("indicative"), "{screen}");
}

#[test]
fn results_scroll_through_the_whole_roadmap() {
    let mut m = model();
    press(&mut m, KeyCode::Char('r'));
    let last = a(&m).report.roadmap.last().and_then(|p| p.actions.last()).unwrap().text.clone();
    let start = render(&m, 80, 24);
    assert!(!start.contains(&last[..30]), "{start}");
    for _ in 0..200 {
        press(&mut m, KeyCode::Down);
    }
    let end = render(&m, 80, 24);
    assert!(end.contains(&last[..30]), "{end}");
}

#[test]
fn a_note_longer_than_its_rows_ends_in_how_many_lines_are_hidden() {
    let mut m = model();
    keys(&mut m, "e");
    update(&mut m, Msg::Paste((1..=12).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n")));
    press(&mut m, KeyCode::Enter);
    let screen = render(&m, 80, 24);
    assert!(screen.contains("line 1") && screen.contains(" lines)"), "{screen}");
    assert!(screen.matches("… (+").count() == 1, "one ending, on the last row shown: {screen}");
    assert!(!screen.contains("line 12"), "{screen}");
}

#[test]
fn page_down_on_the_results_moves_by_the_windows_height() {
    // One PgDn in a 24-row window shows what 16 presses of ↓ show, not 10.
    let on_results = || {
        let mut m = model();
        m.size = (80, 24);
        press(&mut m, KeyCode::Char('r'));
        m
    };
    let down = |n: usize| {
        let mut m = on_results();
        for _ in 0..n {
            press(&mut m, KeyCode::Down);
        }
        render(&m, 80, 24)
    };
    let mut paged = on_results();
    press(&mut paged, KeyCode::PageDown);
    assert_eq!(render(&paged, 80, 24), down(16));
    assert_ne!(render(&paged, 80, 24), down(10));
    press(&mut paged, KeyCode::PageDown);
    press(&mut paged, KeyCode::PageUp);
    assert_eq!(render(&paged, 80, 24), down(16), "PgUp pages back one page");
    press(&mut paged, KeyCode::Up);
    assert_eq!(render(&paged, 80, 24), down(15), "↑ goes back one row");
}

#[test]
fn context_x_clears_models_and_digits_replace_a_value_set_with_arrows() {
    let mut m = model();
    press(&mut m, KeyCode::Char('c'));
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    keys(&mut m, "4");
    assert_eq!(a(&m).session.context.as_ref().unwrap().models_in_production, Some(4), "not 34");
    keys(&mut m, "2");
    assert_eq!(a(&m).session.context.as_ref().unwrap().models_in_production, Some(42));
    keys(&mut m, "x");
    assert_eq!(a(&m).session.context, None);
}

#[test]
fn the_map_shows_percent_only_once_several_shares_are_in() {
    let mut m = model();
    press(&mut m, KeyCode::Char('b'));
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    let one = render(&m, 100, 30);
    assert!(!one.contains("100%"), "{one}");
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Right);
    let two = render(&m, 100, 30);
    assert!(two.contains("40%") && two.contains("60%"), "{two}");
    assert!(two.contains("hurts most (pain)"), "the rule is on screen: {two}");
}

#[test]
fn while_the_window_is_too_small_only_q_and_ctrl_c_work() {
    let mut m = model();
    update(&mut m, Msg::Resize(50, 12));
    keys(&mut m, "yyc");
    update(&mut m, Msg::Paste("x".into()));
    assert_eq!(a(&m).answered(), 0);
    assert_eq!(m.screen(), Screen::Question);
    assert_eq!(press(&mut m, KeyCode::Char('q')), Effect::Quit);
    update(&mut m, Msg::Resize(60, 18));
    press(&mut m, KeyCode::Char('y'));
    assert_eq!(a(&m).answered(), 1);
}

#[test]
fn every_answer_option_shows_at_the_minimum_size_with_a_long_status() {
    let mut m = model();
    m.status = format!("NOT SAVED: {} could not be written: no space left on device", "/x/y".repeat(20));
    let screen = render(&m, 60, 18);
    for option in ["[y] Yes", "[p] Partly", "[n] No", "[u] Don't know", "[a] Does not apply"] {
        assert!(screen.contains(option), "{screen}");
    }
    let joined = screen.lines().map(|l| l.trim_matches('"').trim_end()).collect::<Vec<_>>().join(" ");
    assert!(joined.contains("could not be written: no space left on device"), "the message is not cut: {screen}");
}

#[test]
fn a_failed_save_is_not_covered_by_a_later_message() {
    let mut m = model();
    keys(&mut m, "y");
    update(&mut m, Msg::SaveFailed("s.yaml could not be written: no space left".into()));
    assert!(m.status.starts_with("NOT SAVED"));
    assert!(m.save_error.is_some() && m.dirty);
    update(&mut m, Msg::Saved("12:00:00 UTC".into()));
    assert!(m.save_error.is_none() && !m.dirty);
}

#[test]
fn a_huge_terminal_is_drawn_in_a_capped_area() {
    let area = mlops_maturity::tui::drawn_area(10_000, 10_000);
    assert!(area.width <= 500 && area.height <= 200, "{area:?}");
    assert_eq!(mlops_maturity::tui::drawn_area(80, 24), ratatui::layout::Rect::new(0, 0, 80, 24));
}

/// A user folder with sessions: `n` in progress, one finished, one whose questionnaire is invalid
/// and one that is not a session at all.
fn home_with_sessions(n: usize) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::create_dir_all(home.path().join("questionnaires")).unwrap();
    std::fs::write(home.path().join("questionnaires/mlops-quick.yaml"), common::pinned_text("mlops-quick")).unwrap();
    for i in 0..n {
        let text = format!(
            "format: 1\nquestionnaire: mlops-quick\nteam: Team {i:02}\nrespondent: R{i}\ndate: 2026-10-{:02}\nanswers:\n  data-pipeline-code: yes\n",
            1 + i % 28
        );
        std::fs::write(sessions.join(format!("s{i:02}.yaml")), text).unwrap();
    }
    let q = common::pinned("mlops-quick");
    let mut done = String::from("format: 1\nquestionnaire: mlops-quick\nteam: Done team\nanswers:\n");
    for (_, question) in q.questions() {
        done.push_str(&format!("  {}: yes\n", question.id));
    }
    std::fs::write(sessions.join("done.yaml"), done).unwrap();
    std::fs::write(
        home.path().join("questionnaires/ours.yaml"),
        "id: ours\nversion: 1\ntitle: Ours\nlevels: []\ndimensions: []\n",
    )
    .unwrap();
    std::fs::write(sessions.join("broken-q.yaml"), "format: 1\nquestionnaire: ours\nteam: Broken Q\n").unwrap();
    std::fs::write(sessions.join("not-a-session.yaml"), "just: text\n").unwrap();
    home
}

#[test]
fn the_start_screen_lists_finished_and_invalid_sessions_with_the_reason() {
    let home = home_with_sessions(2);
    let entries = mlops_maturity::tui::saved_entries(Some(home.path()));
    assert_eq!(entries.len(), 5, "{entries:?}");
    let done = entries.iter().find(|e| e.team == "Done team").expect("a finished session is listed");
    assert_eq!((done.answered, done.total), (21, 21));
    let broken = entries.iter().find(|e| e.team == "Broken Q").expect("an invalid one is listed");
    let why = broken.problem.as_deref().unwrap();
    assert!(why.contains("invalid") && why.contains("ours.yaml"), "{why}");
    let unreadable = entries.iter().find(|e| e.path.ends_with("not-a-session.yaml")).expect("listed too");
    assert!(unreadable.problem.is_some());
    assert_eq!(
        (unreadable.team.as_str(), unreadable.respondent.as_str(), unreadable.questionnaire.as_str()),
        ("not-a-session.yaml", "–", "?"),
        "named by its file, nobody and no questionnaire"
    );
    let form = mlops_maturity::tui::app::NewSessionForm::default();
    let mut m = Model::start(entries, form, "2026-11-28", false);
    let screen = render(&m, 100, 30);
    assert!(screen.contains("Done team") && screen.contains("21/21") && screen.contains("mlops-quick"), "{screen}");
    let broken_row = m.saved.iter().position(|e| e.team == "Broken Q").unwrap();
    m.start_row = broken_row;
    assert_eq!(press(&mut m, KeyCode::Enter), Effect::None, "an invalid session is not opened");
    assert!(m.status.contains("invalid"), "{}", m.status);
}

#[test]
fn the_start_screen_scrolls_through_thirty_sessions_newest_first() {
    let home = home_with_sessions(30);
    let entries = mlops_maturity::tui::saved_entries(Some(home.path()));
    assert_eq!(entries.len(), 33);
    let mut m = Model::start(entries, Default::default(), "2026-11-28", false);
    for _ in 0..25 {
        press(&mut m, KeyCode::Down);
    }
    let chosen = m.saved[25].team.clone();
    let screen = render(&m, 80, 24);
    assert!(screen.contains(&chosen), "the selected session is on screen: {screen}");
    assert!(screen.contains("26 of 33"), "{screen}");
    match press(&mut m, KeyCode::Enter) {
        Effect::Open(path) => assert_eq!(path, m.saved[25].path),
        other => panic!("{other:?}"),
    }
}

#[test]
fn from_a_saved_session_the_next_assessment_or_a_new_respondent_starts() {
    let home = home_with_sessions(1);
    let entries = mlops_maturity::tui::saved_entries(Some(home.path()));
    let mut m = Model::start(entries, common::tui_start_model().form, "2026-11-28", false);
    let row = m.saved.iter().position(|e| e.team == "Team 00").unwrap();
    m.start_row = row;
    assert_eq!(press(&mut m, KeyCode::Char('a')), Effect::NextAssessment(m.saved[row].path.clone()));
    press(&mut m, KeyCode::Char('r'));
    assert_eq!(m.screen(), Screen::NewSession);
    assert_eq!(m.form.team.text, "Team 00");
    assert_eq!(m.form.respondent.text, "");
    assert_eq!(m.form.questionnaires[m.form.choice].0, "mlops-quick");
    assert_eq!(m.form.field, FormField::Respondent, "ready to type the new respondent");
    m.entry = mlops_maturity::tui::app::Entry::Start;
    m.start_row = m.saved.len();
    for key in ['a', 'r'] {
        assert_eq!(press(&mut m, KeyCode::Char(key)), Effect::None, "on \"+ New session\" {key} does nothing");
    }
}

#[test]
fn the_next_assessment_marks_carried_answers_until_confirmed_or_answered_again() {
    let text = "format: 1\nquestionnaire: mlops-quick\nteam: T\nanswers:\n  data-pipeline-code: { answer: yes, note: old note, evidence: wiki }\n  data-scheduled-pipelines: no\n";
    let earlier = mlops_maturity::session::parse(text, "e.yaml").unwrap();
    let next = earlier.next_assessment(0.5);
    let q = common::pinned("mlops-quick");
    let a0 = Assessment::new(q, next, PathBuf::from("n.yaml"), "2026-11-28");
    let mut m = Model::with_assessment(a0, "2026-11-28", false);
    let first = &a(&m).session.answers["data-pipeline-code"];
    assert!(first.carried && first.note.is_none() && first.evidence.as_deref() == Some("wiki"));
    let cursor = a(&m).cursor;
    assert_eq!(cursor, 2, "opens at the first question with no answer at all");
    press(&mut m, KeyCode::Home);
    let screen = render(&m, 100, 30);
    assert!(screen.contains("last time: Yes — confirm with Enter or answer again"), "{screen}");
    press(&mut m, KeyCode::Enter);
    assert!(!a(&m).session.answers["data-pipeline-code"].carried, "Enter confirms");
    assert_eq!(a(&m).session.answer("data-pipeline-code"), Some(Answer::Yes));
    assert_eq!(a(&m).cursor, 1);
    press(&mut m, KeyCode::Char('p'));
    let second = &a(&m).session.answers["data-scheduled-pipelines"];
    assert_eq!((second.answer, second.carried), (Some(Answer::Partial), false), "answering again clears the mark");
    assert!(m.dirty);
}

mod any_input {
    //! Any sequence of keys, pastes and sizes, on any screen: no panic, and the model stays
    //! within its bounds, drawn at any size.
    use super::*;
    use proptest::prelude::*;

    fn key_code() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            proptest::char::range(' ', '~').prop_map(KeyCode::Char),
            Just(KeyCode::Char('é')),
            Just(KeyCode::Char('日')),
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::BackTab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::PageUp),
            Just(KeyCode::PageDown),
        ]
    }

    fn msg() -> impl Strategy<Value = Msg> {
        let mods = prop_oneof![
            4 => Just(KeyModifiers::NONE),
            1 => Just(KeyModifiers::CONTROL),
            1 => Just(KeyModifiers::ALT),
            1 => Just(KeyModifiers::SHIFT),
        ];
        prop_oneof![
            20 => (key_code(), mods).prop_map(|(c, m)| Msg::Key(KeyEvent::new(c, m))),
            1 => "[a-z\n\r\t\u{1b}日 ]{0,40}".prop_map(Msg::Paste),
            1 => (0u16..130, 0u16..50).prop_map(|(w, h)| Msg::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn no_sequence_of_input_panics_or_leaves_the_bounds(
            msgs in proptest::collection::vec(msg(), 1..120),
            from_start in any::<bool>(),
            (w, h) in (1u16..140, 1u16..50),
        ) {
            let mut m = if from_start { common::tui_start_model() } else { model() };
            for msg in msgs {
                if update(&mut m, msg) == Effect::Quit {
                    break;
                }
                prop_assert!(m.start_row <= m.saved.len());
                prop_assert!(m.form.field <= FormField::Start);
                if let Some(a) = &m.assessment {
                    prop_assert!(a.cursor < a.total());
                }
            }
            render(&m, w, h);
        }
    }
}

#[test]
fn help_shows_the_questionnaires_guide_and_scrolls_to_its_end() {
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    let guide = q.guide.clone().expect("the quick check has a guide");
    let a0 = Assessment::new(q, Session::new("mlops-quick"), PathBuf::from("s.yaml"), "2026-11-26");
    let mut m = Model::with_assessment(a0, "2026-11-26", false);
    let last_words: String =
        guide.split_whitespace().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" ");
    press(&mut m, KeyCode::Char('?'));
    let first = render(&m, 80, 24);
    assert!(first.contains("How to answer") || first.contains("↓ more"), "{first}");
    for _ in 0..40 {
        press(&mut m, KeyCode::Down);
    }
    assert!(m.help_overlay, "arrows scroll the help");
    let end = render(&m, 80, 24);
    assert!(end.contains(&last_words), "{last_words:?} in {end}");
    press(&mut m, KeyCode::Char('x'));
    assert!(!m.help_overlay);
}

/// A next assessment of the pinned quick check where every answer was carried over.
fn all_carried() -> Model {
    let q = common::pinned("mlops-quick");
    let mut earlier = Session::new("mlops-quick");
    earlier.team = Some("Fraud".into());
    for (_, question) in q.questions() {
        earlier.answers.insert(
            question.id.clone(),
            mlops_maturity::session::AnswerEntry { answer: Some(Answer::Partial), ..Default::default() },
        );
    }
    let a0 = Assessment::new(q, earlier.next_assessment(0.5), PathBuf::from("n.yaml"), "2026-11-28");
    Model::with_assessment(a0, "2026-11-28", false)
}

#[test]
fn carried_answers_nobody_confirmed_are_shown_as_to_confirm_and_f_stops_at_them() {
    let mut m = all_carried();
    assert_eq!((a(&m).answered(), a(&m).to_confirm()), (21, 21), "carried answers count as given");
    let screen = render(&m, 80, 24);
    assert!(screen.contains("21/21 answered") && screen.contains("21 to confirm"), "{screen}");
    // Confirm the first two, answer the third again: f skips them and stops at the fourth.
    press(&mut m, KeyCode::Home);
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Char('y'));
    assert_eq!(a(&m).to_confirm(), 18);
    press(&mut m, KeyCode::Home);
    press(&mut m, KeyCode::Char('f'));
    assert_eq!(a(&m).cursor, 3, "f goes to the first carried answer still to confirm");
    // An unanswered question is to do as well, in questionnaire order.
    a_mut(&mut m).session.answers.shift_remove("data-pipeline-code");
    press(&mut m, KeyCode::End);
    press(&mut m, KeyCode::Char('f'));
    assert_eq!(a(&m).cursor, 0, "f wraps to the unanswered first question");
    press(&mut m, KeyCode::Char('f'));
    assert_eq!(a(&m).cursor, 3);
    // The scores still count the carried answers (DESIGN "Next assessment").
    assert!(a(&m).report.overall.score > 0.0);
    press(&mut m, KeyCode::Char('r'));
    let results = render(&m, 80, 24);
    assert!(results.contains("18 answers carried") && results.contains("to confirm"), "{results}");
}

#[test]
fn the_last_answer_does_not_walk_to_results_while_carried_answers_wait() {
    let mut m = all_carried();
    press(&mut m, KeyCode::End);
    press(&mut m, KeyCode::Char('y'));
    assert_eq!(m.screen(), Screen::Question, "20 carried answers are still to confirm");
    assert_eq!(a(&m).cursor, 0, "back to the first one");
    assert!(m.status.contains("20 carried answers are still to confirm"), "{}", m.status);
    for _ in 0..20 {
        press(&mut m, KeyCode::Enter);
    }
    assert_eq!(m.screen(), Screen::Context, "once every one is confirmed the walk to the results starts");
}

fn a_mut(m: &mut Model) -> &mut Assessment {
    m.assessment.as_mut().unwrap()
}

#[test]
fn the_start_list_shows_what_is_to_confirm_and_tells_twin_rows_apart() {
    use mlops_maturity::tui::app::SavedEntry;
    let row = |file: &str, to_confirm: usize| SavedEntry {
        path: PathBuf::from(format!("/h/sessions/{file}.yaml")),
        team: "Fraud".into(),
        respondent: "Ana".into(),
        questionnaire: "mlops-quick".into(),
        answered: 21,
        total: 21,
        to_confirm,
        changed: "2026-11-28".into(),
        problem: None,
    };
    let saved = vec![row("fraud-ana-2026-11-28-2", 21), row("fraud-ana-2026-11-28", 0), row("fraud-ana-b", 0)];
    let mut saved = saved;
    saved[2].path = PathBuf::from("/h/sessions/fraud-ana-2026-11-28-3.yaml");
    let m = Model::start(saved, Default::default(), "2026-11-28", false);
    let screen = render(&m, 120, 30);
    assert!(screen.contains("21 to confirm"), "{screen}");
    assert_eq!(screen.matches("21/21 ✓").count(), 2, "confirmed sessions keep their tick: {screen}");
    assert!(screen.contains("(fraud-ana-2026-11-28)") && screen.contains("(fraud-ana-2026-11-28-3)"), "{screen}");
    assert!(screen.contains("21 of 21 answered, 21 carried to confirm"), "the selected row says so: {screen}");
}

#[test]
fn results_show_the_level_and_the_progress_toward_the_next_as_the_report_does() {
    let mut m = model();
    keys(&mut m, "yyynnn");
    press(&mut m, KeyCode::Char('r'));
    let p = a(&m).report.progress.clone().expect("a next level to work toward");
    let screen = render(&m, 80, 24);
    let level = a(&m).report.overall.level;
    assert!(screen.contains(&format!("Level {level} of 3")), "{screen}");
    let progress =
        format!("Toward Level {} in the weakest areas: {} of {} practices in place", p.level, p.in_place, p.practices);
    assert!(screen.contains(&progress), "{progress} in {screen}");
    // The Markdown report says the same counts.
    let md = mlops_maturity::report::render_markdown(&a(&m).report);
    assert!(md.contains(&format!("{} of {} practices in place", p.in_place, p.practices)), "{md}");
    assert!(screen.contains("0 to 3") && screen.contains("/3 "), "bars say their 0–3 scale: {screen}");
    assert!(!screen.contains("score 0."), "no bare overall score beside the level: {screen}");
}

#[test]
fn esc_from_the_new_session_form_to_the_list_and_back_keeps_what_was_typed() {
    let mut m = common::tui_start_model();
    for back in [KeyCode::Char('n'), KeyCode::End] {
        press(&mut m, back);
        if back == KeyCode::End {
            press(&mut m, KeyCode::Enter);
        }
        assert_eq!(m.screen(), Screen::NewSession);
        press(&mut m, KeyCode::Tab);
        keys(&mut m, "Fraud");
        press(&mut m, KeyCode::Esc);
        press(&mut m, KeyCode::Esc);
        assert_eq!(m.screen(), Screen::Start, "Esc goes back one step at a time");
    }
    press(&mut m, KeyCode::Char('n'));
    assert_eq!(m.form.team.text, "FraudFraud", "the team typed before is still there");
    assert!(render(&m, 80, 24).contains("FraudFraud"));
}

#[test]
fn participants_in_the_new_session_form_start_a_workshop() {
    let mut m = common::tui_start_model();
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Tab);
    keys(&mut m, "Fraud ML");
    for _ in 0..3 {
        press(&mut m, KeyCode::Tab);
    }
    assert_eq!(m.form.field, FormField::Participants, "participants come after the role");
    assert!(render(&m, 80, 24).contains("Ana:engineering"), "the field shows how to fill it");
    update(&mut m, Msg::Paste("Ana:engineering, Ben:data-science, Cy".into()));
    assert!(render(&m, 80, 24).contains("Start the workshop"));
    let expected = Effect::Create {
        questionnaire: "mlops-maturity".into(),
        team: "Fraud ML".into(),
        respondent: String::new(),
        role: String::new(),
        participants: "Ana:engineering, Ben:data-science, Cy".into(),
    };
    assert_eq!(press(&mut m, KeyCode::Enter), expected, "Enter in the last field starts");
    press(&mut m, KeyCode::Tab);
    assert_eq!(m.form.field, FormField::Start);
    assert_eq!(press(&mut m, KeyCode::Enter), expected, "so does the button");
}

#[test]
fn at_80_by_24_nothing_that_matters_is_cut() {
    // The carried hint fits the question's column.
    let mut m = all_carried();
    press(&mut m, KeyCode::Home);
    let screen = render(&m, 80, 24);
    assert!(screen.contains("last time: Partly — Enter confirms"), "{screen}");
    // An exported report's path has a line of its own, its file name whole.
    let long =
        PathBuf::from("/home/someone/with/a/rather/long/folder/name/sessions/fraud-ml-ana-2026-11-28-report.json");
    update(&mut m, Msg::Exported(long));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("JSON report written to"), "{screen}");
    assert!(screen.contains("fraud-ml-ana-2026-11-28-report.json"), "{screen}");
    // A note longer than its rows says that lines are hidden above the cursor.
    press(&mut m, KeyCode::Char('e'));
    let text: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
    update(&mut m, Msg::Paste(text.join("\n")));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("line 30") && screen.contains("more lines above"), "{screen}");
}

#[test]
fn a_message_about_one_screen_does_not_follow_to_the_next() {
    let mut m = model();
    m.status = "Agreed: Partly".into();
    press(&mut m, KeyCode::Char('r'));
    assert_eq!(m.screen(), Screen::Results);
    assert!(!render(&m, 80, 24).contains("Agreed: Partly"));
}

#[test]
fn the_workshop_key_bar_never_leaves_q_quit_alone_on_a_line() {
    let q = common::pinned("mlops-quick");
    let mut s = Session::new("mlops-quick");
    s.team = Some("Fraud ML".into());
    s.participants = Some(mlops_maturity::workshop::parse_participants("Ana:engineering,Ben:data-science,Cy").unwrap());
    let a0 = Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28");
    let m = Model::with_assessment(a0, "2026-11-28", false);
    for (w, h) in [(80, 24), (60, 18), (120, 40)] {
        let screen = render(&m, w, h);
        assert!(screen.contains("Fraud ML"), "the team is in the header: {screen}");
        assert!(!screen.lines().any(|l| l.trim_matches(|c| c == '"' || c == ' ') == "q quit"), "{screen}");
    }
}

#[test]
fn start_list_paths_keep_their_file_name() {
    let mut m = common::tui_start_model();
    m.saved[0].path = PathBuf::from(
        "/very/long/folder/of/someone/who/keeps/sessions/deep/inside/sessions/fraud-ml-ana-2026-11-28.yaml",
    );
    let screen = render(&m, 80, 24);
    assert!(screen.contains("…") && screen.contains("fraud-ml-ana-2026-11-28.yaml"), "{screen}");
}

#[test]
fn the_map_says_how_time_is_entered_as_it_works() {
    let mut m = model();
    press(&mut m, KeyCode::Char('b'));
    let screen = render(&m, 120, 40);
    assert!(screen.contains("steps of 5") && !screen.contains("any unit"), "{screen}");
    press(&mut m, KeyCode::Right);
    let stage = a(&m).questionnaire.stages[0].id.clone();
    assert_eq!(a(&m).session.bottlenecks[&stage].time_share, Some(5.0), "← → is how time is entered");
}

#[test]
fn the_workshop_screen_has_no_dark_grey_text_a_projector_washes_out() {
    let q = common::pinned("mlops-quick");
    let mut s = Session::new("mlops-quick");
    s.participants = Some(mlops_maturity::workshop::parse_participants("Ana,Ben").unwrap());
    let a0 = Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28");
    let m = Model::with_assessment(a0, "2026-11-28", true);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| mlops_maturity::tui::view::draw(&m, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let dark = [ratatui::style::Color::DarkGray, ratatui::style::Color::Blue];
    assert!(buffer.content().iter().all(|cell| !dark.contains(&cell.fg)), "dark grey or dark blue text on screen");
}

/// A workshop of the pinned quick check where Ana and Ben voted on every question: agreed where
/// they agree, and two questions split yes/no without an agreed answer (when `agreed`).
fn workshop_with_two_open(agreed: bool) -> Model {
    let q = common::pinned("mlops-quick");
    let mut s = Session::new("mlops-quick");
    s.participants = Some(mlops_maturity::workshop::parse_participants("Ana,Ben").unwrap());
    for (i, (_, question)) in q.questions().enumerate() {
        let mut e = mlops_maturity::session::AnswerEntry::default();
        e.votes.insert("Ana".into(), Answer::Yes);
        e.votes.insert("Ben".into(), if i < 2 { Answer::No } else { Answer::Yes });
        if agreed && i >= 2 {
            e.answer = Some(Answer::Yes);
        }
        s.answers.insert(question.id.clone(), e);
    }
    let a0 = Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28");
    Model::with_assessment(a0, "2026-11-28", false)
}

#[test]
fn open_disagreements_are_named_as_such_and_not_counted_as_unanswered_on_the_results_screen() {
    let mut m = workshop_with_two_open(true);
    press(&mut m, KeyCode::Char('r'));
    let screen = render(&m, 100, 30);
    assert!(screen.contains("21 of 21 answered"), "{screen}");
    assert!(screen.contains("2 disagreements still open"), "{screen}");
    assert!(!screen.contains("indicative"), "{screen}");
    // The report says the same.
    let md = mlops_maturity::report::render_markdown(&a(&m).report);
    assert!(md.contains("21 of 21 questions answered; 2 disagreements still open"), "{md}");
    // Merged pre-work: votes and no agreed answer at all; the consensus counts.
    let mut m = workshop_with_two_open(false);
    press(&mut m, KeyCode::Char('r'));
    let screen = render(&m, 100, 30);
    assert!(screen.contains("21 of 21 answered") && !screen.contains("0 of 21"), "{screen}");
}

#[test]
fn a_team_or_respondent_given_on_the_command_line_starts_the_new_session_form_or_skips_it() {
    let mut m = common::tui_start_model();
    m.form.team = TextInput::new("Other team");
    assert_eq!(mlops_maturity::tui::app::start_given(&mut m), None);
    assert_eq!(
        (m.screen(), m.form.field),
        (Screen::NewSession, FormField::Respondent),
        "the form, at the missing respondent"
    );
    m.form.respondent = TextInput::new("Ann");
    match mlops_maturity::tui::app::start_given(&mut m) {
        Some(Effect::Create { team, respondent, .. }) => {
            assert_eq!((team.as_str(), respondent.as_str()), ("Other team", "Ann"))
        }
        other => panic!("{other:?}"),
    }
    let mut m = common::tui_start_model();
    m.form.respondent = TextInput::new("Ann");
    assert_eq!(mlops_maturity::tui::app::start_given(&mut m), None);
    assert_eq!((m.screen(), m.form.field), (Screen::NewSession, FormField::Team), "at the missing team");
}
