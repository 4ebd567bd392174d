//! The TUI's model: the screens, the messages `update` takes, the effects it asks of the shell,
//! the open assessment and the new-session form, and the model that holds them. Plain data and
//! small pure methods; `update` and the keys of each screen live beside it, the drawing in `view`.

use crate::session::{Context, Session};
use crate::tui::input::TextInput;
use crossterm::event::KeyEvent;
use std::path::PathBuf;

pub use super::assessment::{Assessment, Facilitation, NoteField};
pub(crate) use super::assessment::{CONTEXT_ROWS, Page};

/// The screen shown: one of the [`Entry`] screens before a session is open, else the open
/// assessment's `Page`. (Read with [`Model::screen`]: the model holds the two apart, so no
/// screen of an assessment can be shown without one.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The saved sessions (no session open).
    Start,
    /// The form that starts a new session (no session open).
    NewSession,
    /// The questions (a workshop's: the facilitator's screen).
    Question,
    /// The team's context and target level.
    Context,
    /// The bottleneck map.
    Bottlenecks,
    /// The results and the roadmap.
    Results,
}

/// The screens before a session is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The saved sessions.
    Start,
    /// The form that starts a new session.
    NewSession,
}

impl From<Entry> for Screen {
    fn from(entry: Entry) -> Screen {
        match entry {
            Entry::Start => Screen::Start,
            Entry::NewSession => Screen::NewSession,
        }
    }
}

impl From<Page> for Screen {
    fn from(page: Page) -> Screen {
        match page {
            Page::Question => Screen::Question,
            Page::Context => Screen::Context,
            Page::Bottlenecks => Screen::Bottlenecks,
            Page::Results => Screen::Results,
        }
    }
}

/// What `update` takes: a key or a paste, or what the shell reports back.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key pressed (a release is ignored).
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
    /// The loop refused to save a change: the session file would be `bytes` long, over the
    /// limit a session may hold. The session goes back to `restore` (as last written), and
    /// the text that made it too long back into its editor (`reopen`).
    SaveRefused {
        /// The session as last written, to go back to.
        restore: Option<Box<Session>>,
        /// The note or evidence that made the file too long, to give back to its editor.
        reopen: Option<(NoteField, String)>,
        /// How long the session file would have been.
        bytes: u64,
    },
    /// Leaving the session: its clock changed since it was written, so it is to be saved.
    KeepTime,
    /// The shell opened (or created) this session.
    Opened(Box<Assessment>),
    /// The clock, in seconds since the epoch (the loop sends it before every frame).
    Tick(u64),
    /// The app is ending (a quit, a signal, the terminal gone): the text being edited is kept,
    /// as Enter would keep it, before the last save.
    Closing,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing to do.
    None,
    /// Save and quit.
    Quit,
    /// Open this saved session (and lock it).
    Open(PathBuf),
    /// Create a new session from the form.
    Create {
        /// The questionnaire's id.
        questionnaire: String,
        /// The team's name (may be empty).
        team: String,
        /// Who answers (empty for a workshop).
        respondent: String,
        /// The respondent's role (may be empty).
        role: String,
        /// `Name:role, Name, …` for a workshop session; empty for one respondent.
        participants: String,
    },
    /// Write the report in this format beside the session.
    Export(ExportFormat),
    /// Start the next assessment from this earlier session (DESIGN "Next assessment").
    NextAssessment(PathBuf),
}

/// The formats the results screen exports (every report format).
pub use crate::format::Format as ExportFormat;

/// A saved session offered on the start screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedEntry {
    /// The session file.
    pub path: PathBuf,
    /// The team, or `–` when the session names none.
    pub team: String,
    /// Who answers, or `–`.
    pub respondent: String,
    /// The questionnaire id the session names.
    pub questionnaire: String,
    /// Questions answered.
    pub answered: usize,
    /// Questions in the questionnaire.
    pub total: usize,
    /// Answers carried from an earlier assessment that nobody has confirmed yet.
    pub to_confirm: usize,
    /// The session's date, or the file's last change.
    pub changed: String,
    /// Why the session cannot be opened (its questionnaire or the file itself is invalid).
    pub problem: Option<String>,
}

