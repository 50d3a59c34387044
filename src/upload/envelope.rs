//! The envelope every request of an upload carries (pango-api.md §2.2), settled
//! once: `source` never empty (the mapping's, else `PangoImporter`), `jeConfigId` and
//! `jeEventKey` left out rather than sent as `""`, `ignoredUpdateCfs` checked the way
//! the app's map step allows it (entry-level custom-field codes of a type tagged
//! `SUPPORT_IGNORED_UPDATE_CFS`). The journal records these settings, so a journal is
//! never used for an upload whose requests would differ.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::mapping::{DEFAULT_SOURCE, Level, Plan};

/// The envelope settings of an upload (everything in a request body but the entries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    pub object_type: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub je_config_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub je_event_key: Option<String>,
    #[serde(default)]
    pub init_data: bool,
    #[serde(default)]
    pub ignored_update_cfs: Vec<String>,
}

/// Why an envelope setting cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error(
        "ignoredUpdateCfs is set, but Pango takes it only for the types tagged SUPPORT_IGNORED_UPDATE_CFS, not '{object}': remove it from the mapping"
    )]
    NotSupported { object: String },
    #[error(
        "ignoredUpdateCfs lists '{code}', which is not a custom-field code (customField…): remove it from the mapping"
    )]
    NotACode { code: String },
    #[error(
        "ignoredUpdateCfs lists '{code}', a field of the line items; Pango applies it to entries only: remove it from the mapping"
    )]
    ItemField { code: String },
}

/// `Some(trimmed)` unless blank.
fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A custom-field code as the docs write them: `customField` and letters/digits.
fn is_custom_code(code: &str) -> bool {
    code.len() > "customField".len()
        && code.starts_with("customField")
        && code.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Envelope {
    /// The envelope of an upload of `plan`, `source` winning over the mapping's when
    /// it is not blank.
    pub fn new(plan: &Plan, source: &str, init_data: bool) -> Envelope {
        let source = non_blank(Some(source))
            .or_else(|| non_blank(Some(&plan.source)))
            .unwrap_or_else(|| DEFAULT_SOURCE.to_string());
        let mut cfs: Vec<String> = Vec::new();
        for c in &plan.ignored_update_cfs {
            let c = c.trim();
            if !c.is_empty() && !cfs.iter().any(|x| x == c) {
                cfs.push(c.to_string());
            }
        }
        Envelope {
            object_type: plan.object.name.to_string(),
            source,
            je_config_id: non_blank(plan.je_config_id.as_deref()),
            je_event_key: non_blank(plan.je_event_key.as_deref()),
            init_data,
            ignored_update_cfs: cfs,
        }
    }

    /// Checks `ignoredUpdateCfs` as the app's map step does.
    pub fn check(&self, plan: &Plan) -> Result<(), EnvelopeError> {
        if self.ignored_update_cfs.is_empty() {
            return Ok(());
        }
        if !plan.object.ignored_update_cfs {
            return Err(EnvelopeError::NotSupported {
                object: self.object_type.clone(),
            });
        }
        for code in &self.ignored_update_cfs {
            if !is_custom_code(code) {
                return Err(EnvelopeError::NotACode { code: code.clone() });
            }
            let targets = plan
                .columns
                .iter()
                .map(|c| &c.target)
                .chain(plan.constants.iter().map(|k| &k.target));
            if targets
                .filter(|t| t.name == *code && t.custom.is_some())
                .any(|t| t.level == Level::Item)
            {
                return Err(EnvelopeError::ItemField { code: code.clone() });
            }
        }
        Ok(())
    }

    /// The request body for `entries`.
    pub fn body(&self, entries: Vec<Json>) -> Json {
        let mut body = Map::new();
        body.insert("objectType".into(), Json::from(self.object_type.as_str()));
        body.insert("source".into(), Json::from(self.source.as_str()));
        if let Some(id) = &self.je_config_id {
            body.insert("jeConfigId".into(), Json::from(id.as_str()));
        }
        if let Some(key) = &self.je_event_key {
            body.insert("jeEventKey".into(), Json::from(key.as_str()));
        }
        body.insert("entries".into(), Json::Array(entries));
        if !self.ignored_update_cfs.is_empty() {
            body.insert(
                "ignoredUpdateCfs".into(),
                Json::Array(
                    self.ignored_update_cfs
                        .iter()
                        .map(|c| Json::from(c.as_str()))
                        .collect(),
                ),
            );
        }
        Json::Object(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Mapping, resolve};

    fn plan(object: &str, edit: impl FnOnce(&mut Mapping)) -> Plan {
        let mut m = Mapping::new(object);
        edit(&mut m);
        resolve(&m, &[]).unwrap()
    }

    #[test]
    fn blank_settings_are_never_sent_as_empty_strings() {
        let p = plan("customer-identity", |m| {
            m.source = Some("  ".into());
            m.je_config_id = Some(String::new());
            m.je_event_key = Some(" ".into());
        });
        let e = Envelope::new(&p, "", false);
        let body = e.body(vec![serde_json::json!({"customerId": "1"})]);
        assert_eq!(body["source"], DEFAULT_SOURCE);
        assert!(body.get("jeConfigId").is_none(), "{body}");
        assert!(body.get("jeEventKey").is_none(), "{body}");
        assert!(body.get("ignoredUpdateCfs").is_none(), "{body}");
        assert_eq!(Envelope::new(&p, " CRM ", false).source, "CRM");
        let p = plan("customer-identity", |m| {
            m.source = Some("POS".into());
            m.je_config_id = Some("je-1".into());
        });
        let body = Envelope::new(&p, "", false).body(Vec::new());
        assert_eq!(
            (&body["source"], &body["jeConfigId"]),
            (&"POS".into(), &"je-1".into())
        );
    }

    #[test]
    fn ignored_update_cfs_is_checked_as_the_app_allows_it() {
        let ok = plan("customer-identity", |m| {
            m.ignored_update_cfs = vec!["customField01".into()];
        });
        assert_eq!(Envelope::new(&ok, "", false).check(&ok), Ok(()));
        let order = plan("order", |m| {
            m.ignored_update_cfs = vec!["customField01".into()];
        });
        assert!(matches!(
            Envelope::new(&order, "", false).check(&order),
            Err(EnvelopeError::NotSupported { .. })
        ));
        let bad = plan("customer-identity", |m| {
            m.ignored_update_cfs = vec!["fullName".into()];
        });
        assert!(matches!(
            Envelope::new(&bad, "", false).check(&bad),
            Err(EnvelopeError::NotACode { .. })
        ));
    }
}
