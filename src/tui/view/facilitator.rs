//! Drawing the facilitator's screen: the sidebar (dimensions, time, open disagreements), the
//! question with its votes (a list that scrolls, with the counts, consensus and agreed lines
//! always in view), the agenda of open disagreements, and the workshop's part of the results.
//!
//! It reads the assessment and nothing else; every name from the file is cut to its room and
//! drawn without control characters.

use crate::session::Answer;
use crate::tui::app::workshop::{
    agenda, anonymous, consensus, counted_open, dimension_seconds, first_votes, is_revote, letter, participants,
    question_seconds, revealed, selected, still_to_vote, timebox, timeboxes_spent, votes,
};
use crate::tui::app::{Assessment, NoteField};
use crate::tui::text::{cut, fit, shown};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

struct Look {
    color: bool,
}

impl Look {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::default().fg(c) } else { Style::default() }
    }
    fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn answer(&self, a: Answer) -> Style {
        self.fg(match a {
            Answer::Yes => Color::Green,
            Answer::Partial => Color::Yellow,
            Answer::No => Color::Red,
            Answer::Unknown => Color::Magenta,
            Answer::Na => Color::Blue,
        })
        .add_modifier(Modifier::BOLD)
    }
}

/// Draws the facilitator's screen for the current question into `area` (and the agenda over
/// it when open).
pub fn draw(a: &Assessment, color: bool, frame: &mut Frame, area: Rect) {
    let look = Look { color };
    let sidebar_width = if area.width >= 110 { 42 } else { 32 };
    let [sidebar, main] = Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Fill(1)]).areas(area);
    draw_sidebar(a, &look, frame, sidebar);
    draw_question(a, &look, frame, main.inner(Margin { horizontal: 1, vertical: 0 }));
    if let Some(row) = a.workshop.as_ref().and_then(|f| f.agenda) {
        draw_agenda(a, row, &look, frame, area);
    }
}

fn draw_sidebar(a: &Assessment, look: &Look, frame: &mut Frame, area: Rect) {
    let (current, _, _) = a.current();
    let elapsed = a.session.timing.as_ref().map_or(0, |t| t.elapsed_s);
    let width = area.width.saturating_sub(1) as usize;
    // Marker, name, then agreed/total (6), open disagreements (4) and time (6, a spent timebox
    // marked ⚠) right-aligned.
    let name_width = width.saturating_sub(20).max(4);
    let mut lines = vec![
        Line::styled(format!(" Elapsed {}", clock(elapsed)), look.bold()),
        Line::styled(format!(" {} {:>6} {:>4} {:>6}", fit("", name_width), "agreed", "open", "time"), Style::default()),
    ];
    let mut open_total = 0;
    for (i, d) in a.questionnaire.dimensions.iter().enumerate() {
        let agreed = d.questions.iter().filter(|q| a.session.answer(&q.id).is_some()).count();
        let open = d.questions.iter().filter(|q| counted_open(a, &q.id)).count();
        open_total += open;
        let secs = dimension_seconds(a, i);
        let spent = timebox(a, i).is_some_and(|limit| secs >= limit);
        let marker = if i == current { '▸' } else { ' ' };
        let open_text = if open > 0 { format!("!{open}") } else { String::new() };
        let time_text = if spent { format!("⚠{}", clock(secs)) } else { clock(secs) };
        let text = format!(
            "{marker}{} {:>3}/{:<2} {:>4} {:>6}",
            fit(&d.name, name_width),
            agreed,
            d.questions.len(),
            open_text,
            time_text
        );
        let style = if i == current { look.fg(Color::Cyan).add_modifier(Modifier::BOLD) } else { Style::default() };
        lines.push(Line::styled(text, if spent { style.patch(look.warn()) } else { style }));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(" {}/{} agreed", a.answered(), a.total())));
    lines.push(Line::raw(format!(
        " {open_total} open disagreement{}{}",
        if open_total == 1 { "" } else { "s" },
        if open_total > 0 { " (D)" } else { "" }
    )));
    lines.push(Line::raw(format!(" Level so far: {} {}", a.report.overall.level, shown(&a.report.overall.name))));
    if anonymous(a) {
        lines.push(Line::styled(" Anonymous: votes as counts (*)", look.bold()));
    }
    let spent = timeboxes_spent(a);
    if !spent.is_empty() {
        lines.push(Line::styled(" ⚠ Timebox spent:", look.warn()));
    }
    for (name, spent, limit) in spent {
        let times = format!(" {} of {}", clock(spent), clock(limit));
        let name = cut(&name, width.saturating_sub(times.width() + 3).max(4));
        lines.push(Line::styled(cut(&format!("   {name}{times}"), width), look.warn()));
    }
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)), area);
}

