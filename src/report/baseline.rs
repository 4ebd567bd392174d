//! An earlier assessment to compare with: read from a JSON report, and attached to a report as
//! score deltas and the changes since.

use super::json::parse_json_report;
use super::model::*;
use crate::session::Reported;

/// An earlier JSON report as a baseline: its questionnaire (id, version), dimension scores,
/// answers, overall level and date.
pub(crate) fn baseline_of_json(text: &str) -> Result<(String, Option<u32>, Baseline), String> {
    let report = parse_json_report(text)?;
    let version = report.questionnaire.version;
    let baseline = Baseline {
        scores: report.dimensions.into_iter().map(|d| (d.id, d.score)).collect(),
        answers: report
            .answers
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| Some((a.question, Reported::parse(&a.answer)?)))
            .collect(),
        overall_level: report.overall.map(|o| o.level),
        date: report.date,
        version,
    };
    Ok((report.questionnaire.id, version, baseline))
}

/// Adds progress since an earlier assessment: score deltas per dimension and `since_baseline`.
pub(crate) fn attach_baseline(report: &mut Report, baseline: &Baseline) {
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
