//! The open assessment: its questionnaire, session and report, where the respondent is (the
//! page and the question), the note being edited, and a workshop's facilitation state.

use crate::questionnaire::Questionnaire;
use crate::report::{self, Report, SessionInput};
use crate::session::Session;
use crate::tui::input::TextInput;
use crossterm::event::KeyCode;
use std::path::PathBuf;

/// The screens of an open assessment: only an [`Assessment`] has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    /// The questions (or, in a workshop, the facilitator's screen).
    Question,
    /// The team's context and target level.
    Context,
    /// The bottleneck map of the lifecycle stages.
    Bottlenecks,
    /// The results and the roadmap.
    Results,
}

/// The text fields of a question: its note and its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    /// The note (`e`).
    Note,
    /// The evidence (`v`).
    Evidence,
}

/// The open assessment: a questionnaire, its session and where the respondent is.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The questionnaire answered.
    pub questionnaire: Questionnaire,
    /// The session as it is now (saved after every change).
    pub session: Session,
    /// Where the session is saved.
    pub(crate) path: PathBuf,
    /// The screen of the assessment shown.
    pub(crate) page: Page,
    /// Question index in questionnaire order.
    pub cursor: usize,
    /// Why the practice matters is shown under the question (`i`).
    pub show_help: bool,
    /// The note or evidence being edited, with its text input.
    pub editing: Option<(NoteField, TextInput)>,
    /// The row chosen on the context screen.
    pub(crate) context_row: usize,
    /// The stage chosen on the bottleneck map.
    pub(crate) stage_row: usize,
    /// True while the respondent is walked from the last question through context and map to results.
    pub(crate) finishing: bool,
    /// True while digits typed on the context screen add to the number (false after an arrow:
    /// the next digit replaces the value).
    pub(crate) typing_number: bool,
    /// First line of the results shown (they scroll).
    pub(crate) results_scroll: usize,
    /// The report of the answers so far, rebuilt after every change.
    pub report: Report,
    /// A workshop session's facilitator state (`None` for one respondent's session).
    pub workshop: Option<Facilitation>,
    /// The notes of the session this one was carried from (`previous`), by question id: shown
    /// read only while a carried answer waits for confirmation. The shell reads them.
    pub previous_notes: std::collections::HashMap<String, String>,
    /// When the clock last ticked (seconds since the epoch, given by the event loop).
    pub(crate) last_tick: Option<u64>,
    /// The session's `previous` as it names it, and that assessment as a baseline: the report
    /// shows progress since then, as `report` does. The shell reads it.
    pub(crate) previous: Option<(String, crate::report::Baseline)>,
}

/// Rows on the context screen.
pub(crate) const CONTEXT_ROWS: usize = 7;

impl Assessment {
    /// An assessment of `session` (saved at `path`) on `questionnaire`, at its first unanswered
    /// question, with the report of its answers so far.
    pub fn new(questionnaire: Questionnaire, mut session: Session, path: PathBuf, today: &str) -> Assessment {
        session.questionnaire_version.get_or_insert(questionnaire.version);
        let report = build_report(&questionnaire, &session, &path, today);
        let workshop = Facilitation::for_session(&session);
        let mut a = Assessment {
            questionnaire,
            session,
            path,
            page: Page::Question,
            cursor: 0,
            show_help: true,
            editing: None,
            context_row: 0,
            stage_row: 0,
            finishing: false,
            typing_number: false,
            results_scroll: 0,
            report,
            workshop,
            previous_notes: std::collections::HashMap::new(),
            last_tick: None,
            previous: None,
        };
        a.cursor = a.first_unanswered().unwrap_or(0);
        a
    }

    /// Questions in the questionnaire.
    pub fn total(&self) -> usize {
        self.questionnaire.question_count()
    }

    /// Questions answered.
    pub fn answered(&self) -> usize {
        self.session.answered_in(&self.questionnaire)
    }

    /// The first question without an answer, in questionnaire order.
    pub(crate) fn first_unanswered(&self) -> Option<usize> {
        self.questionnaire.questions().position(|(_, q)| self.session.answer(&q.id).is_none())
    }

    /// Whether this question's answer was carried from the last assessment and nobody has
    /// confirmed or changed it yet (DESIGN "Next assessment").
    pub(crate) fn is_carried(&self, question: &str) -> bool {
        self.session.answers.get(question).is_some_and(|e| e.carried && e.answer.is_some())
    }

