//! `validate`, and the steps `upload` shares with it: read the file, build the
//! mapping, check every row.

use std::path::Path;
use std::time::Instant;

use pango_importer::error::{FileError, FileErrorKind};
use pango_importer::i18n::Lang;
use pango_importer::mapping::{Mapping, auto_mapping, resolve};
use pango_importer::source::{Loaded, read_file};
use pango_importer::validate::{Validation, validate};
use serde_json::{Map, Value, json};

use crate::args::{CommonArgs, ValidateArgs};
use crate::fail::Fail;
use crate::object_choice::{AUTO, choose_object, warn_if_poor_fit};
use pango_importer::report;

/// A file read, mapped and validated.
pub struct Prepared {
    pub loaded: Loaded,
    pub validation: Validation,
}

fn load_mapping(a: &CommonArgs, loaded: &Loaded, lang: Lang) -> Result<Mapping, Fail> {
    let file_err = |kind: FileErrorKind| Fail::from(FileError::new(&a.file, kind));
    let headers = loaded.table.headers();
    let from_file = match &a.mapping {
        Some(path) => Some(read_mapping(path)?),
        None => None,
    };
    let object = choose_object(&a.object, &a.file, headers, from_file.as_ref(), lang)?;
    let mut mapping = match (from_file, &a.mapping) {
        (Some(m), Some(path)) => {
            if m.object_type != object.name {
                return Err(Fail::file(
                    path,
                    format!(
                        "the mapping is for '{}' but --object is '{}'",
                        m.object_type, object.name
                    ),
                ));
            }
            m
        }
        _ => {
            if a.object != AUTO {
                warn_if_poor_fit(object, headers, lang);
            }
            auto_mapping(headers, object).map_err(file_err)?
        }
    };
    if let Some(tz) = a.timezone {
        mapping.options.timezone = tz;
    }
    if let Some(out) = &a.save_mapping {
        let mut saved = mapping.clone();
        saved.headers = loaded.table.headers().to_vec();
        std::fs::write(out, saved.to_json())
            .map_err(|e| Fail::file(out, format!("cannot write the mapping: {e}")))?;
    }
    Ok(mapping)
}

fn read_mapping(path: &Path) -> Result<Mapping, Fail> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::file(path, format!("cannot read the mapping file: {e}")))?;
    Mapping::from_json(&text)
        .map_err(|e| Fail::file(path, format!("not a valid mapping file: {e}")))
}

/// Reads the file, chooses the object type (`--object auto` tells its choice on
/// stderr, in `lang`), builds the mapping and checks every row.
pub fn prepare(a: &CommonArgs, lang: Lang) -> Result<Prepared, Fail> {
    let started = Instant::now();
    let loaded = read_file(&a.file, &a.read.options())?;
    if !a.json {
        eprintln!(
            "Read {} rows from {} in {:.1} s",
            loaded.table.len(),
            a.file.display(),
            started.elapsed().as_secs_f32()
        );
    }
    let mapping = load_mapping(a, &loaded, lang)?;
    // A mapping file that does not fit is the mapping file's fault: name it (and
    // the data file it was applied to).
    let plan = resolve(&mapping, loaded.table.headers()).map_err(|k| match &a.mapping {
        Some(map) => Fail::file(
            map,
            format!(
                "{k} (applied to {})",
                a.file.file_name().unwrap_or_default().to_string_lossy()
            ),
        ),
        None => Fail::from(FileError::new(&a.file, k)),
    })?;
    let validation = validate(&loaded.table, &plan, None)
        .map_err(|e| Fail::from(FileError::new(&a.file, e.into())))?;
    Ok(Prepared { loaded, validation })
}

/// `{header: field}` for every mapped column.
/// Columns that share a header are keyed `header (C)` so none hides another.
pub fn mapping_json(v: &Validation) -> Value {
    let mut m = Map::new();
    for c in &v.plan.columns {
        let shared = v
            .plan
            .columns
            .iter()
            .filter(|o| o.header == c.header)
            .count()
            > 1;
        let key = if shared {
            format!(
                "{} ({})",
                c.header,
                pango_importer::error::column_letter(c.index)
            )
        } else {
            c.header.clone()
        };
        m.insert(key, json!(c.target.path));
    }
    Value::Object(m)
}

fn issue_json(i: &pango_importer::validate::Issue, lang: Lang) -> Value {
    json!({
        "row": i.row,
        "column": i.column,
        "field": i.field,
        "value": i.value,
        "message": i.message(lang),
        "kind": i.problem.code(),
        "severity": if i.is_warning() { "warning" } else { "error" },
    })
}

pub fn run(a: &ValidateArgs, lang: Lang) -> Result<u8, Fail> {
    let p = prepare(&a.common, lang)?;
    let v = &p.validation;
    if let Some(path) = &a.report {
        report::write_issues(path, v, lang).map_err(|e| Fail::file(path, e))?;
    }
    if a.common.json {
        let out = json!({
            "rows": v.rows(),
            "valid": v.valid,
            "invalid": v.invalid,
            "mapping": mapping_json(v),
            "issues_total": v.issues.len(),
            "issues": v.issues.iter().take(a.max_issues).map(|i| issue_json(i, lang)).collect::<Vec<_>>(),
        });
        println!("{out}");
    } else {
        print_summary(&p, lang, a.max_issues.min(50));
    }
    Ok(if v.invalid > 0 { 1 } else { 0 })
}

/// The human summary on stdout: counts, the mapping, issues grouped by kind.
pub fn print_summary(p: &Prepared, lang: Lang, show: usize) {
    let v = &p.validation;
    println!("Object type: {}", v.plan.object.name);
    println!("Mapping:");
    for c in &v.plan.columns {
        println!("  {:<30} -> {}", c.header, c.target.path);
    }
    let unmapped: Vec<&String> = p
        .loaded
        .table
        .headers()
        .iter()
        .enumerate()
        .filter(|(i, _)| !v.plan.columns.iter().any(|c| c.index == *i))
        .map(|(_, h)| h)
        .collect();
    if !unmapped.is_empty() {
        println!(
            "  not sent: {}",
            unmapped
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!(
        "Rows: {}   valid: {}   invalid: {}   entries to send: {}",
        v.rows(),
        v.valid,
        v.invalid,
        v.units.len()
    );
    let mut kinds: Vec<(&'static str, String, usize)> = Vec::new();
    for i in &v.issues {
        let label = format!(
            "{}{}",
            i.field
                .as_deref()
                .map(|f| format!("{f}: "))
                .unwrap_or_default(),
            i.problem.code()
        );
        match kinds
            .iter_mut()
            .find(|(c, l, _)| *c == i.problem.code() && *l == label)
        {
            Some(k) => k.2 += 1,
            None => kinds.push((i.problem.code(), label, 1)),
        }
    }
    if !kinds.is_empty() {
        println!("Issues by kind:");
        kinds.sort_by_key(|k| std::cmp::Reverse(k.2));
        for (_, label, n) in &kinds {
            println!("  {n:>8}  {label}");
        }
        println!("First issues:");
        for i in v.issues.iter().take(show) {
            println!(
                "  row {}{}: {}{}",
                i.row,
                i.column
                    .as_deref()
                    .map(|c| format!(", column {c}"))
                    .unwrap_or_default(),
                i.message(lang),
                if i.value.is_empty() {
                    String::new()
                } else {
                    format!(" (value: \"{}\")", i.value)
                }
            );
        }
        if v.issues.len() > show {
            println!(
                "  … {} more (use --report FILE.csv for all)",
                v.issues.len() - show
            );
        }
    }
}
