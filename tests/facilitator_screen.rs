//! The facilitator's screen of a workshop session: blind votes, the reveal, the agreed answer,
//! the walk through open disagreements, and what it shows at 80×24 and 120×40.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::session::{self, Answer, Session};
use mlops_maturity::tui::app::{Assessment, Model, Msg, Screen, update};
use mlops_maturity::tui::facilitator;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;

const WORKSHOP: &str = "format: 1\nquestionnaire: mlops-maturity\nteam: Fraud ML\nparticipants:\n  - { name: Ana, role: engineering }\n  - { name: Ben, role: data-science }\n  - { name: Cy }\n";

fn model(extra: &str) -> Model {
    let q = built_in("mlops-maturity").unwrap();
    let s: Session = session::parse(&format!("{WORKSHOP}{extra}"), "w.yaml").unwrap_or_else(|p| panic!("{p:?}"));
    let a = Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28");
    Model::with_assessment(a, "2026-11-28", false)
}

fn press(m: &mut Model, c: char) {
    update(m, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
}

fn press_code(m: &mut Model, code: KeyCode) {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn a(m: &Model) -> &Assessment {
    m.assessment.as_ref().unwrap()
}

fn first_id(m: &Model) -> String {
    a(m).questionnaire.questions().next().unwrap().1.id.clone()
}

/// The facilitator's screen drawn where the app draws it: between the header and status rows.
fn render(m: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| facilitator::draw(a(m), false, f, Rect::new(0, 1, width, height - 2))).unwrap();
    terminal.backend().to_string()
}

#[test]
fn votes_are_hidden_until_everyone_has_voted() {
    let mut m = model("");
    assert_eq!(facilitator::selected(a(&m)), 0, "the first without a vote");
    press(&mut m, 'y');
    assert_eq!(facilitator::selected(a(&m)), 1, "the next without a vote");
    press(&mut m, 'n');
    assert!(!facilitator::revealed(a(&m)));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("[✓] voted") && !screen.contains("[Y] Yes") && !screen.contains("[N] No"), "{screen}");
    press(&mut m, 'y');
    assert!(facilitator::revealed(a(&m)));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("[Y] Yes") && screen.contains("[N] No") && screen.contains("DISAGREEMENT"), "{screen}");
    let id = first_id(&m);
    let votes: Vec<(String, Answer)> = a(&m).session.answers[&id].votes.clone().into_iter().collect();
    assert_eq!(votes, vec![("Ana".into(), Answer::Yes), ("Ben".into(), Answer::No), ("Cy".into(), Answer::Yes)]);
    assert!(m.dirty, "every vote is saved");
}

#[test]
fn enter_records_the_consensus_as_agreed_and_moves_on() {
    let mut m = model("");
    for c in ['y', 'n', 'y'] {
        press(&mut m, c);
    }
    let id = first_id(&m);
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).session.answers[&id].answer, Some(Answer::Yes), "median of 1, 0, 1");
    assert_eq!(a(&m).cursor, 1);
    assert_eq!(a(&m).report.answers[0].answer, "yes");
}

#[test]
fn capital_letters_set_the_agreed_answer_instead() {
    let mut m = model("");
    for c in ['y', 'y', 'y'] {
        press(&mut m, c);
    }
    let id = first_id(&m);
    press(&mut m, 'P');
    assert_eq!(a(&m).session.answers[&id].answer, Some(Answer::Partial));
    assert_eq!(a(&m).cursor, 1);
}

#[test]
fn enter_without_votes_records_nothing() {
    let mut m = model("");
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).cursor, 0);
    assert!(a(&m).session.answers.is_empty());
    assert!(m.status.contains("Nobody has voted"), "{}", m.status);
}

#[test]
fn digits_select_who_votes() {
    let mut m = model("");
    press(&mut m, '3');
    press(&mut m, 'n');
    let id = first_id(&m);
    assert_eq!(a(&m).session.answers[&id].votes.get("Cy"), Some(&Answer::No));
    assert_eq!(facilitator::selected(a(&m)), 0, "then the first without a vote, wrapping round");
    press(&mut m, '7');
    assert!(m.status.contains("3 participants"), "{}", m.status);
    // A vote can be changed: select and vote again.
    press(&mut m, '3');
    press(&mut m, 'y');
    assert_eq!(a(&m).session.answers[&id].votes.get("Cy"), Some(&Answer::Yes));
}

