//! One Tera set-up for every template the app renders: the report, the portfolio and a team's
//! history. The filters (`md`, `md_code`, `md_lines`, `html_lines`, `num`, `bar`, `heat`,
//! `clock`, `level_words`, `answer_words`) and the text helpers behind them are the same
//! everywhere, escaping follows the template's extension, errors name the template and its line,
//! and what comes out is cleaned of control characters like every file the app writes. It also
//! holds the built-in report templates and finds the user's own (`templates/` in the user
//! folder). It renders any serialisable data and imports no view: what the data says is decided
//! by the modules that build it.

pub(crate) use crate::printable::round_half_up;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The built-in Markdown report template (`templates/report.md`).
pub(crate) const DEFAULT_TEMPLATE: &str = include_str!("../templates/report.md");
/// The name the built-in Markdown report is rendered under, and the file name of a user's own
/// (`templates/report.md`).
pub(crate) const DEFAULT_TEMPLATE_NAME: &str = "report.md";
/// The built-in HTML report template (charts as inline SVG, no script, no URL).
pub const HTML_TEMPLATE: &str = include_str!("../templates/report.html");
/// The name the built-in HTML report is rendered under, and the file name of a user's own
/// (`templates/report.html`).
pub(crate) const HTML_TEMPLATE_NAME: &str = "report.html";

/// Renders `data` (the template's whole context) through `template`; `name` decides
/// autoescaping (`.html`, `.htm`, `.xml`, `.xhtml` and `.svg` are escaped, in any case).
pub(crate) fn render<T: Serialize>(data: &T, name: &str, template: &str) -> Result<String, String> {
    use tera::{Kwargs, State, Tera, Value};
    let mut tera = Tera::new();
    // Null and undefined print as nothing (Tera writes them as ""), numbers as Tera writes them.
    tera.register_filter("md", |v: Value, _: Kwargs, _: &State| match v.as_str() {
        Some(s) => escape_markdown(s),
        None => escape_markdown(&v.to_string()),
    });
    tera.register_filter("num", |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let places = kwargs.get::<i64>("places")?.unwrap_or(2).clamp(0, 6) as usize;
        Ok(v.as_f64().map_or_else(|| "–".to_owned(), |x| crate::printable::fixed(x, places)))
    });
    tera.register_filter("level_words", |v: Value, _: Kwargs, _: &State| {
        v.as_f64().map_or_else(|| "–".to_owned(), level_words)
    });
    tera.register_filter("answer_words", |v: Value, _: Kwargs, _: &State| {
        answer_words(v.as_str().unwrap_or_default()).to_owned()
    });
    // Notes keep their line breaks: each line escaped, the lines joined by `sep` (`<br>` by
    // default, which a Markdown table cell can hold).
    tera.register_filter("md_lines", |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let sep = kwargs.get::<&str>("sep")?.unwrap_or("<br>").to_owned();
        Ok(note_lines(v.as_str().unwrap_or_default()).map(escape_markdown_line).collect::<Vec<_>>().join(&sep))
    });
    tera.register_filter("html_lines", |v: Value, _: Kwargs, state: &State| -> tera::TeraResult<Value> {
        let lines: Vec<String> =
            note_lines(v.as_str().unwrap_or_default()).map(|l| state.escape(l)).collect::<Result<_, _>>()?;
        Ok(Value::safe_string(&lines.join("<br>")))
    });
    tera.register_filter("clock", |v: Value, _: Kwargs, _: &State| v.as_f64().map_or_else(String::new, clock));
    tera.register_filter("md_code", |v: Value, _: Kwargs, _: &State| {
        escape_markdown_code(v.as_str().unwrap_or_default())
    });
    tera.register_filter("bar", |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let max = kwargs.get::<f64>("max")?.unwrap_or(3.0);
        let width = kwargs.get::<i64>("width")?.unwrap_or(10).clamp(1, 100) as usize;
        Ok(text_bar(v.as_f64().unwrap_or(0.0), max, width))
    });
    tera.register_filter("heat", |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let max = kwargs.get::<f64>("max")?.unwrap_or(3.0);
        Ok(v.as_f64().map_or_else(|| "transparent".to_owned(), |x| heat(x, max)))
    });
    // Escaping follows the extension, whatever its case: `.HTML` and `.svg` are markup too.
    tera.autoescape_on([".html", ".htm", ".xml", ".xhtml", ".svg"]);
    let key = name.to_lowercase();
    tera.add_raw_template(&key, template).map_err(|e| describe_tera_error(name, &e))?;
    let context = tera::Context::from_serialize(data).map_err(|e| describe_tera_error(name, &e))?;
    let text = tera.render(&key, &context).map_err(|e| describe_tera_error(name, &e))?;
    // What a file held raw (ESC, BEL, C1, bidi overrides) never reaches the written file.
    Ok(crate::printable::clean_for_file(&text).into_owned())
}

