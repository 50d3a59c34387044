//! The mapping being built: columns, constants, custom fields, and the one place
//! ([`MapState::apply`]) where the screen's actions change them.

use std::collections::BTreeMap;

use crate::convert::fold;
use crate::error::{column_letter, parse_column_ref};
use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::mapping::{self, ColumnMap, ColumnOptions, CustomField, ImportOptions, Mapping};
use crate::schema::{self, CustomKind, FieldType, ObjectType};

use super::notice::Notice;
use super::templates::{Applied, Templates};
use super::{MapInput, MapState, required};

/// Where a column's field came from, for the badge next to the picker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Origin {
    /// Auto-matched from the header, with its confidence (0..=1).
    Auto(f32),
    /// From a saved template.
    Template,
    /// Restored from an earlier mapping.
    Restored,
    /// Picked by the user.
    User,
    /// Not mapped.
    None,
}

/// One file column as the screen shows it.
#[derive(Clone, Debug)]
pub(super) struct Column {
    pub header: String,
    pub samples: Vec<String>,
    /// The field path (`phone`, `items.productSku`, `customField01`).
    pub field: Option<String>,
    pub ignore: bool,
    pub options: ColumnOptions,
    pub origin: Origin,
    /// The picker's search text (a draft).
    pub search: String,
}

impl Column {
    /// The field this column feeds (`None` when unmapped or ignored).
    pub fn feeds(&self) -> Option<&str> {
        self.field.as_deref().filter(|_| !self.ignore)
    }
}

