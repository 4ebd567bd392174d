//! Exporting the open session's report from the results screen: the report with the owners'
//! names, written beside the session file under the output guard.

use super::app::{ExportFormat, Model};
use crate::{files, report, workspace};
use anyhow::{Context as _, Result};
use std::path::PathBuf;

/// Writes the open session's report as `format` beside the session (`team-report.md`) and
/// returns where.
pub(crate) fn export(model: &Model, format: ExportFormat) -> Result<PathBuf> {
    let a = model.assessment.as_ref().context("no session is open")?;
    let mut report = a.report.clone();
    let home = workspace::home();
    let (owners, owners_warning) = workspace::owners(home.as_deref());
    report::rename_owners(&mut report, &owners);
    report.warnings.extend(owners_warning);
    let stem = a.path.file_stem().map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let (ext, text) = (format.extension(), crate::format::render_report(&report, format, home.as_deref())?);
    let path = a.path.with_file_name(format!("{stem}-report.{ext}"));
    let mut inputs = vec![a.path.clone()];
    if let Ok((_, crate::workspace::Source::File(q))) = workspace::questionnaire_of(&a.path, &a.session) {
        inputs.push(q);
    }
    let _held = crate::lock::guard_output(&path, &inputs)?;
    files::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}
