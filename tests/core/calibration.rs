//! Calibration of the built-in questionnaires: the level follows the team's practice, not noise.
//!
//! (a) one "partly" never moves a dimension of a team that is clearly at a level; (b) the quick
//! questionnaire gives the levels of the full one for simulated teams; (c) nine golden profiles
//! from the field come out at the level a practitioner would give them, written down before
//! scoring (see their fixtures, and `EXPECTED_BEFORE_SCORING`).

use crate::common;

use mlops_maturity::questionnaire::{Questionnaire, built_in};
use mlops_maturity::scoring::{Scores, score};
use mlops_maturity::session::{self, Answer};
use mlops_maturity::workshop::answers_of;

/// A team whose true level in each dimension is `levels[d]`: yes at and below it, no above.
fn clear_team(q: &Questionnaire, levels: &[u32]) -> Vec<Option<Answer>> {
    q.questions()
        .map(|(d, question)| {
            let at = levels[q.dimensions.iter().position(|x| x.id == d.id).unwrap()];
            Some(if question.level <= at { Answer::Yes } else { Answer::No })
        })
        .collect()
}

fn dimension_levels(s: &Scores) -> Vec<u32> {
    s.dimensions.iter().map(|d| d.level).collect()
}

/// Every single answer turned to "partly", for every true level: (changes to a practice that is
/// not required that moved a level, such cases). A required practice only partly in place must
/// cost its level (a partly-automatic withdrawal is no self-healing deployment): checked here too.
fn single_partial_changes(q: &Questionnaire) -> (usize, usize) {
    let mut moved = 0;
    let mut cases = 0;
    for t in 0..=q.highest_level() {
        let levels = vec![t; q.dimensions.len()];
        let answers = clear_team(q, &levels);
        assert_eq!(dimension_levels(&score(q, &answers)), levels, "a clear team scores at its true level");
        for (i, (d, question)) in q.questions().enumerate() {
            let mut changed = answers.clone();
            changed[i] = Some(Answer::Partial);
            let after = dimension_levels(&score(q, &changed));
            if question.required && question.level <= t {
                let di = q.dimensions.iter().position(|x| x.id == d.id).unwrap();
                assert_eq!(after[di], question.level - 1, "{}: a required practice partly in place", question.id);
                continue;
            }
            cases += 1;
            if after != levels {
                moved += 1;
            }
        }
    }
    (moved, cases)
}

#[test]
fn every_level_above_1_of_every_built_in_dimension_has_one_required_practice() {
    for (id, _) in mlops_maturity::questionnaire::BUILT_INS {
        let q = built_in(id).unwrap();
        for d in &q.dimensions {
            for level in 1..=q.highest_level() {
                let at: Vec<_> = d.questions.iter().filter(|x| x.level == level).collect();
                // Levels 2 and up have the one practice that defines them: "partly" automated is
                // not automated. Level 1 is the foundation, where one missing practice already
                // costs the level and none stands above the others.
                let required = at.iter().filter(|x| x.required).count();
                assert_eq!(required, usize::from(level >= 2), "{id}: {} level {level}", d.id);
                // At most four practices a level, so one missing one always costs it at 0.8.
                assert!(at.len() <= 4 && at.len() >= 2, "{id}: {} level {level} has {}", d.id, at.len());
            }
        }
    }
}

#[test]
fn one_partly_never_changes_a_level_in_the_full_questionnaire() {
    let (moved, cases) = single_partial_changes(&built_in("mlops-maturity").unwrap());
    println!("full: {moved} of {cases} single 'partly' changes moved a dimension's level");
    assert_eq!(moved, 0);
}