/// A background colour for a level cell: from warm (level 0) to green (the highest), light
/// enough that the number printed in it stays readable in colour and in grey.
fn heat(level: f64, highest: f64) -> String {
    let share = if highest > 0.0 { (level / highest).clamp(0.0, 1.0) } else { 0.0 };
    format!("hsl({:.0}, 65%, {:.0}%)", 10.0 + share * 110.0, 88.0 - share * 10.0)
}

/// One sentence naming the template, the line and what is wrong.
fn describe_tera_error(name: &str, e: &tera::Error) -> String {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => {
            format!("{name}:{}:{}: template syntax error: {}", r.span().start_line, r.span().start_col + 1, r.message())
        }
        tera::ErrorKind::RenderingError(r) => {
            format!("{name}:{}:{}: template error: {}", r.span().start_line, r.span().start_col + 1, r.message())
        }
        _ => {
            let mut msg = format!("{name}: template error: {e}");
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            msg
        }
    }
}

/// The user's own template `name` (`report.md` or `report.html`) in the user folder `home`'s
/// `templates/`, when `init` put one there to customise.
pub(crate) fn custom_template(home: Option<&Path>, name: &str) -> Option<PathBuf> {
    let custom = home?.join("templates").join(name);
    custom.is_file().then_some(custom)
}

/// Renders through a template file: its path names it in errors, its extension decides
/// HTML escaping (`.html`, `.htm`, `.xml`).
pub(crate) fn render_with_file<T: Serialize>(built: &T, template: &Path) -> anyhow::Result<String> {
    let source = crate::files::read_text(template)?;
    render(built, &template.display().to_string(), &source).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The Markdown report, through the user's `templates/report.md` in `home` when there is one
/// (`init` puts a copy there to customise), else through the built-in template.
pub(crate) fn render_markdown<T: Serialize>(built: &T, home: Option<&Path>) -> anyhow::Result<String> {
    render_own_or_built_in(built, home, DEFAULT_TEMPLATE_NAME, DEFAULT_TEMPLATE)
}

/// The HTML report, through the user's `templates/report.html` in `home` when there is one, else
/// through the built-in template.
pub(crate) fn render_html<T: Serialize>(built: &T, home: Option<&Path>) -> anyhow::Result<String> {
    render_own_or_built_in(built, home, HTML_TEMPLATE_NAME, HTML_TEMPLATE)
}

/// Renders through the user's template `name` in `home` when there is one, else through
/// `built_in` (compiled in under that name).
fn render_own_or_built_in<T: Serialize>(
    built: &T,
    home: Option<&Path>,
    name: &str,
    built_in: &str,
) -> anyhow::Result<String> {
    match custom_template(home, name) {
        Some(custom) => render_with_file(built, &custom),
        None => Ok(render(built, name, built_in).expect("the built-in templates are tested")),
    }
}

/// Escapes free text for a Markdown table cell or line: no `|`, no newline, no HTML.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        // `&` alone is fine in Markdown; only one that starts an entity (`&lt;`) is escaped.
        if c == '&' && starts_entity(&text[i + 1..]) {
            out.push_str("&amp;");
            last_space = false;
            continue;
        }
        match c {
            '\r' | '\n' | '\t' => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => continue,
            c => out.push(c),
        }
        last_space = false;
    }
    out.trim().to_owned()
}

/// One line of a note as Markdown: escaped, and a line that would start a list or a heading
/// (`- `, `+ `, `1. `, `#`) kept as text.
pub(crate) fn escape_markdown_line(line: &str) -> String {
    let out = escape_markdown(line);
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')'));
    if numbered {
        format!("{}\\{}", &out[..digits], &out[digits..])
    } else if out.starts_with(['-', '+', '#']) {
        format!("\\{out}")
    } else {
        out
    }
}

