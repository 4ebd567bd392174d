//! The real binary in a pseudo-terminal: type keys, read the screen, check the session file.

use crate::common;

use common::pty::Tui;
use std::path::Path;
use std::time::{Duration, Instant};

/// These tests walk questionnaires of a known shape (8 and 3 questions a dimension); the
/// built-ins evolve, so the user folder gets fixed copies, which shadow the built-ins of the
/// same id.
fn pin_questionnaires(home: &Path) {
    let dir = home.join("questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    for id in ["mlops-quick", "mlops-maturity"] {
        let path = dir.join(format!("{id}.yaml"));
        if !path.exists() {
            std::fs::write(path, common::pinned_text(id)).unwrap();
        }
    }
}

/// How these tests start the binary. A trait of this module, not an inherent `impl Tui`: the
/// other modules of the test binary start it their own way under the same names.
trait Start {
    fn start(home: &Path, args: &[&str]) -> Tui;
    fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui;
    fn start_sized(home: &Path, args: &[&str], env: &[(&str, &str)], rows: u16, cols: u16) -> Tui;
}

impl Start for Tui {
    fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::start_with(home, args, &[])
    }

    fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
        Tui::start_sized(home, args, env, 30, 100)
    }

    /// Starts the binary in a pty of `rows` × `cols` (the screen model stays 30 × 100), with the
    /// questionnaires pinned and NO_COLOR unset unless `env` sets it.
    fn start_sized(home: &Path, args: &[&str], env: &[(&str, &str)], rows: u16, cols: u16) -> Tui {
        pin_questionnaires(home);
        Tui::spawn(home, args, (rows, cols), (30, 100), |cmd| {
            cmd.env_remove("NO_COLOR");
            for (k, v) in env {
                cmd.env(k, v);
            }
        })
    }
}

#[test]
fn answers_five_questions_and_quits_with_q() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("ana.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "--respondent", "Ana"]);
    tui.wait_for("question 1 of 8");
    tui.send("ynpua");
    tui.wait_for("5/59 answered");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = mlops_maturity::session::load(&file).unwrap();
    let got: Vec<(&str, &str)> =
        s.answers.iter().map(|(id, e)| (id.as_str(), e.answer.map_or("-", |a| a.as_str()))).collect();
    assert_eq!(
        got,
        vec![
            ("data-pipeline-code", "yes"),
            ("data-schema-checks", "no"),
            ("data-versioned", "partial"),
            ("data-scheduled-pipelines", "unknown"),
            ("data-freshness", "na"),
        ]
    );
    assert_eq!(s.respondent.as_deref(), Some("Ana"));
    assert_eq!(s.questionnaire_version, Some(1));
}

#[test]
fn sigkill_after_an_answer_keeps_every_answer_so_far() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bo.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("yyn");
    tui.wait_for("3/21 answered");
    tui.wait_for("Saved");
    tui.signal("-KILL");
    tui.wait_exit();
    let s = mlops_maturity::session::load(&file).unwrap();
    assert_eq!(s.answers.len(), 3, "{s:?}");
    assert_eq!(s.answer("data-quality-gates"), Some(mlops_maturity::session::Answer::No));
}

#[test]
fn resumes_at_the_first_unanswered_question() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.yaml");
    std::fs::write(&file, "format: 1\nquestionnaire: mlops-quick\nanswers:\n  data-pipeline-code: yes\n").unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("question 2 of 3");
    tui.send("?");
    tui.wait_for("any key closes");
    tui.send("x\x03");
    assert_eq!(tui.wait_exit(), 0, "Ctrl-C saves and quits");
}

#[test]
fn assess_without_a_terminal_points_to_report() {
    let out = common::run(&["assess"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("report"));
}

#[test]
fn sigterm_and_sighup_save_and_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let home = tempfile::tempdir().unwrap();
        let file = home.path().join("d.yaml");
        let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
        tui.wait_for("question 1 of 3");
        assert!(tui.in_alternate_screen());
        tui.send("p");
        tui.wait_for("1/21 answered");
        tui.signal(signal);
        assert_eq!(tui.wait_exit(), 0, "{signal}");
        let s = mlops_maturity::session::load(&file).unwrap();
        assert_eq!(s.answer("data-pipeline-code"), Some(mlops_maturity::session::Answer::Partial));
        if signal == "-TERM" {
            // Give the reader thread a moment to see the last bytes the app wrote.
            let deadline = Instant::now() + Duration::from_secs(5);
            while tui.in_alternate_screen() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            assert!(!tui.in_alternate_screen(), "the terminal is restored");
        }
        assert!(!mlops_maturity::lock::lock_path(&file).exists(), "the lock is released");
    }
}

