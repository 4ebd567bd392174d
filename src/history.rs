//! One team over time: its assessments in date order and what changed between them.
//!
//! Pure: it takes the inputs the shell read (sessions, workshop sessions, JSON reports) with the
//! questionnaire of each, groups them into assessments exactly as the portfolio does
//! (`portfolio::assessments`), scores each one as the portfolio does, and compares consecutive
//! ones: every dimension's level before and after, and the practices whose answer changed. No
//! files and no clock; rendering goes through the shared templates.

use crate::portfolio::{self, Input, InputKind, TeamAssessments, assessments};
use crate::questionnaire::Questionnaire;
use crate::report::{self, SessionInput};
use serde::Serialize;

/// The built-in Markdown history.
pub(crate) const MARKDOWN_TEMPLATE: &str = include_str!("../templates/history.md");
/// The built-in HTML history (a chart of each dimension's score as inline SVG).
pub(crate) const HTML_TEMPLATE: &str = include_str!("../templates/history.html");

/// A team's history: the JSON output and the templates' context.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct History {
    /// The team, as its inputs first name it.
    pub(crate) team: String,
    /// Oldest first; undated assessments come before every dated one.
    pub(crate) assessments: Vec<HistoryAssessment>,
    /// Between each assessment and the next, in the same order.
    pub(crate) changes: Vec<Change>,
    /// The dimensions of the latest assessment's questionnaire, for names in the report.
    pub(crate) dimension_names: Vec<DimensionName>,
    /// The highest level of that questionnaire.
    pub(crate) highest_level: u32,
    /// Files skipped, and what the reader should know about this team's inputs (such as inputs left
    /// out of an assessment), one sentence each.
    pub(crate) warnings: Vec<String>,
    /// The day the history was made (`YYYY-MM-DD`; `SOURCE_DATE_EPOCH` pins it).
    pub(crate) generated: String,
}

/// A dimension's id and name.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DimensionName {
    /// The dimension id.
    pub(crate) id: String,
    /// The dimension's name.
    pub(crate) name: String,
}

/// One assessment of the team, scored.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryAssessment {
    /// Its date: its latest input's (`YYYY-MM-DD`); null when undated.
    pub(crate) date: Option<String>,
    /// The questionnaire it answered: id and version.
    pub(crate) questionnaire: QuestionnaireRef,
    /// Who answered: its sessions' respondents, its workshop's participants, or those a JSON report
    /// lists.
    pub(crate) respondents: Vec<String>,
    /// Its overall level and score.
    pub(crate) overall: portfolio::TeamOverall,
    /// Every dimension's level and score, in the order of the latest assessment's questionnaire.
    pub(crate) dimensions: Vec<portfolio::TeamDimension>,
    /// The files it comes from.
    pub(crate) files: Vec<String>,
    /// Each question's answer, where the input says (a JSON report from an older build may not).
    #[serde(skip)]
    pub(crate) answers: Vec<(String, String)>,
}

/// A questionnaire by id and version.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionnaireRef {
    /// The questionnaire's id.
    pub(crate) id: String,
    /// The `version` its file gives.
    pub(crate) version: u32,
}

/// What changed from one assessment to the next.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Change {
    /// The earlier assessment's date; null when undated.
    pub(crate) from: Option<String>,
    /// The later assessment's date; null when undated.
    pub(crate) to: Option<String>,
    /// Every dimension of the latest questionnaire, with its level in both.
    pub(crate) dimensions: Vec<LevelChange>,
    /// Only the questions whose answer changed, in the latest questionnaire's order.
    pub(crate) answers: Vec<AnswerChange>,
}

/// One dimension's level in two consecutive assessments.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelChange {
    /// The dimension id.
    pub(crate) id: String,
    /// Its level in the earlier assessment; null when that one did not score it.
    pub(crate) before: Option<u32>,
    /// Its level in the later assessment; null when that one did not score it.
    pub(crate) after: Option<u32>,
}

/// A question whose answer changed between two consecutive assessments.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnswerChange {
    /// The question id.
    pub(crate) question: String,
    /// The practice, as the newer questionnaire words it.
    pub(crate) text: String,
    /// The earlier answer (`yes`, `partial`, `no`, `unknown` or `na`); null when unanswered.
    pub(crate) before: Option<String>,
    /// The later answer; null when unanswered.
    pub(crate) after: Option<String>,
}

/// Why no history could be made for the team asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// Several teams and no `--team`: their names.
    SeveralTeams(Vec<String>),
    /// `--team` names none of them: the teams there are.
    UnknownTeam(Vec<String>),
}

