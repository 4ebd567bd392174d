//! Text from files made safe to print on a terminal, and short excerpts of untrusted values.
//!
//! Team names, ids, file names and parser messages all come from files someone else may have
//! written. A terminal obeys escape sequences wherever they appear, so every shell passes text
//! through `printable` (messages) or `one_line` (a field in a table) before it prints it;
//! control characters are shown escaped (`\x1b`), never sent. `excerpt` cuts a value to a few
//! characters so an error never echoes a whole secret or an 8 MiB line.

use std::borrow::Cow;

/// Whether `c` would change what a terminal shows beyond drawing a glyph: C0 and C1 controls,
/// DEL, and the bidirectional overrides that reorder text.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn escape_into(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let code = c as u32;
    if code < 0x100 {
        let _ = write!(out, "\\x{code:02x}");
    } else {
        let _ = write!(out, "\\u{{{code:x}}}");
    }
}

fn escape_where(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text safe to print: every control character escaped except line breaks and tabs.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || c == '\t')
}

/// One line of text safe to print: every control character escaped, line breaks too.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |_| false)
}

/// At most `max_chars` characters of `text` on one line, escaped, with `…` when cut.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let mut cut: String = text.chars().take(max_chars).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    one_line(&cut).into_owned()
}

/// Cuts every line of a message to `max_chars` characters, so no message floods a terminal.
pub(crate) fn cap_lines(text: &str, max_chars: usize) -> String {
    text.split('\n').map(|line| excerpt_keep_tabs(line, max_chars)).collect::<Vec<_>>().join("\n")
}

fn excerpt_keep_tabs(line: &str, max_chars: usize) -> String {
    let mut cut: String = line.chars().take(max_chars).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    printable(&cut).into_owned()
}

/// Whether a file the app writes drops `c`: every C0 control but tab and line feed, DEL, C1, and
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
fn dropped_in_files(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text as every file the app writes holds it: CR LF becomes LF, and every control character
/// but tab and line feed is removed (see [`dropped_in_files`]), so `cat` of a report runs nothing
/// and a spreadsheet's formula guard sees the real first character.
pub(crate) fn clean_for_file(text: &str) -> Cow<'_, str> {
    if !text.chars().any(dropped_in_files) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !dropped_in_files(c)).collect())
}

/// Cleans every string of a JSON value, keys included, as [`clean_for_file`] does.
pub(crate) fn clean_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Cow::Owned(clean) = clean_for_file(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_json),
        Value::Object(map) => {
            if map.keys().any(|k| k.chars().any(dropped_in_files)) {
                let old = std::mem::take(map);
                for (k, mut v) in old {
                    clean_json(&mut v);
                    map.insert(clean_for_file(&k).into_owned(), v);
                }
            } else {
                map.values_mut().for_each(clean_json);
            }
        }
        _ => {}
    }
}

/// Serialises `data` as pretty JSON with a final line break, every string cleaned as
/// [`clean_for_file`] does (JSON escapes nothing it could instead remove).
pub(crate) fn clean_json_text<T: serde::Serialize>(data: &T) -> String {
    let mut value = serde_json::to_value(data).expect("reports serialise to JSON");
    clean_json(&mut value);
    let mut out = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
    out.push('\n');
    out
}

/// `x` rounded to `places` decimals half away from zero, from the unrounded value with DESIGN's
/// 1e-9 allowance: 1.425 gives 1.43 (plain rounding gives 1.42, since 1.425 is stored as
/// 1.42499…). Every number the app shows goes through here, so every table agrees.
pub(crate) fn round_half_up(x: f64, places: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let factor = 10f64.powi(places as i32);
    let rounded = ((x.abs() + 1e-9) * factor + 0.5).floor() / factor;
    if x < 0.0 && rounded != 0.0 { -rounded } else { rounded }
}

/// `x` shown with `places` decimals, rounded by `round_half_up`.
pub fn fixed(x: f64, places: usize) -> String {
    format!("{:.places$}", round_half_up(x, places))
}

/// A number from a file, short: `1.79e308`, not its 309 digits.
pub(crate) fn number(x: f64) -> String {
    if x.is_finite() && (x == 0.0 || (1e-6..1e9).contains(&x.abs())) { format!("{x}") } else { format!("{x:e}") }
}

