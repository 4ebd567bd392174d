//! The one reader of a JSON report (`report --format json`): the parts other commands read
//! back (a portfolio's teams, a baseline), typed. Unknown keys are ignored, so reports from older
//! and newer builds both load; numbers out of their type's range are refused.

use crate::roadmap::TargetSource;
use serde::Deserialize;

/// The parts of a JSON report that are read back; unknown keys are ignored, so reports from
/// older and newer builds both load.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonReport {
    pub questionnaire: JsonQuestionnaire,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub generated: Option<String>,
    #[serde(default)]
    pub respondents: Vec<String>,
    #[serde(default)]
    pub overall: Option<JsonOverall>,
    #[serde(default)]
    pub target: Option<JsonTarget>,
    pub dimensions: Vec<JsonDimension>,
    #[serde(default)]
    pub bottlenecks: Vec<JsonBottleneck>,
    #[serde(default)]
    pub unanswered: Option<Vec<String>>,
    #[serde(default)]
    pub answers: Option<Vec<JsonAnswer>>,
    #[serde(default)]
    pub claimed_without_evidence: Option<Vec<String>>,
}

/// An answer of a JSON report, as far as a portfolio reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonAnswer {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonQuestionnaire {
    pub id: String,
    #[serde(default)]
    pub version: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonOverall {
    pub level: u32,
    pub score: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonTarget {
    pub level: u32,
    /// Why the report set this target; a report that does not say is taken as set (explicit).
    #[serde(default)]
    pub source: Option<TargetSource>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonDimension {
    pub id: String,
    pub level: u32,
    pub score: f64,
    #[serde(default)]
    pub blocking: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JsonBottleneck {
    pub stage: String,
    #[serde(default)]
    pub time_share: Option<f64>,
    #[serde(default)]
    pub pain: Option<f64>,
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
