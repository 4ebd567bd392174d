//! The real binary in a pseudo-terminal: type keys, read the screen, check the session file.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Tui {
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::start_with(home, args, &[])
    }

    fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlops-maturity"));
        cmd.args(args);
        cmd.env("MLOPS_MATURITY_HOME", home);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(home);
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
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
        Tui { master: pair.master, child, writer, screen }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (10 s at most: a loaded CI machine is slow, not broken).
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.contents());
    }

    /// Whether any cell on screen has a foreground colour other than the terminal's default.
    fn shows_colour(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .any(|r| (0..cols).any(|c| screen.cell(r, c).is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)))
    }

    fn in_alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill").args([name, &pid.to_string()]).status().unwrap();
        assert!(sent.success());
    }

    fn resize(&self, rows: u16, cols: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the app did not exit; the screen shows:\n{}", self.contents());
    }
}

#[test]
fn answers_five_questions_and_quits_with_q() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("ana.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "--respondent", "Ana"]);
    tui.wait_for("question 1 of 8");
    tui.send("ynpua");
    tui.wait_for("5/59 answered");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = mlops_maturity::session::load(&file).unwrap();
    let got: Vec<(&str, &str)> =
        s.answers.iter().map(|(id, e)| (id.as_str(), e.answer.map_or("-", |a| a.as_str()))).collect();
    assert_eq!(
        got,
        vec![
            ("data-pipeline-code", "yes"),
            ("data-schema-checks", "no"),
            ("data-versioned", "partial"),
            ("data-scheduled-pipelines", "unknown"),
            ("data-freshness", "na"),
        ]
    );
    assert_eq!(s.respondent.as_deref(), Some("Ana"));
    assert_eq!(s.questionnaire_version, Some(1));
}

#[test]
fn sigkill_after_an_answer_keeps_every_answer_so_far() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bo.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("yyn");
    tui.wait_for("3/21 answered");
    tui.wait_for("Saved");
    tui.signal("-KILL");
    tui.wait_exit();
    let s = mlops_maturity::session::load(&file).unwrap();
    assert_eq!(s.answers.len(), 3, "{s:?}");
    assert_eq!(s.answer("data-quality-gates"), Some(mlops_maturity::session::Answer::No));
}

#[test]
fn resumes_at_the_first_unanswered_question() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.yaml");
    std::fs::write(&file, "format: 1\nquestionnaire: mlops-quick\nanswers:\n  data-pipeline-code: yes\n").unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("question 2 of 3");
    tui.send("?");
    tui.wait_for("any key closes");
    tui.send("x\x03");
    assert_eq!(tui.wait_exit(), 0, "Ctrl-C saves and quits");
}

#[test]
fn assess_without_a_terminal_points_to_report() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlops-maturity"))
        .arg("assess")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("report"));
}

#[test]
fn sigterm_and_sighup_save_and_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let home = tempfile::tempdir().unwrap();
        let file = home.path().join("d.yaml");
        let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
        tui.wait_for("question 1 of 3");
        assert!(tui.in_alternate_screen());
        tui.send("p");
        tui.wait_for("1/21 answered");
        tui.signal(signal);
        assert_eq!(tui.wait_exit(), 0, "{signal}");
        let s = mlops_maturity::session::load(&file).unwrap();
        assert_eq!(s.answer("data-pipeline-code"), Some(mlops_maturity::session::Answer::Partial));
        if signal == "-TERM" {
            // Give the reader thread a moment to see the last bytes the app wrote.
            let deadline = Instant::now() + Duration::from_secs(5);
            while tui.in_alternate_screen() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            assert!(!tui.in_alternate_screen(), "the terminal is restored");
        }
        assert!(!mlops_maturity::lock::lock_path(&file).exists(), "the lock is released");
    }
}

#[test]
fn a_second_assess_on_an_open_session_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("e.yaml");
    let mut first = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    first.wait_for("question 1 of 3");
    let mut second = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    let pid = first.child.process_id().unwrap();
    second.wait_for(&format!("process {pid}"));
    assert_eq!(second.wait_exit(), 1);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn a_corrupt_session_is_reported_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.yaml");
    let bytes = b"format: 1\nquestionnaire: mlops-quick\nanswers:\n  data-pipeline-code: [oops\n";
    std::fs::write(&file, bytes).unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("bad.yaml:");
    assert_eq!(tui.wait_exit(), 1);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn no_color_is_honoured() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("f.yaml");
    let mut plain =
        Tui::start_with(home.path(), &["assess", "--session", file.to_str().unwrap()], &[("NO_COLOR", "1")]);
    plain.wait_for("question 1 of 8");
    assert!(!plain.shows_colour(), "NO_COLOR=1 draws without colour");
    plain.send("q");
    plain.wait_exit();
    let mut coloured = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    coloured.wait_for("question 1 of 8");
    assert!(coloured.shows_colour(), "colour is used otherwise");
    coloured.send("q");
    coloured.wait_exit();
}

#[test]
fn a_tiny_window_asks_to_enlarge_and_only_quitting_works() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("g.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("question 1 of 8");
    tui.resize(12, 50);
    tui.wait_for("enlarge");
    tui.send("y");
    tui.resize(30, 100);
    tui.wait_for("question 1 of 8");
    tui.send("y");
    tui.wait_for("question 2 of 8");
    tui.resize(12, 50);
    tui.wait_for("enlarge");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = mlops_maturity::session::load(&file).unwrap();
    assert_eq!(s.answers.len(), 1, "the key pressed while the questions could not be seen answered nothing");
}
