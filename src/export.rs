//! Reports that travel: the self-contained HTML report and the roadmap as CSV for an issue
//! tracker's import.
//!
//! Both read only the built [`Report`]; nothing here scores, merges or touches files. The HTML
//! goes through the same Tera rendering as the Markdown (autoescaped, since its name ends in
//! `.html`), so a user's `templates/report.html` can replace the built-in one. The CSV is written
//! with the `csv` crate (RFC 4180 quoting) and every cell that a spreadsheet would run as a
//! formula is neutralised.

use crate::report::{self, Report};

use crate::printable::csv_table;
pub use crate::templates::HTML_TEMPLATE;
pub(crate) use crate::templates::HTML_TEMPLATE_NAME;

/// The roadmap CSV's header, in the order DESIGN gives.
pub(crate) const CSV_HEADER: [&str; 10] =
    ["phase", "level", "dimension", "question", "practice", "answer", "recommendation", "effort", "owner", "note"];

/// The HTML report with the built-in template.
pub fn render_html(report: &Report) -> String {
    report::render(report, HTML_TEMPLATE_NAME, HTML_TEMPLATE).expect("the built-in HTML template is tested")
}

/// The roadmap as CSV: one row per action, phases numbered from 1, CRLF line ends, UTF-8.
pub(crate) fn roadmap_csv(report: &Report) -> String {
    let rows = report.roadmap.iter().enumerate().flat_map(|(i, phase)| {
        phase.actions.iter().map(move |a| {
            vec![
                (i + 1).to_string(),
                a.level.to_string(),
                a.dimension_name.clone(),
                a.question.clone(),
                a.text.clone(),
                a.answer.to_string(),
                // The step that starts from today's answer, not the whole recommendation: a
                // ticket for a "partly" must not open with "From zero".
                a.step.clone(),
                a.effort.unwrap_or("").to_owned(),
                a.owner.clone().unwrap_or_default(),
                a.note.clone().unwrap_or_default(),
            ]
        })
    });
    csv_table(&CSV_HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_roadmap_gives_the_header_alone() {
        let q = crate::questionnaire::built_in("mlops-quick").unwrap();
        let mut s = crate::session::Session::new("mlops-quick");
        s.target = Some(0);
        let r = report::build(&q, &[report::SessionInput { file_name: "s.yaml".into(), session: &s }], None, "d");
        assert!(r.roadmap.iter().all(|p| p.actions.is_empty()));
        assert_eq!(roadmap_csv(&r), format!("{}\r\n", CSV_HEADER.join(",")));
    }
}
