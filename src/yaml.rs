//! Strict YAML reading for the app's input files (questionnaires and sessions).
//!
//! Turns YAML text into a typed value through serde, but more carefully than serde alone: a
//! linear scan first refuses characters YAML forbids and nesting deep enough to slow the parser;
//! every unknown key is collected (with its line and column) instead of only the first; and
//! serde_yaml's messages are rewritten for people, without Rust type names and with at most a
//! short, escaped excerpt of a value from the file. It knows nothing about what a questionnaire or
//! session means (their checks live in `questionnaire` and `session`), and it never reads the disk.

use crate::diagnostics::Problem;
use serde::Deserialize;

/// Deepest nesting of lists and mappings a file may have; real files need fewer than ten.
pub const MAX_NESTING: usize = 64;

/// How much text parse_strict re-parses in all while it collects unknown keys: small files get
/// every unknown key reported, an 8 MiB one a few, and loading stays linear in the file's size.
const REPARSE_BUDGET_BYTES: usize = 12 * 1024 * 1024;

/// Whether `text` looks like a YAML mapping with at least one of `keys` at its top level (or a
/// flow mapping). A file that does not is some other file, and its lines must never be quoted
/// back as "unknown keys": they may be anyone's secrets (`/etc/shadow`, a `.env`).
pub(crate) fn has_top_level_key(text: &str, keys: &[&str]) -> bool {
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") || trimmed.starts_with('%') {
            continue;
        }
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
    pub kind: &'a str,
    pub keys: &'a [&'a str],
}

