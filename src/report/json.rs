//! The one reader of a JSON report (`report --format json`): the parts other commands read
//! back (a portfolio's teams, a baseline), typed. Unknown keys are ignored, so reports from older
//! and newer builds both load; numbers out of their type's range are refused.

use crate::roadmap::TargetSource;
use serde::Deserialize;

/// The parts of a JSON report that are read back; unknown keys are ignored, so reports from
/// older and newer builds both load.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonReport {
    /// The questionnaire the report scored: its id and version.
    pub(crate) questionnaire: JsonQuestionnaire,
    /// The team the report names; `None` when it names none.
    #[serde(default)]
    pub(crate) team: Option<String>,
    /// The latest session date; missing from reports made before the key existed.
    #[serde(default)]
    pub(crate) date: Option<String>,
    /// The day the report was made; it dates the report when `date` is missing.
    #[serde(default)]
    pub(crate) generated: Option<String>,
    /// Who answered.
    #[serde(default)]
    pub(crate) respondents: Vec<String>,
    /// The overall level and score; without them, they are worked out from the dimensions.
    #[serde(default)]
    pub(crate) overall: Option<JsonOverall>,
    /// The target level and its source; without it, the target is the next level.
    #[serde(default)]
    pub(crate) target: Option<JsonTarget>,
    /// Each dimension's id, level, score and blocking questions.
    pub(crate) dimensions: Vec<JsonDimension>,
    /// Each stage's time share and pain, in bottleneck order.
    #[serde(default)]
    pub(crate) bottlenecks: Vec<JsonBottleneck>,
    /// Question ids with no answer; `None` when the report does not say.
    #[serde(default)]
    pub(crate) unanswered: Option<Vec<String>>,
    /// Every question's answer; `None` when the report does not say (reports of older builds).
    #[serde(default)]
    pub(crate) answers: Option<Vec<JsonAnswer>>,
    /// Questions answered yes with no recorded evidence and no scan finding; `None` when the report
    /// does not say.
    #[serde(default)]
    pub(crate) claimed_without_evidence: Option<Vec<String>>,
}

/// An answer of a JSON report, as far as a portfolio reads it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonAnswer {
    /// The question id.
    pub(crate) question: String,
    /// The answer as the report writes it: `yes`, `partial`, `no`, `unknown`, `na` or `unanswered`.
    pub(crate) answer: String,
}

/// The questionnaire a JSON report names.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonQuestionnaire {
    /// The questionnaire's id.
    pub(crate) id: String,
    /// The questionnaire's version; `None` when the report does not say.
    #[serde(default)]
    pub(crate) version: Option<u32>,
}

/// A JSON report's overall result.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonOverall {
    /// The overall level.
    pub(crate) level: u32,
    /// The overall score (the mean of the dimensions' scores).
    pub(crate) score: f64,
}

/// A JSON report's target.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonTarget {
    /// The target level.
    pub(crate) level: u32,
    /// Why the report set this target; a report that does not say is taken as set (explicit).
    #[serde(default)]
    pub(crate) source: Option<TargetSource>,
}

/// One dimension of a JSON report.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonDimension {
    /// The dimension id.
    pub(crate) id: String,
    /// The dimension's level.
    pub(crate) level: u32,
    /// The dimension's score.
    pub(crate) score: f64,
    /// Question ids blocking the dimension's next level (empty when missing).
    #[serde(default)]
    pub(crate) blocking: Vec<String>,
}

/// One stage of a JSON report's bottleneck map.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsonBottleneck {
    /// The stage id.
    pub(crate) stage: String,
    /// Its share of the team's time, in percent; `None` when missing.
    #[serde(default)]
    pub(crate) time_share: Option<f64>,
    /// Its pain, 1 to 5; `None` when unrated.
    #[serde(default)]
    pub(crate) pain: Option<f64>,
}

/// Parses a JSON report; the error says what is missing.
pub fn parse_json_report(text: &str) -> Result<JsonReport, String> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let report: JsonReport = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        // The key that is wrong, by its path (`dimensions[0].score`), before what is wrong with it.
        let path = e.path().to_string();
        let at = if path == "." { String::new() } else { format!("{path}: ") };
        format!("not a JSON report made by `report --format json`: {at}{}", e.inner())
    })?;
    reader.end().map_err(|e| format!("not a JSON report made by `report --format json`: {e}"))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_key_is_named_by_its_path_and_trailing_text_is_refused() {
        let wrong = r#"{"questionnaire": {"id": "q"}, "dimensions": [{"id": "d", "level": 1, "score": "x"}]}"#;
        let e = parse_json_report(wrong).unwrap_err();
        assert!(e.contains("dimensions[0].score: invalid type"), "{e}");
        let fine = r#"{"questionnaire": {"id": "q"}, "dimensions": [{"id": "d", "level": 1, "score": 1.5}]}"#;
        assert_eq!(parse_json_report(fine).unwrap().dimensions[0].score, 1.5);
        assert!(parse_json_report(&format!("{fine} and more")).is_err(), "text after the report");
    }
}
