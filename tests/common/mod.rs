//! Helpers shared by the behaviour tests: run the real binary in an isolated user folder.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Runs the binary with `home` as MLOPS_MATURITY_HOME and a fixed report date.
pub fn run_in(home: &Path, cwd: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_mlops-maturity"))
        .args(args)
        .current_dir(cwd)
        .env("MLOPS_MATURITY_HOME", home)
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "the binary panicked: {}", run.stderr);
    run
}

/// Runs the binary in a fresh temporary user folder, from the crate's folder.
pub fn run(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), Path::new(env!("CARGO_MANIFEST_DIR")), args)
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