/// [`parse_strict`] for a file that must have `shape`: after the scan for forbidden characters
/// and deep nesting (whose messages quote nothing), a file of another shape gets one problem,
/// "is not a KIND", instead of its lines quoted back as unknown keys.
pub(crate) fn parse_strict_shaped<T: for<'de> Deserialize<'de>>(
    text: &str,
    file: &str,
    shape: Shape,
) -> Result<T, Vec<Problem>> {
    if !text.trim().is_empty() && prescan(text, file).is_ok() && !has_top_level_key(text, shape.keys) {
        return Err(vec![Problem {
            location: file.to_owned(),
            message: format!(
                "is not a {kind}: expected a mapping of {kind} keys ({}, …)",
                shape.keys.join(", "),
                kind = shape.kind
            ),
        }]);
    }
    parse_strict(text, file)
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
    let mut text = text.to_owned();
    let mut problems = Vec::new();
    let mut parsed = 0usize;
    loop {
        parsed += text.len();
        match serde_yaml::from_str::<T>(&text) {
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

/// Where nesting first goes deeper than `limit`: indented blocks, `- ` items and `[`/`{` flows
/// together. One pass over the text; quoted text, comments and block scalars (`|`, `>`) are
/// skipped. It undercounts rather than overcounts, so a valid file is never refused.
fn too_deep(text: &str, limit: usize) -> Option<(usize, usize, String)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut block_scalar_parent: Option<usize> = None;
    let deeper = |line: usize, col: usize| {
        Some((
            line,
            col,
            format!("the data is nested more than {limit} levels deep; this is not a questionnaire or session file"),
        ))
    };
    for (n, raw_line) in text.split('\n').enumerate() {
        let line: Vec<char> = raw_line.trim_end_matches('\r').chars().collect();
        let indent = line.iter().take_while(|c| **c == ' ').count();
        if let Some(parent) = block_scalar_parent {
            if indent >= line.len() || indent > parent {
                continue;
            }
            block_scalar_parent = None;
        }
        let mut i = 0;
        if quote.is_none() && flow == 0 {
            // Block context: this line's place in the indentation.
            if indent >= line.len() || line[indent] == '#' {
                continue;
            }
            if line.starts_with(&['-', '-', '-']) || line.starts_with(&['.', '.', '.']) {
                indents.clear();
                continue;
            }
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            i = indent;
            loop {
                indents.push(i);
                // Block context: no flow is open here.
                if indents.len() > limit {
                    return deeper(n + 1, i + 1);
                }
                // `- ` and `? ` open one more level each, on the same line.
                if matches!(line.get(i), Some('-') | Some('?')) && matches!(line.get(i + 1), None | Some(' ')) {
                    i += 1;
                    while line.get(i) == Some(&' ') {
                        i += 1;
                    }
                    if i >= line.len() {
                        break;
                    }
                    continue;
                }
                break;
            }
            // Find where the value starts: at i, or after the first `: ` outside quotes.
            let mut j = i;
            let mut value_at = i;
            let mut q: Option<char> = None;
            while j < line.len() {
                let c = line[j];
                match q {
                    Some('"') if c == '\\' => j += 1,
                    Some(open) if c == open => q = None,
                    Some(_) => {}
                    None if j == i && (c == '"' || c == '\'') => q = Some(c),
                    None if j == i && (c == '[' || c == '{') => break,
                    None if c == '#' && j.checked_sub(1).is_some_and(|p| line[p] == ' ') => break,
                    None if c == ':' && matches!(line.get(j + 1), None | Some(' ')) => {
                        value_at = j + 1;
                        break;
                    }
                    None => {}
                }
                j += 1;
            }
            i = value_at;
            while i < line.len() && line[i] == ' ' {
                i += 1;
            }
            // Anchors and tags before the value.
            while matches!(line.get(i), Some('&') | Some('!')) {
                while i < line.len() && line[i] != ' ' {
                    i += 1;
                }
                while i < line.len() && line[i] == ' ' {
                    i += 1;
                }
            }
            match line.get(i) {
                Some('|') | Some('>') => {
                    block_scalar_parent = Some(indent);
                    continue;
                }
                Some('[') | Some('{') => {}
                Some('"') | Some('\'') => {
                    quote = Some(line[i]);
                    i += 1;
                }
                _ => continue,
            }
        }
        // Flow context or inside a quoted scalar: follow brackets and quotes to the line's end.
        while i < line.len() {
            let c = line[i];
            match quote {
                Some('"') if c == '\\' => i += 1,
                Some('\'') if c == '\'' && line.get(i + 1) == Some(&'\'') => i += 1,
                Some(open) if c == open => quote = None,
                Some(_) => {}
                None => match c {
                    // A quote opens quoted text only where a value starts (`it's` is plain text).
                    '"' | '\'' if line[..i].iter().rev().find(|c| **c != ' ').is_none_or(|p| "[{,:".contains(*p)) => {
                        quote = Some(c)
                    }
                    '#' if i == 0 || line[i - 1] == ' ' => break,
                    '[' | '{' => {
                        flow += 1;
                        if indents.len() + flow > limit {
                            return deeper(n + 1, i + 1);
                        }
                    }
                    ']' | '}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            i += 1;
        }
    }
    None
}

/// Rewrites serde_yaml's message for people: no trailing " at line L column C" (we print the
/// place first), no Rust type names, and never more than a short, escaped excerpt of a value
/// from the file (which may be a secret, or 8 MiB long).
pub(crate) fn clean_yaml_message(msg: &str) -> String {
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") && !msg[i..].contains(',') => &msg[..i],
        _ => msg,
    };
    // serde_yaml puts the path of keys first: `dimensions[0].weight: invalid type: ...`.
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
mod tests {
    use super::*;

    #[test]
    fn a_file_is_taken_for_a_mapping_of_ours_only_by_a_key_of_ours() {
        let keys = ["id", "dimensions"];
        assert!(has_top_level_key("# c\n---\nid: x\n", &keys));
        assert!(has_top_level_key("title: t\n\"dimensions\":\n  - a\n", &keys));
        assert!(has_top_level_key("{id: x}\n", &keys));
        assert!(!has_top_level_key("root:$6$hash:19000:0:99999:7:::\nDB_PASSWORD: x\n", &keys));
        assert!(!has_top_level_key("other:\n  id: nested\n", &keys), "a nested key is not a top-level one");
        assert!(!has_top_level_key("- id\n", &keys));
        assert!(!has_top_level_key("", &keys));
    }
    use crate::questionnaire::BUILT_INS;
    use crate::questionnaire::tests::MINIMAL;

    #[test]
    fn nesting_is_measured_without_counting_text() {
        assert!(too_deep(MINIMAL, 8).is_none());
        for (_, text) in BUILT_INS {
            assert!(too_deep(text, 8).is_none());
        }
        // Brackets in plain, quoted and block text are text, not nesting.
        let text = format!("a: x{0}\nb: \"{0}\"\nc: |\n  {0}\nd: '{0}'\n", "[".repeat(100));
        assert!(too_deep(&text, 4).is_none(), "{:?}", too_deep(&text, 4));
        assert_eq!(too_deep("a:\n  - [[[1]]]\n", 4).map(|(l, c, _)| (l, c)), Some((2, 6)));
        assert!(too_deep(&format!("{}x", "- ".repeat(10)), 8).is_some());
        assert!(too_deep(&format!("a: {}", "{b: ".repeat(10)), 8).is_some());
        // An apostrophe inside a plain word does not hide the nesting after it.
        assert!(too_deep(&format!("a: [it's\n{}", "[".repeat(10)), 8).is_some());
        assert!(too_deep("a: ['x[[[[[[[[[[', \"[[[[[[[[[[\"]", 8).is_none());
    }

    #[test]
    fn nesting_counts_blocks_items_and_flows_and_skips_quotes_comments_and_block_text() {
        /// (what it shows, text, limit, where the scan calls it too deep)
        type Case = (&'static str, &'static str, usize, Option<(usize, usize)>);
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("mappings in mappings", "a:\n  b:\n    c: 1\n", 3, None),
            ("one level too many", "a:\n  b:\n    c: 1\n", 2, Some((3, 5))),
            ("CRLF line ends", "a:\r\n  b:\r\n    c: 1\r\n", 2, Some((3, 5))),
            ("items on one line", "- - - x\n", 4, None),
            ("an item opens a level", "- - - x\n", 3, Some((1, 7))),
            ("so does a complex key", "? - - x\n", 3, Some((1, 7))),
            ("an item alone on its line", "a:\n  -\n    - x\n", 3, Some((3, 7))),
            ("an item holding a mapping", "a:\n  - b: [1]\n", 4, None),
            ("an item holding a flow", "a:\n  - b: [1]\n", 3, Some((2, 8))),
            ("flows add to the block", "a: [[1]]\n", 3, None),
            ("the second bracket is one too many", "a: [[1]]\n", 2, Some((1, 5))),
            ("a flow at the start of a line", "[[[1]]]\n", 3, Some((1, 3))),
            ("closing brackets close", "a: [1]\nb: [[1]]\n", 3, None),
            ("so the next line starts again", "a: [1]\nb: [[1]]\n", 2, Some((2, 5))),
            ("braces like brackets", "a: {b: [1]}\nc: {d: {e: 1}}\n", 2, Some((1, 8))),
            ("a document marker starts again", "a:\n  b:\n---\n  c:\n    d: 1\n", 2, None),
            ("so does a document end", "a:\n  b:\n...\n  c:\n    d: 1\n", 2, None),
            ("a key of two words", "a b: [[1]]\n", 2, Some((1, 7))),
            ("a colon inside a key", "a:b: [[1]]\n", 2, Some((1, 7))),
            ("a comment line", "# [[[[[[\na: 1\n", 1, None),
            ("a comment before the colon", "x #: [[[[[[\n", 3, None),
            ("a quoted key before a block", "\"ab\": |\n  [[[[[[\n", 2, None),
            ("a flow mapping at the start of a line", "{a: [[[1]]]}\n", 4, Some((1, 7))),
            ("a single-quoted key", "'a: [[[[': 1\n", 2, None),
            ("an escaped quote in a key", "\"k\\\": [[[[\": 1\n", 2, None),
            ("an anchor before a flow", "a: &x [[1]]\n", 2, Some((1, 8))),
            ("a tag before a flow", "a: !!seq [[1]]\n", 2, Some((1, 11))),
            ("both", "a: &x !t [[1]]\n", 2, Some((1, 11))),
            ("both, within the limit", "a: &x !t [[1]]\n", 3, None),
            ("an anchor ending its line", "a: &x\n  b: [1]\n", 2, Some((2, 6))),
            ("an anchor and spaces ending its line", "a: &x  \n  b: [1]\n", 2, Some((2, 6))),
            ("a literal block, blank line and all", "a: |\n  [[[[[[\n\n  [[[[\nb:\n  c: [[1]]\n", 4, None),
            ("after the block, counting goes on", "a: |\n  [[[[[[\n\n  [[[[\nb:\n  c: [[1]]\n", 3, Some((6, 7))),
            ("a folded block", "a: >\n  [[[[[\n", 2, None),
            ("a quoted value over lines", "a: \"x\n  [[[[[[\n  y\"\nb: 1\n", 2, None),
            ("an escaped quote in a value", "a: \"x\\\" [[[[[[\"\n", 2, None),
            ("a doubled single quote", "a: 'it''s [[[[[[[['\n", 2, None),
            ("a quoted item in a flow", "a: ['x]]]]', [[1]]]\n", 4, None),
            ("a double-quoted item, then brackets", "a: [\"ab\", [[1]]]\n", 3, Some((1, 12))),
            ("brackets after it count", "a: ['x]]]]', [[1]]]\n", 3, Some((1, 15))),
            ("a comment in a flow", "a: [ # [[[[\n  1]\n", 3, None),
            ("a comment in a flow, no space after the hash", "a: [ #[[[[\n  1]\n", 3, None),
            ("a hash inside a word in a flow", "a: [x#y, [[1]]]\n", 3, Some((1, 11))),
            ("a comment line in a flow", "a: [\n# [[[[\n  1]\n", 3, None),
        ];
        for (what, text, limit, expected) in cases {
            assert_eq!(too_deep(text, *limit).map(|(line, col, _)| (line, col)), *expected, "{what}: {text:?}");
        }
    }

    proptest::proptest! {
        /// Whatever the app (or serde) writes, nested a little, the scan never calls too deep.
        #[test]
        fn written_yaml_is_never_called_too_deep(value in shallow_value()) {
            let text = serde_yaml::to_string(&value).unwrap();
            proptest::prop_assert!(too_deep(&text, MAX_NESTING).is_none(), "{}", text);
        }
    }

    fn shallow_value() -> impl proptest::strategy::Strategy<Value = serde_yaml::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            any::<bool>().prop_map(serde_yaml::Value::from),
            any::<i64>().prop_map(serde_yaml::Value::from),
            "[ -~\n]{0,12}".prop_map(serde_yaml::Value::from),
        ];
        leaf.prop_recursive(20, 200, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_yaml::Value::Sequence),
                proptest::collection::vec(("[ -~]{1,6}", inner), 0..4)
                    .prop_map(|kv| serde_yaml::Value::Mapping(kv.into_iter().map(|(k, v)| (k.into(), v)).collect())),
            ]
        })
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read by serde only
    struct Known {
        a: u32,
    }

    /// The problems of `text` read as a `T`, each as "place: message".
    fn problems<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str, budget: usize) -> Vec<String> {
        let problems = parse_strict_within::<T>(text, "f.yaml", budget).unwrap_err();
        problems.into_iter().map(|p| format!("{}: {}", p.location, p.message)).collect()
    }

    fn unknown_keys(text: &str, budget: usize) -> Vec<String> {
        problems::<Known>(text, budget)
    }

    #[test]
    fn unknown_keys_are_all_reported_until_the_reparse_budget_is_spent() {
        let text = "a: 1\nzz1: 1\nzz2: 1\nzz3: 1\n";
        let all = unknown_keys(text, usize::MAX);
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(all[0].starts_with("f.yaml:2:1: unknown key `zz1`") && all[2].starts_with("f.yaml:4:1:"), "{all:?}");
        // Each unknown key found blanks its line (6 characters) before the next parse: the
        // budget is spent exactly by the first two parses, so the third does not run.
        let first_two = text.len() + (text.len() - 6);
        let cut = unknown_keys(text, first_two);
        assert_eq!(cut.len(), 3, "{cut:?}");
        assert_eq!(cut[2], "f.yaml: only the first 2 unknown keys are reported; fix them and check the file again");
        let one = unknown_keys(text, first_two - 1);
        assert_eq!(one[1], "f.yaml: only the first unknown key is reported; fix it and check the file again");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read by serde only
    struct Outer {
        a: u32,
        inner: Option<Known>,
    }

    fn problems_of_outer(text: &str) -> Vec<String> {
        problems::<Outer>(text, REPARSE_BUDGET_BYTES)
    }

    #[test]
    fn an_unknown_key_is_blanked_with_everything_under_it_and_only_when_alone_on_its_line() {
        // `x` sits one column deeper than `zz`, so it goes with it; `a` is `inner`'s own key.
        let under = problems_of_outer("a: 1\ninner:\n  zz:\n   x: 1\n  a: 2\n");
        assert_eq!(under.len(), 1, "{under:?}");
        assert!(under[0].starts_with("f.yaml:3:3: inner: unknown key `zz`"), "{under:?}");
        // In a flow mapping the key shares its line: blanking would break the line, so the
        // search stops at the first unknown key.
        let flow = problems_of_outer("a: 1\ninner: {a: 1, zz: 2}\nyy: 3\n");
        assert_eq!(flow.len(), 1, "{flow:?}");
        assert!(flow[0].starts_with("f.yaml:2:15: inner: unknown key `zz`"), "{flow:?}");
    }

    #[test]
    fn two_hundred_unknown_keys_are_enough_to_report() {
        let text: String = std::iter::once("a: 1\n".to_owned()).chain((0..201).map(|i| format!("z{i}: 1\n"))).collect();
        let problems = unknown_keys(&text, REPARSE_BUDGET_BYTES);
        assert_eq!(problems.len(), 201);
        assert!(
            problems[200].ends_with("only the first 200 unknown keys are reported; fix them and check the file again")
        );
    }

    #[test]
    fn a_file_of_a_megabyte_still_gets_every_unknown_key_reported() {
        let text = format!("a: 1\nzz1: 1\nzz2: 1\nzz3: 1\n# {}\n", "x".repeat(1024 * 1024));
        assert_eq!(unknown_keys(&text, REPARSE_BUDGET_BYTES).len(), 3);
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        let at = forbidden_character;
        assert_eq!(at("a: b\tc\r\nd: e\u{85}f\n"), None, "tab, line breaks and NEL are allowed");
        let (line, col, message) = at("a: 1\nbé: x\u{7}y\n").unwrap();
        assert_eq!((line, col), (2, 6), "columns count characters");
        assert_eq!(message, "a control character (U+0007) is not allowed in YAML text; remove it");
        assert_eq!(at("a: x\u{FFFE}").map(|(l, c, _)| (l, c)), Some((1, 5)));
        assert_eq!(at("a:\n\n  \u{FFFF}").map(|(l, c, _)| (l, c)), Some((3, 3)));
        let problems = parse_strict::<Known>("a: 1\nb\u{0}: 2\n", "f.yaml").unwrap_err();
        assert_eq!(problems[0].location, "f.yaml:2:2");
    }

    #[test]
    fn yaml_messages_say_what_was_found_in_words() {
        let n = "a whole number from 0 to 4294967295";
        for (serde, ours) in [
            // serde's place at the end goes (we print it first), but not a place inside a value.
            ("missing field `id` at line 1 column 1", "missing key `id`".to_owned()),
            (
                "invalid type: string \"a at line 9, column 9\", expected u32",
                format!("invalid type: expected {n}, found the text \"a at lin…\""),
            ),
            // The path of keys is kept before the message; nothing else is taken for a path.
            (
                "answers.x: invalid type: floating point `1.5`, expected u32",
                format!("answers.x: invalid type: expected {n}, found the number 1.5"),
            ),
            (": invalid type: sequence, expected u32", ": invalid type: sequence, expected u32".to_owned()),
            ("oops invalid value: 3, expected u32", "oops invalid value: 3, expected u32".to_owned()),
            ("invalid type: string \"abc, expected u32", format!("invalid type: expected {n}, found string \"abc")),
            ("invalid type: unit value, expected u32", format!("invalid type: expected {n}, found nothing")),
            ("invalid type: boolean `true`, expected u32", format!("invalid type: expected {n}, found true or false")),
            ("invalid type: map, expected a sequence", "invalid type: expected a list, found a mapping".to_owned()),
            (
                "invalid value: string \"1e999\", expected f64",
                "the number 1e999 is too large: expected a number".to_owned(),
            ),
            (
                "invalid type: string \"3\", expected f64",
                "invalid type: expected a number, found the text \"3\"".to_owned(),
            ),
            ("invalid type: enum, expected u32", format!("invalid type: expected {n}, found enum")),
            (
                "invalid type: sequence, expected struct Unknown",
                "invalid type: expected a mapping, found a list".to_owned(),
            ),
        ] {
            assert_eq!(clean_yaml_message(serde), ours, "{serde}");
        }
    }

    #[test]
    fn yaml_messages_name_no_rust_types_and_quote_little() {
        let m =
            clean_yaml_message("invalid type: string \"SECRET_KEY=abc\", expected struct Session at line 1 column 1");
        assert_eq!(m, "invalid type: expected a mapping of session keys, found the text \"SECRET_K…\"");
        let m = clean_yaml_message("version: invalid type: integer `99999999999999999999999` as u128, expected u32");
        assert_eq!(
            m,
            "version: the number 99999999999999999999999 is too large: expected a whole number from 0 to 4294967295"
        );
        let m = clean_yaml_message(&format!("unknown field `{}\x1b`, expected `id`", "k".repeat(100)));
        assert!(m.len() < 200 && !m.contains('\x1b') && m.contains("unknown key"), "{m}");
    }
}
