//! The context screen: what is at stake, and the target it calls for.

use super::theme::{Theme, framed};
use crate::tui::app::Assessment;
use crate::tui::app::{CONTEXT_ROWS, context_of};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the context screen.
pub(super) fn draw_context(a: &Assessment, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(frame, area, " Context: how much is at stake ");
    let ctx = context_of(a);
    let value = |v: Option<String>| v.unwrap_or_else(|| "not set".into());
    let yes_no = |v: Option<bool>| value(v.map(|b| if b { "yes".into() } else { "no".into() }));
    let rows = [
        ("Models in production", value(ctx.models_in_production.map(|n| n.to_string()))),
        ("Criticality", value(ctx.criticality.map(|c| c.as_str().to_owned()))),
        ("Regulated", yes_no(ctx.regulated)),
        (
            "Target level",
            a.session.target.map_or("automatic (from the context)".into(), |t| {
                format!("{t} · {} (set by hand)", a.questionnaire.level_name(t))
            }),
        ),
        ("Trains its own models", yes_no(ctx.trains_models)),
        ("Decides about people", yes_no(ctx.decides_about_people)),
        ("Customers see output", yes_no(ctx.customer_facing)),
    ];
    let mut lines = vec![Line::raw("")];
    // A value too long for a narrow window is cut, so that its row stays one line with its ▸.
    let room = (inner.width as usize).saturating_sub(22 + 6);
    for (i, (label, v)) in rows.iter().enumerate() {
        let style = if i == a.context_row { theme.selected() } else { Style::default() };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<22}"), if i == a.context_row { theme.accent() } else { Style::default() }),
            Span::styled(format!(" ◂ {} ▸ ", crate::tui::text::cut(v, room)), style),
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
        "More models, higher criticality, customers and decisions about people raise the target; regulated work stays at 2 unless set by hand. Questions that do not fit the team are left out.",
        theme.dim(),
    ));
    if a.finishing {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Enter: next, rate where the ML lifecycle gets stuck.", theme.accent()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