#[test]
fn one_missing_practice_always_costs_its_level() {
    // The other side of (a): the level is not lenient. A "no" at or below the true level
    // drops the dimension below that practice's level, in every built-in.
    for id in ["mlops-maturity", "mlops-quick", "mlops-genai"] {
        let q = built_in(id).unwrap();
        for t in 1..=q.highest_level() {
            let answers = clear_team(&q, &vec![t; q.dimensions.len()]);
            for (i, (d, question)) in q.questions().enumerate() {
                if question.level > t {
                    continue;
                }
                let mut changed = answers.clone();
                changed[i] = Some(Answer::No);
                let di = q.dimensions.iter().position(|x| x.id == d.id).unwrap();
                assert_eq!(score(&q, &changed).dimensions[di].level, question.level - 1, "{id}: {}", question.id);
            }
        }
    }
}

#[test]
fn one_partly_never_changes_a_level_in_the_quick_questionnaire() {
    let (moved, cases) = single_partial_changes(&built_in("mlops-quick").unwrap());
    println!("quick: {moved} of {cases} single 'partly' changes moved a dimension's level");
    assert_eq!(moved, 0);
}

#[test]
fn one_partly_never_changes_a_level_in_the_genai_overlay() {
    let (moved, cases) = single_partial_changes(&built_in("mlops-genai").unwrap());
    assert_eq!(moved, 0, "{cases} cases");
}

/// A small deterministic generator (xorshift64*), so the figures are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A realistic noisy team: a base level (uniform 0-3) and a true level per dimension of the base
/// or one above it (so teams spread over every overall level instead of bottoming out at 0);
/// practices at or below the true level
/// are yes, or partly with probability `slack`; practices at the next level are partly with
/// probability `frontier` (work in progress), else no; higher ones partly with probability
/// `slack`, else no. With `hole` > 0, a practice at or below the true level is missing ("no")
/// with that probability: the gaps the quick pass may not ask about. Answers are keyed by question id so both questionnaires read the same team.
fn noisy_team(
    full: &Questionnaire,
    rng: &mut Rng,
    (slack, frontier, hole): (f64, f64, f64),
) -> (Vec<u32>, std::collections::HashMap<String, Answer>) {
    let base = (rng.next() * 4.0) as u32;
    let levels: Vec<u32> = full.dimensions.iter().map(|_| (base + u32::from(rng.next() < 0.5)).min(3)).collect();
    let answers = full
        .dimensions
        .iter()
        .zip(&levels)
        .flat_map(|(d, &t)| d.questions.iter().map(move |q| (q, t)))
        .map(|(q, t)| {
            let roll = rng.next();
            let answer = if q.level <= t {
                // A team truly at level t has the practices that define its levels in place; an
                // honest slip ("no" where the truth is yes) can hit any practice.
                if roll < hole {
                    Answer::No
                } else if roll < hole + slack && !q.required {
                    Answer::Partial
                } else {
                    Answer::Yes
                }
            } else if q.level == t + 1 {
                if roll < frontier { Answer::Partial } else { Answer::No }
            } else if roll < slack {
                Answer::Partial
            } else {
                Answer::No
            };
            (q.id.clone(), answer)
        })
        .collect();
    (levels, answers)
}

fn answers_for(q: &Questionnaire, team: &std::collections::HashMap<String, Answer>) -> Vec<Option<Answer>> {
    q.questions().map(|(_, question)| team.get(&question.id).copied()).collect()
}

/// How often each questionnaire finds a simulated team's true level: (full overall, quick
/// overall, full per dimension, quick per dimension), as shares, and how many teams are truly at
/// each overall level (so a test can check accuracy is not won by everyone scoring 0).
struct Accuracy {
    full: f64,
    quick: f64,
    full_dims: f64,
    quick_dims: f64,
    at_level: [usize; 4],
}