#[test]
fn a_second_assess_on_an_open_session_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("e.yaml");
    let mut first = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    first.wait_for("question 1 of 3");
    let mut second = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    let pid = first.child.process_id().unwrap();
    second.wait_for(&format!("process {pid}"));
    assert_eq!(second.wait_exit(), 1);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn a_corrupt_session_is_reported_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.yaml");
    let bytes = b"format: 1\nquestionnaire: mlops-quick\nanswers:\n  data-pipeline-code: [oops\n";
    std::fs::write(&file, bytes).unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("bad.yaml:");
    assert_eq!(tui.wait_exit(), 1);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn no_color_is_honoured() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("f.yaml");
    let mut plain =
        Tui::start_with(home.path(), &["assess", "--session", file.to_str().unwrap()], &[("NO_COLOR", "1")]);
    plain.wait_for("question 1 of 8");
    assert!(!plain.shows_colour(), "NO_COLOR=1 draws without colour");
    plain.send("q");
    plain.wait_exit();
    let mut coloured = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    coloured.wait_for("question 1 of 8");
    assert!(coloured.shows_colour(), "colour is used otherwise");
    coloured.send("q");
    coloured.wait_exit();
}

#[test]
fn a_tiny_window_asks_to_enlarge_and_only_quitting_works() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("g.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("question 1 of 8");
    tui.resize(12, 50);
    tui.wait_for("enlarge");
    tui.send("y");
    tui.resize(30, 100);
    tui.wait_for("question 1 of 8");
    tui.send("y");
    tui.wait_for("question 2 of 8");
    tui.resize(12, 50);
    tui.wait_for("enlarge");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = mlops_maturity::session::load(&file).unwrap();
    assert_eq!(s.answers.len(), 1, "the key pressed while the questions could not be seen answered nothing");
}

const QUICK_START: &str = "format: 1\nquestionnaire: mlops-quick\n";

use common::load_session as load;

