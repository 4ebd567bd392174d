//! The results screen exports the HTML report and the roadmap CSV next to the session, as it
//! does Markdown and JSON: the keys in `update`, then the real binary in a pseudo-terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::session::Session;
use mlops_maturity::tui::app::{Assessment, Effect, ExportFormat, Model, Msg, update};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn press(m: &mut Model, code: KeyCode) -> Effect {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn results_export_html_on_w_and_the_roadmap_csv_on_t() {
    let q = built_in("mlops-quick").unwrap();
    let a = Assessment::new(q, Session::new("mlops-quick"), PathBuf::from("s.yaml"), "2026-11-28");
    let mut m = Model::with_assessment(a, "2026-11-28", false);
    press(&mut m, KeyCode::Char('r'));
    assert_eq!(press(&mut m, KeyCode::Char('w')), Effect::Export(ExportFormat::Html));
    assert_eq!(press(&mut m, KeyCode::Char('t')), Effect::Export(ExportFormat::Csv));
}

/// Waits for a condition a pseudo-terminal run makes true (10 s at most: CI machines are slow).
fn wait_until(what: &str, screen: &Mutex<vt100::Parser>, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} never happened; the screen shows:\n{}", screen.lock().unwrap().screen().contents());
}

#[test]
fn results_screen_writes_html_and_csv_beside_the_session() {
    let home = tempfile::tempdir().unwrap();
    let session = home.path().join("fraud.yaml");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fraud-ml.yaml");
    std::fs::copy(sample, &session).unwrap();

    let pair = native_pty_system().openpty(PtySize { rows: 30, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlops-maturity"));
    cmd.args(["assess", "--session", session.to_str().unwrap()]);
    cmd.env("MLOPS_MATURITY_HOME", home.path());
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(home.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut keys = pair.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 120, 0)));
    let feed = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
        }
    });
    let shows = |text: &'static str| {
        let screen = Arc::clone(&screen);
        move || screen.lock().unwrap().screen().contents().contains(text)
    };
    let mut send = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };

    wait_until("the first question", &screen, shows("question"));
    send("r");
    wait_until("the results screen with its export keys", &screen, shows("w HTML"));
    let html = home.path().join("fraud-report.html");
    let csv = home.path().join("fraud-report.csv");
    send("w");
    wait_until("the HTML export", &screen, || html.is_file());
    wait_until("the status line saying where", &screen, shows("HTML report written to"));
    send("t");
    wait_until("the CSV export", &screen, || csv.is_file());
    wait_until("the status line saying where", &screen, shows("CSV report written to"));
    send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the app did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("id=\"profile-chart\""));
    let roadmap = std::fs::read_to_string(&csv).unwrap();
    assert!(roadmap.starts_with("phase,level,dimension,question,practice,answer,recommendation,effort,owner\r\n"));
    assert!(roadmap.lines().count() > 1, "the sample's roadmap has actions");
}
