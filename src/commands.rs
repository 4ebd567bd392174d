//! The commands behind the command line: read files, call the core, write results.
//!
//! This is an imperative shell: it owns I/O, the clock and exit codes; every decision about
//! answers, scores and reports is made by the pure modules it calls.

use crate::export;
use crate::files::{self, folder_of};
use crate::printable::{excerpt, one_line};
use crate::questionnaire::{self, BUILT_INS, Questionnaire, Source};
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

    // Every file the report reads: `-o` must not name one of them.
    let mut read_files: Vec<PathBuf> = args.sessions.clone();
    read_files.extend(args.template.iter().cloned());
    read_files.extend(args.baseline.iter().cloned());
    let q = match &args.questionnaire {
        Some(spec) => {
            let (q, source) = questionnaire::resolve(spec, Path::new("."), home().as_deref())?;
            if let Source::File(path) = source {
                read_files.push(path);
            }
            q
        }
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
        Some(path) => {
            let (b, warnings) = load_baseline(path, &q)?;
            Some((check_baseline(path, b, q.highest_level())?, warnings))
        }
        None => None,
    };
    let inputs: Vec<SessionInput> =
        sessions.iter().map(|(p, s)| SessionInput { file_name: file_name(p), session: s }).collect();
    let mut built = report::build(&q, &inputs, None, &files::today());
    if let Some((b, warnings)) = &baseline {
        report::attach_baseline(&mut built, b);
        built.warnings.extend(warnings.iter().cloned());
    }

    let text = match (&args.template, args.format) {
        (Some(template), _) => render_with_file(&built, template)?,
        (None, Format::Json) => report::to_json(&built),
        (None, Format::Markdown) => render_markdown(&built)?,
        (None, Format::Html) => render_html(&built)?,
        (None, Format::Csv) => export::roadmap_csv(&built),
    };
    match &args.output {
        Some(path) => {
            if args.template.is_none() && args.format == Format::Markdown {
                read_files.extend(custom_markdown_template());
            }
            if args.questionnaire.is_none() {
                read_files.extend(questionnaire_files(&sessions));
            }
            refuse_output_over_input(path, &read_files)?;
            files::write_atomic(path, text.as_bytes())?
        }
        None => print_out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output file that is one of the inputs (the same file, also through a link or
/// another name): writing the report there would destroy what it was made from.
fn refuse_output_over_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    match inputs.iter().find(|input| files::same_file(output, input)) {
        Some(input) => bail!(
            "{}: is one of the report's inputs ({}); writing the report there would overwrite it, so choose another output file",
            output.display(),
            input.display()
        ),
        None => Ok(()),
    }
}

/// Baseline scores must be numbers a report of this questionnaire can hold: 0 to its highest level.
fn check_baseline(
    path: &Path,
    baseline: crate::narrative::Baseline,
    highest: u32,
) -> Result<crate::narrative::Baseline> {
    let out_of_range = |s: &f64| !(s.is_finite() && (0.0..=f64::from(highest)).contains(s));
    if let Some((id, score)) = baseline.scores.iter().find(|(_, s)| out_of_range(s)) {
        bail!(
            "{}: dimension `{}` has the score {score}, but scores go from 0 to {highest}; give a report of the same questionnaire",
            path.display(),
            crate::printable::excerpt(id, 40)
        );
    }
    if let Some(level) = baseline.overall_level.filter(|l| *l > highest) {
        bail!("{}: the overall level {level} is above this questionnaire's highest level {highest}", path.display());
    }
    Ok(baseline)
}

/// Writes to standard output. A closed pipe (`| head`) is the reader's choice and ends the output
/// quietly; any other failure (a full disk, `> /dev/full`) is an error, so the exit code says so.
pub fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow!("cannot write to standard output: {e}")),
    }
}

/// Writes a message to standard error, with control characters escaped and long lines cut.
/// Nothing is left to report a failure of standard error to, so it is ignored.
pub fn print_err(text: &str) {
    use std::io::Write;
    let text = crate::printable::cap_lines(text, 2000);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.write_all(b"\n")).and_then(|_| err.flush());
}

/// The questionnaire files the sessions name (each found once), for the output check.
fn questionnaire_files(sessions: &[(PathBuf, Session)]) -> Vec<PathBuf> {
    let home = files::home_dir().ok();
    let mut seen = std::collections::HashSet::new();
    sessions
        .iter()
        .filter(|(path, s)| seen.insert((s.questionnaire.clone(), folder_of(path))))
        .filter_map(|(path, s)| match questionnaire::resolve(&s.questionnaire, &folder_of(path), home.as_deref()) {
            Ok((_, Source::File(file))) => Some(file),
            _ => None,
        })
        .collect()
}