#[test]
fn a_multi_line_paste_goes_into_the_note_and_answers_nothing() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("p.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("e");
    tui.wait_for("Enter keep");
    // A terminal sends a paste between these markers; line breaks arrive as carriage returns.
    tui.send("\x1b[200~Action items:\r- ask Ana\r\n- plan a run\rq yn\x1b[201~");
    tui.wait_for("plan a run");
    tui.send("\r");
    let text = tui.wait_file(&file, |t| t.contains("ask Ana"));
    let s = load(&file);
    let entry = &s.answers["data-pipeline-code"];
    assert_eq!(entry.note.as_deref(), Some("Action items:\n- ask Ana\n- plan a run\nq yn"), "{text}");
    assert_eq!(s.answers.values().filter(|e| e.answer.is_some()).count(), 0, "no answer was given: {text}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "the q inside the paste did not quit; this one does");
}

#[test]
fn a_burst_longer_than_one_read_is_handled_to_its_end() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("b.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    let long = "a".repeat(1500);
    tui.send(&format!("e{long}\r"));
    tui.wait_file(&file, |t| t.contains(&long));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn closing_the_terminal_saves_releases_the_lock_and_exits() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("h.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("y");
    tui.wait_for("1/21 answered");
    tui.send("n");
    tui.wait_for("2/21 answered");
    tui.send("e");
    tui.wait_for("Enter keep");
    tui.send("typed as the window closed");
    tui.wait_for("typed as the window closed");
    tui.close_terminal("!");
    // A loop spinning on the dead terminal would never exit.
    let code = tui.wait_exit();
    assert_eq!(code, 0, "no panic printing to a terminal that is gone");
    let s = load(&file);
    assert_eq!(s.answers.iter().filter(|(_, e)| e.answer.is_some()).count(), 2, "both answers are saved: {s:?}");
    let note = s.answers["data-quality-gates"].note.as_deref().unwrap_or("");
    assert!(note.starts_with("typed as the window closed"), "the note being typed is kept: {note:?}");
    assert!(!mlops_maturity::lock::lock_path(&file).exists(), "the lock is released");
}

#[test]
fn sigterm_while_idle_exits_and_an_unchanged_session_is_not_rewritten() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("i.yaml");
    let original = format!("# our team's notes\n{QUICK_START}answers:\n  data-pipeline-code: yes   # agreed\n");
    std::fs::write(&file, &original).unwrap();
    for how in ["q", "-TERM"] {
        let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
        tui.wait_for("question 2 of 3");
        if how == "q" {
            tui.send("l");
            tui.send("q");
        } else {
            tui.signal(how);
        }
        assert_eq!(tui.wait_exit(), 0, "{how}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), original, "no change, no write ({how})");
        assert!(!mlops_maturity::lock::lock_path(&file).exists(), "{how}");
    }
}

#[test]
fn ctrl_c_during_an_edit_keeps_the_note() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("k.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("e");
    tui.wait_for("Enter keep");
    tui.send("half a thought");
    tui.wait_for("half a thought");
    tui.send("\x03");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(load(&file).answers["data-pipeline-code"].note.as_deref(), Some("half a thought"));
}

#[test]
fn an_unanswered_question_before_the_last_stops_the_walk_and_f_reaches_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("u.yaml");
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("ll");
    tui.wait_for("question 3 of 3");
    tui.send(&"y".repeat(19));
    tui.wait_for("2 questions are still unanswered");
    assert!(!tui.contents().contains("Context: how much"), "no walk to the context screen");
    tui.wait_for("question 1 of 3");
    tui.send("y");
    tui.wait_for("question 2 of 3");
    tui.send("\x1b[F");
    tui.wait_for("Retraining");
    tui.send("f");
    tui.wait_for("question 2 of 3");
    tui.send("n");
    tui.wait_for("Context: how much is at stake");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(load(&file).answers.len(), 21);
}

#[test]
fn next_assessment_from_the_command_line_carries_the_answers() {
    let home = tempfile::tempdir().unwrap();
    let earlier = home.path().join("q3.yaml");
    std::fs::write(
        &earlier,
        format!(
            "{QUICK_START}team: Fraud\nanswers:\n  data-pipeline-code: {{ answer: yes, note: old, evidence: wiki }}\n"
        ),
    )
    .unwrap();
    let next = home.path().join("q4.yaml");
    let mut tui =
        Tui::start(home.path(), &["assess", "--from", earlier.to_str().unwrap(), "--session", next.to_str().unwrap()]);
    tui.wait_for("question 2 of 3");
    tui.send("\x1b[H");
    tui.wait_for("last time: Yes — confirm with Enter or answer again");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = load(&next);
    let e = &s.answers["data-pipeline-code"];
    assert!(e.carried && e.note.is_none() && e.evidence.as_deref() == Some("wiki"), "{e:?}");
    assert_eq!(s.team.as_deref(), Some("Fraud"));
    assert!(s.date.is_some(), "the date is written on save");
}

#[test]
fn next_assessment_records_previous_keeps_na_reasons_and_shows_last_times_note_until_confirmed() {
    let home = tempfile::tempdir().unwrap();
    for folder in ["q3", "q4"] {
        std::fs::create_dir(home.path().join(folder)).unwrap();
    }
    let earlier = home.path().join("q3").join("fraud.yaml");
    std::fs::write(
        &earlier,
        format!(
            "{QUICK_START}team: Fraud\ndate: 2026-09-07\nanswers:\n  data-pipeline-code: {{ answer: yes, note: dbt models in git }}\n  data-scheduled-pipelines: {{ answer: na, note: we score on request only }}\n  data-quality-gates: {{ answer: no, note: manual checks }}\n"
        ),
    )
    .unwrap();
    let next = home.path().join("q4").join("fraud.yaml");
    let mut tui =
        Tui::start(home.path(), &["assess", "--from", earlier.to_str().unwrap(), "--session", next.to_str().unwrap()]);
    tui.wait_for("Experimentation & tracking  question 1 of 3");
    tui.send("\x1b[H");
    tui.wait_for("last time's note: dbt models in git");
    tui.send("\r");
    tui.wait_for("question 2 of 3");
    assert!(!tui.contents().contains("last time's note"), "the kept reason is the note itself: {}", tui.contents());
    tui.send("\x1b[D");
    tui.wait_for("question 1 of 3");
    assert!(!tui.contents().contains("last time's note"), "confirmed: {}", tui.contents());
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let s = load(&next);
    assert_eq!(s.previous.as_deref(), Some("../q3/fraud.yaml"), "relative to the new file");
    let na = &s.answers["data-scheduled-pipelines"];
    assert_eq!(na.note.as_deref(), Some("we score on request only"), "the reason of a 'does not apply' is kept");
    assert!(na.carried);
    assert!(s.answers["data-pipeline-code"].note.is_none() && !s.answers["data-pipeline-code"].carried);
    assert!(s.answers["data-quality-gates"].note.is_none(), "other notes are not carried");
    // Reopened, the previous file's note still shows beside an answer to confirm.
    let mut tui = Tui::start(home.path(), &["assess", "--session", next.to_str().unwrap()]);
    tui.wait_for("Experimentation & tracking  question 1 of 3");
    tui.send("\x1b[H");
    tui.wait_for("Data preparation & pipelines  question 1 of 3");
    tui.send("ll");
    tui.wait_for("question 3 of 3");
    tui.wait_for("last time's note: manual checks");
    // The results compare with the previous assessment, as `report` does.
    tui.send("r");
    tui.wait_for("Since the previous assessment of 2026-09-07: Level 0 → 0; 0 answers changed");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_session_over_the_size_limit_is_refused_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("big.yaml");
    let limit = mlops_maturity::files::MAX_INPUT_BYTES as usize;
    let mut text = format!("{QUICK_START}answers:\n");
    // Notes just under the limit in total; one more paste would push the file over it.
    let note = "x".repeat(9_000);
    let mut i = 0;
    while text.len() + note.len() + 40 < limit - 2_000 {
        text.push_str(&format!("  extra-{i}: {{ note: {note} }}\n"));
        i += 1;
    }
    std::fs::write(&file, &text).unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", file.to_str().unwrap()]);
    tui.wait_for("question 1 of 3");
    tui.send("e");
    tui.wait_for("Enter keep");
    tui.send(&format!("\x1b[200~{}\x1b[201~\r", "y".repeat(9_000)));
    tui.wait_for("not kept");
    tui.wait_for("Enter keep");
    assert!(tui.contents().contains("yyyyyyyyyy"), "the pasted text is back in its editor: {}", tui.contents());
    tui.send("\x1b");
    tui.wait_for("Edit cancelled");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the file was left as it was");
}

#[test]
fn a_huge_terminal_still_answers_keys() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let mut tui = Tui::start_sized(
        home.path(),
        &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"],
        &[],
        10_000,
        10_000,
    );
    tui.wait_file(&file, |t| t.contains("mlops-quick"));
    tui.send("y");
    tui.wait_file(&file, |t| t.contains("data-pipeline-code: yes"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Runs `cmd` and says whether it worked.
fn sh(cmd: &str) -> bool {
    std::process::Command::new("sh").args(["-c", cmd]).status().is_ok_and(|s| s.success())
}

#[test]
fn a_full_disk_is_never_reported_as_saved_and_quitting_says_what_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    if !common::is_root() || !sh(&format!("mount -t tmpfs -o size=64k tmpfs {}", mount.display())) {
        println!("skipped: needs root and `mount -t tmpfs` to make a small, full disk");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            sh(&format!("umount {}", self.0.display()));
        }
    }
    let _unmount = Unmount(mount.clone());
    let file = mount.join("full.yaml");
    let mut tui = Tui::start(dir.path(), &["assess", "--session", file.to_str().unwrap(), "-q", "mlops-quick"]);
    tui.wait_for("question 1 of 3");
    tui.send("y");
    tui.wait_file(&file, |t| t.contains("data-pipeline-code: yes"));
    // Fill the disk.
    sh(&format!("dd if=/dev/zero of={}/filler bs=1k count=200 2>/dev/null", mount.display()));
    tui.send("n");
    tui.wait_for("NOT SAVED");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 1, "unsaved changes end with a failure code");
    // The process has exited, but its last output may still be on its way to the screen.
    tui.wait_for("copy it over");
    let screen = tui.contents();
    assert!(!screen.contains("Session saved"), "{screen}");
    assert!(screen.contains("NOT SAVED") && screen.contains("full.yaml"), "{screen}");
    assert!(screen.contains("copy it over"), "a way out is given: {screen}");
    // The rescue copy is in the user folder's private `sessions/unsaved/`, under a fresh name
    // that the message gives.
    use std::os::unix::fs::PermissionsExt;
    let unsaved = dir.path().join("sessions/unsaved");
    assert_eq!(std::fs::metadata(&unsaved).unwrap().permissions().mode() & 0o777, 0o700);
    let copies: Vec<_> = std::fs::read_dir(&unsaved).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let rescue = &copies[0];
    let name = rescue.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("full-unsaved-") && name.ends_with(".yaml"), "{name}");
    assert!(screen.replace('\n', "").contains(name), "the message names the copy: {screen}");
    assert_eq!(std::fs::metadata(rescue).unwrap().permissions().mode() & 0o777, 0o600);
    let copy = mlops_maturity::session::load(rescue).unwrap();
    assert_eq!(copy.answer("data-scheduled-pipelines"), Some(mlops_maturity::session::Answer::No));
}

