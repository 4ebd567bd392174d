//! Properties of the scoring rules over random answers to the built-in questionnaire.

use mlops_maturity::questionnaire::built_in;
use mlops_maturity::scoring::score;
use mlops_maturity::session::Answer;
use proptest::prelude::*;
use std::sync::LazyLock;

static FULL: LazyLock<mlops_maturity::questionnaire::Questionnaire> =
    LazyLock::new(|| built_in("mlops-maturity").unwrap());

fn answer() -> impl Strategy<Value = Option<Answer>> {
    prop_oneof![
        Just(None),
        Just(Some(Answer::Yes)),
        Just(Some(Answer::Partial)),
        Just(Some(Answer::No)),
        Just(Some(Answer::Unknown)),
        Just(Some(Answer::Na)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn turning_no_into_yes_never_lowers_a_level(answers in proptest::collection::vec(answer(), FULL.question_count()), pick in 0usize..1000) {
        let q = &*FULL;
        let mut answers = answers;
        let pick = pick % answers.len();
        answers[pick] = Some(Answer::No);
        let before = score(q, &answers);
        let mut better = answers.clone();
        better[pick] = Some(Answer::Yes);
        let after = score(q, &better);
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert!(a.level >= b.level);
            prop_assert!(a.score >= b.score - 1e-12);
        }
        prop_assert!(after.overall_level >= before.overall_level);
    }

    #[test]
    fn overall_level_never_exceeds_any_dimension(answers in proptest::collection::vec(answer(), FULL.question_count())) {
        let s = score(&FULL, &answers);
        for d in &s.dimensions {
            prop_assert!(s.overall_level <= d.level);
            prop_assert!(d.score >= f64::from(d.level) && d.score <= f64::from(d.level) + 1.0);
        }
        prop_assert!(!s.weakest.is_empty());
    }
}