fn accuracy(teams: usize, noise: (f64, f64, f64)) -> Accuracy {
    let full = built_in("mlops-maturity").unwrap();
    let quick = built_in("mlops-quick").unwrap();
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let (mut f_ok, mut k_ok, mut f_dims, mut k_dims, mut dims) = (0, 0, 0, 0, 0);
    let mut at_level = [0usize; 4];
    for _ in 0..teams {
        let (truth, team) = noisy_team(&full, &mut rng, noise);
        let f = score(&full, &answers_for(&full, &team));
        let k = score(&quick, &answers_for(&quick, &team));
        let overall = *truth.iter().min().unwrap();
        at_level[overall as usize] += 1;
        f_ok += usize::from(f.overall_level == overall);
        k_ok += usize::from(k.overall_level == overall);
        for (i, fd) in full.dimensions.iter().enumerate() {
            let qd = quick.dimensions.iter().position(|d| d.id == fd.id).expect("quick has every dimension");
            dims += 1;
            f_dims += usize::from(f.dimensions[i].level == truth[i]);
            k_dims += usize::from(k.dimensions[qd].level == truth[i]);
        }
    }
    let share = |n: usize, of: usize| n as f64 / of as f64;
    let a = Accuracy {
        full: share(f_ok, teams),
        quick: share(k_ok, teams),
        full_dims: share(f_dims, dims),
        quick_dims: share(k_dims, dims),
        at_level,
    };
    println!(
        "slack {:.0}%, frontier {:.0}%, slips {:.0}%: true overall levels {:?}; overall level found: full {:.1}%, quick {:.1}%; dimension levels: full {:.1}%, quick {:.1}%",
        noise.0 * 100.0,
        noise.1 * 100.0,
        noise.2 * 100.0,
        a.at_level,
        a.full * 100.0,
        a.quick * 100.0,
        a.full_dims * 100.0,
        a.quick_dims * 100.0
    );
    a
}

#[test]
fn both_questionnaires_find_the_true_level_and_quick_stays_within_5_points_of_full() {
    // 10% of a team's own practices only partly done, 30% of the next level's started, and 2%
    // honest "no" slips on the team's own practices.
    let a = accuracy(2000, (0.10, 0.30, 0.02));
    assert!(a.at_level.iter().all(|&n| n >= 200), "every level holds at least 10% of the teams: {:?}", a.at_level);
    // One honest slip among a team's ~50 own-level practices costs a level by design, so the
    // overall level found is limited by noise; per dimension it is found far more often.
    assert!(a.full >= 0.50 && a.full_dims >= 0.85, "full: {} overall, {} dimensions", a.full, a.full_dims);
    assert!(a.quick >= a.full - 0.05, "quick {} vs full {}", a.quick, a.full);
    assert!(a.quick_dims >= a.full_dims - 0.05, "quick {} vs full {} per dimension", a.quick_dims, a.full_dims);
}

#[test]
fn with_noisier_answers_quick_still_stays_within_5_points_of_full() {
    let a = accuracy(2000, (0.15, 0.50, 0.03));
    assert!(a.at_level.iter().all(|&n| n >= 200), "every level holds at least 10% of the teams: {:?}", a.at_level);
    assert!(a.quick >= a.full - 0.05, "quick {} vs full {}", a.quick, a.full);
    assert!(a.quick_dims >= a.full_dims - 0.05, "quick {} vs full {} per dimension", a.quick_dims, a.full_dims);
}

#[test]
fn quick_asks_only_questions_of_the_full_questionnaire_at_the_same_level() {
    let full = built_in("mlops-maturity").unwrap();
    let quick = built_in("mlops-quick").unwrap();
    for (d, q) in quick.questions() {
        let (fd, fq) = full.question(&q.id).unwrap_or_else(|| panic!("{} is not in the full questionnaire", q.id));
        assert_eq!((fd.id.as_str(), fq.level, fq.text.as_str()), (d.id.as_str(), q.level, q.text.as_str()));
    }
}

/// A profile's answers to `q` as the report scores them: a question that the session's context
/// leaves out (`applies_when`) counts as "does not apply".
fn answers_in_context(q: &Questionnaire, s: &session::Session) -> Vec<Option<Answer>> {
    let context = s.context.as_ref().filter(|c| !c.is_empty());
    answers_of(q, s)
        .into_iter()
        .zip(q.questions())
        .map(
            |(a, (_, question))| {
                if context.is_some_and(|c| c.leaves_out(&question.applies_when).is_some()) {
                    Some(Answer::Na)
                } else {
                    a
                }
            },
        )
        .collect()
}

