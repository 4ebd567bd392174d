//! The assessment's model, messages and `update`: the whole behaviour of the TUI as plain data.
//!
//! `update` never touches the terminal or the disk. It changes the model and, when something must
//! happen outside (open or create a session, export a report, quit), returns an [`Effect`] for
//! the event loop to carry out. A changed session sets `dirty`; the loop saves it at once.

use super::input::{InputOutcome, TextInput};
use crate::questionnaire::Questionnaire;
use crate::report::{self, Report, SessionInput};
use crate::session::{Answer, AnswerEntry, Context, Criticality, Session, StageRating};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    NewSession,
    Question,
    Context,
    Bottlenecks,
    Results,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): one block, never keys.
    Paste(String),
    /// The terminal's size in columns and rows.
    Resize(u16, u16),
    /// The loop saved the session; the text says when.
    Saved(String),
    /// The last save did not reach the disk; the text says where and why.
    SaveFailed(String),
    /// Something outside failed (a save, an export); shown on the status line.
    Failed(String),
    /// A report was exported to this path.
    Exported(PathBuf),
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Open(PathBuf),
    Create {
        questionnaire: String,
        team: String,
        respondent: String,
        role: String,
        /// `Name:role, Name, …` for a workshop session; empty for one respondent.
        participants: String,
    },
    Export(ExportFormat),
    /// Start the next assessment from this earlier session (DESIGN "Next assessment").
    NextAssessment(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Html,
    Csv,
}

/// A saved session offered on the start screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedEntry {
    pub path: PathBuf,
    pub team: String,
    pub respondent: String,
    /// The questionnaire id the session names.
    pub questionnaire: String,
    pub answered: usize,
    pub total: usize,
    /// Answers carried from an earlier assessment that nobody has confirmed yet.
    pub to_confirm: usize,
    /// The session's date, or the file's last change.
    pub changed: String,
    /// Why the session cannot be opened (its questionnaire or the file itself is invalid).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Note,
    Evidence,
}

/// The open assessment: a questionnaire, its session and where the respondent is.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub questionnaire: Questionnaire,
    pub session: Session,
    pub path: PathBuf,
    /// Question index in questionnaire order.
    pub cursor: usize,
    pub show_help: bool,
    pub editing: Option<(NoteField, TextInput)>,
    pub context_row: usize,
    pub stage_row: usize,
    /// True while the respondent is walked from the last question through context and map to results.
    pub finishing: bool,
    /// True while digits typed on the context screen add to the number (false after an arrow:
    /// the next digit replaces the value).
    pub typing_number: bool,
    /// First line of the results shown (they scroll).
    pub results_scroll: usize,
    /// The report of the answers so far, rebuilt after every change.
    pub report: Report,
    /// A workshop session's facilitator state (`None` for one respondent's session).
    pub workshop: Option<super::facilitator::Facilitation>,
}

pub const CONTEXT_ROWS: usize = 4;

impl Assessment {
    pub fn new(questionnaire: Questionnaire, mut session: Session, path: PathBuf, today: &str) -> Assessment {
        session.questionnaire_version.get_or_insert(questionnaire.version);
        let report = build_report(&questionnaire, &session, &path, today);
        let workshop = super::facilitator::Facilitation::for_session(&session, questionnaire.dimensions.len());
        let mut a = Assessment {
            questionnaire,
            session,
            path,
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
        };
        a.cursor = a.first_unanswered().unwrap_or(0);
        a
    }

    pub fn total(&self) -> usize {
        self.questionnaire.question_count()
    }

    pub fn answered(&self) -> usize {
        self.session.answered_in(&self.questionnaire)
    }

    pub fn first_unanswered(&self) -> Option<usize> {
        self.questionnaire.questions().position(|(_, q)| self.session.answer(&q.id).is_none())
    }

    /// Whether this question's answer was carried from the last assessment and nobody has
    /// confirmed or changed it yet (DESIGN "Next assessment").
    pub fn is_carried(&self, question: &str) -> bool {
        self.session.answers.get(question).is_some_and(|e| e.carried && e.answer.is_some())
    }

