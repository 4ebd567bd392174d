//! Claims against findings: which answers a session's scan supports, leaves unsupported or
//! contradicts, and which "yes" answers carry no evidence at all. Pure.

use crate::session::{Reported, Scan};
use serde::Serialize;

/// What the scan says about an answer (JSON `verdict`, written in lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Verdict {
    /// Answered yes or partly, and the practice was found.
    Supported,
    /// Answered yes or partly, and the probes looked but found nothing.
    Unsupported,
    /// Found against the answer: the practice seen where the answer denies it, or signs against
    /// it where the answer claims it.
    Contradicted,
}

/// One answer compared with what the scan found (JSON `evidence_check`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct EvidenceCheck {
    /// The question id.
    pub(crate) question: String,
    /// The answer the report scored (`yes`, `partial`, `no` or `unknown`).
    pub(crate) answer: Reported,
    /// The places found for the practice (or, when contradicted by `means: absent` probes, those).
    pub(crate) found: Vec<String>,
    /// Whether the scan supports the answer, finds nothing for it or contradicts it.
    pub(crate) verdict: Verdict,
}

/// The checks, in the order of `answers` ((question id, answer)): each
/// probed question answered yes or partial (supported when found, unsupported when not found,
/// contradicted when found against), and each probed question answered no or unknown that the
/// scan found (contradicted).
pub(crate) fn evidence_check<'a>(
    scan: &Scan,
    answers: impl IntoIterator<Item = (&'a str, Reported)>,
) -> Vec<EvidenceCheck> {
    let mut out = Vec::new();
    for (question, answer) in answers {
        let found = scan.found.get(question);
        let against = scan.found_against.get(question);
        let not_found = scan.not_found.iter().any(|q| q == question);
        let (places, verdict) = match (answer, found, against) {
            (Reported::Yes | Reported::Partial, Some(p), _) => (p.clone(), Verdict::Supported),
            (Reported::Yes | Reported::Partial, None, Some(p)) => (p.clone(), Verdict::Contradicted),
            (Reported::Yes | Reported::Partial, None, None) if not_found => (Vec::new(), Verdict::Unsupported),
            (Reported::No | Reported::Unknown, Some(p), _) => (p.clone(), Verdict::Contradicted),
            _ => continue,
        };
        out.push(EvidenceCheck { question: question.to_owned(), answer, found: places, verdict });
    }
    out
}

/// The questions answered yes with no recorded evidence and no scan finding, in the order of
/// `answers` ((question id, answer, has recorded evidence)).
pub(crate) fn claimed_without_evidence<'a>(
    scan: Option<&Scan>,
    answers: impl IntoIterator<Item = (&'a str, Reported, bool)>,
) -> Vec<String> {
    answers
        .into_iter()
        .filter(|(q, a, evidence)| *a == Reported::Yes && !evidence && scan.is_none_or(|s| !s.found.contains_key(*q)))
        .map(|(q, _, _)| q.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(word: &str) -> Reported {
        Reported::parse(word).expect("a report's word")
    }

    fn scan() -> Scan {
        let mut s = Scan::default();
        s.found.insert("f".into(), vec!["dvc.yaml".into()]);
        s.found_against.insert("x".into(), vec!["m.pkl".into()]);
        s.not_found.push("n".into());
        s
    }

    #[test]
    fn verdicts_follow_the_answer_and_the_finding() {
        let answers = [
            ("f", "yes"),
            ("n", "partial"),
            ("x", "yes"),
            ("f", "no"),
            ("n", "no"),
            ("x", "no"),
            ("f", "unknown"),
            ("f", "na"),
            ("unprobed", "yes"),
            ("f", "unanswered"),
        ]
        .map(|(q, a)| (q, reported(a)));
        let got: Vec<String> = evidence_check(&scan(), answers)
            .iter()
            .map(|c| format!("{} {} {} {:?}", c.question, c.answer, format!("{:?}", c.verdict).to_lowercase(), c.found))
            .collect();
        assert_eq!(
            got,
            [
                "f yes supported [\"dvc.yaml\"]",
                "n partial unsupported []",
                "x yes contradicted [\"m.pkl\"]",
                "f no contradicted [\"dvc.yaml\"]",
                "f unknown contradicted [\"dvc.yaml\"]",
            ]
        );
    }

    #[test]
    fn a_yes_needs_a_recorded_evidence_or_a_finding() {
        let answers = [("f", "yes", false), ("n", "yes", false), ("n", "yes", true), ("u", "partial", false)]
            .map(|(q, a, e)| (q, reported(a), e));
        assert_eq!(claimed_without_evidence(Some(&scan()), answers), ["n"]);
        assert_eq!(claimed_without_evidence(None, answers), ["f", "n"]);
    }
}
