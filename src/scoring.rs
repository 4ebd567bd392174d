//! Scoring: levels, scores, blocking questions and practices ahead of their foundation.
//!
//! Pure functions over a questionnaire and one answer per question (in questionnaire order);
//! they follow the rules in DESIGN.md to the letter and know nothing of files or terminals.

use crate::questionnaire::Questionnaire;
use crate::session::Answer;
/// What an answer is worth, and when a computed number reaches a threshold (they live with the answer).
pub use crate::session::{EPSILON, credit, reaches};

/// One dimension's result.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionResult {
    /// The highest level L such that every level from 1 to L is met; 0 if none.
    pub level: u32,
    /// The level plus the ratio of the next level (the level alone at the highest level).
    pub score: f64,
    /// Ratio at levels 1..=highest (index 0 is level 1); `None` when the level is vacuous.
    pub(crate) ratios: Vec<Option<f64>>,
    /// Whether each level 1..=highest is met (index 0 is level 1).
    pub(crate) met: Vec<bool>,
    /// Question ids at level + 1 not answered yes and not na.
    pub(crate) blocking: Vec<String>,
    /// Question ids answered yes or partial above level + 1.
    pub(crate) ahead: Vec<String>,
}

/// Every dimension's result, and the overall one.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// One result per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionResult>,
    /// The lowest level of any dimension (the weakest link).
    pub overall_level: u32,
    /// The mean of the dimensions' scores.
    pub(crate) overall_score: f64,
    /// Indexes of the dimensions at the overall level.
    pub weakest: Vec<usize>,
}

