//! `objects`: the object types and their fields.

use pango_importer::i18n::Lang;
use pango_importer::schema::{self, FieldDef, FieldType};
use serde_json::{Value, json};

use crate::args::ObjectsArgs;
use crate::fail::Fail;

fn field_json(f: &FieldDef, prefix: &str) -> Value {
    let allowed = match f.ty {
        FieldType::Enum(def) => Some(def.values),
        _ => None,
    };
    json!({
        "name": format!("{prefix}{}", f.name),
        "type": f.ty.name(),
        "required": f.required,
        "label": { "en": f.label.en, "vi": f.label.vi },
        "help": { "en": f.help.en, "vi": f.help.vi },
        "example": f.example,
        "allowed": allowed,
    })
}

pub fn run(a: &ObjectsArgs, lang: Lang) -> Result<u8, Fail> {
    if a.json {
        let list: Vec<Value> = schema::all()
            .iter()
            .map(|t| {
                let mut fields: Vec<Value> = t.fields.iter().map(|f| field_json(f, "")).collect();
                if let Some(items) = t.items {
                    let prefix = format!("{}.", items.container);
                    fields.extend(items.fields.iter().map(|f| field_json(f, &prefix)));
                }
                let rules: Vec<Value> = t
                    .rules
                    .iter()
                    .chain(t.items.map(|i| i.rules).unwrap_or(&[]))
                    .map(|r| json!({ "any_of": r.any_of, "message": r.message.en }))
                    .collect();
                json!({
                    "name": t.name,
                    "label": { "en": t.label.en, "vi": t.label.vi },
                    "description": { "en": t.description.en, "vi": t.description.vi },
                    "key": t.key,
                    "items": t.items.map(|i| i.container),
                    "ignored_update_cfs": t.ignored_update_cfs,
                    "rules": rules,
                    "fields": fields,
                })
            })
            .collect();
        println!("{}", json!({ "objects": list }));
        return Ok(0);
    }
    for t in schema::all() {
        println!("{}  —  {}", t.name, t.label.get(lang));
        println!("    {}", t.description.get(lang));
        let print = |f: &FieldDef, prefix: &str| {
            println!(
                "    {}{:<28} {:<10} {:<9} {}",
                prefix,
                f.name,
                f.ty.name(),
                if f.required { "required" } else { "" },
                f.label.get(lang)
            );
        };
        for f in t.fields {
            print(f, "");
        }
        if let Some(items) = t.items {
            for f in items.fields {
                print(f, &format!("{}.", items.container));
            }
        }
        for r in t
            .rules
            .iter()
            .chain(t.items.map(|i| i.rules).unwrap_or(&[]))
        {
            println!("    rule: {}", r.message.get(lang));
        }
        println!();
    }
    Ok(0)
}
