//! `report`: score one session or merge several, and write the report in a format.

use super::inputs::*;
use super::output::*;
use crate::files;
use crate::questionnaire::Questionnaire;
use crate::report::{self, SessionInput};
use crate::session::Session;
use crate::workspace::Source;
use crate::workspace::{SessionQuestionnaires, check_baseline, home, load_baseline, previous_baseline};
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::Format;

/// What `report` is asked for.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// One session, one workshop session, or several sessions to merge.
    pub sessions: Vec<PathBuf>,
    /// `-q`: a questionnaire id or path that overrides the sessions' own.
    pub questionnaire: Option<String>,
    /// Markdown, JSON, HTML or CSV.
    pub format: Format,
    /// `--template FILE`: a Tera template to render the report with instead of the built-in.
    pub template: Option<PathBuf>,
    /// `-o FILE`: write there instead of stdout.
    pub output: Option<PathBuf>,
    /// `--baseline FILE`: an earlier session, workshop session or JSON report to compare with.
    pub baseline: Option<PathBuf>,
}

/// `report`: scores the sessions and writes the report in the format asked for, to stdout or `-o
/// FILE`.
pub fn report(args: ReportArgs) -> Result<ExitCode> {
    let (paths, repeated) = distinct_paths(&args.sessions);
    let sessions: Vec<(PathBuf, Session)> =
        paths.iter().map(|p| Ok((p.clone(), super::inputs::load_session(p)?))).collect::<Result<_>>()?;
    refuse_workshop_with_others(&sessions)?;

    // Every file the report reads: `-o` must not name one of them.
    let mut read_files: Vec<PathBuf> = args.sessions.clone();
    read_files.extend(args.template.iter().cloned());
    read_files.extend(args.baseline.iter().cloned());
    // The sessions' own questionnaires, each loaded once; their files count as inputs too.
    let mut loaded = SessionQuestionnaires::default();
    let q = questionnaire_for(&args, &sessions, &mut loaded, &mut read_files)?;

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
    let home = home();
    let (owners, owners_warning) = crate::workspace::owners(home.as_deref());
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
        (None, format) => crate::format::render_report(&built, format, home.as_deref())?,
    };
    if args.output.is_some() {
        // The user's own built-in-format template is read too, so `-o` must not name it.
        let own = match (&args.template, args.format) {
            (None, Format::Markdown) => Some(crate::templates::DEFAULT_TEMPLATE_NAME),
            (None, Format::Html) => Some(crate::templates::HTML_TEMPLATE_NAME),
            _ => None,
        };
        read_files.extend(own.and_then(|name| crate::templates::custom_template(home.as_deref(), name)));
        read_files.extend(loaded.files());
    }
    // What `--template` writes is the template's own format: `-o`'s extension is not checked.
    write_or_print(args.output.as_deref(), &text, &read_files, args.template.is_none().then_some(args.format))?;
    Ok(ExitCode::SUCCESS)
}

/// The questionnaire the report uses: `-q`'s, or the sessions' own (the same for all of them).
/// Its file, when it has one, joins the files `-o` must not name.
fn questionnaire_for(
    args: &ReportArgs,
    sessions: &[(PathBuf, Session)],
    loaded: &mut SessionQuestionnaires,
    read_files: &mut Vec<PathBuf>,
) -> Result<Questionnaire> {
    Ok(match &args.questionnaire {
        Some(spec) => {
            let (q, source) = crate::workspace::resolve(spec, Path::new("."), home().as_deref())?;
            if let Source::File(path) = source {
                read_files.push(path);
            }
            q
        }
        None => {
            let mut first: Option<(String, &Path)> = None;
            for (path, s) in sessions {
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
    })
}
