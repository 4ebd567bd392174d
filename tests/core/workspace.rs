//! The user's workspace (src/workspace.rs), rule by rule, through the library and temporary
//! folders: the user folder, finding the questionnaire a session names, owners.yaml, the saved
//! sessions and the names of new ones, and the baseline a session's `previous` gives.

use crate::common::{self, write};
use mlops_maturity::lock::lock_path;
use mlops_maturity::questionnaire::{self, Questionnaire};
use mlops_maturity::report::Baseline;
use mlops_maturity::report::{self, SessionInput};
use mlops_maturity::session::{self, Session};
use mlops_maturity::workspace::Source;
use mlops_maturity::workspace::{self, SessionQuestionnaires};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A questionnaire of two levels and three questions, version 2, in which `q-new` replaces the
/// version-1 question `q-old`. Its id is one no user folder holds.
const SMALL: &str = "id: ws-small
version: 2
title: Small
levels: [{ level: 0, name: Zero }, { level: 1, name: One }]
dimensions:
  - id: d1
    name: First
    questions:
      - { id: q-new, level: 1, text: New, recommendation: R, replaces: [q-old] }
      - { id: q-b, level: 1, text: B, recommendation: R }
  - id: d2
    name: Second
    questions:
      - { id: q-c, level: 1, text: C, recommendation: R }
";

fn small() -> Questionnaire {
    questionnaire::parse(SMALL, "small.yaml").unwrap()
}

/// SMALL under another id.
fn small_as(id: &str) -> String {
    SMALL.replacen("id: ws-small", &format!("id: {id}"), 1)
}

fn parse(text: &str) -> Session {
    session::parse(text, "s.yaml").unwrap_or_else(|p| panic!("{p:?}"))
}

/// A session file at `dir/name` and the session it holds.
fn session_at(dir: &Path, name: &str, text: &str) -> (PathBuf, Session) {
    (write(dir, name, text), parse(text))
}

/// A user folder holding `questionnaires/NAME` with `text` for each pair.
fn home_with(questionnaires: &[(&str, &str)]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir(home.path().join("questionnaires")).unwrap();
    for (name, text) in questionnaires {
        write(&home.path().join("questionnaires"), name, text);
    }
    home
}

fn error_of<T>(r: anyhow::Result<T>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => format!("{e:#}"),
    }
}

// ---- The user folder ----

#[test]
fn the_user_folder_is_mlops_maturity_home_and_session_questionnaires_are_found_in_it() {
    // In a process of its own, whose environment names the folder (the tests' own environment
    // is shared by every test of this binary, so it is not changed here).
    let home = home_with(&[("ws-ours.yaml", &small_as("ws-ours"))]);
    let mut test = common::test_alone(module_path!(), "helper_the_user_folder_is_mlops_maturity_home");
    common::assert_passes(test.env("MLOPS_MATURITY_HOME", home.path()));
}

#[test]
#[ignore = "run alone, with MLOPS_MATURITY_HOME set, by the test above it"]
fn helper_the_user_folder_is_mlops_maturity_home() {
    let home = PathBuf::from(std::env::var_os("MLOPS_MATURITY_HOME").unwrap());
    assert_eq!(workspace::home(), Some(home.clone()));
    let elsewhere = tempfile::tempdir().unwrap();
    let (path, s) = session_at(elsewhere.path(), "s.yaml", "format: 1\nquestionnaire: ws-ours\n");
    let (q, source) = workspace::questionnaire_of(&path, &s).unwrap();
    assert_eq!((q.id.as_str(), source), ("ws-ours", Source::File(home.join("questionnaires/ws-ours.yaml"))));
    assert_eq!(SessionQuestionnaires::default().of(&path, &s).unwrap().id, "ws-ours");
}

