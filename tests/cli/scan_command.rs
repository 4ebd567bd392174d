//! `scan PATH...` as a user runs it: what it finds, how it names places, what it records in a
//! session (and that it never changes an answer), and which files it leaves alone.

use crate::common;
use common::*;
use std::path::Path;

const QUESTIONNAIRE: &str = r#"id: probed
version: 1
title: Probed
levels:
  - { level: 0, name: Zero }
  - { level: 1, name: One }
dimensions:
  - id: data
    name: Data
    questions:
      - id: data-versioned
        level: 1
        text: Data is versioned.
        recommendation: Version it.
        probes:
          - { files: ["dvc.yaml", "*.dvc"] }
      - id: ci-tests
        level: 1
        text: CI runs the tests.
        recommendation: Run them.
        probes:
          - { files: [".github/workflows/*.yml"], contains: "pytest" }
      - id: no-big-models
        level: 1
        text: Models live in a registry, not in git.
        recommendation: Move them out.
        probes:
          - { files: ["*.pt"], min_size: 1000, means: absent }
      - id: owners
        level: 1
        text: Ownership is written down.
        recommendation: Add CODEOWNERS.
        probes:
          - { files: ["CODEOWNERS"] }
      - id: unprobed
        level: 1
        text: People talk.
        recommendation: Talk.
"#;

fn file(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "probed.yaml", QUESTIONNAIRE);
    let a = root.join("repos/alpha");
    file(&a, "dvc.yaml", "stages: {}\n");
    for i in 0..7 {
        file(&a, &format!("data/part{i}.csv.dvc"), "outs: []\n");
    }
    file(&a, ".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    steps:\n      - run: pytest -q\n");
    file(&a, "models/big.pt", &"x".repeat(2000));
    file(&a, "models/small.pt", "x");
    // Ignored by the repository's own .gitignore, with no .git folder around.
    file(&a, ".gitignore", "build/\n");
    file(&a, "build/CODEOWNERS", "* @team\n");
    // .git is never scanned.
    file(&a, ".git/CODEOWNERS", "* @team\n");
    let b = root.join("repos/beta");
    file(&b, "README.md", "nothing here\n");
    file(&b, "docs/train.dvc", "outs: []\n");
    dir
}

#[test]
fn json_lists_found_against_not_found_and_not_checked_with_places() {
    let dir = setup();
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/alpha", "-q", "./probed.yaml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["date", "paths", "found", "found_against", "not_found", "not_checked"]);
    assert_eq!(v["date"], "2026-11-26");
    assert_eq!(v["paths"], serde_json::json!(["repos/alpha"]));
    assert_eq!(
        v["found"]["data-versioned"],
        serde_json::json!([
            "data/part0.csv.dvc",
            "data/part1.csv.dvc",
            "data/part2.csv.dvc",
            "data/part3.csv.dvc",
            "data/part4.csv.dvc",
            "and 3 more"
        ])
    );
    assert_eq!(v["found"]["ci-tests"], serde_json::json!([".github/workflows/ci.yml:5"]));
    assert_eq!(v["found_against"], serde_json::json!({"no-big-models": ["models/big.pt"]}));
    assert_eq!(v["not_found"], serde_json::json!(["owners"]));
    assert_eq!(v["not_checked"], serde_json::json!(["unprobed"]));
}

