//! From hits to findings: per question found (with its places), found against, not found or
//! not checked, as the session's `scan` block records them. Pure.

use super::matcher::Matcher;
use super::walk::Walked;
use crate::session::Scan;
use serde::Serialize;

/// The most places shown for a practice; the rest are counted ("and N more").
pub(crate) const MAX_PLACES: usize = 5;

/// A scan's result: the session's `scan` block, and the questions without probes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// What the session records under `scan`: the date, the folders, and per question what was
    /// found.
    #[serde(flatten)]
    pub scan: Scan,
    /// Question ids without probes, in questionnaire order.
    pub not_checked: Vec<String>,
}

/// The findings of a walk. `labels` name the folders scanned (their last folder name), used as a
/// prefix of every place when there are several; `paths` are the folders as given.
pub(crate) fn summarize(
    matcher: &Matcher,
    walked: &Walked,
    paths: &[String],
    labels: &[String],
    date: &str,
) -> Outcome {
    let several = labels.len() > 1;
    let questions = matcher.questions();
    // (place path, line, place text) per question, for and against.
    let mut found: Vec<Vec<(String, u64, String)>> = vec![Vec::new(); questions.len()];
    let mut against: Vec<Vec<(String, u64, String)>> = vec![Vec::new(); questions.len()];
    for h in &walked.hits {
        let (question, absent) = matcher.probe(h.hit.probe);
        let file = match (several, labels.get(h.root)) {
            (true, Some(label)) => format!("{label}/{}", h.path),
            _ => h.path.clone(),
        };
        let text = match h.hit.line {
            Some(line) => format!("{file}:{line}"),
            None => file.clone(),
        };
        let list = if absent { &mut against[question] } else { &mut found[question] };
        list.push((file, h.hit.line.unwrap_or(0), text));
    }
    let mut scan = Scan { date: Some(date.to_owned()), paths: paths.to_vec(), ..Scan::default() };
    let mut not_checked = Vec::new();
    for (i, (id, probed)) in questions.iter().enumerate() {
        if !probed {
            not_checked.push(id.clone());
        } else if !found[i].is_empty() {
            scan.found.insert(id.clone(), places(std::mem::take(&mut found[i])));
        } else if !against[i].is_empty() {
            scan.found_against.insert(id.clone(), places(std::mem::take(&mut against[i])));
        } else {
            scan.not_found.push(id.clone());
        }
    }
    Outcome { scan, not_checked }
}

/// Places in path order, one a file (its first matching line when a probe names one), at most
/// [`MAX_PLACES`] then "and N more".
fn places(mut list: Vec<(String, u64, String)>) -> Vec<String> {
    list.sort_by(|a, b| (&a.0, a.1 == 0, a.1).cmp(&(&b.0, b.1 == 0, b.1)));
    list.dedup_by(|later, first| later.0 == first.0);
    let more = list.len().saturating_sub(MAX_PLACES);
    let mut out: Vec<String> = list.into_iter().take(MAX_PLACES).map(|(_, _, t)| t).collect();
    if more > 0 {
        out.push(format!("and {more} more"));
    }
    out
}

/// One line on what a session's scan says about a question, as the TUI shows it under the
/// answer keys: where it was found, where signs against it were found, or that nothing was found;
/// `None` when the scan did not look for it (no probes) or there is no scan.
pub(crate) fn scan_line(scan: Option<&Scan>, question: &str) -> Option<String> {
    let scan = scan?;
    if let Some(places) = scan.found.get(question) {
        Some(format!("found in the repositories: {}", places.join(", ")))
    } else if let Some(places) = scan.found_against.get(question) {
        Some(format!("found against it in the repositories: {}", places.join(", ")))
    } else if scan.not_found.iter().any(|q| q == question) {
        Some("no sign of it in the repositories".to_owned())
    } else {
        None
    }
}

/// The scan as Markdown, per dimension: found (with places), found against, not found, not checked.
pub(crate) fn render_markdown(q: &crate::questionnaire::Questionnaire, o: &Outcome) -> String {
    use crate::printable::one_line;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "# Evidence from repositories\n");
    let _ = writeln!(
        out,
        "Scanned {} on {} against the questionnaire {} ({} practices with probes).\n",
        o.scan.paths.iter().map(|p| format!("`{}`", one_line(p))).collect::<Vec<_>>().join(", "),
        o.scan.date.as_deref().unwrap_or("an unknown day"),
        one_line(&q.id),
        o.scan.found.len() + o.scan.found_against.len() + o.scan.not_found.len(),
    );
    for d in &q.dimensions {
        let _ = writeln!(out, "## {}\n", one_line(&d.name));
        let line = |id: &str, text: &str, places: Option<&Vec<String>>| {
            let mut l = format!("- `{id}` {}", one_line(text));
            if let Some(p) = places {
                let shown: Vec<String> = p.iter().map(|x| one_line(x).into_owned()).collect();
                // The practice's text ends with its full stop: the places follow as "— in …".
                let _ = write!(l, " — in {}", shown.join(", "));
            }
            l
        };
        let mut sections: [(&str, Vec<String>); 4] =
            [("Found", vec![]), ("Found against the practice", vec![]), ("Not found", vec![]), ("Not checked", vec![])];
        for qn in &d.questions {
            let id = qn.id.as_str();
            if let Some(p) = o.scan.found.get(id) {
                sections[0].1.push(line(id, &qn.text, Some(p)));
            } else if let Some(p) = o.scan.found_against.get(id) {
                sections[1].1.push(line(id, &qn.text, Some(p)));
            } else if o.scan.not_found.iter().any(|x| x == id) {
                sections[2].1.push(line(id, &qn.text, None));
            } else {
                sections[3].1.push(line(id, &qn.text, None));
            }
        }
        for (title, lines) in sections {
            if !lines.is_empty() {
                let _ = writeln!(out, "{title}:\n\n{}\n", lines.join("\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_under_the_answer_keys() {
        let mut scan = Scan::default();
        scan.found.insert("a".into(), vec!["x/dvc.yaml".into(), "y/dvc.lock".into()]);
        scan.found_against.insert("b".into(), vec!["m.pkl".into()]);
        scan.not_found.push("c".into());
        assert_eq!(scan_line(Some(&scan), "a").unwrap(), "found in the repositories: x/dvc.yaml, y/dvc.lock");
        assert_eq!(scan_line(Some(&scan), "b").unwrap(), "found against it in the repositories: m.pkl");
        assert_eq!(scan_line(Some(&scan), "c").unwrap(), "no sign of it in the repositories");
        assert_eq!(scan_line(Some(&scan), "d"), None);
        assert_eq!(scan_line(None, "a"), None);
    }

    #[test]
    fn five_places_then_a_count_in_path_order() {
        let list: Vec<(String, u64, String)> = (0..8)
            .rev()
            .map(|i| (format!("f{i}"), 0, format!("f{i}")))
            .chain([("f1".into(), 0, "f1".into())])
            .collect();
        assert_eq!(places(list), vec!["f0", "f1", "f2", "f3", "f4", "and 3 more"]);
        let list = vec![("a".into(), 0, "a".into()), ("a".into(), 9, "a:9".into()), ("a".into(), 3, "a:3".into())];
        assert_eq!(places(list), vec!["a:3"]);
    }
}