#[test]
fn sessions_are_saved_in_the_user_folders_sessions_folder_which_is_made_when_missing() {
    let home = tempfile::tempdir().unwrap();
    let dir = workspace::sessions_dir(Some(home.path())).unwrap();
    assert_eq!(dir, home.path().join("sessions"));
    assert!(dir.is_dir());
    assert_eq!(workspace::sessions_dir(Some(home.path())).unwrap(), dir, "an existing folder is fine");
    let err = error_of(workspace::sessions_dir(None));
    assert!(
        err.contains("no user folder") && err.contains("MLOPS_MATURITY_HOME") && err.contains("--session"),
        "{err}"
    );
}

// ---- The questionnaire a session names ----

#[test]
fn a_questionnaire_path_is_read_from_the_sessions_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.yaml", SMALL);
    let (path, s) = session_at(dir.path(), "s.yaml", "format: 1\nquestionnaire: ./small.yaml\n");
    let (q, source) = workspace::questionnaire_in(&path, &s, None).unwrap();
    assert_eq!((q.id.as_str(), source), ("ws-small", Source::File(dir.path().join("./small.yaml"))));
}

#[test]
fn an_id_is_found_in_the_user_folder_before_the_built_ins() {
    let home = home_with(&[("ws-ours.yaml", &small_as("ws-ours")), ("mlops-quick.yaml", &small_as("mlops-quick"))]);
    let elsewhere = tempfile::tempdir().unwrap();
    let (path, s) = session_at(elsewhere.path(), "s.yaml", "format: 1\nquestionnaire: ws-ours\n");
    let (q, source) = workspace::questionnaire_in(&path, &s, Some(home.path())).unwrap();
    assert_eq!((q.id.as_str(), source), ("ws-ours", Source::File(home.path().join("questionnaires/ws-ours.yaml"))));
    // A user's copy shadows the built-in of the same id; without it the built-in answers.
    let (path, s) = session_at(elsewhere.path(), "q.yaml", "format: 1\nquestionnaire: mlops-quick\n");
    let (q, source) = workspace::questionnaire_in(&path, &s, Some(home.path())).unwrap();
    assert_eq!((q.question_count(), source), (3, Source::File(home.path().join("questionnaires/mlops-quick.yaml"))));
    let (q, source) = workspace::questionnaire_in(&path, &s, None).unwrap();
    assert_eq!((q.id.as_str(), source), ("mlops-quick", Source::BuiltIn("mlops-quick".into())));
    assert!(q.question_count() > 3);
}

#[test]
fn a_questionnaire_not_found_is_an_error_naming_the_session() {
    let home = home_with(&[]);
    let (path, s) = session_at(home.path(), "s.yaml", "format: 1\nquestionnaire: ws-nowhere\n");
    let err = error_of(workspace::questionnaire_in(&path, &s, Some(home.path())));
    assert!(err.starts_with(&format!("{}: its questionnaire cannot be loaded", path.display())), "{err}");
    assert!(err.contains("ws-nowhere") && !err.contains("is invalid"), "{err}");
}

#[test]
fn a_user_questionnaire_that_declares_the_id_but_does_not_load_is_called_invalid() {
    let invalid = |declared: &str| format!("id: {declared}\nversion: 1\ntitle: Ours\nlevels: []\ndimensions: []\n");
    for declared in ["ws-ours", "\"ws-ours\"", "'ws-ours'", "  ws-ours  "] {
        let home = home_with(&[("team-checklist.yaml", &invalid(declared))]);
        let (path, s) = session_at(home.path(), "s.yaml", "format: 1\nquestionnaire: ws-ours\n");
        let err = error_of(workspace::questionnaire_in(&path, &s, Some(home.path())));
        let file = home.path().join("questionnaires/team-checklist.yaml");
        let expected = format!(
            "questionnaire `ws-ours` in {} is invalid; run `mlops-maturity validate {}`: ",
            file.display(),
            file.display()
        );
        assert!(err.contains(&expected), "{declared}: {err}");
        assert!(err.starts_with(&format!("{}: its questionnaire cannot be loaded", path.display())), "{err}");
        assert!(err.contains("levels"), "the file's problems follow: {err}");
    }
}