fn profile(name: &str) -> (Scores, Questionnaire) {
    let q = built_in("mlops-maturity").unwrap();
    let text = std::fs::read_to_string(common::fixture(name)).unwrap();
    let s = session::parse(&text, name).unwrap();
    assert_eq!(s.answered_in(&q), q.question_count(), "{name} answers every question");
    (score(&q, &answers_in_context(&q, &s)), q)
}

/// The quick pass's scores of a profile written for the full questionnaire.
fn quick_profile(name: &str) -> (Scores, Questionnaire) {
    let quick = built_in("mlops-quick").unwrap();
    let text = std::fs::read_to_string(common::fixture(name)).unwrap();
    let s = session::parse(&text, name).unwrap();
    (score(&quick, &answers_in_context(&quick, &s)), quick)
}

fn levels_by_dimension(s: &Scores, q: &Questionnaire) -> Vec<(String, u32)> {
    q.dimensions.iter().zip(&s.dimensions).map(|(d, r)| (d.id.clone(), r.level)).collect()
}

fn expect(pairs: &[(&str, u32)]) -> Vec<(String, u32)> {
    pairs.iter().map(|(d, l)| ((*d).to_owned(), *l)).collect()
}

#[test]
fn golden_startup_with_tracking_registry_and_basic_monitoring_is_level_1() {
    let (s, q) = profile("profile-startup.yaml");
    assert_eq!(s.overall_level, 1);
    let all_one: Vec<(&str, u32)> = q.dimensions.iter().map(|d| (d.id.as_str(), 1)).collect();
    assert_eq!(levels_by_dimension(&s, &q), expect(&all_one));
}

#[test]
fn golden_telco_with_reliable_pipelines_and_manual_deploys_is_level_1() {
    let (s, q) = profile("profile-telco.yaml");
    assert_eq!(s.overall_level, 1);
    assert_eq!(
        levels_by_dimension(&s, &q),
        expect(&[
            ("data", 2),
            ("experimentation", 2),
            ("validation", 1),
            ("deployment", 1),
            ("monitoring", 1),
            ("retraining", 1),
            ("organisation", 1),
        ])
    );
}

#[test]
fn golden_insurer_rigorous_but_manual_validation_weak_automation_is_level_1() {
    let (s, q) = profile("profile-insurer.yaml");
    assert_eq!(s.overall_level, 1);
    assert_eq!(
        levels_by_dimension(&s, &q),
        // Version 3 puts the automated evaluation gate at validation Level 2 and makes it the
        // practice that defines it: the insurer's rigorous but manual validation is Level 1,
        // its segment, fairness and explanation results strengths above it.
        expect(&[
            ("data", 1),
            ("experimentation", 1),
            ("validation", 1),
            ("deployment", 1),
            ("monitoring", 1),
            ("retraining", 1),
            ("organisation", 1),
        ])
    );
}

#[test]
fn version_1_sessions_still_score_through_replaces() {
    let q = built_in("mlops-maturity").unwrap();
    let text = std::fs::read_to_string(common::fixture("fraud-ml-v1.yaml")).unwrap();
    let s = session::parse(&text, "fraud-ml-v1.yaml").unwrap();
    let answers = answers_of(&q, &s);
    let at = |id: &str| answers[q.questions().position(|(_, x)| x.id == id).unwrap()];
    // Version 1's `data-scheduled-pipelines: yes` now counts for data-scheduled.
    assert_eq!(at("data-scheduled"), Some(Answer::Yes));
    // data-quality-gates replaces data-schema-checks (partial) but has its own answer (no).
    assert_eq!(at("data-quality-gates"), Some(Answer::No));
    assert_eq!(at("dep-registry-versioned"), Some(Answer::No));
    assert_eq!(at("ret-pipeline-rerun"), Some(Answer::Partial));
    // An id kept from version 1 answers for itself, not through a replacement.
    assert_eq!(at("exp-tracking"), Some(Answer::Partial));
}

