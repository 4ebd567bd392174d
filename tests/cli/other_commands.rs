//! `validate`, `list` and `init`, as a user runs them.

use crate::common;
use common::*;

#[test]
fn built_in_questionnaires_validate() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), dir.path(), &["init", dir.path().to_str().unwrap()]);
    let q = dir.path().join("questionnaires");
    let r = run(&[
        "validate",
        q.join("mlops-maturity.yaml").to_str().unwrap(),
        q.join("mlops-quick.yaml").to_str().unwrap(),
        q.join("mlops-genai.yaml").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("7 dimensions, 77 questions"), "{}", r.stdout);
    assert!(r.stdout.contains("7 dimensions, 43 questions"), "{}", r.stdout);
    assert!(r.stdout.contains("5 dimensions, 50 questions"), "{}", r.stdout);
}

#[test]
fn validate_reports_every_problem_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.yaml",
        "id: Bad Id\nversion: 1\ntitle: T\nlevels:\n  - { level: 0, name: A }\n  - { level: 1, name: B }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - id: q\n        level: 1\n        text: T\n        recomendation: R\n      - id: r\n        level: 1\n        text: T\n        recommendation: R\n        wieght: 2\n",
    );
    let r = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    let file = bad.to_str().unwrap();
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with(&format!("{file}:14:9: ")) && lines[0].contains("unknown key `recomendation`"),
        "{}",
        r.stderr
    );
    assert!(
        lines[1].starts_with(&format!("{file}:19:9: ")) && lines[1].contains("unknown key `wieght`"),
        "{}",
        r.stderr
    );
}

#[test]
fn validate_reports_semantic_problems_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "sem.yaml",
        "id: sem\nversion: 1\ntitle: T\nlevels:\n  - { level: 0, name: A }\n  - { level: 1, name: B }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: q, level: 2, text: T, recommendation: R }\n      - { id: q, level: 1, text: T, recommendation: R, weight: -1 }\n",
    );
    let r = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("dimension d, question q: level 2 is out of range"), "{}", r.stderr);
    assert!(r.stderr.contains("duplicate question id"), "{}", r.stderr);
    assert!(r.stderr.contains("weight -1 must be a number above 0"), "{}", r.stderr);
}