#[test]
fn an_invalid_user_questionnaire_of_another_id_leaves_the_error_as_not_found() {
    let home = home_with(&[
        ("other.yaml", "id: ws-other\nversion: 1\ntitle: Other\nlevels: []\ndimensions: []\n"),
        // Only the questionnaire's own `id:` counts, not a question's.
        ("nested.yaml", "id: ws-nested\nversion: 1\ntitle: N\nlevels: []\ndimensions:\n  - id: ws-ours\n"),
        ("longer.yaml", "id: ws-ours-2\nversion: 1\ntitle: L\nlevels: []\ndimensions: []\n"),
    ]);
    let (path, s) = session_at(home.path(), "s.yaml", "format: 1\nquestionnaire: ws-ours\n");
    let err = error_of(workspace::questionnaire_in(&path, &s, Some(home.path())));
    assert!(!err.contains("is invalid") && err.contains("ws-ours"), "{err}");
    // A valid questionnaire of that id in the folder is no error at all.
    write(&home.path().join("questionnaires"), "ws-ours.yaml", &small_as("ws-ours"));
    assert_eq!(workspace::questionnaire_in(&path, &s, Some(home.path())).unwrap().0.id, "ws-ours");
}

#[test]
fn session_questionnaires_come_from_the_user_folder_given() {
    let home = home_with(&[("ws-ours.yaml", &small_as("ws-ours")), ("ws-more.yaml", &small_as("ws-more"))]);
    let dir = tempfile::tempdir().unwrap();
    let (a, sa) = session_at(dir.path(), "a.yaml", "format: 1\nquestionnaire: ws-ours\n");
    let (b, sb) = session_at(dir.path(), "b.yaml", "format: 1\nquestionnaire: ws-ours\n");
    let (c, sc) = session_at(dir.path(), "c.yaml", "format: 1\nquestionnaire: mlops-quick\n");
    let (d, sd) = session_at(dir.path(), "d.yaml", "format: 1\nquestionnaire: ws-more\n");
    let mut loaded = SessionQuestionnaires::in_home(Some(home.path()));
    assert_eq!(loaded.of(&d, &sd).unwrap().id, "ws-more");
    assert_eq!(loaded.of(&a, &sa).unwrap().id, "ws-ours");
    assert_eq!(loaded.of(&b, &sb).unwrap().id, "ws-ours");
    assert_eq!(loaded.of(&c, &sc).unwrap().id, "mlops-quick");
    // The files loaded, each once and in order of name; a built-in is no file.
    let q = home.path().join("questionnaires");
    assert_eq!(loaded.files(), [q.join("ws-more.yaml"), q.join("ws-ours.yaml")]);
    assert_eq!(SessionQuestionnaires::in_home(Some(home.path())).files(), Vec::<PathBuf>::new());
}

#[test]
fn each_session_naming_a_missing_questionnaire_is_named_in_its_own_error() {
    let home = home_with(&[]);
    let (a, sa) = session_at(home.path(), "a.yaml", "format: 1\nquestionnaire: ws-gone\n");
    let (b, sb) = session_at(home.path(), "b.yaml", "format: 1\nquestionnaire: ws-gone\n");
    let mut loaded = SessionQuestionnaires::in_home(Some(home.path()));
    let first = error_of(loaded.of(&a, &sa));
    let second = error_of(loaded.of(&b, &sb));
    assert!(first.starts_with(&format!("{}: its questionnaire cannot be loaded: ", a.display())), "{first}");
    assert!(second.starts_with(&format!("{}: its questionnaire cannot be loaded: ", b.display())), "{second}");
    assert!(first.contains("ws-gone") && !second.contains("a.yaml"), "{first}\n{second}");
    assert!(loaded.files().is_empty());
}

// ---- owners.yaml ----