    /// Answers carried from the last assessment that still wait for a confirmation.
    pub fn to_confirm(&self) -> usize {
        self.questionnaire.questions().filter(|(_, q)| self.is_carried(&q.id)).count()
    }

    /// Whether a question is still to do: unanswered, or carried and not yet confirmed.
    fn to_do(&self, question: &str) -> bool {
        self.session.answer(question).is_none() || self.is_carried(question)
    }

    /// The first question still to do, in questionnaire order.
    pub fn first_to_do(&self) -> Option<usize> {
        self.questionnaire.questions().position(|(_, q)| self.to_do(&q.id))
    }

    /// The next question still to do (unanswered, or a carried answer to confirm) after the
    /// cursor, in questionnaire order, wrapping around to the start.
    pub fn next_unanswered(&self) -> Option<usize> {
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

    fn dimension_start(&self, d: usize) -> usize {
        self.questionnaire.dimension_start(d)
    }

    fn refresh(&mut self, today: &str) {
        self.report = build_report(&self.questionnaire, &self.session, &self.path, today);
    }
}

fn build_report(q: &Questionnaire, s: &Session, path: &std::path::Path, today: &str) -> Report {
    let file_name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    report::build(q, &[SessionInput { file_name, session: s }], None, today)
}

/// The form that starts a new session.
#[derive(Debug, Clone, Default)]
pub struct NewSessionForm {
    /// (id, title) of every questionnaire on offer.
    pub questionnaires: Vec<(String, String)>,
    pub choice: usize,
    pub team: TextInput,
    pub respondent: TextInput,
    pub role: TextInput,
    /// `Ana:engineering, Ben:data-science, Cy`: when filled, the session is a workshop.
    pub participants: TextInput,
    /// 0 questionnaire, 1 team, 2 respondent, 3 role, 4 participants, 5 start button.
    pub field: usize,
}

/// The form's last field before the start button.
pub const LAST_INPUT: usize = 4;

impl NewSessionForm {
    /// The text input of the focused field, if it is one.
    fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.field {
            1 => Some(&mut self.team),
            2 => Some(&mut self.respondent),
            3 => Some(&mut self.role),
            4 => Some(&mut self.participants),
            _ => None,
        }
    }

    /// What starting the form asks for: a new session, or a workshop when participants are given.
    fn create(&self) -> Option<Effect> {
        let (id, _) = self.questionnaires.get(self.choice)?;
        Some(Effect::Create {
            questionnaire: id.clone(),
            team: self.team.text.trim().to_owned(),
            respondent: self.respondent.text.trim().to_owned(),
            role: self.role.text.trim().to_owned(),
            participants: self.participants.text.trim().to_owned(),
        })
    }
}

/// The roles the form offers with ←→; any other text can be typed.
pub const ROLES: [&str; 6] =
    ["data-science", "ml-engineering", "data-engineering", "platform", "product", "management"];

#[derive(Debug, Clone)]
pub struct Model {
    pub screen: Screen,
    pub saved: Vec<SavedEntry>,
    pub start_row: usize,
    pub form: NewSessionForm,
    pub assessment: Option<Assessment>,
    pub help_overlay: bool,
    /// First line of the help shown (keys, then the questionnaire's guide to answering).
    pub help_scroll: usize,
    pub status: String,
    pub dirty: bool,
    pub color: bool,
    pub today: String,
    /// The terminal's size (columns, rows); below the minimum only q and Ctrl-C work.
    pub size: (u16, u16),
    /// Why the last save failed, while the changes since are not on disk.
    pub save_error: Option<String>,
    /// Reports exported in this run, to print on exit.
    pub exported: Vec<PathBuf>,
    /// The status holds a message to read: a save does not replace it until the next key.
    pub status_sticky: bool,
}

