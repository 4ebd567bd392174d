//! Speed of `scan` over a generated repository of 100,000 files, beside `find` on the same tree
//! (`cargo bench --bench scan`; see README, "Performance").
//!
//! The tree is written once to `target/bench-data/scan/repo/` (kept between runs): 1,000 folders
//! of 100 files each — Python modules with imports, notebooks, YAML, Markdown, CSV and JSON — with
//! a few files the built-in probes look for, and a `.gitignore` that leaves a tenth of it out.

use criterion::{Criterion, criterion_group, criterion_main};
use mlops_maturity::evidence::{Limits, Matcher, scan_paths};
use mlops_maturity::questionnaire;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FOLDERS: usize = 1000;
const PER_FOLDER: usize = 100;

fn python(i: usize) -> String {
    let mut s = String::from("import os\nimport json\nfrom pathlib import Path\n\n");
    if i.is_multiple_of(97) {
        s.push_str("import mlflow\n");
    }
    for f in 0..15 {
        s.push_str(&format!("def step_{f}(x):\n    return x * {f} + {i}\n\n"));
    }
    if i.is_multiple_of(97) {
        s.push_str("mlflow.log_metric('auc', 0.9)\n");
    }
    s
}

fn content(folder: usize, i: usize) -> (String, String) {
    let n = folder * PER_FOLDER + i;
    match i % 10 {
        0..=3 => (format!("module_{i}.py"), python(n)),
        4 => (format!("notebook_{i}.ipynb"), format!("{{\"cells\": [{{\"source\": [\"x = {n}\\n\"]}}]}}\n")),
        5 => (format!("config_{i}.yaml"), format!("name: job-{n}\nreplicas: 2\nimage: app:{n}\n")),
        6 => (format!("notes_{i}.md"), format!("# Notes {n}\n\nSome text about the data.\n")),
        7 => (format!("data_{i}.csv"), "id,value\n1,2\n3,4\n".repeat(20)),
        8 => (format!("schema_{i}.json"), format!("{{\"id\": {n}, \"fields\": [\"a\", \"b\"]}}\n")),
        _ => (format!("test_{i}.py"), format!("def test_{n}():\n    assert {n} == {n}\n")),
    }
}

/// Writes the tree once; returns its root.
fn tree() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/scan/repo");
    let done = root.join(".complete");
    if done.exists() {
        return root;
    }
    let _ = std::fs::remove_dir_all(&root);
    for folder in 0..FOLDERS {
        let dir = root.join(format!("pkg{:02}/sub{folder:04}", folder % 40));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..PER_FOLDER {
            let (name, text) = content(folder, i);
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
    std::fs::write(root.join(".github/workflows/ci.yml"), "jobs:\n  t:\n    steps:\n      - run: pytest\n").unwrap();
    std::fs::write(root.join("dvc.yaml"), "stages: {}\n").unwrap();
    std::fs::write(root.join(".gitignore"), "pkg07/\n").unwrap();
    std::fs::write(&done, "").unwrap();
    root
}

fn bench(c: &mut Criterion) {
    let root = tree();
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let matcher = Matcher::new(&q);
    let limits = Limits::default();
    let walked = scan_paths(std::slice::from_ref(&root), &matcher, &limits).unwrap();
    eprintln!("scan: {} files looked at, {} hits", walked.files, walked.hits.len());
    let mut group = c.benchmark_group("scan");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("scan 100,000 files (mlops-maturity probes)", |b| {
        b.iter(|| black_box(scan_paths(std::slice::from_ref(&root), &matcher, &limits).unwrap()))
    });
    if std::env::var_os("SCAN_BENCH_PARTS").is_some() {
        let probes = |p: &str| {
            let text = format!(
                "id: t\nversion: 1\ntitle: T\nlevels:\n  - {{ level: 0, name: Z }}\n  - {{ level: 1, name: O }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: a\n        level: 1\n        text: A\n        recommendation: R\n        probes:\n{p}"
            );
            Matcher::new(&questionnaire::parse(&text, "t.yaml").unwrap())
        };
        let walk_only = probes("          - { files: [nothing-matches] }\n");
        group.bench_function("walk only", |b| {
            b.iter(|| black_box(scan_paths(std::slice::from_ref(&root), &walk_only, &limits).unwrap()))
        });
        let read =
            probes("          - { files: [\"*.py\", \"*.ipynb\", \"*.yaml\", \"*.yml\"], contains: zzzqqqxxx }\n");
        group.bench_function("walk and read every file a probe reads", |b| {
            b.iter(|| black_box(scan_paths(std::slice::from_ref(&root), &read, &limits).unwrap()))
        });
    }
    group.bench_function("find -type f on the same tree (the floor)", |b| {
        b.iter(|| {
            let out = std::process::Command::new("find").arg(&root).arg("-type").arg("f").output().unwrap();
            black_box(out.stdout.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
