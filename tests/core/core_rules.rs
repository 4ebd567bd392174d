//! The subtle rules of the core, each pinned by a test named after it: the context points behind
//! the target, ties in the bottleneck order, per-respondent normalisation of time shares,
//! duplicate respondent names and role gaps. Mutation testing (`cargo mutants`) showed these
//! were the rules no other test held in place.

use mlops_maturity::questionnaire::{self, Questionnaire};
use mlops_maturity::roadmap::{StageLoad, TargetSource, bottleneck_order, context_points, target};
use mlops_maturity::session::{self, Answer, Context, Criticality, Session};
use mlops_maturity::workshop::{group, merge_loads, merge_ratings, merge_sessions, respondent_names, role_gaps};

fn ctx(models: Option<u32>, criticality: Option<Criticality>, regulated: Option<bool>) -> Context {
    Context { models_in_production: models, criticality, regulated, ..Context::default() }
}

#[test]
fn fewer_than_three_models_earn_no_volume_point() {
    assert_eq!(context_points(&ctx(Some(2), None, None)), 0);
    assert_eq!(context_points(&ctx(Some(0), None, None)), 0);
    assert_eq!(context_points(&ctx(Some(3), None, None)), 1);
    assert_eq!(context_points(&ctx(Some(9), None, None)), 1);
    assert_eq!(context_points(&ctx(Some(10), None, None)), 2);
}

#[test]
fn context_points_add_volume_criticality_customers_and_decisions_about_people_but_not_regulation() {
    assert_eq!(context_points(&ctx(Some(3), Some(Criticality::Medium), Some(true))), 2);
    assert_eq!(context_points(&ctx(Some(10), Some(Criticality::High), Some(false))), 4);
    assert_eq!(context_points(&ctx(None, Some(Criticality::Low), Some(true))), 0);
    let both = Context { customer_facing: Some(true), decides_about_people: Some(true), ..ctx(None, None, None) };
    assert_eq!(context_points(&both), 2);
}

#[test]
fn without_context_the_target_is_one_level_above_today() {
    let t = target(None, None, 1, 3);
    assert_eq!((t.level, t.source), (2, TargetSource::NextLevel));
    let t = target(None, None, 0, 3);
    assert_eq!((t.level, t.source), (1, TargetSource::NextLevel));
    // Never above the highest level.
    assert_eq!(target(None, None, 3, 3).level, 3);
}

#[test]
fn context_points_map_to_target_bands() {
    let level = |c: Context| target(None, Some(&c), 0, 3);
    assert_eq!(level(ctx(Some(2), Some(Criticality::Low), None)).level, 1);
    assert_eq!(level(ctx(Some(3), Some(Criticality::Medium), None)).level, 2);
    assert_eq!(level(ctx(Some(3), Some(Criticality::High), None)).level, 2);
    assert_eq!(level(ctx(Some(10), Some(Criticality::High), None)).level, 3);
    // Regulated work is held at Level 2, whatever its points.
    assert_eq!(level(ctx(Some(10), Some(Criticality::High), Some(true))).level, 2);
    assert_eq!(level(ctx(Some(3), None, None)).source, TargetSource::Context);
    // An explicit target wins over context.
    let t = target(Some(1), Some(&ctx(Some(50), Some(Criticality::High), Some(true))), 0, 3);
    assert_eq!((t.level, t.source), (1, TargetSource::Explicit));
}

fn load(time_share: f64, pain: Option<f64>) -> StageLoad {
    StageLoad { time_share, pain }
}

#[test]
fn higher_pain_comes_first_and_an_unrated_stage_counts_as_a_middle_pain() {
    let order = bottleneck_order(&[load(90.0, None), load(5.0, Some(2.0)), load(5.0, Some(5.0))]);
    assert_eq!(order, vec![2, 0, 1]);
}

#[test]
fn equal_pain_is_broken_by_time_share_then_stage_order() {
    let order = bottleneck_order(&[load(10.0, Some(4.0)), load(30.0, Some(4.0)), load(30.0, Some(4.0))]);
    assert_eq!(order, vec![1, 2, 0]);
}

