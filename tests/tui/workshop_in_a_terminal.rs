//! A live workshop in the real binary, in a pseudo-terminal: three participants vote blind, the
//! votes show after the third, Enter records the agreed answer, `d` finds a disagreement.

use crate::common;

use common::pty::Tui;
use std::path::Path;

/// How these tests start the binary (a trait of this module, as in `tui_in_a_terminal`, which
/// starts it another way under the same name).
trait Start {
    fn start(home: &Path, args: &[&str]) -> Tui;
}

impl Start for Tui {
    /// The binary in a 24 × 80 terminal, with the built-in questionnaires.
    fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::spawn(home, args, (24, 80), (24, 80), |_| {})
    }
}

use common::load_session as load;

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

/// The revealed votes shown as counts, then by name again, and a re-vote in which everyone
/// votes yes (the first votes kept).
fn anonymous_display_and_a_revote(tui: &mut Tui, n: usize) {
    // The anonymous display: counts, not names.
    tui.send("*");
    tui.wait_for("Anonymous: votes as counts");
    tui.wait_for(&format!("[Y] Yes            {:>2} ", n - 1));
    // (Waited for: the frame may still be arriving.)
    let last = format!("P{n} ");
    tui.wait_until("no name beside the revealed votes", || {
        let screen = tui.contents();
        !screen.contains("P2 ") && !screen.contains(&last)
    });
    tui.send("*");
    tui.wait_for("Votes show by name");
    // A re-vote: hidden again; the first votes are kept.
    tui.send("V");
    tui.wait_for(&format!("Re-vote: Votes 0 of {n} (hidden"));
    tui.send(&"y".repeat(n));
    tui.wait_for(&format!("Re-vote: Votes {n} of {n}:"));
    tui.wait_for(&format!("{n}×Y → consensus Yes"));
}

/// The facilitator's keys in the real binary, for `n` participants P1…Pn in a terminal of
/// `size` (rows, cols): who has not voted, selecting anyone with ↑↓, agreeing early (twice),
/// the reveal, the anonymous display, a re-vote and the agenda.
fn facilitate(n: usize, size: (u16, u16)) {
    use mlops_maturity::session::Answer;
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let path = file.to_str().unwrap();
    let people: Vec<String> = (1..=n).map(|i| format!("P{i}")).collect();
    let list = people.join(",");
    let mut tui = Tui::spawn(home.path(), &["assess", "--participants", &list, "--session", path], size, size, |_| {});
    tui.wait_for(&format!("0 of {n} voted · to vote: P1, P2"));
    tui.wait_for("Time 0:0");
    // ↓ to the last participant, who votes no.
    tui.send(&"\x1b[B".repeat(n - 1));
    tui.wait_for(&format!("▶{n} P{n}"));
    tui.send("n");
    tui.wait_for(&format!("1 of {n} voted · to vote: P1"));
    // Agreeing before everyone has voted asks for the same key again; another key cancels.
    tui.send("\r");
    tui.wait_for(&format!("Only 1 of {n} voted: press Enter again"));
    tui.send("x");
    tui.wait_for("Not agreed");
    tui.send("Y");
    tui.wait_for("press Y again");
    tui.send("z");
    tui.wait_for("Not agreed");
    // Everyone else votes yes: the votes are revealed, the counts line always in view.
    tui.send(&"y".repeat(n - 1));
    tui.wait_for(&format!("Votes {n} of {n}:"));
    tui.wait_for(&format!("{}×Y 1×N → consensus Yes", n - 1));
    tui.wait_for("Agreed: —");
    anonymous_display_and_a_revote(&mut tui, n);
    tui.send("\r");
    tui.wait_for("2/11 · Level");
    // Two questions split evenly, then the agenda.
    let half = n / 2;
    tui.send(&format!("{}{}", "y".repeat(half), "n".repeat(n - half)));
    tui.wait_for(&format!("{half}×Y {}×N", n - half));
    tui.send("\x1b[C");
    tui.wait_for("3/11 · Level");
    tui.send(&format!("y{}", "n".repeat(n - 1)));
    tui.wait_for(&format!("1×Y {}×N", n - 1));
    tui.send("D");
    tui.wait_for("Open disagreements: 2, widest spread first");
    tui.send("\r");
    tui.wait_for("2/11 · Level");
    tui.wait_for("Open disagreement 1 of 2");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let q = mlops_maturity::questionnaire::built_in("mlops-maturity").unwrap();
    let first = &q.dimensions[0].questions[0].id;
    let s = load(&file);
    let entry = &s.answers[first];
    assert_eq!(entry.answer, Some(Answer::Yes));
    assert_eq!(entry.first_votes.len(), n);
    assert_eq!(entry.first_votes[&format!("P{n}")], Answer::No);
    assert!(entry.votes.values().all(|v| *v == Answer::Yes));
    // Reopened with --anonymous: the revealed votes show as counts from the start.
    let mut tui = Tui::spawn(home.path(), &["assess", "--anonymous", "--session", path], size, size, |_| {});
    tui.wait_for("Anonymous: votes as counts");
    // To the evenly split question through the agenda, wherever the session reopened.
    tui.send("D");
    tui.wait_for("Open disagreements: 2, widest spread first");
    tui.send("\r");
    tui.wait_for("2/11 · Level");
    tui.wait_for(&format!("{half}×Y {}×N", n - half));
    tui.wait_for(&format!("[Y] Yes            {half:>2} "));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let report = mlops_maturity::report::build(
        &q,
        &[mlops_maturity::report::SessionInput { file_name: "w.yaml".into(), session: &load(&file) }],
        None,
        "2026-11-28",
    );
    let changed: Vec<&str> = report.changed_minds.iter().map(|c| c.respondent.as_str()).collect();
    assert_eq!(changed, [format!("P{n}")], "P{n} went from no to yes");
}

#[test]
fn sixteen_people_at_80_by_24() {
    facilitate(16, (24, 80));
}

#[test]
fn sixteen_people_at_120_by_40() {
    facilitate(16, (40, 120));
}

#[test]
fn forty_people_at_80_by_24() {
    facilitate(40, (24, 80));
}

#[test]
fn forty_people_at_120_by_40() {
    facilitate(40, (40, 120));
}

#[test]
fn the_help_lists_the_facilitators_keys() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let mut tui =
        Tui::start(home.path(), &["assess", "--participants", "Ana,Ben", "--session", file.to_str().unwrap()]);
    tui.wait_for("V re-vote");
    tui.wait_for("D agenda");
    tui.send("?");
    tui.wait_for("Workshop, on a question");
    for (keys, what) in mlops_maturity::tui::facilitator::KEYMAP.iter().filter_map(|row| row.help) {
        tui.wait_for(keys);
        tui.wait_for(what);
    }
    tui.send("q");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
