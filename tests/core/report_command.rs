//! `report`: the sample session's Markdown and JSON, merges, baselines, templates and outputs.

use crate::common;
use common::*;

/// The example report linked from the README is the golden file: it must match what the
/// app renders today (`UPDATE_EXAMPLE=1 cargo test` rewrites it after a deliberate change).
#[test]
fn markdown_report_of_the_sample_session() {
    let r = run(&["report", &sample()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_golden("example-report.md", &r.stdout);
}

#[test]
fn json_report_of_the_sample_session() {
    let r = run(&["report", &sample(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("sample_json", r.stdout);
}

#[test]
fn json_report_has_every_key_of_the_contract() {
    let r = run(&["report", &sample(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for key in [
        "questionnaire",
        "respondents",
        "overall",
        "target",
        "dimensions",
        "bottlenecks",
        "roadmap",
        "unknown",
        "unanswered",
        "ahead_of_foundation",
        "disagreements",
        "role_gaps",
        "warnings",
        "team",
        "generated",
        "levels",
        "answers",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert!(v.get("baseline").is_none(), "baseline only with --baseline");
    for key in ["id", "version", "title"] {
        assert!(v["questionnaire"].get(key).is_some());
    }
    for key in ["level", "score", "weakest"] {
        assert!(v["overall"].get(key).is_some());
    }
    let d = &v["dimensions"][0];
    for key in ["id", "name", "level", "score", "levels", "blocking"] {
        assert!(d.get(key).is_some(), "dimension lacks {key}");
    }
    for key in ["level", "ratio", "met"] {
        assert!(d["levels"][0].get(key).is_some());
    }
    assert_eq!(v["bottlenecks"].as_array().unwrap().len(), 6, "every stage is on the map");
    for key in ["stage", "name", "time_share", "pain"] {
        assert!(v["bottlenecks"][0].get(key).is_some());
    }
    let action = &v["roadmap"][0]["actions"][0];
    for key in ["question", "dimension", "level", "answer", "recommendation"] {
        assert!(action.get(key).is_some(), "action lacks {key}");
    }
    let answer = &v["answers"][0];
    for key in ["question", "dimension", "level", "text", "answer", "notes", "evidence"] {
        assert!(answer.get(key).is_some(), "answer lacks {key}");
    }
    assert_eq!(v["generated"], "2026-11-26");
    assert_eq!(v["team"], "Fraud ML");
}

#[test]
fn sample_session_scores_as_computed_by_hand() {
    let r = run(&["report", &sample(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // experimentation: level 1 with tracking partly (0.7 + 1 + 1 = 2.7 of 3); level 2 has parity,
    // baseline and dependency scans in place and pipeline tests partly (3.7 of 4 = 0.925, above
    // 0.8), but pipeline tests define the level and are only partly there: level 1, score 1.925.
    let exp = v["dimensions"].as_array().unwrap().iter().find(|d| d["id"] == "experimentation").unwrap();
    assert_eq!(exp["level"], 1);
    assert!((exp["score"].as_f64().unwrap() - 1.925).abs() < 1e-12);
    assert_eq!(exp["levels"][1]["met"], false);
    // monitoring: level 2 has quality no, business partly, alerts no, input checks yes: 1.7 of 4.
    let mon = v["dimensions"].as_array().unwrap().iter().find(|d| d["id"] == "monitoring").unwrap();
    assert_eq!(mon["level"], 1);
    assert!((mon["score"].as_f64().unwrap() - 1.425).abs() < 1e-12);
    assert_eq!(v["overall"]["level"], 1);
    assert_eq!(
        v["overall"]["weakest"],
        serde_json::json!(["data", "experimentation", "validation", "deployment", "monitoring", "retraining"])
    );
    // 4 models (1) + high (2) = 3 points -> target 2, from context (regulation earns no point;
    // it would cap a higher target at 2).
    assert_eq!(v["target"]["level"], 2);
    assert_eq!(v["target"]["source"], "context");
    assert_eq!(v["bottlenecks"][0]["stage"], "deployment");
    // Unrated retraining counts as a middle pain (3): after the rated 3s with more time, before pain 2.
    assert_eq!(v["bottlenecks"][4]["stage"], "retraining");
    assert_eq!(v["bottlenecks"][4]["pain"], serde_json::Value::Null);
    assert_eq!(v["bottlenecks"][5]["stage"], "experimentation");
    // Target 2: one phase.
    assert_eq!(v["roadmap"].as_array().unwrap().len(), 1);
    assert_eq!(v["unknown"], serde_json::json!(["data-traceable"]));
    assert_eq!(v["unanswered"], serde_json::json!(["org-value-reviewed"]));
    assert_eq!(
        v["completeness"],
        serde_json::json!({"answered": 76, "questions": 77, "indicative": false, "level_may_change": false, "open_disagreements": 0})
    );
}

#[test]
fn merging_finds_disagreements_and_role_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let head = "format: 1\nquestionnaire: mlops-quick\n";
    let a = write(
        dir.path(),
        "a.yaml",
        &format!(
            "{head}respondent: Ana\nrole: engineering\nanswers:\n  exp-tracking: yes\n  exp-reproducible: yes\n  data-pipeline-code: yes\n  val-holdout: yes\n"
        ),
    );
    let b = write(
        dir.path(),
        "b.yaml",
        &format!(
            "{head}role: management\nanswers:\n  exp-tracking: no\n  data-pipeline-code: yes\n  val-holdout: no\n"
        ),
    );
    let r = run_in(dir.path(), dir.path(), &["report", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["respondents"], serde_json::json!(["Ana", "b.yaml"]));
    let dis = v["disagreements"].as_array().unwrap();
    assert_eq!(dis.len(), 2);
    assert_eq!(dis[0]["question"], "exp-tracking");
    assert_eq!(dis[0]["answers"]["Ana"], "yes");
    assert_eq!(dis[0]["answers"]["b.yaml"], "no");
    // Median of yes (1) and no (0) is 0.5: partial.
    let tracking = v["answers"].as_array().unwrap().iter().find(|a| a["question"] == "exp-tracking").unwrap();
    assert_eq!(tracking["answer"], "partial");
    let gaps = v["role_gaps"].as_array().unwrap();
    assert!(gaps.iter().any(|g| g["dimension"] == "experimentation"), "{gaps:?}");
    assert_eq!(gaps[0]["scores"].as_object().unwrap().len(), 2);
}

#[test]
fn sessions_of_different_questionnaires_are_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-quick\n");
    let b = write(dir.path(), "b.yaml", "format: 1\nquestionnaire: mlops-maturity\n");
    let r = run_in(dir.path(), dir.path(), &["report", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("a.yaml") && r.stderr.contains("b.yaml"), "{}", r.stderr);
}

#[test]
fn baseline_from_a_json_report_and_from_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.yaml", "format: 1\nquestionnaire: mlops-maturity\n");
    let from_session = run_in(
        dir.path(),
        dir.path(),
        &["report", &sample(), "--format", "json", "--baseline", before.to_str().unwrap()],
    );
    assert_eq!(from_session.code, 0, "{}", from_session.stderr);
    let v: serde_json::Value = serde_json::from_str(&from_session.stdout).unwrap();
    let data = &v["baseline"][0];
    assert_eq!(data["dimension"], "data");
    assert_eq!(data["before"], 0.0);
    // Now: level 1, and at level 2 checks partly, stopping bad batches partly, freshness yes,
    // traceability unknown: 2.4 of 4.
    assert!((data["delta"].as_f64().unwrap() - (1.0 + 2.4 / 4.0)).abs() < 1e-12);
    let since = &v["since_baseline"];
    assert_eq!(since["overall_before"], 0);
    assert_eq!(since["overall_after"], 1);
    assert_eq!(since["date"], serde_json::Value::Null);
    assert_eq!(since["changed"].as_array().unwrap().len(), 76, "every answered question changed from unanswered");
    assert_eq!(
        since["changed"][0],
        serde_json::json!({"question": "data-pipeline-code", "before": "unanswered", "after": "yes", "text": v["answers"][0]["text"]})
    );

    let json = write(dir.path(), "before.json", &from_session.stdout);
    let from_json = run_in(dir.path(), dir.path(), &["report", &sample(), "--baseline", json.to_str().unwrap()]);
    assert_eq!(from_json.code, 0, "{}", from_json.stderr);
    assert!(from_json.stdout.contains("## Progress since the baseline"));
    assert!(from_json.stdout.contains("Overall level: 1 then, 1 now. No answer has changed."), "{}", from_json.stdout);
    let progress = from_json.stdout.find("## Progress since the baseline").unwrap();
    assert!(progress < from_json.stdout.find("## Maturity profile").unwrap(), "progress comes right after the summary");
}

#[test]
fn custom_template_gets_the_json_data() {
    let dir = tempfile::tempdir().unwrap();
    let t =
        write(dir.path(), "t.csv", "dimension,level\n{% for d in dimensions %}{{ d.id }},{{ d.level }}\n{% endfor %}");
    let r = run_in(dir.path(), dir.path(), &["report", &sample(), "--template", t.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("dimension,level\ndata,1\nexperimentation,1\n"), "{}", r.stdout);
}

#[test]
fn template_syntax_error_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "broken.md", "# Title\n\n{% for d in dimensions %}\n");
    let r = run_in(dir.path(), dir.path(), &["report", &sample(), "--template", t.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("broken.md:"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let r = run_in(dir.path(), dir.path(), &["report", &sample(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# MLOps maturity report: Fraud ML"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_to_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), dir.path(), &["report", &sample(), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is a folder"), "{}", r.stderr);
}

#[test]
fn questionnaire_override_and_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("q")).unwrap();
    std::fs::write(
        dir.path().join("q/mine.yaml"),
        mlops_maturity::questionnaire::BUILT_INS[1].1.replace("id: mlops-quick", "id: mine"),
    )
    .unwrap();
    let s = write(
        dir.path(),
        "s.yaml",
        "format: 1\nquestionnaire: q/mine.yaml\nanswers: { exp-tracking: yes, bogus-id: no }\n",
    );
    let r = run_in(dir.path(), dir.path(), &["report", s.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["questionnaire"]["id"], "mine");
    let warnings = v["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().contains("bogus-id")), "{warnings:?}");
    let r =
        run_in(dir.path(), dir.path(), &["report", s.to_str().unwrap(), "-q", "mlops-maturity", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["questionnaire"]["id"], "mlops-maturity");
}

#[test]
fn roadmap_is_empty_when_target_is_reached() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(dir.path(), "s.yaml", "format: 1\nquestionnaire: mlops-quick\ntarget: 0\n");
    let r = run_in(dir.path(), dir.path(), &["report", s.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("there is nothing on the roadmap"), "{}", r.stdout);
}
