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