#[test]
fn pains_within_rounding_error_count_as_equal() {
    // 4 and 4 + 1e-12 are the same pain: the larger time share decides.
    let order = bottleneck_order(&[load(50.0, Some(4.0)), load(10.0, Some(4.0 + 1e-12))]);
    assert_eq!(order, vec![0, 1]);
    // A difference of exactly the tolerance is still a tie.
    let order = bottleneck_order(&[load(50.0, Some(0.0)), load(10.0, Some(1e-9))]);
    assert_eq!(order, vec![0, 1]);
    // Just over the tolerance, pain decides.
    let order = bottleneck_order(&[load(50.0, Some(4.0)), load(10.0, Some(4.001))]);
    assert_eq!(order, vec![1, 0]);
}

#[test]
fn time_shares_within_rounding_error_fall_back_to_stage_order() {
    let order = bottleneck_order(&[load(20.0, Some(3.0)), load(20.0 + 1e-12, Some(3.0))]);
    assert_eq!(order, vec![0, 1]);
    let order = bottleneck_order(&[load(0.0, None), load(1e-9, None)]);
    assert_eq!(order, vec![0, 1]);
    let order = bottleneck_order(&[load(20.0, None), load(20.5, None)]);
    assert_eq!(order, vec![1, 0]);
}

#[test]
fn repeated_respondent_names_count_up_from_two() {
    let names = respondent_names(&[
        (Some("Ana".into()), "a.yaml".into()),
        (Some("Ana".into()), "b.yaml".into()),
        (Some("Ana".into()), "c.yaml".into()),
        (Some("Ana".into()), "d.yaml".into()),
    ]);
    assert_eq!(names, vec!["Ana", "Ana (2)", "Ana (3)", "Ana (4)"]);
}

fn sessions(texts: &[&str]) -> Vec<Session> {
    texts
        .iter()
        .map(|t| session::parse(&format!("format: 1\nquestionnaire: x\n{t}"), "s.yaml").expect("a valid session"))
        .collect()
}

#[test]
fn time_shares_are_normalised_per_respondent_then_averaged_over_raters() {
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let s = sessions(&[
        // 50% / 50% of this respondent's time.
        "bottlenecks:\n  deployment: { time_share: 1, pain: 2 }\n  monitoring: { time_share: 1 }\n",
        // 100% on deployment, however large the raw number.
        "bottlenecks:\n  deployment: { time_share: 400, pain: 4 }\n",
    ]);
    let refs: Vec<&Session> = s.iter().collect();
    let loads = merge_loads(&q.stages, &refs);
    let at = |id: &str| &loads[q.stages.iter().position(|st| st.id == id).unwrap()];
    // Deployment: mean of 50 and 100 = 75; monitoring: 50 (one rater); renormalised: 60% and 40%.
    assert!((at("deployment").time_share - 60.0).abs() < 1e-9, "{loads:?}");
    assert!((at("monitoring").time_share - 40.0).abs() < 1e-9, "{loads:?}");
    assert_eq!(at("deployment").pain, Some(3.0));
    assert_eq!(at("monitoring").pain, None);
    // A stage nobody rated has no share and no pain.
    assert_eq!(at("experimentation").time_share, 0.0);
    assert_eq!(at("experimentation").pain, None);
}

/// A two-dimension questionnaire with three questions per level, for role-gap arithmetic.
fn small() -> Questionnaire {
    let mut dims = String::new();
    for d in ["alpha", "beta"] {
        dims.push_str(&format!("  - id: {d}\n    name: {d}\n    questions:\n"));
        for level in 1..=2 {
            for i in 0..3 {
                dims.push_str(&format!(
                    "      - {{ id: {d}-{level}-{i}, level: {level}, text: t, recommendation: r }}\n"
                ));
            }
        }
    }
    let text = format!(
        "id: small\nversion: 1\ntitle: Small\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\n  - {{ level: 2, name: Two }}\ndimensions:\n{dims}"
    );
    questionnaire::parse(&text, "small.yaml").expect("valid")
}

