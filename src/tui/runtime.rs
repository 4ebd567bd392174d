//! The running TUI: the terminal, the thread that reads its events, and the loop that turns
//! each event into a message for `update`, carries out the effect `update` asks for (open,
//! create, export, quit) and saves what changed before the next key is read.
//!
//! This is the only code that touches the terminal. A signal or a closed terminal (hang-up)
//! ends the loop within a fraction of a second: the session is saved, the lock released.

use super::app::{self, Assessment, Effect, Model, Msg, drawn_area};
use super::exports::export;
use super::saving::{Ended, Saver, finish};
use super::sessions::{Person, create_in_home, next_assessment, open_existing};
use super::view;
use crate::lock::SessionLock;
use anyhow::{Context as _, Result};
use crossterm::cursor::Show;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type Term = ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>;

/// Everything the event loop works with: the terminal and its events, the model, the open
/// session's lock and saver, the user folder and today's date, and the stop flag that signals
/// raise.
pub(crate) struct Runtime {
    terminal: Term,
    events: Receiver<std::io::Result<Event>>,
    stop: Arc<AtomicBool>,
    model: Model,
    lock: Option<SessionLock>,
    saver: Saver,
    home: Option<PathBuf>,
    today: String,
}

impl Runtime {
    /// Takes over the terminal for `model` (whose session, if open, `lock` holds) and saves a
    /// new session at once.
    pub(crate) fn start(model: Model, lock: Option<SessionLock>, home: Option<PathBuf>, today: String) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        let terminal = init_terminal()?;
        let saver = Saver::new(&model);
        let mut rt = Runtime { terminal, events: spawn_reader(), stop, model, lock, saver, home, today };
        if let Ok((w, h)) = crossterm::terminal::size() {
            let area = drawn_area(w, h);
            app::update(&mut rt.model, Msg::Resize(area.width, area.height));
        }
        // A new session is on disk from the start.
        rt.save();
        Ok(rt)
    }

    /// Runs the loop until the user quits, a signal comes or the terminal goes; then keeps the
    /// text being edited, saves, gives the terminal back and says what happened to the session.
    pub(crate) fn run(mut self) -> Result<ExitCode> {
        let outcome = self.event_loop();
        // Whatever ended the loop, keep the text being edited and save what changed (every other
        // change was saved as it happened, unless a save failed).
        app::update(&mut self.model, Msg::Closing);
        self.keep_time();
        self.save();
        restore_terminal();
        let Runtime { terminal, model, lock, saver, .. } = self;
        // Dropping the terminal would try to show the cursor and print an error if the terminal
        // is gone, which panics; the terminal is already restored.
        std::mem::forget(terminal);
        drop(lock);
        finish(&model, saver.wrote, outcome)
    }

    fn event_loop(&mut self) -> Result<Ended> {
        loop {
            if self.stop.load(Ordering::Relaxed) {
                self.drain();
                return Ok(Ended::Signal);
            }
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
            app::update(&mut self.model, Msg::Tick(now));
            let model = &self.model;
            if hung_up() || self.terminal.draw(|frame| view::draw(model, frame)).is_err() {
                self.drain();
                return Ok(Ended::HangUp);
            }
            // Wait a little for input, then take everything pending: a burst (a paste, keys typed
            // fast) is handled in one turn, never left half-done until the next key.
            let first = match self.events.recv_timeout(Duration::from_millis(100)) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(Ended::HangUp),
            };
            let mut batch = vec![first];
            batch.extend(self.events.try_iter());
            for event in batch {
                let msg = match event {
                    Ok(Event::Key(key)) => Msg::Key(key),
                    Ok(Event::Paste(text)) => Msg::Paste(text),
                    Ok(Event::Resize(w, h)) => {
                        let area = drawn_area(w, h);
                        if self.terminal.resize(area).is_err() {
                            return Ok(Ended::HangUp);
                        }
                        Msg::Resize(area.width, area.height)
                    }
                    Ok(_) => continue,
                    Err(_) => {
                        self.drain();
                        return Ok(Ended::HangUp);
                    }
                };
                if self.apply(msg) {
                    return Ok(Ended::Quit);
                }
            }
        }
    }

    /// Keys already read when the loop ends still count (text typed just before the window
    /// closed).
    fn drain(&mut self) {
        while let Ok(event) = self.events.try_recv() {
            let msg = match event {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                _ => continue,
            };
            if self.apply(msg) {
                return;
            }
        }
    }

    /// Runs one message through `update`, carries out its effect and saves; true to quit.
    fn apply(&mut self, msg: Msg) -> bool {
        match app::update(&mut self.model, msg) {
            Effect::None => {}
            Effect::Quit => {
                self.keep_time();
                self.save();
                return true;
            }
            Effect::Open(path) => {
                self.save();
                let today = &self.today;
                let opened = SessionLock::acquire(&path).and_then(|l| Ok((l, open_existing(&path, today)?)));
                self.opened(opened);
            }
            Effect::Create { questionnaire, team, respondent, role, participants } => {
                self.save();
                let people = Person { team: &team, respondent: &respondent, role: &role, participants: &participants };
                let created = create_in_home(self.home.as_deref(), &questionnaire, &people, &self.today)
                    .and_then(|a| Ok((SessionLock::acquire(&a.path)?, a)));
                self.opened(created);
            }
            Effect::NextAssessment(from) => {
                self.save();
                let created = next_assessment(&from, None, self.home.as_deref(), &self.today)
                    .and_then(|a| Ok((SessionLock::acquire(&a.path)?, a)));
                self.opened(created);
            }
            Effect::Export(format) => {
                let msg = match export(&self.model, format) {
                    Ok(path) => Msg::Exported(path),
                    Err(e) => Msg::Failed(format!("{e:#}")),
                };
                app::update(&mut self.model, msg);
            }
        }
        self.save();
        false
    }

    /// A session opened or created (with its lock), or why not. A new one's lock holds the
    /// file name; the file itself is written on the first change, so a session opened and
    /// closed without one leaves nothing behind.
    fn opened(&mut self, opened: Result<(SessionLock, Assessment)>) {
        let msg = match opened {
            Ok((lock, a)) => {
                self.lock = Some(lock);
                self.saver.opened(&a.session);
                Msg::Opened(Box::new(a))
            }
            Err(e) => Msg::Failed(format!("{e:#}")),
        };
        app::update(&mut self.model, msg);
    }

    /// Saves the open session if it changed, and tells `update` how that went.
    fn save(&mut self) {
        if let Some(msg) = self.saver.save(&self.model) {
            app::update(&mut self.model, msg);
        }
    }

    /// Marks the session's clock to be saved with it on leaving, when it must be.
    fn keep_time(&mut self) {
        if let Some(msg) = self.saver.keep_time(&self.model) {
            app::update(&mut self.model, msg);
        }
    }
}

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
