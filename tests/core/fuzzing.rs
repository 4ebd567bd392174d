//! Property tests that feed arbitrary bytes and arbitrary YAML to every loader, and random
//! sessions to scoring and rendering: every input ends in Ok or a clear error, never a panic.

use mlops_maturity::files::decode_text;
use mlops_maturity::questionnaire::{self, BUILT_INS, Questionnaire};
use mlops_maturity::report::{self, SessionInput};
use mlops_maturity::session::{self, Answer, AnswerEntry, Session, StageRating};
use proptest::prelude::*;
use std::sync::LazyLock;

static FULL: LazyLock<Questionnaire> = LazyLock::new(|| questionnaire::built_in("mlops-maturity").unwrap());

/// Words from our file formats, so random YAML often gets past the first key.
const WORDS: &[&str] = &[
    "format",
    "questionnaire",
    "answers",
    "answer",
    "note",
    "evidence",
    "context",
    "models_in_production",
    "criticality",
    "regulated",
    "target",
    "bottlenecks",
    "time_share",
    "pain",
    "id",
    "version",
    "title",
    "levels",
    "level",
    "name",
    "summary",
    "scoring",
    "pass_ratio",
    "partial_credit",
    "stages",
    "stage",
    "dimensions",
    "questions",
    "text",
    "help",
    "recommendation",
    "weight",
    "yes",
    "no",
    "partial",
    "unknown",
    "na",
    "high",
    "mlops-quick",
    "data-preparation",
    "exp-tracking",
];

fn yaml_value() -> impl Strategy<Value = yaml_serde::Value> {
    let leaf = prop_oneof![
        Just(yaml_serde::Value::Null),
        any::<bool>().prop_map(yaml_serde::Value::Bool),
        any::<i64>().prop_map(|n| yaml_serde::Value::Number(n.into())),
        prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(-0.0)]
            .prop_map(|f| yaml_serde::Value::Number(f.into())),
        proptest::sample::select(WORDS).prop_map(|w| yaml_serde::Value::String(w.to_owned())),
        ".{0,12}".prop_map(yaml_serde::Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(yaml_serde::Value::Sequence),
            proptest::collection::vec((proptest::sample::select(WORDS), inner), 0..8).prop_map(|pairs| {
                let mut m = yaml_serde::Mapping::new();
                for (k, v) in pairs {
                    m.insert(yaml_serde::Value::String(k.to_owned()), v);
                }
                yaml_serde::Value::Mapping(m)
            }),
        ]
    })
}

fn answer() -> impl Strategy<Value = Option<Answer>> {
    proptest::option::of(proptest::sample::select(Answer::ALL.to_vec()))
}

/// Free text as hostile as a facilitator's paste can be.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a | b".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("line one\nline two\r\nthree".to_owned()),
        Just("🚀 日本語 Ünïcødé".to_owned()),
        Just("{{ team }} {% if %}".to_owned()),
        Just("`code` *bold* [link](x) &amp;".to_owned()),
        ".{0,40}",
    ]
}

fn session() -> impl Strategy<Value = Session> {
    let ids: Vec<String> = FULL.questions().map(|(_, q)| q.id.clone()).chain(["not-a-question".to_owned()]).collect();
    let stages: Vec<String> = FULL.stages.iter().map(|s| s.id.clone()).collect();
    (
        proptest::collection::vec(
            (proptest::sample::select(ids), answer(), proptest::option::of(hostile_text())),
            0..80,
        ),
        proptest::collection::vec(
            (
                proptest::sample::select(stages),
                proptest::option::of(0.0f64..1000.0),
                proptest::option::of((1i64..=5).prop_map(|p| p as f64)),
            ),
            0..8,
        ),
        proptest::option::of(0u32..6),
        proptest::option::of(hostile_text()),
        proptest::option::of(hostile_text()),
    )
        .prop_map(|(answers, ratings, target, respondent, role)| {
            let mut s = Session::new("mlops-maturity");
            for (id, answer, note) in answers {
                s.answers.insert(id, AnswerEntry { answer, note, evidence: None, ..Default::default() });
            }
            for (stage, time_share, pain) in ratings {
                s.bottlenecks.insert(stage, StageRating { time_share, pain });
            }
            s.target = target;
            s.respondent = respondent;
            s.role = role;
            s
        })
}

