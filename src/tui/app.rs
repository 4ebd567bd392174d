//! The assessment's model, messages and `update`: the whole behaviour of the TUI as plain data.
//!
//! `update` never touches the terminal or the disk. It changes the model and, when something must
//! happen outside (open or create a session, export a report, quit), returns an [`Effect`] for
//! the event loop to carry out. A changed session sets `dirty`; the loop saves it at once.

use super::input::{InputOutcome, TextInput};
use crate::questionnaire::Questionnaire;
use crate::report::{self, Report, SessionInput};
use crate::session::{Answer, Context, Criticality, Session, StageRating};
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
    /// The loop saved the session; the text says when.
    Saved(String),
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
    Create { questionnaire: String, team: String, respondent: String, role: String },
    Export(ExportFormat),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Html,
    Csv,
}

/// A saved session offered on the start screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedEntry {
    pub path: PathBuf,
    pub team: String,
    pub respondent: String,
    pub answered: usize,
    pub total: usize,
    pub changed: String,
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
    /// The report of the answers so far, rebuilt after every change.
    pub report: Report,
}

pub const CONTEXT_ROWS: usize = 4;

impl Assessment {
    pub fn new(questionnaire: Questionnaire, mut session: Session, path: PathBuf, today: &str) -> Assessment {
        session.questionnaire_version.get_or_insert(questionnaire.version);
        let report = build_report(&questionnaire, &session, &path, today);
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
            report,
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
    /// 0 questionnaire, 1 team, 2 respondent, 3 role, 4 start button.
    pub field: usize,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub screen: Screen,
    pub saved: Vec<SavedEntry>,
    pub start_row: usize,
    pub form: NewSessionForm,
    pub assessment: Option<Assessment>,
    pub help_overlay: bool,
    pub status: String,
    pub dirty: bool,
    pub color: bool,
    pub today: String,
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
            status: String::new(),
            dirty: false,
            color,
            today: today.to_owned(),
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
        self.status = format!("Saving to {}", assessment_path(&self.assessment));
    }

    fn changed(&mut self) {
        self.dirty = true;
        if let Some(a) = self.assessment.as_mut() {
            a.refresh(&self.today);
        }
    }
}

fn ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'))
}

fn assessment_path(a: &Option<Assessment>) -> String {
    a.as_ref().map_or_else(String::new, |a| a.path.display().to_string())
}

pub fn update(model: &mut Model, msg: Msg) -> Effect {
    let key = match msg {
        Msg::Key(key) => key,
        Msg::Saved(when) => {
            model.dirty = false;
            model.status = format!("Saved {when}");
            return Effect::None;
        }
        Msg::Failed(why) => {
            model.status = why;
            return Effect::None;
        }
        Msg::Exported(path) => {
            model.status = format!("Report written to {}", path.display());
            return Effect::None;
        }
    };
    if key.kind == KeyEventKind::Release {
        return Effect::None;
    }
    if ctrl_c(&key) {
        return Effect::Quit;
    }
    // A text input takes every key until Enter or Esc.
    if let Some(effect) = edit_text(model, key) {
        return effect;
    }
    if model.help_overlay {
        model.help_overlay = false;
        return Effect::None;
    }
    if key.code == KeyCode::Char('?') {
        model.help_overlay = true;
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
    if model.screen == Screen::NewSession && (1..=3).contains(&model.form.field) {
        let form = &mut model.form;
        let input = match form.field {
            1 => &mut form.team,
            2 => &mut form.respondent,
            _ => &mut form.role,
        };
        return match key.code {
            KeyCode::Tab | KeyCode::Down => {
                form.field += 1;
                Some(Effect::None)
            }
            KeyCode::BackTab | KeyCode::Up => {
                form.field -= 1;
                Some(Effect::None)
            }
            KeyCode::Esc if model.saved.is_empty() => Some(Effect::Quit),
            KeyCode::Esc => {
                model.screen = Screen::Start;
                Some(Effect::None)
            }
            _ => match input.handle(key) {
                InputOutcome::Done => {
                    form.field += 1;
                    Some(Effect::None)
                }
                _ => Some(Effect::None),
            },
        };
    }
    let a = model.assessment.as_mut()?;
    let (field, input) = a.editing.as_mut()?;
    match input.handle(key) {
        InputOutcome::Editing => {}
        InputOutcome::Cancelled => {
            a.editing = None;
            model.status = "Edit cancelled".into();
        }
        InputOutcome::Done => {
            let field = *field;
            let text = input.text.trim().to_owned();
            a.editing = None;
            let (_, _, q) = a.current();
            let id = q.id.clone();
            let entry = a.session.answers.entry(id).or_default();
            let slot = match field {
                NoteField::Note => &mut entry.note,
                NoteField::Evidence => &mut entry.evidence,
            };
            let new = (!text.is_empty()).then_some(text);
            if *slot != new {
                *slot = new;
                model.changed();
            }
        }
    }
    Some(Effect::None)
}

fn start_key(model: &mut Model, key: KeyEvent) -> Effect {
    let rows = model.saved.len() + 1;
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => model.start_row = (model.start_row + rows - 1) % rows,
        KeyCode::Down | KeyCode::Char('j') => model.start_row = (model.start_row + 1) % rows,
        KeyCode::Char('n') => model.screen = Screen::NewSession,
        KeyCode::Enter if model.start_row == model.saved.len() => model.screen = Screen::NewSession,
        KeyCode::Enter => return Effect::Open(model.saved[model.start_row].path.clone()),
        KeyCode::Char('q') | KeyCode::Esc => return Effect::Quit,
        _ => {}
    }
    Effect::None
}

