//! The bottleneck map: time share and pain per lifecycle stage.

use super::theme::{Theme, framed, pad};
use crate::report::text_bar;
use crate::tui::app::Assessment;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the bottleneck map.
pub(super) fn draw_bottlenecks(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
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
        "Time: ←→ move a stage's share in steps of 5 (points, not percent); once several are in, each is shown as a percent of their total. Pain: type 1-5.",
        theme.dim(),
    ));
    if a.finishing {
        lines.push(Line::styled("Enter: see the results.", theme.accent()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
