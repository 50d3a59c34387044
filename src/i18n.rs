//! The two languages every user-facing string is written in.

use serde::{Deserialize, Serialize};

/// Language of messages shown to the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Vi,
}

/// A piece of text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text2 {
    pub en: &'static str,
    pub vi: &'static str,
}

impl Text2 {
    pub const fn new(en: &'static str, vi: &'static str) -> Self {
        Self { en, vi }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Vi => self.vi,
        }
    }
}
