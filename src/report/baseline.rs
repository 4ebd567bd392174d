//! An earlier assessment to compare with: read from a JSON report, and attached to a report as
//! score deltas and the changes since.

use super::model::*;

/// Reads the per-dimension scores out of an earlier JSON report.
pub fn baseline_from_json(text: &str) -> Result<Vec<(String, f64)>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let dims = value
        .get("dimensions")
        .and_then(|d| d.as_array())
        .ok_or("the JSON has no `dimensions` list; give a report made with --format json")?;
    dims.iter()
        .map(|d| {
            let id = d.get("id").and_then(|v| v.as_str());
            let score = d.get("score").and_then(|v| v.as_f64());
            match (id, score) {
                (Some(id), Some(score)) => Ok((id.to_owned(), score)),
                _ => Err("a dimension in the JSON lacks `id` or `score`".to_owned()),
            }
        })
        .collect()
}

/// An earlier JSON report as a baseline: its questionnaire (id, version), dimension scores,
/// answers, overall level and date.
pub fn baseline_of_json(text: &str) -> Result<(String, Option<u32>, Baseline), String> {
    let scores = baseline_from_json(text)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let id = value
        .pointer("/questionnaire/id")
        .and_then(|v| v.as_str())
        .ok_or("the JSON has no `questionnaire.id`; give a report made with --format json")?
        .to_owned();
    let version = value.pointer("/questionnaire/version").and_then(|v| v.as_u64()).map(|v| v as u32);
    let answers = value
        .get("answers")
        .and_then(|a| a.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|a| Some((a.get("question")?.as_str()?.to_owned(), a.get("answer")?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let overall_level = value.pointer("/overall/level").and_then(|v| v.as_u64()).map(|v| v as u32);
    let date = value.get("date").and_then(|v| v.as_str()).map(str::to_owned);
    Ok((id, version, Baseline { scores, answers, overall_level, date, version }))
}

/// Adds progress since an earlier assessment: score deltas per dimension and `since_baseline`.
pub fn attach_baseline(report: &mut Report, baseline: &Baseline) {
    report.baseline = Some(baseline_deltas(&report.dimensions, &baseline.scores));
    report.since_baseline = Some(super::narrative::since_baseline(report, baseline));
}

/// Per dimension: the earlier score (when the baseline has the dimension), today's, and the change.
pub(super) fn baseline_deltas(dimensions: &[DimensionReport], before: &[(String, f64)]) -> Vec<BaselineDelta> {
    let before: std::collections::HashMap<&str, f64> = before.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    dimensions
        .iter()
        .map(|d| {
            let b = before.get(d.id.as_str()).copied();
            BaselineDelta { dimension: d.id.clone(), before: b, after: d.score, delta: b.map(|b| d.score - b) }
        })
        .collect()
}
