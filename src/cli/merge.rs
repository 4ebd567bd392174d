//! `merge`: separate sessions (pre-work) into one workshop session file.

use super::inputs::*;
use super::output::*;
use crate::files;
use crate::session::Session;
use crate::workspace::{SessionQuestionnaires, questionnaire_of};
use anyhow::{Result, anyhow, bail};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `merge` is asked for.
#[derive(Debug, Clone)]
pub struct MergeArgs {
    /// The separate sessions to merge, in order (their respondents become the participants).
    pub sessions: Vec<PathBuf>,
    /// `-o FILE`: the workshop session to write.
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
        paths.iter().map(|p| Ok((p.clone(), super::inputs::load_session(p)?))).collect::<Result<_>>()?;
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
        crate::workspace::Source::File(path) if questionnaire_is_path(&first.questionnaire) => {
            files::resolved_path(&path).display().to_string()
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
