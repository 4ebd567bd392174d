//! A one-line text input: cursor, arrows, Home/End, Backspace/Delete, wide characters.
//!
//! Plain data and pure methods, so the editing rules are tested without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Cursor position in characters (not bytes).
    pub cursor: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Editing,
    Done,
    Cancelled,
}

/// Longest text an input takes; notes are sentences, not essays.
pub const MAX_CHARS: usize = 2000;

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput { text: text.to_owned(), cursor: text.chars().count() }
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

    pub fn handle(&mut self, key: KeyEvent) -> InputOutcome {
        let len = self.text.chars().count();
        match key.code {
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
            KeyCode::Char(c) if !c.is_control() && len < MAX_CHARS => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            _ => {}
        }
        InputOutcome::Editing
    }
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
