//! How deep a YAML text nests, found in one linear pass before parsing: indented blocks, `- `
//! items and `[`/`{` flows together. A file nested deeper than the limit is refused with the
//! place where it first goes too deep, before the parser (which recurses) ever sees it.

/// Where nesting first goes deeper than `limit`: indented blocks, `- ` items and `[`/`{` flows
/// together. One pass over the text; quoted text, comments and block scalars (`|`, `>`) are
/// skipped. It undercounts rather than overcounts, so a valid file is never refused.
pub(super) fn too_deep(text: &str, limit: usize) -> Option<(usize, usize, String)> {
    let mut scan = Scan { indents: Vec::new(), flow: 0, quote: None, block_scalar_parent: None, limit };
    for (n, raw_line) in text.split('\n').enumerate() {
        let line: Vec<char> = raw_line.trim_end_matches('\r').chars().collect();
        if let Err(col) = scan.line(&line) {
            return Some((
                n + 1,
                col + 1,
                format!(
                    "the data is nested more than {limit} levels deep; this is not a questionnaire or session file"
                ),
            ));
        }
    }
    None
}

/// The state carried from line to line.
struct Scan {
    /// The indentation of each open block level.
    indents: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// The quote character of a quoted scalar still open.
    quote: Option<char>,
    /// The indentation of the key whose block scalar (`|`, `>`) the lines are in.
    block_scalar_parent: Option<usize>,
    limit: usize,
}

impl Scan {
    /// Follows one line; `Err(column)` (0-based) where it goes too deep.
    fn line(&mut self, line: &[char]) -> Result<(), usize> {
        let indent = line.iter().take_while(|c| **c == ' ').count();
        if let Some(parent) = self.block_scalar_parent {
            if indent >= line.len() || indent > parent {
                return Ok(());
            }
            self.block_scalar_parent = None;
        }
        let mut i = 0;
        if self.quote.is_none() && self.flow == 0 {
            match self.block_line(line, indent)? {
                Some(value) => i = value,
                None => return Ok(()),
            }
        }
        self.follow_flow(line, i)
    }

    /// A line in block context: its place in the indentation, its `- ` items, and where a flow
    /// or quoted value starts on it (`None` when nothing on the line needs following).
    fn block_line(&mut self, line: &[char], indent: usize) -> Result<Option<usize>, usize> {
        if indent >= line.len() || line[indent] == '#' {
            return Ok(None);
        }
        if line.starts_with(&['-', '-', '-']) || line.starts_with(&['.', '.', '.']) {
            self.indents.clear();
            return Ok(None);
        }
        while self.indents.last().is_some_and(|&top| top >= indent) {
            self.indents.pop();
        }
        let mut i = indent;
        loop {
            self.indents.push(i);
            // Block context: no flow is open here.
            if self.indents.len() > self.limit {
                return Err(i);
            }
            // `- ` and `? ` open one more level each, on the same line.
            if matches!(line.get(i), Some('-') | Some('?')) && matches!(line.get(i + 1), None | Some(' ')) {
                i = skip_spaces(line, i + 1);
                if i >= line.len() {
                    break;
                }
                continue;
            }
            break;
        }
        let i = after_properties(line, skip_spaces(line, value_start(line, i)));
        match line.get(i) {
            Some('|') | Some('>') => {
                self.block_scalar_parent = Some(indent);
                Ok(None)
            }
            Some('[') | Some('{') => Ok(Some(i)),
            Some('"') | Some('\'') => {
                self.quote = Some(line[i]);
                Ok(Some(i + 1))
            }
            _ => Ok(None),
        }
    }

    /// Flow context or inside a quoted scalar: follows brackets and quotes to the line's end.
    fn follow_flow(&mut self, line: &[char], mut i: usize) -> Result<(), usize> {
        while i < line.len() {
            let c = line[i];
            match self.quote {
                Some('"') if c == '\\' => i += 1,
                Some('\'') if c == '\'' && line.get(i + 1) == Some(&'\'') => i += 1,
                Some(open) if c == open => self.quote = None,
                Some(_) => {}
                None => match c {
                    // A quote opens quoted text only where a value starts (`it's` is plain text).
                    '"' | '\'' if line[..i].iter().rev().find(|c| **c != ' ').is_none_or(|p| "[{,:".contains(*p)) => {
                        self.quote = Some(c)
                    }
                    '#' if i == 0 || line[i - 1] == ' ' => break,
                    '[' | '{' => {
                        self.flow += 1;
                        if self.indents.len() + self.flow > self.limit {
                            return Err(i);
                        }
                    }
                    ']' | '}' => self.flow = self.flow.saturating_sub(1),
                    _ => {}
                },
            }
            i += 1;
        }
        Ok(())
    }
}

fn skip_spaces(line: &[char], mut i: usize) -> usize {
    while line.get(i) == Some(&' ') {
        i += 1;
    }
    i
}

/// Where the value starts on a block line from `i`: at `i`, or after the first `: ` outside
/// quotes.
fn value_start(line: &[char], i: usize) -> usize {
    let mut j = i;
    let mut q: Option<char> = None;
    while j < line.len() {
        let c = line[j];
        match q {
            Some('"') if c == '\\' => j += 1,
            Some(open) if c == open => q = None,
            Some(_) => {}
            None if j == i && (c == '"' || c == '\'') => q = Some(c),
            None if j == i && (c == '[' || c == '{') => break,
            None if c == '#' && j.checked_sub(1).is_some_and(|p| line[p] == ' ') => break,
            None if c == ':' && matches!(line.get(j + 1), None | Some(' ')) => return j + 1,
            None => {}
        }
        j += 1;
    }
    i
}

/// Past the anchors (`&a`) and tags (`!t`) before a value.
fn after_properties(line: &[char], mut i: usize) -> usize {
    while matches!(line.get(i), Some('&') | Some('!')) {
        while i < line.len() && line[i] != ' ' {
            i += 1;
        }
        i = skip_spaces(line, i);
    }
    i
}