#[test]
fn d_walks_the_open_disagreements() {
    let q = built_in("mlops-maturity").unwrap();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    let extra = format!(
        "answers:\n  {}: {{ votes: {{ Ana: yes, Ben: no }}, answer: partial }}\n  {}: {{ votes: {{ Ana: yes, Ben: partial }} }}\n  {}: {{ votes: {{ Ana: no, Cy: yes }} }}\n  {}: {{ votes: {{ Ana: yes, Ben: no, Cy: yes }} }}\n",
        ids[3], ids[5], ids[20], ids[40]
    );
    let mut m = model(&extra);
    press(&mut m, 'd');
    assert_eq!(a(&m).cursor, 20, "agreed and agreeing questions are skipped");
    press(&mut m, 'd');
    assert_eq!(a(&m).cursor, 40);
    press_code(&mut m, KeyCode::Enter);
    press(&mut m, 'd');
    assert_eq!(a(&m).cursor, 20, "wraps round; the agreed one is off the agenda");
    press(&mut m, 'N');
    press(&mut m, 'd');
    assert!(m.status.contains("No open disagreements"), "{}", m.status);
}

#[test]
fn the_last_agreement_goes_on_to_the_context() {
    let mut m = model("");
    let last = a(&m).total() - 1;
    m.assessment.as_mut().unwrap().cursor = last;
    press(&mut m, 'Y');
    assert_eq!(m.screen, Screen::Context);
}

#[test]
fn time_is_kept_per_dimension() {
    let mut m = model("");
    let a = m.assessment.as_mut().unwrap();
    facilitator::tick(a, 1000);
    facilitator::tick(a, 1090);
    let second_dimension = a.questionnaire.dimension_start(1);
    a.cursor = second_dimension;
    facilitator::tick(a, 1120);
    // The time is the session's own, so it is saved with it and kept across reopening.
    let t = a.session.timing.as_ref().unwrap();
    assert_eq!(t.elapsed_s, 120);
    let dims: Vec<u64> = a.questionnaire.dimensions[..2].iter().map(|d| t.dimension(&d.id)).collect();
    assert_eq!(dims, [90, 30]);
    let first_question = &a.questionnaire.dimensions[0].questions[0].id;
    assert_eq!(t.questions[first_question], 90);
    assert_eq!(facilitator::clock(3725), "1:02:05");
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Elapsed 2:00") && screen.contains("1:30"), "{screen}");
}

#[test]
fn a_single_session_keeps_the_ordinary_screen() {
    let q = built_in("mlops-maturity").unwrap();
    let s = Session::new("mlops-maturity");
    let a = Assessment::new(q, s, PathBuf::from("s.yaml"), "2026-11-28");
    assert!(a.workshop.is_none());
    let mut m = Model::with_assessment(a, "2026-11-28", false);
    press(&mut m, 'y');
    let id = first_id(&m);
    assert_eq!(m.assessment.as_ref().unwrap().session.answer(&id), Some(Answer::Yes));
}

#[test]
fn participants_from_the_command_line() {
    let mut s = Session::new("mlops-maturity");
    facilitator::set_participants(&mut s, "Ana:engineering, Ben:data-science,Cy", std::path::Path::new("w.yaml"))
        .unwrap();
    let p = s.participants.clone().unwrap();
    assert_eq!(p.len(), 3);
    assert_eq!(p[1].role.as_deref(), Some("data-science"));
    assert_eq!(p[2].role, None);
    // Resuming with the same list is fine; another list is refused.
    facilitator::set_participants(&mut s, "Ana,Ben,Cy", std::path::Path::new("w.yaml")).unwrap();
    let err = facilitator::set_participants(&mut s, "Ana,Dan", std::path::Path::new("w.yaml")).unwrap_err();
    assert!(err.to_string().contains("Ana, Ben, Cy"), "{err}");
    let err = facilitator::set_participants(&mut Session::new("x"), "Ana,,Ben", std::path::Path::new("w.yaml"));
    assert!(err.unwrap_err().to_string().contains("no name"));
    let err = facilitator::set_participants(&mut Session::new("x"), "Ana,Ana", std::path::Path::new("w.yaml"));
    assert!(err.unwrap_err().to_string().contains("twice"));
}

fn snapshots(name: &str, m: &Model) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(m, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(m, 120, 40));
}

#[test]
fn facilitator_screen_before_the_reveal() {
    let mut m = model("");
    press(&mut m, 'y');
    press(&mut m, 'n');
    snapshots("facilitator_before_reveal", &m);
}

