//! One Tera set-up for every template the app renders: the report, the portfolio and a team's
//! history. The filters (`md`, `md_code`, `num`, `bar`, `heat`, `level_words`, `answer_words`)
//! are the same everywhere, escaping follows the template's extension, errors name the template
//! and its line, and what comes out is cleaned of control characters like every file the app
//! writes. It renders only: what the data says is decided by the modules that build it.

use crate::report::{
    answer_words, clock, escape_markdown, escape_markdown_code, escape_markdown_line, level_words, note_lines, text_bar,
};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Renders `data` (the template's whole context) through `template`; `name` decides
/// autoescaping (`.html`, `.htm`, `.xml`, `.xhtml` and `.svg` are escaped, in any case).
pub fn render<T: Serialize>(data: &T, name: &str, template: &str) -> Result<String, String> {
    use tera::{Kwargs, State, Tera, Value};
    let mut tera = Tera::new();
    tera.register_filter("md", |v: Value, _: Kwargs, _: &State| match v.as_str() {
        Some(s) => escape_markdown(s),
        None if v.is_none() || v.is_undefined() => String::new(),
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

/// The user's Markdown template, when `init` put one to customise in the user folder.
pub fn custom_markdown_template() -> Option<PathBuf> {
    let custom = crate::files::home_dir().ok()?.join("templates").join(crate::report::DEFAULT_TEMPLATE_NAME);
    custom.is_file().then_some(custom)
}

/// The user's HTML template, when `init` put one to customise in the user folder.
pub fn custom_html_template() -> Option<PathBuf> {
    let custom = crate::files::home_dir().ok()?.join("templates").join(crate::export::HTML_TEMPLATE_NAME);
    custom.is_file().then_some(custom)
}

/// Renders through a template file: its path names it in errors, its extension decides
/// HTML escaping (`.html`, `.htm`, `.xml`).
pub fn render_with_file(built: &crate::report::Report, template: &Path) -> anyhow::Result<String> {
    let source = crate::files::read_text(template)?;
    crate::report::render(built, &template.display().to_string(), &source).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The Markdown report, through the user's `templates/report.md` when there is one (`init`
/// puts a copy there to customise), else through the built-in template.
pub fn render_markdown(built: &crate::report::Report) -> anyhow::Result<String> {
    if let Ok(home) = crate::files::home_dir() {
        let custom = home.join("templates").join(crate::report::DEFAULT_TEMPLATE_NAME);
        if custom.is_file() {
            return render_with_file(built, &custom);
        }
    }
    Ok(crate::report::render_markdown(built))
}

/// The HTML report, through the user's `templates/report.html` when there is one, else through
/// the built-in template.
pub fn render_html(built: &crate::report::Report) -> anyhow::Result<String> {
    match custom_html_template() {
        Some(custom) => render_with_file(built, &custom),
        None => Ok(crate::export::render_html(built)),
    }
}
