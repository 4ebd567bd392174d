//! Unit tests of strict YAML reading.

use super::*;

#[test]
fn a_file_is_taken_for_a_mapping_of_ours_only_by_a_key_of_ours() {
    let keys = ["id", "dimensions"];
    assert!(has_top_level_key("# c\n---\nid: x\n", &keys));
    assert!(has_top_level_key("title: t\n\"dimensions\":\n  - a\n", &keys));
    assert!(has_top_level_key("{id: x}\n", &keys));
    assert!(!has_top_level_key("root:$6$hash:19000:0:99999:7:::\nDB_PASSWORD: x\n", &keys));
    assert!(!has_top_level_key("other:\n  id: nested\n", &keys), "a nested key is not a top-level one");
    assert!(!has_top_level_key("- id\n", &keys));
    assert!(!has_top_level_key("", &keys));
    assert!(!has_top_level_key("# id: x\n---\n%YAML 1.2\n\n#{id: x}\n", &keys), "comments and markers name no key");
}
use crate::questionnaire::BUILT_INS;
use crate::questionnaire::tests::MINIMAL;

#[test]
fn nesting_is_measured_without_counting_text() {
    assert!(too_deep(MINIMAL, 8).is_none());
    for (_, text) in BUILT_INS {
        assert!(too_deep(text, 8).is_none());
    }
    // Brackets in plain, quoted and block text are text, not nesting.
    let text = format!("a: x{0}\nb: \"{0}\"\nc: |\n  {0}\nd: '{0}'\n", "[".repeat(100));
    assert!(too_deep(&text, 4).is_none(), "{:?}", too_deep(&text, 4));
    assert_eq!(too_deep("a:\n  - [[[1]]]\n", 4).map(|(l, c, _)| (l, c)), Some((2, 6)));
    assert!(too_deep(&format!("{}x", "- ".repeat(10)), 8).is_some());
    assert!(too_deep(&format!("a: {}", "{b: ".repeat(10)), 8).is_some());
    // An apostrophe inside a plain word does not hide the nesting after it.
    assert!(too_deep(&format!("a: [it's\n{}", "[".repeat(10)), 8).is_some());
    assert!(too_deep("a: ['x[[[[[[[[[[', \"[[[[[[[[[[\"]", 8).is_none());
}

#[test]
fn nesting_counts_blocks_items_and_flows_and_skips_quotes_comments_and_block_text() {
    /// (what it shows, text, limit, where the scan calls it too deep)
    type Case = (&'static str, &'static str, usize, Option<(usize, usize)>);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("mappings in mappings", "a:\n  b:\n    c: 1\n", 3, None),
        ("one level too many", "a:\n  b:\n    c: 1\n", 2, Some((3, 5))),
        ("CRLF line ends", "a:\r\n  b:\r\n    c: 1\r\n", 2, Some((3, 5))),
        ("items on one line", "- - - x\n", 4, None),
        ("an item opens a level", "- - - x\n", 3, Some((1, 7))),
        ("so does a complex key", "? - - x\n", 3, Some((1, 7))),
        ("an item alone on its line", "a:\n  -\n    - x\n", 3, Some((3, 7))),
        ("an item holding a mapping", "a:\n  - b: [1]\n", 4, None),
        ("an item holding a flow", "a:\n  - b: [1]\n", 3, Some((2, 8))),
        ("flows add to the block", "a: [[1]]\n", 3, None),
        ("the second bracket is one too many", "a: [[1]]\n", 2, Some((1, 5))),
        ("a flow at the start of a line", "[[[1]]]\n", 3, Some((1, 3))),
        ("closing brackets close", "a: [1]\nb: [[1]]\n", 3, None),
        ("so the next line starts again", "a: [1]\nb: [[1]]\n", 2, Some((2, 5))),
        ("braces like brackets", "a: {b: [1]}\nc: {d: {e: 1}}\n", 2, Some((1, 8))),
        ("a document marker starts again", "a:\n  b:\n---\n  c:\n    d: 1\n", 2, None),
        ("so does a document end", "a:\n  b:\n...\n  c:\n    d: 1\n", 2, None),
        ("a key of two words", "a b: [[1]]\n", 2, Some((1, 7))),
        ("a colon inside a key", "a:b: [[1]]\n", 2, Some((1, 7))),
        ("a comment line", "# [[[[[[\na: 1\n", 1, None),
        ("a comment before the colon", "x #: [[[[[[\n", 3, None),
        ("a quoted key before a block", "\"ab\": |\n  [[[[[[\n", 2, None),
        ("a flow mapping at the start of a line", "{a: [[[1]]]}\n", 4, Some((1, 7))),
        ("a single-quoted key", "'a: [[[[': 1\n", 2, None),
        ("an escaped quote in a key", "\"k\\\": [[[[\": 1\n", 2, None),
        ("an anchor before a flow", "a: &x [[1]]\n", 2, Some((1, 8))),
        ("a tag before a flow", "a: !!seq [[1]]\n", 2, Some((1, 11))),
        ("both", "a: &x !t [[1]]\n", 2, Some((1, 11))),
        ("both, within the limit", "a: &x !t [[1]]\n", 3, None),
        ("an anchor ending its line", "a: &x\n  b: [1]\n", 2, Some((2, 6))),
        ("an anchor and spaces ending its line", "a: &x  \n  b: [1]\n", 2, Some((2, 6))),
        ("a literal block, blank line and all", "a: |\n  [[[[[[\n\n  [[[[\nb:\n  c: [[1]]\n", 4, None),
        ("after the block, counting goes on", "a: |\n  [[[[[[\n\n  [[[[\nb:\n  c: [[1]]\n", 3, Some((6, 7))),
        ("a folded block", "a: >\n  [[[[[\n", 2, None),
        ("a quoted value over lines", "a: \"x\n  [[[[[[\n  y\"\nb: 1\n", 2, None),
        ("items in a quoted value over lines", "a: \"x\n  - - - - y\"\n", 2, None),
        ("a flow over lines counts once", "a: [\n [\n  [1]\n ]\n]\n", 4, None),
        ("one level too many", "a: [\n [\n  [1]\n ]\n]\n", 3, Some((3, 3))),
        ("an escaped quote in a value", "a: \"x\\\" [[[[[[\"\n", 2, None),
        ("a doubled single quote", "a: 'it''s [[[[[[[['\n", 2, None),
        ("a quoted item in a flow", "a: ['x]]]]', [[1]]]\n", 4, None),
        ("a double-quoted item, then brackets", "a: [\"ab\", [[1]]]\n", 3, Some((1, 12))),
        ("brackets after it count", "a: ['x]]]]', [[1]]]\n", 3, Some((1, 15))),
        ("a comment in a flow", "a: [ # [[[[\n  1]\n", 3, None),
        ("a comment in a flow, no space after the hash", "a: [ #[[[[\n  1]\n", 3, None),
        ("a hash inside a word in a flow", "a: [x#y, [[1]]]\n", 3, Some((1, 11))),
        ("a comment line in a flow", "a: [\n# [[[[\n  1]\n", 3, None),
    ];
    for (what, text, limit, expected) in cases {
        assert_eq!(too_deep(text, *limit).map(|(line, col, _)| (line, col)), *expected, "{what}: {text:?}");
    }
}

