//! Probes compiled for matching: which probes a file's path and size select, and which of them
//! its content satisfies. Pure: the walker reads the disk and hands the bytes in.

use crate::probe::{REGEX_SIZE_LIMIT, compile_glob, compile_regex};
use crate::questionnaire::Questionnaire;
use globset::{GlobSet, GlobSetBuilder};
use regex::bytes::{Regex, RegexSet, RegexSetBuilder};

/// How many leading bytes decide that a file is binary (a NUL among them), as git does.
pub(crate) const BINARY_PROBE_BYTES: usize = 8 * 1024;

struct Compiled {
    question: usize,
    /// The pattern, and whether a search over the whole text may rule a file out first (true
    /// unless it anchors at the text's start or end, `\A` or `\z`, which mean the line's here).
    contains: Option<(Regex, bool)>,
    min_size: Option<u64>,
    absent: bool,
}

/// A file's match with one probe: the probe's index, and the first matching line for a probe
/// with `contains` (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The probe's index among the matcher's probes (every question's, in questionnaire order).
    pub probe: usize,
    /// The first line that matches `contains`, from 1; `None` for a probe without `contains`.
    pub line: Option<u64>,
}

/// Every probe of a questionnaire, compiled once and shared by the walker's threads.
pub struct Matcher {
    globs: GlobSet,
    /// The probe each glob of `globs` belongs to.
    glob_probe: Vec<usize>,
    probes: Vec<Compiled>,
    /// Every `contains` pattern that a whole-text search may rule out, in one set: one pass over
    /// a file tells which of them can match any of its lines.
    set: RegexSet,
    /// The probe of each pattern of `set`.
    set_probe: Vec<usize>,
    /// Question ids in questionnaire order, and whether each has probes.
    questions: Vec<(String, bool)>,
}

impl Matcher {
    /// Compiles the questionnaire's probes (validated when it was loaded; a probe that still fails
    /// to compile is left out).
    pub fn new(q: &Questionnaire) -> Matcher {
        let mut builder = GlobSetBuilder::new();
        let mut glob_probe = Vec::new();
        let mut probes = Vec::new();
        let mut questions = Vec::new();
        for (qi, (_, question)) in q.questions().enumerate() {
            questions.push((question.id.clone(), !question.probes.is_empty()));
            for p in &question.probes {
                let Ok(contains) = p
                    .contains
                    .as_deref()
                    .map(|c| compile_regex(c).map(|re| (re, !c.contains("\\A") && !c.contains("\\z"))))
                    .transpose()
                else {
                    continue;
                };
                let globs: Result<Vec<_>, _> = p.files.iter().map(|g| compile_glob(g)).collect();
                let Ok(globs) = globs else { continue };
                let index = probes.len();
                for g in globs {
                    builder.add(g);
                    glob_probe.push(index);
                }
                probes.push(Compiled { question: qi, contains, min_size: p.min_size, absent: p.absent });
            }
        }
        let globs = builder.build().unwrap_or_else(|_| GlobSet::empty());
        let set_probe: Vec<usize> =
            (0..probes.len()).filter(|&p| matches!(probes[p].contains, Some((_, true)))).collect();
        let set = RegexSetBuilder::new(
            set_probe.iter().map(|&p| probes[p].contains.as_ref().map_or("", |(re, _)| re.as_str())),
        )
        .multi_line(true)
        .crlf(true)
        .size_limit(REGEX_SIZE_LIMIT.saturating_mul(set_probe.len().max(1)))
        .build();
        // Should the set not compile (each pattern did alone), every pattern searches on its own.
        let (set, set_probe) = match set {
            Ok(set) => (set, set_probe),
            Err(_) => (RegexSet::empty(), Vec::new()),
        };
        Matcher { globs, glob_probe, probes, set, set_probe, questions }
    }

    /// Question ids in questionnaire order, with whether each has probes.
    pub(crate) fn questions(&self) -> &[(String, bool)] {
        &self.questions
    }

    /// The question a probe belongs to (its index in questionnaire order), and whether it means absent.
    pub(crate) fn probe(&self, probe: usize) -> (usize, bool) {
        let p = &self.probes[probe];
        (p.question, p.absent)
    }

    /// True when no question has a probe: nothing to look for.
    pub(crate) fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }

    /// The probes whose globs match `path` (relative, `/`-separated) and whose `min_size` the
    /// file's `size` reaches, in probe order.
    pub fn candidates(&self, path: &str, size: u64) -> Vec<usize> {
        self.fitting(self.by_path(path), size)
    }

    /// The probes whose globs match `path`, in probe order (sizes not yet looked at).
    pub(crate) fn by_path(&self, path: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.globs.matches(path).into_iter().map(|g| self.glob_probe[g]).collect();
        out.dedup();
        out
    }

    /// True when one of `candidates` needs the file's size (it has a `min_size`).
    pub(crate) fn needs_size(&self, candidates: &[usize]) -> bool {
        candidates.iter().any(|&p| self.probes[p].min_size.is_some())
    }

    /// The `candidates` whose `min_size` a file of `size` bytes reaches.
    pub(crate) fn fitting(&self, mut candidates: Vec<usize>, size: u64) -> Vec<usize> {
        candidates.retain(|&p| self.probes[p].min_size.is_none_or(|m| size >= m));
        candidates
    }

    /// True when one of `candidates` needs the file's content.
    pub(crate) fn needs_content(&self, candidates: &[usize]) -> bool {
        candidates.iter().any(|&p| self.probes[p].contains.is_some())
    }

    /// The hits among `candidates`, given the file's first bytes (`None`: not read, unreadable,
    /// or binary — then probes with `contains` do not match).
    pub(crate) fn hits(&self, candidates: &[usize], content: Option<&[u8]>) -> Vec<Hit> {
        let content = content.filter(|c| !is_binary(c));
        // One pass of the set says which patterns can match; only those are searched line by line.
        let possible: Option<Vec<bool>> = content.filter(|_| self.needs_content(candidates)).map(|c| {
            let mut possible = vec![true; self.probes.len()];
            for &p in &self.set_probe {
                possible[p] = false;
            }
            for i in self.set.matches(c).iter() {
                possible[self.set_probe[i]] = true;
            }
            possible
        });
        candidates
            .iter()
            .filter_map(|&p| match &self.probes[p].contains {
                None => Some(Hit { probe: p, line: None }),
                Some((re, _)) => {
                    let content = content?;
                    if possible.as_ref().is_some_and(|ok| !ok[p]) {
                        return None;
                    }
                    first_line(re, content).map(|line| Hit { probe: p, line: Some(line) })
                }
            })
            .collect()
    }
}

