//! Helpers shared by the three test binaries (`core`, `cli`, `tui`): the built binary run as a
//! process in a private user folder, the binary in a pseudo-terminal (`pty`), the TUI's model
//! without a terminal (`tui`), golden files and pinned questionnaires. Each binary includes this
//! module with `#[path]`; what one binary does not use is no warning.
#![allow(dead_code)]

pub mod pty;
pub mod tui;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The app's binary, as cargo built it for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_mlops-maturity");

/// What a run of the binary ended with.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code and output of a finished run; a panic of the binary fails the test.
    pub fn of(out: Output) -> Run {
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "the binary panicked: {}", run.stderr);
        run
    }
}

/// The binary with a fixed report date (SOURCE_DATE_EPOCH, 2026-11-26), no colour and no
/// input. The caller gives it a user folder (MLOPS_MATURITY_HOME): [`run_in`] and [`run`] do.
pub fn bin() -> Command {
    let mut c = Command::new(BIN);
    c.env("SOURCE_DATE_EPOCH", "1795651200").env("NO_COLOR", "1").stdin(Stdio::null());
    c
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Runs the binary with `home` as MLOPS_MATURITY_HOME, from `cwd`, and a fixed report date.
pub fn run_in(home: &Path, cwd: &Path, args: &[&str]) -> Run {
    Run::of(bin().args(args).current_dir(cwd).env("MLOPS_MATURITY_HOME", home).output().expect("the binary runs"))
}

/// Runs the binary in a fresh temporary user folder, from the crate's folder.
pub fn run(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// [`run_in`] with `home` as the working folder too, killing the binary if it has not ended
/// after a generous while: a hang fails the test instead of blocking the suite.
pub fn run_bounded(home: &Path, args: &[&str]) -> Run {
    let mut child = bin()
        .args(args)
        .current_dir(home)
        .env("MLOPS_MATURITY_HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::of(child.wait_with_output().unwrap())
}

/// The name the test binary knows the test `name` of module `module` (the caller's
/// `module_path!()`) by: `boundaries::NAME`, without the binary's own name.
pub fn test_name(module: &str, name: &str) -> String {
    format!("{}::{name}", module.split_once("::").expect("a module of a test binary").1)
}

/// This test binary, to run its ignored test `name` of module `module` (the caller's
/// `module_path!()`) alone, on one thread: for a test that needs a process of its own (an
/// environment of its own, or no other test starting processes beside it).
pub fn test_alone(module: &str, name: &str) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", &test_name(module, name), "--ignored", "--test-threads=1"]);
    c
}

/// Runs `test` (made by [`test_alone`]) and fails unless its one test ran and passed.
pub fn assert_passes(test: &mut Command) {
    let out = test.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("1 passed"), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
}

/// Whether the tests run as root (as CI does): some need it for a second user or a small disk.
pub fn is_root() -> bool {
    fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// A path as an argument of the binary.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The session saved at `path`, which must load.
pub fn load_session(path: &Path) -> mlops_maturity::session::Session {
    mlops_maturity::session::load(path).unwrap()
}

/// Checks `actual` against the golden file `tests/fixtures/NAME`, and fails with the lines where
/// they differ. With UPDATE_EXAMPLE set (`UPDATE_EXAMPLE=1 cargo test`), the file is rewritten
/// with `actual` first: after a deliberate change, then reviewed with `git diff`.
pub fn assert_golden(name: &str, actual: &str) {
    let golden = fixture(name);
    if std::env::var_os("UPDATE_EXAMPLE").is_some() {
        fs::write(&golden, actual).unwrap();
    }
    let expected = fs::read_to_string(&golden).unwrap();
    assert!(
        actual == expected,
        "{} differs from what the app writes now (- the file, + now; `UPDATE_EXAMPLE=1 cargo test` \
         rewrites it after a deliberate change):\n{}",
        golden.display(),
        line_diff(&expected, actual)
    );
}

/// Where two texts differ: the lines from the first that differs to the last, at most
/// `DIFF_LINES` of each text, `-` for `expected` and `+` for `actual`, with 3 lines of context
/// and the line number in `expected`; empty when the texts are the same.
pub fn line_diff(expected: &str, actual: &str) -> String {
    const CONTEXT: usize = 3;
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.split('\n').collect(), actual.split('\n').collect());
    let same_start = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    if same_start == e.len() && same_start == a.len() {
        return String::new();
    }
    let same_end = e[same_start..].iter().rev().zip(a[same_start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (e_diff, a_diff) = (&e[same_start..e.len() - same_end], &a[same_start..a.len() - same_end]);
    let mut out = format!("@@ line {} @@", same_start + 1);
    if let (Some(x), Some(y)) = (e_diff.first(), a_diff.first()) {
        let column = x.chars().zip(y.chars()).take_while(|(c, d)| c == d).count() + 1;
        out.push_str(&format!(" (the first line differs from column {column})"));
    }
    out.push('\n');
    for line in &e[same_start.saturating_sub(CONTEXT)..same_start] {
        out.push_str(&format!("  {line}\n"));
    }
    for (sign, lines) in [('-', e_diff), ('+', a_diff)] {
        for line in lines.iter().take(DIFF_LINES) {
            out.push_str(&format!("{sign} {line}\n"));
        }
        if lines.len() > DIFF_LINES {
            out.push_str(&format!("{sign} … and {} more lines\n", lines.len() - DIFF_LINES));
        }
    }
    for line in e[e.len() - same_end..].iter().take(CONTEXT) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// How many lines of each text [`line_diff`] shows at most.
pub const DIFF_LINES: usize = 20;

/// The sample session's path (tests/fixtures/fraud-ml.yaml), as an argument of the binary.
pub fn sample() -> String {
    fixture("fraud-ml.yaml").display().to_string()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A TUI model on the start screen with one saved session and both built-in questionnaires.
pub fn tui_start_model() -> mlops_maturity::tui::app::Model {
    use mlops_maturity::tui::app::{Model, NewSessionForm, SavedEntry};
    let saved = vec![SavedEntry {
        path: PathBuf::from("/h/sessions/a.yaml"),
        team: "Fraud ML 日本".into(),
        respondent: "Ana".into(),
        answered: 12,
        total: 59,
        to_confirm: 0,
        changed: "2026-11-26".into(),
        questionnaire: "mlops-maturity".into(),
        problem: None,
    }];
    let form = NewSessionForm {
        questionnaires: vec![
            ("mlops-maturity".into(), "MLOps maturity assessment".into()),
            ("mlops-quick".into(), "MLOps maturity quick check".into()),
        ],
        ..Default::default()
    };
    Model::start(saved, form, "2026-11-26", false)
}

/// A questionnaire of a fixed shape for tests that walk questions by position: copies of the
/// version-1 built-ins (three questions a dimension in the quick one), which the built-ins have
/// since outgrown. In a user folder they shadow the built-ins of the same id.
pub fn pinned(id: &str) -> mlops_maturity::questionnaire::Questionnaire {
    let text = pinned_text(id);
    mlops_maturity::questionnaire::parse(text, id).expect("a valid pinned questionnaire")
}

pub fn pinned_text(id: &str) -> &'static str {
    match id {
        "mlops-quick" => include_str!("../fixtures/pinned/mlops-quick.yaml"),
        "mlops-maturity" => include_str!("../fixtures/pinned/mlops-maturity.yaml"),
        other => panic!("no pinned copy of {other}"),
    }
}
