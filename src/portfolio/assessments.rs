//! A team's inputs grouped into assessments by date, for the portfolio and a team's history.
//!
//! Pure: it sees inputs already read and the questionnaire each one uses (an index), never a
//! file. The rules are DESIGN's "Assessments, not files": sorted by date, an assessment starts at
//! its earliest input and takes every input dated at most [`WINDOW_DAYS`] days after that start
//! (a window, not a chain); undated inputs form one assessment older than every dated one. Inside
//! an assessment a workshop session wins over separate sessions, and sessions win over a JSON
//! report (a report made from them); the inputs of another questionnaire than the first one kept
//! are left out. Every input left out is named in a warning.

use super::model::{Input, InputKind};
use std::collections::HashMap;

/// How many days after its first input an assessment still takes inputs.
pub(crate) const WINDOW_DAYS: i64 = 14;

/// One assessment of a team: the inputs scored together, and its date (its latest input's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assessment {
    /// Indexes into the inputs: separate sessions (merged), or one workshop session, or one report.
    pub(crate) members: Vec<usize>,
    /// Its latest input's date (`YYYY-MM-DD`); `None` for the undated inputs' assessment.
    pub(crate) date: Option<String>,
}

/// A team's assessments, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TeamAssessments {
    /// The team's name as its first input gives it (the file name when it names none).
    pub(crate) team: String,
    /// Its assessments, oldest first; the undated one before every dated one.
    pub(crate) assessments: Vec<Assessment>,
}

/// Whether two team names mean the same team (case, spaces, `-` and `_` do not matter).
pub(crate) fn same_team(a: &str, b: &str) -> bool {
    team_key(a) == team_key(b)
}

/// Compares team names as people mean them: case, spaces, `-` and `_` do not matter.
pub(super) fn team_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '_').flat_map(char::to_lowercase).collect()
}

pub(crate) use crate::dates::day_number;

/// Groups `inputs` by team (names compared ignoring case, spaces, `-` and `_`; an input without
/// a team is a team named by its file) and each team's inputs into assessments. `questionnaire`
/// gives each input's questionnaire (an index), `None` for an input left out already. Teams come
/// in name order.
pub(crate) fn by_team(inputs: &[Input], questionnaire: &[Option<usize>]) -> (Vec<TeamAssessments>, Vec<String>) {
    let mut order: Vec<String> = Vec::new();
    let mut teams: HashMap<String, (String, Vec<usize>)> = HashMap::new();
    for (i, input) in inputs.iter().enumerate().filter(|(i, _)| questionnaire[*i].is_some()) {
        let name = input.team_name().unwrap_or(&input.file_name);
        let key = team_key(name);
        teams
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key.clone());
                (name.to_owned(), Vec::new())
            })
            .1
            .push(i);
    }
    let mut warnings = Vec::new();
    let mut out: Vec<TeamAssessments> = order
        .into_iter()
        .map(|key| {
            let (team, members) = teams.remove(&key).expect("every key was inserted");
            let assessments = windows(inputs, &members)
                .into_iter()
                .map(|window| choose(inputs, questionnaire, &team, window, &mut warnings))
                .collect();
            TeamAssessments { team, assessments }
        })
        .collect();
    out.sort_by(|a, b| team_key(&a.team).cmp(&team_key(&b.team)).then_with(|| a.team.cmp(&b.team)));
    (out, warnings)
}

