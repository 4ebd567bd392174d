//! Unit tests of questionnaires: the built-ins, the file format and its checks.

use super::raw::{MAX_DIMENSIONS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_STAGES, MAX_TEXT_CHARS};
use super::*;

pub(crate) const MINIMAL: &str = "id: t\nversion: 1\ntitle: T\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: q1, level: 1, text: T, recommendation: R }\n";

#[test]
fn built_ins_are_valid() {
    for (id, text) in BUILT_INS {
        let q = parse(text, id).unwrap_or_else(|p| panic!("{id}: {p:?}"));
        assert_eq!(q.id, id);
    }
}

#[test]
fn minimal_file_gets_defaults() {
    let q = parse(MINIMAL, "m.yaml").unwrap();
    assert_eq!(q.scoring, Scoring::default());
    assert_eq!(q.stages.len(), 6);
    assert_eq!(q.question("q1").unwrap().1.weight, 1.0);
}

#[test]
fn every_unknown_key_is_reported_with_its_place() {
    let text = MINIMAL
        .replace("version: 1\n", "version: 1\nauthor: me\n")
        .replace("    name: D\n", "    name: D\n    colour: red\n");
    let problems = parse(&text, "m.yaml").unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].location, "m.yaml:3:1");
    assert!(problems[0].message.contains("author"));
    assert_eq!(problems[1].location, "m.yaml:11:5");
    assert!(problems[1].message.contains("colour"));
}

#[test]
fn semantic_problems_are_all_reported() {
    let text = MINIMAL.replace(
        "      - { id: q1, level: 1, text: T, recommendation: R }\n",
        "      - { id: q1, level: 4, text: T, recommendation: R }\n      - { id: q1, level: 1, text: '', recommendation: R, weight: 0 }\n  - { id: e, name: E, stage: nowhere, questions: [] }\n",
    );
    let problems = parse(&text, "m.yaml").unwrap_err();
    let all: Vec<String> = problems.iter().map(Problem::to_string).collect();
    let joined = all.join("\n");
    assert!(joined.contains("question q1: level 4 is out of range"), "{joined}");
    assert!(joined.contains("duplicate question id"), "{joined}");
    assert!(joined.contains("text is empty"), "{joined}");
    assert!(joined.contains("weight 0 must be"), "{joined}");
    assert!(joined.contains("dimension e: unknown stage `nowhere`"), "{joined}");
    assert!(joined.contains("dimension e: the dimension has no questions"), "{joined}");
}

#[test]
fn levels_must_be_contiguous_and_ratios_in_range() {
    let text = MINIMAL
        .replace("  - { level: 1, name: One }\n", "  - { level: 2, name: Two }\n")
        .replace("dimensions:\n", "scoring: { pass_ratio: 0, partial_credit: 1.5 }\ndimensions:\n");
    let joined: Vec<String> = parse(&text, "m.yaml").unwrap_err().iter().map(Problem::to_string).collect();
    let joined = joined.join("\n");
    assert!(joined.contains("contiguous"), "{joined}");
    assert!(joined.contains("pass_ratio 0 is out of range"), "{joined}");
    assert!(joined.contains("partial_credit 1.5 is out of range"), "{joined}");
}

#[test]
fn positions_and_dimension_starts_follow_questionnaire_order() {
    let q = built_in("mlops-quick").unwrap();
    let mut flat = 0;
    for (di, d) in q.dimensions.iter().enumerate() {
        assert_eq!(q.dimension_start(di), flat, "dimension {}", d.id);
        for qi in 0..d.questions.len() {
            assert_eq!(q.position(flat), (di, qi));
            flat += 1;
        }
    }
    assert_eq!(flat, q.question_count());
}

/// A questionnaire with one of each part, `field` set to `value` (the stage id also names
/// the dimension's stage).
pub(crate) fn with_field(field: &str, value: &str) -> String {
    let v = |name: &str, default: &str| if name == field { value.to_owned() } else { default.to_owned() };
    format!(
        "id: {}\nversion: 1\ntitle: {}\ndescription: {}\nguide: {}\nlevels:\n  - {{ level: 0, name: {}, summary: {} }}\n  - {{ level: 1, name: One }}\nstages:\n  - {{ id: {stage}, name: {} }}\ndimensions:\n  - id: {}\n    name: {}\n    stage: {stage}\n    questions:\n      - {{ id: {}, level: 1, text: {}, help: {}, recommendation: {}, owner: {}, replaces: [{}], weight: {} }}\n",
        v("id", "t"),
        v("title", "T"),
        v("description", "D"),
        v("guide", "G"),
        v("level name", "Zero"),
        v("level summary", "S"),
        v("stage name", "Stage"),
        v("dimension id", "d"),
        v("dimension name", "Dim"),
        v("question id", "q1"),
        v("text", "T"),
        v("help", "H"),
        v("recommendation", "R"),
        v("owner", "O"),
        v("replaced id", "old-q1"),
        v("weight", "1"),
        stage = v("stage id", "s"),
    )
}