#[test]
fn a_session_whose_questionnaire_is_invalid_is_called_invalid_not_missing() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("questionnaires")).unwrap();
    std::fs::write(
        home.path().join("questionnaires/team-checklist.yaml"),
        "id: ours\nversion: 1\ntitle: Ours\nlevels: []\ndimensions: []\n",
    )
    .unwrap();
    let file = home.path().join("s.yaml");
    std::fs::write(&file, "format: 1\nquestionnaire: ours\n").unwrap();
    let out = common::run_in(home.path(), home.path(), &["assess", "--session", file.to_str().unwrap()]);
    let err = &out.stderr;
    assert_eq!(out.code, 1, "{err}");
    assert!(err.contains("invalid") && err.contains("team-checklist.yaml"), "{err}");
    assert!(!err.contains("is not in") && !err.contains("unknown questionnaire"), "{err}");
}

/// The session files in a user folder's `sessions/`, sorted.
/// The session files in the user folder, without the `.bak` a second save keeps (saving the clock
/// on quit after an answer was saved writes twice when a second passed in between).
fn files_in_sessions(home: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(home.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".bak"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_next_assessment_or_new_respondent_opened_and_closed_without_a_change_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(
        sessions.join("q3.yaml"),
        format!("{QUICK_START}team: Fraud\nrespondent: Ana\nanswers:\n  data-pipeline-code: yes\n"),
    )
    .unwrap();
    // `a` (next assessment), then quit at once: no new file, no lock left.
    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Open a session");
    tui.send("a");
    tui.wait_for("1 to confirm");
    tui.send("\x1b[H");
    tui.wait_for("last time: Yes");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(files_in_sessions(home.path()), vec!["q3.yaml"]);
    // `r` (new respondent) through the form to the questions, then quit: nothing either.
    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Open a session");
    tui.send("r");
    tui.wait_for("New assessment");
    tui.send("Ben\t\t\r");
    tui.wait_for("question 1 of 3");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(files_in_sessions(home.path()), vec!["q3.yaml"]);
    // The first change writes the next assessment, under the name the lock held.
    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Open a session");
    tui.send("a");
    tui.wait_for("1 to confirm");
    tui.send("\x1b[H");
    tui.wait_for("last time: Yes");
    tui.send("\r");
    tui.wait_for("Saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let names = files_in_sessions(home.path());
    assert_eq!(names.len(), 2, "{names:?}");
    let new = names.iter().find(|n| *n != "q3.yaml").unwrap();
    assert!(new.starts_with("fraud-ana-") && new.ends_with(".yaml"), "{new}");
    let s = load(&sessions.join(new));
    assert!(!s.answers["data-pipeline-code"].carried, "confirmed with Enter");
}

#[test]
fn participants_in_the_new_session_form_make_a_workshop_session() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "-q", "mlops-quick"]);
    tui.wait_for("New assessment");
    tui.send("\tFraud\t\t\tAna:engineering, Ben\r");
    tui.wait_for("Elapsed");
    tui.wait_for("Fraud");
    tui.send("y");
    tui.wait_for("Votes 1 of 2");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let names = files_in_sessions(home.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("fraud-workshop-"), "{names:?}");
    let s = load(&home.path().join("sessions").join(&names[0]));
    let people: Vec<(&str, Option<&str>)> =
        s.participants.as_ref().unwrap().iter().map(|p| (p.name.as_str(), p.role.as_deref())).collect();
    assert_eq!(people, vec![("Ana", Some("engineering")), ("Ben", None)]);
    assert_eq!(s.team.as_deref(), Some("Fraud"));
    assert!(s.respondent.is_none());
    assert_eq!(s.answers["data-pipeline-code"].votes.get("Ana"), Some(&mlops_maturity::session::Answer::Yes));
}

