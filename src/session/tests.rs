//! Unit tests of the session model, its answers and its file format.

use super::*;
use std::path::Path;

#[test]
fn short_and_long_answers_round_trip() {
    let text = "format: 1\nquestionnaire: mlops-quick\nanswers:\n  a: yes\n  b: { answer: partial, note: \"only one team\", evidence: wiki }\n  c: na\n";
    let s = parse(text, "s.yaml").unwrap();
    assert_eq!(s.answer("a"), Some(Answer::Yes));
    assert_eq!(s.answers["b"].note.as_deref(), Some("only one team"));
    assert_eq!(s.answer("c"), Some(Answer::Na));
    let again = parse(&s.to_yaml(), "s.yaml").unwrap();
    assert_eq!(again, s);
}

#[test]
fn carried_votes_and_date_round_trip() {
    let text = "format: 1\nquestionnaire: x\ndate: 2026-11-28\nparticipants:\n  - { name: Ana, role: engineering }\n  - { name: Cy }\nanswers:\n  a: { votes: { Ana: yes, Cy: no }, answer: partial }\n  b: { answer: yes, evidence: wiki, carried: true }\n";
    let s = parse(text, "s.yaml").unwrap();
    assert_eq!(s.date.as_deref(), Some("2026-11-28"));
    assert_eq!(s.participants.as_ref().map(Vec::len), Some(2));
    assert_eq!(s.answers["a"].votes["Cy"], Answer::No);
    assert!(s.answers["b"].carried);
    assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
}

#[test]
fn next_assessment_carries_answers_keeps_evidence_and_drops_notes() {
    let text = "format: 1\nquestionnaire: x\nteam: T\ndate: 2026-08-01\ntarget: 2\nanswers:\n  a: { answer: yes, note: \"old\", evidence: wiki }\n  b: no\n  c: { note: only a note }\nbottlenecks:\n  deployment: { pain: 4 }\n";
    let earlier = parse(text, "s.yaml").unwrap();
    let next = earlier.next_assessment(0.5);
    assert_eq!(next.team.as_deref(), Some("T"));
    assert_eq!(next.target, Some(2));
    assert_eq!(next.date, None);
    assert_eq!(next.bottlenecks, earlier.bottlenecks);
    let a = &next.answers["a"];
    assert_eq!(
        (a.answer, a.note.as_deref(), a.evidence.as_deref(), a.carried),
        (Some(Answer::Yes), None, Some("wiki"), true)
    );
    assert!(next.answers["b"].carried);
    assert!(!next.answers.contains_key("c"), "a note alone is not carried");
}

#[test]
fn next_assessment_keeps_the_reason_of_a_does_not_apply_and_nothing_of_the_workshops_votes() {
    let text = "format: 1\nquestionnaire: x\nprevious: ../q2/s.yaml\nparticipants: [{ name: Ana }, { name: Ben }]\nanswers:\n  a: { answer: na, note: \"we train no models\" }\n  b: { votes: { Ana: yes, Ben: partial }, note: \"Ana: CI for one model\" }\n  c: { votes: { Ana: na, Ben: no }, answer: na, note: \"batch only\" }\n";
    let earlier = parse(text, "s.yaml").unwrap();
    let next = earlier.next_assessment(0.5);
    assert_eq!(next.participants, earlier.participants, "participants kept");
    assert_eq!(next.previous, None, "the caller records where it came from");
    let a = &next.answers["a"];
    assert_eq!((a.answer, a.note.as_deref(), a.carried), (Some(Answer::Na), Some("we train no models"), true));
    let b = &next.answers["b"];
    assert_eq!((b.answer, b.note.as_deref()), (Some(Answer::Yes), None), "the consensus, not the votes");
    assert!(b.votes.is_empty() && b.carried);
    assert_eq!(next.answers["c"].note.as_deref(), Some("batch only"));
    assert!(next.answers["c"].votes.is_empty());
}

#[test]
fn a_next_assessment_moves_answers_to_replaced_ids_under_the_new_ones() {
    let q = crate::questionnaire::parse(
        "id: x\nversion: 2\ntitle: X\nlevels:\n  - { level: 0, name: Zero }\n  - { level: 1, name: One }\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - { id: new-a, level: 1, text: A, recommendation: R, replaces: [old-a] }\n      - { id: b, level: 1, text: B, recommendation: R }\n",
        "q.yaml",
    )
    .unwrap();
    let earlier = parse(
        "format: 1\nquestionnaire: x\nanswers:\n  old-a: { answer: na, note: why }\n  b: yes\n  gone: no\n",
        "s.yaml",
    )
    .unwrap();
    let mut next = earlier.next_assessment(0.5);
    next.move_to_current_ids(&q);
    assert!(!next.answers.contains_key("old-a"));
    assert_eq!((next.answer("new-a"), next.answers["new-a"].note.as_deref()), (Some(Answer::Na), Some("why")));
    assert!(next.answers["new-a"].carried);
    assert_eq!(next.answer("gone"), Some(Answer::No), "an answer to an unknown id is kept");
}

