//! Drawing: one function per screen, each reading the model and nothing else.
//!
//! Colours follow `Model::color` (off under NO_COLOR); everything important is also shown by
//! text or reverse video, so the screens read the same without colour.

use super::app::{Assessment, CONTEXT_ROWS, Model, NoteField, Screen, context_of};
use crate::report::text_bar;
use crate::session::Answer;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

/// Smallest terminal the screens fit in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::default().fg(c) } else { Style::default() }
    }
    fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    fn dim(&self) -> Style {
        if self.color { Style::default().fg(Color::DarkGray) } else { Style::default() }
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    fn answer(&self, a: Answer) -> Style {
        self.fg(match a {
            Answer::Yes => Color::Green,
            Answer::Partial => Color::Yellow,
            Answer::No => Color::Red,
            Answer::Unknown => Color::Magenta,
            Answer::Na => Color::Blue,
        })
    }
}

pub fn draw(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Please enlarge the window: it is {}×{}, and the assessment needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Your answers are safe.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let theme = Theme { color: model.color };
    let [header, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    draw_header(model, &theme, frame, header);
    match (model.screen, &model.assessment) {
        (Screen::Start, _) => draw_start(model, &theme, frame, body),
        (Screen::NewSession, _) | (_, None) => draw_form(model, &theme, frame, body),
        (Screen::Question, Some(a)) => draw_question(a, &theme, frame, body),
        (Screen::Context, Some(a)) => draw_context(a, &theme, frame, body),
        (Screen::Bottlenecks, Some(a)) => draw_bottlenecks(a, &theme, frame, body),
        (Screen::Results, Some(a)) => draw_results(a, &theme, frame, body),
    }
    draw_status(model, &theme, frame, status);
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

fn draw_status(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let editing = model.assessment.as_ref().is_some_and(|a| a.editing.is_some());
    let keys = match model.screen {
        _ if editing => "Enter keep · Esc cancel · ←→ Home End move",
        Screen::Start => "↑↓ choose · Enter open · n new · ? help · q quit",
        Screen::NewSession => "Tab/↑↓ field · ←→ questionnaire · Enter next/start · Esc back · ? help",
        Screen::Question => "y p n u a answer · ←→ move · Tab dimension · e note · ? keys · q quit",
        Screen::Context => "↑↓ field · ←→ change · digits type · x clear · Enter next · ? keys · q save & quit",
        Screen::Bottlenecks => "↑↓ stage · ←→ time ±5 · 1-5 pain · 0 clear · Enter next · ? keys · q save & quit",
        Screen::Results => "export: m Markdown · j JSON · w HTML · t roadmap CSV · g questions · ? keys · q quit",
    };
    use unicode_width::UnicodeWidthStr;
    let status_width = (model.status.width() as u16 + 2).min(area.width / 2);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(status_width)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(clip(keys, left.width as usize), theme.dim())), left);
    let status_style =
        if model.status.starts_with("NOT SAVED") { theme.fg(Color::Red) } else { theme.fg(Color::Green) };
    frame.render_widget(
        Paragraph::new(Span::styled(clip(&model.status, status_width as usize), status_style)).right_aligned(),
        right,
    );
}