    /// Last time's note on a question whose carried answer waits for confirmation; none when
    /// the answer is confirmed, or the note was kept in this session anyway (a "does not
    /// apply" reason).
    pub(crate) fn last_time_note(&self, question: &str) -> Option<&str> {
        if !self.is_carried(question) {
            return None;
        }
        let note = self.previous_notes.get(question)?;
        let kept = self.session.answers.get(question).and_then(|e| e.note.as_deref());
        (kept.map(str::trim) != Some(note.trim())).then_some(note.as_str())
    }

    /// Answers carried from the last assessment that still wait for a confirmation.
    pub fn to_confirm(&self) -> usize {
        self.questionnaire.questions().filter(|(_, q)| self.is_carried(&q.id)).count()
    }

    /// Whether a question is still to do: unanswered, or carried and not yet confirmed.
    pub(super) fn to_do(&self, question: &str) -> bool {
        self.session.answer(question).is_none() || self.is_carried(question)
    }

    /// The first question still to do, in questionnaire order.
    pub(crate) fn first_to_do(&self) -> Option<usize> {
        self.questionnaire.questions().position(|(_, q)| self.to_do(&q.id))
    }

    /// The next question still to do (unanswered, or a carried answer to confirm) after the
    /// cursor, in questionnaire order, wrapping around to the start.
    pub(crate) fn next_unanswered(&self) -> Option<usize> {
        let to_do: Vec<usize> = self
            .questionnaire
            .questions()
            .enumerate()
            .filter(|(_, (_, q))| self.to_do(&q.id))
            .map(|(i, _)| i)
            .collect();
        to_do.iter().copied().find(|&i| i > self.cursor).or_else(|| to_do.first().copied())
    }

    /// The dimension and question under the cursor.
    pub fn current(&self) -> (usize, &crate::questionnaire::Dimension, &crate::questionnaire::Question) {
        let (d, q) = self.questionnaire.position(self.cursor);
        let dim = &self.questionnaire.dimensions[d];
        (d, dim, &dim.questions[q])
    }

    /// The index of dimension `d`'s first question.
    pub(super) fn dimension_start(&self, d: usize) -> usize {
        self.questionnaire.dimension_start(d)
    }

    /// Rebuilds the report from the answers (and compares it with the previous assessment).
    pub(super) fn refresh(&mut self, today: &str) {
        self.report = build_report(&self.questionnaire, &self.session, &self.path, today);
        if let Some((named, baseline)) = &self.previous {
            report::attach_baseline(&mut self.report, baseline);
            self.report.baseline_previous = Some(named.clone());
        }
    }

    /// Compares the answers with the assessment this one was carried from, from now on.
    pub(crate) fn set_previous(&mut self, named: String, baseline: crate::report::Baseline, today: &str) {
        self.previous = Some((named, baseline));
        self.refresh(today);
    }
}

fn build_report(q: &Questionnaire, s: &Session, path: &std::path::Path, today: &str) -> Report {
    let file_name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    report::build(q, &[SessionInput { file_name, session: s }], None, today)
}

/// The facilitator's state beside the session: who is selected, an agreement waiting for its
/// second key press, the agenda and the anonymous display. (The time spent is the session's own
/// `timing`, so that it is saved and kept across reopening.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facilitation {
    /// The participant chosen with `1`–`9` or `↑`/`↓`, for the question at `selected_on`.
    pub(super) selected: usize,
    /// The question (cursor) `selected` was chosen on.
    pub(super) selected_on: Option<usize>,
    /// An early agreement (before everyone voted) waiting for the same key again: the question
    /// and the key.
    pub(super) pending: Option<(usize, KeyCode)>,
    /// The open disagreements' list (`D`) is shown, with this row chosen.
    pub agenda: Option<usize>,
    /// Revealed votes are shown as counts, not by name (`--anonymous`, `*`).
    pub(crate) anonymous: bool,
}

impl Facilitation {
    /// The facilitator's state for a workshop session; `None` for one respondent's session.
    pub(crate) fn for_session(s: &crate::session::Session) -> Option<Facilitation> {
        s.participants.is_some().then(Facilitation::default)
    }
}