#[test]
fn owners_come_from_the_user_folders_owners_yaml() {
    let home = tempfile::tempdir().unwrap();
    write(home.path(), "owners.yaml", "ML engineering: Platform team\nProduct: Payments\n");
    let (owners, warning) = workspace::owners(Some(home.path()));
    let pairs: Vec<(&str, &str)> = owners.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(pairs, [("ML engineering", "Platform team"), ("Product", "Payments")]);
    assert_eq!(warning, None);
}

#[test]
fn the_example_owners_yaml_that_init_writes_names_every_owner_as_itself() {
    let home = tempfile::tempdir().unwrap();
    write(home.path(), "owners.yaml", workspace::OWNERS_EXAMPLE);
    let (owners, warning) = workspace::owners(Some(home.path()));
    assert_eq!(warning, None);
    assert_eq!(owners.len(), 6);
    assert!(owners.iter().all(|(k, v)| k == v), "{owners:?}");
}

#[test]
fn without_a_user_folder_or_an_owners_yaml_owners_keep_the_questionnaires_names() {
    assert_eq!(workspace::owners(None), (Default::default(), None));
    let home = tempfile::tempdir().unwrap();
    assert_eq!(workspace::owners(Some(home.path())), (Default::default(), None));
    write(home.path(), "owners.yaml", "# every line deleted\n");
    assert_eq!(workspace::owners(Some(home.path())), (Default::default(), None), "an empty file names no one");
}

#[test]
fn an_owners_yaml_that_is_not_a_mapping_is_ignored_with_a_warning_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let path = write(home.path(), "owners.yaml", "- ML engineering\n- Product\n");
    let (owners, warning) = workspace::owners(Some(home.path()));
    assert!(owners.is_empty());
    assert_eq!(
        warning.unwrap(),
        format!(
            "{}: not a mapping of owner names (like `ML engineering: Platform team`); owners are shown as the questionnaire names them",
            path.display()
        )
    );
}

#[test]
fn an_owners_yaml_that_cannot_be_read_is_ignored_with_a_warning() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir(home.path().join("owners.yaml")).unwrap();
    let (owners, warning) = workspace::owners(Some(home.path()));
    assert!(owners.is_empty());
    let warning = warning.unwrap();
    assert!(
        warning.contains("owners.yaml") && warning.ends_with("; owners are shown as the questionnaire names them"),
        "{warning}"
    );
}

// ---- Saved sessions ----

/// A session file in `home/sessions/` last changed `age_s` seconds ago.
fn saved(home: &Path, name: &str, text: &str, age_s: u64) -> PathBuf {
    let dir = home.join("sessions");
    fs::create_dir_all(&dir).unwrap();
    let path = write(&dir, name, text);
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(age_s)).unwrap();
    path
}

#[test]
fn saved_sessions_are_listed_newest_first_with_their_progress() {
    let home = home_with(&[("ws-small.yaml", SMALL)]);
    let old =
        saved(home.path(), "old.yaml", "format: 1\nquestionnaire: ws-small\nanswers: { q-b: yes, q-c: no }\n", 300);
    let new = saved(home.path(), "new.yaml", "format: 1\nquestionnaire: ws-small\nanswers: { q-b: yes }\n", 100);
    let middle = saved(home.path(), "middle.yml", "format: 1\nquestionnaire: ws-small\n", 200);
    saved(home.path(), "broken.yaml", "format: 1\nquestionnaire: [\n", 0);
    saved(home.path(), "notes.txt", "format: 1\nquestionnaire: ws-small\n", 0);
    let list = workspace::saved_sessions(home.path());
    let rows: Vec<(&Path, usize, usize, bool)> =
        list.iter().map(|s| (s.path.as_path(), s.answered, s.total, s.problem.is_some())).collect();
    assert_eq!(rows, [(new.as_path(), 1, 3, false), (middle.as_path(), 0, 3, false), (old.as_path(), 2, 3, false)]);
    assert_eq!(list[0].session.questionnaire, "ws-small");
    assert!(list[0].modified.unwrap() > list[1].modified.unwrap());
}

