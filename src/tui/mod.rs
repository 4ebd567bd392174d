//! The interactive assessment's shell: the terminal, the event loop, and the effects that
//! `update` asks for (open, create, save, export).
//!
//! This is the only code that touches the terminal. Every change to the session is saved
//! atomically before the next key is read, so a killed process loses at most that keystroke;
//! nothing is written when nothing changed. A signal or a closed terminal (hang-up) ends the
//! loop within a fraction of a second: the session is saved, the lock released. Terminal events
//! are read on a thread of their own, so the loop never waits inside the terminal library.

pub mod app;
pub mod facilitator;
pub mod input;
pub mod view;

use crate::files;
use crate::lock::SessionLock;
use crate::questionnaire::{self, BUILT_INS};
use crate::report;
use crate::session::{self, Session};
use crate::workspace;
use anyhow::{Context as _, Result, bail};
use app::{Assessment, Effect, ExportFormat, Model, Msg, NewSessionForm, SavedEntry};
use crossterm::cursor::Show;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};

/// The default questionnaire for a new session.
pub const DEFAULT_QUESTIONNAIRE: &str = "mlops-maturity";

/// Largest area drawn: a terminal reporting a huge size gets this much, not gigabytes of cells.
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// The area drawn in a terminal of `cols` × `rows`: capped at [`MAX_COLS`] × [`MAX_ROWS`].
pub fn drawn_area(cols: u16, rows: u16) -> Rect {
    Rect::new(0, 0, cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// How the event loop ended.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
    Signal,
    /// The terminal is gone: a read or a draw failed, or stdin is no longer a terminal.
    HangUp,
}

/// What `assess` is asked for: the questionnaire, the session file, who answers, where to start.
#[derive(Debug, Default, Clone)]
pub struct AssessArgs {
    pub questionnaire: Option<String>,
    pub session: Option<PathBuf>,
    pub team: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<String>,
    /// `"Ana:engineering,Ben:data-science,Cy"`: a new session file becomes a workshop session.
    pub participants: Option<String>,
    /// Start the next assessment from this earlier session (`--from`).
    pub from: Option<PathBuf>,
    /// A workshop's revealed votes are shown as counts, not by name (`--anonymous`).
    pub anonymous: bool,
    /// Repositories to scan before the questions start (`--scan`), recorded in the session.
    pub scan: Vec<PathBuf>,
}

pub fn run(args: AssessArgs) -> Result<ExitCode> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let today = files::today();
    let home = workspace::home();
    // Open (and so check) the session before anything else: a corrupt file is reported as
    // such, and left exactly as it was.
    if !args.scan.is_empty() && args.session.is_none() && args.from.is_none() {
        bail!(
            "--scan needs --session FILE (or --from EARLIER): the scan is recorded in that session; for example: mlops-maturity assess --session team.yaml --scan ../repo"
        );
    }
    let opened = match (&args.from, &args.session) {
        (Some(from), session) => Some((next_assessment(from, session.as_deref(), home.as_deref(), &today)?, true)),
        (None, Some(path)) => Some((open_or_create(path, &args, &today)?, !path.exists())),
        (None, None) => None,
    };
    // A team, respondent or role on the command line asks for that new session: the form,
    // pre-filled, or no form at all when nothing is missing; never the list of saved sessions.
    let mut starting = None;
    let mut opened = opened;
    let given = [&args.team, &args.respondent, &args.role, &args.participants];
    if opened.is_none() && given.iter().any(|v| v.is_some()) {
        let mut m = Model::start(saved_entries(home.as_deref()), new_form(&args, home.as_deref()), &today, color);
        match app::start_given(&mut m) {
            Some(Effect::Create { questionnaire, team, respondent, role, participants }) => {
                let who = Person { team: &team, respondent: &respondent, role: &role, participants: &participants };
                // Written on the first change, as a session started from the form.
                opened = Some((create_in_home(home.as_deref(), &questionnaire, &who, &today)?, false));
            }
            _ => starting = Some(m),
        }
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive assessment needs a terminal; to score a session without one, run `mlops-maturity report SESSION.yaml`"
        );
    }
    let mut lock = None;
    let mut model = match opened {
        Some((mut a, new)) => {
            lock = Some(SessionLock::acquire(&a.path)?);
            let scanned = !args.scan.is_empty();
            if scanned {
                let (outcome, notes) = crate::evidence::scan_questionnaire(&a.questionnaire, &args.scan, &today)?;
                for note in notes {
                    eprintln!("{}", crate::printable::printable(&format!("mlops-maturity: scan: {note}")));
                }
                a.session.scan = Some(Box::new(outcome.scan));
            }
            let mut m = Model::with_assessment(a, &today, color);
            // A new session is written at once; an opened one only when something changes.
            m.dirty = new || scanned;
            m
        }
        None => match starting {
            Some(m) => m,
            None => Model::start(saved_entries(home.as_deref()), new_form(&args, home.as_deref()), &today, color),
        },
    };
    model.set_anonymous(args.anonymous);
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = init_terminal()?;
    if let Ok((w, h)) = crossterm::terminal::size() {
        app::update(&mut model, Msg::Resize(w.min(MAX_COLS), h.min(MAX_ROWS)));
    }
    let events = spawn_reader();
    let mut saver = Saver { last_good: model.assessment.as_ref().map(|a| a.session.clone()), wrote: false };
    // A new session is on disk from the start.
    saver.save(&mut model);
    let outcome = event_loop(&mut terminal, &mut model, &mut lock, &mut saver, home.as_deref(), &today, &stop, &events);
    // Whatever ended the loop, keep the text being edited and save what changed (every other
    // change was saved as it happened, unless a save failed).
    app::commit_edit(&mut model);
    saver.keep_time(&mut model);
    saver.save(&mut model);
    restore_terminal();
    // Dropping the terminal would try to show the cursor and print an error if the terminal
    // is gone, which panics; the terminal is already restored.
    std::mem::forget(terminal);
    drop(lock);
    finish(&model, saver.wrote, outcome)
}