/// A NUL byte among the first 8 KiB: a binary file, not searched.
pub(crate) fn is_binary(content: &[u8]) -> bool {
    content[..content.len().min(BINARY_PROBE_BYTES)].contains(&0)
}

/// The first line (from 1) that `re` matches; lines end at `\n` (a `\r` before it is dropped).
fn first_line(re: &Regex, content: &[u8]) -> Option<u64> {
    // Line by line, so that `^`, `$` and `\A` mean the start and end of a line.
    content.split(|&b| b == b'\n').enumerate().find_map(|(i, line)| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        re.is_match(line).then_some(i as u64 + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(probes: &str) -> Questionnaire {
        let text = format!(
            "id: t\nversion: 1\ntitle: T\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: a\n        level: 1\n        text: A\n        recommendation: R\n        probes:\n{probes}      - id: b\n        level: 1\n        text: B\n        recommendation: R\n"
        );
        crate::questionnaire::parse(&text, "t.yaml").unwrap()
    }

    #[test]
    fn globs_select_probes_and_contents_pick_the_line() {
        let m = Matcher::new(&q(
            "          - { files: [\"dvc.yaml\"] }\n          - { files: [\".github/workflows/*.yml\"], contains: \"^\\\\s*-?\\\\s*run: .*pytest\" }\n          - { files: [\"*.pkl\"], min_size: 100, means: absent }\n",
        ));
        assert_eq!(m.questions(), &[("a".to_owned(), true), ("b".to_owned(), false)]);
        assert_eq!(m.candidates("dvc.yaml", 1), vec![0]);
        assert_eq!(m.candidates("sub/dir/dvc.yaml", 1), vec![0]);
        assert_eq!(m.candidates("sub/.github/workflows/ci.yml", 1), Vec::<usize>::new());
        assert_eq!(m.candidates(".github/workflows/sub/ci.yml", 1), Vec::<usize>::new());
        let c = m.candidates(".github/workflows/ci.yml", 1);
        assert_eq!(c, vec![1]);
        assert!(m.needs_content(&c));
        assert!(!m.needs_content(&[0, 2]), "globs and sizes alone need no reading");
        let yml = b"on: push\njobs:\n  test:\n    steps:\r\n      - run: python -m pytest -q\n";
        assert_eq!(m.hits(&c, Some(yml)), vec![Hit { probe: 1, line: Some(5) }]);
        assert_eq!(m.hits(&c, Some(b"run: pytest\0")), vec![]);
        assert_eq!(m.hits(&c, None), vec![]);
        assert_eq!(m.candidates("models/m.pkl", 99), Vec::<usize>::new());
        assert_eq!(m.candidates("models/m.pkl", 100), vec![2]);
        assert_eq!(m.probe(2), (0, true));
        // Only a probe with a `min_size` makes the walk ask the file's size.
        assert!(!m.needs_size(&[0, 1]));
        assert!(m.needs_size(&[0, 2]));
    }

    #[test]
    fn a_nul_in_the_first_8_kib_makes_a_file_binary() {
        let mut content = vec![b'a'; 9000];
        content[8 * 1024 - 1] = 0;
        assert!(is_binary(&content), "the last byte looked at");
        content[8 * 1024 - 1] = b'a';
        content[8 * 1024] = 0;
        assert!(!is_binary(&content), "a NUL after the first 8 KiB is text's business");
        assert!(!is_binary(b""));
    }

    #[test]
    fn bad_globs_and_regexes_are_problems_naming_the_question() {
        let text = "id: t\nversion: 1\ntitle: T\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: a\n        level: 1\n        text: A\n        recommendation: R\n        probes:\n          - { files: [\"a[\"] }\n          - { files: [\"x\"], contains: \"(unclosed\" }\n          - { files: [] }\n          - { files: [\"x\"], means: present }\n";
        let problems = crate::questionnaire::parse(text, "t.yaml").unwrap_err();
        // `means: present` is a schema error, reported before the semantic checks.
        assert!(problems.iter().any(|p| p.message.contains("present")), "{problems:?}");
        let text = text.replace("          - { files: [\"x\"], means: present }\n", "");
        let problems = crate::questionnaire::parse(&text, "t.yaml").unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown.iter().all(|p| p.starts_with("t.yaml: dimension d, question a: ")), "{shown:?}");
        assert!(shown[0].contains("`a[` is not a valid glob"), "{shown:?}");
        assert!(shown[1].contains("`(unclosed` is not a valid regular expression"), "{shown:?}");
        assert!(shown[2].contains("at least one files pattern"), "{shown:?}");
    }
}
