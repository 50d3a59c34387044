//! Object types and their fields, as documented by Pango (shared/pango-api.md and
//! the Transaction seed page), with bilingual labels and header synonyms for
//! auto-matching. Custom fields are declared by the user (see [`CustomKind`]).

mod types;

pub use types::*;

/// Every object type the importer knows, in the order the UI lists them.
pub fn all() -> &'static [&'static ObjectType] {
    static ALL: &[&ObjectType] = &[];
    ALL
}

/// The object type whose `objectType` value is `name`.
pub fn find(name: &str) -> Option<&'static ObjectType> {
    all().iter().copied().find(|t| t.name == name)
}