/// Scores every dimension. `answers` holds one entry per question in questionnaire order;
/// a question that `applies_when` leaves out must be given as `na` (the report builder does so).
pub fn score(q: &Questionnaire, answers: &[Option<Answer>]) -> Scores {
    let highest = q.highest_level();
    let dimensions: Vec<DimensionResult> = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let start = q.dimension_start(i);
            let mine = &answers[start..start + d.questions.len()];
            let mut sums = vec![(0.0f64, 0.0f64); highest as usize];
            for (question, &answer) in d.questions.iter().zip(mine) {
                if let Some(c) = credit(answer, q.scoring.partial_credit) {
                    let slot = &mut sums[question.level as usize - 1];
                    slot.0 += question.weight * c;
                    slot.1 += question.weight;
                }
            }
            let ratios: Vec<Option<f64>> =
                sums.iter().map(|&(got, of)| if of > 0.0 { Some(got / of) } else { None }).collect();
            // A required practice that counts (not na) carries its level only when in place.
            let mut required_missing = vec![false; highest as usize];
            for (question, &answer) in d.questions.iter().zip(mine) {
                if question.required && !matches!(answer, Some(Answer::Yes) | Some(Answer::Na)) {
                    required_missing[question.level as usize - 1] = true;
                }
            }
            let met: Vec<bool> = ratios
                .iter()
                .zip(&required_missing)
                .map(|(r, missing)| !missing && r.is_none_or(|r| reaches(r, q.scoring.pass_ratio)))
                .collect();
            let level = met.iter().take_while(|m| **m).count() as u32;
            let score = if level < highest {
                f64::from(level) + ratios[level as usize].unwrap_or(0.0)
            } else {
                f64::from(level)
            };
            let blocking = d
                .questions
                .iter()
                .zip(mine)
                .filter(|(question, answer)| {
                    question.level == level + 1 && !matches!(answer, Some(Answer::Yes) | Some(Answer::Na))
                })
                .map(|(question, _)| question.id.clone())
                .collect();
            let ahead = d
                .questions
                .iter()
                .zip(mine)
                .filter(|(question, answer)| {
                    question.level > level + 1 && matches!(answer, Some(Answer::Yes) | Some(Answer::Partial))
                })
                .map(|(question, _)| question.id.clone())
                .collect();
            DimensionResult { level, score, ratios, met, blocking, ahead }
        })
        .collect();
    let overall_level = dimensions.iter().map(|d| d.level).min().unwrap_or(0);
    let overall_score = if dimensions.is_empty() {
        0.0
    } else {
        dimensions.iter().map(|d| d.score).sum::<f64>() / dimensions.len() as f64
    };
    let weakest = dimensions.iter().enumerate().filter(|(_, d)| d.level == overall_level).map(|(i, _)| i).collect();
    Scores { dimensions, overall_level, overall_score, weakest }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::parse;
    use Answer::*;

    /// Two dimensions, levels 0-3; `a` has two questions at level 1 (weights 1 and 3), one at 2, one at 3.
    fn questionnaire(scoring: &str) -> Questionnaire {
        let text = format!(
            "id: t\nversion: 1\ntitle: T\n{scoring}levels:\n  - {{ level: 0, name: L0 }}\n  - {{ level: 1, name: L1 }}\n  - {{ level: 2, name: L2 }}\n  - {{ level: 3, name: L3 }}\ndimensions:\n  - id: a\n    name: A\n    questions:\n      - {{ id: a1, level: 1, text: t, recommendation: r }}\n      - {{ id: a1b, level: 1, text: t, recommendation: r, weight: 3 }}\n      - {{ id: a2, level: 2, text: t, recommendation: r }}\n      - {{ id: a3, level: 3, text: t, recommendation: r }}\n  - id: b\n    name: B\n    questions:\n      - {{ id: b2, level: 2, text: t, recommendation: r }}\n"
        );
        parse(&text, "t.yaml").unwrap()
    }

    #[test]
    fn weights_count_in_the_ratio() {
        let q = questionnaire("");
        let s = score(&q, &[Some(No), Some(Yes), None, None, None]);
        assert_eq!(s.dimensions[0].ratios[0], Some(0.75));
        assert_eq!(s.dimensions[0].level, 0);
        assert_eq!(s.dimensions[0].score, 0.75);
        assert_eq!(s.dimensions[0].blocking, vec!["a1".to_string()]);
    }

    #[test]
    fn vacuous_level_is_met_and_has_no_ratio() {
        let q = questionnaire("");
        let s = score(&q, &[Some(Yes), Some(Yes), Some(Yes), None, Some(Yes)]);
        // b has nothing at levels 1 and 3: both vacuous, so b reaches the top.
        assert_eq!(s.dimensions[1].ratios, vec![None, Some(1.0), None]);
        assert_eq!(s.dimensions[1].level, 3);
        assert_eq!(s.dimensions[1].score, 3.0);
        assert_eq!(s.dimensions[0].level, 2);
        assert_eq!(s.dimensions[0].score, 2.0);
        assert_eq!(s.overall_level, 2);
        assert_eq!(s.weakest, vec![0]);
        assert_eq!(s.overall_score, 2.5);
    }

    #[test]
    fn all_na_is_vacuous() {
        let q = questionnaire("");
        let s = score(&q, &[Some(Na), Some(Na), Some(Na), Some(Na), Some(Na)]);
        assert_eq!(s.dimensions[0].level, 3);
        assert!(s.dimensions[0].blocking.is_empty());
    }

    #[test]
    fn partial_credit_zero_and_one() {
        let zero = questionnaire("scoring: { partial_credit: 0 }\n");
        let s = score(&zero, &[Some(Partial), Some(Partial), None, None, None]);
        assert_eq!(s.dimensions[0].ratios[0], Some(0.0));
        let one = questionnaire("scoring: { partial_credit: 1 }\n");
        let s = score(&one, &[Some(Partial), Some(Partial), Some(Partial), None, None]);
        assert_eq!(s.dimensions[0].level, 2);
        // Partial still blocks nothing it should not: blocking lists level-3 questions not yes.
        assert_eq!(s.dimensions[0].blocking, vec!["a3".to_string()]);
    }

    #[test]
    fn pass_ratio_one_needs_everything() {
        let q = questionnaire("scoring: { pass_ratio: 1.0 }\n");
        let s = score(&q, &[Some(Yes), Some(Partial), None, None, None]);
        assert_eq!(s.dimensions[0].level, 0);
        // (1·1 + 0.5·3) / 4 = 0.625
        assert!((s.dimensions[0].score - 0.625).abs() < 1e-12);
    }

    #[test]
    fn unknown_counts_as_zero_and_blocks() {
        let q = questionnaire("");
        let s = score(&q, &[Some(Unknown), Some(Yes), None, None, None]);
        assert_eq!(s.dimensions[0].ratios[0], Some(0.75));
        assert_eq!(s.dimensions[0].blocking, vec!["a1".to_string()]);
    }

    #[test]
    fn ahead_of_foundation_is_above_the_next_level() {
        let q = questionnaire("");
        let s = score(&q, &[Some(No), Some(No), Some(Yes), Some(Partial), None]);
        assert_eq!(s.dimensions[0].level, 0);
        assert_eq!(s.dimensions[0].ahead, vec!["a2".to_string(), "a3".to_string()]);
    }

    #[test]
    fn threshold_allows_rounding_error() {
        assert!(reaches(0.8 - 1e-10, 0.8));
        assert!(!reaches(0.8 - 1e-8, 0.8));
    }
}
