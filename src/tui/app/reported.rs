//! What the shell reports back through `update`: the terminal's size, a save (done, failed or
//! refused as too large), a failure, an export, a session opened, the clock's tick. Each only
//! changes the model; none asks for an effect.

use super::edit::commit_edit;
use super::model::{Model, Msg, NoteField};
use super::workshop;
use crate::session::Session;
use crate::tui::input::TextInput;

/// Applies a message from the shell (any message but a key or a paste) to the model.
pub(super) fn reported(model: &mut Model, msg: Msg) {
    match msg {
        Msg::Key(_) | Msg::Paste(_) => {}
        Msg::Resize(w, h) => {
            model.size = (w, h);
        }
        Msg::Saved(when) => {
            model.dated();
            model.dirty = false;
            model.save_error = None;
            if !model.status_sticky {
                model.status = format!("Saved {when}");
            }
        }
        Msg::SaveFailed(why) => {
            model.dated();
            model.status = format!("NOT SAVED: {why}");
            model.status_sticky = true;
            model.save_error = Some(why);
        }
        Msg::Failed(why) => {
            model.status = why;
            model.status_sticky = true;
        }
        Msg::SaveRefused { restore, reopen, bytes } => {
            refused(model, restore, reopen, bytes);
        }
        Msg::KeepTime => {
            if model.assessment.is_some() {
                model.dirty = true;
            }
        }
        Msg::Opened(a) => {
            model.open(*a);
        }
        Msg::Closing => commit_edit(model),
        Msg::Tick(now) => {
            if let Some(a) = model.assessment.as_mut() {
                workshop::tick(a, now);
            }
        }
        Msg::Exported(path) => {
            let what = match path.extension().and_then(|e| e.to_str()) {
                Some("md") => "Markdown report",
                Some("json") => "JSON report",
                Some("html") => "HTML report",
                Some("csv") => "CSV report",
                _ => "Report",
            };
            // The path on a line of its own, so it is never broken inside a name.
            model.status = format!("{what} written to\n{}", path.display());
            model.status_sticky = true;
            if !model.exported.contains(&path) {
                model.exported.push(path);
            }
        }
    }
}

/// A change the loop refused to save (the file would be too large to open again): the session
/// goes back to the last one written, and the text that made it too long back into its editor.
fn refused(model: &mut Model, restore: Option<Box<Session>>, reopen: Option<(NoteField, String)>, bytes: u64) {
    model.dated();
    let Some(a) = model.assessment.as_mut() else { return };
    if let Some(good) = restore {
        a.session = *good;
    }
    a.editing = reopen.map(|(field, text)| (field, TextInput::multiline(&text)));
    model.dirty = false;
    let msg = format!(
        "That change was not kept: the session file would be {:.1} MiB, over the {} MiB a session may hold; {}",
        bytes as f64 / (1024.0 * 1024.0),
        crate::files::MAX_INPUT_BYTES / (1024 * 1024),
        if a.editing.is_some() {
            "the text is back in its editor: shorten it, or Esc drops it"
        } else {
            "shorten a note"
        }
    );
    model.status = msg;
    model.status_sticky = true;
    model.rebuild_report();
}