/// What the screen's controls ask for; applied in [`MapState::apply`].
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Action {
    SetObject(&'static str),
    SetField {
        col: usize,
        path: String,
    },
    Unmap(usize),
    SetIgnore {
        col: usize,
        ignore: bool,
    },
    SetOptions {
        col: usize,
        options: ColumnOptions,
    },
    /// "Custom field…" in a column's picker: the custom-field form will map it.
    CustomFor(Option<usize>),
    SetConstant {
        path: String,
        value: String,
    },
    RemoveConstant(String),
    AddConstant,
    AddCustom,
    RemoveCustom(String),
    /// Whether Pango keeps its own value of custom field `code` (`ignoredUpdateCfs`).
    KeepExisting {
        code: String,
        keep: bool,
    },
    SetSource(String),
    SetImportOptions(ImportOptions),
    LoadTemplate(usize),
    SaveTemplate,
    DismissNotice,
}

/// The "Add custom field" form.
#[derive(Clone, Debug)]
pub(super) struct CustomDraft {
    pub code: String,
    pub kind: CustomKind,
    pub item: bool,
    pub label: String,
    /// The column that asked for it ("Custom field…" in its picker).
    pub for_column: Option<usize>,
    pub error: Option<CustomError>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum CustomError {
    Empty,
    BadCode,
    Taken,
}

/// The "Add a fixed value" form.
#[derive(Clone, Debug, Default)]
pub(super) struct ConstantDraft {
    pub path: Option<String>,
    pub value: String,
}

/// The object type `name` names: an `objectType` value (`customer-identity`), or a
/// plain word (`customers`, `orders`, `products`); customers when `None` or unknown.
pub(super) fn object_for(name: Option<&str>) -> &'static ObjectType {
    if let Some(t) = name.and_then(|n| schema::find(n.trim())) {
        return t;
    }
    let want = name.map(fold).unwrap_or_default();
    let alias = match want.as_str() {
        "customers" | "customer" | "khach hang" => Some("customer-identity"),
        "orders" | "don hang" => Some("order"),
        "products" | "san pham" => Some("product"),
        "leads" | "lead" => Some("lead-information"),
        _ => None,
    };
    let name = alias.unwrap_or(want.as_str());
    schema::find(name)
        .or_else(|| {
            schema::all()
                .iter()
                .copied()
                .find(|t| fold(t.label.en) == want || fold(t.label.vi) == want)
        })
        .unwrap_or(&schema::CUSTOMER_IDENTITY)
}

/// Pick the text for `lang` from two already formatted strings.
pub(super) fn pick(lang: Lang, en: String, vi: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

impl MapState {
    pub(super) fn blank(
        input: MapInput,
        object: &'static ObjectType,
        templates: Vec<(String, std::path::PathBuf, Mapping)>,
    ) -> Self {
        let MapInput {
            file_name,
            headers,
            mut samples,
            templates_dir,
        } = input;
        samples.resize(headers.len(), Vec::new());
        let columns = headers
            .iter()
            .zip(samples)
            .map(|(h, s)| Column {
                header: h.clone(),
                samples: s,
                field: None,
                ignore: false,
                options: ColumnOptions::default(),
                origin: Origin::None,
                search: String::new(),
            })
            .collect();
        let stem = std::path::Path::new(&file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fit = super::FitHint::for_object(object, &headers);
        Self {
            file_name,
            headers,
            object,
            columns,
            constants: BTreeMap::new(),
            custom_fields: Vec::new(),
            base: Mapping::new(object.name),
            templates: Templates::new(templates_dir, stem, templates),
            notice: None,
            fit,
            custom_draft: CustomDraft {
                code: String::new(),
                kind: CustomKind::Text,
                item: false,
                label: String::new(),
                for_column: None,
                error: None,
            },
            constant_draft: ConstantDraft::default(),
        }
    }

    /// Auto-matches every column for the current object type.
    pub(super) fn auto_match_all(&mut self) {
        let suggestions = mapping::suggest(&self.headers, self.object);
        for (col, s) in self.columns.iter_mut().zip(suggestions) {
            col.ignore = false;
            col.options = ColumnOptions::default();
            match s {
                Some(s) => {
                    col.field = Some(s.field);
                    col.origin = Origin::Auto(s.confidence);
                }
                None => {
                    col.field = None;
                    col.origin = Origin::None;
                }
            }
        }
    }

    /// Column index for a mapping entry: by position, else by header.
    fn find_column(&self, cm: &ColumnMap) -> Option<usize> {
        if let Some(pos) = cm.position.as_deref() {
            return parse_column_ref(pos).filter(|&i| i < self.headers.len());
        }
        mapping::find_column(&self.headers, cm.column.as_deref()?).ok()
    }

    /// Takes over a mapping's columns, constants, custom fields and options.
    pub(super) fn load_mapping(&mut self, m: &Mapping, origin: Origin) {
        self.object = object_for(Some(&m.object_type));
        self.base = m.clone();
        self.custom_fields = m.custom_fields.clone();
        self.constants = m.constants.clone();
        for col in &mut self.columns {
            col.field = None;
            col.ignore = false;
            col.options = ColumnOptions::default();
            col.origin = Origin::None;
        }
        for cm in &m.columns {
            let Some(i) = self.find_column(cm) else {
                continue;
            };
            let field = cm.field.clone().filter(|p| self.is_target(p));
            let col = &mut self.columns[i];
            col.ignore = cm.ignore;
            col.options = cm.options;
            col.origin = if field.is_some() {
                origin
            } else {
                Origin::None
            };
            col.field = field;
        }
        // A field fed twice, or by a column and a constant, keeps its first source.
        let mut seen: Vec<String> = self.constants.keys().cloned().collect();
        for col in &mut self.columns {
            if let Some(p) = col.feeds().map(str::to_string) {
                if seen.contains(&p) {
                    col.field = None;
                    col.origin = Origin::None;
                } else {
                    seen.push(p);
                }
            }
        }
    }

    /// Applies template `name`: adapted to this file's headers; columns the template
    /// did not know are auto-matched to fields it leaves free.
    pub(super) fn apply_template(
        &mut self,
        name: &str,
        tpl: &Mapping,
        added: Vec<String>,
        removed: Vec<String>,
        automatic: bool,
    ) {
        let adapted = mapping::adapt_to_headers(tpl, &self.headers);
        self.load_mapping(&adapted, Origin::Template);
        let folded_added: Vec<String> = added.iter().map(|h| mapping::header_key(h)).collect();
        let suggestions = mapping::suggest(&self.headers, self.object);
        for (i, s) in suggestions.into_iter().enumerate() {
            let Some(s) = s else { continue };
            if !folded_added.contains(&mapping::header_key(&self.headers[i]))
                || self.columns[i].field.is_some()
                || self.feeder(&s.field).is_some()
            {
                continue;
            }
            self.columns[i].field = Some(s.field);
            self.columns[i].origin = Origin::Auto(s.confidence);
        }
        self.templates.applied = Some(Applied {
            name: name.to_string(),
            added,
            removed,
            automatic,
        });
        self.templates.name_draft = name.to_string();
    }

    /// Whether `path` is something a column may feed (a field or a declared custom field).
    pub(super) fn is_target(&self, path: &str) -> bool {
        let probe = Mapping {
            custom_fields: self.custom_fields.clone(),
            ..Mapping::new(self.object.name)
        };
        mapping::resolve_target(self.object, &probe, path).is_ok()
    }

    /// The column feeding `path`, or `usize::MAX` for a constant.
    pub(super) fn feeder(&self, path: &str) -> Option<usize> {
        if let Some(i) = self.columns.iter().position(|c| c.feeds() == Some(path)) {
            return Some(i);
        }
        self.constants.contains_key(path).then_some(usize::MAX)
    }

    /// "column B (Số ĐT)".
    pub(super) fn column_name(&self, i: usize, lang: Lang) -> String {
        let (h, letter) = (
            self.headers.get(i).map_or("", String::as_str),
            column_letter(i),
        );
        if h.strip_prefix("Column ") == Some(letter.as_str()) {
            // A column without a header: its letter says it all.
            pick(lang, format!("column {letter}"), format!("cột {letter}"))
        } else {
            pick(
                lang,
                format!("column {letter} ({h})"),
                format!("cột {letter} ({h})"),
            )
        }
    }

    /// A field's label as the user reads it; item fields name their container.
    pub(super) fn field_label(&self, path: &str, lang: Lang) -> String {
        let (item, name) = match (self.object.items, path.split_once('.')) {
            (Some(items), Some((c, rest))) if c == items.container => (Some(items), rest),
            _ => (None, path),
        };
        if let Some(c) = self.custom_fields.iter().find(|c| c.code == name) {
            return match c.label.as_deref().filter(|l| !l.trim().is_empty()) {
                Some(l) => format!("{l} ({})", c.code),
                None => c.code.clone(),
            };
        }
        let def = match item {
            Some(items) => items.fields.iter().find(|f| f.name == name),
            None => self.object.field(name),
        };
        match (def, item) {
            (Some(d), Some(items)) => format!("{} ({})", d.label.get(lang), items.label.get(lang)),
            (Some(d), None) => d.label.get(lang).to_string(),
            (None, _) => path.to_string(),
        }
    }

    /// The value type of `path`, when it names a target.
    pub(super) fn field_type(&self, path: &str) -> Option<FieldType> {
        let probe = Mapping {
            custom_fields: self.custom_fields.clone(),
            ..Mapping::new(self.object.name)
        };
        mapping::resolve_target(self.object, &probe, path)
            .ok()
            .map(|t| t.ty)
    }

    pub(super) fn build_mapping(&self) -> Mapping {
        let mut m = self.base.clone();
        m.object_type = self.object.name.to_string();
        m.constants = self.constants.clone();
        m.custom_fields = self.custom_fields.clone();
        m.headers = self.headers.clone();
        m.columns = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // Saved by header when the header finds this column again (the CLI's
                // rule too), else by position.
                let unique = !c.header.trim().is_empty()
                    && mapping::find_column(&self.headers, &c.header) == Ok(i);
                ColumnMap {
                    column: (!c.header.trim().is_empty()).then(|| c.header.clone()),
                    position: (!unique).then(|| column_letter(i)),
                    field: c.field.clone(),
                    ignore: c.ignore,
                    options: c.options,
                }
            })
            .collect();
        m
    }

    pub(super) fn blocker_text(&self, lang: Lang) -> Option<String> {
        let m = self.build_mapping();
        if let Err(e) = mapping::resolve(&m, &self.headers) {
            return Some(format!(
                "{}{e}",
                tr(
                    lang,
                    "The mapping has a problem: ",
                    "Bảng ghép cột có lỗi: "
                )
            ));
        }
        let missing: Vec<String> = required::checklist(self, lang)
            .into_iter()
            .filter(|c| !c.met)
            .map(|c| c.text)
            .collect();
        if missing.is_empty() {
            return None;
        }
        Some(format!(
            "{}{}",
            tr(lang, "Still missing: ", "Còn thiếu: "),
            missing.join("; ")
        ))
    }

    /// Gives `path` to column `col`, taking it from whatever fed it before.
    fn set_field(&mut self, col: usize, path: String) {
        if col >= self.columns.len() {
            return;
        }
        self.notice = None;
        if self.constants.remove(&path).is_some() {
            self.notice = Some(Notice::ConstantReplaced {
                path: path.clone(),
                column: col,
            });
        }
        for (i, other) in self.columns.iter_mut().enumerate() {
            if i == col || other.field.as_deref() != Some(path.as_str()) {
                continue;
            }
            if !other.ignore {
                self.notice = Some(Notice::Moved {
                    path: path.clone(),
                    from: i,
                    to: col,
                });
            }
            other.field = None;
            other.origin = Origin::None;
            other.options = ColumnOptions::default();
        }
        let c = &mut self.columns[col];
        if c.field.as_deref() != Some(path.as_str()) {
            c.options = ColumnOptions::default();
        }
        c.field = Some(path);
        c.ignore = false;
        c.origin = Origin::User;
        c.search.clear();
    }

    fn set_constant(&mut self, path: String, value: String) {
        if value.trim().is_empty() {
            self.constants.remove(&path);
            return;
        }
        if let Some(i) = self.columns.iter().position(|c| c.feeds() == Some(&path)) {
            self.columns[i].field = None;
            self.columns[i].origin = Origin::None;
            self.notice = Some(Notice::ColumnReplaced {
                path: path.clone(),
                column: i,
            });
        }
        self.constants.insert(path, value);
    }

    fn add_custom(&mut self) {
        let d = &mut self.custom_draft;
        let code = d.code.trim().to_string();
        d.error = if code.is_empty() {
            Some(CustomError::Empty)
        } else if !d.kind.fits(&code) {
            Some(CustomError::BadCode)
        } else if self.custom_fields.iter().any(|c| c.code == code) {
            Some(CustomError::Taken)
        } else {
            None
        };
        if d.error.is_some() {
            return;
        }
        let item = d.item && self.object.items.is_some();
        let label = d.label.trim().to_string();
        self.custom_fields.push(CustomField {
            code: code.clone(),
            kind: d.kind,
            item,
            label: (!label.is_empty()).then_some(label),
        });
        let for_column = d.for_column.take();
        d.code.clear();
        d.label.clear();
        d.item = false;
        self.notice = Some(Notice::CustomAdded { code: code.clone() });
        if let Some(col) = for_column {
            let path = match (item, self.object.items) {
                (true, Some(items)) => format!("{}.{code}", items.container),
                _ => code,
            };
            self.set_field(col, path);
        }
    }

    fn remove_custom(&mut self, code: &str) {
        self.custom_fields.retain(|c| c.code != code);
        let gone = |p: &str| p == code || p.split_once('.').is_some_and(|(_, r)| r == code);
        for c in &mut self.columns {
            if c.field.as_deref().is_some_and(gone) {
                c.field = None;
                c.origin = Origin::None;
            }
        }
        self.constants.retain(|p, _| !gone(p));
        self.base.ignored_update_cfs.retain(|c| c != code);
    }

    fn set_object(&mut self, name: &str) {
        let object = object_for(Some(name));
        if object.name == self.object.name {
            return;
        }
        self.object = object;
        self.base.object_type = object.name.to_string();
        self.fit = super::FitHint::for_object(object, &self.headers);
        if object.items.is_none() {
            self.custom_fields.retain(|c| !c.item);
        }
        self.templates.applied = None;
        self.notice = None;
        self.custom_draft.for_column = None;
        self.constant_draft = ConstantDraft::default();
        self.auto_match_all();
        let constants = std::mem::take(&mut self.constants);
        self.constants = constants
            .into_iter()
            .filter(|(p, _)| self.is_target(p) && self.feeder(p).is_none())
            .collect();
    }

    /// The one place the screen's actions change the mapping.
    pub(super) fn apply(&mut self, action: Action) {
        match action {
            Action::SetObject(name) => self.set_object(name),
            Action::SetField { col, path } => self.set_field(col, path),
            Action::Unmap(col) => {
                if let Some(c) = self.columns.get_mut(col) {
                    c.field = None;
                    c.ignore = false;
                    c.origin = Origin::None;
                }
            }
            Action::SetIgnore { col, ignore } => {
                let Some(path) = self.columns.get(col).map(|c| c.field.clone()) else {
                    return;
                };
                // Un-ignoring gives the column its field back only if nothing else took it.
                if !ignore && path.as_deref().is_some_and(|p| self.feeder(p).is_some()) {
                    self.columns[col].field = None;
                    self.columns[col].origin = Origin::None;
                }
                self.columns[col].ignore = ignore;
            }
            Action::SetOptions { col, options } => {
                if let Some(c) = self.columns.get_mut(col) {
                    c.options = options;
                }
            }
            Action::CustomFor(col) => {
                self.custom_draft.for_column = col;
                if let Some(c) = col.and_then(|c| self.columns.get(c)) {
                    self.custom_draft.label = c.header.clone();
                }
            }
            Action::SetConstant { path, value } => self.set_constant(path, value),
            Action::RemoveConstant(path) => {
                self.constants.remove(&path);
            }
            Action::AddConstant => {
                let d = std::mem::take(&mut self.constant_draft);
                match d.path {
                    Some(p) if !d.value.trim().is_empty() => self.set_constant(p, d.value),
                    _ => self.constant_draft = d,
                }
            }
            Action::AddCustom => self.add_custom(),
            Action::RemoveCustom(code) => self.remove_custom(&code),
            Action::KeepExisting { code, keep } => {
                let list = &mut self.base.ignored_update_cfs;
                list.retain(|c| *c != code);
                if keep {
                    list.push(code);
                }
            }
            Action::SetSource(s) => {
                self.base.source = (!s.trim().is_empty()).then_some(s);
            }
            Action::SetImportOptions(o) => self.base.options = o,
            Action::LoadTemplate(i) => {
                if let Some((name, _, tpl)) = self.templates.list.get(i).cloned() {
                    let (added, removed) = super::templates::header_changes(&tpl, &self.headers);
                    self.apply_template(&name, &tpl, added, removed, false);
                    self.notice = None;
                }
            }
            Action::SaveTemplate => {
                let m = self.build_mapping();
                self.templates.save(m);
            }
            Action::DismissNotice => self.notice = None,
        }
    }
}