fn column(q: &Questionnaire, f: impl Fn(&str) -> Option<Answer>) -> Vec<Option<Answer>> {
    q.questions().map(|(_, qn)| f(&qn.id)).collect()
}

#[test]
fn two_roles_a_full_level_apart_are_a_gap_with_each_roles_own_score() {
    let q = small();
    let eng = column(&q, |_| Some(Answer::Yes));
    let ds = column(&q, |id| Some(if id.starts_with("alpha") { Answer::No } else { Answer::Yes }));
    let roles = vec![Some("engineering".to_owned()), Some("data-science".to_owned())];
    let gaps = role_gaps(&q, &roles, &[&eng, &ds]);
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let (dimension, scores) = &gaps[0];
    assert_eq!(dimension, "alpha");
    assert_eq!(scores, &vec![("engineering".to_owned(), 2.0), ("data-science".to_owned(), 0.0)]);
}

#[test]
fn scores_less_than_one_apart_are_no_gap_whatever_their_sum_or_ratio() {
    let q = small();
    // alpha: 1 + 2/3 against 1 + 1/3: 0.33 apart (their sum and ratio are both above 1).
    let a = column(&q, |id| {
        Some(if id.starts_with("alpha-1") || id == "alpha-2-0" || id == "alpha-2-1" { Answer::Yes } else { Answer::No })
    });
    let b =
        column(&q, |id| Some(if id.starts_with("alpha-1") || id == "alpha-2-0" { Answer::Yes } else { Answer::No }));
    let roles = vec![Some("engineering".to_owned()), Some("product".to_owned())];
    assert!(role_gaps(&q, &roles, &[&a, &b]).is_empty());
}

#[test]
fn respondents_without_a_role_or_with_a_blank_one_form_no_role() {
    let q = small();
    let yes = column(&q, |_| Some(Answer::Yes));
    let no = column(&q, |_| Some(Answer::No));
    let roles = vec![Some("engineering".to_owned()), Some("  ".to_owned()), None, Some("product".to_owned())];
    let gaps = role_gaps(&q, &roles, &[&yes, &no, &no, &no]);
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    for (_, scores) in &gaps {
        let names: Vec<&str> = scores.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(names, vec!["engineering", "product"]);
    }
}

#[test]
fn a_single_role_has_nothing_to_differ_from() {
    let q = small();
    let yes = column(&q, |_| Some(Answer::Yes));
    let no = column(&q, |_| Some(Answer::No));
    let roles = vec![Some("engineering".to_owned()), Some("engineering".to_owned()), None];
    assert!(role_gaps(&q, &roles, &[&yes, &no, &no]).is_empty());
}

#[test]
fn shares_that_already_total_a_hundred_stand_as_given_even_off_by_rounding() {
    // A map `merge` wrote reads back to the very same numbers: a total within rounding error of
    // 100 is not normalised again.
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let share = |texts: &[&str], id: &str| {
        let s = sessions(texts);
        let refs: Vec<&Session> = s.iter().collect();
        merge_ratings(&q.stages, &refs)[q.stages.iter().position(|st| st.id == id).unwrap()].time_share
    };
    let map = "bottlenecks:\n  deployment: { time_share: 50 }\n  monitoring: { time_share: 50.0000000005 }\n";
    assert_eq!(share(&[map], "deployment"), Some(50.0));
    assert_eq!(share(&[map], "monitoring"), Some(50.0000000005));
    // Further from 100, the shares are turned into percent.
    let map = "bottlenecks:\n  deployment: { time_share: 50 }\n  monitoring: { time_share: 50.5 }\n";
    let deployment = share(&[map], "deployment").unwrap();
    assert!((deployment - 5000.0 / 100.5).abs() < 1e-9, "{deployment}");
}