/// The question, its votes and the lines under them, laid out so that the counts, consensus
/// and agreed lines are always in view: the question's text gives way first, then the list
/// scrolls, and "why it matters" takes only the room left.
fn draw_question(a: &Assessment, look: &Look, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let height = area.height as usize;
    let (d, dim, question) = a.current();
    let position = a.cursor - a.questionnaire.dimension_start(d) + 1;
    let title = Line::from(vec![
        Span::styled(cut(&dim.name, width.saturating_sub(16)), look.fg(Color::Cyan).add_modifier(Modifier::BOLD)),
        Span::raw(format!("  {position}/{} · Level {}", dim.questions.len(), question.level)),
    ]);
    let text = crate::tui::input::wrap_with_cursor(&shown(&question.text), 0, width).0;
    let header = votes_header(a, width, look);
    let rows = list_rows(a, look, width);
    let under = lines_under(a, look, width);

    // Title, header and the lines under the list are always drawn; then at least three rows of
    // the list (or all of it), then the question's text, then the rest of the list.
    let fixed = 2 + under.len();
    let list_min = rows.len().min(3);
    let text_room = height.saturating_sub(fixed + list_min + 1).max(1);
    let text_lines = text.len().min(text_room);
    let gap = usize::from(height > fixed + list_min + text_lines + 1);
    let list_room = height.saturating_sub(fixed + text_lines + gap).max(1);
    let list = scrolled(rows, list_room, selected_row(a), look);

    let mut lines: Vec<Line> = vec![title];
    let cut_short = text_lines < text.len();
    let mut question_text: Vec<String> = text.into_iter().take(text_lines).collect();
    if cut_short && let Some(last) = question_text.last_mut() {
        *last = crate::tui::text::ending_in(last, " …", width);
    }
    let question_text = question_text.into_iter().map(|l| Line::styled(l, look.bold()));
    lines.extend(question_text);
    lines.extend((0..gap).map(|_| Line::raw("")));
    lines.push(header);
    lines.extend(list);
    lines.extend(under);
    let used = lines.len();
    let help = a.show_help.then_some(question.help.as_deref()).flatten();
    if let Some(help) = help
        && height > used + 2
    {
        lines.push(Line::raw(""));
        let mut wrapped = crate::tui::input::wrap_with_cursor(&format!("Why it matters: {}", shown(help)), 0, width).0;
        let room = height - used - 1;
        if wrapped.len() > room {
            // Cut short: the last row shown says so (`i` hides it; a larger window shows it all).
            wrapped.truncate(room);
            if let Some(last) = wrapped.last_mut() {
                *last = crate::tui::text::ending_in(last, " …", width);
            }
        }
        lines.extend(wrapped.into_iter().map(Line::raw));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Votes 2 of 5 (hidden until all have voted)" before the reveal, "Votes 5 of 5:" after it.
fn votes_header<'a>(a: &Assessment, width: usize, look: &Look) -> Line<'a> {
    let n = participants(a).len();
    let voted = n - still_to_vote(a).len();
    let again = if is_revote(a) { "Re-vote: " } else { "" };
    let mut text = if revealed(a) {
        format!("{again}Votes {voted} of {n}:")
    } else {
        format!("{again}Votes {voted} of {n} (hidden until all have voted)")
    };
    if text.width() > width {
        text = format!("{again}Votes {voted} of {n} (hidden)");
    }
    Line::styled(cut(&text, width), look.bold())
}

/// The list's row of the selected participant (the anonymous tally has none).
fn selected_row(a: &Assessment) -> Option<usize> {
    (!(anonymous(a) && revealed(a))).then(|| selected(a))
}

/// One row per participant (who, and their vote once revealed), or, in the anonymous display
/// after the reveal, one row per answer given with its count.
fn list_rows<'a>(a: &Assessment, look: &Look, width: usize) -> Vec<Line<'a>> {
    let people = participants(a);
    let v = votes(a);
    let first = first_votes(a);
    let shown_votes = revealed(a);
    if shown_votes && anonymous(a) {
        let changed = v.iter().zip(&first).filter(|(now, before)| before.is_some() && now != before).count();
        let mut rows: Vec<Line> = Answer::ALL
            .iter()
            .filter_map(|ans| {
                let count = v.iter().filter(|x| **x == Some(*ans)).count();
                (count > 0).then(|| {
                    let bar = "█".repeat(count.min(width.saturating_sub(24)));
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(format!("[{}] {:<14}", letter(*ans), ans.label()), look.answer(*ans)),
                        Span::raw(format!("{count:>3} {bar}")),
                    ])
                })
            })
            .collect();
        if is_revote(a) {
            rows.push(Line::raw(format!("  {changed} changed their vote since the first reveal")));
        }
        return rows;
    }
    let who = selected(a);
    let digits = people.len().to_string().len();
    // Marker, number and a space, the name (and role), a space, then the vote (room for "[P]
    // Partly (was Don't know)" when it can); the names' column as wide as the widest, at most 28.
    let widest = people
        .iter()
        .map(|p| shown(&p.name).width() + p.role.as_deref().map_or(0, |r| shown(r).width() + 3))
        .max()
        .unwrap_or(0);
    let name_width = widest.min(width.saturating_sub(digits + 2 + 1 + 24)).clamp(4, 28);
    people
        .iter()
        .zip(&v)
        .zip(&first)
        .enumerate()
        .map(|(i, ((p, vote), before))| {
            let marker = if i == who { "▶" } else { " " };
            let role = p.role.as_deref().map(|r| format!(" ({})", shown(r))).unwrap_or_default();
            let name = format!("{marker}{:>digits$} {}", i + 1, fit(&format!("{}{role}", shown(&p.name)), name_width));
            let mut spans = vec![Span::styled(
                name,
                if i == who { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() },
            )];
            spans.push(Span::raw(" "));
            match (vote, shown_votes) {
                (Some(ans), true) => {
                    spans.push(Span::styled(format!("[{}] {}", letter(*ans), ans.label()), look.answer(*ans)));
                    if let Some(b) = before.filter(|b| b != ans) {
                        spans.push(Span::raw(format!(" (was {})", b.label())));
                    }
                }
                (Some(_), false) => spans.push(Span::raw("[✓] voted")),
                (None, _) => spans.push(Span::styled("[ ] waiting", Style::default())),
            }
            Line::from(spans)
        })
        .collect()
}

