//! Drawing: one function per screen, each reading the model and nothing else.
//!
//! Colours follow `Model::color` (off under NO_COLOR); everything important is also shown by
//! text or reverse video, so the screens read the same without colour. Text colours are ones
//! that read on dark and light backgrounds alike (no dark grey, no dark blue); coloured
//! backgrounds carry black text.

use super::app::{Assessment, CONTEXT_ROWS, Model, NoteField, Screen, context_of};
use super::input::wrap_with_cursor;
use crate::report::text_bar;
use crate::session::Answer;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::default().fg(c) } else { Style::default() }
    }
    /// Black text on a coloured background; reverse video without colour.
    fn badge(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(c)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    fn accent(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    /// Secondary text: plain, so it stays readable on a projector.
    fn dim(&self) -> Style {
        Style::default()
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    fn answer(&self, a: Answer) -> Color {
        match a {
            Answer::Yes => Color::Green,
            Answer::Partial => Color::Yellow,
            Answer::No => Color::Red,
            Answer::Unknown => Color::Magenta,
            Answer::Na => Color::Cyan,
        }
    }
}

pub fn draw(model: &Model, frame: &mut Frame) {
    // A terminal reporting a huge size gets a capped area (the loop caps the buffers too).
    let full = frame.area();
    let area = Rect::new(full.x, full.y, full.width.min(super::MAX_COLS), full.height.min(super::MAX_ROWS));
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Please enlarge the window: it is {}×{}, and the assessment needs at least {MIN_WIDTH}×{MIN_HEIGHT} to show every answer. Your answers are safe; until then only q (save and quit) works.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let theme = Theme { color: model.color };
    let bottom = bottom_lines(model, area.width as usize);
    let [header, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(bottom.len() as u16)])
            .areas(area);
    draw_header(model, &theme, frame, header);
    match (model.screen, &model.assessment) {
        (Screen::Start, _) => draw_start(model, &theme, frame, body),
        (Screen::NewSession, _) | (_, None) => draw_form(model, &theme, frame, body),
        (Screen::Question, Some(a)) if a.workshop.is_some() => super::facilitator::draw(a, model.color, frame, body),
        (Screen::Question, Some(a)) => draw_question(a, &theme, frame, body),
        (Screen::Context, Some(a)) => draw_context(a, &theme, frame, body),
        (Screen::Bottlenecks, Some(a)) => draw_bottlenecks(a, &theme, frame, body),
        (Screen::Results, Some(a)) if a.workshop.is_some() => {
            let rest = super::facilitator::draw_results_panel(a, model.color, frame, body);
            draw_results(a, &theme, frame, rest)
        }
        (Screen::Results, Some(a)) => draw_results(a, &theme, frame, body),
    }
    draw_status(model, &theme, frame, status, bottom);
    if model.help_overlay {
        draw_help(&theme, frame, area);
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
                let style = if *s == model.screen { theme.selected() } else { theme.dim() };
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

fn key_hints(model: &Model) -> &'static str {
    let editing = model.assessment.as_ref().is_some_and(|a| a.editing.is_some());
    match model.screen {
        _ if editing => "Enter keep · Esc cancel · Ctrl-J new line · ←→ Home End move",
        Screen::Start => "↑↓ choose · Enter open · a next assessment · r new respondent · n new · q quit",
        Screen::NewSession => "Tab/↑↓ field · ←→ choose · Enter next/start · Esc back · q quit",
        Screen::Question if model.assessment.as_ref().is_some_and(|a| a.workshop.is_some()) => {
            "y p n u a vote · Enter agree · Y P N U A set agreed · d disagreement · 1-9 who · q quit"
        }
        Screen::Question => "y p n u a answer · ←→ move · f unanswered · e note · ? keys · q quit",
        Screen::Context => "↑↓ field · ←→ change · digits type · x clear · Enter next · q quit",
        Screen::Bottlenecks => "↑↓ stage · ←→ time ±5 · 1-5 pain · 0 clear · Enter next · q quit",
        Screen::Results => "↑↓ scroll · export m Markdown · j JSON · w HTML · t CSV · g questions · q quit",
    }
}

/// The status message with the home folder shortened to `~`.
fn status_text(model: &Model) -> String {
    match std::env::var("HOME") {
        Ok(home) if home.len() > 1 => model.status.replace(&home, "~"),
        _ => model.status.clone(),
    }
}

/// The bottom lines: key hints and the status message on one line when both fit, else the
/// message wrapped on lines of its own above the hints (never cut).
fn bottom_lines(model: &Model, width: usize) -> Vec<(String, bool)> {
    let keys = key_hints(model);
    let status = status_text(model);
    if keys.width() + status.width() + 3 <= width {
        let gap = width - keys.width() - status.width();
        return vec![(format!("{keys}{}{status}", " ".repeat(gap)), !status.is_empty())];
    }
    let (mut lines, _, _) = wrap_with_cursor(&status, 0, width);
    lines.truncate(6);
    let mut out: Vec<(String, bool)> =
        lines.into_iter().filter(|l| !status.is_empty() || !l.is_empty()).map(|l| (l, true)).collect();
    // Hints too long for the line wrap at their separators, never cut.
    let mut line = String::new();
    for part in keys.split(" · ") {
        if !line.is_empty() && line.width() + 3 + part.width() > width {
            out.push((std::mem::take(&mut line), false));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(part);
    }
    out.push((line, false));
    out
}

fn draw_status(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect, lines: Vec<(String, bool)>) {
    let bad = model.status.starts_with("NOT SAVED") || model.save_error.is_some();
    let status_style = if bad { theme.fg(Color::Red).add_modifier(Modifier::BOLD) } else { theme.fg(Color::Green) };
    let keys = key_hints(model);
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

/// Draws a bordered, padded panel with a title and returns the area inside it.
fn framed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::default().borders(Borders::ALL).padding(Padding::horizontal(2)).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn draw_start(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Open a session, start the next assessment, or a new one ");
    let w = inner.width as usize;
    // Team and respondent share what the fixed columns leave.
    let fixed = 16 + 11 + 11;
    let free = w.saturating_sub(fixed + 4).max(16);
    let (team_w, resp_w) = (free * 3 / 5, free - free * 3 / 5);
    let row = |team: &str, resp: &str, q: &str, progress: &str, date: &str| {
        format!("{} {} {} {} {}", pad(team, team_w), pad(resp, resp_w), pad(q, 16), pad(progress, 10), date)
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
    lines.push(Line::styled(detail, theme.dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Cuts text to `width` cells, ending in `…` when cut; pads nothing.
fn clip(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads text with spaces to `width` cells (format's `{:<w}` counts chars, not cells).
fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let clipped = clip(s, width);
    let w = clipped.width();
    format!("{clipped}{}", " ".repeat(width.saturating_sub(w)))
}

fn draw_form(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
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
        format!("Role: {}, or any other. It lets a workshop report compare views.", super::app::ROLES.join(", ")),
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

/// The sidebar's width: full dimension names from 120 columns, narrower below.
fn sidebar_width(a: &Assessment, width: u16) -> u16 {
    let longest = a.questionnaire.dimensions.iter().map(|d| d.name.width()).max().unwrap_or(10) as u16;
    match width {
        w if w >= 120 => (longest + 14).clamp(38, w / 3),
        w if w >= 100 => 38,
        w if w >= 70 => 30,
        // Narrow: the question gets the width; progress shows above it instead.
        _ => 0,
    }
}

/// A field's value wrapped beside its label: the rows and, when edited, the cursor's row and column.
fn field_rows(
    a: &Assessment,
    field: NoteField,
    value: Option<&str>,
    width: usize,
) -> (Vec<String>, Option<(usize, usize)>) {
    match &a.editing {
        Some((f, input)) if *f == field => {
            let (lines, row, col) = input.wrapped(width);
            (lines, Some((row, col)))
        }
        _ => match value {
            Some(v) => (wrap_with_cursor(v, 0, width).0, None),
            None => (vec!["–".to_owned()], None),
        },
    }
}

fn draw_question(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let sidebar_width = sidebar_width(a, area.width);
    let [sidebar, main] = Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Fill(1)]).areas(area);
    let (current_dim, dim, question) = a.current();

    // Sidebar: every dimension with its progress and its level so far; it scrolls when a
    // questionnaire has more dimensions than rows.
    let mut lines = Vec::new();
    let name_width = (sidebar_width as usize).saturating_sub(13);
    let dims = a.questionnaire.dimensions.len();
    let room = (sidebar.height as usize).saturating_sub(5).max(1);
    let first = if dims <= room { 0 } else { current_dim.saturating_sub(room / 2).min(dims - room) };
    for (i, d) in a.questionnaire.dimensions.iter().enumerate().skip(first).take(room) {
        let answered = d.questions.iter().filter(|q| a.session.answer(&q.id).is_some()).count();
        let level = a.report.dimensions[i].level;
        let marker = if i == current_dim { "▸" } else { " " };
        let text = format!("{marker}{} {:>2}/{:<2} L{level}", pad(&d.name, name_width), answered, d.questions.len());
        let style = if i == current_dim { theme.accent() } else { Style::default() };
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::raw(""));
    let (answered, total) = (a.answered(), a.total());
    lines.push(Line::raw(format!(" {answered}/{total} answered")));
    let bar_width = (sidebar_width as usize).saturating_sub(4);
    lines
        .push(Line::styled(format!(" {}", text_bar(answered as f64, total as f64, bar_width)), theme.fg(Color::Green)));
    lines.push(Line::raw(clip(
        &format!(" Level so far: {} {}", a.report.overall.level, a.report.overall.name),
        (sidebar_width as usize).saturating_sub(1),
    )));
    if sidebar_width > 0 {
        let block = Block::default().borders(Borders::RIGHT);
        frame.render_widget(Paragraph::new(lines).block(block), sidebar);
    }

    // Main: what must show (the question and every answer option) first; blank lines, a long
    // note in full and the help text when there is room.
    let main = main.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    let width = main.width as usize;
    let height = main.height as usize;
    let position = a.cursor - a.questionnaire.dimension_start(current_dim) + 1;
    let entry = a.session.answers.get(&question.id);
    let current = entry.and_then(|e| e.answer);
    let carried = entry.filter(|e| e.carried).and(current);

    const LABEL: usize = 14;
    let value_width = width.saturating_sub(LABEL).max(4);
    let (note, note_cursor) = field_rows(a, NoteField::Note, entry.and_then(|e| e.note.as_deref()), value_width);
    let (evidence, evidence_cursor) =
        field_rows(a, NoteField::Evidence, entry.and_then(|e| e.evidence.as_deref()), value_width);
    let mut question_lines = wrap_with_cursor(&question.text, 0, width).0;
    let help_lines = match (&question.help, a.show_help) {
        (Some(help), true) => wrap_with_cursor(&format!("Why it matters: {help}"), 0, width).0,
        _ => Vec::new(),
    };
    let needed = 2 + 5 + usize::from(carried.is_some()) + 2;
    question_lines.truncate(height.saturating_sub(needed).max(1));
    let mut spare = height.saturating_sub(needed + question_lines.len());
    let blanks = spare >= 2;
    if blanks {
        spare -= 2;
    }
    // Rows for the note and evidence: as many as they need, the one being edited first.
    let rows_for = |lines: &Vec<String>, spare: &mut usize| {
        let extra = lines.len().saturating_sub(1).min(*spare);
        *spare -= extra;
        1 + extra
    };
    let (note_rows, evidence_rows) = if evidence_cursor.is_some() {
        let e = rows_for(&evidence, &mut spare);
        (rows_for(&note, &mut spare), e)
    } else {
        let n = rows_for(&note, &mut spare);
        (n, rows_for(&evidence, &mut spare))
    };
    let show_help = !help_lines.is_empty() && spare > help_lines.len();

    let mut lines = vec![
        if dim.name.width() + 20 <= width {
            Line::from(vec![
                Span::styled(dim.name.clone(), theme.accent()),
                Span::raw(format!("  question {position} of {}", dim.questions.len())),
            ])
        } else {
            // Narrow: the position first, the dimension as far as it fits.
            let head = if sidebar_width == 0 {
                format!("{answered}/{total} answered · question {position} of {} · ", dim.questions.len())
            } else {
                format!("question {position} of {} · ", dim.questions.len())
            };
            let name = clip(&dim.name, width.saturating_sub(head.width()));
            Line::from(vec![Span::raw(head), Span::styled(name, theme.accent())])
        },
        Line::from(vec![Span::styled(
            format!(" Level {} · {} ", question.level, a.questionnaire.level_name(question.level)),
            theme.badge(Color::Yellow),
        )]),
    ];
    if blanks {
        lines.push(Line::raw(""));
    }
    lines.extend(question_lines.into_iter().map(|l| Line::styled(l, Style::default().add_modifier(Modifier::BOLD))));
    if blanks {
        lines.push(Line::raw(""));
    }
    for (k, ans) in
        [('y', Answer::Yes), ('p', Answer::Partial), ('n', Answer::No), ('u', Answer::Unknown), ('a', Answer::Na)]
    {
        let chosen = current == Some(ans);
        let style = if chosen { theme.badge(theme.answer(ans)).add_modifier(Modifier::BOLD) } else { Style::default() };
        let mark = if chosen { "●" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(format!(" {mark} "), theme.fg(theme.answer(ans))),
            Span::styled(format!(" [{k}] {} ", ans.label()), style),
        ]));
    }
    if let Some(last) = carried {
        lines.push(Line::styled(
            clip(&format!("last time: {} — confirm with Enter or answer again", last.label()), width),
            theme.accent(),
        ));
    }
    if show_help {
        lines.push(Line::raw(""));
        lines.extend(help_lines.into_iter().map(Line::raw));
    }
    // The note and evidence sit at the bottom.
    let fields_height = note_rows + evidence_rows;
    let top_height = height.saturating_sub(fields_height);
    frame.render_widget(Paragraph::new(lines), Rect { height: top_height as u16, ..main });
    let fields = Rect { y: main.y + top_height as u16, height: fields_height as u16, ..main };
    let mut rows = Vec::new();
    for (label, values, cursor, shown_rows) in
        [("Note (e)", note, note_cursor, note_rows), ("Evidence (v)", evidence, evidence_cursor, evidence_rows)]
    {
        // The rows around the cursor when editing, else the first ones.
        let first = cursor.map_or(0, |(row, _)| (row + 1).saturating_sub(shown_rows));
        let hidden = values.len().saturating_sub(first + shown_rows);
        for (i, text) in values.iter().enumerate().skip(first).take(shown_rows) {
            let label = if i == first { label } else { "" };
            let mut text = text.clone();
            if hidden > 0 && i + 1 == first + shown_rows {
                text = clip(&format!("{text} … (+{hidden} lines)"), value_width);
            }
            let style =
                if cursor.is_some() { Style::default().add_modifier(Modifier::UNDERLINED) } else { Style::default() };
            if let Some((row, col)) = cursor
                && row == i
            {
                let x = fields.x + (LABEL + col) as u16;
                let y = fields.y + (rows.len()) as u16;
                frame.set_cursor_position(Position::new(x.min(fields.right().saturating_sub(1)), y));
            }
            rows.push(Line::from(vec![
                Span::styled(format!("{label:<LABEL$}"), theme.dim()),
                Span::styled(text, style),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(rows), fields);
}

fn draw_context(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Context: how much is at stake ");
    let ctx = context_of(a);
    let value = |v: Option<String>| v.unwrap_or_else(|| "not set".into());
    let rows = [
        ("Models in production", value(ctx.models_in_production.map(|n| n.to_string()))),
        ("Criticality", value(ctx.criticality.map(|c| c.as_str().to_owned()))),
        ("Regulated", value(ctx.regulated.map(|r| if r { "yes".into() } else { "no".into() }))),
        (
            "Target level",
            a.session.target.map_or("automatic (from the context)".into(), |t| {
                format!("{t} · {} (set by hand)", a.questionnaire.level_name(t))
            }),
        ),
    ];
    let mut lines = vec![Line::raw("")];
    for (i, (label, v)) in rows.iter().enumerate() {
        let style = if i == a.context_row { theme.selected() } else { Style::default() };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<22}"), if i == a.context_row { theme.accent() } else { Style::default() }),
            Span::styled(format!(" ◂ {v} ▸ "), style),
        ]));
    }
    debug_assert_eq!(rows.len(), CONTEXT_ROWS);
    lines.push(Line::raw(""));
    let t = &a.report.target;
    lines.push(Line::from(vec![
        Span::raw("Target: "),
        Span::styled(format!("Level {} · {}", t.level, t.name), theme.accent()),
        Span::raw(format!(" — {}", t.reason)),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "More models, higher criticality and regulation call for a higher target. Not every team needs Level 3.",
        theme.dim(),
    ));
    if a.finishing {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Enter: next, rate where the ML lifecycle gets stuck.", theme.accent()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_bottlenecks(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Bottleneck map: where does the time go, and what hurts? ");
    let bar = (inner.width as usize).saturating_sub(52).clamp(6, 30);
    let shares: Vec<Option<f64>> =
        a.questionnaire.stages.iter().map(|s| a.session.bottlenecks.get(&s.id).and_then(|r| r.time_share)).collect();
    let percent = crate::roadmap::to_percent(&shares);
    // One share alone is 100% of the total: show percents only once several are entered.
    let several = shares.iter().flatten().count() >= 2;
    let mut lines = vec![Line::styled(
        format!("  {:<18} {:>5} {:>6} {:<bar$}  {:<9}", "Stage", "Time", "of all", "", "Pain 1-5"),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    for (i, stage) in a.questionnaire.stages.iter().enumerate() {
        let rating = a.session.bottlenecks.get(&stage.id);
        let share = shares[i];
        let pct = percent[i].unwrap_or(0.0);
        let pain = rating.and_then(|r| r.pain);
        let pain_text = pain.map_or("not rated".to_owned(), |p| format!("{} {p}", text_bar(p, 5.0, 5)));
        let selected = i == a.stage_row;
        let style = if selected { theme.selected() } else { Style::default() };
        let entered = share.map_or("–".to_owned(), |v| format!("{v:.0}"));
        let of_all = if several && share.is_some() { format!("{pct:>5.0}%") } else { String::new() };
        lines.push(Line::from(vec![
            Span::styled(format!("{}{}", if selected { "▸ " } else { "  " }, pad(&stage.name, 18)), style),
            Span::raw(format!(" {entered:>5} {of_all:>6} ")),
            Span::styled(text_bar(if several { pct } else { 0.0 }, 100.0, bar), theme.fg(Color::Green)),
            Span::raw("  "),
            Span::styled(pain_text, theme.fg(Color::Red)),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(first) = a.report.bottlenecks.first().filter(|b| b.pain.is_some() || b.time_share > 0.0) {
        lines.push(Line::from(vec![Span::raw("Bottleneck: "), Span::styled(first.name.clone(), theme.accent())]));
    }
    lines.push(Line::styled(
        "The bottleneck is the stage that hurts most (pain); on equal pain, the larger time share; then stage order.",
        theme.dim(),
    ));
    lines.push(Line::styled(
        "Time is entered in any unit (hours, points); once several are in, each is shown as a percent of their total.",
        theme.dim(),
    ));
    if a.finishing {
        lines.push(Line::styled("Enter: see the results.", theme.accent()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_results(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let r = &a.report;
    let inner = framed(frame, area, " Results ");
    let width = inner.width as usize;
    let highest = a.questionnaire.highest_level();
    let (answered, total) = (a.answered(), a.total());
    let summary = format!(
        "Level {} · {}   score {:.2}   target Level {} · {}",
        r.overall.level, r.overall.name, r.overall.score, r.target.level, r.target.name
    );
    let mut lines: Vec<Line> = wrap_with_cursor(&summary, 0, width)
        .0
        .into_iter()
        .map(|l| Line::styled(l, Style::default().add_modifier(Modifier::BOLD)))
        .collect();
    if answered < total {
        let warning = format!(
            "{answered} of {total} answered: indicative only until every question has an answer (f on the questions finds them)"
        );
        let style = theme.fg(Color::Red).add_modifier(Modifier::BOLD);
        lines.extend(wrap_with_cursor(&warning, 0, width).0.into_iter().map(|l| Line::styled(l, style)));
    } else {
        lines.push(Line::raw(format!("{answered} of {total} answered")));
    }
    lines.push(Line::raw(""));
    let bar = width.saturating_sub(44).clamp(8, 40);
    for d in &r.dimensions {
        let weakest = r.overall.weakest.contains(&d.id);
        lines.push(Line::from(vec![
            Span::styled(pad(&d.name, 28), if weakest { theme.fg(Color::Red) } else { Style::default() }),
            Span::raw(format!(" L{} {:>4.2} ", d.level, d.score)),
            Span::styled(text_bar(d.score, f64::from(highest), bar), theme.fg(Color::Green)),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(b) = r.bottlenecks.first().filter(|b| b.pain.is_some() || b.time_share > 0.0) {
        lines.push(Line::from(vec![Span::raw("Bottleneck: "), Span::styled(b.name.clone(), theme.accent())]));
    }
    let actions: usize = r.roadmap.iter().map(|p| p.actions.len()).sum();
    if actions == 0 {
        lines.push(Line::raw("The target is reached: nothing on the roadmap."));
    } else {
        lines.push(Line::raw(format!("Roadmap ({actions} actions):")));
        for phase in &r.roadmap {
            lines.push(Line::styled(format!("Level {} · {}", phase.level, phase.name), theme.accent()));
            for action in &phase.actions {
                let (wrapped, _, _) = wrap_with_cursor(&action.text, 0, width.saturating_sub(4));
                for (i, text) in wrapped.into_iter().enumerate() {
                    lines.push(Line::raw(format!("{} {text}", if i == 0 { " □" } else { "  " })));
                }
            }
        }
    }
    // The whole roadmap scrolls; the last screenful stops at the end.
    let height = inner.height as usize;
    let top = a.results_scroll.min(lines.len().saturating_sub(height));
    let below = lines.len().saturating_sub(top + height);
    let mut shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    if below > 0
        && let Some(last) = shown.last_mut()
    {
        *last = Line::styled(
            clip(&format!("↓ {below} more lines: ↓ or PgDn scrolls, m exports the report"), width),
            theme.accent(),
        );
    }
    frame.render_widget(Paragraph::new(shown), inner);
}

pub const HELP: &[(&str, &str)] = &[
    ("y p n u a", "answer yes, partly, no, don't know, n/a; then next"),
    ("→ l   ← h", "next / previous question"),
    ("Tab  Shift-Tab", "next / previous dimension"),
    ("e   v", "edit the note / the evidence (Enter keeps, Esc cancels)"),
    ("i", "show or hide why a practice matters"),
    ("x", "clear the answer"),
    ("g c b r", "questions / context / bottleneck map / results"),
    ("↑↓ ←→ digits", "on context and map: choose, adjust, type"),
    ("f", "go to the next unanswered question"),
    ("Enter", "confirm an answer carried from the last assessment"),
    ("Ctrl-J", "a new line in a note (a paste keeps its lines)"),
    ("m j w t  ↑↓", "on results: export Markdown, JSON, HTML, CSV; scroll"),
    ("?", "this help (any key closes it)"),
    ("q  Ctrl-C", "save and quit (every change is already saved)"),
];

fn draw_help(theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.min(78);
    let height = (HELP.len() as u16 + 4).min(area.height);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, popup);
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| Line::from(vec![Span::styled(format!(" {k:<16}"), theme.accent()), Span::raw(*what)]))
        .collect();
    let block = Block::default().borders(Borders::ALL).title(" Keys ").title_bottom(" any key closes ");
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), popup);
}
