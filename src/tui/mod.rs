//! The interactive assessment's shell: the terminal, the event loop, and the effects that
//! `update` asks for (open, create, save, export).
//!
//! This is the only code that touches the terminal. Every change to the session is saved
//! atomically before the next key is read, so a killed process loses at most that keystroke.

pub mod app;
pub mod input;
pub mod view;

use crate::commands::{self, AssessArgs};
use crate::files;
use crate::lock::SessionLock;
use crate::questionnaire::{self, BUILT_INS};
use crate::report;
use crate::session::{self, Session};
use anyhow::{Context as _, Result, bail};
use app::{Assessment, Effect, ExportFormat, Model, Msg, NewSessionForm, SavedEntry};
use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};

/// The default questionnaire for a new session.
pub const DEFAULT_QUESTIONNAIRE: &str = "mlops-maturity";

pub fn run(args: AssessArgs) -> Result<ExitCode> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let today = files::today();
    let home = commands::home();
    // Open (and so check) the session before anything else: a corrupt file is reported as
    // such, and left exactly as it was.
    let opened = match &args.session {
        Some(path) => Some(open_or_create(path, &args, &today)?),
        None => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive assessment needs a terminal; to score a session without one, run `mlops-maturity report SESSION.yaml`"
        );
    }
    let mut lock = None;
    let mut model = match opened {
        Some(a) => {
            lock = Some(SessionLock::acquire(&a.path)?);
            Model::with_assessment(a, &today, color)
        }
        None => Model::start(saved_entries(home.as_deref()), new_form(&args, home.as_deref()), &today, color),
    };
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::init();
    let outcome = event_loop(&mut terminal, &mut model, &mut lock, home.as_deref(), &today, &stop);
    // Whatever ended the loop, the session on disk is whole: it was saved after every change.
    save(&mut model, false);
    ratatui::restore();
    drop(lock);
    outcome?;
    if let Some(a) = &model.assessment {
        println!("Session saved to {}", a.path.display());
        println!("Report: mlops-maturity report {}", a.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    model: &mut Model,
    lock: &mut Option<SessionLock>,
    home: Option<&Path>,
    today: &str,
    stop: &AtomicBool,
) -> Result<()> {
    loop {
        if stop.load(Ordering::Relaxed) {
            save(model, true);
            return Ok(());
        }
        terminal.draw(|frame| view::draw(model, frame))?;
        // Poll rather than block, so a signal (terminal closed, shutdown) is seen promptly.
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let msg = match event::read()? {
            Event::Key(key) => Msg::Key(key),
            // A resize (or anything else) only needs a redraw.
            _ => continue,
        };
        let effect = app::update(model, msg);
        match effect {
            Effect::None => {}
            Effect::Quit => {
                save(model, true);
                return Ok(());
            }
            Effect::Open(path) => match SessionLock::acquire(&path).and_then(|l| Ok((l, open_existing(&path, today)?)))
            {
                Ok((l, a)) => {
                    *lock = Some(l);
                    model.open(a);
                }
                Err(e) => {
                    app::update(model, Msg::Failed(format!("{e:#}")));
                }
            },
            Effect::Create { questionnaire, team, respondent, role } => {
                let created = create_in_home(home, &questionnaire, &team, &respondent, &role, today)
                    .and_then(|a| Ok((SessionLock::acquire(&a.path)?, a)));
                match created {
                    Ok((l, a)) => {
                        *lock = Some(l);
                        model.open(a);
                        model.dirty = true;
                    }
                    Err(e) => {
                        app::update(model, Msg::Failed(format!("{e:#}")));
                    }
                }
            }
            Effect::Export(format) => {
                let msg = match export(model, format) {
                    Ok(path) => Msg::Exported(path),
                    Err(e) => Msg::Failed(format!("{e:#}")),
                };
                app::update(model, msg);
            }
        }
        save(model, false);
    }
}

/// Saves the open session when it changed (or always, on quit).
fn save(model: &mut Model, force: bool) {
    let Some(a) = &model.assessment else { return };
    if !(model.dirty || force) {
        return;
    }
    let msg = match session::save(&a.path, &a.session) {
        Ok(()) => Msg::Saved(clock()),
        Err(e) => Msg::Failed(format!("NOT SAVED: {e:#}")),
    };
    app::update(model, msg);
}

/// The time of day (UTC) for the status line.
fn clock() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

fn open_existing(path: &Path, today: &str) -> Result<Assessment> {
    let s = session::load(path)?;
    let (q, _) = commands::questionnaire_of(path, &s)?;
    Ok(Assessment::new(q, s, path.to_path_buf(), today))
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
    for (value, slot) in [(&args.team, &mut s.team), (&args.respondent, &mut s.respondent), (&args.role, &mut s.role)] {
        if let Some(v) = value {
            *slot = Some(v.clone());
        }
    }
    let (q, _) = match &args.questionnaire {
        Some(spec) if !path.exists() => questionnaire::resolve(spec, Path::new("."), commands::home().as_deref())?,
        _ => commands::questionnaire_of(path, &s)?,
    };
    Ok(Assessment::new(q, s, path.to_path_buf(), today))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

fn create_in_home(
    home: Option<&Path>,
    questionnaire: &str,
    team: &str,
    respondent: &str,
    role: &str,
    today: &str,
) -> Result<Assessment> {
    let home = home.context("no user folder to save the session in; set MLOPS_MATURITY_HOME or use --session FILE")?;
    let dir = home.join("sessions");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create the sessions folder", dir.display()))?;
    let stem: Vec<String> = [slug(team), slug(respondent)].into_iter().filter(|s| !s.is_empty()).collect();
    let stem = if stem.is_empty() { "session".to_owned() } else { stem.join("-") };
    let mut path = dir.join(format!("{stem}-{today}.yaml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{today}-{n}.yaml"));
        n += 1;
    }
    let mut s = Session::new(questionnaire);
    let non_empty = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    s.team = non_empty(team);
    s.respondent = non_empty(respondent);
    s.role = non_empty(role);
    let (q, _) = questionnaire::resolve(questionnaire, Path::new("."), Some(home))?;
    Ok(Assessment::new(q, s, path, today))
}

fn export(model: &Model, format: ExportFormat) -> Result<PathBuf> {
    let a = model.assessment.as_ref().context("no session is open")?;
    let stem = a.path.file_stem().map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let (ext, text) = match format {
        ExportFormat::Markdown => ("md", commands::render_markdown(&a.report)?),
        ExportFormat::Json => ("json", report::to_json(&a.report)),
        ExportFormat::Html => ("html", commands::render_html(&a.report)?),
        ExportFormat::Csv => ("csv", crate::export::roadmap_csv(&a.report)),
    };
    let path = a.path.with_file_name(format!("{stem}-report.{ext}"));
    files::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

fn saved_entries(home: Option<&Path>) -> Vec<SavedEntry> {
    let Some(home) = home else { return Vec::new() };
    commands::saved_sessions(home)
        .into_iter()
        .filter(|s| s.answered < s.total)
        .map(|s| SavedEntry {
            team: s.session.team.clone().unwrap_or_else(|| "–".into()),
            respondent: s.session.respondent.clone().unwrap_or_else(|| "–".into()),
            answered: s.answered,
            total: s.total,
            changed: s.modified.and_then(|m| m.duration_since(UNIX_EPOCH).ok()).map_or_else(String::new, |d| {
                let secs = d.as_secs() as i64;
                format!("{} {:02}:{:02}", files::date_from_unix(secs), secs / 3600 % 24, secs / 60 % 60)
            }),
            path: s.path,
        })
        .collect()
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
        field: 0,
    }
}
