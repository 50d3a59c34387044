//! The embedded font. egui's own fonts have no glyphs for ậ, ễ, ố …; Noto Sans (SIL OFL
//! 1.1, licence in `assets/fonts/OFL.txt`) draws all of Vietnamese. It comes first for
//! text and as a fallback for monospace, so no string depends on the machine's fonts.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

/// Noto Sans Regular, from Debian's fonts-noto-core.
pub const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

/// egui's fonts with Noto Sans in front.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        Arc::new(FontData::from_static(NOTO_SANS)),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "noto-sans".into());
    }
    if let Some(list) = fonts.families.get_mut(&FontFamily::Monospace) {
        list.push("noto-sans".into());
    }
    fonts
}

/// Installs the fonts into a context (the app at start-up, and tests).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