impl Model {
    /// A model that starts on the start screen (or the new-session form when nothing is saved).
    pub fn start(saved: Vec<SavedEntry>, form: NewSessionForm, today: &str, color: bool) -> Model {
        let screen = if saved.is_empty() { Screen::NewSession } else { Screen::Start };
        Model {
            screen,
            saved,
            start_row: 0,
            form,
            assessment: None,
            help_overlay: false,
            help_scroll: 0,
            status: String::new(),
            dirty: false,
            color,
            today: today.to_owned(),
            size: (120, 40),
            save_error: None,
            exported: Vec::new(),
            status_sticky: false,
        }
    }

    /// A model with a session open at its first unanswered question.
    pub fn with_assessment(assessment: Assessment, today: &str, color: bool) -> Model {
        let mut m = Model::start(Vec::new(), NewSessionForm::default(), today, color);
        m.open(assessment);
        m
    }

    pub fn open(&mut self, assessment: Assessment) {
        self.assessment = Some(assessment);
        self.screen = Screen::Question;
        self.save_error = None;
        self.status = format!("Autosaves to {}", assessment_path(&self.assessment));
    }

    /// Whether the terminal is big enough for every screen.
    pub fn fits(&self) -> bool {
        self.size.0 >= MIN_WIDTH && self.size.1 >= MIN_HEIGHT
    }

    /// Rebuilds the report after the session was replaced (not a change to save).
    pub fn rebuild_report(&mut self) {
        if let Some(a) = self.assessment.as_mut() {
            a.refresh(&self.today);
        }
    }

    fn changed(&mut self) {
        self.dirty = true;
        if let Some(a) = self.assessment.as_mut() {
            a.refresh(&self.today);
        }
    }
}

/// Smallest terminal at which every screen shows everything it must (on the question screen,
/// every answer option).
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

fn ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'))
}

fn assessment_path(a: &Option<Assessment>) -> String {
    a.as_ref().map_or_else(String::new, |a| a.path.display().to_string())
}

pub fn update(model: &mut Model, msg: Msg) -> Effect {
    if matches!(msg, Msg::Key(_) | Msg::Paste(_)) {
        // A message set by this key stays until the key after it, even when a save follows.
        model.status_sticky = false;
        let before = model.status.clone();
        let screen = model.screen;
        let effect = update_inner(model, msg);
        // A message about the screen left behind ("Agreed: Partly") does not follow to the next.
        if model.screen != screen && model.status == before && model.save_error.is_none() {
            model.status.clear();
        }
        model.status_sticky = model.status != before;
        return effect;
    }
    update_inner(model, msg)
}

fn update_inner(model: &mut Model, msg: Msg) -> Effect {
    let key = match msg {
        Msg::Key(key) => key,
        Msg::Paste(text) => {
            if model.fits() {
                paste(model, &text);
            }
            return Effect::None;
        }
        Msg::Resize(w, h) => {
            model.size = (w, h);
            return Effect::None;
        }
        Msg::Saved(when) => {
            model.dirty = false;
            model.save_error = None;
            if !model.status_sticky {
                model.status = format!("Saved {when}");
            }
            return Effect::None;
        }
        Msg::SaveFailed(why) => {
            model.status = format!("NOT SAVED: {why}");
            model.status_sticky = true;
            model.save_error = Some(why);
            return Effect::None;
        }
        Msg::Failed(why) => {
            model.status = why;
            model.status_sticky = true;
            return Effect::None;
        }
        Msg::Exported(path) => {
            let what = match path.extension().and_then(|e| e.to_str()) {
                Some("md") => "Markdown report",
                Some("json") => "JSON report",
                Some("html") => "HTML report",
                Some("csv") => "CSV report",
                _ => "Report",
            };
            // The path on a line of its own, so it is never broken inside a name.
            model.status = format!("{what} written to\n{}", path.display());
            model.status_sticky = true;
            if !model.exported.contains(&path) {
                model.exported.push(path);
            }
            return Effect::None;
        }
    };
    if key.kind == KeyEventKind::Release {
        return Effect::None;
    }
    if ctrl_c(&key) {
        // Whatever is being typed is kept, then the app quits.
        commit_edit(model);
        return Effect::Quit;
    }
    if !model.fits() {
        // Nothing can be seen, so nothing is changed: only quitting works.
        if key.code == KeyCode::Char('q') && key.modifiers.difference(KeyModifiers::SHIFT).is_empty() {
            commit_edit(model);
            return Effect::Quit;
        }
        return Effect::None;
    }
    // A text input takes every key until Enter or Esc.
    if let Some(effect) = edit_text(model, key) {
        return effect;
    }
    // Outside a text field, Ctrl and Alt with a letter are not the letter.
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return Effect::None;
    }
    if model.help_overlay {
        // ↑↓ PgUp PgDn scroll a help longer than the window; any other key closes it.
        match key.code {
            KeyCode::Down => model.help_scroll += 1,
            KeyCode::PageDown => model.help_scroll += 10,
            KeyCode::Up => model.help_scroll = model.help_scroll.saturating_sub(1),
            KeyCode::PageUp => model.help_scroll = model.help_scroll.saturating_sub(10),
            _ => model.help_overlay = false,
        }
        return Effect::None;
    }
    if key.code == KeyCode::Char('?') {
        model.help_overlay = true;
        model.help_scroll = 0;
        return Effect::None;
    }
    match model.screen {
        Screen::Start => start_key(model, key),
        Screen::NewSession => form_key(model, key),
        Screen::Question => question_key(model, key),
        Screen::Context => context_key(model, key),
        Screen::Bottlenecks => bottleneck_key(model, key),
        Screen::Results => results_key(model, key),
    }
}