#[test]
fn init_writes_copies_and_list_shows_them() {
    let home = tempfile::tempdir().unwrap();
    let r = run_in(home.path(), home.path(), &["init", home.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(home.path().join("questionnaires/mlops-maturity.yaml").is_file());
    assert!(home.path().join("questionnaires/mlops-quick.yaml").is_file());
    assert!(home.path().join("templates/report.md").is_file());
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    std::fs::write(
        home.path().join("sessions/team.yaml"),
        "format: 1\nquestionnaire: mlops-quick\nteam: Search\nanswers: { exp-tracking: yes, retired-question: no }\n",
    )
    .unwrap();
    let r = run_in(home.path(), home.path(), &["list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("mlops-maturity"));
    assert!(r.stdout.contains("User questionnaires"));
    assert!(r.stdout.contains("team.yaml"), "{}", r.stdout);
    assert!(r.stdout.contains("1/43"), "answers to questions the questionnaire lacks do not count: {}", r.stdout);
    // A second init keeps the user's edits.
    std::fs::write(home.path().join("templates/report.md"), "mine").unwrap();
    run_in(home.path(), home.path(), &["init", home.path().to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(home.path().join("templates/report.md")).unwrap(), "mine");
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&["report"]);
    assert_eq!(r.code, 2);
    let r = run(&["frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn a_customised_template_in_the_user_folder_is_the_default() {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), home.path(), &["init", home.path().to_str().unwrap()]);
    let sample = fixture("fraud-ml.yaml");
    let before = run_in(home.path(), home.path(), &["report", sample.to_str().unwrap()]);
    assert!(before.stdout.starts_with("# MLOps maturity report: Fraud ML"), "the copy renders like the built-in");
    std::fs::write(home.path().join("templates/report.md"), "Team {{ team }} is at level {{ overall.level }}.\n")
        .unwrap();
    let after = run_in(home.path(), home.path(), &["report", sample.to_str().unwrap()]);
    assert_eq!(after.stdout, "Team Fraud ML is at level 1.\n");
    std::fs::write(home.path().join("templates/report.md"), "{{ broken").unwrap();
    let broken = run_in(home.path(), home.path(), &["report", sample.to_str().unwrap()]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains(&home.path().join("templates/report.md").display().to_string()),
        "{}",
        broken.stderr
    );
}

#[test]
fn owners_yaml_renames_owners_in_every_format_and_init_writes_an_example() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    write(dir, "owners.yaml", "ml engineering: The fraud squad\nData Engineering: Data platform team\n");
    let session = common::fixture("fraud-ml.yaml");
    let s = session.to_str().unwrap();
    let md = run_in(dir, dir, &["report", s]);
    assert!(md.stdout.contains("led by: The fraud squad"), "{}", md.stdout);
    assert!(!md.stdout.contains("led by: ML engineering"), "{}", md.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&run_in(dir, dir, &["report", s, "--format", "json"]).stdout).unwrap();
    let owners: Vec<&str> =
        json["roadmap"][0]["actions"].as_array().unwrap().iter().filter_map(|a| a["owner"].as_str()).collect();
    assert!(owners.contains(&"The fraud squad") && owners.contains(&"Data platform team"), "{owners:?}");
    assert!(!owners.contains(&"ML engineering"), "{owners:?}");
    assert!(owners.contains(&"Model owner"), "an owner the file does not name stays: {owners:?}");
    let csv = run_in(dir, dir, &["report", s, "--format", "csv"]);
    assert!(csv.stdout.contains(",The fraud squad,"), "{}", csv.stdout);

    // A broken file is said, and the report goes on with the questionnaire's names.
    write(dir, "owners.yaml", "- not a mapping\n");
    let md = run_in(dir, dir, &["report", s]);
    assert_eq!(md.code, 0);
    assert!(md.stdout.contains("owners.yaml: not a mapping of owner names"), "{}", md.stdout);

    let target = tempfile::tempdir().unwrap();
    let r = run_in(dir, dir, &["init", target.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let example = std::fs::read_to_string(target.path().join("owners.yaml")).unwrap();
    assert!(example.contains("ML engineering: ML engineering"), "{example}");
}

#[test]
fn an_output_name_of_another_format_is_written_as_asked_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixture("profile-insurer.yaml");
    let r = run_in(dir.path(), dir.path(), &["report", session.to_str().unwrap(), "-o", "r.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(dir.path().join("r.html")).unwrap().starts_with("# MLOps maturity report"));
    assert!(
        r.stderr
            .contains("r.html: written as Markdown, though its name ends in .html; add `--format html` to write HTML"),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), dir.path(), &["report", session.to_str().unwrap(), "--format", "html", "-o", "s.html"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "the name and the format agree");
    let r = run_in(dir.path(), dir.path(), &["portfolio", session.to_str().unwrap(), "-o", "p.csv"]);
    assert!(r.stderr.contains("p.csv: written as Markdown"), "{}", r.stderr);
}

#[test]
fn list_names_a_workshop_as_one_and_keeps_its_columns_in_line() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("a.yaml"), "format: 1\nquestionnaire: mlops-quick\nteam: Search\nrespondent: Ana\n")
        .unwrap();
    std::fs::write(
        sessions.join("a-workshop-with-a-rather-long-file-name.yaml"),
        "format: 1\nquestionnaire: mlops-quick\nteam: Search\nparticipants: [{ name: Ana }, { name: Ben }, { name: Cy }]\n",
    )
    .unwrap();
    let r = run_in(home.path(), home.path(), &["list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().filter(|l| l.contains("  0/43 ")).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert!(rows.iter().any(|l| l.contains("workshop (3)") && l.contains("0/43  agreed ")), "{}", r.stdout);
    assert!(rows.iter().any(|l| l.contains("Ana") && l.contains("0/43  answered ")), "{}", r.stdout);
    let column = |l: &str| l.find("0/43").unwrap();
    assert_eq!(column(rows[0]), column(rows[1]), "{}", r.stdout);
}

#[test]
fn a_session_named_as_list_shows_it_is_found_in_the_user_folder_by_the_error() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    std::fs::copy(fixture("profile-insurer.yaml"), home.path().join("sessions/ins.yaml")).unwrap();
    let r = run_in(home.path(), elsewhere.path(), &["report", "ins.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let there = home.path().join("sessions/ins.yaml");
    assert!(
        r.stderr.contains(&format!(
            "ins.yaml: cannot read the file: no such file; a session of that name is in the user folder: give `{}`",
            there.display()
        )),
        "{}",
        r.stderr
    );
    let r = run_in(home.path(), elsewhere.path(), &["report", "other.yaml"]);
    assert!(!r.stderr.contains("user folder"), "only when it is there: {}", r.stderr);
    // Only a bare name is looked up there: a path with a folder means that folder.
    std::fs::create_dir_all(home.path().join("sessions/sub")).unwrap();
    std::fs::copy(fixture("profile-insurer.yaml"), home.path().join("sessions/sub/ins.yaml")).unwrap();
    let r = run_in(home.path(), elsewhere.path(), &["report", "sub/ins.yaml"]);
    assert!(r.code == 1 && !r.stderr.contains("user folder"), "{}", r.stderr);
    // A file of that name here that cannot be read is that file's problem, not a lookup.
    std::fs::write(elsewhere.path().join("ins.yaml"), "not: a session\n").unwrap();
    let r = run_in(home.path(), elsewhere.path(), &["report", "ins.yaml"]);
    assert!(r.code == 1 && !r.stderr.contains("user folder"), "{}", r.stderr);
}

#[test]
fn the_users_own_markdown_template_is_never_written_over_by_a_report() {
    let home = tempfile::tempdir().unwrap();
    let r = run_in(home.path(), home.path(), &["init", home.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let template = home.path().join("templates/report.md");
    let before = std::fs::read_to_string(&template).unwrap();
    let session = fixture("profile-insurer.yaml");
    let r = run_in(home.path(), home.path(), &["report", session.to_str().unwrap(), "-o", template.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("is one of the report's inputs"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&template).unwrap(), before);
}