#[test]
fn previous_is_saved_and_loaded() {
    let text = "format: 1\nquestionnaire: x\nprevious: ../2026-q3/fraud-ml.yaml\nanswers: {}\n";
    let s = parse(text, "s.yaml").unwrap();
    assert_eq!(s.previous.as_deref(), Some("../2026-q3/fraud-ml.yaml"));
    assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
}

#[test]
fn timing_is_saved_and_loaded_and_a_next_assessment_starts_its_own_clock() {
    let text = "format: 1\nquestionnaire: x\nanswers: {}\ntiming:\n  elapsed_s: 120\n  dimensions: { data: 90, experiments: 30 }\n  questions: { a: 90 }\n  timebox_s: { data: 600 }\n";
    let mut s = parse(text, "s.yaml").unwrap();
    let t = s.timing.as_ref().unwrap();
    assert_eq!((t.elapsed_s, t.dimension("data"), t.questions["a"], t.timebox_s["data"]), (120, 90, 90, 600));
    assert_eq!(parse(&s.to_yaml(), "s.yaml").unwrap(), s);
    s.timing.as_mut().unwrap().add(Some(("experiments", "b")), 5);
    let t = s.timing.as_ref().unwrap();
    assert_eq!((t.elapsed_s, t.dimension("experiments"), t.questions["b"]), (125, 35, 5));
    assert_eq!(s.next_assessment(0.5).timing, None);
    assert!(parse("format: 1\nquestionnaire: x\ntiming: { elapsed_s: 1, laps: 2 }\n", "s.yaml").is_err());
}

#[test]
fn relative_paths_climb_out_of_the_folder_when_needed() {
    let rel = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to)).map(|p| p.display().to_string());
    assert_eq!(rel("/w/2026-q4", "/w/2026-q3/a.yaml").as_deref(), Some("../2026-q3/a.yaml"));
    assert_eq!(rel("/w", "/w/a.yaml").as_deref(), Some("a.yaml"));
    assert_eq!(rel("/w/x/y", "/a.yaml").as_deref(), Some("../../../a.yaml"));
    assert_eq!(rel("w", "/a.yaml"), None);
}

#[test]
fn a_plain_answer_is_saved_short_and_a_long_one_without_defaults() {
    let mut s = Session::new("x");
    let noted = AnswerEntry { answer: Some(Answer::Yes), note: Some("n".into()), ..Default::default() };
    s.answers.insert("a".into(), noted);
    s.answers.insert("b".into(), AnswerEntry { answer: Some(Answer::No), ..Default::default() });
    assert_eq!(s.to_yaml(), "format: 1\nquestionnaire: x\nanswers:\n  a:\n    answer: yes\n    note: n\n  b: no\n");
}

#[test]
fn an_answer_or_vote_of_the_wrong_type_says_what_is_expected() {
    let message = |yaml: &str| {
        let problems = parse(&format!("format: 1\nquestionnaire: x\n{yaml}"), "s.yaml").unwrap_err();
        problems[0].message.clone()
    };
    assert_eq!(
        message("answers:\n  a: [yes]\n"),
        "answers.a: invalid type: expected an answer (one of yes, partial, no, unknown, na) or { answer, note, evidence }, found a list"
    );
    assert_eq!(
        message("participants: [{ name: Ana }]\nanswers:\n  a: { votes: { Ana: 3 } }\n"),
        "answers.a.votes.Ana: invalid type: expected one of yes, partial, no, unknown, na, found the number 3"
    );
    assert_eq!(message("answers: [yes]\n"), "answers: invalid type: expected a mapping, found a list");
    assert_eq!(
        message("answers:\n  a: maybe\n"),
        "answers.a: unknown answer `maybe`: expected one of yes, partial, no, unknown, na"
    );
}

#[test]
fn every_answer_reads_as_a_person_would_say_it() {
    let labels: Vec<&str> = Answer::ALL.iter().map(|a| a.label()).collect();
    assert_eq!(labels, ["Yes", "Partly", "No", "Don't know", "Does not apply"]);
    for a in Answer::ALL {
        assert_eq!(Answer::parse(a.as_str()), Some(a), "{} reads back", a.as_str());
    }
    assert_eq!(Answer::parse(" N/A "), Some(Answer::Na));
}

#[test]
fn true_and_false_are_yes_and_no_in_answers_and_votes() {
    let text = "format: 1\nquestionnaire: x\nparticipants: [{ name: Ana }]\nanswers:\n  a: true\n  b: false\n  c: { votes: { Ana: true }, answer: false }\n  d:\n";
    let s = parse(text, "s.yaml").unwrap();
    assert_eq!((s.answer("a"), s.answer("b"), s.answer("c")), (Some(Answer::Yes), Some(Answer::No), Some(Answer::No)));
    assert_eq!(s.answers["c"].votes["Ana"], Answer::Yes);
    assert_eq!(s.answers["d"], AnswerEntry::default(), "an empty entry is no answer");
}

#[test]
fn unknown_answer_names_line() {
    let problems = parse("format: 1\nquestionnaire: x\nanswers:\n  a: maybe\n", "s.yaml").unwrap_err();
    assert!(problems[0].location.starts_with("s.yaml:4:"), "{problems:?}");
    assert!(problems[0].message.contains("maybe"), "{problems:?}");
}

