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
    /// `"Ana:engineering,Ben:data-science,Cy"`: a new session file becomes a workshop session.
    pub participants: Option<String>,
    /// Start the next assessment from this earlier session (`--from`).
    pub from: Option<PathBuf>,
    /// Repositories to scan before the questions start (`--scan`), recorded in the session.
    pub scan: Vec<PathBuf>,
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
    if args.participants.is_some() && (args.session.is_none() || args.from.is_some()) {
        bail!(
            "--participants needs --session FILE (the workshop session to create or resume) and no --from; for example: mlops-maturity assess --participants \"Ana:engineering,Ben\" --session workshop.yaml"
        );
    }
    crate::tui::run(args)
}

pub fn report(args: ReportArgs) -> Result<ExitCode> {
    let (paths, repeated) = distinct_paths(&args.sessions);
    let sessions: Vec<(PathBuf, Session)> =
        paths.iter().map(|p| Ok((p.clone(), session::load(p)?))).collect::<Result<_>>()?;
    refuse_workshop_with_others(&sessions)?;

    // Every file the report reads: `-o` must not name one of them.
    let mut read_files: Vec<PathBuf> = args.sessions.clone();
    read_files.extend(args.template.iter().cloned());
    read_files.extend(args.baseline.iter().cloned());
    // The sessions' own questionnaires, each loaded once; their files count as inputs too.
    let mut loaded = SessionQuestionnaires::default();
    let q = match &args.questionnaire {
        Some(spec) => {
            let (q, source) = questionnaire::resolve(spec, Path::new("."), home().as_deref())?;
            if let Source::File(path) = source {
                read_files.push(path);
            }
            q
        }
        None => {
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
    built.warnings.splice(0..0, repeated);
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
            if args.template.is_none() && args.format == Format::Html {
                read_files.extend(custom_html_template());
            }
            read_files.extend(loaded.files());
            let _held = guard_output(path, &read_files)?;
            files::write_atomic(path, text.as_bytes())?
        }
        None => print_for_terminal(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The paths with repeats of the same file (by device and inode: a link, hard or symbolic, is the
/// same file) left out, and a warning for each.
fn distinct_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let keys: Vec<files::FileKey> = paths.iter().map(|p| files::file_key(p)).collect();
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let (kept, warnings) = crate::workshop::distinct_files(&keys, &shown);
    (kept.into_iter().map(|i| paths[i].clone()).collect(), warnings)
}

/// A workshop session is reported on its own: its participants already are the group.
fn refuse_workshop_with_others(sessions: &[(PathBuf, Session)]) -> Result<()> {
    if sessions.len() > 1
        && let Some((path, _)) = sessions.iter().find(|(_, s)| crate::workshop::is_workshop(s))
    {
        bail!(
            "{} is a workshop session and is reported on its own: run `mlops-maturity report {}` without other files (to add someone, add them as a participant)",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

#[derive(Debug, Clone)]
pub struct MergeArgs {
    pub sessions: Vec<PathBuf>,
    pub output: PathBuf,
    /// Replace an existing output file (keeping `FILE.bak`).
    pub force: bool,
}

/// `merge`: separate sessions (pre-work) into one workshop session file, written atomically.
pub fn merge(args: MergeArgs) -> Result<ExitCode> {
    let (paths, repeated) = distinct_paths(&args.sessions);
    for w in &repeated {
        print_err(&format!("warning: {w}"));
    }
    if let Some(p) = paths.iter().find(|p| files::same_file(p, &args.output)) {
        bail!(
            "{}: is one of the sessions to merge; give another output file with -o so the input stays as it is",
            p.display()
        );
    }
    if !args.force && std::fs::metadata(&args.output).is_ok_and(|m| m.is_file()) {
        bail!(
            "{}: the file exists (it may hold a workshop's agreed answers); give another output file, or add --force to replace it (its content is then kept as {}.bak)",
            args.output.display(),
            args.output.display()
        );
    }
    let sessions: Vec<(PathBuf, Session)> =
        paths.iter().map(|p| Ok((p.clone(), session::load(p)?))).collect::<Result<_>>()?;
    if let Some((path, _)) = sessions.iter().find(|(_, s)| crate::workshop::is_workshop(s)) {
        bail!("{} is a workshop session already: merge takes separate sessions (one respondent each)", path.display());
    }
    let (first_path, first) = sessions.first().ok_or_else(|| anyhow!("no session given"))?;
    let mut loaded = SessionQuestionnaires::default();
    let q = loaded.of(first_path, first)?.clone();
    for (path, s) in &sessions[1..] {
        let id = &loaded.of(path, s)?.id;
        if *id != q.id {
            bail!(
                "{} uses questionnaire `{}` but {} uses `{id}`: only sessions of the same questionnaire can be merged",
                first_path.display(),
                q.id,
                path.display(),
            );
        }
    }
    // A questionnaire given by path is relative to the first session's folder; the new file
    // may be elsewhere, so it names the questionnaire by its full path.
    let spec = match questionnaire_of(first_path, first)?.1 {
        crate::questionnaire::Source::File(path) if questionnaire_is_path(&first.questionnaire) => {
            std::fs::canonicalize(&path).unwrap_or(path).display().to_string()
        }
        _ => first.questionnaire.clone(),
    };
    let names: Vec<String> = sessions.iter().map(|(p, _)| file_name(p)).collect();
    let inputs: Vec<(&Session, &str)> = sessions.iter().zip(&names).map(|((_, s), n)| (s, n.as_str())).collect();
    let (merged, warnings) = crate::workshop::merge_sessions(&q, &spec, &inputs);
    for w in &warnings {
        print_err(&format!("warning: {w}"));
    }
    let yaml = merged.to_yaml();
    // A file the app could not read back is no use to the workshop.
    if yaml.len() as u64 > files::MAX_INPUT_BYTES {
        bail!(
            "{}: the merged session would be {}, over the {} MiB limit that sessions are read with; merge fewer or shorter sessions",
            args.output.display(),
            files::mib(yaml.len() as u64),
            files::MAX_INPUT_BYTES / (1024 * 1024)
        );
    }
    let mut used: Vec<PathBuf> = paths.clone();
    used.extend(loaded.files());
    let _held = guard_output(&args.output, &used)?;
    if args.force {
        files::write_with_backup(&args.output, yaml.as_bytes())?;
    } else {
        files::write_atomic(&args.output, yaml.as_bytes())?;
    }
    let people: Vec<&str> = merged.participants.iter().flatten().map(|p| p.name.as_str()).collect();
    print_out(&crate::printable::cap_lines(
        &format!(
            "wrote {}: a workshop session of {} participant{} ({}); report it with `mlops-maturity report {}`\n",
            args.output.display(),
            people.len(),
            if people.len() == 1 { "" } else { "s" },
            people.join(", "),
            args.output.display()
        ),
        2000,
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether a session's `questionnaire` names a file rather than an id (as `resolve` decides).
fn questionnaire_is_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".yaml") || spec.ends_with(".yml")
}

/// Makes `-o FILE` safe to write: refuses a file that one of the inputs uses, and holds the
/// session lock of FILE (refusing it when another process has it open as a session) until the
/// returned guard is dropped, after the write.
pub fn guard_output(output: &Path, inputs: &[PathBuf]) -> Result<Option<crate::lock::SessionLock>> {
    refuse_output_over_input(output, inputs)?;
    crate::lock::SessionLock::for_output(output)
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
            "{}: dimension `{}` has the score {}, but scores go from 0 to {highest}; give a report of the same questionnaire",
            path.display(),
            crate::printable::excerpt(id, 40),
            crate::printable::number(*score)
        );
    }
    if let Some(level) = baseline.overall_level.filter(|l| *l > highest) {
        bail!("{}: the overall level {level} is above this questionnaire's highest level {highest}", path.display());
    }
    Ok(baseline)
}

/// Writes a report to standard output; on a terminal, anything a custom template copied raw
/// from a file is shown escaped, never obeyed.
fn print_for_terminal(text: &str) -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() { print_out(&crate::printable::printable(text)) } else { print_out(text) }
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

/// The user's Markdown template, when `init` put one to customise in the user folder.
fn custom_markdown_template() -> Option<PathBuf> {
    let custom = home()?.join("templates").join(report::DEFAULT_TEMPLATE_NAME);
    custom.is_file().then_some(custom)
}

/// The user's HTML template, when `init` put one to customise in the user folder.
fn custom_html_template() -> Option<PathBuf> {
    let custom = home()?.join("templates").join(export::HTML_TEMPLATE_NAME);
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
    match custom_html_template() {
        Some(custom) => render_with_file(built, &custom),
        None => Ok(export::render_html(built)),
    }
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
        let (id, version, mut baseline) = report::baseline_of_json(&text).map_err(|e| anyhow!("{shown}: {e}"))?;
        if id != q.id {
            return Err(other_questionnaire(&id));
        }
        // A report of an earlier version names questions by their old ids: read them as the
        // questions that replace them, as for a session.
        for (_, question) in q.questions() {
            if !baseline.answers.contains_key(&question.id)
                && let Some(old) = question.replaces.iter().find_map(|old| baseline.answers.get(old).cloned())
            {
                baseline.answers.insert(question.id.clone(), old);
            }
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
        version: s.questionnaire_version,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone)]
pub struct ScanArgs {
    pub paths: Vec<PathBuf>,
    /// Record the result in this session (under its lock; answers are never changed).
    pub session: Option<PathBuf>,
    pub questionnaire: Option<String>,
    pub format: ScanFormat,
}

/// `scan PATH...`: evidence from repositories (DESIGN "Evidence from repositories").
pub fn scan(args: ScanArgs) -> Result<ExitCode> {
    let lock = match &args.session {
        Some(path) => {
            if !path.is_file() {
                bail!("{}: no such session file; give an existing session to record the scan in", path.display());
            }
            Some(crate::lock::SessionLock::acquire(path)?)
        }
        None => None,
    };
    let loaded = args.session.as_ref().map(|p| Ok::<_, anyhow::Error>((p, session::load(p)?))).transpose()?;
    let q = match (&args.questionnaire, &loaded) {
        (Some(spec), _) => questionnaire::resolve(spec, Path::new("."), home().as_deref())?.0,
        (None, Some((path, s))) => questionnaire_of(path, s)?.0,
        (None, None) => questionnaire::resolve(crate::tui::DEFAULT_QUESTIONNAIRE, Path::new("."), home().as_deref())?.0,
    };
    let today = files::today();
    let (outcome, notes) = crate::evidence::scan_questionnaire(&q, &args.paths, &today)?;
    for note in notes {
        print_err(&format!("mlops-maturity: scan: {note}"));
    }
    if let Some((path, mut s)) = loaded {
        s.scan = Some(Box::new(outcome.scan.clone()));
        // The app writes the day of the last change on every save (DESIGN "Session file").
        s.date = Some(today);
        session::save(path, &s)?;
    }
    drop(lock);
    match args.format {
        ScanFormat::Json => print_out(&(crate::printable::clean_json_text(&outcome) + "\n"))?,
        ScanFormat::Markdown => print_for_terminal(&crate::evidence::outcome::render_markdown(&q, &outcome))?,
    }
    Ok(ExitCode::SUCCESS)
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

/// The output formats of `portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioFormat {
    Markdown,
    Json,
    Html,
    Csv,
}

#[derive(Debug, Clone)]
pub struct PortfolioArgs {
    /// Session files, workshop sessions, JSON reports, or folders of them.
    pub inputs: Vec<PathBuf>,
    pub format: PortfolioFormat,
    pub output: Option<PathBuf>,
}

/// Reads one portfolio input: a JSON report (`.json`, or text starting with `{`) or a session.
fn read_portfolio_input(path: &Path) -> std::result::Result<crate::portfolio::Input, String> {
    use crate::portfolio::{Input, InputKind};
    let shown = path.display().to_string();
    let text = files::read_text(path).map_err(|e| format!("{e:#}"))?;
    let is_json =
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
    let kind = if is_json {
        InputKind::Report(crate::portfolio::parse_json_report(&text).map_err(|e| format!("{shown}: {e}"))?)
    } else {
        let session = session::parse(&text, &shown).map_err(|problems| {
            // One warning line: the first few problems, then how many more.
            const SHOWN: usize = 5;
            let mut some: Vec<String> = problems.iter().take(SHOWN).map(ToString::to_string).collect();
            if problems.len() > SHOWN {
                some.push(format!("and {} more problems", problems.len() - SHOWN));
            }
            some.join("; ")
        })?;
        InputKind::Session(session)
    };
    Ok(Input { path: shown, file_name: file_name(path), kind })
}

/// Reads the inputs on a few threads (parsing YAML is most of a large portfolio's time),
/// keeping their order.
fn read_portfolio_inputs(
    paths: &[PathBuf],
    threads: usize,
) -> Vec<std::result::Result<crate::portfolio::Input, String>> {
    if threads <= 1 || paths.len() < 64 {
        return paths.iter().map(|p| read_portfolio_input(p)).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(|p| read_portfolio_input(p)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("reading a file does not panic")).collect()
    })
}

/// The files a portfolio reads: each file given, and every .yaml, .yml and .json file directly
/// inside each folder given; the same file twice counts once.
fn portfolio_files(inputs: &[PathBuf], warnings: &mut Vec<String>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for input in inputs {
        let found = if input.is_dir() {
            match std::fs::read_dir(input) {
                Err(e) => {
                    warnings.push(format!("{}: cannot read the folder: {}", input.display(), files::io_reason(&e)));
                    Vec::new()
                }
                Ok(_) => {
                    let inside = files::files_in(input, &["yaml", "yml", "json"]);
                    warnings.extend(files::not_regular_in(input, &["yaml", "yml", "json"]));
                    if inside.is_empty() {
                        warnings.push(format!("{}: the folder holds no .yaml, .yml or .json file", input.display()));
                    }
                    inside
                }
            }
        } else {
            vec![input.clone()]
        };
        for path in found {
            if seen.insert(files::file_key(&path)) {
                out.push(path);
            } else {
                warnings.push(format!("{}: given twice; counted once", path.display()));
            }
        }
    }
    out
}

pub fn portfolio(args: PortfolioArgs) -> Result<ExitCode> {
    use crate::portfolio::{self, InputKind};
    let mut warnings = Vec::new();
    let paths = portfolio_files(&args.inputs, &mut warnings);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let today = files::today();

    // Every input must be of one questionnaire; the first one read decides which.
    let mut questionnaires = SessionQuestionnaires::default();
    let mut chosen: Option<(Questionnaire, String)> = None;
    let mut inputs = Vec::new();
    for (path, read) in paths.iter().zip(read_portfolio_inputs(&paths, threads)) {
        let input = match read {
            Ok(input) => input,
            Err(why) => {
                warnings.push(format!("skipped {why}"));
                continue;
            }
        };
        // A report names its questionnaire by id: found like a session's that names the id.
        let named = match &input.kind {
            InputKind::Session(s) => questionnaires.of(path, s),
            InputKind::Report(r) => questionnaires.of(path, &Session::new(&r.questionnaire.id)),
        };
        let q = match named {
            Ok(q) => q,
            Err(why) => {
                warnings.push(format!("skipped {why:#}"));
                continue;
            }
        };
        if let Err(why) = crate::portfolio::check_input(q, &input, &today) {
            warnings.push(why);
            continue;
        }
        match &chosen {
            None => chosen = Some((q.clone(), input.path.clone())),
            Some((first, first_path)) if first.id != q.id => bail!(
                "{first_path} is an assessment of questionnaire `{}` but {} is of `{}`: a portfolio compares teams on one questionnaire; give the files of one questionnaire",
                first.id,
                input.path,
                q.id
            ),
            Some(_) => {}
        }
        inputs.push(input);
    }
    let Some((q, _)) = chosen else {
        for w in &warnings {
            print_err(&format!("mlops-maturity: warning: {}", one_line(w)));
        }
        bail!(
            "no team could be read from the inputs given; give session files, workshop sessions or JSON reports (or folders of them)"
        );
    };

    // Only files actually read are protected from -o: a skipped one (such as the previous
    // portfolio written into the same folder) may be replaced.
    let mut used: Vec<PathBuf> = inputs.iter().map(|i| PathBuf::from(&i.path)).collect();
    used.extend(questionnaires.files());
    let built = portfolio::build(&q, &inputs, warnings, &today, threads);
    drop(inputs);
    // A thousand files can bring thousands of warnings: show the first ones, count the rest.
    const SHOWN: usize = 20;
    for w in built.warnings.iter().take(SHOWN) {
        print_err(&format!("mlops-maturity: warning: {}", one_line(w)));
    }
    if built.warnings.len() > SHOWN {
        print_err(&format!(
            "mlops-maturity: and {} more warnings; `--format json` lists them all",
            built.warnings.len() - SHOWN
        ));
    }
    let text: String = match args.format {
        PortfolioFormat::Markdown => portfolio::render_markdown(&built),
        PortfolioFormat::Json => portfolio::to_json(&built),
        PortfolioFormat::Html => portfolio::render_html(&built),
        PortfolioFormat::Csv => portfolio::to_csv(&built),
    };
    // Team names and notes come from untrusted files: every format was cleaned of control
    // characters; on a terminal, what is left is shown escaped too.
    match &args.output {
        Some(path) => {
            let _held = guard_output(path, &used)?;
            files::write_atomic(path, text.as_bytes())?
        }
        None => print_for_terminal(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
