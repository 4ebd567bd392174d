//! Text from a session file made fit for a cell of the screen: control characters shown as
//! `?`, cut to a width (ending in `…`) and padded. Shared by the facilitator's update (its
//! status lines) and its screen.

use unicode_width::UnicodeWidthStr;

/// Text from a file, safe to draw: control characters (escape sequences) become `?`.
pub(crate) fn shown(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// The longest start of `text` that fits in `width` cells.
pub(crate) fn take_width(text: &str, width: usize) -> &str {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.width().unwrap_or(0);
            used > width
        })
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Text cut to `width` cells (ending in `…` when cut) and padded to it.
pub(crate) fn fit(text: &str, width: usize) -> String {
    let text = shown(text);
    let out = match width {
        _ if text.width() <= width => text,
        0 => String::new(),
        _ => format!("{}…", take_width(&text, width - 1)),
    };
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
    let text = shown(text);
    let kept = take_width(&text, width.saturating_sub(end.width()));
    cut(&format!("{}{end}", kept.trim_end()), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_by_the_cells_it_takes_not_its_characters() {
        assert_eq!(take_width("a漢b", 2), "a", "a wide character that does not fit is left out whole");
        assert_eq!(take_width("a漢b", 3), "a漢");
        assert_eq!(take_width("abc", 9), "abc");
        assert_eq!(fit("a漢bc", 4), "a漢…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("ab", 0), "");
    }

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
