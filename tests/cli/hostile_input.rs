//! Hostile input: every case ends in a clear message naming the file and exit 1 (or exit 0
//! where the input is fine), never a panic or a hang, and the output file is never touched.

use crate::common;
use common::*;
use std::path::{Path, PathBuf};

const PREVIOUS: &str = "the previous report, which a failed run must leave alone\n";

struct Case {
    dir: tempfile::TempDir,
    out: PathBuf,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.md");
        std::fs::write(&out, PREVIOUS).unwrap();
        Case { dir, out }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn report(&self, session: &Path) -> Run {
        run_in(
            self.dir.path(),
            self.dir.path(),
            &["report", session.to_str().unwrap(), "-o", self.out.to_str().unwrap()],
        )
    }

    fn validate(&self, questionnaire: &Path) -> Run {
        run_in(self.dir.path(), self.dir.path(), &["validate", questionnaire.to_str().unwrap()])
    }

    fn assert_refused(&self, r: &Run, file: &Path, words: &str) {
        assert_eq!(r.code, 1, "stderr: {}", r.stderr);
        assert!(r.stderr.contains(&file.display().to_string()), "names the file: {}", r.stderr);
        assert!(r.stderr.to_lowercase().contains(words), "says {words:?}: {}", r.stderr);
        assert_eq!(std::fs::read_to_string(&self.out).unwrap(), PREVIOUS, "output untouched");
    }

    fn assert_reported(&self, r: &Run) {
        assert_eq!(r.code, 0, "stderr: {}", r.stderr);
        assert_ne!(std::fs::read_to_string(&self.out).unwrap(), PREVIOUS);
    }
}

const HEAD: &str = "format: 1\nquestionnaire: mlops-quick\n";

#[test]
fn missing_file() {
    let c = Case::new();
    let p = c.dir.path().join("no-such-session.yaml");
    c.assert_refused(&c.report(&p), &p, "no such file");
}

#[test]
fn empty_file() {
    let c = Case::new();
    let s = c.file("empty.yaml", b"");
    c.assert_refused(&c.report(&s), &s, "empty");
    c.assert_refused(&c.validate(&s), &s, "empty");
}

#[test]
fn binary_garbage() {
    let c = Case::new();
    let s = c.file("garbage.yaml", &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0xff, 0xfe]);
    c.assert_refused(&c.report(&s), &s, "binary");
}

#[test]
fn unknown_answer_value_names_the_line() {
    let c = Case::new();
    let s = c.file("maybe.yaml", format!("{HEAD}answers:\n  exp-tracking: maybe\n").as_bytes());
    let r = c.report(&s);
    c.assert_refused(&r, &s, "unknown answer `maybe`");
    assert!(r.stderr.contains(&format!("{}:4:", s.display())), "{}", r.stderr);
}

#[test]
fn unknown_questionnaire_id() {
    let c = Case::new();
    let s = c.file("s.yaml", b"format: 1\nquestionnaire: no-such-questionnaire\n");
    c.assert_refused(&c.report(&s), &s, "unknown questionnaire `no-such-questionnaire`");
}

#[test]
fn alias_bomb_in_a_session_and_a_questionnaire() {
    let c = Case::new();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
    }
    let s = c.file("bomb.yaml", format!("{HEAD}{bomb}").as_bytes());
    c.assert_refused(&c.report(&s), &s, "");
    let q = c.file("qbomb.yaml", format!("id: q\n{bomb}").as_bytes());
    let r = c.validate(&q);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("qbomb.yaml"), "{}", r.stderr);
}

