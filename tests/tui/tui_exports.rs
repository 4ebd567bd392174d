//! The results screen exports the HTML report and the roadmap CSV next to the session, as it
//! does Markdown and JSON: the keys in `update`, then the real binary in a pseudo-terminal.

use crate::common;

use common::pty::Tui;
use common::tui::press;
use crossterm::event::KeyCode;
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::session::Session;
use mlops_maturity::tui::app::{Assessment, Effect, ExportFormat, Model};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[test]
fn results_export_html_on_w_and_the_roadmap_csv_on_t() {
    let q = built_in("mlops-quick").unwrap();
    let a = Assessment::new(q, Session::new("mlops-quick"), PathBuf::from("s.yaml"), "2026-11-28");
    let mut m = Model::with_assessment(a, "2026-11-28", false);
    press(&mut m, KeyCode::Char('r'));
    assert_eq!(press(&mut m, KeyCode::Char('w')), Effect::Export(ExportFormat::Html));
    assert_eq!(press(&mut m, KeyCode::Char('t')), Effect::Export(ExportFormat::Csv));
}

#[test]
fn results_screen_writes_html_and_csv_beside_the_session() {
    let home = tempfile::tempdir().unwrap();
    let session = home.path().join("fraud.yaml");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fraud-ml.yaml");
    std::fs::copy(sample, &session).unwrap();

    let mut tui =
        Tui::spawn(home.path(), &["assess", "--session", session.to_str().unwrap()], (30, 120), (30, 120), |_| {});
    let shows = |tui: &Tui, text: &str| tui.contents().contains(text);

    tui.wait_until("the first question", || shows(&tui, "question"));
    tui.send("r");
    tui.wait_until("the results screen with its export keys", || shows(&tui, "w HTML"));
    let html = home.path().join("fraud-report.html");
    let csv = home.path().join("fraud-report.csv");
    tui.send("w");
    tui.wait_until("the HTML export", || html.is_file());
    tui.wait_until("the status line saying where", || shows(&tui, "HTML report written to"));
    tui.send("t");
    tui.wait_until("the CSV export", || csv.is_file());
    tui.wait_until("the status line saying where", || shows(&tui, "CSV report written to"));
    tui.send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while tui.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the app did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("id=\"profile-chart\""));
    let roadmap = std::fs::read_to_string(&csv).unwrap();
    assert!(roadmap.starts_with("phase,level,dimension,question,practice,answer,recommendation,effort,owner,note\r\n"));
    assert!(roadmap.lines().count() > 1, "the sample's roadmap has actions");
}