#[test]
fn a_saved_session_whose_questionnaire_is_missing_says_why_and_counts_its_answers() {
    let home = tempfile::tempdir().unwrap();
    let path = saved(
        home.path(),
        "s.yaml",
        "format: 1\nquestionnaire: ws-gone\nanswers:\n  a: yes\n  b: no\n  c: { note: not asked yet }\n",
        0,
    );
    let list = workspace::saved_sessions(home.path());
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].answered, list[0].total), (2, 0));
    let problem = list[0].problem.as_deref().unwrap();
    assert!(problem.starts_with(&format!("{}: its questionnaire cannot be loaded", path.display())), "{problem}");
}

#[test]
fn without_a_sessions_folder_there_are_no_saved_sessions() {
    let home = tempfile::tempdir().unwrap();
    assert!(workspace::saved_sessions(home.path()).is_empty());
    assert!(workspace::unreadable_sessions(home.path()).is_empty());
}

#[test]
fn unreadable_sessions_are_the_session_files_that_do_not_load_with_the_reason() {
    let home = home_with(&[("ws-small.yaml", SMALL)]);
    saved(home.path(), "good.yaml", "format: 1\nquestionnaire: ws-small\n", 0);
    let broken = saved(home.path(), "broken.yaml", "format: 1\nquestionnaire: [\n", 0);
    let odd = saved(home.path(), "odd.yml", "format: 1\nquestionnaire: ws-small\nanswers: { q-b: perhaps }\n", 0);
    saved(home.path(), "notes.txt", "not a session", 0);
    let bad = workspace::unreadable_sessions(home.path());
    let paths: Vec<&Path> = bad.iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(paths, [broken.as_path(), odd.as_path()]);
    for (path, why) in &bad {
        assert_eq!(why, &format!("{:#}", session::load(path).unwrap_err()));
    }
    assert!(bad[1].1.contains("perhaps"), "{}", bad[1].1);
}

// ---- Names of new sessions ----

#[test]
fn a_slug_joins_words_with_one_dash_and_drops_other_scripts_without_a_gap() {
    for (name, slug) in [
        ("  Fraud   ML  ", "fraud-ml"),
        ("Fraud—ML", "fraud-ml"),
        ("Fraud — ML", "fraud-ml"),
        ("—ML", "ml"),
        ("Fraud数据ML", "fraudml"),
        ("数据 ML", "ml"),
        ("ML 数据", "ml"),
        ("Ana, Ben & Cy!", "ana-ben-cy"),
    ] {
        assert_eq!(workspace::slug(name), slug, "{name:?}");
    }
}

#[test]
fn a_slug_is_cut_at_40_characters_without_a_trailing_dash() {
    let name = format!("{} b", "a".repeat(39));
    assert_eq!(workspace::slug(&name), "a".repeat(39));
    assert_eq!(workspace::slug(&"Ab".repeat(30)), "ab".repeat(20));
}

#[test]
fn a_new_session_is_named_after_team_and_respondent_and_dated() {
    let dir = tempfile::tempdir().unwrap();
    let name = |team: &str, respondent: &str| workspace::new_session_path(dir.path(), team, respondent, "2026-11-28");
    assert_eq!(name("Fraud ML", "Ana"), dir.path().join("fraud-ml-ana-2026-11-28.yaml"));
    assert_eq!(name("Fraud ML", ""), dir.path().join("fraud-ml-2026-11-28.yaml"));
    assert_eq!(name("", "Ana"), dir.path().join("ana-2026-11-28.yaml"));
    assert_eq!(name("数据", "🚀"), dir.path().join("session-2026-11-28.yaml"));
}