/// Every Markdown table row has as many cell separators as its header.
fn tables_keep_their_shape(markdown: &str) -> Result<(), String> {
    let mut columns: Option<usize> = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let bars = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(bars),
            Some(n) if n != bars => return Err(format!("row has {bars} separators, header {n}: {line}")),
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(text) = decode_text(&bytes) {
            let _ = questionnaire::parse(&text, "fuzz.yaml");
            let _ = session::parse(&text, "fuzz.yaml");
        }
    }

    #[test]
    fn arbitrary_yaml_never_panics(value in yaml_value()) {
        let text = yaml_serde::to_string(&value).unwrap();
        let _ = questionnaire::parse(&text, "fuzz.yaml");
        let _ = session::parse(&text, "fuzz.yaml");
    }

    #[test]
    fn mangled_questionnaires_never_panic(cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let mut bytes = BUILT_INS[1].1.as_bytes().to_vec();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(text) = decode_text(&bytes)
            && let Err(problems) = questionnaire::parse(&text, "m.yaml")
        {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.location.starts_with("m.yaml")));
        }
    }

    #[test]
    fn random_sessions_score_and_render(sessions in proptest::collection::vec(session(), 1..4)) {
        let inputs: Vec<SessionInput> = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| SessionInput { file_name: format!("s{i}.yaml"), session: s })
            .collect();
        let r = report::build(&FULL, &inputs, None, "2026-11-26");
        prop_assert!(r.target.level <= 3);
        prop_assert!(r.dimensions.iter().all(|d| r.overall.level <= d.level));
        let share: f64 = r.bottlenecks.iter().map(|b| b.time_share).sum();
        prop_assert!(share.abs() < 1e-6 || (share - 100.0).abs() < 1e-6, "shares sum to {share}");
        let markdown = report::render_markdown(&r);
        prop_assert!(!markdown.contains("<script>"));
        if let Err(e) = tables_keep_their_shape(&markdown) {
            return Err(TestCaseError::fail(e));
        }
        let json: serde_json::Value = serde_json::from_str(&report::to_json(&r)).unwrap();
        prop_assert!(json.get("overall").is_some());
        // A saved session reads back as it was.
        for s in &sessions {
            prop_assert_eq!(&session::parse(&s.to_yaml(), "s.yaml").unwrap(), s);
        }
    }
}

#[test]
fn hostile_notes_keep_every_table_whole() {
    let mut s = Session::new("mlops-maturity");
    s.team = Some("Fraud | ML <b>".into());
    s.respondent = Some("Ana\nNewline".into());
    let notes = ["a | b | c", "<script>alert('x')</script>", "one\ntwo\r\nthree", "🚀🔥 emoji", "日本語のメモ"];
    for ((_, q), note) in FULL.questions().zip(notes.iter().cycle()) {
        s.answers.insert(
            q.id.clone(),
            AnswerEntry {
                answer: Some(Answer::Na),
                note: Some((*note).to_owned()),
                evidence: Some(format!("ev|{note}")),
                ..Default::default()
            },
        );
    }
    let r = report::build(&FULL, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "2026-11-26");
    let md = report::render_markdown(&r);
    tables_keep_their_shape(&md).unwrap();
    assert!(!md.contains("<script>"));
    assert!(md.contains("&lt;script&gt;"));
    assert!(md.contains("日本語のメモ") && md.contains("🚀🔥 emoji"));
    assert!(md.starts_with("# MLOps maturity report: Fraud \\| ML &lt;b&gt;\n"), "{}", &md[..80]);
    let appendix_rows = md.lines().filter(|l| l.starts_with("| ") && l.contains(" | na | ")).count();
    assert_eq!(appendix_rows, FULL.question_count(), "one appendix row per question, none broken by a newline");
}