#[test]
fn nesting_ten_thousand_deep() {
    let c = Case::new();
    let deep = format!("{HEAD}answers:\n  q: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let s = c.file("deep.yaml", deep.as_bytes());
    c.assert_refused(&c.report(&s), &s, "");
    let deep_map = format!("{HEAD}context: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    let s = c.file("deepmap.yaml", deep_map.as_bytes());
    c.assert_refused(&c.report(&s), &s, "");
}

#[test]
fn hundred_megabyte_file() {
    let c = Case::new();
    let p = c.dir.path().join("huge.yaml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    c.assert_refused(&c.report(&p), &p, "limit");
    let r = c.validate(&p);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("limit"));
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let c = Case::new();
    let s = c.file("nul.yaml", format!("{HEAD}team: a\0b\n").as_bytes());
    c.assert_refused(&c.report(&s), &s, "nul");
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"team: \xff\xfe\n");
    let s = c.file("latin.yaml", &bytes);
    c.assert_refused(&c.report(&s), &s, "utf-8");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let c = Case::new();
    let s = c.file(
        "bom.yaml",
        "\u{feff}format: 1\r\nquestionnaire: mlops-quick\r\nanswers:\r\n  exp-tracking: yes\r\n".as_bytes(),
    );
    c.assert_reported(&c.report(&s));
    let q = mlops_maturity::questionnaire::BUILT_INS[1].1.replace('\n', "\r\n");
    let q = c.file("crlf.yaml", format!("\u{feff}{q}").as_bytes());
    assert_eq!(c.validate(&q).code, 0);
}

#[test]
fn duplicate_keys() {
    let c = Case::new();
    let s = c.file("dup.yaml", format!("{HEAD}answers:\n  exp-tracking: yes\n  exp-tracking: no\n").as_bytes());
    c.assert_refused(&c.report(&s), &s, "twice");
    let s = c.file("dup-top.yaml", format!("{HEAD}team: a\nteam: b\n").as_bytes());
    c.assert_refused(&c.report(&s), &s, "duplicate");
}

#[test]
fn ratings_out_of_range_nan_and_infinity() {
    let c = Case::new();
    for (name, rating, words) in [
        ("pain.yaml", "deployment: { pain: 7 }", "from 1 to 5"),
        ("negative.yaml", "deployment: { time_share: -3 }", "0 or more"),
        ("nan.yaml", "deployment: { time_share: .nan }", "nan"),
        ("inf.yaml", "deployment: { time_share: .inf }", "inf"),
    ] {
        let s = c.file(name, format!("{HEAD}bottlenecks:\n  {rating}\n").as_bytes());
        c.assert_refused(&c.report(&s), &s, words);
    }
    let q = mlops_maturity::questionnaire::BUILT_INS[1].1.replace("pass_ratio: 0.8", "pass_ratio: .nan");
    let q = c.file("nanq.yaml", q.as_bytes());
    let r = c.validate(&q);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("pass_ratio NaN is out of range"), "{}", r.stderr);
}

#[test]
fn a_hundred_thousand_answers_are_kept_and_summarised() {
    let c = Case::new();
    let mut text = format!("{HEAD}answers:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  extra-{i}: yes\n"));
    }
    let s = c.file("many.yaml", text.as_bytes());
    let r = run_in(c.dir.path(), c.dir.path(), &["report", s.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "one summarised warning, not 100,000");
    assert!(warnings[0].as_str().unwrap().contains("100000 answers"), "{warnings:?}");
}

#[test]
fn question_id_repeated_across_dimensions() {
    let c = Case::new();
    let q = mlops_maturity::questionnaire::BUILT_INS[1].1.replace("id: exp-tracking", "id: data-pipeline-code");
    let q = c.file("repeat.yaml", q.as_bytes());
    let r = c.validate(&q);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "dimension experimentation, question data-pipeline-code: duplicate question id (also in dimension data)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn session_pointing_at_a_missing_questionnaire() {
    let c = Case::new();
    let s = c.file("s.yaml", b"format: 1\nquestionnaire: ./gone/questionnaire.yaml\n");
    c.assert_refused(&c.report(&s), &s, "no such file");
}

#[test]
fn output_path_that_is_a_folder_or_unwritable() {
    let c = Case::new();
    let s = c.file("ok.yaml", HEAD.as_bytes());
    let r = run_in(c.dir.path(), c.dir.path(), &["report", s.to_str().unwrap(), "-o", c.dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&c.dir.path().display().to_string()) && r.stderr.contains("folder"), "{}", r.stderr);

    let locked = c.dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&locked, perms).unwrap();
    let target = locked.join("report.md");
    let r = run_in(c.dir.path(), c.dir.path(), &["report", s.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    let root_ignores_permissions = r.code == 0;
    if root_ignores_permissions {
        // As root the folder is writable after all; /proc takes no new files from anyone.
        let target = Path::new("/proc/mlops-maturity-test/report.md");
        let r = run_in(c.dir.path(), c.dir.path(), &["report", s.to_str().unwrap(), "-o", target.to_str().unwrap()]);
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("/proc/mlops-maturity-test/report.md"), "{}", r.stderr);
    } else {
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("permission denied"), "{}", r.stderr);
        assert!(!target.exists());
    }
}

#[test]
fn questionnaire_with_every_kind_of_garbage_value() {
    let c = Case::new();
    let q = mlops_maturity::questionnaire::BUILT_INS[1].1.replacen("level: 1\n", "level: one\n", 1);
    let q = c.file("types.yaml", q.as_bytes());
    let r = c.validate(&q);
    assert_eq!(r.code, 1);
    let first = r.stderr.lines().next().unwrap();
    assert!(first.starts_with(&format!("{}:", q.display())) && first.contains("invalid type"), "{}", r.stderr);
}
