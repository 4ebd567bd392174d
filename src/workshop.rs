//! Several respondents: consensus answers, disagreements, merged bottlenecks and role gaps;
//! workshop sessions (one file, the participants' votes) and `merge` of separate sessions.
//!
//! A single session goes through the same functions: its answers are taken as they are, so one
//! respondent's report and a workshop's are built by the same code. Everything here is pure:
//! the shells read and write the files.

use crate::questionnaire::{Questionnaire, Stage};
use crate::roadmap::{StageLoad, to_percent};
use crate::scoring::{self, reaches};
use crate::session::{Answer, AnswerEntry, Participant, Session, StageRating};
/// The median rule for a room's answer, and when a room does not know (they live with the answer).
pub use crate::session::{consensus, room_does_not_know};
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};

/// Each session's answers in questionnaire order.
pub fn answers_of(q: &Questionnaire, s: &Session) -> Vec<Option<Answer>> {
    q.questions()
        .map(|(_, question)| s.answer(&question.id).or_else(|| s.replaced_answer(question).map(|(_, a)| a)))
        .collect()
}

/// Consensus answers over all given respondents (`per_respondent[r][question]`).
pub(crate) fn merge_answers(q: &Questionnaire, per_respondent: &[&[Option<Answer>]]) -> Vec<Option<Answer>> {
    let mut column = Vec::with_capacity(per_respondent.len());
    (0..q.question_count())
        .map(|i| {
            column.clear();
            column.extend(per_respondent.iter().map(|answers| answers[i]));
            consensus(&column, q.scoring.partial_credit)
        })
        .collect()
}

/// Names of the respondents: the session's `respondent`, else its file name; repeats get " (2)"…
pub fn respondent_names(given: &[(Option<String>, String)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(given.len());
    let mut taken = std::collections::HashSet::with_capacity(given.len());
    for (respondent, file) in given {
        let base = respondent.clone().filter(|r| !r.trim().is_empty()).unwrap_or_else(|| file.clone());
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// Questions where one respondent said yes and another no, with everyone's answer.
pub(crate) fn disagreements(
    q: &Questionnaire,
    names: &[String],
    per_respondent: &[&[Option<Answer>]],
) -> Vec<(String, Vec<(String, Answer)>)> {
    q.questions()
        .enumerate()
        .filter_map(|(i, (_, question))| {
            let column: Vec<(String, Answer)> = names
                .iter()
                .zip(per_respondent)
                .filter_map(|(name, answers)| answers[i].map(|a| (name.clone(), a)))
                .collect();
            let yes = column.iter().any(|(_, a)| *a == Answer::Yes);
            let no = column.iter().any(|(_, a)| *a == Answer::No);
            (yes && no).then(|| (question.id.clone(), column))
        })
        .collect()
}

/// The bottleneck map of the group: each respondent's shares in percent, averaged over those who
/// rated the stage, then in percent again; pain averaged over those who rated it.
pub fn merge_loads(stages: &[Stage], sessions: &[&Session]) -> Vec<StageLoad> {
    merge_ratings(stages, sessions)
        .into_iter()
        .map(|r| StageLoad { time_share: r.time_share.unwrap_or(0.0), pain: r.pain })
        .collect()
}

/// The group's rating of each stage (in the questionnaire's stage order); `None` where nobody
/// rated it. Time shares are in percent.
pub fn merge_ratings(stages: &[Stage], sessions: &[&Session]) -> Vec<StageRating> {
    let mut share_sum = vec![0.0; stages.len()];
    let mut share_count = vec![0usize; stages.len()];
    let mut pain_sum = vec![0.0; stages.len()];
    let mut pain_count = vec![0usize; stages.len()];
    for s in sessions {
        let shares: Vec<Option<f64>> =
            stages.iter().map(|st| s.bottlenecks.get(&st.id).and_then(|r| r.time_share)).collect();
        for (i, share) in in_percent(&shares).into_iter().enumerate() {
            if let Some(v) = share {
                share_sum[i] += v;
                share_count[i] += 1;
            }
        }
        for (i, st) in stages.iter().enumerate() {
            if let Some(p) = s.bottlenecks.get(&st.id).and_then(|r| r.pain) {
                pain_sum[i] += p;
                pain_count[i] += 1;
            }
        }
    }
    let means: Vec<Option<f64>> =
        share_sum.iter().zip(&share_count).map(|(s, &n)| (n > 0).then(|| s / n as f64)).collect();
    in_percent(&means)
        .into_iter()
        .zip(pain_sum.iter().zip(&pain_count))
        .map(|(share, (p, &n))| StageRating { time_share: share, pain: (n > 0).then(|| p / n as f64) })
        .collect()
}

/// Shares in percent. Shares that already add up to 100 stand as given, so that a merged map
/// written to a file (`merge`) reads back to the very same numbers.
fn in_percent(shares: &[Option<f64>]) -> Vec<Option<f64>> {
    let total: f64 = shares.iter().flatten().sum();
    if shares.iter().any(Option::is_some) && (total - 100.0).abs() <= scoring::EPSILON {
        return shares.to_vec();
    }
    to_percent(shares)
}

/// A role as compared: `Data Science`, `data-science` and `data_science` are one role.
pub(crate) fn role_key(role: &str) -> String {
    role.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '_').flat_map(char::to_lowercase).collect()
}

/// Dimensions where two roles' scores differ by 1.0 or more, with every role's score.
pub fn role_gaps(
    q: &Questionnaire,
    roles: &[Option<String>],
    per_respondent: &[&[Option<Answer>]],
) -> Vec<(String, Vec<(String, f64)>)> {
    // Each respondent's role key; the role is shown as first spelled.
    let keys: Vec<Option<String>> =
        roles.iter().map(|r| r.as_deref().map(role_key).filter(|k| !k.is_empty())).collect();
    let mut distinct: Vec<(&str, &str)> = Vec::new();
    let mut seen = HashSet::new();
    for (role, key) in roles.iter().zip(&keys) {
        if let (Some(role), Some(key)) = (role, key)
            && seen.insert(key.as_str())
        {
            distinct.push((role.as_str(), key.as_str()));
        }
    }
    if distinct.len() < 2 {
        return Vec::new();
    }
    let role_scores: Vec<scoring::Scores> = distinct
        .iter()
        .map(|(_, key)| {
            let members: Vec<&[Option<Answer>]> =
                keys.iter().zip(per_respondent).filter(|(k, _)| k.as_deref() == Some(*key)).map(|(_, a)| *a).collect();
            scoring::score(q, &merge_answers(q, &members))
        })
        .collect();
    q.dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, dim)| {
            let scores: Vec<(String, f64)> =
                distinct.iter().zip(&role_scores).map(|((r, _), s)| ((*r).to_owned(), s.dimensions[d].score)).collect();
            let max = scores.iter().map(|s| s.1).fold(f64::MIN, f64::max);
            let min = scores.iter().map(|s| s.1).fold(f64::MAX, f64::min);
            reaches(max - min, 1.0).then(|| (dim.id.clone(), scores))
        })
        .collect()
}