#[test]
fn a_new_session_name_skips_names_taken_by_a_file_or_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let name = || workspace::new_session_path(dir.path(), "Fraud ML", "Ana", "2026-11-28");
    write(dir.path(), "fraud-ml-ana-2026-11-28.yaml", "x");
    assert_eq!(name(), dir.path().join("fraud-ml-ana-2026-11-28-2.yaml"));
    write(dir.path(), "fraud-ml-ana-2026-11-28-2.yaml", "x");
    assert_eq!(name(), dir.path().join("fraud-ml-ana-2026-11-28-3.yaml"));
    write(dir.path(), "fraud-ml-ana-2026-11-28-3.yaml", "x");
    write(dir.path(), "fraud-ml-ana-2026-11-28-4.yaml", "x");
    assert_eq!(name(), dir.path().join("fraud-ml-ana-2026-11-28-5.yaml"));
    // A lock without its session: another app is creating that session right now.
    let locked = dir.path().join("ben-2026-11-28.yaml");
    fs::write(lock_path(&locked), "pid 1\n").unwrap();
    assert_eq!(
        workspace::new_session_path(dir.path(), "", "Ben", "2026-11-28"),
        dir.path().join("ben-2026-11-28-2.yaml")
    );
}

// ---- Baselines ----

fn baseline(scores: &[(&str, f64)], overall_level: Option<u32>) -> Baseline {
    Baseline {
        scores: scores.iter().map(|(id, s)| ((*id).to_owned(), *s)).collect(),
        overall_level,
        ..Default::default()
    }
}

#[test]
fn baseline_scores_from_0_to_the_highest_level_are_accepted() {
    let path = Path::new("b.json");
    for scores in [[("d1", 0.0), ("d2", 1.0)], [("d1", 0.5), ("d2", 0.25)]] {
        for level in [None, Some(0), Some(1)] {
            let checked = workspace::check_baseline(path, baseline(&scores, level), 1).unwrap();
            assert_eq!((checked.scores.len(), checked.overall_level), (2, level));
        }
    }
    assert_eq!(workspace::check_baseline(path, baseline(&[("d1", 3.0)], Some(3)), 3).unwrap().scores[0].1, 3.0);
}

#[test]
fn baseline_scores_outside_0_to_the_highest_level_are_refused_naming_the_dimension() {
    let path = Path::new("b.json");
    for bad in [1.5, -0.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = workspace::check_baseline(path, baseline(&[("d1", 1.0), ("d2", bad)], Some(1)), 1).unwrap_err();
        let err = format!("{err:#}");
        assert!(err.starts_with("b.json: dimension `d2` has the score "), "{bad}: {err}");
        assert!(err.ends_with("but scores go from 0 to 1; give a report of the same questionnaire"), "{err}");
    }
    let err = format!("{:#}", workspace::check_baseline(path, baseline(&[("d1", 1.0)], Some(2)), 1).unwrap_err());
    assert_eq!(err, "b.json: the overall level 2 is above this questionnaire's highest level 1");
}

/// A JSON report of `q` for a session with these answers, as `report --format json` writes it.
fn json_report(q: &Questionnaire, answers: &str) -> String {
    let s = parse(&format!("format: 1\nquestionnaire: {}\ndate: 2026-05-01\nanswers: {{ {answers} }}\n", q.id));
    report::to_json(&report::build(q, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, ""))
}

