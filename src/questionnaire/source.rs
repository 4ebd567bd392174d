//! Finding a questionnaire: by path, by id in the user folder, or built in.

use super::{BUILT_INS, Questionnaire, built_in, parse, problems_error};
use crate::files;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a questionnaire came from, for `list` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn(String),
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn(id) => write!(f, "built-in {id}"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Loads and validates a questionnaire file, with every problem in one error.
pub fn load_file(path: &Path) -> anyhow::Result<Questionnaire> {
    let text = files::read_text(path)?;
    parse(&text, &path.display().to_string()).map_err(problems_error)
}

pub(super) fn looks_like_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".yaml") || spec.ends_with(".yml")
}

/// Finds a questionnaire by path (relative paths from `base`), by id in the user folder, or by
/// built-in id, in that order: a user's customised copy shadows the built-in of the same id.
pub fn resolve(spec: &str, base: &Path, home: Option<&Path>) -> anyhow::Result<(Questionnaire, Source)> {
    if looks_like_path(spec) {
        let path =
            if Path::new(spec).is_absolute() || base == Path::new(".") { PathBuf::from(spec) } else { base.join(spec) };
        return Ok((load_file(&path)?, Source::File(path)));
    }
    if let Some(home) = home {
        let dir = home.join("questionnaires");
        for ext in ["yaml", "yml"] {
            let path = dir.join(format!("{spec}.{ext}"));
            if path.is_file() {
                return Ok((load_file(&path)?, Source::File(path)));
            }
        }
        for path in files::files_in(&dir, &["yaml", "yml"]) {
            if let Ok(q) = load_file(&path)
                && q.id == spec
            {
                return Ok((q, Source::File(path)));
            }
        }
    }
    if let Some(q) = built_in(spec) {
        return Ok((q, Source::BuiltIn(spec.to_owned())));
    }
    let ids: Vec<&str> = BUILT_INS.iter().map(|(id, _)| *id).collect();
    anyhow::bail!(
        "unknown questionnaire `{spec}`: it is not a built-in ({}), not in {}, and not a file; run `mlops-maturity list` to see what there is",
        ids.join(", "),
        home.map_or("the user folder".into(), |h| h.join("questionnaires").display().to_string())
    )
}