#[test]
fn several_paths_prefix_places_with_their_folder_name() {
    let dir = setup();
    let r = run_in(
        dir.path(),
        dir.path(),
        &["scan", "repos/beta", "repos/alpha", "-q", "./probed.yaml", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let places = v["found"]["data-versioned"].as_array().unwrap();
    assert_eq!(places[0], "alpha/data/part0.csv.dvc");
    assert_eq!(places[5], "and 4 more");
    assert_eq!(v["found"]["ci-tests"], serde_json::json!(["alpha/.github/workflows/ci.yml:5"]));
}

#[test]
fn markdown_groups_by_dimension() {
    let dir = setup();
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/alpha", "-q", "./probed.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in [
        "## Data",
        "Found:",
        "- `ci-tests` CI runs the tests. — in .github/workflows/ci.yml:5",
        "Found against the practice:",
        "- `no-big-models`",
        "Not found:\n\n- `owners`",
        "Not checked:\n\n- `unprobed`",
    ] {
        assert!(r.stdout.contains(want), "missing {want:?} in\n{}", r.stdout);
    }
}

#[test]
fn session_records_the_scan_and_keeps_every_answer() {
    let dir = setup();
    let session = write(
        dir.path(),
        "team.yaml",
        "format: 1\nquestionnaire: probed.yaml\nteam: Fraud\nanswers:\n  owners: yes\n  ci-tests: { answer: no, note: \"none yet\" }\n",
    );
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/alpha", "--session", "team.yaml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = mlops_maturity::session::load(&session).unwrap();
    assert_eq!(s.answer("owners"), Some(mlops_maturity::session::Answer::Yes));
    assert_eq!(s.answers["ci-tests"].note.as_deref(), Some("none yet"));
    let scan = s.scan.expect("the scan is recorded");
    assert_eq!(scan.date.as_deref(), Some("2026-11-26"));
    assert_eq!(s.date.as_deref(), Some("2026-11-26"), "a save writes the day of the last change");
    assert_eq!(scan.paths, ["repos/alpha"]);
    assert_eq!(scan.places("ci-tests"), [".github/workflows/ci.yml:5"]);
    assert_eq!(scan.found_against["no-big-models"], ["models/big.pt"]);
    assert_eq!(scan.not_found, ["owners"]);
    let unprobed = "unprobed".to_owned();
    assert!(
        !scan.found.contains_key(&unprobed)
            && !scan.found_against.contains_key(&unprobed)
            && !scan.not_found.contains(&unprobed),
        "a question without probes is not in the scan"
    );
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(text.contains("scan:\n  date: 2026-11-26\n  paths:\n"), "{text}");
    assert!(!text.contains("not_checked"), "{text}");
    // Read back and report: a session with a scan is still a valid session.
    let r = run_in(dir.path(), dir.path(), &["report", "team.yaml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_missing_path_or_a_file_is_an_error_and_a_missing_session_too() {
    let dir = setup();
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/nowhere", "-q", "./probed.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("repos/nowhere"), "{}", r.stderr);
    let r = run_in(dir.path(), dir.path(), &["scan", "probed.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a folder"), "{}", r.stderr);
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/alpha", "--session", "absent.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("absent.yaml"), "{}", r.stderr);
    let r = run_in(dir.path(), dir.path(), &["scan"]);
    assert_eq!(r.code, 2);
}

#[test]
fn a_session_held_by_another_process_is_not_written() {
    let dir = setup();
    let session = write(dir.path(), "team.yaml", "format: 1\nquestionnaire: probed.yaml\nanswers: {}\n");
    let _held = mlops_maturity::lock::SessionLock::acquire(&session).unwrap();
    let r = run_in(dir.path(), dir.path(), &["scan", "repos/alpha", "--session", "team.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(!std::fs::read_to_string(&session).unwrap().contains("scan:"));
}

#[test]
fn validate_names_the_question_of_a_bad_probe() {
    let dir = tempfile::tempdir().unwrap();
    let bad = QUESTIONNAIRE.replace("contains: \"pytest\"", "contains: \"(pytest\"").replace("\"*.pt\"", "\"[*.pt\"");
    write(dir.path(), "bad.yaml", &bad);
    let r = run_in(dir.path(), dir.path(), &["validate", "bad.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with("bad.yaml: dimension data, question ci-tests: probe contains pattern `(pytest`"),
        "{}",
        r.stderr
    );
    assert!(
        lines[1].starts_with("bad.yaml: dimension data, question no-big-models: probe files pattern `[*.pt`"),
        "{}",
        r.stderr
    );
}