/// The user's Markdown template, when `init` put one to customise in the user folder.
fn custom_markdown_template() -> Option<PathBuf> {
    let custom = home()?.join("templates").join(report::DEFAULT_TEMPLATE_NAME);
    custom.is_file().then_some(custom)
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

/// An earlier assessment, from a JSON report or a (workshop) session scored with `q`, with the
/// warnings it raises. A baseline of another questionnaire is an error; of another version of
/// the same one, a warning.
fn load_baseline(path: &Path, q: &Questionnaire) -> Result<(crate::narrative::Baseline, Vec<String>)> {
    let text = files::read_text(path)?;
    let shown = path.display();
    let other_version = |version: Option<u32>| -> Vec<String> {
        match version {
            Some(v) if v != q.version => vec![format!(
                "baseline {shown}: made with version {v} of questionnaire {}, which is now version {}; answers to reworded questions may show as changes",
                q.id, q.version
            )],
            _ => Vec::new(),
        }
    };
    let other_questionnaire = |id: &str| {
        anyhow!(
            "{shown}: the baseline is an assessment of questionnaire `{id}`, not `{}`; give an earlier report or session of `{}`",
            q.id,
            q.id
        )
    };
    if text.trim_start().starts_with('{') {
        let (id, version, baseline) = report::baseline_of_json(&text).map_err(|e| anyhow!("{shown}: {e}"))?;
        if id != q.id {
            return Err(other_questionnaire(&id));
        }
        return Ok((baseline, other_version(version)));
    }
    let s = session::parse(&text, &shown.to_string()).map_err(questionnaire::problems_error)?;
    if s.questionnaire != q.id {
        let (theirs, _) = questionnaire_of(path, &s)?;
        if theirs.id != q.id {
            return Err(other_questionnaire(&theirs.id));
        }
    }
    let r = report::build(q, &[SessionInput { file_name: file_name(path), session: &s }], None, "");
    let baseline = crate::narrative::Baseline {
        scores: r.dimensions.iter().map(|d| (d.id.clone(), d.score)).collect(),
        answers: r.answers.iter().map(|a| (a.question.clone(), a.answer.clone())).collect(),
        overall_level: Some(r.overall.level),
        date: s.date.clone(),
    };
    Ok((baseline, other_version(s.questionnaire_version)))
}

pub fn validate(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut all_valid = true;
    for path in paths {
        match questionnaire::load_file(path) {
            Ok(q) => print_out(&format!(
                "{}: valid ({} dimensions, {} questions, levels 0-{})\n",
                one_line(&path.display().to_string()),
                q.dimensions.len(),
                q.question_count(),
                q.highest_level()
            ))?,
            Err(e) => {
                all_valid = false;
                print_err(&e.to_string());
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn list() -> Result<ExitCode> {
    let home = files::home_dir()?;
    // Everything shown comes from files: escape it, one line per entry.
    let shown = |p: &Path| one_line(&p.display().to_string()).into_owned();
    let field = |s: &str, width: usize| format!("{:<width$}", one_line(&excerpt(s, 60)));
    print_out("Built-in questionnaires:\n")?;
    for (id, _) in BUILT_INS {
        if let Some(q) = questionnaire::built_in(id) {
            print_out(&format!("  {id:<20} v{:<3} {:>3} questions  {}\n", q.version, q.question_count(), q.title))?;
        }
    }
    let dir = home.join("questionnaires");
    print_out(&format!("\nUser questionnaires ({}):\n", shown(&dir)))?;
    let user = files::files_in(&dir, &["yaml", "yml"]);
    if user.is_empty() {
        print_out(&format!("  none (run `mlops-maturity init {}` to get copies to customise)\n", shown(&home)))?;
    }
    for path in user {
        match questionnaire::load_file(&path) {
            Ok(q) => print_out(&format!(
                "  {} v{:<3} {:>3} questions  {}\n",
                field(&q.id, 20),
                q.version,
                q.question_count(),
                one_line(&excerpt(&q.title, 120))
            ))?,
            Err(_) => print_out(&format!("  {}  (invalid: run `mlops-maturity validate` on it)\n", shown(&path)))?,
        }
    }
    let sessions = saved_sessions(&home);
    print_out(&format!("\nSaved sessions ({}):\n", shown(&home.join("sessions"))))?;
    if sessions.is_empty() {
        print_out("  none\n")?;
    }
    for s in sessions {
        print_out(&format!(
            "  {} {} {} {:>3}/{:<3} answered  {}\n",
            field(&file_name(&s.path), 28),
            field(s.session.team.as_deref().unwrap_or("-"), 16),
            field(s.session.respondent.as_deref().unwrap_or("-"), 16),
            s.answered,
            s.total,
            one_line(&excerpt(&s.session.questionnaire, 120))
        ))?;
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
            print_out(&format!(
                "kept      {} (already there; delete it to get the built-in again)\n",
                one_line(&path.display().to_string())
            ))?;
            continue;
        }
        let parent = folder_of(&path);
        std::fs::create_dir_all(&parent).map_err(|e| anyhow!("{}: cannot create the folder: {e}", parent.display()))?;
        files::write_atomic(&path, text.as_bytes())?;
        print_out(&format!("wrote     {}\n", one_line(&path.display().to_string())))?;
    }
    print_out(&format!(
        "\nEdit the copies, then check them with `mlops-maturity validate {}/questionnaires/*.yaml`.\n",
        one_line(&dir.display().to_string())
    ))?;
    Ok(ExitCode::SUCCESS)
}
