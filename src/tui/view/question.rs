//! The question screen: the sidebar of dimensions, the question, its answers, note and evidence.

use super::theme::{Theme, clip, pad};
use crate::report::text_bar;
use crate::session::Answer;
use crate::tui::app::Assessment;
use crate::tui::app::NoteField;
use crate::tui::input::wrap_with_cursor;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The width of a field's label ("Evidence (v)") before its value.
const LABEL: usize = 14;

/// The sidebar's width: full dimension names from 120 columns, narrower below.
fn sidebar_width(a: &Assessment, width: u16) -> u16 {
    let longest = a.questionnaire.dimensions.iter().map(|d| d.name.width()).max().unwrap_or(10) as u16;
    match width {
        w if w >= 120 => (longest + 14).clamp(38, w * 2 / 5),
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

/// The sidebar: every dimension with its progress and its level so far; it scrolls when a
/// questionnaire has more dimensions than rows.
fn draw_sidebar(a: &Assessment, theme: &Theme, frame: &mut Frame, sidebar: Rect, sidebar_width: u16) {
    let (current_dim, _, _) = a.current();
    let mut lines = Vec::new();
    let name_width = (sidebar_width as usize).saturating_sub(13);
    let dims = a.questionnaire.dimensions.len();
    let confirm = a.to_confirm();
    let room = (sidebar.height as usize).saturating_sub(5 + usize::from(confirm > 0)).max(1);
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
    if confirm > 0 {
        lines.push(Line::styled(format!(" {confirm} to confirm (f)"), theme.accent()));
    }
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
}

/// The dimension and the question's position in it, then the question's level.
fn head_lines(a: &Assessment, theme: &Theme, width: usize, sidebar_width: u16) -> Vec<Line<'static>> {
    let (current_dim, dim, question) = a.current();
    let position = a.cursor - a.questionnaire.dimension_start(current_dim) + 1;
    let (answered, total, confirm) = (a.answered(), a.total(), a.to_confirm());
    vec![
        if dim.name.width() + 20 <= width {
            Line::from(vec![
                Span::styled(dim.name.clone(), theme.accent()),
                Span::raw(format!("  question {position} of {}", dim.questions.len())),
            ])
        } else {
            // Narrow: the position first, the dimension as far as it fits.
            let head = if sidebar_width == 0 {
                let confirm = if confirm > 0 { format!(" · {confirm} to confirm") } else { String::new() };
                format!("{answered}/{total} answered{confirm} · question {position} of {} · ", dim.questions.len())
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
    ]
}

/// The five answers, the one given marked.
fn answer_lines(current: Option<Answer>, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
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
    lines
}

/// A field's label, its value's lines, the cursor's row and column when it is edited, and how
/// many rows it gets.
type FieldShown = (&'static str, Vec<String>, Option<(usize, usize)>, usize);

/// The note and the evidence at the bottom: the rows around the cursor when editing, else the
/// first ones; lines out of view are announced, never silently gone.
fn draw_fields(shown: [FieldShown; 2], value_width: usize, theme: &Theme, frame: &mut Frame, fields: Rect) {
    let mut rows = Vec::new();
    for (label, values, cursor, shown_rows) in shown {
        // The rows around the cursor when editing, else the first ones.
        let first = cursor.map_or(0, |(row, _)| (row + 1).saturating_sub(shown_rows));
        let hidden = values.len().saturating_sub(first + shown_rows);
        for (i, text) in values.iter().enumerate().skip(first).take(shown_rows) {
            let mut text = text.clone();
            // Lines scrolled off above the cursor are announced, never silently gone: on the
            // first row shown when there are two or more (the cursor is on the last), else in
            // the label.
            let above = if i == first && first > 0 && shown_rows >= 2 {
                text = format!("↑ {} more lines above", first + 1);
                String::new()
            } else if i == first && first > 0 {
                format!("{} ↑{first}", label.split(' ').next().unwrap_or(label))
            } else {
                String::new()
            };
            let label = if !above.is_empty() {
                above.as_str()
            } else if i == first {
                label
            } else {
                ""
            };
            if hidden > 0 && i + 1 == first + shown_rows {
                let more = format!(" … (+{hidden} {})", if hidden == 1 { "line" } else { "lines" });
                text = crate::tui::text::ending_in(&text, &more, value_width);
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

/// What an earlier look at the question left: last time's answer to confirm, last time's note
/// (read only: it stays in the earlier session) and what a scan found.
fn earlier_lines(
    carried: Option<Answer>,
    last_note: Option<&str>,
    scanned: Option<&str>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(last) = carried {
        lines.push(Line::styled(
            clip(
                &Some(format!("last time: {} — confirm with Enter or answer again", last.label()))
                    .filter(|long| long.width() <= width)
                    .unwrap_or_else(|| format!("last time: {} — Enter confirms", last.label())),
                width,
            ),
            theme.accent(),
        ));
    }
    if let Some(note) = last_note {
        // Read only: the note stays in the earlier session; one line, its lines joined.
        let joined: Vec<&str> = crate::report::note_lines(note).collect();
        let text: String = format!("last time's note: {}", joined.join(" / "))
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        lines.push(Line::styled(clip(&text, width), theme.dim()));
    }
    if let Some(text) = scanned {
        lines.push(Line::styled(clip(&crate::printable::one_line(text), width), theme.dim()));
    }
    lines
}

/// Draws the question screen: the sidebar, then what must show (the question and every answer
/// option) first; blank lines, a long note in full and the help text when there is room.
pub(super) fn draw_question(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let sidebar_width = sidebar_width(a, area.width);
    let [sidebar, main] = Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Fill(1)]).areas(area);
    let (_, _, question) = a.current();
    draw_sidebar(a, theme, frame, sidebar, sidebar_width);

    // Main: what must show (the question and every answer option) first; blank lines, a long
    // note in full and the help text when there is room.
    let main = main.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    let width = main.width as usize;
    let height = main.height as usize;
    let entry = a.session.answers.get(&question.id);
    let current = entry.and_then(|e| e.answer);
    let carried = entry.filter(|e| e.carried).and(current);
    let scanned = crate::evidence::outcome::scan_line(a.session.scan.as_deref(), &question.id);

    let value_width = width.saturating_sub(LABEL).max(4);
    let (note, note_cursor) = field_rows(a, NoteField::Note, entry.and_then(|e| e.note.as_deref()), value_width);
    let (evidence, evidence_cursor) =
        field_rows(a, NoteField::Evidence, entry.and_then(|e| e.evidence.as_deref()), value_width);
    let mut question_lines = wrap_with_cursor(&question.text, 0, width).0;
    let help_lines = match (&question.help, a.show_help) {
        (Some(help), true) => wrap_with_cursor(&format!("Why it matters: {help}"), 0, width).0,
        _ => Vec::new(),
    };
    let last_note = a.last_time_note(&question.id);
    let needed =
        2 + 5 + usize::from(carried.is_some()) + usize::from(last_note.is_some()) + usize::from(scanned.is_some()) + 2;
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

    let mut lines = head_lines(a, theme, width, sidebar_width);
    if blanks {
        lines.push(Line::raw(""));
    }
    lines.extend(question_lines.into_iter().map(|l| Line::styled(l, Style::default().add_modifier(Modifier::BOLD))));
    if blanks {
        lines.push(Line::raw(""));
    }
    lines.extend(answer_lines(current, theme));
    lines.extend(earlier_lines(carried, last_note, scanned.as_deref(), theme, width));
    if show_help {
        lines.push(Line::raw(""));
        lines.extend(help_lines.into_iter().map(Line::raw));
    }
    // The note and evidence sit at the bottom.
    let fields_height = note_rows + evidence_rows;
    let top_height = height.saturating_sub(fields_height);
    frame.render_widget(Paragraph::new(lines), Rect { height: top_height as u16, ..main });
    let fields = Rect { y: main.y + top_height as u16, height: fields_height as u16, ..main };
    let fields_shown =
        [("Note (e)", note, note_cursor, note_rows), ("Evidence (v)", evidence, evidence_cursor, evidence_rows)];
    draw_fields(fields_shown, value_width, theme, frame, fields);
}
