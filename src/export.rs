//! Reports that travel: the self-contained HTML report and the roadmap as CSV for an issue
//! tracker's import.
//!
//! Both read only the built [`Report`]; nothing here scores, merges or touches files. The HTML
//! goes through the same Tera rendering as the Markdown (autoescaped, since its name ends in
//! `.html`), so a user's `templates/report.html` can replace the built-in one. The CSV is written
//! with the `csv` crate (RFC 4180 quoting) and every cell that a spreadsheet would run as a
//! formula is neutralised.

use crate::report::{self, Report};

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
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every record has the header's length.
    out.write_record(CSV_HEADER).expect("writing to memory");
    for (i, phase) in report.roadmap.iter().enumerate() {
        for a in &phase.actions {
            let row = [
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
            ];
            out.write_record(row.iter().map(|cell| guard_formula(cell))).expect("writing to memory");
        }
    }
    let bytes = out.into_inner().expect("flushing to memory");
    String::from_utf8(bytes).expect("the cells are UTF-8 strings")
}

/// A CSV cell's text: cleaned first (control characters removed, as in every file the app
/// writes), then a cell a spreadsheet would evaluate (`=`, `+`, `-`, `@` or tab first) gets a
/// leading `'`, so it shows as text instead of running as a formula. Cleaning goes first so that
/// no removed character hides the real first one from the guard.
pub(crate) fn guard_formula(cell: &str) -> String {
    let cell = crate::printable::clean_for_file(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t') => format!("'{cell}"),
        _ => cell.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_leading_quote() {
        for risky in ["=SUM(A1)", "+1", "-2", "@cmd", "\tx"] {
            assert_eq!(guard_formula(risky), format!("'{risky}"));
        }
        // A control character in front does not hide the formula: it is removed first.
        for hidden in ["\u{1}=HYPERLINK(\"x\")", "\u{0}=cmd|' /C calc'!A0", "\r=1", "\u{202e}=1", "\u{9b}@x"] {
            let guarded = guard_formula(hidden);
            assert!(guarded.starts_with("'"), "{hidden:?} gave {guarded:?}");
            assert!(!guarded.chars().any(char::is_control), "{guarded:?}");
        }
        for plain in ["", "Adopt one tracker", "1-2 weeks", " =not first", "'quoted"] {
            assert_eq!(guard_formula(plain), plain);
        }
    }

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