#[test]
fn a_json_report_of_the_same_questionnaire_is_a_baseline_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    let path = write(dir.path(), "r.json", &json_report(&q, "q-new: yes, q-b: yes, q-c: no"));
    let (b, warnings) = workspace::load_baseline(&path, &q).unwrap();
    assert_eq!(b.scores, [("d1".to_owned(), 1.0), ("d2".to_owned(), 0.0)]);
    assert_eq!(b.answers["q-new"], "yes");
    assert_eq!((b.overall_level, b.date.as_deref(), b.version), (Some(0), Some("2026-05-01"), Some(2)));
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn a_json_report_of_another_version_warns_and_reads_old_ids_as_their_replacements() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    let v1 = SMALL.replacen("version: 2", "version: 1", 1).replacen("id: q-new", "id: q-old", 1).replacen(
        ", replaces: [q-old]",
        "",
        1,
    );
    let v1 = questionnaire::parse(&v1, "v1.yaml").unwrap();
    let path = write(dir.path(), "r.json", &json_report(&v1, "q-old: partial, q-b: yes"));
    let (b, warnings) = workspace::load_baseline(&path, &q).unwrap();
    assert_eq!(b.answers["q-new"], "partial", "{:?}", b.answers);
    assert_eq!(
        warnings,
        [format!(
            "baseline {}: made with version 1 of questionnaire ws-small, which is now version 2; answers to reworded questions may show as changes",
            path.display()
        )]
    );
    // An answer the report gives under the new id already is not replaced by the old one.
    let both = json_report(&v1, "q-old: no").replacen(
        "\"answers\": [",
        "\"answers\": [{\"question\": \"q-new\", \"answer\": \"yes\"},",
        1,
    );
    let path = write(dir.path(), "both.json", &both);
    let (b, _) = workspace::load_baseline(&path, &q).unwrap();
    assert_eq!((b.answers["q-new"].as_str(), b.answers["q-old"].as_str()), ("yes", "no"), "{both}");
}

#[test]
fn a_json_report_of_another_questionnaire_or_not_a_report_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    let other = questionnaire::parse(&small_as("ws-other"), "o.yaml").unwrap();
    let path = write(dir.path(), "r.json", &json_report(&other, "q-b: yes"));
    assert_eq!(
        error_of(workspace::load_baseline(&path, &q)),
        format!(
            "{}: the baseline is an assessment of questionnaire `ws-other`, not `ws-small`; give an earlier report or session of `ws-small`",
            path.display()
        )
    );
    let path = write(dir.path(), "x.json", "{\"dimensions\": 3}");
    let err = error_of(workspace::load_baseline(&path, &q));
    assert!(err.starts_with(&format!("{}: ", path.display())) && err.contains("dimensions"), "{err}");
}

#[test]
fn a_session_is_a_baseline_scored_with_the_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    let path = write(
        dir.path(),
        "earlier.yaml",
        "format: 1\nquestionnaire: ws-small\nquestionnaire_version: 2\ndate: 2026-05-01\nanswers: { q-new: yes, q-b: yes }\n",
    );
    let (b, warnings) = workspace::load_baseline(&path, &q).unwrap();
    assert_eq!(b.scores, [("d1".to_owned(), 1.0), ("d2".to_owned(), 0.0)]);
    assert_eq!(b.answers["q-b"], "yes");
    assert_eq!((b.overall_level, b.date.as_deref(), b.version), (Some(0), Some("2026-05-01"), Some(2)));
    assert_eq!(warnings, Vec::<String>::new());
    // One of an earlier version warns; one of no known version does not.
    let path = write(
        dir.path(),
        "v1.yaml",
        "format: 1\nquestionnaire: ws-small\nquestionnaire_version: 1\nanswers: { q-old: yes }\n",
    );
    let (b, warnings) = workspace::load_baseline(&path, &q).unwrap();
    assert_eq!(b.answers["q-new"], "yes", "read through `replaces`");
    assert_eq!(b.version, Some(1));
    assert!(
        warnings.len() == 1 && warnings[0].contains("made with version 1 of questionnaire ws-small"),
        "{warnings:?}"
    );
    let path = write(dir.path(), "v.yaml", "format: 1\nquestionnaire: ws-small\n");
    assert_eq!(workspace::load_baseline(&path, &q).unwrap().1, Vec::<String>::new());
}

#[test]
fn a_session_naming_its_questionnaire_by_path_is_a_baseline_when_the_ids_agree() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.yaml", SMALL);
    let path = write(dir.path(), "earlier.yaml", "format: 1\nquestionnaire: ./small.yaml\nanswers: { q-c: yes }\n");
    let (b, _) = workspace::load_baseline(&path, &small()).unwrap();
    assert_eq!(b.scores, [("d1".to_owned(), 0.0), ("d2".to_owned(), 1.0)]);
}