/// The people a report speaks for and what each of them answered: the respondents of separate
/// sessions, or the participants of one workshop session with their votes.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Respondent names, unique, in order (a workshop's participants as listed).
    pub(crate) names: Vec<String>,
    /// Each respondent's role, in the order of `names` (`None` when not given).
    pub(crate) roles: Vec<Option<String>>,
    /// `per_respondent[r][i]`: respondent r's own answer to question i (questionnaire order).
    pub(crate) per_respondent: Vec<Vec<Option<Answer>>>,
    /// A workshop's agreed answers (questionnaire order); all `None` for separate sessions.
    pub(crate) agreed: Vec<Option<Answer>>,
    /// The answers that are scored: agreed where set, else the consensus of the respondents.
    pub(crate) answers: Vec<Option<Answer>>,
    /// True for a workshop session (one file with participants).
    pub(crate) workshop: bool,
}

impl Group {
    /// Each respondent's own answer to question `i`, for a merge or a workshop; empty for one
    /// respondent's session, whose answer is the report's answer.
    pub fn votes(&self, i: usize) -> IndexMap<String, Answer> {
        if !self.workshop && self.names.len() < 2 {
            return IndexMap::new();
        }
        self.names.iter().zip(&self.per_respondent).filter_map(|(n, a)| a[i].map(|a| (n.clone(), a))).collect()
    }

    /// Each respondent's answers as a slice, in the order of `names`.
    pub(crate) fn slices(&self) -> Vec<&[Option<Answer>]> {
        self.per_respondent.iter().map(Vec::as_slice).collect()
    }
}

/// Is this a workshop session (its file lists participants)?
pub(crate) fn is_workshop(s: &Session) -> bool {
    s.participants.is_some()
}

