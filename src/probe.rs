//! The probe language of questionnaires: gitignore-style globs over a repository's paths and
//! `contains` regular expressions, translated and compiled the same way for `validate` (every
//! problem named) and for `scan` (see [`crate::evidence`]). Pure.

use crate::printable::excerpt;
use globset::GlobBuilder;
use regex::bytes::{Regex, RegexBuilder};

/// One repository signal of a practice: files matching `files` (gitignore-style globs), that
/// contain a line matching `contains` and are at least `min_size` bytes large. With `absent` a
/// match speaks against the practice (`means: absent`). Checked valid when loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Probe {
    /// `files`: gitignore-style globs relative to the repository root.
    pub(crate) files: Vec<String>,
    /// `contains`: a regular expression a matching file must contain on some line.
    pub(crate) contains: Option<String>,
    /// `min_size`: the least size of a matching file, in bytes (from its metadata).
    pub(crate) min_size: Option<u64>,
    /// `means: absent`: a match speaks against the practice.
    pub(crate) absent: bool,
}

/// The compiled size a `contains` pattern may reach (the regex crate refuses larger ones, and it
/// matches in linear time, so no pattern can make a scan slow).
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A probe's gitignore-style pattern as a `globset` pattern over `/`-separated paths relative to
/// the repository root: a pattern without `/` (apart from a trailing one) matches at any depth, a
/// leading `/` anchors it at the root, a trailing `/` names a folder (every file under it).
pub(crate) fn glob_pattern(pattern: &str) -> String {
    let (anchored, rest) = match pattern.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let (folder, rest) = match rest.strip_suffix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let mut out = String::new();
    if !anchored && !rest.contains('/') && !rest.starts_with("**") {
        out.push_str("**/");
    }
    out.push_str(rest);
    if folder {
        out.push_str("/**");
    }
    out
}

/// Compiles a probe's `files` pattern (see [`glob_pattern`]); the error names the pattern.
pub(crate) fn compile_glob(pattern: &str) -> Result<globset::Glob, String> {
    GlobBuilder::new(&glob_pattern(pattern))
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("probe files pattern `{}` is not a valid glob: {}", excerpt(pattern, 60), e.kind()))
}

/// Compiles a probe's `contains` pattern, `^` and `$` matching at line ends and no larger than
/// [`REGEX_SIZE_LIMIT`]; the error names the pattern.
pub(crate) fn compile_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern).multi_line(true).crlf(true).size_limit(REGEX_SIZE_LIMIT).build().map_err(|e| {
        let reason = e.to_string();
        let last = reason.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned();
        format!("probe contains pattern `{}` is not a valid regular expression: {last}", excerpt(pattern, 60))
    })
}

/// What is wrong with a probe, one message a problem (empty when it is valid).
pub(crate) fn probe_problems(probe: &Probe) -> Vec<String> {
    let mut out = Vec::new();
    if probe.files.is_empty() {
        out.push("a probe needs at least one files pattern".to_owned());
    }
    for g in &probe.files {
        if g.trim().is_empty() {
            out.push("a probe's files pattern is empty".to_owned());
        } else if let Err(e) = compile_glob(g) {
            out.push(e);
        }
    }
    if let Some(c) = &probe.contains
        && let Err(e) = compile_regex(c)
    {
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_regular_expression_is_named_with_the_reason_the_parser_gives_last() {
        let e = compile_regex("model_(version").unwrap_err();
        assert!(e.starts_with("probe contains pattern `model_(version` is not a valid regular expression: "), "{e}");
        assert!(e.ends_with("unclosed group"), "the reason, not an empty line: {e}");
        assert!(compile_regex("(?m)^stages:").is_ok());
    }

    #[test]
    fn patterns_follow_gitignore_rules() {
        assert_eq!(glob_pattern("dvc.yaml"), "**/dvc.yaml");
        assert_eq!(glob_pattern("*.dvc"), "**/*.dvc");
        assert_eq!(glob_pattern("/params.yaml"), "params.yaml");
        assert_eq!(glob_pattern(".github/workflows/*.yml"), ".github/workflows/*.yml");
        assert_eq!(glob_pattern("gx/"), "**/gx/**");
        assert_eq!(glob_pattern("**/dags/*.py"), "**/dags/*.py");
    }

    #[test]
    fn a_huge_pattern_is_refused_by_the_size_limit_not_compiled() {
        let p = Probe { files: vec!["x".into()], contains: Some("(a{1000}){1000}".into()), ..Probe::default() };
        assert_eq!(probe_problems(&p).len(), 1);
    }
}
