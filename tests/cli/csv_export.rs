//! `report --format csv`: the roadmap for an issue tracker's CSV import. Read back with the
//! `csv` crate, as Jira, GitHub or Linear would read it.

use crate::common;
use common::{fixture, run, write};

const HEADER: [&str; 10] =
    ["phase", "level", "dimension", "question", "practice", "answer", "recommendation", "effort", "owner", "note"];

fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn one_row_per_roadmap_action_under_the_exact_header() {
    let sample = fixture("fraud-ml.yaml");
    let r = run(&["report", sample.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("phase,level,dimension,question,practice,answer,recommendation,effort,owner,note\r\n")
    );
    let (header, rows) = rows(&r.stdout);
    assert_eq!(header, HEADER);

    let json = run(&["report", sample.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mut expected = Vec::new();
    for (i, phase) in v["roadmap"].as_array().unwrap().iter().enumerate() {
        for a in phase["actions"].as_array().unwrap() {
            expected.push(vec![
                (i + 1).to_string(),
                a["level"].to_string(),
                a["dimension_name"].as_str().unwrap().to_owned(),
                a["question"].as_str().unwrap().to_owned(),
                a["text"].as_str().unwrap().to_owned(),
                a["answer"].as_str().unwrap().to_owned(),
                a["step"].as_str().unwrap().to_owned(),
                a["effort"].as_str().unwrap_or("").to_owned(),
                a["owner"].as_str().unwrap_or("").to_owned(),
                a["note"].as_str().unwrap_or("").to_owned(),
            ]);
        }
    }
    assert!(!expected.is_empty(), "the sample has a roadmap");
    assert_eq!(rows, expected, "every action, in roadmap order, phases numbered from 1");
}

/// A questionnaire whose texts hold everything a CSV writer can get wrong.
fn tricky_questionnaire(dir: &std::path::Path) -> std::path::PathBuf {
    write(
        dir,
        "tricky.yaml",
        r#"id: tricky
version: 1
title: Tricky
levels:
  - { level: 0, name: Zero }
  - { level: 1, name: One }
  - { level: 2, name: Two }
dimensions:
  - id: d1
    name: "Data, pipelines and \"quotes\""
    questions:
      - id: q-comma
        level: 1
        text: "Commas, everywhere, here"
        recommendation: "Say \"hello\", then\nadd a second line\r\nand a third"
        effort: small
        owner: "Data engineering, platform"
      - id: q-formula
        level: 1
        text: "=HYPERLINK(\"http://evil\",\"click\")"
        recommendation: "+1 for this"
        owner: "@channel"
      - id: q-minus
        level: 2
        text: "-2 is negative"
        recommendation: "\tstarts with a tab"
      - id: q-cr
        level: 2
        text: "\rstarts with a carriage return"
        recommendation: "日本語 and émoji 🚀 stay UTF-8"
        effort: large
"#,
    )
}

/// Every tricky practice answered "no": the step for "no" is the whole recommendation when it
/// is not written in "From zero / From partly" parts.
const TRICKY_SESSION: &str = "format: 1\nquestionnaire: ./tricky.yaml\ntarget: 2\nanswers: { q-comma: no, q-formula: no, q-minus: no, q-cr: no }\n";

#[test]
fn commas_quotes_and_line_breaks_survive_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    tricky_questionnaire(dir.path());
    let session = write(dir.path(), "s.yaml", TRICKY_SESSION);
    let r = run(&["report", session.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, rows) = rows(&r.stdout);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let comma = &rows[0];
    assert_eq!(comma[0], "1");
    assert_eq!(comma[2], "Data, pipelines and \"quotes\"");
    assert_eq!(comma[4], "Commas, everywhere, here");
    // CR LF becomes LF (DESIGN: every C0 control but tab and line feed is removed).
    assert_eq!(comma[6], "Say \"hello\", then\nadd a second line\nand a third");
    assert_eq!(comma[7], "small");
    assert_eq!(comma[8], "Data engineering, platform");
    assert!(r.stdout.contains("\"Say \"\"hello\"\", then\nadd"), "quotes doubled inside a quoted cell (RFC 4180)");
    assert_eq!(rows[3][6], "日本語 and émoji 🚀 stay UTF-8");
    assert_eq!(rows[2][0], "2", "the second phase");
}

#[test]
fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
    let dir = tempfile::tempdir().unwrap();
    tricky_questionnaire(dir.path());
    let session = write(dir.path(), "s.yaml", TRICKY_SESSION);
    let r = run(&["report", session.to_str().unwrap(), "--format", "csv"]);
    let (_, rows) = rows(&r.stdout);
    assert_eq!(rows[1][4], "'=HYPERLINK(\"http://evil\",\"click\")");
    assert_eq!(rows[1][6], "'+1 for this");
    assert_eq!(rows[1][8], "'@channel");
    assert_eq!(rows[2][4], "'-2 is negative");
    assert_eq!(rows[2][6], "'\tstarts with a tab");
    // The carriage return is removed before the guard looks, so nothing is left to guard.
    assert_eq!(rows[3][4], "starts with a carriage return");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "unguarded cell {cell:?}");
        }
    }
}

#[test]
fn a_reached_target_gives_the_header_alone() {
    let dir = tempfile::tempdir().unwrap();
    let session = write(
        dir.path(),
        "s.yaml",
        "format: 1\nquestionnaire: mlops-quick\ntarget: 0\nanswers: { exp-tracking: yes }\n",
    );
    let r = run(&["report", session.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{}\r\n", HEADER.join(",")));
}

#[test]
fn the_recommendation_is_the_step_from_todays_answer_and_the_note_column_holds_the_teams_notes() {
    let dir = tempfile::tempdir().unwrap();
    let session = write(
        dir.path(),
        "s.yaml",
        concat!(
            "format: 1\nquestionnaire: mlops-quick\ntarget: 1\nanswers:\n",
            "  exp-tracking: { answer: partial, note: \"MLflow for one team\\nthe other logs to a wiki\" }\n",
            "  exp-reproducible: no\n",
        ),
    );
    let r = run(&["report", session.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, rows) = rows(&r.stdout);
    let row = |id: &str| rows.iter().find(|row| row[3] == id).unwrap_or_else(|| panic!("{id} in {rows:?}")).clone();
    let partly = row("exp-tracking");
    assert!(partly[6].starts_with("From partly: "), "{}", partly[6]);
    assert!(!partly[6].contains("From zero"), "{}", partly[6]);
    assert!(partly[6].contains("Done when"), "{}", partly[6]);
    assert_eq!(partly[9], "MLflow for one team\nthe other logs to a wiki", "the note keeps its lines");
    let no = row("exp-reproducible");
    assert!(no[6].starts_with("From zero: ") && !no[6].contains("From partly"), "{}", no[6]);
    assert_eq!(no[9], "");
}