proptest::proptest! {
    /// Whatever the app (or serde) writes, nested a little, the scan never calls too deep.
    #[test]
    fn written_yaml_is_never_called_too_deep(value in shallow_value()) {
        let text = yaml_serde::to_string(&value).unwrap();
        proptest::prop_assert!(too_deep(&text, MAX_NESTING).is_none(), "{}", text);
    }
}

fn shallow_value() -> impl proptest::strategy::Strategy<Value = yaml_serde::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        any::<bool>().prop_map(yaml_serde::Value::from),
        any::<i64>().prop_map(yaml_serde::Value::from),
        "[ -~\n]{0,12}".prop_map(yaml_serde::Value::from),
    ];
    leaf.prop_recursive(20, 200, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(yaml_serde::Value::Sequence),
            proptest::collection::vec(("[ -~]{1,6}", inner), 0..4)
                .prop_map(|kv| yaml_serde::Value::Mapping(kv.into_iter().map(|(k, v)| (k.into(), v)).collect())),
        ]
    })
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read by serde only
struct Known {
    a: u32,
}

/// The problems of `text` read as a `T`, each as "place: message".
fn problems<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str, budget: usize) -> Vec<String> {
    let problems = parse_strict_within::<T>(text, "f.yaml", budget).unwrap_err();
    problems.into_iter().map(|p| format!("{}: {}", p.location, p.message)).collect()
}

fn unknown_keys(text: &str, budget: usize) -> Vec<String> {
    problems::<Known>(text, budget)
}

#[test]
fn unknown_keys_are_all_reported_until_the_reparse_budget_is_spent() {
    let text = "a: 1\nzz1: 1\nzz2: 1\nzz3: 1\n";
    let all = unknown_keys(text, usize::MAX);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all[0].starts_with("f.yaml:2:1: unknown key `zz1`") && all[2].starts_with("f.yaml:4:1:"), "{all:?}");
    // Each unknown key found blanks its line (6 characters) before the next parse: the
    // budget is spent exactly by the first two parses, so the third does not run.
    let first_two = text.len() + (text.len() - 6);
    let cut = unknown_keys(text, first_two);
    assert_eq!(cut.len(), 3, "{cut:?}");
    assert_eq!(cut[2], "f.yaml: only the first 2 unknown keys are reported; fix them and check the file again");
    let one = unknown_keys(text, first_two - 1);
    assert_eq!(one[1], "f.yaml: only the first unknown key is reported; fix it and check the file again");
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read by serde only
struct Outer {
    a: u32,
    inner: Option<Known>,
}

fn problems_of_outer(text: &str) -> Vec<String> {
    problems::<Outer>(text, REPARSE_BUDGET_BYTES)
}

