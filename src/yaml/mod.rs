//! Strict YAML reading for the app's input files (questionnaires and sessions).
//!
//! Turns YAML text into a typed value through serde, but more carefully than serde alone: a
//! linear scan first refuses characters YAML forbids and nesting deep enough to slow the parser;
//! every unknown key is collected (with its line and column) instead of only the first; and
//! yaml_serde's messages are rewritten for people, without Rust type names and with at most a
//! short, escaped excerpt of a value from the file. It knows nothing about what a questionnaire or
//! session means (their checks live in `questionnaire` and `session`), and it never reads the disk.

use crate::diagnostics::Problem;
mod depth;

use depth::too_deep;
use serde::Deserialize;

/// Deepest nesting of lists and mappings a file may have; real files need fewer than ten.
pub(crate) const MAX_NESTING: usize = 64;

/// How much text parse_strict re-parses in all while it collects unknown keys: small files get
/// every unknown key reported, an 8 MiB one a few, and loading stays linear in the file's size.
const REPARSE_BUDGET_BYTES: usize = 12 * 1024 * 1024;

/// Whether `text` looks like a YAML mapping with at least one of `keys` at its top level (or a
/// flow mapping). A file that does not is some other file, and its lines must never be quoted
/// back as "unknown keys": they may be anyone's secrets (`/etc/shadow`, a `.env`).
pub(crate) fn has_top_level_key(text: &str, keys: &[&str]) -> bool {
    // Blank lines, comments, `---` and `%` directives need no skipping: none of them starts a
    // flow mapping or names a key (`# id: x` names `# id`).
    for line in text.lines() {
        let trimmed = line.trim_end();
        if line.starts_with([' ', '\t']) {
            continue;
        }
        if trimmed.starts_with('{') {
            return true;
        }
        let key = match trimmed.split_once(": ") {
            Some((k, _)) => k,
            None => trimmed.strip_suffix(':').unwrap_or(""),
        };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        if keys.contains(&key) {
            return true;
        }
    }
    false
}

/// Deserialises YAML strictly, collecting every unknown key instead of stopping at the first.
///
/// serde stops at the first error; for an unknown key in block style we know its exact line, so
/// we report it, blank that entry out and parse again, within a budget of re-parsed text (the
/// message says when the list is cut). Any other error ends the search. Before parsing, a linear
/// scan refuses characters YAML forbids (with their real line) and nesting deeper than
/// [`MAX_NESTING`], which would make the parser slow.
pub(crate) fn parse_strict<T: for<'de> Deserialize<'de>>(text: &str, file: &str) -> Result<T, Vec<Problem>> {
    parse_strict_within(text, file, REPARSE_BUDGET_BYTES)
}

/// What a file must look like to be read as a `kind` (a questionnaire, a session): a mapping
/// with at least one of `keys` at its top level. Anything else is some other file, and is named
/// as such without quoting a line of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape<'a> {
    pub(crate) kind: &'a str,
    pub(crate) keys: &'a [&'a str],
}

/// [`parse_strict`] for a file that must have `shape`: after the scan for forbidden characters
/// and deep nesting (whose messages quote nothing), a file of another shape gets one problem,
/// "is not a KIND", instead of its lines quoted back as unknown keys.
pub(crate) fn parse_strict_shaped<T: for<'de> Deserialize<'de>>(
    text: &str,
    file: &str,
    shape: Shape,
) -> Result<T, Vec<Problem>> {
    if text.trim().is_empty() {
        return parse_strict(text, file);
    }
    prescan(text, file)?;
    if !has_top_level_key(text, shape.keys) {
        return Err(vec![Problem {
            location: file.to_owned(),
            message: format!(
                "is not a {kind}: expected a mapping of {kind} keys ({}, …)",
                shape.keys.join(", "),
                kind = shape.kind
            ),
        }]);
    }
    parse_scanned(text, file, REPARSE_BUDGET_BYTES)
}

/// The linear scan before parsing: characters YAML forbids, and nesting deeper than
/// [`MAX_NESTING`].
fn prescan(text: &str, file: &str) -> Result<(), Vec<Problem>> {
    match forbidden_character(text).or_else(|| too_deep(text, MAX_NESTING)) {
        Some((line, col, message)) => Err(vec![Problem { location: format!("{file}:{line}:{col}"), message }]),
        None => Ok(()),
    }
}