/// Prints what happened to the session (never panicking on a terminal that is gone) and
/// chooses the exit code: 1 when changes could not be saved.
fn finish(model: &Model, wrote: bool, outcome: Result<Ended>) -> Result<ExitCode> {
    use std::io::Write;
    let ended = outcome?;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for path in &model.exported {
        let _ = writeln!(out, "Report written to {}", path.display());
    }
    let Some(a) = &model.assessment else { return Ok(ExitCode::SUCCESS) };
    if model.dirty {
        let why = model.save_error.as_deref().unwrap_or("the session could not be written");
        let _ =
            writeln!(err, "mlops-maturity: NOT SAVED: the last changes to {} are not on disk: {why}", a.path.display());
        let stem = a.path.file_stem().map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
        match files::write_rescue_copy(crate::workspace::home().as_deref(), &stem, a.session.to_yaml().as_bytes()) {
            Ok(rescue) => {
                let _ = writeln!(
                    err,
                    "The whole session, with those changes, was written to {}: once the problem is fixed, copy it over {}.",
                    rescue.display(),
                    a.path.display()
                );
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "A copy could not be written either ({e:#}); free some space or fix the folder's permissions, then answer the last questions again."
                );
            }
        }
        return Ok(ExitCode::from(1));
    }
    if ended == Ended::Quit || ended == Ended::Signal {
        if wrote {
            let _ = writeln!(out, "Session saved to {}", a.path.display());
        } else if !a.path.exists() {
            let _ = writeln!(out, "Nothing was changed, so no session was written ({} not created)", a.path.display());
            return Ok(ExitCode::SUCCESS);
        } else {
            let _ = writeln!(out, "Session unchanged: {}", a.path.display());
        }
        let _ = writeln!(out, "Report: mlops-maturity report {}", a.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

type Term = ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>;

/// Raw mode, the alternate screen and bracketed paste, with a drawn area capped in size; a
/// panic restores the terminal first.
fn init_terminal() -> Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    crossterm::terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    crossterm::execute!(std::io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(drawn_area(w, h)) };
    Ok(ratatui::Terminal::with_options(ratatui::backend::CrosstermBackend::new(std::io::stdout()), options)?)
}

/// Leaves the terminal as it was; errors are ignored (the terminal may be gone).
fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
}

/// Reads terminal events on their own thread, so the loop never waits inside the terminal
/// library: a terminal that hangs up can make that read spin or block, and the loop must still
/// see signals and the hang-up within a fraction of a second.
fn spawn_reader() -> Receiver<std::io::Result<Event>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if tx.send(event).is_err() || failed {
                return;
            }
        }
    });
    rx
}

