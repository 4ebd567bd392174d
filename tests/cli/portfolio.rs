//! `portfolio`: one view over many teams, from the fixture folder of seven teams (separate
//! sessions of one team, a workshop session, dated JSON reports, a team without a name, a team
//! name full of markup) and one invalid file.

use crate::common;
use common::*;

const FOLDER: &str = "tests/fixtures/portfolio";

/// The golden portfolio: `UPDATE_EXAMPLE=1 cargo test --test cli portfolio::` rewrites it after a
/// deliberate change. The report date is pinned by SOURCE_DATE_EPOCH (2026-11-26).
#[test]
fn markdown_portfolio_of_the_fixture_folder() {
    let r = run(&["portfolio", FOLDER]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_golden("portfolio-expected.md", &r.stdout);
}

#[test]
fn markdown_says_levels_are_not_for_ranking_and_shows_every_part() {
    let r = run(&["portfolio", FOLDER]);
    let md = &r.stdout;
    assert!(md.contains("not for ranking teams"), "{md}");
    for part in ["common blockers", "Overall level", "Per dimension", "Heatmap", "Where the lifecycle hurts"] {
        assert!(md.contains(part), "missing {part}");
    }
    assert!(md.contains("| Pricing \\| &lt;script&gt;alert(1)&lt;/script&gt; |"), "team names are escaped: {md}");
    assert!(!md.contains("<script>"));
    assert!(md.contains("**Forecasting**: assessed 2026-03-30, more than six months ago"), "stale teams flagged");
    assert!(md.contains("**churn-model.yaml**: 47 questions unanswered"), "incomplete teams flagged");
}

#[test]
fn an_invalid_file_is_skipped_with_a_warning_naming_it() {
    let r = run(&["portfolio", FOLDER]);
    assert_eq!(r.code, 0, "one bad file among good ones does not fail the portfolio: {}", r.stderr);
    assert!(r.stderr.contains("warning: skipped tests/fixtures/portfolio/broken.yaml:6:"), "{}", r.stderr);
    assert!(r.stdout.contains("# MLOps maturity portfolio: 7 teams"));
}

#[test]
fn exit_1_only_when_no_team_could_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.yaml", "format: 1\nquestionnaire: mlops-quick\nanswers: [\n");
    let junk = write(dir.path(), "junk.json", "{\"not\": \"a report\"}");
    let r = run(&["portfolio", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("bad.yaml") && r.stderr.contains("junk.json"), "{}", r.stderr);
    assert!(r.stderr.contains("no team could be read"), "{}", r.stderr);
    let missing = dir.path().join("missing.yaml");
    let r = run(&["portfolio", bad.to_str().unwrap(), missing.to_str().unwrap(), junk.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing.yaml: cannot read the file: no such file"), "{}", r.stderr);
}

#[test]
fn the_full_assessment_and_its_quick_pass_share_a_portfolio_and_other_questionnaires_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-maturity\nteam: A\n");
    let b = write(dir.path(), "b.yaml", "format: 1\nquestionnaire: mlops-maturity\nteam: B\n");
    let c = write(dir.path(), "c.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: C\n");
    let g = write(dir.path(), "g.yaml", "format: 1\nquestionnaire: mlops-genai\nteam: G\n");
    let paths: Vec<&str> = [&a, &b, &c, &g].iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["portfolio"];
    args.extend(&paths);
    args.extend(["--format", "json"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["questionnaire"]["id"], "mlops-maturity", "the one most teams used");
    let used: Vec<(String, u64)> = v["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap().to_owned(), u["teams"].as_u64().unwrap()))
        .collect();
    assert_eq!(used, [("mlops-maturity".to_owned(), 2), ("mlops-quick".to_owned(), 1)]);
    let teams: Vec<(&str, &str)> = v["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["team"].as_str().unwrap(), t["questionnaire"].as_str().unwrap()))
        .collect();
    assert_eq!(teams, [("A", "mlops-maturity"), ("B", "mlops-maturity"), ("C", "mlops-quick")]);
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains("g.yaml") && warnings.contains("`mlops-genai`"), "{warnings}");
    let md = run(&args[..args.len() - 2]);
    assert!(md.stdout.contains("Questionnaires used: `mlops-maturity` v"), "{}", md.stdout);
}

#[test]
fn json_has_every_key_of_the_contract() {
    let r = run(&["portfolio", FOLDER, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for key in ["questionnaire", "teams", "levels", "dimensions", "common_blockers", "warnings", "generated"] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    for key in ["id", "version", "title"] {
        assert!(v["questionnaire"].get(key).is_some(), "questionnaire.{key}");
    }
    let teams = v["teams"].as_array().unwrap();
    assert_eq!(teams.len(), 7);
    for t in teams {
        for key in ["team", "respondents", "date", "overall", "target", "dimensions", "bottleneck"] {
            assert!(t.get(key).is_some(), "teams[].{key}");
        }
        assert!(t["overall"]["level"].is_u64() && t["overall"]["score"].is_f64());
        assert!(t["target"]["level"].is_u64() && t["target"]["source"].is_string());
        for d in t["dimensions"].as_array().unwrap() {
            for key in ["id", "level", "score"] {
                assert!(d.get(key).is_some(), "teams[].dimensions[].{key}");
            }
        }
    }
    let names: Vec<&str> = teams.iter().map(|t| t["team"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "teams in team name order");

    let levels: Vec<(u64, u64)> = v["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["level"].as_u64().unwrap(), l["teams"].as_u64().unwrap()))
        .collect();
    // The fixtures answer version 2: the questions version 3 added are unanswered.
    assert_eq!(levels, vec![(0, 6), (1, 1), (2, 0), (3, 0)], "every level listed, empty ones too");
    for d in v["dimensions"].as_array().unwrap() {
        for key in ["id", "name", "median_score", "levels"] {
            assert!(d.get(key).is_some(), "dimensions[].{key}");
        }
        assert_eq!(d["levels"].as_array().unwrap().len(), 4);
    }
    let blockers = v["common_blockers"].as_array().unwrap();
    assert!(!blockers.is_empty());
    let mut last = u64::MAX;
    for b in blockers {
        for key in ["question", "text", "dimension", "teams"] {
            assert!(b.get(key).is_some(), "common_blockers[].{key}");
        }
        let n = b["teams"].as_u64().unwrap();
        assert!(n >= 2 && n <= last, "at least two teams, most teams first");
        last = n;
    }
    assert_eq!(v["generated"], "2026-11-26");
}

#[test]
fn teams_come_from_the_inputs_as_design_says() {
    let r = run(&["portfolio", FOLDER, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let team = |name: &str| v["teams"].as_array().unwrap().iter().find(|t| t["team"] == name).cloned().unwrap();
    assert_eq!(team("Fraud ML")["respondents"], serde_json::json!(["Ana", "Ben"]), "separate sessions merged");
    assert_eq!(team("Fraud ML")["date"], "2026-11-14", "the latest session's date");
    assert_eq!(
        team("Search Ranking")["respondents"],
        serde_json::json!(["Gus", "Hal", "Ivy"]),
        "a workshop's participants"
    );
    assert_eq!(team("Recommendations")["date"], "2026-11-02", "the latest of two reports");
    assert_eq!(team("Recommendations")["previous"]["date"], "2026-05-12", "the one before gives the trend");
    assert_eq!(team("churn-model.yaml")["respondents"], serde_json::json!(["Eli"]), "named by its file");
    assert!(team("Fraud ML")["previous"].is_null(), "one assessment has no trend");
}

#[test]
fn csv_has_one_row_per_team_and_dimension() {
    let r = run(&["portfolio", FOLDER, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "team,dimension,level,score,overall_level,target_level,date");
    assert_eq!(lines.len(), 1 + 7 * 7, "7 teams × 7 dimensions");
    assert!(lines.contains(&"Fraud ML,Data preparation & pipelines,1,1.53,0,2,2026-11-14"), "{}", r.stdout);
    assert!(lines.contains(&"Forecasting,Deployment & release,0,0.43,0,2,2026-03-30"), "{}", r.stdout);
    assert!(lines.iter().any(|l| l.starts_with("Pricing | <script>alert(1)</script>,") && l.ends_with(",0,1,")));
    assert!(
        lines.contains(&"Fraud ML,\"Team, governance & ways of working\",0,0.75,0,2,2026-11-14"),
        "a comma is quoted"
    );
}

#[test]
fn html_is_self_contained_and_escaped() {
    let r = run(&["portfolio", FOLDER, "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = &r.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in ["http:", "https:", "file:", "<script", "<link", "<img", "@import"] {
        assert!(!html.contains(banned), "found {banned}");
    }
    assert!(html.contains("Pricing | &lt;script&gt;alert(1)&lt;/script&gt;"), "escaped team name");
    assert!(html.contains("not for ranking teams"));
    assert!(html.contains("@media print"));
    // Every heatmap cell prints its level as text; the colour only repeats it.
    assert!(html.contains(">2</td>") && html.contains("class=\"lvl\""));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("portfolio.md");
    let r = run(&["portfolio", FOLDER, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# MLOps maturity portfolio: 7 teams"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
}

#[test]
fn a_folder_is_read_one_level_deep_and_a_file_given_twice_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: A\nrespondent: Ana\n");
    std::fs::create_dir(dir.path().join("old")).unwrap();
    write(&dir.path().join("old"), "b.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: B\n");
    write(dir.path(), "notes.txt", "not an input");
    let r = run(&["portfolio", dir.path().to_str().unwrap(), a.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v["teams"].as_array().unwrap().iter().map(|t| t["team"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["A"]);
    assert_eq!(v["teams"][0]["respondents"], serde_json::json!(["Ana"]), "the same file twice counts once");
    assert!(r.stderr.contains("given twice"), "{}", r.stderr);
}

#[test]
fn text_from_files_never_reaches_the_terminal_as_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: \"Evil\\e[31m\\e]0;owned\\a\"\n");
    write(dir.path(), "b.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: \"Evil\\e[31m\\e]0;owned\\a\"\n");
    write(
        dir.path(),
        "c.json",
        "{\"questionnaire\": {\"id\": \"mlops-quick\"}, \"team\": \"Evil\\u001b[31m\", \"dimensions\": []}",
    );
    for format in ["markdown", "html", "csv", "json"] {
        let r = run(&["portfolio", dir.path().to_str().unwrap(), "--format", format]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'), "{format}: {:?}", r.stdout);
        assert!(!r.stderr.contains('\u{1b}'), "{format}: {:?}", r.stderr);
    }
}

mod arbitrary_reports {
    use mlops_maturity::portfolio::{self, Input, InputKind};
    use mlops_maturity::questionnaire;
    use proptest::prelude::*;

    /// A JSON report with arbitrary numbers in it, some of them out of range.
    fn report() -> impl Strategy<Value = String> {
        (
            "[a-zA-Z|<>&\\\\ ]{0,12}",
            proptest::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]|[a-z0-9-]{0,12}"),
            0u32..9,
            -5.0f64..9.0,
            proptest::collection::vec((0usize..9, 0u32..9, -5.0f64..9.0), 0..9),
            proptest::collection::vec((0usize..8, proptest::option::of(-3.0f64..9.0)), 0..8),
        )
            .prop_map(|(team, date, level, score, dims, stages)| {
                let ids = ["data", "experimentation", "validation", "deployment", "monitoring", "retraining", "organisation", "gone", ""];
                let stage_ids = ["data-preparation", "deployment", "monitoring", "retraining", "x", "", "validation", "experimentation"];
                let dims: Vec<serde_json::Value> = dims
                    .iter()
                    .map(|(d, l, s)| serde_json::json!({"id": ids[*d], "level": l, "score": s, "blocking": ["exp-tracking", "nope"]}))
                    .collect();
                let stages: Vec<serde_json::Value> =
                    stages.iter().map(|(s, p)| serde_json::json!({"stage": stage_ids[*s], "time_share": 10, "pain": p})).collect();
                serde_json::json!({
                    "questionnaire": {"id": "mlops-maturity", "version": 1}, "team": team, "date": date,
                    "overall": {"level": level, "score": score}, "dimensions": dims, "bottlenecks": stages,
                })
                .to_string()
            })
    }

    proptest! {
        #[test]
        fn any_reports_build_and_render_without_panic(texts in proptest::collection::vec(report(), 1..6)) {
            let q = questionnaire::built_in("mlops-maturity").unwrap();
            let inputs: Vec<Input> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| Input {
                    path: format!("r{i}.json"),
                    file_name: format!("r{i}.json"),
                    kind: InputKind::Report(portfolio::parse_json_report(t).unwrap()),
                })
                .collect();
            let p = portfolio::build(&q, &inputs, vec![], "2026-11-28", 2);
            let md = portfolio::render_markdown(&p);
            prop_assert!(md.contains("not for ranking teams"));
            prop_assert!(!portfolio::render_html(&p).contains("<script"));
            let rows = portfolio::to_csv(&p).matches("\r\n").count();
            prop_assert_eq!(rows, 1 + p.teams.len() * q.dimensions.len());
            let total: usize = p.levels.iter().map(|l| l.teams).sum();
            prop_assert_eq!(total, p.teams.len(), "every team is counted at some level");
        }
    }
}

#[test]
fn output_never_overwrites_an_input_but_replaces_an_earlier_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: A\n");
    let folder = dir.path().to_str().unwrap();
    let r = run(&["portfolio", folder, "-o", a.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is one of the report's inputs"), "{}", r.stderr);
    assert!(std::fs::read_to_string(&a).unwrap().contains("team: A"), "the input is untouched");

    let out = dir.path().join("portfolio.json");
    let out_arg = out.to_str().unwrap();
    assert_eq!(run(&["portfolio", folder, "--format", "json", "-o", out_arg]).code, 0);
    let again = run(&["portfolio", folder, "--format", "json", "-o", out_arg]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("portfolio.json"),
        "the earlier portfolio is skipped with a warning: {}",
        again.stderr
    );
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["teams"].as_array().unwrap().len(), 1);
}

/// A team in the portfolio has the levels and scores its own team report gives: separate
/// sessions merged, and a workshop session whose answers are only votes (consensus).
#[test]
fn each_team_scores_as_its_own_report() {
    let dir = tempfile::tempdir().unwrap();
    let workshop = write(
        dir.path(),
        "w.yaml",
        "format: 1\nquestionnaire: mlops-quick\nteam: W\nparticipants: [{ name: Ana, role: engineering }, { name: Ben }]\n\
         answers:\n  data-pipeline-code: { votes: { Ana: yes, Ben: yes } }\n  data-versioned: { votes: { Ana: yes, Ben: no }, answer: partial }\n",
    );
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("Fraud ML", vec![format!("{FOLDER}/fraud-ml-ana.yaml"), format!("{FOLDER}/fraud-ml-ben.yaml")]),
        ("W", vec![workshop.display().to_string()]),
    ];
    for (team, files) in cases {
        let args: Vec<&str> = files.iter().map(String::as_str).collect();
        let report = run(&[&["report"], args.as_slice(), &["--format", "json"]].concat());
        assert_eq!(report.code, 0, "{}", report.stderr);
        let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
        let folio = run(&[&["portfolio"], args.as_slice(), &["--format", "json"]].concat());
        assert_eq!(folio.code, 0, "{}", folio.stderr);
        let folio: serde_json::Value = serde_json::from_str(&folio.stdout).unwrap();
        let t = &folio["teams"][0];
        assert_eq!(t["team"], team);
        assert_eq!(t["overall"]["level"], report["overall"]["level"], "{team}");
        assert_eq!(t["overall"]["score"], report["overall"]["score"], "{team}");
        assert_eq!(t["target"]["level"], report["target"]["level"], "{team}");
        assert_eq!(t["respondents"], report["respondents"], "{team}");
        for (mine, theirs) in t["dimensions"].as_array().unwrap().iter().zip(report["dimensions"].as_array().unwrap()) {
            assert_eq!(
                (&mine["id"], &mine["level"], &mine["score"]),
                (&theirs["id"], &theirs["level"], &theirs["score"])
            );
        }
    }
}

#[test]
fn a_teams_quarters_are_assessments_not_respondents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Q3: nothing in place; Q4: the quick pass's Level 1 practices in place.
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    let level1: Vec<String> =
        q.questions().filter(|(_, qn)| qn.level == 1).map(|(_, qn)| format!("  {}: yes\n", qn.id)).collect();
    write(
        d,
        "q3.yaml",
        "format: 1\nquestionnaire: mlops-quick\nteam: Retail ML\nrespondent: Maya\ndate: 2026-09-07\nanswers: {}\n",
    );
    write(
        d,
        "q4.yaml",
        &format!(
            "format: 1\nquestionnaire: mlops-quick\nteam: Retail ML\nrespondent: Maya\ndate: 2026-11-20\nanswers:\n{}",
            level1.concat()
        ),
    );
    // The JSON report exported from Q3 sits beside them, dated a day later.
    let q3_json = run_in(d, d, &["report", "q3.yaml", "--format", "json"]);
    let mut report: serde_json::Value = serde_json::from_str(&q3_json.stdout).unwrap();
    report["date"] = serde_json::json!("2026-09-08");
    write(d, "q3-report.json", &report.to_string());
    let r = run_in(d, d, &["portfolio", ".", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let teams = v["teams"].as_array().unwrap();
    assert_eq!(teams.len(), 1, "{}", r.stdout);
    let t = &teams[0];
    assert_eq!(t["respondents"], serde_json::json!(["Maya"]), "one person, two quarters");
    assert_eq!(t["date"], "2026-11-20");
    assert_eq!(t["overall"]["level"], 1, "the latest assessment is the team's result");
    assert_eq!(t["previous"], serde_json::json!({"date": "2026-09-08", "overall_level": 0}));
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains("used ./q3.yaml; left out ./q3-report.json"), "{warnings}");
    let md = run_in(d, d, &["portfolio", "."]);
    assert!(md.stdout.contains("1 team went up a level or more"), "{}", md.stdout);
    assert!(md.stdout.contains("| Retail ML | Level 0 (2026-09-08) | Level 1 (2026-11-20) ↑ |"), "{}", md.stdout);
}

#[test]
fn a_json_report_of_a_custom_questionnaire_is_read_with_the_questionnaire_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = common::pinned_text("mlops-quick").replacen("id: mlops-quick", "id: our-check", 1);
    write(d, "our-check.yaml", &text);
    write(d, "a.yaml", "format: 1\nquestionnaire: our-check.yaml\nteam: A\nrespondent: Ann\nanswers: {}\n");
    let other = tempfile::tempdir().unwrap();
    write(other.path(), "our-check.yaml", &text);
    let b = write(other.path(), "b.yaml", "format: 1\nquestionnaire: our-check.yaml\nteam: B\nanswers: {}\n");
    let json = run_in(d, d, &["report", b.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    write(d, "b-report.json", &json.stdout);
    let r = run_in(d, d, &["portfolio", ".", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let teams: Vec<&str> = v["teams"].as_array().unwrap().iter().map(|t| t["team"].as_str().unwrap()).collect();
    assert_eq!(teams, ["A", "B"], "{}", r.stdout);
    assert_eq!(v["questionnaire"]["id"], "our-check");
    assert_eq!(v["warnings"], serde_json::json!([]), "the questionnaire file is recognised, not a broken session");
}

/// A team's folder of four quarters: a session, a JSON report, a workshop, two sessions.
fn four_quarters(d: &std::path::Path) {
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    let at = |level: u32| -> String {
        q.questions().filter(|(_, qn)| qn.level <= level).map(|(_, qn)| format!("  {}: yes\n", qn.id)).collect()
    };
    write(
        d,
        "q1.yaml",
        "format: 1\nquestionnaire: mlops-quick\nteam: Retail ML\nrespondent: Maya\ndate: 2026-03-02\nanswers: {}\n",
    );
    let q2 = write(
        d,
        "q2-session.yaml",
        &format!(
            "format: 1\nquestionnaire: mlops-quick\nteam: Retail ML\nrespondent: Maya\ndate: 2026-06-01\nanswers:\n{}",
            at(1)
        ),
    );
    let json = run_in(d, d, &["report", q2.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_file(&q2).unwrap();
    write(d, "q2.json", &json.stdout);
    let agreed: String = q
        .questions()
        .filter(|(_, qn)| qn.level <= 1)
        .map(|(_, qn)| format!("  {}: {{ votes: {{ Maya: yes, Ben: yes }}, answer: yes }}\n", qn.id))
        .collect();
    write(
        d,
        "q3-workshop.yaml",
        &format!(
            "format: 1\nquestionnaire: mlops-quick\nteam: retail-ml\ndate: 2026-09-07\nparticipants:\n  - {{ name: Maya }}\n  - {{ name: Ben }}\nanswers:\n{agreed}"
        ),
    );
    for (who, day) in [("Maya", "2026-11-20"), ("Ben", "2026-11-24")] {
        write(
            d,
            &format!("q4-{who}.yaml"),
            &format!(
                "format: 1\nquestionnaire: mlops-quick\nteam: Retail ML\nrespondent: {who}\ndate: {day}\nanswers:\n{}",
                at(2)
            ),
        );
    }
}

#[test]
fn history_shows_a_teams_assessments_in_date_order_and_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    four_quarters(d);
    let r = run_in(d, d, &["history", ".", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["team"], "Retail ML");
    let a = v["assessments"].as_array().unwrap();
    let dates: Vec<&str> = a.iter().map(|x| x["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-03-02", "2026-06-01", "2026-09-07", "2026-11-24"]);
    let levels: Vec<u64> = a.iter().map(|x| x["overall"]["level"].as_u64().unwrap()).collect();
    assert_eq!(levels, [0, 1, 1, 2]);
    assert_eq!(a[2]["respondents"], serde_json::json!(["Maya", "Ben"]), "the workshop's participants");
    assert_eq!(
        a[3]["respondents"],
        serde_json::json!(["Ben", "Maya"]),
        "two sessions of one assessment, in file order"
    );
    assert_eq!(a[1]["questionnaire"]["id"], "mlops-quick");
    for x in a {
        for key in ["date", "questionnaire", "respondents", "overall", "dimensions"] {
            assert!(x.get(key).is_some(), "assessments[].{key}");
        }
    }
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    assert_eq!(changes[0]["from"], "2026-03-02");
    assert_eq!(changes[0]["to"], "2026-06-01");
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    assert_eq!(changes[0]["dimensions"].as_array().unwrap().len(), q.dimensions.len(), "every dimension");
    let first = &changes[0]["answers"].as_array().unwrap()[0];
    assert!(first["before"].is_null() && first["after"] == "yes", "{first}");
    assert!(changes[1]["answers"].as_array().unwrap().is_empty(), "Q2 → Q3 changed no answer");
    assert!(changes[2]["answers"].as_array().unwrap().iter().all(|x| x["after"] == "yes"));

    let md = run_in(d, d, &["history", "."]);
    assert!(md.stdout.contains("went from Level 0 to Level 2"), "{}", md.stdout);
    let html = run_in(d, d, &["history", ".", "--format", "html", "-o", "h.html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    let text = std::fs::read_to_string(d.join("h.html")).unwrap();
    let doc = scraper::Html::parse_document(&text);
    let chart = doc.select(&scraper::Selector::parse("svg#history-chart").unwrap()).next().expect("a chart");
    let words: String = chart.text().collect();
    assert!(words.contains("2026-11-24") && words.contains("2.00"), "dates and scores as text: {words}");
    assert!(!text.contains("http:") && !text.contains("https:") && !text.contains("<script"));
}

#[test]
fn history_asks_which_team_when_there_are_several() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    four_quarters(d);
    write(d, "other.yaml", "format: 1\nquestionnaire: mlops-quick\nteam: Search\ndate: 2026-11-01\nanswers: {}\n");
    let r = run_in(d, d, &["history", "."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`Retail ML`") && r.stderr.contains("`Search`"), "{}", r.stderr);
    let r = run_in(d, d, &["history", ".", "--team", "retail_ml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(d, d, &["history", ".", "--team", "Nobody"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no team `Nobody`") && r.stderr.contains("`Search`"), "{}", r.stderr);
    let r = run_in(d, d, &["history", ".", "--team", "Search", "--format", "csv"]);
    assert_eq!(r.code, 2, "csv is not a history format");
}

#[test]
fn history_and_portfolio_print_the_first_20_warnings_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    four_quarters(d);
    for i in 0..25 {
        write(d, &format!("broken-{i:02}.yaml"), "format: 1\nanswers: [\n");
    }
    for command in ["history", "portfolio"] {
        let r = run_in(d, d, &[command, "."]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let shown = r.stderr.lines().filter(|l| l.starts_with("mlops-maturity: warning: skipped")).count();
        assert_eq!(shown, 20, "{command}: {}", r.stderr);
        assert!(r.stderr.contains("and 5 more warnings; `--format json` lists them all"), "{command}: {}", r.stderr);
        let json = run_in(d, d, &[command, ".", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let skipped = v["warnings"].as_array().unwrap().iter().filter(|w| w.as_str().unwrap().starts_with("skipped"));
        assert_eq!(skipped.count(), 25, "{command}: the JSON lists every warning");
    }
}
