//! Unit tests of the portfolio: grouping, scoring and the figures over teams.

use super::summary::{common_blockers, level_distribution, median};
use super::team::team_warnings;
use super::*;
use crate::report::{self, SessionInput};

fn quick() -> Questionnaire {
    crate::questionnaire::built_in("mlops-quick").unwrap()
}

fn session_input(file: &str, yaml: &str) -> Input {
    let text = format!("format: 1\nquestionnaire: mlops-quick\n{yaml}");
    let session = crate::session::parse(&text, file).unwrap();
    Input { path: format!("in/{file}"), file_name: file.to_owned(), kind: InputKind::Session(session) }
}

fn report_input(file: &str, team: &str, date: &str) -> Input {
    let text = format!(
        r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "{team}", "date": "{date}",
            "overall": {{"level": 1, "score": 1.5}}, "dimensions": [{{"id": "x", "level": 1, "score": 1.5, "blocking": []}}]}}"#
    );
    Input {
        path: format!("in/{file}"),
        file_name: file.to_owned(),
        kind: InputKind::Report(parse_json_report(&text).unwrap()),
    }
}

fn team_with_blocking(name: &str, blocking: &[&str]) -> TeamResult {
    TeamResult {
        team: name.into(),
        questionnaire: "mlops-quick".into(),
        questionnaire_version: 3,
        respondents: vec![],
        previous: None,
        date: None,
        overall: TeamOverall { level: 0, score: 0.0 },
        target: TeamTarget { level: 1, source: crate::roadmap::TargetSource::NextLevel },
        dimensions: vec![],
        bottleneck: None,
        evidence: None,
        files: vec![],
        unanswered: None,
        stale: false,
        incomplete: false,
        blocking: blocking.iter().map(|s| (*s).to_owned()).collect(),
        pain: vec![],
    }
}

/// Each team's latest assessment: its name and members; and the grouping's warnings.
fn latest(inputs: &[Input]) -> (Vec<(String, Vec<usize>)>, Vec<String>) {
    let (teams, warnings) = assessments::by_team(inputs, &vec![Some(0); inputs.len()]);
    let latest = teams
        .into_iter()
        .map(|t| (t.team, t.assessments.last().map(|a| a.members.clone()).unwrap_or_default()))
        .collect();
    (latest, warnings)
}

