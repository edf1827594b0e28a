//! The crate's layers, checked over its source: which module may use which.
//!
//! Every `crate::…`, `super::…` and `self::…` path in `app/src` (test modules
//! aside) is resolved to the file of the module it names. Then:
//!
//! - no two modules use each other, directly or round a circle, unless one
//!   is nested in the other (a module and its own children are one family)
//!   or both are sea-orm entities (whose relations name each other);
//! - a lower layer never uses a higher one: `domain` uses no `server`,
//!   `pages` or `components`; `components` use no `pages`; `server::store`
//!   uses no `server::views`, handlers or pages;
//! - a `store` file uses no other `store` file but the shared `store::base`.
//!
//! It reads text, so it is a little stricter than the compiler: a path
//! named in a doc comment's code does not count (comments are skipped),
//! but one in a string would.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

/// A module, as its path from the crate root (`["server", "store", "actions"]`).
type Module = Vec<String>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The file's code without comments and without its test modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line.split(" // ").next().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Every path beginning `crate::`, `super::` or `self::`, with `use`
/// groups (`a::{b, c::{d}}`) expanded.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let bytes: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .find(|p| bytes[i..].iter().take(p.len()).copied().eq(p.chars()));
        let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        match starts {
            Some(_) if boundary => {
                let mut prefix = Vec::new();
                i = tree(&bytes, i, &mut prefix, &mut found);
            }
            _ => i += 1,
        }
    }
    found
}

/// Parses a use tree at `i` under `prefix`; returns where it ends.
fn tree(s: &[char], mut i: usize, prefix: &mut Vec<String>, found: &mut Vec<Vec<String>>) -> usize {
    let depth = prefix.len();
    loop {
        while i < s.len() && s[i].is_whitespace() {
            i += 1;
        }
        if i < s.len() && s[i] == '{' {
            i += 1;
            loop {
                while i < s.len() && (s[i].is_whitespace() || s[i] == ',') {
                    i += 1;
                }
                if i >= s.len() || s[i] == '}' {
                    i += 1;
                    break;
                }
                i = tree(s, i, prefix, found);
            }
            prefix.truncate(depth);
            return i;
        }
        let start = i;
        while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
            i += 1;
        }
        if i == start {
            // `*` or the end of a path.
            if i < s.len() && s[i] == '*' {
                i += 1;
            }
            found.push(prefix.clone());
            prefix.truncate(depth);
            return i;
        }
        prefix.push(s[start..i].iter().collect());
        if s[i..].starts_with(&[':', ':']) {
            i += 2;
        } else {
            found.push(prefix.clone());
            prefix.truncate(depth);
            return i;
        }
    }
}

/// The module file a path names: the longest known module it starts with.
fn resolve(from: &Module, path: &[String], known: &BTreeSet<Module>) -> Option<Module> {
    let mut full: Module = Vec::new();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => rest = &rest[1..],
        Some("self") => {
            full = from.clone();
            rest = &rest[1..];
        }
        Some("super") => {
            full = from.clone();
            while rest.first().map(String::as_str) == Some("super") {
                full.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    full.extend(rest.iter().cloned());
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|m| known.contains(m))
}

fn nested(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn is_entity(m: &Module) -> bool {
    m.starts_with(&["server".to_owned(), "entities".to_owned()])
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&root, &mut files);
    let modules: Vec<(Module, PathBuf)> = files
        .iter()
        .map(|f| (module_of(&root, f), f.clone()))
        .collect();
    let known: BTreeSet<Module> = modules.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &modules {
        let text = fs::read_to_string(file).unwrap_or_default();
        let uses: BTreeSet<Module> = paths_in(&code_of(&text))
            .iter()
            .filter_map(|p| resolve(module, p, &known))
            .filter(|target| target != module)
            .collect();
        edges.insert(module.clone(), uses);
    }
    edges
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "lib.rs".to_owned()
    } else {
        m.join("::")
    }
}