#[test]
fn facilitator_screen_after_the_reveal() {
    let mut m = model("");
    for c in ['y', 'n', 'y'] {
        press(&mut m, c);
    }
    press(&mut m, 'e');
    press_code(&mut m, KeyCode::Esc);
    snapshots("facilitator_after_reveal", &m);
}

fn render_results_panel(m: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            facilitator::draw_results_panel(a(m), false, f, Rect::new(0, 1, width, height - 2));
        })
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn results_show_the_disagreements_and_role_gaps() {
    let q = built_in("mlops-maturity").unwrap();
    let d0: Vec<String> = q.dimensions[0].questions.iter().map(|qn| qn.id.clone()).collect();
    let mut extra = String::from("answers:\n");
    for (i, id) in d0.iter().enumerate() {
        let agreed = if i == 1 { ", answer: partial" } else { "" };
        extra.push_str(&format!("  {id}: {{ votes: {{ Ana: yes, Ben: no, Cy: yes }}{agreed} }}\n"));
    }
    let m = model(&extra);
    let narrow = render_results_panel(&m, 80, 24);
    assert!(narrow.contains("3 participants") && narrow.contains("open, 1 agreed"), "{narrow}");
    assert!(narrow.contains(&format!("{} 2Y 1N · open", d0[0])), "{narrow}");
    assert!(narrow.contains("Role gaps in 1: Data preparation"), "{narrow}");
    insta::assert_snapshot!("facilitator_results_panel_80x24", narrow);
    insta::assert_snapshot!("facilitator_results_panel_120x40", render_results_panel(&m, 120, 40));
}

#[test]
fn names_from_the_file_never_reach_the_terminal_as_escape_sequences() {
    let q = built_in("mlops-maturity").unwrap();
    let text = "format: 1\nquestionnaire: mlops-maturity\nparticipants:\n  - { name: \"\\e[31mEvil\\a\", role: \"\\e]0;title\\a\" }\n";
    let s: Session = session::parse(text, "w.yaml").unwrap_or_else(|p| panic!("{p:?}"));
    let m = Model::with_assessment(Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28"), "2026-11-28", false);
    let screen = render(&m, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'), "{screen}");
    assert!(screen.contains("?[31mEvil?"), "{screen}");
}

#[test]
fn a_reopened_workshop_shows_its_saved_clock_and_a_spent_timebox() {
    let q = built_in("mlops-maturity").unwrap();
    let data = &q.dimensions[0].id;
    let m =
        model(&format!("timing:\n  elapsed_s: 725\n  dimensions: {{ {data}: 660 }}\n  timebox_s: {{ {data}: 600 }}\n"));
    let screen = render(&m, 120, 40);
    assert!(screen.contains("Elapsed 12:05"), "{screen}");
    assert!(screen.contains("11:00"), "the dimension's time: {screen}");
    assert!(screen.contains("Timebox spent"), "{screen}");
    let m =
        model(&format!("timing:\n  elapsed_s: 725\n  dimensions: {{ {data}: 500 }}\n  timebox_s: {{ {data}: 600 }}\n"));
    assert!(!render(&m, 120, 40).contains("Timebox spent"));
}

#[test]
fn a_workshop_carried_from_the_last_one_shows_last_times_answer_and_note_until_agreed_again() {
    let q = built_in("mlops-maturity").unwrap();
    let id = q.questions().next().unwrap().1.id.clone();
    let earlier: Session = session::parse(
        &format!("{WORKSHOP}answers:\n  {id}: {{ votes: {{ Ana: yes, Ben: no, Cy: yes }}, answer: yes, note: \"CI for one model\" }}\n"),
        "w.yaml",
    )
    .unwrap();
    let next = earlier.next_assessment(q.scoring.partial_credit);
    assert!(next.participants.is_some() && next.answers[&id].votes.is_empty(), "participants kept, votes not");
    let mut a = Assessment::new(q, next, PathBuf::from("w2.yaml"), "2026-11-28");
    a.previous_notes = earlier.notes();
    a.cursor = 0;
    let mut m = Model::with_assessment(a, "2026-11-28", false);
    let screen = render(&m, 120, 40);
    assert!(screen.contains("last time: Yes") && screen.contains("last time's note: CI for one model"), "{screen}");
    press(&mut m, 'Y');
    press_code(&mut m, KeyCode::Left);
    let screen = render(&m, 120, 40);
    assert!(!screen.contains("last time"), "agreed again: {screen}");
}