/// Whether the terminal has gone away (closed window, killed tmux session).
fn hung_up() -> bool {
    !std::io::stdin().is_terminal()
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut Term,
    model: &mut Model,
    lock: &mut Option<SessionLock>,
    saver: &mut Saver,
    home: Option<&Path>,
    today: &str,
    stop: &AtomicBool,
    events: &Receiver<std::io::Result<Event>>,
) -> Result<Ended> {
    // Keys already read when the loop ends still count (text typed just before the window closed).
    let drain = |model: &mut Model, lock: &mut Option<SessionLock>, saver: &mut Saver| {
        for event in events.try_iter() {
            let msg = match event {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                _ => continue,
            };
            if apply(model, msg, lock, saver, home, today) {
                return;
            }
        }
    };
    loop {
        if stop.load(Ordering::Relaxed) {
            drain(model, lock, saver);
            return Ok(Ended::Signal);
        }
        if let Some(a) = model.assessment.as_mut() {
            facilitator::tick(a, SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()));
        }
        if hung_up() || terminal.draw(|frame| view::draw(model, frame)).is_err() {
            drain(model, lock, saver);
            return Ok(Ended::HangUp);
        }
        // Wait a little for input, then take everything pending: a burst (a paste, keys typed
        // fast) is handled in one turn, never left half-done until the next key.
        let first = match events.recv_timeout(Duration::from_millis(100)) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Ended::HangUp),
        };
        let mut batch = vec![first];
        batch.extend(events.try_iter());
        for event in batch {
            let msg = match event {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(w, h)) => {
                    let area = drawn_area(w, h);
                    if terminal.resize(area).is_err() {
                        return Ok(Ended::HangUp);
                    }
                    Msg::Resize(area.width, area.height)
                }
                Ok(_) => continue,
                Err(_) => {
                    drain(model, lock, saver);
                    return Ok(Ended::HangUp);
                }
            };
            if apply(model, msg, lock, saver, home, today) {
                return Ok(Ended::Quit);
            }
        }
    }
}

/// Runs one message through `update`, carries out its effect and saves; true to quit.
fn apply(
    model: &mut Model,
    msg: Msg,
    lock: &mut Option<SessionLock>,
    saver: &mut Saver,
    home: Option<&Path>,
    today: &str,
) -> bool {
    let effect = app::update(model, msg);
    match effect {
        Effect::None => {}
        Effect::Quit => {
            saver.keep_time(model);
            saver.save(model);
            return true;
        }
        Effect::Open(path) => {
            saver.save(model);
            match SessionLock::acquire(&path).and_then(|l| Ok((l, open_existing(&path, today)?))) {
                Ok((l, a)) => {
                    *lock = Some(l);
                    saver.last_good = Some(a.session.clone());
                    model.open(a);
                }
                Err(e) => {
                    app::update(model, Msg::Failed(format!("{e:#}")));
                }
            }
        }
        Effect::Create { questionnaire, team, respondent, role, participants } => {
            saver.save(model);
            let people = Person { team: &team, respondent: &respondent, role: &role, participants: &participants };
            let created = create_in_home(home, &questionnaire, &people, today)
                .and_then(|a| Ok((SessionLock::acquire(&a.path)?, a)));
            opened_new(model, lock, saver, created);
        }
        Effect::NextAssessment(from) => {
            saver.save(model);
            let created =
                next_assessment(&from, None, home, today).and_then(|a| Ok((SessionLock::acquire(&a.path)?, a)));
            opened_new(model, lock, saver, created);
        }
        Effect::Export(format) => {
            let msg = match export(model, format) {
                Ok(path) => Msg::Exported(path),
                Err(e) => Msg::Failed(format!("{e:#}")),
            };
            app::update(model, msg);
        }
    }
    saver.save(model);
    false
}

fn opened_new(
    model: &mut Model,
    lock: &mut Option<SessionLock>,
    saver: &mut Saver,
    created: Result<(SessionLock, Assessment)>,
) {
    match created {
        Ok((l, a)) => {
            // The lock holds the file name; the file itself is written on the first change, so
            // a session opened and closed without one leaves nothing behind.
            *lock = Some(l);
            saver.last_good = Some(a.session.clone());
            model.open(a);
        }
        Err(e) => {
            app::update(model, Msg::Failed(format!("{e:#}")));
        }
    }
}