/// Draws a bordered, padded panel with a title and returns the area inside it.
fn framed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::default().borders(Borders::ALL).padding(Padding::horizontal(2)).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn draw_start(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Resume a session or start a new one ");
    let mut lines = vec![Line::styled(
        format!("{:<24} {:<18} {:>9}  {}", "Team", "Respondent", "Answered", "Last change"),
        theme.dim(),
    )];
    for (i, s) in model.saved.iter().enumerate() {
        let text =
            format!("{} {} {:>4}/{:<4}  {}", pad(&s.team, 24), pad(&s.respondent, 18), s.answered, s.total, s.changed);
        let style = if i == model.start_row { theme.selected() } else { Style::default() };
        lines.push(Line::styled(text, style));
    }
    let style = if model.start_row == model.saved.len() { theme.selected() } else { theme.accent() };
    lines.push(Line::raw(""));
    lines.push(Line::styled("+ New session", style));
    frame.render_widget(Paragraph::new(lines), inner);
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
        lines.push(Line::from(vec![label(i, name), value]));
    }
    lines.push(Line::raw(""));
    let button = if form.field == 4 { theme.selected() } else { theme.accent() };
    lines.push(Line::from(vec![Span::styled(" Start the assessment ", button)]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Role is free text: data-science, engineering, management… It lets a workshop report compare views.",
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

fn draw_question(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let sidebar_width = if area.width >= 100 { 38 } else { 30 };
    let [sidebar, main] = Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Fill(1)]).areas(area);
    let (current_dim, dim, question) = a.current();

    // Sidebar: every dimension with its progress and its level so far; it scrolls when a
    // questionnaire has more dimensions than rows.
    let mut lines = Vec::new();
    let name_width = sidebar_width as usize - 13;
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
    let bar_width = sidebar_width as usize - 4;
    lines.push(Line::styled(format!(" {}", text_bar(answered as f64, total as f64, bar_width)), theme.fg(Color::Cyan)));
    lines.push(Line::raw(format!(" Level so far: {} {}", a.report.overall.level, a.report.overall.name)));
    let block = Block::default().borders(Borders::RIGHT);
    frame.render_widget(Paragraph::new(lines).block(block), sidebar);

    // Main: the question above, its note and evidence on the last two rows.
    let main = main.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    let [content, fields] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(main);
    let position = a.cursor - a.questionnaire.dimension_start(current_dim) + 1;
    let entry = a.session.answers.get(&question.id);
    let current = entry.and_then(|e| e.answer);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(dim.name.clone(), theme.accent()),
            Span::styled(format!("  question {position} of {}", dim.questions.len()), theme.dim()),
        ]),
        Line::from(vec![Span::styled(
            format!(" Level {} · {} ", question.level, a.questionnaire.level_name(question.level)),
            theme.fg(Color::Yellow).add_modifier(Modifier::REVERSED),
        )]),
        Line::raw(""),
        Line::styled(question.text.clone(), Style::default().add_modifier(Modifier::BOLD)),
        Line::raw(""),
    ];
    if a.show_help
        && let Some(help) = &question.help
    {
        lines.push(Line::styled(format!("Why it matters: {help}"), theme.dim()));
        lines.push(Line::raw(""));
    }
    for (k, ans) in
        [('y', Answer::Yes), ('p', Answer::Partial), ('n', Answer::No), ('u', Answer::Unknown), ('a', Answer::Na)]
    {
        let chosen = current == Some(ans);
        let style = if chosen {
            theme.answer(ans).add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            theme.answer(ans)
        };
        let mark = if chosen { "●" } else { " " };
        lines.push(Line::from(vec![
            Span::raw(format!(" {mark} ")),
            Span::styled(format!(" [{k}] {} ", ans.label()), style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), content);

    const LABEL: usize = 14;
    let value_width = (fields.width as usize).saturating_sub(LABEL);
    let mut rows = Vec::new();
    for (row, (field, label, value)) in [
        (NoteField::Note, "Note (e)", entry.and_then(|e| e.note.as_deref())),
        (NoteField::Evidence, "Evidence (v)", entry.and_then(|e| e.evidence.as_deref())),
    ]
    .into_iter()
    .enumerate()
    {
        let shown = match &a.editing {
            Some((f, input)) if *f == field => {
                let (visible, cursor) = input.window(value_width);
                let x = fields.x + (LABEL + cursor) as u16;
                frame
                    .set_cursor_position(Position::new(x.min(fields.right().saturating_sub(1)), fields.y + row as u16));
                Span::styled(visible, Style::default().add_modifier(Modifier::UNDERLINED))
            }
            _ => match value {
                Some(v) => Span::raw(clip(&v.replace(['\n', '\r'], " "), value_width)),
                None => Span::styled("–", theme.dim()),
            },
        };
        rows.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), theme.dim()), shown]));
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
    let bar = (inner.width as usize).saturating_sub(46).clamp(6, 30);
    let shares: Vec<Option<f64>> =
        a.questionnaire.stages.iter().map(|s| a.session.bottlenecks.get(&s.id).and_then(|r| r.time_share)).collect();
    let percent = crate::roadmap::to_percent(&shares);
    let mut lines =
        vec![Line::styled(format!("  {:<18} {:>5} {:<bar$}  {:<9}", "Stage", "Time", "", "Pain 1-5"), theme.dim())];
    for (i, stage) in a.questionnaire.stages.iter().enumerate() {
        let rating = a.session.bottlenecks.get(&stage.id);
        let pct = percent[i].unwrap_or(0.0);
        let pain = rating.and_then(|r| r.pain);
        let pain_text = pain.map_or("not rated".to_owned(), |p| format!("{} {p}", text_bar(p, 5.0, 5)));
        let selected = i == a.stage_row;
        let style = if selected { theme.selected() } else { Style::default() };
        lines.push(Line::from(vec![
            Span::styled(format!("{}{}", if selected { "▸ " } else { "  " }, pad(&stage.name, 18)), style),
            Span::raw(format!(" {:>4.0}% ", pct)),
            Span::styled(text_bar(pct, 100.0, bar), theme.fg(Color::Cyan)),
            Span::raw("  "),
            Span::styled(pain_text, theme.fg(Color::Red)),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(first) = a.report.bottlenecks.first().filter(|b| b.pain.is_some() || b.time_share > 0.0) {
        lines.push(Line::from(vec![Span::raw("Bottleneck: "), Span::styled(first.name.clone(), theme.accent())]));
    }
    lines.push(Line::styled(
        "Time share is relative: the shares are shown as percent of their total. Data preparation usually takes 60–80%.",
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
    let highest = a.questionnaire.highest_level();
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Level "),
            Span::styled(format!("{} · {}", r.overall.level, r.overall.name), theme.accent()),
            Span::raw(format!("   score {:.2}", r.overall.score)),
            Span::styled(format!("   target Level {} · {}", r.target.level, r.target.name), theme.fg(Color::Yellow)),
        ]),
        Line::raw(""),
    ];
    let bar = (inner.width as usize).saturating_sub(44).clamp(8, 40);
    for d in &r.dimensions {
        let weakest = r.overall.weakest.contains(&d.id);
        lines.push(Line::from(vec![
            Span::styled(pad(&d.name, 28), if weakest { theme.fg(Color::Red) } else { Style::default() }),
            Span::raw(format!(" L{} {:>4.2} ", d.level, d.score)),
            Span::styled(text_bar(d.score, f64::from(highest), bar), theme.fg(Color::Cyan)),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(b) = r.bottlenecks.first().filter(|b| b.pain.is_some() || b.time_share > 0.0) {
        lines.push(Line::from(vec![Span::raw("Bottleneck: "), Span::styled(b.name.clone(), theme.accent())]));
    }
    let actions: Vec<_> = r.roadmap.iter().flat_map(|p| p.actions.iter()).collect();
    if actions.is_empty() {
        lines.push(Line::raw("The target is reached: nothing on the roadmap."));
    } else {
        lines.push(Line::raw(format!("First steps ({} actions on the roadmap):", actions.len())));
        // As many actions as fit; the rest are a keypress away in the exported report.
        let room = (inner.height as usize).saturating_sub(lines.len() + 1);
        let shown = if actions.len() > room { room.saturating_sub(1) } else { actions.len() };
        for action in actions.iter().take(shown) {
            let text = format!(" □ L{} {}", action.level, action.text);
            lines.push(Line::raw(clip(&text, inner.width as usize)));
        }
        if shown < actions.len() {
            lines.push(Line::styled(
                format!(" … and {} more: press m to export the full roadmap", actions.len() - shown),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
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
    ("m j w t", "on results: export Markdown / JSON / HTML / roadmap CSV"),
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
