//! Writing to the terminal: what a command prints, cleaned of escape sequences and cut to size,
//! and errors on standard error.

use crate::format::Format;
use anyhow::{Result, anyhow};
use std::path::{Path, PathBuf};

/// Writes a report to standard output; on a terminal, anything a custom template copied raw
/// from a file is shown escaped, never obeyed.
pub(crate) fn print_for_terminal(text: &str) -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() { print_out(&crate::printable::printable(text)) } else { print_out(text) }
}

/// A command's result: written atomically to `-o FILE` (never over one of the files it `read`,
/// nor over a session another process holds), else printed for the terminal. Written in one of
/// the `format`s, a file whose name ends in another format's extension is warned about; `None`
/// (a user's template) checks no name.
pub(crate) fn write_or_print(
    output: Option<&Path>,
    text: &str,
    read: &[PathBuf],
    format: Option<Format>,
) -> Result<()> {
    match output {
        Some(path) => {
            let _held = crate::lock::guard_output(path, read)?;
            crate::files::write_atomic(path, text.as_bytes())?;
            print_warnings(format.and_then(|f| crate::format::extension_mismatch(path, f)).as_slice());
            Ok(())
        }
        None => print_for_terminal(text),
    }
}

/// Writes to standard output. A closed pipe (`| head`) is the reader's choice and ends the output
/// quietly; any other failure (a full disk, `> /dev/full`) is an error, so the exit code says so.
pub(crate) fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow!("cannot write to standard output: {e}")),
    }
}

/// How many warnings a command prints before it counts the rest.
const WARNINGS_SHOWN: usize = 20;

/// Prints a command's warnings to standard error, one line each: the first 20, then how many more
/// there are (a thousand files can bring thousands). The JSON output lists them all.
pub(crate) fn print_warnings(warnings: &[String]) {
    for w in warnings.iter().take(WARNINGS_SHOWN) {
        print_err(&format!("mlops-maturity: warning: {}", crate::printable::one_line(w)));
    }
    if warnings.len() > WARNINGS_SHOWN {
        print_err(&format!(
            "mlops-maturity: and {} more warnings; `--format json` lists them all",
            warnings.len() - WARNINGS_SHOWN
        ));
    }
}

/// Writes a message to standard error, with control characters escaped and long lines cut.
/// Nothing is left to report a failure of standard error to, so it is ignored.
pub fn print_err(text: &str) {
    use std::io::Write;
    let text = crate::printable::cap_lines(text, 2000);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.write_all(b"\n")).and_then(|_| err.flush());
}
