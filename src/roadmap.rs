//! Target level, bottleneck order and the roadmap's phases.
//!
//! Pure functions: the report builder gives them scores, answers and ratings, and they decide
//! where the team should aim, which lifecycle stage hurts most, and what to do first.

use crate::questionnaire::{Questionnaire, Stage};
use crate::scoring::{EPSILON, Scores};
use crate::session::{Answer, Context, Criticality};
use serde::{Deserialize, Serialize};

/// Where a team's target level comes from: set in the session, from its context, or the level
/// after today's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetSource {
    /// `explicit`: the session's `target`.
    Explicit,
    /// `context`: worked out from the team's context.
    Context,
    /// `next-level`: the overall level + 1, when nothing else sets it.
    NextLevel,
}

impl TargetSource {
    /// The source as the JSON spells it: `explicit`, `context` or `next-level`.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetSource::Explicit => "explicit",
            TargetSource::Context => "context",
            TargetSource::NextLevel => "next-level",
        }
    }
}

/// The level a team aims for, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The target level, never above the questionnaire's highest.
    pub level: u32,
    /// Where the level comes from.
    pub source: TargetSource,
}

/// Points that the team's context earns: volume, criticality, and whether its models' output
/// reaches customers or decides about people. Regulation caps the target instead (see [`target`]).
pub fn context_points(c: &Context) -> u32 {
    let volume = match c.models_in_production {
        Some(n) if n >= 10 => 2,
        Some(n) if n >= 3 => 1,
        _ => 0,
    };
    let criticality = match c.criticality {
        Some(Criticality::High) => 2,
        Some(Criticality::Medium) => 1,
        _ => 0,
    };
    volume + criticality + u32::from(c.customer_facing == Some(true)) + u32::from(c.decides_about_people == Some(true))
}

/// Whether a context says enough to set the target: one of the keys that earn points.
pub(crate) fn sets_target(c: &Context) -> bool {
    c.models_in_production.is_some()
        || c.criticality.is_some()
        || c.customer_facing.is_some()
        || c.decides_about_people.is_some()
}

/// The highest target a regulated context gets from its points: self-healing (automatic
/// retraining and promotion) needs the validation and approval a regulator expects.
pub(crate) const REGULATED_CAP: u32 = 2;

/// The level the team should aim for: explicit, else from context, else one above today's.
/// `capped` says whether a regulated context held the target at `REGULATED_CAP`.
pub fn target(explicit: Option<u32>, context: Option<&Context>, overall: u32, highest: u32) -> Target {
    let (level, source) = if let Some(t) = explicit {
        (t, TargetSource::Explicit)
    } else if let Some(c) = context.filter(|c| sets_target(c)) {
        let level = match context_points(c) {
            0..=1 => 1,
            2..=3 => 2,
            _ => 3,
        };
        let level = if c.regulated == Some(true) { level.min(REGULATED_CAP) } else { level };
        (level, TargetSource::Context)
    } else {
        (overall + 1, TargetSource::NextLevel)
    };
    Target { level: level.min(highest), source }
}

/// Whether a regulated context lowered the target its points would give.
pub(crate) fn regulation_capped(c: &Context) -> bool {
    c.regulated == Some(true) && context_points(c) >= 4
}

/// One stage's place on the bottleneck map: time share in percent, pain 1-5 when rated.
#[derive(Debug, Clone, PartialEq)]
pub struct StageLoad {
    /// The share of the team's time, in percent; 0 when unrated.
    pub time_share: f64,
    /// Pain from 1 to 5; `None` when nobody rated it.
    pub pain: Option<f64>,
}

/// Normalises shares to percent of their sum; all zero stays all zero.
pub(crate) fn to_percent(shares: &[Option<f64>]) -> Vec<Option<f64>> {
    let total: f64 = shares.iter().flatten().sum();
    shares.iter().map(|s| s.map(|v| if total > 0.0 { v * 100.0 / total } else { 0.0 })).collect()
}