/// Routes a key to the open text input, if any; `None` when no input is being edited.
fn edit_text(model: &mut Model, key: KeyEvent) -> Option<Effect> {
    if model.screen == Screen::NewSession && (1..=LAST_INPUT).contains(&model.form.field) {
        let field = model.form.field;
        let start = model.form.create();
        let form = &mut model.form;
        match key.code {
            // Enter in the last field starts the assessment, as the button does.
            KeyCode::Enter if field == LAST_INPUT => return Some(start.unwrap_or(Effect::None)),
            KeyCode::Tab | KeyCode::Down => form.field += 1,
            KeyCode::BackTab | KeyCode::Up | KeyCode::Esc => form.field -= 1,
            _ => {
                let input = form.input_mut()?;
                match key.code {
                    KeyCode::Left | KeyCode::Right
                        if field == 3 && (input.text.is_empty() || ROLES.contains(&input.text.as_str())) =>
                    {
                        let at = ROLES.iter().position(|r| *r == input.text);
                        let next = match (at, key.code == KeyCode::Right) {
                            (None, true) => 0,
                            (None, false) => ROLES.len() - 1,
                            (Some(i), true) => (i + 1) % ROLES.len(),
                            (Some(i), false) => (i + ROLES.len() - 1) % ROLES.len(),
                        };
                        *input = TextInput::new(ROLES[next]);
                    }
                    _ => {
                        if input.handle(key) == InputOutcome::Done {
                            form.field += 1;
                        }
                    }
                }
            }
        }
        return Some(Effect::None);
    }
    let a = model.assessment.as_mut()?;
    let (_, input) = a.editing.as_mut()?;
    match input.handle(key) {
        InputOutcome::Editing => {
            let refused = input.refused;
            if refused > 0 {
                model.status = limit_message(refused);
            }
        }
        InputOutcome::Cancelled => {
            a.editing = None;
            model.status = "Edit cancelled".into();
        }
        InputOutcome::Done => commit_edit(model),
    }
    Some(Effect::None)
}

fn limit_message(refused: usize) -> String {
    format!(
        "A note holds at most {} characters: {refused} character{} not added",
        super::input::MAX_CHARS,
        if refused == 1 { " was" } else { "s were" }
    )
}

