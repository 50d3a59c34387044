//! Which object type a file is: every type scored by how well its fields match the
//! file's headers (with the auto-matcher), ranked, each with the reason in words.
//!
//! A column counts fully for a type only when that type explains it about as well as
//! any type does, and counts more the fewer types it matches at all: "Mã KH" fits a
//! dozen types and says little, "Mã đơn hàng" says "order". Required fields found
//! (and the entry key) weigh on top, so an orders sheet whose "Tên sản phẩm" happens
//! to fuzzy-match a customer's name does not come out as customers.

use crate::convert::fold;
use crate::i18n::Lang;
use crate::schema::{self, FieldDef, ObjectType};

use super::automatch::suggest;

/// The weights and thresholds of the score, tuned together on real headers.
struct Tuning {
    /// A column matched by another type this much better is not this type's to claim.
    claim_slack: f32,
    /// Weight of a column better matched by another type.
    outmatched: f32,
    /// Weight of the share of required fields (and rules) the headers fill.
    required: f32,
    /// Weight of finding the entry key, over the number of types its column matches.
    key: f32,
    /// Bonus when the key's header names the type ("Mã đơn hàng" for orders).
    named_key: f32,
    /// Factor on the score of a type none of whose required fields is found.
    nothing_required: f32,
    /// A type needs at least this score (and a required field found) to be suggested.
    min_score: f32,
    /// The chosen type "fits much worse" when the best one scores this much more …
    much_worse_gap: f32,
    /// … and the chosen one reaches at most this share of the best one's score.
    much_worse_ratio: f32,
}

const TUNING: Tuning = Tuning {
    claim_slack: 0.1,
    outmatched: 0.25,
    required: 0.5,
    key: 0.5,
    named_key: 0.1,
    nothing_required: 0.5,
    min_score: 0.2,
    much_worse_gap: 0.25,
    much_worse_ratio: 0.7,
};

/// How well one object type fits a file's headers.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeFit {
    pub object: &'static ObjectType,
    /// The ranking score (higher fits better; about 0..=2).
    pub score: f32,
    /// Non-empty headers.
    pub columns: usize,
    /// Columns matched to one of the type's fields (and not matched clearly
    /// better by another type).
    pub matched: usize,
    /// The type's required fields and "one of" rules, each filled by the headers or not.
    pub required: Vec<RequiredSlot>,
}

/// A required field, or a rule that asks for one of several fields.
#[derive(Clone, Debug, PartialEq)]
pub struct RequiredSlot {
    /// Whether the headers provide the field (one of the groups, for a rule).
    pub filled: bool,
    /// Groups of fields, any one of which fills the slot (one group of one field
    /// for a required field).
    alternatives: Vec<Vec<&'static FieldDef>>,
    /// The field paths as a mapping writes them, in the same shape.
    paths: Vec<Vec<String>>,
}

impl RequiredSlot {
    /// "Order ID", or "Phone or E-mail" for a rule.
    pub fn label(&self, lang: Lang) -> String {
        let (and, or) = match lang {
            Lang::En => (" and ", " or "),
            Lang::Vi => (" và ", " hoặc "),
        };
        self.alternatives
            .iter()
            .map(|g| {
                g.iter()
                    .map(|d| d.label.get(lang))
                    .collect::<Vec<_>>()
                    .join(and)
            })
            .collect::<Vec<_>>()
            .join(or)
    }

    /// Whether the fields in `found` fill this slot.
    fn filled_by(&self, found: &[&str]) -> bool {
        self.paths
            .iter()
            .any(|g| g.iter().all(|p| found.contains(&p.as_str())))
    }
}

impl TypeFit {
    /// Good enough to be suggested: some score, and a required field found.
    pub fn suggestable(&self) -> bool {
        self.score >= TUNING.min_score && self.required_found().next().is_some()
    }

    /// The required fields (and rules) the headers provide.
    pub fn required_found(&self) -> impl Iterator<Item = &RequiredSlot> {
        self.required.iter().filter(|s| s.filled)
    }

    /// The required fields (and rules) no header provides.
    pub fn required_missing(&self) -> impl Iterator<Item = &RequiredSlot> {
        self.required.iter().filter(|s| !s.filled)
    }

