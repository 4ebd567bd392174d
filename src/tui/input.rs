//! A text input: cursor, arrows, Home/End, Backspace/Delete, wide characters, pasted blocks.
//!
//! A multi-line input (notes, evidence) keeps line breaks, from a paste or typed with Ctrl-J or
//! Alt-Enter; a one-line input (form fields) turns them into spaces. Plain data and pure
//! methods, so the editing rules are tested without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// A text field being edited: its text, the cursor, and whether it keeps line breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    /// The text typed so far.
    pub text: String,
    /// Cursor position in characters (not bytes).
    pub(crate) cursor: usize,
    /// Line breaks are kept (notes and evidence).
    pub(crate) multiline: bool,
    /// Characters the last insert could not take because of [`MAX_CHARS`].
    pub(crate) refused: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// Still editing.
    Editing,
    /// Enter: keep the text.
    Done,
    /// Esc: drop the changes.
    Cancelled,
}

/// Longest text an input takes (a long pasted list of action items fits; a whole document
/// does not). Reaching it is said on screen.
pub const MAX_CHARS: usize = 10_000;

impl TextInput {
    /// A one-line input holding `text`, the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput { text: text.to_owned(), cursor: text.chars().count(), multiline: false, refused: 0 }
    }

    /// An input that keeps line breaks.
    pub(crate) fn multiline(text: &str) -> TextInput {
        TextInput { multiline: true, ..TextInput::new(text) }
    }

    /// Inserts a block of text (a paste) at the cursor: line breaks kept in a multi-line input,
    /// spaces otherwise; other control characters dropped; cut at [`MAX_CHARS`], the number of
    /// characters left out kept in `refused`.
    pub(crate) fn insert_str(&mut self, s: &str) {
        let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
        let cleaned: Vec<char> = normalised
            .chars()
            .filter_map(|c| match c {
                '\n' if self.multiline => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let taken = cleaned.len().min(room);
        self.refused = cleaned.len() - taken;
        let at = self.byte_at(self.cursor);
        let block: String = cleaned[..taken].iter().collect();
        self.text.insert_str(at, &block);
        self.cursor += taken;
    }

    /// The text wrapped to `width` cells (at line breaks and wherever a line is full), and the
    /// cursor's row and column in it.
    pub(crate) fn wrapped(&self, width: usize) -> (Vec<String>, usize, usize) {
        wrap_with_cursor(&self.text, self.cursor, width)
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
    }

    /// Display width of the text before the cursor (CJK and emoji take two cells).
    pub fn cursor_width(&self) -> usize {
        self.text[..self.byte_at(self.cursor)].width()
    }

    /// The part of the text that fits in `width` cells with the cursor in view, and the
    /// cursor's column within it: long notes scroll sideways instead of wrapping.
    pub fn window(&self, width: usize) -> (String, usize) {
        use unicode_width::UnicodeWidthChar;
        let width = width.max(2);
        let chars: Vec<char> = self.text.chars().collect();
        let mut prefix = Vec::with_capacity(chars.len() + 1);
        prefix.push(0usize);
        for c in &chars {
            prefix.push(prefix.last().copied().unwrap_or(0) + c.width().unwrap_or(0));
        }
        let cursor = self.cursor.min(chars.len());
        // The first character such that the cursor still has a free cell to its right.
        let start = (0..=cursor).find(|&s| prefix[cursor] - prefix[s] < width).unwrap_or(cursor);
        let end = (start..=chars.len()).take_while(|&e| prefix[e] - prefix[start] <= width).last().unwrap_or(start);
        (chars[start..end].iter().collect(), prefix[cursor] - prefix[start])
    }

    /// Applies a key: typing, moving, deleting; Enter ends the editing, Esc cancels it.
    pub fn handle(&mut self, key: KeyEvent) -> InputOutcome {
        let len = self.text.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        self.refused = 0;
        match key.code {
            KeyCode::Enter if alt => self.insert_str("\n"),
            KeyCode::Char('j') if ctrl => self.insert_str("\n"),
            KeyCode::Enter => return InputOutcome::Done,
            KeyCode::Esc => return InputOutcome::Cancelled,
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Char('a') if key.modifiers.contains(KeyModifiers::CONTROL) => self.cursor = 0,
            KeyCode::Char('e') if key.modifiers.contains(KeyModifiers::CONTROL) => self.cursor = len,
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            // Ctrl and Alt with a letter are commands, never the letter itself.
            KeyCode::Char(c) if !ctrl && !alt => self.insert_str(c.encode_utf8(&mut [0; 4])),
            _ => {}
        }
        InputOutcome::Editing
    }
}

/// Wraps `text` to `width` cells, breaking at line breaks and when a line is full (at the last
/// space when there is one), and gives the row and column of the character index `cursor`.
pub(crate) fn wrap_with_cursor(text: &str, cursor: usize, width: usize) -> (Vec<String>, usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    let mut lines = vec![String::new()];
    let mut used = 0;
    let (mut row, mut col) = (0, 0);
    for (i, c) in text.chars().enumerate() {
        if i == cursor {
            (row, col) = (lines.len() - 1, used);
        }
        if c == '\n' {
            lines.push(String::new());
            used = 0;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Carry the last word over when the line has a space to break at.
            let last = lines.last_mut().expect("one line at least");
            let carried = match last.rfind(' ') {
                Some(at) if at + 1 < last.len() => last.split_off(at + 1),
                _ => String::new(),
            };
            let carried_width = unicode_width::UnicodeWidthStr::width(carried.as_str());
            if row == lines.len() - 1 && i > cursor && col >= used - carried_width {
                (row, col) = (row + 1, col - (used - carried_width));
            }
            used = carried_width;
            lines.push(carried);
        }
        lines.last_mut().expect("one line at least").push(c);
        used += w;
    }
    if cursor >= text.chars().count() {
        (row, col) = (lines.len() - 1, used);
    }
    if col >= width {
        // The cursor after a full line shows at the start of the next one.
        lines.push(String::new());
        (row, col) = (lines.len() - 1, 0);
    }
    (lines, row, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(input: &mut TextInput, s: &str) {
        for c in s.chars() {
            input.handle(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut i = TextInput::default();
        typed(&mut i, "helo");
        i.handle(key(KeyCode::Left));
        typed(&mut i, "l");
        assert_eq!(i.text, "hello");
        i.handle(key(KeyCode::Home));
        i.handle(key(KeyCode::Delete));
        i.handle(key(KeyCode::End));
        i.handle(key(KeyCode::Backspace));
        assert_eq!(i.text, "ell");
        assert_eq!(i.handle(key(KeyCode::Enter)), InputOutcome::Done);
        assert_eq!(i.handle(key(KeyCode::Esc)), InputOutcome::Cancelled);
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_in_view() {
        let mut i = TextInput::new("abcdefghij");
        assert_eq!(i.window(4), ("hij".to_owned(), 3));
        i.handle(key(KeyCode::Home));
        assert_eq!(i.window(4), ("abcd".to_owned(), 0));
        let wide = TextInput::new("日本語のメモ");
        let (shown, col) = wide.window(6);
        assert_eq!((shown.as_str(), col), ("メモ", 4), "the cursor after the last wide character stays on screen");
    }

    #[test]
    fn a_paste_is_one_block_with_its_line_breaks() {
        let mut note = TextInput::multiline("x");
        note.insert_str("Action items:\r\n- ask Ana\n- plan a run\x1b");
        assert_eq!(note.text, "xAction items:\n- ask Ana\n- plan a run");
        let mut field = TextInput::new("");
        field.insert_str("Fraud\nML");
        assert_eq!(field.text, "Fraud ML", "a one-line field gets spaces");
    }

    #[test]
    fn the_length_limit_is_counted_not_silent() {
        let mut note = TextInput::multiline("");
        note.insert_str(&"a".repeat(MAX_CHARS + 5));
        assert_eq!(note.text.chars().count(), MAX_CHARS);
        assert_eq!(note.refused, 5);
        note.handle(key(KeyCode::Char('b')));
        assert_eq!(note.refused, 1);
    }

    #[test]
    fn ctrl_and_alt_letters_are_not_typed() {
        let mut i = TextInput::multiline("ab");
        i.handle(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
        i.handle(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::ALT));
        assert_eq!(i.text, "ab");
        i.handle(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
        i.handle(KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT));
        assert_eq!(i.text, "ab\nC", "Ctrl-J is a line break, Shift a capital");
    }

    #[test]
    fn wrapping_keeps_line_breaks_and_follows_the_cursor() {
        let (lines, row, col) = wrap_with_cursor("one two three\nfour", 18, 8);
        assert_eq!(lines, vec!["one two ", "three", "four"]);
        assert_eq!((row, col), (2, 4));
        let (_, row, col) = wrap_with_cursor("one two three", 9, 8);
        assert_eq!((row, col), (1, 1), "the cursor moves with its word");
    }

    #[test]
    fn wide_characters_count_two_cells() {
        let mut i = TextInput::default();
        typed(&mut i, "日本🚀a");
        assert_eq!(i.cursor, 4);
        assert_eq!(i.cursor_width(), 7);
        i.handle(key(KeyCode::Left));
        i.handle(key(KeyCode::Backspace));
        assert_eq!(i.text, "日本a");
    }
}