/// Keeps the note or evidence being edited, if any, and closes the editor (also when the app
/// ends by a signal or a closed terminal: nothing typed is lost).
pub fn commit_edit(model: &mut Model) {
    let Some(a) = model.assessment.as_mut() else { return };
    let Some((field, input)) = a.editing.take() else { return };
    let text = input.text.trim().to_owned();
    let (_, _, q) = a.current();
    let id = q.id.clone();
    let entry = a.session.answers.entry(id.clone()).or_default();
    let slot = match field {
        NoteField::Note => &mut entry.note,
        NoteField::Evidence => &mut entry.evidence,
    };
    let new = (!text.is_empty()).then_some(text);
    if *slot != new {
        *slot = new;
        model.changed();
    } else if *entry == AnswerEntry::default() {
        a.session.answers.shift_remove(&id);
    }
}

/// A paste goes into the text field being edited, as one block; anywhere else it is ignored.
fn paste(model: &mut Model, text: &str) {
    let input = if model.screen == Screen::NewSession && (1..=LAST_INPUT).contains(&model.form.field) {
        let Some(input) = model.form.input_mut() else { return };
        input
    } else if let Some((_, input)) = model.assessment.as_mut().and_then(|a| a.editing.as_mut()) {
        input
    } else {
        model.status = if model.screen == Screen::NewSession {
            "Paste ignored: move to Team, Respondent, Role or Participants first".into()
        } else {
            "Paste ignored: press e (note) or v (evidence) first, then paste".into()
        };
        return;
    };
    input.insert_str(text);
    if input.refused > 0 {
        model.status = limit_message(input.refused);
    }
}

fn start_key(model: &mut Model, key: KeyEvent) -> Effect {
    let rows = model.saved.len() + 1;
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => model.start_row = (model.start_row + rows - 1) % rows,
        KeyCode::Down | KeyCode::Char('j') => model.start_row = (model.start_row + 1) % rows,
        KeyCode::PageUp => model.start_row = model.start_row.saturating_sub(10),
        KeyCode::PageDown => model.start_row = (model.start_row + 10).min(rows - 1),
        KeyCode::Home => model.start_row = 0,
        KeyCode::End => model.start_row = rows - 1,
        KeyCode::Char('n') => model.screen = Screen::NewSession,
        KeyCode::Enter if model.start_row == model.saved.len() => model.screen = Screen::NewSession,
        KeyCode::Char('q') | KeyCode::Esc => return Effect::Quit,
        KeyCode::Enter | KeyCode::Char('a') | KeyCode::Char('r') => {
            let Some(entry) = model.saved.get(model.start_row) else { return Effect::None };
            if let Some(problem) = &entry.problem {
                model.status = format!("Cannot open {}: {problem}", entry.path.display());
                return Effect::None;
            }
            match key.code {
                KeyCode::Enter => return Effect::Open(entry.path.clone()),
                KeyCode::Char('a') => return Effect::NextAssessment(entry.path.clone()),
                _ => {
                    // A new respondent for the same team and questionnaire.
                    let form = &mut model.form;
                    let id = entry.questionnaire.clone();
                    form.choice = match form.questionnaires.iter().position(|(q, _)| *q == id) {
                        Some(i) => i,
                        None => {
                            form.questionnaires.push((id.clone(), id));
                            form.questionnaires.len() - 1
                        }
                    };
                    form.team = TextInput::new(if entry.team == "–" { "" } else { &entry.team });
                    form.respondent = TextInput::new("");
                    form.field = 2;
                    model.screen = Screen::NewSession;
                }
            }
        }
        _ => {}
    }
    Effect::None
}