/// The form that starts a new session.
#[derive(Debug, Clone, Default)]
pub struct NewSessionForm {
    /// (id, title) of every questionnaire on offer.
    pub questionnaires: Vec<(String, String)>,
    /// The questionnaire chosen (an index into `questionnaires`).
    pub choice: usize,
    /// The team's name.
    pub team: TextInput,
    /// Who answers.
    pub respondent: TextInput,
    /// The respondent's role.
    pub role: TextInput,
    /// `Ana:engineering, Ben:data-science, Cy`: when filled, the session is a workshop.
    pub participants: TextInput,
    /// The focused field.
    pub field: FormField,
}

/// A field of the new-session form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum FormField {
    /// The questionnaire, chosen with ←→.
    #[default]
    Questionnaire,
    /// The team's name.
    Team,
    /// Who answers.
    Respondent,
    /// The respondent's role.
    Role,
    /// A workshop's participants.
    Participants,
    /// The button that starts the session.
    Start,
}

impl FormField {
    /// Every field, in order.
    pub(crate) const ALL: [FormField; 6] = [
        FormField::Questionnaire,
        FormField::Team,
        FormField::Respondent,
        FormField::Role,
        FormField::Participants,
        FormField::Start,
    ];

    /// The field's place in the form (0 for the questionnaire, 5 for the button).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The field after this one (the button stays the button).
    pub(crate) fn next(self) -> FormField {
        FormField::ALL[(self.index() + 1).min(FormField::ALL.len() - 1)]
    }

    /// The field before this one (the questionnaire stays the questionnaire).
    pub(crate) fn previous(self) -> FormField {
        FormField::ALL[self.index().saturating_sub(1)]
    }

    /// Whether the field is a text input (team, respondent, role, participants).
    pub(crate) fn is_input(self) -> bool {
        (FormField::Team..=FormField::Participants).contains(&self)
    }
}

