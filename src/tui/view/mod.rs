//! Drawing: one function per screen (one file each, the facilitator's in `facilitator`), each
//! reading the model and nothing else; this file draws the frame around them: the header, the
//! key hints and status lines and the help (both read from the keymaps through `app`). The
//! theme and the text helpers they share are in `theme`.
//!
//! Colours follow `Model::color` (off under NO_COLOR); everything important is also shown by
//! text or reverse video, so the screens read the same without colour. Text colours are ones
//! that read on dark and light backgrounds alike (no dark grey, no dark blue); coloured
//! backgrounds carry black text.

mod context;
pub(crate) mod facilitator;
mod map;
mod question;
mod results;
mod start;
mod theme;

use super::app::{Entry, MAX_COLS, MAX_ROWS, Model, Page, Screen, help_rows, hint_rows};
use super::input::wrap_with_cursor;
use super::keymap::hint_line;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use theme::{Theme, clip, home, short_path};
use unicode_width::UnicodeWidthStr;

use super::app::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the model: the header, the screen shown, the key hints and status, and the help
/// over them when it is open; a window too small gets a request to enlarge it instead.
pub fn draw(model: &Model, frame: &mut Frame) {
    // A terminal reporting a huge size gets a capped area (the loop caps the buffers too).
    let full = frame.area();
    let area = Rect::new(full.x, full.y, full.width.min(MAX_COLS), full.height.min(MAX_ROWS));
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Please enlarge the window: it is {}×{}, and the assessment needs at least {MIN_WIDTH}×{MIN_HEIGHT} to show every answer. Your answers are safe; until then only q (save and quit) works.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let theme = Theme { color: model.color };
    let bottom = bottom_lines(model, area.width as usize, area.height as usize);
    let [header, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(bottom.len() as u16)])
            .areas(area);
    draw_header(model, &theme, frame, header);
    draw_body(model, &theme, frame, body);
    draw_status(model, &theme, frame, status, bottom);
    if model.help_overlay {
        draw_help(model, &theme, frame, area);
    }
}

/// The screen itself: an entry screen while no session is open, else the assessment's page.
fn draw_body(model: &Model, theme: &Theme, frame: &mut Frame, body: Rect) {
    let Some(a) = &model.assessment else {
        match model.entry {
            Entry::Start => start::draw_start(model, theme, frame, body),
            Entry::NewSession => start::draw_form(model, theme, frame, body),
        }
        return;
    };
    match a.page {
        Page::Question if a.workshop.is_some() => facilitator::draw(a, model.color, frame, body),
        Page::Question => question::draw_question(a, theme, frame, body),
        Page::Context => context::draw_context(a, theme, frame, body),
        Page::Bottlenecks => map::draw_bottlenecks(a, theme, frame, body),
        Page::Results if a.workshop.is_some() => {
            let rest = facilitator::draw_results_panel(a, model.color, frame, body);
            results::draw_results(a, theme, frame, rest)
        }
        Page::Results => results::draw_results(a, theme, frame, body),
    }
}

