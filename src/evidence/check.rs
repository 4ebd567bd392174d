//! Claims against findings: which answers a session's scan supports, leaves unsupported or
//! contradicts, and which "yes" answers carry no evidence at all. Pure.

use crate::session::Scan;
use serde::Serialize;

/// One answer compared with what the scan found (JSON `evidence_check`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct EvidenceCheck {
    /// The question id.
    pub(crate) question: String,
    /// The answer as the report writes it (`yes`, `partial`, `no` or `unknown`).
    pub(crate) answer: String,
    /// The places found for the practice (or, when contradicted by `means: absent` probes, those).
    pub(crate) found: Vec<String>,
    /// `supported`, `unsupported` or `contradicted`.
    pub(crate) verdict: &'static str,
}

/// The checks, in the order of `answers` ((question id, answer as the report spells it)): each
/// probed question answered yes or partial (supported when found, unsupported when not found,
/// contradicted when found against), and each probed question answered no or unknown that the
/// scan found (contradicted).
pub(crate) fn evidence_check<'a>(
    scan: &Scan,
    answers: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<EvidenceCheck> {
    let mut out = Vec::new();
    for (question, answer) in answers {
        let found = scan.found.get(question);
        let against = scan.found_against.get(question);
        let not_found = scan.not_found.iter().any(|q| q == question);
        let (places, verdict) = match (answer, found, against) {
            ("yes" | "partial", Some(p), _) => (p.clone(), "supported"),
            ("yes" | "partial", None, Some(p)) => (p.clone(), "contradicted"),
            ("yes" | "partial", None, None) if not_found => (Vec::new(), "unsupported"),
            ("no" | "unknown", Some(p), _) => (p.clone(), "contradicted"),
            _ => continue,
        };
        out.push(EvidenceCheck { question: question.to_owned(), answer: answer.to_owned(), found: places, verdict });
    }
    out
}

/// The questions answered yes with no recorded evidence and no scan finding, in the order of
/// `answers` ((question id, answer, has recorded evidence)).
pub(crate) fn claimed_without_evidence<'a>(
    scan: Option<&Scan>,
    answers: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
) -> Vec<String> {
    answers
        .into_iter()
        .filter(|(q, a, evidence)| *a == "yes" && !evidence && scan.is_none_or(|s| !s.found.contains_key(*q)))
        .map(|(q, _, _)| q.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        let got: Vec<String> = evidence_check(&scan(), answers)
            .iter()
            .map(|c| format!("{} {} {} {:?}", c.question, c.answer, c.verdict, c.found))
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
        let answers = [("f", "yes", false), ("n", "yes", false), ("n", "yes", true), ("u", "partial", false)];
        assert_eq!(claimed_without_evidence(Some(&scan()), answers), ["n"]);
        assert_eq!(claimed_without_evidence(None, answers), ["f", "n"]);
    }
}
