//! Saved mappings ("templates"): recognised again when a file with the same header
//! set comes back next month; columns added or removed since are pointed out.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::convert::fold;

use super::header::{find_column, header_key};
use super::model::Mapping;

/// A saved mapping that fits a file's headers.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateMatch {
    pub name: String,
    pub path: PathBuf,
    pub mapping: Mapping,
    /// Headers in the file that the template did not have.
    pub added: Vec<String>,
    /// Headers the template had that the file lacks.
    pub removed: Vec<String>,
}

impl TemplateMatch {
    /// The header sets are the same (accents, case and spacing aside).
    pub fn is_exact(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

fn header_set(headers: &[String]) -> BTreeSet<String> {
    headers
        .iter()
        .map(|h| header_key(h))
        .filter(|h| !h.is_empty())
        .collect()
}

/// Headers in `headers` that `old` did not have, and headers `old` had that `headers`
/// lacks (accents, case and spacing aside).
pub fn header_changes(old: &[String], headers: &[String]) -> (Vec<String>, Vec<String>) {
    let (file_set, old_set) = (header_set(headers), header_set(old));
    let missing_from = |hs: &[String], set: &BTreeSet<String>| -> Vec<String> {
        hs.iter()
            .filter(|h| {
                let k = header_key(h);
                !k.is_empty() && !set.contains(&k)
            })
            .cloned()
            .collect()
    };
    (
        missing_from(headers, &old_set),
        missing_from(old, &file_set),
    )
}

/// A file name for a template called `name` (letters, digits, `-` and `_` kept), one that
/// every system can create: Windows' device names (`con`, `nul`, `com1`…) are taken even
/// with an extension, so they get a `-mapping` suffix.
pub fn file_name_for(name: &str) -> String {
    let mut stem: String = fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    stem.truncate(80);
    if stem.is_empty() {
        stem = "mapping".into();
    }
    if is_windows_device_name(&stem) {
        stem.push_str("-mapping");
    }
    format!("{stem}.json")
}

/// `con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case.
fn is_windows_device_name(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    match s.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            (s.starts_with("com") || s.starts_with("lpt"))
                && s.len() == 4
                && s.as_bytes()[3].is_ascii_digit()
        }
    }
}

/// Saves `mapping` (with its `headers`) as template `name` in `dir`.
pub fn save_template(dir: &Path, name: &str, mapping: &Mapping) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(file_name_for(name));
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, mapping.to_json())?;
    fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Every readable template in `dir`, by name (unreadable files are skipped).
pub fn list_templates(dir: &Path) -> Vec<(String, PathBuf, Mapping)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf, Mapping)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            let m = Mapping::from_json(&text).ok()?;
            let name = p.file_stem()?.to_string_lossy().into_owned();
            Some((name, p, m))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The saved template that best fits `headers`: an exact header set wins; otherwise
/// the one sharing the most headers, if it shares at least 60% of the union.
pub fn find_template(dir: &Path, headers: &[String]) -> Option<TemplateMatch> {
    let file_set = header_set(headers);
    let mut best: Option<(f32, TemplateMatch)> = None;
    for (name, path, mapping) in list_templates(dir) {
        let tpl_set = header_set(&mapping.headers);
        if tpl_set.is_empty() {
            continue;
        }
        let common = file_set.intersection(&tpl_set).count();
        let union = file_set.union(&tpl_set).count().max(1);
        let score = common as f32 / union as f32;
        if score < 0.6 {
            continue;
        }
        let (added, removed) = header_changes(&mapping.headers, headers);
        let m = TemplateMatch {
            name,
            path,
            mapping,
            added,
            removed,
        };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, m));
        }
    }
    best.map(|(_, m)| m)
}

/// Re-targets a template's columns at a new file's headers, found by the one rule of
/// [`find_column`], so "SĐT" in the template finds "Sđt " in the file; a column the
/// file lacks, or that two of its columns could be, is dropped.
pub fn adapt_to_headers(mapping: &Mapping, headers: &[String]) -> Mapping {
    let mut out = mapping.clone();
    out.columns.retain_mut(|c| {
        let Some(name) = &c.column else {
            return true;
        };
        match find_column(headers, name) {
            Ok(i) => {
                c.column = Some(headers[i].clone());
                true
            }
            Err(_) => false,
        }
    });
    out.headers = headers.to_vec();
    out
}
