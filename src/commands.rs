//! The commands behind the command line: read files, call the core, write results.
//!
//! This is an imperative shell: it owns I/O, the clock and exit codes; every decision about
//! answers, scores and reports is made by the pure modules it calls.

use crate::export;
use crate::files::{self, folder_of};
use crate::questionnaire::{self, BUILT_INS, Questionnaire};
use crate::report::{self, SessionInput};
use crate::session::{self, Session};
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Default, Clone)]
pub struct AssessArgs {
    pub questionnaire: Option<String>,
    pub session: Option<PathBuf>,
    pub team: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<String>,
    /// Start the next assessment from this earlier session (`--from`).
    pub from: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
    Csv,
}

#[derive(Debug, Clone)]
pub struct ReportArgs {
    pub sessions: Vec<PathBuf>,
    pub questionnaire: Option<String>,
    pub format: Format,
    pub template: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
}

use crate::workspace::SessionQuestionnaires;
pub use crate::workspace::{SavedSession, home, questionnaire_of, saved_sessions};

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

pub fn assess(args: AssessArgs) -> Result<ExitCode> {
    crate::tui::run(args)
}

pub fn report(args: ReportArgs) -> Result<ExitCode> {
    let sessions: Vec<(PathBuf, Session)> =
        args.sessions.iter().map(|p| Ok((p.clone(), session::load(p)?))).collect::<Result<_>>()?;

    let q = match &args.questionnaire {
        Some(spec) => questionnaire::resolve(spec, Path::new("."), home().as_deref())?.0,
        None => {
            let mut loaded = SessionQuestionnaires::default();
            let mut first: Option<(String, &Path)> = None;
            for (path, s) in &sessions {
                let id = loaded.of(path, s)?.id.clone();
                match &first {
                    None => first = Some((id, path)),
                    Some((first_id, first_path)) if *first_id != id => bail!(
                        "{} uses questionnaire `{first_id}` but {} uses `{id}`: only sessions of the same questionnaire can be merged",
                        first_path.display(),
                        path.display(),
                    ),
                    Some(_) => {}
                }
            }
            let (path, s) = sessions.first().ok_or_else(|| anyhow!("no session given"))?;
            loaded.of(path, s)?.clone()
        }
    };

    let baseline = match &args.baseline {
        Some(path) => Some(load_baseline(path, &q)?),
        None => None,
    };
    let inputs: Vec<SessionInput> =
        sessions.iter().map(|(p, s)| SessionInput { file_name: file_name(p), session: s }).collect();
    let built = report::build(&q, &inputs, baseline.as_deref(), &files::today());

    let text = match (&args.template, args.format) {
        (Some(template), _) => render_with_file(&built, template)?,
        (None, Format::Json) => report::to_json(&built),
        (None, Format::Markdown) => render_markdown(&built)?,
        (None, Format::Html) => render_html(&built)?,
        (None, Format::Csv) => export::roadmap_csv(&built),
    };
    match &args.output {
        Some(path) => files::write_atomic(path, text.as_bytes())?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is the reader's choice, not an error worth a message.
            let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Renders through a template file: its path names it in errors, its extension decides
/// HTML escaping (`.html`, `.htm`, `.xml`).
pub fn render_with_file(built: &report::Report, template: &Path) -> Result<String> {
    let source = files::read_text(template)?;
    report::render(built, &template.display().to_string(), &source).map_err(|e| anyhow!("{e}"))
}

/// The Markdown report, through the user's `templates/report.md` when there is one (`init`
/// puts a copy there to customise), else through the built-in template.
pub fn render_markdown(built: &report::Report) -> Result<String> {
    if let Some(home) = home() {
        let custom = home.join("templates").join(report::DEFAULT_TEMPLATE_NAME);
        if custom.is_file() {
            return render_with_file(built, &custom);
        }
    }
    Ok(report::render_markdown(built))
}

/// The HTML report, through the user's `templates/report.html` when there is one, else through
/// the built-in template.
pub fn render_html(built: &report::Report) -> Result<String> {
    if let Some(home) = home() {
        let custom = home.join("templates").join(export::HTML_TEMPLATE_NAME);
        if custom.is_file() {
            return render_with_file(built, &custom);
        }
    }
    Ok(export::render_html(built))
}

/// Earlier scores per dimension, from a JSON report or a session scored with `q`.
fn load_baseline(path: &Path, q: &Questionnaire) -> Result<Vec<(String, f64)>> {
    let text = files::read_text(path)?;
    if text.trim_start().starts_with('{') {
        return report::baseline_from_json(&text).map_err(|e| anyhow!("{}: {e}", path.display()));
    }
    let s = session::parse(&text, &path.display().to_string()).map_err(questionnaire::problems_error)?;
    let r = report::build(q, &[SessionInput { file_name: file_name(path), session: &s }], None, "");
    Ok(r.dimensions.into_iter().map(|d| (d.id, d.score)).collect())
}

pub fn validate(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut all_valid = true;
    for path in paths {
        match questionnaire::load_file(path) {
            Ok(q) => println!(
                "{}: valid ({} dimensions, {} questions, levels 0-{})",
                path.display(),
                q.dimensions.len(),
                q.question_count(),
                q.highest_level()
            ),
            Err(e) => {
                all_valid = false;
                eprintln!("{e}");
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn list() -> Result<ExitCode> {
    let home = files::home_dir()?;
    println!("Built-in questionnaires:");
    for (id, _) in BUILT_INS {
        if let Some(q) = questionnaire::built_in(id) {
            println!("  {id:<20} v{:<3} {:>3} questions  {}", q.version, q.question_count(), q.title);
        }
    }
    let dir = home.join("questionnaires");
    println!("\nUser questionnaires ({}):", dir.display());
    let user = files::files_in(&dir, &["yaml", "yml"]);
    if user.is_empty() {
        println!("  none (run `mlops-maturity init {}` to get copies to customise)", home.display());
    }
    for path in user {
        match questionnaire::load_file(&path) {
            Ok(q) => println!("  {:<20} v{:<3} {:>3} questions  {}", q.id, q.version, q.question_count(), q.title),
            Err(_) => println!("  {}  (invalid: run `mlops-maturity validate` on it)", path.display()),
        }
    }
    let sessions = saved_sessions(&home);
    println!("\nSaved sessions ({}):", home.join("sessions").display());
    if sessions.is_empty() {
        println!("  none");
    }
    for s in sessions {
        println!(
            "  {:<28} {:<16} {:<16} {:>3}/{:<3} answered  {}",
            file_name(&s.path),
            s.session.team.as_deref().unwrap_or("-"),
            s.session.respondent.as_deref().unwrap_or("-"),
            s.answered,
            s.total,
            s.session.questionnaire
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn init(dir: &Path) -> Result<ExitCode> {
    let mut wanted: Vec<(PathBuf, &str)> =
        BUILT_INS.iter().map(|(id, text)| (dir.join("questionnaires").join(format!("{id}.yaml")), *text)).collect();
    wanted.push((dir.join("templates").join(report::DEFAULT_TEMPLATE_NAME), report::DEFAULT_TEMPLATE));
    wanted.push((dir.join("templates").join(export::HTML_TEMPLATE_NAME), export::HTML_TEMPLATE));
    for (path, text) in wanted {
        if path.exists() {
            println!("kept      {} (already there; delete it to get the built-in again)", path.display());
            continue;
        }
        let parent = folder_of(&path);
        std::fs::create_dir_all(&parent).map_err(|e| anyhow!("{}: cannot create the folder: {e}", parent.display()))?;
        files::write_atomic(&path, text.as_bytes())?;
        println!("wrote     {}", path.display());
    }
    println!(
        "\nEdit the copies, then check them with `mlops-maturity validate {}/questionnaires/*.yaml`.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
