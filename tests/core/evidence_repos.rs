//! The built-in probes on fixture repositories laid out as real teams have them (small files
//! written for these tests; no third-party code). Each test writes down what a person reading
//! the repository would say is there, and what is not.

use mlops_maturity::evidence::{Outcome, scan_questionnaire};
use mlops_maturity::questionnaire::built_in;
use std::path::{Path, PathBuf};

fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos").join(name)
}

fn scan(questionnaire: &str, repos: &[&str]) -> Outcome {
    let q = built_in(questionnaire).unwrap();
    let paths: Vec<PathBuf> = repos.iter().map(|r| repo(r)).collect();
    let (outcome, notes) = scan_questionnaire(&q, &paths, "2026-12-07").unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    outcome
}

fn found(o: &Outcome) -> Vec<&str> {
    o.scan.found.keys().map(String::as_str).collect()
}

fn not_found(o: &Outcome, ids: &[&str]) {
    for id in ids {
        assert!(o.scan.not_found.iter().any(|n| n == id), "{id} should be not found: {:?}", o.scan.found.get(*id));
    }
}

#[test]
fn dvc_mlflow_github_actions() {
    let o = scan("mlops-maturity", &["dvc-mlflow-gha"]);
    assert_eq!(
        found(&o),
        [
            "data-pipeline-code",
            "data-versioned",
            "data-scheduled",
            "exp-tracking",
            "exp-reproducible",
            "exp-pipeline-tested",
            "exp-dependencies-scanned",
            "val-holdout",
            "val-automated-gate",
            "dep-registry-versioned",
            "ret-pipeline-rerun",
        ]
    );
    assert_eq!(o.scan.found["data-versioned"], [".dvc/config", "data/raw.csv.dvc", "dvc.lock", "dvc.yaml"]);
    assert_eq!(o.scan.found["data-scheduled"], [".github/workflows/retrain.yml:3"]);
    assert_eq!(o.scan.found["exp-tracking"], ["src/train.py:9"]);
    assert_eq!(o.scan.found["dep-registry-versioned"], ["src/train.py:12"]);
    assert_eq!(o.scan.found["exp-pipeline-tested"], [".github/workflows/ci.yml:11"]);
    assert_eq!(o.scan.found["val-automated-gate"], [".github/workflows/retrain.yml:10"]);
    // A scheduled retraining workflow: the pipeline is rerun without anyone changing code.
    assert_eq!(o.scan.found["ret-pipeline-rerun"], [".github/workflows/retrain.yml:3", "dvc.yaml"]);
    // mlruns/ holds a model card and a Dockerfile, but the repository's .gitignore leaves it out
    // (there is no .git folder in the fixture).
    not_found(&o, &["val-model-card", "dep-packaged", "data-checks-automated", "mon-input-drift", "org-cross-review"]);
    assert!(o.scan.found_against.is_empty());
}

#[test]
fn airflow_great_expectations_docker() {
    let o = scan("mlops-maturity", &["airflow-gx-docker"]);
    assert_eq!(
        found(&o),
        [
            "data-pipeline-code",
            "data-scheduled",
            "data-checks-automated",
            "exp-pipeline-tested",
            "exp-dependencies-scanned",
            "dep-packaged",
            "dep-ci-cd",
            "ret-pipeline-rerun",
            "org-cross-review",
        ]
    );
    assert_eq!(o.scan.found["data-pipeline-code"], ["dags/demand_features.py:3"]);
    assert_eq!(o.scan.found["data-scheduled"], ["dags/demand_features.py:6"]);
    assert_eq!(
        o.scan.found["data-checks-automated"],
        ["gx/expectations/orders.json", "gx/great_expectations.yml", "include/checks.py:1"]
    );
    assert_eq!(o.scan.found["dep-ci-cd"], [".gitlab-ci.yml:9"]);
    not_found(&o, &["exp-tracking", "data-versioned", "dep-canary", "dep-registry-versioned", "val-model-card"]);
}

#[test]
fn kubeflow_kserve_argo_rollouts_platform() {
    let o = scan("mlops-maturity", &["kubeflow-kserve-argo"]);
    assert_eq!(
        found(&o),
        [
            "data-pipeline-code",
            "exp-dependencies-scanned",
            "dep-packaged",
            "dep-ci-cd",
            "dep-canary",
            "mon-service-health",
            "mon-model-alerts",
            "mon-input-drift",
            "ret-pipeline-rerun",
        ]
    );
    assert_eq!(o.scan.found["dep-canary"], ["rollouts/api-rollout.yaml:7", "serving/fraud-isvc.yaml:7"]);
    assert_eq!(o.scan.found["dep-packaged"], ["models/triton/resnet/config.pbtxt", "serving/fraud-isvc.yaml:2"]);
    assert_eq!(o.scan.found["mon-model-alerts"], ["monitoring/model-rules.yaml:9"]);
    assert_eq!(o.scan.found["ret-pipeline-rerun"], ["pipelines/train_pipeline.py:9"]);
    assert_eq!(o.scan.found["exp-dependencies-scanned"], [".github/dependabot.yml"]);
    not_found(&o, &["exp-tracking", "data-versioned", "val-model-card", "data-checks-automated", "org-cross-review"]);
}

