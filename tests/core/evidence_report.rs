//! The report compares claims with the repository scan a session holds: `evidence_check`,
//! `claimed_without_evidence`, the watch list, the HTML appendix and the portfolio's count.

use crate::common;
use common::*;
use serde_json::{Value, json};

const SCAN: &str = "scan:\n  date: 2026-11-20\n  paths: [repo]\n  found:\n    data-pipeline-code: [dvc.yaml]\n    val-model-card: [models/churn/MODEL_CARD.md, models/fraud/model_card.md]\n    exp-tracking: [src/train.py:9]\n  found_against:\n    dep-registry-versioned: [models/model.pkl]\n  not_found: [data-quality-gates, dep-canary, org-cross-review]\n";

fn session(dir: &std::path::Path, name: &str, answers: &str, scan: bool) -> String {
    let text = format!(
        "format: 1\nquestionnaire: mlops-maturity\nteam: Churn\nrespondent: {name}\nanswers:\n{answers}{}",
        if scan { SCAN } else { "" }
    );
    write(dir, &format!("{name}.yaml"), &text).display().to_string()
}

const ANSWERS: &str = "  data-pipeline-code: yes\n  data-quality-gates: yes\n  dep-canary: { answer: partial, note: one model }\n  val-model-card: no\n  exp-tracking: unknown\n  dep-registry-versioned: yes\n  org-cross-review: { answer: yes, evidence: \"review log in the wiki\" }\n  org-on-call: yes\n  data-versioned: na\n";

fn json_report(dir: &std::path::Path, files: &[&str]) -> Value {
    let mut args = vec!["report"];
    args.extend(files);
    args.extend(["--format", "json"]);
    let r = run_in(dir, dir, &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

#[test]
fn evidence_check_gives_each_probed_claim_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), "ana", ANSWERS, true);
    let v = json_report(dir.path(), &[&s]);
    assert_eq!(
        v["evidence_check"],
        json!([
            {"question": "data-pipeline-code", "answer": "yes", "found": ["dvc.yaml"], "verdict": "supported"},
            {"question": "data-quality-gates", "answer": "yes", "found": [], "verdict": "unsupported"},
            {"question": "exp-tracking", "answer": "unknown", "found": ["src/train.py:9"], "verdict": "contradicted"},
            {"question": "val-model-card", "answer": "no", "found": ["models/churn/MODEL_CARD.md", "models/fraud/model_card.md"], "verdict": "contradicted"},
            {"question": "dep-registry-versioned", "answer": "yes", "found": ["models/model.pkl"], "verdict": "contradicted"},
            {"question": "dep-canary", "answer": "partial", "found": [], "verdict": "unsupported"},
            {"question": "org-cross-review", "answer": "yes", "found": [], "verdict": "unsupported"},
        ])
    );
    // A yes with a finding or a recorded evidence is not "claimed without evidence".
    assert_eq!(v["claimed_without_evidence"], json!(["data-quality-gates", "dep-registry-versioned", "org-on-call"]));
}

#[test]
fn without_a_scan_there_is_no_evidence_check_but_claims_are_still_counted() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), "ana", ANSWERS, false);
    let v = json_report(dir.path(), &[&s]);
    assert!(v.get("evidence_check").is_none(), "{}", v["evidence_check"]);
    assert_eq!(
        v["claimed_without_evidence"],
        json!(["data-pipeline-code", "data-quality-gates", "dep-registry-versioned", "org-on-call"])
    );
}

#[test]
fn several_files_use_the_first_scan() {
    let dir = tempfile::tempdir().unwrap();
    let a = session(dir.path(), "ana", "  data-pipeline-code: no\n", false);
    let b = session(dir.path(), "ben", "  data-pipeline-code: no\n", true);
    let v = json_report(dir.path(), &[&a, &b]);
    assert_eq!(v["evidence_check"][0]["question"], "data-pipeline-code");
    assert_eq!(v["evidence_check"][0]["verdict"], "contradicted");
}

#[test]
fn the_watch_list_names_claims_and_findings_that_disagree_with_places() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), "ana", ANSWERS, true);
    let r = run_in(dir.path(), dir.path(), &["report", &s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = r.stdout;
    for want in [
        "- Answered yes, nothing found in the repositories: “A batch of data that fails its automated checks is stopped",
        "- Found in the repositories, answered no or don't know: “Every training run logs its parameters",
        "(src/train.py:9)",
        "(models/churn/MODEL\\_CARD.md, models/fraud/model\\_card.md)",
        "- Answered yes or partly, but the repositories show signs against it:",
        "(models/model.pkl)",
        "- Claimed without evidence: 3 \"yes\" answers have no recorded evidence and nothing found in the repositories.",
        "| `data-pipeline-code` | yes | found in the repositories: dvc.yaml |",
    ] {
        assert!(md.contains(want), "missing {want:?} in\n{md}");
    }
    // Each line names only its own kind of disagreement.
    let line = |start: &str| md.lines().find(|l| l.starts_with(start)).unwrap_or_default().to_owned();
    let denied = line("- Found in the repositories, answered no");
    assert!(denied.contains("src/train.py:9") && !denied.contains("models/model.pkl"), "{denied}");
    let against = line("- Answered yes or partly, but the repositories show signs against it");
    assert!(against.contains("models/model.pkl"), "{against}");
    assert!(!against.contains("dvc.yaml") && !against.contains("src/train.py"), "{against}");
    let r = run_in(dir.path(), dir.path(), &["report", &s, "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("<span class=\"tag\">nothing found in the repositories</span>"), "{}", r.stdout);
    assert!(r.stdout.contains(
        "<span class=\"tag\">the repositories disagree</span> <span class=\"small\">models/model.pkl</span>"
    ));
    assert!(r.stdout.contains("Answered yes, nothing found in the repositories"));
}

#[test]
fn portfolio_counts_supported_yes_answers_per_team() {
    let dir = tempfile::tempdir().unwrap();
    session(dir.path(), "ana", ANSWERS, true);
    let r = run_in(dir.path(), dir.path(), &["portfolio", "ana.yaml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["teams"][0]["evidence"], json!({"yes": 5, "supported": 2}));
    // A JSON report carries the same count.
    let report = json_report(dir.path(), &["ana.yaml"]);
    write(
        dir.path(),
        "other.json",
        &serde_json::to_string(&json!({
            "questionnaire": report["questionnaire"], "team": "Fraud", "date": "2026-11-20",
            "overall": report["overall"], "dimensions": report["dimensions"],
            "answers": report["answers"], "claimed_without_evidence": report["claimed_without_evidence"],
        }))
        .unwrap(),
    );
    let r = run_in(dir.path(), dir.path(), &["portfolio", "ana.yaml", "other.json", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["teams"][1]["team"], "Fraud");
    assert_eq!(v["teams"][1]["evidence"], json!({"yes": 5, "supported": 2}));
}

#[test]
fn merge_keeps_the_first_scan() {
    let dir = tempfile::tempdir().unwrap();
    let a = session(dir.path(), "ana", "  data-pipeline-code: no\n", false);
    let b = session(dir.path(), "ben", "  data-pipeline-code: yes\n", true);
    let r = run_in(dir.path(), dir.path(), &["merge", &a, &b, "-o", "w.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w = mlops_maturity::session::load(&dir.path().join("w.yaml")).unwrap();
    assert_eq!(w.scan.unwrap().places("data-pipeline-code"), ["dvc.yaml"]);
}