/// Circles between modules not nested in each other, as the modules on each.
fn circles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<String>> {
    let counted = |a: &Module, b: &Module| !(nested(a, b) || (is_entity(a) && is_entity(b)));
    // Tarjan's strongly connected components, over the counted edges.
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        next: usize,
        found: Vec<Vec<Module>>,
    }
    fn visit(st: &mut State, v: &Module, counted: &dyn Fn(&Module, &Module) -> bool) {
        st.index.insert(v.clone(), st.next);
        st.low.insert(v.clone(), st.next);
        st.next += 1;
        st.stack.push(v.clone());
        st.on_stack.insert(v.clone());
        let targets: Vec<Module> = st.edges.get(v).into_iter().flatten().cloned().collect();
        for w in targets.iter().filter(|w| counted(v, w)) {
            if !st.index.contains_key(w) {
                visit(st, w, counted);
                let low = st.low[v].min(st.low[w]);
                st.low.insert(v.clone(), low);
            } else if st.on_stack.contains(w) {
                let low = st.low[v].min(st.index[w]);
                st.low.insert(v.clone(), low);
            }
        }
        if st.low[v] == st.index[v] {
            let mut component = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                st.found.push(component);
            }
        }
    }
    let mut st = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !st.index.contains_key(v) {
            visit(&mut st, v, &counted);
        }
    }
    st.found
        .into_iter()
        .map(|c| {
            let mut names: Vec<String> = c.iter().map(name).collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn no_module_uses_another_that_uses_it_back() {
    let found = circles(&graph());
    assert!(found.is_empty(), "import circles: {found:#?}");
}

#[test]
fn lower_layers_never_use_higher_ones() {
    let m = |s: &str| -> Module { s.split("::").map(str::to_owned).collect() };
    // (who, may not use)
    let rules = [
        (m("domain"), m("server")),
        (m("domain"), m("pages")),
        (m("domain"), m("components")),
        (m("components"), m("pages")),
        (m("server::store"), m("server::views")),
        (m("server::store"), m("server::journey")),
        (m("server::store"), m("server::officer")),
        (m("server::store"), m("pages")),
    ];
    let mut broken = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            for (who, higher) in &rules {
                if from.starts_with(who) && to.starts_with(higher) {
                    broken.push(format!("{} uses {}", name(&from), name(&to)));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layers broken: {broken:#?}");
}

/// `store/` is row access: each file is one table or aggregate, and the
/// only store module another may use is the shared `store::base`.
#[test]
fn store_files_use_only_the_shared_base() {
    let store: Module = vec!["server".into(), "store".into()];
    let base: Module = vec!["server".into(), "store".into(), "base".into()];
    let mut broken = Vec::new();
    for (from, targets) in graph() {
        if !from.starts_with(&store) || from.starts_with(&base) || from == store {
            continue;
        }
        for to in targets {
            if to.starts_with(&store)
                && !to.starts_with(&base)
                && to != store
                && !nested(&from, &to)
            {
                broken.push(format!("{} uses {}", name(&from), name(&to)));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "store files using each other: {broken:#?}"
    );
}

#[test]
fn the_parser_expands_use_groups_and_resolves_super() {
    let found = paths_in("use crate::{a::b, c::{d, e::*}};\nlet x = super::f::g(1);");
    let joined: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        ["crate::a::b", "crate::c::d", "crate::c::e", "super::f::g"]
    );
    let known: BTreeSet<Module> = [vec![], vec!["x".into()], vec!["x".into(), "f".into()]]
        .into_iter()
        .collect();
    let from: Module = vec!["x".into(), "y".into()];
    let path: Vec<String> = ["super", "f", "g"].iter().map(|s| s.to_string()).collect();
    assert_eq!(
        resolve(&from, &path, &known),
        Some(vec!["x".into(), "f".into()])
    );
}