#[test]
fn every_length_limit_allows_its_maximum_and_refuses_one_character_more() {
    for (field, what, max) in [
        ("id", "id", MAX_ID_CHARS),
        ("title", "title", MAX_NAME_CHARS),
        ("description", "description", MAX_TEXT_CHARS),
        ("guide", "guide", MAX_TEXT_CHARS),
        ("level name", "name", MAX_NAME_CHARS),
        ("level summary", "summary", MAX_TEXT_CHARS),
        ("stage id", "id", MAX_ID_CHARS),
        ("stage name", "name", MAX_NAME_CHARS),
        ("dimension id", "id", MAX_ID_CHARS),
        ("dimension name", "name", MAX_NAME_CHARS),
        ("question id", "id", MAX_ID_CHARS),
        ("text", "text", MAX_TEXT_CHARS),
        ("help", "help", MAX_TEXT_CHARS),
        ("recommendation", "recommendation", MAX_TEXT_CHARS),
        ("owner", "owner", MAX_NAME_CHARS),
        ("replaced id", "an id it replaces", MAX_ID_CHARS),
    ] {
        let at_most = with_field(field, &"x".repeat(max));
        assert!(parse(&at_most, "m.yaml").is_ok(), "{field} of {max} characters: {:?}", parse(&at_most, "m.yaml"));
        let over = with_field(field, &"x".repeat(max + 1));
        let problems = parse(&over, "m.yaml").unwrap_err();
        let expected = format!("{what} is {} characters long: at most {max} are allowed", max + 1);
        assert!(problems.iter().any(|p| p.message == expected), "{field}: {problems:?}");
    }
}

#[test]
fn weights_levels_stages_and_dimensions_are_allowed_up_to_their_limits() {
    assert!(parse(&with_field("weight", "1000"), "m.yaml").is_ok());
    let problems = parse(&with_field("weight", "1000.5"), "m.yaml").unwrap_err();
    assert_eq!(problems[0].message, "weight 1000.5 is too large: it must be above 0 and at most 1000");

    let levels = |numbers: &[u32]| {
        let list: String = numbers.iter().map(|l| format!("  - {{ level: {l}, name: L{l} }}\n")).collect();
        MINIMAL.replace("  - { level: 0, name: Zero }\n  - { level: 1, name: One }\n", &list)
    };
    let too_many = "there are too many levels: they go from 0 to at most 10";
    assert!(parse(&levels(&(0..=10).collect::<Vec<_>>()), "m.yaml").is_ok(), "levels 0 to 10");
    for over in [(0..=11).collect::<Vec<_>>(), vec![0, 1, 11], [(0..=10).collect::<Vec<_>>(), vec![10]].concat()] {
        let problems = parse(&levels(&over), "m.yaml").unwrap_err();
        assert!(problems.iter().any(|p| p.message == too_many), "{over:?}: {problems:?}");
    }

    let stages = |n: usize| {
        let list: String = (0..n).map(|i| format!("  - {{ id: s{i}, name: S }}\n")).collect();
        MINIMAL.replace("dimensions:\n", &format!("stages:\n{list}dimensions:\n"))
    };
    assert!(parse(&stages(MAX_STAGES), "m.yaml").is_ok());
    let problems = parse(&stages(MAX_STAGES + 1), "m.yaml").unwrap_err();
    assert_eq!(problems[0].message, "there are too many stages: at most 50 are allowed");

    let dimensions = |n: usize, per: usize| {
        let mut text = MINIMAL[..MINIMAL.find("dimensions:").unwrap()].to_owned() + "dimensions:\n";
        for d in 0..n {
            text.push_str(&format!("  - id: d{d}\n    name: D\n    questions:\n"));
            for i in 0..per {
                text.push_str(&format!("      - {{ id: q{d}-{i}, level: 1, text: t, recommendation: r }}\n"));
            }
        }
        text
    };
    assert!(parse(&dimensions(MAX_DIMENSIONS, 1), "m.yaml").is_ok());
    let problems = parse(&dimensions(MAX_DIMENSIONS + 1, 1), "m.yaml").unwrap_err();
    assert_eq!(problems[0].message, "there are 201 dimensions: at most 200 are allowed");
    assert!(parse(&dimensions(100, 200), "m.yaml").is_ok(), "20,000 questions");
    let mut over = dimensions(100, 200);
    over.push_str("      - { id: one-more, level: 1, text: t, recommendation: r }\n");
    let problems = parse(&over, "m.yaml").unwrap_err();
    assert_eq!(problems[0].message, "there are 20001 questions: at most 20000 are allowed");
}