/// Whole seconds as a clock reads them: `12:05`, or `1:02:05` from an hour on. The one clock
/// of the reports, the history and the facilitator's screen.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// A CSV cell's text: cleaned first (control characters removed, as in every file the app
/// writes), then a cell a spreadsheet would evaluate (`=`, `+`, `-`, `@` or tab first) gets a
/// leading `'`, so it shows as text instead of running as a formula. Cleaning goes first so that
/// no removed character hides the real first one from the guard.
pub fn guard_formula(cell: &str) -> String {
    let cell = crate::printable::clean_for_file(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t') => format!("'{cell}"),
        _ => cell.into_owned(),
    }
}

/// A CSV table (RFC 4180 quoting by the `csv` crate, CRLF line ends): the header, then each
/// row, every cell through [`guard_formula`]. The one CSV writer of the roadmap and the
/// portfolio, so their cells are quoted and guarded alike.
pub fn csv_table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a Vec cannot fail, and a row of another length than the header's is a bug.
    out.write_record(header.iter().map(|cell| guard_formula(cell))).expect("writing to memory");
    for row in rows {
        out.write_record(row.iter().map(|cell| guard_formula(cell))).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("flushing to memory");
    String::from_utf8(bytes).expect("the cells are UTF-8 strings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_shown_not_sent() {
        assert_eq!(printable("a\x1b]0;title\x07b"), "a\\x1b]0;title\\x07b");
        assert_eq!(printable("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(one_line("a\nb\r"), "a\\x0ab\\x0d");
        assert_eq!(printable("\u{9b}2J \u{202e}txt"), "\\x9b2J \\u{202e}txt");
        assert_eq!(printable("日本 🚀"), "日本 🚀");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn files_keep_no_control_characters_but_tab_and_line_feed() {
        assert_eq!(clean_for_file("a\r\nb\rc\x1b[2J\x07\u{9b}\u{7f}\td\u{202e}e\u{2066}"), "a\nbc[2J\tde");
        assert!(matches!(clean_for_file("plain\ttext\n"), Cow::Borrowed(_)));
        let mut v = serde_json::json!({"a\u{1}b": ["x\u{0}=1", {"k": "\u{85}ok"}], "n": 1.5});
        clean_json(&mut v);
        assert_eq!(v, serde_json::json!({"ab": ["x=1", {"k": "ok"}], "n": 1.5}));
    }

    #[test]
    fn shown_numbers_round_half_up_with_the_allowance() {
        assert_eq!(fixed(1.425, 2), "1.43");
        assert_eq!(fixed(0.425 * 100.0, 0), "43");
        assert_eq!(fixed(1.424_999, 2), "1.42");
        assert_eq!(fixed(-1.425, 2), "-1.43");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(2.0, 1), "2.0");
        assert_eq!(fixed(0.05, 1), "0.1");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(1.79e308), "1.79e308");
        assert_eq!(number(20.0), "20");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::INFINITY), "inf");
    }

    #[test]
    fn excerpts_are_short_and_marked_when_cut() {
        assert_eq!(excerpt("SECRET_KEY=hunter2", 6), "SECRET…");
        assert_eq!(excerpt("short", 6), "short");
        assert_eq!(excerpt("a\x1bb", 6), "a\\x1bb");
        assert_eq!(cap_lines(&format!("{}\nok", "x".repeat(50)), 10), format!("{}…\nok", "x".repeat(10)));
    }

    #[test]
    fn a_clock_shows_hours_only_from_an_hour_on() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(59), "0:59");
        assert_eq!(clock(3599), "59:59");
        assert_eq!(clock(3600), "1:00:00");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(crate::templates::clock(-3.0), "0:00", "the filter shows nothing below zero");
        assert_eq!(crate::templates::clock(59.6), "1:00", "and rounds to whole seconds");
    }

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
    fn csv_cells_are_quoted_where_needed_and_never_formulas() {
        let rows =
            vec![vec!["Fraud ML".to_owned(), "a,b".into(), "say \"hi\"".into(), "=HYPERLINK(1)".into(), "-1,2".into()]];
        assert_eq!(
            csv_table(&["team", "x", "y", "z", "w"], rows),
            "team,x,y,z,w\r\nFraud ML,\"a,b\",\"say \"\"hi\"\"\",'=HYPERLINK(1),\"'-1,2\"\r\n"
        );
    }
}