fn form_key(model: &mut Model, key: KeyEvent) -> Effect {
    let form = &mut model.form;
    let count = form.questionnaires.len().max(1);
    match (form.field, key.code) {
        (_, KeyCode::Tab | KeyCode::Down) => form.field = (form.field + 1).min(4),
        (_, KeyCode::BackTab | KeyCode::Up) => form.field = form.field.saturating_sub(1),
        (0, KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ')) => form.choice = (form.choice + 1) % count,
        (0, KeyCode::Left | KeyCode::Char('h')) => form.choice = (form.choice + count - 1) % count,
        (0, KeyCode::Enter) => form.field = 1,
        (4, KeyCode::Enter) => {
            let Some((id, _)) = form.questionnaires.get(form.choice) else {
                return Effect::None;
            };
            return Effect::Create {
                questionnaire: id.clone(),
                team: form.team.text.trim().to_owned(),
                respondent: form.respondent.text.trim().to_owned(),
                role: form.role.text.trim().to_owned(),
            };
        }
        (_, KeyCode::Char('q')) => return Effect::Quit,
        (_, KeyCode::Esc) if model.saved.is_empty() => return Effect::Quit,
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
    let answer = match key.code {
        KeyCode::Char('y') => Some(Answer::Yes),
        KeyCode::Char('p') => Some(Answer::Partial),
        KeyCode::Char('n') => Some(Answer::No),
        KeyCode::Char('u') => Some(Answer::Unknown),
        KeyCode::Char('a') => Some(Answer::Na),
        _ => None,
    };
    if let Some(answer) = answer {
        let (_, _, q) = a.current();
        let id = q.id.clone();
        a.session.answers.entry(id).or_default().answer = Some(answer);
        let last = a.cursor + 1 == a.total();
        if last {
            a.finishing = true;
            model.screen = Screen::Context;
        } else {
            a.cursor += 1;
        }
        model.changed();
        if last {
            model.status = "All questions seen. Describe your context, then rate the lifecycle stages.".into();
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
            a.editing = Some((field, TextInput::new(&text.unwrap_or_default())));
        }
        KeyCode::Char('i') => a.show_help = !a.show_help,
        KeyCode::Char('x') | KeyCode::Delete => {
            let (_, _, q) = a.current();
            let id = q.id.clone();
            if let Some(entry) = a.session.answers.get_mut(&id)
                && entry.answer.take().is_some()
            {
                if entry.note.is_none() && entry.evidence.is_none() {
                    a.session.answers.shift_remove(&id);
                }
                model.changed();
            }
        }
        KeyCode::Home => a.cursor = 0,
        KeyCode::End => a.cursor = a.total() - 1,
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
            let now = ctx.models_in_production.unwrap_or(0);
            let digit = u32::from(d as u8 - b'0');
            ctx.models_in_production = Some(now.saturating_mul(10).saturating_add(digit).min(99_999));
        }
        KeyCode::Backspace if a.context_row == 0 => {
            ctx.models_in_production = ctx.models_in_production.and_then(|n| (n >= 10).then_some(n / 10));
        }
        KeyCode::Backspace | KeyCode::Char('x') => match a.context_row {
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
