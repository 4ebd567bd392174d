//! The figures a platform lead reads over all teams: the level distribution, per dimension the
//! median and spread, the practices that block most teams, the stages most find painful, the
//! trend since each team's previous assessment, and which teams are stale or incomplete.

use super::model::*;
use crate::dates::months_before;
use crate::questionnaire::Questionnaire;
use std::collections::HashMap;

/// Median of the values (mean of the two middle ones for an even count).
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// How many teams are at each level, every level of the questionnaire listed.
pub(crate) fn level_distribution(q: &Questionnaire, levels: impl IntoIterator<Item = u32>) -> Vec<LevelTeams> {
    let mut counts = vec![0usize; q.levels.len()];
    for level in levels {
        if let Some(c) = counts.get_mut(level as usize) {
            *c += 1;
        }
    }
    counts.into_iter().enumerate().map(|(l, teams)| LevelTeams { level: l as u32, teams }).collect()
}

/// Questions blocking the next level of at least two teams: most teams first, then
/// questionnaire order.
pub(crate) fn common_blockers(q: &Questionnaire, teams: &[TeamResult]) -> Vec<CommonBlocker> {
    let mut blocked: HashMap<&str, Vec<&str>> = HashMap::new();
    for t in teams {
        for id in &t.blocking {
            let names = blocked.entry(id.as_str()).or_default();
            if names.last() != Some(&t.team.as_str()) {
                names.push(&t.team);
            }
        }
    }
    let mut out: Vec<CommonBlocker> = q
        .questions()
        .filter_map(|(d, qn)| {
            let names = blocked.get(qn.id.as_str()).filter(|n| n.len() >= 2)?;
            Some(CommonBlocker {
                question: qn.id.clone(),
                text: qn.text.clone(),
                dimension: d.id.clone(),
                dimension_name: d.name.clone(),
                level: qn.level,
                recommendation: qn.recommendation.clone(),
                teams: names.len(),
                team_names: names.iter().map(|n| (*n).to_owned()).collect(),
            })
        })
        .collect();
    // A stable sort keeps questionnaire order among equal counts.
    out.sort_by_key(|b| std::cmp::Reverse(b.teams));
    out
}

/// The figures over scored teams: distribution, per dimension, blockers, bottlenecks, flags.
pub(crate) fn summarise(
    q: &Questionnaire,
    mut teams: Vec<TeamResult>,
    warnings: Vec<String>,
    generated: &str,
) -> Portfolio {
    let stale_before = months_before(generated, STALE_AFTER_MONTHS).unwrap_or_default();
    for t in &mut teams {
        t.stale = !stale_before.is_empty() && t.date.as_deref().is_some_and(|d| d < stale_before.as_str());
    }
    let levels = level_distribution(q, teams.iter().map(|t| t.overall.level))
        .into_iter()
        .map(|l| LevelCount {
            level: l.level,
            name: q.level_name(l.level).to_owned(),
            teams: l.teams,
            share: l.teams as f64 / teams.len().max(1) as f64,
        })
        .collect();
    let dimensions = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut scores: Vec<f64> = teams.iter().filter_map(|t| t.dimensions.get(i)?.score).collect();
            let min = scores.iter().copied().reduce(f64::min);
            let max = scores.iter().copied().reduce(f64::max);
            DimensionSummary {
                id: d.id.clone(),
                name: d.name.clone(),
                median_score: median(&mut scores),
                min_score: min,
                max_score: max,
                levels: level_distribution(q, teams.iter().filter_map(|t| t.dimensions.get(i)?.level)),
            }
        })
        .collect();
    let mut bottlenecks: Vec<StageSummary> = q
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let pains: Vec<f64> = teams.iter().filter_map(|t| t.pain.get(i).copied().flatten()).collect();
            StageSummary {
                stage: s.id.clone(),
                name: s.name.clone(),
                teams: teams.iter().filter(|t| t.bottleneck.as_deref() == Some(s.id.as_str())).count(),
                mean_pain: (!pains.is_empty()).then(|| pains.iter().sum::<f64>() / pains.len() as f64),
                rated_by: pains.len(),
            }
        })
        .collect();
    bottlenecks.sort_by(|a, b| {
        b.teams.cmp(&a.teams).then_with(|| b.mean_pain.unwrap_or(0.0).total_cmp(&a.mean_pain.unwrap_or(0.0)))
    });
    let mut trend = Trend::default();
    for t in &teams {
        match t.previous.as_ref().map(|p| t.overall.level.cmp(&p.overall_level)) {
            Some(std::cmp::Ordering::Greater) => trend.up += 1,
            Some(std::cmp::Ordering::Equal) => trend.same += 1,
            Some(std::cmp::Ordering::Less) => trend.down += 1,
            None => {}
        }
    }
    Portfolio {
        questionnaire: QuestionnaireInfo { id: q.id.clone(), version: q.version, title: q.title.clone() },
        questionnaires: vec![QuestionnaireUse { id: q.id.clone(), version: q.version, teams: teams.len() }],
        trend,
        common_blockers: common_blockers(q, &teams),
        teams,
        levels,
        dimensions,
        bottlenecks,
        stale_before,
        warnings,
        generated: generated.to_owned(),
    }
}
