//! Writing a portfolio out: JSON through serde, CSV through the roadmap's writer, Markdown and HTML through
//! the Tera templates in `templates/`. Pure: text in, text out; no files, no terminal.

use super::model::Portfolio;

/// The built-in Markdown portfolio template, compiled into the binary.
pub(crate) const MARKDOWN_TEMPLATE: &str = include_str!("../../templates/portfolio.md");
/// The built-in HTML portfolio template (one self-contained page), compiled into the binary.
pub(crate) const HTML_TEMPLATE: &str = include_str!("../../templates/portfolio.html");

/// The portfolio as pretty JSON.
pub fn to_json(p: &Portfolio) -> String {
    crate::printable::clean_json_text(p)
}

/// One row per team and dimension: `team,dimension,level,score,overall_level,target_level,date`
/// (the dimension by name, as in the roadmap CSV; the score rounded to 2 decimals).
pub fn to_csv(p: &Portfolio) -> String {
    let header = ["team", "dimension", "level", "score", "overall_level", "target_level", "date"];
    let rows = p.teams.iter().flat_map(|t| {
        t.dimensions.iter().zip(&p.dimensions).map(|(d, summary)| {
            vec![
                t.team.clone(),
                summary.name.clone(),
                d.level.map(|l| l.to_string()).unwrap_or_default(),
                d.score.map(|s| crate::printable::fixed(s, 2)).unwrap_or_default(),
                t.overall.level.to_string(),
                t.target.level.to_string(),
                t.date.clone().unwrap_or_default(),
            ]
        })
    });
    crate::printable::csv_table(&header, rows)
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
