//! `assess --scan PATH...`: the scan runs before the questions start, is kept in the session,
//! and shows under the question's answer keys.

use crate::common;

use common::pty::Tui;
use common::*;

#[test]
fn the_first_question_shows_what_the_scan_found_and_the_session_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("team.yaml");
    let repo = fixture("repos/dvc-mlflow-gha");
    let mut tui = Tui::spawn(
        home.path(),
        &["assess", "--session", file.to_str().unwrap(), "--scan", repo.to_str().unwrap()],
        (30, 100),
        (30, 100),
        |_| {},
    );
    tui.wait_for("found in the repositories: dvc.yaml");
    tui.send("y");
    tui.wait_for("found in the repositories: .dvc/config");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = mlops_maturity::session::load(&file).unwrap();
    assert_eq!(s.answer("data-pipeline-code"), Some(mlops_maturity::session::Answer::Yes));
    let scan = s.scan.expect("the scan is kept");
    assert_eq!(scan.places("data-pipeline-code"), ["dvc.yaml"]);
    assert!(scan.not_found.iter().any(|q| q == "val-model-card"));
}

#[test]
fn scan_without_a_session_is_refused_before_anything_starts() {
    let r = run(&["assess", "--scan", "."]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--scan needs --session FILE"), "{}", r.stderr);
}