/// [`parse_strict`] with `budget` bytes of re-parsing for unknown keys.
fn parse_strict_within<T: for<'de> Deserialize<'de>>(text: &str, file: &str, budget: usize) -> Result<T, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![Problem { location: format!("{file}:1:1"), message: "the file is empty".into() }]);
    }
    prescan(text, file)?;
    parse_scanned(text, file, budget)
}

/// [`parse_strict_within`] for a text the prescan has passed.
fn parse_scanned<T: for<'de> Deserialize<'de>>(text: &str, file: &str, budget: usize) -> Result<T, Vec<Problem>> {
    let mut text = text.to_owned();
    let mut problems = Vec::new();
    let mut parsed = 0usize;
    loop {
        parsed += text.len();
        match yaml_serde::from_str::<T>(&text) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => return Err(problems),
            Err(e) => {
                let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let message = clean_yaml_message(&e.to_string());
                let unknown_key = message.contains("unknown key");
                problems.push(Problem { location: format!("{file}:{line}:{col}"), message });
                if !(unknown_key && blank_entry(&mut text, line, col)) {
                    return Err(problems);
                }
                if parsed + text.len() > budget || problems.len() >= 200 {
                    problems.push(Problem {
                        location: file.to_owned(),
                        message: match problems.len() {
                            1 => "only the first unknown key is reported; fix it and check the file again".into(),
                            n => format!(
                                "only the first {n} unknown keys are reported; fix them and check the file again"
                            ),
                        },
                    });
                    return Err(problems);
                }
            }
        }
    }
}

/// The first character YAML does not allow (control characters other than tab and line breaks),
/// with its line and column, so the message points at the right place.
fn forbidden_character(text: &str) -> Option<(usize, usize, String)> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{85}') || !c.is_control();
    let pos = text.find(|c: char| !allowed(c) || c == '\u{FFFE}' || c == '\u{FFFF}')?;
    let line = text[..pos].matches('\n').count() + 1;
    let col = text[..pos].rfind('\n').map_or(&text[..pos], |i| &text[i + 1..pos]).chars().count() + 1;
    let c = text[pos..].chars().next()?;
    Some((line, col, format!("a control character (U+{:04X}) is not allowed in YAML text; remove it", c as u32)))
}

/// Rewrites yaml_serde's message for people: no trailing " at line L column C" (we print the
/// place first), no Rust type names, and never more than a short, escaped excerpt of a value
/// from the file (which may be a secret, or 8 MiB long).
pub(crate) fn clean_yaml_message(msg: &str) -> String {
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") && !msg[i..].contains(',') => &msg[..i],
        _ => msg,
    };
    // yaml_serde puts the path of keys first: `dimensions[0].weight: invalid type: ...`.
    let starts = ["invalid type: ", "invalid value: ", "invalid length ", "unknown field ", "missing field "];
    let (path, body) = match starts.iter().filter_map(|s| msg.find(s)).min() {
        Some(at) if at > 2 && msg[..at].ends_with(": ") => (Some(&msg[..at - 2]), &msg[at..]),
        _ => (None, msg),
    };
    let kind = if body.starts_with("invalid type: ") { "invalid type" } else { "invalid value" };
    let body = if let Some(rest) = body.strip_prefix("invalid type: ").or_else(|| body.strip_prefix("invalid value: "))
    {
        match rest.rsplit_once(", expected ") {
            Some((found, expected)) => {
                let expected = plain_expected(expected);
                match found_value(found, &expected) {
                    Found::TooLarge(v) => format!("the number {v} is too large: expected {expected}"),
                    Found::Other(v) => format!("{kind}: expected {expected}, found {v}"),
                }
            }
            None => shorten_quoted(rest),
        }
    } else {
        shorten_quoted(&body.replace("unknown field", "unknown key").replace("missing field", "missing key"))
    };
    let body = if body.contains("unknown key") {
        format!("{body} (check the spelling; unknown keys are not allowed)")
    } else {
        body
    };
    let out = match path {
        Some(path) => format!("{}: {body}", crate::printable::excerpt(path, 80)),
        None => body,
    };
    crate::printable::excerpt(&out, 600)
}

enum Found {
    TooLarge(String),
    Other(String),
}