#[test]
fn genai_rag_app_with_evals() {
    let o = scan("mlops-genai", &["genai-rag"]);
    assert_eq!(
        found(&o),
        [
            "gen-prompts-versioned",
            "gen-model-pinned",
            "gen-eval-set",
            "gen-eval-before-release",
            "gen-eval-gate",
            "gen-safety-cases",
            "gen-red-team",
            "gen-usage-logged",
            "gen-provider-fallback",
            "gen-trace",
            "gen-index-rebuild",
            "gen-retrieval-eval",
        ]
    );
    assert_eq!(o.scan.found["gen-model-pinned"], ["app/answer.py:3", "promptfooconfig.yaml:2"]);
    assert_eq!(
        o.scan.found["gen-eval-set"],
        ["evals/cases.jsonl", "evals/test_retrieval.py:1", "promptfooconfig.yaml"]
    );
    assert_eq!(o.scan.found["gen-eval-gate"], [".github/workflows/evals.yml:8"]);
    assert_eq!(o.scan.found["gen-red-team"], ["promptfooconfig.yaml:4"]);
    not_found(&o, &["gen-release-pipeline", "gen-output-filter", "gen-pii-inputs", "gen-gradual-rollout"]);
    assert!(o.not_checked.contains(&"gen-cost-visible".to_owned()));
}

#[test]
fn notebooks_only_research_repo_shows_almost_nothing() {
    let o = scan("mlops-maturity", &["notebooks-research"]);
    assert_eq!(found(&o), ["val-holdout"]);
    assert_eq!(o.scan.found["val-holdout"], ["notebooks/02_model.ipynb:7"]);
    not_found(&o, &["exp-tracking", "data-versioned", "data-pipeline-code", "exp-pipeline-tested", "dep-packaged"]);
    assert!(o.scan.found_against.is_empty());
}

#[test]
fn monorepo_with_several_models() {
    let o = scan("mlops-maturity", &["monorepo"]);
    assert_eq!(
        found(&o),
        [
            "data-pipeline-code",
            "data-versioned",
            "data-shared-features",
            "exp-tracking",
            "exp-pipeline-tested",
            "val-model-card",
            "dep-packaged",
            "dep-serving-code-tested",
            "dep-ci-cd",
            "dep-registry-versioned",
            "mon-prediction-distribution",
            "mon-input-drift",
            "ret-pipeline-rerun",
            "org-cross-review",
        ]
    );
    assert_eq!(o.scan.found["val-model-card"], ["models/churn/MODEL_CARD.md", "models/fraud/model_card.md"]);
    assert_eq!(o.scan.found["exp-tracking"], ["models/churn/train.py:3", "models/fraud/train.py:3"]);
    assert_eq!(o.scan.found["data-versioned"], [".gitattributes:1", "models/churn/dvc.yaml"]);
    assert_eq!(o.scan.found["org-cross-review"], [".github/CODEOWNERS"]);
    assert_eq!(o.scan.found["dep-ci-cd"], [".github/workflows/release.yml:9"]);
    not_found(&o, &["dep-canary", "data-checks-automated", "data-scheduled", "exp-dependencies-scanned"]);
}

#[test]
fn the_quick_pass_carries_the_same_probes_for_its_questions() {
    let full = built_in("mlops-maturity").unwrap();
    let quick = built_in("mlops-quick").unwrap();
    for (_, q) in quick.questions() {
        let (_, f) = full.question(&q.id).unwrap();
        assert_eq!(q.probes, f.probes, "{}", q.id);
    }
    let probed = full.questions().filter(|(_, q)| !q.probes.is_empty()).count();
    assert!(probed >= 20, "{probed}");
}

#[test]
fn several_repositories_are_named_by_their_folder() {
    let o = scan("mlops-maturity", &["monorepo", "dvc-mlflow-gha"]);
    assert_eq!(
        o.scan.found["exp-tracking"],
        ["dvc-mlflow-gha/src/train.py:9", "monorepo/models/churn/train.py:3", "monorepo/models/fraud/train.py:3"]
    );
    assert_eq!(o.scan.paths.len(), 2);
}

#[test]
fn a_large_model_file_committed_speaks_against_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("models")).unwrap();
    let f = std::fs::File::create(dir.path().join("models/model.pkl")).unwrap();
    f.set_len(20 * 1024 * 1024).unwrap();
    std::fs::write(dir.path().join("models/small.onnx"), b"tiny").unwrap();
    let q = built_in("mlops-maturity").unwrap();
    let (o, _) = scan_questionnaire(&q, &[dir.path().to_path_buf()], "2026-12-07").unwrap();
    assert_eq!(o.scan.found_against["dep-registry-versioned"], ["models/model.pkl"]);
    assert!(!o.scan.found.contains_key("dep-registry-versioned"));
    assert_eq!(o.scan.date.as_deref(), Some("2026-12-07"), "the scan is dated");
    // With a registry call in the code, the practice is found (the file is still there to see).
    std::fs::write(dir.path().join("register.py"), "mlflow.register_model(uri, 'm')\n").unwrap();
    let (o, _) = scan_questionnaire(&q, &[dir.path().to_path_buf()], "2026-12-07").unwrap();
    assert_eq!(o.scan.found["dep-registry-versioned"], ["register.py:1"]);
    assert!(!o.scan.found_against.contains_key("dep-registry-versioned"));
}

#[test]
fn a_questionnaire_without_probes_says_nothing_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dvc.yaml"), "stages: {}\n").unwrap();
    let text = "id: plain\nversion: 1\ntitle: Plain\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: a, level: 1, text: A, recommendation: R }\n";
    let q = mlops_maturity::questionnaire::parse(text, "plain.yaml").unwrap();
    let (o, notes) = scan_questionnaire(&q, &[dir.path().to_path_buf()], "2026-12-07").unwrap();
    assert!(notes.contains(&"the questionnaire plain has no probes: nothing was looked for".to_owned()), "{notes:?}");
    assert!(o.scan.found.is_empty() && o.scan.not_found.is_empty());
    let (_, notes) =
        scan_questionnaire(&built_in("mlops-maturity").unwrap(), &[dir.path().to_path_buf()], "2026-12-07").unwrap();
    assert!(!notes.iter().any(|n| n.contains("has no probes")), "{notes:?}");
}
