//! Which object type the file's columns fit: the type Map starts with when no
//! template applies, and the better type it offers when the chosen one fits much
//! worse (an orders sheet opened after a customer upload must not stay "Customers").

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::mapping::{TypeFit, better_fit, choose_object_type};
use crate::schema::ObjectType;

use super::MapState;
use super::state::{Action, object_for};

/// What Map knows of how the chosen type fits the file.
#[derive(Clone, Debug, Default)]
pub(super) struct FitHint {
    /// The type was chosen from the columns (not remembered, not picked): why.
    pub chosen: Option<TypeFit>,
    /// A type that fits the columns much better than the chosen one.
    pub better: Option<TypeFit>,
}

impl FitHint {
    /// The hint for `object` over `headers` (no "chosen" reason).
    pub fn for_object(object: &ObjectType, headers: &[String]) -> Self {
        Self {
            chosen: None,
            better: better_fit(object, headers),
        }
    }
}

/// The type a fresh Map starts with: the one remembered from last time (customers
/// when none) while no other type fits the columns much better, else the one they
/// fit best (the core's rule, the CLI's `--object auto` too); with the fit when it
/// was chosen from the columns.
pub(super) fn starting_object(
    remembered: Option<&str>,
    headers: &[String],
) -> (&'static ObjectType, Option<TypeFit>) {
    let kept = object_for(remembered);
    match choose_object_type(Some(kept), headers) {
        Some(fit) if fit.object.name != kept.name => (fit.object, Some(fit)),
        _ => (kept, None),
    }
}

/// The line under the type picker: the better type with a button to take it, or
/// why the type was chosen from the columns.
pub(super) fn ui(ui: &mut egui::Ui, st: &MapState, lang: Lang, actions: &mut Vec<Action>) {
    if let Some(better) = &st.fit.better {
        let best = better.object.label.get(lang);
        let current = st.object.label.get(lang);
        ui.horizontal_wrapped(|ui| {
            let text = match lang {
                Lang::En => format!("These columns fit {best} much better than {current}."),
                Lang::Vi => format!("Các cột này khớp với {best} hơn hẳn {current}."),
            };
            ui.colored_label(ui.visuals().warn_fg_color, text);
            let button = match lang {
                Lang::En => format!("Use {best}"),
                Lang::Vi => format!("Dùng {best}"),
            };
            if ui.button(button).clicked() {
                actions.push(Action::SetObject(better.object.name));
            }
        });
        ui.label(egui::RichText::new(better.reason(lang)).small().weak());
    } else if let Some(chosen) = &st.fit.chosen {
        ui.label(
            egui::RichText::new(format!(
                "{} {}",
                tr(
                    lang,
                    "Chosen from the file's columns:",
                    "Chọn theo các cột của tệp:"
                ),
                chosen.reason(lang)
            ))
            .small()
            .weak(),
        );
    }
}
