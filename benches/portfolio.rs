//! Speed of `portfolio` over 1,000 teams of 5 sessions each, with criterion (`cargo bench --bench portfolio`).
//!
//! The benchmark generates its inputs and also writes them to `target/bench-data/portfolio/`
//! (5,000 session files), so that the whole process can be timed and its peak memory taken with
//! `/usr/bin/time -v mlops-maturity portfolio target/bench-data/portfolio` (see README, "Performance").

use criterion::{Criterion, criterion_group, criterion_main};
use mlops_maturity::portfolio::{self, Input, InputKind};
use mlops_maturity::questionnaire::{self, Questionnaire};
use mlops_maturity::session::{self, Answer, AnswerEntry, Session, StageRating};
use std::hint::black_box;
use std::path::Path;

const TEAMS: usize = 1000;
const PER_TEAM: usize = 5;
const ROLES: [&str; 3] = ["engineering", "data-science", "management"];

/// One respondent of one team: the team holds a level per dimension that varies by team, and
/// respondents mostly agree with a few differences.
fn session(q: &Questionnaire, team: usize, respondent: usize) -> Session {
    let mut s = Session::new(&q.id);
    s.questionnaire_version = Some(q.version);
    s.team = Some(format!("Team {team:04}"));
    s.respondent = Some(format!("Person {respondent}"));
    s.role = Some(ROLES[respondent % 3].to_owned());
    s.date = Some(format!("2026-{:02}-{:02}", team % 11 + 1, respondent + 10));
    for (d, dim) in q.dimensions.iter().enumerate() {
        let holds = ((team * 7 + d * 3) % 4) as u32;
        for (i, question) in dim.questions.iter().enumerate() {
            let answer = if question.level <= holds {
                Answer::Yes
            } else if question.level == holds + 1 {
                [Answer::Partial, Answer::No, Answer::Yes, Answer::Unknown][(i + respondent + team) % 4]
            } else {
                Answer::No
            };
            let note = (i % 9 == 0).then(|| format!("seen by person {respondent}"));
            s.answers.insert(question.id.clone(), AnswerEntry { answer: Some(answer), note, ..Default::default() });
        }
    }
    for (i, stage) in q.stages.iter().enumerate() {
        let rating = StageRating {
            time_share: Some(((i + team) % 5 * 10 + 5) as f64),
            pain: Some(((i + team + respondent) % 5 + 1) as f64),
        };
        s.bottlenecks.insert(stage.id.clone(), rating);
    }
    s
}

fn bench_portfolio(c: &mut Criterion) {
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/portfolio");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<(String, String)> = (0..TEAMS)
        .flat_map(|t| (0..PER_TEAM).map(move |r| (t, r)))
        .map(|(t, r)| (format!("team{t:04}-{r}.yaml"), session(&q, t, r).to_yaml()))
        .collect();
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let parse_all = || -> Vec<Input> {
        files
            .iter()
            .map(|(name, text)| Input {
                path: name.clone(),
                file_name: name.clone(),
                kind: InputKind::Session(session::parse(text, name).unwrap()),
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);

    let mut group = c.benchmark_group("portfolio of 1,000 teams x 5 sessions");
    group.sample_size(10);
    group.bench_function("parse 5,000 session files (one thread)", |b| b.iter(|| black_box(parse_all())));
    let inputs = parse_all();
    group.bench_function("group and score the teams", |b| {
        b.iter(|| portfolio::build(&q, black_box(&inputs), vec![], "2026-11-28", threads))
    });
    let built = portfolio::build(&q, &inputs, vec![], "2026-11-28", threads);
    group.bench_function("render Markdown", |b| b.iter(|| portfolio::render_markdown(black_box(&built))));
    group.bench_function("render HTML", |b| b.iter(|| portfolio::render_html(black_box(&built))));
    group.bench_function("render JSON", |b| b.iter(|| portfolio::to_json(black_box(&built))));
    group.finish();
}

criterion_group!(benches, bench_portfolio);
criterion_main!(benches);