/// A note's lines, trimmed, without empty ones (a note typed with blank lines reads the same).
pub(crate) fn note_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Free text in which `quoted` parts (as warnings write ids and names) become code spans:
/// the rest is escaped as by `escape_markdown`, a code span keeps its text but loses what could
/// end it early (backticks, line breaks, table bars).
pub fn escape_markdown_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                // Keep the spaces around code spans that escaping would trim.
                let lead = if part.starts_with(' ') { " " } else { "" };
                let trail = if part.ends_with(' ') && !part.trim().is_empty() { " " } else { "" };
                format!("{lead}{}{trail}", escape_markdown(part))
            } else {
                let code: String =
                    part.chars().filter(|c| !c.is_control() && *c != '|').collect::<String>().trim().to_owned();
                if code.is_empty() { String::new() } else { format!("`{code}`") }
            }
        })
        .collect()
}

/// A score in words: 1.57 is "Level 1, 57% toward 2"; a whole number is just its level.
pub(crate) fn level_words(score: f64) -> String {
    if !score.is_finite() || score < 0.0 {
        return "–".to_owned();
    }
    let level = score.floor();
    let part = round_half_up((score - level) * 100.0, 0);
    if !(1.0..100.0).contains(&part) {
        format!("Level {}", round_half_up(score, 0) as u64)
    } else {
        format!("Level {}, {part:.0}% toward {}", level as u64, level as u64 + 1)
    }
}

/// Seconds as a clock reads them (the template filter: any number, rounded; nothing below 0).
pub(crate) fn clock(seconds: f64) -> String {
    crate::printable::clock(if seconds.is_finite() && seconds > 0.0 { seconds.round() as u64 } else { 0 })
}

/// An answer as people say it.
pub(crate) fn answer_words(answer: &str) -> &str {
    match answer {
        "partial" => "partly",
        "unknown" => "don't know",
        "na" => "does not apply",
        "unanswered" => "not answered",
        other => other,
    }
}

fn starts_entity(rest: &str) -> bool {
    let name_len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// A text bar: `value` of `max` drawn in `width` cells.
pub(crate) fn text_bar(value: f64, max: f64, width: usize) -> String {
    let filled = if max > 0.0 && value.is_finite() {
        ((value / max).clamp(0.0, 1.0) * width as f64).round() as usize
    } else {
        0
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_own_template_is_used_when_the_user_folder_has_one() {
        let home = tempfile::tempdir().unwrap();
        let data = serde_json::json!({"team": "Fraud"});
        assert_eq!(custom_template(Some(home.path()), DEFAULT_TEMPLATE_NAME), None);
        assert_eq!(custom_template(None, DEFAULT_TEMPLATE_NAME), None);
        std::fs::create_dir(home.path().join("templates")).unwrap();
        for (name, text) in [(DEFAULT_TEMPLATE_NAME, "md: {{ team }}"), (HTML_TEMPLATE_NAME, "<b>{{ team }}</b>")] {
            std::fs::write(home.path().join("templates").join(name), text).unwrap();
        }
        let md = home.path().join("templates").join(DEFAULT_TEMPLATE_NAME);
        assert_eq!(custom_template(Some(home.path()), DEFAULT_TEMPLATE_NAME), Some(md));
        assert_eq!(render_markdown(&data, Some(home.path())).unwrap(), "md: Fraud");
        assert_eq!(render_html(&data, Some(home.path())).unwrap(), "<b>Fraud</b>");
        assert_eq!(custom_template(Some(home.path()), "other.md"), None);
    }

    #[test]
    fn the_md_filter_writes_nothing_for_null() {
        let data = serde_json::json!({"date": null, "n": 2});
        assert_eq!(render(&data, "t.md", "[{{ date | md }}][{{ n | md }}]").unwrap(), "[][2]");
    }

    #[test]
    fn a_heatmap_cell_goes_from_warm_to_green_and_stays_light() {
        assert_eq!(heat(0.0, 3.0), "hsl(10, 65%, 88%)");
        assert_eq!(heat(1.5, 3.0), "hsl(65, 65%, 83%)");
        assert_eq!(heat(3.0, 3.0), "hsl(120, 65%, 78%)");
        assert_eq!(heat(9.0, 3.0), heat(3.0, 3.0), "above the highest level is the highest");
        assert_eq!(heat(1.0, 0.0), heat(0.0, 3.0), "no levels: the warm end");
    }

    #[test]
    fn a_clock_never_reads_below_zero_or_past_any_number() {
        assert_eq!(clock(f64::INFINITY), clock(0.0));
        assert_eq!(clock(f64::NAN), clock(0.0));
        assert_eq!(clock(-5.0), clock(0.0));
        assert_eq!(clock(89.6), crate::printable::clock(90));
    }
}
