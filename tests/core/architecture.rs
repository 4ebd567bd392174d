//! The layer picture of `docs/architecture.md`, checked: every module imports only from its own
//! layer or the layers below it, and no two files import each other, however indirectly.
//!
//! An import is a `crate::…` or `super::…` path in a file's code (comments and unit tests left
//! out), and a parent module's `use child::…` or `child::…` path. Failing here means a new
//! import goes against the picture: move the shared idea down a layer instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the ground up; a module may import from its own layer and those below.
const LAYERS: &[(&str, &[&str])] = &[
    ("ground", &["dates", "diagnostics", "files", "lock", "parallel", "printable", "process", "templates"]),
    ("model", &["yaml", "probe", "questionnaire", "session"]),
    ("rules", &["scoring", "roadmap", "workshop"]),
    ("views", &["report", "portfolio", "history", "evidence"]),
    ("output", &["export", "format"]),
    ("workspace", &["workspace"]),
    ("shells", &["tui", "cli"]),
];

/// Every `.rs` file under `src/` but the unit tests' own files, as its module path
/// (`report/build`, `tui/app`, `lib`), with its code: comments and `#[cfg(test)]` parts left out.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs" && n != "main.rs"))
        .map(|p| {
            let rel = p.strip_prefix(&src).expect("under src").with_extension("");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let name = rel.strip_suffix("/mod").unwrap_or(&rel).to_owned();
            let text = std::fs::read_to_string(&p).expect("a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: Vec<&str> = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
            (name, code.join("\n"))
        })
        .collect()
}

/// The paths after `prefix` in `code` (`crate::report::build` gives `report::build`), groups
/// spelled out (`crate::{files, report::{self, Report}}` gives `files`, `report::self` and
/// `report::Report`).
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            out.extend(spelled_out(rest));
        }
    }
    out
}

/// The path at the start of `text`, with a `{…}` group spelled out into one path per item.
fn spelled_out(text: &str) -> Vec<String> {
    let is_path = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let end = text.find(|c: char| !is_path(c)).unwrap_or(text.len());
    let head = &text[..end];
    if !(head.ends_with("::") || head.is_empty()) || !text[end..].starts_with('{') {
        return vec![head.trim_end_matches(':').to_owned()];
    }
    let mut depth = 0;
    let mut items = Vec::new();
    let mut start = end + 1;
    for (i, c) in text[end..].char_indices().map(|(i, c)| (i + end, c)) {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => {
                items.push(&text[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 1 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .flat_map(|item| spelled_out(item).into_iter().map(|tail| format!("{head}{tail}")))
        .collect()
}

/// The longest module in `modules` that `path` (`a::b::c`, read from `base`) names.
fn module_of(path: &str, base: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (1..=parts.len()).rev().find_map(|n| {
        let name =
            [base, &parts[..n].join("/")].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("/");
        modules.contains_key(&name).then_some(name)
    })
}

/// Who imports whom, file by file.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for (name, code) in &modules {
        let parent = name.rsplit_once('/').map_or("", |(p, _)| p);
        let mut deps = BTreeSet::new();
        for path in paths_after(code, "crate::") {
            deps.extend(module_of(&path, "", &modules));
        }
        for path in paths_after(code, "super::") {
            deps.insert(module_of(&path, parent, &modules).unwrap_or_else(|| parent.to_owned()));
        }
        if name == "lib" || Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(name).is_dir() {
            let base = if name == "lib" { "" } else { name.as_str() };
            for child in modules.keys().filter(|m| m.rsplit_once('/').map_or("", |(p, _)| p) == base) {
                let leaf = child.rsplit('/').next().unwrap_or(child);
                if code.contains(&format!("use {leaf}::")) || code.contains(&format!(" {leaf}::")) {
                    deps.insert(child.clone());
                }
            }
        }
        deps.remove(name);
        deps.remove("lib");
        deps.remove("");
        graph.insert(name.clone(), deps);
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    let top = module.split('/').next().unwrap_or(module);
    LAYERS.iter().position(|(_, modules)| modules.contains(&top))
}

#[test]
fn every_module_has_a_layer() {
    let missing: Vec<String> = imports().into_keys().filter(|m| m != "lib" && layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "modules missing from the layer picture: {missing:?}");
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (module, deps) in imports() {
        let Some(mine) = layer_of(&module) else { continue };
        for dep in deps {
            if let Some(theirs) = layer_of(&dep).filter(|&l| l > mine) {
                wrong.push(format!("{module} ({}) imports {dep} ({})", LAYERS[mine].0, LAYERS[theirs].0));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layer picture:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_import_each_other_however_indirectly() {
    let graph = imports();
    // Tarjan's strongly connected components: a component of more than one file is a circle.
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        circles: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let at = s.stack.iter().rposition(|x| *x == v).expect("v is on the stack");
            let component: Vec<&str> = s.stack.split_off(at);
            if component.len() > 1 {
                s.circles.push(component);
            }
        }
    }
    let mut state =
        State { graph: &graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), circles: Vec::new() };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    assert!(state.circles.is_empty(), "files that import each other: {:?}", state.circles);
}

#[test]
fn the_check_sees_imports_of_every_kind() {
    let graph = imports();
    let deps = |m: &str| graph.get(m).cloned().unwrap_or_default();
    assert!(deps("report/build").contains("scoring"), "a crate:: path");
    assert!(deps("report/build").contains("report/model"), "a super:: path to a sibling");
    assert!(deps("report").contains("report/build"), "a parent's use of its child");
    assert!(deps("cli/report").contains("workspace"), "{:?}", deps("cli/report"));
    assert!(deps("tui/exports").contains("files"), "a crate::{{…}} group: {:?}", deps("tui/exports"));
}
