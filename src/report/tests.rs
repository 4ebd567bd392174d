//! Unit tests of building a report.

use super::*;
use crate::printable::fixed;
use crate::session::Session;
use crate::templates::{escape_markdown, escape_markdown_line, level_words};

#[test]
fn escaping_keeps_tables_whole() {
    assert_eq!(escape_markdown("a | b\nc"), "a \\| b c");
    assert_eq!(escape_markdown("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
    assert_eq!(escape_markdown("日本 🚀"), "日本 🚀");
    assert_eq!(escape_markdown("R&D &lt;"), "R&D &amp;lt;");
    assert_eq!(escape_markdown("a & b"), "a & b");
}

#[test]
fn a_note_line_never_starts_a_list_or_a_heading() {
    assert_eq!(escape_markdown_line("- one"), "\\- one");
    assert_eq!(escape_markdown_line("+ one"), "\\+ one");
    assert_eq!(escape_markdown_line("# one"), "\\# one");
    assert_eq!(escape_markdown_line("12. one"), "12\\. one");
    assert_eq!(escape_markdown_line("3) one"), "3\\) one");
    assert_eq!(escape_markdown_line("2026 was fine"), "2026 was fine");
    assert_eq!(escape_markdown_line("a - b"), "a - b");
    assert_eq!(escape_markdown_line(".hidden"), ".hidden", "no digits: nothing to number");
    assert_eq!(escape_markdown_line(") aside"), ") aside");
}

#[test]
fn control_characters_never_reach_the_markdown() {
    assert_eq!(escape_markdown("a\u{7}b\u{1b}c\u{9b}d"), "abcd");
}

#[test]
fn a_score_reads_as_a_level_and_the_way_to_the_next() {
    assert_eq!(level_words(0.0), "Level 0");
    assert_eq!(level_words(1.57), "Level 1, 57% toward 2");
    assert_eq!(level_words(2.996), "Level 3", "99.6% rounds to the next level");
    assert_eq!(level_words(1.004), "Level 1");
    for no_score in [-0.5, f64::NAN, f64::INFINITY] {
        assert_eq!(level_words(no_score), "–", "{no_score}");
    }
}

#[test]
fn numbers_round_half_up_from_the_unrounded_value_in_words_and_tables() {
    assert_eq!(fixed(1.425, 2), "1.43");
    assert_eq!(fixed(1.005, 2), "1.01", "1.005 is 1.00499… in binary: the allowance rounds it up");
    assert_eq!(fixed((1.425 - 1.0) * 100.0, 0), "43");
    assert_eq!(level_words(1.425), "Level 1, 43% toward 2");
    assert_eq!(fixed(2.5, 0), "3");
    assert_eq!(fixed(-0.425, 2), "-0.43", "away from zero, like its positive");
    assert_eq!(fixed(-0.0001, 2), "0.00");
    assert_eq!(fixed(1.424999, 2), "1.42");
    assert_eq!(fixed(4.5, 1), "4.5");
    let r = render(&empty_report(), "t.md", "{{ 1.425 | num }} {{ 42.49999999999999 | num(places=0) }}").unwrap();
    assert_eq!(r, "1.43 43");
}

#[test]
fn bars_fill_in_proportion() {
    assert_eq!(text_bar(1.5, 3.0, 10), "█████░░░░░");
    assert_eq!(text_bar(9.0, 3.0, 4), "████");
    assert_eq!(text_bar(f64::NAN, 3.0, 2), "░░");
}

#[test]
fn an_ampersand_is_escaped_only_where_it_would_start_an_entity() {
    assert_eq!(escape_markdown("R&D &; &lt; &#39;"), "R&D &; &amp;lt; &amp;#39;");
}

#[test]
fn a_bar_of_nothing_is_empty() {
    assert_eq!(text_bar(1.0, 0.0, 3), "░░░", "no maximum, no fill");
    assert_eq!(text_bar(2.0, -1.0, 3), "░░░");
}

fn empty_report() -> Report {
    let q = crate::questionnaire::built_in("mlops-quick").unwrap();
    let s = Session::new("mlops-quick");
    build(&q, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "2026-01-01")
}

#[test]
fn the_md_filter_writes_numbers_and_nothing_for_null_or_undefined() {
    let r = empty_report();
    let out = render(&r, "mine.md", "[{{ overall.level | md }}][{{ since_baseline | md }}][{{ no_such_key | md }}]");
    assert_eq!(out.unwrap(), "[0][][]");
}

#[test]
fn template_rendering_error_names_file_and_line() {
    let err = render(&empty_report(), "mine.md", "ok\n{% for x in overall.level %}{{ x }}{% endfor %}\n").unwrap_err();
    assert!(err.starts_with("mine.md:2:") && err.contains("template error"), "{err}");
}

#[test]
fn template_syntax_error_names_file_and_line() {
    let q = crate::questionnaire::built_in("mlops-quick").unwrap();
    let s = Session::new("mlops-quick");
    let r = build(&q, &[SessionInput { file_name: "s.yaml".into(), session: &s }], None, "2026-01-01");
    let err = render(&r, "mine.md", "ok\n{% if %}\n").unwrap_err();
    assert!(err.starts_with("mine.md:2:"), "{err}");
}

/// Every owner of every action a format shows (roadmap, next milestone, for the bottleneck).
fn owners_shown(r: &Report) -> Vec<Option<String>> {
    let roadmap = r.roadmap.iter().flat_map(|p| &p.actions);
    let milestone = r.next_milestone.iter().flat_map(|m| &m.actions);
    roadmap.chain(milestone).chain(&r.for_bottleneck).map(|a| a.owner.clone()).collect()
}

#[test]
fn owners_are_renamed_as_the_organisation_names_them_wherever_an_action_shows() {
    let mut r = empty_report();
    let first = r.roadmap[0].actions[0].clone();
    let role = first.owner.clone().expect("the built-in actions name an owner");
    r.for_bottleneck = vec![first];
    let before = owners_shown(&r);
    assert!(r.next_milestone.as_ref().is_some_and(|m| m.actions.iter().any(|a| a.owner.as_deref() == Some(&role))));

    rename_owners(&mut r, &Owners::new());
    assert_eq!(owners_shown(&r), before, "no owners.yaml: nothing renamed");

    let owners: Owners =
        [(format!("  {}  ", role.to_uppercase()), " Team Kestrel ".to_owned()), ("Nobody".into(), "X".into())]
            .into_iter()
            .collect();
    rename_owners(&mut r, &owners);
    let after = owners_shown(&r);
    for (was, now) in before.iter().zip(&after) {
        let want = if was.as_deref() == Some(role.as_str()) { Some("Team Kestrel".to_owned()) } else { was.clone() };
        assert_eq!(now, &want, "matched ignoring case and spaces, others kept");
    }
    assert_eq!(r.for_bottleneck[0].owner.as_deref(), Some("Team Kestrel"));
}