#[test]
fn every_built_in_question_names_its_evidence_size_owner_and_steps() {
    for (id, _) in mlops_maturity::questionnaire::BUILT_INS {
        let q = built_in(id).unwrap();
        assert!(q.guide.as_deref().is_some_and(|g| g.contains("Partly:")), "{id} has a guide");
        for (_, question) in q.questions() {
            let at = format!("{id}: {}", question.id);
            assert!(
                question.help.as_deref().is_some_and(|h| h.contains("Show:")),
                "{at}: help says what evidence counts"
            );
            assert!(question.effort.is_some() && question.owner.is_some(), "{at}: effort and owner");
            let r = &question.recommendation;
            let (zero, partly, done) = (r.find("From zero:"), r.find("From partly:"), r.find("Done when"));
            assert!(zero < partly && partly < done && zero.is_some(), "{at}: steps from zero, from partly, done when");
        }
    }
}

#[test]
fn golden_profiles_get_the_same_overall_level_from_the_quick_questionnaire() {
    for name in GOLDEN_PROFILES {
        let (full, _) = profile(name);
        let (k, _) = quick_profile(name);
        assert_eq!(k.overall_level, full.overall_level, "{name}");
        // The GenAI team differs in two dimensions: see the test below.
        if name != "profile-genai-support.yaml" {
            assert_eq!(quick_dimensions_that_differ(name), Vec::<String>::new(), "{name}");
        }
    }
}

/// The dimensions where the quick pass gives a profile another level than the full assessment.
fn quick_dimensions_that_differ(name: &str) -> Vec<String> {
    let (full, q) = profile(name);
    let (k, quick) = quick_profile(name);
    levels_by_dimension(&k, &quick)
        .into_iter()
        .zip(levels_by_dimension(&full, &q))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("{} quick {} full {}", a.0, a.1, b.1))
        .collect()
}

#[test]
fn the_genai_profile_gets_the_same_dimension_levels_from_the_quick_questionnaire() {
    assert_eq!(quick_dimensions_that_differ("profile-genai-support.yaml"), Vec::<String>::new());
}

/// Every golden profile, in the order of their fixtures' numbers.
const GOLDEN_PROFILES: [&str; 9] = [
    "profile-startup.yaml",
    "profile-telco.yaml",
    "profile-insurer.yaml",
    "profile-bank.yaml",
    "profile-recommender.yaml",
    "profile-genai-support.yaml",
    "profile-pharma-research.yaml",
    "profile-logistics-forecasting.yaml",
    "profile-delivery-eta.yaml",
];

/// The practitioner's levels for each golden profile, written in its fixture BEFORE the tool
/// scored it, in dimension order (data, experimentation, validation, deployment, monitoring,
/// retraining, organisation), then overall. They are not the tool's levels and must not be
/// edited to match them: where the two differ, the fixture says why after scoring. The first
/// three come from the comment blocks of the original golden profiles; the other six were
/// committed ("story and expected levels, written before scoring") before they were scored.
const EXPECTED_BEFORE_SCORING: [(&str, [u32; 7], u32); 9] = [
    ("profile-startup.yaml", [1, 1, 1, 1, 1, 1, 1], 1),
    ("profile-telco.yaml", [2, 2, 1, 1, 1, 1, 1], 1),
    ("profile-insurer.yaml", [1, 1, 1, 1, 1, 1, 1], 1),
    ("profile-bank.yaml", [2, 1, 1, 1, 2, 2, 2], 1),
    ("profile-recommender.yaml", [2, 2, 2, 2, 2, 2, 2], 2),
    ("profile-genai-support.yaml", [1, 2, 2, 2, 2, 2, 2], 1),
    ("profile-pharma-research.yaml", [0, 0, 1, 0, 0, 0, 0], 0),
    ("profile-logistics-forecasting.yaml", [2, 2, 2, 2, 1, 2, 1], 1),
    ("profile-delivery-eta.yaml", [3, 3, 3, 3, 3, 3, 3], 3),
];