/// Saves the open session after a change, and keeps the last session that was written.
struct Saver {
    /// The session as last written (or read); a change that cannot be written within the size
    /// limit is undone back to it.
    last_good: Option<Session>,
    /// Whether any save reached the disk in this run.
    wrote: bool,
}

impl Saver {
    /// On leaving a session, its clock is saved with it (DESIGN "timing": kept across
    /// reopening) when the file is on disk and this run wrote it or it is a workshop's (whose
    /// clock the facilitator watches); time alone never creates a file, nor rewrites an
    /// untouched respondent's session.
    fn keep_time(&self, model: &mut Model) {
        let Some(a) = model.assessment.as_ref() else { return };
        let saved = self.last_good.as_ref().and_then(|s| s.timing.as_ref());
        if a.session.timing.as_ref() != saved && a.path.exists() && (self.wrote || a.workshop.is_some()) {
            model.dirty = true;
        }
    }

    /// Writes the open session when it changed: no change, no write.
    fn save(&mut self, model: &mut Model) {
        if !model.dirty {
            return;
        }
        let Some(a) = model.assessment.as_mut() else { return };
        a.session.date = Some(model.today.clone());
        let yaml = a.session.to_yaml();
        if yaml.len() as u64 > files::MAX_INPUT_BYTES {
            // The app could not open such a file again: refuse the change instead, and give
            // the text back in its editor so nothing typed is lost.
            let reopened = self.last_good.as_ref().and_then(|good| {
                let (_, _, q) = a.current();
                let (now, before) = (a.session.answers.get(&q.id), good.answers.get(&q.id));
                let text = |e: Option<&crate::session::AnswerEntry>,
                            f: fn(&crate::session::AnswerEntry) -> &Option<String>| {
                    e.and_then(|e| f(e).clone())
                };
                let note = text(now, |e| &e.note);
                let evidence = text(now, |e| &e.evidence);
                if note != text(before, |e| &e.note) {
                    note.map(|t| (app::NoteField::Note, t))
                } else if evidence != text(before, |e| &e.evidence) {
                    evidence.map(|t| (app::NoteField::Evidence, t))
                } else {
                    None
                }
            });
            if let Some(good) = &self.last_good {
                a.session = good.clone();
            }
            a.editing = reopened.map(|(field, text)| (field, input::TextInput::multiline(&text)));
            model.dirty = false;
            let msg = format!(
                "That change was not kept: the session file would be {:.1} MiB, over the {} MiB a session may hold; {}",
                yaml.len() as f64 / (1024.0 * 1024.0),
                files::MAX_INPUT_BYTES / (1024 * 1024),
                if a.editing.is_some() {
                    "the text is back in its editor: shorten it, or Esc drops it"
                } else {
                    "shorten a note"
                }
            );
            app::update(model, Msg::Failed(msg));
            model.rebuild_report();
            return;
        }
        let msg = match files::write_with_backup(&a.path, yaml.as_bytes()) {
            Ok(()) => {
                self.last_good = Some(a.session.clone());
                self.wrote = true;
                Msg::Saved(clock())
            }
            Err(e) => Msg::SaveFailed(format!("{} could not be written: {e:#}", a.path.display())),
        };
        app::update(model, msg);
    }
}

/// The time of day (UTC) for the status line.
fn clock() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