fn form_key(model: &mut Model, key: KeyEvent) -> Effect {
    let form = &mut model.form;
    let count = form.questionnaires.len().max(1);
    match (form.field, key.code) {
        (_, KeyCode::Tab | KeyCode::Down) => form.field = (form.field + 1).min(LAST_INPUT + 1),
        (_, KeyCode::BackTab | KeyCode::Up) => form.field = form.field.saturating_sub(1),
        (0, KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ')) => form.choice = (form.choice + 1) % count,
        (0, KeyCode::Left | KeyCode::Char('h')) => form.choice = (form.choice + count - 1) % count,
        (0, KeyCode::Enter) => form.field = 1,
        (5, KeyCode::Enter) => return form.create().unwrap_or(Effect::None),
        (_, KeyCode::Char('q')) => return Effect::Quit,
        (5, KeyCode::Esc) => form.field = LAST_INPUT,
        (_, KeyCode::Esc) if model.saved.is_empty() => {
            model.status = "This is the first step: q quits".into();
        }
        (_, KeyCode::Esc) => model.screen = Screen::Start,
        _ => {}
    }
    Effect::None
}

/// Keys that work on every screen of an open assessment.
fn global_key(model: &mut Model, key: KeyEvent) -> Option<Effect> {
    let target = match key.code {
        KeyCode::Char('q') => return Some(Effect::Quit),
        KeyCode::Char('c') => Screen::Context,
        KeyCode::Char('b') => Screen::Bottlenecks,
        KeyCode::Char('r') => Screen::Results,
        KeyCode::Char('g') => Screen::Question,
        _ => return None,
    };
    if let Some(a) = model.assessment.as_mut() {
        a.finishing = false;
    }
    model.screen = target;
    Some(Effect::None)
}

fn question_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    if let Some(done) = super::facilitator::key(a, key) {
        if done.finished {
            a.finishing = true;
            model.screen = Screen::Context;
        }
        if done.changed {
            model.changed();
        }
        model.status = done.status.unwrap_or_else(|| model.status.clone());
        return Effect::None;
    }
    let answer = match key.code {
        KeyCode::Char('y') => Some(Answer::Yes),
        KeyCode::Char('p') => Some(Answer::Partial),
        KeyCode::Char('n') => Some(Answer::No),
        KeyCode::Char('u') => Some(Answer::Unknown),
        KeyCode::Char('a') => Some(Answer::Na),
        _ => None,
    };
    let (_, _, q) = a.current();
    let carried = a.session.answers.get(&q.id).is_some_and(|e| e.carried && e.answer.is_some());
    // Enter on an answer carried from the last assessment confirms it.
    let answer = answer.or_else(|| (key.code == KeyCode::Enter && carried).then(|| a.session.answer(&q.id)).flatten());
    if let Some(answer) = answer {
        let id = q.id.clone();
        let before = a.answered() - a.to_confirm();
        let entry = a.session.answers.entry(id).or_default();
        entry.answer = Some(answer);
        entry.carried = false;
        // Carried answers nobody confirmed are still to do: the walk to the results waits for them.
        let (answered, total) = (a.answered() - a.to_confirm(), a.total());
        let last = a.cursor + 1 == total;
        let mut status = None;
        if answered == total && (last || before < total) {
            // Every question has an answer: walk through context and map to the results.
            a.finishing = true;
            model.screen = Screen::Context;
            status = Some("Every question is answered. Describe your context, then rate the lifecycle stages.".into());
        } else if last {
            let (unanswered, confirm) = (a.total() - a.answered(), a.to_confirm());
            a.cursor = a.first_to_do().unwrap_or(a.cursor);
            let what = match (unanswered, confirm) {
                (n, 0) => format!("{n} question{} still unanswered", if n == 1 { " is" } else { "s are" }),
                (0, c) => format!("{c} carried answer{} still to confirm", if c == 1 { " is" } else { "s are" }),
                (n, c) => format!("{n} unanswered and {c} carried answer{} to confirm", if c == 1 { "" } else { "s" }),
            };
            status = Some(format!("{what}: here is the first; f goes to the next one"));
        } else {
            a.cursor += 1;
        }
        model.changed();
        if let Some(status) = status {
            model.status = status;
        }
        return Effect::None;
    }
    match key.code {
        KeyCode::Right | KeyCode::Char('l') => a.cursor = (a.cursor + 1).min(a.total() - 1),
        KeyCode::Left | KeyCode::Char('h') => a.cursor = a.cursor.saturating_sub(1),
        KeyCode::Tab => {
            let (d, _, _) = a.current();
            let next = (d + 1) % a.questionnaire.dimensions.len();
            a.cursor = a.dimension_start(next);
        }
        KeyCode::BackTab => {
            let (d, _, _) = a.current();
            let start = a.dimension_start(d);
            // Shift-Tab inside a dimension goes to its start first, like a text editor's Home.
            let target = if a.cursor > start {
                d
            } else {
                (d + a.questionnaire.dimensions.len() - 1) % a.questionnaire.dimensions.len()
            };
            a.cursor = a.dimension_start(target);
        }
        KeyCode::Char('e') | KeyCode::Char('v') => {
            let field = if key.code == KeyCode::Char('e') { NoteField::Note } else { NoteField::Evidence };
            let (_, _, q) = a.current();
            let entry = a.session.answers.get(&q.id);
            let text = match field {
                NoteField::Note => entry.and_then(|e| e.note.clone()),
                NoteField::Evidence => entry.and_then(|e| e.evidence.clone()),
            };
            a.editing = Some((field, TextInput::multiline(&text.unwrap_or_default())));
        }
        KeyCode::Char('i') => a.show_help = !a.show_help,
        KeyCode::Char('x') | KeyCode::Delete => {
            let (_, _, q) = a.current();
            let id = q.id.clone();
            if let Some(entry) = a.session.answers.get_mut(&id)
                && entry.answer.take().is_some()
            {
                entry.carried = false;
                if entry.note.is_none() && entry.evidence.is_none() {
                    a.session.answers.shift_remove(&id);
                }
                model.changed();
            }
        }
        KeyCode::Home => a.cursor = 0,
        KeyCode::End => a.cursor = a.total() - 1,
        KeyCode::Char('f') => match a.next_unanswered() {
            Some(i) => a.cursor = i,
            None => model.status = "Every question is answered and confirmed: r shows the results".into(),
        },
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    Effect::None
}

const CRITICALITIES: [Option<Criticality>; 4] =
    [None, Some(Criticality::Low), Some(Criticality::Medium), Some(Criticality::High)];

fn context_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let highest = a.questionnaire.highest_level();
    let mut ctx = a.session.context.clone().unwrap_or_default();
    let mut target = a.session.target;
    let step: i64 = match key.code {
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') | KeyCode::Char(' ') => 1,
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => -1,
        _ => 0,
    };
    let typing = std::mem::replace(&mut a.typing_number, false);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => a.context_row = (a.context_row + CONTEXT_ROWS - 1) % CONTEXT_ROWS,
        KeyCode::Down | KeyCode::Char('j') => a.context_row = (a.context_row + 1) % CONTEXT_ROWS,
        KeyCode::Enter if a.finishing => model.screen = Screen::Bottlenecks,
        KeyCode::Enter => model.screen = Screen::Question,
        KeyCode::Esc => {
            a.finishing = false;
            model.screen = Screen::Question;
        }
        KeyCode::Char(d @ '0'..='9') if a.context_row == 0 => {
            // The first digit replaces the value; the next ones are appended.
            let now = if typing { ctx.models_in_production.unwrap_or(0) } else { 0 };
            let digit = u32::from(d as u8 - b'0');
            ctx.models_in_production = Some(now.saturating_mul(10).saturating_add(digit).min(99_999));
            a.typing_number = true;
        }
        KeyCode::Backspace if a.context_row == 0 => {
            ctx.models_in_production = ctx.models_in_production.and_then(|n| (n >= 10).then_some(n / 10));
            a.typing_number = true;
        }
        KeyCode::Backspace | KeyCode::Char('x') | KeyCode::Delete => match a.context_row {
            0 => ctx.models_in_production = None,
            1 => ctx.criticality = None,
            2 => ctx.regulated = None,
            3 => target = None,
            _ => {}
        },
        _ if step != 0 => match a.context_row {
            0 => {
                let now = i64::from(ctx.models_in_production.unwrap_or(0));
                ctx.models_in_production = Some((now + step).clamp(0, 99_999) as u32);
            }
            1 => {
                let at = CRITICALITIES.iter().position(|c| *c == ctx.criticality).unwrap_or(0) as i64;
                ctx.criticality = CRITICALITIES[(at + step).rem_euclid(4) as usize];
            }
            2 => {
                ctx.regulated = match (ctx.regulated, step > 0) {
                    (None, true) => Some(true),
                    (Some(true), true) => Some(false),
                    (Some(false), true) => None,
                    (None, false) => Some(false),
                    (Some(false), false) => Some(true),
                    (Some(true), false) => None,
                };
            }
            _ => {
                // Cycles: from context (None) -> 0 -> 1 -> ... -> highest -> None.
                let options = i64::from(highest) + 2;
                let at = target.map_or(0, |t| i64::from(t) + 1);
                let next = (at + step).rem_euclid(options);
                target = (next > 0).then(|| (next - 1) as u32);
            }
        },
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    let new_context = (!ctx.is_empty()).then_some(ctx);
    if new_context != a.session.context || target != a.session.target {
        a.session.context = new_context;
        a.session.target = target;
        model.changed();
    }
    Effect::None
}

