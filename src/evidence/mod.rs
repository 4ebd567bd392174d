//! Evidence from repositories: which practices a team's code shows signs of.
//!
//! A questionnaire's `probes` (globs over file paths, an optional `contains` regular expression,
//! an optional `min_size`, an optional `means: absent`) are compiled once into a [`Matcher`]
//! (`matcher`, pure: a path, a size and a file's first bytes in, hits out). [`walk`] is the
//! only part that touches the disk: it visits the repositories in parallel with the `ignore`
//! crate (the `.gitignore` rules ripgrep follows) and asks the matcher about each file.
//! `outcome` turns the hits into the session's `scan` block: found, found against, not found
//! and not checked per question, with at most five places each; `check` compares a report's
//! answers with them. The probe language itself (globs, patterns, validation) is
//! `crate::probe`. Nothing here runs a program, goes to the network or changes an answer.

pub(crate) mod check;
pub(crate) mod matcher;
pub(crate) mod outcome;
pub mod walk;

pub(crate) use check::{EvidenceCheck, Verdict, claimed_without_evidence, evidence_check};
pub use matcher::{Hit, Matcher};
pub use outcome::Outcome;
pub(crate) use outcome::summarize;
pub use walk::{Limits, Walked, scan_paths};

use std::path::PathBuf;

/// Scans `roots` for `q`'s probes with the default limits: the outcome, and the notes about
/// what was skipped or where the walk stopped (for standard error).
pub fn scan_questionnaire(
    q: &crate::questionnaire::Questionnaire,
    roots: &[PathBuf],
    date: &str,
) -> anyhow::Result<(Outcome, Vec<String>)> {
    let matcher = Matcher::new(q);
    let limits = Limits::default();
    let walked = scan_paths(roots, &matcher, &limits)?;
    let paths: Vec<String> = roots.iter().map(|p| p.display().to_string()).collect();
    let labels: Vec<String> = roots.iter().map(|p| walk::root_label(p)).collect();
    let mut notes = walked.notes(&limits);
    if matcher.is_empty() {
        notes.push(format!("the questionnaire {} has no probes: nothing was looked for", q.id));
    }
    Ok((summarize(&matcher, &walked, &paths, &labels, date), notes))
}
