//! The output formats: one enum for the command line (clap), the commands and the TUI's exports.
//!
//! Not every command writes every format: `history` writes no CSV and `scan` only Markdown and
//! JSON. The command line offers each command its own list ([`Format::only`]), so a format a
//! command cannot write is refused by clap with the list of those it can.

use crate::report::{self, Report};
use anyhow::Result;
use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::path::Path;

/// A file format a report, portfolio, history or scan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown, to read or to paste into a wiki (the default).
    Markdown,
    /// The data, for other tools.
    Json,
    /// One self-contained HTML page, to mail or to print.
    Html,
    /// Rows for a spreadsheet or an issue tracker.
    Csv,
}

impl Format {
    /// The file extension an export in this format gets.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }

    /// A clap value parser that accepts only `allowed` (by their lower-case names) and lists
    /// them when the user gives another.
    pub fn only(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(allowed.iter().filter_map(ValueEnum::to_possible_value))
            .try_map(|name| Format::from_str(&name, false))
    }
}

/// The warning for `-o FILE` whose extension names another format than the one written
/// (`report.html` without `--format html` gets Markdown): `None` when they agree or the extension
/// names no format.
pub(crate) fn extension_mismatch(path: &Path, format: Format) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let named = match ext.as_str() {
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        "html" | "htm" => Format::Html,
        "csv" => Format::Csv,
        _ => return None,
    };
    let name = |f: Format| f.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
    let label = |f: Format| match f {
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Html => "HTML",
        Format::Csv => "CSV",
    };
    (named != format).then(|| {
        format!(
            "{}: written as {}, though its name ends in .{ext}; add `--format {}` to write {}",
            path.display(),
            label(format),
            name(named),
            label(named)
        )
    })
}

/// A report written in `format`: the built-in (or the user's) Markdown and HTML templates, the
/// JSON data, or the roadmap as CSV. The one place the report's formats are told apart, for the
/// `report` command and the TUI's exports alike. `home` is the user folder, whose `templates/`
/// may hold the user's own Markdown and HTML templates.
pub(crate) fn render_report(built: &Report, format: Format, home: Option<&Path>) -> Result<String> {
    Ok(match format {
        Format::Markdown => crate::templates::render_markdown(built, home)?,
        Format::Json => report::to_json(built),
        Format::Html => crate::templates::render_html(built, home)?,
        Format::Csv => crate::export::roadmap_csv(built),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_name_of_another_format_is_warned_about() {
        let warn = extension_mismatch(Path::new("out/r.HTML"), Format::Markdown).unwrap();
        assert_eq!(
            warn,
            "out/r.HTML: written as Markdown, though its name ends in .html; add `--format html` to write HTML"
        );
        assert_eq!(extension_mismatch(Path::new("r.markdown"), Format::Markdown), None);
        assert_eq!(extension_mismatch(Path::new("r.htm"), Format::Html), None);
        assert_eq!(extension_mismatch(Path::new("r.txt"), Format::Json), None, "names no format");
        assert_eq!(extension_mismatch(Path::new("report"), Format::Csv), None);
        assert!(
            extension_mismatch(Path::new("r.csv"), Format::Json)
                .is_some_and(|w| w.contains("as JSON") && w.contains("`--format csv` to write CSV"))
        );
        assert!(
            extension_mismatch(Path::new("r.json"), Format::Html)
                .is_some_and(|w| w.contains("as HTML") && w.contains("`--format json` to write JSON"))
        );
        assert!(
            extension_mismatch(Path::new("r.md"), Format::Csv)
                .is_some_and(|w| w.contains("as CSV") && w.contains("`--format markdown` to write Markdown"))
        );
    }

    #[test]
    fn each_format_has_its_own_extension_and_lower_case_name() {
        let names: Vec<(String, &str)> = Format::value_variants()
            .iter()
            .filter_map(|f| Some((f.to_possible_value()?.get_name().to_string(), f.extension())))
            .collect();
        assert_eq!(
            names,
            [("markdown".into(), "md"), ("json".into(), "json"), ("html".into(), "html"), ("csv".into(), "csv")]
        );
    }
}
