//! The facilitator's screen of a workshop session: blind votes, the reveal, the agreed answer,
//! the walk through open disagreements, and what it shows at 80×24 and 120×40.

use crate::common::tui::snapshot_questionnaires::built_in;
use crate::common::tui::{a, render as render_app};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
fn x_clears_the_agreed_answer_and_keeps_the_votes() {
    let mut m = model("");
    for c in ['y', 'y', 'n'] {
        press(&mut m, c);
    }
    let id = first_id(&m);
    press(&mut m, 'Y');
    press_code(&mut m, KeyCode::Left);
    press(&mut m, 'x');
    let entry = &a(&m).session.answers[&id];
    assert_eq!(entry.answer, None, "the agreed answer is cleared");
    assert_eq!(entry.votes.len(), 3, "the votes stay: clearing the answer is not a re-vote");
    assert!(render(&m, 80, 24).contains("[N] No"), "still revealed");
}

#[test]
fn the_help_in_a_workshop_names_each_key_once_by_what_it_does_there() {
    let mut m = model("");
    press(&mut m, '?');
    let help = render_app(&m, 120, 60);
    assert!(help.contains("vote for the selected participant"), "{help}");
    assert!(help.contains("agree: the consensus"), "{help}");
    assert!(!help.contains("answer yes/partly/no"), "y p n u a vote here: {help}");
    assert!(!help.contains("confirm an answer carried over"), "Enter agrees here: {help}");
    assert!(
        help.contains("edit note / evidence") && help.contains("clear the answer"),
        "what still works stays: {help}"
    );
}

#[test]
fn a_note_being_typed_wraps_so_the_facilitator_sees_its_end() {
    let mut m = model("");
    press(&mut m, 'e');
    update(
        &mut m,
        Msg::Paste("Ben: the feature store snapshots are not versioned yet\nAna: two feeds are edited by hand".into()),
    );
    for c in " in January".chars() {
        press(&mut m, c);
    }
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Ben: the feature store"), "{screen}");
    assert!(screen.contains("in January█"), "the end being typed is in view: {screen}");
}

#[test]
fn a_note_being_typed_shows_its_cursor_where_it_is_and_no_escape_sequence() {
    // A note from the file may hold what typing never lets in.
    let first = built_in("mlops-maturity").unwrap().questions().next().unwrap().1.id.clone();
    let mut m = model(&format!("answers:\n  {first}: {{ note: \"a\\e[2Jb\" }}\n"));
    press(&mut m, 'e');
    update(&mut m, Msg::Paste("\ncd".into()));
    press_code(&mut m, KeyCode::Left);
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Note: a?[2Jb"), "a control character shows as ?: {screen}");
    assert!(screen.contains("c█d"), "the cursor sits before the last character: {screen}");
    // A long note: the four rows up to the cursor are in view, the first ones give way.
    let mut m = model("");
    press(&mut m, 'e');
    update(&mut m, Msg::Paste("row1\nrow2\nrow3\nrow4\nrow5\nrow6\nrow7".into()));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("row4") && screen.contains("row7█"), "{screen}");
    assert!(!screen.contains("row3"), "{screen}");
}

#[test]
fn why_it_matters_cut_short_ends_in_an_ellipsis() {
    let m = model("");
    let small = render(&m, 80, 20);
    let help_rows: Vec<&str> = small.lines().filter(|l| l.contains("Why it matters") || l.contains("…")).collect();
    assert!(small.contains("Why it matters"), "{small}");
    assert!(help_rows.last().is_some_and(|l| l.trim_end_matches([' ', '"']).ends_with('…')), "{small}");
    let large = render(&m, 120, 60);
    assert!(large.contains("training set.") && !large.contains("a …"), "shown whole when it fits: {large}");
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
    assert_eq!(a(&m).cursor, 20, "2 of 3 voted: the same key again agrees");
    assert!(m.status.contains("Only 2 of 3 voted: press N again"), "{}", m.status);
    press(&mut m, 'N');
    assert_eq!(a(&m).cursor, 21);
    press(&mut m, 'd');
    assert!(m.status.contains("No open disagreements"), "{}", m.status);
}

