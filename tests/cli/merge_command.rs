//! `merge`: separate sessions (pre-work) become one workshop session whose report says what the
//! report of the separate files says — levels, scores, disagreements, role gaps, bottlenecks.

use crate::common;
use common::*;
use mlops_maturity::questionnaire::built_in;
use mlops_maturity::report::{self, SessionInput};
use mlops_maturity::session::{self, Answer, Session};
use mlops_maturity::workshop;
use proptest::prelude::*;
use serde_json::Value;

const HEAD: &str = "format: 1\nquestionnaire: mlops-quick\n";

fn json(args: &[&str]) -> Value {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The parts of a JSON report that a merge must keep: `agreed` is left out of disagreements
/// (a merge has no agreed answers yet; a workshop may).
fn compared(v: &Value) -> Value {
    let mut disagreements = v["disagreements"].clone();
    for d in disagreements.as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("agreed");
    }
    serde_json::json!({
        "respondents": v["respondents"],
        "overall": v["overall"],
        "dimensions": v["dimensions"],
        "disagreements": disagreements,
        "role_gaps": v["role_gaps"],
        "bottlenecks": v["bottlenecks"],
        "target": v["target"],
    })
}

#[test]
fn merge_writes_a_workshop_session_from_the_pre_work() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "ana.yaml",
        &format!(
            "{HEAD}team: Fraud ML\nrespondent: Ana\nrole: engineering\nanswers:\n  exp-tracking: {{ answer: yes, note: \"MLflow\\nfor all\", evidence: wiki/ml }}\n  val-holdout: no\nbottlenecks:\n  deployment: {{ time_share: 3, pain: 5 }}\n  monitoring: {{ time_share: 1, pain: 2 }}\n"
        ),
    );
    let b = write(
        dir.path(),
        "b.yaml",
        &format!(
            "{HEAD}team: Fraud ML\nrole: data-science\ncontext: {{ models_in_production: 4, criticality: high }}\ntarget: 2\nanswers:\n  exp-tracking: {{ answer: no, note: one team only }}\n  dep-packaged: partial\nbottlenecks:\n  deployment: {{ time_share: 50, pain: 4 }}\n"
        ),
    );
    let w = dir.path().join("w.yaml");
    let r = run(&["merge", s(&a), s(&b), "-o", s(&w)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("2 participants"), "{}", r.stdout);
    let merged = session::load(&w).unwrap();
    let people: Vec<(&str, Option<&str>)> =
        merged.participants.iter().flatten().map(|p| (p.name.as_str(), p.role.as_deref())).collect();
    assert_eq!(
        people,
        vec![("Ana", Some("engineering")), ("b.yaml", Some("data-science"))],
        "file name when no respondent"
    );
    assert_eq!(merged.team.as_deref(), Some("Fraud ML"));
    assert_eq!(merged.target, Some(2));
    assert_eq!(merged.context.as_ref().and_then(|c| c.models_in_production), Some(4));
    let exp = &merged.answers["exp-tracking"];
    assert_eq!(exp.answer, None, "no agreed answer yet");
    assert_eq!(exp.votes.get("Ana"), Some(&Answer::Yes));
    assert_eq!(exp.votes.get("b.yaml"), Some(&Answer::No));
    assert_eq!(exp.note.as_deref(), Some("Ana: MLflow for all\nb.yaml: one team only"));
    assert_eq!(exp.evidence.as_deref(), Some("Ana: wiki/ml"));
    assert_eq!(merged.answers["dep-packaged"].votes.len(), 1);
    // Ana: deployment 75 %, monitoring 25 %; b: deployment 100 %. Mean 87.5 and 25, in percent again.
    let dep = &merged.bottlenecks["deployment"];
    assert!((dep.time_share.unwrap() - 87.5 / 112.5 * 100.0).abs() < 1e-9, "{dep:?}");
    assert_eq!(dep.pain, Some(4.5));
    assert_eq!(merged.bottlenecks["monitoring"].pain, Some(2.0));
    assert!(!merged.bottlenecks.contains_key("validation"), "nobody rated it");

    let separate = json(&["report", s(&a), s(&b), "--format", "json"]);
    let workshop = json(&["report", s(&w), "--format", "json"]);
    assert_eq!(compared(&workshop), compared(&separate));
    assert_eq!(workshop["context"], separate["context"]);
}

