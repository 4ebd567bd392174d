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

/// What `assess` is asked for (the TUI's own arguments).
pub use crate::tui::AssessArgs;

pub use crate::format::Format;

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
use crate::workspace::{check_baseline, load_baseline, previous_baseline};

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

pub fn assess(args: AssessArgs) -> Result<ExitCode> {
    if args.participants.is_some() && args.from.is_some() {
        bail!(
            "--participants starts a new workshop and --from carries an earlier session's people over: give one of them; for example: mlops-maturity assess --participants \"Ana:engineering,Ben\" --session workshop.yaml"
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

    let mut previous_warning = None;
    let mut from_previous = None;
    let baseline = match &args.baseline {
        Some(path) => {
            let (b, warnings) = load_baseline(path, &q)?;
            Some((check_baseline(path, b, q.highest_level())?, warnings))
        }
        // Without --baseline, a next assessment is compared with the session it came from.
        None => match previous_baseline(&sessions, &q) {
            Some(Ok((path, named, b, warnings))) => {
                read_files.push(path);
                from_previous = Some(named);
                Some((b, warnings))
            }
            Some(Err(why)) => {
                previous_warning = Some(why);
                None
            }
            None => None,
        },
    };
    let inputs: Vec<SessionInput> =
        sessions.iter().map(|(p, s)| SessionInput { file_name: file_name(p), session: s }).collect();
    let mut built = report::build(&q, &inputs, None, &files::today());
    let (owners, owners_warning) = crate::workspace::owners(home().as_deref());
    report::rename_owners(&mut built, &owners);
    built.warnings.extend(owners_warning);
    built.warnings.splice(0..0, repeated);
    if let Some((b, warnings)) = &baseline {
        report::attach_baseline(&mut built, b);
        built.warnings.extend(warnings.iter().cloned());
    }
    built.baseline_previous = from_previous;
    built.warnings.extend(previous_warning);

    let text = match (&args.template, args.format) {
        (Some(template), _) => crate::templates::render_with_file(&built, template)?,
        (None, format) => crate::format::render_report(&built, format)?,
    };
    match &args.output {
        Some(path) => {
            if args.template.is_none() && args.format == Format::Markdown {
                read_files.extend(crate::templates::custom_markdown_template());
            }
            if args.template.is_none() && args.format == Format::Html {
                read_files.extend(crate::templates::custom_html_template());
            }
            read_files.extend(loaded.files());
            let _held = crate::lock::guard_output(path, &read_files)?;
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
    let _held = crate::lock::guard_output(&args.output, &used)?;
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

/// The output formats of `scan`: Markdown and JSON (the command line offers no other).
pub type ScanFormat = Format;

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
        Format::Json => print_out(&(crate::printable::clean_json_text(&outcome) + "\n"))?,
        Format::Html | Format::Csv => bail!("scan writes markdown or json"),
        Format::Markdown => print_for_terminal(&crate::evidence::outcome::render_markdown(&q, &outcome))?,
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
    wanted.push((dir.join("owners.yaml"), crate::workspace::OWNERS_EXAMPLE));
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

/// What `history` is asked for.
#[derive(Debug, Clone)]
pub struct HistoryArgs {
    pub inputs: Vec<PathBuf>,
    pub team: Option<String>,
    /// Markdown, JSON or HTML.
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// `history`: one team's assessments in date order and what changed between them. Several
/// teams without `--team` is a usage error (exit 2) listing them; an unknown team exits 1.
pub fn history(args: HistoryArgs) -> Result<ExitCode> {
    use crate::history::{self, Choice};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let today = files::today();
    let TeamInputs { qs, which, inputs, used, warnings } = read_team_inputs(&args.inputs, &today, threads)?;
    let built = match history::build(&qs, &which, &inputs, args.team.as_deref(), warnings, &today) {
        Ok(h) => h,
        Err(Choice::SeveralTeams(teams)) => {
            print_err(&format!(
                "mlops-maturity: the inputs hold {} teams; pick one with --team: {}",
                teams.len(),
                quoted_list(&teams)
            ));
            return Ok(ExitCode::from(2));
        }
        Err(Choice::UnknownTeam(teams)) => bail!(
            "no team `{}` in the inputs; the teams are: {}",
            excerpt(args.team.as_deref().unwrap_or_default(), 80),
            quoted_list(&teams)
        ),
    };
    for w in built.warnings.iter().take(20) {
        print_err(&format!("mlops-maturity: warning: {}", one_line(w)));
    }
    let text = match args.format {
        Format::Json => history::to_json(&built),
        Format::Html => history::render_html(&built),
        Format::Markdown | Format::Csv => history::render_markdown(&built),
    };
    match &args.output {
        Some(path) => {
            let _held = crate::lock::guard_output(path, &used)?;
            files::write_atomic(path, text.as_bytes())?
        }
        None => print_for_terminal(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Names for a message: each quoted and cut short, at most 20 of them, then how many more.
fn quoted_list(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(20).map(|n| format!("`{}`", excerpt(n, 60))).collect();
    if names.len() > 20 {
        shown.push(format!("and {} more", names.len() - 20));
    }
    shown.join(", ")
}

/// The output formats of `portfolio`: every report format.
pub type PortfolioFormat = Format;

#[derive(Debug, Clone)]
pub struct PortfolioArgs {
    /// Session files, workshop sessions, JSON reports, or folders of them.
    pub inputs: Vec<PathBuf>,
    pub format: PortfolioFormat,
    pub output: Option<PathBuf>,
}

/// One file of a portfolio's inputs, read: an assessment, or a questionnaire that sessions
/// beside it may name.
enum PortfolioRead {
    Input(Box<crate::portfolio::Input>),
    Questionnaire(Box<Questionnaire>),
}

/// Reads one portfolio input: a JSON report (`.json`, or text starting with `{`), a
/// questionnaire (a YAML mapping with `dimensions` or `levels` and no session key), or a session.
fn read_portfolio_input(path: &Path) -> std::result::Result<PortfolioRead, String> {
    use crate::portfolio::{Input, InputKind};
    let shown = path.display().to_string();
    let text = files::read_text(path).map_err(|e| format!("{e:#}"))?;
    let is_json =
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
    let kind = if is_json {
        InputKind::Report(crate::portfolio::parse_json_report(&text).map_err(|e| format!("{shown}: {e}"))?)
    } else if crate::yaml::has_top_level_key(&text, &["dimensions", "levels"])
        && !crate::yaml::has_top_level_key(&text, &["format", "answers", "participants"])
    {
        let q = questionnaire::parse(&text, &shown).map_err(|problems| first_problems(&problems))?;
        return Ok(PortfolioRead::Questionnaire(Box::new(q)));
    } else {
        InputKind::Session(session::parse(&text, &shown).map_err(|problems| first_problems(&problems))?)
    };
    Ok(PortfolioRead::Input(Box::new(Input { path: shown, file_name: file_name(path), kind })))
}

/// One warning line of a file's problems: the first few, then how many more.
fn first_problems(problems: &[questionnaire::Problem]) -> String {
    const SHOWN: usize = 5;
    let mut some: Vec<String> = problems.iter().take(SHOWN).map(ToString::to_string).collect();
    if problems.len() > SHOWN {
        some.push(format!("and {} more problems", problems.len() - SHOWN));
    }
    some.join("; ")
}

/// Reads the inputs on a few threads (parsing YAML is most of a large portfolio's time),
/// keeping their order.
fn read_portfolio_inputs(paths: &[PathBuf], threads: usize) -> Vec<std::result::Result<PortfolioRead, String>> {
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

/// The index of `q` in `qs` (the same id and version), added when missing.
fn index_of(qs: &mut Vec<Questionnaire>, q: &Questionnaire) -> usize {
    match qs.iter().position(|known| known.id == q.id && known.version == q.version) {
        Some(i) => i,
        None => {
            qs.push(q.clone());
            qs.len() - 1
        }
    }
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

/// The inputs of a portfolio or a history, read: each assessment input with the index of its
/// questionnaire in `qs`, the files read (which `-o` must not replace), and the warnings.
struct TeamInputs {
    qs: Vec<Questionnaire>,
    which: Vec<usize>,
    inputs: Vec<crate::portfolio::Input>,
    used: Vec<PathBuf>,
    warnings: Vec<String>,
}

/// Reads the files and folders given to `portfolio` or `history`; exit 1 when no team can be
/// read from them.
fn read_team_inputs(given: &[PathBuf], today: &str, threads: usize) -> Result<TeamInputs> {
    use crate::portfolio::{self, InputKind};
    let mut warnings = Vec::new();
    let paths = portfolio_files(given, &mut warnings);
    // Questionnaire files among the inputs come first: sessions beside them may name them.
    let reads = read_portfolio_inputs(&paths, threads);
    let mut qs: Vec<Questionnaire> = Vec::new();
    let mut used: Vec<PathBuf> = Vec::new();
    let mut read_inputs = Vec::new();
    for (path, read) in paths.iter().zip(reads) {
        match read {
            Ok(PortfolioRead::Questionnaire(q)) => {
                used.push(path.clone());
                index_of(&mut qs, &q);
            }
            Ok(PortfolioRead::Input(input)) => read_inputs.push((path, *input)),
            Err(why) => warnings.push(format!("skipped {why}")),
        }
    }
    let given = qs.len();
    // Sessions find their questionnaire as a report of them would; then each JSON report is
    // read with the questionnaire of its id that the other inputs load, else found as a
    // session's would be.
    let mut questionnaires = SessionQuestionnaires::default();
    let mut found: Vec<Option<usize>> = Vec::with_capacity(read_inputs.len());
    for (path, input) in &read_inputs {
        found.push(match &input.kind {
            InputKind::Session(s) => match questionnaires.of(path, s) {
                Ok(q) => Some(index_of(&mut qs, q)),
                Err(why) => match qs[..given].iter().position(|q| q.id == s.questionnaire) {
                    Some(i) => Some(i),
                    None => {
                        warnings.push(format!("skipped {why:#}"));
                        None
                    }
                },
            },
            InputKind::Report(_) => None,
        });
    }
    let mut inputs = Vec::new();
    let mut which = Vec::new();
    for ((path, input), found) in read_inputs.into_iter().zip(found) {
        let q = match (&input.kind, found) {
            (_, Some(q)) => q,
            (InputKind::Report(r), None) => {
                let id = &r.questionnaire.id;
                let same_id = |q: &&Questionnaire| q.id == *id;
                let exact = qs.iter().position(|q| same_id(&q) && Some(q.version) == r.questionnaire.version);
                match exact.or_else(|| qs.iter().position(|q| same_id(&q))) {
                    Some(q) => q,
                    None => match questionnaires.of(path, &Session::new(id)) {
                        Ok(q) => index_of(&mut qs, q),
                        Err(why) => {
                            warnings.push(format!("skipped {why:#}"));
                            continue;
                        }
                    },
                }
            }
            (InputKind::Session(_), None) => continue,
        };
        if let Err(why) = portfolio::check_input(&qs[q], &input, today) {
            warnings.push(why);
            continue;
        }
        inputs.push(input);
        which.push(q);
    }
    if inputs.is_empty() {
        for w in &warnings {
            print_err(&format!("mlops-maturity: warning: {}", one_line(w)));
        }
        bail!(
            "no team could be read from the inputs given; give session files, workshop sessions or JSON reports (or folders of them)"
        );
    }

    // Only files actually read are protected from -o: a skipped one (such as the previous
    // portfolio written into the same folder) may be replaced.
    used.extend(inputs.iter().map(|i| PathBuf::from(&i.path)));
    used.extend(questionnaires.files());
    Ok(TeamInputs { qs, which, inputs, used, warnings })
}

pub fn portfolio(args: PortfolioArgs) -> Result<ExitCode> {
    use crate::portfolio;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let today = files::today();
    let TeamInputs { qs, which, inputs, used, warnings } = read_team_inputs(&args.inputs, &today, threads)?;
    let built = portfolio::build_many(&qs, &which, &inputs, warnings, &today, threads);
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
            let _held = crate::lock::guard_output(path, &used)?;
            files::write_atomic(path, text.as_bytes())?
        }
        None => print_for_terminal(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
