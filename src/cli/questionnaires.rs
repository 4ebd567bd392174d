//! `validate`, `list` and `init`: checking questionnaire files, listing what is there, and
//! writing the built-ins out to customise.

use super::inputs::*;
use super::output::*;
use crate::export;
use crate::files::{self, folder_of};
use crate::printable::{excerpt, one_line};
use crate::questionnaire::{self, BUILT_INS};
use crate::report::{self};
use crate::workspace::saved_sessions;
use anyhow::{Result, anyhow};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `validate`: checks questionnaire files and prints every problem of each; exit 0 when all are
/// valid, 1 when one is not.
pub fn validate(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut all_valid = true;
    for path in paths {
        match crate::workspace::load_file(path) {
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

/// `list`: the built-in and user questionnaires, and the saved sessions.
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
        match crate::workspace::load_file(&path) {
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
    // The file names' column is as wide as the longest (up to 60): the columns stay in line.
    let name_width = sessions.iter().map(|s| one_line(&excerpt(&file_name(&s.path), 60)).chars().count()).max();
    let name_width = name_width.unwrap_or(0).max(28);
    for s in sessions {
        // A workshop's count is of agreed answers: votes alone are not its answer yet.
        let counted = if s.session.participants.is_some() { "agreed" } else { "answered" };
        print_out(&format!(
            "  {} {} {} {:>3}/{:<3} {counted:<8}  {}\n",
            field(&file_name(&s.path), name_width),
            field(s.session.team.as_deref().unwrap_or("-"), 16),
            field(s.session.answered_by().as_deref().unwrap_or("-"), 16),
            s.answered,
            s.total,
            one_line(&excerpt(&s.session.questionnaire, 120))
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `init DIR`: writes the built-in questionnaires, report templates and an example `owners.yaml`
/// under `DIR` to customise; files already there are kept.
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