fn draw_header(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" mlops-maturity ", theme.accent().add_modifier(Modifier::REVERSED))];
    if let Some(a) = &model.assessment {
        let who: Vec<&str> =
            [a.session.team.as_deref(), a.session.respondent.as_deref()].into_iter().flatten().collect();
        spans.push(Span::raw(format!(" {} ", a.questionnaire.title)));
        if !who.is_empty() {
            spans.push(Span::styled(format!("· {} ", who.join(" · ")), theme.dim()));
        }
        let tabs = [
            (Screen::Question, "Questions"),
            (Screen::Context, "Context"),
            (Screen::Bottlenecks, "Map"),
            (Screen::Results, "Results"),
        ];
        let tab_text: Vec<Span> = tabs
            .iter()
            .flat_map(|(s, label)| {
                let style = if *s == model.screen() { theme.selected() } else { theme.dim() };
                [Span::raw(" "), Span::styled(format!(" {label} "), style)]
            })
            .collect();
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let tabs_width: usize = tab_text.iter().map(|s| s.width()).sum();
        if used + tabs_width < area.width as usize {
            spans.push(Span::raw(" ".repeat(area.width as usize - used - tabs_width)));
            spans.extend(tab_text);
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key hints under the screen, from the screen's keymap (`app::hint_rows`).
fn key_hints(model: &Model) -> String {
    hint_line(&hint_rows(model))
}

/// The status message with the home folder shortened to `~`.
fn status_text(model: &Model) -> String {
    match home() {
        Some(home) => model.status.replace(home, "~"),
        None => model.status.clone(),
    }
}

/// The bottom lines: key hints and the status message on one line when both fit, else the
/// message wrapped on lines of its own above the hints (never cut).
fn bottom_lines(model: &Model, width: usize, height: usize) -> Vec<(String, bool)> {
    let keys = key_hints(model);
    let keys = keys.as_str();
    let status = status_text(model);
    if !status.contains('\n') && keys.width() + status.width() + 3 <= width {
        let gap = width - keys.width() - status.width();
        return vec![(format!("{keys}{}{status}", " ".repeat(gap)), !status.is_empty())];
    }
    // A path on a line of its own that is too long keeps its end (the file name), never wraps.
    let mut lines = Vec::new();
    for part in status.split('\n') {
        if (part.starts_with('/') || part.starts_with('~')) && !part.contains(' ') {
            lines.push(short_path(std::path::Path::new(part), width));
        } else {
            lines.extend(wrap_with_cursor(part, 0, width).0);
        }
    }
    // A very long message (a template error) takes up to a third of the window; the rest of
    // it ends in … and the full text is in the exit message or the file it names.
    let room = (height / 3).max(3);
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            *last = clip(&format!("{last} …"), width);
        }
    }
    let mut out: Vec<(String, bool)> =
        lines.into_iter().filter(|l| !status.is_empty() || !l.is_empty()).map(|l| (l, true)).collect();
    // Hints too long for the line wrap at their separators, never cut; the last line gets
    // at least two of them ("q quit" never alone).
    let mut rows: Vec<Vec<&str>> = vec![Vec::new()];
    for part in keys.split(" · ") {
        let line = rows.last_mut().expect("a row");
        let used: usize = line.iter().map(|p| p.width() + 3).sum();
        if !line.is_empty() && used + part.width() > width {
            rows.push(Vec::new());
        }
        rows.last_mut().expect("a row").push(part);
    }
    let n = rows.len();
    if n >= 2 && rows[n - 1].len() == 1 && rows[n - 2].len() >= 3 {
        let moved = rows[n - 2].pop().expect("a part");
        rows[n - 1].insert(0, moved);
    }
    out.extend(rows.into_iter().map(|parts| (parts.join(" · "), false)));
    out
}

fn draw_status(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect, lines: Vec<(String, bool)>) {
    let bad = model.status.starts_with("NOT SAVED") || model.save_error.is_some();
    let status_style = if bad { theme.fg(Color::Red).add_modifier(Modifier::BOLD) } else { theme.fg(Color::Green) };
    let keys = key_hints(model);
    let keys = keys.as_str();
    let rendered: Vec<Line> = lines
        .into_iter()
        .map(|(text, has_status)| match (has_status, text.strip_prefix(keys)) {
            (true, Some(rest)) => Line::from(vec![Span::raw(keys), Span::styled(rest.to_owned(), status_style)]),
            (true, None) => Line::styled(text, status_style),
            (false, _) => Line::raw(text),
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), area);
}

/// The keys, then the questionnaire's guide to answering; it scrolls when longer than the window.
fn draw_help(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.min(100);
    let inner_width = width.saturating_sub(2) as usize;
    let row = |k: &str, what: &str| {
        Line::from(vec![Span::styled(format!(" {k:<16}"), theme.accent()), Span::raw(what.to_owned())])
    };
    let mut lines: Vec<Line> = Vec::new();
    // Every key, each on one line even in the smallest window; a workshop's own keys first:
    // they are what the facilitator looks for.
    let (workshop, every) = help_rows(model);
    if !workshop.is_empty() {
        lines.push(Line::styled(" Workshop, on a question", theme.accent()));
        lines.extend(workshop.iter().map(|(k, what)| row(k, what)));
        lines.push(Line::raw(""));
        lines.push(Line::styled(" Every screen", theme.accent()));
    }
    lines.extend(every.iter().map(|(k, what)| row(k, what)));
    if let Some(guide) = model.assessment.as_ref().and_then(|a| a.questionnaire.guide.as_deref()) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(" How to answer", theme.accent()));
        for paragraph in guide.lines() {
            let (wrapped, _, _) = wrap_with_cursor(paragraph, 0, inner_width.saturating_sub(2));
            lines.extend(wrapped.into_iter().map(|l| Line::raw(format!(" {l}"))));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let room = height.saturating_sub(2) as usize;
    let top = model.help_scroll.min(lines.len().saturating_sub(room));
    let more = lines.len() > top + room;
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, popup);
    let bottom = if more { " ↓ more · any other key closes " } else { " any key closes " };
    let block = Block::default().borders(Borders::ALL).title(" Keys ").title_bottom(bottom);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(room).collect();
    frame.render_widget(Paragraph::new(shown).block(block), popup);
}