#[test]
fn a_session_of_another_questionnaire_is_refused_as_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "earlier.yaml", "format: 1\nquestionnaire: mlops-quick\n");
    assert_eq!(
        error_of(workspace::load_baseline(&path, &small())),
        format!(
            "{}: the baseline is an assessment of questionnaire `mlops-quick`, not `ws-small`; give an earlier report or session of `ws-small`",
            path.display()
        )
    );
    write(dir.path(), "other.yaml", &small_as("ws-other"));
    let path = write(dir.path(), "by-path.yaml", "format: 1\nquestionnaire: ./other.yaml\n");
    assert!(error_of(workspace::load_baseline(&path, &small())).contains("questionnaire `ws-other`, not `ws-small`"));
}

#[test]
fn only_a_single_session_with_a_previous_has_a_previous_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    write(dir.path(), "earlier.yaml", "format: 1\nquestionnaire: ws-small\nanswers: { q-b: yes }\n");
    let next = session_at(dir.path(), "next.yaml", "format: 1\nquestionnaire: ws-small\nprevious: earlier.yaml\n");
    let plain = session_at(dir.path(), "plain.yaml", "format: 1\nquestionnaire: ws-small\n");
    assert!(workspace::previous_baseline(&[], &q).is_none());
    assert!(workspace::previous_baseline(std::slice::from_ref(&plain), &q).is_none());
    assert!(workspace::previous_baseline(&[next.clone(), plain], &q).is_none());
    assert!(workspace::previous_baseline(&[next], &q).is_some());
}

#[test]
fn the_previous_assessment_is_read_from_the_sessions_folder() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    fs::create_dir(dir.path().join("2026")).unwrap();
    write(
        &dir.path().join("2026"),
        "earlier.yaml",
        "format: 1\nquestionnaire: ws-small\nquestionnaire_version: 1\nanswers: { q-b: yes }\n",
    );
    let next = session_at(dir.path(), "next.yaml", "format: 1\nquestionnaire: ws-small\nprevious: 2026/earlier.yaml\n");
    let (path, named, b, warnings) = workspace::previous_baseline(&[next], &q).unwrap().unwrap();
    assert_eq!((path, named.as_str()), (dir.path().join("2026/earlier.yaml"), "2026/earlier.yaml"));
    assert_eq!(b.scores, [("d1".to_owned(), 0.5), ("d2".to_owned(), 0.0)]);
    assert!(warnings.len() == 1 && warnings[0].contains("made with version 1"), "{warnings:?}");
}

#[test]
fn a_previous_assessment_that_cannot_be_used_is_a_sentence_saying_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let q = small();
    let next = session_at(dir.path(), "next.yaml", "format: 1\nquestionnaire: ws-small\nprevious: gone.yaml\n");
    let err = workspace::previous_baseline(&[next], &q).unwrap().unwrap_err();
    assert!(err.starts_with("previous assessment gone.yaml could not be used as the baseline ("), "{err}");
    assert!(err.ends_with("); give --baseline FILE to compare with it"), "{err}");
    assert!(!err.contains('\n'), "one line: {err}");
    // A report whose scores this questionnaire cannot hold is refused the same way.
    let json = json_report(&q, "q-b: yes").replacen("\"score\": 0.5", "\"score\": 7.0", 1);
    assert!(json.contains("\"score\": 7.0"), "{json}");
    write(dir.path(), "high.json", &json);
    let next = session_at(dir.path(), "next.yaml", "format: 1\nquestionnaire: ws-small\nprevious: high.json\n");
    let err = workspace::previous_baseline(&[next], &q).unwrap().unwrap_err();
    assert!(err.contains("dimension `d1` has the score 7") && err.contains("scores go from 0 to 1"), "{err}");
}
