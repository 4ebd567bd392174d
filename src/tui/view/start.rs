//! The start screen (every saved session) and the new-session form.

use super::{Theme, clip, framed, pad};
use crate::tui::app::Model;
use crate::tui::input::wrap_with_cursor;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn draw_start(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Open a session, start the next assessment, or a new one ");
    let w = inner.width as usize;
    // Team and respondent share what the fixed columns leave.
    let (q_w, progress_w, date_w) = (if w >= 80 { 16 } else { 14 }, 9, 10);
    let free = w.saturating_sub(q_w + progress_w + date_w + 4).max(16);
    let (team_w, resp_w) = (free * 3 / 5, free - free * 3 / 5);
    let row = |team: &str, resp: &str, q: &str, progress: &str, date: &str| {
        format!(
            "{} {} {} {} {}",
            pad(team, team_w),
            pad(resp, resp_w),
            pad(q, q_w),
            pad(progress, progress_w),
            clip(date, date_w)
        )
    };
    let mut lines = vec![Line::styled(
        row("Team", "Respondent", "Questionnaire", "Answered", "Date"),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    // Room for sessions: the header, the "new" row and the selected session's details stay.
    let room = (inner.height as usize).saturating_sub(4).max(1);
    let rows = model.saved.len();
    let first = model.start_row.min(rows.saturating_sub(1)).saturating_sub(room - 1).min(rows.saturating_sub(room));
    for (i, s) in model.saved.iter().enumerate().skip(first).take(room) {
        let progress = if s.problem.is_some() {
            "invalid".to_owned()
        } else if s.answered == s.total {
            format!("{}/{} ✓", s.answered, s.total)
        } else {
            format!("{}/{}", s.answered, s.total)
        };
        let text = row(&s.team, &s.respondent, &s.questionnaire, &progress, &s.changed);
        let style = if i == model.start_row {
            theme.selected()
        } else if s.problem.is_some() {
            theme.fg(Color::Red)
        } else {
            Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    let style = if model.start_row == rows { theme.selected() } else { theme.accent() };
    lines.push(Line::styled("+ New session", style));
    let detail = match model.saved.get(model.start_row) {
        Some(s) if s.problem.is_some() => s.problem.clone().unwrap_or_default(),
        Some(s) => {
            let shown = if rows > room {
                format!("  ({} of {rows}; ↑↓ PgUp PgDn scroll)", model.start_row + 1)
            } else {
                String::new()
            };
            format!("{}{shown}", s.path.display())
        }
        None => "Start a new assessment".to_owned(),
    };
    lines.push(Line::raw(""));
    lines.extend(wrap_with_cursor(&detail, 0, w).0.into_iter().map(|l| Line::styled(l, theme.dim())));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn draw_form(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " New assessment ");
    let form = &model.form;
    let label = |i: usize, text: &str| {
        let style = if form.field == i { theme.accent() } else { Style::default() };
        Span::styled(format!("{text:<15}"), style)
    };
    let q = form.questionnaires.get(form.choice).map_or("(none)".to_owned(), |(id, title)| format!("{title} ({id})"));
    let mut lines =
        vec![Line::raw(""), Line::from(vec![label(0, "Questionnaire"), Span::raw(format!("◂ {q} ▸"))]), Line::raw("")];
    let inputs = [(1, "Team", &form.team), (2, "Respondent", &form.respondent), (3, "Role", &form.role)];
    for (i, name, input) in inputs {
        let value = if input.text.is_empty() && form.field != i {
            Span::styled("(optional)", theme.dim())
        } else {
            Span::styled(input.text.clone(), Style::default().add_modifier(Modifier::UNDERLINED))
        };
        let mut spans = vec![label(i, name), value];
        if i == 3 && form.field == 3 {
            spans.push(Span::styled("   ←→ choose, or type your own", theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let button = if form.field == 4 { theme.selected() } else { theme.accent() };
    lines.push(Line::from(vec![Span::styled(" Start the assessment ", button)]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Role: {}, or any other. It lets a workshop report compare views.", crate::tui::app::ROLES.join(", ")),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if (1..=3).contains(&form.field) {
        let input = match form.field {
            1 => &form.team,
            2 => &form.respondent,
            _ => &form.role,
        };
        let y = inner.y + 2 + form.field as u16;
        let x = inner.x + 15 + input.cursor_width() as u16; // after the label column
        frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
    }
}