/// The team's history. `which[i]` is the index in `qs` of input `i`'s questionnaire; `team`
/// picks one team (matched as the portfolio matches names) when the inputs hold several.
pub(crate) fn build(
    qs: &[Questionnaire],
    which: &[usize],
    inputs: &[Input],
    team: Option<&str>,
    mut warnings: Vec<String>,
    generated: &str,
) -> Result<History, Choice> {
    let included: Vec<Option<usize>> = which.iter().copied().map(Some).collect();
    let (teams, group_warnings) = assessments::by_team(inputs, &included);
    let names = || teams.iter().map(|t| t.team.clone()).collect::<Vec<_>>();
    let chosen: &TeamAssessments = match team {
        Some(name) => {
            teams.iter().find(|t| portfolio::same_team(&t.team, name)).ok_or_else(|| Choice::UnknownTeam(names()))?
        }
        None if teams.len() == 1 => &teams[0],
        None => return Err(Choice::SeveralTeams(names())),
    };
    // Only the chosen team's warnings concern this history.
    let prefix = format!("team {}", chosen.team);
    warnings.extend(group_warnings.into_iter().filter(|w| w.starts_with(&prefix)));
    let q_of = |members: &[usize]| &qs[which[members[0]]];
    let latest_q = chosen.assessments.last().map(|a| q_of(&a.members)).unwrap_or(&qs[0]);
    let scored: Vec<HistoryAssessment> = chosen
        .assessments
        .iter()
        .map(|a| {
            let q = q_of(&a.members);
            let (result, _) = portfolio::score_assessment(q, latest_q, inputs, &chosen.team, a, generated);
            HistoryAssessment {
                date: a.date.clone(),
                questionnaire: QuestionnaireRef { id: q.id.clone(), version: q.version },
                respondents: result.respondents,
                overall: result.overall,
                dimensions: result.dimensions,
                files: result.files,
                answers: answers_of(q, inputs, &a.members, generated),
            }
        })
        .collect();
    let changes = scored.windows(2).map(|pair| change(latest_q, &pair[0], &pair[1])).collect();
    Ok(History {
        team: chosen.team.clone(),
        assessments: scored,
        changes,
        dimension_names: latest_q
            .dimensions
            .iter()
            .map(|d| DimensionName { id: d.id.clone(), name: d.name.clone() })
            .collect(),
        highest_level: latest_q.highest_level(),
        warnings,
        generated: generated.to_owned(),
    })
}

/// Each question's answer in an assessment: the combined answer of its sessions, or what a
/// JSON report lists.
fn answers_of(q: &Questionnaire, inputs: &[Input], members: &[usize], generated: &str) -> Vec<(String, String)> {
    if let InputKind::Report(r) = &inputs[members[0]].kind {
        return r.answers.iter().flatten().map(|a| (a.question.clone(), a.answer.clone())).collect();
    }
    let sessions: Vec<SessionInput> = members
        .iter()
        .filter_map(|&i| match &inputs[i].kind {
            InputKind::Session(s) => Some(SessionInput { file_name: inputs[i].file_name.clone(), session: s }),
            InputKind::Report(_) => None,
        })
        .collect();
    report::build(q, &sessions, None, generated)
        .answers
        .into_iter()
        .map(|a| (a.question, a.answer.to_string()))
        .collect()
}

/// What changed from one assessment to the next: every dimension's level, and the answers
/// that differ (in the order of the newer questionnaire `q`, then any others).
fn change(q: &Questionnaire, before: &HistoryAssessment, after: &HistoryAssessment) -> Change {
    let level = |a: &HistoryAssessment, id: &str| a.dimensions.iter().find(|d| d.id == id).and_then(|d| d.level);
    let dimensions = q
        .dimensions
        .iter()
        .map(|d| LevelChange { id: d.id.clone(), before: level(before, &d.id), after: level(after, &d.id) })
        .collect();
    let answer = |a: &HistoryAssessment, id: &str| {
        a.answers.iter().find(|(q, _)| q == id).map(|(_, ans)| ans.clone()).filter(|s| s != "unanswered")
    };
    let answers = q
        .questions()
        .filter_map(|(_, qn)| {
            let (b, a) = (answer(before, &qn.id), answer(after, &qn.id));
            (b != a).then(|| AnswerChange { question: qn.id.clone(), text: qn.text.clone(), before: b, after: a })
        })
        .collect();
    Change { from: before.date.clone(), to: after.date.clone(), dimensions, answers }
}

/// The history as JSON.
pub(crate) fn to_json(h: &History) -> String {
    crate::printable::clean_json_text(h)
}