impl NewSessionForm {
    /// The text input of the focused field, if it is one.
    pub(super) fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.field {
            FormField::Team => Some(&mut self.team),
            FormField::Respondent => Some(&mut self.respondent),
            FormField::Role => Some(&mut self.role),
            FormField::Participants => Some(&mut self.participants),
            FormField::Questionnaire | FormField::Start => None,
        }
    }

    /// What starting the form asks for: a new session, or a workshop when participants are given.
    pub(super) fn create(&self) -> Option<Effect> {
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
pub(crate) const ROLES: [&str; 6] =
    ["data-science", "ml-engineering", "data-engineering", "platform", "product", "management"];

/// The whole state of the TUI: the entry screens' data, the open assessment (which carries its
/// own screen), the help overlay, the status line and what the shell must know (unsaved
/// changes, exports).
#[derive(Debug, Clone)]
pub struct Model {
    /// The entry screen shown while no session is open (an open one shows its own page).
    pub entry: Entry,
    /// The saved sessions on the start screen.
    pub saved: Vec<SavedEntry>,
    /// The row chosen on the start screen (`saved.len()`: "+ New session").
    pub start_row: usize,
    /// The new-session form.
    pub form: NewSessionForm,
    /// The open assessment, if any.
    pub assessment: Option<Assessment>,
    /// The `?` help is shown over the screen.
    pub help_overlay: bool,
    /// First line of the help shown (keys, then the questionnaire's guide to answering).
    pub(crate) help_scroll: usize,
    /// The status line's message.
    pub status: String,
    /// The session changed since it was last saved.
    pub dirty: bool,
    /// Colours are used (off under NO_COLOR).
    pub(crate) color: bool,
    /// Today's date (`YYYY-MM-DD`), for the report and the session's date.
    pub(crate) today: String,
    /// The terminal's size (columns, rows); below the minimum only q and Ctrl-C work.
    pub size: (u16, u16),
    /// Why the last save failed, while the changes since are not on disk.
    pub save_error: Option<String>,
    /// Reports exported in this run, to print on exit.
    pub(crate) exported: Vec<PathBuf>,
    /// The status holds a message to read: a save does not replace it until the next key.
    pub(crate) status_sticky: bool,
    /// A workshop opened from now on shows revealed votes as counts (`--anonymous`).
    pub(crate) anonymous: bool,
}

impl Model {
    /// A model that starts on the start screen (or the new-session form when nothing is saved).
    pub fn start(saved: Vec<SavedEntry>, form: NewSessionForm, today: &str, color: bool) -> Model {
        let entry = if saved.is_empty() { Entry::NewSession } else { Entry::Start };
        Model {
            entry,
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
            anonymous: false,
        }
    }

    /// A model with a session open at its first unanswered question.
    pub fn with_assessment(assessment: Assessment, today: &str, color: bool) -> Model {
        let mut m = Model::start(Vec::new(), NewSessionForm::default(), today, color);
        m.open(assessment);
        m
    }

    /// Opens an assessment on its questions (replacing any open one) and says where it saves.
    pub(crate) fn open(&mut self, mut assessment: Assessment) {
        if let Some(f) = assessment.workshop.as_mut() {
            f.anonymous = self.anonymous;
        }
        assessment.page = Page::Question;
        self.assessment = Some(assessment);
        self.save_error = None;
        self.status = format!("Autosaves to {}", assessment_path(&self.assessment));
    }

    /// The screen shown: the open assessment's page, else the entry screen.
    pub fn screen(&self) -> Screen {
        match &self.assessment {
            Some(a) => a.page.into(),
            None => self.entry.into(),
        }
    }

    /// Shows a workshop's revealed votes as counts, not by name (now and in workshops opened later).
    pub fn set_anonymous(&mut self, on: bool) {
        self.anonymous = on;
        if let Some(f) = self.assessment.as_mut().and_then(|a| a.workshop.as_mut()) {
            f.anonymous = on;
        }
    }

    /// Whether the terminal is big enough for every screen.
    pub(crate) fn fits(&self) -> bool {
        self.size.0 >= MIN_WIDTH && self.size.1 >= MIN_HEIGHT
    }

    /// Rebuilds the report after the session was replaced (not a change to save).
    pub(crate) fn rebuild_report(&mut self) {
        if let Some(a) = self.assessment.as_mut() {
            a.refresh(&self.today);
        }
    }

    /// The open session as written: dated today (a save sets the date, also one that failed).
    pub(super) fn dated(&mut self) {
        if let Some(a) = self.assessment.as_mut() {
            a.session.date = Some(self.today.clone());
        }
    }

    /// The session changed: to be saved, its report rebuilt.
    pub(super) fn changed(&mut self) {
        self.dirty = true;
        if let Some(a) = self.assessment.as_mut() {
            a.refresh(&self.today);
        }
    }
}

/// Largest area drawn: a terminal reporting a huge size gets this much, not gigabytes of cells.
pub(crate) const MAX_COLS: u16 = 500;
/// Largest area drawn, in rows (see [`MAX_COLS`]).
pub(crate) const MAX_ROWS: u16 = 200;

/// The area drawn in a terminal of `cols` × `rows`: capped at `MAX_COLS` × `MAX_ROWS`.
pub fn drawn_area(cols: u16, rows: u16) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// Smallest terminal at which every screen shows everything it must (on the question screen,
/// every answer option).
pub(crate) const MIN_WIDTH: u16 = 60;
/// Smallest terminal height at which every screen shows everything it must.
pub(crate) const MIN_HEIGHT: u16 = 18;

fn assessment_path(a: &Option<Assessment>) -> String {
    a.as_ref().map_or_else(String::new, |a| a.path.display().to_string())
}

/// The session's context, for views.
pub(crate) fn context_of(a: &Assessment) -> Context {
    a.session.context.clone().unwrap_or_default()
}
