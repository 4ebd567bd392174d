//! A live workshop in the real binary, in a pseudo-terminal: three participants vote blind, the
//! votes show after the third, Enter records the agreed answer, `d` finds a disagreement.

mod common;

use common::pty::Tui;
use std::path::Path;

impl Tui {
    /// The binary in a 24 × 80 terminal, with the built-in questionnaires.
    fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::spawn(home, args, (24, 80), (24, 80), |_| {})
    }
}

fn load(path: &Path) -> mlops_maturity::session::Session {
    mlops_maturity::session::load(path).unwrap()
}

#[test]
fn three_vote_blind_then_agree_then_walk_to_a_disagreement() {
    use mlops_maturity::session::Answer;
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let path = file.to_str().unwrap();
    let mut tui = Tui::start(
        home.path(),
        &["assess", "--participants", "Ana:engineering,Ben:data-science,Cy", "--session", path],
    );
    tui.wait_for("Votes 0 of 3 (hidden");
    tui.send("y");
    tui.wait_for("Votes 1 of 3 (hidden");
    tui.send("n");
    tui.wait_for("Votes 2 of 3 (hidden");
    let blind = tui.contents();
    assert!(!blind.contains("[Y]") && !blind.contains("[N]"), "votes show before everyone voted:\n{blind}");
    assert!(blind.contains("[✓] voted"), "{blind}");
    tui.send("y");
    tui.wait_for("Votes 3 of 3:");
    tui.wait_for("[N] No");
    let shown = tui.contents();
    assert!(shown.contains("[Y] Yes") && shown.contains("DISAGREEMENT"), "{shown}");

    let q = mlops_maturity::questionnaire::built_in("mlops-maturity").unwrap();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    // Saved after every vote, before any agreement.
    let s = load(&file);
    assert_eq!(s.participants.as_ref().map(Vec::len), Some(3));
    let votes: Vec<(String, Answer)> = s.answers[&ids[0]].votes.clone().into_iter().collect();
    assert_eq!(votes, vec![("Ana".into(), Answer::Yes), ("Ben".into(), Answer::No), ("Cy".into(), Answer::Yes)]);
    assert_eq!(s.answers[&ids[0]].answer, None);

    tui.send("\r");
    tui.wait_for(&format!("2/{} · Level", q.dimensions[0].questions.len()));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let mut s = load(&file);
    assert_eq!(s.answers[&ids[0]].answer, Some(Answer::Yes), "Enter records the consensus");
    assert_eq!(s.answers[&ids[0]].votes.len(), 3);

    // Plant a disagreement in the second dimension; `d` goes straight to it.
    let planted = q.dimension_start(1) + 2;
    let entry = s.answers.entry(ids[planted].clone()).or_default();
    entry.votes.insert("Ana".into(), Answer::No);
    entry.votes.insert("Cy".into(), Answer::Yes);
    mlops_maturity::session::save(&file, &s).unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", path]);
    tui.wait_for(&format!("{}  2/{}", q.dimensions[0].name, q.dimensions[0].questions.len()));
    tui.send("d");
    let title = format!("{}  3/{}", q.dimensions[1].name, q.dimensions[1].questions.len());
    tui.wait_for(&title);
    tui.wait_for("Votes 2 of 3 (hidden");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn the_workshop_clock_is_saved_on_quit_and_goes_on_after_reopening() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let path = file.to_str().unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--participants", "Ana,Ben", "--session", path]);
    tui.wait_for("Votes 0 of 2 (hidden");
    tui.wait_for("Elapsed 0:02");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let timing = load(&file).timing.expect("the clock is in the file");
    assert!(timing.elapsed_s >= 2, "{timing:?}");
    let q = mlops_maturity::questionnaire::built_in("mlops-maturity").unwrap();
    assert_eq!(timing.dimension(&q.dimensions[0].id), timing.elapsed_s);
    assert_eq!(timing.questions[&q.dimensions[0].questions[0].id], timing.elapsed_s);
    // Reopened: the clock starts where it stopped, not at 0:00.
    let mut tui = Tui::start(home.path(), &["assess", "--session", path]);
    tui.wait_for(&format!("Elapsed {}", mlops_maturity::tui::facilitator::clock(timing.elapsed_s)));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(load(&file).timing.unwrap().elapsed_s >= timing.elapsed_s);
}