/// The history through a Tera template; a name ending in `.html` escapes HTML.
pub(crate) fn render(h: &History, name: &str, template: &str) -> Result<String, String> {
    crate::templates::render(&ChartContext::of(h), name, template)
}

/// The history with the built-in Markdown template.
pub(crate) fn render_markdown(h: &History) -> String {
    render(h, "history.md", MARKDOWN_TEMPLATE).expect("the built-in template is tested")
}

/// The self-contained HTML history with the built-in template.
pub(crate) fn render_html(h: &History) -> String {
    render(h, "history.html", HTML_TEMPLATE).expect("the built-in template is tested")
}

/// The templates' context: the history, plus the chart's points worked out here (a template
/// language is a poor place for arithmetic).
#[derive(Serialize)]
struct ChartContext<'a> {
    #[serde(flatten)]
    history: &'a History,
    chart: Chart,
}

/// An SVG chart of each dimension's score over the assessments: one band a dimension (small
/// multiples, so that no line hides another), each point's score written beside it.
#[derive(Serialize)]
struct Chart {
    width: u32,
    height: u32,
    /// x of each assessment, with its label.
    columns: Vec<Column>,
    bands: Vec<Band>,
}

#[derive(Serialize)]
struct Column {
    x: f64,
    label: String,
}

#[derive(Serialize)]
struct Band {
    name: String,
    /// Top of the band, and the y of its level 0 and highest-level lines.
    top: f64,
    y_zero: f64,
    y_top: f64,
    /// The polyline's points, `x,y x,y …`.
    points: String,
    marks: Vec<Mark>,
}

#[derive(Serialize)]
struct Mark {
    x: f64,
    y: f64,
    score: String,
}