#[test]
fn the_tool_agrees_with_the_practitioner_on_every_overall_level_and_90_percent_of_dimensions() {
    let mut agree = 0;
    let mut dims = 0;
    let mut differ = Vec::new();
    for (name, expected, overall) in EXPECTED_BEFORE_SCORING {
        let (s, q) = profile(name);
        assert_eq!(s.overall_level, overall, "{name}: overall level");
        for ((id, level), want) in levels_by_dimension(&s, &q).into_iter().zip(expected) {
            dims += 1;
            if level == want {
                agree += 1;
            } else {
                differ.push(format!("{name} {id}: expected {want}, tool {level}"));
            }
        }
    }
    println!("{agree} of {dims} dimension levels agree; differ: {differ:#?}");
    // Measured when the six new profiles were added: 59 of 63 (93.7%); the four differences and
    // the verdict on each are in the fixtures (bank organisation, recommender organisation,
    // GenAI organisation, pharma retraining).
    assert!(agree * 10 >= dims * 9, "{agree} of {dims} dimension levels agree: {differ:#?}");
}

/// Levels given in dimension order, named by dimension, to compare with `levels_by_dimension`.
fn in_dimension_order(q: &Questionnaire, levels: [u32; 7]) -> Vec<(String, u32)> {
    assert_eq!(q.dimensions.len(), levels.len());
    q.dimensions.iter().zip(levels).map(|(d, l)| (d.id.clone(), l)).collect()
}

#[test]
fn golden_bank_with_strong_governance_and_manual_releases_is_level_1() {
    let (s, q) = profile("profile-bank.yaml");
    assert_eq!(s.overall_level, 1);
    // Organisation 2, as the practitioner said, since org-on-call accepts operators with a
    // rehearsed model playbook and a named model owner (it first asked for a modeller on the
    // rota and gave 1; see the fixture's verdict).
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [2, 1, 1, 1, 2, 2, 2]));
}

#[test]
fn golden_recommender_with_ci_cd_and_manual_rollback_is_level_2() {
    let (s, q) = profile("profile-recommender.yaml");
    assert_eq!(s.overall_level, 2);
    // Deployment stays at 2 without automatic withdrawal; organisation reaches 3 (the
    // practitioner said 2 and, on reflection, was wrong: see the fixture).
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [2, 2, 2, 2, 2, 2, 3]));
}

#[test]
fn golden_genai_assistant_that_trains_nothing_is_level_1() {
    let (s, q) = profile("profile-genai-support.yaml");
    assert_eq!(s.overall_level, 1);
    // Data 1: the knowledge-base build is not gated on content. Retraining 2 now rests on the
    // provider upgrades compared on the golden set (ret-challenger applies to every team).
    // Experimentation 1, not the practitioner's 2: once exp-pipeline-tested covers prompts,
    // prompt changes checked only after release are only partly tested; see the fixture.
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [1, 1, 2, 2, 2, 2, 3]));
}

#[test]
fn golden_pharma_research_group_is_level_0() {
    let (s, q) = profile("profile-pharma-research.yaml");
    assert_eq!(s.overall_level, 0);
    // Validation 1 (scaffold splits, reviewed by colleagues); retraining 1 (dated models, outcomes
    // matched, a rerun with hand edits).
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [0, 0, 1, 0, 0, 1, 0]));
}

#[test]
fn golden_logistics_forecasting_without_model_alerts_or_on_call_is_level_1() {
    let (s, q) = profile("profile-logistics-forecasting.yaml");
    assert_eq!(s.overall_level, 1);
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [2, 2, 2, 2, 1, 2, 1]));
}

#[test]
fn golden_delivery_eta_on_a_mature_platform_is_level_3() {
    let (s, q) = profile("profile-delivery-eta.yaml");
    assert_eq!(s.overall_level, 3);
    assert_eq!(levels_by_dimension(&s, &q), in_dimension_order(&q, [3; 7]));
}