#[test]
fn the_last_agreement_goes_on_to_the_context() {
    let mut m = model("");
    let last = a(&m).total() - 1;
    m.assessment.as_mut().unwrap().cursor = last;
    press(&mut m, 'Y');
    assert_eq!(m.screen(), Screen::Context);
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
fn time_on_the_results_is_no_questions_time() {
    let mut m = model("");
    press(&mut m, 'r');
    assert_eq!(m.screen(), Screen::Results);
    let a = m.assessment.as_mut().unwrap();
    facilitator::tick(a, 1000);
    facilitator::tick(a, 1060);
    let t = a.session.timing.as_ref().unwrap();
    assert_eq!(t.elapsed_s, 60, "the workshop's clock runs");
    let first = &a.questionnaire.dimensions[0];
    assert!(t.questions.is_empty() && t.dimension(&first.id) == 0, "{t:?}");
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

/// A workshop of `n` participants named P1, P2, … (the first with a role).
fn crowd(n: usize, extra: &str) -> Model {
    let q = built_in("mlops-maturity").unwrap();
    let mut text = String::from("format: 1\nquestionnaire: mlops-maturity\nteam: Fraud ML\nparticipants:\n");
    for i in 1..=n {
        let role = if i == 1 { ", role: engineering" } else { "" };
        text.push_str(&format!("  - {{ name: P{i}{role} }}\n"));
    }
    text.push_str(extra);
    let s: Session = session::parse(&text, "w.yaml").unwrap_or_else(|p| panic!("{p:?}"));
    let mut m =
        Model::with_assessment(Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28"), "2026-11-28", false);
    m.size = (80, 24);
    m
}

#[test]
fn the_screen_says_how_many_voted_and_who_has_not() {
    let mut m = crowd(5, "");
    for c in ['y', 'n', 'y'] {
        press(&mut m, c);
    }
    assert_eq!(facilitator::still_to_vote(a(&m)), ["P4", "P5"]);
    let screen = render(&m, 80, 24);
    assert!(screen.contains("3 of 5 voted · to vote: P4, P5"), "{screen}");
    press(&mut m, 'y');
    press(&mut m, 'y');
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&m, w, h);
        assert!(screen.contains("5 of 5 voted") && screen.contains("4×Y 1×N → consensus Yes"), "{screen}");
    }
    // Forty people: as many names as fit, then how many more.
    let m = crowd(40, "");
    let screen = render(&m, 80, 24);
    assert!(screen.contains("0 of 40 voted · to vote: P1, P2 and 38 more"), "{screen}");
}

#[test]
fn agreeing_before_everyone_voted_asks_for_the_same_key_again() {
    let mut m = crowd(5, "");
    let id = first_id(&m);
    for c in ['y', 'n', 'y'] {
        press(&mut m, c);
    }
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).cursor, 0, "not agreed yet");
    assert!(m.status.contains("Only 3 of 5 voted: press Enter again"), "{}", m.status);
    assert_eq!(a(&m).session.answers[&id].answer, None);
    // Any other key cancels, and does nothing else.
    press(&mut m, 'y');
    assert!(m.status.contains("Not agreed"), "{}", m.status);
    assert_eq!(a(&m).session.answers[&id].votes.len(), 3, "the cancelling key is not a vote");
    press_code(&mut m, KeyCode::Enter);
    press(&mut m, 'P');
    assert_eq!((a(&m).cursor, a(&m).session.answers[&id].answer), (0, None), "another key cancels");
    press(&mut m, 'P');
    press(&mut m, 'P');
    assert_eq!((a(&m).cursor, a(&m).session.answers[&id].answer), (1, Some(Answer::Partial)));
    // Enter twice takes the consensus of the votes in.
    for c in ['y', 'y'] {
        press(&mut m, c);
    }
    press_code(&mut m, KeyCode::Enter);
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).cursor, 2);
    // With everyone's vote in, one press agrees.
    for c in ['n', 'n', 'n', 'n', 'n'] {
        press(&mut m, c);
    }
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).cursor, 3);
}

