//! Auto-matching headers to fields, in Vietnamese or English, accents folded, each
//! match with a confidence.

use crate::convert::fold;
use crate::error::{FileErrorKind, column_letter};
use crate::schema::{FieldDef, ObjectType};

use super::model::{ColumnMap, Mapping};

/// Below this confidence a header is left unmapped.
pub const MIN_CONFIDENCE: f32 = 0.6;

/// A proposed field for one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// 0-based column index.
    pub column: usize,
    /// Field path as a mapping writes it (`phone`, `items.productSku`).
    pub field: String,
    /// 0.0..=1.0: 1.0 for an exact synonym, less for partial or fuzzy matches.
    pub confidence: f32,
}

struct Candidate {
    path: String,
    words: Vec<String>,
}

fn camel_words(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        out.extend(ch.to_lowercase());
    }
    out
}

fn candidates(object: &ObjectType) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut add = |path: String, def: &FieldDef| {
        let mut words: Vec<String> = def.synonyms.iter().map(|s| s.to_string()).collect();
        words.push(fold(&camel_words(def.name)));
        words.push(fold(def.name));
        words.push(fold(def.label.en));
        words.push(fold(def.label.vi));
        words.retain(|w| !w.is_empty());
        words.sort();
        words.dedup();
        out.push(Candidate { path, words });
    };
    for def in object.fields {
        add(def.name.to_string(), def);
    }
    if let Some(items) = object.items {
        for def in items.fields {
            add(format!("{}.{}", items.container, def.name), def);
        }
    }
    out
}

/// How well a folded header matches one folded candidate text.
fn score(header: &str, cand: &str) -> f32 {
    if header == cand {
        return 1.0;
    }
    let h_compact: String = header.split(' ').collect();
    let c_compact: String = cand.split(' ').collect();
    if h_compact == c_compact {
        return 0.97;
    }
    // Whole-word containment: "so dien thoai di dong" contains "so dien thoai".
    let padded_h = format!(" {header} ");
    let padded_c = format!(" {cand} ");
    if cand.len() >= 3 && padded_h.contains(&padded_c) {
        return 0.75 + 0.2 * (cand.len() as f32 / header.len() as f32);
    }
    if header.len() >= 4 && padded_c.contains(&padded_h) {
        return 0.65 + 0.2 * (header.len() as f32 / cand.len() as f32);
    }
    if header.len() >= 5 && cand.len() >= 5 {
        let sim = strsim::jaro_winkler(&h_compact, &c_compact) as f32;
        if sim >= 0.9 {
            return sim * 0.8;
        }
    }
    0.0
}

/// Suggests a field for each column (`None` where nothing matches well enough).
/// Each field is given to at most one column: the one that matches it best.
pub fn suggest(headers: &[String], object: &ObjectType) -> Vec<Option<Suggestion>> {
    let cands = candidates(object);
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (col, h) in folded.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        for (ci, cand) in cands.iter().enumerate() {
            let best = cand
                .words
                .iter()
                .map(|w| score(h, w))
                .fold(0.0f32, f32::max);
            if best >= MIN_CONFIDENCE {
                pairs.push((best, col, ci));
            }
        }
    }
    // Best first; ties go to the earlier column, then the earlier field.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<Option<Suggestion>> = vec![None; headers.len()];
    let mut field_taken = vec![false; cands.len()];
    for (conf, col, ci) in pairs {
        if out[col].is_some() || field_taken[ci] {
            continue;
        }
        field_taken[ci] = true;
        out[col] = Some(Suggestion {
            column: col,
            field: cands[ci].path.clone(),
            confidence: (conf * 100.0).round() / 100.0,
        });
    }
    out
}

/// A mapping of every column that matches a field. Refuses duplicate header names
/// (the error names the header and both column letters): a mapping file can
/// address such columns by position instead.
pub fn auto_mapping(headers: &[String], object: &ObjectType) -> Result<Mapping, FileErrorKind> {
    for (i, h) in headers.iter().enumerate() {
        let key = h.trim().to_lowercase();
        if let Some(j) = headers[..i]
            .iter()
            .position(|o| o.trim().to_lowercase() == key)
        {
            return Err(FileErrorKind::DuplicateHeader {
                header: h.clone(),
                first: column_letter(j),
                second: column_letter(i),
            });
        }
    }
    let mut mapping = Mapping::new(object.name);
    for (col, s) in suggest(headers, object).into_iter().enumerate() {
        mapping.columns.push(ColumnMap {
            column: Some(headers[col].clone()),
            field: s.map(|s| s.field),
            ..ColumnMap::default()
        });
    }
    mapping.headers = headers.to_vec();
    Ok(mapping)
}
