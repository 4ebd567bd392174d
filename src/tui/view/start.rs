//! The start screen (every saved session) and the new-session form.

use super::theme::{Theme, clip, framed, pad, short_path};
use crate::tui::app::{FormField, Model};
use crate::tui::input::wrap_with_cursor;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the start screen: the saved sessions and "+ New session".
pub(super) fn draw_start(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Open a session, start the next assessment, or a new one ");
    let w = inner.width as usize;
    // Team and respondent share what the fixed columns leave.
    let (q_w, progress_w, date_w) = (if w >= 80 { 16 } else { 14 }, 14, 10);
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
        row("Team", "Respondent", "Questionnaire", "Progress", "Date"),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    // Room for sessions: the header, the "new" row and the selected session's details stay.
    let room = (inner.height as usize).saturating_sub(6).max(1);
    let rows = model.saved.len();
    let first = model.start_row.min(rows.saturating_sub(1)).saturating_sub(room - 1).min(rows.saturating_sub(room));
    for (i, s) in model.saved.iter().enumerate().skip(first).take(room) {
        let progress = if s.problem.is_some() {
            "invalid".to_owned()
        } else if s.to_confirm > 0 {
            // A next assessment: its carried answers are given but not yet confirmed.
            format!("{} to confirm", s.to_confirm)
        } else if s.answered == s.total {
            format!("{}/{} ✓", s.answered, s.total)
        } else {
            format!("{}/{}", s.answered, s.total)
        };
        // Two rows that read the same are told apart by their file names.
        let twin = model.saved.iter().enumerate().any(|(j, o)| {
            j != i
                && (&o.team, &o.respondent, &o.questionnaire, &o.changed, o.to_confirm)
                    == (&s.team, &s.respondent, &s.questionnaire, &s.changed, s.to_confirm)
        });
        let respondent = match s.path.file_stem() {
            Some(stem) if twin => format!("{} ({})", s.respondent, stem.to_string_lossy()),
            _ => s.respondent.clone(),
        };
        let text = row(&s.team, &respondent, &s.questionnaire, &progress, &s.changed);
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
            let confirm = if s.to_confirm > 0 {
                format!("{} of {} answered, {} carried to confirm", s.answered, s.total, s.to_confirm)
            } else {
                String::new()
            };
            // The path on a line of its own, shortened from the left: never cut mid-name.
            let info = format!("{confirm}{shown}");
            let info = info.trim_start();
            if info.is_empty() { short_path(&s.path, w) } else { format!("{info}\n{}", short_path(&s.path, w)) }
        }
        None => "Start a new assessment".to_owned(),
    };
    lines.push(Line::raw(""));
    lines.extend(wrap_with_cursor(&detail, 0, w).0.into_iter().map(|l| Line::styled(l, theme.dim())));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the new-session form.
pub(super) fn draw_form(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " New assessment ");
    let form = &model.form;
    let label = |field: FormField, text: &str| {
        let style = if form.field == field { theme.accent() } else { Style::default() };
        Span::styled(format!("{text:<15}"), style)
    };
    let q = form.questionnaires.get(form.choice).map_or("(none)".to_owned(), |(id, title)| format!("{title} ({id})"));
    // One row per field (the cursor is placed by row): a long title is shortened, not wrapped.
    let q = clip(&q, (inner.width as usize).saturating_sub(15 + 4));
    let mut lines = vec![
        Line::raw(""),
        Line::from(vec![label(FormField::Questionnaire, "Questionnaire"), Span::raw(format!("◂ {q} ▸"))]),
        Line::raw(""),
    ];
    let inputs = [
        (FormField::Team, "Team", &form.team),
        (FormField::Respondent, "Respondent", &form.respondent),
        (FormField::Role, "Role", &form.role),
        (FormField::Participants, "Participants", &form.participants),
    ];
    for (field, name, input) in inputs {
        let value = if input.text.is_empty() && form.field != field {
            Span::styled("(optional)", theme.dim())
        } else {
            Span::styled(input.text.clone(), Style::default().add_modifier(Modifier::UNDERLINED))
        };
        let mut spans = vec![label(field, name), value];
        if field == FormField::Role && form.field == FormField::Role {
            spans.push(Span::styled("   ←→ choose, or type your own", theme.dim()));
        }
        if field == FormField::Participants && form.field == FormField::Participants && input.text.is_empty() {
            spans.push(Span::styled("for a workshop: Ana:engineering, Ben:data-science, Cy", theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let button = if form.field == FormField::Start { theme.selected() } else { theme.accent() };
    let workshop = !form.participants.text.trim().is_empty();
    let start = if workshop { " Start the workshop " } else { " Start the assessment " };
    lines.push(Line::from(vec![Span::styled(start, button)]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Role: {}, or any other. It lets a workshop report compare views.", crate::tui::app::ROLES.join(", ")),
        theme.dim(),
    ));
    lines.push(Line::styled(
        "Participants (Name:role, comma-separated) make it a workshop: everyone votes, blind, on one screen; Respondent and Role are then left out.",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if form.field.is_input() {
        let input = match form.field {
            FormField::Team => &form.team,
            FormField::Respondent => &form.respondent,
            FormField::Role => &form.role,
            _ => &form.participants,
        };
        let y = inner.y + 2 + form.field.index() as u16;
        let x = inner.x + 15 + input.cursor_width() as u16; // after the label column
        frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
    }
}
