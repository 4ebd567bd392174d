//! `report --format html`: one self-contained file that reads the same offline and printed.
//! Every check parses the output with an HTML5 parser (scraper, on html5ever), the way a browser
//! would, instead of searching the text.

use crate::common;
use common::{assert_golden, run, run_in, sample, write};
use scraper::{ElementRef, Html, Selector};

fn html_of(args: &[&str]) -> Html {
    let r = run(args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    Html::parse_document(&r.stdout)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(e: ElementRef) -> String {
    e.text().collect()
}

/// Two respondents of the quick questionnaire who disagree on `exp-tracking`.
fn workshop(dir: &std::path::Path) -> (String, String) {
    let a = write(
        dir,
        "ana.yaml",
        "format: 1\nquestionnaire: mlops-quick\nteam: Search\nrespondent: Ana\nrole: engineering\nanswers:\n  exp-tracking: yes\n  data-pipeline-code: partial\n",
    );
    let b = write(
        dir,
        "ben.yaml",
        "format: 1\nquestionnaire: mlops-quick\nteam: Search\nrespondent: Ben\nrole: data-science\nanswers:\n  exp-tracking: no\n  data-pipeline-code: yes\n  dep-ci-cd: na\n",
    );
    (a.to_str().unwrap().to_owned(), b.to_str().unwrap().to_owned())
}

/// An earlier assessment of the workshop's questionnaire.
fn quick_baseline(dir: &std::path::Path) -> String {
    let p = write(dir, "before.yaml", "format: 1\nquestionnaire: mlops-quick\nanswers: { exp-tracking: partial }\n");
    p.to_str().unwrap().to_owned()
}

/// Every attribute a browser would fetch, follow or run.
fn assert_self_contained(doc: &Html) {
    assert!(select(doc, "script").is_empty(), "no script element");
    for tag in ["link", "img", "iframe", "object", "embed", "audio", "video", "source", "base", "use", "image"] {
        assert!(select(doc, tag).is_empty(), "no <{tag}> element");
    }
    for e in select(doc, "*") {
        for (name, value) in e.value().attrs() {
            let value = value.trim();
            assert!(!name.starts_with("on"), "event handler attribute {name}={value:?}");
            if matches!(name, "src" | "href" | "xlink:href" | "action" | "poster" | "srcset" | "data") {
                assert!(value.starts_with('#'), "<{}> has an external {name}={value:?}", e.value().name());
            }
            if let Some(at) = value.find("url(") {
                assert!(value[at..].starts_with("url(#"), "attribute {name}={value:?} points outside the file");
            }
        }
    }
    for style in select(doc, "style") {
        let css = text_of(style).to_lowercase();
        for bad in ["url(", "@import", "@font-face", "http:", "https:", "file:"] {
            assert!(!css.contains(bad), "the stylesheet holds {bad}");
        }
    }
}

#[test]
fn html_report_fetches_nothing_and_runs_nothing() {
    let r = run(&["report", &sample(), "--format", "html"]);
    for needle in ["url(", "http:", "https:", "file:", "<script", "@import", "xlink"] {
        assert!(!r.stdout.contains(needle), "the built-in report holds {needle}");
    }
    assert_self_contained(&Html::parse_document(&r.stdout));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = workshop(dir.path());
    let before = quick_baseline(dir.path());
    assert_self_contained(&html_of(&["report", &a, &b, "--format", "html", "--baseline", &before]));
}

#[test]
fn hostile_text_from_sessions_appears_only_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let notes = ["<script>alert(1)</script>", "\"><svg onload=alert(2)>", "{{ team }} {% if true %}x{% endif %}"];
    let session = write(
        dir.path(),
        "evil.yaml",
        &format!(
            "format: 1\nquestionnaire: mlops-quick\nteam: '<img src=x onerror=alert(3)>'\nrespondent: '<b>Eve</b>'\nanswers:\n  exp-tracking: {{ answer: partial, note: '{}' }}\n  data-pipeline-code: {{ answer: no, note: '{}', evidence: 'javascript:alert(4)' }}\n  dep-ci-cd: {{ answer: partial, note: '{}' }}\n",
            notes[0],
            notes[1].replace('\'', "''"),
            notes[2]
        ),
    );
    let r = run(&["report", session.to_str().unwrap(), "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = Html::parse_document(&r.stdout);
    assert_self_contained(&doc);
    assert!(select(&doc, "b").iter().all(|b| !text_of(*b).contains("Eve")), "the respondent's markup is not markup");
    assert!(select(&doc, "svg svg").is_empty(), "no injected svg");
    let body = text_of(select(&doc, "body")[0]);
    for note in notes {
        assert!(body.contains(note), "the note {note:?} shows as written");
    }
    assert!(body.contains("<img src=x onerror=alert(3)>"), "the team name shows as written");
    assert!(body.contains("<b>Eve</b>"));
    assert!(body.contains("javascript:alert(4)"));
}

#[test]
fn profile_chart_shows_every_dimension_with_its_score_as_text() {
    let json = run(&["report", &sample(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let doc = html_of(&["report", &sample(), "--format", "html"]);
    let chart = select(&doc, "svg#profile-chart");
    assert_eq!(chart.len(), 1, "one profile chart");
    assert!(!select(&doc, "svg#profile-chart > title").is_empty(), "the chart has a title");
    let rows = select(&doc, "svg#profile-chart g.dimension");
    let dims = v["dimensions"].as_array().unwrap();
    assert_eq!(rows.len(), dims.len(), "one bar per dimension");
    for (row, d) in rows.iter().zip(dims) {
        let name = d["name"].as_str().unwrap();
        let score = mlops_maturity::printable::fixed(d["score"].as_f64().unwrap(), 2);
        let label: Vec<String> = row.select(&Selector::parse("text").unwrap()).map(text_of).collect();
        assert!(label.iter().any(|t| t == name), "{name} is labelled in the chart: {label:?}");
        assert!(label.iter().any(|t| t == &score), "{name}'s score {score} is written in the chart: {label:?}");
    }
    let target = format!("target: Level {}", v["target"]["level"]);
    assert!(text_of(chart[0]).contains(&target), "the target is marked in words");
}

#[test]
fn bottleneck_chart_writes_time_share_and_pain() {
    let doc = html_of(&["report", &sample(), "--format", "html"]);
    let stages = select(&doc, "svg#bottleneck-chart g.stage");
    assert_eq!(stages.len(), 6, "one row per lifecycle stage");
    let first = text_of(stages[0]);
    assert!(first.contains("Deployment") && first.contains("20%") && first.contains("5.0"), "{first}");
    assert!(first.contains('▶'), "the bottleneck is marked by a sign, not a colour: {first}");
    assert!(stages.iter().any(|s| text_of(*s).contains("not rated")), "an unrated stage says so");
}

#[test]
fn heatmap_has_one_cell_per_question_and_respondent_in_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = workshop(dir.path());
    let doc = html_of(&["report", &a, &b, "--format", "html"]);
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    let cells = select(&doc, "svg#heatmap g.vote");
    assert_eq!(cells.len(), q.question_count() * 2);
    let mut seen = std::collections::HashSet::new();
    for c in &cells {
        let key = (c.attr("data-question").unwrap().to_owned(), c.attr("data-respondent").unwrap().to_owned());
        assert!(seen.insert(key.clone()), "one cell for {key:?}");
    }
    let cell = |question: &str, who: &str| {
        cells
            .iter()
            .find(|c| c.attr("data-question") == Some(question) && c.attr("data-respondent") == Some(who))
            .map(|c| text_of(*c))
            .unwrap()
    };
    assert!(cell("exp-tracking", "Ana").contains("Ana: yes") && cell("exp-tracking", "Ana").ends_with('Y'));
    assert!(cell("exp-tracking", "Ben").ends_with('N'));
    assert!(cell("dep-ci-cd", "Ben").ends_with('–'));
    assert!(cell("dep-ci-cd", "Ana").contains("not answered"));
    let split = select(&doc, "svg#heatmap g.question[data-disagreement]");
    assert_eq!(split.len(), 1, "the one disagreement stands out");
    assert!(text_of(split[0]).contains('≠'), "by a sign, not only by colour");
}

#[test]
fn every_chart_has_a_title_and_writes_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = workshop(dir.path());
    let before = quick_baseline(dir.path());
    let doc = html_of(&["report", &a, &b, "--format", "html", "--baseline", &before]);
    let charts = select(&doc, "svg");
    let ids: Vec<&str> = charts.iter().filter_map(|c| c.attr("id")).collect();
    assert_eq!(ids, ["baseline-chart", "profile-chart", "bottleneck-chart", "heatmap"]);
    for chart in charts {
        let title = chart.select(&Selector::parse(":scope > title").unwrap()).next().map(text_of);
        assert!(title.is_some_and(|t| !t.trim().is_empty()), "{:?} has a title", chart.attr("id"));
        let words: String = chart.select(&Selector::parse("text").unwrap()).map(text_of).collect();
        assert!(
            words.chars().any(|c| c.is_ascii_digit() || "YPN?–".contains(c)),
            "{:?} writes its values",
            chart.attr("id")
        );
    }
}

#[test]
fn heatmap_of_a_workshop_session_has_a_cell_per_participant_and_the_agreed_answer() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(
        dir.path(),
        "w.yaml",
        "format: 1\nquestionnaire: mlops-quick\nparticipants:\n  - { name: Ana }\n  - { name: Ben }\n  - { name: Cy }\nanswers:\n  exp-tracking: { votes: { Ana: yes, Ben: no, Cy: partial }, answer: no }\n",
    );
    let doc = html_of(&["report", w.to_str().unwrap(), "--format", "html"]);
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    assert_eq!(select(&doc, "svg#heatmap g.vote").len(), q.question_count() * 3);
    let split = select(&doc, "svg#heatmap g.question[data-disagreement]");
    assert_eq!(split.len(), 1);
    let combined = split[0].select(&Selector::parse("g.consensus").unwrap()).map(text_of).collect::<String>();
    assert!(combined.ends_with('N'), "the agreed answer, not the median, is the team's: {combined}");
}

#[test]
fn a_single_respondent_gets_no_heatmap() {
    let doc = html_of(&["report", &sample(), "--format", "html"]);
    assert!(select(&doc, "svg#heatmap").is_empty());
    assert!(select(&doc, "svg#baseline-chart").is_empty(), "no before/after without a baseline");
}

#[test]
fn baseline_draws_before_and_after_per_dimension() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(
        dir.path(),
        "before.yaml",
        "format: 1\nquestionnaire: mlops-maturity\nanswers: { data-pipeline-code: no, exp-tracking: no }\n",
    );
    let doc = html_of(&["report", &sample(), "--format", "html", "--baseline", before.to_str().unwrap()]);
    let rows = select(&doc, "svg#baseline-chart g.dimension");
    assert_eq!(rows.len(), 7, "one pair of bars per dimension");
    let first = text_of(rows[0]);
    assert!(first.contains("Data preparation") && first.contains('→'), "{first}");
}

#[test]
fn appendix_is_collapsed_without_script() {
    let doc = html_of(&["report", &sample(), "--format", "html"]);
    let details = select(&doc, "section#appendix details");
    assert_eq!(details.len(), 1);
    assert!(details[0].attr("open").is_none(), "collapsed");
    let questions = mlops_maturity::questionnaire::built_in("mlops-maturity").unwrap().question_count();
    assert_eq!(select(&doc, "section#appendix details tbody tr").len(), questions, "every answer is in it");
}

#[test]
fn print_stylesheet_keeps_rows_whole_on_a4() {
    let doc = html_of(&["report", &sample(), "--format", "html"]);
    let css: String = select(&doc, "style").into_iter().map(text_of).collect();
    assert!(css.contains("@page { size: A4"));
    assert!(css.contains("tr { break-inside: avoid; }"));
    assert!(css.contains(".major { break-before: page; }"));
    assert_eq!(select(&doc, "section.major").len(), 3, "roadmap, watch list and appendix start a page");
}

#[test]
fn html_report_of_the_sample_session() {
    let r = run(&["report", &sample(), "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_golden("example-report.html", &r.stdout);
}

#[test]
fn users_report_html_replaces_the_built_in_and_init_writes_it() {
    let home = tempfile::tempdir().unwrap();
    let r = run_in(home.path(), home.path(), &["init", home.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let copy = home.path().join("templates/report.html");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), mlops_maturity::export::HTML_TEMPLATE);
    std::fs::write(&copy, "<p>{{ team }} at {{ overall.level }}</p>").unwrap();
    let r = run_in(home.path(), home.path(), &["report", &sample(), "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = run_in(home.path(), home.path(), &["report", &sample(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(r.stdout, format!("<p>Fraud ML at {}</p>", v["overall"]["level"]));
    let md = run_in(home.path(), home.path(), &["report", &sample()]);
    assert!(md.stdout.starts_with("# MLOps maturity report"), "the Markdown report keeps its own template");
    let over =
        run_in(home.path(), home.path(), &["report", &sample(), "--format", "html", "-o", copy.to_str().unwrap()]);
    assert_eq!(over.code, 1, "writing the report over its own template is refused");
    assert!(std::fs::read_to_string(&copy).unwrap().starts_with("<p>{{ team }}"), "the template is untouched");
}

#[test]
fn html_is_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let r = run(&["report", &sample(), "--format", "html", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let doc = Html::parse_document(&std::fs::read_to_string(out).unwrap());
    assert_eq!(text_of(select(&doc, "h1")[0]), "Fraud ML");
}

#[test]
fn the_html_grows_linearly_with_many_long_names_and_draws_at_most_40_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("format: 1\nquestionnaire: mlops-quick\nparticipants:\n");
    let names: Vec<String> = (0..300).map(|i| format!("P{i:03}{}", "x".repeat(1_000))).collect();
    for n in &names {
        text.push_str(&format!("  - {{ name: {n} }}\n"));
    }
    text.push_str("answers:\n  exp-tracking: { votes: {");
    text.push_str(&names.iter().map(|n| format!("{n}: yes")).collect::<Vec<_>>().join(", "));
    text.push_str("} }\n");
    let w = write(dir.path(), "w.yaml", &text);
    let html = run(&["report", w.to_str().unwrap(), "--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    // Every name appears in the respondents and the appendix: the report can't be smaller than
    // that, but the heatmap must not multiply names by questions.
    assert!(html.stdout.len() < 4 * text.len() + 1_000_000, "{} bytes from {} bytes", html.stdout.len(), text.len());
    let doc = Html::parse_document(&html.stdout);
    let q = mlops_maturity::questionnaire::built_in("mlops-quick").unwrap();
    let cells = select(&doc, "svg#heatmap g.vote");
    assert_eq!(cells.len(), q.question_count() * 40, "the first 40 people are drawn");
    assert!(cells.iter().all(|c| c.attr("data-respondent").unwrap().chars().count() <= 25));
    assert!(text_of(select(&doc, "#answers-by-person figcaption")[0]).contains("first 40 of 300 people"));
}

/// A questionnaire whose one dimension scores exactly 1.425: level 1 met, 0.425 of level 2.
fn score_1_425(dir: &std::path::Path) -> String {
    write(
        dir,
        "q.yaml",
        r#"id: halves
version: 1
title: Halves
levels:
  - { level: 0, name: Zero }
  - { level: 1, name: One }
  - { level: 2, name: Two }
dimensions:
  - id: deployment
    name: Deployment
    questions:
      - { id: a, level: 1, text: First practice, recommendation: Do it }
      - { id: b, level: 2, text: Second practice, recommendation: Do it, weight: 0.425 }
      - { id: c, level: 2, text: Third practice, recommendation: Do it, weight: 0.575 }
"#,
    );
    let s = write(dir, "s.yaml", "format: 1\nquestionnaire: ./q.yaml\nanswers: { a: yes, b: yes, c: no }\n");
    s.to_str().unwrap().to_owned()
}

#[test]
fn one_rounding_rule_in_every_table_half_up_from_the_unrounded_score() {
    let dir = tempfile::tempdir().unwrap();
    let session = score_1_425(dir.path());
    let json: serde_json::Value = serde_json::from_str(&run(&["report", &session, "--format", "json"]).stdout).unwrap();
    assert!((json["dimensions"][0]["score"].as_f64().unwrap() - 1.425).abs() < 1e-12);
    let md = run(&["report", &session]).stdout;
    assert!(md.contains("43%") && !md.contains("42%"), "{md}");
    let doc = html_of(&["report", &session, "--format", "html"]);
    let row: Vec<String> = select(&doc, "section#profile tbody tr td").into_iter().map(text_of).collect();
    assert_eq!(row[2], "1.43", "{row:?}");
    assert_eq!(row[3], "43% of Level 2", "{row:?}");
    let html = run(&["report", &session, "--format", "html"]).stdout;
    assert!(!html.contains("42%") && !html.contains("1.42<"), "no other rounding anywhere");
}

/// Generous width of SVG text at 12px: 7 pixels a character.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0
}

#[test]
fn before_after_labels_fit_inside_the_baseline_chart() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.yaml", "format: 1\nquestionnaire: mlops-maturity\nanswers: {}\n");
    let doc = html_of(&["report", &sample(), "--format", "html", "--baseline", before.to_str().unwrap()]);
    let svg = select(&doc, "svg#baseline-chart")[0];
    let width: f64 = svg.attr("viewBox").unwrap().split(' ').nth(2).unwrap().parse().unwrap();
    let labels: Vec<ElementRef> = select(&doc, "svg#baseline-chart g.dimension > text")
        .into_iter()
        .filter(|t| text_of(*t).contains('→'))
        .collect();
    assert_eq!(labels.len(), 7);
    for t in labels {
        let x: f64 = t.attr("x").unwrap().parse().unwrap();
        let text = text_of(t);
        assert!(text.ends_with(')'), "{text}");
        assert!(x + text_width(&text) <= width, "`{text}` at {x} runs past {width}");
    }
}

#[test]
fn the_disagreement_marker_stays_inside_the_heatmap_on_the_longest_labels() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A".repeat(120);
    write(
        dir.path(),
        "q.yaml",
        &format!(
            "id: long\nversion: 1\ntitle: Long\nlevels:\n  - {{ level: 0, name: Zero }}\n  - {{ level: 1, name: One }}\ndimensions:\n  - id: d\n    name: D\n    questions:\n      - {{ id: a, level: 1, text: \"{long}\", recommendation: Do it }}\n"
        ),
    );
    let a = write(dir.path(), "a.yaml", "format: 1\nquestionnaire: ./q.yaml\nrespondent: Ana\nanswers: { a: yes }\n");
    let b = write(dir.path(), "b.yaml", "format: 1\nquestionnaire: ./q.yaml\nrespondent: Ben\nanswers: { a: no }\n");
    let doc = html_of(&["report", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "html"]);
    let row = select(&doc, "svg#heatmap g.question[data-disagreement]")[0];
    let texts: Vec<ElementRef> =
        row.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "text").collect();
    let marker = texts.iter().find(|t| text_of(**t).trim() == "≠").expect("the marker is a text of its own");
    let label = texts.iter().find(|t| text_of(**t).contains("AAA")).unwrap();
    let label_x: f64 = label.attr("x").unwrap().parse().unwrap();
    let shown: String = label.text().filter(|t| t.contains("AAA")).last().unwrap().to_owned();
    assert!(label_x - text_width(&shown) >= 0.0, "the label starts inside the chart: {shown}");
    let marker_x: f64 = marker.attr("x").unwrap().parse().unwrap();
    assert!(marker_x > label_x && marker_x + 7.0 <= 412.0, "between the label and the first cell: {marker_x}");
}

#[test]
fn a_heading_is_kept_with_the_block_that_follows_it_when_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = workshop(dir.path());
    let before = quick_baseline(dir.path());
    let doc = html_of(&["report", &a, &b, "--format", "html", "--baseline", &before]);
    let css: String = select(&doc, "style").into_iter().map(text_of).collect();
    assert!(css.contains(".keep { break-inside: avoid; }") && css.contains("h2, h3 { break-after: avoid; }"), "{css}");
    let headings = select(&doc, "h2, h3");
    assert!(headings.iter().any(|h| text_of(*h).starts_with("Progress since the baseline")));
    for h in headings {
        let parent = ElementRef::wrap(h.parent().unwrap()).unwrap();
        let first_child = parent.children().filter_map(ElementRef::wrap).next().unwrap();
        let starts_page = parent.value().name() == "section" && parent.value().classes().any(|c| c == "major");
        let kept = parent.value().classes().any(|c| c == "keep")
            && parent.children().filter_map(ElementRef::wrap).count() >= 2;
        assert!(first_child == h && (kept || starts_page), "`{}` may end a printed page", text_of(h));
    }
}
