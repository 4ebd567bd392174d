//! The diff that a failing golden-file check prints (`common::assert_golden`): where the file
//! and the output part, with context, instead of "they differ".

use crate::common::{DIFF_LINES, line_diff};

#[test]
fn equal_texts_have_no_diff() {
    assert_eq!(line_diff("a\nb\n", "a\nb\n"), "");
}

#[test]
fn the_diff_shows_the_lines_that_differ_between_three_lines_of_context() {
    let expected = "1\n2\n3\n4\nold\n6\n7\n8\n9\n";
    let actual = "1\n2\n3\n4\nnew\nadded\n6\n7\n8\n9\n";
    assert_eq!(
        line_diff(expected, actual),
        "@@ line 5 @@ (the first line differs from column 1)\n  2\n  3\n  4\n- old\n+ new\n+ added\n  6\n  7\n  8\n"
    );
}

#[test]
fn the_column_of_the_first_difference_is_given_for_long_lines() {
    let diff = line_diff("<svg width=\"120\">\n", "<svg width=\"121\">\n");
    assert!(diff.starts_with("@@ line 1 @@ (the first line differs from column 15)\n"), "{diff}");
}

#[test]
fn a_missing_last_line_break_is_a_difference() {
    assert_eq!(line_diff("a\n", "a"), "@@ line 2 @@\n  a\n- \n");
}

#[test]
fn a_long_difference_is_cut_and_says_how_much_is_left_out() {
    let expected: String = (0..50).map(|i| format!("e{i}\n")).collect();
    let actual: String = (0..50).map(|i| format!("a{i}\n")).collect();
    let diff = line_diff(&expected, &actual);
    assert_eq!(diff.lines().filter(|l| l.starts_with("- e")).count(), DIFF_LINES, "{diff}");
    assert_eq!(diff.lines().filter(|l| l.starts_with("+ a")).count(), DIFF_LINES, "{diff}");
    assert!(diff.contains("- … and 30 more lines\n") && diff.contains("+ … and 30 more lines\n"), "{diff}");
}
