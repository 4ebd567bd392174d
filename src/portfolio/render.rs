//! Writing a portfolio out: JSON through serde, CSV by hand (RFC 4180), Markdown and HTML through
//! the Tera templates in `templates/`. Pure: text in, text out; no files, no terminal.

use super::Portfolio;

/// The built-in Markdown portfolio template, compiled into the binary.
pub(crate) const MARKDOWN_TEMPLATE: &str = include_str!("../../templates/portfolio.md");
/// The built-in HTML portfolio template (one self-contained page), compiled into the binary.
pub(crate) const HTML_TEMPLATE: &str = include_str!("../../templates/portfolio.html");

/// The portfolio as pretty JSON.
pub fn to_json(p: &Portfolio) -> String {
    crate::printable::clean_json_text(p)
}

/// One CSV cell (RFC 4180): quoted when needed, and a leading `'` before text a spreadsheet
/// would run as a formula.
fn csv_cell(text: &str) -> String {
    // The same formula guard as the roadmap CSV, so the two exports cannot drift apart.
    let guarded = crate::export::guard_formula(text);
    if guarded.contains([',', '"', '\n', '\r']) { format!("\"{}\"", guarded.replace('"', "\"\"")) } else { guarded }
}

/// One row per team and dimension: `team,dimension,level,score,overall_level,target_level,date`
/// (the dimension by name, as in the roadmap CSV; the score rounded to 2 decimals).
pub fn to_csv(p: &Portfolio) -> String {
    let mut out = String::from("team,dimension,level,score,overall_level,target_level,date\r\n");
    for t in &p.teams {
        for (d, summary) in t.dimensions.iter().zip(&p.dimensions) {
            let row = [
                csv_cell(&t.team),
                csv_cell(&summary.name),
                d.level.map(|l| l.to_string()).unwrap_or_default(),
                d.score.map(|s| crate::printable::fixed(s, 2)).unwrap_or_default(),
                t.overall.level.to_string(),
                t.target.level.to_string(),
                csv_cell(t.date.as_deref().unwrap_or("")),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Renders the portfolio through a Tera template; a name ending in `.html` escapes HTML.
pub(crate) fn render(p: &Portfolio, name: &str, template: &str) -> Result<String, String> {
    crate::templates::render(p, name, template)
}

/// The Markdown portfolio with the built-in template.
pub fn render_markdown(p: &Portfolio) -> String {
    render(p, "portfolio.md", MARKDOWN_TEMPLATE).expect("the built-in template is tested")
}

/// The self-contained HTML portfolio with the built-in template.
pub fn render_html(p: &Portfolio) -> String {
    render(p, "portfolio.html", HTML_TEMPLATE).expect("the built-in template is tested")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("Fraud ML"), "Fraud ML");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("-1,2"), "\"'-1,2\"");
    }
}
