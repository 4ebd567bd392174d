//! Workshop sessions: one file, the participants' votes, an agreed answer per question — scored,
//! validated and reported by the rules of DESIGN "Workshop session" and "Several respondents".

use crate::common;
use common::*;
use mlops_maturity::report::{self, Report, SessionInput};
use mlops_maturity::session::{self, Session};

const HEAD: &str = "format: 1\nquestionnaire: mlops-quick\n";

fn parse(text: &str) -> Session {
    session::parse(text, "w.yaml").unwrap_or_else(|p| panic!("{p:?}"))
}

fn report_of(s: &Session) -> Report {
    let q = common::pinned("mlops-quick");
    report::build(&q, &[SessionInput { file_name: "w.yaml".into(), session: s }], None, "2026-11-28")
}

fn answer<'a>(r: &'a Report, question: &str) -> &'a str {
    &r.answers.iter().find(|a| a.question == question).unwrap().answer
}

fn workshop(participants: &str, answers: &str) -> Session {
    parse(&format!("{HEAD}team: Fraud ML\nparticipants:\n{participants}answers:\n{answers}"))
}

const THREE: &str = "  - { name: Ana, role: engineering }\n  - { name: Ben, role: data-science }\n  - { name: Cy }\n";

#[test]
fn the_agreed_answer_overrides_the_votes() {
    let s = workshop(
        THREE,
        "  exp-tracking: { votes: { Ana: yes, Ben: yes, Cy: yes }, answer: no }\n  val-holdout: { answer: partial }\n",
    );
    let r = report_of(&s);
    assert_eq!(answer(&r, "exp-tracking"), "no");
    assert_eq!(answer(&r, "val-holdout"), "partial", "an agreed answer needs no votes");
    // The votes still show who said what.
    let votes = &r.answers.iter().find(|a| a.question == "exp-tracking").unwrap().votes;
    assert_eq!(votes.len(), 3);
    assert_eq!(votes["Ben"], "yes");
}

#[test]
fn votes_without_agreement_use_the_median_rule() {
    let s = workshop(
        THREE,
        concat!(
            "  exp-tracking: { votes: { Ana: yes, Ben: no, Cy: partial } }\n",
            "  val-holdout: { votes: { Ana: yes, Ben: yes, Cy: no } }\n",
            "  dep-packaged: { votes: { Ana: yes, Ben: no } }\n",
            "  mon-system: { votes: { Ana: na, Ben: na, Cy: unknown } }\n",
            "  data-pipeline-code: { votes: { Ana: unknown, Ben: na } }\n",
        ),
    );
    let r = report_of(&s);
    assert_eq!(answer(&r, "exp-tracking"), "partial", "median of 1, 0, 0.5");
    assert_eq!(answer(&r, "val-holdout"), "yes", "median of 1, 1, 0");
    assert_eq!(answer(&r, "dep-packaged"), "partial", "mean of the two middle credits, 0.5");
    assert_eq!(answer(&r, "mon-system"), "na", "most said it does not apply");
    assert_eq!(answer(&r, "data-pipeline-code"), "unknown");
    assert_eq!(answer(&r, "ret-one-command"), "unanswered", "no votes and no agreement");
}

#[test]
fn respondents_are_the_participants_in_order() {
    let r = report_of(&workshop(THREE, "  exp-tracking: { votes: { Cy: yes } }\n"));
    assert_eq!(r.respondents, vec!["Ana", "Ben", "Cy"]);
}

#[test]
fn disagreements_come_from_the_votes_with_the_agreed_answer() {
    let s = workshop(
        THREE,
        concat!(
            "  exp-tracking: { votes: { Ana: yes, Ben: no, Cy: partial }, answer: partial }\n",
            "  val-holdout: { votes: { Ana: no, Cy: yes } }\n",
            "  dep-packaged: { votes: { Ana: yes, Ben: partial }, answer: no }\n",
        ),
    );
    let r = report_of(&s);
    let found: Vec<(&str, Option<&str>)> =
        r.disagreements.iter().map(|d| (d.question.as_str(), d.agreed.as_deref())).collect();
    assert_eq!(found, vec![("exp-tracking", Some("partial")), ("val-holdout", None)]);
    assert_eq!(r.disagreements[0].answers["Ben"], "no");
    assert_eq!(r.disagreements[1].answers.len(), 2, "only those who voted");
}

