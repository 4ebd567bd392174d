//! Bad input files: each ends in exit 1 and one clear message naming the file, never a panic.

mod common;
use common::*;

fn report_of(name: &str, bytes: &[u8]) -> (Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = dir.path().join("out.md");
    let r = run_in(dir.path(), dir.path(), &["report", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!out.exists(), "no output is written for bad input");
    (r, path.display().to_string())
}

fn assert_clear_failure(r: &Run, file: &str) {
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(file), "message names the file: {}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn missing_file() {
    let r = run(&["report", "/no/such/session.yaml"]);
    assert_clear_failure(&r, "/no/such/session.yaml");
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
}

#[test]
fn empty_file() {
    let (r, file) = report_of("empty.yaml", b"");
    assert_clear_failure(&r, &file);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
}

#[test]
fn binary_garbage() {
    let (r, file) = report_of("garbage.yaml", &[0x7f, b'E', b'L', b'F', 0, 1, 2, 0xff, 0xfe]);
    assert_clear_failure(&r, &file);
}

#[test]
fn yaml_alias_bomb() {
    let bomb = "format: 1\nquestionnaire: mlops-quick\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
    let (r, file) = report_of("bomb.yaml", bomb.as_bytes());
    assert_clear_failure(&r, &file);
}

#[test]
fn file_over_the_size_limit() {
    let mut big = b"format: 1\nquestionnaire: mlops-quick\n#".to_vec();
    big.resize(9 * 1024 * 1024, b'x');
    let (r, file) = report_of("big.yaml", &big);
    assert_clear_failure(&r, &file);
    assert!(r.stderr.contains("limit"), "{}", r.stderr);
}

#[test]
fn unknown_answer_value() {
    let (r, file) =
        report_of("maybe.yaml", b"format: 1\nquestionnaire: mlops-quick\nanswers:\n  exp-tracking: maybe\n");
    assert_clear_failure(&r, &format!("{file}:4:"));
    assert!(r.stderr.contains("maybe"), "{}", r.stderr);
}

#[test]
fn unknown_questionnaire_id() {
    let (r, file) = report_of("s.yaml", b"format: 1\nquestionnaire: no-such-questionnaire\n");
    assert_clear_failure(&r, &file);
    assert!(r.stderr.contains("no-such-questionnaire"), "{}", r.stderr);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let (r, _) = {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "s.yaml",
            "\u{feff}format: 1\r\nquestionnaire: mlops-quick\r\nanswers:\r\n  exp-tracking: yes\r\n",
        );
        (run_in(dir.path(), dir.path(), &["report", p.to_str().unwrap(), "--format", "json"]), ())
    };
    assert_eq!(r.code, 0, "{}", r.stderr);
}
