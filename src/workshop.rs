//! Several respondents: consensus answers, disagreements, merged bottlenecks and role gaps.
//!
//! A single session goes through the same functions: its answers are taken as they are, so one
//! respondent's report and a workshop's are built by the same code.

use crate::questionnaire::{Questionnaire, Stage};
use crate::roadmap::{StageLoad, to_percent};
use crate::scoring::{self, reaches};
use crate::session::{Answer, Session};

/// Each session's answers in questionnaire order.
pub fn answers_of(q: &Questionnaire, s: &Session) -> Vec<Option<Answer>> {
    q.questions()
        .map(|(_, question)| s.answer(&question.id).or_else(|| s.replaced_answer(question).map(|(_, a)| a)))
        .collect()
}

/// The group's answer to one question from each respondent's answer.
///
/// One respondent's answer stands as given. For several, the median credit of those who said
/// yes, partial or no, mapped back to an answer; failing that, unanswered, na or unknown.
pub fn consensus(answers: &[Option<Answer>], partial_credit: f64) -> Option<Answer> {
    if let [only] = answers {
        return *only;
    }
    let mut credits: Vec<f64> = answers
        .iter()
        .filter_map(|a| match a {
            Some(Answer::Yes) => Some(1.0),
            Some(Answer::Partial) => Some(partial_credit),
            Some(Answer::No) => Some(0.0),
            _ => None,
        })
        .collect();
    if credits.is_empty() {
        if answers.iter().all(Option::is_none) {
            return None;
        }
        let na = answers.iter().filter(|a| **a == Some(Answer::Na)).count();
        return Some(if na * 2 > answers.len() { Answer::Na } else { Answer::Unknown });
    }
    credits.sort_by(f64::total_cmp);
    let n = credits.len();
    let median = if n % 2 == 1 { credits[n / 2] } else { (credits[n / 2 - 1] + credits[n / 2]) / 2.0 };
    Some(if reaches(median, 0.75) {
        Answer::Yes
    } else if reaches(median, 0.25) {
        Answer::Partial
    } else {
        Answer::No
    })
}

/// Consensus answers over all given respondents (`per_respondent[r][question]`).
pub fn merge_answers(q: &Questionnaire, per_respondent: &[&[Option<Answer>]]) -> Vec<Option<Answer>> {
    let mut column = Vec::with_capacity(per_respondent.len());
    (0..q.question_count())
        .map(|i| {
            column.clear();
            column.extend(per_respondent.iter().map(|answers| answers[i]));
            consensus(&column, q.scoring.partial_credit)
        })
        .collect()
}

