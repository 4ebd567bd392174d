//! Diagnostics: what is wrong with an input file, where, in words for the person who wrote it.
//!
//! The ground layer shared by the YAML reader and the model modules that check questionnaires
//! and sessions: a [`Problem`] is a place and a message, and `problems_error` turns a file's
//! problems into one error, bounded so that no file floods a terminal. It knows no model type.

use std::fmt;

/// One thing wrong with an input file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `FILE:LINE:COLUMN` for syntax and schema errors, the file and the dimension or
    /// question id for semantic ones.
    pub location: String,
    /// What is wrong, in one sentence that helps fix it.
    pub(crate) message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// How many problems of one file are listed; the rest are counted (a file of 200,000 bad votes
/// must not flood a terminal, nor slow every screen that shows the error).
pub(crate) const MAX_PROBLEMS_SHOWN: usize = 100;

/// Joins problems into one error, each on its own line, at most [`MAX_PROBLEMS_SHOWN`] of them
/// and then how many more there are.
pub(crate) fn problems_error(problems: Vec<Problem>) -> anyhow::Error {
    let mut lines: Vec<String> = problems.iter().take(MAX_PROBLEMS_SHOWN).map(Problem::to_string).collect();
    if problems.len() > MAX_PROBLEMS_SHOWN {
        lines.push(format!(
            "… and {} more problems in the same file; fix these first",
            problems.len() - MAX_PROBLEMS_SHOWN
        ));
    }
    anyhow::anyhow!("{}", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(n: usize) -> Vec<Problem> {
        (0..n).map(|i| Problem { location: format!("f.yaml:{i}:1"), message: "wrong".into() }).collect()
    }

    #[test]
    fn a_file_lists_at_most_a_hundred_problems_and_counts_the_rest() {
        let all = problems_error(problems(MAX_PROBLEMS_SHOWN)).to_string();
        assert_eq!(all.lines().count(), MAX_PROBLEMS_SHOWN, "exactly the limit: every problem, no count");
        assert!(all.starts_with("f.yaml:0:1: wrong\n"));
        let more = problems_error(problems(MAX_PROBLEMS_SHOWN + 2)).to_string();
        assert_eq!(more.lines().count(), MAX_PROBLEMS_SHOWN + 1);
        assert!(more.ends_with("… and 2 more problems in the same file; fix these first"), "{more}");
    }
}