#[test]
fn role_gaps_come_from_the_participants_roles() {
    let yes: String =
        ["data-pipeline-code", "exp-tracking", "val-holdout", "dep-packaged", "mon-system", "ret-one-command"]
            .iter()
            .map(|id| format!("  {id}: {{ votes: {{ Ana: yes, Ben: no, Cy: no }} }}\n"))
            .collect();
    let r = report_of(&workshop(THREE, &yes));
    assert_eq!(r.role_gaps.len(), 6, "{:?}", r.role_gaps);
    let gap = &r.role_gaps[0];
    assert_eq!(gap.scores.keys().collect::<Vec<_>>(), vec!["engineering", "data-science"], "Cy has no role");
    assert!(gap.scores["engineering"] >= 1.0 && gap.scores["data-science"] < 1.0);
}

#[test]
fn roles_match_ignoring_case_spaces_dashes_and_underscores() {
    let people = "  - { name: Ana, role: Data Science }\n  - { name: Ben, role: data_science }\n  - { name: Cy, role: DATA-SCIENCE }\n  - { name: Dee, role: engineering }\n";
    let answers: String =
        ["data-pipeline-code", "exp-tracking", "val-holdout", "dep-packaged", "mon-system", "ret-one-command"]
            .iter()
            .map(|id| format!("  {id}: {{ votes: {{ Ana: yes, Ben: yes, Cy: yes, Dee: no }} }}\n"))
            .collect();
    let r = report_of(&workshop(people, &answers));
    assert!(!r.role_gaps.is_empty());
    for gap in &r.role_gaps {
        assert_eq!(
            gap.scores.keys().collect::<Vec<_>>(),
            vec!["Data Science", "engineering"],
            "shown as first spelled"
        );
    }
}

#[test]
fn one_participant_answers_as_given() {
    // One respondent's answers are taken as given: a workshop of one scores like their session.
    let w = workshop(
        "  - { name: Ana }\n",
        "  exp-tracking: { votes: { Ana: partial } }\n  val-holdout: { votes: { Ana: na } }\n",
    );
    let single = parse(&format!("{HEAD}respondent: Ana\nanswers:\n  exp-tracking: partial\n  val-holdout: na\n"));
    let (rw, rs) = (report_of(&w), report_of(&single));
    assert_eq!(answer(&rw, "exp-tracking"), "partial");
    assert_eq!(answer(&rw, "val-holdout"), "na");
    assert_eq!(rw.overall.score, rs.overall.score);
    assert_eq!(rw.respondents, rs.respondents);
}

#[test]
fn votes_are_listed_for_a_workshop_and_empty_for_one_session() {
    let single = parse(&format!("{HEAD}answers:\n  exp-tracking: yes\n"));
    assert!(report_of(&single).answers.iter().all(|a| a.votes.is_empty()));
    let w = workshop(THREE, "  exp-tracking: { votes: { Ben: no, Ana: yes } }\n");
    let r = report_of(&w);
    let votes = &r.answers.iter().find(|a| a.question == "exp-tracking").unwrap().votes;
    assert_eq!(votes.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(), vec!["Ana=yes", "Ben=no"]);
}

#[test]
fn merged_notes_are_shown_per_person() {
    let w = workshop(
        THREE,
        "  exp-tracking: { votes: { Ana: yes }, note: \"Ana: MLflow\\nBen: only one team\\nagreed after a long talk\", evidence: \"Ana: wiki/ml\" }\n",
    );
    let r = report_of(&w);
    let a = r.answers.iter().find(|a| a.question == "exp-tracking").unwrap();
    let notes: Vec<(&str, &str)> = a.notes.iter().map(|n| (n.respondent.as_str(), n.text.as_str())).collect();
    assert_eq!(notes, vec![("Ana", "MLflow"), ("Ben", "only one team"), ("workshop", "agreed after a long talk")]);
    assert_eq!(a.evidence, vec!["wiki/ml"]);
}