#[test]
fn merge_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEAD}answers:\n  exp-tracking: yes\n");
    let a = write(dir.path(), "a.yaml", &text);
    let b = write(dir.path(), "b.yaml", &format!("{HEAD}answers:\n  exp-tracking: no\n"));
    let r = run(&["merge", s(&a), s(&b), "-o", s(&dir.path().join(".").join("a.yaml"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("a.yaml") && r.stderr.contains("-o"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), text);
}

#[test]
fn merge_takes_separate_sessions_of_one_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", &format!("{HEAD}answers:\n  exp-tracking: yes\n"));
    let w = write(dir.path(), "w.yaml", &format!("{HEAD}participants:\n  - {{ name: Ana }}\n"));
    let full = write(dir.path(), "full.yaml", "format: 1\nquestionnaire: mlops-maturity\n");
    let out = dir.path().join("out.yaml");
    let r = run(&["merge", s(&a), s(&w), "-o", s(&out)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("w.yaml") && r.stderr.contains("workshop session"), "{}", r.stderr);
    let r = run(&["merge", s(&a), s(&full), "-o", s(&out)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("mlops-maturity") && r.stderr.contains("mlops-quick"), "{}", r.stderr);
    assert!(!out.exists(), "nothing is written on an error");
}

#[test]
fn merge_counts_a_repeated_file_once_and_keeps_unknown_answers() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.yaml",
        &format!("{HEAD}respondent: Ana\nanswers:\n  exp-tracking: yes\n  old-question: no\n"),
    );
    let out = dir.path().join("out.yaml");
    let r = run(&["merge", s(&a), s(&a), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("more than once"), "{}", r.stderr);
    let merged = session::load(&out).unwrap();
    assert_eq!(merged.participants.unwrap().len(), 1);
    assert_eq!(merged.answers["old-question"].votes["Ana"], Answer::No, "kept, never dropped");
}

#[test]
fn merge_names_a_questionnaire_file_so_the_output_finds_it_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let qtext = mlops_maturity::questionnaire::BUILT_INS.iter().find(|(id, _)| *id == "mlops-quick").unwrap().1;
    std::fs::create_dir(dir.path().join("pre")).unwrap();
    write(&dir.path().join("pre"), "quick.yaml", qtext);
    let a = write(
        &dir.path().join("pre"),
        "a.yaml",
        "format: 1\nquestionnaire: quick.yaml\nanswers:\n  exp-tracking: yes\n",
    );
    let out = dir.path().join("w.yaml");
    let r = run(&["merge", s(&a), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["report", s(&out), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// --- merge then report = report of the separate files, for random pre-work ------------------

fn answer_strategy() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        3 => Just(None),
        3 => Just(Some("yes")),
        2 => Just(Some("partial")),
        3 => Just(Some("no")),
        1 => Just(Some("unknown")),
        1 => Just(Some("na")),
    ]
}

#[derive(Debug, Clone)]
struct Prework {
    respondent: Option<&'static str>,
    role: Option<&'static str>,
    team: Option<&'static str>,
    target: Option<u32>,
    models: Option<u32>,
    answers: Vec<Option<&'static str>>,
    ratings: Vec<(Option<u32>, Option<u32>)>,
}

fn prework_strategy(questions: usize) -> impl Strategy<Value = Prework> {
    (
        prop::option::of(prop::sample::select(vec!["Ana", "Ben", "Cy", "Ana"])),
        prop::option::of(prop::sample::select(vec!["engineering", "Data Science", "data-science", "management"])),
        prop::option::of(prop::sample::select(vec!["Fraud ML", "Search"])),
        prop::option::weighted(0.2, 1u32..=3),
        prop::option::weighted(0.3, 0u32..=12),
        prop::collection::vec(answer_strategy(), questions),
        prop::collection::vec((prop::option::weighted(0.5, 0u32..=90), prop::option::weighted(0.5, 1u32..=5)), 6),
    )
        .prop_map(|(respondent, role, team, target, models, answers, ratings)| Prework {
            respondent,
            role,
            team,
            target,
            models,
            answers,
            ratings,
        })
}

fn yaml(p: &Prework, ids: &[String], stages: &[String]) -> String {
    let mut out = String::from(HEAD);
    for (key, value) in [("respondent", p.respondent), ("role", p.role), ("team", p.team)] {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {v}\n"));
        }
    }
    if let Some(t) = p.target {
        out.push_str(&format!("target: {t}\n"));
    }
    if let Some(m) = p.models {
        out.push_str(&format!("context: {{ models_in_production: {m}, criticality: medium }}\n"));
    }
    out.push_str("answers:\n");
    for (id, a) in ids.iter().zip(&p.answers) {
        if let Some(a) = a {
            out.push_str(&format!("  {id}: {a}\n"));
        }
    }
    out.push_str("bottlenecks:\n");
    for (stage, (share, pain)) in stages.iter().zip(&p.ratings) {
        let mut parts = Vec::new();
        if let Some(s) = share {
            parts.push(format!("time_share: {s}"));
        }
        if let Some(p) = pain {
            parts.push(format!("pain: {p}"));
        }
        if !parts.is_empty() {
            out.push_str(&format!("  {stage}: {{ {} }}\n", parts.join(", ")));
        }
    }
    out
}

fn quick_ids() -> (Vec<String>, Vec<String>) {
    let q = built_in("mlops-quick").unwrap();
    (q.questions().map(|(_, qn)| qn.id.clone()).collect(), q.stages.iter().map(|s| s.id.clone()).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The core of the property, without processes: the merged session goes through its YAML
    /// text and back, as the file does.
    #[test]
    fn merged_session_reports_like_the_separate_sessions(pre in prop::collection::vec(prework_strategy(21), 1..=6)) {
        let q = built_in("mlops-quick").unwrap();
        let (ids, stages) = quick_ids();
        let sessions: Vec<Session> =
            pre.iter().enumerate().map(|(i, p)| session::parse(&yaml(p, &ids, &stages), &format!("s{i}.yaml")).unwrap()).collect();
        let names: Vec<String> = (0..sessions.len()).map(|i| format!("s{i}.yaml")).collect();
        let inputs: Vec<SessionInput> =
            sessions.iter().zip(&names).map(|(s, n)| SessionInput { file_name: n.clone(), session: s }).collect();
        let separate = report::build(&q, &inputs, None, "2026-11-28");

        let pairs: Vec<(&Session, &str)> = sessions.iter().zip(&names).map(|(s, n)| (s, n.as_str())).collect();
        let (merged, _) = workshop::merge_sessions(&q, "mlops-quick", &pairs);
        let text = merged.to_yaml();
        let read = session::parse(&text, "w.yaml").unwrap();
        let together = report::build(&q, &[SessionInput { file_name: "w.yaml".into(), session: &read }], None, "2026-11-28");

        let a = serde_json::to_value(&separate).unwrap();
        let b = serde_json::to_value(&together).unwrap();
        prop_assert_eq!(compared(&b), compared(&a), "merged file:\n{}", text);
        prop_assert_eq!(&b["team"], &a["team"]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The same property through the real binary: `merge` then `report W.yaml` against
    /// `report A.yaml B.yaml ...`.
    #[test]
    fn merge_then_report_equals_report_of_the_files(pre in prop::collection::vec(prework_strategy(21), 1..=6)) {
        let (ids, stages) = quick_ids();
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<String> = pre
            .iter()
            .enumerate()
            .map(|(i, p)| write(dir.path(), &format!("s{i}.yaml"), &yaml(p, &ids, &stages)).display().to_string())
            .collect();
        let w = dir.path().join("w.yaml").display().to_string();
        let mut merge: Vec<&str> = vec!["merge"];
        merge.extend(paths.iter().map(String::as_str));
        merge.extend(["-o", &w]);
        let r = run(&merge);
        prop_assert_eq!(r.code, 0, "{}", r.stderr);
        let mut report: Vec<&str> = vec!["report"];
        report.extend(paths.iter().map(String::as_str));
        report.extend(["--format", "json"]);
        let separate = json(&report);
        let together = json(&["report", &w, "--format", "json"]);
        prop_assert_eq!(compared(&together), compared(&separate));
    }
}