/// What serde says it found, in words, with at most a few characters of the value.
fn found_value(found: &str, expected: &str) -> Found {
    let quoted = |s: &str, open: char, close: char| -> Option<String> {
        let start = s.find(open)?;
        let end = s.rfind(close).filter(|&e| e > start)?;
        Some(s[start + 1..end].to_owned())
    };
    let number_expected = expected.contains("number");
    if let Some(v) = found.strip_prefix("string ").and_then(|s| quoted(s, '"', '"')) {
        if number_expected && v.trim().parse::<f64>().is_ok_and(|x| !x.is_finite()) {
            return Found::TooLarge(crate::printable::excerpt(&v, 12));
        }
        return Found::Other(format!("the text \"{}\"", crate::printable::excerpt(&v, 8)));
    }
    if let Some(rest) = found.strip_prefix("integer ") {
        let v = quoted(rest, '`', '`').unwrap_or_default();
        if rest.ends_with(" as u128") || rest.ends_with(" as i128") {
            return Found::TooLarge(crate::printable::excerpt(&v, 24));
        }
        return Found::Other(format!("the number {}", crate::printable::excerpt(&v, 24)));
    }
    if let Some(rest) = found.strip_prefix("floating point ") {
        let v = quoted(rest, '`', '`').unwrap_or_default();
        return Found::Other(format!("the number {}", crate::printable::excerpt(&v, 24)));
    }
    Found::Other(match found {
        "sequence" => "a list".to_owned(),
        "map" => "a mapping".to_owned(),
        "unit value" => "nothing".to_owned(),
        other if other.starts_with("boolean") => "true or false".to_owned(),
        other => shorten_quoted(other),
    })
}

/// serde's "expected" in words a user of the file knows.
fn plain_expected(expected: &str) -> String {
    let kinds = [
        ("struct Session", "a mapping of session keys"),
        ("struct RawQuestionnaire", "a mapping of questionnaire keys"),
        ("struct RawLevel", "a mapping of level keys (level, name, summary)"),
        ("struct RawScoring", "a mapping of scoring keys (pass_ratio, partial_credit)"),
        ("struct RawStage", "a mapping of stage keys (id, name)"),
        ("struct RawDimension", "a mapping of dimension keys"),
        ("struct RawQuestion", "a mapping of question keys"),
        ("struct LongAnswer", "a mapping of answer keys (answer, note, evidence)"),
        ("struct Context", "a mapping of context keys"),
        ("struct StageRating", "a mapping of rating keys (time_share, pain)"),
        ("struct Participant", "a mapping of participant keys (name, role)"),
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number of 0 or more"),
        ("usize", "a whole number of 0 or more"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("a sequence", "a list"),
        ("a boolean", "true or false"),
    ];
    match kinds.iter().find(|(k, _)| *k == expected) {
        Some((_, words)) => (*words).to_owned(),
        None if expected.starts_with("struct ") => "a mapping".to_owned(),
        None => shorten_quoted(expected),
    }
}

/// Cuts every `...` and "..." in a message to a short escaped excerpt.
fn shorten_quoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(1024));
    let mut rest = msg;
    while let Some(open) = rest.find(['`', '"']) {
        let q = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(q as char) {
            Some(close) => {
                out.push_str(&crate::printable::excerpt(&after[..close], 40));
                out.push(q as char);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&crate::printable::excerpt(after, 40));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    crate::printable::one_line(&out).into_owned()
}

/// Blanks out the block-style mapping entry whose key starts at (line, col): that line and the
/// more indented lines under it. Returns false when the entry is not alone at the start of its
/// line (flow style), where blanking could hide other keys.
fn blank_entry(text: &mut String, line: usize, col: usize) -> bool {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let Some(first) = lines.get(line.wrapping_sub(1)) else { return false };
    let before: String = first.chars().take(col.saturating_sub(1)).collect();
    // Anything but spaces and dashes before the key (a `{` too) means it shares its line.
    if !before.trim_start_matches([' ', '-']).trim().is_empty() {
        return false;
    }
    let indent = col - 1;
    lines[line - 1] = format!("{}{}", before, " ".repeat(first.chars().count() - before.chars().count()));
    if before.trim().is_empty() {
        lines[line - 1] = String::new();
    }
    for l in lines.iter_mut().skip(line) {
        let lead = l.chars().take_while(|c| *c == ' ').count();
        if l.trim().is_empty() || lead > indent {
            l.clear();
        } else {
            break;
        }
    }
    *text = lines.join("\n");
    true
}

#[cfg(test)]
mod tests;
