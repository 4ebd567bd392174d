//! The results: level, dimensions, bottleneck and the whole roadmap, scrolling.

use super::theme::{Theme, clip, framed, pad};
use crate::report::text_bar;
use crate::tui::app::Assessment;
use crate::tui::input::wrap_with_cursor;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the results, scrolled to `results_scroll`.
pub(super) fn draw_results(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Results ");
    let width = inner.width as usize;
    let mut lines = summary_lines(a, theme, width);
    lines.push(Line::raw(""));
    lines.extend(dimension_lines(a, theme, width));
    lines.push(Line::raw(""));
    lines.extend(roadmap_lines(a, theme, width));
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

/// The level and the target, the progress toward the next level, how complete the answers
/// are, open disagreements, progress since the previous assessment, carried answers to confirm.
fn summary_lines(a: &Assessment, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let r = &a.report;
    let highest = a.questionnaire.highest_level();
    // The report's completeness, so that the screen and every report agree: a workshop's
    // consensus counts as an answer, an open disagreement is named as such.
    let (answered, total) = (r.completeness.answered, r.completeness.questions);
    let open = r.completeness.open_disagreements;
    // The level first, then how far toward the next one, in the Markdown report's words and
    // numbers (a bare score next to "Level 0" reads as a contradiction).
    let summary = format!(
        "Level {} of {highest} · {}   target Level {} · {}",
        r.overall.level, r.overall.name, r.target.level, r.target.name
    );
    let mut lines: Vec<Line> = wrap_with_cursor(&summary, 0, width)
        .0
        .into_iter()
        .map(|l| Line::styled(l, Style::default().add_modifier(Modifier::BOLD)))
        .collect();
    if let Some(p) = r.progress.as_ref().filter(|p| p.practices > 0) {
        // The same counts the Markdown report gives, so the screen and the report agree.
        let plural = if p.practices == 1 { "" } else { "s" };
        let partly = if p.partly > 0 { format!(", {} partly", p.partly) } else { String::new() };
        let text = format!(
            "Toward Level {} in the weakest areas: {} of {} practice{plural} in place{partly}",
            p.level, p.in_place, p.practices
        );
        lines.extend(wrap_with_cursor(&text, 0, width).0.into_iter().map(Line::raw));
    }
    if r.completeness.indicative {
        let warning = format!(
            "{answered} of {total} answered: indicative only until every question has an answer (f on the questions finds them)"
        );
        let style = theme.fg(Color::Red).add_modifier(Modifier::BOLD);
        lines.extend(wrap_with_cursor(&warning, 0, width).0.into_iter().map(|l| Line::styled(l, style)));
    } else if answered < total {
        let text = format!("{answered} of {total} answered: the open answers cannot change the level");
        lines.extend(wrap_with_cursor(&text, 0, width).0.into_iter().map(Line::raw));
    } else {
        lines.push(Line::raw(format!("{answered} of {total} answered")));
    }
    if open > 0 {
        let text = format!(
            "{open} disagreement{} still open: {} by the median of the votes until the group agrees (d on the questions finds them)",
            if open == 1 { "" } else { "s" },
            if open == 1 { "it counts" } else { "they count" }
        );
        lines.extend(wrap_with_cursor(&text, 0, width).0.into_iter().map(|l| Line::styled(l, theme.accent())));
    }
    if let Some(since) = &r.since_baseline {
        let date = since.date.as_deref().map(|d| format!(" of {d}")).unwrap_or_default();
        let before = since.overall_before.map_or_else(|| "?".to_owned(), |l| l.to_string());
        let text = format!(
            "Since the previous assessment{date}: Level {before} → {}; {} answer{} changed ({} better, {} worse)",
            since.overall_after,
            since.changed.len() - since.not_asked.len(),
            if since.changed.len() - since.not_asked.len() == 1 { "" } else { "s" },
            since.better.len(),
            since.worse.len()
        );
        lines.extend(wrap_with_cursor(&text, 0, width).0.into_iter().map(Line::raw));
    }
    let confirm = a.to_confirm();
    if confirm > 0 {
        let text = format!(
            "{confirm} answer{} carried from the last assessment still to confirm (they count as given; f on the questions finds them)",
            if confirm == 1 { "" } else { "s" }
        );
        lines.extend(wrap_with_cursor(&text, 0, width).0.into_iter().map(|l| Line::styled(l, theme.accent())));
    }
    lines
}

/// Each dimension's level and score, with a bar from 0 to the highest level.
fn dimension_lines(a: &Assessment, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let r = &a.report;
    let highest = a.questionnaire.highest_level();
    let mut lines = Vec::new();
    // Full dimension names when the window has room for them and the bars.
    let longest =
        r.dimensions.iter().map(|d| unicode_width::UnicodeWidthStr::width(d.name.as_str())).max().unwrap_or(0);
    let name_width = longest.clamp(12, width.saturating_sub(30).max(12));
    let bar = width.saturating_sub(name_width + 16).clamp(8, 40);
    // The score runs from 0 to the highest level: say so above the bars.
    lines.push(Line::styled(
        format!(
            "{} {:<5} {:<8} {}",
            pad("Dimension", name_width),
            "Level",
            "Score",
            clip(&format!("0 to {highest}"), bar)
        ),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    for d in &r.dimensions {
        let weakest = r.overall.weakest.contains(&d.id);
        lines.push(Line::from(vec![
            Span::styled(pad(&d.name, name_width), if weakest { theme.fg(Color::Red) } else { Style::default() }),
            Span::raw(format!(" L{:<4} {:>4}/{highest:<3} ", d.level, crate::printable::fixed(d.score, 2))),
            Span::styled(text_bar(d.score, f64::from(highest), bar), theme.fg(Color::Green)),
        ]));
    }
    lines
}

/// The bottleneck, then the whole roadmap, phase by phase.
fn roadmap_lines(a: &Assessment, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let r = &a.report;
    let mut lines = Vec::new();
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
                // "No" is what a roadmap item usually is; anything else is said, so a practice
                // nobody answered does not read as one that is missing.
                let text = match action.answer {
                    crate::session::Reported::No => action.text.clone(),
                    other => format!("{} (today: {})", action.text, crate::templates::answer_words(other.as_str())),
                };
                let (wrapped, _, _) = wrap_with_cursor(&text, 0, width.saturating_sub(4));
                for (i, text) in wrapped.into_iter().enumerate() {
                    lines.push(Line::raw(format!("{} {text}", if i == 0 { " □" } else { "  " })));
                }
            }
        }
    }
    lines
}
