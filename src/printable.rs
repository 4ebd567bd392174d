//! Text from files made safe to print on a terminal, and short excerpts of untrusted values.
//!
//! Team names, ids, file names and parser messages all come from files someone else may have
//! written. A terminal obeys escape sequences wherever they appear, so every shell passes text
//! through [`printable`] (messages) or [`one_line`] (a field in a table) before it prints it;
//! control characters are shown escaped (`\x1b`), never sent. [`excerpt`] cuts a value to a few
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
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || c == '\t')
}

/// One line of text safe to print: every control character escaped, line breaks too.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |_| false)
}

/// At most `max_chars` characters of `text` on one line, escaped, with `…` when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let mut cut: String = text.chars().take(max_chars).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    one_line(&cut).into_owned()
}

/// Cuts every line of a message to `max_chars` characters, so no message floods a terminal.
pub fn cap_lines(text: &str, max_chars: usize) -> String {
    text.split('\n').map(|line| excerpt_keep_tabs(line, max_chars)).collect::<Vec<_>>().join("\n")
}

fn excerpt_keep_tabs(line: &str, max_chars: usize) -> String {
    let mut cut: String = line.chars().take(max_chars).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    printable(&cut).into_owned()
}

/// A number from a file, short: `1.79e308`, not its 309 digits.
pub fn number(x: f64) -> String {
    if x.is_finite() && (x == 0.0 || (1e-6..1e9).contains(&x.abs())) { format!("{x}") } else { format!("{x:e}") }
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
}
