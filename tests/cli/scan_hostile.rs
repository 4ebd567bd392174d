//! Hostile repositories never hang a scan nor lead it out of the folder it was given: link
//! loops and links out, FIFOs, unreadable folders, a 10 GB sparse file, a pattern meant to be
//! slow, more files than the cap. Each is skipped with a count, or read only as far as allowed.

use mlops_maturity::evidence::{Limits, Matcher, Walked, scan_paths};
use mlops_maturity::questionnaire::{Questionnaire, parse};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

fn questionnaire(probes: &str) -> Questionnaire {
    let text = format!(
        "id: t\nversion: 1\ntitle: T\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: a\n        level: 1\n        text: A\n        recommendation: R\n        probes:\n{probes}"
    );
    parse(&text, "t.yaml").unwrap()
}

/// Scans `root` on another thread and fails the test if it takes more than 20 seconds.
fn scan_within(root: &Path, probes: &str, limits: Limits) -> (Matcher, Walked) {
    let (tx, rx) = mpsc::channel();
    let root: PathBuf = root.to_path_buf();
    let q = questionnaire(probes);
    std::thread::spawn(move || {
        let m = Matcher::new(&q);
        let walked = scan_paths(&[root], &m, &limits).unwrap();
        let _ = tx.send((m, walked));
    });
    rx.recv_timeout(Duration::from_secs(20)).expect("the scan finished in time")
}

fn paths(w: &Walked) -> Vec<String> {
    w.hits
        .iter()
        .map(|h| match h.hit.line {
            Some(l) => format!("{}:{l}", h.path),
            None => h.path.clone(),
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn links_are_never_followed_so_loops_end_and_nothing_outside_is_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("dvc.yaml"), "stages: {}\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink(root, root.join("sub/loop")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink(outside.path(), root.join("elsewhere")).unwrap();
    symlink(outside.path().join("dvc.yaml"), root.join("dvc.yaml")).unwrap();
    std::fs::write(root.join("sub/params.yaml"), "x: 1\n").unwrap();
    let (_, w) = scan_within(root, "          - { files: [dvc.yaml, params.yaml] }\n", Limits::default());
    assert_eq!(paths(&w), ["sub/params.yaml"]);
    assert_eq!(w.links, 4);
    assert_eq!(w.files, 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_counted_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ci.yml");
    rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o644)).unwrap();
    std::fs::write(dir.path().join("other.yml"), "run: pytest\n").unwrap();
    let (_, w) = scan_within(dir.path(), "          - { files: [\"*.yml\"], contains: pytest }\n", Limits::default());
    assert_eq!(paths(&w), ["other.yml:1"]);
    assert_eq!(w.special, 1);
    assert!(w.notes(&Limits::default()).iter().any(|n| n.contains("1 special file")));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_below_the_root_is_skipped_with_a_count() {
    use std::os::unix::fs::PermissionsExt;
    if rustix::process::geteuid().is_root() {
        // root reads every folder: the command is run as nobody instead, when setpriv is there.
        unreadable_folder_as_nobody();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let closed = dir.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    std::fs::write(closed.join("dvc.yaml"), "x").unwrap();
    std::fs::write(dir.path().join("dvc.lock"), "x").unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (_, w) = scan_within(dir.path(), "          - { files: [dvc.yaml, dvc.lock] }\n", Limits::default());
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(paths(&w), ["dvc.lock"]);
    assert_eq!(w.unreadable, 1);
    // The folder given itself must be readable: that is an error, not a skip.
    let m = Matcher::new(&questionnaire("          - { files: [x] }\n"));
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let err = scan_paths(std::slice::from_ref(&closed), &m, &Limits::default()).unwrap_err();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(format!("{err:#}").contains("cannot read this folder"), "{err:#}");
}

#[test]
fn a_ten_gigabyte_sparse_file_is_not_read_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yml");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(b"run: pytest\n").unwrap();
        f.set_len(10 << 30).unwrap();
    }
    let started = std::time::Instant::now();
    let (_, w) = scan_within(
        dir.path(),
        "          - { files: [\"*.yml\"], contains: pytest }\n          - { files: [\"*.yml\"], min_size: 1000000000 }\n",
        Limits::default(),
    );
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    // Its holes read as NUL bytes: a binary file, so `contains` does not look; its size counts.
    assert_eq!(paths(&w), ["huge.yml"]);
    assert_eq!(w.hits[0].hit.probe, 1);
}

#[test]
fn only_the_first_mebibyte_of_a_file_is_searched() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("run: pytest\n");
    while text.len() < (2 << 20) {
        text.push_str("filler line of text\n");
    }
    text.push_str("late: marker\n");
    std::fs::write(dir.path().join("big.yml"), text).unwrap();
    let (_, w) = scan_within(
        dir.path(),
        "          - { files: [\"*.yml\"], contains: pytest }\n          - { files: [\"*.yml\"], contains: marker }\n",
        Limits::default(),
    );
    assert_eq!(paths(&w), ["big.yml:1"]);
}

