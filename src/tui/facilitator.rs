//! The facilitator's screen: a workshop session's question with the participants' votes, blind
//! until everyone has voted, then the distribution, the disagreement and the agreed answer.
//!
//! Pure like the rest of the TUI: `key` changes the assessment and says what happened, `draw`
//! reads it, `tick` is given the time by the event loop (no clock in here). It must not save,
//! read the terminal or decide anything about scoring: the consensus comes from `workshop`.

use super::app::{Assessment, NoteField};
use crate::session::{Answer, Participant};
use crate::workshop;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The facilitator's state beside the session: who is selected, and the time spent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facilitation {
    /// The participant chosen with `1`–`9`, for the question at `selected_on`.
    selected: usize,
    selected_on: Option<usize>,
    /// Seconds spent on each dimension's questions while the app was open.
    pub seconds: Vec<u64>,
    /// Seconds since the workshop was opened.
    pub elapsed: u64,
    last_tick: Option<u64>,
}

impl Facilitation {
    /// The facilitator's state for a workshop session; `None` for one respondent's session.
    pub fn for_session(s: &crate::session::Session, dimensions: usize) -> Option<Facilitation> {
        s.participants.is_some().then(|| Facilitation { seconds: vec![0; dimensions], ..Default::default() })
    }
}

/// What a key did on the facilitator's screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handled {
    /// The session changed: save it, rebuild the report.
    pub changed: bool,
    /// The last question got its agreed answer: go on to the context and bottleneck map.
    pub finished: bool,
    /// A line for the status bar.
    pub status: Option<String>,
}

/// The workshop's participants (none for a single session).
pub fn participants(a: &Assessment) -> &[Participant] {
    a.session.participants.as_deref().unwrap_or(&[])
}

fn question_id(a: &Assessment) -> String {
    a.current().2.id.clone()
}

/// Each participant's vote on the current question, in participant order.
pub fn votes(a: &Assessment) -> Vec<Option<Answer>> {
    let entry = a.session.answers.get(&a.current().2.id);
    participants(a).iter().map(|p| entry.and_then(|e| e.votes.get(&p.name).copied())).collect()
}

/// Votes stay hidden until every participant has voted (against anchoring on the first voice).
pub fn revealed(a: &Assessment) -> bool {
    let v = votes(a);
    !v.is_empty() && v.iter().all(Option::is_some)
}

/// The selected participant: the one chosen with a digit on this question, else the first
/// without a vote (else the first).
pub fn selected(a: &Assessment) -> usize {
    if let Some(f) = &a.workshop
        && f.selected_on == Some(a.cursor)
    {
        return f.selected;
    }
    votes(a).iter().position(Option::is_none).unwrap_or(0)
}

/// A question with a yes and a no among its votes and no agreed answer yet.
fn open_disagreement(a: &Assessment, id: &str) -> bool {
    a.session.answers.get(id).is_some_and(|e| {
        e.answer.is_none() && e.votes.values().any(|v| *v == Answer::Yes) && e.votes.values().any(|v| *v == Answer::No)
    })
}

/// An open disagreement as the sidebar counts it: not the current question before its reveal,
/// which would give away how the votes went.
fn counted_open(a: &Assessment, id: &str) -> bool {
    open_disagreement(a, id) && (id != a.current().2.id || revealed(a))
}

/// The consensus of the current question's votes by the median rule (`None` without votes).
pub fn consensus(a: &Assessment) -> Option<Answer> {
    workshop::consensus(&votes(a), a.questionnaire.scoring.partial_credit)
}

/// Adds the time since the last tick to the current dimension and to the elapsed time.
pub fn tick(a: &mut Assessment, now_secs: u64) {
    let (d, _, _) = a.current();
    let Some(f) = a.workshop.as_mut() else { return };
    if let Some(last) = f.last_tick {
        let spent = now_secs.saturating_sub(last);
        f.elapsed += spent;
        if let Some(s) = f.seconds.get_mut(d) {
            *s += spent;
        }
    }
    f.last_tick = Some(now_secs);
}