#[test]
fn duplicate_answer_is_an_error() {
    let problems = parse("format: 1\nquestionnaire: x\nanswers:\n  a: yes\n  a: no\n", "s.yaml").unwrap_err();
    assert!(problems[0].to_string().contains("twice") || problems[0].to_string().contains("duplicate"), "{problems:?}");
}

#[test]
fn ratings_save_as_people_write_them() {
    let text = "format: 1\nquestionnaire: x\nbottlenecks:\n  deployment: { time_share: 20, pain: 4.5 }\n  monitoring: { pain: 3 }\n";
    let s = parse(text, "s.yaml").unwrap();
    assert_eq!(s.bottlenecks["deployment"].pain, Some(4.5));
    let saved = s.to_yaml();
    assert!(
        saved.contains("time_share: 20\n") && saved.contains("pain: 4.5") && saved.contains("pain: 3\n"),
        "{saved}"
    );
}

#[test]
fn whole_numbers_below_1e15_are_written_as_integers_and_larger_ones_never_saturate() {
    let mut s = Session::new("x");
    for (stage, share) in [("a", 999_999_999_999_999.0), ("b", 1e15), ("c", 1e20)] {
        s.bottlenecks.insert(stage.into(), StageRating { time_share: Some(share), pain: None });
    }
    let saved = s.to_yaml();
    assert!(saved.contains("a:\n    time_share: 999999999999999\n"), "{saved}");
    assert!(saved.contains("b:\n    time_share: 1000000000000000.0\n"), "{saved}");
    assert!(saved.contains("c:\n    time_share: 1e20\n"), "{saved}");
}

#[test]
fn save_writes_the_session_and_keeps_the_previous_one_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.yaml");
    let mut s = Session::new("mlops-quick");
    save(&path, &s).unwrap();
    assert_eq!(load(&path).unwrap(), s);
    s.team = Some("Fraud ML".into());
    save(&path, &s).unwrap();
    assert_eq!(load(&path).unwrap(), s);
    assert_eq!(load(&dir.path().join("s.yaml.bak")).unwrap().team, None, "the version before");
}

#[test]
fn ratings_out_of_range_are_reported() {
    let text = "format: 1\nquestionnaire: x\nbottlenecks:\n  deployment: { time_share: -3, pain: 7 }\n";
    let problems = parse(text, "s.yaml").unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn a_reported_answer_reads_as_its_word_in_every_way() {
    let words = [
        ("yes", Reported::Yes),
        ("partial", Reported::Partial),
        ("no", Reported::No),
        ("unknown", Reported::Unknown),
        ("na", Reported::Na),
        ("unanswered", Reported::Unanswered),
    ];
    for (word, reported) in words {
        assert_eq!(reported.as_str(), word);
        assert_eq!(reported.to_string(), word);
        assert_eq!(&*reported, word);
        assert_eq!(AsRef::<str>::as_ref(&reported), word);
        assert!(reported == *word, "PartialEq<str>: {word}");
        assert!(reported == word, "PartialEq<&str>: {word}");
        assert!(word == reported, "&str == Reported: {word}");
        assert!(reported != *"other", "{word}");
        assert!(reported != "other", "{word}");
        assert!("other" != reported, "{word}");
        assert_eq!(Reported::parse(word), Some(reported));
        assert_eq!(serde_json::to_string(&reported).unwrap(), format!("\"{word}\""));
        assert_eq!(Reported::from(reported.answer()), reported);
    }
    assert_eq!(Reported::parse("maybe"), None);
    for answer in Answer::ALL {
        assert_eq!(Reported::from(answer).answer(), Some(answer));
        assert_eq!(answer.to_string(), answer.as_str());
        assert_eq!(&*answer, answer.as_str());
        assert!(answer == *answer.as_str() && answer == answer.as_str());
        assert!(answer != *"other" && answer != "other");
    }
}

#[test]
fn the_notes_shown_beside_the_next_assessment_leave_out_blank_ones() {
    let text = "format: 1\nquestionnaire: x\nanswers:\n  a: { answer: yes, note: \"on prem\" }\n  b: { answer: no, note: \"  \" }\n  c: yes\n";
    let notes = parse(text, "s.yaml").unwrap().notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes["a"], "on prem");
}

#[test]
fn a_session_is_answered_by_its_respondent_or_by_a_workshop_of_its_participants() {
    let one = parse("format: 1\nquestionnaire: q\nrespondent: Ana\n", "s.yaml").unwrap();
    assert_eq!(one.answered_by().as_deref(), Some("Ana"));
    let nobody = parse("format: 1\nquestionnaire: q\n", "s.yaml").unwrap();
    assert_eq!(nobody.answered_by(), None);
    let workshop =
        parse("format: 1\nquestionnaire: q\nparticipants: [{ name: Ana }, { name: Ben }]\n", "w.yaml").unwrap();
    assert_eq!(workshop.answered_by().as_deref(), Some("workshop (2)"));
}