fn problems(text: &str) -> String {
    session::parse(text, "w.yaml").unwrap_err().iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_vote_by_someone_not_participating_is_an_error_naming_the_question() {
    let msg = problems(&format!(
        "{HEAD}participants:\n  - {{ name: Ana }}\nanswers:\n  exp-tracking: {{ votes: {{ Ana: yes, Dan: no }} }}\n"
    ));
    assert!(msg.contains("exp-tracking") && msg.contains("Dan") && msg.contains("w.yaml"), "{msg}");
}

#[test]
fn participant_names_are_unique_and_not_empty() {
    let msg =
        problems(&format!("{HEAD}participants:\n  - {{ name: Ana }}\n  - {{ name: Ana }}\n  - {{ name: \" \" }}\n"));
    assert!(msg.contains("`Ana` is listed twice"), "{msg}");
    assert!(msg.contains("participants[3] has an empty name"), "{msg}");
}

#[test]
fn votes_need_participants() {
    let msg = problems(&format!("{HEAD}answers:\n  exp-tracking: {{ votes: {{ Ana: yes }} }}\n"));
    assert!(msg.contains("exp-tracking") && msg.contains("participants"), "{msg}");
}

#[test]
fn a_workshop_session_with_another_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(
        dir.path(),
        "w.yaml",
        &format!("{HEAD}participants:\n  - {{ name: Ana }}\nanswers:\n  exp-tracking: {{ votes: {{ Ana: yes }} }}\n"),
    );
    let b = write(dir.path(), "b.yaml", &format!("{HEAD}answers:\n  exp-tracking: no\n"));
    let r = run(&["report", b.to_str().unwrap(), w.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("w.yaml") && r.stderr.contains("workshop session") && r.stderr.contains("on its own"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    // Alone it reports.
    let alone = run(&["report", w.to_str().unwrap(), "--format", "json"]);
    assert_eq!(alone.code, 0, "{}", alone.stderr);
}

#[test]
fn an_unknown_voter_fails_the_report_naming_file_and_question() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(
        dir.path(),
        "w.yaml",
        &format!("{HEAD}participants:\n  - {{ name: Ana }}\nanswers:\n  val-holdout: {{ votes: {{ Bob: yes }} }}\n"),
    );
    let r = run(&["report", w.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("w.yaml") && r.stderr.contains("val-holdout") && r.stderr.contains("Bob"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_same_file_twice_counts_once_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", &format!("{HEAD}respondent: Ana\nanswers:\n  exp-tracking: yes\n"));
    let again = dir.path().join(".").join("a.yaml");
    let r = run(&["report", a.to_str().unwrap(), again.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["respondents"], serde_json::json!(["Ana"]));
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains("more than once"), "{warnings}");
}

#[test]
fn sessions_of_different_teams_warn_and_use_the_first_team() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", &format!("{HEAD}team: Fraud ML\nanswers:\n  exp-tracking: yes\n"));
    let b = write(dir.path(), "b.yaml", &format!("{HEAD}team: fraud ml\nanswers:\n  exp-tracking: yes\n"));
    let c = write(dir.path(), "c.yaml", &format!("{HEAD}team: Search\nanswers:\n  exp-tracking: yes\n"));
    let r = run(&["report", a.to_str().unwrap(), b.to_str().unwrap(), c.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["team"], "Fraud ML");
    let warnings: Vec<&str> = v["warnings"].as_array().unwrap().iter().filter_map(|w| w.as_str()).collect();
    let team_warnings: Vec<&&str> = warnings.iter().filter(|w| w.contains("team")).collect();
    assert_eq!(team_warnings.len(), 1, "the same team in another case is no warning: {warnings:?}");
    assert!(team_warnings[0].contains("c.yaml") && team_warnings[0].contains("Search"), "{warnings:?}");
}

#[test]
fn a_workshop_session_serves_as_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(
        dir.path(),
        "w.yaml",
        &format!(
            "{HEAD}participants:\n  - {{ name: Ana }}\n  - {{ name: Ben }}\nanswers:\n  exp-tracking: {{ votes: {{ Ana: yes, Ben: yes }} }}\n  data-pipeline-code: {{ votes: {{ Ana: no }}, answer: yes }}\n"
        ),
    );
    let now = write(dir.path(), "now.yaml", &format!("{HEAD}answers:\n  exp-tracking: no\n"));
    let r = run(&["report", now.to_str().unwrap(), "--baseline", before.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let exp = v["baseline"].as_array().unwrap().iter().find(|d| d["dimension"] == "experimentation").unwrap();
    assert!(exp["before"].as_f64().unwrap() > exp["after"].as_f64().unwrap(), "{exp}");
}

#[test]
fn participants_and_from_are_not_given_together() {
    // Without --session, --participants starts a new workshop in the user folder (a terminal is
    // needed for that); with --from, whose people are carried over, it is a usage mistake.
    let r = run(&["assess", "--participants", "Ana,Ben", "--from", "q3.yaml", "--session", "q4.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--participants starts a new workshop and --from"), "{}", r.stderr);
}

#[test]
fn participants_cannot_turn_a_single_session_into_a_workshop() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(dir.path(), "ana.yaml", &format!("{HEAD}respondent: Ana\nanswers:\n  exp-tracking: yes\n"));
    let before = std::fs::read_to_string(&s).unwrap();
    let r = run(&["assess", "--participants", "Ana,Ben", "--session", s.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("ana.yaml") && r.stderr.contains("not a workshop"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&s).unwrap(), before);
}

const FIVE: &str = "  - { name: Ana }\n  - { name: Ben }\n  - { name: Cy }\n  - { name: Dee }\n  - { name: Eve }\n";

#[test]
fn a_room_that_does_not_know_gives_unknown_and_no_strength() {
    // Level 3 practices with the dimension at level 0: a "yes" there would be a strength.
    let s = workshop(
        FIVE,
        concat!(
            "  data-quality-gates: { votes: { Ana: yes, Ben: unknown, Cy: unknown, Dee: unknown, Eve: unknown } }\n",
            "  exp-managed-compute: { votes: { Ana: yes, Ben: yes, Cy: unknown, Dee: unknown }, answer: yes }\n",
            "  val-slices: { votes: { Ana: yes, Ben: yes, Cy: yes, Dee: unknown } }\n",
        ),
    );
    let r = report_of(&s);
    assert_eq!(answer(&r, "data-quality-gates"), "unknown", "one yes does not outvote four who do not know");
    assert_eq!(answer(&r, "exp-managed-compute"), "yes", "the agreed answer stands");
    assert_eq!(answer(&r, "val-slices"), "yes", "one in four did not know");
    let strengths: Vec<&str> = r.strengths.iter().map(|s| s.question.as_str()).collect();
    assert!(!strengths.contains(&"data-quality-gates"), "{strengths:?}");
    assert!(!strengths.contains(&"exp-managed-compute"), "half the room did not know: {strengths:?}");
    assert!(strengths.contains(&"val-slices"), "{strengths:?}");
}

#[test]
fn open_disagreements_count_as_answered_and_are_named_in_every_format() {
    let q = common::pinned("mlops-quick");
    let mut answers = String::new();
    for (i, (_, question)) in q.questions().enumerate() {
        let split = if i < 2 { "no" } else { "yes" };
        let agreed = if i < 2 { "" } else { ", answer: yes" };
        answers.push_str(&format!("  {}: {{ votes: {{ Ana: yes, Ben: {split} }}{agreed} }}\n", question.id));
    }
    let r = report_of(&workshop("  - { name: Ana }\n  - { name: Ben }\n", &answers));
    assert_eq!((r.completeness.answered, r.completeness.questions), (21, 21));
    assert_eq!(r.completeness.open_disagreements, 2);
    assert!(r.unanswered.is_empty());
    let md = report::render_markdown(&r);
    assert!(md.contains("21 of 21 questions answered; 2 disagreements still open"), "{md}");
    let html = mlops_maturity::export::render_html(&r);
    assert!(html.contains("21 of 21 questions answered; 2 disagreements still open"), "{html}");
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&r)).unwrap();
    assert_eq!(json["completeness"]["open_disagreements"], 2);
}

#[test]
fn timing_is_reported_per_dimension_for_a_workshop_and_never_changes_a_score() {
    let answers = "  exp-tracking: { votes: { Ana: yes, Ben: yes }, answer: yes }\n";
    let plain = workshop("  - { name: Ana }\n  - { name: Ben }\n", answers);
    let timed = parse(&format!(
        "{}timing:\n  elapsed_s: 3725\n  dimensions: {{ data: 600, experimentation: 3125, no-such: 5 }}\n  questions: {{ exp-tracking: 3125 }}\n  timebox_s: {{ data: 300 }}\n",
        plain.to_yaml()
    ));
    let (r, before) = (report_of(&timed), report_of(&plain));
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&r)).unwrap();
    assert_eq!(
        json["timing"],
        serde_json::json!({"elapsed_s": 3725, "dimensions": {"data": 600, "experimentation": 3125}})
    );
    assert_eq!(r.overall.score, before.overall.score, "timing changes no score");
    let untimed: serde_json::Value = serde_json::from_str(&report::to_json(&before)).unwrap();
    assert!(untimed["timing"].is_null());
    let md = report::render_markdown(&r);
    assert!(md.contains("### Workshop time") && md.contains("1:02:05 in all"), "{md}");
    assert!(md.contains("| 52:05 |") && md.contains("| 10:00 |"), "{md}");
    let html = mlops_maturity::export::render_html(&r);
    assert!(html.contains("Workshop time") && html.contains("52:05"), "{html}");
    // A report of several files has no timing.
    let q = common::pinned("mlops-quick");
    let one = parse(&format!("{HEAD}respondent: A\ntiming: {{ elapsed_s: 60 }}\nanswers: {{}}\n"));
    let two = parse(&format!("{HEAD}respondent: B\ntiming: {{ elapsed_s: 60 }}\nanswers: {{}}\n"));
    let inputs = [
        SessionInput { file_name: "a.yaml".into(), session: &one },
        SessionInput { file_name: "b.yaml".into(), session: &two },
    ];
    let merged = report::build(&q, &inputs, None, "2026-11-28");
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&merged)).unwrap();
    assert!(json["timing"].is_null(), "{}", json["timing"]);
    // One respondent's timing is in the JSON, but the Markdown shows time only for a workshop.
    let single = report::build(&q, &inputs[..1], None, "2026-11-28");
    assert_eq!(single.timing.as_ref().map(|t| t.elapsed_s), Some(60));
    assert!(!report::render_markdown(&single).contains("Workshop time"));
}