#[test]
fn v_starts_a_re_vote_that_keeps_the_first_votes() {
    let mut m = crowd(3, "");
    let id = first_id(&m);
    press(&mut m, 'V');
    assert!(m.status.contains("after the reveal"), "{}", m.status);
    for c in ['y', 'n', 'n'] {
        press(&mut m, c);
    }
    press(&mut m, 'V');
    let entry = &a(&m).session.answers[&id];
    assert!(entry.votes.is_empty() && entry.answer.is_none());
    assert_eq!(entry.first_votes.values().copied().collect::<Vec<_>>(), [Answer::Yes, Answer::No, Answer::No]);
    assert!(m.dirty);
    assert_eq!(facilitator::selected(a(&m)), 0);
    for c in ['y', 'y'] {
        press(&mut m, c);
    }
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Re-vote: Votes 2 of 3 (hidden") && screen.contains("[✓] voted"), "{screen}");
    assert!(!screen.contains("[Y]") && !screen.contains("was"), "hidden again: {screen}");
    press(&mut m, 'p');
    let screen = render(&m, 80, 24);
    assert!(screen.contains("[Y] Yes (was No)") && screen.contains("[P] Partly (was No)"), "{screen}");
    snapshots("facilitator_re_vote", &m);
    let r = &a(&m).report;
    let changed: Vec<(&str, &str, &str)> =
        r.changed_minds.iter().map(|c| (c.respondent.as_str(), c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(changed, [("P2", "no", "yes"), ("P3", "no", "partial")]);
    let panel = render_results_panel(&m, 80, 24);
    assert!(panel.contains("2 votes changed at re-votes: P2, P3"), "{panel}");
    m.set_anonymous(true);
    let panel = render_results_panel(&m, 80, 24);
    assert!(panel.contains("2 votes changed at re-votes ") && !panel.contains("P2"), "{panel}");
    m.set_anonymous(false);
    // A second re-vote keeps the first reveal's votes.
    press_code(&mut m, KeyCode::Enter);
    press_code(&mut m, KeyCode::Left);
    press(&mut m, 'V');
    let entry = &a(&m).session.answers[&id];
    assert_eq!(entry.first_votes.values().copied().collect::<Vec<_>>(), [Answer::Yes, Answer::No, Answer::No]);
    assert_eq!(entry.answer, None, "the agreed answer is cleared");
    // r still opens the results.
    press(&mut m, 'r');
    assert_eq!(m.screen(), Screen::Results);
}

#[test]
fn arrows_select_any_participant_and_the_list_scrolls_with_the_counts_in_view() {
    for n in [16, 40] {
        let mut m = crowd(n, "");
        for _ in 0..n - 1 {
            press_code(&mut m, KeyCode::Down);
        }
        press_code(&mut m, KeyCode::Down);
        assert_eq!(facilitator::selected(a(&m)), n - 1, "stops at the last");
        press(&mut m, 'n');
        let id = first_id(&m);
        assert_eq!(a(&m).session.answers[&id].votes.get(&format!("P{n}")), Some(&Answer::No));
        for size in [(80, 24), (120, 40)] {
            let screen = render(&m, size.0, size.1);
            assert!(screen.contains(&format!("1 of {n} voted")), "{n} at {size:?}: {screen}");
            assert!(screen.contains("Agreed: —"), "{n} at {size:?}: {screen}");
            if n == 40 || size == (80, 24) {
                assert!(screen.contains("more (↑↓ select)"), "{n} at {size:?}: {screen}");
            }
            assert!(screen.contains("▶ 1 P1"), "the next without a vote is selected and in view: {screen}");
        }
        // Everyone votes (the selection moves on by itself), and the counts line shows.
        for _ in 0..n - 1 {
            press(&mut m, 'y');
        }
        assert_eq!(facilitator::selected(a(&m)), n - 2, "the last to vote");
        press_code(&mut m, KeyCode::Up);
        assert_eq!(facilitator::selected(a(&m)), n - 3);
        for size in [(80, 24), (120, 40)] {
            let screen = render(&m, size.0, size.1);
            assert!(screen.contains(&format!("{}×Y 1×N → consensus Yes", n - 1)), "{n} at {size:?}: {screen}");
            assert!(
                screen.contains("Agreed: —") && screen.contains("Time 0:00 here · dimension 0:00"),
                "{size:?}: {screen}"
            );
            assert!(screen.contains(&format!("▶{} P{}", n - 2, n - 2)), "the selected one is in view: {screen}");
        }
        snapshots(&format!("facilitator_{n}_revealed"), &m);
    }
}

#[test]
fn a_long_name_takes_one_line_cut_with_an_ellipsis() {
    let q = built_in("mlops-maturity").unwrap();
    let long = "N".repeat(5000);
    let text = format!(
        "format: 1\nquestionnaire: mlops-maturity\nparticipants:\n  - {{ name: {long}, role: engineering }}\n  - {{ name: Ben }}\n"
    );
    let s: Session = session::parse(&text, "w.yaml").unwrap();
    let m = Model::with_assessment(Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-11-28"), "2026-11-28", false);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&m, w, h);
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains("▶1 NNNN")).collect();
        assert_eq!(rows.len(), 1, "{screen}");
        assert!(rows[0].contains("N…") && rows[0].contains("[ ] waiting"), "{screen}");
        assert!(screen.contains("to vote: NNN") && screen.contains("Ben"), "{screen}");
    }
    // The status line names the voter in one line too.
    let mut m = m;
    press(&mut m, 'y');
    assert!(m.status.chars().count() < 60 && m.status.contains("N… voted (1 of 2 voted)"), "{}", m.status);
}

#[test]
fn the_anonymous_display_shows_revealed_votes_as_counts() {
    let mut m = crowd(6, "");
    for c in ['y', 'y', 'n', 'p', 'y', 'n'] {
        press(&mut m, c);
    }
    press(&mut m, '*');
    assert!(facilitator::anonymous(a(&m)));
    let screen = render(&m, 80, 24);
    assert!(!screen.contains("P1") && !screen.contains("P6"), "no names beside votes: {screen}");
    assert!(screen.contains("[Y] Yes") && screen.contains("  3 ███"), "{screen}");
    assert!(screen.contains("3×Y 1×P 2×N → consensus Yes"), "{screen}");
    snapshots("facilitator_anonymous", &m);
    // The file still holds the votes by name.
    let id = first_id(&m);
    assert_eq!(a(&m).session.answers[&id].votes["P3"], Answer::No);
    // Before a reveal the names show who has voted, as ever.
    press_code(&mut m, KeyCode::Right);
    assert!(render(&m, 80, 24).contains("P1"));
    press(&mut m, '*');
    assert!(!facilitator::anonymous(a(&m)));
    // --anonymous: the model's setting reaches the workshop it opens.
    let mut m = crowd(2, "");
    m.set_anonymous(true);
    assert!(facilitator::anonymous(a(&m)));
}

#[test]
fn time_per_question_and_dimension_is_shown_with_a_spent_timebox() {
    let q = built_in("mlops-maturity").unwrap();
    let (data, first) = (&q.dimensions[0].id, &q.dimensions[0].questions[0].id);
    let m = model(&format!(
        "timing:\n  elapsed_s: 725\n  dimensions: {{ {data}: 540 }}\n  questions: {{ {first}: 75 }}\n  timebox_s: {{ {data}: 600 }}\n"
    ));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Time 1:15 here · dimension 9:00 of 10:00"), "{screen}");
    let m = model(&format!(
        "timing:\n  elapsed_s: 725\n  dimensions: {{ {data}: 660 }}\n  questions: {{ {first}: 75 }}\n  timebox_s: {{ {data}: 600 }}\n"
    ));
    let screen = render(&m, 80, 24);
    assert!(screen.contains("⚠ Timebox spent 11:00 of 10:00 · 1:15 here"), "{screen}");
    assert!(screen.contains("⚠11:00"), "the sidebar marks the dimension: {screen}");
}

#[test]
fn capital_d_lists_the_open_disagreements_widest_spread_first_and_enter_goes_there() {
    let q = built_in("mlops-maturity").unwrap();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    let extra = format!(
        "answers:\n  {}: {{ votes: {{ P1: yes, P2: no, P3: no, P4: no }} }}\n  {}: {{ votes: {{ P1: yes, P2: no, P3: yes, P4: no }} }}\n  {}: {{ votes: {{ P1: yes, P2: no }}, answer: yes }}\n  {}: {{ votes: {{ P1: yes, P2: partial, P3: partial, P4: partial }} }}\n",
        ids[5], ids[30], ids[10], ids[2]
    );
    let mut m = crowd(4, &extra);
    let agenda = facilitator::agenda(a(&m));
    let order: Vec<&str> = agenda.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(order, [ids[30].as_str(), ids[5].as_str()], "the 2-2 split before the 1-3, agreed and partial left out");
    assert_eq!(agenda[0].spread, 1.0);
    press(&mut m, 'D');
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Open disagreements: 2, widest spread first"), "{screen}");
    snapshots("facilitator_agenda", &m);
    press_code(&mut m, KeyCode::Down);
    press_code(&mut m, KeyCode::Enter);
    assert_eq!(a(&m).cursor, 5);
    assert!(a(&m).workshop.as_ref().unwrap().agenda.is_none());
    press(&mut m, 'D');
    press_code(&mut m, KeyCode::Esc);
    assert_eq!(a(&m).cursor, 5, "Esc closes it where it was");
    assert!(a(&m).workshop.as_ref().unwrap().agenda.is_none());
    // A question left mid-vote is on the agenda, its votes still hidden.
    let extra = format!("answers:\n  {}: {{ votes: {{ P1: yes, P2: no, P3: no }} }}\n", ids[7]);
    let mut m = crowd(4, &extra);
    assert!(!facilitator::agenda(a(&m))[0].revealed);
    press(&mut m, 'D');
    let screen = render(&m, 80, 24);
    assert!(screen.contains("3/4 hidden") && !screen.contains("1Y 2N"), "{screen}");
    let mut none = crowd(2, "");
    press(&mut none, 'D');
    assert!(none.status.contains("No open disagreements"), "{}", none.status);
}

#[test]
fn every_facilitator_key_is_in_the_key_hints_and_the_help() {
    let mut m = crowd(3, "");
    m.size = (120, 40);
    let screen = render_app(&m, 120, 40);
    for (keys, hint) in facilitator::KEYMAP.iter().filter_map(|row| row.hint) {
        assert!(screen.contains(&format!("{keys} {hint}")), "{keys}: {screen}");
    }
    insta::assert_snapshot!("facilitator_app_80x24", render_app(&m, 80, 24));
    press(&mut m, '?');
    let help = render_app(&m, 120, 40);
    for (keys, what) in facilitator::KEYMAP.iter().filter_map(|row| row.help) {
        assert!(help.contains(keys) && help.contains(what), "{keys}: {help}");
    }
}