/// At most `room` rows of the list, scrolled so that `selected` is in view, with "↑ N more" and
/// "↓ N more" in place of the first and last row when there is more above or below.
fn scrolled<'a>(rows: Vec<Line<'a>>, room: usize, selected: Option<usize>, look: &Look) -> Vec<Line<'a>> {
    let total = rows.len();
    if total <= room {
        return rows;
    }
    let room = room.max(3);
    let sel = selected.unwrap_or(0).min(total - 1);
    // A window of `room` rows around the selection; a marker takes its first row when there is
    // more above, its last when there is more below.
    let start = sel.saturating_sub(room / 2).min(total - room);
    let first = if start > 0 { start + 1 } else { start };
    let end = if start + room < total { start + room - 1 } else { start + room };
    let mut out = Vec::new();
    if first > 0 {
        out.push(Line::styled(format!("  ↑ {first} more (↑↓ select)"), look.bold()));
    }
    out.extend(rows.into_iter().skip(first).take(end - first));
    if end < total {
        out.push(Line::styled(format!("  ↓ {} more (↑↓ select)", total - end), look.bold()));
    }
    out
}

/// Rows of a note or evidence being typed: wrapped to the width, with the cursor, and the last
/// rows up to the cursor's in view (at most four), so the facilitator sees what they type.
fn editing_rows(field: &NoteField, input: &crate::tui::input::TextInput, width: usize) -> Vec<String> {
    const ROWS: usize = 4;
    let label = match field {
        NoteField::Note => "Note: ",
        NoteField::Evidence => "Evidence: ",
    };
    let typed: String = input.text.chars().map(|c| if c.is_control() && c != '\n' { '?' } else { c }).collect();
    let at = label.chars().count() + input.cursor.min(typed.chars().count());
    let mut text = format!("{label}{typed}");
    let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    text.insert(byte, '█');
    let (rows, row, _) = crate::tui::input::wrap_with_cursor(&text, at, width);
    let row = row.min(rows.len().saturating_sub(1));
    rows[(row + 1).saturating_sub(ROWS)..=row].to_vec()
}