#[test]
fn an_unknown_key_is_blanked_with_everything_under_it_and_only_when_alone_on_its_line() {
    // `x` sits one column deeper than `zz`, so it goes with it; `a` is `inner`'s own key.
    let under = problems_of_outer("a: 1\ninner:\n  zz:\n   x: 1\n  a: 2\n");
    assert_eq!(under.len(), 1, "{under:?}");
    assert!(under[0].starts_with("f.yaml:3:3: inner: unknown key `zz`"), "{under:?}");
    // In a flow mapping the key shares its line: blanking would break the line, so the
    // search stops at the first unknown key.
    let flow = problems_of_outer("a: 1\ninner: {a: 1, zz: 2}\nyy: 3\n");
    assert_eq!(flow.len(), 1, "{flow:?}");
    assert!(flow[0].starts_with("f.yaml:2:15: inner: unknown key `zz`"), "{flow:?}");
}

#[test]
fn two_hundred_unknown_keys_are_enough_to_report() {
    let text: String = std::iter::once("a: 1\n".to_owned()).chain((0..201).map(|i| format!("z{i}: 1\n"))).collect();
    let problems = unknown_keys(&text, REPARSE_BUDGET_BYTES);
    assert_eq!(problems.len(), 201);
    assert!(problems[200].ends_with("only the first 200 unknown keys are reported; fix them and check the file again"));
}

#[test]
fn a_file_of_a_megabyte_still_gets_every_unknown_key_reported() {
    let text = format!("a: 1\nzz1: 1\nzz2: 1\nzz3: 1\n# {}\n", "x".repeat(1024 * 1024));
    assert_eq!(unknown_keys(&text, REPARSE_BUDGET_BYTES).len(), 3);
}

#[test]
fn control_characters_are_refused_where_they_are() {
    let at = forbidden_character;
    assert_eq!(at("a: b\tc\r\nd: e\u{85}f\n"), None, "tab, line breaks and NEL are allowed");
    let (line, col, message) = at("a: 1\nbé: x\u{7}y\n").unwrap();
    assert_eq!((line, col), (2, 6), "columns count characters");
    assert_eq!(message, "a control character (U+0007) is not allowed in YAML text; remove it");
    assert_eq!(at("a: x\u{FFFE}").map(|(l, c, _)| (l, c)), Some((1, 5)));
    assert_eq!(at("a:\n\n  \u{FFFF}").map(|(l, c, _)| (l, c)), Some((3, 3)));
    let problems = parse_strict::<Known>("a: 1\nb\u{0}: 2\n", "f.yaml").unwrap_err();
    assert_eq!(problems[0].location, "f.yaml:2:2");
}

#[test]
fn yaml_messages_say_what_was_found_in_words() {
    let n = "a whole number from 0 to 4294967295";
    for (serde, ours) in [
        // serde's place at the end goes (we print it first), but not a place inside a value.
        ("missing field `id` at line 1 column 1", "missing key `id`".to_owned()),
        (
            "invalid type: string \"a at line 9, column 9\", expected u32",
            format!("invalid type: expected {n}, found the text \"a at lin…\""),
        ),
        // The path of keys is kept before the message; nothing else is taken for a path.
        (
            "answers.x: invalid type: floating point `1.5`, expected u32",
            format!("answers.x: invalid type: expected {n}, found the number 1.5"),
        ),
        (": invalid type: sequence, expected u32", ": invalid type: sequence, expected u32".to_owned()),
        ("oops invalid value: 3, expected u32", "oops invalid value: 3, expected u32".to_owned()),
        ("invalid type: string \"abc, expected u32", format!("invalid type: expected {n}, found string \"abc")),
        ("invalid type: unit value, expected u32", format!("invalid type: expected {n}, found nothing")),
        ("invalid type: boolean `true`, expected u32", format!("invalid type: expected {n}, found true or false")),
        ("invalid type: map, expected a sequence", "invalid type: expected a list, found a mapping".to_owned()),
        (
            "invalid value: string \"1e999\", expected f64",
            "the number 1e999 is too large: expected a number".to_owned(),
        ),
        (
            "invalid type: string \"3\", expected f64",
            "invalid type: expected a number, found the text \"3\"".to_owned(),
        ),
        ("invalid type: enum, expected u32", format!("invalid type: expected {n}, found enum")),
        (
            "invalid type: sequence, expected struct Unknown",
            "invalid type: expected a mapping, found a list".to_owned(),
        ),
    ] {
        assert_eq!(clean_yaml_message(serde), ours, "{serde}");
    }
}

#[test]
fn yaml_messages_name_no_rust_types_and_quote_little() {
    let m = clean_yaml_message("invalid type: string \"SECRET_KEY=abc\", expected struct Session at line 1 column 1");
    assert_eq!(m, "invalid type: expected a mapping of session keys, found the text \"SECRET_K…\"");
    let m = clean_yaml_message("version: invalid type: integer `99999999999999999999999` as u128, expected u32");
    assert_eq!(
        m,
        "version: the number 99999999999999999999999 is too large: expected a whole number from 0 to 4294967295"
    );
    let m = clean_yaml_message(&format!("unknown field `{}\x1b`, expected `id`", "k".repeat(100)));
    assert!(m.len() < 200 && !m.contains('\x1b') && m.contains("unknown key"), "{m}");
}
