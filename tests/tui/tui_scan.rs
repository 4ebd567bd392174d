//! The question screen shows what the session's repository scan found, under the answer keys.

use crate::common::tui::render;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::session::{Scan, Session};
use mlops_maturity::tui::app::{Assessment, Model, Msg, update};
use std::path::PathBuf;

fn model(scan: Option<Scan>) -> Model {
    let q = built_in("mlops-maturity").unwrap();
    let mut s = Session::new("mlops-maturity");
    s.scan = scan.map(Box::new);
    Model::with_assessment(Assessment::new(q, s, PathBuf::from("t.yaml"), "2026-12-07"), "2026-12-07", false)
}

fn next(m: &mut Model) {
    update(m, Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)));
}

#[test]
fn found_not_found_and_not_checked_under_the_answer_keys() {
    let mut scan = Scan::default();
    scan.found.insert("data-pipeline-code".into(), vec!["a/dvc.yaml".into(), "b/dags/x.py:3".into()]);
    scan.not_found.push("data-versioned".into());
    let mut m = model(Some(scan));
    for (w, h) in [(80, 24), (120, 40), (60, 18)] {
        let screen = render(&m, w, h);
        assert!(screen.contains("found in the repositories: a/dvc.yaml"), "{w}x{h}\n{screen}");
        assert!(screen.contains("[a] Does not apply"), "{w}x{h}\n{screen}");
    }
    next(&mut m);
    let screen = render(&m, 80, 24);
    assert!(screen.contains("no sign of it in the repositories"), "{screen}");
    // data-traceable (the 7th question) has no probe: nothing is said.
    for _ in 0..5 {
        next(&mut m);
    }
    let screen = render(&m, 80, 24);
    assert!(screen.contains("From a production model version"), "{screen}");
    assert!(!screen.contains("repositories"), "{screen}");
}

#[test]
fn without_a_scan_nothing_is_said() {
    let screen = render(&model(None), 80, 24);
    assert!(!screen.contains("repositories"), "{screen}");
}

#[test]
fn a_workshop_question_shows_the_finding_too() {
    let q = built_in("mlops-maturity").unwrap();
    let text = "format: 1\nquestionnaire: mlops-maturity\nparticipants:\n  - { name: Ana }\n  - { name: Ben }\nanswers: {}\nscan:\n  date: 2026-12-01\n  paths: [repo]\n  found:\n    data-pipeline-code: [dvc.yaml]\n";
    let s = mlops_maturity::session::parse(text, "w.yaml").unwrap();
    let m = Model::with_assessment(Assessment::new(q, s, PathBuf::from("w.yaml"), "2026-12-07"), "2026-12-07", false);
    let screen = render(&m, 120, 40);
    assert!(screen.contains("Votes 0 of 2"), "{screen}");
    assert!(screen.contains("found in the repositories: dvc.yaml"), "{screen}");
}