/// Time share moves in steps of this many points.
pub const SHARE_STEP: f64 = 5.0;

fn bottleneck_key(model: &mut Model, key: KeyEvent) -> Effect {
    let Some(a) = model.assessment.as_mut() else { return Effect::None };
    let stages = a.questionnaire.stages.len();
    if stages == 0 {
        return global_key(model, key).unwrap_or(Effect::None);
    }
    let stage = a.questionnaire.stages[a.stage_row].id.clone();
    let mut rating = a.session.bottlenecks.get(&stage).cloned().unwrap_or_default();
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => a.stage_row = (a.stage_row + stages - 1) % stages,
        KeyCode::Down | KeyCode::Char('j') => a.stage_row = (a.stage_row + 1) % stages,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') => {
            rating.time_share = Some((rating.time_share.unwrap_or(0.0) + SHARE_STEP).min(100.0));
        }
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => {
            rating.time_share = Some((rating.time_share.unwrap_or(0.0) - SHARE_STEP).max(0.0));
        }
        KeyCode::Char(d @ '1'..='5') => rating.pain = Some(f64::from(d as u8 - b'0')),
        KeyCode::Char('0') | KeyCode::Char('x') | KeyCode::Backspace => {
            rating = StageRating::default();
        }
        KeyCode::Enter if a.finishing => {
            a.finishing = false;
            model.screen = Screen::Results;
        }
        KeyCode::Enter | KeyCode::Esc => {
            a.finishing = false;
            model.screen = Screen::Question;
        }
        _ => return global_key(model, key).unwrap_or(Effect::None),
    }
    let before = a.session.bottlenecks.get(&stage);
    let empty = rating == StageRating::default();
    if before != Some(&rating) && !(before.is_none() && empty) {
        if empty {
            a.session.bottlenecks.shift_remove(&stage);
        } else {
            a.session.bottlenecks.insert(stage, rating);
        }
        model.changed();
    }
    Effect::None
}

