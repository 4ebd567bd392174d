//! Questionnaires: the model, loading from YAML, validation, and the built-in ones.
//!
//! Loading never stops at the first mistake: it collects every problem it can find (unknown keys
//! with their line and column, then the semantic checks naming the dimension and question) so a
//! person fixing a file sees them all at once. Nothing here reads the disk: finding
//! a questionnaire file (by path, by id in the user folder) is the workspace's.

mod model;
mod raw;
mod validate;

pub use crate::probe::Probe;
pub use model::*;
pub use validate::parse;

use std::sync::OnceLock;

/// The questionnaires compiled into the binary: (id, YAML text).
pub const BUILT_INS: [(&str, &str); 3] = [
    ("mlops-maturity", include_str!("../../questionnaires/mlops-maturity.yaml")),
    ("mlops-quick", include_str!("../../questionnaires/mlops-quick.yaml")),
    ("mlops-genai", include_str!("../../questionnaires/mlops-genai.yaml")),
];

pub(crate) use crate::diagnostics::{Problem, problems_error};

/// A built-in questionnaire by id. Each is parsed once, the first time it is asked for.
pub fn built_in(id: &str) -> Option<Questionnaire> {
    static PARSED: [OnceLock<Questionnaire>; BUILT_INS.len()] = [const { OnceLock::new() }; BUILT_INS.len()];
    let i = BUILT_INS.iter().position(|(bid, _)| *bid == id)?;
    let (bid, text) = BUILT_INS[i];
    let q = PARSED[i].get_or_init(|| {
        validate::parse_checked(text, &format!("built-in:{bid}"), false)
            .expect("built-in questionnaires are validated by tests")
    });
    Some(q.clone())
}

#[cfg(test)]
pub(crate) mod tests;
