//! What the report says: no sentence contradicts the team's answers, practices are named by
//! their text, recommendations address "partly", and the report opens with its verdict.

mod common;
use common::*;

const PROFILES: [&str; 5] =
    ["profile-startup.yaml", "profile-telco.yaml", "profile-insurer.yaml", "fraud-ml.yaml", "fraud-ml-v1.yaml"];

fn markdown(name: &str) -> String {
    let r = run(&["report", fixture(name).to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

fn json(name: &str) -> serde_json::Value {
    let r = run(&["report", fixture(name).to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn before_appendix(md: &str) -> &str {
    &md[..md.find("## Appendix").expect("the report has an appendix")]
}

fn answers(v: &serde_json::Value) -> Vec<(String, String, String, String)> {
    v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap().to_owned();
            (s("question"), s("dimension"), s("text"), s("answer"))
        })
        .collect()
}

#[test]
fn nothing_is_said_to_be_unmonitored_when_a_monitoring_practice_is_in_place() {
    for name in PROFILES {
        let v = json(name);
        let monitored = answers(&v).iter().any(|(_, d, _, a)| d == "monitoring" && a == "yes");
        assert!(monitored, "{name}: each profile has some monitoring in place");
        let text = before_appendix(&markdown(name)).to_lowercase();
        for claim in ["nothing is monitored", "not monitored", "no monitoring", "nobody would know"] {
            assert!(!text.contains(claim), "{name}: says `{claim}` although monitoring is answered yes");
        }
        // The silent-degradation warning names only practices answered yes as in place.
        if let Some(warning) = v["silent_degradation"].as_str() {
            for (_, _, text, answer) in answers(&v) {
                let quoted = format!("“{}”", text.trim_end_matches('.'));
                if warning.contains(&quoted) && warning.find(&quoted) < warning.find("not yet in place") {
                    assert_eq!(answer, "yes", "{name}: `{text}` is said to be in place");
                }
            }
        }
    }
}

#[test]
fn silent_degradation_follows_the_monitoring_answers_not_the_level() {
    let dir = tempfile::tempdir().unwrap();
    // Level 0 everywhere, yet model alerts are in place: no warning.
    let alerted = write(
        dir.path(),
        "alerted.yaml",
        "format: 1\nquestionnaire: mlops-maturity\nanswers:\n  mon-model-alerts: yes\n  mon-model-quality: yes\n",
    );
    let r = run_in(dir.path(), dir.path(), &["report", alerted.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["overall"]["level"], 0);
    assert_eq!(v["silent_degradation"], serde_json::Value::Null);
    // Nothing that watches predictions: the strongest warning.
    let blind = write(
        dir.path(),
        "blind.yaml",
        "format: 1\nquestionnaire: mlops-maturity\nanswers:\n  mon-service-health: yes\n",
    );
    let r = run_in(dir.path(), dir.path(), &["report", blind.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["silent_degradation"].as_str().unwrap().contains("none of the practices"), "{}", v["silent_degradation"]);
}

#[test]
fn strengths_are_practices_answered_yes_above_their_dimensions_level() {
    for name in PROFILES {
        let v = json(name);
        let all = answers(&v);
        for s in v["strengths"].as_array().unwrap() {
            let (_, d, _, a) = all.iter().find(|(q, ..)| *q == s["question"]).unwrap();
            assert_eq!(a, "yes", "{name}: {s}");
            let level = v["dimensions"].as_array().unwrap().iter().find(|x| x["id"] == *d).unwrap()["level"].as_u64();
            assert!(s["level"].as_u64() > level, "{name}: {s}");
        }
    }
}

#[test]
fn the_verdict_names_practices_that_are_not_in_place() {
    for name in PROFILES {
        let v = json(name);
        let verdict = v["verdict"].as_str().unwrap();
        let level = v["overall"]["level"].as_u64().unwrap();
        assert!(verdict.contains(&format!("Level {level}")), "{name}: {verdict}");
        for (_, _, text, answer) in answers(&v) {
            if verdict.contains(&format!("“{}”", text.trim_end_matches('.'))) {
                assert_ne!(answer, "yes", "{name}: the verdict blames `{text}`, answered yes");
            }
        }
        let md = markdown(name);
        let first_paragraph = md.split("\n\n").nth(1).unwrap();
        assert!(
            first_paragraph.starts_with("**") && first_paragraph.contains(&format!("Level {level}")),
            "{name}: {md}"
        );
    }
}

#[test]
fn recommendations_for_a_partly_answer_start_from_partly() {
    for name in PROFILES {
        let v = json(name);
        for phase in v["roadmap"].as_array().unwrap() {
            for a in phase["actions"].as_array().unwrap() {
                let rec = a["recommendation"].as_str().unwrap();
                assert!(rec.contains("From partly"), "{name}: {} has no step from partly", a["question"]);
                assert!(rec.contains("From zero") && rec.contains("Done when"), "{name}: {}", a["question"]);
                let step = a["step"].as_str().unwrap();
                let from = if a["answer"] == "partial" { "From partly:" } else { "From zero:" };
                assert!(step.starts_with(from) && step.contains("Done when"), "{name}: {step}");
            }
        }
        let md = before_appendix(&markdown(name)).to_owned();
        assert!(!md.contains("today: partial"), "partial is spelled as people say it");
        for block in md.split("\n1. ").skip(1).flat_map(|b| b.split(". **")) {
            if block.contains("today: partly") {
                assert!(!block.contains("From zero:"), "{name}: a partly answer gets a step from zero: {block}");
            }
        }
    }
}

#[test]
fn no_question_id_appears_before_the_appendix() {
    for name in PROFILES {
        let v = json(name);
        let md = markdown(name);
        let body = before_appendix(&md);
        for (id, ..) in answers(&v) {
            assert!(!body.contains(&id), "{name}: `{id}` appears before the appendix");
        }
    }
}

#[test]
fn level_summaries_are_definitions_not_claims_about_the_team() {
    for name in PROFILES {
        let v = json(name);
        for l in v["levels"].as_array().unwrap() {
            assert!(l["summary"].as_str().unwrap().starts_with(&format!("At Level {}, teams typically", l["level"])));
        }
        let md = markdown(name);
        assert!(md.contains(&format!(
            "*Level {}, {}, as defined:* At Level",
            v["overall"]["level"],
            v["overall"]["name"].as_str().unwrap()
        )));
    }
}

#[test]
fn a_single_session_report_reads_in_about_120_lines_before_the_appendix() {
    for name in PROFILES {
        let lines = before_appendix(&markdown(name)).lines().count();
        assert!(lines <= 125, "{name}: {lines} lines before the appendix");
    }
}

#[test]
fn incomplete_answers_are_shown_as_indicative() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(dir.path(), "half.yaml", "format: 1\nquestionnaire: mlops-quick\nanswers:\n  exp-tracking: yes\n");
    let r = run_in(dir.path(), dir.path(), &["report", s.to_str().unwrap()]);
    assert!(r.stdout.contains("**1 of 42 questions answered — indicative.**"), "{}", r.stdout);
    assert!(r.stdout.contains("One respondent's view"));
}

#[test]
fn a_merged_report_says_answers_were_combined_by_the_median() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-quick\nrespondent: Ana\n");
    let b = write(dir.path(), "b.yaml", "format: 1\nquestionnaire: mlops-quick\nrespondent: Ben\n");
    let r = run_in(dir.path(), dir.path(), &["report", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(r.stdout.contains("combined by the median"), "{}", r.stdout);
    assert!(!r.stdout.contains("One respondent's view"));
}

#[test]
fn carried_answers_are_listed_as_not_rechecked() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        dir.path(),
        "next.yaml",
        "format: 1\nquestionnaire: mlops-quick\nanswers:\n  exp-tracking: { answer: yes, carried: true }\n",
    );
    let r = run_in(dir.path(), dir.path(), &["report", s.to_str().unwrap()]);
    assert!(r.stdout.contains("Not re-checked: 1 answer copied from the earlier assessment"), "{}", r.stdout);
}

#[test]
fn version_1_session_scores_with_a_warning_per_replaced_answer() {
    let v = json("fraud-ml-v1.yaml");
    let warnings: Vec<&str> = v["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(
        warnings.iter().any(|w| w.ends_with("answer to data-scheduled-pipelines counted for data-scheduled")),
        "{warnings:?}"
    );
    assert!(warnings.iter().any(|w| w.contains("answered version 1")), "{warnings:?}");
    // data-schema-checks is replaced by data-quality-gates, which has its own answer: not counted,
    // so it stays an answer to a question the questionnaire lacks.
    assert!(!warnings.iter().any(|w| w.contains("answer to data-schema-checks counted")), "{warnings:?}");
    assert!(
        !warnings.iter().any(|w| w.contains("data-scheduled-pipelines`")),
        "a counted answer is not called unknown"
    );
    let registry = v["answers"].as_array().unwrap().iter().find(|a| a["question"] == "dep-registry-versioned").unwrap();
    assert_eq!(registry["answer"], "no");
}

#[test]
fn a_baseline_of_another_questionnaire_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let quick = write(dir.path(), "quick.yaml", "format: 1\nquestionnaire: mlops-quick\n");
    let r = run_in(
        dir.path(),
        dir.path(),
        &["report", fixture("fraud-ml.yaml").to_str().unwrap(), "--baseline", quick.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("quick.yaml") && r.stderr.contains("mlops-quick"), "{}", r.stderr);
    let json = write(
        dir.path(),
        "quick.json",
        &run_in(dir.path(), dir.path(), &["report", quick.to_str().unwrap(), "--format", "json"]).stdout,
    );
    let r = run_in(
        dir.path(),
        dir.path(),
        &["report", fixture("fraud-ml.yaml").to_str().unwrap(), "--baseline", json.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("quick.json"), "{}", r.stderr);
}

#[test]
fn a_baseline_of_another_version_warns_and_shows_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        dir.path(),
        &[
            "report",
            fixture("fraud-ml.yaml").to_str().unwrap(),
            "--format",
            "json",
            "--baseline",
            fixture("fraud-ml-v1.yaml").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("baseline ") && w.as_str().unwrap().contains("version 1")),
        "{warnings:?}"
    );
    let changed = v["since_baseline"]["changed"].as_array().unwrap();
    // Version 1 said reproducible partial; now yes.
    let repro = changed.iter().find(|c| c["question"] == "exp-reproducible").unwrap();
    assert_eq!((repro["before"].as_str(), repro["after"].as_str()), (Some("partial"), Some("yes")));
    assert_eq!(v["since_baseline"]["overall_after"], 1);
}

#[test]
fn a_json_baseline_of_version_1_reads_old_ids_as_their_replacements() {
    let dir = tempfile::tempdir().unwrap();
    let old =
        run_in(dir.path(), dir.path(), &["report", fixture("fraud-ml-v1.yaml").to_str().unwrap(), "--format", "json"]);
    // Pretend the JSON came from version 1: its answers use the old ids.
    let mut v: serde_json::Value = serde_json::from_str(&old.stdout).unwrap();
    v["questionnaire"]["version"] = serde_json::json!(1);
    for a in v["answers"].as_array_mut().unwrap() {
        if a["question"] == "ret-pipeline-rerun" {
            a["question"] = serde_json::json!("ret-one-command");
        }
    }
    let json = write(dir.path(), "v1.json", &v.to_string());
    let r = run_in(
        dir.path(),
        dir.path(),
        &[
            "report",
            fixture("fraud-ml.yaml").to_str().unwrap(),
            "--format",
            "json",
            "--baseline",
            json.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let now: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let changed = now["since_baseline"]["changed"].as_array().unwrap();
    // ret-one-command was partial then, ret-pipeline-rerun is partial now: no change.
    assert!(!changed.iter().any(|c| c["question"] == "ret-pipeline-rerun"), "{changed:?}");
    assert!(now["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("version 1")));
}
