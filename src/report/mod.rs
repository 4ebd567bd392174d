//! The report: one `Report` struct that is the JSON output, the template context and what the
//! TUI's results screen shows — built in one place, from a questionnaire and its sessions.
//!
//! Building is pure (no clock, no files: the shell passes the date and file names in); rendering
//! goes through Tera with a few filters that keep free text from breaking Markdown tables.

mod baseline;
mod build;
pub(crate) mod json;
mod milestone;
mod model;
pub(crate) mod narrative;
mod words;

pub(crate) use baseline::{attach_baseline, baseline_of_json};
pub use build::build;
pub use model::*;

use indexmap::IndexMap;

/// The Markdown template compiled into the binary.
pub(crate) use crate::templates::{DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_NAME};

/// The report as pretty JSON.
pub fn to_json(report: &Report) -> String {
    crate::printable::clean_json_text(report)
}

pub use crate::templates::escape_markdown_code;
pub(crate) use crate::templates::{note_lines, text_bar};

/// Renders a report through a Tera template; `name` decides autoescaping (.html is escaped).
pub(crate) fn render(report: &Report, name: &str, template: &str) -> Result<String, String> {
    crate::templates::render(report, name, template)
}

/// How the organisation names the questionnaire's owner roles (a user's `owners.yaml`): keys
/// are matched ignoring case and surrounding spaces.
pub(crate) type Owners = IndexMap<String, String>;

/// The report with every action's owner renamed as the organisation names it, in every place a
/// format shows it (roadmap, next milestone, for the bottleneck); unknown owners stay as they are.
pub(crate) fn rename_owners(report: &mut Report, owners: &Owners) {
    if owners.is_empty() {
        return;
    }
    let lookup = |name: &str| {
        owners.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(name.trim())).map(|(_, v)| v.trim().to_owned())
    };
    let rename = |a: &mut Action| {
        if let Some(new) = a.owner.as_deref().and_then(lookup) {
            a.owner = Some(new);
        }
    };
    report.roadmap.iter_mut().flat_map(|p| p.actions.iter_mut()).for_each(rename);
    report.next_milestone.iter_mut().flat_map(|m| m.actions.iter_mut()).for_each(rename);
    report.for_bottleneck.iter_mut().for_each(rename);
}

/// The Markdown report with the built-in template.
pub fn render_markdown(report: &Report) -> String {
    render(report, DEFAULT_TEMPLATE_NAME, DEFAULT_TEMPLATE).expect("the built-in template is tested")
}

#[cfg(test)]
mod tests;