/// The lines under the list, always in view: how many voted and who is still to vote (or the
/// counts and the consensus), the agreed answer, last time's answer, the note and the time.
fn lines_under<'a>(a: &Assessment, look: &Look, width: usize) -> Vec<Line<'a>> {
    let (d, _, question) = a.current();
    let v = votes(a);
    let n = v.len();
    let waiting = still_to_vote(a);
    let voted = format!("{} of {n} voted", n - waiting.len());
    let mut lines = Vec::new();
    if revealed(a) {
        let counts: Vec<String> = Answer::ALL
            .iter()
            .filter_map(|ans| {
                let k = v.iter().filter(|x| **x == Some(*ans)).count();
                (k > 0).then(|| format!("{k}×{}", letter(*ans)))
            })
            .collect();
        let consensus = consensus(a).map_or("none", Answer::label);
        let split = v.contains(&Some(Answer::Yes)) && v.contains(&Some(Answer::No));
        let text = format!("{} → consensus {consensus}", counts.join(" "));
        let flag = if split { "  DISAGREEMENT" } else { "" };
        // "6 of 6 voted · 4×Y 1×P 1×N → consensus Yes  DISAGREEMENT" on one line when it fits;
        // else who voted (and the flag) above the counts and the consensus.
        let one_line = format!("{voted} · {text}");
        if one_line.width() + flag.width() <= width {
            lines.push(Line::from(vec![Span::raw(one_line), Span::styled(flag, look.warn())]));
        } else {
            lines.push(Line::from(vec![Span::styled(voted.clone(), look.bold()), Span::styled(flag, look.warn())]));
            lines.push(Line::raw(cut(&text, width)));
        }
    } else {
        lines.push(Line::from(vec![
            Span::styled(voted.clone(), look.bold()),
            Span::raw(to_vote(&waiting, width - voted.width())),
        ]));
    }
    let entry = a.session.answers.get(&question.id);
    let agreed = entry.and_then(|e| e.answer);
    lines.push(Line::from(match agreed {
        Some(ans) => {
            vec![Span::raw("Agreed: "), Span::styled(format!("[{}] {}", letter(ans), ans.label()), look.answer(ans))]
        }
        None if revealed(a) => vec![Span::raw(cut("Agreed: — (Enter: consensus · V: re-vote)", width))],
        None => vec![Span::raw(cut("Agreed: — (Enter takes the consensus)", width))],
    }));
    // A next assessment: the answer is last time's until the group agrees again.
    if let Some(ans) = agreed.filter(|_| a.is_carried(&question.id)) {
        lines.push(Line::styled(
            cut(&format!("last time: {} — agree again (Y P N U A) to confirm", ans.label()), width),
            look.fg(Color::Cyan),
        ));
        if let Some(note) = a.last_time_note(&question.id) {
            let joined: Vec<&str> = crate::report::note_lines(note).collect();
            lines.push(Line::raw(cut(&format!("last time's note: {}", joined.join(" / ")), width)));
        }
    }
    if let Some(text) = crate::evidence::outcome::scan_line(a.session.scan.as_deref(), &question.id) {
        lines.push(Line::styled(cut(&shown(&text), width), Style::default().add_modifier(Modifier::DIM)));
    }
    match &a.editing {
        Some((field, input)) => lines.extend(editing_rows(field, input, width).into_iter().map(Line::raw)),
        None => {
            if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
                lines.push(Line::raw(cut(&format!("Note: {}", note.replace('\n', " / ")), width)));
            }
        }
    }
    let here = question_seconds(a);
    let spent = dimension_seconds(a, d);
    let time = match timebox(a, d) {
        Some(limit) if spent >= limit => Line::styled(
            cut(&format!("⚠ Timebox spent {} of {} · {} here", clock(spent), clock(limit), clock(here)), width),
            look.warn(),
        ),
        Some(limit) => Line::raw(cut(
            &format!("Time {} here · dimension {} of {}", clock(here), clock(spent), clock(limit)),
            width,
        )),
        None => Line::raw(cut(&format!("Time {} here · dimension {}", clock(here), clock(spent)), width)),
    };
    lines.push(time);
    lines
}