#[test]
fn binary_files_are_not_searched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), b"\0\x01import mlflow\n").unwrap();
    std::fs::write(dir.path().join("b.py"), b"import mlflow\n").unwrap();
    let (_, w) = scan_within(dir.path(), "          - { files: [\"*.py\"], contains: mlflow }\n", Limits::default());
    assert_eq!(paths(&w), ["b.py:1"]);
}

#[test]
fn a_pattern_meant_to_be_slow_runs_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "a".repeat(1 << 20)).unwrap();
    let started = std::time::Instant::now();
    let (_, w) =
        scan_within(dir.path(), "          - { files: [\"*.txt\"], contains: '^(a|aa)*(a*)*b$' }\n", Limits::default());
    assert!(w.hits.is_empty());
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn the_walk_stops_at_the_file_cap_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..10 {
        let sub = dir.path().join(format!("d{d}"));
        std::fs::create_dir(&sub).unwrap();
        for f in 0..100 {
            std::fs::write(sub.join(format!("f{f}.txt")), "").unwrap();
        }
    }
    let limits = Limits { max_files: 250, ..Limits::default() };
    let (_, w) = scan_within(dir.path(), "          - { files: [\"*.txt\"] }\n", limits);
    assert!(w.stopped);
    assert_eq!(w.files, 250);
    assert!(w.hits.len() <= 250, "{}", w.hits.len());
    assert!(w.notes(&limits)[0].starts_with("stopped after 250 files"), "{:?}", w.notes(&limits));
    let (_, w) = scan_within(dir.path(), "          - { files: [\"*.txt\"] }\n", Limits::default());
    assert!(!w.stopped);
    assert_eq!(w.files, 1000);
    assert_eq!(w.hits.len(), 1000);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.dvc");
    std::fs::write(dir.path().join(name), "x").unwrap();
    let (_, w) = scan_within(dir.path(), "          - { files: [\"*.dvc\"] }\n", Limits::default());
    assert_eq!(paths(&w), ["bad\u{fffd}.dvc"]);
}

/// As root: the scan command run as user nobody (with setpriv) skips a folder nobody may read.
#[cfg(unix)]
fn unreadable_folder_as_nobody() {
    use std::os::unix::fs::PermissionsExt;
    if !Path::new("/usr/bin/setpriv").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    let closed = root.join("closed");
    std::fs::create_dir_all(&closed).unwrap();
    std::fs::write(closed.join("dvc.yaml"), "x").unwrap();
    std::fs::write(root.join("dvc.lock"), "x").unwrap();
    for (p, mode) in [(dir.path(), 0o755), (root.as_path(), 0o755), (closed.as_path(), 0o000)] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = std::process::Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(crate::common::BIN)
        .args(["scan", "--format", "json"])
        .arg(&root)
        .env("MLOPS_MATURITY_HOME", dir.path())
        .output()
        .unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("skipped 1 file or folder that could not be read"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["found"]["data-versioned"], serde_json::json!(["dvc.lock"]));
}
