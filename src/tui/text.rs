//! Text from a session file made fit for a cell of the screen: control characters shown as
//! `?`, cut to a width (ending in `…`) and padded. Shared by the facilitator's update (its
//! status lines) and its screen.

use unicode_width::UnicodeWidthStr;

/// Text from a file, safe to draw: control characters (escape sequences) become `?`.
pub(crate) fn shown(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// Text cut to `width` cells (ending in `…` when cut) and padded to it.
pub(crate) fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let text = shown(text);
    if text.width() > width {
        for c in text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            out.push(c);
        }
        if width > 0 {
            out.push('…');
        }
    } else {
        out = text;
    }
    let pad = width.saturating_sub(out.width());
    out + &" ".repeat(pad)
}

/// Text cut to `width` cells, not padded.
pub(crate) fn cut(text: &str, width: usize) -> String {
    fit(text, width).trim_end().to_owned()
}

/// `text` followed by `end` (" …", " … (+3 lines)": it says more follows) in `width` cells: the
/// text is shortened to leave room, so the ending is shown whole, never cut off nor doubled.
pub(crate) fn ending_in(text: &str, end: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let room = width.saturating_sub(end.width());
    let mut kept = String::new();
    let mut used = 0;
    for c in shown(text).chars() {
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        kept.push(c);
    }
    cut(&format!("{}{end}", kept.trim_end()), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ending_that_says_more_follows_is_shown_whole_and_once() {
        assert_eq!(ending_in("Line five: last line", " … (+2 lines)", 40), "Line five: last line … (+2 lines)");
        assert_eq!(
            ending_in("Line five: last line of the note", " … (+2 lines)", 30),
            "Line five: last l … (+2 lines)"
        );
        assert_eq!(ending_in("abcdef", " …", 6), "abcd …");
        assert_eq!(ending_in("a\u{1b}[2J", " …", 10), "a?[2J …", "no escape sequence reaches the screen");
    }
}