/// Handles a facilitator's key on a workshop question; `None` leaves the key to the ordinary
/// question screen (moving, notes, quitting).
pub fn key(a: &mut Assessment, key: KeyEvent) -> Option<Handled> {
    a.workshop.as_ref()?;
    let KeyCode::Char(c) = key.code else {
        return (key.code == KeyCode::Enter).then(|| agree(a, None));
    };
    match c {
        '1'..='9' => {
            let i = (c as u8 - b'1') as usize;
            let count = participants(a).len();
            if i >= count {
                return Some(Handled { status: Some(format!("There are {count} participants")), ..Default::default() });
            }
            let cursor = a.cursor;
            if let Some(f) = a.workshop.as_mut() {
                f.selected = i;
                f.selected_on = Some(cursor);
            }
            Some(Handled::default())
        }
        'y' | 'p' | 'n' | 'u' | 'a' => Some(vote(a, answer_of(c.to_ascii_uppercase())?)),
        'Y' | 'P' | 'N' | 'U' | 'A' => Some(agree(a, answer_of(c))),
        'd' => Some(next_disagreement(a)),
        _ => None,
    }
}

fn answer_of(c: char) -> Option<Answer> {
    match c {
        'Y' => Some(Answer::Yes),
        'P' => Some(Answer::Partial),
        'N' => Some(Answer::No),
        'U' => Some(Answer::Unknown),
        'A' => Some(Answer::Na),
        _ => None,
    }
}

/// The letter a vote is shown with, so that nothing is said by colour alone.
pub fn letter(a: Answer) -> char {
    match a {
        Answer::Yes => 'Y',
        Answer::Partial => 'P',
        Answer::No => 'N',
        Answer::Unknown => 'U',
        Answer::Na => 'A',
    }
}

fn vote(a: &mut Assessment, answer: Answer) -> Handled {
    let who = selected(a);
    let Some(name) = participants(a).get(who).map(|p| p.name.clone()) else { return Handled::default() };
    let id = question_id(a);
    a.session.answers.entry(id).or_default().votes.insert(name.clone(), answer);
    // The next participant without a vote, after the one who just voted.
    let v = votes(a);
    let n = v.len();
    let next = (1..=n).map(|k| (who + k) % n).find(|&i| v[i].is_none());
    let cursor = a.cursor;
    if let Some(f) = a.workshop.as_mut() {
        f.selected = next.unwrap_or(who);
        f.selected_on = Some(cursor);
    }
    let status = match next {
        Some(_) => format!("{name} voted ({} of {n})", v.iter().flatten().count()),
        None => "Everyone has voted: the votes are shown".to_owned(),
    };
    Handled { changed: true, finished: false, status: Some(status) }
}

/// Records the agreed answer (`None`: the consensus of the votes) and moves on.
fn agree(a: &mut Assessment, answer: Option<Answer>) -> Handled {
    let Some(answer) = answer.or_else(|| consensus(a)) else {
        return Handled {
            status: Some("Nobody has voted yet: vote with y p n u a, or set the agreed answer with Y P N U A".into()),
            ..Default::default()
        };
    };
    let id = question_id(a);
    let entry = a.session.answers.entry(id).or_default();
    entry.answer = Some(answer);
    entry.carried = false;
    let finished = a.cursor + 1 >= a.total();
    if !finished {
        a.cursor += 1;
    }
    Handled { changed: true, finished, status: Some(format!("Agreed: {}", answer.label())) }
}

/// Goes to the next question with a disagreement and no agreed answer (the discussion agenda).
fn next_disagreement(a: &mut Assessment) -> Handled {
    let ids: Vec<String> = a.questionnaire.questions().map(|(_, q)| q.id.clone()).collect();
    let n = ids.len();
    let found = (1..=n).map(|k| (a.cursor + k) % n).find(|&i| open_disagreement(a, &ids[i]));
    match found {
        Some(i) => {
            a.cursor = i;
            let open = ids.iter().filter(|id| open_disagreement(a, id)).count();
            Handled { status: Some(format!("Open disagreements: {open}")), ..Default::default() }
        }
        None => Handled { status: Some("No open disagreements".into()), ..Default::default() },
    }
}

/// Minutes and seconds (hours when it takes that long).
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Text from a file, safe to draw: control characters (escape sequences) become `?`.
fn shown(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in shown(text).chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            out.pop();
            out.push('…');
            break;
        }
        used += w;
        out.push(c);
    }
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(out.as_str()));
    out + &" ".repeat(pad)
}

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

