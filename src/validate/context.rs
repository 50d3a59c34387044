//! What validation precomputes once per run: per-column reading rules, where each
//! required/key field comes from, and constants converted once.

use std::borrow::Cow;

use crate::convert::DecimalMark;
use crate::mapping::{Level, Plan};
use crate::schema::{FieldDef, Rule};
use crate::source::{CellKind, TableView};

use super::value::{CellRules, Value, cell_value};
use super::{Alternatives, ValidateError};

/// Where a field's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Index into `plan.columns`.
    Column(usize),
    /// A constant (always present).
    Constant,
    Missing,
}

/// A required field or a conditional rule, with its sources resolved.
#[derive(Clone, Debug)]
pub(crate) struct Requirement {
    pub path: String,
    pub source: Source,
}

#[derive(Clone, Debug)]
pub(crate) struct RuleCheck {
    pub groups: Vec<Vec<Source>>,
    /// The API names, "phone or email" (an issue's field).
    pub text: String,
    /// The labels, for the message.
    pub labels: Alternatives,
}

/// Everything the row pass needs, resolved once.
pub(crate) struct Ctx<'a> {
    pub table: TableView<'a>,
    pub plan: &'a Plan,
    pub rules: Vec<CellRules>,
    pub nested: bool,
    /// Checked on every row: entry-level for flat types, item-level for types with items.
    pub row_required: Vec<Requirement>,
    pub row_rules: Vec<RuleCheck>,
    /// Checked once per entry (types with items only).
    pub group_required: Vec<Requirement>,
    pub group_rules: Vec<RuleCheck>,
    /// The entry key's parts.
    pub key: Vec<(Source, Option<String>)>,
    /// The item key (types with items).
    pub item_key: Option<Source>,
    /// Plan-column indices of entry-level columns (types with items).
    pub entry_columns: Vec<usize>,
    /// The JSON value of each of `plan.constants`, in order.
    pub constants: Vec<serde_json::Value>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        table: TableView<'a>,
        plan: &'a Plan,
        decided: &[Option<DecimalMark>],
    ) -> Result<Self, ValidateError> {
        let rules: Vec<CellRules> = plan
            .columns
            .iter()
            .zip(decided)
            .map(|(c, d)| CellRules::for_column(c, *d))
            .collect();
        // Constants are converted once: a bad constant is a mapping error.
        let mut constant_texts = Vec::new();
        let mut constants = Vec::new();
        for k in &plan.constants {
            let r = CellRules {
                ty: k.target.ty,
                date_order: plan.options.date_order,
                offset: plan.options.timezone,
                phone_format: plan.options.phone_format,
                decimal: plan.options.decimal_mark.or(Some(DecimalMark::Dot)),
            };
            match cell_value(&k.value, CellKind::Text, &r) {
                Ok(Some(v)) => {
                    constants.push(v.to_json());
                    constant_texts.push((k.target.path.clone(), v.key_text().into_owned()));
                }
                Ok(None) => {
                    return Err(ValidateError::EmptyConstant {
                        field: k.target.path.clone(),
                        label: k.target.def.map(|d| &d.label),
                    });
                }
                Err(problem) => {
                    return Err(ValidateError::BadConstant {
                        field: k.target.path.clone(),
                        label: k.target.def.map(|d| &d.label),
                        value: k.value.clone(),
                        problem: Box::new(problem),
                    });
                }
            }
        }
        let source = |path: &str| -> Source {
            if let Some(i) = plan.columns.iter().position(|c| c.target.path == path) {
                Source::Column(i)
            } else if plan.feeds(path) {
                Source::Constant
            } else {
                Source::Missing
            }
        };
        let object = plan.object;
        let nested = object.items.is_some();
        let entry_required: Vec<Requirement> = object
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| Requirement {
                path: f.name.to_string(),
                source: source(f.name),
            })
            .collect();
        let rule_checks = |rules: &[Rule], fields: &[FieldDef], prefix: &str| -> Vec<RuleCheck> {
            rules
                .iter()
                .map(|r| RuleCheck {
                    groups: r
                        .any_of
                        .iter()
                        .map(|g| g.iter().map(|f| source(&format!("{prefix}{f}"))).collect())
                        .collect(),
                    text: r
                        .any_of
                        .iter()
                        .map(|g| {
                            g.iter()
                                .map(|f| format!("{prefix}{f}"))
                                .collect::<Vec<_>>()
                                .join(" + ")
                        })
                        .collect::<Vec<_>>()
                        .join(" or "),
                    labels: Alternatives::of(r, fields),
                })
                .collect()
        };
        let entry_rules = rule_checks(object.rules, object.fields, "");
        let key = object
            .key
            .iter()
            .map(|k| {
                let constant = constant_texts
                    .iter()
                    .find(|(p, _)| p == k)
                    .map(|(_, v)| v.clone());
                (source(k), constant)
            })
            .collect();
        let (row_required, row_rules, group_required, group_rules, item_key) = match object.items {
            Some(items) => {
                let prefix = format!("{}.", items.container);
                let item_required = items
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| {
                        let path = format!("{prefix}{}", f.name);
                        Requirement {
                            source: source(&path),
                            path,
                        }
                    })
                    .collect();
                (
                    item_required,
                    rule_checks(items.rules, items.fields, &prefix),
                    entry_required,
                    entry_rules,
                    Some(source(&format!("{prefix}{}", items.key))),
                )
            }
            None => (entry_required, entry_rules, Vec::new(), Vec::new(), None),
        };
        let entry_columns = plan
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.target.level == Level::Entry)
            .map(|(i, _)| i)
            .collect();
        Ok(Self {
            table,
            plan,
            rules,
            nested,
            row_required,
            row_rules,
            group_required,
            group_rules,
            key,
            item_key,
            entry_columns,
            constants,
        })
    }

    /// The converted value of plan column `ci` in row `r`.
    #[inline]
    pub fn value(&self, r: usize, ci: usize) -> Result<Option<Value<'a>>, super::Problem> {
        let col = self.plan.columns[ci].index;
        cell_value(
            self.table.cell(r, col),
            self.table.kind(r, col),
            &self.rules[ci],
        )
    }

    /// The entry key of row `r` as text (parts joined by " / "), if every part is present.
    pub fn key_text(&self, r: usize) -> Option<String> {
        let mut out = String::new();
        for (i, (src, constant)) in self.key.iter().enumerate() {
            let part: Cow<'_, str> = match (src, constant) {
                (Source::Column(ci), _) => match self.value(r, *ci) {
                    Ok(Some(v)) => Cow::Owned(v.key_text().into_owned()),
                    _ => return None,
                },
                (Source::Constant, Some(c)) => Cow::Borrowed(c.as_str()),
                _ => return None,
            };
            if i > 0 {
                out.push_str(" / ");
            }
            out.push_str(&part);
        }
        Some(out)
    }

    /// The item key of row `r` as text.
    pub fn item_key_text(&self, r: usize) -> Option<String> {
        match self.item_key? {
            Source::Column(ci) => match self.value(r, ci) {
                Ok(Some(v)) => Some(v.key_text().into_owned()),
                _ => None,
            },
            _ => None,
        }
    }
}