#[test]
fn separate_sessions_of_one_team_are_merged() {
    let inputs = [
        session_input("a.yaml", "team: Fraud ML\nrespondent: Ana\n"),
        session_input("b.yaml", "team: Search\n"),
        session_input("c.yaml", "team: ' fraud-ml '\nrespondent: Ben\n"),
    ];
    let (groups, warnings) = latest(&inputs);
    assert_eq!(groups, vec![("Fraud ML".to_owned(), vec![0, 2]), ("Search".to_owned(), vec![1])]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_teams_dated_reports_are_its_assessments_and_the_latest_is_its_result() {
    let q = quick();
    let inputs = [
        report_input("q2.json", "Reco", "2026-05-12"),
        report_input("q4.json", "Reco", "2026-11-02"),
        report_input("q3.json", "Reco", "2026-08-01"),
    ];
    let (groups, warnings) = latest(&inputs);
    assert_eq!(groups, vec![("Reco".to_owned(), vec![1])]);
    assert!(warnings.is_empty(), "earlier quarters are the team's past, not inputs left out: {warnings:?}");
    let p = build(&q, &inputs, vec![], "2026-11-28", 1);
    let previous = p.teams[0].previous.as_ref().unwrap();
    assert_eq!(previous.date.as_deref(), Some("2026-08-01"));
}

#[test]
fn of_two_reports_of_one_assessment_the_one_given_last_is_kept() {
    let inputs = [report_input("a.json", "Reco", "2026-11-02"), report_input("b.json", "Reco", "2026-11-02")];
    let (groups, warnings) = latest(&inputs);
    assert_eq!(groups[0].1, vec![1]);
    assert!(warnings[0].contains("used in/b.json; left out in/a.json"), "{warnings:?}");
}

#[test]
fn the_latest_assessment_wins_and_undated_inputs_are_the_oldest() {
    let inputs = [
        session_input("pre-a.yaml", "team: T\ndate: 2026-01-10\n"),
        session_input("pre-b.yaml", "team: T\ndate: 2026-01-12\n"),
        session_input("w.yaml", "team: T\ndate: 2026-03-01\nparticipants: [{ name: Ana }]\n"),
        session_input("undated.yaml", "team: T\nparticipants: [{ name: Ben }]\n"),
    ];
    let (groups, warnings) = latest(&inputs);
    assert_eq!(groups, vec![("T".to_owned(), vec![2])]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn merged_sessions_win_when_newer_than_a_workshop() {
    let inputs = [
        session_input("w.yaml", "team: T\ndate: 2026-03-01\nparticipants: [{ name: Ana }]\n"),
        session_input("pre-a.yaml", "team: T\ndate: 2026-06-10\n"),
        session_input("pre-b.yaml", "team: T\ndate: 2026-06-12\n"),
    ];
    let (groups, _) = latest(&inputs);
    assert_eq!(groups[0].1, vec![1, 2]);
}

#[test]
fn inputs_without_a_team_are_teams_named_by_their_file() {
    let inputs = [
        session_input("churn.yaml", "respondent: Eli\n"),
        session_input("zeta.yaml", "team: '  '\n"),
        session_input("b.yaml", "team: Alpha\n"),
    ];
    let (groups, _) = latest(&inputs);
    let names: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(names, vec!["Alpha", "churn.yaml", "zeta.yaml"], "in team name order, ignoring case");
}

#[test]
fn common_blockers_need_two_teams_and_come_most_teams_first_then_questionnaire_order() {
    let q = quick();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    let (first, second, third) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    let teams = [
        team_with_blocking("A", &[first, second, third]),
        team_with_blocking("B", &[second, third]),
        team_with_blocking("C", &[third, first]),
        team_with_blocking("D", &[third]),
    ];
    let blockers = common_blockers(&q, &teams);
    let got: Vec<(&str, usize)> = blockers.iter().map(|b| (b.question.as_str(), b.teams)).collect();
    assert_eq!(got, vec![(third, 4), (first, 2), (second, 2)]);
    assert_eq!(blockers[1].team_names, vec!["A", "C"]);
    assert_eq!(blockers[0].text, q.question(third).unwrap().1.text);
    assert!(common_blockers(&q, &teams[..1]).is_empty(), "one team alone has no common blocker");
}

#[test]
fn level_distribution_lists_every_level_even_empty_ones() {
    let q = quick();
    let dist = level_distribution(&q, [0, 0, 2]);
    let got: Vec<(u32, usize)> = dist.iter().map(|l| (l.level, l.teams)).collect();
    assert_eq!(got, vec![(0, 2), (1, 0), (2, 1), (3, 0)]);
    assert_eq!(level_distribution(&q, []).len(), q.levels.len());
    let mut teams = vec![team_with_blocking("A", &[]), team_with_blocking("B", &[]), team_with_blocking("C", &[])];
    teams[2].overall.level = 2;
    let p = summarise(&q, teams, vec![], "2026-11-28");
    let shares: Vec<f64> = p.levels.iter().map(|l| l.share).collect();
    assert_eq!(shares, vec![2.0 / 3.0, 0.0, 1.0 / 3.0, 0.0], "each level's share of all teams");
}

#[test]
fn a_json_report_is_one_team_as_it_says() {
    let q = quick();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    let (d0, d1) = (&q.dimensions[0].id, &q.dimensions[1].id);
    let text = format!(
        r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "Reco", "generated": "2026-04-01",
            "respondents": ["Kim"], "overall": {{"level": 0, "score": 0.75}}, "target": {{"level": 2, "source": "context"}},
            "dimensions": [{{"id": "{d1}", "level": 1, "score": 1.5, "blocking": ["{b}"]}},
                           {{"id": "{d0}", "level": 0, "score": 0.5, "blocking": ["{a}"]}}],
            "bottlenecks": [{{"stage": "deployment", "time_share": 0, "pain": 4}}, {{"stage": "monitoring", "time_share": 60, "pain": null}}],
            "unanswered": ["{a}"], "unknown_future_key": true}}"#,
        a = ids[0],
        b = ids[ids.len() - 1],
    );
    let report = parse_json_report(&text).unwrap();
    let inputs = [Input { path: "r.json".into(), file_name: "r.json".into(), kind: InputKind::Report(report) }];
    let p = build(&q, &inputs, vec![], "2026-11-28", 1);
    let t = &p.teams[0];
    assert_eq!(t.date.as_deref(), Some("2026-04-01"), "a report without `date` is dated by `generated`");
    assert!(t.stale && t.incomplete);
    assert_eq!((t.overall.level, t.target.level, t.target.source.as_str()), (0, 2, "context"));
    assert_eq!(t.dimensions[0].score, Some(0.5), "dimensions in questionnaire order");
    assert_eq!(t.dimensions[1].level, Some(1));
    assert!(t.dimensions[2..].iter().all(|d| d.level.is_none()), "dimensions the report lacks stay empty");
    assert_eq!(t.blocking, vec![ids[0].clone(), ids[ids.len() - 1].clone()], "in questionnaire order");
    assert_eq!(t.bottleneck.as_deref(), Some("deployment"));
    assert!(parse_json_report(r#"{"team": "x"}"#).is_err(), "a JSON without questionnaire and dimensions");
}

#[test]
fn a_report_without_overall_is_its_lowest_level_and_mean_score_and_levels_above_the_highest_are_clamped() {
    let q = quick();
    let (d0, d1) = (&q.dimensions[0].id, &q.dimensions[1].id);
    let top = q.highest_level();
    let team = |dimensions: String| {
        let text = format!(
            r#"{{"questionnaire": {{"id": "mlops-quick", "version": 1}}, "team": "Reco", "dimensions": [{dimensions}]}}"#
        );
        let report = parse_json_report(&text).unwrap();
        let inputs = [Input { path: "r.json".into(), file_name: "r.json".into(), kind: InputKind::Report(report) }];
        let p = build(&q, &inputs, vec![], "2026-11-28", 1);
        let t = &p.teams[0];
        assert_eq!(
            (t.target.level, t.target.source.as_str()),
            ((t.overall.level + 1).min(top), "next-level"),
            "a report without a target aims at the next level"
        );
        (t.overall.level, t.overall.score, p.warnings)
    };
    let at_top = format!(
        r#"{{"id": "{d0}", "level": {top}, "score": 2.5, "blocking": []}}, {{"id": "{d1}", "level": 1, "score": 1.5, "blocking": []}}"#
    );
    let (level, score, warnings) = team(at_top);
    assert_eq!((level, score), (1, 2.0), "the lowest level and the mean of the dimension scores");
    assert!(warnings.iter().all(|w| !w.contains("above")), "the highest level itself is no warning: {warnings:?}");
    let above = format!(r#"{{"id": "{d0}", "level": {}, "score": 3.0, "blocking": []}}"#, top + 1);
    let (level, _, warnings) = team(above);
    assert_eq!(level, top, "a level above the questionnaire's highest counts as the highest");
    assert!(warnings.iter().any(|w| w.contains(&format!("holds levels above {top}"))), "{warnings:?}");
}

#[test]
fn a_teams_bottleneck_is_its_first_rated_stage_in_bottleneck_order() {
    let q = quick();
    let bottleneck = |yaml: &str| {
        let inputs = [session_input("a.yaml", &format!("team: T\n{yaml}"))];
        build(&q, &inputs, vec![], "2026-11-28", 1).teams[0].bottleneck.clone()
    };
    assert_eq!(bottleneck(""), None, "nothing rated: no bottleneck");
    assert_eq!(bottleneck("bottlenecks: { monitoring: { time_share: 0 } }\n"), None, "a zero share says nothing");
    assert_eq!(bottleneck("bottlenecks: { monitoring: { time_share: 30 } }\n").as_deref(), Some("monitoring"));
    assert_eq!(bottleneck("bottlenecks: { validation: { pain: 2 } }\n").as_deref(), Some("validation"));
    assert_eq!(
        bottleneck("bottlenecks: { validation: { pain: 2 }, monitoring: { pain: 4 } }\n").as_deref(),
        Some("monitoring")
    );
}

#[test]
fn a_workshop_teams_respondents_are_its_participants() {
    let q = quick();
    let inputs =
        [session_input("w.yaml", "team: T\nrespondent: Facilitator\nparticipants: [{ name: Ana }, { name: Ben }]\n")];
    let p = build(&q, &inputs, vec![], "2026-11-28", 1);
    assert_eq!(p.teams[0].respondents, vec!["Ana".to_owned(), "Ben".to_owned()]);
}

#[test]
fn notes_about_renamed_questions_are_counted_per_file() {
    let warnings = [
        "a.yaml: answer to old-1 counted for new-1".to_owned(),
        "a.yaml: answered version 1 of questionnaire q, which is now version 2; check the answers still fit".to_owned(),
        "a.yaml: answer to old-2 counted for new-2".to_owned(),
        "b.yaml: answer to old-1 counted for new-1".to_owned(),
    ];
    assert_eq!(
        team_warnings("T", &warnings),
        vec![
            "team T: a.yaml: answered version 1 of questionnaire q, which is now version 2; check the answers still fit",
            "team T: a.yaml: 2 answers to earlier question ids counted for the questions that replace them",
            "team T: b.yaml: 1 answer to earlier question ids counted for the questions that replace them",
        ]
    );
}

#[test]
fn median_of_odd_and_even_counts() {
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    assert_eq!(median(&mut []), None);
}

#[test]
fn a_team_is_scored_like_its_team_report() {
    let q = quick();
    let first = q.questions().next().unwrap().1.id.clone();
    let inputs = [
        session_input("a.yaml", &format!("team: T\nrespondent: Ana\ndate: 2026-02-01\nanswers:\n  {first}: yes\n")),
        session_input("b.yaml", &format!("team: T\nrespondent: Ben\ndate: 2026-02-03\nanswers:\n  {first}: no\n")),
    ];
    let p = build(&q, &inputs, vec![], "2026-11-28", 1);
    let sessions: Vec<SessionInput> = inputs
        .iter()
        .map(|i| match &i.kind {
            InputKind::Session(s) => SessionInput { file_name: i.file_name.clone(), session: s },
            InputKind::Report(_) => unreachable!(),
        })
        .collect();
    let r = report::build(&q, &sessions, None, "2026-11-28");
    let t = &p.teams[0];
    assert_eq!(t.respondents, vec!["Ana", "Ben"]);
    assert_eq!(t.date.as_deref(), Some("2026-02-03"), "the latest session's date");
    assert_eq!(t.overall.score, r.overall.score);
    let scores: Vec<f64> = t.dimensions.iter().filter_map(|d| d.score).collect();
    assert_eq!(scores, r.dimensions.iter().map(|d| d.score).collect::<Vec<_>>());
    assert_eq!(t.unanswered, Some(r.unanswered.len()));
    assert!(t.incomplete && t.stale);
}

#[test]
fn scoring_on_threads_gives_the_same_portfolio() {
    let q = quick();
    let inputs: Vec<Input> =
        (0..80).map(|i| session_input(&format!("s{i}.yaml"), &format!("team: T{}\n", i % 40))).collect();
    let one = to_json(&build(&q, &inputs, vec![], "2026-11-28", 1));
    let two = to_json(&build(&q, &inputs, vec![], "2026-11-28", 3));
    assert_eq!(one, two);
}

/// The questionnaires a portfolio reports: (id, version, teams).
fn uses(p: &Portfolio) -> Vec<(String, u32, usize)> {
    p.questionnaires.iter().map(|u| (u.id.clone(), u.version, u.teams)).collect()
}

#[test]
fn the_family_and_the_questionnaire_most_teams_used_name_the_portfolio() {
    let built_in = |id: &str| crate::questionnaire::built_in(id).unwrap();
    let qs = [built_in("mlops-maturity"), quick(), built_in("mlops-genai")];
    // Team C answered the full questionnaire twice, A and B the quick one: the quick pass has
    // more teams however many sessions C gave. D and E used the GenAI questionnaire, another
    // family, with fewer teams (2) than the full and quick together (3).
    let teams = ["C", "C", "A", "B", "D", "E"];
    let which = [0, 0, 1, 1, 2, 2];
    let inputs: Vec<Input> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| session_input(&format!("s{i}.yaml"), &format!("team: {t}\nrespondent: R{i}\n")))
        .collect();
    let p = build_many(&qs, &which, &inputs, vec![], "2026-11-28", 1);
    assert_eq!(p.questionnaire.id, "mlops-quick", "the questionnaire most teams used, not most sessions");
    let names: Vec<&str> = p.teams.iter().map(|t| t.team.as_str()).collect();
    assert_eq!(names, ["A", "B", "C"], "the GenAI teams do not compare");
    let skipped: Vec<&String> = p.warnings.iter().filter(|w| w.contains("does not compare")).collect();
    assert_eq!(skipped.len(), 2, "{:?}", p.warnings);
    assert!(
        skipped[0].starts_with("skipped in/s4.yaml: questionnaire `mlops-genai` does not compare with `mlops-quick`")
    );
    assert_eq!(uses(&p), [("mlops-maturity".into(), 3, 1), ("mlops-quick".into(), 3, 2)]);
}

#[test]
fn a_tie_between_questionnaires_goes_to_the_one_given_first() {
    let full = crate::questionnaire::built_in("mlops-maturity").unwrap();
    let inputs: Vec<Input> =
        ["A", "B"].iter().map(|t| session_input(&format!("{t}.yaml"), &format!("team: {t}\n"))).collect();
    let p = build_many(&[quick(), full.clone()], &[0, 1], &inputs, vec![], "2026-11-28", 1);
    assert_eq!(p.questionnaire.id, "mlops-quick");
    let p = build_many(&[full, quick()], &[0, 1], &inputs, vec![], "2026-11-28", 1);
    assert_eq!(p.questionnaire.id, "mlops-maturity");
}

#[test]
fn a_questionnaire_is_listed_once_per_version_and_only_when_a_teams_result_used_it() {
    let mut newer = quick();
    newer.version = 4;
    let inputs: Vec<Input> =
        ["A", "B", "C"].iter().map(|t| session_input(&format!("{t}.yaml"), &format!("team: {t}\n"))).collect();
    // Two copies of one version are one questionnaire; another version is listed apart.
    let p = build_many(&[quick(), quick(), newer], &[0, 1, 2], &inputs, vec![], "2026-11-28", 1);
    assert_eq!(uses(&p), [("mlops-quick".into(), 3, 2), ("mlops-quick".into(), 4, 1)], "each version its own teams");
    // The full questionnaire answered only in an assessment older than the team's latest scored
    // no team's result.
    let full = crate::questionnaire::built_in("mlops-maturity").unwrap();
    let inputs = [
        session_input("old.yaml", "team: A\ndate: 2026-01-05\n"),
        session_input("new.yaml", "team: A\ndate: 2026-06-01\n"),
        session_input("b.yaml", "team: B\ndate: 2026-06-01\n"),
    ];
    let p = build_many(&[full, quick()], &[0, 1, 1], &inputs, vec![], "2026-11-28", 1);
    assert_eq!(uses(&p), [("mlops-quick".into(), 3, 2)]);
}

/// A JSON report of the quick pass with every number at the edge of what it may hold (the
/// highest level, a score of exactly 3, pains of 1 and 5, a time share of 0), dated `date`.
fn edge_report() -> serde_json::Value {
    serde_json::json!({
        "questionnaire": {"id": "mlops-quick", "version": 3}, "team": "T", "date": "2026-06-01",
        "overall": {"level": 3, "score": 3.0}, "target": {"level": 3},
        "dimensions": [{"id": "data", "level": 3, "score": 3.0, "blocking": []},
                       {"id": "deployment", "level": 0, "score": 0.0, "blocking": []}],
        "bottlenecks": [{"stage": "deployment", "time_share": 0.0, "pain": 1.0}, {"stage": "monitoring", "pain": 5.0}]
    })
}

fn check_report(edit: impl Fn(&mut serde_json::Value)) -> Result<(), String> {
    let mut v = edge_report();
    edit(&mut v);
    let r = parse_json_report(&v.to_string()).unwrap();
    let input = Input { path: "in/r.json".into(), file_name: "r.json".into(), kind: InputKind::Report(r) };
    check_input(&quick(), &input, "2026-06-01")
}

#[test]
fn a_json_report_is_left_out_when_its_numbers_could_not_come_from_the_questionnaire() {
    assert_eq!(check_report(|_| {}), Ok(()), "every number at its edge, dated today");
    let refused = [
        (
            check_report(|v| v["overall"]["level"] = 4.into()),
            "its overall level 4 is above 3, the highest of mlops-quick",
        ),
        (check_report(|v| v["overall"]["score"] = 3.01.into()), "its overall score 3.01 is outside 0 to 3"),
        (check_report(|v| v["overall"]["score"] = (-0.5).into()), "its overall score -0.5 is outside 0 to 3"),
        (check_report(|v| v["target"]["level"] = 4.into()), "its target level 4 is above 3"),
        (check_report(|v| v["dimensions"][1]["level"] = 4.into()), "dimension `deployment` has level 4, above 3"),
        (
            check_report(|v| v["dimensions"][0]["score"] = 3.5.into()),
            "dimension `data` has the score 3.5, outside 0 to 3",
        ),
        (
            check_report(|v| v["bottlenecks"][0]["pain"] = 0.5.into()),
            "stage `deployment` has the pain 0.5, outside 1 to 5",
        ),
        (
            check_report(|v| v["bottlenecks"][1]["pain"] = 5.5.into()),
            "stage `monitoring` has the pain 5.5, outside 1 to 5",
        ),
        (
            check_report(|v| v["bottlenecks"][0]["time_share"] = (-1.0).into()),
            "stage `deployment` has the time share -1, below 0",
        ),
        (check_report(|v| v["date"] = "2026-06-02".into()), "dated 2026-06-02, after today (2026-06-01)"),
        (check_report(|v| v["date"] = "2026-02-30".into()), "its date 2026-02-30 is not a day of the calendar"),
    ];
    for (got, want) in refused {
        let why = got.expect_err(want);
        assert!(why.starts_with("skipped in/r.json: ") && why.contains(want), "{why:?} should say {want:?}");
    }
}

#[test]
fn a_session_dated_after_today_is_left_out_and_one_dated_today_is_kept() {
    let check = |date: &str| check_input(&quick(), &session_input("s.yaml", &format!("date: {date}\n")), "2026-06-01");
    assert_eq!(check("2026-06-01"), Ok(()));
    let why = check("2026-06-02").unwrap_err();
    assert!(why.starts_with("skipped in/s.yaml: dated 2026-06-02, after today"), "{why}");
}

#[test]
fn a_team_scored_with_another_questionnaire_of_the_family_shows_in_the_portfolios_order() {
    let text = |dims: [&str; 2], stages: [&str; 2]| {
        let dim = |d: &str| {
            format!(
                "  - id: {d}\n    name: {d}\n    questions:\n      - {{ id: {d}-q, level: 1, text: T, recommendation: R }}\n"
            )
        };
        let stage = |s: &str| format!("  - {{ id: {s}, name: {s} }}\n");
        format!(
            "id: fam-{}\nversion: 1\ntitle: F\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n{}{}stages:\n{}{}",
            dims[0],
            dim(dims[0]),
            dim(dims[1]),
            stage(stages[0]),
            stage(stages[1])
        )
    };
    let parse = |t: String| crate::questionnaire::parse(&t, "f.yaml").unwrap();
    let qs = [parse(text(["a", "b"], ["s1", "s2"])), parse(text(["b", "a"], ["s2", "s1"]))];
    let inputs = [
        session_input("x.yaml", "team: X\n"),
        session_input("z.yaml", "team: Z\n"),
        session_input("y.yaml", "team: Y\nanswers:\n  b-q: yes\nbottlenecks:\n  s2: { pain: 4 }\n"),
    ];
    let p = build_many(&qs, &[0, 0, 1], &inputs, vec![], "2026-11-28", 1);
    assert_eq!(p.questionnaire.id, "fam-a");
    let y = p.teams.iter().find(|t| t.team == "Y").unwrap();
    let dims: Vec<(&str, Option<u32>)> = y.dimensions.iter().map(|d| (d.id.as_str(), d.level)).collect();
    assert_eq!(dims, [("a", Some(0)), ("b", Some(1))], "the portfolio's dimension order, each with its own level");
    assert_eq!(y.pain, [None, Some(4.0)], "the portfolio's stage order");
}

#[test]
fn the_summary_counts_trends_bottlenecks_and_stale_teams() {
    let q = quick();
    let team = |name: &str, level: u32, before: Option<u32>, date: &str, bottleneck: Option<&str>| {
        let mut t = team_with_blocking(name, &[]);
        t.overall.level = level;
        t.previous = before.map(|overall_level| Previous { date: None, overall_level });
        t.date = Some(date.to_owned());
        t.bottleneck = bottleneck.map(str::to_owned);
        t.pain =
            q.stages.iter().map(|s| (s.id == "deployment").then_some(if level == 2 { 4.0 } else { 1.0 })).collect();
        t
    };
    let teams = vec![
        team("Up", 2, Some(1), "2026-05-28", Some("deployment")),
        team("Up too", 2, Some(0), "2026-05-27", Some("deployment")),
        team("Same", 1, Some(1), "2026-06-01", Some("monitoring")),
        team("Down", 0, Some(2), "2026-11-01", None),
        team("New", 1, None, "2026-11-01", None),
    ];
    let p = summarise(&q, teams, vec![], "2026-11-28");
    assert_eq!(
        (p.trend.up, p.trend.same, p.trend.down),
        (2, 1, 1),
        "a team without a previous assessment has no trend"
    );
    let stale: Vec<&str> = p.teams.iter().filter(|t| t.stale).map(|t| t.team.as_str()).collect();
    assert_eq!(stale, ["Up too"], "assessed before 2026-05-28, six months before the report (on it is not stale)");
    let deployment = p.bottlenecks.iter().find(|b| b.stage == "deployment").unwrap();
    assert_eq!((deployment.teams, deployment.rated_by), (2, 5), "the worst stage of two teams, rated by all five");
    assert_eq!(deployment.mean_pain, Some((4.0 + 4.0 + 1.0 + 1.0 + 1.0) / 5.0));
    assert_eq!(p.bottlenecks[0].stage, "deployment", "most teams first");
    let monitoring = p.bottlenecks.iter().find(|b| b.stage == "monitoring").unwrap();
    assert_eq!((monitoring.teams, monitoring.rated_by, monitoring.mean_pain), (1, 0, None));
}

#[test]
fn a_json_reports_version_pains_and_completeness_carry_into_its_team() {
    let mut v = edge_report();
    v["questionnaire"]["version"] = 2.into();
    v["unanswered"] = serde_json::json!(["data-quality-gates"]);
    let old = parse_json_report(&v.to_string()).unwrap();
    v["team"] = "U".into();
    v["questionnaire"]["version"] = 3.into();
    v["unanswered"] = serde_json::json!([]);
    let current = parse_json_report(&v.to_string()).unwrap();
    let input =
        |file: &str, r| Input { path: format!("in/{file}"), file_name: file.into(), kind: InputKind::Report(r) };
    let inputs = [
        input("t.json", old),
        input("u.json", current),
        session_input("s.yaml", "team: S\nbottlenecks:\n  monitoring: { pain: 2 }\n"),
    ];
    let p = build(&quick(), &inputs, vec![], "2026-11-28", 1);
    let versions: Vec<&String> = p.warnings.iter().filter(|w| w.contains("made with version")).collect();
    assert_eq!(versions.len(), 1, "{:?}", p.warnings);
    assert!(
        versions[0].starts_with("in/t.json: made with version 2 of questionnaire mlops-quick, which is now version 3")
    );
    let team = |name: &str| p.teams.iter().find(|t| t.team == name).unwrap();
    assert!(team("T").incomplete && !team("U").incomplete, "incomplete only with a question left unanswered");
    let q = quick();
    let pain_of = |t: &TeamResult, stage: &str| t.pain[q.stages.iter().position(|s| s.id == stage).unwrap()];
    assert_eq!((pain_of(team("T"), "deployment"), pain_of(team("T"), "monitoring")), (Some(1.0), Some(5.0)));
    assert_eq!(pain_of(team("T"), "data-preparation"), None);
    assert_eq!((pain_of(team("S"), "monitoring"), pain_of(team("S"), "deployment")), (Some(2.0), None));
}