/// Draws the facilitator's screen for the current question into `area`.
pub fn draw(a: &Assessment, color: bool, frame: &mut Frame, area: Rect) {
    let look = Look { color };
    let sidebar_width = if area.width >= 110 { 42 } else { 32 };
    let [sidebar, main] = Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Fill(1)]).areas(area);
    draw_sidebar(a, &look, frame, sidebar);
    let main = main.inner(Margin { horizontal: 1, vertical: 0 });
    let key_rows = if main.width < 90 { 3 } else { 2 };
    let [content, keys] = Layout::vertical([Constraint::Fill(1), Constraint::Length(key_rows)]).areas(main);
    frame.render_widget(Paragraph::new(question_lines(a, &look)).wrap(Wrap { trim: false }), content);
    let keys_text = "1-9 who · y p n u a vote · Enter agree consensus · Y P N U A agree · d next disagreement · e note · ←→ move · q quit";
    frame.render_widget(Paragraph::new(Line::styled(keys_text, Style::default())).wrap(Wrap { trim: true }), keys);
}

fn draw_sidebar(a: &Assessment, look: &Look, frame: &mut Frame, area: Rect) {
    let (current, _, _) = a.current();
    let f = a.workshop.as_ref();
    let width = area.width.saturating_sub(1) as usize;
    // Marker, name, then agreed/total (6), open disagreements (4) and time (5) right-aligned.
    let name_width = width.saturating_sub(19).max(4);
    let mut lines = vec![
        Line::styled(format!(" Elapsed {}", clock(f.map_or(0, |f| f.elapsed))), look.bold()),
        Line::styled(format!(" {} {:>6} {:>4} {:>5}", fit("", name_width), "agreed", "open", "time"), Style::default()),
    ];
    let mut open_total = 0;
    for (i, d) in a.questionnaire.dimensions.iter().enumerate() {
        let agreed = d.questions.iter().filter(|q| a.session.answer(&q.id).is_some()).count();
        let open = d.questions.iter().filter(|q| counted_open(a, &q.id)).count();
        open_total += open;
        let secs = f.and_then(|f| f.seconds.get(i)).copied().unwrap_or(0);
        let marker = if i == current { '▸' } else { ' ' };
        let open_text = if open > 0 { format!("!{open}") } else { String::new() };
        let text = format!(
            "{marker}{} {:>3}/{:<2} {:>4} {:>5}",
            fit(&d.name, name_width),
            agreed,
            d.questions.len(),
            open_text,
            clock(secs)
        );
        let style = if i == current { look.fg(Color::Cyan).add_modifier(Modifier::BOLD) } else { Style::default() };
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(" {}/{} agreed", a.answered(), a.total())));
    lines.push(Line::raw(format!(" {open_total} open disagreement{}", if open_total == 1 { "" } else { "s" })));
    lines.push(Line::raw(format!(" Level so far: {} {}", a.report.overall.level, shown(&a.report.overall.name))));
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)), area);
}