#[test]
fn a_role_gap_spans_the_highest_and_lowest_of_any_number_of_roles() {
    let q = small();
    // alpha: engineering 2, product 1 + 1/3, data science 1; beta: 2 for all three.
    let eng = column(&q, |_| Some(Answer::Yes));
    let product =
        column(&q, |id| Some(if id.starts_with("alpha-2") && id != "alpha-2-0" { Answer::No } else { Answer::Yes }));
    let ds = column(&q, |id| Some(if id.starts_with("alpha-2") { Answer::No } else { Answer::Yes }));
    let roles = vec![Some("engineering".to_owned()), Some("product".to_owned()), Some("data-science".to_owned())];
    let gaps = role_gaps(&q, &roles, &[&eng, &product, &ds]);
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let (dimension, scores) = &gaps[0];
    assert_eq!(dimension, "alpha");
    let names: Vec<&str> = scores.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(names, vec!["engineering", "product", "data-science"]);
    assert!((scores[1].1 - 4.0 / 3.0).abs() < 1e-9, "{scores:?}");
}

#[test]
fn separate_sessions_list_each_respondents_vote_and_one_session_none() {
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let s = sessions(&["respondent: Ana\nanswers:\n  exp-tracking: yes\n", "answers:\n  exp-tracking: no\n"]);
    let i = q.questions().position(|(_, qn)| qn.id == "exp-tracking").unwrap();
    let two = group(&q, &[(&s[0], "a.yaml"), (&s[1], "b.yaml")]);
    let votes: Vec<(String, Answer)> = two.votes(i).into_iter().collect();
    assert_eq!(votes, vec![("Ana".to_owned(), Answer::Yes), ("b.yaml".to_owned(), Answer::No)]);
    assert!(group(&q, &[(&s[0], "a.yaml")]).votes(i).is_empty());
}

#[test]
fn merge_keeps_a_stage_rated_with_only_a_time_share_or_only_a_pain() {
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let s = sessions(&[
        "respondent: Ana\nbottlenecks:\n  deployment: { time_share: 10 }\n  monitoring: { pain: 3 }\n",
        "respondent: Ben\nbottlenecks:\n  deployment: { time_share: 30 }\n",
    ]);
    let (merged, warnings) = merge_sessions(&q, "mlops-maturity", &[(&s[0], "a.yaml"), (&s[1], "b.yaml")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let deployment = &merged.bottlenecks["deployment"];
    assert_eq!((deployment.time_share, deployment.pain), (Some(100.0), None));
    let monitoring = &merged.bottlenecks["monitoring"];
    assert_eq!((monitoring.time_share, monitoring.pain), (None, Some(3.0)));
    assert_eq!(merged.bottlenecks.len(), 2, "a stage nobody rated stays off the map");
}

#[test]
fn merge_gives_each_persons_note_and_evidence_one_line_and_leaves_out_empty_ones() {
    let q = questionnaire::built_in("mlops-maturity").unwrap();
    let s = sessions(&[
        "respondent: Ana\ncontext: {}\nanswers:\n  exp-tracking: { answer: yes, note: \"MLflow\\n   on prem \", evidence: \"  \" }\n  data-pipeline-code: { note: \"   \" }\n  exp-shared-env: { note: two  spaces }\n",
        "respondent: Ben\ncontext: { regulated: true }\nanswers:\n  exp-tracking: { answer: no, evidence: \"wiki/ml\\tpage\" }\n  data-quality-gates: yes\n",
    ]);
    let (merged, _) = merge_sessions(&q, "mlops-maturity", &[(&s[0], "a.yaml"), (&s[1], "b.yaml")]);
    assert_eq!(merged.context.and_then(|c| c.regulated), Some(true), "an empty context is no context");
    let tracking = &merged.answers["exp-tracking"];
    assert_eq!(tracking.note.as_deref(), Some("Ana: MLflow on prem"), "one line per person");
    assert_eq!(tracking.evidence.as_deref(), Some("Ben: wiki/ml page"), "a blank evidence is left out");
    let gates = &merged.answers["data-quality-gates"];
    assert_eq!((gates.note.as_deref(), gates.evidence.as_deref()), (None, None), "a vote alone has no note");
    assert_eq!(merged.answers["exp-shared-env"].note.as_deref(), Some("Ana: two spaces"));
    assert_eq!(merged.answers["exp-shared-env"].evidence, None);
    assert!(!merged.answers.contains_key("data-pipeline-code"), "a blank note alone leaves nothing to keep");
}
