//! What every screen's drawing shares: the theme (colours that read on dark and light
//! backgrounds, and without colour), a framed panel, and text cut or padded to its cells.

use crate::session::Answer;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Padding};
use unicode_width::UnicodeWidthStr;

/// The colours of the screens: none under NO_COLOR (`Model::color` off).
pub(super) struct Theme {
    /// Colours are used.
    pub(super) color: bool,
}

impl Theme {
    /// Text in colour `c` (plain without colour).
    pub(super) fn fg(&self, c: Color) -> Style {
        if self.color { Style::default().fg(c) } else { Style::default() }
    }
    /// Black text on a coloured background; reverse video without colour.
    pub(super) fn badge(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(c)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    /// The accent: bold magenta.
    pub(super) fn accent(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    /// Secondary text: plain, so it stays readable on a projector.
    pub(super) fn dim(&self) -> Style {
        Style::default()
    }
    /// What is chosen: reverse video.
    pub(super) fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    /// The colour an answer is shown in.
    pub(super) fn answer(&self, a: Answer) -> Color {
        match a {
            Answer::Yes => Color::Green,
            Answer::Partial => Color::Yellow,
            Answer::No => Color::Red,
            Answer::Unknown => Color::Magenta,
            Answer::Na => Color::Cyan,
        }
    }
}

/// The home folder (`$HOME`) that paths on screen show as `~`, read once: not `/` or empty.
pub(super) fn home() -> Option<&'static str> {
    static HOME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    HOME.get_or_init(|| std::env::var("HOME").ok().filter(|h| h.len() > 1)).as_deref()
}

/// Draws a bordered, padded panel with a title and returns the area inside it.
pub(super) fn framed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::default().borders(Borders::ALL).padding(Padding::horizontal(2)).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Cuts text to `width` cells, ending in `…` when cut; pads nothing.
pub(super) fn clip(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    match width {
        _ if s.width() <= width => s.to_owned(),
        0 => "…".to_owned(),
        _ => format!("{}…", crate::tui::text::take_width(s, width - 1)),
    }
}

/// A path for the screen: the home folder as `~`, and when still too long for `width` cells,
/// its end kept behind a leading `…` (the file name matters most), never cut mid-name at the end.
pub(super) fn short_path(path: &std::path::Path, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let text = path.display().to_string();
    let text = match home() {
        Some(home) if text.starts_with(home) => format!("~{}", &text[home.len()..]),
        _ => text,
    };
    if text.width() <= width {
        return text;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// Pads text with spaces to `width` cells (format's `{:<w}` counts chars, not cells).
pub(super) fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let clipped = clip(s, width);
    let w = clipped.width();
    format!("{clipped}{}", " ".repeat(width.saturating_sub(w)))
}