impl<'a> ChartContext<'a> {
    fn of(h: &'a History) -> ChartContext<'a> {
        const LEFT: f64 = 230.0;
        const TOP: f64 = 40.0;
        const BAND: f64 = 64.0;
        const PLOT: f64 = 34.0;
        let n = h.assessments.len().max(1);
        let step = if n > 1 { (480.0 / (n - 1) as f64).min(140.0) } else { 0.0 };
        let highest = f64::from(h.highest_level.max(1));
        let x = |i: usize| LEFT + 30.0 + step * i as f64;
        let columns = h
            .assessments
            .iter()
            .enumerate()
            .map(|(i, a)| Column { x: x(i), label: a.date.clone().unwrap_or_else(|| "undated".into()) })
            .collect();
        let bands = h
            .dimension_names
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                let top = TOP + BAND * d as f64;
                let y_zero = top + 12.0 + PLOT;
                let y = |score: f64| y_zero - score.clamp(0.0, highest) / highest * PLOT;
                let marks: Vec<Mark> = h
                    .assessments
                    .iter()
                    .enumerate()
                    .filter_map(|(i, a)| {
                        let score = a.dimensions.iter().find(|t| t.id == dim.id)?.score?;
                        Some(Mark { x: x(i), y: y(score), score: crate::printable::fixed(score, 2) })
                    })
                    .collect();
                let points = marks.iter().map(|m| format!("{:.1},{:.1}", m.x, m.y)).collect::<Vec<_>>().join(" ");
                Band { name: dim.name.clone(), top, y_zero, y_top: y_zero - PLOT, points, marks }
            })
            .collect();
        let width = (LEFT + 30.0 + step * (n - 1) as f64 + 70.0) as u32;
        let height = (TOP + BAND * h.dimension_names.len() as f64 + 10.0) as u32;
        ChartContext { history: h, chart: Chart { width, height, columns, bands } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::{TeamDimension, TeamOverall};

    fn assessment(date: &str, dims: &[(&str, u32, f64)], answers: &[(&str, &str)]) -> HistoryAssessment {
        HistoryAssessment {
            date: Some(date.to_owned()),
            questionnaire: QuestionnaireRef { id: "q".into(), version: 1 },
            respondents: vec![],
            overall: TeamOverall { level: 0, score: 0.0 },
            dimensions: dims
                .iter()
                .map(|(id, l, s)| TeamDimension { id: (*id).to_owned(), level: Some(*l), score: Some(*s) })
                .collect(),
            files: vec![],
            answers: answers.iter().map(|(q, a)| ((*q).to_owned(), (*a).to_owned())).collect(),
        }
    }

    fn quick() -> Questionnaire {
        crate::questionnaire::built_in("mlops-quick").unwrap()
    }

    #[test]
    fn a_change_gives_each_dimensions_own_levels_and_only_the_answers_that_changed() {
        let q = quick();
        let (d0, d1) = (q.dimensions[0].id.as_str(), q.dimensions[1].id.as_str());
        let ids: Vec<&str> = q.questions().map(|(_, qn)| qn.id.as_str()).collect();
        let before = assessment("2026-03-01", &[(d0, 0, 0.5), (d1, 2, 2.1)], &[(ids[0], "no"), (ids[1], "yes")]);
        let after = assessment(
            "2026-06-01",
            &[(d0, 1, 1.2), (d1, 2, 2.4)],
            &[(ids[0], "yes"), (ids[1], "yes"), (ids[2], "partial"), (ids[3], "unanswered")],
        );
        let c = change(&q, &before, &after);
        assert_eq!((c.from.as_deref(), c.to.as_deref()), (Some("2026-03-01"), Some("2026-06-01")));
        assert_eq!(c.dimensions.len(), q.dimensions.len());
        assert_eq!((c.dimensions[0].before, c.dimensions[0].after), (Some(0), Some(1)));
        assert_eq!((c.dimensions[1].before, c.dimensions[1].after), (Some(2), Some(2)));
        assert_eq!(c.dimensions[2].before, None, "a dimension neither assessment scored");
        let changed: Vec<(&str, Option<&str>, Option<&str>)> =
            c.answers.iter().map(|a| (a.question.as_str(), a.before.as_deref(), a.after.as_deref())).collect();
        assert_eq!(changed, [(ids[0], Some("no"), Some("yes")), (ids[2], None, Some("partial"))]);
    }

    #[test]
    fn the_chart_puts_each_assessment_in_a_column_and_each_score_in_its_dimensions_band() {
        let q = quick();
        let (d0, d1) = (q.dimensions[0].id.clone(), q.dimensions[1].id.clone());
        let h = History {
            team: "T".into(),
            assessments: vec![
                assessment("2026-03-01", &[(&d0, 0, 0.0), (&d1, 3, 3.0)], &[]),
                assessment("2026-06-01", &[(&d0, 1, 1.5)], &[]),
                assessment("2026-09-01", &[(&d0, 3, 3.0)], &[]),
            ],
            changes: vec![],
            dimension_names: vec![
                DimensionName { id: d0.clone(), name: "A".into() },
                DimensionName { id: d1.clone(), name: "B".into() },
            ],
            highest_level: 3,
            warnings: vec![],
            generated: "2026-12-07".into(),
        };
        let chart = ChartContext::of(&h).chart;
        // Three columns 140 apart (480 / 2 is more than the widest step), from x = 260.
        let xs: Vec<f64> = chart.columns.iter().map(|c| c.x).collect();
        assert_eq!(xs, [260.0, 400.0, 540.0]);
        assert_eq!(chart.columns[2].label, "2026-09-01");
        assert_eq!((chart.width, chart.height), (260 + 280 + 70, 40 + 2 * 64 + 10));
        // Band A: top 40, level 0 at y 86, the highest level 34 above it.
        let a = &chart.bands[0];
        assert_eq!((a.top, a.y_zero, a.y_top), (40.0, 86.0, 52.0));
        let marks: Vec<(f64, f64, &str)> = a.marks.iter().map(|m| (m.x, m.y, m.score.as_str())).collect();
        assert_eq!(marks, [(260.0, 86.0, "0.00"), (400.0, 69.0, "1.50"), (540.0, 52.0, "3.00")]);
        assert_eq!(a.points, "260.0,86.0 400.0,69.0 540.0,52.0");
        // Band B starts one band lower and has a point only where B was scored.
        let b = &chart.bands[1];
        assert_eq!((b.top, b.y_zero), (104.0, 150.0));
        assert_eq!(b.marks.len(), 1);
        assert_eq!((b.marks[0].x, b.marks[0].y), (260.0, 116.0));
        // Many assessments share the width: 480 over the gaps.
        let mut many = h.clone();
        many.assessments = (0..9).map(|i| assessment(&format!("2026-0{}-01", i + 1), &[], &[])).collect();
        let chart = ChartContext::of(&many).chart;
        assert_eq!(chart.columns[1].x - chart.columns[0].x, 60.0);
        assert_eq!(chart.width, 260 + 480 + 70);
        // One assessment: no step, and a score never leaves its band.
        let mut one = h.clone();
        one.assessments = vec![assessment("2026-01-01", &[(&d0, 3, 9.0)], &[])];
        let chart = ChartContext::of(&one).chart;
        assert_eq!(chart.width, 260 + 70);
        assert_eq!(chart.bands[0].marks[0].y, 52.0, "a score above the highest level is drawn at the top");
    }
}