/// A team's inputs cut into date windows, oldest first; the undated ones first of all.
fn windows(inputs: &[Input], members: &[usize]) -> Vec<Vec<usize>> {
    let (mut dated, undated): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| inputs[i].date().and_then(day_number).is_some());
    dated.sort_by_key(|&i| (inputs[i].date().and_then(day_number), i));
    let mut out = Vec::new();
    if !undated.is_empty() {
        out.push(undated);
    }
    let mut current: Vec<usize> = Vec::new();
    let mut start = 0;
    for i in dated {
        let day = inputs[i].date().and_then(day_number).expect("dated inputs have a day");
        if current.is_empty() || day - start > WINDOW_DAYS {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            start = day;
        }
        current.push(i);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// What one date window scores: its workshop session (the latest), else its separate sessions,
/// else its latest report; then only those of the first kept input's questionnaire.
fn choose(
    inputs: &[Input],
    questionnaire: &[Option<usize>],
    team: &str,
    window: Vec<usize>,
    warnings: &mut Vec<String>,
) -> Assessment {
    let date = window.iter().filter_map(|&i| inputs[i].date()).max().map(|d| d[..10].to_owned());
    let latest = |of: &[usize]| of.iter().copied().max_by_key(|&i| (inputs[i].date(), i));
    let workshops: Vec<usize> = window.iter().copied().filter(|&i| is_workshop(&inputs[i])).collect();
    let sessions: Vec<usize> = window.iter().copied().filter(|&i| inputs[i].merges()).collect();
    let mut kept: Vec<usize> = if let Some(w) = latest(&workshops) {
        vec![w]
    } else if !sessions.is_empty() {
        sessions
    } else {
        latest(&window).into_iter().collect()
    };
    kept.sort_unstable();
    let first_q = questionnaire[kept[0]];
    let (kept, other_q): (Vec<usize>, Vec<usize>) = kept.into_iter().partition(|&i| questionnaire[i] == first_q);
    let when = date.as_deref().unwrap_or("undated");
    let used: Vec<&str> = kept.iter().map(|&i| inputs[i].path.as_str()).collect();
    if !other_q.is_empty() {
        let files: Vec<&str> = other_q.iter().map(|&i| inputs[i].path.as_str()).collect();
        warnings.push(format!(
            "team {team}, assessment of {when}: left out {} (another questionnaire than {})",
            files.join(", "),
            used.join(" + ")
        ));
    }
    let left_out: Vec<&str> =
        window.iter().filter(|i| !kept.contains(i) && !other_q.contains(i)).map(|&i| inputs[i].path.as_str()).collect();
    if !left_out.is_empty() {
        let why = if is_workshop(&inputs[kept[0]]) {
            "a workshop session of the same assessment wins over separate sessions and reports"
        } else if inputs[kept[0]].merges() {
            "the sessions of the same assessment win over a report made from them"
        } else {
            "the latest report of the same assessment is kept"
        };
        warnings.push(format!(
            "team {team}, assessment of {when}: used {}; left out {} ({why})",
            used.join(" + "),
            left_out.join(", ")
        ));
    }
    Assessment { members: kept, date }
}

fn is_workshop(input: &Input) -> bool {
    matches!(&input.kind, InputKind::Session(s) if s.participants.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(file: &str, yaml: &str) -> Input {
        let text = format!("format: 1\nquestionnaire: mlops-quick\n{yaml}");
        let session = crate::session::parse(&text, file).unwrap();
        Input { path: file.to_owned(), file_name: file.to_owned(), kind: InputKind::Session(session) }
    }

    fn report(file: &str, team: &str, date: &str) -> Input {
        let text = format!(
            r#"{{"questionnaire": {{"id": "mlops-quick"}}, "team": "{team}", "date": "{date}", "dimensions": []}}"#
        );
        Input {
            path: file.to_owned(),
            file_name: file.to_owned(),
            kind: InputKind::Report(super::super::parse_json_report(&text).unwrap()),
        }
    }

    #[test]
    fn team_names_match_whatever_their_case_spaces_dashes_and_underscores() {
        assert!(same_team("Fraud ML", "fraud-ml"));
        assert!(same_team("fraud_ml", " FRAUD ML "));
        assert!(!same_team("Fraud", "Fraud ML"));
        assert!(!same_team("Reco", "Fraud ML"));
    }

    #[test]
    fn a_teams_quarters_are_two_assessments_and_its_people_within_two_weeks_one() {
        let inputs = [
            input("q4-maya.yaml", "team: Retail ML\nrespondent: Maya\ndate: 2026-12-07\n"),
            input("q3-maya.yaml", "team: Retail ML\nrespondent: Maya\ndate: 2026-09-07\n"),
            input("q4-ben.yaml", "team: retail-ml\nrespondent: Ben\ndate: 2026-11-25\n"),
            input("old.yaml", "team: Retail_ML\nrespondent: Old\n"),
        ];
        let (teams, warnings) = by_team(&inputs, &[Some(0); 4]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(teams.len(), 1);
        let a = &teams[0].assessments;
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(a[0], Assessment { members: vec![3], date: None }, "undated is oldest");
        assert_eq!(a[1], Assessment { members: vec![1], date: Some("2026-09-07".into()) });
        assert_eq!(a[2], Assessment { members: vec![0, 2], date: Some("2026-12-07".into()) });
    }

    #[test]
    fn a_window_runs_from_its_first_input_not_from_one_to_the_next() {
        let inputs = [
            input("a.yaml", "team: T\nrespondent: A\ndate: 2026-11-01\n"),
            input("b.yaml", "team: T\nrespondent: B\ndate: 2026-11-10\n"),
            input("c.yaml", "team: T\nrespondent: C\ndate: 2026-11-15\n"),
            input("d.yaml", "team: T\nrespondent: D\ndate: 2026-11-16\n"),
        ];
        let (teams, _) = by_team(&inputs, &[Some(0); 4]);
        let members: Vec<&Vec<usize>> = teams[0].assessments.iter().map(|a| &a.members).collect();
        assert_eq!(members, [&vec![0, 1, 2], &vec![3]], "day 14 is in, day 15 starts anew");
    }

    #[test]
    fn a_workshop_wins_over_sessions_and_sessions_over_a_report_in_one_assessment() {
        let inputs = [
            input("ana.yaml", "team: T\nrespondent: Ana\ndate: 2026-11-20\n"),
            report("t.json", "T", "2026-11-21"),
            input("w.yaml", "team: T\nparticipants: [{ name: Ana }]\ndate: 2026-11-19\n"),
            input("ben.yaml", "team: T\nrespondent: Ben\ndate: 2026-12-20\n"),
            report("t2.json", "T", "2026-12-21"),
        ];
        let (teams, warnings) = by_team(&inputs, &[Some(0); 5]);
        let a = &teams[0].assessments;
        assert_eq!(a[0].members, [2]);
        assert_eq!(a[0].date.as_deref(), Some("2026-11-21"), "the date is the latest input's");
        assert_eq!(a[1].members, [3]);
        assert!(warnings[0].contains("used w.yaml; left out ana.yaml, t.json"), "{warnings:?}");
        assert!(warnings[1].contains("used ben.yaml; left out t2.json"), "{warnings:?}");
    }

    #[test]
    fn inputs_of_another_questionnaire_in_one_assessment_are_left_out() {
        let inputs = [
            input("a.yaml", "team: T\nrespondent: A\ndate: 2026-11-20\n"),
            input("b.yaml", "team: T\nrespondent: B\ndate: 2026-11-21\n"),
        ];
        let (teams, warnings) = by_team(&inputs, &[Some(0), Some(1)]);
        assert_eq!(teams[0].assessments[0].members, [0]);
        assert!(warnings[0].contains("left out b.yaml (another questionnaire"), "{warnings:?}");
    }
}
