//! One shape for every screen's keys: a table of [`Binding`]s, from which the screen's key
//! handler, the key hints under the screen and the `?` help are all read, so that a key can be
//! in none of them but never in one and missing from another.

use crossterm::event::KeyCode;

/// A row as the hints or the help show it: (keys, label or what they do).
pub(crate) type Shown = (&'static str, &'static str);

/// One row of a screen's keymap: the keys it takes, how the key hints and the help show it,
/// and what it does (`A`: the screen's kind of action, a function).
pub struct Binding<A: 'static> {
    /// The key presses this row takes. Empty for a row that is only shown, because its keys
    /// are taken elsewhere (`?` on every screen, Ctrl-J in the note's editor).
    pub(crate) keys: &'static [KeyCode],
    /// In the key hints under the screen: the keys as shown and a label (`"←→"`, `"move"`);
    /// `None` keeps the row out of the hints.
    pub hint: Option<Shown>,
    /// In the `?` help: the keys as shown and what they do; `None` when another row says it.
    pub help: Option<Shown>,
    /// What the keys do.
    pub(crate) action: A,
}

/// The first row of `table` that takes `code`.
pub(crate) fn find<A>(table: &'static [Binding<A>], code: KeyCode) -> Option<&'static Binding<A>> {
    table.iter().find(|b| b.keys.contains(&code))
}

/// The rows of `table` shown in the key hints, as (keys, label).
pub(crate) fn hints<A>(table: &'static [Binding<A>]) -> impl Iterator<Item = Shown> {
    table.iter().filter_map(|b| b.hint)
}

/// The rows of `table` shown in the help, as (keys, what they do).
pub(crate) fn help<A>(table: &'static [Binding<A>]) -> impl Iterator<Item = Shown> {
    table.iter().filter_map(|b| b.help)
}

/// The key hints' line: "keys label" for each row, joined by " · ".
pub(crate) fn hint_line(rows: &[(&str, &str)]) -> String {
    rows.iter().map(|(keys, label)| format!("{keys} {label}")).collect::<Vec<_>>().join(" · ")
}
