//! The alternatives of a "one of" rule (`phone or email`) as the user reads them:
//! by the fields' labels in the message's language, never by their API names.

use serde::{Serialize, Serializer};

use crate::i18n::{Lang, Text2};
use crate::schema::{FieldDef, Rule};

/// Each group of a rule, as the labels of its fields: `[[Phone], [E-mail]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternatives(pub Vec<Vec<Text2>>);

impl Alternatives {
    /// The labels of `rule`'s fields, looked up among `fields` (an unknown name is
    /// shown as it is).
    pub fn of(rule: &Rule, fields: &[FieldDef]) -> Self {
        let label = |name: &'static str| {
            fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.label)
                .unwrap_or(Text2::new(name, name))
        };
        Self(
            rule.any_of
                .iter()
                .map(|g| g.iter().map(|f| label(f)).collect())
                .collect(),
        )
    }

    /// "Phone or E-mail", "Full name or both Family name (Họ) and Given name (Tên)";
    /// "Số điện thoại hoặc Email", "Họ và tên hoặc cả Họ lẫn Tên".
    pub fn text(&self, lang: Lang) -> String {
        let or = match lang {
            Lang::En => " or ",
            Lang::Vi => " hoặc ",
        };
        self.0
            .iter()
            .map(|g| group_text(g, lang))
            .collect::<Vec<_>>()
            .join(or)
    }
}

fn group_text(group: &[Text2], lang: Lang) -> String {
    let labels: Vec<&str> = group.iter().map(|t| t.get(lang)).collect();
    match (labels.as_slice(), lang) {
        ([one], _) => one.to_string(),
        ([a, b], Lang::En) => format!("both {a} and {b}"),
        ([a, b], Lang::Vi) => format!("cả {a} lẫn {b}"),
        (_, Lang::En) => labels.join(" and "),
        (_, Lang::Vi) => labels.join(" và "),
    }
}

impl Serialize for Alternatives {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}