/// The group behind a report: `sessions` with their file names. One workshop session gives its
/// participants; anything else gives one respondent per session.
pub fn group(q: &Questionnaire, sessions: &[(&Session, &str)]) -> Group {
    if let [(s, _)] = sessions
        && let Some(participants) = &s.participants
    {
        return workshop_group(q, s, participants);
    }
    let names =
        respondent_names(&sessions.iter().map(|(s, f)| (s.respondent.clone(), (*f).to_owned())).collect::<Vec<_>>());
    let per_respondent: Vec<Vec<Option<Answer>>> = sessions.iter().map(|(s, _)| answers_of(q, s)).collect();
    let slices: Vec<&[Option<Answer>]> = per_respondent.iter().map(Vec::as_slice).collect();
    let answers = merge_answers(q, &slices);
    Group {
        names,
        roles: sessions.iter().map(|(s, _)| s.role.clone()).collect(),
        per_respondent,
        agreed: vec![None; q.question_count()],
        answers,
        workshop: false,
    }
}

fn workshop_group(q: &Questionnaire, s: &Session, participants: &[Participant]) -> Group {
    let entries: Vec<Option<&AnswerEntry>> = q.questions().map(|(_, question)| s.answers.get(&question.id)).collect();
    let per_respondent: Vec<Vec<Option<Answer>>> = participants
        .iter()
        .map(|p| entries.iter().map(|e| e.and_then(|e| e.votes.get(&p.name).copied())).collect())
        .collect();
    let agreed: Vec<Option<Answer>> = entries.iter().map(|e| e.and_then(|e| e.answer)).collect();
    let slices: Vec<&[Option<Answer>]> = per_respondent.iter().map(Vec::as_slice).collect();
    let answers = merge_answers(q, &slices).into_iter().zip(&agreed).map(|(c, a)| a.or(c)).collect();
    Group {
        names: participants.iter().map(|p| p.name.clone()).collect(),
        roles: participants.iter().map(|p| p.role.clone()).collect(),
        per_respondent,
        agreed,
        answers,
        workshop: true,
    }
}

/// The team of several sessions: the first one named, with a warning for each session that
/// names another (compared ignoring case and surrounding spaces).
pub(crate) fn team_of(sessions: &[(&Session, &str)]) -> (Option<String>, Vec<String>) {
    let mut first: Option<&str> = None;
    let mut warnings = Vec::new();
    for (s, file) in sessions {
        let Some(team) = s.team.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { continue };
        match first {
            None => first = Some(team),
            Some(f) if f.to_lowercase() != team.to_lowercase() => warnings.push(format!(
                "{file} names team `{team}`, not `{f}`: the sessions are reported as team `{f}`; check they belong together"
            )),
            Some(_) => {}
        }
    }
    (first.map(str::to_owned), warnings)
}

/// The same file given twice counts once: the indexes of the first of each `keys` (anything
/// that identifies a file, such as its canonical path), and a warning for each repeat.
pub(crate) fn distinct_files<K: Eq + std::hash::Hash>(keys: &[K], shown: &[String]) -> (Vec<usize>, Vec<String>) {
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    let mut warnings = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if seen.insert(key) {
            kept.push(i);
        } else {
            warnings.push(format!("{} is given more than once: it counts once", shown[i]));
        }
    }
    (kept, warnings)
}