#[test]
fn first_votes_are_saved_and_loaded_and_need_participants() {
    let s = workshop(
        THREE,
        "  exp-tracking: { first_votes: { Ana: no, Ben: yes }, votes: { Ana: yes, Ben: yes, Cy: yes }, answer: yes }\n",
    );
    let entry = &s.answers["exp-tracking"];
    assert_eq!(entry.first_votes.len(), 2);
    assert_eq!(entry.first_votes["Ana"], session::Answer::No);
    let yaml = s.to_yaml();
    assert!(yaml.contains("first_votes"), "{yaml}");
    assert_eq!(parse(&yaml), s, "first_votes round-trip");
    let msg = problems(&format!(
        "{HEAD}participants:\n  - {{ name: Ana }}\nanswers:\n  exp-tracking: {{ first_votes: {{ Dan: no }}, votes: {{ Ana: yes }} }}\n"
    ));
    assert!(msg.contains("exp-tracking") && msg.contains("Dan"), "{msg}");
    let msg = problems(&format!("{HEAD}answers:\n  exp-tracking: {{ first_votes: {{ Ana: yes }} }}\n"));
    assert!(msg.contains("participants"), "{msg}");
}

#[test]
fn changed_minds_compare_first_votes_with_votes_and_consensus_comes_from_votes() {
    let s = workshop(
        THREE,
        concat!(
            "  exp-tracking: { first_votes: { Ana: no, Ben: yes, Cy: no }, votes: { Ana: yes, Ben: yes, Cy: partial } }\n",
            "  val-holdout: { first_votes: { Ana: yes, Ben: no }, votes: { Ana: yes } }\n",
            "  dep-packaged: { votes: { Ana: yes, Ben: no, Cy: yes } }\n",
        ),
    );
    let r = report_of(&s);
    assert_eq!(answer(&r, "exp-tracking"), "yes", "the median of the latest votes, not the first");
    assert!(!r.disagreements.iter().any(|d| d.question == "exp-tracking"), "no yes and no in the latest votes");
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&r)).unwrap();
    assert_eq!(
        json["changed_minds"],
        serde_json::json!([
            {"question": "exp-tracking", "respondent": "Ana", "before": "no", "after": "yes"},
            {"question": "exp-tracking", "respondent": "Cy", "before": "no", "after": "partial"},
        ]),
        "Ben kept his vote; at val-holdout Ben has not voted again yet"
    );
    let exp = json["answers"].as_array().unwrap().iter().find(|a| a["question"] == "exp-tracking").unwrap();
    assert_eq!(exp["first_votes"], serde_json::json!({"Ana": "no", "Ben": "yes", "Cy": "no"}));
    let dep = json["answers"].as_array().unwrap().iter().find(|a| a["question"] == "dep-packaged").unwrap();
    assert_eq!(dep["first_votes"], serde_json::json!({}));
    let md = report::render_markdown(&r);
    assert!(md.contains("### Changed minds at a re-vote"), "{md}");
    assert!(md.contains("| Ana | no → yes |") && md.contains("| Cy | no → partly |"), "{md}");
    let html = mlops_maturity::export::render_html(&r);
    assert!(
        html.contains("Changed minds at a re-vote (2)") && html.contains("<td>Cy</td><td>no → partly</td>"),
        "{html}"
    );
    // Without re-votes the list is empty and the report says nothing about it.
    let plain = report_of(&workshop(THREE, "  dep-packaged: { votes: { Ana: yes, Ben: no } }\n"));
    assert!(plain.changed_minds.is_empty());
    assert!(!report::render_markdown(&plain).contains("Changed minds"));
}