#[test]
fn team_and_respondent_on_the_command_line_start_that_new_session_never_a_saved_one() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let theirs = format!("{QUICK_START}team: Fraud\nrespondent: Ana\nanswers:\n  data-pipeline-code: no\n");
    std::fs::write(sessions.join("fraud.yaml"), &theirs).unwrap();
    // Nothing missing: straight to the first question of the new session.
    let mut tui =
        Tui::start(home.path(), &["assess", "-q", "mlops-quick", "--team", "Other team", "--respondent", "Ann"]);
    tui.wait_for("Data preparation & pipelines  question 1 of 3");
    assert!(tui.contents().contains("Other team"), "{}", tui.contents());
    tui.send("y");
    tui.wait_for("Saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(sessions.join("fraud.yaml")).unwrap(), theirs, "the saved session untouched");
    let names = files_in_sessions(home.path());
    let new = names.iter().find(|n| n.starts_with("other-team-ann-")).unwrap_or_else(|| panic!("{names:?}"));
    let s = load(&sessions.join(new));
    assert_eq!((s.team.as_deref(), s.respondent.as_deref()), (Some("Other team"), Some("Ann")));
    assert_eq!(s.questionnaire, "mlops-quick");
    assert_eq!(s.answer("data-pipeline-code"), Some(mlops_maturity::session::Answer::Yes));
    // The respondent missing: the form, pre-filled, waiting for the respondent.
    let mut tui = Tui::start(home.path(), &["assess", "-q", "mlops-quick", "--team", "Third team"]);
    tui.wait_for("New assessment");
    assert!(tui.contents().contains("Third team") && !tui.contents().contains("Open a session"), "{}", tui.contents());
    tui.send("Cy\t\t\r");
    tui.wait_for("question 1 of 3");
    tui.send("n");
    tui.wait_for("Saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(files_in_sessions(home.path()).iter().any(|n| n.starts_with("third-team-cy-")));
}

#[test]
fn participants_and_a_team_on_the_command_line_start_a_new_workshop_in_the_user_folder() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("other.yaml"), format!("{QUICK_START}team: Other\nrespondent: Ann\nanswers: {{}}\n"))
        .unwrap();
    let mut tui =
        Tui::start(home.path(), &["assess", "-q", "mlops-quick", "--team", "Fraud", "--participants", "Ana,Ben"]);
    tui.wait_for("Votes 0 of 2");
    tui.send("y");
    tui.wait_for("Votes 1 of 2");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let names = files_in_sessions(home.path());
    let new = names.iter().find(|n| n.starts_with("fraud-workshop-")).unwrap_or_else(|| panic!("{names:?}"));
    let s = load(&sessions.join(new));
    assert_eq!(s.participants.as_ref().map(Vec::len), Some(2));
    assert_eq!(s.team.as_deref(), Some("Fraud"));
}