/// Separate sessions (pre-work) as one workshop session: the respondents become participants,
/// their answers votes, with no agreed answer yet; notes and evidence joined one line each as
/// `Name: text`; context, target and questionnaire version from the first session that has
/// them; the bottleneck map as the group's (time share = merged percent, pain = mean).
///
/// `questionnaire` is what the new file names as its questionnaire. Returns the session and the
/// warnings to show (teams that differ).
pub fn merge_sessions(q: &Questionnaire, questionnaire: &str, sessions: &[(&Session, &str)]) -> (Session, Vec<String>) {
    let names =
        respondent_names(&sessions.iter().map(|(s, f)| (s.respondent.clone(), (*f).to_owned())).collect::<Vec<_>>());
    let (team, warnings) = team_of(sessions);
    let mut out = Session::new(questionnaire);
    out.questionnaire_version = sessions.iter().find_map(|(s, _)| s.questionnaire_version);
    out.team = team;
    out.context = sessions.iter().find_map(|(s, _)| s.context.clone().filter(|c| !c.is_empty()));
    out.target = sessions.iter().find_map(|(s, _)| s.target);
    out.scan = sessions.iter().find_map(|(s, _)| s.scan.clone());
    out.date = sessions.iter().filter_map(|(s, _)| s.date.clone()).max();
    out.participants = Some(
        names
            .iter()
            .zip(sessions)
            .map(|(name, (s, _))| Participant { name: name.clone(), role: s.role.clone() })
            .collect(),
    );

    // Questions in questionnaire order, then ids the questionnaire lacks (kept, never dropped).
    let order: HashMap<&str, usize> = q.questions().enumerate().map(|(i, (_, qn))| (qn.id.as_str(), i)).collect();
    let mut ids: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for (s, _) in sessions {
        for id in s.answers.keys() {
            if seen.insert(id.as_str()) {
                ids.push(id);
            }
        }
    }
    ids.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
    for id in ids {
        let mut entry = AnswerEntry::default();
        let mut notes = Vec::new();
        let mut evidence = Vec::new();
        for ((s, _), name) in sessions.iter().zip(&names) {
            let Some(e) = s.answers.get(id) else { continue };
            if let Some(a) = e.answer {
                entry.votes.insert(name.clone(), a);
            }
            if let Some(n) = e.note.as_deref().filter(|t| !t.trim().is_empty()) {
                notes.push(format!("{name}: {}", one_line(n)));
            }
            if let Some(ev) = e.evidence.as_deref().filter(|t| !t.trim().is_empty()) {
                evidence.push(format!("{name}: {}", one_line(ev)));
            }
        }
        entry.note = (!notes.is_empty()).then(|| notes.join("\n"));
        entry.evidence = (!evidence.is_empty()).then(|| evidence.join("\n"));
        if entry != AnswerEntry::default() {
            out.answers.insert(id.to_owned(), entry);
        }
    }

    let just: Vec<&Session> = sessions.iter().map(|(s, _)| *s).collect();
    for (stage, rating) in q.stages.iter().zip(merge_ratings(&q.stages, &just)) {
        if rating.time_share.is_some() || rating.pain.is_some() {
            out.bottlenecks.insert(stage.id.clone(), rating);
        }
    }
    (out, warnings)
}

