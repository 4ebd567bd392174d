//! The workshop facilitator's screen, gathered in one place for its callers: its state and
//! queries (`app::workshop`), its keys (`app::facilitator`) and its drawing
//! (`view::facilitator`). A workshop question is a screen like the others, with its update in
//! `app` and its view in `view`; this module only names them together.

pub use super::app::facilitator::{Handled, KEYMAP};
pub use super::app::workshop::{
    AgendaItem, agenda, anonymous, revealed, selected, set_participants, still_to_vote, tick,
};
pub use super::view::facilitator::{clock, draw, draw_results_panel};