    /// Why, in words: "6 of 6 columns match Orders fields; required found: Order ID,
    /// Customer ID; missing: Order status".
    pub fn reason(&self, lang: Lang) -> String {
        let list = |filled: bool| {
            let slots = self.required.iter().filter(|s| s.filled == filled);
            slots.map(|s| s.label(lang)).collect::<Vec<_>>().join(", ")
        };
        let name = self.object.label.get(lang);
        let mut out = match lang {
            Lang::En => format!(
                "{} of {} columns match {name} fields",
                self.matched, self.columns
            ),
            Lang::Vi => format!(
                "{}/{} cột khớp với trường của {name}",
                self.matched, self.columns
            ),
        };
        if self.required_found().next().is_some() {
            out += match lang {
                Lang::En => "; required fields found: ",
                Lang::Vi => "; có các trường bắt buộc: ",
            };
            out += &list(true);
        }
        if self.required_missing().next().is_some() {
            out += match lang {
                Lang::En => "; missing: ",
                Lang::Vi => "; còn thiếu: ",
            };
            out += &list(false);
        }
        out
    }
}

/// Every type of `types` scored against `headers`, best first (ties keep the order
/// of `types`).
pub fn rank_object_types(headers: &[String], types: &[&'static ObjectType]) -> Vec<TypeFit> {
    let matches: Vec<Vec<Option<(String, f32)>>> = types
        .iter()
        .map(|t| {
            suggest(headers, t)
                .into_iter()
                .map(|s| s.map(|s| (s.field, s.confidence)))
                .collect()
        })
        .collect();
    // Per column: the best confidence any type gives it, and how many types match it.
    let best: Vec<f32> = (0..headers.len())
        .map(|c| {
            matches
                .iter()
                .filter_map(|m| m[c].as_ref().map(|x| x.1))
                .fold(0.0, f32::max)
        })
        .collect();
    let takers: Vec<usize> = (0..headers.len())
        .map(|c| matches.iter().filter(|m| m[c].is_some()).count())
        .collect();
    let mut fits: Vec<TypeFit> = types
        .iter()
        .zip(&matches)
        .map(|(t, m)| fit(t, headers, m, &best, &takers))
        .collect();
    fits.sort_by(|a, b| b.score.total_cmp(&a.score));
    fits
}

/// The object type that best fits `headers` among the built-in ones, or `None`
/// when none fits at all.
pub fn suggest_object_type(headers: &[String]) -> Option<TypeFit> {
    rank_object_types(headers, schema::all())
        .into_iter()
        .next()
        .filter(TypeFit::suggestable)
}

/// A type that fits `headers` much better than `chosen`, if there is one (what Map
/// offers instead of the type the user picked).
pub fn better_fit(chosen: &ObjectType, headers: &[String]) -> Option<TypeFit> {
    let ranked = rank_object_types(headers, schema::all());
    let best = ranked.first()?;
    let mine = ranked.iter().find(|f| f.object.name == chosen.name)?;
    fits_much_better(best, mine).then(|| best.clone())
}

/// The type a file is taken as when nobody named one (the app's first Map, the
/// CLI's `--object auto`): `preferred` (the type used last time; customers, the
/// usual monthly list, when there is none) while no other type fits the headers
/// much better, else the type they fit best. `None` when no type fits at all.
pub fn choose_object_type(preferred: Option<&ObjectType>, headers: &[String]) -> Option<TypeFit> {
    let ranked = rank_object_types(headers, schema::all());
    let best = ranked.first().filter(|f| f.suggestable())?;
    let preferred = preferred.map_or(DEFAULT_OBJECT, |t| t.name);
    let mine = ranked.iter().find(|f| f.object.name == preferred);
    match mine {
        Some(mine) if mine.suggestable() && !fits_much_better(best, mine) => Some(mine.clone()),
        _ => Some(best.clone()),
    }
}

/// The type taken when nothing says otherwise: the monthly customer list.
const DEFAULT_OBJECT: &str = "customer-identity";

/// Whether `best` fits so much better than `mine` that keeping `mine` would be wrong.
fn fits_much_better(best: &TypeFit, mine: &TypeFit) -> bool {
    let much_worse = best.score - mine.score >= TUNING.much_worse_gap
        && mine.score <= best.score * TUNING.much_worse_ratio;
    best.object.name != mine.object.name && best.suggestable() && much_worse
}

fn fit(
    object: &'static ObjectType,
    headers: &[String],
    matched: &[Option<(String, f32)>],
    best: &[f32],
    takers: &[usize],
) -> TypeFit {
    let columns = headers.iter().filter(|h| !h.trim().is_empty()).count();
    let mut weight = 0.0;
    // Fields of the columns this type explains as well as any type does.
    let mut claimed: Vec<&str> = Vec::new();
    let mut key_weight = 0.0;
    let mut key_names_type = false;
    for (c, m) in matched.iter().enumerate() {
        let Some((field, conf)) = m else { continue };
        let distinct = 0.4 + 0.6 / takers[c].max(1) as f32;
        let claim = if *conf + TUNING.claim_slack >= best[c] {
            claimed.push(field);
            1.0
        } else {
            TUNING.outmatched
        };
        weight += conf * claim * distinct;
        if claim == 1.0 && object.key.contains(&field.as_str()) {
            // A key many types refer to (a customer ID) says little about the type.
            key_weight += 1.0 / (takers[c].max(1) * object.key.len()) as f32;
            key_names_type |= names_type(&headers[c], object);
        }
    }
    let mut required = required_slots(object);
    for slot in &mut required {
        slot.filled = slot.filled_by(&claimed);
    }
    let found = required.iter().filter(|s| s.filled).count();
    let required_share = if required.is_empty() {
        0.0
    } else {
        found as f32 / required.len() as f32
    };
    let key_found = object.key.iter().all(|k| claimed.contains(k));
    let mut score = weight / columns.max(1) as f32 + TUNING.required * required_share;
    if key_found {
        score += TUNING.key * key_weight;
        if key_names_type {
            score += TUNING.named_key;
        }
    }
    if found == 0 {
        // Columns that fill none of the type's required fields are weak evidence.
        score *= TUNING.nothing_required;
    }
    TypeFit {
        object,
        score,
        columns,
        matched: claimed.len(),
        required,
    }
}

/// Whether a header names the type itself ("Mã đơn hàng" for Orders / Đơn hàng,
/// "Order ID" for `order`), as a whole-word part of it.
fn names_type(header: &str, object: &ObjectType) -> bool {
    let header = format!(" {} ", fold(header));
    let en = object.label.en;
    let names = [
        fold(object.label.vi),
        fold(en),
        fold(en.strip_suffix('s').unwrap_or(en)),
        fold(&object.name.replace('-', " ")),
    ];
    names
        .iter()
        .any(|n| !n.is_empty() && header.contains(&format!(" {n} ")))
}

/// The type's required fields (items ones as `items.x`), then one slot per rule.
fn required_slots(object: &'static ObjectType) -> Vec<RequiredSlot> {
    let mut out = Vec::new();
    let single = |path: String, def: &'static FieldDef| RequiredSlot {
        filled: false,
        alternatives: vec![vec![def]],
        paths: vec![vec![path]],
    };
    for def in object.fields.iter().filter(|f| f.required) {
        out.push(single(def.name.to_string(), def));
    }
    let items = object.items;
    for def in items.iter().flat_map(|i| i.fields).filter(|f| f.required) {
        let container = items.map_or("", |i| i.container);
        out.push(single(format!("{container}.{}", def.name), def));
    }
    let entry_rules = object.rules.iter().map(|r| (r, None));
    let item_rules = items
        .iter()
        .flat_map(|i| i.rules.iter().map(move |r| (r, Some(i))));
    for (rule, item) in entry_rules.chain(item_rules) {
        let mut slot = RequiredSlot {
            filled: false,
            alternatives: Vec::new(),
            paths: Vec::new(),
        };
        for group in rule.any_of {
            let defs = group.iter().filter_map(|f| match item {
                Some(i) => i.fields.iter().find(|d| d.name == *f),
                None => object.field(f),
            });
            slot.alternatives.push(defs.collect());
            slot.paths.push(
                group
                    .iter()
                    .map(|f| match item {
                        Some(i) => format!("{}.{f}", i.container),
                        None => f.to_string(),
                    })
                    .collect(),
            );
        }
        out.push(slot);
    }
    out
}

#[cfg(test)]
mod tests;
