//! Which object type `--object` names: a type by its `objectType` value, or `auto`,
//! the type whose fields best match the file's headers (told on stderr, with why).

use std::path::Path;

use pango_importer::i18n::Lang;
use pango_importer::mapping::{Mapping, TypeFit, better_fit, choose_object_type};
use pango_importer::schema::{self, ObjectType};

use crate::fail::Fail;

/// The `--object` value that asks for the suggestion.
pub const AUTO: &str = "auto";

/// The object type for `object` (the `--object` value) and a file with `headers`.
/// With `auto`, a mapping file's own type wins (it was written for one type);
/// otherwise the best fitting type is chosen and told on stderr.
pub fn choose_object(
    object: &str,
    file: &Path,
    headers: &[String],
    mapping: Option<&Mapping>,
    lang: Lang,
) -> Result<&'static ObjectType, Fail> {
    if object != AUTO {
        return schema::find(object).ok_or_else(|| {
            Fail::file(
                file,
                format!(
                    "unknown object type '{object}'; run `pango-importer-cli objects` to list them, or use --object auto"
                ),
            )
        });
    }
    if let Some(m) = mapping
        && let Some(t) = schema::find(&m.object_type)
    {
        eprintln!("Object type: {} (from the mapping file)", t.name);
        return Ok(t);
    }
    let fit = choose_object_type(None, headers).ok_or_else(|| no_match(file, headers))?;
    eprintln!("{}", chosen_line(&fit, lang));
    Ok(fit.object)
}

/// "Object type: order, chosen from the headers: 6 of 6 columns match …".
fn chosen_line(fit: &TypeFit, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Object type: {}, chosen from the headers: {}",
            fit.object.name,
            fit.reason(lang)
        ),
        Lang::Vi => format!(
            "Loại dữ liệu: {}, chọn theo tiêu đề cột: {}",
            fit.object.name,
            fit.reason(lang)
        ),
    }
}

fn no_match(file: &Path, headers: &[String]) -> Fail {
    let shown: Vec<&str> = headers.iter().take(8).map(String::as_str).collect();
    Fail::file(
        file,
        format!(
            "no object type matches this file's headers ({}{}); choose one with --object TYPE (`pango-importer-cli objects` lists them)",
            shown.join(", "),
            if headers.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ),
    )
}

/// With a type given by name and columns matched from the headers: a note on
/// stderr when another type fits the headers much better.
pub fn warn_if_poor_fit(chosen: &ObjectType, headers: &[String], lang: Lang) {
    let Some(better) = better_fit(chosen, headers) else {
        return;
    };
    match lang {
        Lang::En => eprintln!(
            "note: the headers fit '{}' much better than '{}' ({}); try --object {} or --object auto",
            better.object.name,
            chosen.name,
            better.reason(lang),
            better.object.name
        ),
        Lang::Vi => eprintln!(
            "lưu ý: tiêu đề cột khớp với '{}' hơn hẳn '{}' ({}); hãy thử --object {} hoặc --object auto",
            better.object.name,
            chosen.name,
            better.reason(lang),
            better.object.name
        ),
    }
}
