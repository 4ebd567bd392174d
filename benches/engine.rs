//! Speed of the engine and the TUI, with criterion (`cargo bench`).
//!
//! Besides the benchmarks, this writes the generated inputs to `target/bench-data/` so that
//! whole-process timings can be taken with hyperfine (see README, "Performance").

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlops_maturity::questionnaire::{self, BUILT_INS, Questionnaire};
use mlops_maturity::report::{self, SessionInput};
use mlops_maturity::session::{self, Answer, AnswerEntry, Session, StageRating};
use mlops_maturity::tui::app::{Assessment, Model, Msg, update};
use mlops_maturity::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};

const ANSWERS: [Answer; 5] = [Answer::Yes, Answer::Partial, Answer::No, Answer::Unknown, Answer::Na];

/// A questionnaire of `dims` dimensions with `per_dim` questions each, as YAML.
fn generated_questionnaire(dims: usize, per_dim: usize) -> String {
    let mut y = String::from(
        "id: generated\nversion: 1\ntitle: Generated\nlevels:\n  - { level: 0, name: L0 }\n  - { level: 1, name: L1 }\n  - { level: 2, name: L2 }\n  - { level: 3, name: L3 }\ndimensions:\n",
    );
    let stages = ["data-preparation", "experimentation", "validation", "deployment", "monitoring", "retraining"];
    for d in 0..dims {
        y.push_str(&format!("  - id: d{d}\n    name: Dimension {d}\n    stage: {}\n    questions:\n", stages[d % 6]));
        for q in 0..per_dim {
            y.push_str(&format!(
                "      - id: d{d}-q{q}\n        level: {}\n        text: Practice {q} of dimension {d} is in place.\n        recommendation: Put practice {q} in place.\n",
                q % 3 + 1
            ));
        }
    }
    y
}

/// A session answering every question, with answers varying by seed.
fn full_session(q: &Questionnaire, questionnaire: &str, seed: usize) -> Session {
    let mut s = Session::new(questionnaire);
    s.respondent = Some(format!("Respondent {seed}"));
    s.role = Some(["engineering", "data-science", "management"][seed % 3].to_owned());
    for (i, (_, question)) in q.questions().enumerate() {
        let answer = ANSWERS[(i * 7 + seed * 3) % 5];
        let note = (i % 11 == 0).then(|| format!("note {i} | from {seed}"));
        s.answers.insert(
            question.id.clone(),
            AnswerEntry { answer: Some(answer), note, evidence: None, ..Default::default() },
        );
    }
    for (i, stage) in q.stages.iter().enumerate() {
        s.bottlenecks.insert(
            stage.id.clone(),
            StageRating { time_share: Some(((i + seed) % 6 * 10) as f64), pain: Some(((i + seed) % 5 + 1) as f64) },
        );
    }
    s
}

fn bench_data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(dir.join("workshop")).unwrap();
    dir
}

fn engine(c: &mut Criterion) {
    let data = bench_data_dir();
    let full_text = BUILT_INS[0].1;
    c.bench_function("load and validate mlops-maturity", |b| {
        b.iter(|| questionnaire::parse(black_box(full_text), "q.yaml").unwrap())
    });

    let full = questionnaire::built_in("mlops-maturity").unwrap();
    let one = full_session(&full, "mlops-maturity", 1);
    std::fs::write(data.join("session.yaml"), one.to_yaml()).unwrap();
    let input = [SessionInput { file_name: "s.yaml".into(), session: &one }];
    c.bench_function("score one session (report build)", |b| {
        b.iter(|| report::build(&full, black_box(&input), None, "2026-11-26"))
    });
    let built = report::build(&full, &input, None, "2026-11-26");
    c.bench_function("render Markdown of one session", |b| b.iter(|| report::render_markdown(black_box(&built))));
    c.bench_function("render JSON of one session", |b| b.iter(|| report::to_json(black_box(&built))));

    let many: Vec<Session> = (0..1000).map(|i| full_session(&full, "mlops-maturity", i)).collect();
    for (i, s) in many.iter().enumerate() {
        std::fs::write(data.join(format!("workshop/s{i:04}.yaml")), s.to_yaml()).unwrap();
    }
    let yaml: Vec<String> = many.iter().map(Session::to_yaml).collect();
    let mut group = c.benchmark_group("workshop");
    group.sample_size(20);
    group.bench_function("parse, merge and score 1,000 sessions", |b| {
        b.iter(|| {
            let sessions: Vec<Session> = yaml.iter().map(|y| session::parse(y, "s.yaml").unwrap()).collect();
            let inputs: Vec<SessionInput> =
                sessions.iter().map(|s| SessionInput { file_name: "s.yaml".into(), session: s }).collect();
            report::build(&full, &inputs, None, "2026-11-26")
        })
    });
    group.finish();

    let big_text = generated_questionnaire(20, 500);
    std::fs::write(data.join("questionnaire-10k.yaml"), &big_text).unwrap();
    let big = questionnaire::parse(&big_text, "big.yaml").unwrap();
    let mut big_session = full_session(&big, "questionnaire-10k.yaml", 2);
    big_session.questionnaire = "questionnaire-10k.yaml".into();
    let big_yaml = big_session.to_yaml();
    std::fs::write(data.join("session-10k.yaml"), &big_yaml).unwrap();
    let mut group = c.benchmark_group("10,000 questions");
    group.sample_size(10);
    group.bench_function("load and validate", |b| b.iter(|| questionnaire::parse(black_box(&big_text), "q").unwrap()));
    group.bench_function("load session and score", |b| {
        b.iter(|| {
            let s = session::parse(&big_yaml, "s.yaml").unwrap();
            report::build(&big, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "")
        })
    });
    let big_report =
        report::build(&big, &[SessionInput { file_name: "s.yaml".into(), session: &big_session }], None, "");
    group.bench_function("render Markdown", |b| b.iter(|| report::render_markdown(black_box(&big_report))));
    group.bench_function("render JSON", |b| b.iter(|| report::to_json(black_box(&big_report))));
    group.finish();
}

fn tui(c: &mut Criterion) {
    let full = questionnaire::built_in("mlops-maturity").unwrap();
    let a = Assessment::new(full.clone(), Session::new("mlops-maturity"), PathBuf::from("s.yaml"), "2026-11-26");
    let mut model = Model::with_assessment(a, "2026-11-26", true);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keys = [KeyCode::Char('y'), KeyCode::Char('p'), KeyCode::Left, KeyCode::Left];
    let mut i = 0;
    c.bench_function("keypress: update + view at 120x40", |b| {
        b.iter(|| {
            let key = keys[i % keys.len()];
            i += 1;
            update(&mut model, Msg::Key(KeyEvent::new(key, KeyModifiers::NONE)));
            terminal.draw(|f| view::draw(&model, f)).unwrap();
        })
    });
    c.bench_function("first frame: open the assessment and draw", |b| {
        b.iter(|| {
            let q = questionnaire::built_in("mlops-maturity").unwrap();
            let a = Assessment::new(q, Session::new("mlops-maturity"), PathBuf::from("s.yaml"), "2026-11-26");
            let m = Model::with_assessment(a, "2026-11-26", true);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| view::draw(&m, f)).unwrap();
        })
    });
}

criterion_group!(benches, engine, tui);
criterion_main!(benches);