#[test]
fn an_id_must_be_lowercase_letters_digits_and_dashes() {
    assert!(parse(&with_field("id", "team-2"), "m.yaml").is_ok());
    for bad in ["Big", "big_one", "''"] {
        let problems = parse(&with_field("id", bad), "m.yaml").unwrap_err();
        assert!(problems[0].message.ends_with("must use only a-z, 0-9 and '-'"), "{bad}: {problems:?}");
    }
}

#[test]
fn a_question_id_has_no_spaces() {
    for bad in ["'a b'", "' '"] {
        let problems = parse(&with_field("question id", bad), "m.yaml").unwrap_err();
        assert!(
            problems.iter().any(|p| p.message == "question id must be non-empty and without spaces"),
            "{bad}: {problems:?}"
        );
    }
}

#[test]
fn blank_description_guide_help_and_owner_are_none() {
    let blank = parse(
        &with_field("description", "'  '")
            .replace("guide: G", "guide: ' '")
            .replace("help: H", "help: ' '")
            .replace("owner: O", "owner: ' '"),
        "m.yaml",
    )
    .unwrap();
    assert_eq!((blank.description, blank.guide), (None, None));
    let q = &blank.dimensions[0].questions[0];
    assert_eq!((q.help.as_deref(), q.owner.as_deref()), (None, None));
    let full = parse(&with_field("id", "t"), "m.yaml").unwrap();
    assert_eq!((full.description.as_deref(), full.guide.as_deref()), (Some("D"), Some("G")));
    let q = &full.dimensions[0].questions[0];
    assert_eq!((q.help.as_deref(), q.owner.as_deref()), (Some("H"), Some("O")));
}

#[test]
fn syntax_error_has_line_and_column() {
    let problems = parse("id: t\ntitle: 'open\n", "bad.yaml").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location, "bad.yaml:3:1");
    assert!(problems[0].message.contains("quoted scalar"), "{:?}", problems[0]);
}

#[test]
fn an_old_id_is_replaced_by_one_question_only_and_never_by_one_still_asked() {
    let text = |r1: &str, r2: &str| {
        format!(
            "id: t\nversion: 1\ntitle: T\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - {{ id: q1, level: 1, text: T, recommendation: R, replaces: [{r1}] }}\n      - {{ id: q2, level: 1, text: T, recommendation: R, replaces: [{r2}] }}\n"
        )
    };
    assert!(parse(&text("old1", "old2"), "t.yaml").is_ok());
    let still = parse(&text("q2", "old2"), "t.yaml").unwrap_err();
    assert!(
        still.iter().any(|p| p.message.contains("replaces `q2`, which is still a question of this file")),
        "{still:?}"
    );
    let twice = parse(&text("old", "old"), "t.yaml").unwrap_err();
    assert!(twice.iter().any(|p| p.message.contains("replaces `old`, which question q1 replaces too")), "{twice:?}");
}

#[test]
fn a_question_may_have_up_to_the_limit_of_probes_and_of_patterns_in_each() {
    use super::raw::{MAX_PROBE_GLOBS, MAX_PROBES};
    let with_probes = |probes: usize, globs: usize| {
        let files: Vec<String> = (0..globs).map(|i| format!("\"f{i}.py\"")).collect();
        let probe = format!("{{ files: [{}] }}", files.join(", "));
        let all: Vec<&str> = (0..probes).map(|_| probe.as_str()).collect();
        format!(
            "id: t\nversion: 1\ntitle: T\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - {{ id: q1, level: 1, text: T, recommendation: R, probes: [{}] }}\n",
            all.join(", ")
        )
    };
    assert!(parse(&with_probes(MAX_PROBES, MAX_PROBE_GLOBS), "t.yaml").is_ok(), "both at their limit");
    let probes = parse(&with_probes(MAX_PROBES + 1, 1), "t.yaml").unwrap_err();
    assert!(probes.iter().any(|p| p.message.contains(&format!("at most {MAX_PROBES} are allowed"))), "{probes:?}");
    let globs = parse(&with_probes(1, MAX_PROBE_GLOBS + 1), "t.yaml").unwrap_err();
    assert!(globs.iter().any(|p| p.message.contains(&format!("at most {MAX_PROBE_GLOBS} are allowed"))), "{globs:?}");
}