fn results_key(model: &mut Model, key: KeyEvent) -> Effect {
    match key.code {
        KeyCode::Char('m') => Effect::Export(ExportFormat::Markdown),
        KeyCode::Char('j') => Effect::Export(ExportFormat::Json),
        KeyCode::Char('w') => Effect::Export(ExportFormat::Html),
        KeyCode::Char('t') => Effect::Export(ExportFormat::Csv),
        KeyCode::Down | KeyCode::PageDown | KeyCode::Up | KeyCode::PageUp | KeyCode::Home => {
            if let Some(a) = model.assessment.as_mut() {
                a.results_scroll = match key.code {
                    KeyCode::Down => a.results_scroll + 1,
                    KeyCode::PageDown => a.results_scroll + 10,
                    KeyCode::Up => a.results_scroll.saturating_sub(1),
                    KeyCode::PageUp => a.results_scroll.saturating_sub(10),
                    _ => 0,
                };
            }
            Effect::None
        }
        KeyCode::Esc | KeyCode::Enter => {
            model.screen = Screen::Question;
            Effect::None
        }
        _ => global_key(model, key).unwrap_or(Effect::None),
    }
}

/// The session's context, for views.
pub fn context_of(a: &Assessment) -> Context {
    a.session.context.clone().unwrap_or_default()
}