fn open_existing(path: &Path, today: &str) -> Result<Assessment> {
    let s = session::load(path)?;
    let (q, _) = workspace::questionnaire_of(path, &s)?;
    let notes = previous_notes(path, &s, &q);
    let mut a = Assessment::new(q, s, path.to_path_buf(), today);
    a.previous_notes = notes;
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// Progress since the session's `previous`, when that file loads (as `report` does it).
fn compare_with_previous(a: &mut Assessment, today: &str) {
    let input = [(a.path.clone(), a.session.clone())];
    if let Some(Ok((_, named, baseline, _))) = workspace::previous_baseline(&input, &a.questionnaire) {
        a.set_previous(named, baseline, today);
    }
}

fn open_or_create(path: &Path, args: &AssessArgs, today: &str) -> Result<Assessment> {
    let mut s = if path.exists() {
        session::load(path)?
    } else {
        let folder = files::folder_of(path);
        if !folder.is_dir() {
            bail!("{}: the folder {} does not exist", path.display(), folder.display());
        }
        Session::new(args.questionnaire.as_deref().unwrap_or(DEFAULT_QUESTIONNAIRE))
    };
    if let Some(list) = &args.participants {
        facilitator::set_participants(&mut s, list, path)?;
    }
    for (value, slot) in [(&args.team, &mut s.team), (&args.respondent, &mut s.respondent), (&args.role, &mut s.role)] {
        if let Some(v) = value {
            *slot = Some(v.clone());
        }
    }
    let (q, _) = match &args.questionnaire {
        Some(spec) if !path.exists() => questionnaire::resolve(spec, Path::new("."), workspace::home().as_deref())?,
        _ => workspace::questionnaire_of(path, &s)?,
    };
    let notes = previous_notes(path, &s, &q);
    let mut a = Assessment::new(q, s, path.to_path_buf(), today);
    a.previous_notes = notes;
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// Who a new session from the form is for: one respondent, or a workshop's participants.
struct Person<'a> {
    team: &'a str,
    respondent: &'a str,
    role: &'a str,
    participants: &'a str,
}

fn create_in_home(home: Option<&Path>, questionnaire: &str, who: &Person, today: &str) -> Result<Assessment> {
    let dir = workspace::sessions_dir(home)?;
    let workshop = !who.participants.is_empty();
    // A workshop has participants instead of one respondent (DESIGN "Workshop session").
    let respondent = if workshop { "workshop" } else { who.respondent };
    let path = workspace::new_session_path(&dir, who.team, respondent, today);
    let mut s = Session::new(questionnaire);
    let non_empty = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    s.team = non_empty(who.team);
    if workshop {
        let list =
            crate::workshop::parse_participants(who.participants).map_err(|e| anyhow::anyhow!("Participants: {e}"))?;
        s.participants = Some(list);
    } else {
        s.respondent = non_empty(who.respondent);
        s.role = non_empty(who.role);
    }
    let (q, _) = questionnaire::resolve(questionnaire, Path::new("."), home)?;
    Ok(Assessment::new(q, s, path, today))
}

/// The next assessment from an earlier session (DESIGN "Next assessment"), in `to` or a new
/// file beside the user's sessions.
fn next_assessment(from: &Path, to: Option<&Path>, home: Option<&Path>, today: &str) -> Result<Assessment> {
    let earlier = session::load(from)?;
    let (q, _) = workspace::questionnaire_of(from, &earlier)?;
    let mut next = earlier.next_assessment(q.scoring.partial_credit);
    next.move_to_current_ids(&q);
    next.questionnaire_version = Some(q.version);
    let path = match to {
        Some(to) => {
            if to.exists() {
                bail!(
                    "{}: the file exists; --from starts a new session, so give --session a new file name",
                    to.display()
                );
            }
            let folder = files::folder_of(to);
            if !folder.is_dir() {
                bail!("{}: the folder {} does not exist", to.display(), folder.display());
            }
            // A path inside another folder keeps naming the questionnaire the same way.
            if files::folder_of(from) != folder && questionnaire::resolve(&next.questionnaire, &folder, home).is_err() {
                bail!(
                    "{}: the questionnaire `{}` would not be found from {}; put the new session beside {}",
                    to.display(),
                    next.questionnaire,
                    folder.display(),
                    from.display()
                );
            }
            to.to_path_buf()
        }
        None => workspace::new_session_path(
            &workspace::sessions_dir(home)?,
            next.team.as_deref().unwrap_or(""),
            next.respondent.as_deref().unwrap_or(""),
            today,
        ),
    };
    next.previous = Some(previous_path(from, &path));
    let mut a = Assessment::new(q, next, path, today);
    a.previous_notes = notes_under_current_ids(earlier, &a.questionnaire);
    compare_with_previous(&mut a, today);
    Ok(a)
}

/// How the new session at `to` names the earlier one at `from`: relative to the new file's
/// folder when it can be, else the full path.
fn previous_path(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or(p.to_path_buf());
    let earlier = absolute(from);
    let folder = absolute(&files::folder_of(to));
    session::relative_path(&folder, &earlier).unwrap_or(earlier).display().to_string()
}

/// The notes of the session `s` (at `path`) was carried from, when its `previous` loads; none
/// otherwise (the earlier file may have moved: the new session stands on its own).
fn previous_notes(
    path: &Path,
    s: &Session,
    q: &questionnaire::Questionnaire,
) -> std::collections::HashMap<String, String> {
    let Some(previous) = &s.previous else { return Default::default() };
    let earlier = files::folder_of(path).join(previous);
    session::load(&earlier).map(|e| notes_under_current_ids(e, q)).unwrap_or_default()
}

/// An earlier session's notes, by the ids its answers were carried under.
fn notes_under_current_ids(
    mut earlier: Session,
    q: &questionnaire::Questionnaire,
) -> std::collections::HashMap<String, String> {
    earlier.move_to_current_ids(q);
    earlier.notes()
}

fn export(model: &Model, format: ExportFormat) -> Result<PathBuf> {
    let a = model.assessment.as_ref().context("no session is open")?;
    let mut report = a.report.clone();
    let (owners, owners_warning) = workspace::owners(workspace::home().as_deref());
    report::rename_owners(&mut report, &owners);
    report.warnings.extend(owners_warning);
    let stem = a.path.file_stem().map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let (ext, text) = (format.extension(), crate::format::render_report(&report, format)?);
    let path = a.path.with_file_name(format!("{stem}-report.{ext}"));
    let mut inputs = vec![a.path.clone()];
    if let Ok((_, questionnaire::Source::File(q))) = workspace::questionnaire_of(&a.path, &a.session) {
        inputs.push(q);
    }
    let _held = crate::lock::guard_output(&path, &inputs)?;
    files::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Every saved session for the start screen, newest first, then the files that do not load.
pub fn saved_entries(home: Option<&Path>) -> Vec<SavedEntry> {
    let Some(home) = home else { return Vec::new() };
    let dash = || "–".to_owned();
    let mut entries: Vec<SavedEntry> = workspace::saved_sessions(home)
        .into_iter()
        .map(|s| SavedEntry {
            team: s.session.team.clone().unwrap_or_else(dash),
            respondent: s.session.respondent.clone().unwrap_or_else(dash),
            questionnaire: s.session.questionnaire.clone(),
            answered: s.answered,
            total: s.total,
            to_confirm: s.session.answers.values().filter(|e| e.carried && e.answer.is_some()).count(),
            changed: s.session.date.clone().unwrap_or_else(|| {
                s.modified
                    .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                    .map_or_else(String::new, |d| files::date_from_unix(d.as_secs() as i64))
            }),
            problem: s.problem.map(|p| format!("invalid: {p}")),
            path: s.path,
        })
        .collect();
    for (path, why) in workspace::unreadable_sessions(home) {
        entries.push(SavedEntry {
            team: path.file_name().map_or_else(dash, |n| n.to_string_lossy().into_owned()),
            respondent: dash(),
            questionnaire: "?".into(),
            problem: Some(format!("invalid: {why}")),
            path,
            ..SavedEntry::default()
        });
    }
    entries
}

fn new_form(args: &AssessArgs, home: Option<&Path>) -> NewSessionForm {
    let mut questionnaires: Vec<(String, String)> =
        BUILT_INS.iter().filter_map(|(id, _)| questionnaire::built_in(id).map(|q| (q.id, q.title))).collect();
    if let Some(home) = home {
        for path in files::files_in(&home.join("questionnaires"), &["yaml", "yml"]) {
            if let Ok(q) = questionnaire::load_file(&path)
                && !questionnaires.iter().any(|(id, _)| *id == q.id)
            {
                questionnaires.push((q.id, q.title));
            }
        }
    }
    // A questionnaire given by path (or an id not on offer) is offered as given.
    if let Some(wanted) = &args.questionnaire
        && !questionnaires.iter().any(|(id, _)| id == wanted)
    {
        questionnaires.push((wanted.clone(), wanted.clone()));
    }
    let choice = args
        .questionnaire
        .as_ref()
        .and_then(|wanted| questionnaires.iter().position(|(id, _)| id == wanted))
        .unwrap_or(0);
    NewSessionForm {
        questionnaires,
        choice,
        team: input::TextInput::new(args.team.as_deref().unwrap_or("")),
        respondent: input::TextInput::new(args.respondent.as_deref().unwrap_or("")),
        role: input::TextInput::new(args.role.as_deref().unwrap_or("")),
        participants: input::TextInput::new(args.participants.as_deref().unwrap_or("")),
        field: 0,
    }
}