/// Names of the respondents: the session's `respondent`, else its file name; repeats get " (2)"…
pub fn respondent_names(given: &[(Option<String>, String)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(given.len());
    let mut taken = std::collections::HashSet::with_capacity(given.len());
    for (respondent, file) in given {
        let base = respondent.clone().filter(|r| !r.trim().is_empty()).unwrap_or_else(|| file.clone());
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// Questions where one respondent said yes and another no, with everyone's answer.
pub fn disagreements(
    q: &Questionnaire,
    names: &[String],
    per_respondent: &[&[Option<Answer>]],
) -> Vec<(String, Vec<(String, Answer)>)> {
    q.questions()
        .enumerate()
        .filter_map(|(i, (_, question))| {
            let column: Vec<(String, Answer)> = names
                .iter()
                .zip(per_respondent)
                .filter_map(|(name, answers)| answers[i].map(|a| (name.clone(), a)))
                .collect();
            let yes = column.iter().any(|(_, a)| *a == Answer::Yes);
            let no = column.iter().any(|(_, a)| *a == Answer::No);
            (yes && no).then(|| (question.id.clone(), column))
        })
        .collect()
}

/// The bottleneck map of the group: each respondent's shares in percent, averaged over those who
/// rated the stage, then in percent again; pain averaged over those who rated it.
pub fn merge_loads(stages: &[Stage], sessions: &[&Session]) -> Vec<StageLoad> {
    let mut share_sum = vec![0.0; stages.len()];
    let mut share_count = vec![0usize; stages.len()];
    let mut pain_sum = vec![0.0; stages.len()];
    let mut pain_count = vec![0usize; stages.len()];
    for s in sessions {
        let shares: Vec<Option<f64>> =
            stages.iter().map(|st| s.bottlenecks.get(&st.id).and_then(|r| r.time_share)).collect();
        for (i, share) in to_percent(&shares).into_iter().enumerate() {
            if let Some(v) = share {
                share_sum[i] += v;
                share_count[i] += 1;
            }
        }
        for (i, st) in stages.iter().enumerate() {
            if let Some(p) = s.bottlenecks.get(&st.id).and_then(|r| r.pain) {
                pain_sum[i] += p;
                pain_count[i] += 1;
            }
        }
    }
    let means: Vec<Option<f64>> =
        share_sum.iter().zip(&share_count).map(|(s, &n)| (n > 0).then(|| s / n as f64)).collect();
    to_percent(&means)
        .into_iter()
        .zip(pain_sum.iter().zip(&pain_count))
        .map(|(share, (p, &n))| StageLoad { time_share: share.unwrap_or(0.0), pain: (n > 0).then(|| p / n as f64) })
        .collect()
}

/// Dimensions where two roles' scores differ by 1.0 or more, with every role's score.
pub fn role_gaps(
    q: &Questionnaire,
    roles: &[Option<String>],
    per_respondent: &[&[Option<Answer>]],
) -> Vec<(String, Vec<(String, f64)>)> {
    let mut distinct: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for role in roles.iter().flatten() {
        if !role.trim().is_empty() && seen.insert(role.as_str()) {
            distinct.push(role);
        }
    }
    if distinct.len() < 2 {
        return Vec::new();
    }
    let role_scores: Vec<scoring::Scores> = distinct
        .iter()
        .map(|role| {
            let members: Vec<&[Option<Answer>]> = roles
                .iter()
                .zip(per_respondent)
                .filter(|(r, _)| r.as_deref() == Some(*role))
                .map(|(_, a)| *a)
                .collect();
            scoring::score(q, &merge_answers(q, &members))
        })
        .collect();
    q.dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, dim)| {
            let scores: Vec<(String, f64)> =
                distinct.iter().zip(&role_scores).map(|(r, s)| ((*r).to_owned(), s.dimensions[d].score)).collect();
            let max = scores.iter().map(|s| s.1).fold(f64::MIN, f64::max);
            let min = scores.iter().map(|s| s.1).fold(f64::MAX, f64::min);
            reaches(max - min, 1.0).then(|| (dim.id.clone(), scores))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(consensus(&[Some(Yes), Some(No), Some(Yes)], 0.5), Some(Yes));
        // Even: mean of the two middle credits, (0.5 + 1) / 2 = 0.75 -> yes.
        assert_eq!(consensus(&[Some(Partial), Some(Yes)], 0.5), Some(Yes));
        // (0 + 0.5) / 2 = 0.25 -> partial.
        assert_eq!(consensus(&[Some(No), Some(Partial)], 0.5), Some(Partial));
        // (0 + 1) / 2 = 0.5 -> partial.
        assert_eq!(consensus(&[Some(No), Some(Yes), Some(Unknown)], 0.5), Some(Partial));
        assert_eq!(consensus(&[Some(No), Some(No), Some(Yes), Some(Yes)], 0.5), Some(Partial));
    }

    #[test]
    fn without_credits_unanswered_na_or_unknown() {
        assert_eq!(consensus(&[None, None], 0.5), None);
        assert_eq!(consensus(&[Some(Na), Some(Na), Some(Unknown)], 0.5), Some(Na));
        assert_eq!(consensus(&[Some(Na), Some(Unknown)], 0.5), Some(Unknown));
        assert_eq!(consensus(&[Some(Na), None], 0.5), Some(Unknown));
    }

    #[test]
    fn one_respondent_stands_as_given() {
        assert_eq!(consensus(&[Some(Partial)], 1.0), Some(Partial));
        assert_eq!(consensus(&[None], 0.5), None);
    }

    #[test]
    fn names_fall_back_to_file_and_stay_unique() {
        let names = respondent_names(&[
            (Some("Ana".into()), "a.yaml".into()),
            (None, "b.yaml".into()),
            (Some("Ana".into()), "c.yaml".into()),
        ]);
        assert_eq!(names, vec!["Ana", "b.yaml", "Ana (2)"]);
    }
}
