//! The requirements index (`docs/requirements.md`) lists every case id a test names, so an id
//! can always be looked up, and no id is listed twice.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Case ids in `text`: one capital letter, a hyphen and two digits, standing alone
/// ("S-03", "X-18"; not "UTF-16", "RFC-4180" or "S-100").
fn ids_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(3) {
        let id = &b[i..i + 4];
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + 4).copied();
        if id[0].is_ascii_uppercase()
            && id[1] == b'-'
            && id[2].is_ascii_digit()
            && id[3].is_ascii_digit()
            && !before.is_some_and(word)
            && !after.is_some_and(word)
        {
            out.push(String::from_utf8_lossy(id).into_owned());
        }
    }
    out
}

/// The ids the index lists: the first cell of each table row.
fn listed(index: &str) -> Vec<String> {
    index
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|cell| ids_in(cell).len() == 1 && cell.len() == 4)
        .map(str::to_owned)
        .collect()
}

/// The test files: Rust and JavaScript under `tests/` (not the fixtures, which are data) and
/// the fuzz targets.
fn test_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|n| n != "fixtures" && n != "node_modules")
                {
                    walk(&path, out);
                }
            } else if path
                .extension()
                .is_some_and(|x| x == "rs" || x == "mjs" || x == "js")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("tests"), &mut out);
    walk(&root.join("fuzz").join("fuzz_targets"), &mut out);
    out.sort();
    out
}

/// Each id the test files name, with the files that name it, less those the index lists.
fn missing(root: &Path, index: &str) -> BTreeMap<String, Vec<PathBuf>> {
    let listed: BTreeSet<String> = listed(index).into_iter().collect();
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in test_files(root) {
        let text = fs::read_to_string(&file).unwrap();
        for id in ids_in(&text) {
            if !listed.contains(&id) {
                let files = out.entry(id).or_default();
                if !files.contains(&file) {
                    files.push(file.clone());
                }
            }
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn index() -> String {
    fs::read_to_string(root().join("docs").join("requirements.md")).unwrap()
}

#[test]
fn every_case_id_a_test_names_is_in_the_index() {
    let missing = missing(&root(), &index());
    assert!(
        missing.is_empty(),
        "add these case ids to docs/requirements.md: {missing:#?}"
    );
}

#[test]
fn the_index_lists_each_id_once_and_the_ids_named_for_work_in_progress() {
    let listed = listed(&index());
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "an id is listed twice");
    for id in ["S-15", "S-19", "S-01", "X-18", "M-04"] {
        assert!(unique.contains(&id.to_owned()), "{id} is not listed");
    }
}

#[test]
fn the_check_finds_an_id_the_index_lacks_and_nothing_else() {
    assert_eq!(
        ids_in("// S-03, S-14). UTF-16, RFC-4180, S-100, XS-01, it('U-05: x') s_03"),
        ["S-03", "S-14", "U-05"]
    );
    let dir = std::env::temp_dir().join(format!("branch-out-requirements-{}", std::process::id()));
    let tests = dir.join("tests");
    fs::create_dir_all(tests.join("fixtures")).unwrap();
    // Built from parts, so this file itself names no id the index lacks.
    let new_id = ["Q", "-42"].concat();
    let data_id = ["Z", "-99"].concat();
    fs::write(
        tests.join("a.rs"),
        format!("/// S-01 and {new_id}: a new family.\n"),
    )
    .unwrap();
    fs::write(
        tests.join("fixtures").join("data.rs"),
        format!("{data_id} is data\n"),
    )
    .unwrap();
    let index = "| Id | Case |\n|---|---|\n| S-01 | First run |\n";
    let found = missing(&dir, index);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.keys().collect::<Vec<_>>(), [&new_id]);
}