fn question_lines<'a>(a: &'a Assessment, look: &Look) -> Vec<Line<'a>> {
    let (d, dim, question) = a.current();
    let position = a.cursor - a.questionnaire.dimension_start(d) + 1;
    let people = participants(a);
    let v = votes(a);
    let shown_votes = revealed(a);
    let who = selected(a);
    let entry = a.session.answers.get(&question.id);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(shown(&dim.name), look.fg(Color::Cyan).add_modifier(Modifier::BOLD)),
            Span::raw(format!("  {position}/{} · Level {}", dim.questions.len(), question.level)),
        ]),
        Line::styled(shown(&question.text), look.bold()),
        Line::raw(""),
    ];
    let voted = v.iter().flatten().count();
    lines.push(Line::styled(
        if shown_votes {
            format!("Votes {voted} of {}:", people.len())
        } else {
            format!("Votes {voted} of {} (hidden until all have voted)", people.len())
        },
        look.bold(),
    ));
    for (i, (p, vote)) in people.iter().zip(&v).enumerate() {
        let marker = if i == who { "▶" } else { " " };
        let role = p.role.as_deref().map(|r| format!(" ({})", shown(r))).unwrap_or_default();
        let name = format!("{marker}{} {}{role}", i + 1, shown(&p.name));
        let mut spans = vec![Span::styled(
            fit(&name, 24),
            if i == who { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() },
        )];
        spans.push(Span::raw(" "));
        match (vote, shown_votes) {
            (Some(ans), true) => {
                spans.push(Span::styled(format!("[{}] {}", letter(*ans), ans.label()), look.answer(*ans)))
            }
            (Some(_), false) => spans.push(Span::raw("[✓] voted")),
            (None, _) => spans.push(Span::styled("[ ] waiting", Style::default())),
        }
        lines.push(Line::from(spans));
    }
    if shown_votes {
        let counts: Vec<String> = Answer::ALL
            .iter()
            .filter_map(|ans| {
                let n = v.iter().filter(|x| **x == Some(*ans)).count();
                (n > 0).then(|| format!("{n}×{}", letter(*ans)))
            })
            .collect();
        let consensus = consensus(a).map_or("none", Answer::label);
        let split = v.contains(&Some(Answer::Yes)) && v.contains(&Some(Answer::No));
        let mut spans = vec![Span::raw(format!("{} → consensus {consensus}", counts.join(" ")))];
        if split {
            spans.push(Span::styled("  DISAGREEMENT", look.fg(Color::Red).add_modifier(Modifier::BOLD)));
        }
        lines.push(Line::from(spans));
    }
    let agreed = entry.and_then(|e| e.answer);
    lines.push(Line::from(match agreed {
        Some(ans) => {
            vec![Span::raw("Agreed: "), Span::styled(format!("[{}] {}", letter(ans), ans.label()), look.answer(ans))]
        }
        None => vec![Span::raw("Agreed: — (Enter takes the consensus)")],
    }));
    if let Some(text) = crate::evidence::outcome::scan_line(a.session.scan.as_deref(), &question.id) {
        lines.push(Line::styled(shown(&text), Style::default().add_modifier(Modifier::DIM)));
    }
    let help = a.show_help.then_some(question.help.as_deref()).flatten();
    match &a.editing {
        Some((NoteField::Note, input)) => lines.push(Line::raw(format!("Note: {}█", shown(&input.text)))),
        Some((NoteField::Evidence, input)) => lines.push(Line::raw(format!("Evidence: {}█", shown(&input.text)))),
        None => {
            if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
                lines.push(Line::raw(format!("Note: {}", shown(&note.replace('\n', " / ")))));
            }
        }
    }
    // Last, so that a small screen cuts this rather than the votes.
    if let Some(help) = help {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("Why it matters: {}", shown(help)), Style::default()));
    }
    lines
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
    // Inside the borders: the summary, the list, "… more" and the role gaps.
    let room = (panel.height as usize).saturating_sub(5).max(1);
    let ordered = open.iter().copied().chain(r.disagreements.iter().filter(|d| d.agreed.is_some()));
    for d in ordered.take(room) {
        let mut counts: Vec<String> = Vec::new();
        for ans in Answer::ALL {
            let n = d.answers.values().filter(|v| v.as_str() == ans.as_str()).count();
            if n > 0 {
                counts.push(format!("{n}{}", letter(ans)));
            }
        }
        let state = d.agreed.as_deref().map_or_else(|| "open".to_owned(), |x| format!("agreed {x}"));
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
            let scores: Vec<String> = gap.scores.iter().map(|(role, s)| format!("{} {s:.2}", shown(role))).collect();
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

/// `--participants`: makes a new session a workshop session; an existing workshop session must
/// list the same people (resuming needs no list), and a single respondent's session stays one.
pub fn set_participants(s: &mut crate::session::Session, list: &str, path: &std::path::Path) -> anyhow::Result<()> {
    let given = workshop::parse_participants(list).map_err(|e| anyhow::anyhow!("--participants: {e}"))?;
    match &s.participants {
        None if s.answers.is_empty() && s.respondent.is_none() => {
            s.participants = Some(given);
            Ok(())
        }
        None => anyhow::bail!(
            "{}: is one respondent's session, not a workshop; give a new file with --session to start a workshop, or `mlops-maturity merge` separate sessions",
            path.display()
        ),
        Some(existing) if existing.iter().map(|p| &p.name).eq(given.iter().map(|p| &p.name)) => Ok(()),
        Some(existing) => anyhow::bail!(
            "{}: the workshop's participants are {}; leave out --participants to resume it, or edit the file's `participants`",
            path.display(),
            existing.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        ),
    }
}