/// Participants from the command line: `"Ana:engineering,Ben:data-science,Cy"` (role optional).
pub fn parse_participants(list: &str) -> Result<Vec<Participant>, String> {
    let mut out: Vec<Participant> = Vec::new();
    for (i, item) in list.split(',').enumerate() {
        let (name, role) = match item.split_once(':') {
            Some((n, r)) => (n.trim(), Some(r.trim()).filter(|r| !r.is_empty())),
            None => (item.trim(), None),
        };
        if name.is_empty() {
            return Err(format!(
                "participant {} has no name: write them as \"Ana:engineering,Ben:data-science,Cy\"",
                i + 1
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(format!("participant {} has a control character in their name", i + 1));
        }
        if out.iter().any(|p| p.name == name) {
            return Err(format!("participant `{name}` is listed twice: names must be unique"));
        }
        out.push(Participant { name: name.to_owned(), role: role.map(str::to_owned) });
    }
    Ok(out)
}

/// Text on one line: a note joined with others keeps one line per person.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A workshop note or evidence split back per person: lines written `Name: text` by a
/// participant `Name` (as `merge` writes them) belong to that person; other lines to `other`.
pub(crate) fn split_by_person(text: &str, names: &[String], other: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            names
                .iter()
                .find_map(|n| {
                    line.strip_prefix(n.as_str())
                        .and_then(|r| r.strip_prefix(": "))
                        .map(|r| (n.clone(), r.trim().to_owned()))
                })
                .unwrap_or_else(|| (other.to_owned(), line.trim().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(consensus(&[Some(Yes), Some(No), Some(Yes)], 0.5), Some(Yes));
        // Even: mean of the two middle credits, (0.5 + 1) / 2 = 0.75 -> yes.
        assert_eq!(consensus(&[Some(Partial), Some(Yes)], 0.5), Some(Yes));
        // (0 + 0.5) / 2 = 0.25 -> partial.
        assert_eq!(consensus(&[Some(No), Some(Partial)], 0.5), Some(Partial));
        // (0 + 1) / 2 = 0.5 -> partial.
        assert_eq!(consensus(&[Some(No), Some(Yes), Some(Unknown)], 0.5), Some(Partial));
        assert_eq!(consensus(&[Some(No), Some(No), Some(Yes), Some(Yes)], 0.5), Some(Partial));
    }

    #[test]
    fn without_credits_unanswered_na_or_unknown() {
        assert_eq!(consensus(&[None, None], 0.5), None);
        assert_eq!(consensus(&[Some(Na), Some(Na), Some(Unknown)], 0.5), Some(Na));
        assert_eq!(consensus(&[Some(Na), Some(Unknown)], 0.5), Some(Unknown));
        assert_eq!(consensus(&[Some(Na), None], 0.5), Some(Unknown));
    }

    #[test]
    fn half_or_more_unknown_makes_the_consensus_unknown() {
        // One yes does not outvote four who do not know.
        assert_eq!(
            consensus(&[Some(Yes), Some(Unknown), Some(Unknown), Some(Unknown), Some(Unknown)], 0.5),
            Some(Unknown)
        );
        // Exactly half, counting na among those who answered; the unanswered do not count.
        assert_eq!(consensus(&[Some(Yes), Some(Unknown), None, None], 0.5), Some(Unknown));
        assert_eq!(consensus(&[Some(Yes), Some(Na), Some(Unknown), Some(Unknown)], 0.5), Some(Unknown));
        // Fewer than half: the median of yes, partial and no.
        assert_eq!(consensus(&[Some(Yes), Some(Yes), Some(Unknown)], 0.5), Some(Yes));
        assert_eq!(consensus(&[Some(Yes), Some(Na), Some(Na), Some(Unknown)], 0.5), Some(Yes));
    }

    #[test]
    fn one_respondent_stands_as_given() {
        assert_eq!(consensus(&[Some(Partial)], 1.0), Some(Partial));
        assert_eq!(consensus(&[None], 0.5), None);
    }

    #[test]
    fn roles_ignore_case_spaces_dashes_and_underscores() {
        assert_eq!(role_key("Data Science"), role_key("data-science"));
        assert_eq!(role_key("DATA_science"), role_key("data science"));
        assert_ne!(role_key("data"), role_key("data-science"));
        assert_eq!(role_key(" - _ "), "");
    }

    #[test]
    fn shares_already_in_percent_stand_as_given() {
        let given = [Some(100.0 / 3.0), Some(200.0 / 3.0), None];
        assert_eq!(in_percent(&given), given.to_vec());
        assert_eq!(in_percent(&[Some(1.0), Some(3.0)]), vec![Some(25.0), Some(75.0)]);
        assert_eq!(in_percent(&[None, None]), vec![None, None]);
    }

    #[test]
    fn repeated_files_count_once() {
        let shown: Vec<String> = ["a", "b", "a again"].iter().map(|s| s.to_string()).collect();
        let (kept, warnings) = distinct_files(&["/x/a", "/x/b", "/x/a"], &shown);
        assert_eq!(kept, vec![0, 1]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("a again"), "{warnings:?}");
    }

    #[test]
    fn participants_from_a_list() {
        let p = parse_participants("Ana:engineering, Ben : data-science ,Cy,Dee:").unwrap();
        let got: Vec<(&str, Option<&str>)> = p.iter().map(|p| (p.name.as_str(), p.role.as_deref())).collect();
        assert_eq!(got, vec![("Ana", Some("engineering")), ("Ben", Some("data-science")), ("Cy", None), ("Dee", None)]);
        assert!(parse_participants("Ana,,Ben").unwrap_err().contains("participant 2 has no name"));
        assert!(parse_participants("Ana,Ana:x").unwrap_err().contains("twice"));
        assert!(parse_participants("").is_err());
    }

    #[test]
    fn joined_notes_split_back_per_person() {
        let names = vec!["Ana".to_owned(), "Ben: x".to_owned()];
        let got = split_by_person("Ana: one\n\nBen: x: two\nplain", &names, "workshop");
        assert_eq!(
            got,
            vec![("Ana".into(), "one".into()), ("Ben: x".into(), "two".into()), ("workshop".into(), "plain".into())]
        );
    }

    #[test]
    fn names_fall_back_to_file_and_stay_unique() {
        let names = respondent_names(&[
            (Some("Ana".into()), "a.yaml".into()),
            (None, "b.yaml".into()),
            (Some("Ana".into()), "c.yaml".into()),
        ]);
        assert_eq!(names, vec!["Ana", "b.yaml", "Ana (2)"]);
    }
}