/// " · to vote: Cy, Dee and 3 more" in at most `width` cells (empty when everyone voted); the
/// first name is always there, cut when it must be.
fn to_vote(waiting: &[&str], width: usize) -> String {
    let Some((first, rest)) = waiting.split_first() else { return String::new() };
    let more = |n: usize| if n > 0 { format!(" and {n} more") } else { String::new() };
    let mut out = " · to vote: ".to_owned();
    let room = width.saturating_sub(out.width() + more(rest.len()).width());
    out.push_str(&cut(first, room.clamp(2, 24)));
    for (i, name) in rest.iter().enumerate() {
        let name = cut(name, 24);
        let after = more(rest.len() - i - 1);
        if out.width() + 2 + name.width() + after.width() > width {
            return out + &more(rest.len() - i);
        }
        out.push_str(", ");
        out.push_str(&name);
    }
    out
}

/// The agenda (`D`): the open disagreements, widest spread first, over the screen.
fn draw_agenda(a: &Assessment, row: usize, look: &Look, frame: &mut Frame, area: Rect) {
    let items = agenda(a);
    let width = area.width.saturating_sub(4).min(110);
    let height = (items.len() as u16 + 4).min(area.height.saturating_sub(2)).max(5);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height);
    let inner_width = width.saturating_sub(2) as usize;
    let room = height.saturating_sub(3) as usize;
    let row = row.min(items.len().saturating_sub(1));
    let top = row.saturating_sub(room.saturating_sub(1));
    let mut lines = vec![Line::styled(cut(" spread  votes       question", inner_width), look.bold())];
    for (i, item) in items.iter().enumerate().skip(top).take(room) {
        let counts: Vec<String> = Answer::ALL
            .iter()
            .zip(item.counts)
            .filter(|(_, k)| *k > 0)
            .map(|(ans, k)| format!("{k}{}", letter(*ans)))
            .collect();
        let votes = if item.revealed {
            counts.join(" ")
        } else {
            format!("{}/{} hidden", item.counts.iter().sum::<usize>(), participants(a).len())
        };
        let text = format!(
            " {:>5}  {:<11} {} · {}",
            crate::printable::fixed(item.spread, 2),
            votes,
            shown(&item.text),
            shown(&item.dimension)
        );
        let style = if i == row { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
        lines.push(Line::styled(fit(&text, inner_width), style));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Open disagreements: {}, widest spread first ", items.len()))
        .title_bottom(" ↑↓ choose · Enter go to it · any other key closes ");
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The workshop's part of the results: who took part, the disagreements (open first, then
/// agreed) and the gaps between roles. Drawn beside the results on a wide screen, below them
/// on a narrow one; returns the area left for the ordinary results.
pub fn draw_results_panel(a: &Assessment, color: bool, frame: &mut Frame, area: Rect) -> Rect {
    let look = Look { color };
    let (rest, panel) = if area.width >= 120 {
        let [rest, panel] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(44)]).areas(area);
        (rest, panel)
    } else {
        let [rest, panel] = Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(area);
        (rest, panel)
    };
    let r = &a.report;
    let open: Vec<&crate::report::Disagreement> = r.disagreements.iter().filter(|d| d.agreed.is_none()).collect();
    let mut lines = vec![Line::styled(
        format!(
            "{} participants · {}/{} agreed · {} open, {} agreed disagreements",
            participants(a).len(),
            a.answered(),
            a.total(),
            open.len(),
            r.disagreements.len() - open.len()
        ),
        look.bold(),
    )];
    // Who changed their mind at a re-vote (the report's `changed_minds`), named once each.
    if !r.changed_minds.is_empty() {
        let mut who: Vec<String> = Vec::new();
        for c in &r.changed_minds {
            let name = cut(&c.respondent, 16);
            if !who.contains(&name) {
                who.push(name);
            }
        }
        let n = r.changed_minds.len();
        // The anonymous display names nobody on the shared screen.
        let names = if anonymous(a) { String::new() } else { format!(": {}", who.join(", ")) };
        lines.push(Line::raw(format!("{n} vote{} changed at re-votes{names}", if n == 1 { "" } else { "s" })));
    }
    // Inside the borders: the summary, the list, "… more" and the role gaps.
    let room = (panel.height as usize).saturating_sub(4 + lines.len()).max(1);
    let ordered = open.iter().copied().chain(r.disagreements.iter().filter(|d| d.agreed.is_some()));
    for d in ordered.take(room) {
        let mut counts: Vec<String> = Vec::new();
        for ans in Answer::ALL {
            let n = d.answers.values().filter(|v| v.as_str() == ans.as_str()).count();
            if n > 0 {
                counts.push(format!("{n}{}", letter(ans)));
            }
        }
        let state = d.agreed.map_or_else(|| "open".to_owned(), |x| format!("agreed {x}"));
        lines.push(Line::raw(format!(" {} {} · {state}", shown(&d.question), counts.join(" "))));
    }
    if r.disagreements.len() > room {
        lines.push(Line::raw(format!(" … {} more in the report", r.disagreements.len() - room)));
    }
    match r.role_gaps.first() {
        None => lines.push(Line::raw("No gaps of a level or more between roles")),
        Some(gap) => {
            let name =
                a.questionnaire.dimensions.iter().find(|d| d.id == gap.dimension).map_or("", |d| d.name.as_str());
            let scores: Vec<String> = gap
                .scores
                .iter()
                .map(|(role, s)| format!("{} {}", shown(role), crate::printable::fixed(*s, 2)))
                .collect();
            lines.push(Line::raw(format!(
                "Role gaps in {}: {}{}",
                r.role_gaps.len(),
                shown(name),
                if scores.is_empty() { String::new() } else { format!(" ({})", scores.join(", ")) }
            )));
        }
    }
    let block = Block::default().borders(Borders::ALL).title(" Workshop ");
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), panel);
    rest
}

/// Minutes and seconds (hours when it takes that long), as the reports write them.
pub use crate::printable::clock;
