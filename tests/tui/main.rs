//! The TUI, in one test binary: `update` key by key and every screen drawn without a terminal
//! (insta snapshots in `snapshots/`), then the real binary in a pseudo-terminal. Each file is a
//! module of this binary, as in ripgrep's tests; the harness they share is in `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod facilitator_screen;
mod scan_assess;
mod tui_exports;
mod tui_in_a_terminal;
mod tui_scan;
mod tui_snapshots;
mod tui_update;
mod workshop_in_a_terminal;