/// The pain an unrated stage counts with in the bottleneck order: a middle pain, so that a risk a
/// team cannot see is not ranked last.
pub(crate) const UNRATED_PAIN: f64 = 3.0;

/// Stage indexes in bottleneck order: pain high first (an unrated stage counts as
/// `UNRATED_PAIN`), then time share high first, then the questionnaire's stage order.
pub fn bottleneck_order(loads: &[StageLoad]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..loads.len()).collect();
    order.sort_by(|&a, &b| {
        let (la, lb) = (&loads[a], &loads[b]);
        let (pa, pb) = (la.pain.unwrap_or(UNRATED_PAIN), lb.pain.unwrap_or(UNRATED_PAIN));
        let by_pain = if (pa - pb).abs() > EPSILON { pb.total_cmp(&pa) } else { std::cmp::Ordering::Equal };
        by_pain
            .then_with(|| {
                if (la.time_share - lb.time_share).abs() > EPSILON {
                    lb.time_share.total_cmp(&la.time_share)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then(a.cmp(&b))
    });
    order
}

/// One phase of the roadmap: the practices to put in place for one level.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phase {
    /// The level the phase reaches.
    pub(crate) level: u32,
    /// (dimension index, question index) of each action, in roadmap order.
    pub(crate) actions: Vec<(usize, usize)>,
}

/// The bottleneck: the first stage of the order that was rated (a pain or a time share), none
/// when nothing is.
pub(crate) fn bottleneck(order: &[usize], loads: &[StageLoad]) -> Option<usize> {
    order.iter().copied().find(|&i| loads[i].pain.is_some() || loads[i].time_share > EPSILON)
}

/// The roadmap: one phase per level from the overall level + 1 up to the target.
///
/// `stage_rank` gives each stage's place in the bottleneck order; `answers` is in
/// questionnaire order.
pub(crate) fn phases(
    q: &Questionnaire,
    stages: &[Stage],
    stage_rank: &[usize],
    scores: &Scores,
    answers: &[Option<Answer>],
    target: u32,
) -> Vec<Phase> {
    let rank_by_id: std::collections::HashMap<&str, usize> =
        stages.iter().zip(stage_rank).map(|(s, &r)| (s.id.as_str(), r)).collect();
    let rank_of = |stage: &Option<String>| -> usize {
        stage.as_deref().and_then(|id| rank_by_id.get(id).copied()).unwrap_or(usize::MAX)
    };
    let mut dims: Vec<usize> = (0..q.dimensions.len()).collect();
    dims.sort_by_key(|&d| (rank_of(&q.dimensions[d].stage), d));
    (scores.overall_level + 1..=target)
        .map(|level| {
            let mut actions = Vec::new();
            for &d in &dims {
                if scores.dimensions[d].level >= level {
                    continue;
                }
                for (qi, question) in q.dimensions[d].questions.iter().enumerate() {
                    let answer = answers[q.dimension_start(d) + qi];
                    if question.level == level && !matches!(answer, Some(Answer::Yes) | Some(Answer::Na)) {
                        actions.push((d, qi));
                    }
                }
            }
            Phase { level, actions }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(time_share: f64, pain: Option<f64>) -> StageLoad {
        StageLoad { time_share, pain }
    }

    #[test]
    fn target_from_context_points() {
        let c = |m, crit, reg| Context {
            models_in_production: Some(m),
            criticality: Some(crit),
            regulated: Some(reg),
            ..Context::default()
        };
        assert_eq!(target(None, Some(&c(1, Criticality::Low, false)), 0, 3).level, 1);
        assert_eq!(target(None, Some(&c(3, Criticality::Medium, false)), 0, 3).level, 2);
        assert_eq!(target(None, Some(&c(10, Criticality::High, false)), 0, 3).level, 3);
        assert_eq!(target(None, Some(&c(4, Criticality::Medium, true)), 0, 3).level, 2);
        assert_eq!(target(None, Some(&c(4, Criticality::High, true)), 0, 3).source, TargetSource::Context);
        // Regulation earns no points: it caps the target at 2.
        assert_eq!(target(None, Some(&c(10, Criticality::High, true)), 0, 3).level, 2);
        assert!(regulation_capped(&c(10, Criticality::High, true)));
        assert!(!regulation_capped(&c(3, Criticality::Medium, true)));
        assert_eq!(target(None, Some(&c(1, Criticality::Medium, true)), 0, 3).level, 1, "1 point: target 1");
    }

    #[test]
    fn customers_and_decisions_about_people_raise_the_target() {
        let genai = Context {
            models_in_production: Some(1),
            criticality: Some(Criticality::High),
            customer_facing: Some(true),
            ..Context::default()
        };
        assert_eq!(context_points(&genai), 3);
        assert_eq!(target(None, Some(&genai), 0, 3).level, 2);
        let credit = Context { decides_about_people: Some(true), ..genai.clone() };
        assert_eq!(target(None, Some(&credit), 0, 3).level, 3);
        // Only the keys that earn points set a target; trains_models alone does not.
        let only = Context { trains_models: Some(false), regulated: Some(true), ..Context::default() };
        assert_eq!(target(None, Some(&only), 1, 3), Target { level: 2, source: TargetSource::NextLevel });
        let facing = Context { customer_facing: Some(false), ..Context::default() };
        assert_eq!(target(None, Some(&facing), 2, 3), Target { level: 1, source: TargetSource::Context });
    }

    #[test]
    fn target_explicit_wins_and_is_capped() {
        let t = target(Some(5), Some(&Context::default()), 0, 3);
        assert_eq!(t, Target { level: 3, source: TargetSource::Explicit });
        assert_eq!(target(None, None, 3, 3), Target { level: 3, source: TargetSource::NextLevel });
        assert_eq!(target(None, Some(&Context::default()), 1, 3).source, TargetSource::NextLevel);
    }

    #[test]
    fn the_bottleneck_is_the_first_stage_rated_by_pain_or_by_a_share_of_time() {
        let loads = [load(0.0, None), load(EPSILON, None), load(30.0, None), load(0.0, Some(2.0))];
        assert_eq!(bottleneck(&[0, 1, 2, 3], &loads), Some(2), "a share too small to tell from zero is no rating");
        assert_eq!(bottleneck(&[0, 1, 3, 2], &loads), Some(3), "a pain alone rates a stage");
        assert_eq!(bottleneck(&[0, 1], &loads), None, "nothing rated: no bottleneck");
    }

    #[test]
    fn bottleneck_ties_fall_back_to_time_then_stage_order() {
        let loads = [
            load(10.0, Some(4.0)),
            load(30.0, None),
            load(20.0, Some(4.0)),
            load(20.0, Some(4.0)),
            load(5.0, Some(5.0)),
        ];
        // The unrated stage counts as pain 3: after the pains of 4, before lower ones.
        assert_eq!(bottleneck_order(&loads), vec![4, 2, 3, 0, 1]);
        let loads = [load(40.0, Some(2.0)), load(0.0, None), load(10.0, Some(4.0))];
        assert_eq!(bottleneck_order(&loads), vec![2, 1, 0], "unrated ranks as a middle pain, not last");
        assert_eq!(bottleneck(&bottleneck_order(&loads), &loads), Some(2));
        let unrated_first = [load(0.0, Some(2.0)), load(0.0, None)];
        let order = bottleneck_order(&unrated_first);
        assert_eq!(order, vec![1, 0]);
        assert_eq!(bottleneck(&order, &unrated_first), Some(0), "the first rated stage");
        assert_eq!(bottleneck(&[0, 1], &[load(0.0, None), load(0.0, None)]), None);
    }

    #[test]
    fn percent_ignores_missing_and_all_zero() {
        assert_eq!(to_percent(&[Some(60.0), None, Some(20.0)]), vec![Some(75.0), None, Some(25.0)]);
        assert_eq!(to_percent(&[Some(0.0), Some(0.0)]), vec![Some(0.0), Some(0.0)]);
    }
}
